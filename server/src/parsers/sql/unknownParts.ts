/**
 * SQL some of whose parts a reader could not evaluate (`${table}` in a template literal, `{name}` in
 * a Python f-string): each such part is written as an identifier with a reserved prefix, the SQL is
 * parsed as usual, and what depends on a part is Unknown — never a guess, and never a silence about
 * what the SQL says plainly (`INSERT INTO … VALUES ('{value}')` changes rows only).
 */
import type { MigrationOperation } from '../../model/operations';
import { COMPUTED_PART, sqlMentions } from './postgres';
import { unknownValue } from '../../model/unknown';

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
  // Rows written to a table named by code (`UPDATE ${table} SET …`): which table must exist is
  // Unknown, and nothing of the schema changes: no operation at all.
  return ops.filter((op) => !(op.kind === 'use-table' && `${op.table.schema ?? ''}.${op.table.name}`.includes(UNKNOWN_PART))).map((op) => {
    const typed = op.kind === 'create-table' ? op.columns : op.kind === 'add-column' ? [op.column] : [];
    for (const c of typed) {
      if (c.type && c.type.written.includes(UNKNOWN_PART)) delete c.type;
      // `ADD "flag" boolean NOT NULL DEFAULT ${config.flag}`: the column as written, its default Unknown.
      if (typeof c.serverDefault === 'string' && c.serverDefault.includes(UNKNOWN_PART)) c.serverDefault = unknownValue('server default computed by code', c.location);
      if (c.uniqueName?.includes(UNKNOWN_PART)) delete c.uniqueName;
      c.foreignKeys.forEach(unnamed);
    }
    if (op.kind === 'create-table') [...op.foreignKeys, ...op.indexes].forEach(unnamed);
    if (op.kind === 'add-foreign-key') unnamed(op.foreignKey);
    if (op.kind === 'alter-column' && typeof op.serverDefault === 'string' && op.serverDefault.includes(UNKNOWN_PART)) op.serverDefault = unknownValue('server default computed by code', op.location);
    if (op.kind === 'create-index' || op.kind === 'add-unique') unnamed(op.index);
    const { location: _location, ...body } = op;
    if (!JSON.stringify(body).includes(UNKNOWN_PART)) return op;
    // `CREATE INDEX … ON "${schema}".chat_message (chat_session_id)` (a tenant's schema): an index of
    // that table, where exactly Unknown — its indexes are Unknown, its columns and keys are not.
    if (op.kind === 'create-index' && op.table.schema?.includes(UNKNOWN_PART) && !op.table.name.includes(UNKNOWN_PART)) {
      const { text: _text, schema: _schema, ...table } = op.table;
      if (!JSON.stringify({ ...body, table }).includes(UNKNOWN_PART)) {
        // (Its columns, where they are columns: an index on them may exist, on no other.)
        const on = op.index.expression || op.index.method && op.index.method !== 'btree' ? '' : `(${op.index.columns.join(',')})`;
        return { kind: 'unknown', description: 'an index made in a schema computed by code', mentions: [`${op.table.name}${on}`.toLowerCase()], only: 'indexes', location: op.location, guarded: op.guarded } as MigrationOperation;
      }
    }
    // A table named partly by a part (`ALTER TABLE "%s_archive" …`) may be any table of that shape,
    // `*_archive` (see mentionsName). One named wholly by code names no table, as the Python reader's
    // table names computed by code (a pattern of `*` alone would silence every rule on every table).
    const shapes = tablesNamed(op).filter((name) => name.includes(UNKNOWN_PART))
      .map((name) => name.toLowerCase().replace(PART_PATTERN, '*').replace(/\*+/g, '*')).filter((shape) => /[^*]/.test(shape));
    return { kind: 'unknown', description: 'SQL with a part built by code', mentions: [...new Set([...sqlMentions(sql.split(UNKNOWN_PART).join(' ')), ...shapes])], location: op.location, guarded: op.guarded } as MigrationOperation;
  });
}

const PART_PATTERN = new RegExp(`${UNKNOWN_PART}\\d+`, 'g');

/** The names of the tables an operation works on or references. */
function tablesNamed(op: MigrationOperation): string[] {
  const names: string[] = [];
  const add = (ref: unknown) => {
    if (ref && typeof ref === 'object' && typeof (ref as { name?: unknown }).name === 'string') names.push((ref as { name: string }).name);
  };
  if ('table' in op) add(op.table);
  if (op.kind === 'add-foreign-key') add(op.foreignKey.target);
  if (op.kind === 'create-table') for (const fk of [...op.foreignKeys, ...op.columns.flatMap((c) => c.foreignKeys)]) add(fk.target);
  return names;
}
