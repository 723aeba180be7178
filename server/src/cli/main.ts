/**
 * `schemasense`: the command line. `check` and `schema` run the same analysis as the language
 * server, headless; `lsp --stdio` is the language server itself.
 * Exit codes: 0 no finding at the failing severity, 1 findings, 2 usage or configuration error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyseDirectory } from '../analysis/project';
import { cacheDirectory } from '../workspace/factsCache';
import type { Severity } from '../rules/types';
import { formatJson, formatSarif, formatText, VERSION } from './format';
import { mergeMigrationSchemas, schemaToJson } from './schemaJson';

const USAGE = `Usage:
  schemasense check [dir] [--format text|json|sarif] [--fail-on error|warning|info|hint|never]
  schemasense schema [dir] [--source models|migrations] [--format json]
  schemasense lsp --stdio
  schemasense --version | --help

check   analyses the ORM models under dir (default: the current folder) and reports problems.
        Exits 0 when no finding reaches --fail-on (default: error), 1 when one does, 2 on a usage
        or configuration error.
schema  prints the schema model that Schema Sense reads from the sources, as JSON.
lsp     runs the language server over stdio, for any LSP client.`;

class UsageError extends Error {}
/** A problem with the input rather than the command line: no usage text needed. */
class InputError extends Error {}

interface Parsed {
  command: string;
  dir: string;
  options: Map<string, string>;
}

const VALUE_OPTIONS = new Set(['--format', '--fail-on', '--source', '--database-url']);
const FLAG_OPTIONS = new Set(['--stdio']);

function parseArgs(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.split('=', 2);
      if (VALUE_OPTIONS.has(name)) {
        const value = inline ?? rest[++i];
        if (value === undefined) throw new UsageError(`${name} needs a value`);
        options.set(name, value);
      } else if (FLAG_OPTIONS.has(name)) options.set(name, 'true');
      else throw new UsageError(`unknown option ${name}`);
    } else positional.push(arg);
  }
  if (positional.length > 1) throw new UsageError(`expected one folder, got: ${positional.join(' ')}`);
  return { command, dir: path.resolve(positional[0] ?? '.'), options };
}

function choice(options: Map<string, string>, name: string, allowed: string[], fallback: string): string {
  const v = options.get(name) ?? fallback;
  if (!allowed.includes(v)) throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
  return v;
}

function checkDirectory(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new InputError(`folder not found: ${dir}`);
  }
  if (!stat.isDirectory()) throw new InputError(`not a folder: ${dir}`);
}

function refuseLive(options: Map<string, string>, command: string): void {
  if (options.has('--database-url')) {
    throw new UsageError(`--database-url: comparing with a live database is not available in this version of schemasense ${command}; run without it to check the models`);
  }
}

const SEVERITY_ORDER: Severity[] = ['hint', 'info', 'warning', 'error'];

export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  try {
    if (!argv.length || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      out(USAGE);
      return argv.length ? 0 : 2;
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      out(VERSION);
      return 0;
    }
    const parsed = parseArgs(argv);
    switch (parsed.command) {
      case 'check': {
        const format = choice(parsed.options, '--format', ['text', 'json', 'sarif'], 'text');
        const failOn = choice(parsed.options, '--fail-on', ['error', 'warning', 'info', 'hint', 'never'], 'error');
        refuseLive(parsed.options, 'check');
        checkDirectory(parsed.dir);
        const analysis = await analyseDirectory(parsed.dir, { cacheDirectory: cacheDirectory() });
        if (analysis.configProblems.length) {
          for (const p of analysis.configProblems) err(`schemasense: configuration error: ${p}`);
          return 2;
        }
        for (const s of analysis.skipped) err(`schemasense: skipped ${path.relative(parsed.dir, s.file)}: it ${s.reason}`);
        for (const e of analysis.ruleErrors) err(`schemasense: internal error in rule ${e.ruleId}: ${e.error}`);
        out(format === 'json' ? formatJson(parsed.dir, analysis) : format === 'sarif' ? formatSarif(parsed.dir, analysis) : formatText(parsed.dir, analysis));
        if (failOn === 'never') return 0;
        const threshold = SEVERITY_ORDER.indexOf(failOn as Severity);
        return analysis.findings.some((f) => SEVERITY_ORDER.indexOf(f.severity) >= threshold) ? 1 : 0;
      }
      case 'schema': {
        choice(parsed.options, '--format', ['json'], 'json');
        const source = choice(parsed.options, '--source', ['models', 'migrations', 'live'], 'models');
        if (source === 'live') throw new UsageError('--source live is not available in this version; --source models and --source migrations are');
        refuseLive(parsed.options, 'schema');
        checkDirectory(parsed.dir);
        const analysis = await analyseDirectory(parsed.dir, { cacheDirectory: cacheDirectory() });
        for (const s of analysis.skipped) err(`schemasense: skipped ${path.relative(parsed.dir, s.file)}: it ${s.reason}`);
        const model = source === 'models' ? analysis.models : mergeMigrationSchemas(analysis.migrations.map((m) => m.schema));
        out(JSON.stringify(schemaToJson(parsed.dir, model), null, 2));
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${parsed.command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`schemasense: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    err(`schemasense: ${(e as Error).message}`);
    return 2;
  }
}
