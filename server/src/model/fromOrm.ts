/**
 * Builds the schema model from TypeORM entities and Sequelize models (all files at once: relations
 * and associations name classes and models of other files). Applies each ORM's naming: TypeORM's
 * default strategy (table = snake_case of the class, columns = property names, join columns
 * `${relation}${Pk}`) or SnakeNamingStrategy; Sequelize's pluralised model names, `underscored`,
 * the implicit `id`, timestamps and `deletedAt` (paranoid).
 */
import * as path from 'path';
import { withoutUniqueOfPrimaryKey } from './createTable';
import type { MixinApplication, NameRef, OrmAssociation, OrmColumnDecl, OrmEntityDecl, OrmIndexDecl, OrmModelFacts, OrmUnknown, SequelizeDefine, SequelizeFlag, SequelizeTableWrapper, TypeVia, ValueRef } from '../facts/orm';
import { SEQUELIZE_TYPESCRIPT_MODULE } from '../facts/orm';
import { ormValueDefault, sequelizeDesignType, sequelizeType, typeormDesignType, typeormType } from './ormTypes';
import type { TsModuleResolver } from '../resolve/typescript/moduleResolution';
import { TsProjectSymbols } from '../resolve/typescript/symbols';
import { typeOrmNamingOf, type TypeOrmNaming } from '../resolve/typescript/namingStrategy';
import { DEFAULT_SCHEMA, nearestTo, type Column, type ColumnType, type ForeignKey, type Index, type SchemaModel, type SchemaSource, type Table, type UniqueConstraint, type UnnamedTable } from './schema';
import { knownType, normaliseType } from './types';
import { isUnknown, type Unknown, unknownValue } from './unknown';
import type { Location } from './source';
import { sequelizeCamelize, sequelizeField, sequelizeForeignKey, sequelizeTableName } from './sequelizeNaming';
import { singularize } from 'inflection';
import { withSequelizeInitOverrides } from './sequelizeInit';

function snakeCase(name: string): string {
  return name.replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase());
}

interface Draft {
  entity: OrmEntityDecl;
  table: Table;
  decls: Map<Column, OrmColumnDecl>;
  /** The file that declares the entity. */
  file?: string;
  /** The table of the last build, kept whole: its file did not change (see OrmBuildMemo.lastTables). */
  kept?: true;
  /** Entity-level index and unique lists, as the properties they name: see entityListColumns. */
  entityLists?: { properties: string[]; index: Index; unique?: UniqueConstraint }[];
  /** Whether the entity has a table of its own is Unknown (see MergedEntity.existence). */
  existence?: Unknown;
  /**
   * A relation's join columns, by its property, where the target's key has several columns (one
   * join column each, made after the target is built): what an `@Index(['tenant'])` over it covers.
   */
  joins?: Map<string, string[]>;
}

/** The files a relative import may name, as TypeScript resolves it (`./User` → `./User.ts`, `./user/index.ts`…). */
function moduleFiles(from: string, module: string): string[] {
  const stem = path.resolve(path.dirname(from), module.replace(/\.js$/, ''));
  return [stem, `${stem}.ts`, `${stem}.tsx`, `${stem}.js`, `${stem}.mjs`, `${stem}.cjs`, path.join(stem, 'index.ts'), path.join(stem, 'index.js')];
}

/**
 * A column a subclass declares again: TypeORM keeps the base class's, because it keeps the first
 * column registered for a property (MetadataArgsStorage.filterColumns) and a base class is defined,
 * and its decorators run, before its subclasses (typeorm#5804, #10895). Relations keep the
 * subclass's target; Sequelize merges a subclass's attribute options over the base's.
 */
function baseColumnWins(orm: OrmModelFacts['orm'] | undefined, mine: OrmColumnDecl, base: OrmColumnDecl): boolean {
  return orm === 'typeorm' && !mine.reference && !base.reference && !mine.embedded && !base.embedded && !mine.joinColumnOf && !base.joinColumnOf;
}

/** The ORMs' own base classes: they declare no columns of the project's tables. */
const ORM_MODULES = /^(typeorm|sequelize|sequelize-typescript)(\/|$)/;

/**
 * Entities with the columns of their base classes (`extends BaseEntity` from another file), found
 * the way TypeScript resolves the name: through the file's import (relative paths), else in the same
 * file, else the one class of that name in the project. A base that cannot be found makes the column
 * set Unknown (`incomplete`): rules then say nothing about what may be missing from the table.
 */
function withInheritedColumns(files: readonly OrmModelFacts[], symbols: TsProjectSymbols, memo?: OrmBuildMemo): MergedEntity[] {
  // Properties with a project decorator that applies Column(...) are columns (`@DbAwareColumn`).
  const columnDecorators = new Set(files.flatMap((f) => f.columnDecorators ?? []));
  // (Decorators that apply nothing of TypeORM's, `@Calculated()`: the property is no column.)
  const inertDecorators = new Set(files.flatMap((f) => f.inertDecorators ?? []));
  const withCustom = (e: OrmEntityDecl): OrmEntityDecl => {
    const custom = (e.customColumns ?? []).filter((c) => columnDecorators.has(c.decorator)).map((c) => c.column);
    // A project decorator that is not a known column decorator may still make a column or relation.
    const unread = (e.projectDecorators ?? []).filter((p) => !p.decorators.some((d) => columnDecorators.has(d)) && !p.decorators.every((d) => inertDecorators.has(d)))
      .map((p) => `property ${p.property} (decorated by @${p.decorators.join(', @')} of the project)`);
    if (!custom.length && !unread.length) return e;
    return { ...e, columns: [...e.columns, ...custom], ...(unread.length ? { incomplete: [...(e.incomplete ?? []), ...unread] } : {}) };
  };
  const byFile = new Map<string, OrmEntityDecl>();
  const byName = new Map<string, OrmEntityDecl[]>();
  const fileOf = new Map<OrmEntityDecl, string>();
  const ormOf = new Map<OrmEntityDecl, OrmModelFacts['orm']>();
  for (const f of files) {
    for (const e of f.entities) {
      byFile.set(`${f.file}#${e.name}`, e);
      // A TypeORM EntitySchema is named by its variable too (`embeddeds: { geo: { schema: GeoPointSchema } }`).
      if (f.orm === 'typeorm' && e.className && e.className !== e.name) byFile.set(`${f.file}#${e.className}`, e);
      fileOf.set(e, f.file);
      ormOf.set(e, f.orm);
      const list = byName.get(e.name);
      if (list) list.push(e);
      else byName.set(e.name, [e]);
    }
  }
  // A mixin's class as one application makes it: where that application is written (its base is named there).
  const appliedIn = new Map<OrmEntityDecl, string>();
  const applications = new Map<string, OrmEntityDecl | undefined>();
  const baseOf = (e: OrmEntityDecl): OrmEntityDecl | 'orm' | undefined => classFor(appliedIn.get(e) ?? fileOf.get(e)!, e.base!);
  /**
   * The class a mixin application written in `file` makes (`withTimestamps(BaseModel)`): the class
   * the mixin declares, extending the class given at the position of the parameter it extends.
   * Undefined (Unknown) when the function is not a mixin this project declares.
   */
  const applied = (file: string, application: MixinApplication): OrmEntityDecl | undefined => {
    const key = `${file}\0${JSON.stringify(application)}`;
    if (applications.has(key)) return applications.get(key);
    applications.set(key, undefined);
    const declared = symbols.mixinClass(file, application.fn);
    const mixin = declared ? byFile.get(`${declared.file}#${declared.name}`) : undefined;
    const given = mixin?.mixin ? application.args[mixin.mixin.parameter] : undefined;
    if (!mixin || given === undefined) return undefined;
    // (Given `class {}`: the mixin's class extends nothing that has columns.)
    const made: OrmEntityDecl = given === null ? { ...mixin } : { ...mixin, base: typeof given === 'string' ? { name: given } : { name: `${given.fn}(…)`, applied: given } };
    fileOf.set(made, fileOf.get(mixin)!);
    ormOf.set(made, ormOf.get(mixin)!);
    appliedIn.set(made, file);
    applications.set(key, made);
    return made;
  };
  /** The class `base` names in `file`, as the checker binds it; 'orm': the ORM's own class. */
  const classFor = (file: string, base: { name: string; module?: string; applied?: MixinApplication }): OrmEntityDecl | 'orm' | undefined => {
    if (base.applied) return applied(file, base.applied);
    if (base.module && ORM_MODULES.test(base.module)) return 'orm';
    // As the checker binds it: the file's import, through re-exports and path aliases.
    const bound = symbols.classIn(file, base.name);
    const declared = bound ? byFile.get(`${bound.file}#${bound.name}`) : undefined;
    if (declared) return declared;
    // `const Timestamped = withTimestamps(BaseModel)`, here or imported: what that application makes.
    const application = symbols.mixinApplicationIn(file, base.name);
    if (application) return applied(application.file, application.applied);
    const plain = throughPlainClasses(file, base.name);
    if (plain) return plain;
    if (base.module?.startsWith('.')) {
      const stem = path.resolve(path.dirname(file), base.module);
      for (const candidate of [stem, `${stem}.ts`, `${stem}.tsx`, `${stem}.js`, path.join(stem, 'index.ts'), path.join(stem, 'index.js')]) {
        const found = byFile.get(`${candidate}#${base.name}`);
        if (found) return found;
      }
    }
    if (base.module?.startsWith('.') && symbols.importOf(file, base.name)?.name === 'default') {
      // `import Base from "./Base"`: a default export may have any name; the module's one class is it.
      const stem = path.resolve(path.dirname(file), base.module);
      const inModule = [...byFile.entries()].filter(([k]) => [stem, `${stem}.ts`, `${stem}.js`].some((c) => k.startsWith(`${c}#`))).map(([, v]) => v);
      if (inModule.length === 1) return inModule[0];
    }
    const local = byFile.get(`${file}#${base.name}`);
    if (local) return local;
    const named = byName.get(base.name);
    return named?.length === 1 ? named[0] : undefined;
  };
  // Keyed by the entity as read: an unchanged entity (and base) is merged once across builds.
  /**
   * A base that is a class of the project without columns (a helper with methods, read because it
   * is imported) adds none: what counts is what it extends in turn — an entity, the ORM's own base,
   * or nothing. A base computed by code, or one not found, stays Unknown (undefined here).
   */
  function throughPlainClasses(file: string, name: string): OrmEntityDecl | 'orm' | undefined {
    let current = { file, name };
    for (let depth = 0; depth < 8; depth++) {
      const imported = symbols.importOf(current.file, current.name);
      if (imported && ORM_MODULES.test(imported.module)) return 'orm';
      const decl = symbols.classDeclaration(current.file, current.name);
      if (!decl) return undefined;
      const entity = byFile.get(`${decl.file}#${decl.name}`);
      if (entity) return entity;
      if (decl.baseComputed) return undefined;
      if (!decl.base) return 'orm';
      current = { file: decl.file, name: decl.base };
    }
    return undefined;
  }
  const merged = memo?.merged ?? new WeakMap<OrmEntityDecl, OrmEntityDecl>();
  const merge = (read: OrmEntityDecl, seen: Set<OrmEntityDecl>): OrmEntityDecl => {
    const done = merged.get(read);
    if (done) return done;
    const e = withCustom(read);
    if (!e.base || seen.has(read)) {
      const expanded = withEmbeddedColumns(e, read, seen);
      if (!seen.has(read)) merged.set(read, expanded);
      return expanded;
    }
    const base = baseOf(read);
    let result: OrmEntityDecl;
    if (base === 'orm') result = e;
    else if (!base) result = { ...e, incomplete: [...(e.incomplete ?? []), `columns of base class ${e.base.name}`] };
    else {
      const full = merge(base, new Set([...seen, read]));
      // A join column named by default has neither property nor name: its relation's property is
      // what a subclass redeclares (TypeORM keeps a child's relation over a base's of the same property);
      // anything else unnamed is a column of its own.
      const key = (c: OrmColumnDecl): unknown => c.property ?? c.name ?? (c.relationProperty !== undefined ? `\0relation ${c.relationProperty}` : c);
      const own = new Map(e.columns.map((c) => [key(c), c]));
      const redeclared = new Set<unknown>();
      const inherited = full.columns.flatMap((c): OrmColumnDecl[] => {
        const mine = own.get(key(c));
        if (!mine) return [{ ...c, inheritedFrom: c.inheritedFrom ?? full.name }];
        if (!baseColumnWins(ormOf.get(read), mine, c)) return [];
        redeclared.add(key(c));
        // Only a truthy `default` of the subclass replaces the base's (EntityMetadataBuilder).
        const ownDefault = mine.serverDefault !== undefined && !mine.falsyDefault;
        return [{ ...c, inheritedFrom: c.inheritedFrom ?? full.name, ...(ownDefault ? { serverDefault: mine.serverDefault } : {}) }];
      });
      result = {
        ...e,
        columns: [...inherited, ...e.columns.filter((c) => !redeclared.has(key(c)))],
        indexes: [...full.indexes, ...e.indexes],
        uniques: [...full.uniques, ...e.uniques],
        ...(full.incomplete?.length ? { incomplete: [...(e.incomplete ?? []), ...full.incomplete] } : {}),
        ...(full.relationsUnread?.length ? { relationsUnread: [...(e.relationsUnread ?? []), ...full.relationsUnread] } : {}),
      };
    }
    const expanded = withEmbeddedColumns(result, read, seen);
    // A class that extends a MongoDB document (`extends MongoBaseEntity`, whose `@ObjectIdColumn() id`) is one too.
    const final = base && base !== 'orm' && (base.document || merged.get(base)?.document) ? { ...expanded, document: true as const } : expanded;
    merged.set(read, final);
    return final;
  };
  /**
   * `@Column(() => Address)`: the embedded class's columns (its own embeddings expanded too), each
   * with the embedding's prefix; a class that cannot be found leaves the columns Unknown.
   */
  const withEmbeddedColumns = (e: OrmEntityDecl, read: OrmEntityDecl, seen: Set<OrmEntityDecl>): OrmEntityDecl => {
    if (!e.columns.some((c) => c.embedded)) return e;
    const columns: OrmColumnDecl[] = [];
    const junctions = [...e.junctions];
    const indexes = [...e.indexes];
    const uniques = [...e.uniques];
    const incomplete = [...(e.incomplete ?? [])];
    for (const c of e.columns) {
      if (!c.embedded) {
        columns.push(c);
        continue;
      }
      const found = classFor(fileOf.get(read)!, { name: c.embedded.className, module: c.embedded.module });
      if (!found || found === 'orm' || seen.has(found) || c.nameUnknown) {
        incomplete.push(`columns of the embedded ${c.embedded.className} (property ${c.property})`);
        continue;
      }
      const inner = merge(found, new Set([...seen, read]));
      const prefix = c.embedded.prefix === false ? [] : [c.embedded.prefix ?? c.property ?? ''];
      // Located at the embedding property (a finding about `shippingStreet` points at `shipping`).
      const path = (p: string) => `${c.property}.${p}`;
      for (const ic of inner.columns) {
        const own = ic.propertyPath ?? ic.property;
        columns.push({ ...ic, embeddedPrefixes: [...prefix, ...(ic.embeddedPrefixes ?? [])], location: c.location, inheritedFrom: ic.inheritedFrom ?? inner.name, ...(own ? { propertyPath: path(own) } : {}) });
      }
      // The embedded class's own @Index / @Unique lists: over its properties, by their paths here.
      for (const i of inner.indexes) indexes.push({ ...i, columns: i.columns.map(path), location: c.location, removal: undefined });
      for (const u of inner.uniques) uniques.push({ ...u, columns: u.columns.map(path), location: c.location });
      // A many-to-many of the embedded class: the entity's, by its property path (`counters.likedUsers`).
      for (const j of inner.junctions) junctions.push({ ...j, property: `${c.property}.${j.property}`, location: c.location });
      if (inner.incomplete?.length) incomplete.push(...inner.incomplete);
    }
    return { ...e, columns, junctions, indexes, uniques, ...(incomplete.length ? { incomplete } : {}) };
  };
  // `@Entity() abstract class`: whether a data source loads the class itself (and so makes its
  // table) is Unknown; the tables of the entities that extend it have its columns all the same.
  const extended = new Set<OrmEntityDecl>();
  for (const f of files) {
    for (const e of f.entities) {
      const base = e.base ? baseOf(e) : undefined;
      if (base && base !== 'orm' && base.abstractEntity) extended.add(base);
    }
  }
  const notLoaded = entitiesNotLoaded(files, symbols);
  const builtByNothing = entitiesBuiltByNothing(files);
  const dataSourceOf = entityDataSources(files);
  const embedded = schemasEmbeddedElsewhere(files, symbols);
  const entities = files.flatMap((f) => f.entities.filter((e) => !e.abstractBase && !merge(e, new Set()).document && !embedded.has(`${f.file}#${e.className ?? e.name}`)).map((e) => {
    const unloaded = notLoaded(e, f.file);
    const loadedBy = builtByNothing(e);
    const dataSourceKey = dataSourceOf(e);
    return {
      file: f.file, read: e,
      entity: loadedBy || dataSourceKey ? { ...merge(e, new Set()), ...(loadedBy ? { loadedOnlyWhereNothingIsBuilt: loadedBy } : {}), ...(dataSourceKey ? { dataSourceKey } : {}) } : merge(e, new Set()),
      // (One no entity extends too: `abstract` says no row is made of it, and whether a data source's
      // globs load its file — `!(*base).entity.js` — is not evaluated here.)
      ...(extended.has(e) || e.abstractEntity ? { existence: unknownValue(`whether abstract entity ${e.name} has a table of its own: only where a data source loads the class itself`, e.location) }
        : e.existenceUnknown ? { existence: unknownValue(e.existenceUnknown, e.location) } : unloaded ? { existence: unloaded } : {}),
    };
  }));
  /** The `@TableInheritance` entity a `@ChildEntity` class extends, through other children. */
  const singleTableRoot = (child: OrmEntityDecl): OrmEntityDecl | undefined => {
    let current = child;
    for (let depth = 0; depth < 8 && current.base; depth++) {
      const base = baseOf(current);
      if (!base || base === 'orm') return undefined;
      if (base.singleTable) return base;
      if (!base.singleTableChild) return undefined;
      current = base;
    }
    return undefined;
  };
  return withSingleTableChildren(entities, singleTableRoot);
}

/** An entity with what it inherits; `tableOf`: a single-table child, whose table is that entity's (`file#name`). */
interface MergedEntity {
  file: string;
  entity: OrmEntityDecl;
  tableOf?: string;
  /** Whether the entity has a table of its own is Unknown: an abstract `@Entity()` other entities extend. */
  existence?: Unknown;
}

/**
 * TypeORM's single-table inheritance, as EntityMetadataBuilder builds it: the table of a
 * `@TableInheritance` entity has the columns of every `@ChildEntity` class that extends it — each
 * child's columns made nullable (a relation's own join column keeps the relation's) — and the
 * discriminator column, indexed unless an index on it alone is declared. A child has no table of its own: its name stands for its
 * parent's table. A child whose parent cannot be found is an Unknown table (listed, never guessed).
 */
