/**
 * Worker thread for the cold scan: reads batches of model and migration files into facts. The
 * facts cross back as JSON; syntax trees never leave the worker.
 */
import { parentPort } from 'worker_threads';
import type { FileKind } from '../../workspace/classify';
import { loadPostgresParser } from '../sql/postgres';
import { readAlembicMigration } from './alembic';
import type { AlembicMigrationFacts } from './alembicFacts';
import { readSqlAlchemyModels } from './sqlalchemy';
import { pythonParser } from './treeSitter';
import type { PyModuleFacts } from './sqlalchemyFacts';

export interface ParseItem {
  file: string;
  text: string;
  kind: FileKind;
}

export interface ParseRequest {
  id: number;
  files: ParseItem[];
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

export type Facts = PyModuleFacts | AlembicMigrationFacts;

/** Reads one file of either kind. */
export async function readFacts(item: ParseItem): Promise<Facts> {
  return item.kind === 'sqlalchemy-models' ? readSqlAlchemyModels(item.file, item.text) : readAlembicMigration(item.file, item.text);
}

export function anyFactsToJson(kind: FileKind, facts: Facts): string {
  return kind === 'sqlalchemy-models' ? factsToJson(facts as PyModuleFacts) : JSON.stringify(facts);
}

export function anyFactsFromJson(kind: FileKind, json: string): Facts {
  return kind === 'sqlalchemy-models' ? factsFromJson(json) : (JSON.parse(json) as AlembicMigrationFacts);
}

// Compile the grammars as soon as the worker starts, while the main thread is still reading files.
if (parentPort) {
  void pythonParser().catch(() => undefined);
  void loadPostgresParser();
}

parentPort?.on('message', async (request: ParseRequest) => {
  const results: ParseResponse['results'] = [];
  for (const item of request.files) {
    try {
      results.push({ json: anyFactsToJson(item.kind, await readFacts(item)) });
    } catch (e) {
      results.push({ error: (e as Error).message });
    }
  }
  parentPort!.postMessage({ id: request.id, results } satisfies ParseResponse);
});
