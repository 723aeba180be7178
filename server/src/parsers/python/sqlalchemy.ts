/**
 * Reads SQLAlchemy models (declarative classes, 2.0 `Mapped`, Core `Table(...)`, Flask-SQLAlchemy)
 * from a Python syntax tree into PyModuleFacts. It records what is declared and where; it never
 * decides what is wrong.
 */
import type { SyntaxNode as Node } from './syntax';
import type { ColumnType, OptionAnchor, Relationship } from '../../model/schema';
import { normaliseType, typeFromPythonAnnotation } from '../../model/types';
import {
  boolValue, callInfo, CallInfo, codeChildren, dottedName, intValue, lastSegment, nodeLocation,
  nodeRange, orderedColumn, removalRange, sqlalchemyLocalNames, stringValue, unwrapOptional,
} from './syntax';
import type {
  HelperParameter, PyClassDecl, PyColumnDecl, PyColumnRef, PyCoreTableDecl, PyForeignKeyRef, PyModuleFacts, PyTableItem, StringTemplate,
} from '../../facts/sqlalchemy';
import { stringLiteral } from './stringLiteral';
import { lightTree } from './lightTree';
import { REFLECTS, RETURNS_SQL, RUNS_SQL, readOnlyFunctions, sqlChangingNoTableFunctions } from './readOnlyFunctions';
import { dialectBranch, postgresRuns } from './dialectBranch';
import { readNameExpression, readNameFunction } from './nameExpression';
import { parsePython } from './treeSitter';
import { loadPostgresParser } from '../sql/postgres';
import type { MigrationOperation } from '../../model/operations';
import { locationOf } from '../../model/source';
import type { ConventionKind, NamingConvention } from '../../model/namingConvention';

/**
 * The association table `secondary=` names, as written: a table name (`"user_roles"`), a class whose
 * table it is (`UserRole.__table__` → `UserRole`), or a variable holding a `Table` (`user_roles`,
 * also behind `lambda:`). Undefined for anything else (a call, a computed string).
 */
function secondaryName(node: Node): string | undefined {
  const value = node.type === 'lambda' ? node.childForFieldName('body') : node;
  const literal = stringValue(value);
  if (literal) return literal.value;
  const name = dottedName(value);
  if (!name) return undefined;
  return lastSegment(name.endsWith('.__table__') ? name.slice(0, -'.__table__'.length) : name);
}

