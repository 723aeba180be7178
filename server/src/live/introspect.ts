/**
 * Reads the live database's catalog (pg_catalog, PostgreSQL 12 and newer) into the same schema
 * model the readers build from code, plus what only a database knows: index usage statistics and
 * the migration revisions it records. Only SELECTs, inside the caller's read-only session.
 */
import { type Column, type EnumType, type ForeignKey, type Index, type SchemaModel, type Table } from '../model/schema';
import type { Location } from '../model/source';
import { normaliseType } from '../model/types';

/** Where a live object "is": not in any file. Rules anchor live-only findings in the workspace. */
export const NOWHERE: Location = { file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

export interface IndexUsage {
  schema: string;
  table: string;
  name: string;
  scans: number;
  unique: boolean;
  /** Backs a primary key, unique or exclusion constraint: dropping it drops the constraint. */
  constraint: boolean;
  definition: string;
  sizeBytes: number;
}

export interface RecordedRevisions {
  /** `alembic_version`, TypeORM's `migrations`, Sequelize's `SequelizeMeta`. */
  kind: 'alembic' | 'typeorm' | 'sequelize';
  schema: string;
  table: string;
  /** At most VERSION_ROWS values, each at most 200 characters. */
  values: string[];
  /** The table holds more rows than were read. */
  truncated?: boolean;
}

/** How many rows of a version table are read (Alembic keeps one per head; the others one per migration). */
export const VERSION_ROWS = 10_000;

export interface LiveDatabase {
  schema: SchemaModel;
  indexUsage: IndexUsage[];
  /** When statistics were last reset (index scans count from then); undefined: never. */
  statsReset?: Date;
  /** How much the usage statistics cover: days since they started counting, and scans of user tables since. */
  statistics?: { days: number; scans: number };
  revisions: RecordedRevisions[];
  /** What the role may not read (a version table in another team's schema): left out, and said. */
  unreadable?: string[];
  /** The server version, e.g. 16.4. */
  serverVersion: string;
  /** The URL with the password hidden, or "embedded PostgreSQL". */
  describedAs: string;
  /** The database was built by replaying the migrations into an embedded PostgreSQL. */
  embedded: boolean;
}

type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;

const SYSTEM_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

/** `character varying(20)` → varchar [20]; `numeric(12,2)` → numeric [12, 2]; `integer[]` → integer[]. */
export function liveType(formatted: string, isEnum: boolean, typeName: string) {
  // The enum's own name, as PostgreSQL keeps it (`enum_Notes_permission`, quoted by Sequelize).
  if (isEnum) return { ...normaliseType('enum', formatted, { enumName: typeName }), databaseName: typeName };
  const array = formatted.endsWith('[]');
  const base = array ? formatted.slice(0, -2) : formatted;
  const m = /^(.*?)(?:\((\d+)(?:,\s*(\d+))?\))?(\s+with(?:out)? time zone)?$/.exec(base)!;
  let name = m[1];
  if (m[4]) name = `${name}${m[4]}`;
  const args = [m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
  const element = normaliseType(name, base, { args });
  return array ? normaliseType('array', formatted, { elementType: element }) : element;
}

/** An array of an enum (`"enum_Authors_roles"[]`): of the enum type as PostgreSQL keeps its name. */
function liveEnumArray(formatted: string, enumName: string) {
  const element = normaliseType('enum', formatted, { enumName });
  return { ...normaliseType('array', formatted, { elementType: element }), databaseName: enumName };
}

export async function introspect(query: Query, describedAs: string, embedded = false): Promise<LiveDatabase> {
  const [{ server_version: serverVersion }] = await query<{ server_version: string }>('SHOW server_version');
  const schemas = await query<{ nspname: string }>(`SELECT n.nspname FROM pg_namespace n WHERE ${SYSTEM_SCHEMAS} ORDER BY 1`);
  const tableRows = await query<{ oid: number; schema: string; name: string }>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${SYSTEM_SCHEMAS} ORDER BY 2, 3`,
  );
  const tables = new Map<number, Table>();
  for (const r of tableRows) {
    tables.set(r.oid, {
      schema: r.schema, name: r.name, location: NOWHERE, columns: [], primaryKey: [], foreignKeys: [], indexes: [],
      uniqueConstraints: [], relationships: [], evidence: 'live',
    });
  }
  const oids = [...tables.keys()];
  const attnames = new Map<number, Map<number, string>>();
  // An array's element type too (`typelem`): an array of an enum is of that enum's name.
  const columnRows = await query<{ relid: number; attnum: number; name: string; type: string; notnull: boolean; def: string | null; typtype: string; typname: string; elemtyptype: string | null; elemtypname: string | null }>(
    `SELECT a.attrelid::int AS relid, a.attnum::int AS attnum, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS def, t.typtype::text AS typtype, t.typname AS typname,
            e.typtype::text AS elemtyptype, e.typname AS elemtypname
     FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, 2`,
    [oids],
  );
  for (const r of columnRows) {
    const table = tables.get(r.relid)!;
    const type = r.elemtyptype === 'e' && r.elemtypname ? liveEnumArray(r.type, r.elemtypname) : liveType(r.type, r.typtype === 'e', r.typname);
    const column: Column = { name: r.name, type, nullable: !r.notnull, primaryKey: false, location: NOWHERE };
    if (r.def !== null) column.serverDefault = r.def;
    table.columns.push(column);
    let names = attnames.get(r.relid);
    if (!names) attnames.set(r.relid, (names = new Map()));
    names.set(r.attnum, r.name);
  }
  const columnsOf = (relid: number, keys: number[]) => keys.map((k) => attnames.get(relid)?.get(k) ?? `#${k}`);
  // contype 'n' (PG 18: NOT NULL as constraints) is already in attnotnull.
  const constraints = await query<{ relid: number; name: string; type: string; keys: number[]; frelid: number | null; fkeys: number[] | null; fschema: string | null; ftable: string | null }>(
    `SELECT c.conrelid::int AS relid, c.conname AS name, c.contype::text AS type, c.conkey::int[] AS keys,
            c.confrelid::int AS frelid, c.confkey::int[] AS fkeys, fn.nspname AS fschema, fc.relname AS ftable
     FROM pg_constraint c LEFT JOIN pg_class fc ON fc.oid = c.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
     WHERE c.conrelid = ANY($1::oid[]) AND c.contype IN ('p', 'u', 'f') ORDER BY 1, 2`,
    [oids],
  );
  for (const r of constraints) {
    const table = tables.get(r.relid)!;
    const columns = columnsOf(r.relid, r.keys);
    if (r.type === 'p') {
      table.primaryKey = columns;
      for (const c of table.columns) if (columns.includes(c.name)) c.primaryKey = true;
    } else if (r.type === 'u') {
      table.uniqueConstraints.push({ name: r.name, columns, location: NOWHERE });
    } else if (r.type === 'f' && r.ftable && r.fschema && r.frelid !== null) {
      const fk: ForeignKey = {
        name: r.name, columns, location: NOWHERE, targetText: `${r.fschema}.${r.ftable}`, resolvedSchema: r.fschema,
        target: { schema: r.fschema, table: r.ftable, columns: columnsOf(r.frelid, r.fkeys ?? []) },
      };
      table.foreignKeys.push(fk);
    }
  }
  const indexRows = await query<{ relid: number; name: string; unique: boolean; primary: boolean; keys: number[]; keyCount: number; pred: string | null; exprs: boolean; method: string; def: string; scans: string | number; constraint: boolean; size: string | number }>(
    `SELECT i.indrelid::int AS relid, ic.relname AS name, i.indisunique AS unique, i.indisprimary AS primary,
            i.indkey::int2[]::int[] AS keys, i.indnkeyatts::int AS "keyCount", pg_get_expr(i.indpred, i.indrelid) AS pred, i.indexprs IS NOT NULL AS exprs,
            am.amname AS method, pg_get_indexdef(i.indexrelid) AS def, COALESCE(s.idx_scan, 0) AS scans,
            EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid) AS constraint,
            pg_relation_size(i.indexrelid) AS size
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
     LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
     WHERE i.indrelid = ANY($1::oid[]) ORDER BY 1, 2`,
    [oids],
  );
  const indexUsage: IndexUsage[] = [];
  for (const r of indexRows) {
    const table = tables.get(r.relid)!;
    // Its key columns: those of `INCLUDE (…)` are stored in the index, not searched by it.
    const keys = r.keys.slice(0, r.keyCount);
    const index: Index = {
      name: r.name, columns: keys.map((k) => (k === 0 ? '(expression)' : attnames.get(r.relid)?.get(k) ?? `#${k}`)),
      unique: r.unique, origin: r.primary ? 'primary-key' : r.constraint ? 'unique-constraint' : 'index', location: NOWHERE,
    };
    if (r.exprs || keys.includes(0)) index.expression = true;
    if (r.pred) index.where = r.pred;
    if (r.method !== 'btree') index.method = r.method;
    table.indexes.push(index);
    indexUsage.push({ schema: table.schema, table: table.name, name: r.name, scans: Number(r.scans), unique: r.unique, constraint: r.constraint, definition: r.def, sizeBytes: Number(r.size) });
  }
  const enumRows = await query<{ schema: string; name: string; values: string[] }>(
    `SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE ${SYSTEM_SCHEMAS} GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const enums: EnumType[] = enumRows.map((r) => ({ name: r.name, values: r.values, location: NOWHERE }));
  const [stats] = await query<{ stats_reset: Date | null; days: number | string | null; scans: number | string | null }>(
    `SELECT d.stats_reset,
            extract(epoch FROM now() - coalesce(d.stats_reset, pg_postmaster_start_time())) / 86400 AS days,
            (SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) FROM pg_stat_user_tables) AS scans
     FROM pg_stat_database d WHERE d.datname = current_database()`,
  );
  const revisions: RecordedRevisions[] = [];
  const unreadable: string[] = [];
  for (const t of tables.values()) {
    const spec = t.name === 'alembic_version' ? { kind: 'alembic' as const, column: 'version_num' }
      : t.name === 'SequelizeMeta' ? { kind: 'sequelize' as const, column: 'name' }
        : t.name === 'migrations' && t.columns.some((c) => c.name === 'timestamp') && t.columns.some((c) => c.name === 'name') ? { kind: 'typeorm' as const, column: 'name' }
          : undefined;
    if (!spec) continue;
    // "A role with SELECT on the tables is enough": a version table it may not read is skipped.
    const [access] = await query<{ ok: boolean }>(
      `SELECT has_schema_privilege($1, 'USAGE') AND has_table_privilege(c.oid, 'SELECT') AS ok FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
      [t.schema, t.name],
    );
    if (!access?.ok) {
      unreadable.push(`"${t.schema}"."${t.name}" (no SELECT permission)`);
      continue;
    }
    const rows = await query<{ value: string }>(
      `SELECT left(${quoteIdent(spec.column)}::text, 200) AS value FROM ${quoteIdent(t.schema)}.${quoteIdent(t.name)} LIMIT ${VERSION_ROWS + 1}`,
    );
    const record: RecordedRevisions = { kind: spec.kind, schema: t.schema, table: t.name, values: rows.slice(0, VERSION_ROWS).map((r) => r.value) };
    if (rows.length > VERSION_ROWS) record.truncated = true;
    revisions.push(record);
  }
  const schema: SchemaModel = {
    evidence: 'live',
    tables: [...tables.values()],
    enums,
    schemasCreated: schemas.map((s) => ({ name: s.nspname, evidence: 'live' as const })),
    hasUnknownTables: false,
  };
  const live: LiveDatabase = { schema, indexUsage, revisions, serverVersion, describedAs, embedded };
  if (unreadable.length) live.unreadable = unreadable;
  if (stats?.stats_reset) live.statsReset = stats.stats_reset;
  if (stats) live.statistics = { days: Number(stats.days ?? 0), scans: Number(stats.scans ?? 0) };
  return live;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

