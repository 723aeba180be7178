/** What the rules that compare models with migrations share: whether the comparison can be trusted. */
import { columnsInDoubt, isIndexPart, nearestTo, unsynchronizedIndexName, type Column, type Index, type Table } from '../../model/schema';
import { FOREIGN_KEYS_OF, INDEXES_OF, mentionsName } from '../../model/operations';
import { madeBeforeChain, type MigrationReplay } from '../../model/replay';
import type { RuleContext } from '../types';

import { BOOKKEEPING_TABLES } from '../../model/bookkeeping';

export { BOOKKEEPING_TABLES };

/**
 * Whether code of the chain the readers could not follow may have changed table `name`: it names the
 * table, or it is a migration file that could not be read at all (any table).
 */
export function unreadCodeMayTouch(replay: MigrationReplay, name: string): boolean {
  return mentionsName(replay.unreadableMentions, name);
}

/** Whether code not read may have changed the table, if only by dropping some of its foreign keys. */
export function unreadCodeMayChangeKeys(replay: MigrationReplay, name: string): boolean {
  return unreadCodeMayTouch(replay, name) || mentionsName(replay.unreadableMentions, FOREIGN_KEYS_OF + name);
}

/**
 * Whether code not read may have made an index of the table that leads with `columns` (in any
 * order): it may change anything of the table, or it makes an index of it on Unknown columns, or on
 * columns that lead with those.
 */
export function unreadCodeMayIndex(replay: MigrationReplay, name: string, columns: string[]): boolean {
  if (unreadCodeMayTouch(replay, name) || mentionsName(replay.unreadableMentions, INDEXES_OF + name)) return true;
  const prefix = `${INDEXES_OF}${name.toLowerCase()}(`;
  const wanted = columns.map((c) => c.toLowerCase());
  for (const m of replay.unreadableMentions) {
    if (!m.startsWith(prefix)) continue;
    const leading = new Set(m.slice(prefix.length, -1).split(',').slice(0, wanted.length));
    if (wanted.every((c) => leading.has(c))) return true;
  }
  return false;
}

/**
 * Whether the model's reader could not evaluate something that declares indexes (SQLAlchemy's
 * `__table_args__`, see isIndexPart): any of them may lead with any column.
 */
export function modelIndexesInDoubt(ctx: RuleContext, table: Table): boolean {
  return !!table.incomplete?.some((part) => {
    const unsynchronized = unsynchronizedIndexName(part);
    if (unsynchronized === undefined) return part === '__table_args__' || isIndexPart(part);
    // An index left to the migrations is in doubt only where no migration makes one of that name.
    return !ctx.migratedTables.all(table.schema, table.name).some((m) => m !== table && m.indexes.some((i) => i.name?.toLowerCase() === unsynchronized.toLowerCase()));
  });
}

/** Whether an index is more than a plain btree over columns: another method, operator classes, an expression, a predicate. */
function isSpecialIndex(i: Index): boolean {
  return !!(i.method || i.opclasses || i.expression || i.where);
}

/** The model tables rewritten by asTheMigrationsMakeIt, kept while the model and the migrated tables are the same objects. */
const rewritten = new WeakMap<Table, { migrated: readonly Table[]; table: Table }>();

/**
 * A model table with each of its named indexes as the migrations make it, where they make an index
 * of that name of another kind: `@Index('idx_roles_name_trgm', ['name'])` of an entity whose
 * migration creates it `USING gin (name gin_trgm_ops)`. TypeORM's synchronize matches an index by
 * its name and columns, never its method: the database keeps the migrations' index, and judging
 * the model's plain one (a duplicate of a unique column) would be judging an index that is nowhere.
 */
export function asTheMigrationsMakeIt(ctx: RuleContext, table: Table): Table {
  if (table.evidence !== 'model' || !table.indexes.some((i) => i.name && !isSpecialIndex(i))) return table;
  const migrated = ctx.migratedTables.all(table.schema, table.name).filter((m) => m !== table);
  if (!migrated.length) return table;
  const kept = rewritten.get(table);
  if (kept && kept.migrated.length === migrated.length && kept.migrated.every((m, i) => m === migrated[i])) return kept.table;
  let changed = false;
  const indexes = table.indexes.map((i) => {
    if (!i.name || isSpecialIndex(i)) return i;
    const name = i.name.toLowerCase();
    const made = migrated.flatMap((m) => m.indexes).find((m) => m.name?.toLowerCase() === name && isSpecialIndex(m));
    if (!made) return i;
    changed = true;
    return { ...i, ...(made.method ? { method: made.method } : {}), ...(made.opclasses ? { opclasses: made.opclasses } : {}), ...(made.expression ? { expression: made.expression } : {}), ...(made.where ? { where: made.where } : {}) };
  });
  const result = changed ? { ...table, indexes } : table;
  rewritten.set(table, { migrated, table: result });
  return result;
}

