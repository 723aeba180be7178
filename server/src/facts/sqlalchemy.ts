/**
 * What the SQLAlchemy reader extracts from one Python file: declarations as written, with their
 * locations. Names are resolved across modules by server/src/resolve/python (constants, aliases,
 * helpers) and the model builder (bases, mixins, class references).
 */
import type { NamingConvention } from '../model/namingConvention';
import type { MigrationOperation } from '../model/operations';
import type { ColumnType, OptionAnchor, Relationship } from '../model/schema';
import type { Location } from '../model/source';

/**
 * A string the model code builds from constants: literal pieces and names to look up (`f"{SCHEMA}.users.id"`,
 * `PREFIX + "accounts"`). The resolution layer evaluates it through the module graph, or it stays Unknown.
 */
export type StringTemplate = (string | { name: string })[];

export interface PyForeignKeyRef {
  /** The reference as written: `lead.leads.id`, `Lead.id`, `users.c.id`. */
  text: string;
  kind: 'string' | 'class' | 'table';
  /** string: the dotted parts; class: [ClassName, attribute]; table: [tableVariable, column]. */
  parts: string[];
  /** The `ForeignKey(...)` call (or the constraint). */
  location: Location;
  /** `use_alter=True`: SQLAlchemy creates the constraint after all the tables of the statement. */
  useAlter?: boolean;
  /** Inside the quotes, for string references. */
  textLocation?: Location;
  /** A reference built from constants: `text` and `parts` are filled in when it is evaluated. */
  template?: StringTemplate;
  /** A reference built by the project's name functions (`"farm_" + snake_case("Land") + ".land_id"`): evaluated the same way. */
  expr?: NameExpr;
}

export type PyColumnRef =
  /**
   * A column by a string: a key of the table's columns (`Index("ix", "account_id")`, SQLAlchemy's
   * `table.c[name]`), or with `sql`, SQL naming the column itself (`text("created_at DESC")`).
   */
  | { kind: 'name'; name: string; sql?: true }
  | { kind: 'attribute'; attribute: string }
  | { kind: 'classAttribute'; className: string; attribute: string }
  | { kind: 'tableColumn'; table: string; column: string }
  | { kind: 'expression'; text: string };

export interface PyColumnDecl {
  attribute?: string;
  /** Explicit column name (`Column("name", ...)` or `name=`). */
  name?: string;
  /**
   * `key=`: the name the table knows the column by (`table.c[key]`, and the strings of its indexes
   * and constraints); its name when not written. Null: written, but computed by code.
   */
  key?: string | null;
  type?: ColumnType;
  /** The type is written, but by code the reader cannot evaluate (`column_type("id")`): why. */
  typeUnknown?: string;
  /**
   * `String(NAME_MAX)`: a sized type whose sizes are names (a string) or literals, for the resolution
   * layer to evaluate through the module graph; the type stays Unknown where one does not.
   */
  typeSizes?: { typeName: string; written: string; args: (number | string)[] };
  /**
   * `Enum(UserRole, native_enum=False)` of an enum class of another module: a VARCHAR as long as its
   * longest member name, once the model builder finds the class the name is imported as.
   */
  nonNativeEnumOf?: { className: string; written: string; enumName: string };
  /** `nullable=` is written, but not as a literal. */
  nullableUnknown?: boolean;
  /** Why the nullability is Unknown, where it is not `nullable=` computed by code. */
  nullableUnknownReason?: string;
  /** Type inferred from a `Mapped[...]` annotation. */
  annotationType?: ColumnType;
  /** `Mapped[Optional[X]]` / `Mapped[X | None]`. */
  annotationOptional?: boolean;
  /**
   * The Python type inside `Mapped[...]` (Optional removed), as written, when it is a name the
   * resolution layer may know more about: an `Annotated` alias, an enum class, a key of the base's
   * `type_annotation_map`.
   */
  annotationName?: string;
  style: 'Column' | 'mapped_column' | 'annotation';
  nullable?: boolean;
  primaryKey: boolean;
  unique: boolean;
  index: boolean;
  /** A `CheckConstraint(...)` among the column's arguments: the values it may hold are restricted. */
  checked?: true;
  /** `index=` or `unique=` written, but not as a literal (`index=settings.INDEXED`): whether it is indexed is Unknown. */
  indexUnknown?: boolean;
  /** Removal range of `index=True`, for the "remove the redundant index" fix. */
  indexRemoval?: Location;
  indexLocation?: Location;
  foreignKeys: PyForeignKeyRef[];
  /** A `ForeignKey(...)` whose target is computed by code the reader cannot evaluate. */
  foreignKeyUnread?: boolean;
  serverDefault?: string;
  /** A `server_default` whose SQL the reader cannot see (a constant, a project's SQL construct). */
  serverDefaultUnknown?: boolean;
  /** `server_default=DEFAULT_STATUS`, `server_default=utils.SECRET_TYPE_OPAQUE`: the name, for the resolution layer to evaluate. */
  serverDefaultRef?: string;
  location: Location;
  anchor?: OptionAnchor;
}

