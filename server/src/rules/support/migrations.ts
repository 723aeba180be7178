/** What the rules that compare models with migrations share: whether the comparison can be trusted. */
import type { RuleContext } from '../types';

/** Tables Alembic, TypeORM and Sequelize keep their own bookkeeping in. */
export const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set(['alembic_version', 'migrations', 'typeorm_metadata', 'SequelizeMeta', 'sequelizemeta']);

export interface MigrationEvidence {
  /** Names code the readers could not understand may create (lower-cased). */
  mentioned: (name: string) => boolean;
}

/**
 * The migrations as evidence of what exists: undefined when there are none, or when some
 * migration runs code that could create anything (then silence beats a guess).
 */
export function migrationEvidence(ctx: RuleContext): MigrationEvidence | undefined {
  if (!ctx.migrations.some((m) => m.steps.some((s) => s.migration.operations.length))) return undefined;
  if (ctx.migrations.some((m) => m.opaque)) return undefined;
  const mentions = new Set<string>();
  for (const m of ctx.migrations) for (const n of m.unreadableMentions) mentions.add(n);
  return { mentioned: (name) => mentions.has(name.toLowerCase()) };
}
