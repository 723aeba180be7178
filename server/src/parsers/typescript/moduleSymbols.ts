/**
 * What one TypeScript/JavaScript module says about names, read from its syntax alone: what it
 * imports (and under which local name), the constant values it declares — `const` literals, enum
 * members (auto-numbered ones evaluated as TypeScript does), `static readonly` class properties,
 * members of `as const`/frozen object literals — and what it re-exports. The resolution layer
 * (resolve/typescript) follows these across modules as the TypeScript checker follows symbols; a
 * value this reader cannot evaluate is simply absent (Unknown to whoever asks for it).
 */
import type * as TS from 'typescript';
import type { NameRef, NamingFunction, OrmUnknown, TsLiteral, TsModuleSymbols, TsSymbolValue, ValueRef } from '../../facts/orm';
import type { Location } from '../../model/source';
import { unknownValue } from '../../model/unknown';
import { designConstructor, isSequelizeTypeName } from '../../model/ormTypes';
import { equality, onPostgres } from './databaseBranch';
import { mixinApplication, returnedExpression, scalarLiteral, ts, type TsFile, unwrap } from './syntax';
import { DIALECT, postgresExpression } from './databaseBranch';
import { createdIndexDecorators } from './sequelizeIndexes';
import { initAttributes, sequelizeInitOverride, staticInit } from './sequelizeInit';
import { calledNames, NAMING_METHODS, readNamingFunction } from './namingFunctions';

/** `A` → { name: 'A' }; `A.B` → { name: 'A', member: 'B' }; `ns.A.B` → { name: 'ns', member: 'A.B' }. */
export function nameRefOf(node: TS.Node | undefined): NameRef | undefined {
  const t = ts();
  if (!node) return undefined;
  if (t.isParenthesizedExpression(node) || t.isAsExpression(node) || t.isNonNullExpression(node) || t.isSatisfiesExpression(node)) return nameRefOf(node.expression);
  if (t.isIdentifier(node)) return { name: node.text };
  if (t.isPropertyAccessExpression(node)) {
    const parts: string[] = [node.name.text];
    let e: TS.Expression = node.expression;
    while (t.isPropertyAccessExpression(e)) {
      parts.unshift(e.name.text);
      e = e.expression;
    }
    return t.isIdentifier(e) ? { name: e.text, member: parts.join('.') } : undefined;
  }
  if (t.isElementAccessExpression(node) && t.isStringLiteralLike(node.argumentExpression)) {
    const left = nameRefOf(node.expression);
    return left ? { name: left.name, member: left.member ? `${left.member}.${node.argumentExpression.text}` : node.argumentExpression.text } : undefined;
  }
  return undefined;
}

/**
 * A name (see nameRefOf), or a string built of literals and names — `'app_' + TABLE`,
 * `` `${PREFIX}users` `` — for the resolution layer to evaluate; undefined: neither.
 */
export function valueRefOf(node: TS.Node | undefined): ValueRef | undefined {
  const t = ts();
  if (!node) return undefined;
  if (t.isParenthesizedExpression(node) || t.isAsExpression(node) || t.isNonNullExpression(node) || t.isSatisfiesExpression(node)) return valueRefOf(node.expression);
  const parts = concatParts(node, 0);
  if (parts && parts.some((p) => typeof p !== 'string')) return { concat: parts };
  return nameRefOf(node);
}

/** The parts of a string concatenation or template of literals and names; undefined when any part is computed. */
function concatParts(node: TS.Node, depth: number): (string | NameRef)[] | undefined {
  const t = ts();
  if (depth > 16) return undefined;
  if (t.isParenthesizedExpression(node)) return concatParts(node.expression, depth + 1);
  if (t.isStringLiteralLike(node)) return [node.text];
  if (t.isTemplateExpression(node)) {
    const out: (string | NameRef)[] = [node.head.text];
    for (const span of node.templateSpans) {
      const inner = span.expression;
      const part = t.isStringLiteralLike(inner) ? inner.text : nameRefOf(inner);
      if (part === undefined) return undefined;
      out.push(part, span.literal.text);
    }
    return out;
  }
  if (t.isBinaryExpression(node) && node.operatorToken.kind === t.SyntaxKind.PlusToken) {
    const side = (e: TS.Expression) => concatParts(e, depth + 1) ?? ((r) => (r ? [r] : undefined))(nameRefOf(e));
    const left = side(node.left);
    const right = side(node.right);
    // One side must be a string for `+` to concatenate (two names may be numbers that add).
    if (!left || !right || ![...left, ...right].some((p) => typeof p === 'string')) return undefined;
    return [...left, ...right];
  }
  return undefined;
}

/** A literal's value, or a reference to another name whose value it is; undefined: not evaluable here. */
function symbolValue(node: TS.Expression | undefined): TsSymbolValue | undefined {
  const t = ts();
  if (!node) return undefined;
  if (t.isParenthesizedExpression(node) || t.isAsExpression(node) || t.isSatisfiesExpression(node) || t.isTypeAssertionExpression(node)) return symbolValue(node.expression);
  if (t.isStringLiteral(node) || t.isNoSubstitutionTemplateLiteral(node)) return { value: node.text };
  if (t.isNumericLiteral(node)) return { value: Number(node.text) };
  if (t.isPrefixUnaryExpression(node) && node.operator === t.SyntaxKind.MinusToken && t.isNumericLiteral(node.operand)) return { value: -Number(node.operand.text) };
  if (node.kind === t.SyntaxKind.TrueKeyword) return { value: true };
  if (node.kind === t.SyntaxKind.FalseKeyword) return { value: false };
  // `process.env.DB_TYPE === 'postgres'`: a test of the database type, true or false on PostgreSQL.
  if (t.isBinaryExpression(node) && equality(node) !== undefined) {
    const decided = onPostgres(node);
    return decided === undefined ? undefined : { value: decided };
  }
  // `dbType === 'postgresdb' ? 'timestamptz' : 'datetime'`: the value PostgreSQL gets.
  if (t.isConditionalExpression(node)) {
    const taken = postgresExpression(node);
    return taken === node ? undefined : symbolValue(taken);
  }
  const ref = valueRefOf(node);
  return ref ? { ref } : undefined;
}

/** `{ a: 'x', b: { c: 1 } }` (possibly `as const`, or inside `Object.freeze(…)`): its evaluable members under `prefix`. */
function objectMembers(node: TS.Expression, prefix: string, into: Record<string, TsSymbolValue>, depth = 0): void {
  const t = ts();
  let e = node;
  while (t.isAsExpression(e) || t.isParenthesizedExpression(e) || t.isSatisfiesExpression(e)) e = e.expression;
  if (t.isCallExpression(e) && e.arguments.length === 1 && t.isPropertyAccessExpression(e.expression) && e.expression.getText() === 'Object.freeze') e = e.arguments[0];
  if (!t.isObjectLiteralExpression(e) || depth > 3) return;
  for (const p of e.properties) {
    if (!t.isPropertyAssignment(p)) continue;
    const key = t.isIdentifier(p.name) || t.isStringLiteral(p.name) || t.isNumericLiteral(p.name) ? p.name.text : undefined;
    if (key === undefined) continue;
    const v = symbolValue(p.initializer);
    if (v) into[`${prefix}.${key}`] = v;
    else objectMembers(p.initializer, `${prefix}.${key}`, into, depth + 1);
  }
}

/**
 * `const id = () => ({ type: 'varchar', length: 32 })` (or a `function` returning one object): a
 * function of no parameters that returns a literal object, as column options are shared
 * (`@PrimaryColumn(id())`). Its members under `name.()` — `id.().type` — and, under `name.()`
 * itself, the list of its keys. False when the node is no such function.
 */
