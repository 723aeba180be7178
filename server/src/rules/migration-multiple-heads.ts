/**
 * migration-multiple-heads: two migrations both follow the same parent (or start separate
 * chains), so the graph has several heads and `alembic upgrade head` refuses to run
 * (seed report 001: 010_escalation_call_recording and 016_add_social_account_identity).
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { createFileEdit } from '../fixes/edits';
import type { RevisionGraph } from '../model/revisionGraph';
import type { Fix, Rule } from './types';

/**
 * The migration `alembic merge heads` would write. Its id is derived from the heads (not random),
 * so that the fix is the same every time it is offered.
 */
export function mergeMigrationFix(graph: RevisionGraph): Fix {
  const ids = graph.heads.map((h) => h.revision!.id);
  const id = createHash('sha1').update(ids.join('\n')).digest('hex').slice(0, 12);
  const file = path.join(path.dirname(graph.heads[0].file), `${id}_merge_heads.py`);
  const quote = '"""';
  const content = [
    `${quote}merge heads ${ids.join(', ')}`,
    '',
    `Revision ID: ${id}`,
    `Revises: ${ids.join(', ')}`,
    quote,
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    '',
    '# revision identifiers, used by Alembic.',
    `revision = "${id}"`,
    `down_revision = (${ids.map((x) => `"${x}"`).join(', ')})`,
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
    'def upgrade() -> None:',
    '    pass',
    '',
    '',
    'def downgrade() -> None:',
    '    pass',
    '',
  ].join('\n');
  return { title: `Create a merge migration (${path.basename(file)})`, edits: [createFileEdit(file, content)], safety: 'safe' };
}

export const migrationMultipleHeads: Rule = {
  id: 'migration-multiple-heads',
  description: 'The migration graph has more than one head.',
  defaultSeverity: 'error',
  needs: ['migrations'],
  reads: ['migrations'],
  check(ctx) {
    for (const graph of ctx.revisionGraphs) {
      if (graph.incomplete || graph.heads.length < 2) continue;
      // Branch labels mean separate branches on purpose (`alembic upgrade heads`), also when they
      // are given by code (`branch_labels = (cli.EXPAND_BRANCH,)`); a missing parent already
      // explains the split, and migration-missing-parent reports it.
      if (graph.migrations.some((m) => m.branchLabels.length || m.dynamic.includes('branch_labels')) || graph.missingParents.length) continue;
      const fix = mergeMigrationFix(graph);
      const names = graph.heads.map((h) => `"${h.revision!.id}" (${path.basename(h.file)})`).join(', ');
      for (const head of graph.heads) {
        ctx.report({
          message: `The migrations have ${graph.heads.length} heads: ${names}. \`alembic upgrade head\` fails until they are merged (\`alembic merge heads\`), or one is rebased onto the other (evidence: migrations).`,
          location: head.revision!.location,
          evidence: ['migration'],
          related: graph.heads.filter((h) => h !== head).map((h) => ({ location: h.revision!.location, message: `head "${h.revision!.id}"` })),
          fixes: [fix],
        });
      }
    }
  },
};
