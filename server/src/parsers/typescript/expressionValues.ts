/**
 * What an expression of a TypeScript/JavaScript file stands for, as the language evaluates it within
 * the file: `const`s of enclosing blocks (unless code changes them), `new TableColumn({...})`, spreads
 * of lists and objects, calls of the file's functions and static methods that return a literal, a
 * migration class's properties, a helper's parameters while its body is read for a call, and
 * literals other modules lend (lentLiterals.ts). What does not evaluate stays as written: Unknown to
 * whoever reads it.
 */
import type * as TS from 'typescript';
import { lentLiteral } from './lentLiterals';
import { isUndefined, returnedExpression, scalarLiteral, throughConstant, ts, unwrap } from './syntax';

/** A helper's parameters while its body is read for a call: what the call passed, within the helper. */
const parameters: { name: string; value: TS.Expression; within: TS.Node }[] = [];

/** Binds a helper's parameter, inside `within`, to what a call passes (see `resolved`). */
export function bindParameter(name: string, value: TS.Expression, within: TS.Node): void {
  parameters.push({ name, value, within });
}

/** How many parameters are bound: what `unbindParameters` goes back to. */
export function boundParameters(): number {
  return parameters.length;
}

export function unbindParameters(mark = 0): void {
  parameters.splice(mark);
}

/**
 * `this.NEW_COLUMN` in a migration's method: the initial value of that property of the class, when
 * the class never assigns it again (read-only, or at least never reassigned).
 */
export function classPropertyValue(e: TS.Expression): TS.Expression | undefined {
  const t = ts();
  if (!t.isPropertyAccessExpression(e) || e.expression.kind !== t.SyntaxKind.ThisKeyword) return undefined;
  let cls: TS.Node | undefined = e.parent;
  while (cls && !t.isClassLike(cls)) cls = cls.parent;
  if (!cls || !t.isClassLike(cls)) return undefined;
  const property = cls.members.find((m): m is TS.PropertyDeclaration => t.isPropertyDeclaration(m) && t.isIdentifier(m.name) && m.name.text === e.name.text);
  const assigned = property && cls.members.some((m) => m !== property && new RegExp(`this\\.${e.name.text}\\s*=[^=]`).test(m.getText()));
  return property?.initializer && !assigned ? property.initializer : undefined;
}

/**
 * Where a column is written: the argument itself when it is written there, else (a name, a helper's
 * parameter, a constant of another module) the literal it stands for.
 */
export function writtenAt(node: TS.Expression): TS.Node {
  const t = ts();
  const n = unwrap(node);
  if (!t.isIdentifier(n) && !t.isPropertyAccessExpression(n) && !t.isCallExpression(n)) return node;
  return resolved(n) ?? node;
}

/** What a helper's parameter holds in the call being read: the argument's expression, for a name inside that helper. */
function parameterValue(name: TS.Identifier): TS.Expression | undefined {
  for (let i = parameters.length - 1; i >= 0; i--) {
    const p = parameters[i];
    if (p.name === name.text && name.getSourceFile() === p.within.getSourceFile() && name.pos >= p.within.pos && name.end <= p.within.end) return p.value;
  }
  return undefined;
}

/**
 * A name a helper's parameter holds while its body is read for a call (`textField("DD/MM/YYYY")`
 * read with `size` its default `255`): the value bound, through the module's constants; else the expression as it is.
 */
export function boundValue(e: TS.Expression): TS.Expression {
  const t = ts();
  const n = throughConstant(unwrap(e));
  const passed = t.isIdentifier(n) ? parameterValue(n) : undefined;
  return passed ? throughConstant(unwrap(passed)) : n;
}

/** `options.addVersion` where `options` stands for an object literal: the value written for that key (undefined: none). */
function literalProperty(e: TS.Expression, depth: number): TS.Expression | undefined {
  return ownerLiteral(e, depth)?.entries.find((x) => x.key === (e as TS.PropertyAccessExpression).name.text)?.value;
}

/** The properties, wholly read, of the object literal `options` stands for in `options.addVersion`. */
function ownerLiteral(e: TS.Expression, depth: number): { entries: LiteralEntry[] } | undefined {
  const t = ts();
  if (!t.isPropertyAccessExpression(e) || !t.isIdentifier(e.name) || depth > MAX_DEPTH) return undefined;
  const owner = unwrap(e.expression);
  // (`CustomDataTypes(Sequelize).currency`: a member of what a function returns.)
  if (!t.isIdentifier(owner) && !t.isPropertyAccessExpression(owner) && !t.isElementAccessExpression(owner) && !t.isCallExpression(owner)) return undefined;
  const o = resolved(owner, depth + 1);
  if (!o || o === owner || !t.isObjectLiteralExpression(o)) return undefined;
  const entry = literalEntries(o, depth + 1);
  return entry?.complete ? entry : undefined;
}

