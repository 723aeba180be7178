/**
 * Code that branches on the database type (`queryRunner.connection.options.type === "postgres"`,
 * `env.DB_TYPE === 'better-sqlite3' ? … : …`, `case DbType.POSTGRES:`), read for PostgreSQL: the
 * schema Schema Sense builds is PostgreSQL's, so the branch PostgreSQL takes is the one read.
 */
import type * as TS from 'typescript';
import { throughConstant, ts } from './syntax';

/** Database types as TypeORM's `options.type`, Sequelize's `dialect` and projects' enums spell them. */
// (`postgresdb`, `mysqldb`: as some projects name them in their settings.)
export const DIALECT = /\b(postgres(?:ql|db)?|cockroachdb|sqlite3?|better-?sqlite3?|mysql(?:db)?|mariadb|mssql|oracle|sap|spanner|aurora\w*)\b/i;
export const POSTGRES = /\bpostgres(?:ql|db)?\b/i;

/**
 * What a condition made of comparisons, `!`, `&&`, `||` and parentheses comes to, each other part
 * decided by `leaf`; undefined where any part is not decided.
 */
export function decideCondition(condition: TS.Expression, leaf: (e: TS.Expression) => boolean | undefined): boolean | undefined {
  const t = ts();
  if (t.isParenthesizedExpression(condition)) return decideCondition(condition.expression, leaf);
  if (t.isPrefixUnaryExpression(condition) && condition.operator === t.SyntaxKind.ExclamationToken) {
    const inner = decideCondition(condition.operand, leaf);
    return inner === undefined ? undefined : !inner;
  }
  if (t.isBinaryExpression(condition)) {
    const op = condition.operatorToken.kind;
    if (op === t.SyntaxKind.AmpersandAmpersandToken || op === t.SyntaxKind.BarBarToken) {
      const left = decideCondition(condition.left, leaf);
      const right = decideCondition(condition.right, leaf);
      if (left === undefined || right === undefined) return undefined;
      return op === t.SyntaxKind.AmpersandAmpersandToken ? left && right : left || right;
    }
  }
  return leaf(condition);
}

/** `===`/`==` (true), `!==`/`!=` (false) of a binary expression; undefined for any other. */
export function equality(e: TS.Expression): boolean | undefined {
  const t = ts();
  if (!t.isBinaryExpression(e)) return undefined;
  const op = e.operatorToken.kind;
  if (op === t.SyntaxKind.EqualsEqualsEqualsToken || op === t.SyntaxKind.EqualsEqualsToken) return true;
  if (op === t.SyntaxKind.ExclamationEqualsEqualsToken || op === t.SyntaxKind.ExclamationEqualsToken) return false;
  return undefined;
}

/**
 * What a condition on the database type is on PostgreSQL: comparisons (`===`, `!==`) of anything
 * with a database type written as a string or an enum member (`DbType.POSTGRES`), a setting or URL
 * that starts with (or includes) a database type's name, a call of a function that returns such a
 * condition (as `follow` finds it), combined with `&&`, `||`, `!` and parentheses. Undefined when
 * any part is not such a comparison.
 */
export function onPostgres(condition: TS.Expression, follow?: (call: TS.CallExpression) => TS.Expression | undefined, depth = 0): boolean | undefined {
  const t = ts();
  return decideCondition(condition, (e) => {
    // `const onPostgres = sequelize.getDialect() === 'postgres'`: a constant stands for its condition.
    if (t.isIdentifier(e) && depth < 4) {
      const value = throughConstant(e);
      if (value !== e) return onPostgres(value, follow, depth + 1);
    }
    // `isSQLite(queryInterface.sequelize)`: a function of the project that only returns such a
    // condition (`return sequelize.options.dialect === 'sqlite'`) is that condition.
    if (t.isCallExpression(e) && follow) {
      const returned = follow(e);
      if (returned) return onPostgres(returned, undefined, depth + 1);
    }
    // `isPostgres()`, `config.isSqlite()`: a predicate named after the database it asks for (one
    // of a package, or not followed), taken at its word.
    if (t.isCallExpression(e) && !e.arguments.length) {
      const callee = t.isIdentifier(e.expression) ? e.expression.text : t.isPropertyAccessExpression(e.expression) ? e.expression.name.text : undefined;
      const named = callee && /^is([A-Z][A-Za-z0-9]*)$/.exec(callee)?.[1];
      const type = named ? DIALECT.exec(named) : undefined;
      if (type && type[0].length === named!.length) return POSTGRES.test(named!);
    }
    // `config.get('databaseUri').startsWith('mysql')`, `dialect.includes('postgres')`: a database
    // type a URL or setting starts with (a list's `includes` is a membership test, not this).
    if (t.isCallExpression(e) && t.isPropertyAccessExpression(e.expression) && ['startsWith', 'includes'].includes(e.expression.name.text)
      && !t.isArrayLiteralExpression(e.expression.expression) && e.arguments.length === 1 && t.isStringLiteralLike(e.arguments[0])) {
      const written = e.arguments[0].text;
      const type = DIALECT.exec(written);
      if (!type || type.index !== 0 || !/^[\w-]*(:\/\/|:)?$/.test(written)) return undefined;
      return POSTGRES.test(written);
    }
    const equal = equality(e);
    if (equal === undefined || !t.isBinaryExpression(e)) return undefined;
    const side = [e.left, e.right].map((x) => x.getText()).find((x) => DIALECT.test(x) && /^["'`]|\./.test(x));
    if (!side) return undefined;
    return POSTGRES.test(side) === equal;
  });
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
