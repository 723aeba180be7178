/**
 * What SQL PostgreSQL's parser rejects says by its words alone about tables — another database's
 * DDL, as TypeORM generates it for MySQL (`CREATE TABLE \`salaries\` (…)`, `ALTER TABLE \`salaries\`
 * ADD CONSTRAINT … REFERENCES \`employees\`(\`id\`)`): the tables it creates and those it needs. Used
 * only to tell a chain's baseline (a first migration written for a database that had tables no
 * migration creates), never for columns or types.
 */

/** An identifier as MySQL, SQL Server or standard SQL quotes it, or bare; schema-qualified names keep their last part. */
const NAME = String.raw`(?:\`(?:[^\`]|\`\`)+\`|"(?:[^"]|"")+"|\[[^\]]+\]|[A-Za-z_][\w$]*)`;
const QUALIFIED = String.raw`(${NAME}(?:\s*\.\s*${NAME})*)`;

const CREATE_TABLE = new RegExp(String.raw`^CREATE\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${QUALIFIED}`, 'i');
const ALTER_TABLE = new RegExp(String.raw`^ALTER\s+TABLE\s+(?:ONLY\s+)?${QUALIFIED}`, 'i');
const CREATE_INDEX = new RegExp(String.raw`^CREATE\s+(?:UNIQUE\s+|FULLTEXT\s+|SPATIAL\s+)?INDEX\s+${NAME}\s+ON\s+${QUALIFIED}`, 'i');
const REFERENCES = new RegExp(String.raw`\bREFERENCES\s+${QUALIFIED}`, 'gi');

/** The last part of a qualified name, unquoted and lower-cased. */
function tableName(qualified: string): string {
  const parts = qualified.match(new RegExp(NAME, 'g')) ?? [qualified];
  const last = parts[parts.length - 1];
  const unquoted = /^[`"[]/.test(last) ? last.slice(1, -1).replace(/``/g, '`').replace(/""/g, '"') : last;
  return unquoted.toLowerCase();
}

/** The statements of a text, split at `;` outside quotes and comments. */
function statements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      const close = sql.indexOf(c, i + 1);
      if (close < 0) return [...out, current + sql.slice(i)];
      current += sql.slice(i, close + 1);
      i = close;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
      current += ' ';
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      current += ' ';
    } else if (c === ';') {
      out.push(current);
      current = '';
    } else current += c;
  }
  return [...out, current].map((s) => s.trim()).filter(Boolean);
}

/**
 * The tables the DDL creates and those it needs to exist before it; undefined when some statement
 * is not one of the forms read here (anything else may change any table).
 */
export function foreignDdl(sql: string): { creates: string[]; needs: string[] } | undefined {
  const creates: string[] = [];
  const needs: string[] = [];
  const list = statements(sql);
  if (!list.length) return undefined;
  for (const statement of list) {
    const created = CREATE_TABLE.exec(statement);
    const altered = created ? undefined : ALTER_TABLE.exec(statement) ?? CREATE_INDEX.exec(statement);
    if (!created && !altered) return undefined;
    // (`CREATE TABLE t AS SELECT …`, `CREATE TABLE t LIKE other`: made from another table.)
    if (created && /^\s*(?:AS\b|LIKE\b|\(\s*LIKE\b)/i.test(statement.slice(created[0].length))) return undefined;
    if (created) creates.push(tableName(created[1]));
    else needs.push(tableName(altered![1]));
    for (const m of statement.matchAll(REFERENCES)) needs.push(tableName(m[1]));
  }
  return { creates: [...new Set(creates)], needs: [...new Set(needs)] };
}
