/**
 * Which file an import names, as TypeScript resolves it: the compiler's own `resolveModuleName`
 * with the options of the nearest tsconfig.json / jsconfig.json (its `extends`, `baseUrl`, `paths`,
 * `moduleResolution`), so that path aliases (`@app/entities`), index files, `.js` specifiers of `.ts`
 * files and package `exports` resolve exactly as in the project's build. Only the project's own
 * sources count: a library (node_modules, a declaration file) is outside what the readers model.
 */
import * as path from 'path';
import * as fs from 'fs';
import type * as TS from 'typescript';

interface ConfigOptions {
  options: TS.CompilerOptions;
  cache: TS.ModuleResolutionCache;
  /** Bare specifiers may name project files (`baseUrl`, `paths`); without either they name packages. */
  bareMayBeLocal: boolean;
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

export class TsModuleResolver {
  private readonly configOfDirectory = new Map<string, string | undefined>();
  private readonly configs = new Map<string, ConfigOptions>();
  private readonly results = new Map<string, string | undefined>();
  /** Problems met reading a configuration (an unreadable tsconfig): said once, never thrown. */
  readonly problems: string[] = [];
  /**
   * What the project's modules resolve to, by folder and specifier, kept while the set of files
   * stays the same (the project makes a new resolver when files come or go): edits re-build the
   * model without resolving an import twice.
   */
  readonly projectModules = new Map<string, string | undefined>();

  /**
   * `root`: the workspace folder; configurations are looked for up to it. `compiler`: loads the
   * TypeScript compiler — only when an import may be a path alias (a project with a tsconfig.json
   * whose import names no relative path), so that a start from the facts cache does not load it.
   */
  constructor(private readonly root: string, private readonly compiler: () => typeof TS) {}

  /** The project source file `specifier` names from `from`, or undefined (a package, a file not there). */
  resolve(from: string, specifier: string): string | undefined {
    const key = `${path.dirname(from)}\0${specifier}`;
    if (this.results.has(key)) return this.results.get(key);
    const result = this.resolveUncached(from, specifier);
    this.results.set(key, result);
    return result;
  }

  private resolveUncached(from: string, specifier: string): string | undefined {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) return relativeModule(from, specifier);
    // A package of the monorepo's own workspaces (`@acme/db`): its sources, whether or not
    // `npm install` has linked it into node_modules yet.
    const own = this.workspacePackage(specifier);
    if (own !== undefined) return own || undefined;
    // A bare specifier names a package, unless a configuration maps it (baseUrl, paths).
    if (!this.configFileOf(path.dirname(from))) return undefined;
    const t = this.compiler();
    const config = this.configFor(from);
    if (!config.bareMayBeLocal) return undefined;
    let resolved: TS.ResolvedModuleFull | undefined;
    try {
      resolved = t.resolveModuleName(specifier, from, config.options, t.sys, config.cache).resolvedModule;
    } catch {
      return undefined;
    }
    if (!resolved || resolved.isExternalLibraryImport || /\.d\.[cm]?ts$/.test(resolved.resolvedFileName)) return undefined;
    const file = path.resolve(resolved.resolvedFileName);
    return /[\\/]node_modules[\\/]/.test(file) ? undefined : file;
  }

  private workspaces: Map<string, string> | undefined;

  /**
   * The source file a specifier names in one of the workspace's own packages (npm/yarn `workspaces`,
   * pnpm-workspace.yaml, lerna.json): '' when it names such a package but no source file of it,
   * undefined when it names none.
   */
  private workspacePackage(specifier: string): string | undefined {
    this.workspaces ??= workspacePackages(this.root);
    if (!this.workspaces.size) return undefined;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    const dir = this.workspaces.get(name);
    if (!dir) return undefined;
    const subpath = specifier.slice(name.length + 1);
    if (subpath) return relativeModule(path.join(dir, 'index.ts'), `./${subpath}`) ?? relativeModule(path.join(dir, 'src', 'index.ts'), `./${subpath}`) ?? '';
    return packageEntry(dir) ?? '';
  }

