/**
 * SQLAlchemy's naming conventions (`MetaData(naming_convention={"fk": "fk_%(table_name)s_…"})`):
 * the names SQLAlchemy gives the constraints and indexes a migration leaves unnamed. Alembic builds
 * its operations' constraints in a MetaData carrying the convention of the environment's
 * `target_metadata`, so `op.create_foreign_key(None, "orders", "users", …)` creates
 * `fk_orders_user_id_users`, not the `orders_user_id_fkey` PostgreSQL would choose — and a later
 * `op.drop_constraint("fk_orders_user_id_users", …)` drops it.
 */
import { createHash } from 'crypto';
import type { ColumnSpec, ForeignKeySpec, IndexSpec, MigrationOperation } from './operations';

/** What a convention names: an index, a unique, check, foreign-key or primary-key constraint. */
export type ConventionKind = 'ix' | 'uq' | 'ck' | 'fk' | 'pk';

/** A convention whose templates are all plain strings, by kind. */
export type NamingConvention = Readonly<Partial<Record<ConventionKind, string>>>;

/** What SQLAlchemy uses when a MetaData is given no convention. */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = { ix: 'ix_%(column_0_label)s' };

export interface ConventionSubject {
  table: string;
  columns: readonly string[];
  /** The referenced table and columns, for a foreign key. */
  referredTable?: string;
  referredColumns?: readonly string[];
}

/** PostgreSQL's identifier limit (NAMEDATALEN - 1). */
const MAX_IDENTIFIER = 63;

/** The name PostgreSQL gives an unnamed constraint: `{table}_{columns}_{suffix}` (`tag_name_key`). */
export function postgresConstraintName(table: string, columns: readonly string[], suffix: 'key' | 'fkey'): string {
  return `${table}_${columns.join('_')}_${suffix}`.slice(0, MAX_IDENTIFIER);
}

/**
 * The name the convention gives an unnamed constraint or index; undefined when it gives none (no
 * template for the kind) or when SQLAlchemy would refuse one (`%(constraint_name)s` of an unnamed
 * constraint, a token it does not know: the migration fails there).
 */
export function conventionName(convention: NamingConvention, kind: ConventionKind, subject: ConventionSubject): string | undefined {
  const template = convention[kind];
  // A `%` outside a `%(token)s` (or `%%`) is no template SQLAlchemy can format.
  if (template === undefined || template.replace(/%\(\w+\)s|%%/g, '').includes('%')) return undefined;
  let failed = false;
  const name = template.replace(/%\((\w+)\)s|%%/g, (whole, token: string | undefined) => {
    if (!token) return '%';
    const value = tokenValue(token, subject);
    if (value === undefined) failed = true;
    return value ?? '';
  });
  if (failed) return undefined;
  return truncated(name);
}

function tokenValue(token: string, subject: ConventionSubject): string | undefined {
  if (token === 'table_name') return subject.table;
  if (token === 'referred_table_name') return subject.referredTable;
  // `column_0_name`, `column_0N_name` (all, joined), `column_0_N_name` (all, joined by `_`); labels
  // are `table_column`; keys are the attributes' names, the columns' own in a migration.
  const m = /^(referred_)?column_0(N|_N)?_(name|label|key)$/.exec(token);
  if (!m) return undefined;
  const columns = m[1] ? subject.referredColumns : subject.columns;
  if (!columns?.length) return undefined;
  const table = m[1] ? subject.referredTable : subject.table;
  const each = (c: string) => (m[3] === 'label' ? `${table}_${c}` : c);
  if (!m[2]) return each(columns[0]);
  return columns.map(each).join(m[2] === 'N' ? '' : '_');
}

/**
 * A conventional name longer than PostgreSQL allows is shortened by SQLAlchemy (1.4 and later) to
 * its first 55 characters, `_`, and the last four hex digits of its MD5.
 */
function truncated(name: string): string {
  if (name.length <= MAX_IDENTIFIER) return name;
  const digest = createHash('md5').update(name, 'utf8').digest('hex');
  return `${name.slice(0, MAX_IDENTIFIER - 8)}_${digest.slice(-4)}`;
}

const named = new WeakMap<MigrationOperation, { convention: NamingConvention; op: MigrationOperation }>();

