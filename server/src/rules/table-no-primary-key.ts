/**
 * table-no-primary-key: a table without a primary key cannot tell duplicate rows apart, cannot be
 * replicated logically (UPDATE/DELETE need a replica identity), and a declarative SQLAlchemy model
 * without one fails to map at import time.
 */
import { addOptionEdit } from '../fixes/edits';
import { capitalise, columnsLabel, modelLabel } from './support/describe';
import { evidenceOf, migrationOnlyTables } from './support/migrations';
import type { Table } from '../model/schema';
import type { Fix, Rule } from './types';

/** What the model's ORM does with a class whose table has no primary key. */
const ORM_WITHOUT_KEY: Record<string, string> = {
  sqlalchemy: 'SQLAlchemy cannot map it',
  typeorm: 'TypeORM refuses to load an entity without a primary column',
  sequelize: 'Sequelize cannot find, update or delete one of its rows by key',
};

export const tableNoPrimaryKey: Rule = {
  id: 'table-no-primary-key',
  description: 'A table without a primary key.',
  defaultSeverity: 'warning',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations'],
  check(ctx) {
    for (const table of [...ctx.models.tables, ...migrationOnlyTables(ctx)]) {
      if (table.primaryKey.length || table.incomplete?.some((p) => !p.startsWith('foreign key'))) continue;
      const fkColumns = [...new Set(table.foreignKeys.flatMap((fk) => fk.columns))];
      const isAssociation = table.isCoreTable && fkColumns.length >= 2;
      const fixes: Fix[] = [];
      if (isAssociation) {
        const columns = fkColumns.map((n) => table.columns.find((c) => c.name === n));
        if (columns.every((c) => c?.optionAnchor?.syntax === 'python')) {
          fixes.push({
            title: `Make ${columnsLabel(fkColumns)} the primary key`,
            edits: columns.map((c) => addOptionEdit(c!.location.file, c!.optionAnchor!, 'primary_key', 'True')),
            safety: 'review',
          });
        }
      }
      const { text, evidence } = evidenceOf(table);
      const migrated = table.evidence === 'migration';
      const association = isAssociation || (migrated && fkColumns.length >= 2);
      // A unique constraint (or unique index) on exactly the link's columns keeps links apart already.
      const linkUnique = association && uniqueOver(table, fkColumns);
      const message = linkUnique
        ? `Association ${modelLabel(table)} has no primary key, only a unique ${linkUnique} on ${columnsLabel(fkColumns)}: a link cannot be stored twice, but rows with an empty key are not kept apart and logical replication cannot replicate its updates and deletes. Make ${columnsLabel(fkColumns)} its primary key (evidence: ${text}).`
        : association
          ? `Association ${modelLabel(table)} has no primary key: the same link can be stored twice. Make ${columnsLabel(fkColumns)} its primary key (evidence: ${text}).`
          : `${capitalise(modelLabel(table))} has no primary key: ${table.isCoreTable || migrated ? 'duplicate rows cannot be told apart and' : `${ORM_WITHOUT_KEY[table.orm ?? 'sqlalchemy']}, duplicate rows cannot be told apart, and`} logical replication cannot replicate its updates (evidence: ${text}).`;
      ctx.report({ message, location: table.location, evidence, fixes, ...(linkUnique ? { severityAtMost: 'info' as const } : {}) });
    }
  },
};

/** 'constraint' or 'index' when one that is unique covers exactly `columns` (any order); undefined otherwise. */
function uniqueOver(table: Table, columns: string[]): 'constraint' | 'index' | undefined {
  const same = (cols: string[]) => cols.length === columns.length && columns.every((c) => cols.includes(c));
  if (table.uniqueConstraints.some((u) => same(u.columns))) return 'constraint';
  if (table.indexes.some((i) => i.unique && !i.where && !i.expression && same(i.columns))) return 'index';
  return undefined;
}
