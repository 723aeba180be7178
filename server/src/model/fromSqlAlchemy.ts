/**
 * Builds the schema "as modelled" from the SQLAlchemy facts of every model file: resolves base
 * classes and mixins across files, MetaData schemas, class references in foreign keys and indexes.
 */
import { withoutUniqueOfPrimaryKey } from './createTable';
import * as path from 'path';
import { flaskTableNames } from './flaskTableName';
import { importedModule } from '../resolve/python/modules';
import { projectTypeImpls } from '../resolve/python/projectTypes';
import { isLibraryStub } from '../resolve/python/libraryStubs';
import { unknownValue, type Unknown } from './unknown';
import { normaliseType, resolveProjectType } from './types';
import { withProjectColumns } from '../resolve/python/projectColumns';
import { columnOfField } from '../resolve/python/sqlmodel';
import { evaluateNameExpr } from '../resolve/python/nameExpressions';
import { withResolvedStrings } from '../resolve/python/strings';
import type {
  PyClassDecl, PyColumnDecl, PyColumnRef, PyCoreTableDecl, PyForeignKeyRef, PyModuleFacts, PyTableItem,
} from '../facts/sqlalchemy';
import {
  type ColumnType,
  Column, DEFAULT_SCHEMA, EnumType, ForeignKey, Index, nearestTo, Relationship, SchemaModel, SchemaSource, Table, type UnnamedTable,
} from './schema';
import type { Location } from './source';

/** What `Base = declarative_base(metadata=…, cls=…)` gives its models. */
type BaseVariable = { schema?: string; metadataVariable?: string; cls?: string };

interface TableDraft {
  table: Table;
  /** attribute name → column name, for resolving class attributes. */
  attributes: Map<string, string>;
  /**
   * key → column name: what the strings of the table's indexes and constraints name (SQLAlchemy's
   * `table.c[key]`; a column's key is its name unless `key=` says otherwise). Undefined until a column
   * is added; `keysInDoubt` when a key is computed by code.
   */
  keys?: Map<string, string>;
  keysInDoubt?: true;
  /** Declarations to resolve once every table exists. */
  pendingForeignKeys: { columns: PyColumnRef[]; refs: PyForeignKeyRef[]; location: Location; inheritedFrom?: string }[];
  pendingItems: { item: PyTableItem; inheritedFrom?: string }[];
  metadataSchema?: string;
  /** The declarative base's `type_annotation_map`: Python type name → column type. */
  typeMap?: Map<string, ColumnType>;
  /** Strings the class (or a base) builds from its table name (see PyClassDecl.tableStrings). */
  tableStrings?: Map<string, (string | null)[]>;
}

/**
 * Bases that map no column of their own: SQLAlchemy's and Flask-SQLAlchemy's declarative bases,
 * typing and abc helpers, and the method-only mixins of common libraries (flask-login's UserMixin).
 */
const NO_COLUMN_BASES = new Set([
  'object', 'DeclarativeBase', 'DeclarativeBaseNoMeta', 'MappedAsDataclass', 'AsyncAttrs', 'Model', 'SQLModel',
  'Generic', 'ABC', 'Protocol', 'Enum', 'IntEnum', 'StrEnum', 'str', 'int', 'dict', 'TypeDecorator',
  'UserMixin', 'AnonymousUserMixin', 'RoleMixin', 'SerializerMixin', 'BaseModel', 'DefaultMeta',
]);

/** The handles quick fixes edit through (insert after the arguments, remove, replace a name). */
const EDIT_HANDLES = new Set(['anchor', 'removal', 'indexRemoval', 'textLocation']);

/**
 * A copy of `value` whose every location in `file` (its own, its foreign keys', …) is `to`, and
 * with no edit handle: a fix never edits a library's file, nor the class shown in its place.
 */
function relocated<T>(value: T, file: string, to: Location): T {
  if (Array.isArray(value)) return value.map((v) => relocated(v, file, to)) as T;
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (record.file === file && 'range' in record) return to as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!EDIT_HANDLES.has(k)) out[k] = relocated(v, file, to);
  return out as T;
}

/**
 * The schema unqualified tables are in: the first schema of the one search path the migration
 * environments set (written literally), else public.
 */
function unqualifiedSchema(modules: readonly PyModuleFacts[]): string {
  const paths = new Set(modules.flatMap((m) => (m.environmentSearchPath ? [m.environmentSearchPath.schemas.join(',')] : [])));
  if (paths.size !== 1) return DEFAULT_SCHEMA;
  const first = [...paths][0].split(',').find((s) => s !== '$user');
  return first && first !== '*' ? first : DEFAULT_SCHEMA;
}

/** What the project installs that changes what its models mean. */
export interface SqlAlchemyModelOptions {
  /** Pydantic's major release (see workspace/pythonDependencies.ts): SQLModel reads a None default through it. */
  pydanticMajor?: number;
}

export function buildSchemaFromSqlAlchemy(modules: PyModuleFacts[], options: SqlAlchemyModelOptions = {}): SchemaModel {
  return new SqlAlchemyModelBuilder(modules, options).build();
}

/**
 * What other files may depend on in a module: classes, their bases and table names, schemas,
 * attribute-to-column names, the types it binds to names, and the whole content of classes that lend columns to other tables
 * (mixins, abstract bases, single-table subclasses). When an edit leaves it unchanged, only the
 * edited file's own tables need rebuilding.
 */
export function moduleSkeleton(m: PyModuleFacts): string {
  return JSON.stringify({
    classes: m.classes.map((c) => ({
      n: c.name, b: c.bases, t: c.tablename?.value ?? c.coreTable, tt: c.tablenameTemplate?.parts, st: c.schemaTemplate?.parts, td: c.tablenameDynamic, rt: c.renamesTables, an: c.assignedNames?.filter((n) => !c.columns.some((col) => col.attribute === n) && !c.relationships.some((r) => r.attribute === n)), tr: c.tablenameRule, te: c.tablenameExpr, ti: c.typeImpl, tu: c.typeImplUnknown, tstr: c.tableStrings, a: c.abstract, p: c.plain, s: c.schema?.name,
      tad: c.tableArgsDynamic, taf: c.tableArgsFrom?.attribute, ta: c.tablename && !c.abstract ? undefined : c.tupleAttributes, ms: c.metadataSchema, mv: c.metadataVariable, e: c.enumValues,
      attrs: c.columns.map((col) => [col.attribute, col.name, col.primaryKey, col.primaryKey ? col.type : undefined]), pki: c.items.some((i) => i.kind === 'primaryKey'), rm: c.removedAttributes,
      sm: c.sqlmodelTable, tm: c.typeAnnotationMap, f: c.tablename && !c.abstract ? undefined : c.fields,
      lent: c.tablename && !c.abstract ? undefined : { columns: c.columns, items: c.items, dynamic: c.dynamicParts, schema: c.schema },
    })),
    md: [...m.metadataVariables], bv: [...m.baseVariables],
    core: m.coreTables.map((t) => [t.variable, t.name, t.schema?.name, t.metadataVariable, t.columns.map((c) => c.name)]),
    esp: m.environmentSearchPath?.schemas, loose: m.looseIndexes, unknown: m.unknownTables, vers: !!m.versioning, aa: m.annotatedAliases, imp: m.imports, tb: m.typeBindings, k: m.constants, ca: m.columnAliases, ch: m.columnHelpers, re: m.patterns, nf: m.nameFunctions,
  });
}

/**
 * Keeps the schema "as modelled" up to date as files change: a full build when the cross-file
 * skeleton changes, otherwise a rebuild of the changed file's tables only.
 */
export class IncrementalSqlAlchemyModel {
  private readonly modules = new Map<string, PyModuleFacts>();
  private readonly skeletons = new Map<string, string>();
  private builder: SqlAlchemyModelBuilder | undefined;
  private dirty = new Set<string>();
  private needsFullBuild = true;
  private last: SchemaModel | undefined;
  /** Counts of each kind of build, for tests and the benchmark. */
  readonly stats = { full: 0, partial: 0 };
  private options: SqlAlchemyModelOptions = {};

  /** What the project installs (read again with its configuration): a change rebuilds the whole model. */
  setOptions(options: SqlAlchemyModelOptions): void {
    if (JSON.stringify(options) === JSON.stringify(this.options)) return;
    this.options = options;
    this.needsFullBuild = true;
  }

  set(file: string, facts: PyModuleFacts | undefined): void {
    // Not a model file, before or now (a migration): nothing to rebuild.
    if (!facts && !this.modules.has(file)) return;
    const skeleton = facts ? moduleSkeleton(facts) : undefined;
    if (facts) this.modules.set(file, facts);
    else this.modules.delete(file);
    if (skeleton !== this.skeletons.get(file)) this.needsFullBuild = true;
    if (skeleton === undefined) this.skeletons.delete(file);
    else this.skeletons.set(file, skeleton);
    this.dirty.add(file);
  }