export interface MigrationEvidence {
  /** Names code the readers could not understand may create (lower-cased). */
  mentioned: (name: string) => boolean;
}

/**
 * The migrations as evidence of what exists: undefined when there are none, or when some
 * migration runs code that could create anything (then silence beats a guess).
 */
export function migrationEvidence(ctx: RuleContext): MigrationEvidence | undefined {
  // (Migrations that only write rows say nothing of what exists.)
  // (Rows written and extensions created are no evidence that migrations make the tables.)
  if (!ctx.migrations.some((m) => m.steps.some((s) => s.migration.operations.some((op) => op.kind !== 'use-table' && op.kind !== 'create-extension')))) return undefined;
  if (ctx.migrations.some((m) => m.opaque)) return undefined;
  // A chain of SQL files not read (Supabase's) may make any table: what no migration makes is Unknown.
  if (ctx.migrations.some((m) => m.steps.some((s) => s.migration.unreadChain))) return undefined;
  const mentions = new Set<string>();
  for (const m of ctx.migrations) for (const n of m.unreadableMentions) mentions.add(n);
  return { mentioned: (name) => mentionsName(mentions, name) };
}

/**
 * Which models and chains of a workspace that holds several applications (folders of package
 * manifests) are evidence about each other. Where some application keeps its models and its
 * migrations together, an application with models and no migrations (or migrations and no models)
 * is another project — a folder of separate exercises, a service with a database of its own — and
 * is not judged against the others' chains (or models). Where none keeps both (a monorepo with a
 * `db` package of migrations and an `api` package of models), all are judged together, as before.
 */
export interface ApplicationScope {
  modelJudged(file: string): boolean;
  chainJudged(replay: MigrationReplay): boolean;
}

export function applicationScope(ctx: RuleContext): ApplicationScope {
  const chainApplication = (replay: MigrationReplay) => (replay.steps[0] ? ctx.applicationOf(replay.steps[0].migration.file) : undefined);
  const withModels = new Set(ctx.models.tables.map((t) => ctx.applicationOf(t.location.file)));
  const withChains = new Set(ctx.migrations.map(chainApplication).filter((a): a is string => a !== undefined));
  const together = [...withModels].some((a) => withChains.has(a));
  if (!together) return { modelJudged: () => true, chainJudged: () => true };
  return {
    modelJudged: (file) => withChains.has(ctx.applicationOf(file)),
    chainJudged: (replay) => {
      const app = chainApplication(replay);
      return app === undefined || withModels.has(app);
    },
  };
}

/**
 * The columns of `a` that `b` lacks, where one of them is `model`, a model table. Column objects
 * survive edits that do not touch them (the model builder keeps other files' tables, the replay
 * shares columns across runs), so the answer is kept per model table and recomputed only when either
 * side's columns are not the same objects any more.
 */
export function columnsMissingIn(a: Table, b: Table, model: Table, ignoreCase = false): Column[] {
  const direction = a === model ? 0 : 1;
  let entries = missingCache.get(model);
  if (!entries) missingCache.set(model, (entries = [undefined, undefined]));
  const cached = entries[direction];
  if (cached && cached.ignoreCase === ignoreCase && sameItems(cached.a, a.columns) && sameItems(cached.b, b.columns)) return cached.missing;
  // A model column whose database name is Unknown is in no comparison of names (nor is any column
  // of a table that has one missing from the model's side: it may be that one).
  if (b === model && b.columns.some((c) => c.nameUnknown)) return [];
  const key = (name: string) => (ignoreCase ? name.toLowerCase() : name);
  const names = new Set(b.columns.map((c) => key(c.name)));
  const missing = a.columns.filter((c) => !c.nameUnknown && !names.has(key(c.name)));
  entries[direction] = { a: [...a.columns], b: [...b.columns], ignoreCase, missing };
  return missing;
}

