/**
 * migration-missing-parent: a migration's down_revision (or depends_on) names a revision that no
 * migration declares, or two migrations declare the same revision id. Either breaks the chain:
 * Alembic stops with "Can't locate revision" or "Revision … is present more than once".
 */
import * as path from 'path';
import { replaceEdit } from '../fixes/edits';
import { SimilarNames } from '../model/similarNames';
import type { Fix, Rule } from './types';

export const migrationMissingParent: Rule = {
  id: 'migration-missing-parent',
  description: "A migration's parent revision does not exist, or two migrations share a revision id.",
  defaultSeverity: 'error',
  needs: ['migrations'],
  reads: ['migrations'],
  check(ctx) {
    for (const graph of ctx.revisionGraphs) {
      // A package's branch, run by an environment elsewhere with other packages' revisions: a parent
      // it names may be one of theirs (Unknown here), so none is reported missing.
      if (!graph.incomplete && !graph.environmentElsewhere && graph.missingParents.length) {
        const revisions = new SimilarNames<string>();
        for (const id of graph.byRevision.keys()) revisions.add(id, id);
        for (const { migration, parent } of graph.missingParents) {
          const suggestions = revisions.closest(parent.id, 1);
          const fixes: Fix[] = suggestions.map((s) => ({
            title: `Change the parent to "${s}"`, edits: [replaceEdit(parent.location, s)], safety: 'review',
          }));
          const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
          ctx.report({
            message: `Parent revision "${parent.id}" of migration "${migration.revision?.id ?? path.basename(migration.file)}" is declared by no migration: Alembic cannot locate it, and the chain is broken here (evidence: migrations).${hint}`,
            location: parent.location,
            evidence: ['migration'],
            related: suggestions.flatMap((s) => graph.byRevision.get(s) ?? []).map((m) => ({ location: m.revision!.location, message: `revision "${m.revision!.id}"` })),
            fixes,
          });
        }
      }
      for (const { id, migrations } of graph.duplicates) {
        for (const duplicate of migrations.slice(1)) {
          ctx.report({
            message: `Revision id "${id}" is declared by ${migrations.length} migrations (${migrations.map((m) => path.basename(m.file)).join(', ')}): Alembic refuses a revision that is present more than once. Give this one a new id (evidence: migrations).`,
            location: duplicate.revision!.location,
            evidence: ['migration'],
            related: migrations.filter((m) => m !== duplicate).map((m) => ({ location: m.revision!.location, message: `"${id}" is declared here too` })),
          });
        }
      }
    }
  },
};
