/**
 * Reads what an Alembic migration's `upgrade()` does: every `op.*` operation (also inside
 * `with op.batch_alter_table(...)`), and the raw SQL of `op.execute(...)`, `sa.text(...)` and
 * `conn.execute(...)` through the PostgreSQL parser. Operations inside `if` / `try` / loops are
 * marked guarded; code it cannot evaluate becomes an `unknown` operation naming what it mentions.
 */
import type { SyntaxNode as Node } from './syntax';
import type {
  ColumnSpec, ForeignKeySpec, IndexSpec, MigrationOperation, OperationBody, TableRef,
} from '../../model/operations';
import { dropsDecidedByRows, ENGINE_BRANCH, namesChanged, READS_CATALOG } from '../../model/operations';
import type { MigrationModuleCall as ModuleCall } from '../../facts/alembic';
import { type Location, locationOf } from '../../model/source';
import { normaliseType } from '../../model/types';
import { readSqlOperations, sqlMentions, type SqlSource } from '../sql/postgres';
import { UNKNOWN_PART, withUnknownParts } from '../sql/unknownParts';
import { ModuleReader, returnedExpression, serverDefaultOf, sizesByName } from './sqlalchemy';
import type { PyColumnDecl, PyColumnRef, PyForeignKeyRef } from '../../facts/sqlalchemy';
import { decideCondition, dialectBranch } from './dialectBranch';
import { fillPlaceholders, joinSources, pythonStringSource } from './stringSource';
import { boolValue, callInfo, CallInfo, codeChildren, intValue, lastSegment, nodeLocation, orderedColumn, sqlalchemyLocalNames, stringValue } from './syntax';

/** The Inspector's questions about one table, which raise NoSuchTableError where it is not there (has_table does not). */
const TABLE_REFLECTION = new Set(['get_columns', 'get_indexes', 'get_foreign_keys', 'get_pk_constraint', 'get_unique_constraints', 'get_check_constraints', 'get_table_comment']);

interface Scope {
  /** Names bound to SQL joined from literals and code (`query = "UPDATE t SET a=" + str(v)`). */
  sqlExpressions?: Map<string, Node>;
  /** Names bound to string literals (module constants, `sql = """…"""` in the function). */
  strings: Map<string, Node>;
  /** Names bound to a connection (`conn = op.get_bind()`). */
  connections: Set<string>;
  batch?: { alias: string; table: TableRef };
  guarded: boolean;
  /** Every guard the code is under is a `try` (see MigrationOperation.failureHandled). */
  failureHandled?: boolean;
  /** The arms of `if` statements the code is in, outermost first (see MigrationOperation.branch). */
  branch?: string;
  /** Local helper functions already being inlined (no recursion). */
  inlining: Set<string>;
  /** Names bound to literal lists, tuples, sets and dicts (what `for` loops run over). */
  collections: Map<string, Node>;
  /** Names bound to SQLAlchemy data statements (`stmt = users.update().values(…)`): executing them changes rows only. */
  statements: Set<string>;
  /** Names bound to a `Column(…)` (`h_col = Column("os_hidden", Boolean)`), added later by `op.add_column(…, h_col)`. */
  columnCalls?: Map<string, Node>;
  /** Names bound to integers (`hash_length = 40` in the function or the module), the sizes of types (`sa.String(hash_length)`). */
  numbers: Map<string, number>;
  /** Names bound to a type (`judgement_enum = sa.Enum(…, name="judgement")`), given later to a `Column`. */
  typeCalls?: Map<string, Node>;
  /**
   * Names bound to a Core `Table("quotas", meta, Column(…), …)` defined here (not reflected): what
   * `quotas.create(bind)` or `meta.create_all(bind)` creates.
   */
  tableCalls?: Map<string, Node>;
  /** Names bound to a `MetaData()` (designate hands one to `op.create_table`, which ignores it). */
  metadata?: Set<string>;
  /** Functions defined inside the function being read (`def delete_rows(bind): …` in `upgrade()`): inlined where called. */
  localFunctions?: Map<string, Node>;
  /** Names bound to an ORM session factory (`Session = scoped_session(sessionmaker())`): `Session.configure(bind=conn)` only binds it. */
  sessionFactories?: Set<string>;
  /**
   * Parameters of `upgrade()` that default to None (`def upgrade(op: Operations = None)`): Alembic
   * calls it with no arguments, so they are None (see parameterBranch).
   */
  noneParameters?: Set<string>;
}

/** The most iterations of one loop the reader unrolls (a literal list longer than this is code, not schema). */
const MAX_UNROLLED = 500;
const COLLECTION_TYPES = new Set(['list', 'tuple', 'set', 'dictionary']);

/** SQLAlchemy's statements that read or change rows, never the schema. */
const DATA_STATEMENTS = new Set(['update', 'insert', 'delete', 'select']);

/**
 * A SQLAlchemy data statement: a chain of calls one of which is SQLAlchemy's DML constructor —
 * `table.update()…`, `sa.table("t", …).insert().values(…)`, `sa.delete(table).where(…)`, `select(…)` —
 * or that continues one bound to a name (`stmt.where(…)`, `statements`).
 */
function isDataStatement(node: Node, statements?: ReadonlySet<string>): boolean {
  let n: Node | null = node;
  for (let depth = 0; n && depth < 32; depth++) {
    if (n.type === 'parenthesized_expression' && n.namedChildren.length === 1) {
      n = n.firstNamedChild;
      continue;
    }
    if (n.type === 'identifier') return statements?.has(n.text) === true;
    if (n.type !== 'call') return false;
    const fn: Node | null = n.childForFieldName('function');
    if (!fn) return false;
    if (fn.type === 'identifier') return DATA_STATEMENTS.has(fn.text);
    if (fn.type !== 'attribute') return false;
    // A plain dotted name (`users.update`) is copied without its parts (lightTree.ts): read its text.
    const dot = fn.text.lastIndexOf('.');
    if (DATA_STATEMENTS.has(fn.childForFieldName('attribute')?.text ?? fn.text.slice(dot + 1).trim())) return true;
    const object = fn.childForFieldName('object');
    if (!object) return /^[A-Za-z_]\w*$/.test(fn.text.slice(0, dot).trim()) && statements?.has(fn.text.slice(0, dot).trim()) === true;
    n = object;
  }
  return false;
}

/** Conventional names of a connection, when the binding is not visible (a parameter, a global). */
const CONNECTION_NAMES = new Set(['conn', 'connection', 'bind', 'connectable', 'session']);

/** `op.*` calls that leave the schema model as it is. */
const NEUTRAL_OPS = new Set([
  'get_bind', 'get_context', 'f', 'inline_literal', 'bulk_insert', 'create_check_constraint', 'create_table_comment',
  'drop_table_comment', 'create_exclude_constraint', 'invoke', 'implementation_for', 'run_async', 'batch_alter_table',
  // alembic-postgresql-enum: an enum type's labels change; the columns it lists keep that type (by name).
  'sync_enum_values',
]);

/** alembic_utils' entities that are not relations: creating, replacing or dropping one changes no table. */
const NON_RELATION_ENTITIES = new Set(['PGFunction', 'PGProcedure', 'PGTrigger', 'PGExtension', 'PGPolicy', 'PGGrantTable']);

/** Calls whose first argument is the SQL, unchanged but for its layout. */
const SQL_WRAPPERS = new Set(['text', 'dedent', 'cleandoc']);

/** Methods of a SQL string or `text()` clause that leave its statement as it is. */
const SQL_KEEPING_METHODS = new Set(['bindparams', 'execution_options', 'columns', 'strip', 'lstrip', 'rstrip']);

export function readAlembicOperations(file: string, text: string, root: Node, moduleCalls?: ModuleCall[]): MigrationOperation[] {
  const reader = new OperationsReader(file, text, root);
  const ops = reader.read();
  moduleCalls?.push(...reader.moduleCalls);
  return ops;
}

/**
 * The operations of each top-level function without parameters of a module that uses Alembic's
 * `op` outside a migration (neutron's `agent_init_ops.upgrade()`, called by its first migration):
 * the project splices them where a migration calls the function (see MigrationModuleCall).
 */
export function readMigrationHelperFunctions(file: string, text: string, root: Node): Record<string, MigrationOperation[]> {
  const out: Record<string, MigrationOperation[]> = {};
  for (const stmt of codeChildren(root)) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text : undefined;
    const params = def?.childForFieldName('parameters');
    const body = def?.childForFieldName('body');
    // Functions without parameters only (what one with parameters does depends on the call); one
    // that only calls the module's others (`upgrade(): _add_images_table(); …`) is read through them.
    if (!name || !body || (params && codeChildren(params).length)) continue;
    const reader = new OperationsReader(file, text, root);
    const ops = reader.read(name);
    // A helper that calls another module's helper is not followed further: its operations are open.
    if (reader.moduleCalls.some((c) => !c.handsConnection)) ops.push({ kind: 'unknown', description: `${name}() calls a function of another module`, mentions: [], location: nodeLocation(file, def!), guarded: false });
    if (ops.length) out[name] = ops;
  }
  return out;
}

class OperationsReader {
  private readonly ops: MigrationOperation[] = [];
  private readonly columns: ModuleReader;
  private readonly functions = new Map<string, Node>();
  private readonly moduleStrings = new Map<string, Node>();
  private readonly moduleCollections = new Map<string, Node>();
  private readonly moduleNumbers = new Map<string, number>();
  /** The scope of the call being read (column specs inside it resolve loop variables through it). */
  private currentScope: Scope | undefined;

  constructor(private readonly file: string, text: string, private readonly root: Node) {
    this.columns = new ModuleReader(file, text);
    this.columns.sqlalchemyNames = sqlalchemyLocalNames(root);
    // Bound to locals first, not written as `obj.prop = (…) => …`: V8 allocates a function literal
    // assigned to a property in the old generation (taking it for a method), and an old closure
    // holding this reader kept every file's syntax tree alive through the young collections until
    // the next full one: a quarter of what reading a migration allocates was promoted, collected late.
    const evaluate = (node: Node) => (this.currentScope ? this.stringArgument(node, this.currentScope) : undefined);
    const expand = (node: Node) => this.returnedBy(node);
    this.columns.evaluate = evaluate;
    this.columns.expand = expand;
  }

  /**
   * What `.append()` / `.extend()` added to a literal list, by the list's node (null: grown under a
   * condition or by something not literal, so its elements are not known).
   */
  private readonly appendedTo = new Map<Node, Node[] | null>();

  /** Calls of other modules' functions, for the project to follow (see readAlembicOperations). */
  readonly moduleCalls: ModuleCall[] = [];

  /** The operations of `upgrade()` (or of another function of the module, `entry`). */
  read(entry = 'upgrade'): MigrationOperation[] {
    for (const stmt of codeChildren(this.root)) {
      const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (def?.type === 'function_definition') {
        const name = def.childForFieldName('name')?.text;
        if (name) this.functions.set(name, def);
      } else if (stmt.type === 'expression_statement') {
        const assign = stmt.firstNamedChild;
        const left = assign?.type === 'assignment' ? assign.childForFieldName('left') : undefined;
        const right = assign?.childForFieldName('right');
        if (left?.type === 'identifier' && right && (right.type === 'string' || right.type === 'concatenated_string')) {
          this.moduleStrings.set(left.text, right);
        } else if (left?.type === 'identifier' && right && COLLECTION_TYPES.has(right.type)) {
          this.moduleCollections.set(left.text, right);
        } else if (left?.type === 'identifier' && intValue(right) !== undefined) {
          this.moduleNumbers.set(left.text, intValue(right)!);
        }
      }
    }
    for (const stmt of codeChildren(this.root)) this.noteProjectImports(stmt);
    const upgrade = this.functions.get(entry);
    const body = upgrade?.childForFieldName('body');
    const scope = (): Scope => ({
      strings: new Map(this.moduleStrings), connections: new Set(), guarded: false, inlining: new Set([entry]),
      collections: new Map(this.moduleCollections), statements: new Set(), numbers: new Map(this.moduleNumbers),
    });
    const engines = upgrade && entry === 'upgrade' ? this.enginesDispatchedTo(upgrade) : undefined;
    if (engines) {
      // Alembic's multidb template: `upgrade(engine_name)` calls `upgrade_<engine>()` for each
      // database. Every engine's operations run (on its own database), each under its engine's branch,
      // so that one database's table is never taken for a copy of another's (see exclusiveBranches).
      for (const def of engines) {
        const engineBody = def.childForFieldName('body');
        const name = def.childForFieldName('name')!.text.slice('upgrade_'.length);
        if (engineBody) this.walkBlock(engineBody, { ...scope(), branch: `${ENGINE_BRANCH}${name}` });
      }
    } else if (body) {
      const noneParameters = new Set(codeChildren(upgrade!.childForFieldName('parameters') ?? upgrade!).flatMap((p) =>
        (p.type === 'default_parameter' || p.type === 'typed_default_parameter') && p.childForFieldName('value')?.type === 'none' ? [p.childForFieldName('name')?.text ?? ''] : []).filter(Boolean));
      this.walkBlock(body, noneParameters.size ? { ...scope(), noneParameters } : scope());
    }
    return this.ops;
  }

