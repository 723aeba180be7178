/**
 * What the TypeORM and Sequelize readers extract from one TypeScript/JavaScript file: entities or
 * models as declared, with references by class or model name that the model builder resolves
 * across files (fromOrm.ts). Plain data with locations, cached like the Python facts.
 */
import type { Unknown } from '../model/unknown';
import type { ColumnType, OptionAnchor } from '../model/schema';
import type { TypeOrmTypeOptions } from '../model/ormTypes';
import type { Location, Position, Range } from '../model/source';

export type Orm = 'typeorm' | 'sequelize';

/** A name as written where a value goes: `A`, `A.B` (an enum member, a class static, a namespace import's export). */
export interface NameRef {
  name: string;
  member?: string;
}

/**
 * A value a reader could not evaluate in its file alone. With `ref`, it is a name that the
 * resolution layer may evaluate across modules (an imported constant, an enum member); without, or
 * where that fails, it stays Unknown.
 */
export type OrmUnknown = Unknown & {
  readonly ref?: ValueRef;
  /**
   * The default of a TypeORM array column written as a list naming constants (`default:
   * [Role.USER]`): each element a literal or a name; known, as TypeORM writes an array
   * (`'{user}'`), once every name evaluates.
   */
  readonly arrayOf?: (string | number | boolean | ValueRef)[];
  /**
   * A Sequelize type named by names a module of the project binds (`import { STRING } from
   * '../db/dataTypes'`): the type it is when each of `names` resolves to Sequelize's data type of that name.
   */
  readonly sequelizeTypes?: { names: string[]; type: ColumnType };
  /** A boolean option given by a name negated (`allowNull: !settings.required`): the opposite of what `ref` evaluates to. */
  readonly negated?: true;
  /**
   * A Sequelize type sized by names (`DataType.STRING(CONSTRAINTS.USERS.NAME.max)`, the constant of
   * another module): the type it is once each name evaluates to a number.
   */
  readonly sequelizeSizes?: { name: string; written: string; args: (number | ValueRef)[] };
};

/** A string built of literals and names (`'app_' + TABLE`, `` `${PREFIX}users` ``): known when every name is. */
export interface ConcatRef {
  concat: (string | NameRef)[];
}

/** What a value a reader could not evaluate in its file is: a name, or a string built of names. */
export type ValueRef = NameRef | ConcatRef;

/** A constant's value, or the name whose value it is (`const A = B.C`). */
export type TsSymbolValue = { value: string | number | boolean } | { ref: ValueRef };

/**
 * `withTimestamps(withStringId(BaseModel))`: a function of the project called with classes (or with
 * what such a call makes); null for `class {}`, a class of no columns that extends nothing.
 */
export interface MixinApplication {
  fn: string;
  args: (string | MixinApplication | null)[];
}

/**
 * A function of a naming strategy as it computes a name, read from its syntax (see
 * parsers/typescript/namingFunctions.ts) for the resolution layer to evaluate with the names TypeORM
 * gives it; a construct outside this small language is `{ k: 'unknown' }`, and makes what reaches
 * it Unknown.
 */
export interface NamingFunction {
  params: { name: string; default?: NamingExpr; rest?: true }[];
  body: NamingStatement[];
}

export type NamingStatement =
  | { k: 'return'; e?: NamingExpr }
  | { k: 'let'; name: string; e?: NamingExpr }
  | { k: 'assign'; name: string; op: '=' | '+='; e: NamingExpr }
  | { k: 'if'; test: NamingExpr; then: NamingStatement[]; else?: NamingStatement[] }
  | { k: 'unknown'; why: string };

export type NamingExpr =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'undefined' }
  | { k: 'name'; name: string }
  | { k: 'regex'; source: string; flags: string }
  | { k: 'tpl'; parts: (string | NamingExpr)[] }
  | { k: 'array'; items: { e: NamingExpr; spread?: true }[] }
  | { k: 'cond'; test: NamingExpr; then: NamingExpr; else: NamingExpr }
  | { k: 'bin'; op: string; l: NamingExpr; r: NamingExpr }
  | { k: 'unary'; op: '!' | 'typeof' | '-'; e: NamingExpr }
  | { k: 'member'; target: NamingExpr; name: string }
  /** `f(…)`, `this.m(…)`, `super.m(…)`, `s.replace(…)`: the callee as written. */
  | { k: 'call'; callee: { kind: 'name'; name: string } | { kind: 'this' | 'super'; name: string } | { kind: 'method'; target: NamingExpr; name: string }; args: NamingExpr[] }
  | { k: 'arrow'; fn: NamingFunction }
  | { k: 'unknown'; why: string };

