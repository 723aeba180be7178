/**
 * The schema model: one shape for the schema "as modelled" (ORM models), "after migrations" and
 * "as deployed" (live database). Rules read only this model, never syntax.
 */
import type { Evidence, Location, Position, Range } from './source';
import type { Unknown } from './unknown';
import { SimilarNames } from './similarNames';

/** The schema PostgreSQL uses for unqualified names (first entry of the default search_path). */
export const DEFAULT_SCHEMA = 'public';

/** A column type, normalised so that types written differently by different ORMs compare equal. */
export interface ColumnType {
  /** Canonical lower-case PostgreSQL type name, e.g. `uuid`, `varchar`, `timestamptz`, `jsonb`. */
  name: string;
  /** The type as written in the source, e.g. `UUID(as_uuid=True)`, `sa.String(50)`. */
  written: string;
  /** Length / precision arguments, e.g. [50] for `String(50)`. */
  args?: number[];
  /** For an enum: the name of the enum class or type it stores. */
  enumName?: string;
  /** For an enum: the name of the type in the database when the ORM names it after the column (`accounts_role_enum`). */
  databaseName?: string;
  /** SQLAlchemy's `UUID(as_uuid=...)` flag, where written. */
  asUuid?: boolean;
  /** A type the project defines itself (a TypeDecorator): what it stores is not known statically. */
  custom?: boolean;
  /**
   * The type as the migration sends it, where PostgreSQL has no such type (`string`, `datetime`,
   * `nvarchar`: an ORM's alias or another database's type): PostgreSQL fails the statement with
   * `type "…" does not exist`. `name` stays the nearest PostgreSQL type, for what follows.
   */
  notInPostgresql?: string;
  /** A project type resolved to what it stores (`UTCDateTime` → timestamptz): its class, which may add meaning (an enum it enforces). */
  decorator?: string;
  /** Inferred from a language type by a type map the project may change (SQLAlchemy's `Mapped[str]`): not compared. */
  inferred?: boolean;
  /**
   * Written through a name the module binds to the ORM's own modules (`sa.JSON()` with `import
   * sqlalchemy as sa`, `JSON` imported from sqlalchemy): the ORM's type, whatever class of that name
   * the project declares.
   */
  ormOwn?: boolean;
}

/** Where a quick fix may add a keyword argument / option to the declaration of a column. */
export interface OptionAnchor {
  /** Insert position: right after the last argument. */
  position: Position;
  /** Whether the argument list already has arguments (a separator is then needed). */
  hasArguments: boolean;
  /** The host syntax, so that the fix writes the option in the file's own language. */
  syntax: 'python' | 'typescript';
}

/** A TypeORM `TableColumn`'s type, length and array-ness as written: what its changeColumn compares. */
export interface TypeormWrittenColumn { type: string; length: string | number; isArray: boolean }