function optionsFunction(node: TS.Node, name: string, into: Record<string, TsSymbolValue>): boolean {
  const t = ts();
  let fn = node;
  while (t.isParenthesizedExpression(fn) || t.isAsExpression(fn)) fn = fn.expression;
  if (!(t.isArrowFunction(fn) || t.isFunctionExpression(fn) || t.isFunctionDeclaration(fn)) || fn.parameters.length) return false;
  let e = returnedExpression(fn);
  while (e && (t.isParenthesizedExpression(e) || t.isAsExpression(e) || t.isSatisfiesExpression(e))) e = e.expression;
  if (!e || !t.isObjectLiteralExpression(e)) return false;
  const keys: string[] = [];
  for (const p of e.properties) {
    const key = (t.isPropertyAssignment(p) || t.isShorthandPropertyAssignment(p)) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) ? p.name.text : undefined;
    // A spread or a computed key: what the object holds is not all known.
    if (key === undefined) return false;
    keys.push(key);
  }
  objectMembers(e, `${name}.()`, into);
  into[`${name}.()`] = { value: keys.join(',') };
  return true;
}

/**
 * The position of the parameter a function returns as it is (`(t) => t`, `function f(t) { return t }`,
 * through casts), or undefined: any other function, or not a function.
 */
export function returnedParameter(node: TS.Node): number | undefined {
  const t = ts();
  let fn = node;
  while (t.isParenthesizedExpression(fn) || t.isAsExpression(fn)) fn = fn.expression;
  if (!(t.isArrowFunction(fn) || t.isFunctionExpression(fn) || t.isFunctionDeclaration(fn))) return undefined;
  let returned = returnedExpression(fn);
  while (returned && (t.isParenthesizedExpression(returned) || t.isAsExpression(returned) || t.isSatisfiesExpression(returned) || t.isNonNullExpression(returned))) returned = returned.expression;
  if (!returned || !t.isIdentifier(returned)) return undefined;
  const name = returned.text;
  const index = fn.parameters.findIndex((p) => t.isIdentifier(p.name) && p.name.text === name && !p.dotDotDotToken);
  return index >= 0 ? index : undefined;
}

/**
 * `function resolveDbType(t) { if (isPgsql && t.toString() in pgTypeMapping) { return pgTypeMapping[t.toString()]; } return t; }`
 * (also with the condition's parts in either order, `String(t)`, or without `in`): the parameter looked
 * up, the object it is looked up in, the other names the condition needs true, and whether it asks
 * `in` the object first (without, a key it lacks gives undefined, not the argument). Any other shape: undefined.
 */
export function mappedParameter(node: TS.Node): NonNullable<TsModuleSymbols['mapsArgument']>[string] | undefined {
  const t = ts();
  let fn = node;
  while (t.isParenthesizedExpression(fn) || t.isAsExpression(fn)) fn = fn.expression;
  if (!(t.isArrowFunction(fn) || t.isFunctionExpression(fn) || t.isFunctionDeclaration(fn)) || !fn.body || !t.isBlock(fn.body)) return undefined;
  const statements = fn.body.statements;
  if (statements.length !== 2) return undefined;
  const [test, last] = statements;
  if (!t.isIfStatement(test) || test.elseStatement || !t.isReturnStatement(last) || !last.expression) return undefined;
  const params = fn.parameters.map((p) => (t.isIdentifier(p.name) && !p.dotDotDotToken ? p.name.text : undefined));
  // The argument itself: `t`, `t.toString()`, `String(t)`.
  const argument = (e: TS.Expression): number | undefined => {
    let x = e;
    while (t.isParenthesizedExpression(x) || t.isAsExpression(x) || t.isNonNullExpression(x)) x = x.expression;
    if (t.isCallExpression(x) && !x.arguments.length && t.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'toString') x = x.expression.expression;
    else if (t.isCallExpression(x) && x.arguments.length === 1 && t.isIdentifier(x.expression) && x.expression.text === 'String') x = x.arguments[0];
    const i = t.isIdentifier(x) ? params.indexOf(x.text) : -1;
    return i >= 0 ? i : undefined;
  };
  const index = argument(last.expression);
  if (index === undefined) return undefined;
  const body = t.isBlock(test.thenStatement) ? (test.thenStatement.statements.length === 1 ? test.thenStatement.statements[0] : undefined) : test.thenStatement;
  if (!body || !t.isReturnStatement(body) || !body.expression) return undefined;
  let lookup = body.expression;
  while (t.isParenthesizedExpression(lookup) || t.isAsExpression(lookup)) lookup = lookup.expression;
  if (!t.isElementAccessExpression(lookup) || !t.isIdentifier(lookup.expression) || argument(lookup.argumentExpression) !== index) return undefined;
  const table = lookup.expression.text;
  // The condition: `&&` of database-type tests (decided here for PostgreSQL), of names (or `a.b`,
  // negated or not) the resolution layer evaluates, and `arg in table`.
  const when: { ref: ValueRef; negated?: true }[] = [];
  let never = false;
  const parts: TS.Expression[] = [];
  const split = (e: TS.Expression): void => {
    while (t.isParenthesizedExpression(e)) e = e.expression;
    if (t.isBinaryExpression(e) && e.operatorToken.kind === t.SyntaxKind.AmpersandAmpersandToken) {
      split(e.left);
      split(e.right);
    } else parts.push(e);
  };
  split(test.expression);
  let checksKey = false;
  for (const part of parts) {
    if (t.isBinaryExpression(part) && part.operatorToken.kind === t.SyntaxKind.InKeyword && argument(part.left) === index && t.isIdentifier(part.right) && part.right.text === table) {
      checksKey = true;
      continue;
    }
    const decided = t.isBinaryExpression(part) ? onPostgres(part) : undefined;
    if (decided !== undefined) {
      never ||= !decided;
      continue;
    }
    const negated = t.isPrefixUnaryExpression(part) && part.operator === t.SyntaxKind.ExclamationToken;
    const ref = valueRefOf(negated ? (part as TS.PrefixUnaryExpression).operand : part);
    if (!ref) return undefined;
    when.push(negated ? { ref, negated: true } : { ref });
  }
  return { index, table, when, ...(never ? { never: true as const } : {}), ...(checksKey ? { checksKey: true as const } : {}) };
}

function isConst(list: TS.VariableDeclarationList): boolean {
  return (list.flags & ts().NodeFlags.Const) !== 0;
}

/**
 * `let foreignKeyRoom = 'roomId'` (or `var`) at a module's top, its names given a value nowhere else
 * in the module: a constant as much as a `const` is. (A name assigned anywhere, a shadowing one's
 * too, keeps it a variable: which value a read sees is then decided at run time.)
 */
function isNeverReassignedLet(sf: TS.SourceFile, list: TS.VariableDeclarationList): boolean {
  const t = ts();
  if (isConst(list)) return false;
  const assigned = assignedNames(sf);
  return list.declarations.every((d) => t.isIdentifier(d.name) && !assigned.has(d.name.text));
}

const assignedNamesOf = new WeakMap<TS.SourceFile, Set<string>>();

