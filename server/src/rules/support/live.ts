/** Where findings about the live database go in the workspace, and how live objects meet declarations. */
import { IN_DATABASE, type Location } from '../../model/source';
import type { RuleContext } from '../types';
import type { LiveDatabase } from '../../live/introspect';

/** Whether there are models or migrations to compare the database with. */
export function hasSources(ctx: RuleContext): boolean {
  return ctx.revisionGraphs.some((g) => g.migrations.length > 0) || ctx.models.tables.length > 0;
}

/** Where the workspace declares a table (its model, else the migration that creates it); else in the database only. */
export function tableAnchor(ctx: RuleContext, schema: string, table: string): Location {
  for (const t of [ctx.modelTables.get(schema, table), ctx.migratedTables.get(schema, table)]) if (t?.location.file) return t.location;
  return IN_DATABASE;
}

/** Where the models or migrations declare an index of this name on this table, if they do. */
export function declaredIndex(ctx: RuleContext, schema: string, table: string, name: string): Location | undefined {
  for (const t of [ctx.modelTables.get(schema, table), ctx.migratedTables.get(schema, table)]) {
    const index = t?.indexes.find((i) => i.name === name);
    if (index && index.location.file) return index.location;
  }
  return undefined;
}

/** Days of statistics below which "never scanned" means nothing (a month-end job has not run yet). */
export const DEFAULT_USAGE_MINIMUM_DAYS = 7;

/**
 * Whether the database's usage statistics can tell an unused index: they must cover enough time
 * (`indexUsageMinimumDays`, 7 by default) and some activity. A dump restored into a fresh server for
 * an audit has neither; a database built by the embedded replay has scanned nothing.
 */
export function usageEvidence(live: LiveDatabase, minimumDays = DEFAULT_USAGE_MINIMUM_DAYS): { judged: true } | { judged: false; why: string } {
  if (live.embedded) return { judged: false, why: 'the database was just built by replaying the migrations' };
  const stats = live.statistics;
  if (!stats) return { judged: false, why: 'the database gives no usage statistics' };
  if (stats.days < minimumDays) {
    return { judged: false, why: `its statistics cover ${stats.days < 1 ? 'less than a day' : `${Math.floor(stats.days)} day(s)`} (at least ${minimumDays} are needed: \`indexUsageMinimumDays\` in schemasense.json)` };
  }
  if (stats.scans === 0) return { judged: false, why: 'no table has been read since its statistics began (a restored dump, a replica that serves no reads)' };
  return { judged: true };
}
