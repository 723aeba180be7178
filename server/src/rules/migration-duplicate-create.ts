/**
 * migration-duplicate-create: the chain creates a table, or adds a column, that an earlier
 * migration already created. On a clean database `alembic upgrade head` stops there with
 * `relation already exists` (seed report 001: businesses created by two migrations). Guarded
 * copies (`IF NOT EXISTS`, an existence check) do not fail, but they are dead code that hides which
 * migration owns the object (seed report 004: discovery_query_id added twice).
 */
import { capitalise, upgradeCommand, columnsLabel, lineLabel, migrationLabel, tableLabel } from './support/describe';
import type { Rule } from './types';

const GUARDED = 'It runs only under a condition (IF NOT EXISTS, an existence check, try), so it does not fail, but it is redundant: remove it, so that one migration owns the';
/**
 * Guarded only by a Python `try` whose `except` swallows the failure, in an Alembic migration on
 * PostgreSQL: the failed statement aborts the transaction Alembic runs the migration in, so what
 * follows — and the version update — fails. (A DO block's EXCEPTION rolls back to a savepoint: fine.)
 */
const SWALLOWED = 'The `try` around it swallows the error, but on PostgreSQL the failed statement aborts the transaction Alembic runs the migration in: every later statement of the migration, and the update of alembic_version, then fail with "current transaction is aborted" (unless env.py runs the migrations outside a transaction). Remove it, so that one migration owns the';

export const migrationDuplicateCreate: Rule = {
  id: 'migration-duplicate-create',
  description: 'The migration chain creates the same table, or adds the same column, twice.',
  defaultSeverity: 'error',
  needs: ['migrations'],
  reads: ['migrations'],
  check(ctx) {
    // A failure a Python `try` swallows in an Alembic migration on PostgreSQL (see SWALLOWED).
    const swallowed = (e: { operation: { failureHandled?: boolean; failureRolledBackAlone?: true }; migration: { tool?: string } }) =>
      ctx.dialect === 'postgresql' && !!e.operation.failureHandled && !e.operation.failureRolledBackAlone && e.migration.tool === undefined;
    for (const replay of ctx.migrations) {
      for (const e of replay.events) {
        if (e.kind === 'duplicate-table') {
          const table = tableLabel(e.existing);
          const first = `it already exists at this point of the chain (created at ${lineLabel(e.existing.location)})`;
          if (!e.operation.guarded && e.operation.kind === 'create-table' && e.operation.ifNotExists) {
            // Sequelize's createTable: no failure, and none of what this one declares takes effect.
            ctx.report({
              message: `${capitalise(migrationLabel(e.migration))} creates table ${table} again: ${first}. Sequelize creates a table only where none of that name exists (CREATE TABLE IF NOT EXISTS), so this one does nothing: the table keeps the columns its first creation gave it, and what this migration declares differently never reaches the database. Alter the table instead, or drop it first (evidence: migrations).`,
              location: e.ref.location,
              evidence: ['migration'],
              related: [{ location: e.existing.location, message: `${table} is first created here` }],
              severityAtMost: 'warning',
            });
            continue;
          }
          ctx.report({
            message: e.operation.guarded
              ? `${capitalise(migrationLabel(e.migration))} creates table ${table} again: ${first}. ${swallowed(e) ? SWALLOWED : GUARDED} table (evidence: migrations).`
              : `${capitalise(migrationLabel(e.migration))} creates table ${table} again: ${first}, so ${upgradeCommand(e.migration)} fails here on a clean database: relation ${table} already exists. Delete one of the two, or make this one alter the table (evidence: migrations).`,
            location: e.ref.location,
            evidence: ['migration'],
            related: [{ location: e.existing.location, message: `${table} is first created here` }],
            ...(e.operation.guarded ? { severityAtMost: 'warning' as const, ...(swallowed(e) ? {} : { tags: ['unnecessary' as const] }) } : {}),
          });
        } else if (e.kind === 'duplicate-column') {
          const column = columnsLabel([e.column.name]);
          const table = tableLabel(e.table);
          // (The table in the first sentence: a loop over tables adds one column to each, at one line.)
          const first = `it already has it at this point of the chain (added at ${lineLabel(e.existing.location)})`;
          ctx.report({
            message: e.operation.guarded
              ? `${capitalise(migrationLabel(e.migration))} adds column ${column} to ${table} again: ${first}. ${swallowed(e) ? SWALLOWED : GUARDED} column (evidence: migrations).`
              : `${capitalise(migrationLabel(e.migration))} adds column ${column} to ${table} again: ${first}, so the migration fails on a clean database: column ${column} of relation ${table} already exists (evidence: migrations).`,
            location: e.column.location,
            evidence: ['migration'],
            related: [{ location: e.existing.location, message: `${column} is first added here` }],
            ...(e.operation.guarded ? { severityAtMost: 'warning' as const, ...(swallowed(e) ? {} : { tags: ['unnecessary' as const] }) } : {}),
          });
        }
      }
    }
  },
};
