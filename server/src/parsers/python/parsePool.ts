/**
 * Reads many model files at once on worker threads, one per core, for the cold scan of a large
 * workspace. Small workspaces are read on the calling thread: starting workers costs more than it
 * saves below a few hundred files. Workers are ended after each call, so that their memory (WASM
 * heaps do not shrink) is returned.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { PyModuleFacts } from './sqlalchemyFacts';
import { readSqlAlchemyModels } from './sqlalchemy';
import type { ParseRequest, ParseResponse } from './parseWorker';

export const WORKER_THRESHOLD = 300;
const BATCH = 24;

export type ReadOutcome = { facts: PyModuleFacts } | { error: string };

function workerScript(): string | undefined {
  const candidate = path.join(__dirname, 'parseWorker.js');
  return fs.existsSync(candidate) ? candidate : undefined;
}

async function readOnThisThread(items: { file: string; text: string }[]): Promise<ReadOutcome[]> {
  const out: ReadOutcome[] = [];
  for (const { file, text } of items) {
    try {
      out.push({ facts: await readSqlAlchemyModels(file, text) });
    } catch (e) {
      out.push({ error: (e as Error).message });
    }
  }
  return out;
}

export async function readManySqlAlchemyModels(items: { file: string; text: string }[]): Promise<ReadOutcome[]> {
  const script = workerScript();
  const workerCount = Math.min(os.availableParallelism?.() ?? os.cpus().length, 8);
  if (!script || items.length < WORKER_THRESHOLD || workerCount < 2) return readOnThisThread(items);
  const results: ReadOutcome[] = new Array(items.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(Array.from({ length: workerCount }, async () => {
      const worker = new Worker(script);
      workers.push(worker);
      while (next < items.length) {
        const start = next;
        next = Math.min(items.length, next + BATCH);
        const response = await new Promise<ParseResponse>((resolve, reject) => {
          const onMessage = (m: ParseResponse) => { cleanup(); resolve(m); };
          const onError = (e: Error) => { cleanup(); reject(e); };
          const onExit = (code: number) => { cleanup(); reject(new Error(`parse worker exited with code ${code}`)); };
          const cleanup = () => { worker.off('message', onMessage); worker.off('error', onError); worker.off('exit', onExit); };
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', onExit);
          worker.postMessage({ id: start, files: items.slice(start, next) } satisfies ParseRequest);
        });
        response.results.forEach((r, i) => (results[start + i] = r));
      }
    }));
  } catch {
    // A worker could not start or died: read what is missing here, which is slower but sure.
    const missing = items.map((_, i) => i).filter((i) => !results[i]);
    const read = await readOnThisThread(missing.map((i) => items[i]));
    missing.forEach((i, k) => (results[i] = read[k]));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
