/** Writes a generated workspace's files under a fresh root, counting them. */
import * as fs from 'fs';
import * as path from 'path';

export interface WorkspaceWriter {
  /** Writes `text` at `rel` under the root (folders made as needed); returns the file's full path. */
  write(rel: string, text: string): string;
  /** How many files were written. */
  readonly files: number;
}

/** Empties `root` (removed if it exists) and writes into it. */
export function workspaceWriter(root: string): WorkspaceWriter {
  fs.rmSync(root, { recursive: true, force: true });
  let files = 0;
  return {
    write(rel, text) {
      const full = path.join(root, rel);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
      files++;
      return full;
    },
    get files() {
      return files;
    },
  };
}
