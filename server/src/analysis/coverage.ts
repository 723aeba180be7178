/**
 * The coverage account: what a project's sources gave the analysis, and each construct that could
 * not be read or evaluated (an Unknown). Rules stay silent about Unknowns; this account is how a user
 * tells that silence from absence ("no finding" because nothing is wrong, or because nothing was read).
 */
import { unsynchronizedIndexName, type SchemaModel } from '../model/schema';
import type { MigrationReplay } from '../model/replay';
import type { Location } from '../model/source';
import { isUnknown } from '../model/unknown';
import { DIALECT_NAMES, type ProjectDialect } from '../workspace/dialect';

export interface UnreadConstruct {
  location: Location;
  /** What could not be read, and why, in a few words. */
  what: string;
  /** A statement of SQL PostgreSQL's parser rejects (another database's, maybe): listed with the others of its file. */
  rejectedSql?: true;
}

export interface Coverage {
  /** Tables read from the models, and how many of them are mapped classes. */
  modelTables: number;
  modelClasses: number;
  /** Migration files in the replayed chains. */
  migrations: number;
  unread: UnreadConstruct[];
  /** What the run assumed where the project left a choice (which of several databases it is for), said after the counts. */
  assumptions?: string[];
}

/**
 * `dialect`: the database the project runs on, as its configuration says (see workspace/dialect.ts).
 * SQL of a project on another database is that database's: where PostgreSQL's parser rejects it, the
 * account says whose SQL it is, not that it is wrong.
 */
export function coverageOf(models: SchemaModel, migrations: readonly MigrationReplay[], dialect?: ProjectDialect): Coverage {
  const coverage = coverageOfSources(models, migrations);
  const foreign = foreignSqlOf(dialect);
  for (const u of coverage.unread) {
    if (!REJECTED_SQL.test(u.what)) continue;
    u.rejectedSql = true;
    if (foreign) u.what = u.what.replace(REJECTED_SQL, foreign);
  }
  return coverage;
}

/** How the migration reader says PostgreSQL's parser rejected a statement (see parsers/sql/postgres.ts). */
const REJECTED_SQL = /SQL that PostgreSQL's parser rejects(?=:)/;

/** What to call SQL PostgreSQL's parser rejects in a project on another database; undefined on PostgreSQL or where nothing says. */
function foreignSqlOf(dialect: ProjectDialect | undefined): string | undefined {
  if (!dialect?.source || dialect.dialect === 'postgresql') return undefined;
  return `${DIALECT_NAMES[dialect.dialect]} SQL (the project's database, by ${dialect.source}), not read: only PostgreSQL's is, and its parser says`;
}