const DECLARATIVE_BASES = new Set(['DeclarativeBase', 'DeclarativeBaseNoMeta']);
const ENUM_BASES = new Set(['Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag']);
const COLUMN_CALLS = new Set(['Column', 'mapped_column']);
/** A function body that returns a column: a project helper the reader reads (its body is kept). */
const RETURNS_COLUMN = /\breturn\s+(?:[\w.]+\.)?(?:Column|mapped_column)\s*\(/;
/** A `@declared_attr` body that returns a column or a relationship: read like a class attribute. */
const RETURNS_SCHEMA = /\breturn\s+\(?\s*(?:[\w.]+\.)?(?:Column|mapped_column|relationship|synonym|association_proxy|composite|query_expression)\s*\(/;
/** What a `@declared_attr` may return that maps no column of its own. */
// `index_property("fields", "author")` (sqlalchemy.ext.indexable): a Python accessor into a JSON column, no column itself.
// `query = Session.query_property()`: a scoped session's query on the class, no column.
const NO_COLUMN_CALLS = new Set(['synonym', 'association_proxy', 'composite', 'query_expression', 'index_property', 'query_property']);
const WRAPPER_CALLS = new Set(['deferred', 'column_property']);
/** ORM functions of a class body that are no project helper making a column (relationships, or read as wrappers). */
const ORM_ATTRIBUTE_CALLS = new Set([...NO_COLUMN_CALLS, ...WRAPPER_CALLS, 'relationship', 'relation', 'dynamic_loader', 'backref', 'hybrid_property']);

/** The string literals of a call's arguments (null where an argument is not one), for helpers that name columns by them. */
function literalArguments(call: CallInfo): { positional: (string | number | boolean | null)[]; keywords: Record<string, string | number | boolean | null> } {
  const value = (n: Node) => stringValue(n)?.value ?? intValue(n) ?? boolValue(n) ?? null;
  return { positional: call.positional.map(value), keywords: Object.fromEntries([...call.keywords].map(([k, v]) => [k, value(v.value)])) };
}

/** Where a function takes parameter `name`: its position and its default when that is a literal. */
function parameterOf(def: Node, name: string): { name: string; index: number; default?: string | number | boolean } | undefined {
  const parameters = def.childForFieldName('parameters');
  if (!parameters) return undefined;
  let index = 0;
  for (const p of codeChildren(parameters)) {
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.firstNamedChild;
    if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator' || p.type === 'positional_separator') return undefined;
    if (id?.text === name) {
      const v = p.childForFieldName('value');
      const fallback = stringValue(v)?.value ?? intValue(v) ?? boolValue(v);
      return { name, index, ...(fallback !== undefined ? { default: fallback } : {}) };
    }
    index++;
  }
  return undefined;
}

/** Capitalised calls in a class body that are not columns. */
const NOT_COLUMNS = new Set(['Field', 'Relationship', 'Index', 'UniqueConstraint', 'CheckConstraint', 'ForeignKeyConstraint', 'PrimaryKeyConstraint', 'Table', 'MetaData', 'Enum']);

/** Parses `text` and extracts its SQLAlchemy facts. The syntax tree is freed before returning. */
/**
 * Reads a module's models. `migrationHelpers`, given a module that uses Alembic's `op` outside a
 * migration (a helper its migrations call), reads what its functions do (see
 * readMigrationHelperFunctions; passed in, as that reader builds on this one).
 */
export async function readSqlAlchemyModels(
  file: string, source: string, migrationHelpers?: (file: string, text: string, root: Node) => Record<string, MigrationOperation[]>,
): Promise<PyModuleFacts> {
  const { tree, text } = await parsePython(source);
  const helpers = migrationHelpers && ALEMBIC_OP_IMPORT.test(text) ? migrationHelpers : undefined;
  // A module that may hold functions a migration hands its connection to, which only read the
  // catalog or read and write rows.
  const runsSql = RUNS_SQL.test(text);
  const reflects = REFLECTS.test(text);
  // A module whose functions may return SQL a migration executes (`op.execute(enable_rls("t"))`).
  const returnsSql = RETURNS_SQL.test(text);
  const keepsFunctions = !!helpers || runsSql;
  let root;
  try {
    // Function bodies say nothing about the schema, unless they create one (an event listener).
    // Function bodies are not copied, but for those the reader reads: DDL, what a `@declared_attr`
    // returns, `__table_args__` computed by a function, a mapped class it builds, and in a helper
    // module of migrations, its top-level functions (decorated or not: one may call another).
    root = lightTree(tree, text, (n) => n.type === 'block' && n.fieldName === 'body' && n.parent?.type === 'function_definition' && !SCHEMA_DDL.test(n.text) && !SEARCH_PATH_SQL.test(n.text) && !RETURNS_SCHEMA.test(n.text)
      && !(n.parent.parent?.type === 'module' && n.text.length < 400 && RETURNS_ONE_EXPRESSION.test(n.text.trim()))
      && !CLASS_NAMESPACE_WITH_TABLENAME.test(n.text) && !TABLE_NAMED_BY_CODE.test(n.text) && !TABLE_DEFINED_IN_CODE.test(n.text) && !RETURNS_TABLE_NAME_STRING.test(n.text) && !KEPT_FUNCTIONS.has(n.parent.childForFieldName('name')?.text ?? '') && !isNameFunction(n)
      // Top-level functions of a module that runs SQL: one that does may call the others (readOnlyFunctions).
      && !(keepsFunctions && (n.parent.parent?.type === 'module' || n.parent.parent?.parent?.type === 'module'))
      // A top-level function that reflects may only read (readOnlyFunctions).
      && !(reflects && (n.parent.parent?.type === 'module' || n.parent.parent?.parent?.type === 'module') && REFLECTS.test(n.text))
      // A top-level function that returns SQL (sqlChangingNoTableFunctions).
      && !(returnsSql && (n.parent.parent?.type === 'module' || n.parent.parent?.parent?.type === 'module') && RETURNS_SQL.test(n.text)));
  } finally {
    tree.delete();
  }
  const facts = new ModuleReader(file, text).read(root);
  if (reflects || runsSql) {
    if (runsSql) await loadPostgresParser();
    const reading = readOnlyFunctions(file, root);
    if (reading.length) facts.readOnlyFunctions = reading;
  }
  if (returnsSql) {
    await loadPostgresParser();
    const returning = sqlChangingNoTableFunctions(file, root);
    if (returning.length) facts.sqlChangingNoTable = returning;
  }
  if (helpers) {
    await loadPostgresParser();
    const functions = helpers(file, text, root);
    if (Object.keys(functions).length) facts.migrationFunctions = functions;
  }
  return facts;
}

/** `from alembic import op` (also among other names, or aliased `import op`): a module that runs Alembic operations. */
const ALEMBIC_OP_IMPORT = /^\s*from\s+alembic\s+import\s+(?:\(\s*)?(?:[\w\s,]*,\s*)?op\b/m;

const SCHEMA_DDL = /CreateSchema|CREATE\s+SCHEMA/i;
/**
 * A string a helper writes from its parameters: `'{0}.{1}'.format(table, pk)`, `'{}.id'.format(table)`,
 * `f"{table}.{pk}"`, `table + ".id"`. Text and parameters in order; undefined for anything else.
 */
function parameterTemplate(def: Node, node: Node): (string | HelperParameter)[] | undefined {
  const part = (n: Node): (string | HelperParameter)[] | undefined => {
    const s = stringValue(n);
    if (s) return [s.value];
    const p = n.type === 'identifier' ? parameterOf(def, n.text) : undefined;
    return p ? [p] : undefined;
  };
  if (node.type === 'binary_operator') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const operator = left && right ? node.text.slice(left.text.length, node.text.length - right.text.length).trim() : '';
    const a = operator === '+' && left ? parameterTemplate(def, left) : undefined;
    const b = a && right ? parameterTemplate(def, right) : undefined;
    return a && b ? [...a, ...b] : undefined;
  }
  const call = callInfo(node);
  const fn = call?.node.childForFieldName('function');
  if (call && fn?.type === 'attribute' && fn.text.endsWith('.format') && !call.keywords.size && !call.hasSplat) {
    const format = stringValue(fn.childForFieldName('object') ?? null)?.value ?? /^(['"])(.*)\1\.format$/s.exec(fn.text)?.[2];
    if (format === undefined) return undefined;
    const args = call.positional.map(part);
    if (args.some((a) => !a || a.length !== 1)) return undefined;
    const out: (string | HelperParameter)[] = [];
    let next = 0;
    const pieces = format.split(/(\{\d*\})/);
    for (const piece of pieces) {
      const m = /^\{(\d*)\}$/.exec(piece);
      if (!m) {
        if (/[{}]/.test(piece)) return undefined;
        if (piece) out.push(piece);
        continue;
      }
      const arg = args[m[1] === '' ? next++ : Number(m[1])];
      if (!arg) return undefined;
      out.push(arg[0]);
    }
    return out;
  }
  if (node.type === 'string' && /^[rRbBuU]?[fF]/.test(node.text)) {
    // f"{table}.{pk}": text and parameter names between braces.
    const inner = /^[A-Za-z]*(['"])(.*)\1$/s.exec(node.text)?.[2];
    if (inner === undefined) return undefined;
    const out: (string | HelperParameter)[] = [];
    for (const piece of inner.split(/(\{[^{}]*\})/)) {
      const m = /^\{([A-Za-z_]\w*)\}$/.exec(piece);
      if (m) {
        const p = parameterOf(def, m[1]);
        if (!p) return undefined;
        out.push(p);
      } else if (/[{}]/.test(piece)) return undefined;
      else if (piece) out.push(piece);
    }
    return out;
  }
  return part(node);
}

/** `SET search_path TO app` (an Alembic env.py's session before its migrations run). */
const CONVENTION_KINDS: ReadonlySet<string> = new Set(['ix', 'uq', 'ck', 'fk', 'pk']);

const SEARCH_PATH_SQL = /\bSET\s+(?:SESSION\s+|LOCAL\s+)?search_path\b/i;

/**
 * A `server_default` as SQL text: a string, `text("…")`, `func.now()`, `true()`; `DefaultClause(x)`
 * is x. `unknown` for what the reader cannot see the SQL of (a constant, a project's SQL construct
 * such as `GenerateUUID()` compiled per dialect, `FetchedValue()`); undefined for `None`.
 */
export function serverDefaultOf(node: Node): string | 'unknown' | undefined {
  if (node.type === 'none') return undefined;
  // `server_default=(sa.sql.expression.false())`
  if (node.type === 'parenthesized_expression' && node.firstNamedChild) return serverDefaultOf(node.firstNamedChild);
  const s = stringValue(node);
  if (s) return s.value;
  const call = callInfo(node);
  if (call?.name === 'DefaultClause' && call.positional.length === 1) return serverDefaultOf(call.positional[0]);
  // `func.now()`, and the same functions through their module (`sa.sql.functions.now()`, `functions.current_timestamp()`).
  if (call?.callee && (SQL_DEFAULT_CALLS.test(call.callee) || /(?:^|\.)func\.\w+$/.test(call.callee) || (/^(?:(?:sa|sqlalchemy|sql)\.)*functions\.\w+$/.test(call.callee) && !call.positional.length && !call.keywords.size))) return node.text;
  if (node.type === 'integer' || node.type === 'float') return node.text;
  return 'unknown';
}

const SQL_DEFAULT_CALLS = /^(?:(?:sa|sqlalchemy|sql|expression)\.)*(?:text|literal_column|true|false|null)$/;

/**
 * What a function body returns on PostgreSQL, through `if dialect.name == …` branches (and a
 * conditional expression on it); `unknown` where another statement or condition decides it;
 * undefined when the body ends without a return.
 */
function postgresReturn(block: Node): Node | 'unknown' | undefined {
  const statements = codeChildren(block);
  for (const [i, stmt] of statements.entries()) {
    if (i === 0 && stmt.type === 'expression_statement' && stmt.firstNamedChild?.type === 'string') continue;
    if (stmt.type === 'if_statement') {
      const taken = dialectBranch(stmt);
      if (!taken) return 'unknown';
      const inside = taken.block ? postgresReturn(taken.block) : undefined;
      if (inside !== undefined) return inside;
      continue;
    }
    if (stmt.type !== 'return_statement') return 'unknown';
    return stmt.firstNamedChild ? postgresValue(stmt.firstNamedChild) : 'unknown';
  }
  return undefined;
}

/** A returned type as PostgreSQL gets it: inside `dialect.type_descriptor(…)`, the PostgreSQL side of `a if dialect.name == … else b`. */
function postgresValue(node: Node): Node | 'unknown' {
  const call = callInfo(node);
  if (call?.name === 'type_descriptor') return call.positional.length === 1 && !call.keywords.size ? postgresValue(call.positional[0]) : 'unknown';
  if (node.type === 'parenthesized_expression' && node.firstNamedChild) return postgresValue(node.firstNamedChild);
  if (node.type !== 'conditional_expression') return node;
  const [then, condition, otherwise] = codeChildren(node);
  const runs = condition ? postgresRuns(condition) : undefined;
  const taken = runs === undefined ? undefined : runs ? then : otherwise;
  return taken ? postgresValue(taken) : 'unknown';
}

/**
 * What a function without parameters whose body (after a docstring) is one `return <expression>`
 * returns; undefined for any other function. `withParameters`: a function of parameters too (the
 * caller binds them).
 */
export function returnedExpression(def: Node, withParameters = false): Node | undefined {
  const params = def.childForFieldName('parameters');
  const body = def.childForFieldName('body');
  if (!body || (!withParameters && params && codeChildren(params).length)) return undefined;
  const statements = codeChildren(body).filter((st, i) => !(i === 0 && st.type === 'expression_statement' && st.firstNamedChild?.type === 'string'));
  return statements.length === 1 && statements[0].type === 'return_statement' ? statements[0].firstNamedChild ?? undefined : undefined;
}

/** A function body that is one short `return` (a type or column helper): kept, so that what it returns is read. */
const RETURNS_ONE_EXPRESSION = /^(?:(?:"""[\s\S]*?"""|'''[\s\S]*?''')\s*)?return\b[^\n]*$/;

/** Methods whose body the reader evaluates: `@declared_attr` ones, a TypeDecorator's `load_dialect_impl`. */
const KEPT_FUNCTIONS = new Set(['__table_args__', '__tablename__', 'load_dialect_impl']);

/** The body of a short module function that may compute a table name from a class name (`camel_to_snake`). */
function isNameFunction(body: Node): boolean {
  return body.parent?.parent?.type === 'module' && body.text.length < 1000 && /\.(?:lower|upper|sub)\(/.test(body.text);
}

/**
 * A `@declared_attr` whose body only returns a string built from the class's table name
 * (`return f"{self.__tablename__}.id"`): its parts, null standing for the table name.
 */
function tableNameString(def: Node): (string | null)[] | undefined {
  const returned = onlyReturnedValue(def);
  if (!returned || returned.type !== 'string') return undefined;
  const literal = stringLiteral(returned.text);
  if (!literal || literal.bytes || !literal.interpolated || literal.raw) return undefined;
  const parts: (string | null)[] = [];
  const re = /\{\{|\}\}|\{\s*(?:self|cls)\.__tablename__\s*\}|[{}]/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let named = false;
  while ((m = re.exec(literal.content))) {
    const piece = literal.content.slice(last, m.index);
    if (/\\/.test(piece)) return undefined;
    if (piece) parts.push(piece);
    if (m[0] === '{{') parts.push('{');
    else if (m[0] === '}}') parts.push('}');
    else if (m[0].length > 1) {
      parts.push(null);
      named = true;
    } else return undefined;
    last = m.index + m[0].length;
  }
  const rest = literal.content.slice(last);
  if (/\\/.test(rest)) return undefined;
  if (rest) parts.push(rest);
  return named ? parts : undefined;
}

/** The value a function returns when its body is only that `return` (after a docstring). */
const TABLE_ARG_CALLS = new Set(['Index', 'UniqueConstraint', 'CheckConstraint', 'ForeignKeyConstraint', 'PrimaryKeyConstraint']);

/** A tuple or list of table arguments: some element is a constraint or index call. */
function isTableArgsTuple(node: Node): boolean {
  const inner = node.type === 'parenthesized_expression' ? node.firstNamedChild : node;
  if (!inner || !['tuple', 'list'].includes(inner.type)) return false;
  // (`_table_args = ()`: none, for a base's `cls._table_args + (…)` to add to.)
  const elements = codeChildren(inner);
  return !elements.length || elements.some((el) => TABLE_ARG_CALLS.has(callInfo(el)?.name ?? ''));
}

/** `cls._table_args + (…)` (or `cls._table_args` alone): the class attribute, and what is added. */
function classAttributePlus(node: Node): { attribute: string; added?: Node } | undefined {
  const value = node.type === 'parenthesized_expression' && node.firstNamedChild?.type !== 'tuple' ? node.firstNamedChild ?? node : node;
  const attribute = (n: Node | null | undefined) => (n?.type === 'attribute' && /^cls\.\w+$/.test(n.text) ? n.text.slice(4) : undefined);
  const alone = attribute(value);
  if (alone && alone !== '__table_args__') return { attribute: alone };
  if (value.type !== 'binary_operator' || !value.text.slice(value.childForFieldName('left')?.text.length ?? 0).trimStart().startsWith('+')) return undefined;
  const left = attribute(value.childForFieldName('left'));
  const right = value.childForFieldName('right');
  if (!left || left === '__table_args__' || !right || !['tuple', 'parenthesized_expression', 'list'].includes(right.type)) return undefined;
  return { attribute: left, added: right };
}

/**
 * A `__table_args__` body whose every way out returns `cls.<attribute> + (…)` of one attribute,
 * through `if`/`elif`/`else` on the class (`if cls.__tablename__.upper() == "X":`): the attribute,
 * and what the branches add, when they add the same but for their CHECK constraints.
 */
function tableArgsFromAttribute(def: Node): { attribute: string; added?: Node; checksDiffer: boolean } | undefined {
  const returns: Node[] = [];
  const walk = (block: Node): boolean => {
    const statements = codeChildren(block).filter((s, i) => !(i === 0 && s.type === 'expression_statement' && s.firstNamedChild?.type === 'string'));
    for (const stmt of statements) {
      if (stmt.type === 'return_statement') {
        if (!stmt.firstNamedChild) return false;
        returns.push(stmt.firstNamedChild);
      } else if (stmt.type === 'if_statement') {
        for (const child of codeChildren(stmt)) {
          const branch = child.type === 'block' ? child : ['elif_clause', 'else_clause'].includes(child.type) ? codeChildren(child).find((c) => c.type === 'block') : undefined;
          if (branch && !walk(branch)) return false;
        }
      } else return false;
    }
    return true;
  };
  const body = def.childForFieldName('body');
  if (!body || !walk(body) || !returns.length) return undefined;
  const read = returns.map(classAttributePlus);
  if (read.some((r) => !r || r.attribute !== read[0]!.attribute)) return undefined;
  // What each branch adds, its CHECK constraints aside, must be the same.
  const withoutChecks = (r: { added?: Node }) => (r.added ? codeChildren(r.added.type === 'parenthesized_expression' && r.added.firstNamedChild ? r.added.firstNamedChild : r.added)
    .filter((el) => callInfo(el)?.name !== 'CheckConstraint').map((el) => el.text.replace(/\s+/g, '')) : []).join('|');
  // A CHECK constraint is its SQL (branches that name one apart, for an identifier length limit, check the same).
  const checks = (r: { added?: Node }) => (r.added ? codeChildren(r.added).map(callInfo).filter((c) => c?.name === 'CheckConstraint').map((c) => checkText(c!) ?? '?') : []).join('|');
  if (read.some((r) => withoutChecks(r!) !== withoutChecks(read[0]!))) return undefined;
  return { attribute: read[0]!.attribute, added: read[0]!.added, checksDiffer: read.some((r) => checks(r!) !== checks(read[0]!)) };
}

function onlyReturnedValue(def: Node): Node | undefined {
  const body = def.childForFieldName('body');
  const statements = body ? codeChildren(body) : [];
  const code = statements.filter((s, i) => !(i === 0 && s.type === 'expression_statement' && s.firstNamedChild?.type === 'string'));
  if (code.length !== 1 || code[0].type !== 'return_statement') return undefined;
  return code[0].firstNamedChild ?? undefined;
}
const VERSIONING = /\bmake_versioned\s*\(/;
/** A class namespace built as data (`{"__tablename__": …}`, `dict(__tablename__=…)`): a class made by `type(…)`. */
const CLASS_NAMESPACE_WITH_TABLENAME = /["']__tablename__["']\s*:|\bdict\([^)]*\b__tablename__\s*=/;
/** `Table(cls.table_name, metadata)`: a Core table named by the class it is made for, in a function (at run time). */
const TABLE_NAMED_BY_CODE = /\bTable\s*\(\s*(?:cls|self|klass|mcs)\.\w+\s*,/;
/** `Table("rules", metadata, Column(…), …)` written in a function (a method that builds its table). */
const TABLE_DEFINED_IN_CODE = /\bTable\s*\(\s*f?["'][^"']*["'](?:\s*\.\s*format\s*\([^)]*\))?\s*,\s*[\w.]+\s*,\s*(?:[\w.]+\.)?Column\s*\(/;
/** A method that returns a string built from the class's table name (`return f"{cls.__tablename__}.id"`, see tableNameString). */
const RETURNS_TABLE_NAME_STRING = /\breturn\s+f["'][^\n]*\{\s*(?:self|cls)\.__tablename__\s*\}/;
const CLASS_ATTRIBUTE = /^(?:cls|self|klass|mcs)\.\w+$/;

/**
 * The entries of the dicts a call spreads (`**common_args`), each a dict literal assigned to that
 * name in the enclosing class body or the module; undefined when any spread is something else.
 */
function splatDictionaries(call: CallInfo): Map<string, Node> | undefined {
  const out = new Map<string, Node>();
  for (const arg of codeChildren(call.argumentList)) {
    if (arg.type === 'list_splat') return undefined;
    if (arg.type !== 'dictionary_splat') continue;
    const name = arg.firstNamedChild;
    const dict = name?.type === 'identifier' ? dictionaryNamed(call.node, name.text) : name?.type === 'dictionary' ? name : undefined;
    if (!dict) return undefined;
    for (const pair of codeChildren(dict)) {
      if (pair.type !== 'pair') return undefined;
      const key = stringValue(pair.childForFieldName('key'))?.value;
      const value = pair.childForFieldName('value');
      if (key === undefined || !value) return undefined;
      out.set(key, value);
    }
  }
  return out;
}

/** The dict literal last assigned to `name` before `at`, in the class bodies around it or the module. */
function dictionaryNamed(at: Node, name: string): Node | undefined {
  for (let scope = at.parent; scope; scope = scope.parent) {
    if (scope.type !== 'block' && scope.type !== 'module') continue;
    if (scope.type === 'block' && scope.parent?.type !== 'class_definition') continue;
    let found: Node | undefined;
    let assigned = 0;
    for (const stmt of codeChildren(scope)) {
      const a = stmt.startPosition;
      const b = at.startPosition;
      if (a.row > b.row || (a.row === b.row && a.column >= b.column)) break;
      const assign = stmt.type === 'expression_statement' ? stmt.firstNamedChild : undefined;
      if (assign?.type !== 'assignment' || assign.childForFieldName('left')?.text !== name) continue;
      assigned++;
      const right = assign.childForFieldName('right');
      found = right?.type === 'dictionary' ? right : undefined;
    }
    if (assigned) return found;
  }
  return undefined;
}

/** Reads SQLAlchemy declarations; the Alembic reader borrows its column and constraint readers. */
export class ModuleReader {
  /** Evaluates an expression to a string where the caller knows more (a migration's loop variables); models have none. */
  evaluate: ((node: Node) => string | undefined) | undefined;
  /** What an expression stands for where the caller knows more (a migration's `MediumText()` helper returning a type); models have none. */
  expand: ((node: Node) => Node) | undefined;
  /** The names the module binds to SQLAlchemy's modules and their names (see sqlalchemyLocalNames): its types are SQLAlchemy's. */
  sqlalchemyNames: ReadonlySet<string> | undefined;
  private readonly facts: PyModuleFacts;
  /** `from enum import Enum as PyEnum`: alias → imported name. */
  private readonly aliases = new Map<string, string>();
  /** The `__table_args__ = {…}` of each class of the module read so far (another class's tuple may end with it). */
  private readonly tableArgsDicts = new Map<string, Node>();
  /** The class whose body is being read (`sa.ForeignKey(id)` names a column declared above it in that body). */
  private classBeingRead: PyClassDecl | undefined;
  /** `mapper_registry = registry(metadata=metadata)`: the MetaData variable of each registry of the module. */
  private readonly registryMetadata = new Map<string, string>();
  /** `mapper_registry = registry(type_annotation_map={…})`: the annotation types of a registry variable. */
  private readonly registryTypeMaps = new Map<string, [string, ColumnType][]>();

  private linesCache: string[] | undefined;

  private get lines(): string[] {
    return (this.linesCache ??= this.text.split('\n'));
  }

  constructor(private readonly file: string, private readonly text: string) {
    this.facts = {
      file, classes: [], coreTables: [], metadataVariables: new Map(), baseVariables: new Map(),
      looseIndexes: [], schemasCreated: [], unknownTables: 0,
    };
  }

  private root: Node | undefined;

  read(root: Node): PyModuleFacts {
    this.root = root;
    this.sqlalchemyNames = sqlalchemyLocalNames(root);
    // `def MediumText(): return sa.Text().with_variant(MEDIUMTEXT(), "mysql")`: a type helper of the module.
    for (const stmt of codeChildren(root)) {
      const returned = stmt.type === 'function_definition' ? returnedExpression(stmt) : undefined;
      const name = stmt.childForFieldName('name')?.text;
      if (returned && name) this.typeHelpers.set(name, returned);
      // `sa_JSON = postgresql.JSON().with_variant(sa.JSON(), "sqlite")`: a type the module names once,
      // read where a column gives it (a name bound twice is left to whichever runs: Unknown).
      const assignment = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
      const right = assignment?.childForFieldName('right');
      if (left?.type === 'identifier' && right) {
        if (this.typeVariables.has(left.text)) this.typeVariables.set(left.text, null);
        else this.typeVariables.set(left.text, right.type === 'call' || right.type === 'attribute' ? right : null);
      }
    }
    for (const stmt of codeChildren(root)) this.readTopLevel(stmt);
    // (After the imports are read: a type's name may be SQLAlchemy's under another.)
    for (const [name, value] of this.typeVariables) {
      if (!value) continue;
      const type = this.readType(value);
      // (What reads as no type is kept only under a type's name, `JSON = make_json_type()`: a module's
      // loggers and constants are no column's type, and every module has them.)
      if (type || isTypeName(name)) (this.facts.typeBindings ??= {})[name] = type ?? null;
    }
    if (SCHEMA_DDL.test(this.text)) this.findSchemaCreations(root);
    if (SEARCH_PATH_SQL.test(this.text)) this.findSearchPath(root);
    if (this.text.includes('naming_convention')) this.findNamingConventions(root);
    if (VERSIONING.test(this.text)) this.findVersioning(root);
    if (CLASS_NAMESPACE_WITH_TABLENAME.test(this.text) || TABLE_NAMED_BY_CODE.test(this.text) || TABLE_DEFINED_IN_CODE.test(this.text)) this.findTablesBuiltByCode(root);
    return this.facts;
  }

  private readTopLevel(stmt: Node): void {
    switch (stmt.type) {
      case 'import_statement':
        // `import app.db.base as base`: a module under a local name, as `from app.db import base` binds it.
        for (const child of codeChildren(stmt)) {
          if (child.type !== 'aliased_import') continue;
          const dotted = child.childForFieldName('name')?.text.replace(/\s+/g, '');
          const local = child.childForFieldName('alias')?.text;
          const cut = dotted ? dotted.lastIndexOf('.') : -1;
          if (dotted && local && cut > 0) (this.facts.imports ??= []).push({ local, module: dotted.slice(0, cut), name: dotted.slice(cut + 1) });
        }
        return;
      case 'import_from_statement':
        this.readImportFrom(stmt);
        for (const alias of stmt.namedChildren) {
          if (alias?.type === 'aliased_import') {
            const name = dottedName(alias.childForFieldName('name')?.firstNamedChild ?? alias.childForFieldName('name'));
            const as = alias.childForFieldName('alias');
            if (name && as) this.aliases.set(as.text, lastSegment(name));
          }
        }
        return;
      case 'class_definition':
        this.noteDefinition(stmt);
        this.readClass(stmt);
        return;
      case 'function_definition': {
        this.noteDefinition(stmt);
        this.readColumnHelper(stmt);
        const name = stmt.childForFieldName('name')?.text;
        const body = name && readNameFunction(stmt, 'param');
        if (name && body) (this.facts.nameFunctions ??= []).push({ name, body });
        return;
      }
      case 'decorated_definition': {
        const def = stmt.childForFieldName('definition');
        if (def) this.noteDefinition(def);
        if (def?.type === 'class_definition') this.readClass(def, true);
        return;
      }
      case 'expression_statement': {
        const expr = stmt.firstNamedChild;
        if (expr?.type === 'assignment') this.readModuleAssignment(expr);
        else if (expr?.type === 'call') this.readModuleCall(expr);
        return;
      }
      case 'if_statement':
      case 'try_statement':
      case 'with_statement': {
        // Models are sometimes declared under `if TYPE_CHECKING:`, `try:` or
        // `with warnings.catch_warnings():`; read their blocks too. But `if TYPE_CHECKING: class
        // EnumColumn(TypeEngine): … else: from sqlalchemy import Enum as EnumColumn` binds at run
        // time what the `else` binds: the stub for the type checker is no class of the project.
        const typeCheckingOnly = stmt.type === 'if_statement' && /^(?:typing\.)?TYPE_CHECKING$/.test(stmt.childForFieldName('condition')?.text ?? '')
          && codeChildren(stmt).some((c) => c.type === 'else_clause');
        for (const child of codeChildren(stmt)) {
          if (child.type === 'block') {
            if (!typeCheckingOnly) for (const s of codeChildren(child)) this.readTopLevel(s);
          }
          else if (['else_clause', 'elif_clause', 'except_clause', 'finally_clause'].includes(child.type)) {
            const block = codeChildren(child).find((c) => c.type === 'block');
            if (block) for (const s of codeChildren(block)) this.readTopLevel(s);
          }
        }
        return;
      }
      default:
    }
  }

  /**
   * Whether a base is SQLAlchemy's `DeclarativeBase` class, not a project's base that happens to be
   * called so (`DeclarativeBase = declarative_base(metadata=…)` in a module of the project, imported
   * from there): a model of that one is a table.
   */
  private isSqlAlchemyDeclarativeBase(base: string): boolean {
    const last = lastSegment(base);
    if (!DECLARATIVE_BASES.has(this.aliases.get(last) ?? last)) return false;
    if (base.includes('.')) return true;
    const imported = this.facts.imports?.find((i) => i.local === last);
    if (imported) return /^sqlalchemy(\.|$)/.test(imported.module);
    return !this.facts.baseVariables.has(last);
  }

  /** A name as imported (`from sqlalchemy import Column as SAColumn`: SAColumn → Column). */
  private unaliased(name: string): string {
    return this.aliases.get(name) ?? name;
  }

  /** `from .base import Column, primary_key as pk`: what other modules' names this one uses (for the builder). */
  private readImportFrom(stmt: Node): void {
    const moduleNode = stmt.childForFieldName('module_name');
    const module = moduleNode?.text.replace(/\s+/g, '');
    if (!module) return;
    for (const child of codeChildren(stmt)) {
      if (child === moduleNode) continue;
      const name = child.type === 'aliased_import' ? child.childForFieldName('name')?.text : child.type === 'dotted_name' ? child.text : undefined;
      const local = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : name;
      if (name && local) (this.facts.imports ??= []).push({ local, module, name });
    }
  }

  /** `cast(T, value)` or `typing.cast(T, value)` with `cast` from typing (not SQLAlchemy's SQL `cast`). */
  private isTypingCast(call: CallInfo): boolean {
    if (call.positional.length !== 2 || call.keywords.size) return false;
    if (call.callee === 'typing.cast' || call.callee === 'typing_extensions.cast') return true;
    if (!call.callee || call.callee.includes('.')) return false;
    const local = call.callee;
    return !!this.facts.imports?.some((i) => i.local === local && i.name === 'cast' && (i.module === 'typing' || i.module === 'typing_extensions'));
  }

  private readModuleAssignment(assign: Node): void {
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right');
    const variable = left?.type === 'identifier' ? left.text : undefined;
    if (variable && right?.type === 'subscript' && /^(?:[A-Za-z_]\w*\.)?Annotated$/.test(right.childForFieldName('value')?.text ?? '')) {
      this.readAnnotatedAlias(variable, right);
      return;
    }
    if (variable && right && /^[A-Z_][A-Z0-9_]*$|^_?[a-z_][a-z0-9_]*$/.test(variable)) {
      const template = templateOf(right);
      if (template) (this.facts.constants ??= []).push({ name: variable, value: template });
      const number = intValue(right);
      if (number !== undefined) (this.facts.numbers ??= []).push({ name: variable, value: number });
    }
    const call = callInfo(right);
    if (!call || !call.name) return;
    // `Order.parent_id = …` (by its text: the light tree keeps no children of an assignment's target).
    const target = left?.type === 'attribute' ? /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(left.text.replace(/\s+/g, '')) : null;
    const owner = target ? this.facts.classes.find((c) => c.name === target[1]) : undefined;
    const attribute = owner && target![2];
    if (owner && attribute) {
      // `Order.parent_id = sa.Column(…)` after the class: declarative adds the column (or the
      // relationship) to the mapped class, as if the class body declared it.
      if (COLUMN_CALLS.has(call.name)) {
        const col = this.readColumnCall(call, attribute, undefined);
        if (col) owner.columns.push(col);
        if (col?.foreignKeyUnread) owner.dynamicParts.push(`foreign key of ${attribute}`);
      } else if (call.name === 'relationship') this.readRelationship(owner, attribute, call, undefined);
      return;
    }
    if (call.callee === 're.compile' && variable) {
      // `CAMEL = re.compile(r"(?<!^)(?=[A-Z])")`, for names computed with `CAMEL.sub(…)`.
      const text = stringValue(call.positional[0])?.value;
      const flagNode = call.positional[1] ?? call.keywords.get('flags')?.value;
      const flags = !flagNode ? '' : ['re.I', 're.IGNORECASE'].includes(dottedName(flagNode) ?? '') ? 'i' : undefined;
      if (text !== undefined && flags !== undefined) (this.facts.patterns ??= []).push({ name: variable, text, flags });
      return;
    }
    if (call.name === 'MetaData' && variable) {
      this.facts.metadataVariables.set(variable, { schema: stringValue(call.keywords.get('schema')?.value)?.value });
    } else if (call.name === 'declarative_base' && variable) {
      this.facts.baseVariables.set(variable, this.baseFromMetadataArg(call));
    } else if (call.name === 'generate_base' && variable) {
      // registry(metadata=...).generate_base()
      const registry = callInfo(call.node.childForFieldName('function')?.childForFieldName('object'));
      this.facts.baseVariables.set(variable, registry ? this.baseFromMetadataArg(registry) : {});
    } else if (call.name === 'registry' && variable) {
      const md = call.keywords.get('metadata')?.value;
      if (md?.type === 'identifier') this.registryMetadata.set(variable, md.text);
      const entries = this.typeAnnotationMap(call.keywords.get('type_annotation_map')?.value);
      if (entries.length) this.registryTypeMaps.set(variable, entries);
    } else if (call.name === 'Table') {
      this.readCoreTable(call, variable);
    } else if (call.name === 'Index' || call.name === 'UniqueConstraint') {
      this.readLooseIndex(call);
    } else if (call.name === 'partial' && variable && COLUMN_CALLS.has(this.unaliased(lastSegment(dottedName(call.positional[0]) ?? '')))) {
      // `Column = functools.partial(db.Column, nullable=False)`: columns made through it default to its keywords.
      const nullable = boolValue(call.keywords.get('nullable')?.value);
      (this.facts.columnAliases ??= []).push({ name: variable, ...(nullable !== undefined ? { nullable } : {}) });
    }
  }

  /** `intpk = Annotated[int, mapped_column(primary_key=True)]`: the type and column arguments the alias stands for. */
  private readAnnotatedAlias(name: string, subscript: Node): void {
    const value = subscript.childForFieldName('value');
    const [typeNode, ...metadata] = codeChildren(subscript).filter((c) => c !== value && c.id !== value?.id);
    if (!typeNode) return;
    const { inner, optional } = unwrapOptional(typeNode.text);
    const columnCall = metadata.map((m) => callInfo(m)).find((c) => c?.name && COLUMN_CALLS.has(c.name));
    const column = columnCall ? this.readColumnCall(columnCall, undefined, undefined) : this.conditionalColumn(metadata);
    (this.facts.annotatedAliases ??= []).push({ name, pythonType: inner, optional, ...(column ? { column } : {}) });
  }

  /**
   * `mapped_column(…) if MODE == "autoincrement" else mapped_column(…)`: a column chosen at run time.
   * What both branches say is known (both make the primary key); where they differ, Unknown.
   */
  private conditionalColumn(metadata: Node[]): PyColumnDecl | undefined {
    const conditional = metadata.find((m) => m.type === 'conditional_expression');
    if (!conditional) return undefined;
    const [whenTrue, , whenFalse] = codeChildren(conditional);
    const [a, b] = [whenTrue, whenFalse].map((branch) => {
      const call = callInfo(branch);
      return call?.name && COLUMN_CALLS.has(call.name) ? this.readColumnCall(call, undefined, undefined) : undefined;
    });
    if (!a || !b) return undefined;
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    const column: PyColumnDecl = { ...a, primaryKey: a.primaryKey && b.primaryKey, unique: a.unique && b.unique, index: a.index && b.index };
    if (!same(a.type, b.type)) {
      delete column.type;
      column.typeUnknown = 'a type chosen at run time (a conditional expression)';
    }
    if (a.nullable !== b.nullable) {
      delete column.nullable;
      column.nullableUnknown = true;
    }
    if (!same(a.foreignKeys.map((f) => f.text), b.foreignKeys.map((f) => f.text))) column.foreignKeys = [];
    if (a.serverDefault !== b.serverDefault) delete column.serverDefault;
    return column;
  }

  private baseFromMetadataArg(call: CallInfo): { schema?: string; metadataVariable?: string; cls?: string } {
    const md = call.keywords.get('metadata')?.value;
    const mdCall = callInfo(md);
    // `declarative_base(cls=BodhiBase)`: the class every model of this base derives from.
    const cls = dottedName(call.keywords.get('cls')?.value);
    const base = cls ? { cls } : {};
    if (mdCall?.name === 'MetaData') return { ...base, schema: stringValue(mdCall.keywords.get('schema')?.value)?.value };
    if (md?.type === 'identifier') return { ...base, metadataVariable: md.text };
    return base;
  }

  private readModuleCall(node: Node): void {
    const call = callInfo(node);
    if (call?.name === 'Index' || call?.name === 'UniqueConstraint') this.readLooseIndex(call);
    else if (call?.name === 'Table') this.readCoreTable(call, undefined);
  }

  private readLooseIndex(call: CallInfo): void {
    const item = this.readTableItem(call, false);
    if (item && (item.kind === 'index' || item.kind === 'unique')) this.facts.looseIndexes.push({ item });
  }

  private readCoreTable(call: CallInfo, variable: string | undefined): void {
    const nameNode = call.positional[0];
    const template = nameNode && !stringValue(nameNode) ? templateOf(nameNode) : undefined;
    const name = stringValue(nameNode)?.value ?? (template ? nameNode!.text : undefined);
    if (!name) {
      this.facts.unknownTables++;
      return;
    }
    const table: PyCoreTableDecl = {
      variable, name, file: this.file,
      location: nodeLocation(this.file, nameNode),
      columns: [], items: [], dynamicParts: [],
      anchor: this.anchorOf(call),
    };
    if (template) table.nameTemplate = template;
    // Flask-SQLAlchemy's `db.Table("name", db.Column(...))` has no MetaData argument: columns start second.
    const md = callInfo(call.positional[1]) ? undefined : call.positional[1];
    if (md?.type === 'identifier') table.metadataVariable = md.text;
    else if (md && dottedName(md)?.endsWith('.metadata')) table.metadataVariable = dottedName(md);
    const schemaKw = call.keywords.get('schema');
    if (schemaKw) {
      const s = stringValue(schemaKw.value);
      const schemaTemplate = s ? undefined : templateOf(schemaKw.value);
      if (s) table.schema = { name: s.value, location: nodeLocation(this.file, schemaKw.value) };
      else if (schemaTemplate) {
        table.schemaTemplate = schemaTemplate;
        table.schema = { name: schemaKw.value.text, location: nodeLocation(this.file, schemaKw.value) };
      } else if (schemaKw.value.type !== 'none') table.dynamicParts.push('schema');
    }
    if (call.hasSplat) table.dynamicParts.push('columns passed with *');
    for (const arg of call.positional.slice(md ? 2 : 1)) {
      const inner = callInfo(arg);
      if (inner?.name === 'Column') {
        const col = this.readColumnCall(inner, undefined, undefined);
        if (col) table.columns.push(col);
      } else if (inner?.name === 'CheckConstraint') {
        (table.checks ??= []).push(checkText(inner));
      } else if (inner) {
        const item = this.readTableItem(inner, true);
        if (item) table.items.push(item);
      }
    }
    this.facts.coreTables.push(table);
  }

  /** The integer constants each class of the module declares in its body, by class name. */
  private readonly classNumbers = new Map<string, Map<string, number>>();

  private readClass(node: Node, decorated = false): void {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) return;
    const bases: string[] = [];
    let sqlmodelTable = false;
    const superclasses = node.childForFieldName('superclasses');
    const plain = !decorated && (!superclasses || codeChildren(superclasses).every((b) => b.text === 'object'));
    if (superclasses) {
      for (const b of codeChildren(superclasses)) {
        if (b.type === 'keyword_argument') {
          if (b.childForFieldName('name')?.text === 'table' && boolValue(b.childForFieldName('value')) === true) sqlmodelTable = true;
          continue;
        }
        const name = dottedName(b) ?? (b.type === 'subscript' ? dottedName(b.childForFieldName('value')) : undefined);
        if (name) bases.push(name);
      }
    }
    const cls: PyClassDecl = {
      name: nameNode.text, bases, file: this.file,
      location: nodeLocation(this.file, nameNode),
      tablenameDynamic: false, abstract: false, tableArgsDynamic: false,
      columns: [], items: [], relationships: [], dynamicParts: [],
    };
    if (sqlmodelTable) cls.sqlmodelTable = true;
    if (plain) cls.plain = true;
    // A direct subclass of DeclarativeBase is the declarative base itself, never mapped: what it
    // declares (columns, a computed `__tablename__`) its mapped subclasses inherit, as from a mixin.
    if (bases.some((b) => this.isSqlAlchemyDeclarativeBase(b))) {
      cls.abstract = true;
      cls.declarativeRoot = true;
    }
    const isEnum = bases.some((b) => ENUM_BASES.has(this.aliases.get(lastSegment(b)) ?? lastSegment(b)));
    if (isEnum) cls.enumValues = [];
    const body = node.childForFieldName('body');
    let typeInCode: ColumnType | 'unknown' | 'impl' | undefined;
    const outer = this.classBeingRead;
    this.classBeingRead = cls;
    // Integer constants of the class body (`MAX_EMAIL_LENGTH = 255`), for the sizes of its columns' types.
    const numbers = new Map<string, number>();
    for (const stmt of body ? codeChildren(body) : []) {
      const expr = stmt.type === 'expression_statement' ? stmt.firstNamedChild : undefined;
      const left = expr?.type === 'assignment' ? expr.childForFieldName('left') : undefined;
      const value = left?.type === 'identifier' ? intValue(expr!.childForFieldName('right')) : undefined;
      if (value !== undefined) numbers.set(left!.text, value);
    }
    if (numbers.size) this.classNumbers.set(cls.name, numbers);
    for (const stmt of body ? codeChildren(body) : []) {
      if (stmt.type === 'expression_statement') {
        const expr = stmt.firstNamedChild;
        if (expr?.type === 'assignment') {
          if (cls.enumValues) this.readEnumMember(cls, expr);
          else this.readClassAssignment(cls, expr);
        } else if (expr?.type === 'call') {
          // `sa.Index("builds_number", builds.c.number)` beside class-body tables: it attaches to the table.
          this.readModuleCall(expr);
        }
      } else if (stmt.type === 'decorated_definition' || stmt.type === 'function_definition') {
        if (stmt.type === 'decorated_definition') this.readDecoratedMember(cls, stmt);
        // A method decorated or not (`@override def load_dialect_impl(…)` decides the type all the same).
        const def = stmt.type === 'function_definition' ? stmt : stmt.childForFieldName('definition');
        if (def?.type !== 'function_definition') continue;
        const renames = rewritesSubclassTablenames(def);
        if (renames) cls.renamesTables = renames;
        const decided = this.readTypeMethod(def);
        if (decided) typeInCode = decided.type === 'unknown' || typeInCode === 'unknown' ? 'unknown' : decided.type === 'impl' && typeInCode ? typeInCode : decided.type;
      }
    }
    this.classBeingRead = outer;
    // A TypeDecorator's type as its methods decide it: the PostgreSQL branch of `load_dialect_impl`
    // over `impl`; none (Unknown) when code decides it in a way the reader cannot follow.
    if (typeInCode === 'unknown') {
      delete cls.typeImpl;
      cls.typeImplUnknown = true;
    } else if (typeInCode && typeInCode !== 'impl') cls.typeImpl = typeInCode;
    this.facts.classes.push(cls);
  }

  /**
   * A TypeDecorator's methods that decide its type in code: `load_dialect_impl` (the type PostgreSQL
   * gets, when its branches on `dialect.name` can be followed; Unknown otherwise), an `__init__`
   * that sets `self.impl` (Unknown: it depends on the arguments of each use). Undefined for other methods.
   */
  private readTypeMethod(def: Node): { type: ColumnType | 'unknown' | 'impl' } | undefined {
    const name = def.childForFieldName('name')?.text;
    const body = def.childForFieldName('body');
    if (!body) return undefined;
    if (name === '__init__') return /\bself\.impl\s*[:=]/.test(body.text) ? { type: 'unknown' } : undefined;
    if (name !== 'load_dialect_impl') return undefined;
    const returned = postgresReturn(body);
    if (!returned || returned === 'unknown') return { type: 'unknown' };
    // `else: return self.impl` (or the base's choice, `super().load_dialect_impl(dialect)`): the
    // class's `impl`, its own or inherited.
    if (/^self\.impl$|^super\(\s*\)\.load_dialect_impl\(\s*\w+\s*\)$/.test(returned.text.replace(/\s+/g, ''))) return { type: 'impl' };
    return { type: this.readType(returned) ?? 'unknown' };
  }

  private readEnumMember(cls: PyClassDecl, assign: Node): void {
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right');
    if (left?.type !== 'identifier' || left.text.startsWith('_')) return;
    const s = stringValue(right);
    cls.enumValues!.push(s ? s.value : left.text);
    (cls.enumNames ??= []).push(left.text);
    if (s) (cls.enumMembers ??= []).push({ name: left.text, value: s.value });
  }

  private readDecoratedMember(cls: PyClassDecl, stmt: Node): void {
    const def = stmt.childForFieldName('definition');
    const name = def?.childForFieldName('name')?.text;
    const decoratorNodes = codeChildren(stmt).filter((c) => c.type === 'decorator');
    if (name && this.readColumnDecorator(cls, name, decoratorNodes)) return;
    const decorators = decoratorNodes.map((d) => d.text);
    if (!name || !decorators.some((d) => /declared_attr/.test(d))) return;
    if (name === '__tablename__') {
      cls.tablenameDynamic = true;
      const expr = def && readNameFunction(def, 'class');
      if (expr) cls.tablenameExpr = expr;
      const rule = def && this.tablenameRule(def);
      if (rule) cls.tablenameRule = rule;
    } else if (name === '__table_args__') {
      // A later definition replaces an earlier `__table_args__`.
      delete cls.schema;
      delete cls.schemaTemplate;
      cls.items = [];
      // `def __table_args__(cls): return (Index(…), {"schema": "users"})`: what it returns, when that
      // is all it does; anything else computes it (Unknown).
      const returned = def && onlyReturnedValue(def);
      cls.tableArgsDynamic = false;
      delete cls.tableArgsFrom;
      const fromAttribute = !returned && def ? tableArgsFromAttribute(def) : undefined;
      if (returned && !classAttributePlus(returned)) this.readTableArgs(cls, returned);
      else if (returned || fromAttribute) {
        // `return cls._table_args + (CheckConstraint(…), {"mysql_engine": "InnoDB"})`, in each branch
        // of an `if` on the class: its own attribute, then what every branch adds.
        const { attribute, added, checksDiffer } = returned ? { ...classAttributePlus(returned)!, checksDiffer: false } : fromAttribute!;
        cls.tableArgsFrom = { attribute };
        if (added) this.readTableArgs(cls, added);
        // Branches that add different CHECK constraints: which one a table has is Unknown.
        if (checksDiffer) cls.checks = [null];
      } else cls.tableArgsDynamic = true;
    } else if (def && tableNameString(def)) {
      // `def id_field_path(cls) -> str: return f"{cls.__tablename__}.id"`: a string, no mapped attribute.
      (cls.tableStrings ??= {})[name] = tableNameString(def)!;
    } else if (!(def && this.readDeclaredAttribute(cls, name, def))) cls.dynamicParts.push(name);
  }

  /**
   * A method decorated with a call that is given a column: sqlalchemy-utils'
   * `@aggregated('feedbacks', Column(Float, default=0)) def average_rating(self): …` maps that column,
   * named after the method, and keeps it up to date. A decorator of another library given a column
   * maps something the reader does not know: the class has a part computed by code (Unknown).
   * False when no decorator is given a column.
   */
  private readColumnDecorator(cls: PyClassDecl, name: string, decorators: Node[]): boolean {
    for (const decorator of decorators) {
      const call = callInfo(decorator.firstNamedChild);
      const column = call?.positional.map((a) => callInfo(a)).find((c) => c?.name && COLUMN_CALLS.has(c.name));
      if (!call || !column) continue;
      const read = call.name === 'aggregated' ? this.readColumnCall(column, name, undefined) : undefined;
      if (read && !read.foreignKeyUnread) cls.columns.push(read);
      else cls.dynamicParts.push(name);
      return true;
    }
    return false;
  }

  /**
   * `@declared_attr def organization(cls) -> Mapped["Organization"]: return relationship(...)` (or a
   * `mapped_column(...)`): a body that is one `return` of such a call declares the same thing as an
   * attribute would. False for any other body (it stays a part computed by code).
   */
  private readDeclaredAttribute(cls: PyClassDecl, name: string, def: Node): boolean {
    const body = def.childForFieldName('body');
    const statements = body ? codeChildren(body).filter((s) => !(s.type === 'expression_statement' && s.firstNamedChild?.type === 'string')) : [];
    if (statements.length !== 1 || statements[0].type !== 'return_statement') return false;
    const call = callInfo(unwrapParentheses(statements[0].firstNamedChild));
    const returns = def.childForFieldName('return_type');
    const annotationText = returns ? mappedInner(returns.text) : undefined;
    if (call?.name === 'relationship') {
      this.readRelationship(cls, name, call, returns ? relationshipInner(returns.text) : undefined);
      return true;
    }
    // `return synonym("update_at")`: another name for a column (or an expression), no column itself.
    if (call?.name && NO_COLUMN_CALLS.has(call.name)) return true;
    if (call?.name && COLUMN_CALLS.has(call.name) && !readsClassForSchema(call.node)) {
      const col = this.readColumnCall(call, name, annotationText);
      if (!col || col.foreignKeyUnread) return false;
      cls.columns.push(col);
      return true;
    }
    return false;
  }

  /**
   * The CamelCase-to-snake_case idiom the name evaluator cannot follow (`re.split` and a join over a
   * comprehension, in the body or in a function of this module it calls with the name). What it
   * can evaluate (`cls.__name__.lower()`, `re.sub`, …) is `tablenameExpr`. Undefined otherwise.
   */
  private tablenameRule(def: Node): 'snake' | undefined {
    // Function bodies of model files are kept as text only (not walked): read the last `return`.
    const body = def.childForFieldName('body');
    if (!body) return undefined;
    const lines = body.text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !/^("""|\'\'\'|")/.test(l));
    const last = lines[lines.length - 1] ?? '';
    if (!last.startsWith('return ')) return undefined;
    const value = last.slice('return '.length).replace(/\s+/g, '');
    const statements = lines;
    const snakeBody = (text: string) => /\[A-Z\]/.test(text) && /\.lower\(\)|str\.lower/.test(text) && /\bre\.(sub|split|findall)\(/.test(text);
    if (statements.length === 1 && /cls\.__name__/.test(value) && snakeBody(value)) return 'snake';
    const call = /^([A-Za-z_]\w*)\(cls\.__name__\)$/.exec(value);
    if (call) {
      const fn = codeChildren(this.root!).map((s) => (s.type === 'decorated_definition' ? s.childForFieldName('definition') : s))
        .find((s) => s?.type === 'function_definition' && s.childForFieldName('name')?.text === call[1]);
      if (fn && snakeBody(fn.text)) return 'snake';
    }
    return undefined;
  }

  /**
   * A function or class of the module, for calls of it in class bodies: one that builds no column
   * (`model_config = ConfigDict(…)` is a library's, `_count_property(…)` returns a column_property)
   * is known not to be one; a class deriving from `Column` may be.
   */
  private noteDefinition(def: Node): void {
    const name = def.childForFieldName('name')?.text;
    if (!name) return;
    const bases = def.type === 'class_definition' ? def.childForFieldName('superclasses')?.text ?? '' : '';
    (this.facts.definitions ??= []).push({ name, ...(/\bColumn\b|\bmapped_column\b|MapperProperty/.test(bases) ? { makesColumns: true } : {}) });
  }

  /** `def primary_key(name): … return Column(key_type, primary_key=True)`: a project function that builds a column. */
  private readColumnHelper(def: Node): void {
    const name = def.childForFieldName('name')?.text;
    const body = def.childForFieldName('body');
    if (!name || !body || !RETURNS_COLUMN.test(body.text)) return;
    const returns = codeChildren(body).filter((s) => s.type === 'return_statement');
    if (returns.length !== 1) return;
    const call = callInfo(returns[0].firstNamedChild);
    if (!call?.name || !COLUMN_CALLS.has(call.name)) return;
    // Its name and type may come from the helper's arguments: only what is written in it counts,
    // and a name given by a parameter (`def IDColumn(name="id"): return Column(name, GUID, …)`) is
    // the argument of each call (the type is then the next argument).
    const first = call.positional[0];
    const nameNode = first?.type === 'identifier' && parameterOf(def, first.text) ? first : call.keywords.get('name')?.value;
    const parameter = nameNode?.type === 'identifier' ? parameterOf(def, nameNode.text) : undefined;
    const column = this.readColumnCall(parameter && nameNode === first ? { ...call, positional: call.positional.slice(1) } : call, undefined, undefined);
    if (!column) return;
    // `nullable=nullable`, `String(length)`: values the call site gives through parameters.
    const nullableNode = call.keywords.get('nullable')?.value;
    const nullableParameter = nullableNode?.type === 'identifier' ? parameterOf(def, nullableNode.text) : undefined;
    const sizeParameters = (column.typeSizes?.args ?? []).flatMap((a) => (typeof a === 'string' ? [parameterOf(def, a)] : [])).filter((p): p is NonNullable<typeof p> => !!p);
    // `ForeignKey('{0}.{1}'.format(tablename, pk_name))`: the target each call's arguments write.
    const foreignKey = call.positional.map((a) => callInfo(a)).find((c) => c?.name === 'ForeignKey');
    const written = foreignKey?.positional[0] ? parameterTemplate(def, foreignKey.positional[0]) : undefined;
    const foreignKeyParts = written?.some((p) => typeof p !== 'string') ? written : undefined;
    if (foreignKey && foreignKeyParts) {
      // Not the key the reader made of it (a template of names it cannot bind): each call's own.
      const at = nodeLocation(this.file, foreignKey.node).range.start;
      column.foreignKeys = column.foreignKeys.filter((fk) => fk.location.range.start.line !== at.line || fk.location.range.start.character !== at.character);
      column.foreignKeyUnread = true;
    }
    // `**kwargs` handed to the column: the options each call gives (`index=True`) are the column's.
    const splat = codeChildren(call.argumentList).find((a) => a.type === 'dictionary_splat');
    const forwardsOptions = !!splat && new RegExp(`\\*\\*${splat.text.replace(/^\*\*/, '')}\\b`).test(def.childForFieldName('parameters')?.text ?? '');
    (this.facts.columnHelpers ??= []).push({
      name, column: { ...column, name: !parameter && column.name && /^\w+$/.test(column.name) ? column.name : undefined },
      ...(parameter ? { nameParameter: parameter } : {}),
      ...(nullableParameter ? { nullableParameter } : {}),
      ...(sizeParameters.length ? { sizeParameters } : {}),
      ...(foreignKeyParts ? { foreignKeyParts } : {}),
      ...(forwardsOptions ? { forwardsOptions } : {}),
    });
  }

  /** A `type_annotation_map` dictionary (`{datetime: DateTime(timezone=True)}`): Python type name → column type, for the entries read. */
  private typeAnnotationMap(dict: Node | null | undefined): [string, ColumnType][] {
    const entries: [string, ColumnType][] = [];
    for (const pair of dict?.type === 'dictionary' ? codeChildren(dict) : []) {
      const key = dottedName(pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      const type = value && this.readType(value);
      if (key && type) entries.push([key, type]);
    }
    return entries;
  }

  private readClassAssignment(cls: PyClassDecl, assign: Node): void {
    const left = assign.childForFieldName('left');
    // `x: Mapped[T] = (\n mapped_column(...)\n)`, as black and ruff wrap a long right-hand side.
    const right = unwrapParentheses(assign.childForFieldName('right'));
    const annotation = assign.childForFieldName('type');
    if (left?.type !== 'identifier') return;
    const attr = left.text;
    (cls.assignedNames ??= []).push(attr);
    switch (attr) {
      case '__tablename__': {
        const s = stringValue(right);
        if (s) cls.tablename = { value: s.value, location: nodeLocation(this.file, right!) };
        else {
          cls.tablenameDynamic = true;
          const template = right && templateOf(right);
          if (template) cls.tablenameTemplate = { parts: template, location: nodeLocation(this.file, right!) };
          // `"farm_" + snake_case("Land")`: evaluated once the project's name functions are bound.
          const expr = !template && right ? readNameExpression(right) : undefined;
          if (expr) cls.tablenameExpr = expr;
        }
        return;
      }
      case '__mapper_args__':
        // `{"primary_key": [scope, name]}`: the mapper's key, not the table's (a history table without one).
        if (right?.type === 'dictionary' && codeChildren(right).some((p) => p.type === 'pair' && stringValue(p.childForFieldName('key'))?.value === 'primary_key')) cls.mapperPrimaryKey = true;
        return;
      case '__abstract__':
        cls.abstract = boolValue(right) === true;
        return;
      case 'type_annotation_map': {
        // `{datetime: DateTime(timezone=True), str: String(200)}`: the types annotations map to.
        const entries = this.typeAnnotationMap(right);
        if (entries.length) cls.typeAnnotationMap = entries;
        return;
      }
      case 'impl': {
        // A TypeDecorator stores its `impl` type (`impl = DateTime`, `impl = sa.String(36)`).
        const impl = right && this.readType(right);
        if (impl) cls.typeImpl = impl;
        return;
      }
      case '__table_args__':
        if (right?.type === 'dictionary') this.tableArgsDicts.set(cls.name, right);
        this.readTableArgs(cls, right);
        return;
      case '__table__': {
        // The class maps a Core table declared in its body: it is that table.
        const call = callInfo(right);
        const name = call?.name === 'Table' ? stringValue(call.positional[0])?.value : undefined;
        if (call && name) {
          this.readCoreTable(call, undefined);
          cls.coreTable = name;
        } else cls.tablenameDynamic = true;
        return;
      }
      case 'metadata': {
        const call = callInfo(right);
        const viaRegistry = right?.type === 'attribute' && /^(\w+)\.metadata$/.exec(right.text.replace(/\s+/g, ''))?.[1];
        if (call?.name === 'MetaData') cls.metadataSchema = stringValue(call.keywords.get('schema')?.value)?.value;
        else if (right?.type === 'identifier') cls.metadataVariable = right.text;
        // `metadata = mapper_registry.metadata`: the MetaData the registry was made with.
        else if (viaRegistry && this.registryMetadata.has(viaRegistry)) cls.metadataVariable = this.registryMetadata.get(viaRegistry);
        return;
      }
      case 'registry': {
        // `registry = mapper_registry` in a DeclarativeBase: its MetaData is the base's. (Any other
        // `registry = …` is an attribute like the rest: a column named "registry".)
        if (right?.type === 'identifier' && this.registryMetadata.has(right.text)) {
          cls.metadataVariable ??= this.registryMetadata.get(right.text);
          return;
        }
        if (right?.type === 'identifier' && this.registryTypeMaps.has(right.text)) {
          cls.typeAnnotationMap ??= this.registryTypeMaps.get(right.text);
          return;
        }
        // `registry = registry(metadata=MetaData(…), type_annotation_map={…})` in a DeclarativeBase
        // (SQLAlchemy's documented form): the base's MetaData and annotation types are the registry's.
        const made = callInfo(right);
        if (made?.name === 'registry') {
          const md = made.keywords.get('metadata')?.value;
          const mdCall = callInfo(md);
          if (mdCall?.name === 'MetaData') cls.metadataSchema = stringValue(mdCall.keywords.get('schema')?.value)?.value;
          else if (md?.type === 'identifier') cls.metadataVariable ??= md.text;
          const entries = this.typeAnnotationMap(made.keywords.get('type_annotation_map')?.value);
          if (entries.length) cls.typeAnnotationMap ??= entries;
          return;
        }
        break;
      }
      default:
    }
    if (attr.startsWith('__')) return;
    // `_table_args = (PrimaryKeyConstraint("id"), Index(…))`: table arguments a base's
    // `__table_args__` may take from the class (see tableArgsFrom).
    if (right && isTableArgsTuple(right)) {
      const held: PyClassDecl = { ...cls, items: [], checks: undefined, tableArgsDynamic: false };
      this.readTableArgs(held, right);
      (cls.tupleAttributes ??= {})[attr] = { items: held.items, ...(held.checks ? { checks: held.checks } : {}), dynamic: held.tableArgsDynamic };
      return;
    }
    if (right?.type === 'none' && !annotation) {
      // `id = None`: the class does not map the column a base declares under that name.
      (cls.removedAttributes ??= []).push(attr);
      return;
    }
    let call = callInfo(right);
    // `item: Mapped["Item"] = cast(Mapped["Item"], relationship(...))`: `typing.cast` returns its value.
    if (call && this.isTypingCast(call)) call = callInfo(call.positional[1]);
    if (call?.name === 'Table' && call.positional.length >= 2) {
      // `builds = sa.Table("builds", metadata, …)` in a class body (a namespace of tables): creating
      // it registers the table in its MetaData, as it would at module level; the body refers to it
      // by its plain name (`builds.c.number`).
      this.readCoreTable(call, attr);
      return;
    }
    if (call?.name && WRAPPER_CALLS.has(call.name) && call.positional[0]) {
      const inner = callInfo(call.positional[0]);
      if (inner?.name && COLUMN_CALLS.has(inner.name)) call = inner;
    }
    const annotationText = annotation ? mappedInner(annotation.text) : undefined;
    if (call?.name && COLUMN_CALLS.has(call.name)) {
      const col = this.readColumnCall(call, attr, annotationText);
      if (col) cls.columns.push(col);
      // `ForeignKey(target_of(x))`: the column is read, the key it references is not.
      if (col?.foreignKeyUnread) cls.dynamicParts.push(`foreign key of ${attr}`);
    } else if (call?.name === 'composite') {
      // `composite(mapped_column("lat"), mapped_column("lng"))`: the columns written inside are the
      // table's (their types come from the composite class when not written: Unknown here).
      for (const arg of call.positional) {
        const inner = callInfo(arg);
        if (!inner?.name || !COLUMN_CALLS.has(inner.name)) continue;
        const col = this.readColumnCall(inner, undefined, undefined);
        if (!col?.name) continue;
        if (!col.type && !col.typeUnknown) col.typeUnknown = `type given by the composite class of ${attr}`;
        cls.columns.push(col);
      }
    } else if (call?.name === 'relationship') {
      this.readRelationship(cls, attr, call, annotation ? relationshipInner(annotation.text) : undefined);
    } else if (call?.callee && /^[a-z_]\w*(\.[a-z_]\w*)*$/i.test(call.callee) && /(^|\.)[a-z_]\w*$/.test(call.callee) && !ORM_ATTRIBUTE_CALLS.has(lastSegment(call.callee))) {
      // `id = primary_key("Organization")`, or through its module (`id = mb.id_column()`): a project
      // function; the builder follows it if it returns a column (else the column is Unknown).
      (cls.helperColumns ??= []).push({ attribute: attr, callee: call.callee, location: nodeLocation(this.file, call.node), arguments: literalArguments(call) });
    } else if (call?.callee && /^[A-Z]\w*$/.test(call.callee) && !NOT_COLUMNS.has(call.callee)) {
      // `email = RequiredColumn(String(200))`: a column alias (`functools.partial(Column, …)`) if the
      // builder finds one; `uuid = IDColumn("uuid")`: a helper function, as above.
      const column = this.readColumnCall(call, attr, annotationText);
      (cls.helperColumns ??= []).push({
        attribute: attr, callee: call.callee, location: nodeLocation(this.file, call.node), arguments: literalArguments(call),
        ...(column ? { column: { ...column, style: 'Column' as const } } : {}),
      });
    } else if (!right && annotationText !== undefined) {
      // `name: Mapped[int]` with no value is a column in SQLAlchemy 2.0.
      const { inner, optional } = unwrapOptional(annotationText);
      const annType = typeFromPythonAnnotation(inner);
      if (annType || /^[A-Za-z_][\w.]*$/.test(inner)) {
        // A name (an `Annotated` alias, an enum, a type-map key) is resolved by the resolution layer.
        cls.columns.push({
          attribute: attr, style: 'annotation', annotationType: annType, annotationOptional: optional,
          ...(/^[A-Za-z_][\w.]*$/.test(inner) ? { annotationName: inner } : {}),
          primaryKey: false, unique: false, index: false, foreignKeys: [],
          location: nodeLocation(this.file, left),
        });
      } else if (!/^(List|list|Set|set|ClassVar|Dict|dict|WriteOnlyMapped|DynamicMapped)\b/.test(inner)) {
        cls.dynamicParts.push(attr);
      }
    } else if (annotation && annotationText === undefined && (!right || call?.name === 'Field' || isLiteral(right) || right.type === 'attribute' || right.type === 'identifier')) {
      // (A default given by a name, `resolve_on: str = ResolveOn.NEVER.value`, is a field's default like a literal.)
      this.readField(cls, attr, annotation, call?.name === 'Field' ? call : undefined, right);
    }
  }

  /** A SQLModel field (`name: str = Field(index=True)`); only SQLModel tables make it a column. */
  private readField(cls: PyClassDecl, attribute: string, annotation: Node, field: CallInfo | undefined, value: Node | null): void {
    if (/^(?:[A-Za-z_]\w*\.)?ClassVar\b/.test(annotation.text)) return;
    const { inner, optional } = unwrapOptional(annotation.text);
    const kw = field?.keywords;
    const flag = (name: string) => boolValue(kw?.get(name)?.value) === true;
    const decl: NonNullable<PyClassDecl['fields']>[number] = {
      attribute, annotation: inner, optional,
      primaryKey: flag('primary_key'), index: flag('index'), unique: flag('unique'),
      location: nodeLocation(this.file, annotation.parent?.childForFieldName('left') ?? annotation),
    };
    const nullable = kw?.get('nullable');
    if (nullable) {
      const v = boolValue(nullable.value);
      if (v === undefined) decl.nullableUnknown = true;
      else decl.nullable = v;
    }
    const index = kw?.get('index');
    if (index && decl.index) decl.indexLocation = nodeLocation(this.file, index.node);
    const fk = kw?.get('foreign_key')?.value;
    const target = fk && stringValue(fk);
    if (target) decl.foreignKey = { text: target.value, kind: 'string', parts: target.value.split('.'), location: nodeLocation(this.file, fk), textLocation: locationOf(this.file, target.contentRange) };
    else if (fk) cls.dynamicParts.push(`foreign key of ${attribute}`);
    const maxLength = intValue(kw?.get('max_length')?.value);
    if (maxLength !== undefined) decl.maxLength = maxLength;
    const maxDigits = intValue(kw?.get('max_digits')?.value);
    if (maxDigits !== undefined) decl.maxDigits = maxDigits;
    const places = intValue(kw?.get('decimal_places')?.value);
    if (places !== undefined) decl.decimalPlaces = places;
    const saType = kw?.get('sa_type')?.value;
    if (saType) {
      const type = this.readType(saType);
      if (type) decl.saType = type;
    }
    const saColumn = callInfo(kw?.get('sa_column')?.value);
    if (saColumn?.name && COLUMN_CALLS.has(saColumn.name)) {
      const col = this.readColumnCall(saColumn, attribute, undefined);
      if (col) decl.saColumn = col;
    }
    // `x: str = None`, `x: str = Field(default=None)`: a None default on a type that is not Optional.
    // SQLModel asks pydantic whether the field allows None: pydantic 1 says yes (a None default
    // allows it), pydantic 2 no (only the annotation does) — NULL or NOT NULL by the release.
    const defaultValue = field ? (field.keywords.get('default')?.value ?? field.positional[0]) : value;
    if (defaultValue?.type === 'none' && !optional && !nullable && !decl.primaryKey) {
      decl.nullableUnknown = true;
      decl.nullableUnknownReason = `a None default on ${inner}: nullable under pydantic 1, NOT NULL under pydantic 2`;
      decl.noneDefault = true;
    }
    (cls.fields ??= []).push(decl);
  }

  private readRelationship(cls: PyClassDecl, attr: string, call: CallInfo, annotationText?: string): void {
    let target = stringValue(call.positional[0])?.value ?? dottedName(call.positional[0]);
    if (!target && annotationText) {
      target = unwrapOptional(annotationText).inner.replace(/^(?:List|list|Set|set)\[(.*)\]$/s, '$1').replace(/["']/g, '').trim();
    }
    if (!target) return;
    const rel: Relationship = {
      attribute: attr,
      targetClass: lastSegment(target),
      location: nodeLocation(this.file, call.node),
      optionAnchor: this.anchorOf(call),
    };
    // `relationship(X, **common_args)`: the options of a dict literal of the class or module, or Unknown.
    const keywords = new Map<string, Node>([...call.keywords].map(([k, v]) => [k, v.value]));
    if (call.hasSplat) {
      const spread = splatDictionaries(call);
      if (!spread) rel.optionsUnknown = true;
      else for (const [k, v] of spread) if (!keywords.has(k)) keywords.set(k, v);
    }
    const bpNode = keywords.get('back_populates');
    const bp = stringValue(bpNode)?.value;
    if (bp) rel.backPopulates = bp;
    const backref = keywords.get('backref');
    const backrefName = stringValue(backref)?.value ?? stringValue(callInfo(backref)?.positional[0])?.value;
    if (backrefName) rel.backref = backrefName;
    // `back_populates=cls.__tablename__`: the other side is named by code, Unknown.
    if ((bpNode && bp === undefined && bpNode.type !== 'none') || (backref && backrefName === undefined && backref.type !== 'none')) rel.optionsUnknown = true;
    const secondary = keywords.get('secondary');
    if (secondary) {
      rel.secondary = true;
      const through = secondaryName(secondary);
      if (through) rel.through = through;
    }
    if (boolValue(keywords.get('viewonly')) === true) rel.viewonly = true;
    const overlaps = keywords.get('overlaps');
    if (overlaps && overlaps.type !== 'none') {
      const names = stringValue(overlaps)?.value;
      rel.overlaps = names === undefined ? ['*'] : names.split(',').map((n) => n.trim()).filter(Boolean);
    }
    if (keywords.has('foreign_keys') || keywords.has('primaryjoin')) {
      rel.joinGiven = true;
      const columns = foreignKeyColumns(keywords.get('foreign_keys'));
      if (columns) rel.foreignKeyColumns = columns;
    }
    cls.relationships.push(rel);
  }

  private readTableArgs(cls: PyClassDecl, value: Node | null): void {
    if (!value) return;
    if (value.type === 'dictionary') {
      this.readTableArgsDict(cls, value);
    } else if (value.type === 'tuple' || value.type === 'parenthesized_expression' || value.type === 'list') {
      const elements = value.type === 'parenthesized_expression' ? codeChildren(value) : codeChildren(value);
      for (const el of elements) {
        if (el.type === 'dictionary') this.readTableArgsDict(cls, el);
        else if (el.type === 'attribute' && /^[A-Za-z_]\w*\.__table_args__$/.test(dottedName(el) ?? '')) {
          // `(Index(…), CinderBase.__table_args__)`: the options dict a class of this module declares.
          const dict = this.tableArgsDicts.get(dottedName(el)!.split('.')[0]);
          if (dict) this.readTableArgsDict(cls, dict);
          else cls.tableArgsDynamic = true;
        } else {
          const call = callInfo(el);
          if (call?.name === 'CheckConstraint') {
            (cls.checks ??= []).push(checkText(call));
            continue;
          }
          const item = call ? this.readTableItem(call, true) : undefined;
          if (item) cls.items.push(item);
          else if (!call) cls.tableArgsDynamic = true;
        }
      }
    } else {
      cls.tableArgsDynamic = true;
    }
  }

  private readTableArgsDict(cls: PyClassDecl, dict: Node): void {
    for (const pair of codeChildren(dict)) {
      if (pair.type !== 'pair') {
        cls.tableArgsDynamic = true;
        continue;
      }
      const key = stringValue(pair.childForFieldName('key'))?.value;
      const val = pair.childForFieldName('value');
      if (key === 'schema' && val) {
        const s = stringValue(val);
        const template = s ? undefined : templateOf(val);
        if (s) cls.schema = { name: s.value, location: nodeLocation(this.file, val) };
        else if (template) cls.schemaTemplate = { parts: template, location: nodeLocation(this.file, val) };
        else if (val.type !== 'none') cls.tableArgsDynamic = true;
      }
    }
  }

  readColumnRef(node: Node): PyColumnRef {
    const s = stringValue(node);
    if (s) return { kind: 'name', name: s.value };
    if (node.type === 'identifier') return { kind: 'attribute', attribute: node.text };
    // An ordered key (`cls.timestamp.desc()`, `sa.desc(cls.timestamp)`) is its column.
    const call = callInfo(node);
    // (`sa.text("id DESC")`: SQL that only orders a column is that column too.)
    const orderedText = orderedColumn(node);
    if (orderedText) return { kind: 'name', name: orderedText, sql: true };
    if (call?.callee && !call.keywords.size) {
      const ordered = /^([\w.]+)\.(?:desc|asc)$/.exec(call.callee);
      if (ordered && !/^(?:sa|sqlalchemy)$/.test(ordered[1]) && !call.positional.length) return this.dottedColumnRef(ordered[1], node);
      if (/^(?:(?:sa|sqlalchemy)\.)?(?:desc|asc)$/.test(call.callee) && call.positional.length === 1) return this.readColumnRef(call.positional[0]);
    }
    const dotted = dottedName(node);
    return dotted ? this.dottedColumnRef(dotted, node) : { kind: 'expression', text: node.text };
  }

  /** `users.c.id`, `User.id`, `cls.id` (the class's own attribute, in a `@declared_attr __table_args__`). */
  private dottedColumnRef(dotted: string, node: Node): PyColumnRef {
    const parts = dotted.split('.');
    if (parts.length === 3 && parts[1] === 'c') return { kind: 'tableColumn', table: parts[0], column: parts[2] };
    if (parts.length === 2 && parts[0] === 'cls') return { kind: 'attribute', attribute: parts[1] };
    if (parts.length === 2) return { kind: 'classAttribute', className: parts[0], attribute: parts[1] };
    return { kind: 'expression', text: node.text };
  }

  readTableItem(call: CallInfo, removable: boolean): PyTableItem | undefined {
    const location = nodeLocation(this.file, call.node);
    const removal = removable ? locationOf(this.file, removalRange(call.node, this.lines)) : undefined;
    switch (call.name) {
      case 'Index': {
        const first = call.positional[0];
        const name = constraintName(first);
        const rest = first && (name !== undefined || first.type === 'none') ? call.positional.slice(1) : call.positional;
        const where = call.keywords.get('postgresql_where') ?? call.keywords.get('sqlite_where');
        const using = stringValue(call.keywords.get('postgresql_using')?.value)?.value;
        // `postgresql_ops={"name": "text_pattern_ops"}`: operator classes make it another index.
        const ops = call.keywords.get('postgresql_ops')?.value;
        const lengths = call.keywords.get('mysql_length') ?? call.keywords.get('mariadb_length');
        const opclasses = ops?.type === 'dictionary'
          ? Object.fromEntries(codeChildren(ops).map((p) => [stringValue(p.childForFieldName('key'))?.value ?? '?', stringValue(p.childForFieldName('value'))?.value ?? p.childForFieldName('value')?.text ?? '?']))
          : ops ? { '*': ops.text } : undefined;
        return {
          kind: 'index', name, columns: rest.map((n) => this.readColumnRef(n)),
          unique: boolValue(call.keywords.get('unique')?.value) === true,
          where: where?.value.text, method: using && using.toLowerCase() !== 'btree' ? using : undefined,
          ...(opclasses ? { opclasses } : {}),
          ...(lengths ? { prefixLengths: lengths.value.text } : {}),
          location, removal,
        };
      }
      case 'UniqueConstraint':
        return {
          kind: 'unique', name: constraintName(call.keywords.get('name')?.value),
          columns: call.positional.map((n) => this.readColumnRef(n)), location, removal,
        };
      case 'PrimaryKeyConstraint':
        return { kind: 'primaryKey', columns: call.positional.map((n) => this.readColumnRef(n)), location };
      case 'ForeignKeyConstraint': {
        const [cols, refs] = call.positional;
        const columns = listElements(cols).map((n) => this.readColumnRef(n));
        const targets = listElements(refs).map((n) => this.readForeignKeyTarget(n, location)).filter((r): r is PyForeignKeyRef => !!r);
        if (boolValue(call.keywords.get('use_alter')?.value) === true) for (const t of targets) t.useAlter = true;
        if (!columns.length || targets.length !== columns.length) return undefined;
        return { kind: 'foreignKey', columns, refs: targets, location };
      }
      default:
        return undefined;
    }
  }

  private readForeignKeyTarget(node: Node, location: PyForeignKeyRef['location']): PyForeignKeyRef | undefined {
    const s = stringValue(node);
    if (s) {
      return {
        text: s.value, kind: 'string', parts: s.value.split('.'), location,
        textLocation: locationOf(this.file, s.contentRange),
      };
    }
    // `specs_id = Column(String(36), ForeignKey(id))`: the column `id` declared above in the same class.
    const own = node.type === 'identifier' ? this.classBeingRead?.columns.find((c) => c.attribute === node.text) : undefined;
    if (own && this.classBeingRead) return { text: `${this.classBeingRead.name}.${node.text}`, kind: 'class', parts: [this.classBeingRead.name, node.text], location };
    // A string the caller can evaluate (a migration's loop variable, `column.replace("_", ".")`).
    const value = node.type !== 'attribute' ? this.evaluate?.(node) : undefined;
    if (value) return { text: value, kind: 'string', parts: value.split('.'), location };
    // A reference built from constants (`f"{SCHEMA}.users.id"`, `USERS_ID`): the resolution layer evaluates it.
    const template = !this.evaluate && node.type !== 'attribute' ? templateOf(node) : undefined;
    if (template) return { text: node.text, kind: 'string', parts: [], location, template };
    const expr = !this.evaluate && (node.type === 'binary_operator' || node.type === 'call') ? readNameExpression(node) : undefined;
    if (expr) return { text: node.text, kind: 'string', parts: [], location, expr };
    const dotted = dottedName(node);
    if (!dotted) return undefined;
    const parts = dotted.split('.');
    // users.c.id / Model.__table__.c.id
    const c = parts.lastIndexOf('c');
    if (c > 0 && c === parts.length - 2) {
      const owner = parts[0];
      return { text: dotted, kind: parts[1] === '__table__' ? 'class' : 'table', parts: [owner, parts[parts.length - 1]], location };
    }
    if (parts.length === 2) return { text: dotted, kind: 'class', parts, location };
    return undefined;
  }

  private anchorOf(call: CallInfo): OptionAnchor {
    const args = codeChildren(call.argumentList);
    const last = args[args.length - 1];
    const closing = call.argumentList.lastChild;
    const position = last ? nodeRange(last).end : nodeRange(closing ?? call.argumentList).start;
    return { position, hasArguments: !!last, syntax: 'python' };
  }

  readColumnCall(call: CallInfo, attribute: string | undefined, annotationText: string | undefined): PyColumnDecl | undefined {
    const col: PyColumnDecl = {
      attribute, style: call.name === 'mapped_column' ? 'mapped_column' : 'Column',
      primaryKey: false, unique: false, index: false, foreignKeys: [],
      location: nodeLocation(this.file, call.node), anchor: this.anchorOf(call),
    };
    let positional = call.positional;
    const explicitName = stringValue(positional[0]);
    if (explicitName) {
      col.name = explicitName.value;
      positional = positional.slice(1);
    }
    for (const arg of positional) {
      const inner = callInfo(arg);
      if (inner?.name === 'ForeignKey') {
        // `ForeignKey("resource.id")`, `ForeignKey(column="resource.id")`.
        const referenced = inner.positional[0] ?? inner.keywords.get('column')?.value;
        const target = referenced && this.readForeignKeyTarget(referenced, nodeLocation(this.file, inner.node));
        if (target && boolValue(inner.keywords.get('use_alter')?.value) === true) target.useAlter = true;
        if (target) col.foreignKeys.push(target);
        else col.foreignKeyUnread = true;
      } else if (inner?.name && ['Sequence', 'Identity', 'Computed', 'CheckConstraint'].includes(inner.name)) {
        if (inner.name === 'CheckConstraint') col.checked = true;
        continue;
      } else if (!col.type && !col.typeUnknown) {
        col.type = this.readType(arg);
        if (!col.type && isComputedType(arg)) col.typeUnknown = `type computed by ${arg.text.length > 40 ? 'code' : arg.text}`;
        const enumOf = col.type ? undefined : nonNativeEnumClass(arg);
        if (enumOf) col.nonNativeEnumOf = enumOf;
        const sizes = col.type ? undefined : sizesByName(arg);
        // `Unicode(MAX_EMAIL_LENGTH)` with `MAX_EMAIL_LENGTH = 255` earlier in the class body: Python
        // looks the name up in the class body first, and so does the reader.
        const own = this.classBeingRead?.name ? this.classNumbers.get(this.classBeingRead.name) : undefined;
        if (sizes) col.typeSizes = own ? { ...sizes, args: sizes.args.map((a) => (typeof a === 'string' ? own.get(a) ?? a : a)) } : sizes;
      }
    }
    const kw = call.keywords;
    const name = stringValue(kw.get('name')?.value);
    if (name) col.name = name.value;
    // `key=`: what the table's indexes and constraints name the column by (`table.c[key]`).
    const key = kw.get('key');
    if (key && key.value.type !== 'none') col.key = stringValue(key.value)?.value ?? null;
    const typeKw = kw.get('type_');
    if (typeKw) col.type = this.readType(typeKw.value);
    col.primaryKey = boolValue(kw.get('primary_key')?.value) === true;
    col.unique = boolValue(kw.get('unique')?.value) === true;
    const index = kw.get('index');
    // `index=constants.INDEXED` (or unique=): a flag computed by code, so the index is Unknown.
    const computedFlag = (k: { value: Node } | undefined) => !!k && boolValue(k.value) === undefined && k.value.type !== 'none';
    if (computedFlag(index) || computedFlag(kw.get('unique'))) col.indexUnknown = true;
    if (index && boolValue(index.value) === true) {
      col.index = true;
      col.indexLocation = nodeLocation(this.file, index.node);
      col.indexRemoval = locationOf(this.file, removalRange(index.node, this.lines));
    }
    const nullable = boolValue(kw.get('nullable')?.value);
    if (nullable !== undefined) col.nullable = nullable;
    else if (kw.get('nullable')) col.nullableUnknown = true;
    const serverDefault = kw.get('server_default')?.value;
    const defaultValue = serverDefault && serverDefaultOf(serverDefault);
    if (defaultValue === 'unknown') {
      col.serverDefaultUnknown = true;
      // A name (a constant here or in another module): the resolution layer may evaluate it.
      const name = serverDefault && (serverDefault.type === 'identifier' || serverDefault.type === 'attribute') ? dottedName(serverDefault) : undefined;
      if (name) col.serverDefaultRef = name;
    }
    else if (defaultValue !== undefined) col.serverDefault = defaultValue;
    if (annotationText !== undefined) {
      const { inner, optional } = unwrapOptional(annotationText);
      col.annotationOptional = optional;
      col.annotationType = typeFromPythonAnnotation(inner);
      if (/^[A-Za-z_][\w.]*$/.test(inner)) col.annotationName = inner;
    }
    return col;
  }

  /** Functions of the module without parameters that only return an expression, by name (see read). */
  private readonly typeHelpers = new Map<string, Node>();
  /** Names the module binds once, at its top level, to a call or attribute (a type, maybe), by name; null: bound more than once. */
  private readonly typeVariables = new Map<string, Node | null>();

  readType(given: Node): ColumnType | undefined {
    const type = this.readTypeAsWritten(given);
    if (type && !type.ormOwn && this.sqlalchemyNames?.size) {
      // `sa.JSON()`, `postgresql.JSONB`, `JSON` imported from sqlalchemy: by the name it is written through.
      const written = /^[\w.]*/.exec(type.written)![0];
      if (this.sqlalchemyNames.has(written.split('.')[0])) type.ormOwn = true;
    }
    return type;
  }

  private readTypeAsWritten(given: Node): ColumnType | undefined {
    let node = this.expand ? this.expand(given) : given;
    const bound = node.type === 'identifier' ? this.typeVariables.get(node.text) : undefined;
    if (bound && bound !== node) return this.readType(bound);
    const helper = callInfo(node);
    if (helper?.name && helper.callee === helper.name && !helper.positional.length && !helper.keywords.size && this.typeHelpers.has(helper.name)
      // (one that returns itself wrapped is not followed)
      && !this.typeHelpers.get(helper.name)!.text.startsWith(`${helper.name}(`)) node = this.typeHelpers.get(helper.name)!;
    const written = node.text;
    const simple = dottedName(node);
    if (simple) {
      const name = this.sqlalchemyName(simple);
      const library = libraryType(name, new Map());
      if (library) return normaliseType(library.name, written, { args: library.args });
      if (library === null) return undefined;
      return isTypeName(name) ? normaliseType(name, written) : undefined;
    }
    const read = callInfo(node);
    // `from sqlalchemy.dialects.postgresql import UUID as pgUUID`: `pgUUID()` is SQLAlchemy's UUID.
    const call = read?.name && read.callee ? { ...read, name: this.sqlalchemyName(read.callee) } : read;
    // `MutableDict.as_mutable(JSONB)`: sqlalchemy.ext.mutable tracks changes in Python; the column's type is the one it wraps.
    if (call?.name === 'as_mutable' && /(^|\.)Mutable(Dict|List|Set)?\.as_mutable$/.test(call.callee ?? '') && call.positional[0]) {
      return this.readType(call.positional[0]);
    }
    // `BigInteger().with_variant(Integer, "sqlite")`: the type on every dialect the variants do not
    // name — PostgreSQL's unless a variant names it (`JSON().with_variant(JSONB(), "postgresql")`).
    const method = call && !call.name ? node.childForFieldName('function')?.childForFieldName('attribute')?.text : undefined;
    if ((call?.name === 'with_variant' || method === 'with_variant') && call && call.positional.length >= 2) {
      const dialects = call.positional[1].type === 'list' || call.positional[1].type === 'tuple' ? codeChildren(call.positional[1]) : [call.positional[1]];
      const names = dialects.map((d) => stringValue(d)?.value);
      if (names.some((n) => n === undefined)) return undefined;
      if (names.some((n) => n === 'postgresql' || n === 'postgres')) return this.readType(call.positional[0]);
      const receiver = node.childForFieldName('function')?.childForFieldName('object');
      return receiver ? this.readType(receiver) : undefined;
    }
    if (!call?.name || !isTypeName(call.name)) return undefined;
    const kw = call.keywords;
    // `String(NAME_MAX)`, `Numeric(precision=p)`: a size the reader cannot evaluate makes the type
    // Unknown — never the unsized type.
    if (SIZED_TYPES.test(call.name)) {
      const computed = (n: Node | undefined) => !!n && intValue(n) === undefined && boolValue(n) === undefined && n.type !== 'none' && !stringValue(n);
      if (call.positional.some(computed) || ['length', 'precision', 'scale'].some((k) => computed(kw.get(k)?.value))) return undefined;
    }
    const args = call.positional.map((n) => intValue(n)).filter((n): n is number => n !== undefined);
    const flags: Parameters<typeof normaliseType>[2] = { args };
    // `DateTime(True)`: the first positional argument of the date-time types is `timezone`.
    const tz = boolValue(kw.get('timezone')?.value) ?? (/^(DateTime|TIMESTAMP|Time|TIME)$/.test(call.name) ? boolValue(call.positional[0]) : undefined);
    if (tz !== undefined) flags.timezone = tz;
    const asUuid = boolValue(kw.get('as_uuid')?.value);
    if (asUuid !== undefined) flags.asUuid = asUuid;
    const length = intValue(kw.get('length')?.value);
    if (length !== undefined) flags.args = [length];
    // `Numeric(precision=36, scale=18)`, `Numeric(10, scale=2)`: the sizes given by name. A scale
    // without a precision is not rendered (`NUMERIC`), as SQLAlchemy compiles it.
    const precision = intValue(kw.get('precision')?.value) ?? args[0];
    const scale = intValue(kw.get('scale')?.value);
    if (precision !== undefined && length === undefined) flags.args = scale !== undefined ? [precision, scale] : [precision, ...args.slice(1)];
    // sqlalchemy-utils' `ChoiceType(choices, impl=sa.Integer())`: stored as its `impl`.
    const impl = call.name === 'ChoiceType' ? kw.get('impl')?.value : undefined;
    if (impl) return this.readType(impl);
    const library = libraryType(call.name, kw);
    if (library) return normaliseType(library.name, written, { ...flags, args: library.args ?? flags.args });
    if (library === null) return undefined;
    if (call.name === 'Enum' && boolValue(kw.get('native_enum')?.value) === false) return this.nonNativeEnum(call, written, length);
    if (call.name === 'Enum' || call.name === 'ENUM') {
      const first = call.positional[0];
      flags.enumName = first && !stringValue(first) ? lastSegment(dottedName(first) ?? first.text) : stringValue(kw.get('name')?.value)?.value;
      flags.args = [];
    }
    if (call.name === 'ARRAY' && call.positional[0]) {
      const element = this.readType(call.positional[0]);
      if (element) flags.elementType = element;
      flags.args = [];
    }
    return normaliseType(call.name, written, flags);
  }

  /**
   * `Enum(…, native_enum=False)`: a VARCHAR as long as `length`, else as the longest value — the
   * strings given, or the member names of an enum class of this module read before (what SQLAlchemy
   * stores). Undefined (Unknown) for a class of another module or `values_callable`.
   */
  private nonNativeEnum(call: CallInfo, written: string, length: number | undefined): ColumnType | undefined {
    // The enum it checks in Python is kept (enum-unused counts the class as used).
    const first = call.positional[0];
    const enumName = (first && !stringValue(first) ? lastSegment(dottedName(first) ?? first.text) : stringValue(call.keywords.get('name')?.value)?.value) ?? 'enum';
    if (length !== undefined) return normaliseType('varchar', written, { args: [length], enumName });
    if (call.keywords.has('values_callable') || call.hasSplat || !call.positional.length) return undefined;
    const strings = call.positional.map((p) => stringValue(p)?.value);
    let values: string[] | undefined = strings.every((v): v is string => v !== undefined) ? strings : undefined;
    if (!values && call.positional.length === 1) {
      const name = lastSegment(dottedName(call.positional[0]) ?? '');
      values = this.facts.classes.find((c) => c.name === name && c.enumNames)?.enumNames;
    }
    return values?.length ? normaliseType('varchar', written, { args: [Math.max(...values.map((v) => v.length))], enumName }) : undefined;
  }

  /**
   * The SQLAlchemy name a (possibly dotted) name stands for: its last segment, or the name it was
   * imported under another name from SQLAlchemy (`UUID as pgUUID`).
   */
  private sqlalchemyName(name: string): string {
    if (name.includes('.')) return lastSegment(name);
    const imported = this.facts.imports?.find((i) => i.local === name && i.name !== name && /^sqlalchemy(\.|$)/.test(i.module));
    return imported ? lastSegment(imported.name) : name;
  }

  /** SQLAlchemy-Continuum's `make_versioned(…)` (see PyModuleFacts.versioning). */
  private findVersioning(root: Node): void {
    const stack: Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'call' && callInfo(node)?.name === 'make_versioned') {
        this.facts.versioning = { location: nodeLocation(this.file, node) };
        return;
      }
      for (const c of node.namedChildren) if (c) stack.push(c);
    }
  }

  /**
   * Tables the code makes at run time (see PyModuleFacts.tablesBuiltByCode): mapped classes from a
   * class namespace with a `__tablename__` (`type(name, (Base,), {"__tablename__": tablename, …})`),
   * anywhere; `Table(cls.table_name, metadata, …)` inside a function (one at module level is read as a
   * Core table of Unknown name). What tables they are is Unknown; where, is recorded.
   */
  private findTablesBuiltByCode(root: Node): void {
    const stack: { node: Node; inFunction: boolean }[] = [{ node: root, inFunction: false }];
    while (stack.length) {
      const { node, inFunction } = stack.pop()!;
      const namesTable = node.type === 'dictionary'
        ? codeChildren(node).some((p) => p.type === 'pair' && stringValue(p.childForFieldName('key'))?.value === '__tablename__')
        : node.type === 'call' && callInfo(node)?.callee === 'dict' && !!callInfo(node)?.keywords.has('__tablename__');
      if (namesTable) {
        (this.facts.tablesBuiltByCode ??= []).push({ location: nodeLocation(this.file, node), what: 'class' });
        continue;
      }
      if (inFunction && node.type === 'call') {
        const call = callInfo(node);
        const name = call?.name === 'Table' ? call.positional[0] : undefined;
        // Named by the class it is made for (`cls.table_name`): a model layer's table. A name held in
        // a variable is most often an existing table's, reflected or copied by a utility (`Table(name,
        // meta, autoload_with=conn)`) — no table of the application's.
        if (name && CLASS_ATTRIBUTE.test(name.text) && call!.positional.length >= 2 && !call!.keywords.has('autoload_with') && !call!.keywords.has('autoload')) {
          (this.facts.tablesBuiltByCode ??= []).push({ location: nodeLocation(this.file, node), what: 'table' });
          continue;
        }
        // `self.table = Table("rules", metadata, Column(…), …)` in a method: a table of the
        // application that its code builds when it runs (the reader does not run it).
        if (name && call!.positional.some((a) => callInfo(a)?.name === 'Column') && TABLE_DEFINED_IN_CODE.test(node.text)) {
          const literal = stringValue(name)?.value;
          // `"{}_history".format(base)`, `f"{base}_history"`: the text before the first field.
          const prefix = literal === undefined ? /^f?["']([^"'{]*)/.exec(name.text)?.[1] : undefined;
          const columns = call!.positional.flatMap((a) => {
            const c = callInfo(a);
            const n = c?.name === 'Column' ? stringValue(c.positional[0])?.value : undefined;
            return n ? [n] : [];
          });
          (this.facts.tablesBuiltByCode ??= []).push({
            location: nodeLocation(this.file, node), what: 'function', columns,
            ...(literal !== undefined ? { name: literal } : prefix ? { namePrefix: prefix } : {}),
          });
          continue;
        }
      }
      const entering = inFunction || node.type === 'function_definition';
      for (const c of node.namedChildren) if (c) stack.push({ node: c, inFunction: entering });
    }
  }

  /**
   * `connection.execute(text("SET search_path TO app, public"))`: the search path this module sets
   * (in env.py, the session the migrations run in). One written by code (an f-string) may be any.
   */
  private findSearchPath(root: Node): void {
    const stack: Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'string') {
        if (!SEARCH_PATH_SQL.test(node.text)) continue;
        const s = stringValue(node);
        const m = s && /\bsearch_path\s*(?:TO|=)\s*([^;]+)/i.exec(s.value);
        const schemas = m?.[1].split(',').map((x) => x.trim().replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1')).filter(Boolean);
        const computed = !schemas?.length || schemas.some((x) => !/^\$?[\w$]+$/.test(x));
        this.facts.searchPath = { schemas: computed ? ['*'] : schemas!.map((x) => (x.startsWith('$') ? x : x.toLowerCase())), location: nodeLocation(this.file, node) };
        continue;
      }
      for (const c of node.namedChildren) if (c) stack.push(c);
    }
  }

  /**
   * `MetaData(naming_convention={"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"})`,
   * given as a dict or a module constant: the names SQLAlchemy (and Alembic, for an environment
   * whose `target_metadata` it is) gives unnamed constraints. One written where the reader does not
   * look (in a function, `metadata.naming_convention = …`) or computed by code is Unknown.
   */
  private findNamingConventions(root: Node): void {
    const found: (NamingConvention | 'unknown')[] = [];
    let read = 0;
    const stack: Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      const given = node.type === 'call' ? callInfo(node)?.keywords.get('naming_convention')?.value : undefined;
      if (given) {
        read++;
        found.push(this.namingConvention(given, root) ?? 'unknown');
      }
      for (const c of node.namedChildren) if (c) stack.push(c);
    }
    const written = (this.text.match(/[(,]\s*naming_convention\s*=(?!=)|\.naming_convention\s*=(?!=)|\.naming_convention\.update\(/g) ?? []).length;
    if (written > read) found.push('unknown');
    if (found.length) this.facts.namingConventions = found;
  }

  /** A convention written as a dict of plain strings, or a module constant bound once to one. */
  private namingConvention(node: Node, root: Node): NamingConvention | undefined {
    if (node.type === 'identifier') {
      const bound = codeChildren(root).flatMap((stmt) => {
        const assignment = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
        return assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === node.text ? [assignment.childForFieldName('right')] : [];
      });
      return bound.length === 1 && bound[0] ? this.namingConvention(bound[0], root) : undefined;
    }
    if (node.type !== 'dictionary') return undefined;
    const convention: Partial<Record<ConventionKind, string>> = {};
    for (const pair of codeChildren(node)) {
      const key = pair.type === 'pair' ? stringValue(pair.childForFieldName('key'))?.value : undefined;
      const value = pair.type === 'pair' ? stringValue(pair.childForFieldName('value'))?.value : undefined;
      // A callable token (`"column_names": fn`), a class as key (`Index: …`): names the reader cannot make.
      if (key === undefined || value === undefined || !CONVENTION_KINDS.has(key)) return undefined;
      convention[key as ConventionKind] = value;
    }
    return convention;
  }

  private findSchemaCreations(root: Node): void {
    const stack: Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'call') {
        const call = callInfo(node);
        if (call?.name === 'CreateSchema') {
          const s = stringValue(call.positional[0]);
          if (s) this.facts.schemasCreated.push({ name: s.value, location: nodeLocation(this.file, node) });
          // `CreateSchema(m.schema)` for each metadata an environment migrates: names made by code.
          else if (call.positional[0]) (this.facts.schemasCreatedByCode ??= []).push(nodeLocation(this.file, node));
        }
      } else if (node.type === 'string') {
        const s = stringValue(node);
        const m = s && /CREATE\s+SCHEMA\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z_][\w$]*)"?/i.exec(s.value);
        if (m) this.facts.schemasCreated.push({ name: m[1], location: nodeLocation(this.file, node) });
        continue;
      }
      for (const c of node.namedChildren) if (c) stack.push(c);
    }
  }
}

/**
 * Types of common libraries (sqlalchemy-utils), as they store their values on PostgreSQL:
 * `UUIDType()` is PostgreSQL's uuid (its `load_dialect_impl`), unless `native=False` (then
 * `BINARY(16)`, bytea, or `CHAR(32)` with `binary=False`); `ChoiceType(choices)` its
 * `Unicode(255)` unless given an `impl` (Unknown here); `ArrowType` a timestamp, `EmailType` a
 * `VARCHAR(255)`; SQLModel's `AutoString` a `VARCHAR`. Undefined for other names.
 */
function libraryType(name: string, kw: CallInfo['keywords']): { name: string; args?: number[] } | null | undefined {
  switch (name) {
    case 'UUIDType': {
      const native = kw.get('native')?.value;
      // (`native=` computed by code: which type it is, is Unknown.)
      if (native && boolValue(native) === undefined) return null;
      if (boolValue(native) !== false) return { name: 'uuid', args: [] };
      return boolValue(kw.get('binary')?.value) === false ? { name: 'char', args: [32] } : { name: 'bytea', args: [] };
    }
    // (With `impl=`, the type it is given: see readType.)
    case 'ChoiceType': return { name: 'varchar', args: [255] };
    case 'ArrowType': return { name: boolValue(kw.get('timezone')?.value) ? 'timestamptz' : 'timestamp', args: [] };
    case 'EmailType': return { name: 'varchar', args: [intValue(kw.get('length')?.value) ?? 255] };
    case 'URLType': return { name: 'text', args: [] };
    case 'JSONType': return { name: 'json', args: [] };
    case 'TSVectorType': return { name: 'tsvector', args: [] };
    case 'PhoneNumberType': return { name: 'varchar', args: [intValue(kw.get('max_length')?.value) ?? 20] };
    case 'CurrencyType': return { name: 'varchar', args: [3] };
    case 'CountryType': return { name: 'varchar', args: [2] };
    // SQLModel's `AutoString(length=255)` (what its autogenerated migrations write for a `str`
    // field): a `String` on PostgreSQL, `VARCHAR` with the length given, if any.
    case 'AutoString': return { name: 'varchar' };
    default: return undefined;
  }
}

/**
 * Type classes are CamelCase (`String`, `DateTime`) or upper case (`VARCHAR`); a lower-case name is a
 * function or a variable of the project (`column_type("id")`, `json_type`), whose value is Unknown.
 */
function isTypeName(name: string): boolean {
  // (A module's private class too: `_Identifier(TypeDecorator)`.)
  return /^_*[A-Z]/.test(name);
}

/** An argument of Column() that stands where the type goes, but is computed: a call or a name. */
/**
 * `String(NAME_MAX)`, `Numeric(PRECISION, 2)`, `String(length=NAME_MAX)`: a sized type whose sizes
 * are literals or plain names (undefined for anything else), for the resolution layer.
 */
export function sizesByName(node: Node): PyColumnDecl['typeSizes'] {
  const call = callInfo(node);
  if (!call?.name || !SIZED_TYPES.test(call.name) || call.hasSplat) return undefined;
  // A name (`NAME_MAX`) or a name of a module (`model_config.hash_length`), resolved through the imports.
  const size = (n: Node | undefined): number | string | undefined => intValue(n) ?? (n?.type === 'identifier' ? n.text : n?.type === 'attribute' ? dottedName(n) : undefined);
  const given = call.keywords.get('length')?.value ?? call.keywords.get('precision')?.value;
  const nodes = given ? [given, ...(call.keywords.get('scale') ? [call.keywords.get('scale')!.value] : [])] : call.positional;
  if (!nodes.length || [...call.keywords.keys()].some((k) => !['length', 'precision', 'scale', 'collation', 'asdecimal'].includes(k))) return undefined;
  const args = nodes.map(size);
  if (args.some((a) => a === undefined) || !args.some((a) => typeof a === 'string')) return undefined;
  return { typeName: call.name, written: node.text, args: args as (number | string)[] };
}

/** SQLAlchemy types whose arguments are sizes (length, precision, scale). */
const SIZED_TYPES = /^(?:String|AutoString|VARCHAR|CHAR|NCHAR|NVARCHAR|Unicode|UnicodeText|Text|TEXT|Numeric|NUMERIC|DECIMAL|Float|FLOAT|REAL|DOUBLE|DOUBLE_PRECISION|LargeBinary|BINARY|VARBINARY|BIT|CITEXT)$/;

function isComputedType(node: Node): boolean {
  return node.type === 'call' || node.type === 'identifier' || node.type === 'attribute';
}

/** A constraint or index name: a string, or `op.f("…")` / `batch_op.f("…")` as migrations write it. */
function constraintName(node: Node | undefined): string | undefined {
  const s = stringValue(node)?.value;
  if (s !== undefined) return s;
  const call = callInfo(node);
  return call?.name === 'f' ? stringValue(call.positional[0])?.value : undefined;
}

/** `Mapped[X]` → `X`; any other annotation → undefined. */
function mappedInner(annotation: string): string | undefined {
  const m = /^(?:\w+\.)*Mapped\[(.*)\]$/s.exec(annotation.trim());
  return m ? m[1].trim() : undefined;
}

/**
 * What a relationship's annotation holds: `Mapped[X]`, and the collections loaded on demand,
 * `WriteOnlyMapped[X]` and `DynamicMapped[X]` (their target is X as well).
 */
function relationshipInner(annotation: string): string | undefined {
  const m = /^(?:\w+\.)*(?:WriteOnly|Dynamic)?Mapped\[(.*)\]$/s.exec(annotation.trim());
  return m ? m[1].trim() : undefined;
}

/**
 * A string expression as literal pieces and names: a literal, a name, `a + b`, an f-string whose
 * fields are names. Undefined for anything else (a call, an attribute, a format spec).
 */
export function templateOf(node: Node, depth = 0): StringTemplate | undefined {
  if (depth > 20) return undefined;
  const s = stringValue(node);
  if (s) return [s.value];
  switch (node.type) {
    case 'identifier':
      return [{ name: node.text }];
    case 'attribute': {
      // `sql.SCHEMA_NAME`: a constant of a module imported under a name (see lookupIn).
      const dotted = dottedName(node);
      return dotted && /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(dotted) ? [{ name: dotted }] : undefined;
    }
    case 'parenthesized_expression': {
      const inner = codeChildren(node);
      return inner.length === 1 ? templateOf(inner[0], depth + 1) : undefined;
    }
    case 'binary_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      // The operator is the text between the operands (punctuation may not be in the tree).
      const op = node.text.slice(left && left.text ? node.text.indexOf(left.text) + left.text.length : 0, right ? node.text.lastIndexOf(right.text) : 0).trim();
      if (op !== '+' || !left || !right) return undefined;
      const a = templateOf(left, depth + 1);
      const b = a && templateOf(right, depth + 1);
      return a && b ? [...a, ...b] : undefined;
    }
    case 'string':
      return fStringTemplate(node.text);
    case 'concatenated_string': {
      const parts: StringTemplate = [];
      for (const c of codeChildren(node)) {
        const t = templateOf(c, depth + 1);
        if (!t) return undefined;
        parts.push(...t);
      }
      return parts;
    }
    default:
      return undefined;
  }
}

/** `f"{SCHEMA}.users.id"` → ["", {name: "SCHEMA"}, ".users.id"]; undefined when a field is more than a name. */
function fStringTemplate(text: string): StringTemplate | undefined {
  const literal = stringLiteral(text);
  if (!literal || literal.bytes || !literal.interpolated || literal.raw) return undefined;
  const parts: StringTemplate = [];
  const re = /\{\{|\}\}|\{\s*([A-Za-z_]\w*)\s*\}|[{}]/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const content = literal.content;
  while ((m = re.exec(content))) {
    const piece = content.slice(last, m.index);
    if (/\\/.test(piece)) return undefined;
    if (piece) parts.push(piece);
    if (m[0] === '{{') parts.push('{');
    else if (m[0] === '}}') parts.push('}');
    else if (m[1]) parts.push({ name: m[1] });
    else return undefined;
    last = m.index + m[0].length;
  }
  const rest = content.slice(last);
  if (/\\/.test(rest)) return undefined;
  if (rest) parts.push(rest);
  return parts;
}

/** `(expr)` → `expr` (any depth). */
/**
 * Whether a column call of a `@declared_attr` reads the class (`ForeignKey(f"{cls.__tablename__}.id")`)
 * for what the table gets. The class read by a Python-side default (`default=lambda: cls.new_id()`,
 * `onupdate=…`) is called when a row is written, and leaves the DDL alone.
 */
function readsClassForSchema(node: Node): boolean {
  if (node.type === 'lambda') return false;
  if (node.type === 'keyword_argument' && CLIENT_SIDE_DEFAULTS.has(node.childForFieldName('name')?.text ?? '')) return false;
  // `ForeignKey("users.id", name=f"fk_{cls.__name__}_hidden_by")`: the constraint's name only (the
  // key is read unnamed), not what it references.
  if (node.type === 'keyword_argument' && node.childForFieldName('name')?.text === 'name' && callInfo(node.parent?.parent)?.name === 'ForeignKey') return false;
  // Strings and dotted names are leaves of the light tree (`cls.__name__`, `f"{cls.__tablename__}.id"`).
  if (!node.namedChildren.length) return /\bcls\b/.test(node.text);
  return node.namedChildren.some((c) => readsClassForSchema(c));
}

/** Column keywords evaluated in Python when a row is written: never part of the table's DDL. */
const CLIENT_SIDE_DEFAULTS = new Set(['default', 'onupdate', 'insert_default']);

function unwrapParentheses(node: Node | null): Node | null {
  let n = node;
  while (n?.type === 'parenthesized_expression') {
    const inner = codeChildren(n);
    if (inner.length !== 1) break;
    n = inner[0];
  }
  return n;
}

/** A literal default of a pydantic field: a number, string, boolean, None, empty collection. */
function isLiteral(node: Node): boolean {
  return ['integer', 'float', 'string', 'true', 'false', 'none', 'list', 'dictionary', 'tuple', 'unary_operator'].includes(node.type);
}

function listElements(node: Node | undefined): Node[] {
  if (!node) return [];
  if (node.type === 'list' || node.type === 'tuple') return codeChildren(node);
  return [];
}

/**
 * The columns a relationship's `foreign_keys=` names, by attribute name: `[task_run_id]`,
 * `[cls.state_id]`, `"TaskRun.state_id"`, `"[Order.buyer_id, Order.seller_id]"`; undefined when an
 * element is not a name (a call, a variable holding a list).
 */
function foreignKeyColumns(node: Node | undefined): string[] | undefined {
  if (!node) return undefined;
  const text = stringValue(node)?.value;
  if (text !== undefined) {
    const names = text.replace(/^\s*\[|\]\s*$/g, '').split(',').map((n) => n.trim()).filter(Boolean);
    return names.length && names.every((n) => /^[A-Za-z_][\w.]*$/.test(n)) ? names.map(lastSegment) : undefined;
  }
  const elements = node.type === 'list' || node.type === 'tuple' ? codeChildren(node) : [node];
  const names = elements.map((e) => dottedName(e));
  return names.length && names.every((n): n is string => !!n) ? names.map(lastSegment) : undefined;
}

/**
 * `def __init_subclass__(cls): cls.__tablename__ = …`: a base that rewrites the table name each
 * subclass declares. Under `if hasattr(cls, "TABLE_PREFIX"):` (nested ifs of that form only), only
 * subclasses with those attributes; under any other condition, any subclass may be (all, Unknown).
 * The body is read as text, by indentation (function bodies of model files are not walked).
 */
function rewritesSubclassTablenames(def: Node): true | { onlyWith: string[] } | undefined {
  if (def.childForFieldName('name')?.text !== '__init_subclass__') return undefined;
  const body = def.childForFieldName('body');
  // The body's text starts at its first statement: its first line gets the column it starts at.
  const lines = (body ? ' '.repeat(body.startPosition.column) + body.text : '').split('\n');
  const at = lines.findIndex((l) => /^\s*cls\.__tablename__\s*=(?!=)/.test(l));
  if (at < 0) return undefined;
  if (lines.filter((l) => /\bcls\.__tablename__\s*=(?!=)/.test(l)).length > 1) return true;
  const indent = (l: string) => /^\s*/.exec(l)![0].length;
  const onlyWith: string[] = [];
  let depth = indent(lines[at]);
  for (let i = at - 1; i >= 0; i--) {
    const line = lines[i];
    if (!line.trim() || line.trim().startsWith('#') || indent(line) >= depth) continue;
    depth = indent(line);
    const guard = /^\s*if\s+hasattr\(\s*cls\s*,\s*["'](\w+)["']\s*\)\s*:\s*(#.*)?$/.exec(line);
    if (!guard) return true;
    onlyWith.push(guard[1]);
  }
  return onlyWith.length ? { onlyWith } : true;
}

/** A `CheckConstraint("…")`'s SQL, or null where code computes it (`" OR ".join(…)`). */
function checkText(call: CallInfo): string | null {
  return stringValue(call.positional[0] ?? call.keywords.get('sqltext')?.value ?? null)?.value ?? null;
}

/**
 * `Enum(UserRole, native_enum=False)` naming an enum class (no length, no `values_callable`): the
 * class, for the model builder to find in the module it is imported from (see PyColumnDecl.nonNativeEnumOf).
 */
function nonNativeEnumClass(arg: Node): PyColumnDecl['nonNativeEnumOf'] | undefined {
  const call = callInfo(arg);
  if (call?.name !== 'Enum' || boolValue(call.keywords.get('native_enum')?.value) !== false) return undefined;
  if (call.keywords.has('length') || call.keywords.has('values_callable') || call.hasSplat || call.positional.length !== 1) return undefined;
  const className = dottedName(call.positional[0]);
  return className ? { className, written: arg.text, enumName: lastSegment(className) } : undefined;
}