export interface Column {
  name: string;
  /** The attribute / property name in the model class, when it differs or exists. */
  attribute?: string;
  /**
   * SQLAlchemy's `key=`, where it differs from the name: what the table knows the column by
   * (`table.c[key]`), so what the strings of its indexes and constraints must say.
   */
  key?: string;
  /** Undefined: not declared here (SQLAlchemy takes it from elsewhere); Unknown: declared, but not evaluated. */
  type?: ColumnType | Unknown;
  /** Undefined or Unknown when it cannot be known statically. */
  nullable?: boolean | Unknown;
  /**
   * Why the column's nullability is not what its own declaration says, for messages: Sequelize's
   * `belongsTo(Shop)` adding a second attribute on the column, the one sync() builds it from.
   */
  nullableBy?: string;
  primaryKey: boolean;
  /** The server default as written; Unknown where it is computed by code the reader cannot evaluate. */
  serverDefault?: string | Unknown;
  location: Location;
  /** Where a migration last changed it (`ALTER COLUMN`, `changeColumn`) after the one that made it: what the chain leaves is said there. */
  changedAt?: Location;
  /** Where the fix "add an index" can add `index=True` (SQLAlchemy). */
  optionAnchor?: OptionAnchor;
  /** How to add an index on this column alone in the file's own syntax, where it is not an option (TypeORM's `@Index()`). */
  indexFix?: { title: string; position: Position; text: string; importEdit?: { position: Position; text: string } };
  /** Inherited from a mixin or abstract base: the fix must edit the mixin, or not at all. */
  inheritedFrom?: string;
  /** Declared by a library's class (a stub, see resolve/python/libraryStubs.ts): it holds what the library writes. */
  declaredByLibrary?: boolean;
  /**
   * The class of the project a `Mapped[EmailSender]` annotation says the attribute holds (an enum or
   * another): its values are that class's, never those of another enum that shares the column's name.
   */
  annotatedClass?: { name: string; file: string };
  /**
   * The column's name in the database is Unknown (a naming strategy of the project's own makes
   * it): `name` is what the model calls it, and rules never compare it with a database's names.
   */
  nameUnknown?: Unknown;
  /** Whether the column is indexed (or unique) is computed by code: an index on it cannot be told from none. */
  indexUnknown?: Unknown;
  /** A CHECK constraint written on the column itself (`Column(String, CheckConstraint(…))`): its values may be restricted. */
  checked?: true;
  /**
   * A column of a table made before a baseline chain, known only by what the chain changed in it
   * (an ALTER): the chain did not add it, and what it does not say of it is Unknown.
   */
  madeBeforeChain?: boolean;
  /**
   * Added or changed by TypeORM's query runner (`addColumn`, `changeColumn`): the runner keeps it as
   * written (`type: "int"`, `length: "40"`) for the rest of the run, and compares that — not what
   * PostgreSQL reports — with what a later `changeColumn(table, name, …)` writes (see typeormReadBack).
   */
  typeormWritten?: TypeormWrittenColumn;
  /**
   * The ORM writes it on every insert whatever the code gives (Sequelize's `createdAt`/`updatedAt`
   * of a model with timestamps): no NULL ever comes from the ORM, so a NOT NULL the model does not
   * declare changes nothing for it.
   */
  writtenByOrm?: 'timestamps';
}

export interface ForeignKeyTarget {
  /** The schema as written; undefined when the reference is unqualified. */
  schema?: string;
  table: string;
  columns: string[];
}

export interface ForeignKey {
  /** The constraint name, where the source gives one. */
  name?: string;
  /**
   * The name it has in a database the migrations built before the environment named by its naming
   * convention (PostgreSQL's `orders_user_id_fkey`, where `name` is the convention's): a later
   * migration may drop or rename it by either.
   */
  formerName?: string;
  columns: string[];
  target: ForeignKeyTarget;
  /**
   * The schema the reference resolves to: the written schema, else the schema the ORM applies
   * to unqualified references (SQLAlchemy: the MetaData's schema), else the default schema.
   */
  resolvedSchema: string;
  location: Location;
  /** The text of the reference (the string literal's contents, or `Model.column`). */
  targetText: string;
  /** Range of the reference text inside the quotes, for fixes that rewrite it; absent for code refs. */
  targetTextLocation?: Location;
  /** `ForeignKey(Model.id)`: a reference through code, resolved by class name. */
  viaClass?: string;
  inheritedFrom?: string;
}

export type IndexOrigin =
  | 'primary-key'
  | 'unique-constraint'
  | 'column-unique'
  | 'column-index'
  | 'index';

export interface Index {
  name?: string;
  /**
   * The name it has in a database the migrations built before the environment named by its naming
   * convention (PostgreSQL's `orders_user_id_fkey`, where `name` is the convention's): a later
   * migration may drop or rename it by either.
   */
  formerName?: string;
  /** Column names; an expression (e.g. `lower(email)`) is kept as its text with `expression`. */
  columns: string[];
  unique: boolean;
  origin: IndexOrigin;
  /** Contains expressions instead of plain columns: never compared as plain columns. */
  expression?: boolean;
  /** Partial index predicate, as written. */
  where?: string;
  /** Access method when not btree (gin, gist, hash, ...). */
  method?: string;
  /**
   * Operator classes (`text_pattern_ops`) and collations (`COLLATE "C"`) by column, as written: such
   * an index serves other queries than a plain one.
   */
  opclasses?: Record<string, string>;
  /**
   * `mysql_length=4` as written: on MySQL (and MariaDB) an index of the leading characters only, so
   * indexes of one column with other lengths are other indexes; other databases ignore it.
   */
  prefixLengths?: string;
  /**
   * Its options are given by code or say the ORM does not create it (TypeORM's `synchronize: false`):
   * whether it is unique, partial or over expressions is Unknown, so it is never judged a duplicate
   * or a redundant prefix (its leading column still counts as indexed).
   */
  optionsUnknown?: boolean;
  /**
   * Made by the ORM of its own accord, not declared by the project (TypeORM's index on each side of
   * a join table, the first covered by the primary key): nothing the project can remove, so never
   * judged a duplicate or a redundant prefix.
   */
  madeByOrm?: true;
  /** The unique constraint TypeORM adds to a one-to-one's join column (named so in messages: no `unique: true` is written). */
  ofOneToOne?: true;
  /**
   * TypeORM's `@Index([...])` / `@Unique([...])` name properties, SQLAlchemy's strings the table's
   * keys: the names written that are no property or relation of the entity (no key of the table),
   * kept as written (the ORM refuses such a key, even one that names a column by its database name).
   */
  namesNoProperty?: string[];
  location: Location;
  /** The range that removes this declaration (including its separator), for "remove" fixes. */
  removal?: Location;
  inheritedFrom?: string;
}

