/**
 * "Audit database": everything `check` does, with the live database as one more source and the
 * live rules on. The database comes from the configured connection (read-only session with a
 * timeout) or, with none, from an embedded PostgreSQL into which the migrations are replayed —
 * which also proves whether the chain runs on a clean database. The embedded one is always
 * stopped, on success, failure and cancellation.
 */
import { usageEvidence } from '../rules/support/live';
import type { Finding } from '../rules/types';
import { startEmbeddedPostgres } from '../live/embedded';
import { introspect, type LiveDatabase } from '../live/introspect';
import { redactText, redactUrl, resolveConnection, type ResolvedConnection } from '../live/connectionString';
import { replayIntoDatabase, type DatabaseReplayOutcome } from '../live/replayIntoDatabase';
import { DatabaseError, withReadOnlySession } from '../live/session';
import { replayFailureFinding } from './replayFinding';
import type { Analysis, Project } from './project';
import { DIALECT_NAMES, type Dialect } from '../workspace/dialect';

export interface AuditOptions {
  /** A connection given by the caller (editor's stored connection, setting, `--database-url`). */
  explicit?: { url: string; source: string };
  env?: NodeJS.ProcessEnv;
  /** Never connect to a configured database (an untrusted workspace): embedded only. */
  embeddedOnly?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export interface AuditResult {
  analysis: Analysis;
  findings: Finding[];
  database: {
    kind: 'configured' | 'embedded';
    /** The URL with its password hidden, or "embedded PostgreSQL". */
    describedAs: string;
    /** Where the connection came from. */
    source: string;
    serverVersion?: string;
  };
  /** What the audit could not judge, and why, each said once (index usage of a restored dump). */
  notes: string[];
  /** With the embedded database: how the replay of the migrations went. */
  replay?: DatabaseReplayOutcome;
  live?: LiveDatabase;
}


export class AuditCancelled extends Error {
  constructor() {
    super('The audit was cancelled.');
  }
}

function checkCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AuditCancelled();
}

export async function auditProject(project: Project, options: AuditOptions = {}): Promise<AuditResult> {
  const progress = options.onProgress ?? (() => undefined);
  const base = project.analyse();
  checkCancelled(options.signal);
  const connection: ResolvedConnection | undefined = options.embeddedOnly ? undefined : resolveConnection(project.root, { explicit: options.explicit, env: options.env });
  if (connection) {
    const describedAs = redactUrl(connection.url);
    progress(`Reading ${describedAs}`);
    const live = await withReadOnlySession(connection.url, (query) => introspect(query, describedAs), { timeoutMs: options.timeoutMs, signal: options.signal });
    checkCancelled(options.signal);
    progress('Checking');
    const analysis = project.analyseWithLive(live);
    const usage = usageEvidence(live, project.config.indexUsageMinimumDays);
    const notes = usage.judged ? [] : [`Index usage was not judged: ${usage.why}.`];
    if (live.unreadable?.length) notes.push(`Not read, for lack of permission: ${live.unreadable.join(', ')}; the migrations they record were not compared.`);
    return { analysis, findings: analysis.findings, notes, database: { kind: 'configured', describedAs, source: connection.source, serverVersion: live.serverVersion }, live };
  }
  const { dialect, source } = project.dialect;
  if (dialect !== 'postgresql') {
    // Replaying a SQLite or MySQL chain into PostgreSQL would report PostgreSQL's objections, not the project's.
    throw new Error(`This project runs on ${DIALECT_NAMES[dialect]} (${source}): the audit reads PostgreSQL databases and replays migrations into PostgreSQL only. \`schemasense check\` gives the static findings.`);
  }
  progress('Starting the embedded PostgreSQL');
  const embedded = await startEmbeddedPostgres();
  try {
    checkCancelled(options.signal);
    progress('Replaying the migrations');
    const replay = await replayIntoDatabase(embedded.url, base.migrations, options.signal);
    checkCancelled(options.signal);
    progress('Reading the replayed database');
    const describedAs = 'embedded PostgreSQL';
    const live = await withReadOnlySession(embedded.url, (query) => introspect(query, describedAs, true), { timeoutMs: options.timeoutMs, signal: options.signal });
    checkCancelled(options.signal);
    const analysis = project.analyseWithLive(live);
    const findings = [...analysis.findings];
    if (replay.failure) findings.unshift(replayFailureFinding(replay.failure));
    return { analysis, findings, notes: [], database: { kind: 'embedded', describedAs, source: 'no database configured', serverVersion: live.serverVersion }, replay, live };
  } catch (e) {
    if (e instanceof AuditCancelled || options.signal?.aborted) throw new AuditCancelled();
    throw e instanceof Error && !(e instanceof DatabaseError) ? new Error(redactText(e.message, embedded.url)) : e;
  } finally {
    await embedded.stop();
  }
}
