/**
 * TypeORM entities read with the TypeScript compiler API: `@Entity`/`@Entity({ name, schema })`,
 * `@Column` (type, length, nullable, unique, default, name), the primary and date columns,
 * `@ManyToOne`/`@OneToOne` with `@JoinColumn`, `@ManyToMany` with `@JoinTable`, `@Index`, `@Unique`,
 * `@RelationId` (no column), and `new EntitySchema({...})`. A `DataSource` configured with
 * `SnakeNamingStrategy` switches the default names to snake_case.
 */
import { isUnknown, unknownValue, type Unknown } from '../../model/unknown';
import type * as TS from 'typescript';
import { ormStringDefault, typeormDesignType, typeormType, type TypeOrmTypeOptions } from '../../model/ormTypes';
import { unsynchronizedIndex, type ColumnType } from '../../model/schema';
import type { Location } from '../../model/source';
import type { DecoratorWrapper, NameRef, OrmColumnDecl, OrmEntityDecl, OrmIndexDecl, OrmModelFacts, OrmUnknown, ProvidedLiteral, ValueRef, WrapperArgument, WrapperPreset } from '../../facts/orm';
import { fileOf, lentLiteral, withLentLiterals } from './lentLiterals';
import { postgresExpression } from './databaseBranch';
import { SpreadKeys } from './spreadKeys';
import { designTypeRef, flagValue, isUndefined, jsonValue, baseClassName, computedBaseClass, mixinApplication, mixinOf, importsOf, modulesBoundWhole, booleanValue, decoratorsOf, isFalsyLiteral, noteOrmImports, numberValue, objectProps, returnedExpression, scalarLiteral, stringArray, stringValue, throughConstant, ts, TsFile, unwrap, lastName, type DecoratorInfo, withoutTypeAssertions } from './syntax';
import { LIBRARY_DECORATORS, SQUID_DATA_SOURCES, SQUID_PACKAGES } from './subsquid';
import { mappedParameter, nameRefOf, readModuleSymbols, returnedParameter, unknownBoolean, unknownName } from './moduleSymbols';
import { boundParameters, boundValue, functionNamed, listElements, literalProps, resolved, unbindParameters } from './expressionValues';
import { CONNECTION_KEYS, readDatabaseSettings, readDataSourceSchemas, readSearchPath } from './databaseSettings';

/** Constructors a column's `type` may be (EntitySchema and `@Column({ type: String })`): TypeORM types them as design types. */
const DESIGN_CONSTRUCTORS = new Set(['String', 'Number', 'Boolean', 'Date']);

/** The options of a column that make its type. */
const TYPE_OPTIONS = ['type', 'length', 'precision', 'scale', 'width', 'enum', 'enumName', 'array', 'unsigned', 'zerofill', 'hstoreType', 'spatialFeatureType', 'srid'];

/**
 * Whether an option a project decorator sets can change a column of this type: TypeORM's postgres
 * driver reads `precision` and `scale` only for its numeric and time types, `length` only for its
 * character and bit types (withPrecisionColumnTypes, withScaleColumnTypes, withLengthColumnTypes);
 * of any other type, and of a type not known yet, every option can.
 */
function optionShapesType(option: string, type: ColumnType | Unknown | undefined): boolean {
  const name = type && !isUnknown(type) ? type.name : undefined;
  if (!name) return true;
  if (option === 'precision') return /^(numeric|decimal|interval|time|timetz|timestamp|timestamptz)$/.test(name);
  if (option === 'scale') return /^(numeric|decimal)$/.test(name);
  if (option === 'length') return /^(varchar|char|bpchar|bit|varbit)$/.test(name);
  return true;
}

const COLUMN_DECORATORS = new Set(['Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn', 'VersionColumn', 'ObjectIdColumn']);

/** TypeORM's relation decorators. */
const RELATION_DECORATORS = new Set(['ManyToOne', 'OneToOne', 'ManyToMany', 'OneToMany']);

/** TypeORM's property decorators that are not columns themselves, and validators often stacked on them. */
const KNOWN_DECORATORS = new Set([
  ...COLUMN_DECORATORS, 'Index', 'Unique', 'JoinColumn', 'JoinTable', 'ManyToOne', 'OneToOne', 'ManyToMany', 'OneToMany', 'RelationId',
  'VirtualColumn', 'Generated', 'Check', 'Exclusion', 'TreeChildren', 'TreeParent', 'TreeLevelColumn', 'Expose', 'Exclude', 'Type',
  'ApiProperty', 'Field', 'IsOptional', 'IsString', 'IsNumber', 'IsUUID', 'IsEnum', 'IsBoolean', 'IsDate', 'ValidateNested',
]);

/**
 * Functions declared in this file whose body calls TypeORM's `Column(...)` (`function X() {…}` or
 * `const X = (…) => …`): decorators that make columns.
 */
function columnDecoratorFunctions(src: TsFile): string[] {
  const t = ts();
  const out: string[] = [];
  const callsColumn = (body: TS.Node): boolean => {
    const calls: TS.CallExpression[] = [];
    const find = (n: TS.Node): void => {
      if (t.isCallExpression(n) && t.isIdentifier(n.expression) && WRAPPABLE.has(n.expression.text)) calls.push(n);
      else t.forEachChild(n, find);
    };
    find(body);
    // Several of TypeORM's decorators, a condition choosing among them (`mongo ? ObjectIdColumn(…) :
    // Column(…)`) or one applied twice: what the property gets is decided at run time — not a column
    // of known options, but a property the reader could not evaluate.
    if (chosenAtRunTime(calls, body.parent)) return false;
    return calls.some((c) => COLUMN_DECORATORS.has((c.expression as TS.Identifier).text));
  };
  for (const stmt of src.sf.statements) {
    if (t.isFunctionDeclaration(stmt) && stmt.name && stmt.body && callsColumn(stmt.body)) out.push(stmt.name.text);
    if (!t.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      const init = d.initializer;
      if (t.isIdentifier(d.name) && init && (t.isArrowFunction(init) || t.isFunctionExpression(init)) && callsColumn(init.body)) out.push(d.name.text);
    }
  }
  return out;
}

/** Packages of other concerns than TypeORM's tables, whose decorators and functions a project's decorator may call. */
const OTHER_CONCERNS = /^(?:@mikro-orm\/|class-validator$|class-transformer$|@nestjs\/(?:swagger|graphql|common)$|type-graphql$|reflect-metadata$)/;

/** JavaScript's own objects and functions. */
const JS_GLOBALS = new Set(['Object', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'JSON', 'Math', 'Date', 'Reflect', 'Promise', 'Error', 'TypeError', 'Map', 'Set', 'WeakMap', 'console', 'parseInt', 'parseFloat', 'isNaN']);

/**
 * The decorator functions of a file (`export function Calculated(…) { return (target, key) => {…} }`)
 * that apply nothing of TypeORM's: every call in them is of a JavaScript global, of a value the
 * function itself binds (a parameter, a local: `target[KEY].push(…)`), or of a package of another
 * concern (`MikroORMColumn(options)(target, key)`), and every write is to what it binds. A call of
 * anything else — TypeORM, the project's modules, this file's other functions or constants — or a
 * write to the module's state may apply a column: not inert.
 */
function inertDecoratorFunctions(src: TsFile): string[] {
  const t = ts();
  const imports = importsOf(src.sf);
  const inert = (fn: TS.FunctionLikeDeclaration): boolean => {
    if (!fn.body) return false;
    const own = new Set<string>();
    const bind = (name: TS.BindingName): void => {
      if (t.isIdentifier(name)) own.add(name.text);
      else for (const e of name.elements) if (!t.isOmittedExpression(e)) bind(e.name);
    };
    const collect = (n: TS.Node): void => {
      if ((t.isParameter(n) || t.isVariableDeclaration(n)) && n.name) bind(n.name);
      t.forEachChild(n, collect);
    };
    collect(fn);
    const allowed = (root: TS.Expression): boolean => {
      let e = unwrap(root);
      while (t.isPropertyAccessExpression(e) || t.isElementAccessExpression(e) || t.isCallExpression(e)) e = unwrap(e.expression);
      if (e.kind === t.SyntaxKind.ThisKeyword || t.isArrayLiteralExpression(e) || t.isStringLiteralLike(e)) return true;
      if (!t.isIdentifier(e)) return false;
      const imported = imports.get(e.text);
      return imported ? OTHER_CONCERNS.test(imported.module) : own.has(e.text) || JS_GLOBALS.has(e.text);
    };
    // What the function writes must be its own (`target[KEY] = …`): a write to the module's state
    // (`primaryGeneratedColumn = { entity, name }`) is read later by code that may make a column.
    const ownRoot = (target: TS.Expression): boolean => {
      let e = unwrap(target);
      while (t.isPropertyAccessExpression(e) || t.isElementAccessExpression(e)) e = unwrap(e.expression);
      return t.isIdentifier(e) && own.has(e.text);
    };
    let ok = true;
    const check = (n: TS.Node): void => {
      if (!ok) return;
      if ((t.isCallExpression(n) || t.isNewExpression(n) || t.isDecorator(n)) && !allowed(n.expression)) ok = false;
      else if (t.isBinaryExpression(n) && n.operatorToken.kind >= t.SyntaxKind.FirstAssignment && n.operatorToken.kind <= t.SyntaxKind.LastAssignment && !ownRoot(n.left)) ok = false;
      else if ((t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) && (n.operator === t.SyntaxKind.PlusPlusToken || n.operator === t.SyntaxKind.MinusMinusToken) && !ownRoot(n.operand)) ok = false;
      else t.forEachChild(n, check);
    };
    check(fn.body);
    // A decorator: it returns the function that decorates (or is an arrow returning one).
    return ok && /\breturn\b|=>/.test(fn.body.getText(src.sf));
  };
  const out: string[] = [];
  for (const stmt of src.sf.statements) {
    if (t.isFunctionDeclaration(stmt) && stmt.name && inert(stmt)) out.push(stmt.name.text);
    if (!t.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      const init = d.initializer && unwrap(d.initializer);
      if (t.isIdentifier(d.name) && init && (t.isArrowFunction(init) || t.isFunctionExpression(init)) && inert(init)) out.push(d.name.text);
    }
  }
  return out;
}

/** TypeORM's decorators a project's own decorator may apply (and so stand for). */
const WRAPPABLE = new Set([...COLUMN_DECORATORS, 'Entity', 'ChildEntity', 'TableInheritance', 'ManyToOne', 'OneToOne', 'ManyToMany', 'OneToMany', 'JoinColumn', 'JoinTable', 'Index', 'Unique', 'RelationId', 'TreeParent', 'TreeChildren']);

const TYPEORM_MODULE = /^typeorm(\/|$)/;

/** What calling TypeORM's decorator `name` directly applies: itself, with the arguments as given. */
function typeOrmItself(name: string): DecoratorWrapper | undefined {
  return WRAPPABLE.has(name) ? { decorator: name, passThrough: true, args: [] } : undefined;
}

/**
 * The decorators this file makes out of TypeORM's — the ones it imports, and `known`, the project's
 * decorators found in other files (so that a decorator applying another project decorator that
 * applies TypeORM's is followed to the end):
 *  - aliases: `export { ManyToOne as OrmManyToOne }`, the same `from 'typeorm'`, `export const X = Column`;
 *  - functions that apply one (`function MultiORMEntity(…) { … TypeOrmEntity(options)(target) }`):
 *    the decorator they stand for, and which of their parameters each of its arguments is.
 */
function decoratorWrappersOf(src: TsFile, known?: Record<string, DecoratorWrapper>): Record<string, DecoratorWrapper> {
  const t = ts();
  const knownAs = (name: string) => (known && Object.prototype.hasOwnProperty.call(known, name) ? known[name] : undefined);
  // Local names whose call applies a TypeORM decorator.
  const appliers = new Map<string, DecoratorWrapper>();
  for (const [local, i] of importsOf(src.sf)) {
    const applier = TYPEORM_MODULE.test(i.module) ? typeOrmItself(i.name) : knownAs(i.name);
    if (applier) appliers.set(local, applier);
  }
  const out: Record<string, DecoratorWrapper> = {};
  const reexports = src.sf.statements.filter((s): s is TS.ExportDeclaration => t.isExportDeclaration(s) && !s.isTypeOnly);
  if (!appliers.size && !reexports.some((s) => s.moduleSpecifier && t.isStringLiteral(s.moduleSpecifier) && TYPEORM_MODULE.test(s.moduleSpecifier.text))) return out;
  for (const stmt of reexports) {
    if (!stmt.exportClause || !t.isNamedExports(stmt.exportClause)) continue;
    const from = stmt.moduleSpecifier && t.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
    for (const el of stmt.exportClause.elements) {
      const original = (el.propertyName ?? el.name).text;
      const applier = from === undefined ? appliers.get(original) : TYPEORM_MODULE.test(from) ? typeOrmItself(original) : knownAs(original);
      // A name already known needs nothing (decorators are recognised by the name they are
      // imported as): TypeORM's own, or a re-export of a project decorator under its name.
      if (applier && el.name.text !== applier.decorator && (from === undefined || el.name.text !== original)) out[el.name.text] = applier;
    }
  }
  const consider = (name: string, fn: TS.FunctionLikeDeclaration) => {
    if (!fn.body) return;
    // Every call of a decorator TypeORM's stands for: a wrapper may apply several (`applyDecorators(
    // ManyToOne(target), JoinColumn({ name: "created_by" }))`, or each called on `(target, key)`).
    const calls: { applier: DecoratorWrapper; call: TS.CallExpression }[] = [];
    const visit = (n: TS.Node): void => {
      if (t.isCallExpression(n) && t.isIdentifier(n.expression) && appliers.has(n.expression.text)) calls.push({ applier: appliers.get(n.expression.text)!, call: n });
      else t.forEachChild(n, visit);
    };
    visit(fn.body);
    if (!calls.length) return;
    const parameterOf = parameterFlow(fn);
    // Several, where a condition chooses among them (`mongo ? ObjectIdColumn(…) : Column(…)`) or one
    // is applied twice: which the property gets is decided at run time, so the decorator is not read
    // (the property is Unknown).
    if (chosenAtRunTime(calls.map((c) => c.call), fn)) return;
    const built = calls.flatMap(({ applier, call }) => [applier, ...(applier.also ?? [])].map((a) => wrapperOf(a, call, fn, parameterOf)));
    const [first, ...rest] = built;
    out[name] = rest.length ? { ...first, also: rest } : first;
  };
  /** What calling `applier` as `call` inside the project's decorator `fn` hands TypeORM. */
  const wrapperOf = (applier: DecoratorWrapper, call: TS.CallExpression, fn: TS.FunctionLikeDeclaration, parameterOf: (e: TS.Expression) => ParameterFlow | null): DecoratorWrapper => {
    const given = call.arguments;
    // TypeORM's arguments: those of the call, or, through another project decorator, the ones it hands on.
    // (A wrapper of a wrapper that picks the options among its parameters is not followed: computed.)
    const flows = applier.passThrough
      ? given.map(parameterOf)
      : applier.args.map((k): ParameterFlow | null | undefined => (k === null || Array.isArray(k) ? null : typeof k === 'object' ? { param: -1, changes: [], literal: k.literal } : k < given.length ? parameterOf(given[k]) : undefined));
    // `ManyToOne(() => entity)` of `CreatedBy(entity)`: the relation's target is the class the caller gives.
    if (applier.passThrough && RELATION_DECORATORS.has(applier.decorator) && flows[0] === null) {
      const target = thunkOfParameter(given[0], fn);
      if (target !== undefined) flows[0] = { param: target, changes: [] };
    }
    // An argument the call leaves out is TypeORM's default when it is the last; in between, not knowable here.
    while (flows.length && flows[flows.length - 1] === undefined) flows.pop();
    const args: WrapperArgument[] = flows.map((f) => (!f ? null : f.literal !== undefined ? { literal: f.literal } : f.param));
    // Options the wrapper writes as literals: read by the column reader; for any other decorator (or
    // through another project decorator that sets options of its own), Unknown as before.
    const written = Object.assign({}, ...flows.map((f) => f?.presets ?? {})) as Record<string, WrapperPreset>;
    const presetsRead = COLUMN_DECORATORS.has(applier.decorator) && !applier.changes?.length && !applier.presets;
    const changes = [...new Set([...(applier.changes ?? []), ...Object.keys(applier.presets ?? {}), ...flows.flatMap((f) => f?.changes ?? []), ...(presetsRead ? [] : Object.keys(written))])];
    const presets = presetsRead && Object.keys(written).length ? { presets: written } : {};
    // Options it sets only where the caller gave them: Unknown there, absent where the caller gives none.
    const ifGiven = [...new Set(flows.flatMap((f) => f?.ifGiven ?? []))].filter((k) => !changes.includes(k));
    // Options set where the caller's option is a literal: the applier's own (its options handed on as
    // they are) and this function's.
    const when = [...(applier.changesWhen ?? []), ...flows.flatMap((f) => f?.when ?? [])]
      .map((w) => ({ ...w, keys: w.keys.filter((k) => !changes.includes(k)) })).filter((w) => w.keys.length);
    const conditional = { ...(ifGiven.length ? { changesIfGiven: ifGiven } : {}), ...(when.length ? { changesWhen: when } : {}) };
    // `Column({ type, ...options })` with `type` taken from `(typeOrOptions, options)` as TypeORM's
    // Column reads them: the wrapper is TypeORM's Column, its type passed through a function.
    const normalised = applier.passThrough && !applier.changes?.length && given.length === 1 && !flows[0]?.presets ? typeAsColumnReadsIt(fn, given[0], flows[0]) : undefined;
    if (normalised && TYPE_AND_OPTIONS.has(applier.decorator)) {
      const typeVia = normalised.through ? { name: normalised.through.name, file: src.file } : applier.typeVia;
      return { decorator: applier.decorator, passThrough: true, args: [0, 1], ...(typeVia ? { typeVia } : {}) };
    }
    // `options.type = resolveDbType(options.type)`: the type as the resolution layer evaluates that function.
    const through = flows.find((f) => f?.typeThrough)?.typeThrough;
    const typeVia = through ? { name: through, file: src.file } : applier.typeVia;
    return { decorator: applier.decorator, passThrough: args.every((a, i) => a === i), args, ...(changes.length ? { changes } : {}), ...conditional, ...presets, ...(typeVia ? { typeVia } : {}) };
  };
  // The module's functions, by name (one declared twice is not followed).
  const functions = new Map<string, TS.FunctionLikeDeclaration | null>();
  for (const stmt of src.sf.statements) {
    if (t.isFunctionDeclaration(stmt) && stmt.name && stmt.body) functions.set(stmt.name.text, functions.has(stmt.name.text) ? null : stmt);
    if (!t.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      if (!t.isIdentifier(d.name) || !d.initializer) continue;
      if (t.isArrowFunction(d.initializer) || t.isFunctionExpression(d.initializer)) functions.set(d.name.text, functions.has(d.name.text) ? null : d.initializer);
      // `export const OrmColumn = Column`: an alias.
      else if (t.isIdentifier(d.initializer) && appliers.has(d.initializer.text) && d.name.text !== appliers.get(d.initializer.text)!.decorator) {
        out[d.name.text] = appliers.get(d.initializer.text)!;
      }
    }
  }
  for (const [name, fn] of functions) if (fn) consider(name, fn);
  // A decorator that calls a helper of its module which applies TypeORM's (`applyDecorators(
  // Field(…), columnOf(options))`): the helper is followed as a project decorator is, each round
  // reaching one helper further (a function applying none of them stays unread).
  for (let round = 0; round < 4; round++) {
    let grew = false;
    for (const [name, wrapper] of Object.entries(out)) {
      if (functions.get(name) && !appliers.has(name)) {
        appliers.set(name, wrapper);
        grew = true;
      }
    }
    if (!grew) break;
    for (const [name, fn] of functions) if (fn && !Object.prototype.hasOwnProperty.call(out, name)) consider(name, fn);
  }
  return out;
}

