/**
 * `schemasense-ignore <id>[, <id>]` in a comment on the line of a finding, or on the line above,
 * silences it. Without ids, every rule is silenced for that line.
 */
import { IGNORE, type Suppressions } from '../workspace/suppressionComments';

export { parseSuppressions, type Suppressions } from '../workspace/suppressionComments';

function covers(entry: Set<string> | 'all' | undefined, ruleId: string): boolean {
  return entry === 'all' || (entry !== undefined && entry.has(ruleId));
}

export function isSuppressed(suppressions: Suppressions | undefined, line: number, ruleId: string): boolean {
  if (!suppressions || suppressions.size === 0) return false;
  return covers(suppressions.get(line), ruleId) || covers(suppressions.get(line - 1), ruleId);
}

/** The edit that silences `ruleId` on `line`: extends an existing ignore comment, or appends one. */
export function ignoreCommentEdit(lineText: string, line: number, ruleId: string, syntax: 'python' | 'typescript' | 'sql'):
  { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string } {
  const m = IGNORE.exec(lineText);
  if (m && m[1]) {
    const end = m.index + m[0].length;
    return { range: { start: { line, character: end }, end: { line, character: end } }, newText: `, ${ruleId}` };
  }
  const comment = syntax === 'python' ? '#' : syntax === 'sql' ? '--' : '//';
  const trimmedEnd = lineText.replace(/\s+$/, '').length;
  if (/\\$/.test(lineText.trimEnd())) {
    // A continuation line cannot take a trailing comment: put it on its own line above.
    const indent = /^\s*/.exec(lineText)![0];
    return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment} schemasense-ignore ${ruleId}\n` };
  }
  return {
    range: { start: { line, character: trimmedEnd }, end: { line, character: lineText.length } },
    newText: `  ${comment} schemasense-ignore ${ruleId}`,
  };
}

/**
 * Whether the end of `line` lies inside a triple-quoted Python string (the SQL of a migration):
 * a comment added there must be SQL's `--`, since a `#` would become part of the SQL.
 */
export function lineEndsInsideString(text: string, line: number): boolean {
  let row = 0;
  let open: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      if (row === line) return open?.length === 3;
      row++;
      if (open?.length === 1) open = undefined; // an unterminated one-line string ends here
      continue;
    }
    if (open) {
      if (ch === '\\') {
        if (text[i + 1] === '\n') {
          if (row === line) return open.length === 3;
          row++;
        }
        i++;
      } else if (text.startsWith(open, i)) {
        i += open.length - 1;
        open = undefined;
      }
      continue;
    }
    if (ch === '#') {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
    } else if (ch === '"' || ch === "'") {
      open = text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      i += open.length - 1;
    }
  }
  return row === line && open?.length === 3;
}

/**
 * Whether a TypeScript/JavaScript line ends inside a template literal (a migration's multi-line
 * SQL): a `//` comment there would become part of the SQL, so the ignore comment is SQL's `--`.
 * Counts unescaped backticks outside quotes and comments up to the end of the line.
 */
export function lineEndsInsideTemplate(text: string, line: number): boolean {
  let inTemplate = false;
  let quote: string | undefined;
  let currentLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      if (currentLine === line) return inTemplate;
      currentLine++;
      if (quote) quote = undefined; // a quote does not span lines
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (inTemplate) {
      if (c === '`') inTemplate = false;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '`') inTemplate = true;
  }
  return inTemplate;
}
