/**
 * Finds the files to analyse under a workspace root and reads them safely: skips dependency and
 * build folders, follows no directory links (no loops), and says why a file could not be read.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { matchesGlob } from './glob';
import type { SchemaSenseConfig } from './config';

export const EXCLUDED_DIRECTORIES = new Set([
  'node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache',
  '.pytest_cache', '.ruff_cache', 'site-packages', 'dist', 'build', 'out', '.next', 'coverage', '.idea',
  // Copies of the project's own files kept by tools: the editor's Local History extension (every saved
  // version, `user.entity_20240611093012.ts`), deploy and build caches that bundle the sources.
  '.history', '.serverless', '.aws-sam', '.vercel', '.netlify', '.output', '.nuxt', '.svelte-kit', '.angular',
  '.turbo', '.nx', '.cache', '.parcel-cache', '.webpack', '.yarn', '.pnpm-store',
]);
export const SOURCE_EXTENSIONS = ['.py', '.ts', '.js', '.mjs', '.cjs', '.mts', '.cts'];
/** Larger files are generated or data, not hand-written models; reading them would stall the editor. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export interface SkippedFile {
  file: string;
  reason: string;
}

/**
 * JSON files that may configure the ORM: sequelize-cli's `config/config.json` (model options for
 * every model), and the package manifest (a framework that makes the data source itself).
 */
export const CONFIG_JSON = /(?:^|[\\/])(?:(?:config|database|db|sequelize)[\w.-]*|package)\.json$/i;

export function isSourceCandidate(file: string): boolean {
  // Declaration files and minified bundles are never models or migrations.
  if (file.endsWith('.d.ts') || /\.min\.[cm]?js$/.test(file)) return false;
  return SOURCE_EXTENSIONS.some((ext) => file.endsWith(ext)) || CONFIG_JSON.test(file);
}

/**
 * SQL migrations run by a tool outside the ORM, by their names: Flyway's versioned
 * `V2__add_orders.sql` and repeatable `R__views.sql`, golang-migrate's `0002_add_orders.up.sql`,
 * Postgrator's `0002.do.add_orders.sql`,
 * Prisma Migrate's `migrations/<name>/migration.sql`, numbered SQL files
 * (`20240101000000_add_orders.sql`: dbmate, Supabase, a script running psql) — see sqlMigrations.ts
 * for the folders that make them a chain.
 */
export function isSqlMigrationName(name: string): boolean {
  return /^(?:V\d+(?:[._]\d+)*__.+|R__.+|\d+_.+\.up|\d+\.do(?:\..+)?|migration|\d{3,}[_-](?!.*\.down\.sql$).+)\.sql$/.test(name);
}

export function toRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Whether the configured include/exclude globs admit this file (absolute path). */
export function isIncluded(root: string, file: string, config: SchemaSenseConfig): boolean {
  const rel = toRelative(root, file);
  if (rel.startsWith('..')) return false;
  if (rel.split('/').slice(0, -1).some((d) => EXCLUDED_DIRECTORIES.has(d))) return false;
  if (config.exclude.some((g) => matchesGlob(rel, g))) return false;
  if (config.include.length && !config.include.some((g) => matchesGlob(rel, g))) return false;
  return true;
}

