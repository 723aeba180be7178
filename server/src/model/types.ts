/**
 * Normalises column types as ORMs write them into PostgreSQL's canonical names, so that
 * `sa.String(50)`, `VARCHAR(50)` and `character varying(50)` compare equal.
 */
import type { Column, ColumnType } from './schema';
import { known } from './unknown';

/** A column's type where it is known (declared and evaluated): what rules compare. */
export function knownType(column: Pick<Column, 'type'>): ColumnType | undefined {
  return known(column.type);
}

/** A column's nullability where it is known. */
export function knownNullable(column: Pick<Column, 'nullable'>): boolean | undefined {
  return known(column.nullable);
}

/** A column's server default where it is declared and known. */
export function knownDefault(column: Pick<Column, 'serverDefault'>): string | undefined {
  return known(column.serverDefault);
}

/** ORM / SQL type names (lower-cased) to canonical PostgreSQL names. */
const CANONICAL: Record<string, string> = {
  integer: 'integer', int: 'integer', int4: 'integer', serial: 'integer', serial4: 'integer',
  biginteger: 'bigint', bigint: 'bigint', int8: 'bigint', bigserial: 'bigint', serial8: 'bigint',
  smallinteger: 'smallint', smallint: 'smallint', int2: 'smallint', smallserial: 'smallint', serial2: 'smallint',
  string: 'varchar', varchar: 'varchar', unicode: 'varchar', 'character varying': 'varchar', nvarchar: 'varchar',
  text: 'text', unicodetext: 'text', clob: 'text',
  char: 'char', character: 'char', nchar: 'char', bpchar: 'char',
  boolean: 'boolean', bool: 'boolean',
  datetime: 'timestamp', timestamp: 'timestamp', 'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz', 'timestamp with time zone': 'timestamptz',
  date: 'date',
  time: 'time', 'time without time zone': 'time', timetz: 'timetz', 'time with time zone': 'timetz',
  interval: 'interval',
  float: 'float8', double: 'float8', double_precision: 'float8', 'double precision': 'float8', float8: 'float8',
  real: 'real', float4: 'real',
  numeric: 'numeric', decimal: 'numeric',
  uuid: 'uuid',
  json: 'json', jsonb: 'jsonb',
  largebinary: 'bytea', pickletype: 'bytea', bytea: 'bytea', blob: 'bytea', binary: 'bytea', varbinary: 'bytea',
  enum: 'enum',
  inet: 'inet', cidr: 'cidr', macaddr: 'macaddr', tsvector: 'tsvector', money: 'money', citext: 'citext',
  bit: 'bit', varbit: 'varbit', 'bit varying': 'varbit',
};

/** Types whose length or display width PostgreSQL ignores or has no place for. */
/**
 * Type names PostgreSQL does not have — other databases' (MySQL's `datetime`, `tinyint`,
 * `longtext`; SQL Server's `nvarchar`, `uniqueidentifier`) and TypeORM's entity aliases (`string`,
 * `number`, `simple-json`) — checked against PostgreSQL: `type "…" does not exist`. (Types an
 * extension adds, `citext`, `hstore`, are not among them.) With what PostgreSQL calls the type meant.
 */
export const NOT_IN_POSTGRESQL: ReadonlyMap<string, string> = new Map([
  ['string', 'character varying'], ['number', 'integer'], ['datetime', 'timestamp'], ['datetime2', 'timestamp'],
  ['smalldatetime', 'timestamp'], ['double', 'double precision'], ['tinyint', 'smallint'], ['mediumint', 'integer'],
  ['long', 'bigint'], ['year', 'integer'], ['longtext', 'text'], ['mediumtext', 'text'], ['tinytext', 'text'],
  ['ntext', 'text'], ['clob', 'text'], ['longblob', 'bytea'], ['blob', 'bytea'], ['binary', 'bytea'], ['varbinary', 'bytea'],
  ['image', 'bytea'], ['rowversion', 'bytea'], ['nvarchar', 'character varying'], ['uniqueidentifier', 'uuid'],
  ['simple-json', 'json'], ['simple-array', 'text'], ['set', 'text[]'],
]);

const UNSIZED: ReadonlySet<string> = new Set(['bytea', 'text', 'boolean', 'integer', 'bigint', 'smallint', 'json', 'jsonb', 'uuid', 'date', 'inet', 'cidr', 'float8', 'real']);

export interface TypeFlags {
  timezone?: boolean;
  asUuid?: boolean;
  args?: number[];
  enumName?: string;
  /** Element type of an ARRAY. */
  elementType?: ColumnType;
}

