/**
 * Turns a Python string literal (plain, raw, triple-quoted, implicitly concatenated) into a
 * SqlSource: the string's value, and for each of its characters the position in the file where it
 * is written, so that a finding inside SQL points at the exact line of the migration.
 */
import type { Position } from '../../model/source';
import type { SqlSource } from '../sql/postgres';
import { decodeContent, stringLiteral } from './stringLiteral';
import type { SyntaxNode as Node } from './syntax';

/** The SQL source of a string literal; undefined for f-strings with interpolation and bytes. */
export function pythonStringSource(file: string, node: Node): SqlSource | undefined {
  const pieces: string[] = [];
  const positions = new PositionList();
  const strings = node.type === 'concatenated_string' ? node.namedChildren.filter((c) => c.type === 'string') : [node];
  if (!strings.length || strings.some((s) => s.type !== 'string')) return undefined;
  let end: Position = { line: node.endPosition.row, character: node.endPosition.column };
  for (const s of strings) {
    const literal = stringLiteral(s.text);
    if (!literal || literal.bytes || literal.interpolated) return undefined;
    // Where each character of the contents is written: from the contents' start, line by line.
    const content = literal.content;
    const rows = new Int32Array(content.length + 1);
    const columns = new Int32Array(content.length + 1);
    let row = s.startPosition.row;
    let column = s.startPosition.column + literal.contentOffset;
    for (let i = 0; i <= content.length; i++) {
      rows[i] = row;
      columns[i] = column;
      if (content.charCodeAt(i) === 10) {
        row++;
        column = 0;
      } else column++;
    }
    decodeContent(content, literal.raw, (value, at, length) => {
      pieces.push(value);
      // Plain text maps character by character; a decoded escape points at where it is written.
      const plain = value.length === length;
      for (let k = 0; k < value.length; k++) positions.push(rows[plain ? at + k : at], columns[plain ? at + k : at]);
    });
    end = { line: rows[content.length], character: columns[content.length] };
  }
  return { file, sql: pieces.join(''), positionAt: (index) => positions.at(index) ?? end };
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
