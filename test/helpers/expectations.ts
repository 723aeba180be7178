/**
 * Expectations written next to the code: `# expect: rule-id[, rule-id]` (`// expect:` in
 * TypeScript, `-- expect:` inside SQL) at the end of the line
 * where a finding must start. Every finding must be expected, and every expectation found.
 * A finding about what only the live database holds is in no file: it is expected by a
 * `-- expect:` on the statement of `live.sql` that creates the object, as `database <rule>`.
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
      // (SQL migrations too; `live.sql` at the fixture's root holds the database's expectations.)
      else if (/\.(py|ts|js)$/.test(e.name) || (e.name.endsWith('.sql') && full !== path.join(dir, 'live.sql'))) out.push(full);
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
  const liveSql = path.join(dir, 'live.sql');
  if (fs.existsSync(liveSql)) {
    for (const line of fs.readFileSync(liveSql, 'utf8').split('\n')) {
      const m = EXPECT.exec(line);
      if (m) for (const id of m[1].split(',')) out.push(`database ${id.trim()}`);
    }
  }
  return out.sort();
}

export function actualFindings(dir: string, findings: Finding[]): string[] {
  return findings
    .map((f) => (f.location.file === '' ? `database ${f.ruleId}` : `${path.relative(dir, f.location.file).split(path.sep).join('/')}:${f.location.range.start.line + 1} ${f.ruleId}`))
    .sort();
}
