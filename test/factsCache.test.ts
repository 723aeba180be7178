/**
 * The facts cache: a second scan reads unchanged files from it and gives the same analysis; a
 * changed file is parsed again; a damaged, foreign or disabled cache changes nothing but speed.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Project } from '../server/src/analysis/project';
import { WORKER_THRESHOLD } from '../server/src/parsers/python/parsePool';
import { TestLspClient } from './helpers/lspClient';
import { CLI, REPO_ROOT } from './helpers/paths';
import { ensureCacheDirectory, FactsCache } from '../server/src/workspace/factsCache';
import { anyFactsFromJson, anyFactsToJson } from '../server/src/parsers/python/parseWorker';
import { CompactLocation, type Location, locationOf } from '../server/src/model/source';
import type { AlembicMigrationFacts } from '../server/src/facts/alembic';
import { writeLines } from './helpers/files';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'sqlalchemy-app');

function describeFindings(root: string, project: Project): string[] {
  return project.analyse().findings.map((f) => `${path.relative(root, f.location.file)}:${f.location.range.start.line} ${f.ruleId} ${f.message}`);
}


type StoredCache = { header: { format: string; version: string }; entries: Record<string, { hash: string; kind: string; json: string }> };

/** A cache file as documented: a header line, then `["path","hash","kind"]<TAB><facts JSON>` per file. */
function readCache(file: string): StoredCache {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const entries: StoredCache['entries'] = {};
  for (const line of lines) {
    const tab = line.indexOf('\t');
    const [f, hash, kind] = JSON.parse(line.slice(0, tab)) as string[];
    entries[f] = { hash, kind, json: line.slice(tab + 1) };
  }
  return { header: JSON.parse(header), entries };
}

function cacheText(stored: StoredCache): string {
  return [JSON.stringify(stored.header), ...Object.entries(stored.entries).map(([f, e]) => `${JSON.stringify([f, e.hash, e.kind])}\t${e.json}`)].join('\n') + '\n';
}

