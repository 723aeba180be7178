/**
 * The VS Code client: starts the Schema Sense language server, shows its state as language status
 * items (next to the language of a Python, TypeScript or JavaScript file, as ESLint does; the
 * problem count is VS Code's own), and owns the commands. All analysis happens in the server.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';

interface StatusNotification {
  state: 'analysing' | 'ready' | 'error';
  files: number;
  findings: number;
  skipped: number;
  message?: string;
}

let client: LanguageClient | undefined;
let statusItem: vscode.LanguageStatusItem | undefined;
let output: vscode.OutputChannel | undefined;
let connectionItem: vscode.LanguageStatusItem | undefined;

/** The files whose language status shows Schema Sense: those it reads. */
const SELECTOR: vscode.DocumentSelector = ['python', 'typescript', 'javascript'].map((language) => ({ scheme: 'file', language }));
let lastReports: AuditReport[] = [];

interface AuditReport {
  root: string;
  error?: string;
  database?: { kind: string; describedAs: string; source: string; serverVersion?: string };
  counts?: Record<string, number>;
  markdown?: string;
  json?: string;
  sarif?: string;
}

/** The stored connection: its URL without the password in workspace state, the password in SecretStorage. */
const CONNECTION_KEY = 'schemasense.connection';
const passwordKey = (url: string) => `schemasense.password:${url}`;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Schema Sense');
  statusItem = vscode.languages.createLanguageStatusItem('schemasense.status', SELECTOR);
  statusItem.name = 'Schema Sense';
  statusItem.command = { title: 'Show output', command: 'schemasense.showOutput' };
  connectionItem = vscode.languages.createLanguageStatusItem('schemasense.connection', SELECTOR);
  connectionItem.name = 'Schema Sense database';
  context.subscriptions.push(output, statusItem, connectionItem);
  showConnection(context);

  context.subscriptions.push(
    vscode.commands.registerCommand('schemasense.showOutput', () => output?.show(true)),
    vscode.commands.registerCommand('schemasense.restartServer', async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand('schemasense.auditDatabase', () => auditDatabase(context)),
    vscode.commands.registerCommand('schemasense.connectDatabase', () => connectDatabase(context)),
    vscode.commands.registerCommand('schemasense.disconnectDatabase', () => disconnectDatabase(context)),
    vscode.commands.registerCommand('schemasense.exportAuditReport', () => exportAuditReport()),
    vscode.commands.registerCommand('schemasense.showRuleDoc', (ruleId: unknown) => showRuleDoc(context, ruleId)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => showConnection(context)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('schemasense.enable')) {
        await stopClient();
        await startClient(context);
      }
    }),
  );
  await startClient(context);
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  if (!vscode.workspace.getConfiguration('schemasense').get<boolean>('enable', true)) {
    showStatus({ state: 'error', files: 0, findings: 0, skipped: 0, message: 'off (schemasense.enable)' });
    void vscode.commands.executeCommand('setContext', 'schemasense.running', false);
    return;
  }
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'] },
    debug: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'], options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const settings = vscode.workspace.getConfiguration('schemasense');
  const clientOptions: LanguageClientOptions = {
    // (SQL: the migrations Flyway, dbmate and the like run; the server reads only those of them.)
    documentSelector: ['python', 'typescript', 'javascript', 'sql'].map((language) => ({ scheme: 'file', language })),
    outputChannel: output,
    initializationOptions: {
      // The server keeps parsed facts between sessions in the extension's storage for this workspace.
      storagePath: context.storageUri?.fsPath,
      rules: settings.get('rules'),
      include: settings.get('include'),
      exclude: settings.get('exclude'),
      schemas: settings.get('schemas'),
      showUnread: settings.get('showUnread'),
    },
    synchronize: { configurationSection: 'schemasense' },
    middleware: {
      // A rule's link opens its page rendered (the Markdown preview), not as Markdown source.
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(withRenderedDocLink)),
    },
  };
  client = new LanguageClient('schemasense', 'Schema Sense', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) showStatus({ state: 'error', files: 0, findings: 0, skipped: 0, message: 'server stopped' });
  });
  showStatus({ state: 'analysing', files: 0, findings: 0, skipped: 0 });
  await client.start();
  void vscode.commands.executeCommand('setContext', 'schemasense.running', true);
  context.subscriptions.push(client.onNotification('schemasense/status', (s: StatusNotification) => showStatus(s)));
}

/** The server links each diagnostic to its rule's page (a file); in VS Code the link shows the page rendered. */
function withRenderedDocLink(d: vscode.Diagnostic): vscode.Diagnostic {
  const code = d.code;
  if (typeof code !== 'object' || !code || !(code.target instanceof vscode.Uri) || code.target.scheme !== 'file') return d;
  const page = /\/docs\/rules\/([\w-]+)\.md$/.exec(code.target.path);
  if (!page) return d;
  d.code = { value: code.value, target: vscode.Uri.parse(`command:schemasense.showRuleDoc?${encodeURIComponent(JSON.stringify([page[1]]))}`) };
  return d;
}