export interface UniqueConstraint {
  name?: string;
  /**
   * The name it has in a database the migrations built before the environment named by its naming
   * convention (PostgreSQL's `orders_user_id_fkey`, where `name` is the convention's): a later
   * migration may drop or rename it by either.
   */
  formerName?: string;
  columns: string[];
  location: Location;
}

export interface Relationship {
  attribute: string;
  targetClass: string;
  backPopulates?: string;
  backref?: string;
  /** `secondary=`: a many-to-many through an association table, not over this table's own FKs. */
  secondary?: boolean;
  /**
   * The association table `secondary=` names as written: a table name, a mapped class (its
   * `__table__`) or a variable holding a Core `Table`. Undefined when code computes it.
   */
  through?: string;
  /** `viewonly=True`: a read-only path, one-sided by design. */
  viewonly?: boolean;
  /**
   * `overlaps="groups,users"`: relationships the user declares as sharing its columns, which
   * SQLAlchemy then neither warns about nor links; `*` when code computes the list.
   */
  overlaps?: string[];
  /** Options given as `**kwargs` the reader could not evaluate: its other side is Unknown. */
  optionsUnknown?: boolean;
  /**
   * The path given explicitly (`foreign_keys=`, `primaryjoin=`): which FK it travels over is the
   * user's choice. `foreignKeyColumns`: the columns `foreign_keys=` names (attribute names), when read.
   */
  joinGiven?: boolean;
  foreignKeyColumns?: string[];
  location: Location;
  /** Where a fix may add `back_populates=...` to the call. */
  optionAnchor?: OptionAnchor;
}

