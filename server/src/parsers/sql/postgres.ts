/**
 * Reads the DDL inside a migration's SQL strings with the real PostgreSQL parser (libpg-query,
 * PostgreSQL 18 compiled to WASM) into migration operations, each located at the exact line and
 * column inside the host file's string. What it cannot place becomes an `unknown` operation that
 * names the identifiers it mentions, so that rules stay silent about those tables only.
 */
import { foreignDdl } from './foreignDdl';
import type * as LibPgQuery from 'libpg-query';
import { ANY_SCHEMA_ON_PATH, DEFAULT_SEARCH_PATH, type ColumnSpec, type ForeignKeySpec, type IndexSpec, type MigrationOperation, type OperationBody, type TableRef } from '../../model/operations';
import { BOOKKEEPING_TABLES } from '../../model/bookkeeping';
import type { ColumnType } from '../../model/schema';
import { CompactLocation, type Location, type Position } from '../../model/source';
import { NOT_IN_POSTGRESQL, normaliseType } from '../../model/types';
import { blockStatements, type BlockSegment } from './plpgsqlBlock';

let loading: Promise<void> | undefined;
/** The parser, once loaded. Required lazily: loading it costs a process ~150 ms that only SQL needs. */
let pg: typeof LibPgQuery | undefined;

/**
 * Loads the parser's WASM module once; every read after it is synchronous. It never rejects: when
 * the module cannot load, each SQL string is recorded as unreadable (with the reason) instead.
 */
export function loadPostgresParser(): Promise<void> {
  if (!loading) {
    loading = (async () => {
      const module = require('libpg-query') as typeof LibPgQuery; // eslint-disable-line @typescript-eslint/no-require-imports
      await module.loadModule();
      pg = module;
    })().catch((e) => {
      loadError = (e as Error).message;
    });
  }
  return loading;
}

function parser(): typeof LibPgQuery {
  if (!pg) throw new Error(loadError ? `the PostgreSQL parser could not be loaded: ${loadError}` : 'the PostgreSQL parser is not loaded yet');
  return pg;
}

/** Why the parser could not be loaded, if it could not. */
export let loadError: string | undefined;

/** SQL text taken from a host file, and how to find each of its characters in that file. */
export interface SqlSource {
  file: string;
  sql: string;
  /** The file position of the SQL's character at `index` (UTF-16). */
  positionAt(index: number): Position;
}

/** A SQL source that is a whole file, or one contiguous piece of it starting at `start`. */
export function contiguousSqlSource(file: string, sql: string, start: Position = { line: 0, character: 0 }): SqlSource {
  const lineStarts = [0];
  for (let i = 0; i < sql.length; i++) if (sql.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return {
    file, sql,
    positionAt(index) {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= index) lo = mid;
        else hi = mid - 1;
      }
      return lo === 0 ? { line: start.line, character: start.character + index } : { line: start.line + lo, character: index - lineStarts[lo] };
    },
  };
}

// The parse tree is plain JSON: typed loosely on purpose, read defensively.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Parameter placeholders of drivers (`:name`, `%(name)s`, `%s`) that PostgreSQL's grammar does not know. */
function maskParameters(sql: string): string {
  const pad = (m: string) => `$1${' '.repeat(Math.max(0, m.length - 2))}`;
  return sql
    .replace(/(?<![:\w]):([A-Za-z_]\w*)/g, pad)
    .replace(/%\([A-Za-z_]\w*\)s|%s/g, pad);
}

/** libpg-query reports byte offsets into the UTF-8 text; positions are UTF-16 indexes. */
function byteToIndex(sql: string): (byte: number) => number {
  if (Buffer.byteLength(sql, 'utf8') === sql.length) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < sql.length; i++) {
    const code = sql.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (code >= 0x10000) i++;
  }
  return (b) => (b >= map.length ? sql.length : map[b]);
}

/**
 * The operations of every statement in `source`; `guarded` when the host code runs them
 * conditionally, `failureHandled` when its only guard is a `try` (MigrationOperation.failureHandled).
 */
export function readSqlOperations(source: SqlSource, guarded: boolean, failureHandled = false): MigrationOperation[] {
  const reader = new SqlReader(source, guarded, guarded && failureHandled);
  return reader.read();
}

/**
 * Parses SQL with PostgreSQL's parser; SQL it rejects only for SQLite's `AUTOINCREMENT` (TypeORM's
 * SQLite migrations: `"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL`), a modifier of the key's
 * numbering that changes no table, column or constraint, is parsed without it. The keyword is
 * blanked, not removed, so that every position in the text stays where it was.
 */
function parseSqliteTolerant(sql: string): Json {
  try {
    return parser().parseSync(sql) as Json;
  } catch (e) {
    if (!/\bAUTOINCREMENT\b/i.test(sql)) throw e;
    return parser().parseSync(sql.replace(/\bAUTOINCREMENT\b/gi, (w) => ' '.repeat(w.length))) as Json;
  }
}

/**
 * The statements of a SQL source, each a source of its own that places its characters where they
 * are in the host file; the whole source, as one, when PostgreSQL's parser rejects it. (What depends
 * on one statement — a part built by code in it — is then told apart from the others.)
 */
export function statementSources(source: SqlSource): SqlSource[] {
  let tree: Json;
  try {
    tree = parseSqliteTolerant(maskParameters(source.sql));
  } catch {
    return [source];
  }
  const toIndex = byteToIndex(source.sql);
  const out: SqlSource[] = [];
  for (const raw of tree.stmts ?? []) {
    const startByte = raw.stmt_location ?? 0;
    const start = toIndex(startByte);
    const end = raw.stmt_len ? toIndex(startByte + raw.stmt_len) : source.sql.length;
    out.push({ file: source.file, sql: source.sql.slice(start, end), positionAt: (i) => source.positionAt(start + i) });
  }
  return out;
}

/** Prefix of the identifier that stands, inside SQL, for a part the reader could not evaluate (see unknownParts.ts). */
export const COMPUTED_PART = 'schemasense_unknown_';

/** What rejected SQL creates and needs by its words (see foreignDdl.ts), where it says. */
function ddlOf(sql: string): { ddl?: { creates: string[]; needs: string[] } } {
  if (sql.includes(COMPUTED_PART)) return {};
  const ddl = foreignDdl(sql);
  return ddl ? { ddl } : {};
}

