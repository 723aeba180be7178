/**
 * Worker thread for the cold scan: reads, classifies and parses batches of files into facts. The
 * facts cross back as JSON; syntax trees never leave the worker.
 */
import { parentPort, Worker } from 'worker_threads';
import { CompactLocation, withCompactLocations } from '../../model/source';
import { classifyFile, FileKind } from '../../workspace/classify';
import { ReadResult, readSourceFileSync } from '../../workspace/discover';
import { contentHash } from '../../workspace/factsCache';
import { parseSuppressions, type Suppressions } from '../../workspace/suppressionComments';
import { loadPostgresParser } from '../sql/postgres';
import { readAlembicMigration } from './alembic';
import { readMigrationHelperFunctions } from './alembicOperations';
import type { AlembicMigrationFacts } from '../../facts/alembic';
import { readSqlAlchemyModels } from './sqlalchemy';
import { pythonParser } from './treeSitter';
import * as fs from 'fs';
import * as path from 'path';
import type { DecoratorWrapper, OrmModelFacts, ProvidedLiteral } from '../../facts/orm';

type TsReaders = typeof import('../typescript/readers');
let tsReaders: TsReaders | undefined;

/**
 * The TypeScript readers, loaded on first use: from their own bundle next to this one when
 * bundled (dist/tsReaders.js), else from the compiled sources. The require is computed, so that
 * the bundler leaves the readers — and the TypeScript compiler — out of the server bundle.
 */
function loadTsReaders(): TsReaders {
  if (!tsReaders) {
    const bundled = path.join(__dirname, 'tsReaders.js');
    const load = require as (id: string) => TsReaders;
    tsReaders = load(fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'typescript', 'readers'));
  }
  return tsReaders;
}

/** The TypeScript compiler the readers carry (the resolution layer uses its module resolution). */
export function typescriptCompiler(): typeof import('typescript') {
  return loadTsReaders().typescript();
}
import type { PyModuleFacts } from '../../facts/sqlalchemy';

export interface ParseItem {
  file: string;
  text: string;
  kind: FileKind;
  /** TypeORM: the project's decorators that apply TypeORM's (see DecoratorWrapper), for entities written with them. */
  decoratorWrappers?: Record<string, DecoratorWrapper>;
  /** A TypeORM/Sequelize file read again: the literals other modules lend it, by key (see parsers/typescript/lentLiterals.ts). */
  importedLiterals?: Record<string, ProvidedLiteral>;
}

/** A file to read, classify and parse, unless its content still has the hash of its cached facts. */
export interface PathItem {
  file: string;
  /** The caller keeps a facts cache: the result carries the content's hash. */
  hash?: boolean;
  cachedHash?: string;
}

/** Files to read, classify and parse. */
export interface ParseRequest {
  id: number;
  paths: PathItem[];
}

/**
 * What a worker says of one file: facts as JSON (see factsToJson), cheaper to send and read than a
 * structured clone; or the facts themselves, when the main thread read the file.
 */
export type ParseResult = { json: string } | { facts: Facts } | { error: string } | { deferred: true };

/** What a worker says of one path it read itself. */
export type PathResult =
  | { skipped: string }
  /** Neither models nor migrations. */
  | { ignored: true }
  /** Unchanged since its facts were cached: not parsed. */
  | { hash: string; cached: true; suppressions: Suppressions }
  /**
   * `hash` is empty unless the item asked for it. The text comes back only for a file left to the
   * caller to parse (`deferred`): facts and ignore comments are all that is kept of a file.
   */
  | { kind: FileKind; text?: string; hash: string; result: ParseResult; suppressions: Suppressions };

/**
 * Reads, classifies and parses one file (the one place that does, for workers and the main thread
 * alike); `encode` gives the facts as JSON, for another thread and for the cache.
 */
export async function readPath(
  item: PathItem, read: (file: string) => ReadResult | Promise<ReadResult>, encode: boolean, beforeParse?: () => Promise<void>,
  parses: (kind: FileKind) => boolean = () => true,
): Promise<PathResult> {
  const r = await read(item.file);
  if ('skipped' in r) return { skipped: r.skipped };
  const hash = item.hash || item.cachedHash ? contentHash(r.text) : '';
  if (item.cachedHash === hash) return { hash, cached: true, suppressions: parseSuppressions(r.text) };
  const kind = classifyFile(item.file, r.text);
  if (!kind) return { ignored: true };
  if (!parses(kind)) return { kind, text: r.text, hash, result: { deferred: true }, suppressions: parseSuppressions(r.text) };
  await beforeParse?.();
  let result: ParseResult;
  try {
    const facts = await readFacts({ file: item.file, text: r.text, kind });
    result = encode ? { json: anyFactsToJson(kind, facts) } : { facts };
  } catch (e) {
    result = { error: (e as Error).message };
  }
  return { kind, hash, result, suppressions: parseSuppressions(r.text) };
}

export interface ParseResponse {
  id: number;
  results: PathResult[];
}

/**
 * JSON has no Map: the two Maps of the facts travel as entry lists. Locations in the file travel
 * as `{"$": [startLine, startCharacter, endLine, endCharacter]}` (see withCompactLocations) and
 * arrive as CompactLocations.
 */
export function factsToJson(facts: PyModuleFacts): string {
  return withCompactLocations(facts.file, () => JSON.stringify({ ...facts, metadataVariables: [...facts.metadataVariables], baseVariables: [...facts.baseVariables] }));
}

export function factsFromJson(json: string): PyModuleFacts {
  const raw = JSON.parse(json);
  reviveLocations(raw, raw.file);
  return { ...raw, metadataVariables: new Map(raw.metadataVariables), baseVariables: new Map(raw.baseVariables) };
}

