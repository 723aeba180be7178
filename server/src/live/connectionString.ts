/**
 * Where the live database comes from, in DESIGN.md's order: the editor's stored connection or the
 * `schemasense.databaseUrl` setting (both handed in by the caller), `DATABASE_URL` in the
 * environment or the workspace `.env`, `sqlalchemy.url` in alembic.ini, a TypeORM data source /
 * ormconfig, Sequelize's config/config.json. Passwords never leave this module in text meant for
 * people: `redactUrl` is what messages and logs show.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseConnectionString } from 'pg-connection-string';

export interface ResolvedConnection {
  url: string;
  /** Where it came from, for the status bar and messages (never the URL itself). */
  source: string;
}

export interface ConnectionInputs {
  /** The editor's stored connection (password from SecretStorage) or the setting / `--database-url`. */
  explicit?: { url: string; source: string };
  env?: NodeJS.ProcessEnv;
}

/** `postgresql+psycopg2://…`, `postgres://…` → a URL node-postgres accepts; undefined when not PostgreSQL. */
export function normaliseUrl(raw: string): string | undefined {
  const url = raw.trim().replace(/^["']|["']$/g, '');
  const m = /^(postgres(?:ql)?)(\+[\w]+)?:\/\//i.exec(url);
  if (!m) return undefined;
  return `postgresql://${url.slice(m[0].length)}`;
}

/** A connection string that is refused before any connection is tried. */
export class ConnectionStringError extends Error {}

/**
 * Why a connection string cannot be used safely, or undefined. Its parts are read the way the
 * driver reads them (pg-connection-string); a password holding an unencoded `@`, `/`, `#` or `?`
 * makes the driver see another host and part of the password as a database name — it would send
 * that part of the secret to the wrong host, so it is refused instead.
 */
export function connectionProblem(url: string): string | undefined {
  const afterScheme = url.indexOf('://');
  if (afterScheme < 0) return 'it is not a postgresql:// URL';
  const rest = url.slice(afterScheme + 3);
  const authorityEnd = rest.search(/[/?#]/);
  if (authorityEnd >= 0 && rest.slice(0, authorityEnd).includes(':') && rest.slice(authorityEnd).includes('@')) {
    return 'its password seems to hold an unencoded "@", "/", "#" or "?", which would make the driver connect to another host; write them as %40, %2F, %23 and %3F';
  }
  try {
    const parsed = parseConnectionString(url);
    if (!parsed.host && !parsed.database) return 'it names neither a host nor a database';
  } catch {
    return 'it is not a valid URL';
  }
  return undefined;
}

/**
 * What people and logs may see of a connection: user, host, port and database as the driver reads
 * them, never the password or query parameters. A string that cannot be read safely is not echoed.
 */
export function redactUrl(url: string): string {
  if (connectionProblem(url)) return 'a database URL that cannot be read safely';
  try {
    const c = parseConnectionString(url);
    const user = c.user ? `${c.user}@` : '';
    const port = c.port ? `:${c.port}` : '';
    return `postgresql://${user}${c.host ?? ''}${port}/${c.database ?? ''}`;
  } catch {
    return 'a database URL that cannot be read safely';
  }
}

/** Removes any part of the password from a text (an error message may quote the URL or the host it saw). */
export function redactText(text: string, url: string): string {
  let out = text.split(url).join(redactUrl(url));
  const secrets = new Set<string>();
  try {
    const password = parseConnectionString(url).password;
    if (password) secrets.add(password);
    new URL(url).searchParams.forEach((value, key) => {
      if (/pass|secret|token|key/i.test(key) && value) secrets.add(value);
    });
  } catch {
    // unreadable: the raw userinfo below is all there is
  }
  // The whole would-be password as written (up to the last "@"), and its pieces as a confused
  // parser may have split it into host, port or database.
  const m = /^[^:]+:\/\/[^:/@]*:(.*)@[^@]*$/s.exec(url);
  if (m) {
    secrets.add(m[1]);
    try {
      secrets.add(decodeURIComponent(m[1]));
    } catch {
      // not percent-encoded
    }
    for (const piece of m[1].split(/[@/#?:]/)) if (piece.length >= 3) secrets.add(piece);
  }
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret) out = out.split(secret).join('***');
  return out.replace(/(postgres(?:ql)?(?:\+\w+)?:\/\/[^:/@\s]*:)\S*@/gi, '$1***@');
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `DATABASE_URL=…` in a dotenv file (quotes and `export` allowed; `${VAR}` is not expanded). */
function fromDotEnv(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?DATABASE_URL\s*=\s*(.*?)\s*$/.exec(line);
    if (m && m[1] && !m[1].includes('${')) return m[1].replace(/^["']|["']$/g, '');
  }
  return undefined;
}

/** `sqlalchemy.url = …` in the `[alembic]` section; `%(VAR)s` interpolation makes it unusable. */
function fromAlembicIni(text: string): string | undefined {
  const m = /^\s*sqlalchemy\.url\s*=\s*(\S+)\s*$/m.exec(text);
  return m && !m[1].includes('%(') && !m[1].includes('driver://') ? m[1] : undefined;
}

/** A URL in a TypeORM data source or ormconfig (`url: "…"`), or its host/user/password/database fields. */
function fromTypeOrm(text: string): string | undefined {
  const url = /\burl\s*:\s*["'`](postgres(?:ql)?:\/\/[^"'`]+)["'`]/.exec(text) ?? /"url"\s*:\s*"(postgres(?:ql)?:\/\/[^"]+)"/.exec(text);
  if (url) return url[1];
  if (!/["']?type["']?\s*:\s*["'](postgres|postgresql)["']/.test(text)) return undefined;
  const field = (name: string) => new RegExp(`["']?${name}["']?\\s*:\\s*["'\`]?([^"'\`,\\s}]+)`).exec(text)?.[1];
  const database = field('database');
  if (!database || database.includes('process.env')) return undefined;
  const user = field('username');
  const password = field('password');
  const host = field('host') ?? 'localhost';
  const port = field('port') ?? '5432';
  if ([user, password, host, port].some((v) => v?.includes('process.env'))) return undefined;
  const auth = user ? `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  return `postgresql://${auth}${host}:${port}/${database}`;
}

/** Sequelize's config/config.json: the `development` entry (or `NODE_ENV`'s), when its dialect is postgres. */
function fromSequelizeConfig(text: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const config = JSON.parse(text) as Record<string, Record<string, string | number | undefined>>;
    const entry = config[env.NODE_ENV ?? 'development'] ?? config.development;
    if (!entry) return undefined;
    if (typeof entry.use_env_variable === 'string') return env[entry.use_env_variable];
    if (entry.dialect !== 'postgres') return undefined;
    const auth = entry.username ? `${encodeURIComponent(String(entry.username))}${entry.password ? `:${encodeURIComponent(String(entry.password))}` : ''}@` : '';
    return `postgresql://${auth}${entry.host ?? 'localhost'}:${entry.port ?? 5432}/${entry.database}`;
  } catch {
    return undefined;
  }
}

/** The first usable connection in DESIGN.md's order, or undefined: then the embedded database serves. */
export function resolveConnection(root: string, inputs: ConnectionInputs = {}): ResolvedConnection | undefined {
  const env = inputs.env ?? process.env;
  const candidates: [() => string | undefined, string][] = [
    [() => inputs.explicit?.url, inputs.explicit?.source ?? ''],
    [() => env.DATABASE_URL, 'DATABASE_URL in the environment'],
    [() => { const t = readIfExists(path.join(root, '.env')); return t && fromDotEnv(t); }, 'DATABASE_URL in .env'],
    [() => { const t = readIfExists(path.join(root, 'alembic.ini')); return t && fromAlembicIni(t); }, 'sqlalchemy.url in alembic.ini'],
    ...['data-source.ts', 'src/data-source.ts', 'ormconfig.json', 'ormconfig.js', 'ormconfig.ts'].map(
      (f): [() => string | undefined, string] => [() => { const t = readIfExists(path.join(root, f)); return t && fromTypeOrm(t); }, `TypeORM ${f}`],
    ),
    [() => { const t = readIfExists(path.join(root, 'config', 'config.json')); return t && fromSequelizeConfig(t, env); }, "Sequelize's config/config.json"],
  ];
  for (const [i, [read, source]] of candidates.entries()) {
    const raw = read();
    const url = raw && normaliseUrl(raw);
    // A URL given on purpose (the setting, --database-url, the editor's connection) that cannot be
    // used is an error, never a reason to read another database instead.
    if (i === 0 && raw && raw.trim() && !url) throw new ConnectionStringError(`The database URL from ${source || 'the request'} is not a PostgreSQL URL (postgresql://user@host:port/database).`);
    if (!url) continue;
    const problem = connectionProblem(url);
    if (problem) throw new ConnectionStringError(`The database URL from ${source} cannot be used: ${problem}.`);
    return { url, source };
  }
  return undefined;
}