function withSingleTableChildren(entities: { file: string; read: OrmEntityDecl; entity: OrmEntityDecl; existence?: Unknown }[], rootOf: (child: OrmEntityDecl) => OrmEntityDecl | undefined): MergedEntity[] {
  if (!entities.some((e) => e.read.singleTableChild || e.read.singleTable)) return entities.map(({ file, entity, existence }) => ({ file, entity, ...(existence ? { existence } : {}) }));
  const roots = new Map<OrmEntityDecl, OrmEntityDecl>();
  const rootFile = new Map<OrmEntityDecl, string>();
  for (const e of entities) {
    if (!e.read.singleTable) continue;
    roots.set(e.read, e.entity);
    rootFile.set(e.read, e.file);
  }
  const out: MergedEntity[] = [];
  for (const e of entities) {
    if (!e.read.singleTableChild) continue;
    const root = rootOf(e.read);
    const rootEntity = root ? roots.get(root) : undefined;
    if (!root || !rootEntity) {
      // Its table is its parent's, which cannot be told here: an Unknown table, never one named after the child.
      out.push({ file: e.file, entity: { ...e.entity, tableNameUnknown: unknownValue(`table of the single-table child ${e.read.name}: its parent entity is not found`, e.read.location) } });
      continue;
    }
    // A relation's join column is known by its relation's property until its name is made.
    const key = (c: OrmColumnDecl) => c.property ?? c.joinColumnOf ?? c.name;
    const has = new Set(rootEntity.columns.map(key));
    // A column the child declares (`@Column() parentId`, a relation joining it or not) is nullable;
    // a relation's own join column keeps the relation's nullability.
    const added = e.entity.columns.filter((c) => !has.has(key(c))).map((c) => (c.reference && c.property === undefined ? c : { ...c, nullable: true }));
    roots.set(root, {
      ...rootEntity,
      columns: [...rootEntity.columns, ...added],
      indexes: [...rootEntity.indexes, ...e.entity.indexes.filter((i) => !rootEntity.indexes.includes(i))],
      uniques: [...rootEntity.uniques, ...e.entity.uniques.filter((u) => !rootEntity.uniques.includes(u))],
      junctions: [...rootEntity.junctions, ...e.entity.junctions.filter((j) => !rootEntity.junctions.includes(j))],
      ...(e.entity.incomplete?.length ? { incomplete: [...new Set([...(rootEntity.incomplete ?? []), ...e.entity.incomplete])] } : {}),
    });
    out.push({ file: e.file, entity: e.entity, tableOf: `${rootFile.get(root)}#${root.name}` });
  }
  for (const e of entities) {
    if (e.read.singleTableChild) continue;
    let entity = roots.get(e.read) ?? e.entity;
    const discriminator = e.read.singleTable?.discriminator;
    if (discriminator) {
      // The discriminator is a column the entity declares (`@Column() type`), or one TypeORM adds;
      // either way TypeORM indexes it, unless an index on it alone is declared.
      const declared = entity.columns.find((c) => (c.property ?? c.name) === discriminator.property);
      const name = declared ? declared.name ?? declared.property! : discriminator.name ?? discriminator.property!;
      const indexed = entity.indexes.some((i) => i.columns.length === 1 && (i.columns[0] === name || i.columns[0] === discriminator.property)) || entity.columns.some((c) => c.name === name && c.index) || !!declared?.index;
      entity = {
        ...entity,
        columns: declared ? entity.columns : [...entity.columns, discriminator],
        indexes: indexed || (!declared && discriminator.nameUnknown) ? entity.indexes : [...entity.indexes, { columns: [declared ? declared.property ?? name : name], unique: false, location: discriminator.location }],
      };
    }
    out.push({ file: e.file, entity, ...(e.existence ? { existence: e.existence } : {}) });
  }
  return out;
}

/**
 * Models whose decorator a file takes from a module of the project (a barrel, a path alias): read as
 * sequelize-typescript's when that module hands on sequelize-typescript's own; a decorator of the
 * project's (`export function Table(options) { … BaseTable({ underscored: true, ...options }) }`)
 * may set any option, so the model's table and column names are Unknown — never read as written.
 */
function withConfirmedDecorators(files: readonly OrmModelFacts[], symbols: TsProjectSymbols): readonly OrmModelFacts[] {
  return files.map((f) => {
    if (f.orm !== 'sequelize' || !f.entities.some((e) => e.decoratorVia || e.tableWrapperCandidate)) return f;
    // Classes whose decorator of the project's is no wrapper of @Table: the bases of attributes they
    // are without @Table, their associations none of the ORM's.
    const notModels = new Set<string>();
    const entities = f.entities.map((e) => {
      if (e.tableWrapperCandidate) {
        // `@AppTable({ … })`: a model where the decorator hands its options on to @Table.
        const { tableWrapperCandidate: name, ...candidate } = e;
        const wrapper = symbols.tableWrapper(f.file, name);
        if (!wrapper) {
          notModels.add(e.name);
          return candidate;
        }
        const model: OrmEntityDecl = { ...candidate, decoratorVia: name };
        delete model.abstractBase;
        const wrapped = propertyDecoratorsFromPackage(f.file, symbols) ? throughTableWrapper(model, wrapper) : undefined;
        if (wrapped) return wrapped;
        const { tableName: _written, ...rest } = model;
        return {
          ...rest,
          tableNameUnknown: unknownValue(`table of ${e.name}: @${name}, a decorator of the project, sets model options from code`, e.location),
          incomplete: [...(e.incomplete ?? []), `column names (under @${name}, a decorator of the project)`],
        };
      }
      if (!e.decoratorVia || symbols.comesFromPackage(f.file, e.decoratorVia, SEQUELIZE_TYPESCRIPT_MODULE)) return e;
      // A wrapper of the project that hands sequelize-typescript's @Table the caller's options, setting some.
      const wrapper = e.decoratorVia === 'Table' ? symbols.tableWrapper(f.file, 'Table') : undefined;
      const wrapped = wrapper && propertyDecoratorsFromPackage(f.file, symbols) ? throughTableWrapper(e, wrapper) : undefined;
      if (wrapped) return wrapped;
      const { tableName: _written, ...rest } = e;
      return {
        ...rest,
        tableNameUnknown: unknownValue(`table of ${e.name}: @${e.decoratorVia} is a decorator of the project, not sequelize-typescript's, and may set any model option`, e.location),
        incomplete: [...(e.incomplete ?? []), `column names (under @${e.decoratorVia}, a decorator of the project)`],
      };
    });
    return { ...f, entities, ...(notModels.size ? { associations: f.associations.filter((a) => !notModels.has(a.source)) } : {}) };
  });
}

/** The decorators of a model's properties a file imports (`@Column`, `@ForeignKey`…): every one sequelize-typescript's own. */
function propertyDecoratorsFromPackage(file: string, symbols: TsProjectSymbols): boolean {
  const imported = symbols.importedNames(file);
  return imported.filter((n) => SEQUELIZE_PROPERTY_DECORATORS.has(n)).every((n) => symbols.comesFromPackage(file, n, SEQUELIZE_TYPESCRIPT_MODULE));
}

const SEQUELIZE_PROPERTY_DECORATORS = new Set(['Column', 'PrimaryKey', 'AutoIncrement', 'ForeignKey', 'BelongsTo', 'HasMany', 'HasOne', 'BelongsToMany',
  'Default', 'AllowNull', 'Unique', 'Index', 'CreatedAt', 'UpdatedAt', 'DeletedAt', 'Comment']);

/**
 * A model as the project's `@Table` wrapper hands it to sequelize-typescript: the caller's options,
 * with what the wrapper sets — its table named by the caller's `modelName` (`tableName:
 * options.modelName`), its model name the class's (`modelName: target.name`), its indexes computed
 * by the wrapper Unknown. Undefined when the wrapper sets or changes other options (it may then set
 * any: the model stays Unknown).
 */
function throughTableWrapper(e: OrmEntityDecl, wrapper: SequelizeTableWrapper): OrmEntityDecl | undefined {
  const followed = new Set(['tableName', 'modelName', 'indexes']);
  // (Flags and timestamp names it sets to literals, `{ ...options, underscored: true, deletedAt: 'deleted_at' }`, are followed too.)
  const flags = new Set<string>(['timestamps', 'paranoid', 'underscored', 'freezeTableName']);
  const stamps = new Set<string>(['createdAt', 'updatedAt', 'deletedAt']);
  const literal = (k: string) => { const set = wrapper.sets[k]; return set && 'literal' in set ? set.literal : undefined; };
  const isFollowed = (k: string) => followed.has(k) || (flags.has(k) && typeof literal(k) === 'boolean')
    || (stamps.has(k) && (typeof literal(k) === 'string' || literal(k) === false)) || (k === 'schema' && typeof literal(k) === 'string');
  if (!Object.keys(wrapper.sets).every(isFollowed) || !wrapper.changes.every((k) => k === 'indexes')) return undefined;
  const out: OrmEntityDecl = { ...e };
  delete out.decoratorVia;
  if (e.sequelize) {
    const sequelize = { ...e.sequelize };
    const explicit = { ...e.sequelizeExplicit };
    for (const k of Object.keys(wrapper.sets)) {
      const v = literal(k);
      if (flags.has(k)) sequelize[k as SequelizeFlag] = explicit[k as SequelizeFlag] = v as boolean;
      else if (stamps.has(k)) sequelize[k as 'createdAt'] = v as string | false;
    }
    out.sequelize = sequelize;
    out.sequelizeExplicit = explicit;
    // The columns named after their attributes, named as `underscored` now says.
    if (sequelize.underscored !== e.sequelize.underscored) {
      out.columns = e.columns.map((c) => (c.nameFromProperty && c.property ? { ...c, name: sequelizeField(c.property, sequelize.underscored) } : c));
      out.indexes = e.indexes.map((i) => (i.fields ? { ...i, columns: i.fields.map((f) => sequelizeField(f, sequelize.underscored)) } : i));
    }
  }
  const schema = literal('schema');
  if (typeof schema === 'string') {
    delete out.schemaUnknown;
    out.schema = { name: schema, location: e.location };
  }
  // (Each read from the caller's options, before either is set: `tableName: options.modelName`.)
  const names = (['tableName', 'modelName'] as const).map((key) => [key, wrapper.sets[key] && nameSetTo(wrapper.sets[key], e, key)] as const);
  for (const [key, set] of names) {
    if (!set) continue;
    const unknownKey = key === 'tableName' ? 'tableNameUnknown' : 'modelNameUnknown';
    delete out[key];
    delete out[unknownKey];
    if (set.value !== undefined) out[key] = set.value;
    else if (set.unknown) out[unknownKey] = set.unknown;
  }
  const indexes = wrapper.sets.indexes;
  if (wrapper.changes.includes('indexes') || (indexes && !('option' in indexes && indexes.option === 'indexes'))) {
    out.incomplete = [...(e.incomplete ?? []), 'indexes'];
  }
  return out;
}

/**
 * A name the project's @Table sets (`tableName`, `modelName`): a literal, the caller's `tableName` or
 * `modelName` as read, the class's name; anything else Unknown. Neither value nor Unknown: none written,
 * sequelize-typescript's default.
 */
function nameSetTo(set: SequelizeTableWrapper['sets'][string], e: OrmEntityDecl, key: 'tableName' | 'modelName'): { value?: string; unknown?: OrmUnknown } {
  if ('literal' in set && typeof set.literal === 'string') return { value: set.literal };
  if ('option' in set && set.option === 'modelName') return { value: e.modelName, unknown: e.modelNameUnknown };
  if ('option' in set && set.option === 'tableName') return { value: e.tableName, unknown: e.tableNameUnknown };
  if ('className' in set) return { value: e.name };
  return { unknown: unknownValue(`${key === 'tableName' ? 'table' : 'model name'} of ${e.name}: set by the project's @Table from code`, e.location) };
}

/**
 * The project's Sequelize `define` options, applied to every model: a flag the model sets itself
 * wins, then `define`, then the default (Sequelize's; sequelize-typescript 0.x's for its models). Two instances with different options (two
 * databases) or options computed by code: the defaults are Unknown, and the models keep their own
 * reading (a table name may then be wrong; the model says it is read with Sequelize's defaults).
 */
function withSequelizeDefine(files: readonly OrmModelFacts[], symbols: TsProjectSymbols, applicationOf?: (file: string) => string): readonly OrmModelFacts[] {
  // A workspace of several applications, each with an instance of its own (services side by side):
  // each application's models take its own instances' options; those of an application without one
  // (a package of models an instance elsewhere loads) take every instance's, as one application's do.
  const withInstance = applicationOf ? new Set(files.filter((f) => f.sequelizeDefine || f.sequelizeInstance).map((f) => applicationOf(f.file))) : new Set<string>();
  if (!applicationOf || withInstance.size <= 1) return withDefineOf(files, files, symbols);
  const out = new Map<OrmModelFacts, OrmModelFacts>();
  const put = (group: readonly OrmModelFacts[], from: readonly OrmModelFacts[]) => withDefineOf(group, from, symbols).forEach((r, i) => out.set(group[i], r));
  for (const app of withInstance) {
    const own = files.filter((f) => applicationOf(f.file) === app);
    put(own, own);
  }
  const rest = files.filter((f) => !withInstance.has(applicationOf(f.file)));
  if (rest.length) put(rest, files);
  return files.map((f) => out.get(f) ?? f);
}

/** The `define` options of the instances `from` declares, applied to the models of `files`. */
/** Sequelize entities with the project's `define` applied, by the entity read and the options applied (see withDefineOf). */
const definedEntities = new WeakMap<OrmEntityDecl, { key: string; out: OrmEntityDecl }>();

function withDefineOf(files: readonly OrmModelFacts[], from: readonly OrmModelFacts[], symbols: TsProjectSymbols): readonly OrmModelFacts[] {
  // Options another module holds (`new Sequelize(databaseConfig)`) are read in that module; one the
  // workspace lacks (a config kept out of the repository) holds options no one can read: Unknown.
  const defines = from.flatMap((f) => {
    const d = f.sequelizeDefine;
    if (!d?.optionsModule) return d ? [d] : [];
    return symbols.moduleOf(f.file, d.optionsModule) ? [] : [{ ...d, unread: true, missing: d.optionsModule }];
  });
  // Packages on sequelize-typescript 0.x: their decorated models start from that library's defaults.
  const folderOf = (f: OrmModelFacts) => f.file.slice(0, Math.max(f.file.lastIndexOf('/'), f.file.lastIndexOf('\\')) + 1);
  const legacyFolders = files.filter((f) => f.legacySequelizeTypescript).map(folderOf);
  // Packages on Sequelize 4 or older: `underscored` names only what Sequelize generates there.
  const sequelize4Folders = files.filter((f) => f.legacySequelize).map(folderOf);
  // Egg.js applications (egg-sequelize): the plugin's `define` is the default, unless the application gives one.
  const eggFolders = files.filter((f) => f.eggSequelize).map(folderOf);
  if (!defines.length && !legacyFolders.length && !sequelize4Folders.length && !eggFolders.length) return files;
  const BUILTIN: Record<SequelizeFlag, boolean> = { timestamps: true, paranoid: false, underscored: false, freezeTableName: false, underscoredAll: false };
  const FLAGS: SequelizeFlag[] = ['timestamps', 'paranoid', 'underscored', 'freezeTableName', 'underscoredAll'];
  // Several instances (the application's, a migration runner's, a reset tool's): their options agree
  // flag by flag or not. Timestamps agree when they name the same columns (`createdAt: 'created_at'`
  // beside `underscored: true` names the column `underscored` alone names).
  const stamps = (d: SequelizeDefine) => JSON.stringify((['createdAt', 'updatedAt', 'deletedAt'] as const).map((k) => {
    const named = d.timestampNames?.[k];
    return named === false ? false : sequelizeField(named ?? k, d.flags.underscored);
  }));
  const unread = defines.find((d) => d.unread);
  const agreeing = !unread && defines.every((d) => JSON.stringify(d.schema) === JSON.stringify(defines[0].schema));
  /** The flags the instances disagree on (all of them when one's options cannot be read). */
  const disputed: SequelizeFlag[] = !defines.length ? [] : !agreeing ? FLAGS : FLAGS.filter((k) => new Set(defines.map((d) => d.flags[k] ?? BUILTIN[k])).size > 1
    || (k === 'timestamps' && new Set(defines.map(stamps)).size > 1));
  const define: Pick<SequelizeDefine, 'flags' | 'schema' | 'timestampNames' | 'location'> = !defines.length
    ? { flags: {}, location: (files.find((f) => f.legacySequelize)?.legacySequelize ?? files.find((f) => f.eggSequelize)!.eggSequelize!).location }
    : {
      // The flags they agree on (as written, or Sequelize's default where each leaves it), the others Unknown below.
      flags: Object.fromEntries(FLAGS.filter((k) => !disputed.includes(k) && defines.some((d) => d.flags[k] !== undefined)).map((k) => [k, defines[0].flags[k] ?? BUILTIN[k]])),
      ...(defines[0].schema ? { schema: defines[0].schema } : {}),
      ...(defines[0].timestampNames && !disputed.includes('timestamps') ? { timestampNames: defines[0].timestampNames } : {}),
      location: defines[0].location,
    };
  if (disputed.length) {
    // Unknown defaults: a table named by default is Unknown, and so is every column named by default.
    const where = unread?.location ?? defines[0].location;
    const missing = unread && 'missing' in unread ? unread.missing : undefined;
    const by = missing ? `model options of ${missing}, a module the workspace does not have` : 'model options set for the whole project by code';
    // (Each disputed flag the model does not set itself is Unknown: the timestamps it may add, and their names, too.)
    const doubt = (e: OrmEntityDecl): OrmEntityDecl => {
      if (e.orm !== 'sequelize') return e;
      const open = disputed.filter((k) => e.sequelizeExplicit?.[k] === undefined);
      if (!open.length) return e;
      // Sequelize names a table after its model as `freezeTableName` says, then `underscored`.
      const frozen = e.sequelizeExplicit?.freezeTableName ?? (open.includes('freezeTableName') ? undefined : define.flags.freezeTableName);
      const nameOpen = open.includes('freezeTableName') || (open.includes('underscored') && frozen !== true);
      const tableInDoubt = !e.tableName && (nameOpen || !agreeing);
      // (A table it names itself, its columns' names and timestamps agreed: nothing it has is in doubt.)
      if (agreeing && !tableInDoubt && open.every((k) => k === 'freezeTableName')) return e;
      return {
        ...e,
        ...(tableInDoubt && !e.tableNameUnknown ? { tableNameUnknown: unknownValue(`table name depends on ${by}`, where) } : {}),
        sequelizeUnknown: [...new Set([...(e.sequelizeUnknown ?? []), ...open])],
        // A column named after its attribute is "earnedCount" or "earned_count", as `underscored` says:
        // left out (the table incomplete), unless both spellings are one (`label`).
        ...(open.includes('underscored') ? {
          columns: e.columns.filter((c) => !(c.nameFromProperty && c.property && sequelizeField(c.property, true) !== c.property)),
          indexes: e.indexes.filter((i) => !i.fields?.some((f) => sequelizeField(f, true) !== f)),
        } : {}),
        incomplete: [...(e.incomplete ?? []), `column names (under ${by})`],
      };
    };
    // (A join table belongsToMany defines takes the instance's timestamps: Unknown too.)
    const joinStampsUnknown = (e: OrmEntityDecl): OrmEntityDecl => (e.orm === 'sequelize' && e.sequelize && disputed.includes('timestamps') ? { ...e, sequelize: { ...e.sequelize, defineTimestamps: null } } : e);
    if (!agreeing) return files.map((f) => (f.orm !== 'sequelize' ? f : { ...f, entities: f.entities.map((e) => joinStampsUnknown(doubt(e))) }));
    files = files.map((f) => (f.orm !== 'sequelize' ? f : { ...f, entities: f.entities.map(doubt) }));
  }
  // sequelize-typescript before 1.0 merged its DEFAULT_DEFINE_OPTIONS under the instance's `define`.
  const LEGACY: Record<SequelizeFlag, boolean> = { ...BUILTIN, timestamps: false, freezeTableName: true };
  // egg-sequelize's own `define`, replaced whole by one the application gives.
  const EGG: Record<SequelizeFlag, boolean> = { ...BUILTIN, underscored: true, freezeTableName: false };
  // (An entity read again under the same options is the same entity: later steps memoise by identity,
  // and an edit of one model then rebuilds what depends on it, not every model's options.)
  const optionsKey = JSON.stringify([define.flags, define.schema, define.timestampNames, disputed, define.location.file, define.location.range.start.line]);
  const apply = (e: OrmEntityDecl, file: string): OrmEntityDecl => {
    if (e.orm !== 'sequelize' || !e.sequelize) return e;
    const defaults = e.sequelizeTypescript && legacyFolders.some((folder) => file.startsWith(folder)) ? LEGACY
      : !defines.length && eggFolders.some((folder) => file.startsWith(folder)) ? EGG : BUILTIN;
    const key = `${optionsKey}|${defaults === LEGACY ? 'legacy' : defaults === EGG ? 'egg' : 'builtin'}|${sequelize4Folders.some((folder) => file.startsWith(folder))}`;
    const known = definedEntities.get(e);
    if (known?.key === key) return known.out;
    const out = applyDefine(e, file, defaults);
    definedEntities.set(e, { key, out });
    return out;
  };
  const applyDefine = (e: OrmEntityDecl, file: string, defaults: Record<SequelizeFlag, boolean>): OrmEntityDecl => {
    if (!e.sequelize) return e;
    const flag = (k: SequelizeFlag) => e.sequelizeExplicit?.[k] ?? (e.sequelizeUnknown?.includes(k) ? e.sequelize![k] ?? false : define.flags[k] ?? defaults[k]);
    const sequelize4 = sequelize4Folders.some((folder) => file.startsWith(folder));
    const sequelize = {
      ...e.sequelize, timestamps: flag('timestamps'), paranoid: flag('paranoid'), underscored: flag('underscored'), freezeTableName: flag('freezeTableName'),
      defineTimestamps: disputed.includes('timestamps') ? null : define.flags.timestamps ?? defaults.timestamps,
      ...(sequelize4 ? { underscoredAll: flag('underscoredAll'), underscoredGeneratedOnly: true } : {}),
    };
    // `define: { createdAt: 'created' }` names the timestamp of every model that does not name its own.
    for (const key of ['createdAt', 'updatedAt', 'deletedAt'] as const) {
      const named = define.timestampNames?.[key];
      if (named !== undefined && e.sequelize[key] === undefined) sequelize[key] = named;
    }
    // (Sequelize 4: a declared attribute's column is its name, whatever `underscored` says.)
    const name = (property: string) => (sequelize4 ? property : sequelizeField(property, sequelize.underscored));
    return {
      ...e,
      sequelize,
      ...(e.schema || !define.schema ? {} : { schema: { name: define.schema, location: define.location } }),
      columns: e.columns.map((c) => (c.nameFromProperty && c.property ? { ...c, name: name(c.property) } : c)),
      indexes: e.indexes.map((i) => (i.fields ? { ...i, columns: i.fields.map(name) } : i)),
    };
  };
  return files.map((f) => (f.orm !== 'sequelize' ? f : { ...f, entities: f.entities.map((e) => apply(e, f.file)) }));
}

