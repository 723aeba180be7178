/**
 * Small helpers over the TypeScript compiler API's syntax trees (no type checker: a file is read on
 * its own, fast): locations, string values, object literals, decorators and calls. TypeScript is
 * loaded on first use, so that Python-only workspaces never pay for it.
 */
import type * as TS from 'typescript';
import type { OptionAnchor } from '../../model/schema';
import { type Location, locationOf, type Position } from '../../model/source';
import type { SqlSource } from '../sql/postgres';
import type { DecoratorWrapper, MixinApplication, NameRef, TypeVia, WrapperArgument, WrapperPreset } from '../../facts/orm';
import type { LibraryDecorator } from './subsquid';

let tsModule: typeof TS | undefined;

export function ts(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  tsModule ??= require('typescript') as typeof TS;
  return tsModule;
}

/** Each syntax tree's file: a node lent from another module is located in its own. */
const fileOfTree = new WeakMap<TS.SourceFile, TsFile>();

export class TsFile {
  readonly sf: TS.SourceFile;

  constructor(readonly file: string, text: string) {
    const t = ts();
    // A JSON configuration (sequelize-cli's `config/config.json`) is one object literal.
    const kind = /\.[cm]?js$/.test(file) ? t.ScriptKind.JS : file.endsWith('.json') ? t.ScriptKind.JSON : t.ScriptKind.TS;
    this.sf = t.createSourceFile(file, text, t.ScriptTarget.Latest, true, kind);
    fileOfTree.set(this.sf, this);
  }

  /** The file a node belongs to: this one, or the module that lent it (see lentLiterals.ts). */
  private own(node: TS.Node): TsFile {
    const sf = node.getSourceFile();
    return sf === this.sf ? this : fileOfTree.get(sf) ?? this;
  }

  private importMap: Map<string, { module: string; name: string }> | undefined;

  /** Whether `local` is imported from a module of the project (a relative path), not a package. */
  importsFromProject(local: string): boolean {
    this.importMap ??= importsOf(this.sf);
    const module = this.importMap.get(local)?.module;
    return !!module && module.startsWith('.');
  }

  position(offset: number): Position {
    const p = this.sf.getLineAndCharacterOfPosition(offset);
    return { line: p.line, character: p.character };
  }

  location(node: TS.Node): Location {
    const own = this.own(node);
    if (own !== this) return own.location(node);
    return locationOf(this.file, { start: this.position(node.getStart(this.sf)), end: this.position(node.end) });
  }

  /** The location of a string literal's contents (inside the quotes). */
  contentLocation(node: TS.Node): Location {
    const own = this.own(node);
    if (own !== this) return own.contentLocation(node);
    const start = node.getStart(this.sf) + 1;
    return locationOf(this.file, { start: this.position(start), end: this.position(Math.max(start, node.end - 1)) });
  }

