/**
 * A workspace folder under analysis. Each file is parsed once into facts and kept as facts only
 * (no syntax trees); an edit re-parses that one file, and the cheap model build and rules run
 * again over the cached facts of every file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IncrementalSqlAlchemyModel } from '../model/fromSqlAlchemy';
import { buildRevisionGraphs, RevisionGraph } from '../model/revisionGraph';
import { MigrationReplay, replayMigrations } from '../model/replay';
import { SchemaModel, TableIndex } from '../model/schema';
import { readAlembicMigration } from '../parsers/python/alembic';
import type { AlembicMigrationFacts } from '../parsers/python/alembicFacts';
import { ParsePool, ReadOutcome, readManySourceFiles, WORKER_THRESHOLD } from '../parsers/python/parsePool';
import type { ParseItem } from '../parsers/python/parseWorker';
import { readSqlAlchemyModels } from '../parsers/python/sqlalchemy';
import type { PyModuleFacts } from '../parsers/python/sqlalchemyFacts';
import { allRules } from '../rules/registry';
import type { Finding } from '../rules/types';
import { classifyFile, FileKind } from '../workspace/classify';
import { emptyConfig, loadConfigFile, mergeConfig, SchemaSenseConfig } from '../workspace/config';
import { discoverFiles, isIncluded, isSourceCandidate, readSourceFile, SkippedFile } from '../workspace/discover';
import { RuleCache, runRules } from './engine';
import { parseSuppressions, Suppressions } from './suppression';

export interface SourceFileState {
  path: string;
  kind: FileKind;
  /** Kept for the editor features that need the text (ignore comments, hover). */
  text: string;
  models?: PyModuleFacts;
  migration?: AlembicMigrationFacts;
  suppressions: Suppressions;
  /** Why the reader failed on this file, if it did. */
  error?: string;
}

export interface Analysis {
  findings: Finding[];
  byFile: Map<string, Finding[]>;
  models: SchemaModel;
  /** The schema after migrations, one replay per migration environment. */
  migrations: MigrationReplay[];
  skipped: SkippedFile[];
  configProblems: string[];
  ruleErrors: { ruleId: string; error: string }[];
}

export interface ProjectOptions {
  /** Editor settings; they override schemasense.json. */
  settings?: Partial<SchemaSenseConfig>;
}

const KNOWN_RULES: ReadonlySet<string> = new Set(allRules.map((r) => r.id));

export class Project {
  files = new Map<string, SourceFileState>();
  private skipped = new Map<string, string>();
  config: SchemaSenseConfig = emptyConfig();
  configProblems: string[] = [];
  private cached: Analysis | undefined;
  /** The replayed migrations, kept while no migration, environment or configuration changes. */
  private replayed: { graphs: RevisionGraph[]; migrations: MigrationReplay[]; tables: TableIndex } | undefined;
  private lastReplays: MigrationReplay[] | undefined;
  /** What each rule reported, reused while the inputs it reads are unchanged. */
  private readonly ruleCache: RuleCache = new Map();
  /** The schema as modelled, rebuilt incrementally as files change. */
  modelBuilder = new IncrementalSqlAlchemyModel();

  constructor(readonly root: string, private options: ProjectOptions = {}) {
    this.loadConfig();
  }

  loadConfig(settings: Partial<SchemaSenseConfig> | undefined = this.options.settings): void {
    this.options = { ...this.options, settings };
    const loaded = loadConfigFile(this.root, KNOWN_RULES);
    this.config = settings ? mergeConfig(loaded.config, settings) : loaded.config;
    this.configProblems = loaded.problems;
    this.cached = undefined;
    this.replayed = undefined;
  }