  /**
   * `def upgrade(engine_name): globals()[f"upgrade_{engine_name}"]()` (Alembic's multidb template):
   * the module's `upgrade_<engine>` functions, in file order; undefined for any other `upgrade`.
   */
  private enginesDispatchedTo(upgrade: Node): Node[] | undefined {
    const params = upgrade.childForFieldName('parameters');
    if (!params || !codeChildren(params).length) return undefined;
    const body = upgrade.childForFieldName('body');
    if (!body || !/\bglobals\s*\(\s*\)\s*\[/.test(body.text) || !/["']upgrade_/.test(body.text)) return undefined;
    const engines = [...this.functions].filter(([name]) => /^upgrade_\w+$/.test(name)).map(([, def]) => def);
    return engines.length ? engines : undefined;
  }

  private push(body: OperationBody, node: Node, scope: Scope, guarded = false, namedBySqlAlchemy = false): void {
    this.ops.push({
      ...body, location: nodeLocation(this.file, node), guarded: scope.guarded || guarded, ...(scope.failureHandled && !guarded ? { failureHandled: true } : {}),
      ...(scope.branch ? { branch: scope.branch } : {}), ...(namedBySqlAlchemy && body.kind !== 'unknown' ? { namedBySqlAlchemy: true } : {}),
    } as MigrationOperation);
  }

  private unknown(node: Node, scope: Scope, description: string): void {
    this.push({ kind: 'unknown', description, mentions: this.mentionsIn(node) }, node, scope);
  }

  /** Names a piece of code mentions through its string literals. */
  /** Local names bound to the project's modules and functions (`from tacker.db import migration`). */
  private readonly projectNames = new Set<string>();
  /** Local names bound to other libraries' modules and functions (`Inspector`): never the project's code. */
  private readonly libraryNames = new Set<string>();
  /**
   * What each of those names is bound to: `from pkg import mod` → { module: "pkg", name: "mod" } (a
   * module or a function of pkg); `import pkg.mod as m` → { module: "pkg.mod" }.
   */
  private readonly projectBindings = new Map<string, { module: string; name?: string }>();

  /**
   * Local names of Alembic's `op` module besides `op` itself (`from alembic import op as alembic_op`,
   * `import alembic.op as xop`, `import alembic` → `alembic.op`).
   */
  private readonly opModules = new Set<string>(['op']);
  /** Alembic's operations imported by name: `from alembic.op import create_table as ct` → ct → create_table. */
  private readonly opFunctions = new Map<string, string>();

  private noteAlembicImports(stmt: Node): void {
    if (stmt.type === 'import_from_statement') {
      const module = stmt.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '';
      if (module !== 'alembic.op' && module !== 'alembic') return;
      for (const child of codeChildren(stmt)) {
        const name = (child.type === 'aliased_import' ? child.childForFieldName('name')?.text : child.type === 'dotted_name' ? child.text : undefined)?.replace(/\s+/g, '');
        const local = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : name;
        if (!name || !local || name === module) continue;
        if (module === 'alembic.op') this.opFunctions.set(local, name);
        else if (name === 'op') this.opModules.add(local);
      }
    } else if (stmt.type === 'import_statement') {
      for (const child of codeChildren(stmt)) {
        const dotted = (child.type === 'aliased_import' ? child.childForFieldName('name')?.text : child.text)?.replace(/\s+/g, '') ?? '';
        if (child.type === 'aliased_import' && dotted === 'alembic.op') this.opModules.add(child.childForFieldName('alias')?.text ?? 'op');
        else if (child.type !== 'aliased_import' && (dotted === 'alembic' || dotted === 'alembic.op')) this.opModules.add('alembic.op');
      }
    }
  }

  /** The Alembic operation a call makes (`op.add_column(…)`, `add_column(…)` imported from alembic.op), if it is one. */
  private opMethod(callee: string | undefined): string | undefined {
    if (!callee) return undefined;
    const dot = callee.lastIndexOf('.');
    if (dot < 0) return this.opFunctions.get(callee);
    return this.opModules.has(callee.slice(0, dot)) ? callee.slice(dot + 1) : undefined;
  }

  private noteProjectImports(stmt: Node): void {
    this.noteAlembicImports(stmt);
    if (stmt.type === 'import_from_statement') {
      const module = stmt.childForFieldName('module_name')?.text.replace(/\s+/g, '') ?? '';
      if (!isProjectModule(module)) {
        // `from sqlalchemy.engine.reflection import Inspector`: a library's name, not the project's.
        for (const child of codeChildren(stmt)) {
          const local = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : child.type === 'dotted_name' && child.text.replace(/\s+/g, '') !== module ? child.text : undefined;
          if (local) this.libraryNames.add(local);
        }
        return;
      }
      for (const child of codeChildren(stmt)) {
        if (child.type === 'aliased_import') {
          const local = child.childForFieldName('alias')?.text ?? '';
          this.projectNames.add(local);
          const name = child.childForFieldName('name')?.text.replace(/\s+/g, '');
          if (local && name) this.projectBindings.set(local, { module, name });
        } else if (child.type === 'dotted_name' && child.text.replace(/\s+/g, '') !== module) {
          this.projectNames.add(child.text);
          this.projectBindings.set(child.text, { module, name: child.text });
        }
      }
    } else if (stmt.type === 'import_statement') {
      for (const child of codeChildren(stmt)) {
        const dotted = (child.type === 'aliased_import' ? child.childForFieldName('name')?.text : child.text)?.replace(/\s+/g, '') ?? '';
        if (!isProjectModule(dotted)) continue;
        const local = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text ?? '' : dotted.split('.')[0];
        this.projectNames.add(local);
        if (child.type === 'aliased_import') this.projectBindings.set(local, { module: dotted });
        else this.projectBindings.set(dotted, { module: dotted });
      }
    }
  }

  /**
   * The module and function a call without arguments names through the file's imports:
   * `agent_init_ops.upgrade()` (`from pkg import agent_init_ops`) → pkg.agent_init_ops, upgrade;
   * `create_initial()` (`from pkg.helpers import create_initial`) → pkg.helpers, create_initial.
   */
  private moduleFunction(callee: string): { module: string; function: string } | undefined {
    const dot = callee.lastIndexOf('.');
    if (dot < 0) {
      const bound = this.projectBindings.get(callee);
      return bound?.name ? { module: bound.module, function: bound.name } : undefined;
    }
    const receiver = callee.slice(0, dot);
    const fn = callee.slice(dot + 1);
    const bound = this.projectBindings.get(receiver);
    if (!bound) return undefined;
    return { module: bound.name ? `${bound.module}${bound.module.endsWith('.') ? '' : '.'}${bound.name}` : bound.module, function: fn };
  }

  private mentionsIn(node: Node): string[] {
    const out = new Set<string>();
    const stack = [node];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'string') {
        const s = stringValue(n);
        const text = s?.value ?? n.text;
        for (const m of sqlMentions(text)) out.add(m);
        for (const part of text.split(/[^\w$]+/)) if (part) out.add(part.toLowerCase());
        continue;
      }
      if (n.type === 'identifier') {
        const bound = this.moduleStrings.get(n.text);
        const s = bound && stringValue(bound);
        if (s) for (const part of s.value.split(/[^\w$]+/)) if (part) out.add(part.toLowerCase());
      }
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
    return [...out];
  }

  /** `if` statements walked so far (see walkGuarded). */
  private ifSerial = 0;

  /** Names bound to rows the migration read (`rows = conn.execute(sa.text("SELECT …")).fetchall()`). */
  private readonly rowNames = new Set<string>();

  private walkBlock(block: Node, scope: Scope): void {
    let current = scope;
    let decidedByRows: number | undefined;
    for (const stmt of codeChildren(block)) {
      this.walkStatement(stmt, current);
      this.noteRowNames(stmt);
      // `if bind.dialect.name != "mysql": return`: on PostgreSQL, nothing after it runs; nor after
      // `if op is None: return` when Alembic calls `upgrade()` without the argument.
      const decided = stmt.type === 'if_statement' ? dialectBranch(stmt) ?? parameterBranch(stmt, current) ?? knownStringBranch(stmt, current) : undefined;
      // (`continue` in a loop unrolled for an item: the rest of its body does not run for it.)
      if (decided && endsInReturn(decided.block)) break;
      if (stmt.type === 'continue_statement' || stmt.type === 'break_statement') break;
      // `if …: return` makes everything after it conditional (unless the branch taken is known).
      const mayReturn = decided ? !!decided.block && subtreeReturns(decided.block) : stmt.type !== 'return_statement' && containsReturn(stmt);
      if (mayReturn && (!current.guarded || current.failureHandled)) current = { ...current, guarded: true, failureHandled: false };
      // `if not rows: return`: whether what follows runs depends on the data (see dropsDecidedByRows).
      const condition = !decided && mayReturn && stmt.type === 'if_statement' ? stmt.childForFieldName('condition') : null;
      if (decidedByRows === undefined && condition && usesName(condition, this.rowNames)) decidedByRows = this.ops.length;
    }
    if (decidedByRows !== undefined) dropsDecidedByRows(this.ops, decidedByRows);
  }

  /**
   * `columns = [c["name"] for c in inspector.get_columns("players")]`, run whatever follows: the
   * inspector raises NoSuchTableError for a table that is not there, so the migration was written for
   * a database that has it (a chain's first migration that only reads and guards: a baseline). Read
   * where the statement runs unconditionally — its own expression, an `if`'s condition, a loop's
   * iterable, not its blocks (walked as their own statements).
   */
  private noteTablesReflected(stmt: Node, scope: Scope): void {
    if (scope.guarded) return;
    const evaluated = stmt.type === 'expression_statement' ? [stmt]
      : stmt.type === 'if_statement' || stmt.type === 'while_statement' ? [stmt.childForFieldName('condition')]
        : stmt.type === 'for_statement' ? [stmt.childForFieldName('right')] : [];
    const visit = (n: Node): void => {
      if (n.type === 'lambda' || n.type === 'function_definition') return;
      if (n.type === 'call') {
        const fn = n.childForFieldName('function');
        // (`sa.inspect(bind).get_columns("t")` as well as `inspector.get_columns("t")`.)
        const method = fn?.type === 'attribute' ? /\.\s*([A-Za-z_]\w*)$/.exec(fn.text)?.[1] : undefined;
        const call = method && TABLE_REFLECTION.has(method) ? callInfo(n) : undefined;
        const table = call ? this.tableArgument(call, 0, 'table_name', 'schema', scope) : undefined;
        if (table) this.push({ kind: 'use-table', table }, n, scope);
      }
      for (const child of n.namedChildren) visit(child);
    };
    for (const n of evaluated) if (n) visit(n);
  }

  /** `rows = conn.execute(…).fetchall()`, `count = session.query(X).count()`: a name bound to what the database holds. */
  private noteRowNames(stmt: Node): void {
    const assign = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
    if (assign?.type !== 'assignment') return;
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) return;
    // Bound again to something else (`rows = []`): no longer what the database holds.
    if (READS_ROWS.test(right.text) && !READS_CATALOG.test(right.text)) this.rowNames.add(left.text);
    else this.rowNames.delete(left.text);
  }

  private walkStatement(stmt: Node, scope: Scope): void {
    this.noteTablesReflected(stmt, scope);
    switch (stmt.type) {
      case 'expression_statement': {
        const expr = stmt.firstNamedChild;
        if (!expr) return;
        if (expr.type === 'assignment') this.readAssignment(expr, scope);
        else if (expr.type === 'await') {
          const inner = expr.firstNamedChild;
          if (inner?.type === 'call') this.readCall(inner, scope);
        } else if (expr.type === 'call') this.readCall(expr, scope);
        return;
      }
      case 'for_statement':
        // A loop over what the reader cannot list runs its body under a condition.
        if (!this.unrollFor(stmt, scope)) this.walkGuarded(stmt, scope);
        return;
      case 'if_statement': {
        // A branch on the database's dialect: PostgreSQL takes one branch, always (and so does a test
        // of a parameter Alembic leaves to its default).
        const taken = dialectBranch(stmt) ?? parameterBranch(stmt, scope) ?? knownStringBranch(stmt, scope);
        if (taken) {
          if (taken.block) this.walkBlock(taken.block, scope);
          return;
        }
        // `if rows: op.drop_table(…)` on rows the migration read: whether it runs depends on the data.
        const start = this.ops.length;
        this.walkGuarded(stmt, scope);
        const condition = stmt.childForFieldName('condition');
        if (condition && usesName(condition, this.rowNames)) dropsDecidedByRows(this.ops, start);
        return;
      }
      case 'try_statement':
      case 'while_statement':
        this.walkGuarded(stmt, scope);
        return;
      case 'with_statement':
        this.readWith(stmt, scope);
        return;
      case 'function_definition':
      case 'decorated_definition': {
        // A helper defined in the function, called further down (or by another such helper).
        const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
        const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text : undefined;
        if (def && name) scope.localFunctions = new Map(scope.localFunctions ?? []).set(name, def);
        return;
      }
      default:
    }
  }

  /** The branches of a conditional statement, each under a condition (`finally` always runs). */
  private walkGuarded(stmt: Node, scope: Scope): void {
    // `try: … except Exception: LOG.exception(…); raise`: every handler raises again, so in a chain
    // that ran, the body ran to its end — it is not conditional (nor is its `else`).
    if (stmt.type === 'try_statement' && everyHandlerRaises(stmt)) {
      for (const child of codeChildren(stmt)) {
        const block = child.type === 'block' ? child : child.type === 'else_clause' || child.type === 'finally_clause' ? codeChildren(child).find((c) => c.type === 'block') : undefined;
        if (block) this.walkBlock(block, scope);
      }
      return;
    }
    const guarded = { ...scope, guarded: true, failureHandled: stmt.type === 'try_statement' && (!scope.guarded || !!scope.failureHandled) };
    // The arms of an `if` exclude each other (`if not table_exists: create … else: add columns`):
    // each is labelled, so that the replay does not take one arm for a copy of another.
    // Numbered per walk, so that a helper inlined twice has two `if`s, as at run time.
    let arm = 0;
    const serial = ++this.ifSerial;
    const armScope = (condition?: Node | null): Scope => {
      if (stmt.type !== 'if_statement') return guarded;
      const inArm = { ...guarded, branch: `${scope.branch ?? ''}/${serial}:${arm++}` };
      // `if name == "users":` — inside the arm, the name is that string.
      const equal = condition ? equalityWithString(condition) : undefined;
      return equal ? { ...inArm, strings: new Map(inArm.strings).set(equal.name, equal.value) } : inArm;
    };
    for (const child of codeChildren(stmt)) {
      if (child.type === 'block') this.walkBlock(child, armScope(stmt.childForFieldName('condition')));
      else if (child.type === 'except_clause' || child.type === 'except_group_clause') {
        const block = codeChildren(child).find((c) => c.type === 'block');
        if (block) this.walkHandler(block, child, guarded);
      } else if (['else_clause', 'elif_clause', 'finally_clause'].includes(child.type)) {
        const block = codeChildren(child).find((c) => c.type === 'block');
        if (block) this.walkBlock(block, child.type === 'finally_clause' && stmt.type === 'try_statement' ? scope : armScope(child.type === 'elif_clause' ? child.childForFieldName('condition') : undefined));
      }
    }
  }

  /**
   * An `except` handler: it runs only when the `try` body raised, which depends on the database the
   * chain runs on (a constraint SQLite cannot drop by name, a BDR setting PostgreSQL lacks). What it
   * changes is read, then kept as Unknown: the tables it touches may be as the body or as the handler
   * left them, and rules stay silent about them.
   */
  private walkHandler(block: Node, handler: Node, scope: Scope): void {
    // A handler that raises again (`except Exception: op.drop_table("t"); raise`) ends the migration
    // in failure: in a chain that ran, it never ran.
    if (codeChildren(block).some((c) => c.type === 'raise_statement')) return;
    const start = this.ops.length;
    this.walkBlock(block, scope);
    // (Rows written change nothing: a handler that only writes rows leaves nothing Unknown.)
    const made = this.ops.splice(start).filter((op) => op.kind !== 'use-table');
    if (!made.length) return;
    const names = new Set<string>();
    for (const op of made) for (const n of namesChanged(op)) names.add(n.toLowerCase());
    const mentions = names.size ? [...names] : this.mentionsIn(block);
    this.push({ kind: 'unknown', description: 'what an except handler changes when the try body fails', mentions }, handler, scope);
  }

  /**
   * `for table in ["a", "b"]:`, `for table, column in FKS:` (a module constant), `for k, v in {...}.items():`:
   * a loop over a literal collection runs its body once per element, with the loop variables bound to
   * the element's strings. False when the collection or the targets are not literal.
   */
  private unrollFor(stmt: Node, scope: Scope): boolean {
    const left = stmt.childForFieldName('left');
    const right = stmt.childForFieldName('right');
    const body = stmt.childForFieldName('body');
    if (!left || !right || !body) return false;
    const elements = this.iterate(right, scope);
    if (!elements || elements.length > MAX_UNROLLED) return false;
    const targets = left.type === 'identifier' ? [left] : ['pattern_list', 'tuple_pattern', 'list_pattern'].includes(left.type) ? codeChildren(left) : undefined;
    if (!targets || targets.some((t) => t.type !== 'identifier')) return false;
    for (const element of elements) {
      const values = targets.length === 1 ? [element] : element.length === targets.length ? element : undefined;
      if (!values) return false;
    }
    for (const element of elements) {
      const strings = new Map(scope.strings);
      const collections = new Map(scope.collections);
      const tableCalls = scope.tableCalls ? new Map(scope.tableCalls) : undefined;
      targets.forEach((t, i) => {
        const value = targets.length === 1 ? (element.length === 1 ? element[0] : undefined) : element[i];
        strings.delete(t.text);
        collections.delete(t.text);
        tableCalls?.delete(t.text);
        if (value && (value.type === 'string' || value.type === 'concatenated_string')) strings.set(t.text, value);
        else if (value && COLLECTION_TYPES.has(value.type)) collections.set(t.text, value);
        // `for table in [quotas, services]: table.create(conn)`: the loop variable is each Table.
        else if (value?.type === 'identifier' && scope.tableCalls?.has(value.text)) tableCalls!.set(t.text, scope.tableCalls.get(value.text)!);
      });
      this.walkBlock(body, { ...scope, strings, collections, ...(tableCalls ? { tableCalls } : {}) });
    }
    // `for … else:` runs once the loop ends.
    const orElse = codeChildren(stmt).find((c) => c.type === 'else_clause');
    const block = orElse && codeChildren(orElse).find((c) => c.type === 'block');
    if (block) this.walkBlock(block, scope);
    return true;
  }

  /** The elements a literal iterable yields, each as the nodes a `for` target unpacks; undefined when not literal. */
  private iterate(node: Node, scope: Scope): Node[][] | undefined {
    const unpack = (el: Node): Node[] => (el.type === 'tuple' || el.type === 'list' || el.type === 'parenthesized_expression' ? codeChildren(el) : [el]);
    if (node.type === 'identifier') {
      const bound = scope.collections.get(node.text);
      return bound ? this.iterate(bound, scope) : undefined;
    }
    if (node.type === 'list') {
      const appended = this.appendedTo.get(node);
      if (appended === null) return undefined;
      return [...codeChildren(node), ...(appended ?? [])].map(unpack);
    }
    if (node.type === 'tuple' || node.type === 'set') return codeChildren(node).map(unpack);
    if (node.type === 'dictionary') return codeChildren(node).filter((p) => p.type === 'pair').map((p) => [p.childForFieldName('key')!]);
    if (node.type === 'parenthesized_expression' && node.firstNamedChild) return this.iterate(node.firstNamedChild, scope);
    // `for column in table["columns"]:` of a dict a loop binds.
    const entry = node.type === 'subscript' || node.type === 'call' ? dictEntry(node, scope) : undefined;
    // (Over a dict: its keys; over None: a TypeError, which no chain that ran raised.)
    if (entry) return entry.value ? this.iterate(entry.value, scope) : undefined;
    // `TIMESTAMPS + ACTORS`: two literal sequences, one after the other.
    const a = node.type === 'binary_operator' ? node.childForFieldName('left') : null;
    const b = node.type === 'binary_operator' ? node.childForFieldName('right') : null;
    // (The operator is punctuation, not copied by lightTree.ts: read between the operands.)
    if (a && b && node.text.slice(a.text.length, node.text.length - b.text.length).trim() === '+') {
      const left = this.iterate(a, scope);
      const right = left ? this.iterate(b, scope) : undefined;
      return left && right ? [...left, ...right] : undefined;
    }
    const call = callInfo(node);
    if (!call) return undefined;
    const fn = node.childForFieldName('function');
    if ((call.callee === 'reversed' || call.callee === 'list' || call.callee === 'tuple' || call.callee === 'sorted') && call.positional[0]) {
      const inner = this.iterate(call.positional[0], scope);
      return inner && call.callee === 'reversed' ? [...inner].reverse() : call.callee === 'sorted' ? undefined : inner;
    }
    // `NAME.items()` / `.keys()` / `.values()` of a dict bound to NAME (dotted names are kept as text).
    const dot = call.callee?.lastIndexOf('.') ?? -1;
    if (call.callee && dot > 0 && call.positional.length === 0) {
      const method = call.callee.slice(dot + 1);
      const objectName = call.callee.slice(0, dot);
      const objectNode = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      const dict = scope.collections.get(objectName) ?? (objectNode?.type === 'dictionary' ? objectNode : undefined);
      if (dict?.type !== 'dictionary') return undefined;
      const pairs = codeChildren(dict).filter((p) => p.type === 'pair');
      if (method === 'items') return pairs.map((p) => [p.childForFieldName('key')!, p.childForFieldName('value')!]);
      if (method === 'keys') return pairs.map((p) => [p.childForFieldName('key')!]);
      if (method === 'values') return pairs.map((p) => unpack(p.childForFieldName('value')!));
    }
    return undefined;
  }

  private readAssignment(assign: Node, scope: Scope): void {
    const left = assign.childForFieldName('left');
    let right = assign.childForFieldName('right');
    if (!right) return;
    // `sql = ("UPDATE …" "WHERE …")`, `stmt = (table.update().where(…))`: the parentheses only lay it out.
    while (right.type === 'parenthesized_expression' && right.namedChildren.length === 1) right = right.firstNamedChild!;
    if (left?.type === 'identifier') {
      if (isDataStatement(right, scope.statements)) scope.statements.add(left.text);
      else scope.statements.delete(left.text);
      scope.sqlExpressions?.delete(left.text);
      const number = intValue(right);
      if (number !== undefined) scope.numbers.set(left.text, number);
      else scope.numbers.delete(left.text);
      if (right.type === 'string' || right.type === 'concatenated_string') {
        scope.strings.set(left.text, right);
        return;
      }
      if (this.isConnectionExpression(right)) {
        scope.connections.add(left.text);
        return;
      }
      if (COLLECTION_TYPES.has(right.type)) {
        scope.collections.set(left.text, right);
        // Run again (a helper inlined twice, a loop): the list starts as written.
        this.appendedTo.delete(right);
        return;
      }
      // `query = sa.text(dedent("""…"""))`: the name stands for the SQL, executed later.
      const sql = right.type === 'call' ? this.sqlNode(right, scope) : undefined;
      if (sql) {
        scope.strings.set(left.text, sql);
        return;
      }
      // `query = "UPDATE messages SET kind=" + str(kind) + …`: SQL with parts code writes, executed later.
      // `statement = "ALTER TABLE {} …".format(name)`: the same, filled by `.format`.
      if ((right.type === 'binary_operator' || isFormatCall(right)) && /^\s*[A-Za-z_]*["']/.test(right.text) && this.sqlSource(right, scope, { parts: 0 })) {
        (scope.sqlExpressions ??= new Map()).set(left.text, right);
        return;
      }
      if (right.type === 'call' && callInfo(right)?.name === 'MetaData') (scope.metadata ??= new Set()).add(left.text);
      else scope.metadata?.delete(left.text);
      if (right.type === 'call' && ['sessionmaker', 'scoped_session'].includes(callInfo(right)?.name ?? '')) (scope.sessionFactories ??= new Set()).add(left.text);
      else scope.sessionFactories?.delete(left.text);
      // `h_col = sa.Column("os_hidden", …)`, then `op.add_column("images", h_col)`.
      if (right.type === 'call' && callInfo(right)?.name === 'Column') {
        scope.strings.delete(left.text);
        (scope.columnCalls ??= new Map()).set(left.text, right);
        return;
      }
      scope.columnCalls?.delete(left.text);
      // `judgement_enum = sa.Enum("POSITIVE", …, name="judgement")`, then `sa.Column("judgement", judgement_enum)`.
      if (right.type === 'call' && !coreTable(right) && this.columns.readType(right)) (scope.typeCalls ??= new Map()).set(left.text, right);
      else scope.typeCalls?.delete(left.text);
      // `quotas = Table("quotas", meta, Column(…), …)`, created later by `quotas.create(bind)` (or
      // reflected, `autoload_with=bind`, dropped later by `old.drop(bind)`).
      if (right.type === 'call' && coreTable(right)) {
        scope.strings.delete(left.text);
        (scope.tableCalls ??= new Map()).set(left.text, right);
        return;
      }
      scope.tableCalls?.delete(left.text);
      // Bound to something else now: what it was bound to before no longer holds.
      scope.strings.delete(left.text);
    }
    const value = right.type === 'await' ? right.firstNamedChild : right;
    if (value?.type === 'call') this.readCall(value, scope);
  }

  /** `op.get_bind()`, `op.get_context().bind`, `context.get_bind()`. */
  private isConnectionExpression(node: Node): boolean {
    const text = node.text.replace(/\s+/g, '');
    return /(^|\.)get_bind\(\)$/.test(text) || /get_context\(\)\.(bind|connection)$/.test(text);
  }

  private readWith(stmt: Node, scope: Scope): void {
    const body = stmt.childForFieldName('body');
    let inner = scope;
    let recreated: { node: Node; table: TableRef } | undefined;
    const clause = codeChildren(stmt).find((c) => c.type === 'with_clause');
    for (const item of clause ? codeChildren(clause) : []) {
      const value = item.childForFieldName('value') ?? item.firstNamedChild;
      const asPattern = value?.type === 'as_pattern' ? value : undefined;
      const call = callInfo(asPattern ? asPattern.firstNamedChild : value);
      const alias = asPattern?.childForFieldName('alias')?.text ?? asPattern?.namedChildren.find((c) => c?.type === 'as_pattern_target')?.text;
      if (call && this.opMethod(call.callee) === 'batch_alter_table' && alias) {
        const table = this.tableArgument(call, 0, 'table_name', 'schema', scope);
        if (table) inner = { ...scope, batch: { alias, table } };
        else {
          this.unknown(call.node, scope, 'a batch_alter_table on a computed table');
          return;
        }
        // `recreate="always"` with `copy_from=table`: the table is made anew as that Table says
        // (on PostgreSQL too), a Table the reader does not evaluate.
        if (call.keywords.has('copy_from') && stringValue(call.keywords.get('recreate')?.value ?? null)?.value === 'always') recreated = { node: call.node, table };
      }
    }
    if (body) this.walkBlock(body, inner);
    if (recreated) this.push({ kind: 'unknown', description: 'a batch_alter_table that recreates the table from copy_from', mentions: [recreated.table.name.toLowerCase()] }, recreated.node, scope);
  }

  private readCall(node: Node, scope: Scope): void {
    const call = callInfo(node);
    if (!call) return;
    this.currentScope = scope;
    // `sa.Table("deliveries", jobs, …)` as a statement: defined on its MetaData, for `jobs.create_all(bind)`.
    if (node.parent?.type === 'expression_statement' && coreTable(node) === 'defined') {
      (scope.tableCalls ??= new Map()).set(`#${node.startPosition.row}:${node.startPosition.column}`, node);
      return;
    }
    // `names = []` then `names.append("artifacts")`, `names.extend([...])`: the list grows as written.
    const grown = call.callee ? /^([A-Za-z_]\w*)\.(append|extend)$/.exec(call.callee) : null;
    const list = grown ? scope.collections.get(grown[1]) : undefined;
    if (grown && list?.type === 'list' && call.positional.length === 1 && !call.keywords.size) {
      const elements = this.appendedTo.get(list);
      if (elements === null) return;
      // Grown under a condition or in a loop: what it holds depends on the run, so it is not literal.
      if (scope.guarded || scope.branch) {
        this.appendedTo.set(list, null);
        return;
      }
      const added = grown[2] === 'append' ? [call.positional[0]] : call.positional[0].type === 'list' || call.positional[0].type === 'tuple' ? codeChildren(call.positional[0]) : undefined;
      if (!added) this.appendedTo.set(list, null);
      else this.appendedTo.set(list, [...(elements ?? []), ...added]);
      return;
    }
    const fn = node.childForFieldName('function');
    // conn.execute(...), op.get_bind().execute(...), conn.exec_driver_sql("ALTER …") (the SQL as the driver takes it)
    const executes = call.name === 'execute' || call.name === 'exec_driver_sql' || (fn?.type === 'attribute' && /\.(?:execute|exec_driver_sql)$/.test(fn.text));
    if (executes) {
      const object = call.callee ? undefined : fn?.childForFieldName('object');
      const receiver = call.callee ? call.callee.slice(0, call.callee.lastIndexOf('.')) : undefined;
      if ((object && this.isConnectionExpression(object)) || this.opMethod(call.callee) === 'execute' || (receiver && (scope.connections.has(receiver) || CONNECTION_NAMES.has(receiver)))) {
        this.readExecute(call, scope);
        return;
      }
    }
    if (!call.callee) return;
    // `exec(code)`: code the migration writes at run time (mindsdb's first migration runs what
    // autogenerate renders) can do anything.
    if (call.callee === 'exec' || call.callee === 'eval') {
      // Whatever its text mentions, the code may touch any table: no mentions, the replay is opaque after it.
      this.push({ kind: 'unknown', description: `code run by ${call.callee}()`, mentions: [] }, node, scope);
      return;
    }
    const dot = call.callee.lastIndexOf('.');
    const receiver = dot < 0 ? undefined : call.callee.slice(0, dot);
    const method = lastSegment(call.callee);
    const opMethod = this.opMethod(call.callee);
    if (opMethod) this.readOp(opMethod, this.spreadArguments(call, scope), scope);
    else if (scope.batch && receiver === scope.batch.alias) this.readBatchOp(method, this.spreadArguments(call, scope), scope, scope.batch.table);
    else if (receiver === undefined && (scope.localFunctions?.has(method) || this.functions.has(method))) this.inline(method, call, scope);
    // `Session.configure(bind=conn)` of a session factory: the ORM session's data work follows, no DDL.
    else if (receiver && method === 'configure' && scope.sessionFactories?.has(receiver)) return;
    // `quotas.create(bind, checkfirst=True)`, `quotas.drop(bind)`: a Core Table defined here.
    else if (receiver && (method === 'create' || method === 'drop') && scope.tableCalls?.has(receiver)) this.readTableObjectCall(method, scope.tableCalls.get(receiver)!, call, scope);
    // `meta.create_all(bind)`: the tables defined here on that MetaData.
    else if (receiver && (method === 'create_all' || method === 'drop_all') && this.readCreateAll(method, receiver, call, scope)) return;
    // `agent_init_ops.upgrade()`: a function of another module of the project, called for its effect
    // with nothing handed to it; the project splices in what it does (see readMigrationHelperFunctions).
    else if (node.parent?.type === 'expression_statement' && !call.positional.length && !call.keywords.size && !call.hasSplat && this.moduleFunction(call.callee)) {
      const target = this.moduleFunction(call.callee)!;
      this.moduleCalls.push({ at: this.ops.length, ...target, location: nodeLocation(this.file, node), guarded: scope.guarded, ...(scope.branch ? { branch: scope.branch } : {}) });
    }
    // A project function that is handed `op` or the connection can change anything (SQLAlchemy's own
    // functions, such as `sa.inspect(conn)`, only read).
    else if (isProjectFunction(call.callee) && !this.libraryNames.has(call.callee.split('.')[0]) && [...call.positional, ...[...call.keywords.values()].map((k) => k.value)].some((a) => a.text === 'op' || scope.connections.has(a.text) || CONNECTION_NAMES.has(a.text))) {
      // A function of a module the project reads may only read (`utils.load_table("shares", conn)`):
      // the project decides (see MigrationModuleCall.handsConnection).
      const target = this.moduleFunction(call.callee);
      if (target) this.moduleCalls.push({ at: this.ops.length, ...target, location: nodeLocation(this.file, node), guarded: scope.guarded, handsConnection: true });
      this.unknown(call.node, scope, `a call to ${call.callee}() that is handed the migration's op or connection`);
    } else if (node.parent?.type === 'expression_statement' && this.projectNames.has(call.callee.split('.')[0]) && !READ_ONLY_FUNCTIONS.has(method)
      && !LOGGING_METHODS.has(method) && !call.callee.split('.').includes('session') && call.positional.some((a) => stringValue(a))) {
      // A function of another module of the project, called for its effect (its value unused) with
      // names — not a logger, not an ORM session's data work: Alembic's
      // `op` is a proxy any module can use (`migration.modify_foreign_keys_constraint_with_col_change(
      // 'vnf_attribute', 'device_id', 'vnf_id', …)`): what it does to the tables it names is Unknown.
      this.unknown(call.node, scope, `a call to ${call.callee}() of another module of the project`);
    }
  }

  /**
   * A helper defined in the migration, read in place: each parameter bound to what the call hands it
   * (a string, a literal collection, a connection, a data statement) or to its default; one handed
   * anything else is unbound, so what depends on it is Unknown — the rest of the helper is read.
   */
  private inline(name: string, call: CallInfo, scope: Scope): void {
    if (scope.inlining.has(name)) return;
    const def = scope.localFunctions?.get(name) ?? this.functions.get(name)!;
    const params = def.childForFieldName('parameters');
    const body = def.childForFieldName('body');
    if (!body) return;
    const inner: Scope = {
      ...scope, strings: new Map(scope.strings), collections: new Map(scope.collections), connections: new Set(scope.connections),
      statements: new Set(scope.statements), inlining: new Set([...scope.inlining, name]),
      ...(scope.columnCalls ? { columnCalls: new Map(scope.columnCalls) } : {}),
      // A function of the module sees the module's integers (and its parameters), not its caller's locals.
      numbers: new Map(scope.localFunctions?.has(name) ? scope.numbers : this.moduleNumbers),
    };
    // What the call hands on cannot be followed (`*args`, more arguments than parameters): unless the
    // helper is a pure check (`column_exists`), its operations are Unknown.
    const unfollowed = () => {
      if (/\bop\.|\.execute\(/.test(body.text)) this.unknown(call.node, scope, `a call to the helper ${name}()`);
    };
    const handed = argumentsOf(params, call);
    if (!handed) return unfollowed();
    for (const { parameter, given } of handed) {
      inner.strings.delete(parameter);
      inner.collections.delete(parameter);
      inner.connections.delete(parameter);
      inner.statements.delete(parameter);
      inner.columnCalls?.delete(parameter);
      inner.numbers.delete(parameter);
      if (given) this.bindArgument(parameter, given, scope, inner);
    }
    this.walkBlock(body, inner);
  }

  /** Binds a helper's parameter in `inner` to an argument as `outer` sees it; anything the reader cannot follow stays unbound. */
  private bindArgument(parameter: string, given: Node, outer: Scope, inner: Scope): void {
    if (given.type === 'string' || given.type === 'concatenated_string') inner.strings.set(parameter, given);
    else if (intValue(given) !== undefined) inner.numbers.set(parameter, intValue(given)!);
    else if (COLLECTION_TYPES.has(given.type)) inner.collections.set(parameter, given);
    else if (this.isConnectionExpression(given)) inner.connections.add(parameter);
    else if (isDataStatement(given, outer.statements)) inner.statements.add(parameter);
    // `add_column_if_table_exists(table, sa.Column("session_id", sa.Unicode(255)))`: the column the helper adds.
    else if (given.type === 'call' && callInfo(given)?.name === 'Column') (inner.columnCalls ??= new Map()).set(parameter, given);
    else if (given.type === 'identifier') {
      const text = given.text;
      if (outer.columnCalls?.has(text)) (inner.columnCalls ??= new Map()).set(parameter, outer.columnCalls.get(text)!);
      else if (outer.strings.has(text)) inner.strings.set(parameter, outer.strings.get(text)!);
      else if (outer.collections.has(text)) inner.collections.set(parameter, outer.collections.get(text)!);
      else if (outer.numbers.has(text)) inner.numbers.set(parameter, outer.numbers.get(text)!);
      else if (outer.connections.has(text) || CONNECTION_NAMES.has(text)) inner.connections.add(parameter);
    }
  }

  private readExecute(call: CallInfo, scope: Scope): void {
    const arg = call.positional[0] ?? call.keywords.get('sqltext')?.value ?? call.keywords.get('statement')?.value;
    if (!arg) return;
    // An UPDATE, INSERT, DELETE or SELECT built with SQLAlchemy (`users.update().values(…)`,
    // `sa.insert(users)`): rows change, the schema does not.
    if (isDataStatement(arg, scope.statements)) return;
    const source = this.sqlSource(arg, scope, { parts: 0 });
    if (source) {
      for (let op of withUnknownParts(readSqlOperations(source, scope.guarded, scope.failureHandled), source.sql)) {
        // SQL whose parts code writes and which PostgreSQL's grammar rejects as read: the parts may
        // name any table the call mentions.
        if (op.kind === 'unknown' && !op.only && source.sql.includes(UNKNOWN_PART)) op = { ...op, description: 'SQL with a part built by code', mentions: [...new Set([...op.mentions, ...this.mentionsIn(call.node)])] };
        this.ops.push(scope.branch ? { ...op, branch: scope.branch } : op);
      }
      return;
    }
    const inner = callInfo(arg);
    if (inner?.name === 'CreateSchema' || inner?.name === 'DropSchema') {
      const schema = this.stringArgument(inner.positional[0], scope);
      if (schema) {
        const guarded = boolValue(inner.keywords.get('if_not_exists')?.value ?? inner.keywords.get('if_exists')?.value) === true;
        this.push({ kind: inner.name === 'CreateSchema' ? 'create-schema' : 'drop-schema', schema }, call.node, scope, guarded);
        return;
      }
    }
    // `sa.schema.CreateSequence(…)`, `DropSequence(…)`: sequences, which the schema model does not hold.
    if (inner?.name === 'CreateSequence' || inner?.name === 'DropSequence') return;
    // `op.execute(enable_rls("skill"))`, a function of another module of the project returning SQL:
    // Unknown, unless that function only returns SQL that changes no table (the project decides).
    const target = inner?.callee && isProjectFunction(inner.callee) && !this.libraryNames.has(inner.callee.split('.')[0]) ? this.moduleFunction(inner.callee) : undefined;
    if (target) this.moduleCalls.push({ at: this.ops.length, ...target, location: nodeLocation(this.file, call.node), guarded: scope.guarded, handsConnection: true, executesResult: true });
    this.unknown(call.node, scope, 'SQL built by code');
  }

  /**
   * The SQL an expression gives, each character where it is written: a literal (an f-string's
   * `{name}` is the string the name is bound to; any other part stands for a value not read here,
   * and what depends on it is Unknown), the same with `'… %s …' % values` or `'… {} …'.format(…)`
   * filling it (the filled parts Unknown), and literals joined with `+`.
   */
  private sqlSource(arg: Node, scope: Scope, counter: { parts: number }, depth = 0): SqlSource | undefined {
    if (depth > 32) return undefined;
    const part = () => `${UNKNOWN_PART}${counter.parts++}`;
    const literal = this.sqlNode(arg, scope);
    if (literal) {
      return pythonStringSource(this.file, literal, (expression) => {
        const bound = /^[A-Za-z_]\w*$/.test(expression) ? scope.strings.get(expression) : undefined;
        return (bound ? stringValue(bound)?.value : undefined) ?? part();
      });
    }
    const joined = arg.type === 'identifier' ? scope.sqlExpressions?.get(arg.text) : undefined;
    if (joined) return this.sqlSource(joined, scope, counter, depth + 1);
    if (arg.type === 'parenthesized_expression' && arg.firstNamedChild) return this.sqlSource(arg.firstNamedChild, scope, counter, depth + 1);
    const call = callInfo(arg);
    if (call && SQL_WRAPPERS.has(call.name ?? '') && call.positional[0]) return this.sqlSource(call.positional[0], scope, counter);
    if (arg.type === 'binary_operator') {
      const left = arg.childForFieldName('left');
      const right = arg.childForFieldName('right');
      const operator = left && right ? arg.text.slice(left.text.length).trimStart()[0] : undefined;
      const first = left ? this.sqlSource(left, scope, counter, depth + 1) : undefined;
      if (!first || !right) return undefined;
      if (operator === '%') {
        // `'ALTER TABLE "%s" …' % table`, `% (schema, table)`: each `%s` is the string the reader
        // knows in its place (a loop variable, a constant), else a part it does not know.
        const values = right.type === 'tuple' ? codeChildren(right) : right.type === 'dictionary' ? [] : [right];
        let next = 0;
        return fillPlaceholders(first, 'percent', (placeholder) => {
          const node = values[next++];
          const known = placeholder === '%s' && node ? this.stringArgument(node, scope) : undefined;
          return known ?? part();
        });
      }
      if (operator === '+') {
        // `"… SET kind=" + str(kind)`: what code adds to SQL is a part of it the reader does not
        // know (only what depends on it is Unknown), as in an f-string.
        const second = this.sqlSource(right, scope, counter, depth + 1) ?? codePart(this.file, right, part());
        return joinSources([first, second]);
      }
      return undefined;
    }
    const fn = arg.type === 'call' ? arg.childForFieldName('function') : null;
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      const object = fn.childForFieldName('object');
      const base = object ? this.sqlSource(object, scope, counter) : undefined;
      if (!base) return undefined;
      // `"ALTER TABLE {} …".format(name)`, `{0}`, `{table}`: the strings the reader knows, in their places.
      const call = callInfo(arg);
      let auto = 0;
      return fillPlaceholders(base, 'braces', (placeholder) => {
        const field = placeholder.slice(1, -1);
        const node = field === '' ? call?.positional[auto++] : /^\d+$/.test(field) ? call?.positional[Number(field)] : /^[A-Za-z_]\w*$/.test(field) ? call?.keywords.get(field)?.value : undefined;
        const known = node ? this.stringArgument(node, scope) : undefined;
        return known ?? part();
      });
    }
    return undefined;
  }

  /** The string literal holding SQL: directly, in `text(...)`, or through a variable. */
  private sqlNode(arg: Node, scope: Scope): Node | undefined {
    if (arg.type === 'string' || arg.type === 'concatenated_string') return arg;
    if (arg.type === 'parenthesized_expression') {
      const inner = arg.firstNamedChild;
      return inner ? this.sqlNode(inner, scope) : undefined;
    }
    if (arg.type === 'identifier') return scope.strings.get(arg.text);
    const call = callInfo(arg);
    // `text(…)`, and what changes only the SQL's layout: `dedent(…)`, `inspect.cleandoc(…)`.
    if (call && SQL_WRAPPERS.has(call.name ?? '') && call.positional[0]) return this.sqlNode(call.positional[0], scope);
    // Methods that leave the statement as it is: `text(…).bindparams(…)`, `"…".strip()`, `stmt.bindparams(…)`
    // (a dotted name is one node of the light tree: its receiver is read from the callee's text).
    const fn = arg.type === 'call' ? arg.childForFieldName('function') : null;
    if (call?.callee && SQL_KEEPING_METHODS.has(call.name ?? '')) {
      const receiver = call.callee.slice(0, call.callee.lastIndexOf('.'));
      const bound = /^[A-Za-z_]\w*$/.test(receiver) ? scope.strings.get(receiver) : undefined;
      return bound ? this.sqlNode(bound, scope) : undefined;
    }
    if (fn?.type === 'attribute' && SQL_KEEPING_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) {
      const object = fn.childForFieldName('object');
      return object ? this.sqlNode(object, scope) : undefined;
    }
    return undefined;
  }

  /**
   * A string the migration computes from what the reader knows: a literal, `op.f("…")`, a name bound
   * to one (a constant, a loop variable), `a + b`, `name.replace("_", ".")`, `.lower()`, `.upper()`.
   * Undefined for anything else (its value is Unknown).
   */
  private stringArgument(node: Node | undefined, scope: Scope, depth = 0): string | undefined {
    if (!node || depth > 20) return undefined;
    const s = stringValue(node);
    if (s) return s.value;
    if (node.type === 'subscript') {
      const value = this.subscriptValue(node, scope);
      return value ? this.stringArgument(value, scope, depth + 1) : undefined;
    }
    if (node.type === 'identifier') {
      const bound = scope.strings.get(node.text);
      return bound ? stringValue(bound)?.value : undefined;
    }
    if (node.type === 'parenthesized_expression') return this.stringArgument(node.firstNamedChild ?? undefined, scope, depth + 1);
    if (node.type === 'binary_operator') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right || !node.text.slice(left.text.length).trimStart().startsWith('+')) return undefined;
      const a = this.stringArgument(left, scope, depth + 1);
      const b = a === undefined ? undefined : this.stringArgument(right, scope, depth + 1);
      return a !== undefined && b !== undefined ? a + b : undefined;
    }
    const call = callInfo(node);
    if (call?.name === 'f' && call.positional[0]) return this.stringArgument(call.positional[0], scope, depth + 1);
    const fn = node.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    // Dotted callees are kept as text (`column.replace`): the receiver is then a bound name.
    const receiver = call?.callee && call.callee.includes('.') ? call.callee.slice(0, call.callee.lastIndexOf('.')) : undefined;
    if (call && call.name && (object || receiver)) {
      const base = object ? this.stringArgument(object, scope, depth + 1) : stringValue(scope.strings.get(receiver!))?.value;
      if (base === undefined) return undefined;
      if (call.name === 'lower' && !call.positional.length) return base.toLowerCase();
      if (call.name === 'upper' && !call.positional.length) return base.toUpperCase();
      if (call.name === 'replace' && call.positional.length === 2) {
        const from = this.stringArgument(call.positional[0], scope, depth + 1);
        const to = this.stringArgument(call.positional[1], scope, depth + 1);
        return from !== undefined && to !== undefined ? base.split(from).join(to) : undefined;
      }
    }
    return undefined;
  }

