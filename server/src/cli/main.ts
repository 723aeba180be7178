/**
 * `schemasense`: the command line. `check` and `schema` run the same analysis as the language
 * server, headless; `lsp --stdio` is the language server itself.
 * Exit codes: 0 no finding at the failing severity, 1 findings, 2 usage or configuration error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { auditProject } from '../analysis/audit';
import { Project } from '../analysis/project';
import { checkAll, checkTargets, InputError, schemasForCli } from './targets';
import { redactUrl, resolveConnection } from '../live/connectionString';
import { introspect } from '../live/introspect';
import { withReadOnlySession } from '../live/session';
import { cacheDirectory } from '../workspace/factsCache';
import type { Severity } from '../rules/types';
import { coverageOf } from '../analysis/coverage';
import { formatDiff, planSafeFixes, writeFixes } from './fix';
import { formatCoverage, formatGithub, formatJson, formatMarkdown, formatSarif, formatText, VERSION } from './format';
import { mergeMigrationSchemas, schemaToJson } from './schemaJson';
import { closestNames } from '../model/similarNames';
import type { Progress } from '../analysis/project';
import { COLORS, colorWanted, type Paint, PLAIN, ProgressLine, type TerminalStream } from './terminal';

const USAGE = `Usage:
  schemasense check [path...] [--format text|json|sarif|github] [--fail-on error|warning|info|hint|never] [--fix | --diff] [--verbose] [--quiet]
  schemasense schema [dir] [--source models|migrations|live] [--database-url URL] [--format json]
  schemasense audit [dir] [--database-url URL] [--format text|json|sarif|markdown] [--fail-on ...]
  schemasense lsp --stdio
  schemasense help <command> | <command> --help
  schemasense --version | --help

check   analyses the ORM models and migrations under each folder (default: the current folder), or
        of the project the given files belong to, and reports problems (in those files only).
        Exits 0 when no finding reaches --fail-on (default: error), 1 when one does, 2 on a usage
        or configuration error. Its last line says what was read; --verbose lists each construct
        that could not be read (the rules stay silent about those).
schema  prints the schema model that Schema Sense reads from the sources, as JSON.
audit   everything check does, plus the live database: the one given by --database-url, else
        DATABASE_URL, .env, alembic.ini, a TypeORM data source or Sequelize's config; with none,
        an embedded PostgreSQL into which the migrations are replayed. Read-only, with a timeout.
lsp     runs the language server over stdio, for any LSP client.`;

/** What `schemasense <command> --help` and `schemasense help <command>` print. */
const COMMAND_HELP: Record<string, string> = {
  check: `Usage: schemasense check [path...] [options]

Analyses the ORM models and migrations under each folder given (default: the current folder) and
reports problems. Files given (what a pre-commit hook passes) are checked as part of the project of
the current folder, and only their problems are reported.

Options:
  -f, --format text|json|sarif|github   output format (default: text; github: workflow annotations)
      --fix                             apply the safe fixes to the files, then report what is left
      --diff                            print the safe fixes as a unified diff, change nothing
                                        (exit 1 when there is one)
      --fail-on error|warning|info|hint|never
                                        exit 1 when a finding reaches this severity (default: error)
      --verbose                         list each construct that could not be read
  -q, --quiet                           no progress line on a terminal
      --color, --no-color               colour the output or not (default: on a terminal, unless
                                        NO_COLOR is set; FORCE_COLOR forces it)
  -h, --help                            this help

Exit codes: 0 no finding at --fail-on, 1 findings, 2 usage or configuration error.`,
  schema: `Usage: schemasense schema [dir] [options]

Prints the schema Schema Sense reads, as JSON.

Options:
  -s, --source models|migrations|live   which schema (default: models)
  -d, --database-url URL                the database, for --source live
  -f, --format json                     output format (only json)
  -q, --quiet                           no progress line on a terminal
  -h, --help                            this help`,
  audit: `Usage: schemasense audit [dir] [options]

Everything check does, plus the live database (read-only, with a timeout): --database-url, else
DATABASE_URL, .env, alembic.ini, a TypeORM data source or Sequelize's config; with none, an embedded
PostgreSQL into which the migrations are replayed.

Options:
  -d, --database-url URL                the database to audit
  -f, --format text|json|sarif|markdown output format (default: text)
      --fail-on error|warning|info|hint|never
                                        exit 1 when a finding reaches this severity (default: error)
      --verbose                         list each construct that could not be read
  -q, --quiet                           no progress line on a terminal
      --color, --no-color               colour the output or not (default: on a terminal)
  -h, --help                            this help`,
  lsp: `Usage: schemasense lsp --stdio

Runs the language server over stdio, for any LSP client (VS Code, Neovim, Emacs, Helix).`,
};

