/**
 * The Schema Sense language server: editor-agnostic, over stdio. It keeps one Project per
 * workspace folder, re-analyses after edits (debounced, serialised, never blocking requests), and
 * publishes diagnostics for every file whose findings changed — also files other than the edited one.
 */
import { coverageOf, type Coverage, type UnreadConstruct } from '../analysis/coverage';
import * as path from 'path';
import * as fs from 'fs';
import { lineEndingOf } from '../fixes/edits';
import {
  CancellationToken, CodeAction, CodeActionKind, Connection, createConnection, DidChangeWatchedFilesNotification, ErrorCodes, FileChangeType,
  InitializeParams, InitializeResult, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { definitionOf, describeTarget, foreignKeyAt } from '../analysis/navigation';
import { Analysis, Project } from '../analysis/project';
import { AuditCancelled, auditProject, type AuditResult } from '../analysis/audit';
import { formatJson, formatMarkdown, formatSarif } from '../cli/format';
import { ParsePool } from '../parsers/python/parsePool';
import { readFacts } from '../parsers/python/parseWorker';
import { cacheDirectory } from '../workspace/factsCache';
import { dialectChoiceNote } from '../workspace/dialect';
import { ignoreCommentEdit, lineEndsInsideString, lineEndsInsideTemplate } from '../analysis/suppression';
import type { MigrationReplay } from '../model/replay';
import type { Finding } from '../rules/types';
import type { SchemaSenseConfig } from '../workspace/config';
import { CONFIG_FILE } from '../workspace/config';
import { isSqlMigrationName, readSourceFile, toRelative } from '../workspace/discover';
import {
  clientCanApply, DIAGNOSTIC_SOURCE, DiagnosticData, fileToUri, fixToCodeAction, sameRange, toDiagnostic, toLspLocation, unreadToDiagnostic, uriToFile,
} from './convert';

/**
 * Wait after a change before analysing, so that a burst of changes (a paste, a save of several
 * files) is analysed once. Edits arriving while an analysis runs are drained by the next one.
 */
const DEBOUNCE_MS = 5;

export interface StatusNotification {
  state: 'analysing' | 'ready' | 'error';
  files: number;
  findings: number;
  skipped: number;
  message?: string;
}

export function startLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  new SchemaSenseServer(connection).listen();
}

/** How long after the first diagnostics the server warms up its edit path. */
const WARM_UP_DELAY_MS = 100;
/** How many times the warm-up re-analyses after a file of each kind. */
const WARM_UP_ROUNDS = 2;
/**
 * The model files the warm-up edits for real (see warmUpSteps): the TypeScript ORMs', whose first
 * edit re-judges through the resolution layer. (The SQLAlchemy models' same-text round already
 * compiles their path; two more analyses there would only delay a keystroke that comes meanwhile.)
 */
const MODEL_KINDS: ReadonlySet<string> = new Set(['typeorm-models', 'sequelize-models']);
/**
 * How long the editor must be quiet (no scan, no edit) before the facts cache is written: writing
 * it serialises every file's facts on this thread, which must never delay a keystroke's diagnostics.
 */
const CACHE_SAVE_IDLE_MS = 5000;

class SchemaSenseServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly projects = new Map<string, Project>();
  private earlyPool: ParsePool | undefined;
  private cacheDirectory: string | undefined;
  /** Workspace folders whose first scan is complete. */
  private readonly scanned = new Set<Project>();
  /** Projects for files opened outside every workspace folder: only their open buffers are read. */
  private readonly looseProjects = new Map<string, Project>();
  /** Per project: uri → fingerprint of the findings last published for it. */
  private readonly published = new Map<Project, Map<string, string>>();
  private readonly pending = new Map<Project, Map<string, string | null>>();
  private readonly timers = new Map<Project, NodeJS.Timeout>();
  private queue: Promise<void> = Promise.resolve();
  private supportsConfiguration = false;
  private supportsWatchRegistration = false;
  private supportsCreateFiles = false;
  private initOptions: Partial<SchemaSenseConfig> = {};
  private folders: string[] = [];
  private readonly reportedSkips = new Set<string>();
  /** Per project: what the last audit found that the editor's checks cannot (live rules, replay). */
  private readonly auditFindings = new Map<Project, Finding[]>();

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    process.on('uncaughtException', (e) => this.logError('uncaught exception', e));
    process.on('unhandledRejection', (e) => this.logError('unhandled rejection', e));
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.initialized());
    c.onDidChangeConfiguration((params) => {
      // Clients without `workspace/configuration` (Neovim 0.7, eglot) push the settings instead:
      // `{ settings: { schemasense: { … } } }`, the same shape as initializationOptions.
      const pushed = (params?.settings as { schemasense?: unknown } | undefined)?.schemasense;
      if (pushed !== undefined) this.pushedSettings = sanitizeSettings(pushed);
      this.enqueue(() => this.reloadConfiguration());
    });
    c.onDidChangeWatchedFiles((p) => {
      for (const change of p.changes) this.fileChangedOnDisk(change.uri, change.type);
    });
    this.documents.onDidChangeContent((e) => this.bufferChanged(e.document.uri, e.document.getText()));
    this.documents.onDidClose((e) => this.bufferClosed(e.document.uri));
    c.onCodeAction((p) => this.afterInitialize(() => this.guardAsync(() => this.codeActions(p.textDocument.uri, p.context.diagnostics), [])));
    c.onHover((p) => this.afterInitialize(() => this.guard(() => this.hover(p.textDocument.uri, p.position), null)));
    c.onDefinition((p) => this.afterInitialize(() => this.guard(() => this.definition(p.textDocument.uri, p.position), null)));
    c.onRequest('schemasense/audit', (params: AuditParams, token) => this.afterInitialize(() => this.audit(params, token)));
    c.onShutdown(async () => {
      for (const t of this.timers.values()) clearTimeout(t);
      await this.earlyPool?.close();
      this.earlyPool = undefined;
      await this.saveCaches();
    });
    this.documents.listen(c);
    c.listen();
  }

  /** Whether `initialize` has been received: requests before it are refused (LSP: -32002). */
  private initializeReceived = false;

  private afterInitialize<T>(answer: () => T): T | ResponseError<void> {
    if (!this.initializeReceived) return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized: send `initialize` first.');
    return answer();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.initializeReceived = true;
    const caps = params.capabilities;
    this.supportsConfiguration = !!caps.workspace?.configuration;
    this.supportsWatchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.supportsCreateFiles = !!caps.workspace?.workspaceEdit?.documentChanges && !!caps.workspace.workspaceEdit.resourceOperations?.includes('create');
    this.initOptions = sanitizeSettings(params.initializationOptions);
    const folders = params.workspaceFolders?.map((f) => uriToFile(f.uri)).filter((f): f is string => !!f)
      ?? (params.rootUri ? [uriToFile(params.rootUri)].filter((f): f is string => !!f) : []);
    this.folders = folders;
    // Projects exist from the start, so that buffers opened before the first scan belong to them.
    const storage = (params.initializationOptions as { storagePath?: unknown } | undefined)?.storagePath;
    this.cacheDirectory = cacheDirectory(typeof storage === 'string' ? storage : undefined);
    for (const folder of folders) this.projects.set(folder, new Project(folder, { settings: this.initOptions, cacheDirectory: this.cacheDirectory }));
    // Parse workers load their grammars while the client finishes the handshake; the first scan uses them.
    if (folders.length) this.earlyPool = ParsePool.early();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        definitionProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: false } },
      },
      serverInfo: { name: 'schemasense', version: '0.1.0' },
    };
  }

  private async initialized(): Promise<void> {
    // The scan is queued first: a buffer opened meanwhile is analysed after it, never alone
    // (alone, its references to other files would look missing).
    this.enqueue(async () => {
      for (const folder of this.folders) {
        const project = this.projects.get(folder)!;
        project.loadConfig(await this.settingsFor(folder));
        await this.scan(project);
        this.scanned.add(project);
      }
      this.publishAll();
      // The cold scan parsed on workers: this thread loads its parsers soon, not at the first keystroke
      // (after a pause, so that the first diagnostics reach the editor first).
      // (Planned in the queue too: planning asks for the analysis, which must not run beside an edit's.)
      setTimeout(() => this.enqueue(() => this.warmUpInSteps(this.warmUpSteps())), WARM_UP_DELAY_MS).unref();
      // The facts cache is written once the editor is quiet, and again at shutdown (edits since).
      this.saveCachesWhenIdle();
    });
    if (this.supportsWatchRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{py,ts,js,mjs,cjs,mts,cts}' }, { globPattern: '**/*.sql' }, { globPattern: `**/${CONFIG_FILE}` }, { globPattern: '**/{tsconfig,jsconfig}*.json' }, { globPattern: '**/{config,database,db,sequelize}*.json' }, { globPattern: '**/.sequelizerc' }],
      }).catch((e) => this.logError('could not register file watchers', e));
    }
  }

  /**
   * Reads a few files of each kind again on this thread, and re-analyses after one of them is edited
   * and restored (the findings end as they were), a few times: V8 optimises a function after it
   * has run a few times, so the code an edit runs is compiled and optimised before the first
   * keystroke needs it (one round left the first edits of a migration at twice the time of later ones).
   */
  private warmUpSteps(): (() => Promise<void> | void)[] {
    const steps: (() => Promise<void> | void)[] = [];
    for (const project of this.projects.values()) {
      const files = [...project.files.values()].filter((f) => !f.error);
      // Texts are not kept (facts are): the few files warmed up are read again.
      const textOf = async (file: string) => {
        const r = await readSourceFile(file);
        return 'skipped' in r ? undefined : r.text;
      };
      // A migration at the start of the longest chain: re-analysing after it replays the whole chain,
      // every kind of operation in it (one in the middle left the first edits early in the chain slow).
      const longest = project.analyse().migrations.reduce<MigrationReplay | undefined>((best, m) => (!best || m.steps.length > best.steps.length ? m : best), undefined);
      const firstMigration = longest?.steps[0] && project.files.get(longest.steps[0].migration.file);
      // Every kind the project has: the TypeScript readers (and the resolution layer after them) as much as the Python ones.
      for (const kind of ['sqlalchemy-models', 'alembic-migration', 'typeorm-models', 'sequelize-models', 'orm-migration'] as const) {
        const ofKind = files.filter((f) => f.kind === kind);
        if (!ofKind.length) continue;
        steps.push(async () => {
          for (const f of ofKind.slice(0, 3)) {
            const text = await textOf(f.path);
            if (text !== undefined) await readFacts({ file: f.path, text, kind }).catch(() => undefined);
          }
        });
        const warmed = firstMigration?.kind === kind ? firstMigration : ofKind[Math.floor(ofKind.length / 2)];
        for (let round = 0; round < WARM_UP_ROUNDS; round++) {
          steps.push(async () => {
            const text = !this.documents.get(fileToUri(warmed.path)) ? await textOf(warmed.path) : undefined;
            // Still the project's and not opened meanwhile: the warm-up never adds back a file.
            const current = project.files.get(warmed.path);
            if (text !== undefined && current && current.kind === kind && !this.documents.get(fileToUri(warmed.path))) {
              // An entity moved down a line and back: its tables change (their places), so the rules
              // re-judge them as after a keystroke — the same text alone changes nothing they would
              // re-run for. (Not a migration: moving the first one replays the whole chain twice, and
              // a keystroke meanwhile would wait for both.)
              if (MODEL_KINDS.has(kind)) {
                await project.update(warmed.path, `\n${text}`);
                project.analyse();
              }
              await project.update(warmed.path, text);
              project.analyse();
            }
          });
        }
      }
      steps.push(() => project.warmRules());
    }
    return steps;
  }

  /**
   * One step at a time, each queued when the one before has run: an edit that comes meanwhile is
   * analysed after the step that is running, not after the whole warm-up.
   */
  private warmUpInSteps(steps: (() => Promise<void> | void)[]): void {
    const step = steps.shift();
    if (!step) return;
    this.enqueue(async () => {
      try {
        await step();
      } catch (e) {
        // A warm-up that fails costs speed, not findings: said in the log, not as the analysis failing.
        this.logError('warm-up step failed', e);
      }
      setTimeout(() => this.warmUpInSteps(steps), 0).unref();
    });
  }

  private async saveCaches(): Promise<void> {
    for (const project of this.projects.values()) await project.saveCache().catch((e) => this.logError('could not write the facts cache', e));
  }

  private async scan(project: Project): Promise<void> {
    this.status({ state: 'analysing', files: 0, findings: 0, skipped: 0 });
    const pool = this.earlyPool;
    this.earlyPool = undefined;
    try {
      await project.scan(pool);
    } catch (e) {
      this.logError(`could not scan ${project.root}`, e);
      this.connection.window.showErrorMessage(`Schema Sense could not read the folder ${project.root}: ${(e as Error).message}`);
    }
    // Open buffers are newer than the disk.
    for (const doc of this.documents.all()) {
      const file = uriToFile(doc.uri);
      if (file && this.projectFor(file) === project && project.isRelevantPath(file)) await project.update(file, doc.getText());
    }
  }

  /** Settings a client pushed in `workspace/didChangeConfiguration`. */
  private pushedSettings: Partial<SchemaSenseConfig> = {};

  /** initializationOptions, then pushed settings, then what the client answers for the folder. */
  private async settingsFor(folder: string): Promise<Partial<SchemaSenseConfig>> {
    const base = { ...this.initOptions, ...this.pushedSettings };
    if (!this.supportsConfiguration) return base;
    try {
      const raw = await this.connection.workspace.getConfiguration({ scopeUri: fileToUri(folder), section: 'schemasense' });
      return { ...base, ...sanitizeSettings(raw) };
    } catch {
      return base;
    }
  }

  private async reloadConfiguration(): Promise<void> {
    for (const [folder, project] of this.projects) {
      project.loadConfig(await this.settingsFor(folder));
      await this.scan(project);
    }
    this.publishAll();
  }

  private projectFor(file: string): Project | undefined {
    let best: Project | undefined;
    for (const [folder, project] of this.projects) {
      const rel = path.relative(folder, file);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.length > best.root.length)) best = project;
    }
    return best;
  }

  private projectForBuffer(file: string): Project {
    const owner = this.projectFor(file);
    if (owner) return owner;
    const dir = path.dirname(file);
    let loose = this.looseProjects.get(dir);
    if (!loose) {
      loose = new Project(dir, { settings: this.initOptions });
      this.looseProjects.set(dir, loose);
    }
    return loose;
  }

  private bufferChanged(uri: string, text: string): void {
    const file = uriToFile(uri);
    if (!file) return;
    const project = this.projectForBuffer(file);
    if (!project.isRelevantPath(file) && !project.isSqlMigration(file)) return;
    this.schedule(project, file, text);
  }

  private bufferClosed(uri: string): void {
    const file = uriToFile(uri);
    if (!file) return;
    const project = this.projectFor(file);
    if (project) this.schedule(project, file, null);
    else {
      const loose = this.looseProjects.get(path.dirname(file));
      if (loose) {
        loose.remove(file);
        this.enqueue(async () => this.publish(loose));
      }
    }
  }

  private fileChangedOnDisk(uri: string, type: FileChangeType): void {
    const file = uriToFile(uri);
    if (!file) return;
    // (A package manifest names the database drivers and the libraries that keep tables of their own;
    // sequelize-cli's `.sequelizerc` and its configuration name the database.)
    if (path.basename(file) === CONFIG_FILE || path.basename(file) === 'package.json' || path.basename(file) === '.sequelizerc' || /^(config|database)\.json$/.test(path.basename(file))) {
      this.enqueue(() => this.reloadConfiguration());
      if (path.basename(file) === CONFIG_FILE) return;
    }
    const project = this.projectFor(file);
    // Path aliases changed: imports resolve anew (and may name modules not read yet).
    if (project && /^(tsconfig|jsconfig).*\.json$/.test(path.basename(file))) {
      this.enqueue(async () => {
        if (await project.moduleResolutionChanged()) await this.publish(project);
      });
      return;
    }
    // A migration of a tool not read (Flyway's `V3__x.sql`): the chain standing for its folder anew.
    if (project && isSqlMigrationName(path.basename(file))) {
      this.enqueue(async () => {
        if (await project.sqlMigrationChanged(file, type === FileChangeType.Deleted)) await this.publish(project);
      });
      return;
    }
    // A deleted folder may have held some.
    if (project && type === FileChangeType.Deleted) {
      this.enqueue(async () => {
        if (await project.sqlMigrationChanged(file, true)) await this.publish(project);
      });
    }
    if (!project || this.documents.get(uri)) return; // an open buffer wins over the disk
    if (type === FileChangeType.Deleted) {
      // In the queue, after any step already running: a step that read the file before it was
      // deleted (the idle warm-up re-analysing it) must not put it back afterwards.
      this.enqueue(async () => {
        if (project.removePath(file)) await this.publish(project);
      });
    } else if (project.isRelevantPath(file)) {
      this.schedule(project, file, null);
    }
  }

  private cacheSaveTimer: NodeJS.Timeout | undefined;

  /** Writes the facts caches after CACHE_SAVE_IDLE_MS without scans or edits (each re-arms it). */
  private saveCachesWhenIdle(): void {
    if (this.cacheSaveTimer) clearTimeout(this.cacheSaveTimer);
    this.cacheSaveTimer = setTimeout(() => {
      this.cacheSaveTimer = undefined;
      this.enqueue(() => this.saveCaches());
    }, CACHE_SAVE_IDLE_MS);
    this.cacheSaveTimer.unref();
  }

  /** Collects changes (text, or null to re-read from disk); one analysis run drains them all. */
  private schedule(project: Project, file: string, text: string | null): void {
    if (this.cacheSaveTimer) this.saveCachesWhenIdle();
    let changes = this.pending.get(project);
    if (!changes) this.pending.set(project, (changes = new Map()));
    changes.set(file, text);
    if (this.timers.has(project)) return;
    this.timers.set(project, setTimeout(() => {
      this.timers.delete(project);
      this.drain(project);
    }, DEBOUNCE_MS));
  }

  /** Queues the analysis of the changes collected for `project`. */
  private drain(project: Project): void {
    this.enqueue(async () => {
      const batch = this.pending.get(project);
      this.pending.delete(project);
      if (!batch) return;
      for (const [f, t] of batch) {
        if (t === null) await project.reload(f);
        else await project.update(f, t);
      }
      this.publish(project);
    });
  }

  /** Runs analysis steps one at a time; a failure is logged and the server goes on. */
  private enqueue(step: () => Promise<void> | void): void {
    this.queue = this.queue.then(step).catch((e) => {
      this.logError('analysis failed', e);
      this.status({ state: 'error', files: 0, findings: 0, skipped: 0, message: (e as Error).message });
    });
  }

  private publishAll(): void {
    for (const p of [...this.projects.values(), ...this.looseProjects.values()]) this.publish(p);
  }

  private publish(project: Project): void {
    // A workspace folder is published once it has been read as a whole.
    if (this.projects.get(project.root) === project && !this.scanned.has(project)) return;
    const analysis = withAuditFindings(project.analyse(), this.auditFindings.get(project));
    const unread = project.config.showUnread ? unreadByFile(coverageOf(analysis.models, analysis.migrations, analysis.dialect)) : undefined;
    let published = this.published.get(project);
    if (!published) this.published.set(project, (published = new Map()));
    const next = new Map<string, string>();
    const loose = !this.projects.has(project.root) || this.projects.get(project.root) !== project;
    for (const file of new Set([...analysis.byFile.keys(), ...(unread?.keys() ?? [])])) {
      // A loose file that a workspace folder now covers is that folder's to publish.
      if (loose && this.projectFor(file)) continue;
      const findings = analysis.byFile.get(file) ?? [];
      const hints = unread?.get(file) ?? [];
      const uri = fileToUri(file);
      const fingerprint = [...findings.map(findingFingerprint), ...hints.map((h) => `${h.location.range.start.line}:${h.what}`)].join('\n');
      next.set(uri, fingerprint);
      if (published.get(uri) !== fingerprint) void this.connection.sendDiagnostics({ uri, diagnostics: [...findings.map(toDiagnostic), ...hints.map(unreadToDiagnostic)] });
    }
    for (const uri of published.keys()) {
      if (!next.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.published.set(project, next);
    this.reportProblems(project, analysis);
    // (Which database the rules ran for, when the project is set up for several: see dialectChoiceNote.)
    const assumed = dialectChoiceNote(analysis.dialect);
    this.status({ state: 'ready', files: project.files.size, findings: analysis.findings.length, skipped: analysis.skipped.length, ...(assumed ? { message: assumed } : {}) });
  }

  private reportProblems(project: Project, analysis: Analysis): void {
    const fresh = analysis.skipped.filter((s) => !this.reportedSkips.has(`${s.file}\u0000${s.reason}`));
    for (const s of fresh) {
      this.reportedSkips.add(`${s.file}\u0000${s.reason}`);
      this.connection.console.warn(`Skipped ${toRelative(project.root, s.file)}: ${s.reason}`);
    }
    if (fresh.length) {
      const first = fresh[0];
      const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more; see the Schema Sense output)` : '';
      void this.connection.window.showWarningMessage(`Schema Sense could not read ${toRelative(project.root, first.file)}: it ${first.reason}${more}. The other files are analysed.`);
    }
    for (const p of analysis.configProblems) {
      const key = `config\u0000${project.root}\u0000${p}`;
      if (this.reportedSkips.has(key)) continue;
      this.reportedSkips.add(key);
      void this.connection.window.showWarningMessage(`Schema Sense configuration: ${p}`);
    }
    for (const e of analysis.ruleErrors) this.connection.console.error(`Rule ${e.ruleId} failed: ${e.error}`);
  }

  /**
   * "Audit database" for every workspace folder: the live (or embedded) database as one more
   * source. Progress goes to the client as notifications; the client's cancellation aborts it
   * (the embedded database is stopped either way). The findings that only an audit can make stay
   * in the Problems panel until the next audit.
   */
  private async audit(params: AuditParams, token: CancellationToken): Promise<AuditResponse> {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const reports: AuditResponse['reports'] = [];
    await new Promise<void>((resolve) => this.enqueue(resolve)); // after the pending edits
    for (const project of this.projects.values()) {
      const progress = (message: string) => void this.connection.sendNotification('schemasense/auditProgress', { message: `${path.basename(project.root)}: ${message}` });
      let result: AuditResult;
      try {
        result = await auditProject(project, {
          explicit: params.databaseUrl ? { url: params.databaseUrl, source: params.source ?? 'the editor' } : undefined,
          embeddedOnly: params.trusted === false,
          signal: controller.signal,
          onProgress: progress,
        });
      } catch (e) {
        if (e instanceof AuditCancelled) return { cancelled: true, reports };
        reports.push({ root: project.root, error: (e as Error).message });
        continue;
      }
      this.auditFindings.set(project, result.findings.filter(isAuditOnly));
      this.publish(project);
      const report = { findings: result.findings, skipped: result.analysis.skipped };
      reports.push({
        root: project.root,
        database: result.database,
        counts: countBySeverity(result.findings),
        markdown: formatMarkdown(project.root, result, (file, line) => `${fileToUri(file)}#L${line}`),
        json: formatJson(project.root, report, result),
        sarif: formatSarif(project.root, report),
      });
    }
    return { cancelled: false, reports };
  }

  private status(s: StatusNotification): void {
    void this.connection.sendNotification('schemasense/status', s);
  }

  private analysisFor(uri: string): { file: string; project: Project; analysis: Analysis } | undefined {
    const file = uriToFile(uri);
    if (!file) return undefined;
    const project = this.projectFor(file) ?? this.looseProjects.get(path.dirname(file));
    if (!project) return undefined;
    return { file, project, analysis: project.analyse() };
  }

  /** The line ending of a file as the editor has it open, else as it is on disk. */
  private lineEndingOfFile(file: string): string {
    const doc = this.documents.get(fileToUri(file));
    if (doc) return lineEndingOf(doc.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }));
    try {
      const fd = fs.openSync(file, 'r');
      try {
        const buffer = Buffer.alloc(4096);
        return lineEndingOf(buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, 4096, 0)));
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return '\n';
    }
  }

  /**
   * Quick fixes for the diagnostics the client holds. Those may be older than the buffer (typed
   * since, analysis pending): the fixes come from the current analysis, once the pending edits are
   * analysed, for the finding that is still at the diagnostic's place — never from the diagnostic's
   * own data, whose positions may point at other text now.
   */
  private async codeActions(uri: string, diagnostics: import('vscode-languageserver/node').Diagnostic[]): Promise<CodeAction[]> {
    const actions: CodeAction[] = [];
    const file = uriToFile(uri);
    const project = file && (this.projectFor(file) ?? this.looseProjects.get(path.dirname(file)));
    if (!file || !project) return actions;
    await this.settled(project);
    const doc = this.documents.get(uri);
    const current = project.analyse().byFile.get(file) ?? [];
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const data = d.data as DiagnosticData | undefined;
      if (!data) continue;
      const finding = current.find((f) => f.ruleId === data.ruleId && sameRange(toDiagnostic(f).range, d.range));
      if (!finding) continue; // stale: the diagnostics about to be published offer their own fixes
      const fixes = finding.fixes.filter((f) => clientCanApply(f, this.supportsCreateFiles));
      const preferred = fixes.filter((f) => f.safety === 'safe').length === 1;
      for (const fix of fixes) actions.push(fixToCodeAction(fix, d, preferred && fix.safety === 'safe', (f) => this.lineEndingOfFile(f)));
      if (doc && file) {
        const line = d.range.start.line;
        const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
        const syntax = !file.endsWith('.py')
          ? (lineEndsInsideTemplate(doc.getText(), line) ? 'sql' : 'typescript')
          : lineEndsInsideString(doc.getText(), line) ? 'sql' : 'python';
        const edit = ignoreCommentEdit(lineText, line, data.ruleId, syntax);
        actions.push({
          title: `Ignore ${data.ruleId} on this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          edit: { changes: { [uri]: [edit] } },
        });
      }
    }
    return actions;
  }

  private hover(uri: string, position: import('vscode-languageserver/node').Position) {
    const ctx = this.analysisFor(uri);
    if (!ctx) return null;
    const hit = foreignKeyAt(ctx.analysis.models, ctx.file, position, ctx.analysis.migrations.map((m) => m.schema));
    if (!hit) return null;
    const where = hit.foreignKey.targetTextLocation ?? hit.foreignKey.location;
    return {
      contents: { kind: 'markdown' as const, value: describeTarget(hit, (f) => toRelative(ctx.project.root, f)) },
      range: where.range,
    };
  }

  private definition(uri: string, position: import('vscode-languageserver/node').Position) {
    const ctx = this.analysisFor(uri);
    if (!ctx) return null;
    const hit = foreignKeyAt(ctx.analysis.models, ctx.file, position, ctx.analysis.migrations.map((m) => m.schema));
    const target = hit && definitionOf(hit);
    return target ? toLspLocation(target) : null;
  }

  /** Requests must never fail because of an analysis bug: log it and answer with nothing. */
  /** Resolves once the edits received so far are analysed (a pending debounce runs now). */
  private async settled(project: Project): Promise<void> {
    const timer = this.timers.get(project);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(project);
      this.drain(project);
    }
    await new Promise<void>((resolve) => this.enqueue(resolve));
  }

  private async guardAsync<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.logError('request failed', e);
      return fallback;
    }
  }

  private guard<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (e) {
      this.logError('request failed', e);
      return fallback;
    }
  }

  private logError(what: string, e: unknown): void {
    try {
      this.connection.console.error(`${what}: ${(e as Error)?.stack ?? String(e)}`);
    } catch {
      // the connection is gone; nothing to tell
    }
  }
}

/**
 * Everything a diagnostic shows, as one string: equal fingerprints need no new publication. Kept
 * per finding (the engine reuses unchanged ones).
 */
function findingFingerprint(f: Finding): string {
  let fingerprint = fingerprints.get(f);
  if (fingerprint === undefined) {
    const r = f.location.range;
    fingerprint = `${f.ruleId}|${f.severity}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}|${f.message}|${JSON.stringify(f.related)}|${JSON.stringify(f.fixes)}`;
    fingerprints.set(f, fingerprint);
  }
  return fingerprint;
}

const fingerprints = new WeakMap<Finding, string>();

interface AuditParams {
  /** The stored connection (with its password) or the setting; none: resolved from the workspace. */
  databaseUrl?: string;
  source?: string;
  /** An untrusted workspace: never connect, audit the embedded replay only. */
  trusted?: boolean;
}

interface AuditResponse {
  cancelled: boolean;
  reports: {
    root: string;
    error?: string;
    database?: AuditResult['database'];
    counts?: Record<string, number>;
    markdown?: string;
    json?: string;
    sarif?: string;
  }[];
}

/** Findings only an audit makes: the editor's own checks can never reproduce them. */
function isAuditOnly(f: Finding): boolean {
  return f.ruleId.startsWith('live-') || f.ruleId === 'migration-replay-failed';
}

function countBySeverity(findings: Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

/** The editor's analysis with the last audit's own findings added to their files. */
function withAuditFindings(analysis: Analysis, extra: Finding[] | undefined): Analysis {
  if (!extra?.length) return analysis;
  const byFile = new Map(analysis.byFile);
  // What only the database holds is in the audit report, not on some unrelated line of a file.
  for (const f of extra) if (f.location.file) byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);
  return { ...analysis, findings: [...analysis.findings, ...extra], byFile };
}

function unreadByFile(coverage: Coverage): Map<string, UnreadConstruct[]> {
  const out = new Map<string, UnreadConstruct[]>();
  for (const u of coverage.unread) {
    const list = out.get(u.location.file);
    if (list) list.push(u);
    else out.set(u.location.file, [u]);
  }
  return out;
}

/** Keeps only well-formed settings: a bad value in settings.json must not break the server. */
function sanitizeSettings(raw: unknown): Partial<SchemaSenseConfig> {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: Partial<SchemaSenseConfig> = {};
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    out.rules = {};
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && ['error', 'warning', 'info', 'hint', 'off'].includes(v)) out.rules[k] = v as never;
    }
  }
  const include = strings(r.include);
  if (include) out.include = include;
  const exclude = strings(r.exclude);
  if (exclude) out.exclude = exclude;
  const schemas = strings(r.schemas);
  if (schemas) out.schemas = schemas;
  if (typeof r.showUnread === 'boolean') out.showUnread = r.showUnread;
  return out;
}
