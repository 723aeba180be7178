/**
 * Migrations of a tool Schema Sense does not read — Flyway's `V2__add_orders.sql`, golang-migrate's
 * `0002_add_orders.up.sql`, Prisma Migrate's `migrations/<name>/migration.sql`, numbered SQL files
 * in a folder of migrations (`migrations/20240101000000_add_orders.sql`) — beside models it
 * does read (crowd.dev: Sequelize models, Flyway migrations). They build the database the models
 * run against: the indexes, keys and columns they make are Unknown, so the tables they name are not
 * judged from the models alone (a model declares no index where a migration made one). Each
 * folder of them is a chain of one Unknown operation naming those tables.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AlembicMigrationFacts } from '../facts/alembic';
import { ANY_TABLE } from '../model/operations';
import { CompactLocation } from '../model/source';
import { readSourceFile } from '../workspace/discover';

type ForeignTool = 'Flyway' | 'golang-migrate' | 'Prisma Migrate' | 'numbered SQL files';

/** The tool a migration file of that name belongs to, and the folder that holds its chain. */
function chainOf(file: string): { tool: ForeignTool; folder: string } | undefined {
  const name = path.basename(file);
  if (/^V\d+(?:[._]\d+)*__.+\.sql$/.test(name)) return { tool: 'Flyway', folder: path.dirname(file) };
  if (/^\d+_.+\.up\.sql$/.test(name)) return { tool: 'golang-migrate', folder: path.dirname(file) };
  // Prisma Migrate keeps each migration in a folder of its own, beside `migration_lock.toml`.
  const folder = path.dirname(path.dirname(file));
  if (name === 'migration.sql' && fs.existsSync(path.join(folder, 'migration_lock.toml'))) return { tool: 'Prisma Migrate', folder };
  // `migrations/20240101000000_add_orders.sql` (dbmate, Supabase, psql run over the folder in
  // order): numbered SQL in a folder of migrations.
  if (/^\d{3,}[_-].+\.sql$/.test(name) && !name.endsWith('.down.sql') && /migrat/i.test(path.basename(path.dirname(file)))) return { tool: 'numbered SQL files', folder: path.dirname(file) };
  return undefined;
}

/** A table a DDL statement names: `CREATE TABLE [IF NOT EXISTS] "s"."t"`, `ALTER TABLE ONLY t`, `CREATE INDEX … ON t`, `REFERENCES t`. */
const TABLE_NAMED = /\b(?:(?:create|alter|drop)\s+(?:unlogged\s+|temp(?:orary)?\s+)?table\s+(?:if\s+(?:not\s+)?exists\s+)?(?:only\s+)?|create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:"[^"]+"\s+|\w+\s+)?on\s+(?:only\s+)?|references\s+)((?:"[^"]+"|\w+)(?:\s*\.\s*(?:"[^"]+"|\w+))?)/gi;

/** The tables (lower-cased, without schema) the DDL of a SQL text names. */
export function tablesNamedIn(sql: string): string[] {
  const out = new Set<string>();
  for (const m of sql.matchAll(TABLE_NAMED)) {
    const last = m[1].split(/\s*\.\s*/).pop()!;
    out.add(last.replace(/^"|"$/g, '').toLowerCase());
  }
  return [...out];
}

/**
 * One chain per folder of such migrations: a migration standing for all of them, whose one
 * operation is Unknown for every table their DDL names (none named: any table).
 */
export async function foreignMigrationChains(files: readonly string[]): Promise<AlembicMigrationFacts[]> {
  const folders = new Map<string, { tool: ForeignTool; files: string[] }>();
  for (const file of files) {
    const chain = chainOf(file);
    if (!chain) continue;
    const entry = folders.get(chain.folder);
    if (entry) entry.files.push(file);
    else folders.set(chain.folder, { tool: chain.tool, files: [file] });
  }
  const chains: AlembicMigrationFacts[] = [];
  for (const [folder, { tool, files: listed }] of folders) {
    const tables = new Set<string>();
    let unreadable = 0;
    const list: string[] = [];
    for (const file of listed) {
      const read = await readSourceFile(file);
      // Gone since it was found (its folder deleted in the editor, which reports the folder only): no migration.
      if ('skipped' in read && !fs.existsSync(file)) continue;
      list.push(file);
      if ('skipped' in read) unreadable++;
      else for (const t of tablesNamedIn(read.text)) tables.add(t);
    }
    if (!list.length) continue;
    const first = list[0];
    const location = new CompactLocation(first, 0, 0, 0, 0);
    const count = `${list.length} migration${list.length === 1 ? '' : 's'}`;
    chains.push({
      file: first, revision: { id: `${tool}:${folder}`, location }, downRevisions: [], branchLabels: [], dependsOn: [], dynamic: [], schemasCreated: [],
      foreignTool: tool,
      operations: [{
        kind: 'unknown', description: `${count} of ${tool} in ${path.basename(folder)}/, which Schema Sense does not read: what they make of the tables they name is Unknown`,
        // One not read may name any table.
        mentions: tables.size && !unreadable ? [...tables] : [ANY_TABLE], location, guarded: false,
      }],
    });
  }
  return chains;
}