function coverageOfSources(models: SchemaModel, migrations: readonly MigrationReplay[]): Coverage {
  const unread: UnreadConstruct[] = [];
  for (const u of models.unknowns ?? []) if (u.location) unread.push({ location: u.location, what: u.reason });
  /** Whether some chain leaves the table with an index of that name (one a model leaves to the migrations). */
  const migrationsIndex = (schema: string, table: string, index: string) => migrations.some((r) => r.schema.tables.some((t) => t.schema === schema && t.name === table && t.indexes.some((i) => i.name?.toLowerCase() === index.toLowerCase())));
  for (const table of models.tables) {
    for (const part of table.incomplete ?? []) {
      const unsynchronized = unsynchronizedIndexName(part);
      if (unsynchronized !== undefined && migrationsIndex(table.schema, table.name, unsynchronized)) continue;
      unread.push({ location: table.location, what: `${part} of table "${table.name}" could not be evaluated` });
    }
    for (const column of table.columns) {
      const where = `"${table.name}"."${column.name}"`;
      if (isUnknown(column.type)) unread.push({ location: column.location, what: `type of ${where}: ${column.type.reason}` });
      else if (column.type?.custom) unread.push({ location: column.location, what: `type of ${where}: ${column.type.written} is a project type whose storage type is not known` });
      if (isUnknown(column.nullable)) unread.push({ location: column.location, what: `nullability of ${where}: ${column.nullable.reason}` });
      if (isUnknown(column.serverDefault)) unread.push({ location: column.location, what: `server default of ${where}: ${column.serverDefault.reason}` });
      if (column.indexUnknown) unread.push({ location: column.location, what: column.indexUnknown.reason });
    }
  }
  let migrationCount = 0;
  for (const replay of migrations) {
    // (A migration standing for a chain of SQL files not read counts none: they were not read.)
    migrationCount += replay.steps.filter((s) => !s.migration.unreadChain).length;
    if (replay.baseline) {
      const m = replay.baseline.migration;
      unread.push({ location: m.revision?.location ?? m.downRevisionLocation ?? { file: m.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, what: `the schema before this baseline migration (${replay.baseline.reason})` });
    }
    // (`CREATE TABLE … AS SELECT` from a table the replay knows is read: its columns are the copy's.)
    const unreadCopies = new Set(replay.events.filter((e) => e.kind === 'copy-unread').map((e) => e.operation));
    for (const step of replay.steps) {
      for (const op of step.migration.operations) {
        if (op.kind === 'unknown') unread.push({ location: op.location, what: `migration operation: ${op.description}` });
        else if (op.kind === 'create-table' && op.incomplete && (!op.copiedFrom || unreadCopies.has(op))) unread.push({ location: op.location, what: `columns of table "${op.table.name}": some are built by code that cannot be evaluated here` });
        else if (op.kind === 'add-unknown-columns') unread.push({ location: op.location, what: `columns added to table "${op.table.name}" by code that cannot be evaluated here: ${op.description}` });
        // A column the migration adds with options code computes (Sequelize's addColumn handed a model's attribute).
        else if (op.kind === 'add-column' && isUnknown(op.column.serverDefault)) unread.push({ location: op.location, what: `${op.column.nullable === undefined ? 'nullability and server default' : 'server default'} of "${op.table.name}"."${op.column.name}" as the migration adds it: ${op.column.serverDefault.reason}` });
        if (op.kind === 'create-table') {
          for (const c of op.columns) {
            if (isUnknown(c.serverDefault)) unread.push({ location: c.location, what: `${c.nullable === undefined ? 'nullability and server default' : 'server default'} of "${op.table.name}"."${c.name}" as the migration creates it: ${c.serverDefault.reason}` });
          }
        }
        // An index whose uniqueness code gives (`addIndex(t, ['a'], { unique: flags.strict() })`).
        const specs = op.kind === 'create-index' ? [op.index] : op.kind === 'create-table' ? op.indexes : [];
        for (const i of specs) if (i.uniqueUnknown) unread.push({ location: i.location, what: `whether the index on "${'table' in op ? op.table.name : ''}" (${i.columns.join(', ')}) is unique: computed by code` });
        // Flags of a column code gives (`isNullable: flags.optional()`, `primaryKey: features.naturalKeys()`).
        const flagged = op.kind === 'create-table' ? op.columns.map((c) => ({ table: op.table.name, c })) : op.kind === 'add-column' ? [{ table: op.table.name, c: op.column }] : [];
        for (const { table, c } of flagged) {
          const unknown = [c.keyUnknown && 'whether it is in the primary key', c.nullableUnknown && 'nullability', c.uniqueUnknown && 'its UNIQUE constraint'].filter(Boolean);
          if (unknown.length) unread.push({ location: c.location, what: `${unknown.join(', ')} of "${table}"."${c.name}" as the migration writes it: computed by code` });
        }
      }
    }
  }
  unread.sort((a, b) => (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.range.start.line - b.location.range.start.line));
  // One construct that leaves many things Unknown (a naming strategy chosen at run time, for every
  // entity) is listed once.
  const seen = new Set<string>();
  const distinct = unread.filter((u) => {
    const key = `${u.location.file}:${u.location.range.start.line}:${u.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { modelTables: models.tables.length, modelClasses: models.tables.filter((t) => t.className).length, migrations: migrationCount, unread: distinct };
}

/** One line for the end of a run. */
export function coverageLine(c: Coverage, verbose: boolean): string {
  // Models found whose every table name is computed by code are not "nothing": the Unknowns say so.
  if (!c.modelTables && !c.migrations && !c.unread.length) return 'Read nothing: no ORM model (SQLAlchemy, TypeORM, Sequelize) or migration (Alembic, TypeORM, Sequelize) was found here.';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const read = `Read ${plural(c.modelTables, 'model table')}${c.modelClasses ? ` (${c.modelClasses} mapped classes)` : ''} and ${plural(c.migrations, 'migration')}`;
  if (!c.unread.length) return `${read}; every construct was read.`;
  // Ends with a colon before the list of --verbose, with a full stop otherwise.
  return `${read}; ${plural(c.unread.length, 'construct')} could not be read, so the rules say nothing about ${c.unread.length === 1 ? 'it' : 'them'}${verbose ? ':' : ' (see --verbose).'}`;
}