/** `() => entity` (maybe `() => entity as any`), `entity` a parameter of `fn`: that parameter's index. */
function thunkOfParameter(node: TS.Expression | undefined, fn: TS.FunctionLikeDeclaration): number | undefined {
  const t = ts();
  const e = node && unwrap(node);
  if (!e || !t.isArrowFunction(e) || t.isBlock(e.body)) return undefined;
  let body: TS.Expression = e.body;
  while (t.isAsExpression(body) || t.isParenthesizedExpression(body) || t.isNonNullExpression(body)) body = body.expression;
  if (!t.isIdentifier(body)) return undefined;
  const name = body.text;
  if (e.parameters.some((p) => t.isIdentifier(p.name) && p.name.text === name)) return undefined;
  const index = fn.parameters.findIndex((p) => t.isIdentifier(p.name) && p.name.text === name);
  return index >= 0 ? index : undefined;
}

/**
 * Whether the calls of TypeORM's decorators a project decorator `fn` makes leave the choice among
 * them to run time: several, a condition choosing among them, or one decorator applied twice.
 */
function chosenAtRunTime(calls: readonly TS.CallExpression[], fn: TS.Node): boolean {
  if (calls.length < 2) return false;
  const names = calls.map((c) => lastName(c.expression));
  return new Set(names).size < names.length || calls.some((c) => underCondition(c, fn));
}

/** Whether a call inside `fn` runs only under a condition (an `if`, `?:`, `switch`, `&&`/`||`, a loop). */
function underCondition(node: TS.Node, fn: TS.Node): boolean {
  const t = ts();
  for (let child: TS.Node = node, p = node.parent; p && p !== fn; child = p, p = p.parent) {
    if (t.isIfStatement(p) && child !== p.expression) return true;
    if (t.isConditionalExpression(p) && child !== p.condition) return true;
    if (t.isSwitchStatement(p) || t.isCaseClause(p) || t.isIterationStatement(p, false)) return true;
    if (t.isBinaryExpression(p) && child === p.right && [t.SyntaxKind.AmpersandAmpersandToken, t.SyntaxKind.BarBarToken, t.SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind)) return true;
  }
  return false;
}

/** TypeORM decorators taking `(typeOrOptions?, options?)`. */
const TYPE_AND_OPTIONS = new Set(['Column', 'PrimaryColumn']);

/**
 * `{ type, ...options }` handed to Column, where the wrapper takes `(typeOrOptions, options)` and
 * sets `type` only to the first parameter (a type) or to the options' `type` — each maybe through one
 * function `f(…)` — and `options` is whichever parameter is the options object: TypeORM's Column
 * reads its arguments so. Undefined for anything else; `through`: that function's name, if any
 * (the type is the one written only where it returns its argument as it is).
 */
function typeAsColumnReadsIt(fn: TS.FunctionLikeDeclaration, handed: TS.Expression, flow: ParameterFlow | null | undefined): { through?: { name: string } } | undefined {
  const t = ts();
  const params = fn.parameters.map((p) => (t.isIdentifier(p.name) ? p.name.text : ''));
  const object = unwrap(handed);
  if (params.length < 2 || !t.isObjectLiteralExpression(object) || !flow || !Array.isArray(flow.param) || ![0, 1].every((i) => (flow.param as number[]).includes(i))) return undefined;
  if (flow.changes.some((c) => c !== 'type')) return undefined;
  const typeProperty = object.properties.find((p) => !t.isSpreadAssignment(p));
  if (object.properties.length !== 2 || !typeProperty || typeProperty.name?.getText() !== 'type') return undefined;
  const value = t.isShorthandPropertyAssignment(typeProperty) ? typeProperty.name : t.isPropertyAssignment(typeProperty) ? unwrap(typeProperty.initializer) : undefined;
  if (!value || !t.isIdentifier(value)) return undefined;
  const local = value.text;
  // Every value the local is given: the first parameter, or an options parameter's `type`, maybe through one function.
  const optionsNames = new Set([params[0], params[1]]);
  const isTypeSource = (e: TS.Expression): boolean => {
    const x = unwrap(e);
    if (t.isIdentifier(x)) return x.text === params[0];
    return t.isPropertyAccessExpression(x) && x.name.text === 'type' && t.isIdentifier(x.expression) && optionsNames.has(x.expression.text);
  };
  let through: string | undefined;
  let ok = true;
  let declared = false;
  const visit = (n: TS.Node): void => {
    if (!ok) return;
    if (t.isVariableDeclaration(n) && t.isIdentifier(n.name) && n.name.text === local) {
      declared = true;
      if (n.initializer) ok = false;
    }
    if (t.isBinaryExpression(n) && t.isIdentifier(n.left) && n.left.text === local) {
      const right = unwrap(n.right);
      if (n.operatorToken.kind !== t.SyntaxKind.EqualsToken) ok = false;
      else if (t.isCallExpression(right) && t.isIdentifier(right.expression) && right.arguments.length === 1 && isTypeSource(right.arguments[0])) {
        if (through !== undefined && through !== right.expression.text) ok = false;
        through = right.expression.text;
      } else if (!isTypeSource(right)) ok = false;
    }
    t.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  if (!ok || !declared) return undefined;
  // A function of this file that returns its argument: the type as written.
  const local_ = through !== undefined ? functionOfFile(fn, through) : undefined;
  if (through !== undefined && local_ && returnedParameter(local_) === 0) return {};
  return through !== undefined ? { through: { name: through } } : {};
}

/** A function declared at the top of the file `node` is in, by name. */
function functionOfFile(node: TS.Node, name: string): TS.FunctionLikeDeclaration | undefined {
  const t = ts();
  for (const st of node.getSourceFile().statements) {
    if (t.isFunctionDeclaration(st) && st.name?.text === name) return st;
    if (t.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (t.isIdentifier(d.name) && d.name.text === name && d.initializer && (t.isArrowFunction(d.initializer) || t.isFunctionExpression(d.initializer))) return d.initializer;
  }
  return undefined;
}

/**
 * A parameter of a wrapper as it reaches TypeORM: which one (or which of several: the options object
 * among them), and the options the wrapper sets in it.
 */
interface ParameterFlow {
  param: number | number[];
  changes: string[];
  /** A literal the function writes itself (param -1): its source text. */
  literal?: string;
  /** Options it writes as literals in the parameter's options (`{ nullable: true, ...options }`). */
  presets?: Record<string, WrapperPreset>;
  /** Options it sets only where the caller gave them (`if ("default" in options) options.default = …`). */
  ifGiven?: string[];
  /** The function of the file the parameter's `type` passes through (`p.type = resolveDbType(p.type)`). */
  typeThrough?: string;
  /** Options it sets only where an option of the parameter's is a literal (`if (options.type === 'decimal') Object.assign(o, { precision: 32 })`). */
  when?: ChangesWhen[];
}

/** Options a wrapper sets only where the caller's `option` is `equals` (a literal's source text). */
interface ChangesWhen {
  option: string;
  equals: string;
  keys: string[];
}

/**
 * `if (options.type === 'decimal')` around an assignment inside `fn` (its `then` branch, no `else`,
 * the test on a parameter's option against a literal): that parameter, option and literal.
 */
function literalCondition(node: TS.Node, fn: TS.FunctionLikeDeclaration, params: readonly string[]): { param: string; option: string; equals: string } | undefined {
  const t = ts();
  for (let child: TS.Node = node, p = node.parent; p && p !== fn.body; child = p, p = p.parent) {
    if (t.isFunctionLike(p)) return undefined;
    if (!t.isIfStatement(p)) continue;
    if (child !== p.thenStatement || p.elseStatement) return undefined;
    const test = unwrap(p.expression);
    if (!t.isBinaryExpression(test) || ![t.SyntaxKind.EqualsEqualsEqualsToken, t.SyntaxKind.EqualsEqualsToken].includes(test.operatorToken.kind)) return undefined;
    const [member, literal] = t.isPropertyAccessExpression(unwrap(test.left)) ? [unwrap(test.left), unwrap(test.right)] : [unwrap(test.right), unwrap(test.left)];
    if (!t.isPropertyAccessExpression(member) || !t.isIdentifier(member.expression) || !params.includes(member.expression.text)) return undefined;
    if (!t.isStringLiteralLike(literal) && !t.isNumericLiteral(literal)) return undefined;
    return { param: member.expression.text, option: member.name.text, equals: t.isStringLiteralLike(literal) ? literal.text : literal.getText() };
  }
  return undefined;
}

/**
 * Whether a condition holds only where `object` has `key`: `"key" in object`, `object.key`,
 * `object.key !== undefined` (or `!= null`), `typeof object.key !== "undefined"`, one side of `&&`.
 */
function testsPresence(condition: TS.Expression, object: string, key: string): boolean {
  const t = ts();
  const e = unwrap(condition);
  const isMember = (x: TS.Expression) => {
    const m = unwrap(x);
    return (t.isPropertyAccessExpression(m) && m.name.text === key && t.isIdentifier(m.expression) && m.expression.text === object)
      || (t.isElementAccessExpression(m) && t.isStringLiteralLike(m.argumentExpression) && m.argumentExpression.text === key && t.isIdentifier(m.expression) && m.expression.text === object);
  };
  if (isMember(e)) return true;
  if (!t.isBinaryExpression(e)) return false;
  const op = e.operatorToken.kind;
  if (op === t.SyntaxKind.AmpersandAmpersandToken) return testsPresence(e.left, object, key) || testsPresence(e.right, object, key);
  if (op === t.SyntaxKind.InKeyword) return t.isStringLiteralLike(unwrap(e.left)) && (unwrap(e.left) as TS.StringLiteral).text === key && t.isIdentifier(unwrap(e.right)) && (unwrap(e.right) as TS.Identifier).text === object;
  const undefinedOrNull = (x: TS.Expression) => {
    const v = unwrap(x);
    return (t.isIdentifier(v) && v.text === 'undefined') || v.kind === t.SyntaxKind.NullKeyword;
  };
  if (op === t.SyntaxKind.ExclamationEqualsEqualsToken) {
    const typeofUndefined = (a: TS.Expression, b: TS.Expression) => t.isTypeOfExpression(unwrap(a)) && isMember((unwrap(a) as TS.TypeOfExpression).expression) && stringValue(unwrap(b)) === 'undefined';
    return (isMember(e.left) && t.isIdentifier(unwrap(e.right)) && (unwrap(e.right) as TS.Identifier).text === 'undefined') || typeofUndefined(e.left, e.right) || typeofUndefined(e.right, e.left);
  }
  if (op === t.SyntaxKind.ExclamationEqualsToken) return (isMember(e.left) && undefinedOrNull(e.right)) || (isMember(e.right) && undefinedOrNull(e.left));
  return false;
}

/**
 * A value that means the same in any module: a literal string, number, boolean or null, an arrow
 * returning a literal string (`() => 'now()'`), and arrays and objects of those.
 */
function isClosedLiteral(node: TS.Expression, depth = 0): boolean {
  const t = ts();
  if (depth > 6) return false;
  const e = unwrap(node);
  if (t.isStringLiteral(e) || t.isNoSubstitutionTemplateLiteral(e) || t.isNumericLiteral(e)) return true;
  if (e.kind === t.SyntaxKind.TrueKeyword || e.kind === t.SyntaxKind.FalseKeyword || e.kind === t.SyntaxKind.NullKeyword) return true;
  if (t.isPrefixUnaryExpression(e) && e.operator === t.SyntaxKind.MinusToken && t.isNumericLiteral(e.operand)) return true;
  if (t.isArrowFunction(e)) {
    const returned = returnedExpression(e);
    return e.parameters.length === 0 && !!returned && (t.isStringLiteral(returned) || t.isNoSubstitutionTemplateLiteral(returned));
  }
  if (t.isArrayLiteralExpression(e)) return e.elements.every((x) => isClosedLiteral(x, depth + 1));
  if (t.isObjectLiteralExpression(e)) {
    return e.properties.every((p) => t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) && isClosedLiteral(p.initializer, depth + 1));
  }
  return false;
}

/**
 * `p.type = resolveDbType(p.type)` where that function of the file returns its argument as it is:
 * the option keeps its value (a multi-database hook that is the identity here).
 */
function isIdentityAssignment(n: TS.BinaryExpression): boolean {
  const t = ts();
  const right = unwrap(n.right);
  if (n.operatorToken.kind !== t.SyntaxKind.EqualsToken || !t.isCallExpression(right) || !t.isIdentifier(right.expression)) return false;
  const fn = functionNamed(right.expression);
  const index = fn ? returnedParameter(fn) : undefined;
  const argument = index !== undefined ? right.arguments[index] : undefined;
  return !!argument && unwrap(argument).getText() === unwrap(n.left).getText();
}

/**
 * `options.type = resolveDbType(options.type)` where that function of the file looks its argument up
 * in a table of the module (`pgTypeMapping[t]`, see mappedParameter): the function's name — the type
 * passes through it, which the resolution layer evaluates; undefined for any other assignment.
 */
function typeMappingAssignment(n: TS.BinaryExpression): string | undefined {
  const t = ts();
  const right = unwrap(n.right);
  const left = unwrap(n.left);
  if (n.operatorToken.kind !== t.SyntaxKind.EqualsToken || !t.isCallExpression(right) || !t.isIdentifier(right.expression)) return undefined;
  if (!t.isPropertyAccessExpression(left) || left.name.text !== 'type') return undefined;
  const fn = functionNamed(right.expression);
  const mapping = fn ? mappedParameter(fn) : undefined;
  const argument = mapping ? right.arguments[mapping.index] : undefined;
  return argument && unwrap(argument).getText() === left.getText() ? right.expression.text : undefined;
}

/**
 * Which parameter of `fn` an expression inside it is, following what cannot change it: casts,
 * parentheses, `const` locals, `p || {}` and `p ?? {}` (TypeORM reads no options and empty options
 * alike), and a conditional whose branches are both that parameter. Options the function sets —
 * `{ ...p, type: x }`, `p.type = x` — are named in `changes`. A parameter it assigns anew, or changes
 * in ways that name no option, and anything computed: null.
 */
function parameterFlow(fn: TS.FunctionLikeDeclaration): (e: TS.Expression) => ParameterFlow | null {
  const t = ts();
  const params = fn.parameters.map((p) => (t.isIdentifier(p.name) ? p.name.text : ''));
  const locals = new Map<string, TS.Expression | null>();
  // A parameter the function assigns to is not what the caller gave...
  const reassigned = new Set<string>();
  // ...unless it is only ever given another parameter or empty options: `options = typeOrOptions`,
  // `if (!options) options = {}` (how a wrapper takes TypeORM's `(typeOrOptions?, options?)`): then it
  // is the options object among those parameters. Null: assigned anything else.
  const assignedFrom = new Map<string, Set<string> | null>();
  // Options of a parameter the function sets (`p.type = x`, `delete p.name`); '*': not by name.
  const mutated = new Map<string, Set<string>>();
  // A parameter whose `type` the function passes through a lookup of the file (`p.type = resolveDbType(p.type)`).
  const typeThrough = new Map<string, string>();
  const keyOf = (n: TS.Expression): string => {
    if (t.isPropertyAccessExpression(n)) return n.name.text;
    if (t.isElementAccessExpression(n) && t.isStringLiteralLike(n.argumentExpression)) return n.argumentExpression.text;
    return '*';
  };
  // (A local's options set likewise — `columnOptions.precision = 32` — are recorded by its name too.)
  const mutate = (target: TS.Expression, into = mutated) => {
    const object = (t.isPropertyAccessExpression(target) || t.isElementAccessExpression(target)) ? target.expression : undefined;
    if (object && t.isIdentifier(object)) {
      const keys = into.get(object.text) ?? new Set<string>();
      keys.add(keyOf(target));
      into.set(object.text, keys);
    }
  };
  // Options set only where the caller gave them (`if ("default" in options) options.default = …`).
  const ifGiven = new Map<string, Set<string>>();
  // Options set only where an option of a parameter is a literal (see literalCondition), by the name set.
  const conditionalSets = new Map<string, { param: string; option: string; equals: string; keys: string[] }[]>();
  const givenOnly = (assignment: TS.Node, target: TS.Expression): boolean => {
    const object = t.isPropertyAccessExpression(target) || t.isElementAccessExpression(target) ? target.expression : undefined;
    const key = keyOf(target);
    if (!object || !t.isIdentifier(object) || key === '*') return false;
    for (let child: TS.Node = assignment, p = assignment.parent; p && p !== fn.body; child = p, p = p.parent) {
      if (t.isIfStatement(p) && child === p.thenStatement && testsPresence(p.expression, object.text, key)) return true;
      if (t.isFunctionLike(p)) return false;
    }
    return false;
  };
  const strip = (e: TS.Expression): TS.Expression => {
    while (t.isAsExpression(e) || t.isParenthesizedExpression(e) || t.isNonNullExpression(e) || t.isSpreadElement(e) || t.isTypeAssertionExpression(e) || t.isSatisfiesExpression(e)) e = e.expression;
    return e;
  };
  const isEmptyObject = (e: TS.Expression) => t.isObjectLiteralExpression(e) && e.properties.length === 0;
  // `const { format, ...columnOptions } = options || {}`: the options less the keys taken out (Unknown
  // to TypeORM: the caller's values of those never reach it).
  const restOf = new Map<string, { from: TS.Expression; removed: string[] } | null>();
  const collect = (n: TS.Node): void => {
    if (t.isVariableDeclarationList(n) && n.flags & t.NodeFlags.Const) {
      for (const d of n.declarations) {
        if (t.isObjectBindingPattern(d.name) && d.initializer) {
          const rest = d.name.elements.find((e) => e.dotDotDotToken);
          const removed = d.name.elements.filter((e) => !e.dotDotDotToken).map((e) => (e.propertyName ?? e.name));
          if (rest && t.isIdentifier(rest.name)) {
            const plain = removed.every((k) => t.isIdentifier(k) || t.isStringLiteral(k));
            restOf.set(rest.name.text, restOf.has(rest.name.text) || !plain ? null : { from: d.initializer, removed: removed.map((k) => (k as TS.Identifier | TS.StringLiteral).text) });
          }
          continue;
        }
        if (!t.isIdentifier(d.name)) continue;
        // A name declared twice (shadowing in another block) is not followed.
        locals.set(d.name.text, locals.has(d.name.text) || !d.initializer ? null : d.initializer);
      }
    }
    if (t.isBinaryExpression(n) && n.operatorToken.kind >= t.SyntaxKind.FirstAssignment && n.operatorToken.kind <= t.SyntaxKind.LastAssignment) {
      if (t.isIdentifier(n.left)) {
        const name = n.left.text;
        reassigned.add(name);
        const value = strip(n.right);
        // '' stands for `{}`.
        const source = n.operatorToken.kind !== t.SyntaxKind.EqualsToken ? undefined
          : t.isIdentifier(value) && params.includes(value.text) ? value.text : isEmptyObject(value) ? '' : undefined;
        const from = assignedFrom.has(name) ? assignedFrom.get(name)! : new Set<string>();
        assignedFrom.set(name, from && source !== undefined ? from.add(source) : null);
      } else if (typeMappingAssignment(n) && t.isPropertyAccessExpression(unwrap(n.left)) && t.isIdentifier((unwrap(n.left) as TS.PropertyAccessExpression).expression)) {
        const object = ((unwrap(n.left) as TS.PropertyAccessExpression).expression as TS.Identifier).text;
        // Twice, or through two functions: not followed.
        if (typeThrough.has(object) && typeThrough.get(object) !== typeMappingAssignment(n)) mutate(n.left);
        else typeThrough.set(object, typeMappingAssignment(n)!);
      } else if (!isIdentityAssignment(n)) mutate(n.left, n.operatorToken.kind === t.SyntaxKind.EqualsToken && givenOnly(n, n.left) ? ifGiven : mutated);
    }
    if ((t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) && (n.operator === t.SyntaxKind.PlusPlusToken || n.operator === t.SyntaxKind.MinusMinusToken)) {
      if (t.isIdentifier(n.operand)) reassigned.add(n.operand.text);
      else mutate(n.operand);
    }
    if (t.isDeleteExpression(n)) mutate(n.expression);
    // `Object.assign(p, { precision: 32, scale: 6 })`: those options set (Unknown: maybe under a
    // condition); anything but an object literal of plain names sets options not said by name.
    if (t.isCallExpression(n) && t.isPropertyAccessExpression(n.expression) && n.expression.getText() === 'Object.assign' && n.arguments[0] && t.isIdentifier(n.arguments[0])) {
      const names = n.arguments.slice(1).flatMap((source) => {
        const o = strip(source);
        return t.isObjectLiteralExpression(o) && o.properties.every((p) => !t.isSpreadAssignment(p) && p.name && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)))
          ? o.properties.map((p) => (p.name as TS.Identifier | TS.StringLiteral).text) : ['*'];
      });
      // Under `if (options.type === 'decimal')`: set where the caller's type is that literal.
      const condition = names.includes('*') ? undefined : literalCondition(n, fn, params);
      if (condition) {
        const list = conditionalSets.get(n.arguments[0].text) ?? [];
        list.push({ ...condition, keys: names });
        conditionalSets.set(n.arguments[0].text, list);
      } else {
        const keys = mutated.get(n.arguments[0].text) ?? new Set<string>();
        for (const k of names) keys.add(k);
        mutated.set(n.arguments[0].text, keys);
      }
    }
    t.forEachChild(n, collect);
  };
  if (fn.body) collect(fn.body);
  /** The options set on `name` under a test of parameter `index`'s options; null: under a test of another's (not followed). */
  const whenOn = (name: string, index: number): ChangesWhen[] | null => {
    const sets = conditionalSets.get(name) ?? [];
    if (sets.some((c) => c.param !== params[index])) return null;
    return sets.map(({ option, equals, keys }) => ({ option, equals, keys }));
  };
  const flow = (a: TS.Expression, depth: number): ParameterFlow | null => {
    if (depth > 8) return null;
    const e = strip(a);
    // `Column('varchar')`, `Column({ type: 'timestamp' })`: what the wrapper writes, whatever the caller gives.
    if (isClosedLiteral(e)) return { param: -1, changes: [], literal: e.getText() };
    if (t.isIdentifier(e)) {
      const i = params.indexOf(e.text);
      if (i >= 0) {
        const keys = mutated.get(e.text);
        if (keys?.has('*')) return null;
        const conditional = [...(ifGiven.get(e.text) ?? [])].filter((k) => !keys?.has(k));
        const through = typeThrough.get(e.text);
        const when = whenOn(e.text, i);
        if (when === null) return null;
        if (!reassigned.has(e.text)) return { param: i, changes: [...(keys ?? [])], ...(conditional.length ? { ifGiven: conditional } : {}), ...(through && !keys?.has('type') ? { typeThrough: through } : {}), ...(when.length ? { when } : {}) };
        // Given only other parameters (never reassigned or changed themselves) or `{}`: the options among them.
        const from = assignedFrom.get(e.text);
        const others = from ? [...from].filter((p) => p !== '') : [];
        if (!from || others.some((p) => reassigned.has(p) || mutated.has(p))) return null;
        return { param: [i, ...others.map((p) => params.indexOf(p))], changes: [...(keys ?? [])] };
      }
      const rest = restOf.get(e.text);
      if (rest) {
        const from = flow(rest.from, depth + 1);
        return from && from.literal === undefined && !from.presets ? { ...from, changes: [...new Set([...from.changes, ...rest.removed])] } : null;
      }
      const init = locals.get(e.text);
      const made = init ? flow(init, depth + 1) : null;
      // Set under a test of the options' own literal: where the caller's options pass it (see ChangesWhen).
      const when = made && typeof made.param === 'number' && made.literal === undefined ? whenOn(e.text, made.param) : conditionalSets.has(e.text) ? null : [];
      if (when === null) return null;
      const from = made && when.length ? { ...made, when: [...(made.when ?? []), ...when] } : made;
      // Options the function sets on the local after making it: Unknown (all of them, when not by name).
      const set = mutated.get(e.text);
      if (!from || !set) return from;
      if (set.has('*') || from.literal !== undefined) return null;
      const { presets: written, ...withoutPresets } = from;
      const presets = Object.fromEntries(Object.entries(written ?? {}).filter(([k]) => !set.has(k)));
      return { ...withoutPresets, changes: [...new Set([...from.changes, ...set])], ...(Object.keys(presets).length ? { presets } : {}) };
    }
    if (t.isBinaryExpression(e) && (e.operatorToken.kind === t.SyntaxKind.BarBarToken || e.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken) && isEmptyObject(strip(e.right))) {
      return flow(e.left, depth + 1);
    }
    if (t.isConditionalExpression(e)) {
      const whenTrue = flow(e.whenTrue, depth + 1);
      const whenFalse = flow(e.whenFalse, depth + 1);
      return whenTrue && whenFalse && whenTrue.param === whenFalse.param ? { param: whenTrue.param, changes: [...new Set([...whenTrue.changes, ...whenFalse.changes])] } : null;
    }
    // `{ ...options, type: resolveDbType(type) }`: the parameter's options, some set here.
    if (t.isObjectLiteralExpression(e)) {
      let spread: ParameterFlow | null = null;
      const set: string[] = [];
      const presets: Record<string, WrapperPreset> = {};
      for (const p of e.properties) {
        if (t.isSpreadAssignment(p)) {
          if (spread) return null;
          spread = flow(p.expression, depth + 1);
          if (!spread || spread.literal !== undefined || spread.presets) return null;
        } else if (p.name && (t.isIdentifier(p.name) || t.isStringLiteral(p.name))) {
          // A literal is known (the caller's own wins when spread after it); anything else is Unknown.
          if (t.isPropertyAssignment(p) && isClosedLiteral(p.initializer)) {
            presets[p.name.text] = { text: unwrap(p.initializer).getText(), ...(spread ? {} : { under: true as const }) };
            const at = set.indexOf(p.name.text);
            if (at >= 0) set.splice(at, 1);
          } else {
            set.push(p.name.text);
            delete presets[p.name.text];
          }
        } else return null;
      }
      if (!spread) return null;
      return { param: spread.param, changes: [...new Set([...spread.changes, ...set])], ...(Object.keys(presets).length ? { presets } : {}) };
    }
    return null;
  };
  return (e) => flow(e, 0);
}

