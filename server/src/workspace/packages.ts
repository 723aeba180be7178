/**
 * The npm packages the workspace's applications depend on (their package.json `dependencies` and
 * `devDependencies`, a monorepo's packages included): what a library of theirs makes in the database
 * by itself — a session store's table — is not a table the models are expected to declare.
 */
import * as path from 'path';
import * as fs from 'fs';
import { filesNamed } from './dialect';

/** Folders below the root searched for package.json (a monorepo's `packages/<name>/`). */
const DEPTH = 2;

export function projectPackages(root: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const file of filesNamed(root, 'package.json', DEPTH)) {
    if (file.split(path.sep).includes('node_modules')) continue;
    try {
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
      for (const name of Object.keys({ ...json.dependencies, ...json.devDependencies })) out.add(name);
    } catch {
      // An unreadable or half-typed manifest names no package.
    }
  }
  return out;
}
