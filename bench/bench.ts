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

function toggleIndex(text: string, line: number): string {
  const lines = text.split('\n');
  lines[line] = lines[line].includes(', index=True)') ? lines[line].replace(', index=True)', ')') : lines[line].replace(/\)$/, ', index=True)');
  return lines.join('\n');
}

async function benchCore(root: string, editFile: string, editLine: number) {
  const t0 = performance.now();
  const project = new Project(root);
  await project.scan();
  const cold = project.analyse();
  const coldMs = performance.now() - t0;
  let text = fs.readFileSync(editFile, 'utf8');
  const edits: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    text = toggleIndex(text, editLine);
    const t = performance.now();
    await project.update(editFile, text);
    project.analyse();
    edits.push(performance.now() - t);
  }
  return { coldMs, edits, files: project.files.size, findings: cold.findings.length, tables: cold.models.tables.length, rssMb: process.resourceUsage().maxRSS / 1024 };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

async function benchLsp(root: string, editFile: string, editLine: number) {
  const server = spawn(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'server.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const editUri = pathToFileURL(editFile).toString();
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
  let text = fs.readFileSync(editFile, 'utf8');
  // Opening with the disk's text changes no finding, so nothing is published for it.
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: editUri, languageId: 'python', version: 1, text } });
  const edits: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    text = toggleIndex(text, editLine);
    const published = new Promise<void>((resolve) => (onDiagnostics = (u) => u === editUri && resolve()));
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: editUri, version: i + 2 }, contentChanges: [{ text }] });
    await published;
    edits.push(performance.now() - t);
  }
  const rssMb = peakRssMb(server.pid!);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  server.kill();
  return { coldMs, edits, rssMb };
}

function row(what: string, value: number, budget: number, unit: string): string {
  const ok = value <= budget;
  return `| ${what} | ${value.toFixed(unit === 'MB' ? 0 : 1)} ${unit} | < ${budget} ${unit} | ${ok ? 'PASS' : 'FAIL'} |`;
}

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_FILES ?? 2000);
  const root = path.join(os.tmpdir(), `schemasense-bench-${total}`);
  const g = generateWorkspace(root, total);
  console.log(`Generated ${total} files in ${root}: ${g.modelFiles.length} model files, ${g.otherFiles.length} other Python files.`);
  console.log(`Machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}.\n`);

  const core = await benchCore(root, g.editFile, g.editLine);
  console.log(`Core: ${core.files} model files read, ${core.tables} tables, ${core.findings} findings.`);
  const lsp = await benchLsp(root, g.editFile, g.editLine);

  const lines = [
    '| measure | value | budget | |',
    '|---|---|---|---|',
    row('core: cold analysis (discover, read, parse, rules)', core.coldMs, BUDGET.coldMs, 'ms'),
    row(`core: re-analysis after a one-line edit, median of ${EDITS}`, percentile(core.edits, 50), BUDGET.editMs, 'ms'),
    row(`core: re-analysis after a one-line edit, p95`, percentile(core.edits, 95), BUDGET.editMs, 'ms'),
    row('core: peak resident memory (this process)', core.rssMb, BUDGET.rssMb, 'MB'),
    row('LSP: initialize to first diagnostics published', lsp.coldMs, BUDGET.coldMs, 'ms'),
    row(`LSP: didChange to publishDiagnostics, median of ${EDITS} (incl. 5 ms debounce)`, percentile(lsp.edits, 50), BUDGET.editMs, 'ms'),
    row('LSP: didChange to publishDiagnostics, p95', percentile(lsp.edits, 95), BUDGET.editMs, 'ms'),
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
