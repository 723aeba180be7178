/**
 * table-no-primary-key: a table without a primary key cannot tell duplicate rows apart, cannot be
 * replicated logically (UPDATE/DELETE need a replica identity), and a declarative SQLAlchemy model
 * without one fails to map at import time.
 */
import { addOptionEdit } from '../fixes/edits';
import { capitalise, columnsLabel, modelLabel, tableLabel } from './support/describe';
import { evidenceOf, migratedTable, migrationOnlyTables, unreadCodeMayChangeKeys } from './support/migrations';
import { madeBeforeChain } from '../model/replay';
import { postgresConstraintName } from '../model/namingConvention';
import { columnsInDoubt, isIndexPart, type Table } from '../model/schema';
import type { Fix, Rule, RuleContext } from './types';

const ORM_NAME: Record<string, string> = { sqlalchemy: 'SQLAlchemy', typeorm: 'TypeORM', sequelize: 'Sequelize' };

/** What the model's ORM does with a class whose table has no primary key. */
const ORM_WITHOUT_KEY: Record<string, string> = {
  sqlalchemy: 'SQLAlchemy cannot map it',
  typeorm: 'TypeORM refuses to load an entity without a primary column',
  sequelize: 'Sequelize cannot find, update or delete one of its rows by key',
};

export const tableNoPrimaryKey: Rule = {
  id: 'table-no-primary-key',
  description: 'A table without a primary key.',
  defaultSeverity: 'warning',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations'],
  check(ctx) {
    for (const table of [...ctx.models.tables, ...migrationOnlyTables(ctx)]) {
      if (table.primaryKey.length || table.incomplete?.some((p) => !p.startsWith('foreign key') && !isIndexPart(p))) continue;
      // A copy of another table's rows (`CREATE TABLE backup AS SELECT …`): a snapshot, keyless by design.
      if (table.copyOf) continue;
      const fkColumns = [...new Set(table.foreignKeys.flatMap((fk) => fk.columns))];
      const isAssociation = table.isCoreTable && fkColumns.length >= 2;
      // A unique constraint (or unique index) on NOT NULL columns already keeps rows apart: a key in
      // all but name (`brid` unique in a claims table, a link's two columns unique together).
      const key = uniqueKey(table, isAssociation ? fkColumns : undefined);
      // A unique key over NOT NULL columns keeps the rows apart, and a replica identity set by the
      // migrations (`REPLICA IDENTITY USING INDEX` it, or FULL) lets logical replication find them:
      // keyed in all but name, knowingly.
      // (Not for a mapped class: its ORM still needs a key it names.)
      const replicated = replicationOf(ctx, table);
      if (key && replicated && (table.evidence === 'migration' || table.isCoreTable)) continue;
      const keyColumns = key?.columns ?? fkColumns;
      const fixes: Fix[] = [];
      if (isAssociation || key) {
        const columns = keyColumns.map((n) => table.columns.find((c) => c.name === n));
        if (columns.every((c) => c?.optionAnchor?.syntax === 'python')) {
          fixes.push({
            title: `Make ${columnsLabel(keyColumns)} the primary key`,
            edits: columns.map((c) => addOptionEdit(c!.location.file, c!.optionAnchor!, 'primary_key', 'True')),
            safety: 'review',
          });
        }
      }
      const { text, evidence } = evidenceOf(table);
      const migrated = table.evidence === 'migration';
      const association = isAssociation || (migrated && fkColumns.length >= 2);
      // `__mapper_args__ = {"primary_key": […]}`: the project chose a key for the ORM alone, knowingly.
      const ormOnly = !key && !association && table.mappedByOwnKey;
      const message = ormOnly
        ? `${capitalise(modelLabel(table))} has no primary key in the database: SQLAlchemy maps it by the key its \`__mapper_args__\` names, but duplicate rows cannot be told apart${replicated ? replicated.note : ' and logical replication cannot replicate its updates'} (evidence: ${text}).`
        : key
        ? `${capitalise(association ? `association ${modelLabel(table)}` : modelLabel(table))} has no primary key, only a unique ${key.kind} on ${columnsLabel(key.columns)}: ${association ? 'a link cannot be stored twice' : 'its rows are kept apart'}${key.columns.some((n) => table.columns.find((c) => c.name === n)?.nullable !== false) ? ' (though rows with an empty key are not)' : ''}, but ${replicated ? '' : 'logical replication cannot replicate its updates and deletes (no replica identity), and '}the key is not declared as one. Make ${columnsLabel(key.columns)} its primary key (evidence: ${text}).`
        : association
          ? `Association ${modelLabel(table)} has no primary key: the same link can be stored twice. Make ${columnsLabel(fkColumns)} its primary key (evidence: ${text}).`
          : replicated
            ? `${capitalise(modelLabel(table))} has no primary key: ${table.isCoreTable || migrated ? '' : `${ORM_WITHOUT_KEY[table.orm ?? 'sqlalchemy']} and `}duplicate rows cannot be told apart${replicated.note} (evidence: ${text}).`
            : `${capitalise(modelLabel(table))} has no primary key: ${table.isCoreTable || migrated ? 'duplicate rows cannot be told apart and' : `${ORM_WITHOUT_KEY[table.orm ?? 'sqlalchemy']}, duplicate rows cannot be told apart, and`} logical replication cannot replicate its updates (evidence: ${text}).`;
      ctx.report({ message, location: table.location, evidence, fixes, ...(key || ormOnly ? { severityAtMost: 'info' as const } : {}) });
    }
    keyedOnlyInTheModel(ctx);
  },
};

