/**
 * Code that branches on the database's dialect (`if bind.engine.name == "sqlite": … else: …`, in a
 * migration; `if dialect.name == "postgresql": return …`, in a TypeDecorator's `load_dialect_impl`):
 * what PostgreSQL runs of it.
 */
import type { SyntaxNode as Node } from './syntax';
import { codeChildren, stringValue } from './syntax';

/** Dialect names as `dialect.name` gives them (and as projects compare them). */
const DIALECT_NAME = /^(postgres(?:ql)?|sqlite|mysql|mariadb|mssql|oracle)$/i;
const POSTGRES_NAME = /^postgres(?:ql)?$/i;
/** What names the database's dialect: `bind.engine.name`, `op.get_bind().dialect.name`, `dialect_name`. */
const DIALECT_EXPR = /(?:\bdialect|\bengine|\bbind\b|get_bind\(\)|\bconn(?:ection)?\b)[\w.()]*\.name$|\bdialect_name$/;

/**
 * `if bind.engine.name == "sqlite": … else: …` (and `!=`, `in (…)`, `not in`, `elif`): the block
 * PostgreSQL runs (`block` undefined when it runs none); undefined when some condition of the chain is
 * not a test of the dialect (then every branch is conditional).
 */
export function dialectBranch(stmt: Node): { block?: Node } | undefined {
  const condition = stmt.childForFieldName('condition');
  const consequence = stmt.childForFieldName('consequence');
  if (!condition || !consequence) return undefined;
  const clauses: { condition?: Node; block?: Node }[] = [{ condition, block: consequence }];
  for (const c of codeChildren(stmt)) {
    if (c.type === 'elif_clause') clauses.push({ condition: c.childForFieldName('condition') ?? undefined, block: c.childForFieldName('consequence') ?? undefined });
    else if (c.type === 'else_clause') clauses.push({ block: codeChildren(c).find((b) => b.type === 'block') });
  }
  for (const clause of clauses) {
    if (!clause.condition) return { block: clause.block };
    const runs = postgresRuns(clause.condition);
    if (runs === undefined) return undefined;
    if (runs) return { block: clause.block };
  }
  return {};
}

/**
 * What a condition made of comparisons, `not`, `and`, `or` and parentheses comes to, each comparison
 * decided by `compare` (given its operands and operator: `==`, `!=`, `in`, `not in`, …) and any other
 * part by `truthy` (when given); undefined where any part is not decided.
 */
export function decideCondition(
  cond: Node, compare: (a: Node, operator: string, b: Node) => boolean | undefined, truthy?: (n: Node) => boolean | undefined,
): boolean | undefined {
  if (cond.type === 'parenthesized_expression') {
    const inner = codeChildren(cond)[0];
    return inner ? decideCondition(inner, compare, truthy) : undefined;
  }
  if (cond.type === 'not_operator') {
    const inner = cond.childForFieldName('argument');
    const r = inner ? decideCondition(inner, compare, truthy) : undefined;
    return r === undefined ? undefined : !r;
  }
  if (cond.type === 'boolean_operator') {
    const a = cond.childForFieldName('left');
    const b = cond.childForFieldName('right');
    if (!a || !b || !cond.text.startsWith(a.text) || !cond.text.endsWith(b.text)) return undefined;
    // The operator between them (the light tree keeps no anonymous tokens).
    const operator = cond.text.slice(a.text.length, cond.text.length - b.text.length).trim();
    const left = decideCondition(a, compare, truthy);
    const right = decideCondition(b, compare, truthy);
    if (left === undefined || right === undefined) return undefined;
    return operator === 'and' ? left && right : operator === 'or' ? left || right : undefined;
  }
  if (cond.type !== 'comparison_operator') return truthy?.(cond);
  const operands = codeChildren(cond);
  if (operands.length !== 2) return undefined;
  const [a, b] = operands;
  // The operator between them (the light tree keeps no anonymous tokens).
  if (!cond.text.startsWith(a.text) || !cond.text.endsWith(b.text)) return undefined;
  return compare(a, cond.text.slice(a.text.length, cond.text.length - b.text.length).replace(/\s+/g, ' ').trim(), b);
}

/** Whether PostgreSQL makes a condition on the dialect true; undefined when it is no such condition. */
export function postgresRuns(cond: Node): boolean | undefined {
  return decideCondition(cond, (a, operator, b) => {
    const names = dialectVariables(cond);
    const isDialect = (n: Node) => DIALECT_EXPR.test(n.text.replace(/\s+/g, '')) || (n.type === 'identifier' && names.has(n.text));
    const subject = isDialect(a) ? b : isDialect(b) ? a : undefined;
    if (!subject) return undefined;
    const values = ['tuple', 'list', 'set'].includes(subject.type) ? codeChildren(subject) : [subject];
    const given = values.map((v) => stringValue(v)?.value);
    if (!given.length || given.some((n) => n === undefined || !DIALECT_NAME.test(n))) return undefined;
    const isPostgres = given.some((n) => POSTGRES_NAME.test(n!));
    if (operator === '==' || operator === 'in') return isPostgres;
    if (operator === '!=' || operator === 'not in') return !isPostgres;
    return undefined;
  });
}

/**
 * Local names the enclosing function assigns the dialect's name to (`dialect = conn.dialect.name`,
 * `name = op.get_bind().dialect.name`): a test of one is a test of the dialect.
 */
function dialectVariables(node: Node): Set<string> {
  const names = new Set<string>();
  let fn: Node | null = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return names;
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && right && DIALECT_EXPR.test(right.text.replace(/\s+/g, ''))) names.add(left.text);
      continue;
    }
    if (n.type === 'function_definition' || n.type === 'class_definition') continue;
    for (const c of codeChildren(n)) stack.push(c);
  }
  return names;
}