/** What a module says about names: see parsers/typescript/moduleSymbols.ts. */
export interface TsModuleSymbols {
  /** Local name → the module and the name there (`default`; `*` for a namespace import or `require`). */
  imports: Record<string, { module: string; name: string }>;
  /** `X`, `Enum.Member`, `Class.staticProp`, `OBJ.key`: the constants this module declares. */
  values: Record<string, TsSymbolValue>;
  /** `export * from` (no names) and `export { a as b } from` (exported name → name there; `*`: the module). */
  reexports: { module: string; names?: Record<string, string> }[];
  /** `export { a as b }`, `export default X`: exported name → local name. */
  exportAliases?: Record<string, string>;
  /**
   * sequelize-typescript's decorator names this module declares itself (`export function Table(…)`,
   * a wrapper): what it exports under them is its own, whatever it re-exports (`export *`).
   */
  ownOrmNames?: string[];
  /** `export default { a, b: c }`: the default export's members, each a local name (`b` → `c`). */
  defaultMembers?: Record<string, string>;
  /** Classes of the module: what each extends and the methods it declares (a naming strategy's overrides). */
  classes?: Record<string, { base?: string; baseComputed?: boolean; baseMember?: string; methods: string[]; sequelizeInit?: SequelizeInitOverride; namingMethods?: Record<string, NamingFunction> }>;
  /** The module's functions a naming strategy's methods call (`function snakeCase(s) { … }`), as they compute. */
  namingHelpers?: Record<string, NamingFunction>;
  /**
   * Column options and attributes written once for migrations to share, as source text: `X` for a
   * `const X = [...]` or `{...}`, `X.()` for what a function returns, `C.m.()` for a static method's.
   */
  literals?: Record<string, TsLiteral>;
  /**
   * Functions that return one of their arguments as it is (`resolveDbType(t) { return t }`, how
   * multi-database projects leave a hook): the function's name → that argument's position.
   */
  returnsArgument?: Record<string, number>;
  /**
   * Functions that return a lookup of one of their arguments in a module constant object under a
   * condition, else the argument (`if (isPgsql && t in pgTypeMapping) return pgTypeMapping[t]; return t`):
   * the argument's position, the object's name, and the names the condition needs true (each a
   * database-type test the resolution layer evaluates; `in` the object is the lookup's own test),
   * and the object's keys where the module writes it whole.
   */
  mapsArgument?: Record<string, MappedArgument>;
  /**
   * Classes made by a mixin (`export const Timestamped = withTimestamps(BaseModel)`): the constant's
   * name → the function called and the classes it is given (see MixinApplication).
   */
  mixinApplications?: Record<string, MixinApplication>;
  /**
   * Names the module binds to Sequelize's data types under their own names (`const { STRING } =
   * DataTypes`, `import { STRING } from 'sequelize'`): what models importing them from it are typed by.
   */
  sequelizeTypes?: string[];
  /** sequelize-typescript index decorators the module makes (`export const ByOwner = createIndexDecorator({ unique: true })`), by name. */
  indexDecorators?: Record<string, IndexDecoratorSpec>;
  /**
   * The design type TypeScript gives a property typed by one of the module's enums (all members
   * known: of numbers Number, of strings String, mixed Object) or type aliases of literal unions
   * (`type Level = 'low' | 'high'`: String).
   */
  designTypes?: Record<string, string>;
}

/** An index decorator of sequelize-typescript's `createIndexDecorator(options)`: the index it makes over the properties it marks. */
export interface IndexDecoratorSpec { name?: string; unique: boolean; where?: string; method?: string }

/** A literal's source text and where it starts in its module (0-based); `params`: the function's parameter names. */
export interface TsLiteral {
  text: string;
  line: number;
  character: number;
  params?: string[];
  /** Defaults of parameters, where written as literals (`uuidKey(name = "id")`): the literal's text by parameter. */
  paramDefaults?: Record<string, string>;
  /** Parameters whose default code computes (`(size = sizeOf(kind)) => …`): a call that gives them nothing leaves them Unknown, not `undefined`. */
  paramDefaultsUnread?: string[];
}

/**
 * A literal a file takes from another module (`...timestampColumns`, `BaseModel.attributes()`):
 * `key` as the reading asks for it; `from`, the module whose name it is when a literal lent to the
 * file takes it in turn (`...TimestampedModel.attributes()` inside `BaseModel.attributes()`).
 */
export interface ImportedLiteral {
  key: string;
  ref: NameRef;
  from?: string;
}

/** sequelize-typescript's module (its subpaths too): the readers and the resolution layer name its decorators by it. */
export const SEQUELIZE_TYPESCRIPT_MODULE = /^sequelize-typescript(\/|$)/;

/** The key a literal is lent under: `key` of the file read, or of the module (`from`) whose lent literal takes it. */
export function lentKey(key: string, from?: string): string {
  return from === undefined ? key : `${key}@${from}`;
}

/** A literal another module declares, lent to a migration that takes it (see AlembicMigrationFacts.importedLiterals). */
export interface ProvidedLiteral extends TsLiteral {
  file: string;
}

/** A wrapper's parameter, the options object among several, or null (computed by the wrapper). */
/**
 * An argument a project decorator hands the ORM's: which of its parameters it is (a list: the one
 * of those the call gives an options object), null: computed by the wrapper, or a literal the wrapper
 * writes itself (`Column('varchar')`, `Column({ type: 'timestamp' })`), by its source text.
 */
export type WrapperArgument = number | number[] | null | { literal: string };

/**
 * An option a project decorator writes as a literal in the options it hands on (`{ nullable: true,
 * ...options }`): its source text, and whether the caller's own value of it wins (`under`: written
 * before the caller's options are spread).
 */
export interface WrapperPreset {
  text: string;
  under?: true;
}

export interface DecoratorWrapper {
  decorator: string;
  /** Its arguments reach TypeORM's decorator unchanged, in order. */
  passThrough: boolean;
  /**
   * For each argument TypeORM's decorator gets: which of the wrapper's parameters it is (null:
   * computed by the wrapper); a list: the one of those parameters the call gives an options object
   * (`MultiColumn(typeOrOptions?, options?)`, which hands on whichever is the object, as TypeORM's own
   * `Column(typeOrOptions, options)` reads them).
   */
  args: WrapperArgument[];
  /** Options the wrapper sets itself in the options it hands on (`{ ...options, type: resolveDbType(type) }`): Unknown. */
  changes?: string[];
  /** Options the wrapper writes as literals in the options it hands on (a column decorator's only). */
  presets?: Record<string, WrapperPreset>;
  /** Options it sets only where the caller gave them (`if ("default" in options) options.default = …`): Unknown there, absent elsewhere. */
  changesIfGiven?: string[];
  /**
   * Options it sets only where the caller's `option` is the literal `equals` (`if (options.type ===
   * 'decimal') Object.assign(columnOptions, { precision: 32, scale: 6 })`): Unknown there, absent elsewhere.
   */
  changesWhen?: { option: string; equals: string; keys: string[] }[];
  /**
   * The wrapper hands TypeORM the type as TypeORM's Column(typeOrOptions, options) reads it, through
   * a function of the project (`type = resolveDbType(options.type)`): the type as written, when that
   * function returns its argument as it is (asked of the resolution layer from `file`); else Unknown.
   */
  typeVia?: TypeVia;
  /**
   * The ORM's decorators it applies after the first, in order, each as above (`applyDecorators(
   * ManyToOne(target), JoinColumn({ name: "created_by" }))`): a property so decorated has them all.
   */
  also?: DecoratorWrapper[];
}

