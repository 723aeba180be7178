/**
 * Where a TypeScript/JavaScript file connects its ORM to a database, and which: a TypeORM data
 * source's options (`new DataSource({ type: "mysql", … })`, `TypeOrmModule.forRoot({ … })`, an
 * exported options object), Sequelize's `dialect` (constructor options, a sequelize-cli config
 * object) or the scheme of the URL `new Sequelize("sqlite::memory:")` is given. The project decides
 * its dialect from these (see `Project.dialect`); a value code computes is recorded as Unknown.
 */
import type * as TS from 'typescript';
import type { OrmDatabaseSetting, OrmModelFacts } from '../../facts/orm';
import { lastName, objectProps, stringValue, throughConstant, ts, TsFile, unwrap } from './syntax';
import { postgresExpression } from './databaseBranch';
import { migrationListOf, timestampedImports } from './migrationList';

/**
 * Options only a connection's settings have, beside `type`/`dialect`: an object with two of them
 * is a connection's (a column's options have `type` too, never these).
 */
export const CONNECTION_KEYS: ReadonlySet<string> = new Set([
  'entities', 'synchronize', 'migrations', 'migrationsRun', 'migrationsTableName', 'database', 'host', 'port', 'url',
  'username', 'password', 'autoLoadEntities', 'namingStrategy', 'subscribers', 'logging', 'dropSchema', 'ssl', 'extra',
  'replication', 'storage', 'pool', 'dialectOptions', 'define', 'models', 'schema', 'timezone', 'retryAttempts',
]);

export function readDatabaseSettings(src: TsFile, orm: 'typeorm' | 'sequelize'): OrmDatabaseSetting[] {
  const t = ts();
  const key = orm === 'typeorm' ? 'type' : 'dialect';
  const found: OrmDatabaseSetting[] = [];
  const setting = (value: TS.Expression, migrations?: TS.Expression) => {
    const v = unwrapValue(value);
    const literal = stringValue(v);
    const fallback = literal === undefined ? environmentDefault(v) : undefined;
    const name = literal ?? fallback;
    const globs = orm === 'typeorm' && migrations ? migrationGlobs(migrations, src.file) : [];
    const { modules, complete } = orm === 'typeorm' && migrations ? listedMigrations(migrations, src) : { modules: [], complete: false };
    // (Migrations given so that not every one is read here: a spread, a call, a class of a package.)
    const unread = orm === 'typeorm' && !!migrations && !globs.length && !complete;
    found.push({ ...(name !== undefined ? { name } : {}), ...(fallback !== undefined ? { environmentDefault: true as const } : {}), location: src.location(v), ...(globs.length ? { migrations: globs } : {}),
      ...(modules.length ? { migrationModules: modules } : {}), ...(unread ? { migrationsUnread: true as const } : {}) });
  };
  // `dialect` is Sequelize's own word (one more connection option will do); TypeORM's `type` is also
  // a column option's, so its object needs two.
  const keysNeeded = orm === 'typeorm' ? 2 : 1;
  const read = new Set<TS.Node>();
  const visit = (node: TS.Node): void => {
    if (t.isObjectLiteralExpression(node) && !insideDecorator(node) && !read.has(node)) {
      const props = objectProps(node);
      const value = props?.get(key);
      if (props && value && ([...props.keys()].filter((k) => CONNECTION_KEYS.has(k)).length >= keysNeeded || isDataSourceOptions(node))) setting(value, props.get('migrations'));
    }
    if (orm === 'sequelize' && t.isNewExpression(node) && lastName(node.expression) === 'Sequelize' && node.arguments?.length) {
      // The options object given to the constructor: its `dialect`, whatever else it holds.
      let named = false;
      for (const a of node.arguments) {
        const dialect = t.isObjectLiteralExpression(a) ? objectProps(a)?.get('dialect') : undefined;
        if (dialect) {
          setting(dialect);
          read.add(a);
          named = true;
        }
      }
      // Else the URL's scheme (`new Sequelize("postgres://…")`); a URL from the environment
      // (`process.env.DATABASE_URL`) may name any database: Unknown. (Options built by a function of
      // the project are read where that function writes them.)
      if (!named) {
        const first = unwrapValue(node.arguments[0]);
        const url = stringValue(first);
        const scheme = url !== undefined ? /^([a-z][\w+.-]*):/i.exec(url)?.[1] : undefined;
        if (scheme) found.push({ name: scheme, location: src.location(first) });
        else if (url === undefined && /\bprocess\.env\b/.test(first.getText(src.sf))) found.push({ location: src.location(first) });
      }
    }
    t.forEachChild(node, visit);
  };
  visit(src.sf);
  // Options that take their migrations from where this reader does not follow them (`...migrationConfig`
  // whose `migrations: getMigrations()` returns the array): the module's own list of migration classes.
  if (orm === 'typeorm' && found.some((f) => !f.migrations && !f.migrationModules)) {
    const listed = migrationListOf(src, src.file);
    if (listed.length > 1) for (const f of found) if (!f.migrations && !f.migrationModules) f.migrationModules = listed;
  }
  return found;
}