/**
 * Names written where a literal goes (`@Entity(Tables.users)`, `default: Role.Member`, `field:
 * COLUMNS.email`), evaluated across modules as TypeScript binds them. What does not evaluate stays
 * Unknown: a table name Unknown, a column whose name is Unknown left out of a table marked incomplete.
 */
function withResolvedNames(files: readonly OrmModelFacts[], symbols: TsProjectSymbols, memo?: OrmBuildMemo): OrmModelFacts[] {
  const text = (file: string, u: OrmUnknown | undefined): string | undefined => {
    const v = u?.ref ? symbols.value(file, u.ref) : undefined;
    return typeof v === 'string' ? v : undefined;
  };
  const column = (file: string, c: OrmColumnDecl, incomplete: string[], relationsUnread: string[]): OrmColumnDecl | undefined => {
    let out = c;
    if (c.propertyUnknown) {
      const property = text(file, c.propertyUnknown);
      if (property === undefined) {
        incomplete.push(`attribute ${c.property ?? ''}: ${c.propertyUnknown.reason}`.trim());
        return undefined;
      }
      out = { ...out, property, ...(c.nameFromProperty ? { name: sequelizeField(property, c.propertyUnknown.underscored) } : {}) };
      delete out.propertyUnknown;
    }
    if (c.nameUnknown) {
      const name = text(file, c.nameUnknown);
      if (name === undefined) {
        incomplete.push(`column ${c.property ?? (c.relationProperty ? `of the relation ${c.relationProperty}` : '')}: ${c.nameUnknown.reason}`.replace(/ +:/, ':').trim());
        if (c.relationProperty && !c.property) relationsUnread.push(c.relationProperty);
        return undefined;
      }
      out = { ...out, name };
      delete out.nameUnknown;
      delete out.nameFromProperty;
      delete out.joinColumnOf;
    }
    // `nullable: OPTIONAL`, `allowNull: !settings.required`: the constant's value, wherever the project declares it.
    const nullability = isUnknown(c.nullable) ? c.nullable as OrmUnknown : undefined;
    if (nullability?.ref) {
      const v = symbols.value(file, nullability.ref);
      if (typeof v === 'boolean') out = { ...out, nullable: nullability.negated ? !v : v };
    }
    if (c.typeSizes) {
      const sizes: Partial<Record<'length' | 'precision' | 'scale', number>> = {};
      for (const [k, ref] of Object.entries(c.typeSizes.refs) as ['length' | 'precision' | 'scale', NameRef][]) {
        const v = symbols.value(file, ref);
        const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
        if (n !== undefined) sizes[k] = n;
      }
      // `type: ColumnType.Description`: the type's name, as the project's enum or constant gives it.
      // `type: resolveDbType("timestamptz")`: the argument the function returns as it is.
      const call = c.typeSizes.typeCall;
      const returned = call ? symbols.returnedArgument(file, call.ref) : undefined;
      const named = c.typeSizes.typeRef ? symbols.value(file, c.typeSizes.typeRef) : returned !== undefined ? call!.args[returned] ?? undefined : undefined;
      const computed = !!(c.typeSizes.typeRef || call);
      const typeName = computed ? (typeof named === 'string' ? named : undefined) : c.typeSizes.typeName;
      if (Object.keys(sizes).length === Object.keys(c.typeSizes.refs).length && (typeName !== undefined || !computed)) {
        const options = { ...c.typeSizes.options, ...sizes };
        const type = typeName ? typeormType(typeName, computed ? `type ${c.typeSizes.written} ('${typeName}')` : c.typeSizes.written, options) : typeormDesignType(c.typeSizes.designType, options);
        if (type) out = { ...out, type };
        // The name was the type, not options: nothing else is set by it.
        if (type && c.typeSizes.nameMayBeOptions) {
          out = { ...out, nullable: false };
          if (isUnknown(out.serverDefault)) delete out.serverDefault;
        }
      }
    }
    // `status: OrderStatus` with no type written: the design type of the enum (or literal union) the name is.
    if (c.designTypeRef) {
      const { designTypeRef: design, ...rest } = out;
      const constructor = symbols.designType(file, design!.ref);
      const written = `${design!.written} (design type ${constructor})`;
      const type = design!.orm === 'sequelize' ? sequelizeDesignType(constructor, written) : typeormDesignType(constructor, design!.options);
      out = type ? { ...rest, type: { ...type, written } } : rest;
    }
    // Through a project decorator handing TypeORM the type via a function (`resolveDbType(type)`):
    // the type as written where that function returns its argument as it is; else Unknown.
    if (c.typeVia) {
      const { typeVia: via, ...rest } = out;
      const mapped = symbols.returnedArgument(via!.file, { name: via!.name }) === 0 ? 'as written' : typeMappedBy(via!, symbols);
      out = mapped === 'as written' ? rest : mapped ? { ...rest, type: mapped } : { ...rest, type: unknownValue(`type given through ${via!.name}() of the project`, c.location) };
    }
    // `type: STRING` imported from a module of the project that binds it to Sequelize's `DataTypes`.
    const lent = isUnknown(c.type) ? (c.type as OrmUnknown).sequelizeTypes : undefined;
    if (lent && lent.names.every((name) => symbols.isSequelizeType(file, { name }))) out = { ...out, type: lent.type };
    // `DataType.STRING(CONSTRAINTS.USERS.NAME.max)`: sized once each name evaluates to a number.
    const sized = isUnknown(c.type) ? (c.type as OrmUnknown).sequelizeSizes : undefined;
    if (sized) {
      const args = sized.args.map((a) => (typeof a === 'number' ? a : symbols.value(file, a)));
      const type = args.every((a): a is number => typeof a === 'number') ? sequelizeType(sized.name, sized.written, args) : undefined;
      if (type) out = { ...out, type };
    }
    // `references: { model: KEYWORDS.MODEL_NAME }`: a constant holding a table name is that table.
    const named = c.reference?.targetNameRef ? symbols.value(file, c.reference.targetNameRef) : undefined;
    if (c.reference?.targetNameRef) {
      const { targetNameRef: _ref, targetClass, ...reference } = c.reference;
      out = { ...out, reference: typeof named === 'string' ? { ...reference, targetTable: named, text: named } : { ...reference, targetClass } };
    }
    const from = c.optionsFrom;
    if (from) out = withSharedOptions(out, from, (member) => symbols.value(file, { name: from.call.name, member: from.call.member ? `${from.call.member}.${member}` : member }));
    const def = c.serverDefault;
    if (isUnknown(def) && (def as OrmUnknown).ref) {
      const v = symbols.value(file, (def as OrmUnknown).ref!);
      if (v !== undefined) out = { ...out, serverDefault: ormValueDefault(v) };
    }
    // `default: [Role.USER]` of an array column: as TypeORM writes an array (PostgresDriver.normalizeDefault).
    const elements = isUnknown(def) ? (def as OrmUnknown).arrayOf : undefined;
    if (elements) {
      const values = elements.map((e) => (typeof e === 'object' ? symbols.value(file, e) : e));
      if (values.every((v) => v !== undefined)) out = { ...out, serverDefault: `'{${values.map(String).join(',')}}'` };
    }
    return out;
  };
  const needs = (e: OrmEntityDecl) => e.tableNameUnknown?.ref || e.modelNameUnknown || e.schemaUnknown || e.junctions.some((j) => j.nameUnknown?.ref) ||
    [...e.columns, ...(e.customColumns ?? []).map((c) => c.column)].some((c) => c.nameUnknown || c.propertyUnknown || c.reference?.targetNameRef || c.typeSizes || c.optionsFrom || c.typeVia || c.designTypeRef || c.importedDecorators || (isUnknown(c.type) && ((c.type as OrmUnknown).sequelizeTypes || (c.type as OrmUnknown).sequelizeSizes)) || (isUnknown(c.serverDefault) && ((c.serverDefault as OrmUnknown).ref || (c.serverDefault as OrmUnknown).arrayOf)) || (isUnknown(c.nullable) && !!(c.nullable as OrmUnknown).ref));
  // `as: AVATAR_ALIAS`, `through: JOIN_TABLE`, `foreignKey: OWNER_KEY`: each a string once its name evaluates.
  const association = (file: string, a: OrmAssociation): OrmAssociation => {
    if (!a.refs) return a;
    const value = (r: ValueRef | undefined) => {
      const v = r ? symbols.value(file, r) : undefined;
      return typeof v === 'string' ? v : undefined;
    };
    const out: OrmAssociation = { ...a };
    for (const [key, unknown] of [['as', 'asUnknown'], ['foreignKey', 'foreignKeyUnknown'], ['otherKey', 'otherKeyUnknown']] as const) {
      const v = value(a.refs[key]);
      if (v === undefined) continue;
      out[key] = v;
      delete out[unknown];
    }
    // A constant holding a name is a table Sequelize defines, as the string written would be.
    const through = value(a.refs.through);
    if (through !== undefined) {
      out.through = through;
      out.throughIsTableName = true;
      delete out.throughModule;
    }
    return out;
  };
  return files.map((f) => {
    if (!f.entities.some(needs) && !f.associations.some((a) => a.refs)) return f;
    const done = memo?.resolved.get(f);
    if (done) return done;
    const associations = f.associations.map((a) => association(f.file, a));
    const entities = f.entities.map((e): OrmEntityDecl => {
      if (!needs(e)) return e;
      const incomplete = [...(e.incomplete ?? [])];
      const relationsUnread = [...(e.relationsUnread ?? [])];
      const out: OrmEntityDecl = { ...e };
      const tableName = text(f.file, e.tableNameUnknown);
      if (tableName !== undefined) {
        out.tableName = tableName;
        delete out.tableNameUnknown;
      }
      const modelName = text(f.file, e.modelNameUnknown);
      if (modelName !== undefined) {
        out.modelName = modelName;
        delete out.modelNameUnknown;
      } else if (e.modelNameUnknown && !out.tableName && !out.tableNameUnknown) {
        // Sequelize names the table after the model (pluralised): a model name that does not
        // evaluate leaves the table's name Unknown, never the class's.
        out.tableNameUnknown = unknownValue(`table name depends on ${e.modelNameUnknown.reason}`, e.modelNameUnknown.location ?? e.location);
      }
      if (e.schemaUnknown) {
        const schema = text(f.file, e.schemaUnknown);
        if (schema !== undefined) {
          out.schema = { name: schema, location: e.schemaUnknown.location ?? e.location };
          delete out.schemaUnknown;
        } else incomplete.push('schema');
      }
      out.columns = e.columns.flatMap((c) => column(f.file, c, incomplete, relationsUnread) ?? []);
      const imported = importedIndexes(f.file, out.columns, symbols);
      // (sequelize-typescript on Sequelize 6 indexes the properties' names as written: see readModelsOf.)
      if (imported.length) out.indexes = [...e.indexes, ...(e.sequelizeTypescript ? imported.map(({ fields, ...i }) => ({ ...i, columns: fields ?? i.columns, fieldsAreColumns: true as const })) : imported)];
      if (e.customColumns) out.customColumns = e.customColumns.flatMap((c) => { const col = column(f.file, c.column, incomplete, relationsUnread); return col ? [{ ...c, column: col }] : []; });
      out.junctions = e.junctions.map((j) => {
        const name = text(f.file, j.nameUnknown);
        if (name === undefined) return j;
        const { nameUnknown: _, ...rest } = j;
        return { ...rest, name };
      });
      if (incomplete.length) out.incomplete = incomplete;
      if (relationsUnread.length) out.relationsUnread = [...new Set(relationsUnread)];
      return out;
    });
    const resolved = { ...f, entities, associations };
    memo?.resolved.set(f, resolved);
    return resolved;
  });
}

/**
 * What one build of the ORM model may hand to the next: files' names evaluated and entities merged
 * with their bases, by the facts object (an edited file has new facts, so it is done again). Valid
 * while no file changes what others read of it (see `ormSkeleton`): the project then starts a new memo.
 */
export interface OrmBuildMemo {
  resolved: WeakMap<OrmModelFacts, OrmModelFacts>;
  merged: WeakMap<OrmEntityDecl, OrmEntityDecl>;
  /** Names other entities extend: an edit of an entity of such a name changes what they inherit. */
  baseNames: Set<string>;
  /**
   * The entities' tables of the last model (after its equal tables were kept), by `file#class`;
   * undefined when the next build must be whole.
   */
  lastTables?: Map<string, Table>;
  /**
   * Files edited since, each keeping what other tables read of its own (`ormTableInterface`): the
   * next build makes their entities' tables again and keeps every other entity's table as it was.
   */
  changedFiles: Set<string>;
  /** Whether the last build kept the tables of files not edited (for tests and measurements). */
  lastBuildPartial?: boolean;
}

export function newOrmBuildMemo(files: Iterable<OrmModelFacts>): OrmBuildMemo {
  const baseNames = new Set<string>();
  for (const f of files) for (const e of f.entities) if (e.base) baseNames.add(e.base.name);
  return { resolved: new WeakMap(), merged: new WeakMap(), baseNames, changedFiles: new Set() };
}

/** Notes the model built (its kept tables included): the next build may keep the tables of files not edited since. */
export function rememberOrmModel(memo: OrmBuildMemo, model: SchemaModel): void {
  const tables = new Map<string, Table>();
  // (The first table of a class is its own; a further @Entity's table comes after it, made again from it.)
  for (const t of model.tables) if (t.className && t.evidence === 'model' && !tables.has(entityKey(t.location.file, t.className))) tables.set(entityKey(t.location.file, t.className), t);
  memo.lastTables = tables;
  memo.changedFiles.clear();
}

/**
 * TypeORM EntitySchemas another module's schema embeds (`embeddeds: { address: { schema: AddressSchema } }`
 * of `import { AddressSchema } from './address'`), as `file#variable`, keyless ones only: their columns
 * are the embedding table's, and they map none of their own (as the reader marks those of its own file).
 */
function schemasEmbeddedElsewhere(files: readonly OrmModelFacts[], symbols: TsProjectSymbols): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    for (const e of f.entities) {
      for (const local of e.embeddedSchemas ?? []) {
        const declared = symbols.classIn(f.file, local);
        if (!declared || declared.file === f.file) continue;
        const schema = files.find((g) => g.file === declared.file)?.entities.find((x) => x.className === declared.name || x.name === declared.name);
        if (schema && !schema.columns.some((c) => c.primaryKey)) out.add(`${declared.file}#${schema.className ?? schema.name}`);
      }
    }
  }
  return out;
}

/**
 * A Sequelize association's key on a column another attribute already maps (see the association
 * loop): the column is the association's attribute's from then on — its nullability, and where it
 * is written (a finding about the column points at the association that made it so).
 */
function overrideByAnotherAttribute(column: Column, attribute: string, nullable: Column['nullable'], location: Location, association: string): void {
  const before = column.attribute ?? column.name;
  column.nullable = nullable;
  column.nullableBy = `${association} adds its key "${attribute}" on the column of "${before}", a second attribute, and sync() builds the column from it`;
  column.attribute = attribute;
  column.location = location;
}

function entityKey(file: string, className: string): string {
  return `${file}#${className}`;
}

/**
 * What the tables of other entities read of a TypeORM file's entities: their names, schemas and
 * columns (the primary key's types too: foreign key columns and join tables take them). An edit
 * that keeps it (a column's length, nullability, default, an index) changes only its own tables;
 * undefined for files whose edits may change other tables in other ways. A Sequelize file's: see
 * sequelizeTableInterface.
 */
export function ormTableInterface(f: OrmModelFacts): string | undefined {
  if (f.orm === 'sequelize') return sequelizeTableInterface(f);
  if (f.orm !== 'typeorm' || f.associations.length || f.historyOf?.length || f.sequelizeDefine) return undefined;
  // (The search path a data source sets decides which table an unqualified name finds.)
  return JSON.stringify([f.searchPath ? f.searchPath.schemas ?? null : undefined, f.entities.map((e) => [e.name, e.className, e.tableName, e.schema?.name, e.base, e.abstractBase, e.closureTable?.name, e.embeddedSchemas,
    e.columns.map((c) => [c.name, c.property, c.primaryKey, c.primaryKey ? c.type : undefined, c.embeddedPrefixes, c.joinColumnOf, c.inheritedFrom])])]);
}

/**
 * What other tables read of a Sequelize file: its models' names, options and keys (the foreign keys
 * other models' associations add take the key's name and type), and its associations whole — with
 * where each is written, for the keys they add to other models' tables are located there. An edit
 * that keeps it (an attribute's size, nullability, default, an index) changes only its own tables.
 * Undefined where an edit may change other tables otherwise: `define` options, belongsToMany (it adds
 * keys to a through model), sequelize-temporal's history tables.
 */
function sequelizeTableInterface(f: OrmModelFacts): string | undefined {
  if (f.sequelizeDefine || f.historyOf?.length || f.associations.some((a) => a.kind === 'belongsToMany')) return undefined;
  return JSON.stringify([f.associations, f.modelsByKey, f.sequelizeModelOrder, f.entities.map((e) => [e.name, e.className, e.tableName, e.schema?.name, e.base, e.sequelize, e.sequelizeExplicit,
    e.sequelizeUnknown, e.tableNameUnknown?.reason, e.modelNameUnknown?.reason, e.sequelizeInit,
    e.columns.map((c) => [c.name, c.property, c.primaryKey, c.primaryKey ? c.type : undefined, c.nameFromProperty, c.primaryKeyUnknown, c.inheritedFrom])])]);
}

/**
 * What other files may read of a file's facts: its module symbols (constants, exports, classes),
 * its entities' names, tables and bases, whole abstract bases, column decorators, naming and
 * `define` options. An edit that keeps it leaves the other files' memoised work valid.
 */
export function ormSkeleton(f: OrmModelFacts, memo: OrmBuildMemo | undefined): string | undefined {
  // An entity others extend: its columns are theirs too.
  if (!memo || f.entities.some((e) => e.abstractBase || memo.baseNames.has(e.name))) return undefined;
  return JSON.stringify([f.orm, f.symbols, f.columnDecorators, f.namingStrategies?.map((n) => [n.className, n.module, n.text]), f.entityPrefixes?.map((p) => [p.value, p.text]), f.dataSourceSchemas?.map((p) => [p.value, p.text]), f.entityLoading?.map((l) => [l.autoLoad, l.listed, l.open, l.buildsNothing, l.nestRoot, l.madeHere, l.binding, l.listedFrom]), f.nestRootOptions, f.readsOrmconfig, f.registeredEntities, f.modelsByKey, f.sequelizeModelOrder, f.sequelizeDefine && [f.sequelizeDefine.flags, f.sequelizeDefine.schema, f.sequelizeDefine.unread, f.sequelizeDefine.timestampNames, f.sequelizeDefine.optionsModule],
    f.legacySequelizeTypescript?.version, f.entities.map((e) => [e.name, e.base, e.tableName, e.tableNameUnknown?.ref, e.modelNameUnknown?.ref, e.embeddedSchemas]), f.associations.length]);
}

/**
 * The names a data source's `entities: [...]` may list an entity by: a class by its name, an
 * EntitySchema by the variable holding it (`entities: [State]` of `const State = new
 * EntitySchema({ name: 'state' })`) as well.
 */
function listedAs(e: OrmEntityDecl): string[] {
  return e.className ? [e.name, e.className] : [e.name];
}

/**
 * The TypeORM entities no data source loads, by what the project shows: where its data sources load
 * what NestJS modules register (`autoLoadEntities: true`) and the classes they list, and nothing
 * else (no glob, no list built by code), an entity no `TypeOrmModule.forFeature([...])` and no list
 * names is never loaded — whether it has a table is Unknown (a class kept for later, scaffolding),
 * not a table to judge.
 */