/** The names a module assigns after their declaration (`x = …`, `x += …`, `x++`, `[x] = …`, `({ x } = …)`, `for (x of …)`). */
function assignedNames(sf: TS.SourceFile): Set<string> {
  const known = assignedNamesOf.get(sf);
  if (known) return known;
  const t = ts();
  const names = new Set<string>();
  const target = (e: TS.Node): void => {
    if (t.isIdentifier(e)) names.add(e.text);
    else if (t.isParenthesizedExpression(e)) target(e.expression);
    else if (t.isArrayLiteralExpression(e)) e.elements.forEach((x) => target(t.isSpreadElement(x) ? x.expression : x));
    else if (t.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (t.isShorthandPropertyAssignment(p)) names.add(p.name.text);
        else if (t.isPropertyAssignment(p)) target(p.initializer);
        else if (t.isSpreadAssignment(p)) target(p.expression);
      }
    } else if (t.isBinaryExpression(e) && e.operatorToken.kind === t.SyntaxKind.EqualsToken) target(e.left);
  };
  const visit = (n: TS.Node): void => {
    if (t.isBinaryExpression(n) && n.operatorToken.kind >= t.SyntaxKind.FirstAssignment && n.operatorToken.kind <= t.SyntaxKind.LastAssignment) target(n.left);
    else if ((t.isPrefixUnaryExpression(n) || t.isPostfixUnaryExpression(n)) && (n.operator === t.SyntaxKind.PlusPlusToken || n.operator === t.SyntaxKind.MinusMinusToken)) target(n.operand);
    else if ((t.isForOfStatement(n) || t.isForInStatement(n)) && !t.isVariableDeclarationList(n.initializer)) target(n.initializer);
    t.forEachChild(n, visit);
  };
  visit(sf);
  assignedNamesOf.set(sf, names);
  return names;
}

/**
 * `enum E { A, B = 5, C, D = 'd' }`: the members as values (`E.A`), numbers counting up from the last
 * number as TypeScript numbers them; and, where every member is known, the design type TypeScript
 * gives a property the enum types (of numbers Number, of strings String, mixed Object).
 */
function enumMembers(decl: TS.EnumDeclaration, into: Record<string, TsSymbolValue>, designTypes: Record<string, string>): void {
  const t = ts();
  let next: number | undefined = 0;
  const seen = new Set<string>();
  let known = true;
  const members = new Map<string, string | number>();
  for (const m of decl.members) {
    const key = t.isIdentifier(m.name) || t.isStringLiteral(m.name) ? m.name.text : undefined;
    const value: string | number | undefined = !m.initializer ? next : constantEnumExpression(m.initializer, decl.name.text, members);
    next = typeof value === 'number' ? value + 1 : undefined;
    if (key !== undefined && value !== undefined) members.set(key, value);
    if (key !== undefined && value !== undefined) into[`${decl.name.text}.${key}`] = { value };
    if (value === undefined) known = false;
    else seen.add(typeof value);
  }
  if (known && seen.size) designTypes[decl.name.text] = seen.size > 1 ? 'Object' : seen.has('number') ? 'Number' : 'String';
}

/**
 * A member's initializer as TypeScript evaluates a constant enum expression: literals, the members
 * above (`Read | Write`, `Flags.Read`), parentheses, unary `+ - ~` and the binary operators on numbers
 * (`1 << 2`), `+` on strings. Anything else (a call, a name from elsewhere) is undefined: Unknown.
 */
function constantEnumExpression(node: TS.Expression, enumName: string, members: ReadonlyMap<string, string | number>): string | number | undefined {
  const t = ts();
  const k = t.SyntaxKind;
  if (t.isParenthesizedExpression(node)) return constantEnumExpression(node.expression, enumName, members);
  if (t.isStringLiteral(node) || t.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (t.isNumericLiteral(node)) return Number(node.text);
  if (t.isIdentifier(node)) return members.get(node.text);
  if (t.isPropertyAccessExpression(node) && t.isIdentifier(node.expression) && node.expression.text === enumName) return members.get(node.name.text);
  if (t.isPrefixUnaryExpression(node)) {
    const v = constantEnumExpression(node.operand, enumName, members);
    if (typeof v !== 'number') return undefined;
    return node.operator === k.MinusToken ? -v : node.operator === k.PlusToken ? v : node.operator === k.TildeToken ? ~v : undefined;
  }
  if (!t.isBinaryExpression(node)) return undefined;
  const a = constantEnumExpression(node.left, enumName, members);
  const b = constantEnumExpression(node.right, enumName, members);
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === 'string' || typeof b === 'string') return node.operatorToken.kind === k.PlusToken ? `${a}${b}` : undefined;
  switch (node.operatorToken.kind) {
    case k.PlusToken: return a + b;
    case k.MinusToken: return a - b;
    case k.AsteriskToken: return a * b;
    case k.SlashToken: return a / b;
    case k.PercentToken: return a % b;
    case k.AsteriskAsteriskToken: return a ** b;
    case k.LessThanLessThanToken: return a << b;
    case k.GreaterThanGreaterThanToken: return a >> b;
    case k.GreaterThanGreaterThanGreaterThanToken: return a >>> b;
    case k.AmpersandToken: return a & b;
    case k.BarToken: return a | b;
    case k.CaretToken: return a ^ b;
    default: return undefined;
  }
}

/** The names of sequelize-typescript's model decorators (and of `Model`, which they initialise). */
export const SEQUELIZE_TYPESCRIPT_NAMES: ReadonlySet<string> = new Set([
  'Table', 'Model', 'Column', 'PrimaryKey', 'AutoIncrement', 'AllowNull', 'Default', 'Unique', 'Index', 'CreatedAt', 'UpdatedAt', 'DeletedAt',
  'ForeignKey', 'BelongsTo', 'HasMany', 'HasOne', 'BelongsToMany', 'Comment', 'DataType',
]);

/** The names a top-level statement declares in its module (functions, classes, variables; `exports.X =`). */
function declaredNames(stmt: TS.Statement): string[] {
  const t = ts();
  if ((t.isFunctionDeclaration(stmt) || t.isClassDeclaration(stmt)) && stmt.name) return [stmt.name.text];
  if (t.isVariableStatement(stmt)) return stmt.declarationList.declarations.flatMap((d) => (t.isIdentifier(d.name) ? [d.name.text] : []));
  if (t.isExpressionStatement(stmt) && t.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === t.SyntaxKind.EqualsToken) {
    const named = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(stmt.expression.left.getText());
    if (named) return [named[1]];
  }
  return [];
}