/**
 * A squid's package.json: the framework it depends on makes the TypeORM data source (its processor,
 * store and migration tool all take `createOrmConfig()`), whatever the project's code shows of it.
 */
function readSquidManifest(src: TsFile, facts: OrmModelFacts): void {
  const t = ts();
  const manifest = src.sf.statements[0];
  const root = manifest && t.isExpressionStatement(manifest) && t.isObjectLiteralExpression(manifest.expression) ? manifest.expression : undefined;
  for (const section of root?.properties ?? []) {
    if (!t.isPropertyAssignment(section) || !t.isStringLiteral(section.name) || !/^(?:dev)?[dD]ependencies$/.test(section.name.text)) continue;
    if (!t.isObjectLiteralExpression(section.initializer)) continue;
    for (const dep of section.initializer.properties) {
      if (!t.isPropertyAssignment(dep) || !t.isStringLiteral(dep.name) || !SQUID_PACKAGES.includes(dep.name.text)) continue;
      (facts.namingStrategies ??= []).push({
        className: 'SnakeNamingStrategy', module: dep.name.text,
        text: `${dep.name.text} in package.json (a squid's data source is named by its SnakeNamingStrategy)`, location: src.location(dep),
      });
      return;
    }
  }
}

/** Modules of other ORMs, whose options objects may also name a `namingStrategy`. */
const OTHER_ORM_MODULE = /^(?:@mikro-orm\/|sequelize(?:-typescript)?$|objection$|knex$|@prisma\/|drizzle-orm|kysely$|mongoose$)/;

/**
 * `namingStrategy: EntityCaseNamingStrategy` of another ORM (MikroORM's, imported from
 * `@mikro-orm/core`, in an options object with its `driver` and `dbName`): a project that configures
 * both ORMs side by side names its TypeORM tables elsewhere.
 */
function otherOrmsOptions(node: TS.PropertyAssignment, imports: ReturnType<typeof importsOf>): boolean {
  const t = ts();
  const value = node.initializer;
  const named = t.isNewExpression(value) ? value.expression : value;
  const imported = t.isIdentifier(named) ? imports.get(named.text) : undefined;
  if (imported && OTHER_ORM_MODULE.test(imported.module)) return true;
  const options = node.parent;
  return t.isObjectLiteralExpression(options) && options.properties.some((p) => p.name && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) && (p.name.text === 'dbName' || p.name.text === 'driver'));
}

/** `wrappers`: the project's decorators that apply TypeORM's (found in other files), read as TypeORM's. */
/** Whether options are (or a factory returns them) for NestJS's `TypeOrmModule.forRoot(…)` / `forRootAsync(…)`. */
function givenToNestRoot(options: TS.Node): boolean {
  const t = ts();
  for (let n: TS.Node | undefined = options.parent; n; n = n.parent) {
    if (t.isCallExpression(n) && t.isPropertyAccessExpression(n.expression) && ['forRoot', 'forRootAsync'].includes(n.expression.name.text)
      && lastName(n.expression.expression) === 'TypeOrmModule') return true;
    if (t.isSourceFile(n)) break;
  }
  return false;
}

export function readTypeOrmEntities(file: string, text: string, wrappers?: Record<string, DecoratorWrapper>, provided?: Record<string, ProvidedLiteral>): OrmModelFacts {
  const src = new TsFile(file, text);
  const facts: OrmModelFacts = { file, orm: 'typeorm', entities: [], associations: [], schemasCreated: [] };
  return withLentLiterals(src, facts, provided, () => readEntitiesOf(src, facts, wrappers));
}

function readEntitiesOf(src: TsFile, facts: OrmModelFacts, wrappers: Record<string, DecoratorWrapper> | undefined): OrmModelFacts {
  const t = ts();
  const file = src.file;
  if (/(^|[\\/])package\.json$/.test(file)) {
    readSquidManifest(src, facts);
    return facts;
  }
  noteOrmImports(src.sf, TYPEORM_MODULE, wrappers, LIBRARY_DECORATORS);
  const ownWrappers = decoratorWrappersOf(src, wrappers);
  if (Object.keys(ownWrappers).length) facts.decoratorWrappers = ownWrappers;
  facts.symbols = readModuleSymbols(src);
  const imports = importsOf(src.sf);
  const typeormBoundWhole = modulesBoundWhole(src.sf, TYPEORM_MODULE);
  // The module's own top-level variables (not its classes): what a data source's `entities` names by them may be anything.
  const variablesOfModule = new Set(src.sf.statements.flatMap((s) => (t.isVariableStatement(s) ? s.declarationList.declarations.flatMap((d) => (t.isIdentifier(d.name) ? [d.name.text] : [])) : [])));
  const visit = (node: TS.Node) => {
    // `namingStrategy: new SnakeNamingStrategy()` in a DataSource's (or ormconfig's) options.
    if (t.isPropertyAssignment(node) && (t.isIdentifier(node.name) || t.isStringLiteral(node.name)) && node.name.text === 'namingStrategy' && !otherOrmsOptions(node, imports)) {
      // `type === 'postgres' ? new SnakeNamingStrategy() : new DefaultNamingStrategy()`: PostgreSQL's.
      const value = postgresExpression(node.initializer);
      const className = t.isNewExpression(value) && t.isIdentifier(value.expression) ? value.expression.text : undefined;
      const imported = className ? imports.get(className) : undefined;
      const refersToSetting = t.isPropertyAccessExpression(value) && value.name.text === 'namingStrategy';
      (facts.namingStrategies ??= []).push({
        ...(className ? { className: imported && imported.name !== 'default' ? imported.name : className } : {}),
        ...(imported ? { module: imported.module } : {}),
        ...(refersToSetting ? { refersToSetting } : {}),
        text: value.getText(src.sf).slice(0, 80), location: src.location(value),
      });
    }
    // `entityPrefix: "crw_"` in a data source's options: every table TypeORM names gets it.
    if (t.isPropertyAssignment(node) && (t.isIdentifier(node.name) || t.isStringLiteral(node.name)) && node.name.text === 'entityPrefix' && !otherOrmsOptions(node, imports)) {
      const value = postgresExpression(node.initializer);
      const text = stringValue(value);
      (facts.entityPrefixes ??= []).push({ ...(text !== undefined ? { value: text } : {}), text: value.getText(src.sf).slice(0, 80), location: src.location(value) });
    }
    // A data source's options that say which entities it loads (see OrmModelFacts.entityLoading).
    // (Named first: every decorator's options are object literals too, and few of them say this.)
    if (t.isObjectLiteralExpression(node) && node.properties.some((p) => p.name && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) && (p.name.text === 'entities' || p.name.text === 'autoLoadEntities'))) {
      const props = objectProps(node)!;
      const autoLoad = props.get('autoLoadEntities');
      const entities = props.get('entities');
      // (MikroORM's options, `dbName`, `driver`, name its own entities.)
      if ((autoLoad || (entities && [...props.keys()].some((k) => k !== 'entities' && (k === 'type' || CONNECTION_KEYS.has(k))))) && !props.has('dbName') && !props.has('driver')) {
        const list = entities ? unwrap(entities) : undefined;
        // A class by its name (`User`, imported or declared): a variable of the module (`const entity =
        // join(__dirname, '**/*.entity.js')`) or a lower-case name (`entities`, an array) may hold anything.
        const isClass = (e: TS.Expression) => t.isIdentifier(e) && /^[A-Z]/.test(e.text) && !variablesOfModule.has(e.text);
        const listed = list && t.isArrayLiteralExpression(list) ? list.elements.filter(isClass).map((e) => (e as TS.Identifier).text) : [];
        const open = !!list && (!t.isArrayLiteralExpression(list) || list.elements.some((e) => !isClass(e)))
          || node.properties.some((p) => t.isSpreadAssignment(p)) || (autoLoad !== undefined && booleanValue(unwrap(autoLoad)) === undefined);
        // `new DataSource({ entities: [BreedSeed], synchronize: false })` of a script: no migrations, no sync.
        const made = (t.isNewExpression(node.parent) || t.isCallExpression(node.parent)) && node.parent.arguments?.[0] === node
          && ['DataSource', 'createConnection'].includes(lastName(node.parent.expression) ?? '');
        const synchronize = props.get('synchronize');
        // `synchronize: true` as written: TypeORM makes the schema from the entities at every start.
        if (synchronize && booleanValue(unwrap(synchronize)) === true) {
          (facts.syncsSchema ??= []).push(src.location(synchronize.parent));
          (facts.altersSchema ??= []).push(src.location(synchronize.parent));
        }
        const buildsNothing = made && !node.properties.some((p) => t.isSpreadAssignment(p)) && !props.has('migrations') && !props.has('migrationsRun')
          && (!synchronize || booleanValue(unwrap(synchronize)) === false);
        // (`export const ormconfig: DataSourceOptions = { … }`, `{ … } as DataSourceOptions`: the constant holding them.)
        let holder: TS.Node = node.parent;
        while (holder && (t.isAsExpression(holder) || t.isSatisfiesExpression(holder) || t.isParenthesizedExpression(holder))) holder = holder.parent;
        const binding = holder && t.isVariableDeclaration(holder) && t.isIdentifier(holder.name) ? holder.name.text : undefined;
        const listedFrom: Record<string, string> = {};
        for (const name of listed) {
          const imported = imports.get(name);
          if (imported && imported.name === name) listedFrom[name] = imported.module;
        }
        (facts.entityLoading ??= []).push({
          autoLoad: booleanValue(autoLoad && unwrap(autoLoad)) === true, listed, open, location: src.location(node),
          ...(buildsNothing ? { buildsNothing: true as const } : made ? { madeHere: true as const } : {}), ...(givenToNestRoot(node) ? { nestRoot: true as const } : {}),
          ...(binding ? { binding } : {}), ...(Object.keys(listedFrom).length ? { listedFrom } : {}),
        });
      }
    }
    // `createConnection()`, `TypeOrmModule.forRoot()`: a data source of the ormconfig's options, which no code here lists.
    if (t.isCallExpression(node) && !node.arguments.length && (
      (t.isIdentifier(node.expression) && ['createConnection', 'createConnections', 'getConnectionOptions'].includes(node.expression.text) && imports.get(node.expression.text)?.module === 'typeorm')
      || (t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'forRoot' && lastName(node.expression.expression) === 'TypeOrmModule'))) facts.readsOrmconfig = true;
    // `TypeOrmModule.forRoot(ormconfig)`: options a constant holds, here or in another module.
    if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'forRoot' && lastName(node.expression.expression) === 'TypeOrmModule') {
      const arg = node.arguments[0] && unwrap(node.arguments[0]);
      if (arg && t.isIdentifier(arg)) {
        const imported = imports.get(arg.text);
        (facts.nestRootOptions ??= []).push(imported ? { name: imported.name, module: imported.module } : { name: arg.text });
      }
    }
    // `TypeOrmModule.forFeature([User, Post])`: what a NestJS module registers for autoLoadEntities.
    if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'forFeature' && lastName(node.expression.expression) === 'TypeOrmModule') {
      const list = node.arguments[0] && unwrap(node.arguments[0]);
      const names = list && t.isArrayLiteralExpression(list) && list.elements.every(t.isIdentifier) ? list.elements.map((e) => (e as TS.Identifier).text) : [null];
      (facts.registeredEntities ??= []).push(...names);
    }
    // A squid's store (`new TypeormDatabase()` of @subsquid/typeorm-store) or its configuration
    // (`createOrmConfig()` of @subsquid/typeorm-config): the library makes the data source, always
    // with its SnakeNamingStrategy (and so do its migration tools).
    if ((t.isNewExpression(node) || t.isCallExpression(node)) && t.isIdentifier(node.expression)) {
      const made = imports.get(node.expression.text);
      if (made && SQUID_DATA_SOURCES.has(`${made.module}#${made.name}`)) {
        (facts.namingStrategies ??= []).push({
          className: 'SnakeNamingStrategy', module: made.module,
          text: `${node.getText(src.sf).slice(0, 60)} (${made.module} names by its SnakeNamingStrategy)`, location: src.location(node),
        });
      }
    }
    if (t.isClassDeclaration(node) && node.name) {
      const classDecorators = decoratorsOf(node);
      const entity = classDecorators.find((d) => d.name === 'Entity' || d.name === 'ViewEntity');
      // (Relations too: a class of relations only is embedded or extended for them.)
      const declaresColumns = node.members.some((m) => (t.isPropertyDeclaration(m) || t.isGetAccessorDeclaration(m) || t.isSetAccessorDeclaration(m))
        && decoratorsOf(m).some((d) => COLUMN_DECORATORS.has(d.name) || RELATION_DECORATORS.has(d.name)));
      // A MongoDB document (`@ObjectIdColumn`): a collection, not a table of a relational schema.
      const document = node.members.some((m) => t.isPropertyDeclaration(m) && decoratorsOf(m).some((d) => d.name === 'ObjectIdColumn'));
      // `@ChildEntity()`: single-table inheritance, its columns are its parent entity's table's.
      const child = classDecorators.find((d) => d.name === 'ChildEntity');
      // A document is kept as a base only: the classes that extend it are documents too.
      if (document && node.name) facts.entities.push({ orm: 'typeorm', name: node.name.text, location: src.location(node.name), columns: [], indexes: [], uniques: [], junctions: [], abstractBase: true, document: true });
      // (A mixin's class adds its columns, or none — methods only — to each class it is applied to.)
      if (!document && ((entity && entity.name === 'Entity') || child || (!entity && (declaresColumns || !!mixinOf(node))))) {
        const decl = readEntityClass(src, node, entity);
        const others = entity ? classDecorators.filter((d) => d.name === 'Entity' && d !== entity) : [];
        if (others.length) {
          decl.alsoTables = others.map((d) => {
            const other = readEntityClass(src, node, d);
            return { ...(other.tableName !== undefined ? { tableName: other.tableName } : {}), ...(other.tableNameUnknown ? { unknown: other.tableNameUnknown } : {}) };
          });
        }
        if (entity) {
          const inheritance = classDecorators.find((d) => d.name === 'TableInheritance');
          if (inheritance) decl.singleTable = singleTableOf(src, inheritance);
          else if (node.modifiers?.some((m) => m.kind === t.SyntaxKind.AbstractKeyword)) decl.abstractEntity = true;
        }
        const tree = classDecorators.find((d) => d.name === 'Tree');
        if (tree && stringValue(tree.args[0]) === 'closure-table') {
          const level = node.members.some((m) => t.isPropertyDeclaration(m) && decoratorsOf(m).some((d) => d.name === 'TreeLevelColumn'));
          decl.closureTable = closureTableOf(objectProps(tree.args[1]), level, src.location(tree.node));
        }
        // A nested-set or materialized-path tree: the columns TypeORM adds to the entity's table
        // (EntityMetadataBuilder, the default naming strategy's names).
        const treeKind = tree ? stringValue(tree.args[0]) : undefined;
        if (tree && (treeKind === 'nested-set' || treeKind === 'materialized-path')) decl.columns.push(...treeColumns(treeKind, src.location(tree.node)));
        // A class with columns and no @Entity (BaseEntity, SoftDeletableEntity): its subclasses' tables have them.
        if (child && !entity) decl.singleTableChild = true;
        else if (!entity) decl.abstractBase = true;
        const mixin = mixinOf(node);
        if (mixin) {
          // A mixin's class: its base is what each application gives (see withInheritedColumns).
          decl.name = `${mixin.fn}()`;
          decl.mixin = { parameter: mixin.parameter };
        } else {
          const base = baseClassName(node);
          if (base) decl.base = { name: base, ...(imports.get(base) ? { module: imports.get(base)!.module } : {}) };
          // `extends Timestamps(BaseEntity)`: the class a mixin of the project makes of that base;
          // any other computed base leaves the columns it adds Unknown.
          const computed = computedBaseClass(node);
          const heritage = node.heritageClauses?.find((h) => h.token === t.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
          const applied = computed && heritage ? mixinApplication(heritage) : undefined;
          if (applied) decl.base = { name: computed!, applied };
          else if (computed) (decl.incomplete ??= []).push(`columns of the base class ${computed}`);
        }
        facts.entities.push(decl);
      }
    } else if (t.isNewExpression(node) && constructsEntitySchema(node.expression, imports, typeormBoundWhole)) {
      const schema = readEntitySchema(src, node);
      // `export const CityEntity = new EntitySchema({ name: 'City', … })`: relations and keys name it by that variable.
      const holder = node.parent && t.isVariableDeclaration(node.parent) && t.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
      if (schema && holder && holder !== schema.name) schema.className = holder;
      if (schema) facts.entities.push(schema);
    }
    t.forEachChild(node, visit);
  };
  visit(src.sf);
  // An EntitySchema another schema of the file embeds (`embeddeds: { address: { schema: AddressSchema } }`):
  // its columns are that table's, it maps none of its own — as a class that `@Column(() => Address)` embeds.
  const embedded = new Set(facts.entities.flatMap((e) => e.embeddedSchemas ?? []));
  for (const e of facts.entities) if (e.className && embedded.has(e.className) && !e.columns.some((c) => c.primaryKey)) e.abstractBase = true;
  // Relation targets by import: `import { User as Member } from "./user"` makes `() => Member` the
  // class User of ./user (two classes of one name in a monorepo are told apart by it).
  for (const e of facts.entities) {
    for (const c of e.columns) {
      const imported = c.reference?.targetClass ? imports.get(c.reference.targetClass) : undefined;
      if (!imported || !c.reference) continue;
      c.reference.targetModule = imported.module;
      if (imported.name !== 'default') c.reference.targetClass = imported.name;
    }
    for (const c of e.columns) {
      const imported = c.embedded ? imports.get(c.embedded.className) : undefined;
      if (!imported || !c.embedded) continue;
      c.embedded.module = imported.module;
      if (imported.name !== 'default') c.embedded.className = imported.name;
    }
    for (const j of e.junctions) {
      const imported = imports.get(j.targetClass);
      if (!imported) continue;
      j.targetModule = imported.module;
      if (imported.name !== 'default') j.targetClass = imported.name;
    }
  }
  const decorators = columnDecoratorFunctions(src);
  if (decorators.length) facts.columnDecorators = decorators;
  const inert = inertDecoratorFunctions(src);
  if (inert.length) facts.inertDecorators = inert;
  // The `@Index()` a fix adds needs `Index` imported from typeorm.
  const importEdit = indexImportEdit(src);
  if (importEdit) for (const e of facts.entities) for (const c of e.columns) if (c.indexFix) c.indexFix.importEdit = importEdit;
  const databases = readDatabaseSettings(src, 'typeorm');
  if (databases.length) facts.databases = databases;
  const searchPath = readSearchPath(src);
  if (searchPath) facts.searchPath = searchPath;
  const schemas = readDataSourceSchemas(src);
  if (schemas.length) facts.dataSourceSchemas = schemas;
  return facts;
}

