/**
 * Turns a Python string literal (plain, raw, triple-quoted, implicitly concatenated) into a
 * SqlSource: the string's value, and for each of its characters the position in the file where it
 * is written, so that a finding inside SQL points at the exact line of the migration.
 */
import type { Position } from '../../model/source';
import type { SqlSource } from '../sql/postgres';
import { decodeContent, stringLiteral } from './stringLiteral';
import type { SyntaxNode as Node } from './syntax';

/**
 * The SQL source of a string literal; undefined for bytes, and for f-strings with an interpolation
 * `resolve` cannot evaluate (`{schema}` with `schema` bound to a string: its value, placed where the
 * braces are written).
 */
export function pythonStringSource(file: string, node: Node, resolve?: (expression: string) => string | undefined): SqlSource | undefined {
  const pieces: string[] = [];
  const positions = new PositionList();
  const strings = node.type === 'concatenated_string' ? node.namedChildren.filter((c) => c.type === 'string') : [node];
  if (!strings.length || strings.some((s) => s.type !== 'string')) return undefined;
  let end: Position = { line: node.endPosition.row, character: node.endPosition.column };
  for (const s of strings) {
    const literal = stringLiteral(s.text);
    if (!literal || literal.bytes || (literal.interpolated && !resolve)) return undefined;
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
    const emit = (offset: number) => (value: string, at: number, length: number) => {
      pieces.push(value);
      // Plain text maps character by character; a decoded escape points at where it is written.
      const plain = value.length === length;
      for (let k = 0; k < value.length; k++) positions.push(rows[plain ? offset + at + k : offset + at], columns[plain ? offset + at + k : offset + at]);
    };
    if (!literal.prefix.toLowerCase().includes('f')) decodeContent(content, literal.raw, emit(0));
    else if (!interpolate(content, literal.raw, resolve, emit, (value, at) => {
      pieces.push(value);
      for (let k = 0; k < value.length; k++) positions.push(rows[at], columns[at]);
    })) return undefined;
    end = { line: rows[content.length], character: columns[content.length] };
  }
  return { file, sql: pieces.join(''), positionAt: (index) => positions.at(index) ?? end };
}

/**
 * An f-string's contents: text between the braces decoded as usual (`{{` and `}}` are braces), each
 * `{name}` replaced by what `resolve` gives. False when some interpolation does not evaluate (a call,
 * a format spec, a name bound to no string).
 */
function interpolate(content: string, raw: boolean, resolve: ((expression: string) => string | undefined) | undefined,
  emit: (offset: number) => (value: string, at: number, length: number) => void,
  substitute: (value: string, at: number) => void): boolean {
  let text = '';
  let textStart = 0;
  const flush = (end: number) => {
    if (text) decodeContent(text, raw, emit(textStart));
    text = '';
    textStart = end;
  };
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if ((c === '{' || c === '}') && content[i + 1] === c) {
      // A doubled brace is one brace: decoded text in two parts around it.
      text += c;
      flush(i + 2);
      text = '';
      i++;
      continue;
    }
    if (c === '}') return false;
    if (c !== '{') {
      if (!text) textStart = i;
      text += c;
      continue;
    }
    const close = content.indexOf('}', i);
    if (close < 0) return false;
    flush(i);
    const value = resolve?.(content.slice(i + 1, close).trim());
    if (value === undefined) return false;
    substitute(value, i);
    i = close;
    textStart = close + 1;
  }
  flush(content.length);
  return true;
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

/**
 * `source` with what code writes into it (`%s`, `%(name)s` of `'…' % values`; `{}`, `{name}` of
 * `'…'.format(…)`) replaced by `fill()`; each character of a replacement is placed where its
 * placeholder is written. `%%` stays one `%` for `%` formatting.
 */
export function fillPlaceholders(source: SqlSource, style: 'percent' | 'braces', fill: (placeholder: string) => string): SqlSource {
  const pattern = style === 'percent' ? /%%|%(?:\([A-Za-z_]\w*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]/g : /\{\{|\}\}|\{[^{}]*\}/g;
  let sql = '';
  const from: number[] = [];
  let last = 0;
  for (const m of source.sql.matchAll(pattern)) {
    for (let i = last; i < m.index; i++) from.push(i);
    sql += source.sql.slice(last, m.index);
    const value = m[0] === '%%' ? '%' : m[0] === '{{' ? '{' : m[0] === '}}' ? '}' : fill(m[0]);
    sql += value;
    for (let k = 0; k < value.length; k++) from.push(m.index);
    last = m.index + m[0].length;
  }
  for (let i = last; i <= source.sql.length; i++) from.push(i);
  sql += source.sql.slice(last);
  return { file: source.file, sql, positionAt: (i) => source.positionAt(from[Math.min(i, from.length - 1)]) };
}

/** Sources written one after the other (`"INSERT … " + "SELECT …"`): one source, each character where it is written. */
export function joinSources(parts: SqlSource[]): SqlSource {
  const starts: number[] = [];
  let sql = '';
  for (const p of parts) {
    starts.push(sql.length);
    sql += p.sql;
  }
  return {
    file: parts[0].file, sql,
    positionAt: (i) => {
      let k = starts.length - 1;
      while (k > 0 && starts[k] > i) k--;
      return parts[k].positionAt(i - starts[k]);
    },
  };
}
