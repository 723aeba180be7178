/**
 * migration-sql-invalid: SQL a migration runs that PostgreSQL's own parser rejects. On PostgreSQL the
 * statement fails, the migration with it, and no later migration runs — a chain that never builds
 * the schema from scratch (`ADD "code" varchar NOT NULL SET DEFAULT …`, MySQL's backquotes in a
 * PostgreSQL project).
 */
import { migrationLabel } from './support/describe';
import type { Rule } from './types';

export const migrationSqlInvalid: Rule = {
  id: 'migration-sql-invalid',
  description: "A migration runs SQL that PostgreSQL's parser rejects: the migration fails there.",
  defaultSeverity: 'error',
  needs: ['migrations'],
  reads: ['migrations'],
  // Other databases' SQL is not PostgreSQL's parser's to judge.
  dialects: ['postgresql'],
  check(ctx) {
    for (const replay of ctx.migrations) {
      for (const step of replay.steps) {
        // A migration outside the chain's order, or SQL that runs only on some condition (a branch
        // for another database): not known to run here.
        if (!step.anchored) continue;
        for (const op of step.migration.operations) {
          if (op.kind !== 'unknown' || op.rejected === undefined || op.guarded) continue;
          ctx.report({
            message: `PostgreSQL rejects this SQL (${op.rejected}), so ${migrationLabel(step.migration)} fails here and no later migration runs: a database cannot be built from the migrations (evidence: migrations).`,
            location: op.location,
            evidence: ['migration'],
          });
        }
      }
    }
  },
};
