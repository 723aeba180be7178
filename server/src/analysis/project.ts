/**
 * A workspace folder under analysis. Each file is parsed once into facts and kept as facts only
 * (no syntax trees); an edit re-parses that one file, and the cheap model build and rules run
 * again over the cached facts of every file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IncrementalSqlAlchemyModel } from '../model/fromSqlAlchemy';
import type { NamingConvention } from '../model/namingConvention';
import { pydanticMajor } from '../workspace/pythonDependencies';
import { isLibraryStub, libraryStubFor } from '../resolve/python/libraryStubs';
import { buildRevisionGraphs, RevisionGraph } from '../model/revisionGraph';
import { ANY_SCHEMA, MigrationReplay, replayMigrations, type ProjectTypes } from '../model/replay';
import type { ColumnType } from '../model/schema';
import { SchemaModel, sharedFolderDepth, TableIndex } from '../model/schema';
import type { AlembicMigrationFacts } from '../facts/alembic';
import { hasMigrationTimestamp, migrationSequence } from '../model/migrationOrder';
import { ANY_SCHEMA_ON_PATH, ANY_TABLE, DEFAULT_SEARCH_PATH } from '../model/operations';
import { ParsePool, ReadOutcome, readerVersion, WORKER_THRESHOLD } from '../parsers/python/parsePool';
import { anyFactsFromJson, anyFactsToJson, type Facts, PathItem, PathResult, readFacts, readPath, typescriptCompiler } from '../parsers/python/parseWorker';
import { contentHash, FactsCache, importedModuleKey } from '../workspace/factsCache';
import { importCandidates, namesWanted, PythonFileIndex } from '../resolve/python/modules';
import type { PyModuleFacts } from '../facts/sqlalchemy';
import { importedModule } from '../resolve/python/modules';
import { projectTypeImpls } from '../resolve/python/projectTypes';
import { withModuleCalls } from '../resolve/python/migrationCalls';
import { allRules } from '../rules/registry';
import type { Finding } from '../rules/types';
import { classifyFile, FileKind } from '../workspace/classify';
import { emptyConfig, loadConfigFile, mergeConfig, SchemaSenseConfig } from '../workspace/config';
import { SqlMigrationReader } from './sqlMigrations';
import { applicationDriverDialects, detectDialect, detectDriverDialect, detectPrismaDialect, dialectFolderOf, dialectOfFolderName, dialectOfName, namesIgnoreCase, type Dialect, type ProjectDialect } from '../workspace/dialect';
import { projectPackages } from '../workspace/packages';
import { discoverFiles, isSqlMigrationName, isIncluded, isLinkOutside, isSourceCandidate, readSourceFile, SkippedFile } from '../workspace/discover';
import { RuleCache, runRules } from './engine';
import type { LiveDatabase } from '../live/introspect';
import { dataSourceSchema } from '../resolve/typescript/namingStrategy';
import { buildOrmModel, newOrmBuildMemo, ormSkeleton, ormTableInterface, rememberOrmModel, type OrmBuildMemo } from '../model/fromOrm';
import { keepEqualTables } from '../model/keepEqualTables';
import { TsModuleResolver } from '../resolve/typescript/moduleResolution';
import { TsProjectSymbols } from '../resolve/typescript/symbols';
import { scriptImportsWanted } from '../resolve/typescript/importsWanted';
import { withImportedNames } from '../resolve/typescript/migrationNames';
import { type DecoratorWrapper, lentKey, type OrmModelFacts, type ProvidedLiteral } from '../facts/orm';
import { parseSuppressions, Suppressions } from './suppression';
import { globToRegExp } from '../workspace/glob';

export interface SourceFileState {
  path: string;
  kind: FileKind;
  models?: PyModuleFacts;
  /** TypeORM entities or Sequelize models. */
  ormModels?: OrmModelFacts;
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
  /** The database the rules ran for, and where that was read (see Project.dialect). */
  dialect: ProjectDialect;
}

export interface ProjectOptions {
  /** Editor settings; they override schemasense.json. */
  settings?: Partial<SchemaSenseConfig>;
  /** Where to keep parsed facts between sessions (see factsCache.ts); none: parse every time. */
  cacheDirectory?: string;
  /** Told how far a long run is (the CLI's progress line on a terminal). */
  onProgress?: (progress: Progress) => void;
}

/** How far a scan or an analysis is. */
export type Progress =
  | { phase: 'reading'; done: number; total: number }
  | { phase: 'building'; what: 'models' | 'migrations' }
  | { phase: 'checking'; rule: string; done: number; total: number };

const KNOWN_RULES: ReadonlySet<string> = new Set(allRules.map((r) => r.id));

/** Test code (`test/`, `__tests__/`, `*.spec.ts`): its database settings are the tests' (an in-memory SQLite), not the project's. */
const TEST_PATH = /(^|[\\/])(tests?|__tests__|spec|e2e|fixtures?)[\\/]|\.(spec|test|e2e-spec)\.[cm]?[jt]s$/;
/**
 * Code that is not the application's: tests, documentation and example projects. Their models and
 * migrations (a test's throwaway `User`, a vignette's copy of a model) are not the schema the
 * application builds, and would stand beside the real ones under the same table names.
 */
const NOT_APPLICATION_FOLDER = /(^|[\\/])(tests?|__tests__|spec|e2e|fixtures?|docs?|internal_docs|examples?|samples?)[\\/]/;
const NOT_APPLICATION = new RegExp(`${NOT_APPLICATION_FOLDER.source}|(^|[\\\\/])(test_[^\\\\/]*|[^\\\\/]*_test|conftest)\\.py$|\\.(spec|test|e2e-spec)\\.[cm]?[jt]s$`);

/** How many times a file is read again for literals its lent literals take in turn. */
const MAX_LENDING_ROUNDS = 4;

/** A TypeScript migration as a module of the project (its imports and constants), for the symbol table. */
/** Whether a TypeORM/Sequelize migration takes names or columns from other modules of the project. */
function takesFromModules(m: AlembicMigrationFacts | undefined): boolean {
  return !!(m?.importedNames?.length || m?.importedLiterals?.length);
}

/** An Alembic migration that hands a function of another module its connection (see MigrationModuleCall.handsConnection). */
function handsConnectionToModules(m: AlembicMigrationFacts | undefined): boolean {
  return !!m?.moduleCalls?.some((c) => c.handsConnection);
}

function moduleOfMigration(m: AlembicMigrationFacts): OrmModelFacts | undefined {
  return m.symbols ? { file: m.file, orm: m.tool === 'sequelize' ? 'sequelize' : 'typeorm', entities: [], associations: [], schemasCreated: [], symbols: m.symbols } : undefined;
}

