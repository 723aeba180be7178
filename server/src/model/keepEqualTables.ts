/**
 * A model rebuilt whole after an edit (the TypeORM/Sequelize model is) has new objects for every
 * table, although the edit changed one or two: rules keep their per-table work by table object, and
 * would do it all again. Where a rebuilt table equals the previous one in every value, the previous
 * object is kept.
 *
 * Tables that share parts with other tables (columns, keys or indexes inherited from a base class:
 * rules report a base's declaration once, by the identity of its location) are kept only where
 * those parts have the very location objects of the new build (the base's file was not read again),
 * so that tables sharing a part never hold two objects for one declaration.
 */
import { CompactLocation } from './source';
import type { SchemaModel, Table } from './schema';

export function keepEqualTables(next: SchemaModel, previous: SchemaModel | undefined): SchemaModel {
  if (!previous?.tables.length) return next;
  const before = new Map<string, Table[]>();
  for (const t of previous.tables) {
    const key = tableKey(t);
    const list = before.get(key);
    if (list) list.push(t);
    else before.set(key, [t]);
  }
  let kept = 0;
  const tables = next.tables.map((t) => {
    const old = before.get(tableKey(t))?.find((o) => equalValues(o, t, 0) && sameSharedParts(o, t));
    if (!old) return t;
    kept++;
    return old;
  });
  return kept ? { ...next, tables } : next;
}

function tableKey(t: Table): string {
  return `${t.schema}\u0000${t.name}\u0000${t.location.file}\u0000${t.className ?? ''}`;
}

/** Equal tables whose inherited parts are at the same location objects (parts align: the tables are equal). */
function sameSharedParts(old: Table, t: Table): boolean {
  const same = <P extends { inheritedFrom?: string; location: unknown }>(a: P[], b: P[]) => b.every((p, i) => !p.inheritedFrom || a[i].location === p.location);
  return same(old.columns, t.columns) && same(old.foreignKeys, t.foreignKeys) && same(old.indexes, t.indexes);
}

/** Deeper than any table's data: a guard against a cycle, answered "not equal". */
const MAX_DEPTH = 16;

/** Equal as data: the same primitives, arrays and objects of equal values; locations by where they are. */
function equalValues(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > MAX_DEPTH) return false;
  if (a instanceof CompactLocation || b instanceof CompactLocation) {
    const x = a as CompactLocation;
    const y = b as CompactLocation;
    return x.file === y.file && equalValues(x.range, y.range, depth + 1);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalValues(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) if (!(key in y) || !equalValues(x[key], y[key], depth + 1)) return false;
  for (const key in y) if (!(key in x)) return false;
  return true;
}