  private argument(call: CallInfo, index: number, keyword: string): Node | undefined {
    return call.keywords.get(keyword)?.value ?? call.positional[index];
  }

  /**
   * A name built by code from written parts (`"shadow_" + name`, `f"{prefix}_audit"`), as a pattern:
   * the written parts, `*` for each part code computes; undefined when no part is written.
   */
  private namePattern(node: Node, scope: Scope): string | undefined {
    const piece = (n: Node): string => {
      if (n.type === 'parenthesized_expression' && n.firstNamedChild) return piece(n.firstNamedChild);
      const written = this.stringArgument(n, scope);
      if (written !== undefined) return written;
      const left = n.type === 'binary_operator' ? n.childForFieldName('left') : null;
      const right = n.type === 'binary_operator' ? n.childForFieldName('right') : null;
      if (left && right && n.text.slice(left.text.length).trimStart().startsWith('+')) return piece(left) + piece(right);
      const source = n.type === 'string' ? this.sqlSource(n, scope, { parts: 0 }) : undefined;
      return source ? source.sql.replace(new RegExp(`${UNKNOWN_PART}\\d+`, 'g'), '*') : '*';
    };
    const pattern = piece(node).replace(/\*+/g, '*').toLowerCase();
    return /^[\w$*]+$/.test(pattern) && /[^*]/.test(pattern) ? pattern : undefined;
  }