export class Project {
  files = new Map<string, SourceFileState>();
  private skipped = new Map<string, string>();
  config: SchemaSenseConfig = emptyConfig();
  configProblems: string[] = [];
  private cached: Analysis | undefined;
  /** The replayed migrations, kept while no migration, environment or configuration changes. */
  private replayed: { graphs: RevisionGraph[]; migrations: MigrationReplay[]; tables: TableIndex } | undefined;
  private lastReplays: MigrationReplay[] | undefined;
  private factsCache: FactsCache | undefined;
  /** What each rule reported, reused while the inputs it reads are unchanged. */
  private readonly ruleCache: RuleCache = new Map();
  private readonly liveRuleCache: RuleCache = new Map();
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
    this.configuredDialect = detectDialect(this.root, this.config.dialect);
    this.driverDialect = detectDriverDialect(this.root);
    this.applicationDrivers.clear();
    this.packages = projectPackages(this.root);
    this.prismaDialect = detectPrismaDialect(this.root);
    this.modelBuilder.setOptions({ pydanticMajor: pydanticMajor(this.root) });
    this.cached = undefined;
    this.replayed = undefined;
  }

  /** The dialect the configuration names (or the default); see `dialect` for the one in force. */
  private configuredDialect: ProjectDialect = { dialect: 'postgresql' };
  /** What the installed database drivers say (package.json): the last evidence asked. */
  private driverDialect: ProjectDialect | undefined;
  /** The drivers each application's own manifest installs (read once, as the workspace's are). */
  private readonly applicationDrivers = new Map<string, ReadonlySet<Dialect>>();
  /** The npm packages the workspace depends on (its package.json files). */
  private packages: ReadonlySet<string> = new Set();
  /** What a Prisma schema's datasource names: an ORM's own setting, weighed with those in code. */
  private prismaDialect: ProjectDialect | undefined;

  /**
   * The project's dialect: the configuration's; with none, the dialect of the migration folders
   * named after one when none of them is PostgreSQL's (a SQLite-only project).
   */
  get dialect(): ProjectDialect {
    return this.dialectWith(this.replay().graphs);
  }

  private dialectWith(graphs: RevisionGraph[]): ProjectDialect {
    if (this.configuredDialect.source) return this.configuredDialect;
    // The ORMs' own settings: a data source or Sequelize's dialect in code, a Prisma datasource
    // (PostgreSQL's when they differ: the database the product audits is among them).
    const code = this.dialectInCode();
    const prisma = this.prismaDialect;
    if (code && prisma && code.dialect !== prisma.dialect) return [code, prisma].find((d) => d.dialect === 'postgresql') ?? code;
    if (code ?? prisma) return (code ?? prisma)!;
    // Every chain in a folder named after another dialect: that one. A chain in a folder that names
    // none beside them (`migrations/` and `migrations-v2-mariadb/`) is the project's own.
    const folders = graphs.map((g) => g.dialect).filter((d): d is Dialect => !!d);
    if (folders.length && folders.length === graphs.length && !folders.includes('postgresql')) {
      // (Chains for several databases, none PostgreSQL: the first, the others said to be possible.)
      const others = [...new Set(folders)].filter((f) => f !== folders[0]);
      return { dialect: folders[0], source: 'the migrations: their folders, or the SQL they are written in', ...(others.length ? { others } : {}) };
    }
    return this.driverDialect ?? this.configuredDialect;
  }

  /**
   * The dialect of the data source nearest a file (see RuleContext.dialectOf): the project's where
   * the settings in code name one dialect, or the nearest ones disagree — unless the file's
   * application (a folder with its own manifest) names no dialect in code and its manifest installs
   * the drivers of one other database only (`mysql2` beside the workspace's `pg`): that one. A dialect
   * schemasense.json names is every file's. Settings are gathered once per analysis, answers kept per folder.
   */
  private dialectsNear(own: Dialect): (file: string) => Dialect {
    if (this.configuredDialect.source === 'schemasense.json') return () => own;
    const named: { dialect: Dialect; file: string }[] = [];
    for (const f of this.files.values()) {
      if (!f.ormModels?.databases?.length || TEST_PATH.test(path.relative(this.root, f.path))) continue;
      for (const s of f.ormModels.databases) {
        const dialect = s.name !== undefined ? dialectOfName(s.name) : undefined;
        if (dialect) named.push({ dialect, file: f.path });
      }
    }
    const disagree = new Set(named.map((n) => n.dialect)).size >= 2;
    const byFolder = new Map<string, Dialect>();
    /** An application's own drivers, where they are of one database other than the workspace's. */
    const driversOf = (app: string): Dialect | undefined => {
      if (app === this.root) return undefined;
      let drivers = this.applicationDrivers.get(app);
      if (!drivers) this.applicationDrivers.set(app, (drivers = applicationDriverDialects(app)));
      return drivers.size === 1 && !drivers.has(own) ? [...drivers][0] : undefined;
    };
    return (file) => {
      const folder = path.dirname(file);
      let found = byFolder.get(folder);
      if (found === undefined) {
        const app = this.applicationOf(file);
        const inApplication = named.some((n) => this.applicationOf(n.file) === app);
        const drivers = inApplication ? undefined : driversOf(app);
        if (drivers) found = drivers;
        else if (!disagree) found = own;
        else {
          const depth = Math.max(...named.map((n) => sharedFolderDepth(n.file, file)));
          const nearest = new Set(named.filter((n) => sharedFolderDepth(n.file, file) === depth).map((n) => n.dialect));
          found = nearest.size === 1 ? [...nearest][0] : own;
        }
        byFolder.set(folder, found);
      }
      return found;
    };
  }

  /**
   * The dialect the ORM's connection settings in code name (a TypeORM data source's `type`,
   * Sequelize's `dialect`), outside tests: PostgreSQL when any names it, else the one they name.
   * Undefined when none does, or when one is computed by code (then it may be any: Unknown, and
   * the default stands).
   */
  private dialectInCode(): ProjectDialect | undefined {
    const named: { dialect: Dialect; source: string }[] = [];
    for (const f of this.files.values()) {
      const settings = f.ormModels?.databases;
      if (!settings || TEST_PATH.test(path.relative(this.root, f.path))) continue;
      for (const s of settings) {
        if (s.name === undefined) return undefined;
        const dialect = dialectOfName(s.name);
        // A SQLite file as the environment's default is a development default as often as not (as
        // in Python's configuration): the server the deployment names may be any.
        if (s.environmentDefault && dialect === 'sqlite') return undefined;
        // A MongoDB data source beside the relational one says nothing about the latter.
        if (dialect) named.push({ dialect, source: `${f.ormModels!.orm === 'typeorm' ? 'the TypeORM data source' : "Sequelize's dialect"} in ${path.relative(this.root, f.path)}` });
      }
    }
    return named.find((n) => n.dialect === 'postgresql') ?? named[0];
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
    const cache = this.options.cacheDirectory ? await FactsCache.open(this.options.cacheDirectory, this.root, readerVersion()) : undefined;
    next.sqlFiles = discovered.sqlMigrations;
    next.sqlChains = await this.sqlReader.chains(next.sqlFiles, cache);
    next.factsCache = cache;
    // Workers start now (or were started by the caller), so that they compile the grammars while
    // the files are being read. A pool given for a small workspace is not needed: it is closed.
    const pool = started && files.length >= WORKER_THRESHOLD ? started : ParsePool.forFiles(files.length);
    if (started && started !== pool) await started.close();
    try {
      await next.readAll(files, pool);
    } finally {
      await pool?.close();
    }
    next.pythonFiles = new PythonFileIndex(files.filter((f) => f.endsWith('.py')));
    await next.readImportedModules([...next.files.values()].filter((s) => s.models || s.ormModels || takesFromModules(s.migration) || handsConnectionToModules(s.migration)).map((s) => s.path));
    next.scripts = files.filter((f) => /\.[cm]?[jt]sx?$/.test(f) && !/\.d\.[cm]?ts$/.test(f));
    await next.readThroughWrappers();
    await next.readImportedLiterals([...next.files.keys()]);
    cache?.retain(new Set([...next.files.keys(), ...next.sqlFiles]));
    this.factsCache = cache;
    this.files = next.files;
    this.skipped = next.skipped;
    this.sqlFiles = next.sqlFiles;
    this.sqlChains = next.sqlChains;
    this.modelBuilder = next.modelBuilder;
    this.importTargets.clear();
    for (const [file, kind] of next.importTargets) this.importTargets.set(file, kind);
    this.importsFollowed = next.importsFollowed;
    this.scripts = next.scripts;
    this.wrappersRead = next.wrappersRead;
    this.literalUsers = next.literalUsers;
    this.tsResolverState = undefined;
    this.ormModel = undefined;
    this.ormMemo = undefined;
    this.environments.clear();
    this.cached = undefined;
    this.replayed = undefined;
  }

  /**
   * Reads every file. For a large workspace, worker threads and this thread read, classify and
   * parse the files (reading blocking on a worker is cheaper, and this thread yields to the editor
   * between files); a file whose content has facts in the cache is not parsed. Results are stored
   * in file order, so that the analysis does not depend on timing.
   */
  private async readAll(files: string[], pool: ParsePool | undefined): Promise<void> {
    const cache = this.factsCache;
    const items: PathItem[] = files.map((file) => ({ file, hash: !!cache, cachedHash: cache?.hashOf(file) }));
    type Received = { kind: FileKind; suppressions: Suppressions; text?: string; outcome: ReadOutcome | undefined };
    const receive = (item: PathItem, r: PathResult): Received | { skipped: string } | undefined => {
      if ('skipped' in r) return r;
      if ('ignored' in r) return undefined;
      const { suppressions } = r;
      if ('cached' in r) {
        const hit = cache!.get(item.file, r.hash)!;
        try {
          return { kind: hit.kind, suppressions, outcome: { facts: anyFactsFromJson(hit.kind, hit.json) } };
        } catch {
          // Damaged cached facts: the file is read and parsed again below.
          return { kind: hit.kind, suppressions, outcome: undefined };
        }
      }
      const { kind, text, hash, result } = r;
      if ('json' in result) {
        cache?.set(item.file, hash, { kind, json: result.json });
        return { kind, suppressions, outcome: { facts: anyFactsFromJson(kind, result.json) } };
      }
      if ('deferred' in result) return { kind, suppressions, text, outcome: undefined }; // parsed below, on this thread
      if ('facts' in result) {
        const facts = result.facts;
        cache?.setLazy(item.file, hash, kind, () => anyFactsToJson(kind, facts));
        return { kind, suppressions, outcome: { facts } };
      }
      return { kind, suppressions, outcome: result };
    };
    let read = 0;
    const progress = this.options.onProgress;
    const counted = progress
      ? (item: PathItem, r: PathResult) => {
        progress({ phase: 'reading', done: ++read, total: items.length });
        return receive(item, r);
      }
      : receive;
    const outcomes = pool ? await pool.readPaths(items, counted) : await this.readHere(items, counted);
    for (let i = 0; i < files.length; i++) {
      const o = outcomes[i];
      if (!o) continue;
      if ('skipped' in o) {
        this.skipped.set(files[i], o.skipped);
        continue;
      }
      let outcome = o.outcome;
      if (!outcome) {
        const { kind } = o;
        try {
          let text = o.text;
          if (text === undefined) {
            const r = await readSourceFile(files[i]);
            if ('skipped' in r) throw new Error(r.skipped);
            text = r.text;
          }
          const facts = await readFacts({ file: files[i], text, kind });
          outcome = { facts };
          cache?.setLazy(files[i], contentHash(text), kind, () => anyFactsToJson(kind, facts));
        } catch (e) {
          outcome = { error: (e as Error).message };
        }
      }
      this.store(files[i], o.kind, o.suppressions, outcome);
    }
  }

  /**
   * Reads files on this thread: every read starts at once (they wait on the disk together), and the
   * files are parsed one after the other, so that one syntax tree at a time lives in the parser's
   * heap (interleaved parses kept hundreds alive and made its allocator a quarter of the time).
   */
  private async readHere<T>(items: PathItem[], receive: (item: PathItem, r: PathResult) => T): Promise<T[]> {
    const reads = new Map(items.map((item) => [item.file, readSourceFile(item.file)]));
    const results: T[] = [];
    for (const item of items) results.push(receive(item, await readPath(item, (file) => reads.get(file)!, false)));
    return results;
  }

  /** Every Python file of the workspace, to resolve absolute imports against. */
  private pythonFiles = new PythonFileIndex([]);
  /** Files read only because model code imports names from them (constants, aliases, helpers, barrels), and as what. */
  private readonly importTargets = new Map<string, FileKind>();
  /** How the project's TypeScript imports resolve (its tsconfig.json paths); made again when files come or go. */
  private tsResolverState: TsModuleResolver | undefined;

  private tsResolver(): TsModuleResolver {
    return (this.tsResolverState ??= new TsModuleResolver(this.root, typescriptCompiler));
  }

  /** The files that model files' imports name, which the model needs read: Python modules, TypeScript modules. */
  private importedFiles(file: string): { target: string; kind: FileKind }[] {
    const state = this.files.get(file);
    if (state?.models?.imports?.length) {
      const wanted = namesWanted(state.models);
      return state.models.imports.filter((imp) => wanted.has(imp.local)).flatMap((imp) => {
        // A stub's imports are other stubs; a project's, its modules — or, for a library module the
        // project does not hold, the stub Schema Sense ships for it.
        // `from pkg import utils` may name a module (`utils.SECRET_TYPE`): pkg.utils as well as pkg.
        const found = isLibraryStub(file) ? [] : [...importCandidates(file, imp.module, this.pythonFiles), ...(imp.name && imp.name !== '*' ? importCandidates(file, `${imp.module}${imp.module.endsWith('.') ? '' : '.'}${imp.name}`, this.pythonFiles) : [])];
        const stub = found.length ? undefined : libraryStubFor(imp.module, imp.name);
        return (stub ? [stub] : found).map((target) => ({ target, kind: 'sqlalchemy-models' as const }));
      });
    }
    const migration = state?.migration;
    // An Alembic migration that hands another module's function its connection (`copy_rows("a",
    // "b", conn)`): that module, read for which of its functions change no table (readOnlyFunctions).
    if (handsConnectionToModules(migration) && file.endsWith('.py')) {
      const modules = new Set(migration!.moduleCalls!.filter((c) => c.handsConnection).map((c) => c.module));
      return [...modules].flatMap((module) => importCandidates(file, module, this.pythonFiles)).map((target) => ({ target, kind: 'sqlalchemy-models' as const }));
    }
    // A migration's names and columns from other modules (`Tables.USERS`, `...timestampColumns`):
    // their modules, read for their constants and literals.
    const orm: OrmModelFacts | undefined = state?.ormModels ?? (takesFromModules(migration) ? moduleOfMigration(migration!) : undefined);
    if (!orm?.symbols) return [];
    const symbols = new TsProjectSymbols(new Map([[file, orm]]), this.tsResolver());
    const kind: FileKind = orm.orm === 'typeorm' ? 'typeorm-models' : 'sequelize-models';
    const out: { target: string; kind: FileKind }[] = [];
    const modules = takesFromModules(migration) && !state?.ormModels
      ? [...new Set([...migration!.importedNames ?? [], ...migration!.importedLiterals ?? []].map((n) => orm.symbols!.imports[n.ref.name]?.module).filter((x): x is string => !!x))]
      : scriptImportsWanted(orm);
    for (const module of modules) {
      const target = this.files.has(file) && module.startsWith('.') ? this.readFileNamed(file, module) ?? symbols.moduleOf(file, module) : symbols.moduleOf(file, module);
      if (target && (target + path.sep).startsWith(this.root + path.sep)) out.push({ target, kind });
    }
    return out;
  }

  /** A relative import's file among those read (no file system): `./user` → `./user.ts`. */
  private readFileNamed(from: string, module: string): string | undefined {
    const stem = path.resolve(path.dirname(from), module.replace(/\.[cm]?js$/, ''));
    for (const ext of ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx']) {
      if (this.files.has(stem + ext)) return stem + ext;
      if (this.files.has(path.join(stem, `index${ext}`))) return path.join(stem, `index${ext}`);
    }
    return undefined;
  }

  /**
   * Reads the project modules that model files import names from which their models need (a
   * `settings.py` of constants, a package `__init__` that re-exports), following such imports a few
   * levels deep. They are read as model files: their constants, aliases and helpers enter the graph.
   */
  private async readImportedModules(from: string[]): Promise<void> {
    const IMPORTS_READ_TOGETHER = 64;
    let frontier = from;
    for (let depth = 0; depth < 4 && frontier.length; depth++) {
      const wanted: { target: string; kind: FileKind }[] = [];
      // A module read before at the last level of another walk, whose own imports were not followed
      // then (a barrel four modules away from the first model that wanted it): followed now, from here.
      const followOnly: string[] = [];
      for (const file of frontier) this.importsFollowed.add(file);
      for (const file of frontier) {
        for (const { target, kind } of this.importedFiles(file)) {
          if (this.files.has(target) && !this.importsFollowed.has(target) && this.importTargets.has(target)) {
            this.importsFollowed.add(target);
            followOnly.push(target);
          }
          if (this.files.has(target) || this.importTargets.has(target) || this.skipped.has(target)) continue;
          this.importTargets.set(target, kind);
          wanted.push({ target, kind });
        }
      }
      // The level's files are read from disk together (they wait on it at once, 64 files open at
      // most), then parsed in turn: one by one, the reads had left this thread idle between parses.
      const reads: Promise<Awaited<ReturnType<typeof readSourceFile>>>[] = [];
      const next: string[] = [];
      for (let i = 0; i < wanted.length; i++) {
        if (i % IMPORTS_READ_TOGETHER === 0) {
          for (const w of wanted.slice(i, i + IMPORTS_READ_TOGETHER)) reads.push(readSourceFile(w.target));
        }
        const { target, kind } = wanted[i];
        const r = await reads[i];
        if ('skipped' in r) continue;
        const hash = contentHash(r.text);
        // (What a module says read through the project's decorators depends on other files: never cached.)
        const wrappers = this.wrapperOption(kind);
        const hit = wrappers.decoratorWrappers ? undefined : this.factsCache?.get(importedModuleKey(target), hash);
        let outcome: { facts: Facts } | { error: string } | undefined;
        if (hit?.kind === kind) {
          try {
            outcome = { facts: anyFactsFromJson(hit.kind, hit.json) };
          } catch {
            outcome = undefined;
          }
        }
        if (!outcome) {
          try {
            const facts = await readFacts({ file: target, text: r.text, kind, ...wrappers });
            outcome = { facts };
            if (!wrappers.decoratorWrappers) this.factsCache?.setLazy(importedModuleKey(target), hash, kind, () => anyFactsToJson(kind, facts));
          } catch (e) {
            continue; // a module we only hoped to learn names from: its failure is not the user's problem here
          }
        }
        this.store(target, kind, parseSuppressions(r.text), outcome);
        next.push(target);
      }
      frontier = [...next, ...followOnly];
    }
  }

  /** Files whose imports readImportedModules has followed (the others were read at a walk's last level). */
  private importsFollowed = new Set<string>();

  /** The workspace's TypeScript and JavaScript files (discovered at the scan). */
  private scripts: string[] = [];
  /** The project decorators that apply TypeORM's, as the files using them were last read with. */
  private wrappersRead: Record<string, DecoratorWrapper> = {};

  /** The project's decorators that apply TypeORM's, from every file read (see DecoratorWrapper). */
  private decoratorWrappers(): Record<string, DecoratorWrapper> {
    const out: Record<string, DecoratorWrapper> = {};
    for (const f of this.files.values()) Object.assign(out, f.ormModels?.decoratorWrappers);
    return out;
  }

  private wrapperOption(kind: FileKind): { decoratorWrappers?: Record<string, DecoratorWrapper> } {
    return kind === 'typeorm-models' && Object.keys(this.wrappersRead).length ? { decoratorWrappers: this.wrappersRead } : {};
  }

  /**
   * Entities written with the project's own decorators (`@MultiORMEntity('tag')` applying TypeORM's
   * `Entity`): once those decorators are known, the files that use them — recognised by no ORM
   * marker of their own — are read as TypeORM entities, the decorators standing for TypeORM's.
   * Again whenever the set of such decorators changes. Not cached: what they say depends on other files.
   */
  private async readThroughWrappers(): Promise<void> {
    const key = (w: Record<string, DecoratorWrapper>) => JSON.stringify(Object.keys(w).sort().map((k) => [k, w[k].decorator, w[k].args, w[k].changes]));
    // A decorator may apply another project decorator that applies TypeORM's (an alias module, a
    // multi-ORM layer): each round reads the files that use what the last one found, until
    // nothing new is found (a few rounds: such layers are shallow).
    // The files that used the last round's decorators: when a round finds no decorator of a new
    // name (only what one applies changed), those are the only files that may read otherwise.
    let namesBefore = new Set<string>();
    let usedBefore: string[] = [];
    for (let round = 0; round < WRAPPER_ROUNDS; round++) {
      const wrappers = this.decoratorWrappers();
      if (key(wrappers) === key(this.wrappersRead)) return;
      this.wrappersRead = wrappers;
      const names = Object.keys(wrappers);
      if (!names.length) return;
      // Used as decorators by entities, or called by other decorators.
      const uses = new RegExp(`(?:@|\\b)(?:${names.map((n) => n.replace(/[$]/g, '\\$')).join('|')})\\s*\\(`);
      const candidates = (names.some((n) => !namesBefore.has(n)) ? this.scripts : usedBefore).filter((file) => {
        const known = this.files.get(file);
        return !known || known.kind === 'typeorm-models';
      });
      namesBefore = new Set(names);
      usedBefore = [];
      const read: string[] = [];
      // (Read together, a batch at a time: one after the other, thousands of files wait on the disk in turn.)
      for (let start = 0; start < candidates.length; start += WRAPPER_READS_TOGETHER) {
        const batch = candidates.slice(start, start + WRAPPER_READS_TOGETHER);
        const texts = await Promise.all(batch.map((file) => readSourceFile(file)));
        for (let i = 0; i < batch.length; i++) {
          const file = batch[i];
          const known = this.files.get(file);
          const r = texts[i];
          if ('skipped' in r || !uses.test(r.text)) continue;
          usedBefore.push(file);
          try {
            const facts = (await readFacts({ file, text: r.text, kind: 'typeorm-models', decoratorWrappers: wrappers })) as OrmModelFacts;
            if (!known && !facts.entities.length && !facts.decoratorWrappers) continue;
            this.importTargets.set(file, 'typeorm-models');
            this.store(file, 'typeorm-models', parseSuppressions(r.text), { facts });
            read.push(file);
          } catch {
            // A file we only hoped to find entities in: its failure is not the user's problem here.
          }
        }
      }
      // Their bases, targets and constants, from modules not read yet (those may use the decorators too:
      // candidates of the next round whatever it finds).
      const before = new Set(this.files.keys());
      await this.readImportedModules(read);
      for (const file of this.files.keys()) if (!before.has(file)) usedBefore.push(file);
    }
  }

  /** Modules that lend literals → the migrations that take them (read again when a module changes). */
  private literalUsers = new Map<string, Set<string>>();

  /** The text `update` was last given for a file (an editor's buffer), newer than the disk's until `reload`. */
  private buffers = new Map<string, string>();

  /**
   * TypeORM/Sequelize migrations and models that take columns, lists of columns or attributes from
   * other modules (`...timestampColumns`, `MigrationHelpers.audit()`, an EntitySchema's
   * `...BaseColumns`): read again, with the literals those modules
   * declare (followed through imports and re-exports as TypeScript binds them), so that their
   * columns are the ones the migration creates; what no module of the project declares stays Unknown.
   * `text`: the migration's current text (an editor's buffer), else the disk's.
   */
  private async readImportedLiterals(files: string[], text?: string): Promise<void> {
    const takes = (s: SourceFileState | undefined) => (s?.kind === 'orm-migration' ? s.migration : s?.ormModels)?.importedLiterals;
    const wanting = files.map((f) => this.files.get(f)).filter((s): s is SourceFileState => !!takes(s)?.length);
    if (!wanting.length) return;
    const modules = new Map<string, OrmModelFacts>();
    for (const f of this.files.values()) if (f.ormModels) modules.set(f.path, f.ormModels);
    // (A migrations' abstract base class lends the helpers its migrations call on `this`.)
    for (const f of this.files.values()) {
      const m = f.migration?.notAMigration ? moduleOfMigration(f.migration) : undefined;
      if (m && !modules.has(f.path)) modules.set(f.path, m);
    }
    for (const s of wanting) {
      const m = s.migration ? moduleOfMigration(s.migration) : undefined;
      if (m && !modules.has(s.path)) modules.set(s.path, m);
    }
    const symbols = new TsProjectSymbols(modules, this.tsResolver());
    for (const s of wanting) {
      const provided: Record<string, ProvidedLiteral> = {};
      const asked = new Set<string>();
      let taken = takes(s)!;
      let source: string | undefined;
      let facts: Facts | undefined;
      // A lent literal may take literals of its own module in turn (`BaseModel.attributes()` spreads
      // `TimestampedModel.attributes()`): read again while the readings ask for new ones.
      for (let round = 0; round < MAX_LENDING_ROUNDS; round++) {
        let added = false;
        for (const w of taken) {
          const key = lentKey(w.key, w.from);
          if (asked.has(key)) continue;
          asked.add(key);
          const found = symbols.literal(w.from ?? s.path, w.ref);
          if (found) {
            provided[key] = found;
            added = true;
          }
        }
        if (!added) break;
        if (source === undefined) {
          source = text ?? this.buffers.get(s.path);
          if (source === undefined) {
            const r = await readSourceFile(s.path);
            if ('skipped' in r) break;
            source = r.text;
          }
        }
        try {
          facts = await readFacts({ file: s.path, text: source, kind: s.kind, importedLiterals: { ...provided }, ...this.wrapperOption(s.kind) });
        } catch {
          // Read as before (its columns Unknown): the last reading stands.
          break;
        }
        const more = (facts as AlembicMigrationFacts | OrmModelFacts).importedLiterals ?? [];
        taken = [...taken, ...more.filter((w) => !taken.some((x) => x.key === w.key && x.from === w.from))];
      }
      const lenders = new Set(Object.values(provided).map((p) => p.file));
      for (const [module, users] of this.literalUsers) if (!lenders.has(module)) users.delete(s.path);
      for (const module of lenders) {
        if (!this.literalUsers.has(module)) this.literalUsers.set(module, new Set());
        this.literalUsers.get(module)!.add(s.path);
      }
      if (!facts) continue;
      // What the readings took from other modules stays to be looked up again.
      (facts as AlembicMigrationFacts | OrmModelFacts).importedLiterals = taken;
      this.store(s.path, s.kind, s.suppressions, { facts });
    }
  }

  /** Writes the facts cache, if any and if it changed (at a quiet moment: it encodes what is new). */
  async saveCache(): Promise<void> {
    await this.factsCache?.save();
  }

  /** Records a file's facts (or why they could not be read): the one place file state is made. */
  private store(file: string, kind: FileKind, suppressions: Suppressions, outcome: { facts: Facts } | { error: string }): void {
    const state: SourceFileState = { path: file, kind, suppressions };
    if ('error' in outcome) state.error = `could not be read as ${kind}: ${outcome.error}`;
    else if (kind === 'sqlalchemy-models') state.models = outcome.facts as PyModuleFacts;
    else if (kind === 'typeorm-models' || kind === 'sequelize-models') state.ormModels = outcome.facts as OrmModelFacts;
    else state.migration = outcome.facts as AlembicMigrationFacts;
    const previous = this.files.get(file);
    if (isMigrationKind(kind) || (previous && isMigrationKind(previous.kind))) {
      this.replayed = undefined;
      this.takesNames = undefined;
    }
    // The replay stores project types (TypeDecorator impls) as their impl: a change of one replays.
    if (state.models?.classes.some((c) => c.typeImpl || c.typeImplUnknown) || previous?.models?.classes.some((c) => c.typeImpl || c.typeImplUnknown)) this.replayed = undefined;
    // The schemas an environment creates before its migrations run (`CreateSchema(…)` in env.py).
    const createsSchemas = (m?: PyModuleFacts) => !!(m?.schemasCreated.length || m?.schemasCreatedByCode?.length);
    if (createsSchemas(state.models) || createsSchemas(previous?.models)) this.replayed = undefined;
    // The search path an environment sets before its migrations run (`SET search_path` in env.py).
    if (state.models?.searchPath || previous?.models?.searchPath) this.replayed = undefined;
    // The naming convention Alembic's operations name unnamed constraints by.
    if (state.models?.namingConventions || previous?.models?.namingConventions) this.replayed = undefined;
    // What a module of migration helpers does is spliced into the migrations that call it.
    if (state.models?.migrationFunctions || previous?.models?.migrationFunctions) this.replayed = undefined;
    if (state.models?.readOnlyFunctions || previous?.models?.readOnlyFunctions) this.replayed = undefined;
    if (state.models?.sqlChangingNoTable || previous?.models?.sqlChangingNoTable) this.replayed = undefined;
    if (state.ormModels || previous?.ormModels) {
      this.ormModel = undefined;
      // The dialect decides which chains are the project's, the data source's globs which folders are one (see `replay`).
      // (And the data sources' `schema`, where the query runner's tables go.)
      const connection = (f: SourceFileState | undefined) => JSON.stringify([f?.ormModels?.databases?.map((d) => [d.name, d.migrations, d.migrationModules, d.migrationsUnread]), f?.ormModels?.dataSourceSchemas?.map((d) => d.value ?? null)]);
      if (connection(state) !== connection(previous)) this.replayed = undefined;
      // What other files read of this one changed: their memoised work is stale.
      const before = previous?.ormModels ? ormSkeleton(previous.ormModels, this.ormMemo) : undefined;
      const after = state.ormModels ? ormSkeleton(state.ormModels, this.ormMemo) : undefined;
      if (before === undefined || before !== after) {
        this.ormMemo = undefined;
        // Migrations that take names from other modules (`Tables.USERS`) are replayed with the new values.
        if (this.migrationsTakeNames()) this.replayed = undefined;
      } else if (this.ormMemo) {
        // Only its own tables changed (a column's options, an index): the next build makes them alone.
        const own = previous?.ormModels && ormTableInterface(previous.ormModels);
        if (own !== undefined && own === (state.ormModels && ormTableInterface(state.ormModels))) this.ormMemo.changedFiles.add(file);
        else this.ormMemo.lastTables = undefined;
      }
    }
    this.files.set(file, state);
    this.modelBuilder.set(file, this.applicationModels(state));
    this.skipped.delete(file);
    this.cached = undefined;
  }

  private readonly environments = new Map<string, string>();

  /**
   * Whether an Alembic environment of the workspace runs the chain kept at `root`: an `env.py` in
   * that folder or above it (a chain kept per dialect lies below its environment's folder).
   */
  private hasAlembicEnvironment(root: string): boolean {
    for (let d = root; d.startsWith(this.root); d = path.dirname(d)) {
      if (fs.existsSync(path.join(d, 'env.py'))) return true;
      if (d === this.root || path.dirname(d) === d) break;
    }
    return false;
  }

  /**
   * The chain a migration is in: its environment (its folder, for TypeORM and Sequelize), except
   * that the folders one TypeORM data source takes migrations from are one chain — those of a list
   * a module makes (`export const postgresMigrations = [Init…, AddWorkspace…]`), of classes its
   * options list, of files its globs take (relative ones from its application's folder). TypeORM runs
   * them as one line, in the order of the timestamps. A folder the data sources of two databases
   * share (`migration/common/` listed beside `migration/postgres/` and beside `migration/sqlite/`)
   * does not make their chains one: it is in the chain of the project's database (the other
   * chain, checked as a graph and not replayed into the schema, is left without it).
   */
  private listedTogether(): (file: string) => string {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let r = x;
      while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
      return r;
    };
    // A chain is named by its first folder, one named after a database first (the chain's dialect).
    const first = (a: string, b: string) => (dialectOfFolderName(path.basename(a)) ? 0 : 1) - (dialectOfFolderName(path.basename(b)) ? 0 : 1) || (a < b ? -1 : a > b ? 1 : 0);
    const join = (folders: string[]) => {
      const sorted = [...new Set(folders)].sort(first);
      for (const folder of sorted.slice(1)) {
        const [a, b] = [find(sorted[0]), find(folder)].sort(first);
        if (a !== b) parent.set(b, a);
      }
    };
    // Each data source's folders: those of a list a module makes, of the classes or globs of its options.
    const lists: string[][] = [];
    for (const f of this.files.values()) {
      const listed = f.migration?.migrationList;
      if (listed) lists.push(listed.map((m) => this.environmentOf(`${m}.ts`)));
    }
    // What a data source's globs take (`migrations/**/*.ts` reaching into subfolders, or a glob per
    // folder): one line, whatever folders they are kept in.
    const typeormMigrations = [...this.files.values()].filter((f) => f.migration?.tool === 'typeorm' && !f.migration.notAMigration).map((f) => f.path);
    for (const f of this.files.values()) {
      for (const setting of f.ormModels?.databases ?? []) {
        if (setting.migrationModules) lists.push(setting.migrationModules.map((m) => this.environmentOf(`${m}.ts`)));
        const globs = (setting.migrations ?? []).map((g) => (g.from === 'file' ? g.pattern : `${this.applicationOf(f.path).split(path.sep).join('/')}/${g.pattern}`));
        if (globs.length) lists.push(typeormMigrations.filter((m) => globs.some((g) => migrationGlobTakes(g, m))).map((m) => this.environmentOf(m)));
      }
    }
    for (const list of withSharedFoldersInOneDialect(lists, this.dialectWith([]).dialect)) join(list);
    const ordered = [...this.files.values()].flatMap((f) => (f.migration?.tool && f.migration.sequence !== undefined && !f.migration.notAMigration
      ? [{ folder: this.environmentOf(f.path), tool: f.migration.tool, sequence: f.migration.sequence }] : []));
    for (const [outer, archived] of archivedFolders(ordered)) join([outer, archived]);
    if (!parent.size) return (file) => this.environmentOf(file);
    return (file) => find(this.environmentOf(file));
  }

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
    // Per-dialect folders under one environment (`version_locations`) are chains of their own.
    const byDialect = dialectFolderOf(found, dir);
    if (byDialect) found = byDialect.folder;
    this.environments.set(dir, found);
    return found;
  }

  private readonly loadedDirs = new Map<string, boolean | 'if-not-superseded' | 'if-connected'>();

  /**
   * Whether Alembic loads this revision file: an environment (the folder of env.py) loads its
   * `versions/` folder, unless its configuration names other `version_locations`. A revision file
   * elsewhere in the environment (a draft kept in `temp/`) is in no chain. One in a folder inside
   * `versions/` is loaded when `recursive_version_locations = true`, or when `versions/` has no
   * revision file of its own; otherwise, where the package's code mentions `version_locations`, it
   * depends on code this reader does not run (a project's CLI setting it per release folder, as
   * neutron's does): loaded, unless its folder is a history a squash replaced (see notSuperseded);
   * where nothing does, only if its revisions chain to the loaded ones (see connectedFolders).
   */
  private loadedByAlembic(file: string): boolean | 'if-not-superseded' | 'if-connected' {
    if (!file.endsWith('.py')) return true;
    const dir = path.dirname(file);
    const cached = this.loadedDirs.get(dir);
    if (cached !== undefined) return cached;
    let loaded: boolean | 'if-not-superseded' | 'if-connected' = true;
    for (let d = dir; d.startsWith(this.root); d = path.dirname(d)) {
      if (fs.existsSync(path.join(d, 'env.py'))) {
        const versions = path.join(d, 'versions');
        if (dir !== d && dir !== versions && fs.existsSync(versions)) {
          const settings = this.alembicSettings(d);
          loaded = (dir + path.sep).startsWith(versions + path.sep)
            ? (/^\s*recursive_version_locations\s*=\s*(?:true|1|yes|on)\s*$/im.test(settings) || !hasRevisionFiles(versions) ? true
              // Nothing of the package sets `version_locations`: only another package's code may (a
              // neutron subproject's release folders, chained to `versions/`); a folder whose
              // revisions are a history of their own, `versions/Deprecated/`, is not loaded.
              : this.versionLocationsSetByCode(d) ? 'if-not-superseded' : 'if-connected')
            : /^\s*version_locations\s*=/m.test(settings);
        }
        break;
      }
      if (d === this.root || path.dirname(d) === d) break;
    }
    this.loadedDirs.set(dir, loaded);
    return loaded;
  }

  private readonly versionLocationsByCode = new Map<string, boolean>();
  /** Files found mentioning `version_locations` (see versionLocationsSetByCode). */
  private readonly versionLocationMentions = new Set<string>();

  /**
   * A Python file that starts or stops mentioning `version_locations` may change which folders of
   * `versions/` Alembic loads: the answers are asked again, and the chains replayed (an edit that
   * keeps the mention, or keeps none, changes nothing of it).
   */
  private noticeVersionLocationsChange(file: string, text: string | undefined): boolean {
    if (!file.endsWith('.py') || !this.versionLocationsByCode.size) return false;
    const mentions = text !== undefined && /\bversion_locations\b/.test(text);
    if (mentions === this.versionLocationMentions.has(file)) return false;
    if (mentions) this.versionLocationMentions.add(file);
    else this.versionLocationMentions.delete(file);
    this.loadedDirs.clear();
    this.versionLocationsByCode.clear();
    this.replayed = undefined;
    this.cached = undefined;
    return true;
  }

  /**
   * Whether code of the package around an environment may set `version_locations` (neutron's CLI
   * calls `config.set_main_option("version_locations", …)` from `db/migration/cli.py`): a mention of
   * it in a Python file of the environment's parent folder, its revisions left out.
   */
  private versionLocationsSetByCode(environment: string): boolean {
    const cached = this.versionLocationsByCode.get(environment);
    if (cached !== undefined) return cached;
    const versions = path.join(environment, 'versions');
    const scope = path.dirname(environment).startsWith(this.root) ? path.dirname(environment) : environment;
    let found = false;
    const stack = [scope];
    for (let seen = 0; stack.length && !found && seen < 2000;) {
      const dir = stack.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (file !== versions && !e.name.startsWith('.') && e.name !== 'node_modules') stack.push(file);
        } else if (e.name.endsWith('.py') && ++seen && /\bversion_locations\b/.test(this.buffers.get(file) ?? readTextOrEmpty(file))) {
          found = true;
          this.versionLocationMentions.add(file);
          break;
        }
      }
    }
    this.versionLocationsByCode.set(environment, found);
    return found;
  }

  /**
   * The Alembic configuration an environment may be run with: every alembic.ini, and every
   * pyproject.toml's `[tool.alembic]`, from its folder up to the workspace root.
   */
  private alembicSettings(environment: string): string {
    const found: string[] = [];
    for (let d = environment; d.startsWith(this.root); d = path.dirname(d)) {
      for (const name of ['alembic.ini', 'pyproject.toml']) {
        const file = path.join(d, name);
        if (!fs.existsSync(file)) continue;
        const text = readTextOrEmpty(file);
        found.push(name === 'alembic.ini' ? text : tomlSection(text, 'tool.alembic'));
      }
      if (d === this.root || path.dirname(d) === d) break;
    }
    return found.join('\n');
  }

  private readonly environmentDirs = new Map<string, boolean>();

  /**
   * A file's models, unless it lies in an Alembic environment (beside env.py and `versions/`, as
   * `deprecated_models.py`): snapshots of old models that data migrations import, not the application's.
   */
  private applicationModels(state: SourceFileState): PyModuleFacts | undefined {
    if (!state.models) return undefined;
    const dir = path.dirname(state.path);
    let inside = this.environmentDirs.get(dir);
    if (inside === undefined) {
      inside = false;
      for (let d = dir; d.startsWith(this.root) && d !== this.root; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, 'env.py'))) {
          inside = fs.existsSync(path.join(d, 'versions'));
          break;
        }
        if (path.dirname(d) === d) break;
      }
      this.environmentDirs.set(dir, inside);
    }
    if (this.outsideApplication(state.path)) return undefined;
    // Inside the environment, only what the environment does before the migrations run counts: the
    // schemas it creates (`CreateSchema(...)` in env.py or its helpers) and the search path it sets.
    if (inside) return environmentSchemas(state.models);
    return state.models;
  }

  /** Whether a file is tests, documentation or an example (relative to the workspace root): see NOT_APPLICATION. */
  private outsideApplication(file: string): boolean {
    let outside = this.outsideByFile.get(file);
    if (outside === undefined) this.outsideByFile.set(file, (outside = NOT_APPLICATION.test(path.relative(this.root, file))));
    return outside;
  }

  /**
   * The dialect of the folder a TypeORM or Sequelize model file is kept in, when one of its folders
   * is named after one (`db/sql/mariadb/entity/`, `db/planetscale/entity/`): an entity set of its own
   * for that database, loaded by the data source that connects to it (TypeORM's options are written
   * per database, so a project that runs on several keeps a set for each). Only the project's
   * dialect's set is its model.
   */
  private folderDialect(file: string): Dialect | undefined {
    let dialect = this.folderDialectByFile.get(file);
    if (dialect === undefined) this.folderDialectByFile.set(file, (dialect = dialectFolderOf(this.root, path.dirname(file))?.dialect ?? null));
    return dialect ?? undefined;
  }

  private readonly folderDialectByFile = new Map<string, Dialect | null>();

  /** outsideApplication's answers (a function of the path alone: asked for every file at every replay). */
  private readonly outsideByFile = new Map<string, boolean>();
  private readonly migrationOutsideByFile = new Map<string, boolean>();

  /**
   * Whether a migration is tests, documentation or an example: by its folder only. A revision's
   * file name is its slug (`530fb8533ca4_test.py`), and Alembic loads it whatever it says.
   */
  private migrationOutsideApplication(file: string): boolean {
    let outside = this.migrationOutsideByFile.get(file);
    if (outside === undefined) this.migrationOutsideByFile.set(file, (outside = NOT_APPLICATION_FOLDER.test(path.relative(this.root, file))));
    return outside;
  }

  /** An env.py appearing or going away changes which migrations belong together. */
  private noticeEnvironmentChange(file: string): boolean {
    if (path.basename(file) !== 'env.py' || !this.environments.size) return false;
    this.loadedDirs.clear();
    this.versionLocationsByCode.clear();
    this.environmentDirs.clear();
    for (const state of this.files.values()) if (state.models) this.modelBuilder.set(state.path, this.applicationModels(state));
    this.environments.clear();
    this.cached = undefined;
    this.replayed = undefined;
    return true;
  }

  isRelevantPath(file: string): boolean {
    return isSourceCandidate(file) && isIncluded(this.root, file, this.config);
  }

  /** A SQL migration file of the project (Flyway's `V3__x.sql`…, see analysis/sqlMigrations.ts). */
  isSqlMigration(file: string): boolean {
    return isSqlMigrationName(path.basename(file)) && isIncluded(this.root, file, this.config);
  }

  /**
   * A tsconfig.json / jsconfig.json changed: TypeScript imports resolve anew, and the modules they
   * now name are read. Returns whether the analysis may change (the project has TypeScript models).
   */
  async moduleResolutionChanged(): Promise<boolean> {
    this.tsResolverState = undefined;
    const orm = [...this.files.values()].filter((s) => s.ormModels).map((s) => s.path);
    if (!orm.length) return false;
    this.ormModel = undefined;
    this.ormMemo = undefined;
    this.cached = undefined;
    await this.readImportedModules(orm);
    return true;
  }

  /** Sets a file's current text (an editor buffer, or disk); returns whether analysis may change. */
  async update(file: string, text: string): Promise<boolean> {
    // A SQL migration typed in the editor: its chain is made anew with the buffer's text.
    if (this.isSqlMigration(file)) {
      this.buffers.set(file, text);
      return this.sqlMigrationChanged(file, false);
    }
    this.buffers.set(file, text);
    const regrouped = this.noticeEnvironmentChange(file) || this.noticeVersionLocationsChange(file, text);
    // A new file may be what an import names (resolutions are cached); a tsconfig.json edit changes them.
    if (!this.files.has(file)) this.tsResolverState = undefined;
    const classified = classifyFile(file, text);
    const kind = classified ?? this.importTargets.get(file);
    if (!kind) {
      const had = this.forget(file);
      // A file unread before (too large) may have stood for a migration of its chain.
      if (this.skipped.delete(file)) this.replayed = undefined;
      return had || regrouped;
    }
    try {
      const wrappers = this.wrapperOption(kind);
      const facts = await readFacts({ file, text, kind, ...wrappers });
      this.store(file, kind, parseSuppressions(text), { facts });
      // (Facts read through the project's decorators depend on other files: not cached; an imported
      // module's, apart from the classified files' — see importedModuleKey.)
      if (!wrappers.decoratorWrappers) this.factsCache?.setLazy(classified ? file : importedModuleKey(file), contentHash(text), kind, () => anyFactsToJson(kind, facts));
      // An import added by this edit may name a module not read yet.
      const migration = this.files.get(file)?.migration;
      if (facts && (kind === 'sqlalchemy-models' || kind === 'typeorm-models' || kind === 'sequelize-models' || takesFromModules(migration) || handsConnectionToModules(migration))) await this.readImportedModules([file]);
      // A migration taking columns from other modules is read with them; one whose columns this
      // module lends, again.
      if (kind === 'orm-migration' || kind === 'typeorm-models' || kind === 'sequelize-models') await this.readImportedLiterals([file], text);
      const users = this.literalUsers.get(file);
      if (users) await this.readImportedLiterals([...users]);
      // A project decorator that applies TypeORM's, added or changed: the files using it are read again.
      if (kind === 'typeorm-models') await this.readThroughWrappers();
    } catch (e) {
      this.store(file, kind, parseSuppressions(text), { error: (e as Error).message });
    }
    return true;
  }

  /** Re-reads a file from disk (after it changed there, or its editor closed). */
  async reload(file: string): Promise<boolean> {
    this.buffers.delete(file);
    // A SQL migration closed in the editor: what is on disk, if anything.
    if (this.isSqlMigration(file)) return this.sqlMigrationChanged(file, !fs.existsSync(file));
    if (!this.isRelevantPath(file)) return this.remove(file);
    const r = (await isLinkOutside(this.root, file)) ? { skipped: 'is a link to a file outside the workspace; not followed' } : await readSourceFile(file);
    if ('skipped' in r) {
      this.forget(file);
      this.skipped.set(file, r.skipped);
      // An unread file of a migration folder is a migration of unknown effect (unreadMigrations).
      this.replayed = undefined;
      this.cached = undefined;
      return true;
    }
    const changed = await this.update(file, r.text);
    // The disk's text: read again from there when needed, not kept.
    this.buffers.delete(file);
    return changed;
  }

  remove(file: string): boolean {
    this.buffers.delete(file);
    const regrouped = this.noticeEnvironmentChange(file) || this.noticeVersionLocationsChange(file, undefined);
    const had = this.forget(file) || this.skipped.delete(file);
    if (had) {
      this.replayed = undefined;
      this.cached = undefined;
    }
    return had || regrouped;
  }

  /**
   * A path deleted on disk: one file, or a folder — watchers report a deleted folder once, not
   * each file in it, so every file under it goes.
   */
  removePath(deleted: string): boolean {
    if (this.files.has(deleted) || this.skipped.has(deleted)) return this.remove(deleted);
    const inside = deleted.endsWith(path.sep) ? deleted : deleted + path.sep;
    let removed = false;
    for (const file of [...this.files.keys(), ...this.skipped.keys()]) {
      if (file.startsWith(inside)) removed = this.remove(file) || removed;
    }
    return removed;
  }

  private forget(file: string): boolean {
    const state = this.files.get(file);
    this.outsideByFile.delete(file);
    this.migrationOutsideByFile.delete(file);
    this.tsResolverState = undefined;
    if (state && isMigrationKind(state.kind)) this.replayed = undefined;
    if (state?.ormModels) {
      this.ormModel = undefined;
      this.ormMemo = undefined;
    }
    if (!this.files.delete(file)) return false;
    this.modelBuilder.set(file, undefined);
    this.cached = undefined;
    return true;
  }

  /** TypeORM entities and Sequelize models, built from all their files (rebuilt when one changes). */
  private ormModel: SchemaModel | undefined;
  /** SQL migrations run by a tool outside the ORM (Flyway…), their chains, and what reads them (keeping what it read). */
  private sqlFiles: readonly string[] = [];
  private sqlChains: AlembicMigrationFacts[] = [];
  private readonly sqlReader = new SqlMigrationReader();

  /**
   * A SQL migration (`V3__x.sql`) was written or deleted on disk, or edited in the editor (its text
   * in `buffers`), or a folder holding some was deleted: the chains are made anew (reading again only
   * the files whose text changed). False when the path is no such migration of the project.
   */
  async sqlMigrationChanged(file: string, deleted: boolean): Promise<boolean> {
    const known = this.sqlFiles.includes(file);
    if (deleted) {
      // The file, or a folder of them (an editor reports a deleted folder alone).
      const inside = file + path.sep;
      const left = this.sqlFiles.filter((f) => f !== file && !f.startsWith(inside));
      if (left.length === this.sqlFiles.length) return false;
      this.sqlFiles = left;
    } else if (!known) {
      if (!this.isSqlMigration(file)) return false;
      this.sqlFiles = [...this.sqlFiles, file].sort();
    }
    this.sqlChains = await this.sqlReader.chains(this.sqlFiles, this.factsCache, this.buffers, deleted ? undefined : file);
    this.replayed = undefined;
    this.cached = undefined;
    return true;
  }
  /** The dialect `ormModel` was built for: its entity sets are that dialect's (see folderDialect). */
  private ormModelDialect: Dialect | undefined;
  /** The last ORM model built (kept when ormModel is dropped: the next build keeps its unchanged tables). */
  private lastOrmModel: SchemaModel | undefined;
  /** How the ORM model was built each time: from its edited files only, or whole. */
  readonly ormBuilds = { partial: 0, whole: 0 };
  /** Work of the last ORM model build that the next may reuse (see OrmBuildMemo). */
  private ormMemo: OrmBuildMemo | undefined;
  private merged: { sqlalchemy: SchemaModel; orm: SchemaModel; model: SchemaModel } | undefined;

  /** The schema as modelled: SQLAlchemy models, and TypeORM/Sequelize ones. Same object while unchanged. */
  models(): SchemaModel {
    const sqlalchemy = this.modelBuilder.model();
    const own = this.dialect.dialect;
    if (this.ormModel && this.ormModelDialect !== own) this.ormModel = undefined;
    if (!this.ormModel) {
      const facts: OrmModelFacts[] = [];
      for (const f of this.files.values()) if (f.ormModels && !this.outsideApplication(f.path) && (this.folderDialect(f.path) ?? own) === own) facts.push(f.ormModels);
      this.ormModelDialect = own;
      this.ormMemo ??= newOrmBuildMemo(facts);
      // Rebuilt whole: the tables an edit did not change keep their objects (and the rules' work on them).
      this.ormModel = keepEqualTables(buildOrmModel(facts, this.tsResolver(), this.ormMemo, (file) => this.applicationOf(file)), this.lastOrmModel);
      this.lastOrmModel = this.ormModel;
      rememberOrmModel(this.ormMemo, this.ormModel);
      this.ormBuilds[this.ormMemo.lastBuildPartial ? 'partial' : 'whole']++;
    }
    const orm = this.ormModel;
    if (!orm.tables.length && !orm.schemasCreated.length && !orm.unknowns?.length) return sqlalchemy;
    if (this.merged?.sqlalchemy === sqlalchemy && this.merged.orm === orm) return this.merged.model;
    const model: SchemaModel = {
      evidence: 'model', tables: [...sqlalchemy.tables, ...orm.tables], enums: [...sqlalchemy.enums, ...orm.enums],
      schemasCreated: [...sqlalchemy.schemasCreated, ...orm.schemasCreated], hasUnknownTables: sqlalchemy.hasUnknownTables || orm.hasUnknownTables,
      // (SQLAlchemy's reader says whether, not where.)
      ...(!sqlalchemy.hasUnknownTables && orm.unknownTablesIn ? { unknownTablesIn: orm.unknownTablesIn } : {}),
      unknowns: [...(sqlalchemy.unknowns ?? []), ...(orm.unknowns ?? [])],
      ...(orm.unnamedTables?.length || sqlalchemy.unnamedTables?.length ? { unnamedTables: [...(sqlalchemy.unnamedTables ?? []), ...(orm.unnamedTables ?? [])] } : {}),
    };
    this.merged = { sqlalchemy, orm, model };
    return model;
  }

  private readonly applications = new Map<string, string>();

  /** Which applications connect to a database themselves: a TypeORM data source or a Sequelize instance of their own. */
  private applicationsConnecting(): (application: string) => boolean {
    // (Gathered on the first question only: a workspace of one application never asks, on any edit.)
    let apps: Set<string> | undefined;
    return (application) => {
      if (!apps) {
        apps = new Set<string>();
        for (const f of this.files.values()) {
          if (f.ormModels?.databases?.length || f.ormModels?.sequelizeInstance) apps.add(this.applicationOf(f.path));
        }
      }
      return apps.has(application);
    };
  }

  /**
   * The application a file belongs to: the folder of the nearest package manifest above it, up to
   * the workspace root (a monorepo's `packages/auth/` and `packages/revisions/`, each with its own
   * database). Memoised per folder; manifests appearing later are seen by the next project load.
   */
  applicationOf(file: string): string {
    const dir = path.dirname(file);
    const cached = this.applications.get(dir);
    if (cached !== undefined) return cached;
    let found = this.root;
    for (let d = dir; d.startsWith(this.root) && d !== this.root; d = path.dirname(d)) {
      if (APPLICATION_MANIFESTS.some((m) => isManifest(path.join(d, m)))) {
        found = d;
        break;
      }
      if (path.dirname(d) === d) break;
    }
    this.applications.set(dir, found);
    return found;
  }

  /**
   * The schemas an Alembic environment creates before it runs its migrations: `CreateSchema("x")` in
   * env.py or the modules beside it; `*` when it creates schemas named by code (any may exist).
   */
  private schemasOfEnvironment(root: string): string[] {
    const out = new Set<string>();
    for (const [file, state] of this.files) {
      const m = state.models;
      if (!m || !file.startsWith(root + path.sep) || !this.applicationModels(state)) continue;
      for (const s of m.schemasCreated) out.add(s.name);
      if (m.schemasCreatedByCode?.length) out.add(ANY_SCHEMA);
    }
    return [...out].sort();
  }

  /**
   * The search path an Alembic environment's session has when its migrations run: a
   * `SET search_path` in env.py or a module beside it; PostgreSQL's default when none does, any
   * schema (`*`) when it is written by code or two modules set different ones.
   */
  private searchPathOfEnvironment(root: string): readonly string[] {
    const found = new Set<string>();
    for (const [file, state] of this.files) {
      const set = this.applicationModels(state)?.environmentSearchPath;
      if (set && file.startsWith(root + path.sep)) found.add(set.schemas.join(','));
    }
    if (!found.size) return DEFAULT_SEARCH_PATH;
    return found.size === 1 ? [...found][0].split(',') : [ANY_SCHEMA_ON_PATH];
  }

  /**
   * The naming convention of an Alembic environment's `target_metadata`: the one convention the
   * application's modules beside the environment (under its parent folder) declare. None when they
   * declare none (SQLAlchemy's default); two different ones, or one the reader cannot evaluate, are
   * not told apart from the default yet (which MetaData env.py hands Alembic is not followed).
   */
  private namingConventionOfEnvironment(root: string): NamingConvention | undefined {
    const found = new Set<string>();
    const application = path.dirname(root) + path.sep;
    for (const [file, state] of this.files) {
      const conventions = state.models?.namingConventions;
      if (!conventions || !file.startsWith(application) || this.outsideApplication(file)) continue;
      for (const c of conventions) found.add(c === 'unknown' ? c : JSON.stringify(c));
    }
    if (found.size !== 1 || found.has('unknown')) return undefined;
    const key = [...found][0];
    let convention = internedConventions.get(key);
    if (!convention) internedConventions.set(key, (convention = JSON.parse(key) as NamingConvention));
    return convention;
  }

  /**
   * TypeORM migrations no data source runs: where every data source that names migrations lists their
   * classes (`migrations: [CreateTeams1646958469701, …]`, no glob, no ormconfig read), a module of a
   * folder they list from that none lists (`// CreateUserTokens1644972400015,`) never runs.
   */
  private typeOrmMigrationsNotListed(): (file: string) => boolean {
    const none = () => false;
    const settings = [...this.files.values()].flatMap((f) => (f.ormModels && !this.outsideApplication(f.path) ? f.ormModels.databases ?? [] : []));
    const listing = settings.filter((d) => d.migrationModules?.length);
    if (!listing.length || settings.some((d) => d.migrations?.length || d.migrationsUnread) || [...this.files.values()].some((f) => f.ormModels?.readsOrmconfig || f.migration?.migrationList)) return none;
    const listed = new Set(listing.flatMap((d) => d.migrationModules!));
    const folders = new Set([...listed].map((m) => path.dirname(m)));
    return (file) => folders.has(path.dirname(file)) && !listed.has(file.replace(/\.[cm]?[jt]s$/, ''));
  }

  /** The revision graphs and the replay of each chain (a model edit reuses them). */
  private replay(): { graphs: RevisionGraph[]; migrations: MigrationReplay[]; tables: TableIndex } {
    if (this.replayed) return this.replayed;
    const notListed = this.typeOrmMigrationsNotListed();
    const facts: AlembicMigrationFacts[] = [];
    const inSubfolders: AlembicMigrationFacts[] = [];
    const ifConnected: AlembicMigrationFacts[] = [];
    const commentedOut: AlembicMigrationFacts[] = [];
    for (const f of this.files.values()) {
      if (f.migration?.commentedOut && !this.migrationOutsideApplication(f.path)) commentedOut.push(f.migration);
      if (!f.migration || f.migration.notAMigration || this.migrationOutsideApplication(f.path)) continue;
      if (f.migration.tool === 'typeorm' && notListed(f.path)) continue;
      const loaded = this.loadedByAlembic(f.path);
      if (loaded === 'if-not-superseded') inSubfolders.push(f.migration);
      else if (loaded === 'if-connected') ifConnected.push(f.migration);
      else if (loaded) facts.push(f.migration);
    }
    inSubfolders.push(...connectedFolders(ifConnected, facts));
    facts.push(...notSuperseded(inSubfolders, facts, (file) => this.environmentOf(file)));
    // (A SQL migration's chain is its folder, whatever env.py is above it: see buildRevisionGraphs.)
    const chainOf = this.listedTogether();
    facts.push(...ranBeforeCommentedOut(commentedOut, chainOf, (file) => this.environmentOf(file)));
    this.evaluateImportedNames(facts);
    this.followModuleCalls(facts);
    facts.push(...this.unreadMigrations(facts), ...this.sqlChains.filter((c) => !this.migrationOutsideApplication(c.file)));
    linkLinearChains(facts, chainOf);
    const graphs = buildRevisionGraphs(facts, chainOf, (root) => this.hasAlembicEnvironment(root));
    // The last replays let a replay resume after an edit of one migration, instead of starting over.
    const previous = new Map((this.lastReplays ?? []).map((r) => [r.root, r]));
    // Chains of another dialect (the SQLite set beside the PostgreSQL one) are checked as graphs, but
    // their schema is not the one the models and the database are compared with.
    const own = this.dialectWith(graphs).dialect;
    const types = this.projectTypes();
    // TypeORM's query runner puts the tables it names without a schema in the data sources' `schema`.
    const runnerSchema = dataSourceSchema([...this.files.values()].flatMap((f) => (f.ormModels && !this.outsideApplication(f.path) ? [f.ormModels] : []))).defaultSchema;
    const migrations = graphs.filter((g) => !g.dialect || g.dialect === own)
      .map((g) => replayMigrations(g, [...this.config.schemas, ...this.schemasOfEnvironment(g.root)], previous.get(g.root), types, this.searchPathOfEnvironment(g.root), namesIgnoreCase(own), runnerSchema,
        // (SQL files name what they make as PostgreSQL does: no SQLAlchemy convention is theirs.)
        g.migrations[0]?.sqlFileTool ? undefined : this.namingConventionOfEnvironment(g.root)));
    this.lastReplays = migrations;
    this.replayed = { graphs, migrations, tables: new TableIndex(migrations.flatMap((m) => m.schema.tables)) };
    return this.replayed;
  }

  /** Whether some migration takes names from other modules (known until a migration changes). */
  private takesNames: boolean | undefined;

  private migrationsTakeNames(): boolean {
    if (this.takesNames === undefined) {
      this.takesNames = false;
      for (const f of this.files.values()) if (f.migration?.importedNames?.length) this.takesNames = true;
    }
    return this.takesNames;
  }

  /**
   * TypeORM/Sequelize migrations that take names from other modules (`Tables.USERS`): evaluated as
   * TypeScript binds them, through the modules read for them (see importedFiles). In place.
   */
  /**
   * Splices into each Alembic migration what the functions of other modules it calls do
   * (`agent_init_ops.upgrade()`, read by readMigrationHelperFunctions). A call the project cannot
   * follow (a module not read, a function with parameters) is left out, as before.
   */
  private followModuleCalls(facts: AlembicMigrationFacts[]): void {
    if (!facts.some((m) => m.moduleCalls?.length)) return;
    const modules = new Map<string, PyModuleFacts>();
    for (const f of this.files.values()) if (f.models) modules.set(f.path, f.models);
    for (const [i, m] of facts.entries()) {
      if (!m.moduleCalls?.length) continue;
      facts[i] = withModuleCalls(m, (call) => {
        const module = importedModule(m.file, call.module, modules);
        // `from pkg import helper; helper()`: the function of pkg (not a module named helper).
        return module?.migrationFunctions?.[call.function];
      }, (call) => {
        const module = importedModule(m.file, call.module, modules);
        return (call.executesResult ? module?.sqlChangingNoTable : module?.readOnlyFunctions)?.includes(call.function) === true;
      });
    }
  }

  private evaluateImportedNames(facts: AlembicMigrationFacts[]): void {
    if (!facts.some((m) => m.importedNames?.length)) return;
    const files = new Map<string, OrmModelFacts>();
    for (const f of this.files.values()) if (f.ormModels) files.set(f.path, f.ormModels);
    for (const m of facts) {
      const module = moduleOfMigration(m);
      if (module && !files.has(m.file)) files.set(m.file, module);
    }
    const symbols = new TsProjectSymbols(files, this.tsResolver());
    for (const [i, m] of facts.entries()) facts[i] = withImportedNames(m, (ref) => symbols.value(m.file, ref));
  }

  /**
   * Files of a TypeORM or Sequelize migration folder that could not be read (too large, say): each
   * is a migration of the chain, placed by its timestamp, that may have done anything — the
   * replay after it is not taken as complete (before, the chain went on as if it did not exist).
   */
  private unreadMigrations(read: AlembicMigrationFacts[]): AlembicMigrationFacts[] {
    const chainFolders = new Map<string, 'typeorm' | 'sequelize'>();
    for (const m of read) if (m.sequence !== undefined && m.tool) chainFolders.set(path.dirname(m.file), m.tool);
    const out: AlembicMigrationFacts[] = [];
    for (const [file, reason] of this.skipped) {
      const tool = chainFolders.get(path.dirname(file));
      const base = path.basename(file).replace(/\.[cm]?[jt]s$/, '');
      if (!tool || base === path.basename(file) || !hasMigrationTimestamp(base)) continue;
      const location = { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
      out.push({
        file, revision: { id: base, location }, downRevisions: [], branchLabels: [], dependsOn: [], dynamic: [], schemasCreated: [],
        sequence: migrationSequence(base, base, tool, path.basename(file)), tool,
        operations: [{ kind: 'unknown', description: `migration not read: it ${reason}`, mentions: [ANY_TABLE], location, guarded: false }],
      });
    }
    return out;
  }

  private types: { key: string; map: ProjectTypes; models: unknown[] } | undefined;

  /** The project's TypeDecorator classes and the types they store (the same map while unchanged). */
  private projectTypes(): ProjectTypes {
    // Read from the model files' facts: unchanged while they are the same objects (a migration edit).
    const models: unknown[] = [];
    for (const f of this.files.values()) if (f.models) models.push(f.models);
    if (this.types && this.types.models.length === models.length && this.types.models.every((m, i) => m === models[i])) return this.types.map;
    const entries = projectTypeImpls((function* (files) { for (const f of files) yield* f.models?.classes ?? []; })(this.files.values()));
    const key = JSON.stringify(entries);
    if (this.types?.key !== key) this.types = { key, map: new Map(entries), models };
    else this.types.models = models;
    return this.types.map;
  }

  analyse(): Analysis {
    if (this.cached) return this.cached;
    this.cached = this.runRules(this.ruleCache);
    return this.cached;
  }

  /**
   * Runs every rule over the whole model once more, its results thrown away (a cache of its own):
   * the code a first edit runs is then compiled and optimised while the editor is idle, instead of
   * on the first keystroke (an analysis from the facts cache runs it once, too few times to be
   * optimised). Changes nothing the editor sees.
   */
  warmRules(): void {
    this.runRules(new Map());
  }

  /**
   * The analysis with the live database as one more source (an audit): every rule, the live rules
   * included. Its rule results are kept apart from the editor's.
   */
  analyseWithLive(live: LiveDatabase): Analysis {
    return this.runRules(this.liveRuleCache, live);
  }

  /** The models and the replayed chains without running the rules (what `schema` prints). */
  schemas(): Pick<Analysis, 'models' | 'migrations' | 'skipped'> {
    if (this.cached) return this.cached;
    return { models: this.models(), migrations: this.replay().migrations, skipped: this.skippedFiles() };
  }

  private skippedFiles(): SkippedFile[] {
    const skipped: SkippedFile[] = [...this.skipped].map(([file, reason]) => ({ file, reason }));
    for (const f of this.files.values()) if (f.error) skipped.push({ file: f.path, reason: f.error });
    return skipped;
  }

  private runRules(cache: RuleCache, live?: LiveDatabase): Analysis {
    const progress = this.options.onProgress;
    progress?.({ phase: 'building', what: 'models' });
    const models = this.models();
    progress?.({ phase: 'building', what: 'migrations' });
    const { graphs: revisionGraphs, migrations, tables: migratedTables } = this.replay();
    const dialect = this.dialectWith(revisionGraphs);
    const { findings, ruleErrors } = runRules({
      onRule: progress && ((rule, done, total) => progress({ phase: 'checking', rule, done, total })),
      models,
      revisionGraphs,
      migrations,
      migratedTables,
      config: this.config,
      suppressionsOf: (file) => this.files.get(file)?.suppressions,
      applicationOf: (file) => this.applicationOf(file),
      dependsOn: (application, other) => dependsOnPackage(application, other),
      connects: this.applicationsConnecting(),
      packages: this.packages,
      cache,
      live,
      dialect: dialect.dialect,
      dialectAssumed: !dialect.source,
      dialectOf: this.dialectsNear(dialect.dialect),
    });
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = byFile.get(f.location.file);
      if (list) list.push(f);
      else byFile.set(f.location.file, [f]);
    }
    return { findings, byFile, models, migrations, skipped: this.skippedFiles(), configProblems: this.configProblems, ruleErrors, dialect };
  }
}

