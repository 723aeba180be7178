/**
 * Migration operations: what one migration step does to the schema, the same for every ecosystem
 * (Alembic `op.*`, raw SQL, and later TypeORM and Sequelize). Readers produce them with source
 * locations; the replay folds them, in chain order, into the schema "after migrations".
 */
import type { ColumnType, TypeormWrittenColumn } from './schema';
import type { TableColumnTypeWritten } from './ormTypes';
import type { Location } from './source';
import type { Unknown } from './unknown';

/** A table as an operation names it. */
export interface TableRef {
  /** The schema as written; undefined when unqualified. */
  schema?: string;
  name: string;
  /** Where the name is written (inside the quotes, or the SQL identifier). */
  location: Location;
  /**
   * The exact text that names the table (`newsletter.sms_tracking`, or only `sms_tracking` when the
   * schema is a separate argument), for fixes that rewrite it.
   */
  text?: { value: string; location: Location; includesSchema: boolean };
  /** Where the schema is written when it is a separate argument (`schema="lead"`). */
  schemaLocation?: Location;
}

export interface ForeignKeySpec {
  name?: string;
  /** Where the convention named it: the name it has where the convention was not yet in effect (see ForeignKey.formerName). */
  nameBeforeConvention?: string;
  columns: string[];
  target: TableRef & { columns: string[] };
  location: Location;
  /** `use_alter=True`: left out of `op.create_table` (only `metadata.create_all()` adds it, by ALTER): never created by the chain. */
  deferred?: boolean;
}

export interface IndexSpec {
  name?: string;
  /** Where the convention named it: the name it has where the convention was not yet in effect (see ForeignKey.formerName). */
  nameBeforeConvention?: string;
  columns: string[];
  unique: boolean;
  /** Some element is an expression (`lower(email)`), not a column. */
  expression?: boolean;
  where?: string;
  method?: string;
  /** Operator classes by column (`text_pattern_ops`). */
  opclasses?: Record<string, string>;
  /** `mysql_length=…` as written (see Index.prefixLengths). */
  prefixLengths?: string;
  /** `unique` / `isUnique` given by code: whether it is unique is Unknown (see Index.optionsUnknown). */
  uniqueUnknown?: true;
  location: Location;
}

export interface ColumnSpec {
  name: string;
  type?: ColumnType;
  /** Added by TypeORM's query runner: its `TableColumn` as written (see Column.typeormWritten). */
  typeormWritten?: TypeormWrittenColumn;
  /** Undefined when the operation does not say (ALTER without a nullability change). */
  nullable?: boolean;
  primaryKey: boolean;
  unique: boolean;
  /** `isPrimary: flags.pk()`, `primaryKey: …` given by code: whether the column is in the table's key is Unknown. */
  keyUnknown?: true;
  /** `isUnique` / `unique` given by code: whether the column has its own UNIQUE constraint is Unknown. */
  uniqueUnknown?: true;
  /** `isNullable` / `allowNull` given by code: the nullability is Unknown (`nullable` left unsaid). */
  nullableUnknown?: true;
  /** The name of the column's UNIQUE constraint, where written (`CONSTRAINT "REL_…" UNIQUE`). */
  uniqueName?: string;
  index: boolean;
  /** The name of its `index=True` index, where known (SQLAlchemy's `ix_<table>_<column>` else). */
  indexName?: string;
  /** Where the convention named its UNIQUE constraint or its index: the names before it (see ForeignKey.formerName). */
  uniqueNameBeforeConvention?: string;
  indexNameBeforeConvention?: string;
  /** As written; Unknown where code computes it (`DEFAULT ${config.flag}`). */
  serverDefault?: string | Unknown;
  /**
   * A TypeORM `TableColumn` whose type or sizes another module's constants name (`type:
   * nativeValues.booleanType`): written with the names' placeholders (IMPORTED_NAME) until the
   * project evaluates them (resolve/typescript/migrationNames.ts); `type` is Unknown till then.
   */
  typeFrom?: TableColumnTypeWritten;
  /** A default another module's constant names (`default: nativeValues.trueValue`): its placeholder, likewise. */
  serverDefaultFrom?: string;
  foreignKeys: ForeignKeySpec[];
  location: Location;
}