export interface Table {
  /** Schema as the database sees it (DEFAULT_SCHEMA where none is given). */
  schema: string;
  /** The schema as explicitly written (table args, MetaData), if any, and where. */
  declaredSchema?: { name: string; location: Location };
  /**
   * The schema is Unknown (a `__table_args__` computed by code, no schema written elsewhere):
   * `schema` only holds the default's place. The table is found by name, never by schema and name,
   * and messages do not name a schema for it.
   */
  schemaUnknown?: true;
  /**
   * In the schema the application's settings pick at run time (a TypeORM data source's
   * `schema: process.env.DB_SCHEMA`): `schema` is the default one, where the migrations' unqualified
   * tables go too, and it is compared there; a table of its name in another schema may be it all the same.
   */
  schemaSetAtRunTime?: true;
  name: string;
  /** The model class that maps it, if any. */
  className?: string;
  /** Classes mapped to this table by single-table inheritance (`class ChallengeFiles(Files)`): relationships may name them. */
  singleTableClasses?: string[];
  location: Location;
  columns: Column[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  indexes: Index[];
  uniqueConstraints: UniqueConstraint[];
  relationships: Relationship[];
  evidence: Evidence;
  /**
   * Parts the reader could not evaluate (Unknown): a `__table_args__` built by a call, a column from
   * code it cannot follow. The table's column set, keys and indexes are then open, and rules stay
   * silent about what may be missing from it.
   */
  incomplete?: string[];
  /**
   * The table's CHECK constraints (`__table_args__`, a Core table's arguments): their SQL, or Unknown
   * where code computes it (which may restrict any column).
   */
  checks?: (string | Unknown)[];

  /**
   * A join table the ORM keys on its two foreign keys, with no surrogate key of its own (Sequelize's
   * belongsToMany `through`): the `id` a migration gives it anyway (sequelize-cli generates one for
   * every table) is a column the ORM leaves alone, by convention, not a forgotten one.
   */
  keyedOnItsForeignKeys?: boolean;
  /** Attributes the model declares `VIRTUAL` (Sequelize): computed by the model, no column of the table. */
  virtualAttributes?: { name: string; location: Location }[];
  /**
   * The MetaData a mapped class belongs to (its declarative base: `app/models.py:Base`), where the
   * reader can tell: the tables of one MetaData are created together (one `create_all()`, one
   * Alembic environment's `target_metadata`), and a project with two may keep them in two databases.
   */
  metadataKey?: string;
  /** A Core `Table(...)` (often an association table) rather than a mapped class. */
  isCoreTable?: boolean;
  /** The Python variable a Core `Table(...)` is assigned to (`user_roles = Table(...)`): how `secondary=` may name it. */
  variable?: string;
  /** Where a fix may append table-level options. */
  optionAnchor?: OptionAnchor;
  /** The ORM maps its rows by columns it names itself, not by a key of the table (`__mapper_args__ = {"primary_key": […]}`). */
  mappedByOwnKey?: boolean;
  /** The ORM that declares it (models); undefined: SQLAlchemy, or not a model. */
  orm?: 'typeorm' | 'sequelize';
  /**
   * A model whose table the ORM says it does not manage (TypeORM's `synchronize: false`): something
   * else makes it, so no migration of the project is expected to create it, nor its schema.
   */
  managedElsewhere?: { reason: string; location: Location };
  /** A partition of another table (`CREATE TABLE … PARTITION OF`): part of that table's storage, modelled by its model. */
  partitionOf?: { schema: string; name: string };
  /**
   * What logical replication identifies its updated and deleted rows by, where a migration set it
   * (`REPLICA IDENTITY FULL`, `USING INDEX idx`); absent: PostgreSQL's default, the primary key.
   */
  replicaIdentity?: 'full' | 'nothing' | { index: string };
  /**
   * Where the model's ORM makes the schema from the models at startup (`synchronize: true`, an
   * unconditional `sequelize.sync()`): a database the application has run against has the table,
   * whatever the migrations make.
   */
  syncedBy?: Location[];
  /** Those of syncedBy that also add what an existing table lacks (TypeORM's synchronize, `sync({ alter: true })`). */
  alteredBy?: Location[];
  /** A copy of another table's rows (`CREATE TABLE backup AS SELECT * FROM t`): a snapshot, with no key by design. */
  copyOf?: { schema: string; name: string };
}

export interface EnumType {
  name: string;
  values: string[];
  location: Location;
  /** The files of the modules that import it, by its name or its module (`from app.enums import Status`). */
  importedIn?: string[];
}

export interface View {
  schema: string;
  name: string;
  materialized: boolean;
  location: Location;
}

/** Where a schema comes into being: a migration, the configuration, the live database, a DDL. */
export interface SchemaSource {
  name: string;
  evidence: Evidence | 'config';
  location?: Location;
}

export interface SchemaModel {
  evidence: Evidence;
  tables: Table[];
  enums: EnumType[];
  /** Schemas created by this source (CREATE SCHEMA, CreateSchema(...)). */
  schemasCreated: SchemaSource[];
  /** This source also creates schemas whose names code computes (`CreateSchema(m.schema)` in a loop): which ones is Unknown. */
  schemasCreatedUnknown?: Unknown;
  /** Some table names could not be read (e.g. computed `__tablename__`). */
  hasUnknownTables: boolean;
  /**
   * The files that declare the tables whose names are Unknown, where the reader knows them all: of a
   * workspace of several applications, only those with such a file have tables the reader cannot name.
   */
  unknownTablesIn?: string[];
  /**
   * Tables this source declares whose name is Unknown but whose columns are known (a join table
   * named by code): a table elsewhere with those columns may be one of them.
   */
  unnamedTables?: UnnamedTable[];
  /** Views and materialized views (not tables: no rule about tables judges them). */
  views?: View[];
  /** Every construct of this source that evaluated to Unknown (table names, types, defaults, operations), for the coverage account. */
  unknowns?: Unknown[];
}

export function qualifiedName(schema: string, table: string): string {
  return `${schema}.${table}`;
}

export function tableKey(t: Pick<Table, 'schema' | 'name'>): string {
  return qualifiedName(t.schema, t.name);
}

/** Lookup structure built once per analysis (nested maps: no key strings built per lookup). */
/**
 * A table the models declare whose name is Unknown, with what is known of it: columns it has, and
 * the names it may have (exactly, or by the literal they start with). No name constraint: any name.
 */
export interface UnnamedTable {
  columns: string[];
  location: Location;
  /** It is one of these (a plugin's `bill_version`). */
  names?: string[];
  /** Its name starts with one of these (an entity factory's `__chart__${name}`). */
  namePrefixes?: string[];
}

/** Whether an Unknown-named table may be called `name`. */
export function mayBeNamed(unnamed: UnnamedTable, name: string): boolean {
  if (!unnamed.names && !unnamed.namePrefixes) return true;
  return !!unnamed.names?.includes(name) || !!unnamed.namePrefixes?.some((p) => name.startsWith(p));
}

/** The folders a file path is in, from the outermost (`/a/b/c.py` → `/a`, `/a/b`). */
export function sharedFolderDepth(a: string, b: string): number {
  const x = a.split(/[\\/]/);
  const y = b.split(/[\\/]/);
  let i = 0;
  // The last part is the file's name: folders only.
  while (i < x.length - 1 && i < y.length - 1 && x[i] === y[i]) i++;
  return i;
}

/**
 * Of tables of one name, those declared closest to `file`: sharing the most folders with it (an
 * application's models and migrations sit in its own folder of a monorepo). All of them on a tie.
 */
export function nearestTo(tables: readonly Table[], file: string): Table[] {
  if (tables.length < 2) return [...tables];
  let best = -1;
  let out: Table[] = [];
  for (const t of tables) {
    const depth = t.location?.file ? sharedFolderDepth(t.location.file, file) : 0;
    if (depth > best) {
      best = depth;
      out = [t];
    } else if (depth === best) out.push(t);
  }
  if (out.length < 2) return out;
  // Equally near: the one whose folders below the shared ones name a folder of the file's
  // (`models/foods/locale.ts` and `sequelize/foods/migrations/`, beside `sequelize/system/…`).
  let most = 0;
  let named: Table[] = [];
  for (const t of out) {
    const n = t.location?.file ? folderNamesInCommon(t.location.file, file, best) : 0;
    if (n > most) {
      most = n;
      named = [t];
    } else if (n === most && n > 0) named.push(t);
  }
  return named.length ? named : out;
}

/** How many folder names two paths both have below their first `from` folders (the ones they share). */
function folderNamesInCommon(a: string, b: string, from: number): number {
  const folders = (p: string) => p.split(/[\\/]/).slice(from, -1).map((x) => x.toLowerCase());
  const mine = new Set(folders(b));
  return new Set(folders(a).filter((x) => mine.has(x))).size;
}

export class TableIndex {
  private readonly bySchema = new Map<string, Map<string, Table[]>>();
  private readonly byName = new Map<string, Table[]>();
  private readonly byClass = new Map<string, Table[]>();

