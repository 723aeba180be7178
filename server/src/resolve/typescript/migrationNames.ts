/**
 * Names a TypeORM/Sequelize migration takes from other modules — `createTable(Tables.USERS, …)`,
 * an imported constant in a `${…}` of its SQL — evaluated across modules as TypeScript binds them
 * (enums, constants, re-exports, path aliases: TsProjectSymbols). The reader left a placeholder
 * where each name goes; an operation whose names all evaluate gets the values, one with a name that
 * does not is Unknown (it may have done anything: the chain after it is not taken as complete).
 */
import type { AlembicMigrationFacts } from '../../facts/alembic';
import type { ColumnSpec, MigrationOperation } from '../../model/operations';
import { IMPORTED_NAME } from '../../model/operations';
import { tableColumnType, type TableColumnTypeWritten } from '../../model/ormTypes';

const PLACEHOLDER = new RegExp(`${IMPORTED_NAME}\\d+__`, 'g');

/** The migration with its imported names evaluated by `value`; the same object when it has none. */
export function withImportedNames(m: AlembicMigrationFacts, value: (name: { name: string; member?: string }) => string | number | boolean | undefined): AlembicMigrationFacts {
  if (!m.importedNames?.length) return m;
  const values = new Map<string, string>();
  for (const n of m.importedNames) {
    const v = value(n.ref);
    // (As JavaScript writes a value into a string: `${true}` is "true".)
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values.set(n.placeholder, String(v));
  }
  const textOf = new Map(m.importedNames.map((n) => [n.placeholder, n.text]));
  const substitute = (text: string) => text.replace(PLACEHOLDER, (p) => values.get(p)!);
  const evaluates = (text: string) => (text.match(PLACEHOLDER) ?? []).every((p) => values.has(p));
  const operations = m.operations.map((op): MigrationOperation => {
    let json = JSON.stringify(op);
    if (!json.includes(IMPORTED_NAME)) return op;
    // A column's type or default named by another module: evaluated, or Unknown — the column (and
    // the operation) is read all the same.
    if (json.includes('"typeFrom"') || json.includes('"serverDefaultFrom"')) {
      json = JSON.stringify(settleColumns(JSON.parse(json) as MigrationOperation, (text) => (evaluates(text) ? substitute(text) : undefined)));
      if (!json.includes(IMPORTED_NAME)) return JSON.parse(json) as MigrationOperation;
    }
    const missing = [...new Set(json.match(PLACEHOLDER) ?? [])].filter((p) => !values.has(p));
    if (missing.length) {
      const names = missing.map((p) => textOf.get(p) ?? p).join(', ');
      return { kind: 'unknown', description: `a name taken from another module that cannot be evaluated: ${names}`, mentions: [], location: op.location, guarded: op.guarded } as MigrationOperation;
    }
    return JSON.parse(json.replace(PLACEHOLDER, (p) => JSON.stringify(values.get(p)!).slice(1, -1))) as MigrationOperation;
  });
  return { ...m, operations };
}

/**
 * The operation with each column's `typeFrom` and `serverDefaultFrom` (see ColumnSpec) settled:
 * the type and default their names evaluate to (`evaluate` gives the text with its names' values,
 * undefined where one does not evaluate), else none — Unknown, as a type computed by code is.
 */
function settleColumns<T>(node: T, evaluate: (text: string) => string | undefined): T {
  if (Array.isArray(node)) return node.map((x) => settleColumns(x, evaluate)) as T;
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = settleColumns(v, evaluate);
  const column = out as Partial<ColumnSpec>;
  if (column.typeFrom) {
    const evaluated: Partial<TableColumnTypeWritten> = {};
    let complete = true;
    for (const [k, v] of Object.entries(column.typeFrom)) {
      const value = typeof v === 'string' ? evaluate(v) : v;
      if (value === undefined) complete = false;
      else (evaluated as Record<string, unknown>)[k] = value;
    }
    if (complete) column.type = tableColumnType(evaluated as TableColumnTypeWritten);
    delete column.typeFrom;
  }
  if (column.serverDefaultFrom !== undefined) {
    const value = evaluate(column.serverDefaultFrom);
    if (value !== undefined) column.serverDefault = value;
    delete column.serverDefaultFrom;
  }
  return out as T;
}