export async function discoverFiles(root: string, config: SchemaSenseConfig): Promise<{ files: string[]; skipped: SkippedFile[]; sqlMigrations: string[] }> {
  const files: string[] = [];
  const sqlMigrations: string[] = [];
  const skipped: SkippedFile[] = [];
  let rootReal: Promise<string> | undefined;
  const realRoot = () => (rootReal ??= fs.promises.realpath(root).catch(() => path.resolve(root)));
  const walk = async (dir: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (dir === root) throw e;
      skipped.push({ file: dir, reason: `folder not readable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    // Packages installed into the project (`pip install --target libs`, a vendored copy of the ORM
    // itself): a folder with `*.dist-info` beside them is someone else's code, not the project's.
    if (dir !== root && entries.some((e) => e.isDirectory() && e.name.endsWith('.dist-info'))) return;
    const subdirs: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!EXCLUDED_DIRECTORIES.has(entry.name) && !entry.name.endsWith('.egg-info') && !isVendoredOrm(full, entry.name)) subdirs.push(full);
      } else if (entry.isFile() && isSqlMigrationName(entry.name)) {
        if (isIncluded(root, full, config)) sqlMigrations.push(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isSourceCandidate(entry.name)) {
        if (!isIncluded(root, full, config)) continue;
        if (entry.isSymbolicLink()) {
          // A link out of the workspace (to ~/.ssh, to /etc) is not read: the workspace is what is analysed.
          const target = await fs.promises.realpath(full).catch(() => undefined);
          if (target && !isInside(await realRoot(), target)) {
            skipped.push({ file: full, reason: 'is a link to a file outside the workspace; not followed' });
            continue;
          }
        }
        files.push(full);
      }
    }
    await Promise.all(subdirs.map(walk));
  };
  await walk(root);
  files.sort();
  sqlMigrations.sort();
  return { files, skipped, sqlMigrations };
}

/**
 * A copy of an ORM's or migration tool's own source inside the project (`libs/sqlalchemy/`,
 * `vendor/alembic/`): its classes are the library's, never the project's models or migrations. A
 * project's own `alembic/` folder (env.py, versions/) is not one: the library has `runtime/`.
 */
function isVendoredOrm(full: string, name: string): boolean {
  if (name === 'sqlalchemy') return fs.existsSync(path.join(full, 'orm', '__init__.py'));
  if (name === 'alembic') return fs.existsSync(path.join(full, 'runtime', 'migration.py'));
  if (name === 'sqlmodel' || name === 'flask_sqlalchemy') return fs.existsSync(path.join(full, '__init__.py')) && !fs.existsSync(path.join(full, 'versions'));
  return false;
}

/** Whether `file` is a link whose target lies outside `root` (such links are not followed). */
export async function isLinkOutside(root: string, file: string): Promise<boolean> {
  const stat = await fs.promises.lstat(file).catch(() => undefined);
  if (!stat?.isSymbolicLink()) return false;
  const target = await fs.promises.realpath(file).catch(() => undefined);
  if (!target) return false;
  const realRoot = await fs.promises.realpath(root).catch(() => path.resolve(root));
  return !isInside(realRoot, target);
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export type ReadResult = { text: string } | { skipped: string };

// The callback functions, promisified: Node's `fs.promises.readFile` goes through a FileHandle (an
// open, a stat, reads and a close, each a promise of its own) and costs four to five times as much
// for the many small files of a workspace (8,284 files: 1.0–1.4 s against 0.23–0.31 s).
const statFile = util.promisify(fs.stat);
const readFile = util.promisify(fs.readFile);

/** Reads a source file, refusing what is not a regular text file of a sensible size. */
export async function readSourceFile(file: string): Promise<ReadResult> {
  let stat: fs.Stats;
  try {
    stat = await statFile(file);
  } catch (e) {
    return { skipped: `cannot be read (${describeError(e)})` };
  }
  if (!stat.isFile()) return { skipped: 'is not a regular file' };
  if (stat.size > MAX_FILE_BYTES) return { skipped: `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB (${(stat.size / 1024 / 1024).toFixed(1)} MiB); not analysed` };
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (e) {
    return { skipped: `cannot be read (${describeError(e)})` };
  }
  return decodeSource(buffer);
}

/**
 * The same, blocking: for worker threads, where blocking stalls no one and saves the cost of
 * asynchronous calls. It checks what the path is before opening it (a pipe would block an open).
 */
export function readSourceFileSync(file: string): ReadResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    return { skipped: `cannot be read (${describeError(e)})` };
  }
  if (!stat.isFile()) return { skipped: 'is not a regular file' };
  if (stat.size > MAX_FILE_BYTES) return { skipped: `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB (${(stat.size / 1024 / 1024).toFixed(1)} MiB); not analysed` };
  try {
    return decodeSource(fs.readFileSync(file));
  } catch (e) {
    return { skipped: `cannot be read (${describeError(e)})` };
  }
}

/**
 * The text of a source file. A UTF-8 byte order mark is not part of the text: editors do not show
 * it or count it in columns, so positions on the first line would be off by one with it.
 */
export function decodeSource(buffer: Buffer): ReadResult {
  // Binary: NUL bytes, one in a hundred of the first 8 KiB or more — a source file may hold one
  // written as such (`value.replace(/<NUL>/g, '')` in a regular expression) and still be text.
  const sample = buffer.subarray(0, 8192);
  let nul = 0;
  for (let i = sample.indexOf(0); i >= 0; i = sample.indexOf(0, i + 1)) nul++;
  if (nul && nul * 100 >= sample.length) return { skipped: 'is binary, not text' };
  const text = buffer.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function describeError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'it does not exist, or is a broken link';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder';
    case 'ELOOP': return 'a link loop';
    default: return err.code ?? err.message;
  }
}
