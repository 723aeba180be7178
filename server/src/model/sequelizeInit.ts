/**
 * Sequelize models whose `init` runs through a class of the project that overrides `static init`
 * (see parsers/typescript/sequelizeInit.ts): the options each override sets are applied to what the
 * model's own call gives, nearest class first — as JavaScript runs the `super.init` calls. An
 * override that does not read, or a base that is neither a class of the project nor Sequelize's
 * `Model`, makes what it may set Unknown: the table's name, the flags, and the names they decide.
 */
import type { OrmEntityDecl, OrmModelFacts, SequelizeFlag, SequelizeInitOverride } from '../facts/orm';
import type { TsProjectSymbols } from '../resolve/typescript/symbols';
import type { Location } from './source';
import { sequelizeField } from './sequelizeNaming';
import { unknownValue } from './unknown';

const FLAGS: SequelizeFlag[] = ['timestamps', 'paranoid', 'underscored', 'freezeTableName', 'underscoredAll'];
const BUILTIN: Record<SequelizeFlag, boolean> = { timestamps: true, paranoid: false, underscored: false, freezeTableName: false, underscoredAll: false };
const ORM_MODULE = /^(sequelize|sequelize-typescript|@sequelize\/core)(\/|$)/;

type Located = SequelizeInitOverride & { file: string };

export function withSequelizeInitOverrides(files: readonly OrmModelFacts[], symbols: TsProjectSymbols): readonly OrmModelFacts[] {
  if (!files.some((f) => f.orm === 'sequelize' && f.entities.some((e) => e.sequelizeInit))) return files;
  return files.map((f) => (f.orm !== 'sequelize' || !f.entities.some((e) => e.sequelizeInit) ? f
    : { ...f, entities: f.entities.map((e) => (e.sequelizeInit ? applied(e, chainOf(f.file, e, symbols)) : e)) }));
}

/** The overrides a model's `init` runs through, nearest first; `unknown`: where the chain is not read. */
function chainOf(file: string, e: OrmEntityDecl, symbols: TsProjectSymbols): { overrides: Located[]; unknown?: string } {
  const { overrides: local, next, baseUnread } = e.sequelizeInit!;
  const overrides: Located[] = [...local];
  if (baseUnread) return { overrides, unknown: `the model's class extends ${baseUnread}, whose init is not read` };
  let current = next ? { file, name: next } : undefined;
  for (let depth = 0; current && depth < 8; depth++) {
    const decl = symbols.classDeclaration(current.file, current.name);
    if (!decl) {
      const imported = symbols.importOf(current.file, current.name);
      // Sequelize's own Model (imported, required, or a name the project does not declare: `Model`).
      if ((imported && ORM_MODULE.test(imported.module)) || (!imported && current.name === 'Model')) return { overrides };
      return { overrides, unknown: `the model's class extends ${current.name}, ${imported ? `of ${imported.module}` : 'not found'}: its init is not read` };
    }
    if (decl.sequelizeInit) overrides.push({ ...decl.sequelizeInit, file: decl.file });
    if (decl.baseComputed) return decl.baseMember === 'Model' ? { overrides } : { overrides, unknown: `a class the model extends extends a class computed by code` };
    if (!decl.base) return { overrides };
    current = { file: decl.file, name: decl.base };
  }
  return current ? { overrides, unknown: 'the classes the model extends are not read to the end' } : { overrides };
}