describe('facts cache', function () {
  this.timeout(60000);
  let dir: string;
  let cache: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-cache-'));
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-cachedir-'));
    fs.cpSync(EXAMPLE, dir, { recursive: true });
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  });

  for (const large of [false, true]) {
    it(`a second scan reuses unchanged files' facts and re-reads changed ones${large ? ' (on worker threads)' : ''}`, async () => {
      if (large) for (let i = 0; i < WORKER_THRESHOLD; i++) fs.writeFileSync(path.join(dir, `service_${i}.py`), `def handle_${i}():\n    return ${i}\n`);
      const first = new Project(dir, { cacheDirectory: cache });
      await first.scan();
      const before = describeFindings(dir, first);
      await first.saveCache();
      const files = fs.readdirSync(cache);
      assert.strictEqual(files.length, 1, 'one cache file per workspace folder');
      const stored = readCache(path.join(cache, files[0]));
      assert.strictEqual(Object.keys(stored.entries).length, first.files.size, 'every model and migration file is cached');

      // Unchanged files are not parsed again: facts marked in the cache show up in the analysis.
      const lead = path.join(dir, 'app', 'models', 'lead.py');
      stored.entries[lead].json = stored.entries[lead].json.replace('"name":"LeadContact"', '"name":"LeadContactFromCache"');
      fs.writeFileSync(path.join(cache, files[0]), cacheText(stored));
      // A changed file must be parsed again.
      const jobs = path.join(dir, 'app', 'models', 'jobs.py');
      fs.writeFileSync(jobs, fs.readFileSync(jobs, 'utf8').replace('__tablename__ = "jobs"', '__tablename__ = "job_runs"'));
      const second = new Project(dir, { cacheDirectory: cache });
      await second.scan();
      const after = describeFindings(dir, second);
      assert.ok(second.analyse().models.tables.some((t) => t.className === 'LeadContactFromCache'), 'the cached facts were used');
      const unmarked = (list: string[]) => list.filter((f) => !f.includes('jobs.py')).map((f) => f.replace('LeadContactFromCache', 'LeadContact'));
      assert.deepStrictEqual(unmarked(after), unmarked(before));
      assert.ok(after.some((f) => f.includes('"public.job_runs"')), 'the changed file was read again');
      assert.ok(!after.some((f) => f.includes('"public.jobs"')));
    });
  }

  it('SQL migration files are cached too: an unchanged one is taken from the cache, a changed one read again', async () => {
    const flyway = path.join(dir, 'db', 'migration');
    fs.mkdirSync(flyway, { recursive: true });
    const first = path.join(flyway, 'V1__audit_log.sql');
    const second = path.join(flyway, 'V2__audit_index.sql');
    fs.writeFileSync(first, 'create table audit_log (id bigint primary key, actor text not null);\n');
    fs.writeFileSync(second, 'create index ix_audit_log_actor on audit_log (actor);\n');
    const tablesOf = (p: Project) => p.analyse().migrations.flatMap((m) => m.schema.tables).map((t) => t.name).filter((n) => n.startsWith('audit')).sort();
    const cold = new Project(dir, { cacheDirectory: cache });
    await cold.scan();
    assert.deepStrictEqual(tablesOf(cold), ['audit_log']);
    await cold.saveCache();
    const [name] = fs.readdirSync(cache);
    const stored = readCache(path.join(cache, name));
    assert.ok(stored.entries[first] && stored.entries[second], 'both SQL files are in the cache');
    // Marked in the cache: the mark shows that the unchanged file was not parsed again.
    stored.entries[first].json = stored.entries[first].json.replace('"name":"audit_log"', '"name":"audit_log_from_cache"');
    fs.writeFileSync(path.join(cache, name), cacheText(stored));
    const warm = new Project(dir, { cacheDirectory: cache });
    await warm.scan();
    assert.deepStrictEqual(tablesOf(warm), ['audit_log_from_cache']);
    // A changed file is read again.
    fs.writeFileSync(first, 'create table audit_events (id bigint primary key, actor text not null);\n');
    const changed = new Project(dir, { cacheDirectory: cache });
    await changed.scan();
    assert.deepStrictEqual(tablesOf(changed), ['audit_events']);
  });

  it('facts read from the cache are the facts a parse gives', async () => {
    const first = new Project(dir, { cacheDirectory: cache });
    await first.scan();
    await first.saveCache();
    const second = new Project(dir, { cacheDirectory: cache });
    await second.scan();
    const plain = (p: Project) => JSON.stringify([...p.files.values()].map((f) => [f.path, f.models ?? f.migration]), (_k, v) => (v instanceof Map ? [...v] : v));
    const fresh = new Project(dir);
    await fresh.scan();
    assert.strictEqual(plain(second), plain(fresh));
  });

  it('modules read only for names models import are cached apart: a second scan does not take them for model files, and says what a fresh scan says', async () => {
    // An entity whose table name lies at the end of a chain of barrels, deeper than the modules a
    // scan follows from a model file: Unknown, in the first scan and in every later one.
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-barrels-'));
    try {
      writeLines(project, 'src/ledger.entity.ts', [
        'import { Entity, PrimaryGeneratedColumn, Column } from "typeorm";',
        'import { LEDGER_TABLE } from "./names";',
        '',
        '@Entity(LEDGER_TABLE)',
        'export class Ledger {',
        '  @PrimaryGeneratedColumn()',
        '  id: number;',
        '',
        '  @Column()',
        '  label: string;',
        '}',
      ]);
      const levels = ['names', 'names/level1', 'names/level2', 'names/level3', 'names/level4', 'names/level5'];
      levels.forEach((level, i) => writeLines(project, `src/${level}/index.ts`, i === levels.length - 1 ? ['export const LEDGER_TABLE = "ledger_entries";']
        : [`export * from "${i === 0 ? './' : '../'}${levels[i + 1].split('/').pop()}";`]));
      const shape = (p: Project) => JSON.stringify([p.models().tables.map((t) => t.name), p.models().hasUnknownTables, describeFindings(project, p)]);
      const first = new Project(project, { cacheDirectory: cache });
      await first.scan();
      await first.saveCache();
      const second = new Project(project, { cacheDirectory: cache });
      await second.scan();
      const fresh = new Project(project);
      await fresh.scan();
      assert.strictEqual(shape(first), shape(fresh));
      assert.strictEqual(shape(second), shape(fresh));
      assert.deepStrictEqual([...second.files.keys()].map((f) => path.relative(project, f)).sort(), [...fresh.files.keys()].map((f) => path.relative(project, f)).sort());
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it('facts cross threads and the cache as JSON with every location intact: in the file (compact), in another file, plain', () => {
    const file = '/w/migrations/versions/a1_add.py';
    const facts = {
      file, downRevisions: [], branchLabels: [], dependsOn: [], dynamic: [], schemasCreated: [],
      operations: [
        { kind: 'createTable', location: new CompactLocation(file, 10, 4, 12, 5), table: { name: 'jobs', location: locationOf(file, { start: { line: 10, character: 20 }, end: { line: 10, character: 26 } }) } },
        { kind: 'dropTable', location: new CompactLocation('/w/other.py', 3, 0, 3, 9), table: { name: 'old', location: { file, range: { start: { line: 14, character: 1 }, end: { line: 14, character: 2 } } } } },
      ],
    } as unknown as AlembicMigrationFacts;
    const json = anyFactsToJson('alembic-migration', facts);
    assert.ok(json.includes('"$":[10,4,12,5]'), 'a location in the file is written as its four numbers');
    assert.ok(json.includes('"file":"/w/other.py"'), 'a location in another file keeps its file');
    const back = anyFactsFromJson('alembic-migration', json) as AlembicMigrationFacts;
    const where = (l: Location) => `${l.file}:${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;
    const ops = back.operations as unknown as { location: Location; table: { location: Location } }[];
    assert.deepStrictEqual(ops.flatMap((o) => [where(o.location), where(o.table.location)]), [
      `${file}:10:4-12:5`, `${file}:10:20-10:26`, '/w/other.py:3:0-3:9', `${file}:14:1-14:2`,
    ]);
    // Outside a write of facts, a location is a plain Location in JSON (reports, the LSP).
    assert.deepStrictEqual(JSON.parse(JSON.stringify(new CompactLocation(file, 1, 2, 3, 4))), { file, range: { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } } });
  });

  it('run from the compiled sources, the readers\' version changes with any reader module, not only the worker\'s entry', () => {
    // A development run keeps its cache too: facts an older compilation of alembicOperations.js wrote
    // must not be read back after it changes.
    const pool = path.join(REPO_ROOT, 'out', 'server', 'src', 'parsers', 'python', 'parsePool.js');
    const reader = path.join(REPO_ROOT, 'out', 'server', 'src', 'parsers', 'python', 'alembicOperations.js');
    const versionNow = () => spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(pool)}).readerVersion())`], { encoding: 'utf8' }).stdout;
    const before = versionNow();
    const { atime, mtime } = fs.statSync(reader);
    try {
      fs.utimesSync(reader, atime, new Date(mtime.getTime() + 60_000));
      const after = versionNow();
      assert.match(before, /^[0-9a-f]{40}$/);
      assert.notStrictEqual(after, before);
    } finally {
      fs.utimesSync(reader, atime, mtime);
    }
    // (Restoring the time may round it: the same files, read twice, give one version.)
    assert.strictEqual(versionNow(), versionNow(), 'the same files give the same version');
  });

  it('a damaged cache, or one another version wrote, is ignored', async () => {
    const first = new Project(dir, { cacheDirectory: cache });
    await first.scan();
    await first.saveCache();
    const [name] = fs.readdirSync(cache);
    const file = path.join(cache, name);
    const expected = describeFindings(dir, first);
    const stored = readCache(file);
    const broken = Object.fromEntries(Object.entries(stored.entries).map(([k, v]) => [k, { ...v, json: '{"broken":' }]));
    const truncated = cacheText(stored);
    for (const damaged of ['{ not json', cacheText({ ...stored, header: { ...stored.header, version: 'another build' } }), cacheText({ ...stored, entries: broken }),
      truncated.slice(0, Math.floor(truncated.length / 2)), JSON.stringify({ format: 'schemasense-facts-1', version: stored.header.version, entries: stored.entries })]) {
      fs.writeFileSync(file, damaged);
      // Unreadable, foreign, or with facts that do not decode (same hashes): files are parsed again.
      const project = new Project(dir, { cacheDirectory: cache });
      await project.scan();
      assert.deepStrictEqual(describeFindings(dir, project), expected, damaged.slice(0, 40));
      assert.deepStrictEqual(project.analyse().skipped, []);
    }
  });

  it('the CLI keeps its cache where SCHEMASENSE_CACHE_DIR says, and none with SCHEMASENSE_CACHE=off', () => {
    const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [CLI, 'check', dir, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, ...env } });
    const off = run({ SCHEMASENSE_CACHE: 'off', SCHEMASENSE_CACHE_DIR: cache });
    assert.deepStrictEqual(fs.readdirSync(cache), []);
    const first = run({ SCHEMASENSE_CACHE_DIR: cache });
    assert.strictEqual(fs.readdirSync(cache).length, 1);
    const second = run({ SCHEMASENSE_CACHE_DIR: cache });
    assert.strictEqual(first.stdout, off.stdout);
    assert.strictEqual(second.stdout, off.stdout, 'the run from the cache reports the same');
    assert.ok(JSON.parse(off.stdout).findings.length > 0);
  });

  it('the language server writes the cache at shutdown and reads it when the folder is opened again', async () => {
    const env = { ...process.env, SCHEMASENSE_CACHE_DIR: cache };
    const session = async () => {
      const client = new TestLspClient(env);
      await client.initialize(dir);
      const lead = path.join(dir, 'app', 'models', 'lead.py');
      await client.waitFor(() => client.diagnosticsOf(lead).length > 0, 'the first diagnostics');
      const seen = [...client.diagnostics].map(([uri, ds]) => `${uri} ${ds.map((d) => `${d.code}@${d.range.start.line}`).join(',')}`).sort();
      await client.stop();
      return seen;
    };
    const first = await session();
    assert.strictEqual(fs.readdirSync(cache).length, 1, 'written at shutdown');
    const second = await session();
    assert.deepStrictEqual(second, first);
  });
  it('a cache folder under /proc or /sys is refused at once, never created in a loop', async () => {
    const started = Date.now();
    await assert.rejects(ensureCacheDirectory('/proc/self/schemasense-cache'), /not a place for a cache/);
    await assert.rejects(ensureCacheDirectory('/sys/kernel/schemasense'), /not a place for a cache/);
    const cache = await FactsCache.open('/proc/self/cache/schemasense', '/tmp/some-root', 'v1');
    cache.set('/tmp/some-root/a.py', 'hash', { kind: 'sqlalchemy-models', json: '{}' });
    await cache.save(); // a cache that cannot be written changes nothing else
    assert.ok(Date.now() - started < 5000);
  });
});