export function readModuleSymbols(src: TsFile): TsModuleSymbols {
  const t = ts();
  const imports: TsModuleSymbols['imports'] = {};
  const values: Record<string, TsSymbolValue> = {};
  const reexports: TsModuleSymbols['reexports'] = [];
  const exportAliases: Record<string, string> = {};
  const defaultMembers: Record<string, string> = {};
  const classes: NonNullable<TsModuleSymbols['classes']> = {};
  const literals: Record<string, TsLiteral> = {};
  const returnsArgument: Record<string, number> = {};
  const mapsArgument: NonNullable<TsModuleSymbols['mapsArgument']> = {};
  const mixinApplications: NonNullable<TsModuleSymbols['mixinApplications']> = {};
  /** `exports.X = …` assignments seen, by name. */
  const assignedExports = new Set<string>();
  const sequelizeTypes = new Set<string>();
  const ownOrmNames = new Set<string>();
  const designTypes: Record<string, string> = {};
  const valueTypeAliases: { alias: string; object: string }[] = [];
  /** The module's constants holding object literals, for the aliases of their values' type. */
  const constObjects = new Map<string, TS.ObjectLiteralExpression>();
  const noteIdentity = (node: TS.Node, name: string) => {
    const index = returnedParameter(node);
    if (index !== undefined) returnsArgument[name] = index;
    const mapping = mappedParameter(node);
    if (mapping) mapsArgument[name] = mapping;
  };
  for (const stmt of src.sf.statements) {
    for (const name of declaredNames(stmt)) if (SEQUELIZE_TYPESCRIPT_NAMES.has(name)) ownOrmNames.add(name);
    if (t.isImportDeclaration(stmt) && t.isStringLiteral(stmt.moduleSpecifier)) {
      const module = stmt.moduleSpecifier.text;
      const clause = stmt.importClause;
      if (clause?.name) imports[clause.name.text] = { module, name: 'default' };
      const bindings = clause?.namedBindings;
      if (bindings && t.isNamespaceImport(bindings)) imports[bindings.name.text] = { module, name: '*' };
      else if (bindings) for (const e of bindings.elements) imports[e.name.text] = { module, name: (e.propertyName ?? e.name).text };
      if (bindings && t.isNamedImports(bindings) && SEQUELIZE_MODULE.test(module)) {
        for (const e of bindings.elements) if (!e.propertyName && isSequelizeTypeName(e.name.text)) sequelizeTypes.add(e.name.text);
      }
    } else if (t.isImportEqualsDeclaration(stmt) && t.isExternalModuleReference(stmt.moduleReference) && t.isStringLiteral(stmt.moduleReference.expression)) {
      imports[stmt.name.text] = { module: stmt.moduleReference.expression.text, name: '*' };
    } else if (t.isExportDeclaration(stmt)) {
      const module = stmt.moduleSpecifier && t.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : undefined;
      const clause = stmt.exportClause;
      if (module && !clause) reexports.push({ module });
      else if (module && clause && t.isNamedExports(clause)) {
        const names: Record<string, string> = {};
        for (const e of clause.elements) names[e.name.text] = (e.propertyName ?? e.name).text;
        reexports.push({ module, names });
        // `export { STRING } from 'sequelize'`: the package's data type, passed on under its name.
        if (SEQUELIZE_MODULE.test(module)) for (const e of clause.elements) if (!e.propertyName && isSequelizeTypeName(e.name.text)) sequelizeTypes.add(e.name.text);
      } else if (module && clause && t.isNamespaceExport(clause)) reexports.push({ module, names: { [clause.name.text]: '*' } });
      else if (!module && clause && t.isNamedExports(clause)) {
        for (const e of clause.elements) if (e.propertyName) exportAliases[e.name.text] = e.propertyName.text;
      }
    } else if (t.isExportAssignment(stmt) && t.isIdentifier(stmt.expression)) {
      exportAliases.default = stmt.expression.text;
    } else if (t.isExportAssignment(stmt) && t.isObjectLiteralExpression(stmt.expression)) {
      // `export default { addOrReplaceIndex, drop: dropIfExists }`: each member is a local name.
      for (const p of stmt.expression.properties) {
        if (t.isShorthandPropertyAssignment(p)) defaultMembers[p.name.text] = p.name.text;
        else if (t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) && t.isIdentifier(p.initializer)) defaultMembers[p.name.text] = p.initializer.text;
      }
    } else if (t.isVariableStatement(stmt) && (isConst(stmt.declarationList) || isNeverReassignedLet(src.sf, stmt.declarationList))) {
      for (const d of stmt.declarationList.declarations) {
        if (!d.initializer) continue;
        const required = requireCall(d.initializer);
        for (const name of sequelizeTypeBindings(src, d)) sequelizeTypes.add(name);
        // `const { a, b: c } = require('./m')`: each name, as an import of it.
        if (required && t.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            const imported = el.propertyName && t.isIdentifier(el.propertyName) ? el.propertyName.text : t.isIdentifier(el.name) ? el.name.text : undefined;
            if (imported && t.isIdentifier(el.name) && !el.dotDotDotToken) imports[el.name.text] = { module: required, name: imported };
          }
        }
        // `const { MAX_NAME, url: URL_MAX } = blogLimits` (an object of this module or an imported
        // one): each name is that member, resolved where the object is declared.
        if (!required && t.isObjectBindingPattern(d.name)) {
          const object = nameRefOf(d.initializer);
          for (const el of object ? d.name.elements : []) {
            const key = el.propertyName ? (t.isIdentifier(el.propertyName) || t.isStringLiteral(el.propertyName) ? el.propertyName.text : undefined) : t.isIdentifier(el.name) ? el.name.text : undefined;
            if (key === undefined || el.dotDotDotToken || el.initializer || !t.isIdentifier(el.name)) continue;
            values[el.name.text] = { ref: { name: object!.name, member: object!.member ? `${object!.member}.${key}` : key } };
          }
        }
        if (!t.isIdentifier(d.name)) continue;
        // `const utils = require('../utils')` (a module of the project: its exports, as `import * as`),
        // `const isSQLite = require('../utils').isSQLite`: imports, as TypeScript binds them in JavaScript.
        if (required?.startsWith('.')) imports[d.name.text] = { module: required, name: '*' };
        const member = t.isPropertyAccessExpression(d.initializer) ? requireCall(d.initializer.expression) : undefined;
        if (member) imports[d.name.text] = { module: member, name: (d.initializer as TS.PropertyAccessExpression).name.text };
        const v = symbolValue(d.initializer);
        if (v) values[d.name.text] = v;
        else if (!optionsFunction(d.initializer, d.name.text, values)) objectMembers(d.initializer, d.name.text, values);
        sharedLiteral(src, d.initializer, d.name.text, literals);
        sharedHelper(src, d.initializer, d.name.text, literals);
        entitySchemaOptions(src, d.initializer, d.name.text, literals);
        noteIdentity(d.initializer, d.name.text);
        const applied = mixinApplication(d.initializer);
        if (applied) mixinApplications[d.name.text] = applied;
        const object = unwrapObject(d.initializer);
        if (object) constObjects.set(d.name.text, object);
        if (required) imports[d.name.text] = { module: required, name: '*' };
      }
    } else if (t.isFunctionDeclaration(stmt) && !stmt.name && stmt.modifiers?.some((m) => m.kind === t.SyntaxKind.DefaultKeyword)) {
      // `export default function (DataTypes) { return { currency: { … } } }`: what it returns, lent as
      // the default export's (declared under the name `default`).
      sharedLiteral(src, stmt, 'default', literals);
      exportAliases.default = 'default';
    } else if (t.isExportAssignment(stmt) && !stmt.isExportEquals && (t.isArrowFunction(unwrap(stmt.expression)) || t.isFunctionExpression(unwrap(stmt.expression)))) {
      sharedLiteral(src, unwrap(stmt.expression), 'default', literals);
      exportAliases.default = 'default';
    } else if (t.isFunctionDeclaration(stmt) && stmt.name) {
      optionsFunction(stmt, stmt.name.text, values);
      sharedLiteral(src, stmt, stmt.name.text, literals);
      sharedHelper(src, stmt, stmt.name.text, literals);
      noteIdentity(stmt, stmt.name.text);
    } else if (t.isExpressionStatement(stmt) && t.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === t.SyntaxKind.EqualsToken) {
      // CommonJS: `module.exports.X = …` / `exports.X = …`, and `module.exports = { X: …, Y }`.
      const { left, right } = stmt.expression;
      const target = left.getText(src.sf);
      const named = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
      // `exports.USER_KEYWORDS = require('./user')`: that module's exports under one name, as
      // `export * as USER_KEYWORDS from './user'` would be.
      const requiredModule = named ? requireCall(right) : undefined;
      if (named && requiredModule) {
        if (!assignedExports.has(named[1])) reexports.push({ module: requiredModule, names: { [named[1]]: '*' } });
        assignedExports.add(named[1]);
      } else if (named) {
        sharedLiteral(src, right, named[1], literals);
        sharedHelper(src, right, named[1], literals);
        // `exports.auditNotesTable = 'audit_notes'`: a value of the module, as a `const` export is
        // (assigned twice, it is none: which one a reader sees depends on when it reads).
        const v = symbolValue(right);
        if (v && !assignedExports.has(named[1])) values[named[1]] = v;
        else delete values[named[1]];
        assignedExports.add(named[1]);
      } else if (target === 'module.exports' && t.isIdentifier(right)) exportAliases.default = right.text;
      else if (target === 'module.exports' && (t.isArrowFunction(unwrap(right)) || t.isFunctionExpression(unwrap(right)))) {
        // `module.exports = function (DataTypes) { return { … } }`: what it returns, as an ES default export's.
        sharedLiteral(src, unwrap(right), 'default', literals);
        exportAliases.default = 'default';
      }
      else if (target === 'module.exports' && t.isObjectLiteralExpression(right)) {
        for (const p of right.properties) {
          // `{ drop: dropIfExists }`: the export `drop` is the local `dropIfExists`.
          if (t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) && t.isIdentifier(p.initializer) && p.initializer.text !== p.name.text) exportAliases[p.name.text] = p.initializer.text;
          // `module.exports = { USER_KEYWORDS: require('./user') }`: that module's exports under one name.
          else if (t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) && requireCall(p.initializer)) reexports.push({ module: requireCall(p.initializer)!, names: { [p.name.text]: '*' } });
          else if (t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name))) {
            sharedLiteral(src, p.initializer, p.name.text, literals);
            const v = symbolValue(p.initializer);
            if (v && !(p.name.text in values)) values[p.name.text] = v;
            // `module.exports = { Names: { USER: 'member' } }`: the members of an exported object.
            else if (!v) objectMembers(p.initializer, p.name.text, values);
          }
          else if (t.isMethodDeclaration(p) && t.isIdentifier(p.name)) sharedLiteral(src, p, p.name.text, literals);
        }
      }
    } else if (t.isEnumDeclaration(stmt)) {
      enumMembers(stmt, values, designTypes);
    } else if (t.isTypeAliasDeclaration(stmt) && !stmt.typeParameters) {
      // `type Level = 'low' | 'high'`: a property typed by it has the literals' design type.
      const design = designConstructor(stmt.type.getText(src.sf));
      if (design) designTypes[stmt.name.text] = design;
      // `type StateType = typeof State[keyof typeof State]`: the type of the values of an object of
      // the module (an enum written as an `as const` object), read once its declaration is.
      const valuesOf = valuesTypeOf(stmt.type);
      if (!design && valuesOf) valueTypeAliases.push({ alias: stmt.name.text, object: valuesOf });
    } else if (t.isClassDeclaration(stmt) && stmt.name) {
      if (stmt.modifiers?.some((m) => m.kind === t.SyntaxKind.DefaultKeyword)) exportAliases.default = stmt.name.text;
      const base = stmt.heritageClauses?.find((h) => h.token === t.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      const methods = stmt.members.filter((m) => (t.isMethodDeclaration(m) || (t.isPropertyDeclaration(m) && m.initializer && t.isArrowFunction(m.initializer))) && m.name && t.isIdentifier(m.name))
        .map((m) => (m.name as TS.Identifier).text);
      const init = sequelizeInitOverride(stmt, src.sf);
      // The attributes it adds around its subclasses' (`{ id: …, ...attributes }`), lent to their modules.
      const initMethod = init?.addsAttributes ? staticInit(stmt) : undefined;
      const added = initMethod && initAttributes(initMethod);
      if (added) sharedLiteral(src, added.literal, `${stmt.name.text}.init.attributes`, literals);
      // (`extends Sequelize.Model`: computed, its member's name kept.)
      const baseMember = base && t.isPropertyAccessExpression(base) ? { baseMember: base.name.text } : {};
      classes[stmt.name.text] = { ...(base && t.isIdentifier(base) ? { base: base.text } : base ? { baseComputed: true, ...baseMember } : {}), methods, ...(init ? { sequelizeInit: init } : {}) };
      // A naming strategy's overrides, as they compute the names (only a class built on another).
      const naming = base ? namingMethodsOf(stmt) : undefined;
      if (naming) classes[stmt.name.text].namingMethods = naming;
      for (const m of stmt.members) {
        if (t.isMethodDeclaration(m) && t.isIdentifier(m.name) && m.modifiers?.some((x) => x.kind === t.SyntaxKind.StaticKeyword)) {
          sharedLiteral(src, m, `${stmt.name.text}.${m.name.text}`, literals);
          sharedHelper(src, m, `${stmt.name.text}.${m.name.text}`, literals);
        } else if (t.isMethodDeclaration(m) && t.isIdentifier(m.name)) {
          // An instance method handed the runner (a migrations' base class: `protected async
          // createIndex(queryRunner, table, column)`), lent to the migrations that extend the class.
          sharedHelper(src, m, `${stmt.name.text}.prototype.${m.name.text}`, literals);
        }
        const isStatic = t.isPropertyDeclaration(m) && m.modifiers?.some((x) => x.kind === t.SyntaxKind.StaticKeyword);
        const readonly = t.isPropertyDeclaration(m) && m.modifiers?.some((x) => x.kind === t.SyntaxKind.ReadonlyKeyword);
        if (!isStatic || !t.isIdentifier(m.name!)) continue;
        const v = symbolValue((m as TS.PropertyDeclaration).initializer);
        // A static that is not readonly may be reassigned: only a string (a table name), written or
        // a name bound to one (`static NAME = patientTableName`), is taken as what it holds.
        if (v && (readonly || 'ref' in v || typeof v.value === 'string')) values[`${stmt.name.text}.${(m.name as TS.Identifier).text}`] = v;
        // `static STATUS = { ACTIVE: 1 }`: its members, as a `const` object's (what the class's own
        // decorators read, `default: User.STATUS.ACTIVE`, is the initializer: statics are set first).
        else if (!v && (m as TS.PropertyDeclaration).initializer) objectMembers((m as TS.PropertyDeclaration).initializer!, `${stmt.name.text}.${(m.name as TS.Identifier).text}`, values);
      }
    }
  }
  for (const { alias, object } of valueTypeAliases) {
    const design = constObjects.has(object) ? literalValuesDesignType(constObjects.get(object)!) : undefined;
    if (design) designTypes[alias] = design;
  }
  const symbols: TsModuleSymbols = { imports, values, reexports };
  const helpers = namingHelpersOf(src, classes);
  if (helpers) symbols.namingHelpers = helpers;
  if (Object.keys(exportAliases).length) symbols.exportAliases = exportAliases;
  if (Object.keys(defaultMembers).length) symbols.defaultMembers = defaultMembers;
  if (Object.keys(classes).length) symbols.classes = classes;
  if (Object.keys(literals).length) symbols.literals = literals;
  if (Object.keys(returnsArgument).length) symbols.returnsArgument = returnsArgument;
  // The keys of a lookup table written whole in the module (`{ datetime: 'timestamptz' }`): a type not
  // among them passes as it is.
  for (const m of Object.values(mapsArgument)) {
    const table = constObjects.get(m.table);
    if (table && table.properties.every((p) => t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)))) {
      m.keys = table.properties.map((p) => ((p as TS.PropertyAssignment).name as TS.Identifier | TS.StringLiteral).text);
    }
  }
  if (Object.keys(mapsArgument).length) symbols.mapsArgument = mapsArgument;
  if (Object.keys(mixinApplications).length) symbols.mixinApplications = mixinApplications;
  if (sequelizeTypes.size) symbols.sequelizeTypes = [...sequelizeTypes];
  // (Also `export { makeTable as Table }`: a local name exported under a decorator's.)
  for (const [exported, local] of Object.entries(exportAliases)) if (SEQUELIZE_TYPESCRIPT_NAMES.has(exported) && exported !== local) ownOrmNames.add(exported);
  if (ownOrmNames.size) symbols.ownOrmNames = [...ownOrmNames];
  if (Object.keys(designTypes).length) symbols.designTypes = designTypes;
  // Index decorators other modules' models may import (`export const ByOwner = createIndexDecorator()`).
  if (/\bcreateIndexDecorator\s*\(/.test(src.sf.text)) {
    const made = createdIndexDecorators(src);
    if (made.size) symbols.indexDecorators = Object.fromEntries(made);
  }
  return symbols;
}