  /** The model; the same object while no file changed (rules reuse their findings then). */
  model(): SchemaModel {
    if (this.last && !this.needsFullBuild && !this.dirty.size) return this.last;
    if (this.needsFullBuild || !this.builder) {
      this.builder = new SqlAlchemyModelBuilder([...this.modules.values()], this.options);
      this.builder.buildTables();
      this.stats.full++;
    } else if (this.dirty.size) {
      for (const file of this.dirty) this.builder.rebuildFile(this.modules.get(file)!);
      this.stats.partial++;
    }
    this.needsFullBuild = false;
    this.dirty.clear();
    return (this.last = this.builder.result());
  }
}

class SqlAlchemyModelBuilder {
  private readonly classes = new Map<string, PyClassDecl[]>();
  private readonly metadataSchemas = new Map<string, string | undefined>();
  private readonly baseVariables = new Map<string, BaseVariable>();
  /** Every `Base = declarative_base(…)` of each name, with its module (two apps may both say `BASE`). */
  private readonly baseVariablesByName = new Map<string, { file: string; value: BaseVariable }[]>();
  private readonly draftsByClass = new Map<string, TableDraft>();
  /** Names used as a base class somewhere: such classes are mixins or bases, not unnamed tables. */
  private readonly usedAsBase = new Set<string>();
  private readonly draftsByVariable = new Map<string, TableDraft>();
  private readonly drafts: TableDraft[] = [];
  /** The tables one of whose columns has a key other than its name, by `schema.name`. */
  private keyedTables = new Map<string, TableDraft>();
  private hasUnknownTables = false;
  /** Per file, what its classes declare that could not be evaluated (rebuilt with the file). */
  private readonly unknownsByFile = new Map<string, Unknown[]>();
  /** Tables of classes whose name a base outside the project gives, by file (see buildClassTable). */
  private readonly unnamedByFile = new Map<string, UnnamedTable[]>();

  private readonly ancestorCache = new Map<PyClassDecl, PyClassDecl[]>();
  private readonly draftsByFile = new Map<string, TableDraft[]>();
  private readonly modulesByFile = new Map<string, PyModuleFacts>();

  /**
   * Where a table declared without a schema is: public, or the first schema of the search path the
   * migration environment sets (`SET search_path TO billing` in env.py), which Alembic's
   * autogenerate compares the models with, and the application's sessions use alike.
   */
  private readonly defaultSchema: string;

  constructor(private modules: PyModuleFacts[], private readonly options: SqlAlchemyModelOptions = {}) {
    this.defaultSchema = unqualifiedSchema(modules);
    const raw = new Map(modules.map((m) => [m.file, m]));
    const evaluated = new Map(modules.map((m) => [m.file, withResolvedStrings(m, raw)]));
    this.modules = modules = [...evaluated.values()].map((m) => withProjectColumns(m, evaluated));
    for (const m of modules) {
      this.modulesByFile.set(m.file, m);
      for (const c of m.classes) {
        const list = this.classes.get(c.name);
        if (list) list.push(c);
        else this.classes.set(c.name, [c]);
        for (const b of c.bases) this.usedAsBase.add(b.slice(b.lastIndexOf('.') + 1));
      }
      for (const [k, v] of m.metadataVariables) this.metadataSchemas.set(k, v.schema);
      for (const [k, v] of m.baseVariables) {
        this.baseVariables.set(k, v);
        const list = this.baseVariablesByName.get(k);
        if (list) list.push({ file: m.file, value: v });
        else this.baseVariablesByName.set(k, [{ file: m.file, value: v }]);
      }
      if (m.unknownTables > 0) this.hasUnknownTables = true;
      // A table built in a function is Unknown under the name and with the columns it is given (an
      // UnnamedTable), not any table: a no-op driver's own SQLite table silences nothing else.
      if (m.tablesBuiltByCode?.some((t) => t.what !== 'function')) this.hasUnknownTables = true;
    }
  }

  build(): SchemaModel {
    this.buildTables();
    return this.result();
  }

  buildTables(): void {
    for (const m of this.modules) this.buildModuleTables(m);
    this.completeDrafts(this.drafts);
  }

  private buildModuleTables(m: PyModuleFacts): TableDraft[] {
    const before = this.drafts.length;
    this.unknownsByFile.delete(m.file);
    this.unnamedByFile.delete(m.file);
    if (m.unknownTables > 0) this.noteUnknown({ file: m.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, `${m.unknownTables} Core Table() name(s) computed by code`);
    for (const t of m.tablesBuiltByCode ?? []) {
      if (t.what === 'function') {
        const unnamed: UnnamedTable = { columns: t.columns ?? [], location: t.location, ...(t.name !== undefined ? { names: [t.name] } : t.namePrefix ? { namePrefixes: [t.namePrefix] } : {}) };
        const list = this.unnamedByFile.get(m.file);
        if (list) list.push(unnamed);
        else this.unnamedByFile.set(m.file, [unnamed]);
      }
      this.noteUnknown(t.location, t.what === 'class' ? 'the table of a mapped class built by code (a class namespace with a __tablename__)'
        : t.what === 'function' ? 'a Core Table() defined inside a function (built when it runs)' : 'a Core Table() made by a function, under a name it computes');
    }
    for (const c of m.classes) if (!c.enumValues) this.buildClassTable(c);
    for (const t of m.coreTables) this.buildCoreTable(t);
    const built = this.drafts.slice(before);
    this.draftsByFile.set(m.file, built);
    return built;
  }

  /** Merges single-table subclasses, attaches module-level indexes, and resolves references. */
  private completeDrafts(drafts: TableDraft[]): void {
    const targets = new Set(drafts);
    // Single-table inheritance: subclasses without a table add their columns to the parent's table.
    for (const m of this.modules) {
      for (const c of m.classes) if (!c.enumValues) this.mergeSingleTableSubclass(c, targets);
    }
    for (const m of this.modules) {
      for (const loose of m.looseIndexes) this.attachLooseIndex(loose.item, targets);
    }
    // (Each table's keys by its name, for references that name a key: see resolveTarget.)
    this.keyedTables = new Map();
    for (const d of this.drafts) if (d.keys && [...d.keys].some(([key, name]) => key !== name)) this.keyedTables.set(`${d.table.schema}.${d.table.name}`, d);
    for (const d of drafts) this.resolve(d);
    this.inheritForeignKeyTypes(drafts);
  }

  /** Rebuilds the tables of one file whose skeleton is unchanged (so no other table depends on the change). */
  rebuildFile(raw: PyModuleFacts): void {
    const module = withProjectColumns(withResolvedStrings(raw, this.modulesByFile), this.modulesByFile);
    const old = this.modulesByFile.get(module.file);
    this.projectTypesCache = undefined;
    this.modules = this.modules.map((m) => (m === old ? module : m));
    this.modulesByFile.set(module.file, module);
    if (old) {
      for (const c of old.classes) {
        const list = this.classes.get(c.name);
        if (list) this.classes.set(c.name, list.filter((x) => x !== c));
      }
    }
    for (const c of module.classes) {
      const list = this.classes.get(c.name);
      if (list) list.push(c);
      else this.classes.set(c.name, [c]);
    }
    this.forgetClasses(old?.classes ?? [], module.classes);
    const stale = new Set(this.draftsByFile.get(module.file) ?? []);
    for (let i = this.drafts.length - 1; i >= 0; i--) if (stale.has(this.drafts[i])) this.drafts.splice(i, 1);
    for (const [k, d] of this.draftsByClass) if (stale.has(d)) this.draftsByClass.delete(k);
    for (const [k, d] of this.draftsByVariable) if (stale.has(d)) this.draftsByVariable.delete(k);
    this.completeDrafts(this.buildModuleTables(module));
  }

  /**
   * The file's classes were replaced by new objects of the same skeleton (names, bases, table names,
   * keys): what is cached about other classes still holds, but lists of ancestors must hold the new
   * objects (their columns are read), and the file's own classes are looked at again. Clearing every
   * cache instead made each edit re-derive every class of the workspace.
   */
  private forgetClasses(before: PyClassDecl[], after: PyClassDecl[]): void {
    const stale = new Set(before);
    const replaced = new Map<PyClassDecl, PyClassDecl>();
    if (before.length === after.length) before.forEach((c, i) => replaced.set(c, after[i]));
    for (const c of before) {
      this.ancestorCache.delete(c);
      this.tableClassCache.delete(c);
    }
    for (const [cls, list] of this.ancestorCache) {
      if (!list.some((a) => stale.has(a))) continue;
      if (list.every((a) => !stale.has(a) || replaced.has(a))) this.ancestorCache.set(cls, list.map((a) => replaced.get(a) ?? a));
      else this.ancestorCache.delete(cls);
    }
  }

  /** Imported name → the files of the modules importing it (`from app.enums import Status`: Status). */
  private importers(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const m of this.modules) for (const i of m.imports ?? []) (out.get(i.name) ?? out.set(i.name, []).get(i.name)!).push(m.file);
    return out;
  }

