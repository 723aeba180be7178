/**
 * Runs the rule catalog over the schema models: applies configured severities and suppression
 * comments, and isolates rules from each other (a failing rule is reported, the others still run).
 */
import { DEFAULT_SCHEMA, push, SchemaModel, SchemaSource, TableIndex, type Table } from '../model/schema';
import type { RevisionGraph } from '../model/revisionGraph';
import { chainsBuiltOn, type MigrationReplay } from '../model/replay';
import { compareLocations, type Location } from '../model/source';
import { allRules } from '../rules/registry';
import { withoutDefaultSchema } from '../rules/support/describe';
import { sameItems } from '../rules/support/migrations';
import type { Finding, FindingInput, Rule, RuleContext, Severity } from '../rules/types';
import type { SchemaSenseConfig } from '../workspace/config';
import type { LiveDatabase } from '../live/introspect';
import type { Dialect } from '../workspace/dialect';
import { isSuppressed, Suppressions } from './suppression';

export interface EngineInput {
  models: SchemaModel;
  revisionGraphs?: RevisionGraph[];
  migrations?: MigrationReplay[];
  /** The tables of every replay, indexed (callers that keep the replay keep this too). */
  migratedTables?: TableIndex;
  config: SchemaSenseConfig;
  suppressionsOf: (file: string) => Suppressions | undefined;
  rules?: readonly Rule[];
  /** What each rule reported last time and from which inputs (kept by the caller between runs). */
  cache?: RuleCache;
  /** Told before each rule runs (a progress line). */
  onRule?: (ruleId: string, done: number, total: number) => void;
  /** The live database, read by an audit. */
  live?: LiveDatabase;
  /** The project's dialect; PostgreSQL where not given. */
  dialect?: Dialect;
  /** No configuration, code or migration names the dialect: PostgreSQL is the default, not evidence. */
  dialectAssumed?: boolean;
  /** The dialect of the database a file's code runs on, where the project's data sources name several. */
  dialectOf?: (file: string) => Dialect;
  /** The application a file belongs to (a monorepo's package); one application where not given. */
  applicationOf?: (file: string) => string;
  /** Whether an application connects to a database of its own (a TypeORM data source, a Sequelize instance); never where not given. */
  connects?: (application: string) => boolean;
  /** Whether one application's manifest depends on another's package (a plugin on its host); never where not given. */
  dependsOn?: (application: string, other: string) => boolean;
  /** The npm packages the workspace depends on; none where not given. */
  packages?: ReadonlySet<string>;
}

/**
 * The finding a report becomes at a severity. A reused report yields the same Finding object, so
 * that the editor layer can tell an unchanged finding by identity.
 */
function findingOf(ruleId: string, severity: Severity, report: FindingInput): Finding {
  const { severityAtMost, ...f } = report;
  const shown = severityAtMost && SEVERITY_RANK[severityAtMost] < SEVERITY_RANK[severity] ? severityAtMost : severity;
  const made = madeFindings.get(report);
  if (made && made.severity === shown) return made;
  const finding: Finding = { ruleId, severity: shown, related: [], fixes: [], ...f };
  madeFindings.set(report, finding);
  return finding;
}

const madeFindings = new WeakMap<FindingInput, Finding>();

/** A finding of a MySQL or SQLite project, its tables named without the default schema (messages and fix titles; never edits). */
function inWordsOfDatabaseWithoutSchemas(finding: Finding): Finding {
  const made = unqualifiedFindings.get(finding);
  if (made) return made;
  const unqualified: Finding = {
    ...finding,
    message: withoutDefaultSchema(finding.message),
    related: finding.related.map((r) => ({ ...r, message: withoutDefaultSchema(r.message) })),
    fixes: finding.fixes.map((f) => ({ ...f, title: withoutDefaultSchema(f.title) })),
  };
  unqualifiedFindings.set(finding, unqualified);
  return unqualified;
}

const unqualifiedFindings = new WeakMap<Finding, Finding>();

