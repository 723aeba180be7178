/**
 * json-not-jsonb: PostgreSQL's `json` stores the text as given and re-parses it on every access; it
 * has no equality operator (so no DISTINCT, GROUP BY or unique index) and no GIN index. `jsonb`
 * stores it parsed, and supports containment queries and indexes.
 */
import { libraryTableOf } from '../model/libraryTables';
import { isInferredType, knownType } from '../model/types';
import type { Column, ColumnType } from '../model/schema';
import { tableLabel } from './support/describe';
import { memoByTable } from './support/memoByTable';
import { evidenceOf, migrationOnlyTables } from './support/migrations';
import type { Rule } from './types';

/** A table's columns of PostgreSQL's json type, as written. */
const jsonColumns = memoByTable((table) => {
  const found: { column: Column; type: ColumnType }[] = [];
  for (const column of table.columns) {
    const type = knownType(column);
    if (type?.name !== 'json' || type.custom || isInferredType(type)) continue;
    // `JSON().with_variant(JSONB(), "postgresql")`: the project already chose per dialect.
    if (/with_variant/.test(type.written)) continue;
    found.push({ column, type });
  }
  return found;
});

export const jsonNotJsonb: Rule = {
  id: 'json-not-jsonb',
  description: 'A PostgreSQL JSON column where JSONB serves better.',
  defaultSeverity: 'info',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations'],
  dialects: ['postgresql'],
  check(ctx) {
    const reported = new Set<object>(); // by location: a mixin's column counts once
    for (const table of [...ctx.models.tables, ...migrationOnlyTables(ctx)]) {
      // A copy of another table's rows (`CREATE TABLE backup AS SELECT …`) has its types: said of that table.
      if (table.copyOf) continue;
      // A library's own table (connect-pg-simple's `sess json`): its schema is the library's to choose.
      if (libraryTableOf(table, ctx.packages)) continue;
      for (const { column, type } of jsonColumns(table)) {
        if (reported.has(column.location)) continue;
        reported.add(column.location);
        const { text, evidence } = evidenceOf(table);
        ctx.report({
          message: `Column "${column.name}" of ${tableLabel(table)} is ${type.written}, stored as PostgreSQL json: the text is re-parsed on every access and cannot be compared, grouped or GIN-indexed. JSONB stores it parsed and supports indexes; keep json only to preserve key order, duplicate keys or whitespace (evidence: ${text}).`,
          location: column.location,
          evidence,
        });
      }
    }
  },
};