/** How a function looks one of its arguments up (see TsModuleSymbols.mapsArgument). */
export interface MappedArgument {
  index: number;
  /** The module constant object it looks the argument up in. */
  table: string;
  /** Names its condition needs true (false where negated), evaluated in its module. */
  when: { ref: ValueRef; negated?: true }[];
  /** A database-type test of the condition is false on PostgreSQL: the argument passes as it is. */
  never?: true;
  /** The table's keys, where the module writes it whole. */
  keys?: string[];
  /** The condition asks whether the argument is a key (`t in table`): one it lacks passes as it is. */
  checksKey?: true;
}

/** A function of the project a column's type passes through, by its name in `file`. */
export interface TypeVia {
  name: string;
  file: string;
  /** The type the column writes (`'datetime'`), handed to the function, and the options that size it. */
  argument?: string;
  options?: TypeOrmTypeOptions;
}

/** `namingStrategy: new X()` in a TypeORM data source's options; `className` absent: not a `new` of a class. */
export interface TypeOrmNamingStrategy {
  className?: string;
  /** The module `className` is imported from, if imported. */
  module?: string;
  /** `namingStrategy: config.db.namingStrategy`: the strategy another setting names (read where it is written). */
  refersToSetting?: boolean;
  text: string;
  location: Location;
}

export interface OrmReference {
  /** A class (TypeORM) or model (Sequelize) name, resolved to its table by the builder. */
  targetClass?: string;
  /** The module the file imports `targetClass` from (where two classes share the name, it decides). */
  targetModule?: string;
  /** A table name, as Sequelize's `references: { model: 'users' }` or `{ tableName, schema }` give it. */
  targetTable?: string;
  /**
   * Sequelize's `references: { model: KEYWORDS.MODEL_NAME }`: a name that is a model (`targetClass`)
   * or a constant holding a table name; the resolution layer tells which.
   */
  targetNameRef?: NameRef;
  targetSchema?: string;
  /** Referenced columns; none: the target's primary key. */
  targetColumns?: string[];
  /** TypeORM `createForeignKeyConstraints: false`: the column refers to the target, but no FOREIGN KEY is made. */
  noConstraint?: true;
  /** TypeORM's `@ForeignKey('name')`: `targetClass` is an entity's name, or else a table's. */
  orTable?: true;
  /**
   * sequelize-typescript's `@ForeignKey(() => Team)`: only marks the attribute an association takes
   * as its key. The FOREIGN KEY (and, with no `@Column`, the column itself) is made by an association
   * that uses it — `@BelongsTo` here, `@HasMany`/`@HasOne` there, a `@BelongsToMany` through this
   * model — and there is none without one.
   */
  byAssociation?: { column: boolean };
  /** The text of the reference and where it is written (inside the quotes), for fixes. */
  text: string;
  textLocation?: Location;
  location: Location;
}

export interface OrmColumnDecl {
  /**
   * TypeORM `@Column(() => Address)`: not a column, but the columns of the embedded class, named
   * with `prefix` (the property by default; none when `false` or `''`).
   */
  embedded?: { className: string; module?: string; prefix?: string | false };
  /** Columns of an embedded class: the prefixes of the embeddings it is in, outermost first. */
  embeddedPrefixes?: string[];
  /** Columns of an embedded class: the property path entity-level lists name it by (`profile.job`). */
  propertyPath?: string;
  /** Sequelize `unique: 'org_email'`: one composite unique key over every attribute naming it. */
  uniqueKey?: string;
  /** sequelize-typescript's `@CreatedAt` / `@UpdatedAt` / `@DeletedAt`: this property is that timestamp (no implicit one besides it). */
  timestamp?: 'createdAt' | 'updatedAt' | 'deletedAt';
  /** The column's name in the database, naming applied; for TypeORM join columns named by default, set by the builder. */
  name?: string;
  /** Sequelize: `name` comes from the property (no `field`), so the project's `underscored` decides it. */
  nameFromProperty?: boolean;
  property?: string;
  type?: ColumnType | Unknown;
  nullable?: boolean | Unknown;
  /**
   * Sequelize: the attribute's `allowNull` is written (its options, `@AllowNull`, `@PrimaryKey`,
   * `@NotNull`): an association's key options do not change it (Sequelize merges them as defaults).
   */
  allowNullWritten?: true;
  primaryKey: boolean;
  unique: boolean;
  /** `unique` is the constraint TypeORM adds to a one-to-one's join column, not an option written. */
  uniqueOfOneToOne?: true;
  /** An index on this column alone, declared on the property (`@Index()`). */
  index?: {
    location: Location; removal?: Location; unique?: boolean; name?: string; where?: string;
    /** sequelize-typescript on Sequelize 6: the index is over the property's name as written, not its column. */
    onProperty?: string;
    /** Its options are given by code, or say TypeORM does not make it (`synchronize: false`: the migrations do). */
    optionsUnknown?: 'code' | 'not-synchronized';
  };
  /** An index on the property whose name is computed by code (`@Index({ name: indexName(…) })`), or a uniqueness computed by code: which index it has is Unknown. */
  indexUnknown?: { reason: string; location: Location };
  /** `primaryKey` / `primary` computed by code: whether the column is in the key (and, in Sequelize, whether the model gets an implicit `id`) is Unknown. */
  primaryKeyUnknown?: true;
  serverDefault?: string | OrmUnknown;
  /** TypeORM: the `default` written is falsy (`false`, `0`, `''`, `null`), which TypeORM does not carry over a base class's default. */
  falsyDefault?: true;
  location: Location;
  reference?: OrmReference;
  /** TypeORM `@JoinColumn` without a name: `${property}${TargetPk}` by the naming strategy. */
  joinColumnOf?: string;
  /** TypeORM: the relation property whose join column this is (`@ManyToOne(…) account`), named or not: entity-level index lists name it. */
  relationProperty?: string;
  /** Where a fix adds an index in this ORM's syntax: a line `@Index()` above the property (TypeORM). */
  indexFix?: { title: string; position: Position; text: string; importEdit?: { position: Position; text: string } };
  /** Where a fix may add options to the column's options object. */
  optionAnchor?: OptionAnchor;
  /** Declared by a base class (another file, maybe): fixes edit there, or not at all. */
  inheritedFrom?: string;
  /** The name is written, but not as a literal (`name: COLUMNS.email`): resolved across modules, or Unknown. */
  nameUnknown?: OrmUnknown;
  /**
   * Sequelize: the attribute's key is another module's constant (`[FULL_NAME]: { … }`): resolved
   * across modules (the column named after it, `underscored` as the model said), or Unknown.
   */
  propertyUnknown?: OrmUnknown & { underscored?: boolean };
  /**
   * No type written, and the property typed by a name of the project (`status: OrderStatus`): the
   * ORM takes the design type, which is what the name is (an enum of numbers: Number; of strings:
   * String). `type` is Unknown until the resolution layer finds such an enum.
   */
  designTypeRef?: { ref: NameRef; written: string; options: TypeOrmTypeOptions; orm?: 'sequelize' };
  /**
   * sequelize-typescript: decorators of the attribute imported from a module of the project
   * (`@ByOwner` with `import { ByOwner } from './indexes'`), each an index decorator there or not —
   * found by the resolution layer.
   */
  importedDecorators?: { name: string; location: Location }[];
  /** Declared through a project decorator whose type passes a function of the project (see DecoratorWrapper.typeVia). */
  typeVia?: TypeVia;
  /** Not written: the project's own naming strategy makes it, so the database's name is Unknown. */
  namedByStrategy?: Unknown;
  /**
   * TypeORM: the type's `length`/`precision`/`scale` are names (`length: EMAIL_MAX`): `type` is
   * Unknown until they evaluate; then the type is made from what is written here.
   */
  typeSizes?: {
    typeName?: string;
    /** `type: ColumnType.Description`: the type is a name of the project (an enum member, a constant), evaluated first. */
    typeRef?: NameRef;
    /**
     * `@Column(datetimeType)`: the name given alone may hold options as well as a type; nullability
     * and default stay Unknown unless it evaluates to a type name (then they are TypeORM's defaults).
     */
    nameMayBeOptions?: boolean;
    /** `type: resolveDbType("timestamptz")`: a function of the project called with literals; the type is what it returns. */
    typeCall?: { ref: NameRef; args: (string | null)[] };
    designType?: string; written: string; options: TypeOrmTypeOptions; refs: Partial<Record<'length' | 'precision' | 'scale', NameRef>>;
  };
  /**
   * TypeORM options made by a function of the project (`@PrimaryColumn(id())`, `{ ...id(), comment }`):
   * the function, and what the call site writes itself (which wins). The type is Unknown until the
   * resolution layer reads the object the function returns.
   */
  optionsFrom?: { call: NameRef; written: string; typeName?: string; designType?: string; options: TypeOrmTypeOptions; explicit: string[] };
}

