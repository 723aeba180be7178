/**
 * drift-column: a model and the migrations disagree on a column's type, nullability or server
 * default. The code is written against one and runs against the other: NULLs the model does not
 * expect, time zones lost, defaults that differ between a test database and production.
 */
import { columnsInDoubt, type Column, type ColumnType, type Table } from '../model/schema';
import { namesIgnoreCase } from '../workspace/dialect';
import { formatType, isComparableType, knownDefault, knownNullable, knownType, sameStorageType, storedAlikeOn } from '../model/types';
import { lineLabel, modelLabel, tableLabel } from './support/describe';
import { migratedTable, sameItems, unreadCodeMayTouch } from './support/migrations';
import { madeBeforeChain } from '../model/replay';
import type { Rule, RuleContext } from './types';

/**
 * A server default as PostgreSQL would store it, for comparing how different sources write it:
 * `text("now()")`, `func.now()` and `CURRENT_TIMESTAMP` are one default; `"0"` (SQLAlchemy quotes
 * a plain string) and `0` are one; casts are dropped. Undefined for expressions too varied to compare.
 */
export function normaliseDefault(raw: string, boolean = false): string | undefined {
  // A project writes few distinct defaults, each on many columns: normalise each once.
  let result = normalised.get(raw);
  if (result === undefined && !normalised.has(raw)) {
    if (normalised.size > 10000) normalised.clear();
    result = normaliseUncached(raw);
    normalised.set(raw, result);
  }
  if (boolean && result !== undefined) return BOOLEAN_INPUT.get(result.replace(/^'(.*)'$/, '$1').toLowerCase()) ?? result;
  return result;
}

/** What PostgreSQL's boolean input reads as true or false. */
const BOOLEAN_INPUT = new Map([
  ...['1', 't', 'true', 'y', 'yes', 'on'].map((v) => [v, 'true'] as const),
  ...['0', 'f', 'false', 'n', 'no', 'off'].map((v) => [v, 'false'] as const),
]);

const normalised = new Map<string, string | undefined>();

