/**
 * Differential tests: the schema "after migrations" that Schema Sense reads must be the schema the
 * migration tools themselves build. Each chain under test/fixtures/replay/ is run by its own tool —
 * Alembic (Debian's python3-alembic), TypeORM's `runMigrations`, `sequelize-cli db:migrate`, `dbmate
 * up`; Flyway's files applied in Flyway's order, each in a transaction (Flyway needs a JVM) — into a
 * database of the embedded PostgreSQL the tests start; pg_catalog is read back and compared with
 * `schemasense schema --source migrations` on tables, columns, types, nullability, primary keys,
 * foreign keys and indexes (unique constraints as unique indexes). Known, explained differences are
 * listed in KNOWN, one line each. The same harness judges the model readers: each app of
 * test/fixtures/models/ is created by its ORM (SQLAlchemy's create_all(), TypeORM's synchronize,
 * Sequelize's sync()) and must equal `schemasense schema`; differences in KNOWN_MODELS.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { analyseDirectory } from '../server/src/analysis/project';
import { mergeMigrationSchemas, schemaToJson } from '../server/src/cli/schemaJson';
import { introspect } from '../server/src/live/introspect';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../server/src/live/embedded';
import { withReadOnlySession } from '../server/src/live/session';
import { FIXTURES, REPO_ROOT } from './helpers/paths';

const REPLAY = path.join(FIXTURES, 'replay');
const MODELS = path.join(FIXTURES, 'models');

/** Differences the comparison expects, each with its reason. */
const KNOWN: Record<string, string[]> = {
  'alembic-chain': [],
  'alembic-naming-convention-chain': [],
  'typeorm-chain': [],
  'typeorm-listed-chain': [],
  'typeorm-shared-folder-chain': [],
  'typeorm-nested-chain': [],
  'typeorm-schema-chain': [],
  'sequelize-chain': [],
  'sequelize-archived-chain': [],
  'dbmate-chain': [],
  'flyway-chain': [],
  'postgrator-chain': [],
};

/** Differences between the models as read and what the ORM creates from them, each with its reason. */
const KNOWN_MODELS: Record<string, string[]> = {
  'sqlalchemy-app': [],
  'flask-app': [],
  // `@Index("IDX_RECIPIENT_TOPICS", { synchronize: false })`: an index the migrations make (a GIN one),
  // which synchronize leaves alone: in the schema with its column, its kind Unknown (never judged a duplicate).
  'typeorm-app': ['invented: index public.recipients(topics)'],
  'typeorm-snake-app': [],
  'typeorm-own-naming-app': [],
  'typeorm-pluralized-app': [],
  'typeorm-prefix-app': [],
  'typeorm-schema-app': [],
  'sequelize-app': [],
  // The index the project's own @Table builds from `lookupFields` by code: Unknown (said, and
  // fk-missing-index silent on the table), not read.
  'sequelize-typescript-app': ['missed: index public.member_wallets(memberId)'],
  'sequelize7-app': [],
  'sequelize4-app': [],
  'sqlalchemy-utils-app': [],
  'sqlalchemy-types-app': [],
  // Authlib 1.0 replaced the token's Boolean `revoked` by these two: the stub describes 0.14 – 1.6,
  // so they are Unknown (said, and no rule judges them), not read.
  'authlib-app': [
    'missed: column public.oauth_tokens.access_token_revoked_at integer NOT NULL',
    'missed: column public.oauth_tokens.refresh_token_revoked_at integer NOT NULL',
  ],
};

type ModelTool = 'sqlalchemy' | 'typeorm' | 'sequelize' | 'sequelize4' | 'sequelize-typescript' | 'sequelize7';

function modelToolOf(dir: string): ModelTool {
  if (path.basename(dir).startsWith('sequelize7')) return 'sequelize7';
  if (path.basename(dir).startsWith('sequelize4')) return 'sequelize4';
  if (fs.existsSync(path.join(dir, 'app'))) return 'sqlalchemy';
  if (fs.existsSync(path.join(dir, 'src', 'entity'))) return 'typeorm';
  if (fs.existsSync(path.join(dir, 'src', 'models'))) return 'sequelize-typescript';
  return 'sequelize';
}

