/**
 * type-inconsistent: one logical type declared in conflicting ways across the models (seed report
 * 003): `UUID` next to `UUID(as_uuid=True)` (Python gets `str` from one and `uuid.UUID` from the
 * other, and they never compare equal), timestamps with and without time zone (comparing them
 * shifts by the session's offset), and one column name stored as different types in different tables.
 * The minority form is flagged, naming the majority form.
 */
import type { Column, ColumnType, Table } from '../model/schema';
import { formatType, isComparableType, isInferredType, typeFamily, knownType } from '../model/types';
import { tableLabel } from './support/describe';
import type { RelatedLocation, Rule, RuleContext } from './types';

interface Declared {
  table: Table;
  column: Column;
  /** Its form of the comparison at hand (a UUID form, a time zone, a type family), computed once per table. */
  form: string;
}

/**
 * Names that mean different things in different tables (a payload, a kind, a value): their types
 * legitimately differ. Foreign-key columns are judged by fk-type-mismatch against their target.
 */
const GENERIC_NAMES: ReadonlySet<string> = new Set([
  'id', 'value', 'values', 'data', 'payload', 'body', 'content', 'text', 'result', 'results', 'details', 'detail',
  'extra', 'meta', 'metadata', 'metadata_', 'options', 'settings', 'config', 'configuration', 'params', 'parameters',
  'attributes', 'properties', 'context', 'state', 'status', 'type', 'kind', 'key', 'code', 'number', 'version', 'size',
  'level', 'rank', 'score', 'position', 'order', 'priority', 'amount', 'quantity', 'count', 'duration',
]);

const MAX_RELATED = 3;

/**
 * The kind of value a column holds, for the name check: its type family, with fixed-length
 * `char(n)` a string like `varchar` and `text` (PostgreSQL compares and copies them without a cast).
 * A list holds values of its element's kind: a pool's `decimals integer[]` (one per token) and a
 * token's `decimals integer` are the same values, one or many — how many is the tables' business.
 */
function valueKind(t: ColumnType): string {
  const element = t.name.endsWith('[]') ? { ...t, name: t.name.replace(/(\[\])+$/, '') } : t;
  const family = typeFamily(element);
  return family === 'char' ? 'string' : family;
}

/**
 * A JSON document and a number, a flag or a time of one name hold different things (a plugin's
 * `storage` bag and a file's storage code): nothing is ever copied or compared between them. Next
 * to a string, a document may be the same value serialized (`extras` as text in one table, jsonb in
 * another): compared. The documents of a name are dropped from its comparison unless a string is there.
 */
function withoutUnrelatedDocuments<T extends { form: string }>(list: T[]): T[] {
  if (!list.some((d) => d.form === 'json') || list.some((d) => d.form === 'string')) return list;
  return list.filter((d) => d.form !== 'json');
}

/**
 * How a `uuid` column says what Python receives: `as_uuid=True` gives uuid.UUID, `as_uuid=False`
 * gives str, and the default depends on the SQLAlchemy version (str for the 1.x dialect type,
 * uuid.UUID from 2.0 on, and for 2.0's generic `Uuid`).
 */
type UuidForm = 'as_uuid=True' | 'as_uuid=False' | 'default';

function uuidForm(column: Column): UuidForm | undefined {
  const t = knownType(column);
  if (t?.name !== 'uuid' || t.custom || t.decorator || isInferredType(t)) return undefined;
  if (t.asUuid !== undefined) return t.asUuid ? 'as_uuid=True' : 'as_uuid=False';
  return /(^|\.)Uuid\b/.test(t.written) ? 'as_uuid=True' : 'default';
}

const UUID_PYTHON: Record<UuidForm, string> = {
  'as_uuid=True': 'uuid.UUID',
  'as_uuid=False': 'str',
  default: 'str under SQLAlchemy 1.x and uuid.UUID from 2.0',
};

function timestampForm(column: Column): 'with time zone' | 'without time zone' | undefined {
  const t = knownType(column);
  if (!t || t.custom || t.decorator || isInferredType(t)) return undefined;
  if (t.name === 'timestamptz') return 'with time zone';
  if (t.name === 'timestamp') return 'without time zone';
  return undefined;
}