  /** The table named by a call's argument, with its schema keyword. Undefined when computed. */
  private tableArgument(call: CallInfo, index: number, keyword: string, schemaKeyword: string, scope: Scope): TableRef | undefined {
    const node = this.argument(call, index, keyword);
    const name = this.stringArgument(node, scope);
    if (!node || !name) return undefined;
    const s = stringValue(node);
    const location = s ? locationOf(this.file, s.contentRange) : nodeLocation(this.file, node);
    const ref: TableRef = { name, location };
    if (s) ref.text = { value: name, location, includesSchema: false };
    const schemaNode = call.keywords.get(schemaKeyword)?.value;
    if (schemaNode && schemaNode.type !== 'none') {
      const schema = this.stringArgument(schemaNode, scope);
      if (schema === undefined) return undefined;
      ref.schema = schema;
      const ss = stringValue(schemaNode);
      ref.schemaLocation = ss ? locationOf(this.file, ss.contentRange) : nodeLocation(this.file, schemaNode);
    }
    return ref;
  }

  private stringList(node: Node | undefined, scope: Scope): { names: string[]; expression: boolean } | undefined {
    if (!node) return undefined;
    // `list(columns)`, `tuple(columns)`: the same names, in the same order.
    const copy = callInfo(node);
    if (copy && (copy.callee === 'list' || copy.callee === 'tuple') && copy.positional.length === 1 && !copy.keywords.size && !copy.hasSplat) node = copy.positional[0];
    if (node.type === 'identifier' && scope.collections.has(node.text)) node = scope.collections.get(node.text)!;
    if (node.type !== 'list' && node.type !== 'tuple') {
      const single = this.stringArgument(node, scope);
      return single ? { names: [single], expression: false } : undefined;
    }
    const names: string[] = [];
    let expression = false;
    for (const el of codeChildren(node)) {
      const s = this.stringArgument(el, scope) ?? orderedColumn(el);
      if (s) names.push(s);
      else {
        expression = true;
        names.push(el.text);
      }
    }
    return { names, expression };
  }

