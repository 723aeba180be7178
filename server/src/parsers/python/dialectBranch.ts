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

/** Whether PostgreSQL makes a condition on the dialect true; undefined when it is no such condition. */
export function postgresRuns(cond: Node): boolean | undefined {
  if (cond.type === 'parenthesized_expression') {
    const inner = codeChildren(cond)[0];
    return inner ? postgresRuns(inner) : undefined;
  }
  if (cond.type === 'not_operator') {
    const inner = cond.childForFieldName('argument');
    const r = inner ? postgresRuns(inner) : undefined;
    return r === undefined ? undefined : !r;
  }
  if (cond.type !== 'comparison_operator') return undefined;
  const operands = codeChildren(cond);
  if (operands.length !== 2) return undefined;
  const [a, b] = operands;
  // The operator between them (the light tree keeps no anonymous tokens): `==`, `!=`, `in`, `not in`.
  const operator = cond.text.slice(a.text.length, cond.text.length - b.text.length).replace(/\s+/g, ' ').trim();
  const subject = DIALECT_EXPR.test(a.text.replace(/\s+/g, '')) ? b : DIALECT_EXPR.test(b.text.replace(/\s+/g, '')) ? a : undefined;
  if (!subject) return undefined;
  const values = ['tuple', 'list', 'set'].includes(subject.type) ? codeChildren(subject) : [subject];
  const names = values.map((v) => stringValue(v)?.value);
  if (!names.length || names.some((n) => n === undefined || !DIALECT_NAME.test(n))) return undefined;
  const isPostgres = names.some((n) => POSTGRES_NAME.test(n!));
  if (operator === '==' || operator === 'in') return isPostgres;
  if (operator === '!=' || operator === 'not in') return !isPostgres;
  return undefined;
}
