/**
 * The fast paths must give the same answers as the simple ones: the incremental model build
 * equals a full build after edits, and the worker-thread reader equals reading on this thread.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeLines } from './helpers/files';
import { Project } from '../server/src/analysis/project';
import { buildSchemaFromSqlAlchemy } from '../server/src/model/fromSqlAlchemy';
import { TableIndex, type Table } from '../server/src/model/schema';
import { replayStats } from '../server/src/model/replay';
import { readAlembicMigration } from '../server/src/parsers/python/alembic';
import { ParsePool, WORKER_THRESHOLD } from '../server/src/parsers/python/parsePool';
import { anyFactsFromJson } from '../server/src/parsers/python/parseWorker';
import { readSqlAlchemyModels } from '../server/src/parsers/python/sqlalchemy';
import type { PyModuleFacts } from '../server/src/facts/sqlalchemy';
import { FIXTURES } from './helpers/paths';

const EXAMPLE = path.join(FIXTURES, '..', '..', 'examples', 'sqlalchemy-app');

describe('incremental analysis', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-inc-'));
    fs.cpSync(EXAMPLE, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function fullBuild(project: Project) {
    const facts = [...project.files.values()].map((f) => f.models).filter((m): m is PyModuleFacts => !!m);
    return buildSchemaFromSqlAlchemy(facts);
  }

  it('after edits of models and migrations, the incremental analysis equals a fresh one', async () => {
    // Exercises every reuse: the model build, the replay resumed from a checkpoint, the cached replay
    // across model edits, and rules whose inputs did not change.
    const project = new Project(dir);
    await project.scan();
    project.analyse();
    const versions = path.join(dir, 'alembic', 'versions');
    const edits: [string, (t: string) => string][] = [
      [path.join(versions, '004_catering_payments.py'), (t) => t.replace('catering_bookings (id)', 'bookings.bookings (id)')],
      [path.join(dir, 'app', 'models', 'jobs.py'), (t) => t.replace('class Job(Base):', 'class Job(Base):\n    """Jobs."""')],
      [path.join(versions, '001_bookings_and_conversations.py'), (t) => t.replace('sa.Column("phone", sa.String(length=20), nullable=True)', 'sa.Column("phone", sa.String(length=20), nullable=False)')],
      [path.join(versions, 'e8e33e1e5658_add_business_model.py'), (t) => t.replace('"businesses",\n', '"business_profiles",\n')],
      [path.join(dir, 'app', 'models', 'bookings.py'), (t) => t.replace('phone = Column(String(20), nullable=False)', 'phone = Column(String(20), nullable=False)\n    email = Column(String(320))')],
      [path.join(versions, '005_customer_sms_consent.py'), (t) => t.replace('def upgrade() -> None:\n', 'def upgrade() -> None:\n    op.add_column("customers", sa.Column("email", sa.String(320)), schema="bookings")\n')],
    ];
    const describe = (findings: { ruleId: string; message: string; location: { file: string; range: { start: { line: number } } } }[]) =>
      findings.map((f) => `${path.relative(dir, f.location.file)}:${f.location.range.start.line} ${f.ruleId} ${f.message}`);
    for (const [file, edit] of edits) {
      const text = edit(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, text);
      await project.update(file, text);
      const fresh = new Project(dir);
      await fresh.scan();
      assert.deepStrictEqual(describe(project.analyse().findings), describe(fresh.analyse().findings), path.basename(file));
    }
  });

  it('design findings that look across files follow edits of the other file, and keep their identity otherwise', async () => {
    // Per-table reports are reused while the tables they looked up are unchanged: an edit of the
    // referenced table must still change them.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-design-'));
    try {
      const sales = path.join(work, 'sales.py');
      const messages = path.join(work, 'messages.py');
      fs.writeFileSync(sales, [
        'from sqlalchemy import Column, ForeignKey, Integer, String',
        'from sqlalchemy.orm import declarative_base, relationship',
        '',
        'Base = declarative_base()',
        '',
        '',
        'class Lead(Base):',
        '    __tablename__ = "leads"',
        '    id = Column(Integer, primary_key=True)',
        '',
        '',
        'class Conversation(Base):',
        '    __tablename__ = "conversations"',
        '    id = Column(Integer, primary_key=True)',
        '    lead_id = Column(Integer, ForeignKey("leads.id"), nullable=False, index=True)',
        '    stage = Column(String(20))',
        '',
      ].join('\n'));
      fs.writeFileSync(messages, [
        'from sqlalchemy import Column, ForeignKey, Integer',
        'from sales import Base',
        '',
        '',
        'class Message(Base):',
        '    __tablename__ = "messages"',
        '    id = Column(Integer, primary_key=True)',
        '    conversation_id = Column(Integer, ForeignKey("conversations.id"), nullable=False, index=True)',
        '    lead_id = Column(Integer, ForeignKey("leads.id"), index=True)',
        '',
      ].join('\n'));
      const project = new Project(work);
      await project.scan();
      const redundant = () => project.analyse().findings.filter((f) => f.ruleId === 'fk-transitive-redundant');
      const first = redundant();
      assert.deepStrictEqual(first.map((f) => `${path.basename(f.location.file)}:${f.location.range.start.line + 1}`), ['messages.py:9']);

      const original = fs.readFileSync(sales, 'utf8');
      // Conversation is rebuilt (so the per-table reports of Message are recomputed); what they say is not changed.
      await project.update(sales, original.replace('String(20)', 'String(30)'));
      assert.strictEqual(redundant()[0], first[0], 'an edit that changes nothing of the finding keeps the finding object');

      await project.update(sales, original.replace('    lead_id = Column(Integer, ForeignKey("leads.id"), nullable=False, index=True)\n', ''));
      assert.deepStrictEqual(redundant(), [], 'without conversations.lead_id nothing is derivable');

      await project.update(sales, original);
      assert.strictEqual(redundant().length, 1, 'restored, the finding is back');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('after edits of every kind, the incremental model equals a full build', async () => {
    const project = new Project(dir);
    await project.scan();
    project.analyse();
    const identity = path.join(dir, 'app', 'models', 'identity.py');
    const bookings = path.join(dir, 'app', 'models', 'bookings.py');
    const original = fs.readFileSync(identity, 'utf8');
    const edits: [string, string][] = [
      [identity, original.replace('index=True)\n    is_admin', ')\n    is_admin')], // local: one option
      [identity, original.replace('ForeignKey("users.id"', 'ForeignKey("identity.users.id"')], // local: a reference
      [identity, original.replace('class Role(Base):', 'class Role(Base):\n    """Roles."""')], // lines shift
      [identity, original.replace('"users"', '"accounts"')], // a table renamed: other files refer to it
      [bookings, fs.readFileSync(bookings, 'utf8').replace('"bookings"}\n\n    id = Column(Integer, primary_key=True)\n    customer_id', '"crm"}\n\n    id = Column(Integer, primary_key=True)\n    customer_id')],
      [identity, original],
    ];
    for (const [file, text] of edits) {
      await project.update(file, text);
      const incremental = project.analyse().models;
      const full = fullBuild(project);
      assert.deepStrictEqual(incremental.tables, full.tables, `after editing ${path.basename(file)}`);
      assert.strictEqual(incremental.hasUnknownTables, full.hasUnknownTables);
    }
    assert.ok(project.modelBuilder.stats.partial >= 2, 'local edits rebuild one file only');
    assert.ok(project.modelBuilder.stats.full >= 2, 'skeleton edits rebuild everything');
  });

  it('an edit of a mapped class keeps its subclasses in other files (single-table inheritance) on its table', async () => {
    // A local edit rebuilds one file's tables; what is known of the other files' classes is kept,
    // and must follow the edited file's new class objects.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-sti-'));
    try {
      const people = path.join(work, 'people.py');
      const staff = path.join(work, 'staff.py');
      const original = [
        'from sqlalchemy import Column, Integer, String',
        'from sqlalchemy.orm import declarative_base',
        '',
        'Base = declarative_base()',
        '',
        '',
        'class Person(Base):',
        '    __tablename__ = "people"',
        '    id = Column(Integer, primary_key=True)',
        '    kind = Column(String(20))',
        '    __mapper_args__ = {"polymorphic_on": kind}',
        '',
      ].join('\n');
      fs.writeFileSync(people, original);
      fs.writeFileSync(staff, [
        'from sqlalchemy import Column, String',
        'from people import Person',
        '',
        '',
        'class Engineer(Person):',
        '    language = Column(String(40))',
        '    __mapper_args__ = {"polymorphic_identity": "engineer"}',
        '',
      ].join('\n'));
      const project = new Project(work);
      await project.scan();
      const columns = () => project.analyse().models.tables.find((t) => t.name === 'people')!.columns.map((c) => `${c.name} ${c.type && 'written' in c.type ? c.type.written : '?'}`);
      assert.deepStrictEqual(columns(), ['id Integer', 'kind String(20)', 'language String(40)']);
      const partial = project.modelBuilder.stats.partial;
      for (const text of [original.replace('String(20)', 'String(30)'), original.replace('String(20)', 'String(50)'), original]) {
        await project.update(people, text);
        const incremental = project.analyse().models;
        assert.deepStrictEqual(incremental.tables, fullBuild(project).tables);
        assert.ok(incremental.tables.find((t) => t.name === 'people')!.columns.some((c) => c.name === 'language'), "the subclass's column stays on the table");
      }
      assert.strictEqual(project.modelBuilder.stats.partial, partial + 3, 'each edit rebuilt one file');
      assert.deepStrictEqual(columns(), ['id Integer', 'kind String(20)', 'language String(40)']);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('a Python file that starts or stops naming version_locations changes which folders of versions/ are loaded, as a fresh start would', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-locations-'));
    try {
      const env = path.join(work, 'db', 'alembic');
      fs.mkdirSync(path.join(env, 'versions', 'archive'), { recursive: true });
      fs.writeFileSync(path.join(env, 'env.py'), 'from alembic import context\n');
      const revision = (id: string, down: string | null, table: string) => [
        'from alembic import op',
        'import sqlalchemy as sa',
        '',
        `revision = "${id}"`,
        `down_revision = ${down ? `"${down}"` : 'None'}`,
        '',
        '',
        'def upgrade():',
        `    op.create_table("${table}", sa.Column("id", sa.Integer(), primary_key=True))`,
        '',
      ].join('\n');
      fs.writeFileSync(path.join(env, 'versions', '001_users.py'), revision('001', null, 'users'));
      // A history of its own beside versions/: loaded only where the project's code may name it.
      fs.writeFileSync(path.join(env, 'versions', 'archive', 'a01_ledger.py'), revision('a01', null, 'ledger'));
      const cli = path.join(work, 'db', 'cli.py');
      const plain = 'from alembic import command\n\n\ndef upgrade(config):\n    command.upgrade(config, "heads")\n';
      const naming = 'import os\n\nfrom alembic import command\n\n\ndef upgrade(config):\n    config.set_main_option("version_locations", os.environ["LOCATIONS"])\n    command.upgrade(config, "heads")\n';
      fs.writeFileSync(cli, plain);
      const project = new Project(work);
      await project.scan();
      const tables = (p: Project) => p.analyse().migrations.flatMap((m) => m.schema.tables.map((t) => t.name)).sort();
      assert.deepStrictEqual(tables(project), ['users']);
      for (const text of [naming, plain]) {
        fs.writeFileSync(cli, text);
        await project.update(cli, text);
        const fresh = new Project(work);
        await fresh.scan();
        assert.deepStrictEqual(tables(project), tables(fresh));
      }
      await project.update(cli, naming);
      assert.deepStrictEqual(tables(project), ['ledger', 'users'], 'named by code: the archive folder may be loaded');
      project.remove(cli);
      assert.deepStrictEqual(tables(project), ['users'], 'the file gone: no code names it');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('a file removed and restored gives the original findings back', async () => {
    const project = new Project(dir);
    await project.scan();
    const before = project.analyse().findings.map((f) => `${f.ruleId} ${f.message}`);
    const users = path.join(dir, 'app', 'models', 'identity.py');
    const text = fs.readFileSync(users, 'utf8');
    project.remove(users);
    const without = project.analyse();
    assert.ok(!without.findings.some((f) => f.location.file === users), 'no finding stays in a removed file');
    assert.ok(!without.models.tables.some((t) => t.schema === 'identity'), 'its tables are gone');
    await project.update(users, text);
    assert.deepStrictEqual(project.analyse().findings.map((f) => `${f.ruleId} ${f.message}`), before);
  });
  it('follows an edit of a type another module binds to a name (`UUID = String(length=36)`), as a fresh start would', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-bound-type-'));
    try {
      writeLines(dir, 'app/__init__.py', ['']);
      writeLines(dir, 'app/db.py', [
        'from sqlalchemy import Column, String',
        'from sqlalchemy.orm import declarative_base',
        '',
        'Base = declarative_base()',
        'UUID = String(length=36)',
      ]);
      writeLines(dir, 'app/notes.py', [
        'from sqlalchemy import Column',
        '',
        'from app.db import UUID, Base',
        '',
        '',
        'class Note(Base):',
        '    __tablename__ = "notes"',
        '',
        '    id = Column(UUID, primary_key=True)',
      ]);
      const project = new Project(dir);
      await project.scan();
      const idType = () => JSON.stringify(project.analyse().models.tables.find((t) => t.name === 'notes')!.columns.find((c) => c.name === 'id')!.type);
      assert.match(idType(), /"name":"varchar".*"args":\[36\]/);
      const file = path.join(dir, 'app', 'db.py');
      // (Nothing else of the module changes: not its imports, not its classes.)
      await project.update(file, fs.readFileSync(file, 'utf8').replace('String(length=36)', 'String(length=40)'));
      assert.match(idType(), /"args":\[40\]/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what an edit changed, for work kept by table', () => {
  const table = (schema: string, name: string, className?: string): Table => ({
    schema, name, className, location: { file: `/app/${name}.py`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    columns: [], primaryKey: [], foreignKeys: [], indexes: [], uniqueConstraints: [], relationships: [], evidence: 'model',
  });

  it('names the lookups by name and by class that answer differently, and no other', () => {
    const users = table('public', 'users', 'User');
    const orders = table('public', 'orders', 'Order');
    const audit = table('audit', 'events', 'Event');
    const before = new TableIndex([users, orders, audit]);
    const ordersEdited = table('public', 'orders', 'Order');
    const invoices = table('billing', 'invoices', 'Invoice');
    const after = new TableIndex([users, ordersEdited, invoices]);
    assert.deepStrictEqual([...after.changedSince(before)].sort(), [
      TableIndex.classKey('Event'), TableIndex.classKey('Invoice'), TableIndex.classKey('Order'),
      TableIndex.nameKey('audit', 'events'), TableIndex.nameKey('billing', 'invoices'), TableIndex.nameKey('public', 'orders'),
    ].sort());
    assert.deepStrictEqual([...new TableIndex([users, orders, audit]).changedSince(before)], [], 'the same tables: nothing changed');
    assert.strictEqual(after.changedSince(before), after.changedSince(before), 'computed once per pair');
  });
});

describe('a TypeORM model rebuilt after an edit', () => {
  let app: string;
  beforeEach(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-orm-keep-'));
    fs.mkdirSync(path.join(app, 'src', 'entity'), { recursive: true });
    const write = (name: string, lines: string[]) => fs.writeFileSync(path.join(app, 'src', 'entity', name), lines.join('\n'));
    write('Base.ts', [
      "import { CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';",
      '',
      'export abstract class Base {',
      '  @PrimaryGeneratedColumn()',
      '  id: number;',
      '',
      '  @CreateDateColumn()',
      '  createdAt: Date;',
      '}',
      '',
      '// A plain entity beside the base, in its file: an edit of the base re-reads it too.',
      "@Entity('tags')",
      'export class Tag {',
      '  @PrimaryGeneratedColumn()',
      '  id: number;',
      '}',
    ]);
    fs.writeFileSync(path.join(app, 'src', 'entity', 'Base.ts'), fs.readFileSync(path.join(app, 'src', 'entity', 'Base.ts'), 'utf8').replace("import { CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';", "import { CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';"));
    write('User.ts', [
      "import { Column, Entity } from 'typeorm';",
      "import { Base } from './Base';",
      '',
      "@Entity('users')",
      'export class User extends Base {',
      '  @Column({ length: 120 })',
      '  name: string;',
      '}',
    ]);
    write('Order.ts', [
      "import { Column, Entity, ManyToOne } from 'typeorm';",
      "import { Base } from './Base';",
      "import { User } from './User';",
      '',
      "@Entity('orders')",
      'export class Order extends Base {',
      '  @Column()',
      '  total: number;',
      '',
      '  @ManyToOne(() => User)',
      '  owner: User;',
      '}',
    ]);
  });
  afterEach(() => fs.rmSync(app, { recursive: true, force: true }));

  const describeFindings = (p: Project) => p.analyse().findings.map((f) => `${path.basename(f.location.file)}:${f.location.range.start.line + 1} ${f.ruleId} ${f.message}`);

  it('keeps the objects of the tables the edit did not change, and finds what a fresh start finds', async () => {
    const project = new Project(app);
    await project.scan();
    const table = (name: string) => project.analyse().models.tables.find((t) => t.name === name)!;
    const users = table('users');
    const orders = table('orders');
    const file = path.join(app, 'src', 'entity', 'Order.ts');
    const text = fs.readFileSync(file, 'utf8').replace('  total: number;', '  total: number;\n\n  @Column({ nullable: true })\n  note: string;');
    fs.writeFileSync(file, text);
    await project.update(file, text);
    assert.strictEqual(table('users'), users, 'an entity the edit did not change is the same object');
    assert.notStrictEqual(table('orders'), orders, 'the edited entity is new');
    assert.ok(table('orders').columns.some((c) => c.name === 'note'));
    const fresh = new Project(app);
    await fresh.scan();
    assert.deepStrictEqual(describeFindings(project), describeFindings(fresh));
  });

  it('an edit of a base class file keeps no table that holds the base\'s earlier declarations', async () => {
    const project = new Project(app);
    await project.scan();
    const table = (name: string) => project.analyse().models.tables.find((t) => t.name === name)!;
    const users = table('users');
    const tags = table('tags');
    // The base's file is read again (its declarations are new objects, at the same places).
    const file = path.join(app, 'src', 'entity', 'Base.ts');
    const text = fs.readFileSync(file, 'utf8').replace('export class Tag {', 'export class Tag {\n  // tags');
    fs.writeFileSync(file, text);
    await project.update(file, text);
    assert.notStrictEqual(table('users'), users, "a table of inherited columns holds the base's new declarations");
    const inherited = (t: { columns: { name: string; location: unknown }[] }) => t.columns.find((c) => c.name === 'createdAt')!.location;
    assert.strictEqual(inherited(table('users')), inherited(table('orders')), 'every table that inherits a declaration holds one object for it');
    assert.notStrictEqual(table('tags'), tags, 'the edited file\'s own entity is rebuilt where its lines moved');
    const fresh = new Project(app);
    await fresh.scan();
    assert.deepStrictEqual(describeFindings(project), describeFindings(fresh));
  });
});

describe('a TypeORM class made by mixins, after edits of the mixin and of the module applying it', () => {
  it('has the columns a fresh start finds', async () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-mixins-'));
    try {
      writeLines(app, 'src/entity/mixins.ts', [
        "import { CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';",
        '',
        'type Constructor = new (...args: any[]) => object;',
        '',
        'export function withKey<T extends Constructor>(base: T) {',
        '  class Keyed extends base {',
        '    @PrimaryGeneratedColumn()',
        '    id: number;',
        '  }',
        '  return Keyed;',
        '}',
        '',
        'export function withCreated<T extends Constructor>(base: T) {',
        '  class Created extends base {',
        '    @CreateDateColumn()',
        '    createdAt: Date;',
        '  }',
        '  return Created;',
        '}',
      ]);
      writeLines(app, 'src/entity/bases.ts', [
        "import { withCreated, withKey } from './mixins';",
        '',
        'class Root {}',
        'export const Keyed = withKey(Root);',
      ]);
      writeLines(app, 'src/entity/Note.ts', [
        "import { Column, Entity } from 'typeorm';",
        "import { Keyed } from './bases';",
        '',
        '@Entity()',
        'export class Note extends Keyed {',
        '  @Column()',
        '  body: string;',
        '}',
      ]);
      const project = new Project(app);
      await project.scan();
      const columns = (p: Project) => p.analyse().models.tables.find((t) => t.name === 'note')!.columns.map((c) => c.name).sort();
      assert.deepStrictEqual(columns(project), ['body', 'id']);
      const edit = async (rel: string, from: string, to: string) => {
        const file = path.join(app, rel);
        const text = fs.readFileSync(file, 'utf8').replace(from, to);
        fs.writeFileSync(file, text);
        await project.update(file, text);
      };
      await edit('src/entity/mixins.ts', '    id: number;', '    id: number;\n\n    @CreateDateColumn()\n    keyedAt: Date;');
      assert.deepStrictEqual(columns(project), ['body', 'id', 'keyedAt']);
      await edit('src/entity/bases.ts', 'withKey(Root)', 'withCreated(withKey(Root))');
      assert.deepStrictEqual(columns(project), ['body', 'createdAt', 'id', 'keyedAt']);
      const fresh = new Project(app);
      await fresh.scan();
      assert.deepStrictEqual(columns(project), columns(fresh));
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});

/**
 * Applies each edit to the project and checks it was built as said (partial: that file's tables
 * only, every other file's table the very object it was — at least `minOthers` of them), and that
 * its tables and findings equal a fresh scan's.
 */