export interface OrmIndexDecl {
  name?: string;
  columns: string[];
  /** Sequelize 7: the `fields` as written (attribute names, which `underscored` maps to columns). */
  fields?: string[];
  /** Sequelize 6: `columns` are the fields as written, the columns the index is over whatever the attributes' columns are. */
  fieldsAreColumns?: true;
  unique: boolean;
  where?: string;
  /** The index method when written (Sequelize's `using: 'GIN'`), in lower case. */
  method?: string;
  /** Sequelize `fields: [sequelize.fn('lower', sequelize.col('email'))]`: elements that are expressions, kept as their text. */
  expression?: boolean;
  /**
   * Sequelize `fields: [{ name: 'title', collate: 'NOCASE' }]`, `{ name, operator: 'text_pattern_ops' }`:
   * each such field's collation and operator class as written, by the field (`fields`, else `columns`).
   */
  opclasses?: Record<string, string>;
  location: Location;
  removal?: Location;
  /**
   * TypeORM: its options are given by code (`@Index("ix", ["a"], SHARED_OPTIONS)`), or say TypeORM
   * neither creates nor drops it (`synchronize: false`: the migrations keep an index the decorator
   * only names, such as one over `LOWER(name)`): what it is, beyond its leading columns, is Unknown.
   */
  optionsUnknown?: 'code' | 'not-synchronized';
}