  result(): SchemaModel {
    const enums: EnumType[] = [];
    const schemasCreated: SchemaSource[] = [];
    const tables: Table[] = [];
    let importers: Map<string, string[]> | undefined;
    for (const m of this.modules) {
      for (const c of m.classes) if (c.enumValues) enums.push({ name: c.name, values: c.enumValues, location: c.location, ...importersOf(c, importers ??= this.importers()) });
      for (const s of m.schemasCreated) schemasCreated.push({ name: s.name, evidence: 'model', location: s.location });
      for (const d of this.draftsByFile.get(m.file) ?? []) tables.push(d.table);
    }
    // Each table as create_all's CREATE TABLE makes it.
    for (const t of tables) withoutUniqueOfPrimaryKey(t);
    const unknowns = this.modules.flatMap((m) => this.unknownsByFile.get(m.file) ?? []);
    // Schemas an Alembic environment creates for each metadata it migrates (`CreateSchema(m.schema)`).
    const byCode = this.modules.flatMap((m) => m.schemasCreatedByCode ?? []);
    const schemasCreatedUnknown = byCode.length ? unknownValue('names of the schemas CreateSchema(…) is given by code', byCode[0]) : undefined;
    if (schemasCreatedUnknown) unknowns.push(schemasCreatedUnknown);
    const unnamedTables = this.modules.flatMap((m) => this.unnamedByFile.get(m.file) ?? []);
    // SQLAlchemy-Continuum makes a shadow table per versioned table, and its transaction table: tables
    // of those names are the plugin's (which tables are versioned, and its options, are not read).
    const versioning = this.modules.find((m) => m.versioning)?.versioning;
    if (versioning) {
      unknowns.push(unknownValue('tables made by SQLAlchemy-Continuum (<table>_version, transaction)', versioning.location));
      const names = [...tables.map((t) => `${t.name}_version`), 'transaction'];
      return { evidence: 'model', tables, enums, schemasCreated, ...(schemasCreatedUnknown ? { schemasCreatedUnknown } : {}), hasUnknownTables: this.hasUnknownTables, unknowns, unnamedTables: [...unnamedTables, { columns: [], names, location: versioning.location }] };
    }
    return { evidence: 'model', tables, enums, schemasCreated, ...(schemasCreatedUnknown ? { schemasCreatedUnknown } : {}), hasUnknownTables: this.hasUnknownTables, unknowns, ...(unnamedTables.length ? { unnamedTables } : {}) };
  }

  /**
   * `__abstract__ = True`, or the class given to `declarative_base(cls=…)` or one of its bases: the
   * base of the models, never mapped itself (its columns are copied into each model, as a mixin's).
   */
  private isAbstract(c: PyClassDecl): boolean {
    if (c.abstract) return true;
    if (!this.baseClasses) {
      const given = [...this.baseVariables.values()].flatMap((v) => (v.cls ? [this.findClass(v.cls)] : []));
      this.baseClasses = new Set([...this.baseVariables.values()].flatMap((v) => (v.cls ? [v.cls.slice(v.cls.lastIndexOf('.') + 1)] : [])));
      for (const cls of given) if (cls) for (const ancestor of this.ancestors(cls)) this.baseClasses.add(ancestor.name);
    }
    return this.baseClasses.has(c.name);
  }

  /**
   * The `Base = declarative_base(…)` a class's base (`BASE`, `models.BASE`) refers to: the one of its
   * own module, else of the module it imports the name from, else the only one of that name.
   */
  private baseVariableFor(written: string, fromFile: string): BaseVariable | undefined {
    return this.baseVariableEntry(written, fromFile)?.value;
  }

  private baseVariableEntry(written: string, fromFile: string): { file: string; value: BaseVariable } | undefined {
    const dot = written.lastIndexOf('.');
    const name = written.slice(dot + 1);
    const list = this.baseVariablesByName.get(name);
    if (!list?.length) return undefined;
    if (list.length === 1) return list[0];
    const own = dot < 0 ? list.find((b) => b.file === fromFile) : undefined;
    if (own) return own;
    // `from app.db import BASE` (the name), or `from app.db import models` then `models.BASE` (its module).
    const local = dot < 0 ? name : written.slice(0, dot).split('.')[0];
    const imported = this.modulesByFile.get(fromFile)?.imports?.find((i) => i.local === local);
    const module = imported && (dot < 0 ? imported.module : `${imported.module}.${imported.name}`);
    const facts = module ? importedModule(fromFile, module, this.modulesByFile) : undefined;
    const hit = facts && list.find((b) => b.file === facts.file);
    return hit ?? list[0];
  }

  /**
   * The MetaData a class's table is registered in: the `Base = declarative_base()` or the
   * `class Base(DeclarativeBase)` its bases lead to (see Table.metadataKey); undefined otherwise.
   */
  private metadataKeyOf(cls: PyClassDecl, ancestors: PyClassDecl[]): string | undefined {
    for (const c of [cls, ...ancestors]) {
      if (c.declarativeRoot && !isLibraryStub(c.file)) return `${c.file}:${c.name}`;
      for (const b of c.bases) {
        if (this.findClass(b, c.file)) continue;
        const entry = this.baseVariableEntry(b, c.file);
        if (entry) return `${entry.file}:${b.slice(b.lastIndexOf('.') + 1)}`;
        // Flask-SQLAlchemy's `user_db.Model`: the MetaData of that extension instance (one per
        // `SQLAlchemy()`, named alike wherever the modules import it).
        const flask = /^(\w+)\.Model$/.exec(b);
        if (flask) return `flask-sqlalchemy:${flask[1]}`;
      }
    }
    return undefined;
  }

  /** The classes given to `declarative_base(cls=…)` (base variables are fixed for a builder's life). */
  private baseClasses: Set<string> | undefined;

  private findClass(name: string, fromFile?: string, depth = 0): PyClassDecl | undefined {
    const list = this.classes.get(name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name);
    const own = list?.find((c) => c.file === fromFile);
    if (own) return own;
    // `from app.models.sql_models import FidesBase` (where another module has a FidesBase too), or
    // `from app.db.base_class import FidesBase as FideslibBase`: the class the import binds.
    if (fromFile && !name.includes('.') && depth < 5) {
      const imported = this.modulesByFile.get(fromFile)?.imports?.find((i) => i.local === name);
      // (Only when some class has the imported name: `Base = declarative_base()` is none.)
      const module = imported && this.classes.has(imported.name) ? importedModule(fromFile, imported.module, this.modulesByFile) : undefined;
      const found = module && imported ? this.findClass(imported.name, module.file, depth + 1) : undefined;
      if (found) return found;
    }
    return depth ? undefined : list?.[0];
  }

  /** Ancestors in method-resolution order (depth-first, left to right; good enough for models). */
  private ancestors(cls: PyClassDecl): PyClassDecl[] {
    const cached = this.ancestorCache.get(cls);
    if (cached) return cached;
    const out: PyClassDecl[] = [];
    const seen = new Set<PyClassDecl>([cls]);
    const visit = (c: PyClassDecl) => {
      for (const b of c.bases) {
        // `Base = declarative_base(cls=BodhiBase)`: a model of Base derives from BodhiBase.
        const through = this.findClass(b, c.file) ? undefined : this.baseVariableFor(b, c.file)?.cls;
        const base = this.findClass(through ?? b, c.file);
        if (base && !seen.has(base)) {
          seen.add(base);
          out.push(base);
          visit(base);
        }
      }
    };
    visit(cls);
    this.ancestorCache.set(cls, out);
    return out;
  }

  private readonly tableClassCache = new Map<PyClassDecl, boolean>();

