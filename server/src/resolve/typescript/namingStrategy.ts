/**
 * What a TypeORM project's naming strategy names. TypeORM asks the strategy of the data source for
 * every table, column, join column and join table name (given or not); the default strategy and
 * typeorm-naming-strategies' `SnakeNamingStrategy` are known. A strategy of the project's own (a
 * copy of SnakeNamingStrategy too: the copy may differ) is evaluated for each name TypeORM asks of
 * the methods it declares (namingEvaluation.ts), its base's answering the others; a name its code
 * makes from what cannot be evaluated is Unknown, and a strategy that cannot be read (another
 * package, an expression) makes every name it could make Unknown.
 */
import type { OrmModelFacts, TypeOrmNamingStrategy } from '../../facts/orm';
import { type Unknown, unknownValue } from '../../model/unknown';
import type { ClassDeclaration, TsProjectSymbols } from './symbols';
import { evaluateNaming, type NamingScope, type NamingValue, type NativeFunction, packageFunction, TYPEORM_STRING_UTILS, UNKNOWN } from './namingEvaluation';
import { DEFAULT_SCHEMA } from '../../model/schema';

export interface TypeOrmNaming {
  snake: boolean;
  /** Names TypeORM asks the strategy for that are Unknown here, each with why. */
  tableNames?: Unknown;
  columnNames?: Unknown;
  joinColumnNames?: Unknown;
  joinTableNames?: Unknown;
  /**
   * The names a strategy of the project's own makes, evaluated per name (undefined: Unknown, with
   * `why`); a method it does not declare is absent, and named as `snake` says.
   */
  namer?: TypeOrmNamer;
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

export interface TypeOrmNamer {
  tableName?: (className: string, customName: string | undefined) => string | undefined;
  columnName?: (property: string, customName: string | undefined, prefixes: readonly string[]) => string | undefined;
  joinColumnName?: (relation: string, referencedProperty: string) => string | undefined;
  /** `secondProperty`: the inverse relation's property; undefined when not known. */
  joinTableName?: (first: string, second: string, firstProperty: string, secondProperty: string | undefined) => string | undefined;
  joinTableColumnName?: (table: string, property: string, column: string) => string | undefined;
  why?: (what: string) => Unknown;
}

const SNAKE = /^SnakeNamingStrategy$/;

/**
 * The naming of each file's entities. In a workspace of several applications (folders of package
 * manifests) of which two or more make a TypeORM data source of their own, each such application's
 * entities are named by its own data sources' strategy, prefix and schema — one service's
 * SnakeNamingStrategy does not name another's tables, nor do two services' different strategies
 * make every name Unknown. Entities of an application without a data source (a package of entities
 * others load) take the whole workspace's naming, as do all where fewer than two make one.
 */
export function typeOrmNamingOf(files: readonly OrmModelFacts[], symbols: TsProjectSymbols, applicationOf?: (file: string) => string): (file: string) => TypeOrmNaming {
  const whole = typeOrmNaming(files, symbols);
  if (!applicationOf) return () => whole;
  const withDataSource = new Set(files.filter((f) => f.orm === 'typeorm' && f.databases?.length).map((f) => applicationOf(f.file)));
  if (withDataSource.size < 2) return () => whole;
  const byApplication = new Map<string, TypeOrmNaming>();
  for (const app of withDataSource) byApplication.set(app, typeOrmNaming(files.filter((f) => applicationOf(f.file) === app), symbols));
  return (file) => byApplication.get(applicationOf(file)) ?? whole;
}

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
  const declared = s.className ? declarationOf(file, s, symbols) : undefined;
  const why = (what: string) => unknownValue(`${what} from the naming strategy ${s.text}`, s.location);
  // typeorm-naming-strategies' (a package: not read, known).
  if (!declared && s.className && SNAKE.test(s.className)) return { key: 'snake', naming: { snake: true } };
  if (!declared) {
    const all = why('names');
    return { key: s.text, naming: { snake: false, tableNames: all, columnNames: all, joinColumnNames: all, joinTableNames: all } };
  }
  // A strategy of the project's own (a copy of SnakeNamingStrategy too): the methods it declares are
  // evaluated for each name TypeORM asks them (namingEvaluation.ts), the others are its base's.
  const { chain, base } = strategyChain(declared, symbols);
  const methods = new Set(chain.flatMap((c) => c.methods));
  const naming: TypeOrmNaming & { prefixOverridden?: boolean } = { snake: base === 'snake' };
  if (!base) {
    // Built on a class that cannot be read: what it inherits is Unknown.
    const all = why('names');
    return { key: s.text, naming: { snake: false, tableNames: all, columnNames: all, joinColumnNames: all, joinTableNames: all } };
  }
  if (methods.has('prefixTableName')) naming.prefixOverridden = true;
  const namer = strategyNamer(chain, base, symbols);
  if (methods.has('tableName')) naming.namer = { ...naming.namer, tableName: namer.tableName };
  if (methods.has('columnName')) naming.namer = { ...naming.namer, columnName: namer.columnName };
  if (methods.has('joinColumnName')) naming.namer = { ...naming.namer, joinColumnName: namer.joinColumnName };
  if (methods.has('joinTableName')) naming.namer = { ...naming.namer, joinTableName: namer.joinTableName };
  if (methods.has('joinTableColumnName')) naming.namer = { ...naming.namer, joinTableColumnName: namer.joinTableColumnName };
  if (naming.namer) naming.namer.why = why;
  return { key: [base, chain.map((c) => `${c.file}#${c.name}`)], naming };
}

