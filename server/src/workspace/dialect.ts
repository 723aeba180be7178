/**
 * The SQL dialect a project runs on, read from its configuration the way its tools read it: the
 * scheme of `DATABASE_URL` (environment, `.env`), `sqlalchemy.url` in alembic.ini, a TypeORM data
 * source's `type`, Sequelize's `dialect`, or `"dialect"` in schemasense.json. PostgreSQL rules apply
 * to PostgreSQL projects; a project whose every configuration names another dialect gets the
 * dialect-neutral rules only. With no evidence either way, PostgreSQL (the database the product audits).
 *
 * Migration folders named after a dialect (`versions/postgresql/`, `migrations/sqlite/`) are chains
 * of their own, chosen at run time by the project (Alembic `version_locations`, per-dialect TypeORM
 * migration sets): see `dialectFolderOf`.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * CockroachDB speaks PostgreSQL's protocol but its own SQL (`STRING`, `current_timestamp()`, which
 * PostgreSQL's parser rejects; TypeORM has a driver for it of its own): a dialect apart.
 */
export type Dialect = 'postgresql' | 'sqlite' | 'mysql' | 'mssql' | 'oracle' | 'cockroachdb';

export const DIALECTS: readonly Dialect[] = ['postgresql', 'sqlite', 'mysql', 'mssql', 'oracle', 'cockroachdb'];

/**
 * The dialect a URL scheme, a TypeORM `type` or a Sequelize `dialect` names — or a service that
 * speaks one (PlanetScale and Vitess speak MySQL's, Turso and libSQL SQLite's).
 */
export function dialectOfName(name: string): Dialect | undefined {
  const n = name.toLowerCase().replace(/\+.*$/, '');
  if (/^(postgres|postgresql|pg|psql|postgis|aurora-postgres)$/.test(n)) return 'postgresql';
  if (/^(cockroachdb|cockroach|crdb)$/.test(n)) return 'cockroachdb';
  if (/^(sqlite|sqlite3|better-sqlite3|sqljs|capacitor|cordova|expo|react-native|nativescript|libsql|turso)$/.test(n)) return 'sqlite';
  if (/^(mysql|mysql2|mariadb|aurora-mysql|planetscale|vitess|tidb|singlestore|memsql)$/.test(n)) return 'mysql';
  if (/^(mssql|sqlserver|tedious)$/.test(n)) return 'mssql';
  if (/^(oracle|oracledb)$/.test(n)) return 'oracle';
  return undefined;
}

/**
 * The dialect a folder's name says its migrations are for: the name itself (`sqlite/`), or the one
 * word of it that names a dialect (`migrations-v2-mariadb/`, `mysql_migrations/`).
 */
export function dialectOfFolderName(name: string): Dialect | undefined {
  const whole = dialectOfName(name);
  if (whole) return whole;
  const named = new Set(name.split(/[-_.\s]+/).map((w) => dialectOfName(w)).filter((d): d is Dialect => !!d));
  return named.size === 1 ? [...named][0] : undefined;
}

/** The dialect of a migration folder named after one, for the folder segments below `root`. */
export function dialectFolderOf(root: string, dir: string): { folder: string; dialect: Dialect } | undefined {
  const rel = path.relative(root, dir);
  if (!rel || rel.startsWith('..')) return undefined;
  const parts = rel.split(path.sep);
  for (let i = parts.length - 1; i >= 0; i--) {
    const dialect = dialectOfFolderName(parts[i]);
    if (dialect) return { folder: path.join(root, ...parts.slice(0, i + 1)), dialect };
  }
  return undefined;
}

/**
 * Whether column names are compared without case: outside PostgreSQL and CockroachDB (MySQL, SQLite
 * and SQL Server match column names without case, and the SQL of a migration, read with
 * PostgreSQL's parser, has its unquoted names folded to lower case: `articleId` is read `articleid`).
 */
export function namesIgnoreCase(dialect: Dialect): boolean {
  return dialect !== 'postgresql' && dialect !== 'cockroachdb';
}

