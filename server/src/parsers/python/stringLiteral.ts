/**
 * A Python string literal read from its source text (so that the light tree need not copy the
 * string's inner nodes): prefix, quotes, and the contents between them.
 */
export interface StringLiteral {
  /** Lower-case prefix letters (`r`, `b`, `f`, `u`, `rb`, …). */
  prefix: string;
  raw: boolean;
  /** The contents between the quotes, as written (escapes not processed). */
  content: string;
  /** Where the contents start inside the literal's text. */
  contentOffset: number;
  /** A formatted string with `{…}` fields: its value is computed at run time. */
  interpolated: boolean;
  bytes: boolean;
}

export function stringLiteral(text: string): StringLiteral | undefined {
  const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text);
  if (!m) return undefined;
  const prefix = m[1].toLowerCase();
  const quote = m[2];
  const contentOffset = m[0].length;
  if (text.length < contentOffset + quote.length || !text.endsWith(quote)) return undefined;
  const content = text.slice(contentOffset, text.length - quote.length);
  const interpolated = prefix.includes('f') && /[{}]/.test(content.replace(/\{\{|\}\}/g, ''));
  return { prefix, raw: prefix.includes('r'), content, contentOffset, interpolated, bytes: prefix.includes('b') };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '',
};

/**
 * Walks the contents of a (non-raw) literal: `emit(value, at)` for each piece of the value, with
 * the offset in `content` where the piece is written (an escape sequence yields its decoded value).
 */
export function decodeContent(content: string, raw: boolean, emit: (value: string, at: number, length: number) => void): void {
  if (raw) {
    emit(content, 0, content.length);
    return;
  }
  let from = 0;
  for (let i = content.indexOf('\\'); i >= 0 && i < content.length - 1; i = content.indexOf('\\', from)) {
    if (i > from) emit(content.slice(from, i), from, i - from);
    const ch = content[i + 1];
    let length = 2;
    let value: string;
    if (ch in SIMPLE_ESCAPES) value = SIMPLE_ESCAPES[ch];
    else if (ch === 'x' && /^[0-9a-fA-F]{2}/.test(content.slice(i + 2))) { value = String.fromCodePoint(parseInt(content.slice(i + 2, i + 4), 16)); length = 4; }
    else if (ch === 'u' && /^[0-9a-fA-F]{4}/.test(content.slice(i + 2))) { value = String.fromCodePoint(parseInt(content.slice(i + 2, i + 6), 16)); length = 6; }
    else if (ch === 'U' && /^[0-9a-fA-F]{8}/.test(content.slice(i + 2))) { value = String.fromCodePoint(parseInt(content.slice(i + 2, i + 10), 16)); length = 10; }
    else if (/[0-7]/.test(ch)) {
      const oct = /^[0-7]{1,3}/.exec(content.slice(i + 1))![0];
      value = String.fromCodePoint(parseInt(oct, 8));
      length = 1 + oct.length;
    } else value = `\\${ch}`; // unknown escapes stay as written, as in Python
    emit(value, i, length);
    from = i + length;
  }
  if (from < content.length) emit(content.slice(from), from, content.length - from);
}
