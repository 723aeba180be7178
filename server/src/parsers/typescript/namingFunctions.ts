/**
 * A TypeORM naming strategy's methods, read from their syntax as the small language names are
 * computed in: parameters, `const`/`let`, `if`/`return`, conditionals, string and array operations,
 * template literals, calls of the module's functions, of `this`'s and `super`'s methods. Anything
 * else (a loop, `throw`, an object) is read as `unknown`: the resolution layer
 * (resolve/typescript/namingEvaluation.ts) then answers Unknown for a name that reaches it.
 */
import type * as TS from 'typescript';
import type { NamingExpr, NamingFunction, NamingStatement } from '../../facts/orm';
import { ts } from './syntax';

/** The methods TypeORM asks a naming strategy for the names of tables and columns. */
export const NAMING_METHODS = new Set(['tableName', 'columnName', 'joinColumnName', 'joinTableName', 'joinTableColumnName', 'relationName']);

/** Deeper expressions than this are read as unknown (a generated file, not a strategy). */
const MAX_DEPTH = 40;

export function readNamingFunction(fn: TS.FunctionLikeDeclaration): NamingFunction {
  const t = ts();
  const params = fn.parameters.map((p) => ({
    name: t.isIdentifier(p.name) ? p.name.text : '',
    ...(p.initializer ? { default: expression(p.initializer, 0) } : {}),
    ...(p.dotDotDotToken ? { rest: true as const } : {}),
  }));
  if (params.some((p) => !p.name)) return { params: [], body: [{ k: 'unknown', why: 'a destructured parameter' }] };
  const body = fn.body;
  if (!body) return { params, body: [{ k: 'unknown', why: 'a method without a body' }] };
  if (!t.isBlock(body)) return { params, body: [{ k: 'return', e: expression(body as TS.Expression, 0) }] };
  return { params, body: statements(body.statements, 0) };
}

/** The local functions a naming function calls by name (`snakeCase(…)`), to read with it. */
export function calledNames(fn: NamingFunction): Set<string> {
  const names = new Set<string>();
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(visit);
    const o = x as Record<string, unknown>;
    if (o.k === 'call' && (o.callee as { kind: string }).kind === 'name') names.add((o.callee as { name: string }).name);
    for (const v of Object.values(o)) visit(v);
  };
  visit(fn.body);
  visit(fn.params);
  return names;
}

function statements(list: readonly TS.Statement[], depth: number): NamingStatement[] {
  const out: NamingStatement[] = [];
  for (const s of list) out.push(...statement(s, depth));
  return out;
}

function statement(s: TS.Statement, depth: number): NamingStatement[] {
  const t = ts();
  if (depth > MAX_DEPTH) return [{ k: 'unknown', why: 'code nested too deep' }];
  if (t.isReturnStatement(s)) return [{ k: 'return', ...(s.expression ? { e: expression(s.expression, depth + 1) } : {}) }];
  if (t.isVariableStatement(s)) {
    return s.declarationList.declarations.map((d): NamingStatement => (t.isIdentifier(d.name)
      ? { k: 'let', name: d.name.text, ...(d.initializer ? { e: expression(d.initializer, depth + 1) } : {}) }
      : { k: 'unknown', why: 'a destructuring declaration' }));
  }
  if (t.isIfStatement(s)) {
    const branch = (b: TS.Statement) => (t.isBlock(b) ? statements(b.statements, depth + 1) : statement(b, depth + 1));
    return [{ k: 'if', test: expression(s.expression, depth + 1), then: branch(s.thenStatement), ...(s.elseStatement ? { else: branch(s.elseStatement) } : {}) }];
  }
  if (t.isBlock(s)) return [{ k: 'if', test: { k: 'lit', v: true }, then: statements(s.statements, depth + 1) }];
  if (t.isExpressionStatement(s)) {
    const e = skipParens(s.expression);
    if (t.isBinaryExpression(e) && t.isIdentifier(e.left) && (e.operatorToken.kind === t.SyntaxKind.EqualsToken || e.operatorToken.kind === t.SyntaxKind.PlusEqualsToken)) {
      return [{ k: 'assign', name: e.left.text, op: e.operatorToken.kind === t.SyntaxKind.EqualsToken ? '=' : '+=', e: expression(e.right, depth + 1) }];
    }
    // A call made for its effect (a log line) changes no name; anything else may.
    if (t.isCallExpression(e) && t.isPropertyAccessExpression(e.expression) && t.isIdentifier(e.expression.expression) && e.expression.expression.text === 'console') return [];
    return [{ k: 'unknown', why: `the statement ${e.getText().slice(0, 60)}` }];
  }
  if (t.isEmptyStatement(s)) return [];
  return [{ k: 'unknown', why: `the statement ${s.getText().slice(0, 60)}` }];
}

