/** `schemasense schema --format json`: the schema model in the shape DESIGN.md specifies. */
import * as path from 'path';
import type { SchemaModel } from '../model/schema';
import { formatType } from '../model/types';
import { isUnknown, type Unknown } from '../model/unknown';
import type { ColumnType } from '../model/schema';

function typeJson(type: ColumnType | Unknown | undefined): string | null {
  return type && !isUnknown(type) ? formatType(type) : null;
}

/** An element of an expression index: its column, or `(expression)` for an expression. */
function expressionElement(element: string): string {
  return /^[A-Za-z_][\w$]*$/.test(element) ? element : '(expression)';
}

export function schemaToJson(root: string, model: SchemaModel) {
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  const schemas = new Set<string>();
  for (const t of model.tables) if (!t.schemaUnknown) schemas.add(t.schema);
  for (const s of model.schemasCreated) schemas.add(s.name);
  // (A partition is its parent's storage, listed under the parent as PostgreSQL's catalog lists
  // tables to `schema --source live`.)
  const tables = model.tables.filter((t) => !t.partitionOf).sort((a, b) => a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name));
  return {
    tables: tables.map((t) => ({
      // Unknown (computed by code): null, as an Unknown type is.
      schema: t.schemaUnknown ? null : t.schema,
      name: t.name,
      ...(t.className ? { model: t.className } : {}),
      file: rel(t.location.file),
      line: t.location.range.start.line + 1,
      columns: t.columns.map((c) => ({
        name: c.name,
        type: typeJson(c.type),
        nullable: isUnknown(c.nullable) ? null : c.nullable ?? null,
        primaryKey: c.primaryKey,
        ...(isUnknown(c.type) ? { typeUnknown: c.type.reason } : {}),
      })),
      primaryKey: t.primaryKey,
      foreignKeys: t.foreignKeys.map((fk) => ({
        columns: fk.columns,
        references: { schema: fk.resolvedSchema, table: fk.target.table, columns: fk.target.columns },
      })),
      indexes: t.indexes.filter((i) => i.origin !== 'primary-key').map((i) => ({ name: i.name ?? null, columns: i.expression ? i.columns.map(expressionElement) : i.columns, unique: i.unique })),
      uniqueConstraints: t.uniqueConstraints.map((u) => ({ columns: u.columns })),
      ...(t.incomplete?.length ? { incomplete: t.incomplete } : {}),
    })),
    views: [...(model.views ?? [])].sort((a, b) => a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name))
      .map((v) => ({ schema: v.schema, name: v.name, materialized: v.materialized, file: rel(v.location.file), line: v.location.range.start.line + 1 })),
    schemas: [...schemas].sort(),
    enums: model.enums.map((e) => ({ name: e.name, values: e.values })),
  };
}

/** The schemas after migrations of every environment, as one model (the CLI prints one schema). */
export function mergeMigrationSchemas(models: SchemaModel[]): SchemaModel {
  return {
    evidence: 'migration',
    tables: models.flatMap((m) => m.tables),
    enums: models.flatMap((m) => m.enums),
    schemasCreated: models.flatMap((m) => m.schemasCreated),
    hasUnknownTables: models.some((m) => m.hasUnknownTables),
    unknowns: models.flatMap((m) => m.unknowns ?? []),
    views: models.flatMap((m) => m.views ?? []),
  };
}