/** Columns grouped by a form; the most used form wins (ties: `preferred`, else the first seen). */
function minorities<F extends string>(
  columns: Declared[],
  formOf: (d: Declared) => F | undefined,
  preferred?: F,
): { majority: F; majorityColumns: Declared[]; minority: Declared[]; formOf: (d: Declared) => F | undefined } | undefined {
  const byForm = new Map<F, Declared[]>();
  for (const d of columns) {
    const form = formOf(d);
    if (form === undefined) continue;
    const list = byForm.get(form);
    if (list) list.push(d);
    else byForm.set(form, [d]);
  }
  if (byForm.size < 2) return undefined;
  let majority: F | undefined;
  for (const [form, list] of byForm) {
    const best = majority === undefined ? 0 : byForm.get(majority)!.length;
    if (list.length > best || (list.length === best && form === preferred)) majority = form;
  }
  const majorityColumns = byForm.get(majority!)!;
  return { majority: majority!, majorityColumns, minority: columns.filter((d) => formOf(d) !== undefined && formOf(d) !== majority), formOf };
}

function examples(list: Declared[], describe: (d: Declared) => string): RelatedLocation[] {
  return list.slice(0, MAX_RELATED).map((d) => ({ location: d.column.location, message: describe(d) }));
}

function label(d: Declared): string {
  return `"${d.table.name}"."${d.column.name}"`;
}

/** What one table contributes, computed once per table object (unchanged tables are reused). */
interface TableSummary {
  columns: Column[];
  uuid: Formed[];
  timestamps: Formed[];
  /** Comparable, not a key, not an FK, not a generic name: judged by name (its form: its type family). */
  named: Formed[];
}

type Formed = { column: Column; form: string };

const summaries = new WeakMap<Table, TableSummary>();

function summaryOf(table: Table): TableSummary {
  const cached = summaries.get(table);
  if (cached && cached.columns === table.columns) return cached;
  const fkColumns = new Set<string>();
  for (const fk of table.foreignKeys) for (const name of fk.columns) fkColumns.add(name);
  const summary: TableSummary = { columns: table.columns, uuid: [], timestamps: [], named: [] };
  for (const column of table.columns) {
    const uuid = uuidForm(column);
    if (uuid) summary.uuid.push({ column, form: uuid });
    const timestamp = timestampForm(column);
    if (timestamp) summary.timestamps.push({ column, form: timestamp });
    const t = knownType(column);
    if (t && isComparableType(t) && !column.primaryKey && !fkColumns.has(column.name) && !GENERIC_NAMES.has(column.name)) summary.named.push({ column, form: valueKind(t) });
  }
  summaries.set(table, summary);
  return summary;
}

/** One application's columns of each kind (a monorepo's services each have their own database). */
interface ApplicationColumns {
  uuid: Declared[];
  timestamps: Declared[];
  /** By column name. */
  named: Map<string, Declared[]>;
}

/** The model's columns of each kind, per application; a column declared once in a mixin counts once. */
function modelColumns(ctx: RuleContext): Map<string, ApplicationColumns> {
  const seen = new Set<object>();
  const byApplication = new Map<string, ApplicationColumns>();
  const applicationOfFile = new Map<string, ApplicationColumns>();
  for (const table of ctx.models.tables) {
    const summary = summaryOf(table);
    if (!summary.uuid.length && !summary.timestamps.length && !summary.named.length) continue;
    const file = table.location.file;
    let out = applicationOfFile.get(file);
    if (!out) {
      const app = ctx.applicationOf(file);
      out = byApplication.get(app);
      if (!out) byApplication.set(app, (out = { uuid: [], timestamps: [], named: new Map() }));
      applicationOfFile.set(file, out);
    }
    const firstTime = (column: Column) => {
      if (!column.inheritedFrom) return true;
      if (seen.has(column.location)) return false;
      seen.add(column.location);
      return true;
    };
    for (const { column, form } of summary.uuid) if (firstTime(column)) out.uuid.push({ table, column, form });
    for (const { column, form } of summary.timestamps) if (firstTime(column)) out.timestamps.push({ table, column, form });
    for (const { column, form } of summary.named) {
      if (!firstTime(column)) continue;
      const list = out.named.get(column.name);
      if (list) list.push({ table, column, form });
      else out.named.set(column.name, [{ table, column, form }]);
    }
  }
  return byApplication;
}

