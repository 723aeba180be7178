/**
 * Replays a migration chain: orders the migrations of one environment by their revision graph
 * (parents first) and folds their operations, one by one, into the schema "after migrations".
 * On the way it records what each operation found at its point of the chain — a table created
 * again, a table or column it names that does not exist yet — as facts for the rules to judge.
 */
import { typeormReadBack } from './typeormReadBack';
import { typeormUniqueName } from './typeormNaming';
import { withoutUniqueOfPrimaryKey } from './createTable';
import { postgresConstraintName, withConventionNames, type NamingConvention } from './namingConvention';
import type { AlembicMigrationFacts } from '../facts/alembic';
import { ANY_SCHEMA_ON_PATH, ANY_TABLE, DEFAULT_SEARCH_PATH, FOREIGN_KEYS_OF, INDEXES_OF, enumTypesMade, exclusiveBranches, mentionsName, type ColumnSpec, type ForeignKeySpec, type IndexSpec, type MigrationOperation, type TableRef } from './operations';
import type { RevisionGraph } from './revisionGraph';
import {
  Column, DEFAULT_SCHEMA, EnumType, findColumn, ForeignKey, Index, SchemaModel, SchemaSource, Table, UniqueConstraint, View,
} from './schema';
import type { Location } from './source';
import { resolveProjectType } from './types';
import type { ColumnType } from './schema';
import { isUnknown, unknownValue, type Unknown } from './unknown';
import { SimilarNames } from './similarNames';

export interface ChainStep {
  migration: AlembicMigrationFacts;
  /** Every ancestor exists: what this step references can be judged. */
  anchored: boolean;
}

export type ReplayEvent =
  | { kind: 'duplicate-table'; operation: MigrationOperation; migration: AlembicMigrationFacts; ref: TableRef; existing: Table }
  | { kind: 'duplicate-column'; operation: MigrationOperation; migration: AlembicMigrationFacts; table: Table; column: ColumnSpec; existing: Column }
  | { kind: 'missing-schema'; operation: MigrationOperation; migration: AlembicMigrationFacts; schema: string; location: Location }
  | {
    kind: 'missing-table'; operation: MigrationOperation; migration: AlembicMigrationFacts; ref: TableRef; schema: string;
    /** Whether the reference's schema does not exist either. */
    schemaMissing: boolean;
    /** Tables that exist at that point and may be meant: the same name in another schema… */
    sameName: Table[];
    /** …and similar names ("did you mean"), best first. */
    similar: Table[];
    /** The reference is a foreign key's target (SQLite accepts one to a table created later). */
    foreignKeyTarget?: boolean;
    /**
     * An unqualified name under PostgreSQL's default search_path (`"$user", public`), found in these
     * other schemas: it resolves to one of them when the role that runs the migrations is named so
     * (or the database sets a search_path), which the chain does not say.
     */
    roleSchemas?: string[];
  }
  | { kind: 'missing-column'; operation: MigrationOperation; migration: AlembicMigrationFacts; table: Table; column: string; location: Location }
  /** A column of a type PostgreSQL does not have (`string`, `datetime`): the statement fails there. */
  | { kind: 'missing-type'; operation: MigrationOperation; migration: AlembicMigrationFacts; type: string; column: string; location: Location }
  /**
   * `CREATE TABLE … AS SELECT` from a table the replay does not know in full (made before a baseline,
   * or by code): the copy's columns are Unknown. (A copy of a known table is read, and says nothing.)
   */
  | { kind: 'copy-unread'; operation: MigrationOperation; migration: AlembicMigrationFacts };

export interface MigrationReplay {
  /** The environment (folder of env.py). */
  root: string;
  steps: ChainStep[];
  schema: SchemaModel;
  events: ReplayEvent[];
  /** Names mentioned by operations the readers could not understand (lower-cased). */
  unreadableMentions: Set<string>;
  /** Some operation could touch anything (SQL built by code, naming nothing). */
  opaque: boolean;
  /**
   * The chain starts from a database it did not build (`create_all()` and `alembic stamp`): its root
   * migration is empty, or works on tables it never creates. What existed before is Unknown, so no
   * reference is judged missing; rules say so once for the chain.
   */
  baseline?: Baseline;
  /** The state every few steps, from which a later replay resumes after an edit (internal). */
  readonly checkpoints: ReplayCheckpoint[];
  /** The configured schemas it started from. */
  readonly existingSchemas: string;
  /** The search path it started from (comma-separated). */
  readonly searchPath: string;
  /** The data sources' schema the query runner's tables went to (see replayMigrations). */
  readonly queryRunnerSchema?: string;
  /** The naming convention Alembic's operations named constraints by (JSON; see replayMigrations). */
  readonly namingConvention?: string;
  /** The project types it resolved column types with (a change replays from the start). */
  readonly types: ProjectTypes;
  /** Whether names were matched without case (see replayMigrations' `namesIgnoreCase`). */
  readonly namesIgnoreCase: boolean;
}

/** Why a table a baseline chain works on is incomplete. */
const BEFORE_BASELINE = 'columns made before the chain (its first migration changes a database it did not build)';

/** A table a baseline chain works on without creating it: made before the chain, by something else. */
export function madeBeforeChain(table: Table): boolean {
  return table.incomplete?.includes(BEFORE_BASELINE) ?? false;
}

/**
 * Whether a baseline chain works only on tables another chain of the workspace creates (a folder of
 * seeds beside the migrations, a plugin's chain on the application's tables): it builds on that
 * chain, not on a database nothing built, so its baseline excuses nothing the other chain lacks.
 */
export function buildsOnOtherChains(replay: MigrationReplay, chains: readonly MigrationReplay[]): boolean {
  return chainsBuiltOn(replay, chains).length > 0;
}

/**
 * The other chains a baseline chain builds on (see buildsOnOtherChains): those that make the tables
 * it works on without making; none where it does not build on other chains only.
 */
export function chainsBuiltOn(replay: MigrationReplay, chains: readonly MigrationReplay[]): MigrationReplay[] {
  if (!replay.baseline || chains.length < 2) return [];
  // What it works on without making: the tables it changes, fills or points foreign keys at.
  const made = new Set<string>();
  const before: { schema: string; name: string }[] = [];
  for (const step of replay.steps) {
    for (const op of step.migration.operations) {
      for (const ref of referencedTables(op)) {
        // (A table it drops is gone after it, whoever made it: an archived chain's, a dump's.)
        if (op.kind === 'drop-table' && ref === op.table) continue;
        const schema = ref.schema ?? DEFAULT_SCHEMA;
        if (!made.has(`${schema}.${ref.name}`)) before.push({ schema, name: ref.name });
      }
      if (op.kind === 'create-table' || op.kind === 'create-view') made.add(`${op.table.schema ?? DEFAULT_SCHEMA}.${op.table.name}`);
      else if (op.kind === 'rename-table') made.add(`${op.table.schema ?? DEFAULT_SCHEMA}.${op.newName}`);
    }
  }
  if (!before.length) return [];
  const makes = (m: MigrationReplay, t: { schema: string; name: string }) => m !== replay
    && m.schema.tables.some((o) => o.schema === t.schema && o.name === t.name && !madeBeforeChain(o));
  if (!before.every((t) => chains.some((m) => makes(m, t)))) return [];
  return chains.filter((m) => before.some((t) => makes(m, t)));
}

export interface Baseline {
  migration: AlembicMigrationFacts;
  /** Why the chain cannot start from an empty database, in a few words. */
  reason: string;
  /** References to what no migration creates, left unjudged because of the baseline. */
  unjudged: number;
  /**
   * A package's branch, run with other packages' revisions by an environment outside the workspace
   * (see RevisionGraph.environmentElsewhere): what those create is Unknown here, by design, not a
   * database the chain failed to build.
   */
  packageBranch?: boolean;
}

function locationKey(location: Location): string {
  return `${location.file}#${location.range.start.line}:${location.range.start.character}`;
}

/**
 * Whether the chain's first migration is a baseline: an empty `upgrade()` (the stamp of a schema
 * made by `create_all()`), or one that alters, indexes or fills tables without creating any — in
 * Alembic's graph as in TypeORM's and Sequelize's timestamp order (tables made by `synchronize` or
 * `sync()`, migrations written for the changes after).
 */
