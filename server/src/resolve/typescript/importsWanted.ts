/**
 * Which imports of a TypeORM/Sequelize file the model needs followed: the modules of its base
 * classes and relation targets, of the names written where literals go (an enum member as a
 * default, a constant as a table name) — and, in a module read only for such names (a barrel, a
 * constants file), its re-exports and the imports its constants refer to.
 */
import type { OrmColumnDecl, OrmModelFacts, OrmUnknown, ValueRef } from '../../facts/orm';
import { isUnknown } from '../../model/unknown';

const ORM_PACKAGES = /^(typeorm|sequelize|sequelize-typescript)(\/|$)/;

export function scriptImportsWanted(facts: OrmModelFacts): string[] {
  const symbols = facts.symbols;
  if (!symbols) return [];
  const names = new Set<string>();
  const modules = new Set<string>();
  const refNames = (r: ValueRef) => {
    if ('concat' in r) for (const p of r.concat) if (typeof p !== 'string') names.add(p.name);
    if ('name' in r) names.add(r.name);
  };
  const ref = (u: OrmUnknown | undefined) => {
    if (u?.ref) refNames(u.ref);
    for (const e of u?.arrayOf ?? []) if (typeof e === 'object') refNames(e);
  };
  const column = (c: OrmColumnDecl) => {
    ref(c.nameUnknown);
    if (isUnknown(c.serverDefault)) ref(c.serverDefault as OrmUnknown);
    if (isUnknown(c.nullable)) ref(c.nullable as OrmUnknown);
    for (const r of Object.values(c.typeSizes?.refs ?? {})) names.add(r.name);
    if (c.typeSizes?.typeRef) names.add(c.typeSizes.typeRef.name);
    if (c.typeSizes?.typeCall) names.add(c.typeSizes.typeCall.ref.name);
    if (c.optionsFrom) names.add(c.optionsFrom.call.name);
    if (c.designTypeRef) names.add(c.designTypeRef.ref.name);
    for (const d of c.importedDecorators ?? []) names.add(d.name);
    if (isUnknown(c.type)) for (const name of (c.type as OrmUnknown).sequelizeTypes?.names ?? []) names.add(name);
    // `DataTypes.STRING(NAME_MAX)` with `const { NAME_MAX } = require('../config/limits')`: the sizes' modules.
    if (isUnknown(c.type)) for (const a of (c.type as OrmUnknown).sequelizeSizes?.args ?? []) if (typeof a === 'object') refNames(a);
    if (c.reference?.targetModule) modules.add(c.reference.targetModule);
    // `references: { model: TABLES.USERS }` with TABLES required from a constants module.
    if (c.reference?.targetNameRef) refNames(c.reference.targetNameRef);
  };
  for (const e of facts.entities) {
    ref(e.tableNameUnknown);
    ref(e.schemaUnknown);
    ref(e.modelNameUnknown);
    if (e.base) names.add(e.base.name);
    // The module a model's decorators come from (a barrel): to confirm they are sequelize-typescript's.
    // (`st.Table`: the module of the namespace `st`.)
    if (e.decoratorVia) names.add(e.decoratorVia.split('.')[0]);
    // A decorator of the project's that may wrap @Table: its module, to see whether it does.
    if (e.tableWrapperCandidate) names.add(e.tableWrapperCandidate);
    // The class a Sequelize model's `init` runs through (its `static init` may set options).
    if (e.sequelizeInit?.next) names.add(e.sequelizeInit.next);
    e.columns.forEach(column);
    for (const c of e.customColumns ?? []) {
      column(c.column);
      names.add(c.decorator);
    }
    for (const j of e.junctions) {
      ref(j.nameUnknown);
      if (j.targetModule) modules.add(j.targetModule);
    }
  }
  // Association targets imported through a barrel (`import { User } from '../models'`).
  for (const a of facts.associations) if (a.targetModule) modules.add(a.targetModule);
  // Aliases, keys and join tables named by constants (`as: AVATAR_ALIAS`).
  for (const a of facts.associations) for (const r of Object.values(a.refs ?? {})) if (r) refNames(r);
  for (const n of facts.namingStrategies ?? []) if (n.className) names.add(n.className);
  // The function a decorator of this module passes a column's type through (`resolveDbType`).
  for (const w of Object.values(facts.decoratorWrappers ?? {})) if (w.typeVia?.file === facts.file) names.add(w.typeVia.name);
  // What a lookup function of this module needs true (`isPgsql` of the data source's module).
  for (const m of Object.values(symbols.mapsArgument ?? {})) for (const w of m.when) refNames(w.ref);
  // Columns and attributes spread from other modules (lent on a second reading).
  for (const l of facts.importedLiterals ?? []) names.add(l.ref.name);
  if (!facts.entities.length) {
    // A module read for its names: what it passes on.
    for (const r of symbols.reexports) modules.add(r.module);
    for (const v of Object.values(symbols.values)) if ('ref' in v) refNames(v.ref);
    for (const local of Object.values(symbols.exportAliases ?? {})) names.add(local);
    // The classes its classes extend, in turn (a base class of models read for what it declares).
    for (const c of Object.values(symbols.classes ?? {})) if (c.base) names.add(c.base);
  }
  // A local constant that names an import (`const { MAX_NAME } = limits`, `const T = Tables`): that import too.
  for (const name of names) {
    const local = symbols.values[name];
    if (local && 'ref' in local) refNames(local.ref);
  }
  for (const [local, imported] of Object.entries(symbols.imports)) if (names.has(local)) modules.add(imported.module);
  // The ORMs' own modules declare nothing of the project's schema.
  return [...modules].filter((m) => !ORM_PACKAGES.test(m));
}
