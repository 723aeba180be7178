// Measures the SQL-migration reader on a real project: applies one folder of its SQL migrations to
// the embedded PostgreSQL in the order their tool runs them, as the tool does (dbmate's, goose's and
// sql-migrate's up sections, psql's meta-commands left out; one statement at a time, so that
// `CREATE INDEX CONCURRENTLY` runs as Flyway and golang-migrate run it), then compares the catalog
// with `schemasense schema --source migrations` on tables, columns, types, nullability, primary
// keys, foreign keys and indexes, and lists the foreign keys PostgreSQL has no index for.
//
//   npm run build
//   node scripts/sql-chain-oracle.mjs <project> <folder> <flyway|golang|postgrator|prisma|numbered> [--dialect postgres] [--roles a,b] [--show 10]
// (`<folder>` as given, or inside `<project>`; TRACE=1 prints each statement as it is applied.)
// `--rewrite 'vector\(\d+\)=>real[]'` rewrites the SQL before it is applied, and `--skip 'create extension.*vector'`
// leaves statements out (case-insensitive): for an extension the embedded PostgreSQL lacks (pgvector),
// whose columns then differ in type only.
//
// The folder's order is written here from each tool's documentation, independently of the reader's:
// Flyway's versions compared as numbers then its repeatable files, golang-migrate's version numbers
// (with popx's `.postgres.up.sql` files chosen over the files every database runs), Postgrator's
// version numbers, Prisma's folder
// names, numbered files by name. A statement that fails for the environment (a role, `wal_level`) is
// said and skipped. Differences in the other folders of the project (another chain of the same
// workspace, merged into `schema`) show as "invented".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareFacts, createOracleDatabase, schemaFacts, schemaOf } from './oracleFacts.mjs';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const out = (m) => require(join(repo, 'out', 'server', 'src', m));
const { startEmbeddedPostgres } = out('live/embedded');
const { withReadOnlySession } = out('live/session');
const { introspect } = out('live/introspect');
const { schemaToJson } = out('cli/schemaJson');
const { Client } = require('pg');
const pg = require('libpg-query');

const [project, folderArg, tool] = process.argv.slice(2);
// The folder as given, or inside the project (`prisma/migrations`).
const folder = folderArg && !existsSync(folderArg) && project ? join(project, folderArg) : folderArg;
const option = (name) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
if (!project || !folder || !['flyway', 'golang', 'postgrator', 'prisma', 'numbered'].includes(tool)) {
  console.error('usage: node scripts/sql-chain-oracle.mjs <project> <folder> <flyway|golang|postgrator|prisma|numbered> [--dialect postgres] [--roles a,b] [--show 10]');
  process.exit(2);
}
const show = Number(option('show') ?? 4);
const every = (name) => process.argv.flatMap((a, i) => (a === `--${name}` ? [process.argv[i + 1]] : []));
const rewrites = every('rewrite').map((r) => { const [pattern, by] = r.split('=>'); return [new RegExp(pattern, 'gi'), by]; });
const skips = every('skip').map((r) => new RegExp(r, 'i'));