/** How deep constants, spreads and helpers are followed (a constant naming itself ends here). */
const MAX_DEPTH = 8;

/**
 * The expression a migration's argument stands for, as TypeScript would evaluate it in this file:
 * through `new TableColumn(…)`, `const`s of enclosing blocks, and calls of a function, a static
 * method or a method of the same class whose body returns a literal (`MigrationHelpers.timestamps()`,
 * `common(Sequelize)`); anything else stays as it is (Unknown to whoever reads it).
 */
export function resolved(node: TS.Expression | undefined, depth = 0): TS.Expression | undefined {
  const t = ts();
  if (!node || depth > MAX_DEPTH) return undefined;
  if (node === undefinedValue) return node;
  const n = throughConstant(unwrap(node));
  if (t.isNewExpression(n)) return n.arguments?.[0] ? resolved(n.arguments[0], depth + 1) : undefined;
  if (t.isCallExpression(n)) {
    const returned = callResult(n) ?? lentLiteral(n);
    return returned ? resolved(returned, depth + 1) : n;
  }
  if (n !== unwrap(node)) return resolved(n, depth + 1);
  // `reverse ? pair.to : pair.from`, the test a literal (a helper's `reverse` handed `false`): the arm taken.
  if (t.isConditionalExpression(n)) {
    const holds = truthOf(n.condition, depth + 1);
    return holds === undefined ? n : resolved(holds ? n.whenTrue : n.whenFalse, depth + 1);
  }
  // `PRIMARY_KEYS[0]`: an element of a list read whole.
  if (t.isElementAccessExpression(n) && t.isNumericLiteral(unwrap(n.argumentExpression))) {
    const list = listElements(n.expression, depth + 1);
    const element = list?.complete ? list.elements[Number((unwrap(n.argumentExpression) as TS.NumericLiteral).text)] : undefined;
    return element ? resolved(element, depth + 1) : n;
  }
  const passed = t.isIdentifier(n) ? parameterValue(n) : classPropertyValue(n) ?? literalProperty(n, depth);
  if (passed) return resolved(passed, depth + 1);
  if (t.isIdentifier(n) || t.isPropertyAccessExpression(n)) {
    const lent = lentLiteral(n);
    if (lent) return resolved(lent, depth + 1);
  }
  return n;
}

/**
 * The elements of the list an argument stands for, spreads (`...baseColumns`) flattened; `complete`
 * is false when a spread could not be read. Undefined: not a list.
 */
export function listElements(node: TS.Expression | undefined, depth = 0): { elements: TS.Expression[]; complete: boolean } | undefined {
  const t = ts();
  const list = resolved(node, depth);
  if (!list || !t.isArrayLiteralExpression(list) || depth > MAX_DEPTH) return undefined;
  const elements: TS.Expression[] = [];
  let complete = true;
  for (const e of list.elements) {
    if (t.isSpreadElement(e)) {
      const inner = listElements(e.expression, depth + 1);
      if (!inner?.complete) complete = false;
      elements.push(...inner?.elements ?? []);
    } else elements.push(e);
  }
  return { elements, complete };
}

/** A property of an object a migration's argument stands for: its key, the node naming it and its value. */
interface LiteralEntry { key: string; keyNode: TS.Node; value: TS.Expression }

/**
 * The properties of the object an argument stands for, spreads (`{ ...idColumn, name: "code" }`)
 * merged as JavaScript does (a later key wins); `complete` is false when a spread or a computed key
 * could not be read (`computedKey` evaluates those it can). Undefined: not an object.
 */