  private readOp(written: string, call: CallInfo, scope: Scope): void {
    const method = GEOALCHEMY2_OPERATIONS.get(written) ?? written;
    if (method === 'execute') {
      this.readExecute(call, scope);
      return;
    }
    if (NEUTRAL_OPS.has(method)) return;
    const node = call.node;
    const table = (index: number, keyword = 'table_name') => this.tableArgument(call, index, keyword, 'schema', scope);
    const ok = (body: OperationBody | undefined, guarded = false): void => {
      if (body) this.push(body, node, scope, guarded, true);
      else this.unknown(node, scope, `op.${written}() with computed arguments`);
    };
    switch (method) {
      case 'create_table': {
        const t = table(0);
        const nameNode = this.argument(call, 0, 'table_name');
        // `op.create_table("shadow_" + name, …)`: which table is made is Unknown, but not any table:
        // one whose name matches what is written (`shadow_*`).
        const pattern = !t && nameNode ? this.namePattern(nameNode, scope) : undefined;
        if (pattern) this.push({ kind: 'unknown', description: `op.${written}() of a table whose name is built by code (${pattern})`, mentions: [...this.mentionsIn(node), pattern] }, node, scope);
        else ok(t && this.createTable(t, call, call.positional.slice(1)), boolValue(call.keywords.get('if_not_exists')?.value) === true);
        return;
      }
      case 'drop_table': {
        const t = table(0);
        ok(t && { kind: 'drop-table', table: t }, boolValue(call.keywords.get('if_exists')?.value) === true);
        return;
      }
      case 'rename_table': {
        const t = table(0, 'old_table_name');
        const newName = this.stringArgument(this.argument(call, 1, 'new_table_name'), scope);
        ok(t && newName ? { kind: 'rename-table', table: t, newName } : undefined);
        return;
      }
      case 'add_column': {
        const t = table(0);
        const column = this.columnSpec(this.argument(call, 1, 'column'));
        ok(t && column ? { kind: 'add-column', table: t, column } : undefined, boolValue(call.keywords.get('if_not_exists')?.value) === true);
        return;
      }
      case 'drop_column': {
        const t = table(0);
        const colNode = this.argument(call, 1, 'column_name');
        const column = this.stringArgument(colNode, scope);
        ok(t && column && colNode ? { kind: 'drop-column', table: t, column, columnLocation: this.innerLocation(colNode) } : undefined, boolValue(call.keywords.get('if_exists')?.value) === true);
        return;
      }
      case 'alter_column': {
        const t = table(0);
        ok(t && this.alterColumn(t, call, 1, scope));
        return;
      }
      case 'create_index': {
        const t = table(1);
        const index = this.indexSpec(call, this.argument(call, 0, 'index_name'), this.argument(call, 2, 'columns'), scope);
        ok(t && index ? { kind: 'create-index', table: t, index } : undefined, boolValue(call.keywords.get('if_not_exists')?.value) === true);
        return;
      }
      case 'drop_index': {
        const name = this.stringArgument(this.argument(call, 0, 'index_name'), scope);
        const schema = this.stringArgument(call.keywords.get('schema')?.value, scope);
        ok(name ? { kind: 'drop-index', name, ...(schema ? { schema } : {}) } : undefined, boolValue(call.keywords.get('if_exists')?.value) === true);
        return;
      }
      case 'create_foreign_key': {
        const t = this.tableArgument(call, 1, 'source_table', 'source_schema', scope);
        const fk = this.foreignKeySpec(call, this.argument(call, 0, 'constraint_name'), this.argument(call, 2, 'referent_table'), 'referent_schema',
          this.argument(call, 3, 'local_cols'), this.argument(call, 4, 'remote_cols'), scope);
        ok(t && fk ? { kind: 'add-foreign-key', table: t, foreignKey: fk } : undefined);
        return;
      }
      case 'create_unique_constraint': {
        const t = table(1);
        const cols = this.stringList(this.argument(call, 2, 'columns'), scope);
        const name = this.stringArgument(this.argument(call, 0, 'constraint_name'), scope);
        ok(t && cols ? { kind: 'add-unique', table: t, index: { name, columns: cols.names, unique: true, location: nodeLocation(this.file, node) } } : undefined);
        return;
      }
      case 'create_primary_key': {
        const t = table(1);
        const cols = this.stringList(this.argument(call, 2, 'columns'), scope);
        const name = this.stringArgument(this.argument(call, 0, 'constraint_name'), scope);
        ok(t && cols ? { kind: 'add-primary-key', table: t, columns: cols.names, ...(name ? { name } : {}) } : undefined);
        return;
      }
      case 'drop_constraint': {
        const t = table(1);
        const name = this.stringArgument(this.argument(call, 0, 'constraint_name'), scope);
        // A CHECK constraint found by code (`inspector.get_check_constraints(…)`): the schema model holds no checks.
        if (!name && isCheckConstraint(call, 2)) return;
        ok(t && name ? { kind: 'drop-constraint', table: t, name } : undefined, boolValue(call.keywords.get('if_exists')?.value) === true);
        return;
      }
      case 'create_entity':
      case 'replace_entity':
      case 'drop_entity':
      case 'create_or_replace_entity': {
        // alembic_utils: functions, triggers, extensions, policies and grants hold no columns; a view is a view.
        const entity = this.entityCall(this.argument(call, 0, 'entity'));
        const kind = entity && lastSegment(entity.callee ?? '');
        if (kind && NON_RELATION_ENTITIES.has(kind)) return;
        if (kind === 'PGView' || kind === 'PGMaterializedView') {
          const name = this.stringArgument(entity!.keywords.get('signature')?.value, scope);
          const schema = this.stringArgument(entity!.keywords.get('schema')?.value, scope);
          const ref: TableRef | undefined = name ? { name, ...(schema ? { schema } : {}), location: nodeLocation(this.file, node) } : undefined;
          const materialized = kind === 'PGMaterializedView';
          ok(ref && (method === 'drop_entity' ? { kind: 'drop-view', table: ref, materialized } : { kind: 'create-view', table: ref, materialized }), method !== 'create_entity');
          return;
        }
        this.unknown(node, scope, `op.${written}()`);
        return;
      }
      default:
        this.unknown(node, scope, `op.${written}()`);
    }
  }