export type OperationBody =
  | { kind: 'create-schema'; schema: string }
  | { kind: 'drop-schema'; schema: string }
  | {
    kind: 'create-table'; table: TableRef; columns: ColumnSpec[]; primaryKey: string[];
    /** The primary key's constraint name, where known (PostgreSQL's `<table>_pkey` else). */
    primaryKeyName?: string;
    foreignKeys: ForeignKeySpec[]; indexes: IndexSpec[];
    /** Columns given by code the reader cannot see (`CREATE TABLE … AS SELECT`, `*columns`). */
    incomplete?: boolean;
    /**
     * `CREATE TABLE backup AS SELECT * FROM t` (or `SELECT a, b AS c FROM t`): the columns are those
     * of `t` as the replay has it then — their types, nullable, without defaults or keys, as
     * PostgreSQL makes them. Where `t` or one of them is not known, the table stays `incomplete`.
     */
    copiedFrom?: { table: TableRef; columns: '*' | { name: string; as: string }[] };
    /** `CREATE TEMP TABLE`: gone when the migration's session ends (the replay drops it after the migration). */
    temporary?: boolean;
    /**
     * Made only where no table of that name exists, and nothing otherwise — though it runs for certain
     * (Sequelize's createTable writes `CREATE TABLE IF NOT EXISTS` always): a table there already keeps
     * the columns it had.
     */
    ifNotExists?: true;
    /** `CREATE TABLE … PARTITION OF parent FOR VALUES …`: a partition of that table, part of its storage. */
    partitionOf?: TableRef;
  }
  /** `cascade`: `DROP TABLE … CASCADE` (Sequelize's `{ cascade: true }`): the foreign keys into it go too. */
  | { kind: 'drop-table'; table: TableRef; cascade?: boolean }
  /** CREATE [MATERIALIZED] VIEW: a view, not a table (created again after a DROP VIEW, not "twice"). */
  | { kind: 'create-view'; table: TableRef; materialized: boolean }
  | { kind: 'drop-view'; table: TableRef; materialized: boolean }
  /**
   * `ALTER TABLE a RENAME TO b` (PostgreSQL renames a view or materialized view so too), or `view`:
   * `ALTER [MATERIALIZED] VIEW a RENAME TO b`.
   */
  | { kind: 'rename-table'; table: TableRef; newName: string; view?: true }
  | { kind: 'set-table-schema'; table: TableRef; newSchema: string }
  | { kind: 'add-column'; table: TableRef; column: ColumnSpec }
  | { kind: 'drop-column'; table: TableRef; column: string; columnLocation: Location }
  | {
    kind: 'alter-column'; table: TableRef; column: string; columnLocation: Location;
    newName?: string; type?: ColumnType; nullable?: boolean;
    /** A new default; null drops it; Unknown: set to what code computes. */
    serverDefault?: string | null | Unknown;
    /**
     * TypeORM's `changeColumn("books", "title", new TableColumn({ … }))`: TypeORM compares the column
     * as the database reports it (its type as PostgreSQL names it, "character varying"; its length as
     * a string) with the new one as written ("varchar", 300); where type, length or array-ness differ
     * it drops the column and adds the new one, its indexes, keys and constraints gone with it. Else
     * it alters it in place, and `isUnique` (false unless written) adds or drops the column's own
     * UNIQUE constraint. What was written, and the column as that add makes it.
     */
    typeormNewColumn?: TypeormWrittenColumn & { isUnique?: boolean; column: ColumnSpec };
  }
  | { kind: 'create-index'; table: TableRef; index: IndexSpec }
  | {
    kind: 'drop-index'; name: string; schema?: string;
    /** Sequelize's `removeIndex(table, [columns])`: the index is named by its table and columns (`name` is Sequelize's generated one). */
    byColumns?: { table: TableRef; columns: string[] };
  }
  | { kind: 'add-foreign-key'; table: TableRef; foreignKey: ForeignKeySpec }
  | { kind: 'add-unique'; table: TableRef; index: IndexSpec }
  /** `usingIndex`: `ADD … PRIMARY KEY USING INDEX idx`, the columns are that index's (its name becomes the key's). */
  | { kind: 'add-primary-key'; table: TableRef; columns: string[]; usingIndex?: string; name?: string }
  | { kind: 'drop-constraint'; table: TableRef; name: string }
  /**
   * `ALTER TABLE t REPLICA IDENTITY FULL | NOTHING | DEFAULT | USING INDEX idx`: what logical
   * replication identifies an updated or deleted row by (the primary key by default).
   */
  | { kind: 'set-replica-identity'; table: TableRef; identity: 'full' | 'nothing' | 'default' | { index: string } }
  /** `ALTER INDEX a RENAME TO b`: a unique or primary key constraint's index renames the constraint with it. */
  | { kind: 'rename-index'; name: string; schema?: string; newName: string }
  /** `ALTER TABLE t RENAME CONSTRAINT a TO b`: a unique or primary key constraint renames its index with it. */
  | { kind: 'rename-constraint'; table: TableRef; name: string; newName: string }
  /**
   * A statement that needs a table but changes none of its structure: a question about it
   * (`queryInterface.describeTable('t')`), rows written (`INSERT INTO t …`, `UPDATE t …`, `DELETE FROM t …`).
   */
  | { kind: 'use-table'; table: TableRef }
  /**
   * Columns added to a known table by code the reader cannot evaluate (`addColumn('t', column)` in a
   * helper handed on): the table has more columns than are known; those it has stay as they are.
   */
  | { kind: 'add-unknown-columns'; table: TableRef; description: string }
  | { kind: 'create-enum'; name: string; schema?: string; values: string[] }
  /**
   * `ALTER TYPE mood ADD VALUE 'calm'` (or `RENAME VALUE 'sad' TO 'blue'`): an enum type the chain
   * must have made before; PostgreSQL fails the statement otherwise (`type "mood" does not exist`).
   */
  | { kind: 'alter-enum'; name: string; schema?: string; addValue?: string; renameValue?: { from: string; to: string } }
  /** `ALTER TYPE a RENAME TO b`: a type the chain made (an enum), and the columns of that type, renamed. */
  | { kind: 'rename-type'; name: string; schema?: string; newName: string }
  /**
   * `SET search_path TO app, public` in a migration: the schemas unqualified names are looked up in
   * (and created in) from there on, for the rest of the chain's session. `$user` stands for the
   * schema named after the role that runs the migrations, which the readers cannot know.
   */
  | { kind: 'set-search-path'; schemas: string[] }
  /**
   * `CREATE EXTENSION "uuid-ossp"`: no table changes, but the migration does something — a chain's
   * first migration that only creates extensions prepares an empty database; it is no baseline.
   */
  | { kind: 'create-extension'; name: string }
  | {
    /** Code or SQL the reader cannot understand: rules stay silent about what it may touch. */
    kind: 'unknown'; description: string;
    /**
     * Names it mentions (string literals, SQL identifiers), lower-cased; empty: it may touch anything
     * (in practice data work, see the rules); ANY_TABLE: it may have changed any table (a migration
     * file that could not be read at all).
     */
    mentions: string[];
    /**
     * SQL written whole (no part built by code) that PostgreSQL's parser rejects: its message. On
     * PostgreSQL, the migration fails there.
     */
    rejected?: string;
    /**
     * What alone it may change of the tables it mentions: their foreign keys (a loop over
     * `pg_constraint`'s keys that drops each by the name it finds: names vary across deployments), or
     * their indexes (`CREATE INDEX … ON "${schema}".t (…)`, in a schema computed by code: the mention
     * `t(a,b)` when the index is on those columns). Their columns and types are as read; which keys or
     * indexes they have is Unknown.
     */
    only?: 'foreign-keys' | 'indexes';
    /**
     * SQL the parser rejects (another database's, as a MySQL project's generated migrations), told
     * apart by its words alone where every statement is a plain `CREATE TABLE`, `ALTER TABLE` or
     * `CREATE INDEX`: the tables it creates, and those it needs to exist before it (its ALTER's table,
     * its foreign keys' targets). Only a chain's baseline reads it (see findBaseline).
     */
    ddl?: { creates: string[]; needs: string[] };
  };