  /**
   * Discovers and reads every file from disk (a cold start). The new state replaces the old one
   * at the end, at once: requests answered meanwhile (a hover) see the last complete state.
   * `started`: parse workers the caller started early; the scan closes them.
   */
  async scan(started?: ParsePool): Promise<void> {
    const next = new Project(this.root, this.options);
    next.config = this.config;
    next.configProblems = this.configProblems;
    let discovered: Awaited<ReturnType<typeof discoverFiles>>;
    try {
      discovered = await discoverFiles(this.root, this.config);
    } catch (e) {
      await started?.close();
      throw e;
    }
    const { files, skipped } = discovered;
    for (const s of skipped) next.skipped.set(s.file, s.reason);
    // Workers start now (or were started by the caller), so that they compile the grammars while
    // the files are being read. A pool given for a small workspace is not needed: it is closed.
    const pool = started && files.length >= WORKER_THRESHOLD ? started : ParsePool.forFiles(files.length);
    if (started && started !== pool) await started.close();
    try {
      await next.readAll(files, pool);
    } finally {
      await pool?.close();
    }
    this.files = next.files;
    this.skipped = next.skipped;
    this.modelBuilder = next.modelBuilder;
    this.environments.clear();
    this.cached = undefined;
    this.replayed = undefined;
  }

  /**
   * Reads every file. For a large workspace, worker threads read, classify and parse the files
   * (reading blocking there is cheaper, and this thread stays free to answer the editor); results
   * are stored in file order, so that the analysis does not depend on timing.
   */
  private async readAll(files: string[], pool: ParsePool | undefined): Promise<void> {
    if (pool) {
      const outcomes = await pool.readPaths(files);
      outcomes.forEach((o, i) => {
        if ('skipped' in o) this.skipped.set(files[i], o.skipped);
        else if ('kind' in o) this.store(files[i], o.kind, o.text, o.outcome);
      });
      return;
    }
    const items: ParseItem[] = [];
    const batch = 64;
    for (let i = 0; i < files.length; i += batch) {
      const slice = files.slice(i, i + batch);
      const reads = await Promise.all(slice.map((f) => readSourceFile(f)));
      for (let j = 0; j < slice.length; j++) {
        const r = reads[j];
        if ('skipped' in r) {
          this.skipped.set(slice[j], r.skipped);
          continue;
        }
        const kind = classifyFile(slice[j], r.text);
        if (kind) items.push({ file: slice[j], text: r.text, kind });
      }
    }
    this.storeAll(items, await readManySourceFiles(items));
  }

  private storeAll(items: ParseItem[], outcomes: ReadOutcome[]): void {
    items.forEach(({ file, text, kind }, i) => this.store(file, kind, text, outcomes[i]));
  }

  /** Records a file's facts (or why they could not be read): the one place file state is made. */
  private store(file: string, kind: FileKind, text: string, outcome: { facts: PyModuleFacts | AlembicMigrationFacts } | { error: string }): void {
    const state: SourceFileState = { path: file, kind, text, suppressions: parseSuppressions(text) };
    if ('error' in outcome) state.error = `could not be read as ${kind}: ${outcome.error}`;
    else if (kind === 'sqlalchemy-models') state.models = outcome.facts as PyModuleFacts;
    else state.migration = outcome.facts as AlembicMigrationFacts;
    const previous = this.files.get(file);
    if (kind === 'alembic-migration' || previous?.kind === 'alembic-migration') this.replayed = undefined;
    this.files.set(file, state);
    this.modelBuilder.set(file, state.models);
    this.skipped.delete(file);
    this.cached = undefined;
  }

  private readonly environments = new Map<string, string>();

  /** A migration's Alembic environment: the nearest folder up to the root that holds env.py. */
  environmentOf(file: string): string {
    const dir = path.dirname(file);
    const cached = this.environments.get(dir);
    if (cached) return cached;
    let found = dir;
    for (let d = dir; d.startsWith(this.root); d = path.dirname(d)) {
      if (fs.existsSync(path.join(d, 'env.py'))) {
        found = d;
        break;
      }
      if (d === this.root || path.dirname(d) === d) break;
    }
    this.environments.set(dir, found);
    return found;
  }