/** The index of a model's tables, kept while the model object is (it is, until a model file changes). */
const tableIndexes = new WeakMap<SchemaModel, TableIndex>();

/** Per rule: the inputs it read (by identity) and what it reported from them. */
export type RuleCache = Map<string, { inputs: unknown[]; reports: FindingInput[] }>;

export interface EngineOutput {
  findings: Finding[];
  /** Rules that threw: a bug in Schema Sense, reported instead of hiding the other findings. */
  ruleErrors: { ruleId: string; error: string }[];
}

const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** Schemas that exist on every PostgreSQL database. */
const BUILTIN_SCHEMAS = [DEFAULT_SCHEMA, 'information_schema', 'pg_catalog'];

export function knownSchemas(models: SchemaModel, config: SchemaSenseConfig, elsewhere: SchemaSource[] = []): Map<string, SchemaSource[]> {
  const known = new Map<string, SchemaSource[]>();
  const add = (s: SchemaSource) => {
    const list = known.get(s.name);
    if (list) list.push(s);
    else known.set(s.name, [s]);
  };
  for (const name of BUILTIN_SCHEMAS) add({ name, evidence: 'config' });
  for (const name of config.schemas) add({ name, evidence: 'config' });
  for (const s of models.schemasCreated) add(s);
  for (const s of elsewhere) add(s);
  return known;
}

export function runRules(input: EngineInput): EngineOutput {
  const findings: Finding[] = [];
  const ruleErrors: EngineOutput['ruleErrors'] = [];
  let modelTables = tableIndexes.get(input.models);
  if (!modelTables) tableIndexes.set(input.models, (modelTables = new TableIndex(input.models.tables)));
  const migrations = input.migrations ?? [];
  const migratedTables = input.migratedTables ?? new TableIndex(migrations.flatMap((m) => m.schema.tables));
  const schemas = knownSchemas(input.models, input.config, [
    ...migrations.flatMap((m) => m.schema.schemasCreated), ...(input.live?.schema.schemasCreated ?? []),
  ]);
  const liveTables = input.live ? new TableIndex(input.live.schema.tables) : undefined;
  const rules = input.rules ?? allRules;
  const whole: EvidenceGroup = { key: '', models: input.models, modelTables, migrations, migratedTables, schemas };
  const groups = input.live ? undefined : applicationGroups(input, modelTables, migrations);
  for (const [i, rule] of rules.entries()) {
    input.onRule?.(rule.id, i, rules.length);
    const setting = input.config.rules[rule.id] ?? rule.defaultSeverity;
    if (setting === 'off') continue;
    // A PostgreSQL rule says nothing about a SQLite or MySQL project.
    if (rule.dialects && !rule.dialects.includes(input.dialect ?? 'postgresql')) continue;
    const severity: Severity = setting;
    // A rule that reads the migrations runs once per application, with its models and its chains only.
    const runs = groups && rule.reads.includes('migrations') ? groups : [whole];
    const reports: FindingInput[] = [];
    for (const group of runs) {
      // (The project's packages too: a library's own tables are judged by them.)
      const inputs = [input.config, input.packages, ...rule.reads.map((r) => (r === 'models' ? group.models : r === 'live' ? input.live : group.migrations))];
      const cacheKey = group.key ? `${rule.id}\u0000${group.key}` : rule.id;
      const cached = input.cache?.get(cacheKey);
      if (cached && cached.inputs.length === inputs.length && cached.inputs.every((x, i) => x === inputs[i])) {
        reports.push(...cached.reports);
        continue;
      }
      let made: FindingInput[] = [];
      try {
        rule.check(contextFor(input, group, liveTables, made));
        if (cached) made = keepUnchanged(cached.reports, made);
        input.cache?.set(cacheKey, { inputs, reports: made });
        reports.push(...made);
      } catch (e) {
        ruleErrors.push({ ruleId: rule.id, error: (e as Error).stack ?? String(e) });
      }
    }
    // (What two applications' runs both say — of a file neither owns alone — is said once.)
    if (runs.length > 1) dropRepeated(reports);
    // Suppression comments change with any edit of their file: they are applied every time.
    for (const report of reports) {
      // A report with no place to show it is the rule's error, not the end of the analysis.
      if (!report.location?.range) {
        ruleErrors.push({ ruleId: rule.id, error: `a finding without a location range: ${report.message.slice(0, 200)}` });
        continue;
      }
      if (isSuppressed(input.suppressionsOf(report.location.file), report.location.range.start.line, rule.id)) continue;
      // A PostgreSQL rule says nothing of the file of a monorepo's app on another database either.
      if (rule.dialects && input.dialectOf && !rule.dialects.includes(input.dialectOf(report.location.file))) continue;
      const finding = findingOf(rule.id, severity, report);
      findings.push((input.dialectOf?.(report.location.file) ?? input.dialect ?? 'postgresql') === 'postgresql' ? finding : inWordsOfDatabaseWithoutSchemas(finding));
    }
  }
  findings.sort((a, b) => compareLocations(a.location, b.location) || a.ruleId.localeCompare(b.ruleId));
  return { findings, ruleErrors };
}

