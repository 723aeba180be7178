/**
 * `npm run bench`: the performance budgets of DESIGN.md, measured on a generated 2,000-file
 * workspace — through the core library, and end to end through the language server over stdio.
 *   cold analysis < 3 s · diagnostics after a one-line edit < 100 ms · resident memory < 400 MB
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { Project } from '../server/src/analysis/project';
import { generateWorkspace } from './generate';

const BUDGET = { coldMs: 3000, editMs: 100, rssMb: 400 };
const EDITS = 30;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A one-line edit of a migration: `nullable=True` ↔ `nullable=False` (a drift finding comes and goes). */
function toggleNullable(text: string, line: number): string {
  const lines = text.split('\n');
  lines[line] = lines[line].includes('nullable=True') ? lines[line].replace('nullable=True', 'nullable=False') : lines[line].replace('nullable=False', 'nullable=True');
  return lines.join('\n');
}

function toggleIndex(text: string, line: number): string {
  const lines = text.split('\n');
  lines[line] = lines[line].includes(', index=True)') ? lines[line].replace(', index=True)', ')') : lines[line].replace(/\)$/, ', index=True)');
  return lines.join('\n');
}

type Edit = { file: string; line: number; toggle: (text: string, line: number) => string; publishedOn?: string };

async function benchCore(root: string, edit: Edit, migrationEdit: Edit) {
  const t0 = performance.now();
  const project = new Project(root);
  await project.scan();
  const cold = project.analyse();
  const coldMs = performance.now() - t0;
  const timeEdits = async (e: Edit) => {
    let text = fs.readFileSync(e.file, 'utf8');
    const times: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      text = e.toggle(text, e.line);
      const t = performance.now();
      await project.update(e.file, text);
      project.analyse();
      times.push(performance.now() - t);
    }
    return times;
  };
  const edits = await timeEdits(edit);
  const migrationEdits = await timeEdits(migrationEdit);
  return {
    coldMs, edits, migrationEdits, files: project.files.size, findings: cold.findings.length, tables: cold.models.tables.length,
    migratedTables: cold.migrations.reduce((n, m) => n + m.schema.tables.length, 0), rssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** A language server session; `measureEdits: false` measures the start only. `cacheDir`: where it keeps parsed facts. */
async function benchLsp(root: string, edit: Edit, migrationEdit: Edit, cacheDir: string, measureEdits = true) {
  const server = spawn(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'server.js'), 'lsp', '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, SCHEMASENSE_CACHE_DIR: cacheDir },
  });
  const conn = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  let onStatus: ((s: { state: string }) => void) | undefined;
  let onDiagnostics: ((uri: string, count: number) => void) | undefined;
  conn.onNotification('schemasense/status', (s: { state: string }) => onStatus?.(s));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => onDiagnostics?.(p.uri, p.diagnostics.length));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/showMessageRequest', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  const uri = pathToFileURL(root).toString();
  const t0 = performance.now();
  const ready = new Promise<void>((resolve) => (onStatus = (s) => s.state === 'ready' && resolve()));
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  await ready;
  const coldMs = performance.now() - t0;
  onStatus = undefined;
  if (!measureEdits) {
    await conn.sendRequest('shutdown'); // writes the facts cache
    await conn.sendNotification('exit');
    conn.dispose();
    server.kill();
    return { coldMs, edits: [0], migrationEdits: [0], rssMb: 0 };
  }
  // A person opens a file and starts typing a moment after the first diagnostics; meanwhile the
  // server warms up the code an edit runs (see warmUp in lsp/server.ts).
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // Each edit changes a finding of the edited file (a missing index, a drift on the model): the
  // time is from the change to the diagnostics of the file the finding is published on.
  const timeEdits = async (e: Edit, publishedOn: string) => {
    const editUri = pathToFileURL(e.file).toString();
    const watchUri = pathToFileURL(publishedOn).toString();
    let text = fs.readFileSync(e.file, 'utf8');
    // Opening with the disk's text changes no finding, so nothing is published for it.
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: editUri, languageId: 'python', version: 1, text } });
    const times: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      text = e.toggle(text, e.line);
      const published = new Promise<void>((resolve) => (onDiagnostics = (u) => u === watchUri && resolve()));
      const t = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri: editUri, version: i + 2 }, contentChanges: [{ text }] });
      await published;
      times.push(performance.now() - t);
    }
    return times;
  };
  const edits = await timeEdits(edit, edit.file);
  const migrationEdits = await timeEdits(migrationEdit, migrationEdit.publishedOn ?? migrationEdit.file);
  const rssMb = peakRssMb(server.pid!);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  server.kill();
  return { coldMs, edits, migrationEdits, rssMb };
}