export type MigrationOperation = OperationBody & {
  /** The call or SQL statement. */
  location: Location;
  /**
   * A call of TypeORM's query runner API (`createTable`, `addColumn`…), not SQL: a table it names
   * without a schema is in the data source's `schema` (PostgresDriver.parseTableName), not found on
   * the search path.
   */
  byQueryRunner?: true;
  /**
   * An Alembic operation (`op.create_foreign_key(None, …)`, `op.create_table` with unnamed
   * constraints): SQLAlchemy names what it leaves unnamed by the environment's naming convention
   * (see namingConvention.ts) — unlike SQL, where PostgreSQL chooses.
   */
  namedBySqlAlchemy?: true;
  /**
   * Runs only under a condition: inside `if` / `try` / a loop, or SQL's `IF [NOT] EXISTS`.
   * The replay applies it, but never reports it as failing.
   */
  guarded: boolean;
  /**
   * Guarded only by a `try` that handles its failure (`try: op.add_column("queries", …) except
   * ProgrammingError: …`, a DO block's EXCEPTION): it may not run, but it was written for a database
   * where its table exists — unlike `if table in tables:` or `IF EXISTS`, which ask whether it does.
   */
  failureHandled?: boolean;
  /**
   * Guarded by an `if` that reads its table's columns where a missing table throws (TypeORM's
   * `getTable(t).columns`, Sequelize's `describeTable(t)`), or runs its arm when `hasColumn(t, …)` is
   * false: the guard asks about a column, and the change was written for a database that has the
   * table — unlike `hasTable(t)`, which asks whether it does.
   */
  tableAssumed?: true;
  /**
   * Its failure is handled by a DO block's EXCEPTION (a savepoint): on PostgreSQL it rolls back
   * alone — unlike a failure a Python `try` swallows, which leaves the migration's transaction aborted.
   */
  failureRolledBackAlone?: true;
  /**
   * The arms of `if` statements it is in (`/<if>:<arm>/…`, outermost first): two operations of one
   * migration in different arms of the same `if` never both run. Alembic's multidb template puts
   * each database's operations under `/engine:<name>` (ENGINE_BRANCH), in every migration.
   */
  branch?: string;
  /**
   * Runs only where a condition about something other than the database holds, which the reader
   * cannot evaluate (`if (isNotOneOfTheseEditions([ApEdition.COMMUNITY])) return`, `if
   * (process.env.SEARCH) …`): it may run in some deployments and not in others, so what it makes is
   * not known to be there for a later migration that makes it too (that one may run in the others).
   */
  onlySomewhere?: true;
};

