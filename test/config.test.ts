/** Include/exclude globs and per-rule settings, as a user writes them in schemasense.json. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseDirectory } from '../server/src/analysis/project';
import { matchesGlob } from '../server/src/workspace/glob';
import { validateConfig } from '../server/src/workspace/config';
import { DIALECTS, detectDialect, detectDriverDialect, dialectChoiceNote, dialectOfFolderName } from '../server/src/workspace/dialect';
import { allRules } from '../server/src/rules/registry';
import { majorOfSpec, pydanticMajor } from '../server/src/workspace/pythonDependencies';
import { REPO_ROOT } from './helpers/paths';

/** Writes `text` to `file` under `root`, making its folders. */
function writeUnder(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** Runs `test` in a new folder, removed after it, with `write(file, text)` making files under it. */
async function inProject(prefix: string, test: (root: string, write: (file: string, text: string) => void) => void | Promise<void>): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    await test(root, (file, text) => writeUnder(root, file, text));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('configuration', () => {
  it('matches globs the way include/exclude settings are written', () => {
    const cases: [string, string, boolean][] = [
      ['app/models/lead.py', 'app/models/lead.py', true],
      ['app/models/lead.py', 'app/**', true],
      ['app/models/lead.py', '**/legacy/**', false],
      ['app/legacy/old.py', '**/legacy/**', true],
      ['app/legacy/old.py', 'legacy', true], // no slash: a name at any depth
      ['app/models/lead.py', '*.py', true],
      ['app/models/lead.py', 'app/*.py', false],
      ['app/models/lead.py', 'app/models/{lead,jobs}.py', true],
      ['app/models/payments.py', 'app/models/{lead,jobs}.py', false],
      ['app/models/l3.py', 'app/models/l?.py', true],
      ['app/models', 'app/models', true],
    ];
    for (const [file, glob, expected] of cases) assert.strictEqual(matchesGlob(file, glob), expected, `${glob} ~ ${file}`);
  });

  it('exclude and include in schemasense.json decide which files are read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-globs-'));
    try {
      fs.cpSync(path.join(REPO_ROOT, 'examples', 'sqlalchemy-app'), dir, { recursive: true });
      const write = (config: object) => fs.writeFileSync(path.join(dir, 'schemasense.json'), JSON.stringify({ schemas: ['identity', 'bookings'], ...config }));
      write({ exclude: ['app/models/lead.py', '**/jobs.py'] });
      let files = new Set((await analyseDirectory(dir)).findings.map((f) => path.basename(f.location.file)));
      assert.ok(!files.has('lead.py') && !files.has('jobs.py'), 'excluded files are not read');
      assert.ok(files.has('identity.py'));
      write({ include: ['app/models/{jobs,base}.py'] });
      const analysis = await analyseDirectory(dir);
      files = new Set(analysis.findings.map((f) => path.basename(f.location.file)));
      assert.deepStrictEqual([...files], ['jobs.py']);
      assert.deepStrictEqual(analysis.models.tables.map((t) => t.name), ['jobs']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the dialect from the environment a Docker Compose file gives the application, in either spelling', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-'));
    try {
      const compose = (text: string, at = root) => fs.writeFileSync(path.join(at, 'docker-compose.yml'), text);
      compose('services:\n  web:\n    environment:\n      SQLALCHEMY_DATABASE_URI: "mysql://app@db/app"\n');
      assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'mysql', source: 'SQLALCHEMY_DATABASE_URI in docker-compose.yml' });
      compose('services:\n  web:\n    environment:\n      - DATABASE_URL=${DATABASE_URL:-sqlite:////data/app.db}\n');
      // A value left to the shell names no dialect: the default.
      assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'postgresql' });
      // A monorepo's backend folder, and PostgreSQL when any file names it.
      fs.mkdirSync(path.join(root, 'backend'));
      compose('services:\n  api:\n    environment:\n      - "DATABASE_URL=postgresql+asyncpg://api@pg/api"\n', path.join(root, 'backend'));
      compose('services:\n  jobs:\n    environment:\n      DATABASE_URL: mysql2://jobs@db/jobs\n');
      assert.strictEqual(detectDialect(root, undefined, {}).dialect, 'postgresql');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads the dialect from the database URL of a Python configuration module, a server\'s only and not in a comment', () => inProject('pyconfig-', async (root, write) => {
    write('app/config.py', 'SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or "sqlite:///" + os.path.join(basedir, "app.db")\n');
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'postgresql' });
    write('app/database.py', '# engine = create_engine("postgresql://app@db/app")\nengine = create_engine(\n    "mysql+pymysql://app@db/app", pool_pre_ping=True)\n');
    // The URL on the line after the call is not read (one line, as it is written nearly always).
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'postgresql' });
    write('app/database.py', 'engine = create_engine("mysql+pymysql://app@db/app", pool_pre_ping=True)\n');
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'mysql', source: `the database URL in ${path.join('app', 'database.py')}` });
    // A test's database is not the project's.
    write('tests/config.py', 'SQLALCHEMY_DATABASE_URI = "postgresql://test@localhost/test"\n');
    assert.strictEqual(detectDialect(root, undefined, {}).dialect, 'mysql');
  }));

  it('reads the dialect from the JDBC URL of a JVM service (Spring Boot\'s application.yml and its profiles, Flyway\'s configuration), test resources left out', () => inProject('jdbcconfig-', async (root, write) => {
    // Testcontainers' URL in the tests is not the service's database.
    write('orders/src/test/resources/application.yml', 'spring:\n  datasource:\n    url: jdbc:tc:postgresql:16:///orders\n');
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'postgresql' });
    write('orders/src/main/resources/application-prod.yml', 'spring:\n  datasource:\n    url: jdbc:mysql://db:3306/orders?useSSL=false\n');
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'mysql', source: `the JDBC URL in ${path.join('orders', 'src', 'main', 'resources', 'application-prod.yml')}` });
    write('conf/flyway.conf', 'flyway.url=jdbc:postgresql://localhost:5432/orders\n');
    assert.strictEqual(detectDialect(root, undefined, {}).dialect, 'postgresql');
  }));

  it("a Prisma schema's datasource names the database, weighed with the ORM settings in code (PostgreSQL's when they differ)", () => inProject('prismadialect-', async (root, write) => {
    write('package.json', '{ "dependencies": { "mysql2": "^3.9.7", "pg": "^8.7.1", "typeorm": "^0.3.20" } }\n');
    write('src/entity/Shelf.ts', `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Store } from './Store';

@Entity('shelves')
export class Shelf {
@PrimaryGeneratedColumn()
id: number;

@ManyToOne(() => Store, { nullable: false })
store: Store;
}
`);
    write('src/entity/Store.ts', `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('stores')
export class Store {
@PrimaryGeneratedColumn()
id: number;

@Column({ length: 80 })
city: string;
}
`);
    const rules = async () => (await analyseDirectory(root)).findings.map((f) => f.ruleId);
    assert.deepStrictEqual(await rules(), ['fk-missing-index'], 'both drivers, no setting: PostgreSQL');
    write('prisma/schema.prisma', 'datasource db {\n  provider = "mysql"\n  url      = env("DATABASE_URL")\n}\n');
    assert.deepStrictEqual(await rules(), [], "the Prisma datasource's MySQL: InnoDB indexes the key itself");
    write('src/database/connection.ts', "import { DataSource } from 'typeorm';\n\nexport const AppDataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: ['src/entity/*.ts'] });\n");
    assert.deepStrictEqual(await rules(), ['fk-missing-index'], 'a TypeORM data source on PostgreSQL beside it: PostgreSQL');
  }));

  it("sequelize-cli's configuration names the dialect where its .sequelizerc points, below the root too; a computed one says nothing", () => inProject('sequelizerc-', async (root, write) => {
    write('app/db/models/shelf.js', `module.exports = (sequelize, DataTypes) => {
  const Shelf = sequelize.define('Shelf', {
    storeId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'Stores', key: 'id' } },
  });
  return Shelf;
};
`);
    write('app/db/models/store.js', `module.exports = (sequelize, DataTypes) => {
  return sequelize.define('Store', { city: DataTypes.STRING });
};
`);
    // The models' instance takes its dialect from the configuration it loads: computed, read nowhere here.
    write('app/db/models/index.js', `const { Sequelize } = require('sequelize');
const config = require(process.env.DB_CONFIG)[process.env.NODE_ENV];
module.exports = new Sequelize(config.database, config.username, config.password, { dialect: config.dialect, logging: false });
`);
    const rules = async () => (await analyseDirectory(root)).findings.map((f) => f.ruleId);
    assert.deepStrictEqual(await rules(), ['fk-missing-index'], 'nothing names a dialect: PostgreSQL');
    write('app/db/.sequelizerc', `const path = require('path');

module.exports = {
  config: path.resolve('settings', 'database.cjs'),
  'migrations-path': path.resolve('./', 'migrations'),
};
`);
    write('app/db/settings/database.cjs', `const common = {
  dialect: 'mysql',
  migrationStorageTableName: 'sequelize_migrations',
};

module.exports = { development: { ...common, database: 'shelves_dev' }, production: { ...common, database: 'shelves' } };
`);
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'mysql', source: `Sequelize ${path.join('app', 'db', 'settings', 'database.cjs')}` });
    assert.deepStrictEqual(await rules(), [], "the configuration sequelize-cli runs with names MySQL: InnoDB indexes the key itself");
    // The configuration named by a path code computes: not read.
    write('app/db/.sequelizerc', "module.exports = { config: process.env.SEQUELIZE_CONFIG };\n");
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'postgresql' });
    // Written on one line, `__dirname` first.
    write('app/db/.sequelizerc', "const path = require('path');\nmodule.exports = { config: path.join(__dirname, 'settings', 'database.cjs'), 'migrations-path': path.join(__dirname, 'migrations') };\n");
    assert.strictEqual(detectDialect(root, undefined, {}).dialect, 'mysql');
    // With no `config` in it, sequelize-cli's default beside it.
    write('app/db/.sequelizerc', "module.exports = { 'models-path': 'models' };\n");
    write('app/db/config/config.json', JSON.stringify({ development: { dialect: 'mariadb' } }));
    assert.strictEqual(detectDialect(root, undefined, {}).dialect, 'mysql');
    // Drivers in a monorepo's package two levels down say as much when no configuration does.
    fs.rmSync(path.join(root, 'app', 'db', '.sequelizerc'));
    fs.rmSync(path.join(root, 'app', 'db', 'config'), { recursive: true });
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'postgresql' });
    write('app/db/package.json', JSON.stringify({ dependencies: { sequelize: '^6', mysql2: '^3' } }));
    assert.deepStrictEqual(detectDriverDialect(root), { dialect: 'mysql', source: `the mysql2 driver in ${path.join('app', 'db', 'package.json')}` });
    assert.deepStrictEqual(await rules(), []);
  }));

  it("a sequelize-cli configuration naming a database whose driver no manifest installs is a leftover: the dialect in code and the installed driver decide", () => inProject('stalecliconfig-', async (root, write) => {
    write('package.json', JSON.stringify({ type: 'module', dependencies: { sequelize: '^6.37.0', pg: '^8.13.0', 'pg-hstore': '^2.3.4' } }));
    // \`sequelize init\`'s configuration, edited but never loaded: the instance below names its dialect itself.
    write('src/config/config.json', JSON.stringify({ development: { username: 'root', database: 'stock', host: 'localhost', dialect: 'mysql' } }, null, 2));
    write('src/db/database.js', `import Sequelize from 'sequelize';

export const sequelize = new Sequelize('stock', 'stock', 'secret', { host: 'localhost', dialect: 'postgres' });
`);
    write('src/models/bin.js', `import { DataTypes } from 'sequelize';
import { sequelize } from '../db/database.js';
import { Depot } from './depot.js';

export const Bin = sequelize.define('bins', {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
  label: { type: DataTypes.STRING(40) },
}, { timestamps: false });

Depot.hasMany(Bin, { foreignKey: 'depotId' });
Bin.belongsTo(Depot, { foreignKey: 'depotId' });
`);
    write('src/models/depot.js', `import { DataTypes } from 'sequelize';
import { sequelize } from '../db/database.js';

export const Depot = sequelize.define('depots', {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
  city: { type: DataTypes.STRING(80) },
}, { timestamps: false });
`);
    const analysed = async () => {
      const a = await analyseDirectory(root);
      return { dialect: a.dialect, rules: a.findings.map((f) => f.ruleId) };
    };
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'postgresql' }, 'MySQL is named by a configuration whose driver is not installed');
    assert.deepStrictEqual(await analysed(), { dialect: { dialect: 'postgresql', source: `Sequelize's dialect in ${path.join('src', 'db', 'database.js')}` }, rules: ['fk-missing-index'] });
    // With MySQL's driver installed too, the configuration is evidence again.
    write('package.json', JSON.stringify({ type: 'module', dependencies: { sequelize: '^6.37.0', pg: '^8.13.0', mysql2: '^3.9.0' } }));
    assert.deepStrictEqual(detectDialect(root, undefined, {}), { dialect: 'mysql', source: `Sequelize ${path.join('src', 'config', 'config.json')}` });
    // With no manifest naming a driver, nothing says the configuration is stale.
    write('package.json', JSON.stringify({ type: 'module', dependencies: { sequelize: '^6.37.0' } }));
    assert.strictEqual(detectDialect(root, undefined, {}).dialect, 'mysql');
  }));

  it("an application whose code names no dialect is judged on the database its own manifest's drivers connect to, where they are of one other database than the workspace's", () => inProject('appdrivers-', async (root, write) => {
    // A TypeORM service on PostgreSQL, and a legacy Sequelize service whose dialect comes from its
    // environment, on MySQL: its package.json installs mysql2 alone.
    write('package.json', JSON.stringify({ private: true, workspaces: ['services/*'] }));
    write('services/billing/package.json', JSON.stringify({ name: 'billing', dependencies: { typeorm: '^0.3.20', pg: '^8.13.0' } }));
    write('services/billing/src/data-source.ts', `import { DataSource } from 'typeorm';
import { Invoice } from './invoice.entity';
import { Payer } from './payer.entity';

export default new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [Invoice, Payer] });
`);
    write('services/billing/src/payer.entity.ts', `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class Payer {
  @PrimaryGeneratedColumn() id: number;
  @Column() name: string;
}
`);
    write('services/billing/src/invoice.entity.ts', `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Payer } from './payer.entity';

@Entity()
export class Invoice {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => Payer) payer: Payer;
  @Column({ type: 'json', nullable: true }) lines: object;
}
`);
    write('services/legacy/package.json', JSON.stringify({ name: 'legacy', dependencies: { sequelize: '^6.37.0', mysql2: '^3.9.0' } }));
    write('services/legacy/models/index.js', `const { Sequelize, DataTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DB_NAME, process.env.DB_USER, process.env.DB_PASS, { dialect: process.env.DB_DIALECT });
const Shelf = sequelize.define('Shelf', { label: DataTypes.STRING });
const Box = sequelize.define('Box', { contents: { type: DataTypes.JSON } });
Shelf.hasMany(Box, { foreignKey: 'shelfId' });
Box.belongsTo(Shelf, { foreignKey: 'shelfId' });
module.exports = { sequelize, Shelf, Box };
`);
    const found = async () => (await analyseDirectory(root)).findings.map((f) => `${f.ruleId} ${path.relative(root, f.location.file).split(path.sep).join('/')}`).sort();
    // MySQL indexes a foreign key's columns itself, and has no JSONB: the legacy service has nothing to fix.
    assert.deepStrictEqual(await found(), [
      'fk-missing-index services/billing/src/invoice.entity.ts',
      'json-not-jsonb services/billing/src/invoice.entity.ts',
    ]);
    // Its code naming PostgreSQL wins over its manifest.
    write('services/legacy/models/index.js', fs.readFileSync(path.join(root, 'services/legacy/models/index.js'), 'utf8').replace('process.env.DB_DIALECT', "'postgres'"));
    assert.deepStrictEqual((await found()).filter((f) => f.includes('legacy')), [
      'fk-missing-index services/legacy/models/index.js',
      'json-not-jsonb services/legacy/models/index.js',
    ]);
  }));

  it('with no configuration, the database drivers a Python project installs say its dialect (PostgreSQL first, names matched whole)', () => inProject('pydrivers-', async (root, write) => {
    write('app/models.py', `from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Account(Base):
  __tablename__ = "accounts"
  id = Column(Integer, primary_key=True)


class Message(Base):
  __tablename__ = "messages"
  id = Column(Integer, primary_key=True)
  account_id = Column(Integer, ForeignKey("accounts.id"), nullable=False)
`);
    // The engine's URL is built at run time from a template no configuration file holds.
    write('app/ignition.py', `URI_TEMPLATE = "mysql+mysqldb://{user}:{password}@{host}/{name}"\n`);
    const rules = async () => (await analyseDirectory(root)).findings.map((f) => f.ruleId);
    assert.deepStrictEqual(await rules(), ['fk-missing-index'], 'with no evidence, PostgreSQL');
    write('requirements.txt', 'Flask==2.3.2\nmysqlclient==2.2.0\nPyMySQL==1.1.0\n');
    assert.deepStrictEqual(detectDriverDialect(root), { dialect: 'mysql', source: 'the mysqlclient driver in requirements.txt' });
    // InnoDB indexes every foreign key itself: no missing index on MySQL.
    assert.deepStrictEqual(await rules(), []);
    // A name that only contains a driver's is not that driver.
    write('requirements.txt', 'Flask==2.3.2\npymysql-pool==0.4\n');
    assert.strictEqual(detectDriverDialect(root), undefined);
    write('backend/pyproject.toml', '[project]\ndependencies = [\n  "asyncpg>=0.29",\n  "aiomysql>=0.2",\n]\n');
    assert.deepStrictEqual(detectDriverDialect(root), { dialect: 'postgresql', source: `the asyncpg driver in ${path.join('backend', 'pyproject.toml')}` });
    // Tests' requirements are not the application's.
    fs.rmSync(path.join(root, 'backend'), { recursive: true });
    write('tests/requirements.txt', 'psycopg2-binary\n');
    assert.strictEqual(detectDriverDialect(root), undefined);
    // An extra that installs a driver (OpenStack's `oslo.db[mysql]`, SQLAlchemy's `[postgresql_asyncpg]`); other extras say nothing.
    write('requirements.txt', 'pbr>=3.1.1 # Apache-2.0\noslo.db[mysql]>=8.4.0 # Apache-2.0\n');
    assert.deepStrictEqual(detectDriverDialect(root), { dialect: 'mysql', source: 'oslo.db[mysql] in requirements.txt' });
    write('requirements.txt', 'uvicorn[standard]==0.30\n"SQLAlchemy[postgresql_asyncpg]>=2.0"\n');
    assert.deepStrictEqual(detectDriverDialect(root), { dialect: 'postgresql', source: 'SQLAlchemy[postgresql_asyncpg] in requirements.txt' });
    write('requirements.txt', 'uvicorn[standard]==0.30\ncelery[redis]>=5\n');
    assert.strictEqual(detectDriverDialect(root), undefined);
    // The drivers of several databases, none PostgreSQL, and nothing that says which runs: the first,
    // the others said, so that a run can tell the user which it assumed.
    write('package.json', JSON.stringify({ dependencies: { typeorm: '^0.3', mysql2: '^3', sqlite3: '^5' } }));
    assert.deepStrictEqual(detectDriverDialect(root), { dialect: 'mysql', source: 'the mysql2 driver in package.json', others: ['sqlite'] });
    assert.strictEqual(dialectChoiceNote(detectDriverDialect(root)!), 'Checked as a MySQL project (the mysql2 driver in package.json); it is set up for SQLite too: "dialect" in schemasense.json says which database to check it as.');
    write('package.json', JSON.stringify({ dependencies: { typeorm: '^0.3', pg: '^8', sqlite3: '^5' } }));
    assert.deepStrictEqual(detectDriverDialect(root), { dialect: 'postgresql', source: 'the pg driver in package.json' }, 'PostgreSQL among them: PostgreSQL, no choice to say');
  }));

  it("a migration folder named after another dialect is that dialect's chain; the unnamed one beside it stays the project's", async () => {
    assert.strictEqual(dialectOfFolderName('migrations-v2-mariadb'), 'mysql');
    assert.strictEqual(dialectOfFolderName('sqlite'), 'sqlite');
    assert.strictEqual(dialectOfFolderName('migrations'), undefined);
    assert.strictEqual(dialectOfFolderName('pg-to-mysql'), undefined, 'two dialects named: none');
    // A service named for the dialect it speaks; CockroachDB's SQL is its own, not PostgreSQL's.
    assert.strictEqual(dialectOfFolderName('planetscale'), 'mysql');
    assert.strictEqual(dialectOfFolderName('turso'), 'sqlite');
    assert.strictEqual(dialectOfFolderName('cockroachdb'), 'cockroachdb');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-dialect-'));
    try {
      const migration = (name: string, sql: string) => `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name} implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(\`${sql}\`);\n  }\n\n  public async down(): Promise<void> {}\n}\n`;
      fs.mkdirSync(path.join(dir, 'src', 'migrations'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'src', 'migrations-v2-mariadb'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src', 'migrations', '1700000000000-Init.ts'), migration('Init1700000000000', 'CREATE TABLE "account" ("id" SERIAL PRIMARY KEY, "ownerId" integer REFERENCES "account" ("id"))'));
      fs.writeFileSync(path.join(dir, 'src', 'migrations-v2-mariadb', '1600000000000-Init.ts'), migration('Init1600000000000', 'CREATE TABLE `account` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB'));
      const analysis = await analyseDirectory(dir);
      // The PostgreSQL chain is judged (its unindexed key), the MariaDB one is not read as PostgreSQL.
      assert.deepStrictEqual(analysis.findings.map((f) => f.ruleId), ['fk-missing-index']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the JSON schema of schemasense.json (completion and validation in the editor) has every rule and every key the reader takes', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'schemasense.schema.json'), 'utf8'));
    const ruleIds = Object.keys(schema.properties.rules.properties);
    assert.deepStrictEqual(ruleIds, allRules.map((r) => r.id).sort(), 'one entry per rule of the registry');
    for (const id of ruleIds) assert.deepStrictEqual(schema.properties.rules.properties[id].enum, ['error', 'warning', 'info', 'hint', 'off']);
    assert.strictEqual(schema.properties.rules.additionalProperties, false, 'a mistyped rule id is flagged while typing');
    assert.deepStrictEqual(schema.properties.dialect.enum, [...DIALECTS]);
    // Every key the schema offers is one the reader takes (and the reader takes no other).
    const sample: Record<string, unknown> = { $schema: './schemas/schemasense.schema.json', rules: {}, include: [], exclude: [], schemas: [], dialect: 'postgresql', indexUsageMinimumDays: 7, showUnread: true, databaseUrl: '' };
    assert.deepStrictEqual(Object.keys(schema.properties).sort(), Object.keys(sample).sort());
    const { problems } = validateConfig(sample, 'schemasense.json', new Set(allRules.map((r) => r.id)));
    assert.deepStrictEqual(problems, []);
    assert.ok(validateConfig({ ...sample, colour: 1 }, 'schemasense.json', new Set()).problems.some((p) => /unknown key "colour"/.test(p)));
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.deepStrictEqual(manifest.contributes.jsonValidation, [{ fileMatch: 'schemasense.json', url: './schemas/schemasense.schema.json' }]);
    for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties as Record<string, { scope?: string }>)) {
      assert.ok(setting.scope, `${key} has a scope (folder settings of a multi-root workspace)`);
    }
  });
});

