/**
 * Unknown is no evidence: workspaces whose schema values all come from project code the readers
 * cannot evaluate (table names, types, nullability, defaults, migration operations handed `op`, SQL
 * built by code) give no finding from any rule of the registry — and the same code with literals in
 * place of the calls does, so it is the Unknowns that keep the rules silent, not an empty model.
 * The coverage account lists every such construct at its line.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { coverageOf } from '../server/src/analysis/coverage';
import { analyseDirectory } from '../server/src/analysis/project';
import { allRules } from '../server/src/rules/registry';
import { FIXTURES } from './helpers/paths';
import { withTempDir, writeLines } from './helpers/files';
import { isUnknown } from '../server/src/model/unknown';
import { formatType } from '../server/src/model/types';
import type { ColumnType } from '../server/src/model/schema';
import { readOrmMigration } from '../server/src/parsers/typescript/ormMigrations';

const UNKNOWN = path.join(FIXTURES, 'unknown');

function unread(dir: string, analysis: Awaited<ReturnType<typeof analyseDirectory>>): string[] {
  return coverageOf(analysis.models, analysis.migrations).unread
    .map((u) => `${path.relative(dir, u.location.file).split(path.sep).join('/')}:${u.location.range.start.line + 1}`);
}

describe('Unknown in the schema model', () => {
  for (const name of fs.readdirSync(UNKNOWN).sort()) {
    const dir = path.join(UNKNOWN, name);
    it(`${name}: no rule of the registry reports anything, and coverage names what was not read`, async () => {
      const analysis = await analyseDirectory(dir);
      assert.deepStrictEqual(analysis.ruleErrors, []);
      assert.deepStrictEqual(analysis.skipped, []);
      for (const rule of allRules) {
        assert.deepStrictEqual(analysis.findings.filter((f) => f.ruleId === rule.id).map((f) => f.message), [], `${rule.id} stays silent on Unknown`);
      }
      assert.ok(unread(dir, analysis).length >= 8, 'the coverage account lists the constructs it could not read');
    });
  }

  it('everything-computed: tables named by code are Unknown tables, not guessed ones', async () => {
    const dir = path.join(UNKNOWN, 'everything-computed');
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.models.tables.map((t) => t.name), [], 'no table name is guessed from a call argument');
    assert.ok(analysis.models.hasUnknownTables);
    assert.deepStrictEqual(unread(dir, analysis), [
      'alembic/versions/a1_initial.py:14', 'alembic/versions/a1_initial.py:16',
      'alembic/versions/b2_more.py:14', 'alembic/versions/b2_more.py:15', 'alembic/versions/b2_more.py:16',
      'app/models.py:1', 'app/models.py:10', 'app/models.py:22',
      'src/entity/Customer.ts:4', 'src/entity/Invoice.ts:5',
      'src/migration/1700000000000-Invoices.ts:6', 'src/migration/1700000000000-Invoices.ts:7',
    ]);
  });

  it('computed-values: the same code with literals in place of the calls is judged (the control)', async () => {
    await withTempDir('schemasense-known-', async (tmp) => {
      fs.cpSync(path.join(UNKNOWN, 'computed-values'), tmp, { recursive: true });
      const models = path.join(tmp, 'app', 'models.py');
      fs.writeFileSync(models, fs.readFileSync(models, 'utf8')
        .replace(/column_type\("status"\)/g, 'String(16)').replace(/column_type\("document"\)/g, 'JSON').replace(/column_type\("moment"\)/g, 'DateTime')
        .replace(/is_nullable\("stage"\)/g, 'True').replace('default_for("stage")', '"open"')
        .replace('from sqlalchemy import Column', 'from sqlalchemy import JSON, Column, DateTime'));
      const entity = path.join(tmp, 'src', 'entity', 'Invoice.ts');
      fs.writeFileSync(entity, fs.readFileSync(entity, 'utf8')
        .replace('type: resolveDbType("timestamptz"), nullable: process.env.STRICT !== "1", default: defaultFor("issued_at")', 'type: "timestamptz", nullable: false, default: () => "now()"')
        .replace('default: InvoiceStatus.DRAFT', 'default: "sent"'));
      const analysis = await analyseDirectory(tmp);
      const rules = new Set(analysis.findings.map((f) => f.ruleId));
      for (const id of ['drift-column', 'json-not-jsonb', 'column-duplicated-state', 'type-inconsistent']) assert.ok(rules.has(id), `${id} judges known values`);
      assert.deepStrictEqual(unread(tmp, analysis), []);
    });
  });
  it('a TypeORM column decorator looking the type up in a table of its module is read where the condition is a database-type test; Unknown where it is not, or where the table is built by code', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-lookup-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
      fs.writeFileSync(path.join(tmp, file), text);
    };
    const helper = (condition: string, table: string, asksKey = true) => [
      "import { Column, ColumnOptions, ColumnType } from 'typeorm';",
      "import { settings } from './settings';",
      `const mapped: { [key: string]: ColumnType } = ${table};`,
      'export function dbType(type: ColumnType): ColumnType {',
      `  if (${condition}${asksKey ? ' && type.toString() in mapped' : ''}) {`,
      '    return mapped[type.toString()];',
      '  }',
      '  return type;',
      '}',
      'export function DbColumn(options: ColumnOptions) {',
      '  if (options.type) {',
      '    options.type = dbType(options.type);',
      '  }',
      '  return Column(options);',
      '}',
    ].join('\n');
    const typeOf = async () => {
      const analysis = await analyseDirectory(tmp);
      const column = analysis.models.tables.find((t) => t.name === 'event')?.columns.find((c) => c.name === 'at');
      return isUnknown(column?.type) ? 'Unknown' : (column?.type as ColumnType | undefined)?.name;
    };
    try {
      write('src/entity/settings.ts', "export const settings = { dbType: process.env.DB_TYPE, fast: process.env.FAST === '1' };\nexport const sqlite = process.env.DB_TYPE === 'sqlite';\n");
      write('src/entity/Event.ts', [
        "import { Entity, PrimaryGeneratedColumn } from 'typeorm';",
        "import { DbColumn } from './db';",
        '@Entity()',
        'export class Event {',
        '  @PrimaryGeneratedColumn()',
        '  id!: number;',
        "  @DbColumn({ type: 'datetime' })",
        '  at!: Date;',
        '}',
      ].join('\n'));
      write('src/entity/db.ts', helper("settings.dbType === 'postgres'", "{ datetime: 'timestamp with time zone' }"));
      assert.strictEqual(await typeOf(), 'timestamptz', 'a database-type test: PostgreSQL\'s branch');
      write('src/entity/db.ts', helper('!sqliteOnly', "{ datetime: 'timestamp with time zone' }").replace("import { settings } from './settings';", "import { sqlite as sqliteOnly } from './settings';"));
      assert.strictEqual(await typeOf(), 'timestamptz', 'a constant of another module that tests the database, negated');
      write('src/entity/db.ts', helper('settings.fast', "{ datetime: 'timestamp with time zone' }"));
      assert.strictEqual(await typeOf(), 'Unknown', 'a condition that is no database-type test');
      write('src/entity/db.ts', helper("settings.dbType === 'postgres'", "{ ...extraTypes, datetime: 'timestamp with time zone' }").replace("import { settings } from './settings';", "import { settings, extraTypes } from './settings';"));
      assert.strictEqual(await typeOf(), 'Unknown', 'a table built by code');
      // Without asking `in` first, a type the table lacks comes back undefined (TypeORM's own then): Unknown.
      write('src/entity/db.ts', helper("settings.dbType === 'postgres'", "{ blob: 'bytea' }", false));
      assert.strictEqual(await typeOf(), 'Unknown', 'a lookup that does not ask for the key first');
      write('src/entity/db.ts', helper("settings.dbType === 'postgres'", "{ blob: 'bytea' }"));
      assert.strictEqual(await typeOf(), 'timestamp', 'a type the table lacks, asked first: as written (TypeORM reads datetime as timestamp)');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("Sequelize's own defaults (DataType.UUIDV4, computed in JavaScript) and seeders in a configured folder are read, not Unknown", async () => {
    const dir = path.join(FIXTURES, 'rules', 'model-not-migrated', 'bad-sequelize-typescript-seed-folder');
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(unread(dir, analysis), []);
    const session = analysis.models.tables.find((t) => t.name === 'session');
    assert.strictEqual(session?.columns.find((c) => c.name === 'role_id')?.serverDefault, undefined, 'no server default');
    assert.deepStrictEqual(analysis.migrations.map((m) => m.steps.length), [1], 'the seeder is no migration');
  });

  it('a seeder left outside the seeders folder (named a seed, writing rows only) is no migration chain; a migration named so that changes a table is one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-stray-seeder-'));
    try {
      writeLines(dir, 'package.json', ['{ "dependencies": { "sequelize": "^6.37.0", "sequelize-cli": "^6.6.0" } }']);
      writeLines(dir, 'migrations/20240101000000-create-kinds.js', [
        'module.exports = {',
        '  up: async (queryInterface, Sequelize) => {',
        "    await queryInterface.createTable('Kinds', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, code: Sequelize.STRING(4) });",
        '  },',
        "  down: async (queryInterface) => queryInterface.dropTable('Kinds'),",
        '};',
      ]);
      writeLines(dir, 'migrations/20240102000000-add-seed-to-kinds.js', [
        'module.exports = {',
        "  up: async (queryInterface, Sequelize) => queryInterface.addColumn('Kinds', 'seed', Sequelize.INTEGER),",
        "  down: async (queryInterface) => queryInterface.removeColumn('Kinds', 'seed'),",
        '};',
      ]);
      writeLines(dir, '20240103000000-kind-seeder.js', [
        'module.exports = {',
        "  up: (queryInterface) => queryInterface.bulkInsert('Kinds', [{ code: 'S' }, { code: 'W' }]),",
        "  down: (queryInterface) => queryInterface.bulkDelete('Kinds', null, {}),",
        '};',
      ]);
      const analysis = await analyseDirectory(dir);
      assert.deepStrictEqual(analysis.migrations.map((m) => m.steps.map((s) => path.basename(s.migration.file))), [['20240101000000-create-kinds.js', '20240102000000-add-seed-to-kinds.js']]);
      assert.deepStrictEqual(unread(dir, analysis), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a column a Sequelize migration is handed as code (a model's own attribute) is Unknown but for its name, and coverage lists it where it is added or created", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-attribute-code-'));
    writeLines(dir, 'migrations/20240101000000-create-notes.js', [
      "const models = require('../models');",
      'module.exports = {',
      '  async up(queryInterface, Sequelize) {',
      "    await queryInterface.createTable('Notes', {",
      '      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },',
      '      body: models.Note.rawAttributes.body,',
      '    });',
      "    await queryInterface.addColumn('Notes', 'pinned', models.Note.rawAttributes.pinned);",
      "    await queryInterface.addColumn('Notes', 'title', Sequelize.STRING);",
      '  },',
      '};',
    ]);
    try {
      const analysis = await analyseDirectory(dir);
      const notes = analysis.migrations[0].schema.tables.find((t) => t.name === 'Notes')!;
      const column = (name: string) => notes.columns.find((c) => c.name === name);
      for (const name of ['body', 'pinned']) {
        assert.strictEqual(column(name)?.type, undefined, `the type of ${name} is not said`);
        assert.strictEqual(column(name)?.nullable, undefined, `nor its nullability`);
        assert.ok(isUnknown(column(name)?.serverDefault), `its default is Unknown`);
      }
      // A bare data type is Sequelize's defaults: nullable, no default.
      assert.strictEqual(column('title')?.nullable, true);
      assert.strictEqual(column('title')?.serverDefault, undefined);
      const lines = coverageOf(analysis.models, analysis.migrations).unread.map((u) => `${u.location.range.start.line + 1} ${u.what}`);
      assert.deepStrictEqual(lines, [
        '6 nullability and server default of "Notes"."body" as the migration creates it: column options computed by code',
        '8 nullability and server default of "Notes"."pinned" as the migration adds it: column options computed by code',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a Sequelize attribute's options spread from what does not evaluate are Unknown where no key written after the spread settles them, and coverage lists each", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-attribute-spread-'));
    writeLines(dir, 'models/note.js', [
      "const { DataTypes, Model } = require('sequelize');",
      "const { sequelize } = require('./instance');",
      "const overrides = JSON.parse(process.env.NOTE_OPTIONS || '{}');",
      'class Note extends Model {}',
      'Note.init({',
      '  title: { type: DataTypes.STRING(80), ...overrides },',
      '  body: { ...overrides, type: DataTypes.TEXT, allowNull: false },',
      '  pinned: { type: DataTypes.BOOLEAN, ...(process.env.STRICT && { allowNull: false, defaultValue: false }) },',
      "}, { sequelize, tableName: 'notes' });",
      'module.exports = Note;',
    ]);
    writeLines(dir, 'models/instance.js', [
      "const { Sequelize } = require('sequelize');",
      "module.exports = { sequelize: new Sequelize(process.env.DATABASE_URL, { dialect: 'postgres' }) };",
    ]);
    try {
      const analysis = await analyseDirectory(dir);
      const notes = analysis.models.tables.find((t) => t.name === 'notes')!;
      const column = (name: string) => notes.columns.find((c) => c.name === name)!;
      // Anything the spread may set after the type: Unknown, never Sequelize's defaults.
      assert.ok(isUnknown(column('title').type) && isUnknown(column('title').nullable) && isUnknown(column('title').serverDefault));
      // Keys written after it are what the attribute has.
      assert.deepStrictEqual([formatType(column('body').type as ColumnType), column('body').nullable], ['text', false]);
      assert.ok(isUnknown(column('body').serverDefault));
      // A test decided at run time: the keys of the object it may spread are Unknown, the type is written.
      assert.deepStrictEqual(formatType(column('pinned').type as ColumnType), 'boolean');
      assert.ok(isUnknown(column('pinned').nullable) && isUnknown(column('pinned').serverDefault));
      const lines = coverageOf(analysis.models, analysis.migrations).unread.map((u) => `${u.location.range.start.line + 1} ${u.what}`);
      assert.deepStrictEqual(lines, [
        '6 type of "notes"."title": options spread from code',
        '6 nullability of "notes"."title": options spread from code',
        '6 server default of "notes"."title": options spread from code',
        '7 server default of "notes"."body": options spread from code',
        '8 nullability of "notes"."pinned": options spread from code',
        '8 server default of "notes"."pinned": options spread from code',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sequelize-typescript @Table options given by code, whole or spread, are Unknown where no key written after them settles it, never Sequelize's defaults", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-table-options-'));
    writeLines(dir, 'src/models/part.ts', [
      "import { Column, DataType, Model, Table } from 'sequelize-typescript';",
      "import { tableOptions } from '@acme/sequelize-kit';",
      '',
      "@Table(tableOptions('widgets'))",
      'export class Widget extends Model {',
      '  @Column(DataType.STRING)',
      '  declare partName: string;',
      '}',
      '',
      "@Table({ ...tableOptions('gadgets'), tableName: 'gadgets', underscored: true })",
      'export class Gadget extends Model {',
      '  @Column(DataType.STRING)',
      '  declare partName: string;',
      '}',
    ]);
    try {
      const analysis = await analyseDirectory(dir);
      // Options given whole by a package's function: the table's name is Unknown, no "Widgets" guessed.
      assert.deepStrictEqual(analysis.models.tables.map((t) => t.name), ['gadgets']);
      const gadgets = analysis.models.tables[0];
      // Written after the spread: the name and underscored hold; what the spread may set (its schema, paranoid) is Unknown.
      assert.ok(gadgets.columns.some((c) => c.name === 'part_name'));
      assert.strictEqual(gadgets.schemaUnknown, true);
      const lines = coverageOf(analysis.models, analysis.migrations).unread.map((u) => `${u.location.range.start.line + 1} ${u.what}`);
      assert.ok(lines.includes('4 table name depends on model options given by code'), lines.join('\n'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('TypeORM options and base classes made by code this reader cannot follow are Unknown, not defaults: no drift, coverage lists each', async () => {
    await withTempDir('schemasense-mixins-', async (tmp) => {
      // Options from a package (spread, or given whole), and bases made by a package's function or
      // by a mixin returning a class expression: what they set cannot be read here.
      writeLines(tmp, 'src/entity/Note.ts', [
        "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
        "import { auditOptions, textOptions, Versioned } from '@acme/orm-kit';",
        '',
        "const withTags = <T extends new (...args: any[]) => object>(base: T) => class extends base {};",
        'class Plain {}',
        '',
        '@Entity()',
        'export class Note {',
        '  @PrimaryGeneratedColumn()',
        '  id: number;',
        '',
        '  @Column({ ...textOptions, length: 80 })',
        '  title: string;',
        '',
        '  @Column(auditOptions)',
        '  auditedBy: string;',
        '}',
        '',
        '@Entity()',
        'export class Draft extends Versioned(Plain) {',
        '  @Column()',
        '  body: string;',
        '}',
        '',
        '@Entity()',
        'export class Tagged extends withTags(Plain) {',
        '  @PrimaryGeneratedColumn()',
        '  id: number;',
        '}',
        '',
      ]);
      // What the migrations made of them: nullable columns, and columns the bases add.
      writeLines(tmp, 'src/migrations/1700000000000-Notes.ts', [
        "import { MigrationInterface, QueryRunner } from 'typeorm';",
        '',
        'export class Notes1700000000000 implements MigrationInterface {',
        '  public async up(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.query(`CREATE TABLE "note" ("id" SERIAL NOT NULL, "title" text, "auditedBy" character varying(64), CONSTRAINT "PK_note" PRIMARY KEY ("id"))`);',
        '    await queryRunner.query(`CREATE TABLE "draft" ("id" SERIAL NOT NULL, "version" integer NOT NULL, "body" character varying NOT NULL, CONSTRAINT "PK_draft" PRIMARY KEY ("id"))`);',
        '    await queryRunner.query(`CREATE TABLE "tagged" ("id" SERIAL NOT NULL, "tags" text, CONSTRAINT "PK_tagged" PRIMARY KEY ("id"))`);',
        '  }',
        '',
        '  public async down(): Promise<void> {}',
        '}',
        '',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      const note = analysis.models.tables.find((t) => t.name === 'note')!;
      for (const name of ['title', 'auditedBy']) {
        const column = note.columns.find((c) => c.name === name)!;
        assert.ok(isUnknown(column.type) && isUnknown(column.nullable), `${name}: type and nullability Unknown`);
      }
      const places = unread(tmp, analysis);
      for (const line of [12, 15, 20, 26]) assert.ok(places.includes(`src/entity/Note.ts:${line}`), `line ${line}: ${places.join(', ')}`);
    });
  });

  it('TypeORM key and uniqueness flags given by code are Unknown, a const of the module is what it holds: no key, index or uniqueness guessed', async () => {
    await withTempDir('schemasense-flags-', async (tmp) => {
      writeLines(tmp, 'src/flags.ts', ["export const deployed = (): boolean => process.env.STRICT === '1';", '']);
      writeLines(tmp, 'src/entity/Tag.ts', [
        "import { Column, Entity, Index } from 'typeorm';",
        "import { deployed } from '../flags';",
        '',
        'const UNIQUE_LABELS = true;',
        '',
        "@Entity('tags')",
        "@Index(['label', 'code'], { unique: deployed() })",
        'export class Tag {',
        '  @Column({ primary: deployed() })',
        '  code: string;',
        '',
        '  @Column({ unique: UNIQUE_LABELS })',
        '  label: string;',
        '',
        '  @Index({ unique: deployed() })',
        '  @Column({ unique: deployed() })',
        '  slug: string;',
        '}',
        '',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      const tag = analysis.models.tables.find((t) => t.name === 'tags')!;
      assert.ok(tag.incomplete?.includes('primary key (computed by code)'), `key Unknown: ${tag.incomplete}`);
      assert.deepStrictEqual(tag.primaryKey, []);
      assert.ok(tag.indexes.some((i) => i.columns.join() === 'label' && i.unique), 'a const of the module makes "label" unique');
      assert.ok(isUnknown(tag.columns.find((c) => c.name === 'slug')!.indexUnknown), "slug's own uniqueness Unknown");
      assert.ok(tag.indexes.filter((i) => i.optionsUnknown).length === 2, 'the unique: deployed() indexes have their options Unknown');
      const places = unread(tmp, analysis);
      for (const line of [7, 8, 16]) assert.ok(places.includes(`src/entity/Tag.ts:${line}`), `line ${line}: ${places.join(', ')}`);
    });
  });

  it('a TypeORM entity whose synchronize option code gives is managed Unknown: no migration is asked of it, and the coverage says why', async () => {
    await withTempDir('schemasense-sync-flag-', async (tmp) => {
      writeLines(tmp, 'src/flags.ts', ["export const managedHere = (): boolean => process.env.MANAGED !== '0';", '']);
      writeLines(tmp, 'src/entity/Report.ts', [
        "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
        "import { managedHere } from '../flags';",
        '',
        "@Entity('reports', { synchronize: managedHere() })",
        'export class Report {',
        '  @PrimaryGeneratedColumn()',
        '  id: number;',
        '',
        '  @Column()',
        '  title: string;',
        '}',
        '',
      ]);
      writeLines(tmp, 'src/migrations/1700000000000-Init.ts', [
        "import { MigrationInterface, QueryRunner } from 'typeorm';",
        '',
        'export class Init1700000000000 implements MigrationInterface {',
        '  public async up(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.query(`CREATE TABLE "audit" ("id" SERIAL PRIMARY KEY)`);',
        '  }',
        '',
        '  public async down(): Promise<void> {}',
        '}',
        '',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.filter((f) => f.ruleId === 'model-not-migrated').map((f) => f.message), []);
      const reports = analysis.models.tables.find((t) => t.name === 'reports')!;
      assert.match(reports.managedElsewhere?.reason ?? '', /given by code/);
      assert.ok(unread(tmp, analysis).includes('src/entity/Report.ts:4'), unread(tmp, analysis).join(', '));
    });
  });

  it('Sequelize index uniqueness given by code is Unknown, in a model\'s indexes and in a sequelize-typescript @Index', async () => {
    await withTempDir('schemasense-seq-flags-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "pg": "^8.11.0", "sequelize": "^6.37.0", "sequelize-typescript": "^2.1.6" } }', '']);
      writeLines(tmp, 'models/account.js', [
        "const { Model } = require('sequelize');",
        "const features = require('../features');",
        '',
        'module.exports = (sequelize, DataTypes) => {',
        '  class Account extends Model {}',
        '  Account.init({',
        '    email: { type: DataTypes.STRING, allowNull: false },',
        "  }, { sequelize, tableName: 'accounts', indexes: [{ fields: ['email'], unique: features.strict() }] });",
        '  return Account;',
        '};',
        '',
      ]);
      writeLines(tmp, 'src/member.model.ts', [
        "import { Column, Index, Model, Table } from 'sequelize-typescript';",
        "import { strict } from './features';",
        '',
        "@Table({ tableName: 'members' })",
        'export class Member extends Model {',
        "  @Index({ name: 'members_handle', unique: strict() })",
        '  @Column',
        '  declare handle: string;',
        '}',
        '',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      const accounts = analysis.models.tables.find((t) => t.name === 'accounts')!;
      assert.ok(accounts.indexes.some((i) => i.columns.join() === 'email' && i.optionsUnknown), 'the index on email has its options Unknown');
      const members = analysis.models.tables.find((t) => t.name === 'members')!;
      assert.ok(isUnknown(members.columns.find((c) => c.name === 'handle')!.indexUnknown), "handle's index Unknown");
      assert.ok(!members.indexes.some((i) => i.name === 'members_handle'), 'no index guessed as not unique');
      const places = unread(tmp, analysis);
      for (const place of ['models/account.js:8', 'src/member.model.ts:8']) assert.ok(places.includes(place), `${place}: ${places.join(', ')}`);
    });
  });

  it('migration column and index flags given by code (key, nullability, uniqueness) are Unknown in the replay and listed by the coverage', async () => {
    await withTempDir('schemasense-migration-flags-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "pg": "^8.11.0", "sequelize": "^6.37.0" } }', '']);
      writeLines(tmp, 'migrations/20240101000000-create-things.js', [
        "const flags = require('../flags');",
        '',
        'module.exports = {',
        '  async up(queryInterface, Sequelize) {',
        "    await queryInterface.createTable('things', {",
        '      code: { type: Sequelize.STRING, allowNull: false, primaryKey: flags.naturalKeys() },',
        '      memo: { type: Sequelize.STRING, allowNull: flags.optional() },',
        '      slug: { type: Sequelize.STRING, allowNull: false, unique: flags.strict() },',
        '    });',
        "    await queryInterface.addIndex('things', ['memo'], { unique: flags.strict() });",
        '  },',
        '};',
        '',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      const things = analysis.migrations.flatMap((r) => r.schema.tables).find((t) => t.name === 'things')!;
      assert.ok(things.incomplete?.includes('primary key (computed by code)'), `key Unknown: ${things.incomplete}`);
      assert.strictEqual(things.columns.find((c) => c.name === 'memo')!.nullable, undefined, 'nullability left unsaid');
      assert.ok(isUnknown(things.columns.find((c) => c.name === 'slug')!.indexUnknown), "slug's UNIQUE constraint Unknown");
      assert.ok(things.indexes.some((i) => i.columns.join() === 'memo' && i.optionsUnknown), 'the index on memo is Unknown in its uniqueness');
      const places = unread(tmp, analysis);
      for (const line of [6, 7, 8, 10]) assert.ok(places.includes(`migrations/20240101000000-create-things.js:${line}`), `line ${line}: ${places.join(', ')}`);
    });
  });

  it('a TypeORM @Index or @Unique over a relation whose join columns are not read is Unknown: no index over the property name, the table says what it could not read', async () => {
    await withTempDir('schemasense-relation-keys-', async (tmp) => {
      writeLines(tmp, 'src/entity/Lease.ts', [
        "import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';",
        "import { columnFor } from '../naming';",
        '',
        '@Entity()',
        'export class Tenant {',
        '  @PrimaryColumn()',
        '  region: string;',
        '',
        '  @PrimaryColumn()',
        '  code: number;',
        '}',
        '',
        '@Entity()',
        "@Index(['holder', 'startsOn'])",
        "@Unique(['guarantor'])",
        'export class Lease {',
        '  @PrimaryGeneratedColumn()',
        '  id: number;',
        '',
        '  @ManyToOne(() => Tenant)',
        "  @JoinColumn({ name: columnFor('holder') })",
        '  holder: Tenant;',
        '',
        '  @OneToOne(() => Tenant)',
        "  @JoinColumn([{ name: columnFor('guarantor'), referencedColumnName: 'region' }, { name: 'guarantor_code', referencedColumnName: 'code' }])",
        '  guarantor: Tenant;',
        '',
        "  @Column({ type: 'date' })",
        '  startsOn: string;',
        '}',
        '',
      ]);
      writeLines(tmp, 'src/naming.ts', [
        'export const columnFor = (property: string): string => `${property}_${process.env.KEY_SUFFIX}`;',
        '',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      const lease = analysis.models.tables.find((t) => t.name === 'lease')!;
      const overProperties = lease.indexes.filter((i) => i.columns.includes('holder') || i.columns.includes('guarantor'));
      assert.deepStrictEqual(overProperties, [], 'no index over a property name standing for Unknown join columns');
      assert.ok(lease.incomplete?.some((i) => /index over holder, startsOn \(the join columns of holder are not read\)/.test(i)), String(lease.incomplete));
      assert.ok(lease.incomplete?.some((i) => /unique constraint over guarantor \(the join columns of guarantor are not read\)/.test(i)), String(lease.incomplete));
    });
  });

  it("a Sequelize association's key type given by code (foreignKey: { type }, keyType) is Unknown, not the referenced key's: no drift", async () => {
    await withTempDir('schemasense-key-type-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "sequelize": "^6.37.0" } }']);
      writeLines(tmp, 'models/kennel.js', [
        "'use strict';",
        "const { keyTypeOf } = require('../db/keyTypes');",
        '',
        'module.exports = (sequelize, DataTypes) => {',
        "  const Owner = sequelize.define('Owner', { name: DataTypes.STRING }, { timestamps: false });",
        "  const Kennel = sequelize.define('Kennel', { label: DataTypes.STRING }, { timestamps: false });",
        "  Kennel.belongsTo(Owner, { foreignKey: { name: 'ownerId', type: keyTypeOf('owner') } });",
        "  Owner.hasMany(Kennel, { foreignKey: 'caretakerId', keyType: keyTypeOf('caretaker'), constraints: false });",
        '  return { Owner, Kennel };',
        '};',
        '',
      ]);
      writeLines(tmp, 'db/keyTypes.js', ["const { DataTypes } = require('sequelize');", 'exports.keyTypeOf = (what) => (process.env[`${what}_KEY`] === "uuid" ? DataTypes.UUID : DataTypes.BIGINT);', '']);
      writeLines(tmp, 'migrations/20240101000000-create-kennels.js', [
        "'use strict';",
        'module.exports = {',
        '  async up(queryInterface, Sequelize) {',
        "    await queryInterface.createTable('Owners', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, name: Sequelize.STRING });",
        "    await queryInterface.createTable('Kennels', {",
        '      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },',
        '      label: Sequelize.STRING,',
        "      ownerId: { type: Sequelize.UUID, references: { model: 'Owners', key: 'id' } },",
        '      caretakerId: Sequelize.UUID,',
        '    });',
        '  },',
        '  async down() {},',
        '};',
        '',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.filter((f) => f.ruleId === 'drift-column').map((f) => f.message), []);
      const kennels = analysis.models.tables.find((t) => t.name === 'Kennels')!;
      for (const name of ['ownerId', 'caretakerId']) assert.ok(isUnknown(kennels.columns.find((c) => c.name === name)?.type), `${name}: type Unknown`);
    });
  });

  it("Sequelize models whose class's init cannot be read (a package's base, an init doing more, an option set by code) are Unknown where they depend on it", async () => {
    await withTempDir('schemasense-init-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "sequelize": "^6.37.0" } }']);
      writeLines(tmp, 'db/bases.js', [
        "const { Model } = require('sequelize');",
        "const config = require('./config');",
        '',
        'class HookedModel extends Model {',
        '  static init(attributes, options) {',
        '    const model = super.init(attributes, { ...options, ...config.modelOptions });',
        '    model.addHook("beforeSave", () => {});',
        '    return model;',
        '  }',
        '}',
        '',
        'class ConfiguredModel extends Model {',
        '  static init(attributes, options) {',
        '    return super.init(attributes, { ...options, underscored: config.snakeCase });',
        '  }',
        '}',
        '',
        'module.exports = { HookedModel, ConfiguredModel };',
      ]);
      writeLines(tmp, 'models/note.js', [
        "const { DataTypes } = require('sequelize');",
        "const { KitModel } = require('@acme/sequelize-kit');",
        "const { HookedModel, ConfiguredModel } = require('../db/bases');",
        '',
        'class Note extends KitModel {}',
        'class Comment extends HookedModel {}',
        'class Tag extends ConfiguredModel {}',
        '',
        'module.exports = (sequelize) => {',
        '  Note.init({ bodyText: DataTypes.TEXT }, { sequelize, modelName: "Note" });',
        '  Comment.init({ postedAt: DataTypes.DATE }, { sequelize, modelName: "Comment" });',
        '  Tag.init({ label: DataTypes.STRING, colourCode: DataTypes.STRING }, { sequelize, modelName: "Tag", tableName: "tags" });',
        '  return { Note, Comment, Tag };',
        '};',
      ]);
      // What the migrations made: tables and columns named otherwise than Sequelize's defaults would.
      writeLines(tmp, 'migrations/20240101000000-create.js', [
        'module.exports = {',
        '  async up(queryInterface, Sequelize) {',
        "    await queryInterface.createTable('note', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, body_text: Sequelize.TEXT });",
        "    await queryInterface.createTable('comment', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, posted_at: Sequelize.DATE });",
        "    await queryInterface.createTable('tags', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }, label: Sequelize.STRING, colour_code: Sequelize.STRING });",
        '  },',
        '  async down() {},',
        '};',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      // Tag's table is named; its `label` is named alike either way, `colourCode` is Unknown.
      const tags = analysis.models.tables.find((t) => t.name === 'tags')!;
      assert.deepStrictEqual(tags.columns.map((c) => c.name).filter((n) => /label|colour/.test(n)), ['label']);
      const places = unread(tmp, analysis);
      for (const place of ['models/note.js:10', 'db/bases.js:5', 'models/note.js:12']) assert.ok(places.includes(place), `${place}: ${places.join(', ')}`);
    });
  });

  it('Sequelize association keys, aliases and join tables named by code that does not evaluate are Unknown, never the default names', async () => {
    await withTempDir('schemasense-assoc-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "sequelize": "^6.37.0" } }']);
      writeLines(tmp, 'models/award.js', [
        "const keys = require('../config/keys');",
        '',
        'module.exports = (sequelize, DataTypes) => {',
        "  const Team = sequelize.define('Team', { name: DataTypes.STRING }, { timestamps: false });",
        "  const Person = sequelize.define('Person', { name: DataTypes.STRING }, { timestamps: false });",
        "  const Award = sequelize.define('Award', { title: DataTypes.STRING }, { timestamps: false });",
        '  Award.belongsTo(Team, { foreignKey: keys.teamKey() });',
        '  Award.belongsTo(Person, { as: keys.aliasFor(Person) });',
        '  Award.belongsToMany(Person, { through: keys.juryTable, otherKey: keys.jurorKey() });',
        '  return { Team, Person, Award };',
        '};',
      ]);
      writeLines(tmp, 'config/keys.js', [
        'module.exports = {',
        '  teamKey: () => process.env.TEAM_KEY,',
        '  aliasFor: (model) => model.name.toLowerCase(),',
        '  jurorKey: () => "juror_ref",',
        '  juryTable: process.env.JURY_TABLE,',
        '};',
      ]);
      const analysis = await analyseDirectory(tmp);
      // No key guessed (TeamId, PersonId): no finding about a column that may not exist.
      assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      const awards = analysis.models.tables.find((t) => t.name === 'Awards')!;
      assert.deepStrictEqual(awards.columns.map((c) => c.name), ['id', 'title']);
      assert.deepStrictEqual(awards.foreignKeys, []);
      assert.ok(awards.incomplete?.some((p) => /its name is computed by code/.test(p)), JSON.stringify(awards.incomplete));
      assert.ok(awards.incomplete?.some((p) => /its alias is computed by code/.test(p)), JSON.stringify(awards.incomplete));
    });
  });

  it("a sequelize-typescript self-join's unwritten key is the join model's first @ForeignKey to the model; where that is the key written, Unknown", async () => {
    await withTempDir('schemasense-selfjoin-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "sequelize": "^6.37.0", "sequelize-typescript": "^2.1.6" } }']);
      writeLines(tmp, 'src/models/person.ts', [
        "import { BelongsToMany, Column, Model, Table } from 'sequelize-typescript';",
        "import { Friendship } from './friendship';",
        '',
        '@Table',
        'export class Person extends Model {',
        '  @Column',
        '  name!: string;',
        '',
        "  @BelongsToMany(() => Person, { through: () => Friendship, foreignKey: 'friendId' })",
        '  followers?: Person[];',
        '}',
      ]);
      writeLines(tmp, 'src/models/friendship.ts', [
        "import { Column, ForeignKey, Model, Table } from 'sequelize-typescript';",
        "import { Person } from './person';",
        '',
        '@Table',
        'export class Friendship extends Model {',
        '  @ForeignKey(() => Person)',
        '  @Column',
        '  ownerId!: number;',
        '',
        '  @ForeignKey(() => Person)',
        '  @Column',
        '  friendId!: number;',
        '}',
      ]);
      const read = await analyseDirectory(tmp);
      const friendships = read.models.tables.find((t) => t.name === 'Friendships')!;
      assert.deepStrictEqual(friendships.incomplete ?? [], []);
      assert.deepStrictEqual(friendships.primaryKey, ['ownerId', 'friendId']);
      assert.deepStrictEqual(friendships.foreignKeys.map((fk) => `${fk.columns} -> ${fk.target.table}`).sort(), ['friendId -> People', 'ownerId -> People']);

      // The key written is the first @ForeignKey: both sides would be one column.
      const person = fs.readFileSync(path.join(tmp, 'src/models/person.ts'), 'utf8');
      fs.writeFileSync(path.join(tmp, 'src/models/person.ts'), person.replace("foreignKey: 'friendId'", "foreignKey: 'ownerId'"));
      const same = await analyseDirectory(tmp);
      const unread = same.models.tables.find((t) => t.name === 'Friendships')!;
      assert.ok(unread.incomplete?.some((p) => /one column for both/.test(p)), JSON.stringify(unread.incomplete));
      assert.deepStrictEqual(same.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
    });
  });

  it('a key given targetKey or sourceKey by code refers to a column that is Unknown, never the primary key', async () => {
    await withTempDir('schemasense-refkey-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "sequelize": "^6.37.0", "sequelize-typescript": "^2.1.6" } }']);
      writeLines(tmp, 'src/models/keys.ts', ['export const lookupKey = () => process.env.LOOKUP_KEY ?? "code";']);
      writeLines(tmp, 'src/models/depot.ts', [
        "import { Column, DataType, HasMany, Model, Table } from 'sequelize-typescript';",
        "import { lookupKey } from './keys';",
        "import { Crate } from './crate';",
        '',
        "@Table({ tableName: 'depots' })",
        'export class Depot extends Model {',
        '  @Column({ type: DataType.STRING(8), unique: true })',
        '  code!: string;',
        '',
        "  @HasMany(() => Crate, { foreignKey: 'depotCode', sourceKey: lookupKey() })",
        '  crates?: Crate[];',
        '}',
      ]);
      writeLines(tmp, 'src/models/crate.ts', [
        "import { Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';",
        "import { Depot } from './depot';",
        '',
        "@Table({ tableName: 'crates' })",
        'export class Crate extends Model {',
        '  @ForeignKey(() => Depot)',
        '  @Column(DataType.STRING(8))',
        '  depotCode!: string;',
        '}',
      ]);
      writeLines(tmp, 'models/pallet.js', [
        "const { DataTypes } = require('sequelize');",
        "const { palletKey } = require('../config/keys');",
        'module.exports = (sequelize) => {',
        "  const Yard = sequelize.define('Yard', { code: { type: DataTypes.STRING(8), unique: true } }, { tableName: 'yards' });",
        "  const Pallet = sequelize.define('Pallet', { label: DataTypes.STRING }, { tableName: 'pallets' });",
        "  Pallet.belongsTo(Yard, { foreignKey: 'yardCode', targetKey: palletKey() });",
        '  return { Yard, Pallet };',
        '};',
      ]);
      writeLines(tmp, 'config/keys.js', ['module.exports = { palletKey: () => process.env.PALLET_KEY };']);
      const analysis = await analyseDirectory(tmp);
      // Not a foreign key to the primary key (an integer: a type mismatch with the text key).
      assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      for (const [table, key] of [['crates', 'depotCode'], ['pallets', 'yardCode']]) {
        const read = analysis.models.tables.find((t) => t.name === table)!;
        assert.deepStrictEqual(read.foreignKeys, [], table);
        assert.ok(read.incomplete?.includes(`foreign key ${key} (the key it refers to is given by code)`), JSON.stringify(read.incomplete));
      }
    });
  });

  it("a model under a decorator of the project's that wraps @Table with options set by code is a table named Unknown; one that wraps nothing leaves a base of attributes", async () => {
    await withTempDir('schemasense-wrapper-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "sequelize": "^6.37.0", "sequelize-typescript": "^2.1.6" } }']);
      writeLines(tmp, 'src/db/decorators.ts', [
        "import { Model, Table, TableOptions } from 'sequelize-typescript';",
        '',
        'export function TenantTable<M extends Model = Model>(options: TableOptions<M>): (target: any) => void {',
        '  return (target: any) => {',
        "    Table({ ...options, underscored: process.env.SNAKE_CASE === 'yes' })(target);",
        '  };',
        '}',
        '',
        '// Marks a class for the audit log: no table of its own.',
        'export function Audited(options: { channel: string }): (target: any) => void {',
        '  return (target: any) => {',
        '    target.auditChannel = options.channel;',
        '  };',
        '}',
      ]);
      writeLines(tmp, 'src/models/invoice.ts', [
        "import { Column, DataType, Model } from 'sequelize-typescript';",
        "import { TenantTable } from '../db/decorators';",
        '',
        "@TenantTable({ tableName: 'invoices' })",
        'export class Invoice extends Model {',
        '  @Column(DataType.STRING)',
        '  invoiceNumber!: string;',
        '}',
      ]);
      writeLines(tmp, 'src/models/stamped.ts', [
        "import { Column, DataType, Model } from 'sequelize-typescript';",
        "import { Audited } from '../db/decorators';",
        '',
        "@Audited({ channel: 'billing' })",
        'export class Stamped extends Model {',
        '  @Column(DataType.STRING)',
        '  stampedBy!: string;',
        '}',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      // Not "invoices" with the column "invoiceNumber" (nor "invoice_number"): the table a model of
      // Unknown options has; and no table for the class the audit decorator marks.
      assert.deepStrictEqual(analysis.models.tables.map((t) => t.name), []);
      assert.ok(analysis.models.hasUnknownTables);
      assert.ok(unread(tmp, analysis).includes('src/models/invoice.ts:5'), JSON.stringify(unread(tmp, analysis)));
    });
  });

  it('an option a project column decorator sets only where the caller gives it is Unknown there, and absent where the caller gives none', async () => {
    await withTempDir('schemasense-given-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "typeorm": "^0.3.20" } }']);
      writeLines(tmp, 'src/common/storedColumn.ts', [
        "import { Column, ColumnOptions } from 'typeorm';",
        '',
        '// A JSON default stored as text where JSON columns are not available: `default` touched only where given.',
        'export function StoredColumn(options: ColumnOptions): PropertyDecorator {',
        "  if ('default' in options && options.type === 'simple-json') {",
        '    options.default = JSON.stringify(options.default);',
        '  }',
        '  return Column(options);',
        '}',
      ]);
      writeLines(tmp, 'src/entity/Draft.ts', [
        "import { Entity, PrimaryGeneratedColumn } from 'typeorm';",
        "import { StoredColumn } from '../common/storedColumn';",
        '',
        "@Entity({ name: 'drafts' })",
        'export class Draft {',
        '  @PrimaryGeneratedColumn()',
        '  id: number;',
        '',
        "  @StoredColumn({ type: 'varchar', length: 20 })",
        '  state: string;',
        '',
        "  @StoredColumn({ type: 'varchar', length: 20, default: 'open' })",
        '  stage: string;',
        '}',
      ]);
      const analysis = await analyseDirectory(tmp);
      const drafts = analysis.models.tables.find((t) => t.name === 'drafts')!;
      const column = (name: string) => drafts.columns.find((c) => c.name === name)!;
      assert.strictEqual(column('state').serverDefault, undefined);
      assert.ok(isUnknown(column('stage').serverDefault), JSON.stringify(column('stage').serverDefault));
      assert.deepStrictEqual(unread(tmp, analysis), ['src/entity/Draft.ts:12']);
    });
  });

  it("sequelize-typescript's decorators through the project's modules, by name or namespace: re-exported ones are read, the project's own @Table leaves the model Unknown", async () => {
    await withTempDir('schemasense-barrel-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "sequelize": "^6.37.0", "sequelize-typescript": "^2.1.6" } }']);
      writeLines(tmp, 'tsconfig.json', ['{ "compilerOptions": { "baseUrl": ".", "paths": { "@orm/*": ["src/orm/*"] } } }']);
      // A barrel that hands on another module of the project, which names what it re-exports.
      writeLines(tmp, 'src/orm/index.ts', ["export * from './decorators';"]);
      writeLines(tmp, 'src/orm/decorators.ts', ["export { Table, Column, Model, DataType } from 'sequelize-typescript';"]);
      // A module whose `Table` is its own function exported under the decorator's name.
      writeLines(tmp, 'src/orm/custom.ts', [
        "import { Table as BaseTable, TableOptions } from 'sequelize-typescript';",
        "export * from 'sequelize-typescript';",
        'function snakeTable(options: TableOptions) {',
        '  return BaseTable({ ...options, underscored: true });',
        '}',
        'export { snakeTable as Table };',
      ]);
      writeLines(tmp, 'src/models/shelf.ts', [
        "import { Column, DataType, Model, Table } from '@orm/index';",
        '',
        "@Table({ tableName: 'shelves', timestamps: false })",
        'export class Shelf extends Model {',
        '  @Column({ type: DataType.STRING(30), allowNull: false })',
        '  label!: string;',
        '}',
      ]);
      writeLines(tmp, 'src/models/crate.ts', [
        "import { Column, DataType, Model, Table } from '../orm/custom';",
        '',
        "@Table({ tableName: 'crates', timestamps: false })",
        'export class Crate extends Model {',
        '  @Column({ type: DataType.INTEGER, allowNull: true })',
        '  slotCount?: number;',
        '}',
      ]);
      // The same modules through namespaces: the barrel's decorators read, the wrapper's Unknown.
      writeLines(tmp, 'src/models/drawer.ts', [
        "import * as orm from '@orm/index';",
        '',
        "@orm.Table({ tableName: 'drawers', timestamps: false })",
        'export class Drawer extends orm.Model {',
        '  @orm.Column({ type: orm.DataType.STRING(20), allowNull: false })',
        '  tag!: string;',
        '}',
      ]);
      writeLines(tmp, 'src/models/bin.ts', [
        "import * as custom from '../orm/custom';",
        '',
        "@custom.Table({ tableName: 'bins', timestamps: false })",
        'export class Bin extends custom.Model {',
        '  @custom.Column({ type: custom.DataType.INTEGER })',
        '  depth?: number;',
        '}',
      ]);
      const analysis = await analyseDirectory(tmp);
      const shelves = analysis.models.tables.find((t) => t.name === 'shelves');
      assert.deepStrictEqual(shelves?.columns.map((c) => c.name), ['id', 'label']);
      const drawers = analysis.models.tables.find((t) => t.name === 'drawers');
      assert.deepStrictEqual(drawers?.columns.map((c) => `${c.name} ${c.type && !isUnknown(c.type) ? formatType(c.type) : '?'}`), ['id integer', 'tag varchar(20)']);
      assert.ok(!analysis.models.tables.some((t) => /^(crates|Crates|bins|Bins)$/.test(t.name)), analysis.models.tables.map((t) => t.name).join());
      assert.deepStrictEqual(unread(tmp, analysis), ['src/models/bin.ts:4', 'src/models/crate.ts:4']);
    });
  });

  it("a column type given by code is Unknown whatever its Mapped annotation says; a type the module names once is read, and SQLAlchemy's own type is never the project's of the same name", async () => {
    await withTempDir('schemasense-mapped-', async (tmp) => {
      writeLines(tmp, 'app/types.py', [
        'from sqlalchemy.dialects import postgresql',
        'from sqlalchemy.types import TypeDecorator',
        '',
        '',
        'class JSON(TypeDecorator):',
        '    impl = postgresql.JSONB',
      ]);
      writeLines(tmp, 'app/models.py', [
        'import sqlalchemy as sa',
        'from sqlalchemy.dialects import postgresql',
        'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column',
        '',
        'from app.types import JSON',
        '',
        'DOCUMENT = postgresql.JSON().with_variant(sa.JSON(), "sqlite")',
        '',
        '',
        'def key_type(native):',
        '    return postgresql.UUID(as_uuid=native)',
        '',
        '',
        'class Base(DeclarativeBase):',
        '    pass',
        '',
        '',
        'class Report(Base):',
        '    __tablename__ = "reports"',
        '',
        '    id: Mapped[int] = mapped_column(primary_key=True)',
        '    owner_key: Mapped[str] = mapped_column(key_type(False))',
        '    body: Mapped[dict[str, str]] = mapped_column(DOCUMENT)',
        '    extra: Mapped[dict[str, str]] = mapped_column(JSON)',
        '    raw: Mapped[dict[str, str]] = mapped_column(sa.JSON)',
      ]);
      const analysis = await analyseDirectory(tmp);
      const reports = analysis.models.tables.find((t) => t.name === 'reports')!;
      const type = (name: string) => {
        const t = reports.columns.find((c) => c.name === name)!.type;
        return t && !isUnknown(t) ? formatType(t) : 'Unknown';
      };
      assert.deepStrictEqual(['owner_key', 'body', 'extra', 'raw'].map(type), ['Unknown', 'json', 'jsonb', 'json']);
      assert.deepStrictEqual(unread(tmp, analysis), ['app/models.py:22']);
    });
  });

  it("a TypeORM data source's entityPrefix computed by code leaves every table name Unknown, given or not", async () => {
    await withTempDir('schemasense-prefix-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "dependencies": { "typeorm": "^0.3.20" } }']);
      writeLines(tmp, 'src/data-source.ts', [
        "import { DataSource } from 'typeorm';",
        '',
        'export default new DataSource({',
        "  type: 'postgres',",
        '  url: process.env.DATABASE_URL,',
        '  entityPrefix: process.env.TABLE_PREFIX,',
        "  entities: [__dirname + '/entity/*.{ts,js}'],",
        '});',
      ]);
      writeLines(tmp, 'src/entity/Basket.ts', [
        "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
        '',
        "@Entity('baskets')",
        'export class Basket {',
        '  @PrimaryGeneratedColumn()',
        '  id!: number;',
        '',
        '  @Column({ length: 40 })',
        '  owner!: string;',
        '}',
      ]);
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.models.tables.map((t) => t.name), []);
      assert.deepStrictEqual(unread(tmp, analysis), ['src/data-source.ts:6']);
    });
  });

  it('umzug handing up() the Sequelize instance: its query interface, a name bound to it, and the names it quotes are read', async () => {
    const file = path.join(os.tmpdir(), '20240301000000-ledger-notes.ts');
    const text = [
      "import type { MigrationFn } from 'umzug';",
      "import type { Sequelize } from 'sequelize';",
      '',
      'export const up: MigrationFn<Sequelize> = async ({ context: sequelize }) => {',
      '  const qi = sequelize.getQueryInterface();',
      "  const note = qi.quoteIdentifier('note');",
      "  const entry = sequelize.getQueryInterface().quoteIdentifier('entry');",
      '  await sequelize.query(`ALTER TABLE ${entry} ADD COLUMN ${note} TEXT`);',
      "  await qi.addIndex('entry', ['note']);",
      '};',
      '',
    ].join('\n');
    const facts = await readOrmMigration(file, text);
    assert.deepStrictEqual(facts.operations.map((o) => [o.kind, o.location.range.start.line + 1]), [['add-column', 8], ['create-index', 9]]);
  });

  it('SQL a constant holds, with a part code computes, is read where it is written: rows only is no Unknown, a column typed by the part is', async () => {
    const file = path.join(os.tmpdir(), '0030-playlist-notes.ts');
    const text = [
      "import * as Sequelize from 'sequelize';",
      '',
      'async function up(utils: { queryInterface: Sequelize.QueryInterface; sequelize: Sequelize.Sequelize }): Promise<void> {',
      '  const fill = `UPDATE "playlist" SET "name" = \'${process.env.DEFAULT_NAME}\' WHERE "name" IS NULL`;',
      '  await utils.sequelize.query(fill);',
      '  const ddl = `ALTER TABLE "playlist" ADD COLUMN "note" VARCHAR(${process.env.NOTE_LENGTH})`;',
      '  await utils.sequelize.query(ddl);',
      '}',
      '',
      'export { up };',
      '',
    ].join('\n');
    const facts = await readOrmMigration(file, text);
    assert.deepStrictEqual(facts.operations.map((o) => [o.kind, o.location.range.start.line + 1, o.kind === 'unknown' ? o.description : '']),
      [['use-table', 4, ''], ['unknown', 6, 'SQL with a part built by code']], 'the UPDATE changes rows only (it needs its table); the ALTER is Unknown where it is written');
  });

  it('one construct that leaves many things Unknown (a naming strategy chosen at run time) is listed once', async () => {
    await withTempDir('schemasense-strategy-', async (tmp) => {
      fs.mkdirSync(path.join(tmp, 'src', 'entity'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'src', 'data-source.ts'), [
        "import { DataSource, DefaultNamingStrategy } from 'typeorm';",
        "import { SnakeNamingStrategy } from 'typeorm-naming-strategies';",
        '',
        'export const source = new DataSource({',
        "  type: 'postgres',",
        "  entities: ['src/entity/*.ts'],",
        '  synchronize: false,',
        "  namingStrategy: process.env.DB_SNAKE === '1' ? new SnakeNamingStrategy() : new DefaultNamingStrategy(),",
        '});',
        '',
      ].join('\n'));
      for (const name of ['Project', 'Locale', 'Term']) {
        fs.writeFileSync(path.join(tmp, 'src', 'entity', `${name}.ts`), [
          "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
          '',
          '@Entity()',
          `export class ${name} {`,
          "  @PrimaryGeneratedColumn('uuid')",
          '  id: string;',
          '',
          '  @Column()',
          '  displayName: string;',
          '}',
          '',
        ].join('\n'));
      }
      const analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings, []);
      const places = unread(tmp, analysis);
      assert.ok(places.includes('src/data-source.ts:8'), places.join('\n'));
      assert.strictEqual(new Set(places).size, places.length, `each construct once: ${places.join(', ')}`);
    });
  });
  it("a mixin's __table_args__ of the class's own attribute: CHECKs its branches write alike are known, ones they write apart Unknown", async () => {
    const fixture = path.join(FIXTURES, 'rules', 'fk-missing-index', 'bad-table-args-from-a-class-attribute');
    const checks = (analysis: Awaited<ReturnType<typeof analyseDirectory>>) => analysis.models.tables.find((t) => t.name === 'accounts')!.checks!.map((c) => (typeof c === 'string' ? c : 'Unknown'));
    // Named apart (an identifier length limit), the same SQL: known.
    assert.deepStrictEqual(checks(await analyseDirectory(fixture)), ['created_at IS NOT NULL']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-table-args-'));
    try {
      fs.cpSync(fixture, dir, { recursive: true });
      const models = path.join(dir, 'app', 'models.py');
      fs.writeFileSync(models, fs.readFileSync(models, 'utf8').replace('return cls._table_args + (CheckConstraint("created_at IS NOT NULL", name="SUB_EVENTS', 'return cls._table_args + (CheckConstraint("created_at > now()", name="SUB_EVENTS'));
      const analysis = await analyseDirectory(dir);
      assert.deepStrictEqual(checks(analysis), ['Unknown'], 'which branch a table takes is not read: its CHECKs are Unknown');
      assert.deepStrictEqual(analysis.models.tables.find((t) => t.name === 'accounts')!.primaryKey, ['id'], 'its keys are still its _table_args');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it("a Sequelize migration's loop over a record's entries adds each column; a record with a spread or a computed key leaves the columns it adds Unknown", async () => {
    await withTempDir('schemasense-entries-', async (tmp) => {
      writeLines(tmp, 'package.json', ['{ "name": "stamps", "dependencies": { "sequelize": "^6.37.0", "pg": "^8.11.0" } }']);
      writeLines(tmp, 'models/stamp.js', [
        "module.exports = (sequelize, DataTypes) => sequelize.define('Stamp', {",
        '  label: { type: DataTypes.STRING(40), allowNull: false },',
        "}, { tableName: 'stamps', timestamps: false });",
      ]);
      const migration = (record: string) => [
        "const { DataTypes } = require('sequelize');",
        "const SHARED = require('./shared');",
        `const EXTRAS = ${record};`,
        'module.exports = {',
        '  async up(queryInterface) {',
        "    await queryInterface.createTable('stamps', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, label: { type: DataTypes.STRING(40), allowNull: false } });",
        '    for (const [column, spec] of Object.entries(EXTRAS)) {',
        "      await queryInterface.addColumn('stamps', column, spec);",
        '    }',
        '  },',
        '  async down() {},',
        '};',
      ];
      // Known entries: each is a column the model does not declare.
      writeLines(tmp, 'migrations/20240101000000-stamps.js', migration("{ engraver: { type: DataTypes.STRING(80) }, printedIn: DataTypes.SMALLINT }"));
      let analysis = await analyseDirectory(tmp);
      assert.deepStrictEqual(analysis.findings.filter((f) => f.ruleId === 'migration-not-modeled').map((f) => f.message.match(/column "(\w+)"/)?.[1]).sort(), ['engraver', 'printedIn']);
      // A spread of another module's record, or a computed key: which columns are added is Unknown, and nothing is said of them.
      for (const record of ['{ ...SHARED, printedIn: DataTypes.SMALLINT }', '{ [SHARED.name]: DataTypes.TEXT }']) {
        writeLines(tmp, 'migrations/20240101000000-stamps.js', migration(record));
        analysis = await analyseDirectory(tmp);
        assert.deepStrictEqual(analysis.findings.filter((f) => f.ruleId === 'migration-not-modeled').map((f) => f.message), [], record);
        assert.deepStrictEqual(unread(tmp, analysis), ['migrations/20240101000000-stamps.js:8'], record);
      }
    });
  });
});