/** The branch of a database's operations in Alembic's multidb template (`upgrade_<name>()`). */
export const ENGINE_BRANCH = '/engine:';

/**
 * Whether two operations never act on the same table: in different arms of one `if` of a
 * migration, or on two databases of the multidb template (in any migrations).
 */
export function exclusiveBranches(a: MigrationOperation | undefined, b: MigrationOperation): boolean {
  if (!a?.branch || !b.branch) return false;
  const engine = (branch: string) => (branch.startsWith(ENGINE_BRANCH) ? branch.slice(ENGINE_BRANCH.length).split('/')[0] : undefined);
  const [ea, eb] = [engine(a.branch), engine(b.branch)];
  if (ea !== undefined && eb !== undefined && ea !== eb) return true;
  if (a.location.file !== b.location.file) return false;
  const x = a.branch.split('/');
  const y = b.branch.split('/');
  for (let i = 1; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    return x[i].split(':')[0] === y[i].split(':')[0];
  }
  return false;
}

/** Among an unknown operation's mentions: it may have changed any table (see `mentions`). */
export const ANY_TABLE = '*';

/**
 * How the replay keeps a mention of code that may change only some of a table (`only`): apart from
 * the names of code that may change anything, which no such entry matches.
 */
export const FOREIGN_KEYS_OF = 'foreign-keys-of:';
export const INDEXES_OF = 'indexes-of:';

/**
 * Whether unread code with these mentions may have made or changed `name`: it names it, it may
 * touch any table, or a name it builds matches (`shadow_*`: `op.create_table("shadow_" + name, …)`).
 */
export function mentionsName(mentions: ReadonlySet<string>, name: string): boolean {
  const lower = name.toLowerCase();
  if (mentions.has(ANY_TABLE) || mentions.has(lower)) return true;
  for (const pattern of namePatterns(mentions)) if (pattern.test(lower)) return true;
  return false;
}

const patternCache = new WeakMap<ReadonlySet<string>, { size: number; patterns: RegExp[] }>();

function namePatterns(mentions: ReadonlySet<string>): RegExp[] {
  const cached = patternCache.get(mentions);
  if (cached && cached.size === mentions.size) return cached.patterns;
  const patterns: RegExp[] = [];
  for (const m of mentions) {
    if (m === ANY_TABLE || !m.includes('*')) continue;
    patterns.push(new RegExp(`^${m.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`));
  }
  patternCache.set(mentions, { size: mentions.size, patterns });
  return patterns;
}

