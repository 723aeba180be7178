/**
 * House rules that keep the code base readable: the core has no editor imports, every rule has
 * its documentation page and its row in the README.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { allRules } from '../server/src/rules/registry';
import { REPO_ROOT } from './helpers/paths';

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('architecture', () => {
  it('the core library imports neither vscode nor LSP types', () => {
    const server = path.join(REPO_ROOT, 'server', 'src');
    const core = tsFiles(server).filter((f) => !f.startsWith(path.join(server, 'lsp') + path.sep));
    for (const file of core) {
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /from ['"](vscode|vscode-languageserver[^'"]*)['"]/, path.relative(REPO_ROOT, file));
    }
  });

  it('layers: readers produce facts, resolution and the model consume them, never the readers', () => {
    const server = path.join(REPO_ROOT, 'server', 'src');
    const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)]
      .map((m) => ({ typeOnly: !!m[1], target: path.resolve(path.dirname(file), m[2]) }));
    const inside = (dir: string) => (t: string) => t.startsWith(path.join(server, dir) + path.sep);
    for (const layer of ['model', 'resolve', 'rules']) {
      for (const file of tsFiles(path.join(server, layer))) {
        for (const i of importsOf(file)) {
          assert.ok(!inside('parsers')(i.target), `${path.relative(REPO_ROOT, file)} imports the reader ${path.relative(server, i.target)}: read its facts (server/src/facts) instead`);
        }
      }
    }
    // Facts are plain data below both sides: they name the model's vocabulary types, nothing else.
    for (const file of tsFiles(path.join(server, 'facts'))) {
      for (const i of importsOf(file)) {
        assert.ok(i.typeOnly && (inside('model')(i.target) || inside('facts')(i.target)), `${path.relative(REPO_ROOT, file)}: facts import only types`);
      }
    }
  });

  it('one rule per file, named by its id', () => {
    const files = fs.readdirSync(path.join(REPO_ROOT, 'server', 'src', 'rules'));
    for (const rule of allRules) assert.ok(files.includes(`${rule.id}.ts`), `server/src/rules/${rule.id}.ts`);
  });

  it('every rule is documented and listed in the README', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const rule of allRules) {
      const doc = path.join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`);
      assert.ok(fs.existsSync(doc), `docs/rules/${rule.id}.md`);
      const text = fs.readFileSync(doc, 'utf8');
      for (const section of ['## What it flags', '## Why', '## Example', '## The fix', '## When it stays silent']) {
        assert.ok(text.includes(section), `${rule.id}.md has "${section}"`);
      }
      assert.match(readme, new RegExp(`\\[\`${rule.id}\`\\]\\(docs/rules/${rule.id}\\.md\\)`), `README lists ${rule.id}`);
    }
  });

  it('no function literal is assigned to a property (V8 allocates it in the old generation)', () => {
    // `obj.prop = () => …` is taken by V8 for a method and allocated where only a full collection
    // frees it; a closure over a file's reader then keeps that file's syntax tree and facts alive
    // through every young collection (it once had a quarter of what reading a migration allocates promoted).
    // Bind the function to a local first, or pass it as an argument.
    const server = path.join(REPO_ROOT, 'server', 'src');
    const found: string[] = [];
    for (const file of tsFiles(server)) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
          && (ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left))) {
          let right: ts.Expression = node.right;
          while (ts.isParenthesizedExpression(right) || ts.isAsExpression(right) || ts.isSatisfiesExpression(right)) right = right.expression;
          if (ts.isArrowFunction(right) || ts.isFunctionExpression(right)) {
            found.push(`${path.relative(REPO_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.deepStrictEqual(found, []);
  });
});
