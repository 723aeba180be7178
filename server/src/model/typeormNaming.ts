/**
 * The names TypeORM (0.3) gives what a migration's Table API makes without naming it, as its
 * DefaultNamingStrategy and PostgresQueryRunner write them: the replay then finds them again when a
 * later migration drops or renames them by the name TypeORM printed in its own generated SQL.
 */
import { createHash } from 'crypto';

/** `getTableName`: the part after the last dot (`audit.events` is `events`). */
function tableOnly(table: string): string {
  return table.split('.').pop()!;
}

/** `uniqueConstraintName(table, columns)`: `UQ_` and 27 hex digits of the SHA-1 of `<table>_<sorted columns>`. */
export function typeormUniqueName(table: string, columns: readonly string[]): string {
  const key = `${tableOnly(table)}_${[...columns].sort().join('_')}`;
  return `UQ_${createHash('sha1').update(key).digest('hex').slice(0, 27)}`;
}

/** `buildEnumName(table, column)`: `<table>_<column in lower case>_enum`, unless the column names its enum. */
export function typeormEnumName(table: string, column: string): string {
  return `${tableOnly(table)}_${column.toLowerCase()}_enum`;
}