  /**
   * Whether a class maps a table of its own: a `__tablename__`, a SQLModel `table=True`, or
   * Flask-SQLAlchemy's automatic name (it has a primary key, and is not a subclass of a mapped class
   * without one of its own, which is single-table inheritance).
   */
  private isTableClass(c: PyClassDecl): boolean {
    const cached = this.tableClassCache.get(c);
    if (cached !== undefined) return cached;
    this.tableClassCache.set(c, false); // bases in a cycle map nothing
    let result = false;
    const ownKey = (x: PyClassDecl) => x.columns.some((col) => col.primaryKey) || x.items.some((i) => i.kind === 'primaryKey');
    // A library's class (a stub) is a base the project's models extend, never a table of its own.
    if (c.enumValues || c.plain || this.isAbstract(c) || isLibraryStub(c.file) || this.mixinOnly(c, this.ancestors(c))) result = false;
    else if (c.sqlmodelTable) result = true;
    else if (c.tablename) {
      // Flask-SQLAlchemy drops the `__tablename__` of a subclass of a mapped model that has no
      // primary key of its own (its `__table_cls__`): single-table inheritance, not a table.
      result = !(this.derivesFromFlaskModel(c) && !ownKey(c) && this.ancestors(c).some((a) => this.isTableClass(a)) && !this.coreTableNamed(c.tablename.value));
      // A subclass of a mapped class that names the same table (`extend_existing`, celery's
      // TaskExtended over Task) adds columns to that table: it maps no table of its own.
      const mapped = this.ancestors(c).find((a) => this.isTableClass(a));
      if (result && mapped?.tablename?.value === c.tablename.value && (mapped.schema?.name ?? '') === (c.schema?.name ?? '')) result = false;
    } else if (this.inheritedTablename(c)) {
      result = true;
    } else if (this.derivesFromFlaskModel(c)) {
      const ancestors = this.ancestors(c);
      result = ancestors.some((a) => this.isTableClass(a)) ? ownKey(c) : this.collectColumns(c, ancestors).some((x) => x.decl.primaryKey) || ownKey(c);
    }
    this.tableClassCache.set(c, result);
    return result;
  }

  /**
   * The `__tablename__` a class inherits as a plain attribute from an abstract base or a mixin
   * (`__abstract__ = True; __tablename__ = "logs"`: each mapped subclass maps its own "logs", in its
   * own schema), when no base of it maps a table (then it is single-table inheritance).
   */
  private inheritedTablename(c: PyClassDecl): { value: string; location: Location } | undefined {
    if (c.tablename || this.isAbstract(c) || c.tablenameDynamic) return undefined;
    const ancestors = this.ancestors(c);
    if (ancestors.some((a) => this.isTableClass(a))) return undefined;
    for (const a of ancestors) {
      if (a.tablenameDynamic) return undefined;
      if (a.tablename) return a.tablename;
    }
    return undefined;
  }

  /** Derives from `SQLModel` (not a project class of that name). */
  private isSqlModel(cls: PyClassDecl): boolean {
    return [cls, ...this.ancestors(cls)].some((c) => c.bases.some((b) => /(^|\.)SQLModel$/.test(b) && !this.findClass(b, c.file)));
  }

  /** The nearest `type_annotation_map` of the class's bases, merged outward. */
  private typeMapOf(cls: PyClassDecl, ancestors: PyClassDecl[]): Map<string, ColumnType> | undefined {
    const declaring = [cls, ...ancestors].filter((c) => c.typeAnnotationMap);
    if (!declaring.length) return undefined;
    const map = new Map<string, ColumnType>();
    for (const c of declaring.reverse()) for (const [k, v] of c.typeAnnotationMap!) map.set(k, v);
    return map;
  }

  /** The schema a class's MetaData gives its tables, from its bases. */
  private metadataSchemaOf(cls: PyClassDecl): string | undefined {
    for (const c of [cls, ...this.ancestors(cls)]) {
      if (c.metadataSchema) return c.metadataSchema;
      if (c.metadataVariable && this.metadataSchemas.get(c.metadataVariable)) return this.metadataSchemas.get(c.metadataVariable);
      for (const b of c.bases) {
        const base = b.includes('.') ? undefined : this.baseVariableFor(b, c.file);
        if (base?.schema) return base.schema;
        if (base?.metadataVariable) return this.metadataSchemas.get(base.metadataVariable);
      }
    }
    return undefined;
  }

  /**
   * Whether every base of a class, and of its bases in turn, is a plain class of the project (a
   * mixin): no declarative base, no base the reader cannot see — so it maps nothing itself.
   */
  private mixinOnly(cls: PyClassDecl, ancestors: PyClassDecl[]): boolean {
    if (!cls.bases.length || !ancestors.length) return false;
    return [cls, ...ancestors].every((c) => c.bases.every((b) => {
      const found = this.findClass(b, c.file);
      return !!found && ancestors.includes(found);
    })) && ancestors.every((a) => a.plain || (!a.declarativeRoot && !a.abstract && a.bases.length > 0));
  }

  /** Whether a class is mapped by a declarative base of the project (or Flask-SQLAlchemy's db.Model). */
  private isDeclarativeModel(cls: PyClassDecl, ancestors: PyClassDecl[]): boolean {
    return [cls, ...ancestors].some((c) => c.bases.some((b) => this.baseVariables.has(b.slice(b.lastIndexOf('.') + 1))))
      || ancestors.some((a) => a.abstract) || this.derivesFromFlaskModel(cls);
  }

  private derivesFromFlaskModel(cls: PyClassDecl): boolean {
    return [cls, ...this.ancestors(cls)].some((c) => c.bases.some((b) => /(^|\.)Model$/.test(b) && !this.findClass(b, c.file)));
  }

  /** A project type (TypeDecorator) stores its `impl`; one whose impl the reader cannot see stays custom. */
  private storedType(type: ColumnType, file?: string): ColumnType {
    if (type.ormOwn) return type;
    const written = /^[\w.]*/.exec(type.written)![0];
    const name = written.replace(/^.*\./, '');
    // `from sqlalchemy import Text`: SQLAlchemy's, whatever class of that name the project has.
    if (file && !written.includes('.') && this.modulesByFile.get(file)?.imports?.some((i) => i.local === name && /^sqlalchemy(\.|$)/.test(i.module))) return type;
    const classes = this.classes.get(name);
    const imported = file && !written.includes('.') ? this.typeImportedAs(file, name, 0) : undefined;
    // `from quetz.db_models import UUID`, where that module binds `UUID = LargeBinary(length=16)`: its
    // type, not SQLAlchemy's of that name; a name it binds to anything else is Unknown.
    if (imported && 'bound' in imported) return imported.bound ? { ...imported.bound, written: type.written } : { ...type, custom: true };
    if (!classes) {
      // `from app.db.util import DocumentColumn`, where util binds `JSONB as DocumentColumn` (at run
      // time; its `if TYPE_CHECKING:` stub is no class): SQLAlchemy's type under the project's name.
      if (imported && 'sqlalchemy' in imported) return { ...normaliseType(imported.sqlalchemy, type.written, { args: type.args ?? [] }) };
      // `from app.db_types import Timestamp`, where that module of the project is not read (not in
      // the workspace): what it stores is Unknown, whatever SQLAlchemy type shares its name.
      return file && !written.includes('.') && this.importedFromUnreadProjectModule(file, name) ? { ...type, custom: true } : type;
    }
    return resolveProjectType(type, this.projectTypes()) ?? { ...type, custom: true };
  }

  /**
   * Whether `name` is imported into `file` from a module of the project (a relative import, or one
   * of a package the project's own files are in) that was not read.
   */
  private importedFromUnreadProjectModule(file: string, name: string): boolean {
    const imported = this.modulesByFile.get(file)?.imports?.find((i) => i.local === name);
    if (!imported || /^(sqlalchemy|sqlmodel)(\.|$)/.test(imported.module) || importedModule(file, imported.module, this.modulesByFile)) return false;
    if (imported.module.startsWith('.')) return true;
    const top = imported.module.split('.')[0];
    // (The stubs Schema Sense ships for libraries are no modules of the project.)
    for (const f of this.modulesByFile.keys()) if (!isLibraryStub(f) && (f.includes(`${path.sep}${top}${path.sep}`) || f.endsWith(`${path.sep}${top}.py`))) return true;
    return false;
  }

  /**
   * What a name imported from a project module stands for as a type, following its imports and
   * re-exports: the type a module binds it to (`UUID = LargeBinary(length=16)`; null: bound to what
   * reads as no type), or SQLAlchemy's name it is imported as further on (`JSONB as DocumentColumn`);
   * undefined for anything else (a class, SQLAlchemy's own name imported directly).
   */
  private typeImportedAs(file: string, name: string, depth: number): { bound: ColumnType | null } | { sqlalchemy: string } | undefined {
    const imported = this.modulesByFile.get(file)?.imports?.find((i) => i.local === name);
    if (!imported || depth > 4) return undefined;
    if (/^sqlalchemy(\.|$)/.test(imported.module)) return depth > 0 ? { sqlalchemy: imported.name.replace(/^.*\./, '') } : undefined;
    if (/^sqlmodel(\.|$)/.test(imported.module)) return undefined;
    const module = importedModule(file, imported.module, this.modulesByFile);
    if (!module) return undefined;
    const bindings = module.typeBindings;
    if (bindings && Object.prototype.hasOwnProperty.call(bindings, imported.name)) return { bound: bindings[imported.name] };
    return this.typeImportedAs(module.file, imported.name, depth + 1);
  }

  /**
   * `Enum(UserRole, native_enum=False)`, UserRole an enum class of another module: VARCHAR as long as
   * its longest member name, which SQLAlchemy stores (undefined where the class is not found).
   */
  private nonNativeEnumType(decl: PyColumnDecl): ColumnType | undefined {
    const of = decl.nonNativeEnumOf;
    const names = of ? this.findClass(of.className, decl.location.file)?.enumNames : undefined;
    return of && names?.length ? normaliseType('varchar', of.written, { args: [Math.max(...names.map((n) => n.length))], enumName: of.enumName }) : undefined;
  }