/**
 * The globs of a data source's `migrations` that evaluate: strings, and strings built on
 * `__dirname` — `__dirname + '/migrations/*.ts'`, `` `${__dirname}/migrations/**\/*.ts` ``,
 * `path.join(__dirname, 'migrations', '*.ts')`. Classes listed (`[Init1693891895163]`) and globs built
 * otherwise are not globs here.
 */
function migrationGlobs(node: TS.Expression, file: string): { pattern: string; from: 'file' | 'cwd' }[] {
  const t = ts();
  const list = unwrapValue(node);
  const elements = t.isArrayLiteralExpression(list) ? list.elements : [list];
  const dir = file.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
  const out: { pattern: string; from: 'file' | 'cwd' }[] = [];
  const normal = (p: string) => {
    const parts: string[] = [];
    for (const seg of p.split('/')) {
      if (seg === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (seg !== '.' && seg !== '') parts.push(seg);
    }
    return (p.startsWith('/') ? '/' : '') + parts.join('/');
  };
  // The parts of a string built on `__dirname`: undefined when a part is anything else.
  const parts = (e: TS.Expression): string[] | undefined => {
    const x = unwrapValue(e);
    if (t.isIdentifier(x) && x.text === '__dirname') return ['\0'];
    const s = stringValue(x);
    if (s !== undefined) return [s];
    if (t.isBinaryExpression(x) && x.operatorToken.kind === t.SyntaxKind.PlusToken) {
      const l = parts(x.left);
      const r = parts(x.right);
      return l && r ? [...l, ...r] : undefined;
    }
    if (t.isTemplateExpression(x)) {
      const out: string[] = [x.head.text];
      for (const span of x.templateSpans) {
        const p = parts(span.expression);
        if (!p) return undefined;
        out.push(...p, span.literal.text);
      }
      return out;
    }
    // `path.join(__dirname, 'migrations', '*.ts')`, `join(…)`, `resolve(…)`
    if (t.isCallExpression(x) && ['join', 'resolve'].includes(lastName(x.expression))) {
      const args = x.arguments.map((a) => parts(a));
      if (args.some((a) => !a)) return undefined;
      return args.flatMap((a, i) => (i ? ['/', ...a!] : a!));
    }
    return undefined;
  };
  for (const e of elements) {
    const p = parts(e);
    if (!p) continue;
    const text = p.join('');
    if (text.includes('\0')) {
      if (!text.startsWith('\0')) continue;
      out.push({ pattern: normal(dir + '/' + text.slice(1)), from: 'file' });
    } else out.push({ pattern: normal(text), from: 'cwd' });
  }
  return out;
}

/** `migrations: [Init1693891895163, AddUsers1700000000000]`: the modules of the classes listed, as imported. */
function listedMigrations(node: TS.Expression, src: TsFile): { modules: string[]; complete: boolean } {
  const t = ts();
  const list = unwrapValue(node);
  if (!t.isArrayLiteralExpression(list)) return { modules: [], complete: false };
  const imported = timestampedImports(src, src.file);
  const modules = [...new Set(list.elements.flatMap((e) => (t.isIdentifier(e) && imported.has(e.text) ? [imported.get(e.text)!] : [])))];
  // (Every element a class imported from a module of the project: the list is the whole of it.)
  return { modules, complete: list.elements.every((e) => t.isIdentifier(e) && imported.has(e.text)) };
}

/**
 * `process.env.DB_DIALECT || "mysql"`, `process.env.DB_TYPE ?? "postgres"`: the literal the project
 * runs on unless its environment says otherwise — its default, as a Python project's
 * `os.environ.get("DATABASE_URL", "mysql://…")` is read. Anything else on the left: no value.
 */
function environmentDefault(node: TS.Expression): string | undefined {
  const t = ts();
  if (!t.isBinaryExpression(node)) return undefined;
  const op = node.operatorToken.kind;
  if (op !== t.SyntaxKind.BarBarToken && op !== t.SyntaxKind.QuestionQuestionToken) return undefined;
  const left = unwrapValue(node.left);
  const env = (t.isPropertyAccessExpression(left) || t.isElementAccessExpression(left)) ? left.expression : undefined;
  const readsEnvironment = !!env && t.isPropertyAccessExpression(env) && env.name.text === 'env' && t.isIdentifier(env.expression) && env.expression.text === 'process';
  return readsEnvironment ? stringValue(unwrapValue(node.right)) : undefined;
}

/** `"postgres" as const`, `("mysql")`, `x satisfies T`: the value itself. */
function unwrapValue(node: TS.Expression): TS.Expression {
  const t = ts();
  let n = unwrap(node);
  while ('isSatisfiesExpression' in t && t.isSatisfiesExpression(n)) n = unwrap(n.expression);
  return n;
}

/**
 * The options handed to TypeORM's `new DataSource({ … })` (or `createConnection({ … })`): a data
 * source's, whatever else they spread in (`{ type: 'postgres', ...migrationConfig }`).
 */
function isDataSourceOptions(node: TS.ObjectLiteralExpression): boolean {
  const t = ts();
  const call = node.parent;
  if (!call || !(t.isNewExpression(call) || t.isCallExpression(call)) || call.arguments?.[0] !== node) return false;
  const callee = lastName(call.expression);
  return t.isNewExpression(call) ? callee === 'DataSource' : callee === 'createConnection';
}

/**
 * An object literal that is a decorator's own argument (`@Column({ type, … })`): never a
 * connection's. One nested deeper (`@Module({ imports: [TypeOrmModule.forRoot({ … })] })`) may be.
 */
function insideDecorator(node: TS.Node): boolean {
  const t = ts();
  const call = node.parent;
  return !!call && t.isCallExpression(call) && !!call.parent && t.isDecorator(call.parent);
}

/** `SET search_path TO app, public` (also `SET SESSION search_path = …`), as the statement writes it. */
const SET_SEARCH_PATH = /\bSET\s+(?:SESSION\s+|LOCAL\s+)?search_path\s*(?:TO|=)\s*([^;`'"]*)/i;

/** The schema names of a search_path value (`app, "Billing", $user`); `$user` is a role's name, not a schema read here. */
function searchPathSchemas(value: string): string[] {
  return value.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')).filter((s) => s && s !== '$user');
}

/**
 * The search_path a file's connection code sets: a `SET search_path` statement in a string of the
 * file (a connect hook's query), or Sequelize's `searchPath` option. A statement built by code
 * (`${schema}`) or an option that does not evaluate gives an Unknown search path.
 */
export function readSearchPath(src: TsFile): OrmModelFacts['searchPath'] {
  const t = ts();
  let found: OrmModelFacts['searchPath'];
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (t.isStringLiteral(node) || t.isNoSubstitutionTemplateLiteral(node)) {
      const m = SET_SEARCH_PATH.exec(node.text);
      if (m) found = { schemas: searchPathSchemas(m[1]), location: src.location(node) };
    } else if (t.isTemplateExpression(node) && SET_SEARCH_PATH.test(node.head.text)) {
      found = { location: src.location(node) };
    } else if (t.isPropertyAssignment(node) && (t.isIdentifier(node.name) || t.isStringLiteral(node.name)) && node.name.text === 'searchPath') {
      const value = stringValue(unwrap(node.initializer));
      found = value !== undefined ? { schemas: searchPathSchemas(value), location: src.location(node) } : { location: src.location(node) };
    }
    if (!found) t.forEachChild(node, visit);
  };
  // Cheap first: most files name no search_path at all.
  if (/search_?path/i.test(src.sf.text)) visit(src.sf);
  return found && (!found.schemas || found.schemas.length) ? found : undefined;
}

/**
 * TypeORM data sources' `schema` option in a file (`schema: 'app'`, `schema: process.env.DB_SCHEMA`):
 * the schema of every entity that names none, and of every table the query runner's API names
 * without one (EntityMetadata.build, PostgresDriver.parseTableName). `value` undefined: computed by
 * code. An object is a data source's when it has two connection options beside `schema` (an
 * entity's or a join table's options never do).
 */
export function readDataSourceSchemas(src: TsFile): NonNullable<OrmModelFacts['dataSourceSchemas']> {
  const t = ts();
  const found: NonNullable<OrmModelFacts['dataSourceSchemas']> = [];
  const visit = (node: TS.Node): void => {
    if (t.isObjectLiteralExpression(node) && !insideDecorator(node)) {
      const props = objectProps(node);
      const schema = props?.get('schema');
      if (props && schema && [...props.keys()].filter((k) => k !== 'schema' && (k === 'type' || CONNECTION_KEYS.has(k))).length >= 2) {
        // `type === 'postgres' ? 'app' : undefined`: PostgreSQL's; `const schema = 'app'` in a block: its value.
        const value = throughConstant(unwrapValue(postgresExpression(schema)));
        const text = stringValue(value);
        // (`schema: undefined` is no schema: the connection's own, as without the option.)
        if (!(t.isIdentifier(value) && value.text === 'undefined')) found.push({ ...(text !== undefined ? { value: text } : {}), text: schema.getText(src.sf).slice(0, 80), location: src.location(schema) });
      }
    }
    t.forEachChild(node, visit);
  };
  // Cheap first: most files name no schema at all.
  if (/\bschema\b/.test(src.sf.text)) visit(src.sf);
  return found;
}