function indexImportEdit(src: TsFile): { position: { line: number; character: number }; text: string } | undefined {
  const t = ts();
  const imports = src.sf.statements.filter((st): st is TS.ImportDeclaration => t.isImportDeclaration(st));
  if (importsOf(src.sf).has('Index')) return undefined;
  for (const statement of imports) {
    if (stringValue(statement.moduleSpecifier) !== 'typeorm') continue;
    const named = statement.importClause?.namedBindings;
    if (!named || !t.isNamedImports(named)) continue;
    const first = named.elements[0];
    return first ? { position: src.position(first.getStart(src.sf)), text: 'Index, ' } : undefined;
  }
  // The decorators come through the project's own module (a barrel): Index is imported from typeorm itself.
  const last = imports[imports.length - 1];
  if (!last) return undefined;
  const end = src.position(last.getEnd());
  return { position: { line: end.line + 1, character: 0 }, text: "import { Index } from 'typeorm';\n" };
}

/**
 * The index behind an exclusion constraint (`USING gist (room WITH =, tsrange("from", "to") WITH &&)
 * WHERE (…)`): its method, and its elements — a column where one is named, else the expression;
 * undefined for an expression this cannot split.
 */
function exclusionIndex(expression: string | undefined, name: string | undefined, location: Location): OrmIndexDecl | undefined {
  const m = expression ? /^\s*USING\s+(\w+)\s*\(([\s\S]*)\)\s*(?:WHERE\s*\(([\s\S]*)\))?\s*$/i.exec(expression) : null;
  if (!m) return undefined;
  const elements: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of m[2]) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) return undefined;
    if (ch === ',' && depth === 0) {
      elements.push(current);
      current = '';
    } else current += ch;
  }
  elements.push(current);
  const columns = elements.map((e) => e.replace(/\s+WITH\s+\S+\s*$/i, '').trim());
  if (columns.some((c) => !c)) return undefined;
  const names = columns.map((c) => /^"?([A-Za-z_][\w$]*)"?$/.exec(c)?.[1] ?? c);
  return {
    columns: names, unique: false, method: m[1].toLowerCase(), location, ...(name ? { name } : {}), ...(m[3] ? { where: m[3].trim() } : {}),
    ...(names.some((c) => !/^[A-Za-z_][\w$]*$/.test(c)) ? { expression: true } : {}),
  };
}

function typeOptions(props: Map<string, TS.Expression> | undefined): TypeOrmTypeOptions {
  const o: TypeOrmTypeOptions = {};
  const length = numberValue(props?.get('length')) ?? (stringValue(props?.get('length')) ? Number(stringValue(props?.get('length'))) : undefined);
  if (length !== undefined && !Number.isNaN(length)) o.length = length;
  const precision = numberValue(props?.get('precision'));
  if (precision !== undefined) o.precision = precision;
  const scale = numberValue(props?.get('scale'));
  if (scale !== undefined) o.scale = scale;
  // `enumName: "x"`, else the TypeScript enum the column holds (`enum: OrderStatus`): its identity.
  const enumRef = props?.get('enum');
  const explicit = stringValue(props?.get('enumName'));
  const enumName = explicit ?? (enumRef && ts().isIdentifier(enumRef) ? enumRef.text : undefined);
  if (enumName) o.enumName = enumName;
  if (explicit) o.enumNamed = true;
  if (booleanValue(props?.get('array'))) o.array = true;
  return o;
}

function readEntityClass(src: TsFile, cls: TS.ClassDeclaration, entity: DecoratorInfo | undefined): OrmEntityDecl {
  const t = ts();
  const decl: OrmEntityDecl = {
    orm: 'typeorm', name: cls.name!.text, location: src.location(cls.name!), columns: [], indexes: [], uniques: [], junctions: [],
  };
  // @Entity('users') or @Entity({ name, schema })
  const first = entity?.args[0];
  const name = stringValue(first);
  // `@Entity({ name, schema })`, or a constant holding them (`@Entity(accountsEntity)`, here or lent by another module).
  const firstIsOptions = !!first && !name && !!optionsObjectOf(first);
  if (name) decl.tableName = name;
  else if (first && !firstIsOptions) decl.tableNameUnknown = unknownName('table name computed by code', src.location(first), first);
  // (`@Entity(TABLES.accounts, { schema: 'billing' })`: the options follow a name, literal or not.)
  const optionsNode = firstIsOptions ? first : entity?.args[1];
  // (Spreads merged: one that does not evaluate may name the table, or its schema.)
  const optionsRead = decoratorOptionsOf(optionsNode);
  const options = optionsRead.options;
  const settledAfterSpread = (key: string) => !optionsRead.unknown?.(key);
  if (optionsRead.unread && !name && !settledAfterSpread('name')) decl.tableNameUnknown = unknownValue('entity options computed by code', src.location(optionsRead.unread));
  if (optionsRead.unread && !settledAfterSpread('schema')) decl.schemaUnknown = unknownValue('entity options computed by code', src.location(optionsRead.unread));
  if (options) {
    const n = stringValue(options.get('name'));
    if (n && !decl.tableNameUnknown) decl.tableName = n;
    else if (options.get('name') && !decl.tableNameUnknown && !n) decl.tableNameUnknown = unknownName('table name computed by code', src.location(options.get('name')!), options.get('name')!);
    const schema = decl.schemaUnknown ? undefined : options.get('schema');
    const s = stringValue(schema);
    if (s && schema) decl.schema = { name: s, location: src.contentLocation(schema) };
    else if (schema) decl.schemaUnknown = unknownName('schema computed by code', src.location(schema), schema);
    const synchronize = options.get('synchronize');
    if (flagValue(synchronize) === false) decl.notSynchronized = src.location(synchronize!.parent);
    // (`synchronize: flags.managed()`: whether TypeORM makes the table is Unknown.)
    else if (flagValue(synchronize) === 'computed') decl.synchronizeUnknown = src.location(synchronize!);
  }
  // Class-level @Index(['a', 'b']) / @Index('name', ['a', 'b'], { unique }) / @Unique(['a']).
  for (const d of decoratorsOf(cls)) {
    if (d.name === 'Index') {
      // @Index(name, fields, options), @Index(fields, options), @Index(name, options), @Index(options):
      // a first argument that is no list of fields and no options is the name, computed or not
      // (`'UQ_assets_owner_library_checksum' + ''`).
      // (Fields or options a constant holds — `@Index(OWNER_LABEL, uniqueIndex)` — as if written there.)
      const first = d.args[0] && literalOf(d.args[0]);
      const firstIsName = !!first && !t.isArrayLiteralExpression(first) && !t.isObjectLiteralExpression(first) && !t.isArrowFunction(first) && !t.isFunctionExpression(first);
      const named = firstIsName ? stringValue(first) : undefined;
      const fields = firstIsName ? d.args[1] : d.args[0];
      const columns = fields && (stringArray(literalOf(fields)) ?? propertyPathsOf(fields));
      const written = d.args[firstIsName ? 2 : 1] ?? (firstIsName && d.args[1] && optionsObjectOf(d.args[1]) ? d.args[1] : undefined);
      const optionsNode = written && (optionsObjectOf(written) ?? written);
      const opts = objectProps(optionsNode);
      const optionsUnknown = indexOptionsUnknown(optionsNode, opts);
      if (columns) decl.indexes.push({ name: named, columns, unique: flagValue(opts?.get('unique')) === true, where: stringValue(opts?.get('where')), location: src.location(d.node), removal: src.lineRemoval(d.node), ...(optionsUnknown ? { optionsUnknown } : {}) });
      // `@Index('IDX_month', { synchronize: false })`: an index the migrations make, its columns theirs.
      else if (named !== undefined && !d.args[2] && optionsUnknown === 'not-synchronized') (decl.incomplete ??= []).push(unsynchronizedIndex(named));
      else (decl.incomplete ??= []).push('@Index');
    } else if (d.name === 'Exclusion') {
      // `@Exclusion("USING gist (room WITH =)")` / `@Exclusion("name", "…")`: the constraint's index.
      const named = d.args.length > 1 ? stringValue(d.args[0]) : undefined;
      const index = exclusionIndex(stringValue(d.args[d.args.length > 1 ? 1 : 0]), named, src.location(d.node));
      if (index) decl.indexes.push(index);
      else (decl.incomplete ??= []).push('@Exclusion');
    } else if (d.name === 'Unique') {
      // @Unique(name, fields) or @Unique(fields), either maybe held by a constant; a name TypeORM
      // tells by its being a string.
      const first = d.args[0] && literalOf(d.args[0]);
      const named = stringValue(first);
      const fields = named !== undefined && d.args.length > 1 ? d.args[1] : d.args[0];
      const columns = fields && (stringArray(literalOf(fields)) ?? propertyPathsOf(fields));
      if (columns) decl.uniques.push({ name: d.args.length > 1 ? named : undefined, columns, location: src.location(d.node) });
      else (decl.incomplete ??= []).push('@Unique');
    } else if (d.name === 'ForeignKey') {
      // `@ForeignKey(() => City, ['cityId', 'countryCode'], ['id', 'countryCode'])`: a key over those properties.
      const target = relationTarget(d.args[0]);
      const columns = stringArray(d.args[1]);
      const referenced = stringArray(d.args[2]);
      if (target && columns && referenced && columns.length === referenced.length) {
        (decl.compositeReferences ??= []).push({
          property: '', columns, byProperty: true, targetClass: target, ...(stringValue(d.args[0]) !== undefined ? { orTable: true as const } : {}),
          targetProperties: referenced, text: target, location: src.location(d.node),
        });
      } else (decl.incomplete ??= []).push('@ForeignKey');
    }
  }
  for (const member of cls.members) {
    // A property, or an accessor (`@Column() get title()`): TypeORM reads the decorators of either.
    const accessor = t.isGetAccessorDeclaration(member) || t.isSetAccessorDeclaration(member);
    if (!(t.isPropertyDeclaration(member) || accessor) || !member.name || !t.isIdentifier(member.name)) continue;
    if (accessor && !decoratorsOf(member).length) continue;
    readProperty(src, decl, member as TS.PropertyDeclaration | TS.AccessorDeclaration);
  }
  return decl;
}

