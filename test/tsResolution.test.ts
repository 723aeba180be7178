/**
 * Names across TypeScript modules, as the checker binds them: constants and enum members written
 * where the ORM takes a literal (a table name, a column name, a default), followed through imports,
 * barrels (`export *`, `export { a as b } from`), namespace imports and tsconfig path aliases.
 * What leaves the project or is computed stays Unknown (and the rules silent).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseDirectory, Project } from '../server/src/analysis/project';
import { coverageOf } from '../server/src/analysis/coverage';
import { readModuleSymbols } from '../server/src/parsers/typescript/moduleSymbols';
import { TsFile } from '../server/src/parsers/typescript/syntax';
import { TsProjectSymbols } from '../server/src/resolve/typescript/symbols';
import { typeOrmNaming } from '../server/src/resolve/typescript/namingStrategy';
import { TYPEORM_STRING_UTILS } from '../server/src/resolve/typescript/namingEvaluation';
import { readTypeOrmEntities } from '../server/src/parsers/typescript/typeorm';
import { readSequelizeModels } from '../server/src/parsers/typescript/sequelize';
import { isUnknown } from '../server/src/model/unknown';
import { formatType } from '../server/src/model/types';
import type { OrmModelFacts } from '../server/src/facts/orm';
import { writeLines } from './helpers/files';
import { FIXTURES } from './helpers/paths';

const ACROSS = path.join(FIXTURES, 'rules', 'model-not-migrated', 'bad-typeorm-names-across-modules');

function moduleFacts(files: Record<string, string>): Map<string, OrmModelFacts> {
  return new Map(Object.entries(files).map(([file, text]) => {
    const full = path.resolve('/project', file);
    return [full, { file: full, orm: 'typeorm', entities: [], associations: [], schemasCreated: [], symbols: readModuleSymbols(new TsFile(full, text)) }];
  }));
}

/**
 * Writes an edit of `rel` to disk and hands it to the project: what the project then says (`shape`)
 * must equal what a fresh scan of the edited files says. Returns that shape.
 */
async function editMatchesFreshScan<T>(project: Project, dir: string, rel: string, change: (text: string) => string, shape: (p: Project) => T): Promise<T> {
  const file = path.join(dir, rel);
  const text = change(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file, text);
  await project.update(file, text);
  const fresh = new Project(dir);
  await fresh.scan();
  assert.deepStrictEqual(shape(project), shape(fresh), `after editing ${rel}`);
  return shape(project);
}