export interface PyIndexItem {
  kind: 'index';
  name?: string;
  columns: PyColumnRef[];
  unique: boolean;
  where?: string;
  method?: string;
  /** `postgresql_ops`: column → operator class. */
  opclasses?: Record<string, string>;
  /** `mysql_length=4` (or `mariadb_length`), as written: on MySQL, an index of that many leading characters. */
  prefixLengths?: string;
  location: Location;
  removal?: Location;
}

export interface PyUniqueItem {
  kind: 'unique';
  name?: string;
  columns: PyColumnRef[];
  location: Location;
  removal?: Location;
}

export interface PyForeignKeyConstraintItem {
  kind: 'foreignKey';
  columns: PyColumnRef[];
  refs: PyForeignKeyRef[];
  location: Location;
}

export interface PyPrimaryKeyItem {
  kind: 'primaryKey';
  columns: PyColumnRef[];
  location: Location;
}

export type PyTableItem = PyIndexItem | PyUniqueItem | PyForeignKeyConstraintItem | PyPrimaryKeyItem;

/** A parameter of a column helper: where the call gives it, and its default when that is a literal. */
export interface HelperParameter {
  name: string;
  index: number;
  default?: string | number | boolean;
}

export interface PyClassDecl {
  name: string;
  bases: string[];
  file: string;
  location: Location;
  tablename?: { value: string; location: Location };
  tablenameDynamic: boolean;
  /**
   * `def __init_subclass__(cls): cls.__tablename__ = prefixed(cls.__tablename__)`: subclasses' table
   * names are rewritten by code — every subclass's (`true`), or, under `if hasattr(cls, "NAME")`,
   * those of the subclasses that have these attributes (`onlyWith`).
   */
  renamesTables?: true | { onlyWith: string[] };
  /** Names the class body assigns (`TABLE_PREFIX = "x"`), for `hasattr(cls, …)` in a base's `__init_subclass__`. */
  assignedNames?: string[];
  /** `__tablename__ = PREFIX + "users"`: evaluated by the resolution layer. */
  tablenameTemplate?: { parts: StringTemplate; location: Location };
  /** `__table_args__ = {"schema": SCHEMA}`: evaluated by the resolution layer. */
  schemaTemplate?: { parts: StringTemplate; location: Location };
  abstract: boolean;
  /** `class Base(DeclarativeBase)`: a declarative base, root of its own MetaData. */
  declarativeRoot?: boolean;
  /**
   * `class Timestamps:` / `class Timestamps(object):`, undecorated: a mixin. Declarative mapping
   * needs a base, so such a class is never a table of its own, whatever it declares.
   */
  plain?: boolean;
  /**
   * A `@declared_attr __tablename__` whose body is the CamelCase-to-snake_case idiom recognised by its
   * text (`re.split` and `.lower()`), where the name evaluator (`tablenameExpr`) cannot follow it.
   */
  tablenameRule?: 'snake';
  /**
   * A `@declared_attr __tablename__` whose body is an expression of the class name the reader can
   * evaluate (`return CAMEL_TO_SNAKE.sub("_", cls.__name__).lower()`, `return "events"`): evaluated
   * for each mapped class that inherits it, once the resolution layer has bound its names.
   */
  tablenameExpr?: NameExpr;
  /** `__table__ = Table("activity", …)`: the class maps that Core table (read with the module's Core tables). */
  coreTable?: string;
  /** `id = None` in a class body: an attribute a base declares that this class does not map. */
  removedAttributes?: string[];
  /** `id = primary_key("Organization")`: attributes built by a call of a project function (resolved by the builder). */
  helperColumns?: {
    attribute: string; callee: string; location: Location;
    /** `email = RequiredColumn(String(200))`: the call read as a `Column(...)`, for when the callee is a column alias. */
    column?: PyColumnDecl;
    /** The call's string arguments (null: another expression), for a helper that names the column by one. */
    arguments?: { positional: (string | number | boolean | null)[]; keywords: Record<string, string | number | boolean | null> };
  }[];
  /** `type_annotation_map = {datetime: DateTime(timezone=True)}` on a declarative base: Python type name → column type. */
  typeAnnotationMap?: [string, ColumnType][];
  /** `class Hero(SQLModel, table=True)`: a SQLModel table (its name is the class name lower-cased). */
  sqlmodelTable?: boolean;
  /** Annotated fields of a class that are not `Mapped[...]` (SQLModel / pydantic fields): columns of SQLModel tables. */
  fields?: PyFieldDecl[];
  /** A `TypeDecorator` subclass's `impl = DateTime`: the type it stores. */
  typeImpl?: ColumnType;
  /** Its code decides the type it stores in a way the reader cannot follow (`load_dialect_impl`, `self.impl = …` in `__init__`): Unknown, not its base's. */
  typeImplUnknown?: true;
  /**
   * `@declared_attr def id_field_path(cls) -> str: return f"{cls.__tablename__}.id"`: strings built
   * from the class's table name, by attribute (null stands for the table name). No mapped attribute;
   * `ForeignKey(System.id_field_path)` references through one.
   */
  tableStrings?: Record<string, (string | null)[]>;
  schema?: { name: string; location: Location };
  tableArgsDynamic: boolean;
  /** `__mapper_args__ = {"primary_key": [...]}`: SQLAlchemy maps the class by columns the table need not key on. */
  mapperPrimaryKey?: true;
  /**
   * `@declared_attr def __table_args__(cls): return cls._table_args + (…)`: the table arguments of
   * each mapped subclass are its own class attribute of that name (see tupleAttributes), then this
   * class's items (read into `items` and `checks`).
   */
  tableArgsFrom?: { attribute: string };
  /**
   * Class attributes assigned a tuple of table arguments (`_table_args = (PrimaryKeyConstraint(…),
   * Index(…))`), by name: what a base's `__table_args__` may take from the class (see tableArgsFrom).
   */
  tupleAttributes?: Record<string, { items: PyTableItem[]; checks?: (string | null)[]; dynamic: boolean }>;
  /** `CheckConstraint(...)` in `__table_args__`: its SQL text, or null where code computes it. */
  checks?: (string | null)[];
  /** `metadata = MetaData(schema=...)` on a DeclarativeBase subclass. */
  metadataSchema?: string;
  /** `metadata = some_metadata_variable` */
  metadataVariable?: string;
  columns: PyColumnDecl[];
  items: PyTableItem[];
  relationships: Relationship[];
  /** Set for `class X(enum.Enum)`: the member values (or names when values are not literal). */
  enumValues?: string[];
  /** Of an enum class: the members whose value is a string literal (`ACTIVE = "active"`), for `Status.ACTIVE.value`. */
  enumMembers?: { name: string; value: string }[];
  /** Of an enum class: every member's name (what a non-native SQLAlchemy Enum stores). */
  enumNames?: string[];
  /** Columns or table parts computed by code (`@declared_attr`, splats). */
  dynamicParts: string[];
}

