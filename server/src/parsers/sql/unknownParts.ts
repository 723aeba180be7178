/**
 * SQL some of whose parts a reader could not evaluate (`${table}` in a template literal, `{name}` in
 * a Python f-string): each such part is written as an identifier with a reserved prefix, the SQL is
 * parsed as usual, and what depends on a part is Unknown — never a guess, and never a silence about
 * what the SQL says plainly (`INSERT INTO … VALUES ('{value}')` changes rows only).
 */
import type { MigrationOperation } from '../../model/operations';
import { COMPUTED_PART, sqlMentions } from './postgres';

/** Prefix of the identifier that stands, inside SQL, for a part the reader could not evaluate. */
export const UNKNOWN_PART = COMPUTED_PART;

/**
 * Operations read from SQL in which some parts stood for values the reader could not evaluate: an
 * operation that names a table, column or dropped constraint by one is Unknown (it may touch
 * anything it mentions); a column whose type one is part of keeps no type (Unknown: no evidence); a
 * constraint or index it creates under a name made by code is created, its name not known.
 */
export function withUnknownParts(ops: MigrationOperation[], sql: string): MigrationOperation[] {
  if (!sql.includes(UNKNOWN_PART)) return ops;
  const unnamed = (spec: { name?: string }) => {
    if (spec.name?.includes(UNKNOWN_PART)) delete spec.name;
  };
  return ops.map((op) => {
    const typed = op.kind === 'create-table' ? op.columns : op.kind === 'add-column' ? [op.column] : [];
    for (const c of typed) {
      if (c.type && c.type.written.includes(UNKNOWN_PART)) delete c.type;
      if (c.uniqueName?.includes(UNKNOWN_PART)) delete c.uniqueName;
      c.foreignKeys.forEach(unnamed);
    }
    if (op.kind === 'create-table') [...op.foreignKeys, ...op.indexes].forEach(unnamed);
    if (op.kind === 'add-foreign-key') unnamed(op.foreignKey);
    if (op.kind === 'create-index' || op.kind === 'add-unique') unnamed(op.index);
    const { location: _location, ...body } = op;
    if (!JSON.stringify(body).includes(UNKNOWN_PART)) return op;
    return { kind: 'unknown', description: 'SQL with a part built by code', mentions: sqlMentions(sql.split(UNKNOWN_PART).join(' ')), location: op.location, guarded: op.guarded } as MigrationOperation;
  });
}
