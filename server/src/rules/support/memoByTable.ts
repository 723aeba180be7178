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

/**
 * As memoByTable, for a function of a table and a setting of the project (its dialect): kept for
 * the setting it was last computed for.
 */
export function memoByTableAnd<S, T>(compute: (table: Table, setting: S) => T): (table: Table, setting: S) => T {
  const memo = new WeakMap<Table, { setting: S; value: T }>();
  return (table, setting) => {
    const made = memo.get(table);
    if (made && made.setting === setting) return made.value;
    const value = compute(table, setting);
    memo.set(table, { setting, value });
    return value;
  };
}
