/**
 * The resolution layer's part in Alembic migrations that call functions of other modules of the
 * project (neutron's first migration: `agent_init_ops.upgrade()`, `core_init_ops.upgrade()`, …):
 * what each function does, as its module's reader read it, goes where the call is — under the
 * call's condition (guarded) and branch. A call it cannot follow is left out, as a call of code
 * that does nothing to the schema was before. A call handed the migration's connection stands for
 * an Unknown operation, dropped when the function only reads the catalog (manila's
 * `utils.load_table("shares", conn)`).
 */
import type { AlembicMigrationFacts, MigrationModuleCall } from '../../facts/alembic';
import type { MigrationOperation } from '../../model/operations';

export function withModuleCalls(
  migration: AlembicMigrationFacts, operationsOf: (call: MigrationModuleCall) => readonly MigrationOperation[] | undefined,
  onlyReads: (call: MigrationModuleCall) => boolean = () => false,
): AlembicMigrationFacts {
  const calls = migration.moduleCalls ?? [];
  const spliced: MigrationOperation[] = [];
  let next = 0;
  let followed = false;
  // Operations that stood for a call of a function that only reads (handsConnection): left out.
  const dropped = new Set<number>();
  for (const call of calls) if (call.handsConnection && onlyReads(call)) dropped.add(call.at);
  for (let i = 0; i <= migration.operations.length; i++) {
    for (; next < calls.length && calls[next].at === i; next++) {
      const call = calls[next];
      if (call.handsConnection) continue;
      const ops = operationsOf(call);
      if (!ops) continue;
      followed = true;
      for (const op of ops) {
        const branch = call.branch || op.branch ? `${call.branch ?? ''}${op.branch ?? ''}` : undefined;
        spliced.push({ ...op, guarded: op.guarded || call.guarded, ...(branch ? { branch } : {}) } as MigrationOperation);
      }
    }
    if (i < migration.operations.length && !dropped.has(i)) spliced.push(migration.operations[i]);
  }
  if (!followed && !dropped.size) return migration;
  const schemasCreated = spliced.flatMap((op) => (op.kind === 'create-schema' ? [{ name: op.schema, location: op.location }] : []));
  return { ...migration, operations: spliced, schemasCreated };
}
