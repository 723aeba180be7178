/**
 * index-duplicate: two indexes over the same columns, e.g. `index=True` plus an `Index()` on the
 * same column (seed report 003), or an index on the primary-key column. Every write maintains both.
 */
import type { Index, Table } from '../model/schema';
import { removeEdit } from '../fixes/edits';
import { columnsLabel, ormWords, tableLabel } from './support/describe';
import { asTheMigrationsMakeIt, evidenceOf, migrationOnlyTables } from './support/migrations';
import { memoByTableAnd } from './support/memoByTable';
import type { FindingInput, Fix, Rule } from './types';
import type { Dialect } from '../workspace/dialect';

/** Which of two equal indexes to keep: the one that carries a constraint, then a named one. */
function keepRank(i: Index): number {
  switch (i.origin) {
    case 'primary-key': return 5;
    case 'unique-constraint': return 4;
    case 'column-unique': return 4;
    case 'index': return i.unique ? 4 : 2;
    case 'column-index': return i.unique ? 4 : 1;
    default: return 0;
  }
}

export function describeIndex(i: Index, table: Pick<Table, 'orm'> = {}): string {
  const words = ormWords(table);
  switch (i.origin) {
    case 'primary-key': return `the primary key ${columnsLabel(i.columns)}`;
    case 'unique-constraint': return `unique constraint${i.name ? ` "${i.name}"` : ''} on ${columnsLabel(i.columns)}`;
    case 'column-unique': return i.ofOneToOne ? `the one-to-one's unique constraint on ${columnsLabel(i.columns)}` : `${words.unique} on ${columnsLabel(i.columns)}`;
    case 'column-index': return `${i.unique ? words.uniqueIndex : words.index} on ${columnsLabel(i.columns)}`;
    default: return `${i.unique ? 'unique index' : 'index'}${i.name ? ` "${i.name}"` : ''} on ${columnsLabel(i.columns)}`;
  }
}

/**
 * Two index declarations of a TypeORM entity that TypeORM names alike (`IDX_` + a hash of the
 * table, the columns and the predicate): both unnamed (or named the same), equally unique.
 */
function sameTypeOrmName(table: Table, a: Index, b: Index): boolean {
  const declared = (i: Index) => i.origin === 'index' || i.origin === 'column-index';
  return table.orm === 'typeorm' && table.evidence !== 'migration' && declared(a) && declared(b) && a.name === b.name && a.unique === b.unique;
}

export function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** What one table says: its own findings, and the redundant indexes it inherits (reported once per mixin). */
interface TableDuplicates {
  reports: FindingInput[];
  inherited: { key: string; redundant: Index; keep: Index }[];
}

/** A function of the table alone (and the dialect), kept while it is the same object. */
const duplicatesOf = memoByTableAnd((table: Table, dialect: Dialect): TableDuplicates => {
  const found: TableDuplicates = { reports: [], inherited: [] };
  const { text, evidence } = evidenceOf(table);
  // Tables have a handful of indexes: grouping by pairwise comparison beats building keys.
  // On MySQL an index of a column's leading characters (`mysql_length`) is another index.
  // (An index the ORM makes of its own accord is not the project's to remove: see Index.madeByOrm.)
  const plain = table.indexes.filter((i) => !i.expression && !i.where && !i.method && !i.opclasses && !i.optionsUnknown && !i.madeByOrm && !(i.prefixLengths && dialect === 'mysql'));
  const grouped = new Set<Index>();
  for (let a = 0; a < plain.length; a++) {
    if (grouped.has(plain[a])) continue;
    const group = [plain[a]];
    for (let b = a + 1; b < plain.length; b++) {
      if (!grouped.has(plain[b]) && sameColumns(plain[a].columns, plain[b].columns)) group.push(plain[b]);
    }
    if (group.length < 2) continue;
    for (const i of group) grouped.add(i);
    // Keep the highest-ranked; ties keep the first declared.
    // In migrations, the index created later is the redundant one (a constraint's index stays).
    const rank = table.evidence === 'migration' ? (i: Index) => (i.unique ? keepRank(i) : 0) : keepRank;
    const keep = group.reduce((best, i) => (rank(i) > rank(best) ? i : best), group[0]);
    for (const redundant of group) {
      if (redundant === keep) continue;
      if (redundant.inheritedFrom) {
        const at = (l: Index['location']) => `${l.file}:${l.range.start.line}:${l.range.start.character}`;
        found.inherited.push({ key: `${at(redundant.location)}|${at(keep.location)}|${describeIndex(redundant, table)}|${describeIndex(keep, table)}`, redundant, keep });
        continue;
      }
      // Two unique constraints of different names may be referenced by name elsewhere: still redundant.
      const fixes: Fix[] = [];
      if (redundant.removal && !redundant.inheritedFrom && redundant.origin !== 'primary-key') {
        fixes.push({ title: `Remove the redundant ${describeIndex(redundant, table)}`, edits: [removeEdit(redundant.removal)], safety: 'safe' });
      }
      found.reports.push({
        message: sameTypeOrmName(table, redundant, keep)
          // TypeORM names an index by its table and columns: the two are one name, created twice.
          ? `Index on ${tableLabel(table)} declared twice: ${describeIndex(redundant, table)} and ${describeIndex(keep, table)} get the same name from TypeORM, so \`synchronize\` and a generated migration create it twice and the second CREATE INDEX fails (evidence: ${text}).`
          : `Redundant index on ${tableLabel(table)}: ${describeIndex(redundant, table)} duplicates ${describeIndex(keep, table)}, which already indexes the same columns; every write maintains both (evidence: ${text}).${constraintIndexNote(table, redundant, keep)}`,
        location: redundant.location,
        evidence,
        related: [{ location: keep.location, message: `${describeIndex(keep, table)} is declared here` }],
        fixes,
        tags: ['unnecessary'],
      });
    }
  }
  // A partial unique index over the columns a full unique index already keeps unique: whatever its
  // predicate, every row it constrains the full one constrains too, and every lookup it serves the
  // full one serves. (A partial index beside a plain, non-unique one is left alone: it may be the
  // project's smaller index of its hot rows, or enforce what the other does not.)
  const partial = table.indexes.filter((i) => i.where && i.unique && !i.expression && !i.method && !i.opclasses && !i.optionsUnknown && !i.madeByOrm && !i.inheritedFrom);
  for (const redundant of partial) {
    const keep = plain.find((i) => i.unique && sameColumns(i.columns, redundant.columns));
    if (!keep) continue;
    const fixes: Fix[] = redundant.removal ? [{ title: `Remove the redundant partial ${describeIndex(redundant, table)}`, edits: [removeEdit(redundant.removal)], safety: 'safe' }] : [];
    found.reports.push({
      message: `Redundant index on ${tableLabel(table)}: the partial ${describeIndex(redundant, table)} (where ${redundant.where}) duplicates ${describeIndex(keep, table)}, which already keeps every row of the same columns unique; every write maintains both (evidence: ${text}).`,
      location: redundant.location,
      evidence,
      related: [{ location: keep.location, message: `${describeIndex(keep, table)} is declared here` }],
      fixes,
      tags: ['unnecessary'],
    });
  }
  return found;
});

