/** Following a foreign key to the table and columns it references, in models first, then migrations. */
import { findColumn, type Column, type ForeignKey, type Table } from '../../model/schema';
import type { FindingInput, RuleContext } from '../types';

export function referencedTable(ctx: RuleContext, fk: ForeignKey): Table | undefined {
  return ctx.modelTables.get(fk.resolvedSchema, fk.target.table) ?? ctx.migratedTables.get(fk.resolvedSchema, fk.target.table);
}

/** The referenced column for the FK's `index`-th column (the target's primary key where none is written). */
export function referencedColumn(target: Table, fk: ForeignKey, index: number): Column | undefined {
  const name = fk.target.columns[index] ?? target.primaryKey[index];
  return name === undefined ? undefined : findColumn(target, name);
}

type Lookup = (fk: ForeignKey) => Table | undefined;

/**
 * Reports about one table that depend on that table and the tables its check looked up. An edit
 * changes a file's tables only; for every other table the check is skipped when each lookup it
 * made still returns the same table, and its earlier reports are given again.
 */
export class PerTableReports {
  private readonly memo = new WeakMap<Table, { lookups: [ForeignKey, Table | undefined][]; reports: FindingInput[] }>();

  run(
    ctx: RuleContext, table: Table, check: (lookup: Lookup, report: (f: FindingInput) => void) => void,
    emit: (f: FindingInput) => void = (f) => ctx.report(f),
  ): void {
    const cached = this.memo.get(table);
    if (cached && cached.lookups.every(([fk, result]) => referencedTable(ctx, fk) === result)) {
      for (const r of cached.reports) emit(r);
      return;
    }
    const lookups: [ForeignKey, Table | undefined][] = [];
    const reports: FindingInput[] = [];
    check(
      (fk) => {
        const result = referencedTable(ctx, fk);
        lookups.push([fk, result]);
        return result;
      },
      (f) => reports.push(f),
    );
    this.memo.set(table, { lookups, reports });
    for (const r of reports) emit(r);
  }
}