/** Identifiers a piece of SQL mentions, lower-cased (for what cannot be parsed). */
/** Words after which a table's name is written. */
const TABLE_NAME_BEFORE = new Set(['TABLE', 'INTO', 'UPDATE', 'JOIN', 'REFERENCES', 'FROM', 'EXISTS', 'ONLY']);

export function sqlMentions(sql: string): string[] {
  try {
    const names = new Set<string>();
    let previous = '';
    for (const t of parser().scanSync(sql).tokens) {
      // A reserved word where a table's name goes is that table's name in another dialect
      // (MySQL's `CREATE TABLE user (…)`, which PostgreSQL's grammar rejects), and so is one
      // MySQL quotes (`ALTER TABLE \`user\` …`).
      const named = t.keywordName === 'RESERVED_KEYWORD' && (TABLE_NAME_BEFORE.has(previous) || previous === '`');
      if (t.tokenName === 'IDENT' || (t.keywordKind !== 0 && (t.keywordName !== 'RESERVED_KEYWORD' || named) && /^[a-z_]/i.test(t.text))) {
        names.add(t.text.replace(/^"|"$/g, '').toLowerCase());
      }
      previous = t.text.toUpperCase();
    }
    return [...names];
  } catch {
    return (sql.match(/[A-Za-z_][\w$]*/g) ?? []).map((s) => s.toLowerCase());
  }
}

/** PL/pgSQL's `EXECUTE`, which runs SQL built as text (not a trigger's `EXECUTE FUNCTION`, not `GRANT EXECUTE ON`). */
const EXECUTE_TEXT = String.raw`\bEXECUTE\b(?!\s+(?:FUNCTION|PROCEDURE|ON)\b)`;
/** `EXECUTE <text>;`, its text's quotes skipped as quotes. */
const DYNAMIC_EXECUTE = new RegExp(String.raw`${EXECUTE_TEXT}((?:'(?:[^']|'')*'|[^';])*)`, 'gi');
const QUOTED = /'(?:[^']|'')*'/g;

/**
 * The words of the SQL a block runs as text: `EXECUTE format('ALTER TABLE %I …', 'accounts')` names
 * the tables it changes only inside quotes. The quotes of each EXECUTE's argument; where one runs a
 * variable (`EXECUTE stmt`), the quotes of the whole block, where that text was built.
 */
function executedWords(body: string): string[] {
  const quoted: string[] = [];
  for (const m of body.matchAll(DYNAMIC_EXECUTE)) {
    const texts = m[1].match(QUOTED);
    quoted.push(...(texts ?? body.match(QUOTED) ?? []));
  }
  return [...new Set(quoted.flatMap((q) => (q.match(/[A-Za-z_][\w$]*/g) ?? []).map((w) => w.toLowerCase())))];
}

/** `ALTER TABLE [ONLY] <name> DROP CONSTRAINT [IF EXISTS] %I` as a block formats it, the name looked up. */
const DROP_LOOKED_UP_CONSTRAINT = /^\s*ALTER\s+TABLE\s+(?:ONLY\s+)?((?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[A-Za-z_][\w$]*))?)\s+DROP\s+CONSTRAINT\s+(?:IF\s+EXISTS\s+)?%I\s*;?\s*$/i;

/**
 * The tables whose foreign keys a block drops by the names it looks up — `FOR r IN SELECT conname
 * FROM pg_constraint … WHERE contype = 'f' AND relname = 'user_file' LOOP EXECUTE format('ALTER TABLE
 * user_file DROP CONSTRAINT %I', r.conname); END LOOP;` (names vary across deployments) — lower-cased,
 * as written in each EXECUTE; undefined for a block that may do anything else.
 */
function foreignKeysDroppedBy(body: string): string[] | undefined {
  if (!/\bcontype\s*=\s*'f'/i.test(body)) return undefined;
  const tables = new Set<string>();
  for (const m of body.matchAll(DYNAMIC_EXECUTE)) {
    const text = m[1].match(QUOTED)?.[0];
    const drop = text ? DROP_LOOKED_UP_CONSTRAINT.exec(text.slice(1, -1).replace(/''/g, "'")) : null;
    if (!drop) return undefined;
    const name = drop[1].split('.').pop()!.trim();
    tables.add(name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"').toLowerCase() : name.toLowerCase());
  }
  // Outside the text it runs, the block only reads (the lookup, the loop).
  const rest = body.replace(QUOTED, "''").replace(DYNAMIC_EXECUTE, ' ');
  return tables.size && !/\b(?:CREATE|ALTER|DROP|RENAME|TRUNCATE|COMMENT|GRANT|REVOKE|PERFORM|INSERT|UPDATE|DELETE|EXECUTE)\b/i.test(rest) ? [...tables] : undefined;
}

const QUALIFIED_NAME = /^(?:"(?:[^"]|"")*"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)){0,2}/;