describe('the pydantic release a project installs, by its manifests', () => {
  it('reads the one major a requirement allows, and none where it allows several', () => {
    const cases: [string, number | undefined][] = [
      ['^1.10.4', 1], ['==2.5.3', 2], ['~=2.4', 2], ['~1.10', 1], ['>=2.0', 2], ['>=2,<3', 2], ['<2', 1], ['>=1.10,<2.0', 1],
      ['<2.0', 1], ['<=1.10.13', 1], ['>=1.10,<3', undefined], ['>=1.8', undefined], ['*', undefined], ['', undefined],
    ];
    assert.deepStrictEqual(cases.map(([spec]) => [spec, majorOfSpec(spec)]), cases);
  });

  it('takes a lock file\'s version first, else what every manifest naming it agrees on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-pydantic-'));
    try {
      const write = (file: string, text: string) => writeUnder(dir, file, text);
      assert.strictEqual(pydanticMajor(dir), undefined, 'no manifest');
      write('pyproject.toml', '[project]\ndependencies = [\n  "pydantic-settings>=2",\n  "pydantic[email] (>=1.10,<2)",\n]\n');
      assert.strictEqual(pydanticMajor(dir), 1, 'PEP 621, with extras; pydantic-settings is another package');
      write('backend/requirements.txt', 'pydantic>=2.5\n');
      assert.strictEqual(pydanticMajor(dir), undefined, 'two manifests that disagree');
      write('poetry.lock', '[[package]]\nname = "pydantic"\nversion = "2.9.2"\ndescription = ""\n');
      assert.strictEqual(pydanticMajor(dir), 2, 'the lock file\'s exact version');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
