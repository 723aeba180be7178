/**
 * Where an application makes its schema from its models whenever it starts (TypeORM's
 * `synchronize: true`, an unconditional `sequelize.sync()`): what the models and the migrations
 * disagree on is settled there at startup, not by the migrations.
 */
import * as path from 'path';
import type { Location } from '../../model/source';
import type { RuleContext } from '../types';

/** Paths of tests, scripts and seeds: a sync there runs when someone runs it, not when the application starts. */
const NOT_STARTUP = /(^|[\\/])(tests?|__tests__|spec|e2e|fixtures?|scripts?|seeds?|seeders?)[\\/]|\.(spec|test|e2e-spec)\.[cm]?[jt]s$/;

/**
 * Where the application the model belongs to syncs the schema at startup, outside tests and
 * scripts: of `syncs`, the table's syncs (which create a missing table) or those that alter it
 * (which add a missing column and drop one the model lacks).
 */
export function syncedAtStartup(ctx: RuleContext, table: { location: Location }, syncs: Location[] | undefined): Location | undefined {
  if (!syncs?.length) return undefined;
  const app = ctx.applicationOf(table.location.file);
  return syncs.find((l) => ctx.applicationOf(l.file) === app && !NOT_STARTUP.test(path.relative(app, l.file)));
}

/** `x.ts:12`: where the sync is. */
export function syncPlace(at: Location): string {
  return `${path.basename(at.file)}:${at.range.start.line + 1}`;
}
