/**
 * Sequelize models read with the TypeScript compiler API: `Model.init(attributes, options)`,
 * `sequelize.define(name, attributes, options)` (also inside the sequelize-cli factory
 * `module.exports = (sequelize, DataTypes) => …`), and sequelize-typescript's `@Table`/`@Column`/
 * `@ForeignKey`. Attributes give types, `allowNull`, `primaryKey`, `unique`, `field`, and
 * `references: { model, key }` (a table name or `{ tableName, schema }`); options give `tableName`,
 * `schema`, `underscored`, `timestamps`, `paranoid`, `freezeTableName` and `indexes`. Associations
 * (`belongsTo`, `hasOne`, `hasMany` with `foreignKey`) add foreign keys across files.
 */
import type * as TS from 'typescript';
import { designConstructor, isSequelizeTypeName, ormStringDefault, sequelizeDesignType, sequelizeType } from '../../model/ormTypes';
import { isUnknown, type Unknown, unknownValue } from '../../model/unknown';
import { normaliseType } from '../../model/types';
import type { ColumnType } from '../../model/schema';
import type { OrmAssociation, OrmColumnDecl, OrmIndexDecl, OrmUnknown, OrmEntityDecl, OrmModelFacts, ProvidedLiteral, SequelizeDefine, SequelizeFlag, ValueRef } from '../../facts/orm';
import { SEQUELIZE_TYPESCRIPT_MODULE } from '../../facts/orm';
import { fileOf, lentLiteral, lentMember, withLentLiterals } from './lentLiterals';
import { boundParameters, boundValue, isNothing, literalEntries, literalText, resolved, truthValue, unbindParameters } from './expressionValues';
import { baseClassName, decoratorNamespace, flagValue, namespaceImportsOf, isUndefined, jsonValue, computedBaseClass, mixinApplication, mixinOf, dottedParts, designTypeRef, importsOf, booleanValue, decoratorsOf, lastName, noteOrmImports, numberValue, objectProps, returnedExpression, stringArray, stringValue, throughConstant, ts, TsFile, unwrap, withoutTypeAssertions, type DecoratorInfo } from './syntax';
import { nameRefOf, readModuleSymbols, unknownBoolean, unknownName, valueRefOf } from './moduleSymbols';
import { createdIndexDecorators, indexFieldOpclass, indexShape } from './sequelizeIndexes';
import { initAttributes, sequelizeInitOverride, staticInit, throughMethodConstant } from './sequelizeInit';
import { readDatabaseSettings, readSearchPath } from './databaseSettings';
import { postgresExpression } from './databaseBranch';
import { tableWrappersOf } from './sequelizeTableWrappers';
import { SpreadKeys } from './spreadKeys';
import { locationOf, type Location } from '../../model/source';

const ASSOCIATIONS = new Set(['belongsTo', 'hasOne', 'hasMany', 'belongsToMany']);

/** Property decorators of sequelize-typescript that declare a column: a class with one is a model or a base of models. */
const MODEL_PROPERTY_DECORATORS = new Set(['Column', 'CreatedAt', 'UpdatedAt', 'DeletedAt', 'PrimaryKey', 'Attribute']);

/** Sequelize 7's own decorators (`@Attribute`, `@NotNull` of `@sequelize/core/decorators-legacy`). */
const SEQUELIZE7 = /^@sequelize\/core(\/|$)/;

/**
 * The decorator that makes a class a sequelize-typescript model (`Table`, else the first column
 * decorator it applies), when the file does not take it from sequelize-typescript itself (a barrel of
 * the project, a path alias, a declaration of its own): the name to confirm through the module it
 * comes from. Undefined when it is sequelize-typescript's, by its name or renamed.
 */
function decoratorTakenFromProject(cls: TS.ClassDeclaration, imports: Map<string, { module: string; name: string }>): string | undefined {
  const applies = (name: string) => cls.members.flatMap((m) => decoratorsOf(m)).find((d) => d.name === name);
  const decorator = decoratorsOf(cls).find((d) => d.name === 'Table')
    ?? [...MODEL_PROPERTY_DECORATORS].map(applies).find((d) => d !== undefined);
  if (!decorator) return undefined;
  const applied = decorator.name;
  // Through a namespace (`import * as st from "sequelize-typescript"`, `@st.Table`): the module it
  // names says whose decorator it is; one of the project's is followed as `st.Table`.
  const namespace = decoratorNamespace(decorator);
  const namespaceModule = namespace === undefined ? undefined : namespaceImportsOf(cls.getSourceFile()).get(namespace);
  if (namespaceModule !== undefined) {
    return SEQUELIZE_TYPESCRIPT_MODULE.test(namespaceModule) || SEQUELIZE7.test(namespaceModule) ? undefined : `${namespace}.${applied}`;
  }
  // (Renamed on import: `import { Table as Model_ }`.)
  if ([...imports.values()].some((i) => i.name === applied && (SEQUELIZE_TYPESCRIPT_MODULE.test(i.module) || SEQUELIZE7.test(i.module)))) return undefined;
  const local = imports.get(applied);
  if (local && (SEQUELIZE_TYPESCRIPT_MODULE.test(local.module) || SEQUELIZE7.test(local.module))) return undefined;
  return applied;
}

export function readSequelizeModels(file: string, text: string, provided?: Record<string, ProvidedLiteral>): OrmModelFacts {
  const src = new TsFile(file, text);
  const facts: OrmModelFacts = { file, orm: 'sequelize', entities: [], associations: [], schemasCreated: [] };
  return withLentLiterals(src, facts, provided, () => readModelsOf(src, facts));
}

function readModelsOf(src: TsFile, facts: OrmModelFacts): OrmModelFacts {
  const t = ts();
  const file = src.file;
  if (/(^|[\\/])package\.json$/.test(file)) {
    readLegacySequelize(src, facts);
    return facts;
  }
  noteOrmImports(src.sf, SEQUELIZE_TYPESCRIPT_MODULE);
  facts.symbols = readModuleSymbols(src);
  const variables = new Map<string, string>(); // variable or class → model name
  const imports = importsOf(src.sf);
  const tableWrappers = tableWrappersOf(src, imports);
  if (tableWrappers) facts.tableWrappers = tableWrappers;
  // `sequelize.define(NAME, …)`: a literal, or a constant of this module; else the text as written.
  const constantName = (e: TS.Expression): { name: string; known: boolean } | undefined => {
    const literal = stringValue(e);
    if (literal) return { name: literal, known: true };
    const own = t.isIdentifier(e) ? facts.symbols?.values[e.text] : undefined;
    if (own && 'value' in own && typeof own.value === 'string') return { name: own.value, known: true };
    return t.isIdentifier(e) || t.isPropertyAccessExpression(e) || t.isTemplateExpression(e) || t.isBinaryExpression(e) ? { name: e.getText(src.sf), known: false } : undefined;
  };
  const temporal = [...imports].filter(([, i]) => i.module === 'sequelize-temporal').map(([local]) => local);
  // `const Temporal = require("sequelize-temporal")`.
  for (const stmt of src.sf.statements) {
    if (!t.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      const init = d.initializer;
      if (t.isIdentifier(d.name) && init && t.isCallExpression(init) && t.isIdentifier(init.expression) && init.expression.text === 'require'
        && stringValue(init.arguments[0]) === 'sequelize-temporal') temporal.push(d.name.text);
    }
  }
  const defines: SequelizeDefine[] = [];
  // `Model.removeAttribute('id')` calls, by the name the model is held under.
  const removals: { holder: string; attribute: string }[] = [];
  // Names (`Task`, `db.tasks`) bound to what a relative module's exported function returns: its model.
  const factories = new Map<string, string>();
  const required = requiredNames(src.sf);
  // (Looked for only in a module that calls a `sync`: the one question they answer.)
  const instances = /\.\s*sync\s*\(/.test(src.sf.text) ? sequelizeInstancesOf(src) : new Set<string>();
  // A Sequelize instance: named so (`sequelize`, `db.sequelize`), Egg.js's `app.model` (egg-sequelize's
  // instance), or, under any name, one this module makes (`new Sequelize(…)`) or defines models with
  // (`connection.define('Shelf', …)`).
  const isSequelizeInstance = (e: TS.Expression): boolean => {
    const text = e.getText(src.sf);
    return /sequelize$/i.test(text) || /(?:^|\.)app\.model$/.test(text) || instances.has(text);
  };
  const instanceModules: { module: string; at: TS.Node }[] = [];
  const instanceFrom = (name: TS.Identifier) => {
    const imported = imports.get(name.text);
    const module = imported?.module ?? required.get(name.text);
    if (module?.startsWith('.') && !instanceModules.some((m) => m.module === module)) instanceModules.push({ module, at: name });
  };
  const visit = (node: TS.Node) => {
    // `sequelize.sync()`, `db.sequelize.sync({ alter: true })` run whenever this code runs: unless a
    // condition guards it (`if (dev) await sequelize.sync()`), the schema follows the models at startup.
    if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'sync'
      && isSequelizeInstance(node.expression.expression) && !guardedByCondition(node)) {
      (facts.syncsSchema ??= []).push(src.location(node));
      // `{ alter: true }` (or `{ alter: { drop: false } }`) changes the tables to follow the models; `{ force: true }` makes them anew.
      const options = objectProps(node.arguments[0]);
      const alter = options?.get('alter');
      const force = options?.get('force');
      if ((alter && (booleanValue(unwrap(alter)) === true || ts().isObjectLiteralExpression(unwrap(alter)))) || (force && booleanValue(unwrap(force)) === true)) {
        (facts.altersSchema ??= []).push(src.location(node));
      }
    }
    // NestJS's `SequelizeModule.forRoot({ autoLoadModels: true, … })`: @nestjs/sequelize syncs the
    // models it loads when the application starts, unless `synchronize: false` (`sync: { alter: true }`
    // alters the tables too). Options it is not written in (a factory's, a constant's) are not read.
    if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && ['forRoot', 'forRootAsync'].includes(node.expression.name.text)
      && lastName(node.expression.expression) === 'SequelizeModule' && !guardedByCondition(node)) {
      // (The module makes the application's instance, with the options given: its `define` among them.)
      facts.sequelizeInstance = true;
      const given = objectProps(node.arguments[0]);
      const factory = node.expression.name.text === 'forRootAsync' ? given?.get('useFactory') : undefined;
      const returned = factory && (ts().isArrowFunction(factory) || ts().isFunctionExpression(factory)) ? returnedExpression(factory) : undefined;
      const options = node.expression.name.text === 'forRootAsync' ? objectProps(returned && unwrap(returned)) : given;
      const written = node.expression.name.text === 'forRootAsync' ? returned && unwrap(returned) : node.arguments[0] && unwrap(node.arguments[0]);
      // (Options spread from elsewhere — `...databaseConfig` — may turn it off: not said.)
      const spread = !!written && ts().isObjectLiteralExpression(written) && written.properties.some((p) => ts().isSpreadAssignment(p));
      const autoLoad = options && booleanValue(options.get('autoLoadModels'));
      const synchronize = options?.has('synchronize') ? booleanValue(options.get('synchronize')) : spread ? undefined : true;
      if (autoLoad === true && synchronize === true) {
        (facts.syncsSchema ??= []).push(src.location(node));
        const sync = objectProps(options!.get('sync'));
        const alter = sync?.get('alter');
        const force = sync?.get('force');
        if ((alter && (booleanValue(unwrap(alter)) === true || ts().isObjectLiteralExpression(unwrap(alter)))) || (force && booleanValue(unwrap(force)) === true)) {
          (facts.altersSchema ??= []).push(src.location(node));
        }
      }
    }
    if (temporal.length && t.isCallExpression(node) && t.isIdentifier(node.expression) && temporal.includes(node.expression.text) && node.arguments[0]) {
      const model = node.arguments[0];
      if (t.isIdentifier(model)) (facts.historyOf ??= []).push({ model: model.text, location: src.location(node) });
    }
    // The models handed to the instance in their order: `addModels([User, Post])`, `models: [User, Post]`
    // (a list of names only: a path or a spread leaves the order to what the files are).
    const modelList = t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'addModels' ? node.arguments[0]
      : t.isPropertyAssignment(node) && propertyName(node) === 'models' ? node.initializer : undefined;
    if (modelList && t.isArrayLiteralExpression(modelList) && modelList.elements.length > 1 && modelList.elements.every((e) => t.isIdentifier(e))) {
      (facts.sequelizeModelOrder ??= []).push(modelList.elements.map((e) => {
        const name = (e as TS.Identifier).text;
        const imported = imports.get(name);
        return imported ? { name: imported.name !== 'default' ? imported.name : name, module: imported.module } : { name };
      }));
    }
    // (`import sequelize from 'sequelize'; new sequelize(…)`: the class under the name the file imports it as.)
    // (`const db = require('sequelize'); new db(…)` too.)
    const importedClass = t.isNewExpression(node) && t.isIdentifier(node.expression) ? imports.get(node.expression.text) : undefined;
    const requiredClass = t.isNewExpression(node) && t.isIdentifier(node.expression) && required.get(node.expression.text) === 'sequelize';
    if (t.isNewExpression(node) && (lastName(node.expression) === 'Sequelize' || requiredClass
      || (importedClass?.module === 'sequelize' && (importedClass.name === 'default' || importedClass.name === 'Sequelize')))) {
      facts.sequelizeInstance = true;
      const define = readDefine(src, node, imports);
      if (define) defines.push(define);
    } else if (t.isPropertyAssignment(node) && propertyName(node) === 'define') {
      // A configuration the instance is made from (sequelize-cli's `{ development: { define: … } }`,
      // a config module): its `define` sets the options of every model too — written there, or a
      // constant of the module (`define: sharedDefine`).
      const value = t.isIdentifier(node.initializer) ? declarationOf(src, node.initializer) : node.initializer;
      if (value && isModelOptions(value)) defines.push(defineOf(src, value));
    } else if (t.isShorthandPropertyAssignment(node) && node.name.text === 'define') {
      // `{ dialect, define }`: the module's constant of that name.
      const value = declarationOf(src, node.name);
      if (value && isModelOptions(value)) defines.push(defineOf(src, value));
    }
    if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression;
      const removed = method === 'removeAttribute' && t.isIdentifier(receiver) ? stringValue(node.arguments[0]) : undefined;
      if (removed !== undefined) removals.push({ holder: (receiver as TS.Identifier).text, attribute: removed });
      const modelName = method === 'define' && node.arguments.length >= 2 ? constantName(node.arguments[0]) : undefined;
      // The instance the model is defined on, imported from a module of the project (`import sequelize
      // from "../db/sequelize.js"`): its options (`define`) are that module's.
      if (modelName && t.isIdentifier(receiver)) instanceFrom(receiver);
      if (modelName) {
        // The attributes written in the call, or in a constant of the module (`define('x', xAttributes, …)`).
        const entity = readModel(src, modelName.name, localObject(src, node.arguments[1]) ?? node.arguments[1], node.arguments[2], node);
        // A model name of another module (or computed): the table it names is Unknown unless the
        // options name it — never a guess, and never a model overlooked (its table is not unmodeled).
        // A name of another module (`define(projectDefinition.tableName, …)`) is evaluated by the
        // resolution layer, and the table named after it by the project's options as any model's.
        if (!modelName.known && !entity.tableName && !entity.tableNameUnknown) {
          const unknown = unknownName('model name computed by code or given by another module', src.location(node.arguments[0]), node.arguments[0]);
          if (unknown.ref) {
            entity.modelNameUnknown = unknown;
            entity.namedByModelName = true;
          }
          else entity.tableNameUnknown = unknown;
        }
        const holder = node.parent && t.isVariableDeclaration(node.parent) && t.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
        // `export const User = sequelize.define('users', …)`: other modules import the model by that name.
        if (holder && holder !== entity.name) entity.className = holder;
        facts.entities.push(entity);
        if (holder) variables.set(holder, entity.name);
      } else if (method === 'init' && t.isIdentifier(receiver) && node.arguments[0] && (localObject(src, node.arguments[0]) || givenSequelize(node.arguments[1]))) {
        const given = objectProps(node.arguments[1])?.get('sequelize');
        if (given && t.isIdentifier(unwrap(given))) instanceFrom(unwrap(given) as TS.Identifier);
        // `Cart.init({ … }, options)`, or the attributes in a constant of the module (`Cart.init(attributes as ModelAttributes, …)`)
        // or of another (`User.init(userSchemaFields, { sequelize, … })`: lent, else a model whose attributes are Unknown).
        const options = initOptions(node.arguments[1]);
        const name = stringValue(options?.get('modelName')) ?? receiver.text;
        const chain = initClassesOf(src, receiver.text, true, receiver);
        const added = baseInitAttributes(chain);
        const entity = readModel(src, name, localObject(src, node.arguments[0]) ?? node.arguments[0], node.arguments[1], node, added);
        modelNameByCode(entity, options?.get('modelName'));
        if (name !== receiver.text) entity.className = receiver.text;
        withInitChain(src, entity, chain);
        if (added && entity.sequelizeInit) entity.sequelizeInit.baseAttributes = true;
        facts.entities.push(entity);
        variables.set(receiver.text, name);
      } else if (method === 'init' && node.arguments[0] && (localObject(src, node.arguments[0]) || givenSequelize(node.arguments[1])) && initialisedClass(node)
        && !handsOnParameter(node)) {
        // `static init(sequelize) { super.init({ … }, { sequelize, modelName }) }` (or `this.init(…)`):
        // the class initialises itself, as Sequelize's documentation writes models as ES classes.
        const cls = initialisedClass(node)!;
        const options = objectProps(node.arguments[1]);
        const name = stringValue(options?.get('modelName')) ?? cls;
        const entity = readModel(src, name, localObject(src, node.arguments[0]) ?? node.arguments[0], node.arguments[1], node);
        modelNameByCode(entity, options?.get('modelName'));
        if (name !== cls) entity.className = cls;
        // `super.init(…)` runs the base's `init`; `this.init(…)` the class's own, unless it is that `init`.
        const inOwnInit = enclosingMethodName(node) === 'init';
        withInitChain(src, entity, initClassesOf(src, cls, receiver.kind === t.SyntaxKind.ThisKeyword && !inOwnInit));
        facts.entities.push(entity);
        variables.set(cls, name);
      } else if (ASSOCIATIONS.has(method) && node.arguments[0]) {
        // `this.belongsTo(…)` in a model class's `static associate(models)`: the class is the source.
        const source = t.isIdentifier(receiver) ? receiver.text : t.isPropertyAccessExpression(receiver) ? receiver.name.text
          : receiver.kind === t.SyntaxKind.ThisKeyword ? initialisedClass(node) : undefined;
        // (A target this reader cannot name — `models[kind]`, a call — is kept as written: no model
        // of that name is read, so the key it adds is Unknown where it lands, never silently absent.)
        const target = associationTarget(node.arguments[0]) ?? node.arguments[0].getText(src.sf);
        if (source && target) {
          const association: OrmAssociation = { source, kind: method as OrmAssociation['kind'], target, location: src.location(node) };
          readAssociationOptions(src, association, node.arguments[1]);
          facts.associations.push(association);
          // (`db.tasks.hasMany(db.comments)`: the models as the file's factories made them, below.)
          const made = (e: TS.Expression) => factories.get(dottedText(e) ?? '');
          const sourceModule = made(receiver);
          const targetModule = made(node.arguments[0]);
          if (sourceModule) association.sourceModule = sourceModule;
          if (targetModule) association.targetModule = targetModule;
        }
      }
    }
    if (t.isCallExpression(node) && t.isBinaryExpression(node.parent) && node.parent.right === node && node.parent.operatorToken.kind === t.SyntaxKind.EqualsToken) {
      // `db.tasks = require('./task.model')(sequelize, DataTypes)`: the model that module's function defines.
      const module = factoryModule(node, imports, required);
      const holder = dottedText(node.parent.left);
      if (module && holder) factories.set(holder, module);
      // (`db.User = require('./user')(…)`, `db` then handed to every model's `associate(db)`: `models.User`
      // is the model that module's function makes, whatever its modelName.)
      const key = holder?.split('.');
      if (module && key?.length === 2) (facts.modelsByKey ??= {})[key[1]] = module;
    } else if (t.isCallExpression(node) && t.isVariableDeclaration(node.parent) && node.parent.initializer === node && t.isIdentifier(node.parent.name)) {
      // `const Task = require('./task.model')(sequelize, DataTypes)`, `const User = defineUser(sequelize)`.
      const module = factoryModule(node, imports, required);
      if (module) factories.set(node.parent.name.text, module);
    } else if (t.isCallExpression(node) && t.isPropertyAssignment(node.parent) && node.parent.initializer === node && (t.isIdentifier(node.parent.name) || t.isStringLiteral(node.parent.name))) {
      // `const models = { Pod: PodModel(sequelize, Sequelize) }`, handed to every model's `associate(models)`:
      // `models.Pod` in any model's module is the model that module's function defines.
      const module = factoryModule(node, imports, required);
      if (module) (facts.modelsByKey ??= {})[node.parent.name.text] = module;
    } else if (t.isClassDeclaration(node) && node.name && !(decoratorsOf(node).some((d) => d.name === 'Table') && !node.heritageClauses?.length) &&
      (decoratorsOf(node).some((d) => d.name === 'Table') || node.members.some((m) => isAttributeMember(m) && decoratorsOf(m).some((d) => MODEL_PROPERTY_DECORATORS.has(d.name)))
        // A mixin's class (`function DeleteMixin(superclass) { abstract class C extends superclass { static … } return C }`),
        // attributes or none: what it adds to the class each application extends.
        || !!mixinOf(node))) {
      // (A @Table class that extends nothing is no model: sequelize-typescript initialises a model
      // through the Model it extends, and cannot add one that has no Model.init.)
      const entity = readDecoratedModel(src, node, facts.associations, imports);
      const via = decoratorTakenFromProject(node, imports);
      if (via) entity.decoratorVia = via;
      // A class with @Column properties and no @Table (IdModel, ParanoidModel): a base its models extend.
      // Sequelize 7 needs no @Table: a class with attributes is a model once the instance is given it
      // (`new Sequelize({ models: [Tag] })`) — whether it has a table is Unknown here; an abstract one is a base.
      const abstract = node.modifiers?.some((m) => m.kind === t.SyntaxKind.AbstractKeyword);
      if (!decoratorsOf(node).some((d) => d.name === 'Table')) {
        if (isSequelize7(imports) && !abstract) entity.existenceUnknown = `whether ${entity.name} has a table: Sequelize 7 makes one for a model class only where the instance is given it (\`models: [...]\`)`;
        else entity.abstractBase = true;
      }
      const mixin = mixinOf(node);
      if (mixin) {
        // A mixin's class: its base is what each application gives (see withInheritedColumns).
        entity.name = `${mixin.fn}()`;
        entity.mixin = { parameter: mixin.parameter };
        entity.abstractBase = true;
        delete entity.existenceUnknown;
      } else {
        const base = baseClassName(node);
        if (base && base !== 'Model') entity.base = { name: base, ...(imports.get(base) ? { module: imports.get(base)!.module } : {}) };
        // `extends DeleteMixin(Model)`: the class a mixin of the project makes of that base; any
        // other computed base leaves the attributes it adds Unknown.
        const computed = computedBaseClass(node);
        const heritage = node.heritageClauses?.find((h) => h.token === t.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        const applied = computed && heritage ? mixinApplication(heritage) : undefined;
        if (applied) entity.base = { name: computed!, applied };
        else if (computed) (entity.incomplete ??= []).push(`columns of the base class ${computed}`);
      }
      facts.entities.push(entity);
    }
    t.forEachChild(node, visit);
  };
  visit(src.sf);
  // One file may configure several environments: they agree, or what the models get is Unknown.
  if (defines.length) {
    const same = defines.every((d) => !d.unread && JSON.stringify([d.flags, d.schema]) === JSON.stringify([defines[0].flags, defines[0].schema]));
    facts.sequelizeDefine = same ? defines[0] : { flags: {}, unread: true, location: (defines.find((d) => d.unread) ?? defines[1] ?? defines[0]).location };
  } else if (instanceModules.length === 1) {
    // Models defined on an instance another module makes: that module's options are the models' —
    // read there, or Unknown where the workspace lacks the module (a file kept out of the repository).
    facts.sequelizeDefine = { flags: {}, optionsModule: instanceModules[0].module, location: src.location(instanceModules[0].at) };
  }
  // An attribute taken off a model of this module: no column (and, for `id`, no implicit key).
  for (const { holder, attribute } of removals) {
    const model = variables.get(holder);
    const entity = model !== undefined ? facts.entities.find((e) => e.orm === 'sequelize' && e.name === model) : undefined;
    if (!entity) continue;
    (entity.removedAttributes ??= []).push(attribute);
    entity.columns = entity.columns.filter((c) => (c.property ?? c.name) !== attribute);
  }
  // Associations name variables and classes: give them the model names.
  for (const a of facts.associations) {
    // `import User from './user'; User.hasMany(…)`: the source as the file imports it.
    const imported = !a.sourceModule ? imports.get(a.source) : undefined;
    if (imported && !/^sequelize/.test(imported.module)) a.sourceModule = imported.module;
    a.source = variables.get(a.source) ?? a.source;
    a.target = variables.get(a.target) ?? a.target;
    // `through: BookAuthor`, the class of a model named `bookAuthor` (its modelName).
    if (a.through && !a.throughIsTableName) a.through = variables.get(a.through) ?? a.through;
  }
  // Sequelize 6 (and older) writes an index's fields as they are given — `indexes: [{ fields: ['userId'] }]`,
  // sequelize-typescript's `@Index` on `userId` — whatever column the attribute has: an index over
  // "userId", not "user_id" (its addIndexQuery maps nothing; Sequelize 7 maps attribute names).
  // Sequelize 7 camelises the keys it names with a lower-case first letter (`probePostId`, not `ProbePostId`).
  if (isSequelize7(imports)) for (const e of facts.entities) if (e.orm === 'sequelize') e.sequelize7 = true;
  if (!isSequelize7(imports)) {
    for (const e of facts.entities) {
      if (e.orm !== 'sequelize') continue;
      for (const i of e.indexes) {
        if (!i.fields) continue;
        i.columns = [...i.fields];
        i.fieldsAreColumns = true;
        delete i.fields;
      }
    }
  }
  const databases = readDatabaseSettings(src, 'sequelize');
  if (databases.length) facts.databases = databases;
  const searchPath = readSearchPath(src);
  if (searchPath) facts.searchPath = searchPath;
  return facts;
}