/**
 * The revisions of folders inside `versions/` (see loadedByAlembic), less each folder that
 * declares a revision id a file of the environment's `versions/` itself declares: the history a
 * squash replaced and took the last id of (`versions/legacy/`), kept for databases that have not
 * caught up — a chain of its own that only a separate upgrade path loads.
 */
/**
 * The revisions of folders inside `versions/` that chain to the loaded ones, through folders that
 * do (a parent, a dependency or a child among them): another package's code loads such folders
 * with `versions/` (neutron's subprojects). A folder whose revisions form a history of their own
 * (`versions/Deprecated/`, a root of its own and nothing loaded naming it) is not loaded.
 */
function connectedFolders(candidates: AlembicMigrationFacts[], loaded: AlembicMigrationFacts[]): AlembicMigrationFacts[] {
  if (!candidates.length) return [];
  const byFolder = new Map<string, AlembicMigrationFacts[]>();
  for (const m of candidates) {
    const folder = path.dirname(m.file);
    const list = byFolder.get(folder);
    if (list) list.push(m);
    else byFolder.set(folder, [m]);
  }
  const ids = (list: AlembicMigrationFacts[]) => list.flatMap((m) => (m.revision ? [m.revision.id] : []));
  const references = (list: AlembicMigrationFacts[]) => list.flatMap((m) => [...m.downRevisions, ...m.dependsOn].map((r) => r.id));
  const known = new Set(ids(loaded));
  const referenced = new Set(references(loaded));
  const out: AlembicMigrationFacts[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const [folder, list] of byFolder) {
      const own = new Set(ids(list));
      if (!references(list).some((id) => !own.has(id) && known.has(id)) && ![...own].some((id) => referenced.has(id))) continue;
      byFolder.delete(folder);
      out.push(...list);
      for (const id of own) known.add(id);
      for (const id of references(list)) referenced.add(id);
      changed = true;
    }
  }
  return out;
}

