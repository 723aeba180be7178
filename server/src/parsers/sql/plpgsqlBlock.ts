/**
 * The statements of a `DO` block as PostgreSQL's own PL/pgSQL parser reads its body (libpg-query's
 * `parsePlPgSQL`): which SQL statements it runs, where each is in the body, and under what — for the
 * blocks a plain reading of `BEGIN … END` does not cover: data fixes that loop over rows before the
 * DDL they prepare (`FOR r IN SELECT … LOOP DELETE … END LOOP; CREATE UNIQUE INDEX …`), IF arms with
 * ELSIF/ELSE, CASE, nested blocks with handlers, GET DIAGNOSTICS, assignments, `EXECUTE` of one
 * string constant (`EXECUTE 'ALTER TYPE … ADD VALUE ''x'''`: the text it runs is written whole).
 *
 * A statement that changes structure is read only where it runs at most once: at the block's level,
 * or in one arm of an IF/CASE (under its condition). Anywhere it may run many times or as text the
 * block builds — inside a loop, `EXECUTE` of text built by code, a procedure `CALL`, a transaction
 * control statement — the block is not read (undefined), and stays Unknown as a whole. Statements that read or write rows
 * change no structure wherever they are; inside a loop or an arm they are under a condition (they
 * may run zero times).
 */
import type * as LibPgQuery from 'libpg-query';

/**
 * A piece of a block's SQL: its text, where it starts in the block's body, and what it runs under:
 * an IF's condition, or only a handler that swallows its failure.
 */
export interface BlockSegment {
  sql: string;
  offset: number;
  guard?: 'condition' | 'handler';
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Statements that read or write rows and change no table, index or type. */
const DATA_STATEMENTS = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'LockStmt', 'NotifyStmt']);

/** Statements that add what may be missing: under a condition, their guard's intent is to add it if it is not there. */
const ADDING_STATEMENTS = new Set(['CreateStmt', 'IndexStmt', 'CreateEnumStmt', 'CreateSchemaStmt', 'CreateExtensionStmt', 'CompositeTypeStmt', 'CreateDomainStmt', 'CreateSeqStmt', 'ViewStmt', 'CreateFunctionStmt', 'CreateTrigStmt', 'CommentStmt', 'GrantStmt', 'AlterEnumStmt']);
/** ALTER TABLE subcommands that add what may be missing. */
const ADDING_SUBCOMMANDS = new Set(['AT_AddColumn', 'AT_AddConstraint', 'AT_AddIndex', 'AT_EnableRowSecurity', 'AT_ForceRowSecurity', 'AT_EnableTrig', 'AT_DisableTrig']);

/** PL/pgSQL statements that run no SQL of their own (their expressions are values, or rows read). */
const QUIET_STATEMENTS = new Set([
  'PLpgSQL_stmt_assign', 'PLpgSQL_stmt_raise', 'PLpgSQL_stmt_exit', 'PLpgSQL_stmt_return', 'PLpgSQL_stmt_getdiag',
  'PLpgSQL_stmt_assert', 'PLpgSQL_stmt_open', 'PLpgSQL_stmt_fetch', 'PLpgSQL_stmt_close', 'PLpgSQL_stmt_return_next',
  'PLpgSQL_stmt_return_query',
]);

/** Loops: their body may run any number of times. (`FOR … IN EXECUTE` only reads rows the text selects.) */
const LOOPS = new Set(['PLpgSQL_stmt_fors', 'PLpgSQL_stmt_fori', 'PLpgSQL_stmt_foreach_a', 'PLpgSQL_stmt_loop', 'PLpgSQL_stmt_while', 'PLpgSQL_stmt_forc', 'PLpgSQL_stmt_dynfors']);

interface Context {
  guard?: 'condition' | 'handler';
  inLoop: boolean;
}

class NotReadable extends Error {}

/**
 * The block's SQL statements, in order, each with its offset in `body` and its guard, and the
 * block's variables (lower-cased); undefined when the block does anything this reading cannot
 * replay (see the module's comment) or when PostgreSQL's PL/pgSQL parser rejects it.
 */
