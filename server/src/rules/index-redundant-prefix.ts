/**
 * index-redundant-prefix: a plain index whose columns are the leading columns of another index.
 * PostgreSQL serves lookups on the leading columns of a multicolumn B-tree index, so the shorter
 * index only costs writes and space. Unique and primary-key indexes enforce something: never flagged.
 */
import type { Index, Table } from '../model/schema';
import type { Dialect } from '../workspace/dialect';
import { removeEdit } from '../fixes/edits';
import { describeIndex, sameColumns } from './index-duplicate';
import { tableLabel } from './support/describe';
import { evidenceOf, migrationOnlyTables } from './support/migrations';
import { memoByTableAnd } from './support/memoByTable';
import type { FindingInput, Fix, Rule } from './types';

/** Plain B-tree over plain columns, on the whole table: the only kind one index can stand in for. */
function isPlainBtree(i: Index, dialect: Dialect): boolean {
  // On MySQL an index of a column's leading characters (`mysql_length`) serves other lookups.
  return !i.expression && !i.where && !i.opclasses && !i.optionsUnknown && (!i.method || i.method === 'btree') && !(i.prefixLengths && dialect === 'mysql');
}

function isStrictPrefix(short: string[], long: string[]): boolean {
  return short.length < long.length && short.every((c, i) => long[i] === c);
}

/** A table's redundant prefixes: a function of the table alone (and the dialect), kept while it is the same object. */
const reportsOf = memoByTableAnd((table: Table, dialect: Dialect): FindingInput[] => {
  const reports: FindingInput[] = [];
  const plain = table.indexes.filter((i) => isPlainBtree(i, dialect));
  for (const short of plain) {
    if (short.unique || short.madeByOrm || (short.origin !== 'index' && short.origin !== 'column-index')) continue;
    // Two indexes over exactly these columns: index-duplicate's finding comes first.
    if (plain.some((o) => o !== short && sameColumns(o.columns, short.columns))) continue;
    const covering = plain.find((long) => isStrictPrefix(short.columns, long.columns));
    if (!covering) continue;
    const { text, evidence } = evidenceOf(table);
    const fixes: Fix[] = [];
    if (short.removal && !short.inheritedFrom) {
      fixes.push({ title: `Remove the redundant ${describeIndex(short, table)}`, edits: [removeEdit(short.removal)], safety: 'safe' });
    }
    reports.push({
      message: `Redundant index on ${tableLabel(table)}: ${describeIndex(short, table)} is a leading prefix of ${describeIndex(covering, table)}, which serves the same lookups; every write maintains both (evidence: ${text}).`,
      location: short.location,
      evidence,
      related: [{ location: covering.location, message: `${describeIndex(covering, table)} is declared here` }],
      fixes,
      tags: ['unnecessary'],
    });
  }
  return reports;
});

export const indexRedundantPrefix: Rule = {
  id: 'index-redundant-prefix',
  description: 'A non-unique index whose columns are the leading columns of another index.',
  defaultSeverity: 'warning',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations'],
  check(ctx) {
    for (const table of [...ctx.models.tables, ...migrationOnlyTables(ctx)]) {
      if (table.indexes.length < 2) continue;
      for (const report of reportsOf(table, ctx.dialect)) ctx.report(report);
    }
  },
};
