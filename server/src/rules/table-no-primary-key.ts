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
      // A copy of another table's rows (`CREATE TABLE backup AS SELECT …`): a snapshot, keyless by design.
      if (table.copyOf) continue;
      const fkColumns = [...new Set(table.foreignKeys.flatMap((fk) => fk.columns))];
      const isAssociation = table.isCoreTable && fkColumns.length >= 2;
      // A unique constraint (or unique index) on NOT NULL columns already keeps rows apart: a key in
      // all but name (`brid` unique in a claims table, a link's two columns unique together).
      const key = uniqueKey(table, isAssociation ? fkColumns : undefined);
      const keyColumns = key?.columns ?? fkColumns;
      const fixes: Fix[] = [];
      if (isAssociation || key) {
        const columns = keyColumns.map((n) => table.columns.find((c) => c.name === n));
        if (columns.every((c) => c?.optionAnchor?.syntax === 'python')) {
          fixes.push({
            title: `Make ${columnsLabel(keyColumns)} the primary key`,
            edits: columns.map((c) => addOptionEdit(c!.location.file, c!.optionAnchor!, 'primary_key', 'True')),
            safety: 'review',
          });
        }
      }
      const { text, evidence } = evidenceOf(table);
      const migrated = table.evidence === 'migration';
      const association = isAssociation || (migrated && fkColumns.length >= 2);
      // `__mapper_args__ = {"primary_key": […]}`: the project chose a key for the ORM alone, knowingly.
      const ormOnly = !key && !association && table.mappedByOwnKey;
      const message = ormOnly
        ? `${capitalise(modelLabel(table))} has no primary key in the database: SQLAlchemy maps it by the key its \`__mapper_args__\` names, but duplicate rows cannot be told apart and logical replication cannot replicate its updates (evidence: ${text}).`
        : key
        ? `${capitalise(association ? `association ${modelLabel(table)}` : modelLabel(table))} has no primary key, only a unique ${key.kind} on ${columnsLabel(key.columns)}: ${association ? 'a link cannot be stored twice' : 'its rows are kept apart'}${key.columns.some((n) => table.columns.find((c) => c.name === n)?.nullable !== false) ? ' (though rows with an empty key are not)' : ''}, but logical replication cannot replicate its updates and deletes (no replica identity), and the key is not declared as one. Make ${columnsLabel(key.columns)} its primary key (evidence: ${text}).`
        : association
          ? `Association ${modelLabel(table)} has no primary key: the same link can be stored twice. Make ${columnsLabel(fkColumns)} its primary key (evidence: ${text}).`
          : `${capitalise(modelLabel(table))} has no primary key: ${table.isCoreTable || migrated ? 'duplicate rows cannot be told apart and' : `${ORM_WITHOUT_KEY[table.orm ?? 'sqlalchemy']}, duplicate rows cannot be told apart, and`} logical replication cannot replicate its updates (evidence: ${text}).`;
      ctx.report({ message, location: table.location, evidence, fixes, ...(key || ormOnly ? { severityAtMost: 'info' as const } : {}) });
    }
  },
};

/**
 * A unique constraint or index (not partial, not on an expression) whose columns are all NOT NULL:
 * a key in all but name. For an association, only one within the link's columns counts (a unique
 * `brid` keeps the same link from being stored twice; a unique on another column does not).
 */
function uniqueKey(table: Table, linkColumns: string[] | undefined): { kind: 'constraint' | 'index'; columns: string[] } | undefined {
  const qualifies = (cols: string[]) => cols.length > 0
    && cols.every((n) => table.columns.find((c) => c.name === n)?.nullable === false || (linkColumns?.includes(n) ?? false))
    && (!linkColumns || cols.every((n) => linkColumns.includes(n)));
  const constraint = table.uniqueConstraints.find((u) => qualifies(u.columns));
  if (constraint) return { kind: 'constraint', columns: constraint.columns };
  const index = table.indexes.find((i) => i.unique && !i.where && !i.expression && qualifies(i.columns));
  return index ? { kind: 'index', columns: index.columns } : undefined;
}
