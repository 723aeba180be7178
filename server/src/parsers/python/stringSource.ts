/**
 * Turns a Python string literal (plain, raw, triple-quoted, implicitly concatenated) into a
 * SqlSource: the string's value, and for each of its characters the position in the file where it
 * is written, so that a finding inside SQL points at the exact line of the migration.
 */
import type { Node } from 'web-tree-sitter';
import type { Position } from '../../model/source';
import type { SqlSource } from '../sql/postgres';

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** The SQL source of a string literal; undefined for f-strings with interpolation and bytes. */
export function pythonStringSource(file: string, node: Node): SqlSource | undefined {
  const chars: string[] = [];
  const positions = new PositionList();
  const strings = node.type === 'concatenated_string' ? node.namedChildren.filter((c): c is Node => c?.type === 'string') : [node];
  if (!strings.length || strings.some((s) => s.type !== 'string')) return undefined;
  let end: Position = { line: node.endPosition.row, character: node.endPosition.column };
  for (const s of strings) {
    const kids = s.children.filter((c): c is Node => c !== null);
    const start = kids.find((c) => c.type === 'string_start');
    if (!start) return undefined;
    const prefix = start.text.replace(/["']/g, '').toLowerCase();
    if (prefix.includes('b') || kids.some((c) => c.type === 'interpolation')) return undefined;
    const raw = prefix.includes('r');
    for (const content of kids.filter((c) => c.type === 'string_content')) {
      appendContent(content, raw, chars, positions);
    }
    const close = kids.find((c) => c.type === 'string_end');
    if (close) end = { line: close.startPosition.row, character: close.startPosition.column };
  }
  const sql = chars.join('');
  return { file, sql, positionAt: (index) => positions.at(index) ?? end };
}

/** The file position of each character, in two growing typed arrays (no object per character). */
class PositionList {
  private lines = new Int32Array(256);
  private columns = new Int32Array(256);
  private length = 0;

  push(line: number, character: number): void {
    if (this.length === this.lines.length) {
      const lines = new Int32Array(this.length * 2);
      const columns = new Int32Array(this.length * 2);
      lines.set(this.lines);
      columns.set(this.columns);
      this.lines = lines;
      this.columns = columns;
    }
    this.lines[this.length] = line;
    this.columns[this.length++] = character;
  }

  at(index: number): Position | undefined {
    return index >= 0 && index < this.length ? { line: this.lines[index], character: this.columns[index] } : undefined;
  }
}

function appendContent(content: Node, raw: boolean, chars: string[], positions: PositionList): void {
  const text = content.text;
  const escapes = raw ? [] : content.namedChildren.filter((c): c is Node => c?.type === 'escape_sequence');
  let line = content.startPosition.row;
  let character = content.startPosition.column;
  let i = 0;
  const copyUntil = (limit: number) => {
    for (; i < limit; i++) {
      chars.push(text[i]);
      positions.push(line, character);
      if (text[i] === '\n') {
        line++;
        character = 0;
      } else character++;
    }
  };
  for (const esc of escapes) {
    // Offsets inside the content: escapes never span lines, so columns give the offset.
    const offset = offsetIn(text, content, esc);
    copyUntil(offset);
    const here = { line, character };
    const value = decodeEscape(esc.text);
    for (const ch of value) {
      chars.push(ch);
      positions.push(here.line, here.character);
    }
    if (esc.text === '\\\n') {
      line++;
      character = 0;
    } else character += esc.text.length;
    i = offset + esc.text.length;
  }
  copyUntil(text.length);
}

function offsetIn(text: string, content: Node, child: Node): number {
  let line = content.startPosition.row;
  let offset = 0;
  let col = content.startPosition.column;
  while (line < child.startPosition.row && offset < text.length) {
    if (text[offset] === '\n') {
      line++;
      col = 0;
    } else col++;
    offset++;
  }
  return offset + (child.startPosition.column - col);
}

function decodeEscape(esc: string): string {
  const ch = esc[1];
  if (ch === '\n') return '';
  if (ch in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[ch];
  if (ch === 'x' || ch === 'u' || ch === 'U') return String.fromCodePoint(parseInt(esc.slice(2), 16));
  return esc;
}
