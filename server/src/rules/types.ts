/**
 * The contract between the rule engine and each rule: one rule, one file, exporting a `Rule`.
 * Rules read the schema model (through `RuleContext`) and report `Finding`s with optional fixes.
 */
import type { Evidence, Location, Range } from '../model/source';
import type { SchemaModel, SchemaSource, TableIndex } from '../model/schema';
import type { RevisionGraph } from '../model/revisionGraph';
import type { MigrationReplay } from '../model/replay';
import type { LiveDatabase } from '../live/introspect';
import type { Dialect } from '../workspace/dialect';
import type { SchemaSenseConfig } from '../workspace/config';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/**
 * A text edit in one file: replace `range` by `newText`. With `create`, the file does not exist
 * yet and is created with `newText` as its content (`range` is the start of the file).
 */
export interface FileEdit {
  file: string;
  range: Range;
  newText: string;
  create?: boolean;
}

export interface Fix {
  title: string;
  edits: FileEdit[];
  /**
   * `safe`: keeps the program valid and changes only what the finding is about; offered as the
   * preferred quick fix. `review`: correct in the common case, but the user should look.
   */
  safety: 'safe' | 'review';
}

export interface RelatedLocation {
  location: Location;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: Location;
  related: RelatedLocation[];
  fixes: Fix[];
  /** Which sources the finding rests on. */
  evidence: Evidence[];
  /** `unnecessary`: the flagged code can go (shown faded in editors). */
  tags?: 'unnecessary'[];
}

export type FindingInput = Omit<Finding, 'ruleId' | 'severity' | 'related' | 'fixes'> &
  Partial<Pick<Finding, 'related' | 'fixes'>> & {
    /**
     * A milder case of the rule (a duplicate that is guarded and so only redundant): the finding
     * is shown at this severity when the configured one is stronger.
     */
    severityAtMost?: Severity;
  };

export type SourceKind = 'models' | 'migrations' | 'live';

export interface RuleContext {
  /** The schema as modelled (ORM models). */
  readonly models: SchemaModel;
  readonly modelTables: TableIndex;
  /**
   * Schemas known to exist: the default schema, the configured list, schemas created by any
   * source (migrations, models' DDL, the live database).
   */
  readonly knownSchemas: ReadonlyMap<string, SchemaSource[]>;
  /** The Alembic revision graphs, one per migration environment. */
  readonly revisionGraphs: readonly RevisionGraph[];
  /** Each environment's chain replayed in order: the schema "after migrations" and what the replay met. */
  readonly migrations: readonly MigrationReplay[];
  /** The tables of every environment after migrations. */
  readonly migratedTables: TableIndex;
  /** The live database (an audit), with its tables indexed; undefined in the editor's checks. */
  readonly live?: LiveDatabase;
  readonly liveTables?: TableIndex;
  /** The project's configuration (rule options such as `indexUsageMinimumDays`). */
  readonly config: SchemaSenseConfig;
  /** The project's SQL dialect (rules with `dialects` run only for theirs). */
  readonly dialect: Dialect;
  /** No configuration, code or migration names the dialect: PostgreSQL is the default, not evidence. */
  readonly dialectAssumed: boolean;
  /**
   * The dialect of the database a file's code runs on: the project's, unless its data sources name
   * several (a monorepo's SQLite app beside its PostgreSQL ones) — then that of the data source
   * nearest the file (the most folders in common), where those nearest agree.
   */
  dialectOf(file: string): Dialect;
  /**
   * The application a file belongs to: the folder of its nearest package manifest (package.json,
   * pyproject.toml, setup.py). A monorepo's applications each have their own database.
   */
  readonly applicationOf: (file: string) => string;
  /**
   * The npm packages the workspace's manifests depend on: a library of theirs may make and use a
   * table by itself (a session store's, see model/libraryTables.ts).
   */
  readonly packages: ReadonlySet<string>;
  /** Report a finding; the engine adds rule id and severity. */
  report(finding: FindingInput): void;
}

export interface Rule {
  id: string;
  /** One line: what the rule flags. */
  description: string;
  defaultSeverity: Severity;
  /** Which sources it needs to say anything. */
  needs: SourceKind[];
  /**
   * Which inputs its check reads (the migrations include the revision graphs and the schemas they
   * create). While they are unchanged, its findings are reused: a migration edit does not re-run
   * the rules about models alone.
   */
  reads: ('models' | 'migrations' | 'live')[];
  /** The dialects whose databases the rule is about; absent: every dialect (the rule is about the ORM or the chain). */
  dialects?: readonly Dialect[];
  check(context: RuleContext): void;
}
