/**
 * Expectations written next to the code: `# expect: rule-id[, rule-id]` (`// expect:` in
 * TypeScript, `-- expect:` inside SQL) at the end of the line
 * where a finding must start. Every finding must be expected, and every expectation found.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../../server/src/rules/types';

const EXPECT = /(?:#|\/\/|--)\s*expect:\s*([\w-]+(?:\s*,\s*[\w-]+)*)/;

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(py|ts|js)$/.test(e.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

/** `file:line rule` entries, sorted, for a fixture folder. */
export function expectedFindings(dir: string): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const m = EXPECT.exec(line);
      if (m) for (const id of m[1].split(',')) out.push(`${rel}:${i + 1} ${id.trim()}`);
    });
  }
  return out.sort();
}

export function actualFindings(dir: string, findings: Finding[]): string[] {
  return findings
    .map((f) => `${path.relative(dir, f.location.file).split(path.sep).join('/')}:${f.location.range.start.line + 1} ${f.ruleId}`)
    .sort();
}