async function assertEditsBuildAsFresh(project: Project, dir: string, edits: [string, string, 'partial' | 'whole'][], minOthers: number): Promise<void> {
  const tables = () => project.analyse().models.tables;
  let before = tables();
  for (const [file, text, kind] of edits) {
    fs.writeFileSync(file, text);
    await project.update(file, text);
    const builds = { ...project.ormBuilds };
    const after = tables();
    assert.strictEqual(project.ormBuilds[kind], builds[kind] + 1, `${path.basename(file)}: built ${kind}`);
    const fresh = new Project(dir);
    await fresh.scan();
    // (Compared as data: a location keeps the range it was once asked for.)
    const data = (t: Table[]) => JSON.parse(JSON.stringify(t, (k, v: unknown) => (k === 'materialised' ? undefined : v)));
    assert.deepStrictEqual(data(after), data(fresh.analyse().models.tables), `${path.basename(file)}: ${kind}`);
    assert.deepStrictEqual(project.analyse().findings.map((f) => `${f.ruleId} ${f.location.range.start.line} ${f.message}`),
      fresh.analyse().findings.map((f) => `${f.ruleId} ${f.location.range.start.line} ${f.message}`));
    if (kind === 'partial') {
      // Every table of another file is the very object it was.
      const others = after.filter((t) => t.location.file !== file && t.className);
      assert.ok(others.length >= minOthers);
      for (const t of others) assert.ok(before.includes(t), `${t.name} kept`);
    }
    before = after;
  }
}

