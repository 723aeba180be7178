/**
 * The walk over tree-sitter trees that calls the WASM binding directly (treeSitter.ts) must visit
 * exactly what web-tree-sitter's public cursor visits: every node, in order, with its type, range
 * and field — on every Python fixture, on broken code, on non-ASCII text and on trees deep enough
 * to grow the cursor's stack.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Tree } from 'web-tree-sitter';
import { parsePython, treeWalk, walksBindingDirectly } from '../server/src/parsers/python/treeSitter';

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pythonFiles(p));
    else if (entry.name.endsWith('.py')) out.push(p);
  }
  return out;
}

/** Every node as `type start end field`, in document order, through the public cursor. */
function publicWalk(tree: Tree): string[] {
  const steps: string[] = [];
  const cursor = tree.walk();
  for (;;) {
    steps.push(`${cursor.nodeTypeId} ${cursor.startIndex} ${cursor.endIndex} ${cursor.currentFieldId}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return steps;
      }
    }
  }
}

function directWalk(tree: Tree): string[] {
  const steps: string[] = [];
  const walk = treeWalk(tree);
  try {
    for (;;) {
      steps.push(`${walk.typeId()} ${walk.startIndex()} ${walk.endIndex()} ${walk.fieldId()}`);
      if (walk.gotoFirstChild()) continue;
      while (!walk.gotoNextSibling()) if (!walk.gotoParent()) return steps;
    }
  } finally {
    walk.delete();
  }
}

const SPECIAL: Record<string, string> = {
  'half-typed': 'from sqlalchemy import Column\nclass User(Base):\n    __tablename__ = "users"\n    id = Column(Integer, primary_key=\n    name = Column(\n',
  'non-ASCII': '# Größe — 表\nclass Café(Base):\n    __tablename__ = "cafés"\n    nom = Column(String(40), comment="naïve 🙂")\n',
  'deep': `x = ${'('.repeat(400)}1${')'.repeat(400)}\ny = ${'['.repeat(300)}${']'.repeat(300)}\n`,
  'empty': '',
};

describe('the direct walk over Python trees', () => {
  const root = path.join(__dirname, '..', '..', 'test', 'fixtures');
  const cases: [string, string][] = [
    ...pythonFiles(root).map((f): [string, string] => [path.relative(root, f), fs.readFileSync(f, 'utf8')]),
    ...Object.entries(SPECIAL),
  ];

  it(`visits what the public cursor visits (${cases.length} files, broken, non-ASCII and deep ones included)`, async () => {
    assert.ok(cases.length > 40, 'the fixtures were found');
    await parsePython('');
    // Else this would compare the public cursor with itself (web-tree-sitter is pinned: a new
    // version must be checked for the binding functions the direct walk calls).
    assert.ok(walksBindingDirectly(), 'the binding exposes the cursor functions');
    for (const [name, text] of cases) {
      const { tree } = await parsePython(text);
      try {
        const expected = publicWalk(tree);
        const actual = directWalk(tree);
        assert.deepStrictEqual(actual, expected, name);
        // A second walk of the same tree after the first one's cursor was freed.
        assert.deepStrictEqual(directWalk(tree), expected, `${name}, walked again`);
      } finally {
        tree.delete();
      }
    }
  });
});
