/**
 * Small readers over tree-sitter-python nodes: literals, call arguments, dotted names, ranges.
 * They read syntax only; interpreting it as schema is the job of the ORM readers.
 */
import { CompactLocation, type Location, type Range } from '../../model/source';
import { decodeContent, stringLiteral } from './stringLiteral';

export interface Point {
  row: number;
  column: number;
}

/**
 * What the readers use of a syntax node: the subset of web-tree-sitter's Node that the light copy
 * of a tree (lightTree.ts) provides. Columns are in UTF-16 units.
 */
export interface SyntaxNode {
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly children: readonly SyntaxNode[];
  readonly namedChildren: readonly SyntaxNode[];
  readonly parent: SyntaxNode | null;
  readonly firstNamedChild: SyntaxNode | null;
  readonly lastChild: SyntaxNode | null;
  childForFieldName(name: string): SyntaxNode | null;
  /**
   * What a reader of this file computed from the node, kept for the next reader that asks (a call's
   * arguments are read two or three times per file): the helpers below own it.
   */
  memo?: unknown;
}

type Node = SyntaxNode;

export function nodeRange(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/**
 * Locations are made compact (four numbers, the range on first use): a file's facts hold hundreds
 * of them, few are ever read, and every object kept costs the collector.
 */
export function nodeLocation(file: string, node: Node): Location {
  const start = node.startPosition;
  const end = node.endPosition;
  return new CompactLocation(file, start.row, start.column, end.row, end.column);
}

export function spanLocation(file: string, from: Node, to: Node, fromEnd = false, toStart = false): Location {
  const start = fromEnd ? from.endPosition : from.startPosition;
  const end = toStart ? to.startPosition : to.endPosition;
  return new CompactLocation(file, start.row, start.column, end.row, end.column);
}

/** Named children that are code, not comments. */
export function codeChildren(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

export interface StringValue {
  readonly value: string;
  /** Range of the contents, inside the quotes. */
  readonly contentRange: Readonly<Range>;
}

/** The value of a plain string literal; undefined for f-strings with interpolation or bytes. */
export function stringValue(node: Node | null | undefined): StringValue | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'concatenated_string')) return undefined;
  if (node.memo === undefined) node.memo = readStringValue(node) ?? null;
  return (node.memo as StringValue | null) ?? undefined;
}

function readStringValue(node: Node): StringValue | undefined {
  if (node.type === 'concatenated_string') {
    const parts = codeChildren(node).map((c) => stringValue(c));
    if (parts.some((p) => !p)) return undefined;
    return { value: parts.map((p) => p!.value).join(''), contentRange: nodeRange(node) };
  }
  if (node.type !== 'string') return undefined;
  const literal = stringLiteral(node.text);
  if (!literal || literal.bytes || literal.interpolated) return undefined;
  let value = '';
  decodeContent(literal.content, literal.raw, (piece) => (value += piece));
  const closing = node.text.length - literal.contentOffset - literal.content.length;
  return {
    value,
    contentRange: {
      start: { line: node.startPosition.row, character: node.startPosition.column + literal.contentOffset },
      end: { line: node.endPosition.row, character: node.endPosition.column - closing },
    },
  };
}

/** `True` / `False`; undefined for anything else (a variable, an expression). */
export function boolValue(node: Node | null | undefined): boolean | undefined {
  if (!node) return undefined;
  if (node.type === 'true') return true;
  if (node.type === 'false') return false;
  return undefined;
}