/** One SQLite `PRAGMA name`, `PRAGMA name = value` or `PRAGMA name(arg)` statement, trimmed. */
const PRAGMA_STATEMENT = /^PRAGMA\s+[\w.]+(?:\s*=\s*[\w'"-]+|\s*\([\w'"-]*\))?$/i;

/**
 * Whether the SQL is nothing but SQLite `PRAGMA` statements (and comments). Split on `;` rather than
 * matched by one pattern: a pattern of optional blanks and comments backtracks exponentially on a
 * long run of blanks before any other statement.
 */
function onlySqlitePragmas(sql: string): boolean {
  if (!/\bPRAGMA\b/i.test(sql)) return false;
  const statements = sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ').split(';').map((s) => s.trim()).filter(Boolean);
  return statements.length > 0 && statements.every((s) => PRAGMA_STATEMENT.test(s));
}

/** Words that begin a statement that reads or writes rows and changes no table (in any dialect: MySQL's `REPLACE`). */
const DATA_STATEMENT_START = new Set(['insert', 'update', 'delete', 'select', 'replace', 'with', 'values']);
/** Words of statements that change tables, anywhere in the text: their presence keeps SQL Unknown. */
const SCHEMA_WORDS = new Set(['create', 'alter', 'drop', 'rename', 'do', 'call', 'execute']);

/**
 * Whether SQL that PostgreSQL's parser rejects is nothing but statements that read or write rows:
 * MySQL's `UPDATE a INNER JOIN b …`, SQLite's `INSERT OR IGNORE`, `WHERE id IN :ids` (a driver
 * expands the tuple). Whatever their dialect, such statements change no table, column or index,
 * so they are data, not unread schema. Read with PostgreSQL's scanner, which tokenises what its
 * grammar rejects: each statement must start with a data word, and no word that may change a
 * table (`CREATE`, `ALTER`, `DROP`, `RENAME`, a `DO` block, a procedure call) may appear anywhere.
 */
function onlyDataStatements(sql: string): boolean {
  let tokens: { text: string; tokenName: string; keywordName: string }[];
  try {
    tokens = parser().scanSync(sql).tokens;
  } catch {
    return false;
  }
  let first: string | undefined;
  let statements = 0;
  for (const t of tokens) {
    if (t.text === ';') {
      first = undefined;
      continue;
    }
    const word = t.keywordName !== 'NO_KEYWORD' || t.tokenName === 'IDENT' ? t.text.toLowerCase() : undefined;
    if (word && SCHEMA_WORDS.has(word)) return false;
    if (first === undefined) {
      if (!word || !DATA_STATEMENT_START.has(word)) return false;
      first = word;
      statements++;
    } else if (word === 'into' && first !== 'insert' && first !== 'replace') {
      // `SELECT … INTO new_table` creates a table.
      return false;
    }
  }
  return statements > 0;
}


/** PL/pgSQL's own statements, which the SQL parser may read as something else (`IF NOT EXISTS` of a CREATE aside). */
const PLPGSQL_STATEMENT = new RegExp(String.raw`\b(?:BEGIN|END|DECLARE|PERFORM|RAISE|RETURN|LOOP|THEN|ELSE|ELSIF|FOR|WHILE|EXIT|CONTINUE|GET)\b|:=|${EXECUTE_TEXT}`, 'i');

function plainSql(text: string): boolean {
  return !PLPGSQL_STATEMENT.test(text.replace(/\bIF\s+(?:NOT\s+)?EXISTS\b/gi, ' '));
}

/**
 * The block's statements with each `RAISE …;` (a message, or an exception that aborts the migration:
 * `IF EXISTS (SELECT … orphans …) THEN RAISE EXCEPTION '…'; END IF;`) blanked to spaces of the same
 * length: neither changes the schema. Only at the start of a statement (after `;`, `BEGIN`, `THEN`,
 * `ELSE` or the start), its message's quotes skipped as quotes.
 */
function withoutRaise(statements: string): string {
  return statements.replace(/((?:^|;|\bTHEN\b|\bELSE\b|\bBEGIN\b)\s*)(RAISE\b(?:'(?:[^']|'')*'|[^';])*;)/gi, (_all, lead: string, raise: string) => lead + ' '.repeat(raise.length));
}

/**
 * The statements of a PL/pgSQL block made of SQL statements between `BEGIN` and `END` — plain, or
 * under `IF <condition> THEN … END IF;` (conditional: the condition is a question to the database,
 * often `NOT EXISTS (SELECT … FROM pg_type …)`) — optionally followed by a handler that ignores
 * errors (`EXCEPTION WHEN duplicate_object THEN null;`): their text and offsets in the body, and
 * whether each runs only under a condition (an IF, or a handler that may swallow its failure).
 * A `DECLARE` section of variables is read as their names (`SELECT … INTO` one assigns it); `RAISE`
 * changes nothing. Undefined for any other block (loops, ELSE arms, EXECUTE, a handler that acts);
 * whether the statements are plain SQL is for PostgreSQL's parser to say.
 */
