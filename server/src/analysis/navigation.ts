/** Editor navigation over the schema model: which reference is at a position, and what it points to. */
import { findColumn, ForeignKey, SchemaModel, Table, TableIndex } from '../model/schema';
import { formatType, knownNullable, knownType } from '../model/types';
import { Location, Position, rangeContains } from '../model/source';

export interface ForeignKeyAtPosition {
  table: Table;
  foreignKey: ForeignKey;
  target?: Table;
}

/**
 * The foreign-key reference at `position` of a model file, and the table it points to: a model's,
 * else one that only the migrations create (`migrated`).
 */
export function foreignKeyAt(models: SchemaModel, file: string, position: Position, migrated?: SchemaModel[]): ForeignKeyAtPosition | undefined {
  for (const table of models.tables) {
    for (const fk of table.foreignKeys) {
      const where = fk.targetTextLocation ?? fk.location;
      if (where.file !== file || !rangeContains(where.range, position)) continue;
      const target = new TableIndex(models.tables).get(fk.resolvedSchema, fk.target.table)
        ?? new TableIndex((migrated ?? []).flatMap((m) => m.tables)).get(fk.resolvedSchema, fk.target.table);
      return { table, foreignKey: fk, target };
    }
  }
  return undefined;
}

/** Where a go-to-definition on a foreign key lands: the referenced column, else its table. */
export function definitionOf(hit: ForeignKeyAtPosition): Location | undefined {
  if (!hit.target) return undefined;
  const column = findColumn(hit.target, hit.foreignKey.target.columns[0]);
  return column?.location ?? hit.target.location;
}

/** A Markdown summary of the referenced table, with the referenced columns in bold. */
export function describeTarget(hit: ForeignKeyAtPosition, relativePath: (file: string) => string): string {
  const fk = hit.foreignKey;
  if (!hit.target) {
    return `**${fk.resolvedSchema}.${fk.target.table}** — no model or migration defines this table.`;
  }
  const t = hit.target;
  const lines = [
    `**${t.schema}.${t.name}**${t.className ? ` — model \`${t.className}\`` : t.evidence === 'migration' ? ' — created by the migrations (no model)' : ''}`,
    '',
    `Defined in \`${relativePath(t.location.file)}\` line ${t.location.range.start.line + 1}.`,
    '',
    '| column | type | null | key |',
    '|---|---|---|---|',
  ];
  for (const c of t.columns) {
    const referenced = fk.target.columns.includes(c.name);
    const name = referenced ? `**${c.name}**` : c.name;
    const type = knownType(c);
    const nullable = knownNullable(c);
    lines.push(`| ${name} | ${type ? formatType(type) : '?'} | ${nullable === undefined ? '?' : nullable ? 'yes' : 'no'} | ${c.primaryKey ? 'PK' : ''} |`);
  }
  return lines.join('\n');
}