function normaliseUncached(raw: string): string | undefined {
  let s = raw.trim();
  const text = /^(?:(?:sa|sqlalchemy)\.)?text\(\s*(['"]{1,3})([\s\S]*)\1\s*\)$/.exec(s);
  if (text) s = text[2].trim();
  // `func.now()`, `sa.func.gen_random_uuid()`, `sql.func.now()`: SQLAlchemy renders the bare SQL call.
  s = s.replace(/^(?:(?:sa|sqlalchemy|sql|expression)\.)*func\.(\w+)\(\)$/i, '$1()');
  // `sa.sql.functions.now()`: the same function, through its module.
  s = s.replace(/^(?:(?:sa|sqlalchemy|sql)\.)*functions\.(\w+)\(\)$/i, '$1()');
  s = s.replace(/^(?:(?:sa|sqlalchemy|sql|expression)\.)+(true|false|null)\(\)$/i, '$1()');
  s = s.replace(/^(true|false|null)\(\)$/i, '$1');
  for (let i = 0; i < 3; i++) s = s.replace(/::\s*[\w ]+(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?$/, '').trim();
  s = s.replace(/^\((.*)\)$/, '$1').trim();
  const quoted = /^'((?:[^']|'')*)'$/.exec(s);
  if (quoted) s = quoted[1].replace(/''/g, "'");
  let lower = s.toLowerCase();
  // SQLAlchemy renders its ANSI functions without parentheses: `func.current_date()` is CURRENT_DATE.
  if (ANSI_FUNCTIONS.has(lower)) lower = s = lower.slice(0, -2);
  if (['now()', 'current_timestamp', 'current_timestamp()', 'transaction_timestamp()', 'localtimestamp'].includes(lower)) return 'now()';
  if (['true', 't'].includes(lower)) return 'true';
  if (['false', 'f'].includes(lower)) return 'false';
  if (/^-?\d+(\.\d+)?$/.test(s)) return String(Number(s));
  // Only literals, argument-less SQL calls and SQL keywords are compared. A dotted name is code
  // (`Status.PENDING.value`, an enum member): its value is Unknown here, and so is any other expression.
  if (quoted) return `'${s}'`;
  if (/^\w+\(\)$/.test(s)) return lower;
  if (!/^[A-Za-z_]\w*$/.test(s)) return undefined;
  // A bare word is a string the ORM quotes (`default: 'NONE'`, `server_default="draft"` are
  // DEFAULT 'NONE', DEFAULT 'draft'), unless it is one of SQL's value keywords: case matters in a
  // string, not in a keyword.
  return SQL_VALUE_KEYWORDS.has(lower) ? lower : `'${s}'`;
}

const ANSI_FUNCTIONS = new Set(['current_date()', 'current_time()', 'localtime()', 'localtimestamp()', 'current_user()', 'session_user()', 'user()']);

const SQL_VALUE_KEYWORDS = new Set([
  'null', 'current_date', 'current_time', 'localtime', 'current_user', 'session_user', 'user', 'current_role',
  'current_catalog', 'current_schema',
]);

/**
 * The differing columns of a model table and its migrated table. Column objects survive edits that
 * do not touch them (the model builder keeps other files' tables, the replay shares columns across
 * runs), so the comparison is kept per model table: an edit re-compares only what it changed.
 */
const compared = new WeakMap<Table, { columns: Column[]; migrated: Column[]; baselineChanges: boolean; ignoreCase: boolean; dialect: string; result: { column: Column; other: Column; diff: Difference[] }[] }>();

/**
 * `baselineChanges`: whether what a baseline chain changed in a column made before it (an ALTER) is
 * compared. Not for Alembic's: its baseline is `create_all()` and a stamp (Alembic's cookbook,
 * "Building an Up to Date Database from Scratch"), so a database created today has the column as
 * the model says and an older one as its history left it — no drift of the model. A TypeORM or
 * Sequelize baseline (a dump restored, `synchronize` once) is what the later migrations change.
 */
function tableDifferences(table: Table, migrated: Table, baselineChanges: boolean, ignoreCase: boolean, dialect: string): { column: Column; other: Column; diff: Difference[] }[] {
  const cached = compared.get(table);
  if (cached && cached.baselineChanges === baselineChanges && cached.ignoreCase === ignoreCase && cached.dialect === dialect && sameItems(cached.columns, table.columns) && sameItems(cached.migrated, migrated.columns)) return cached.result;
  const key = (name: string) => (ignoreCase ? name.toLowerCase() : name);
  const byName = new Map(migrated.columns.map((c) => [key(c.name), c]));
  const result: { column: Column; other: Column; diff: Difference[] }[] = [];
  for (const column of table.columns) {
    const other = byName.get(key(column.name));
    if (!other || (other.madeBeforeChain && !baselineChanges)) continue;
    const diff = differences(column, other, 'the migrations', table.orm === 'sequelize', dialect);
    if (diff.length) result.push({ column, other, diff });
  }
  compared.set(table, { columns: [...table.columns], migrated: [...migrated.columns], baselineChanges, ignoreCase, dialect, result });
  return result;
}

interface Difference {
  text: string;
  /**
   * How much it can hurt: `warning` where code meets values it does not expect (another type, NULLs
   * the model says cannot be, another default); `info` where the database is only stricter than the
   * model (nullable in the model, NOT NULL in the database: an insert of NULL fails loudly).
   */
  risk: 'warning' | 'info';
}

/**
 * `ormWritesDefaults`: the ORM writes the model's default into every insert itself (Sequelize sets
 * `defaultValue` when it builds a row), so another default in the database reaches only rows written
 * outside it — a difference to know of, not one the code runs into.
 */
function differences(model: Column, migrated: Column, other = 'the migrations', ormWritesDefaults = false, dialect = 'postgresql'): Difference[] {
  const out: Difference[] = [];
  const a = knownType(model);
  const b = knownType(migrated);
  // SQLite stores by kind and enforces no length (`BOOLEAN` and `TINYINT`, `VARCHAR(50)` and `TEXT`
  // store alike); SQL Server's boolean is `BIT`.
  if (a && b && isComparableType(a) && isComparableType(b) && !storedAlikeOn(dialect, a, b)) {
    const argsDiffer = a.args?.length && b.args?.length && !sameStorageType(a, b);
    // `Text` and a `String()` without a length are one type to PostgreSQL (and SQLite): no limit, one storage.
    if ((a.name !== b.name || argsDiffer) && !(unboundedString(a) && unboundedString(b))) {
      // A string column only narrower in the database: a longer value fails to insert, loudly.
      const narrower = stringCapacity(b) < stringCapacity(a);
      out.push(narrower
        ? { text: `type ${formatType(a)} (${a.written}) in the model, ${formatType(b)} (${b.written}) in ${other} (narrower than the model: a longer value fails to insert)`, risk: 'info' }
        : { text: `type ${formatType(a)} (${a.written}) in the model, ${formatType(b)} (${b.written}) in ${other}`, risk: 'warning' });
    }
  }
  const modelNullable = knownNullable(model);
  const otherNullable = knownNullable(migrated);
  // Nullable in the model, NOT NULL in the database, on a column the ORM always writes: no insert fails.
  const ormNeverWritesNull = modelNullable === true && !!model.writtenByOrm;
  if (!model.primaryKey && !migrated.primaryKey && modelNullable !== undefined && otherNullable !== undefined && modelNullable !== otherNullable && !ormNeverWritesNull) {
    // (Where the model's nullability comes from another declaration than the column's own, it says which.)
    const by = model.nullableBy ? ` (${model.nullableBy})` : '';
    out.push(modelNullable
      ? { text: `nullable in the model${by}, NOT NULL in ${other} (stricter than the model: an insert of NULL fails)`, risk: 'info' }
      : { text: `NOT NULL in the model${by}, nullable in ${other}`, risk: 'warning' });
  }
  const modelDefault = knownDefault(model);
  const otherDefault = knownDefault(migrated);
  if (modelDefault !== undefined && otherDefault !== undefined) {
    // A boolean column reads '1', 'yes', 'on' as true (PostgreSQL's boolean input).
    const boolean = a?.name === 'boolean' || b?.name === 'boolean';
    // A date column stores the day of either: `now()` and CURRENT_DATE are one default there.
    const date = a?.name === 'date' && b?.name === 'date';
    // An array column reads `'{ "a", "b" }'` and `'{a,b}'` as one array.
    const array = !!a?.name.endsWith('[]') || !!b?.name.endsWith('[]');
    // A JSON column's default is one value however it is spaced or its keys ordered (`{"total":-1}`
    // as Sequelize writes an object, `'{"total": -1}'::jsonb` in SQL).
    const json = a?.name === 'json' || a?.name === 'jsonb' || b?.name === 'json' || b?.name === 'jsonb';
    const asStored = (d: string | undefined) => (date && d === 'current_date' ? 'now()' : array && d !== undefined ? arrayLiteral(d) : json && d !== undefined ? jsonLiteral(d) : d);
    const x = asStored(normaliseDefault(modelDefault, boolean));
    const y = asStored(normaliseDefault(otherDefault, boolean));
    if (x !== undefined && y !== undefined && x !== y) {
      out.push(ormWritesDefaults
        ? { text: `default ${x} in the model, ${y} in ${other} (Sequelize writes the model's into the rows it inserts; other writers get ${y})`, risk: 'info' }
        : { text: `server default ${x} in the model, ${y} in ${other}`, risk: 'warning' });
    }
  }
  return out;
}

/**
 * An array default as PostgreSQL's array input reads it (`'{ "a", "b" }'` is `'{a,b}'`): its
 * elements unquoted and unpadded, written back plainly; the default as written if it is no flat
 * array literal (a nested one, an expression).
 */
/** A quoted JSON literal written canonically (keys sorted, no spaces); other text as it is. */
function jsonLiteral(d: string): string {
  const m = /^'(.*)'$/s.exec(d);
  if (!m) return d;
  let value: unknown;
  try {
    value = JSON.parse(m[1]);
  } catch {
    return d;
  }
  const canonical = (v: unknown): string => (Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(v));
  return `'${canonical(value)}'`;
}

function arrayLiteral(d: string): string {
  const m = /^'\{(.*)\}'$/s.exec(d);
  if (!m) return d;
  const body = m[1];
  const elements: string[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < body.length && /\s/.test(body[i])) i++;
  };
  skipSpace();
  if (i === body.length) return "'{}'";
  for (;;) {
    skipSpace();
    let element = '';
    if (body[i] === '"') {
      for (i++; i < body.length && body[i] !== '"'; i++) element += body[i] === '\\' ? body[++i] ?? '' : body[i];
      if (body[i++] !== '"') return d;
      // (A quoted element is text, even "NULL": written back quoted where it needs to be.)
      elements.push(/^[^\s",{}\\]+$/.test(element) && element.toUpperCase() !== 'NULL' ? element : `"${element.replace(/["\\]/g, '\\$&')}"`);
    } else {
      for (; i < body.length && body[i] !== ','; i++) {
        if ('{}"'.includes(body[i])) return d;
        element += body[i];
      }
      elements.push(element.trim());
    }
    skipSpace();
    if (i === body.length) break;
    if (body[i++] !== ',') return d;
  }
  return `'{${elements.join(',')}}'`;
}

function unboundedString(t: ColumnType): boolean {
  return t.name === 'text' || (t.name === 'varchar' && !t.args?.length);
}

/** How many characters a string type holds (`text`, `varchar` without length: no limit); NaN for other types. */
function stringCapacity(t: ColumnType): number {
  if (t.name === 'text' || (t.name === 'varchar' && !t.args?.length)) return Infinity;
  if (t.name === 'varchar' && t.args?.length === 1 && Number.isFinite(Number(t.args[0]))) return Number(t.args[0]);
  return NaN;
}

/** The severity a set of differences warrants: the highest risk among them. */
function riskOf(diff: Difference[]): 'warning' | 'info' {
  return diff.some((d) => d.risk === 'warning') ? 'warning' : 'info';
}

function describe(diff: Difference[]): string {
  return diff.map((d) => d.text).join('; ');
}

/**
 * Code of the migrations the readers could not follow that names the table, or a migration they
 * could not read at all, may have changed its columns: what the replay shows of them is not evidence.
 */
function alteredByUnreadCode(ctx: RuleContext, migrated: Table): boolean {
  return ctx.migrations.some((m) => unreadCodeMayTouch(m, migrated.name));
}

export const driftColumn: Rule = {
  id: 'drift-column',
  description: "Model and migrations disagree on a column's type, nullability or server default.",
  defaultSeverity: 'warning',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations', 'live'],
  check(ctx) {
    if (ctx.live && !ctx.live.embedded) checkLive(ctx);
    for (const table of ctx.models.tables) {
      // In a schema the reader does not know: which migrated table it is, is Unknown.
      if (table.schemaUnknown) continue;
      const migrated = migratedTable(ctx, table.schema, table.name, table.location.file);
      if (!migrated || alteredByUnreadCode(ctx, migrated)) continue;
      // (Asked only of a table some of whose columns a baseline chain changed.)
      const baselineChanges = !migrated.columns.some((c) => c.madeBeforeChain) || !ctx.migrations.some((m) => m.baseline && !m.baseline.migration.tool && m.schema.tables.some((t) => t.schema === migrated.schema && t.name === migrated.name && madeBeforeChain(t)));
      // (The database of the model's own data source: a monorepo's SQLite app beside PostgreSQL ones stores as SQLite does.)
      const dialect = ctx.dialectOf(table.location.file);
      for (const { column, other, diff } of tableDifferences(table, migrated, baselineChanges, namesIgnoreCase(dialect), dialect)) {
        const mixin = column.inheritedFrom ? ` (from ${column.inheritedFrom})` : '';
        // The migration that last changed the column says what the chain leaves of it.
        const left = other.changedAt ?? other.location;
        ctx.report({
          message: `Column "${column.name}"${mixin} of ${modelLabel(table)} differs from what the migrations create (${lineLabel(left)}): ${describe(diff)}. The code is written against one and runs against the other (evidence: models, migrations).`,
          severityAtMost: riskOf(diff),
          location: column.inheritedFrom ? table.location : column.location,
          evidence: ['model', 'migration'],
          related: [{ location: left, message: `"${column.name}" as the migrations leave it` }],
        });
      }
    }
  },
};

/**
 * Model against the live database (an audit): a model table or column the database lacks makes
 * every query on the model fail; a column that differs is the drift above, with the database as
 * the other side. A database built by the embedded replay is the migrations' schema: judged above.
 */
function checkLive(ctx: RuleContext): void {
  const live = ctx.live!;
  const evidence = `evidence: models, live database ${live.describedAs}`;
  const schemas = new Set(live.schema.schemasCreated.map((s) => s.name));
  for (const table of ctx.models.tables) {
    // A schema the database lacks: schema-missing says so once, not once per table.
    if (columnsInDoubt(table) || !schemas.has(table.schema)) continue;
    const deployed = ctx.liveTables!.get(table.schema, table.name);
    if (!deployed) {
      const migrated = ctx.migratedTables.get(table.schema, table.name);
      ctx.report({
        message: `Table ${tableLabel(table)} of ${modelLabel(table)} does not exist in the database: every query on the model fails with "relation does not exist". ${migrated ? 'A migration creates it: this database has not run it' : 'No migration creates it either'} (${evidence}).`,
        location: table.location,
        evidence: ['model', 'live'],
      });
      continue;
    }
    const byName = new Map(deployed.columns.map((c) => [c.name, c]));
    for (const column of table.columns) {
      const other = byName.get(column.name);
      const mixin = column.inheritedFrom ? ` (from ${column.inheritedFrom})` : '';
      const location = column.inheritedFrom ? table.location : column.location;
      if (!other) {
        ctx.report({
          message: `Column "${column.name}"${mixin} of ${modelLabel(table)} does not exist in the database: the ORM selects every mapped column, so every query on the model fails with "column does not exist" (${evidence}).`,
          location,
          evidence: ['model', 'live'],
        });
        continue;
      }
      const diff = differences(column, other, 'the database', table.orm === 'sequelize');
      if (!diff.length) continue;
      ctx.report({
        message: `Column "${column.name}"${mixin} of ${modelLabel(table)} differs from the database: ${describe(diff)}. The code is written against one and runs against the other (${evidence}).`,
        severityAtMost: riskOf(diff),
        location,
        evidence: ['model', 'live'],
      });
    }
  }
}
