/**
 * fk-missing-index: PostgreSQL does not index foreign-key columns by itself. Without an index whose
 * leading columns are the FK columns, every delete or key update of the referenced row scans the
 * referencing table, and joins along the FK cannot use an index.
 */
import type { Index, Table } from '../model/schema';
import { addOptionEdit } from '../fixes/edits';
import { columnsLabel, tableLabel } from './describe';
import type { Fix, Rule } from './types';

/** An index serves FK lookups when its leading columns are exactly the FK's columns, in any order. */
export function indexCovers(index: Index, columns: string[]): boolean {
  if (index.expression || index.where || (index.method && index.method !== 'btree')) return false;
  if (index.columns.length < columns.length) return false;
  const leading = new Set(index.columns.slice(0, columns.length));
  return columns.every((c) => leading.has(c));
}

export function isIndexed(table: Table, columns: string[]): boolean {
  return table.indexes.some((i) => indexCovers(i, columns));
}

export const fkMissingIndex: Rule = {
  id: 'fk-missing-index',
  description: 'Foreign-key columns that are not the leading columns of any index, primary key or unique constraint.',
  defaultSeverity: 'warning',
  needs: ['models', 'migrations', 'live'],
  check(ctx) {
    for (const table of ctx.models.tables) {
      // Indexes declared by code the reader cannot see may cover the FK: stay silent.
      if (table.incomplete?.includes('__table_args__')) continue;
      for (const fk of table.foreignKeys) {
        if (isIndexed(table, fk.columns)) continue;
        const fixes: Fix[] = [];
        if (fk.columns.length === 1) {
          const column = table.columns.find((c) => c.name === fk.columns[0]);
          if (column?.optionAnchor) {
            fixes.push({
              title: column.inheritedFrom
                ? `Add index=True to "${fk.columns[0]}" in mixin ${column.inheritedFrom} (indexes it in every table that uses the mixin)`
                : `Add index=True to "${fk.columns[0]}"`,
              edits: [addOptionEdit(column.location.file, column.optionAnchor, 'index', column.optionAnchor.syntax === 'python' ? 'True' : 'true')],
              safety: column.inheritedFrom ? 'review' : 'safe',
            });
          }
        }
        ctx.report({
          message: `Foreign key ${columnsLabel(fk.columns)} of ${tableLabel(table)} has no index: deleting or updating a referenced "${fk.target.table}" row scans the whole table, and joins on it cannot use an index (evidence: models).`,
          location: fk.location,
          evidence: ['model'],
          fixes,
        });
      }
    }
  },
};