export function findBaseline(steps: ChainStep[], environmentElsewhere = false): Baseline | undefined {
  const root = steps[0]?.migration;
  if (!root || root.downRevisions.length || root.dynamic.includes('down_revision')) return undefined;
  if (environmentElsewhere) {
    return { migration: root, reason: "its revisions run together with other packages' revisions, in an environment outside the workspace", unjudged: 0, packageBranch: true };
  }
  if (!root.operations.length) return { migration: root, reason: 'its first migration does nothing', unjudged: 0 };
  // A first migration that works on tables, or creates tables with foreign keys into tables, that no
  // migration of the chain ever creates (under any schema) was written for a database that already
  // had them: a chain cut short after `create_all()` + `stamp`, or after old migrations were
  // archived. A target the chain creates elsewhere or later stays judged: that is an ordering or
  // schema mistake, not a baseline (`add-price-to-products.js` sorted before
  // `create-products.js`: sequelize-cli runs it first, on a database without the table).
  // (A table the chain drops or renames away before it creates one of that name — `users` renamed
  // to `v3_users`, then a new `users` — was the database's before the chain: not one it makes.)
  const made = new Set<string>();
  const hadBefore = new Set<string>();
  /** Names unread code of the chain mentions (it may create them); ANY_TABLE where it may create anything. */
  const mayMake = new Set<string>();
  for (const step of steps) {
    for (const op of step.migration.operations) {
      if ((op.kind === 'drop-table' || op.kind === 'rename-table') && !op.guarded && !made.has(op.table.name.toLowerCase())) hadBefore.add(op.table.name.toLowerCase());
      if (op.kind === 'create-table' || op.kind === 'create-view') made.add(op.table.name.toLowerCase());
      else if (op.kind === 'rename-table') made.add(op.newName.toLowerCase());
      else if (op.kind === 'unknown' && op.ddl) for (const name of op.ddl.creates) made.add(name);
      else if (op.kind === 'unknown') for (const name of op.mentions) mayMake.add(name);
    }
  }
  for (const name of hadBefore) made.delete(name);
  // Another database's DDL, read by its words (a MySQL project's generated `CREATE TABLE`s): its
  // tables count as made, and a first migration of nothing else that needs a table no migration makes
  // — nor any unread code may — was written for a database that had it.
  if (root.operations.length && root.operations.every((op) => op.kind === 'unknown' && op.ddl) && !mayMake.has(ANY_TABLE)) {
    const needed = root.operations.some((op) => op.kind === 'unknown' && !op.guarded && op.ddl!.needs.some((t) => !made.has(t) && !mayMake.has(t)));
    if (needed) return { migration: root, reason: 'its first migration refers to tables that no migration creates', unjudged: 0 };
  }
  const creates = root.operations.some((op) => op.kind === 'create-table' || op.kind === 'create-schema' || op.kind === 'unknown');
  const works = root.operations.some((op) => 'table' in op && needsItsTable(op) && !made.has(op.table.name.toLowerCase()));
  if (!creates && works) return { migration: root, reason: 'its first migration changes tables that no migration creates', unjudged: 0 };
  // (`ALTER TYPE mood ADD VALUE …` first, of a type no migration makes: the database had it. One a
  // later migration makes is judged: the statement runs before it, on a database without the type.)
  const typesMade = new Set(steps.flatMap((s) => s.migration.operations.flatMap(enumTypesMade)));
  if (!creates && root.operations.some((op) => op.kind === 'alter-enum' && !typesMade.has(op.name.toLowerCase()))) {
    return { migration: root, reason: 'its first migration changes types that no migration creates', unjudged: 0 };
  }
  if (root.operations.some((op) => op.kind === 'unknown')) return undefined;
  const foreign = root.operations.some((op) => needsItsTable(op) && referencedTables(op).some((t) => !made.has(t.name.toLowerCase())));
  return foreign ? { migration: root, reason: 'its first migration refers to tables that no migration creates', unjudged: 0 } : undefined;
}

const DROPS = new Set<MigrationOperation['kind']>(['drop-table', 'drop-column', 'drop-constraint']);

/** A table some of whose key flags code gives (see ColumnSpec.keyUnknown). */
const KEY_COMPUTED = 'primary key (computed by code)';

/**
 * Whether an operation of a first migration was written for a database that has its table. A
 * guarded index does (`CREATE INDEX IF NOT EXISTS … ON t` needs t whatever the guard), and so does
 * a change inside a `try` that handles its failure (`try: op.add_column("queries", …) except
 * ProgrammingError:` guards against the column being there already); a change under `if` may be
 * asking whether the table exists — unless the `if` reads the table's columns (tableAssumed) — and
 * `DROP TABLE IF EXISTS t` or a drop inside `try` needs nothing.
 */
function needsItsTable(op: MigrationOperation): boolean {
  return !op.guarded || op.kind === 'create-index' || !!op.tableAssumed || (!!op.failureHandled && !DROPS.has(op.kind));
}

/** The tables an operation needs to exist before it: the table it changes, the targets of its foreign keys. */
function referencedTables(op: MigrationOperation): TableRef[] {
  switch (op.kind) {
    case 'create-table': return [...op.foreignKeys, ...op.columns.flatMap((c) => c.foreignKeys)].filter((fk) => !fk.deferred).map((fk) => fk.target);
    case 'add-column': return [op.table, ...op.column.foreignKeys.map((fk) => fk.target)];
    case 'add-foreign-key': return [op.table, op.foreignKey.target];
    case 'create-index': case 'add-unique': case 'add-primary-key': case 'alter-column': case 'drop-column': case 'set-replica-identity':
    case 'drop-table': case 'rename-table': case 'set-table-schema': case 'drop-constraint': case 'rename-constraint': case 'use-table': case 'add-unknown-columns':
      return [op.table];
    default: return [];
  }
}

interface ReplayCheckpoint {
  /** The state before this step. */
  step: number;
  tables: Map<string, Map<string, TableState>>;
  schemas: Map<string, SchemaSource>;
  events: number;
  enums: number;
  mentions: Set<string>;
  opaque: boolean;
  /** The baseline's count of unjudged references at this point. */
  unjudged: number;
  views: Map<string, View>;
  searchPath: readonly string[];
}

/** Parents before children; among independent migrations, file order. */
export function chainOrder(graph: RevisionGraph): ChainStep[] {
  const index = new Map(graph.migrations.map((m, i) => [m, i]));
  const parents = new Map<AlembicMigrationFacts, AlembicMigrationFacts[]>();
  const children = new Map<AlembicMigrationFacts, AlembicMigrationFacts[]>();
  const brokenParent = new Set<AlembicMigrationFacts>();
  for (const m of graph.migrations) {
    const list: AlembicMigrationFacts[] = [];
    for (const ref of [...m.downRevisions, ...m.dependsOn]) {
      const parent = graph.byRevision.get(ref.id)?.[0];
      if (parent && parent !== m) list.push(parent);
      else if (!parent && m.downRevisions.includes(ref)) brokenParent.add(m);
    }
    if (m.dynamic.includes('down_revision')) brokenParent.add(m);
    parents.set(m, list);
    for (const p of list) {
      const c = children.get(p);
      if (c) c.push(m);
      else children.set(p, [m]);
    }
  }
  const pending = new Map(graph.migrations.map((m) => [m, parents.get(m)!.length]));
  const ready = graph.migrations.filter((m) => pending.get(m) === 0);
  const steps: ChainStep[] = [];
  const anchored = new Map<AlembicMigrationFacts, boolean>();
  const done = new Set<AlembicMigrationFacts>();
  while (ready.length) {
    // Smallest file index first, so that the order is stable and reads like the folder.
    let best = 0;
    for (let i = 1; i < ready.length; i++) if (index.get(ready[i])! < index.get(ready[best])!) best = i;
    const m = ready.splice(best, 1)[0];
    done.add(m);
    const ok = !brokenParent.has(m) && parents.get(m)!.every((p) => anchored.get(p));
    anchored.set(m, ok);
    steps.push({ migration: m, anchored: ok });
    for (const c of children.get(m) ?? []) {
      const left = pending.get(c)! - 1;
      pending.set(c, left);
      if (left === 0) ready.push(c);
    }
  }
  // A cycle: what is left runs in file order, and nothing in it is judged.
  for (const m of graph.migrations) if (!done.has(m)) steps.push({ migration: m, anchored: false });
  return steps;
}

interface TableState {
  table: Table;
  /** Stands for a table the chain does not create (made by `create_all`, by hand): not part of the result. */
  placeholder: boolean;
  /** The epoch it was made in: a state of an earlier epoch belongs to a checkpoint and is copied before a change. */
  epoch: number;
}

/** How often a replay took the end of the chain from the previous one (see Replay.splice): for tests and measurements. */
export const replayStats = { spliced: 0 };

/** Steps between checkpoints: resuming replays at most this many unchanged steps. */
const CHECKPOINT_EVERY = 32;
let epochs = 0;

/** Schemas that exist on every PostgreSQL database. */
const BUILTIN_SCHEMAS = [DEFAULT_SCHEMA, 'information_schema', 'pg_catalog'];

/**
 * Replays a chain. Given the previous replay of the same environment, it resumes from the last
 * checkpoint before the first migration that changed, when the order of the chain is the same
 * (an edit inside a migration); otherwise it replays from the start.
 */
/** Among the schemas that exist before a chain: any schema (its environment creates schemas named by code). */
export const ANY_SCHEMA = '*';

export function replayMigrations(
  graph: RevisionGraph, existingSchemas: Iterable<string> = [], previous?: MigrationReplay, types: ProjectTypes = NO_PROJECT_TYPES,
  searchPath: readonly string[] = DEFAULT_SEARCH_PATH, namesIgnoreCase = false, queryRunnerSchema?: string,
  /** The environment's `target_metadata` naming convention: the names Alembic's operations give unnamed constraints. */
  namingConvention?: NamingConvention,
): MigrationReplay {
  const schemas = [...existingSchemas];
  const steps = chainOrder(graph);
  const replay = new Replay(graph, schemas, types, searchPath, namesIgnoreCase, queryRunnerSchema, namingConvention);
  const convention = namingConvention && JSON.stringify(namingConvention);
  if (previous && previous.root === graph.root && previous.existingSchemas === schemas.join('\n') && previous.searchPath === searchPath.join(',') && previous.types === types && previous.namesIgnoreCase === namesIgnoreCase && previous.queryRunnerSchema === queryRunnerSchema && previous.namingConvention === convention && previous.steps.length === steps.length &&
    steps.every((s, i) => s.migration.file === previous.steps[i].migration.file && s.anchored === previous.steps[i].anchored)) {
    const changed = steps.findIndex((s, i) => s.migration !== previous.steps[i].migration);
    if (changed < 0) return { ...previous, steps };
    let lastChanged = changed;
    for (let i = steps.length - 1; i > changed; i--) {
      if (steps[i].migration !== previous.steps[i].migration) {
        lastChanged = i;
        break;
      }
    }
    replay.spliceOnto(previous, lastChanged);
    const checkpoint = [...previous.checkpoints].reverse().find((c) => c.step <= changed);
    if (checkpoint) return keepUnchangedTables(replay.resume(steps, previous, checkpoint), previous);
  }
  // Replayed from the start (an edit of the first migrations, a chain reordered): still, what comes
  // out as it was keeps its object.
  const replayed = replay.run(steps);
  return previous && previous.root === graph.root ? keepUnchangedTables(replayed, previous) : replayed;
}

/**
 * A resumed replay re-creates every table the steps after its checkpoint create, although an edit
 * of one migration changes one or two of them. Where a table comes out as it was (the same column,
 * key and index objects: they are made once per operation), the previous object is kept, so that
 * what rules computed about it (kept by table object) still holds and is not computed again.
 */