  private configFor(file: string): ConfigOptions {
    const configFile = this.configFileOf(path.dirname(file));
    const key = configFile ?? '';
    let config = this.configs.get(key);
    if (!config) {
      config = this.readConfig(configFile);
      this.configs.set(key, config);
    }
    return config;
  }

  /**
   * The nearest tsconfig.json / jsconfig.json from `dir` up to the workspace root — and, for a
   * workspace that is a folder of a package (`server/src` opened or checked alone), on up to that
   * package's folder, as TypeScript itself finds it (`baseUrl: "./"` naming `src/enum`).
   */
  private configFileOf(dir: string): string | undefined {
    if (this.configOfDirectory.has(dir)) return this.configOfDirectory.get(dir);
    let found: string | undefined;
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) {
        found = candidate;
        break;
      }
    }
    const parent = path.dirname(dir);
    const inside = (dir + path.sep).startsWith(this.root + path.sep);
    if (!found && parent !== dir && inside && dir !== this.root) found = this.configFileOf(parent);
    else if (!found && parent !== dir && dir === this.root) found = this.configAbovePackageRoot(dir);
    this.configOfDirectory.set(dir, found);
    return found;
  }

  /** Above the workspace root, up to the first folder holding a package.json: its config, if any. */
  private configAbovePackageRoot(root: string): string | undefined {
    if (fs.existsSync(path.join(root, 'package.json'))) return undefined;
    for (let dir = path.dirname(root); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
      const config = CONFIG_NAMES.map((name) => path.join(dir, name)).find((candidate) => fs.existsSync(candidate));
      if (config) return config;
      if (fs.existsSync(path.join(dir, 'package.json'))) return undefined;
    }
    return undefined;
  }

  private readConfig(configFile: string | undefined): ConfigOptions {
    const t = this.compiler();
    let options: TS.CompilerOptions = {};
    if (configFile) {
      try {
        const read = t.readConfigFile(configFile, t.sys.readFile);
        if (read.error) this.problems.push(`${configFile}: ${t.flattenDiagnosticMessageText(read.error.messageText, ' ')}`);
        // No file enumeration: only the options matter here (`include` globs could walk the whole tree).
        const host: TS.ParseConfigHost = { useCaseSensitiveFileNames: t.sys.useCaseSensitiveFileNames, readDirectory: () => [], fileExists: t.sys.fileExists, readFile: t.sys.readFile };
        options = t.parseJsonConfigFileContent(read.config ?? {}, host, path.dirname(configFile), undefined, configFile).options;
      } catch (e) {
        this.problems.push(`${configFile}: ${(e as Error).message}`);
      }
    }
    options = { ...options, allowJs: true };
    const directory = configFile ? path.dirname(configFile) : this.root;
    const cache = t.createModuleResolutionCache(directory, (f) => (t.sys.useCaseSensitiveFileNames ? f : f.toLowerCase()), options);
    return { options, cache, bareMayBeLocal: options.baseUrl !== undefined || options.paths !== undefined };
  }
}

/**
 * The packages the workspace declares (`"workspaces": ["packages/*"]` in package.json, `packages:` in
 * pnpm-workspace.yaml or lerna.json): name → folder. Patterns are folders, `dir/*` or `dir/**`.
 */