function notSuperseded(inSubfolders: AlembicMigrationFacts[], loaded: AlembicMigrationFacts[], environmentOf: (file: string) => string): AlembicMigrationFacts[] {
  if (!inSubfolders.length) return [];
  const declared = new Set(loaded.flatMap((m) => (m.revision ? [`${environmentOf(m.file)}\0${m.revision.id}`] : [])));
  const superseded = new Set<string>();
  for (const m of inSubfolders) if (m.revision && declared.has(`${environmentOf(m.file)}\0${m.revision.id}`)) superseded.add(path.dirname(m.file));
  return inSubfolders.filter((m) => ![...superseded].some((folder) => m.file.startsWith(folder + path.sep)));
}

/** One object per convention, whichever build reads it (the replay keeps its named operations per object). */
const internedConventions = new Map<string, NamingConvention>();

/** What a module of an Alembic environment contributes: the schemas it creates and the search path it sets, nothing else (memoised per facts object). */
const environmentFacts = new WeakMap<PyModuleFacts, PyModuleFacts | undefined>();
function environmentSchemas(m: PyModuleFacts): PyModuleFacts | undefined {
  if (environmentFacts.has(m)) return environmentFacts.get(m);
  const out = m.schemasCreated.length || m.schemasCreatedByCode?.length || m.searchPath
    ? {
      file: m.file, classes: [], coreTables: [], metadataVariables: new Map(), baseVariables: new Map(), looseIndexes: [], unknownTables: 0,
      schemasCreated: m.schemasCreated, ...(m.schemasCreatedByCode ? { schemasCreatedByCode: m.schemasCreatedByCode } : {}),
      ...(m.searchPath ? { environmentSearchPath: m.searchPath } : {}),
    }
    : undefined;
  environmentFacts.set(m, out);
  return out;
}