describe('a TypeORM model built again after an edit of one file', () => {
  const APP = path.join(FIXTURES, 'models', 'typeorm-app');
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-orm-partial-'));
    fs.cpSync(APP, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes only that file\'s tables again when it keeps what other tables read of them, and equals a fresh build after edits of every kind', async () => {
    const project = new Project(dir);
    await project.scan();
    const entity = (name: string) => path.join(dir, 'src', 'entity', name);
    const invoice = entity('Invoice.ts');
    const account = entity('Account.ts');
    const bookmark = entity('Bookmark.ts');
    const depot = entity('Depot.ts');
    const original = { invoice: fs.readFileSync(invoice, 'utf8'), account: fs.readFileSync(account, 'utf8'), bookmark: fs.readFileSync(bookmark, 'utf8'), depot: fs.readFileSync(depot, 'utf8') };
    const edits: [string, string, 'partial' | 'whole'][] = [
      // Its own columns' options: only its tables change.
      [invoice, original.invoice.replace('length: 16, default: InvoiceState.Draft', 'length: 24, default: InvoiceState.Draft'), 'partial'],
      [invoice, original.invoice.replace('{ onDelete: "CASCADE" }', '{ onDelete: "CASCADE", nullable: false }'), 'partial'],
      [invoice, original.invoice.replace('  @Index()\n  @ManyToOne(() => Account', '  @ManyToOne(() => Account'), 'partial'],
      // A key's type, a column renamed: tables that reference it read them.
      [invoice, original.invoice.replace('  @PrimaryGeneratedColumn()\n  id!: number;\n\n  @Column({ type: "varchar", length: Sizes.code', '  @PrimaryGeneratedColumn("uuid")\n  id!: string;\n\n  @Column({ type: "varchar", length: Sizes.code'), 'whole'],
      [invoice, original.invoice.replace('invoiceId!: number;', 'invoiceRef!: number;'), 'whole'],
      [invoice, original.invoice, 'whole'],
      [account, original.account.replace(/length: (\d+)/, 'length: 99'), 'partial'],
      [account, original.account, 'partial'],
      // An entity-level index on a relation: its join column, named by TypeORM, once the table is made again.
      [bookmark, original.bookmark.replace('@Index(["label", "createdOn"])', '@Index(["account", "createdOn"])'), 'partial'],
      [bookmark, original.bookmark, 'partial'],
      // A file of an embedded EntitySchema (its columns are other tables', as an abstract base's): built whole.
      [depot, original.depot.replace('prefix: "geo"', 'prefix: "spare"'), 'whole'],
      [depot, original.depot.replace('    lng: { type: "double precision", nullable: true },\n', '    lng: { type: "double precision", nullable: true },\n    alt: { type: "int", nullable: true },\n'), 'whole'],
      [depot, original.depot.replace('    backup: { schema: GeoPointEntity, prefix: "geo" },\n', ''), 'whole'],
      [depot, original.depot, 'whole'],
    ];
    await assertEditsBuildAsFresh(project, dir, edits, 6);
  });
});