/**
 * `DataTypes.STRING(20)`, `Sequelize.INTEGER`, `DataType.ENUM('a', 'b')`, `DataTypes.ARRAY(DataTypes.TEXT)`.
 * A type named by what a module of the project binds (`import { STRING } from '../db/dataTypes'`)
 * is Unknown here, carrying the type it is if that module binds the names to Sequelize's data types
 * (`const { STRING } = DataTypes; export { STRING }`): the resolution layer follows the import.
 */
export function readDataType(node: TS.Expression | undefined, src: TsFile): ColumnType | OrmUnknown | undefined {
  if (!node) return undefined;
  const lent = typeNamesLentIn(node, src);
  if (!lent.length) return readDataTypeAs(node, src, NONE_LENT);
  const reason = `type ${lent.join(', ')} given by a module of the project`;
  const type = readDataTypeAs(node, src, new Set(lent));
  if (isUnknown(type)) return type;
  return type ? { ...unknownValue(reason, src.location(node)), sequelizeTypes: { names: lent, type } } : unknownValue(reason, src.location(node));
}

const NONE_LENT: ReadonlySet<string> = new Set();

/** The data type names in a type expression that a module of the project binds (see typeNamesOf). */
function typeNamesLentIn(node: TS.Node, src: TsFile): string[] {
  const t = ts();
  const out = new Set<string>();
  const visit = (n: TS.Node): void => {
    // A bare name, or the callee of a call (`STRING(20)`), never a member's name (`DataTypes.STRING`).
    if (t.isIdentifier(n) && isSequelizeTypeName(n.text) && !(t.isPropertyAccessExpression(n.parent) && n.parent.name === n) && typeNamesOf(src).get(n.text) === false) out.add(n.text);
    t.forEachChild(n, visit);
  };
  visit(node);
  return [...out];
}

/** readDataType, with the names in `lent` taken as Sequelize's data types of those names. */
function readDataTypeAs(node: TS.Expression | undefined, src: TsFile, lent: ReadonlySet<string>): ColumnType | OrmUnknown | undefined {
  const t = ts();
  if (!node) return undefined;
  const n = unwrap(node);
  const written = n.getText(src.sf);
  // A type given as SQL text: `type: "UUID"`, `"TIMESTAMP WITH TIME ZONE"`, `"VARCHAR(255)"`.
  const text = stringValue(n);
  if (text !== undefined) return sqlTextType(text, written);
  // `STRING.BINARY`, `CHAR(4).BINARY`: Sequelize's postgres STRING and CHAR are BYTEA when binary.
  if (t.isPropertyAccessExpression(n) && n.name.text === 'BINARY') {
    const of = t.isCallExpression(n.expression) ? n.expression.expression : n.expression;
    const base = t.isPropertyAccessExpression(of) ? of.name.text : t.isIdentifier(of) ? of.text : undefined;
    if (base === 'STRING' || base === 'CHAR') return normaliseType('bytea', written);
  }
  // `DECIMAL(10, 2).UNSIGNED`, `INTEGER(11).ZEROFILL`: MySQL's attributes, which Sequelize's postgres
  // data types drop (with a warning): the type they qualify.
  if (t.isPropertyAccessExpression(n) && (n.name.text === 'UNSIGNED' || n.name.text === 'ZEROFILL') && (t.isCallExpression(n.expression) || t.isPropertyAccessExpression(n.expression) || t.isIdentifier(n.expression))) {
    return readDataTypeAs(n.expression, src, lent);
  }
  if (t.isPropertyAccessExpression(n)) {
    // DataTypes.STRING, or DataTypes.STRING.BINARY (a variant of STRING)
    const inner = t.isPropertyAccessExpression(n.expression) && /^[A-Z]+$/.test(n.expression.name.text) ? n.expression.name.text : n.name.text;
    if (inner === 'RANGE') return rangeType(undefined, written, src.location(n));
    // `DataTypes.NUMBER` (abstract: no dialect's SQL), `DataTypes.GEOMETRY` (PostGIS's): a data type
    // all the same, so only the type is Unknown — the attribute's nullability is what it writes.
    return sequelizeType(inner, written, []) ?? (/^[A-Z][A-Z0-9]*$/.test(inner) ? unknownValue(`data type ${written} (no PostgreSQL type, or an extension's, compared here)`, src.location(n)) : undefined);
  }
  // `STRING(20)`, and as a class, `new DataTypes.STRING(20)`: the same type.
  const call = t.isCallExpression(n) || t.isNewExpression(n) ? { expression: n.expression, arguments: n.arguments ?? ([] as readonly TS.Expression[]) } : undefined;
  // `STRING`, `STRING(20)`: a type by its bare name, as the file binds it.
  const bare = t.isIdentifier(n) ? n : call && t.isIdentifier(call.expression) ? call.expression : undefined;
  if (bare && isSequelizeTypeName(bare.text)) {
    const bound = lent.has(bare.text) || typeNamesOf(src).get(bare.text);
    if (bound === false || bound === undefined) return unknownValue(`type ${bare.text} given by ${bound === false ? 'a module of the project' : 'a name this file does not bind to Sequelize'}`, src.location(n));
    if (t.isIdentifier(n)) return bare.text === 'RANGE' ? rangeType(undefined, written, src.location(n)) : sequelizeType(bare.text, written, []);
  }
  if (call && (t.isPropertyAccessExpression(call.expression) || (t.isIdentifier(call.expression) && isSequelizeTypeName(call.expression.text)))) {
    const name = t.isPropertyAccessExpression(call.expression) ? call.expression.name.text : (call.expression as TS.Identifier).text;
    if (name === 'ARRAY') {
      const element = readDataTypeAs(call.arguments[0], src, lent);
      return isUnknown(element) ? element : sequelizeType('ARRAY', written, [], element);
    }
    if (name === 'RANGE') {
      const subtype = call.arguments[0] ? readDataTypeAs(call.arguments[0], src, lent) : undefined;
      if (isUnknown(subtype)) return subtype;
      return rangeType(subtype, written, src.location(n));
    }
    // `DataTypes.STRING(largeColumnLength)` with `const largeColumnLength = 5_000` in the file: that
    // number. `DataTypes.STRING(EMAIL_MAX)` of another module, or computed: the type is Unknown
    // (never the default size).
    // (A helper's parameter, read for a call: what the call gives it, or its default.)
    const values = call.arguments.map((a) => boundValue(a));
    const isOpaque = (a: TS.Expression) => numberValue(a) === undefined && booleanValue(a) === undefined && stringValue(a) === undefined && !t.isObjectLiteralExpression(a);
    const opaque = name !== 'ENUM' && values.find(isOpaque);
    if (opaque) {
      // Sizes that are names (`CONSTRAINTS.USERS.NAME.max`, of the module or imported): evaluated by
      // the resolution layer; Unknown until then, and where they do not evaluate to numbers.
      const args = values.map((a) => (isOpaque(a) ? valueRefOf(a) : numberValue(a)));
      const unknown = unknownValue('size computed by code', src.location(opaque));
      return args.every((a) => a !== undefined) ? { ...unknown, sequelizeSizes: { name, written, args: args as (number | ValueRef)[] } } : unknown;
    }
    // `STRING('20')`: Sequelize writes the size as given, `VARCHAR(20)` (a word, `TEXT('tiny')`, sizes nothing here).
    const size = (a: TS.Expression) => numberValue(a) ?? (/^\d+$/.test(stringValue(a) ?? '') ? Number(stringValue(a)) : undefined);
    const args = values.map(size).filter((x): x is number => x !== undefined);
    return sequelizeType(name, written, name === 'ENUM' ? [] : args);
  }
  return undefined;
}