/** A small file's text (a manifest, a configuration); undefined for one too large or unreadable. */
export function readText(file: string): string | undefined {
  try {
    return fs.statSync(file).size < 256 * 1024 ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export interface ProjectDialect {
  dialect: Dialect;
  /** Where it was read, for messages ("sqlalchemy.url in alembic.ini"); undefined: the default. */
  source?: string;
  /**
   * Other dialects the same evidence names as much (the drivers of several databases installed,
   * migration folders for several), none PostgreSQL: `dialect` is the first of them, and the
   * project's own setting ("dialect" in schemasense.json) is what tells them apart.
   */
  others?: Dialect[];
}

/** How a dialect is called in messages. */
export const DIALECT_NAMES: Record<Dialect, string> = { sqlite: 'SQLite', mysql: 'MySQL', mssql: 'SQL Server', oracle: 'Oracle', postgresql: 'PostgreSQL', cockroachdb: 'CockroachDB' };

/** A line saying which of several possible dialects the checks assumed, and how to choose another; undefined when there was no choice. */
export function dialectChoiceNote(d: ProjectDialect): string | undefined {
  if (!d.others?.length) return undefined;
  const others = d.others.map((o) => DIALECT_NAMES[o]).join(' and ');
  return `Checked as a ${DIALECT_NAMES[d.dialect]} project (${d.source}); it is set up for ${others} too: "dialect" in schemasense.json says which database to check it as.`;
}

const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];

/** `- DATABASE_URL=<url>` or `DATABASE_URL: <url>` (also SQLAlchemy's `SQLALCHEMY_DATABASE_URI`), quoted or not. */
const COMPOSE_DATABASE_URL = /^\s*-?\s*["']?(?:DATABASE_URL|DATABASE_URI|SQLALCHEMY_DATABASE_URI|DB_URL)["']?\s*[=:]\s*["']?([a-z][\w+.-]*:\S*)/gim;

/** Where Python projects configure their database: Flask's config modules and app factory (`app/__init__.py`), settings, FastAPI's `database.py`. */
const PYTHON_CONFIG_FILES = ['config.py', 'settings.py', 'default_settings.py', 'database.py', 'db.py', 'app.py', '__init__.py', 'main.py', 'run.py', 'extensions.py', 'models.py'];

/** A URL literal given to SQLAlchemy as the database: its scheme (`mysql+pymysql`), on the line of the name that takes it (not in a comment). */
const PYTHON_DATABASE_URL = /^[^#\n]*?\b(?:SQLALCHEMY_DATABASE_UR[IL]|DATABASE_UR[IL]|DB_URL|create_(?:async_)?engine)\b[^\n#]{0,160}?[rbuf]?["']([a-z][\w+]*):\/\//gim;

/**
 * Where the JVM's tools name the database by a JDBC URL (`jdbc:mysql://…`): Spring Boot's
 * `application.properties` / `application.yml` (and their profiles, `application-prod.yml`), and
 * Flyway's own `flyway.conf` / `flyway.toml`.
 */
const JDBC_CONFIG = /^(?:application(?:-[\w.-]+)?\.(?:properties|ya?ml)|flyway\.(?:conf|toml))$/;

/** A JDBC URL's subprotocol (`jdbc:postgresql:`, `jdbc:mysql:`, `jdbc:sqlserver:`); `jdbc:tc:` (Testcontainers) and H2 name no server of the project. */
const JDBC_URL = /\bjdbc:([a-z][\w]*):/gi;

/** Every dialect the project's configuration names, with where. */
function evidence(root: string, env: NodeJS.ProcessEnv): { dialect: Dialect; source: string; npm?: true }[] {
  const found: { dialect: Dialect; source: string; npm?: true }[] = [];
  const scheme = (url: string | undefined, source: string) => {
    const m = url && /^\s*["']?([a-z][\w+.-]*):/i.exec(url);
    const d = m && dialectOfName(m[1]);
    if (d) found.push({ dialect: d, source });
  };
  scheme(env.DATABASE_URL, 'DATABASE_URL in the environment');
  const dotenv = readText(path.join(root, '.env'));
  scheme(dotenv && /^\s*(?:export\s+)?DATABASE_URL\s*=\s*(.*)$/m.exec(dotenv)?.[1], 'DATABASE_URL in .env');
  // Every alembic.ini of the project (beside its environment: `server/api/alembic.ini`), tests left
  // out. Below the root, a SQLite file is a development default as often as not (OpenStack's
  // `sqlite:///keystone.db`, replaced by the service's configuration): only a server's URL counts.
  for (const file of filesNamed(root, 'alembic.ini', 4)) {
    const url = readText(file)?.match(/^\s*sqlalchemy\.url\s*=\s*(\S+)/m)?.[1];
    if (url && path.dirname(file) !== root && /^\s*["']?sqlite/i.test(url)) continue;
    scheme(url, `sqlalchemy.url in ${path.relative(root, file)}`);
  }
  // The environment Docker Compose gives the application (`DATABASE_URL=mysql+pymysql://…` under a
  // service's `environment:`, in either of its two spellings), in the root's compose file or one of
  // a folder right below it (a monorepo's `backend/`).
  // One walk for both: compose files down to one level, Python configuration modules down to two.
  const configFiles = filesNamed(root, [...COMPOSE_FILES, ...PYTHON_CONFIG_FILES], 2);
  // A JVM application's JDBC URLs (a Spring Boot service beside its Flyway migrations), in
  // `src/main/resources/` of the root or of a module below it, or Flyway's configuration.
  for (const file of filesNamed(root, (name) => JDBC_CONFIG.test(name), 5)) {
    if (/(^|[\\/])(?:test|it)[\\/]resources[\\/]/.test(path.relative(root, file))) continue;
    for (const m of readText(file)?.matchAll(JDBC_URL) ?? []) {
      const d = dialectOfName(m[1]);
      if (d) found.push({ dialect: d, source: `the JDBC URL in ${path.relative(root, file)}` });
    }
  }
  for (const file of configFiles.filter((f) => COMPOSE_FILES.includes(path.basename(f)) && path.relative(root, f).split(path.sep).length <= 2)) {
    for (const m of readText(file)?.matchAll(COMPOSE_DATABASE_URL) ?? []) scheme(m[1], `${m[0].match(/[A-Z_]+/)?.[0]} in ${path.relative(root, file)}`);
  }
  // A Python project's configuration module (`SQLALCHEMY_DATABASE_URI = "mysql+pymysql://…"`,
  // `create_engine("postgresql://…")`, a default of `os.environ.get("DATABASE_URL", "…")`). Only a
  // server's URL counts: a SQLite file there is a development default as often as not.
  for (const file of configFiles.filter((f) => PYTHON_CONFIG_FILES.includes(path.basename(f)))) {
    for (const m of readText(file)?.matchAll(PYTHON_DATABASE_URL) ?? []) {
      const d = dialectOfName(m[1]);
      if (d && d !== 'sqlite') found.push({ dialect: d, source: `the database URL in ${path.relative(root, file)}` });
    }
  }
  for (const f of ['data-source.ts', 'src/data-source.ts', 'ormconfig.json', 'ormconfig.js', 'ormconfig.ts', 'src/ormconfig.ts']) {
    const text = readText(path.join(root, f));
    for (const m of text?.matchAll(/["']?type["']?\s*:\s*["'](\w[\w-]*)["']/g) ?? []) {
      const d = dialectOfName(m[1]);
      if (d) found.push({ dialect: d, source: `TypeORM ${f}`, npm: true });
    }
  }
  // sequelize-cli's configuration: where its `.sequelizerc` points (the tool runs its migrations
  // with it), else its default places at the root.
  const configs = new Set(['config/config.json', 'config/database.json', 'src/config/config.json'].map((f) => path.join(root, f)));
  for (const rc of filesNamed(root, '.sequelizerc', 3)) {
    const file = sequelizeCliConfigOf(rc);
    if (file) configs.add(file);
  }
  for (const file of configs) {
    // `"dialect": "mysql"` in JSON, `dialect: 'mysql'` in a module; a computed one (`process.env.DIALECT`) says nothing.
    for (const m of readText(file)?.matchAll(/["']?\bdialect["']?\s*:\s*["'](\w+)["']/g) ?? []) {
      const d = dialectOfName(m[1]);
      if (d) found.push({ dialect: d, source: `Sequelize ${path.relative(root, file)}`, npm: true });
    }
  }
  return found;
}

/**
 * The configuration file a `.sequelizerc` gives sequelize-cli (`config: path.resolve('config',
 * 'config.cjs')`, a string, `path.join(__dirname, …)`), relative to the folder the tool runs in,
 * the `.sequelizerc`'s; `config/config.json` there when it names none. Undefined when code computes it.
 */
export function sequelizeCliConfigOf(rc: string): string | undefined {
  const text = readText(rc);
  if (text === undefined) return undefined;
  const dir = path.dirname(rc);
  const m = /(?:^|[\s{,])["']?config["']?\s*:\s*([^\n]+)/m.exec(text);
  if (!m) return path.join(dir, 'config', 'config.json');
  // (What follows the value on its line — `, 'migrations-path': …`, ` };` — is not its.)
  const value = m[1].trim();
  const literal = /^(["'`])([^"'`$]+)\1\s*(?:[,}]|$)/.exec(value);
  if (literal) return path.resolve(dir, literal[2]);
  const call = /^path\.(?:resolve|join)\(((?:[^()]|\(\))*)\)\s*(?:[,}]|$)/.exec(value);
  if (!call) return undefined;
  const parts: string[] = [];
  for (const arg of call[1].split(',').map((a) => a.trim()).filter(Boolean)) {
    const s = /^(["'`])([^"'`$]*)\1$/.exec(arg);
    if (s) parts.push(s[2]);
    else if (arg !== '__dirname' && arg !== 'process.cwd()') return undefined;
  }
  return parts.length ? path.resolve(dir, ...parts) : undefined;
}

/** `datasource db { provider = "mysql" … }`: the database a Prisma schema's client connects to (a literal, as Prisma requires). */
const PRISMA_DATASOURCE = /^\s*datasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*"(\w+)"/gm;

/**
 * The database the project's Prisma schemas name (`schema.prisma`, or the files of a multi-file
 * `prisma/schema/` folder), down to three folders below the root: PostgreSQL when any names it,
 * else the first named. Undefined without one (or with MongoDB's, not a SQL database).
 */
export function detectPrismaDialect(root: string): ProjectDialect | undefined {
  const found: ProjectDialect[] = [];
  for (const file of filesNamed(root, (name) => name.endsWith('.prisma'), 3)) {
    if (path.basename(file) !== 'schema.prisma' && path.basename(path.dirname(file)) !== 'schema') continue;
    for (const m of readText(file)?.matchAll(PRISMA_DATASOURCE) ?? []) {
      const dialect = dialectOfName(m[1]);
      if (dialect) found.push({ dialect, source: `the Prisma datasource in ${path.relative(root, file)}` });
    }
  }
  return found.find((f) => f.dialect === 'postgresql') ?? found[0];
}

/**
 * The dialects of the database drivers the project installs (`pg` for PostgreSQL, `mysql2` for
 * MySQL…), in package.json, or Python's requirements files, setup.py, setup.cfg, pyproject.toml
 * and Pipfile, of the root or of the folders two levels below it (a monorepo's `backend/`, its
 * `packages/api/`, a `requirements/` folder; examples and tests left out): what its ORM can connect to.
 * The weakest evidence, asked only when no configuration and no connection setting in code names a
 * dialect (a data source kept where no tool looks, a URL built at run time); PostgreSQL first.
 */
export function detectDriverDialect(root: string): ProjectDialect | undefined {
  // One walk for both kinds of manifest (Python's first: their order is the evidence's).
  const manifests = filesNamed(root, ['package.json', ...PYTHON_MANIFESTS], 2);
  const ordered = [...manifests.filter((f) => path.basename(f) !== 'package.json'), ...manifests.filter((f) => path.basename(f) === 'package.json')];
  const found = ordered.flatMap((file) => driversInManifest(file).map((d) => ({ dialect: d.dialect, source: `${d.what} in ${path.relative(root, file)}` })));
  const pg = found.find((f) => f.dialect === 'postgresql');
  if (pg || !found.length) return pg;
  const others = [...new Set(found.map((f) => f.dialect))].filter((d) => d !== found[0].dialect);
  return others.length ? { ...found[0], others } : found[0];
}

/** The database drivers one manifest installs: npm's in a package.json, PyPI's (or an extra that installs one) in the others. */
function driversInManifest(file: string): { dialect: Dialect; what: string }[] {
  const found: { dialect: Dialect; what: string }[] = [];
  if (path.basename(file) === 'package.json') {
    for (const name of npmDependencies(file)) if (DRIVERS[name]) found.push({ dialect: DRIVERS[name], what: `the ${name} driver` });
    return found;
  }
  const text = readText(file);
  for (const m of text?.matchAll(PYTHON_DRIVER) ?? []) found.push({ dialect: PYTHON_DRIVERS[m[1].toLowerCase().replace(/_/g, '-')], what: `the ${m[1]} driver` });
  // `oslo.db[mysql]`, `SQLAlchemy[postgresql_asyncpg]`: an extra that installs a driver.
  for (const m of text?.matchAll(PYTHON_EXTRAS) ?? []) {
    for (const extra of m[2].split(',')) {
      const dialect = dialectOfFolderName(extra.trim()) ?? PYTHON_DRIVERS[extra.trim().toLowerCase().replace(/_/g, '-')];
      if (dialect) found.push({ dialect, what: `${m[1]}[${extra.trim()}]` });
    }
  }
  return found;
}

/** The dependencies a package.json lists (runtime and development); none where it cannot be read. */
function npmDependencies(file: string): string[] {
  const manifest = readText(file);
  if (!manifest) return [];
  try {
    const json = JSON.parse(manifest) as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
    return Object.keys({ ...json.dependencies, ...json.devDependencies });
  } catch {
    return [];
  }
}

/**
 * The dialects of the drivers one application's own manifests install (its package.json, its
 * requirements): what it can connect to.
 */
export function applicationDriverDialects(dir: string): Set<Dialect> {
  return new Set(['package.json', ...PYTHON_MANIFESTS].flatMap((m) => driversInManifest(path.join(dir, m)).map((d) => d.dialect)));
}

/** The dialects of the npm drivers the package.json files of the root and two levels below it install. */
function npmDriverDialects(root: string): Set<Dialect> {
  const out = new Set<Dialect>();
  for (const file of filesNamed(root, 'package.json', 2)) for (const name of npmDependencies(file)) if (DRIVERS[name]) out.add(DRIVERS[name]);
  return out;
}

/** Where Python projects list what they install. */
export const PYTHON_MANIFESTS: readonly string[] = [
  'requirements.txt', 'requirements-prod.txt', 'requirements-production.txt', 'base.txt', 'prod.txt', 'production.txt',
  'setup.py', 'setup.cfg', 'pyproject.toml', 'Pipfile',
];

/** PyPI packages that connect SQLAlchemy to a database, by the dialect they speak. */
const PYTHON_DRIVERS: Record<string, Dialect> = {
  'psycopg2': 'postgresql', 'psycopg2-binary': 'postgresql', 'psycopg': 'postgresql', 'asyncpg': 'postgresql', 'pg8000': 'postgresql',
  'mysqlclient': 'mysql', 'pymysql': 'mysql', 'mysql-connector-python': 'mysql', 'aiomysql': 'mysql', 'asyncmy': 'mysql', 'mysql-python': 'mysql',
  'cx-oracle': 'oracle', 'oracledb': 'oracle', 'pymssql': 'mssql', 'pyodbc': 'mssql',
};

/** A requirement naming one of them: at a line's start (`mysqlclient==1.3.7`) or quoted (`"psycopg2>=2.9"`), not inside another name. */
const PYTHON_DRIVER = new RegExp(`(?:^|["'\\s])(${Object.keys(PYTHON_DRIVERS).map((n) => n.replace(/-/g, '[-_]')).join('|')})(?=\\s*(?:[<>=!~;\\[,"']|$))`, 'gim');

/** A requirement with extras (`oslo.db[mysql]>=8.4.0`), at a line's start or quoted: the package and its extras. */
const PYTHON_EXTRAS = /(?:^|["'\s])([A-Za-z0-9][\w.-]*)\[([\w\s,.-]+)\](?=\s*(?:[<>=!~;,"']|$))/gm;

/** npm packages that connect to a database, by the dialect they speak. */
const DRIVERS: Record<string, Dialect> = {
  pg: 'postgresql', 'pg-promise': 'postgresql', postgres: 'postgresql', '@neondatabase/serverless': 'postgresql',
  mysql: 'mysql', mysql2: 'mysql', mariadb: 'mysql',
  sqlite3: 'sqlite', 'better-sqlite3': 'sqlite', 'sql.js': 'sqlite',
  tedious: 'mssql', mssql: 'mssql',
  oracledb: 'oracle',
};

const NOT_SEARCHED = /^(?:node_modules|\.\w.*|venv|env|site-packages|dist|build|out|tests?|__tests__|fixtures?|docs?|examples?)$/;

/**
 * The files of a name (or of any of `names`) in `root` and the folders below it, down to `depth` levels (tests and
 * dependencies left out), breadth first, reading at most `maxFolders` folders (a workspace opened
 * at a home directory is not walked).
 */
export function filesNamed(root: string, names: string | readonly string[] | ((name: string) => boolean), depth: number, maxFolders = 2000): string[] {
  const set = typeof names === 'function' ? undefined : new Set(typeof names === 'string' ? [names] : names);
  const wanted = { has: (name: string) => (typeof names === 'function' ? names(name) : set!.has(name)) };
  const found: string[] = [];
  let level: string[] = [root];
  let visited = 0;
  for (let d = 0; d <= depth && level.length; d++) {
    const next: string[] = [];
    for (const dir of level) {
      if (++visited > maxFolders) return found;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isFile() && wanted.has(e.name)) found.push(path.join(dir, e.name));
        else if (e.isDirectory() && d < depth && !NOT_SEARCHED.test(e.name)) next.push(path.join(dir, e.name));
      }
    }
    level = next;
  }
  return found;
}


/**
 * The project's dialect: the configured one, else PostgreSQL when any configuration names it (a test
 * setup on SQLite beside production on PostgreSQL is a PostgreSQL project), else the one the
 * configuration names, else PostgreSQL.
 */
export function detectDialect(root: string, configured?: Dialect, env: NodeJS.ProcessEnv = process.env): ProjectDialect {
  if (configured) return { dialect: configured, source: 'schemasense.json' };
  let found = evidence(root, env);
  // A Node ORM's configuration naming a database whose driver no manifest installs cannot connect
  // to it: a leftover (sequelize-cli's generated `config.json` naming MySQL in a project that
  // installs `pg` and gives Sequelize `dialect: 'postgres'` in code). Where manifests name drivers.
  if (found.some((f) => f.npm)) {
    const installed = npmDriverDialects(root);
    if (installed.size) found = found.filter((f) => !f.npm || installed.has(f.dialect));
  }
  const chosen = found.find((f) => f.dialect === 'postgresql') ?? found[0];
  return chosen ? { dialect: chosen.dialect, source: chosen.source } : { dialect: 'postgresql' };
}
