/**
 * What PostgreSQL's CREATE TABLE makes of the constraints it is given, where that differs from what
 * they say: shared by the models (each ORM creates its tables in one statement) and the replay.
 */
import type { Index, Table } from './schema';

/**
 * A UNIQUE constraint that CREATE TABLE declares on exactly the primary key's columns, in its order
 * (TypeORM's one-to-one `REL_…` on a key column, `@Unique` of the key's columns, `unique=True` on
 * the key): PostgreSQL makes no index for it — transformIndexConstraints keeps the primary key's
 * index in preference to an equal one — and so no constraint either. Models are built as CREATE
 * TABLE builds them (create_all, synchronize, sync), and so are the tables migrations create.
 */
export function withoutUniqueOfPrimaryKey(t: Table): void {
  const pk = t.primaryKey;
  if (!pk.length) return;
  const samePk = (columns: readonly string[]) => columns.length === pk.length && columns.every((c, i) => c === pk[i]);
  const redundant = (i: Index) => (i.origin === 'unique-constraint' || i.origin === 'column-unique') && !i.where && !i.expression && !i.method && !i.opclasses && samePk(i.columns);
  if (!t.indexes.some(redundant)) return;
  t.indexes = t.indexes.filter((i) => !redundant(i));
  t.uniqueConstraints = t.uniqueConstraints.filter((u) => !samePk(u.columns));
}