function skipParens(e: TS.Expression): TS.Expression {
  const t = ts();
  while (t.isParenthesizedExpression(e) || t.isAsExpression(e) || t.isNonNullExpression(e) || t.isTypeAssertionExpression(e) || t.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

const BINARY: Record<number, string> = {};

function binaryOperator(kind: TS.SyntaxKind): string | undefined {
  const k = ts().SyntaxKind;
  if (!Object.keys(BINARY).length) {
    Object.assign(BINARY, {
      [k.PlusToken]: '+', [k.MinusToken]: '-', [k.BarBarToken]: '||', [k.AmpersandAmpersandToken]: '&&', [k.QuestionQuestionToken]: '??',
      [k.EqualsEqualsEqualsToken]: '===', [k.ExclamationEqualsEqualsToken]: '!==', [k.EqualsEqualsToken]: '==', [k.ExclamationEqualsToken]: '!=',
      [k.LessThanToken]: '<', [k.GreaterThanToken]: '>', [k.LessThanEqualsToken]: '<=', [k.GreaterThanEqualsToken]: '>=',
    });
  }
  return BINARY[kind];
}

function expression(node: TS.Expression, depth: number): NamingExpr {
  const t = ts();
  if (depth > MAX_DEPTH) return { k: 'unknown', why: 'an expression nested too deep' };
  const e = skipParens(node);
  const sub = (x: TS.Expression) => expression(x, depth + 1);
  if (t.isStringLiteral(e) || t.isNoSubstitutionTemplateLiteral(e)) return { k: 'lit', v: e.text };
  if (t.isNumericLiteral(e)) return { k: 'lit', v: Number(e.text) };
  if (e.kind === t.SyntaxKind.TrueKeyword) return { k: 'lit', v: true };
  if (e.kind === t.SyntaxKind.FalseKeyword) return { k: 'lit', v: false };
  if (e.kind === t.SyntaxKind.NullKeyword) return { k: 'lit', v: null };
  if (t.isIdentifier(e)) return e.text === 'undefined' ? { k: 'undefined' } : { k: 'name', name: e.text };
  if (t.isRegularExpressionLiteral(e)) {
    const text = e.text;
    const end = text.lastIndexOf('/');
    return { k: 'regex', source: text.slice(1, end), flags: text.slice(end + 1) };
  }
  if (t.isTemplateExpression(e)) {
    const parts: (string | NamingExpr)[] = [e.head.text];
    for (const span of e.templateSpans) parts.push(sub(span.expression), span.literal.text);
    return { k: 'tpl', parts };
  }
  if (t.isArrayLiteralExpression(e)) {
    return { k: 'array', items: e.elements.map((x) => (t.isSpreadElement(x) ? { e: sub(x.expression), spread: true as const } : { e: sub(x) })) };
  }
  if (t.isConditionalExpression(e)) return { k: 'cond', test: sub(e.condition), then: sub(e.whenTrue), else: sub(e.whenFalse) };
  if (t.isBinaryExpression(e)) {
    const op = binaryOperator(e.operatorToken.kind);
    return op ? { k: 'bin', op, l: sub(e.left), r: sub(e.right) } : { k: 'unknown', why: `the operator ${e.operatorToken.getText()}` };
  }
  if (t.isPrefixUnaryExpression(e) && (e.operator === t.SyntaxKind.ExclamationToken || e.operator === t.SyntaxKind.MinusToken)) {
    return { k: 'unary', op: e.operator === t.SyntaxKind.ExclamationToken ? '!' : '-', e: sub(e.operand) };
  }
  if (t.isTypeOfExpression(e)) return { k: 'unary', op: 'typeof', e: sub(e.expression) };
  if (t.isPropertyAccessExpression(e)) return { k: 'member', target: sub(e.expression), name: e.name.text };
  if (t.isCallExpression(e)) {
    const args = e.arguments.map((a) => (t.isSpreadElement(a) ? { k: 'unknown' as const, why: 'a spread argument' } : sub(a)));
    const callee = skipParens(e.expression);
    if (t.isIdentifier(callee)) return { k: 'call', callee: { kind: 'name', name: callee.text }, args };
    if (t.isPropertyAccessExpression(callee)) {
      if (callee.expression.kind === t.SyntaxKind.ThisKeyword) return { k: 'call', callee: { kind: 'this', name: callee.name.text }, args };
      if (callee.expression.kind === t.SyntaxKind.SuperKeyword) return { k: 'call', callee: { kind: 'super', name: callee.name.text }, args };
      return { k: 'call', callee: { kind: 'method', target: sub(callee.expression), name: callee.name.text }, args };
    }
    return { k: 'unknown', why: `the call ${e.getText().slice(0, 60)}` };
  }
  if (t.isArrowFunction(e) || t.isFunctionExpression(e)) return { k: 'arrow', fn: readNamingFunction(e) };
  return { k: 'unknown', why: `the expression ${e.getText().slice(0, 60)}` };
}
