/**
 * Migration operations written back as PostgreSQL DDL, for replaying a migration chain into the
 * embedded database. Raw SQL was parsed into the same operations, so one writer serves both.
 * Operations the readers could not understand have no DDL: the replay says it skipped them.
 */
import { ANY_SCHEMA_ON_PATH, type ColumnSpec, type ForeignKeySpec, type IndexSpec, type MigrationOperation, type TableRef } from '../model/operations';
import type { ColumnType } from '../model/schema';
import { quoteIdent } from './introspect';

const SQL_TYPE: Record<string, string> = {
  timestamp: 'timestamp without time zone', timestamptz: 'timestamp with time zone',
  time: 'time without time zone', timetz: 'time with time zone', float8: 'double precision',
};

const KNOWN = new Set([
  'integer', 'bigint', 'smallint', 'varchar', 'text', 'char', 'boolean', 'timestamp', 'timestamptz', 'date', 'time', 'timetz',
  'interval', 'float8', 'real', 'numeric', 'uuid', 'json', 'jsonb', 'bytea', 'inet', 'cidr', 'macaddr', 'tsvector', 'money', 'citext',
]);

function qualified(schema: string | undefined, name: string): string {
  return schema ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name);
}

function table(ref: TableRef): string {
  return qualified(ref.schema, ref.name);
}

/** The SQL type of a column; enums whose type the chain created keep it, others store text. */
export function sqlType(t: ColumnType | undefined, enums: ReadonlySet<string>): string {
  if (!t) return 'text';
  if (t.enumName || t.name === 'enum') return t.enumName && enums.has(t.enumName) ? quoteIdent(t.enumName) : 'text';
  if (t.name.endsWith('[]')) return `${sqlType({ ...t, name: t.name.slice(0, -2), args: [] }, enums)}[]`;
  if (!KNOWN.has(t.name)) return 'text'; // a custom type or TypeDecorator: what it stores is unknown
  const base = SQL_TYPE[t.name] ?? t.name;
  return t.args?.length && ['varchar', 'char', 'numeric'].includes(t.name) ? `${base}(${t.args.join(', ')})` : base;
}

/**
 * A server default as SQL. The readers keep what the source says: a plain value (`"0"`), SQL
 * (`now()`), or Python that builds SQL (`sa.text("now()")`, `sa.func.now()`, `sa.false()`).
 */