function entitiesNotLoaded(files: readonly OrmModelFacts[], symbols: TsProjectSymbols): (e: OrmEntityDecl, file: string) => Unknown | undefined {
  const none = () => undefined;
  const loadings = files.flatMap((f) => (f.entityLoading ?? []).map((l) => ({ ...l, file: f.file })));
  // Options a constant holds and a module hands to `TypeOrmModule.forRoot(ormconfig)`: the application's root too.
  const rootOptions = files.flatMap((f) => (f.nestRootOptions ?? []).map((o) => ({ ...o, from: f.file })));
  // (A module as TypeScript resolves it: relative, or through the project's path aliases.)
  const sameFile = (a: string | undefined, b: string) => !!a && path.resolve(a) === path.resolve(b);
  // (A data source made here with its options — `new DataSource({ … })` — reads no ormconfig either,
  // unless the code makes another from it.)
  const ormconfigRead = files.some((f) => f.readsOrmconfig);
  const isRoot = (l: (typeof loadings)[number]) => !!l.nestRoot || (!!l.madeHere && !ormconfigRead) || (!!l.binding && rootOptions.some((o) => o.name === l.binding
    && (o.module ? sameFile(symbols.moduleOf(o.from, o.module), l.file) : o.from === l.file)));
  // (NestJS's TypeOrmModule.forRoot given its entities by class, none auto-loaded, or a data source
  // made with them: the application's data sources load those and no others — an ormconfig beside them is not read.)
  const autoLoad = loadings.some((l) => l.autoLoad);
  if (!(autoLoad || loadings.some(isRoot)) || loadings.some((l) => l.open)) return none;
  const registered = autoLoad ? files.flatMap((f) => f.registeredEntities ?? []) : [];
  if (registered.includes(null)) return none;
  const names = new Set<string>([...registered as string[], ...loadings.flatMap((l) => l.listed)]);
  // Where two entity classes share a name, a list names the one its import binds (`import { Order }
  // from './orders/order.entity'`); an import this cannot follow (a barrel, an alias) names either.
  const filesOf = new Map<string, string[]>();
  for (const f of files) for (const e of f.entities) if (e.orm === 'typeorm') filesOf.set(e.name, [...filesOf.get(e.name) ?? [], f.file]);
  const lists = (e: OrmEntityDecl, file: string) => {
    if ((filesOf.get(e.name)?.length ?? 0) < 2 || registered.includes(e.name)) return listedAs(e).some((n) => names.has(n));
    return loadings.some((l) => {
      const as = listedAs(e).find((n) => l.listed.includes(n));
      if (!as) return false;
      const module = l.listedFrom?.[as];
      if (!module) return l.file === file || !filesOf.get(e.name)!.includes(l.file);
      // (A module that does not resolve here, or a barrel declaring neither class, may hand on either.)
      const target = symbols.moduleOf(l.file, module);
      return !target || sameFile(target, file) || !filesOf.get(e.name)!.some((other) => sameFile(target, other));
    });
  };
  const why = autoLoad ? 'the data source loads only the entities NestJS modules register (autoLoadEntities), and no TypeOrmModule.forFeature lists it'
    : "the application's data sources load only the entities they list, and none lists it";
  return (e, file) => (e.orm === 'typeorm' && !e.singleTableChild && !lists(e, file) ? unknownValue(`whether ${e.name} has a table: ${why}`, e.location) : undefined);
}

/**
 * The TypeORM entities that only data sources building nothing load (a script's `new DataSource({
 * entities: [BreedSeed], synchronize: false })`, no migrations, beside the application's): where
 * every data source names its entities by class (no glob, no list built by code) and every one that
 * names this one neither synchronizes nor runs migrations, the entity maps a table something else
 * makes. The first such data source, else undefined.
 */
function entitiesBuiltByNothing(files: readonly OrmModelFacts[]): (e: OrmEntityDecl) => Location | undefined {
  const none = () => undefined;
  const loadings = files.flatMap((f) => f.entityLoading ?? []);
  // (Beside a data source that may build — the application's: where none does, what makes the
  // database is not known, and the entities are its only description.)
  if (!loadings.some((l) => l.buildsNothing) || loadings.every((l) => l.buildsNothing) || loadings.some((l) => l.open)) return none;
  const registered = files.flatMap((f) => f.registeredEntities ?? []);
  if (registered.includes(null)) return none;
  return (e) => {
    if (e.orm !== 'typeorm' || registered.includes(e.name)) return undefined;
    const naming = loadings.filter((l) => listedAs(e).some((n) => l.listed.includes(n)));
    return naming.length && naming.every((l) => l.buildsNothing) ? naming[0].location : undefined;
  };
}

/**
 * The one data source that loads each TypeORM entity, where the project's data sources list their
 * entities by class, apart (`TypeOrmModule.forRoot({ name: "ApiConnection", entities: [...] })` beside
 * a "TimescaleConnection" of its own list): a key of it, as a SQLAlchemy MetaData is — the tables of
 * one are made together, maybe in a database of their own. Undefined where any list is built by code
 * or a glob (it may load anything), or where the entity is listed by several.
 */
function entityDataSources(files: readonly OrmModelFacts[]): (e: OrmEntityDecl) => string | undefined {
  const none = () => undefined;
  const loadings = files.flatMap((f) => f.entityLoading ?? []).filter((l) => l.listed.length);
  if (loadings.length < 2 || loadings.some((l) => l.open || l.autoLoad)) return none;
  return (e) => {
    if (e.orm !== 'typeorm') return undefined;
    const naming = loadings.filter((l) => listedAs(e).some((n) => l.listed.includes(n)));
    if (naming.length !== 1) return undefined;
    const at = naming[0].location;
    return `typeorm-data-source:${at.file}:${at.range.start.line}`;
  };
}

/**
 * Names a TypeORM naming strategy makes that are Unknown here (see namingStrategy.ts): a table named
 * by default has an Unknown name; a table with columns named by default has an Unknown column set.
 * Join columns and tables named by default are marked the same way.
 */
function withNamingUnknowns(files: readonly OrmModelFacts[], namingOf: (file: string) => TypeOrmNaming): readonly OrmModelFacts[] {
  const out = files.map((f) => withNamingUnknownsOf(f, namingOf(f.file)));
  return out.every((f, i) => f === files[i]) ? files : out;
}

function withNamingUnknownsOf(f: OrmModelFacts, naming: TypeOrmNaming): OrmModelFacts {
  if (!naming.tableNames && !naming.columnNames && !naming.joinColumnNames && !naming.joinTableNames && !naming.tablePrefixUnknown && !naming.namer?.tableName) return f;
  const namer = naming.namer;
  const apply = (e: OrmEntityDecl): OrmEntityDecl => {
    if (e.orm !== 'typeorm') return e;
    const out: OrmEntityDecl = { ...e };
    if (naming.tableNames && !e.tableName && !e.tableNameUnknown) out.tableNameUnknown = naming.tableNames;
    // The project's strategy names every table, given a name or not (`tableName(className, customName)`);
    // a @ChildEntity's is its parent's.
    if (namer?.tableName && !e.tableNameUnknown && !e.singleTableChild) {
      const name = namer.tableName(e.name, e.tableName);
      if (name !== undefined) out.tableName = name;
      else out.tableNameUnknown = namer.why!(`the table name of ${e.name}`);
    }
    // A prefix the reader cannot evaluate: every table's name, written or not, is Unknown.
    if (naming.tablePrefixUnknown && !out.tableNameUnknown) out.tableNameUnknown = naming.tablePrefixUnknown;
    const incomplete = [...(e.incomplete ?? [])];
    const byStrategy = (c: OrmColumnDecl) => (c.name ? undefined : c.joinColumnOf ? naming.joinColumnNames : naming.columnNames);
    if (e.columns.some(byStrategy)) {
      out.columns = e.columns.map((c) => (byStrategy(c) ? { ...c, namedByStrategy: byStrategy(c) } : c));
      for (const c of out.columns) if (c.namedByStrategy) incomplete.push(c.namedByStrategy.reason);
    }
    if (naming.joinTableNames && e.junctions.some((j) => !j.name && !j.nameUnknown)) {
      out.junctions = e.junctions.map((j) => (j.name || j.nameUnknown ? j : { ...j, nameUnknown: naming.joinTableNames }));
    }
    if (naming.tablePrefixUnknown) out.junctions = (out.junctions ?? e.junctions).map((j) => (j.nameUnknown ? j : { ...j, nameUnknown: naming.tablePrefixUnknown }));
    if (incomplete.length) out.incomplete = [...new Set(incomplete)];
    return out;
  };
  return f.orm !== 'typeorm' ? f : { ...f, entities: f.entities.map(apply) };
}

/**
 * `resolver`: how the project's imports resolve (its tsconfig's paths); without one, relative
 * imports between the files given. `applicationOf`: the application a file belongs to (the folder of
 * its nearest package manifest), which scopes what a workspace of several applications holds apart:
 * a Sequelize instance's `define`, and which of two models of one name a name means.
 */