/**
 * A model's index named as PostgreSQL names the index of the constraint it duplicates (`users_pkey`,
 * `users_email_key`): entities generated from an existing database (typeorm-model-generator) declare
 * the constraint's own index again. Such a database has one index; only a sync of the models makes two.
 */
function constraintIndexNote(table: Table, redundant: Index, keep: Index): string {
  if (table.evidence !== 'model' || !redundant.name || !(keep.origin === 'primary-key' || keep.unique)) return '';
  const own = keep.origin === 'primary-key' ? `${table.name}_pkey` : `${table.name}_${keep.columns.join('_')}_key`;
  if (redundant.name !== own) return '';
  return ` Its name, "${own}", is the one PostgreSQL gives the ${keep.origin === 'primary-key' ? 'primary key' : 'unique constraint'}'s own index: where these models describe a database made otherwise (generated from it), that database has one index, and only \`synchronize\` or a generated migration would make the second — remove the declaration.`;
}

export const indexDuplicate: Rule = {
  id: 'index-duplicate',
  description: 'Two indexes over the same columns, e.g. index=True plus an Index() on that column.',
  defaultSeverity: 'warning',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations'],
  check(ctx) {
    // An index declared once in a mixin or base, redundant in every table that inherits it, is one
    // finding there naming those tables (as fk-missing-index reports a mixin's foreign key).
    const inherited = new Map<string, { redundant: Index; keep: Index; tables: Table[] }>();
    for (const declared of [...ctx.models.tables, ...migrationOnlyTables(ctx)]) {
      if (declared.indexes.length < 2) continue;
      // A table the ORM neither creates nor migrates: its declared indexes build nothing.
      if (declared.managedElsewhere) continue;
      const table = asTheMigrationsMakeIt(ctx, declared);
      const found = duplicatesOf(table, ctx.dialect);
      for (const report of found.reports) ctx.report(report);
      for (const { key, redundant, keep } of found.inherited) {
        const entry = inherited.get(key);
        if (entry) entry.tables.push(table);
        else inherited.set(key, { redundant, keep, tables: [table] });
      }
    }
    for (const { redundant, keep, tables } of inherited.values()) {
      const table = tables[0];
      const { text, evidence } = evidenceOf(table);
      const message = tables.length === 1
        ? `Redundant index on ${tableLabel(table)}: ${describeIndex(redundant, table)} duplicates ${describeIndex(keep, table)}, which already indexes the same columns; every write maintains both (evidence: ${text}).`
        : `Redundant index in ${tables.length} tables (inherited from ${redundant.inheritedFrom}): ${describeIndex(redundant, table)} duplicates ${describeIndex(keep, table)} in each of ${tables.map(tableLabel).join(', ')}, which already indexes the same columns; every write maintains both (evidence: ${text}).`;
      ctx.report({
        message,
        location: redundant.location,
        evidence,
        related: tables.length === 1
          ? [{ location: keep.location, message: `${describeIndex(keep, table)} is declared here` }]
          : tables.map((t) => ({ location: t.location, message: `${tableLabel(t)} inherits it from ${redundant.inheritedFrom}` })),
        tags: ['unnecessary'],
      });
    }
  },
};