/** Builds a normalised ColumnType from the name a model or migration gives it. */
export function normaliseType(rawName: string, written: string, flags: TypeFlags = {}): ColumnType {
  const key = rawName.trim().toLowerCase();
  let name = CANONICAL[key] ?? key;
  if (key === 'array' && flags.elementType) {
    name = `${flags.elementType.name}[]`;
    // The element's length is the array's: varchar(255)[].
    if (!flags.args?.length && flags.elementType.args?.length) flags = { ...flags, args: flags.elementType.args };
  }
  if (flags.timezone) {
    if (name === 'timestamp') name = 'timestamptz';
    if (name === 'time') name = 'timetz';
  }
  // `FLOAT(p)` is PostgreSQL's `real` for a precision of 1 to 24 binary digits, `double precision`
  // above (as TypeORM's `{ type: "float", length: 15 }`, Sequelize's `FLOAT(11)` and SQLAlchemy's
  // `Float(precision=10)` write it); `FLOAT(p, d)` is sent as plain FLOAT by Sequelize.
  if (key === 'float' && flags.args?.length === 1 && flags.args[0] >= 1 && flags.args[0] <= 24) name = 'real';
  const type: ColumnType = { name, written };
  // As PostgreSQL keeps them: `char` and `bit` without a length are of length 1, and `numeric(10)`
  // is numeric(10,0).
  if ((name === 'char' || name === 'bit') && !flags.args?.length) flags = { ...flags, args: [1] };
  else if (name === 'numeric' && flags.args?.length === 1) flags = { ...flags, args: [flags.args[0], 0] };
  // `LargeBinary(32)`, `Integer(11)`: a length PostgreSQL does not keep for these types.
  if (flags.args && flags.args.length && !UNSIZED.has(name)) type.args = flags.args;
  if (flags.enumName) type.enumName = flags.enumName;
  if (flags.asUuid !== undefined) type.asUuid = flags.asUuid;
  return type;
}

/** Python annotation types (inside `Mapped[...]`) to canonical names, as SQLAlchemy's default type map does. */
const PYTHON_ANNOTATION: Record<string, string> = {
  int: 'integer', str: 'varchar', bool: 'boolean', float: 'float8', bytes: 'bytea',
  datetime: 'timestamp', 'datetime.datetime': 'timestamp', date: 'date', 'datetime.date': 'date',
  time: 'time', 'datetime.time': 'time', timedelta: 'interval', 'datetime.timedelta': 'interval',
  Decimal: 'numeric', 'decimal.Decimal': 'numeric', UUID: 'uuid', 'uuid.UUID': 'uuid',
  dict: 'json', Dict: 'json', list: 'json', List: 'json',
};