  private projectTypesCache: Map<string, ColumnType> | undefined;

  /** Every TypeDecorator of the project and its impl (one may name another: `impl = JSON`). */
  private projectTypes(): Map<string, ColumnType> {
    if (!this.projectTypesCache) {
      this.projectTypesCache = new Map(projectTypeImpls((function* (classes) { for (const list of classes) yield* list; })(this.classes.values())));
    }
    return this.projectTypesCache;
  }

  private noteUnknown(location: Location, reason: string): void {
    const list = this.unknownsByFile.get(location.file);
    const value = unknownValue(reason, location);
    if (list) list.push(value);
    else this.unknownsByFile.set(location.file, [value]);
  }

  /** Flask-SQLAlchemy's name for a model's table (Unknown, and noted, where its versions disagree). */
  private flaskName(cls: PyClassDecl): string | undefined {
    const names = flaskTableNames(cls.name);
    if (names.length === 1) return names[0];
    // A table of one of these names, with the columns the class declares.
    this.noteUnknown(cls.location, `table name of ${cls.name}: Flask-SQLAlchemy 2.x and 3.x name it differently (${names.join(' or ')})`);
    this.noteUnnamed(cls, this.collectColumns(cls, this.ancestors(cls)), names);
    return undefined;
  }

  /** A table of the class whose name is Unknown (one of `names`, when given), with the columns it declares. */
  private noteUnnamed(cls: PyClassDecl, columns: { decl: PyColumnDecl }[], names?: string[]): void {
    const known = columns.map((c) => c.decl.name ?? c.decl.attribute).filter((n): n is string => !!n);
    const unnamed: UnnamedTable = { columns: known, location: cls.location, ...(names ? { names } : {}) };
    const list = this.unnamedByFile.get(cls.file);
    if (list) list.push(unnamed);
    else this.unnamedByFile.set(cls.file, [unnamed]);
  }

  /** Whether a Core `Table(...)` of that name is declared (Flask-SQLAlchemy maps a model to an existing table by name). */
  private coreTableNamed(name: string | undefined): boolean {
    if (!name) return false;
    for (const m of this.modules.values()) if (m.coreTables.some((t) => t.name === name)) return true;
    return false;
  }

  private buildClassTable(cls: PyClassDecl): void {
    // `__table__ = Table(...)`: the Core table is built with the module's Core tables.
    if (cls.coreTable) return;
    // A class of no base is a mixin, whatever `__tablename__` it computes for its subclasses; a
    // library's class (a stub) is a base of the project's models.
    if (cls.plain || isLibraryStub(cls.file)) return;
    const ancestors = this.ancestors(cls);
    // Nor is one whose every base is such a mixin of the project, however deep (`class
    // JSONSettingsBase(SettingsBase)`: its `__tablename__` names its mapped subclasses' tables).
    if (this.mixinOnly(cls, ancestors)) return;
    // A Flask-SQLAlchemy single-table subclass that writes a `__tablename__` (see isTableClass).
    if (cls.tablename && !this.isTableClass(cls) && !cls.sqlmodelTable) return;
    let tableName = cls.tablename?.value ?? this.inheritedTablename(cls)?.value;
    // A base whose `__init_subclass__` rewrites `__tablename__` (a prefix from settings): the name
    // this class writes is not its table's. Unknown, with the columns it is known by.
    const renamer = ancestors.find((a) => a.renamesTables);
    const rule = renamer?.renamesTables;
    // `if hasattr(cls, "TABLE_PREFIX"):` around the rewrite: only classes with those attributes.
    const has = (name: string) => [cls, ...ancestors].some((a) => a.assignedNames?.includes(name) || (name === '__tablename__' && (a.tablename || a.tablenameDynamic)));
    const renamed = rule === true || (!!rule && rule.onlyWith.every(has));
    if (renamer && renamed && cls.tablename && !this.isAbstract(cls)) {
      const columns = this.collectColumns(cls, ancestors);
      this.hasUnknownTables = true;
      this.noteUnknown(cls.location, `table name of ${cls.name}: ${renamer.name}.__init_subclass__ rewrites __tablename__ by code`);
      this.noteUnnamed(cls, columns);
      return;
    }
    // SQLModel's `__tablename__` is the class name lower-cased, unless a base of the project
    // computes it (`@declared_attr def __tablename__(cls): return cls.__name__`): that one is first.
    if (!tableName && cls.sqlmodelTable && !this.isAbstract(cls) && ![cls, ...ancestors].some((a) => a.tablenameDynamic)) tableName = cls.name.toLowerCase();
    if (!tableName) {
      if (this.isAbstract(cls)) return;
      if (ancestors.some((a) => this.isTableClass(a))) {
        // Single-table inheritance (merged later), unless Flask-SQLAlchemy names a joined table:
        // a subclass with a primary key of its own.
        if (!(this.derivesFromFlaskModel(cls) && this.isTableClass(cls))) return;
        tableName = this.flaskName(cls);
        if (!tableName) return;
      }
    }
    if (!tableName) {
      const inheritsDynamicName = cls.tablenameDynamic || ancestors.some((a) => a.tablenameDynamic);
      const columns = this.collectColumns(cls, ancestors);
      // A base's `@declared_attr __tablename__` the reader can evaluate names every mapped subclass.
      const source = [cls, ...ancestors].find((a) => a.tablenameDynamic);
      const rule = source?.tablenameRule;
      // What the body computes, evaluated for this class; the idioms recognised by their text otherwise.
      const computed = source?.tablenameExpr && evaluateNameExpr(source.tablenameExpr, cls.name);
      if (inheritsDynamicName && computed && columns.length) {
        tableName = computed;
      } else if (inheritsDynamicName && !source?.tablenameExpr && rule && columns.length) {
        tableName = snakeCase(cls.name);
      } else if (inheritsDynamicName) {
        if (columns.length) {
          this.hasUnknownTables = true;
          this.noteUnknown(cls.location, `table name of ${cls.name}: __tablename__ computed by code`);
        }
        return;
      }
      if (!tableName) {
        const hasPrimaryKey = columns.some((c) => c.decl.primaryKey);
        // Flask-SQLAlchemy names a model's table after its class when it has a primary key.
        if (!(this.derivesFromFlaskModel(cls) && hasPrimaryKey)) {
          // A mapped-looking class that nothing inherits from: its table name comes from code we
          // cannot see (a base's computed __tablename__, declarative_base(cls=...)).
          if (hasPrimaryKey && !this.usedAsBase.has(cls.name)) {
            this.hasUnknownTables = true;
            this.noteUnknown(cls.location, `table name of ${cls.name}: it comes from a base the reader cannot evaluate`);
          } else if (!this.usedAsBase.has(cls.name) && this.isDeclarativeModel(cls, ancestors)) {
            // A model of a library's base (fastapi-users' `SQLAlchemyBaseUserTableUUID`): that base
            // names the table and declares columns the reader cannot see. A table of these columns
            // and of any name may be this one.
            const unseen = this.unseenBases(cls, ancestors);
            if (unseen.length) {
              this.noteUnknown(cls.location, `table name of ${cls.name}: it comes from ${unseen.join(', ')}, a base outside the project`);
              this.noteUnnamed(cls, columns);
            }
          }
          return;
        }
        tableName = this.flaskName(cls);
        if (!tableName) return;
      }
    }
    if (this.isAbstract(cls)) return;
    const mixins = this.mixinsOf(ancestors);
    const metadataSchema = this.metadataSchemaOf(cls);
    const declaredSchema = cls.schema ?? mixins.find((m) => m.schema)?.schema;
    const table: Table = {
      schema: declaredSchema?.name ?? metadataSchema ?? this.defaultSchema,
      name: tableName,
      className: cls.name,
      location: cls.location,
      columns: [], primaryKey: [], foreignKeys: [], indexes: [], uniqueConstraints: [], relationships: this.relationshipsOf(cls, mixins),
      evidence: 'model',
    };
    if (declaredSchema) table.declaredSchema = declaredSchema;
    if (cls.mapperPrimaryKey) table.mappedByOwnKey = true;
    const metadataKey = this.metadataKeyOf(cls, ancestors);
    if (metadataKey) table.metadataKey = metadataKey;
    // A base's attribute the reader cannot evaluate is no gap when a class nearer in the MRO
    // declares that attribute (fastapi-users' generic `id`, which the project's class defines).
    const incomplete = [...cls.dynamicParts];
    const declaredNearer = new Set(cls.columns.map((c) => c.attribute ?? c.name));
    for (const m of mixins) {
      for (const part of m.dynamicParts) if (!declaredNearer.has(part)) incomplete.push(part);
      for (const c of m.columns) declaredNearer.add(c.attribute ?? c.name);
    }
    // A base's `__table_args__` made of the class's own attribute (`cls._table_args + (…)`): that
    // attribute as the class, or its nearest base, assigns it; Unknown where none does.
    const argsFrom = cls.assignedNames?.includes('__table_args__') ? undefined : [cls, ...mixins].find((m) => m.tableArgsFrom)?.tableArgsFrom;
    const argsHolder = argsFrom ? [cls, ...ancestors].find((a) => a.tupleAttributes?.[argsFrom.attribute]) : undefined;
    const argsHeld = argsFrom ? argsHolder?.tupleAttributes?.[argsFrom.attribute] : undefined;
    if (cls.tableArgsDynamic || mixins.some((m) => m.tableArgsDynamic) || (argsFrom && (!argsHeld || argsHeld.dynamic))) {
      incomplete.push('__table_args__');
      // Its `schema` may be among what code computes (`auto_table_args(cls, schema="events")`).
      if (!declaredSchema && !metadataSchema) table.schemaUnknown = true;
    }
    for (const base of this.unseenBases(cls, ancestors)) incomplete.push(`columns of base ${base}`);
    if (incomplete.length) table.incomplete = incomplete;
    const draft: TableDraft = { table, attributes: new Map(), pendingForeignKeys: [], pendingItems: [], metadataSchema };
    const typeMap = this.typeMapOf(cls, ancestors);
    if (typeMap) draft.typeMap = typeMap;
    // Nearest definition wins, as Python's attribute lookup finds it.
    for (const c of [...ancestors].reverse().concat(cls)) for (const [k, v] of Object.entries(c.tableStrings ?? {})) (draft.tableStrings ??= new Map()).set(k, v);
    for (const { decl, inheritedFrom, byLibrary } of this.collectColumns(cls, ancestors)) this.addColumn(draft, decl, inheritedFrom, false, byLibrary);
    for (const m of mixins) for (const item of m.items) draft.pendingItems.push({ item: this.shownOn(cls, m, item), inheritedFrom: m.name });
    for (const item of cls.items) draft.pendingItems.push({ item });
    if (argsHeld && argsHolder) {
      for (const item of argsHeld.items) draft.pendingItems.push(argsHolder === cls ? { item } : { item: this.shownOn(cls, argsHolder, item), inheritedFrom: argsHolder.name });
      this.addChecks(table, argsHeld.checks, argsHolder.location);
    }
    for (const holder of [...mixins, cls]) this.addChecks(table, holder.checks, holder.location);
    this.drafts.push(draft);
    this.draftsByClass.set(cls.name, draft);
  }