const SHORT_OPTIONS: Record<string, string> = { '-f': '--format', '-d': '--database-url', '-s': '--source', '-q': '--quiet' };

class UsageError extends Error {}

interface Parsed {
  command: string;
  /** The first path (the folder of `schema` and `audit`). */
  dir: string;
  /** Every path given (`check` takes several folders and files); the current folder when none. */
  paths: string[];
  options: Map<string, string>;
}

const VALUE_OPTIONS = new Set(['--format', '--fail-on', '--source', '--database-url']);
const FLAG_OPTIONS = new Set(['--stdio', '--verbose', '--quiet', '--color', '--no-color', '--fix', '--diff']);

function parseArgs(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = SHORT_OPTIONS[rest[i]] ?? rest[i];
    if (arg.startsWith('-') && !arg.startsWith('--') && arg.length > 1) {
      throw new UsageError(`unknown option ${arg}`);
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.split('=', 2);
      if (VALUE_OPTIONS.has(name)) {
        const value = inline ?? rest[++i];
        if (value === undefined) throw new UsageError(`${name} needs a value`);
        options.set(name, value);
      } else if (FLAG_OPTIONS.has(name)) options.set(name, 'true');
      else throw new UsageError(`unknown option ${name}${suggestion(name, [...VALUE_OPTIONS, ...FLAG_OPTIONS, '--help'])}`);
    } else positional.push(arg);
  }
  if (positional.length > 1 && command !== 'check') throw new UsageError(`expected one folder, got: ${positional.join(' ')}`);
  const paths = (positional.length ? positional : ['.']).map((p) => path.resolve(p));
  return { command, dir: paths[0], paths, options };
}

/** `; did you mean --format?` for a near miss, else nothing. */
function suggestion(given: string, known: string[]): string {
  const [best] = closestNames(given, known, 1);
  return best ? ` (did you mean ${best}?)` : '';
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
    throw new UsageError(`--database-url: schemasense ${command} reads the sources only; use \`schemasense audit\` to include the live database`);
  }
}

