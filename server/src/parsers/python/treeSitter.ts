/**
 * Loads web-tree-sitter and the Python grammar once. The `.wasm` files sit next to the bundle
 * (dist/) when packaged, and in node_modules when run from the compiled sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, type Range, type Tree } from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;

function locate(fileName: string, packageRelative: string): string {
  const besideBundle = path.join(__dirname, fileName);
  if (fs.existsSync(besideBundle)) return besideBundle;
  return require.resolve(packageRelative);
}

/** The shared Python parser. Trees must be deleted after their facts are extracted. */
export function pythonParser(): Promise<Parser> {
  if (!loading) {
    loading = (async () => {
      await Parser.init({
        locateFile: (name: string) => locate(name, `web-tree-sitter/${name}`),
      });
      const language = await Language.load(
        locate('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'),
      );
      const parser = new Parser();
      parser.setLanguage(language);
      return parser;
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/** Longest a single file may take to parse: past it, the file is reported as not read in time. */
export const PARSE_BUDGET_MS = 3000;

/** Runs of at least this many comment or blank lines are left out of the parse (see below). */
const QUIET_RUN = 32;

/**
 * Parses Python text in time linear in its length. tree-sitter-python's indentation scanner looks
 * past every comment and blank line for the next indentation at each such line, which is quadratic
 * in the length of a run of them (20,000 comment lines took 22 s); long runs are therefore left out
 * of the parse through `includedRanges` — comments and blank lines are not code, and positions stay
 * those of the whole text. Lines holding a quote or a backslash are never left out (they may sit
 * inside a string and end it). CR-only line endings (valid Python) become LF, which keeps every
 * offset. Returns the tree and the text its positions refer to; throws past the time budget.
 */
export async function parsePython(source: string): Promise<{ tree: Tree; text: string }> {
  const parser = await pythonParser();
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
  const includedRanges = rangesWithoutQuietRuns(text);
  const deadline = Date.now() + PARSE_BUDGET_MS;
  const tree = parser.parse(text, null, {
    ...(includedRanges ? { includedRanges } : {}),
    // Returning true cancels the parse (web-tree-sitter's typing says void).
    progressCallback: (() => Date.now() > deadline) as unknown as () => void,
  });
  if (!tree) throw new Error(`it could not be parsed within ${PARSE_BUDGET_MS / 1000} s`);
  return { tree, text };
}

function rangesWithoutQuietRuns(text: string): Range[] | undefined {
  let ranges: Range[] | undefined;
  let keptFrom = 0;
  let keptFromRow = 0;
  let runStart = -1;
  let runStartRow = 0;
  let row = 0;
  for (let offset = 0; offset <= text.length; row++) {
    const end = text.indexOf('\n', offset);
    const lineEnd = end < 0 ? text.length : end;
    const quiet = isQuietLine(text, offset, lineEnd);
    if (quiet && runStart < 0) {
      runStart = offset;
      runStartRow = row;
    } else if (!quiet && runStart >= 0) {
      if (row - runStartRow >= QUIET_RUN) {
        (ranges ??= []).push(range(keptFrom, keptFromRow, runStart, runStartRow));
        keptFrom = offset;
        keptFromRow = row;
      }
      runStart = -1;
    }
    if (end < 0) break;
    offset = end + 1;
  }
  if (!ranges) return undefined;
  const last = text.lastIndexOf('\n');
  ranges.push({ startIndex: keptFrom, endIndex: text.length, startPosition: { row: keptFromRow, column: 0 }, endPosition: { row, column: text.length - last - 1 } });
  return ranges;
}

function range(start: number, startRow: number, end: number, endRow: number): Range {
  return { startIndex: start, endIndex: end, startPosition: { row: startRow, column: 0 }, endPosition: { row: endRow, column: 0 } };
}

/** A blank line, or a comment without quotes or backslashes. */
function isQuietLine(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 12 || text.charCodeAt(i) === 13)) i++;
  if (i === end) return true;
  if (text.charCodeAt(i) !== 35) return false; // '#'
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39 || c === 92) return false; // " ' \
  }
  return true;
}