function keepUnchangedTables(next: MigrationReplay, previous: MigrationReplay): MigrationReplay {
  const earlier = previous.schema.tables;
  // Both lists come from the replay's tables in the order they were made: mostly the same order.
  let before: Map<string, Table> | undefined;
  const counterpart = (t: Table, i: number): Table | undefined => {
    const same = earlier[i];
    if (same && same.name === t.name && same.schema === t.schema) return same;
    if (!before) {
      before = new Map();
      for (const e of earlier) before.set(`${e.schema}\u0000${e.name}`, e);
    }
    return before.get(`${t.schema}\u0000${t.name}`);
  };
  let kept = 0;
  const tables = next.schema.tables.map((t, i) => {
    const old = counterpart(t, i);
    if (!old || old === t || !sameShallow(old, t)) return t;
    kept++;
    return old;
  });
  return kept ? { ...next, schema: { ...next.schema, tables } } : next;
}

/** The same keys, each with the same value or an object of the same property values (a schema or view made again by the same operation). */
function sameEntries<K, V extends object>(a: Map<K, V>, b: Map<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === v) continue;
    if (!w) return false;
    const x = v as Record<string, unknown>;
    const y = w as Record<string, unknown>;
    for (const key in x) if (x[key] !== y[key]) return false;
    for (const key in y) if (!(key in x)) return false;
  }
  return true;
}

/**
 * Whether no operation from step `from` on can see or change `tables`: none names them (as its
 * table, a new name, a foreign key's target, an index's table), renames a table they reference,
 * drops their schema, or drops an index of theirs by name. Names compared without case. Operations
 * the replay does not apply to tables (unknown code, schemas created, enums, views, the search
 * path) change nothing of them.
 */
function untouchedAfter(steps: ChainStep[], from: number, tables: Table[]): boolean {
  const names = new Set(tables.map((t) => t.name.toLowerCase()));
  const schemas = new Set(tables.map((t) => t.schema));
  const indexNames = new Set(tables.flatMap((t) => t.indexes.flatMap((i) => [...(i.name ? [i.name] : []), ...(i.formerName ? [i.formerName] : [])])));
  const referenced = new Set(tables.flatMap((t) => t.foreignKeys.map((f) => f.target.table.toLowerCase())));
  // (Lower-cased only where there is an upper-case letter: a new string per name is most of the cost.)
  const lower = (n: string) => (/[A-Z]/.test(n) ? n.toLowerCase() : n);
  const named = (n: string | undefined) => n !== undefined && names.has(lower(n));
  for (let i = from; i < steps.length; i++) {
    for (const op of steps[i].migration.operations) {
      switch (op.kind) {
        case 'unknown': case 'create-schema': case 'create-enum': case 'alter-enum': case 'create-view': case 'drop-view': case 'set-search-path': case 'create-extension':
          continue;
        case 'drop-schema':
          if (schemas.has(op.schema)) return false;
          continue;
        case 'drop-index':
          if (op.byColumns ? named(op.byColumns.table.name) : indexNames.has(op.name)) return false;
          continue;
        case 'rename-index':
          if (indexNames.has(op.name) || indexNames.has(op.newName)) return false;
          continue;
        case 'rename-table': case 'set-table-schema':
          if (named(op.table.name) || referenced.has(lower(op.table.name)) || (op.kind === 'rename-table' && named(op.newName))) return false;
          continue;
        case 'create-table':
          if (named(op.table.name) || op.foreignKeys.some((fk) => named(fk.target.name)) || op.columns.some((c) => c.foreignKeys.some((fk) => named(fk.target.name)))) return false;
          continue;
        case 'add-column':
          if (named(op.table.name) || op.column.foreignKeys.some((fk) => named(fk.target.name))) return false;
          continue;
        case 'add-foreign-key':
          if (named(op.table.name) || named(op.foreignKey.target.name)) return false;
          continue;
        case 'drop-table': case 'create-index': case 'add-unique': case 'add-primary-key': case 'alter-column': case 'drop-column':
        case 'drop-constraint': case 'rename-constraint': case 'use-table': case 'add-unknown-columns': case 'set-replica-identity':
          if (named(op.table.name)) return false;
          continue;
        default:
          return false;
      }
    }
  }
  return true;
}

/** The same properties, each the same value or an array of the same items. */
function sameShallow(a: Table, b: Table): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const key in x) {
    if (!(key in y)) return false;
    const u = x[key];
    const v = y[key];
    if (u === v) continue;
    if (!Array.isArray(u) || !Array.isArray(v) || u.length !== v.length) return false;
    for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return false;
  }
  for (const key in y) if (!(key in x)) return false;
  return true;
}

class Replay {
  private schemas = new Map<string, SchemaSource>();
  private tables = new Map<string, Map<string, TableState>>();
  /** The tables that exist (placeholders do not), by name: the "did you mean" of a missing table. */
  private names = new SimilarNames<TableState>();
  private enums: EnumType[] = [];
  private views = new Map<string, View>();
  private events: ReplayEvent[] = [];
  private mentions = new Set<string>();
  private opaque = false;
  /** Where unqualified names are looked up and created (`SET search_path` in the chain). */
  private searchPath: readonly string[] = DEFAULT_SEARCH_PATH;
  private checkpoints: ReplayCheckpoint[] = [];
  private epoch = ++epochs;
  private step!: ChainStep;
  private op!: MigrationOperation;
  /** The previous replay of the same chain, whose steps after `lastChanged` may be taken as they were (see `splice`). */
  private spliceable: { previous: MigrationReplay; lastChanged: number } | undefined;
  private baseline: Baseline | undefined;
  /**
   * The operation that created each table and column, by where it is created (a location outlives
   * the state's copies at checkpoints): one in another arm of the same `if`, or one made only in
   * some deployments (see MigrationOperation.onlySomewhere), is no earlier copy.
   */
  private readonly madeBy = new Map<string, MigrationOperation>();

  constructor(
    private readonly graph: RevisionGraph, private readonly existingSchemas: string[], private readonly types: ProjectTypes = NO_PROJECT_TYPES,
    /** The session's search path before the first migration (env.py's `SET search_path`). */
    private readonly initialSearchPath: readonly string[] = DEFAULT_SEARCH_PATH,
    /**
     * Outside PostgreSQL a table's name is matched without case: SQL is read with PostgreSQL's
     * parser, which folds an unquoted `PoolGroup` to `poolgroup`; MySQL keeps it as written, SQLite
     * and SQL Server compare names without case.
     */
    private readonly namesIgnoreCase = false,
    /** TypeORM data sources' `schema`: where the query runner's API puts a table named without one. */
    private readonly queryRunnerSchema?: string,
    private readonly namingConvention?: NamingConvention,
  ) {
    for (const s of [...BUILTIN_SCHEMAS, ...existingSchemas]) this.schemas.set(s, { name: s, evidence: 'config' });
    this.searchPath = initialSearchPath;
  }

  /** After an edit of steps up to `lastChanged`: what comes after may be taken from `previous` (see `splice`). */
  spliceOnto(previous: MigrationReplay, lastChanged: number): void {
    this.spliceable = { previous, lastChanged };
  }

  run(steps: ChainStep[], from = 0): MigrationReplay {
    if (from === 0) this.baseline = findBaseline(steps, this.graph.environmentElsewhere);
    for (let i = from; i < steps.length; i++) {
      if (i > from && i % CHECKPOINT_EVERY === 0) {
        this.checkpoint(i);
        if (this.spliceable && i > this.spliceable.lastChanged) {
          const spliced = this.splice(steps, i);
          if (spliced) return spliced;
          // Once past the edit, the chances do not improve: replay the rest.
          this.spliceable = undefined;
        }
      }
      const step = steps[i];
      this.step = step;
      let temporary: TableRef[] | undefined;
      for (const written of step.migration.operations) {
        const op = this.namingConvention && written.namedBySqlAlchemy ? withConventionNames(written, this.namingConvention) : written;
        this.op = op;
        if (op.kind === 'create-table' && op.temporary) {
          // In the session's own schema (pg_temp): it may share a name with a table of the schema, and
          // hides nothing of it after the migration.
          if (this.get(this.schemaOf(op.table), op.table.name)) continue;
          (temporary ??= []).push(op.table);
        }
        this.apply(op);
      }
      // Temporary tables end with the migration's session: none is part of the schema after it.
      for (const ref of temporary ?? []) {
        const schema = this.schemaOf(ref);
        const state = this.get(schema, ref.name);
        if (state) this.delete(state);
      }
    }
    const tables: Table[] = [];
    for (const bySchema of this.tables.values()) for (const s of bySchema.values()) if (!s.placeholder || s.table.incomplete?.includes(BEFORE_BASELINE)) tables.push(s.table);
    const schemasCreated = [...this.schemas.values()].filter((s) => s.evidence === 'migration');
    return {
      root: this.graph.root,
      steps,
      schema: { evidence: 'migration', tables, enums: this.enums, schemasCreated, hasUnknownTables: this.opaque, views: [...this.views.values()] },
      events: this.events,
      unreadableMentions: this.mentions,
      opaque: this.opaque,
      ...(this.baseline ? { baseline: { ...this.baseline } } : {}),
      checkpoints: this.checkpoints,
      existingSchemas: this.existingSchemas.join('\n'),
      searchPath: this.initialSearchPath.join(','),
      ...(this.queryRunnerSchema ? { queryRunnerSchema: this.queryRunnerSchema } : {}),
      ...(this.namingConvention ? { namingConvention: JSON.stringify(this.namingConvention) } : {}),
      types: this.types,
      namesIgnoreCase: this.namesIgnoreCase,
    };
  }