/** The extension's page: packaged as its readme.md (vsce --readme-path), in development under docs/extension/. */
async function showUserGuide(context: vscode.ExtensionContext): Promise<void> {
  const candidates = [vscode.Uri.joinPath(context.extensionUri, 'docs', 'extension', 'README.md'), vscode.Uri.joinPath(context.extensionUri, 'readme.md')];
  for (const page of candidates) {
    const exists = await vscode.workspace.fs.stat(page).then(() => true, () => false);
    if (!exists) continue;
    await vscode.commands.executeCommand('markdown.showPreview', page).then(undefined, () => vscode.window.showTextDocument(page));
    return;
  }
}

async function showRuleDoc(context: vscode.ExtensionContext, ruleId: unknown): Promise<void> {
  if (typeof ruleId !== 'string' || !/^[\w-]+$/.test(ruleId)) return;
  const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
  // The Markdown preview is a webview; where it cannot open, the page opens as text.
  await vscode.commands.executeCommand('markdown.showPreview', page).then(undefined, () => vscode.window.showTextDocument(page));
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

function showStatus(s: StatusNotification): void {
  if (!statusItem) return;
  statusItem.busy = s.state === 'analysing';
  if (s.state === 'analysing') {
    statusItem.text = 'Schema Sense';
    statusItem.detail = 'analysing models and migrations';
    statusItem.severity = vscode.LanguageStatusSeverity.Information;
  } else if (s.state === 'error') {
    statusItem.text = 'Schema Sense';
    statusItem.detail = s.message ?? 'error';
    statusItem.severity = vscode.LanguageStatusSeverity.Error;
  } else {
    // The problem count is VS Code's own (the Problems panel and its counter): not repeated here.
    statusItem.text = 'Schema Sense';
    statusItem.detail = `${s.files} model and migration file(s) read${s.skipped ? `; ${s.skipped} could not be read` : ''}${s.message ? `. ${s.message}` : ''}`;
    statusItem.severity = s.skipped ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }
}

/** host/database of a URL: what the status bar shows (never the user or password). */
function shortName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'database';
  }
}

function showConnection(context: vscode.ExtensionContext): void {
  const stored = context.workspaceState.get<string>(CONNECTION_KEY);
  const setting = vscode.workspace.getConfiguration('schemasense').get<string>('databaseUrl');
  // `when` clauses of the commands: Disconnect only with a stored connection.
  void vscode.commands.executeCommand('setContext', 'schemasense.connected', !!stored);
  if (!connectionItem) return;
  if (!vscode.workspace.isTrusted) {
    connectionItem.text = 'no database';
    connectionItem.detail = 'untrusted workspace: "Audit database" uses the embedded PostgreSQL';
    connectionItem.command = undefined;
  } else if (stored || setting) {
    connectionItem.text = shortName(stored ?? setting!);
    connectionItem.detail = `audited read-only (${stored ? 'stored connection' : 'schemasense.databaseUrl'})`;
    connectionItem.command = { title: 'Change', command: 'schemasense.connectDatabase' };
  } else {
    connectionItem.text = 'embedded PostgreSQL';
    connectionItem.detail = '"Audit database" replays the migrations into it (DATABASE_URL, .env and alembic.ini are used when set)';
    connectionItem.command = { title: 'Connect', command: 'schemasense.connectDatabase' };
  }
}

async function connectDatabase(context: vscode.ExtensionContext): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Schema Sense never connects to a database from an untrusted workspace. Trust the workspace first.');
    return;
  }
  const entered = await vscode.window.showInputBox({
    title: 'Schema Sense: Connect to database',
    prompt: 'PostgreSQL URL. Schema Sense only reads, inside read-only transactions with a timeout.',
    placeHolder: 'postgresql://user@host:5432/database',
    ignoreFocusOut: true,
    validateInput: (v) => (/^postgres(ql)?:\/\/\S+$/i.test(v.trim()) ? undefined : 'A postgresql:// URL'),
  });
  if (!entered) return;
  const url = new URL(entered.trim());
  let password = decodeURIComponent(url.password);
  url.password = '';
  if (!password) {
    const typed = await vscode.window.showInputBox({ title: 'Schema Sense: Connect to database', prompt: `Password for ${url.username || 'the user'} (kept in VS Code's secret storage; leave empty for none)`, password: true, ignoreFocusOut: true });
    if (typed === undefined) return;
    password = typed;
  }
  const previous = context.workspaceState.get<string>(CONNECTION_KEY);
  if (previous) await context.secrets.delete(passwordKey(previous));
  await context.workspaceState.update(CONNECTION_KEY, url.toString());
  if (password) await context.secrets.store(passwordKey(url.toString()), password);
  showConnection(context);
  void vscode.window.showInformationMessage(`Schema Sense will audit ${shortName(url.toString())}.`);
}

async function disconnectDatabase(context: vscode.ExtensionContext): Promise<void> {
  const stored = context.workspaceState.get<string>(CONNECTION_KEY);
  if (stored) await context.secrets.delete(passwordKey(stored));
  await context.workspaceState.update(CONNECTION_KEY, undefined);
  showConnection(context);
}

