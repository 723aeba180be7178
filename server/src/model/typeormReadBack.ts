/**
 * A column as TypeORM's PostgreSQL query runner reads it back from the database
 * (PostgresQueryRunner.loadTables): its type as PostgreSQL names it (`character varying`, `timestamp
 * with time zone`; `enum` for an enum type), its length as a string (`"255"`, or `""` where the
 * type has none, or the driver's default: `character(1)`), and whether it is an array. What
 * `changeColumn(table, "name", newColumn)` compares with the new column as written.
 */
import type { Column, TypeormWrittenColumn } from './schema';
import { knownType } from './types';

/** Canonical names (see types.ts) to PostgreSQL's own, as `atttypid::regtype` gives them. */
const REGTYPE: Record<string, string> = {
  integer: 'integer', bigint: 'bigint', smallint: 'smallint', varchar: 'character varying', char: 'character', text: 'text',
  boolean: 'boolean', timestamp: 'timestamp without time zone', timestamptz: 'timestamp with time zone', date: 'date',
  time: 'time without time zone', timetz: 'time with time zone', interval: 'interval', float8: 'double precision', real: 'real',
  numeric: 'numeric', uuid: 'uuid', json: 'json', jsonb: 'jsonb', bytea: 'bytea', enum: 'enum', inet: 'inet', cidr: 'cidr',
  macaddr: 'macaddr', tsvector: 'tsvector', money: 'money', citext: 'citext', bit: 'bit', varbit: 'bit varying',
};

/** Types whose length TypeORM reads (the driver's withLengthColumnTypes), with the length it treats as none. */
const WITH_LENGTH: Record<string, string | undefined> = { 'character varying': undefined, character: '1', bit: '1', 'bit varying': undefined };

/**
 * The column as TypeORM's runner holds it: as written where the runner added or changed it in this
 * run (see Column.typeormWritten), else as it reads it back; undefined where its type is not known here.
 */
export function typeormReadBack(column: Pick<Column, 'type' | 'typeormWritten'>): TypeormWrittenColumn | undefined {
  if (column.typeormWritten) return column.typeormWritten;
  const type = knownType(column);
  if (!type || type.custom) return undefined;
  const isArray = type.name.endsWith('[]');
  const regtype = REGTYPE[isArray ? type.name.slice(0, -2) : type.name];
  if (!regtype) return undefined;
  let length = '';
  if (regtype in WITH_LENGTH && type.args?.length) {
    const given = String(type.args[0]);
    length = given === WITH_LENGTH[regtype] ? '' : given;
  }
  return { type: regtype, length, isArray };
}