export function literalEntries(node: TS.Expression | undefined, depth = 0, computedKey?: (expression: TS.Expression) => string | undefined): { entries: LiteralEntry[]; complete: boolean } | undefined {
  const t = ts();
  const o = resolved(node, depth);
  if (!o || !t.isObjectLiteralExpression(o) || depth > MAX_DEPTH) return undefined;
  const byKey = new Map<string, LiteralEntry>();
  let complete = true;
  for (const p of o.properties) {
    if (t.isSpreadAssignment(p)) {
      // `...(withVersion ? { version: … } : undefined)` on a test that evaluates: the branch taken.
      const spread = unwrap(p.expression);
      if (t.isConditionalExpression(spread)) {
        const taken = truthOf(spread.condition, depth);
        if (taken === undefined) {
          complete = false;
          continue;
        }
        const branch = unwrap(taken ? spread.whenTrue : spread.whenFalse);
        if (isNothing(branch)) continue;
        const inner = literalEntries(branch, depth + 1, computedKey);
        if (!inner || !inner.complete) complete = false;
        for (const e of inner?.entries ?? []) {
          byKey.delete(e.key);
          byKey.set(e.key, e);
        }
        continue;
      }
      const inner = literalEntries(p.expression, depth + 1, computedKey);
      if (!inner) complete = false;
      for (const e of inner?.entries ?? []) {
        byKey.delete(e.key);
        byKey.set(e.key, e);
      }
      if (inner && !inner.complete) complete = false;
      continue;
    }
    // (`[FIRST_NAME]: { … }`: a key named by a constant, where the caller can evaluate it.)
    const key = p.name && (t.isIdentifier(p.name) || t.isStringLiteral(p.name) || t.isNumericLiteral(p.name)) ? p.name.text
      : p.name && t.isComputedPropertyName(p.name) && computedKey ? computedKey(p.name.expression) : undefined;
    if (key === undefined) {
      complete = false;
      continue;
    }
    const value = t.isPropertyAssignment(p) ? p.initializer : t.isShorthandPropertyAssignment(p) ? p.name : undefined;
    if (!value) continue; // a method or accessor: no column option
    byKey.delete(key);
    byKey.set(key, { key, keyNode: p.name!, value });
  }
  return { entries: [...byKey.values()], complete };
}

/** `undefined`, `null`, `false`: what spreads as nothing. */
export function isNothing(e: TS.Expression): boolean {
  const t = ts();
  return e.kind === t.SyntaxKind.NullKeyword || (t.isIdentifier(e) && e.text === 'undefined') || e.kind === t.SyntaxKind.FalseKeyword;
}

/** Whether a test holds, when it is (or stands for) a literal; undefined when the reader cannot tell. */
export function literalTruth(test: TS.Expression): boolean | undefined {
  return truthOf(test, 0);
}

/** A string literal's text (undefined for anything else). */
export function literalText(e: TS.Expression | undefined): string | undefined {
  return e && ts().isStringLiteralLike(e) ? e.text : undefined;
}

/** Whether a test holds, when it is (or stands for) a literal: a boolean, null/undefined, a string or a number. */
function truthOf(test: TS.Expression, depth: number): boolean | undefined {
  const t = ts();
  const e = unwrap(test);
  if (t.isPrefixUnaryExpression(e) && e.operator === t.SyntaxKind.ExclamationToken) {
    const inner = truthOf(e.operand, depth);
    return inner === undefined ? undefined : !inner;
  }
  if (isNothing(e)) return false;
  const v = resolved(e, depth + 1);
  // `options.addVersion` of an object written without that key: undefined, which does not hold.
  if (v && t.isPropertyAccessExpression(v) && ownerLiteral(v, depth + 1)?.entries.every((x) => x.key !== v.name.text)) return false;
  if (!v || v === e && (t.isIdentifier(e) || t.isPropertyAccessExpression(e))) return undefined;
  if (v.kind === t.SyntaxKind.TrueKeyword) return true;
  if (v.kind === t.SyntaxKind.FalseKeyword || isNothing(v)) return false;
  if (t.isStringLiteralLike(v)) return v.text.length > 0;
  if (t.isNumericLiteral(v)) return Number(v.text) !== 0;
  return undefined;
}

/** The options an argument stands for, as `objectProps` gives them; undefined when not an object or not wholly read. */
export function literalProps(node: TS.Expression | undefined): Map<string, TS.Expression> | undefined {
  const read = literalEntries(node);
  if (!read || !read.complete) return undefined;
  return new Map(read.entries.map((e) => [e.key, e.value]));
}

/**
 * What a call returns, when the callee is declared in this file — a function, a
 * `const` arrow, a static method of a class (`Helpers.columns()`), a method of the enclosing class
 * (`this.columns()`) — and its body is one `return` of an expression (or an arrow's expression).
 */