/** Same objects in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

type MissingEntry = { a: Column[]; b: Column[]; ignoreCase: boolean; missing: Column[] } | undefined;
const missingCache = new WeakMap<Table, [MissingEntry, MissingEntry]>();

/**
 * The tables only the migrations create (no model declares them), for the rules about a table's
 * own structure: with models, those rules judge the model, and a migrated copy would say it twice.
 * Tables the readers could not see in full, or that unreadable code may change, are left out.
 */
export function migrationOnlyTables(ctx: RuleContext): Table[] {
  // Several rules ask in one run: the answer is kept while the replays and the models' index are the same objects.
  const kept = onlyTables.get(ctx.migrations);
  if (kept && kept.modelTables === ctx.modelTables) return kept.tables;
  const out: Table[] = [];
  for (const replay of ctx.migrations) {
    if (replay.opaque) continue;
    for (const table of replay.schema.tables) {
      // (A partition is its parent's storage: what is said of the parent is said of it.)
      if (BOOKKEEPING_TABLES.has(table.name) || columnsInDoubt(table) || table.partitionOf) continue;
      if (unreadCodeMayChangeKeys(replay, table.name) || ctx.modelTables.mayHave(table.schema, table.name)) continue;
      out.push(table);
    }
  }
  onlyTables.set(ctx.migrations, { modelTables: ctx.modelTables, tables: out });
  return out;
}

const onlyTables = new WeakMap<readonly MigrationReplay[], { modelTables: RuleContext['modelTables']; tables: Table[] }>();

/** How a finding about `table` names its evidence. */
export function evidenceOf(table: Table): { text: string; evidence: ('model' | 'migration')[] } {
  return table.evidence === 'migration' ? { text: 'migrations', evidence: ['migration'] } : { text: 'models', evidence: ['model'] };
}

/**
 * The table as the migrations leave it, across chains: several chains may work on one table (a chain
 * on the tables an older, archived chain made). The chain that found it made before it ran after the
 * one that made it: its columns win where it has them, the maker's stand for the rest.
 */
export function migratedTable(ctx: RuleContext, schema: string, name: string, near?: string): Table | undefined {
  const all = ctx.migratedTables.all(schema, name);
  if (all.length < 2) return all[0];
  // Several chains create it (two applications of a monorepo, each its own database): the chain
  // nearest the model's file is the model's. A chain that only alters it (a plugin's) still adds to it.
  const creators = all.filter((t) => !madeBeforeChain(t));
  // The nearest of all is a chain that found the table in its database (the `locales` of another
  // database, whose chain starts from a baseline): that chain's table, not another database's.
  const nearest = near ? nearestTo(all, near) : [];
  if (nearest.length === 1 && madeBeforeChain(nearest[0])) return nearest[0];
  const makers = near && creators.length > 1 ? nearestTo(creators, near) : creators;
  const later = all.filter((t) => madeBeforeChain(t));
  if (makers.length !== 1) return all[0];
  if (!later.length) return makers[0];
  const columns = new Map(makers[0].columns.map((c) => [c.name, c]));
  for (const t of later) for (const c of t.columns) columns.set(c.name, c);
  // (A key the later chain gives the table — `create_primary_key` in a plugin's chain — is its key now.)
  const keyed = later.filter((t) => t.primaryKey.length).pop();
  return {
    ...makers[0],
    columns: [...columns.values()],
    indexes: [...makers[0].indexes.filter((i) => !keyed || i.origin !== 'primary-key'), ...later.flatMap((t) => t.indexes)],
    uniqueConstraints: [...makers[0].uniqueConstraints, ...later.flatMap((t) => t.uniqueConstraints)],
    ...(keyed ? { primaryKey: keyed.primaryKey } : {}),
  };
}

/**
 * Whether two tables of near names (`project` and `projects`, `Token` and `tokens`) are likely one
 * table named twice — the model's and the migrations' — rather than two: in one schema, and most
 * of the smaller one's columns (by name, case aside) are the other's. What "did you mean" offers.
 */
export function likelyOneTable(a: Table, b: Table): boolean {
  if (a.schema !== b.schema || a.name === b.name || !a.columns.length || !b.columns.length) return false;
  const [small, large] = a.columns.length <= b.columns.length ? [a, b] : [b, a];
  const names = new Set(large.columns.map((c) => c.name.toLowerCase()));
  const shared = small.columns.filter((c) => names.has(c.name.toLowerCase())).length;
  // (Beyond a surrogate key every table has: `id` alone says nothing.)
  return shared * 2 >= small.columns.length && small.columns.some((c) => !c.primaryKey && names.has(c.name.toLowerCase()));
}