  /**
   * What removing a node takes: its whole line when it stands alone there (a decorator on its own
   * line), else the node itself.
   */
  lineRemoval(node: TS.Node): Location {
    const text = this.sf.text;
    const start = node.getStart(this.sf);
    let lineStart = start;
    while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
    let lineEnd = node.end;
    while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
    const alone = (lineStart === 0 || text[lineStart - 1] === '\n') && (lineEnd >= text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r');
    if (!alone) return this.location(node);
    const next = text.indexOf('\n', lineEnd);
    return locationOf(this.file, { start: this.position(lineStart), end: this.position(next < 0 ? text.length : next + 1) });
  }

  /** Where a fix may add a property to an object literal: after its last property. */
  objectAnchor(obj: TS.ObjectLiteralExpression): OptionAnchor {
    const last = obj.properties[obj.properties.length - 1];
    const position = last ? this.position(last.end) : this.position(obj.getStart(this.sf) + 1);
    return { position, hasArguments: !!last, syntax: 'typescript' };
  }

  /**
   * The SQL of a string or template literal, each character mapped to its place in the file. A
   * template's `${…}` parts take the value `resolve` gives them; where it gives none, the part
   * becomes `placeholder(n)` (an identifier the caller recognises as Unknown) — undefined without one.
   */
  sqlSource(node: TS.Node, resolve?: (expr: TS.Expression) => string | undefined, placeholder?: (n: number) => string): SqlSource | undefined {
    const t = ts();
    const values: string[] = [];
    const offsets: number[] = [];
    const decode = (start: number, end: number) => {
      const raw = this.sf.text.slice(start, end);
      for (let i = 0; i < raw.length; i++) {
        const c = raw[i];
        if (c !== '\\') {
          values.push(c);
          offsets.push(start + i);
          continue;
        }
        const next = raw[i + 1];
        const escaped: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', $: '$', '0': '\0' };
        if (next === '\n') {
          i++; // a line continuation
          continue;
        }
        values.push(escaped[next] ?? next ?? '');
        offsets.push(start + i);
        i++;
      }
    };
    let start: number;
    if (t.isStringLiteral(node) || t.isNoSubstitutionTemplateLiteral(node)) {
      start = node.getStart(this.sf) + 1;
      decode(start, node.end - 1);
    } else if (t.isTemplateExpression(node) && resolve) {
      start = node.getStart(this.sf) + 1;
      decode(start, node.head.end - 2);
      let unknowns = 0;
      for (const span of node.templateSpans) {
        let value = resolve(span.expression);
        if (value === undefined) {
          if (!placeholder) return undefined;
          value = placeholder(++unknowns);
        }
        const at = span.expression.getStart(this.sf);
        for (const c of value) {
          values.push(c);
          offsets.push(at);
        }
        const literalStart = span.literal.getStart(this.sf) + 1;
        decode(literalStart, span.literal.end - (t.isTemplateTail(span.literal) ? 1 : 2));
      }
    } else return undefined;
    const sql = values.join('');
    return { file: this.file, sql, positionAt: (index) => this.position(offsets[Math.min(index, offsets.length - 1)] ?? start) };
  }
}

/** The value of a string literal or substitution-free template. */
export function stringValue(node: TS.Node | undefined): string | undefined {
  if (!node) return undefined;
  const t = ts();
  if (t.isStringLiteral(node) || t.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

export function booleanValue(node: TS.Node | undefined): boolean | undefined {
  if (!node) return undefined;
  const t = ts();
  if (node.kind === t.SyntaxKind.TrueKeyword) return true;
  if (node.kind === t.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** `null`, `false`, `0`, `''`: a literal JavaScript reads as false. */
export function isFalsyLiteral(node: TS.Node): boolean {
  const t = ts();
  return node.kind === t.SyntaxKind.NullKeyword || node.kind === t.SyntaxKind.FalseKeyword || numberValue(node) === 0 || stringValue(node) === '';
}

export function numberValue(node: TS.Node | undefined): number | undefined {
  if (!node) return undefined;
  const t = ts();
  // `-1` is a unary minus on a literal.
  if (t.isPrefixUnaryExpression(node) && node.operator === t.SyntaxKind.MinusToken && t.isNumericLiteral(node.operand)) return -Number(node.operand.text);
  return t.isNumericLiteral(node) ? Number(node.text) : undefined;
}

/** Property name → value of an object literal (shorthand `{ schema }` maps to the identifier). */
export function objectProps(node: TS.Node | undefined): Map<string, TS.Expression> | undefined {
  const t = ts();
  // `{ … } as object`, `({ … })`, `{ … } satisfies Options`: the same object (a type changes no value).
  if (node && t.isExpression(node)) node = withoutTypeAssertions(node);
  if (!node || !t.isObjectLiteralExpression(node)) return undefined;
  const out = new Map<string, TS.Expression>();
  for (const p of node.properties) {
    if (t.isPropertyAssignment(p)) {
      const name = t.isIdentifier(p.name) || t.isStringLiteral(p.name) ? p.name.text : undefined;
      // (`indexes: [ … ] as IndexOptions[]`, `type: 'varchar' as const`: each value as written, its type aside.)
      if (name) out.set(name, withoutTypeAssertions(p.initializer));
    } else if (t.isShorthandPropertyAssignment(p)) out.set(p.name.text, p.name);
  }
  return out;
}

export function stringArray(node: TS.Node | undefined): string[] | undefined {
  const t = ts();
  if (!node) return undefined;
  const s = stringValue(node);
  if (s !== undefined) return [s];
  if (!t.isArrayLiteralExpression(node)) return undefined;
  const out: string[] = [];
  for (const e of node.elements) {
    const v = stringValue(e);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

export interface DecoratorInfo {
  name: string;
  args: readonly TS.Expression[];
  node: TS.Decorator;
  /** Written as a project decorator that computes the arguments it applies the ORM's with: what they say is Unknown. */
  transformed?: boolean;
  /** Written as a project decorator that sets these options itself: what the call site says of them is Unknown. */
  changes?: string[];
  /** Written as a project decorator whose type passes a function of the project (see DecoratorWrapper.typeVia). */
  typeVia?: TypeVia;
  /** Written as a library decorator that applies the ORM's Column with this type, its options the first argument (`@StringColumn_({ nullable: true })`). */
  fixedType?: string;
  /**
   * Written as a project decorator that writes these options as literals (`{ nullable: true,
   * ...options }`): their values, parsed apart from this file (never a place to edit); `under`: the
   * caller's own value of the option wins.
   */
  presets?: Map<string, { node: TS.Expression; under: boolean }>;
}


/** Per file: decorators imported from the ORM under another name (`import { Column as Col }`): local → the ORM's name. */
const decoratorRenames = new WeakMap<TS.SourceFile, Map<string, string>>();
/** Per file: local names of library decorators that fix a column's type → the type. */
const fixedTypes = new WeakMap<TS.SourceFile, Map<string, string>>();
/** How a project decorator hands its arguments to one of the ORM's (see DecoratorWrapper). */
interface AppliedWrapper { args: WrapperArgument[]; passThrough: boolean; changes?: string[]; presets?: Record<string, WrapperPreset>; changesIfGiven?: string[]; changesWhen?: DecoratorWrapper['changesWhen']; typeVia?: TypeVia }
/** A project decorator as noteOrmImports is given it: the first ORM decorator it applies, and any others. */
type ProjectDecorator = AppliedWrapper & { decorator: string; also?: ProjectDecorator[] };
/** Per file: local names of project decorators that apply the ORM's with arguments they change. */
const transformingWrappers = new WeakMap<TS.SourceFile, Map<string, AppliedWrapper>>();
/** Per file: local names of project decorators that apply more than one of the ORM's → those after the first. */
const alsoApplied = new WeakMap<TS.SourceFile, Map<string, ProjectDecorator[]>>();

/** Literals a project decorator writes (see WrapperArgument), parsed once each: they mean the same in any file. */
const literalNodes = new Map<string, TS.Expression>();

function literalNode(text: string): TS.Expression {
  let node = literalNodes.get(text);
  if (!node) {
    const t = ts();
    const sf = t.createSourceFile('literal.ts', `(${text});`, t.ScriptTarget.Latest, true, t.ScriptKind.TS);
    const stmt = sf.statements[0];
    node = stmt && t.isExpressionStatement(stmt) && t.isParenthesizedExpression(stmt.expression) ? stmt.expression.expression : t.factory.createIdentifier('undefined');
    if (literalNodes.size > 2000) literalNodes.clear();
    literalNodes.set(text, node);
  }
  return node;
}

/** Decorators whose arguments are names (a table, a target class): a wrapper's are mapped to them, not guessed. */
const NAMING_DECORATORS = new Set(['Entity', 'ManyToOne', 'OneToOne', 'ManyToMany', 'OneToMany', 'JoinColumn', 'JoinTable', 'TreeParent', 'TreeChildren', 'Unique', 'Index']);

/**
 * Records the ORM names imported under another local name, so that `@Col()` reads as `@Column()`
 * (a decorator is what it resolves to, not how it is spelled here).
 */
export function noteOrmImports(sf: TS.SourceFile, modules: RegExp, wrappers?: Record<string, ProjectDecorator>,
  libraries?: Record<string, Record<string, LibraryDecorator>>): void {
  const renames = new Map<string, string>();
  const transforming = new Map<string, AppliedWrapper>();
  const also = new Map<string, ProjectDecorator[]>();
  const typed = new Map<string, string>();
  for (const [local, imported] of importsOf(sf)) {
    const library = libraries && Object.prototype.hasOwnProperty.call(libraries, imported.module) ? libraries[imported.module] : undefined;
    const known = library && Object.prototype.hasOwnProperty.call(library, imported.name) ? library[imported.name] : undefined;
    if (known) {
      // A library's own decorator, known to apply the ORM's (a squid's `@StringColumn_()` is `@Column('text')`).
      if (known.decorator !== local) renames.set(local, known.decorator);
      if (known.type) typed.set(local, known.type);
    } else if (library) {
      // Anything else the library exports is not the ORM's, whatever its name.
      renames.set(local, `${imported.module}#${imported.name}`);
    } else if (imported.name !== local && imported.name !== 'default' && modules.test(imported.module)) renames.set(local, imported.name);
    // The project's own decorator that applies the ORM's: read as the ORM's.
    else if (wrappers && !modules.test(imported.module) && Object.prototype.hasOwnProperty.call(wrappers, imported.name)) {
      renames.set(local, wrappers[imported.name].decorator);
      const w = wrappers[imported.name];
      if (!w.passThrough || w.changes?.length || w.typeVia || w.presets || w.changesIfGiven?.length || w.changesWhen?.length) transforming.set(local, { args: w.args, passThrough: w.passThrough, changes: w.changes, ...(w.presets ? { presets: w.presets } : {}), ...(w.changesIfGiven ? { changesIfGiven: w.changesIfGiven } : {}), ...(w.changesWhen ? { changesWhen: w.changesWhen } : {}), ...(w.typeVia ? { typeVia: w.typeVia } : {}) });
      if (w.also?.length) also.set(local, w.also);
    }
  }
  if (renames.size) decoratorRenames.set(sf, renames);
  if (transforming.size) transformingWrappers.set(sf, transforming);
  if (also.size) alsoApplied.set(sf, also);
  if (typed.size) fixedTypes.set(sf, typed);
}

export function decoratorsOf(node: TS.Node): DecoratorInfo[] {
  const t = ts();
  if (!t.canHaveDecorators(node)) return [];
  const decorators = t.getDecorators(node);
  if (!decorators?.length) return [];
  const sf = node.getSourceFile();
  const renames = decoratorRenames.get(sf);
  const transforming = transformingWrappers.get(sf);
  const composite = alsoApplied.get(sf);
  return decorators.flatMap((d) => {
    const e = d.expression;
    const name = lastName(t.isCallExpression(e) ? e.expression : e);
    const info = appliedAs(d, renames?.get(name) ?? name, transforming?.get(name));
    const fixedType = fixedTypes.get(sf)?.get(name);
    if (fixedType) info.fixedType = fixedType;
    // A project decorator applying several of the ORM's: the property has each.
    const also = composite?.get(name);
    return also ? [info, ...also.map((w) => appliedAs(d, w.decorator, w))] : [info];
  });
}

/** The ORM's decorator `name` as `d` applies it, through the project's `wrapper` if any. */
function appliedAs(d: TS.Decorator, name: string, wrapper: AppliedWrapper | undefined): DecoratorInfo {
  const t = ts();
  const e = d.expression;
  const info: DecoratorInfo = { name, args: t.isCallExpression(e) ? e.arguments : [], node: d };
  const mapping = wrapper?.args;
  // Parameters handed on in another order (`FeatureFlagColumn(flag, options)` applying `Column(options)`),
  // or a naming decorator: TypeORM's arguments as the wrapper hands them on.
  if (wrapper?.passThrough) {
    // The arguments as written, some options set by the wrapper.
  } else if (mapping && (NAMING_DECORATORS.has(info.name) || mapping.every((i) => i !== null))) {
    // `@FeatureFlagEntity(flag, name)` applying `Entity(name)`: TypeORM's arguments, as the wrapper
    // hands them on; one it computes stands as the call itself (not a literal: Unknown).
    const given = info.args;
    const args = mapping.map((i) => (i === null ? e : typeof i === 'number' ? given[i] : Array.isArray(i) ? optionsAmong(i.map((k) => given[k])) : literalNode(i.literal)));
    while (args.length && args[args.length - 1] === undefined) args.pop();
    if (args.includes(null)) info.transformed = true;
    else info.args = args as TS.Expression[];
  } else if (mapping) info.transformed = true;
  // Options the wrapper sets only where they are given: changed where the call may give them.
  const written = t.isCallExpression(e) ? e.arguments : [];
  const given = (wrapper?.changesIfGiven ?? []).filter((key) => written.some((a) => mayGive(a, key)));
  // Options it sets where the call's option is a literal: changed where it is (or may be) that literal.
  const when = (wrapper?.changesWhen ?? []).filter((w) => written.some((a) => mayBe(a, w.option, w.equals))).flatMap((w) => w.keys);
  if (wrapper?.changes?.length || given.length || when.length) info.changes = [...new Set([...(wrapper?.changes ?? []), ...given, ...when])];
  if (wrapper?.presets) info.presets = new Map(Object.entries(wrapper.presets).map(([k, p]) => [k, { node: literalNode(p.text), under: !!p.under }]));
  if (wrapper?.typeVia) info.typeVia = wrapper.typeVia;
  return info;
}

/**
 * The options object among a call's arguments (`@MultiColumn({ … })`, `@MultiColumn('varchar', { … })`):
 * undefined when none may be one (a type name, a type function, nothing), null when several may.
 */
/** Whether an argument as written may give option `key`: an object naming it or spreading, or anything not a literal. */
function mayGive(arg: TS.Expression, key: string): boolean {
  const t = ts();
  const a = unwrap(arg);
  if (t.isObjectLiteralExpression(a)) return a.properties.some((p) => t.isSpreadAssignment(p) || !p.name || !(t.isIdentifier(p.name) || t.isStringLiteral(p.name)) || p.name.text === key);
  return !(t.isStringLiteralLike(a) || t.isNumericLiteral(a) || t.isArrowFunction(a) || t.isFunctionExpression(a));
}

/** Whether an argument as written may give option `key` the literal `equals`: it gives another literal, or none, where not. */
function mayBe(arg: TS.Expression, key: string, equals: string): boolean {
  const t = ts();
  const a = unwrap(arg);
  if (!mayGive(arg, key)) return false;
  if (!t.isObjectLiteralExpression(a) || a.properties.some((p) => t.isSpreadAssignment(p) || !p.name || !(t.isIdentifier(p.name) || t.isStringLiteral(p.name)))) return true;
  const given = a.properties.find((p): p is TS.PropertyAssignment => t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) && p.name.text === key);
  const value = given && unwrap(given.initializer);
  if (!value) return true;
  if (t.isStringLiteralLike(value)) return value.text === equals;
  if (t.isNumericLiteral(value)) return value.getText() === equals;
  return true;
}

function optionsAmong(args: (TS.Expression | undefined)[]): TS.Expression | undefined | null {
  const t = ts();
  const notOptions = (a: TS.Expression | undefined) => !a || t.isStringLiteralLike(a) || t.isArrowFunction(a) || t.isFunctionExpression(a) ||
    t.isNumericLiteral(a) || a.kind === t.SyntaxKind.UndefinedKeyword || (t.isIdentifier(a) && a.text === 'undefined');
  const candidates = args.filter((a) => !notOptions(a));
  return candidates.length === 0 ? undefined : candidates.length === 1 ? candidates[0]! : null;
}

/** `a.b.c` → `c`; `foo` → `foo`. */
export function lastName(node: TS.Node): string {
  const t = ts();
  if (t.isIdentifier(node)) return node.text;
  if (t.isPropertyAccessExpression(node)) return node.name.text;
  return '';
}

/** `queryRunner.query` → ['queryRunner', 'query']; `queryInterface.sequelize.query` → [..., 'sequelize', 'query']. */
export function dottedParts(node: TS.Node): string[] | undefined {
  const t = ts();
  if (t.isIdentifier(node)) return [node.text];
  if (node.kind === t.SyntaxKind.ThisKeyword) return ['this'];
  if (t.isPropertyAccessExpression(node)) {
    const left = dottedParts(node.expression);
    return left ? [...left, node.name.text] : undefined;
  }
  return undefined;
}

/** `x as T`, `<T>x`, `x satisfies T`, `x!`, `(x)`: the value x, whatever type is asserted of it. */
export function withoutTypeAssertions(node: TS.Expression): TS.Expression {
  const t = ts();
  let n = node;
  while (t.isAsExpression(n) || t.isParenthesizedExpression(n) || t.isSatisfiesExpression(n) || t.isTypeAssertionExpression(n) || t.isNonNullExpression(n)) n = n.expression;
  return n;
}

/** Unwraps `await x`, `(x)`, `x as T`, `x!`. */
export function unwrap(node: TS.Expression): TS.Expression {
  const t = ts();
  let n = node;
  for (;;) {
    if (t.isAwaitExpression(n) || t.isParenthesizedExpression(n) || t.isAsExpression(n) || t.isNonNullExpression(n) || t.isSatisfiesExpression(n)) n = n.expression;
    else return n;
  }
}

/** Every node under `root`, depth first, with whether it is inside a conditional construct. */
export function walk(root: TS.Node, visit: (node: TS.Node, guarded: boolean) => boolean | void, guarded = false): void {
  const t = ts();
  const inner = (node: TS.Node, g: boolean) => {
    if (visit(node, g) === false) return;
    const conditional = g || t.isIfStatement(node) || t.isTryStatement(node) || t.isForStatement(node) || t.isForOfStatement(node) ||
      t.isForInStatement(node) || t.isWhileStatement(node) || t.isConditionalExpression(node) || t.isCatchClause(node);
    t.forEachChild(node, (c) => inner(c, conditional));
  };
  inner(root, guarded);
}

/** `import { A as B } from "./m"`: local name → the module and the name it has there. */
export function importsOf(sf: TS.SourceFile): Map<string, { module: string; name: string }> {
  const t = ts();
  const out = new Map<string, { module: string; name: string }>();
  for (const stmt of sf.statements) {
    if (!t.isImportDeclaration(stmt) || !t.isStringLiteral(stmt.moduleSpecifier)) continue;
    const module = stmt.moduleSpecifier.text;
    const bindings = stmt.importClause?.namedBindings;
    if (stmt.importClause?.name) out.set(stmt.importClause.name.text, { module, name: 'default' });
    if (bindings && t.isNamedImports(bindings)) {
      for (const e of bindings.elements) out.set(e.name.text, { module, name: (e.propertyName ?? e.name).text });
    }
  }
  return out;
}

/**
 * The names a file binds a module to as a whole, its exports members of them: `import * as orm from
 * 'typeorm'`, `import typeorm from 'typeorm'` (a CommonJS module's default is its exports), `const
 * typeorm = require('typeorm')` — for the modules `module` matches.
 */
export function modulesBoundWhole(sf: TS.SourceFile, module: RegExp): Set<string> {
  const t = ts();
  const out = new Set<string>();
  for (const stmt of sf.statements) {
    if (t.isImportDeclaration(stmt) && t.isStringLiteral(stmt.moduleSpecifier) && module.test(stmt.moduleSpecifier.text)) {
      const clause = stmt.importClause;
      if (clause?.name) out.add(clause.name.text);
      if (clause?.namedBindings && t.isNamespaceImport(clause.namedBindings)) out.add(clause.namedBindings.name.text);
    } else if (t.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (t.isIdentifier(d.name) && init && t.isCallExpression(init) && t.isIdentifier(init.expression) && init.expression.text === 'require'
          && init.arguments.length === 1 && t.isStringLiteral(init.arguments[0]) && module.test(init.arguments[0].text)) out.add(d.name.text);
      }
    }
  }
  return out;
}

/** `import * as st from "sequelize-typescript"`: each namespace the module imports → the module it names. */
export function namespaceImportsOf(sf: TS.SourceFile): Map<string, string> {
  const t = ts();
  const out = new Map<string, string>();
  for (const stmt of sf.statements) {
    if (!t.isImportDeclaration(stmt) || !t.isStringLiteral(stmt.moduleSpecifier)) continue;
    const bindings = stmt.importClause?.namedBindings;
    if (bindings && t.isNamespaceImport(bindings)) out.set(bindings.name.text, stmt.moduleSpecifier.text);
  }
  return out;
}

/** The namespace a decorator is written through (`@st.Table(…)` → `st`); undefined for a bare name. */
export function decoratorNamespace(d: DecoratorInfo): string | undefined {
  const t = ts();
  const e = d.node.expression;
  const callee = t.isCallExpression(e) ? e.expression : e;
  return t.isPropertyAccessExpression(callee) && t.isIdentifier(callee.expression) ? callee.expression.text : undefined;
}

/**
 * `class X extends Mixin(Base)` / `extends bases[0]`: a base computed by code, as written (its
 * columns are Unknown); undefined for a plain `extends Base` or no base.
 */
export function computedBaseClass(cls: TS.ClassDeclaration): string | undefined {
  const t = ts();
  for (const clause of cls.heritageClauses ?? []) {
    if (clause.token !== t.SyntaxKind.ExtendsKeyword) continue;
    const e = clause.types[0]?.expression;
    if (e && !t.isIdentifier(e) && !t.isPropertyAccessExpression(e)) return e.getText().slice(0, 60);
  }
  return undefined;
}

/**
 * A class a mixin makes: `function withTimestamps(base) { class Timestamped extends base { … } return
 * Timestamped; }`, or the same function held by a `const` of the module. The function's name and the
 * position of the parameter the class extends; undefined for any other class (one that extends a
 * parameter of a function that does not return it, or of a function the module cannot name).
 */
export function mixinOf(cls: TS.ClassDeclaration): { fn: string; parameter: number } | undefined {
  const t = ts();
  const base = cls.heritageClauses?.find((h) => h.token === t.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const fn = cls.parent && t.isBlock(cls.parent) ? cls.parent.parent : undefined;
  if (!base || !t.isIdentifier(base) || !cls.name || !fn || !(t.isFunctionDeclaration(fn) || t.isArrowFunction(fn) || t.isFunctionExpression(fn))) return undefined;
  const parameter = fn.parameters.findIndex((p) => t.isIdentifier(p.name) && p.name.text === base.text);
  const returned = (cls.parent as TS.Block).statements.some((s) => t.isReturnStatement(s) && s.expression && t.isIdentifier(unwrap(s.expression)) && (unwrap(s.expression) as TS.Identifier).text === cls.name!.text);
  if (parameter < 0 || !returned) return undefined;
  if (t.isFunctionDeclaration(fn)) return fn.name && t.isSourceFile(fn.parent) ? { fn: fn.name.text, parameter } : undefined;
  const holder = fn.parent;
  const topLevel = holder && t.isVariableDeclaration(holder) && t.isIdentifier(holder.name) && holder.initializer === fn && t.isSourceFile(holder.parent.parent.parent);
  return topLevel ? { fn: (holder.name as TS.Identifier).text, parameter } : undefined;
}

/**
 * `withTimestamps(BaseModel)`, `withNotes(withTimestamps(BaseModel))`: a call of a name with classes
 * (names starting with a capital, as classes are written) or such calls; undefined for anything else.
 */
export function mixinApplication(node: TS.Expression): MixinApplication | undefined {
  const t = ts();
  const call = unwrap(node);
  if (!t.isCallExpression(call) || !t.isIdentifier(call.expression) || !call.arguments.length || call.arguments.length > 3) return undefined;
  const args: MixinApplication['args'] = [];
  for (const a of call.arguments) {
    const e = unwrap(a);
    if (t.isIdentifier(e) && /^[A-Z]/.test(e.text)) args.push(e.text);
    // `IdEntity(class {})`: a class of nothing, extending nothing.
    else if (t.isClassExpression(e) && !e.heritageClauses?.length && !e.members.some((m) => t.canHaveDecorators(m) && t.getDecorators(m)?.length)) args.push(null);
    else {
      const inner = mixinApplication(e);
      if (!inner) return undefined;
      args.push(inner);
    }
  }
  return { fn: call.expression.text, args };
}

/**
 * A string, number or boolean literal (through parentheses, `as` and `satisfies`): the literal node;
 * undefined for anything else (what a helper's parameter holds when a call gives it one).
 */
export function scalarLiteral(node: TS.Expression | undefined): TS.Expression | undefined {
  const t = ts();
  const e = node && unwrap(node);
  return e && (t.isStringLiteral(e) || t.isNoSubstitutionTemplateLiteral(e) || t.isNumericLiteral(e) || e.kind === t.SyntaxKind.TrueKeyword || e.kind === t.SyntaxKind.FalseKeyword) ? e : undefined;
}

/** `undefined` or `void 0`: an option written as not given (the global name, which code does not rebind). */
export function isUndefined(node: TS.Expression): boolean {
  const t = ts();
  const e = unwrap(node);
  return (t.isIdentifier(e) && e.text === 'undefined') || (t.isVoidExpression(e) && t.isNumericLiteral(e.expression));
}

/** `class X extends Base` / `extends Base<T>`: the base class's identifier. */
export function baseClassName(cls: TS.ClassDeclaration): string | undefined {
  const t = ts();
  for (const clause of cls.heritageClauses ?? []) {
    if (clause.token !== t.SyntaxKind.ExtendsKeyword) continue;
    const e = clause.types[0]?.expression;
    if (e && t.isIdentifier(e)) return e.text;
    if (e && t.isPropertyAccessExpression(e)) return e.name.text;
  }
  return undefined;
}

/**
 * What a function written in place returns, when it only returns something: `() => User`,
 * `() => { return User; }`, `function () { return User; }` (relation targets, embedded classes,
 * defaults). Undefined for any other function, or anything else.
 */
export function returnedExpression(node: TS.Node | undefined): TS.Expression | undefined {
  const t = ts();
  if (!node || !(t.isArrowFunction(node) || t.isFunctionExpression(node) || t.isFunctionDeclaration(node) || t.isMethodDeclaration(node))) return undefined;
  let body: TS.Node | undefined = node.body;
  if (body && t.isBlock(body)) {
    const statements = body.statements;
    body = statements.length === 1 && t.isReturnStatement(statements[0]) ? statements[0].expression : undefined;
  }
  while (body && t.isParenthesizedExpression(body)) body = body.expression;
  return body as TS.Expression | undefined;
}

/**
 * `const table = new Table({...}); …(table)`: a `const` of an enclosing block (a migration's `up`,
 * or the file) stands for its initialiser, unless code changes what it holds; anything else stays
 * as it is. `mayBeChanged` false: what the `const` holds cannot be changed by its uses (a string, the
 * database type), so they are not asked.
 */
export function throughConstant(node: TS.Expression, mayBeChanged = true): TS.Expression {
  const t = ts();
  if (!t.isIdentifier(node)) return node;
  for (let scope: TS.Node | undefined = node.parent; scope; scope = scope.parent) {
    // A parameter of an enclosing function of that name (`([table]) => …`) is what the name means
    // there, not a `const` further out.
    if (t.isFunctionLike(scope) && scope.parameters.some((p) => bindsName(p.name, node.text))) return node;
    if (!t.isBlock(scope) && !t.isSourceFile(scope)) continue;
    for (const statement of scope.statements) {
      if (!t.isVariableStatement(statement)) continue;
      const isConst = !!(statement.declarationList.flags & t.NodeFlags.Const);
      const isLet = !!(statement.declarationList.flags & t.NodeFlags.Let);
      if (!isConst && !isLet) continue;
      for (const d of statement.declarationList.declarations) {
        if (!t.isIdentifier(d.name) || d.name.text !== node.text) continue;
        if (isLet) {
          const value = letValueAt(scope, statement, node);
          return value && !(mayBeChanged && mutatedIn(scope, node.text)) ? unwrap(value) : node;
        }
        if (d.initializer) return mayBeChanged && mutatedIn(scope, node.text) ? node : unwrap(d.initializer);
      }
    }
  }
  return node;
}

/**
 * A `let` where it is read: the last value given it before, in straight-line code of its block
 * (`let colParams = {…}; addColumn(…, colParams); colParams = {…}; addColumn(…, colParams)`).
 * Undefined where it is given a value anywhere else (a branch, a loop, a function, `+=`, `++`):
 * which value reaches the read is decided at run time.
 */
function letValueAt(block: TS.Block | TS.SourceFile, declaration: TS.VariableStatement, use: TS.Identifier): TS.Expression | undefined {
  const t = ts();
  const name = use.text;
  // The statement of the block the read is in.
  // (Read inside a function — a callback, a closure — it is read when that runs: not followed.)
  let at: TS.Node = use;
  while (at.parent && at.parent !== block) {
    at = at.parent;
    if (t.isFunctionLike(at)) return undefined;
  }
  if (at.parent !== block) return undefined;
  const statements = block.statements as readonly TS.Statement[];
  const useIndex = statements.indexOf(at as TS.Statement);
  const declaredIndex = statements.indexOf(declaration);
  if (useIndex < 0 || declaredIndex < 0 || declaredIndex >= useIndex) return undefined;
  // Every assignment of the name in the block: a statement of its own (`name = …;`), else not followed.
  let straight = true;
  const visit = (n: TS.Node): void => {
    if (!straight) return;
    const assigns = (t.isBinaryExpression(n) && n.operatorToken.kind >= t.SyntaxKind.FirstAssignment && n.operatorToken.kind <= t.SyntaxKind.LastAssignment && t.isIdentifier(n.left) && n.left.text === name)
      || ((t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) && t.isIdentifier(n.operand) && n.operand.text === name
        && (n.operator === t.SyntaxKind.PlusPlusToken || n.operator === t.SyntaxKind.MinusMinusToken));
    if (assigns) {
      const statement = n.parent;
      const plain = t.isBinaryExpression(n) && n.operatorToken.kind === t.SyntaxKind.EqualsToken && t.isExpressionStatement(statement) && statement.parent === block;
      if (!plain) straight = false;
    }
    t.forEachChild(n, visit);
  };
  for (const statement of statements) visit(statement);
  if (!straight) return undefined;
  let value = declaration.declarationList.declarations.find((d) => t.isIdentifier(d.name) && d.name.text === name)?.initializer;
  for (let i = declaredIndex + 1; i < useIndex; i++) {
    const statement = statements[i];
    if (t.isExpressionStatement(statement) && t.isBinaryExpression(statement.expression) && t.isIdentifier(statement.expression.left) && statement.expression.left.text === name) value = statement.expression.right;
  }
  return value;
}

/** Whether a binding (`table`, `[table]`, `{ table: t }`, `{ table = 'x' }`) binds `name`. */
function bindsName(binding: TS.BindingName, name: string): boolean {
  const t = ts();
  if (t.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((e) => !t.isOmittedExpression(e) && bindsName(e.name, name));
}

const mutations = new WeakMap<TS.Node, Map<string, boolean>>();

/** Methods that change the list or object they are called on (an array's, TypeORM `Table`'s `addColumn`…); `map`, `filter`, `find` read it. */
const MUTATORS = /^(push|pop|shift|unshift|splice|sort|reverse|fill|copyWithin|clear|(add|remove|set|delete|drop|rename|change)[A-Z]\w*|add|set|delete)$/;

/**
 * Whether code in `scope` may change what a `const` holds — `columns.push(…)`, `attrs.id = …`,
 * `delete attrs.id`, `Object.assign(attrs, …)`, `table.addColumn(…)`: then its initialiser is not
 * its value where it is used (Unknown).
 */
function mutatedIn(scope: TS.Node, name: string): boolean {
  const t = ts();
  let byName = mutations.get(scope);
  if (!byName) mutations.set(scope, (byName = new Map()));
  const known = byName.get(name);
  if (known !== undefined) return known;
  let mutated = false;
  const isWrite = (access: TS.Node): boolean => {
    const p = access.parent;
    if (t.isCallExpression(p) && p.expression === access) return !t.isPropertyAccessExpression(access) || MUTATORS.test(access.name.text);
    if (t.isBinaryExpression(p) && p.left === access && p.operatorToken.kind >= t.SyntaxKind.FirstAssignment && p.operatorToken.kind <= t.SyntaxKind.LastAssignment) return true;
    return t.isDeleteExpression(p) || t.isPrefixUnaryExpression(p) || t.isPostfixUnaryExpression(p);
  };
  const visit = (n: TS.Node): void => {
    if (mutated) return;
    if (t.isIdentifier(n) && n.text === name) {
      const p = n.parent;
      if ((t.isPropertyAccessExpression(p) || t.isElementAccessExpression(p)) && p.expression === n && isWrite(p)) mutated = true;
      if (t.isCallExpression(p) && p.arguments[0] === n && /^Object\.(assign|defineProperty|defineProperties)$/.test(p.expression.getText())) mutated = true;
      // Handed to a function of the project (`addAuditColumns(columns)`), which may change it; the
      // runner's methods (`queryRunner.createTable(table)`) and library calls only read it.
      // A decorator (`@CreateDateColumn(timestampOptions)`) reads its options.
      if (t.isCallExpression(p) && p.expression !== n && t.isIdentifier(p.expression) && p.arguments.some((a) => a === n) && !t.isDecorator(p.parent)) mutated = true;
    }
    t.forEachChild(n, visit);
  };
  visit(scope);
  byName.set(name, mutated);
  return mutated;
}

/** `OrderStatus`, `Enums.Status`, `Status | null`: a name (and member) a property's type is written as; undefined for anything else. */
export function designTypeRef(designType: string | undefined): NameRef | undefined {
  const bare = designType?.split('|').map((p) => p.trim()).filter((p) => p !== 'null' && p !== 'undefined');
  const m = bare?.length === 1 ? /^([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?$/.exec(bare[0]) : null;
  if (!m || /^(?:string|number|boolean|bigint|object|any|unknown|never|symbol|String|Number|Boolean|Date|Object|Buffer|Array|Function)$/.test(m[1])) return undefined;
  return m[2] ? { name: m[1], member: m[2] } : { name: m[1] };
}

/** A literal as JavaScript evaluates it: strings, numbers, booleans, null, arrays and objects of them. */
export function jsonValue(node: TS.Expression, depth: number): unknown {
  const t = ts();
  const e = unwrap(node);
  if (depth > 8) return undefined;
  const s = stringValue(e);
  if (s !== undefined) return s;
  if (t.isNumericLiteral(e)) return Number(e.text);
  if (t.isPrefixUnaryExpression(e) && e.operator === t.SyntaxKind.MinusToken && t.isNumericLiteral(e.operand)) return -Number(e.operand.text);
  if (e.kind === t.SyntaxKind.TrueKeyword) return true;
  if (e.kind === t.SyntaxKind.FalseKeyword) return false;
  if (e.kind === t.SyntaxKind.NullKeyword) return null;
  if (t.isArrayLiteralExpression(e)) {
    const out: unknown[] = [];
    for (const el of e.elements) {
      const v = jsonValue(el, depth + 1);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  if (t.isObjectLiteralExpression(e)) {
    const out: Record<string, unknown> = {};
    for (const p of e.properties) {
      if (!t.isPropertyAssignment(p) || !(t.isIdentifier(p.name) || t.isStringLiteral(p.name) || t.isNumericLiteral(p.name))) return undefined;
      const v = jsonValue(p.initializer, depth + 1);
      if (v === undefined) return undefined;
      out[p.name.text] = v;
    }
    return out;
  }
  return undefined;
}

/**
 * A boolean option (`unique`, `primary`, `allowNull`, `timestamps`): true or false as written or as a
 * `const` of the module holds it; 'computed' where code gives it (Unknown, never the tool's default);
 * undefined where it is absent, `null` or `undefined` (the tool's default applies).
 */
export function flagValue(node: TS.Expression | undefined): boolean | 'computed' | undefined {
  if (!node || isUndefined(node) || unwrap(node).kind === ts().SyntaxKind.NullKeyword) return undefined;
  return booleanValue(throughConstant(unwrap(node))) ?? 'computed';
}
