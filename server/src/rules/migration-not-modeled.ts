/**
 * migration-not-modeled: a migration creates a table, or adds a column, that no model declares.
 * The application cannot use it through the ORM, and `alembic revision --autogenerate` proposes
 * to drop it (seed report 001: phone columns added by a migration the model never declared).
 */
import { namesIgnoreCase } from '../workspace/dialect';
import { closestNames } from '../model/similarNames';
import { capitalise, columnsLabel, migrationLabel, modelLabel, tableLabel, ormWords } from './support/describe';
import { applicationScope, BOOKKEEPING_TABLES, columnsMissingIn, likelyOneTable, unreadCodeMayTouch } from './support/migrations';
import { ANY_TABLE, type MigrationOperation } from '../model/operations';
import { madeBeforeChain } from '../model/replay';
import { libraryTableOf } from '../model/libraryTables';
import type { Rule } from './types';
import { syncedAtStartup, syncPlace } from './support/startupSync';
import { columnsInDoubt, mayBeNamed, type Table, type UnnamedTable } from '../model/schema';

/** Whether a model table whose name is Unknown may be `table`: its known columns are there, its name fits what is known of it. */
function mayBe(unnamed: UnnamedTable, table: Table): boolean {
  return mayBeNamed(unnamed, table.name) && unnamed.columns.every((c) => table.columns.some((tc) => tc.name === c));
}

/** The (lower-cased) names of the tables a migration's operations work on; once per migration read (an edit re-reads one). */
const operatedOn = new WeakMap<object, string[]>();

function tablesOperatedOn(migration: { operations: readonly MigrationOperation[] }): string[] {
  let names = operatedOn.get(migration);
  if (names) return names;
  const set = new Set<string>();
  // (Rows written are no work on the table: a seeders' chain leaves what it fills as it was.)
  for (const op of migration.operations) if (op.kind !== 'use-table' && 'table' in op && op.table && typeof op.table === 'object' && 'name' in op.table) set.add(String(op.table.name).toLowerCase());
  operatedOn.set(migration, (names = [...set]));
  return names;
}