export interface OrmEntityDecl {
  orm: Orm;
  /**
   * TypeORM `@JoinColumn([{ name, referencedColumnName }, …])` of a many-to-one: one foreign key over
   * those columns (declared among `columns`) to the target's properties named.
   */
  compositeReferences?: {
    property: string; columns: string[]; targetClass: string; targetProperties: string[]; text: string; location: Location; noConstraint?: true;
    /** `columns` name properties (TypeORM's class-level `@ForeignKey`), not columns. */
    byProperty?: true;
    /** `targetClass` is written as a string: an entity's name, or a table's. */
    orTable?: true;
    /** Of a one-to-one: its join columns are unique together (unless `noConstraint`). */
    oneToOne?: true;
  }[];
  /** TypeORM class, or Sequelize model name. */
  name: string;
  /** Sequelize: the class that declares the model, when its `modelName` is another (`BookAuthor` of `bookAuthor`). */
  className?: string;
  /** The table name as written; undefined: the ORM's default for `name`. */
  tableName?: string;
  /** The table name is written, but computed by code (`@Entity(tableFor("x"))`): the table is Unknown. */
  tableNameUnknown?: OrmUnknown;
  /**
   * TypeORM: the class's further `@Entity` decorators (`@Entity() @Entity("recordings") class
   * Recording`). TypeORM builds an entity of each — synchronize and `migration:generate` make every
   * table — while its repository uses the first written (the last applied). Each one's table name
   * as written (undefined: the default), or Unknown.
   */
  alsoTables?: { tableName?: string; unknown?: OrmUnknown }[];
  /**
   * Sequelize: `Model.init(attributes, { modelName: DataBaseModelNames.USER })` — the model's name
   * (which names the keys of its associations) is given by code; `name` stays the class's, by which
   * the code refers to it. The resolution layer evaluates it into `modelName`, or it stays Unknown.
   */
  modelNameUnknown?: OrmUnknown;
  /** Sequelize: the model name evaluated from `modelNameUnknown` (see there). */
  modelName?: string;
  /** Sequelize `define(NAME, …)` whose NAME is `modelNameUnknown`: `name` is its text until evaluated, the model's name after. */
  namedByModelName?: true;
  /**
   * What every name the code can compute starts with (`__chart__${name}` → `__chart__`): the
   * Unknown table is one of the tables with such a name, no other.
   */
  tableNamePrefixes?: string[];
  schema?: { name: string; location: Location };
  /** The schema is written, but not as a literal: resolved across modules, or the table's columns are incomplete. */
  schemaUnknown?: OrmUnknown;
  location: Location;
  columns: OrmColumnDecl[];
  indexes: OrmIndexDecl[];
  uniques: { name?: string; columns: string[]; location: Location }[];
  /** Sequelize options that add columns and name things (Sequelize's defaults where the model sets none). */
  sequelize?: {
    timestamps: boolean; paranoid: boolean; underscored: boolean; freezeTableName: boolean;
    /** Sequelize 4 and older: whether the table name is underscored (`underscored` does not name it there). */
    underscoredAll?: boolean;
    /**
     * Sequelize 4 and older: `underscored` names only what Sequelize generates (the timestamps, the keys
     * associations add); a declared attribute, and a key or timestamp named in the options, keep the
     * name written. (Sequelize 5 made `underscored` set every attribute's field.)
     */
    underscoredGeneratedOnly?: boolean;
    /**
     * The instance's `define.timestamps` (Sequelize's default where it sets none): a join table
     * belongsToMany defines takes it, never the model's own (its `timestamps` is left out of what the
     * association copies). Null: the instances disagree, or their options are not read.
     */
    defineTimestamps?: boolean | null;
    createdAt?: string | false; updatedAt?: string | false; deletedAt?: string | false; /** `version: true` or its attribute's name: the optimistic-locking column. */ version?: string; /** Sequelize 7 types the timestamps it adds DATE(6). */ timestampPrecision?: number };
  /**
   * TypeORM `@Tree("closure-table")`: the `<table>_closure` table TypeORM creates (ancestor and
   * descendant of each key column, `level` with `@TreeLevelColumn`). `namedByCode`: its column names
   * come from functions (`ancestorColumnName`), so they are Unknown.
   */
  closureTable?: {
    name?: string; level: boolean; namedByCode: boolean; location: Location;
    /** `ancestorColumnName: () => 'ancestor_id'` (a function returning one name whatever column it is given): that name. */
    ancestorName?: string; descendantName?: string;
  };
  /** The Sequelize flags the model sets itself: the project's `define` options fill in the others. */
  sequelizeExplicit?: Partial<Record<SequelizeFlag, boolean>>;
  /**
   * Attributes the module takes off the model after defining it (`IndexValue.removeAttribute('id')`,
   * Sequelize's way to a table without the implicit `id`): no column, and no implicit key for `id`.
   */
  removedAttributes?: string[];
  /** Flags the model's options may set through a spread that does not evaluate: Unknown, whatever `define` says. */
  sequelizeUnknown?: SequelizeFlag[];
  /** Sequelize attributes declared `VIRTUAL` (computed by the model, never stored): their names and where. */
  virtualAttributes?: { name: string; location: Location }[];
  /** A class decorated with sequelize-typescript's `@Table` (not Sequelize 7's): its defaults are that library's (see legacySequelizeTypescript). */
  sequelizeTypescript?: boolean;
  /** TypeORM `@ManyToMany` with `@JoinTable`: the junction table the owner side creates. */
  junctions: {
    property: string; targetClass: string; targetModule?: string; name?: string; location: Location;
    /** The name is written, but computed by code: the junction table is Unknown. */
    nameUnknown?: OrmUnknown;
    /** `@JoinTable({ joinColumn, inverseJoinColumn })`: the junction's column names, where given. */
    joinColumn?: { name?: string; referencedColumn?: string };
    inverseJoinColumn?: { name?: string; referencedColumn?: string };
    /** `joinColumns: […]` / `inverseJoinColumns: […]`: the columns of each side, in the order written. */
    joinColumns?: { name?: string; referencedColumn?: string }[];
    inverseJoinColumns?: { name?: string; referencedColumn?: string }[];
    /** `@JoinTable({ synchronize: false })`: TypeORM neither creates the junction nor generates its migrations. */
    notSynchronized?: Location;
  }[];
  /** Parts the reader could not understand statically. */
  incomplete?: string[];
  /**
   * TypeORM: relations whose join columns the reader could not read (listed by code, a one-to-one
   * over several columns, a name computed by code): an `@Index`/`@Unique` naming one is over Unknown columns.
   */
  relationsUnread?: string[];
  /**
   * Sequelize `X.init(attributes, options)` (or `super.init` in X's static method): the overrides of
   * `static init` the call runs through, read in the model's module (nearest first), and `next`, the
   * class whose own `init` (and its bases') the resolution layer looks up in other modules.
   * `baseUnread`: a base that is no class of the project nor Sequelize's Model (its `init` is Unknown).
   */
  sequelizeInit?: { overrides: (SequelizeInitOverride & { file: string })[]; next?: string; baseUnread?: string; /** The reader took the attributes the nearest override adds. */ baseAttributes?: boolean };
  /** `class X extends Base`: the base class, and the module it is imported from (resolved like TypeScript's relative imports). */
  base?: { name: string; module?: string; applied?: MixinApplication };
  /**
   * Declared inside a mixin (`function withTimestamps(base) { class Timestamped extends base {…} return
   * Timestamped }`): the class extends the function's parameter at this position; its `name` is the
   * function's followed by `()`, and it has no `base` of its own (each application gives one).
   */
  mixin?: { parameter: number };
  /**
   * Properties decorated by a decorator that is not the ORM's (`@DbAwareColumn({ type: "jsonb" })`),
   * read as if it were `@Column` with those options: a column when the decorator is a project
   * function that applies the ORM's `Column` (see `columnDecorators`).
   */
  customColumns?: { decorator: string; column: OrmColumnDecl }[];
  /**
   * Properties with no TypeORM decorator but decorators imported from the project's own modules:
   * unless one of them is a known column decorator, the entity's columns are Unknown.
   */
  projectDecorators?: { property: string; decorators: string[] }[];
  /**
   * TypeORM: a MongoDB document class (`@ObjectIdColumn`): a collection, no table. Kept (as a base
   * only) so that the classes that extend it are known to be documents too.
   */
  document?: true;
  /** A class without @Entity / @Table that declares columns: it maps no table, its subclasses inherit its columns. */
  abstractBase?: boolean;
  /** A Sequelize 7 model (`@sequelize/core`): the keys it names are camelised with a lower-case first letter. */
  sequelize7?: true;
  /** TypeORM EntitySchema: the variables of the file's schemas it embeds (`embeddeds: { address: { schema: AddressSchema } }`). */
  embeddedSchemas?: string[];
  /**
   * sequelize-typescript: the decorator (`Table`, else a column decorator) this model class applies
   * under a name the file takes from a module of the project (a barrel), or declares itself — the
   * resolution layer confirms it is sequelize-typescript's own; else the model's options are Unknown.
   */
  decoratorVia?: string;
  /**
   * sequelize-typescript: a class extending a model without @Table, decorated by a decorator of the
   * project's called with options (`@AppTable({ tableName: 'orders' })`), its options read as @Table's:
   * a model where the resolution layer finds that decorator hands them on to @Table (see
   * SequelizeTableWrapper), else the base of attributes a class without @Table is.
   */
  tableWrapperCandidate?: string;
  /** Whether the model has a table is Unknown, and why (a Sequelize 7 model class without @Table). */
  existenceUnknown?: string;
  /**
   * TypeORM `@Entity({ synchronize: false })` (or an EntitySchema's): neither TypeORM's schema sync
   * nor the migrations it generates manage the table; something else makes it (a library's own
   * tables, a view kept by hand). Where the option is written.
   */
  notSynchronized?: Location;
  /** TypeORM: `synchronize` given by code — whether TypeORM makes the table (or the migrations must) is Unknown. */
  synchronizeUnknown?: Location;
  /** TypeORM: loaded only by data sources that build nothing (see entityLoading's `buildsNothing`): the first of them. */
  loadedOnlyWhereNothingIsBuilt?: Location;
  /**
   * TypeORM: the one data source that loads it, where the project's data sources list their entities
   * apart (an API database and a Timescale one): its tables are created together, in that database.
   */
  dataSourceKey?: string;
  /**
   * TypeORM: `@Entity() abstract class` outside single-table inheritance. Extended by other
   * entities or not, it has a table of its own only where a data source loads the class itself: Unknown.
   */
  abstractEntity?: true;
  /**
   * TypeORM `@TableInheritance()`: single-table inheritance; the `@ChildEntity()` classes that extend
   * this entity keep their columns in its table, with the discriminator column when one is given.
   */
  singleTable?: { discriminator?: OrmColumnDecl; location: Location };
  /** TypeORM `@ChildEntity()`: no table of its own; its columns go to the table of the entity it extends. */
  singleTableChild?: boolean;
}