/**
 * `DataTypes.RANGE(subtype)`: PostgreSQL's range of that subtype, as Sequelize's postgres RANGE
 * names it (INTEGER by default); a subtype it has no range for is Unknown.
 */
function rangeType(subtype: ColumnType | undefined, written: string, location: Location): ColumnType | Unknown {
  const ranges: Record<string, string> = { integer: 'int4range', bigint: 'int8range', numeric: 'numrange', timestamptz: 'tstzrange', date: 'daterange' };
  const range = ranges[subtype?.name ?? 'integer'];
  return range ? normaliseType(range, written) : unknownValue(`a range of ${subtype?.written ?? 'a type'} Sequelize has no range for`, location);
}

const typeNames = new WeakMap<TS.SourceFile, Map<string, boolean>>();

/**
 * The data type names a file binds by themselves: imported from Sequelize (`import { STRING } from
 * 'sequelize'`) or taken from its `DataTypes` (`const { STRING, INTEGER } = DataTypes`, `= Sequelize`):
 * true; imported from a module of the project: false (what it exports is not read here).
 */
function typeNamesOf(src: TsFile): Map<string, boolean> {
  let names = typeNames.get(src.sf);
  if (names) return names;
  names = new Map();
  const t = ts();
  for (const [local, imported] of importsOf(src.sf)) {
    if (!isSequelizeTypeName(local)) continue;
    names.set(local, /^sequelize(-typescript)?$/.test(imported.module) && imported.name === local);
  }
  const fromDataTypes = (e: TS.Expression) => /^(?:[\w$]+\.)?(?:DataTypes?|Sequelize)$/.test(e.getText(src.sf));
  // Anywhere in the file: sequelize-cli's factory takes `DataTypes` as a parameter and destructures it inside.
  const visit = (node: TS.Node): void => {
    // `const { STRING } = require('../db/dataTypes')`: a module of the project's (`require('sequelize')`: the package's).
    const required = t.isVariableDeclaration(node) && t.isObjectBindingPattern(node.name) && node.initializer ? requiredModule(unwrap(node.initializer)) : undefined;
    if (required && t.isVariableDeclaration(node) && t.isObjectBindingPattern(node.name)) {
      for (const el of node.name.elements) {
        const original = el.propertyName && t.isIdentifier(el.propertyName) ? el.propertyName.text : t.isIdentifier(el.name) ? el.name.text : undefined;
        if (t.isIdentifier(el.name) && isSequelizeTypeName(el.name.text)) names!.set(el.name.text, /^sequelize(-typescript)?$/.test(required) && original === el.name.text);
      }
    } else if (t.isVariableDeclaration(node) && t.isObjectBindingPattern(node.name) && node.initializer && fromDataTypes(unwrap(node.initializer))) {
      for (const el of node.name.elements) {
        const original = el.propertyName && t.isIdentifier(el.propertyName) ? el.propertyName.text : t.isIdentifier(el.name) ? el.name.text : undefined;
        if (t.isIdentifier(el.name) && original === el.name.text && isSequelizeTypeName(original)) names!.set(original, true);
      }
    }
    // `(sequelize, { STRING, INTEGER }) => sequelize.define(…)`: a model factory takes Sequelize's
    // data types as its second parameter (sequelize-cli's and `sequelize.import`'s calling
    // convention), here destructured.
    if (t.isFunctionLike(node) && node.parameters.length >= 2 && t.isObjectBindingPattern(node.parameters[1].name) && t.isIdentifier(node.parameters[0].name) && definesOn(node, node.parameters[0].name.text)) {
      for (const el of node.parameters[1].name.elements) {
        const original = el.propertyName && t.isIdentifier(el.propertyName) ? el.propertyName.text : t.isIdentifier(el.name) ? el.name.text : undefined;
        if (t.isIdentifier(el.name) && original === el.name.text && isSequelizeTypeName(original)) names!.set(original, true);
      }
    }
    t.forEachChild(node, visit);
  };
  visit(src.sf);
  typeNames.set(src.sf, names);
  return names;
}

/** Whether a function calls `<instance>.define(…)` on the instance it is given (a model factory). */
function definesOn(fn: TS.SignatureDeclaration, instance: string): boolean {
  const t = ts();
  const body = (fn as TS.FunctionLikeDeclaration).body;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (t.isCallExpression(n) && t.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'define' && t.isIdentifier(n.expression.expression) && n.expression.expression.text === instance) found = true;
    else t.forEachChild(n, visit);
  };
  if (body) visit(body);
  return found;
}

/** `require('m')` → 'm'. */
function requiredModule(e: TS.Expression): string | undefined {
  const t = ts();
  return t.isCallExpression(e) && t.isIdentifier(e.expression) && e.expression.text === 'require' && t.isStringLiteral(e.arguments[0]) ? e.arguments[0].text : undefined;
}

/** A `defaultValue` written as a literal, as Sequelize writes it in SQL (a string quoted); undefined for anything else. */
/**
 * `Sequelize.fn('NOW')`, `sequelize.fn('gen_random_uuid')`, `Sequelize.literal('CURRENT_TIMESTAMP')`
 * (also `fn` and `literal` imported from sequelize): SQL that Sequelize writes as the column's
 * DEFAULT — the function called with its literal arguments, the literal's text. null for such a
 * call whose arguments are computed (Unknown); undefined for anything else.
 */
export function sqlFunctionDefault(def: TS.Expression | undefined, src: TsFile): string | null | undefined {
  const t = ts();
  const e = def && unwrap(def);
  if (!e || !t.isCallExpression(e)) return undefined;
  const parts = dottedParts(e.expression);
  const kind = parts?.[parts.length - 1];
  if (!parts || (kind !== 'fn' && kind !== 'literal')) return undefined;
  const owner = parts[parts.length - 2];
  const imported = parts.length === 1 ? importsOf(src.sf).get(kind) : undefined;
  const ofSequelize = owner ? /^(?:Sequelize|sequelize)$/.test(owner) : !!imported && /^sequelize(-typescript)?$/.test(imported.module) && imported.name === kind;
  if (!ofSequelize) return undefined;
  const [first, ...rest] = e.arguments;
  const name = stringValue(first);
  if (name === undefined) return null;
  if (kind === 'literal') return rest.length ? null : name;
  // Sequelize escapes the arguments: a string quoted, a number as it is.
  const args: string[] = [];
  for (const a of rest) {
    const text = stringValue(a);
    const n = numberValue(a);
    if (text !== undefined) args.push(`'${text.replace(/'/g, "''")}'`);
    else if (n !== undefined) args.push(String(n));
    else return null;
  }
  return /^[A-Za-z_][\w.]*$/.test(name) ? `${name}(${args.join(', ')})` : null;
}

export function literalDefault(def: TS.Expression | undefined): string | undefined {
  const s = stringValue(def);
  if (s !== undefined) return ormStringDefault(s);
  const n = numberValue(def);
  if (n !== undefined) return String(n);
  const b = booleanValue(def);
  if (b !== undefined) return String(b);
  // `defaultValue: null` is schemable (Sequelize's defaultValueSchemable): DEFAULT NULL.
  return def?.kind === ts().SyntaxKind.NullKeyword ? 'null' : undefined;
}

