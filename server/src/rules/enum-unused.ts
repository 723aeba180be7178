/**
 * enum-unused: an enum class is defined in the models, but the column that holds its values is a
 * plain string (seed report 003: `SubscriptionTier` next to `subscription_tier = Column(String(10))`).
 * Any string can then be stored; a typo becomes a tier nobody handles.
 *
 * Precision: the rule needs the column that holds the enum's values, found by name — the enum's
 * snake-case name (`subscription_tier`), or prefixed by the table's entity (`UserRole` →
 * `users.role`), in the enum's module or one that imports it; without an `Enum`/`Type`/`Kind`
 * suffix (`RoleEnum` → `role`) only in the enum's own module; or the column whose `Mapped[...]`
 * names the enum, whatever its name — and never one whose annotation names another class: such a bare name (`status`, `provider`) is in many tables that hold
 * other values than an enum of another module (`StatusType` of manual tasks is not what every
 * `status` column holds). An enum that no column matches may serve the application elsewhere: silent. A column a CHECK
 * constraint may restrict (one the reader cannot read included) is not "any string": silent. Nor is a
 * column a library's class declares (a stub's): it holds the library's values.
 */
import type { Column, EnumType, Table } from '../model/schema';
import { isInferredType, typeFamily, knownType } from '../model/types';
import { tableLabel } from './support/describe';
import { entityPrefixes, snakeCase } from './support/naming';
import type { Rule } from './types';

/** The column names an enum's values would be stored under: its own, and without a suffix. */
function holderNames(enumName: string): { full: string; bare?: string } {
  const full = snakeCase(enumName);
  const bare = full.replace(/_(enum|type|kind|choices?)$/, '');
  return bare !== full && bare ? { full, bare } : { full };
}

function holds(table: Table, column: Column, e: EnumType, names: { full: string; bare?: string }): boolean {
  // `Mapped[EmailSender]`: the attribute holds that class's values — this enum's whatever the
  // column's name, never another's that shares it.
  if (column.annotatedClass) return column.annotatedClass.name === e.name && column.annotatedClass.file === e.location.file;
  const all = names.bare ? [names.full, names.bare] : [names.full];
  let named = column.name === names.full;
  const own = () => column.location.file === e.location.file;
  if (!named && column.name === names.bare && own()) named = true;
  if (!named) for (const prefix of entityPrefixes(table)) if (all.includes(`${prefix}_${column.name}`)) named = true;
  // An enum of another module the column's module never imports (a schema's `RiskLevel`, a tool's
  // `ProviderType`) names other values than the column's, however alike the names.
  return named && (own() || !!e.importedIn?.includes(column.location.file));
}

function isPlainString(column: Column): boolean {
  const t = knownType(column);
  // A project type over a string (a StrEnum decorator) may enforce the enum in Python: not plain.
  return !!t && !t.custom && !t.decorator && !t.enumName && !isInferredType(t) && typeFamily(t) === 'string';
}

export const enumUnused: Rule = {
  id: 'enum-unused',
  description: 'An enum class is defined, but the column that holds its values is a plain string.',
  defaultSeverity: 'info',
  needs: ['models'],
  reads: ['models'],
  check(ctx) {
    const { enums, tables } = ctx.models;
    if (!enums.length) return;
    const used = new Set<string>();
    for (const t of tables) for (const c of t.columns) { const e = knownType(c)?.enumName; if (e) used.add(e); }
    const foreignKeyColumns = new Set<Column>();
    for (const t of tables) for (const fk of t.foreignKeys) for (const n of fk.columns) {
      const c = t.columns.find((x) => x.name === n);
      if (c) foreignKeyColumns.add(c);
    }
    const reported = new Set<object>(); // by location: a mixin's column counts once
    for (const e of enums) {
      if (used.has(e.name) || !e.values.length) continue;
      const names = holderNames(e.name);
      for (const table of tables) {
        for (const column of table.columns) {
          if (column.primaryKey || foreignKeyColumns.has(column) || !isPlainString(column) || !holds(table, column, e, names)) continue;
          // A library's column holds what the library writes (Authlib's `token_type` is "Bearer"), not
          // an enum of the project that shares its name.
          if (restrictedByCheck(table, column) || column.declaredByLibrary) continue;
          if (reported.has(column.location)) continue;
          reported.add(column.location);
          ctx.report({
            message: `Column "${column.name}" of ${tableLabel(table)} is a plain ${knownType(column)!.written}, while enum ${e.name} (${valuesLabel(e)}) defines the values it holds: any string can be stored, and a typo becomes a value nothing handles. Declare it as Enum(${e.name}) (evidence: models).`,
            location: column.location,
            evidence: ['model'],
            related: [{ location: e.location, message: `enum ${e.name} is defined here` }],
          });
        }
      }
    }
  },
};

/**
 * A CHECK constraint may hold the column to the enum's values (`CheckConstraint(" OR ".join(f"role =
 * '{r.value}'" for r in Role))`): then not any string can be stored. One on the column, one of the
 * table that names it, or one whose SQL code computes (Unknown: it may name any column).
 */
function restrictedByCheck(table: Table, column: Column): boolean {
  if (column.checked) return true;
  const named = new RegExp(`(^|[^\\w])"?${column.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?($|[^\\w])`);
  return (table.checks ?? []).some((sql) => typeof sql !== 'string' || named.test(sql));
}

function valuesLabel(e: EnumType): string {
  const shown = e.values.slice(0, 4).join(', ');
  return e.values.length > 4 ? `${shown}, …` : shown;
}