  /**
   * At a checkpoint after the edited steps: when the state differs from the previous replay's at
   * the same point only in some tables, and no later operation names them (nor renames a table
   * they reference, nor drops their schema or an index of theirs by name), every later step does
   * what it did before — so the previous replay's end is this one's, with those tables replaced.
   * An edit of one migration then replays up to the next checkpoint, not to the end of the chain.
   * Undefined when that cannot be shown (the rest is replayed).
   */
  private splice(steps: ChainStep[], at: number): MigrationReplay | undefined {
    const { previous } = this.spliceable!;
    const before = previous.checkpoints.find((c) => c.step === at);
    if (!before) return undefined;
    // Everything but the tables as it was.
    if (this.opaque !== before.opaque || this.searchPath.join(',') !== before.searchPath.join(',') || (this.baseline?.unjudged ?? 0) !== before.unjudged
      || !!this.baseline !== !!previous.baseline || this.baseline?.reason !== previous.baseline?.reason
      || !sameEntries(this.schemas, before.schemas) || !sameEntries(this.views, before.views) || this.mentions.size !== before.mentions.size
      || [...this.mentions].some((m) => !before.mentions.has(m)) || this.enums.length !== before.enums
      || this.enums.some((e, i) => e !== previous.schema.enums[i])) return undefined;
    // The tables that differ: present on both sides (a table made or dropped changes what later
    // steps find, and their "did you mean").
    const changed = new Map<TableState, TableState>();
    let same = this.tables.size === before.tables.size;
    // (forEach: no [key, value] array per table.)
    this.tables.forEach((now, schema) => {
      const then = before.tables.get(schema);
      if (!same || !then || then.size !== now.size) {
        same = false;
        return;
      }
      now.forEach((state, name) => {
        const old = then.get(name);
        if (!old || old.placeholder !== state.placeholder) same = false;
        else if (old !== state && old.table !== state.table && !sameShallow(old.table, state.table)) changed.set(old, state);
      });
    });
    if (!same) return undefined;
    if (changed.size && !untouchedAfter(steps, at, [...changed].flatMap(([o, n]) => [o.table, n.table]))) return undefined;
    // By schema and name: the previous replay's tables may be older objects of equal value (kept by
    // keepUnchangedTables), and its later events may come from an older replay still.
    const key = (t: Table) => `${t.schema}\u0000${t.name}`;
    const newer = new Map([...changed.values()].map((n) => [key(n.table), n.table]));
    for (const e of previous.events.slice(before.events)) {
      // A later event showing one of them (a table "meant" by a missing reference).
      if (e.kind === 'missing-table' && [...e.sameName, ...e.similar].some((t) => newer.has(key(t)))) return undefined;
    }
    const delta = this.events.length - before.events;
    replayStats.spliced++;
    const later = previous.checkpoints.filter((c) => c.step > at).map((c) => {
      const tables = new Map(c.tables);
      const copied = new Set<string>();
      // (Untouched after `at`, each is in every later checkpoint, as it was at `at`.)
      for (const state of changed.values()) {
        const schema = state.table.schema;
        let inSchema = tables.get(schema);
        if (!inSchema?.has(state.table.name)) continue;
        if (!copied.has(schema)) {
          copied.add(schema);
          const copy = new Map<string, TableState>();
          // (forEach, not the Map constructor over entries: no [key, value] array per table.)
          inSchema.forEach((state, name) => copy.set(name, state));
          tables.set(schema, (inSchema = copy));
        }
        inSchema.set(state.table.name, state);
      }
      return { ...c, tables, events: c.events + delta };
    });
    return {
      root: this.graph.root,
      steps,
      schema: { ...previous.schema, tables: previous.schema.tables.map((t) => newer.get(key(t)) ?? t) },
      events: [...this.events, ...previous.events.slice(before.events)],
      unreadableMentions: previous.unreadableMentions,
      opaque: previous.opaque,
      ...(this.baseline ? { baseline: { ...this.baseline, unjudged: previous.baseline!.unjudged } } : {}),
      checkpoints: [...this.checkpoints, ...later],
      existingSchemas: this.existingSchemas.join('\n'),
      searchPath: this.initialSearchPath.join(','),
      ...(this.queryRunnerSchema ? { queryRunnerSchema: this.queryRunnerSchema } : {}),
      ...(this.namingConvention ? { namingConvention: JSON.stringify(this.namingConvention) } : {}),
      types: this.types,
      namesIgnoreCase: this.namesIgnoreCase,
    };
  }

  /** Continues `previous` from `checkpoint`: the steps before it are unchanged. */
  resume(steps: ChainStep[], previous: MigrationReplay, checkpoint: ReplayCheckpoint): MigrationReplay {
    this.tables = copyTables(checkpoint.tables);
    this.names = new SimilarNames<TableState>();
    for (const bySchema of this.tables.values()) for (const state of bySchema.values()) if (!state.placeholder) this.names.add(state.table.name, state);
    this.schemas = new Map(checkpoint.schemas);
    this.events = previous.events.slice(0, checkpoint.events);
    this.enums = previous.schema.enums.slice(0, checkpoint.enums);
    this.views = new Map(checkpoint.views);
    this.mentions = new Set(checkpoint.mentions);
    this.opaque = checkpoint.opaque;
    this.searchPath = checkpoint.searchPath;
    this.baseline = previous.baseline && { ...previous.baseline, migration: steps[0].migration, unjudged: checkpoint.unjudged };
    this.checkpoints = previous.checkpoints.filter((c) => c.step <= checkpoint.step);
    return this.run(steps, checkpoint.step);
  }

  /** Keeps the state before step `i`; from now on, changing a kept table copies it first. */
  private checkpoint(i: number): void {
    this.checkpoints.push({
      step: i, tables: copyTables(this.tables), schemas: new Map(this.schemas), events: this.events.length,
      enums: this.enums.length, mentions: new Set(this.mentions), opaque: this.opaque, unjudged: this.baseline?.unjudged ?? 0, views: new Map(this.views),
      searchPath: this.searchPath,
    });
    this.epoch = ++epochs;
  }

  /** The state to change: itself, or a copy when a checkpoint keeps it. */
  private writable(state: TableState): TableState {
    if (state.epoch === this.epoch) return state;
    const t = state.table;
    const copy: TableState = {
      table: {
        ...t, columns: [...t.columns], primaryKey: [...t.primaryKey], foreignKeys: [...t.foreignKeys], indexes: [...t.indexes],
        uniqueConstraints: [...t.uniqueConstraints],
      },
      placeholder: state.placeholder,
      epoch: this.epoch,
    };
    this.put(copy);
    return copy;
  }

  /** Whether a missing reference at this point may be judged: not conditional, not hidden by unreadable code. */
  private judged(...names: (string | undefined)[]): boolean {
    if (this.op.guarded || !this.step.anchored || this.opaque) return false;
    if (names.some((n) => n !== undefined && mentionsName(this.mentions, n))) return false;
    // Before a baseline the schema is Unknown: anything may exist. Counted, to be said once.
    if (this.baseline) {
      this.baseline.unjudged++;
      return false;
    }
    return true;
  }

  private get(schema: string, name: string): TableState | undefined {
    const bySchema = this.tables.get(schema);
    const exact = bySchema?.get(name);
    if (exact || !this.namesIgnoreCase || !bySchema) return exact;
    const lower = name.toLowerCase();
    for (const [key, state] of bySchema) if (key.toLowerCase() === lower) return state;
    return undefined;
  }

  private put(state: TableState): void {
    let bySchema = this.tables.get(state.table.schema);
    if (!bySchema) this.tables.set(state.table.schema, (bySchema = new Map()));
    const replaced = bySchema.get(state.table.name);
    if (replaced) this.names.delete(replaced.table.name, replaced);
    bySchema.set(state.table.name, state);
    if (!state.placeholder) this.names.add(state.table.name, state);
  }

  private delete(state: TableState): void {
    const bySchema = this.tables.get(state.table.schema);
    const current = bySchema?.get(state.table.name);
    if (!current) return;
    bySchema!.delete(state.table.name);
    this.names.delete(current.table.name, current);
  }

  /** Foreign keys follow a renamed or moved table, as PostgreSQL's do (they reference the table, not its name). */
  private dropReferencesTo(schema: string, name: string): void {
    for (const bySchema of this.tables.values()) {
      for (const state of [...bySchema.values()]) {
        const into = (f: ForeignKey) => f.resolvedSchema === schema && f.target.table === name;
        if (!state.table.foreignKeys.some(into)) continue;
        const t = this.writable(state).table;
        t.foreignKeys = t.foreignKeys.filter((f) => !into(f));
      }
    }
  }

  private followRename(schema: string, name: string, newSchema: string, newName: string): void {
    for (const bySchema of this.tables.values()) {
      for (const state of [...bySchema.values()]) {
        if (!state.table.foreignKeys.some((f) => f.resolvedSchema === schema && f.target.table === name)) continue;
        const t = this.writable(state).table;
        t.foreignKeys = t.foreignKeys.map((f) => (f.resolvedSchema === schema && f.target.table === name
          ? { ...f, resolvedSchema: newSchema, target: { ...f.target, table: newName, ...(f.target.schema !== undefined || newSchema !== DEFAULT_SCHEMA ? { schema: newSchema } : {}) } }
          : f));
      }
    }
  }

  private newTable(schema: string, name: string, location: Location): Table {
    return {
      schema, name, location, columns: [], primaryKey: [], foreignKeys: [], indexes: [], uniqueConstraints: [],
      relationships: [], evidence: 'migration',
    };
  }

  /** The table an operation works on; a placeholder when it does not exist (after reporting it, where judged). */
  /**
   * The schema a table name is in: as written, or the first schema of the search path that holds a
   * table of that name, else the one an unqualified CREATE would use. On a path computed by code, the
   * only table of that name anywhere.
   */
  private schemaOf(ref: { schema?: string; name: string }): string {
    if (ref.schema) return ref.schema;
    const byRunner = this.runnerSchema();
    if (byRunner) return byRunner;
    for (const s of this.searchPath) {
      if (s === ANY_SCHEMA_ON_PATH) {
        const found = this.names.named(ref.name);
        if (found.length === 1) return found[0].table.schema;
      } else if (s !== '$user' && this.get(s, ref.name) && !this.get(s, ref.name)!.placeholder) return s;
    }
    return this.creationSchema();
  }

  /** The data source's schema, for a table the query runner's API names without one (not the search path's). */
  private runnerSchema(): string | undefined {
    return this.queryRunnerSchema && this.op?.byQueryRunner ? this.queryRunnerSchema : undefined;
  }