function readProperty(src: TsFile, decl: OrmEntityDecl, member: TS.PropertyDeclaration | TS.AccessorDeclaration): void {
  const t = ts();
  const property = (member.name as TS.Identifier).text;
  const decorators = decoratorsOf(member);
  // A relation id or a virtual column is no column of the table; `@Column() @RelationId(…) owner_id`
  // is one (TypeORM keeps the explicit column, as the relation's join column when the names agree).
  if (!decorators.length || decorators.some((d) => d.name === 'VirtualColumn')) return;
  if (decorators.some((d) => d.name === 'RelationId') && !decorators.some((d) => COLUMN_DECORATORS.has(d.name))) return;
  // The design type: a property's type, a getter's return type, a setter's parameter's type.
  const typeNode = t.isSetAccessorDeclaration(member) ? member.parameters[0]?.type : member.type;
  const designType = typeNode ? typeNode.getText(src.sf) : undefined;
  // Where `@Index()` would go: the line of the first decorator, at its indentation.
  const firstDecorator = decorators[0].node;
  const lineStart = src.position(firstDecorator.getStart(src.sf));
  const indexFix = { title: `Add @Index() to "${property}"`, position: { line: lineStart.line, character: lineStart.character }, text: `@Index()\n${' '.repeat(lineStart.character)}` };
  const propertyIndex = decorators.find((d) => d.name === 'Index');
  // `@Unique('categoryName', ['name'])` on a property: TypeORM makes the property its one column,
  // whatever fields it is handed, and takes a name only where the first argument is a string.
  const propertyUnique = decorators.find((d) => d.name === 'Unique');
  if (propertyUnique) {
    const first = propertyUnique.args[0] && literalOf(propertyUnique.args[0]);
    // (A name held by what does not evaluate: whether it is a name at all is Unknown.)
    const nameUnknown = !!first && stringValue(first) === undefined && !t.isArrayLiteralExpression(first) && !t.isObjectLiteralExpression(first);
    if (nameUnknown) (decl.incomplete ??= []).push('@Unique');
    else decl.uniques.push({ name: stringValue(first), columns: [property], location: src.location(propertyUnique.node) });
  }
  // Decorators apply from the property up, and TypeORM keeps the first column registered for a
  // property (MetadataArgsStorage.filterColumns): of two column decorators, the lower one is the column.
  const columnDecorator = [...decorators].reverse().find((d) => COLUMN_DECORATORS.has(d.name));
  // `@TreeParent()` of a tree entity is a many-to-one relation to the entity itself (`parentId`).
  const treeParent = decorators.find((d) => d.name === 'TreeParent');
  const relation = decorators.find((d) => ['ManyToOne', 'OneToOne', 'ManyToMany', 'OneToMany'].includes(d.name))
    ?? (treeParent ? { ...treeParent, name: 'ManyToOne' } : undefined);
  // `@TreeLevelColumn()`: a column of the entity's own table, the design type's (an integer).
  const treeLevel = !columnDecorator ? decorators.find((d) => d.name === 'TreeLevelColumn') : undefined;
  if (treeLevel) {
    decl.columns.push(readColumn(src, property, { ...treeLevel, name: 'Column', args: [] }, designType));
    return;
  }
  if (columnDecorator) {
    // `@Column({ select: false, insert: false })`: a column TypeORM neither reads nor writes — an alias
    // a hand-written query fills (Grist's `permissions`, computed in a CTE). Whether the table has it
    // is Unknown: the entity is incomplete, not missing a column or given one.
    const options = columnDecorator.args.map((a) => objectProps(a)).find((o) => o);
    if (options && booleanValue(options.get('select')) === false && booleanValue(options.get('insert')) === false) {
      (decl.incomplete ??= []).push(`property ${property} (select: false, insert: false: filled by queries, maybe no column of the table)`);
      return;
    }
    const column = readColumn(src, property, columnDecorator, designType);
    // `@Generated('uuid')` makes the column a uuid whatever its type (EntityMetadataBuilder), `'rowid'` an integer.
    const generated = decorators.find((d) => d.name === 'Generated');
    const strategy = generated ? stringValue(generated.args[0]) ?? (generated.args.length ? undefined : 'increment') : undefined;
    if (strategy === 'uuid') column.type = typeormType('uuid', "@Generated('uuid')");
    else if (strategy === 'rowid') column.type = typeormType('int', "@Generated('rowid')");
    else if (generated && strategy === undefined) column.type = unknownValue('generation strategy computed by code', src.location(generated.node));
    const foreignKey = decorators.find((d) => d.name === 'ForeignKey');
    if (foreignKey) foreignKeyOf(src, decl, column, property, foreignKey);
    column.indexFix = indexFix;
    if (propertyIndex) column.index = propertyIndexOf(src, propertyIndex);
    decl.columns.push(column);
  } else if (!relation) {
    // A project decorator (`@DbAwareColumn({...})`): a column if the model builder finds it wraps Column.
    const custom = decorators.find((d) => !KNOWN_DECORATORS.has(d.name) && d.args.length <= 1);
    if (custom) {
      const column = readColumn(src, property, { ...custom, name: 'Column' }, designType);
      column.indexFix = indexFix;
      if (propertyIndex) column.index = propertyIndexOf(src, propertyIndex);
      (decl.customColumns ??= []).push({ decorator: custom.name, column });
    }
    // Decorators of the project's own modules, on a property no TypeORM decorator reads: each may
    // apply one (a column, a relation) that cannot be followed from here.
    const own = decorators.filter((d) => !KNOWN_DECORATORS.has(d.name) && src.importsFromProject(d.name));
    if (own.length) (decl.projectDecorators ??= []).push({ property, decorators: own.map((d) => d.name) });
    // A decorator of a library known to wrap TypeORM's, but not one known here (a newer column
    // type): it may make a column, of a type not known — the entity's column set is Unknown.
    const library = decorators.find((d) => d.name.includes('#'));
    if (library) (decl.incomplete ??= []).push(`property ${property} (decorated by ${library.name.replace('#', "'s ")}, not known here)`);
  }
  if (relation) {
    const target = treeParent && relation.node === treeParent.node ? decl.name : relationTarget(relation.args[0]);
    if (!target) {
      (decl.incomplete ??= []).push(property);
      (decl.relationsUnread ??= []).push(property);
      return;
    }
    if (relation.name === 'ManyToMany') {
      const joinTable = decorators.find((d) => d.name === 'JoinTable');
      if (joinTable) {
        // @JoinTable({ name, joinColumn: { name, referencedColumnName }, inverseJoinColumn: { … } }).
        // (Spreads merged: one that does not evaluate may name the table and its columns.)
        // (`@JoinTable(roomTagsJoinTable)`: the options a constant holds, read where it is written.)
        const jtRead = decoratorOptionsOf(joinTable.args[0]);
        const options = jtRead.options;
        // A side a constant holds is read through it; one that does not evaluate leaves the junction Unknown.
        let sideUnread: TS.Expression | undefined;
        const column = (node: TS.Expression | undefined) => {
          const o = objectProps(node && constantOf(node));
          if (node && !o) sideUnread ??= node;
          return o ? { name: stringValue(o.get('name')), referencedColumn: stringValue(o.get('referencedColumnName')) } : undefined;
        };
        const side = (key: string) => column(options?.get(key));
        // `joinColumns: [{ name, referencedColumnName }, …]`: each side's columns, in the order written.
        const sides = (key: string) => {
          const list = options?.get(key) && constantOf(options.get(key)!);
          if (list && !ts().isArrayLiteralExpression(list)) sideUnread ??= list;
          if (!list || !ts().isArrayLiteralExpression(list)) return undefined;
          const columns = list.elements.map((e) => column(e));
          return columns.every((c) => c?.referencedColumn) ? columns.map((c) => c!) : undefined;
        };
        const nameNode = options?.get('name');
        const joinColumns = sides('joinColumns');
        const inverseJoinColumns = sides('inverseJoinColumns');
        const synchronize = options?.get('synchronize');
        decl.junctions.push({
          property, targetClass: target, name: stringValue(nameNode), location: src.location(joinTable.node),
          joinColumn: side('joinColumn'), inverseJoinColumn: side('inverseJoinColumn'),
          ...(joinColumns ? { joinColumns } : {}), ...(inverseJoinColumns ? { inverseJoinColumns } : {}),
          ...(synchronize && flagValue(synchronize) === false ? { notSynchronized: src.location(synchronize.parent) } : {}),
          // `name: Entity.joinTableName` and the like: the table's name is Unknown, not the default.
          ...(jtRead.unread ? { nameUnknown: unknownValue('join table options computed by code', src.location(jtRead.unread)) }
            : sideUnread ? { nameUnknown: unknownValue('join table columns computed by code', src.location(sideUnread)) }
            : nameNode && !stringValue(nameNode) ? { nameUnknown: unknownName('join table name computed by code', src.location(nameNode), nameNode) } : {}),
        });
      }
      return;
    }
    if (relation.name === 'OneToMany') return; // the FK is on the other side
    const joinColumn = decorators.find((d) => d.name === 'JoinColumn');
    // OneToOne owns the FK only with @JoinColumn; ManyToOne always does.
    if (relation.name === 'OneToOne' && !joinColumn) return;
    // `@JoinColumn([{ name, referencedColumnName }, …])`: one element is that column; more, a composite key.
    const joinArg = joinColumn?.args[0] && unwrap(joinColumn.args[0]);
    const joinList = joinArg && ts().isArrayLiteralExpression(joinArg) ? joinArg.elements : undefined;
    if (joinList && joinList.length > 1) {
      readCompositeJoin(src, decl, property, target, relation, joinList);
      return;
    }
    // (Its options spreads merged: one that does not evaluate may name the column.)
    const jcArg = joinList ? joinList[0] : joinColumn?.args[0];
    // (`@JoinColumn(profileStudentJoinColumn)`: the options a constant holds, read where it is written.)
    const jcRead = decoratorOptionsOf(jcArg);
    const jc = jcRead.options;
    const name = stringValue(jc?.get('name'));
    const nameNode = jc?.get('name');
    const jcUnread = jcRead.unread && jcRead.unknown?.('name') ? jcRead.unread : undefined;
    const referenced = stringValue(jc?.get('referencedColumnName'));
    // The relation's options (its last argument after the target, an object or a name holding one), spreads merged.
    const last = relation.args.length >= 2 ? unwrap(relation.args[relation.args.length - 1]) : undefined;
    const optionsRead = last && (ts().isObjectLiteralExpression(last) || ((ts().isIdentifier(last) || ts().isPropertyAccessExpression(last)) && stringValue(throughConstant(last)) === undefined)) ? columnOptionsOf(last) : {};
    const relationOptions = optionsRead.options ?? objectProps(relation.args[relation.args.length - 1]);
    const nullableNode = relationOptions?.get('nullable');
    const spreadUnread = optionsRead.unread;
    const nullableAfterSpread = !optionsRead.unknown?.('nullable');
    // Through a project decorator that computes or sets its options: Unknown. So is what options
    // spread from code may set (`{ ...relationOptions }` of a value computed at run time).
    const nullable: boolean | Unknown | undefined = relation.transformed || relation.changes?.includes('nullable')
      ? unknownValue('nullability given through a project decorator that changes its options', src.location(relation.node))
      : spreadUnread && !nullableAfterSpread ? unknownValue('relation options computed by code', src.location(spreadUnread))
      : nullableNode && booleanValue(nullableNode) === undefined ? unknownValue('nullability computed by code', src.location(nullableNode)) : booleanValue(nullableNode);
    // (A column another relation already joins on — `userId` of both `user` and `userProfile` — is
    // joined again: one foreign key each, as TypeORM makes them.)
    const existing = name ? decl.columns.find((c) => (c.name === name || (!c.name && c.property === name)) && !c.reference) : undefined;
    const column: OrmColumnDecl = existing ?? { primaryKey: false, unique: false, location: src.location(member.name) };
    if (!existing) {
      if (jcUnread) column.nameUnknown = unknownValue('join column options computed by code', src.location(jcUnread));
      else if (name) column.name = name;
      else if (nameNode) column.nameUnknown = unknownName('join column name computed by code', src.location(nameNode), nameNode);
      else column.joinColumnOf = property;
      column.relationProperty = property;
      column.nullable = nullable ?? true;
      column.indexFix = indexFix;
      if (propertyIndex) column.index = propertyIndexOf(src, propertyIndex);
      decl.columns.push(column);
    } else existing.relationProperty ??= property;
    // `{ primary: true }` (TypeORM 0.2; 0.3 no longer types it): the join column is part of the primary key.
    if (booleanValue(relationOptions?.get('primary')) === true && !relation.transformed) {
      column.primaryKey = true;
      column.nullable = false;
    }
    const noConstraint = makesNoConstraint(relationOptions);
    // TypeORM adds a unique constraint to a OneToOne's join column (a primary key is unique already).
    if (relation.name === 'OneToOne' && !column.primaryKey && !noConstraint) {
      column.unique = true;
      column.uniqueOfOneToOne = true;
    }
    column.reference = {
      targetClass: target, targetColumns: referenced ? [referenced] : undefined, text: target,
      location: src.location(relation.node), ...(noConstraint ? { noConstraint: true as const } : {}),
    };
  }
}

/**
 * A closure table's options (`@Tree('closure-table', options)`, an EntitySchema's `trees` entry):
 * its name, and its columns' — `ancestorColumnName: () => 'ancestor_id'`, a function that returns
 * one literal, names the column; one that computes the name from the column it is given is code.
 */
function closureTableOf(options: Map<string, TS.Expression> | undefined, level: boolean, location: Location): NonNullable<OrmEntityDecl['closureTable']> {
  const name = stringValue(options?.get('closureTableName'));
  const named = (key: string) => {
    const fn = options?.get(key);
    return { given: !!fn, name: fn ? stringValue(returnedExpression(unwrap(fn))) : undefined };
  };
  const ancestor = named('ancestorColumnName');
  const descendant = named('descendantColumnName');
  return {
    ...(name ? { name } : {}), level, location,
    namedByCode: (ancestor.given && ancestor.name === undefined) || (descendant.given && descendant.name === undefined),
    ...(ancestor.name !== undefined ? { ancestorName: ancestor.name } : {}), ...(descendant.name !== undefined ? { descendantName: descendant.name } : {}),
  };
}

/** `nsleft`/`nsright` (integer NOT NULL, defaults 1 and 2) of a nested set, `mpath` (varchar NULL, default '') of a materialized path. */
function treeColumns(kind: 'nested-set' | 'materialized-path', location: OrmColumnDecl['location']): OrmColumnDecl[] {
  const column = (name: string, type: ColumnType, nullable: boolean, serverDefault: string): OrmColumnDecl => ({
    name, property: name, primaryKey: false, unique: false, type, nullable, serverDefault, location,
  });
  return kind === 'nested-set'
    ? [column('nsleft', typeormType('integer', "@Tree('nested-set')"), false, '1'), column('nsright', typeormType('integer', "@Tree('nested-set')"), false, '2')]
    : [column('mpath', typeormType('varchar', "@Tree('materialized-path')"), true, ormStringDefault(''))];
}

/**
 * A many-to-one or a one-to-one whose join columns are listed, each named with the target property it
 * refers to: those columns, and one foreign key over them (a one-to-one's UNIQUE over them too).
 * Anything less literal, or a relation a project decorator transforms, leaves the entity incomplete.
 */
function readCompositeJoin(src: TsFile, decl: OrmEntityDecl, property: string, target: string, relation: DecoratorInfo, list: TS.NodeArray<TS.Expression>): void {
  compositeJoin(src, decl, property, target, list, relation.transformed ? undefined : relation.name === 'ManyToOne' ? 'many-to-one' : 'one-to-one', objectProps(relation.args[relation.args.length - 1]), relation.node);
}

/**
 * A relation's listed join columns (`[{ name, referencedColumnName }, …]`, of `@JoinColumn` or an
 * EntitySchema relation's `joinColumn`): those columns, and one key over them all — of a one-to-one,
 * unique together (RelationJoinColumnBuilder's unique constraint over the foreign key's columns).
 * A relation not read (`kind` undefined), or a column not written as a literal: Unknown.
 */
function compositeJoin(src: TsFile, decl: OrmEntityDecl, property: string, target: string, list: readonly TS.Expression[], kind: 'many-to-one' | 'one-to-one' | undefined, options: Map<string, TS.Expression> | undefined, at: TS.Node): void {
  const parts = list.map((e) => objectProps(e)).map((o) => ({ name: stringValue(o?.get('name')), referenced: stringValue(o?.get('referencedColumnName')) }));
  if (!kind || parts.some((p) => !p.name || !p.referenced)) {
    (decl.incomplete ??= []).push(`the join columns of ${property}`);
    (decl.relationsUnread ??= []).push(property);
    return;
  }
  const nullable = booleanValue(options?.get('nullable'));
  for (const part of parts) {
    const existing = decl.columns.find((c) => c.name === part.name || (!c.name && c.property === part.name));
    if (existing) existing.relationProperty ??= property;
    else decl.columns.push({ name: part.name, relationProperty: property, primaryKey: false, unique: false, nullable: nullable ?? true, location: src.location(at) });
  }
  (decl.compositeReferences ??= []).push({
    property, columns: parts.map((p) => p.name!), targetClass: target, targetProperties: parts.map((p) => p.referenced!), text: target, location: src.location(at),
    ...(makesNoConstraint(options) ? { noConstraint: true as const } : {}), ...(kind === 'one-to-one' ? { oneToOne: true as const } : {}),
  });
}

/**
 * `createForeignKeyConstraints: false`: the join columns are there, but neither the FOREIGN KEY nor
 * a one-to-one's UNIQUE (RelationJoinColumnBuilder makes both or neither).
 */
function makesNoConstraint(relationOptions: Map<string, TS.Expression> | undefined): boolean {
  const option = relationOptions?.get('createForeignKeyConstraints');
  return !!option && booleanValue(option) === false;
}

/** `@Index()`, `@Index({ unique: true })`, `@Index("name", { unique: true })` on a property. */
function propertyIndexOf(src: TsFile, d: DecoratorInfo): NonNullable<OrmColumnDecl['index']> {
  const t = ts();
  // @Index(), @Index(options), @Index(name), @Index(name, options).
  // (Options a constant holds — `@Index(uniqueIndex)` — are options too.)
  const first = d.args[0] && withoutTypeAssertions(d.args[0]);
  const firstIsName = !!first && !t.isObjectLiteralExpression(first) && !optionsObjectOf(first);
  const written = d.args[firstIsName ? 1 : 0];
  const optionsNode = written && (optionsObjectOf(written) ?? written);
  const options = objectProps(optionsNode);
  const index: NonNullable<OrmColumnDecl['index']> = { location: src.location(d.node), removal: src.lineRemoval(d.node) };
  const name = firstIsName ? stringValue(first) : undefined;
  if (name !== undefined) index.name = name;
  if (flagValue(options?.get('unique')) === true) index.unique = true;
  const where = stringValue(options?.get('where'));
  if (where !== undefined) index.where = where;
  // (`@Index('IDX_NOTE_TAGS', { synchronize: false })`: a GIN index the migrations make, its kind Unknown.)
  const optionsUnknown = options?.has('where') && where === undefined ? 'code' : indexOptionsUnknown(optionsNode, options);
  if (optionsUnknown) index.optionsUnknown = optionsUnknown;
  return index;
}

/**
 * An `@Index`'s options given by code (spread from elsewhere, a constant of another module), or saying
 * TypeORM does not make it (`synchronize: false`: the migrations keep it): what it is beyond its
 * columns is Unknown, on the class as on a property.
 */
function indexOptionsUnknown(optionsNode: TS.Expression | undefined, options: Map<string, TS.Expression> | undefined): 'code' | 'not-synchronized' | undefined {
  const t = ts();
  // (`unique: flag()`: whether the index is unique is Unknown; a `const` of the module is what it holds.)
  const flagByCode = (key: string) => flagValue(options?.get(key)) === 'computed';
  const byCode = (!!optionsNode && !options) || (!!optionsNode && t.isObjectLiteralExpression(optionsNode) && optionsNode.properties.some((p) => !t.isPropertyAssignment(p) && !t.isShorthandPropertyAssignment(p)))
    || flagByCode('synchronize') || flagByCode('unique');
  if (byCode) return 'code';
  return options?.has('synchronize') && booleanValue(options.get('synchronize')) === false ? 'not-synchronized' : undefined;
}

/**
 * `@ForeignKey('countries')`, `@ForeignKey(() => Country, (c) => c.code)`, `@ForeignKey<User>('User',
 * 'uuid', { name })` on a column: a key from it to the target's column (its primary key when none is
 * named). A string names an entity or a table.
 */
function foreignKeyOf(src: TsFile, decl: OrmEntityDecl, column: OrmColumnDecl, property: string, d: DecoratorInfo): void {
  const target = relationTarget(d.args[0]);
  const second = d.args[1];
  const referenced = second && !objectProps(second) ? relationTarget(second) : undefined;
  if (!target || (second && !objectProps(second) && !referenced)) {
    (decl.incomplete ??= []).push(`the foreign key of ${property}`);
    return;
  }
  column.reference = {
    targetClass: target, ...(stringValue(d.args[0]) !== undefined ? { orTable: true as const } : {}),
    ...(referenced ? { targetColumns: [referenced] } : {}), text: target, location: src.location(d.node),
  };
}

