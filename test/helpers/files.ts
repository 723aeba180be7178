import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';

/** Writes `lines` as the file `rel` under `dir`, making its folders: a small project built by a test. */
export function writeLines(dir: string, rel: string, lines: readonly string[]): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), lines.join('\n'));
}

/** Runs `body` in a fresh temporary folder (named after `prefix`), removed afterwards whatever happens. */
export async function withTempDir<T>(prefix: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
