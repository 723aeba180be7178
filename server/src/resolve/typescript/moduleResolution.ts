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

  /** The nearest tsconfig.json / jsconfig.json from `dir` up to the workspace root. */
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
    if (!found && dir !== this.root && parent !== dir && (dir + path.sep).startsWith(this.root + path.sep)) found = this.configFileOf(parent);
    this.configOfDirectory.set(dir, found);
    return found;
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
 * A relative import as TypeScript resolves it: the file with one of the source extensions (a `.js`
 * specifier may name the `.ts` file compiled to it), else the folder's index file.
 */
function relativeModule(from: string, specifier: string): string | undefined {
  const full = path.resolve(path.dirname(from), specifier);
  const stems = /\.[cm]?jsx?$/.test(full) ? [full.replace(/\.([cm]?)js(x?)$/, '.$1ts$2'), full] : [];
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
