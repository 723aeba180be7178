/**
 * Reads many model and migration files at once on worker threads, one per core, for the cold scan
 * of a large workspace. Small workspaces are read on the calling thread: starting workers costs more than it
 * saves below a few hundred files. Workers are ended after each call, so that their memory (WASM
 * heaps do not shrink) is returned.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { anyFactsFromJson, Facts, ParseItem, ParseRequest, ParseResponse, readFacts } from './parseWorker';

export const WORKER_THRESHOLD = 300;
const BATCH = 24;

export type ReadOutcome = { facts: Facts } | { error: string };

function workerScript(): string | undefined {
  const candidate = path.join(__dirname, 'parseWorker.js');
  return fs.existsSync(candidate) ? candidate : undefined;
}

async function readOnThisThread(items: ParseItem[]): Promise<ReadOutcome[]> {
  const out: ReadOutcome[] = [];
  for (const item of items) {
    try {
      out.push({ facts: await readFacts(item) });
    } catch (e) {
      out.push({ error: (e as Error).message });
    }
  }
  return out;
}

/**
 * Worker threads for one bulk read. Create it as soon as the number of files is known, so that
 * the workers compile the grammar while the files are being read; always `close()` it.
 */
export class ParsePool {
  private readonly workers: Worker[] = [];
  /** Requests awaiting their response, by id (unique per pool: several reads may share the workers). */
  private readonly pending = new Map<number, { worker: Worker; resolve: (r: ParseResponse) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  private constructor(script: string, count: number) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script);
      worker.on('message', (m: ParseResponse) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        p.resolve(m);
      });
      const fail = (e: Error) => {
        for (const [id, p] of this.pending) {
          if (p.worker !== worker) continue;
          this.pending.delete(id);
          p.reject(e);
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`parse worker exited with code ${code}`)));
      this.workers.push(worker);
    }
  }

  /**
   * A pool started before the files are known (the language server, at initialize): its workers
   * load the parsers during the handshake. Undefined where workers cannot run.
   */
  static early(): ParsePool | undefined {
    return ParsePool.forFiles(Number.MAX_SAFE_INTEGER);
  }

  /** A pool for `fileCount` files, or undefined when reading on this thread is faster. */
  static forFiles(fileCount: number): ParsePool | undefined {
    const script = workerScript();
    const count = Math.min(os.availableParallelism?.() ?? os.cpus().length, 8);
    if (!script || fileCount < WORKER_THRESHOLD || count < 2) return undefined;
    return new ParsePool(script, count);
  }

  private request(worker: Worker, files: ParseItem[]): Promise<ParseResponse> {
    const id = ++this.nextId;
    return new Promise<ParseResponse>((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, files } satisfies ParseRequest);
    });
  }

  async read(items: ParseItem[]): Promise<ReadOutcome[]> {
    const results: ReadOutcome[] = new Array(items.length);
    let next = 0;
    try {
      // Two batches in flight per worker: it parses the next while this thread decodes the last.
      await Promise.all([...this.workers, ...this.workers].map(async (worker) => {
        while (next < items.length) {
          const start = next;
          next = Math.min(items.length, next + BATCH);
          const response = await this.request(worker, items.slice(start, next));
          response.results.forEach((r, i) => (results[start + i] = 'json' in r ? { facts: anyFactsFromJson(items[start + i].kind, r.json) } : r));
        }
      }));
    } catch {
      // A worker could not start or died: read what is missing here, which is slower but sure.
      const missing = items.map((_, i) => i).filter((i) => !results[i]);
      const read = await readOnThisThread(missing.map((i) => items[i]));
      missing.forEach((i, k) => (results[i] = read[k]));
    }
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Reads many model and migration files, on worker threads when there are enough of them: on
 * `pool` if given (the caller closes it), else on a pool of its own that it closes.
 */
export async function readManySourceFiles(items: ParseItem[], pool?: ParsePool): Promise<ReadOutcome[]> {
  if (pool) return pool.read(items);
  const own = ParsePool.forFiles(items.length);
  if (!own) return readOnThisThread(items);
  try {
    return await own.read(items);
  } finally {
    await own.close();
  }
}