/** A SQLModel field: `name: Optional[str] = Field(default=None, max_length=50, foreign_key="team.id")`. */
export interface PyFieldDecl {
  attribute: string;
  /** The Python type, Optional removed. */
  annotation: string;
  /** `Optional[X]` / `X | None`. */
  optional: boolean;
  primaryKey: boolean;
  /** `nullable=` of the Field, where it is a literal. */
  nullable?: boolean;
  nullableUnknown?: boolean;
  /** Why the nullability is Unknown, where it is not `nullable=` computed by code. */
  nullableUnknownReason?: string;
  /** A None default on a type that is not Optional: nullable under pydantic 1, NOT NULL under 2 (see pydanticMajor). */
  noneDefault?: boolean;
  index: boolean;
  unique: boolean;
  foreignKey?: PyForeignKeyRef;
  maxLength?: number;
  maxDigits?: number;
  decimalPlaces?: number;
  /** `sa_type=`: the column type given explicitly. */
  saType?: ColumnType;
  /** `sa_column=Column(...)`: the whole column given explicitly. */
  saColumn?: PyColumnDecl;
  location: Location;
  indexLocation?: Location;
}

export interface PyCoreTableDecl {
  variable?: string;
  name: string;
  /** `Table(f"{PREFIX}events", …)`: the name is evaluated by the resolution layer (`name` is a placeholder). */
  nameTemplate?: StringTemplate;
  /** `schema=SCHEMA`: evaluated by the resolution layer. */
  schemaTemplate?: StringTemplate;
  file: string;
  location: Location;
  metadataVariable?: string;
  schema?: { name: string; location: Location };
  columns: PyColumnDecl[];
  items: PyTableItem[];
  /** `CheckConstraint(...)` among the table's arguments: its SQL text, or null where code computes it. */
  checks?: (string | null)[];
  dynamicParts: string[];
  anchor?: OptionAnchor;
}