describe('a Sequelize model built again after an edit of one file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-sequelize-partial-'));
    writeLines(dir, 'package.json', ['{ "dependencies": { "pg": "^8.11.0", "sequelize": "^6.37.0" } }', '']);
    writeLines(dir, 'config/limits.js', ['module.exports = { NAME_MAX: 120 };', '']);
    const model = (name: string, table: string, attributes: string[], associate: string[]) => writeLines(dir, `models/${name.toLowerCase()}.js`, [
      "'use strict';",
      '',
      "const { Model } = require('sequelize');",
      "const { NAME_MAX } = require('../config/limits');",
      '',
      'module.exports = (sequelize, DataTypes) => {',
      `  class ${name} extends Model {`,
      '    static associate(models) {',
      ...associate.map((a) => `      ${a}`),
      '    }',
      '  }',
      `  ${name}.init({`,
      ...attributes.map((a) => `    ${a}`),
      `  }, { sequelize, modelName: '${name}', tableName: '${table}', underscored: true });`,
      `  return ${name};`,
      '};',
      '',
    ]);
    model('Customer', 'customers', ['name: { type: DataTypes.STRING(NAME_MAX), allowNull: false },', 'email: { type: DataTypes.STRING(320), allowNull: false, unique: true },'],
      ["Customer.hasMany(models.Order, { foreignKey: 'customer_id' });", "Customer.hasOne(models.Profile, { foreignKey: 'customer_id' });"]);
    model('Order', 'orders', ['totalCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },'],
      ["Order.belongsTo(models.Customer, { foreignKey: 'customer_id' });", "Order.hasMany(models.Item, { foreignKey: 'order_id' });"]);
    model('Item', 'items', ['quantity: { type: DataTypes.INTEGER, allowNull: false },'], ["Item.belongsTo(models.Order, { foreignKey: 'order_id' });"]);
    model('Profile', 'profiles', ['bio: { type: DataTypes.TEXT },'], []);
    model('Note', 'notes', ['body: { type: DataTypes.TEXT, allowNull: false },'], ['Note.belongsTo(models.Customer);']);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("makes only that file's tables again when its associations, names and keys stay, and equals a fresh build after edits of every kind", async () => {
    const project = new Project(dir);
    await project.scan();
    const customer = path.join(dir, 'models', 'customer.js');
    const order = path.join(dir, 'models', 'order.js');
    const original = { customer: fs.readFileSync(customer, 'utf8'), order: fs.readFileSync(order, 'utf8') };
    const edits: [string, string, 'partial' | 'whole'][] = [
      // Its own attributes' options: only its tables change (the keys its associations add elsewhere stay).
      [customer, original.customer.replace('STRING(NAME_MAX)', 'STRING(100)'), 'partial'],
      [customer, original.customer.replace("STRING(320), allowNull: false, unique: true", 'STRING(320), allowNull: true'), 'partial'],
      [order, original.order.replace('defaultValue: 0', 'defaultValue: 1'), 'partial'],
      // An association's key renamed, a key's type, a line moving the associations: other tables read them.
      [customer, original.customer.replace("hasMany(models.Order, { foreignKey: 'customer_id' })", "hasMany(models.Order, { foreignKey: 'buyer_id' })"), 'whole'],
      [customer, original.customer.replace("name: { type: DataTypes.STRING(NAME_MAX), allowNull: false },", "id: { type: DataTypes.UUID, primaryKey: true },\n    name: { type: DataTypes.STRING(NAME_MAX), allowNull: false },"), 'whole'],
      [customer, `// Customers.\n${original.customer}`, 'whole'],
      [customer, original.customer, 'whole'],
      [order, original.order.replace('allowNull: false, defaultValue: 0', 'allowNull: true, defaultValue: 0'), 'partial'],
      [order, original.order, 'partial'],
    ];
    await assertEditsBuildAsFresh(project, dir, edits, 4);
  });
});