export function intValue(node: Node | null | undefined): number | undefined {
  if (!node) return undefined;
  if (node.type === 'parenthesized_expression') return intValue(node.firstNamedChild);
  // `16 * 1024`: arithmetic of integer literals, as Python evaluates it.
  if (node.type === 'binary_operator') {
    const leftNode = node.childForFieldName('left');
    const rightNode = node.childForFieldName('right');
    const left = intValue(leftNode);
    const right = intValue(rightNode);
    if (left === undefined || right === undefined) return undefined;
    // The operator is the text between the operands (the light tree keeps no punctuation).
    const operator = node.text.slice(leftNode!.text.length, node.text.length - rightNode!.text.length).trim();
    const v = operator === '+' ? left + right : operator === '-' ? left - right : operator === '*' ? left * right
      : operator === '//' && right !== 0 ? Math.floor(left / right) : operator === '**' && right >= 0 && right < 64 ? left ** right : undefined;
    return v !== undefined && Number.isSafeInteger(v) ? v : undefined;
  }
  if (node.type !== 'integer') return undefined;
  const n = Number(node.text.replace(/_/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** `a.b.c` for identifiers and attribute chains; undefined for anything else. */
export function dottedName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    // A plain dotted name is copied without its parts (lightTree.ts): its text is the name.
    if (!node.children.length) return node.text.replace(/\s+/g, '');
    const object = dottedName(node.childForFieldName('object'));
    const attr = node.childForFieldName('attribute');
    return object && attr ? `${object}.${attr.text}` : undefined;
  }
  return undefined;
}

/** The last segment of a dotted name: `sa.Column` → `Column`. */
/**
 * The names a module binds, at its top level, to SQLAlchemy's modules and to what it imports from
 * them: `sa` (`import sqlalchemy as sa`), `sqlalchemy`, `postgresql` (`from sqlalchemy.dialects
 * import postgresql`), `JSON` (`from sqlalchemy import JSON`).
 */
export function sqlalchemyLocalNames(root: Node): Set<string> {
  const names = new Set<string>();
  const fromSqlAlchemy = (module: string | undefined) => !!module && /^sqlalchemy(\.|$)/.test(module.replace(/\s+/g, ''));
  for (const stmt of codeChildren(root)) {
    if (stmt.type === 'import_statement') {
      for (const child of codeChildren(stmt)) {
        const dotted = child.type === 'aliased_import' ? child.childForFieldName('name')?.text : child.type === 'dotted_name' ? child.text : undefined;
        if (!fromSqlAlchemy(dotted)) continue;
        // `import sqlalchemy.orm` binds `sqlalchemy`; `import sqlalchemy as sa` binds `sa`.
        names.add(child.type === 'aliased_import' ? child.childForFieldName('alias')?.text ?? 'sqlalchemy' : 'sqlalchemy');
      }
    } else if (stmt.type === 'import_from_statement') {
      const moduleNode = stmt.childForFieldName('module_name');
      if (!fromSqlAlchemy(moduleNode?.text)) continue;
      for (const child of codeChildren(stmt)) {
        if (child === moduleNode) continue;
        const local = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : child.type === 'dotted_name' ? child.text : undefined;
        if (local) names.add(local);
      }
    }
  }
  return names;
}

export function lastSegment(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? name : name.slice(i + 1);
}

export interface CallInfo {
  node: Node;
  /** The callee as dotted text (`sa.Column`), or undefined for computed callees. */
  callee?: string;
  /** The callee's last segment (`Column`). */
  name?: string;
  readonly positional: readonly Node[];
  readonly keywords: ReadonlyMap<string, { value: Node; node: Node }>;
  argumentList: Node;
  /** `*args` / `**kwargs` present: the call cannot be read completely. */
  hasSplat: boolean;
}

/** A call's callee and arguments; the same object each time it is asked for the same node. */
export function callInfo(node: Node | null | undefined): CallInfo | undefined {
  if (!node || node.type !== 'call') return undefined;
  if (node.memo === undefined) node.memo = readCallInfo(node) ?? null;
  return (node.memo as CallInfo | null) ?? undefined;
}

function readCallInfo(node: Node): CallInfo | undefined {
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  const callee = dottedName(fn);
  const positional: Node[] = [];
  const keywords = new Map<string, { value: Node; node: Node }>();
  let hasSplat = false;
  for (const arg of codeChildren(args)) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) keywords.set(name.text, { value, node: arg });
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      hasSplat = true;
    } else {
      positional.push(arg);
    }
  }
  return { node, callee, name: callee ? lastSegment(callee) : undefined, positional, keywords, argumentList: args, hasSplat };
}