  /**
   * Bases of the class (or of its project bases) that are neither in the project nor known to add
   * no column: a library's base (`SQLAlchemyBaseUserTableUUID` of fastapi-users) declares columns
   * the reader cannot see, so the table's columns are not all known.
   */
  private unseenBases(cls: PyClassDecl, ancestors: PyClassDecl[]): string[] {
    const out: string[] = [];
    for (const c of [cls, ...ancestors]) {
      for (const b of c.bases) {
        const last = b.slice(b.lastIndexOf('.') + 1);
        // `from sqlmodel import SQLModel as _SQLModel`: a library's class under a local name.
        const imported = b.includes('.') ? undefined : this.modulesByFile.get(c.file)?.imports?.find((i) => i.local === b && !i.module.startsWith('.'))?.name;
        if (this.findClass(b, c.file) || this.baseVariables.has(b) || this.baseVariables.has(last) || NO_COLUMN_BASES.has(last) || (imported && NO_COLUMN_BASES.has(imported))) continue;
        if (!out.includes(b)) out.push(b);
      }
    }
    return out;
  }

  /**
   * The bases whose columns a table class gets copies of: mixins and abstract bases, but not those
   * behind a mapped base (joined inheritance), whose attributes the mapped base already maps —
   * SQLAlchemy finds them overridden and copies nothing.
   */
  private mixinsOf(ancestors: PyClassDecl[]): PyClassDecl[] {
    const behindTable = new Set(ancestors.filter((a) => this.isTableClass(a)).flatMap((a) => this.ancestors(a)));
    return ancestors.filter((a) => !this.isTableClass(a) && !behindTable.has(a));
  }

  /** The class's relationships and those its mixins declare (`@declared_attr` ones), the class's own winning. */
  private relationshipsOf(cls: PyClassDecl, mixins: PyClassDecl[]): Relationship[] {
    const own = new Set(cls.relationships.map((r) => r.attribute));
    const inherited = mixins.flatMap((m) => m.relationships).filter((r) => !own.has(r.attribute) && (own.add(r.attribute), true));
    return [...cls.relationships, ...inherited];
  }

  private collectColumns(cls: PyClassDecl, ancestors: PyClassDecl[]): { decl: PyColumnDecl; inheritedFrom?: string; byLibrary?: boolean }[] {
    // Declarative tables list the class's own columns first, then the copies of its mixins' and
    // abstract bases' columns in method-resolution order (the nearest definition of a name wins).
    const byAttr = new Map<string, { decl: PyColumnDecl; inheritedFrom?: string; byLibrary?: boolean }>();
    const mixins = this.mixinsOf(ancestors);
    const add = (key: string, entry: { decl: PyColumnDecl; inheritedFrom?: string; byLibrary?: boolean }) => {
      if (!byAttr.has(key)) byAttr.set(key, entry);
    };
    if (cls.sqlmodelTable) {
      // A SQLModel table's fields are pydantic fields: the bases' first, then its own.
      const enumClass = (name: string) => !!this.findClass(name, cls.file)?.enumValues;
      const fields = new Map<string, { decl: PyColumnDecl; inheritedFrom?: string }>();
      for (const m of [...mixins].reverse()) for (const f of m.fields ?? []) fields.set(f.attribute, { decl: columnOfField(f, enumClass, this.options.pydanticMajor), inheritedFrom: m.name });
      for (const f of cls.fields ?? []) {
        fields.delete(f.attribute);
        fields.set(f.attribute, { decl: columnOfField(f, enumClass, this.options.pydanticMajor) });
      }
      for (const [key, entry] of fields) add(key, entry);
    }
    for (const decl of cls.columns) add(decl.attribute ?? decl.name ?? '', { decl });
    // `id = None` hides a base's column from this class and from the bases after it in the MRO.
    const removed = new Set(cls.removedAttributes);
    for (const m of mixins) {
      for (const decl of m.columns) if (!removed.has(decl.attribute ?? decl.name ?? '')) add(decl.attribute ?? decl.name ?? '', { decl: this.shownOn(cls, m, decl), inheritedFrom: m.name, ...(isLibraryStub(m.file) ? { byLibrary: true } : {}) });
      for (const r of m.removedAttributes ?? []) removed.add(r);
    }
    return [...byAttr.values()];
  }

  /**
   * What a base declares, located where the user can act on it: a library's class (a stub, see
   * libraryStubs.ts) lends its columns and constraints at the project's class that inherits them.
   */
  private shownOn<T extends { location: Location }>(cls: PyClassDecl, from: PyClassDecl, declared: T): T {
    return isLibraryStub(from.file) && !isLibraryStub(cls.file) ? relocated(declared, from.file, cls.location) : declared;
  }

  private mergeSingleTableSubclass(cls: PyClassDecl, targets: Set<TableDraft>): void {
    if (this.isAbstract(cls) || cls.coreTable || this.isTableClass(cls) || this.isSqlModel(cls)) return;
    const parent = this.ancestors(cls).find((a) => this.isTableClass(a));
    const draft = parent && this.draftsByClass.get(parent.name);
    if (!draft || !targets.has(draft)) return;
    // A subclass naming its parent's table extends it: its columns are as declared, not nullable
    // as single-table inheritance makes them.
    const extendsTable = cls.tablename !== undefined;
    // Its own columns and its mixins' (a mixin only single-table subclasses use adds its columns to
    // the parent's table, as declarative moves a subclass's columns there).
    for (const { decl, inheritedFrom, byLibrary } of this.collectColumns(cls, this.ancestors(cls))) {
      const name = decl.name ?? decl.attribute;
      if (name && !draft.table.columns.some((c) => c.name === name)) this.addColumn(draft, decl, inheritedFrom, !extendsTable, byLibrary);
    }
    for (const item of cls.items) draft.pendingItems.push({ item });
    this.addChecks(draft.table, cls.checks, cls.location);
    this.draftsByClass.set(cls.name, draft);
    if (!(draft.table.singleTableClasses ??= []).includes(cls.name)) draft.table.singleTableClasses.push(cls.name);
    // Its relationships travel over the table's columns too (`UserFieldEntries.user`).
    for (const rel of cls.relationships) if (!draft.table.relationships.some((r) => r.attribute === rel.attribute)) draft.table.relationships.push(rel);
  }