export function typeFromPythonAnnotation(annotation: string): ColumnType | undefined {
  const base = annotation.replace(/\[.*$/s, '').trim();
  const name = PYTHON_ANNOTATION[base];
  return name ? { name, written: `Mapped[${annotation}]` } : undefined;
}

/** Whether two types are the same storage type (ignores how they were written). */
export function sameStorageType(a: ColumnType, b: ColumnType): boolean {
  if (a.name !== b.name) return false;
  if (a.name === 'varchar' || a.name === 'char' || a.name === 'numeric') {
    return JSON.stringify(a.args ?? []) === JSON.stringify(b.args ?? []);
  }
  return true;
}

const CANONICAL_NAMES: ReadonlySet<string> = new Set(Object.values(CANONICAL));

/**
 * Whether a type is one PostgreSQL knows by this name (not an enum, a custom TypeDecorator, a
 * domain): only such types are compared across sources.
 */
export function isComparableType(t: ColumnType): boolean {
  if (t.enumName || t.name === 'enum' || t.custom) return false;
  if (isInferredType(t)) return false; // inferred from an annotation: depends on the type map
  const base = t.name.endsWith('[]') ? t.name.slice(0, -2) : t.name;
  return CANONICAL_NAMES.has(base) && base !== 'enum';
}

export function formatType(t: ColumnType): string {
  // An enum is the database type it names (SQLAlchemy: the class or `name=`, lower-cased).
  if (t.name === 'enum' && t.databaseName) return t.databaseName;
  if (t.name === 'enum[]' && t.databaseName) return `${t.databaseName}[]`;
  if (t.name === 'enum' && t.enumName && t.enumName !== 'enum') return t.enumName.toLowerCase();
  if (t.name.endsWith('[]') && t.args?.length) return `${t.name.slice(0, -2)}(${t.args.join(', ')})[]`;
  return t.args && t.args.length ? `${t.name}(${t.args.join(', ')})` : t.name;
}

/**
 * Types that hold the same kind of value and compare without a cast: strings of any length,
 * timestamps with or without zone, json and jsonb. Rules that ask "is this the same logical type?"
 * compare families; rules about the exact storage compare names.
 */
const FAMILY: Record<string, string> = {
  varchar: 'string', text: 'string', citext: 'string',
  timestamp: 'timestamp', timestamptz: 'timestamp',
  time: 'time', timetz: 'time',
  json: 'json', jsonb: 'json',
};

export function typeFamily(t: ColumnType): string {
  return FAMILY[t.name] ?? t.name;
}

/**
 * What SQLite keeps of a declared type: every value is stored as one of a few kinds (its type
 * affinity), and a length is never enforced. Booleans and integers of any width are integers; strings,
 * uuids, enums and JSON are text (as the ORMs write and read them); dates and times are one kind
 * (the ORMs store them as text); reals, numerics and blobs keep theirs. Two columns of one kind
 * store alike in SQLite, whatever their declared types.
 */
export function sqliteStorage(t: ColumnType): string {
  if (t.name === 'boolean' || integerWidth(t)) return 'integer';
  if (SQLITE_TEXT.has(t.name) || t.name === 'enum') return 'text';
  if (t.name === 'real' || t.name === 'float8' || t.name === 'double precision') return 'real';
  if (t.name === 'timestamp' || t.name === 'timestamptz' || t.name === 'date' || t.name === 'time' || t.name === 'timetz') return 'datetime';
  return t.name;
}

/**
 * Whether two declared types are one storage on the dialect (a name of `Dialect`): SQLite keeps a
 * few kinds (see `sqliteStorage`); SQL Server has no BOOLEAN — TypeORM and Sequelize write `bit` for
 * one, so `boolean` and `BIT` are the same column there. Elsewhere the names decide.
 */
export function storedAlikeOn(dialect: string, a: ColumnType, b: ColumnType): boolean {
  if (dialect === 'sqlite') return sqliteStorage(a) === sqliteStorage(b);
  if (dialect === 'mssql') return isSqlServerBit(a) && isSqlServerBit(b);
  if (dialect === 'mysql') return mysqlStoredAlike(a, b);
  return false;
}

/**
 * What MySQL makes of the types the ORMs write for it, where two declared ones are one column there:
 * a boolean is `TINYINT(1)` (Sequelize and TypeORM write BOOLEAN, MySQL keeps TINYINT); a uuid is
 * `CHAR(36)` (Sequelize's UUID) or `VARCHAR(36)` (TypeORM's); JSON has one storage (no JSONB);
 * Sequelize's DATE (read as timestamptz) is `DATETIME`.
 */
function mysqlStoredAlike(a: ColumnType, b: ColumnType): boolean {
  const kind = (t: ColumnType): string => {
    if (t.name === 'boolean' || t.name === 'bool' || t.name === 'tinyint' || (t.name === 'smallint' && /\btinyint\b/i.test(t.written))) return 'tinyint';
    if (t.name === 'json' || t.name === 'jsonb') return 'json';
    if (t.name === 'timestamptz' || t.name === 'datetime') return 'datetime';
    return t.name;
  };
  const uuidText = (t: ColumnType) => (t.name === 'char' || t.name === 'varchar') && t.args?.length === 1 && t.args[0] === 36;
  if ((a.name === 'uuid' && uuidText(b)) || (b.name === 'uuid' && uuidText(a))) return true;
  const ka = kind(a);
  return ka !== a.name || kind(b) !== b.name ? ka === kind(b) : false;
}

/** A type SQL Server stores as `bit`: a boolean, or `BIT` (of length 1 as PostgreSQL's parser reads it). */
export function isSqlServerBit(t: ColumnType): boolean {
  return t.name === 'boolean' || (t.name === 'bit' && (t.args?.[0] ?? 1) === 1);
}

const SQLITE_TEXT: ReadonlySet<string> = new Set(['varchar', 'text', 'citext', 'char', 'uuid', 'json', 'jsonb']);

/** Integer widths, for "can this column hold every value of that one?". */
const INTEGER_WIDTH: Record<string, number> = { smallint: 2, integer: 4, bigint: 8 };

export function integerWidth(t: ColumnType): number | undefined {
  return INTEGER_WIDTH[t.name];
}

/** Whether a type was inferred from a Python annotation (its storage depends on the type map). */
export function isInferredType(t: ColumnType): boolean {
  return !!t.inferred || t.written.startsWith('Mapped[');
}

/**
 * A project type (a `TypeDecorator` subclass) resolved to the type it stores: its `impl`, with the
 * arguments the column passes through (`UTCDateTime(timezone=True)` → timestamptz). Undefined when
 * `type` names no project type with a known impl.
 */
export function resolveProjectType(type: ColumnType, impls: ReadonlyMap<string, ColumnType>): ColumnType | undefined {
  if (type.ormOwn) return undefined;
  const className = /^[\w.]*/.exec(type.written)![0].replace(/^.*\./, '');
  let impl = impls.get(className);
  // `impl = JSON` naming another TypeDecorator of the project (`class JSON(TypeDecorator): impl = JSONB`): its impl.
  for (let seen = new Set([className]), i = 0; impl && i < 8; i++) {
    const next = /^[\w.]*/.exec(impl.written)![0].replace(/^.*\./, '');
    const further = seen.has(next) ? undefined : impls.get(next);
    if (!further) break;
    seen.add(next);
    impl = further;
  }
  if (!impl) return undefined;
  const flags: TypeFlags = { args: type.args?.length ? type.args : impl.args };
  if (/timezone\s*=\s*True/.test(type.written) || /\bTrue\b/.test(type.written.replace(/^[^(]*\(/, '').split(',')[0] ?? '')) flags.timezone = true;
  const resolved = normaliseType(impl.name, type.written, flags);
  if (impl.name === 'timestamptz' || impl.name === 'timetz') resolved.name = impl.name;
  if (impl.asUuid !== undefined) resolved.asUuid = impl.asUuid;
  if (impl.enumName) resolved.enumName = impl.enumName;
  resolved.decorator = className;
  return resolved;
}