  /** An env.py appearing or going away changes which migrations belong together. */
  private noticeEnvironmentChange(file: string): boolean {
    if (path.basename(file) !== 'env.py' || !this.environments.size) return false;
    this.environments.clear();
    this.cached = undefined;
    this.replayed = undefined;
    return true;
  }

  isRelevantPath(file: string): boolean {
    return isSourceCandidate(file) && isIncluded(this.root, file, this.config);
  }

  /** Sets a file's current text (an editor buffer, or disk); returns whether analysis may change. */
  async update(file: string, text: string): Promise<boolean> {
    const regrouped = this.noticeEnvironmentChange(file);
    const kind = classifyFile(file, text);
    if (!kind) {
      const had = this.forget(file);
      this.skipped.delete(file);
      return had || regrouped;
    }
    try {
      const facts = kind === 'sqlalchemy-models' ? await readSqlAlchemyModels(file, text) : await readAlembicMigration(file, text);
      this.store(file, kind, text, { facts });
    } catch (e) {
      this.store(file, kind, text, { error: (e as Error).message });
    }
    return true;
  }

  /** Re-reads a file from disk (after it changed there, or its editor closed). */
  async reload(file: string): Promise<boolean> {
    if (!this.isRelevantPath(file)) return this.remove(file);
    const r = await readSourceFile(file);
    if ('skipped' in r) {
      this.forget(file);
      this.skipped.set(file, r.skipped);
      this.cached = undefined;
      return true;
    }
    return this.update(file, r.text);
  }

  remove(file: string): boolean {
    const regrouped = this.noticeEnvironmentChange(file);
    const had = this.forget(file) || this.skipped.delete(file);
    if (had) this.cached = undefined;
    return had || regrouped;
  }

  private forget(file: string): boolean {
    if (this.files.get(file)?.kind === 'alembic-migration') this.replayed = undefined;
    if (!this.files.delete(file)) return false;
    this.modelBuilder.set(file, undefined);
    this.cached = undefined;
    return true;
  }

  /** The revision graphs and the replay of each chain (a model edit reuses them). */
  private replay(): { graphs: RevisionGraph[]; migrations: MigrationReplay[]; tables: TableIndex } {
    if (this.replayed) return this.replayed;
    const facts: AlembicMigrationFacts[] = [];
    for (const f of this.files.values()) if (f.migration) facts.push(f.migration);
    const graphs = buildRevisionGraphs(facts, (file) => this.environmentOf(file));
    // The last replays let a replay resume after an edit of one migration, instead of starting over.
    const previous = new Map((this.lastReplays ?? []).map((r) => [r.root, r]));
    const migrations = graphs.map((g) => replayMigrations(g, this.config.schemas, previous.get(g.root)));
    this.lastReplays = migrations;
    this.replayed = { graphs, migrations, tables: new TableIndex(migrations.flatMap((m) => m.schema.tables)) };
    return this.replayed;
  }

  analyse(): Analysis {
    if (this.cached) return this.cached;
    const models = this.modelBuilder.model();
    const { graphs: revisionGraphs, migrations, tables: migratedTables } = this.replay();
    const { findings, ruleErrors } = runRules({
      models,
      revisionGraphs,
      migrations,
      migratedTables,
      config: this.config,
      suppressionsOf: (file) => this.files.get(file)?.suppressions,
      cache: this.ruleCache,
    });
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = byFile.get(f.location.file);
      if (list) list.push(f);
      else byFile.set(f.location.file, [f]);
    }
    const skipped: SkippedFile[] = [...this.skipped].map(([file, reason]) => ({ file, reason }));
    for (const f of this.files.values()) if (f.error) skipped.push({ file: f.path, reason: f.error });
    this.cached = { findings, byFile, models, migrations, skipped, configProblems: this.configProblems, ruleErrors };
    return this.cached;
  }
}

/** One-shot analysis of a folder, as the CLI and the tests use it. */
export async function analyseDirectory(root: string, options: ProjectOptions = {}): Promise<Analysis> {
  const project = new Project(root, options);
  await project.scan();
  return project.analyse();
}