  /**
   * The call an alembic_utils entity is built by: written in place, or bound to a name earlier in the
   * enclosing function or at module level (`public_fn = PGFunction(…)`; the last binding before use).
   */
  private entityCall(arg: Node | undefined): CallInfo | undefined {
    if (!arg) return undefined;
    if (arg.type === 'call') return callInfo(arg);
    if (arg.type !== 'identifier') return undefined;
    let found: CallInfo | undefined;
    for (let block: Node | null = arg.parent; block; block = block.parent) {
      if (block.type !== 'block' && block.type !== 'module') continue;
      for (const stmt of codeChildren(block)) {
        const at = stmt.startPosition;
        const use = arg.startPosition;
        if (at.row > use.row || (at.row === use.row && at.column >= use.column)) break;
        const assign = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
        if (assign?.type !== 'assignment' || assign.childForFieldName('left')?.text !== arg.text) continue;
        found = callInfo(assign.childForFieldName('right'));
      }
      if (found) return found;
    }
    return undefined;
  }

  private readBatchOp(written: string, call: CallInfo, scope: Scope, table: TableRef): void {
    const method = GEOALCHEMY2_OPERATIONS.get(written) ?? written;
    const node = call.node;
    const ok = (body: OperationBody | undefined): void => {
      if (body) this.push(body, node, scope, false, true);
      else this.unknown(node, scope, `batch_op.${written}() with computed arguments`);
    };
    switch (method) {
      case 'add_column': {
        const column = this.columnSpec(this.argument(call, 0, 'column'));
        ok(column && { kind: 'add-column', table, column });
        return;
      }
      case 'drop_column': {
        const colNode = this.argument(call, 0, 'column_name');
        const column = this.stringArgument(colNode, scope);
        ok(column && colNode ? { kind: 'drop-column', table, column, columnLocation: this.innerLocation(colNode) } : undefined);
        return;
      }
      case 'alter_column':
        ok(this.alterColumn(table, call, 0, scope));
        return;
      case 'create_index': {
        const index = this.indexSpec(call, this.argument(call, 0, 'index_name'), this.argument(call, 1, 'columns'), scope);
        ok(index && { kind: 'create-index', table, index });
        return;
      }
      case 'drop_index': {
        const name = this.stringArgument(this.argument(call, 0, 'index_name'), scope);
        ok(name ? { kind: 'drop-index', name, ...(table.schema ? { schema: table.schema } : {}) } : undefined);
        return;
      }
      case 'create_foreign_key': {
        const fk = this.foreignKeySpec(call, this.argument(call, 0, 'constraint_name'), this.argument(call, 1, 'referent_table'), 'referent_schema',
          this.argument(call, 2, 'local_cols'), this.argument(call, 3, 'remote_cols'), scope);
        ok(fk && { kind: 'add-foreign-key', table, foreignKey: fk });
        return;
      }
      case 'create_unique_constraint': {
        const cols = this.stringList(this.argument(call, 1, 'columns'), scope);
        const name = this.stringArgument(this.argument(call, 0, 'constraint_name'), scope);
        ok(cols && { kind: 'add-unique', table, index: { name, columns: cols.names, unique: true, location: nodeLocation(this.file, node) } });
        return;
      }
      case 'create_primary_key': {
        const cols = this.stringList(this.argument(call, 1, 'columns'), scope);
        ok(cols && { kind: 'add-primary-key', table, columns: cols.names });
        return;
      }
      case 'drop_constraint': {
        const name = this.stringArgument(this.argument(call, 0, 'constraint_name'), scope);
        if (!name && isCheckConstraint(call, 1)) return;
        ok(name ? { kind: 'drop-constraint', table, name } : undefined);
        return;
      }
      case 'execute':
        this.readExecute(call, scope);
        return;
      case 'f':
      case 'create_check_constraint':
      case 'create_table_comment':
      case 'drop_table_comment':
      case 'create_exclude_constraint':
        return;
      default:
        this.unknown(node, scope, `batch_op.${written}()`);
    }
  }

  private innerLocation(node: Node): Location {
    const s = stringValue(node);
    return s ? locationOf(this.file, s.contentRange) : nodeLocation(this.file, node);
  }

  /**
   * `table.create(bind)` / `table.drop(bind)` of a Core Table defined in the migration: SQLAlchemy's
   * CREATE TABLE (with the table's constraints and indexes) or DROP TABLE; `checkfirst=True` makes
   * either conditional on the table's existence.
   */
  private readTableObjectCall(method: 'create' | 'drop', tableCall: Node, call: CallInfo, scope: Scope): void {
    const body = this.tableObjectOperation(method, tableCall, scope);
    const checkfirst = boolValue(call.keywords.get('checkfirst')?.value) === true;
    if (body) this.push(body, call.node, scope, checkfirst);
    else this.unknown(call.node, scope, `${method}() of a Table the reader cannot evaluate`);
  }

  private tableObjectOperation(method: 'create' | 'drop' | 'create_all' | 'drop_all', tableCall: Node, scope: Scope): OperationBody | undefined {
    const definition = callInfo(tableCall)!;
    const table = this.tableArgument(definition, 0, 'name', 'schema', scope);
    if (!table) return undefined;
    if (method === 'drop' || method === 'drop_all') return { kind: 'drop-table', table };
    // A reflected table has the columns the database has: creating it again is not what the code says.
    return coreTable(tableCall) === 'defined' ? this.createTable(table, definition, definition.positional.slice(2)) : undefined;
  }

  /**
   * The Tables `meta.create_all(bind)` creates: those defined here on `meta` (or the ones listed in
   * `tables=[…]`); undefined when none is (a models' MetaData, read elsewhere).
   */
  private tablesOn(metadata: string, call: CallInfo, scope: Scope): Node[] | undefined {
    if (!scope.tableCalls?.size) return undefined;
    const listed = call.keywords.get('tables')?.value;
    if (listed) {
      const items = listed.type === 'list' || listed.type === 'tuple' ? codeChildren(listed) : undefined;
      const tables = items?.map((i) => (i.type === 'identifier' ? scope.tableCalls!.get(i.text) : undefined));
      return tables && tables.every((t) => t) ? (tables as Node[]) : undefined;
    }
    // (Reflected tables exist already: create_all skips them, drop_all drops them.)
    const on = [...new Set(scope.tableCalls.values())].filter((t) => callInfo(t)?.positional[1]?.text === metadata && (call.callee?.endsWith('drop_all') || coreTable(t) === 'defined'));
    return on.length ? on : undefined;
  }

  /**
   * `meta.create_all(bind)`: each table once, those it references first (SQLAlchemy sorts them by
   * their foreign keys), skipping existing ones (`checkfirst` is its default); `drop_all` the reverse.
   * False when no table defined here is on that MetaData (a models' MetaData, read elsewhere).
   */
  private readCreateAll(method: 'create_all' | 'drop_all', metadata: string, call: CallInfo, scope: Scope): boolean {
    const tables = this.tablesOn(metadata, call, scope);
    if (!tables) return false;
    const checkfirst = boolValue(call.keywords.get('checkfirst')?.value) !== false;
    const creates = tables.map((t) => this.tableObjectOperation('create_all', t, scope));
    const order = dependencyOrder(creates);
    for (const i of method === 'create_all' ? order : [...order].reverse()) {
      const body = method === 'create_all' ? creates[i] : this.tableObjectOperation('drop_all', tables[i], scope);
      if (body) this.push(body, call.node, scope, checkfirst);
      else this.unknown(call.node, scope, `${method}() of a Table the reader cannot evaluate`);
    }
    return true;
  }

  /**
   * `_id_column()`, a function of this module without parameters whose body only returns an
   * expression (`return sa.Column("id", sa.String(36), primary_key=True)`): that expression, as the
   * call gives it; anything else as it is.
   */
  /**
   * A call of a function of the migration whose body only returns a `Column(…)` of its parameters:
   * that Column, with a scope in which each parameter is bound to what the call hands it (a string,
   * an integer, or a name the caller bound to one). Undefined for anything else (`*args`, more
   * arguments than parameters, a body that does more than return).
   */
  private columnHelperCall(node: Node): { returned: Node; scope: Scope } | undefined {
    const call = callInfo(node);
    const outer = this.currentScope;
    if (!call?.name || call.callee !== call.name || call.hasSplat || !outer || (!call.positional.length && !call.keywords.size)) return undefined;
    const def = outer.localFunctions?.get(call.name) ?? this.functions.get(call.name);
    const returned = def && returnedExpression(def, true);
    if (!def || !returned || callInfo(returned)?.name !== 'Column') return undefined;
    const scope: Scope = {
      ...outer, strings: new Map(this.moduleStrings), collections: new Map(this.moduleCollections), numbers: new Map(this.moduleNumbers),
      connections: new Set(), statements: new Set(), columnCalls: undefined, typeCalls: undefined, inlining: new Set([...outer.inlining, call.name]),
    };
    const handed = argumentsOf(def.childForFieldName('parameters'), call);
    if (!handed) return undefined;
    for (const { parameter, given } of handed) if (given) this.bindArgument(parameter, given, outer, scope);
    return { returned, scope };
  }

  private returnedBy(node: Node): Node {
    // `item["type"]`, `item` a dict of the list a loop runs over: the value written there.
    if (node.type === 'subscript' && this.currentScope) node = this.subscriptValue(node, this.currentScope) ?? node;
    for (let depth = 0; depth < 4; depth++) {
      const call = callInfo(node);
      const def = call && call.callee === call.name && !call.positional.length && !call.keywords.size && !call.hasSplat ? this.functions.get(call.name!) : undefined;
      const returned = def ? returnedExpression(def) : undefined;
      if (!returned) return node;
      node = returned;
    }
    return node;
  }

  /**
   * `item["name"]` where `item` is bound to a dict literal (`for item in COLUMNS:` over a list of
   * dicts, or a dict constant): the value written under that key; undefined otherwise.
   */
  private subscriptValue(node: Node, scope: Scope): Node | undefined {
    const object = node.childForFieldName('value');
    const key = node.childForFieldName('subscript');
    const dict = object?.type === 'identifier' ? scope.collections.get(object.text) : undefined;
    const wanted = key ? stringValue(key)?.value : undefined;
    if (dict?.type !== 'dictionary' || wanted === undefined) return undefined;
    return valueUnderKey(dict, wanted)?.found;
  }

  private createTable(table: TableRef, call: CallInfo, items: Node[]): OperationBody {
    const columns: ColumnSpec[] = [];
    const primaryKey: string[] = [];
    const foreignKeys: ForeignKeySpec[] = [];
    const indexes: IndexSpec[] = [];
    let incomplete = call.hasSplat;
    for (const given of items) {
      // `_id_column()`: a function of the migration that returns the item.
      const arg = this.returnedBy(given);
      const inner = callInfo(arg);
      // `op.create_table("pools", metadata, Column(…), …)`: a MetaData among the items is ignored by SQLAlchemy.
      if (inner?.name === 'MetaData' || (arg.type === 'identifier' && this.currentScope?.metadata?.has(arg.text))) continue;
      if (inner?.name === 'Column') {
        const col = this.columnSpec(arg);
        if (!col) {
          incomplete = true;
          continue;
        }
        columns.push(col);
        if (col.primaryKey) primaryKey.push(col.name);
        continue;
      }
      const item = inner ? this.columns.readTableItem(inner, false) : undefined;
      if (!item) {
        if (!inner || !['CheckConstraint', 'Computed', 'Identity'].includes(inner.name ?? '')) incomplete = true;
        continue;
      }
      const names = item.columns.map(refName);
      if (names.some((n) => n === undefined)) {
        if (item.kind === 'index') indexes.push({ name: item.name, columns: item.columns.map((c) => refName(c) ?? '(expression)'), unique: item.unique, expression: true, location: item.location });
        continue;
      }
      switch (item.kind) {
        case 'primaryKey':
          primaryKey.splice(0, primaryKey.length, ...(names as string[]));
          break;
        case 'unique':
          indexes.push({ name: item.name, columns: names as string[], unique: true, location: item.location });
          break;
        case 'index':
          indexes.push({ name: item.name, columns: names as string[], unique: item.unique, where: item.where, method: item.method, location: item.location });
          break;
        case 'foreignKey': {
          const refs = item.refs.map((r) => this.foreignKeyTarget(r));
          const first = refs[0];
          if (!first || refs.some((r) => !r || r.table !== first.table)) {
            incomplete = true;
            break;
          }
          foreignKeys.push({ columns: names as string[], target: { ...first.ref, columns: refs.map((r) => r!.column) }, location: item.location, ...(item.refs.some((r) => r.useAlter) ? { deferred: true } : {}) });
          break;
        }
        default:
      }
    }
    for (const c of columns) if (primaryKey.includes(c.name)) c.nullable = false;
    return { kind: 'create-table', table, columns, primaryKey, foreignKeys, indexes, incomplete: incomplete || undefined };
  }