export function buildOrmModel(read: readonly OrmModelFacts[], resolver?: TsModuleResolver, memo?: OrmBuildMemo, applicationOf?: (file: string) => string): SchemaModel {
  const symbols = new TsProjectSymbols(new Map(read.map((f) => [f.file, f])), resolver);
  const namingOf = typeOrmNamingOf(read, symbols, applicationOf);
  const files = withNamingUnknowns(withSequelizeDefine(withSequelizeInitOverrides(withResolvedNames(withConfirmedDecorators(read, symbols), symbols, memo), symbols), symbols, applicationOf), namingOf);
  const drafts: Draft[] = [];
  const named = new Map<string, Draft[]>();
  const merged = withInheritedColumns(files, symbols, memo);
  // After an edit that changed only its own file's tables (see ormTableInterface), the other
  // entities' tables are the last build's: every step below that makes or changes a table skips
  // them (a Sequelize association adds its key only to a table made again). Single-table inheritance
  // across files, and Sequelize's belongsToMany (keys added to a through model), are built whole.
  const changed = memo?.changedFiles;
  // (Sequelize models too where no belongsToMany adds keys to a through model, nor a history table is made.)
  const last = memo?.lastTables && changed?.size && read.every((f) => f.orm === 'typeorm' || (f.orm === 'sequelize' && !f.historyOf?.length && !f.associations.some((a) => a.kind === 'belongsToMany')))
    && !merged.some((m) => m.tableOf && (changed.has(m.file) || changed.has(m.tableOf.slice(0, m.tableOf.lastIndexOf('#')))))
    ? memo.lastTables : undefined;
  if (memo) memo.lastBuildPartial = !!last;
  const draftOf = new Map<string, Draft>();
  /** Sequelize models by the class that declares them, where its modelName is another (`file#BookAuthor`). */
  const classNamed = new Map<string, Draft>();
  for (const { file, entity, tableOf: shared, existence } of merged) {
    if (shared) continue;
    const kept = last && !changed!.has(file) ? last.get(entityKey(entity.location.file, entity.name)) : undefined;
    const draft: Draft = kept ? { entity, table: kept, decls: new Map(), kept: true } : tableOfNamed(entity, namingOf(file));
    draft.file = file;
    if (existence) draft.existence = existence;
    drafts.push(draft);
    draftOf.set(`${file}#${entity.name}`, draft);
    const list = named.get(entity.name);
    if (list) list.push(draft);
    else named.set(entity.name, [draft]);
    if (entity.className) classNamed.set(`${file}#${entity.className}`, draft);
  }
  // A single-table child's name stands for its parent's table (a relation to it references that table).
  for (const { entity, tableOf: shared } of merged) {
    const draft = shared ? draftOf.get(shared) : undefined;
    if (!draft) continue;
    const list = named.get(entity.name);
    if (list) list.push(draft);
    else named.set(entity.name, [draft]);
  }
  // The keys of the project's models objects (`{ Pod: PodModel(sequelize, Sequelize) }`): key → the
  // files of the modules whose functions make their models.
  const keyed = new Map<string, Set<string>>();
  for (const f of files) for (const [key, module] of Object.entries(f.modelsByKey ?? {})) {
    for (const file of moduleFiles(f.file, module)) (keyed.get(key) ?? keyed.set(key, new Set()).get(key)!).add(file);
  }
  // Egg.js's loader puts each module of `app/model/` on `app.model` under its file's name in upper
  // camel case (`article_tag.js` → `app.model.ArticleTag`): associations name the models so.
  for (const d of drafts) {
    const egg = d.entity.orm === 'sequelize' && d.file ? /(?:^|[\\/])app[\\/]model[\\/](?:.+[\\/])?([^\\/]+)\.[cm]?[jt]s$/.exec(d.file) : null;
    if (!egg || !d.file) continue;
    const key = egg[1].split(/[-_]/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
    (keyed.get(key) ?? keyed.set(key, new Set()).get(key)!).add(d.file);
  }
  /** Of several models of one name, the one of `from`'s application (a workspace of several, each with its `User`). */
  const sameApplication = (candidates: Draft[], from: string | undefined): Draft | undefined => {
    if (!applicationOf || !from) return undefined;
    const app = applicationOf(from);
    const own = candidates.filter((c) => c.file && applicationOf(c.file) === app);
    return own.length === 1 ? own[0] : undefined;
  };
  const byModelsKey = (key: string, from?: string): Draft | undefined => {
    const modules = keyed.get(key);
    const inModule = modules ? drafts.filter((d) => d.file && modules.has(d.file) && d.entity.orm === 'sequelize') : [];
    return inModule.length === 1 ? inModule[0] : sameApplication(inModule, from);
  };
  /**
   * The entity a class name means in `from`: the only one of that name; else the one the file
   * imports it from (a relative import), or declares itself. Two classes of one name and an import
   * that cannot be followed here (a path alias, a package of the monorepo): Unknown, never a guess.
   */
  const resolve = (className: string, from?: string, module?: string): Draft | undefined => {
    let candidates = named.get(className) ?? [];
    // Sequelize models of that name in other applications only (each service its `User`), the name
    // bound here by a module of this one or by nothing (`models.User`): it means what this
    // application binds to it (`const User = sequelize.define('TbUsers', …)`), never another's model.
    if (applicationOf && from && (!module || module.startsWith('.')) && candidates.length && candidates.every((c) => c.entity.orm === 'sequelize')
      && !candidates.some((c) => c.file && applicationOf(c.file) === applicationOf(from))) candidates = [];
    if (!candidates.length && from) {
      // A name the file binds to a class of another name (`export { Basket as BasketModel }`,
      // `import { Basket as BasketModel }`): the class it is bound to.
      const bound = symbols.classIn(from, className);
      // (A Sequelize model's class, bound by the class's name: the model it declares.)
      const byClass = bound && classNamed.get(`${bound.file}#${bound.name}`);
      // (Another model of the bound name elsewhere — a `User` model — leaves this file's model of that class: `const User = sequelize.define('TbUsers')`.)
      const ofName = bound ? (named.get(bound.name) ?? []).filter((c) => c.file === bound.file) : [];
      const found = ofName.length ? ofName : byClass && byClass.file === bound?.file ? [byClass] : [];
      if (found.length === 1) return found[0];
      // A name bound to what a module of the project exports or its function makes (`const Task =
      // require('./task')(sequelize, DataTypes)`, a default import): the one model that module defines.
      if (!bound && module?.startsWith('.')) {
        const files = new Set(moduleFiles(from, module));
        const inModule = drafts.filter((d) => d.file && files.has(d.file) && d.entity.orm === 'sequelize');
        if (inModule.length === 1) return inModule[0];
      }
      // `models.Pod`, where the project's models object keys the model its module's function makes
      // under `Pod` (`{ Pod: PodModel(sequelize, Sequelize) }`): that model, when every such object agrees.
      if (!bound && !module) return byModelsKey(className, from);
      return undefined;
    }
    if (candidates.length <= 1) return candidates[0];
    if (from && module) {
      // The import, followed as TypeScript follows it (a barrel, a path alias).
      const target = symbols.moduleOf(from, module);
      const bound = target ? symbols.exportedClass(target, className) : undefined;
      const imported = bound ? candidates.filter((c) => c.file === bound.file && c.entity.name === bound.name) : [];
      if (imported.length === 1) return imported[0];
    }
    if (from && module?.startsWith('.')) {
      const files = new Set(moduleFiles(from, module));
      const imported = candidates.filter((c) => c.file && files.has(c.file));
      if (imported.length === 1) return imported[0];
    }
    const local = candidates.filter((c) => c.file === from);
    if (local.length === 1) return local[0];
    return sameApplication(candidates, from);
  };
  // `written`: a name the code gives (`foreignKey: 'ownerId'`), which Sequelize 4 keeps as it is.
  const columnName = (entity: OrmEntityDecl, property: string, written = false) =>
    entity.orm === 'typeorm' ? (namingOf(entity.location.file).snake ? snakeCase(property) : property)
      : written && entity.sequelize?.underscoredGeneratedOnly ? property : sequelizeField(property, entity.sequelize?.underscored);
  // A table named without a schema is found as PostgreSQL finds it: in the schemas of the search
  // path the application's connection code sets (all of its settings agreeing), else the default.
  // A search path set from a value the reader cannot evaluate may be any: the only table of that
  // name is then the only one the name can find.
  const searchPath = projectSearchPath(files);
  const unqualifiedTable = (name: string): Table | undefined => {
    for (const schema of searchPath === 'unknown' ? [] : searchPath ?? []) {
      const found = findTable(drafts, name, schema);
      if (found) return found;
    }
    const named = searchPath === 'unknown' ? drafts.filter((d) => d.table.name === name) : [];
    return named.length === 1 ? named[0].table : findTable(drafts, name, DEFAULT_SCHEMA);
  };
  // sequelize-typescript's @ForeignKey attributes the associations take as their keys.
  const associationKeys = sequelizeAssociationKeys(files, drafts, resolve, columnName);
  // Foreign keys: relations and references, resolved now that every table is known.
  for (const d of drafts) {
    if (d.kept) continue;
    const { snake, namer } = namingOf(d.file ?? d.entity.location.file);
    for (const [column, decl] of d.decls) {
      const written = decl.reference;
      if (!written) continue;
      let referencedModel: Draft | undefined;
      if (written.byAssociation) {
        // No association takes it: no FOREIGN KEY (and no column, unless @Column declares one).
        const taken = associationKeys.taken.get(decl);
        if (!taken && associationKeys.unresolved.has(d)) {
          // An association of the model that cannot be resolved may take it: whether it is a key is Unknown.
          (d.table.incomplete ??= []).push(`foreign key ${decl.property} (an association of ${d.entity.name} cannot be resolved here)`);
          continue;
        }
        if (!taken) {
          if (!written.byAssociation.column) d.table.columns = d.table.columns.filter((c) => c !== column);
          continue;
        }
        // (An `allowNull` the attribute writes is its own: the associations' key options are defaults.)
        if (taken.allowNull === false && !column.primaryKey && !decl.allowNullWritten) column.nullable = false;
        if (!taken.constraints) {
          // The column refers to the key all the same: without a type of its own, it takes the key's.
          const target = resolve(written.targetClass!, d.file, written.targetModule);
          if (target && !column.type) column.type = target.table.columns.find((c) => c.name === (target.table.primaryKey[0] ?? 'id'))?.type;
          continue;
        }
        referencedModel = taken.references;
        if (taken.referencedKeyUnknown) {
          (d.table.incomplete ??= []).push(`foreign key ${decl.property} (the key it refers to is given by code)`);
          continue;
        }
      }
      // Sequelize qualifies a table name without a schema with the schema of the model it writes
      // (its query generator's attributeToSQL): `references: { model: 'Authors' }` in a model of
      // schema "blog" is to blog.Authors.
      const modelSchema = d.entity.orm === 'sequelize' && written.targetTable && !written.targetSchema && !written.targetClass ? d.entity.schema?.name : undefined;
      // (`targetKey`/`sourceKey`: the column of that attribute, not the primary key.)
      const referencedKey = written.byAssociation && referencedModel ? associationKeys.taken.get(decl)?.referencedKey : undefined;
      const ref = modelSchema ? { ...written, targetSchema: modelSchema }
        : referencedKey ? { ...written, targetColumns: [attributeColumn(referencedModel!, referencedKey, columnName)] } : written;
      // A model reference follows the model (and its schema); a table name is what the SQL will say:
      // unqualified, it is the default schema's table.
      const targetDraft = referencedModel ?? (ref.targetClass ? resolve(ref.targetClass, d.file, ref.targetModule) : undefined);
      // A target whose table name is Unknown makes the reference Unknown too.
      const target = targetDraft?.entity.tableNameUnknown ? undefined : ref.targetClass ? targetDraft?.table ?? (ref.orTable ? unqualifiedTable(ref.targetClass) : undefined)
        : ref.targetSchema ? findTable(drafts, ref.targetTable!, ref.targetSchema) : unqualifiedTable(ref.targetTable!);
      // A relation to an entity keyed by several columns, its join columns not written: one join
      // column for each of them (EntityMetadataBuilder's joinColumns of the referenced primary columns).
      let joined: Column[] = [column];
      if (decl.joinColumnOf && !column.name) {
        // The naming strategy's joinColumnName(relation, referenced property): the property, not its column.
        // Inside an embedded class, the naming strategy's columnName(…, joinColumnName, prefixes).
        // (A strategy of the project's own: its joinColumnName, then its columnName given that name.)
        const joinName = (pk: string): string => {
          const byDefault = snake ? snakeCase(`${decl.joinColumnOf}_${pk}`) : camelCase(`${decl.joinColumnOf}_${pk}`);
          const own = namer?.joinColumnName ? namer.joinColumnName(decl.joinColumnOf!, pk) : byDefault;
          const named = own === undefined ? undefined : namer?.columnName ? namer.columnName(decl.joinColumnOf!, own, decl.embeddedPrefixes ?? [])
            : decl.embeddedPrefixes?.length ? embeddedColumnName({ ...decl, name: own }, decl.embeddedPrefixes, snake) : own;
          if (named !== undefined) return named;
          column.nameUnknown ??= namer!.why!(`the join column of ${decl.joinColumnOf}`);
          (d.table.incomplete ??= []).push(column.nameUnknown.reason);
          return byDefault;
        };
        // The key's property name (of an embedded key, its own name, not its path `id.slug`).
        const property = (name: string) => (target?.columns.find((c) => c.name === name)?.attribute ?? name).split('.').pop()!;
        const pk = ref.targetColumns?.[0] ?? (target?.primaryKey[0] !== undefined ? property(target.primaryKey[0]) : 'id');
        column.name = joinName(pk);
        if (!ref.targetColumns && target && target.primaryKey.length > 1 && targetDraft?.entity.orm === 'typeorm') {
          const others = target.primaryKey.slice(1).map((name): Column => ({ ...column, name: joinName(property(name)), type: undefined }));
          d.table.columns.splice(d.table.columns.indexOf(column) + 1, 0, ...others);
          joined = [column, ...others];
          if (decl.relationProperty) (d.joins ??= new Map()).set(decl.relationProperty, joined.map((c) => c.name));
        }
        if (joined.length > 1 && decl.unique && !decl.primaryKey) {
          // A one-to-one: unique over all its join columns together.
          d.table.indexes.push({ columns: joined.map((c) => c.name), unique: true, origin: 'column-unique', location: decl.location, ...(decl.uniqueOfOneToOne ? { ofOneToOne: true as const } : {}) });
          columnIndexes(d.table, column, { ...decl, unique: false });
        } else columnIndexes(d.table, column, decl);
        if (column.primaryKey) namePrimaryKey(d.table);
      }
      const targetTable = target?.name ?? ref.targetTable;
      if (!targetTable) {
        (d.table.incomplete ??= []).push(`foreign key ${column.name}`);
        continue;
      }
      const schema = target?.schema ?? ref.targetSchema ?? (ref.targetTable ? DEFAULT_SCHEMA : undefined);
      // TypeORM's `referencedColumnName` names the target's property (`programId`), whatever its column's
      // name (`program_id`); Sequelize's `references.key` is the column itself.
      const targetColumns = ref.targetColumns && targetDraft?.entity.orm === 'typeorm' && target
        ? ref.targetColumns.map((p) => propertyToColumn(target, p))
        : ref.targetColumns;
      const fk: ForeignKey = {
        columns: joined.map((c) => c.name),
        // A model reference follows the model's schema; a table name is as written (the search path finds it).
        target: { schema: ref.targetSchema ?? (ref.targetClass && target && target.schema !== DEFAULT_SCHEMA ? target.schema : undefined), table: targetTable, columns: targetColumns ?? (joined.length > 1 ? target!.primaryKey.slice(0, joined.length) : target?.primaryKey.length ? [target.primaryKey[0]] : ['id']) },
        resolvedSchema: schema ?? DEFAULT_SCHEMA,
        location: ref.location,
        targetText: ref.text,
      };
      if (ref.textLocation) fk.targetTextLocation = ref.textLocation;
      if (ref.targetClass) fk.viaClass = ref.targetClass;
      // `createForeignKeyConstraints: false`: the column is named and typed by the reference, no FOREIGN KEY made.
      if (!ref.noConstraint) d.table.foreignKeys.push(fk);
      else unconstrainedReferences.set(d.table, [...unconstrainedReferences.get(d.table) ?? [], fk]);
    }
    // A many-to-one over listed join columns: one foreign key over them all.
    for (const ref of d.entity.compositeReferences ?? []) {
      const targetDraft = resolve(ref.targetClass, d.file);
      const target = targetDraft?.entity.tableNameUnknown ? undefined : targetDraft?.table ?? (ref.orTable ? unqualifiedTable(ref.targetClass) : undefined);
      if (!target) {
        (d.table.incomplete ??= []).push(`foreign key ${ref.columns.join(', ')}`);
        continue;
      }
      const fk: ForeignKey = {
        columns: ref.byProperty ? ref.columns.map((p) => propertyToColumn(d.table, p)) : ref.columns,
        target: { schema: target.schema !== DEFAULT_SCHEMA ? target.schema : undefined, table: target.name, columns: ref.targetProperties.map((p) => propertyToColumn(target, p)) },
        resolvedSchema: target.schema, location: ref.location, targetText: ref.text, viaClass: ref.targetClass,
      };
      if (!ref.noConstraint) d.table.foreignKeys.push(fk);
      else unconstrainedReferences.set(d.table, [...unconstrainedReferences.get(d.table) ?? [], fk]);
      if (ref.oneToOne && !ref.noConstraint) d.table.indexes.push({ columns: fk.columns, unique: true, origin: 'column-unique', ofOneToOne: true, location: ref.location });
      if (!ref.byProperty) (d.joins ??= new Map()).set(ref.property, fk.columns);
    }
    mergeSameNamedColumns(d);
    entityListColumns(d);
  }
  // Sequelize associations add foreign keys (and their columns) on one side, in the order they are made.
  for (const { f, a } of associationsInRegistrationOrder(files, resolve)) {
    if (a.kind === 'belongsToMany') continue; // through a junction model of its own
    // Each name as this file binds it: the source is declared or bound here, the target may be imported.
    const source = resolve(a.source, f.file, a.sourceModule);
    const target = resolve(a.target, f.file, a.targetModule);
    const [holder, referenced] = a.kind === 'belongsTo' ? [source, target] : [target, source];
    // (A table kept from the last build has the keys associations add already.)
    if (holder?.kept) continue;
    if (!holder || !referenced) {
      // A side the reader cannot bind (`instance.belongsTo(Transaction)` in a module's exported
      // `associate(instance, models)`, the instance its caller passes): the key lands in a model it
      // cannot name, or is named after one — Unknown there: the holder, else the models of the file.
      // (A key the model declares itself, `foreignKey: 'pod_id'` of a `pod_id` attribute, adds no column.)
      const holderSide = a.kind === 'belongsTo' ? a.source : a.target;
      const otherSide = a.kind === 'belongsTo' ? a.target : a.source;
      const why = `the key of ${a.kind}(${a.target}) from ${a.source} (${holder ? otherSide : holderSide} is no model read here)`;
      const declares = (d: Draft) => !!a.foreignKey && d.entity.columns.some((c) => isAttributeNamed(c, a.foreignKey!));
      // (An unbound source of `belongsTo` is the file's own model in all likelihood; an unbound target
      // of `hasMany` is another module's, which this file cannot narrow down.)
      const unsure = holder ? [holder] : referenced && a.kind === 'belongsTo' ? drafts.filter((d) => d.file === f.file && d.entity.orm === 'sequelize' && !d.kept) : [];
      for (const d of unsure) if (!declares(d)) (d.table.incomplete ??= []).push(why);
      continue;
    }
    // Its key is a @ForeignKey attribute, made a key (or not) with the model's references above.
    if (a.keyByForeignKeyDecorator || (a.foreignKey && holder.entity.columns.some((c) => isAttributeNamed(c, a.foreignKey!) && c.reference?.byAssociation))) continue;
    const pk = referenced.table.primaryKey[0] ?? 'id';
    if (!a.foreignKey && a.asUnknown && a.kind !== 'hasMany') {
      // The key is named after an alias computed by code: which column it is, is Unknown.
      (holder.table.incomplete ??= []).push(`the key of ${a.kind}(${a.target}) from ${a.source} (its alias is computed by code)`);
      continue;
    }
    if (a.foreignKeyUnknown) {
      (holder.table.incomplete ??= []).push(`the key of ${a.kind}(${a.target}) from ${a.source} (its name is computed by code)`);
      continue;
    }
    // Sequelize names keys after the models' names (a class's name or `modelName`), not after the
    // names a file binds them to (`import { Challenge as ChallengeModel }`).
    // The model name a key is named after is given by code and not evaluated: which column it is, is Unknown.
    const namedAfter = a.kind === 'belongsTo' ? (a.as ? undefined : target) : a.kind === 'hasOne' && a.as ? undefined : source;
    if (!a.foreignKey && namedAfter?.entity.modelNameUnknown) {
      (holder.table.incomplete ??= []).push(`the key of ${a.kind}(${a.target}) from ${a.source} (named after a model name given by code)`);
      continue;
    }
    const fkName = a.foreignKey ?? sequelizeForeignKey(a.kind, { ...a, source: sequelizeModelName(source!), target: sequelizeModelName(target!) }, pk, !!(source!.entity.sequelize7 || target!.entity.sequelize7));
    // A key named after an attribute the model declares is that attribute's column (its `field`).
    const name = a.foreignKeyField ?? holder.table.columns.find((c) => c.attribute !== undefined && c.attribute === fkName)?.name ?? columnName(holder.entity, fkName, a.foreignKey !== undefined);
    const existing = holder.table.columns.find((c) => c.name === name);
    // (Its `allowNull` possibly set by options spread from code: Unknown, not Sequelize's default.)
    const nullable = a.foreignKeyAllowNullUnknown ? unknownValue(`key options of ${a.kind}(${a.target}) spread from code`, a.foreignKeyAllowNullUnknown) : a.foreignKeyAllowNull ?? true;
    if (holder.table.foreignKeys.some((fk) => fk.columns.length === 1 && fk.columns[0] === name)) {
      if (existing && !existing.primaryKey && (existing.attribute ?? existing.name) !== fkName) overrideByAnotherAttribute(existing, fkName, nullable, a.location, `${a.kind}(${a.target})`);
      continue;
    }
    // (Typed by the association's `foreignKey: { type }` or `keyType` when it gives one, else by the referenced key.)
    const added: Column | undefined = existing ? undefined : { name, nullable, primaryKey: false, location: a.location, ...(a.foreignKeyType ? { type: a.foreignKeyType } : {}), ...(fkName !== name ? { attribute: fkName } : {}) };
    // Another attribute on the same column (`userId` declared, and `UserId` that a plain
    // `belongsTo(User)` adds, both `user_id` under `underscored`): Sequelize keeps both, and sync()
    // makes the column of the one added last (its query generator keys the columns by field) — the
    // association's key, nullable unless its options say otherwise.
    const anotherAttribute = !!existing && !existing.primaryKey && (existing.attribute ?? existing.name) !== fkName;
    if (added) holder.table.columns.push(added);
    else if (anotherAttribute) overrideByAnotherAttribute(existing!, fkName, nullable, a.location, `${a.kind}(${a.target})`);
    // (An `allowNull` the attribute writes is its own: the association's key options are defaults.)
    else if (a.foreignKeyAllowNull === false && !existing!.primaryKey && !holder.decls.get(existing!)?.allowNullWritten) existing!.nullable = false;
    // `targetKey`/`sourceKey`: the key references that attribute's column (its name still follows the primary key).
    if (a.referencedKeyUnknown) {
      (holder.table.incomplete ??= []).push(`foreign key ${name} (the key it refers to is given by code)`);
      continue;
    }
    const referencedColumn = a.referencedKey ? attributeColumn(referenced, a.referencedKey, columnName) : pk;
    // `constraints: false` (a polymorphic association): the column, but no constraint in the
    // database. A column the association adds has the referenced key's type all the same. So is a
    // key into one column of a composite primary key.
    if (a.constraints === false || intoCompositeKey(referenced, referencedColumn)) {
      const type = added && referenced.table.columns.find((c) => c.name === referencedColumn)?.type;
      if (added && type && !added.type) added.type = type;
      continue;
    }
    holder.table.foreignKeys.push({
      columns: [name], target: { schema: referenced.table.schema !== DEFAULT_SCHEMA ? referenced.table.schema : undefined, table: referenced.table.name, columns: [referencedColumn] },
      resolvedSchema: referenced.table.schema, location: a.location, targetText: referenced.entity.name, viaClass: referenced.entity.name,
    });
  }
  // Sequelize's belongsToMany: the keys it adds to the through model, or the table it defines for a name.
  const sequelizeJoins = sequelizeJunctions(files, resolve);
  const junctions: Table[] = sequelizeJoins.tables;
  // TypeORM junction tables of @ManyToMany + @JoinTable.
  const junctionUnknowns: Unknown[] = [...sequelizeJoins.unknowns];
  const unnamedTables: UnnamedTable[] = [...sequelizeJoins.unnamed];
  for (const d of drafts) {
    const { snake, namer, tablePrefix: prefix = '' } = namingOf(d.file ?? d.entity.location.file);
    for (const j of d.entity.junctions) {
      const resolved = resolve(j.targetClass, d.file, j.targetModule);
      const ambiguous = !resolved && named.has(j.targetClass);
      if (j.nameUnknown || (ambiguous && !j.name)) {
        // Named by code, or by default after a class that cannot be told apart: the table is Unknown.
        junctionUnknowns.push(j.nameUnknown ?? unknownValue(`join table to ${j.targetClass}: which class of that name is meant cannot be read here`, j.location));
        // Its columns are known where they are written or follow from the two tables it joins.
        const target = resolved?.table;
        // `referencedColumnName` names a property (as on @JoinColumn).
        const ownPk = (j.joinColumn?.referencedColumn && propertyToColumn(d.table, j.joinColumn.referencedColumn)) ?? d.table.primaryKey[0] ?? 'id';
        const targetPk = (j.inverseJoinColumn?.referencedColumn && target ? propertyToColumn(target, j.inverseJoinColumn.referencedColumn) : j.inverseJoinColumn?.referencedColumn) ?? target?.primaryKey[0] ?? 'id';
        const a = j.joinColumn?.name ?? (snake ? `${d.table.name}_${ownPk}` : camelCase(`${d.table.name}_${ownPk}`));
        const b = j.inverseJoinColumn?.name ?? (target ? (snake ? `${target.name}_${targetPk}` : camelCase(`${target.name}_${targetPk}`)) : undefined);
        if (b) unnamedTables.push({ columns: [a, b], location: j.location });
        continue;
      }
      if (ambiguous && j.name) {
        // Its name is written; what it joins to is not known: a table whose columns are not all known.
        const written = [j.joinColumn?.name, j.inverseJoinColumn?.name].filter((n): n is string => !!n);
        junctions.push({
          schema: d.table.schema, ...atRunTime(d.table), name: j.name, location: j.location, columns: written.map((n) => ({ name: n, nullable: false, primaryKey: true, location: j.location })),
          primaryKey: written.length === 2 ? written : [], foreignKeys: [], indexes: [], uniqueConstraints: [], relationships: [], evidence: 'model', isCoreTable: true, orm: 'typeorm',
          incomplete: [`the join to ${j.targetClass} (two classes of that name; the import cannot be followed here)`],
        });
        continue;
      }
      const target = resolved?.table;
      if (!target) continue;
      // (TypeORM names a join table and its columns after the tables' names without the data
      // source's entityPrefix, then puts the prefix before the join table's name, given or not.)
      const firstBase = typeormBaseName(d.entity);
      const secondBase = resolved.entity.orm === 'typeorm' ? typeormBaseName(resolved.entity) : target.name;
      // (A strategy of the project's own: its joinTableName; the other side's property is not read here.)
      const given = j.name ?? (namer?.joinTableName ? namer.joinTableName(firstBase, secondBase, j.property, undefined)
        : snakeCase(`${firstBase}_${j.property.replace(/\./g, '_')}_${secondBase}`));
      if (given === undefined) {
        junctionUnknowns.push(namer!.why!(`the join table of ${d.entity.name}.${j.property}`));
        continue;
      }
      const name = prefix + given;
      // One column per key column of each side (a composite primary key gives several), named by
      // the naming strategy after the table and the key column; `referencedColumnName` names a
      // property (as on @JoinColumn), and a written `name` is the column's.
      // (A strategy of the project's own: joinTableColumnName(table, key property, key column), then
      // its columnName given that name, as for every column TypeORM builds.)
      let unnamed = false;
      const byStrategy = (table: Table, base: string, key: string, written?: string): string => {
        const property = table.columns.find((c) => c.name === key)?.attribute?.split('.').pop() ?? key;
        const own = written ?? (namer?.joinTableColumnName ? namer.joinTableColumnName(base, property, key) : snake ? `${base}_${key}` : camelCase(`${base}_${key}`));
        const named = own !== undefined && namer?.columnName ? namer.columnName(own, own, []) : own;
        if (named === undefined) unnamed = true;
        return named ?? key;
      };
      const keysOf = (table: Table, base: string, join: typeof j.joinColumn, list?: typeof j.joinColumns) => {
        if (list?.length) {
          const keys = list.map((c) => propertyToColumn(table, c.referencedColumn!));
          return { keys, names: list.map((c, i) => byStrategy(table, base, keys[i], c.name)) };
        }
        const referenced = join?.referencedColumn && propertyToColumn(table, join.referencedColumn);
        const keys = referenced ? [referenced] : join?.name || !table.primaryKey.length ? [table.primaryKey[0] ?? 'id'] : table.primaryKey;
        const names = keys.map((k) => byStrategy(table, base, k, join?.name && keys.length === 1 ? join.name : undefined));
        return { keys, names };
      };
      const own = keysOf(d.table, firstBase, j.joinColumn, j.joinColumns);
      const other = keysOf(target, secondBase, j.inverseJoinColumn, j.inverseJoinColumns);
      if (unnamed) {
        junctionUnknowns.push(namer!.why!(`the columns of the join table ${name}`));
        continue;
      }
      // A join of a table to itself names both sides alike; TypeORM tells them apart with a
      // suffix (JunctionEntityMetadataBuilder.changeDuplicatedColumnNames).
      own.names.forEach((n, i) => {
        const same = other.names.indexOf(n);
        if (same >= 0) [own.names[i], other.names[same]] = [`${n}_1`, `${n}_2`];
      });
      // Two relations that name the same join table (one per child of a single-table parent) share it.
      if (junctions.some((x) => x.schema === d.table.schema && x.name === name)) continue;
      const col = (n: string): Column => ({ name: n, nullable: false, primaryKey: true, location: j.location });
      junctions.push({
        schema: d.table.schema, ...atRunTime(d.table), name, location: j.location, columns: [...own.names, ...other.names].map(col), primaryKey: [...own.names, ...other.names],
        foreignKeys: [
          { columns: own.names, target: { table: d.table.name, columns: own.keys, schema: d.table.schema !== DEFAULT_SCHEMA ? d.table.schema : undefined }, resolvedSchema: d.table.schema, location: j.location, targetText: d.entity.name },
          { columns: other.names, target: { table: target.name, columns: other.keys, schema: target.schema !== DEFAULT_SCHEMA ? target.schema : undefined }, resolvedSchema: target.schema, location: j.location, targetText: j.targetClass },
        ],
        // TypeORM also indexes each side's columns of a junction table (JunctionEntityMetadataBuilder);
        // the first side's is covered by the primary key: TypeORM's doing, not the project's.
        indexes: [
          { columns: [...own.names, ...other.names], unique: true, origin: 'primary-key', location: j.location },
          { columns: own.names, unique: false, origin: 'index', location: j.location, madeByOrm: true },
          { columns: other.names, unique: false, origin: 'index', location: j.location, madeByOrm: true },
        ],
        uniqueConstraints: [], relationships: [], evidence: 'model', isCoreTable: true, orm: 'typeorm',
        ...(j.notSynchronized ? { managedElsewhere: { reason: '`synchronize: false` on its @JoinTable: TypeORM neither creates it nor generates its migrations', location: j.notSynchronized } } : {}),
      });
    }
  }
  // TypeORM closure tables of @Tree("closure-table"), as ClosureJunctionEntityMetadataBuilder makes them.
  for (const d of drafts) {
    const closure = d.entity.closureTable;
    if (!closure || d.entity.tableNameUnknown) continue;
    const keys = d.table.primaryKey.map((k) => d.table.columns.find((c) => c.name === k)!).filter(Boolean);
    const property = (c: Column) => c.attribute ?? c.name;
    // (A name a function returns whatever key it is given names one column only: with a composite
    // key, the columns are code's.)
    const namedByCode = closure.namedByCode || (keys.length > 1 && (closure.ancestorName !== undefined || closure.descendantName !== undefined));
    const ancestors = namedByCode ? [] : keys.map((k) => ({ key: k, name: closure.ancestorName ?? `${property(k)}_ancestor` }));
    const descendants = namedByCode ? [] : keys.map((k) => ({ key: k, name: closure.descendantName ?? `${property(k)}_descendant` }));
    const col = (name: string, key: Column): Column => ({ name, nullable: false, primaryKey: true, location: closure.location, ...(key.type ? { type: key.type } : {}) });
    const columns = ancestors.flatMap((a, i) => [col(a.name, a.key), col(descendants[i].name, descendants[i].key)]);
    if (closure.level) columns.push({ name: 'level', type: normaliseType('integer', 'level (TreeLevelColumn)'), nullable: false, primaryKey: false, location: closure.location });
    const target = { table: d.table.name, columns: keys.map((k) => k.name), schema: d.table.schema !== DEFAULT_SCHEMA ? d.table.schema : undefined };
    const fk = (cols: string[]): ForeignKey => ({ columns: cols, target, resolvedSchema: d.table.schema, location: closure.location, targetText: d.entity.name });
    const first = columns[0]?.name;
    const second = columns[1]?.name;
    // Its key columns named by code: the table is there, what it holds is Unknown.
    if (!namedByCode && (!first || !second)) continue;
    junctions.push({
      schema: d.table.schema, ...atRunTime(d.table), name: `${closure.name ?? d.table.name}_closure`, location: closure.location, columns,
      primaryKey: columns.filter((c) => c.primaryKey).map((c) => c.name),
      foreignKeys: namedByCode ? [] : [fk(ancestors.map((a) => a.name)), fk(descendants.map((x) => x.name))],
      indexes: namedByCode ? [] : [
        { columns: columns.filter((c) => c.primaryKey).map((c) => c.name), unique: true, origin: 'primary-key', location: closure.location },
        // TypeORM indexes the first two columns; the first one's index is covered by the primary key (see junctions above).
        { columns: [first!], unique: false, origin: 'index', location: closure.location, madeByOrm: true },
        { columns: [second!], unique: false, origin: 'index', location: closure.location, madeByOrm: true },
      ],
      ...(namedByCode ? { incomplete: ['column names computed by code (ancestorColumnName, descendantColumnName)'] } : {}),
      uniqueConstraints: [], relationships: [], evidence: 'model', isCoreTable: true, orm: 'typeorm',
    });
  }
  const schemasCreated: SchemaSource[] = files.flatMap((f) => f.schemasCreated.map((s) => ({ name: s.name, evidence: 'model' as const, location: s.location })));
  // An entity whose table name is computed by code is no table of the model: its name is Unknown.
  const tableUnknowns = drafts.flatMap((d) => (d.entity.tableNameUnknown ? [d.entity.tableNameUnknown] : []));
  // One whose name is known to start with a prefix may be any table of such a name, and no other.
  const patterned = drafts.filter((d) => d.entity.tableNameUnknown && d.entity.tableNamePrefixes?.length);
  for (const d of patterned) unnamedTables.push({ columns: [], namePrefixes: d.entity.tableNamePrefixes, location: d.entity.location });
  // An entity that may have no table: none in the model, but a migrated table of its name may be it.
  const unloadable = drafts.filter((d) => d.existence && !d.entity.tableNameUnknown);
  for (const d of unloadable) unnamedTables.push({ columns: d.table.columns.map((c) => c.name), names: [d.table.name], location: d.entity.location });
  // sequelize-temporal's history models: `<Model>History`, pluralised or not by the project's options.
  for (const f of files) {
    for (const h of f.historyOf ?? []) {
      const snake = snakeHistory(h.model);
      unnamedTables.push({ columns: [], names: [`${h.model}History`, `${h.model}Histories`, `${snake}_history`, `${snake}_histories`], location: h.location });
    }
  }
  // An Unknown join table is listed as not read, but does not make every table of the project
  // possibly unknown: it is one table between two known ones, and the rules about the others stand.
  const unknowns = [...tableUnknowns, ...junctionUnknowns, ...unloadable.map((d) => d.existence!),
    ...files.flatMap((f) => (f.historyOf ?? []).map((h) => unknownValue(`history table of ${h.model}, made by sequelize-temporal at run time`, h.location))),
    // An entity whose `synchronize` code gives: whether TypeORM makes its table, or something else does.
    ...drafts.filter((d) => d.entity.synchronizeUnknown).map((d) => unknownValue(`whether TypeORM creates table "${d.table.name}": \`synchronize\` given by code`, d.entity.synchronizeUnknown!)),
    // An index whose options code gives (`@Index("ix", ["a"], SHARED_OPTIONS)`): unique? partial? kept by TypeORM?
    ...drafts.flatMap((d) => d.entity.indexes.filter((i) => i.optionsUnknown === 'code').map((i) => unknownValue(`options of an index of "${d.table.name}" on ${i.columns.join(', ')}: given by code`, i.location)))];
  const known = drafts.filter((d) => !d.entity.tableNameUnknown && !d.existence).map((d) => d.table);
  // A class with several @Entity decorators: TypeORM builds an entity of each, and synchronize and
  // migration:generate make each one's table (the same columns and keys) — the repository reads the first.
  for (const d of drafts) {
    if (!d.entity.alsoTables || d.entity.tableNameUnknown || d.existence) continue;
    for (const also of d.entity.alsoTables) {
      if (also.unknown) {
        unnamedTables.push({ columns: d.table.columns.map((c) => c.name), location: d.entity.location });
        unknowns.push(also.unknown);
        continue;
      }
      const name = tableOfNamed({ ...d.entity, tableName: also.tableName, alsoTables: undefined }, namingOf(d.file ?? d.entity.location.file)).table.name;
      if (name === d.table.name) continue;
      known.push({ ...d.table, name, columns: [...d.table.columns], foreignKeys: [...d.table.foreignKeys], indexes: [...d.table.indexes], uniqueConstraints: [...d.table.uniqueConstraints] });
    }
  }
  for (const d of drafts) if (!d.kept) nameEnumTypes(d.table, d.entity.orm);
  const all = [...known, ...junctions];
  inheritForeignKeyTypes(last ? [...drafts.filter((d) => !d.kept && !d.entity.tableNameUnknown).map((d) => d.table), ...junctions] : all, all);
  // A kept table's key column may have taken its type from a column the edit retyped (a relation
  // to a column other than the key, `referencedColumnName`): then the whole model is built again.
  if (last && keptKeysTakeRetypedColumns(drafts, last)) {
    memo!.lastTables = undefined;
    return buildOrmModel(read, resolver, memo, applicationOf);
  }
  // Code that makes the schema from the models at startup, of each ORM: its tables exist wherever the
  // application ran. (Tables kept from the last build are copied, never changed: rules tell an
  // unchanged table by identity.)
  const ofOrm = (orm: 'typeorm' | 'sequelize', kind: 'syncsSchema' | 'altersSchema') => read.filter((f) => f.orm === orm).flatMap((f) => f[kind] ?? []);
  const syncs = { typeorm: ofOrm('typeorm', 'syncsSchema'), sequelize: ofOrm('sequelize', 'syncsSchema') };
  const alters = { typeorm: ofOrm('typeorm', 'altersSchema'), sequelize: ofOrm('sequelize', 'altersSchema') };
  const same = (a: Location[] = [], b: Location[]) => a.length === b.length && a.every((l, i) => l === b[i]);
  const tables = withJoinTablesOfEntities(known, junctions).map((t) => {
    const by = t.orm ? syncs[t.orm] : [];
    const altering = t.orm ? alters[t.orm] : [];
    if (same(t.syncedBy, by) && same(t.alteredBy, altering)) return t;
    const { syncedBy: _synced, alteredBy: _altered, ...rest } = t;
    return { ...rest, ...(by.length ? { syncedBy: by } : {}), ...(altering.length ? { alteredBy: altering } : {}) };
  });
  return { evidence: 'model', tables, enums: [], schemasCreated, hasUnknownTables: tableUnknowns.length > patterned.length,
    unknownTablesIn: drafts.filter((d) => d.entity.tableNameUnknown && !d.entity.tableNamePrefixes?.length).map((d) => d.entity.location.file), unknowns, ...(unnamedTables.length ? { unnamedTables } : {}) };
}

/**
 * A TypeORM join table that is also an entity's table (`@JoinTable({ name: "workflows_tags" })` beside
 * `@Entity("workflows_tags")`) is one table: TypeORM's schema builder makes it for whichever comes
 * first and adds what the other has that it lacks — columns, the junction's indexes, foreign keys
 * (of the same name when over the same columns). The entity's table, with those; the other junctions.
 */
function withJoinTablesOfEntities(known: Table[], junctions: Table[]): Table[] {
  const key = (t: Table) => `${t.schema}.${t.name}`;
  const byName = new Map(known.map((t, i) => [key(t), i]));
  const tables = [...known];
  const separate: Table[] = [];
  const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);
  for (const j of junctions) {
    const at = j.orm === 'typeorm' ? byName.get(key(j)) : undefined;
    if (at === undefined) {
      separate.push(j);
      continue;
    }
    const entity = tables[at];
    const names = new Set(entity.columns.map((c) => c.name));
    tables[at] = {
      ...entity,
      columns: [...entity.columns, ...j.columns.filter((c) => !names.has(c.name))],
      foreignKeys: [...entity.foreignKeys, ...j.foreignKeys.filter((k) => !entity.foreignKeys.some((e) => sameColumns(e.columns, k.columns)))],
      indexes: [...entity.indexes, ...j.indexes.filter((i) => i.origin !== 'primary-key' && !entity.indexes.some((e) => e.unique === i.unique && sameColumns(e.columns, i.columns)))],
    };
  }
  const all = [...tables, ...separate];
  // Each table as one CREATE TABLE makes it (synchronize, sync()).
  for (const t of all) withoutUniqueOfPrimaryKey(t);
  return all;
}

