/**
 * migration-revision-cycle: migrations whose parents lead back to themselves — a `down_revision`
 * naming its own revision, or a→b→a. Alembic refuses such a graph ("a cycle can never be
 * upgraded"), so `alembic upgrade` stops before running anything.
 */
import * as path from 'path';
import type { Rule } from './types';

export const migrationRevisionCycle: Rule = {
  id: 'migration-revision-cycle',
  description: 'The revision graph has a cycle: a migration is its own ancestor.',
  defaultSeverity: 'error',
  needs: ['migrations'],
  reads: ['migrations'],
  check(ctx) {
    for (const graph of ctx.revisionGraphs) {
      for (const cycle of graph.cycles) {
        const ids = new Set(cycle.map((m) => m.revision?.id));
        const path_ = cycle.map((m) => `"${m.revision?.id}" (${path.basename(m.file)})`).join(' → ');
        for (const m of cycle) {
          // The parent reference that closes the loop is where the fix goes.
          const back = m.downRevisions.find((p) => ids.has(p.id));
          const location = back?.location ?? m.downRevisionLocation ?? m.revision!.location;
          const message = cycle.length === 1
            ? `Migration "${m.revision?.id}" names itself as its down_revision: Alembic refuses a revision graph with a cycle, so no migration runs. Point down_revision at the revision it follows (evidence: migrations).`
            : `Migrations ${path_} form a cycle through their down_revision: Alembic refuses a revision graph with a cycle, so no migration runs. Break it where a migration names one that comes after it (evidence: migrations).`;
          ctx.report({
            message, location, evidence: ['migration'],
            related: cycle.filter((o) => o !== m).map((o) => ({ location: o.revision!.location, message: `revision "${o.revision!.id}" is part of the cycle` })),
          });
        }
      }
    }
  },
};