/** `X.belongsTo(Y, { foreignKey })` and friends: a foreign key the association adds. */
export interface OrmAssociation {
  source: string;
  /** Declared by a sequelize-typescript decorator: made when the instance adds the model, in the order it adds them. */
  decorated?: true;
  kind: 'belongsTo' | 'hasOne' | 'hasMany' | 'belongsToMany';
  target: string;
  /** The module the target class is imported from (`@BelongsTo(() => User)` with `import { User } from '../models'`). */
  targetModule?: string;
  /**
   * The module the source is imported from, or whose function made it (`const Task =
   * require('./task')(sequelize, DataTypes)`, `db.tasks = …`): the model that module defines.
   */
  sourceModule?: string;
  /** The module the through model is imported from (`@BelongsToMany(() => User, () => VisibilityUser)`). */
  throughModule?: string;
  foreignKey?: string;
  /** `targetKey` (belongsTo) or `sourceKey` (hasOne, hasMany): the attribute the key references, when not the primary key. */
  referencedKey?: string;
  /** `targetKey`/`sourceKey` given by code (or possibly set by spread options): which column the key refers to is Unknown. */
  referencedKeyUnknown?: boolean;
  /** `constraints: false`: the key is a plain column, with no foreign key constraint (polymorphic associations). */
  constraints?: false;
  /** `as` given by code: the key it names (belongsTo, hasOne, a self-association) is Unknown. */
  asUnknown?: boolean;
  /** `foreignKey` (or `otherKey`) given by code: which column the key is, is Unknown. */
  foreignKeyUnknown?: boolean;
  otherKeyUnknown?: boolean;
  /**
   * `as`, `through`, `foreignKey` or `otherKey` written as a name (`as: AVATAR_ALIAS`, an imported
   * constant): evaluated by the resolution layer; until then (and where it does not evaluate to a
   * string) the alias or key is Unknown and the through names the variable.
   */
  refs?: { as?: ValueRef; through?: ValueRef; foreignKey?: ValueRef; otherKey?: ValueRef };
  /** `as`: the alias, which names the foreign key of `belongsTo` and `hasOne` when `foreignKey` does not. */
  as?: string;
  /** `foreignKey: { name, allowNull: false }`: the column is NOT NULL. */
  foreignKeyAllowNull?: boolean;
  /** Options spread from code that may set the key's `allowNull` (`foreignKey: { name, ...keyOptions }`): where it was read, its nullability is Unknown. */
  foreignKeyAllowNullUnknown?: Location;
  /** `foreignKey: { field: 'project_uuid' }`: the key's column, whatever its attribute is called. */
  foreignKeyField?: string;
  /**
   * `foreignKey: { type }`, else `keyType` (belongsTo, hasOne, hasMany): the type of a key column the
   * association adds, instead of the referenced key's; Unknown where code computes it.
   */
  foreignKeyType?: ColumnType | Unknown;
  /** belongsToMany: the through model, or the table Sequelize defines under that name. */
  through?: string;
  /** belongsToMany `through: 'name'` (a string): a table name when no model has that name; else `through` names a model or a variable. */
  throughIsTableName?: boolean;
  /** belongsToMany: `otherKey`, the key to the target. */
  otherKey?: string;
  /** belongsToMany `through: { unique: false }`: no unique constraint on the two keys. */
  throughUnique?: false;
  /** belongsToMany `timestamps: false`: the table Sequelize defines has no createdAt/updatedAt. */
  throughTimestamps?: boolean;
  /**
   * sequelize-typescript's `@BelongsToMany`: keys not written are the through model's `@ForeignKey`
   * attributes to each side (sequelize-typescript requires them), not Sequelize's default names.
   */
  keysOfThroughModel?: true;
  /** sequelize-typescript's `@BelongsTo`/`@HasMany`/`@HasOne` with no key written: the holder's `@ForeignKey` to the other model. */
  keyByForeignKeyDecorator?: true;
  location: Location;
}

