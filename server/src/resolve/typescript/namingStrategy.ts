/**
 * What a TypeORM project's naming strategy names. TypeORM asks the strategy of the data source for
 * every table, column, join column and join table name it does not get written out; the default
 * strategy and `SnakeNamingStrategy` (typeorm-naming-strategies, or the project's copy of it —
 * a class of that name) are known. A strategy of the project's own is read for the methods it
 * overrides: the names those methods make are Unknown; a strategy that cannot be read (another
 * package, an expression) makes every name it could make Unknown.
 */
import type { OrmModelFacts, TypeOrmNamingStrategy } from '../../facts/orm';
import { type Unknown, unknownValue } from '../../model/unknown';
import type { TsProjectSymbols } from './symbols';
import { DEFAULT_SCHEMA } from '../../model/schema';

export interface TypeOrmNaming {
  snake: boolean;
  /** Names TypeORM asks the strategy for that are Unknown here, each with why. */
  tableNames?: Unknown;
  columnNames?: Unknown;
  joinColumnNames?: Unknown;
  joinTableNames?: Unknown;
  /** The data source's `entityPrefix`: TypeORM writes it before every table name it makes or is given. */
  tablePrefix?: string;
  /** The prefix is computed, or data sources set different ones: every table name is Unknown. */
  tablePrefixUnknown?: Unknown;
  /** The data sources' `schema` (all of them agreeing): the schema of the entities that name none. */
  defaultSchema?: string;
  /**
   * A `schema` computed by code, or different ones: the entities that name none are in the schema
   * the settings pick at run time — the default one where the migrations' unqualified tables go too,
   * or another (see Table.schemaSetAtRunTime).
   */
  defaultSchemaAtRunTime?: true;
}

const SNAKE = /^SnakeNamingStrategy$/;

export function typeOrmNaming(files: readonly OrmModelFacts[], symbols: TsProjectSymbols): TypeOrmNaming {
  const naming = { ...strategyNaming(files, symbols), ...dataSourceSchema(files) };
  const prefixes = files.flatMap((f) => f.entityPrefixes ?? []);
  if (!prefixes.length) return naming;
  const values = new Set(prefixes.map((p) => p.value));
  const only = values.size === 1 ? prefixes[0].value : undefined;
  // (A strategy of the project's own may write the prefix its own way: `prefixTableName`.)
  if (only !== undefined && !naming.prefixOverridden) return only ? { ...naming, tablePrefix: only } : naming;
  const unknown = prefixes.find((p) => p.value === undefined) ?? prefixes[0];
  const why = only !== undefined ? 'names of the tables: the naming strategy writes the entityPrefix its own way (prefixTableName)'
    : values.size > 1 ? `names of the tables: data sources prefix them differently (${[...values].map((v) => (v === undefined ? 'a computed prefix' : `"${v}"`)).join(', ')})`
      : `names of the tables: prefixed by ${unknown.text}, computed by code`;
  return { ...naming, tablePrefixUnknown: unknownValue(why, unknown.location) };
}

/**
 * The schema TypeORM gives the entities that name none: the data sources' `schema` when every one
 * that sets it says the same (PostgreSQL's `public` is the default anyway); at run time when one is
 * computed (`process.env.DB_SCHEMA || 'public'`) or they differ (each service its own schema).
 */
export function dataSourceSchema(files: readonly OrmModelFacts[]): { defaultSchema?: string; defaultSchemaAtRunTime?: true } {
  const set = files.flatMap((f) => f.dataSourceSchemas ?? []);
  if (!set.length) return {};
  const values = new Set(set.map((s) => s.value));
  const only = values.size === 1 ? set[0].value : undefined;
  if (only === undefined) return { defaultSchemaAtRunTime: true };
  return only === DEFAULT_SCHEMA ? {} : { defaultSchema: only };
}

function strategyNaming(files: readonly OrmModelFacts[], symbols: TsProjectSymbols): TypeOrmNaming & { prefixOverridden?: boolean } {
  const all = files.flatMap((f) => (f.namingStrategies ?? []).map((s) => ({ file: f.file, s })));
  // `namingStrategy: config.db.namingStrategy` passes on a strategy written in another setting:
  // the one written is read (the reference alone, when nothing of the project writes one).
  const written = all.filter(({ s }) => !s.refersToSetting);
  const strategies = written.length ? written : all;
  if (!strategies.length) return { snake: false };
  const readings = strategies.map(({ file, s }) => readStrategy(file, s, symbols));
  // Several data sources with different strategies: which one a model is named by is not known.
  const first = JSON.stringify(readings[0].key);
  if (readings.some((r) => JSON.stringify(r.key) !== first)) {
    const why = unknownValue('names of the naming strategies of several data sources', strategies[0].s.location);
    return { snake: false, tableNames: why, columnNames: why, joinColumnNames: why, joinTableNames: why };
  }
  return readings[0].naming;
}

function readStrategy(file: string, s: TypeOrmNamingStrategy, symbols: TsProjectSymbols): { key: unknown; naming: TypeOrmNaming & { prefixOverridden?: boolean } } {
  if (s.className === 'DefaultNamingStrategy' && (!s.module || s.module === 'typeorm')) return { key: 'default', naming: { snake: false } };
  if (s.className && SNAKE.test(s.className)) return { key: 'snake', naming: { snake: true } };
  const declared = s.className ? declarationOf(file, s, symbols) : undefined;
  const why = (what: string) => unknownValue(`${what} from the naming strategy ${s.text}`, s.location);
  if (!declared) {
    const all = why('names');
    return { key: s.text, naming: { snake: false, tableNames: all, columnNames: all, joinColumnNames: all, joinTableNames: all } };
  }
  // A strategy of the project's own, built on one of the known ones: what it overrides is Unknown.
  const methods = new Set(declared.methods);
  const snake = !!declared.base && SNAKE.test(declared.base);
  const naming: TypeOrmNaming & { prefixOverridden?: boolean } = { snake };
  if (methods.has('prefixTableName')) naming.prefixOverridden = true;
  if (methods.has('tableName')) naming.tableNames = why('table names');
  if (methods.has('columnName')) naming.columnNames = why('column names');
  if (methods.has('joinColumnName') || methods.has('relationName')) naming.joinColumnNames = why('join column names');
  if (methods.has('joinTableName') || methods.has('joinTableColumnName')) naming.joinTableNames = why('join table names');
  return { key: [snake, [...methods].sort()], naming };
}

function declarationOf(file: string, s: TypeOrmNamingStrategy, symbols: TsProjectSymbols): { base?: string; methods: string[] } | undefined {
  if (!s.module) return symbols.exportedDeclaration(file, s.className!);
  const target = symbols.moduleOf(file, s.module);
  return target ? symbols.exportedDeclaration(target, s.className!) : undefined;
}
