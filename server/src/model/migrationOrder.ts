/**
 * TypeORM and Sequelize run migrations in the order of the timestamps in their names (a line, not a
 * graph as Alembic's): the sort key both the readers and an unread migration file are placed by.
 */

/**
 * The sort key of a migration named `id` in file `base` (no extension): timestamp, then file name.
 * TypeORM orders by the timestamp as a number; Sequelize (umzug) by the file name as a string,
 * whatever digits it starts with (`201703150000-…` after `20170116163901-…`).
 */
export function migrationSequence(id: string, base: string, tool: 'typeorm' | 'sequelize' = 'typeorm', fileName = base): string {
  if (tool === 'sequelize') return fileName;
  const digits = (id !== base ? typeOrmTimestamp(id) : undefined) ?? timestampOf(id, base) ?? '';
  return `${digits.padStart(16, '0')}-${base}`;
}

/**
 * TypeORM's timestamp of a migration named `name` (its `name` property, else its class name): the
 * number its last 13 characters start with (`parseInt(name.substr(-13), 10)` in MigrationExecutor),
 * so that `v1251579977526288` is 1579977526288, not the 16 digits it ends with.
 */
function typeOrmTimestamp(name: string): string | undefined {
  const m = /^\s*[+-]?(\d+)/.exec(name.slice(-13));
  return m ? m[1] : undefined;
}

/** The timestamp of a TypeORM name (`CreateUsers1700000000000`) or a Sequelize/TypeORM file name. */
function timestampOf(id: string, base: string): string | undefined {
  return /(\d{13,14})$/.exec(id)?.[1] ?? /^(\d{12,14})/.exec(base)?.[1] ?? /(\d{10,})/.exec(base)?.[1];
}

/** Whether a file name (no extension) carries a migration timestamp. */
export function hasMigrationTimestamp(base: string): boolean {
  return timestampOf(base, base) !== undefined;
}