  /** Where an unqualified CREATE puts a table: the first schema of the search path that exists. */
  private creationSchema(): string {
    const byRunner = this.runnerSchema();
    if (byRunner) return byRunner;
    for (const s of this.searchPath) if (s !== '$user' && s !== ANY_SCHEMA_ON_PATH && this.schemas.has(s)) return s;
    return DEFAULT_SCHEMA;
  }

  private subject(ref: TableRef): TableState {
    const schema = this.schemaOf(ref);
    const found = this.get(schema, ref.name);
    if (found) return this.writable(found);
    this.reportMissingTable(ref, schema);
    const state: TableState = { table: this.newTable(schema, ref.name, ref.location), placeholder: true, epoch: this.epoch };
    // After a baseline the table existed before the chain (made by `create_all()`, `sync()`): it is
    // part of the schema, with what the migrations did to it, the rest of it Unknown.
    if (this.baseline) state.table.incomplete = [BEFORE_BASELINE];
    this.put(state);
    return state;
  }

  /** `self`: the table the operation works on, never a plausible "did you mean" for its reference. */
  private reportMissingTable(ref: TableRef, schema: string, self?: TableState, foreignKeyTarget = false): void {
    if (!this.judged(ref.name, ref.schema)) return;
    // On a search_path computed by code, an unqualified name may be found anywhere: Unknown.
    if (!ref.schema && this.searchPath.includes(ANY_SCHEMA_ON_PATH)) return;
    // The same name in another schema is the likeliest meaning, even for the table itself.
    const sameName = this.names.named(ref.name).map((s) => s.table);
    const similar = this.names.closest(ref.name).flatMap((name) => this.names.named(name))
      .filter((s) => s !== self && s.table.name !== ref.name).map((s) => s.table);
    // `"$user"` on the path: the role's own schema, which may be one that has the table.
    const roleSchemas = !ref.schema && this.searchPath.includes('$user') ? sameName.map((t) => t.schema).filter((s) => !this.searchPath.includes(s)) : [];
    this.events.push({
      kind: 'missing-table', operation: this.op, migration: this.step.migration, ref, schema,
      schemaMissing: !this.schemas.has(schema) && !this.schemas.has(ANY_SCHEMA), sameName, similar, ...(foreignKeyTarget ? { foreignKeyTarget } : {}),
      ...(roleSchemas.length ? { roleSchemas } : {}),
    });
  }

  /** A referenced table that must exist (a foreign key's target). */
  private target(ref: TableRef, self?: TableState): TableState | undefined {
    const schema = this.schemaOf(ref);
    const found = this.get(schema, ref.name);
    if (found) return found;
    if (self && self.table.schema === schema && self.table.name === ref.name) return self;
    this.reportMissingTable(ref, schema, self, true);
    return undefined;
  }

  private requireColumns(state: TableState, columns: string[], location: Location): void {
    if (state.placeholder || state.table.incomplete?.length) return;
    for (const c of columns) {
      if (findColumn(state.table, c)) continue;
      if (!this.judged(c, state.table.name)) continue;
      this.events.push({ kind: 'missing-column', operation: this.op, migration: this.step.migration, table: state.table, column: c, location });
    }
  }

  private requireSchema(schema: string | undefined, location: Location): void {
    if (schema === undefined || this.schemas.has(schema) || this.schemas.has(ANY_SCHEMA) || !this.judged(schema)) return;
    this.events.push({ kind: 'missing-schema', operation: this.op, migration: this.step.migration, schema, location });
    // Once reported, not again for every later table of that schema.
    this.schemas.set(schema, { name: schema, evidence: 'config' });
  }

