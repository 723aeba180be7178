/**
 * index-duplicate: two indexes over the same columns, e.g. `index=True` plus an `Index()` on the
 * same column (seed report 003), or an index on the primary-key column. Every write maintains both.
 */
import type { Index } from '../model/schema';
import { removeEdit } from '../fixes/edits';
import { columnsLabel, tableLabel } from './describe';
import type { Fix, Rule } from './types';

/** Which of two equal indexes to keep: the one that carries a constraint, then a named one. */
function keepRank(i: Index): number {
  switch (i.origin) {
    case 'primary-key': return 5;
    case 'unique-constraint': return 4;
    case 'column-unique': return 4;
    case 'index': return i.unique ? 4 : 2;
    case 'column-index': return i.unique ? 4 : 1;
    default: return 0;
  }
}

export function describeIndex(i: Index): string {
  switch (i.origin) {
    case 'primary-key': return `the primary key ${columnsLabel(i.columns)}`;
    case 'unique-constraint': return `unique constraint${i.name ? ` "${i.name}"` : ''} on ${columnsLabel(i.columns)}`;
    case 'column-unique': return `unique=True on ${columnsLabel(i.columns)}`;
    case 'column-index': return `index=True on ${columnsLabel(i.columns)}`;
    default: return `${i.unique ? 'unique index' : 'index'}${i.name ? ` "${i.name}"` : ''} on ${columnsLabel(i.columns)}`;
  }
}

export const indexDuplicate: Rule = {
  id: 'index-duplicate',
  description: 'Two indexes over the same columns, e.g. index=True plus an Index() on that column.',
  defaultSeverity: 'warning',
  needs: ['models', 'migrations', 'live'],
  check(ctx) {
    for (const table of ctx.models.tables) {
      const groups = new Map<string, Index[]>();
      for (const index of table.indexes) {
        if (index.expression || index.where || index.method) continue;
        const key = index.columns.join('\u0000');
        const list = groups.get(key);
        if (list) list.push(index);
        else groups.set(key, [index]);
      }
      for (const group of groups.values()) {
        if (group.length < 2) continue;
        // Keep the highest-ranked; ties keep the first declared.
        const keep = group.reduce((best, i) => (keepRank(i) > keepRank(best) ? i : best), group[0]);
        for (const redundant of group) {
          if (redundant === keep) continue;
          // Two unique constraints of different names may be referenced by name elsewhere: still redundant.
          const fixes: Fix[] = [];
          if (redundant.removal && !redundant.inheritedFrom && redundant.origin !== 'primary-key') {
            fixes.push({ title: `Remove the redundant ${describeIndex(redundant)}`, edits: [removeEdit(redundant.removal)], safety: 'safe' });
          }
          ctx.report({
            message: `Redundant index on ${tableLabel(table)}: ${describeIndex(redundant)} duplicates ${describeIndex(keep)}, which already indexes the same columns; every write maintains both (evidence: models).`,
            location: redundant.location,
            evidence: ['model'],
            related: [{ location: keep.location, message: `${describeIndex(keep)} is declared here` }],
            fixes,
            tags: ['unnecessary'],
          });
        }
      }
    }
  },
};
