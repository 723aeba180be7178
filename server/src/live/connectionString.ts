/**
 * Where the live database comes from, in DESIGN.md's order: the editor's stored connection or the
 * `schemasense.databaseUrl` setting (both handed in by the caller), `DATABASE_URL` in the
 * environment or the workspace `.env`, `sqlalchemy.url` in alembic.ini, a TypeORM data source /
 * ormconfig, Sequelize's config/config.json. Passwords never leave this module in text meant for
 * people: `redactUrl` is what messages and logs show.
 */
import * as fs from 'fs';
import * as path from 'path';

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

/** The URL with its password replaced: what people and logs may see. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    u.searchParams.forEach((_, key) => {
      if (/pass/i.test(key)) u.searchParams.set(key, '***');
    });
    return u.toString();
  } catch {
    return url.replace(/:\/\/([^:/@]*):[^@]*@/, '://$1:***@');
  }
}

/** Removes any password from a text (an error message may quote the URL). */
export function redactText(text: string, url: string): string {
  let out = text;
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) out = out.split(password).join('***');
  } catch {
    // not a URL: nothing to hide
  }
  return out.replace(/(postgres(?:ql)?(?:\+\w+)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
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
  for (const [read, source] of candidates) {
    const raw = read();
    const url = raw && normaliseUrl(raw);
    if (url) return { url, source };
  }
  return undefined;
}