/** Removes the reports equal to an earlier one (same place, same words), in place. */
function dropRepeated(reports: FindingInput[]): void {
  const seen = new Set<string>();
  let kept = 0;
  for (const r of reports) {
    const { start, end } = r.location.range ?? { start: { line: -1, character: -1 }, end: { line: -1, character: -1 } };
    const key = `${r.location.file}\u0000${start.line}:${start.character}-${end.line}:${end.character}\u0000${r.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reports[kept++] = r;
  }
  reports.length = kept;
}

/**
 * What a rule reads in one run: the whole workspace, or one application's part of it (see
 * `applicationGroups`).
 */
interface EvidenceGroup {
  /** The application; '' for the whole workspace. */
  key: string;
  models: SchemaModel;
  modelTables: TableIndex;
  migrations: MigrationReplay[];
  migratedTables: TableIndex;
  schemas: Map<string, SchemaSource[]>;
}

/**
 * A workspace of several applications (folders of package manifests) of which two or more keep
 * their own migrations beside their models — services side by side, each with its database — is
 * judged one application at a time, as each would be opened alone: its models against its chains
 * only (a model of one service is not compared with the same-named table another service's chain
 * creates, nor does that second chain make the table "worked on by several chains"). Models of
 * applications without chains (a package of entities others load) are in every application's
 * lookups, as they may be any one's, and are judged by no chain. Undefined where the workspace is
 * one application, or its chains and models live in different packages (a monorepo's `db` package
 * of migrations beside its `api` of models): then everything is judged together.
 */
function applicationGroups(input: EngineInput, modelTables: TableIndex, migrations: MigrationReplay[]): EvidenceGroup[] | undefined {
  const applicationOf = input.applicationOf;
  if (!applicationOf || migrations.length < 2) return undefined;
  const chainApplication = (replay: MigrationReplay) => (replay.steps[0] ? applicationOf(replay.steps[0].migration.file) : undefined);
  const chainsOf = new Map<string, MigrationReplay[]>();
  const everywhere: MigrationReplay[] = [];
  for (const replay of migrations) {
    const app = chainApplication(replay);
    if (app === undefined) everywhere.push(replay);
    else push(chainsOf, app, replay);
  }
  // (Joining only makes fewer: one application's chains are judged together without asking.)
  if (chainsOf.size < 2) return undefined;
  // A chain that builds on another application's (a plugin's migrations on the core's tables: one
  // database) joins that application: the two are judged as one.
  const joined = new Map<string, string>();
  const rootOf = (app: string): string => {
    let at = app;
    while (joined.has(at)) at = joined.get(at)!;
    return at;
  };
  for (const replay of migrations) {
    const app = chainApplication(replay);
    if (app === undefined) continue;
    // (Several applications' chains make those tables: the one its manifest depends on, where one
    // is; else which one it builds on is Unknown, and all of them are judged as one — silence, not a guess.)
    const providers = [...new Set(chainsBuiltOn(replay, migrations).map((m) => chainApplication(m) ?? app))];
    const host = providers.length > 1 ? providers.filter((p) => input.dependsOn?.(app, p)) : providers;
    for (const provider of host.length === 1 ? host : providers) {
      const a = rootOf(app);
      const b = rootOf(provider);
      if (a !== b) joined.set(a < b ? b : a, a < b ? a : b);
    }
  }
  if (joined.size) {
    for (const app of [...chainsOf.keys()]) {
      const into = rootOf(app);
      if (into === app) continue;
      chainsOf.get(into)!.push(...chainsOf.get(app)!);
      chainsOf.delete(app);
    }
  }
  if (chainsOf.size < 2) return undefined;
  const tablesOf = new Map<string, Table[]>();
  for (const t of input.models.tables) push(tablesOf, t.location.file ? rootOf(applicationOf(t.location.file)) : '', t);
  const together = [...chainsOf.keys()].filter((app) => tablesOf.has(app));
  if (together.length < 2) return undefined;
  // (An application without chains that connects to a database of its own is another project, whose
  // models are its own: its group has no chain. One that connects to none is a package of models others load.)
  const apart = [...tablesOf.keys()].filter((app) => !chainsOf.has(app) && input.connects?.(app));
  const shared = [...tablesOf].filter(([app]) => !chainsOf.has(app) && !apart.includes(app)).flatMap(([, tables]) => tables);
  /** An application's group: its models (with the shared ones in its lookups) and its chains. */
  const groupOf = (app: string, chains: MigrationReplay[]): EvidenceGroup => {
    const own = tablesOf.get(app) ?? [];
    const models = partOfModel(input.models, app, own, (file) => rootOf(applicationOf(file)) === app);
    return {
      key: app,
      models,
      modelTables: shared.length ? indexOf(models, [...own, ...shared]) : indexOf(models, own),
      migrations: partOfChains(migrations, app, chains),
      migratedTables: new TableIndex(chains.flatMap((m) => m.schema.tables)),
      schemas: knownSchemas(input.models, input.config, chains.flatMap((m) => m.schema.schemasCreated)),
    };
  };
  const groups: EvidenceGroup[] = [
    ...[...chainsOf].map(([app, chains]) => groupOf(app, [...chains, ...everywhere])),
    ...apart.map((app) => groupOf(app, everywhere)),
  ];
  // The models no application's chain judges: with the whole workspace's lookups, no chain.
  if (shared.length) {
    const models = partOfModel(input.models, '\u0001shared', shared, (file) => !chainsOf.has(rootOf(applicationOf(file))) && !apart.includes(rootOf(applicationOf(file))));
    groups.push({ key: '\u0001shared', models, modelTables, migrations: [], migratedTables: new TableIndex([]), schemas: knownSchemas(input.models, input.config) });
  }
  return groups;
}

/**
 * An application's part of the models: its tables, and its enums and views. Kept while the whole
 * model object is (and the application's tables are the same), so that a rule's cached reports
 * for the application are reused while nothing of it changed.
 */
function partOfModel(models: SchemaModel, app: string, tables: Table[], belongs: (file: string) => boolean): SchemaModel {
  let parts = modelParts.get(models);
  if (!parts) modelParts.set(models, (parts = new Map()));
  const kept = parts.get(app);
  if (kept && sameItems(kept.tables, tables)) return kept;
  const mine = (l: { location?: { file?: string } }) => !l.location?.file || belongs(l.location.file);
  const part: SchemaModel = {
    ...models,
    tables,
    // (Where the reader knows which files have tables it cannot name: only this application's.)
    hasUnknownTables: models.unknownTablesIn ? models.unknownTablesIn.some((file) => mine({ location: { file } })) : models.hasUnknownTables,
    enums: models.enums.filter((e) => mine(e)),
    ...(models.views ? { views: models.views.filter((v) => mine(v)) } : {}),
  };
  parts.set(app, part);
  return part;
}

const modelParts = new WeakMap<SchemaModel, Map<string, SchemaModel>>();

/** The index of an application's lookups, kept with its part of the models. */
function indexOf(part: SchemaModel, tables: Table[]): TableIndex {
  const kept = partIndexes.get(part);
  if (kept && sameItems(kept.tables, tables)) return kept;
  const index = new TableIndex(tables);
  partIndexes.set(part, index);
  return index;
}

const partIndexes = new WeakMap<SchemaModel, TableIndex>();

/** An application's chains, the same array while the replays are. */
function partOfChains(all: MigrationReplay[], app: string, chains: MigrationReplay[]): MigrationReplay[] {
  let parts = chainParts.get(all);
  if (!parts) chainParts.set(all, (parts = new Map()));
  const kept = parts.get(app);
  if (kept && sameItems(kept, chains)) return kept;
  parts.set(app, chains);
  return chains;
}

const chainParts = new WeakMap<MigrationReplay[], Map<string, MigrationReplay[]>>();

/**
 * A rule that re-runs reports mostly what it reported before. Where a report equals an earlier
 * one, the earlier object is kept: its finding keeps its identity, and everything keyed by it
 * (the LSP's fingerprints of what it published) is not computed again.
 */
function keepUnchanged(previous: FindingInput[], next: FindingInput[]): FindingInput[] {
  if (!previous.length) return next;
  const byLine = new Map<string, Map<number, FindingInput[]>>();
  for (const r of previous) {
    let inFile = byLine.get(r.location.file);
    if (!inFile) byLine.set(r.location.file, (inFile = new Map()));
    const line = r.location.range.start.line;
    const list = inFile.get(line);
    if (list) list.push(r);
    else inFile.set(line, [r]);
  }
  return next.map((r) => byLine.get(r.location.file)?.get(r.location.range.start.line)?.find((p) => p === r || sameReport(p, r)) ?? r);
}

function sameRange(a: Location, b: Location): boolean {
  if (a === b) return true;
  const x = a.range;
  const y = b.range;
  return a.file === b.file && x.start.line === y.start.line && x.start.character === y.start.character &&
    x.end.line === y.end.line && x.end.character === y.end.character;
}

function sameReport(a: FindingInput, b: FindingInput): boolean {
  if (a.message !== b.message || a.severityAtMost !== b.severityAtMost || !sameRange(a.location, b.location)) return false;
  if ((a.tags ?? []).join() !== (b.tags ?? []).join() || a.evidence.join() !== b.evidence.join()) return false;
  const ra = a.related ?? [];
  const rb = b.related ?? [];
  if (ra.length !== rb.length || ra.some((r, i) => r.message !== rb[i].message || !sameRange(r.location, rb[i].location))) return false;
  const fa = a.fixes ?? [];
  const fb = b.fixes ?? [];
  return fa.length === fb.length && fa.every((f, i) => f.title === fb[i].title && f.safety === fb[i].safety &&
    f.edits.length === fb[i].edits.length && f.edits.every((e, j) => {
      const o = fb[i].edits[j];
      return e.newText === o.newText && !!e.create === !!o.create && sameRange({ file: e.file, range: e.range }, { file: o.file, range: o.range });
    }));
}

function contextFor(input: EngineInput, group: EvidenceGroup, liveTables: TableIndex | undefined, reports: FindingInput[]): RuleContext {
  return {
    models: group.models,
    modelTables: group.modelTables,
    knownSchemas: group.schemas,
    revisionGraphs: input.revisionGraphs ?? [],
    migrations: group.migrations,
    migratedTables: group.migratedTables,
    live: input.live,
    liveTables,
    dialect: input.dialect ?? 'postgresql',
    dialectAssumed: input.dialect === undefined || !!input.dialectAssumed,
    dialectOf: input.dialectOf ?? (() => input.dialect ?? 'postgresql'),
    applicationOf: input.applicationOf ?? (() => ''),
    packages: input.packages ?? new Set(),
    config: input.config,
    report(f) {
      reports.push(f);
    },
  };
}