function callResult(call: TS.CallExpression): TS.Expression | undefined {
  const t = ts();
  const callee = unwrap(call.expression);
  let fn: TS.FunctionLikeDeclaration | undefined;
  if (t.isIdentifier(callee)) fn = functionNamed(callee);
  else if (t.isPropertyAccessExpression(callee)) {
    const owner = unwrap(callee.expression);
    let cls: TS.ClassLikeDeclaration | undefined;
    if (owner.kind === t.SyntaxKind.ThisKeyword) {
      let n: TS.Node | undefined = call.parent;
      while (n && !t.isClassLike(n)) n = n.parent;
      cls = n as TS.ClassLikeDeclaration | undefined;
    } else if (t.isIdentifier(owner)) cls = classNamed(owner);
    const isStatic = (m: TS.ClassElement) => !!(t.getCombinedModifierFlags(m as TS.Declaration) & t.ModifierFlags.Static);
    const method = cls?.members.find((m): m is TS.MethodDeclaration => t.isMethodDeclaration(m) && t.isIdentifier(m.name) && m.name.text === callee.name.text
      && (owner.kind === t.SyntaxKind.ThisKeyword ? !isStatic(m) : isStatic(m)));
    fn = method;
  }
  // Each parameter gets the caller's value of the same name (`timestamps(Sequelize)` into
  // `(Sequelize) => ({…})`) or its default: the body then reads as it is written.
  // A parameter destructured from an object the call writes (`defaultColumnsDef({ version: … })`
  // into `({ version }) => ({ createdAt: …, ...(version ? … : undefined) })`): each name it binds
  // holds what the object gives that key (its default, or `undefined`, when the object has no such
  // key); an object not wholly read leaves them parameters, Unknown here.
  // (`undefined` given is no argument: the parameter takes its default, as JavaScript does.)
  const given = (i: number) => (call.arguments[i] && !isUndefined(call.arguments[i]) ? call.arguments[i] : undefined);
  const bindsAsWritten = (p: TS.ParameterDeclaration, i: number): boolean => {
    const a = given(i) && unwrap(given(i)!);
    if (t.isObjectBindingPattern(p.name) && !p.dotDotDotToken) return !a || t.isObjectLiteralExpression(a);
    return a ? t.isIdentifier(a) && t.isIdentifier(p.name) && a.text === p.name.text && !p.dotDotDotToken : !!p.initializer;
  };
  // A literal the call gives (`timestampColumn("created_at")`), or a literal default: what the
  // parameter holds while what it returns is read (bound anew at each call's reading).
  const literalFor = (p: TS.ParameterDeclaration, i: number) => (t.isIdentifier(p.name) && !p.dotDotDotToken
    ? (given(i) ? scalarLiteral(given(i)) : scalarLiteral(p.initializer)) : undefined);
  if (!fn?.body || call.arguments.length > fn.parameters.length || !fn.parameters.every((p, i) => bindsAsWritten(p, i) || literalFor(p, i))) return undefined;
  fn.parameters.forEach((p, i) => {
    const value = literalFor(p, i);
    if (value) bindParameter((p.name as TS.Identifier).text, value, fn!);
    else if (t.isObjectBindingPattern(p.name)) bindDestructured(p.name, call.arguments[i], fn!);
  });
  return returnedExpression(fn);
}

/** JavaScript's `undefined`, for a key an object does not have. */
let undefinedValue: TS.Identifier | undefined;

/** JavaScript's `undefined`: what a parameter holds when a call gives it nothing and it has no default. */
export function undefinedIdentifier(): TS.Identifier {
  return (undefinedValue ??= ts().factory.createIdentifier('undefined'));
}

/** Whether a test holds where it is read (a helper's parameter bound to what a call gives it); undefined when that is decided at run time. */
export function truthValue(test: TS.Expression): boolean | undefined {
  return truthOf(test, 0);
}

/** `({ version, strict = false })` handed `{ version: options.addVersion }`: each name what the object gives its key. */
function bindDestructured(pattern: TS.ObjectBindingPattern, argument: TS.Expression | undefined, fn: TS.FunctionLikeDeclaration): void {
  const t = ts();
  const given = argument ? literalEntries(argument) : { entries: [], complete: true };
  if (!given?.complete) return;
  for (const element of pattern.elements) {
    const key = element.propertyName ?? element.name;
    if (element.dotDotDotToken || !t.isIdentifier(element.name) || !(t.isIdentifier(key) || t.isStringLiteral(key))) continue;
    const value = given.entries.find((e) => e.key === key.text)?.value ?? element.initializer ?? (undefinedValue ??= t.factory.createIdentifier('undefined'));
    bindParameter(element.name.text, value, fn);
  }
}

/** A function of an enclosing block or of the file by its name: a declaration or a `const` bound to an arrow or function expression. */
export function functionNamed(name: TS.Identifier): TS.FunctionLikeDeclaration | undefined {
  const t = ts();
  for (let scope: TS.Node | undefined = name.parent; scope; scope = scope.parent) {
    if (!t.isBlock(scope) && !t.isSourceFile(scope)) continue;
    for (const statement of scope.statements) {
      if (t.isFunctionDeclaration(statement) && statement.name?.text === name.text) return statement;
      if (!t.isVariableStatement(statement) || !(statement.declarationList.flags & t.NodeFlags.Const)) continue;
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (t.isIdentifier(d.name) && d.name.text === name.text && init && (t.isArrowFunction(init) || t.isFunctionExpression(init))) return init;
      }
    }
  }
  return undefined;
}

/** A class of the file by its name. */
function classNamed(name: TS.Identifier): TS.ClassDeclaration | undefined {
  const t = ts();
  return name.getSourceFile().statements.find((s): s is TS.ClassDeclaration => t.isClassDeclaration(s) && s.name?.text === name.text);
}
