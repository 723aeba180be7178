/**
 * live-index-unused: an index the live database has never scanned since its statistics were reset.
 * It costs every insert, update and delete, and disk and cache, for no read. Judged only when the
 * statistics cover enough time and activity (see `usageEvidence`); the audit says once why not.
 */
import { declaredIndex, usageEvidence, tableAnchor } from './support/live';
import { BOOKKEEPING_TABLES } from './support/migrations';
import type { Rule } from './types';

function size(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(1)} GB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

export const liveIndexUnused: Rule = {
  id: 'live-index-unused',
  description: 'A live index never scanned since statistics were reset.',
  defaultSeverity: 'info',
  needs: ['live'],
  reads: ['models', 'migrations', 'live'],
  dialects: ['postgresql'],
  check(ctx) {
    // Statistics too short or too idle to mean anything (a restored dump, a replayed database): no evidence.
    if (!ctx.live || !usageEvidence(ctx.live, ctx.config.indexUsageMinimumDays).judged) return;
    const since = ctx.live.statsReset ? `since statistics were reset on ${ctx.live.statsReset.toISOString().slice(0, 10)}` : 'since the server began collecting statistics';
    for (const usage of ctx.live.indexUsage) {
      // Unique and constraint indexes enforce something: never "unused".
      if (usage.scans > 0 || usage.unique || usage.constraint || BOOKKEEPING_TABLES.has(usage.table)) continue;
      const declared = declaredIndex(ctx, usage.schema, usage.table, usage.name);
      // Not declared by name: at the table's declaration, else in the database only.
      const location = declared ?? tableAnchor(ctx, usage.schema, usage.table);
      ctx.report({
        message: `Index "${usage.name}" on "${usage.schema}.${usage.table}" has not been scanned ${since} (${size(usage.sizeBytes)}): every write maintains it for no read. Check replicas and a full business cycle (month-end jobs) before dropping it (evidence: live database ${ctx.live.describedAs}).`,
        location,
        evidence: declared ? ['live', 'model'] : ['live'],
        tags: ['unnecessary'],
      });
    }
  },
};