/** `() => User` / `type => User` / `'User'` → `User`. */
function relationTarget(node: TS.Expression | undefined): string | undefined {
  const t = ts();
  if (!node) return undefined;
  const s = stringValue(node);
  if (s) return s;
  const returned = returnedExpression(node);
  if (returned && t.isIdentifier(returned)) return returned.text;
  if (returned && t.isPropertyAccessExpression(returned)) return returned.name.text;
  if (t.isIdentifier(node)) return node.text;
  return undefined;
}

/**
 * Column options written as a call (`id()`) or spreading one (`{ ...id(), comment }`): the function's
 * name (ref undefined when it is not a plain name, or takes arguments: options computed by code).
 */
function sharedOptionsCall(node: TS.Expression | undefined): { ref?: NameRef; text: string } | undefined {
  const t = ts();
  if (!node) return undefined;
  const call = t.isCallExpression(node) ? node
    : t.isObjectLiteralExpression(node) ? node.properties.map((p) => (t.isSpreadAssignment(p) && t.isCallExpression(unwrap(p.expression)) ? unwrap(p.expression) : undefined)).find((e): e is TS.Expression => !!e) : undefined;
  if (!call) return undefined;
  if (!t.isCallExpression(call) || call.arguments.length) return { text: call.getText() };
  const ref = nameRefOf(call.expression);
  return { ...(ref ? { ref } : {}), text: call.getText() };
}

/** The names the sizes are written as (`length: EMAIL_MAX`); a size that is no plain name is left out. */
/**
 * A column's `default` as TypeORM writes it into the table (PostgresDriver.normalizeDefault): a
 * string quoted, SQL as `() => 'now()'` returns it, numbers, booleans and bigints as their digits, a
 * literal array or object as TypeORM serialises it; an enum member, a constant, a call: Unknown to a
 * syntax reader (a name is evaluated by the resolution layer). `at`: the file the options are written in.
 */
function typeormDefault(def: TS.Expression, options: Map<string, TS.Expression> | undefined, at: TsFile): OrmColumnDecl['serverDefault'] {
  const t = ts();
  const s = stringValue(def);
  if (s !== undefined) return ormStringDefault(s);
  if (t.isArrowFunction(def) && returnedExpression(def)) {
    const sql = returnedExpression(def)!;
    return stringValue(sql) ?? sql.getText();
  }
  if (t.isNumericLiteral(def) || def.kind === t.SyntaxKind.TrueKeyword || def.kind === t.SyntaxKind.FalseKeyword || def.kind === t.SyntaxKind.NullKeyword ||
    (t.isPrefixUnaryExpression(def) && t.isNumericLiteral(def.operand))) return def.getText();
  // `default: 0n`: TypeORM writes a bigint as its digits.
  if (t.isBigIntLiteral(def) || (t.isPrefixUnaryExpression(def) && t.isBigIntLiteral(def.operand))) return def.getText().replace(/n$/, '');
  return (t.isArrayLiteralExpression(def) ? arrayLiteralDefault(def, options) : t.isObjectLiteralExpression(def) ? objectLiteralDefault(def) : undefined)
    ?? (t.isArrayLiteralExpression(def) ? arrayDefaultOfNames(def, options, at.location(def)) : undefined)
    ?? unknownName('default computed by code', at.location(def), def);
}

function sizeRefs(options: Map<string, TS.Expression>, sizes: readonly ('length' | 'precision' | 'scale')[]): NonNullable<OrmColumnDecl['typeSizes']>['refs'] {
  const refs: NonNullable<OrmColumnDecl['typeSizes']>['refs'] = {};
  for (const k of sizes) {
    const ref = nameRefOf(options.get(k));
    if (ref) refs[k] = ref;
  }
  return refs;
}

/** `resolveDbType("timestamptz")`: a call of a name with literal arguments (null: any other argument). */
function typeCallOf(node: TS.Expression): { ref: NameRef; args: (string | null)[] } | undefined {
  const t = ts();
  const call = unwrap(node);
  if (!t.isCallExpression(call)) return undefined;
  const ref = nameRefOf(call.expression);
  if (!ref) return undefined;
  return { ref, args: call.arguments.map((a) => stringValue(unwrap(a)) ?? null) };
}

/** The options as TypeORM gets them from a project decorator that writes some itself (see DecoratorInfo.presets). */
function withPresets(options: Map<string, TS.Expression> | undefined, presets: DecoratorInfo['presets']): Map<string, TS.Expression> | undefined {
  if (!presets?.size) return options;
  const out = new Map(options ?? []);
  for (const [key, preset] of presets) if (!(preset.under && out.has(key))) out.set(key, preset.node);
  return out;
}

function readColumn(src: TsFile, property: string, d: DecoratorInfo, designType: string | undefined): OrmColumnDecl {
  const t = ts();
  // `@Column(() => Address, { prefix })`: an embedded class, whose columns the builder adds.
  const embedded = d.name === 'Column' ? returnedExpression(d.args[0]) : undefined;
  const embeddedClass = embedded && t.isIdentifier(embedded) ? embedded.text : undefined;
  if (embeddedClass) {
    const prefixNode = objectProps(d.args[1])?.get('prefix');
    const prefixText = stringValue(prefixNode);
    const prefixFlag = booleanValue(prefixNode);
    const column: OrmColumnDecl = { property, primaryKey: false, unique: false, location: src.location(d.node), embedded: { className: embeddedClass } };
    if (prefixText !== undefined) column.embedded!.prefix = prefixText === '' ? false : prefixText;
    else if (prefixFlag === false) column.embedded!.prefix = false;
    else if (prefixNode && prefixFlag === undefined) column.nameUnknown = unknownName('prefix of an embedded class computed by code', src.location(prefixNode), prefixNode);
    return column;
  }
  const typeArg = d.fixedType ?? stringValue(d.args[0]);
  // `@Column(type, options)` / `@Column(options)`: a first argument that is not the type written
  // as a string is the type when options follow it (`@Column(ColumnType.Text, { … })`), else the
  // options — a date or version column takes options only; for a name, whatever it holds.
  const dateOrVersion = /^(Create|Update|Delete)DateColumn$|^VersionColumn$/.test(d.name);
  // (A call alone, `@PrimaryColumn(id())`, is read both ways: see sharedOptionsCall.)
  const soleCall = typeArg === undefined && d.args.length === 1 && ts().isCallExpression(unwrap(d.args[0]));
  const firstIsType = !d.fixedType && typeArg === undefined && !!d.args[0] && !dateOrVersion && !soleCall
    && (d.args.length > 1 || !(ts().isObjectLiteralExpression(unwrap(d.args[0])) || columnOptionsOf(d.args[0]).options));
  const optionsNode = d.fixedType || (typeArg === undefined && !firstIsType) ? d.args[0] : d.args[1];
  const read = columnOptionsOf(optionsNode);
  const options = withPresets(read.options, d.presets);
  // `@Column(auditOptions)` of a name this reader cannot evaluate: a type or options, what it
  // sets is Unknown either way (a member, `@Column(ColumnType.Text)`, is taken for a type).
  const unread = read.unread ?? (firstIsType && d.args.length === 1 && ts().isIdentifier(unwrap(d.args[0])) && stringValue(constantOf(d.args[0])) === undefined ? d.args[0] : undefined);
  const column: OrmColumnDecl = { property, primaryKey: false, unique: false, location: src.location(d.node) };
  // Options made by a function of the project: `@PrimaryColumn(id())`, `@Column({ ...id(), nullable: true })`.
  const optionsCall = read.fromCall ? undefined : sharedOptionsCall(optionsNode);
  const explicitName = stringValue(options?.get('name'));
  if (explicitName) column.name = explicitName;
  else if (options?.get('name')) column.nameUnknown = unknownName('column name computed by code', src.location(options.get('name')!), options.get('name')!);
  const typeName = typeArg ?? stringValue(options?.get('type'));
  // A type written but not as a literal (`type: resolveDbType("timestamptz")`): Unknown, never the default.
  const typeNode = firstIsType || (soleCall && !read.fromCall) ? d.args[0] : options?.get('type');
  // `type: String` (how `string | null` columns are typed): the type TypeORM gives that constructor.
  const constructorType = typeName === undefined && typeNode && ts().isIdentifier(typeNode) && DESIGN_CONSTRUCTORS.has(typeNode.text) ? typeNode.text : undefined;
  const typeUnknown = typeName === undefined && !constructorType && typeNode && !ts().isArrowFunction(typeNode) ? unknownValue('type computed by code', src.location(typeNode)) : undefined;
  let type: ColumnType | undefined;
  switch (d.name) {
    case 'PrimaryGeneratedColumn':
      // Its first argument is the strategy (`'increment'`, `'identity'`, `'uuid'`, `'rowid'`), not a type:
      // a uuid for `'uuid'`, else the options' type or an integer.
      column.primaryKey = true;
      type = typeArg === 'uuid' ? typeormType('uuid', `@PrimaryGeneratedColumn('uuid')`) : typeormType(stringValue(options?.get('type')) ?? 'integer', '@PrimaryGeneratedColumn()');
      break;
    case 'PrimaryColumn':
      column.primaryKey = true;
      break;
    case 'CreateDateColumn': case 'UpdateDateColumn': case 'DeleteDateColumn':
      if (!typeName && !typeUnknown) type = typeormType('timestamp', `@${d.name}()`, typeOptions(options));
      if (d.name === 'DeleteDateColumn') column.nullable = true;
      break;
    case 'VersionColumn':
      if (!typeName && !typeUnknown) type = typeormType('integer', '@VersionColumn()');
      break;
    default:
  }
  const argumentIsStrategy = d.name === 'PrimaryGeneratedColumn' && typeName === typeArg;
  if (typeName && !argumentIsStrategy) type = typeormType(typeName, `type '${typeName}'`, typeOptions(options));
  else if (!type && !typeUnknown && !optionsCall) type = typeormDesignType(constructorType ?? designType, typeOptions(options));
  if (optionsCall && optionsCall.ref) {
    // What the function returns is read by the resolution layer: until then, the type is Unknown.
    const explicit = [...(options?.keys() ?? [])];
    column.optionsFrom = { call: optionsCall.ref, written: optionsCall.text, ...(typeName ? { typeName } : {}), ...(designType ? { designType } : {}), options: typeOptions(options), explicit };
    if (!typeName) type = undefined;
  }
  const optionsUnread = optionsCall && !optionsCall.ref ? unknownValue('options computed by code', src.location(optionsNode!))
    : unread ? unknownName('options computed by code', src.location(unread), unread) : undefined;
  // `length: EMAIL_MAX`: the size is a name, so the type is Unknown until it evaluates (never the unsized type).
  const sizes = (['length', 'precision', 'scale'] as const).filter((k) => options?.get(k) && numberValue(options.get(k)) === undefined && stringValue(options.get(k)) === undefined);
  if (type && sizes.length && !typeUnknown) {
    const refs = sizeRefs(options!, sizes);
    const first = options!.get(sizes[0])!;
    column.type = unknownName(`${sizes[0]} computed by code`, src.location(first), first);
    if (Object.keys(refs).length === sizes.length) column.typeSizes = { ...(typeName ? { typeName } : { designType }), written: typeName ? `type '${typeName}'` : `${designType}`, options: typeOptions(options), refs };
  } else if (type && !column.optionsFrom) column.type = type;
  else if (typeUnknown && typeNode && nameRefOf(typeNode) && !optionsCall) {
    // `type: ColumnType.Description`: a name of the project, evaluated by the resolution layer
    // (with the sizes, when they are names too); Unknown until then, and where it does not evaluate.
    const refs = sizeRefs(options!, sizes);
    column.type = typeUnknown;
    if (Object.keys(refs).length === sizes.length) column.typeSizes = { typeRef: nameRefOf(typeNode)!, written: typeNode.getText(src.sf), options: typeOptions(options), refs };
  } else if (typeUnknown && typeNode && typeCallOf(typeNode) && !optionsCall) {
    // `type: resolveDbType("timestamptz")`: a function of the project, evaluated by the resolution
    // layer when it returns an argument as it is; Unknown until then, and where it does not.
    const refs = sizeRefs(options!, sizes);
    column.type = typeUnknown;
    if (Object.keys(refs).length === sizes.length) column.typeSizes = { typeCall: typeCallOf(typeNode)!, written: typeNode.getText(src.sf), options: typeOptions(options), refs };
  } else if (typeUnknown) column.type = typeUnknown;
  else if (column.optionsFrom || optionsUnread) column.type = optionsUnread ?? unknownName(`options from ${column.optionsFrom!.written}`, src.location(optionsNode!), optionsNode!);
  // A property typed by a name of the project (`status: OrderStatus`): its design type is what the
  // name is — an enum of numbers is Number, of strings String — read by the resolution layer; Unknown till then.
  const designRef = !type && !typeName && !typeUnknown && !optionsCall && !constructorType && column.type === undefined ? designTypeRef(designType) : undefined;
  if (designRef) {
    column.designTypeRef = { ref: designRef, written: designType!, options: typeOptions(options) };
    column.type = unknownValue(`type of the design type ${designType}`, src.location(d.node));
  }
  // Written through a project decorator that computes its options, or sets some of them itself
  // (`{ ...options, type: resolveDbType(type) }`): what the call site says of those is not what TypeORM gets.
  const wrapperSets = (option: string) => d.transformed === true || (d.changes?.includes(option) ?? false);
  const byWrapper = (what: string) => unknownValue(`${what} given through a project decorator that changes its options`, src.location(d.node));
  if (TYPE_OPTIONS.some((o) => wrapperSets(o) && optionShapesType(o, column.type)) && !isUnknown(column.type)) {
    column.type = byWrapper('type');
    delete column.typeSizes;
  } else if (d.typeVia) column.typeVia = { ...d.typeVia, ...(typeName !== undefined && !argumentIsStrategy ? { argument: typeName, options: typeOptions(options) } : {}) };
  // `generated: 'uuid'` (the Column decorator records it as @Generated does): a uuid whatever the
  // type written, `'rowid'` an integer (EntityMetadataBuilder); a strategy computed by code, Unknown.
  const generatedNode = options?.get('generated');
  const generatedFlag = generatedNode ? booleanValue(generatedNode) : undefined;
  const generatedStrategy = generatedNode ? stringValue(generatedNode) ?? (generatedFlag === true ? 'increment' : generatedFlag === false ? 'none' : undefined) : undefined;
  if (generatedStrategy === 'uuid') column.type = typeormType('uuid', "generated: 'uuid'");
  else if (generatedStrategy === 'rowid') column.type = typeormType('int', "generated: 'rowid'");
  else if (generatedNode && generatedStrategy === undefined) column.type = unknownValue('generation strategy computed by code', src.location(generatedNode));
  if (column.primaryKey) column.nullable = false;
  const nullableNode = options?.get('nullable');
  const nullable = booleanValue(nullableNode);
  if (wrapperSets('nullable') && !column.primaryKey) column.nullable = byWrapper('nullability');
  else if (nullable !== undefined && !column.primaryKey) column.nullable = nullable;
  // `nullable: null`: TypeORM makes NOT NULL of anything but `true` (its query runners test `isNullable !== true`).
  else if (nullableNode && unwrap(nullableNode).kind === ts().SyntaxKind.NullKeyword && !column.primaryKey) column.nullable = false;
  else if (nullableNode && !column.primaryKey) column.nullable = booleanValue(throughConstant(unwrap(nullableNode))) ?? unknownBoolean('nullability computed by code', src.location(nullableNode), nullableNode);
  // TypeORM's ColumnMetadata: "default: null is the same as nullable: true" (unless nullable is given).
  else if (options?.get('default')?.kind === ts().SyntaxKind.NullKeyword && !column.primaryKey) column.nullable = true;
  else if (column.nullable === undefined && !column.primaryKey) column.nullable = false; // TypeORM columns are NOT NULL unless nullable: true
  if (wrapperSets('name') && !column.nameUnknown) {
    delete column.name;
    column.nameUnknown = byWrapper('column name');
  }
  // (`unique: UNIQUE_EMAILS`, a `const` of the module, is what it holds; one given by code leaves the
  // column's own index Unknown, and a `primary` given by code the table's key.)
  // (Options another module lent are located there: only this file's are said to be computed.)
  const flagOf = (key: string) => {
    const node = options?.get(key);
    const value = flagValue(node);
    return { node, value: value === 'computed' ? undefined : value, computed: value === 'computed' && node!.getSourceFile() === src.sf };
  };
  const uniqueFlag = flagOf('unique');
  if (uniqueFlag.value === true) column.unique = true;
  else if (uniqueFlag.computed) column.indexUnknown = { reason: 'uniqueness computed by code', location: src.location(uniqueFlag.node!) };
  const primaryFlag = flagOf('primary');
  if (primaryFlag.value === true) column.primaryKey = true;
  else if (primaryFlag.computed) column.primaryKeyUnknown = true;
  // (`default: undefined`: no default, as if not written — TypeORM's normalizeDefault.)
  const def = options?.get('default') && !isUndefined(options.get('default')!) ? options.get('default') : undefined;
  if (def) column.serverDefault = typeormDefault(def, options, src);
  // A falsy `default` does not override a base class's (see withInheritedColumns).
  if (def && isFalsyLiteral(def)) column.falsyDefault = true;
  if (wrapperSets('default')) column.serverDefault = byWrapper('default');
  // A create or update date column whose default is falsy gets TypeORM's own (ColumnMetadata: `if (!this.default)`).
  else if ((d.name === 'CreateDateColumn' || d.name === 'UpdateDateColumn') && def && isFalsyLiteral(def)) delete column.serverDefault;
  // (Options a project decorator writes are not in this file: no edit goes there.)
  if (optionsNode && ts().isObjectLiteralExpression(optionsNode) && optionsNode.getSourceFile() === src.sf) column.optionAnchor = src.objectAnchor(optionsNode);
  // Options a call with arguments makes (`@Column(textColumn(120))`, `{ ...sized(80), name }`): what it
  // sets is Unknown as for options spread from code (the last such call: keys written after it stand).
  const unreadCall = !unread && optionsCall && !optionsCall.ref && optionsNode ? (ts().isCallExpression(unwrap(optionsNode)) ? optionsNode
    : ts().isObjectLiteralExpression(unwrap(optionsNode)) ? [...(unwrap(optionsNode) as TS.ObjectLiteralExpression).properties].reverse().find((p): p is TS.SpreadAssignment => ts().isSpreadAssignment(p) && ts().isCallExpression(unwrap(p.expression)))?.expression : undefined) : undefined;
  if (unreadCall) {
    const nullableNode = options?.get('nullable');
    if (!column.primaryKey && !writtenAfter(nullableNode, unreadCall)) column.nullable = optionsUnread!;
    if (!writtenAfter(options?.get('default'), unreadCall)) column.serverDefault = optionsUnread!;
  }
  if (unread) {
    // Options spread from what this reader cannot evaluate may set any of them: what the column's
    // type, nullability and default are is Unknown (its name and keys are as written).
    // A name given alone may be the type (`@Column(datetimeType)`): the resolution layer tells, and
    // when it holds a type name, the column has TypeORM's defaults for the rest.
    const mayBeType = unread === d.args[0] && firstIsType && !!column.typeSizes?.typeRef;
    if (mayBeType) column.typeSizes!.nameMayBeOptions = true;
    else {
      column.type = optionsUnread!;
      delete column.typeSizes;
      delete column.designTypeRef;
    }
    // (What a key written after the spread says stands; one given whole may set anything.)
    const mayHaveSet = (key: string) => (unread === read.unread ? read.unknown?.(key) ?? true : true);
    if (!column.primaryKey && mayHaveSet('nullable')) column.nullable = optionsUnread!;
    if (column.serverDefault === undefined || mayHaveSet('default')) column.serverDefault = optionsUnread!;
  }
  return column;
}

