/** Output formats of `schemasense check` and `audit`: text for people, JSON for scripts, SARIF for code scanning, Markdown for a report. */

/** What the formats print: an analysis, or an audit's findings. */
export interface Report {
  findings: Finding[];
  skipped: { file: string; reason: string }[];
  /** What was read, and what could not be (JSON carries it whole). */
  coverage?: Coverage;
}
import { isInDatabase } from '../model/source';
import * as path from 'path';
import type { AuditResult } from '../analysis/audit';
import { coverageLine, type Coverage } from '../analysis/coverage';
import { REPLAY_FAILED } from '../analysis/replayFinding';
import { allRules } from '../rules/registry';
import { hostedRuleDocsUrl, ruleDocsPage, ruleDocsUrl, ruleSummary } from '../rules/support/docs';
import { createHash } from 'crypto';
import * as fs from 'fs';
import type { Finding, Severity } from '../rules/types';
import { type Paint, PLAIN } from './terminal';

export const VERSION = '0.1.0';

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** `file:line:column`, or "database" for what only the live database holds. */
function where(root: string, location: Finding['location'], column = true): string {
  if (isInDatabase(location)) return 'database';
  const p = location.range.start;
  return `${rel(root, location.file)}:${p.line + 1}${column ? `:${p.character + 1}` : ''}`;
}

export function findingToJson(root: string, f: Finding) {
  const r = f.location.range;
  const inDatabase = isInDatabase(f.location);
  return {
    rule: f.ruleId,
    severity: f.severity,
    // What only the live database holds is in no file: file and positions are null.
    file: inDatabase ? null : rel(root, f.location.file),
    line: inDatabase ? null : r.start.line + 1,
    column: inDatabase ? null : r.start.character + 1,
    endLine: inDatabase ? null : r.end.line + 1,
    endColumn: inDatabase ? null : r.end.character + 1,
    message: f.message,
    related: f.related.map((x) => ({ file: rel(root, x.location.file), line: x.location.range.start.line + 1, message: x.message })),
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      safety: fix.safety,
      edits: fix.edits.map((e) => ({
        file: rel(root, e.file),
        line: e.range.start.line + 1, column: e.range.start.character + 1,
        endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1,
        newText: e.newText,
        ...(e.create ? { create: true } : {}),
      })),
    })),
  };
}

export function formatJson(root: string, analysis: Report, audit?: AuditResult): string {
  return JSON.stringify({
    findings: analysis.findings.map((f) => findingToJson(root, f)),
    skipped: analysis.skipped.map((s) => ({ file: rel(root, s.file), reason: s.reason })),
    ...(analysis.coverage ? { coverage: coverageToJson(root, analysis.coverage) } : {}),
    ...(audit ? { database: audit.database, notes: audit.notes, replay: audit.replay && replayToJson(root, audit) } : {}),
  }, null, 2);
}

function coverageToJson(root: string, c: Coverage) {
  return {
    modelTables: c.modelTables,
    modelClasses: c.modelClasses,
    migrations: c.migrations,
    unread: c.unread.map((u) => ({ file: rel(root, u.location.file), line: u.location.range.start.line + 1, what: u.what })),
  };
}

/**
 * The coverage line; with `verbose`, every construct that could not be read, one per line — the
 * statements of one file that are not read for one reason (a MySQL migration's SQL, which
 * PostgreSQL's parser rejects statement by statement) on one line, with the lines of the others.
 */
export function formatCoverage(root: string, c: Coverage, verbose: boolean): string {
  const lines = [coverageLine(c, verbose)];
  if (!verbose) return [...lines, ...(c.assumptions ?? [])].join('\n');
  const reason = (what: string) => what.replace(/:\s[^:]*$/, '');
  for (let i = 0; i < c.unread.length;) {
    const u = c.unread[i];
    let j = i + 1;
    const rejected = u.rejectedSql || /^migration operation: SQL that PostgreSQL's parser rejects/.test(u.what);
    while (rejected && j < c.unread.length && c.unread[j].location.file === u.location.file && reason(c.unread[j].what) === reason(u.what)) j++;
    const others = c.unread.slice(i + 1, j).map((o) => o.location.range.start.line + 1);
    const more = others.length ? ` (and ${others.length} more statement${others.length === 1 ? '' : 's'} of this file: line${others.length === 1 ? '' : 's'} ${lineRuns(others)})` : '';
    lines.push(`    ${rel(root, u.location.file)}:${u.location.range.start.line + 1}: ${u.what}${more}`);
    i = j;
  }
  lines.push(...(c.assumptions ?? []));
  return lines.join('\n');
}