describe('a TypeORM key typed after a column of another file', () => {
  it('follows an edit of that column\'s type (the model is built whole)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-orm-retype-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src', 'Program.ts'), [
        'import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";',
        '',
        '@Entity()',
        'export class Program {',
        '  @PrimaryGeneratedColumn()',
        '  id!: number;',
        '',
        '  @Column({ name: "public_code", type: "varchar", length: 12, unique: true })',
        '  publicCode!: string;',
        '}',
      ].join('\n'));
      fs.writeFileSync(path.join(dir, 'src', 'Cohort.ts'), [
        'import { Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";',
        'import { Program } from "./Program";',
        '',
        '@Entity()',
        'export class Cohort {',
        '  @PrimaryGeneratedColumn()',
        '  id!: number;',
        '',
        '  // Its column takes the type of the column it references.',
        '  @ManyToOne(() => Program)',
        '  @JoinColumn({ name: "sponsor_code", referencedColumnName: "publicCode" })',
        '  sponsor!: Program;',
        '}',
      ].join('\n'));
      const project = new Project(dir);
      await project.scan();
      const sponsorType = () => JSON.stringify(project.analyse().models.tables.find((t) => t.name === 'cohort')!.columns.find((c) => c.name === 'sponsor_code')!.type);
      assert.match(sponsorType(), /"args":\[12\]/);
      const file = path.join(dir, 'src', 'Program.ts');
      const text = fs.readFileSync(file, 'utf8').replace('length: 12', 'length: 20');
      await project.update(file, text);
      assert.match(sponsorType(), /"args":\[20\]/);
      assert.strictEqual(project.ormBuilds.partial, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a replay after an edit of one migration of a long chain', () => {
  /** 90 migrations: each makes a table referencing the one before; later ones change earlier tables. */
  function writeChain(dir: string): string {
    const versions = path.join(dir, 'alembic', 'versions');
    fs.mkdirSync(versions, { recursive: true });
    fs.writeFileSync(path.join(dir, 'alembic', 'env.py'), 'from alembic import context\n');
    const later: Record<number, string[]> = {
      50: ['    op.alter_column("t10", "code", existing_type=sa.String(20), nullable=False)'],
      // A schema made between the edited step and the next checkpoint: made again alike, no obstacle.
      52: ['    op.execute("CREATE SCHEMA audit")'],
      60: ['    op.rename_table("t20", "t20_archive")'],
      65: ['    op.drop_index("ix_t30_code", table_name="t30")'],
      70: ['    op.create_foreign_key("fk_t5_t40", "t5", "t40", ["other_id"], ["id"])'],
      75: ['    op.execute("ALTER TABLE t35 ADD COLUMN note TEXT")'],
    };
    for (let i = 0; i < 90; i++) {
      const lines = [
        `"""step ${i}\n\nRevision ID: r${i}\nRevises: ${i ? `r${i - 1}` : ''}\n"""`,
        'from alembic import op', 'import sqlalchemy as sa', '',
        `revision = "r${i}"`, `down_revision = ${i ? `"r${i - 1}"` : 'None'}`, '', '',
        'def upgrade():',
        '    op.create_table(',
        `        "t${i}",`,
        '        sa.Column("id", sa.Integer(), primary_key=True),',
        '        sa.Column("code", sa.String(20), nullable=True),',
        '        sa.Column("other_id", sa.Integer(), nullable=True),',
        ...(i ? [`        sa.ForeignKeyConstraint(["other_id"], ["t${i - 1}.id"]),`] : []),
        '    )',
        `    op.create_index("ix_t${i}_code", "t${i}", ["code"])`,
        ...(later[i] ?? []),
      ];
      fs.writeFileSync(path.join(versions, `r${i}.py`), lines.join('\n') + '\n');
    }
    return versions;
  }

  it('takes the rest of the chain from the previous replay where nothing later touches what changed, and equals a fresh replay', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-splice-'));
    try {
      const versions = writeChain(dir);
      const project = new Project(dir);
      await project.scan();
      project.analyse();
      const data = (p: Project) => {
        const analysis = p.analyse();
        return JSON.parse(JSON.stringify({
          tables: analysis.migrations.map((m) => m.schema.tables),
          events: analysis.migrations.map((m) => m.events.map((e) => `${e.kind} ${path.basename(e.migration.file)}`)),
          findings: analysis.findings.map((f) => `${f.ruleId} ${path.basename(f.location.file)}:${f.location.range.start.line} ${f.message}`),
        }, (k, v: unknown) => (k === 'materialised' ? undefined : v)));
      };
      const edits: [number, (t: string) => string, boolean][] = [
        // Nothing after the next checkpoint names t45: the rest is taken as it was…
        [45, (t) => t.replace('"code", sa.String(20), nullable=True', '"code", sa.String(20), nullable=False'), true],
        // …t10 is altered later, t20 renamed, t30's index dropped by name, t35 changed by SQL: replayed.
        [10, (t) => t.replace('"code", sa.String(20), nullable=True', '"code", sa.String(30), nullable=True'), false],
        [20, (t) => t.replace('"code", sa.String(20), nullable=True', '"code", sa.String(30), nullable=True'), false],
        [30, (t) => t.replace('"code", sa.String(20), nullable=True', '"code", sa.String(30), nullable=True'), false],
        [35, (t) => t.replace('"code", sa.String(20), nullable=True', '"code", sa.String(30), nullable=True'), false],
        // t41 is referenced by t42's key: the key's target is unchanged, so it is taken too.
        [41, (t) => t.replace('"code", sa.String(20), nullable=True', '"code", sa.String(25), nullable=True'), true],
        // A table dropped: what later steps find differs (replayed).
        [44, (t) => t.replace('    op.create_index("ix_t44_code", "t44", ["code"])', '    op.create_index("ix_t44_code", "t44", ["code"])\n    op.drop_table("t3")'), false],
        [44, (t) => t.replace('\n    op.drop_table("t3")', ''), false],
      ];
      for (const [n, edit, takes] of edits) {
        const file = path.join(versions, `r${n}.py`);
        const text = edit(fs.readFileSync(file, 'utf8'));
        fs.writeFileSync(file, text);
        const spliced = replayStats.spliced;
        await project.update(file, text);
        const incremental = data(project);
        assert.strictEqual(replayStats.spliced > spliced, takes, `r${n}: ${takes ? 'taken from the previous replay' : 'replayed'}`);
        const fresh = new Project(dir);
        await fresh.scan();
        assert.deepStrictEqual(incremental, data(fresh), `after editing r${n}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('worker-thread reading', function () {
  this.timeout(60000);

  it(`reads ${WORKER_THRESHOLD}+ model and migration files on workers exactly as on this thread`, async () => {
    const models = Array.from({ length: WORKER_THRESHOLD + 20 }, (_, i) => ({
      kind: 'sqlalchemy-models' as const,
      file: `/virtual/models_${i}.py`,
      text: `from sqlalchemy import Column, ForeignKey, Integer, MetaData\nfrom sqlalchemy.orm import declarative_base\n\nmd = MetaData(schema="s${i % 3}")\nBase = declarative_base(metadata=md)\n\n\nclass M${i}(Base):\n    __tablename__ = "m${i}"\n    id = Column(Integer, primary_key=True)\n    parent_id = Column(Integer, ForeignKey("m${Math.max(0, i - 1)}.id"), index=${i % 2 ? 'True' : 'False'})\n` +
        (i === 7 ? 'class Broken(:\n' : ''),
    }));
    const q3 = '"""';
    const migrations = Array.from({ length: 40 }, (_, i) => ({
      kind: 'alembic-migration' as const,
      file: `/virtual/versions/m${i}.py`,
      text: `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "m${i}"\ndown_revision = ${i ? `"m${i - 1}"` : 'None'}\n\n\ndef upgrade():\n` +
        `    op.create_table("m${i}", sa.Column("id", sa.Integer(), primary_key=True), schema="s${i % 3}")\n` +
        `    op.execute(${q3}ALTER TABLE s${i % 3}.m${i} ADD COLUMN note text NOT NULL DEFAULT 'é'; CREATE INDEX ix_m${i} ON s${i % 3}.m${i} (note)${q3})\n` +
        (i === 5 ? '    op.execute("CREATE TABEL broken (")\n' : ''),
    }));
    const items = [...models.slice(0, 150), ...migrations, ...models.slice(150)];
    // Real files, read by the pool: by the worker (facts as JSON) and by this thread (facts).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-pool-'));
    for (const item of items) item.file = path.join(dir, item.file.replace(/^\/virtual\//, ''));
    for (const item of items) {
      fs.mkdirSync(path.dirname(item.file), { recursive: true });
      fs.writeFileSync(item.file, item.text);
    }
    const pool = ParsePool.forFiles(items.length)!;
    assert.ok(pool, 'a pool for this many files');
    let fromWorker = 0;
    let pooled: unknown[];
    try {
      pooled = await pool.readPaths(items.map((i) => ({ file: i.file })), (item, r) => {
        assert.ok('result' in r, item.file);
        if ('json' in r.result) {
          fromWorker++;
          return { facts: anyFactsFromJson(r.kind, r.result.json) };
        }
        return r.result;
      });
    } finally {
      await pool.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(fromWorker > 0 && fromWorker < items.length, `both the worker and this thread read files (${fromWorker} by the worker)`);
    // Facts cross threads as JSON (locations compacted): compare what they say, as JSON with Maps as entries.
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Map ? [...v] : v)));
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const direct = item.kind === 'sqlalchemy-models' ? await readSqlAlchemyModels(item.file, item.text) : await readAlembicMigration(item.file, item.text);
      assert.deepStrictEqual(plain(pooled[i]), plain({ facts: direct }), item.file);
      if (i === 0 || i === 150) {
        const location = JSON.stringify(pooled[i]).match(/"location":\{"file":"([^"]+)"/);
        assert.strictEqual(location?.[1], item.file, 'locations keep their file');
      }
    }
    const broken = pooled[150 + 5] as { facts: { operations: { kind: string }[] } };
    assert.ok(broken.facts.operations.some((o) => o.kind === 'unknown'), 'SQL the parser rejects is kept as unreadable');
  });
  it('what a migration\'s helper module does follows edits of the helper, as a fresh start would', async () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-helpers-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'rules', 'model-not-migrated', 'bad-first-migration-split-into-modules'), app, { recursive: true });
      const project = new Project(app);
      await project.scan();
      const unmigrated = (p: Project) => p.analyse().findings.filter((f) => f.ruleId === 'model-not-migrated').map((f) => `${path.basename(f.location.file)}:${f.location.range.start.line + 1}`).sort();
      assert.deepStrictEqual(unmigrated(project), ['models.py:20', 'models.py:30']);
      const helper = path.join(app, 'netdb', 'migrations', 'core_init_ops.py');
      const text = fs.readFileSync(helper, 'utf8').replace('sa.Column("name", sa.String(length=255), nullable=True),', 'sa.Column("name", sa.String(length=255), nullable=True),\n        sa.Column("mtu", sa.Integer(), nullable=True),');
      fs.writeFileSync(helper, text);
      await project.update(helper, text);
      const fresh = new Project(app);
      await fresh.scan();
      assert.deepStrictEqual(unmigrated(project), unmigrated(fresh));
      assert.deepStrictEqual(unmigrated(project), ['models.py:30'], 'the helper now adds mtu');
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it('whether a helper a migration hands its connection to changes a table follows edits of the helper, as a fresh start would', async () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-row-helpers-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'rules', 'fk-missing-index', 'bad-migration-hands-connection-to-row-helpers'), app, { recursive: true });
      const project = new Project(app);
      await project.scan();
      const unindexed = (p: Project) => p.analyse().findings.filter((f) => f.ruleId === 'fk-missing-index').map((f) => `${path.basename(f.location.file)}:${f.location.range.start.line + 1}`).sort();
      assert.deepStrictEqual(unindexed(project), ['0001_invoices.py:25', '0002_invoice_archive.py:23']);
      // copy_rows now also indexes its target: what it does to the tables it is handed is Unknown.
      const helper = path.join(app, 'billing', 'db', 'migrate_util.py');
      const original = fs.readFileSync(helper, 'utf8');
      const altered = original.replace('            conn.execute(\'ALTER SEQUENCE', '            conn.execute(\'CREATE INDEX ON "%s" (customer_id)\' % target)\n            conn.execute(\'ALTER SEQUENCE');
      assert.notStrictEqual(altered, original);
      for (const [text, expected] of [[altered, []], [original, ['0001_invoices.py:25', '0002_invoice_archive.py:23']]] as const) {
        fs.writeFileSync(helper, text);
        await project.update(helper, text);
        const fresh = new Project(app);
        await fresh.scan();
        assert.deepStrictEqual(unindexed(project), unindexed(fresh));
        assert.deepStrictEqual(unindexed(project), expected);
      }
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it('columns a migration takes from another module follow edits of either file, as a fresh start would', async () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-lent-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'rules', 'drift-column', 'bad-typeorm-migration-shared-columns'), app, { recursive: true });
      const project = new Project(app);
      await project.scan();
      const drifts = (p: Project) => p.analyse().findings.filter((f) => f.ruleId === 'drift-column').map((f) => `${path.basename(f.location.file)}:${f.location.range.start.line + 1}`).sort();
      const before = drifts(project);
      assert.ok(before.includes('Library.ts:36'), `the shared column's drift: ${before}`);
      const edit = async (file: string, from: string, to: string) => {
        const text = fs.readFileSync(file, 'utf8').replace(from, to);
        assert.notStrictEqual(text, fs.readFileSync(file, 'utf8'), from);
        fs.writeFileSync(file, text);
        await project.update(file, text);
        const fresh = new Project(app);
        await fresh.scan();
        assert.deepStrictEqual(drifts(project), drifts(fresh), `after ${from} → ${to}`);
        return drifts(project);
      };
      // The lending module now says what the model says: the finding goes; back, and it returns.
      const columns = path.join(app, 'src', 'migration', 'columns.ts');
      assert.ok(!(await edit(columns, "length: '40', isNullable: true", "length: '80'")).includes('Library.ts:36'));
      assert.ok((await edit(columns, "length: '80'", "length: '40', isNullable: true")).includes('Library.ts:36'));
      // An editor's buffer of the migration, unsaved, then an edit of the lending module: the
      // migration is read again from the buffer, not from the disk.
      const migration = path.join(app, 'src', 'migration', '1700000000000-Library.ts');
      const unsaved = fs.readFileSync(migration, 'utf8').replace("name: 'loans'", "name: 'loans_v2'");
      await project.update(migration, unsaved);
      await project.update(columns, fs.readFileSync(columns, 'utf8').replace("length: '40', isNullable: true", "length: '80'"));
      const loans = project.files.get(migration)?.migration?.operations.find((op) => op.kind === 'create-table' && op.table.name === 'loans_v2');
      assert.ok(loans && JSON.stringify(loans).includes('created_by'), 'read from the buffer, with the lent columns');
      await project.update(columns, fs.readFileSync(columns, 'utf8'));
      await project.update(migration, fs.readFileSync(migration, 'utf8'));
      // The migration stops taking them: its table's other columns are judged as before, that one is gone.
      assert.ok(!(await edit(migration, '...auditColumns, ', '')).includes('Library.ts:36'));
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it('an edit of the database a TypeORM data source connects to changes which rules speak, as a fresh start would', async () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-dialect-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'rules', 'fk-missing-index', 'ok-typeorm-mysql-module'), app, { recursive: true });
      const project = new Project(app);
      await project.scan();
      assert.deepStrictEqual(project.analyse().findings.map((f) => f.ruleId), [], 'MySQL indexes foreign keys itself');
      const file = path.join(app, 'src', 'app.module.ts');
      for (const [from, to, expected] of [["'mysql'", "'postgres'", ['fk-missing-index', 'json-not-jsonb']], ["'postgres'", "'mysql'", []]] as const) {
        const text = fs.readFileSync(file, 'utf8').replace(from, to);
        fs.writeFileSync(file, text);
        await project.update(file, text);
        const fresh = new Project(app);
        await fresh.scan();
        assert.deepStrictEqual(project.analyse().findings.map((f) => f.ruleId).sort(), [...expected], to);
        assert.deepStrictEqual(fresh.analyse().findings.map((f) => f.ruleId).sort(), [...expected], `${to}, fresh`);
      }
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});
