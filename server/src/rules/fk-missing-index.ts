/**
 * fk-missing-index: PostgreSQL does not index foreign-key columns by itself. Without an index whose
 * leading columns are the FK columns, every delete or key update of the referenced row scans the
 * referencing table, and joins along the FK cannot use an index.
 */
import type { Column, ForeignKey, Index, Table } from '../model/schema';
import { addOptionEdit } from '../fixes/edits';
import { columnsLabel, tableLabel } from './support/describe';
import { memoByTable } from './support/memoByTable';
import { evidenceOf, migrationOnlyTables, modelIndexesInDoubt, unreadCodeMayIndex } from './support/migrations';
import type { FindingInput, Fix, Rule, RuleContext } from './types';

/**
 * An index serves FK lookups when its leading columns are exactly the FK's columns, in any order (or
 * when it is unique on some of them). A
 * partial index counts: the project indexed the column on purpose, for the rows it queries, and
 * whether its predicate covers the deletes is beyond a static reader (no evidence of a missing index).
 */
export function indexCovers(index: Index, columns: string[]): boolean {
  if (index.expression || (index.method && index.method !== 'btree')) return false;
  // A unique index on some of a composite FK's columns (`UNIQUE (user_id)` under a FK on
  // (user_id, domain_id)) finds the one referencing row of a lookup by itself.
  if (index.unique && !index.where && index.columns.length < columns.length && index.columns.length > 0 && index.columns.every((c) => columns.includes(c))) return true;
  if (index.columns.length < columns.length) return false;
  if (columns.length === 1) return index.columns[0] === columns[0];
  const leading = new Set(index.columns.slice(0, columns.length));
  return columns.every((c) => leading.has(c));
}

export function isIndexed(table: Table, columns: string[]): boolean {
  return table.indexes.some((i) => indexCovers(i, columns));
}

/**
 * Whether any source that builds the table indexes the FK: the models, the table as the migrations
 * leave it, or the live database. Projects that index in migrations (the norm with Sequelize and
 * hand-written TypeORM migrations) declare no index in the model, and the database has it.
 */
/** The foreign keys no index of the table itself covers, whose columns' names and indexes are known. */
const unindexedKeys = memoByTable((table) => table.foreignKeys.filter((fk) => {
  if (isIndexed(table, fk.columns)) return false;
  // Its name in the database is Unknown (a naming strategy of the project's): an index the
  // migrations or the database have on it cannot be told from none.
  if (fk.columns.some((name) => table.columns.find((c) => c.name === name)?.nameUnknown)) return false;
  // Whether it is indexed is computed by code (`index=constants.INDEXED`): Unknown, silent.
  return !fk.columns.some((name) => table.columns.find((c) => c.name === name)?.indexUnknown);
}));

/** Whether an index covers the columns elsewhere: another chain's table of that name, the live database, or code not read. */
function indexedAnywhere(ctx: RuleContext, table: Table, columns: string[]): boolean {
  // Every chain's table of that name (a chain on the tables an older, archived chain made): an index
  // any of them creates is in the database.
  if (ctx.migratedTables.all(table.schema, table.name).some((migrated) => migrated !== table && isIndexed(migrated, columns))) return true;
  const live = ctx.liveTables?.get(table.schema, table.name);
  if (live && isIndexed(live, columns)) return true;
  // A migration the readers could not follow that names the table (or a migration file not read at
  // all) may have created the index: no evidence either way. (One that names nothing at all is, in
  // practice, data work: it does not silence every table of the project.)
  return !live && ctx.migrations.some((m) => unreadCodeMayIndex(m, table.name, columns));
}

/**
 * An index that holds every column of the key, but not as its leading columns (`(asset_id, user_id)`
 * under a key on `user_id`): the one a reader takes for the key's index. PostgreSQL cannot search it
 * by the key's columns alone, which the message says so that the finding is not read as a false one.
 */
function holdingIndex(ctx: RuleContext, table: Table, columns: string[]): Index | undefined {
  const holds = (i: Index) => !i.expression && columns.every((c) => i.columns.includes(c));
  for (const t of [table, ...ctx.migratedTables.all(table.schema, table.name)]) {
    const found = t.indexes.find(holds);
    if (found) return found;
  }
  return undefined;
}

function addIndexFix(fk: ForeignKey, column: Column | undefined): Fix[] {
  if (fk.columns.length !== 1 || !column) return [];
  if (column.indexFix && !column.inheritedFrom) {
    // The ORM's own way: TypeORM's `@Index()` above the property.
    const { position, text, importEdit } = column.indexFix;
    const file = column.location.file;
    const edits = [{ file, range: { start: position, end: position }, newText: text }];
    if (importEdit) edits.unshift({ file, range: { start: importEdit.position, end: importEdit.position }, newText: importEdit.text });
    return [{ title: column.indexFix.title, edits, safety: 'safe' }];
  }
  if (column.optionAnchor?.syntax !== 'python') return [];
  const anchor = column.optionAnchor;
  return [{
    title: column.inheritedFrom
      ? `Add index=True to "${fk.columns[0]}" in mixin ${column.inheritedFrom} (indexes it in every table that uses the mixin)`
      : `Add index=True to "${fk.columns[0]}"`,
    edits: [addOptionEdit(column.location.file, anchor, 'index', anchor.syntax === 'python' ? 'True' : 'true')],
    safety: 'safe',
  }];
}