export type SequelizeFlag = 'timestamps' | 'paranoid' | 'underscored' | 'freezeTableName' | 'underscoredAll';

/**
 * A model class's own `static init(attributes, options)` that hands both to `super.init` — the
 * options its subclasses' `init` calls then get: `before` the caller's (the caller's win), `after`
 * (they win). A value `null` is written but does not evaluate; `''` for `modelName` is `this.name`.
 */
export interface SequelizeInitOverride {
  before: Record<string, boolean | string | null>;
  after: Record<string, boolean | string | null>;
  /** The options handed on are not read (a body doing more than `super.init(…)`, a computed object): all Unknown. */
  optionsUnread?: boolean;
  /** The caller's options are not spread into what is handed on: only the override's count. */
  dropsCallerOptions?: boolean;
  /** The attributes handed on are not the caller's as they are: the model's columns are incomplete. */
  attributesChanged?: boolean;
  /**
   * The caller's attributes with the override's own around them (`{ id: …, ...attributes }`), lent as
   * the literal `<Class>.init.attributes`: the model's reader takes them (`sequelizeInit.baseAttributes`).
   */
  addsAttributes?: boolean;
  /** The method's name, in the module that declares the class. */
  range: Range;
}

/** `new Sequelize(…, { define: { … } })`: model options for every model of the project. */
export interface SequelizeDefine {
  flags: Partial<Record<SequelizeFlag, boolean>>;
  /** `createdAt: 'created'`, `updatedAt: false`: the timestamp attributes' names (false: none). */
  timestampNames?: Partial<Record<'createdAt' | 'updatedAt' | 'deletedAt', string | false>>;
  schema?: string;
  /** Some option is computed by code: what it sets is Unknown. */
  unread?: boolean;
  /**
   * The instance's options are a module of the project's (`new Sequelize(databaseConfig)`, imported
   * or required from '../config/database'): its `define` is read where it is written; a module the
   * workspace lacks leaves them Unknown.
   */
  optionsModule?: string;
  location: Location;
}

/**
 * A project's own decorator that applies sequelize-typescript's `@Table` with the options its
 * caller gives (`export function Table({ lookupFields, ...options }) { return (target) =>
 * SequelizeTable({ ...options, indexes, tableName: options.modelName, modelName: target.name })(target) }`):
 * what it sets in them. Options it does not set reach `@Table` as the caller wrote them.
 */
export interface SequelizeTableWrapper {
  /** Options it sets: a literal, another of the caller's options, the decorated class's name, or a value computed by code. */
  sets: Record<string, { literal: string | boolean | number } | { option: string } | { className: true } | { computed: true }>;
  /** Options it changes in place in the caller's object (`options.indexes = …`). */
  changes: string[];
}

