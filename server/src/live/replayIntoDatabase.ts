/**
 * Replays the migration chains into a database Schema Sense owns (the embedded one), operation by
 * operation in chain order, each in a savepoint. The first operation PostgreSQL rejects for a
 * schema reason (a missing or duplicate table, schema, column, type) is where a real
 * `alembic upgrade head` stops on a clean database: the replay stops there and reports
 * PostgreSQL's own error at the operation's line. Guarded operations (inside `if`/`try`, or
 * `IF [NOT] EXISTS`) may fail without stopping it; operations without DDL are listed as skipped.
 */
import type { Client } from 'pg';
import { newClient } from './pg';
import type { MigrationOperation } from '../model/operations';
import type { MigrationReplay } from '../model/replay';
import type { Location } from '../model/source';
import { operationSql, withoutUseAlterForeignKeys } from './ddl';

export interface ReplayFailure {
  migration: string;
  revision?: string;
  location: Location;
  statement: string;
  /** PostgreSQL's message and SQLSTATE. */
  error: string;
  code?: string;
  /** Some earlier operation could not be replayed: the failure may follow from it. */
  afterSkipped: boolean;
}

export interface DatabaseReplayOutcome {
  migrationsApplied: number;
  operationsApplied: number;
  failure?: ReplayFailure;
  /** Operations with no DDL (code or SQL the readers could not understand), or whose DDL we could not write. */
  skipped: { location: Location; why: string }[];
}

/** SQLSTATE classes that mean "the chain is wrong", not "our DDL is": 42P01 undefined table, … */
const CHAIN_ERRORS = new Set(['42P01', '3F000', '42P07', '42701', '42703', '42710', '42704', '42P06', '42830', '42P16', '23505', '23502', '42804']);

export async function replayIntoDatabase(url: string, replays: readonly MigrationReplay[], signal?: AbortSignal): Promise<DatabaseReplayOutcome> {
  const client = newClient({ connectionString: url, statement_timeout: 30_000 });
  client.on('error', () => undefined);
  await client.connect();
  // One transaction, a savepoint per statement: what applied before a failure stays to be audited.
  await client.query('BEGIN');
  const outcome: DatabaseReplayOutcome = { migrationsApplied: 0, operationsApplied: 0, skipped: [] };
  const enums = new Set<string>();
  try {
    for (const replay of replays) {
      for (const step of replay.steps) {
        for (const op of withoutUseAlterForeignKeys(step.migration.operations)) {
          if (signal?.aborted) return outcome;
          if (op.kind === 'create-enum') enums.add(op.name);
          const failure = await apply(client, op, enums, outcome);
          if (failure) {
            outcome.failure = {
              ...failure, migration: step.migration.file, revision: step.migration.revision?.id, location: op.location,
              afterSkipped: outcome.skipped.length > 0,
            };
            return outcome;
          }
        }
        outcome.migrationsApplied++;
      }
    }
    return outcome;
  } finally {
    await client.query('COMMIT').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

type Failure = Omit<ReplayFailure, 'migration' | 'location' | 'afterSkipped'>;

async function apply(client: Client, op: MigrationOperation, enums: ReadonlySet<string>, outcome: DatabaseReplayOutcome): Promise<Failure | undefined> {
  if (!operationSql(op, enums).length) {
    outcome.skipped.push({ location: op.location, why: op.kind === 'unknown' ? op.description : `${op.kind} cannot be written as DDL` });
    return undefined;
  }
  // The faithful DDL first; when PostgreSQL rejects it for a reason that is not the chain's (a
  // default expression written in Python), the minimal form keeps the tables the chain needs.
  let rejected: { code?: string; message: string } | undefined;
  for (const options of [{}, { minimal: true }]) {
    const result = await run(client, operationSql(op, enums, options), op.guarded);
    if (result === 'applied') {
      outcome.operationsApplied++;
      return undefined;
    }
    if (result.code && CHAIN_ERRORS.has(result.code)) return { statement: result.statement, error: result.message, code: result.code };
    rejected = result;
  }
  outcome.skipped.push({ location: op.location, why: `PostgreSQL rejected the replayed statement (${rejected?.code ?? 'error'}: ${rejected?.message})` });
  return undefined;
}

/** Runs an operation's statements, all or none. */
async function run(client: Client, statements: string[], guarded: boolean): Promise<'applied' | { statement: string; message: string; code?: string }> {
  await client.query('SAVEPOINT op');
  for (const statement of statements) {
    await client.query('SAVEPOINT stmt');
    try {
      await client.query(statement);
      await client.query('RELEASE SAVEPOINT stmt');
    } catch (e) {
      await client.query('ROLLBACK TO SAVEPOINT stmt');
      if (guarded) continue; // it may fail by design (IF NOT EXISTS, try/except)
      await client.query('ROLLBACK TO SAVEPOINT op');
      const err = e as { message: string; code?: string };
      return { statement, message: err.message, code: err.code };
    }
  }
  await client.query('RELEASE SAVEPOINT op');
  return 'applied';
}