/** Line numbers, runs of three or more consecutive ones written as a range: `8–58, 61`. */
function lineRuns(lines: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    if (j - i >= 2) out.push(`${lines[i]}–${lines[j]}`);
    else for (let k = i; k <= j; k++) out.push(String(lines[k]));
    i = j + 1;
  }
  return out.join(', ');
}

function replayToJson(root: string, audit: AuditResult) {
  const r = audit.replay!;
  return {
    migrationsApplied: r.migrationsApplied,
    operationsApplied: r.operationsApplied,
    failure: r.failure && { file: rel(root, r.failure.migration), line: r.failure.location.range.start.line + 1, revision: r.failure.revision, error: r.failure.error, code: r.failure.code, statement: r.failure.statement },
    skipped: r.skipped.map((s) => ({ file: rel(root, s.location.file), line: s.location.range.start.line + 1, why: s.why })),
  };
}

/** Where a message's headline may end: its first sentence, or (when that is long) its first clause. */
const HEADLINE_MAX = 140;

/**
 * The first sentence of a finding's message (what is wrong), or its first clause when the sentence
 * is long; a "Did you mean …?" is kept. Quotes and parentheses are never cut inside. The whole
 * message — the why, the evidence — is in `--verbose`, JSON, SARIF and the editor.
 */
export function headline(message: string): string {
  const ends: { sentence?: number; clause?: number } = {};
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && message[i + 1] === ' ') {
      if (c === ':' && ends.clause === undefined) ends.clause = i;
      if (c === '.' && ends.sentence === undefined) {
        ends.sentence = i;
        break;
      }
    }
  }
  const sentence = ends.sentence !== undefined ? message.slice(0, ends.sentence + 1) : message;
  // A long sentence is cut after its first clause, unless what follows is a short fact of its own
  // ("…differs from what the migrations create: NOT NULL in the model, nullable in the migrations."),
  // or becomes one without its asides ("type varchar(100) (DataTypes.STRING(100)) in the model, …"
  // says what differs without the spelling of each side).
  const short = ends.clause !== undefined && sentence.length - ends.clause <= 60;
  const tail = ends.clause !== undefined ? sentence.slice(ends.clause + 1).replace(/ \(evidence: [^)]*\)\.$/, '.') : '';
  const fact = shortFact(withShortLiterals(withoutAsides(tail)));
  let head = sentence.length <= HEADLINE_MAX || ends.clause === undefined || short ? sentence
    : fact.length < tail.length && fact.length <= 100 ? `${message.slice(0, ends.clause)}:${fact}` : `${message.slice(0, ends.clause)}.`;
  // The evidence note belongs to the details.
  head = head.replace(/ \(evidence: [^)]*\)\.$/, '.');
  const hint = /\s(Did you mean [^?]*\?)\s*$/.exec(message);
  return hint && !head.includes(hint[1]) ? `${head} ${hint[1]}` : head;
}

/**
 * A fact with its long literals cut (`server default '{"@context":"https://schema…' in the model, '{}' in
 * the migrations`): what differs still fits a headline; the details keep the values whole.
 */
function withShortLiterals(fact: string): string {
  return fact.replace(/'((?:[^']|'')*)'/g, (whole, value: string) => (value.length > 28 ? `'${value.slice(0, 24)}…'` : whole));
}

/**
 * A fact of several differences ("type … in the model, … in the migrations; nullable in the model, …")
 * too long for a headline: its first, and how many more (the rest is in the details).
 */
function shortFact(fact: string): string {
  const parts = fact.replace(/\.$/, '').split('; ');
  // (Only a list of what differs between two sides: "…; every write maintains both" is no difference.)
  if (fact.length <= 100 || parts.length < 2 || !parts.every((p) => / in the (?:model|migrations|database)\b/.test(p))) return fact;
  const more = parts.length - 1;
  return `${parts[0]} (and ${more} more difference${more === 1 ? '' : 's'}).`;
}

/** `(libraryId, mediaType)`, `("orgId", "userId")`: names, two or more, listed in parentheses. */
const NAME_LIST = /^\((?:"[^"]*"|[A-Za-z_$][\w$]*)(?:, (?:"[^"]*"|[A-Za-z_$][\w$]*))+\)/;