function row(what: string, value: number, budget: number, unit: string): string {
  const ok = value <= budget;
  return `| ${what} | ${value.toFixed(unit === 'MB' ? 0 : 1)} ${unit} | < ${budget} ${unit} | ${ok ? 'PASS' : 'FAIL'} |`;
}

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_FILES ?? 2000);
  const root = path.join(os.tmpdir(), `schemasense-bench-${total}`);
  // The default workload: a large backend, 2,000 Python files of which a quarter are model files
  // (4 tables each: 2,000 tables) and a fifth Alembic migrations; BENCH_MODEL_SHARE and
  // BENCH_MIGRATION_SHARE change the mix (e.g. 0.4 and 0.2 for a 3,200-table stress test).
  const modelShare = Number(process.env.BENCH_MODEL_SHARE ?? 0.25);
  const migrationShare = Number(process.env.BENCH_MIGRATION_SHARE ?? 0.2);
  const g = generateWorkspace(root, total, modelShare, migrationShare);
  console.log(`Generated ${total} files in ${root}: ${g.modelFiles.length} model files, ${g.migrationFiles.length} Alembic migrations, ${g.otherFiles.length} other Python files.`);
  console.log(`Machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}.\n`);

  const edit: Edit = { file: g.editFile, line: g.editLine, toggle: toggleIndex };
  // The drift finding a migration edit causes is published on the model of that table.
  const migrationEdit: Edit = { file: g.migrationEditFile, line: g.migrationEditLine, toggle: toggleNullable, publishedOn: g.migrationEditModel };
  const core = await benchCore(root, edit, migrationEdit);
  console.log(`Core: ${core.files} model and migration files read, ${core.tables} model tables, ${core.migratedTables} tables after migrations, ${core.findings} findings.`);
  // First opening: nothing cached. Then a reopening, with the facts the first session cached.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-bench-cache-'));
  const first = await benchLsp(root, edit, migrationEdit, cacheDir, false);
  const lsp = await benchLsp(root, edit, migrationEdit, cacheDir);
  fs.rmSync(cacheDir, { recursive: true, force: true });

  const lines = [
    '| measure | value | budget | |',
    '|---|---|---|---|',
    row('core: cold analysis (discover, read, parse, rules)', core.coldMs, BUDGET.coldMs, 'ms'),
    row(`core: re-analysis after a one-line edit, median of ${EDITS}`, percentile(core.edits, 50), BUDGET.editMs, 'ms'),
    row(`core: re-analysis after a one-line edit, p95`, percentile(core.edits, 95), BUDGET.editMs, 'ms'),
    row(`core: re-analysis after a one-line edit of a migration, median of ${EDITS}`, percentile(core.migrationEdits, 50), BUDGET.editMs, 'ms'),
    row('core: re-analysis after a one-line edit of a migration, p95', percentile(core.migrationEdits, 95), BUDGET.editMs, 'ms'),
    row('core: peak resident memory (this process)', core.rssMb, BUDGET.rssMb, 'MB'),
    row('LSP: initialize to first diagnostics published, first opening (nothing cached)', first.coldMs, BUDGET.coldMs, 'ms'),
    row('LSP: initialize to first diagnostics published, reopening (facts cache)', lsp.coldMs, BUDGET.coldMs, 'ms'),
    row(`LSP: didChange to publishDiagnostics, median of ${EDITS} (incl. 5 ms debounce)`, percentile(lsp.edits, 50), BUDGET.editMs, 'ms'),
    row('LSP: didChange to publishDiagnostics, p95', percentile(lsp.edits, 95), BUDGET.editMs, 'ms'),
    row(`LSP: didChange of a migration to publishDiagnostics, median of ${EDITS}`, percentile(lsp.migrationEdits, 50), BUDGET.editMs, 'ms'),
    row('LSP: didChange of a migration to publishDiagnostics, p95', percentile(lsp.migrationEdits, 95), BUDGET.editMs, 'ms'),
    row('LSP: server peak resident memory', lsp.rssMb, BUDGET.rssMb, 'MB'),
  ];
  console.log(lines.join('\n'));
  fs.rmSync(root, { recursive: true, force: true });
  if (lines.some((l) => l.endsWith('FAIL |'))) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
