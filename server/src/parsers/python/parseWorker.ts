/**
 * Worker thread for the cold scan: reads batches of model files into facts. The facts (plain
 * objects and Maps) cross back by structured clone; syntax trees never leave the worker.
 */
import { parentPort } from 'worker_threads';
import { readSqlAlchemyModels } from './sqlalchemy';

export interface ParseRequest {
  id: number;
  files: { file: string; text: string }[];
}

export interface ParseResponse {
  id: number;
  results: ({ facts: Awaited<ReturnType<typeof readSqlAlchemyModels>> } | { error: string })[];
}

parentPort?.on('message', async (request: ParseRequest) => {
  const results: ParseResponse['results'] = [];
  for (const { file, text } of request.files) {
    try {
      results.push({ facts: await readSqlAlchemyModels(file, text) });
    } catch (e) {
      results.push({ error: (e as Error).message });
    }
  }
  parentPort!.postMessage({ id: request.id, results } satisfies ParseResponse);
});
