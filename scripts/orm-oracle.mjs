// Measures the TypeScript/JavaScript readers on a real TypeORM or Sequelize project, with the ORM
// itself as the oracle: its migrations run by the ORM's own runner (TypeORM's runMigrations,
// sequelize-cli's up(queryInterface, Sequelize); a folder of SQL is sql-chain-oracle.mjs's), or its models
// made by the ORM (TypeORM's synchronize, Sequelize's sync()), into the embedded PostgreSQL; the
// catalog is then compared with `schemasense schema --source migrations` (or `--source models`) on
// tables, columns, types, nullability, primary keys, foreign keys and indexes.
//
//   npm run build && npx tsc -b
//   node scripts/orm-oracle.mjs <project> <migration folder[,folder…]> typeorm|sequelize
//   ENTITIES='src/**/*.entity.js' node scripts/orm-oracle.mjs <project> . typeorm-sync
//   MODELS='models/*.js' [SEQ_TS=1] node scripts/orm-oracle.mjs <project> . sequelize-sync
//
// The project's TypeScript is compiled into a temporary folder (one file at a time; EMIT=program
// compiles it as one program, so that decorator metadata names imported enums and classes), its path
// aliases (tsconfig `paths`) resolved there. Entity and model globs name the compiled `.js` files.
// Options, as environment variables:
//   STUBS=1      a package the project imports that is not installed here is a no-op stub (STUB=a,b: these too)
//   DEPS=<node_modules> packages at the project's versions, found before this repository's
//   TOLERANT=1   a project module that throws when imported (a configuration check) is a stub too
//   NAMING=snake TypeORM's SnakeNamingStrategy (typeorm-naming-strategies); PREFIX=x_ its entityPrefix;
//   SCHEMA=x the data source's schema (created first); EXCLUDE=<regex> entity files left out
//   TSCONFIG=<file> the project's TypeScript configuration (`extends` followed), tsconfig.json by default
//   SEQ_OPTIONS='{"define":{"underscored":true}}' the project's Sequelize options; SEQ_TS=1 sequelize-typescript
//   SEQ_INSTANCE=server/lib/sequelize.ts the project's module whose Sequelize its models init against (this
//   one's connection instead); SEQ_ENTRY=server/models/index.ts a module that imports and associates them
//   SEQ_ORDER=<module> sequelize-typescript models added in the order that module lists them (addModels([…]))
//   EXTENSIONS=a,b  extensions created first; PRE=<migration> run first (an initial DDL)
//   PRESQL=<sql> run first (a function an extension not here would give, say); TYPES=GEOMETRY:JSONB
//   Sequelize's data types the migrations are handed replaced (an extension's type not here);
//   DUMP=<pg_dump file> restored first with pg_restore (a project whose chain starts from a dump): the
//   migrations it records as run (SequelizeMeta) are skipped;
//   NOEXT=postgis creating an extension the embedded PostgreSQL lacks is skipped (Sequelize migrations)
//   BLUEBIRD=1 Bluebird's methods on promises (`.tap`, `.each`: migrations written for Sequelize 4)
//   TX=each|all|none TypeORM's transaction mode; UMZUG=1 up({ context }) migrations
//   DEDUP=1 a table of several chains as the last leaves it; ONLY=<kind> show one kind of difference;
//   SHOW=<n> differences of each kind shown; TRACE=1 the SQL
// A table TypeORM leaves alone (`synchronize: false`) is in `schema` and not in what synchronize made.
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { compareFacts, createOracleDatabase, schemaFacts, schemaOf } from './oracleFacts.mjs';
const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(repo, 'package.json'));
// The ORM at the project's version (DEPS), where the project's migrations and entities find it too
// (TypeORM 1's `queryRunner.dataSource`, say); else this repository's.
const fromDeps = process.env.DEPS ? createRequire(join(resolve(process.env.DEPS), '__deps.js')) : undefined;
const ormRequire = (name) => { if (fromDeps) { try { return fromDeps(name); } catch { /* not there: this repository's */ } } return require(name); };
const out = (m) => require(join(repo, 'out', 'server', 'src', m));
const { startEmbeddedPostgres } = out('live/embedded');
const { withReadOnlySession } = out('live/session');
const { introspect } = out('live/introspect');
const { schemaToJson } = out('cli/schemaJson');
const ts = require('typescript');
const [project, migArg, tool] = process.argv.slice(2);
const startEnv = { ...process.env };
const show = Number(process.env.SHOW ?? 6);
const build = join(tmpdir(), `schemasense-orm-oracle-${process.pid}`);
rmSync(build, { recursive: true, force: true });
// Transpile the project's TS/JS (not node_modules) into build/, so relative imports resolve.
function walk(d, acc = []) {
  for (const e of readdirSync(d)) {
    if (e === 'node_modules' || e.startsWith('.git')) continue;
    const p = join(d, e);
    const s = statSync(p);
    if (s.isDirectory()) walk(p, acc); else if (/\.(ts|js|cjs|json)$/.test(e) && !e.endsWith('.d.ts')) acc.push(p);
  }
  return acc;
}
/**
 * The project's compiler options (TSCONFIG: its configuration file, tsconfig.json by default), its
 * `extends` followed: `paths` and `baseUrl` (relative to the project) as the project's TypeScript reads them.
 */