export function sqlDefault(raw: string): string {
  let v = raw.trim();
  const text = /^(?:[\w]+\.)*text\(\s*[rRuU]?(["'])(.*)\1\s*\)$/s.exec(v);
  if (text) return text[2];
  const func = /^(?:[\w]+\.)*func\.(\w+)\((.*)\)$/s.exec(v);
  if (func) v = `${func[1]}(${func[2]})`;
  const literal = /^(?:sa\.|sqlalchemy\.)?(true|false|null)\(\)$/.exec(v);
  if (literal) return literal[1];
  if (/^'.*'$/s.test(v) || /^-?\d+(\.\d+)?$/.test(v) || /^(true|false|null)$/i.test(v)) return v;
  if (/^[\w.]+\(.*\)$/s.test(v) || /^(current_timestamp|current_date|localtimestamp)$/i.test(v) || v.includes('::')) return v;
  return `'${v.replace(/'/g, "''")}'`;
}

/**
 * How faithfully to write DDL: `minimal` leaves out defaults and uses text for types the replay
 * could not write, for a second try when PostgreSQL rejects the faithful form for reasons of ours.
 */
export interface DdlOptions {
  minimal?: boolean;
}

function columnDefinition(c: ColumnSpec, enums: ReadonlySet<string>, inlinePrimaryKey: boolean, options: DdlOptions): string {
  let out = `${quoteIdent(c.name)} ${sqlType(c.type, enums)}`;
  if (c.nullable === false && !inlinePrimaryKey) out += ' NOT NULL';
  // (A default code computes is not written: the column is made without one.)
  if (typeof c.serverDefault === 'string' && !options.minimal) out += ` DEFAULT ${sqlDefault(c.serverDefault)}`;
  if (inlinePrimaryKey) out += ' PRIMARY KEY';
  if (c.unique) out += c.uniqueName ? ` CONSTRAINT ${quoteIdent(c.uniqueName)} UNIQUE` : ' UNIQUE';
  for (const fk of c.foreignKeys) out += ` REFERENCES ${references(fk)}`;
  return out;
}

function references(fk: ForeignKeySpec): string {
  const cols = fk.target.columns.length ? ` (${fk.target.columns.map(quoteIdent).join(', ')})` : '';
  return `${table(fk.target)}${cols}`;
}

function foreignKeyClause(fk: ForeignKeySpec): string {
  const name = fk.name ? `CONSTRAINT ${quoteIdent(fk.name)} ` : '';
  return `${name}FOREIGN KEY (${fk.columns.map(quoteIdent).join(', ')}) REFERENCES ${references(fk)}`;
}

function createIndex(ref: TableRef, index: IndexSpec, guarded: boolean): string | undefined {
  if (index.expression) return undefined; // the expression's text is not kept
  const name = index.name ? `${guarded ? 'IF NOT EXISTS ' : ''}${quoteIdent(index.name)} ` : '';
  const using = index.method && index.method !== 'btree' ? ` USING ${index.method}` : '';
  const where = index.where ? ` WHERE ${index.where}` : '';
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${name}ON ${table(ref)}${using} (${index.columns.map(quoteIdent).join(', ')})${where}`;
}

/**
 * A migration's operations as the database receives them: foreign keys declared with `use_alter`
 * leave their CREATE TABLE, and Alembic's `op.create_table` adds them nowhere else (only
 * `metadata.create_all()` issues the ALTER), so they are not created.
 */
export function withoutUseAlterForeignKeys(operations: readonly MigrationOperation[]): MigrationOperation[] {
  return operations.map((op) => {
    if (op.kind !== 'create-table' || !(op.foreignKeys.some((f) => f.deferred) || op.columns.some((c) => c.foreignKeys.some((f) => f.deferred)))) return op;
    return {
      ...op,
      foreignKeys: op.foreignKeys.filter((f) => !f.deferred),
      columns: op.columns.map((c) => (c.foreignKeys.some((f) => f.deferred) ? { ...c, foreignKeys: c.foreignKeys.filter((f) => !f.deferred) } : c)),
    };
  });
}

/** The statements of one operation, in order; empty when it has none (unknown, or not expressible). */
export function operationSql(op: MigrationOperation, enums: ReadonlySet<string>, options: DdlOptions = {}): string[] {
  const ifNotExists = op.guarded ? 'IF NOT EXISTS ' : '';
  const ifExists = op.guarded ? 'IF EXISTS ' : '';
  switch (op.kind) {
    case 'create-schema': return [`CREATE SCHEMA ${ifNotExists}${quoteIdent(op.schema)}`];
    case 'drop-schema': return [`DROP SCHEMA ${ifExists}${quoteIdent(op.schema)}`];
    case 'create-table': {
      if (op.incomplete) return [];
      const inlinePk = op.primaryKey.length === 1 ? op.primaryKey[0] : undefined;
      const parts = op.columns.map((c) => columnDefinition(c, enums, c.name === inlinePk, options));
      if (op.primaryKey.length > 1) parts.push(`PRIMARY KEY (${op.primaryKey.map(quoteIdent).join(', ')})`);
      for (const fk of op.foreignKeys) parts.push(foreignKeyClause(fk));
      // A plain unique key of the table is its constraint (as the replay reads it): PostgreSQL names an
      // unnamed one `<table>_<columns>_key`, the name later statements use (`REPLICA IDENTITY USING INDEX`).
      const constraint = (i: IndexSpec) => i.unique && !i.expression && !i.where && (!i.method || i.method === 'btree') && !i.opclasses;
      for (const i of op.indexes) if (constraint(i)) parts.push(`${i.name ? `CONSTRAINT ${quoteIdent(i.name)} ` : ''}UNIQUE (${i.columns.map(quoteIdent).join(', ')})`);
      const out = [`CREATE TABLE ${ifNotExists}${table(op.table)} (${parts.join(', ')})`];
      for (const c of op.columns) if (c.index) out.push(`CREATE INDEX ON ${table(op.table)} (${quoteIdent(c.name)})`);
      for (const i of op.indexes) {
        if (constraint(i)) continue;
        const sql = createIndex(op.table, i, op.guarded);
        if (sql) out.push(sql);
      }
      return out;
    }
    case 'drop-table': return [`DROP TABLE ${ifExists}${table(op.table)}`];
    // A view's query is not kept: the replay cannot create it (skipped, said in the report).
    case 'create-view': return [];
    case 'drop-view': return [];
    case 'rename-table': return [`ALTER TABLE ${ifExists}${table(op.table)} RENAME TO ${quoteIdent(op.newName)}`];
    case 'set-table-schema': return [`ALTER TABLE ${ifExists}${table(op.table)} SET SCHEMA ${quoteIdent(op.newSchema)}`];
    case 'add-column': {
      const out = [`ALTER TABLE ${table(op.table)} ADD COLUMN ${ifNotExists}${columnDefinition(op.column, enums, op.column.primaryKey, options)}`];
      if (op.column.index) out.push(`CREATE INDEX ON ${table(op.table)} (${quoteIdent(op.column.name)})`);
      return out;
    }
    case 'drop-column': return [`ALTER TABLE ${table(op.table)} DROP COLUMN ${ifExists}${quoteIdent(op.column)}`];
    case 'alter-column': {
      const t = table(op.table);
      const col = quoteIdent(op.column);
      const out: string[] = [];
      if (op.type) out.push(`ALTER TABLE ${t} ALTER COLUMN ${col} TYPE ${sqlType(op.type, enums)} USING ${col}::${sqlType(op.type, enums)}`);
      if (op.nullable !== undefined) out.push(`ALTER TABLE ${t} ALTER COLUMN ${col} ${op.nullable ? 'DROP' : 'SET'} NOT NULL`);
      if (op.serverDefault === null) out.push(`ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`);
      // A default computed by code is not written: the database keeps what it had.
      else if (typeof op.serverDefault === 'string' && !options.minimal) out.push(`ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${sqlDefault(op.serverDefault)}`);
      if (op.newName) out.push(`ALTER TABLE ${t} RENAME COLUMN ${col} TO ${quoteIdent(op.newName)}`);
      return out;
    }
    case 'create-index': {
      const sql = createIndex(op.table, op.index, op.guarded);
      return sql ? [sql] : [];
    }
    case 'drop-index': return [`DROP INDEX ${ifExists}${qualified(op.schema, op.name)}`];
    case 'add-foreign-key': return [`ALTER TABLE ${table(op.table)} ADD ${foreignKeyClause(op.foreignKey)}`];
    case 'add-unique': {
      const name = op.index.name ? `CONSTRAINT ${quoteIdent(op.index.name)} ` : '';
      return [`ALTER TABLE ${table(op.table)} ADD ${name}UNIQUE (${op.index.columns.map(quoteIdent).join(', ')})`];
    }
    case 'add-primary-key': return [`ALTER TABLE ${table(op.table)} ADD PRIMARY KEY (${op.columns.map(quoteIdent).join(', ')})`];
    case 'drop-constraint': return [`ALTER TABLE ${table(op.table)} DROP CONSTRAINT ${ifExists}${quoteIdent(op.name)}`];
    case 'rename-index': return [`ALTER INDEX ${ifExists}${qualified(op.schema, op.name)} RENAME TO ${quoteIdent(op.newName)}`];
    case 'set-replica-identity': return [`ALTER TABLE ${table(op.table)} REPLICA IDENTITY ${typeof op.identity === 'string' ? op.identity.toUpperCase() : `USING INDEX ${quoteIdent(op.identity.index)}`}`];
    case 'rename-constraint': return [`ALTER TABLE ${table(op.table)} RENAME CONSTRAINT ${quoteIdent(op.name)} TO ${quoteIdent(op.newName)}`];
    case 'create-enum': return [`CREATE TYPE ${qualified(op.schema, op.name)} AS ENUM (${op.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`];
    case 'rename-type': return [`ALTER TYPE ${qualified(op.schema, op.name)} RENAME TO ${quoteIdent(op.newName)}`];
    case 'alter-enum': {
      const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;
      return [op.renameValue
        ? `ALTER TYPE ${qualified(op.schema, op.name)} RENAME VALUE ${literal(op.renameValue.from)} TO ${literal(op.renameValue.to)}`
        : `ALTER TYPE ${qualified(op.schema, op.name)} ADD VALUE IF NOT EXISTS ${literal(op.addValue ?? '')}`];
    }
    // A search_path computed by code is not one the DDL can set.
    case 'set-search-path': return op.schemas.includes(ANY_SCHEMA_ON_PATH) ? [] : [`SET search_path TO ${op.schemas.map(quoteIdent).join(', ')}`];
    // (An extension the embedded PostgreSQL may not ship: what it provides is not part of the tables.)
    case 'use-table': case 'add-unknown-columns': case 'unknown': case 'create-extension': return [];
  }
}
