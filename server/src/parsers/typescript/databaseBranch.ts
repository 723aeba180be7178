/**
 * Code that branches on the database type (`queryRunner.connection.options.type === "postgres"`,
 * `env.DB_TYPE === 'better-sqlite3' ? … : …`, `case DbType.POSTGRES:`), read for PostgreSQL: the
 * schema Schema Sense builds is PostgreSQL's, so the branch PostgreSQL takes is the one read.
 */
import type * as TS from 'typescript';
import { ts } from './syntax';

/** Database types as TypeORM's `options.type`, Sequelize's `dialect` and projects' enums spell them. */
export const DIALECT = /\b(postgres(?:ql)?|cockroachdb|sqlite|better-?sqlite3?|mysql|mariadb|mssql|oracle|sap|spanner|aurora\w*)\b/i;
export const POSTGRES = /\bpostgres(?:ql)?\b/i;

/**
 * What a condition on the database type is on PostgreSQL: comparisons (`===`, `!==`) of anything
 * with a database type written as a string or an enum member (`DbType.POSTGRES`), combined with
 * `&&`, `||`, `!` and parentheses. Undefined when any part is not such a comparison.
 */
export function onPostgres(condition: TS.Expression): boolean | undefined {
  const t = ts();
  if (t.isParenthesizedExpression(condition)) return onPostgres(condition.expression);
  if (t.isPrefixUnaryExpression(condition) && condition.operator === t.SyntaxKind.ExclamationToken) {
    const inner = onPostgres(condition.operand);
    return inner === undefined ? undefined : !inner;
  }
  if (!t.isBinaryExpression(condition)) return undefined;
  const op = condition.operatorToken.kind;
  if (op === t.SyntaxKind.AmpersandAmpersandToken || op === t.SyntaxKind.BarBarToken) {
    const left = onPostgres(condition.left);
    const right = onPostgres(condition.right);
    if (left === undefined || right === undefined) return undefined;
    return op === t.SyntaxKind.AmpersandAmpersandToken ? left && right : left || right;
  }
  const equal = op === t.SyntaxKind.EqualsEqualsEqualsToken || op === t.SyntaxKind.EqualsEqualsToken;
  const unequal = op === t.SyntaxKind.ExclamationEqualsEqualsToken || op === t.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !unequal) return undefined;
  const side = [condition.left, condition.right].map((x) => x.getText()).find((x) => DIALECT.test(x) && /^["'`]|\./.test(x));
  if (!side) return undefined;
  return POSTGRES.test(side) === equal;
}

/** `cond ? a : b` on the database type: the expression PostgreSQL gets (through nested ones); the expression itself otherwise. */
export function postgresExpression(expression: TS.Expression): TS.Expression {
  const t = ts();
  let e = expression;
  while (t.isParenthesizedExpression(e)) e = e.expression;
  if (!t.isConditionalExpression(e)) return expression;
  const taken = onPostgres(e.condition);
  return taken === undefined ? expression : postgresExpression(taken ? e.whenTrue : e.whenFalse);
}
