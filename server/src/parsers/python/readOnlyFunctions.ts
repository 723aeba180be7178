/**
 * Top-level functions of a module that change no table when a migration hands them its connection:
 * those that only read the database's catalog — manila's `def load_table(name, connection): return
 * sa.Table(name, sa.MetaData(), autoload_with=connection)` — and those that only read and write rows
 * — `def copy_rows(source, target, conn): conn.execute('INSERT INTO "%s" SELECT * FROM "%s"' %
 * (target, source))`. The resolution layer drops the Unknown such a call stood for (see
 * MigrationModuleCall.handsConnection). Anything else a body calls — `create`, another function of
 * the project, SQL that is not data or not written out — makes the function open.
 */
import type { SyntaxNode as Node } from './syntax';
import { callInfo, codeChildren, lastSegment } from './syntax';
import { pythonStringSource } from './stringSource';
import { dialectBranch } from './dialectBranch';
import { readSqlOperations } from '../sql/postgres';
import { UNKNOWN_PART } from '../sql/unknownParts';

/** Code that reflects: where a module (or a function body) may hold such a function. */
export const REFLECTS = /\bautoload(?:_with)?\b|\.reflect\s*\(|\binspect\s*\(|\bfrom_engine\s*\(/;
/** Code that runs SQL on a connection: where a module (or a function body) may hold a function that only moves rows. */
export const RUNS_SQL = /\.(?:execute|exec_driver_sql)\s*\(/;

/**
 * What such a function may call: SQLAlchemy's reflection and constructors, the inspector's getters,
 * what reads a result, builtins and string methods, logging.
 */
const READING_CALLS: ReadonlySet<string> = new Set([
  'Table', 'MetaData', 'Column', 'inspect', 'reflect', 'from_engine', 'text',
  'get_columns', 'get_indexes', 'get_foreign_keys', 'get_unique_constraints', 'get_pk_constraint', 'get_check_constraints',
  'get_table_names', 'get_view_names', 'get_schema_names', 'get_sequence_names', 'get_enums', 'get_table_comment',
  'has_table', 'has_index', 'has_sequence', 'has_schema',
  'fetchone', 'fetchall', 'fetchmany', 'scalar', 'scalars', 'scalar_one', 'scalar_one_or_none', 'first', 'one', 'one_or_none', 'mappings', 'bindparams',
  'len', 'str', 'repr', 'int', 'float', 'bool', 'isinstance', 'list', 'dict', 'set', 'tuple', 'sorted', 'reversed', 'enumerate', 'zip', 'range',
  'min', 'max', 'sum', 'getattr', 'hasattr', 'any', 'all', 'next', 'iter', 'print',
  'lower', 'upper', 'strip', 'split', 'join', 'replace', 'startswith', 'endswith', 'get', 'keys', 'values', 'items', 'format', 'append',
  'extend', 'add', 'pop', 'setdefault', 'update', 'copy', 'deepcopy', 'dumps', 'loads', 'round', 'abs', 'map', 'filter',
  'encode', 'decode', 'isoformat', 'now', 'utcnow', 'uuid4',
  'debug', 'info', 'warning', 'warn', 'error', 'exception',
]);

export function readOnlyFunctions(file: string, root: Node): string[] {
  const bodies = new Map<string, Node>();
  for (const stmt of codeChildren(root)) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type !== 'function_definition') continue;
    const name = def.childForFieldName('name')?.text;
    const body = def.childForFieldName('body');
    // A body the reader did not copy (lightTree's skip) is not known to change nothing.
    if (name && body && (body.children.length || !body.text.trim())) bodies.set(name, body);
  }
  // Each function's verdict, and the functions of this module it calls (`_replace_label(row)`): it
  // changes no table when they change none either (the greatest such set: recursion is allowed).
  const calls = new Map<string, Set<string>>();
  for (const [name, body] of bodies) {
    const called = changesNoTable(file, body, (callee) => bodies.has(callee));
    if (called) calls.set(name, called);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, called] of calls) {
      if ([...called].every((c) => calls.has(c))) continue;
      calls.delete(name);
      changed = true;
    }
  }
  return [...calls.keys()].filter((name) => REFLECTS.test(bodies.get(name)!.text) || RUNS_SQL.test(bodies.get(name)!.text));
}

