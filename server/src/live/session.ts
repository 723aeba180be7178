/**
 * A session on the live database that can only read: the connection is opened with a connect
 * timeout, every transaction is READ ONLY, statements stop at `statement_timeout`, and the whole
 * session is abandoned when the caller cancels. Nothing here runs DDL or DML.
 */
import { newClient } from './pg';
import { connectionProblem, redactText } from './connectionString';

export interface SessionOptions {
  /** Per statement, and for connecting (ms). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A failure to talk to the database, with a message safe to show (no password) and what to do. */
export class DatabaseError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

function explain(e: unknown, url: string): DatabaseError {
  const err = e as { code?: string; message?: string };
  const raw = redactText(err.message ?? String(e), url);
  switch (err.code) {
    case '28P01': case '28000':
      return new DatabaseError(`Authentication failed: ${raw}. Check the user name and password of the connection.`, err.code);
    case '3D000':
      return new DatabaseError(`${raw}. Check the database name of the connection.`, err.code);
    case 'ECONNREFUSED': case 'ENOTFOUND': case 'EHOSTUNREACH': case 'ETIMEDOUT': case 'EAI_AGAIN':
      return new DatabaseError(`Cannot reach the database server (${err.code}): ${raw}. Check the host and port, and that the server accepts connections.`, err.code);
    case '57014':
      return new DatabaseError(`The database did not answer within the statement timeout: ${raw}.`, err.code);
    default:
      return new DatabaseError(raw, err.code);
  }
}

/** Runs `work` inside one READ ONLY transaction; always closes the connection. */
export async function withReadOnlySession<T>(url: string, work: (query: <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>) => Promise<T>, options: SessionOptions = {}): Promise<T> {
  // Refused before the driver sees it: a misread URL would send part of the password elsewhere.
  const problem = connectionProblem(url);
  if (problem) throw new DatabaseError(`The database URL cannot be used: ${problem}.`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = newClient({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs + 1_000,
    application_name: 'schemasense (read-only)',
  });
  client.on('error', () => undefined); // a dropped connection surfaces through the pending query
  const abort = () => void client.end().catch(() => undefined);
  if (options.signal?.aborted) throw new DatabaseError('Cancelled.');
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await client.connect();
    await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    await client.query('BEGIN READ ONLY');
    const query = async <R>(sql: string, params?: unknown[]) => {
      if (options.signal?.aborted) throw new DatabaseError('Cancelled.');
      return (await client.query(sql, params)).rows as R[];
    };
    const result = await work(query);
    await client.query('ROLLBACK'); // nothing to keep: it only read
    return result;
  } catch (e) {
    if (options.signal?.aborted) throw new DatabaseError('Cancelled.');
    throw e instanceof DatabaseError ? e : explain(e, url);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await client.end().catch(() => undefined);
  }
}
