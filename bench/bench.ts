/**
 * `npm run bench`: the performance budgets of DESIGN.md, measured on a generated 2,000-file
 * workspace — through the core library, through the CLI process as a user starts it, and end to end
 * through the language server over stdio (a SQLAlchemy/Alembic backend, a TypeORM one and a Sequelize
 * one); then how the cost grows (a workspace full of findings at
 * 1x, 4x and 16x), a clean 20,000-file workspace (measured, no budget), and the replay of 1,000
 * migrations against Alembic's own offline run.
 *   cold analysis < 3 s · diagnostics after a one-line edit < 100 ms · resident memory < 400 MB
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { Project } from '../server/src/analysis/project';
import { parsePython } from '../server/src/parsers/python/treeSitter';
import { generateWorkspace } from './generate';
import { generateDefectWorkspace } from './generateDefects';
import { generateSequelizeWorkspace } from './generateSequelize';
import { generateTypeOrmWorkspace } from './generateTypeOrm';

const BUDGET = { coldMs: 3000, editMs: 100, rssMb: 400 };
const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');
const REPORTER = path.join(__dirname, 'processReport.js');
const EDITS = 30;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** An edit of one line that swaps `a` for `b` and back: a finding comes and goes with it. */
function swapOnLine(a: string, b: string): (text: string, line: number) => string {
  return (text, line) => {
    const lines = text.split('\n');
    lines[line] = lines[line].includes(a) ? lines[line].replace(a, b) : lines[line].replace(b, a);
    return lines.join('\n');
  };
}

/** A migration's column: `nullable=True` ↔ `nullable=False` (a drift on its model). */
const toggleNullable = swapOnLine('nullable=True', 'nullable=False');
/** A model's foreign key: `index=True` added at the end of its Column(...) and removed (a missing index). */
function toggleIndex(text: string, line: number): string {
  const lines = text.split('\n');
  lines[line] = lines[line].includes(', index=True)') ? lines[line].replace(', index=True)', ')') : lines[line].replace(/\)$/, ', index=True)');
  return lines.join('\n');
}
/** An entity's size: `length: NAME_MAX` (120, read across modules) ↔ `length: 100` (a drift). */
const toggleLength = swapOnLine('length: NAME_MAX', 'length: 100');
/** A TypeORM migration's column: `NOT NULL` dropped and restored (a drift on its entity). */
const toggleNotNull = swapOnLine('"name" character varying(120) NOT NULL', '"name" character varying(120)');
/** A Sequelize model's size: `STRING(NAME_MAX)` (120, required from a constants module) ↔ `STRING(100)` (a drift). */
const toggleSequelizeSize = swapOnLine('STRING(NAME_MAX)', 'STRING(100)');
/** A Sequelize migration's column: `allowNull: false` ↔ `allowNull: true` (a drift on its model). */
const toggleAllowNull = swapOnLine('allowNull: false', 'allowNull: true');

type Edit = { file: string; line: number; toggle: (text: string, line: number) => string; publishedOn?: string; languageId?: string };

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

interface ProcessRun {
  wallMs: number;
  /** CPU of every thread of the process. */
  cpuMs: number;
  peakRssMb: number;
  stdout: string;
}

/** Runs the CLI as a user does (`node dist/server.js …`), with what the whole process cost. */
async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  const report = path.join(os.tmpdir(), `schemasense-bench-report-${process.pid}.json`);
  fs.rmSync(report, { force: true });
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--require', REPORTER, SERVER, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env, SCHEMASENSE_BENCH_REPORT: report },
  });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (c: Buffer) => chunks.push(c));
  await new Promise<void>((resolve, reject) => child.on('error', reject).on('close', () => resolve()));
  const wallMs = performance.now() - t0;
  const { cpuMs, peakRssMb } = JSON.parse(fs.readFileSync(report, 'utf8')) as { cpuMs: number; peakRssMb: number };
  fs.rmSync(report, { force: true });
  return { wallMs, cpuMs, peakRssMb, stdout: Buffer.concat(chunks).toString('utf8') };
}

