/**
 * schema-missing: a table, or a foreign key into such a table, lives in a schema that nothing
 * creates. CREATE TABLE then fails with `schema "x" does not exist` (seed report 000).
 */
import type { Rule } from './types';
import { tableLabel } from './support/describe';
import { buildsOnOtherChains } from '../model/replay';

export const schemaMissing: Rule = {
  id: 'schema-missing',
  description: 'A table or foreign key names a schema that no migration, configuration or database creates.',
  defaultSeverity: 'error',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations', 'live'],
  dialects: ['postgresql'],
  check(ctx) {
    const sources = 'no migration creates it and it is not listed in the configured schemas';
    // A chain that starts from a stamped database: what existed before it (its schemas too) is Unknown.
    const fromBaseline = ctx.migrations.some((m) => m.baseline && !buildsOnOtherChains(m, ctx.migrations));
    // Code creates schemas under names it computes (an Alembic environment's `CreateSchema(m.schema)`
    // for each metadata it migrates): any schema may be one of them.
    const anyMayExist = !!ctx.models.schemasCreatedUnknown;
    // A TypeORM or Sequelize model in a workspace without migrations, which no sync at startup makes
    // (entities generated from a database, `synchronize: false`): the database is made outside the
    // workspace, and its schemas with it. (SQLAlchemy's create_all() is not followed: its models stay judged.)
    const madeOutside = (table: { orm?: string; syncedBy?: unknown[] } | undefined) => !ctx.migrations.length && !!table?.orm && !table.syncedBy?.length;
    for (const table of ctx.models.tables) {
      // A table something else makes (TypeORM's `synchronize: false`): its schema too.
      if (ctx.knownSchemas.has(table.schema) || fromBaseline || anyMayExist || table.managedElsewhere || madeOutside(table)) continue;
      ctx.report({
        message: `Schema "${table.schema}" of ${tableLabel(table)} does not exist: ${sources} (evidence: models).`,
        location: table.declaredSchema?.location ?? table.location,
        evidence: ['model'],
      });
    }
    for (const table of ctx.models.tables) {
      for (const fk of table.foreignKeys) {
        const schema = fk.target.schema;
        if (schema === undefined || fk.viaClass || ctx.knownSchemas.has(schema) || fromBaseline || anyMayExist) continue;
        const target = ctx.modelTables.get(schema, fk.target.table);
        // When the table is not in that schema, fk-schema-mismatch or fk-target-missing says more;
        // a table something else makes brings its schema.
        if (!target || target.managedElsewhere || madeOutside(target)) continue;
        ctx.report({
          message: `Foreign key into schema "${schema}", which does not exist: ${sources} (evidence: models).`,
          location: fk.targetTextLocation ?? fk.location,
          evidence: ['model'],
          related: [{ location: target.declaredSchema?.location ?? target.location, message: `${tableLabel(target)} is declared in schema "${schema}" here` }],
        });
      }
    }
    // Report 000's question, answered by the database itself: the migrations or the configuration
    // say the schema exists, the live database does not have it.
    if (ctx.live && !ctx.live.embedded) {
      const live = new Set(ctx.live.schema.schemasCreated.map((x) => x.name));
      const reported = new Set<string>();
      for (const table of ctx.models.tables) {
        if (live.has(table.schema) || reported.has(table.schema)) continue;
        const creators = (ctx.knownSchemas.get(table.schema) ?? []).filter((x) => x.evidence !== 'live');
        if (!creators.length) continue; // reported above as created by nothing
        reported.add(table.schema);
        const byMigration = creators.some((x) => x.evidence === 'migration');
        ctx.report({
          message: `Schema "${table.schema}" of ${tableLabel(table)} does not exist in the database (${ctx.live.describedAs}): ${byMigration ? 'a migration creates it, but this database has not run it' : 'the configuration lists it as existing, but this database lacks it'}, so every query on its tables fails (evidence: live database, models).`,
          location: table.declaredSchema?.location ?? table.location,
          evidence: ['live', 'model'],
          related: creators.filter((x) => x.location).slice(0, 1).map((x) => ({ location: x.location!, message: `schema "${table.schema}" is created here` })),
        });
      }
    }
  },
};