  /** `sa.Column("name", sa.Integer(), sa.ForeignKey("t.id"), nullable=False, …)`. */
  private columnSpec(node: Node | undefined): ColumnSpec | undefined {
    const bound = node?.type === 'identifier' ? this.currentScope?.columnCalls?.get(node.text) : undefined;
    if (bound) node = bound;
    // `_label_column("label", 64)`: a function of the migration returning a Column made of its parameters.
    const helper = node && this.columnHelperCall(node);
    if (helper) {
      const caller = this.currentScope;
      this.currentScope = helper.scope;
      try {
        return this.columnSpec(helper.returned);
      } finally {
        this.currentScope = caller;
      }
    }
    node = node && this.returnedBy(node);
    const call = callInfo(node);
    if (!call || call.name !== 'Column') return undefined;
    const decl: PyColumnDecl | undefined = this.columns.readColumnCall(call, undefined, undefined);
    // A type given by a name bound to it in the migration: the type it is bound to.
    const typeArgument = call.positional[1]?.type === 'identifier' ? this.currentScope?.typeCalls?.get(call.positional[1].text) : undefined;
    if (decl && typeArgument) decl.type = this.columns.readType(typeArgument);
    // `sa.Column(column, ...)` inside a loop: the name comes from the loop variable.
    if (decl && !decl.name && (call.positional[0]?.type === 'identifier' || call.positional[0]?.type === 'subscript') && this.currentScope) {
      const name = this.stringArgument(call.positional[0], this.currentScope);
      if (name) {
        decl.name = name;
        if (!decl.type && call.positional[1]) {
          decl.type = this.columns.readType(call.positional[1]);
          decl.typeSizes = decl.type ? undefined : sizesByName(call.positional[1]);
        }
      }
    }
    // `sa.String(hash_length)` with `hash_length = 40` bound in the function or the module.
    const sizes = decl && !decl.type ? decl.typeSizes : undefined;
    if (decl && sizes) {
      const args = sizes.args.map((a) => (typeof a === 'number' ? a : this.currentScope?.numbers.get(a)));
      if (args.every((a): a is number => a !== undefined)) {
        decl.type = normaliseType(sizes.typeName, sizes.written, { args });
        delete decl.typeUnknown;
      }
    }
    if (!decl?.name) return undefined;
    const spec: ColumnSpec = {
      name: decl.name, primaryKey: decl.primaryKey, unique: decl.unique, index: decl.index,
      nullable: decl.nullable ?? !decl.primaryKey, foreignKeys: [],
      location: call.positional[0] ? this.innerLocation(call.positional[0]) : decl.location,
    };
    if (decl.type) spec.type = decl.type;
    if (decl.serverDefault !== undefined) spec.serverDefault = decl.serverDefault;
    for (const ref of decl.foreignKeys) {
      const target = this.foreignKeyTarget(ref);
      if (target) spec.foreignKeys.push({ columns: [decl.name], target: { ...target.ref, columns: [target.column] }, location: ref.location, ...(ref.useAlter ? { deferred: true } : {}) });
    }
    return spec;
  }

  /** `"schema.table.column"` as ForeignKey and ForeignKeyConstraint write it. */
  private foreignKeyTarget(ref: PyForeignKeyRef | undefined): { ref: TableRef; column: string; table: string } | undefined {
    if (!ref || ref.kind !== 'string' || ref.parts.length < 2 || ref.parts.some((p) => !p)) return undefined;
    const p = ref.parts;
    const column = p[p.length - 1];
    const table = p[p.length - 2];
    const schema = p.length > 2 ? p.slice(0, -2).join('.') : undefined;
    const location = ref.textLocation ?? ref.location;
    const tableText = p.slice(0, -1).join('.');
    const textLocation: Location = ref.textLocation
      ? locationOf(location.file, { start: location.range.start, end: { line: location.range.start.line, character: location.range.start.character + tableText.length } })
      : location;
    const tableRef: TableRef = { name: table, location: textLocation };
    // Only a literal can be rewritten by a fix; an evaluated reference (`column.replace("_", ".")`) cannot.
    if (ref.textLocation) tableRef.text = { value: tableText, location: textLocation, includesSchema: schema !== undefined };
    if (schema !== undefined) tableRef.schema = schema;
    return { ref: tableRef, column, table };
  }

  private foreignKeySpec(
    call: CallInfo, nameNode: Node | undefined, referentNode: Node | undefined, referentSchemaKeyword: string,
    localNode: Node | undefined, remoteNode: Node | undefined, scope: Scope,
  ): ForeignKeySpec | undefined {
    const referent = this.stringArgument(referentNode, scope);
    const local = this.stringList(localNode, scope);
    const remote = this.stringList(remoteNode, scope);
    if (!referent || !referentNode || !local || !remote || local.expression || remote.expression) return undefined;
    const location = this.innerLocation(referentNode);
    const target: ForeignKeySpec['target'] = { name: referent, location, columns: remote.names };
    if (stringValue(referentNode)) target.text = { value: referent, location, includesSchema: false };
    const schemaNode = call.keywords.get(referentSchemaKeyword)?.value;
    if (schemaNode && schemaNode.type !== 'none') {
      const schema = this.stringArgument(schemaNode, scope);
      if (!schema) return undefined;
      target.schema = schema;
      target.schemaLocation = this.innerLocation(schemaNode);
    }
    const fk: ForeignKeySpec = { columns: local.names, target, location: nodeLocation(this.file, call.node) };
    const name = this.stringArgument(nameNode, scope);
    if (name) fk.name = name;
    return fk;
  }

  private indexSpec(call: CallInfo, nameNode: Node | undefined, columnsNode: Node | undefined, scope: Scope): IndexSpec | undefined {
    const cols = this.stringList(columnsNode, scope);
    if (!cols) return undefined;
    const index: IndexSpec = {
      columns: cols.names, unique: boolValue(call.keywords.get('unique')?.value) === true, location: nodeLocation(this.file, call.node),
    };
    const name = this.stringArgument(nameNode, scope);
    if (name) index.name = name;
    if (cols.expression) index.expression = true;
    const where = call.keywords.get('postgresql_where');
    if (where) index.where = where.value.text;
    const using = this.stringArgument(call.keywords.get('postgresql_using')?.value, scope);
    if (using && using.toLowerCase() !== 'btree') index.method = using;
    const ops = call.keywords.get('postgresql_ops')?.value;
    if (ops) index.opclasses = ops.type === 'dictionary'
      ? Object.fromEntries(codeChildren(ops).map((p) => [this.stringArgument(p.childForFieldName('key') ?? undefined, scope) ?? '?', this.stringArgument(p.childForFieldName('value') ?? undefined, scope) ?? '?']))
      : { '*': ops.text };
    const lengths = call.keywords.get('mysql_length') ?? call.keywords.get('mariadb_length');
    if (lengths) index.prefixLengths = lengths.value.text;
    return index;
  }

  /**
   * A call whose `*args` and `**kwargs` are literals the reader sees (`int_args = {"existing_type":
   * Integer(), "nullable": False}` then `op.alter_column(t, "version_id", **int_args)`), read as if
   * written out; the call as it is when a spread is anything else (it keeps `hasSplat`).
   */
  private spreadArguments(call: CallInfo, scope: Scope): CallInfo {
    if (!call.hasSplat) return call;
    const positional: Node[] = [];
    const keywords = new Map(call.keywords);
    const literal = (node: Node | null | undefined, types: readonly string[]): Node | undefined => {
      const bound = node?.type === 'identifier' ? scope.collections.get(node.text) : node;
      return bound && types.includes(bound.type) ? bound : undefined;
    };
    for (const arg of codeChildren(call.argumentList)) {
      if (arg.type === 'list_splat') {
        const list = literal(arg.firstNamedChild, ['list', 'tuple']);
        if (!list || codeChildren(list).some((e) => e.type === 'list_splat')) return call;
        positional.push(...codeChildren(list));
      } else if (arg.type === 'dictionary_splat') {
        const dict = literal(arg.firstNamedChild, ['dictionary']);
        if (!dict) return call;
        for (const pair of codeChildren(dict)) {
          const key = pair.type === 'pair' ? stringValue(pair.childForFieldName('key'))?.value : undefined;
          const value = pair.childForFieldName('value');
          if (key === undefined || !value) return call;
          keywords.set(key, { value, node: pair });
        }
      } else if (arg.type !== 'keyword_argument') {
        positional.push(arg);
      }
    }
    return { ...call, positional, keywords, hasSplat: false };
  }

  private alterColumn(table: TableRef, call: CallInfo, index: number, scope: Scope): OperationBody | undefined {
    // `**options` the reader cannot see may change anything about the column.
    if (call.hasSplat) return undefined;
    const colNode = this.argument(call, index, 'column_name');
    const column = this.stringArgument(colNode, scope);
    if (!column || !colNode) return undefined;
    const body: OperationBody & { kind: 'alter-column' } = { kind: 'alter-column', table, column, columnLocation: this.innerLocation(colNode) };
    const newName = this.stringArgument(call.keywords.get('new_column_name')?.value, scope);
    if (newName) body.newName = newName;
    const nullable = boolValue(call.keywords.get('nullable')?.value);
    if (nullable !== undefined) body.nullable = nullable;
    const type = call.keywords.get('type_')?.value;
    if (type) {
      const t = this.columns.readType(type);
      if (t) body.type = t;
    }
    const def = call.keywords.get('server_default')?.value;
    // A default whose SQL the reader cannot see leaves the column's default Unknown (not compared).
    const value = def && serverDefaultOf(def);
    if (def) body.serverDefault = value === undefined ? null : value === 'unknown' ? undefined : value;
    if (body.serverDefault === undefined) delete body.serverDefault;
    return body;
  }
}

/** Code that reads rows: a statement executed and its result fetched, or an ORM query. */
const READS_ROWS = /\.(?:execute|exec_driver_sql)\s*\(|\.(?:fetchall|fetchone|fetchmany|scalar|scalars|first|one|one_or_none|all|count)\s*\(\s*\)|\.query\s*\(/;

/** Whether code uses any of these names. */
function usesName(node: Node, names: ReadonlySet<string>): boolean {
  if (!names.size) return false;
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && names.has(n.text)) return true;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}

/** Whether a compound statement returns from the function somewhere inside (not in a nested def). */
function containsReturn(stmt: Node): boolean {
  if (!['if_statement', 'try_statement', 'for_statement', 'while_statement', 'with_statement'].includes(stmt.type)) return false;
  // `if dialect != "postgresql": return`: on PostgreSQL, only the branch it takes counts.
  const taken = stmt.type === 'if_statement' ? dialectBranch(stmt) : undefined;
  if (taken) return !!taken.block && subtreeReturns(taken.block);
  return subtreeReturns(stmt);
}

/** Whether a `return`, or a `continue`/`break` of a loop around it, is somewhere in `root`. */
function subtreeReturns(root: Node): boolean {
  const stack: { n: Node; inLoop: boolean }[] = [{ n: root, inLoop: false }];
  while (stack.length) {
    const { n, inLoop } = stack.pop()!;
    if (n.type === 'return_statement') return true;
    if (!inLoop && (n.type === 'continue_statement' || n.type === 'break_statement')) return true;
    if (n.type === 'function_definition' || n.type === 'class_definition') continue;
    const loop = inLoop || n.type === 'for_statement' || n.type === 'while_statement';
    for (const c of n.namedChildren) if (c) stack.push({ n: c, inLoop: loop });
  }
  return false;
}

function refName(ref: PyColumnRef): string | undefined {
  if (ref.kind === 'name') return ref.name;
  if (ref.kind === 'attribute') return ref.attribute;
  return undefined;
}

const LIBRARY_MODULES: ReadonlySet<string> = new Set(['sa', 'sqlalchemy', 'alembic', 'context', 'logging', 'log', 'logger', 'LOG']);
// An ORM session is for data: what it does to rows is no schema change.
// Reflection reads the schema (`meta.reflect(bind=conn)`, `Inspector.from_engine(conn)`).
const READ_ONLY_FUNCTIONS: ReadonlySet<string> = new Set(['inspect', 'print', 'len', 'isinstance', 'getattr', 'hasattr', 'str', 'repr', 'MetaData', 'Table', 'select', 'Session', 'sessionmaker', 'scoped_session', 'reflect', 'from_engine']);

/** A logger's methods, whoever made the logger (`logger.info("…")` says nothing of the schema). */
const LOGGING_METHODS: ReadonlySet<string> = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'echo', 'secho', 'print']);