export interface PyLooseIndex {
  item: PyIndexItem | PyUniqueItem;
}

/**
 * A string computed from a class name, as a `@declared_attr __tablename__` or a module function it
 * calls computes it: a closed set of Python operations whose result the reader can know. Names
 * (`ref`, `pattern`, `call`) are bound by the resolution layer through the module's imports.
 */
export type NameExpr =
  /** `cls.__name__` */
  | { k: 'class' }
  /** The parameter of a name function (`def snake(name): …`). */
  | { k: 'param' }
  | { k: 'str'; v: string }
  /** A module-level string constant. */
  | { k: 'ref'; name: string }
  | { k: 'concat'; parts: NameExpr[] }
  /** `x.lower()`, `x.replace("a", "b")`, `x.strip("_")`. */
  | { k: 'method'; method: 'lower' | 'upper' | 'replace' | 'strip' | 'lstrip' | 'rstrip'; of: NameExpr; args: NameExpr[] }
  /** `re.sub(pattern, repl, of)` or `PATTERN.sub(repl, of)` with `PATTERN = re.compile(…)`; Python regex syntax. */
  | { k: 'sub'; pattern: { text: string; flags: string } | { ref: string }; repl: NameExpr; of: NameExpr }
  /** A module function of one parameter that returns a NameExpr of it. */
  | { k: 'call'; fn: string; arg: NameExpr };

