/**
 * Migrations that are SQL files, run by a tool outside the ORM — Flyway's `V2__add_orders.sql` (and
 * its repeatable `R__views.sql`), golang-migrate's `0002_add_orders.up.sql`, Postgrator's
 * `0002.do.add_orders.sql`, Prisma Migrate's
 * `migrations/<name>/migration.sql`, numbered SQL files in a folder of migrations
 * (`migrations/20240101000000_add_orders.sql`: dbmate, psql run over the folder) — beside models
 * the ORM reads (crowd.dev: Sequelize models, Flyway migrations). Each folder of them is a chain,
 * in the order its tool runs them, and each file is read with PostgreSQL's own parser, as the SQL
 * inside an Alembic or TypeORM migration is: the schema they build is compared with the models.
 *
 * What is not read stays Unknown, naming the tables it mentions: a file that cannot be read (any
 * table), a statement PostgreSQL's parser rejects (another database's SQL), a Flyway placeholder
 * (`${schema}`), a psql `\i` of another file, a Prisma chain of another database, and a Supabase
 * chain, which runs on a database whose `auth` and `storage` tables its migrations reference
 * without making them.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AlembicMigrationFacts } from '../facts/alembic';
import { ANY_TABLE, type MigrationOperation } from '../model/operations';
import { CompactLocation } from '../model/source';
import { anyFactsFromJson, anyFactsToJson } from '../parsers/python/parseWorker';
import { readSqlMigrationFile } from '../parsers/sql/migrationFile';
import { loadPostgresParser } from '../parsers/sql/postgres';
import { dialectOfName, type Dialect } from '../workspace/dialect';
import { readSourceFile } from '../workspace/discover';
import { contentHash, type FactsCache } from '../workspace/factsCache';

export type SqlMigrationTool = 'Flyway' | 'golang-migrate' | 'Postgrator' | 'Prisma Migrate' | 'numbered SQL files' | 'Supabase';

/** A SQL migration file: its tool, the folder of its chain, and its place in the chain's order. */
interface ChainMember {
  file: string;
  tool: SqlMigrationTool;
  folder: string;
  /** Sort key, compared part by part: numbers as numbers (Flyway's `V1.10` after `V1.9`). */
  order: (string | bigint)[];
  /**
   * The database a file of a folder holding several databases' migrations is for, by its name
   * (ory's popx, gobuffalo's pop: `…_identities.postgres.up.sql`, `.mysql.up.sql`, `.sqlite3.up.sql`);
   * a file of such a folder without one is every database's.
   */
  dialect?: Dialect;
  /**
   * A migration of the chain's folder written as code, in its place in the order (goose's Go
   * migration, Postgrator's `0004.do.js`): Unknown; why it is not read, in a few words.
   */
  codeMigration?: string;
}

/**
 * The migrations written as code in the folder the members are in, as members of their chain: goose's
 * numbered Go migrations (`00003_backfill.go`, registered in Go code) beside numbered SQL files,
 * Postgrator's `0004.do.js` (its `generateSql()` makes the SQL when it runs).
 */