describe('TypeScript names across modules', () => {
  it('barrels that re-export each other many ways (`export *` diamonds) are searched once per name: a name found and one found nowhere', () => {
    // Five levels of sixteen barrels, each re-exporting every barrel of the next level: 16^5 paths
    // from the top to the bottom (a search along each would not end in the test's time), 96 modules.
    const files: Record<string, string> = {};
    const width = 16;
    for (let level = 0; level < 5; level++) {
      for (let i = 0; i < width; i++) files[`src/l${level}_${i}.ts`] = Array.from({ length: width }, (_, j) => `export * from './l${level + 1}_${j}';`).join('\n');
    }
    for (let i = 0; i < width; i++) files[`src/l5_${i}.ts`] = i === width - 1 ? 'export const TABLE = "ledger";\n' : `export const OTHER_${i} = 1;\n`;
    files['src/use.ts'] = "import { TABLE, MISSING } from './l0_0';\n";
    const symbols = new TsProjectSymbols(moduleFacts(files));
    const use = path.resolve('/project', 'src/use.ts');
    assert.strictEqual(symbols.classIn(use, 'MISSING'), undefined);
    assert.strictEqual(symbols.mixinApplicationIn(use, 'MISSING'), undefined);
    assert.strictEqual(symbols.classDeclaration(use, 'MISSING'), undefined);
    assert.strictEqual(symbols.value(use, { name: 'TABLE' }), 'ledger');
  });

  it('evaluates constants as TypeScript does: enums numbered, aliases, statics, frozen objects, re-exports', () => {
    const files = moduleFacts({
      'src/a.ts': [
        'export enum Level { Low, Mid = 5, High, Named = "named" }',
        'export const TABLE = "things" as const;',
        'const hidden = "secret_table";',
        'export { hidden as exposed };',
        'export class Names { static readonly table = "named_things"; static counter = 3; }',
        'export const Cols = Object.freeze({ owner: { id: "owner_id" } });',
        'export const ALIAS = TABLE;',
        'export const computed = `${TABLE}_x`;',
        'export const joined = "v" + Level.Mid + "_" + ALIAS;',
        'export const called = `${TABLE}_${String(1)}`;',
        'export const sum = Level.Mid + Level.High;',
        'export const fromEnv = process.env.T;',
        'export default Names;',
      ].join('\n'),
      'src/barrel.ts': 'export * from "./a";\nexport { default as Main, TABLE as T } from "./a";\nexport * as ns from "./a";',
      'src/cycle1.ts': 'export * from "./cycle2";',
      'src/cycle2.ts': 'export * from "./cycle1";',
      'src/use.ts': [
        'import { Level, T, Main, exposed, Cols, ALIAS, computed, joined, called, sum, fromEnv, ns } from "./barrel";',
        'import * as all from "./barrel";',
        'import { nothing } from "./cycle1";',
        'import { fromPackage } from "some-package";',
      ].join('\n'),
    });
    const symbols = new TsProjectSymbols(files);
    const use = path.resolve('/project/src/use.ts');
    const v = (name: string, member?: string) => symbols.value(use, { name, ...(member ? { member } : {}) });
    assert.strictEqual(v('Level', 'Low'), 0);
    assert.strictEqual(v('Level', 'High'), 6, 'numbered on from the last number');
    assert.strictEqual(v('Level', 'Named'), 'named');
    assert.strictEqual(v('T'), 'things');
    assert.strictEqual(v('Main', 'table'), 'named_things', 'a static of the default export, re-exported by name');
    assert.strictEqual(v('Main', 'counter'), undefined, 'a mutable static number is state, not a constant');
    assert.strictEqual(v('exposed'), 'secret_table');
    assert.strictEqual(v('Cols', 'owner.id'), 'owner_id');
    assert.strictEqual(v('ALIAS'), 'things');
    assert.strictEqual(v('all', 'TABLE'), 'things', 'a namespace import');
    assert.strictEqual(v('ns', 'TABLE'), 'things', 'export * as ns');
    assert.strictEqual(v('computed'), 'things_x', 'a template of constants');
    assert.strictEqual(v('joined'), 'v5_things', 'a concatenation of strings, an enum number and an alias');
    assert.strictEqual(v('called'), undefined, 'a template with a call in it is computed');
    assert.strictEqual(v('sum'), undefined, 'numbers added are not a string built');
    assert.strictEqual(v('fromEnv'), undefined);
    assert.strictEqual(v('nothing'), undefined, 'a cycle of re-exports ends');
    assert.strictEqual(v('fromPackage'), undefined, 'a package is outside the project');
    assert.strictEqual(v('Level', 'Missing'), undefined);
  });

  it('reads table, column and default names through a path alias, a barrel and a namespace import', async () => {
    const analysis = await analyseDirectory(ACROSS);
    const tables = Object.fromEntries(analysis.models.tables.map((t) => [t.name, t]));
    assert.deepStrictEqual(Object.keys(tables).sort(), ['app_invoices', 'app_orders', 'app_users']);
    assert.strictEqual(tables.app_users.columns.find((c) => c.name === 'role')!.serverDefault, "'member'", 'a const enum member as the default, a string TypeORM quotes');
    assert.deepStrictEqual(tables.app_orders.columns.map((c) => c.name), ['id', 'created_at', 'user_id', 'total_cents'], 'the join column and @Column named by one constant are one column');
    assert.deepStrictEqual(tables.app_orders.foreignKeys.map((fk) => `${fk.columns} -> ${fk.target.table}`), ['user_id -> app_users']);
    // The entity named by a package's constant is Unknown, said in the coverage, and no rule speaks of it.
    const unread = coverageOf(analysis.models, analysis.migrations).unread.map((u) => `${path.basename(u.location.file)}: ${u.what}`);
    assert.ok(unread.some((u) => u.startsWith('audit-entry.entity.ts: ')), unread.join('\n'));
    assert.ok(!analysis.findings.some((f) => f.location.file.endsWith('audit-entry.entity.ts')));
  });

  it('an edit of a module read only for its constants renames the tables that use them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-names-'));
    try {
      fs.cpSync(ACROSS, dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      assert.ok(project.models().tables.some((t) => t.name === 'app_invoices'));
      const tables = path.join(dir, 'src', 'db', 'tables.ts');
      const text = fs.readFileSync(tables, 'utf8').replace("'app_invoices'", "'billing_invoices'");
      assert.strictEqual(await project.update(tables, text), true);
      const names = project.models().tables.map((t) => t.name).sort();
      assert.deepStrictEqual(names, ['app_orders', 'app_users', 'billing_invoices']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('column types named by an enum of another module are TypeORM\'s, and follow an edit of the enum', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-type-names-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'models', 'typeorm-app'), dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      const types = (p: Project) => {
        const t = p.models().tables.find((x) => x.name === 'tickets')!;
        return ['subject', 'body', 'closedAt'].map((n) => t.columns.find((c) => c.name === n)?.type).map((ty) => (ty && 'name' in ty ? `${ty.name}${ty.args?.length ? `(${ty.args.join(',')})` : ''}` : 'Unknown'));
      };
      assert.deepStrictEqual(types(project), ['varchar(120)', 'text', 'timestamptz']);
      const changed = await editMatchesFreshScan(project, dir, 'src/entity/names.ts', (t) => t.replace('LongText = "text"', 'LongText = "varchar"').replace('ShortText = 120', 'ShortText = 80'), types);
      assert.deepStrictEqual(changed, ['varchar(80)', 'varchar', 'timestamptz']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Sequelize model options of sequelize-cli\'s config/config.json apply to every model, and an edit of it renames their columns', async () => {
    const fixture = path.join(FIXTURES, 'rules', 'model-not-migrated', 'bad-sequelize-define-in-config-json');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-config-json-'));
    try {
      fs.cpSync(fixture, dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      const columns = (p: Project) => p.models().tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(',')})`);
      assert.deepStrictEqual(columns(project), ['sensor(id,serial_number,last_seen_at,firmware,created_at,updated_at)']);
      const config = path.join(dir, 'config', 'config.json');
      const text = fs.readFileSync(config, 'utf8').replace(/"underscored": true/g, '"underscored": false');
      fs.writeFileSync(config, text);
      assert.strictEqual(await project.update(config, text), true);
      assert.deepStrictEqual(columns(project), ['sensor(id,serialNumber,lastSeenAt,firmware,createdAt,updatedAt)']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a squid\'s package.json names its models in snake_case (its framework makes the data source); an edit that drops the dependency names them by default', async () => {
    const fixture = path.join(FIXTURES, 'rules', 'model-not-migrated', 'ok-squid-data-source-made-by-the-framework');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-squid-manifest-'));
    try {
      fs.cpSync(fixture, dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      const columns = (p: Project) => p.models().tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(',')})`).sort();
      assert.deepStrictEqual(columns(project), ['nominator(id,root_account,total_bonded)', 'staking_reward(id,nominator_id,amount_planck,era_index)']);
      const manifest = path.join(dir, 'package.json');
      const text = fs.readFileSync(manifest, 'utf8').replace(/\s*"@subsquid\/[\w-]+": "[^"]*",/g, '');
      fs.writeFileSync(manifest, text);
      await project.update(manifest, text);
      assert.deepStrictEqual(columns(project), ['nominator(id,rootAccount,totalBonded)', 'staking_reward(id,nominatorId,amountPlanck,eraIndex)']);
      const fresh = new Project(dir);
      await fresh.scan();
      assert.deepStrictEqual(columns(fresh), columns(project));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migrations take table names from the project\'s enum: read through its barrel, and an edit of the enum renames what they create', async () => {
    const fixture = path.join(FIXTURES, 'rules', 'model-not-migrated', 'bad-sequelize-migration-names-from-enum');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-migration-names-'));
    try {
      fs.cpSync(fixture, dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      const created = (p: Project) => p.schemas().migrations.flatMap((m) => m.schema.tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(',')})`)).sort();
      assert.deepStrictEqual(created(project), ['orders(id,total,coupon_code)']);
      const tables = path.join(dir, 'src', 'constants', 'tables.ts');
      const text = fs.readFileSync(tables, 'utf8').replace("ORDERS = 'orders'", "ORDERS = 'shop_orders'");
      fs.writeFileSync(tables, text);
      await project.update(tables, text);
      assert.deepStrictEqual(created(project), ['shop_orders(id,total,coupon_code)']);
      const fresh = new Project(dir);
      await fresh.scan();
      assert.deepStrictEqual(created(fresh), created(project));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a migration\'s TableColumn typed by another module\'s constants: the type and default they evaluate to, Unknown where they do not, the table read all the same', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-column-names-'));
    try {
      writeLines(dir, 'src/db/columnTypes.ts', [
        'const postgres = { flag: "boolean", text: "varchar", on: true };',
        'const sqlite = { flag: "integer", text: "text", on: 1 };',
        'export const columnTypes = process.env.DB_TYPE === "sqlite" ? sqlite : postgres;',
        'export const NOTE_LENGTH = 80;',
        'export const computedType = pickType();',
        'function pickType(): string { return process.argv[2]; }',
      ]);
      writeLines(dir, 'src/migration/1700000000000-Notes.ts', [
        'import { MigrationInterface, QueryRunner, Table, TableColumn } from "typeorm";',
        'import { columnTypes, computedType, NOTE_LENGTH } from "../db/columnTypes";',
        'import { settings } from "../settings";',
        '',
        'export class Notes1700000000000 implements MigrationInterface {',
        '  public async up(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.createTable(new Table({',
        '      name: "notes",',
        '      columns: [',
        '        { name: "id", type: "integer", isPrimary: true },',
        '        { name: "pinned", type: columnTypes.flag, default: columnTypes.on },',
        '        { name: "body", type: columnTypes.text, length: NOTE_LENGTH },',
        '        { name: "summary", type: computedType, isNullable: true },',
        '        { name: "title", type: "varchar", length: settings.titleLength(), isNullable: true },',
        '      ],',
        '    }));',
        '    await queryRunner.addColumn("notes", new TableColumn({ name: "kind", type: settings.kindType, isNullable: true }));',
        '  }',
        '',
        '  public async down(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.dropTable("notes");',
        '  }',
        '}',
      ]);
      writeLines(dir, 'src/settings.ts', ['export const settings = loadSettings();', 'declare function loadSettings(): any;']);
      const project = new Project(dir);
      await project.scan();
      const notes = project.schemas().migrations.flatMap((m) => m.schema.tables).find((t) => t.name === 'notes');
      assert.ok(notes, 'the table is created though some of its columns are not known');
      const shape = notes.columns.map((c) => `${c.name} ${isUnknown(c.type) || !c.type ? '?' : formatType(c.type)}${c.serverDefault !== undefined && !isUnknown(c.serverDefault) ? ` default ${c.serverDefault}` : ''}`);
      assert.deepStrictEqual(shape, ['id integer', 'pinned boolean default true', 'body varchar(80)', 'summary ?', 'title ?', 'kind ?']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a module read at the last level of one walk through the imports is followed from there when a later file wants it: the model equals a fresh scan\'s', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-walks-'));
    try {
      // The ledger's name lies five modules away: the scan reads the barrels up to `hub`, not past it.
      writeLines(dir, 'src/ledger.entity.ts', [
        'import { Entity, PrimaryGeneratedColumn } from "typeorm";',
        'import { LEDGER_TABLE } from "./names/a";',
        '',
        '@Entity(LEDGER_TABLE)',
        'export class Ledger {',
        '  @PrimaryGeneratedColumn()',
        '  id: number;',
        '}',
      ]);
      writeLines(dir, 'src/names/a.ts', ['export * from "./b";']);
      writeLines(dir, 'src/names/b.ts', ['export * from "./c";']);
      writeLines(dir, 'src/names/c.ts', ['export * from "./hub";']);
      writeLines(dir, 'src/names/hub.ts', ['export * from "./tables";']);
      writeLines(dir, 'src/names/tables.ts', ['export const LEDGER_TABLE = "ledger_entries";', 'export const AUDIT_TABLE = "audit_entries";']);
      const project = new Project(dir);
      await project.scan();
      const names = (p: Project) => [p.models().tables.map((t) => t.name).sort(), p.models().hasUnknownTables];
      assert.deepStrictEqual(names(project), [[], true], 'the ledger\'s name is beyond the walk: Unknown, not guessed');
      // A new entity takes its name from `hub`, one module from the constants.
      const audit = path.join(dir, 'src', 'audit.entity.ts');
      const text = [
        'import { Entity, PrimaryGeneratedColumn } from "typeorm";',
        'import { AUDIT_TABLE } from "./names/hub";',
        '',
        '@Entity(AUDIT_TABLE)',
        'export class Audit {',
        '  @PrimaryGeneratedColumn()',
        '  id: number;',
        '}',
      ].join('\n');
      fs.writeFileSync(audit, text);
      await project.update(audit, text);
      const fresh = new Project(dir);
      await fresh.scan();
      assert.deepStrictEqual(names(project), names(fresh));
      assert.ok((names(project)[0] as string[]).includes('audit_entries'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('edits re-use the last build\'s work only where nothing it read changed: the model equals a fresh build\'s', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-memo-'));
    try {
      fs.cpSync(ACROSS, dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      project.models();
      const shape = (p: Project) => JSON.stringify(p.models().tables.map((t) => [t.name, t.columns.map((c) => [c.name, c.type, c.nullable, c.serverDefault]), t.foreignKeys.map((f) => [f.columns, f.target]), t.incomplete]));
      const edits: [string, (text: string) => string][] = [
        ['src/orders/order.entity.ts', (t) => t.replace("name: 'total_cents', type: 'integer'", "name: 'total', type: 'bigint'")],
        ['src/db/base-record.ts', (t) => t.replace("name: 'created_at'", "name: 'inserted_at'")],
        ['src/users/user.entity.ts', (t) => t.replace('default: Role.Member', 'default: Role.Admin')],
        ['src/db/tables.ts', (t) => t.replace("Admin = 'admin'", "Admin = 'administrator'")],
        ['src/invoices/invoice.entity.ts', (t) => t.replace('extends BaseRecord', '')],
        ['src/users/user.entity.ts', (t) => t.replace('@Entity(Tables.Users)', '@Entity(Tables.Orders + "_x")')],
      ];
      for (const [rel, change] of edits) await editMatchesFreshScan(project, dir, rel, change, shape);
      const orders = project.models().tables.find((t) => t.name === 'app_orders')!;
      assert.ok(orders.columns.some((c) => c.name === 'inserted_at'), 'the base class\'s edit reached its subclasses');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('single-table inheritance follows edits of the children and of the parent: the model equals a fresh build', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-sti-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'rules', 'model-not-migrated', 'bad-typeorm-single-table-inheritance'), dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      const shape = (p: Project) => p.models().tables.map((t) => `${t.name}(${t.columns.map((c) => `${c.name}${c.nullable ? '?' : ''}`).join(',')})`).sort();
      assert.deepStrictEqual(shape(project), ['content(id,title,size?,length?,subjectId?,type)', 'content_items(containerId,itemId)']);
      const edits: [string, (text: string) => string, string[]][] = [
        // A column more in a child: the parent's table has it, nullable.
        ['src/entity/media.ts', (t) => t.replace('size: string;', 'size: string;\n\n  @Column()\n  width: number;'), ['content(id,title,size?,width?,length?,subjectId?,type)', 'content_items(containerId,itemId)']],
        // The discriminator renamed.
        ['src/entity/Content.ts', (t) => t.replace("name: 'type'", "name: 'kind'"), ['content(id,title,size?,width?,length?,subjectId?,kind)', 'content_items(containerId,itemId)']],
        // No longer a child: a class of columns that no table has.
        ['src/entity/media.ts', (t) => t.replace("@ChildEntity('vid')", ''), ['content(id,title,size?,width?,subjectId?,kind)', 'content_items(containerId,itemId)']],
      ];
      for (const [rel, change, expected] of edits) {
        assert.deepStrictEqual(await editMatchesFreshScan(project, dir, rel, change, shape), expected, `after editing ${rel}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('entities written with the project\'s own decorators stay read through edits, of themselves and of the decorators', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-wrappers-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'rules', 'model-not-migrated', 'bad-typeorm-project-decorators'), dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      const names = () => project.models().tables.map((t) => t.name).sort();
      assert.deepStrictEqual(names(), ['ledger_entries', 'wallet']);
      const ledger = path.join(dir, 'src', 'entities', 'ledger-entry.entity.ts');
      await project.update(ledger, fs.readFileSync(ledger, 'utf8').replace("'ledger_entries'", "'ledger_lines'"));
      assert.deepStrictEqual(names(), ['ledger_lines', 'wallet'], 'an edit of a file no ORM marker classifies keeps it read through the decorators');
      // The decorator now hands TypeORM a name it computes: the tables it names become Unknown.
      const decorators = path.join(dir, 'src', 'decorators.ts');
      const changed = fs.readFileSync(decorators, 'utf8').replace('Entity(name, options)(target)', 'Entity(`${flag}_${name}`, options)(target)');
      fs.writeFileSync(decorators, changed);
      await project.update(decorators, changed);
      assert.deepStrictEqual(names(), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('decorator layers (aliases of TypeORM\'s, decorators applying them) stay followed through edits of each layer: the model equals a fresh build', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-layers-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'rules', 'drift-column', 'bad-typeorm-decorator-layers'), dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      const shape = (p: Project) => p.models().tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(',')})`).sort();
      const fresh = async () => {
        const other = new Project(dir);
        await other.scan();
        return shape(other);
      };
      assert.deepStrictEqual(shape(project), ['accounts(id,name)', 'invoices(id,total,memo,tax,due_on,lines,po_number,account_id)']);
      // The alias module stops aliasing Entity: nothing applies TypeORM's Entity any more.
      const aliases = path.join(dir, 'src', 'orm', 'typeorm.ts');
      const original = fs.readFileSync(aliases, 'utf8');
      const withoutEntity = original.replace('Entity as OrmEntity, ', '').replace("import { Column, Entity, ", "import { Column, ");
      fs.writeFileSync(aliases, withoutEntity);
      await project.update(aliases, withoutEntity);
      assert.deepStrictEqual(shape(project), await fresh());
      assert.deepStrictEqual(shape(project).filter((t) => t.startsWith('accounts')), [], 'no entity decorator resolves');
      // And back.
      fs.writeFileSync(aliases, original);
      await project.update(aliases, original);
      assert.deepStrictEqual(shape(project), ['accounts(id,name)', 'invoices(id,total,memo,tax,due_on,lines,po_number,account_id)']);
      // The decorator that picks the options among its parameters now computes them: the names it
      // hands on are Unknown (the columns it declares are no longer named), then known again.
      const decorators = path.join(dir, 'src', 'orm', 'decorators.ts');
      const layer = fs.readFileSync(decorators, 'utf8');
      const picked = layer.replace('options = <ColumnOptions>typeOrOptions;', 'options = { ...typeOrOptions, name: undefined };');
      assert.notStrictEqual(picked, layer);
      fs.writeFileSync(decorators, picked);
      await project.update(decorators, picked);
      assert.deepStrictEqual(shape(project), await fresh());
      assert.deepStrictEqual(shape(project).filter((t) => t.includes('due_on') || t.includes('po_number')), [], 'no name guessed');
      fs.writeFileSync(decorators, layer);
      await project.update(decorators, layer);
      assert.deepStrictEqual(shape(project), ['accounts(id,name)', 'invoices(id,total,memo,tax,due_on,lines,po_number,account_id)']);
      // The application decorator now computes the name it hands on: the tables it names are Unknown.
      const computed = fs.readFileSync(decorators, 'utf8').replace('OrmEntity(ormOptions, maybeOptions)(target);', 'OrmEntity(`app_${String(nameOrOptions)}`, maybeOptions)(target);');
      fs.writeFileSync(decorators, computed);
      await project.update(decorators, computed);
      assert.deepStrictEqual(shape(project), await fresh());
      assert.deepStrictEqual(shape(project), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a tsconfig.json that appears (or changes) makes the imports resolve anew', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-tsconfig-'));
    try {
      fs.cpSync(ACROSS, dir, { recursive: true });
      const config = fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8');
      fs.rmSync(path.join(dir, 'tsconfig.json'));
      const project = new Project(dir);
      await project.scan();
      // Without the aliases, `@db` is a package: the names it gives are Unknown, and no table is guessed.
      assert.deepStrictEqual(project.models().tables.map((t) => t.name), []);
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), config);
      assert.strictEqual(await project.moduleResolutionChanged(), true);
      assert.deepStrictEqual(project.models().tables.map((t) => t.name).sort(), ['app_invoices', 'app_orders', 'app_users']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('EntitySchema: a table name given by a constant is followed; `type: String` is the design type TypeORM gives it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-schema-'));
    try {
      fs.writeFileSync(path.join(dir, 'tables.ts'), 'export const TABLES = { tags: "tag_list" } as const;\n');
      fs.writeFileSync(path.join(dir, 'tag.schema.ts'), [
        "import { EntitySchema } from 'typeorm';",
        "import { TABLES } from './tables';",
        "export const TagSchema = new EntitySchema({ name: 'Tag', tableName: TABLES.tags, columns: {",
        '  id: { type: Number, primary: true, generated: true },',
        '  label: { type: String, length: 40 },',
        '  weight: { type: weightType() },',
        '} });',
      ].join('\n'));
      const project = new Project(dir);
      await project.scan();
      const [table] = project.models().tables;
      assert.strictEqual(table.name, 'tag_list');
      const typeOf = (c: (typeof table.columns)[number]) => (isUnknown(c.type) ? 'Unknown' : [c.type?.name, ...(c.type?.args ?? [])].join(' '));
      assert.deepStrictEqual(Object.fromEntries(table.columns.map((c) => [c.name, typeOf(c)])), { id: 'integer', label: 'varchar 40', weight: 'Unknown' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Sequelize data types a module of the project passes on type the models importing them; a name it binds to anything else stays Unknown, and edits of it follow', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-lent-types-'));
    try {
      const write = (rel: string, lines: string[]) => writeLines(dir, rel, lines);
      write('src/db/dataTypes.js', [
        "import { DataTypes } from 'sequelize';",
        'const { STRING, INTEGER, ARRAY } = DataTypes;',
        'export { STRING, INTEGER, ARRAY };',
      ]);
      // A barrel passing them on, and a module whose TEXT is no data type of Sequelize's.
      write('src/db/index.js', ["export * from './dataTypes.js';"]);
      write('src/db/own.js', ["export const TEXT = 'text';"]);
      write('src/models/Listing.js', [
        "import { Model } from 'sequelize';",
        "import sequelize from '../db/sequelize.js';",
        "import { STRING, INTEGER, ARRAY } from '../db/index.js';",
        "import { TEXT } from '../db/own.js';",
        'class Listing extends Model {}',
        'Listing.init({',
        '  title: { type: STRING(80), allowNull: false },',
        '  tags: { type: ARRAY(STRING) },',
        '  stock: { type: INTEGER },',
        '  notes: { type: TEXT },',
        "}, { sequelize, modelName: 'Listing' });",
        'export default Listing;',
      ]);
      write('src/db/sequelize.js', ["import { Sequelize } from 'sequelize';", "export default new Sequelize('postgres://localhost/app');"]);
      const project = new Project(dir);
      await project.scan();
      const types = (p: Project) => {
        const t = p.models().tables.find((x) => x.name === 'Listings')!;
        return ['title', 'tags', 'stock', 'notes'].map((n) => t.columns.find((c) => c.name === n)?.type).map((ty) => (ty && !isUnknown(ty) ? formatType(ty) : 'Unknown'));
      };
      assert.deepStrictEqual(types(project), ['varchar(80)', 'varchar(255)[]', 'integer', 'Unknown']);
      // STRING passed on under that name, but bound to TEXT: no type is taken from the name.
      const changed = await editMatchesFreshScan(project, dir, 'src/db/dataTypes.js', (t) => t.replace('const { STRING, INTEGER, ARRAY } = DataTypes;', 'const { INTEGER, ARRAY } = DataTypes;\nconst STRING = DataTypes.TEXT;'), types);
      assert.deepStrictEqual(changed, ['Unknown', 'Unknown', 'integer', 'Unknown']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a project column decorator handing TypeORM the type through a hook of another module: the type as written while the hook returns it as it is, Unknown once it does not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-type-hook-'));
    try {
      fs.cpSync(path.join(FIXTURES, 'models', 'typeorm-app'), dir, { recursive: true });
      const project = new Project(dir);
      await project.scan();
      const types = (p: Project) => {
        const t = p.models().tables.find((x) => x.name === 'coupons')!;
        return ['code', 'discount', 'note', 'issuedAt'].map((n) => t.columns.find((c) => c.name === n)?.type).map((ty) => (ty && !isUnknown(ty) ? formatType(ty) : 'Unknown'));
      };
      assert.deepStrictEqual(types(project), ['varchar(24)', 'numeric(6, 2)', 'varchar', 'timestamptz']);
      // The hook maps a type to another: what TypeORM gets is not what the entity writes.
      const changed = await editMatchesFreshScan(project, dir, 'src/entity/dbTypes.ts', (t) => t.replace('return type;', 'return type === "timestamptz" ? "timestamp" : type;'), types);
      assert.deepStrictEqual(changed, ['Unknown', 'Unknown', 'Unknown', 'Unknown']);
      assert.ok(coverageOf(project.models(), []).unread.some((u) => /type given through resolveDbType\(\) of the project/.test(u.what)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Sequelize size computed by code makes the type Unknown, never STRING\'s default size', () => {
    const facts = readSequelizeModels('/p/models/user.js', [
      "const { DataTypes } = require('sequelize');",
      "const { NAME_MAX } = require('../limits');",
      "module.exports = (sequelize) => sequelize.define('User', {",
      '  name: { type: DataTypes.STRING(NAME_MAX), allowNull: false },',
      '  code: { type: DataTypes.STRING(12), allowNull: false },',
      '  tags: { type: DataTypes.ARRAY(DataTypes.STRING(NAME_MAX)) },',
      '});',
    ].join('\n'));
    const columns = Object.fromEntries(facts.entities[0].columns.map((c) => [c.property, c.type]));
    assert.ok(isUnknown(columns.name), JSON.stringify(columns.name));
    assert.ok(isUnknown(columns.tags));
    assert.deepStrictEqual((columns.code as { args?: number[] }).args, [12]);
  });

  it('sequelize-typescript: an attribute typed only by its property takes the data type of its design type; one sequelize-typescript cannot infer is Unknown', () => {
    const facts = readSequelizeModels('/p/src/models/card.ts', [
      "import { Column, Model, Table } from 'sequelize-typescript';",
      "import { Suit } from './suit';",
      '@Table',
      'export class Card extends Model {',
      '  @Column title!: string;',
      '  @Column({ allowNull: true }) rank?: number | null;',
      '  @Column suit!: Suit;',
      '  @Column face!: string | number;',
      '  @Column legacy;',
      '}',
    ].join('\n'));
    const columns = Object.fromEntries(facts.entities[0].columns.map((c) => [c.property, c.type]));
    assert.strictEqual(formatType(columns.title as never), 'varchar(255)');
    assert.strictEqual(formatType(columns.rank as never), 'integer');
    for (const name of ['suit', 'face', 'legacy']) assert.ok(isUnknown(columns[name]), `${name}: ${JSON.stringify(columns[name])}`);
  });

  it('a property typed by an enum (or a literal union\'s alias) of another module, no type written, has the design type\'s column type; a mixed enum or an interface stays Unknown', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-design-enum-'));
    try {
      writeLines(dir, 'src/entity/kinds.ts', ['export enum Priority { Low, Normal, High }', "export enum Stage { Draft = 'draft', Live = 'live' }", "export enum Mixed { A = 1, B = 'b' }", "export type Tier = 'free' | 'paid';"]);
      writeLines(dir, 'src/entity/task.ts', [
        "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
        "import { Mixed, Priority, Stage, Tier } from './kinds';",
        'interface Shape { x: number }',
        '@Entity()',
        'export class Task {',
        '  @PrimaryGeneratedColumn() id!: number;',
        '  @Column() priority!: Priority;',
        '  @Column({ nullable: true, length: 12 }) stage!: Stage | null;',
        '  @Column() mixed!: Mixed;',
        '  @Column() shape!: Shape;',
        '  @Column() tier!: Tier;',
        '}',
      ]);
      const project = new Project(dir);
      await project.scan();
      const types = (p: Project) => p.models().tables[0].columns.map((c) => (c.type && !isUnknown(c.type) ? formatType(c.type) : 'Unknown'));
      assert.deepStrictEqual(types(project), ['integer', 'integer', 'varchar(12)', 'Unknown', 'Unknown', 'varchar']);
      // The enum of numbers becomes one of strings: the column follows the edit.
      const changed = await editMatchesFreshScan(project, dir, 'src/entity/kinds.ts', (t) => t.replace('export enum Priority { Low, Normal, High }', "export enum Priority { Low = 'low' }"), types);
      assert.deepStrictEqual(changed, ['integer', 'varchar', 'varchar(12)', 'Unknown', 'Unknown', 'varchar']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a workspace that is a folder of a package (its src/ opened alone) resolves imports with the package's tsconfig.json, as TypeScript finds it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-package-folder-'));
    try {
      writeLines(dir, 'server/package.json', ['{ "dependencies": { "typeorm": "^0.3.20" } }']);
      writeLines(dir, 'server/tsconfig.json', ['{ "compilerOptions": { "baseUrl": "./", "emitDecoratorMetadata": true, "experimentalDecorators": true } }']);
      writeLines(dir, 'server/src/enum.ts', ["export enum Stage { Draft = 'draft', Live = 'live' }", 'export enum Rank { Low, High }']);
      writeLines(dir, 'server/src/entities/task.entity.ts', [
        "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
        "import { Rank, Stage } from 'src/enum';",
        '@Entity()',
        'export class Task {',
        '  @PrimaryGeneratedColumn() id!: number;',
        '  @Column() stage!: Stage;',
        '  @Column() rank!: Rank;',
        '}',
      ]);
      // A tsconfig.json above the package is not the package's: it stays unread.
      writeLines(dir, 'tsconfig.json', ['{ "compilerOptions": { "baseUrl": "./server" } }']);
      const project = new Project(path.join(dir, 'server', 'src'));
      await project.scan();
      const types = project.models().tables[0].columns.map((c) => (c.type && !isUnknown(c.type) ? formatType(c.type) : 'Unknown'));
      assert.deepStrictEqual(types, ['integer', 'varchar', 'integer']);
      fs.rmSync(path.join(dir, 'server', 'tsconfig.json'));
      const alone = new Project(path.join(dir, 'server', 'src'));
      await alone.scan();
      assert.deepStrictEqual(alone.models().tables[0].columns.map((c) => (c.type && !isUnknown(c.type) ? formatType(c.type) : 'Unknown')), ['integer', 'Unknown', 'Unknown']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sequelize-typescript index decorators made in another module index the attributes they mark; other imported decorators do not, and edits of the module follow', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-index-decorators-'));
    try {
      writeLines(dir, 'src/db/indexes.ts', ["import { createIndexDecorator } from 'sequelize-typescript';", 'export const ByOwner = createIndexDecorator();', "export const Checked = (target: object, key: string) => undefined;"]);
      writeLines(dir, 'src/db/index.ts', ["export * from './indexes';"]);
      writeLines(dir, 'src/models/card.ts', [
        "import { Column, Model, Table } from 'sequelize-typescript';",
        "import { IsEmail } from 'class-validator';",
        "import { ByOwner, Checked } from '../db';",
        '@Table',
        'export class Card extends Model {',
        '  @ByOwner @Column declare ownerId: number;',
        '  @ByOwner @Column declare slot: number;',
        '  @Checked @IsEmail() @Column declare email: string;',
        '}',
      ]);
      const project = new Project(dir);
      await project.scan();
      const indexes = (p: Project) => p.models().tables[0].indexes.filter((i) => i.origin !== 'primary-key').map((i) => `${i.columns.join(',')}${i.unique ? ' unique' : ''}`);
      assert.deepStrictEqual(indexes(project), ['ownerId,slot']);
      const changed = await editMatchesFreshScan(project, dir, 'src/db/indexes.ts', (t) => t.replace('createIndexDecorator()', 'createIndexDecorator({ unique: true })'), indexes);
      assert.deepStrictEqual(changed, ['ownerId,slot unique']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Sequelize indexes keep their predicate and method: `indexes` entries, @Index options and createIndexDecorator alike', () => {
    const facts = readSequelizeModels('/p/src/models/handle.ts', [
      "import { Column, createIndexDecorator, Index, Model, Table } from 'sequelize-typescript';",
      "const ByTags = createIndexDecorator({ using: 'GIN' });",
      "@Table({ indexes: [{ fields: ['value'], type: 'UNIQUE', where: { deletedAt: null } }] })",
      'export class Handle extends Model {',
      "  @Index({ unique: true, where: { live: true } }) @Index @Column declare value: string;",
      '  @ByTags @Column declare tags: string;',
      '}',
    ].join('\n'));
    const indexes = facts.entities[0].indexes.map((i) => ({ columns: i.columns, unique: i.unique, where: i.where, method: i.method }));
    assert.deepStrictEqual(indexes, [
      { columns: ['value'], unique: true, where: '{ deletedAt: null }', method: undefined },
      { columns: ['value'], unique: true, where: '{ live: true }', method: undefined },
      { columns: ['tags'], unique: false, where: undefined, method: 'gin' },
    ]);
    assert.ok(facts.entities[0].columns.find((c) => c.property === 'value')!.index, 'the plain @Index is the column\'s own');
  });

  it('sequelize-typescript: a @ForeignKey no association takes is no foreign key; one an unresolvable association may take is Unknown', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-fk-decorator-'));
    try {
      const write = (rel: string, lines: string[]) => writeLines(dir, rel, lines);
      write('board.ts', ["import { Column, Model, Table } from 'sequelize-typescript';", '@Table', 'export class Board extends Model {', '  @Column declare title: string;', '}']);
      const pin = (association: string[]) => write('pin.ts', [
        "import { BelongsTo, Column, ForeignKey, Model, Table } from 'sequelize-typescript';",
        "import { Board } from './board';",
        "import { Owner } from '@vendor/owners';",
        '@Table',
        'export class Pin extends Model {',
        '  @ForeignKey(() => Board)',
        '  @Column declare boardId: number;',
        ...association,
        '}',
      ]);
      const read = async () => {
        const analysis = await analyseDirectory(dir);
        const pins = analysis.models.tables.find((t) => t.name === 'Pins')!;
        return { keys: pins.foreignKeys.map((k) => k.columns.join()), incomplete: pins.incomplete ?? [], columns: pins.columns.map((c) => c.name) };
      };
      pin([]);
      assert.deepStrictEqual(await read(), { keys: [], incomplete: [], columns: ['id', 'boardId', 'createdAt', 'updatedAt'] });
      pin(['  @BelongsTo(() => Board) declare board: Board;']);
      assert.deepStrictEqual((await read()).keys, ['boardId']);
      // An association to a model this workspace does not hold: it may take boardId or not.
      pin(['  @BelongsTo(() => Owner) declare owner: Owner;']);
      const unknown = await read();
      assert.deepStrictEqual(unknown.keys, []);
      assert.ok(unknown.incomplete.some((i) => i.startsWith('foreign key boardId')), JSON.stringify(unknown.incomplete));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('TypeORM naming strategies', () => {
    const naming = (files: Record<string, string>) => {
      const facts = [...Object.entries(files)].map(([file, text]) => readTypeOrmEntities(path.resolve('/project', file), text));
      const n = typeOrmNaming(facts, new TsProjectSymbols(new Map(facts.map((f) => [f.file, f]))));
      return { snake: n.snake, unknown: (['tableNames', 'columnNames', 'joinColumnNames', 'joinTableNames'] as const).filter((k) => n[k]) };
    };
    const dataSource = (strategy: string, imports = '') => `import { DataSource } from 'typeorm';\n${imports}\nexport default new DataSource({ type: 'postgres', namingStrategy: ${strategy} });\n`;

    const namer = (files: Record<string, string>) => {
      const facts = [...Object.entries(files)].map(([file, text]) => readTypeOrmEntities(path.resolve('/project', file), text));
      return typeOrmNaming(facts, new TsProjectSymbols(new Map(facts.map((f) => [f.file, f])))).namer;
    };
    const strategy = (body: string, head = 'import { DefaultNamingStrategy } from "typeorm";\nimport { snakeCase } from "typeorm/util/StringUtils";') => ({
      'ds.ts': dataSource('new AppNaming()', "import { AppNaming } from './naming';"),
      'naming.ts': `${head}\nexport class AppNaming extends DefaultNamingStrategy {\n${body}\n}`,
    });

    it('knows the default and SnakeNamingStrategy (the package\'s); a project\'s class of that name is read as it is written', () => {
      assert.deepStrictEqual(naming({ 'ds.ts': dataSource('new DefaultNamingStrategy()', "import { DefaultNamingStrategy } from 'typeorm';") }), { snake: false, unknown: [] });
      assert.deepStrictEqual(naming({ 'ds.ts': dataSource('new SnakeNamingStrategy()', "import { SnakeNamingStrategy } from 'typeorm-naming-strategies';") }), { snake: true, unknown: [] });
      // Named as the package's class, but not its copy: the names are what its code makes, not snake case.
      const copy = {
        'ds.ts': dataSource('new SnakeNamingStrategy()', "import { SnakeNamingStrategy } from './snake';"),
        'snake.ts': 'import { DefaultNamingStrategy } from "typeorm";\nexport class SnakeNamingStrategy extends DefaultNamingStrategy { tableName(a: string, b?: string) { return b ?? a; } columnName(a: string) { return a; } }',
      };
      assert.deepStrictEqual(naming(copy), { snake: false, unknown: [] });
      assert.strictEqual(namer(copy)?.tableName?.('UserProfile', undefined), 'UserProfile');
      assert.strictEqual(namer(copy)?.columnName?.('createdAt', undefined, []), 'createdAt');
    });

    it('evaluates the methods of a strategy of the project\'s own for each name TypeORM asks of them', () => {
      const own = namer(strategy([
        '  tableName(className: string, customName?: string): string {',
        '    const base = className.endsWith("Entity") ? className.slice(0, -6) : className;',
        '    return customName ? customName : plural(snakeCase(base));',
        '  }',
        '  columnName(propertyName: string, customName: string, prefixes: string[]): string {',
        '    return snakeCase(prefixes.concat("").join("_")) + (customName || snakeCase(propertyName));',
        '  }',
        '  joinColumnName(relationName: string, referencedColumnName: string): string {',
        '    return this.columnName(`${relationName}Ref`, "", []) + "_" + super.joinColumnName("", referencedColumnName);',
        '  }',
      ].join('\n'), 'import { DefaultNamingStrategy } from "typeorm";\nimport { snakeCase } from "typeorm/util/StringUtils";\nfunction plural(s: string) { let out = s; if (!out.endsWith("s")) { out += "s"; } return out; }'))!;
      assert.strictEqual(own.tableName!('UserProfileEntity', undefined), 'user_profiles');
      assert.strictEqual(own.tableName!('Address', undefined), 'address');
      assert.strictEqual(own.tableName!('Category', undefined), 'categorys');
      assert.strictEqual(own.tableName!('Status', undefined), 'status');
      assert.strictEqual(own.tableName!('User', 'members'), 'members');
      assert.strictEqual(own.columnName!('postalCode', undefined, ['homeAddress']), 'home_address_postal_code');
      assert.strictEqual(own.columnName!('postalCode', 'zip', []), 'zip');
      // DefaultNamingStrategy's joinColumnName is camelCase(`${relation}_${referenced}`): "_id" → "Id".
      assert.strictEqual(own.joinColumnName!('owner', 'id'), 'owner_ref_Id');
    });

    it('TypeORM\'s snakeCase, camelCase and titleCase as TypeORM computes them', () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const real = require('typeorm/util/StringUtils') as Record<string, (s: string) => string>;
      for (const s of ['UserProfile', 'HTMLParser', 'userID2Token', 'ABCDef', 'snake_case', 'geo_countryCode', 'a-b c', 'X', '']) {
        for (const f of ['snakeCase', 'camelCase', 'titleCase']) assert.strictEqual(TYPEORM_STRING_UTILS[f]([s]), real[f](s), `${f}(${s})`);
      }
    });

    it('the packages strategies call are evaluated as they compute: pluralize, lodash\'s snakeCase and camelCase', () => {
      const head = (imports: string) => `import { DefaultNamingStrategy } from "typeorm";\n${imports}`;
      const pluralized = namer(strategy('  tableName(className: string, customName?: string) { return customName ? customName : pluralize(snakeCase(className)); }',
        head('import { snakeCase } from "lodash";\nimport * as pluralize from "pluralize";')))!;
      assert.strictEqual(pluralized.tableName!('UserProfile', undefined), 'user_profiles');
      assert.strictEqual(pluralized.tableName!('Category', undefined), 'categories');
      assert.strictEqual(pluralized.tableName!('Person', undefined), 'people');
      const namespaced = namer(strategy('  columnName(p: string, c: string, prefixes: string[]) { return c || _.snakeCase([...prefixes, p].join("_")); }\n  tableName(t: string, c?: string) { return c || pluralize.plural(_.camelCase(t)); }',
        head('import _ from "lodash";\nimport pluralize from "pluralize";')))!;
      // lodash splits digits from letters, as TypeORM's snakeCase does not.
      assert.strictEqual(namespaced.columnName!('address2Line', undefined, ['home']), 'home_address_2_line');
      assert.strictEqual(namespaced.tableName!('OrderItem', undefined), 'orderItems');
      // lodash's other string-case functions, through the package, a function's module or its own package.
      const cased = namer(strategy([
        '  columnName(p: string, c: string, prefixes: string[]) { return prefixes.length ? `${_.camelCase(prefixes.join("_"))}${_.upperFirst(_.camelCase(c || p))}` : c || p; }',
        '  tableName(t: string, c?: string) { return c || kebabCase(t) + "-" + lowerFirst(t); }',
      ].join('\n'), head('import * as _ from "lodash";\nimport kebabCase from "lodash/kebabCase";\nimport lowerFirst = require("lodash.lowerfirst");')))!;
      assert.strictEqual(cased.columnName!('postalCode', undefined, ['home_address']), 'homeAddressPostalCode');
      assert.strictEqual(cased.tableName!('OrderItem', undefined), 'order-item-orderItem');
      // A count makes pluralize's answer depend on it: not read.
      const counted = namer(strategy('  tableName(t: string) { return pluralize(t, 2); }', head('import pluralize from "pluralize";')))!;
      assert.strictEqual(counted.tableName!('User', undefined), undefined);
    });

    it('a name that depends on what cannot be evaluated is Unknown, the others are read', () => {
      // A function of a package not known, a value of the environment, a loop: Unknown.
      const vendor = namer(strategy('  tableName(className: string, customName?: string) { return customName ?? toTableName(snakeCase(className)); }',
        'import { DefaultNamingStrategy } from "typeorm";\nimport { snakeCase } from "typeorm/util/StringUtils";\nimport { toTableName } from "@acme/naming";'))!;
      assert.strictEqual(vendor.tableName!('UserProfile', undefined), undefined);
      // (A name given is returned before the package is called: known.)
      assert.strictEqual(vendor.tableName!('UserProfile', 'people'), 'people');
      const environment = namer(strategy('  tableName(className: string, customName?: string) { return (process.env.TABLE_PREFIX ?? "app_") + className.toLowerCase(); }'))!;
      assert.strictEqual(environment.tableName!('User', undefined), undefined);
      const loop = namer(strategy('  columnName(p: string, c: string) { let out = ""; for (const ch of p) out += ch.toLowerCase(); return c || out; }'))!;
      assert.strictEqual(loop.columnName!('userId', undefined, []), undefined);
      assert.strictEqual(loop.tableName, undefined, 'not overridden: the base\'s, as before');
      const joins = strategy('  joinTableName(a: string, b: string, p: string, q: string) { return q ? q : a + "_x_" + b; }');
      assert.deepStrictEqual(naming(joins), { snake: false, unknown: [] });
      // The inverse side's property is not read: an answer that needs it is Unknown.
      assert.strictEqual(namer(joins)!.joinTableName!('users', 'roles', 'roles', undefined), undefined);
      assert.strictEqual(namer(strategy('  joinTableName(a: string, b: string) { return a + "_x_" + b; }'))!.joinTableName!('users', 'roles', 'roles', undefined), 'users_x_roles');
    });

    it('a strategy of the project\'s own built on the package\'s: its own methods evaluated; one that cannot be read, everything Unknown', () => {
      assert.deepStrictEqual(naming({
        'ds.ts': dataSource('new Short()', "import { Short } from './short';"),
        'short.ts': 'import { SnakeNamingStrategy } from "typeorm-naming-strategies";\nexport class Short extends SnakeNamingStrategy { joinTableName() { return "j"; } }',
      }), { snake: true, unknown: [] });
      assert.strictEqual(namer({
        'ds.ts': dataSource('new Short()', "import { Short } from './short';"),
        'short.ts': 'import { SnakeNamingStrategy } from "typeorm-naming-strategies";\nexport class Short extends SnakeNamingStrategy { joinTableName() { return "j"; } }',
      })!.joinTableName!('a', 'b', 'p', undefined), 'j');
      assert.deepStrictEqual(naming({ 'ds.ts': dataSource('new Vendor()', "import { Vendor } from '@vendor/naming';") }), { snake: false, unknown: ['tableNames', 'columnNames', 'joinColumnNames', 'joinTableNames'] });
      assert.deepStrictEqual(naming({ 'ds.ts': dataSource('strategyFor(process.env.DB)') }), { snake: false, unknown: ['tableNames', 'columnNames', 'joinColumnNames', 'joinTableNames'] });
      assert.deepStrictEqual(naming({
        'a.ts': dataSource('new SnakeNamingStrategy()', "import { SnakeNamingStrategy } from 'typeorm-naming-strategies';"),
        'b.ts': dataSource('new DefaultNamingStrategy()', "import { DefaultNamingStrategy } from 'typeorm';"),
      }), { snake: false, unknown: ['tableNames', 'columnNames', 'joinColumnNames', 'joinTableNames'] }, 'two data sources, two namings');
    });
  });
});
