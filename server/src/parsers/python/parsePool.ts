/**
 * Reads, classifies and parses the files of a large workspace's cold scan on worker threads (one
 * fewer than cores) and on this thread, which takes a batch whenever it has none. Small workspaces
 * are read on the calling thread: starting workers costs more than it saves below a few hundred
 * files. A pool serves one scan and is closed after it, so that its memory (WASM heaps do not
 * shrink) is returned.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { readSourceFile } from '../../workspace/discover';
import { contentHash } from '../../workspace/factsCache';
import { Facts, ParseRequest, ParseResponse, PathItem, PathResult, readPath } from './parseWorker';
import { loadPostgresParser } from '../sql/postgres';
import { pythonParser } from './treeSitter';

export const WORKER_THRESHOLD = 300;
const BATCH = 16;

export type ReadOutcome = { facts: Facts } | { error: string };

let version: string | undefined;

/**
 * What identifies the readers' output: a hash of the bundles that hold them (the parse worker's
 * Python readers, the TypeScript readers' bundle), so that facts cached by another build are
 * never reused.
 */
export function readerVersion(): string {
  if (!version) {
    // The build writes the hash of the readers' bundles next to them (reading 10 MB here would cost).
    const stamp = path.join(__dirname, 'readers.version');
    const script = workerScript();
    version = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : script ? compiledReadersVersion(path.dirname(__dirname)) : 'unbundled';
  }
  return version;
}

/**
 * The compiled sources (tests, a development run): the readers are many modules, not one bundle,
 * so every compiled reader file counts — its size and time — lest facts an older compilation
 * cached are read back after an edit of any reader.
 */
function compiledReadersVersion(parsers: string): string {
  const seen: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith('.js')) {
        const st = fs.statSync(file);
        seen.push(`${path.relative(parsers, file)}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  try {
    walk(parsers);
  } catch {
    return 'unbundled';
  }
  return contentHash(seen.sort().join('\n'));
}

function workerScript(): string | undefined {
  const candidate = path.join(__dirname, 'parseWorker.js');
  return fs.existsSync(candidate) ? candidate : undefined;
}

/**
 * Worker threads for one bulk read. Create it as soon as the number of files is known, so that
 * the workers compile the grammar while the files are being read; always `close()` it.
 */
export class ParsePool {
  private readonly workers: { worker: Worker; inFlight: number; alive: boolean }[] = [];
  /** Requests awaiting their response, by id. */
  private readonly pending = new Map<number, { worker: Worker; resolve: (r: ParseResponse) => void; reject: (e: Error) => void }>();
  /**
   * Batches not yet sent. Every read shares this one queue, and a worker is sent the next batch
   * only when it has fewer than two in flight: no worker idles while the other has a long queue.
   */
  private readonly queue: { paths: PathItem[]; resolve: (r: ParseResponse) => void; reject: (e: Error) => void }[] = [];
  private nextId = 0;
  /** This thread takes a batch too when it has none: one isolate fewer to warm up, no JSON for its share. */
  private localBusy = false;

  private constructor(script: string, count: number) {
    // This thread reads batches too: its parsers compile now, in the background, rather than when
    // its first migration comes (the SQL parser's compilation then left it idle for a tenth of a second).
    void pythonParser().catch(() => undefined);
    void loadPostgresParser();
    for (let i = 0; i < count; i++) {
      const entry = { worker: new Worker(script), inFlight: 0, alive: true };
      entry.worker.on('message', (m: ParseResponse) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        entry.inFlight--;
        p.resolve(m);
        this.pump();
      });
      const fail = (e: Error) => {
        entry.alive = false;
        for (const [id, p] of this.pending) {
          if (p.worker !== entry.worker) continue;
          this.pending.delete(id);
          p.reject(e);
        }
        // With no worker left, what is queued fails too (the reader then reads it on its own thread).
        if (!this.workers.some((w) => w.alive)) for (const q of this.queue.splice(0)) q.reject(e);
      };
      entry.worker.on('error', fail);
      entry.worker.on('exit', (code) => fail(new Error(`parse worker exited with code ${code}`)));
      this.workers.push(entry);
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
    const cores = Math.min(os.availableParallelism?.() ?? os.cpus().length, 8);
    if (!script || fileCount < WORKER_THRESHOLD || cores < 2) return undefined;
    // This thread parses as well (between other work): one worker fewer than cores.
    return new ParsePool(script, cores - 1);
  }

  private pump(): void {
    for (const entry of this.workers) {
      while (entry.alive && entry.inFlight < 2 && this.queue.length) {
        const { paths, resolve, reject } = this.queue.shift()!;
        const id = ++this.nextId;
        entry.inFlight++;
        this.pending.set(id, { worker: entry.worker, resolve, reject });
        entry.worker.postMessage({ id, paths } satisfies ParseRequest);
      }
    }
    if (!this.localBusy && this.queue.length) {
      const job = this.queue.shift()!;
      this.localBusy = true;
      this.runHere(job.paths).then(job.resolve, job.reject).finally(() => {
        this.localBusy = false;
        this.pump();
      });
    }
  }

  /** A batch read on this thread, yielding to the event loop between files (the editor is served). */
  private async runHere(paths: PathItem[]): Promise<ParseResponse> {
    const results: PathResult[] = [];
    const yieldToEditor = () => new Promise<void>((resolve) => setImmediate(resolve));
    // The batch's files are read at once (the reads wait on the disk in parallel, not one by one
    // between parses); each is parsed as its turn comes.
    const reads = new Map(paths.map((item) => [item.file, readSourceFile(item.file)]));
    for (const item of paths) results.push(await readPath(item, (file) => reads.get(file)!, false, yieldToEditor));
    return { id: 0, results };
  }

  private request(paths: PathItem[]): Promise<ParseResponse> {
    return new Promise<ParseResponse>((resolve, reject) => {
      if (!this.workers.some((w) => w.alive)) {
        reject(new Error('no parse worker is running'));
        return;
      }
      this.queue.push({ paths, resolve, reject });
      this.pump();
    });
  }

  /**
   * Reads, classifies and parses files on the workers and this thread. `receive` turns each answer
   * into what the caller keeps, as it arrives (decoding overlaps the parsing of the rest). Paths no
   * one answered for (a worker died) are read on this thread.
   */
  async readPaths<T>(items: PathItem[], receive: (item: PathItem, result: PathResult) => T): Promise<T[]> {
    const results: T[] = new Array(items.length);
    const done: boolean[] = new Array(items.length).fill(false);
    const batches: Promise<void>[] = [];
    // Batches shrink towards the end ("guided" scheduling): the last files are handed out one or
    // two at a time, so that no thread is left waiting for another's long last batch.
    const threads = this.workers.length + 1;
    for (let start = 0, end = 0; start < items.length; start = end) {
      end = Math.min(items.length, start + Math.max(1, Math.min(BATCH, Math.ceil((items.length - start) / (threads * 4)))));
      batches.push(this.request(items.slice(start, end)).then((response) => {
        response.results.forEach((r, i) => {
          results[start + i] = receive(items[start + i], r);
          done[start + i] = true;
        });
      }));
    }
    await Promise.all(batches.map((b) => b.catch(() => undefined)));
    for (let i = 0; i < items.length; i++) {
      if (!done[i]) results[i] = receive(items[i], await readPath(items[i], readSourceFile, false));
    }
    return results;
  }

  async close(): Promise<void> {
    for (const q of this.queue.splice(0)) q.reject(new Error('the parse pool is closed'));
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