/**
 * The range that removes `node` from the list it is an element of (an argument list, a tuple,
 * a list), together with one separating comma, so that the remaining code stays valid.
 */
export function removalRange(node: Node, lines?: readonly string[]): Range {
  if (lines) {
    // Alone on its line(s), e.g. one tuple element per line: remove the whole lines, including
    // the element's trailing comma and comment, so that no stray comment moves to another line.
    const before = lines[node.startPosition.row]?.slice(0, node.startPosition.column) ?? 'x';
    const after = lines[node.endPosition.row]?.slice(node.endPosition.column) ?? 'x';
    if (before.trim() === '' && /^\s*,?\s*(#.*)?$/.test(after)) {
      return { start: { line: node.startPosition.row, character: 0 }, end: { line: node.endPosition.row + 1, character: 0 } };
    }
  }
  const parent = node.parent;
  const siblings = parent ? codeChildren(parent) : [node];
  const i = siblings.findIndex((s) => s.id === node.id);
  const prev = i > 0 ? siblings[i - 1] : undefined;
  const next = i >= 0 && i < siblings.length - 1 ? siblings[i + 1] : undefined;
  if (prev) {
    return { start: nodeRange(prev).end, end: nodeRange(node).end };
  }
  if (next) {
    return { start: nodeRange(node).start, end: nodeRange(next).start };
  }
  // The only element: take a trailing comma too (`(Index(...),)` becomes `()`).
  const closing = parent?.lastChild;
  if (closing && (closing.type === ')' || closing.type === ']')) {
    return { start: nodeRange(node).start, end: nodeRange(closing).start };
  }
  return nodeRange(node);
}

/** Unwraps `Optional[X]`, `X | None`, `Union[X, None]`: returns X and whether None was allowed. */
export function unwrapOptional(annotation: string): { inner: string; optional: boolean } {
  let text = annotation.trim();
  let optional = false;
  // `Optional[X]`, `typing.Optional[X]`, or through the module's alias (`import typing as t`: `t.Optional[X]`).
  const opt = /^(?:[A-Za-z_]\w*\.)?Optional\[(.*)\]$/s.exec(text);
  if (opt) return { inner: opt[1].trim(), optional: true };
  const union = /^(?:[A-Za-z_]\w*\.)?Union\[(.*)\]$/s.exec(text);
  if (union) text = union[1].split(',').map((s) => s.trim()).join(' | ');
  const parts = text.split('|').map((s) => s.trim());
  if (parts.includes('None')) {
    optional = true;
    text = parts.filter((p) => p !== 'None').join(' | ');
  }
  return { inner: text.replace(/^["']|["']$/g, ''), optional };
}

/** `id DESC`, `"submittedAt" ASC NULLS LAST`: a column in an order, no expression. */
const ORDERED_COLUMN = /^\s*(?:"([^"]+)"|([A-Za-z_][\w$]*))\s+(?:ASC|DESC)(?:\s+NULLS\s+(?:FIRST|LAST))?\s*$/i;

/**
 * An index element written as SQL text that only orders a column (`sa.literal_column("id DESC")`,
 * `sa.text("submitted_date DESC")`): that column, as PostgreSQL indexes it — the order changes no
 * lookup by the column, so the index is over it like any other.
 */
export function orderedColumn(el: Node): string | undefined {
  const call = callInfo(el);
  if (!call || !['text', 'literal_column'].includes(lastSegment(call.callee ?? '')) || call.positional.length !== 1 || call.keywords.size) return undefined;
  const text = stringValue(call.positional[0])?.value;
  const m = text !== undefined ? ORDERED_COLUMN.exec(text) : null;
  return m ? m[1] ?? m[2] : undefined;
}