/** The connection for an audit: the stored one (with its password), else the setting; none in an untrusted workspace. */
async function auditConnection(context: vscode.ExtensionContext): Promise<{ databaseUrl?: string; source?: string }> {
  if (!vscode.workspace.isTrusted) return {};
  const stored = context.workspaceState.get<string>(CONNECTION_KEY);
  if (stored) {
    const url = new URL(stored);
    const password = await context.secrets.get(passwordKey(stored));
    if (password) url.password = password;
    return { databaseUrl: url.toString(), source: 'the stored connection' };
  }
  const setting = vscode.workspace.getConfiguration('schemasense').get<string>('databaseUrl');
  return setting ? { databaseUrl: setting, source: 'the schemasense.databaseUrl setting' } : {};
}

async function auditDatabase(context: vscode.ExtensionContext): Promise<void> {
  const c = client;
  if (!c) {
    void vscode.window.showWarningMessage('Schema Sense is not running (schemasense.enable is off, or the server stopped).');
    return;
  }
  const params = { ...(await auditConnection(context)), trusted: vscode.workspace.isTrusted };
  type Response = { cancelled: boolean; reports: AuditReport[] };
  const response: Response | undefined = await vscode.window.withProgress<Response>(
    { location: vscode.ProgressLocation.Notification, title: 'Schema Sense: auditing the database', cancellable: true },
    async (progress, token) => {
      const sub = c.onNotification('schemasense/auditProgress', (p: { message: string }) => {
        output?.appendLine(`Audit: ${p.message}`);
        progress.report({ message: p.message });
      });
      try {
        return await c.sendRequest<{ cancelled: boolean; reports: AuditReport[] }>('schemasense/audit', params, token);
      } finally {
        sub.dispose();
      }
    },
  ).then((r) => r, (e: Error) => {
    output?.appendLine(`Audit failed: ${e.message}`);
    void vscode.window.showErrorMessage(`Schema Sense: the audit failed: ${e.message}`);
    return undefined;
  });
  if (!response) return;
  if (response.cancelled) {
    void vscode.window.showInformationMessage('Schema Sense: audit cancelled.');
    return;
  }
  lastReports = response.reports;
  void vscode.commands.executeCommand('setContext', 'schemasense.hasAuditReport', response.reports.some((r) => r.markdown));
  for (const r of response.reports) {
    if (!r.error) continue;
    output?.appendLine(`Audit of ${r.root} failed: ${r.error}`);
    // Not awaited: the other folders' reports open meanwhile.
    void vscode.window.showErrorMessage(`Schema Sense could not audit ${path.basename(r.root)}: ${r.error}`, 'Connect to database', 'Learn more').then((choice) => {
      if (choice === 'Connect to database') void vscode.commands.executeCommand('schemasense.connectDatabase');
      if (choice === 'Learn more') void showUserGuide(context);
    });
  }
  const done = response.reports.filter((r) => r.markdown);
  if (!done.length) return;
  // The report is a Markdown file in the extension's storage for this workspace (overwritten by the
  // next audit): readable as text everywhere, and rendered beside it by VS Code's own Markdown
  // preview (a webview, which some offline web hosts cannot load: not awaited).
  const folder = context.storageUri ?? context.globalStorageUri;
  await vscode.workspace.fs.createDirectory(folder);
  const file = vscode.Uri.joinPath(folder, 'schemasense-audit.md');
  await vscode.workspace.fs.writeFile(file, Buffer.from(done.map((r) => r.markdown).join('\n\n---\n\n'), 'utf8'));
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri).then(undefined, () => undefined);
  const plural = (n: number, s: string) => `${n} ${s}${n === 1 ? '' : 's'}`;
  const summary = done.map((r) => Object.entries(r.counts ?? {}).map(([s, n]) => plural(n, s)).join(', ') || 'no findings').join('; ');
  // Not awaited: the command is done when the report is open, whether or not the message is answered.
  void vscode.window.showInformationMessage(`Schema Sense audit: ${summary}.`, 'Export…').then((choice) => (choice ? exportAuditReport() : undefined));
}

async function exportAuditReport(): Promise<void> {
  const report = lastReports.find((r) => r.markdown);
  if (!report) {
    void vscode.window.showInformationMessage('Schema Sense: run "Audit database" first.');
    return;
  }
  const format = await vscode.window.showQuickPick([
    { label: 'Markdown', ext: 'md', text: report.markdown! },
    { label: 'JSON', ext: 'json', text: report.json! },
    { label: 'SARIF', ext: 'sarif', text: report.sarif! },
  ], { title: 'Export the audit report as' });
  if (!format) return;
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(report.root, `schemasense-audit.${format.ext}`)),
    filters: { [format.label]: [format.ext] },
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, Buffer.from(format.text, 'utf8'));
  void vscode.window.showInformationMessage(`Schema Sense: audit report written to ${vscode.workspace.asRelativePath(target)}.`);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