  constructor(readonly tables: Table[]) {
    for (const t of tables) {
      push(this.byName, t.name, t);
      if (t.className) push(this.byClass, t.className, t);
      for (const sub of t.singleTableClasses ?? []) push(this.byClass, sub, t);
      // In a schema the reader does not know: no lookup by schema finds it.
      if (t.schemaUnknown) continue;
      let inSchema = this.bySchema.get(t.schema);
      if (!inSchema) this.bySchema.set(t.schema, (inSchema = new Map()));
      push(inSchema, t.name, t);
    }
  }

  /**
   * The table of that name. Several of one name (two applications of a monorepo, each with its own
   * database, models and migrations): `near`, a file of the project, picks the one declared closest
   * to it — the longest folder path shared with it — the first one on a tie.
   */
  get(schema: string, name: string, near?: string): Table | undefined {
    const tables = this.bySchema.get(schema)?.get(name);
    return tables && near && tables.length > 1 ? nearestTo(tables, near)[0] : tables?.[0];
  }

  /** Whether a table is `schema.name`, or may be: one of that name whose schema is Unknown or set at run time. */
  mayHave(schema: string, name: string): boolean {
    return !!this.get(schema, name) || (this.byName.get(name)?.some((t) => t.schemaUnknown || t.schemaSetAtRunTime) ?? false);
  }