/**
 * Marks, in a migration's operations, a name taken from another module until the resolution layer
 * evaluates it (`__ss_imported_0__`): an identifier PostgreSQL's parser reads like any other.
 */
export const IMPORTED_NAME = '__ss_imported_';

/**
 * The names an operation changes: its table (and new name), a schema, an enum, or what unread code
 * mentions. What a fallback (an `except` handler, a `catch` block) would change is kept as Unknown
 * under these names.
 */
export function namesChanged(op: MigrationOperation): string[] {
  switch (op.kind) {
    case 'unknown': return op.mentions;
    case 'rename-table': return [op.table.name, op.newName];
    case 'create-enum': case 'alter-enum': return [op.name];
    // Rows written, a question asked: nothing of the table changes.
    case 'use-table': return [];
    default:
      if ('table' in op && op.table && typeof op.table === 'object' && 'name' in op.table) return [op.table.name];
      if ('schema' in op && typeof op.schema === 'string') return [op.schema];
      return [];
  }
}

/**
 * The enum types an operation makes: `CREATE TYPE … AS ENUM`, a type renamed to, and the type an ORM
 * makes with an enum column (Sequelize's `enum_<table>_<column>`, TypeORM's `<table>_<column>_enum`,
 * or the name it is given). Lower-cased.
 */
export function enumTypesMade(op: MigrationOperation): string[] {
  const ofColumn = (type: ColumnType | Unknown | undefined, table: string, column: string): string[] => {
    if (!type || 'unknown' in type || (type.name !== 'enum' && type.name !== 'enum[]')) return [];
    return [type.databaseName, type.enumName, `${table}_${column}_enum`, `enum_${table}_${column}`].filter((n): n is string => !!n).map((n) => n.toLowerCase());
  };
  switch (op.kind) {
    case 'create-enum': return [op.name.toLowerCase()];
    case 'rename-type': return [op.newName.toLowerCase()];
    case 'create-table': return op.columns.flatMap((c) => ofColumn(c.type, op.table.name, c.name));
    case 'add-column': return ofColumn(op.column.type, op.table.name, op.column.name);
    case 'alter-column': return ofColumn(op.type, op.table.name, op.column);
    default: return [];
  }
}

/** On a search_path computed by code: any schema may be on it. */
export const ANY_SCHEMA_ON_PATH = '*';

/** PostgreSQL's default search_path: the role's own schema (Unknown here), then public. */
export const DEFAULT_SEARCH_PATH: readonly string[] = ['$user', 'public'];

/**
 * Code that asks the catalog, not the data (`SELECT … FROM information_schema.columns`, `to_regclass`):
 * an existence check, which the replay decides like the ORMs' own (`hasTable`), not a read of rows.
 */
export const READS_CATALOG = /information_schema|pg_catalog|\bpg_(?:tables|class|indexes|index|attribute|type|namespace|constraint|enum)\b|to_regclass|sqlite_master/i;

/**
 * After an early return decided by rows the migration read (`if (rows.length === 0) return;`,
 * `if not rows: return`), whether what follows runs depends on the data: a fresh database returns
 * early, a used one does not. A table or column dropped or renamed from `from` on may still be
 * there: the operation becomes Unknown for that table instead of applied.
 */
export function dropsDecidedByRows(ops: MigrationOperation[], from: number): void {
  // Tables whose drop became Unknown: what the same code then does to them (a column dropped and
  // added back) is Unknown too, or the replay would see it done to what it still holds.
  const unknownTables = new Set<string>();
  for (let i = from; i < ops.length; i++) {
    const op = ops[i];
    const destroys = op.kind === 'drop-table' || op.kind === 'drop-column' || op.kind === 'rename-table';
    const written = namesChanged(op);
    const names = written.map((n) => n.toLowerCase());
    if (op.kind === 'unknown' || (!destroys && !names.some((n) => unknownTables.has(n)))) continue;
    for (const n of names) unknownTables.add(n);
    const what = op.kind === 'drop-column' ? `a column of "${written[0]}"` : `table "${written[0]}"`;
    const description = destroys ? `${what} ${op.kind === 'rename-table' ? 'renamed' : 'dropped'} only when the rows the migration read say so` : `what is done to "${written[0]}" after it, under the same condition`;
    ops[i] = { kind: 'unknown', description, mentions: names, location: op.location, guarded: true, ...(op.branch ? { branch: op.branch } : {}) };
  }
}
