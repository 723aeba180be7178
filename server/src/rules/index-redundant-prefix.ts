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
import { asTheMigrationsMakeIt, evidenceOf, migrationOnlyTables } from './support/migrations';
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

/** What one table says: its own findings, and the redundant prefixes it inherits (reported once per mixin or base). */
interface TablePrefixes {
  reports: FindingInput[];
  inherited: { key: string; short: Index; covering: Index }[];
}

/** A table's redundant prefixes: a function of the table alone (and the dialect), kept while it is the same object. */
const prefixesOf = memoByTableAnd((table: Table, dialect: Dialect): TablePrefixes => {
  const reports: FindingInput[] = [];
  const inherited: TablePrefixes['inherited'] = [];
  const plain = table.indexes.filter((i) => isPlainBtree(i, dialect));
  for (const short of plain) {
    if (short.unique || short.madeByOrm || (short.origin !== 'index' && short.origin !== 'column-index')) continue;
    // Two indexes over exactly these columns: index-duplicate's finding comes first.
    if (plain.some((o) => o !== short && sameColumns(o.columns, short.columns))) continue;
    const covering = plain.find((long) => isStrictPrefix(short.columns, long.columns));
    if (!covering) continue;
    if (short.inheritedFrom) {
      const at = short.location;
      inherited.push({ key: `${at.file}:${at.range.start.line}:${at.range.start.character}|${describeIndex(short, table)}`, short, covering });
      continue;
    }
    const { text, evidence } = evidenceOf(table);
    const fixes: Fix[] = [];
    if (short.removal) {
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
  return { reports, inherited };
});

export const indexRedundantPrefix: Rule = {
  id: 'index-redundant-prefix',
  description: 'A non-unique index whose columns are the leading columns of another index.',
  defaultSeverity: 'warning',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations'],
  check(ctx) {
    // An index declared once in a mixin or base, a leading prefix of another index in some of the
    // tables that inherit it, is one finding there naming those tables and what covers it in each
    // (as index-duplicate reports a mixin's duplicate): the base is one place to act, and the tables
    // where it is not covered still need it.
    const inherited = new Map<string, { short: Index; covered: { table: Table; covering: Index }[] }>();
    for (const declared of [...ctx.models.tables, ...migrationOnlyTables(ctx)]) {
      if (declared.indexes.length < 2) continue;
      // A table the ORM neither creates nor migrates: its declared indexes build nothing.
      if (declared.managedElsewhere) continue;
      // (A named index the migrations make of another kind — GIN, an expression — is theirs.)
      const table = asTheMigrationsMakeIt(ctx, declared);
      const found = prefixesOf(table, ctx.dialect);
      for (const report of found.reports) ctx.report(report);
      for (const { key, short, covering } of found.inherited) {
        const entry = inherited.get(key);
        if (entry) entry.covered.push({ table, covering });
        else inherited.set(key, { short, covered: [{ table, covering }] });
      }
    }
    for (const { short, covered } of inherited.values()) {
      const { table, covering } = covered[0];
      const { text, evidence } = evidenceOf(table);
      const message = covered.length === 1
        ? `Redundant index on ${tableLabel(table)}: ${describeIndex(short, table)} (inherited from ${short.inheritedFrom}) is a leading prefix of ${describeIndex(covering, table)}, which serves the same lookups; every write maintains both (evidence: ${text}).`
        : `Redundant index in ${covered.length} tables (inherited from ${short.inheritedFrom}): ${describeIndex(short, table)} is a leading prefix of another index in each of ${covered.map((c) => tableLabel(c.table)).join(', ')}, which serves the same lookups; every write maintains both (evidence: ${text}).`;
      ctx.report({
        message,
        location: short.location,
        evidence,
        related: covered.map((c) => ({ location: c.covering.location, message: `${tableLabel(c.table)}: ${describeIndex(c.covering, c.table)} is declared here` })),
        tags: ['unnecessary'],
      });
    }
  },
};
