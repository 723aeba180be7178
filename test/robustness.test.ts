/**
 * Bad input gets a clear answer: unreadable, binary, huge and half-typed files are reported or
 * read as far as possible; the analysis of every other file goes on.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseDirectory, Project } from '../server/src/analysis/project';
import { WORKER_THRESHOLD } from '../server/src/parsers/python/parsePool';
import { formatMarkdown } from '../server/src/cli/format';
import { MAX_FILE_BYTES } from '../server/src/workspace/discover';

const GOOD = `from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Parent(Base):
    __tablename__ = "parents"
    id = Column(Integer, primary_key=True)


class Child(Base):
    __tablename__ = "children"
    id = Column(Integer, primary_key=True)
    parent_id = Column(Integer, ForeignKey("parents.id"))
`;

describe('robustness', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-robust-'));
    fs.writeFileSync(path.join(dir, 'models.py'), GOOD);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a source file that holds a NUL byte among its text (a regular expression that strips it), and skips one that is mostly binary', async () => {
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    // A TypeORM entity whose module also cleans strings of NUL characters, written as the byte itself.
    const entity = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n\nexport const clean = (s: string) => s.replace(/\u0000/g, '');\n\n@Entity()\nexport class Note {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n  @Column({ type: 'text' })\n  body: string;\n}\n`;
    fs.writeFileSync(path.join(dir, 'src', 'Note.ts'), entity);
    fs.writeFileSync(path.join(dir, 'src', 'dump.ts'), Buffer.concat([Buffer.from('export const x = 1;\n'), Buffer.alloc(64)]));
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.skipped.map((s) => `${path.basename(s.file)}: ${s.reason}`), ['dump.ts: is binary, not text']);
    assert.ok(analysis.models.tables.some((t) => t.name === 'note'), 'the entity of the file with a NUL byte is read');
  });

  for (const large of [false, true]) {
    it(`skips binary, huge, broken-link and folder-named files with a reason, and analyses the rest${large ? ' (read on worker threads)' : ''}`, async () => {
      // Enough files, and the workers read them (see WORKER_THRESHOLD): the same answers either way.
      if (large) for (let i = 0; i < WORKER_THRESHOLD; i++) fs.writeFileSync(path.join(dir, `service_${i}.py`), `def handle_${i}():\n    return ${i}\n`);
      fs.writeFileSync(path.join(dir, 'blob.py'), Buffer.from([0x66, 0x00, 0x01, 0x02]));
      fs.writeFileSync(path.join(dir, 'huge_models.py'), `import sqlalchemy\n#${'x'.repeat(MAX_FILE_BYTES + 10)}\n`);
      fs.symlinkSync(path.join(dir, 'gone.py'), path.join(dir, 'dangling.py'));
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-outside-'));
      fs.writeFileSync(path.join(outside, 'secret_models.py'), GOOD.replace('"parents.id"', '"elsewhere.id"'));
      fs.symlinkSync(path.join(outside, 'secret_models.py'), path.join(dir, 'linked_models.py'));
      fs.mkdirSync(path.join(dir, 'looks_like.py'));
      fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'models.py'), GOOD.replace('"parents.id"', '"nowhere.id"'));
      const analysis = await analyseDirectory(dir);
      const skipped = Object.fromEntries(analysis.skipped.map((s) => [path.basename(s.file), s.reason]));
      fs.rmSync(outside, { recursive: true, force: true });
      assert.deepStrictEqual(Object.keys(skipped).sort(), ['blob.py', 'dangling.py', 'huge_models.py', 'linked_models.py']);
      assert.match(skipped['linked_models.py'], /outside the workspace; not followed/);
      assert.match(skipped['blob.py'], /binary/);
      assert.match(skipped['huge_models.py'], new RegExp(`larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`));
      assert.match(skipped['dangling.py'], /broken link/);
      assert.deepStrictEqual(analysis.findings.map((f) => f.ruleId), ['fk-missing-index']);
    });
  }

  it('a migration file too large to read is a migration of the chain that may have done anything: no drift or missing index claimed after it', async () => {
    const entity = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

@Entity('teams')
export class Team {
  @PrimaryGeneratedColumn()
  id: number;
}

@Entity('members')
export class Member {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @ManyToOne(() => Team, { nullable: false })
  team: Team;
}
`;
    const first = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class Members1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`CREATE TABLE "teams" ("id" SERIAL PRIMARY KEY)\`);
    await queryRunner.query(\`CREATE TABLE "members" ("id" SERIAL PRIMARY KEY, "email" character varying(100) NOT NULL, "nickname" text, "teamId" integer NOT NULL REFERENCES "teams"("id"))\`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE "members"\`);
  }
}
`;
    // The next one widens the column and indexes the key, as a generated migration of thousands of statements would.
    const second = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class Widen1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`ALTER TABLE "members" ALTER COLUMN "email" TYPE character varying(320)\`);
    await queryRunner.query(\`CREATE INDEX "IDX_members_team" ON "members" ("teamId")\`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    fs.rmSync(path.join(dir, 'models.py'));
    fs.mkdirSync(path.join(dir, 'src', 'migrations'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'member.entity.ts'), entity);
    fs.writeFileSync(path.join(dir, 'src', 'migrations', '1700000000000-Members.ts'), first);
    const secondFile = path.join(dir, 'src', 'migrations', '1700000000001-Widen.ts');
    fs.writeFileSync(secondFile, `${second}//${'x'.repeat(MAX_FILE_BYTES)}\n`);
    const unread = await analyseDirectory(dir);
    assert.deepStrictEqual(unread.skipped.map((s) => path.basename(s.file)), ['1700000000001-Widen.ts']);
    assert.deepStrictEqual(unread.findings.map((f) => `${f.ruleId} ${f.message.slice(0, 40)}`), []);
    // The control: the same migration, read, fixes the column and the index (the unmodeled column
    // stays); without it, every finding.
    fs.writeFileSync(secondFile, second);
    assert.deepStrictEqual((await analyseDirectory(dir)).findings.map((f) => f.ruleId), ['migration-not-modeled']);
    fs.rmSync(secondFile);
    assert.deepStrictEqual((await analyseDirectory(dir)).findings.map((f) => f.ruleId).sort(), ['drift-column', 'fk-missing-index', 'migration-not-modeled']);
    // Code that names no table (data work handed to a helper) does not silence every table.
    fs.writeFileSync(secondFile, `import { MigrationInterface, QueryRunner } from 'typeorm';
import { seedDefaults } from '../seeds';

export class Seed1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await seedDefaults(queryRunner);
  }

  async down(): Promise<void> {}
}
`);
    const seeded = await analyseDirectory(dir);
    assert.ok(seeded.migrations.some((m) => m.opaque), 'the helper call is read as code that names nothing');
    assert.deepStrictEqual(seeded.findings.map((f) => f.ruleId).sort(), ['drift-column', 'fk-missing-index', 'migration-not-modeled']);
  });

  it('a chain that starts from a database it did not build is said so once, in its own tool\'s words', async () => {
    const root = path.join(__dirname, '..', '..', 'test', 'fixtures', 'rules');
    const words = async (fixture: string) => {
      const analysis = await analyseDirectory(path.join(root, 'migration-reference-missing', fixture));
      return analysis.findings.filter((f) => f.ruleId === 'migration-reference-missing').map((f) => f.message);
    };
    const [sequelize] = await words('bad-sequelize-sync-then-migrations');
    assert.match(sequelize, /`sequelize db:migrate` on an empty database/);
    assert.match(sequelize, /made by `sync\(\)`/);
    const [alembic] = await words('bad-baseline-chain');
    assert.match(alembic, /`alembic upgrade head` on an empty database/);
  });

  it('reads a model with 100,000 comment lines in linear time, with every finding at its line', async () => {
    // tree-sitter-python alone takes minutes on this (its scanner is quadratic in a run of comments).
    const lines = GOOD.split('\n');
    const at = lines.findIndex((l) => l.includes('parent_id'));
    const text = [...lines.slice(0, 3), '# c\n'.repeat(100000), ...lines.slice(3, at), '    # c\n'.repeat(20000), ...lines.slice(at)].join('\n');
    fs.writeFileSync(path.join(dir, 'models.py'), text);
    const started = Date.now();
    const analysis = await analyseDirectory(dir);
    const elapsed = Date.now() - started;
    const expectedLine = text.split('\n').findIndex((l) => l.includes('parent_id = Column'));
    assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}:${f.location.range.start.line}`), [`fk-missing-index:${expectedLine}`]);
    // Not a budget (the benchmark measures those): a bound that only a quadratic parse would cross.
    assert.ok(elapsed < 15000, `took ${elapsed} ms`);
  });

  it('reads TypeScript nested thousands deep (parentheses, long + chains) instead of dropping the file', async () => {
    fs.mkdirSync(path.join(dir, 'src', 'entity'), { recursive: true });
    const deep = `${'('.repeat(20000)}1${')'.repeat(20000)}`;
    const chain = Array.from({ length: 5000 }, (_, i) => `"s${i}"`).join(' + ');
    fs.writeFileSync(path.join(dir, 'src', 'entity', 'Thing.ts'), `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
export const DEEP = ${deep};
export const CHAIN = ${chain};

@Entity("things")
export class Thing {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Thing)
  parent!: Thing;
}
`);
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.skipped, []);
    assert.ok(analysis.findings.some((f) => f.ruleId === 'fk-missing-index' && f.location.file.endsWith('Thing.ts') && f.location.range.start.line === 9), analysis.findings.map((f) => f.message).join('\n'));
  });

  it('a migration read on the deep-stack thread keeps its SQL findings\' locations (the facts cross back as JSON)', async () => {
    fs.mkdirSync(path.join(dir, 'src', 'migration'), { recursive: true });
    const deep = `${'('.repeat(20000)}1${')'.repeat(20000)}`;
    fs.writeFileSync(path.join(dir, 'src', 'migration', '1700000000000-Init.ts'), `import { MigrationInterface, QueryRunner } from "typeorm";

export const DEEP = ${deep};

export class Init1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`CREATE TABLE "audit_trail" ("id" SERIAL NOT NULL, CONSTRAINT "PK_audit_trail" PRIMARY KEY ("id"))\`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE "audit_trail"\`);
  }
}
`);
    fs.mkdirSync(path.join(dir, 'src', 'entity'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'entity', 'Note.ts'), `import { Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("notes")
export class Note {
  @PrimaryGeneratedColumn()
  id!: number;
}
`);
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.ruleErrors, []);
    const created = analysis.findings.find((f) => f.ruleId === 'migration-not-modeled' && f.message.includes('audit_trail'));
    assert.ok(created, analysis.findings.map((f) => f.message).join('\n'));
    assert.strictEqual(created.location.range.start.line, 6);
  });

  it('reads CR-only line endings (valid Python) with findings at their lines', async () => {
    fs.writeFileSync(path.join(dir, 'models.py'), GOOD.replace(/\n/g, '\r'));
    const analysis = await analyseDirectory(dir);
    const expectedLine = GOOD.split('\n').findIndex((l) => l.includes('parent_id = Column'));
    assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}:${f.location.range.start.line}`), [`fk-missing-index:${expectedLine}`]);
  });

  it('the audit report shows hostile identifiers as text: no HTML, no links, no images', async () => {
    const hostile = GOOD.replace('"children"', '"<img src=http://evil.example/x.png>"').replace('"parents.id"', '"[click](http://evil.example)|x.id"');
    fs.writeFileSync(path.join(dir, 'models.py'), hostile);
    const analysis = await analyseDirectory(dir);
    assert.ok(analysis.findings.length >= 1);
    const markdown = formatMarkdown(dir, {
      database: { kind: 'configured', describedAs: 'postgresql://app@db/`x`', source: '<b>setting</b>' }, findings: analysis.findings, notes: ['<script>alert(1)</script>'],
    } as unknown as Parameters<typeof formatMarkdown>[1]);
    assert.doesNotMatch(markdown, /<img|<script|<b>/, 'no tag survives');
    assert.doesNotMatch(markdown, /(?<!\\)\[click\]\(/, 'no link survives');
    assert.match(markdown, /&lt;img src=http:\/\/evil\.example\/x\.png>/);
  });

  it('a file that only holds a migration in a string (a generator) or in a comment, a seeder, or a helper wrapping migrations is no migration; an up it cannot find is Unknown', async () => {
    fs.rmSync(path.join(dir, 'models.py'));
    const migrations = path.join(dir, 'src', 'migration');
    fs.mkdirSync(migrations, { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'generate.ts'), [
      'export function migrationTemplate(name: string, timestamp: number): string {',
      '  return `import { MigrationInterface, QueryRunner } from "typeorm";',
      'export class ${name}${timestamp} implements MigrationInterface {',
      '  public async up(queryRunner: QueryRunner): Promise<void> {}',
      '  public async down(queryRunner: QueryRunner): Promise<void> {}',
      '}`;',
      '}',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(migrations, '1700000000000-Products.ts'), [
      'import { MigrationInterface, QueryRunner } from "typeorm";',
      'export class Products1700000000000 implements MigrationInterface {',
      '  public async up(queryRunner: QueryRunner): Promise<void> {',
      '    await queryRunner.query(`CREATE TABLE "product" ("id" SERIAL PRIMARY KEY)`);',
      '  }',
      '  public async down(queryRunner: QueryRunner): Promise<void> {}',
      '}',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(migrations, '1700000000001-Old.ts'), '/*\nexport class Old1700000000001 {\n  async up(queryRunner: QueryRunner) { await queryRunner.query(`DROP TABLE "product"`); }\n}\n*/\n');
    // A helper that wraps the project's migrations, its `up` declared inside a function.
    fs.writeFileSync(path.join(migrations, 'wrap.ts'), [
      'import type { QueryRunner } from "typeorm";',
      'export const wrapMigration = (migration: { prototype: { up(context: object): Promise<void> } }) => {',
      '  const { up } = migration.prototype;',
      '  Object.assign(migration.prototype, {',
      '    async up(queryRunner: QueryRunner) {',
      '      await up.call(this, { queryRunner, tablePrefix: "" });',
      '    },',
      '  });',
      '};',
      '',
    ].join('\n'));
    const sequelizeFolder = path.join(dir, 'db', 'migrations');
    fs.mkdirSync(sequelizeFolder, { recursive: true });
    fs.writeFileSync(path.join(sequelizeFolder, '20240101000000-tags.js'), [
      'const { tableMigration } = require("../lib");',
      '// tableMigration builds up(queryInterface) { return queryInterface.createTable(name, …) }',
      'module.exports = { up: tableMigration("product_tags"), down: (queryInterface) => queryInterface.dropTable("product_tags") };',
      '',
    ].join('\n'));
    // sequelize-cli's seeders use the migrations' API for data: no chain either.
    fs.mkdirSync(path.join(dir, 'db', 'seeders'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'db', 'seeders', '20240102000000-demo-tags.js'),
      'module.exports = {\n  up: async (queryInterface) => queryInterface.bulkInsert("product_tags", [{ id: 1 }]),\n  down: async (queryInterface) => queryInterface.bulkDelete("product_tags", null, {}),\n};\n');
    const analysis = await analyseDirectory(dir);
    const steps = analysis.migrations.map((m) => m.steps.map((s) => path.basename(s.migration.file)));
    assert.deepStrictEqual(steps.sort(), [['1700000000000-Products.ts'], ['20240101000000-tags.js']], 'the generator, the commented-out file, the wrapper and the seeder are in no chain');
    const made = analysis.migrations.find((m) => m.steps[0].migration.tool === 'sequelize')!.steps[0].migration;
    assert.deepStrictEqual(made.operations.map((o) => o.kind === 'unknown' && [o.description, o.mentions.includes('product_tags')]), [['its up() could not be found', true]]);
  });

  it('reads what it can of half-typed code and never throws', async () => {
    const project = new Project(dir);
    await project.scan();
    const file = path.join(dir, 'models.py');
    for (let cut = GOOD.length; cut > 0; cut -= 7) {
      await project.update(file, GOOD.slice(0, cut));
      const analysis = project.analyse();
      assert.deepStrictEqual(analysis.ruleErrors, [], `rules on a file cut at ${cut}`);
    }
    await project.update(file, GOOD.replace('    parent_id = Column(Integer, ForeignKey("parents.id"))', '    parent_id = Column(Integer, ForeignKey("parents.id"'));
    // The unfinished call is still a foreign key to a known table: no false "missing" finding.
    assert.ok(!project.analyse().findings.some((f) => f.ruleId === 'fk-target-missing'));
  });

  it('stays silent about what code computes', async () => {
    fs.writeFileSync(path.join(dir, 'models.py'), `import os

from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base, declared_attr

Base = declarative_base()
SCHEMA = os.environ["TENANT_SCHEMA"]


class Dynamic(Base):
    __tablename__ = "dynamic"
    __table_args__ = {"schema": SCHEMA}
    id = Column(Integer, primary_key=True)
    other_id = Column(Integer, ForeignKey(f"{SCHEMA}.others.id"))

    @declared_attr
    def __table_args__(cls):
        return (Index("ix_dynamic_other", "other_id"),)
`);
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.findings, []);
    assert.deepStrictEqual(analysis.skipped, []);
  });

  it('reads what it can of half-typed migrations, Python and SQL, and never throws', async () => {
    const versions = path.join(dir, 'alembic', 'versions');
    fs.mkdirSync(versions, { recursive: true });
    fs.writeFileSync(path.join(dir, 'alembic', 'env.py'), 'from alembic import context\n');
    const base = `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade() -> None:\n    op.create_table("parents", sa.Column("id", sa.Integer(), primary_key=True))\n    op.create_table("children", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("parent_id", sa.Integer()))\n`;
    fs.writeFileSync(path.join(versions, 'a1_base.py'), base);
    const migration = `"""link children"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = "a2"\ndown_revision = "a1"\n\n\ndef upgrade() -> None:\n` +
      '    op.execute("""\n        ALTER TABLE children ADD CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parents (id);\n        CREATE INDEX ix_children_parent_id ON children (parent_id);\n    """)\n' +
      '    with op.batch_alter_table("children") as batch_op:\n        batch_op.alter_column("parent_id", nullable=False)\n';
    const file = path.join(versions, 'a2_link.py');
    fs.writeFileSync(file, migration);
    const project = new Project(dir);
    await project.scan();
    assert.deepStrictEqual(project.analyse().findings.filter((f) => f.ruleId.startsWith('migration')), []);
    for (let cut = migration.length; cut > 0; cut -= 5) {
      await project.update(file, migration.slice(0, cut));
      const analysis = project.analyse();
      assert.deepStrictEqual(analysis.ruleErrors, [], `rules on a migration cut at ${cut}`);
      // Cut inside a name, SQL can name a table that does not exist ("parent"), and that is right to
      // report; nothing else of the chain may be reported.
      const other = analysis.findings.filter((f) => f.ruleId.startsWith('migration') && f.ruleId !== 'migration-reference-missing');
      assert.deepStrictEqual(other.map((f) => f.message), [], `cut at ${cut}`);
    }
  });
});