export const migrationNotModeled: Rule = {
  id: 'migration-not-modeled',
  description: 'A migration creates a table or column that no model declares.',
  defaultSeverity: 'warning',
  needs: ['models', 'migrations'],
  reads: ['models', 'migrations'],
  check(ctx) {
    // Without models, or with tables whose names the reader cannot see, absence proves nothing.
    if (!ctx.models.tables.length || ctx.models.hasUnknownTables) return;
    // A schema in which no model declares anything belongs to the database alone (audit tables
    // filled by triggers, a reporting schema): its tables are not expected in the models.
    const modelledSchemas = new Set(ctx.models.tables.map((t) => t.schema));
    // Tables more than one chain works on (a plugin's chain altering the application's tables, on
    // the same database): what one chain leaves, another may drop or rename — no evidence here.
    const chainsOf = new Map<string, number>();
    for (const replay of ctx.migrations) {
      // By name: an operation's table, a table the chain leaves, or one its unread code mentions.
      const names = new Set(replay.schema.tables.map((t) => t.name.toLowerCase()));
      for (const step of replay.steps) for (const name of tablesOperatedOn(step.migration)) names.add(name);
      for (const m of replay.unreadableMentions) names.add(m);
      for (const name of names) chainsOf.set(name, (chainsOf.get(name) ?? 0) + 1);
    }
    const scope = applicationScope(ctx);
    for (const replay of ctx.migrations) {
      // The chain of another application of the workspace, one without models: not these models'.
      if (!scope.chainJudged(replay)) continue;
      // SQL files a tool outside the ORM runs (Flyway, dbmate…): the database is written in SQL first,
      // the models map the part the ORM uses, and no generator proposes dropping the rest.
      if (replay.steps.some((s) => s.migration.sqlFileTool)) continue;
      const creator = new Map(replay.steps.map((s) => [s.migration.file, s.migration]));
      for (const table of replay.schema.tables) {
        if (BOOKKEEPING_TABLES.has(table.name) || !modelledSchemas.has(table.schema)) continue;
        // A partition is its parent's storage: the parent's model maps it.
        if (table.partitionOf) continue;
        if ((chainsOf.get(table.name.toLowerCase()) ?? 0) > 1) continue;
        // A migration file that could not be read may have dropped or changed it.
        if (replay.unreadableMentions.has(ANY_TABLE)) continue;
        const model = ctx.modelTables.get(table.schema, table.name, table.location.file);
        // A table the chain found made before it (a baseline's): no migration created it, and how it
        // came to be (an ORM's sync, a plugin, a restored dump) is Unknown.
        if (!model && madeBeforeChain(table)) continue;
        if (!model) {
          // Code the replay could not read that names the table may have dropped or renamed it.
          if (unreadCodeMayTouch(replay, table.name)) continue;
          // A model of that name in another schema: model-not-migrated reports the disagreement.
          if (ctx.modelTables.named(table.name).length) continue;
          // A table the models declare under a name computed by code, with these columns: maybe this one.
          if (ctx.models.unnamedTables?.some((u) => mayBe(u, table))) continue;
          // A library of the project's makes and uses it by itself (a session store's table): no model should declare it.
          if (libraryTableOf(table, ctx.packages)) continue;
          const by = creator.get(table.location.file);
          const where = by ? ` in ${migrationLabel(by)}` : '';
          // A model of a near name with these columns whose own table no migration creates: the same table named twice.
          const meant = ctx.modelTables.similar(table.name, 3).flatMap((name) => ctx.modelTables.named(name))
            .find((m) => !ctx.migratedTables.all(m.schema, m.name).length && likelyOneTable(m, table));
          const hint = meant ? ` ${capitalise(modelLabel(meant))}, whose table no migration creates, has its columns: did it mean this table?` : '';
          ctx.report({
            message: `The migrations create table ${tableLabel(table)}${where}, but no model declares it: the application cannot use it through the ORM${tableDropNote(by?.tool)} (evidence: migrations, models).${hint}`,
            location: table.location,
            evidence: ['migration', 'model'],
            ...(meant ? { related: [{ location: meant.location, message: `${modelLabel(meant)} is declared here` }] } : {}),
          });
          continue;
        }
        // Several models of one table (each bounded context maps the columns it uses): a column is
        // modelled when any of them declares it.
        // A model in the schema the settings pick at run time (one service's `schema: DB_SCHEMA`) may be this table too.
        const models = [...ctx.modelTables.all(table.schema, table.name), ...ctx.modelTables.named(table.name).filter((m) => m.schemaSetAtRunTime && m.schema !== table.schema)];
        if (columnsInDoubt(model) || models.some((m) => columnsInDoubt(m))) continue;
        // Code the replay could not read that names the table (a DO block renaming its columns):
        // which columns the chain leaves is Unknown.
        if (unreadCodeMayTouch(replay, table.name)) continue;
        const ignoreCase = namesIgnoreCase(ctx.dialect);
        const declaredElsewhere = (name: string) => models.some((m) => m !== model && m.columns.some((c) => c.name === name || (ignoreCase && c.name.toLowerCase() === name.toLowerCase())));
        const missing = columnsMissingIn(table, model, model, ignoreCase);
        // The model's columns no migration adds: a near name among them is the column meant.
        const unmigrated = missing.length ? columnsMissingIn(model, table, model, ignoreCase) : [];
        for (const column of missing) {
          if (declaredElsewhere(column.name)) continue;
          // Altered by the chain, made before it: no migration added it.
          if (column.madeBeforeChain) continue;
          // A surrogate key on a join table the ORM keys on its two foreign keys: by convention.
          if (model.keyedOnItsForeignKeys && column.name === 'id' && table.primaryKey.length === 1 && table.primaryKey[0] === 'id') continue;
          const adder = creator.get(column.location.file);
          // `githubHandle: { type: DataTypes.VIRTUAL, get() { … } }`: the model computes what the column once stored.
          const virtual = model.virtualAttributes?.find((v) => v.name === column.name || (ignoreCase && v.name.toLowerCase() === column.name.toLowerCase()));
          if (virtual) {
            ctx.report({
              message: `The migrations add column ${columnsLabel([column.name])} to ${tableLabel(table)}${adder ? ` in ${migrationLabel(adder)}` : ''}, but ${modelLabel(model)} declares "${virtual.name}" VIRTUAL: computed by the model, never read from the column nor written to it. The column is left in the database, unused; drop it in a migration once nothing else reads it (evidence: migrations, models).`,
              location: column.location,
              evidence: ['migration', 'model'],
              related: [{ location: virtual.location, message: `"${virtual.name}" is declared VIRTUAL here` }],
            });
            continue;
          }
          const [near] = closestNames(column.name, unmigrated.map((c) => c.name), 1);
          const meant = near !== undefined ? unmigrated.find((c) => c.name === near) : undefined;
          // TypeORM's `synchronize`, Sequelize's `sync({ alter })` drop the columns a model lacks
          // whenever the application starts: the column lasts only until then.
          const synced = syncedAtStartup(ctx, model, model.alteredBy);
          const dropped = synced ? ` The application drops it itself at startup (${syncPlace(synced)} syncs the schema with the models, removing the columns they lack), so only a database built with the migrations alone, before the application first runs, has it.` : '';
          ctx.report({
            ...(synced ? { severityAtMost: 'info' as const } : {}),
            message: `The migrations add column ${columnsLabel([column.name])} to ${tableLabel(table)}${adder ? ` in ${migrationLabel(adder)}` : ''}, but ${modelLabel(model)} does not declare it: the ORM never reads or writes it${synced ? '' : columnDropNote(model)} (evidence: migrations, models).${meant ? ` The model declares "${meant.name}", which no migration adds: did it mean this column?` : ''}${dropped}`,
            location: column.location,
            evidence: ['migration', 'model'],
            related: meant && !meant.inheritedFrom ? [{ location: meant.location, message: `"${meant.name}" is declared here` }] : [{ location: model.location, message: `${modelLabel(model)} is declared here` }],
          });
        }
      }
    }
  },
};

/**
 * What a migration generated from the models makes of a table none declares: Alembic's autogenerate
 * proposes dropping it; TypeORM's migration:generate never drops a table no entity maps, and
 * sequelize-cli generates no migration from the models — nothing to add for those.
 */
function tableDropNote(tool: 'typeorm' | 'sequelize' | undefined): string {
  return tool ? '' : ', and `alembic revision --autogenerate` will propose dropping it';
}

/**
 * What the ORM's tools make of a column a model lacks: Alembic's autogenerate and TypeORM's
 * migration:generate propose dropping it; Sequelize's `sync({ alter: true })` drops it.
 */
function columnDropNote(model: Pick<Table, 'orm'>): string {
  return model.orm === 'sequelize' ? ', and `sequelize.sync({ alter: true })` would drop it' : `, and ${ormWords(model).generate} will propose dropping it`;
}