/** Whether a folder holds Python files of its own (not only `__init__.py`). */
function hasRevisionFiles(folder: string): boolean {
  try {
    return fs.readdirSync(folder).some((name) => name.endsWith('.py') && name !== '__init__.py');
  } catch {
    return false;
  }
}

function readTextOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The lines of a TOML table (`[tool.alembic]`), up to the next table that is not inside it. */
function tomlSection(text: string, table: string): string {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === `[${table}]`);
  if (start < 0) return '';
  let end = start + 1;
  while (end < lines.length && !(/^\s*\[/.test(lines[end]) && !lines[end].trim().startsWith(`[${table}.`))) end++;
  return lines.slice(start + 1, end).join('\n');
}

function isMigrationKind(kind: FileKind): boolean {
  return kind === 'alembic-migration' || kind === 'orm-migration';
}

/**
 * The commented-out migrations of folders that keep a chain's older migrations (see
 * archivedFolders): each ran once, before its code was commented out, and may have changed the
 * names its comments quote — a migration of the chain, placed by its name, of unknown effect.
 * Elsewhere a commented-out migration is none: no tool runs it.
 */
function ranBeforeCommentedOut(commented: AlembicMigrationFacts[], chainOf: (file: string) => string, folderOf: (file: string) => string): AlembicMigrationFacts[] {
  return commented.filter((m) => m.revision && m.sequence !== undefined && chainOf(m.file) !== folderOf(m.file)).map((m) => {
    const { notAMigration: _, commentedOut, ...rest } = m;
    // Its code as it ran, where it reads as a migration; else what its comments name, Unknown.
    if (commentedOut?.migration) return { ...commentedOut.migration, downRevisions: [] };
    const location = m.revision!.location;
    return {
      ...rest, downRevisions: [],
      operations: [{ kind: 'unknown' as const, description: 'a migration whose code is commented out: it ran before, and may have changed what it names', mentions: commentedOut?.mentions ?? [], location, guarded: false }],
    };
  });
}