  private apply(op: MigrationOperation): void {
    switch (op.kind) {
      case 'create-schema':
        if (!this.schemas.has(op.schema)) this.schemas.set(op.schema, { name: op.schema, evidence: 'migration', location: op.location });
        return;
      case 'drop-schema':
        this.schemas.delete(op.schema);
        for (const s of [...(this.tables.get(op.schema)?.values() ?? [])]) this.delete(s);
        return;
      case 'create-table':
        this.createTable(op);
        return;
      case 'create-view': {
        const schema = op.table.schema ?? this.creationSchema();
        this.views.set(`${schema}.${op.table.name}`, { schema, name: op.table.name, materialized: op.materialized, location: op.location });
        return;
      }
      case 'drop-view':
        this.views.delete(`${op.table.schema ?? this.creationSchema()}.${op.table.name}`);
        return;
      case 'set-search-path':
        this.searchPath = op.schemas;
        return;
      case 'drop-table': {
        const schema = this.schemaOf(op.table);
        const found = this.get(schema, op.table.name);
        if (found) this.delete(found);
        else this.reportMissingTable(op.table, schema);
        // CASCADE drops the foreign keys of other tables into it (without, PostgreSQL refuses while any is left).
        if (found && op.cascade) this.dropReferencesTo(schema, op.table.name);
        return;
      }
      case 'rename-table': {
        // A view's new name (`ALTER TABLE` renames views too): a view the chain made, under its new
        // name; one it did not (made by code not read) is not judged.
        const viewSchema = op.table.schema ?? this.creationSchema();
        const view = this.views.get(`${viewSchema}.${op.table.name}`);
        if (op.view || (view && !this.get(this.schemaOf(op.table), op.table.name))) {
          if (view) {
            this.views.delete(`${viewSchema}.${op.table.name}`);
            this.views.set(`${viewSchema}.${op.newName}`, { ...view, name: op.newName });
          }
          return;
        }
        const state = this.subject(op.table);
        const old = { schema: state.table.schema, name: state.table.name };
        // PostgreSQL named its unnamed constraints after the table when it made them (`users_pkey`): they keep those names.
        keepPostgresNames(state.table, () => true);
        this.delete(state);
        // What unread code may have done to the table, it did to the table under its new name.
        if (this.mentions.has(state.table.name.toLowerCase())) this.mentions.add(op.newName.toLowerCase());
        state.table.name = op.newName;
        this.put(state);
        // Every reference to it follows, its own to itself (a parent_id) too.
        this.followRename(old.schema, old.name, old.schema, op.newName);
        return;
      }
      case 'set-table-schema': {
        const state = this.subject(op.table);
        this.requireSchema(op.newSchema, op.location);
        const old = { schema: state.table.schema, name: state.table.name };
        this.delete(state);
        state.table.schema = op.newSchema;
        this.put(state);
        this.followRename(old.schema, old.name, op.newSchema, old.name);
        return;
      }
      case 'add-column': {
        const state = this.subject(op.table);
        const existing = state.table.columns.find((c) => c.name === op.column.name);
        if (existing) {
          if (this.step.anchored && !this.mayNotBeMade(this.madeBy.get(locationKey(existing.location)), op) && !this.inAnotherHistory(existing.location)) {
            this.events.push({ kind: 'duplicate-column', operation: op, migration: this.step.migration, table: state.table, column: op.column, existing });
          }
          return;
        }
        // A table made before a baseline chain may have the column already: a migration that handles
        // the add's failure (`try: op.add_column(…) except ProgrammingError:`) expects it may. Its
        // name is known, not what it is. (`ADD COLUMN IF NOT EXISTS` makes a rerun harmless: applied.)
        if (op.failureHandled && madeBeforeChain(state.table)) {
          state.table.columns = [...state.table.columns, { name: op.column.name, primaryKey: false, location: op.column.location, madeBeforeChain: true }];
          return;
        }
        this.addColumn(state, op.column);
        if (op.branch || op.onlySomewhere) this.madeBy.set(locationKey(op.column.location), op);
        return;
      }
      case 'drop-column': {
        const state = this.subject(op.table);
        this.requireColumns(state, [op.column], op.columnLocation);
        state.table.columns = state.table.columns.filter((c) => c.name !== op.column);
        state.table.indexes = state.table.indexes.filter((i) => !i.columns.includes(op.column));
        state.table.foreignKeys = state.table.foreignKeys.filter((f) => !f.columns.includes(op.column));
        // A key column dropped takes its constraint with it (the table has no primary key then), and
        // so do unique constraints over it.
        if (state.table.primaryKey.includes(op.column)) state.table.primaryKey = [];
        state.table.uniqueConstraints = state.table.uniqueConstraints.filter((u) => !u.columns.includes(op.column));
        return;
      }
      case 'alter-column': {
        const state = this.subject(op.table);
        this.requireColumns(state, [op.column], op.columnLocation);
        const t = state.table;
        const column = t.columns.find((c) => c.name === op.column);
        if (!column) {
          // A table made before a baseline chain: the column was there, and what the change says of
          // it is known now (the rest of it stays Unknown).
          if (!t.incomplete?.includes(BEFORE_BASELINE)) return;
          t.columns = [...t.columns, {
            name: op.newName ?? op.column, primaryKey: false, location: op.columnLocation, madeBeforeChain: true,
            ...(op.type ? { type: storedType(op.type, this.types) } : {}),
            ...(op.nullable !== undefined ? { nullable: op.nullable } : {}),
            ...(typeof op.serverDefault === 'string' ? { serverDefault: op.serverDefault } : {}),
          }];
          return;
        }
        if (op.typeormNewColumn && this.typeormRecreates(state, column, op)) return;
        if (op.type?.notInPostgresql) this.events.push({ kind: 'missing-type', operation: op, migration: this.step.migration, type: op.type.notInPostgresql, column: op.column, location: op.columnLocation });
        // Columns, indexes and keys are shared with other replays: changes make copies.
        const changed: Column = { ...column, changedAt: op.location };
        // (The runner now holds the new column as written.)
        if (op.typeormNewColumn?.column.typeormWritten) changed.typeormWritten = op.typeormNewColumn.column.typeormWritten;
        if (op.type) changed.type = storedType(op.type, this.types);
        if (op.nullable !== undefined) changed.nullable = op.nullable;
        if (op.serverDefault === null) delete changed.serverDefault;
        else if (op.serverDefault !== undefined) changed.serverDefault = op.serverDefault;
        if (op.newName) {
          const rename = (cols: string[]) => cols.map((c) => (c === op.column ? op.newName! : c));
          // PostgreSQL named its unnamed constraints when it made them: the names stay as they were.
          keepPostgresNames(t, (cols) => cols.includes(op.column));
          changed.name = op.newName;
          t.primaryKey = rename(t.primaryKey);
          t.indexes = t.indexes.map((i) => (i.columns.includes(op.column) ? { ...i, columns: rename(i.columns) } : i));
          t.uniqueConstraints = t.uniqueConstraints.map((u) => (u.columns.includes(op.column) ? { ...u, columns: rename(u.columns) } : u));
          t.foreignKeys = t.foreignKeys.map((f) => (f.columns.includes(op.column) ? { ...f, columns: rename(f.columns) } : f));
          // `if old in columns: rename it … elif new not in columns: add it`: the arms exclude each
          // other, so the add is no copy of what the rename made (see exclusiveBranches).
          if (op.branch || op.onlySomewhere) this.madeBy.set(locationKey(changed.location), op);
        }
        t.columns = t.columns.map((c) => (c === column ? changed : c));
        return;
      }
      case 'create-index': {
        // An index on a materialized view the chain made: the view's, no table's.
        const schema = this.schemaOf(op.table);
        if (!this.get(schema, op.table.name) && this.views.has(`${schema}.${op.table.name}`)) return;
        const state = this.subject(op.table);
        if (!op.index.expression) this.requireColumns(state, op.index.columns, op.index.location);
        // An index of that name is on the table already (`CREATE INDEX IF NOT EXISTS`, or one arm of
        // an `if` after the other made it): a chain that ran cannot hold two, PostgreSQL makes no
        // second. (Only this table is asked: every create would otherwise walk the whole schema.)
        const name = op.index.name;
        if (name && state.table.indexes.some((i) => answersTo(i, name))) return;
        this.addIndex(state, op.index, 'index');
        return;
      }
      case 'drop-index': {
        if (op.byColumns) {
          const found = this.get(this.schemaOf(op.byColumns.table), op.byColumns.table.name);
          // Sequelize drops the index of the name it gives those columns (`DROP INDEX IF EXISTS
          // "documents_url_id"`): not a unique constraint PostgreSQL named on the same columns. An
          // index whose name is not known may be it.
          const sameColumns = (i: Index) => i.origin !== 'primary-key' && i.columns.length === op.byColumns!.columns.length && i.columns.every((c, k) => c === op.byColumns!.columns[k]);
          const named = found?.table.indexes.some((i) => sameColumns(i) && i.name === op.name);
          const same = (i: Index) => sameColumns(i) && (named ? i.name === op.name : !i.name);
          if (found?.table.indexes.some(same)) {
            const t = this.writable(found).table;
            const index = t.indexes.find(same)!;
            t.indexes = t.indexes.filter((i) => i !== index);
            if (index.unique) t.uniqueConstraints = t.uniqueConstraints.filter((u) => !(u.columns.length === index.columns.length && u.columns.every((c, k) => c === index.columns[k])));
          }
          return;
        }
        // Rare in an upgrade: a search beats keeping a registry of every index name.
        for (const bySchema of op.schema !== undefined ? [this.tables.get(op.schema)] : this.tables.values()) {
          for (const state of bySchema?.values() ?? []) {
            if (!state.table.indexes.some((i) => answersTo(i, op.name))) continue;
            const t = this.writable(state).table;
            t.indexes = t.indexes.filter((i) => !answersTo(i, op.name));
            return;
          }
        }
        return;
      }
      case 'add-foreign-key': {
        const state = this.subject(op.table);
        this.requireColumns(state, op.foreignKey.columns, op.foreignKey.location);
        this.addForeignKey(state, op.foreignKey);
        return;
      }
      case 'add-unique': {
        const state = this.subject(op.table);
        this.requireColumns(state, op.index.columns, op.index.location);
        this.addIndex(state, op.index, 'unique-constraint');
        return;
      }
      case 'add-primary-key': {
        const state = this.subject(op.table);
        if (op.usingIndex) {
          // `PRIMARY KEY USING INDEX idx`: the unique index becomes the key's (an index the chain
          // did not make leaves the key Unknown: nothing is set).
          const index = state.table.indexes.find((i) => i.name === op.usingIndex && i.unique && !i.expression);
          if (!index) return;
          state.table.indexes = state.table.indexes.filter((i) => i !== index);
          this.setPrimaryKey(state, index.columns, op.location);
          return;
        }
        this.requireColumns(state, op.columns, op.location);
        this.setPrimaryKey(state, op.columns, op.location, op.name);
        return;
      }
      case 'drop-constraint': {
        // Unnamed constraints have the names PostgreSQL gave them (`tag_name_key`, `tag_pkey`);
        // ones the environment's naming convention named answer to that name and to their former one.
        const t = this.subject(op.table).table;
        t.foreignKeys = t.foreignKeys.filter((f) => !answersTo(f, op.name, postgresConstraintName(t.name, f.columns, 'fkey')));
        t.indexes = t.indexes.filter((i) => i.origin === 'primary-key' || !answersTo(i, op.name, i.unique ? postgresConstraintName(t.name, i.columns, 'key') : undefined));
        t.uniqueConstraints = t.uniqueConstraints.filter((u) => !answersTo(u, op.name, postgresConstraintName(t.name, u.columns, 'key')));
        // (`<table>_pkey` as the table is named now, unless the key kept the name it had: see keepPostgresNames.)
        if ((op.name === `${t.name}_pkey` && !t.indexes.some((i) => i.origin === 'primary-key' && i.name)) || t.indexes.some((i) => i.origin === 'primary-key' && answersTo(i, op.name))) {
          t.primaryKey = [];
          t.indexes = t.indexes.filter((i) => i.origin !== 'primary-key');
        }
        return;
      }
      case 'rename-index': {
        for (const bySchema of op.schema !== undefined ? [this.tables.get(op.schema)] : this.tables.values()) {
          for (const state of bySchema?.values() ?? []) {
            if (!state.table.indexes.some((i) => answersTo(i, op.name))) continue;
            const t = this.writable(state).table;
            t.indexes = t.indexes.map((i) => (answersTo(i, op.name) ? renamed(i, op.newName) : i));
            t.uniqueConstraints = t.uniqueConstraints.map((u) => (answersTo(u, op.name) ? renamed(u, op.newName) : u));
            // (The replica identity is the index itself, whatever its name.)
            if (typeof t.replicaIdentity === 'object' && t.replicaIdentity.index === op.name) t.replicaIdentity = { index: op.newName };
            return;
          }
        }
        return;
      }
      case 'set-replica-identity': {
        const t = this.subject(op.table).table;
        if (op.identity === 'default') delete t.replicaIdentity;
        else t.replicaIdentity = op.identity;
        return;
      }
      case 'rename-constraint': {
        // Unnamed constraints have the names PostgreSQL gave them (as for drop-constraint).
        const t = this.subject(op.table).table;
        const keyName = (i: Index) => (i.origin === 'primary-key' ? i.name ?? `${t.name}_pkey` : i.name ?? (i.unique ? postgresConstraintName(t.name, i.columns, 'key') : undefined));
        t.foreignKeys = t.foreignKeys.map((f) => (answersTo(f, op.name, postgresConstraintName(t.name, f.columns, 'fkey')) ? renamed(f, op.newName) : f));
        t.indexes = t.indexes.map((i) => (keyName(i) === op.name || i.formerName === op.name ? renamed(i, op.newName) : i));
        t.uniqueConstraints = t.uniqueConstraints.map((u) => (answersTo(u, op.name, postgresConstraintName(t.name, u.columns, 'key')) ? renamed(u, op.newName) : u));
        return;
      }
      case 'create-enum':
        this.enums.push({ name: op.name, values: op.values, location: op.location });
        return;
      case 'alter-enum': {
        // A value added (once: `IF NOT EXISTS` or not, an enum holds it once) or renamed, in the enum the chain made.
        const i = this.enums.findIndex((e) => e.name === op.name);
        if (i < 0) return;
        const e = this.enums[i];
        const values = op.addValue !== undefined ? (e.values.includes(op.addValue) ? e.values : [...e.values, op.addValue])
          : e.values.map((v) => (v === op.renameValue?.from ? op.renameValue.to : v));
        this.enums = this.enums.map((x, k) => (k === i ? { ...x, values } : x));
        return;
      }
      case 'rename-type': {
        // The enum and every column of that type follow the new name (PostgreSQL keeps the type's oid).
        const i = this.enums.findIndex((e) => e.name === op.name);
        if (i >= 0) this.enums = this.enums.map((e, k) => (k === i ? { ...e, name: op.newName } : e));
        const renamed = (t: ColumnType | Unknown | undefined) => !!t && !isUnknown(t) && (t as ColumnType).name === op.name;
        const affected: TableState[] = [];
        this.tables.forEach((bySchema) => bySchema.forEach((state) => {
          if (state.table.columns.some((c) => renamed(c.type))) affected.push(state);
        }));
        for (const found of affected) {
          const t = this.writable(found).table;
          t.columns = t.columns.map((c) => (renamed(c.type) ? { ...c, type: { ...(c.type as ColumnType), name: op.newName, written: op.newName } } : c));
        }
        return;
      }
      case 'use-table': {
        // Rows written, a question asked: the table (or a view) must exist. None is made up for the
        // rest of the chain: the migration that creates it later still creates it.
        const schema = this.schemaOf(op.table);
        if (!this.get(schema, op.table.name) && !this.views.has(`${schema}.${op.table.name}`)) this.reportMissingTable(op.table, schema);
        return;
      }
      case 'add-unknown-columns': {
        const state = this.subject(op.table);
        const why = 'columns added by code the reader cannot evaluate';
        if (!state.table.incomplete?.includes(why)) state.table.incomplete = [...state.table.incomplete ?? [], why];
        return;
      }
      case 'unknown':
        if (!op.mentions.length) this.opaque = true;
        for (const m of op.mentions) this.mentions.add(op.only === 'foreign-keys' ? FOREIGN_KEYS_OF + m : op.only === 'indexes' ? INDEXES_OF + m : m);
        return;
      default:
    }
  }

