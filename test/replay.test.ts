/**
 * Migrations read and replayed: raw SQL located at the exact characters of the host string
 * (escapes, non-ASCII text, implicit concatenation), chain order across branches and merges, code
 * the reader cannot understand, and the "did you mean" fix of migration-reference-missing.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseDirectory, archivedFolders } from '../server/src/analysis/project';
import { applyEdits } from '../server/src/fixes/edits';
import { conventionName } from '../server/src/model/namingConvention';
import type { Range } from '../server/src/model/source';
import { readAlembicMigration } from '../server/src/parsers/python/alembic';
import { readSqlAlchemyModels } from '../server/src/parsers/python/sqlalchemy';
import { FIXTURES } from './helpers/paths';

function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

const header = (revision: string, down: string | null) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${revision}"\ndown_revision = ${down ? `"${down}"` : 'None'}\nbranch_labels = None\ndepends_on = None\n\n\n`;

describe('migration reading and replay', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-replay-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const file = path.join(dir, 'alembic', 'versions', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(path.join(dir, 'alembic', 'env.py'), 'from alembic import context\n');
    fs.writeFileSync(file, text);
    return file;
  }

  it('locates SQL findings at the exact characters, past escapes, non-ASCII text and concatenation', async () => {
    const text = header('a1', null) + [
      'def upgrade() -> None:',
      '    op.execute("CREATE TABLE café_orders (id int PRIMARY KEY, note text DEFAULT \'crème brûlée\')")',
      '    op.execute("-- tab\\there\\n"',
      '               "ALTER TABLE café_orders ADD CONSTRAINT fk_x FOREIGN KEY (id) "',
      '               "REFERENCES public.missing_tbl (id)")',
      '    op.execute(sa.text("""',
      '        UPDATE café_orders SET note = :note WHERE id = %(id)s;',
      '        CREATE INDEX ix_orders_total ON café_orders (total_cents);',
      '    """))',
      '',
    ].join('\n');
    const file = write('a1_orders.py', text);
    // The chain creates the table later: referring to it first is an ordering mistake (a first
    // migration pointing at a table no migration creates would be a baseline, said once).
    write('a2_later.py', `${header('a2', 'a1')}def upgrade() -> None:\n    op.execute("CREATE TABLE public.missing_tbl (id int PRIMARY KEY)")\n`);
    const analysis = await analyseDirectory(dir);
    const found = analysis.findings.map((f) => [f.ruleId, textAt(text, f.location.range)]);
    assert.deepStrictEqual(found, [
      ['migration-reference-missing', 'public.missing_tbl'],
      ['migration-reference-missing', 'CREATE INDEX ix_orders_total ON café_orders (total_cents)'],
    ]);
    assert.strictEqual(analysis.findings[0].location.file, file);
    const facts = await readAlembicMigration(file, text);
    assert.ok(!facts.operations.some((o) => o.kind === 'unknown'), 'bind parameters and escapes parse as SQL');
  });

  it('reads f-strings whose interpolations are bound strings, and places findings where the braces are', async () => {
    const text = header('a1', null) + [
      'def upgrade() -> None:',
      '    op.execute("CREATE TABLE orders (id int PRIMARY KEY)")',
      '    for table in ("orders", "invoices"):',
      '        op.execute(f"ALTER TABLE {table} ADD COLUMN tags text[] DEFAULT \'{{}}\'")',
      '    op.execute(f"ALTER TABLE {table_for(1)} ADD COLUMN x int")',
      '',
    ].join('\n');
    write('a1_tags.py', text);
    // The chain creates invoices later: the reference is an ordering mistake, judged.
    write('a2_invoices.py', `${header('a2', 'a1')}def upgrade() -> None:\n    op.execute("CREATE TABLE invoices (id int PRIMARY KEY)")\n`);
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.findings.map((f) => [f.ruleId, textAt(text, f.location.range)]), [['migration-reference-missing', '{table}']]);
    const facts = await readAlembicMigration(path.join(dir, 'alembic', 'versions', 'a1_tags.py'), text);
    const orders = facts.operations.find((o) => o.kind === 'add-column' && o.table.name === 'orders');
    assert.ok(orders?.kind === 'add-column' && typeof orders.column.serverDefault === 'string' && /^'\{\}'/.test(orders.column.serverDefault), `the doubled braces are one brace each: ${JSON.stringify(orders)}`);
    assert.strictEqual(facts.operations.filter((o) => o.kind === 'unknown').length, 1, 'a call in braces is Unknown');
  });

  it('replays parents before children across branches and merges, whatever the file names', async () => {
    write('z_base.py', `${header('base', null)}def upgrade() -> None:\n    op.create_table("accounts", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("email", sa.String(320)))\n`);
    write('a_branch_one.py', `${header('one', 'base')}def upgrade() -> None:\n    op.add_column("accounts", sa.Column("plan", sa.String(20)))\n`);
    write('b_branch_two.py', `${header('two', 'base')}def upgrade() -> None:\n    op.create_index("ix_accounts_email", "accounts", ["email"])\n`);
    write('0_merge.py', `from alembic import op\n\nrevision = "merge"\ndown_revision = ("one", "two")\n\n\ndef upgrade() -> None:\n    op.alter_column("accounts", "plan", nullable=False)\n`);
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.findings, []);
    const [replay] = analysis.migrations;
    assert.deepStrictEqual(replay.steps.map((s) => s.migration.revision!.id), ['base', 'one', 'two', 'merge']);
    const accounts = replay.schema.tables.find((t) => t.name === 'accounts')!;
    assert.deepStrictEqual(accounts.columns.map((c) => [c.name, c.nullable]), [['id', false], ['email', true], ['plan', false]]);
    assert.deepStrictEqual(accounts.indexes.map((i) => i.name), ['accounts_pkey', 'ix_accounts_email']);
  });

  it('stays silent about what SQL it cannot parse names, says why it could not read it, and that PostgreSQL rejects it', async () => {
    const file = write('b1_broken.py', `${header('b1', null)}def upgrade() -> None:\n    op.execute("CREATE TABEL ledger (id int")\n    op.execute("ALTER TABLE ledger ADD COLUMN amount int")\n    op.execute("ALTER TABLE journal ADD COLUMN amount int")\n`);
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.findings.map((f) => [f.ruleId, f.location.range.start.line + 1]), [['migration-sql-invalid', 11], ['migration-reference-missing', 13]]);
    const facts = await readAlembicMigration(file, fs.readFileSync(file, 'utf8'));
    const unknown = facts.operations.find((o) => o.kind === 'unknown');
    assert.ok(unknown && unknown.kind === 'unknown' && /syntax error at or near "TABEL"/.test(unknown.description), 'the parser error is kept');
  });

  it('reads SQLite PRAGMA statements as settings that change no table, not as SQL it could not read', async () => {
    const file = write('p1_pragmas.py', `${header('p1', null)}def upgrade() -> None:\n    conn = op.get_bind()\n    conn.execute("PRAGMA legacy_alter_table=ON")\n    op.execute("-- around the copy\\nPRAGMA foreign_keys = OFF;\\nPRAGMA journal_mode=WAL;")\n    op.execute("PRAGMA foreign_keys=OFF; DROP TABLE ledger")\n`);
    const facts = await readAlembicMigration(file, fs.readFileSync(file, 'utf8'));
    // Only the statement that also drops a table is unread (PostgreSQL's parser rejects all of it).
    assert.deepStrictEqual(facts.operations.map((o) => [o.kind, o.location.range.start.line + 1]), [['unknown', 14]]);
    // A long run of blanks before a statement is no PRAGMA, and deciding so takes no time (a pattern
    // of optional blanks and comments that backtracks would not return from this one).
    const blanks = write('p2_blanks.py', `${header('p2', null)}def upgrade() -> None:\n    op.execute("${' '.repeat(400)}CREATE TABLE ledger (id int PRIMARY KEY)")\n`);
    const read = await readAlembicMigration(blanks, fs.readFileSync(blanks, 'utf8'));
    assert.deepStrictEqual(read.operations.map((o) => o.kind), ['create-table']);
  });

  it('reads rows written in another dialect as data, but another dialect\'s DDL, or DML beside a DDL word, as unread', async () => {
    const file = write('d1_dialects.py', `${header('d1', null)}def upgrade() -> None:
    op.execute("UPDATE a INNER JOIN b ON a.b_id = b.id SET a.x = b.x")
    op.execute("INSERT OR REPLACE INTO a (id) VALUES (1); DELETE FROM b WHERE id IN :ids")
    op.execute("REPLACE INTO \`a\` (id) VALUES (2)")
    op.execute("ALTER TABLE a MODIFY x varchar(10)")
    op.execute("UPDATE a INNER JOIN b ON a.b_id = b.id SET a.x = 1; DROP TABLE b")
    op.execute("SELECT * INTO archive FROM a WHERE x IN :ids")
    op.execute("SELECT id INTO TEMP TABLE scratch FROM a")
`);
    const facts = await readAlembicMigration(file, fs.readFileSync(file, 'utf8'));
    assert.deepStrictEqual(facts.operations.map((o) => [o.kind, o.location.range.start.line + 1]), [
      ['unknown', 14], ['unknown', 15], ['unknown', 16], ['create-table', 17],
    ]);
    const scratch = facts.operations[3];
    assert.ok(scratch.kind === 'create-table' && scratch.table.name === 'scratch' && scratch.temporary && scratch.incomplete);
  });

  it('reads SQL filled in with % or .format(), or joined with +: rows changed are data, what depends on a filled part is Unknown', async () => {
    const file = write('f1_formatted.py', `${header('f1', null)}ledger = sa.table("ledger", sa.column("amount"))


def upgrade() -> None:
    conn = op.get_bind()
    op.execute("UPDATE acls SET description='%s' WHERE name='%s';" % ("Commit", "commit"))
    conn.execute("INSERT INTO archive (id) SELECT id FROM " + "ledger WHERE amount > 100")
    sql = ("UPDATE ledger "
           "SET amount = 0 WHERE amount IS NULL")
    conn.execute(sa.text(sql))
    stmt = (ledger.update().where(ledger.c.amount == None).values(amount=0))
    conn.execute(stmt)
    op.execute("ALTER TABLE ledger ADD COLUMN %s integer" % "cents")
    op.execute("ALTER TABLE {} ADD COLUMN flag boolean".format(TABLE))
    op.execute("CREATE TABLE %s_archive (id integer PRIMARY KEY, note text DEFAULT '%%')" % "ledger")
    op.execute("CREATE TABLE %s_copy (id integer)" % archive_prefix())
`);
    const facts = await readAlembicMigration(file, fs.readFileSync(file, 'utf8'));
    // A part filled with a string the reader knows is that string, as Python formats it; one filled
    // by code (an unbound name, a call) is Unknown. Rows written change nothing but need their table.
    assert.deepStrictEqual(facts.operations.map((o) => [o.kind, o.location.range.start.line + 1, o.kind === 'unknown' ? o.description : '']), [
      ['use-table', 15, ''],
      ['use-table', 16, ''],
      ['use-table', 17, ''],
      ['add-column', 22, ''],
      ['unknown', 23, 'SQL with a part built by code'],
      ['create-table', 24, ''],
      ['unknown', 25, 'SQL with a part built by code'],
    ]);
    const [cents, , archive] = facts.operations.filter((o) => o.kind !== 'use-table');
    assert.ok(cents.kind === 'add-column' && cents.column.name === 'cents');
    assert.ok(archive.kind === 'create-table' && archive.table.name === 'ledger_archive');
    // What the unknown parts stand for may be any table the statement's own words name.
    const [, flag] = facts.operations.filter((o) => o.kind !== 'use-table');
    assert.ok(flag.kind === 'unknown' && flag.mentions.includes('flag'));
    assert.deepStrictEqual(facts.operations.flatMap((o) => (o.kind === 'use-table' ? [o.table.name] : [])), ['acls', 'archive', 'ledger']);
  });

  it('a CHECK constraint dropped under a name code finds changes nothing the schema holds; another kind of constraint so dropped is Unknown', async () => {
    const file = write('c1_checks.py', `${header('c1', null)}def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for constraint in inspector.get_check_constraints("user_file"):
        op.drop_constraint(constraint["name"], "user_file", type_="check")
    with op.batch_alter_table("user_file") as batch_op:
        batch_op.drop_constraint(inspector.get_check_constraints("user_file")[0]["name"], "check")
    for fk in inspector.get_foreign_keys("user_file"):
        op.drop_constraint(fk["name"], "user_file", type_="foreignkey")
`);
    const facts = await readAlembicMigration(file, fs.readFileSync(file, 'utf8'));
    // (Each question to the inspector about "user_file" needs the table: NoSuchTableError without it.)
    assert.deepStrictEqual(facts.operations.map((o) => [o.kind, o.location.range.start.line + 1]), [['use-table', 12], ['use-table', 15], ['use-table', 16], ['unknown', 17]]);
  });

  it('knows which functions of a helper module change no table when a migration hands them its connection', async () => {
    const file = path.join(dir, 'helpers.py');
    const text = `import json
import sqlalchemy as sa
from .naming import to_snake_case


def _label(value, renames):
    return renames.get(value, value)


def relabel(conn, table, renames):
    for row in conn.execute(sa.text(f"SELECT id, label FROM {table}")).fetchall():
        query = sa.text("UPDATE %s SET label = :label, meta = :meta WHERE id = :id" % table)
        conn.execute(query, {"id": row.id, "label": _label(row.label, renames), "meta": json.dumps({})})


def walk(conn, table, depth=0):
    conn.execute("DELETE FROM {} WHERE depth > {}".format(table, depth))
    if depth < 3:
        walk(conn, table, depth + 1)


def restart(conn, table):
    conn.execute('ALTER SEQUENCE "%s_id_seq" RESTART WITH %s' % (table, 100))


def widen(conn, table):
    conn.execute(f"ALTER TABLE {table} ALTER COLUMN label TYPE text")


def relabel_and_widen(conn, table):
    relabel(conn, table, {})
    widen(conn, table)


def snapshot(conn, table):
    conn.execute(f"SELECT * INTO {table}_copy FROM {table}")


def rebound(conn, table):
    sql = f"UPDATE {table} SET label = NULL"
    sql = f"DROP TABLE {table}"
    conn.execute(sql)


def renamed(conn, table):
    conn.execute(f"UPDATE {table} SET label = :label", {"label": to_snake_case(table)})
`;
    fs.writeFileSync(file, text);
    const facts = await readSqlAlchemyModels(file, text);
    // Rows only (a local query, a pure helper of the module, recursion, a sequence moved): changes no
    // table. DDL, a call of a function that runs DDL, SELECT INTO, a name bound twice, a function of
    // another module: open.
    assert.deepStrictEqual(facts.readOnlyFunctions?.sort(), ['relabel', 'restart', 'walk']);
  });

  it('reads statements that only set or show session settings as changing no table', async () => {
    const file = write('s1_session.py', `${header('s1', null)}def upgrade() -> None:\n    op.execute("SHOW bdr.permit_ddl_locking")\n    op.execute("SET CONSTRAINTS ALL DEFERRED")\n    op.execute("PREPARE q AS SELECT 1; DEALLOCATE q")\n    op.execute("CREATE TABLE ledger (id int PRIMARY KEY)")\n`);
    const facts = await readAlembicMigration(file, fs.readFileSync(file, 'utf8'));
    assert.deepStrictEqual(facts.operations.map((o) => o.kind), ['create-table']);
  });

  it('CREATE TABLE … AS SELECT copies the columns of one table as PostgreSQL does; of a query it cannot follow, the columns are Unknown', async () => {
    write('c1_invoices.py', `${header('c1', null)}def upgrade() -> None:\n    op.create_table("invoices", sa.Column("id", sa.Integer, primary_key=True), sa.Column("total", sa.Numeric(10, 2), nullable=False), sa.Column("note", sa.Text))\n`);
    write('c2_backups.py', `${header('c2', 'c1')}def upgrade() -> None:\n`
      + '    op.execute("CREATE TABLE invoices_backup AS SELECT * FROM invoices")\n'
      + '    op.execute("CREATE TABLE invoice_totals AS SELECT i.id AS invoice_id, total FROM invoices i")\n'
      + '    op.execute("CREATE TABLE invoice_sums AS SELECT sum(total) AS amount FROM invoices")\n'
      + '    op.execute("CREATE TABLE old_rows AS SELECT * FROM legacy_invoices")\n');
    const analysis = await analyseDirectory(dir);
    const tables = new Map(analysis.migrations.flatMap((m) => m.schema.tables).map((t) => [t.name, t]));
    const columns = (name: string) => tables.get(name)!.columns.map((c) => `${c.name} ${(c.type as { name?: string } | undefined)?.name ?? '?'} ${c.nullable === true ? 'NULL' : 'NOT NULL'}`);
    // Names and types, every column nullable, no key: PostgreSQL copies no constraint.
    assert.deepStrictEqual(columns('invoices_backup'), ['id integer NULL', 'total numeric NULL', 'note text NULL']);
    assert.deepStrictEqual(tables.get('invoices_backup')!.primaryKey, []);
    assert.deepStrictEqual(columns('invoice_totals'), ['invoice_id integer NULL', 'total numeric NULL']);
    // An aggregate, a table the chain does not make: Unknown columns, never a guess.
    for (const name of ['invoice_sums', 'old_rows']) {
      assert.deepStrictEqual(tables.get(name)!.columns, [], name);
      assert.ok(tables.get(name)!.incomplete?.length, name);
    }
  });

  it('an unqualified name found only in another schema depends on the role that runs the chain: a warning that says so', async () => {
    fs.cpSync(path.join(FIXTURES, 'rules', 'migration-reference-missing', 'bad-unqualified-name-depends-on-role'), dir, { recursive: true });
    const analysis = await analyseDirectory(dir);
    const [finding] = analysis.findings;
    assert.strictEqual(analysis.findings.length, 1);
    assert.strictEqual(finding.severity, 'warning');
    assert.match(finding.message, /only when the role that runs migration "002" \(002_invoices\.py\) is named "billing"/);
    // With the chain's own search_path, the same name is found and nothing is said.
    const first = path.join(dir, 'alembic', 'versions', '001_billing.py');
    fs.writeFileSync(first, fs.readFileSync(first, 'utf8').replace('    op.create_table(', '    op.execute("SET search_path TO public, billing")\n    op.create_table('));
    assert.deepStrictEqual((await analyseDirectory(dir)).findings.map((f) => f.ruleId), []);
  });

  it('"did you mean" rewrites the reference and its schema argument, and the finding goes', async () => {
    fs.cpSync(path.join(FIXTURES, 'rules', 'migration-reference-missing', 'bad-newsletter'), dir, { recursive: true });
    const before = await analyseDirectory(dir);
    const finding = before.findings.find((f) => f.message.includes('"newsletter.campaigns"'))!;
    const [fix] = finding.fixes;
    assert.strictEqual(fix.title, 'Change the reference to "lead.campaigns"');
    assert.strictEqual(fix.safety, 'review');
    const file = finding.location.file;
    const fixed = applyEdits(fs.readFileSync(file, 'utf8'), fix.edits);
    assert.match(fixed, /"campaigns",\s+# expect: migration-reference-missing/);
    assert.match(fixed, /referent_schema="lead",/);
    fs.writeFileSync(file, fixed);
    const after = await analyseDirectory(dir);
    assert.ok(!after.findings.some((f) => f.message.includes('"newsletter.campaigns"')));
    assert.strictEqual(after.findings.length, before.findings.length - 1);

    const inSql = before.findings.find((f) => f.message.includes('"newsletter.newsletter_subscribers"'))!;
    assert.deepStrictEqual(inSql.fixes.map((f) => f.title), ['Change the reference to "lead.subscribers"']);
  });

  it('an early return makes the rest of upgrade() conditional', async () => {
    write('c1.py', `${header('c1', null)}def upgrade() -> None:\n    bind = op.get_bind()\n    if "jobs" not in sa.inspect(bind).get_table_names():\n        return\n    op.add_column("jobs", sa.Column("priority", sa.Integer()))\n`);
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.findings, []);
  });

  it('an edit deep in a long chain resumes the replay from a checkpoint, and equals a fresh replay', async () => {
    for (let i = 0; i < 80; i++) {
      write(`m${String(i).padStart(3, '0')}.py`, `${header(`m${i}`, i ? `m${i - 1}` : null)}def upgrade() -> None:\n` +
        `    op.create_table("t${i}", sa.Column("id", sa.Integer(), primary_key=True)${i ? `, sa.Column("prev_id", sa.Integer(), sa.ForeignKey("t${i - 1}.id"), index=True)` : ''})\n`);
    }
    const { Project } = await import('../server/src/analysis/project');
    const project = new Project(dir);
    await project.scan();
    const before = project.analyse();
    assert.deepStrictEqual(before.findings, []);
    const early = before.migrations[0].schema.tables.find((t) => t.name === 't3')!;
    const file = path.join(dir, 'alembic', 'versions', 'm070.py');
    const text = fs.readFileSync(file, 'utf8').replace('"t69.id"', '"t69x.id"');
    await project.update(file, text);
    const after = project.analyse();
    assert.deepStrictEqual(after.findings.map((f) => [f.ruleId, f.location.range.start.line + 1]), [['migration-reference-missing', 11]]);
    assert.strictEqual(after.migrations[0].schema.tables.find((t) => t.name === 't3'), early, 'tables before the checkpoint are kept, not replayed');
    // After the checkpoint the replay runs again; what comes out as it was keeps its object (rules
    // keep what they computed by table), what the edit changed does not.
    const table = (analysis: typeof before, name: string) => analysis.migrations[0].schema.tables.find((t) => t.name === name);
    assert.strictEqual(table(after, 't75'), table(before, 't75'), 'a table replayed again unchanged is the same object');
    assert.notStrictEqual(table(after, 't70'), table(before, 't70'), 'the edited table is new');
    assert.strictEqual(table(after, 't70')!.foreignKeys[0].target.table, 't69x');
    fs.writeFileSync(file, text);
    const fresh = await analyseDirectory(dir);
    assert.deepStrictEqual(after.findings.map((f) => f.message), fresh.findings.map((f) => f.message));
    assert.deepStrictEqual(after.migrations[0].schema.tables.map((t) => t.name).sort(), fresh.migrations[0].schema.tables.map((t) => t.name).sort());
  });

  it('a guarded copy is a faded warning; an unguarded one an error, whatever the configured severity allows', async () => {
    write('g1.py', `${header('g1', null)}def upgrade() -> None:\n    op.create_table("jobs", sa.Column("id", sa.Integer(), primary_key=True))\n`);
    write('g2.py', `${header('g2', 'g1')}def upgrade() -> None:\n    op.execute("CREATE TABLE IF NOT EXISTS jobs (id int PRIMARY KEY)")\n    op.create_table("jobs", sa.Column("id", sa.Integer(), primary_key=True))\n`);
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.findings.map((f) => [f.ruleId, f.severity, f.tags ?? []]), [
      ['migration-duplicate-create', 'warning', ['unnecessary']],
      ['migration-duplicate-create', 'error', []],
    ]);
    fs.writeFileSync(path.join(dir, 'schemasense.json'), JSON.stringify({ rules: { 'migration-duplicate-create': 'info' } }));
    const milder = await analyseDirectory(dir);
    assert.deepStrictEqual(milder.findings.map((f) => f.severity), ['info', 'info'], 'a milder setting is not raised');
  });
});

describe('naming conventions: the names SQLAlchemy gives what Alembic leaves unnamed', () => {
  const convention = {
    ix: 'ix_%(column_0_label)s',
    uq: 'uq_%(table_name)s_%(column_0N_name)s',
    ck: 'ck_%(table_name)s_%(constraint_name)s',
    fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s_%(referred_column_0_name)s',
    pk: '%(table_name)s_pk%%',
  };

  it('fills each token as SQLAlchemy does', () => {
    assert.strictEqual(conventionName(convention, 'ix', { table: 'orders', columns: ['number'] }), 'ix_orders_number');
    assert.strictEqual(conventionName(convention, 'uq', { table: 'orders', columns: ['number', 'year'] }), 'uq_orders_numberyear');
    assert.strictEqual(conventionName(convention, 'fk', { table: 'orders', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'] }), 'fk_orders_user_id_users_id');
    assert.strictEqual(conventionName(convention, 'pk', { table: 'orders', columns: ['id'] }), 'orders_pk%');
    assert.strictEqual(conventionName({ uq: '%(table_name)s_%(column_0_N_label)s_key' }, 'uq', { table: 't', columns: ['a', 'b'] }), 't_t_a_t_b_key');
  });

  it('shortens a name PostgreSQL would refuse as SQLAlchemy 1.4 and later do (checked against SQLAlchemy 1.4.46)', () => {
    const name = conventionName({ fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s' }, 'fk', {
      table: 'organization_billing_account_statements', columns: ['organization_billing_account_id'], referredTable: 'organization_billing_accounts', referredColumns: ['id'],
    });
    assert.strictEqual(name, 'fk_organization_billing_account_statements_organization_f039');
  });

  it('gives no name where SQLAlchemy would refuse to make one', () => {
    // An unnamed CHECK under `%(constraint_name)s`, a token SQLAlchemy does not know, a `%` of no token.
    assert.strictEqual(conventionName(convention, 'ck', { table: 'orders', columns: [] }), undefined);
    assert.strictEqual(conventionName({ ix: 'ix_%(column_names)s' }, 'ix', { table: 'orders', columns: ['a'] }), undefined);
    assert.strictEqual(conventionName({ ix: 'ix_%(table_name)d' }, 'ix', { table: 'orders', columns: ['a'] }), undefined);
    assert.strictEqual(conventionName({ ix: 'ix_%(table_name)s' }, 'uq', { table: 'orders', columns: ['a'] }), undefined);
  });

  it('reads a convention given as a dict or a module constant, and says Unknown of one it cannot evaluate', async () => {
    const read = async (source: string) => (await readSqlAlchemyModels('db.py', source)).namingConventions;
    assert.deepStrictEqual(await read('import sqlalchemy as sa\nmetadata = sa.MetaData(naming_convention={"ix": "ix_%(column_0_label)s", "pk": "pk_%(table_name)s"})\n'),
      [{ ix: 'ix_%(column_0_label)s', pk: 'pk_%(table_name)s' }]);
    assert.deepStrictEqual(await read('from sqlalchemy import MetaData\nNAMES = {"fk": "fk_%(table_name)s_%(column_0_name)s"}\nBase = declarative_base(metadata=MetaData(naming_convention=NAMES))\n'),
      [{ fk: 'fk_%(table_name)s_%(column_0_name)s' }]);
    // A callable token, a convention a function makes, one set on the attribute.
    assert.deepStrictEqual(await read('import sqlalchemy as sa\nmetadata = sa.MetaData(naming_convention={"column_names": names, "ix": "ix_%(column_names)s"})\n'), ['unknown']);
    assert.deepStrictEqual(await read('import sqlalchemy as sa\nmetadata = sa.MetaData(naming_convention=make_convention())\n'), ['unknown']);
    assert.deepStrictEqual(await read('import sqlalchemy as sa\nmetadata = sa.MetaData()\nmetadata.naming_convention = {"ix": "i_%(column_0_label)s"}\n'), ['unknown']);
    assert.strictEqual(await read('import sqlalchemy as sa\nmetadata = sa.MetaData()\n'), undefined);
  });
});

describe('folders of archived migrations: the first part of the chain of the folder they are kept in', () => {
  const m = (folder: string, tool: 'typeorm' | 'sequelize', ...names: string[]) => names.map((sequence) => ({ folder, tool, sequence }));

  it('a folder inside a chain\'s folder whose migrations all come first is that chain\'s first part, at any depth below it', () => {
    const pairs = archivedFolders([
      ...m('/p/migrations', 'sequelize', '20220505-a.js', '20230101-b.js'),
      ...m('/p/migrations/archives', 'sequelize', '00-init.js', '20190101-c.js'),
      ...m('/p/migrations/archives/2016', 'sequelize', '0-first.js'),
    ]);
    assert.deepStrictEqual(pairs.sort(), [['/p/migrations', '/p/migrations/archives'], ['/p/migrations/archives', '/p/migrations/archives/2016']]);
  });

  it('a folder whose migrations run among the others, one named after a database, one of another tool, or one beside the chain is a chain of its own', () => {
    const pairs = archivedFolders([
      ...m('/p/migrations', 'typeorm', '0001700000000000-A', '0001700000002000-C'),
      // A tenant's chain, written alongside: its migrations interleave.
      ...m('/p/migrations/tenant', 'typeorm', '0001600000000000-T', '0001700000001000-U'),
      ...m('/p/migrations/sqlite', 'typeorm', '0001600000000000-S'),
      ...m('/p/migrations/seeders', 'sequelize', '0001-seed.js'),
      ...m('/p/other', 'typeorm', '0001500000000000-O'),
      // The project's migrations folder, below a stray file written later beside the code that runs them.
      ...m('/p/src/database/migrations', 'sequelize', '20250801120305-create-persons.ts', '20250802140419-tokens.ts'),
      ...m('/p/src/database', 'sequelize', '20250813000317-add-person-id.ts'),
    ]);
    assert.deepStrictEqual(pairs, []);
  });
});