/**
 * Folders of older migrations kept inside a chain's folder (`migrations/archives/`, moved there by a
 * script once they had run everywhere; a database made since starts from a dump), each paired with
 * that folder: the chain's first part, not a chain of its own. A folder is archived when the nearest
 * folder above it holding migrations of the same tool has every one of its migrations after every
 * one of the inner folder's: a folder running beside it (per database, per tenant) would
 * interleave with it or be named after a database, and a folder named `migrations` is a chain's own.
 */
export function archivedFolders(migrations: { folder: string; tool: 'typeorm' | 'sequelize'; sequence: string }[]): [string, string][] {
  const spans = new Map<string, { tool: 'typeorm' | 'sequelize' | 'both'; first: string; last: string }>();
  for (const m of migrations) {
    const span = spans.get(m.folder);
    if (!span) spans.set(m.folder, { tool: m.tool, first: m.sequence, last: m.sequence });
    else {
      if (span.tool !== m.tool) span.tool = 'both';
      if (m.sequence < span.first) span.first = m.sequence;
      if (m.sequence > span.last) span.last = m.sequence;
    }
  }
  const pairs: [string, string][] = [];
  for (const [folder, span] of spans) {
    // (A folder named as a chain's own — `migrations/` — is the chain, never an archive of a stray
    // migration-like file above it: umzug's glob and sequelize-cli's migrations-path name such a folder.)
    if (span.tool === 'both' || dialectOfFolderName(path.basename(folder)) || /^migrations?$/i.test(path.basename(folder))) continue;
    for (let up = path.dirname(folder); path.dirname(up) !== up; up = path.dirname(up)) {
      const outer = spans.get(up);
      if (!outer) continue;
      if (outer.tool === span.tool && span.last < outer.first) pairs.push([up, folder]);
      break;
    }
  }
  return pairs;
}