  /** Each migration's history: the migrations linked to it through parents (and depends_on), one number per set. */
  private histories: Map<string, number> | undefined;

  /**
   * Whether what is made at `location` was made by a migration of another history than the current
   * step's: revisions no parent links to this one (Alembic's "multiple bases", AiiDA's `django`,
   * `sqlalchemy` and `main` branches, each building the schema from nothing). A database runs the
   * one its upgrade names (`upgrade main@head`): which is Unknown, so making a table again there is
   * no fault of the chain. (The replay still folds them together.)
   */
  private inAnotherHistory(location: Location): boolean {
    const histories = (this.histories ??= historiesOf(this.graph));
    if (histories.size < 2) return false;
    const made = histories.get(location.file);
    const current = histories.get(this.step.migration.file);
    return made !== undefined && current !== undefined && made !== current;
  }

  /**
   * Whether what `made` made may not be there when `op` makes it again: the two are in arms of one
   * `if` that exclude each other, or `made` runs only in some deployments (an edition, a setting) —
   * then `op`, in another migration, may be the one that runs in the others: Unknown, not a duplicate.
   */
  private mayNotBeMade(made: MigrationOperation | undefined, op: MigrationOperation): boolean {
    return exclusiveBranches(made, op) || (!!made?.onlySomewhere && made.location.file !== op.location.file);
  }

  private createTable(op: MigrationOperation & { kind: 'create-table' }): void {
    const schema = op.table.schema ?? this.creationSchema();
    const existing = this.get(schema, op.table.name);
    if (existing && !existing.placeholder) {
      if (this.step.anchored && !this.mayNotBeMade(this.madeBy.get(locationKey(existing.table.location)), op) && !this.inAnotherHistory(existing.table.location)) {
        this.events.push({ kind: 'duplicate-table', operation: op, migration: this.step.migration, ref: op.table, existing: existing.table });
      }
      return;
    }
    this.requireSchema(op.table.schema, op.table.schemaLocation ?? op.table.location);
    const state: TableState = { table: this.newTable(schema, op.table.name, op.table.location), placeholder: false, epoch: this.epoch };
    const copied = op.copiedFrom && this.columnsCopied(op.copiedFrom, op.table.location);
    if (copied) {
      state.table.columns.push(...copied);
      state.table.copyOf = { schema: this.schemaOf(op.copiedFrom!.table), name: op.copiedFrom!.table.name };
    }
    else if (op.incomplete) {
      state.table.incomplete = ['columns created by code or SQL the reader cannot see'];
      if (op.copiedFrom) this.events.push({ kind: 'copy-unread', operation: op, migration: this.step.migration });
    }
    if (op.partitionOf) {
      // A partition has its parent's columns; of a parent the replay does not know, they are Unknown.
      const parentSchema = op.partitionOf.schema ?? this.creationSchema();
      state.table.partitionOf = { schema: parentSchema, name: op.partitionOf.name };
      const parent = this.get(parentSchema, op.partitionOf.name);
      if (parent && !parent.placeholder) {
        for (const c of parent.table.columns) state.table.columns.push({ ...c, location: op.table.location });
        if (parent.table.incomplete?.length) state.table.incomplete = [...parent.table.incomplete];
      } else state.table.incomplete = ['columns of a partition of a table the replay does not know'];
    }
    // A placeholder stood for this table (made outside the chain): the columns it was given stay.
    if (existing) {
      this.delete(existing);
      state.table.columns.push(...existing.table.columns);
    }
    this.put(state);
    // Only what an `if` arm creates can have a copy in another arm (see exclusiveBranches).
    if (op.branch || op.onlySomewhere) this.madeBy.set(locationKey(op.table.location), op);
    for (const c of op.columns) {
      if (!findColumn(state.table, c.name)) this.addColumn(state, c, true);
      if (op.branch || op.onlySomewhere) this.madeBy.set(locationKey(c.location), op);
    }
    // (A primary key SQLAlchemy's naming convention named had PostgreSQL's `<table>_pkey` before
    // it. One named in SQL or by TypeORM, `CONSTRAINT "PK_2829…" PRIMARY KEY`, never had: an index
    // `posts_pkey` made beside it is a second index.)
    if (op.primaryKey.length) this.setPrimaryKey(state, op.primaryKey, op.table.location, op.primaryKeyName, op.primaryKeyName && op.namedBySqlAlchemy ? `${op.table.name}_pkey` : undefined);
    for (const i of op.indexes) this.addIndex(state, i, i.unique ? 'unique-constraint' : 'index');
    withoutUniqueOfPrimaryKey(state.table);
    for (const c of op.columns) for (const fk of c.foreignKeys) this.addUnlessUseAlter(state, fk);
    for (const fk of op.foreignKeys) {
      this.requireColumns(state, fk.columns, fk.location);
      this.addUnlessUseAlter(state, fk);
    }
  }

  /**
   * The columns `CREATE TABLE … AS SELECT` copies (see the operation's copiedFrom): name and type of
   * each, nullable, with no default — PostgreSQL copies no constraint. Undefined when the table, or a
   * column, is not known here (a table made before a baseline, columns made by code).
   */
  private columnsCopied(from: NonNullable<(MigrationOperation & { kind: 'create-table' })['copiedFrom']>, location: Location): Column[] | undefined {
    const source = this.get(this.schemaOf(from.table), from.table.name);
    if (!source || source.placeholder || source.table.incomplete?.length) return undefined;
    const picked = from.columns === '*' ? source.table.columns.map((c) => ({ column: c, as: c.name })) : from.columns.map((c) => ({ column: findColumn(source.table, c.name), as: c.as }));
    if (picked.some((p) => !p.column)) return undefined;
    return picked.map(({ column, as }) => ({ name: as, ...(column!.type ? { type: column!.type } : {}), nullable: true, primaryKey: false, location }));
  }

  /**
   * A `use_alter` foreign key inside `op.create_table` is left out of its CREATE TABLE, and Alembic
   * issues no ALTER for it (only `metadata.create_all()` does): the chain never creates it.
   */
  private addUnlessUseAlter(state: TableState, fk: ForeignKeySpec): void {
    if (!fk.deferred) this.addForeignKey(state, fk);
  }


  private addColumn(state: TableState, spec: ColumnSpec, inCreate = false): void {
    const t = state.table;
    if (spec.type?.notInPostgresql) this.events.push({ kind: 'missing-type', operation: this.op, migration: this.step.migration, type: spec.type.notInPostgresql, column: spec.name, location: spec.location });
    t.columns.push(columnOf(spec, this.types));
    if (spec.keyUnknown && !t.incomplete?.includes(KEY_COMPUTED)) t.incomplete = [...t.incomplete ?? [], KEY_COMPUTED];
    if (spec.primaryKey && !inCreate) this.setPrimaryKey(state, [...t.primaryKey, spec.name], spec.location);
    if (spec.index || spec.unique) t.indexes.push(columnIndexOf(spec, t.name));
    if (!inCreate) for (const fk of spec.foreignKeys) this.addForeignKey(state, fk);
  }

  private setPrimaryKey(state: TableState, columns: string[], location: Location, name?: string, formerName?: string): void {
    const t = state.table;
    t.primaryKey = [...columns];
    if (t.columns.some((c) => c.nullable !== false && columns.includes(c.name))) {
      t.columns = t.columns.map((c) => (c.nullable !== false && columns.includes(c.name) ? notNull(c) : c));
    }
    t.indexes = t.indexes.filter((i) => i.origin !== 'primary-key');
    t.indexes.unshift(primaryKeyIndex(t.name, columns, location, name, formerName));
  }

  /**
   * TypeORM's changeColumn by name (see typeormNewColumn): another type, length or array-ness than
   * the runner holds drops the column and adds the new one (true: done); else the column is altered
   * in place, `isUnique` adding or dropping its own UNIQUE constraint first. Where the column's type
   * is not known, neither is which TypeORM does: altered in place, as written.
   */
  private typeormRecreates(state: TableState, column: Column, op: Extract<MigrationOperation, { kind: 'alter-column' }>): boolean {
    const held = typeormReadBack(column);
    if (!held || !op.typeormNewColumn) return false;
    const { kind: _kind, column: name, columnLocation, newName: _newName, type: _type, nullable: _nullable, serverDefault: _default, typeormNewColumn: written, ...common } = op;
    if (held.type !== written.type || held.length !== written.length || held.isArray !== written.isArray) {
      this.apply({ ...common, kind: 'drop-column', column: name, columnLocation });
      this.apply({ ...common, kind: 'add-column', column: written.column });
      return true;
    }
    const t = state.table;
    const own = (columns: readonly string[]) => columns.length === 1 && columns[0] === name;
    // (A column's UNIQUE, `isUnique: true`, is a constraint as a table's is.)
    const ownConstraint = (i: Index) => (i.origin === 'unique-constraint' || (i.origin === 'column-unique' && i.unique)) && own(i.columns);
    const unique = t.uniqueConstraints.some((u) => own(u.columns)) || t.indexes.some(ownConstraint);
    if (unique && written.isUnique === false) {
      t.uniqueConstraints = t.uniqueConstraints.filter((u) => !own(u.columns));
      t.indexes = t.indexes.filter((i) => !ownConstraint(i));
    } else if (!unique && written.isUnique === true) {
      this.addIndex(state, { name: typeormUniqueName(t.name, [name]), columns: [name], unique: true, location: op.location }, 'unique-constraint');
    }
    return false;
  }

  private addIndex(state: TableState, spec: IndexSpec, origin: Index['origin']): void {
    const index = indexOf(spec, origin);
    state.table.indexes.push(index);
    if (origin === 'unique-constraint' && !spec.expression) state.table.uniqueConstraints.push(uniqueConstraintOf(spec));
  }