type LibraryBase = 'default' | 'snake';

/** The project's classes from the strategy given to its library base (TypeORM's default strategy, or the snake one); no base: one that cannot be read. */
function strategyChain(declared: ClassDeclaration, symbols: TsProjectSymbols): { chain: ClassDeclaration[]; base?: LibraryBase } {
  const chain: ClassDeclaration[] = [];
  let current: ClassDeclaration | undefined = declared;
  while (current && chain.length < 8) {
    chain.push(current);
    const base = current.base;
    // `implements NamingStrategyInterface` alone: every method is its own (one it lacks, TypeORM cannot call).
    if (!base) return { chain };
    const imported = symbols.importOf(current.file, base);
    if (base === 'DefaultNamingStrategy' && imported && /^typeorm(\/|$)/.test(imported.module)) return { chain, base: 'default' };
    const next = symbols.classDeclaration(current.file, base);
    if (!next) return { chain, ...(SNAKE.test(base) ? { base: 'snake' as const } : {}) };
    current = next;
  }
  return { chain };
}

/** The library strategies' methods, as TypeORM 0.3 and typeorm-naming-strategies write them (for `super.m(…)` and what a project's class does not declare). */
const { snakeCase, camelCase, titleCase } = TYPEORM_STRING_UTILS;
const LIBRARY: Record<LibraryBase, Record<string, (args: NamingValue[]) => NamingValue>> = {
  default: {
    tableName: ([target, given]) => (given ? given : snakeCase([target])),
    columnName: ([property, custom, prefixes]) => {
      const name = custom || property;
      if (!Array.isArray(prefixes) || typeof name !== 'string') return UNKNOWN;
      if (prefixes.length) {
        const camel = camelCase([prefixes.join('_')]);
        const title = titleCase([name]);
        return typeof camel === 'string' && typeof title === 'string' ? camel + title : UNKNOWN;
      }
      return name;
    },
    relationName: ([property]) => property,
    joinColumnName: ([relation, referenced]) => (typeof relation === 'string' && typeof referenced === 'string' ? camelCase([`${relation}_${referenced}`]) : UNKNOWN),
    joinTableName: ([first, second, firstProperty]) => (typeof first === 'string' && typeof second === 'string' && typeof firstProperty === 'string'
      ? snakeCase([`${first}_${firstProperty.replace(/\./gi, '_')}_${second}`]) : UNKNOWN),
    joinTableColumnName: ([table, property, column]) => (typeof table === 'string' ? camelCase([`${table}_${String(column ? column : property)}`]) : UNKNOWN),
  },
  snake: {
    tableName: ([target, given]) => (given ? given : snakeCase([target])),
    columnName: ([property, custom, prefixes]) => {
      if (!Array.isArray(prefixes)) return UNKNOWN;
      const prefix = snakeCase([prefixes.concat('').join('_')]);
      const own = custom ? custom : snakeCase([property]);
      return typeof prefix === 'string' && typeof own === 'string' ? prefix + own : UNKNOWN;
    },
    relationName: ([property]) => snakeCase([property]),
    joinColumnName: ([relation, referenced]) => (typeof relation === 'string' && typeof referenced === 'string' ? snakeCase([`${relation}_${referenced}`]) : UNKNOWN),
    joinTableName: ([first, second, firstProperty]) => (typeof first === 'string' && typeof second === 'string' && typeof firstProperty === 'string'
      ? snakeCase([`${first}_${firstProperty.replace(/\./gi, '_')}_${second}`]) : UNKNOWN),
    joinTableColumnName: ([table, property, column]) => (typeof table === 'string' ? snakeCase([`${table}_${String(column ? column : property)}`]) : UNKNOWN),
  },
};