function applied(e: OrmEntityDecl, chain: { overrides: Located[]; unknown?: string }): OrmEntityDecl {
  const { sequelizeInit: _, ...entity } = e;
  const out: OrmEntityDecl = { ...entity, sequelize: { ...e.sequelize! }, sequelizeExplicit: { ...e.sequelizeExplicit } };
  const incomplete = [...(e.incomplete ?? [])];
  let where: Location | undefined;
  let allUnknown = !!chain.unknown;
  // The options as the call gives them: what the model writes, key by key (null: written, Unknown).
  const options = new Map<string, boolean | string | null>();
  for (const k of FLAGS) if (e.sequelizeExplicit?.[k] !== undefined) options.set(k, e.sequelizeExplicit[k]!);
  for (const k of e.sequelizeUnknown ?? []) options.set(k, null);
  // …and what else it names: an override's options written before the model's do not replace them.
  if (e.tableName || e.tableNameUnknown) options.set('tableName', e.tableName ?? null);
  if (e.schema || e.schemaUnknown) options.set('schema', e.schema?.name ?? null);
  if (e.className || e.modelNameUnknown) options.set('modelName', e.modelNameUnknown ? null : e.name);
  for (const k of ['createdAt', 'updatedAt', 'deletedAt'] as const) if (e.sequelize?.[k] !== undefined) options.set(k, e.sequelize[k]!);
  const overridden = new Map<string, { value: boolean | string | null; at: Location }>();
  let nearestAdding = true;
  for (const override of chain.overrides) {
    const at: Location = { file: override.file, range: override.range };
    // (Columns it adds may be the key: no implicit `id` is added to an incomplete set of attributes.)
    // The attributes the nearest override adds are the reader's, when it could take them.
    if (override.attributesChanged || (override.addsAttributes && !(nearestAdding && e.sequelizeInit!.baseAttributes))) incomplete.push('attributes');
    if (override.addsAttributes || override.attributesChanged) nearestAdding = false;
    if (override.optionsUnread) {
      allUnknown = true;
      where = at;
      break;
    }
    if (override.dropsCallerOptions) {
      // (The model's own `tableName`, `schema`, … are dropped with them.)
      options.clear();
      delete out.tableName;
      delete out.schema;
      // (Without the model's `modelName`, the model is named after its class.)
      if (e.className) out.modelName = e.className;
    }
    const changes = (side: Record<string, boolean | string | null>, wins: boolean) => {
      for (const [k, v] of Object.entries(side)) {
        if (!wins && options.has(k)) continue;
        options.set(k, v);
        where = at;
        if (k === 'tableName' || k === 'schema' || k === 'modelName' || /^(createdAt|updatedAt|deletedAt)$/.test(k)) overridden.set(k, { value: v, at });
      }
    };
    changes(override.before, false);
    changes(override.after, true);
  }
  if (allUnknown) {
    const reason = chain.unknown ?? 'options set by an init the model\'s class overrides, not read';
    return {
      ...out,
      sequelizeUnknown: FLAGS,
      ...(out.tableName || out.tableNameUnknown ? {} : { tableNameUnknown: unknownValue(`table name depends on ${reason}`, where ?? e.location) }),
      incomplete: [...incomplete, `columns under ${reason}`],
    };
  }
  const unknownFlags: SequelizeFlag[] = [];
  out.sequelizeExplicit = {};
  delete out.sequelizeUnknown;
  for (const k of FLAGS) {
    const v = options.get(k);
    if (typeof v === 'boolean') out.sequelizeExplicit[k] = v;
    else if (v === null) unknownFlags.push(k);
    // (A flag no option sets is Sequelize's default, or the project's `define`, applied next.)
    out.sequelize![k] = typeof v === 'boolean' ? v : BUILTIN[k];
  }
  for (const [k, { value, at }] of overridden) {
    if (k === 'tableName') {
      if (typeof value === 'string') {
        out.tableName = value;
        delete out.tableNameUnknown;
      } else if (value === null) {
        delete out.tableName;
        out.tableNameUnknown = unknownValue('table name set by code in an init the model\'s class overrides', at);
      }
    } else if (k === 'schema') {
      if (typeof value === 'string') out.schema = { name: value, location: at };
      else if (value === null) out.schemaUnknown = unknownValue('schema set by code in an init the model\'s class overrides', at);
    } else if (k === 'modelName') {
      // `modelName: this.name` names the model after its class, a string after itself: the model's
      // name, which names its table (the class keeps naming it in the code); computed: Unknown.
      const named = value === '' ? e.className ?? e.name : value;
      if (typeof named === 'string') {
        if (named !== e.name) out.modelName = named;
        else delete out.modelName;
      } else if (!out.tableName) out.tableNameUnknown = unknownValue('model name set by code in an init the model\'s class overrides', at);
    } else if (typeof value === 'string' || value === false) out.sequelize![k as 'createdAt'] = value;
    else if (value === null) unknownFlags.push('timestamps');
  }
  if (unknownFlags.length) {
    out.sequelizeUnknown = [...new Set([...(out.sequelizeUnknown ?? []), ...unknownFlags])];
    if (!out.tableName && !out.tableNameUnknown) out.tableNameUnknown = unknownValue('table name depends on options set by code in an init the model\'s class overrides', where ?? e.location);
    // (The timestamps, and the names `underscored` decides, may be other columns.)
    incomplete.push('columns under options set by code in an init the model\'s class overrides');
  }
  // Columns named after their attribute, as `underscored` now says (Unknown: left out, the table incomplete).
  const underscoredKnown = !out.sequelizeUnknown?.includes('underscored');
  const name = (property: string) => sequelizeField(property, out.sequelize!.underscored);
  out.columns = e.columns.flatMap((c) => {
    if (!c.nameFromProperty || !c.property) return [c];
    if (underscoredKnown) return [{ ...c, name: name(c.property) }];
    if (sequelizeField(c.property, true) === c.property) return [c];
    incomplete.push(`column ${c.property}: name depends on options set by code in an init the model's class overrides`);
    return [];
  });
  out.indexes = e.indexes.map((i) => (i.fields && underscoredKnown ? { ...i, columns: i.fields.map(name) } : i));
  if (incomplete.length) out.incomplete = [...new Set(incomplete)];
  return out;
}