/** A body that returns SQL written out (`return f"""ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY …"""`). */
export const RETURNS_SQL = /\breturn\s+(?:\(\s*)?(?:text\s*\(\s*)?[rfbu]{0,2}(?:"""|'''|"|')\s*(?:ALTER|CREATE|DROP|GRANT|REVOKE|COMMENT|UPDATE|INSERT|DELETE|SELECT|SET)\b/i;

/**
 * Top-level functions of a module that only return SQL written out — `def enable_rls(table): return
 * f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY; CREATE POLICY …'` — whose statements change no
 * table (row-level security, policies, grants, comments, rows): a migration's `op.execute(enable_rls("t"))`
 * changes nothing the schema model holds (see MigrationModuleCall.executesResult).
 */
export function sqlChangingNoTableFunctions(file: string, root: Node): string[] {
  const out: string[] = [];
  for (const stmt of codeChildren(root)) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type !== 'function_definition') continue;
    const name = def.childForFieldName('name')?.text;
    const body = def.childForFieldName('body');
    if (!name || !body) continue;
    // The body: a docstring at most, then `return <SQL>`.
    const statements = codeChildren(body).filter((c, i) => !(i === 0 && c.type === 'expression_statement' && c.firstNamedChild?.type === 'string'));
    const only = statements.length === 1 && statements[0].type === 'return_statement' ? statements[0].firstNamedChild : null;
    if (only && onlyRows(file, only, new Map())) out.push(name);
  }
  return out;
}

/**
 * Whether a body changes no table, provided the functions of the module it calls (returned) change
 * none: undefined when it may change one.
 */
function changesNoTable(file: string, body: Node, isModuleFunction: (name: string) => boolean): Set<string> | undefined {
  const called = new Set<string>();
  const bound = boundOnce(body);
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'call') {
      const call = callInfo(n);
      const name = call?.name ?? lastSegment(n.childForFieldName('function')?.text ?? '');
      if (name === 'execute' || name === 'exec_driver_sql') {
        if (!call?.positional[0] || !onlyRows(file, call.positional[0], bound)) return undefined;
      } else if (call?.callee === name && isModuleFunction(name)) called.add(name);
      else if (!READING_CALLS.has(name)) return undefined;
    }
    // Statements that hand control elsewhere or keep state between calls.
    if (n.type === 'global_statement' || n.type === 'nonlocal_statement' || n.type === 'exec_statement') return undefined;
    // `if conn.engine.name == "postgresql": … else: …`: what PostgreSQL runs.
    const branch = n.type === 'if_statement' ? dialectBranch(n) : undefined;
    if (branch) {
      if (branch.block) stack.push(branch.block);
      continue;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return called;
}

/** Names a body assigns exactly once (`query = text("UPDATE …")`), with what. */
function boundOnce(body: Node): Map<string, Node | null> {
  const out = new Map<string, Node | null>();
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement' || n.type === 'with_item' || n.type === 'named_expression') {
      const left = n.childForFieldName('left') ?? n.childForFieldName('name') ?? n.childForFieldName('alias');
      const right = n.type === 'assignment' ? n.childForFieldName('right') : null;
      if (left?.type === 'identifier') out.set(left.text, out.has(left.text) ? null : right);
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out;
}

/**
 * Whether SQL handed to `execute` only reads or writes rows: written out as a literal (in `text()`,
 * formatted with `%` or `.format()`, or an f-string), whatever the code fills in standing for a
 * name or a value, and every statement of it changing no table.
 */
function onlyRows(file: string, arg: Node, bound: ReadonlyMap<string, Node | null>): boolean {
  let node: Node | null = arg;
  let braces = false;
  let percent = false;
  for (let depth = 0; node && depth < 8; depth++) {
    if (node.type === 'parenthesized_expression') {
      node = node.firstNamedChild;
      continue;
    }
    if (node.type === 'identifier') {
      node = bound.get(node.text) ?? null;
      continue;
    }
    if (node.type === 'binary_operator' && node.text.slice(node.childForFieldName('left')?.text.length ?? 0).trimStart().startsWith('%')) {
      // `'… "%s" … %s' % (a, b)`: Python writes a name or a value into each placeholder.
      node = node.childForFieldName('left');
      percent = true;
      continue;
    }
    const call = callInfo(node);
    if (call?.name === 'text' && call.positional[0]) {
      node = call.positional[0];
      continue;
    }
    const fn: Node | null = node.type === 'call' ? node.childForFieldName('function') : null;
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      node = fn.childForFieldName('object');
      braces = true;
      continue;
    }
    break;
  }
  if (!node || (node.type !== 'string' && node.type !== 'concatenated_string')) return false;
  let parts = 0;
  const source = pythonStringSource(file, node, () => `${UNKNOWN_PART}${parts++}`);
  if (!source) return false;
  // What code writes into the text stands for a name or for a number: the SQL is read with names in
  // its places, and if PostgreSQL's grammar wants something else there, with numbers.
  const fill = (value: () => string) => {
    let sql = source.sql;
    if (braces) sql = sql.replace(/\{[^{}]*\}/g, value);
    if (percent) sql = sql.replace(/%(?:\([A-Za-z_]\w*\))?[sdifr]/g, value).replace(/%%/g, '%');
    return sql;
  };
  const changes = (sql: string) =>
    // Positions are not reported (only whether anything changes): any index maps into the literal.
    // Rows written change no table (`use-table`: the table must exist, nothing of it changes).
    readSqlOperations({ file, sql, positionAt: (i) => source.positionAt(Math.min(i, source.sql.length)) }, false).filter((op) => op.kind !== 'use-table');
  const named = changes(fill(() => `${UNKNOWN_PART}${parts++}`));
  if (!named.length) return true;
  if (!(braces || percent) || !named.every((op) => op.kind === 'unknown' && /parser rejects/.test(op.description))) return false;
  return changes(fill(() => '0')).length === 0;
}
