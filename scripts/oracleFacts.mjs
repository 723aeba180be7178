// What the oracle scripts compare (sql-chain-oracle.mjs, orm-oracle.mjs): a schema as facts —
// tables, columns, types, nullability, primary keys, foreign keys, indexes (unique constraints as
// unique indexes) — `schemasense schema` run on the project, and the two sets compared kind by kind.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** A database `oracle` on the embedded server at `serverUrl` (its `postgres` database's URL): its URL. `Client`: pg's. */
export async function createOracleDatabase(serverUrl, Client) {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE oracle');
  } finally {
    await admin.end();
  }
  return serverUrl.replace(/\/postgres$/, '/oracle');
}

export const KINDS = ['table', 'column', 'type', 'null', 'pk', 'fk', 'index'];

/**
 * A schema document (`schema --format json`, or schemaToJson of an introspected database) as
 * facts. `skip`: the tables a tool keeps its own state in; `dedup`: a table of several chains as
 * the last leaves it.
 */
export function schemaFacts(doc, { skip, dedup = false } = {}) {
  const set = new Set();
  const tables = dedup ? [...new Map(doc.tables.map((t) => [`${t.schema}.${t.name}`, t])).values()] : doc.tables;
  for (const t of tables) {
    if (skip?.test(t.name)) continue;
    const tn = `${t.schema}.${t.name}`;
    set.add(`table ${tn}`);
    for (const c of t.columns) {
      set.add(`column ${tn}.${c.name}`);
      set.add(`type ${tn}.${c.name} ${c.type}`);
      set.add(`null ${tn}.${c.name} ${c.nullable === false || c.primaryKey ? 'NOT NULL' : 'NULL'}`);
    }
    if (t.primaryKey.length) set.add(`pk ${tn}(${t.primaryKey.join(',')})`);
    for (const k of t.foreignKeys) set.add(`fk ${tn}(${k.columns.join(',')}) -> ${k.references.schema}.${k.references.table}(${k.references.columns.join(',')})`);
    for (const i of t.indexes) set.add(`index ${tn}(${i.columns.join(',')})${i.unique ? ' unique' : ''}`);
    for (const u of t.uniqueConstraints) set.add(`index ${tn}(${u.columns.join(',')}) unique`);
  }
  return set;
}

/** `schemasense schema <project> --source <source>` (the built CLI, no facts cache), parsed; undefined, said, when it fails. */
export function schemaOf(repo, project, source, env = process.env) {
  const r = spawnSync(process.execPath, [join(repo, 'bin', 'schemasense.js'), 'schema', project, '--source', source, '--format', 'json'], { encoding: 'utf8', env: { ...env, SCHEMASENSE_CACHE: 'off' }, maxBuffer: 1 << 28 });
  const doc = r.stdout ? JSON.parse(r.stdout) : null;
  if (!doc) console.log(`schema failed: ${r.status ?? ''} ${r.error?.message ?? ''} ${r.stderr?.slice(0, 2000) ?? ''}`);
  return doc ?? undefined;
}

/**
 * Prints, kind by kind, how many facts each side has, how many agree (precision and recall of
 * schemasense), and up to `show` facts missed and invented; returns the total of PostgreSQL's
 * facts and of differences. `only`: list the differences of that kind alone.
 */
export function compareFacts(theirs, ours, { show = 6, only } = {}) {
  let total = 0;
  let differences = 0;
  for (const kind of KINDS) {
    const a = [...theirs].filter((x) => x.startsWith(`${kind} `));
    const b = [...ours].filter((x) => x.startsWith(`${kind} `));
    const agree = a.filter((x) => ours.has(x)).length;
    total += a.length;
    differences += (a.length - agree) + (b.length - agree);
    console.log(`${kind}: PostgreSQL ${a.length}, schemasense ${b.length}, agree ${agree} → precision ${b.length ? (100 * agree / b.length).toFixed(1) : '-'}%, recall ${a.length ? (100 * agree / a.length).toFixed(1) : '-'}%`);
    if (only && !kind.startsWith(only)) continue;
    for (const x of a.filter((x) => !ours.has(x)).slice(0, show)) console.log(`   missed   ${x}`);
    for (const x of b.filter((x) => !theirs.has(x)).slice(0, show)) console.log(`   invented ${x}`);
  }
  console.log(`facts ${total}: ${differences} differences`);
  return { total, differences };
}
