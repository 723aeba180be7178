/**
 * Tables a library of the project makes and uses by itself, with no model of the project: the
 * session stores of Express applications. A migration may create one (the store's own SQL, or a
 * `createTable` of its columns); no model declares it, and none should. Recognised by the library
 * in the project's dependencies and by the table's shape, whatever name the store is given.
 */
import type { Table } from './schema';

export interface LibraryTable {
  /** The npm package. */
  library: string;
  /** Whether a table has the shape of the library's. */
  matches(table: Table): boolean;
}

const keyedOn = (t: Table, column: string) => t.primaryKey.length === 1 && t.primaryKey[0] === column;
const has = (t: Table, ...names: string[]) => names.every((n) => t.columns.some((c) => c.name === n));

export const LIBRARY_TABLES: readonly LibraryTable[] = [
  // connect-session-sequelize's model: `sid` (its key), `expires`, `data`, Sequelize's timestamps;
  // `extendDefaultFields` may add columns of the project's.
  { library: 'connect-session-sequelize', matches: (t) => keyedOn(t, 'sid') && has(t, 'expires', 'data') },
  // connect-pg-simple's table.sql: `sid`, `sess`, `expire`.
  { library: 'connect-pg-simple', matches: (t) => keyedOn(t, 'sid') && has(t, 'sess', 'expire') },
];

/** The library of the project that makes and uses `table` by itself, if any. */
export function libraryTableOf(table: Table, packages: ReadonlySet<string>): LibraryTable | undefined {
  return LIBRARY_TABLES.find((l) => packages.has(l.library) && l.matches(table));
}
