/** Output formats of `schemasense check`: text for people, JSON for scripts, SARIF for code scanning. */
import * as path from 'path';
import type { Analysis } from '../analysis/project';
import { allRules } from '../rules/registry';
import { ruleDocsUrl } from '../rules/support/docs';
import type { Finding, Severity } from '../rules/types';

export const VERSION = '0.1.0';

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

export function findingToJson(root: string, f: Finding) {
  const r = f.location.range;
  return {
    rule: f.ruleId,
    severity: f.severity,
    file: rel(root, f.location.file),
    line: r.start.line + 1,
    column: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
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

export function formatJson(root: string, analysis: Analysis): string {
  return JSON.stringify({
    findings: analysis.findings.map((f) => findingToJson(root, f)),
    skipped: analysis.skipped.map((s) => ({ file: rel(root, s.file), reason: s.reason })),
  }, null, 2);
}

export function formatText(root: string, analysis: Analysis): string {
  const lines: string[] = [];
  for (const f of analysis.findings) {
    const p = f.location.range.start;
    lines.push(`${rel(root, f.location.file)}:${p.line + 1}:${p.character + 1}: ${f.severity} [${f.ruleId}] ${f.message}`);
    for (const r of f.related) lines.push(`    ${rel(root, r.location.file)}:${r.location.range.start.line + 1}: ${r.message}`);
  }
  const count = (s: Severity) => analysis.findings.filter((f) => f.severity === s).length;
  const files = new Set(analysis.findings.map((f) => f.location.file)).size;
  const parts = (['error', 'warning', 'info', 'hint'] as Severity[])
    .map((s) => [s, count(s)] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  if (lines.length) lines.push('');
  lines.push(analysis.findings.length
    ? `${analysis.findings.length} problem${analysis.findings.length === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}.`
    : 'No problems found.');
  return lines.join('\n');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(root: string, analysis: Analysis): string {
  const region = (r: Finding['location']['range']) => ({
    startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1,
  });
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Schema Sense', version: VERSION, informationUri: ruleDocsUrl('').replace(/\/?\.md$/, ''),
          rules: allRules.map((r) => ({
            id: r.id, shortDescription: { text: r.description }, helpUri: ruleDocsUrl(r.id),
            defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
          })),
        },
      },
      results: analysis.findings.map((f) => ({
        ruleId: f.ruleId,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: rel(root, f.location.file) }, region: region(f.location.range) } }],
        relatedLocations: f.related.map((x, i) => ({
          id: i + 1, message: { text: x.message },
          physicalLocation: { artifactLocation: { uri: rel(root, x.location.file) }, region: region(x.location.range) },
        })),
      })),
    }],
  }, null, 2);
}
