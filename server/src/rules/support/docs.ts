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

const pages = new Map<string, string | undefined>();

/** The rule's documentation page (Markdown), as shipped; undefined when it is not there. */
export function ruleDocsPage(ruleId: string): string | undefined {
  if (!pages.has(ruleId)) {
    if (docsRoot === null) docsRoot = findDocsRoot();
    let text: string | undefined;
    try {
      text = docsRoot ? fs.readFileSync(path.join(docsRoot, `${ruleId}.md`), 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    pages.set(ruleId, text);
  }
  return pages.get(ruleId);
}

/** The first paragraph of the page's "What it flags" section, as one line of text. */
export function ruleSummary(ruleId: string): string | undefined {
  const page = ruleDocsPage(ruleId);
  const m = page && /## What it flags\s*\n+([\s\S]*?)(?:\n\s*\n|\n##)/.exec(page);
  return m ? m[1].replace(/\s*\n\s*/g, ' ').trim() : undefined;
}
