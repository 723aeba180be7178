/**
 * What the readers extracted from each file, kept on disk between sessions, keyed by the file's
 * content: reopening a workspace reads facts instead of parsing every file again. One file per
 * workspace folder, in the editor's storage or the user's cache folder; a file whose text changed is
 * parsed again, and a cache written by another version of Schema Sense is ignored.
 *
 * The file is a header line and one line per source file (`["path","hash","kind"]<TAB><facts
 * JSON>`), written a chunk at a time: one JSON document of every file's facts was a string twice
 * the size of all the facts, built in memory to be written (at 20,000 files, 650 MB more at peak).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FileKind } from './classify';

/** Changes whenever what the readers extract changes: older caches are then ignored. */
const FORMAT = 'schemasense-facts-2';

/** Lines are written in chunks of about this many characters. */
const CHUNK = 1 << 20;

export interface CachedFacts {
  kind: FileKind;
  /** The facts as the parse workers send them (compact JSON). */
  json: string;
}

interface CacheFile {
  entries: Record<string, { hash: string; kind: FileKind; json: string }>;
}

/**
 * The key of a module read only because model or migration code imports from it (a constant, a
 * base class, a barrel): apart from the workspace's own files, so that a later scan does not take
 * the module's cached facts for the file's classification (it classifies as nothing of its own).
 */
export function importedModuleKey(file: string): string {
  return `${file}${IMPORTED_MODULE}`;
}

const IMPORTED_MODULE = '\u0000imported';

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * The folder caches go to: `SCHEMASENSE_CACHE_DIR`, else the editor's storage (given by the client),
 * else `$XDG_CACHE_HOME/schemasense` or `~/.cache/schemasense`. `SCHEMASENSE_CACHE=off` disables it.
 */
export function cacheDirectory(editorStorage?: string): string | undefined {
  if (process.env.SCHEMASENSE_CACHE === 'off') return undefined;
  if (process.env.SCHEMASENSE_CACHE_DIR) return process.env.SCHEMASENSE_CACHE_DIR;
  if (editorStorage) return editorStorage;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'schemasense');
}

/**
 * Creates the cache folder one level at a time below its nearest existing ancestor. Never under
 * the kernel's pseudo file systems (/proc, /sys, /dev), where a recursive mkdir can loop forever;
 * a bounded number of levels, and only below a real directory.
 */
export async function ensureCacheDirectory(dir: string): Promise<void> {
  const target = path.resolve(dir);
  if (/^\/(proc|sys|dev)(\/|$)/.test(target)) throw new Error(`${target} is not a place for a cache`);
  const missing: string[] = [];
  let d = target;
  for (;;) {
    try {
      const stat = await fs.promises.stat(d);
      if (!stat.isDirectory()) throw new Error(`${d} is not a directory`);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    missing.push(d);
    const parent = path.dirname(d);
    if (parent === d || missing.length > 32) throw new Error(`${target} cannot be created`);
    d = parent;
  }
  for (const m of missing.reverse()) await fs.promises.mkdir(m).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'EEXIST') throw e; });
}

export class FactsCache {
  private entries: CacheFile['entries'] = {};
  /** Facts parsed on this thread, encoded only when the cache is written (not during the scan). */
  private readonly lazy = new Map<string, { hash: string; kind: FileKind; encode: () => string }>();
  private dirty = false;

  private constructor(private readonly file: string, private readonly version: string) {}

  /** The cache of a workspace folder; empty when there is none yet or it cannot be read. */
  static async open(directory: string, root: string, version: string): Promise<FactsCache> {
    const cache = new FactsCache(path.join(directory, `${contentHash(root).slice(0, 16)}.json`), version);
    try {
      cache.entries = parseCacheFile(await fs.promises.readFile(cache.file, 'utf8'), version);
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return cache;
  }

  /** The hash the cache holds facts for (the caller compares it with the file's own). */
  hashOf(file: string): string | undefined {
    return this.entries[file]?.hash;
  }

  get(file: string, hash: string): CachedFacts | undefined {
    const e = this.entries[file];
    return e && e.hash === hash ? { kind: e.kind, json: e.json } : undefined;
  }

  set(file: string, hash: string, facts: CachedFacts): void {
    this.lazy.delete(file);
    const e = this.entries[file];
    if (e && e.hash === hash && e.json === facts.json) return;
    this.entries[file] = { hash, kind: facts.kind, json: facts.json };
    this.dirty = true;
  }

  /** Facts to keep, encoded when the cache is written. */
  setLazy(file: string, hash: string, kind: FileKind, encode: () => string): void {
    if (this.entries[file]?.hash === hash) return;
    this.lazy.set(file, { hash, kind, encode });
    this.dirty = true;
  }

  /** Keeps only these files (the others were deleted or excluded). */
  retain(files: ReadonlySet<string>): void {
    for (const f of Object.keys(this.entries)) {
      if (files.has(f.endsWith(IMPORTED_MODULE) ? f.slice(0, -IMPORTED_MODULE.length) : f)) continue;
      delete this.entries[f];
      this.dirty = true;
    }
    for (const f of this.lazy.keys()) if (!files.has(f.endsWith(IMPORTED_MODULE) ? f.slice(0, -IMPORTED_MODULE.length) : f)) this.lazy.delete(f);
  }

  /** Writes the cache if it changed: to a temporary file first, so that a crash leaves no half file. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    for (const [file, { hash, kind, encode }] of this.lazy) {
      try {
        this.entries[file] = { hash, kind, json: encode() };
      } catch {
        delete this.entries[file];
      }
    }
    this.lazy.clear();
    const tmp = `${this.file}.${process.pid}.tmp`;
    let handle: fs.promises.FileHandle | undefined;
    try {
      await ensureCacheDirectory(path.dirname(this.file));
      handle = await fs.promises.open(tmp, 'w');
      let chunk = `${JSON.stringify({ format: FORMAT, version: this.version })}\n`;
      for (const [file, e] of Object.entries(this.entries)) {
        chunk += `${JSON.stringify([file, e.hash, e.kind])}\t${e.json}\n`;
        if (chunk.length >= CHUNK) {
          await handle.write(chunk);
          chunk = '';
        }
      }
      await handle.write(chunk);
      await handle.close();
      handle = undefined;
      await fs.promises.rename(tmp, this.file);
      this.dirty = false;
    } catch {
      // A cache is an optimisation: failing to write it changes nothing else.
      await handle?.close().catch(() => undefined);
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * The entries of a cache file written by this format and readers' version; none otherwise. A
 * damaged line (a crash cannot leave one: the file is renamed into place whole) is skipped.
 */
function parseCacheFile(text: string, version: string): CacheFile['entries'] {
  const entries: CacheFile['entries'] = {};
  let end = text.indexOf('\n');
  if (end < 0) return entries;
  const header = JSON.parse(text.slice(0, end)) as { format?: string; version?: string };
  if (header.format !== FORMAT || header.version !== version) return entries;
  for (let start = end + 1; start < text.length; start = end + 1) {
    end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab < 0 || tab > end) continue;
    try {
      const [file, hash, kind] = JSON.parse(text.slice(start, tab)) as [string, string, FileKind];
      if (typeof file === 'string' && typeof hash === 'string') entries[file] = { hash, kind, json: text.slice(tab + 1, end) };
    } catch {
      // skipped
    }
  }
  return entries;
}
