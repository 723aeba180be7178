/**
 * A minimal LSP client for tests: starts the built server (`dist/server.js lsp --stdio`) as a
 * separate process and talks JSON-RPC over its stdin/stdout, exactly as an editor does.
 */
import { ChildProcess, spawn } from 'child_process';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, Diagnostic, InitializeRequest, ProtocolConnection, PublishDiagnosticsNotification,
  StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { SERVER_BUNDLE } from './paths';

export class TestLspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly messages: string[] = [];
  /** The server's `schemasense/status` notifications, in order (what the editor's language status shows). */
  readonly statuses: { state: string; message?: string }[] = [];
  private readonly process: ChildProcess;
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];
  stderr = '';
  /** What the client answers to workspace/configuration for the `schemasense` section. */
  settings: Record<string, unknown> = {};

  /** `env`: the server's environment (by default, no facts cache: every test starts cold). */
  constructor(env: NodeJS.ProcessEnv = { ...process.env, SCHEMASENSE_CACHE: 'off' }) {
    this.process = spawn(process.execPath, [SERVER_BUNDLE, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.process.stderr!.on('data', (d) => (this.stderr += d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.poke();
    });
    this.connection.onNotification('window/showMessage', (p: { message: string }) => {
      this.messages.push(p.message);
      this.poke();
    });
    this.connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
      this.messages.push(p.message);
      this.poke();
      return null;
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('schemasense/status', (s: { state: string; message?: string }) => {
      this.statuses.push(s);
      this.poke();
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.listen();
  }

  /** `configuration: false`: a client that cannot answer workspace/configuration (it pushes settings instead). */
  async initialize(folder: string, options: { createFiles?: boolean; configuration?: boolean } = {}): Promise<void> {
    const uri = pathToFileURL(folder).toString();
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'test' }],
      capabilities: {
        workspace: {
          configuration: options.configuration ?? true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          ...(options.createFiles ? { workspaceEdit: { documentChanges: true, resourceOperations: ['create' as const] } } : {}),
        },
        textDocument: { publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } } },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves when `check` holds after some notification; fails after `ms`. */
  waitFor(check: () => boolean, what: string, ms = 10000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`)), ms);
      this.waiters.push({ check, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  private version = 1;

  /** textDocument/didOpen of `file` with `text` (Python, unless said). */
  async open(file: string, text: string, languageId = 'python'): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: pathToFileURL(file).toString(), languageId, version: this.version++, text },
    });
  }

  /** textDocument/didClose of `file`. */
  async close(file: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: pathToFileURL(file).toString() } });
  }

  /** textDocument/didChange of `file` to `text`, as one full-text change. */
  async change(file: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: pathToFileURL(file).toString(), version: this.version++ },
      contentChanges: [{ text }],
    });
  }

  diagnosticsOf(file: string): Diagnostic[] {
    return this.diagnostics.get(pathToFileURL(file).toString()) ?? [];
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }

  get exited(): boolean {
    return this.process.exitCode !== null;
  }

  /** Resolves when the server process has ended (however it was made to). */
  whenExited(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => this.process.once('exit', () => resolve()));
  }

  /** Ends the server the hard ways an editor may: a signal, or its input closed. */
  kill(signal: NodeJS.Signals): void {
    this.process.kill(signal);
  }

  closeInput(): void {
    this.process.stdin!.end();
  }
}