/** Text without its parenthesised asides (` (DataTypes.STRING(100))`, nested ones whole); quotes are never cut inside. */
function withoutAsides(text: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' && depth === 0) quoted = !quoted;
    // An aside opens after a space: `varchar(100)` is a type, not an aside. A list of names
    // (`index on (libraryId, mediaType)`) is what the sentence is about, not an aside either.
    if (!quoted && c === '(' && depth === 0 && text[i - 1] === ' ') {
      const list = NAME_LIST.exec(text.slice(i));
      if (list) {
        out += list[0];
        i += list[0].length - 1;
        continue;
      }
    }
    if (!quoted && c === '(' && (depth > 0 || text[i - 1] === ' ')) {
      if (depth === 0) out = out.replace(/ $/, '');
      depth++;
      continue;
    }
    if (!quoted && c === ')' && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}

/**
 * The findings as lines of text, one line each (its headline; `verbose`: the whole message below
 * it); `paint` colours them on a terminal.
 */
export function formatText(root: string, analysis: Report, paint: Paint = PLAIN, verbose = false): string {
  const lines: string[] = [];
  for (const f of analysis.findings) {
    const head = headline(f.message);
    lines.push(`${paint.bold(where(root, f.location))}: ${paint[f.severity](f.severity)} ${paint.dim(`[${f.ruleId}]`)} ${head}`);
    if (verbose && head !== f.message) lines.push(`    ${f.message}`);
    for (const r of f.related) lines.push(paint.dim(`    ${where(root, r.location, false)}: ${r.message}`));
  }
  const count = (s: Severity) => analysis.findings.filter((f) => f.severity === s).length;
  const files = new Set(analysis.findings.map((f) => f.location.file)).size;
  const parts = (['error', 'warning', 'info', 'hint'] as Severity[])
    .map((s) => [s, count(s)] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  if (lines.length) lines.push('');
  lines.push(analysis.findings.length
    ? paint.bold(`${analysis.findings.length} problem${analysis.findings.length === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}.`)
    : 'No problems found.');
  return lines.join('\n');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A workflow command's message: `%`, CR and LF escaped (GitHub's toolkit escapes these). */
function githubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`, which separate properties. */
function githubProperty(s: string): string {
  return githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): each finding becomes an
 * annotation on the pull request's diff. Paths are from the repository root, as Actions expects.
 * Findings only the live database holds have no file: they annotate the run.
 */
export function formatGithub(root: string, analysis: Report): string {
  const base = repositoryRoot(root);
  return analysis.findings.map((f) => {
    const title = githubProperty(`${f.ruleId} (Schema Sense)`);
    if (isInDatabase(f.location)) return `::${GITHUB_LEVEL[f.severity]} title=${title}::${githubData(f.message)}`;
    const r = f.location.range;
    const props = [
      `file=${githubProperty(rel(base, f.location.file))}`, `line=${r.start.line + 1}`, `col=${r.start.character + 1}`,
      `endLine=${r.end.line + 1}`, ...(r.end.line === r.start.line ? [`endColumn=${r.end.character + 1}`] : []), `title=${title}`,
    ];
    return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${githubData(f.message)}`;
  }).join('\n');
}

/** The repository a folder is in (the nearest folder up with `.git`), else the folder itself. */
function repositoryRoot(dir: string): string {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return path.resolve(dir);
  }
}

/**
 * SARIF 2.1.0 as code scanning (GitHub, Azure DevOps) reads it: every rule with its short and full
 * description and its documentation page as help; paths relative to the repository root, so that
 * `check backend` still names `backend/alembic/...`; a fingerprint per result that survives lines
 * moving; no `file://` link of the machine that ran it.
 */
export function formatSarif(root: string, analysis: Report): string {
  const base = repositoryRoot(root);
  const uri = (file: string) => rel(base, file);
  const region = (r: Finding['location']['range']) => ({
    startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1,
  });
  const descriptors = [
    ...allRules.map((r) => ({ id: r.id, description: r.description, severity: r.defaultSeverity })),
    { id: REPLAY_FAILED, description: 'A migration fails when the chain is replayed into PostgreSQL.', severity: 'error' as Severity },
  ];
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Schema Sense', version: VERSION,
          rules: descriptors.map((d) => {
            const page = ruleDocsPage(d.id);
            return {
              id: d.id, name: d.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: d.description },
              fullDescription: { text: ruleSummary(d.id) ?? d.description },
              ...(page ? { help: { text: page, markdown: page } } : {}),
              ...(hostedRuleDocsUrl(d.id) ? { helpUri: hostedRuleDocsUrl(d.id) } : {}),
              defaultConfiguration: { level: SARIF_LEVEL[d.severity] },
            };
          }),
        },
      },
      results: analysis.findings.map((f) => ({
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        // A table or index only the database holds: a logical location, no file.
        locations: [isInDatabase(f.location)
          ? { logicalLocations: [{ name: 'database', kind: 'module' }] }
          : { physicalLocation: { artifactLocation: { uri: uri(f.location.file) }, region: region(f.location.range) } }],
        relatedLocations: f.related.filter((x) => !isInDatabase(x.location)).map((x, i) => ({
          id: i + 1, message: { text: x.message },
          physicalLocation: { artifactLocation: { uri: uri(x.location.file) }, region: region(x.location.range) },
        })),
        // The same finding in the next run, even when lines above it moved: rule, file and message.
        partialFingerprints: {
          'schemasenseFinding/v1': createHash('sha256').update(`${f.ruleId}\n${isInDatabase(f.location) ? 'database' : uri(f.location.file)}\n${f.message}`).digest('hex').slice(0, 32),
        },
      })),
    }],
  }, null, 2);
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