/** Replaces the compact locations of parsed JSON by CompactLocations, in place. */
function reviveLocations(root: unknown, file: string): void {
  // Plain loops, no key lists: this visits every object of every file's facts.
  const stack: unknown[] = [root];
  const revive = (value: unknown): unknown => {
    const c = (value as { $?: number[] }).$;
    if (c && c.length === 4) return new CompactLocation(file, c[0], c[1], c[2], c[3]);
    stack.push(value);
    return value;
  };
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const value = node[i];
        if (value && typeof value === 'object') node[i] = revive(value);
      }
    } else {
      const record = node as Record<string, unknown>;
      for (const key in record) {
        const value = record[key];
        if (value && typeof value === 'object') record[key] = revive(value);
      }
    }
  }
}

export type Facts = PyModuleFacts | AlembicMigrationFacts | OrmModelFacts;

/** Reads one file of any kind. */
export async function readFacts(item: ParseItem): Promise<Facts> {
  try {
    return await readFactsHere(item);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) return readWithDeepStack(item);
    throw e;
  }
}

/** Stack for a file nested too deeply for a thread's default stack (a compiler's recursive descent). */
const DEEP_STACK_MB = 256;
const DEEP_READ_TIMEOUT_MS = 30_000;

/**
 * Reads a file whose nesting (thousands of parentheses, a `+` chain of thousands of terms) overflows
 * the default stack: again, on a worker thread with a stack large enough for any file under the
 * size cap that a compiler itself can parse. Past that, the file is reported, never the thread lost.
 */
function readWithDeepStack(item: ParseItem): Promise<Facts> {
  // The facts cross back as JSON, as from the parse pool: a structured clone would strip the
  // CompactLocations of their class (and their range).
  const code = `const { parentPort, workerData } = require('worker_threads');
const reader = require(workerData.script);
reader.readFactsHere(workerData.item)
  .then((facts) => parentPort.postMessage({ json: reader.anyFactsToJson(workerData.item.kind, facts) }), (e) => parentPort.postMessage({ error: String((e && e.message) || e) }));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, {
      eval: true, workerData: { script: path.join(__dirname, 'parseWorker.js'), item: { file: item.file, text: item.text, kind: item.kind, decoratorWrappers: item.decoratorWrappers } },
      resourceLimits: { stackSizeMb: DEEP_STACK_MB },
    });
    const timer = setTimeout(() => finish(new Error(`its nesting is too deep to read within ${DEEP_READ_TIMEOUT_MS / 1000} s`)), DEEP_READ_TIMEOUT_MS);
    const finish = (result: Facts | Error) => {
      clearTimeout(timer);
      void worker.terminate();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    worker.once('message', (m: { json?: string; error?: string }) => {
      if (m.json !== undefined) {
        try {
          finish(anyFactsFromJson(item.kind, m.json));
        } catch (e) {
          finish(e as Error);
        }
      } else finish(new Error(/call stack/i.test(m.error ?? '') ? 'its nesting is too deep to read' : m.error ?? 'unknown error'));
    });
    worker.once('error', (e) => finish(/call stack/i.test(e.message) ? new Error('its nesting is too deep to read') : e));
  });
}

export async function readFactsHere(item: ParseItem): Promise<Facts> {
  switch (item.kind) {
    case 'sqlalchemy-models': return readSqlAlchemyModels(item.file, item.text, readMigrationHelperFunctions);
    case 'alembic-migration': return readAlembicMigration(item.file, item.text);
    case 'typeorm-models': return loadTsReaders().readTypeOrmEntities(item.file, item.text, item.decoratorWrappers, item.importedLiterals);
    case 'sequelize-models': return loadTsReaders().readSequelizeModels(item.file, item.text, item.importedLiterals);
    case 'orm-migration': return loadTsReaders().readOrmMigration(item.file, item.text, item.importedLiterals);
  }
}

// What the facts cache keeps of a SQL migration file is this reader's output (see
// analysis/sqlMigrations.ts): bundled with the workers, its code is part of the readers' version
// (scripts/build.mjs), so that a change of it makes older caches be ignored.
export { readSqlMigrationFile } from '../sql/migrationFile';

export function anyFactsToJson(kind: FileKind, facts: Facts): string {
  return kind === 'sqlalchemy-models' ? factsToJson(facts as PyModuleFacts) : withCompactLocations(facts.file, () => JSON.stringify(facts));
}

export function anyFactsFromJson(kind: FileKind, json: string): Facts {
  if (kind === 'sqlalchemy-models') return factsFromJson(json);
  const facts = JSON.parse(json) as AlembicMigrationFacts | OrmModelFacts;
  reviveLocations(facts, facts.file);
  return facts;
}

function isPythonKind(kind: FileKind): boolean {
  return kind === 'sqlalchemy-models' || kind === 'alembic-migration';
}

// Compile the grammars as soon as the worker starts, while the main thread is still reading files.
if (parentPort) {
  void pythonParser().catch(() => undefined);
  void loadPostgresParser();
}

parentPort?.on('message', async (request: ParseRequest) => {
  // Reading here, blocking, is cheaper than on the main thread; the main thread stays free.
  const results: PathResult[] = [];
  // TypeScript and JavaScript files are parsed by the main thread: the TypeScript compiler is not
  // bundled into the workers (it would double the extension's size for a few fast parses).
  for (const item of request.paths) results.push(await readPath(item, readSourceFileSync, true, undefined, isPythonKind));
  parentPort!.postMessage({ id: request.id, results } satisfies ParseResponse);
});