function plainBlock(body: string): { segments: BlockSegment[]; variables: ReadonlySet<string> } | undefined {
  // `DECLARE n integer; …`: the block's variables, which `SELECT count(*) INTO n FROM …` assigns
  // (each a name and a type, its default a literal: a default a function computes may do anything).
  const declare = /^\s*DECLARE\b([^$]*?)(?=\bBEGIN\b)/i.exec(body);
  const variables = new Set<string>();
  for (const decl of declare ? declare[1].split(';') : []) {
    const name = /^\s*([A-Za-z_]\w*)\s+\w/.exec(decl);
    const initial = decl.split(/:=|\bDEFAULT\b/i)[1];
    if (name && !(initial && /\(/.test(initial.replace(QUOTED, "''")))) variables.add(name[1].toLowerCase());
    else if (decl.trim()) return undefined;
  }
  const declared = declare?.[0].length ?? 0;
  const begin = /^\s*BEGIN\b/i.exec(body.slice(declared));
  const end = /\bEND\s*;?\s*$/i.exec(body);
  if (!begin || !end || end.index < declared + begin[0].length) return undefined;
  const base = declared + begin[0].length;
  // (RAISEs blanked first: `RAISE EXCEPTION` does not start the handler section.)
  const inside = withoutRaise(body.slice(base, end.index));
  const exception = /\bEXCEPTION\b/i.exec(inside);
  const statements = exception ? inside.slice(0, exception.index) : inside;
  if (exception) {
    const handler = inside.slice(exception.index + exception[0].length);
    // Each action `WHEN <conditions> THEN NULL;` (split on `;`: no pattern that backtracks).
    const actions = handler.split(';');
    if (actions.pop()?.trim() !== '' || !actions.length) return undefined;
    if (!actions.every((a) => /^\s*WHEN\b[\w\s]*\bTHEN\s+NULL\s*$/i.test(a))) return undefined;
  }
  const segments: BlockSegment[] = [];
  let i = 0;
  while (i < statements.length) {
    const rest = statements.slice(i);
    const lead = /^\s*/.exec(rest)![0].length;
    if (lead === rest.length) break;
    const at = i + lead;
    const here = statements.slice(at);
    if (/^IF\b/i.test(here)) {
      // `IF <condition> THEN <statements> END IF;`: the statements, under the condition.
      const then = /\bTHEN\b/i.exec(here);
      const endIf = /\bEND\s+IF\s*;/i.exec(here);
      if (!then || !endIf || endIf.index < then.index) return undefined;
      const arm = here.slice(then.index + then[0].length, endIf.index);
      if (!plainSql(arm)) return undefined;
      // (An arm left blank, its RAISE aside, changes nothing.)
      if (arm.trim()) segments.push({ sql: arm, offset: base + at + then.index + then[0].length, guard: 'condition' });
      i = at + endIf.index + endIf[0].length;
      continue;
    }
    const next = /(;\s*)IF\b|^IF\b/im.exec(here.slice(1));
    // Up to the next IF arm (after a `;`, or at the start of a line), or the end: plain statements.
    const stop = next ? 1 + next.index + (next[1]?.length ?? 0) : here.length;
    const sql = here.slice(0, stop);
    if (!plainSql(sql)) return undefined;
    segments.push({ sql, offset: base + at });
    i = at + stop;
  }
  if (exception) for (const s of segments) s.guard ??= 'handler';
  return { segments, variables };
}

class SqlReader {
  private readonly toIndex: (byte: number) => number;
  private readonly ops: MigrationOperation[] = [];
  /** Location of the statement being read. */
  private statement!: Location;
  private statementGuarded = false;
  private statementStart = 0;

  constructor(
    private readonly source: SqlSource, private readonly guarded: boolean, private readonly failureHandled = false,
    /** Inside a DO block's section an EXCEPTION handler guards: a failure rolls back to its savepoint. */
    private readonly savepoint = false,
    /** The variables of the DO block the statements are in: `SELECT … INTO` one assigns it, it makes no table. */
    private readonly variables: ReadonlySet<string> = new Set(),
  ) {
    this.toIndex = byteToIndex(source.sql);
  }

  read(): MigrationOperation[] {
    // No SQL at all (an empty migration file, kept for a database that needs none): nothing to do.
    if (!this.source.sql) return this.ops;
    const masked = maskParameters(this.source.sql);
    // SQLite's `PRAGMA foreign_keys=OFF` (around a batch table copy): a setting of the connection,
    // no table or column changes. PostgreSQL's parser rejects it; it is not unread SQL.
    if (onlySqlitePragmas(masked)) return this.ops;
    let tree: Json;
    try {
      tree = parseSqliteTolerant(masked);
    } catch (e) {
      // Rows read or written in another dialect's syntax: no table changes, nothing unread.
      if (onlyDataStatements(masked)) return this.ops;
      this.ops.push({
        kind: 'unknown', description: `SQL that PostgreSQL's parser rejects: ${(e as Error).message}`,
        mentions: sqlMentions(masked), location: this.range(0, this.source.sql.length), guarded: this.guarded,
        // (SQL with a part built by code may fail only for the stand-in of that part.)
        ...(this.source.sql.includes(COMPUTED_PART) ? {} : { rejected: (e as Error).message }),
        ...ddlOf(masked),
      });
      return this.ops;
    }
    for (const raw of tree.stmts ?? []) {
      const startByte = raw.stmt_location ?? 0;
      let start = this.toIndex(startByte);
      const end = raw.stmt_len ? this.toIndex(startByte + raw.stmt_len) : this.source.sql.length;
      // A statement's span starts right after the previous `;`: skip blanks and comments.
      const lead = /^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/.exec(this.source.sql.slice(start, end));
      if (lead) start += lead[0].length;
      this.statement = this.range(start, end);
      this.statementStart = start;
      this.statementGuarded = false;
      const [type, node] = Object.entries(raw.stmt ?? {})[0] ?? [];
      if (type) this.readStatement(type, node, start, end);
    }
    return this.ops;
  }

  /**
   * `DO $$ BEGIN ALTER TABLE … ADD CONSTRAINT …; EXCEPTION WHEN duplicate_object THEN null; END $$`:
   * a block of plain SQL statements, made idempotent by a handler that ignores their errors, is read
   * as those statements (guarded when a handler may swallow their failure). False for any other
   * block (variables, IF, loops, a handler that does something): it stays Unknown.
   */
  /**
   * A DO block's statements, read as plain `BEGIN … END` (see plainBlock) or, failing that, as
   * PostgreSQL's PL/pgSQL parser reads the body (see blockStatements); false when neither reads it.
   */
  private readBlock(body: string, start: number, end: number): boolean {
    const block = plainBlock(body) ?? blockStatements(body, parser());
    if (!block) return false;
    const { segments, variables } = block;
    // Where the body is in the statement's text, for the inner statements' positions.
    const at = this.source.sql.slice(start, end).indexOf(body);
    if (at < 0) return false;
    const ops: MigrationOperation[] = [];
    for (const segment of segments) {
      const offset = start + at + segment.offset;
      const inner: SqlSource = { file: this.source.file, sql: segment.sql, positionAt: (i) => this.source.positionAt(offset + i) };
      const failureHandled = segment.guard === 'handler' ? !this.guarded || this.failureHandled : !segment.guard && this.failureHandled;
      const read = new SqlReader(inner, this.guarded || !!segment.guard, failureHandled, this.savepoint || segment.guard === 'handler', variables).read();
      if (read.some((op) => op.kind === 'unknown' && /parser rejects/.test(op.description))) return false;
      ops.push(...read);
    }
    this.ops.push(...ops);
    return true;
  }

  /** `SET [LOCAL] search_path TO a, b` (or back to its default); one computed by code is Unknown. */
  private readSearchPath(n: Json): void {
    if (n.kind === 'VAR_SET_DEFAULT' || n.kind === 'VAR_RESET') {
      this.push({ kind: 'set-search-path', schemas: [...DEFAULT_SEARCH_PATH] });
      return;
    }
    const schemas = (n.args ?? []).map((a: Json) => a.A_Const?.sval?.sval as string | undefined);
    // A schema written by code (`SET search_path TO ${schema}`): any schema may be on the path.
    const computed = n.kind !== 'VAR_SET_VALUE' || !schemas.length || schemas.some((x: string | undefined) => !x || x.startsWith(COMPUTED_PART));
    this.push({ kind: 'set-search-path', schemas: computed ? [ANY_SCHEMA_ON_PATH] : schemas });
  }

  private range(start: number, end: number): Location {
    const from = this.source.positionAt(start);
    const to = this.source.positionAt(end);
    return new CompactLocation(this.source.file, from.line, from.character, to.line, to.character);
  }

  private push(body: OperationBody, guarded = false): void {
    const own = guarded || this.statementGuarded;
    this.ops.push({ ...body, location: this.statement, guarded: this.guarded || own, ...(this.failureHandled && !own ? { failureHandled: true } : {}), ...(this.failureHandled && !own && this.savepoint ? { failureRolledBackAlone: true } : {}) } as MigrationOperation);
  }

  private readStatement(type: string, n: Json, start: number, end: number): void {
    switch (type) {
      case 'CreateSchemaStmt':
        if (n.schemaname) this.push({ kind: 'create-schema', schema: n.schemaname }, !!n.if_not_exists);
        return;
      case 'CreateStmt':
        this.readCreateTable(n);
        return;
      case 'CreateTableAsStmt': {
        const rel = n.into?.rel;
        if (rel && n.objtype === 'OBJECT_MATVIEW') this.push({ kind: 'create-view', table: this.tableRef(rel), materialized: true }, !!n.if_not_exists);
        else if (rel) {
          const copiedFrom = n.into.colNames ? undefined : this.columnsCopied(n.query?.SelectStmt);
          this.push({ kind: 'create-table', table: this.tableRef(rel), columns: [], primaryKey: [], foreignKeys: [], indexes: [], incomplete: true, ...(copiedFrom ? { copiedFrom } : {}), ...(rel.relpersistence === 't' ? { temporary: true } : {}) }, !!n.if_not_exists);
        }
        return;
      }
      case 'InsertStmt':
      case 'UpdateStmt':
      case 'DeleteStmt': {
        // Rows written: the statement changes no structure, but fails where its table does not exist
        // (a seed sorted before the migration that creates the table). The tools' own tables
        // (TypeORM's `typeorm_metadata` of its views) are theirs to make; a block's variable is no table.
        const rel = n.relation;
        if (!rel?.relname || BOOKKEEPING_TABLES.has(String(rel.relname)) || (!rel.schemaname && this.variables.has(String(rel.relname).toLowerCase()))) return;
        this.push({ kind: 'use-table', table: this.tableRef(rel) });
        return;
      }
      case 'SelectStmt': {
        // `SELECT … INTO new_table FROM …` creates a table as CREATE TABLE … AS does; any other SELECT reads rows.
        const rel = n.intoClause?.rel;
        if (rel && !rel.schemaname && this.variables.has(String(rel.relname).toLowerCase())) return;
        if (rel) this.push({ kind: 'create-table', table: this.tableRef(rel), columns: [], primaryKey: [], foreignKeys: [], indexes: [], incomplete: true, ...(rel.relpersistence === 't' ? { temporary: true } : {}) });
        return;
      }
      case 'ViewStmt':
        if (n.view) this.push({ kind: 'create-view', table: this.tableRef(n.view), materialized: false }, !!n.replace);
        return;
      case 'AlterTableStmt':
        if (n.objtype === 'OBJECT_TABLE' && n.relation) this.readAlterTable(n);
        return;
      case 'IndexStmt':
        this.readCreateIndex(n);
        return;
      case 'DropStmt':
        this.readDrop(n);
        return;
      case 'RenameStmt':
        this.readRename(n);
        return;
      case 'AlterObjectSchemaStmt':
        if (n.objectType === 'OBJECT_TABLE' && n.relation && n.newschema) {
          this.push({ kind: 'set-table-schema', table: this.tableRef(n.relation), newSchema: n.newschema }, !!n.missing_ok);
        }
        return;
      case 'CreateEnumStmt': {
        const names = strings(n.typeName);
        if (names.length) {
          this.push({ kind: 'create-enum', name: names[names.length - 1], schema: names.length > 1 ? names[names.length - 2] : undefined, values: strings(n.vals) });
        }
        return;
      }
      case 'DoStmt': {
        // (`DO $$ … $$ LANGUAGE plpgsql`: the body is the `as` argument, the language another.)
        const body = (n.args ?? []).filter((a: Json) => a.DefElem?.defname === 'as').map((a: Json) => a.DefElem?.arg?.String?.sval ?? '').join(' ');
        if (this.readBlock(body, start, end)) return;
        // A PL/pgSQL block (often `IF NOT EXISTS … THEN CREATE …`): not replayed, its names silence rules.
        const keysOf = foreignKeysDroppedBy(body);
        if (keysOf) this.push({ kind: 'unknown', description: 'foreign keys dropped by the names a DO block looks up', mentions: keysOf, only: 'foreign-keys' }, true);
        else this.push({ kind: 'unknown', description: 'a DO block', mentions: [...new Set([...sqlMentions(body), ...executedWords(body)])] }, true);
        return;
      }
      case 'CreateExtensionStmt':
        if (n.extname) this.push({ kind: 'create-extension', name: String(n.extname) }, !!n.if_not_exists);
        return;
      case 'CreateFunctionStmt':
      case 'CreateTrigStmt':
      case 'CommentStmt':
      case 'GrantStmt':
      case 'GrantRoleStmt':
      case 'VariableSetStmt':
        if (String(n.name).toLowerCase() === 'search_path') this.readSearchPath(n);
        return;
      case 'VariableShowStmt':
      case 'ConstraintsSetStmt':
      case 'PrepareStmt':
      case 'ExecuteStmt':
      case 'DeallocateStmt':
      case 'AlterEnumStmt': {
        // `ALTER TYPE "public"."mood" ADD VALUE IF NOT EXISTS 'calm'`, `RENAME VALUE 'sad' TO 'blue'`.
        const names = strings(n.typeName);
        if (names.length && n.newVal !== undefined) {
          this.push({
            kind: 'alter-enum', name: names[names.length - 1], ...(names.length > 1 ? { schema: names[names.length - 2] } : {}),
            ...(n.oldVal !== undefined ? { renameValue: { from: String(n.oldVal), to: String(n.newVal) } } : { addValue: String(n.newVal) }),
          });
        }
        return;
      }
      case 'CreateSeqStmt':
      case 'AlterSeqStmt':
      case 'TransactionStmt':
      case 'LockStmt':
      case 'CreatePolicyStmt':
      case 'TruncateStmt':
      case 'CopyStmt':
      case 'VacuumStmt':
      case 'ReindexStmt':
      case 'ClusterStmt':
      case 'RefreshMatViewStmt':
      case 'NotifyStmt':
      case 'ListenStmt':
      case 'UnlistenStmt':
      case 'DiscardStmt':
      case 'CheckPointStmt':
      case 'ExplainStmt':
      case 'AlterFunctionStmt':
      case 'AlterOwnerStmt':
      case 'AlterDefaultPrivilegesStmt':
      case 'CreateRoleStmt':
      case 'AlterRoleStmt':
      case 'AlterRoleSetStmt':
      case 'DropRoleStmt':
      case 'AlterPolicyStmt':
      case 'CreateEventTrigStmt':
      case 'CreateStatsStmt':
      case 'SecLabelStmt':
      case 'CreatePublicationStmt':
      case 'AlterPublicationStmt':
      case 'CreateSubscriptionStmt':
      case 'AlterSubscriptionStmt':
      case 'DropSubscriptionStmt':
      case 'DefineStmt':
      case 'CompositeTypeStmt':
      case 'CreateDomainStmt':
        // Data (rows, not columns: TRUNCATE, COPY; PREPARE takes only DML), session settings, maintenance,
        // and objects the schema model does not hold: logical replication's publications and
        // subscriptions (`ALTER PUBLICATION … ADD TABLE t` publishes t's rows, it changes no column),
        // aggregates, operators, composite and base types, domains.
        return;
      default:
        this.push({ kind: 'unknown', description: `a ${type.replace(/Stmt$/, '')} statement`, mentions: sqlMentions(this.source.sql.slice(start, end)) });
    }
  }

  /** A table as the statement names it, with the exact range of its (qualified) name. */
  /**
   * The table and columns a `SELECT` copies as they are: one table (no join, subquery, set operation
   * or CTE) and a list of `*` or of its columns, each perhaps renamed (`SELECT id, name AS label`).
   * Undefined for any other query (an expression, an aggregate): its columns are Unknown.
   */
  private columnsCopied(select: Json): (MigrationOperation & { kind: 'create-table' })['copiedFrom'] {
    if (!select || select.withClause || select.valuesLists || (select.op && select.op !== 'SETOP_NONE') || select.groupClause || select.distinctClause) return undefined;
    const from = select.fromClause;
    const rel = from?.length === 1 ? from[0].RangeVar : undefined;
    if (!rel) return undefined;
    const columns: { name: string; as: string }[] = [];
    let star = false;
    for (const target of select.targetList ?? []) {
      const fields: Json[] | undefined = target.ResTarget?.val?.ColumnRef?.fields;
      if (!fields?.length || fields.length > 2) return undefined;
      const last = fields[fields.length - 1];
      // (`t.col` names the one table by its name or alias, or it is not this query's.)
      const qualifier = fields.length === 2 ? fields[0].String?.sval : undefined;
      if (fields.length === 2 && qualifier !== rel.relname && qualifier !== rel.alias?.aliasname) return undefined;
      if (last.A_Star) {
        if (target.ResTarget.name || select.targetList.length > 1) return undefined;
        star = true;
      } else if (last.String?.sval) columns.push({ name: last.String.sval, as: target.ResTarget.name ?? last.String.sval });
      else return undefined;
    }
    if (!star && !columns.length) return undefined;
    return { table: this.tableRef(rel), columns: star ? '*' : columns };
  }

  private tableRef(rel: Json): TableRef {
    const start = this.toIndex(rel.location ?? 0);
    const m = QUALIFIED_NAME.exec(this.source.sql.slice(start));
    const len = m ? m[0].length : (rel.relname as string).length;
    const location = this.range(start, start + len);
    const ref: TableRef = { name: rel.relname, location };
    if (rel.schemaname) ref.schema = rel.schemaname;
    if (m) ref.text = { value: m[0], location, includesSchema: !!rel.schemaname };
    return ref;
  }

  private at(byteLocation: number | undefined, length = 1): Location {
    if (byteLocation === undefined || byteLocation < 0) return this.statement;
    const start = this.toIndex(byteLocation);
    const ident = QUALIFIED_NAME.exec(this.source.sql.slice(start));
    return this.range(start, start + (ident ? ident[0].length : length));
  }

  private readCreateTable(n: Json): void {
    const table = this.tableRef(n.relation);
    const columns: ColumnSpec[] = [];
    const primaryKey: string[] = [];
    const foreignKeys: ForeignKeySpec[] = [];
    const indexes: IndexSpec[] = [];
    // (`CONSTRAINT "PK_2829…" PRIMARY KEY (id)`, TypeORM's way: the key's index has that name, not `<table>_pkey`.)
    const key: { name?: string } = {};
    // (A partition has its parent's columns: the replay gives them; other inheritance adds columns unseen here.)
    const partition = !!n.partbound && n.inhRelations?.length === 1;
    let incomplete = !partition && !!(n.inhRelations?.length || n.partbound);
    for (const elt of n.tableElts ?? []) {
      if (elt.ColumnDef) {
        const col = this.columnSpec(elt.ColumnDef);
        columns.push(col);
        if (col.primaryKey) primaryKey.push(col.name);
        const named = (elt.ColumnDef.constraints as Json[] | undefined)?.find((c) => c.Constraint?.contype === 'CONSTR_PRIMARY')?.Constraint?.conname;
        if (named) key.name = named;
      } else if (elt.Constraint) {
        this.tableConstraint(elt.Constraint, { primaryKey, foreignKeys, indexes, key });
      } else {
        incomplete = true; // LIKE other_table
      }
    }
    // `PARTITION OF parent FOR VALUES …`: the parent is its one inherited relation.
    const partitionOf = partition ? this.tableRef(n.inhRelations[0].RangeVar ?? n.inhRelations[0]) : undefined;
    this.push({
      kind: 'create-table', table, columns, primaryKey, foreignKeys, indexes, incomplete: incomplete || undefined,
      ...(key.name && primaryKey.length ? { primaryKeyName: key.name } : {}),
      ...(n.relation?.relpersistence === 't' ? { temporary: true } : {}), ...(partitionOf ? { partitionOf } : {}),
    }, !!n.if_not_exists);
  }

  private tableConstraint(c: Json, into: { primaryKey: string[]; foreignKeys: ForeignKeySpec[]; indexes: IndexSpec[]; key: { name?: string } }): void {
    const location = this.at(c.location, 10);
    switch (c.contype) {
      case 'CONSTR_PRIMARY':
        into.primaryKey.splice(0, into.primaryKey.length, ...strings(c.keys));
        if (c.conname) into.key.name = c.conname;
        return;
      case 'CONSTR_UNIQUE':
        into.indexes.push({ name: c.conname, columns: strings(c.keys), unique: true, location });
        return;
      case 'CONSTR_FOREIGN':
        into.foreignKeys.push(this.foreignKey(c, strings(c.fk_attrs)));
        return;
      default:
    }
  }

  private foreignKey(c: Json, columns: string[]): ForeignKeySpec {
    const fk: ForeignKeySpec = {
      columns,
      target: { ...this.tableRef(c.pktable), columns: strings(c.pk_attrs) },
      location: this.at(c.location, 10),
    };
    if (c.conname) fk.name = c.conname;
    return fk;
  }

  private columnSpec(def: Json): ColumnSpec {
    const col: ColumnSpec = {
      name: def.colname, primaryKey: false, unique: false, index: false, foreignKeys: [],
      location: this.at(def.location),
    };
    const type = this.columnType(def.typeName);
    if (type) col.type = type;
    let nullable = true;
    for (const { Constraint: c } of def.constraints ?? []) {
      if (!c) continue;
      switch (c.contype) {
        case 'CONSTR_NOTNULL': nullable = false; break;
        case 'CONSTR_PRIMARY': col.primaryKey = true; nullable = false; break;
        case 'CONSTR_UNIQUE':
          col.unique = true;
          if (c.conname) col.uniqueName = c.conname;
          break;
        case 'CONSTR_FOREIGN': col.foreignKeys.push(this.foreignKey(c, [def.colname])); break;
        case 'CONSTR_DEFAULT': if (c.raw_expr) col.serverDefault = this.expressionText(c.raw_expr); break;
        default:
      }
    }
    // serial, bigserial and smallserial are NOT NULL by definition.
    col.nullable = nullable && !/^(small|big)?serial[248]?$/i.test(strings(def.typeName?.names ?? []).pop() ?? '');
    return col;
  }

  private columnType(typeName: Json): ColumnType | undefined {
    if (!typeName) return undefined;
    const names = strings(typeName.names).filter((s) => s !== 'pg_catalog');
    if (!names.length) return undefined;
    const base = names[names.length - 1];
    const args = (typeName.typmods ?? []).map((m: Json) => m.A_Const?.ival?.ival).filter((x: unknown): x is number => typeof x === 'number');
    const element = normaliseType(base, base, { args });
    // The parser lowers unquoted names: one with capitals was quoted ("enum_Services_type"), a type
    // of the database's own (an enum, a domain) named with that case — never a built-in type.
    if (/[A-Z]/.test(base)) element.name = base;
    if (typeName.arrayBounds?.length) return normaliseType('array', `${base}[]`, { elementType: element });
    const type = normaliseType(base, `${names.join('.')}${args.length ? `(${args.join(', ')})` : ''}`, { args });
    if (/[A-Z]/.test(base)) type.name = base;
    // `datetime`, `longtext` (SQL written for MySQL): PostgreSQL's parser takes the name, its catalog has no such type.
    else if (names.length === 1 && NOT_IN_POSTGRESQL.has(base)) type.notInPostgresql = base;
    return type;
  }

  /** The SQL text of an expression (a DEFAULT), cut at the end of the expression. */
  private expressionText(expr: Json): string {
    let min = Infinity;
    const visit = (x: Json) => {
      if (!x || typeof x !== 'object') return;
      if (typeof x.location === 'number' && x.location >= 0) min = Math.min(min, x.location);
      for (const v of Object.values(x)) visit(v);
    };
    visit(expr);
    if (min === Infinity) return '';
    const sql = this.source.sql;
    let i = this.toIndex(min);
    // TypeCast locations point at `::`; a literal before it starts earlier.
    const start = i;
    let depth = 0;
    for (; i < sql.length; i++) {
      const ch = sql[i];
      if (ch === "'") {
        i = sql.indexOf("'", i + 1);
        while (i >= 0 && sql[i + 1] === "'") i = sql.indexOf("'", i + 2);
        if (i < 0) { i = sql.length; break; }
      } else if (ch === '(') depth++;
      else if (ch === ')') {
        if (depth === 0) break;
        depth--;
      } else if ((ch === ',' || ch === ';') && depth === 0) break;
      else if (depth === 0 && /\s/.test(ch) && /^\s+(NOT\s+NULL|NULL|PRIMARY|UNIQUE|REFERENCES|CHECK|CONSTRAINT|COLLATE|GENERATED)\b/i.test(sql.slice(i))) break;
    }
    return sql.slice(start, i).trim();
  }

  private readAlterTable(n: Json): void {
    const table = this.tableRef(n.relation);
    this.statementGuarded = !!n.missing_ok;
    for (const { AlterTableCmd: cmd } of n.cmds ?? []) {
      if (!cmd) continue;
      const columnLocation = this.statement;
      switch (cmd.subtype) {
        case 'AT_AddColumn':
          // MySQL's `ADD INDEX name (a, b)` / `ADD KEY name (a)` parses here as a column named
          // "index" of a type `name(a, b)`, which PostgreSQL has none of: an index of another
          // dialect's, Unknown (never a column).
          if (cmd.def?.ColumnDef && /^(?:index|key)$/.test(cmd.def.ColumnDef.colname ?? '') && cmd.def.ColumnDef.typeName?.typmods?.some((m: Json) => m?.ColumnRef)) {
            this.push({ kind: 'unknown', description: "MySQL's ADD INDEX (an index PostgreSQL's grammar reads as a column)", mentions: [table.name], only: 'indexes' }, !!cmd.missing_ok);
          } else if (cmd.def?.ColumnDef) this.push({ kind: 'add-column', table, column: this.columnSpec(cmd.def.ColumnDef) }, !!cmd.missing_ok);
          break;
        case 'AT_DropColumn':
          this.push({ kind: 'drop-column', table, column: cmd.name, columnLocation }, !!cmd.missing_ok);
          break;
        case 'AT_AlterColumnType': {
          const type = this.columnType(cmd.def?.ColumnDef?.typeName);
          this.push({ kind: 'alter-column', table, column: cmd.name, columnLocation, ...(type ? { type } : {}) });
          break;
        }
        case 'AT_SetNotNull':
        case 'AT_DropNotNull':
          this.push({ kind: 'alter-column', table, column: cmd.name, columnLocation, nullable: cmd.subtype === 'AT_DropNotNull' });
          break;
        case 'AT_ColumnDefault':
          this.push({ kind: 'alter-column', table, column: cmd.name, columnLocation, serverDefault: cmd.def ? this.expressionText(cmd.def) : null });
          break;
        case 'AT_AddConstraint': {
          const c = cmd.def?.Constraint;
          if (!c) break;
          if (c.contype === 'CONSTR_FOREIGN') this.push({ kind: 'add-foreign-key', table, foreignKey: this.foreignKey(c, strings(c.fk_attrs)) });
          // `UNIQUE USING INDEX idx`: the index becomes the constraint, renamed to its name (when it has one).
          else if (c.contype === 'CONSTR_UNIQUE' && c.indexname) {
            if (c.conname && c.conname !== c.indexname) this.push({ kind: 'rename-index', name: c.indexname, ...(table.schema ? { schema: table.schema } : {}), newName: c.conname });
          } else if (c.contype === 'CONSTR_UNIQUE') this.push({ kind: 'add-unique', table, index: { name: c.conname, columns: strings(c.keys), unique: true, location: this.at(c.location, 10) } });
          else if (c.contype === 'CONSTR_PRIMARY' && c.indexname) this.push({ kind: 'add-primary-key', table, columns: [], usingIndex: c.indexname, ...(c.conname ? { name: c.conname } : {}) });
          else if (c.contype === 'CONSTR_PRIMARY') this.push({ kind: 'add-primary-key', table, columns: strings(c.keys), ...(c.conname ? { name: c.conname } : {}) });
          break;
        }
        case 'AT_DropConstraint':
          if (cmd.name) this.push({ kind: 'drop-constraint', table, name: cmd.name }, !!cmd.missing_ok);
          break;
        case 'AT_ReplicaIdentity': {
          const r = cmd.def?.ReplicaIdentityStmt;
          const identity = r?.identity_type === 'f' ? 'full' : r?.identity_type === 'n' ? 'nothing' : r?.identity_type === 'd' ? 'default' : r?.identity_type === 'i' && r.name ? { index: r.name as string } : undefined;
          // (Of a tool's own table — TypeORM's `typeorm_metadata`, replicated by some — the tool makes it.)
          if (identity && !BOOKKEEPING_TABLES.has(table.name)) this.push({ kind: 'set-replica-identity', table, identity });
          break;
        }
        default:
          // Other sub-commands (comments, storage, triggers, ownership) leave the model as it is.
      }
    }
  }

  private readCreateIndex(n: Json): void {
    if (!n.relation) return;
    const columns: string[] = [];
    let expression = false;
    const opclasses: Record<string, string> = {};
    for (const { IndexElem: e } of n.indexParams ?? []) {
      const opclass = e?.opclass ? strings(e.opclass).join('.') : undefined;
      if (opclass) opclasses[e.name ?? '(expression)'] = opclass;
      if (e?.name) columns.push(e.name);
      else {
        expression = true;
        columns.push('(expression)');
      }
    }
    const index: IndexSpec = { columns, unique: !!n.unique, location: this.statement };
    if (n.idxname) index.name = n.idxname;
    if (expression) index.expression = true;
    if (n.whereClause) index.where = 'WHERE …';
    if (n.accessMethod && n.accessMethod !== 'btree') index.method = n.accessMethod;
    if (Object.keys(opclasses).length) index.opclasses = opclasses;
    this.push({ kind: 'create-index', table: this.tableRef(n.relation), index }, !!n.if_not_exists);
  }

  private readDrop(n: Json): void {
    const guarded = !!n.missing_ok;
    for (const obj of n.objects ?? []) {
      const names = obj.List ? strings(obj.List.items) : obj.String ? [obj.String.sval] : [];
      if (!names.length) continue;
      const name = names[names.length - 1];
      const schema = names.length > 1 ? names[names.length - 2] : undefined;
      switch (n.removeType) {
        case 'OBJECT_SCHEMA':
          this.push({ kind: 'drop-schema', schema: name }, guarded);
          break;
        case 'OBJECT_TABLE': {
          // DROP TABLE carries no locations for its names: find the name in the statement's text.
          const location = this.findInStatement(names.join('.')) ?? this.statement;
          this.push({ kind: 'drop-table', table: { schema, name, location }, ...(n.behavior === 'DROP_CASCADE' ? { cascade: true } : {}) }, guarded);
          break;
        }
        case 'OBJECT_INDEX':
          this.push({ kind: 'drop-index', name, schema }, guarded);
          break;
        case 'OBJECT_VIEW':
        case 'OBJECT_MATVIEW': {
          const location = this.findInStatement(names.join('.')) ?? this.statement;
          this.push({ kind: 'drop-view', table: { schema, name, location }, materialized: n.removeType === 'OBJECT_MATVIEW' }, guarded);
          break;
        }
        default:
      }
    }
  }

  private findInStatement(text: string): Location | undefined {
    const i = this.source.sql.toLowerCase().indexOf(text.toLowerCase(), this.statementStart);
    return i >= 0 ? this.range(i, i + text.length) : undefined;
  }

  private readRename(n: Json): void {
    // `ALTER TYPE "public"."a_enum" RENAME TO "b_enum"`: the type, named by a list, not a relation.
    if (n.renameType === 'OBJECT_TYPE' && n.newname) {
      const names = strings(n.object?.List?.items ?? n.object?.items);
      if (names.length) this.push({ kind: 'rename-type', name: names[names.length - 1], ...(names.length > 1 ? { schema: names[names.length - 2] } : {}), newName: n.newname });
      return;
    }
    if (!n.relation) return;
    // `ALTER INDEX [IF EXISTS] a RENAME TO b`: the relation named is the index.
    if (n.renameType === 'OBJECT_INDEX') {
      const r = n.relation;
      this.push({ kind: 'rename-index', name: r.relname, ...(r.schemaname ? { schema: r.schemaname } : {}), newName: n.newname }, !!n.missing_ok);
      return;
    }
    const table = this.tableRef(n.relation);
    if (n.renameType === 'OBJECT_TABCONSTRAINT' && n.subname) {
      this.push({ kind: 'rename-constraint', table, name: n.subname, newName: n.newname }, !!n.missing_ok);
      return;
    }
    if (n.renameType === 'OBJECT_TABLE') this.push({ kind: 'rename-table', table, newName: n.newname }, !!n.missing_ok);
    else if (n.renameType === 'OBJECT_VIEW' || n.renameType === 'OBJECT_MATVIEW') this.push({ kind: 'rename-table', table, newName: n.newname, view: true }, !!n.missing_ok);
    else if (n.renameType === 'OBJECT_COLUMN') {
      this.push({ kind: 'alter-column', table, column: n.subname, columnLocation: this.statement, newName: n.newname }, !!n.missing_ok);
    }
  }
}

function strings(list: Json): string[] {
  return (list ?? []).map((x: Json) => x?.String?.sval).filter((s: unknown): s is string => typeof s === 'string');
}