/**
 * The database names of enum types the ORM names after their column: TypeORM's
 * `<table>_<column>_enum` (unless `enumName:`), Sequelize's `enum_<table>_<column>`.
 */
function nameEnumTypes(table: Table, orm: OrmEntityDecl['orm']): void {
  for (const c of table.columns) {
    const type = knownType(c);
    if (!type || (type.name !== 'enum' && type.name !== 'enum[]') || type.databaseName) continue;
    const databaseName = orm === 'typeorm' ? `${table.name}_${c.name.toLowerCase()}_enum` : `enum_${table.name}_${c.name}`;
    c.type = { ...type, databaseName };
  }
}

/** Keys of shared TypeORM column options the builder applies; any other makes the options not all known. */
const SHARED_OPTION_KEYS = new Set(['type', 'length', 'precision', 'scale', 'nullable', 'comment']);

/**
 * A TypeORM column whose options a project function makes (`@PrimaryColumn(id())`): the type (and
 * nullability) from the object it returns, under what the call site writes itself. Unchanged
 * (type Unknown) when the function cannot be read or returns options the builder does not apply.
 */
function withSharedOptions(c: OrmColumnDecl, from: NonNullable<OrmColumnDecl['optionsFrom']>, value: (member: string) => string | number | boolean | undefined): OrmColumnDecl {
  const keys = value('()');
  if (typeof keys !== 'string') return c;
  const returned = keys ? keys.split(',') : [];
  if (returned.some((k) => !SHARED_OPTION_KEYS.has(k) && !from.explicit.includes(k))) return c;
  const got = (k: string) => (returned.includes(k) && !from.explicit.includes(k) ? value(`().${k}`) : undefined);
  const typeName = from.typeName ?? got('type');
  if (returned.includes('type') && !from.typeName && typeof typeName !== 'string') return c;
  const options = { ...from.options };
  for (const k of ['length', 'precision', 'scale'] as const) {
    const v = got(k);
    if (returned.includes(k) && !from.explicit.includes(k)) {
      if (typeof v !== 'number') return c;
      options[k] = v;
    }
  }
  const type = typeof typeName === 'string' ? typeormType(typeName, `type '${typeName}' (from ${from.written})`, options) : typeormDesignType(from.designType, options);
  if (!type) return c;
  const out: OrmColumnDecl = { ...c, type };
  const nullable = got('nullable');
  if (typeof nullable === 'boolean' && !c.primaryKey) out.nullable = nullable;
  return out;
}

/**
 * The junctions of `belongsToMany`, as Sequelize's BelongsToMany builds them: a foreign key to each
 * side (`foreignKey`, `otherKey`, or the singular model name and primary key, camelised; a pair of
 * associations through the same model shares its keys). A `through` that names no model is a table
 * Sequelize defines: the two keys as its primary key, with the default timestamps. A through model
 * gets the keys it lacks, as its primary key when it declares none, else under a unique constraint.
 * Returns the tables Sequelize defines; through models are changed in place.
 */
function sequelizeJunctions(files: readonly OrmModelFacts[], resolve: (name: string, from?: string, module?: string) => Draft | undefined): { tables: Table[]; unnamed: UnnamedTable[]; unknowns: Unknown[] } {
  const all = files.flatMap((f) => f.associations.filter((a) => a.kind === 'belongsToMany' && a.through));
  // Each model as the association's file binds its name (its import, or its own declaration).
  const fileOf = new Map(files.flatMap((f) => f.associations.map((a) => [a, f.file] as const)));
  const model = (name: string, a: OrmAssociation, module?: string) => resolve(name, fileOf.get(a), module);
  const junctions: Table[] = [];
  const unnamed: UnnamedTable[] = [];
  const unknowns: Unknown[] = [];
  const defined = new Map<string, Table>();
  const paired = new Set<OrmAssociation>();
  const uniqueNames: ThroughUniqueName[] = [];
  // A key's column; `written`: named in the code, which Sequelize 4 keeps as it is (see underscoredGeneratedOnly).
  const keyField = (attribute: string, written: boolean, of: Draft | undefined, underscored: boolean | undefined) =>
    (written && of?.entity.sequelize?.underscoredGeneratedOnly ? attribute : sequelizeField(attribute, underscored));
  for (const a of all) {
    if (paired.has(a)) continue;
    const source = model(a.source, a, a.sourceModule);
    const target = model(a.target, a, a.targetModule);
    const throughModel = model(a.through!, a, a.throughModule);
    const pk = (d: Draft) => d.table.primaryKey[0] ?? 'id';
    // Keys are named after the models' names (`from.entity.name`), not the names a file binds them to.
    // (Sequelize 7 camelises with a lower-case first letter.)
    const v7 = !!(source?.entity.sequelize7 || target?.entity.sequelize7);
    const keyOf = (x: OrmAssociation, from: Draft) => x.foreignKey ?? sequelizeCamelize(`${singularize(sequelizeModelName(from))}_${pk(from)}`, v7);
    const reverse = all.find((b) => b !== a && b.source === a.target && b.target === a.source && b.through === a.through);
    if (reverse) paired.add(reverse);
    if (!throughModel && !a.throughIsTableName) {
      // `through: JOIN_TABLE` (a variable) that names no model: the table's name is Unknown.
      const keys = source && target && !a.asUnknown && !a.foreignKeyUnknown && !a.otherKeyUnknown && !reverse?.foreignKeyUnknown ? [keyOf(a, source), a.otherKey ?? (reverse ? keyOf(reverse, target) : sequelizeCamelize(`${singularize(sequelizeModelName(target))}_${pk(target)}`, v7))] : [];
      const written = [a.foreignKey !== undefined, a.otherKey !== undefined || reverse?.foreignKey !== undefined];
      const sides = [source, source?.entity.sequelize?.underscoredGeneratedOnly ? target : source];
      unnamed.push({ columns: keys.map((k, i) => keyField(k, written[i], source, sides[i]?.entity.sequelize?.underscored)), location: a.location });
      unknowns.push(unknownValue(`join table of belongsToMany(${a.target}) from ${a.source}: \`through\` names no model read here (a variable)`, a.location));
      continue;
    }
    let table = throughModel?.table ?? defined.get(a.through!);
    if (!table) {
      const underscored = source?.entity.sequelize?.underscored;
      // Its own `timestamps` where the association gives one, else the instance's `define` (Sequelize's
      // belongsToMany leaves the source model's own `timestamps` out of the options it defines it with).
      const instanceTimestamps = source?.entity.sequelize?.defineTimestamps;
      const timestamps = a.throughTimestamps ?? (instanceTimestamps === null ? undefined : instanceTimestamps ?? true);
      table = {
        schema: DEFAULT_SCHEMA, name: a.through!, location: a.location, columns: [], primaryKey: [], foreignKeys: [], indexes: [],
        uniqueConstraints: [], relationships: [], evidence: 'model', isCoreTable: true, orm: 'sequelize',
      };
      if (timestamps === undefined) (table.incomplete ??= []).push("timestamps (the whole project's model options are not read)");
      if (timestamps) {
        // The model Sequelize defines takes the source model's options (BelongsToMany spreads them
        // into its own): its `createdAt: 'published'` names the column, `updatedAt: false` drops it.
        const options = source?.entity.sequelize;
        for (const stamp of ['createdAt', 'updatedAt'] as const) {
          const named = options?.[stamp];
          if (named === false) continue;
          table.columns.push({ name: keyField(named ?? stamp, named !== undefined, source, underscored), type: timestampType(stamp, options?.timestampPrecision), nullable: false, primaryKey: false, location: a.location });
        }
      }
      // The source's `version` too: the join table has its own counter.
      const version = source?.entity.sequelize?.version;
      if (version) table.columns.push(sequelizeVersionColumn(keyField(version, true, source, underscored), a.location));
      defined.set(a.through!, table);
      junctions.push(table);
    }
    if (!source || !target) {
      (table.incomplete ??= []).push(`the keys of belongsToMany(${a.target}) from ${a.source} (a model it joins is not read)`);
      continue;
    }
    if (a.source === a.target && !a.as) {
      (table.incomplete ??= []).push(`the keys of belongsToMany(${a.target}) from ${a.source} (a self-association named by code)`);
      continue;
    }
    // A key not written is named after a model's name; one given by code and not evaluated makes it Unknown.
    const otherNamedAfterTarget = !a.otherKey && !reverse?.foreignKey && !(a.source === a.target && a.as);
    if ((!a.foreignKey && source.entity.modelNameUnknown) || (otherNamedAfterTarget && target.entity.modelNameUnknown)) {
      (table.incomplete ??= []).push(`the keys of belongsToMany(${a.target}) from ${a.source} (named after a model name given by code)`);
      continue;
    }
    if (a.foreignKeyUnknown || a.otherKeyUnknown || reverse?.foreignKeyUnknown) {
      (table.incomplete ??= []).push(`the keys of belongsToMany(${a.target}) from ${a.source} (a key's name is computed by code)`);
      continue;
    }
    let fkAttribute = keyOf(a, source);
    let otherAttribute = a.otherKey ?? (reverse ? keyOf(reverse, target) : sequelizeCamelize(`${a.source === a.target && a.as ? singularize(a.as) : singularize(sequelizeModelName(target))}_${pk(target)}`, v7));
    const underscored = throughModel ? throughModel.entity.sequelize?.underscored : source.entity.sequelize?.underscored;
    const namer = throughModel ?? source;
    // Sequelize 4 names the key to the target as the target's options say (its `underscored`).
    const otherUnderscored = namer.entity.sequelize?.underscoredGeneratedOnly ? target.entity.sequelize?.underscored : underscored;
    let keys = [keyField(fkAttribute, a.foreignKey !== undefined, namer, underscored), keyField(otherAttribute, a.otherKey !== undefined || reverse?.foreignKey !== undefined, namer, otherUnderscored)];
    if (a.keysOfThroughModel && throughModel) {
      // sequelize-typescript: a key not written is the through model's @ForeignKey to that side.
      const declared = (side: string) => throughModel.entity.columns.filter((c) => c.reference?.targetClass === side);
      const attribute = (c: OrmColumnDecl) => c.property ?? c.name ?? '';
      const fkColumn = a.foreignKey === undefined ? declared(a.source) : undefined;
      const otherColumn = a.otherKey === undefined ? declared(a.target) : undefined;
      // Each side's key is the first @ForeignKey to that model (getForeignKeyOptions). With one model
      // on both sides and neither key written, both sides would take the same column: not a join.
      const bothTheFirst = a.source === a.target && fkColumn !== undefined && otherColumn !== undefined;
      const sameColumn = a.source === a.target && (fkColumn?.[0] ? attribute(fkColumn[0]) === a.otherKey : otherColumn?.[0] ? attribute(otherColumn[0]) === a.foreignKey : false);
      if (bothTheFirst || sameColumn || fkColumn?.length === 0 || otherColumn?.length === 0) {
        (table.incomplete ??= []).push(`the keys of @BelongsToMany(${a.target}) from ${a.source} (no @ForeignKey of ${a.through} to a side, or one column for both)`);
        continue;
      }
      const field = (c: OrmColumnDecl) => (c.nameFromProperty || !c.name ? keyField(attribute(c), true, namer, underscored) : c.name);
      if (fkColumn) fkAttribute = attribute(fkColumn[0]);
      if (otherColumn) otherAttribute = attribute(otherColumn[0]);
      keys = [fkColumn ? field(fkColumn[0]) : keyField(fkAttribute, a.foreignKey !== undefined, namer, underscored), otherColumn ? field(otherColumn[0]) : keyField(otherAttribute, a.otherKey !== undefined, namer, otherUnderscored)];
    }
    // A model that declares no primary key loses its implicit `id`: the two keys are the primary key.
    const declaresKey = throughModel ? throughModel.entity.columns.some((c) => c.primaryKey) : false;
    if (throughModel && !declaresKey) {
      table.columns = table.columns.filter((c) => !(c.primaryKey && c.name === 'id'));
      table.primaryKey = [];
      table.indexes = table.indexes.filter((i) => i.origin !== 'primary-key');
    }
    const asKey = !throughModel || !declaresKey;
    if (asKey) table.keyedOnItsForeignKeys = true;
    // (Sequelize 7 makes the association's inverse first, whose key — to the target — its through model gets first.)
    for (const i of v7 ? [1, 0] : [0, 1]) {
      const name = keys[i];
      const side = i === 0 ? source : target;
      // BelongsToMany gives each key the type of the side's key, over the through model's own
      // (`Object.assign(rawAttributes[foreignKey], { type: sourceKeyType, … })`).
      const keyType = side.table.columns.find((c) => c.name === pk(side))?.type;
      const column = table.columns.find((c) => c.name === name);
      if (!column) table.columns.push({ name, ...(keyType !== undefined ? { type: keyType } : {}), nullable: !asKey, primaryKey: asKey, location: a.location });
      else {
        if (asKey) Object.assign(column, { primaryKey: true, nullable: false });
        // (Whatever attribute declares the column: an underscored model's `coach_id` beside the key
        // `coachId` is another attribute over the same column, and sync() makes it the key's type.)
        if (keyType !== undefined) {
          // What a finding shows as written: the key's type, and why it is not the declared one.
          const own = knownType(column);
          const referenced = isUnknown(keyType) ? undefined : keyType;
          // (A second association through the same key finds the type given already: kept, with its why.)
          const same = own && referenced && own.name === referenced.name && JSON.stringify(own.args ?? []) === JSON.stringify(referenced.args ?? []);
          if (!same) {
            column.type = own && referenced && own.name !== referenced.name
              ? { ...referenced, written: `${referenced.written} of ${side.entity.name}'s key: belongsToMany gives the through model's key that type, not the declared ${own.written}` }
              : keyType;
          }
        }
      }
      if (a.constraints !== false && !table.foreignKeys.some((fk) => fk.columns.length === 1 && fk.columns[0] === name)) {
        table.foreignKeys.push({
          columns: [name], target: { schema: side.table.schema !== DEFAULT_SCHEMA ? side.table.schema : undefined, table: side.table.name, columns: [pk(side)] },
          resolvedSchema: side.table.schema, location: a.location, targetText: side.entity.name, viaClass: side.entity.name,
        });
      }
    }
    if (asKey) {
      // PRIMARY KEY (…) lists the key columns in the table's order (a through model's attributes first).
      const tableOrder = table.columns.filter((c) => keys.includes(c.name)).map((c) => c.name);
      table.primaryKey = tableOrder;
      table.indexes = table.indexes.filter((i) => i.origin !== 'primary-key');
      table.indexes.push({ columns: tableOrder, unique: true, origin: 'primary-key', location: a.location });
    } else if (a.throughUnique !== false) {
      // Each association names the key `<table>_<its foreignKey>_<its otherKey>_unique` on both
      // attributes: of a pair, the one defined last (the reverse) names it, when it is defined.
      const name = reverse ? `${table.name}_${otherAttribute}_${fkAttribute}_unique` : `${table.name}_${fkAttribute}_${otherAttribute}_unique`;
      uniqueNames.push({ table, order: all.indexOf(reverse ?? a), name, keys, location: a.location });
    }
  }
  addThroughUniqueKeys(uniqueNames);
  return { tables: junctions, unnamed, unknowns };
}

