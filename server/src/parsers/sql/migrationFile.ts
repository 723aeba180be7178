/**
 * Reads one SQL migration file — Flyway's, golang-migrate's, Prisma Migrate's, dbmate's, a numbered
 * file psql runs — into migration operations, with PostgreSQL's parser (see postgres.ts), as its
 * tool runs it: dbmate's up section alone, psql's meta-commands left out, Flyway's placeholders
 * Unknown, SQL the parser rejects Unknown (another database's) and never reported as failing.
 * analysis/sqlMigrations.ts puts the files of a folder together as a chain.
 */
import { ANY_TABLE, type MigrationOperation } from '../../model/operations';
import { CompactLocation } from '../../model/source';
import { contiguousSqlSource, readSqlOperations, statementSources, type SqlSource } from './postgres';
import { UNKNOWN_PART, withUnknownParts } from './unknownParts';

/** A run of characters replaced by blanks, newlines kept: every other position of the text stays where it was. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** The line that opens a file's up section: dbmate's `-- migrate:up`, goose's `-- +goose Up`, sql-migrate's `-- +migrate Up`. */
const UP_SECTION = /^--\s*(?:migrate:up|\+goose\s+up|\+migrate\s+up)\b.*$/im;
/** …and its down section, which undoes it (run on rollback only). */
const DOWN_SECTION = /^--\s*(?:migrate:down|\+goose\s+down|\+migrate\s+down)\b/im;

/**
 * The SQL of a numbered file as its tool runs it: the up section alone where the file has one
 * (dbmate's `-- migrate:up`, goose's `-- +goose Up`, sql-migrate's `-- +migrate Up`; the down
 * section undoes it), psql's meta-commands (`\set`, `\echo`) left out. Whether it includes another
 * file (`\i`, `\ir`), whose SQL is not read.
 */
function upSql(text: string): { sql: string; includesFiles: boolean } {
  let sql = text;
  const up = UP_SECTION.exec(sql);
  if (up) {
    const down = DOWN_SECTION.exec(sql);
    const end = down && down.index > up.index ? down.index : sql.length;
    sql = blank(sql.slice(0, up.index)) + sql.slice(up.index, end) + blank(sql.slice(end));
  }
  let includesFiles = false;
  sql = sql.replace(/^[ \t]*\\(\w+).*$/gm, (line, command: string) => {
    if (/^(?:i|ir|include|include_relative)$/.test(command)) includesFiles = true;
    return blank(line);
  });
  return { sql, includesFiles };
}

/**
 * Flyway replaces `${name}` placeholders before it runs a file: each stands for a part not known
 * here. The text with each written as an Unknown part (see unknownParts.ts), and where each of its
 * characters is in the file.
 */
function withPlaceholdersUnknown(file: string, text: string): SqlSource {
  if (!text.includes('${')) return contiguousSqlSource(file, text);
  const pieces: string[] = [];
  // For each piece of the new text: where it starts there, and in the file.
  const starts: { at: number; from: number; length: number }[] = [];
  let last = 0;
  let length = 0;
  let n = 0;
  for (const m of text.matchAll(/\$\{[^}\n]*\}/g)) {
    pieces.push(text.slice(last, m.index));
    starts.push({ at: length, from: last, length: m.index! - last });
    length += m.index! - last;
    const part = `${UNKNOWN_PART}${n++}`;
    pieces.push(part);
    starts.push({ at: length, from: m.index!, length: 0 });
    length += part.length;
    last = m.index! + m[0].length;
  }
  pieces.push(text.slice(last));
  starts.push({ at: length, from: last, length: text.length - last });
  const original = contiguousSqlSource(file, text);
  return {
    file, sql: pieces.join(''),
    positionAt(index) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid].at <= index) lo = mid;
        else hi = mid - 1;
      }
      const s = starts[lo];
      return original.positionAt(s.from + Math.min(index - s.at, s.length));
    },
  };
}

/**
 * What a SQL migration file does, in order. `flyway`: its `${placeholders}` stand for parts not known;
 * `numbered`: dbmate's up section alone, psql's meta-commands left out (see upSql).
 */
export function readSqlMigrationFile(file: string, text: string, format: 'flyway' | 'numbered' | 'plain'): MigrationOperation[] {
  const location = new CompactLocation(file, 0, 0, 0, 0);
  const { sql, includesFiles } = format === 'numbered' ? upSql(text) : { sql: text, includesFiles: false };
  const source = format === 'flyway' ? withPlaceholdersUnknown(file, sql) : contiguousSqlSource(file, sql);
  // A placeholder makes Unknown what its statement does, not what the file's others do.
  const statements = source.sql.includes(UNKNOWN_PART) ? statementSources(source) : [source];
  const ops = statements.flatMap((statement) => withUnknownParts(readSqlOperations(statement, false), statement.sql)).map((op) => {
    // SQL its tool ran on the database it was written for; what PostgreSQL's parser rejects is another
    // database's (a MySQL chain) or a tool's own syntax, not a migration that fails: Unknown, not judged.
    if (op.kind !== 'unknown' || op.rejected === undefined) return op;
    const { rejected: _rejected, ...unread } = op;
    return { ...unread, description: `SQL PostgreSQL's parser does not read (${op.rejected})` } as MigrationOperation;
  });
  if (includesFiles) ops.push({ kind: 'unknown', description: 'a psql \\i of another file, whose SQL is not read', mentions: [ANY_TABLE], location, guarded: false });
  return ops;
}