/**
 * A fixture's TypeScript files under `from`, compiled into `to` as `tsc` compiles a project: one
 * program, so a property's design type is what its type is across files (an imported enum of
 * numbers is Number), as in the applications the ORMs run.
 */
async function compileDecorated(from: string, to: string): Promise<void> {
  const ts = await import('typescript');
  const files = fs.readdirSync(from).filter((f) => f.endsWith('.ts')).map((f) => path.join(from, f));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, experimentalDecorators: true, emitDecoratorMetadata: true,
    esModuleInterop: true, skipLibCheck: true, outDir: to, rootDir: from, types: [],
  });
  const emitted = program.emit();
  if (emitted.emitSkipped) throw new Error(`the fixture ${from} could not be compiled`);
}

/** The naming options of a TypeORM fixture's `src/data-source.ts` (its strategy, its entityPrefix, its schema), compiled into `work`/data-source. */
async function namingOptionsOf(fixture: string, work: string): Promise<{ namingStrategy?: import('typeorm').NamingStrategyInterface; entityPrefix?: string; schema?: string }> {
  const file = path.join(fixture, 'src', 'data-source.ts');
  if (!fs.existsSync(file)) return {};
  const ts = await import('typescript');
  const out = path.join(work, 'data-source');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'data-source.js'), ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  }).outputText);
  const written = require(path.join(out, 'data-source.js')).default as import('typeorm').DataSource;
  const { namingStrategy, entityPrefix } = written.options;
  const schema = (written.options as { schema?: string }).schema;
  return { ...(namingStrategy ? { namingStrategy } : {}), ...(entityPrefix ? { entityPrefix } : {}), ...(schema ? { schema } : {}) };
}

/**
 * Libraries a model fixture imports (named in its app/models.py), each the oracle only where its
 * Debian package is installed: Flask-SQLAlchemy's metaclass (its table names, its inheritance
 * rules), oslo.db's and Authlib's mixins (the oracles of the stubs Schema Sense ships), sqlalchemy-utils' types.
 */
const PYTHON_LIBRARIES = [
  { imported: 'flask_sqlalchemy', module: 'flask_sqlalchemy', debian: 'python3-flask-sqlalchemy' },
  { imported: 'oslo_db', module: 'oslo_db.sqlalchemy.models', debian: 'python3-oslo.db' },
  { imported: 'sqlalchemy_utils', module: 'sqlalchemy_utils', debian: 'python3-sqlalchemy-utils' },
  { imported: 'authlib', module: 'authlib.integrations.sqla_oauth2', debian: 'python3-authlib' },
];

/** The libraries of PYTHON_LIBRARIES a fixture's models import that `python` cannot. */
function missingPythonLibraries(fixture: string, python: string): typeof PYTHON_LIBRARIES {
  const models = path.join(fixture, 'app', 'models.py');
  const text = fs.existsSync(models) ? fs.readFileSync(models, 'utf8') : '';
  return PYTHON_LIBRARIES.filter((l) => text.includes(l.imported) && spawnSync(python, ['-c', `import ${l.module}`]).status !== 0);
}