/** A `unique` key name an association gives both its keys in a through model, at its place in the order associations are defined. */
interface ThroughUniqueName {
  table: Table;
  order: number;
  name: string;
  keys: string[];
  location: Location;
}

/**
 * The UNIQUE constraints associations give their through models. Each attribute holds one
 * `unique` name, the one the association defined last gave it (BelongsToMany assigns
 * `attribute.unique`, it does not add to it): a through model two associations share by one key
 * (`userId` beside `collectionId`, then beside `documentId`) keeps the first pair's key on its
 * other attribute alone. Columns in the table's order (Sequelize's `uniqueKeys` follows its
 * attributes); a key over the primary key's columns, in its order, PostgreSQL folds into the
 * primary key (CREATE TABLE keeps one index of identical ones: transformIndexConstraints).
 */
function addThroughUniqueKeys(names: ThroughUniqueName[]): void {
  const byTable = new Map<Table, Map<string, ThroughUniqueName>>();
  for (const n of [...names].sort((x, y) => x.order - y.order)) {
    const held = byTable.get(n.table) ?? new Map<string, ThroughUniqueName>();
    byTable.set(n.table, held);
    for (const key of n.keys) held.set(key, n);
  }
  for (const [table, held] of byTable) {
    const keys = new Map<string, { name: ThroughUniqueName; columns: string[] }>();
    for (const c of table.columns) {
      const n = held.get(c.name);
      if (!n) continue;
      const key = keys.get(n.name) ?? { name: n, columns: [] };
      keys.set(n.name, key);
      key.columns.push(c.name);
    }
    for (const [name, { name: n, columns }] of keys) {
      const isPrimaryKey = columns.length === table.primaryKey.length && columns.every((c, i) => table.primaryKey[i] === c);
      // One key per set of attributes: not twice when two definitions of the through model (an old copy in a tool) join the same pair.
      if (isPrimaryKey || table.uniqueConstraints.some((u) => u.columns.length === columns.length && u.columns.every((c) => columns.includes(c)))) continue;
      table.uniqueConstraints.push({ name, columns, location: n.location });
      table.indexes.push({ name, columns, unique: true, origin: 'unique-constraint', location: n.location });
    }
  }
}

/**
 * The primary key of a table once its join columns are named (TypeORM 0.2's `primary: true`
 * relations are key columns named after their target's key): the key and its index.
 */
function namePrimaryKey(table: Table): void {
  table.primaryKey = table.columns.filter((c) => c.primaryKey).map((c) => c.name);
  const index = table.indexes.find((i) => i.origin === 'primary-key');
  if (index) index.columns = [...table.primaryKey];
}

/** Whether a kept table's foreign key references a column the rebuilt tables now type differently (or no longer have). */
function keptKeysTakeRetypedColumns(drafts: Draft[], last: Map<string, Table>): boolean {
  const retyped = new Set<string>();
  for (const d of drafts) {
    if (d.kept) continue;
    const old = last.get(entityKey(d.entity.location.file, d.entity.name));
    for (const c of d.table.columns) {
      const was = old?.columns.find((o) => o.name === c.name);
      if (!was || JSON.stringify(was.type) !== JSON.stringify(c.type)) retyped.add(`${d.table.schema}.${d.table.name}.${c.name}`);
    }
  }
  if (!retyped.size) return false;
  return drafts.some((d) => d.kept && d.table.foreignKeys.some((fk) => fk.target.columns.some((col) => retyped.has(`${fk.target.schema ?? fk.resolvedSchema}.${fk.target.table}.${col}`))));
}

/**
 * A foreign-key column declared without a type (a relation's join column) has the referenced
 * column's type: given to the key columns of `tables`, the referenced columns found among `targets`.
 */
function inheritForeignKeyTypes(tables: Table[], targets: Table[] = tables): void {
  const byName = new Map<string, Table[]>();
  for (const t of targets) {
    const key = `${t.schema}.${t.name}`;
    const list = byName.get(key);
    if (list) list.push(t);
    else byName.set(key, [t]);
  }
  // Several tables of the name (applications side by side, each its own "posts"): the one nearest
  // the referencing table, as the rules' lookups find it (the last of those, as a single one was).
  const targetOf = (t: Table, key: string): Table | undefined => {
    const list = byName.get(key);
    if (!list || list.length < 2 || !t.location?.file) return list?.[list.length - 1];
    const near = nearestTo(list, t.location.file);
    return near[near.length - 1];
  };
  for (const t of tables) {
    for (const fk of [...t.foreignKeys, ...unconstrainedReferences.get(t) ?? []]) {
      if (fk.columns.length !== fk.target.columns.length) continue;
      const target = targetOf(t, `${fk.target.schema ?? fk.resolvedSchema}.${fk.target.table}`);
      fk.columns.forEach((name, i) => {
        const column = t.columns.find((c) => c.name === name);
        if (!column) return;
        const declared = column.type !== undefined;
        if (declared && !typedByReference.has(column)) return;
        const type = target?.columns.find((c) => c.name === fk.target.columns[i])?.type;
        if (!type) return;
        // A declared column that is also a join column: the referenced type's name, with the
        // declared length or precision where it is the same type (TypeORM keeps those).
        const own = knownType(column);
        const referenced = isUnknown(type) ? undefined : type;
        if (!declared || !referenced) column.type = type;
        // What a finding shows as written: the referenced key's type, and why it is not the declared one.
        // TypeORM replaces the declared type only (RelationJoinColumnBuilder): the length and precision
        // stay the declared column's (`@Column({ type: 'text' })` on a `varchar(36)` key: `varchar`).
        else if (!own || own.name !== referenced.name) {
          const { args: _referencedArgs, ...named } = referenced;
          const args = own ? own.args : referenced.args;
          column.type = { ...named, ...(args ? { args } : {}), written: `${referenced.written} of the referenced key: TypeORM gives a join column that type${own ? `, not the declared ${own.written}` : ''}` };
        }
      });
    }
  }
}

/**
 * The search path the project's connection code sets: its schemas when every setting of it is read
 * and they agree; 'unknown' when one is computed or they disagree; undefined when none is set.
 */
function projectSearchPath(files: readonly OrmModelFacts[]): string[] | 'unknown' | undefined {
  const set = files.flatMap((f) => (f.searchPath ? [f.searchPath] : []));
  if (!set.length) return undefined;
  const first = set[0].schemas;
  return first && set.every((p) => p.schemas && p.schemas.join(',') === first.join(',')) ? first : 'unknown';
}

function findTable(drafts: Draft[], name: string, schema: string): Table | undefined {
  return drafts.find((d) => d.table.name === name && d.table.schema === schema)?.table;
}

/**
 * TypeORM columns that are also a relation's join column: TypeORM gives them the referenced column's
 * type, whatever the property's decorator says (RelationJoinColumnBuilder: "types of relational column
 * and join column must be equal"). Kept with the column objects, which a partial build keeps too.
 */
const typedByReference = new WeakSet<Column>();

/** TypeORM relations with `createForeignKeyConstraints: false`: no FOREIGN KEY, but their join columns take the referenced key's type. */
const unconstrainedReferences = new WeakMap<Table, ForeignKey[]>();

/**
 * The indexes sequelize-typescript index decorators imported from other modules make: each decorator
 * one index over the attributes it marks, in their order (addFieldToIndex). A decorator that is no
 * index decorator there adds nothing.
 */
function importedIndexes(file: string, columns: readonly OrmColumnDecl[], symbols: TsProjectSymbols): OrmIndexDecl[] {
  const byDecorator = new Map<string, OrmIndexDecl>();
  for (const c of columns) {
    for (const d of c.importedDecorators ?? []) {
      const spec = symbols.indexDecorator(file, { name: d.name });
      if (!spec || !c.name) continue;
      const same = byDecorator.get(d.name);
      if (same) {
        same.columns.push(c.name);
        same.fields?.push(c.property ?? c.name);
      } else byDecorator.set(d.name, { columns: [c.name], fields: [c.property ?? c.name], unique: spec.unique, location: d.location, ...(spec.name ? { name: spec.name } : {}), ...(spec.where ? { where: spec.where } : {}), ...(spec.method ? { method: spec.method } : {}) });
    }
  }
  return [...byDecorator.values()];
}

/** A `@ForeignKey` attribute an association takes: whether it has a constraint, its `allowNull`, the model it refers to. */
interface AssociationKey {
  constraints: boolean;
  allowNull?: boolean;
  references?: Draft;
  /** The attribute of `references` the key refers to (`targetKey`/`sourceKey`), when not its primary key. */
  referencedKey?: string;
  /** Which column of `references` the key refers to is computed by code. */
  referencedKeyUnknown?: boolean;
}

/** The column of a model's attribute: the column an attribute maps to, else the one it would be named. */
function attributeColumn(d: Draft, attribute: string, columnName: (entity: OrmEntityDecl, property: string, written?: boolean) => string): string {
  return d.table.columns.find((c) => (c.attribute ?? c.name) === attribute)?.name ?? columnName(d.entity, attribute, true);
}

/**
 * Whether Sequelize makes no FOREIGN KEY to this column of the referenced model: one column of a
 * primary key over several (helpers.js addForeignKeyConstraints: a key into a composite primary key is a plain column).
 */
function intoCompositeKey(referenced: Draft, column: string): boolean {
  return referenced.table.primaryKey.length > 1 && referenced.table.primaryKey.includes(column);
}

/**
 * The sequelize-typescript `@ForeignKey` attributes an association takes as its key, each with
 * whether it makes a FOREIGN KEY (`constraints: false` makes none) and the key's `allowNull`: a
 * `@BelongsTo` takes its model's key to the target, a `@HasMany`/`@HasOne` the target's key back
 * to its model (the key written, or else the `@ForeignKey` to the other model), a `@BelongsToMany`
 * its through model's keys to either side (getForeignKeyOptions).
 */
function sequelizeAssociationKeys(files: readonly OrmModelFacts[], drafts: readonly Draft[], resolve: (className: string, from?: string, module?: string) => Draft | undefined, columnName: (entity: OrmEntityDecl, property: string, written?: boolean) => string): { taken: Map<OrmColumnDecl, AssociationKey>; unresolved: Set<Draft> } {
  const taken = new Map<OrmColumnDecl, AssociationKey>();
  const unresolved = new Set<Draft>();
  const keysOf = (holder: Draft) => holder.entity.columns.filter((c) => c.reference?.byAssociation);
  const pointsAt = (holder: Draft, key: OrmColumnDecl, other: Draft) => resolve(key.reference!.targetClass!, holder.file, key.reference!.targetModule) === other;
  const take = (key: OrmColumnDecl, to: Draft | undefined, constraints: boolean, allowNull?: boolean, how: { overwrites?: boolean; referencedKey?: string; referencedKeyUnknown?: boolean } = {}) => {
    const before = taken.get(key);
    // A single association merges its REFERENCES into the attribute as a default (Utils.mergeDefaults):
    // the first association with a constraint sets it, later ones change nothing; a belongsToMany
    // assigns its own over it (Object.assign in its _injectAttributes).
    const sets = constraints && (how.overwrites || !before?.references);
    const references = sets ? to : before?.references;
    const referencedTo = sets ? how : before ?? {};
    // Its `allowNull` is merged as a default (Utils.mergeDefaults): the first association to take the
    // key — in the order the models are added, file by file, and declared — sets it, `true` unless its
    // key options say otherwise; later ones change nothing.
    taken.set(key, {
      constraints: constraints || !!before?.constraints, allowNull: before ? before.allowNull : allowNull ?? true, ...(references ? { references } : {}),
      ...(referencedTo.referencedKey ? { referencedKey: referencedTo.referencedKey } : {}), ...(referencedTo.referencedKeyUnknown ? { referencedKeyUnknown: true } : {}),
    });
  };
  if (!drafts.some((d) => d.entity.columns.some((c) => c.reference?.byAssociation))) return { taken, unresolved };
  for (const { f, a } of associationsInRegistrationOrder(files, resolve)) {
    const source = resolve(a.source, f.file, a.sourceModule);
    const target = resolve(a.target, f.file, a.targetModule);
    const through = a.kind === 'belongsToMany' && a.through && !a.throughIsTableName ? resolve(a.through, f.file, a.throughModule) : undefined;
    if (!source || !target || (a.kind === 'belongsToMany' && a.through && !a.throughIsTableName && !through)) {
      // An association whose models cannot be told here may take any @ForeignKey of the side that can.
      for (const side of [source, target, through]) if (side) unresolved.add(side);
      continue;
    }
    if (a.kind === 'belongsToMany') {
      if (!through) continue;
      if (!a.keysOfThroughModel) {
        for (const key of keysOf(through)) {
          if (pointsAt(through, key, source)) take(key, source, a.constraints !== false, undefined, { overwrites: true });
          else if (pointsAt(through, key, target)) take(key, target, a.constraints !== false, undefined, { overwrites: true });
        }
        continue;
      }
      // sequelize-typescript: each side's key is the one written, or else the through model's first
      // @ForeignKey to that side; a key computed by code, or one column for both sides, may be any.
      const keyTo = (written: string | undefined, side: Draft) => (written ? keysOf(through).find((c) => isAttributeNamed(c, written)) : keysOf(through).find((c) => pointsAt(through, c, side)));
      const fk = keyTo(a.foreignKey, source);
      const other = keyTo(a.otherKey, target);
      if (a.foreignKeyUnknown || a.otherKeyUnknown || (fk && fk === other)) {
        unresolved.add(through);
        continue;
      }
      if (fk) take(fk, source, a.constraints !== false, undefined, { overwrites: true });
      if (other) take(other, target, a.constraints !== false, undefined, { overwrites: true });
      continue;
    }
    const [holder, other] = a.kind === 'belongsTo' ? [source, target] : [target, source];
    if (a.foreignKeyUnknown) {
      // The key is named by code: any @ForeignKey of the model holding it may be the one.
      unresolved.add(holder);
      continue;
    }
    const key = a.foreignKey ? keysOf(holder).find((c) => isAttributeNamed(c, a.foreignKey!)) : keysOf(holder).find((c) => pointsAt(holder, c, other));
    // (A key the association names refers to the association's other model, whatever its @ForeignKey says.)
    // A key into one column of the other model's composite primary key makes no FOREIGN KEY.
    const into = a.referencedKey ? attributeColumn(other, a.referencedKey, columnName) : other.table.primaryKey[0] ?? 'id';
    const constraints = a.constraints !== false && (a.referencedKeyUnknown || !intoCompositeKey(other, into));
    if (key) take(key, other, constraints, a.foreignKeyAllowNull, { referencedKey: a.referencedKey, referencedKeyUnknown: a.referencedKeyUnknown });
  }
  return { taken, unresolved };
}

/**
 * The Sequelize associations in the order they are made. sequelize-typescript makes a model's
 * decorated associations when the instance adds it, model by model in the order it is given them
 * (`addModels([User, Post])`, `models: [User, Post]`: the longest such list of the project), the
 * models not listed after, in the order of their files (a folder or glob is added in path order);
 * each model's in the order it declares them. Associations made by calls keep the order of the code.
 */
function associationsInRegistrationOrder(files: readonly OrmModelFacts[], resolve: (className: string, from?: string, module?: string) => Draft | undefined): { f: OrmModelFacts; a: OrmAssociation }[] {
  const pairs = files.flatMap((f) => f.associations.map((a) => ({ f, a })));
  const lists = files.flatMap((f) => (f.sequelizeModelOrder ?? []).map((models) => ({ f, models })));
  if (!lists.length || !pairs.some((p) => p.a.decorated)) return pairs;
  const longest = lists.reduce((a, b) => (b.models.length > a.models.length ? b : a));
  const position = new Map<Draft, number>();
  longest.models.forEach((m, i) => {
    const d = resolve(m.name, longest.f.file, m.module);
    if (d && !position.has(d)) position.set(d, i);
  });
  const rank = (p: { f: OrmModelFacts; a: OrmAssociation }): number => {
    const d = resolve(p.a.source, p.f.file, p.a.sourceModule);
    return d && position.has(d) ? position.get(d)! : longest.models.length;
  };
  // The decorated ones sorted into the places they hold; calls (`User.hasMany(Post)`), made where
  // the code makes them, keep theirs.
  const decorated = pairs.map((p, i) => ({ p, i })).filter((x) => x.p.a.decorated).map((x) => ({ ...x, r: rank(x.p) }));
  const sorted = [...decorated].sort((x, y) => x.r - y.r || x.i - y.i);
  const out = [...pairs];
  decorated.forEach((slot, k) => { out[slot.i] = sorted[k].p; });
  return out;
}

/** The attribute an association's `foreignKey` names: by its property, or by its field (`foreignKey: 'from_pocket_id'`). */
function isAttributeNamed(c: OrmColumnDecl, key: string): boolean {
  return c.property === key || (c.name === key && !c.nameFromProperty);
}