  /** MetaData variables the declarative bases use (`declarative_base(metadata=…)`, `metadata = …` on a base class). */
  private ormMetadata(): Set<string> | undefined {
    const used = new Set<string>();
    let bases = 0;
    for (const v of this.baseVariables.values()) {
      bases++;
      if (v.metadataVariable) used.add(v.metadataVariable);
    }
    for (const list of this.classes.values()) {
      for (const c of list) {
        if (c.metadataVariable) used.add(c.metadataVariable);
        if (c.bases.some((b) => /(^|\.)(DeclarativeBase|DeclarativeBaseNoMeta|SQLModel)$/.test(b))) bases++;
      }
    }
    return bases ? used : undefined;
  }

  private buildCoreTable(decl: PyCoreTableDecl): void {
    // A Core table on a module's own MetaData() that no declarative base uses belongs to another
    // database (an analytics store, a legacy system): not the ORM's schema, and not judged here.
    const v = decl.metadataVariable;
    if (v && !v.includes('.') && this.metadataSchemas.has(v)) {
      const orm = this.ormMetadata();
      if (orm && !orm.has(v)) {
        this.noteUnknown(decl.location, `table "${decl.name}" is on MetaData "${v}", which no declarative base uses (another database's?)`);
        return;
      }
    }
    let metadataSchema: string | undefined;
    if (decl.metadataVariable) {
      const v = decl.metadataVariable;
      metadataSchema = v.endsWith('.metadata')
        ? (this.baseVariables.get(v.slice(0, -'.metadata'.length))?.schema ??
          (this.findClass(v.slice(0, -'.metadata'.length), decl.file) && this.metadataSchemaOf(this.findClass(v.slice(0, -'.metadata'.length), decl.file)!)))
        : this.metadataSchemas.get(v);
    }
    const table: Table = {
      schema: decl.schema?.name ?? metadataSchema ?? this.defaultSchema,
      name: decl.name,
      location: decl.location,
      columns: [], primaryKey: [], foreignKeys: [], indexes: [], uniqueConstraints: [], relationships: [],
      evidence: 'model', isCoreTable: true,
    };
    // `class Activity(Base): __table__ = Table("activity", …)`: the class maps it.
    const mapper = this.modulesByFile.get(decl.file)?.classes.find((c) => c.coreTable === decl.name);
    if (mapper) {
      table.className = mapper.name;
      table.isCoreTable = false;
    }
    if (decl.schema) table.declaredSchema = decl.schema;
    if (decl.variable) table.variable = decl.variable;
    if (decl.dynamicParts.length) table.incomplete = [...decl.dynamicParts];
    if (decl.anchor) table.optionAnchor = decl.anchor;
    const draft: TableDraft = { table, attributes: new Map(), pendingForeignKeys: [], pendingItems: [], metadataSchema };
    for (const c of decl.columns) this.addColumn(draft, c, undefined);
    for (const item of decl.items) draft.pendingItems.push({ item });
    this.addChecks(table, decl.checks, decl.location);
    this.drafts.push(draft);
    if (decl.variable) this.draftsByVariable.set(decl.variable, draft);
  }

  /** CHECK constraints of a class, mixin or Core table: their SQL, Unknown where code computes it. */
  private addChecks(table: Table, checks: (string | null)[] | undefined, location: Location): void {
    for (const sql of checks ?? []) (table.checks ??= []).push(sql ?? unknownValue(`a CHECK constraint of "${table.name}" computed by code`, location));
  }

  private addColumn(draft: TableDraft, decl: PyColumnDecl, inheritedFrom: string | undefined, fromSubclass = false, byLibrary = false): void {
    const name = decl.name ?? decl.attribute;
    if (!name) return;
    const t = draft.table;
    let nullable: boolean | undefined;
    if (decl.style === 'Column') nullable = decl.nullable ?? !decl.primaryKey;
    else if (decl.style === 'mapped_column') nullable = decl.nullable ?? (decl.primaryKey ? false : decl.annotationOptional ?? (decl.annotationType ? false : undefined));
    else nullable = decl.annotationOptional ?? false;
    // Single-table inheritance columns must be nullable in the shared table.
    if (fromSubclass && nullable === false && !decl.primaryKey) nullable = undefined;
    const column: Column = { name, primaryKey: decl.primaryKey, location: decl.location };
    if (decl.attribute && decl.attribute !== name) column.attribute = decl.attribute;
    if (decl.key && decl.key !== name) column.key = decl.key;
    // A type given that the reader cannot evaluate stays Unknown: SQLAlchemy takes the type given,
    // never the annotation's, wherever one is.
    const type = decl.type ?? this.nonNativeEnumType(decl) ?? (decl.typeUnknown ? undefined : this.annotatedType(draft, decl));
    if (type) column.type = this.storedType(type, decl.location.file);
    if (nullable !== undefined) column.nullable = nullable;
    if (!type && !decl.typeUnknown && decl.annotationName) {
      // `Mapped[X]` where X is no alias, enum or type-map entry the reader can see: what it stores,
      // whether it may be NULL and what it references are all unknown.
      column.type = unknownValue(`type of Mapped[${decl.annotationName}]: not an Annotated alias, enum or type_annotation_map entry the reader can see`, decl.location);
      if (decl.nullable === undefined) column.nullable = unknownValue(`nullability of Mapped[${decl.annotationName}]`, decl.location);
      (t.incomplete ??= []).push(`column ${name} (Mapped[${decl.annotationName}])`);
    }
    if (decl.typeUnknown && !type) column.type = unknownValue(decl.typeUnknown, decl.location);
    if (decl.nullableUnknown) column.nullable = unknownValue(decl.nullableUnknownReason ?? 'nullability computed by code', decl.location);
    if (decl.serverDefault !== undefined) column.serverDefault = decl.serverDefault;
    else if (decl.serverDefaultUnknown) column.serverDefault = unknownValue('server default computed by code', decl.location);
    if (decl.anchor) column.optionAnchor = decl.anchor;
    if (inheritedFrom) column.inheritedFrom = inheritedFrom;
    if (byLibrary) column.declaredByLibrary = true;
    // `Mapped[EmailSender]`: the class it holds, when the name is a class of the project (not an alias).
    const annotated = decl.annotationName ? this.findClass(decl.annotationName, decl.location.file) : undefined;
    if (annotated) column.annotatedClass = { name: annotated.name, file: annotated.file };
    if (decl.checked) column.checked = true;
    if (decl.indexUnknown) column.indexUnknown = unknownValue(`index of "${t.name}"."${name}": index= or unique= computed by code`, decl.location);
    t.columns.push(column);
    if (decl.attribute) draft.attributes.set(decl.attribute, name);
    if (decl.key === null) draft.keysInDoubt = true;
    (draft.keys ??= new Map()).set(decl.key ?? name, name);
    if (decl.primaryKey) t.primaryKey.push(name);
    if (decl.index || decl.unique) {
      const index: Index = {
        name: `${decl.unique && !decl.index ? 'uq' : 'ix'}_${t.name}_${name}`,
        columns: [name], unique: decl.unique,
        origin: decl.index ? 'column-index' : 'column-unique',
        location: decl.indexLocation ?? decl.location,
      };
      if (decl.index && decl.indexRemoval) index.removal = decl.indexRemoval;
      if (inheritedFrom) index.inheritedFrom = inheritedFrom;
      t.indexes.push(index);
    }
    if (decl.foreignKeys.length) {
      draft.pendingForeignKeys.push({
        columns: [{ kind: 'name', name }], refs: decl.foreignKeys, location: decl.foreignKeys[0].location, inheritedFrom,
      });
    }
  }

  /**
   * The type a `Mapped[...]` annotation gives: the base's `type_annotation_map` entry for it, an enum
   * class (`Enum(Status)`, named after the class), or SQLAlchemy's default map.
   */
  private annotatedType(draft: TableDraft, decl: PyColumnDecl): ColumnType | undefined {
    const name = decl.annotationName;
    if (name) {
      const mapped = draft.typeMap?.get(name) ?? draft.typeMap?.get(name.replace(/^.*\./, ''));
      if (mapped) return mapped;
      if (!decl.annotationType && this.findClass(name, decl.location.file)?.enumValues) {
        const enumName = name.replace(/^.*\./, '');
        return normaliseType('Enum', `Enum(${enumName})`, { enumName, args: [] });
      }
    }
    return decl.annotationType;
  }

