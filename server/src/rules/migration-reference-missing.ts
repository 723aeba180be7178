/**
 * migration-reference-missing: a migration names a schema, table, column or type that does not exist
 * at its point of the chain. PostgreSQL rejects the operation, and every later migration with it
 * (seed report 001: foreign keys into `newsletter.sms_tracking` and `newsletter.campaigns`, which
 * live in schema `lead`; `catering_bookings`, which never existed).
 */
import { DEFAULT_SCHEMA, Table } from '../model/schema';
import type { TableRef } from '../model/operations';
import { replaceEdit } from '../fixes/edits';
import { closestNames } from '../model/similarNames';
import { NOT_IN_POSTGRESQL } from '../model/types';
import { missingEnumTypes } from './support/enumTypes';
import { buildsOnOtherChains, type MigrationReplay } from '../model/replay';
import { capitalise, migrationLabel, tableLabel } from './support/describe';
import type { AlembicMigrationFacts } from '../facts/alembic';
import type { Location } from '../model/source';
import type { Fix, Rule } from './types';

const AT_THIS_POINT = 'at this point of the chain';

/** The edits that make `ref` name `table` instead, in the reference's own form. */
function retarget(ref: TableRef, table: Table): Fix | undefined {
  if (!ref.text) return undefined;
  const qualified = `${table.schema}.${table.name}`;
  if (ref.text.includesSchema || (!ref.schemaLocation && table.schema === DEFAULT_SCHEMA)) {
    const text = ref.text.includesSchema || table.schema !== DEFAULT_SCHEMA ? qualified : table.name;
    return { title: `Change the reference to "${text}"`, edits: [replaceEdit(ref.text.location, text)], safety: 'review' };
  }
  if (ref.schemaLocation) {
    return {
      title: `Change the reference to "${qualified}"`,
      edits: [replaceEdit(ref.text.location, table.name), replaceEdit(ref.schemaLocation, table.schema)],
      safety: 'review',
    };
  }
  return undefined;
}

/** The migration after `after` in the chain that creates table `schema.name`, and where. */
function createdLater(replay: MigrationReplay, after: AlembicMigrationFacts, schema: string, name: string, dialect: string): { migration: AlembicMigrationFacts; location: Location } | undefined {
  const at = replay.steps.findIndex((s) => s.migration === after);
  if (at < 0) return undefined;
  const same = (a: string) => (dialect === 'postgresql' ? a === name : a.toLowerCase() === name.toLowerCase());
  for (const step of replay.steps.slice(at + 1)) {
    const op = step.migration.operations.find((o) => o.kind === 'create-table' && same(o.table.name) && (o.table.schema ?? DEFAULT_SCHEMA) === schema);
    if (op?.location) return { migration: step.migration, location: op.location };
  }
  return undefined;
}

/** The migration after `after` in the chain that adds column `column` to table `schema.table` (or creates the table with it), and where. */
function addedLater(replay: MigrationReplay, after: AlembicMigrationFacts, schema: string, table: string, column: string, dialect: string): { migration: AlembicMigrationFacts; location: Location } | undefined {
  const at = replay.steps.findIndex((s) => s.migration === after);
  if (at < 0) return undefined;
  const same = (a: string, b: string) => (dialect === 'postgresql' ? a === b : a.toLowerCase() === b.toLowerCase());
  const inTable = (ref: TableRef) => same(ref.name, table) && (ref.schema ?? DEFAULT_SCHEMA) === schema;
  for (const step of replay.steps.slice(at + 1)) {
    for (const op of step.migration.operations) {
      if (op.kind === 'add-column' && inTable(op.table) && same(op.column.name, column)) return { migration: step.migration, location: op.column.location };
      if (op.kind === 'create-table' && inTable(op.table) && op.columns.some((c) => same(c.name, column))) return { migration: step.migration, location: op.location };
    }
  }
  return undefined;
}

/** How the migration tool orders a chain, for a message about a migration that runs too early. */
function runOrder(tool: AlembicMigrationFacts['tool'], sqlFileTool?: string): string {
  if (sqlFileTool) return SQL_TOOL_WORDS[sqlFileTool]?.order ?? 'the SQL files run in the order of their names';
  if (tool === 'sequelize') return 'sequelize-cli runs migrations in the order of their file names';
  if (tool === 'typeorm') return 'TypeORM runs migrations in the order of the timestamps their class names end with';
  return 'Alembic runs revisions in the order their down_revision links give';
}

/** How each tool that runs SQL files is run, and in what order (see analysis/sqlMigrations.ts). */
const SQL_TOOL_WORDS: Record<string, { run: string; order: string }> = {
  'Flyway': { run: 'flyway migrate', order: 'Flyway runs migrations in the order of their versions, compared as numbers' },
  'golang-migrate': { run: 'migrate up', order: 'golang-migrate runs migrations in the order of their version numbers' },
  'Postgrator': { run: 'postgrator', order: 'Postgrator runs migrations in the order of their version numbers' },
  'Prisma Migrate': { run: 'prisma migrate deploy', order: 'Prisma Migrate runs migrations in the order of their folder names' },
  'numbered SQL files': { run: 'dbmate up', order: 'the SQL files run in the order of their names' },
};