  private addForeignKey(state: TableState, spec: ForeignKeySpec): void {
    const target = this.target(spec.target, state);
    if (target) this.requireColumns(target, spec.target.columns, spec.target.location);
    const shared = foreignKeyOf(spec, state.table.name);
    // An unqualified target found through the search path in another schema than public.
    let fk = target && !spec.target.schema && target.table.schema !== shared.resolvedSchema ? { ...shared, resolvedSchema: target.table.schema } : shared;
    // `REFERENCES people` with no columns: the referenced table's primary key.
    if (!spec.target.columns.length && target?.table.primaryKey.length) fk = { ...fk, target: { ...fk.target, columns: [...target.table.primaryKey] } };
    // A constraint added under a name the table's key already holds: PostgreSQL refuses a second
    // one, so the chain (which ran) had dropped it first — by code this reader could not follow
    // (a loop over the keys the database reports). The new key replaces it.
    if (spec.name) {
      const table = state.table;
      table.foreignKeys = table.foreignKeys.filter((f) => !answersTo(f, spec.name!, postgresConstraintName(table.name, f.columns, 'fkey')));
    }
    state.table.foreignKeys.push(fk);
  }
}

/**
 * The migrations of a graph grouped by history (linked through their parents or depends_on, in
 * either direction, or declaring the same revision), by file: one number per history. A graph of
 * one history gives one number.
 */
function historiesOf(graph: RevisionGraph): Map<string, number> {
  const parent = new Map<AlembicMigrationFacts, AlembicMigrationFacts>();
  const find = (m: AlembicMigrationFacts): AlembicMigrationFacts => {
    let root = m;
    while (parent.has(root)) root = parent.get(root)!;
    return root;
  };
  const union = (a: AlembicMigrationFacts, b: AlembicMigrationFacts) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const m of graph.migrations) {
    for (const ref of [...m.downRevisions, ...m.dependsOn]) for (const other of graph.byRevision.get(ref.id) ?? []) union(m, other);
  }
  // Files that declare the same revision (a copy whose id was not changed) are one node of one history.
  for (const same of graph.byRevision.values()) for (const m of same.slice(1)) union(same[0], m);
  const numbers = new Map<AlembicMigrationFacts, number>();
  const out = new Map<string, number>();
  for (const m of graph.migrations) {
    const root = find(m);
    if (!numbers.has(root)) numbers.set(root, numbers.size);
    out.set(m.file, numbers.get(root)!);
  }
  return out;
}

/** Whether a constraint or index answers to `name`: its own (`unnamed`: what PostgreSQL named it), or its name before the convention. */
/**
 * Gives the unnamed constraints of `t` whose columns `affected` picks the names PostgreSQL gave them
 * (`<table>_<columns>_key`, `_fkey`, `<table>_pkey`), before a rename of the table or of a column
 * would change the names derived from them: PostgreSQL renames no constraint then (`ALTER TABLE …
 * DROP CONSTRAINT "t_username_key"` after `RENAME COLUMN username TO value` drops it). In place, on a
 * table the caller may write.
 */
function keepPostgresNames(t: Table, affected: (columns: readonly string[]) => boolean): void {
  const named = <T extends { name?: string; columns: string[] }>(item: T, name: string): T => (item.name || !affected(item.columns) ? item : { ...item, name });
  t.indexes = t.indexes.map((i) => (i.origin === 'primary-key' ? named(i, `${t.name}_pkey`)
    : i.unique && i.origin !== 'index' ? named(i, postgresConstraintName(t.name, i.columns, 'key')) : i));
  t.uniqueConstraints = t.uniqueConstraints.map((u) => named(u, postgresConstraintName(t.name, u.columns, 'key')));
  t.foreignKeys = t.foreignKeys.map((f) => named(f, postgresConstraintName(t.name, f.columns, 'fkey')));
}

function answersTo(item: { name?: string; formerName?: string }, name: string, unnamed?: string): boolean {
  return (item.name ?? unnamed) === name || item.formerName === name;
}

/** A constraint or index under a new name (its name before the convention gone with the old). */
function renamed<T extends { name?: string; formerName?: string }>(item: T, name: string): T {
  const { formerName: _former, ...rest } = item;
  return { ...rest, name } as T;
}

function copyTables(tables: Map<string, Map<string, TableState>>): Map<string, Map<string, TableState>> {
  // forEach, not the Map constructor over entries: no [key, value] array per table (a checkpoint
  // every 32 steps copies every table).
  const copy = new Map<string, Map<string, TableState>>();
  tables.forEach((bySchema, schema) => {
    const inSchema = new Map<string, TableState>();
    bySchema.forEach((state, name) => inSchema.set(name, state));
    copy.set(schema, inSchema);
  });
  return copy;
}

/*
 * The schema objects an operation's spec yields, made once per spec and shared by every replay
 * (a replay copies what it changes). An edit of one migration re-creates only that file's objects,
 * so the replay allocates little, and rules that compare columns recognise what did not change.
 */
const columns = new WeakMap<ColumnSpec, { types: ProjectTypes; column: Column }>();

/** The project's own column types (TypeDecorator subclasses) and what they store, by class name. */
export type ProjectTypes = ReadonlyMap<string, ColumnType>;

const NO_PROJECT_TYPES: ProjectTypes = new Map();

/** A type as the database stores it: a project type becomes its `impl`. */
function storedType(type: ColumnType, types: ProjectTypes): ColumnType {
  return (types.size && resolveProjectType(type, types)) || type;
}
const columnIndexes = new WeakMap<ColumnSpec, Index>();
const notNullColumns = new WeakMap<Column, Column>();
const primaryKeyIndexes = new WeakMap<Location, Index>();
const uniqueConstraints = new WeakMap<IndexSpec, UniqueConstraint>();

/** The column made NOT NULL (by a primary key). */
function notNull(column: Column): Column {
  let made = notNullColumns.get(column);
  if (!made) notNullColumns.set(column, (made = { ...column, nullable: false }));
  return made;
}

/** The index of a primary key declared at `location`. */
function primaryKeyIndex(table: string, columns: string[], location: Location, named?: string, formerName?: string): Index {
  const name = named ?? `${table}_pkey`;
  const made = primaryKeyIndexes.get(location);
  if (made && made.name === name && made.columns.length === columns.length && made.columns.every((c, i) => c === columns[i])) return made;
  const index: Index = { name, columns: [...columns], unique: true, origin: 'primary-key', location, ...(formerName ? { formerName } : {}) };
  primaryKeyIndexes.set(location, index);
  return index;
}

function uniqueConstraintOf(spec: IndexSpec): UniqueConstraint {
  let made = uniqueConstraints.get(spec);
  if (!made) uniqueConstraints.set(spec, (made = { name: spec.name, columns: spec.columns, location: spec.location, ...(spec.nameBeforeConvention ? { formerName: spec.nameBeforeConvention } : {}) }));
  return made;
}
const indexes = new WeakMap<IndexSpec, Index>();
const foreignKeys = new WeakMap<ForeignKeySpec, ForeignKey>();

function columnOf(spec: ColumnSpec, types: ProjectTypes): Column {
  const cached = columns.get(spec);
  if (cached && cached.types === types) return cached.column;
  const column: Column = { name: spec.name, primaryKey: spec.primaryKey, location: spec.location };
  if (spec.type) column.type = storedType(spec.type, types);
  if (spec.nullable !== undefined) column.nullable = spec.primaryKey ? false : spec.nullable;
  if (spec.serverDefault !== undefined) column.serverDefault = spec.serverDefault;
  if (spec.typeormWritten) column.typeormWritten = spec.typeormWritten;
  if (spec.uniqueUnknown) column.indexUnknown = unknownValue(`index of "${spec.name}": uniqueness computed by code`, spec.location);
  columns.set(spec, { types, column });
  return column;
}

function columnIndexOf(spec: ColumnSpec, table: string): Index {
  let index = columnIndexes.get(spec);
  if (!index) {
    index = {
      // PostgreSQL names a column's unnamed UNIQUE constraint `table_column_key`; SQLAlchemy names `index=True` `ix_table_column`.
      name: spec.unique && !spec.index ? spec.uniqueName ?? postgresConstraintName(table, [spec.name], 'key') : spec.indexName ?? `ix_${table}_${spec.name}`, columns: [spec.name], unique: spec.unique,
      origin: spec.index ? 'column-index' : 'column-unique', location: spec.location,
    };
    const former = spec.unique && !spec.index ? spec.uniqueNameBeforeConvention : spec.indexNameBeforeConvention;
    if (former) index.formerName = former;
    columnIndexes.set(spec, index);
  }
  return index;
}

function indexOf(spec: IndexSpec, origin: Index['origin']): Index {
  let index = indexes.get(spec);
  if (!index || index.origin !== origin) {
    index = { columns: spec.columns, unique: spec.unique, origin, location: spec.location };
    if (spec.name) index.name = spec.name;
    if (spec.nameBeforeConvention) index.formerName = spec.nameBeforeConvention;
    if (spec.expression) index.expression = true;
    if (spec.where) index.where = spec.where;
    if (spec.method) index.method = spec.method;
    if (spec.opclasses) index.opclasses = spec.opclasses;
    if (spec.prefixLengths) index.prefixLengths = spec.prefixLengths;
    if (spec.uniqueUnknown) index.optionsUnknown = true;
    indexes.set(spec, index);
  }
  return index;
}

/** `table`: where it is created; an unnamed constraint keeps the name PostgreSQL gives it then, through later renames. */
function foreignKeyOf(spec: ForeignKeySpec, table: string): ForeignKey {
  let fk = foreignKeys.get(spec);
  if (!fk) {
    fk = {
      columns: spec.columns,
      target: { table: spec.target.name, columns: spec.target.columns },
      resolvedSchema: spec.target.schema ?? DEFAULT_SCHEMA,
      location: spec.location,
      targetText: spec.target.text?.value ?? spec.target.name,
    };
    if (spec.target.schema !== undefined) fk.target.schema = spec.target.schema;
    if (spec.target.text) fk.targetTextLocation = spec.target.text.location;
    fk.name = spec.name ?? postgresConstraintName(table, spec.columns, 'fkey');
    if (spec.nameBeforeConvention) fk.formerName = spec.nameBeforeConvention;
    foreignKeys.set(spec, fk);
  }
  return fk;
}