export function blockStatements(body: string, pg: typeof LibPgQuery): { segments: BlockSegment[]; variables: ReadonlySet<string> } | undefined {
  // A dollar quote the body cannot contain.
  let tag = 'plpgsql';
  while (body.includes(`$${tag}$`)) tag += '_';
  let tree: Json;
  try {
    tree = pg.parsePlPgSQLSync(`DO $${tag}$${body}$${tag}$`);
  } catch {
    return undefined;
  }
  const fn = tree?.plpgsql_funcs?.[0]?.PLpgSQL_function;
  if (!fn?.action) return undefined;
  const variables = new Set<string>();
  for (const d of fn.datums ?? []) {
    const name = (d.PLpgSQL_var ?? d.PLpgSQL_rec)?.refname;
    if (typeof name === 'string' && name !== 'found') variables.add(name.toLowerCase());
  }
  const lineStarts = [0];
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const segments: BlockSegment[] = [];

  /** Where the statement `sql` reported at `lineno` (1-based in the body) starts in the body. */
  const offsetOf = (sql: string, lineno: number): number => {
    const lineStart = lineStarts[Math.max(0, Math.min(lineStarts.length - 1, lineno - 1))];
    // The parser blanks a `SELECT … INTO var` target: look for the text before the first blank run.
    const head = sql.trimStart().split(/\s{2,}/)[0].slice(0, 40);
    const at = head ? body.indexOf(head, lineStart) : -1;
    return at >= 0 ? at : lineStart;
  };

  /**
   * PostgreSQL's reading of one statement's text, undefined where it rejects it. (Each is asked
   * several questions — by the arm around it, then where it runs: parsed once.)
   */
  const parsed = new Map<string, Json[] | undefined>();
  const statementsOf = (sql: string): Json[] | undefined => {
    if (!parsed.has(sql)) {
      let stmts: Json[] | undefined;
      try {
        stmts = pg.parseSync(sql).stmts ?? [];
      } catch {
        stmts = undefined;
      }
      parsed.set(sql, stmts);
    }
    return parsed.get(sql);
  };

  /** Whether PostgreSQL's parser reads `sql` as statements that only read or write rows; throws when it rejects it. */
  const onlyData = (sql: string): boolean => {
    const stmts = statementsOf(sql);
    if (!stmts) throw new NotReadable();
    return stmts.every((s) => {
      const [type, node] = Object.entries(s.stmt ?? {})[0] ?? [];
      return !!type && DATA_STATEMENTS.has(type) && !(type === 'SelectStmt' && (node as Json)?.intoClause);
    });
  };

  /**
   * The SQL an `EXECUTE` runs when it is one string constant (quoted or dollar-quoted) with no
   * parameters; undefined for text built by code (`format(…)`, `||`, a variable).
   */
  const constantText = (node: Json): string | undefined => {
    const written = node.query?.PLpgSQL_expr?.query;
    if (typeof written !== 'string' || node.params?.length) return undefined;
    const target = (statementsOf(`SELECT ${written}`)?.[0]?.stmt as Json)?.SelectStmt?.targetList;
    const value = target?.length === 1 ? target[0].ResTarget?.val?.A_Const?.sval?.sval : undefined;
    return typeof value === 'string' ? value : undefined;
  };

  /**
   * Whether `sql` changes what exists (alters a column's type or nullability, drops, renames) rather
   * than adding what may be missing (a table, an index, a type, a column, a constraint): under a
   * condition the replay cannot evaluate, the one is Unknown, the other is what its guard intends.
   */
  const changesExisting = (sql: string): boolean => {
    const stmts = statementsOf(sql);
    if (!stmts) return true;
    return stmts.some((s) => {
      const [type, node] = Object.entries(s.stmt ?? {})[0] ?? [];
      if (!type || DATA_STATEMENTS.has(type) || ADDING_STATEMENTS.has(type)) return false;
      if (type === 'AlterTableStmt') return ((node as Json).cmds ?? []).some((c: Json) => !ADDING_SUBCOMMANDS.has(c.AlterTableCmd?.subtype));
      return true;
    });
  };

  /**
   * Whether some SQL statement of an arm, at any depth, is one `test` accepts — without reading the
   * arm. Text an `EXECUTE` builds counts as one: what it runs is not known.
   */
  const someStatement = (list: Json[] | undefined, test: (sql: string) => boolean): boolean => {
    let found = false;
    const visit = (x: Json): void => {
      if (found || !x || typeof x !== 'object') return;
      if (Array.isArray(x)) {
        x.forEach(visit);
        return;
      }
      const dynamic = x.PLpgSQL_stmt_dynexecute;
      const sql = x.PLpgSQL_stmt_execsql?.sqlstmt?.PLpgSQL_expr?.query ?? (dynamic ? constantText(dynamic) : undefined);
      if ((dynamic && sql === undefined) || (typeof sql === 'string' && test(sql))) found = true;
      for (const v of Object.values(x)) visit(v);
    };
    visit(list);
    return found;
  };
  /** Whether an arm changes what exists anywhere (see changesExisting). */
  const changesExistingIn = (list: Json[] | undefined): boolean => someStatement(list, changesExisting);
  /** Whether an arm changes structure anywhere. */
  const changesStructure = (list: Json[] | undefined): boolean => someStatement(list, (sql) => !onlyData(sql));

  /** Whether a statement may leave the block (`RETURN`, or `EXIT` outside a loop): what follows it is then conditional. */
  const mayLeave = (x: Json, inLoop: boolean): boolean => {
    if (!x || typeof x !== 'object') return false;
    if (Array.isArray(x)) return x.some((y) => mayLeave(y, inLoop));
    return Object.entries(x).some(([k, v]) => k === 'PLpgSQL_stmt_return' || (k === 'PLpgSQL_stmt_exit' && !inLoop) || mayLeave(v, inLoop || LOOPS.has(k)));
  };

  const walk = (list: Json[] | undefined, outer: Context): void => {
    let ctx = outer;
    for (const entry of list ?? []) {
      const [kind, s] = Object.entries(entry ?? {})[0] ?? [];
      if (!kind) continue;
      const node = s as Json;
      // After `IF … THEN RETURN; END IF;` the rest runs only when the condition did not hold.
      if (!ctx.guard || ctx.guard === 'handler') {
        if (leftBefore) ctx = { ...ctx, guard: 'condition' };
      }
      /** A statement the block runs, at `offset` in the body: structure changed once, or rows anywhere. */
      const runs = (sql: string, offset: number): void => {
        if (ctx.inLoop && !onlyData(sql)) throw new NotReadable();
        segments.push({ sql, offset, ...(ctx.guard ? { guard: ctx.guard } : {}) });
      };
      if (kind === 'PLpgSQL_stmt_execsql') {
        const sql = node.sqlstmt?.PLpgSQL_expr?.query;
        if (typeof sql !== 'string') throw new NotReadable();
        runs(sql, offsetOf(sql, node.lineno ?? 1));
      } else if (kind === 'PLpgSQL_stmt_dynexecute' && constantText(node) !== undefined) {
        // `EXECUTE 'ALTER TYPE role ADD VALUE ''manager'''`: text written whole, run as it is written.
        const written = node.query.PLpgSQL_expr.query as string;
        // (Inside the quotes; a doubled quote makes later positions of that line one character off.)
        runs(constantText(node)!, offsetOf(written, node.lineno ?? 1) + (/^\$\w*\$/.exec(written)?.[0].length ?? 1));
      } else if (kind === 'PLpgSQL_stmt_perform') {
        // `PERFORM f(…)` is `SELECT f(…)` whose rows are dropped: read as that SELECT is.
        const sql = node.expr?.PLpgSQL_expr?.query;
        if (typeof sql !== 'string' || !onlyData(sql)) throw new NotReadable();
      } else if (kind === 'PLpgSQL_stmt_block') {
        const handlers: Json[] = node.exceptions?.PLpgSQL_exception_block?.exc_list ?? [];
        // A handler runs after a failure rolled the block back: one that changes structure is not read.
        for (const h of handlers) if (changesStructure(h.PLpgSQL_exception?.action)) throw new NotReadable();
        for (const h of handlers) walk(h.PLpgSQL_exception?.action, { guard: 'condition', inLoop: ctx.inLoop });
        walk(node.body, { guard: ctx.guard ?? (handlers.length ? 'handler' : undefined), inLoop: ctx.inLoop });
      } else if (kind === 'PLpgSQL_stmt_if' || kind === 'PLpgSQL_stmt_case') {
        const arms: (Json[] | undefined)[] = kind === 'PLpgSQL_stmt_if'
          ? [node.then_body, ...(node.elsif_list ?? []).map((e: Json) => e.PLpgSQL_if_elsif?.stmts), node.else_body]
          : [...(node.case_when_list ?? []).map((w: Json) => w.PLpgSQL_case_when?.stmts), node.else_stmts];
        // Arms are exclusive: replayed one after another, two that change structure could both
        // seem to apply. One arm may; the others only read or write rows.
        if (arms.filter((arm) => changesStructure(arm)).length > 1) throw new NotReadable();
        // `IF <already done> THEN RAISE … ELSE ALTER COLUMN id TYPE bigint …`: which arm runs on a
        // database the chain builds is a question the replay cannot answer, and an arm that changes
        // what exists would be replayed as run. (A lone `IF … THEN` is read as before: its guard.)
        if (arms.filter((arm) => arm?.length).length > 1 && arms.some((arm) => changesExistingIn(arm))) throw new NotReadable();
        for (const arm of arms) walk(arm, { guard: 'condition', inLoop: ctx.inLoop });
      } else if (LOOPS.has(kind)) {
        walk(node.body, { guard: 'condition', inLoop: true });
      } else if (!QUIET_STATEMENTS.has(kind)) {
        // EXECUTE of built text, CALL, COMMIT/ROLLBACK, anything else: not replayed.
        throw new NotReadable();
      }
      if (mayReturn && !leftBefore && mayLeave(entry, ctx.inLoop)) leftBefore = true;
    }
  };
  let leftBefore = false;
  // (Only a body that says RETURN or EXIT can leave early: the parser's own closing RETURN comes last.)
  const mayReturn = /\b(?:RETURN|EXIT)\b/i.test(body);

  try {
    walk([fn.action], { inLoop: false });
  } catch (e) {
    if (e instanceof NotReadable) return undefined;
    throw e;
  }
  return { segments, variables };
}