/**
 * An Alembic operation with the names the convention gives what it leaves unnamed (the same object
 * for the same operation and convention, so the replay's per-spec objects are made once). Names it
 * writes are kept as written. Each named one keeps the name it has without the convention: the
 * convention is read from today's models, and a chain older than it created its first constraints
 * under PostgreSQL's names (a later migration renames or drops them by those).
 */
export function withConventionNames(op: MigrationOperation, convention: NamingConvention): MigrationOperation {
  const made = named.get(op);
  if (made && made.convention === convention) return made.op;
  const result = conventionNamed(op, { ...DEFAULT_NAMING_CONVENTION, ...convention });
  named.set(op, { convention, op: result });
  return result;
}

function conventionNamed(op: MigrationOperation, convention: NamingConvention): MigrationOperation {
  switch (op.kind) {
    case 'create-table': {
      const table = op.table.name;
      // (A primary key's name before the convention is PostgreSQL's `<table>_pkey`, which the replay answers to anyway.)
      const primaryKeyName = op.primaryKey.length ? conventionName(convention, 'pk', { table, columns: op.primaryKey }) : undefined;
      return {
        ...op,
        columns: op.columns.map((c) => namedColumn(c, table, convention)),
        foreignKeys: op.foreignKeys.map((f) => namedForeignKey(f, table, convention)),
        // (Those of a CREATE TABLE are its UNIQUE constraints and its Index objects.)
        indexes: op.indexes.map((i) => namedIndex(i, table, convention, i.unique ? 'uq' : 'ix')),
        ...(primaryKeyName ? { primaryKeyName } : {}),
      };
    }
    case 'add-column':
      return { ...op, column: namedColumn(op.column, op.table.name, convention) };
    case 'add-foreign-key':
      return { ...op, foreignKey: namedForeignKey(op.foreignKey, op.table.name, convention) };
    case 'add-unique':
      return { ...op, index: namedIndex(op.index, op.table.name, convention, 'uq') };
    case 'create-index':
      // An Index, unique or not, is named by the `ix` template.
      return { ...op, index: namedIndex(op.index, op.table.name, convention, 'ix') };
    case 'add-primary-key': {
      if (op.name || op.usingIndex) return op;
      const name = conventionName(convention, 'pk', { table: op.table.name, columns: op.columns });
      return name ? { ...op, name } : op;
    }
    default:
      return op;
  }
}

function namedColumn(column: ColumnSpec, table: string, convention: NamingConvention): ColumnSpec {
  const subject = { table, columns: [column.name] };
  const uniqueName = column.unique && !column.uniqueName && !column.index ? conventionName(convention, 'uq', subject) : undefined;
  const indexName = column.index && !column.indexName ? conventionName(convention, 'ix', subject) : undefined;
  const foreignKeys = column.foreignKeys.map((f) => namedForeignKey(f, table, convention));
  if (!uniqueName && !indexName && foreignKeys.every((f, i) => f === column.foreignKeys[i])) return column;
  return {
    ...column, foreignKeys,
    ...(uniqueName ? { uniqueName, uniqueNameBeforeConvention: postgresConstraintName(table, [column.name], 'key') } : {}),
    ...(indexName ? { indexName, indexNameBeforeConvention: `ix_${table}_${column.name}` } : {}),
  };
}

function namedForeignKey(fk: ForeignKeySpec, table: string, convention: NamingConvention): ForeignKeySpec {
  if (fk.name) return fk;
  const name = conventionName(convention, 'fk', { table, columns: fk.columns, referredTable: fk.target.name, referredColumns: fk.target.columns });
  return name ? { ...fk, name, nameBeforeConvention: postgresConstraintName(table, fk.columns, 'fkey') } : fk;
}

function namedIndex(index: IndexSpec, table: string, convention: NamingConvention, kind: 'uq' | 'ix'): IndexSpec {
  if (index.name || index.expression) return index;
  const name = conventionName(convention, kind, { table, columns: index.columns });
  if (!name) return index;
  // Before the convention: PostgreSQL's name of a UNIQUE constraint, SQLAlchemy's default one of an Index.
  const before = kind === 'uq' ? postgresConstraintName(table, index.columns, 'key') : conventionName(DEFAULT_NAMING_CONVENTION, 'ix', { table, columns: index.columns });
  return { ...index, name, ...(before && before !== name ? { nameBeforeConvention: before } : {}) };
}