export const migrationReferenceMissing: Rule = {
  id: 'migration-reference-missing',
  description: 'A migration references a schema, table, column or type that does not exist at that point of the chain.',
  defaultSeverity: 'error',
  needs: ['migrations'],
  reads: ['migrations'],
  check(ctx) {
    for (const replay of ctx.migrations) {
      // A chain that works on tables another chain of the workspace creates (a plugin's chain on the
      // application's database) builds on that chain, not on a database nothing built.
      const onOtherChains = buildsOnOtherChains(replay, ctx.migrations);
      // A package's branch builds on other packages' revisions by design: nothing to say about it.
      if (replay.baseline?.unjudged && !onOtherChains && !replay.baseline.packageBranch) {
        // Said once per chain: what came before is Unknown, so nothing after it is judged missing.
        const { migration, reason, unjudged } = replay.baseline;
        const sqlTool = migration.sqlFileTool ? SQL_TOOL_WORDS[migration.sqlFileTool] : undefined;
        const words = sqlTool ? { run: sqlTool.run, made: 'something else: the ORM\'s sync, a restored dump' }
          : migration.tool === 'typeorm' ? { run: 'typeorm migration:run', made: '`synchronize`' }
          : migration.tool === 'sequelize' ? { run: 'sequelize db:migrate', made: '`sync()`' } : { run: 'alembic upgrade head', made: '`create_all()` and stamped' };
        ctx.report({
          message: `This migration chain starts from a database it did not build: ${reason}, so \`${words.run}\` on an empty database cannot create the schema (it was made by ${words.made}). What existed before ${migrationLabel(migration)} is unknown: ${unjudged} reference(s) to tables, columns or schemas no migration creates were not checked. To build databases from the migrations alone, replace the baseline with a migration that creates the initial schema (evidence: migrations).`,
          location: migration.revision?.location ?? migration.downRevisionLocation ?? { file: migration.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
          evidence: ['migration'],
          severityAtMost: 'info',
        });
      }
      // Several migration environments may share one database (services of a monorepo): what another
      // environment creates may exist when this one runs, in an order no file states. Stay silent.
      const others = ctx.migrations.filter((m) => m !== replay);
      const elsewhere = (schema: string, table?: string) => others.some((m) => (table === undefined
        ? m.schema.schemasCreated.some((s) => s.name === schema) || m.schema.tables.some((t) => t.schema === schema)
        : m.schema.tables.some((t) => t.schema === schema && t.name === table)));
      for (const e of replay.events) {
        const who = migrationLabel(e.migration);
        if ((e.kind === 'missing-schema' && elsewhere(e.schema)) || (e.kind === 'missing-table' && elsewhere(e.schema, e.ref.name))) continue;
        if (e.kind === 'missing-column' && others.length && elsewhere(e.table.schema, e.table.name)) continue;
        // SQLite creates a table whose foreign key names a table that does not exist yet (keys are
        // checked when rows are written): a migration that creates its tables in any order works.
        if (e.kind === 'missing-table' && e.foreignKeyTarget && ctx.dialect === 'sqlite') continue;
        if (e.kind === 'missing-schema') {
          ctx.report({
            message: `Schema "${e.schema}" does not exist ${AT_THIS_POINT}: no earlier migration creates it (CREATE SCHEMA) and it is not in the configured schemas, so ${who} fails: schema "${e.schema}" does not exist (evidence: migrations).`,
            location: e.location,
            evidence: ['migration'],
          });
        } else if (e.kind === 'missing-table' && e.roleSchemas?.length) {
          // PostgreSQL's default search_path starts with the role's own schema: the name resolves
          // when the role that runs the migrations is named after the schema that has the table.
          const found = e.sameName.filter((t) => e.roleSchemas!.includes(t.schema));
          const schemas = [...new Set(found.map((t) => `"${t.schema}"`))].join(' or ');
          ctx.report({
            message: `Table "${e.ref.name}" is not in schema "${e.schema}" ${AT_THIS_POINT}: no earlier migration creates it there, and the chain sets no search_path, so the unqualified name finds ${found.map(tableLabel).join(' or ')} only when the role that runs ${who} is named ${schemas} or the database sets a search_path that includes it; elsewhere the migration fails: relation "${e.ref.name}" does not exist. Qualify the name, so that the chain does not depend on the role (evidence: migrations).`,
            location: e.ref.location,
            evidence: ['migration'],
            related: found.map((t) => ({ location: t.location, message: `${tableLabel(t)} is created here` })),
            fixes: found.map((t) => retarget(e.ref, t)).filter((f): f is Fix => !!f),
            severityAtMost: 'warning',
          });
        } else if (e.kind === 'missing-table') {
          const name = `${e.schema}.${e.ref.name}`;
          const suggestions = [...e.sameName, ...e.similar.filter((t) => !e.sameName.includes(t))].slice(0, 3);
          const why = e.schemaMissing ? ` (schema "${e.schema}" does not exist either)` : '';
          const later = suggestions.length ? undefined : createdLater(replay, e.migration, e.schema, e.ref.name, ctx.dialect);
          const hint = suggestions.length ? ` Did you mean ${tableLabel(suggestions[0])}?`
            : later ? ` ${capitalise(migrationLabel(later.migration))} creates it, later in the chain: ${runOrder(e.migration.tool, e.migration.sqlFileTool)}, so this migration must come after that one.` : '';
          ctx.report({
            message: `Table "${name}" does not exist ${AT_THIS_POINT}${why}: no earlier migration creates it, so ${who} fails: relation "${name}" does not exist (evidence: migrations).${hint}`,
            location: e.ref.location,
            evidence: ['migration'],
            related: later
              ? [{ location: later.location, message: `${name} is created here, by a later migration` }]
              : suggestions.map((t) => ({ location: t.location, message: `${tableLabel(t)} is created here` })),
            fixes: suggestions.map((t) => retarget(e.ref, t)).filter((f): f is Fix => !!f),
          });
        } else if (e.kind === 'missing-type') {
          // TypeORM's entity aliases are no SQL database's types (SQLite takes any name); another
          // database's type is a mistake where the project is known to run on PostgreSQL.
          // (Of the data source nearest the migration: a monorepo's SQLite app beside its PostgreSQL ones.)
          const dialect = ctx.dialectOf(e.location.file);
          const alias = /^(string|number|simple-json|simple-array)$/i.test(e.type);
          if (alias ? dialect === 'sqlite' : (dialect !== 'postgresql' && dialect !== 'cockroachdb') || ctx.dialectAssumed) continue;
          const meant = alias && dialect !== 'postgresql' ? undefined : NOT_IN_POSTGRESQL.get(e.type.toLowerCase());
          ctx.report({
            message: alias
              ? `Type "${e.type}" of column "${e.column}" is no database type, so ${who} fails: type "${e.type}" does not exist. TypeORM sends a TableColumn's type as written; "${e.type}" is an alias only an entity's @Column maps (evidence: migrations).${meant ? ` Did you mean "${meant}"?` : ''}`
              : `Type "${e.type}" of column "${e.column}" does not exist in PostgreSQL, so ${who} fails: type "${e.type}" does not exist (evidence: migrations).${meant ? ` Did you mean "${meant}"?` : ''}`,
            location: e.location,
            evidence: ['migration'],
          });
        } else if (e.kind === 'missing-column') {
          // (The table is as the chain leaves it: a column a later migration adds is in it, and is no suggestion.)
          const later = addedLater(replay, e.migration, e.table.schema, e.table.name, e.column, ctx.dialect);
          const suggestions = later ? [] : closestNames(e.column, e.table.columns.map((c) => c.name).filter((c) => c !== e.column), 1);
          const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?`
            : later ? ` ${capitalise(migrationLabel(later.migration))} adds it, later in the chain: ${runOrder(e.migration.tool, e.migration.sqlFileTool)}, so this migration must come after that one.` : '';
          ctx.report({
            message: `Column "${e.column}" of ${tableLabel(e.table)} does not exist ${AT_THIS_POINT}, so ${who} fails: column "${e.column}" does not exist (evidence: migrations).${hint}`,
            location: e.location,
            evidence: ['migration'],
            related: [
              { location: e.table.location, message: `${tableLabel(e.table)} is created here` },
              ...(later ? [{ location: later.location, message: `"${e.column}" is added here, by a later migration` }] : []),
            ],
          });
        }
      }
      // Enum types the chain's SQL uses before any migration makes them (a generated migration's CREATE TYPE cut out).
      for (const m of missingEnumTypes(replay)) {
        const dialect = ctx.dialectOf(m.location.file);
        if (dialect !== 'postgresql' && dialect !== 'cockroachdb') continue;
        const bare = m.type.replace(/^.*\./, '').replace(/"/g, '').toLowerCase();
        if (others.some((o) => o.schema.enums.some((e) => e.name.toLowerCase() === bare))) continue;
        const subject = m.column !== undefined ? `Type "${m.type}" of column "${m.column}" does not exist ${AT_THIS_POINT}` : `Type "${m.type}" does not exist ${AT_THIS_POINT}, where ${migrationLabel(m.migration)} alters it`;
        // (Made by a later migration: the statement runs too early — a file named or dated before the one that makes the type.)
        const made = m.madeLater ? `it is only created later, by ${migrationLabel(m.madeLater.migration)}` : 'no earlier migration creates it (CREATE TYPE … AS ENUM)';
        const fails = m.column !== undefined ? `${migrationLabel(m.migration)} fails` : 'the migration fails on a clean database';
        ctx.report({
          message: `${subject}: ${made}, so ${fails}: type "${m.type}" does not exist (evidence: migrations).${m.madeLater ? ' Run it after the migration that creates the type (name it to sort after that one), or move the change into that migration.' : ''}`,
          location: m.location,
          evidence: ['migration'],
          ...(m.madeLater ? { related: [{ location: m.madeLater.location, message: `"${m.type.replace(/^.*\./, '')}" is created here, by a later migration` }] } : {}),
        });
      }
    }
  },
};