/** The packages whose `DataTypes` (`DataType`) a model's types come from. */
const SEQUELIZE_MODULE = /^sequelize(-typescript)?$/;

/** `DataTypes`, `Sequelize`, `Sequelize.DataTypes`, `require('sequelize').DataTypes`: what Sequelize's data types are members of. */
function isDataTypesHolder(src: TsFile, node: TS.Expression): boolean {
  const t = ts();
  let e = node;
  while (t.isParenthesizedExpression(e) || t.isAsExpression(e) || t.isNonNullExpression(e)) e = e.expression;
  const required = requireCall(e);
  if (required) return SEQUELIZE_MODULE.test(required);
  if (t.isPropertyAccessExpression(e) && /^DataTypes?$/.test(e.name.text)) {
    const of = requireCall(e.expression);
    if (of) return SEQUELIZE_MODULE.test(of);
  }
  return /^(?:[\w$]+\.)?(?:DataTypes?|Sequelize)$/.test(e.getText(src.sf));
}

/**
 * The names a module-level declaration binds to Sequelize's data types, under their own names:
 * `const { STRING, INTEGER } = DataTypes` (or `= require('sequelize')`), `const STRING =
 * DataTypes.STRING` — what a module of the project passes on for models to import (`export {
 * STRING }`), followed there by the resolution layer.
 */
