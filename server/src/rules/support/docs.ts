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

/** What of the shipped package.json says where the project lives. */
export interface PackageHome {
  version?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

let shippedPackage: PackageHome | undefined | null = null;

function packageJson(): PackageHome | undefined {
  if (shippedPackage === null) {
    shippedPackage = undefined;
    let dir = __dirname;
    for (let i = 0; i < 6 && !shippedPackage; i++, dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageHome & { name?: string };
        if (pkg.name === 'schemasense') shippedPackage = pkg;
      } catch {
        // not here
      }
    }
  }
  return shippedPackage;
}

/**
 * The rule's page where the project is hosted, for reports read elsewhere (SARIF in code scanning):
 * from the package's `repository` (a GitHub repository: its page at the release's tag) or
 * `homepage`. Undefined when the package says neither — never a link into the machine that ran it.
 */
export function hostedRuleDocsUrl(ruleId: string, pkg: PackageHome | undefined = packageJson()): string | undefined {
  const repository = typeof pkg?.repository === 'string' ? pkg.repository : pkg?.repository?.url;
  const github = repository && /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(repository);
  if (github) return `https://github.com/${github[1]}/blob/${pkg?.version ? `v${pkg.version}` : 'HEAD'}/docs/rules/${ruleId}.md`;
  if (pkg?.homepage && /^https:\/\//.test(pkg.homepage)) return `${pkg.homepage.replace(/#.*$/, '').replace(/\/$/, '')}/docs/rules/${ruleId}.md`;
  return undefined;
}
