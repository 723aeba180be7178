/**
 * live-migrations-pending: the revision the database records (Alembic's `alembic_version`) is
 * behind the head of the migration chain, or is one no migration file declares: the code expects
 * a schema the database does not have yet.
 */
import type { AlembicMigrationFacts } from '../facts/alembic';
import type { RevisionGraph } from '../model/revisionGraph';
import { migrationLabel } from './support/describe';
import type { RecordedRevisions } from '../live/introspect';
import type { RelatedLocation, Rule } from './types';

/** The migrations between `recorded` (exclusive) and the heads: what `alembic upgrade head` would run. */
function pendingAfter(graph: RevisionGraph, recorded: Set<string>): AlembicMigrationFacts[] {
  const applied = new Set<string>();
  const stack = [...recorded];
  while (stack.length) {
    const id = stack.pop()!;
    if (applied.has(id)) continue;
    applied.add(id);
    for (const m of graph.byRevision.get(id) ?? []) for (const p of m.downRevisions) stack.push(p.id);
  }
  return graph.migrations.filter((m) => m.revision && !applied.has(m.revision.id));
}

/** Values as a message quotes them: the first five, then how many more (a version table may hold millions). */
function listed(values: string[]): string {
  const shown = values.slice(0, 5).map((v) => `"${v.length > 60 ? `${v.slice(0, 60)}…` : v}"`).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

/** The pending migrations as a message names them (the first five), and as related locations. */
function described(pending: AlembicMigrationFacts[]): { names: string; related: RelatedLocation[] } {
  const more = pending.length > 5 ? ` and ${pending.length - 5} more` : '';
  return {
    names: `${pending.slice(0, 5).map(migrationLabel).join(', ')}${more}`,
    related: pending.slice(0, 5).filter((m) => m.revision).map((m) => ({ location: m.revision!.location, message: `${migrationLabel(m)} is not applied` })),
  };
}

/**
 * TypeORM's `migrations` table records each migration's name, Sequelize's `SequelizeMeta` each
 * file name: a migration of the chain that the table does not record has not run.
 */
function checkLinear(ctx: Parameters<Rule['check']>[0], record: RecordedRevisions): void {
  // Not every row was read: a migration missing from what was read may be in the rest.
  if (record.truncated) return;
  const recorded = new Set(record.values.map((v) => v.replace(/\.[cm]?[jt]s$/, '')));
  const graph = ctx.revisionGraphs.find((g) => g.migrations.some((m) => m.sequence !== undefined && m.revision && recorded.has(m.revision.id)))
    ?? ctx.revisionGraphs.find((g) => g.migrations.some((m) => m.sequence !== undefined));
  if (!graph) return;
  const pending = graph.migrations.filter((m) => m.revision && !recorded.has(m.revision.id));
  const head = graph.heads[0];
  if (!pending.length || !head?.revision) return;
  const { names, related } = described(pending);
  const run = record.kind === 'typeorm' ? '`typeorm migration:run`' : '`sequelize-cli db:migrate`';
  ctx.report({
    message: `The database has not run ${pending.length} migration(s) of the chain: "${record.schema}.${record.table}" does not record ${names}. Run ${run} before deploying code that expects them (evidence: live database ${ctx.live!.describedAs}, migrations).`,
    location: head.revision.location,
    evidence: ['live', 'migration'],
    related,
  });
}

export const liveMigrationsPending: Rule = {
  id: 'live-migrations-pending',
  description: "The database's recorded revision is behind the head of the migration chain.",
  defaultSeverity: 'warning',
  needs: ['live', 'migrations'],
  reads: ['migrations', 'live'],
  dialects: ['postgresql'],
  check(ctx) {
    if (!ctx.live || ctx.live.embedded) return;
    for (const record of ctx.live.revisions) {
      if (record.kind !== 'alembic') {
        checkLinear(ctx, record);
        continue;
      }
      const recorded = new Set(record.values);
      // The environment whose migrations this database follows: the one that knows its revision.
      const graph = ctx.revisionGraphs.find((g) => record.values.some((v) => g.byRevision.has(v))) ??
        (ctx.revisionGraphs.length === 1 ? ctx.revisionGraphs[0] : undefined);
      if (!graph || graph.incomplete || !graph.heads.length) continue;
      const head = graph.heads[0];
      const unknown = record.values.filter((v) => !graph.byRevision.has(v));
      const where = `"${record.schema}.${record.table}"`;
      if (unknown.length) {
        ctx.report({
          message: `The database records ${unknown.length === 1 ? 'revision' : `${record.truncated ? 'at least ' : ''}${unknown.length} revisions,`} ${listed(unknown)} in ${where}, which no migration file declares: it was migrated from another branch or from files that were deleted, and \`alembic upgrade\` cannot find its place in the chain (evidence: live database ${ctx.live.describedAs}, migrations).`,
          location: head.revision!.location,
          evidence: ['live', 'migration'],
        });
        continue;
      }
      const pending = record.values.length ? pendingAfter(graph, recorded) : graph.migrations;
      if (!pending.length) continue;
      const { names, related } = described(pending);
      ctx.report({
        message: `The database is ${pending.length} migration(s) behind: it records ${record.values.length ? listed(record.values) : 'no revision'} in ${where}, while the head is "${head.revision!.id}". Pending: ${names}. Run \`alembic upgrade head\` before deploying code that expects them (evidence: live database ${ctx.live.describedAs}, migrations).`,
        location: head.revision!.location,
        evidence: ['live', 'migration'],
        related,
      });
    }
  },
};
