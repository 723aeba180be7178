/**
 * Names a TypeORM/Sequelize migration takes from other modules — `createTable(Tables.USERS, …)`,
 * an imported constant in a `${…}` of its SQL — evaluated across modules as TypeScript binds them
 * (enums, constants, re-exports, path aliases: TsProjectSymbols). The reader left a placeholder
 * where each name goes; an operation whose names all evaluate gets the values, one with a name that
 * does not is Unknown (it may have done anything: the chain after it is not taken as complete).
 */
import type { AlembicMigrationFacts } from '../../facts/alembic';
import type { MigrationOperation } from '../../model/operations';
import { IMPORTED_NAME } from '../../model/operations';

const PLACEHOLDER = new RegExp(`${IMPORTED_NAME}\\d+__`, 'g');

/** The migration with its imported names evaluated by `value`; the same object when it has none. */
export function withImportedNames(m: AlembicMigrationFacts, value: (name: { name: string; member?: string }) => string | number | boolean | undefined): AlembicMigrationFacts {
  if (!m.importedNames?.length) return m;
  const values = new Map<string, string>();
  for (const n of m.importedNames) {
    const v = value(n.ref);
    if (typeof v === 'string' || typeof v === 'number') values.set(n.placeholder, String(v));
  }
  const textOf = new Map(m.importedNames.map((n) => [n.placeholder, n.text]));
  const operations = m.operations.map((op): MigrationOperation => {
    const json = JSON.stringify(op);
    if (!json.includes(IMPORTED_NAME)) return op;
    const missing = [...new Set(json.match(PLACEHOLDER) ?? [])].filter((p) => !values.has(p));
    if (missing.length) {
      const names = missing.map((p) => textOf.get(p) ?? p).join(', ');
      return { kind: 'unknown', description: `a name taken from another module that cannot be evaluated: ${names}`, mentions: [], location: op.location, guarded: op.guarded } as MigrationOperation;
    }
    return JSON.parse(json.replace(PLACEHOLDER, (p) => JSON.stringify(values.get(p)!).slice(1, -1))) as MigrationOperation;
  });
  return { ...m, operations };
}
