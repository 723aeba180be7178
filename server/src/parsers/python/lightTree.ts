/**
 * A plain JavaScript copy of a tree-sitter syntax tree, built in one walk of a tree cursor. Reading
 * web-tree-sitter nodes crosses into WASM and allocates a wrapper at every step (child lists,
 * fields, types); the readers visit nodes many times, so one copy is cheaper than the visits. The
 * WASM tree can be freed as soon as the copy exists, and what no reader needs is not copied: the
 * inside of strings (read from their text), punctuation, and subtrees the caller skips.
 */
import type { Tree } from 'web-tree-sitter';
import type { Point, SyntaxNode } from './syntax';
import { treeWalk } from './treeSitter';

/** The children of every leaf: one shared, frozen empty list, not a list of its own each. */
const NO_CHILDREN: readonly LightNode[] = Object.freeze([]);

export class LightNode implements SyntaxNode {
  children: readonly LightNode[] = NO_CHILDREN;
  parent: LightNode | null = null;
  fieldName: string | undefined;
  memo: unknown = undefined;
  private named: readonly LightNode[] | undefined;
  private start: Point | undefined;
  private end: Point | undefined;

  constructor(
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly source: SourceText,
  ) {}

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return (this.start ??= this.source.pointAt(this.startIndex));
  }

  get endPosition(): Point {
    return (this.end ??= this.source.pointAt(this.endIndex));
  }

  get namedChildren(): readonly LightNode[] {
    // Punctuation is mostly not copied: where every child is named, the list is the children's.
    return (this.named ??= this.children.every((c) => c.isNamed) ? this.children : this.children.filter((c) => c.isNamed));
  }

  get firstNamedChild(): LightNode | null {
    return this.namedChildren[0] ?? null;
  }

  get lastChild(): LightNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  childForFieldName(name: string): LightNode | null {
    for (const c of this.children) if (c.fieldName === name) return c;
    return null;
  }
}

/** The source text, and row/column of an index (UTF-16 units, as web-tree-sitter reports them). */
class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  pointAt(index: number): Point {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - this.lineStarts[lo] };
  }
}

const CLOSING = new Set([')', ']', '}']);
const DOTTED = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/;

/**
 * Copies `tree` (parsed from `text`). `skip(node)` says, for a node already copied, that its
 * children are not needed (a function body no reader looks into); its text stays available.
 */
export function lightTree(tree: Tree, text: string, skip?: (node: LightNode) => boolean): LightNode {
  const source = new SourceText(text);
  const language = tree.language;
  const types = language.types;
  const fields = language.fields;
  // Named-ness of every type, asked before the walk (nothing may call into the binding during it).
  const namedType: boolean[] = [];
  for (let typeId = 0; typeId < language.nodeTypeCount; typeId++) namedType[typeId] = language.nodeTypeIsNamed(typeId);
  const isNamed = (typeId: number) => typeId === 65535 || namedType[typeId] === true;
  const cursor = treeWalk(tree);
  // The children of the nodes being copied, by depth: filled while a node's children are walked
  // (a `skip` may look at the siblings already copied), then copied to a list of their exact
  // number when the node is left, and reused for the next node at that depth.
  const building: LightNode[][] = [];
  const open = (node: LightNode, depth: number) => {
    const list = (building[depth] ??= []);
    list.length = 0;
    node.children = list;
  };
  const close = (node: LightNode, depth: number) => {
    const list = building[depth];
    node.children = list.length ? list.slice() : NO_CHILDREN;
  };
  try {
    let id = 0;
    const rootType = cursor.typeId();
    const root = new LightNode(id++, types[rootType] ?? 'ERROR', true, cursor.startIndex(), cursor.endIndex(), source);
    let parent = root;
    let depth = 0;
    if (!cursor.gotoFirstChild()) return root;
    open(root, depth);
    for (;;) {
      const typeId = cursor.typeId();
      const type = types[typeId] ?? 'ERROR';
      const named = isNamed(typeId);
      // Punctuation is not copied, except closing brackets (where an argument list ends).
      if (named || CLOSING.has(type)) {
        const node = new LightNode(id++, type, named, cursor.startIndex(), cursor.endIndex(), source);
        const field = named ? cursor.fieldId() : 0;
        if (field) node.fieldName = fields[field] ?? undefined;
        node.parent = parent;
        building[depth].push(node);
        // A string is read from its text (stringLiteral.ts), and so is a plain dotted name
        // (`sa.Column`): their inner nodes are not needed.
        const leaf = type === 'string' || (type === 'attribute' && DOTTED.test(node.text));
        if (named && !leaf && !skip?.(node) && cursor.gotoFirstChild()) {
          parent = node;
          open(node, ++depth);
          continue;
        }
      }
      while (!cursor.gotoNextSibling()) {
        close(parent, depth);
        if (!cursor.gotoParent() || !parent.parent) return root;
        parent = parent.parent;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}
