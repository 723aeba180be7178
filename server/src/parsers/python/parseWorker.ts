/**
 * Worker thread for the cold scan: reads batches of model files into facts. The facts (plain
 * objects and Maps) cross back by structured clone; syntax trees never leave the worker.
 */
import { parentPort } from 'worker_threads';
import { readSqlAlchemyModels } from './sqlalchemy';
import { pythonParser } from './treeSitter';
import type { PyModuleFacts } from './sqlalchemyFacts';

export interface ParseRequest {
  id: number;
  files: { file: string; text: string }[];
}

export interface ParseResponse {
  id: number;
  /** Facts as JSON (see factsToJson): cheaper to send and read than a structured clone. */
  results: ({ json: string } | { error: string })[];
}

/** JSON has no Map: the two Maps of the facts travel as entry lists. */
export function factsToJson(facts: PyModuleFacts): string {
  return JSON.stringify({ ...facts, metadataVariables: [...facts.metadataVariables], baseVariables: [...facts.baseVariables] });
}

export function factsFromJson(json: string): PyModuleFacts {
  const raw = JSON.parse(json);
  return { ...raw, metadataVariables: new Map(raw.metadataVariables), baseVariables: new Map(raw.baseVariables) };
}

// Compile the grammar as soon as the worker starts, while the main thread is still reading files.
if (parentPort) void pythonParser().catch(() => undefined);

parentPort?.on('message', async (request: ParseRequest) => {
  const results: ParseResponse['results'] = [];
  for (const { file, text } of request.files) {
    try {
      results.push({ json: factsToJson(await readSqlAlchemyModels(file, text)) });
    } catch (e) {
      results.push({ error: (e as Error).message });
    }
  }
  parentPort!.postMessage({ id: request.id, results } satisfies ParseResponse);
});