function ordered() {
  const files = readdirSync(folder);
  if (tool === 'prisma') return files.filter((d) => existsSync(join(folder, d, 'migration.sql'))).sort().map((d) => join(d, 'migration.sql'));
  if (tool === 'flyway') {
    const version = (f) => /^V([\d._]+)__/.exec(f)[1].split(/[._]/).map(Number);
    const versioned = files.filter((f) => /^V[\d._]+__.*\.sql$/.test(f)).sort((a, b) => {
      const [x, y] = [version(a), version(b)];
      for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
      return 0;
    });
    return [...versioned, ...files.filter((f) => /^R__.*\.sql$/.test(f)).sort()];
  }
  if (tool === 'postgrator') {
    // Postgrator: `<version>.do.<name>.sql`, by version as a number (`.undo.` files revert).
    const version = (f) => BigInt(/^\d+/.exec(f)[0]);
    return files.filter((f) => /^\d+\.do(\..+)?\.sql$/.test(f)).sort((a, b) => (version(a) < version(b) ? -1 : version(a) > version(b) ? 1 : 0));
  }
  if (tool === 'golang') {
    const dialect = option('dialect');
    const DIALECTS = /\.(postgres|mysql|sqlite3?|cockroach|mssql)(\.autocommit)?\.up\.sql$/;
    const own = (f) => dialect && new RegExp(`\\.${dialect}(\\.autocommit)?\\.up\\.sql$`).test(f);
    const key = (f) => f.replace(DIALECTS, '').replace(/(\.autocommit)?\.up\.sql$/, '');
    const mine = new Set(files.filter(own).map(key));
    const chosen = files.filter((f) => /\.up\.sql$/.test(f) && (own(f) || (!DIALECTS.test(f) && !mine.has(key(f)))));
    return chosen.sort((a, b) => {
      const [x, y] = [BigInt(/^\d+/.exec(a)[0]), BigInt(/^\d+/.exec(b)[0])];
      return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
  }
  return files.filter((f) => /^\d{3,}[_-].*\.sql$/.test(f) && !f.endsWith('.down.sql')).sort();
}

function upSection(text) {
  const up = /^--\s*(?:migrate:up|\+goose\s+up|\+migrate\s+up)\b.*$/im.exec(text);
  if (up) {
    const down = /^--\s*(?:migrate:down|\+goose\s+down|\+migrate\s+down)\b/im.exec(text);
    text = text.slice(up.index, down && down.index > up.index ? down.index : undefined);
  }
  return text.replace(/^[ \t]*\\.*$/gm, '');
}


/** The tables the migration tools keep their own state in. */
const TOOL_TABLES = /^(flyway_schema_history|schema_migrations|_prisma_migrations|goose_db_version|schemaversion)$/;

await pg.loadModule();
const server = await startEmbeddedPostgres();
try {
  const url = await createOracleDatabase(server.url, Client);
  const client = new Client({ connectionString: url });
  // A statement that ends the server's session (or the server going away) is reported, not thrown unhandled.
  client.on('error', (e) => console.log(`connection lost: ${e.message}`));
  await client.connect();
  for (const role of (option('roles') ?? '').split(',').filter(Boolean)) await client.query(`CREATE ROLE "${role}"`);
  let failed = 0;
  const files = ordered();
  for (const f of files) {
    let text = upSection(readFileSync(join(folder, f), 'utf8'));
    for (const [pattern, by] of rewrites) text = text.replace(pattern, by);
    if (!text.trim()) continue;
    let tree;
    try {
      tree = pg.parseSync(text);
    } catch (e) {
      failed++;
      console.log(`not applied: ${f}: ${e.message}`);
      continue;
    }
    const bytes = Buffer.from(text, 'utf8');
    for (const st of tree.stmts) {
      const start = st.stmt_location ?? 0;
      const sql = bytes.subarray(start, st.stmt_len ? start + st.stmt_len : undefined).toString('utf8');
      if (skips.some((pattern) => pattern.test(sql))) continue;
      try {
        if (process.env.TRACE) console.log(`applying ${f}: ${sql.slice(0, 80).replace(/\s+/g, ' ')}`);
        await client.query(sql);
      } catch (e) {
        failed++;
        console.log(`not applied: ${f}: ${e.message}`);
      }
    }
  }
  await client.end();
  const built = await withReadOnlySession(url, (q) => introspect(q, 'oracle'));
  const theirs = schemaFacts(schemaToJson(project, built.schema), { skip: TOOL_TABLES });
  const ours = schemaFacts(schemaOf(repo, project, 'migrations') ?? { tables: [] }, { skip: TOOL_TABLES });
  console.log(`${files.length} files applied in ${tool}'s order (${failed} statements not applied)`);
  compareFacts(theirs, ours, { show });
  const indexes = [...theirs].filter((x) => /^(index|pk) /.test(x)).map((x) => { const m = /^(?:index|pk) ([^(]+)\(([^)]*)\)/.exec(x); return { table: m[1], columns: m[2].split(',') }; });
  for (const x of theirs) {
    const m = /^fk ([^(]+)\(([^)]*)\)/.exec(x);
    if (!m) continue;
    const columns = m[2].split(',');
    if (!indexes.some((i) => i.table === m[1] && columns.every((c) => i.columns.slice(0, columns.length).includes(c)))) console.log(`PostgreSQL: no index leads with the foreign key ${m[1]}(${columns.join(',')})`);
  }
} finally {
  await server.stop();
}
