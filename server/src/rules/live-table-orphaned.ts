/**
 * live-table-orphaned: a table in the live database that no model and no migration knows (seed
 * report 003: `claude_code_sessions` created by a script, `memories_backup_66d3d5d1` and
 * `user_integrations_backup` left behind). Backup copies are called out as such.
 */
import { IN_DATABASE } from '../model/source';
import { BOOKKEEPING_TABLES, unreadCodeMayTouch } from './support/migrations';
import { hasSources } from './support/live';
import { tableLabel } from './support/describe';
import type { Rule, RuleContext } from './types';

const BACKUP_SUFFIX = /^(.+?)(?:_(?:backup|bak|bkp|old|copy|archive|archived|tmp|temp)(?:_[0-9a-z]+)*|_\d{6,14}|_[0-9a-f]{8,40})$/i;
const BACKUP_PREFIX = /^(?:backup|bak|old|tmp|temp|copy_of)_(.+)$/i;

/** The table a backup copy was made of, by its name: `memories_backup_66d3d5d1` → `memories`. */
export function backupOf(name: string): string | undefined {
  return BACKUP_SUFFIX.exec(name)?.[1] ?? BACKUP_PREFIX.exec(name)?.[1];
}

function known(ctx: RuleContext, schema: string, name: string): boolean {
  if (ctx.modelTables.mayHave(schema, name) || ctx.migratedTables.get(schema, name)) return true;
  // Created by SQL the readers could not understand: the migrations may know it.
  return ctx.migrations.some((m) => m.opaque || unreadCodeMayTouch(m, name));
}

export const liveTableOrphaned: Rule = {
  id: 'live-table-orphaned',
  description: 'A live table that no model or migration knows (backup copies called out as such).',
  defaultSeverity: 'warning',
  needs: ['live'],
  reads: ['models', 'migrations', 'live'],
  dialects: ['postgresql'],
  check(ctx) {
    // A database the migrations built holds only what they create.
    if (!ctx.live || ctx.live.embedded) return;
    if (!hasSources(ctx)) return; // no models, no migrations: nothing to compare with
    // Schemas the project uses; others belong to whoever shares the database (another service, an extension).
    const ours = new Set([...ctx.modelTables.tables, ...ctx.migratedTables.tables].map((t) => t.schema));
    for (const table of ctx.live.schema.tables) {
      if (!ours.has(table.schema) || BOOKKEEPING_TABLES.has(table.name) || known(ctx, table.schema, table.name)) continue;
      const base = backupOf(table.name);
      const original = base ? ctx.modelTables.get(table.schema, base) ?? ctx.migratedTables.get(table.schema, base) ?? ctx.liveTables?.get(table.schema, base) : undefined;
      const message = base
        ? `Table ${tableLabel(table)} in the database looks like a backup copy of ${original ? tableLabel(original) : `"${table.schema}.${base}"`} (by its name), and no model or migration knows it: it holds a stale copy of the data, takes space and backups, and invites queries against the wrong table. Drop it once nobody needs it (evidence: live database ${ctx.live.describedAs}).`
        : `Table ${tableLabel(table)} exists in the database, but no model or migration knows it: it was created by hand or by a script, and a database built from the migrations lacks it. Model and migrate it, or drop it (evidence: live database ${ctx.live.describedAs}).`;
      ctx.report({
        message,
        // A backup copy goes with its original's declaration; any other table is in the database only.
        location: original?.location.file ? original.location : IN_DATABASE,
        evidence: ['live'],
        related: original && original.location.file ? [{ location: original.location, message: `${tableLabel(original)} is declared here` }] : [],
      });
    }
  },
};
