/** Following a foreign key to the table and columns it references, in models first, then migrations. */
import { findColumn, type Column, type ForeignKey, type Table } from '../../model/schema';
import type { RuleContext } from '../types';

export function referencedTable(ctx: RuleContext, fk: ForeignKey): Table | undefined {
  return ctx.modelTables.get(fk.resolvedSchema, fk.target.table) ?? ctx.migratedTables.get(fk.resolvedSchema, fk.target.table);
}

/** The referenced column for the FK's `index`-th column (the target's primary key where none is written). */
export function referencedColumn(target: Table, fk: ForeignKey, index: number): Column | undefined {
  const name = fk.target.columns[index] ?? target.primaryKey[index];
  return name === undefined ? undefined : findColumn(target, name);
}
