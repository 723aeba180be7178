/**
 * SQLModel's conventions: a `table=True` class maps a table named after the class (lower-cased), and
 * each annotated field is a column whose type comes from the Python type (`str` → VARCHAR, with
 * `max_length` its length), NOT NULL unless `Optional` (a `None` default on another type: Unknown), as
 * `sqlmodel.main.get_column_from_field` builds it.
 */
import type { ColumnType } from '../../model/schema';
import type { PyColumnDecl, PyFieldDecl } from '../../facts/sqlalchemy';
import { normaliseType } from '../../model/types';

/** Python types SQLModel maps the same way in every release. */
const STABLE: Record<string, string> = {
  str: 'varchar', int: 'integer', float: 'float8', bool: 'boolean', bytes: 'bytea',
  date: 'date', 'datetime.date': 'date', time: 'time', 'datetime.time': 'time',
  timedelta: 'interval', 'datetime.timedelta': 'interval',
  UUID: 'uuid', 'uuid.UUID': 'uuid', Decimal: 'numeric', 'decimal.Decimal': 'numeric',
  EmailStr: 'varchar', Path: 'varchar', IPv4Address: 'varchar', IPv6Address: 'varchar', IPv4Network: 'varchar', IPv6Network: 'varchar',
};

/**
 * The column a SQLModel field declares. `enumClass` says whether a name is an enum class of the
 * project. The type is undefined (Unknown for the builder) for Python types it cannot map.
 */
export function columnOfField(field: PyFieldDecl, enumClass: (name: string) => boolean, pydanticMajor?: number): PyColumnDecl {
  if (field.saColumn) return { ...field.saColumn, attribute: field.attribute };
  const column: PyColumnDecl = {
    attribute: field.attribute, style: 'Column',
    primaryKey: field.primaryKey, unique: field.unique, index: field.index,
    foreignKeys: field.foreignKey ? [field.foreignKey] : [],
    location: field.location,
  };
  if (field.indexLocation) column.indexLocation = field.indexLocation;
  const type = field.saType ?? fieldType(field, enumClass);
  if (type) column.type = type;
  else column.typeUnknown = `SQLModel type of ${field.annotation}`;
  // A None default on a type that is not Optional: pydantic 1 allows None there, 2 does not — known
  // where the project's manifests say which it installs.
  if (field.noneDefault && pydanticMajor !== undefined) column.nullable = pydanticMajor < 2;
  else if (field.nullableUnknown) {
    column.nullableUnknown = true;
    if (field.nullableUnknownReason) column.nullableUnknownReason = field.nullableUnknownReason;
  }
  else column.nullable = field.nullable ?? (!field.primaryKey && field.optional);
  return column;
}

function fieldType(field: PyFieldDecl, enumClass: (name: string) => boolean): ColumnType | undefined {
  const name = field.annotation;
  if (enumClass(name)) return normaliseType('Enum', `Enum(${name})`, { enumName: name.replace(/^.*\./, ''), args: [] });
  if (name === 'datetime' || name === 'datetime.datetime') {
    // DateTime before SQLModel 0.0.25, a timezone-aware TypeDecorator since: depends on the release.
    return { name: 'timestamp', written: name, inferred: true };
  }
  const canonical = STABLE[name];
  if (!canonical) return undefined;
  const args = canonical === 'varchar' && field.maxLength !== undefined ? [field.maxLength]
    : canonical === 'numeric' && field.maxDigits !== undefined ? [field.maxDigits, ...(field.decimalPlaces !== undefined ? [field.decimalPlaces] : [])]
      : [];
  // A `UUID` field is SQLModel's GUID type (sqlalchemy's `Uuid` from SQLModel 0.0.12): Python
  // receives uuid.UUID in every release, as with `UUID(as_uuid=True)`.
  return normaliseType(canonical, name, { args, ...(canonical === 'uuid' ? { asUuid: true } : {}) });
}