function sequelizeTypeBindings(src: TsFile, d: TS.VariableDeclaration): string[] {
  const t = ts();
  const init = d.initializer;
  if (!init) return [];
  if (t.isObjectBindingPattern(d.name)) {
    if (!isDataTypesHolder(src, init)) return [];
    return d.name.elements.flatMap((el) => {
      const original = el.propertyName && t.isIdentifier(el.propertyName) ? el.propertyName.text : t.isIdentifier(el.name) ? el.name.text : undefined;
      return !el.dotDotDotToken && t.isIdentifier(el.name) && original === el.name.text && isSequelizeTypeName(original) ? [original] : [];
    });
  }
  if (t.isIdentifier(d.name) && t.isPropertyAccessExpression(init) && init.name.text === d.name.text && isSequelizeTypeName(d.name.text) && isDataTypesHolder(src, init.expression)) return [d.name.text];
  return [];
}

/**
 * Keys an object must have one of to be column options or a column's attributes — or a Sequelize
 * model's options (`BaseModel.modelOptions(sequelize)`, spread into every model's).
 */
const COLUMN_KEYS = new Set(['type', 'name', 'allowNull', 'isNullable', 'isPrimary', 'primaryKey', 'defaultValue', 'default', 'references', 'isUnique', 'unique', 'length', 'autoIncrement', 'isGenerated', 'field',
  'tableName', 'freezeTableName', 'underscored', 'timestamps', 'paranoid']);

/** The longest literal kept (a module's data tables are no columns). */
const MAX_LITERAL = 16_000;

/**
 * `const X = [...]` / `{...}`, or a function returning one (`X.()`), recorded under `name` when it
 * looks like what migrations share: column options, a list of them, or attributes keyed by name.
 */
function sharedLiteral(src: TsFile, node: TS.Node, name: string, into: Record<string, TsLiteral>): void {
  const t = ts();
  let params: string[] | undefined;
  let paramDefaults: Record<string, string> | undefined;
  let paramDefaultsUnread: string[] | undefined;
  let e: TS.Node | undefined = node;
  while (e && (t.isParenthesizedExpression(e) || t.isAsExpression(e) || t.isSatisfiesExpression(e))) e = e.expression;
  if (e && (t.isArrowFunction(e) || t.isFunctionExpression(e) || t.isFunctionDeclaration(e) || t.isMethodDeclaration(e))) {
    // A parameter destructured from an object (`({ version }) => ({ … })`) is lent as the names it
    // binds (`{version}`, `{withVersion:v}`): a call handing it an object literal binds each to the
    // property it names (see lentLiteral); one of another shape, DESTRUCTURED (nothing bound).
    if (!e.body || e.parameters.some((p) => !(t.isIdentifier(p.name) || t.isObjectBindingPattern(p.name)) || p.dotDotDotToken)) return;
    params = e.parameters.map((p) => (t.isIdentifier(p.name) ? p.name.text : destructuredNames(p.name as TS.ObjectBindingPattern)));
    for (const p of e.parameters) {
      const init = scalarLiteral(p.initializer);
      if (t.isIdentifier(p.name) && init) (paramDefaults ??= {})[p.name.text] = init.getText(src.sf);
      else if (t.isIdentifier(p.name) && p.initializer) (paramDefaultsUnread ??= []).push(p.name.text);
    }
    if (t.isBlock(e.body)) {
      const [only] = e.body.statements;
      e = e.body.statements.length === 1 && t.isReturnStatement(only) ? only.expression : undefined;
    } else e = e.body;
    while (e && (t.isParenthesizedExpression(e) || t.isAsExpression(e) || t.isSatisfiesExpression(e))) e = e.expression;
    name = `${name}.()`;
  }
  if (!e || !(t.isObjectLiteralExpression(e) || t.isArrayLiteralExpression(e)) || e.end - e.getStart(src.sf) > MAX_LITERAL || !columnLike(e, 0)) return;
  const start = src.position(e.getStart(src.sf));
  into[name] = { text: e.getText(src.sf), line: start.line, character: start.character, ...(params ? { params } : {}), ...(paramDefaults ? { paramDefaults } : {}), ...(paramDefaultsUnread ? { paramDefaultsUnread } : {}) };
}

/**
 * `const BaseEntity = new EntitySchema({ columns: { … }, relations: { … } })`: the objects it is
 * given, lent as `BaseEntity.options.columns` and `BaseEntity.options.relations` — what TypeORM's
 * EntitySchema keeps as `options`, spread into other schemas to extend this one.
 */
function entitySchemaOptions(src: TsFile, node: TS.Expression, name: string, into: Record<string, TsLiteral>): void {
  const t = ts();
  const e = unwrap(node);
  if (!t.isNewExpression(e) || !/(?:^|\.)EntitySchema$/.test(e.expression.getText(src.sf))) return;
  const options = e.arguments?.[0] && unwrap(e.arguments[0]);
  if (!options || !t.isObjectLiteralExpression(options)) return;
  for (const p of options.properties) {
    if (!t.isPropertyAssignment(p) || !t.isIdentifier(p.name) || (p.name.text !== 'columns' && p.name.text !== 'relations')) continue;
    sharedLiteral(src, p.initializer, `${name}.options.${p.name.text}`, into);
  }
}

/**
 * What a migration's runner does through one of its parameters (`queryInterface.createTable(…)`,
 * `queryRunner.query(…)`): a helper migrations of other modules hand their runner to.
 */
