import * as fs from 'fs';
import * as path from 'path';

/** Writes `lines` as the file `rel` under `dir`, making its folders: a small project built by a test. */
export function writeLines(dir: string, rel: string, lines: readonly string[]): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), lines.join('\n'));
}