/**
 * A model that declares its key over a table the migrations create without one (a sequelize-cli
 * `createTable` whose `id` is `unique` but not `primaryKey`, a hand-written CREATE TABLE that left
 * the constraint out): the ORM finds rows by a key the database does not hold. Said where the
 * migrations make the table, since a new migration is the fix; silent where the migrated table is
 * Unknown in part (a baseline's, code not read that may add the key).
 */
function keyedOnlyInTheModel(ctx: RuleContext): void {
  for (const table of ctx.models.tables) {
    if (!table.primaryKey.length || columnsInDoubt(table) || table.schemaUnknown || table.mappedByOwnKey) continue;
    const migrated = migratedTable(ctx, table.schema, table.name, table.location.file);
    if (!migrated || migrated.primaryKey.length || columnsInDoubt(migrated) || madeBeforeChain(migrated)) continue;
    if (migrated.copyOf || migrated.partitionOf || ctx.migrations.some((m) => unreadCodeMayChangeKeys(m, migrated.name))) continue;
    const key = uniqueKey(migrated, undefined);
    const replicated = replicationOf(ctx, migrated);
    if (key && replicated) continue;
    // A join table the ORM makes itself (TypeORM's `@JoinTable`, Sequelize's `through: 'name'`) is
    // keyed by the ORM, not by a declaration: migrations that keep its links apart with a unique
    // index chose that way (the same link cannot be stored twice); only one that does not is said.
    // (So is a through model Sequelize keys on its two foreign keys, having none of its own.)
    const ormJoinTable = (!table.className && !!table.orm) || !!table.keyedOnItsForeignKeys;
    if (ormJoinTable && key) continue;
    const declared = table.columns.find((c) => c.name === table.primaryKey[0]);
    const consequence = key
      ? `only a unique ${key.kind} on ${columnsLabel(key.columns)} keeps its rows apart${key.columns.some((n) => migrated.columns.find((c) => c.name === n)?.nullable !== false) ? ' (though not rows with an empty key)' : ''}, and logical replication cannot replicate its updates and deletes (no replica identity)`
      : replicated
        ? `duplicate rows cannot be told apart${replicated.note}`
        : 'duplicate rows cannot be told apart, and logical replication cannot replicate its updates and deletes (no replica identity)';
    const keyedBy = !ormJoinTable
      ? `${modelLabel(table)} declares ${columnsLabel(table.primaryKey)} as its key`
      : `${ORM_NAME[table.orm ?? 'sqlalchemy']} keys the join table it makes on ${columnsLabel(table.primaryKey)} (the key a sync would give it)`;
    ctx.report({
      message: `The migrations leave ${tableLabel(migrated)} without a primary key, though ${keyedBy}: ${consequence}. A new migration that adds the primary key makes the database hold the key the model reads by (evidence: models, migrations).`,
      location: migrated.location,
      evidence: ['model', 'migration'],
      related: [{ location: declared?.location ?? table.location, message: !ormJoinTable ? `${modelLabel(table)} declares its key here` : `the join table ${tableLabel(table)} is declared here` }],
      ...(key ? { severityAtMost: 'info' as const } : {}),
    });
  }
}

/**
 * A unique constraint or index (not partial, not on an expression) whose columns are all NOT NULL:
 * a key in all but name. For an association, only one within the link's columns counts (a unique
 * `brid` keeps the same link from being stored twice; a unique on another column does not).
 */
function uniqueKey(table: Table, linkColumns: string[] | undefined): { kind: 'constraint' | 'index'; columns: string[] } | undefined {
  const qualifies = (cols: string[]) => cols.length > 0
    && cols.every((n) => table.columns.find((c) => c.name === n)?.nullable === false || (linkColumns?.includes(n) ?? false))
    && (!linkColumns || cols.every((n) => linkColumns.includes(n)));
  const constraint = table.uniqueConstraints.find((u) => qualifies(u.columns));
  if (constraint) return { kind: 'constraint', columns: constraint.columns };
  const index = table.indexes.find((i) => i.unique && !i.where && !i.expression && qualifies(i.columns));
  return index ? { kind: 'index', columns: index.columns } : undefined;
}

/**
 * Whether logical replication finds the rows of a table without a primary key, with a note saying
 * how: by the replica identity the migrations gave it — FULL (every column), or a unique index the
 * table still has (PostgreSQL names an unnamed unique constraint's `<table>_<columns>_key`). On
 * another database than PostgreSQL (SQLite has no logical replication) the question does not
 * arise. Undefined where replication cannot find them.
 */
function replicationOf(ctx: RuleContext, table: Table): { note: string } | undefined {
  const dialect = ctx.dialectOf(table.location.file);
  if (dialect !== 'postgresql' && dialect !== 'cockroachdb') return { note: '' };
  const identity = table.replicaIdentity;
  if (identity === 'full') return { note: ' (its replica identity is FULL)' };
  if (!identity || identity === 'nothing') return undefined;
  const named = (i: { name?: string; columns: string[] }) => (i.name ?? postgresConstraintName(table.name, i.columns, 'key')) === identity.index;
  const held = table.indexes.some((i) => i.unique && !i.where && !i.expression && named(i)) || table.uniqueConstraints.some(named);
  return held ? { note: ` (its replica identity is the unique index "${identity.index}")` } : undefined;
}