/** Whether an option is written after a spread in the same object (so the spread cannot have set it). */
function writtenAfter(option: TS.Node | undefined, spread: TS.Node | undefined): boolean {
  return !!option && !!spread && option.getSourceFile() === spread.getSourceFile() && option.pos > spread.pos;
}

/**
 * A column's options as JavaScript builds the object: its properties over what it spreads — a
 * constant of the file or one another module lends (`{ ...timestampOptions, onUpdate }`) — or a
 * constant given whole (`@CreateDateColumn(timestampOptions)`); a later property wins. `unread`:
 * an options object, or a spread, this reader cannot evaluate (a call is read apart: see
 * sharedOptionsCall), so that what it may set is Unknown.
 */
function columnOptionsOf(node: TS.Expression | undefined, depth = 0): ColumnOptions {
  const t = ts();
  if (!node) return {};
  // `@Column(textColumn(120))`, `{ ...sized(80), name: 'code' }`: what a function of the project returns
  // for the literals the call gives (its defaults for the others), where it evaluates; else read
  // apart (sharedOptionsCall: Unknown, or the resolution layer's for a call without arguments).
  const called = unwrap(node);
  if (t.isCallExpression(called) && called.arguments.length) return callOptions(called, depth) ?? {};
  // `{ ...(isMySQL() ? { type: "longtext" } : {}) }`: the options PostgreSQL's branch gives.
  let o = constantOf(postgresExpression(unwrap(node)));
  if (!t.isObjectLiteralExpression(o) && (t.isIdentifier(o) || t.isPropertyAccessExpression(o))) {
    const lent = lentLiteral(o);
    if (!lent) return unreadOptions(node);
    o = unwrap(lent);
  }
  // A call written there (`id()`, `...id()`) is read apart (sharedOptionsCall); a constant holding
  // one (`const extra = JSON.parse(…)`), and anything else, is computed by code.
  if (!t.isObjectLiteralExpression(o)) return t.isCallExpression(o) && o === unwrap(node) ? {} : unreadOptions(node);
  const options = new Map<string, TS.Expression>();
  // The last spread that does not evaluate (in this object: where what it spreads is), and the keys
  // it may have set.
  let unread: TS.Expression | undefined;
  const keys = new SpreadKeys();
  const set = (key: string, value: TS.Expression) => {
    options.set(key, value);
    keys.written(key);
  };
  const spread = (inner: ColumnOptions, at: TS.Expression) => {
    for (const [k, v] of inner.options ?? []) options.set(k, v);
    if (inner.unread) unread = at;
    keys.spreadOf(inner.options?.keys() ?? [], inner.keys ?? new SpreadKeys());
  };
  const calls = { written: 0, evaluated: 0 };
  for (const p of o.properties) {
    if (t.isPropertyAssignment(p)) {
      const name = t.isIdentifier(p.name) || t.isStringLiteral(p.name) ? p.name.text : undefined;
      // (`type: "varchar" as const`: a type changes no value; `type: isSqlite ? "text" : "json"`:
      // PostgreSQL's branch, see databaseBranch.ts.)
      if (name) set(name, postgresExpression(unwrap(p.initializer)));
    } else if (t.isShorthandPropertyAssignment(p)) set(p.name.text, p.name);
    else if (t.isSpreadAssignment(p) && t.isCallExpression(unwrap(p.expression))) {
      const inner = depth < 4 ? callOptions(unwrap(p.expression) as TS.CallExpression, depth + 1) : undefined;
      if (inner) {
        spread(inner, p.expression);
        calls.evaluated++;
      }
      calls.written++;
    } else if (t.isSpreadAssignment(p)) {
      spread(depth < 4 ? columnOptionsOf(p.expression, depth + 1) : unreadOptions(p.expression), p.expression);
    }
  }
  const unknown = (key: string) => keys.unknown(key);
  return { options, keys, ...(unread ? { unread, unknown } : {}), ...(calls.written && calls.evaluated === calls.written ? { fromCall: true } : {}) };
}

/**
 * A decorator's options argument (`@JoinColumn({ … })`, `@JoinTable(tagsJoinTable)`): an object
 * literal, or what a constant or a call of the project evaluates to; anything else — a call that
 * does not evaluate, an argument of another module not lent — does not evaluate: any key may be set.
 */
function decoratorOptionsOf(node: TS.Expression | undefined): ColumnOptions {
  if (!node) return {};
  const read = columnOptionsOf(node);
  return read.options || read.unread ? read : unreadOptions(node);
}

/**
 * The properties an index's or a key's fields function names — `(member) => [member.tenant,
 * member.email]`, or `({ tenant: 1, email: 1 })` — as TypeORM reads it (by property path, a
 * relation's standing for its join columns), like the names written as strings; undefined for any
 * other function.
 */
function propertyPathsOf(node: TS.Expression): string[] | undefined {
  const t = ts();
  const fn = unwrap(node);
  if (!(t.isArrowFunction(fn) || t.isFunctionExpression(fn)) || fn.parameters.length !== 1 || !t.isIdentifier(fn.parameters[0].name)) return undefined;
  const param = fn.parameters[0].name.text;
  const body = t.isBlock(fn.body) ? (fn.body.statements.length === 1 && t.isReturnStatement(fn.body.statements[0]) ? fn.body.statements[0].expression : undefined) : fn.body;
  const returned = body && unwrap(body);
  const path = (e: TS.Expression): string | undefined => {
    const x = unwrap(e);
    if (!t.isPropertyAccessExpression(x)) return undefined;
    if (t.isIdentifier(x.expression)) return x.expression.text === param ? x.name.text : undefined;
    const inner = path(x.expression);
    return inner && `${inner}.${x.name.text}`;
  };
  if (returned && t.isArrayLiteralExpression(returned)) {
    const paths = returned.elements.map(path);
    return paths.length && paths.every((p): p is string => !!p) ? paths : undefined;
  }
  if (returned && t.isObjectLiteralExpression(returned)) {
    const keys = returned.properties.map((p) => (t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) ? p.name.text : undefined));
    return keys.length && keys.every((k): k is string => !!k) ? keys : undefined;
  }
  return undefined;
}

/** What a value is as written, or what the constant holding it holds (of this module, or lent by another). */
function literalOf(node: TS.Expression): TS.Expression {
  const t = ts();
  let o = constantOf(postgresExpression(unwrap(node)));
  if (t.isIdentifier(o) || t.isPropertyAccessExpression(o)) {
    const lent = lentLiteral(o);
    if (lent) o = constantOf(unwrap(lent));
  }
  return o;
}

/** An object literal, or the one a constant holds: else undefined. */
function optionsObjectOf(node: TS.Expression): TS.ObjectLiteralExpression | undefined {
  const o = literalOf(node);
  return ts().isObjectLiteralExpression(o) ? o : undefined;
}

/** Options that do not evaluate: any key may be set. */
function unreadOptions(node: TS.Expression): ColumnOptions {
  const keys = new SpreadKeys();
  keys.spreadUnread();
  return { unread: node, keys, unknown: () => true };
}

/**
 * Options as columnOptionsOf reads them. `unread`: the last spread (or the options whole) that does
 * not evaluate; `unknown(key)`: whether it may have set that key — none written after it in the object.
 */
interface ColumnOptions {
  options?: Map<string, TS.Expression>;
  unread?: TS.Expression;
  keys?: SpreadKeys;
  unknown?: (key: string) => boolean;
  fromCall?: boolean;
}

/**
 * The options a call of the project's returns (`textColumn(120)` with `(length = 80, nullable = false) => ({ … })`):
 * read with each parameter what the call gives it, its values taken while those are bound; undefined
 * where the function does not evaluate (another module's not lent, a body of more than a return).
 */
function callOptions(call: TS.CallExpression, depth: number): ColumnOptions | undefined {
  const t = ts();
  const mark = boundParameters();
  try {
    const returned = resolved(call);
    if (!returned || returned === call || !t.isObjectLiteralExpression(returned)) return undefined;
    const inner = columnOptionsOf(returned, depth + 1);
    const options = inner.options && new Map([...inner.options].map(([k, v]) => {
      // (A parameter's value as this call gives it: a literal of the call, or the default.)
      const bound = boundValue(v);
      return [k, bound !== unwrap(v) && (scalarLiteral(bound) || bound.kind === t.SyntaxKind.NullKeyword || isUndefined(bound)) ? bound : v];
    }));
    return { ...(options ? { options } : {}), ...(inner.keys ? { keys: inner.keys } : {}), ...(inner.unread ? { unread: inner.unread, unknown: inner.unknown } : {}), fromCall: true };
  } finally {
    unbindParameters(mark);
  }
}

/**
 * `{}`, `{ theme: "light", sizes: [1, 2] }` as TypeORM writes an object default: its JSON, quoted
 * (PostgresDriver.normalizeDefault); undefined when a value in it is computed by code.
 */
function objectLiteralDefault(node: TS.ObjectLiteralExpression): string | undefined {
  const value = jsonValue(node, 0);
  return value === undefined ? undefined : `'${JSON.stringify(value)}'`;
}

/**
 * `["a", 1, true]` as TypeORM writes an array default: `'{a,1,true}'` for an `array: true` column,
 * the JSON `'["a",1,true]'` otherwise; undefined when an element, or `array`, is computed by code.
 */
function arrayLiteralDefault(node: TS.ArrayLiteralExpression, options: Map<string, TS.Expression> | undefined): string | undefined {
  const t = ts();
  const array = options?.get('array');
  const arrayColumn = array === undefined ? false : booleanValue(array);
  if (arrayColumn === undefined) return undefined;
  // A JSON column's default, nested objects and all.
  if (!arrayColumn) {
    const value = jsonValue(node, 0);
    return value === undefined ? undefined : `'${JSON.stringify(value)}'`;
  }
  const values: (string | number | boolean)[] = [];
  for (const e of node.elements) {
    const s = stringValue(e);
    if (s !== undefined) values.push(s);
    else if (t.isNumericLiteral(e)) values.push(Number(e.text));
    else if (e.kind === t.SyntaxKind.TrueKeyword || e.kind === t.SyntaxKind.FalseKeyword) values.push(e.kind === t.SyntaxKind.TrueKeyword);
    else return undefined;
  }
  return arrayColumn ? `'{${values.map(String).join(',')}}'` : `'${JSON.stringify(values)}'`;
}

/**
 * `default: [Role.USER]` on an array column (`array: true`): Unknown, with the elements — literals
 * and names — for the resolution layer to evaluate; undefined when an element is neither.
 */
function arrayDefaultOfNames(node: TS.ArrayLiteralExpression, options: Map<string, TS.Expression> | undefined, location: Location): OrmUnknown | undefined {
  const t = ts();
  const array = options?.get('array');
  if (!array || booleanValue(array) !== true) return undefined;
  const elements: (string | number | boolean | ValueRef)[] = [];
  for (const e of node.elements) {
    const s = stringValue(e);
    const ref = s === undefined && !t.isNumericLiteral(e) ? nameRefOf(e) : undefined;
    if (s !== undefined) elements.push(s);
    else if (t.isNumericLiteral(e)) elements.push(Number(e.text));
    else if (ref) elements.push(ref);
    else return undefined;
  }
  return { ...unknownValue('default naming constants', location), arrayOf: elements };
}

/**
 * What every value of a computed name starts with: the literal head of a template (`__chart__${x}`)
 * or of a concatenation, for each branch of a conditional; a branch that cannot produce a name
 * (`new Error(…) as never`) is left out. Undefined when some value may start with anything.
 */
function namePrefixes(node: TS.Expression): string[] | undefined {
  const t = ts();
  let n: TS.Expression = node;
  while (t.isParenthesizedExpression(n)) n = n.expression;
  const literal = stringValue(n);
  if (literal !== undefined) return literal ? [literal] : undefined;
  if (t.isTemplateExpression(n)) return n.head.text ? [n.head.text] : undefined;
  if (t.isBinaryExpression(n) && n.operatorToken.kind === t.SyntaxKind.PlusToken) return namePrefixes(n.left);
  if (t.isConditionalExpression(n)) {
    const out: string[] = [];
    for (const branch of [n.whenTrue, n.whenFalse]) {
      if (t.isAsExpression(branch) && branch.type.kind === t.SyntaxKind.NeverKeyword) continue;
      const p = namePrefixes(branch);
      if (!p) return undefined;
      out.push(...p);
    }
    return out.length ? out : undefined;
  }
  return undefined;
}

/**
 * `@TableInheritance({ column: { type: 'varchar', name: 'type' } })`: the discriminator column TypeORM
 * adds to the table (EntityMetadataBuilder: only when `column` is given; `type` its default name;
 * NOT NULL unless the options say otherwise), Unknown where the options are code.
 */
function singleTableOf(src: TsFile, inheritance: DecoratorInfo): NonNullable<OrmEntityDecl['singleTable']> {
  const location = src.location(inheritance.node);
  const options = objectProps(inheritance.args[0]);
  if (inheritance.args[0] && !options) return { location, discriminator: { property: 'type', primaryKey: false, unique: false, location, nameUnknown: unknownName('discriminator column computed by code', location, inheritance.args[0]) } };
  const column = options?.get('column');
  if (!column) return { location };
  const name = stringValue(column);
  const o = objectProps(column);
  const discriminator: OrmColumnDecl = { property: name ?? 'type', primaryKey: false, unique: false, location };
  if (name) {
    discriminator.name = name;
    // A name alone: the type is TypeORM's to choose for an untyped virtual column, not read here.
    discriminator.type = unknownValue('type of the discriminator column (not written)', location);
    discriminator.nullable = false;
    return { location, discriminator };
  }
  if (!o) return { location, discriminator: { ...discriminator, nameUnknown: unknownName('discriminator column computed by code', src.location(column), column) } };
  const written = stringValue(o.get('name'));
  if (written) discriminator.name = discriminator.property = written;
  else if (o.get('name')) discriminator.nameUnknown = unknownName('discriminator column name computed by code', src.location(o.get('name')!), o.get('name')!);
  else discriminator.name = 'type';
  const typeNode = o.get('type');
  const typeName = stringValue(typeNode);
  // `type: String` / `Number`: the constructor's design type, as for any column.
  const design = !typeName && typeNode && ts().isIdentifier(typeNode) && DESIGN_CONSTRUCTORS.has(typeNode.text) ? typeormDesignType(typeNode.text, typeOptions(o)) : undefined;
  discriminator.type = typeName ? typeormType(typeName, `type '${typeName}'`, typeOptions(o)) : design ?? unknownValue('type of the discriminator column', location);
  const nullable = booleanValue(o.get('nullable'));
  discriminator.nullable = nullable ?? (o.get('nullable') ? unknownValue('nullability computed by code', src.location(o.get('nullable')!)) : false);
  return { location, discriminator };
}

/**
 * The columns (or relations) of an EntitySchema as JavaScript builds the object: its properties,
 * spreads of constants of the file (`...BaseColumns`) or of another schema's (`...BaseEntity.options.columns`),
 * and a constant given whole (`columns: userColumns`); another module's, as the project lends them.
 * A spread or constant not read here, or a computed key, makes the entity's columns incomplete
 * (Unknown), never fewer than it has.
 */
function schemaEntries(node: TS.Expression | undefined, decl: OrmEntityDecl, what: 'columns' | 'relations', depth = 0): TS.PropertyAssignment[] {
  const t = ts();
  if (!node) return [];
  let o: TS.Expression | undefined = constantOf(node);
  // Another schema's (`...BaseEntity.options.columns`): this file's as written there.
  const option = entitySchemaOption(o);
  if (option) o = constantOf(option);
  // Another module's (`...BaseColumns`, `...BaseEntity.options.columns`), when the project lends them.
  if (!t.isObjectLiteralExpression(o)) o = lentLiteral(o) ?? o;
  if (!o || !t.isObjectLiteralExpression(o) || depth > 4) {
    (decl.incomplete ??= []).push(`${what} given by code (${node.getText()})`);
    return [];
  }
  const byName = new Map<string, TS.PropertyAssignment>();
  for (const p of o.properties) {
    if (t.isSpreadAssignment(p)) {
      for (const inner of schemaEntries(p.expression, decl, what, depth + 1)) byName.set((inner.name as TS.Identifier).text, inner);
    } else if (t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name))) byName.set(p.name.text, p);
    else (decl.incomplete ??= []).push(`${what === 'columns' ? 'column' : 'relation'} ${p.name?.getText() ?? 'given by code'}`);
  }
  return [...byName.values()];
}

/** A `const` of the file (or of an enclosing block) stands for its initialiser, through `as` casts; anything else as written. */
function constantOf(node: TS.Expression): TS.Expression {
  let e = unwrap(node);
  for (let depth = 0; depth < 8; depth++) {
    const next = unwrap(throughConstant(e));
    if (next === e) break;
    e = next;
  }
  return e;
}

/**
 * Whether `new X(…)` constructs TypeORM's EntitySchema, by what `X` is bound to: `EntitySchema`
 * (imported or required by that name), another name imported for it (`import { EntitySchema as
 * Schema } from 'typeorm'`), or a member of the module bound whole (`new typeorm.EntitySchema(…)` of
 * `const typeorm = require('typeorm')`, `import typeorm from 'typeorm'`, `import * as orm from 'typeorm'`).
 */
function constructsEntitySchema(callee: TS.Expression, imports: ReadonlyMap<string, { module: string; name: string }>, typeormBoundWhole: ReadonlySet<string>): boolean {
  const t = ts();
  if (t.isIdentifier(callee)) {
    const imported = imports.get(callee.text);
    return imported ? TYPEORM_MODULE.test(imported.module) && imported.name === 'EntitySchema' : callee.text === 'EntitySchema';
  }
  return t.isPropertyAccessExpression(callee) && callee.name.text === 'EntitySchema' && t.isIdentifier(callee.expression) && typeormBoundWhole.has(callee.expression.text);
}

/**
 * `BaseEntity.options.columns` (`.relations`): what another EntitySchema of this file was given
 * under that key — TypeORM's documented way to extend a schema (`columns: { ...BaseEntity.options.columns,
 * … }`). Undefined for anything else (another module's is lent: see schemaEntries).
 */
function entitySchemaOption(node: TS.Expression): TS.Expression | undefined {
  const t = ts();
  const e = unwrap(node);
  if (!t.isPropertyAccessExpression(e) || !t.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'options') return undefined;
  const schema = constantOf(e.expression.expression);
  if (!t.isNewExpression(schema) || !/(?:^|\.)EntitySchema$/.test(schema.expression.getText())) return undefined;
  return objectProps(schema.arguments?.[0])?.get(e.name.text);
}

/**
 * The class an EntitySchema's `target` names (`target: UserModel`, `target: models.UserModel`,
 * `import { UserModel as Model }` → `UserModel`): the name JavaScript gives the class, by which TypeORM
 * knows the entity; a string target is that name. Undefined for no target, or one computed by code.
 */
