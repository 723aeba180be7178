/**
 * migration-multiple-heads: two migrations both follow the same parent (or start separate
 * chains), so the graph has several heads and `alembic upgrade head` refuses to run
 * (seed report 001: 010_escalation_call_recording and 016_add_social_account_identity).
 */
import * as path from 'path';
import type { Rule } from './types';

export const migrationMultipleHeads: Rule = {
  id: 'migration-multiple-heads',
  description: 'The migration graph has more than one head.',
  defaultSeverity: 'error',
  needs: ['migrations'],
  check(ctx) {
    for (const graph of ctx.revisionGraphs) {
      if (graph.incomplete || graph.heads.length < 2) continue;
      // Branch labels mean separate branches on purpose (`alembic upgrade heads`); a missing
      // parent already explains the split, and migration-missing-parent reports it.
      if (graph.migrations.some((m) => m.branchLabels.length) || graph.missingParents.length) continue;
      const names = graph.heads.map((h) => `"${h.revision!.id}" (${path.basename(h.file)})`).join(', ');
      for (const head of graph.heads) {
        ctx.report({
          message: `The migrations have ${graph.heads.length} heads: ${names}. \`alembic upgrade head\` fails until they are merged (\`alembic merge heads\`), or one is rebased onto the other (evidence: migrations).`,
          location: head.revision!.location,
          evidence: ['migration'],
          related: graph.heads.filter((h) => h !== head).map((h) => ({ location: h.revision!.location, message: `head "${h.revision!.id}"` })),
        });
      }
    }
  },
};