export function workspacePackages(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const json = (file: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const patterns: string[] = [];
  const declared = json(path.join(root, 'package.json'))?.workspaces;
  const list = Array.isArray(declared) ? declared : (declared as { packages?: unknown } | undefined)?.packages;
  if (Array.isArray(list)) patterns.push(...list.filter((p): p is string => typeof p === 'string'));
  const lerna = json(path.join(root, 'lerna.json'))?.packages;
  if (Array.isArray(lerna)) patterns.push(...lerna.filter((p): p is string => typeof p === 'string'));
  try {
    const yaml = fs.readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
    for (const m of yaml.matchAll(/^\s*-\s*['"]?([^'"#\n]+?)['"]?\s*$/gm)) patterns.push(m[1]);
  } catch {
    // No pnpm workspace.
  }
  const add = (dir: string) => {
    const name = json(path.join(dir, 'package.json'))?.name;
    if (typeof name === 'string' && !out.has(name)) out.set(name, dir);
  };
  const subfolders = (dir: string): string[] => {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')).map((e) => path.join(dir, e.name));
    } catch {
      return [];
    }
  };
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue;
    const clean = pattern.replace(/\/+$/, '');
    const star = clean.indexOf('*');
    const base = path.resolve(root, star < 0 ? clean : clean.slice(0, star).replace(/\/+$/, ''));
    if (!(base + path.sep).startsWith(root + path.sep) && base !== root) continue;
    if (star < 0) add(base);
    else if (clean.endsWith('**')) {
      // Packages nested up to three folders below.
      let level = [base];
      for (let depth = 0; depth < 3; depth++) {
        level = level.flatMap(subfolders);
        for (const d of level) add(d);
      }
    } else for (const d of subfolders(base)) add(d);
  }
  return out;
}

/**
 * A workspace package's main module, as its sources: `types`, `main`, `module` or `exports["."]`
 * of its package.json, read from `src/` when they name built output (`dist/index.js` →
 * `src/index.ts`), else `src/index` or `index`.
 */
function packageEntry(dir: string): string | undefined {
  let manifest: Record<string, unknown> = {};
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    // A package.json that cannot be read: the conventional entries below.
  }
  const exported = (manifest.exports as Record<string, unknown> | string | undefined);
  const dot = typeof exported === 'string' ? exported : (exported?.['.'] as unknown);
  const fromExports = typeof dot === 'string' ? dot : dot && typeof dot === 'object'
    ? ['types', 'import', 'require', 'default'].map((k) => (dot as Record<string, unknown>)[k]).find((v): v is string => typeof v === 'string') : undefined;
  const entries = [manifest.types, manifest.typings, fromExports, manifest.module, manifest.main].filter((v): v is string => typeof v === 'string');
  const anchor = path.join(dir, 'package.json');
  for (const entry of entries) {
    const stem = entry.replace(/\.d\.[cm]?ts$/, '').replace(/\.[cm]?[jt]sx?$/, '');
    const asSource = stem.replace(/^(\.\/)?(dist|lib|build|out)\//, '$1src/');
    const found = relativeModule(anchor, asSource.startsWith('.') ? asSource : `./${asSource}`) ?? relativeModule(anchor, stem.startsWith('.') ? stem : `./${stem}`);
    if (found) return found;
  }
  return relativeModule(anchor, './src/index') ?? relativeModule(anchor, './index');
}

/**
 * A relative import as TypeScript resolves it: the file with one of the source extensions (a `.js`
 * specifier may name the `.ts` file compiled to it, a `.ts` specifier names itself), else the folder's index file.
 */
function relativeModule(from: string, specifier: string): string | undefined {
  const full = path.resolve(path.dirname(from), specifier);
  // `./role.js` names the `.ts` compiled to it; `./role.ts` (allowImportingTsExtensions, Node's type stripping) names itself.
  const stems = /\.[cm]?jsx?$/.test(full) ? [full.replace(/\.([cm]?)js(x?)$/, '.$1ts$2'), full] : /\.[cm]?tsx?$/.test(full) ? [full] : [];
  for (const candidate of [...stems, ...EXTENSIONS.map((e) => full + e), ...EXTENSIONS.map((e) => path.join(full, `index${e}`))]) {
    if (isFile(candidate) && !/\.d\.[cm]?ts$/.test(candidate) && !/[\\/]node_modules[\\/]/.test(candidate)) return candidate;
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