function schemaTargetClass(src: TsFile, target: TS.Expression | undefined): string | undefined {
  const t = ts();
  const e = target && unwrap(target);
  if (!e) return undefined;
  // (A string is the entity's name, as TypeORM takes a string target.)
  if (stringValue(e) !== undefined) return stringValue(e);
  if (t.isPropertyAccessExpression(e)) return e.name.text;
  if (!t.isIdentifier(e)) return undefined;
  const imported = importsOf(src.sf).get(e.text);
  return imported && imported.name !== 'default' ? imported.name : e.text;
}

/** `new EntitySchema({ name, tableName, schema, columns: { id: { type, primary, generated } }, relations, indices })`. */
function readEntitySchema(src: TsFile, node: TS.NewExpression): OrmEntityDecl | undefined {
  const t = ts();
  const props = objectProps(node.arguments?.[0]);
  const nameNode = props?.get('name');
  if (!props || !nameNode) return undefined;
  // `type: 'view'` (or a view's `expression`): a view, no table — as a @ViewEntity class.
  const kind = stringValue(props.get('type'));
  if (kind === 'view' || props.has('expression')) return undefined;
  // An entity named by code (a factory making one entity per chart): its name is what is written,
  // and with no literal `tableName` its table is Unknown — never dropped as if it were not there.
  const written = stringValue(nameNode) ?? nameNode.getText(src.sf);
  // `target: UserModel` (a class): TypeORM names the entity after the class, not after `name` — its
  // table (by the naming strategy, where `tableName` says nothing) and what string relations find it by.
  const name = schemaTargetClass(src, props.get('target')) ?? written;
  const decl: OrmEntityDecl = { orm: 'typeorm', name, location: src.location(node), columns: [], indexes: [], uniques: [], junctions: [] };
  const tableNameNode = props.get('tableName');
  const tableName = stringValue(tableNameNode);
  if (tableName) decl.tableName = tableName;
  else if (tableNameNode) decl.tableNameUnknown = unknownName('table name computed by code', src.location(tableNameNode), tableNameNode);
  else if (props.get('target') && !schemaTargetClass(src, props.get('target'))) {
    // A target class this reader cannot name (`target: classes.user()`): the table named after it is Unknown.
    decl.tableNameUnknown = unknownName('entity class computed by code', src.location(props.get('target')!), props.get('target')!);
  } else if (stringValue(nameNode) === undefined && name === written) decl.tableNameUnknown = unknownName('entity name computed by code', src.location(nameNode), nameNode);
  // `type: 'entity-child'`: a single-table child, whose columns are its parent's table's — which one
  // is not read here (its parent names it through `inheritance`): Unknown, as its table.
  if (kind === 'entity-child') decl.tableNameUnknown = unknownName('a single-table child: its columns are its parent\'s table\'s', src.location(props.get('type')!), props.get('type')!);
  // `inheritance: { pattern: 'STI', column }`: the discriminator and its children's columns are this
  // table's too; `embeddeds: { name: { schema, prefix } }`: another schema's columns, prefixed. Neither
  // is read here: the table's columns are incomplete (Unknown), never fewer than it has.
  if (props.has('inheritance')) (decl.incomplete ??= []).push('the columns of its single-table children (inheritance)');
  // `embeddeds: { location: { schema: GeoPointSchema, prefix: 'loc' } }`: the embedded schema's
  // columns, prefixed as an `@Column(() => GeoPoint)` embedding's are (the builder adds them).
  const embeddeds = props.get('embeddeds');
  const embeddedEntries = embeddeds ? objectProps(embeddeds) : undefined;
  if (embeddeds && !embeddedEntries) (decl.incomplete ??= []).push('embedded columns (embeddeds)');
  for (const [property, value] of embeddedEntries ?? []) {
    const o = objectProps(value);
    const schema = o?.get('schema') && unwrap(o.get('schema')!);
    if (!schema || !t.isIdentifier(schema)) {
      (decl.incomplete ??= []).push(`embedded columns (${property})`);
      continue;
    }
    (decl.embeddedSchemas ??= []).push(schema.text);
    const imported = importsOf(src.sf).get(schema.text);
    const column: OrmColumnDecl = { property, primaryKey: false, unique: false, location: src.location(value), embedded: { className: schema.text, ...(imported ? { module: imported.module } : {}) } };
    const prefixNode = o?.get('prefix');
    const prefixText = stringValue(prefixNode);
    const prefixFlag = booleanValue(prefixNode);
    if (prefixText !== undefined) column.embedded!.prefix = prefixText === '' ? false : prefixText;
    else if (prefixFlag === false) column.embedded!.prefix = false;
    else if (prefixNode && prefixFlag === undefined) column.nameUnknown = unknownName('prefix of an embedded schema computed by code', src.location(prefixNode), prefixNode);
    decl.columns.push(column);
  }
  const prefixes = decl.tableNameUnknown ? namePrefixes(tableNameNode ?? nameNode) : undefined;
  if (prefixes) decl.tableNamePrefixes = prefixes;
  const schema = props.get('schema');
  if (stringValue(schema) && schema) decl.schema = { name: stringValue(schema)!, location: src.contentLocation(schema) };
  else if (schema) decl.schemaUnknown = unknownName('schema computed by code', src.location(schema), schema);
  const synchronize = props.get('synchronize');
  if (flagValue(synchronize) === false) decl.notSynchronized = src.location(synchronize!.parent);
  else if (flagValue(synchronize) === 'computed') decl.synchronizeUnknown = src.location(synchronize!);
  for (const p of schemaEntries(props.get('columns'), decl, 'columns')) {
    {
      // Where the column is written: this file, or the module that lent it.
      const at = fileOf(p, src);
      // Its options as JavaScript builds them, through spreads of constants here or lent by another
      // module (`{ ...ApIdSchema, nullable: false }`); a spread this reader cannot evaluate may set any.
      // (Options a call returns, `id: idColumn()`, are given by code too.)
      const read = columnOptionsOf(p.initializer);
      const o = read.options;
      const written = constantOf(p.initializer);
      const spreadsCall = t.isObjectLiteralExpression(written) ? written.properties.find((q) => t.isSpreadAssignment(q) && t.isCallExpression(unwrap(q.expression))) : undefined;
      const unread = read.unread ?? (spreadsCall as TS.SpreadAssignment | undefined)?.expression ?? (o ? undefined : p.initializer);
      // `virtualProperty: true`: a property of the entity no column holds.
      if (booleanValue(o?.get('virtualProperty')) === true) continue;
      const column: OrmColumnDecl = { property: (p.name as TS.Identifier).text, primaryKey: booleanValue(o?.get('primary')) === true, unique: booleanValue(o?.get('unique')) === true, location: at.location(p.name) };
      const n = stringValue(o?.get('name'));
      if (n) column.name = n;
      else if (o?.get('name')) column.nameUnknown = unknownName('column name computed by code', at.location(o.get('name')!), o.get('name')!);
      const typeNode = o?.get('type');
      const type = stringValue(typeNode);
      if (type) column.type = typeormType(type, type, typeOptions(o));
      // `type: String` (a constructor, as EntitySchema allows): the type TypeORM gives that design type.
      else if (typeNode && t.isIdentifier(typeNode) && DESIGN_CONSTRUCTORS.has(typeNode.text)) {
        const design = typeormDesignType(typeNode.text, typeOptions(o));
        if (design) column.type = design;
      } else if (typeNode) column.type = unknownName('type computed by code', at.location(typeNode), typeNode);
      // `length: NAME_MAX`: the size is a name, so the type is Unknown until the resolution layer
      // evaluates it (never the unsized type). A name inside options another module lent is that
      // module's: Unknown here.
      const sizes = (['length', 'precision', 'scale'] as const).filter((k) => o?.get(k) && numberValue(o.get(k)!) === undefined && stringValue(o.get(k)!) === undefined);
      const typedByGeneration = ['uuid', 'rowid'].includes(stringValue(o?.get('generated')) ?? '');
      if (type && sizes.length && !typedByGeneration) {
        const first = o!.get(sizes[0])!;
        const refs = at === src ? sizeRefs(o!, sizes) : {};
        column.type = unknownName(`${sizes[0]} computed by code`, at.location(first), first);
        if (Object.keys(refs).length === sizes.length) column.typeSizes = { typeName: type, written: `type '${type}'`, options: typeOptions(o), refs };
      }
      // `generated: 'uuid'`: a uuid whatever the type written, `'rowid'` an integer (as @Generated).
      const generated = stringValue(o?.get('generated'));
      if (generated === 'uuid') column.type = typeormType('uuid', "generated: 'uuid'");
      else if (generated === 'rowid') column.type = typeormType('int', "generated: 'rowid'");
      // (`nullable: OPTIONAL`, a name: Unknown until the resolution layer evaluates it — never NOT NULL.)
      const nullableNode = o?.get('nullable');
      column.nullable = column.primaryKey ? false : !nullableNode ? false
        : booleanValue(throughConstant(unwrap(nullableNode))) ?? (at === src ? unknownBoolean('nullability computed by code', at.location(nullableNode), nullableNode) : unknownValue('nullability computed by code', at.location(nullableNode)));
      // `createDate: true`, `deleteDate: true`, `version: true`: the columns of @CreateDateColumn and its
      // kin — a timestamp (an integer for the version) where no type is written; a delete date nullable
      // whatever the options say (ColumnMetadata: the driver's deleteDateNullable).
      const mode = (['createDate', 'updateDate', 'deleteDate', 'version'] as const).find((k) => booleanValue(o?.get(k)) === true);
      if (mode && !typeNode) column.type = mode === 'version' ? typeormType('integer', 'version: true') : typeormType('timestamp', `${mode}: true`, typeOptions(o));
      if (mode === 'deleteDate' && !column.primaryKey) column.nullable = true;
      // `default: 'active'`, `default: () => 'now()'`: as a decorator's (`default: undefined` is none).
      const defaultNode = o?.get('default');
      if (defaultNode && !isUndefined(defaultNode)) {
        const value = typeormDefault(defaultNode, o, at);
        column.serverDefault = at !== src && isUnknown(value) ? unknownValue('default computed by code', at.location(defaultNode)) : value;
      }
      if (unread) {
        const spread = unknownName('column options spread from code', at.location(p.name), unread);
        if (!typeNode) column.type = spread;
        if (!column.primaryKey && !o?.has('nullable')) column.nullable = spread;
      }
      // `foreignKey: { target, inverseSide, name }`: a key from the column to the target's column.
      const foreignKey = objectProps(o?.get('foreignKey'));
      if (foreignKey) {
        const targetNode = foreignKey.get('target');
        const target = relationTarget(targetNode);
        const inverse = foreignKey.get('inverseSide');
        const referenced = inverse ? relationTarget(inverse) : undefined;
        if (target && (!inverse || referenced)) {
          column.reference = {
            targetClass: target, ...(stringValue(targetNode) !== undefined ? { orTable: true as const } : {}),
            ...(referenced ? { targetColumns: [referenced] } : {}), text: target, location: at.location(p),
          };
        } else (decl.incomplete ??= []).push(`the foreign key of ${column.property}`);
      }
      decl.columns.push(column);
    }
  }
  // `indices: [{ name, columns, unique, where }]`, `uniques: [{ name, columns }]`: over properties, as @Index and @Unique.
  // (A list a helper returns, `indices: baseIndexes('user')`, of this module or another, is read as
  // JavaScript evaluates it; what depends on its parameters stays Unknown.)
  const indices = props.get('indices');
  const indexList = indices ? listElements(indices) : undefined;
  if (indexList) {
    if (!indexList.complete) (decl.incomplete ??= []).push('indices');
    for (const element of indexList.elements) {
      const o = literalProps(element);
      const columns = stringArray(o?.get('columns'));
      if (!o || !columns) {
        (decl.incomplete ??= []).push('indices');
        continue;
      }
      // `synchronize: false`: kept by the migrations, not by TypeORM (as @Index's).
      const sync = o.has('synchronize') ? booleanValue(resolved(o.get('synchronize'))) : true;
      const nameNode = o.get('name');
      const name = stringValue(resolved(nameNode));
      // A name computed by code (`idx_${prefix}_created_at`): not TypeORM's, and not known.
      const optionsUnknown = sync === undefined || (nameNode && name === undefined) ? 'code' as const : sync === false ? 'not-synchronized' as const : undefined;
      decl.indexes.push({ name, columns, unique: booleanValue(resolved(o.get('unique'))) === true, where: stringValue(resolved(o.get('where'))), location: src.location(element.getSourceFile() === src.sf ? element : indices!), ...(optionsUnknown ? { optionsUnknown } : {}) });
    }
  } else if (indices) (decl.incomplete ??= []).push('indices');
  // `exclusions: [{ name, expression }]`: each constraint's index, as @Exclusion's.
  const exclusions = props.get('exclusions');
  if (exclusions && t.isArrayLiteralExpression(exclusions)) {
    for (const element of exclusions.elements) {
      const o = objectProps(element);
      const index = exclusionIndex(stringValue(o?.get('expression')), stringValue(o?.get('name')), src.location(element));
      if (index) decl.indexes.push(index);
      else (decl.incomplete ??= []).push('exclusions');
    }
  } else if (exclusions) (decl.incomplete ??= []).push('exclusions');
  const uniques = props.get('uniques');
  if (uniques && t.isArrayLiteralExpression(uniques)) {
    for (const element of uniques.elements) {
      const o = objectProps(element);
      const columns = stringArray(o?.get('columns'));
      if (columns) decl.uniques.push({ name: stringValue(o?.get('name')), columns, location: src.location(element) });
      else (decl.incomplete ??= []).push('uniques');
    }
  } else if (uniques) (decl.incomplete ??= []).push('uniques');
  // `trees: [{ type: 'nested-set' }]` (or materialized-path): the columns TypeORM adds, as @Tree's.
  const trees = props.get('trees');
  for (const element of trees && t.isArrayLiteralExpression(trees) ? trees.elements : []) {
    const tree = objectProps(element);
    const kind = stringValue(tree?.get('type'));
    if (kind === 'nested-set' || kind === 'materialized-path') decl.columns.push(...treeColumns(kind, src.location(element)));
    // `{ type: 'closure-table', options: { closureTableName, ancestorColumnName, … } }`: the closure table
    // TypeORM makes beside it, as @Tree('closure-table') does (a `treeLevel: true` column adds its level).
    else if (kind === 'closure-table') {
      const level = [...(objectProps(props.get('columns')) ?? [])].some(([, c]) => booleanValue(objectProps(c)?.get('treeLevel')) === true);
      decl.closureTable = closureTableOf(objectProps(tree?.get('options')), level, src.location(element));
    } else if (kind !== undefined || !tree) (decl.incomplete ??= []).push('trees');
  }
  // `foreignKeys: [{ target, columnNames, referencedColumnNames }]`: keys over several columns.
  const foreignKeys = props.get('foreignKeys');
  if (foreignKeys && t.isArrayLiteralExpression(foreignKeys)) {
    for (const element of foreignKeys.elements) {
      const o = objectProps(element);
      const targetNode = o?.get('target');
      const target = relationTarget(targetNode);
      const columns = stringArray(o?.get('columnNames'));
      const referenced = stringArray(o?.get('referencedColumnNames'));
      if (target && columns && referenced && columns.length === referenced.length) {
        (decl.compositeReferences ??= []).push({
          property: '', columns, byProperty: true, targetClass: target, ...(stringValue(targetNode) !== undefined ? { orTable: true as const } : {}),
          targetProperties: referenced, text: target, location: src.location(element),
        });
      } else (decl.incomplete ??= []).push('foreignKeys');
    }
  } else if (foreignKeys) (decl.incomplete ??= []).push('foreignKeys');
  const relations = props.get('relations') ? schemaEntries(props.get('relations'), decl, 'relations') : [];
  for (const entry of relations) {
    const property = (entry.name as TS.Identifier).text;
    const value = withoutTypeAssertions(entry.initializer);
    // Where the relation is written: this file, or the module that lent it.
    const at = fileOf(entry, src);
    const o = objectProps(value);
    const kind = stringValue(o?.get('type'));
    // `target: 'Post'`, `target: Post` or `target: () => Post` (an entity's name or its class).
    const targetNode = o?.get('target');
    const returned = targetNode && (ts().isArrowFunction(targetNode) || ts().isFunctionExpression(targetNode)) ? returnedExpression(targetNode) : targetNode;
    const target = stringValue(returned) ?? (returned && ts().isIdentifier(returned) ? returned.text : undefined);
    // `type: 'many-to-many', joinTable: true | { name, joinColumn, inverseJoinColumn }`: the owner's junction table.
    const joinTable = o?.get('joinTable');
    if (target && kind === 'many-to-many' && joinTable && booleanValue(joinTable) !== false) {
      const options = objectProps(joinTable);
      const column = (key: string) => {
        const c = objectProps(options?.get(key));
        return c ? { name: stringValue(c.get('name')), referencedColumn: stringValue(c.get('referencedColumnName')) } : undefined;
      };
      const nameNode = options?.get('name');
      const synchronize = options?.get('synchronize');
      decl.junctions.push({
        property, targetClass: target, name: stringValue(nameNode), location: at.location(value),
        joinColumn: column('joinColumn'), inverseJoinColumn: column('inverseJoinColumn'),
        ...(synchronize && flagValue(synchronize) === false ? { notSynchronized: at.location(synchronize.parent) } : {}),
        ...(nameNode && !stringValue(nameNode) ? { nameUnknown: unknownName('join table name computed by code', at.location(nameNode), nameNode) } : {}),
      });
      continue;
    }
    if (!target || (kind !== 'many-to-one' && !(kind === 'one-to-one' && o?.get('joinColumn')))) continue;
    // `joinColumn: [{ name, referencedColumnName }, …]`: one element is that column; more, a composite key.
    const joinNode = o?.get('joinColumn');
    const joinList = joinNode && ts().isArrayLiteralExpression(joinNode) ? joinNode.elements : undefined;
    if (joinList && joinList.length > 1) {
      compositeJoin(at, decl, property, target, joinList, kind === 'many-to-one' || kind === 'one-to-one' ? kind : undefined, o, value);
      continue;
    }
    const jc = objectProps(joinList ? joinList[0] : joinNode);
    // `createForeignKeyConstraints: false`: the column, but neither the key nor a one-to-one's UNIQUE (as a decorated relation's).
    const noConstraint = makesNoConstraint(o);
    // (A one-to-one's join column is unique by the relation's own constraint, as a decorated one's.)
    const oneToOne = kind === 'one-to-one' && !noConstraint;
    const column: OrmColumnDecl = { primaryKey: false, unique: oneToOne, ...(oneToOne ? { uniqueOfOneToOne: true as const } : {}), nullable: booleanValue(o?.get('nullable')) ?? true, location: at.location(value) };
    const n = stringValue(jc?.get('name'));
    if (n) column.name = n;
    else column.joinColumnOf = property;
    column.relationProperty = property;
    // `referencedColumnName: 'code'`: the key refers to that property's column (the join column takes its type).
    const referenced = stringValue(jc?.get('referencedColumnName'));
    column.reference = { targetClass: target, ...(referenced ? { targetColumns: [referenced] } : {}), text: target, location: at.location(value), ...(noConstraint ? { noConstraint: true as const } : {}) };
    decl.columns.push(column);
  }
  return decl;
}
