/**
 * The finding an embedded audit reports when PostgreSQL rejects a migration: at the operation's
 * line, with PostgreSQL's own error. It is not a rule of the catalog (no rule can know it without
 * running the chain); it carries the id `migration-replay-failed`, documented with the rules.
 */
import type { ReplayFailure } from '../live/replayIntoDatabase';
import type { Finding } from '../rules/types';

export const REPLAY_FAILED = 'migration-replay-failed';

export function replayFailureFinding(failure: ReplayFailure): Finding {
  const base = failure.migration.slice(Math.max(failure.migration.lastIndexOf('/'), failure.migration.lastIndexOf('\\')) + 1);
  const which = failure.revision ? `migration "${failure.revision}" (${base})` : `migration ${base}`;
  return {
    ruleId: REPLAY_FAILED,
    severity: 'error',
    message: `Replaying the migrations into an empty PostgreSQL stops at ${which}: PostgreSQL says "${failure.error}"${failure.code ? ` (SQLSTATE ${failure.code})` : ''}. \`alembic upgrade head\` on a clean database fails here; the migrations after it were not replayed${failure.afterSkipped ? '. Some earlier operation could not be replayed (see the audit report): this failure may follow from it' : ''} (evidence: embedded PostgreSQL).`,
    location: failure.location,
    related: [],
    fixes: [],
    evidence: ['migration', 'live'],
  };
}