/**
 * Data sources' lists of migration folders, a folder that lists for two databases share (one whose
 * name names no database, listed beside `postgres/` and beside `sqlite/`) kept in the lists of one
 * database only: `preferred` (the project's), else the first by name. Lists of folders that name no
 * database, or one, are as given.
 */
function withSharedFoldersInOneDialect(lists: string[][], preferred: Dialect): string[][] {
  const dialectOf = (list: string[]) => {
    const named = [...new Set(list.map((folder) => dialectOfFolderName(path.basename(folder))).filter((d): d is Dialect => !!d))];
    return named.length === 1 ? named[0] : undefined;
  };
  const dialects = lists.map(dialectOf);
  const listsOf = new Map<string, number[]>();
  lists.forEach((list, i) => {
    for (const folder of new Set(list)) listsOf.set(folder, [...(listsOf.get(folder) ?? []), i]);
  });
  const dropped = lists.map(() => new Set<string>());
  for (const [folder, indexes] of listsOf) {
    if (dialectOfFolderName(path.basename(folder))) continue;
    const named = [...new Set(indexes.map((i) => dialects[i]).filter((d): d is Dialect => !!d))].sort();
    if (named.length < 2) continue;
    const kept = named.includes(preferred) ? preferred : named[0];
    for (const i of indexes) if (dialects[i] && dialects[i] !== kept) dropped[i].add(folder);
  }
  return lists.map((list, i) => list.filter((folder) => !dropped[i].has(folder)));
}