export interface OrmModelFacts {
  file: string;
  /**
   * A package.json depending on sequelize-typescript 0.x: before 1.0 the library started every model
   * of its instance from `{ timestamps: false, freezeTableName: true }` (DEFAULT_DEFINE_OPTIONS,
   * merged under the instance's `define`), not from Sequelize's defaults. The models of the package
   * (under this file's folder) start from those.
   */
  legacySequelizeTypescript?: { version: string; location: Location };
  /**
   * A package.json depending on Sequelize 4 or older (`"^4.19.0"`; sequelize-typescript 0.x runs on it
   * too): the models of the package name their columns and tables as those versions do (see
   * `underscoredGeneratedOnly`).
   */
  legacySequelize?: { version: string; location: Location };
  /**
   * A package.json depending on egg-sequelize: Egg.js makes the instance from the application's
   * `config.sequelize` merged over the plugin's defaults, whose `define` is `{ freezeTableName: false,
   * underscored: true }` — the models of the package start from those, unless the application's
   * configuration gives a `define` of its own (which replaces them, as Object.assign does).
   */
  eggSequelize?: { location: Location };
  /** This file creates the Sequelize instance with ORM-wide model options. */
  sequelizeDefine?: SequelizeDefine;
  /**
   * This file creates a Sequelize instance (`new Sequelize(…)`), with or without model options:
   * an application that makes one is not a package of models another application's instance loads.
   */
  sequelizeInstance?: true;
  /**
   * sequelize-typescript's models as this module hands them to the instance, in that order
   * (`sequelize.addModels([User, Post])`, `new Sequelize({ models: [User, Post] })`,
   * `SequelizeModule.forRoot({ models: […] })`): each list as written, every element a class name as
   * the file binds it. The associations are made model by model in this order, and the first to
   * take a key sets its `allowNull` (see sequelizeAssociationKeys).
   */
  sequelizeModelOrder?: { name: string; module?: string }[][];
  /**
   * Keys of an object this file fills with the models its modules' functions make (`const models =
   * { Pod: PodModel(sequelize, Sequelize) }`): key → the module (as written). Associations elsewhere
   * name the model by the key (`models.Pod`), which is no model name.
   */
  modelsByKey?: Record<string, string>;
  /** The project's own `@Table` decorators this module declares, each applying sequelize-typescript's (see SequelizeTableWrapper). */
  tableWrappers?: Record<string, SequelizeTableWrapper>;
  orm: Orm;
  entities: OrmEntityDecl[];
  associations: OrmAssociation[];
  /** TypeORM data sources' naming strategies set in this file (the builder decides what they name). */
  namingStrategies?: TypeOrmNamingStrategy[];
  /**
   * TypeORM data sources' `entityPrefix` set in this file (`entityPrefix: "crw_"`): TypeORM puts it
   * before every entity's and join table's name. `value` undefined: code computes it.
   */
  entityPrefixes?: { value?: string; text: string; location: Location }[];
  /**
   * TypeORM data sources' `schema` set in this file (`schema: "app"`): the schema of the entities and
   * of the query runner's tables that name none. `value` undefined: code computes it.
   */
  dataSourceSchemas?: { value?: string; text: string; location: Location }[];
  /**
   * Code that makes the schema from the models whenever the application starts: a TypeORM data
   * source's `synchronize: true`, an unconditional `sequelize.sync()`. Read as written; whether the
   * file is a test or a script is decided by its path where the finding is made.
   */
  syncsSchema?: Location[];
  /**
   * Those of them that also change the tables that exist to follow the models — TypeORM's synchronize,
   * `sequelize.sync({ alter: true })` or `{ force: true }` — where a plain `sync()` only creates the
   * tables missing: a column the migrations lack is added only by these.
   */
  altersSchema?: Location[];
  /**
   * TypeORM data sources' entity lists in this file: `autoLoadEntities: true` (NestJS loads the
   * entities its modules register), the classes `entities: [User, Post]` names, and whether it
   * names them otherwise too (`open`: globs, spreads, code) — then any entity may be loaded.
   */
  entityLoading?: {
    autoLoad: boolean; listed: string[]; open: boolean; location: Location;
    /**
     * A data source made here (`new DataSource({ … })`) that neither synchronizes nor runs migrations
     * (a script's, mapping tables something else makes): what it loads, it builds nothing of.
     */
    buildsNothing?: true;
    /** Options given to NestJS's `TypeOrmModule.forRoot(…)` / `forRootAsync(…)`: the application's own, no ormconfig read beside them. */
    nestRoot?: true;
    /**
     * Options a data source is made with right here (`new DataSource({ … })`, `createConnection({ … })`)
     * that may build (synchronize or migrations): an application's, which reads no ormconfig.
     */
    madeHere?: true;
    /** `export const ormconfig: DataSourceOptions = { … }`: the constant holding the options (another module may hand it to forRoot). */
    binding?: string;
    /** The module each listed class is imported from, as written: of two classes of one name, the one listed. */
    listedFrom?: Record<string, string>;
  }[];
  /** `TypeOrmModule.forRoot(ormconfig)`: the constants holding options this file hands NestJS's root module, as it binds them. */
  nestRootOptions?: { name: string; module?: string }[];
  /** `TypeOrmModule.forFeature([User, Post])`: the entities this file's NestJS modules register; null: a list code computes. */
  registeredEntities?: (string | null)[];
  /**
   * TypeORM: a data source made from the ormconfig (`createConnection()`, `getConnectionOptions()`,
   * NestJS's `TypeOrmModule.forRoot()` given nothing): it loads entities no code here lists.
   */
  readsOrmconfig?: true;
  /** Functions of this file that return or apply TypeORM's `Column(...)`: project column decorators. */
  columnDecorators?: string[];
  /**
   * Decorator functions of this file that apply nothing of TypeORM's: their body calls only what
   * JavaScript, the decorator's own values and libraries of other concerns give (MikroORM, validation,
   * API docs) — `@Calculated()` recording a getter, `@VirtualMultiOrmColumn()` applying MikroORM's
   * `Property`. A property they decorate is no column.
   */
  inertDecorators?: string[];
  /**
   * Functions of this file that apply a TypeORM decorator (`MultiORMEntity` applying `Entity`):
   * name → the decorator, and whether its arguments reach it unchanged (else what they say of
   * types is Unknown).
   */
  decoratorWrappers?: Record<string, DecoratorWrapper>;
  /** Schemas created by code in this file (`createSchema`, CREATE SCHEMA in a string). */
  schemasCreated: { name: string; location: Location }[];
  /** Imports, constants and re-exports of the module, for names resolved across modules. */
  symbols?: TsModuleSymbols;
  /** Columns or attributes spread from other modules (`...BaseColumns`): see lentLiterals.ts. */
  importedLiterals?: ImportedLiteral[];
  /**
   * The databases this file connects the ORM to: a TypeORM data source's `type`, Sequelize's
   * `dialect` or the scheme of its URL. `name` undefined: computed by code (Unknown).
   */
  databases?: OrmDatabaseSetting[];
  /**
   * The search_path this file's connection code sets (`SET search_path TO app` in a connect hook,
   * Sequelize's `searchPath: 'app'`): where PostgreSQL finds the tables it names without a schema.
   * `schemas` undefined: set by code from a value the reader cannot evaluate.
   */
  searchPath?: { schemas?: string[]; location: Location };
  /**
   * Models handed to sequelize-temporal's `Temporal(Model, sequelize)`: each gets a history model
   * (`<Model>History`, its table named by the project's options) defined at run time.
   */
  historyOf?: { model: string; location: Location }[];
}

/** Where a file names the database its ORM connects to. */
export interface OrmDatabaseSetting {
  /** As written (`postgres`, `mysql`); undefined when code computes it (`process.env.DB_TYPE`). */
  name?: string;
  /** `name` is the default of an environment variable (`process.env.DB_DIALECT || "mysql"`): what runs unless the deployment says otherwise. */
  environmentDefault?: true;
  location: Location;
  /**
   * TypeORM: the data source's `migrations` globs that evaluate (`__dirname + '/migrations/**\/*{.ts,.js}'`),
   * with `/` separators: absolute where `__dirname` starts them (`from: 'file'`), else relative to the
   * folder the application runs in (`from: 'cwd'`).
   */
  migrations?: { pattern: string; from: 'file' | 'cwd' }[];
  /** TypeORM: the migration classes the data source lists itself (`migrations: [Init…, AddUsers…]`): their modules, as absolute paths without extension. */
  migrationModules?: string[];
  /** TypeORM: a `migrations` option not read whole (a spread, a call, a class not imported from the project): it may run any. */
  migrationsUnread?: true;
}