export const typeInconsistent: Rule = {
  id: 'type-inconsistent',
  description: 'One logical type declared in conflicting ways across the models (UUID forms, time zones, one column name with different types).',
  defaultSeverity: 'info',
  needs: ['models'],
  reads: ['models'],
  check(ctx) {
    // Each application of a monorepo on its own (its own database, its own code).
    const applications = [...modelColumns(ctx).values()];
    for (const { uuid } of applications) {
      const uuids = minorities(uuid, (d) => d.form as UuidForm, 'as_uuid=True');
      if (uuids) {
        for (const d of uuids.minority) {
          const form = uuids.formOf(d)!;
          ctx.report({
            message: `${label(d)} is declared ${knownType(d.column)!.written} (Python reads ${UUID_PYTHON[form]}), while ${uuids.majorityColumns.length} other UUID column(s) are declared like ${knownType(uuids.majorityColumns[0].column)!.written} (${UUID_PYTHON[uuids.majority]}): a str and a uuid.UUID never compare equal, so lookups and joins in Python silently miss. Declare every UUID column the same way (evidence: models).`,
            location: d.column.location,
            evidence: ['model'],
            related: examples(uuids.majorityColumns, (m) => `${label(m)} is ${knownType(m.column)!.written}`),
          });
        }
      }
    }

    // SQLite types by value, not by column (a declared type is an affinity): values of one name
    // compare and copy across DECIMAL and DOUBLE columns alike, and no column keeps a time zone.
    // Only what the ORM makes of a declaration in Python (the UUID forms above) still differs.
    if (ctx.dialect === 'sqlite') return;

    for (const { timestamps: group } of applications) {
      const timestamps = minorities(group, (d) => d.form, 'with time zone');
      if (timestamps) {
        for (const d of timestamps.minority) {
          ctx.report({
            message: `${label(d)} is a timestamp ${timestamps.formOf(d)} (${knownType(d.column)!.written}), while ${timestamps.majorityColumns.length} other timestamp column(s) are ${timestamps.majority}: comparing or copying between them shifts values by the session's time-zone offset. Declare every timestamp the same way (evidence: models).`,
            location: d.column.location,
            evidence: ['model'],
            related: examples(timestamps.majorityColumns, (m) => `${label(m)} is ${knownType(m.column)!.written}`),
          });
        }
      }
    }

    // One column name, different type families in different tables — of one application: a
    // monorepo's services each have their own database, whose values never meet.
    // (SQL Server stores a boolean as `bit`: one type there, whichever the model names.)
    const familyOn = (form: string) => (ctx.dialect === 'mssql' && form === 'bit' ? 'boolean' : form);
    for (const [name, declared] of applications.flatMap((a) => [...a.named])) {
      const list = withoutUnrelatedDocuments(declared);
      if (list.length < 2) continue;
      const families = minorities(list, (d) => familyOn(d.form));
      if (!families) continue;
      for (const d of families.minority) {
        // A table of the same name declared twice is two applications' (a monorepo's, each with its
        // own database): its columns are not values of this one to copy or compare.
        const others = families.majorityColumns.filter((m) => m.table.schema !== d.table.schema || m.table.name !== d.table.name);
        if (!others.length) continue;
        ctx.report({
          message: `Column "${name}" is ${formatType(knownType(d.column)!)} in ${tableLabel(d.table)} but ${formatType(knownType(others[0].column)!)} in ${[...new Set(others.map((m) => tableLabel(m.table)))].slice(0, MAX_RELATED).join(', ')}: one name, two types, and values copied or compared between them need a cast (evidence: models).`,
          location: d.column.location,
          evidence: ['model'],
          related: examples(others, (m) => `${label(m)} is ${formatType(knownType(m.column)!)}`),
        });
      }
    }
  },
};
