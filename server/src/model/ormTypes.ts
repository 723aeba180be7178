/**
 * Column types as TypeORM and Sequelize write them, normalised like every other source:
 * `@Column('varchar', { length: 20 })`, `@Column({ type: 'timestamptz' })`, a property's design
 * type when no type is written, and Sequelize's `DataTypes.STRING(20)`, `DataTypes.DATE`, ….
 */
import type { ColumnType } from './schema';
import { NOT_IN_POSTGRESQL, normaliseType } from './types';

const TYPEORM_ALIASES: Record<string, string> = {
  // On PostgreSQL a simple-enum is an enum type like `enum` (PostgresDriver.normalizeType).
  'simple-json': 'text', 'simple-array': 'text', 'simple-enum': 'enum', float: 'float8', double: 'float8',
  'timestamp with time zone': 'timestamptz', 'timestamp without time zone': 'timestamp',
};

export interface TypeOrmTypeOptions {
  length?: number;
  precision?: number;
  scale?: number;
  enumName?: string;
  /** `enumName:` is written: the database type has that name (else TypeORM names it after the column). */
  enumNamed?: boolean;
  array?: boolean;
}

export function typeormType(type: string, written: string, options: TypeOrmTypeOptions = {}): ColumnType {
  const key = type.trim().toLowerCase();
  const name = TYPEORM_ALIASES[key] ?? key;
  const args = options.length !== undefined ? [options.length] : options.precision !== undefined ? [options.precision, ...(options.scale !== undefined ? [options.scale] : [])] : [];
  const base = name === 'enum' ? normaliseType('enum', written, { enumName: options.enumName ?? 'enum' }) : normaliseType(name, written, { args });
  if (name === 'enum' && options.enumNamed && options.enumName) base.databaseName = options.enumName;
  if (!options.array) return base;
  const array = normaliseType('array', written, { elementType: base });
  // An array of an enum: of the type the enum is (`pet_moods_enum[]`), named by `enumName:` or later after the column.
  if (base.databaseName) array.databaseName = base.databaseName;
  return array;
}

/**
 * A migration's `TableColumn` type as written — its `type` and sizes as the strings they evaluate to
 * (a literal, a constant, another module's constant once the project evaluates it).
 */
export interface TableColumnTypeWritten {
  type: string;
  length?: string;
  precision?: string;
  scale?: string;
  enumName?: string;
  array?: boolean;
}

/** A size as TypeORM puts it into the SQL: a number, or a string of one; undefined otherwise. */
function sizeOf(written: string | undefined): number | undefined {
  if (written === undefined || written.trim() === '') return undefined;
  const n = Number(written);
  return Number.isNaN(n) ? undefined : n;
}

/**
 * The type a migration's `TableColumn` makes: sent to the database as written (PostgresQueryRunner
 * builds the SQL from it), so an entity's alias (`string`) is no PostgreSQL type, and `float` with a
 * length or a lone precision is FLOAT(p), PostgreSQL's real for 1 to 24 binary digits.
 */
export function tableColumnType(written: TableColumnTypeWritten): ColumnType {
  const length = sizeOf(written.length);
  const precision = sizeOf(written.precision);
  const scale = sizeOf(written.scale);
  const p = length ?? (written.scale !== undefined ? undefined : precision);
  if (written.type.toLowerCase() === 'float' && p !== undefined && p >= 1 && p <= 24) return typeormType('real', written.type);
  const type = typeormType(written.type, written.type, {
    length, precision, scale, enumName: written.enumName, enumNamed: written.enumName !== undefined, array: written.array === true,
  });
  return NOT_IN_POSTGRESQL.has(written.type.toLowerCase()) ? { ...type, notInPostgresql: written.type } : type;
}

const DESIGN_CONSTRUCTORS: Record<string, string> = {
  string: 'String', String: 'String', number: 'Number', Number: 'Number', boolean: 'Boolean', Boolean: 'Boolean',
  bigint: 'BigInt', BigInt: 'BigInt', Date: 'Date', Buffer: 'Buffer',
};

/**
 * The constructor TypeScript writes as a property's design type (`design:type`), from its type as
 * written: `string`, `string | null` → String; a union of literals of one kind (`'draft' | 'live'`,
 * `1 | 2`, `true | false`) → String, Number, Boolean, as TypeScript serialises it (null and
 * undefined left out). Undefined for anything else (a name, a mixed union: Object).
 */