export interface PyModuleFacts {
  file: string;
  classes: PyClassDecl[];
  coreTables: PyCoreTableDecl[];
  /** `metadata_obj = MetaData(schema="x")` */
  metadataVariables: Map<string, { schema?: string }>;
  /** `Base = declarative_base(metadata=..., ...)` / `Base = registry().generate_base()`. */
  /** `cls`: the class `declarative_base(cls=BodhiBase)` makes every model derive from (its columns, its `__tablename__`). */
  baseVariables: Map<string, { schema?: string; metadataVariable?: string; cls?: string }>;
  /** Module-level `Index(...)` / `UniqueConstraint(...)` over model attributes. */
  looseIndexes: PyLooseIndex[];
  schemasCreated: { name: string; location: Location }[];
  /** `CreateSchema(m.schema)`: schemas created under names computed by code (which ones is Unknown). */
  schemasCreatedByCode?: Location[];
  /** `SET search_path TO app, public` in a string of the module (`*`: written by code, any schema). */
  searchPath?: { schemas: string[]; location: Location };
  /**
   * `MetaData(naming_convention={…})` in the module: each convention given, `unknown` for one the
   * reader cannot evaluate (a template computed by code, a callable token, one set in a function).
   */
  namingConventions?: (NamingConvention | 'unknown')[];
  /** The search path of an Alembic environment's session (`searchPath` of a module of the environment). */
  environmentSearchPath?: { schemas: string[]; location: Location };
  /**
   * A module of Alembic helpers (it imports `op`): what each top-level function without parameters
   * does, for the migrations that call it (see MigrationModuleCall).
   */
  migrationFunctions?: Record<string, MigrationOperation[]>;
  /**
   * Top-level functions that only read the catalog (`def load_table(name, conn): return
   * sa.Table(name, sa.MetaData(), autoload_with=conn)`): a migration handing one its connection
   * changes nothing through it (see MigrationModuleCall.handsConnection).
   */
  readOnlyFunctions?: string[];
  /**
   * Top-level functions that only return SQL written out whose statements change no table
   * (`def enable_rls(table): return f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY; …'`): a
   * migration executing what one returns changes nothing the schema model holds (see
   * MigrationModuleCall.executesResult).
   */
  sqlChangingNoTable?: string[];
  /** Tables named by code the reader cannot evaluate (e.g. `Table(name_var, ...)`). */
  unknownTables: number;
  /**
   * Tables the code makes at run time, under names it computes: mapped classes built from a class
   * namespace with a `__tablename__` (`type(name, (Base,), {"__tablename__": name, …})`), and Core
   * `Table(cls.table_name, metadata, …)` calls inside functions (a project's own model layer), and
   * `Table("rules", metadata, Column(…))` written in a function ('function': built when it runs).
   */
  tablesBuiltByCode?: {
    location: Location; what: 'class' | 'table' | 'function';
    /** For 'function': its name as written (`"rules"`), or what it starts with (`"{}_history".format(…)`: none). */
    name?: string; namePrefix?: string;
    /** For 'function': the names of the columns it is given. */
    columns?: string[];
  }[];
  /**
   * Project functions that return a column (`def primary_key(name): return Column(…, primary_key=True)`):
   * the column they build, as far as it does not depend on their arguments (those parts are Unknown).
   */
  /** Module-level integer constants (`NAME_MAX = 80`, `BODY_MAX = 16 * 1024`), for sizes given by name. */
  numbers?: { name: string; value: number }[];
  /** Module-level functions and classes (`makesColumns`: a class deriving from `Column`). */
  definitions?: { name: string; makesColumns?: boolean }[];
  columnHelpers?: {
    name: string; column: PyColumnDecl;
    /** The column is named by this parameter (`def IDColumn(name="id"): return Column(name, …)`). */
    nameParameter?: HelperParameter;
    /** `nullable=nullable`: the call's argument decides it. */
    nullableParameter?: HelperParameter;
    /** `String(length)`: sizes the call's arguments give. */
    sizeParameters?: HelperParameter[];
    /**
     * `ForeignKey('{0}.{1}'.format(tablename, pk_name))`, `ForeignKey(f"{table}.id")`: the target
     * written from the call's arguments, text and parameters in order.
     */
    foreignKeyParts?: (string | HelperParameter)[];
    /** `Column(…, **kwargs)` of the helper's own `**kwargs`: a call's `index=True`, `unique=True`, `nullable=` are the column's. */
    forwardsOptions?: boolean;
  }[];
  /** Module-level string constants (`SCHEMA = "billing"`, `PREFIX = f"{APP}_"`), for the resolution layer. */
  constants?: { name: string; value: StringTemplate }[];
  /** `from .base import Column as C`: local name → module (as written, dots for relative) and name there. */
  imports?: { local: string; module: string; name: string }[];
  /**
   * Names the module binds once, at its top level, to a call or attribute (`UUID =
   * LargeBinary(length=16)`, `logger = getLogger()`): the type it reads as, or null where it reads as
   * none — another module's column typed by that name is of that type, or Unknown.
   */
  typeBindings?: Record<string, ColumnType | null>;
  /**
   * `intpk = Annotated[int, mapped_column(primary_key=True)]`: the Python type an alias names and the
   * column arguments it carries (merged under a column's own arguments by SQLAlchemy).
   */
  annotatedAliases?: { name: string; pythonType: string; optional: boolean; column?: PyColumnDecl }[];
  /** `Column = functools.partial(db.Column, nullable=False)`: the keyword defaults a column alias adds. */
  columnAliases?: { name: string; nullable?: boolean }[];
  /**
   * `make_versioned()` of SQLAlchemy-Continuum is called here: it adds a `<table>_version` table for
   * each versioned table, and a `transaction` table, at run time.
   */
  versioning?: { location: Location };
  /** `CAMEL = re.compile(r"(?<!^)(?=[A-Z])")`: compiled patterns, for name expressions (Python regex syntax; flags `i`). */
  patterns?: { name: string; text: string; flags: string }[];
  /** `def snake(name): return re.sub(…, name).lower()`: module functions a `__tablename__` may call. */
  nameFunctions?: { name: string; body: NameExpr }[];
}