/** The CLI's cold check (no facts cache), the best of `runs` (a shared machine's noise is one-sided). */
async function benchCliCold(root: string, runs = 3): Promise<ProcessRun> {
  let best: ProcessRun | undefined;
  for (let i = 0; i < runs; i++) {
    const run = await runCli(['check', root, '--format', 'json', '--fail-on', 'never'], { SCHEMASENSE_CACHE: 'off' });
    if (!best || run.wallMs < best.wallMs) best = run;
  }
  return best!;
}

/** The CLI's check from its facts cache: a first run fills it, the second reads from it. */
async function benchCliCached(root: string): Promise<ProcessRun> {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-bench-cli-cache-'));
  const env = { SCHEMASENSE_CACHE_DIR: cacheDir };
  await runCli(['check', root, '--format', 'json', '--fail-on', 'never'], env);
  const run = await runCli(['check', root, '--format', 'json', '--fail-on', 'never'], env);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  return run;
}

/**
 * How the cost grows: the CLI's cold check of a workspace full of findings at 1x, 4x and 16x. Time
 * and memory per file should stay flat; the 4x run may take at most 4.6x the time of the 1x run.
 */
async function benchScaling(units: number) {
  const rows: { scale: number; files: number; findings: number; run: ProcessRun }[] = [];
  for (const scale of [1, 4, 16]) {
    const root = path.join(os.tmpdir(), `schemasense-bench-defects-${scale}`);
    const w = generateDefectWorkspace(root, units * scale);
    const run = await benchCliCold(root, scale === 16 ? 1 : 2);
    const findings = (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length;
    rows.push({ scale, files: w.files, findings, run });
    fs.rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

/**
 * The replay of 1,000 Alembic migrations (`schema --source migrations`, a cold process) against
 * Alembic generating their SQL offline (`alembic upgrade head --sql`), in CPU seconds. Alembic
 * comes from the system (Debian's python3-alembic); without it, only our side is measured.
 */
async function benchReplay(migrations = 1000): Promise<{ ours: ProcessRun; alembicCpuMs?: number; parseCpuMs: number; count: number }> {
  const root = path.join(os.tmpdir(), 'schemasense-bench-replay');
  // The generator makes a fifth of a workspace's files migrations.
  const g = generateWorkspace(root, migrations * 5);
  const dir = path.join(root, 'migrations');
  const ours = await runCli(['schema', dir, '--source', 'migrations'], { SCHEMASENSE_CACHE: 'off' });
  // The floor of any reader built on tree-sitter: parsing the files, nothing else (this process, one thread).
  const texts = g.migrationFiles.map((f) => fs.readFileSync(f, 'utf8'));
  (await parsePython(texts[0])).tree.delete();
  const before = process.cpuUsage();
  for (const text of texts) (await parsePython(text)).tree.delete();
  const used = process.cpuUsage(before);
  const parseCpuMs = (used.user + used.system) / 1000;
  // An offline environment: Alembic prints the SQL of every migration without a database.
  fs.writeFileSync(path.join(dir, 'env.py'), `from alembic import context

context.configure(url="postgresql://", literal_binds=True, dialect_opts={"paramstyle": "named"})
with context.begin_transaction():
    context.run_migrations()
`);
  fs.writeFileSync(path.join(root, 'alembic.ini'), `[alembic]\nscript_location = ${dir}\n`);
  let alembicCpuMs: number | undefined;
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import alembic'], { stdio: 'ignore' }).status === 0);
  if (python) {
    const timed = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time "${python}" -c 'from alembic.config import main; main()' -c alembic.ini upgrade head --sql > /dev/null`], {
      cwd: root, encoding: 'utf8',
    });
    const m = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(timed.stderr);
    if (timed.status === 0 && m) alembicCpuMs = (Number(m[1]) + Number(m[2])) * 1000;
    else console.log(`Alembic's offline run failed: ${timed.stderr.slice(-500)}`);
  }
  fs.rmSync(root, { recursive: true, force: true });
  return { ours, alembicCpuMs, parseCpuMs, count: g.migrationFiles.length };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** A language server session: its start, then edits of a model and a migration. `cacheDir`: where it keeps parsed facts. */
async function benchLsp(root: string, edit: Edit, migrationEdit: Edit, cacheDir: string) {
  const server = spawn(process.execPath, [SERVER, 'lsp', '--stdio'], {
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
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: editUri, languageId: e.languageId ?? 'python', version: 1, text } });
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
  await conn.sendRequest('shutdown'); // writes the facts cache
  await conn.sendNotification('exit');
  conn.dispose();
  server.kill();
  return { coldMs, edits, migrationEdits, rssMb };
}

function row(what: string, value: number, budget: number, unit: string): string {
  const ok = value <= budget;
  return `| ${what} | ${value.toFixed(unit === 'MB' ? 0 : 1)} ${unit} | < ${budget} ${unit} | ${ok ? 'PASS' : 'FAIL'} |`;
}

/** Two measures of one budget (a first and a second start): both must meet it. */
function pairRow(what: string, a: number, b: number, budget: number): string {
  return `| ${what} | ${a.toFixed(1)} / ${b.toFixed(1)} ms | < ${budget} ms | ${a <= budget && b <= budget ? 'PASS' : 'FAIL'} |`;
}

/**
 * The budgets on a generated TypeScript-ORM backend: the CLI cold and from its cache, and two
 * language server sessions (first opening, reopening from the facts cache) typing into a model and
 * a migration. The workspace is removed afterwards.
 */
async function benchOrmBackend(w: { orm: string; root: string; what: string; model: string; edit: Edit; migrationEdit: Edit }): Promise<string[]> {
  const cliCold = await benchCliCold(w.root);
  const cliCached = await benchCliCached(w.root);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-bench-cache-'));
  const first = await benchLsp(w.root, w.edit, w.migrationEdit, cacheDir);
  const lsp = await benchLsp(w.root, w.edit, w.migrationEdit, cacheDir);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.rmSync(w.root, { recursive: true, force: true });
  return [
    row(`${w.orm} (${w.what}): CLI \`check\` process, cold, best of 3`, cliCold.wallMs, BUDGET.coldMs, 'ms'),
    row(`${w.orm}: CLI \`check\` process, from the facts cache`, cliCached.wallMs, BUDGET.coldMs, 'ms'),
    row(`${w.orm}: CLI peak resident memory, cold`, cliCold.peakRssMb, BUDGET.rssMb, 'MB'),
    pairRow(`${w.orm}: LSP initialize to first diagnostics, first opening / reopening`, first.coldMs, lsp.coldMs, BUDGET.coldMs),
    pairRow(`${w.orm}: LSP first didChange of ${w.model} to publishDiagnostics, cold start / cached start`, first.edits[0], lsp.edits[0], BUDGET.editMs),
    row(`${w.orm}: LSP didChange of ${w.model} to publishDiagnostics, p95 of ${EDITS} (cached start)`, percentile(lsp.edits, 95), BUDGET.editMs, 'ms'),
    row(`${w.orm}: LSP didChange of a migration to publishDiagnostics, p95 of ${EDITS} (cached start)`, percentile(lsp.migrationEdits, 95), BUDGET.editMs, 'ms'),
    row(`${w.orm}: LSP server peak resident memory`, Math.max(first.rssMb, lsp.rssMb), BUDGET.rssMb, 'MB'),
  ];
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
  const cliCold = await benchCliCold(root);
  const cliCached = await benchCliCached(root);
  // First opening: nothing cached. Then a reopening, with the facts the first session cached.
  // Both type into a model and a migration: the first edit must be fast however the server started.
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-bench-cache-'));
  const first = await benchLsp(root, edit, migrationEdit, cacheDir);
  const lsp = await benchLsp(root, edit, migrationEdit, cacheDir);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.rmSync(root, { recursive: true, force: true });

  const lines = [
    '| measure | value | budget | |',
    '|---|---|---|---|',
    row('CLI: `check` process, cold (no facts cache), best of 3', cliCold.wallMs, BUDGET.coldMs, 'ms'),
    row('CLI: `check` process, from the facts cache', cliCached.wallMs, BUDGET.coldMs, 'ms'),
    row('CLI: peak resident memory, cold', cliCold.peakRssMb, BUDGET.rssMb, 'MB'),
    row('core: cold analysis (discover, read, parse, rules)', core.coldMs, BUDGET.coldMs, 'ms'),
    row(`core: re-analysis after a one-line edit, median of ${EDITS}`, percentile(core.edits, 50), BUDGET.editMs, 'ms'),
    row(`core: re-analysis after a one-line edit, p95`, percentile(core.edits, 95), BUDGET.editMs, 'ms'),
    row(`core: re-analysis after a one-line edit of a migration, median of ${EDITS}`, percentile(core.migrationEdits, 50), BUDGET.editMs, 'ms'),
    row('core: re-analysis after a one-line edit of a migration, p95', percentile(core.migrationEdits, 95), BUDGET.editMs, 'ms'),
    row('core: peak resident memory (this process)', core.rssMb, BUDGET.rssMb, 'MB'),
    row('LSP: initialize to first diagnostics published, first opening (nothing cached)', first.coldMs, BUDGET.coldMs, 'ms'),
    row('LSP: initialize to first diagnostics published, reopening (facts cache)', lsp.coldMs, BUDGET.coldMs, 'ms'),
    row('LSP, started without cache: first didChange to publishDiagnostics', first.edits[0], BUDGET.editMs, 'ms'),
    row('LSP, started without cache: didChange to publishDiagnostics, p95', percentile(first.edits, 95), BUDGET.editMs, 'ms'),
    row('LSP, started from the cache: first didChange to publishDiagnostics', lsp.edits[0], BUDGET.editMs, 'ms'),
    row(`LSP, started from the cache: didChange to publishDiagnostics, median of ${EDITS} (incl. 5 ms debounce)`, percentile(lsp.edits, 50), BUDGET.editMs, 'ms'),
    row('LSP, started from the cache: didChange to publishDiagnostics, p95', percentile(lsp.edits, 95), BUDGET.editMs, 'ms'),
    row('LSP, started from the cache: first didChange of a migration to publishDiagnostics', lsp.migrationEdits[0], BUDGET.editMs, 'ms'),
    row(`LSP, started from the cache: didChange of a migration to publishDiagnostics, median of ${EDITS}`, percentile(lsp.migrationEdits, 50), BUDGET.editMs, 'ms'),
    row('LSP, started from the cache: didChange of a migration to publishDiagnostics, p95', percentile(lsp.migrationEdits, 95), BUDGET.editMs, 'ms'),
    row('LSP: server peak resident memory', lsp.rssMb, BUDGET.rssMb, 'MB'),
  ];

  // The same budgets on a TypeORM backend of as many files (the TypeScript readers and the
  // resolution layer: path aliases, barrels, enums and constants across modules).
  const tsRoot = path.join(os.tmpdir(), `schemasense-bench-typeorm-${total}`);
  const ts = generateTypeOrmWorkspace(tsRoot, total);
  lines.push(...await benchOrmBackend({
    orm: 'TypeORM', root: tsRoot, what: `${ts.files} files: ${ts.entityFiles} entity files, ${ts.migrationFiles} migrations`, model: 'an entity',
    edit: { file: ts.editFile, line: ts.editLine, toggle: toggleLength, languageId: 'typescript' },
    migrationEdit: { file: ts.migrationEditFile, line: ts.migrationEditLine, toggle: toggleNotNull, publishedOn: ts.migrationEditEntity, languageId: 'typescript' },
  }));
  // And on a Sequelize backend (sequelize-cli's layout: model factories calling `init`, ORM-wide
  // `define` options in config.js, sizes required from a constants module, queryInterface migrations).
  const seqRoot = path.join(os.tmpdir(), `schemasense-bench-sequelize-${total}`);
  const seq = generateSequelizeWorkspace(seqRoot, total);
  lines.push(...await benchOrmBackend({
    orm: 'Sequelize', root: seqRoot, what: `${seq.files} files: ${seq.modelFiles} model files, ${seq.migrationFiles} migrations`, model: 'a model',
    edit: { file: seq.editFile, line: seq.editLine, toggle: toggleSequelizeSize, languageId: 'javascript' },
    migrationEdit: { file: seq.migrationEditFile, line: seq.migrationEditLine, toggle: toggleAllowNull, publishedOn: seq.migrationEditModel, languageId: 'javascript' },
  }));

  // How the cost grows with the work: a workspace full of findings at 1x, 4x and 16x.
  const units = Number(process.env.BENCH_SCALE_UNITS ?? 150);
  const scaling = await benchScaling(units);
  const base = scaling[0];
  const perFile = (r: typeof base) => r.run.wallMs / r.files;
  const scaleLines = [
    '',
    `Scaling: the CLI's cold check of a workspace full of findings (${units} shop modules at 1x; each a models file, a migration and a service file, seeded with every kind of mistake).`,
    '',
    '| scale | files | findings | wall | CPU | wall per file | vs 1x | peak memory | memory per file |',
    '|---|---|---|---|---|---|---|---|---|',
    ...scaling.map((r) => `| ${r.scale}x | ${r.files} | ${r.findings} | ${(r.run.wallMs / 1000).toFixed(2)} s | ${(r.run.cpuMs / 1000).toFixed(2)} s | ${perFile(r).toFixed(2)} ms | ${(perFile(r) / perFile(base)).toFixed(2)} | ${r.run.peakRssMb.toFixed(0)} MB | ${((r.run.peakRssMb * 1024) / r.files).toFixed(0)} KB |`),
    '',
  ];
  const fourX = scaling[1].run.wallMs / base.run.wallMs;
  lines.push(`| scaling: 4x the files and findings, time relative to 1x | ${fourX.toFixed(2)}x | < 4.6x | ${fourX <= 4.6 ? 'PASS' : 'FAIL'} |`);

  // The clean workspace at ten times the budget's size: no budget, measured (time and memory).
  const largeFiles = Number(process.env.BENCH_LARGE_FILES ?? 20000);
  const largeRoot = path.join(os.tmpdir(), `schemasense-bench-${largeFiles}`);
  generateWorkspace(largeRoot, largeFiles);
  const large = await benchCliCold(largeRoot, 1);
  fs.rmSync(largeRoot, { recursive: true, force: true });
  lines.push(`| (measured, no budget) ${largeFiles} files: CLI \`check\` process cold, wall / peak resident memory | ${(large.wallMs / 1000).toFixed(2)} s / ${large.peakRssMb.toFixed(0)} MB | | |`);

  const replay = await benchReplay();
  if (replay.alembicCpuMs !== undefined) {
    const ratio = replay.ours.cpuMs / replay.alembicCpuMs;
    lines.push(`| replay of ${replay.count} migrations: CPU of \`schema --source migrations\` (${(replay.ours.cpuMs / 1000).toFixed(2)} s) / \`alembic upgrade head --sql\` (${(replay.alembicCpuMs / 1000).toFixed(2)} s) | ${ratio.toFixed(2)} | < 0.25 | ${ratio <= 0.25 ? 'PASS' : 'FAIL'} |`);
    lines.push(`| (for reference) parsing the same files with tree-sitter alone, one thread: ${(replay.parseCpuMs / 1000).toFixed(2)} CPU-s / Alembic's | ${(replay.parseCpuMs / replay.alembicCpuMs).toFixed(2)} | | |`);
  } else {
    lines.push(`| replay of ${replay.count} migrations: CPU of \`schema --source migrations\` (Alembic not installed: no comparison) | ${(replay.ours.cpuMs / 1000).toFixed(2)} s | | |`);
  }
  console.log(lines.join('\n'));
  console.log(scaleLines.join('\n'));
  if (lines.some((l) => l.endsWith('FAIL |'))) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