function explicitUrl(options: Map<string, string>): { url: string; source: string } | undefined {
  const url = options.get('--database-url');
  if (url === undefined) return undefined;
  if (!/^postgres(ql)?(\+\w+)?:\/\//i.test(url)) throw new UsageError('--database-url must be a PostgreSQL URL (postgresql://user:password@host:port/database)');
  return { url, source: '--database-url' };
}

const SEVERITY_ORDER: Severity[] = ['hint', 'info', 'warning', 'error'];

/** What the CLI's streams are: a terminal gets colour on stdout and a progress line on stderr. */
export interface Terminal {
  stdout: { isTTY?: boolean };
  /** stderr, when it is a terminal (the progress line is drawn there). */
  progressStream?: TerminalStream;
  /** How long a run goes before the progress line appears (default a second: short runs show none). */
  progressDelayMs?: number;
  env: NodeJS.ProcessEnv;
}

const PIPES: Terminal = { stdout: {}, env: {} };

/** The progress line of a long run, or nothing (not a terminal, or --quiet). */
function progressOf(terminal: Terminal, options: Map<string, string>): { onProgress?: (p: Progress) => void; line?: ProgressLine } {
  if (!terminal.progressStream || options.has('--quiet')) return {};
  const line = new ProgressLine(terminal.progressStream, terminal.progressDelayMs ?? 1000);
  const onProgress = (p: Progress) => line.update(
    p.phase === 'reading' ? `schemasense: reading files ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')}`
      : p.phase === 'building' ? `schemasense: building the schema from the ${p.what}`
        : `schemasense: checking rule ${p.done + 1} of ${p.total} (${p.rule})`,
  );
  return { onProgress, line };
}

function paintOf(terminal: Terminal, options: Map<string, string>): Paint {
  const flag = options.has('--no-color') ? false : options.has('--color') ? true : undefined;
  return colorWanted(terminal.stdout, terminal.env, flag) ? COLORS : PLAIN;
}

export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void, terminal: Terminal = PIPES): Promise<number> {
  try {
    if (argv[0] === 'help' && argv[1]) {
      if (!COMMAND_HELP[argv[1]]) throw new UsageError(`unknown command "${argv[1]}"`);
      out(COMMAND_HELP[argv[1]]);
      return 0;
    }
    if (!argv.length || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      out(USAGE);
      return argv.length ? 0 : 2;
    }
    if (COMMAND_HELP[argv[0]] && argv.slice(1).some((a) => a === '--help' || a === '-h')) {
      out(COMMAND_HELP[argv[0]]);
      return 0;
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      out(VERSION);
      return 0;
    }
    const parsed = parseArgs(argv);
    switch (parsed.command) {
      case 'check': {
        const format = choice(parsed.options, '--format', ['text', 'json', 'sarif', 'github'], 'text');
        const failOn = choice(parsed.options, '--fail-on', ['error', 'warning', 'info', 'hint', 'never'], 'error');
        refuseLive(parsed.options, 'check');
        const targets = checkTargets(parsed.paths);
        // One folder: paths as before, from it. Several paths, or files: from the current folder.
        const display = targets.length === 1 && !targets[0].files ? targets[0].root : process.cwd();
        const { onProgress, line } = progressOf(terminal, parsed.options);
        const analyse = () => checkAll(targets, onProgress);
        let report = await analyse().finally(() => line?.clear());
        if (report.configProblems.length) {
          for (const p of report.configProblems) err(`schemasense: configuration error: ${p}`);
          return 2;
        }
        if (parsed.options.has('--diff')) {
          const plan = planSafeFixes(report.findings);
          if (plan.files.length) out(formatDiff(display, plan));
          return plan.files.length ? 1 : 0;
        }
        if (parsed.options.has('--fix')) {
          const plan = planSafeFixes(report.findings);
          const failed = writeFixes(plan);
          for (const f of failed) err(`schemasense: could not fix ${path.relative(display, f.file)}: ${f.reason}`);
          const written = plan.files.filter((f) => !failed.some((x) => x.file === f.file));
          const fixed = written.reduce((n, f) => n + f.fixes, 0);
          err(`schemasense: fixed ${fixed} problem${fixed === 1 ? '' : 's'} in ${written.length} file${written.length === 1 ? '' : 's'}${plan.notApplied ? ` (${plan.notApplied} safe fix${plan.notApplied === 1 ? '' : 'es'} overlapped another and ${plan.notApplied === 1 ? 'was' : 'were'} left)` : ''}.`);
          if (written.length) report = await analyse().finally(() => line?.clear());
        }
        for (const s of report.skipped) err(`schemasense: skipped ${path.relative(display, s.file)}: it ${s.reason}`);
        for (const e of report.ruleErrors) err(`schemasense: internal error in rule ${e.ruleId}: ${e.error}`);
        const verbose = parsed.options.has('--verbose');
        out(format === 'json' ? formatJson(display, report) : format === 'sarif' ? formatSarif(display, report)
          : format === 'github' ? formatGithub(display, report)
            : `${formatText(display, report, paintOf(terminal, parsed.options), verbose)}\n${formatCoverage(display, report.coverage, verbose)}`);
        if (failOn === 'never') return 0;
        const threshold = SEVERITY_ORDER.indexOf(failOn as Severity);
        return report.findings.some((f) => SEVERITY_ORDER.indexOf(f.severity) >= threshold) ? 1 : 0;
      }
      case 'schema': {
        choice(parsed.options, '--format', ['json'], 'json');
        const source = choice(parsed.options, '--source', ['models', 'migrations', 'live'], 'models');
        if (source !== 'live') refuseLive(parsed.options, 'schema');
        checkDirectory(parsed.dir);
        if (source === 'live') {
          const explicit = explicitUrl(parsed.options);
          const connection = resolveConnection(parsed.dir, { explicit });
          if (!connection) throw new InputError('--source live needs a database: give --database-url, or set DATABASE_URL');
          const live = await withReadOnlySession(connection.url, (query) => introspect(query, redactUrl(connection.url)));
          out(JSON.stringify(schemaToJson(parsed.dir, live.schema), null, 2));
          return 0;
        }
        const { onProgress, line } = progressOf(terminal, parsed.options);
        const analysis = await schemasForCli(parsed.dir, onProgress).finally(() => line?.clear());
        for (const s of analysis.skipped) err(`schemasense: skipped ${path.relative(parsed.dir, s.file)}: it ${s.reason}`);
        const model = source === 'models' ? analysis.models : mergeMigrationSchemas(analysis.migrations.map((m) => m.schema));
        out(JSON.stringify(schemaToJson(parsed.dir, model), null, 2));
        return 0;
      }
      case 'audit': {
        const format = choice(parsed.options, '--format', ['text', 'json', 'sarif', 'markdown'], 'text');
        const failOn = choice(parsed.options, '--fail-on', ['error', 'warning', 'info', 'hint', 'never'], 'error');
        const explicit = explicitUrl(parsed.options);
        checkDirectory(parsed.dir);
        const { onProgress, line } = progressOf(terminal, parsed.options);
        const project = new Project(parsed.dir, { cacheDirectory: cacheDirectory(), onProgress });
        const base = await project.scan().then(() => project.analyse()).finally(() => line?.clear());
        if (base.configProblems.length) {
          for (const p of base.configProblems) err(`schemasense: configuration error: ${p}`);
          return 2;
        }
        const audit = await auditProject(project, { explicit, onProgress: (m) => err(`schemasense: ${m}…`) });
        await project.saveCache();
        for (const s of base.skipped) err(`schemasense: skipped ${path.relative(parsed.dir, s.file)}: it ${s.reason}`);
        for (const e of audit.analysis.ruleErrors) err(`schemasense: internal error in rule ${e.ruleId}: ${e.error}`);
        const coverage = coverageOf(base.models, base.migrations, base.dialect);
        const report = { findings: audit.findings, skipped: base.skipped, coverage };
        out(format === 'json' ? formatJson(parsed.dir, report, audit) : format === 'sarif' ? formatSarif(parsed.dir, report)
          : format === 'markdown' ? formatMarkdown(parsed.dir, audit)
          : `Audited ${audit.database.describedAs}.\n${audit.notes.map((n) => `${n}\n`).join('')}${formatText(parsed.dir, report, paintOf(terminal, parsed.options), parsed.options.has('--verbose'))}\n${formatCoverage(parsed.dir, coverage, parsed.options.has('--verbose'))}`);
        if (failOn === 'never') return 0;
        const threshold = SEVERITY_ORDER.indexOf(failOn as Severity);
        return audit.findings.some((f) => SEVERITY_ORDER.indexOf(f.severity) >= threshold) ? 1 : 0;
      }
      default:
        throw new UsageError(`unknown command "${parsed.command}"${suggestion(parsed.command, Object.keys(COMMAND_HELP))}`);
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
