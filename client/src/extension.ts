/**
 * The VS Code client: starts the Schema Sense language server, shows its state in the status bar,
 * and owns the commands. All analysis happens in the server.
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
let statusItem: vscode.StatusBarItem | undefined;
let output: vscode.OutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Schema Sense');
  statusItem = vscode.window.createStatusBarItem('schemasense.status', vscode.StatusBarAlignment.Left, 10);
  statusItem.name = 'Schema Sense';
  statusItem.command = 'schemasense.showOutput';
  context.subscriptions.push(output, statusItem);

  context.subscriptions.push(
    vscode.commands.registerCommand('schemasense.showOutput', () => output?.show(true)),
    vscode.commands.registerCommand('schemasense.restartServer', async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand('schemasense.auditDatabase', () =>
      vscode.window.showInformationMessage(
        'Schema Sense: "Audit database" is not available in this version yet. It will compare your models and migrations with a live or embedded PostgreSQL. The static checks already run in the Problems panel and with `schemasense check`.',
      ),
    ),
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
    statusItem?.hide();
    return;
  }
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'] },
    debug: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'], options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const settings = vscode.workspace.getConfiguration('schemasense');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'python' }],
    outputChannel: output,
    initializationOptions: {
      // The server keeps parsed facts between sessions in the extension's storage for this workspace.
      storagePath: context.storageUri?.fsPath,
      rules: settings.get('rules'),
      include: settings.get('include'),
      exclude: settings.get('exclude'),
      schemas: settings.get('schemas'),
    },
    synchronize: { configurationSection: 'schemasense' },
  };
  client = new LanguageClient('schemasense', 'Schema Sense', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) showStatus({ state: 'error', files: 0, findings: 0, skipped: 0, message: 'server stopped' });
  });
  showStatus({ state: 'analysing', files: 0, findings: 0, skipped: 0 });
  await client.start();
  context.subscriptions.push(client.onNotification('schemasense/status', (s: StatusNotification) => showStatus(s)));
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}

function showStatus(s: StatusNotification): void {
  if (!statusItem) return;
  if (s.state === 'analysing') {
    statusItem.text = '$(sync~spin) Schema Sense';
    statusItem.tooltip = 'Schema Sense is analysing models and migrations';
  } else if (s.state === 'error') {
    statusItem.text = '$(error) Schema Sense';
    statusItem.tooltip = `Schema Sense: ${s.message ?? 'error'} — click for the output`;
  } else {
    statusItem.text = s.findings ? `$(database) Schema Sense: ${s.findings}` : '$(database) Schema Sense';
    const skipped = s.skipped ? `; ${s.skipped} file(s) could not be read` : '';
    statusItem.tooltip = `Schema Sense: ${s.files} model/migration file(s), ${s.findings} finding(s)${skipped}`;
  }
  statusItem.show();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
