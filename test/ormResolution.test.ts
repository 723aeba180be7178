/**
 * TypeORM relation targets are resolved through the file's imports: in a monorepo two entity classes
 * may share a name, and the one a file imports is the one it means. What cannot be followed here
 * (an import through a path alias, with two candidates) is Unknown, never a guess.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseDirectory, Project } from '../server/src/analysis/project';
import { coverageOf } from '../server/src/analysis/coverage';
import { FIXTURES } from './helpers/paths';

const SAME_NAMES = path.join(FIXTURES, 'rules', 'fk-type-mismatch', 'ok-typeorm-same-class-names');

function foreignKeys(analysis: Awaited<ReturnType<typeof analyseDirectory>>): Record<string, string[]> {
  return Object.fromEntries(analysis.models.tables.map((t) => [t.name, t.foreignKeys.map((fk) => `${fk.columns.join(',')} -> ${fk.target.table}`)]));
}

/** Writes `lines` to `file` under `root`, making its folders. */
function write(root: string, file: string, lines: string[]): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), `${lines.join('\n')}\n`);
}

describe('TypeORM relation targets through imports', () => {
  it('two entity classes of one name: each relation follows its own file\'s import (aliased too)', async () => {
    const analysis = await analyseDirectory(SAME_NAMES);
    const fks = foreignKeys(analysis);
    assert.deepStrictEqual(fks.invoices, ['payerId -> billing_users']);
    assert.deepStrictEqual(fks.refunds, ['approvedById -> billing_users']);
    assert.deepStrictEqual(fks.leads, ['ownerId -> crm_users']);
    const refunds = analysis.models.tables.find((t) => t.name === 'refunds')!;
    assert.strictEqual((refunds.columns.find((c) => c.name === 'approvedById')!.type as { name: string }).name, 'uuid', 'typed from the right target');
    assert.deepStrictEqual(analysis.findings, []);
  });

  it('an import that cannot be followed here, with two candidates, leaves the relation Unknown', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-alias-'));
    try {
      fs.cpSync(SAME_NAMES, dir, { recursive: true });
      const lead = path.join(dir, 'packages', 'crm', 'src', 'entity', 'Lead.ts');
      fs.writeFileSync(lead, fs.readFileSync(lead, 'utf8').replace("from './User'", "from '@crm/entity/User'"));
      const analysis = await analyseDirectory(dir);
      assert.deepStrictEqual(foreignKeys(analysis).leads, [], 'no foreign key to a guessed table');
      const unread = coverageOf(analysis.models, analysis.migrations).unread.map((u) => `${path.basename(u.location.file)}: ${u.what}`);
      assert.ok(unread.some((u) => /^Lead\.ts: .*ownerId/.test(u)), unread.join('\n'));
      assert.deepStrictEqual(analysis.findings, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the same path alias, declared in the package\'s tsconfig.json, is followed as TypeScript follows it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-alias-'));
    try {
      fs.cpSync(SAME_NAMES, dir, { recursive: true });
      const crm = path.join(dir, 'packages', 'crm');
      const lead = path.join(crm, 'src', 'entity', 'Lead.ts');
      fs.writeFileSync(lead, fs.readFileSync(lead, 'utf8').replace("from './User'", "from '@crm/entity/User'"));
      // A comment and a trailing comma: tsconfig.json is JSON with comments, read by TypeScript's own reader.
      fs.writeFileSync(path.join(crm, 'tsconfig.json'), '{\n  // aliases of this package\n  "compilerOptions": { "baseUrl": ".", "paths": { "@crm/*": ["src/*"] }, },\n}\n');
      const analysis = await analyseDirectory(dir);
      assert.deepStrictEqual(foreignKeys(analysis).leads, ['ownerId -> crm_users']);
      assert.deepStrictEqual(analysis.findings, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Sequelize models of several applications in one workspace', () => {
  it("each application's models take its own instance's define, and a model's name means the application's own model", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-services-'));
    try {
      // Two services side by side, each its own package and instance: one underscored with frozen
      // table names, one on Sequelize's defaults; both call their model "User".
      write(root, 'accounts/package.json', ['{ "name": "accounts", "dependencies": { "sequelize": "^6.37.0" } }']);
      write(root, 'accounts/db.js', [
        "const { Sequelize, DataTypes } = require('sequelize');",
        "const sequelize = new Sequelize(process.env.DATABASE_URL, { define: { underscored: true, freezeTableName: true } });",
        "const User = sequelize.define('User', { displayName: DataTypes.STRING });",
        "const Post = sequelize.define('Post', { title: DataTypes.STRING });",
        'Post.belongsTo(User);',
        'module.exports = { sequelize, User, Post };',
      ]);
      write(root, 'comments/package.json', ['{ "name": "comments", "dependencies": { "sequelize": "^6.37.0" } }']);
      write(root, 'comments/db.js', [
        "const { Sequelize, DataTypes } = require('sequelize');",
        'const sequelize = new Sequelize(process.env.DATABASE_URL);',
        "const User = sequelize.define('User', { displayName: DataTypes.STRING });",
        "const Comment = sequelize.define('Comment', { body: DataTypes.TEXT });",
        'Comment.belongsTo(User);',
        'module.exports = { sequelize, User, Comment };',
      ]);
      // A third whose variable `User` holds a model of another name: what the import binds, not a "User" model of the others.
      write(root, 'sessions/package.json', ['{ "name": "sessions", "type": "module", "dependencies": { "sequelize": "^6.37.0" } }']);
      write(root, 'sessions/db.js', ["import { Sequelize } from 'sequelize';", 'export const sequelize = new Sequelize(process.env.DATABASE_URL);']);
      write(root, 'sessions/models/user.js', [
        "import { DataTypes } from 'sequelize';",
        "import { sequelize } from '../db.js';",
        "export const User = sequelize.define('TbUsers', { email: DataTypes.STRING }, { freezeTableName: true, timestamps: false });",
      ]);
      write(root, 'sessions/models/session.js', [
        "import { DataTypes } from 'sequelize';",
        "import { sequelize } from '../db.js';",
        "import { User } from './user.js';",
        "export const Session = sequelize.define('TbSessions', {",
        "  userId: { type: DataTypes.INTEGER, references: { model: User, key: 'id' } },",
        '}, { freezeTableName: true, timestamps: false });',
      ]);
      // A NestJS one: SequelizeModule.forRoot makes its instance, on Sequelize's defaults.
      write(root, 'labels/package.json', ['{ "name": "labels", "dependencies": { "@nestjs/sequelize": "^10.0.0", "sequelize": "^6.37.0", "sequelize-typescript": "^2.1.6" } }']);
      write(root, 'labels/src/app.module.ts', [
        "import { Module } from '@nestjs/common';",
        "import { SequelizeModule } from '@nestjs/sequelize';",
        "import { Label } from './label.model';",
        '',
        "@Module({ imports: [SequelizeModule.forRoot({ dialect: 'postgres', models: [Label] })] })",
        'export class AppModule {}',
      ]);
      write(root, 'labels/src/label.model.ts', [
        "import { Column, DataType, Model, Table } from 'sequelize-typescript';",
        '',
        '@Table',
        'export class Label extends Model {',
        '  @Column(DataType.STRING)',
        '  colourCode: string;',
        '}',
      ]);
      const analysis = await analyseDirectory(root);
      const tables = new Map(analysis.models.tables.map((t) => [t.name, t]));
      assert.deepStrictEqual([...tables.keys()].sort(), ['Comments', 'Labels', 'Post', 'TbSessions', 'TbUsers', 'User', 'Users']);
      assert.ok(tables.get('Labels')!.columns.some((c) => c.name === 'colourCode'), 'labels: its own defaults');
      for (const t of tables.values()) assert.deepStrictEqual(t.incomplete ?? [], [], `${t.name}: every part read`);
      assert.ok(tables.get('User')!.columns.some((c) => c.name === 'display_name'), 'accounts: underscored');
      assert.ok(tables.get('Users')!.columns.some((c) => c.name === 'displayName'), 'comments: its own defaults');
      const fks = foreignKeys(analysis);
      assert.deepStrictEqual(fks.Post, ['user_id -> User']);
      assert.deepStrictEqual(fks.Comments, ['UserId -> Users']);
      assert.deepStrictEqual(fks.TbSessions, ['userId -> TbUsers']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('an edit that gives an application an instance of its own scopes the define to it, as a fresh start does', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-services-edit-'));
    try {
      write(root, 'billing/package.json', ['{ "name": "billing", "dependencies": { "sequelize": "^6.37.0" } }']);
      write(root, 'billing/db.js', [
        "const { Sequelize, DataTypes } = require('sequelize');",
        "const sequelize = new Sequelize(process.env.DATABASE_URL, { define: { underscored: true } });",
        "const Invoice = sequelize.define('Invoice', { dueOn: DataTypes.DATEONLY });",
        'module.exports = { sequelize, Invoice };',
      ]);
      write(root, 'mailer/package.json', ['{ "name": "mailer", "dependencies": { "sequelize": "^6.37.0" } }']);
      const mailer = path.join(root, 'mailer', 'db.js');
      // First a package of models on an instance it is handed; then one that makes its own.
      const handed = [
        "const { DataTypes } = require('sequelize');",
        'module.exports = (sequelize) => {',
        "  const Outbox = sequelize.define('Outbox', { sentAt: DataTypes.DATE });",
        '  return { Outbox };',
        '};',
      ];
      const own = [
        "const { Sequelize, DataTypes } = require('sequelize');",
        'const sequelize = new Sequelize(process.env.DATABASE_URL);',
        "const Outbox = sequelize.define('Outbox', { sentAt: DataTypes.DATE });",
        'module.exports = { sequelize, Outbox };',
      ];
      write(root, 'mailer/db.js', handed);
      const project = new Project(root);
      await project.scan();
      const columns = (p: Project) => p.analyse().models.tables.map((t) => `${t.name}: ${t.columns.map((c) => c.name).join(' ')}`).sort();
      const fresh = async () => {
        const p = new Project(root);
        await p.scan();
        return columns(p);
      };
      assert.ok(columns(project).includes('outboxes: id sent_at created_at updated_at'), columns(project).join('; '));
      for (const [text, expected] of [[own, 'Outboxes: id sentAt createdAt updatedAt'], [handed, 'outboxes: id sent_at created_at updated_at']] as const) {
        fs.writeFileSync(mailer, `${text.join('\n')}\n`);
        await project.update(mailer, `${text.join('\n')}\n`);
        assert.ok(columns(project).includes(expected), columns(project).join('; '));
        assert.deepStrictEqual(columns(project), await fresh());
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('Models and migrations of several applications in one workspace', () => {
  /** A sequelize-cli migration creating `table` with an integer key, `columns` (strings) and the timestamps. */
  function createTable(table: string, columns: string[]): string[] {
    return [
      "'use strict';",
      'module.exports = {',
      '  async up(queryInterface, Sequelize) {',
      `    await queryInterface.createTable('${table}', {`,
      '      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },',
      ...columns.map((c) => `      ${c}: { type: Sequelize.STRING },`),
      '      createdAt: { allowNull: false, type: Sequelize.DATE },',
      '      updatedAt: { allowNull: false, type: Sequelize.DATE },',
      '    });',
      '  },',
      '  async down(queryInterface) {',
      `    await queryInterface.dropTable('${table}');`,
      '  },',
      '};',
    ];
  }

  /** A sequelize-cli model `name` with string attributes. */
  function model(name: string, attributes: string[]): string[] {
    return [
      "'use strict';",
      'module.exports = (sequelize, DataTypes) => {',
      `  const ${name} = sequelize.define('${name}', {`,
      ...attributes.map((a) => `    ${a}: DataTypes.STRING,`),
      '  });',
      `  return ${name};`,
      '};',
    ];
  }

  /** Three services side by side, each its own package, models and sequelize-cli migrations, two with a table "Users". */
  function services(root: string): void {
    for (const name of ['venues', 'tickets', 'badges']) write(root, `${name}/package.json`, [`{ "name": "${name}", "dependencies": { "sequelize": "^6.37.0", "pg": "^8.13.0" } }`]);
    // venues: its User model has a column its migration never adds.
    write(root, 'venues/models/user.js', model('User', ['email', 'nickname']));
    write(root, 'venues/migrations/20240101000000-create-user.js', createTable('Users', ['email']));
    // tickets: its migration adds a column its User model does not declare.
    write(root, 'tickets/models/user.js', model('User', ['email']));
    write(root, 'tickets/migrations/20240102000000-create-user.js', createTable('Users', ['email', 'legacyCode']));
    // badges: a User model whose table no migration of its own creates (the others' "Users" are other databases').
    write(root, 'badges/models/badge.js', model('Badge', ['label']));
    write(root, 'badges/models/user.js', model('User', ['handle']));
    write(root, 'badges/migrations/20240103000000-create-badge.js', createTable('Badges', ['label']));
    // reports: a model whose table's name code computes — Unknown there, and only there.
    write(root, 'reports/package.json', ['{ "name": "reports", "dependencies": { "sequelize": "^6.37.0", "pg": "^8.13.0" } }']);
    write(root, 'reports/models/snapshot.js', [
      "'use strict';",
      'module.exports = (sequelize, DataTypes) => sequelize.define(`Snapshot${process.env.REPORT_SUFFIX}`, { total: DataTypes.STRING });',
    ]);
    write(root, 'reports/migrations/20240104000000-create-export.js', createTable('Exports', ['path']));
    // newsletter: no migrations, an instance of its own (it syncs its database): another project, whose
    // User model — with the column tickets' migration adds — says nothing of tickets' "Users".
    // (The class imported under a name of the file's choosing: `new sequelize(…)`.)
    write(root, 'newsletter/package.json', ['{ "name": "newsletter", "type": "module", "dependencies": { "sequelize": "^6.37.0", "pg": "^8.13.0" } }']);
    write(root, 'newsletter/db.js', [
      "import sequelize, { DataTypes } from 'sequelize';",
      'export const orm = new sequelize(process.env.DATABASE_URL);',
      "export const User = orm.define('User', { email: DataTypes.STRING, legacyCode: DataTypes.STRING });",
    ]);
    // digest: the same, its instance made in a module of its own that declares no model (required under a name of its choosing).
    write(root, 'digest/package.json', ['{ "name": "digest", "dependencies": { "sequelize": "^6.37.0", "pg": "^8.13.0" } }']);
    write(root, 'digest/models/index.js', [
      "const db = require('sequelize');",
      'module.exports = new db(process.env.DATABASE_URL, { logging: false });',
    ]);
    write(root, 'digest/models/user.js', [
      "const { DataTypes } = require('sequelize');",
      "const orm = require('./index');",
      "module.exports = orm.define('User', { email: DataTypes.STRING, legacyCode: DataTypes.STRING });",
    ]);
  }

  const findings = (analysis: Awaited<ReturnType<typeof analyseDirectory>>, root: string, under = '') =>
    analysis.findings.map((f) => `${f.ruleId} ${path.join(under, path.relative(root, f.location.file))}:${f.location.range.start.line + 1}`).sort();

  it('each application is judged against its own chains: the folder says what each service alone says', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-service-chains-'));
    try {
      services(root);
      const alone: string[] = [];
      for (const name of ['venues', 'tickets', 'badges', 'reports', 'newsletter', 'digest']) alone.push(...findings(await analyseDirectory(path.join(root, name)), path.join(root, name), name));
      assert.deepStrictEqual(alone.sort(), [
        'migration-not-modeled tickets/migrations/20240102000000-create-user.js:7',
        'model-not-migrated badges/models/user.js:3',
        'model-not-migrated venues/models/user.js:5',
      ]);
      assert.deepStrictEqual(findings(await analyseDirectory(root), root), alone);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("a plugin whose chain builds on another application's tables shares that application's database: the two are judged as one", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-service-plugin-'));
    try {
      services(root);
      // A plugin package of the venues application: its chain makes its own table, keyed to venues' "Users".
      write(root, 'venues-waitlist/package.json', ['{ "name": "venues-waitlist", "peerDependencies": { "sequelize": "^6.37.0", "venues": "*" } }']);
      write(root, 'venues-waitlist/models/waitlist-entry.js', [
        "'use strict';",
        'module.exports = (sequelize, DataTypes) => {',
        "  const WaitlistEntry = sequelize.define('WaitlistEntry', {",
        "    userId: { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' } },",
        '  }, { indexes: [{ fields: [\'userId\'] }] });',
        '  return WaitlistEntry;',
        '};',
      ]);
      write(root, 'venues-waitlist/migrations/20240201000000-create-waitlist-entry.js', [
        "'use strict';",
        'module.exports = {',
        '  async up(queryInterface, Sequelize) {',
        "    await queryInterface.createTable('WaitlistEntries', {",
        '      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },',
        "      userId: { type: Sequelize.INTEGER, references: { model: 'Users', key: 'id' } },",
        '      createdAt: { allowNull: false, type: Sequelize.DATE },',
        '      updatedAt: { allowNull: false, type: Sequelize.DATE },',
        '    });',
        "    await queryInterface.addIndex('WaitlistEntries', ['userId']);",
        '  },',
        '  async down(queryInterface) {',
        "    await queryInterface.dropTable('WaitlistEntries');",
        '  },',
        '};',
      ]);
      const all = findings(await analyseDirectory(root), root);
      assert.deepStrictEqual(all.filter((f) => f.includes('waitlist')), [], 'its tables and keys are the database it shares');
      assert.deepStrictEqual(all.filter((f) => !f.includes('waitlist')), [
        'migration-not-modeled tickets/migrations/20240102000000-create-user.js:7',
        'model-not-migrated badges/models/user.js:3',
        'model-not-migrated venues/models/user.js:5',
      ]);
      // Without the dependency, which of the two "Users" it builds on is Unknown: it is judged with both
      // applications, which then say less of each other (two chains make "Users"), never more.
      write(root, 'venues-waitlist/package.json', ['{ "name": "venues-waitlist", "peerDependencies": { "sequelize": "^6.37.0" } }']);
      assert.deepStrictEqual(findings(await analyseDirectory(root), root), [
        'model-not-migrated badges/models/user.js:3',
        'model-not-migrated venues/models/user.js:5',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('an edit of one service\'s migration is judged against that service alone, as a fresh start judges it', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-service-chains-edit-'));
    try {
      services(root);
      const project = new Project(root);
      await project.scan();
      const fresh = async () => findings(await analyseDirectory(root), root);
      const migration = path.join(root, 'venues', 'migrations', '20240101000000-create-user.js');
      // venues' migration adds the nickname (and a column of its own): its finding moves, the others' stay.
      const text = `${createTable('Users', ['email', 'nickname', 'avatar']).join('\n')}\n`;
      fs.writeFileSync(migration, text);
      await project.update(migration, text);
      const now = findings(project.analyse(), root);
      assert.deepStrictEqual(now, [
        'migration-not-modeled tickets/migrations/20240102000000-create-user.js:7',
        'migration-not-modeled venues/migrations/20240101000000-create-user.js:8',
        'model-not-migrated badges/models/user.js:3',
      ]);
      assert.deepStrictEqual(now, await fresh());
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('TypeORM data sources of several applications in one workspace', () => {
  /** A service: its package, a data source (with `strategy` given, if any) and one entity `cls` with a key and `property`. */
  function service(root: string, name: string, cls: string, property: string, strategy?: { import: string; make: string }): void {
    write(root, `${name}/package.json`, [`{ "name": "${name}", "dependencies": { "typeorm": "^0.3.20", "pg": "^8.13.0"${strategy?.import.includes('typeorm-naming-strategies') ? ', "typeorm-naming-strategies": "^4.1.0"' : ''} } }`]);
    write(root, `${name}/src/entities/${cls}.ts`, [
      "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
      '',
      '@Entity()',
      `export class ${cls} {`,
      '  @PrimaryGeneratedColumn()',
      '  id: number;',
      '',
      '  @Column()',
      `  ${property}: string;`,
      '}',
    ]);
    write(root, `${name}/src/data-source.ts`, [
      "import { DataSource } from 'typeorm';",
      ...(strategy ? [strategy.import] : []),
      `import { ${cls} } from './entities/${cls}';`,
      '',
      'export const AppDataSource = new DataSource({',
      "  type: 'postgres',",
      '  url: process.env.DATABASE_URL,',
      ...(strategy ? [`  namingStrategy: ${strategy.make},`] : []),
      `  entities: [${cls}],`,
      '});',
    ]);
  }

  const tables = (analysis: Awaited<ReturnType<typeof analyseDirectory>>) =>
    analysis.models.tables.map((t) => `${t.name}: ${t.columns.map((c) => c.name).join(' ')}${t.incomplete?.length ? ' (incomplete)' : ''}`).sort();

  it("each application's entities are named by its own data source's strategy, as each alone", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-typeorm-services-'));
    try {
      service(root, 'orders', 'OrderLine', 'unitPrice', { import: "import { SnakeNamingStrategy } from 'typeorm-naming-strategies';", make: 'new SnakeNamingStrategy()' });
      service(root, 'shipping', 'ParcelLabel', 'trackingCode');
      service(root, 'returns', 'ReturnSlip', 'reasonCode', { import: "import { DefaultNamingStrategy } from 'typeorm';", make: 'new DefaultNamingStrategy()' });
      const alone: string[] = [];
      for (const name of ['orders', 'shipping', 'returns']) alone.push(...tables(await analyseDirectory(path.join(root, name))));
      assert.deepStrictEqual(alone.sort(), ['order_line: id unit_price', 'parcel_label: id trackingCode', 'return_slip: id reasonCode']);
      assert.deepStrictEqual(tables(await analyseDirectory(root)), alone);
      // One service with a strategy beside one with none: the strategy names its own service's tables only.
      fs.rmSync(path.join(root, 'returns'), { recursive: true });
      assert.deepStrictEqual(tables(await analyseDirectory(root)), ['order_line: id unit_price', 'parcel_label: id trackingCode']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("a join column declared beside its relation takes the type of its own application's referenced key, not another's table of that name", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-typeorm-services-keys-'));
    try {
      // Two services, each with a table "posts": one keyed by uuid, one by integer.
      service(root, 'blog', 'Posts', 'title');
      fs.writeFileSync(path.join(root, 'blog', 'src', 'entities', 'Posts.ts'), [
        "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';",
        '',
        '@Entity()',
        'export class Posts {',
        "  @PrimaryGeneratedColumn('uuid')",
        '  id: string;',
        '',
        '  @Column()',
        '  title: string;',
        '}',
        '',
      ].join('\n'));
      write(root, 'blog/src/entities/Reaction.ts', [
        "import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';",
        "import { Posts } from './Posts';",
        '',
        '@Entity()',
        'export class Reaction {',
        "  @PrimaryGeneratedColumn('uuid')",
        '  id: string;',
        '',
        '  @ManyToOne(() => Posts)',
        '  post: Posts;',
        '',
        '  @Column({ nullable: true })',
        '  postId: string;',
        '}',
      ]);
      service(root, 'forum', 'Posts', 'body');
      const typeOf = (analysis: Awaited<ReturnType<typeof analyseDirectory>>) => {
        const reaction = analysis.models.tables.find((t) => t.name === 'reaction')!;
        return reaction.columns.find((c) => c.name === 'postId')?.type;
      };
      const alone = await analyseDirectory(path.join(root, 'blog'));
      assert.strictEqual((typeOf(alone) as { name?: string } | undefined)?.name, 'uuid');
      const together = await analyseDirectory(root);
      assert.strictEqual((typeOf(together) as { name?: string } | undefined)?.name, 'uuid', 'the blog\'s own posts.id');
      assert.deepStrictEqual(together.findings.map((f) => f.ruleId).filter((r) => r === 'fk-type-mismatch'), []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