  /**
   * A column declared with a `ForeignKey` and no type takes the referenced column's type, as
   * SQLAlchemy does when it creates the table.
   */
  private inheritForeignKeyTypes(drafts: Iterable<TableDraft>): void {
    let byName: Map<string, Table[]> | undefined;
    for (const d of drafts) {
      for (const fk of d.table.foreignKeys) {
        if (fk.columns.length !== 1) continue;
        const column = d.table.columns.find((c) => c.name === fk.columns[0]);
        if (!column || column.type !== undefined) continue;
        if (!byName) {
          byName = new Map();
          for (const x of this.drafts) {
            const key = `${x.table.schema}.${x.table.name}`;
            byName.set(key, [...(byName.get(key) ?? []), x.table]);
          }
        }
        // Two tables of the name (two applications of a monorepo, each its own metadata): the one
        // declared nearest the referencing model.
        const candidates = byName.get(`${fk.target.schema ?? fk.resolvedSchema}.${fk.target.table}`) ?? [];
        const target = nearestTo(candidates, d.table.location.file)[0];
        const type = target?.columns.find((c) => c.name === fk.target.columns[0])?.type;
        if (type) d.table.columns = d.table.columns.map((c) => (c === column ? { ...c, type } : c));
      }
    }
  }

  private attachLooseIndex(item: PyTableItem, targets: Set<TableDraft>): void {
    if (item.kind !== 'index' && item.kind !== 'unique') return;
    const owner = item.columns.find((c) => c.kind === 'classAttribute' || c.kind === 'tableColumn');
    if (!owner) return;
    const draft = owner.kind === 'classAttribute' ? this.draftsByClass.get(owner.className)
      : owner.kind === 'tableColumn' ? this.draftsByVariable.get(owner.table) : undefined;
    if (draft && targets.has(draft)) draft.pendingItems.push({ item });
  }

  private columnName(draft: TableDraft, ref: PyColumnRef): string | undefined {
    switch (ref.kind) {
      // (A string is a key of the table's columns; SQL names the column itself.)
      case 'name': return ref.sql ? ref.name : draft.keys?.get(ref.name) ?? ref.name;
      case 'attribute': return draft.attributes.get(ref.attribute) ?? ref.attribute;
      case 'classAttribute': {
        const d = this.draftsByClass.get(ref.className);
        return d ? d.attributes.get(ref.attribute) ?? ref.attribute : undefined;
      }
      // (`users.c.accountId`: a key of that Core table.)
      case 'tableColumn': return this.draftsByVariable.get(ref.table)?.keys?.get(ref.column) ?? ref.column;
      default: return undefined;
    }
  }

  private resolve(draft: TableDraft): void {
    const t = draft.table;
    for (const { item, inheritedFrom } of draft.pendingItems) {
      if (item.kind === 'primaryKey') {
        const cols = item.columns.map((c) => this.columnName(draft, c)).filter((c): c is string => !!c);
        if (cols.length) {
          t.primaryKey = cols;
          // A table-level PrimaryKeyConstraint makes its columns primary-key columns, NOT NULL, as create_all() builds them.
          t.columns = t.columns.map((c) => (cols.includes(c.name) && (!c.primaryKey || c.nullable !== false) ? { ...c, primaryKey: true, nullable: false } : c));
        }
        continue;
      }
      if (item.kind === 'foreignKey') {
        draft.pendingForeignKeys.push({ columns: item.columns, refs: item.refs, location: item.location, inheritedFrom });
        continue;
      }
      const names = item.columns.map((c) => this.columnName(draft, c));
      const expression = item.columns.some((c) => c.kind === 'expression') || names.some((n) => !n);
      const columns = item.columns.map((c, i) => names[i] ?? (c.kind === 'expression' ? c.text : '?'));
      const index: Index = {
        columns, unique: item.kind === 'unique' || item.unique,
        origin: item.kind === 'unique' ? 'unique-constraint' : 'index',
        location: item.location,
      };
      if (item.name) index.name = item.name;
      if (expression) index.expression = true;
      // Strings that are no key of the table (SQLAlchemy raises KeyError as it builds it): kept as written.
      const noKey = draft.keysInDoubt ? [] : item.columns.flatMap((c) => (c.kind === 'name' && !c.sql && !draft.keys?.has(c.name) ? [c.name] : []));
      if (noKey.length) index.namesNoProperty = noKey;
      if (item.kind === 'index' && item.where) index.where = item.where;
      if (item.kind === 'index' && item.method) index.method = item.method;
      if (item.kind === 'index' && item.opclasses) index.opclasses = item.opclasses;
      if (item.kind === 'index' && item.prefixLengths) index.prefixLengths = item.prefixLengths;
      if (item.removal) index.removal = item.removal;
      if (inheritedFrom) index.inheritedFrom = inheritedFrom;
      t.indexes.push(index);
      if (item.kind === 'unique' && !expression) {
        t.uniqueConstraints.push({ name: item.name, columns, location: item.location });
      }
    }
    if (t.primaryKey.length) {
      const first = t.columns.find((c) => c.name === t.primaryKey[0]);
      t.indexes.unshift({
        name: `${t.name}_pkey`, columns: [...t.primaryKey], unique: true, origin: 'primary-key',
        location: first?.location ?? t.location,
      });
    }
    for (const fk of draft.pendingForeignKeys) this.resolveForeignKey(draft, fk);
  }

  private resolveForeignKey(draft: TableDraft, pending: TableDraft['pendingForeignKeys'][number]): void {
    const t = draft.table;
    const columns = pending.columns.map((c) => this.columnName(draft, c));
    if (columns.some((c) => !c)) return;
    const targets = pending.refs.map((r) => this.resolveTarget(r, draft));
    if (targets.some((x) => !x)) {
      (t.incomplete ??= []).push(`foreign key ${pending.refs.map((r) => r.text).join(', ')}`);
      return;
    }
    const first = targets[0]!;
    const ref0 = pending.refs[0];
    const fk: ForeignKey = {
      columns: columns as string[],
      target: { table: first.table, columns: targets.map((x) => x!.column) },
      resolvedSchema: first.resolvedSchema,
      location: pending.location,
      targetText: pending.refs.map((r) => r.text).join(', '),
    };
    if (first.schema !== undefined) fk.target.schema = first.schema;
    if (pending.refs.length === 1 && ref0.textLocation) fk.targetTextLocation = ref0.textLocation;
    if (ref0.kind !== 'string') fk.viaClass = ref0.parts[0];
    if (pending.inheritedFrom) fk.inheritedFrom = pending.inheritedFrom;
    t.foreignKeys.push(fk);
  }

  private resolveTarget(ref: PyForeignKeyRef, draft: TableDraft): { schema?: string; table: string; column: string; resolvedSchema: string } | undefined {
    if (ref.kind === 'string') {
      const p = ref.parts;
      if (p.length < 2 || p.some((s) => !s)) return undefined;
      const table = p[p.length - 2];
      const schema = p.length > 2 ? p.slice(0, -2).join('.') : undefined;
      // SQLAlchemy resolves an unqualified reference in the referring table's MetaData schema.
      const resolvedSchema = schema ?? draft.metadataSchema ?? this.defaultSchema;
      // (`"members.accountId"` names a key of the table, `table.c[key]`: the column it keys.)
      const keyed = this.keyedTables.get(`${resolvedSchema}.${table}`);
      const column = keyed?.keys?.get(p[p.length - 1]) ?? p[p.length - 1];
      return { schema, table, column, resolvedSchema };
    }
    const [owner, attr] = ref.parts;
    const target = ref.kind === 'class' ? this.draftsByClass.get(owner) : this.draftsByVariable.get(owner);
    if (!target) return undefined;
    // `ForeignKey(System.id_field_path)`: the string it builds from System's table name ("ctl_systems.id").
    const built = ref.kind === 'class' && !target.attributes.has(attr) ? target.tableStrings?.get(attr) : undefined;
    if (built) {
      const p = built.map((part) => part ?? target.table.name).join('').split('.');
      if (p.length < 2 || p.some((x) => !x)) return undefined;
      const schema = p.length > 2 ? p.slice(0, -2).join('.') : undefined;
      return { schema, table: p[p.length - 2], column: p[p.length - 1], resolvedSchema: schema ?? draft.metadataSchema ?? this.defaultSchema };
    }
    // (`members.c.accountId` names a key of the Core table.)
    const column = ref.kind === 'class' ? target.attributes.get(attr) ?? attr : target.keys?.get(attr) ?? attr;
    return { table: target.table.name, column, schema: target.table.schema, resolvedSchema: target.table.schema };
  }
}

function snakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The modules that import an enum class: by its name (`from app.enums import Status`), or its
 * module (`from app import enums`, `import app.enums as enums`) — by names only, which may count a
 * class or module of the same name elsewhere (that only widens where the enum may be used).
 */
function importersOf(cls: PyClassDecl, importers: ReadonlyMap<string, readonly string[]>): { importedIn?: string[] } {
  const moduleName = cls.file.replace(/\\/g, '/').replace(/\/__init__\.py$|\.py$/, '').split('/').pop()!;
  const files = [...new Set([...importers.get(cls.name) ?? [], ...importers.get(moduleName) ?? []])].filter((f) => f !== cls.file);
  return files.length ? { importedIn: files } : {};
}
