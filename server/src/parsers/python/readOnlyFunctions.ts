/**
 * Top-level functions of a module that only read the database's catalog — manila's
 * `def load_table(name, connection): return sa.Table(name, sa.MetaData(), autoload_with=connection)`.
 * A migration that hands one its connection changes nothing through it (the resolution layer drops
 * the Unknown the call stood for, see MigrationModuleCall.handsConnection). Anything else a body
 * calls — `execute`, `create`, another function of the project — makes the function open.
 */
import type { SyntaxNode as Node } from './syntax';
import { callInfo, codeChildren, lastSegment } from './syntax';

/** Code that reflects: where a module (or a function body) may hold such a function. */
export const REFLECTS = /\bautoload(?:_with)?\b|\.reflect\s*\(|\binspect\s*\(|\bfrom_engine\s*\(/;

/** What a reading function may call: SQLAlchemy's reflection and constructors, the inspector's getters, builtins. */
const READING_CALLS: ReadonlySet<string> = new Set([
  'Table', 'MetaData', 'Column', 'inspect', 'reflect', 'from_engine',
  'get_columns', 'get_indexes', 'get_foreign_keys', 'get_unique_constraints', 'get_pk_constraint', 'get_check_constraints',
  'get_table_names', 'get_view_names', 'get_schema_names', 'get_sequence_names', 'get_enums', 'get_table_comment',
  'has_table', 'has_index', 'has_sequence', 'has_schema',
  'len', 'str', 'repr', 'isinstance', 'list', 'dict', 'set', 'tuple', 'sorted', 'getattr', 'hasattr', 'any', 'all', 'next', 'iter',
  'lower', 'upper', 'startswith', 'endswith', 'get', 'keys', 'values', 'items', 'format',
]);

export function readOnlyFunctions(root: Node): string[] {
  const out: string[] = [];
  for (const stmt of codeChildren(root)) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type !== 'function_definition') continue;
    const name = def.childForFieldName('name')?.text;
    const body = def.childForFieldName('body');
    if (name && body && REFLECTS.test(body.text) && onlyReads(body)) out.push(name);
  }
  return out;
}

function onlyReads(body: Node): boolean {
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'call') {
      const call = callInfo(n);
      if (!call?.callee || !READING_CALLS.has(lastSegment(call.callee))) return false;
    }
    // Statements that hand control elsewhere or keep state between calls.
    if (n.type === 'global_statement' || n.type === 'nonlocal_statement' || n.type === 'exec_statement') return false;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return true;
}
