/** Following a foreign key to the table and columns it references, in models first, then migrations. */
import { findColumn, TableIndex, type Column, type ForeignKey, type Table } from '../../model/schema';
import type { FindingInput, RuleContext } from '../types';

export function referencedTable(ctx: RuleContext, fk: ForeignKey): Table | undefined {
  // Two tables of the name (two applications of a monorepo): the one nearest the referencing model.
  const near = fk.location?.file;
  return ctx.modelTables.get(fk.resolvedSchema, fk.target.table, near) ?? ctx.migratedTables.get(fk.resolvedSchema, fk.target.table, near);
}

/** The referenced column for the FK's `index`-th column (the target's primary key where none is written). */
export function referencedColumn(target: Table, fk: ForeignKey, index: number): Column | undefined {
  const name = fk.target.columns[index] ?? target.primaryKey[index];
  return name === undefined ? undefined : findColumn(target, name);
}

/** The lookups a per-table check may make; each is recorded so that its result can be re-checked. */
export interface Lookups {
  /** The table a foreign key references (models first, then migrations). */
  referenced(fk: ForeignKey): Table | undefined;
  /** The one table mapped by a class name, if exactly one is. */
  mapped(className: string): Table | undefined;
  /** The check read something beyond its lookups (the whole model): never reuse its reports. */
  readsEverything(): void;
}

function mappedTable(ctx: RuleContext, className: string): Table | undefined {
  const tables = ctx.modelTables.byClassName(className);
  return tables.length === 1 ? tables[0] : undefined;
}

type Recorded = [ForeignKey | string, Table | undefined];

function replay(ctx: RuleContext, [key, result]: Recorded): boolean {
  return (typeof key === 'string' ? mappedTable(ctx, key) : referencedTable(ctx, key)) === result;
}

/** The index keys a recorded lookup reads (see TableIndex.changedSince). */
function keyOf([key]: Recorded): string {
  return typeof key === 'string' ? TableIndex.classKey(key) : TableIndex.nameKey(key.resolvedSchema, key.target.table);
}

interface Memo {
  lookups: Recorded[];
  /** What the lookups read, by index key. */
  keys: string[];
  reports: FindingInput[];
  /** The indexes the lookups were last known to answer the same in. */
  modelTables: TableIndex;
  migratedTables: TableIndex;
}

/** Whether every lookup the check made still answers the same. */
function stillHolds(ctx: RuleContext, memo: Memo): boolean {
  if (memo.modelTables !== ctx.modelTables || memo.migratedTables !== ctx.migratedTables) {
    // Only the lookups of tables an edit changed can answer differently; the others are not asked again.
    const models = memo.modelTables === ctx.modelTables ? undefined : ctx.modelTables.changedSince(memo.modelTables);
    const migrated = memo.migratedTables === ctx.migratedTables ? undefined : ctx.migratedTables.changedSince(memo.migratedTables);
    let touched = false;
    for (const k of memo.keys) if (models?.has(k) || migrated?.has(k)) touched = true;
    if (touched) for (const r of memo.lookups) if (!replay(ctx, r)) return false;
    memo.modelTables = ctx.modelTables;
    memo.migratedTables = ctx.migratedTables;
  }
  return true;
}

/**
 * Reports about one table that depend on that table and the tables its check looked up. An edit
 * changes a file's tables only; for every other table the check is skipped when each lookup it
 * made still returns the same table, and its earlier reports are given again.
 */
export class PerTableReports {
  private readonly memo = new WeakMap<Table, Memo>();

  run(
    ctx: RuleContext, table: Table, check: (lookups: Lookups, report: (f: FindingInput) => void) => void,
    emit?: (f: FindingInput) => void,
  ): void {
    const cached = this.memo.get(table);
    if (cached && stillHolds(ctx, cached)) {
      for (const r of cached.reports) if (emit) emit(r); else ctx.report(r);
      return;
    }
    const lookups: Recorded[] = [];
    const reports: FindingInput[] = [];
    let reusable = true;
    check(
      {
        referenced(fk) {
          const result = referencedTable(ctx, fk);
          lookups.push([fk, result]);
          return result;
        },
        mapped(className) {
          const result = mappedTable(ctx, className);
          lookups.push([className, result]);
          return result;
        },
        readsEverything() {
          reusable = false;
        },
      },
      (f) => reports.push(f),
    );
    if (reusable) this.memo.set(table, { lookups, keys: lookups.map(keyOf), reports, modelTables: ctx.modelTables, migratedTables: ctx.migratedTables });
    else this.memo.delete(table);
    for (const r of reports) if (emit) emit(r); else ctx.report(r);
  }
}

/** Reports through `ctx`, once per location: a declaration in a mixin is one finding, not one per table. */
export function oncePerLocation(ctx: RuleContext): (f: FindingInput) => void {
  const reported = new Set<object>();
  return (f) => {
    if (reported.has(f.location)) return;
    reported.add(f.location);
    ctx.report(f);
  };
}
