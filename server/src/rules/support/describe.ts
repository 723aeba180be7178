/** Shared wording for findings, so that every rule names tables, columns and evidence alike. */
import { DEFAULT_SCHEMA, ForeignKey, Table } from '../../model/schema';

export function tableLabel(t: Pick<Table, 'schema' | 'name'> & { schemaUnknown?: true }): string {
  return t.schemaUnknown ? `"${t.name}"` : `"${t.schema}.${t.name}"`;
}

/**
 * A finding's words for a database without schemas (MySQL's tables are qualified by their database,
 * SQLite's by `main`): the default schema the model gives every unqualified table is not named, as
 * the user never wrote it (`"users"`, not `"public.users"`). Other qualifiers stay.
 */
export function withoutDefaultSchema(text: string): string {
  return text.split(`"${DEFAULT_SCHEMA}.`).join('"');
}

export function modelLabel(t: Table): string {
  return t.className ? `model ${t.className} (table ${tableLabel(t)})` : `table ${tableLabel(t)}`;
}

export function columnsLabel(columns: string[]): string {
  return columns.length === 1 ? `"${columns[0]}"` : `(${columns.join(', ')})`;
}

/** The text a foreign-key reference would need to point at `table.columns`, in SQLAlchemy's form. */
export function referenceText(fk: ForeignKey, table: Pick<Table, 'schema' | 'name'>, columns = fk.target.columns): string {
  const qualify = fk.target.schema !== undefined || table.schema !== DEFAULT_SCHEMA;
  return `${qualify ? `${table.schema}.` : ''}${table.name}.${columns.join('.')}`;
}

/** A migration as users know it: its revision id and file name. */
/** The command that runs a chain to its end, in the words of the tool that runs it. */
export function upgradeCommand(m: { tool?: 'typeorm' | 'sequelize' }): string {
  return m.tool === 'typeorm' ? '`typeorm migration:run`' : m.tool === 'sequelize' ? '`sequelize-cli db:migrate`' : '`alembic upgrade head`';
}

export function migrationLabel(m: { file: string; revision?: { id: string }; sqlFileTool?: string }): string {
  const base = m.file.slice(Math.max(m.file.lastIndexOf('/'), m.file.lastIndexOf('\\')) + 1);
  // (A SQL file's revision is its path: its name says which it is.)
  return m.revision && !m.sqlFileTool ? `migration "${m.revision.id}" (${base})` : `migration ${base}`;
}

/** `file.py:12`, relative to nothing: the base name and 1-based line, for messages. */
export function lineLabel(location: { file: string; range: { start: { line: number } } }): string {
  const base = location.file.slice(Math.max(location.file.lastIndexOf('/'), location.file.lastIndexOf('\\')) + 1);
  return `${base}:${location.range.start.line + 1}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** How each ORM says things the messages name: its "create the tables from the models" and its migration generator. */
export function ormWords(table: Pick<Table, 'orm'>): { createAll: string; generate: string; writeMigration: string; index: string; uniqueIndex: string; unique: string } {
  switch (table.orm) {
    case 'typeorm': return { createAll: '`synchronize: true`', generate: '`typeorm migration:generate`', writeMigration: 'Generate its migration (`typeorm migration:generate`)', index: '@Index()', uniqueIndex: '@Index({ unique: true })', unique: 'unique: true' };
    // (sequelize-cli's `migration:generate` makes an empty migration to fill in: it compares nothing.)
    case 'sequelize': return { createAll: '`sequelize.sync()`', generate: '`sequelize-cli migration:generate`', writeMigration: 'Write its migration (`sequelize-cli migration:generate --name …` makes the file to fill in)', index: 'an index', uniqueIndex: 'a unique index', unique: 'unique: true' };
    default: return { createAll: '`create_all()`', generate: '`alembic revision --autogenerate`', writeMigration: 'Generate its migration (`alembic revision --autogenerate`)', index: 'index=True', uniqueIndex: 'index=True, unique=True', unique: 'unique=True' };
  }
}