/** Lets the ORM create the fixture's models in the database at `url`: create_all(), synchronize, sync(). */
async function createFromModels(tool: ModelTool, fixture: string, url: string, python: string | undefined): Promise<void> {
  fs.mkdirSync(path.join(REPO_ROOT, 'out'), { recursive: true });
  const work = fs.mkdtempSync(path.join(REPO_ROOT, 'out', 'differential-models-'));
  try {
    // (The schemas its configuration says the database has: TypeORM's synchronize makes no data source's schema.)
    await createConfiguredSchemas(fixture, url);
    if (tool === 'sqlalchemy') {
      const script = path.join(work, 'create_all.py');
      fs.writeFileSync(script, CREATE_ALL);
      run(python!, [script, url], fixture, { ...process.env, PYTHONPATH: fixture, PYTHONDONTWRITEBYTECODE: '1' });
    } else if (tool === 'typeorm') {
      // The entities compiled as TypeScript compiles decorators, then TypeORM's own synchronize,
      // named by the naming options of the fixture's own data source (src/data-source.ts: its strategy, its entityPrefix, its schema) if it has one.
      await compileDecorated(path.join(fixture, 'src', 'entity'), work);
      await import('reflect-metadata');
      const { DataSource } = await import('typeorm');
      const naming = await namingOptionsOf(fixture, work);
      const source = new DataSource({ type: 'postgres', url, entities: [path.join(work, '*.js')], synchronize: true, logging: false, ...naming });
      await source.initialize();
      await source.destroy();
    } else if (tool === 'sequelize-typescript') {
      // The decorated models compiled, added to sequelize-typescript's Sequelize, then sync().
      await compileDecorated(path.join(fixture, 'src', 'models'), work);
      await import('reflect-metadata');
      const { Model, Sequelize } = await import('sequelize-typescript');
      type ModelCtor = import('sequelize-typescript').ModelCtor;
      // Every model class the files export (a file may hold more than one).
      const models = fs.readdirSync(work).flatMap((f) => Object.values(require(path.join(work, f)) as Record<string, unknown>))
        .filter((x): x is ModelCtor => typeof x === 'function' && x.prototype instanceof Model);
      const sequelize = new Sequelize(url, { logging: false, models });
      try {
        await sequelize.sync();
      } finally {
        await sequelize.close();
      }
    } else if (tool === 'sequelize7') {
      // Sequelize 7's decorated models compiled, given to its Sequelize (@sequelize/postgres), then sync().
      await compileDecorated(path.join(fixture, 'src', 'models'), work);
      const { Model, Sequelize } = await import('@sequelize/core');
      const { PostgresDialect } = await import('@sequelize/postgres');
      // Every model class the files export, but the abstract bases (named so in the fixture's source).
      const source = fs.readdirSync(path.join(fixture, 'src', 'models')).map((f) => fs.readFileSync(path.join(fixture, 'src', 'models', f), 'utf8')).join('\n');
      const models = fs.readdirSync(work).flatMap((f) => Object.values(require(path.join(work, f)) as Record<string, unknown>))
        .filter((x): x is import('@sequelize/core').ModelStatic => typeof x === 'function' && x.prototype instanceof Model && !new RegExp(`abstract class ${x.name}\\b`).test(source));
      const u = new URL(url);
      const sequelize = new Sequelize({
        dialect: PostgresDialect, host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password),
        database: u.pathname.slice(1), models, logging: false,
      });
      try {
        await sequelize.sync();
      } finally {
        await sequelize.close();
      }
    } else if (tool === 'sequelize4') {
      // Sequelize 4 itself (the `sequelize4` alias of sequelize@4): sequelize-cli's model files under
      // the `define` of the fixture's config/config.js, associated, then sync().
      const Sequelize = require('sequelize4');
      const { define } = require(path.join(fixture, 'config', 'config.js')).development;
      await syncModelFiles(new Sequelize(url, { logging: false, operatorsAliases: false, define }), Sequelize, fixture);
    } else {
      // sequelize-cli's model files: `(sequelize, DataTypes) => Model`, associated, then sync(); under
      // the `define` of the fixture's config/config.js, where it has one.
      const { Sequelize, DataTypes } = await import('sequelize');
      const config = path.join(fixture, 'config', 'config.js');
      const define = fs.existsSync(config) ? (require(config) as { development: { define?: object } }).development.define : undefined;
      await syncModelFiles(new Sequelize(url, { logging: false, ...(define ? { define } : {}) }), DataTypes, fixture);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** sequelize-cli's model files of a fixture (`models/*.js`: `(sequelize, DataTypes) => Model`) defined on the instance, associated, then sync(). */
async function syncModelFiles(sequelize: { models: unknown; sync(): Promise<unknown>; close(): Promise<unknown> }, dataTypes: unknown, fixture: string): Promise<void> {
  try {
    const dir = path.join(fixture, 'models');
    const models = fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => require(path.join(dir, f))(sequelize, dataTypes));
    for (const m of models) m.associate?.(sequelize.models);
    await sequelize.sync();
  } finally {
    await sequelize.close();
  }
}

type Tool = 'alembic' | 'typeorm' | 'sequelize' | 'dbmate' | 'flyway' | 'postgrator';

function toolOf(dir: string): Tool {
  if (fs.existsSync(path.join(dir, 'alembic'))) return 'alembic';
  if (fs.existsSync(path.join(dir, 'src', 'migration'))) return 'typeorm';
  if (fs.existsSync(path.join(dir, 'db', 'migrations'))) return 'dbmate';
  if (fs.existsSync(path.join(dir, 'db', 'migration'))) return 'flyway';
  if (fs.existsSync(path.join(dir, 'postgrator'))) return 'postgrator';
  return 'sequelize';
}

/**
 * Flyway's order of a folder's migrations: versioned ones (`V1.1__x.sql`) by version, its parts
 * compared as numbers, then repeatable ones (`R__x.sql`) by description — as Flyway documents it.
 */
function flywayOrder(folder: string): string[] {
  const files = fs.readdirSync(folder).filter((f) => f.endsWith('.sql'));
  const version = (f: string) => /^V([\d._]+)__/.exec(f)![1].split(/[._]/).map(Number);
  const versioned = files.filter((f) => /^V[\d._]+__/.test(f)).sort((a, b) => {
    const [x, y] = [version(a), version(b)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  });
  const repeatable = files.filter((f) => f.startsWith('R__')).sort();
  return [...versioned, ...repeatable].map((f) => path.join(folder, f));
}

/** Debian's Python with Alembic, SQLAlchemy and psycopg2 (the one .ci/run installs). */
function debianPython(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import alembic, sqlalchemy, psycopg2'], { encoding: 'utf8' });
    if (r.status === 0) return python;
  }
  return undefined;
}

/**
 * The env.py the suite runs a chain with. Its target_metadata is the fixture's models' MetaData
 * (\`app.models.metadata\`) when the fixture has one, as a project's env.py gives it: Alembic names
 * what the migrations leave unnamed by that MetaData's naming convention.
 */
const ENV_PY = `import importlib.util

from alembic import context
from sqlalchemy import engine_from_config, pool

target_metadata = None
if importlib.util.find_spec("app") and importlib.util.find_spec("app.models"):
    from app.models import metadata as target_metadata

config = context.config
engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
`;

/** Creates the schemas a fixture's `schemasense.json` says exist before its migrations run. */
async function createConfiguredSchemas(fixture: string, url: string): Promise<void> {
  const config = path.join(fixture, 'schemasense.json');
  const schemas = fs.existsSync(config) ? (JSON.parse(fs.readFileSync(config, 'utf8')) as { schemas?: string[] }).schemas ?? [] : [];
  if (!schemas.length) return;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`CREATE SCHEMA IF NOT EXISTS "${s.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env, timeout: 120000 });
  assert.strictEqual(r.status, 0, `${command} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

/** `alembic upgrade head` of the chain copied into `work` (its `alembic/` folder), into the database at `url`, with a plain env.py. */
function alembicUpgrade(work: string, url: string, python: string): ReturnType<typeof spawnSync> & { stdout: string; stderr: string } {
  fs.writeFileSync(path.join(work, 'alembic', 'env.py'), ENV_PY);
  fs.writeFileSync(path.join(work, 'alembic.ini'), `[alembic]\nscript_location = alembic\nsqlalchemy.url = ${url.replace(/%/g, '%%')}\n`);
  return spawnSync(python, ['-m', 'alembic', '-c', 'alembic.ini', 'upgrade', 'head'], { cwd: work, encoding: 'utf8', env: { ...process.env, PYTHONPATH: work }, timeout: 120000 });
}

/** Postgrator's migrate() of a folder (argv: the database's URL, the folder), as an application runs it. */
const POSTGRATE = `
import { createRequire } from 'node:module';
import { join } from 'node:path';
const require = createRequire(join(process.env.NODE_PATH, 'x.js'));
const { default: Postgrator } = await import(require.resolve('postgrator'));
const pg = require('pg');
const [url, folder] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const postgrator = new Postgrator({
    migrationPattern: join(folder, '*'), driver: 'pg', database: new URL(url).pathname.slice(1), schemaTable: 'schemaversion',
    execQuery: (query) => client.query(query),
  });
  await postgrator.migrate();
} finally {
  await client.end();
}
`;

/** Runs the fixture's chain with its own tool into the database at `url`. */
async function runWithItsTool(tool: Tool, fixture: string, url: string, python: string | undefined): Promise<void> {
  // Inside the repository (out/ is not versioned): the migrations resolve `typeorm` from its node_modules.
  fs.mkdirSync(path.join(REPO_ROOT, 'out'), { recursive: true });
  const work = fs.mkdtempSync(path.join(REPO_ROOT, 'out', 'differential-'));
  try {
    fs.cpSync(fixture, work, { recursive: true });
    // The schemas the fixture's configuration says the database has before the chain (a DBA's).
    await createConfiguredSchemas(fixture, url);
    if (tool === 'alembic') {
      const r = alembicUpgrade(work, url, python!);
      assert.strictEqual(r.status, 0, `alembic upgrade head failed:\n${r.stdout}\n${r.stderr}`);
    } else if (tool === 'typeorm') {
      // TypeORM's own runner, in this process: the migrations are CommonJS classes.
      const { DataSource } = await import('typeorm');
      // The list a module of the fixture gives the data source (`src/migrations.js`), or the globs of its
      // data source (`src/data-source.js`), else every migration of its folder.
      const list = path.join(work, 'src', 'migrations.js');
      const dataSource = path.join(work, 'src', 'data-source.js');
      const options = fs.existsSync(dataSource) ? (require(dataSource) as { AppDataSource: import('typeorm').DataSource }).AppDataSource.options as import('typeorm').DataSourceOptions & { schema?: string } : undefined;
      const migrations = fs.existsSync(list) ? (require(list) as { migrations: Function[] }).migrations
        : options ? options.migrations as string[]
        : [path.join(work, 'src', 'migration', '*.js')];
      // (With the data source's `schema`: where the query runner's API puts what it names without one.)
      const source = new DataSource({ type: 'postgres', url, migrations, logging: false, ...(options?.schema ? { schema: options.schema } : {}) });
      await source.initialize();
      try {
        await source.runMigrations({ transaction: 'each' });
      } finally {
        await source.destroy();
      }
    } else if (tool === 'dbmate') {
      // dbmate itself (npm's dbmate, its linux binary): each file's up section, in order.
      const dbmate = path.join(REPO_ROOT, 'node_modules', '.bin', 'dbmate');
      run(dbmate, ['--url', `${url}?sslmode=disable`, '--migrations-dir', path.join(work, 'db', 'migrations'), '--no-dump-schema', 'up'], work);
    } else if (tool === 'postgrator') {
      // Postgrator itself (an ES module: run by a script of its own), over the pg driver.
      const script = path.join(work, 'postgrate.mjs');
      fs.writeFileSync(script, POSTGRATE);
      run(process.execPath, [script, url, path.join(work, 'postgrator')], work, { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') });
    } else if (tool === 'flyway') {
      // As Flyway applies them: in its order, each file in a transaction of its own.
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        for (const file of flywayOrder(path.join(work, 'db', 'migration'))) {
          await client.query('BEGIN');
          await client.query(fs.readFileSync(file, 'utf8'));
          await client.query('COMMIT');
        }
      } finally {
        await client.end();
      }
    } else {
      const cli = path.join(REPO_ROOT, 'node_modules', 'sequelize-cli', 'lib', 'sequelize');
      // Folders of archived migrations (`migrations/archives/`) ran first, before they were moved there.
      const folder = path.join(work, 'migrations');
      const archived = fs.readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(folder, e.name)).sort();
      for (const migrations of [...archived, folder]) run(process.execPath, [cli, 'db:migrate', '--url', url, '--migrations-path', migrations], work);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const BOOKKEEPING = /^(alembic_version|migrations|SequelizeMeta|typeorm_metadata|schema_migrations|schemaversion)$/;

/** Comparable facts of a `schema --format json` document. */
function facts(doc: ReturnType<typeof schemaToJson>): string[] {
  const out: string[] = [];
  for (const t of doc.tables) {
    if (BOOKKEEPING.test(t.name)) continue;
    const tn = `${t.schema}.${t.name}`;
    out.push(`table ${tn}`);
    for (const c of t.columns) out.push(`column ${tn}.${c.name} ${c.type} ${c.nullable === false || c.primaryKey ? 'NOT NULL' : 'NULL'}`);
    if (t.primaryKey.length) out.push(`primary key ${tn}(${t.primaryKey.join(',')})`);
    for (const k of t.foreignKeys) out.push(`foreign key ${tn}(${k.columns.join(',')}) -> ${k.references.schema}.${k.references.table}(${k.references.columns.join(',')})`);
    // Every index once per index the database has (a duplicate is a difference); a unique constraint
    // is its index, listed once.
    const indexes = t.indexes.map((i) => `index ${tn}(${i.columns.join(',')})${i.unique ? ' unique' : ''}`);
    for (const u of t.uniqueConstraints) {
      const key = `index ${tn}(${u.columns.join(',')}) unique`;
      if (!indexes.includes(key)) indexes.push(key);
    }
    out.push(...indexes);
  }
  return out.sort();
}

/** The items of `a` left after taking out one of each item of `b` (multisets). */
function without(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/**
 * SQLAlchemy's `create_all()` for the MetaData of every declarative base of the fixture's `app.models`
 * module (a module-level MetaData no base uses is another database's), after creating the schemas
 * their tables name.
 */
const CREATE_ALL = `import sys
from sqlalchemy import MetaData, create_engine, text
import app.models as models

metadatas = []
for value in vars(models).values():
    md = getattr(value, "metadata", None) if isinstance(value, type) else None
    if isinstance(md, MetaData) and md not in metadatas:
        metadatas.append(md)
engine = create_engine(sys.argv[1])
with engine.begin() as connection:
    for md in metadatas:
        for schema in {t.schema for t in md.tables.values() if t.schema}:
            connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    for md in metadatas:
        md.create_all(connection)
`;

async function createDatabase(server: EmbeddedDatabase, name: string): Promise<string> {
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return server.url.replace(/\/postgres$/, `/${name}`);
}

describe('differential: what the real tools build', function () {
  this.timeout(180000);
  let server: EmbeddedDatabase | undefined;
  let databases = 0;
  const python = debianPython();

  before(async () => {
    server = await startEmbeddedPostgres();
  });

  after(async () => {
    await server?.stop();
  });

  describe('the models as read equal what the ORM creates from them', function () {
    for (const name of fs.readdirSync(MODELS).sort()) {
      const fixture = path.join(MODELS, name);
      const tool = modelToolOf(fixture);
      it(`${name}: ${tool} creates what \`schema\` reads from the models`, async function () {
        if (tool === 'sqlalchemy' && !python) {
          assert.ok(!process.env.CI, 'CI must have Debian\'s python3-sqlalchemy and python3-psycopg2');
          this.skip(); // a developer machine without them: the SQLAlchemy oracle cannot run here
        }
        const missing = tool === 'sqlalchemy' ? missingPythonLibraries(fixture, python!) : [];
        if (missing.length) {
          assert.ok(!process.env.CI, `CI must have Debian's ${missing.map((l) => l.debian).join(', ')}`);
          this.skip(); // a developer machine without them: the library cannot be the oracle here
        }
        const url = await createDatabase(server!, `models_${++databases}`);
        await createFromModels(tool, fixture, url, python);
        const built = await withReadOnlySession(url, (query) => introspect(query, 'the ORM\'s database'));
        const theirs = facts(schemaToJson(fixture, built.schema));
        const analysis = await analyseDirectory(fixture);
        const ours = facts(schemaToJson(fixture, analysis.models));
        const differences = [...without(theirs, ours).map((f) => `missed: ${f}`), ...without(ours, theirs).map((f) => `invented: ${f}`)];
        assert.deepStrictEqual(differences, KNOWN_MODELS[name] ?? [], `the models of ${name} as read differ from what ${tool} created`);
        assert.ok(theirs.length > 10, 'the ORM built the schema');
      });
    }
  });

  describe('the replay equals what the migration tools build', function () {
    for (const name of fs.readdirSync(REPLAY).sort()) {
      const fixture = path.join(REPLAY, name);
      const tool = toolOf(fixture);
      it(`${name}: ${tool} builds what \`schema --source migrations\` reads`, async function () {
        if (tool === 'alembic' && !python) {
          // CI installs python3-alembic, python3-sqlalchemy and python3-psycopg2 (.ci/run): there it must run.
          assert.ok(!process.env.CI, 'CI must have Debian\'s python3-alembic, python3-sqlalchemy and python3-psycopg2');
          this.skip(); // a developer machine without them: the Alembic oracle cannot run here
        }
        const url = await createDatabase(server!, `diff_${++databases}`);
        await runWithItsTool(tool, fixture, url, python);
        const built = await withReadOnlySession(url, (query) => introspect(query, 'the tool\'s database'));
        const theirs = facts(schemaToJson(fixture, built.schema));
        const analysis = await analyseDirectory(fixture);
        const ours = facts(schemaToJson(fixture, mergeMigrationSchemas(analysis.migrations.map((m) => m.schema))));
        const missed = without(theirs, ours);
        const invented = without(ours, theirs);
        const differences = [...missed.map((f) => `missed: ${f}`), ...invented.map((f) => `invented: ${f}`)];
        assert.deepStrictEqual(differences, KNOWN[name] ?? [], `the replay of ${name} differs from what ${tool} built`);
        assert.ok(theirs.length > 10, 'the tool built the schema');
      });
    }
  });

  it('what migration-duplicate-create says of a table created again inside a swallowing try is what Alembic does on PostgreSQL: the next statement fails, the transaction aborted', async function () {
    if (!python) {
      assert.ok(!process.env.CI, 'CI must have Debian\'s python3-alembic, python3-sqlalchemy and python3-psycopg2');
      this.skip(); // a developer machine without them: the Alembic oracle cannot run here
    }
    const fixture = path.join(FIXTURES, 'rules', 'migration-duplicate-create', 'bad-created-again-in-try-that-swallows');
    const url = await createDatabase(server!, `diff_${++databases}`);
    const work = fs.mkdtempSync(path.join(REPO_ROOT, 'out', 'differential-'));
    try {
      fs.cpSync(fixture, work, { recursive: true });
      const r = alembicUpgrade(work, url, python!);
      assert.notStrictEqual(r.status, 0, 'Alembic fails on the migration');
      assert.match(`${r.stdout}${r.stderr}`, /current transaction is aborted/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    const analysis = await analyseDirectory(fixture);
    const found = analysis.findings.filter((f) => f.ruleId === 'migration-duplicate-create').map((f) => f.message);
    assert.strictEqual(found.length, 2);
    assert.match(found.find((m) => /try/.test(m) && /aborts the transaction/.test(m)) ?? '', /current transaction is aborted/, 'the swallowed failure: the migration fails');
    assert.ok(found.some((m) => /so it does not fail/.test(m)), 'the DO block\'s EXCEPTION (a savepoint): it does not fail');
  });
});