/** The strategy's methods as functions of the names TypeORM hands them: undefined where the answer is Unknown. */
function strategyNamer(chain: readonly ClassDeclaration[], base: LibraryBase, symbols: TsProjectSymbols): Required<Omit<TypeOrmNamer, 'why'>> {
  const invoke = (from: number, name: string, args: NamingValue[]): NamingValue => {
    for (let i = from; i < chain.length; i++) {
      const fn = chain[i].namingMethods?.[name];
      if (fn) return evaluateNaming(fn, args, scopeOf(i));
      // (Declared in a way the reader does not take, a getter or a static: not known.)
      if (chain[i].methods.includes(name)) return UNKNOWN;
    }
    return LIBRARY[base][name]?.(args) ?? UNKNOWN;
  };
  const scopeOf = (i: number): NamingScope => ({
    fn: (name) => symbols.namingHelper(chain[i].file, name) ?? importedFunction(chain[i].file, name, symbols),
    method: (kind, name, args) => invoke(kind === 'this' ? 0 : i + 1, name, args),
  });
  const name = (v: NamingValue) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    tableName: (className, customName) => name(invoke(0, 'tableName', [className, customName])),
    columnName: (property, customName, prefixes) => name(invoke(0, 'columnName', [property, customName, [...prefixes]])),
    joinColumnName: (relation, referenced) => name(invoke(0, 'joinColumnName', [relation, referenced])),
    // (The inverse side's property, when not known, is Unknown to the method: an answer that needs it is too.)
    joinTableName: (first, second, firstProperty, secondProperty) => name(invoke(0, 'joinTableName', [first, second, firstProperty, secondProperty ?? UNKNOWN])),
    joinTableColumnName: (table, property, column) => name(invoke(0, 'joinTableColumnName', [table, property, column])),
  };
}

/**
 * An imported function a strategy calls (`snakeCase` of TypeORM's util/StringUtils or of lodash,
 * `pluralize`), or a member of an imported namespace (`_.snakeCase`, `pluralize.plural`): the
 * packages' own functions (packageFunction); any other import is not evaluated.
 */
function importedFunction(file: string, local: string, symbols: TsProjectSymbols): NativeFunction | undefined {
  const [head, member] = local.split('.', 2);
  const imported = symbols.importOf(file, head);
  if (!imported) return undefined;
  const name = member !== undefined ? (imported.name === '*' || imported.name === 'default' ? member : undefined) : imported.name;
  return name === undefined ? undefined : packageFunction(imported.module, name);
}

function declarationOf(file: string, s: TypeOrmNamingStrategy, symbols: TsProjectSymbols): ClassDeclaration | undefined {
  if (!s.module) return symbols.exportedDeclaration(file, s.className!);
  const target = symbols.moduleOf(file, s.module);
  return target ? symbols.exportedDeclaration(target, s.className!) : undefined;
}