function compilerOptionsOf(dir) {
  const file = join(dir, process.env.TSCONFIG ?? 'tsconfig.json');
  if (!existsSync(file)) return {};
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(file, (f) => readFileSync(f, 'utf8')).config ?? {}, ts.sys, dirname(file));
  const o = parsed.options;
  const base = o.baseUrl ?? (o.paths ? o.pathsBasePath ?? dirname(file) : undefined);
  // `import * as chalk from 'chalk'` is `require('chalk')` itself unless the project asks for the interop
  // helper (which copies own properties only: chalk 4's styles, on its prototype, would be lost).
  return { ...(o.paths ? { paths: o.paths } : {}), ...(base ? { baseUrl: relative(dir, base) || '.' } : {}), esModuleInterop: o.esModuleInterop ?? false };
}
/** Without a tsconfig (a JavaScript project, say), the interop helper: what bundlers and ts-node's defaults give. */
const esModuleInterop = compilerOptionsOf(project).esModuleInterop ?? true;
const emitted = new Set();
/** `import.meta` in a module emitted as CommonJS (TypeScript leaves it as written): what CommonJS knows of the module. */
// (`const require = createRequire(import.meta.url)`, an ES module's require, is CommonJS's own.)
const asCommonJs = (js) => js.replace(/^(const|let|var) require = (\(0, [\w$]+\.)?createRequire\)?\(import\.meta\.url\);?$/m, '').replace(/\bimport\.meta\.url\b/g, "require('url').pathToFileURL(__filename).href").replace(/\bimport\.meta\.dirname\b/g, '__dirname').replace(/\bimport\.meta\.filename\b/g, '__filename');
if (process.env.EMIT === 'program') {
  // A program's emit (not one file at a time): decorator metadata then names imported enums and classes.
  const roots = walk(project).filter((f) => /\.ts$/.test(f) && !/\.(test|spec)\.ts$/.test(f));
  const tsc = compilerOptionsOf(project);
  const program = ts.createProgram(roots, { ...(tsc.paths ? { paths: tsc.paths } : {}), ...(tsc.baseUrl || tsc.paths ? { baseUrl: join(project, tsc.baseUrl ?? '.') } : {}), module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop, outDir: build, rootDir: project, noEmitOnError: false, skipLibCheck: true, noResolve: false, types: [], declaration: false, sourceMap: false, strict: false, noCheck: true });
  program.emit(undefined, (file, text) => { mkdirSync(dirname(file), { recursive: true }); writeFileSync(file, file.endsWith('.js') ? asCommonJs(text) : text); emitted.add(file); });
  console.log(`emitted ${emitted.size} files as one program`);
}
for (const f of walk(project)) {
  if (emitted.has(join(build, relative(project, f)).replace(/\.ts$/, '.js'))) continue;
  const rel = relative(project, f);
  const dest = join(build, rel.replace(/\.(ts|cjs)$/, '.js'));
  mkdirSync(dirname(dest), { recursive: true });
  const text = readFileSync(f, 'utf8');
  if (f.endsWith('.json')) { writeFileSync(dest, f.endsWith('package.json') ? text.replace(/"type"\s*:\s*"module"/, '"type": "commonjs"') : text); continue; }
  const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop, allowJs: true } }).outputText;
  writeFileSync(dest, asCommonJs(js));
}
// Data files modules read when imported (a `.b64` picture, a `.yml` configuration): copied as they are.
for (const f of walkData(project)) {
  const dest = join(build, relative(project, f));
  mkdirSync(dirname(dest), { recursive: true });
  writeFileSync(dest, readFileSync(f));
}
function walkData(d, acc = []) {
  for (const e of readdirSync(d)) {
    if (e === 'node_modules' || e.startsWith('.git')) continue;
    const p = join(d, e);
    const s = statSync(p);
    if (s.isDirectory()) walkData(p, acc); else if (!/\.(ts|js|cjs|mjs|json|map)$/.test(e) && !/^\.env/.test(e) && s.size < 1 << 20) acc.push(p);
  }
  return acc;
}
// Environment files: copied, and an example one stands for a missing `.env` (modules read it when imported).
for (const f of walkEnv(project)) {
  const dest = join(build, relative(project, f));
  mkdirSync(dirname(dest), { recursive: true });
  writeFileSync(dest, readFileSync(f));
  const env = join(dirname(dest), '.env');
  if (/example|sample|template/i.test(f) && !existsSync(join(dirname(f), '.env')) && !existsSync(env)) writeFileSync(env, readFileSync(f));
}
function walkEnv(d, acc = []) {
  for (const e of readdirSync(d)) {
    if (e === 'node_modules' || e.startsWith('.git')) continue;
    const p = join(d, e);
    const s = statSync(p);
    if (s.isDirectory()) walkEnv(p, acc); else if (/^\.env|\.env$|\.env\.(example|sample|template)$/.test(e)) acc.push(p);
  }
  return acc;
}
process.env.NODE_PATH = [...(process.env.DEPS ? [process.env.DEPS] : []), join(repo, 'node_modules'), build].join(':');
require('module').Module._initPaths();
{
  // The project's path aliases (tsconfig `paths`, `@/*` → `src/*`), mapped into build/.
  const cfg = compilerOptionsOf(project);
  const base = join(build, cfg.baseUrl ?? '.');
  const aliases = Object.entries(cfg.paths ?? {}).map(([k, v]) => [k.replace(/\*$/, ''), String(v[0]).replace(/\*$/, '').replace(/\.tsx?$/, ''), k.endsWith('*')]);
  const M = require('module').Module;
  const original = M._resolveFilename;
  M._resolveFilename = function (request, parent, ...rest) {
    // `import { sequelize } from '../db.ts'` (allowImportingTsExtensions): the module emitted as `.js`.
    if (/^\.{1,2}\/.*\.[cm]?tsx?$/.test(request) && parent?.filename?.startsWith(build)) request = request.replace(/\.[cm]?tsx?$/, '.js');
    // (Only the project's own modules, and a catch-all alias `"*": ["*", …]` falls back to packages.)
    if (parent?.filename?.startsWith(build)) for (const [from, to, star] of aliases) if (star ? request.startsWith(from) : request === from) { try { return original.call(this, join(base, to + request.slice(from.length)), parent, ...rest); } catch (e) { if (from) throw e; } }
    if (cfg.baseUrl && !request.startsWith('.') && !request.startsWith('/') && parent?.filename?.startsWith(build)) { try { return original.call(this, join(base, request), parent, ...rest); } catch {} }
    return original.call(this, request, parent, ...rest);
  };
}
// A package or module that stands for nothing: every member a no-op, a decorator that decorates nothing.
const stubFile = join(build, '__stub.js');
mkdirSync(build, { recursive: true });
writeFileSync(stubFile, `const f = function () { return g; }; const g = new Proxy(f, { get: (t, k) => (k === '__esModule' ? true : k === 'then' ? undefined : k === 'default' ? g : k === Symbol.toPrimitive ? () => '' : g), apply: (t, self, a) => ((a.length >= 2 && a.length <= 3 && a[0] && (typeof a[0] === 'object' || typeof a[0] === 'function') && (typeof a[1] === 'string' || typeof a[1] === 'symbol' || a[1] === undefined) && (a.length === 2 || a[2] === undefined || typeof a[2] === 'number' || (typeof a[2] === 'object' && a[2] !== null))) || (a.length === 1 && typeof a[0] === 'function' && a[0].prototype && a[0].prototype.constructor === a[0] && /^class\\b/.test(Function.prototype.toString.call(a[0]))) ? undefined : g), construct: () => ({}) }); module.exports = g;`);
if (process.env.STUBS) {
  // Packages the oracle lacks (decorators, validators of the entities migrations import): a stub whose every member is a no-op.
  const M = require('module').Module;
  const original = M._resolveFilename;
  M._resolveFilename = function (request, parent, ...rest) {
    // (STUB=a,b: packages stubbed even where installed here, at a version other than the project's.)
    if (parent?.filename?.startsWith(build) && (process.env.STUB ?? '').split(',').includes(request)) return stubFile;
    try { return original.call(this, request, parent, ...rest); } catch (e) { if (request.startsWith('.') || request.startsWith('/') || !parent?.filename?.startsWith(build)) throw e; return stubFile; }
  };
}
if (process.env.TOLERANT) {
  // A project module that throws when imported (a configuration check, a connection) is a stub to the
  // entities that import it: only their decorators matter here.
  const M = require('module').Module;
  const load = M._load;
  M._load = function (request, parent, ...rest) {
    try { return load.call(this, request, parent, ...rest); }
    catch (e) { if (!parent?.filename?.startsWith(build) || /entit|model/i.test(request)) throw e; if (process.env.TRACE) console.log(`stubbed ${request}: ${e.message}`); return load.call(this, stubFile, parent, ...rest); }
  };
}
/** The tables the ORMs keep their migration state in. */
const ORM_TABLES = /^(migrations|typeorm_metadata|SequelizeMeta|sequelize_meta)$/;
const server = await startEmbeddedPostgres();
try {
  const { Client } = require('pg');
  const url = await createOracleDatabase(server.url, Client);
  if (process.env.EXTENSIONS) { const c = new Client({ connectionString: url }); await c.connect(); for (const e of process.env.EXTENSIONS.split(',')) await c.query(`CREATE EXTENSION IF NOT EXISTS "${e}"`); await c.end(); }
  if (process.env.DUMP) {
    // pg_restore goes on past what it cannot make (an extension not here) and says so: shown, not fatal.
    const r = require('node:child_process').spawnSync('pg_restore', ['--no-owner', '--no-acl', '-d', url, resolve(project, process.env.DUMP)], { encoding: 'utf8' });
    console.log(`restored ${process.env.DUMP}${r.status ? `, pg_restore: ${(r.stderr.match(/^pg_restore: error: .*$/gm) ?? []).slice(0, 5).join(' | ')}` : ''}`);
  }
  if (process.env.PRESQL) { const c = new Client({ connectionString: url }); await c.connect(); await c.query(process.env.PRESQL); await c.end(); }
  // The migrations of the folder (or of several, `postgres,common`: one chain), by file name.
  const files = tool.endsWith('-sync') ? [] : migArg.split(',').flatMap((m) => {
    const dir = join(build, relative(project, resolve(project, m)));
    return readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => join(dir, f));
  }).sort((a, b) => basename(a).localeCompare(basename(b)));
  if (process.env.SCHEMA) { const c = new Client({ connectionString: url }); await c.connect(); await c.query(`CREATE SCHEMA IF NOT EXISTS "${process.env.SCHEMA}"`); await c.end(); }
  if (tool === 'typeorm-sync') {
    // The entities as TypeORM itself makes them (synchronize), against `schema --source models`.
    require('reflect-metadata');
    const { DataSource } = ormRequire('typeorm');
    const ds = new DataSource({ type: 'postgres', url, ...(process.env.PREFIX ? { entityPrefix: process.env.PREFIX } : {}), ...(process.env.SCHEMA ? { schema: process.env.SCHEMA } : {}), entities: process.env.ENTITIES.split(',').flatMap((g) => require('glob').sync(join(build, g))).filter((f) => !/\.(test|spec)\.js$|__tests__|\/tests?\//.test(f) && !(process.env.EXCLUDE && new RegExp(process.env.EXCLUDE).test(f))), synchronize: true, ...(process.env.NAMING === 'snake' ? { namingStrategy: new (require('typeorm-naming-strategies').SnakeNamingStrategy)() } : {}), logging: process.env.TRACE ? ['query', 'error'] : false });
    try { await ds.initialize(); console.log(`typeorm synchronized ${ds.entityMetadatas.length} entities`); } catch (e) { console.log(`typeorm sync failed: ${process.env.TRACE ? e.stack : e.message}`); }
    if (ds.isInitialized) await ds.destroy();
  } else if (tool === 'sequelize-sync') {
    // The models as Sequelize itself makes them (sync), against `schema --source models`:
    // sequelize-cli model files (a function of sequelize and DataTypes), sequelize-typescript classes.
    const files = process.env.SEQ_ENTRY ? [] : process.env.MODELS.split(',').flatMap((g) => require('glob').sync(join(build, g))).filter((f) => !/\.(test|spec)\.js$|index\.js$/.test(f));
    const options = { logging: process.env.TRACE ? console.log : false, ...(process.env.SEQ_OPTIONS ? JSON.parse(process.env.SEQ_OPTIONS) : {}) };
    const typescript = process.env.SEQ_TS;
    const { Sequelize, DataTypes } = ormRequire(typescript ? 'sequelize-typescript' : 'sequelize');
    const sequelize = new Sequelize(url, options);
    if (process.env.SEQ_INSTANCE) {
      // The project's own instance module, its models initialised against it when imported: this one instead.
      const instance = join(build, process.env.SEQ_INSTANCE.replace(/\.ts$/, '.js'));
      require.cache[instance] = { id: instance, filename: instance, loaded: true, exports: { ...ormRequire('sequelize'), __esModule: true, default: sequelize, sequelize } };
    }
    // The project's module that imports every model and associates them (`models/index.ts`).
    if (process.env.SEQ_ENTRY) require(join(build, process.env.SEQ_ENTRY.replace(/\.ts$/, '.js')));
    const classes = [];
    for (const f of files) {
      const m = require(f);
      for (const v of [m.default, m, ...Object.values(m)].filter((v) => typeof v === 'function')) {
        if (v.prototype instanceof ormRequire('sequelize').Model) {
          // (A sequelize-typescript base class without its own @Table, `SequelizeModel<T>`, is no model.)
          if (classes.includes(v) || (typescript && !Reflect.hasOwnMetadata('sequelize:modelName', v.prototype))) continue;
          classes.push(v);
          // A class with its own `static init(sequelize)` (super.init, then its associations): called in the order MODELS lists the files.
          if (!typescript && Object.prototype.hasOwnProperty.call(v, 'init') && v.init.length <= 2) { try { v.init(sequelize, DataTypes); } catch (e) { console.log(`model ${f}: ${e.message}`); } }
        }
        else if (!typescript && v.length >= 1 && !/^class\b/.test(Function.prototype.toString.call(v))) { try { v(sequelize, DataTypes); } catch (e) { console.log(`model ${f}: ${e.message}`); } break; }
      }
    }
    if (typescript && process.env.SEQ_ORDER) {
      // SEQ_ORDER=<module>: the models in the order that module hands them to the instance
      // (`addModels([A, B, …])`, `models: [A, B, …]`), as the project adds them; the others after.
      const text = readFileSync(resolve(project, process.env.SEQ_ORDER), 'utf8');
      const list = (text.match(/(?:addModels\(|models:\s*)\[([^\]]*)\]/) ?? [])[1]?.split(',').map((x) => x.trim()).filter(Boolean) ?? [];
      const at = (c) => { const i = list.indexOf(c.name); return i === -1 ? list.length : i; };
      classes.sort((a, b) => at(a) - at(b));
      console.log(`models in the order of ${process.env.SEQ_ORDER}: ${list.length} listed`);
    }
    if (typescript) {
      // Scopes are queries, not the schema: one that names another model's scope not yet resolved (the
      // order the project adds its models in) is left out rather than stopping the run.
      const scopes = require('sequelize-typescript/dist/scopes/scope-service');
      const resolveScopes = scopes.resolveScopes;
      scopes.resolveScopes = (models) => { for (const m of models) { try { resolveScopes([m]); } catch (e) { if (process.env.TRACE) console.log(`scopes of ${m.name}: ${e.message}`); } } };
      sequelize.addModels(classes);
    }
    // The models object the project hands `associate`, keyed as its index names them (`CalendarEvent`
    // for the model 't_calendar_event'): a name not a model's is the model whose name ends in it.
    const squash = (n) => String(n).toLowerCase().replace(/[^a-z0-9]/g, '');
    const byName = new Proxy(sequelize.models, { get: (models, k) => models[k] ?? (typeof k === 'string' ? Object.values(models).filter((m) => squash(m.name).endsWith(squash(k))).sort((a, b) => a.name.length - b.name.length)[0] : undefined) });
    if (process.env.TRACE) console.log(`models: ${Object.keys(sequelize.models).join(", ")}`);
    for (const model of Object.values(sequelize.models)) if (typeof model.associate === 'function') model.associate(byName);
    // An index field's COLLATE "NOCASE", SQLite's own: PostgreSQL has no such collation.
    for (const model of Object.values(sequelize.models)) for (const i of [...(model._indexes ?? []), ...(model.options.indexes ?? [])]) for (const f of i.fields ?? []) if (f && typeof f === 'object' && /^nocase$/i.test(f.collate ?? '')) delete f.collate;
    // NUMBER, SQLite's own: PostgreSQL has no such type (the reader leaves it Unknown); numeric here, to let sync() run.
    for (const model of Object.values(sequelize.models)) for (const a of Object.values(model.rawAttributes)) if (a.type?.key === 'NUMBER') a.type = new (ormRequire('sequelize').DataTypes.DECIMAL)();
    // ENUM(60000, 30000) of a project on SQLite: PostgreSQL takes its labels only as strings, each once.
    for (const model of Object.values(sequelize.models)) for (const a of Object.values(model.rawAttributes)) { if (Array.isArray(a.type?.values)) a.type.values = [...new Set(a.type.values.map(String))]; if (Array.isArray(a.values)) a.values = [...new Set(a.values.map(String))]; if (Array.isArray(a.type?.options?.values)) a.type.options.values = [...new Set(a.type.options.values.map(String))]; }
    // SYNC_LAST=A,B: models that name another's type by string (`type: '"public"."enum_T_kind"'`), made last.
    const last = (process.env.SYNC_LAST ?? '').split(',').filter(Boolean);
    const syncAll = async () => {
      // (Models in a cycle of foreign keys are made in the order they were defined: that order, these last.)
      const models = sequelize.modelManager.models;
      models.push(...models.splice(0).sort((a, b) => Number(last.includes(a.name)) - Number(last.includes(b.name))));
      if (sequelize.modelManager.getModelsTopoSortedByForeignKey()) return sequelize.sync();
      // A cycle: sync() makes each table without its foreign keys, then adds them with `alter`, whose
      // changeColumn on PostgreSQL writes `… UNIQUE` into ALTER COLUMN TYPE and fails on a unique
      // column (Sequelize's own bug): the keys are added here as `alter` adds them.
      for (const m of models) await m.sync({ withoutForeignKeyConstraints: true });
      const qi = sequelize.getQueryInterface();
      for (const m of models) {
        for (const a of Object.values(m.rawAttributes)) {
          if (!a.references) continue;
          const target = typeof a.references.model === 'string' ? a.references.model : a.references.model.getTableName?.() ?? a.references.model.tableName;
          await qi.addConstraint(m.getTableName(), { type: 'foreign key', fields: [a.field], references: { table: target, field: a.references.key }, onDelete: a.onDelete, onUpdate: a.onUpdate });
        }
      }
    };
    try { await syncAll(); console.log(`sequelize synchronized ${Object.keys(sequelize.models).length} models`); } catch (e) { console.log(`sequelize sync failed: ${e.message}`); }
    await sequelize.close();
  } else if (tool === 'typeorm') {
    require('reflect-metadata');
    const { DataSource } = ormRequire('typeorm');
    const classes = [];
    for (const f of files) {
      const m = require(f);
      for (const v of (typeof m === 'function' ? [m] : Object.values(m))) if (typeof v === 'function' && v.prototype && typeof v.prototype.up === 'function') classes.push(v);
    }
    const ds = new DataSource({ type: "postgres", url, migrations: [...new Map(classes.map((c) => [c.name, c])).values()], entities: process.env.ENTITIES ? [join(build, process.env.ENTITIES)] : [], ...(process.env.NAMING === 'snake' ? { namingStrategy: new (require('typeorm-naming-strategies').SnakeNamingStrategy)() } : {}), logging: process.env.TRACE ? ['query', 'error'] : false });
    await ds.initialize();
    if (process.env.PRE) {
      const m = require(join(build, process.env.PRE.replace(/\.ts$/, '.js')));
      const cls = Object.values(m).find((v) => typeof v === 'function' && v.prototype?.up);
      const qr = ds.createQueryRunner();
      await new cls().up(qr);
      await qr.release();
      console.log('ran the initial DDL of ' + process.env.PRE);
    }
    try { const ran = await ds.runMigrations({ transaction: process.env.TX ?? 'each' }); console.log(`typeorm ran ${ran.length} of ${classes.length}`); }
    catch (e) { console.log(`typeorm failed: ${e.message}`); }
    await ds.destroy();
  } else {
    const { Sequelize } = ormRequire('sequelize');
    const sequelize = new Sequelize(url, { logging: process.env.TRACE ? console.log : false });
    const qi = sequelize.getQueryInterface();
    if (process.env.BLUEBIRD) {
      const Bluebird = require('bluebird');
      for (const k of ['tap', 'each', 'spread', 'props', 'map', 'mapSeries', 'return', 'reduce', 'filter', 'all']) if (!(k in Promise.prototype)) Object.defineProperty(Promise.prototype, k, { configurable: true, value(...a) { return Bluebird.resolve(this)[k](...a); } });
    }
    if (process.env.NOEXT) {
      // NOEXT=postgis: creating an extension the embedded PostgreSQL lacks is skipped (a migration
      // that then uses its types or functions fails all the same, and says so).
      const names = process.env.NOEXT.split(',');
      const query = sequelize.query.bind(sequelize);
      sequelize.query = (sql, ...rest) => (typeof sql === 'string' && names.some((x) => new RegExp(`^\\s*CREATE\\s+EXTENSION\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"?${x}"?`, 'i').test(sql)) ? Promise.resolve([[], 0]) : query(sql, ...rest));
    }
    for (const pair of (process.env.TYPES ?? '').split(',').filter(Boolean)) { const [from, to] = pair.split(':'); Sequelize[from] = Sequelize[to]; Sequelize.DataTypes[from] = Sequelize.DataTypes[to]; }
    let n = 0;
    const done = process.env.DUMP ? new Set((await sequelize.query('SELECT name FROM "SequelizeMeta"').catch(() => [[]]))[0].map((r) => r.name.replace(/\.[jt]s$/, ''))) : new Set();
    if (done.size) console.log(`the dump records ${done.size} migrations as run`);
    for (const f of files) {
      if (done.has(basename(f).replace(/\.js$/, ''))) continue;
      const m = require(f);
      const up = m.up ?? m.default?.up;
      if (!up) { console.log(`no up: ${basename(f)}`); continue; }
      try { await (process.env.UMZUG ? up({ context: qi }) : up(qi, Sequelize)); n++; } catch (e) { console.log(`failed ${basename(f)}: ${e.message}`); break; }
    }
    console.log(`sequelize ran ${n} of ${files.length}`);
    await sequelize.close();
  }
  const built = await withReadOnlySession(url, (q) => introspect(q, 'oracle'));
  const theirs = schemaFacts(schemaToJson(project, built.schema), { skip: ORM_TABLES, dedup: !!process.env.DEDUP });
  const ours = schemaFacts(schemaOf(repo, project, tool.endsWith('-sync') ? 'models' : 'migrations', startEnv) ?? { tables: [] }, { skip: ORM_TABLES, dedup: !!process.env.DEDUP });
  compareFacts(theirs, ours, { show, only: process.env.ONLY });
} finally {
  await server.stop();
  if (!process.env.KEEP) rmSync(build, { recursive: true, force: true }); else console.log(`kept ${build}`);
}
