/**
 * A function of one table's own content, computed once per table object. Tables are not changed
 * once built, and an edit re-creates only the tables it changes (the model builder keeps other
 * files' tables, a resumed replay keeps the tables it rebuilt unchanged): a rule that asks about
 * every table on every run pays for the changed ones only.
 */
import type { Table } from '../../model/schema';

export function memoByTable<T>(compute: (table: Table) => T): (table: Table) => T {
  const memo = new WeakMap<Table, T>();
  return (table) => {
    if (memo.has(table)) return memo.get(table)!;
    const value = compute(table);
    memo.set(table, value);
    return value;
  };
}
