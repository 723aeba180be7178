/**
 * The project's own `@Table` decorators that apply sequelize-typescript's (`export function
 * Table({ lookupFields, ...options }) { return (target) => SequelizeTable({ ...options, indexes,
 * tableName: options.modelName, modelName: target.name })(target) }`): which of the caller's options
 * reach the ORM as written, and what the wrapper sets in them — read from the wrapper's own module,
 * so that a model decorated with it is read as the ORM reads it (see fromOrm's withConfirmedDecorators).
 * A wrapper written any other way (options chosen among several calls, rebuilt by a loop, assigned
 * anew) is not described: its models stay Unknown.
 */
import type * as TS from 'typescript';
import type { SequelizeTableWrapper } from '../../facts/orm';
import { SEQUELIZE_TYPESCRIPT_MODULE } from '../../facts/orm';
import { booleanValue, numberValue, stringValue, ts, type TsFile, unwrap } from './syntax';

/** The module's exported functions that apply sequelize-typescript's `Table`, by their exported names. */
export function tableWrappersOf(src: TsFile, imports: ReadonlyMap<string, { module: string; name: string }>): Record<string, SequelizeTableWrapper> | undefined {
  const t = ts();
  const table = [...imports].find(([, i]) => i.name === 'Table' && SEQUELIZE_TYPESCRIPT_MODULE.test(i.module))?.[0];
  if (!table) return undefined;
  const out: Record<string, SequelizeTableWrapper> = {};
  const exported = (node: TS.Node) => !!(node as TS.HasModifiers).modifiers?.some((m) => m.kind === t.SyntaxKind.ExportKeyword);
  for (const stmt of src.sf.statements) {
    if (t.isFunctionDeclaration(stmt) && stmt.name && exported(stmt)) {
      const wrapper = wrapperOf(stmt, table);
      if (wrapper) out[stmt.name.text] = wrapper;
    } else if (t.isVariableStatement(stmt) && exported(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (!t.isIdentifier(d.name) || !init || !(t.isArrowFunction(init) || t.isFunctionExpression(init))) continue;
        const wrapper = wrapperOf(init, table);
        if (wrapper) out[d.name.text] = wrapper;
      }
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** What `fn` hands sequelize-typescript's `Table` (imported as `table`) of the options it is given; undefined when not followed. */
function wrapperOf(fn: TS.FunctionLikeDeclaration, table: string): SequelizeTableWrapper | undefined {
  const t = ts();
  if (!fn.body) return undefined;
  // The caller's options: the first parameter, or the rest of its destructuring (the keys taken out are the wrapper's own).
  const first = fn.parameters[0]?.name;
  const options = !first ? undefined : t.isIdentifier(first) ? first.text
    : t.isObjectBindingPattern(first) ? first.elements.find((e) => e.dotDotDotToken && t.isIdentifier(e.name))?.name.getText() : undefined;
  if (!options) return undefined;
  const calls: TS.CallExpression[] = [];
  const aliases = new Set([options]);
  const changes = new Set<string>();
  let opaque = false;
  const visit = (n: TS.Node): void => {
    if (t.isCallExpression(n) && t.isIdentifier(n.expression) && n.expression.text === table) calls.push(n);
    // `const newOptions = !options ? {} : options`, `options ?? {}`: the same options.
    if (t.isVariableDeclaration(n) && t.isIdentifier(n.name) && n.initializer && isAlias(n.initializer, aliases)) aliases.add(n.name.text);
    if (t.isBinaryExpression(n) && n.operatorToken.kind >= t.SyntaxKind.FirstAssignment && n.operatorToken.kind <= t.SyntaxKind.LastAssignment) {
      const left = unwrap(n.left);
      // `options.indexes = […]`: that option changed; the options assigned anew: not followed.
      if (t.isIdentifier(left) && aliases.has(left.text)) opaque = true;
      else if ((t.isPropertyAccessExpression(left) || t.isElementAccessExpression(left)) && t.isIdentifier(unwrap(left.expression)) && aliases.has((unwrap(left.expression) as TS.Identifier).text)) {
        const key = t.isPropertyAccessExpression(left) ? left.name.text : stringValue(left.argumentExpression);
        if (key === undefined) opaque = true;
        else changes.add(key);
      }
    }
    if (t.isDeleteExpression(n) || (t.isCallExpression(n) && /^Object\.(assign|defineProperty)$/.test(n.expression.getText()) && n.arguments[0] && t.isIdentifier(unwrap(n.arguments[0])) && aliases.has((unwrap(n.arguments[0]) as TS.Identifier).text))) opaque = true;
    t.forEachChild(n, visit);
  };
  visit(fn.body);
  if (opaque || calls.length !== 1 || calls[0].arguments.length !== 1) return undefined;
  const handed = unwrap(calls[0].arguments[0]);
  // The decorated class: the parameter of the function the call is made in (`(target) => …`).
  const inner = enclosingFunction(calls[0]);
  const target = inner && inner !== fn && inner.parameters[0] && t.isIdentifier(inner.parameters[0].name) ? inner.parameters[0].name.text : undefined;
  if (t.isIdentifier(handed) && aliases.has(handed.text)) return { sets: {}, changes: [...changes] };
  if (!t.isObjectLiteralExpression(handed)) return undefined;
  // `{ ...options, tableName: options.modelName }`: the caller's options first, then what the wrapper sets.
  const [spread, ...rest] = handed.properties;
  if (!spread || !t.isSpreadAssignment(spread) || !isAlias(spread.expression, aliases)) return undefined;
  const sets: SequelizeTableWrapper['sets'] = {};
  for (const p of rest) {
    if (t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name))) sets[p.name.text] = setting(unwrap(p.initializer), aliases, target);
    else if (t.isShorthandPropertyAssignment(p)) sets[p.name.text] = setting(p.name, aliases, target);
    else return undefined;
  }
  return { sets, changes: [...changes] };
}

/** What the wrapper sets an option to: a literal, one of the caller's options (`options.modelName`), the class's name, or computed. */
function setting(value: TS.Expression, aliases: ReadonlySet<string>, target: string | undefined): SequelizeTableWrapper['sets'][string] {
  const t = ts();
  const text = stringValue(value);
  if (text !== undefined) return { literal: text };
  const flag = booleanValue(value);
  if (flag !== undefined) return { literal: flag };
  const number = numberValue(value);
  if (number !== undefined) return { literal: number };
  if (t.isPropertyAccessExpression(value) && t.isIdentifier(unwrap(value.expression))) {
    const object = (unwrap(value.expression) as TS.Identifier).text;
    if (aliases.has(object)) return { option: value.name.text };
    if (object === target && value.name.text === 'name') return { className: true };
  }
  return { computed: true };
}

/** `options`, `!options ? {} : options`, `options || {}`, `options ?? {}` (casts aside): the caller's options. */
function isAlias(node: TS.Expression, aliases: ReadonlySet<string>): boolean {
  const t = ts();
  const e = unwrap(node);
  const empty = (x: TS.Expression) => t.isObjectLiteralExpression(unwrap(x)) && (unwrap(x) as TS.ObjectLiteralExpression).properties.length === 0;
  if (t.isIdentifier(e)) return aliases.has(e.text);
  if (t.isConditionalExpression(e)) return (isAlias(e.whenTrue, aliases) || empty(e.whenTrue)) && (isAlias(e.whenFalse, aliases) || empty(e.whenFalse)) && (isAlias(e.whenTrue, aliases) || isAlias(e.whenFalse, aliases));
  if (t.isBinaryExpression(e) && (e.operatorToken.kind === t.SyntaxKind.BarBarToken || e.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken)) return isAlias(e.left, aliases) && empty(e.right);
  return false;
}

function enclosingFunction(node: TS.Node): TS.FunctionLikeDeclaration | undefined {
  const t = ts();
  for (let p = node.parent; p; p = p.parent) if (t.isFunctionLike(p)) return p as TS.FunctionLikeDeclaration;
  return undefined;
}