/** A TypeORM property column and the join column of a relation with the same name are one column. */
function mergeSameNamedColumns(d: Draft): void {
  const seen = new Map<string, Column>();
  d.table.columns = d.table.columns.filter((c) => {
    const first = seen.get(c.name);
    if (!first) {
      seen.set(c.name, c);
      return true;
    }
    // The property's own @Column says what the column is; the relation's join column only names it.
    const firstIsJoin = !!d.decls.get(first)?.reference;
    const thisIsJoin = !!d.decls.get(c)?.reference;
    if (d.entity.orm === 'typeorm' && firstIsJoin !== thisIsJoin) typedByReference.add(first);
    if (firstIsJoin && !thisIsJoin) {
      // …and is where a finding about the column belongs, named by its property in entity lists
      // (`@Index(["programId", "refVal"])` beside `@ManyToOne(…) @JoinColumn({ name: "program_id" }) program`).
      first.location = c.location;
      if (c.attribute) first.attribute = c.attribute;
      if (c.type) first.type = c.type;
      if (c.nullable !== undefined) first.nullable = c.nullable;
      if (c.primaryKey) {
        first.primaryKey = true;
        // A one-to-one's join column is unique, unless it is the primary key (TypeORM builds no
        // unique constraint then), whichever of the two is declared first.
        const joinDecl = d.decls.get(first);
        d.table.indexes = d.table.indexes.filter((i) => !(i.origin === 'column-unique' && i.location === joinDecl?.location && i.columns.length === 1 && i.columns[0] === first.name));
      }
      if (c.serverDefault !== undefined) first.serverDefault = c.serverDefault;
    } else {
      if (!first.type && c.type) first.type = c.type;
      if (first.nullable === undefined) first.nullable = c.nullable;
      // A one-to-one's join column that is a primary key column declared before it: no unique constraint either.
      const joinDecl = thisIsJoin ? d.decls.get(c) : undefined;
      if (first.primaryKey && joinDecl) d.table.indexes = d.table.indexes.filter((i) => !(i.origin === 'column-unique' && i.location === joinDecl.location && i.columns.length === 1 && i.columns[0] === first.name));
    }
    return false;
  });
  // Key columns that were one column under two declarations are one key column.
  const primaryKey = [...new Set(d.table.primaryKey)];
  if (primaryKey.length !== d.table.primaryKey.length) {
    d.table.primaryKey = primaryKey;
    const index = d.table.indexes.find((i) => i.origin === 'primary-key');
    if (index) index.columns = [...primaryKey];
  }
}

/** A TypeORM entity's table name before the data source's `entityPrefix`: the one given, else the class's in snake case. */
function typeormBaseName(entity: OrmEntityDecl): string {
  return entity.tableName ?? snakeCase(entity.name);
}

/** The draft of an entity's table as the naming of its application's data sources names it. */
function tableOfNamed(entity: OrmEntityDecl, naming: TypeOrmNaming): Draft {
  return tableOf(entity, naming.snake, naming.tablePrefix ?? '', naming);
}

/** `naming`: the data sources' naming, for a TypeORM entity's schema when it names none. */
function tableOf(entity: OrmEntityDecl, snake: boolean, prefix = '', naming: Pick<TypeOrmNaming, 'defaultSchema' | 'defaultSchemaAtRunTime' | 'namer'> = {}): Draft {
  const s = entity.sequelize;
  const typeorm = entity.orm === 'typeorm';
  const tableName = typeorm ? prefix + typeormBaseName(entity)
    : entity.tableName ?? sequelizeTableName(entity.modelName ?? entity.name, s?.underscoredGeneratedOnly ? { freezeTableName: s.freezeTableName, underscored: s.underscoredAll } : s ?? {});
  const table: Table = {
    schema: entity.schema?.name ?? (typeorm ? naming.defaultSchema : undefined) ?? DEFAULT_SCHEMA, name: tableName, className: entity.namedByModelName && entity.modelName ? entity.modelName : entity.name, location: entity.location,
    columns: [], primaryKey: [], foreignKeys: [], indexes: [], uniqueConstraints: [], relationships: [], evidence: 'model', orm: entity.orm,
  };
  if (entity.schema) table.declaredSchema = entity.schema;
  // (A schema written but computed by code — `schema: process.env.GADGET_SCHEMA` — is Unknown: the
  // table may live in any schema, and no rule places it in the default one.)
  else if (entity.schemaUnknown) table.schemaUnknown = true;
  else if (typeorm && naming.defaultSchemaAtRunTime) table.schemaSetAtRunTime = true;
  if (entity.notSynchronized) table.managedElsewhere = { reason: '`synchronize: false`: TypeORM neither creates it nor generates its migrations', location: entity.notSynchronized };
  else if (entity.synchronizeUnknown) table.managedElsewhere = { reason: '`synchronize` given by code: whether TypeORM creates it is Unknown', location: entity.synchronizeUnknown };
  else if (entity.loadedOnlyWhereNothingIsBuilt) table.managedElsewhere = { reason: 'loaded only by a data source that neither synchronizes nor runs migrations: it maps a table something else makes', location: entity.loadedOnlyWhereNothingIsBuilt };
  if (entity.dataSourceKey) table.metadataKey = entity.dataSourceKey;
  if (entity.incomplete?.length) table.incomplete = [...entity.incomplete];
  if (entity.virtualAttributes?.length) table.virtualAttributes = entity.virtualAttributes;
  const decls = new Map<Column, OrmColumnDecl>();
  for (const decl of entity.columns) {
    // (A join column not named is named when its reference is resolved, prefixes included.)
    let name = decl.joinColumnOf && !decl.name ? ''
      : decl.embeddedPrefixes?.length ? embeddedColumnName(decl, decl.embeddedPrefixes, snake)
      : decl.name ?? (decl.property ? (entity.orm === 'typeorm' && snake ? snakeCase(decl.property) : decl.property) : '');
    // A strategy of the project's own names every column, given a name or not (`columnName(property,
    // customName, prefixes)`); a join column not named is named when its reference is resolved.
    const byStrategy = typeorm && naming.namer?.columnName && !decl.nameUnknown && !(decl.joinColumnOf && !decl.name)
      ? naming.namer.columnName(decl.joinColumnOf ?? decl.property ?? '', decl.name, decl.embeddedPrefixes ?? []) : null;
    if (byStrategy) name = byStrategy;
    const column: Column = { name, primaryKey: decl.primaryKey, location: decl.location };
    if (byStrategy === undefined) {
      column.nameUnknown = naming.namer!.why!(`the column name of ${decl.property ?? name}`);
      (table.incomplete ??= []).push(column.nameUnknown.reason);
    }
    if (decl.inheritedFrom) column.inheritedFrom = decl.inheritedFrom;
    if (decl.namedByStrategy) column.nameUnknown = decl.namedByStrategy;
    // (An embedded class's column is named by its path: `profile.job`.)
    if (decl.propertyPath) column.attribute = decl.propertyPath;
    else if (decl.property && decl.property !== name) column.attribute = decl.property;
    if (decl.type) column.type = decl.type;
    if (decl.nullable !== undefined) column.nullable = decl.nullable;
    if (decl.serverDefault !== undefined) column.serverDefault = decl.serverDefault;
    if (decl.indexFix) column.indexFix = decl.indexFix;
    table.columns.push(column);
    decls.set(column, decl);
    // `@Column({ name: "user_id" }) userId` that a relation's `@JoinColumn({ name: "user_id" })` names too.
    if (entity.orm === 'typeorm' && decl.reference && decl.relationProperty && decl.type) typedByReference.add(column);
  }
  if (entity.orm === 'sequelize') addSequelizeImplicitColumns(entity, table);
  for (const c of table.columns) if (c.primaryKey) table.primaryKey.push(c.name);
  if (table.primaryKey.length) table.indexes.push({ columns: [...table.primaryKey], unique: true, origin: 'primary-key', location: table.columns.find((c) => c.primaryKey)!.location });
  for (const [column, decl] of decls) {
    // The name of a join column named by default is known once its target's key is: see columnIndexes.
    if (decl.joinColumnOf && !decl.name) continue;
    columnIndexes(table, column, decl);
  }
  const entityLists: NonNullable<Draft['entityLists']> = [];
  for (const i of entity.indexes) {
    const index: Index = { columns: i.fieldsAreColumns ? [...i.columns] : i.columns.map((c) => propertyToColumn(table, c)), unique: i.unique, origin: 'index', location: i.location };
    entityLists.push({ properties: i.columns, index });
    if (i.name) index.name = i.name;
    if (i.where) index.where = i.where;
    if (i.method) index.method = i.method;
    if (i.expression) index.expression = true;
    // (By the column each field of the index is.)
    if (i.opclasses) index.opclasses = Object.fromEntries(Object.entries(i.opclasses).map(([field, written]) => [index.columns[(i.fields ?? i.columns).indexOf(field)] ?? field, written]));
    if (i.removal) index.removal = i.removal;
    if (i.optionsUnknown) index.optionsUnknown = true;
    table.indexes.push(index);
  }
  for (const u of entity.uniques) {
    const columns = u.columns.map((c) => propertyToColumn(table, c));
    const unique: UniqueConstraint = { name: u.name, columns, location: u.location };
    const index: Index = { name: u.name, columns, unique: true, origin: 'unique-constraint', location: u.location };
    table.uniqueConstraints.push(unique);
    table.indexes.push(index);
    entityLists.push({ properties: u.columns, index, unique });
  }
  if (entity.orm === 'sequelize') withoutIndexesNamedAsConstraints(table);
  return { entity, table, decls, ...(entity.orm === 'typeorm' && entityLists.length ? { entityLists } : {}) };
}

/**
 * Sequelize's sync() adds a model's index only under a name the table does not hold yet (it reads
 * the table's indexes first): one named as PostgreSQL names the primary key or a unique constraint
 * of the CREATE TABLE (`todo_items_pkey`, `users_email_key`, as sequelize-auto writes them out of
 * a database) is that constraint, no index of its own.
 */
function withoutIndexesNamedAsConstraints(table: Table): void {
  const taken = new Set<string>();
  if (table.primaryKey.length) taken.add(`${table.name}_pkey`);
  for (const i of table.indexes) if (i.origin === 'column-unique') taken.add(`${table.name}_${i.columns.join('_')}_key`);
  for (const u of table.uniqueConstraints) if (u.name) taken.add(u.name);
  table.indexes = table.indexes.filter((i) => i.origin !== 'index' || !i.name || !taken.has(i.name));
}

/**
 * TypeORM's `@Index(["account", "url"])` and `@Unique([…])` name properties: a column's, or a
 * relation's, which stands for its join columns (named by the entity or by the naming strategy).
 * Computed once every join column of the table has its name.
 */
function entityListColumns(d: Draft): void {
  for (const list of d.entityLists ?? []) {
    // A relation whose join columns are not read: the key's columns are Unknown, so is the key.
    const unread = list.properties.find((p) => d.entity.relationsUnread?.includes(p));
    if (unread !== undefined) {
      d.table.indexes = d.table.indexes.filter((i) => i !== list.index);
      if (list.unique) d.table.uniqueConstraints = d.table.uniqueConstraints.filter((u) => u !== list.unique);
      (d.table.incomplete ??= []).push(`the ${list.unique ? 'unique constraint' : 'index'} over ${list.properties.join(', ')} (the join columns of ${unread} are not read)`);
      continue;
    }
    const noProperty: string[] = [];
    const columns = list.properties.flatMap((property) => {
      if (d.table.columns.some((c) => c.attribute === property)) return [propertyToColumn(d.table, property)];
      const joins = d.joins?.get(property) ?? [...d.decls].filter(([c, decl]) => decl.relationProperty === property && c.name).map(([c]) => c.name);
      if (!joins.length) noProperty.push(property);
      return joins.length ? [...new Set(joins)] : [property];
    });
    list.index.columns = columns;
    if (noProperty.length) list.index.namesNoProperty = noProperty;
    if (list.unique) list.unique.columns = columns;
  }
}

/** The indexes a column declares itself: `unique: true`, and `@Index()` on its property. */
function columnIndexes(table: Table, column: Column, decl: OrmColumnDecl): void {
  // (A base class's column lends its indexes: one declaration, in every table that extends it.)
  const inherited = decl.inheritedFrom ? { inheritedFrom: decl.inheritedFrom } : {};
  if (decl.unique && !decl.primaryKey) {
    const ofOneToOne = decl.uniqueOfOneToOne ? { ofOneToOne: true as const } : {};
    table.indexes.push({ columns: [column.name], unique: true, origin: 'column-unique', location: decl.location, ...ofOneToOne, ...inherited });
  }
  if (decl.index) {
    const { name, where, optionsUnknown } = decl.index;
    table.indexes.push({
      columns: [decl.index.onProperty ?? column.name], unique: !!decl.index.unique, origin: 'column-index', location: decl.index.location, removal: decl.index.removal, ...inherited,
      ...(name !== undefined ? { name } : {}), ...(where !== undefined ? { where } : {}), ...(optionsUnknown ? { optionsUnknown: true } : {}),
    });
  }
  if (decl.indexUnknown) column.indexUnknown = unknownValue(`index of "${table.name}"."${column.name}": ${decl.indexUnknown.reason}`, decl.indexUnknown.location);
  // (`primary: FLAG()` / `primaryKey: flags.pk()`: which columns make the key is Unknown.)
  if (decl.primaryKeyUnknown && !table.incomplete?.includes(PRIMARY_KEY_COMPUTED)) (table.incomplete ??= []).push(PRIMARY_KEY_COMPUTED);
}

const PRIMARY_KEY_COMPUTED = 'primary key (computed by code)';

/** TypeORM's @Index(['authorId']) names properties; the index is on their columns. */
function propertyToColumn(table: Table, name: string): string {
  return table.columns.find((c) => c.attribute === name)?.name ?? name;
}

/** The type of Sequelize's timestamps, made once per name and precision (types are never changed in place). */
const timestampTypes = new Map<string, ColumnType>();
function timestampType(fallback: string, precision: number | undefined): ColumnType {
  const key = `${fallback}|${precision ?? ''}`;
  let type = timestampTypes.get(key);
  if (!type) timestampTypes.set(key, (type = normaliseType('timestamptz', `${fallback} (timestamps)`, precision ? { args: [precision] } : {})));
  return type;
}

/** Sequelize's optimistic-locking counter (`version: true`): INTEGER NOT NULL DEFAULT 0. */
function sequelizeVersionColumn(name: string, location: Column['location']): Column {
  return { name, type: normaliseType('integer', 'INTEGER (version)'), nullable: false, primaryKey: false, serverDefault: '0', location };
}

function addSequelizeImplicitColumns(entity: OrmEntityDecl, table: Table): void {
  const s = entity.sequelize!;
  // (`primaryKey: flags.pk()`: which column is the key, and whether Sequelize adds an `id`, is Unknown.)
  const keyUnknown = entity.columns.some((c) => c.primaryKeyUnknown);
  // (A base whose attributes are not read — `extends WithUuidKey(Model)` of a package — may declare the key itself: no implicit one.)
  if (!keyUnknown && !table.columns.some((c) => c.primaryKey) && !entity.incomplete?.some((i) => i === 'attributes' || /^columns of (the )?base class/.test(i)) && !entity.removedAttributes?.includes('id')) {
    table.columns.unshift({ name: 'id', type: normaliseType('integer', 'INTEGER (implicit id)'), nullable: false, primaryKey: true, location: entity.location });
  }
  const stamp = (option: string | false | undefined, fallback: 'createdAt' | 'updatedAt' | 'deletedAt', nullable: boolean) => {
    if (option === false) return;
    // Sequelize sets createdAt and updatedAt itself on every insert, declared or not.
    const written = (c: Column) => {
      if (fallback !== 'deletedAt') c.writtenByOrm = 'timestamps';
    };
    // A property decorated `@CreatedAt` (on the model or a base it extends) is that timestamp.
    const decorated = entity.columns.find((c) => c.timestamp === fallback);
    if (decorated) {
      const column = table.columns.find((c) => c.attribute === decorated.property || c.name === decorated.property || c.name === decorated.name);
      if (column) written(column);
      return;
    }
    // An attribute of the timestamp's name, declared (`createdAt: { type: DATE, field: 'created_at' }`),
    // is the timestamp: Sequelize adds its own only where the model has none.
    const attribute = option ?? fallback;
    const declared = table.columns.find((c) => (c.attribute ?? c.name) === attribute);
    if (declared) {
      written(declared);
      return;
    }
    // Attributes not read may declare it (another type, NULL allowed, another field): Unknown, not added.
    if (entity.incomplete?.includes('attributes')) return;
    // Its field as any attribute's: `createdAt: 'publishedAt'` under `underscored` is published_at
    // (with `underscored` Unknown, a camelCase one is Unknown: not added, the table incomplete).
    // (Sequelize 4 keeps a name the options give as written.)
    const name = option !== undefined && s.underscoredGeneratedOnly ? option : sequelizeField(option ?? fallback, s.underscored);
    if (entity.sequelizeUnknown?.includes('underscored') && sequelizeField(option ?? fallback, true) !== (option ?? fallback)) return;
    const type = timestampType(fallback, s.timestampPrecision);
    // Another attribute of that column (`@Column created_at` beside the `createdAt` of `underscored`):
    // Sequelize's timestamp comes after it and its definition is the one CREATE TABLE writes for the field.
    const same = table.columns.find((c) => c.name === name);
    if (same) {
      if (same.primaryKey) return;
      same.type = type;
      same.nullable = nullable;
      delete same.serverDefault;
      written(same);
      return;
    }
    const column: Column = { name, type, nullable, primaryKey: false, location: entity.location };
    written(column);
    table.columns.push(column);
  };
  // `version: true` (or a name): the optimistic-locking counter Sequelize adds, INTEGER NOT NULL DEFAULT 0.
  if (s.version) {
    const name = s.underscoredGeneratedOnly ? s.version : sequelizeField(s.version, s.underscored);
    if (!table.columns.some((c) => c.name === name || c.attribute === s.version)) {
      table.columns.push(sequelizeVersionColumn(name, entity.location));
    }
  }
  // Timestamps the model's options may turn off or rename (a spread of code): Unknown, not added.
  if (entity.sequelizeUnknown?.includes('timestamps')) return;
  if (s.timestamps) {
    stamp(s.createdAt, 'createdAt', false);
    stamp(s.updatedAt, 'updatedAt', false);
    if (s.paranoid) stamp(s.deletedAt, 'deletedAt', true);
  }
}

/** `CollectiveHistory` as an underscored table name starts: `collective`. */
/**
 * The column of an embedded class's property, as TypeORM's naming strategies name it: the default
 * one `camelCase(prefixes.join('_')) + titleCase(name)` (TypeORM's titleCase lowers the rest:
 * `countryCode` under `geo` is `geoCountrycode`), SnakeNamingStrategy `snake(prefixes…_name)`.
 * The property's own `name` is prefixed too.
 */
function embeddedColumnName(decl: OrmColumnDecl, prefixes: string[], snake: boolean): string {
  const own = decl.name ?? decl.property ?? '';
  const present = prefixes.filter((p) => p !== '');
  if (!present.length) return snake ? snakeCase(own) : own;
  if (snake) return snakeCase([...present, own].join('_'));
  const camel = present.join('_').replace(/^([A-Z])|[\s\-_](\w)/g, (_, first: string | undefined, next: string | undefined) => (next ? next.toUpperCase() : first!.toLowerCase()));
  const title = own.replace(/\w\S*/g, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
  return camel + title;
}

function snakeHistory(model: string): string {
  return model.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The name Sequelize gives a model (`modelName`, evaluated), which names the keys of its associations. */
function sequelizeModelName(d: Draft): string {
  return d.entity.modelName ?? d.entity.name;
}

/** A join or closure table is in its entity's schema: set at run time where the entity's is. */
function atRunTime(table: Table): { schemaSetAtRunTime?: true } {
  return table.schemaSetAtRunTime ? { schemaSetAtRunTime: true } : {};
}

/**
 * The type a project's function makes of the type a column writes, where it looks it up in a table
 * of its module under a database-type condition (`isPgsql && t in pgTypeMapping ? pgTypeMapping[t] : t`):
 * the condition read for PostgreSQL, the table's entry for the type, else the type as written.
 * Undefined where any of it does not evaluate.
 */
function typeMappedBy(via: TypeVia, symbols: TsProjectSymbols): ColumnType | 'as written' | undefined {
  const mapping = symbols.mappedArgument(via.file, { name: via.name });
  if (!mapping || mapping.index !== 0) return undefined;
  // (A wrapper that maps only a type given: none given, TypeORM's own type stands.)
  if (via.argument === undefined) return 'as written';
  if (mapping.never) return 'as written';
  const conditions = mapping.when.map((w) => {
    const v = symbols.value(mapping.file, w.ref);
    return typeof v === 'boolean' ? v !== !!w.negated : undefined;
  });
  if (conditions.includes(undefined)) return undefined;
  if (conditions.includes(false)) return 'as written';
  // A type the table (written whole) does not have passes as it is where the function asks first
  // (`t in table`; else it hands TypeORM undefined); one it has, its entry.
  if (mapping.keys && !mapping.keys.includes(via.argument)) return mapping.checksKey ? 'as written' : undefined;
  const entry = mapping.keys ? symbols.value(mapping.file, { name: mapping.table, member: via.argument }) : undefined;
  return typeof entry === 'string' ? typeormType(entry, `${via.name}('${via.argument}')`, via.options ?? {}) : undefined;
}