/**
 * The audit report: the database audited, a summary by severity and by rule, the replay of the
 * migrations (embedded), then every finding linking to its line. `link` makes the target of a
 * finding's link: a relative path for a file next to the project, a file URI for an editor preview.
 */
export function formatMarkdown(root: string, audit: AuditResult, link: (file: string, line: number) => string = (f, l) => `${rel(root, f)}#L${l}`): string {
  // Every text that comes from the project or the database (identifiers, messages quoting them,
  // PostgreSQL's errors) is escaped: a table named `<img src=…>` or `[x](http://…)` stays text.
  const to = (file: string, line: number) => (file === '' ? 'database' : markdownLink(`${rel(root, file)}:${line}`, link(file, line)));
  const out: string[] = ['# Schema Sense audit', ''];
  const db = audit.database;
  out.push(`- **Project:** ${codeSpan(root)}`);
  out.push(`- **Database:** ${db.kind === 'embedded' ? 'an embedded PostgreSQL into which the migrations were replayed (no database configured)' : `${codeSpan(db.describedAs)} (from ${escapeMarkdown(db.source)})`}${db.serverVersion ? `, PostgreSQL ${escapeMarkdown(db.serverVersion)}` : ''}`);
  const findings = audit.findings;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  out.push(`- **Findings:** ${findings.length ? SEVERITIES.filter((s) => count(s)).map((s) => `${count(s)} ${s}${count(s) === 1 ? '' : 's'}`).join(', ') : 'none'}`, '');
  for (const note of audit.notes) out.push(`> ${escapeMarkdown(note)}`, '');
  if (audit.replay) {
    const r = audit.replay;
    out.push('## Replay of the migrations', '');
    if (r.failure) {
      out.push(`The chain stops at ${to(r.failure.migration, r.failure.location.range.start.line + 1)}: PostgreSQL says ${codeSpan(r.failure.error)}${r.failure.code ? ` (SQLSTATE ${escapeMarkdown(r.failure.code)})` : ''}.`, '');
      const fence = '`'.repeat(Math.max(3, longestRun(r.failure.statement, '`') + 1));
      out.push(`${fence}sql`, r.failure.statement, fence, '');
    } else {
      out.push(`All ${r.migrationsApplied} migration(s) replay on an empty PostgreSQL.`, '');
    }
    if (r.skipped.length) {
      out.push(`${r.skipped.length} operation(s) could not be replayed and were skipped:`, '');
      for (const s of r.skipped) out.push(`- ${to(s.location.file, s.location.range.start.line + 1)}: ${escapeMarkdown(s.why)}`);
      out.push('');
    }
  }
  if (findings.length) {
    const byRule = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = byRule.get(f.ruleId);
      if (list) list.push(f);
      else byRule.set(f.ruleId, [f]);
    }
    out.push('## Summary by rule', '', '| rule | findings | severity |', '|---|---|---|');
    for (const [rule, list] of byRule) out.push(`| [\`${rule}\`](${ruleDocsUrl(rule === REPLAY_FAILED ? 'migration-replay-failed' : rule)}) | ${list.length} | ${[...new Set(list.map((f) => f.severity))].join(', ')} |`);
    out.push('');
    out.push('## Findings', '');
    for (const [rule, list] of byRule) {
      out.push(`### ${rule}`, '');
      for (const f of list) {
        out.push(`- **${f.severity}** ${to(f.location.file, f.location.range.start.line + 1)}: ${escapeMarkdown(f.message)}`);
        for (const r of f.related) out.push(`  - ${to(r.location.file, r.location.range.start.line + 1)}: ${escapeMarkdown(r.message)}`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

/** Text shown as text in Markdown (and in the HTML it renders to): one line, no markup, no tags. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*[\]|~]/g, (c) => `\\${c}`)
    // An underscore inside a word (`add_users_table.py`) cannot start emphasis: left as written.
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** Text in a code span, however many backticks it holds. */
function codeSpan(text: string): string {
  const oneLine = text.replace(/\r?\n|\r/g, ' ');
  const ticks = '`'.repeat(longestRun(oneLine, '`') + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

/** `[text](<target>)`: the text escaped, the target in angle brackets (spaces and parentheses allowed). */
function markdownLink(text: string, target: string): string {
  return `[${escapeMarkdown(text)}](<${target.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>)`;
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}