/** A PostgreSQL type written as text, as Sequelize passes it through; undefined when not a plain type name. */
function sqlTextType(text: string, written: string): ColumnType | undefined {
  // `type: '"enum_Transactions_payment_type"'`: a type of the database's own, named as quoted (its case kept).
  const quoted = /^\s*(?:"[^"]+"\s*\.\s*)?"([^"]+)"\s*(\[\])?\s*$/.exec(text);
  if (quoted) {
    const own = normaliseType(quoted[1], written);
    if (/[A-Z]/.test(quoted[1])) own.name = quoted[1];
    return quoted[2] ? normaliseType('array', written, { elementType: own }) : own;
  }
  const m = /^\s*([A-Za-z][A-Za-z0-9 ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*(\[\])?\s*$/.exec(text);
  if (!m) return undefined;
  const name = m[1].replace(/\s+/g, ' ').toLowerCase();
  const args = [m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
  const base = normaliseType(name, written, { args });
  return m[4] ? normaliseType('array', written, { elementType: base }) : base;
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function readModel(src: TsFile, name: string, attributes: TS.Expression | undefined, optionsNode: TS.Expression | undefined, at: TS.Node, added?: BaseAttributes): OrmEntityDecl {
  const t = ts();
  const entity: OrmEntityDecl = { orm: 'sequelize', name, location: src.location(at), columns: [], indexes: [], uniques: [], junctions: [] };
  const optionsRead = readModelOptions(src, entity, optionsNode);
  if (!attributes || !t.isObjectLiteralExpression(attributes)) {
    (entity.incomplete ??= []).push('attributes');
    return entity;
  }
  const own = attributeProperties(attributes, entity);
  for (const p of added ? withBaseAttributes(own, added, entity) : own) {
    if (isVirtual(p.initializer)) {
      const name = attributeKey(p).name ?? p.name.getText();
      (entity.virtualAttributes ??= []).push({ name, location: fileOf(p, src).location(p.name) });
      continue;
    }
    const key = attributeKey(p);
    const file = fileOf(p, src);
    const column = readAttribute(file, key.name ?? p.name.getText(), p.initializer, p.name, entity.sequelize!.underscored);
    // `[FULL_NAME]: { … }` with FULL_NAME another module's constant: the attribute (and the column
    // named after it) is what the resolution layer finds, or Unknown.
    // (Only the model's own module's names are resolved for it: a key of a literal another lends is Unknown.)
    if (key.unknown) {
      const unknown = file === src ? unknownName(key.unknown, file.location(p.name), (p.name as TS.ComputedPropertyName).expression) : unknownValue(key.unknown, file.location(p.name));
      column.propertyUnknown = { ...unknown, underscored: entity.sequelize!.underscored };
    }
    entity.columns.push(column);
  }
  columnNamesUnderUnknownOptions(entity, optionsRead);
  addUniqueKeys(entity);
  addIndexFixes(src, entity, optionsNode);
  return entity;
}

/** What readModelOptions found it could not read: the options' spread or value that does not evaluate, and the flags it may set. */
interface UnreadModelOptions {
  unread?: TS.Expression;
  spreadAt?: Location;
  unknownFlags: SequelizeFlag[];
  options: Map<string, TS.Expression> | undefined;
}

/**
 * A model's options (`define(name, attributes, options)`, `X.init(attributes, options)`,
 * `@Table(options)`) as JavaScript builds the object — written there, a constant of the module or
 * one another lends, spreads merged — read into the entity. Options given by, or spread from, what
 * does not evaluate (`...optionsFor(sequelize)` of a package): what it may set — a key no key
 * written after it settles — is Unknown: a flag, and with it the names it decides, the table's
 * name, its schema.
 */
function readModelOptions(src: TsFile, entity: OrmEntityDecl, optionsNode: TS.Expression | undefined): UnreadModelOptions {
  const { options, unread, unknown } = modelOptions(optionsNode);
  readOptions(src, entity, options);
  // `timestamps: flags.timestamps()`: a flag given by code is Unknown — never Sequelize's default —
  // and so are the columns and the table name it decides.
  const computed = SEQUELIZE_FLAGS.filter((f) => flagValue(options?.get(f)) === 'computed');
  if (computed.length) {
    const at = options!.get(computed[0])!;
    for (const f of computed) delete entity.sequelizeExplicit?.[f];
    entity.sequelizeUnknown = [...new Set([...(entity.sequelizeUnknown ?? []), ...computed])];
    (entity.incomplete ??= []).push(`columns under model options computed by code (${computed.join(', ')})`);
    if (!entity.tableName && !entity.tableNameUnknown && computed.some((f) => f === 'freezeTableName' || f === 'underscored' || f === 'underscoredAll')) {
      entity.tableNameUnknown = unknownValue('table name depends on model options computed by code', fileOf(at, src).location(at));
    }
  }
  const unknownFlags = unread ? SEQUELIZE_FLAGS.filter((f) => unknown(f)) : [];
  const spreadAt = unread && fileOf(unread, src).location(unread);
  if (unread && spreadAt) {
    for (const f of unknownFlags) delete entity.sequelizeExplicit?.[f];
    if (unknownFlags.length) {
      entity.sequelizeUnknown = unknownFlags;
      (entity.incomplete ??= []).push('columns under model options given by code');
    }
    if ((unknown('tableName') || (!entity.tableName && unknownFlags.some((f) => f === 'freezeTableName' || f === 'underscored' || f === 'underscoredAll'))) && !entity.tableNameUnknown) {
      delete entity.tableName;
      entity.tableNameUnknown = unknownName('table name depends on model options given by code', spreadAt, unread);
    }
    if (unknown('schema') && !entity.schemaUnknown) {
      delete entity.schema;
      entity.schemaUnknown = unknownName('schema depends on model options given by code', spreadAt, unread);
    }
  }
  return { unread, spreadAt, unknownFlags, options };
}

/** `underscored` Unknown: a camelCase attribute without a `field` is named `fooBar` or `foo_bar`. */
function columnNamesUnderUnknownOptions(entity: OrmEntityDecl, read: UnreadModelOptions): void {
  if (!read.unread || !read.spreadAt || !read.unknownFlags.includes('underscored')) return;
  for (const c of entity.columns) {
    if (c.nameFromProperty && c.property && snake(c.property) !== c.property) c.nameUnknown = unknownName('column name depends on model options given by code', read.spreadAt, read.unread);
  }
}

/** The attributes a class's `static init` puts around its subclasses' (see sequelizeInit.ts). */
interface BaseAttributes {
  literal: TS.ObjectLiteralExpression;
  /** The parameter whose spread stands for the model's own attributes. */
  param: string;
}

/**
 * The attributes the nearest `static init` a model's `X.init(…)` runs through adds around the
 * model's own (`{ id: …, ...attributes }`): of a class of this module, or lent by the module of the
 * class it extends; undefined when that `init` adds none (or is not read: Unknown in the resolution layer).
 */
function baseInitAttributes({ classes, end }: InitClasses): BaseAttributes | undefined {
  const t = ts();
  const nearest = classes.map(staticInit).find((m) => m);
  if (nearest) return initAttributes(nearest);
  if (end === 'model' || !('next' in end) || !end.node) return undefined;
  // A class of another module: the attributes its `init` adds, as that module lends them.
  const lent = lentMember(end.node, 'init.attributes');
  const literal = lent && unwrap(lent);
  if (!literal || !t.isObjectLiteralExpression(literal)) return undefined;
  const spread = literal.properties.find((p): p is TS.SpreadAssignment => t.isSpreadAssignment(p));
  const param = spread && t.isIdentifier(unwrap(spread.expression)) ? (unwrap(spread.expression) as TS.Identifier).text : undefined;
  return param ? { literal, param } : undefined;
}

/** The base's attributes, in order, with the model's own where the base spreads them (a later key replacing an earlier one). */
function withBaseAttributes(own: TS.PropertyAssignment[], added: BaseAttributes, entity: OrmEntityDecl): TS.PropertyAssignment[] {
  const t = ts();
  const byName = new Map<string, TS.PropertyAssignment>();
  const set = (p: TS.PropertyAssignment) => {
    const key = attributeSlot(p);
    byName.delete(key);
    byName.set(key, p);
  };
  for (const p of added.literal.properties) {
    if (t.isSpreadAssignment(p)) own.forEach(set);
    else if (t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name))) set(p);
    else (entity.incomplete ??= []).push('attributes');
  }
  return [...byName.values()];
}

/**
 * A model's attributes as JavaScript builds the object: its properties and the attributes spread
 * from constants of the file (`...timestamps`), a later key replacing an earlier one; a spread this
 * file does not declare (another module's, a function's) makes the attributes incomplete.
 */
function attributeProperties(attributes: TS.ObjectLiteralExpression, entity: OrmEntityDecl, depth = 0): TS.PropertyAssignment[] {
  const t = ts();
  const byName = new Map<string, TS.PropertyAssignment>();
  for (const p of attributes.properties) {
    if (t.isSpreadAssignment(p)) {
      // Another module's attributes (`...auditAttributes`), when the project lends them.
      const spread = spreadLiteral(p.expression);
      if (spread && depth < 4) {
        for (const inner of attributeProperties(spread, entity, depth + 1)) byName.set(attributeSlot(inner), inner);
      } else if (!entity.incomplete?.includes('attributes')) (entity.incomplete ??= []).push('attributes');
      continue;
    }
    if (!t.isPropertyAssignment(p)) continue;
    const key = attributeKey(p);
    // (A computed key no reader can name: an attribute of an Unknown name.)
    if (key.unknown && !valueRefOf(unwrap((p.name as TS.ComputedPropertyName).expression))) {
      if (!entity.incomplete?.includes('attributes')) (entity.incomplete ??= []).push('attributes');
      continue;
    }
    const slot = attributeSlot(p);
    byName.delete(slot);
    byName.set(slot, p);
  }
  return [...byName.values()];
}

/** Where an attribute goes in the object JavaScript builds: its name, or (computed elsewhere) its key as written. */
function attributeSlot(p: TS.PropertyAssignment): string {
  return attributeKey(p).name ?? `[${p.name.getText()}]`;
}

/**
 * An attribute's name: written (`fullName`, `'full_name'`), or computed from a constant of the file
 * (`[FULL_NAME]` with `const FULL_NAME = 'fullName'`); `unknown`: computed from a name the file does
 * not declare (another module's constant), for the resolution layer.
 */
function attributeKey(p: TS.PropertyAssignment): { name?: string; unknown?: string } {
  const t = ts();
  if (t.isIdentifier(p.name) || t.isStringLiteral(p.name) || t.isNumericLiteral(p.name)) return { name: p.name.text };
  if (t.isComputedPropertyName(p.name)) {
    const value = stringValue(p.name.expression);
    return value !== undefined ? { name: value } : { unknown: 'attribute name given by another module' };
  }
  return { unknown: 'attribute name computed by code' };
}

/** What a spread `...x` spreads, as an object literal: through constants, and literals other modules lend. */
function spreadLiteral(expression: TS.Expression): TS.ObjectLiteralExpression | undefined {
  const t = ts();
  // `...(isPostgres ? { schema: 'billing' } : {})`: what PostgreSQL's branch spreads.
  let spread = unwrap(postgresExpression(unwrap(expression)));
  for (let i = 0; i < 8 && spread !== unwrap(throughConstant(spread)); i++) spread = unwrap(throughConstant(spread));
  if (!t.isObjectLiteralExpression(spread)) spread = lentLiteral(spread) ?? spread;
  return t.isObjectLiteralExpression(spread) ? spread : undefined;
}

/**
 * Attributes that name the same `unique` key (`unique: 'org_email'`) share one composite unique
 * constraint of that name, in the order they are declared (Sequelize's `uniqueKeys`): a UNIQUE
 * constraint of the CREATE TABLE sync() writes, not an index created after it (so one over exactly
 * the primary key's columns is folded into the key, as PostgreSQL folds it).
 */
function addUniqueKeys(entity: OrmEntityDecl): void {
  const keys = new Map<string, OrmColumnDecl[]>();
  for (const c of entity.columns) {
    if (!c.uniqueKey) continue;
    const list = keys.get(c.uniqueKey);
    if (list) list.push(c);
    else keys.set(c.uniqueKey, [c]);
  }
  for (const [name, columns] of keys) {
    if (columns.some((c) => !c.name || c.nameUnknown)) continue;
    entity.uniques.push({ name, columns: columns.map((c) => c.name!), location: columns[0].location });
  }
}

/** Where an index on one column goes in Sequelize: an entry of the options' `indexes` (added if missing). */
function addIndexFixes(src: TsFile, entity: OrmEntityDecl, optionsNode: TS.Expression | undefined): void {
  const t = ts();
  if (!optionsNode || !t.isObjectLiteralExpression(optionsNode)) return;
  // (Only where the model writes them: a fix edits this file.)
  const indexes = objectProps(optionsNode)?.get('indexes');
  for (const column of entity.columns) {
    if (!column.name) continue;
    const entry = `{ fields: ['${column.name}'] }`;
    const title = `Add { fields: ['${column.name}'] } to the indexes of ${entity.name}`;
    if (indexes && t.isArrayLiteralExpression(indexes)) {
      const last = indexes.elements[indexes.elements.length - 1];
      column.indexFix = last
        ? { title, position: src.position(last.end), text: `, ${entry}` }
        : { title, position: src.position(indexes.getStart(src.sf) + 1), text: entry };
    } else if (!indexes) {
      const anchor = src.objectAnchor(optionsNode);
      column.indexFix = { title, position: anchor.position, text: anchor.hasArguments ? `, indexes: [${entry}]` : `indexes: [${entry}]` };
    }
  }
}

const SEQUELIZE_FLAGS: SequelizeFlag[] = ['timestamps', 'paranoid', 'underscored', 'freezeTableName', 'underscoredAll'];

/**
 * `new Sequelize(url, { define: { underscored: true, … } })` (or one options object, as
 * sequelize-typescript takes it): the model options every model of the project starts from.
 */
function readDefine(src: TsFile, node: TS.NewExpression, imports: ReturnType<typeof importsOf>): SequelizeDefine | undefined {
  const t = ts();
  let changed: TS.Node | undefined;
  /** `new Sequelize(databaseConfig)` of `import databaseConfig from '../config/database'` (or `require`): that module's. */
  let optionsModule: { module: string; at: TS.Node } | undefined;
  const options = [...(node.arguments ?? [])].reverse().map((a) => {
    if (!t.isIdentifier(a)) return objectProps(a);
    const imported = imports.get(a.text);
    if (imported?.module.startsWith('.')) optionsModule ??= { module: imported.module, at: a };
    // `const params = { define: {…} }; new Sequelize(url, params)`: the object the name is declared
    // with, unless the file assigns the name, or its `define`, anew (then what it holds is Unknown).
    const declared = declarationOf(src, a);
    if (!declared) return undefined;
    const required = requiredOptionsModule(declared);
    if (required?.startsWith('.')) optionsModule ??= { module: required, at: a };
    changed ??= reassignment(src, a.text);
    return objectProps(declared);
  }).find((o) => o?.has('define'));
  const define = options?.get('define');
  if (changed && !define) return { flags: {}, unread: true, location: src.location(changed) };
  // The options a module of the project holds: its `define` is read there (a module the workspace
  // lacks — a config kept out of the repository — leaves them Unknown, see withSequelizeDefine).
  if (!define && optionsModule) return { flags: {}, optionsModule: optionsModule.module, location: src.location(optionsModule.at) };
  if (!define) return undefined;
  if (changed) return { flags: {}, unread: true, location: src.location(changed) };
  // `define: conf.define` of `import conf from '../config/database.json'`: that module's, read there.
  const held = defineOfModule(define, imports);
  if (held) return { flags: {}, optionsModule: held, location: src.location(define) };
  return defineOf(src, define);
}

/** The project's module whose `define` a value reads (`conf.define`, `config.development.define`), if it is one. */
function defineOfModule(value: TS.Expression, imports: ReturnType<typeof importsOf>): string | undefined {
  const t = ts();
  const v = unwrap(value);
  if (!t.isPropertyAccessExpression(v) || v.name.text !== 'define') return undefined;
  let root: TS.Expression = v.expression;
  while (t.isPropertyAccessExpression(root)) root = root.expression;
  const module = t.isIdentifier(root) ? imports.get(root.text)?.module : undefined;
  return module?.startsWith('.') ? module : undefined;
}

/** The model options a `define` value sets: flags and schema, or Unknown where they are computed. */
function defineOf(src: TsFile, define: TS.Expression): SequelizeDefine {
  const props = objectProps(define);
  if (!props) return { flags: {}, unread: true, location: src.location(define) };
  const result: SequelizeDefine = { flags: {}, location: src.location(define) };
  for (const key of SEQUELIZE_FLAGS) {
    const v = props.get(key);
    if (v === undefined) continue;
    const b = booleanValue(v);
    if (b === undefined) result.unread = true;
    else result.flags[key] = b;
  }
  for (const key of ['createdAt', 'updatedAt', 'deletedAt'] as const) {
    const v = props.get(key);
    if (v === undefined) continue;
    const name = booleanValue(v) === false ? false : stringValue(v);
    if (name === undefined) result.unread = true;
    else (result.timestampNames ??= {})[key] = name;
  }
  const schema = props.get('schema');
  if (schema) {
    if (stringValue(schema)) result.schema = stringValue(schema);
    else result.unread = true;
  }
  return result;
}

function propertyName(p: TS.PropertyAssignment): string | undefined {
  const t = ts();
  return t.isIdentifier(p.name) || t.isStringLiteral(p.name) ? p.name.text : undefined;
}

/** An object of Sequelize model options (`{ underscored: true, … }`), not any object called `define`. */
function isModelOptions(value: TS.Expression): boolean {
  const props = objectProps(value);
  return !!props && [...SEQUELIZE_FLAGS, 'schema', 'createdAt', 'updatedAt', 'deletedAt'].some((k) => props.has(k));
}

/** The initializer of the `const`/`let` a name refers to, declared in this file before it; undefined when none. */
/** `require('../config/database')`, also `require(…)[env]` and `require(…).production`: the module required. */
function requiredOptionsModule(node: TS.Expression): string | undefined {
  const t = ts();
  let e = unwrap(node);
  while (t.isElementAccessExpression(e) || t.isPropertyAccessExpression(e)) e = unwrap(e.expression);
  return requiredModule(e);
}

function declarationOf(src: TsFile, name: TS.Identifier): TS.Expression | undefined {
  const t = ts();
  let found: TS.Expression | undefined;
  const visit = (n: TS.Node): void => {
    if (n.pos > name.pos) return;
    if (t.isVariableDeclaration(n) && t.isIdentifier(n.name) && n.name.text === name.text && n.initializer) found = n.initializer;
    t.forEachChild(n, visit);
  };
  visit(src.sf);
  return found;
}

/** Where the file assigns `name` anew, or its `define` (`name = …`, `name.define = …`). */
function reassignment(src: TsFile, name: string): TS.Node | undefined {
  const t = ts();
  let found: TS.Node | undefined;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (t.isBinaryExpression(n) && n.operatorToken.kind === t.SyntaxKind.EqualsToken) {
      const left = n.left;
      if ((t.isIdentifier(left) && left.text === name) || (t.isPropertyAccessExpression(left) && t.isIdentifier(left.expression) && left.expression.text === name && left.name.text === 'define')) found = n;
    }
    t.forEachChild(n, visit);
  };
  visit(src.sf);
  return found;
}

/**
 * A package.json's dependency on sequelize-typescript 0.x (`"=0.6.5"`, `"^0.6.3"`): see
 * OrmModelFacts.legacySequelizeTypescript; on Sequelize 4 or older (`"^4.19.0"`, `"~3.30"`), or on
 * sequelize-typescript 0.x (which runs on Sequelize 4): see OrmModelFacts.legacySequelize.
 */
function readLegacySequelize(src: TsFile, facts: OrmModelFacts): void {
  const t = ts();
  const manifest = src.sf.statements[0];
  const root = manifest && t.isExpressionStatement(manifest) && t.isObjectLiteralExpression(manifest.expression) ? manifest.expression : undefined;
  for (const section of root?.properties ?? []) {
    if (!t.isPropertyAssignment(section) || !t.isStringLiteral(section.name) || !/^(?:dev|peer)?[dD]ependencies$/.test(section.name.text)) continue;
    if (!t.isObjectLiteralExpression(section.initializer)) continue;
    for (const dep of section.initializer.properties) {
      if (!t.isPropertyAssignment(dep) || !t.isStringLiteral(dep.name) || !t.isStringLiteral(dep.initializer)) continue;
      const range = dep.initializer.text;
      // Every version the range admits is below the major named (`^0.6.3` stays below 0.7; `>=0.6` does not).
      if (dep.name.text === 'sequelize-typescript' && onlyMajors(range, [0])) {
        facts.legacySequelizeTypescript = { version: range, location: src.location(dep) };
        facts.legacySequelize ??= { version: `sequelize-typescript ${range}`, location: src.location(dep) };
      }
      if (dep.name.text === 'sequelize' && onlyMajors(range, [1, 2, 3, 4])) facts.legacySequelize = { version: range, location: src.location(dep) };
      if (dep.name.text === 'egg-sequelize') facts.eggSequelize = { location: src.location(dep) };
    }
  }
}

/** Whether every version a dependency's range admits has one of these majors (`^4.19.0`, `~4.38`, `=4.38.0`, `4.x`). */
function onlyMajors(range: string, majors: number[]): boolean {
  const m = /^[\^~=v\s]*(\d+)(?:\.[\dx*]+){0,2}(?:-[\w.]+)?$/.exec(range.trim());
  if (!m) return false;
  // `^0.6.3` admits 0.6.x only, `~4.38` 4.38.x: the major written is every version's.
  return majors.includes(Number(m[1]));
}

function readOptions(src: TsFile, entity: OrmEntityDecl, options: Map<string, TS.Expression> | undefined): void {
  const flag = (key: SequelizeFlag, fallback: boolean) => {
    const v = booleanValue(options?.get(key));
    if (v !== undefined) (entity.sequelizeExplicit ??= {})[key] = v;
    return v ?? fallback;
  };
  const named = (key: string): string | false | undefined => {
    const v = options?.get(key);
    return booleanValue(v) === false ? false : stringValue(v);
  };
  entity.sequelize = {
    timestamps: flag('timestamps', true), paranoid: flag('paranoid', false), underscored: flag('underscored', false),
    freezeTableName: flag('freezeTableName', false), underscoredAll: flag('underscoredAll', false),
  };
  for (const key of ['createdAt', 'updatedAt', 'deletedAt'] as const) {
    const v = named(key);
    if (v !== undefined) entity.sequelize[key] = v;
  }
  const version = options?.get('version');
  if (version && (booleanValue(version) === true || stringValue(version))) entity.sequelize.version = stringValue(version) ?? 'version';
  const tableNameNode = options?.get('tableName');
  const tableName = stringValue(tableNameNode);
  if (tableName) entity.tableName = tableName;
  else if (tableNameNode) entity.tableNameUnknown = unknownName('table name computed by code', fileOf(tableNameNode, src).location(tableNameNode), tableNameNode);
  const schema = options?.get('schema');
  if (schema && stringValue(schema)) entity.schema = { name: stringValue(schema)!, location: fileOf(schema, src).contentLocation(schema) };
  else if (schema) entity.schemaUnknown = unknownName('schema computed by code', fileOf(schema, src).location(schema), schema);
  const written = options?.get('indexes');
  // (`const indexes = [ … ]` in this module, then `indexes` or `indexes: indexes`: that array.)
  let indexes = written && unwrap(throughConstant(written));
  // (`indexes: LEDGER_INDEXES` of another module: the list it declares, lent on a second reading.)
  if (indexes && (ts().isIdentifier(indexes) || ts().isPropertyAccessExpression(indexes))) indexes = lentLiteral(indexes) ?? indexes;
  // `indexes: commonIndexes`, `indexes: buildIndexes(…)`: indexes there are, which ones is Unknown.
  if (indexes && !ts().isArrayLiteralExpression(indexes)) (entity.incomplete ??= []).push('indexes');
  if (indexes && ts().isArrayLiteralExpression(indexes)) {
    for (const element of indexes.elements) {
      // `buildTrigramSearchIndex('video_name_trigram', 'name')`: the object a helper of another
      // module returns, its parameters the literals the call gives (see lentLiteral).
      const entry = withoutTypeAssertions(element);
      const mark = boundParameters();
      const o = objectProps(entry) ?? (ts().isCallExpression(entry) ? objectProps(lentLiteral(entry)) : undefined);
      const nameNode = o?.get('name');
      const indexName = stringValue(nameNode) ?? literalText(resolved(nameNode));
      const fieldsNode = o?.get('fields');
      // (A helper's `fields: [attribute]`: the literal its call hands the parameter.)
      const read = indexFields(fieldsNode);
      const fields = read?.fields;
      // `fields: [sequelize.fn('lower', sequelize.col('email'))]` (or `literal(…)`): an index over an
      // expression, its text kept; one computed any other way is Unknown.
      const expressions = !fields ? expressionFields(fieldsNode, src) : undefined;
      unbindParameters(mark);
      if (!fields && !expressions) {
        (entity.incomplete ??= []).push('indexes');
        continue;
      }
      const columns = fields ? fields.map((f) => (entity.sequelize!.underscored ? snake(f) : f)) : expressions!;
      // `where` (a partial index, its predicate as written), `using: 'GIN'`, `type: 'UNIQUE'`: as
      // Sequelize's addIndexQuery reads them, and as the migrations' addIndex is read.
      // (`unique: features.strict()`: whether the index is unique is Unknown; a `const` of the module is what it holds.)
      const uniqueFlag = flagValue(o?.get('unique'));
      entity.indexes.push({
        name: indexName, columns, ...(fields ? { fields } : { expression: true }), ...(read?.opclasses ? { opclasses: read.opclasses } : {}),
        ...(uniqueFlag === 'computed' ? { optionsUnknown: 'code' as const } : {}),
        unique: uniqueFlag === true || stringValue(o?.get('type'))?.toUpperCase() === 'UNIQUE',
        ...indexShape(fileOf(element, src), o),
        location: fileOf(element, src).location(element), ...(fileOf(element, src) === src ? { removal: elementRemoval(src, indexes, element) } : {}),
      });
    }
  }
}

/**
 * The columns of an index's `fields`: names, or objects naming one (`{ name: 'title', collate:
 * 'NOCASE' }`, `{ attribute: 'title', order: 'DESC' }`, as Sequelize's query generator reads them),
 * with each field's collation or operator class (such an index serves other lookups than a plain
 * one); undefined when one is computed (`sequelize.fn(…)`, a variable).
 */
function indexFields(node: TS.Expression | undefined): { fields: string[]; opclasses?: Record<string, string> } | undefined {
  const t = ts();
  // (`fields: OWNER_PERIOD`: the list a constant holds, of this module or lent by another.)
  if (node && t.isIdentifier(unwrap(node))) {
    const held = unwrap(throughConstant(unwrap(node)));
    node = t.isIdentifier(held) ? lentLiteral(held) ?? held : held;
  }
  if (!node || !t.isArrayLiteralExpression(node)) {
    const fields = stringArray(node);
    return fields && { fields };
  }
  const fields: string[] = [];
  const opclasses: Record<string, string> = {};
  for (const e of node.elements) {
    const props = objectProps(e);
    const name = stringValue(e) ?? stringValue(props?.get('attribute')) ?? stringValue(props?.get('name')) ?? (ts().isIdentifier(e) ? literalText(resolved(e)) : undefined);
    if (name === undefined) return undefined;
    fields.push(name);
    const opclass = indexFieldOpclass(props);
    if (opclass === undefined) return undefined;
    if (opclass) opclasses[name] = opclass;
  }
  return { fields, ...(Object.keys(opclasses).length ? { opclasses } : {}) };
}

/**
 * Index fields of which some are `fn(…)` / `literal(…)` calls (of `sequelize`, `Sequelize` or
 * imported): each element's text (a plain field name as written); undefined when an element is
 * neither a name nor such a call.
 */
function expressionFields(node: TS.Expression | undefined, src: TsFile): string[] | undefined {
  const t = ts();
  if (!node || !t.isArrayLiteralExpression(node)) return undefined;
  const out: string[] = [];
  for (const e of node.elements) {
    const name = stringValue(e);
    if (name !== undefined) {
      out.push(name);
      continue;
    }
    // (`Sequelize.literal('…') as any`: the call, its type aside.)
    const call = withoutTypeAssertions(e);
    if (!t.isCallExpression(call) || !['fn', 'literal'].includes(lastName(call.expression) ?? '')) return undefined;
    out.push(call.getText(fileOf(call, src).sf));
  }
  return out.length ? out : undefined;
}

/**
 * `DataTypes.VIRTUAL` (also `VIRTUAL(DataTypes.STRING, ['a'])`, `new DataTypes.VIRTUAL(…)`, `{ type: DataType.VIRTUAL }`): an
 * attribute computed by the model, never a column of the table.
 */
function isVirtual(value: TS.Expression): boolean {
  const t = ts();
  const typeNode = objectProps(value)?.get('type') ?? value;
  // (`new DataTypes.VIRTUAL(DataTypes.STRING, ['slug'])` as well: the class itself.)
  const callee = t.isCallExpression(typeNode) || t.isNewExpression(typeNode) ? typeNode.expression : typeNode;
  return lastName(callee) === 'VIRTUAL';
}

function readAttribute(src: TsFile, property: string, value: TS.Expression, nameNode: TS.Node, underscored: boolean): OrmColumnDecl {
  const t = ts();
  const column: OrmColumnDecl = { property, primaryKey: false, unique: false, location: src.location(nameNode) };
  // `id: id` with `const id = { primaryKey: true, type: Sequelize.UUID }`: the module's constant;
  // `currency: CustomDataTypes(DataTypes).currency`: what another module's function returns.
  const mark = boundParameters();
  try {
    const written = objectProps(value) ? value : localObject(src, value) ?? lentAttribute(value);
    const read = written && ts().isObjectLiteralExpression(unwrap(written)) ? optionsObject(unwrap(written) as TS.ObjectLiteralExpression) : undefined;
    const decl = readAttributeOptions(src, column, value, written && fileOf(written, src), read?.options ?? (written && objectProps(written)), nameNode, underscored);
    // Options a spread that does not evaluate may set (`{ type: STRING, ...extraOptions }`,
    // `...(process.env.STRICT && { allowNull: false })`): Unknown where no key written after it
    // settles them — never Sequelize's defaults.
    const at = read?.unread && fileOf(read.unread, src).location(read.unread);
    if (read && at) {
      if (read.unknown('type')) decl.type = unknownValue('options spread from code', at);
      if (read.unknown('allowNull') && !decl.primaryKey) decl.nullable = unknownValue('options spread from code', at);
      if (read.unknown('defaultValue')) decl.serverDefault = unknownValue('options spread from code', at);
    }
    return decl;
  } finally {
    unbindParameters(mark);
  }
}

/**
 * A model's options as JavaScript builds the object (see optionsObject): written there, or a constant
 * of the module or one another lends (`define('Account', attributes, accountOptions)`); anything else
 * (a parameter, a call) sets options the reader cannot see — not Sequelize's defaults.
 */
function modelOptions(node: TS.Expression | undefined): { options: Map<string, TS.Expression> | undefined; unread?: TS.Expression; unknown: (key: string) => boolean } {
  if (!node) return { options: undefined, unknown: () => false };
  const t = ts();
  const literal = t.isObjectLiteralExpression(node) ? node : spreadOptions(node);
  if (literal === 'nothing') return { options: undefined, unknown: () => false };
  if (!literal || !t.isObjectLiteralExpression(literal as TS.Node)) return { options: new Map(), unread: node, unknown: () => true };
  return optionsObject(literal as TS.ObjectLiteralExpression);
}

/**
 * Options as JavaScript builds the object — an attribute's (`{ ...textField(), allowNull: false }`),
 * an association's, a model's: its keys, and what its spreads spread — a constant, a helper the project lends (its parameters what
 * the call gives), a test that evaluates (`...(defaultValue && { defaultValue })`, a PostgreSQL
 * branch) — a later key replacing an earlier one. `unknown(key)`: whether a spread that does not
 * evaluate may have set it (`unread`, the last such spread, for locating it).
 */
function optionsObject(node: TS.ObjectLiteralExpression, depth = 0): { options: Map<string, TS.Expression>; unread?: TS.Expression; keys: SpreadKeys; unknown: (key: string) => boolean } {
  const t = ts();
  const options = new Map<string, TS.Expression>();
  let unread: TS.Expression | undefined;
  const keys = new SpreadKeys();
  for (const p of node.properties) {
    if (t.isSpreadAssignment(p)) {
      const spread = spreadOptions(p.expression);
      if (spread === 'nothing') continue;
      if (spread && 'maybe' in spread) {
        // Either or neither of these objects: their keys may be set, the others stay as they are.
        unread = p.expression;
        for (const o of spread.maybe) keys.spreadMaybe(optionsObject(o, depth + 1).options.keys());
        continue;
      }
      const inner = spread && depth < 4 ? optionsObject(spread, depth + 1) : undefined;
      if (!inner) {
        unread = p.expression;
        keys.spreadUnread();
        continue;
      }
      for (const [k, v] of inner.options) options.set(k, v);
      keys.spreadOf(inner.options.keys(), inner.keys);
      unread = inner.unread ?? unread;
      continue;
    }
    const key = t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) ? p.name.text : t.isShorthandPropertyAssignment(p) ? p.name.text : undefined;
    if (key === undefined) continue;
    options.set(key, t.isPropertyAssignment(p) ? withoutTypeAssertions(p.initializer) : (p as TS.ShorthandPropertyAssignment).name);
    keys.written(key);
  }
  return { options, unread, keys, unknown: (key) => keys.unknown(key) };
}

/**
 * What `...x` spreads into an attribute's options: an object; nothing (`...(flag && { … })` with the
 * flag false); one of several objects or nothing, on a test decided at run time (`maybe`); undefined: not evaluated.
 */
function spreadOptions(expression: TS.Expression): TS.ObjectLiteralExpression | 'nothing' | { maybe: TS.ObjectLiteralExpression[] } | undefined {
  const t = ts();
  const e = unwrap(expression);
  if (isNothing(e)) return 'nothing';
  const arms = (...branches: TS.Expression[]) => {
    const read = branches.map((b) => spreadOptions(b));
    if (read.some((r) => r === undefined || (typeof r === 'object' && 'maybe' in r && !r.maybe.length))) return undefined;
    return { maybe: read.flatMap((r) => (r === 'nothing' ? [] : r && 'maybe' in r ? r.maybe : [r!])) };
  };
  if (t.isBinaryExpression(e) && e.operatorToken.kind === t.SyntaxKind.AmpersandAmpersandToken) {
    const holds = truthValue(e.left);
    return holds === undefined ? arms(e.right) : holds ? spreadOptions(e.right) : 'nothing';
  }
  if (t.isConditionalExpression(e)) {
    const holds = truthValue(e.condition);
    if (holds !== undefined) return spreadOptions(holds ? e.whenTrue : e.whenFalse);
    const pg = unwrap(postgresExpression(e));
    if (pg === e) return arms(e.whenTrue, e.whenFalse);
  }
  return spreadLiteral(e);
}

/**
 * The options of an attribute another module writes: a function's (`CustomDataTypes(DataTypes)`,
 * its parameters the caller's names) or a constant's, whole or one of its members
 * (`CustomDataTypes(DataTypes).currency`), when the project lends it (see lentLiteral).
 */
function lentAttribute(node: TS.Expression): TS.ObjectLiteralExpression | undefined {
  const t = ts();
  const n = unwrap(node);
  const asObject = (e: TS.Expression | undefined) => {
    const v = e && unwrap(e);
    return v && t.isObjectLiteralExpression(v) ? v : undefined;
  };
  if (t.isCallExpression(n)) return asObject(lentLiteral(n));
  if (t.isPropertyAccessExpression(n) && t.isCallExpression(unwrap(n.expression))) {
    return asObject(objectProps(lentLiteral(unwrap(n.expression)))?.get(n.name.text));
  }
  return undefined;
}

/**
 * An attribute as its options say (`o`, written in `at`: the model's module or the one that lends
 * them), or as the type it is given alone; neither read, Unknown.
 */
function readAttributeOptions(src: TsFile, column: OrmColumnDecl, value: TS.Expression, at: TsFile | undefined, o: Map<string, TS.Expression> | undefined, nameNode: TS.Node, underscored: boolean): OrmColumnDecl {
  const t = ts();
  // (Each option read in the module that writes it: a spread may take it from another.)
  const typeNode = o?.get('type');
  const type = o ? readDataType(typeNode, typeNode ? fileOf(typeNode, at!) : at!) : readDataType(value, src);
  if (type) column.type = type;
  // (`type: DataTypes.ARRAY(new ExpenseTypesEnum())`, a class of the project's: which type, Unknown.)
  else if (o?.get('type')) column.type = unknownValue('type computed by code', at!.location(o.get('type')!));
  else if (!o && !isUndefined(value)) {
    // Neither options nor a type (`timestamps()`, `Helpers.currency` of a module not followed): what
    // the attribute is, Unknown — never Sequelize's defaults.
    column.type = unknownValue('attribute given by code', src.location(value));
    column.nullable = unknownValue('attribute given by code', src.location(value));
  }
  const fieldNode = o?.get('field');
  const field = stringValue(fieldNode);
  const property = column.property!;
  column.name = field ?? (underscored ? snake(property) : property);
  if (fieldNode && !field) column.nameUnknown = unknownName('column name computed by code', (at ?? src).location(fieldNode), fieldNode);
  else if (!field) column.nameFromProperty = true;
  if (o && at) {
    // (What the options say is read, and located, in the module that writes them.)
    src = at;
    const primary = flagValue(o.get('primaryKey'));
    if (primary === true) column.primaryKey = true;
    // (`primaryKey: flags.pk()`: whether it is the key — and so whether Sequelize adds its `id` — is Unknown.)
    else if (primary === 'computed') column.primaryKeyUnknown = true;
    const allowNullNode = o.get('allowNull');
    // (A `const` of the module holding a literal is that literal; `null` and `undefined` are Sequelize's default.)
    const allowNull = allowNullNode && booleanValue(throughConstant(unwrap(allowNullNode)));
    const unset = !allowNullNode || isUndefined(allowNullNode) || unwrap(allowNullNode).kind === t.SyntaxKind.NullKeyword;
    // (`allowNull: !settings.required`: given by code, the nullability is Unknown — never the default.)
    column.nullable = column.primaryKey ? false : allowNull ?? (unset ? true : unknownBoolean('nullability computed by code', src.location(allowNullNode!), allowNullNode!));
    if (column.primaryKey || o.has('allowNull')) column.allowNullWritten = true;
    // `unique: 'key'` or `unique: { name: 'key', msg }`: part of the unique key of that name; an
    // object without a name, a key of its own (Sequelize's `<table>_<attribute>_unique`).
    const uniqueNode = o.get('unique');
    const uniqueObject = uniqueNode && objectProps(uniqueNode);
    const uniqueKey = stringValue(uniqueNode) ?? stringValue(uniqueObject?.get('name'));
    const uniqueFlag = flagValue(uniqueNode);
    if (uniqueKey) column.uniqueKey = uniqueKey;
    else if (uniqueFlag === true || uniqueObject) column.unique = true;
    // (`unique: flags.unique()`: whether the column has its own unique index is Unknown.)
    else if (uniqueFlag === 'computed') column.indexUnknown = { reason: 'uniqueness computed by code', location: src.location(uniqueNode!) };
    const def = o.get('defaultValue');
    if (def) column.serverDefault = attributeDefault(fileOf(def, src), def, column.type);
    const references = o.get('references');
    const r = objectProps(references);
    if (r && references) {
      const model = r.get('model');
      const key = stringValue(r.get('key'));
      const modelName = stringValue(model);
      const modelObject = objectProps(model);
      if (modelName && model) {
        // No text location: the "did you mean" fixes write SQLAlchemy's `schema.table.column`, which
        // is not how Sequelize names a table in another schema ({ tableName, schema }).
        column.reference = { targetTable: modelName, targetColumns: key ? [key] : undefined, text: modelName, location: src.location(references) };
      } else if (modelObject && model) {
        const table = stringValue(modelObject.get('tableName'));
        const schema = stringValue(modelObject.get('schema'));
        if (table) column.reference = { targetTable: table, targetSchema: schema, targetColumns: key ? [key] : undefined, text: schema ? `${schema}.${table}` : table, location: src.location(references) };
      } else if (model && (t.isIdentifier(model) || t.isPropertyAccessExpression(model))) {
        // A model itself (`references: { model: User }`), as the file binds it: imported, or its own.
        const imported = t.isIdentifier(model) ? importsOf(src.sf).get(model.text) : undefined;
        const targetClass = imported && imported.name !== 'default' ? imported.name : lastName(model);
        const nameRef = !imported ? nameRefOf(model) : undefined;
        column.reference = { targetClass, targetColumns: key ? [key] : undefined, text: lastName(model), location: src.location(references), ...(imported ? { targetModule: imported.module } : {}), ...(nameRef ? { targetNameRef: nameRef } : {}) };
      }
    }
    if (t.isObjectLiteralExpression(value)) column.optionAnchor = src.objectAnchor(value);
  } else if (column.nullable === undefined) column.nullable = true;
  return column;
}

/** The types an auto-increment (SERIAL) column can have. */
const INTEGER_TYPES: ReadonlySet<string> = new Set(['integer', 'bigint', 'smallint']);

/**
 * The data type sequelize-typescript infers from a property's design type: `name: string` is
 * STRING, `count?: number | null` INTEGER. Any other design type (an enum, a union, an object)
 * it refuses at start-up, so the type is Unknown; so is one whose annotation is missing.
 */
function designDataType(src: TsFile, member: TS.PropertyDeclaration | TS.AccessorDeclaration): ColumnType | Unknown {
  const t = ts();
  const typeNode = t.isSetAccessorDeclaration(member) ? member.parameters[0]?.type : member.type;
  const written = typeNode?.getText(src.sf);
  // `string | null` serialises as String (null and undefined are left out), `'a' | 'b'` too.
  const type = sequelizeDesignType(designConstructor(written), `${written} (design type)`);
  return type ?? unknownValue(written ? `data type of the design type ${written}` : 'data type of a property without a type annotation', src.location(member.name));
}

/**
 * A class member sequelize-typescript's attribute decorators apply to: a property, or an accessor
 * (`@Column(DataType.STRING) get mediaUrl() { … }` declares the attribute the getter formats).
 */
function isAttributeMember(member: TS.ClassElement): member is TS.PropertyDeclaration | TS.AccessorDeclaration {
  const t = ts();
  return t.isPropertyDeclaration(member) || t.isGetAccessorDeclaration(member) || t.isSetAccessorDeclaration(member);
}

/**
 * sequelize-typescript's `@BelongsToMany(() => Target, () => Through, foreignKey?, otherKey?)` (or
 * `{ through, foreignKey, otherKey }`): the association Sequelize makes, whose keys — when not
 * written — are the through model's `@ForeignKey` attributes to each side.
 */
function readBelongsToManyDecorator(src: TsFile, source: string, property: string, decorator: { args: readonly TS.Expression[]; node: TS.Node }): OrmAssociation | undefined {
  const t = ts();
  const targetNode = returnedExpression(decorator.args[0]);
  if (!targetNode || !t.isIdentifier(targetNode)) return undefined;
  const association: OrmAssociation = { source, kind: 'belongsToMany', target: targetNode.text, location: src.location(decorator.node), keysOfThroughModel: true, decorated: true };
  const options = objectProps(decorator.args[1]);
  const throughArg = options ? options.get('through') : decorator.args[1];
  const throughModel = objectProps(throughArg)?.get('model') ?? throughArg;
  const throughClass = returnedExpression(throughModel);
  if (throughClass && t.isIdentifier(throughClass)) association.through = throughClass.text;
  else if (stringValue(throughModel) !== undefined) {
    association.through = stringValue(throughModel);
    association.throughIsTableName = true;
  } else if (throughModel) association.through = lastName(throughModel) ?? '(computed)';
  if (booleanValue(objectProps(throughArg)?.get('unique')) === false) association.throughUnique = false;
  const keyName = (node: TS.Expression | undefined) => stringValue(node) ?? stringValue(objectProps(node)?.get('name'));
  const foreignKey = keyName(options ? options.get('foreignKey') : decorator.args[2]);
  if (foreignKey) association.foreignKey = foreignKey;
  const otherKey = keyName(options ? options.get('otherKey') : decorator.args[3]);
  if (otherKey) association.otherKey = otherKey;
  // sequelize-typescript names the association after the property unless `as` says otherwise.
  const aliasNode = options?.get('as');
  const alias = aliasNode ? stringValue(aliasNode) ?? stringValue(objectProps(aliasNode)?.get('singular')) : property;
  if (alias) association.as = alias;
  else association.asUnknown = true;
  // belongsToMany asks `constraints` alone (its _injectAttributes), whatever `onDelete` or `foreignKeyConstraint` say.
  if (booleanValue(options?.get('constraints')) === false) association.constraints = false;
  const timestamps = booleanValue(options?.get('timestamps'));
  if (timestamps !== undefined) association.throughTimestamps = timestamps;
  return association;
}

/**
 * `constraints: false` beside `onDelete`, `onUpdate` or `foreignKeyConstraint: true`: Sequelize
 * still makes the foreign key (associations/helpers.js addForeignKeyConstraints asks only for
 * those; `constraints: false` only leaves out its own ON DELETE/ON UPDATE defaults).
 */
function constraintRequested(options: Map<string, TS.Expression> | undefined): boolean {
  return ['onDelete', 'onUpdate', 'foreignKeyConstraint'].some((key) => {
    const value = options?.get(key);
    if (!value) return false;
    const t = ts();
    // A value written falsy (`onDelete: null`, `''`, `false`, `undefined`) asks for nothing.
    if (value.kind === t.SyntaxKind.NullKeyword || value.kind === t.SyntaxKind.FalseKeyword || (t.isIdentifier(value) && value.text === 'undefined')) return false;
    return stringValue(value) !== '';
  });
}

/**
 * What names a key in `foreignKey: …` or `otherKey: …`: the value, or an object's `name` (an object
 * without one, `{ allowNull: false }`, names none: the default key).
 */
function keyNameNode(node: TS.Expression | undefined): TS.Expression | undefined {
  if (!node || isUndefined(node)) return undefined;
  const props = objectProps(node);
  return props ? props.get('name') : node;
}

/**
 * The options of an association (`foreignKey`, `as`, `constraints`, `targetKey`/`sourceKey`, `through`,
 * `otherKey`, `timestamps`), spreads merged (see optionsObject): what a spread that does not
 * evaluate may set — the key's name, the alias that names it, the key's `allowNull` — is Unknown.
 */
function readAssociationOptions(src: TsFile, association: OrmAssociation, node: TS.Expression | undefined): void {
  const t = ts();
  const written = node && unwrap(node);
  // (Options given as a constant of the module, or one another lends, are that object; a name or
  // call that does not evaluate, options that may set anything.)
  const literal = written && !isUndefined(written) ? (t.isObjectLiteralExpression(written) ? written : t.isStringLiteralLike(written) ? undefined : spreadLiteral(written)) : undefined;
  const read = literal ? optionsObject(literal)
    : written && !isUndefined(written) && !t.isStringLiteralLike(written) ? { options: new Map<string, TS.Expression>(), unread: written, unknown: () => true } : undefined;
  const opts = read ? read.options : objectProps(node);
  const fkNode = opts?.get('foreignKey') && unwrap(opts.get('foreignKey')!);
  const fkRead = fkNode && t.isObjectLiteralExpression(fkNode) ? optionsObject(fkNode) : undefined;
  readAssociationOptionsOf(association, opts, fkRead?.options);
  if (read?.unread) {
    if (read.unknown('foreignKey') && !association.foreignKey) association.foreignKeyUnknown = true;
    if (read.unknown('as') && !association.as) association.asUnknown = true;
    if (read.unknown('otherKey') && !association.otherKey && association.kind === 'belongsToMany') association.otherKeyUnknown = true;
    if (association.kind !== 'belongsToMany' && read.unknown(association.kind === 'belongsTo' ? 'targetKey' : 'sourceKey') && !association.referencedKey) association.referencedKeyUnknown = true;
  }
  if (fkRead?.unread && fkRead.unknown('allowNull')) association.foreignKeyAllowNullUnknown = fileOf(fkRead.unread, src).location(fkRead.unread);
  // `foreignKey: { type }`, else `keyType`: the type of the key the association adds (its `_.defaults` order).
  if (association.kind !== 'belongsToMany') {
    const typeNode = (fkRead?.options ?? objectProps(fkNode))?.get('type') ?? opts?.get('keyType');
    const type = typeNode ? readDataType(typeNode, fileOf(typeNode, src)) : undefined;
    if (type) association.foreignKeyType = type;
    else if (typeNode) association.foreignKeyType = unknownValue('key type computed by code', fileOf(typeNode, src).location(typeNode));
  }
  if (fkRead?.unread && fkRead.unknown('name') && !association.foreignKey) association.foreignKeyUnknown = true;
}

function readAssociationOptionsOf(association: OrmAssociation, opts: Map<string, TS.Expression> | undefined, fkOptions: Map<string, TS.Expression> | undefined): void {
  // (A name held by a `const`, or a `let` given it once before — `let foreignKeyRoom = 'roomId'` —
  // is that name; one other modules lend is the resolution layer's.)
  const text = (n: TS.Expression | undefined) => (n ? stringValue(n) ?? literalText(resolved(n)) : undefined);
  const fk = opts?.get('foreignKey');
  const fkProps = fkOptions ?? objectProps(fk);
  const foreignKey = text(fk) ?? text(fkProps?.get('name'));
  if (foreignKey) association.foreignKey = foreignKey;
  else if (keyNameNode(fk)) {
    association.foreignKeyUnknown = true;
    const ref = valueRefOf(keyNameNode(fk));
    if (ref) (association.refs ??= {}).foreignKey = ref;
  }
  const allowNull = booleanValue(fkProps?.get('allowNull'));
  if (allowNull !== undefined) association.foreignKeyAllowNull = allowNull;
  const field = stringValue(fkProps?.get('field'));
  if (field) association.foreignKeyField = field;
  const aliasNode = opts?.get('as');
  const alias = text(aliasNode) ?? text(objectProps(aliasNode)?.get('singular'));
  if (alias) association.as = alias;
  else if (aliasNode) {
    association.asUnknown = true;
    const ref = valueRefOf(objectProps(aliasNode)?.get('singular') ?? aliasNode);
    if (ref) (association.refs ??= {}).as = ref;
  }
  // (belongsToMany asks `constraints` alone, its _injectAttributes; the others also `onDelete`… as helpers.js does.)
  if (booleanValue(opts?.get('constraints')) === false && (association.kind === 'belongsToMany' || !constraintRequested(opts))) association.constraints = false;
  const referencedKeyNode = association.kind === 'belongsToMany' ? undefined : opts?.get(association.kind === 'belongsTo' ? 'targetKey' : 'sourceKey');
  const referencedKey = text(referencedKeyNode);
  if (referencedKey) association.referencedKey = referencedKey;
  // (A key computed by code: the column the key refers to is Unknown, never the primary key.)
  else if (referencedKeyNode && !isUndefined(unwrap(referencedKeyNode))) association.referencedKeyUnknown = true;
  const through = opts?.get('through');
  const throughOptions = objectProps(through);
  const throughModel = throughOptions ? throughOptions.get('model') : through;
  if (throughModel) {
    const throughName = stringValue(throughModel);
    association.through = throughName ?? lastName(throughModel);
    if (throughName !== undefined) association.throughIsTableName = true;
    // A name: a model (a class), or a constant holding the table's name — the resolution layer tells.
    else if (valueRefOf(throughModel)) (association.refs ??= {}).through = valueRefOf(throughModel);
  }
  if (booleanValue(throughOptions?.get('unique')) === false) association.throughUnique = false;
  const otherKey = opts?.get('otherKey');
  const otherKeyName = text(otherKey) ?? text(objectProps(otherKey)?.get('name'));
  if (otherKeyName) association.otherKey = otherKeyName;
  else if (keyNameNode(otherKey)) {
    association.otherKeyUnknown = true;
    const ref = valueRefOf(keyNameNode(otherKey));
    if (ref) (association.refs ??= {}).otherKey = ref;
  }
  const timestamps = booleanValue(opts?.get('timestamps'));
  if (timestamps !== undefined) association.throughTimestamps = timestamps;
}

/**
 * An association's target and through model as the file binds them: imported (through a barrel,
 * under an alias: `import { User as Author }` is the module's User), else the file's own.
 */
function followImports(association: OrmAssociation, imports: Map<string, { module: string; name: string }>): OrmAssociation {
  const target = imports.get(association.target);
  if (target) {
    association.targetModule = target.module;
    if (target.name !== 'default') association.target = target.name;
  }
  const through = association.through && !association.throughIsTableName ? imports.get(association.through) : undefined;
  if (through) {
    association.throughModule = through.module;
    if (through.name !== 'default') association.through = through.name;
  }
  return association;
}

/** sequelize-typescript's association decorators, by their name: the kind of association each declares. */
const SINGLE_ASSOCIATIONS = new Map<string, OrmAssociation['kind']>([['BelongsTo', 'belongsTo'], ['HasMany', 'hasMany'], ['HasOne', 'hasOne']]);

/**
 * sequelize-typescript's `@BelongsTo(() => Community, { foreignKey: 'communityId', onDelete: 'CASCADE' })`
 * (or `@HasMany(() => Pub, 'communityId')`): an association whose key is written. A key not written
 * is the `@ForeignKey(() => …)` attribute sequelize-typescript requires, read as that column's
 * reference: nothing more to add here.
 */
function readAssociationDecorator(src: TsFile, source: string, decorator: { name: string; args: readonly TS.Expression[]; node: TS.Node }): OrmAssociation | undefined {
  const t = ts();
  const returned = returnedExpression(decorator.args[0]);
  const target = returned && t.isIdentifier(returned) ? returned.text : undefined;
  const kind = SINGLE_ASSOCIATIONS.get(decorator.name);
  if (!target || !kind) return undefined;
  const association: OrmAssociation = { source, kind, target, location: src.location(decorator.node), decorated: true };
  const key = stringValue(decorator.args[1]);
  if (key !== undefined) association.foreignKey = key;
  else readAssociationOptions(src, association, decorator.args[1]);
  // A key not written: the `@ForeignKey` of the model holding it that points at the other model.
  if (!association.foreignKey) association.keyByForeignKeyDecorator = true;
  return association;
}

/** sequelize-typescript's `@ForeignKey(() => Team)` on a property: the key an association of the two models may take. */
function readForeignKeyDecorator(src: TsFile, property: string, decorator: { args: readonly TS.Expression[]; node: TS.Node }, imports: Map<string, { module: string; name: string }>, column: boolean): OrmColumnDecl | undefined {
  const t = ts();
  const returned = returnedExpression(decorator.args[0]);
  const target = returned && t.isIdentifier(returned) ? returned.text : undefined;
  // The class as this file binds it: imported (through a barrel, under an alias) or its own.
  const imported = target ? imports.get(target) : undefined;
  const targetClass = imported && imported.name !== 'default' ? imported.name : target;
  if (!target || !targetClass) return undefined;
  const location = src.location(decorator.node);
  return {
    property, primaryKey: false, unique: false, location,
    reference: { targetClass, text: target, location, byAssociation: { column }, ...(imported ? { targetModule: imported.module } : {}) },
  };
}

/** Whether the module takes its decorators from Sequelize 7 (`@sequelize/core/decorators-legacy`). */
function isSequelize7(imports: Map<string, { module: string; name: string }>): boolean {
  for (const i of imports.values()) if (SEQUELIZE7.test(i.module)) return true;
  return false;
}

/** sequelize-typescript: `@Table({ tableName, schema, underscored, … }) class X extends Model` with decorated properties. */
/**
 * A class decorator of the project's called with options (`@AppTable({ tableName: 'orders' })`) on a
 * class that extends a model and has no @Table: perhaps the project's wrapper of @Table (see
 * OrmEntityDecl.tableWrapperCandidate).
 */
function tableWrapperCandidate(cls: TS.ClassDeclaration, imports: Map<string, { module: string; name: string }>): DecoratorInfo | undefined {
  const t = ts();
  if (!baseClassName(cls) || decoratorsOf(cls).some((d) => d.name === 'Table')) return undefined;
  return decoratorsOf(cls).find((d) => {
    const imported = imports.get(d.name);
    return !!imported && t.isCallExpression(d.node.expression) && !SEQUELIZE_TYPESCRIPT_MODULE.test(imported.module) && !SEQUELIZE7.test(imported.module)
      && !/^(?:sequelize|@sequelize\/core)$/.test(imported.module) && (d.args.length === 0 || !!objectProps(d.args[0]));
  });
}

function readDecoratedModel(src: TsFile, cls: TS.ClassDeclaration, associations: OrmAssociation[], imports: Map<string, { module: string; name: string }>): OrmEntityDecl {
  const t = ts();
  const v7 = isSequelize7(imports);
  const wrapper = tableWrapperCandidate(cls, imports);
  const table = decoratorsOf(cls).find((d) => d.name === 'Table') ?? wrapper;
  // (Sequelize 7 reads associations of a model class with or without @Table.)
  const readsAssociations = !!table || v7;
  const entity: OrmEntityDecl = { orm: 'sequelize', name: cls.name!.text, location: src.location(cls.name!), columns: [], indexes: [], uniques: [], junctions: [] };
  if (wrapper) entity.tableWrapperCandidate = wrapper.name;
  // (`@Table(orderTable)`, `@Table({ ...auditedTable, tableName })`: options as JavaScript builds them.)
  const optionsRead = readModelOptions(src, entity, table?.args[0]);
  if (v7) entity.sequelize!.timestampPrecision = 6;
  else entity.sequelizeTypescript = true;
  // `@Table({ modelName: 'post_comments' })`: the model's name, which names its table (the class
  // keeps naming it in the code: `@BelongsTo(() => PostCommentModel)`).
  const modelNameNode = optionsRead.options?.get('modelName');
  const modelName = stringValue(modelNameNode);
  if (modelName) entity.modelName = modelName;
  else modelNameByCode(entity, modelNameNode);
  const indexDecorators = createdIndexDecorators(src);
  const indexKeys = new Map<OrmIndexDecl, string>();
  for (const member of cls.members) {
    if (!isAttributeMember(member) || !t.isIdentifier(member.name)) continue;
    const decorators = decoratorsOf(member);
    const belongsToMany = decorators.find((d) => d.name === 'BelongsToMany');
    if (belongsToMany && readsAssociations) {
      const association = readBelongsToManyDecorator(src, entity.name, member.name.text, belongsToMany);
      if (association) associations.push(followImports(association, imports));
    }
    const single = decorators.find((d) => SINGLE_ASSOCIATIONS.has(d.name));
    if (single && readsAssociations) {
      const association = readAssociationDecorator(src, entity.name, single);
      if (association) associations.push(followImports(association, imports));
    }
    // A getter and a setter of one attribute: the first decorated one declares it.
    if (!t.isPropertyDeclaration(member) && entity.columns.some((c) => c.property === member.name.getText(src.sf))) continue;
    // Sequelize 7's `@Attribute(type or options)` is sequelize-typescript's `@Column`.
    const column = decorators.find((d) => d.name === 'Column' || (v7 && d.name === 'Attribute'));
    // @CreatedAt / @UpdatedAt / @DeletedAt: timestamp columns Sequelize manages (DeletedAt: nullable, the model is paranoid).
    const stamp = decorators.find((d) => d.name === 'CreatedAt' || d.name === 'UpdatedAt' || d.name === 'DeletedAt');
    if (!column && stamp) {
      const property = member.name.text;
      entity.columns.push({
        property, name: entity.sequelize?.underscored ? snake(property) : property, nameFromProperty: true, primaryKey: false, unique: false,
        // (Sequelize 7 gives its timestamps a precision of 6, as it does those it adds by itself.)
        type: v7 ? normaliseType('timestamptz', `@${stamp.name}`, { args: [6] }) : sequelizeType('DATE', `@${stamp.name}`, []), nullable: stamp.name === 'DeletedAt', location: src.location(member.name),
        timestamp: stamp.name === 'CreatedAt' ? 'createdAt' : stamp.name === 'UpdatedAt' ? 'updatedAt' : 'deletedAt',
      });
      continue;
    }
    const foreignKey = decorators.find((d) => d.name === 'ForeignKey');
    if (!column && foreignKey) {
      // `@ForeignKey(() => Team) teamId`: an attribute only where an association takes it as its key.
      const key = readForeignKeyDecorator(src, member.name.text, foreignKey, imports, false);
      if (key) entity.columns.push({ ...key, name: entity.sequelize?.underscored ? snake(member.name.text) : member.name.text, nameFromProperty: true, nullable: true });
      continue;
    }
    if (!column) continue;
    const arg = column.args[0];
    if (arg && isVirtual(arg)) {
      (entity.virtualAttributes ??= []).push({ name: member.name.text, location: src.location(member.name) });
      continue;
    }
    const decl = arg && objectProps(arg) ? readAttribute(src, member.name.text, arg, member.name, entity.sequelize!.underscored)
      : { ...readAttribute(src, member.name.text, arg ?? member.name, member.name, entity.sequelize!.underscored), nullable: true };
    // `@Column` or `@Column({ allowNull })` without a type: sequelize-typescript types the attribute
    // by the property's design type (getSequelizeTypeByDesignType).
    if (!arg || (objectProps(arg) && !objectProps(arg)!.has('type'))) {
      decl.type = designDataType(src, member);
      // Typed by a name of the project (an enum): what it is decides the type, in the resolution layer.
      const written = (t.isSetAccessorDeclaration(member) ? member.parameters[0]?.type : member.type)?.getText(src.sf);
      const ref = isUnknown(decl.type) ? designTypeRef(written) : undefined;
      if (ref) decl.designTypeRef = { ref, written: written!, options: {}, orm: 'sequelize' };
      // `@AutoIncrement @Column id: string`: Sequelize can create no such column (`VARCHAR(255)
      // SERIAL`; auto-increment needs an integer), so the database's column is what the migrations
      // made, never the design type's: Unknown.
      const autoIncrement = decorators.some((d) => d.name === 'AutoIncrement') || booleanValue(objectProps(arg)?.get('autoIncrement')) === true;
      if (autoIncrement && !isUnknown(decl.type) && decl.type && !INTEGER_TYPES.has(decl.type.name)) {
        decl.type = unknownValue(`data type of an auto-increment attribute whose design type is ${written} (Sequelize can make no such column: its type is the migrations')`, src.location(member.name));
      }
    }
    if (decorators.some((d) => d.name === 'PrimaryKey')) {
      decl.primaryKey = true;
      decl.nullable = false;
      decl.allowNullWritten = true;
    }
    const allowNull = decorators.find((d) => d.name === 'AllowNull');
    const allowNullArg = allowNull?.args[0] && booleanValue(throughConstant(unwrap(allowNull.args[0])));
    if (allowNullArg === false) decl.nullable = false;
    // `@AllowNull(settings.optional)`: given by code, Unknown (`@AllowNull` alone is `true`).
    else if (allowNull?.args[0] && allowNullArg === undefined && !decl.primaryKey) decl.nullable = unknownBoolean('nullability computed by code', src.location(allowNull.args[0]), allowNull.args[0]);
    // (`@AllowNull` alone is `@AllowNull(true)`; one given by code is written all the same.)
    if (decorators.some((d) => d.name === 'AllowNull')) decl.allowNullWritten = true;
    if (v7) {
      // `@NotNull`; `@ColumnName('about_me')` or `columnName` in the options: Sequelize 7's `field`.
      if (decorators.some((d) => d.name === 'NotNull')) {
        decl.nullable = false;
        decl.allowNullWritten = true;
      }
      const columnName = stringValue(decorators.find((d) => d.name === 'ColumnName')?.args[0]) ?? stringValue(objectProps(arg)?.get('columnName'));
      if (columnName) {
        decl.name = columnName;
        delete decl.nameFromProperty;
      }
    }
    // `@Default(value)`: the attribute's `defaultValue`.
    const byDefault = decorators.find((d) => d.name === 'Default');
    if (byDefault?.args[0] && decl.serverDefault === undefined) {
      const serverDefault = attributeDefault(src, byDefault.args[0], decl.type);
      if (serverDefault !== undefined) decl.serverDefault = serverDefault;
    }
    // `@Unique`, `@Unique(true)`: a unique column; `@Unique('key')` / `@Unique({ name: 'key' })`: part of
    // the composite unique key of that name (the decorator sets the attribute's `unique` to its argument).
    const unique = decorators.find((d) => d.name === 'Unique');
    if (unique) {
      const arg = unique.args[0];
      const key = stringValue(arg) ?? stringValue(objectProps(arg)?.get('name'));
      if (key) {
        decl.uniqueKey = key;
        decl.unique = false;
      } else if (!arg || booleanValue(arg) === true) decl.unique = true;
      else if (booleanValue(arg) !== false) (entity.incomplete ??= []).push(`the unique key of ${member.name.text} (computed by code)`);
    }
    // sequelize-typescript's `@Index` on a property: an index on that column; `@Index('name')` /
    // `@Index({ name, unique })`: the index of that name, on every property that names it, in order.
    for (const index of decorators.filter((d) => d.name === 'Index')) {
      const arg = index.args[0];
      const options = objectProps(arg);
      const name = stringValue(arg) ?? stringValue(options?.get('name'));
      const uniqueFlag = flagValue(options?.get('unique'));
      const unique = uniqueFlag === true;
      // (`unique: features.strict()`: which index it is, unique or not, is Unknown.)
      if (uniqueFlag === 'computed') {
        decl.indexUnknown = { reason: 'uniqueness computed by code', location: src.location(options!.get('unique')!) };
        continue;
      }
      // `where` (a partial index) and `using` (its method), as in the model's `indexes`.
      const shape = indexShape(src, options);
      if (!arg || (options && !options.has('name'))) {
        if (shape.where || shape.method) entity.indexes.push({ columns: [decl.name!], fields: [member.name.text], unique, ...shape, location: src.location(index.node) });
        // (Sequelize 6: on the property's name as written — see readModelsOf.)
        else decl.index = { location: src.location(index.node), removal: src.lineRemoval(index.node), ...(unique ? { unique } : {}), ...(v7 ? {} : { onProperty: member.name.text }) };
        continue;
      }
      if (name === undefined) {
        decl.indexUnknown = { reason: 'an index named by code (which columns share it is Unknown)', location: src.location(index.node) };
        continue;
      }
      const same = entity.indexes.find((i) => i.name === name);
      if (same) {
        same.columns.push(decl.name!);
        same.fields?.push(member.name.text);
        if (unique) same.unique = true;
      } else entity.indexes.push({ name, columns: [decl.name!], fields: [member.name.text], unique, ...shape, location: src.location(index.node) });
    }
    if (foreignKey) {
      const key = readForeignKeyDecorator(src, member.name.text, foreignKey, imports, true);
      if (key) decl.reference = key.reference;
    }
    // `const ByOwner = createIndexDecorator({ unique: true })`, `@ByOwner`: one index over every
    // property the decorator marks, in order (sequelize-typescript's addFieldToIndex).
    for (const d of decorators) {
      const index = indexDecorators.get(d.name);
      // A decorator imported from a module of the project, applied as an index decorator is (`@X`,
      // `@X({ order })`): whether it is one, the resolution layer finds there.
      const imported = !index ? imports.get(d.name) : undefined;
      if (imported && !/^(sequelize-typescript|sequelize)(\/|$)/.test(imported.module) && (!d.args.length || objectProps(d.args[0]))) {
        (decl.importedDecorators ??= []).push({ name: d.name, location: src.location(d.node) });
      }
      if (!index) continue;
      const key = `createIndexDecorator:${d.name}`;
      const same = entity.indexes.find((i) => indexKeys.get(i) === key);
      if (same) {
        same.columns.push(decl.name!);
        same.fields?.push(member.name.text);
        continue;
      }
      const created: OrmIndexDecl = { columns: [decl.name!], fields: [member.name.text], unique: index.unique, location: src.location(d.node), ...(index.name ? { name: index.name } : {}), ...(index.where ? { where: index.where } : {}), ...(index.method ? { method: index.method } : {}) };
      indexKeys.set(created, key);
      entity.indexes.push(created);
    }
    if (stamp) decl.timestamp = stamp.name === 'CreatedAt' ? 'createdAt' : stamp.name === 'UpdatedAt' ? 'updatedAt' : 'deletedAt';
    entity.columns.push(decl);
  }
  columnNamesUnderUnknownOptions(entity, optionsRead);
  addUniqueKeys(entity);
  return entity;
}

/** The range that removes one element of an array literal with its separator, keeping the array valid. */
function elementRemoval(src: TsFile, array: TS.ArrayLiteralExpression, element: TS.Expression): import('../../model/source').Location {
  const i = array.elements.indexOf(element);
  const next = array.elements[i + 1];
  const previous = array.elements[i - 1];
  const start = next || !previous ? element.getStart(src.sf) : previous.end;
  const end = next ? next.getStart(src.sf) : element.end;
  return locationOf(src.file, { start: src.position(start), end: src.position(end) });
}

/**
 * The class whose static method calls `super.init(…)` or `this.init(…)` (both initialise the class
 * itself there), or `this.belongsTo(…)`, when that class extends another; undefined anywhere else.
 */
function initialisedClass(call: TS.CallExpression): string | undefined {
  const t = ts();
  if (!t.isPropertyAccessExpression(call.expression)) return undefined;
  const receiver = call.expression.expression.kind;
  if (receiver !== t.SyntaxKind.SuperKeyword && receiver !== t.SyntaxKind.ThisKeyword) return undefined;
  // The nearest function is the static method (an arrow function keeps its `this`).
  let fn: TS.Node | undefined = call.parent;
  while (fn && !t.isFunctionLike(fn)) fn = fn.parent;
  while (fn && t.isArrowFunction(fn)) {
    fn = fn.parent;
    while (fn && !t.isFunctionLike(fn)) fn = fn.parent;
  }
  if (!fn || !t.isMethodDeclaration(fn) || !fn.modifiers?.some((m) => m.kind === t.SyntaxKind.StaticKeyword)) return undefined;
  const cls = fn.parent;
  if (!(t.isClassDeclaration(cls) || t.isClassExpression(cls)) || !cls.name) return undefined;
  if (!cls.heritageClauses?.some((h) => h.token === t.SyntaxKind.ExtendsKeyword)) return undefined;
  return cls.name.text;
}

/** `db.models.tasks` (names and `this` only), or undefined. */
function dottedText(e: TS.Expression): string | undefined {
  const t = ts();
  const n = unwrap(e);
  if (t.isIdentifier(n)) return n.text;
  if (t.isPropertyAccessExpression(n)) {
    const left = dottedText(n.expression);
    return left ? `${left}.${n.name.text}` : undefined;
  }
  return undefined;
}

/**
 * The relative module whose exported function a call runs: `require('./task')(…)`,
 * `require('./task').default(…)`, or a function the file imports from one (`defineTask(…)`).
 */
function factoryModule(call: TS.CallExpression, imports: Map<string, { module: string; name: string }>, required: Map<string, string>): string | undefined {
  const t = ts();
  const imported = sequelizeImportedModule(call);
  if (imported) return imported;
  let callee = unwrap(call.expression);
  if (t.isPropertyAccessExpression(callee) && callee.name.text === 'default') callee = unwrap(callee.expression);
  const module = requiredModule(callee) ?? (t.isIdentifier(callee) ? imports.get(callee.text)?.module ?? required.get(callee.text) : undefined);
  return module?.startsWith('.') ? module : undefined;
}

/**
 * The model an association names: by its variable or a member (`User`, `models.User`,
 * `sequelize.models.User`), by a string key (`models['User']`), asked of the instance by name
 * (`sequelize.model('User')`, which returns the model defined under that name), or under a scope
 * (`User.scope('public')`); undefined otherwise.
 */
function associationTarget(e: TS.Expression): string | undefined {
  const t = ts();
  const n = unwrap(e);
  const named = lastName(n);
  if (named) return named;
  if (t.isElementAccessExpression(n) && (t.isStringLiteral(n.argumentExpression) || t.isNoSubstitutionTemplateLiteral(n.argumentExpression))) return n.argumentExpression.text;
  if (t.isCallExpression(n) && t.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'model' && n.arguments.length === 1
    && (t.isStringLiteral(n.arguments[0]) || t.isNoSubstitutionTemplateLiteral(n.arguments[0]))) return n.arguments[0].text;
  // `models.User.scope('public')`, `User.unscoped()`: the same model under a scope (its table and keys are the model's).
  if (t.isCallExpression(n) && t.isPropertyAccessExpression(n.expression) && (n.expression.name.text === 'scope' || n.expression.name.text === 'unscoped')) return associationTarget(n.expression.expression);
  return undefined;
}

/**
 * `sequelize.import('./book')` (Sequelize 4 and 5; `sequelize['import'](…)` where `import` was a
 * reserved word): it runs that module's exported function with the instance and its data types, as
 * `require('./book')(sequelize, DataTypes)` does — a path relative to the calling file, written as a
 * string, `path.join(__dirname, 'book')` / `path.resolve(…)`, or `__dirname + '/book'`. The module, as
 * a relative path; undefined for a path computed otherwise (a file of a loop: see the models object).
 */
function sequelizeImportedModule(call: TS.CallExpression): string | undefined {
  const t = ts();
  const callee = unwrap(call.expression);
  const isImport = t.isPropertyAccessExpression(callee) ? callee.name.text === 'import'
    : t.isElementAccessExpression(callee) && t.isStringLiteral(callee.argumentExpression) && callee.argumentExpression.text === 'import';
  if (!isImport || call.arguments.length !== 1) return undefined;
  const arg = unwrap(call.arguments[0]);
  const literal = (e: TS.Expression) => (t.isStringLiteral(e) || t.isNoSubstitutionTemplateLiteral(e) ? e.text : undefined);
  const isDirname = (e: TS.Expression) => t.isIdentifier(e) && e.text === '__dirname';
  let relative: string | undefined;
  const written = literal(arg);
  if (written !== undefined) relative = written.startsWith('.') ? written : undefined;
  else if (t.isCallExpression(arg) && t.isPropertyAccessExpression(arg.expression) && t.isIdentifier(arg.expression.expression) && arg.expression.expression.text === 'path'
    && (arg.expression.name.text === 'join' || arg.expression.name.text === 'resolve') && arg.arguments.length >= 2 && isDirname(unwrap(arg.arguments[0]))) {
    const parts = arg.arguments.slice(1).map((a) => literal(unwrap(a)));
    if (parts.every((p): p is string => p !== undefined)) relative = `./${parts.join('/')}`;
  } else if (t.isBinaryExpression(arg) && arg.operatorToken.kind === t.SyntaxKind.PlusToken && isDirname(unwrap(arg.left))) {
    const rest = literal(unwrap(arg.right));
    if (rest?.startsWith('/')) relative = `.${rest}`;
  } else if (t.isTemplateExpression(arg) && !arg.head.text && arg.templateSpans.length === 1 && isDirname(arg.templateSpans[0].expression) && arg.templateSpans[0].literal.text.startsWith('/')) {
    relative = `.${arg.templateSpans[0].literal.text}`;
  }
  return relative?.replace(/\/\.\//g, '/').replace(/^\.\/\.\.\//, '../');
}

/** `var _todos = require("./todos")` (as sequelize-auto's init-models writes it): local name → module. */
function requiredNames(sf: TS.SourceFile): Map<string, string> {
  const t = ts();
  const out = new Map<string, string>();
  for (const stmt of sf.statements) {
    if (!t.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      const module = d.initializer && requiredModule(unwrap(d.initializer));
      if (module && t.isIdentifier(d.name)) out.set(d.name.text, module);
    }
  }
  return out;
}

/** The name of the method a node is in (arrow functions looked through). */
function enclosingMethodName(node: TS.Node): string | undefined {
  const t = ts();
  let fn: TS.Node | undefined = node.parent;
  while (fn && (!t.isFunctionLike(fn) || t.isArrowFunction(fn))) fn = fn.parent;
  return fn && t.isMethodDeclaration(fn) && t.isIdentifier(fn.name) ? fn.name.text : undefined;
}

/**
 * `static init(attributes, options) { return super.init(attributes, { ...options, sequelize }) }`
 * (or `{ id: …, ...attributes }`, built in the method or written in the call): a base class handing
 * its subclasses' attributes or options on (see sequelizeInit.ts), no model of its own.
 */
function handsOnParameter(call: TS.CallExpression): boolean {
  const t = ts();
  let fn: TS.Node | undefined = call.parent;
  while (fn && (!t.isFunctionLike(fn) || t.isArrowFunction(fn))) fn = fn.parent;
  if (!fn || !t.isFunctionLike(fn)) return false;
  const params = fn.parameters.map((p) => (t.isIdentifier(p.name) ? p.name.text : undefined));
  const body = t.isMethodDeclaration(fn) ? fn.body : undefined;
  const is = (e: TS.Expression | undefined, name: string | undefined) => !!e && !!name && t.isIdentifier(unwrap(e)) && (unwrap(e) as TS.Identifier).text === name;
  // An object that spreads the parameter, written in the call or held by a `const` of the method.
  const spreads = (e: TS.Expression | undefined, name: string | undefined): boolean => {
    if (!e || !name) return false;
    const value = body ? throughMethodConstant(e, body) : unwrap(e);
    return !!value && t.isObjectLiteralExpression(value) && value.properties.some((p) => t.isSpreadAssignment(p) && is(p.expression, name));
  };
  const [attributes, options] = call.arguments;
  return is(attributes, params[0]) || spreads(attributes, params[0]) || spreads(options, params[1]);
}

/** The classes a model's `init` runs through in this module, and where the walk ends (see initClassesOf). */
interface InitClasses {
  classes: TS.ClassLikeDeclaration[];
  end: { next: string; node?: TS.Identifier } | { unread: string } | 'model';
}

/**
 * The classes of this module a model's `init` runs through, from `className` up (`self`: the class's
 * own `init` runs, not only its bases'), and where the walk ends: Sequelize's `Model` (or
 * `sequelize.Model`, `Sequelize.Model`), a class of another module (`next`, with the name's node
 * here), or a base computed by code (`unread`).
 */
function initClassesOf(src: TsFile, className: string, self: boolean, at?: TS.Identifier): InitClasses {
  const t = ts();
  const classes: TS.ClassLikeDeclaration[] = [];
  let current = className;
  let node = at;
  let counted = self;
  for (let depth = 0; depth < 8; depth++) {
    const cls = classNamed(src, current);
    if (!cls) return { classes, end: current === 'Model' ? 'model' : { next: current, ...(node ? { node } : {}) } };
    if (counted) classes.push(cls);
    counted = true;
    const base = cls.heritageClauses?.find((h) => h.token === t.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    if (!base) return { classes, end: 'model' };
    if (t.isPropertyAccessExpression(base) && base.name.text === 'Model') return { classes, end: 'model' };
    if (!t.isIdentifier(base)) return { classes, end: { unread: base.getText(src.sf) } };
    current = base.text;
    node = base;
  }
  return { classes, end: { unread: current } };
}

/**
 * The overrides of `static init` a model's `init` runs through, as far as this module declares the
 * classes; the rest is left to the resolution layer (`next`).
 */
function withInitChain(src: TsFile, entity: OrmEntityDecl, { classes, end }: InitClasses): void {
  const overrides = classes.flatMap((cls) => {
    const own = sequelizeInitOverride(cls, src.sf);
    return own ? [{ ...own, file: src.file }] : [];
  });
  const result: NonNullable<OrmEntityDecl['sequelizeInit']> = { overrides, ...(end === 'model' ? {} : 'next' in end ? { next: end.next } : { baseUnread: end.unread }) };
  if (result.overrides.length || result.next || result.baseUnread) entity.sequelizeInit = result;
}

/** A class of this name declared anywhere in the module (models are often declared inside a function). */
function classNamed(src: TsFile, name: string): TS.ClassLikeDeclaration | undefined {
  const t = ts();
  let found: TS.ClassLikeDeclaration | undefined;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if ((t.isClassDeclaration(n) || t.isClassExpression(n)) && n.name?.text === name) found = n;
    else t.forEachChild(n, visit);
  };
  visit(src.sf);
  return found;
}

/**
 * An object literal given directly, or through a `const` of this module that holds one
 * (`const attributes: ModelAttributes = { … }`, casts and parentheses looked through).
 */
function localObject(src: TsFile, node: TS.Expression): TS.ObjectLiteralExpression | undefined {
  const t = ts();
  const value = unwrap(node);
  if (t.isObjectLiteralExpression(value)) return value;
  // A member of what another module exports (`define(projectDefinition.tableName,
  // projectDefinition.attributes)`, the module's `module.exports = { tableName, attributes }`), lent.
  if (t.isPropertyAccessExpression(value)) {
    const lent = lentLiteral(value);
    return lent && t.isObjectLiteralExpression(unwrap(lent)) ? unwrap(lent) as TS.ObjectLiteralExpression : undefined;
  }
  if (!t.isIdentifier(value)) return undefined;
  // A constant of the enclosing function (`const modelDefinition = {…}; sequelize.define('block',
  // modelDefinition, …)` inside the model's factory), unless the function changes it.
  const scoped = unwrap(throughConstant(value));
  if (t.isObjectLiteralExpression(scoped)) return scoped;
  for (const statement of src.sf.statements) {
    if (!t.isVariableStatement(statement) || !(statement.declarationList.flags & t.NodeFlags.Const)) continue;
    for (const d of statement.declarationList.declarations) {
      if (!t.isIdentifier(d.name) || d.name.text !== value.text || !d.initializer) continue;
      const init = unwrap(t.isSatisfiesExpression?.(d.initializer) ? d.initializer.expression : d.initializer);
      return t.isObjectLiteralExpression(init) ? init : undefined;
    }
  }
  // A constant another module exports (`import { userSchemaFields } from "../schemas/user.schema"`),
  // when the project lends it.
  const lent = lentLiteral(value);
  return lent && t.isObjectLiteralExpression(lent) ? lent : undefined;
}

/** `Model.init(attributes, { sequelize, … })`: options that hand the model its Sequelize instance. */
function givenSequelize(options: TS.Expression | undefined): boolean {
  return objectProps(options)?.has('sequelize') === true;
}

/**
 * `modelName: DataBaseModelNames.USER` (not a string): the model's name is given by code, and with
 * it the names Sequelize gives the keys of its associations (Unknown until the resolution layer
 * evaluates it). A `modelName` shorthand (`{ sequelize, modelName }`) names a variable: Unknown too.
 */
/**
 * The options `Model.init` is given, spreads of the module's constants merged as JavaScript merges
 * them (`{ ...options, sequelize }`, `options` holding the `modelName`); as written where a spread does not evaluate.
 */
function initOptions(node: TS.Expression | undefined): Map<string, TS.Expression> | undefined {
  const read = literalEntries(node);
  const written = objectProps(node);
  if (!read) return written;
  const merged = new Map(read.entries.map((e) => [e.key, e.value]));
  if (!read.complete) for (const [k, v] of written ?? []) if (!merged.has(k)) merged.set(k, v);
  return merged;
}

function modelNameByCode(entity: OrmEntityDecl, node: TS.Expression | undefined): void {
  if (!node || stringValue(node) !== undefined) return;
  entity.modelNameUnknown = unknownName('model name given by code', entity.location, node);
}

/**
 * An attribute's `defaultValue` (or sequelize-typescript's `@Default(…)`) as the server default
 * Sequelize writes: a literal; none for `DataTypes.NOW`, `UUIDV4` (Sequelize computes them in
 * JavaScript) or `undefined` (no default, as if not written); a project constant or enum member,
 * resolved across modules; else Unknown.
 */
function attributeDefault(src: TsFile, written: TS.Expression, type?: ColumnType | Unknown): string | OrmUnknown | undefined {
  // (`defaultValue` of a helper `(defaultValue = '') => ({ … defaultValue })`, read for a call: what the call gives it.)
  const bound = boundValue(written);
  // (A parameter the call gives nothing, with no default: `undefined`, no default at all.)
  if (isUndefined(bound)) return undefined;
  if (bound.getSourceFile() !== written.getSourceFile()) {
    // (A default the call leaves to the parameter's, parsed on its own: a literal, or as written.)
    const literal = literalDefault(bound);
    if (literal !== undefined) return literal;
  }
  const def = bound.getSourceFile() === written.getSourceFile() ? bound : written;
  const sql = sqlFunctionDefault(def, src);
  if (sql !== undefined) return sql ?? unknownValue('default computed by code', src.location(def));
  // `defaultValue: { sent: 0 }` (or `[]`) of a JSON column: its JSON, quoted, as Sequelize escapes it.
  const t = ts();
  const value = unwrap(def);
  if ((t.isObjectLiteralExpression(value) || t.isArrayLiteralExpression(value)) && type && !isUnknown(type) && (type.name === 'json' || type.name === 'jsonb')) {
    const json = jsonValue(value, 0);
    if (json !== undefined) return `'${JSON.stringify(json)}'`;
  }
  const literal = literalDefault(def);
  if (literal !== undefined || /^(DataTypes?|Sequelize)\./.test(def.getText(src.sf)) || computedBySequelize(src, def) || isUndefined(def)) return literal;
  return unknownName('default computed by code', src.location(def), def);
}

/**
 * `defaultValue: UUIDV4` with `import { UUIDV4 } from "sequelize"` (also UUIDV1, NOW): a value
 * Sequelize computes in JavaScript for each insert — never a default of the column (its
 * `defaultValueSchemable` leaves them out of the DDL).
 */
function computedBySequelize(src: TsFile, def: TS.Expression): boolean {
  const t = ts();
  if (!t.isIdentifier(def)) return false;
  const imported = importsOf(src.sf).get(def.text);
  return !!imported && /^sequelize(-typescript)?$/.test(imported.module) && ['UUIDV1', 'UUIDV4', 'NOW'].includes(imported.name);
}

/** Whether a condition decides that `node` runs: an `if`, a ternary, `&&` / `||`, a `switch` case, between it and its function. */
function guardedByCondition(node: TS.Node): boolean {
  const t = ts();
  for (let n: TS.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (t.isIfStatement(p) && n !== p.expression) return true;
    if (t.isConditionalExpression(p) && n !== p.condition) return true;
    if (t.isBinaryExpression(p) && n === p.right && [t.SyntaxKind.AmpersandAmpersandToken, t.SyntaxKind.BarBarToken, t.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind)) return true;
    if (t.isCaseClause(p) || t.isCatchClause(p)) return true;
    if (t.isSourceFile(p)) return false;
  }
  return false;
}

/**
 * The expressions of a module that are Sequelize instances whatever their name: a variable made by
 * `new Sequelize(…)`, and the receiver of a `define(name, attributes…)` call (only an instance
 * defines models that way).
 */
function sequelizeInstancesOf(src: TsFile): Set<string> {
  const t = ts();
  const found = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (t.isVariableDeclaration(node) && t.isIdentifier(node.name) && node.initializer && t.isNewExpression(node.initializer)
      && lastName(node.initializer.expression) === 'Sequelize') found.add(node.name.text);
    if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'define'
      && node.arguments.length >= 2 && t.isObjectLiteralExpression(node.arguments[1])) found.add(node.expression.expression.getText(src.sf));
    t.forEachChild(node, visit);
  };
  visit(src.sf);
  return found;
}