export function designConstructor(tsType: string | undefined): string | undefined {
  const parts = tsType?.split('|').map((p) => p.trim()).filter((p) => p && p !== 'null' && p !== 'undefined');
  if (!parts?.length) return undefined;
  const kinds = new Set(parts.map((p) => DESIGN_CONSTRUCTORS[p]
    ?? (/^(['"`]).*\1$/s.test(p) ? 'String' : /^-?\d+(\.\d+)?$/.test(p) ? 'Number' : /^(true|false)$/.test(p) ? 'Boolean' : '?')));
  return kinds.size === 1 && !kinds.has('?') ? [...kinds][0] : undefined;
}

/** TypeScript's design types sequelize-typescript maps to a data type (its inferDataType); no other has one. */
const SEQUELIZE_DESIGN_TYPES: Record<string, string> = {
  String: 'STRING', Number: 'INTEGER', BigInt: 'BIGINT', Boolean: 'BOOLEAN', Date: 'DATE', Buffer: 'BLOB',
};

/** The data type sequelize-typescript infers from a design type's constructor; undefined where it infers none. */
export function sequelizeDesignType(constructor: string | undefined, written: string): ColumnType | undefined {
  const name = SEQUELIZE_DESIGN_TYPES[constructor ?? ''];
  return name ? sequelizeType(name, written, []) : undefined;
}

/**
 * What TypeORM stores when only the property's TypeScript type says: the reflected design type,
 * mapped by the driver (PostgresDriver.normalizeType) — fixed, so compared as if written.
 */
export function typeormDesignType(tsType: string | undefined, options: TypeOrmTypeOptions = {}): ColumnType | undefined {
  const map: Record<string, string> = { String: 'varchar', Number: 'integer', Boolean: 'boolean', Date: 'timestamp' };
  const name = map[designConstructor(tsType) ?? ''];
  if (!name) return undefined;
  const type: ColumnType = { name, written: `${tsType} (design type)` };
  // `@Column({ length: 200 }) email: string` is varchar(200).
  if (name === 'varchar' && options.length !== undefined) type.args = [options.length];
  // `{ type: String, array: true }` is varchar[]: TypeORM makes any type an array of it.
  return options.array ? normaliseType('array', type.written, { elementType: type }) : type;
}

const SEQUELIZE: Record<string, string> = {
  STRING: 'varchar', CHAR: 'char', TEXT: 'text', CITEXT: 'citext', INTEGER: 'integer', BIGINT: 'bigint', SMALLINT: 'smallint',
  TINYINT: 'smallint', MEDIUMINT: 'integer', FLOAT: 'float8', REAL: 'real', DOUBLE: 'float8', DECIMAL: 'numeric',
  BOOLEAN: 'boolean', DATE: 'timestamptz', DATEONLY: 'date', TIME: 'time', UUID: 'uuid', JSON: 'json', JSONB: 'jsonb',
  BLOB: 'bytea', INET: 'inet', CIDR: 'cidr', MACADDR: 'macaddr', TSVECTOR: 'tsvector', ENUM: 'enum',
};

/** A name Sequelize gives a data type (`STRING`, `ARRAY`): what `DataTypes` exports as a type. */
export function isSequelizeTypeName(name: string): boolean {
  return name === 'ARRAY' || name === 'RANGE' || Object.prototype.hasOwnProperty.call(SEQUELIZE, name);
}

/**
 * `DataTypes.STRING(20)` → varchar(20); a bare `STRING` is varchar(255), as Sequelize creates it.
 * `DataTypes.NUMBER` (the abstract "a number", whose SQL no supported dialect accepts) says nothing
 * of the column's type: no type.
 */
export function sequelizeType(name: string, written: string, args: number[], element?: ColumnType, enumName?: string): ColumnType | undefined {
  if (name === 'ARRAY') return element ? normaliseType('array', written, { elementType: element }) : undefined;
  const canonical = SEQUELIZE[name];
  if (!canonical) return undefined;
  if (canonical === 'enum') return normaliseType('enum', written, { enumName: enumName ?? 'enum' });
  // PostgreSQL's DATE is `TIMESTAMP WITH TIME ZONE` whatever precision it is given (Sequelize's
  // postgres DATE.toSql): DATE(6) makes a timestamptz of the default precision.
  // STRING and CHAR are 255 long unless given a length (Sequelize's STRING, which CHAR extends).
  const withDefault = (name === 'STRING' || name === 'CHAR') && !args.length ? [255] : name === 'DATE' ? [] : args;
  // Sequelize's postgres FLOAT drops a length given with decimals (FLOAT(11, 10) is FLOAT, double
  // precision) and keeps one alone (FLOAT(11) is PostgreSQL's float(11), a real); DOUBLE and REAL
  // drop what they are given.
  if (name === 'FLOAT') return normaliseType(args.length === 1 && args[0] <= 24 ? 'real' : 'float8', written);
  if (name === 'DOUBLE' || name === 'REAL') return normaliseType(canonical, written);
  return normaliseType(canonical, written, { args: withDefault });
}

/**
 * A value the ORM writes as a SQL string literal: TypeORM's `default: 'USER'` and Sequelize's
 * `defaultValue: 'USER'` are `DEFAULT 'USER'` (the string), never the SQL keyword `USER`.
 */
export function ormStringDefault(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A value the ORM writes as a default: a string quoted, a number or boolean as written. */
export function ormValueDefault(value: string | number | boolean): string {
  return typeof value === 'string' ? ormStringDefault(value) : String(value);
}