// (With the questions a helper asks of the schema — `hasColumn(queryRunner, t, c)` wrapping
// `queryRunner.getTable(t)` — read where it is called, as a question, not as a change not followed.)
const RUNNER_CALL = /\b([A-Za-z_$][\w$]*)\s*\.\s*(?:sequelize\s*\.\s*(?=query\s*\())?(?:bulkInsert|bulkDelete|bulkUpdate|createTable|dropTable|addColumn|addColumns|removeColumn|dropColumn|renameColumn|changeColumn|addIndex|createIndex|removeIndex|dropIndex|addConstraint|removeConstraint|createForeignKey|dropForeignKey|renameTable|query|getTable|getTables|hasTable|hasColumn|describeTable|showAllTables)\s*\(/g;

/** A lent function's parameter destructured from an object: stands in its `params` (see sharedLiteral). */
export const DESTRUCTURED = '{}';

/** `{ version, withVersion: v }` → `{version,withVersion:v}`; DESTRUCTURED for nested patterns or rest elements. */
function destructuredNames(pattern: TS.ObjectBindingPattern): string {
  const t = ts();
  const parts: string[] = [];
  for (const e of pattern.elements) {
    if (e.dotDotDotToken || !t.isIdentifier(e.name)) return DESTRUCTURED;
    const property = e.propertyName && t.isIdentifier(e.propertyName) ? e.propertyName.text : e.propertyName ? undefined : e.name.text;
    if (property === undefined) return DESTRUCTURED;
    parts.push(property === e.name.text ? property : `${property}:${e.name.text}`);
  }
  return `{${parts.join(',')}}`;
}

/** Whether a lent function's parameter was destructured from an object (see destructuredNames). */
export function isDestructured(param: string): boolean {
  return param.startsWith('{');
}

/** The (property, name) pairs a lent parameter of `destructuredNames` binds; empty for DESTRUCTURED. */
export function destructuredBindings(param: string): { property: string; name: string }[] {
  if (param === DESTRUCTURED || !isDestructured(param)) return [];
  return param.slice(1, -1).split(',').filter(Boolean).map((part) => {
    const [property, name] = part.split(':');
    return { property, name: name ?? property };
  });
}

/** The key a runner helper is lent under: `createTable.fn()` (see lentHelper). */
export const HELPER_MEMBER = 'fn()';

/**
 * `export const createTable = async (queryInterface, tableName, attributes, options) => { await
 * queryInterface.createTable(…) }`: a function whose parameters are plain names and which calls the
 * migration API on one of them, recorded under `name.fn()` with its text, for a migration of
 * another module that hands it its runner to read it where it is called.
 */
function sharedHelper(src: TsFile, node: TS.Node, name: string, into: Record<string, TsLiteral>): void {
  const t = ts();
  let e: TS.Node = node;
  while (t.isParenthesizedExpression(e) || t.isAsExpression(e) || t.isSatisfiesExpression(e)) e = e.expression;
  if (!(t.isArrowFunction(e) || t.isFunctionExpression(e) || t.isFunctionDeclaration(e) || t.isMethodDeclaration(e)) || !e.body) return;
  // (A parameter may destructure an options object — `(records, { queryInterface, transaction })`:
  // the runner handed inside it. Its names count as parameters for what follows.)
  const destructured = (p: TS.ParameterDeclaration) => t.isObjectBindingPattern(p.name) && p.name.elements.every((el) => t.isIdentifier(el.name) && !el.dotDotDotToken);
  if (e.parameters.some((p) => (!t.isIdentifier(p.name) && !destructured(p)) || p.dotDotDotToken)) return;
  if (e.end - e.getStart(src.sf) > MAX_LITERAL) return;
  const bound = e.parameters.flatMap((p) => (t.isIdentifier(p.name) ? [p.name.text] : (p.name as TS.ObjectBindingPattern).elements.map((el) => (el.name as TS.Identifier).text)));
  if (bound.length !== e.parameters.length) {
    // Only a helper handed the runner: neither a predicate nor a value per database takes options so.
    if (!t.isBlock(e.body) || ![...e.body.getText(src.sf).matchAll(RUNNER_CALL)].some((m) => bound.includes(m[1]))) return;
  }
  const params = e.parameters.map((p) => (t.isIdentifier(p.name) ? p.name.text : p.name.getText(src.sf)));
  // A predicate on the database type (`isSQLite(sequelize)`: `return sequelize.options.dialect ===
  // 'sqlite'`), which a migration's `if` asks; or a function handed the runner, which changes tables.
  const returned = returnedExpression(e);
  const predicate = !!returned && onPostgres(returned) !== undefined;
  // A value per database type (`datetime(dbType)`: `switch (dbType) { case "postgres": return
  // "timestamp with time zone"; … }`, or a conditional on it), which a migration asks for its own.
  const first = t.isBlock(e.body) ? e.body.statements[0] : undefined;
  const perDatabase = params.length === 1 && (returned ? postgresExpression(returned) !== returned
    : !!first && t.isSwitchStatement(first) && t.isIdentifier(first.expression) && first.expression.text === params[0]
      && first.caseBlock.clauses.some((c) => t.isCaseClause(c) && DIALECT.test(c.expression.getText(src.sf))));
  if (!predicate && !perDatabase) {
    if (!params.length || !t.isBlock(e.body)) return;
    const body = e.body.getText(src.sf);
    if (![...body.matchAll(RUNNER_CALL)].some((m) => bound.includes(m[1]))) return;
  }
  // A declaration is lent as the function expression it declares (its text parsed alone).
  const start = t.isFunctionDeclaration(e) || t.isMethodDeclaration(e) ? e.parameters.pos - 1 : e.getStart(src.sf);
  const head = t.isFunctionDeclaration(e) || t.isMethodDeclaration(e) ? `${e.modifiers?.some((m) => m.kind === t.SyntaxKind.AsyncKeyword) ? 'async ' : ''}function ` : '';
  const at = src.position(start);
  const text = head + src.sf.text.slice(start, e.end);
  // Where the text starts: the `function` prefix written before the parameter list's `(`.
  into[`${name}.${HELPER_MEMBER}`] = { text, line: at.line, character: Math.max(0, at.character - head.length), params };
}

/** The most names a list of columns kept (`export const OWNER_PERIOD = ['ownerId', 'period']`) holds: a longer one is data. */
const MAX_COLUMN_LIST = 16;

/**
 * Whether a literal holds column options (an object with a column key), in itself or one level
 * down — or is a short list of names, as an index's or a key's columns are.
 */
function columnLike(node: TS.Node, depth: number): boolean {
  const t = ts();
  if (depth > 2) return false;
  while (t.isAsExpression(node) || t.isSatisfiesExpression(node) || t.isParenthesizedExpression(node)) node = node.expression;
  if (depth === 0 && t.isArrayLiteralExpression(node) && node.elements.length && node.elements.length <= MAX_COLUMN_LIST
    && node.elements.every((el) => t.isStringLiteral(el) || t.isNoSubstitutionTemplateLiteral(el))) return true;
  if (t.isArrayLiteralExpression(node)) return node.elements.some((el) => columnLike(el, depth + 1));
  if (t.isNewExpression(node)) return !!node.arguments?.[0] && columnLike(node.arguments[0], depth + 1);
  if (!t.isObjectLiteralExpression(node)) return false;
  return node.properties.some((p) => {
    // What it spreads may be (`{ ...BaseModel.attributes(), total: … }`): looked up where it is lent.
    if (t.isSpreadAssignment(p)) return true;
    const key = p.name && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (key && COLUMN_KEYS.has(key)) return true;
    return t.isPropertyAssignment(p) && columnLike(p.initializer, depth + 1);
  });
}

/** `typeof State[keyof typeof State]` (parenthesised or not): the name `State`; undefined for any other type. */
function valuesTypeOf(type: TS.TypeNode): string | undefined {
  const t = ts();
  let n: TS.TypeNode = type;
  while (t.isParenthesizedTypeNode(n)) n = n.type;
  if (!t.isIndexedAccessTypeNode(n)) return undefined;
  let object: TS.TypeNode = n.objectType;
  while (t.isParenthesizedTypeNode(object)) object = object.type;
  const index = n.indexType;
  const name = t.isTypeQueryNode(object) && t.isIdentifier(object.exprName) ? object.exprName.text : undefined;
  const keyOf = t.isTypeOperatorNode(index) && index.operator === t.SyntaxKind.KeyOfKeyword && t.isTypeQueryNode(index.type) && t.isIdentifier(index.type.exprName) ? index.type.exprName.text : undefined;
  return name && name === keyOf ? name : undefined;
}

/** `{ … }`, `{ … } as const`, `Object.freeze({ … })`: the object literal. */
function unwrapObject(node: TS.Expression): TS.ObjectLiteralExpression | undefined {
  const t = ts();
  let e = node;
  while (t.isAsExpression(e) || t.isParenthesizedExpression(e) || t.isSatisfiesExpression(e)) e = e.expression;
  if (t.isCallExpression(e) && e.arguments.length === 1 && e.expression.getText() === 'Object.freeze') e = e.arguments[0];
  return t.isObjectLiteralExpression(e) ? e : undefined;
}

/**
 * The design type TypeScript gives the values of an object of literals: Number when all are
 * numbers, String when all are strings, Boolean when all are booleans, Object for a mix; undefined
 * when a value is no literal (or a member is spread or computed).
 */
function literalValuesDesignType(object: TS.ObjectLiteralExpression): string | undefined {
  const t = ts();
  const kinds = new Set<string>();
  for (const p of object.properties) {
    if (!t.isPropertyAssignment(p)) return undefined;
    let v = p.initializer;
    while (t.isAsExpression(v) || t.isParenthesizedExpression(v)) v = v.expression;
    if (numeric(v)) kinds.add('Number');
    else if (t.isStringLiteral(v) || t.isNoSubstitutionTemplateLiteral(v)) kinds.add('String');
    else if (v.kind === t.SyntaxKind.TrueKeyword || v.kind === t.SyntaxKind.FalseKeyword) kinds.add('Boolean');
    else return undefined;
  }
  if (!kinds.size) return undefined;
  return kinds.size > 1 ? 'Object' : [...kinds][0];
}

/** A number written with literals: `3`, `-1`, `1 << 2`, `(2 * 8) | 1`. */
function numeric(node: TS.Expression): boolean {
  const t = ts();
  let v = node;
  while (t.isParenthesizedExpression(v)) v = v.expression;
  if (t.isNumericLiteral(v)) return true;
  if (t.isPrefixUnaryExpression(v) && (v.operator === t.SyntaxKind.MinusToken || v.operator === t.SyntaxKind.TildeToken)) return numeric(v.operand);
  const k = t.SyntaxKind;
  const arithmetic = [k.PlusToken, k.MinusToken, k.AsteriskToken, k.SlashToken, k.PercentToken, k.AsteriskAsteriskToken, k.LessThanLessThanToken,
    k.GreaterThanGreaterThanToken, k.GreaterThanGreaterThanGreaterThanToken, k.BarToken, k.AmpersandToken, k.CaretToken];
  return t.isBinaryExpression(v) && arithmetic.includes(v.operatorToken.kind) && numeric(v.left) && numeric(v.right);
}

/** `require('./x')` → './x'. */
function requireCall(node: TS.Expression): string | undefined {
  const t = ts();
  return t.isCallExpression(node) && t.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1 && t.isStringLiteral(node.arguments[0]) ? node.arguments[0].text : undefined;
}

/**
 * Unknown to this reader: where the value is a name (`Tables.users`, an imported constant), it
 * carries the name, for the resolution layer to evaluate across modules.
 */
/**
 * A boolean option given by a name (`nullable: OPTIONAL`, `allowNull: !settings.required`): Unknown,
 * with the name — negated or not — the resolution layer may evaluate across modules.
 */
export function unknownBoolean(reason: string, location: Location, node: TS.Expression): OrmUnknown {
  const t = ts();
  const e = unwrap(node);
  const negated = t.isPrefixUnaryExpression(e) && e.operator === t.SyntaxKind.ExclamationToken;
  const ref = nameRefOf(negated ? unwrap((e as TS.PrefixUnaryExpression).operand) : e);
  return ref ? { ...unknownValue(reason, location), ref, ...(negated ? { negated: true as const } : {}) } : unknownValue(reason, location);
}

export function unknownName(reason: string, location: Location, node: TS.Node): OrmUnknown {
  const ref = valueRefOf(node);
  return ref ? { ...unknownValue(reason, location), ref } : unknownValue(reason, location);
}

/** The naming methods a class declares (`tableName(className, customName) { … }`), as they compute. */
function namingMethodsOf(cls: TS.ClassDeclaration): Record<string, NamingFunction> | undefined {
  const t = ts();
  // (Every method of a class that declares one of them: `this.snakeCase(…)` calls its own.)
  if (!cls.members.some((m) => m.name && t.isIdentifier(m.name) && NAMING_METHODS.has(m.name.text))) return undefined;
  const out: Record<string, NamingFunction> = {};
  for (const m of cls.members) {
    if (!m.name || !t.isIdentifier(m.name)) continue;
    if (t.canHaveModifiers(m) && t.getModifiers(m)?.some((x) => x.kind === t.SyntaxKind.StaticKeyword)) continue;
    if (t.isMethodDeclaration(m)) out[m.name.text] = readNamingFunction(m);
    else if (t.isPropertyDeclaration(m) && m.initializer && (t.isArrowFunction(m.initializer) || t.isFunctionExpression(m.initializer))) out[m.name.text] = readNamingFunction(m.initializer);
  }
  return Object.keys(out).length ? out : undefined;
}

/** The module's functions its naming strategies call by name, and the ones those call, read alike. */
function namingHelpersOf(src: TsFile, classes: NonNullable<TsModuleSymbols['classes']>): Record<string, NamingFunction> | undefined {
  const t = ts();
  const wanted = new Set<string>();
  for (const c of Object.values(classes)) for (const fn of Object.values(c.namingMethods ?? {})) for (const n of calledNames(fn)) wanted.add(n);
  if (!wanted.size) return undefined;
  const declared = new Map<string, TS.FunctionLikeDeclaration>();
  for (const stmt of src.sf.statements) {
    if (t.isFunctionDeclaration(stmt) && stmt.name && stmt.body) declared.set(stmt.name.text, stmt);
    else if (t.isVariableStatement(stmt) && isConst(stmt.declarationList)) {
      for (const d of stmt.declarationList.declarations) {
        if (t.isIdentifier(d.name) && d.initializer && (t.isArrowFunction(d.initializer) || t.isFunctionExpression(d.initializer))) declared.set(d.name.text, d.initializer);
      }
    }
  }
  const out: Record<string, NamingFunction> = {};
  const queue = [...wanted];
  while (queue.length) {
    const name = queue.pop()!;
    const fn = declared.get(name);
    if (!fn || out[name]) continue;
    out[name] = readNamingFunction(fn);
    for (const n of calledNames(out[name])) if (!out[n]) queue.push(n);
  }
  return Object.keys(out).length ? out : undefined;
}