  all(schema: string, name: string): Table[] {
    return this.bySchema.get(schema)?.get(name) ?? [];
  }

  named(name: string): Table[] {
    return this.byName.get(name) ?? [];
  }

  byClassName(className: string): Table[] {
    return this.byClass.get(className) ?? [];
  }

  /** The key of a lookup by schema and name, as `changedSince` names it. */
  static nameKey(schema: string, name: string): string {
    return `${schema}\u0000${name}`;
  }

  /** The key of a lookup by class name, as `changedSince` names it. */
  static classKey(className: string): string {
    return `\u0001${className}`;
  }

  private readonly changes = new WeakMap<TableIndex, Set<string>>();

  /**
   * The lookups (`nameKey`, `classKey`) that answer differently here than in `older`: what an edit
   * changed, for work that remembers which lookups it made. Computed once per pair of indexes.
   */
  changedSince(older: TableIndex): ReadonlySet<string> {
    let changed = this.changes.get(older);
    if (changed) return changed;
    changed = new Set<string>();
    const compare = (now: Map<string, Table[]> | undefined, before: Map<string, Table[]> | undefined, key: (k: string) => string) => {
      for (const [k, list] of now ?? []) {
        const other = before?.get(k);
        if (!other || other.length !== list.length || list.some((t, i) => t !== other[i])) changed!.add(key(k));
      }
      for (const k of before?.keys() ?? []) if (!now?.has(k)) changed!.add(key(k));
    };
    for (const schema of new Set([...this.bySchema.keys(), ...older.bySchema.keys()])) {
      compare(this.bySchema.get(schema), older.bySchema.get(schema), (name) => TableIndex.nameKey(schema, name));
    }
    compare(this.byClass, older.byClass, TableIndex.classKey);
    this.changes.set(older, changed);
    return changed;
  }

  private similarNames: SimilarNames<Table> | undefined;

  /** Table names similar to `name` ("did you mean"), best first; built on the first question. */
  similar(name: string, max = 3): string[] {
    if (!this.similarNames) {
      this.similarNames = new SimilarNames<Table>();
      for (const t of this.tables) this.similarNames.add(t.name, t);
    }
    return this.similarNames.closest(name, max);
  }
}

/** Adds `value` to the list `map` keeps under `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function findColumn(table: Table, name: string): Column | undefined {
  // A loop, not `find`: rules ask this for every key of every table after every edit.
  for (const c of table.columns) if (c.name === name) return c;
  return undefined;
}

export type { Evidence, Location, Position, Range };

/**
 * The part of `incomplete` a model writes for an index it names but leaves to the migrations
 * (TypeORM's `@Index('IDX_month', { synchronize: false })`): its columns are the migrations'.
 */
export function unsynchronizedIndex(name: string): string {
  return `index "${name}" (synchronize: false: its columns are the migrations')`;
}

/** The index name of an `unsynchronizedIndex` part, undefined for any other part. */
export function unsynchronizedIndexName(part: string): string | undefined {
  return /^index "(.*)" \(synchronize: false: its columns are the migrations'\)$/.exec(part)?.[1];
}

/**
 * What a model's reader could not evaluate that declares only indexes (Sequelize's `indexes`,
 * TypeORM's `@Index`, an EntitySchema's `indices`/`uniques`/`exclusions`, a unique key computed by
 * code, an index left to the migrations): the table's columns and keys are still known.
 * (SQLAlchemy's `__table_args__` may set the schema too: not only indexes.)
 */
const INDEX_PARTS: ReadonlySet<string> = new Set(['indexes', 'indices', 'uniques', 'exclusions', '@Index', '@Exclusion']);

export function isIndexPart(part: string): boolean {
  return INDEX_PARTS.has(part) || part.startsWith('the unique key of ') || unsynchronizedIndexName(part) !== undefined;
}

/** Whether the reader left more of the table Unknown than its indexes: its columns or keys. */
export function columnsInDoubt(table: Pick<Table, 'incomplete'>): boolean {
  return !!table.incomplete?.some((part) => !isIndexPart(part));
}