function codeMigrationsBeside(members: readonly ChainMember[]): ChainMember[] {
  const { tool, folder } = members[0];
  if (tool !== 'numbered SQL files' && tool !== 'Postgrator') return [];
  const dir = path.dirname(members[0].file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  if (tool === 'Postgrator') {
    return names.flatMap((n) => {
      const m = /^(\d+)\.do(?:\.[^.]+)?\.(?:js|mjs|cjs)$/.exec(n);
      return m ? [{ file: path.join(dir, n), tool, folder, order: [BigInt(m[1])], codeMigration: 'is a JavaScript migration, whose generateSql() makes its SQL when it runs' }] : [];
    });
  }
  return names.filter((n) => /^\d+_\w+\.go$/.test(n) && !/_test\.go$/.test(n))
    .map((n) => ({ file: path.join(dir, n), tool, folder, order: [n], codeMigration: 'is a Go migration, which Schema Sense does not read' }));
}

/** The tool a migration file of that name belongs to, the folder that holds its chain, and its order there. */
function memberOf(file: string): ChainMember | undefined {
  const name = path.basename(file);
  const dir = path.dirname(file);
  // Flyway: versioned migrations by version (its parts numbers), then repeatable ones by description.
  const versioned = /^V(\d+(?:[._]\d+)*)__.+\.sql$/.exec(name);
  if (versioned) return { file, tool: 'Flyway', folder: dir, order: [0n, ...versioned[1].split(/[._]/).map(BigInt)] };
  const repeatable = /^R__(.+)\.sql$/.exec(name);
  if (repeatable) return { file, tool: 'Flyway', folder: dir, order: [1n, repeatable[1]] };
  // Postgrator: `0002.do.articles.sql` (its `.undo.` twin reverts it), by version, a number.
  const postgrator = /^(\d+)\.do(?:\..+)?\.sql$/.exec(name);
  if (postgrator) return { file, tool: 'Postgrator', folder: dir, order: [BigInt(postgrator[1])] };
  const golang = /^(\d+)_(.+)\.up\.sql$/.exec(name);
  if (golang) {
    // (`.autocommit` marks a file run outside a transaction; a database's name may come before it.)
    const suffix = /\.(postgres|postgresql|pg|mysql|mariadb|sqlite|sqlite3|cockroach|cockroachdb|crdb|mssql|sqlserver)(?:\.autocommit)?$/i.exec(golang[2]);
    const dialect = suffix ? dialectOfName(suffix[1]) : undefined;
    return { file, tool: 'golang-migrate', folder: dir, order: [BigInt(golang[1]), golang[2]], ...(dialect ? { dialect } : {}) };
  }
  // Prisma Migrate keeps each migration in a folder of its own, beside `migration_lock.toml`; by folder name.
  const folder = path.dirname(dir);
  if (name === 'migration.sql' && fs.existsSync(path.join(folder, 'migration_lock.toml'))) return { file, tool: 'Prisma Migrate', folder, order: [path.basename(dir)] };
  // `migrations/20240101000000_add_orders.sql` (dbmate, Supabase, psql run over the folder): by name.
  if (/^\d{3,}[_-].+\.sql$/.test(name) && !name.endsWith('.down.sql') && /migrat/i.test(path.basename(dir))) {
    const supabase = path.basename(path.dirname(dir)) === 'supabase';
    return { file, tool: supabase ? 'Supabase' : 'numbered SQL files', folder: dir, order: [name] };
  }
  return undefined;
}

/** Names of folders that keep migrations no longer run. */
const HISTORY_FOLDER = /^(?:legacy|old|archived?|deprecated|obsolete|squashed|backups?)$/i;

/** How each tool's files are written (see readSqlMigrationFile). */
const FORMAT: Record<SqlMigrationTool, 'flyway' | 'numbered' | 'plain'> = {
  'Flyway': 'flyway', 'golang-migrate': 'plain', 'Postgrator': 'plain', 'Prisma Migrate': 'plain', 'numbered SQL files': 'numbered', 'Supabase': 'plain',
};

function compareOrder(a: ChainMember, b: ChainMember): number {
  for (let i = 0; i < Math.max(a.order.length, b.order.length); i++) {
    const x = a.order[i];
    const y = b.order[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x !== typeof y) return typeof x === 'bigint' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** A table a DDL statement names: `CREATE TABLE [IF NOT EXISTS] "s"."t"` (or MySQL's `` `t` ``), `ALTER TABLE ONLY t`, `CREATE INDEX … ON t`, `REFERENCES t`. */
const TABLE_NAMED = /\b(?:(?:create|alter|drop)\s+(?:unlogged\s+|temp(?:orary)?\s+)?table\s+(?:if\s+(?:not\s+)?exists\s+)?(?:only\s+)?|create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:"[^"]+"\s+|`[^`]+`\s+|\w+\s+)?on\s+(?:only\s+)?|references\s+)((?:"[^"]+"|`[^`]+`|\w+)(?:\s*\.\s*(?:"[^"]+"|`[^`]+`|\w+))?)/gi;

/** The tables (lower-cased, without schema) the DDL of a SQL text names, for a chain not read. */
export function tablesNamedIn(sql: string): string[] {
  const out = new Set<string>();
  for (const m of sql.matchAll(TABLE_NAMED)) {
    const last = m[1].split(/\s*\.\s*/).pop()!;
    out.add(last.replace(/^["`]|["`]$/g, '').toLowerCase());
  }
  return [...out];
}

/** SQL only another database's grammar has: MySQL's `ENGINE=`, backquotes; SQL Server's `[dbo].`, `GO`; SQLite's `AUTOINCREMENT`; Oracle's `VARCHAR2`. */
const OTHER_DIALECT_SQL: [Dialect, RegExp][] = [
  ['mysql', /\bENGINE\s*=\s*\w+|\bAUTO_INCREMENT\b|\bUNSIGNED\b|\bDEFAULT\s+CHARSET\b|`[^`\n]+`/i],
  ['mssql', /\bNVARCHAR\s*\(\s*MAX\s*\)|\[dbo\]\.|\bIDENTITY\s*\(\s*\d+\s*,\s*\d+\s*\)|^\s*GO\s*$/im],
  ['sqlite', /\bAUTOINCREMENT\b|\bPRAGMA\s+\w/i],
  ['oracle', /\bVARCHAR2\b|\bNUMBER\s*\(\s*\d/i],
];

/** SQL only PostgreSQL's grammar has (or its kin's): `SERIAL`, `JSONB`, `::` casts, `$$` bodies, extensions. */
const POSTGRES_SQL = /\b(?:BIG)?SERIAL\b|\bJSONB\b|\bTIMESTAMPTZ\b|::\s*\w|\$\$|\bCREATE\s+EXTENSION\b|\bUSING\s+(?:gin|gist|brin)\b/i;

/**
 * The database a chain's SQL is written for when its text says so: one other dialect's grammar
 * (outside comments and strings) and none of PostgreSQL's. A Flyway folder of a MySQL service, read
 * as PostgreSQL's, would be judged for what InnoDB does by itself (an index for every foreign key).
 */
export function dialectOfSql(texts: readonly string[]): Dialect | undefined {
  const found = new Set<Dialect>();
  for (const text of texts) {
    const code = text.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, ' ');
    if (POSTGRES_SQL.test(code)) return undefined;
    for (const [dialect, pattern] of OTHER_DIALECT_SQL) if (pattern.test(code)) found.add(dialect);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Prisma's `migration_lock.toml` names the database its migrations are written for. */
function prismaProvider(folder: string): string | undefined {
  try {
    return /^\s*provider\s*=\s*"([^"]+)"/m.exec(fs.readFileSync(path.join(folder, 'migration_lock.toml'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** Files read before, by path: a chain made anew reads only the files that changed. */
export class SqlMigrationReader {
  private read = new Map<string, { text: string; operations: MigrationOperation[] }>();

  /**
   * One chain per folder of SQL migrations, a migration per file in its tool's order. A chain that is
   * not read (see the module's comment) is one migration standing for all its files, whose one
   * operation is Unknown for every table their DDL names. A file open in the editor is read from its
   * buffer; one read in an earlier session is taken from the facts cache, when one is given, if its
   * text is the same. `changed`: the one file that changed since the last call (an edit, a file
   * written): the others are not read from disk again.
   */
  async chains(files: readonly string[], cache?: FactsCache, buffers?: ReadonlyMap<string, string>, changed?: string): Promise<AlembicMigrationFacts[]> {
    const byFolder = new Map<string, ChainMember[]>();
    for (const file of files) {
      const member = memberOf(file);
      if (!member) continue;
      const list = byFolder.get(member.folder);
      if (list) list.push(member);
      else byFolder.set(member.folder, [member]);
    }
    // A folder of several databases' migrations is a chain per database (`<folder>/postgres`), each
    // with the files every database runs. A folder named as history (`legacy/`, `archive/`) beside a
    // folder of the same tool's migrations is what that one replaced: not run (ory's
    // `migrations/legacy/` beside `migrations/sql/`, which is the one its binary embeds).
    const folders = new Map<string, ChainMember[]>();
    for (const [folder, members] of byFolder) {
      if (HISTORY_FOLDER.test(path.basename(folder)) && [...byFolder].some(([other, list]) => other !== folder && path.dirname(other) === path.dirname(folder) && list[0].tool === members[0].tool)) continue;
      const dialects = new Set(members.flatMap((m) => (m.dialect ? [m.dialect] : [])));
      if (!dialects.size) folders.set(folder, members);
      // (A version written for the database replaces the one every database runs: popx runs one of them.)
      const versionOf = (m: ChainMember) => `${m.order[0]}_${String(m.order[1]).replace(/\.[^.]+(?:\.autocommit)?$|\.autocommit$/, '')}`;
      for (const dialect of dialects) {
        const own = new Set(members.filter((m) => m.dialect === dialect).map(versionOf));
        folders.set(path.join(folder, dialect), members.filter((m) => m.dialect === dialect || (!m.dialect && !own.has(versionOf(m)))));
      }
    }
    let parserLoaded = false;
    const chains: AlembicMigrationFacts[] = [];
    const seen = new Set<string>();
    for (const [folder, members] of folders) {
      // Migrations written as code among the SQL ones (goose's Go, Postgrator's JavaScript): not read,
      // each Unknown where it runs.
      members.push(...codeMigrationsBeside(members));
      members.sort(compareOrder);
      const texts: { member: ChainMember; text?: string; reason?: string }[] = [];
      for (const member of members) {
        // The editor's text of a file open in it, else the file's; after an edit of one file (`changed`),
        // the others as they were read last, not read again.
        const known = changed !== undefined && member.file !== changed ? this.read.get(member.file)?.text : undefined;
        const buffer = buffers?.get(member.file) ?? known;
        const read = member.codeMigration ? { skipped: member.codeMigration } : buffer !== undefined ? { text: buffer } : await readSourceFile(member.file);
        // Gone since it was found (its folder deleted in the editor, which reports the folder only): no migration.
        if ('skipped' in read && !member.codeMigration && !fs.existsSync(member.file)) continue;
        texts.push('skipped' in read ? { member, reason: read.skipped } : { member, text: read.text });
      }
      if (!texts.length) continue;
      const tool = members[0].tool;
      const provider = tool === 'Prisma Migrate' ? prismaProvider(folder) : undefined;
      const unreadChain = tool === 'Supabase' ? "runs on Supabase's database, whose `auth` and `storage` tables it references without making them"
        : provider !== undefined && provider !== 'postgresql' ? `is written for ${provider}` : undefined;
      if (unreadChain) {
        chains.push(unreadChainOf(folder, tool, texts, unreadChain));
        continue;
      }
      const dialect = members.find((m) => m.dialect)?.dialect ?? dialectOfSql(texts.flatMap((t) => (t.text === undefined ? [] : [t.text])));
      let parent: string | undefined;
      for (const { member, text, reason } of texts) {
        seen.add(member.file);
        const location = new CompactLocation(member.file, 0, 0, 0, 0);
        let operations: MigrationOperation[];
        if (text === undefined) {
          operations = [{ kind: 'unknown', description: `a migration file that ${reason}`, mentions: [ANY_TABLE], location, guarded: false }];
        } else {
          const known = this.read.get(member.file);
          if (known && known.text === text) operations = known.operations;
          else {
            const hash = cache && contentHash(text);
            const hit = hash ? cache!.get(member.file, hash) : undefined;
            if (hit) operations = (anyFactsFromJson(hit.kind, hit.json) as AlembicMigrationFacts).operations;
            else {
              // (The parser's WASM module is loaded once, and only when some file is parsed.)
              if (!parserLoaded) await loadPostgresParser();
              parserLoaded = true;
              const read = readSqlMigrationFile(member.file, text, FORMAT[tool]);
              operations = read;
              if (hash) cache!.setLazy(member.file, hash, 'orm-migration', () => anyFactsToJson('orm-migration', { file: member.file, operations: read } as AlembicMigrationFacts));
            }
            this.read.set(member.file, { text, operations });
          }
        }
        // (A file every database runs is in the chain of each: one revision in each.)
        const id = `${tool}:${folder}:${member.file}`;
        chains.push({
          file: member.file, revision: { id, location }, downRevisions: parent ? [{ id: parent, location }] : [], branchLabels: [], dependsOn: [], dynamic: [], schemasCreated: [],
          sqlFileTool: tool, sqlChain: folder, operations, ...(dialect ? { sqlDialect: dialect } : {}),
        });
        parent = id;
      }
    }
    for (const file of this.read.keys()) if (!seen.has(file)) this.read.delete(file);
    return chains;
  }
}

/** A chain not read: one migration standing for all its files, Unknown for the tables they name (any, if one could not be read). */
function unreadChainOf(folder: string, tool: SqlMigrationTool, texts: { member: ChainMember; text?: string }[], why: string): AlembicMigrationFacts {
  const tables = new Set<string>();
  let unreadable = false;
  for (const { text } of texts) {
    if (text === undefined) unreadable = true;
    else for (const t of tablesNamedIn(text)) tables.add(t);
  }
  const first = texts[0].member.file;
  const location = new CompactLocation(first, 0, 0, 0, 0);
  const count = `${texts.length} migration${texts.length === 1 ? '' : 's'}`;
  return {
    file: first, revision: { id: `${tool}:${folder}`, location }, downRevisions: [], branchLabels: [], dependsOn: [], dynamic: [], schemasCreated: [],
    sqlFileTool: tool, sqlChain: folder, unreadChain: true,
    operations: [{
      kind: 'unknown', description: `${count} of ${tool} in ${path.basename(folder)}/, which ${why}: what they make of the tables they name is Unknown`,
      // One not read may name any table.
      mentions: tables.size && !unreadable ? [...tables] : [ANY_TABLE], location, guarded: false,
    }],
  };
}
