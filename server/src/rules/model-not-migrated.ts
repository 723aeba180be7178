/**
 * model-not-migrated: a model's table, or one of its columns, is created by no migration. It then
 * exists only where `Base.metadata.create_all()` ran; a database built from the migrations lacks it,
 * and its history cannot be rolled back (seed report 004: jobs, prospects, email_logs; report 001:
 * communications.call_recordings).
 */
import { namesIgnoreCase } from '../workspace/dialect';
import { closestNames } from '../model/similarNames';
import { capitalise, modelLabel, tableLabel, ormWords } from './support/describe';
import { applicationScope, BOOKKEEPING_TABLES, columnsMissingIn, likelyOneTable, migrationEvidence } from './support/migrations';
import type { MigrationOperation } from '../model/operations';
import { buildsOnOtherChains } from '../model/replay';
import type { Rule, RuleContext } from './types';
import type { Location } from '../model/source';
import { syncedAtStartup, syncPlace } from './support/startupSync';
import { columnsInDoubt } from '../model/schema';

export const modelNotMigrated: Rule = {
  id: 'model-not-migrated',
  description: "A model's table or column is created by no migration (it exists only through create_all).",
  defaultSeverity: 'error',
  needs: ['models', 'migrations'],
  reads: ['models', 'migrations'],
  check(ctx) {
    const evidence = migrationEvidence(ctx);
    if (!evidence) return;
    // The MetaData (declarative bases) of which the migrations create some table. A project with two
    // bases whose migrations create none of one's tables keeps that one elsewhere (another database,
    // a service's own `create_all()`): no evidence that those models lack migrations here.
    const scope = applicationScope(ctx);
    const migratedMetadata = new Set(ctx.models.tables.filter((t) => t.metadataKey && ctx.migratedTables.get(t.schema, t.name, t.location.file)).map((t) => t.metadataKey));
    for (const table of ctx.models.tables) {
      if (table.metadataKey && migratedMetadata.size && !migratedMetadata.has(table.metadataKey)) continue;
      // A model of another application of the workspace, one without migrations: not this chain's.
      if (!scope.modelJudged(table.location.file)) continue;
      // A model of the migration tool's own table (`SequelizeMeta`): the tool creates it, no migration does.
      if (evidence.mentioned(table.name) || BOOKKEEPING_TABLES.has(table.name)) continue;
      // A table the ORM does not manage (TypeORM's `synchronize: false`): something else makes it.
      if (table.managedElsewhere) continue;
      // In a schema the reader does not know: a migrated table of its name may be it (silence);
      // none of that name in any schema is evidence enough.
      if (table.schemaUnknown && ctx.migratedTables.named(table.name).length) continue;
      const migrated = ctx.migratedTables.get(table.schema, table.name, table.location.file);
      // A model read from a view the migrations create (`CREATE VIEW`, alembic_utils' PGView).
      if (!migrated && ctx.migrations.some((m) => m.schema.views?.some((v) => v.schema === table.schema && v.name === table.name))) continue;
      if (!migrated) {
        // In the schema the settings pick at run time: the migrated table of its name elsewhere may be it.
        if (table.schemaSetAtRunTime && ctx.migratedTables.named(table.name).length) continue;
        // A chain that starts from a stamped database: the table may predate its baseline.
        if (ctx.migrations.some((m) => m.baseline && !buildsOnOtherChains(m, ctx.migrations))) continue;
        const elsewhere = ctx.migratedTables.named(table.name);
        const dropped = elsewhere.length ? undefined : lastDrop(ctx, table.schema, table.name);
        // A migrated table of a near name with the model's columns that no model maps: the same
        // table named twice (`@Entity('project')` over the migrations' "projects").
        const meant = elsewhere.length || dropped ? undefined : ctx.migratedTables.similar(table.name, 3)
          .flatMap((name) => ctx.migratedTables.named(name))
          .find((t) => !ctx.modelTables.all(t.schema, t.name).length && !BOOKKEEPING_TABLES.has(t.name) && likelyOneTable(table, t));
        const message = dropped
          ? `${capitalise(modelLabel(table))} is dropped by a migration and created by none after it: a database built with the migrations has no such table, while the model still maps it (evidence: models, migrations). Remove the model (or its relation), or generate the migration that creates the table again (${ormWords(table).generate}).`
          : elsewhere.length
          ? `${capitalise(modelLabel(table))} is created by no migration in schema "${table.schema}": the migrations create ${elsewhere.map(tableLabel).join(' and ')} instead, so the model and a database built from the migrations disagree on where the table lives (evidence: models, migrations).`
          : meant
          ? `${capitalise(modelLabel(table))} is created by no migration, while the migrations create ${tableLabel(meant)} with its columns, which no model maps: the model and the migrations name one table two ways, and queries of the model fail on a database built from them with "relation does not exist" (evidence: models, migrations). Did you mean ${tableLabel(meant)}?`
          : `${capitalise(modelLabel(table))} is created by no migration: a database built with the migrations has no such table, which exists only where ${ormWords(table).createAll} ran (evidence: models, migrations). ${ormWords(table).writeMigration}.`;
        const synced = syncedAtStartup(ctx, table, table.syncedBy);
        ctx.report({
          message: synced ? `${message} ${syncNote(synced)}` : message,
          location: table.location,
          evidence: ['model', 'migration'],
          ...(synced ? { severityAtMost: 'info' as const } : {}),
          related: dropped
            ? [{ location: dropped.location, message: `"${table.name}" is dropped here` }]
            : (meant ? [meant] : elsewhere).map((t) => ({ location: t.location, message: `${tableLabel(t)} is created here` })),
        });
        continue;
      }
      // Several chains working on the table (a plugin's chain on the application's table): any of
      // them may add the column; an incomplete one may have anything.
      const chains = ctx.migratedTables.all(table.schema, table.name);
      if (chains.some((t) => columnsInDoubt(t))) continue;
      const ignoreCase = namesIgnoreCase(ctx.dialect);
      const same = (a: string, b: string) => a === b || (ignoreCase && a.toLowerCase() === b.toLowerCase());
      const missing = columnsMissingIn(table, migrated, table, ignoreCase);
      // The migrated columns no model column is: a near name among them is the column meant
      // (`@JoinColumn({ name: 'project-id' })` over the migrations' "project_id").
      const unmodelled = missing.length ? columnsMissingIn(migrated, table, table, ignoreCase) : [];
      for (const column of missing) {
        if (chains.some((t) => t !== migrated && t.columns.some((c) => same(c.name, column.name)))) continue;
        if (evidence.mentioned(column.name)) continue;
        const mixin = column.inheritedFrom ? ` (from ${column.inheritedFrom})` : '';
        const [near] = closestNames(column.name, unmodelled.map((c) => c.name), 1);
        const meant = near !== undefined ? unmodelled.find((c) => c.name === near) : undefined;
        // A plain `sequelize.sync()` creates missing tables, never a column of one that exists.
        const synced = syncedAtStartup(ctx, table, table.alteredBy);
        ctx.report({
          ...(synced ? { severityAtMost: 'info' as const } : {}),
          message: (synced ? (m: string) => `${m} ${syncNote(synced)}` : (m: string) => m)(meant
            ? `Column "${column.name}"${mixin} of ${modelLabel(table)} is added by no migration, while the migrations add "${meant.name}", which the model does not declare — perhaps one column named two ways. Queries of the model fail on a database built from them (evidence: models, migrations). Did you mean "${meant.name}"?`
            : `Column "${column.name}"${mixin} of ${modelLabel(table)} is added by no migration: the migrations create ${tableLabel(table)} without it, so queries of the model fail on a database built from them (evidence: models, migrations). ${ormWords(table).writeMigration}.`),
          location: column.inheritedFrom ? table.location : column.location,
          evidence: ['model', 'migration'],
          related: meant ? [{ location: meant.location, message: `"${meant.name}" is added here` }] : [{ location: migrated.location, message: `${tableLabel(migrated)} is created here` }],
        });
      }
    }
  },
};

/** The last `DROP TABLE` of a table in the chains (in their order), if one drops it. */
function lastDrop(ctx: RuleContext, schema: string, name: string): MigrationOperation | undefined {
  let last: MigrationOperation | undefined;
  for (const replay of ctx.migrations) {
    for (const step of replay.steps) {
      for (const op of step.migration.operations) {
        if (op.kind === 'drop-table' && op.table.name === name && (op.table.schema ?? schema) === schema) last = op;
      }
    }
  }
  return last;
}

/** What a startup sync changes of the finding: the application makes what the migrations lack. */
function syncNote(at: Location): string {
  return `The application makes it itself at startup (${syncPlace(at)} syncs the schema with the models), so only a database built with the migrations alone, before the application first runs, lacks it.`;
}