/**
 * TypeORM and Sequelize migrations run in timestamp order, one after the other: each one's parent
 * is the one before it in its folder. Set in place (the facts are this project's own; a re-read
 * file brings new facts, and every chain is linked again whenever one changes).
 */
function linkLinearChains(facts: AlembicMigrationFacts[], environmentOf: (file: string) => string): void {
  const chains = new Map<string, AlembicMigrationFacts[]>();
  for (const m of facts) {
    if (m.sequence === undefined) continue;
    const root = environmentOf(m.file);
    const list = chains.get(root);
    if (list) list.push(m);
    else chains.set(root, [m]);
  }
  for (const list of chains.values()) {
    list.sort((a, b) => (a.sequence! < b.sequence! ? -1 : a.sequence! > b.sequence! ? 1 : 0));
    list.forEach((m, i) => {
      const parent = list[i - 1]?.revision;
      m.downRevisions = parent ? [parent] : [];
    });
  }
}

/**
 * Whether a data source's `migrations` glob takes a migration file: as written, or — the glob naming
 * the compiled output (`dist/migrations/**\/*.js`) — its sources (`src/…/*.ts`); any file name the
 * last part allows whatever its extension.
 */
function migrationGlobTakes(pattern: string, file: string): boolean {
  const posix = file.split(path.sep).join('/');
  const relaxed = pattern.replace(/\/[^/]*$/, '/*');
  const asSources = relaxed.replace(/\/(?:dist|build|out|lib)\//, '/src/');
  try {
    return globToRegExp(relaxed).test(posix) || globToRegExp(asSources).test(posix);
  } catch {
    return false; // a glob TypeORM could not use either (an unclosed `{`): it takes nothing
  }
}

/** The files that make a folder an application of its own (a package of a monorepo). */
const APPLICATION_MANIFESTS = ['package.json', 'pyproject.toml', 'setup.py'];

/** Whether the package.json of the application in `dir` depends (in any way) on the package of the application in `other`. */
function dependsOnPackage(dir: string, other: string): boolean {
  const read = (folder: string): { name?: string; dependencies?: object; devDependencies?: object; peerDependencies?: object; optionalDependencies?: object } | undefined => {
    try {
      return JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const name = read(other)?.name;
  const own = read(dir);
  if (!name || !own) return false;
  return [own.dependencies, own.devDependencies, own.peerDependencies, own.optionalDependencies].some((deps) => !!deps && Object.prototype.hasOwnProperty.call(deps, name));
}

/**
 * Whether a file is a package manifest: package.json and pyproject.toml are; a `setup.py` only when it
 * is setuptools' (an application's own `core/setup.py` module is not).
 */
function isManifest(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  if (!file.endsWith('setup.py')) return true;
  return /\b(?:setuptools|distutils)\b/.test(readTextOrEmpty(file).slice(0, 8192));
}

/** Rounds of following the project's decorators through one another (see readThroughWrappers). */
const WRAPPER_ROUNDS = 4;
/** Files readThroughWrappers reads at once. */
const WRAPPER_READS_TOGETHER = 64;

/** One-shot analysis of a folder, as the CLI and the tests use it. */
export async function analyseDirectory(root: string, options: ProjectOptions = {}): Promise<Analysis> {
  const project = new Project(root, options);
  await project.scan();
  const analysis = project.analyse();
  await project.saveCache();
  return analysis;
}