/**
 * The finding about a foreign key of a table, made once while both are the same objects: a project
 * with many unindexed keys re-reports them after every edit, and they need not be built again.
 */
const reports = new WeakMap<ForeignKey, { table: Table; column: Column | undefined; holding: Index | undefined; misnamed: Index | undefined; report: FindingInput }>();

/**
 * A Sequelize model's index that leads with the key's attribute name where its column is named
 * otherwise (`indexes: [{ fields: ['userId'] }]` of a `user_id` column): Sequelize 6 writes an
 * index's fields as given, so it is over no column of the table — the one the project meant.
 */
function misnamedIndex(table: Table, column: Column | undefined): Index | undefined {
  const attribute = column?.attribute;
  if (table.orm !== 'sequelize' || !attribute || attribute === column.name || table.columns.some((c) => c.name === attribute)) return undefined;
  return table.indexes.find((i) => i.columns[0] === attribute);
}

function reportOf(table: Table, fk: ForeignKey, column: Column | undefined, holding: Index | undefined, misnamed: Index | undefined): FindingInput {
  const made = reports.get(fk);
  if (made && made.table === table && made.column === column && made.holding === holding && made.misnamed === misnamed) return made.report;
  const { text, evidence } = evidenceOf(table);
  const remedy = table.evidence === 'migration' ? ' Add the index in a new migration.' : '';
  const indexLabel = !holding ? '' : holding.origin === 'primary-key' ? `the primary key (${holding.columns.join(', ')})` : `${holding.name ? `index "${holding.name}"` : 'an index'} on (${holding.columns.join(', ')})`;
  const held = holding ? ` that leads with it (${indexLabel} holds it, but not first: the database cannot search that index by ${columnsLabel(fk.columns)} alone)` : '';
  const misnamedLabel = misnamed ? `index${misnamed.name ? ` "${misnamed.name}"` : ''} on (${misnamed.columns.join(', ')})` : '';
  const misnamedNote = misnamed
    ? ` The model's ${misnamedLabel} names the attribute "${column!.attribute}", and Sequelize 6 writes an index's fields as they are given: it is over no column of the table (a sync fails: column "${column!.attribute}" does not exist) — name the column, "${column!.name}".`
    : '';
  const related = [
    ...(holding ? [{ location: holding.location, message: `${indexLabel} holds ${columnsLabel(fk.columns)}, not as its leading column${fk.columns.length > 1 ? 's' : ''}` }] : []),
    ...(misnamed ? [{ location: misnamed.location, message: `the ${misnamedLabel} names the attribute, not its column "${column!.name}"` }] : []),
  ];
  const report: FindingInput = {
    message: `Foreign key ${columnsLabel(fk.columns)} of ${tableLabel(table)} has no index${held}: deleting or updating a referenced "${fk.target.table}" row scans the whole table, and joins on it cannot use an index (evidence: ${text}).${remedy}${misnamedNote}`,
    location: fk.location,
    evidence,
    fixes: addIndexFix(fk, column),
    ...(related.length ? { related } : {}),
  };
  reports.set(fk, { table, column, holding, misnamed, report });
  return report;
}

export const fkMissingIndex: Rule = {
  id: 'fk-missing-index',
  description: 'Foreign-key columns that are not the leading columns of any index, primary key or unique constraint.',
  defaultSeverity: 'warning',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations', 'live'],
  // MySQL's InnoDB creates an index for every foreign key by itself.
  dialects: ['postgresql', 'sqlite', 'mssql', 'oracle'],
  check(ctx) {
    // A foreign key declared once in a mixin is one finding there, naming every table it affects.
    const inherited = new Map<string, { fk: ForeignKey; column?: Column; tables: Table[] }>();
    for (const table of [...ctx.models.tables, ...migrationOnlyTables(ctx)]) {
      // Indexes declared by code the reader cannot see may cover the FK: stay silent.
      if (modelIndexesInDoubt(ctx, table)) continue;
      // A table the ORM neither creates nor migrates, and no migration makes: its keys and indexes
      // are made elsewhere, Unknown here. (One the migrations make is judged as they make it.)
      if (table.managedElsewhere && !ctx.migratedTables.get(table.schema, table.name, table.location.file)) continue;
      for (const fk of unindexedKeys(table)) {
        if (indexedAnywhere(ctx, table, fk.columns)) continue;
        const column = table.columns.find((c) => c.name === fk.columns[0]);
        if (fk.inheritedFrom) {
          const key = `${fk.location.file}:${fk.location.range.start.line}:${fk.location.range.start.character}`;
          const entry = inherited.get(key);
          if (entry) entry.tables.push(table);
          else inherited.set(key, { fk, column, tables: [table] });
          continue;
        }
        ctx.report(reportOf(table, fk, column, holdingIndex(ctx, table, fk.columns), fk.columns.length === 1 ? misnamedIndex(table, column) : undefined));
      }
    }
    for (const { fk, column, tables } of inherited.values()) {
      ctx.report({
        message: `Foreign key ${columnsLabel(fk.columns)} from mixin ${fk.inheritedFrom} has no index in ${tables.map(tableLabel).join(', ')}: deleting or updating a referenced "${fk.target.table}" row scans each of them, and joins on it cannot use an index (evidence: models).`,
        location: fk.location,
        evidence: ['model'],
        related: tables.map((t) => ({ location: t.location, message: `${tableLabel(t)} uses mixin ${fk.inheritedFrom}` })),
        fixes: addIndexFix(fk, column),
      });
    }
  },
};