/** Modules that are not the project's: the standard library's and the libraries migrations use. */
/**
 * The operations GeoAlchemy2 registers on Alembic's (`geoalchemy2.alembic_helpers`), and what each runs
 * on PostgreSQL: Alembic's own, with the same arguments (`drop_geospatial_index` also names its column,
 * unused there). Its autogenerate writes them for Geometry, Geography and Raster columns.
 */
const GEOALCHEMY2_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ['add_geospatial_column', 'add_column'],
  ['drop_geospatial_column', 'drop_column'],
  ['create_geospatial_table', 'create_table'],
  ['drop_geospatial_table', 'drop_table'],
  ['create_geospatial_index', 'create_index'],
  ['drop_geospatial_index', 'drop_index'],
]);

const NOT_PROJECT_MODULES = /^(?:sqlalchemy|alembic|alembic_utils|alembic_postgresql_enum|sqlalchemy_utils|sqlmodel|geoalchemy2|psycopg2?|asyncpg|oslo_\w+|six|typing|typing_extensions|__future__|logging|os|sys|json|time|datetime|uuid|re|collections|functools|itertools|contextlib|enum|decimal|hashlib|base64|random|string|pathlib|textwrap|warnings|copy|math|csv|io|pickle|zlib|secrets|dataclasses|abc|operator|pydantic|flask|flask_sqlalchemy|werkzeug|click|yaml|dateutil|pytz|zoneinfo|tqdm|requests)(?:\.|$)/;

function isProjectModule(module: string): boolean {
  return !!module && (module.startsWith('.') || !NOT_PROJECT_MODULES.test(module));
}

/** A function of the project (or another library), not SQLAlchemy's or Alembic's own. */
function isProjectFunction(callee: string): boolean {
  const first = callee.split('.')[0];
  return !LIBRARY_MODULES.has(first) && !READ_ONLY_FUNCTIONS.has(lastSegment(callee));
}

/** `name == "text"` (or `"text" == name`): the name and the string it equals. */
function equalityWithString(condition: Node): { name: string; value: Node } | undefined {
  if (condition.type === 'parenthesized_expression' && condition.firstNamedChild) return equalityWithString(condition.firstNamedChild);
  if (condition.type !== 'comparison_operator') return undefined;
  const operands = codeChildren(condition);
  if (operands.length !== 2) return undefined;
  const [a, b] = operands;
  // (The operator is punctuation, not copied by lightTree.ts: read between the operands.)
  if (!condition.text.startsWith(a.text) || !condition.text.endsWith(b.text)) return undefined;
  if (condition.text.slice(a.text.length, condition.text.length - b.text.length).trim() !== '==') return undefined;
  if (a.type === 'identifier' && (b.type === 'string' || b.type === 'concatenated_string') && stringValue(b)) return { name: a.text, value: b };
  if (b.type === 'identifier' && (a.type === 'string' || a.type === 'concatenated_string') && stringValue(a)) return { name: b.text, value: a };
  return undefined;
}

/**
 * `Table("quotas", meta, Column(…), …)`: a Core table defined by code; `Table("shares", meta,
 * autoload_with=bind)`: one reflected from the database.
 */
function coreTable(node: Node): 'defined' | 'reflected' | undefined {
  const call = callInfo(node);
  if (call?.name !== 'Table' || call.positional.length < 2) return undefined;
  return call.keywords.has('autoload_with') || call.keywords.has('autoload') ? 'reflected' : 'defined';
}

/** Indexes of CREATE TABLE operations in an order where each comes after the tables (of the set) it references; stable otherwise. */
function dependencyOrder(creates: (OperationBody | undefined)[]): number[] {
  const nameOf = (b: OperationBody | undefined) => (b?.kind === 'create-table' ? b.table.name.toLowerCase() : undefined);
  const index = new Map<string, number>();
  creates.forEach((b, i) => { const n = nameOf(b); if (n !== undefined && !index.has(n)) index.set(n, i); });
  const out: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number): void => {
    if (state.has(i)) return;
    state.set(i, 'visiting');
    const b = creates[i];
    if (b?.kind === 'create-table') {
      const refs = [...b.foreignKeys, ...b.columns.flatMap((c) => c.foreignKeys)].map((f) => f.target.name);
      for (const r of refs) {
        const j = index.get(r.toLowerCase());
        if (j !== undefined && j !== i && !state.has(j)) visit(j);
      }
    }
    state.set(i, 'done');
    out.push(i);
  };
  creates.forEach((_, i) => visit(i));
  return out;
}

/** A `try` with handlers, each of which raises again (so that the migration fails whenever the body fails). */
function everyHandlerRaises(stmt: Node): boolean {
  const handlers = codeChildren(stmt).filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
  return handlers.length > 0 && handlers.every((h) => {
    const block = codeChildren(h).find((c) => c.type === 'block');
    return !!block && codeChildren(block).some((c) => c.type === 'raise_statement');
  });
}

/**
 * `if op is None: … else: …` on a parameter of `upgrade()` that defaults to None (a migration that a
 * project's own runner may also call with an argument, mindsdb's checkpoint): the branch Alembic's
 * call without arguments takes; undefined for any other condition, or with `elif`.
 */
function parameterBranch(stmt: Node, scope: Scope): { block?: Node } | undefined {
  if (!scope.noneParameters?.size) return undefined;
  const condition = stmt.childForFieldName('condition');
  const consequence = stmt.childForFieldName('consequence');
  if (!condition || !consequence || codeChildren(stmt).some((c) => c.type === 'elif_clause')) return undefined;
  const isNone = (cond: Node): boolean | undefined => {
    if (cond.type === 'parenthesized_expression') return cond.firstNamedChild ? isNone(cond.firstNamedChild) : undefined;
    if (cond.type === 'identifier') return scope.noneParameters!.has(cond.text) ? false : undefined;
    if (cond.type === 'not_operator') {
      const inner = cond.childForFieldName('argument');
      const r = inner ? isNone(inner) : undefined;
      return r === undefined ? undefined : !r;
    }
    if (cond.type !== 'comparison_operator') return undefined;
    const [a, b] = codeChildren(cond);
    if (!a || !b || a.type !== 'identifier' || !scope.noneParameters!.has(a.text) || b.type !== 'none') return undefined;
    const operator = cond.text.slice(a.text.length, cond.text.length - b.text.length).replace(/\s+/g, ' ').trim();
    return operator === 'is' || operator === '==' ? true : operator === 'is not' || operator === '!=' ? false : undefined;
  };
  const runs = isNone(condition);
  if (runs === undefined) return undefined;
  const otherwise = codeChildren(stmt).find((c) => c.type === 'else_clause');
  return { block: runs ? consequence : otherwise ? codeChildren(otherwise).find((b) => b.type === 'block') : undefined };
}

/**
 * `if table != "webhook": … else: …` where `table` is a string the reader knows (a loop over a list
 * of names, unrolled): the branch Python takes. Every condition up to the one that holds must be a
 * comparison of a known string with string literals (`==`, `!=`, `in`, `not in` a literal tuple or
 * list, `not`); otherwise undefined, and the branches stay conditional.
 */
function knownStringBranch(stmt: Node, scope: Scope): { block?: Node } | undefined {
  if (!scope.strings.size && !scope.collections.size) return undefined;
  const known = (n: Node): string | undefined => {
    if (n.type === 'identifier') return stringValue(scope.strings.get(n.text))?.value;
    const entry = dictEntry(n, scope);
    if (entry) return entry.value ? stringValue(entry.value)?.value : undefined;
    return stringValue(n)?.value;
  };
  const holds = (cond: Node): boolean | undefined => decideCondition(cond, (a, operator, b) => {
    const left = known(a);
    if (left === undefined) return undefined;
    if (operator === '==' || operator === '!=') {
      const right = known(b);
      return right === undefined ? undefined : (left === right) === (operator === '==');
    }
    if ((operator === 'in' || operator === 'not in') && ['tuple', 'list', 'set'].includes(b.type)) {
      const values = codeChildren(b).map((e) => stringValue(e)?.value);
      if (values.some((v) => v === undefined)) return undefined;
      return values.includes(left) === (operator === 'in');
    }
    return undefined;
  }, (n) => {
    // `if table.get("skip"):`, `if table["columns"]:` of a dict literal a loop binds.
    const entry = dictEntry(n, scope);
    return entry && (entry.value ? literalTruth(entry.value) : false);
  });
  const arms: { condition: Node | null; block: Node | undefined }[] = [
    { condition: stmt.childForFieldName('condition'), block: stmt.childForFieldName('consequence') ?? undefined },
  ];
  for (const child of codeChildren(stmt)) {
    const block = codeChildren(child).find((c) => c.type === 'block');
    if (child.type === 'elif_clause') arms.push({ condition: child.childForFieldName('condition'), block });
    else if (child.type === 'else_clause') arms.push({ condition: null, block });
  }
  for (const arm of arms) {
    if (!arm.condition) return { block: arm.block };
    const result = holds(arm.condition);
    if (result === undefined) return undefined;
    if (result) return { block: arm.block };
  }
  return {};
}

/**
 * `item["key"]`, `item.get("key")`, `item.get("key", default)` of a dict literal bound to `item`
 * (a loop over a list of dicts, a dict constant): the value written (or the default; `value`
 * undefined: `None`). Undefined when it is no such access, or the dict is not all written here.
 */
function dictEntry(n: Node, scope: Scope): { value: Node | undefined } | undefined {
  let name: string | undefined;
  let key: Node | null | undefined;
  let fallback: Node | undefined;
  let get = false;
  if (n.type === 'subscript') {
    const object = n.childForFieldName('value');
    if (object?.type === 'identifier') name = object.text;
    key = n.childForFieldName('subscript');
  } else if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    const given = args ? codeChildren(args) : [];
    // (A plain dotted name, `table.get`, is one node of the light tree: read from its text.)
    const dotted = fn?.type === 'attribute' ? /^([A-Za-z_]\w*)\.get$/.exec(fn.text) : null;
    if (!dotted || !given.length || given.length > 2 || given.some((g) => g.type === 'keyword_argument')) return undefined;
    name = dotted[1];
    key = given[0];
    fallback = given[1];
    get = true;
  }
  const dict = name ? scope.collections.get(name) : undefined;
  const wanted = key ? stringValue(key)?.value : undefined;
  if (dict?.type !== 'dictionary' || wanted === undefined) return undefined;
  const entry = valueUnderKey(dict, wanted);
  if (!entry) return undefined;
  const found = entry.found;
  // `item["missing"]` raises KeyError: the migration fails, which no chain that ran did.
  if (!found && !get) return undefined;
  const value = found ?? fallback;
  return { value: value?.type === 'none' ? undefined : value };
}

/** The value a dict literal writes under a key (`found` undefined: none); undefined when a `**spread` may add or replace any key. */
function valueUnderKey(dict: Node, wanted: string): { found: Node | undefined } | undefined {
  let found: Node | undefined;
  for (const pair of codeChildren(dict)) {
    if (pair.type !== 'pair') return undefined;
    if (stringValue(pair.childForFieldName('key'))?.value === wanted) found = pair.childForFieldName('value') ?? undefined;
  }
  return { found };
}

/** Whether Python finds a literal true: undefined for what is not a literal. */
function literalTruth(n: Node): boolean | undefined {
  if (n.type === 'true') return true;
  if (n.type === 'false' || n.type === 'none') return false;
  if (n.type === 'integer') return Number(n.text.replace(/_/g, '')) !== 0;
  const s = stringValue(n);
  if (s) return s.value !== '';
  if (['list', 'tuple', 'set', 'dictionary'].includes(n.type)) return codeChildren(n).length > 0;
  return undefined;
}

/** `"…".format(…)`: a string literal's `.format` call. */
function isFormatCall(node: Node): boolean {
  const fn = node.type === 'call' ? node.childForFieldName('function') : null;
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && /^(string|concatenated_string)$/.test(fn.childForFieldName('object')?.type ?? '');
}

/** `drop_constraint(…, type_="check")`. */
function isCheckConstraint(call: CallInfo, typePosition: number): boolean {
  const kind = call.keywords.get('type_')?.value ?? call.positional[typePosition];
  return !!kind && stringValue(kind)?.value === 'check';
}

/** A block whose last statement returns (or raises): what follows it never runs after it. */
function endsInReturn(block: Node | undefined): boolean {
  const last = block ? codeChildren(block).at(-1) : undefined;
  return last?.type === 'return_statement' || last?.type === 'raise_statement' || last?.type === 'continue_statement' || last?.type === 'break_statement';
}

/** A part of SQL that code writes (`str(value)` joined with `+`), located where that code is. */
function codePart(file: string, node: Node, text: string): SqlSource {
  const at = { line: node.startPosition.row, character: node.startPosition.column };
  return { file, sql: text, positionAt: () => at };
}

/**
 * What a call hands each parameter of a function: the keyword, the next positional argument or
 * the parameter's default (null: none). Undefined when it cannot be followed: a parameter that is
 * no plain name (`*args`, `**kw`), or more positional arguments than parameters.
 */
function argumentsOf(params: Node | null, call: CallInfo): { parameter: string; given: Node | null }[] | undefined {
  const out: { parameter: string; given: Node | null }[] = [];
  let position = 0;
  for (const p of params ? codeChildren(params) : []) {
    const named = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? p.firstNamedChild : p.type === 'default_parameter' || p.type === 'typed_default_parameter' ? p.childForFieldName('name') : null;
    if (!named || named.type !== 'identifier') return undefined;
    const given = call.keywords.get(named.text)?.value ?? call.positional[position++] ?? (p.type.endsWith('default_parameter') ? p.childForFieldName('value') : null);
    out.push({ parameter: named.text, given: given ?? null });
  }
  return call.positional.length > position ? undefined : out;
}
