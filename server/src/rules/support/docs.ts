/** Where a rule's documentation page lives: shipped with the extension and the CLI, under docs/rules. */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

let docsRoot: string | undefined | null = null;

function findDocsRoot(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** A link to the rule's page: the shipped Markdown file. */
export function ruleDocsUrl(ruleId: string): string {
  if (docsRoot === null) docsRoot = findDocsRoot();
  const file = docsRoot ? path.join(docsRoot, `${ruleId}.md`) : path.join('docs', 'rules', `${ruleId}.md`);
  return pathToFileURL(file).toString();
}
