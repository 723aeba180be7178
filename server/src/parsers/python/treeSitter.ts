/**
 * Loads web-tree-sitter and the Python grammar once. The `.wasm` files sit next to the bundle
 * (dist/) when packaged, and in node_modules when run from the compiled sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser, type Range, type Tree } from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;

/**
 * The WASM binding's exports, as the binding leaves them on the options object given to
 * `Parser.init` (an Emscripten module is the object it was given). Used for `treeWalk` only.
 */
interface CursorExports {
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  HEAP32: Int32Array;
}
const CURSOR_EXPORTS: (keyof CursorExports)[] = [
  '_ts_init', '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
];
let binding: { exports: CursorExports; transferBuffer: number } | undefined;

function locate(fileName: string, packageRelative: string): string {
  const besideBundle = path.join(__dirname, fileName);
  if (fs.existsSync(besideBundle)) return besideBundle;
  return require.resolve(packageRelative);
}

/** The shared Python parser. Trees must be deleted after their facts are extracted. */
export function pythonParser(): Promise<Parser> {
  if (!loading) {
    loading = (async () => {
      const moduleOptions: Record<string, unknown> = {
        locateFile: (name: string) => locate(name, `web-tree-sitter/${name}`),
      };
      await Parser.init(moduleOptions);
      if (CURSOR_EXPORTS.every((name) => typeof moduleOptions[name] === 'function') && moduleOptions.HEAP32 instanceof Int32Array) {
        const exports = moduleOptions as unknown as CursorExports;
        // `ts_init` returns the address of the binding's static transfer buffer (calling it again
        // only rewrites the version numbers it reports there).
        binding = { exports, transferBuffer: exports._ts_init() };
      }
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

/** Whether `treeWalk` calls the binding directly (the binding has the functions it expects). */
export function walksBindingDirectly(): boolean {
  return binding !== undefined;
}

/** The steps of a walk over a whole tree, in document order. */
export interface TreeWalk {
  typeId(): number;
  startIndex(): number;
  endIndex(): number;
  fieldId(): number;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  /** Frees the walk's cursor; always call it. */
  delete(): void;
}

/**
 * A walk over `tree`. web-tree-sitter's `TreeCursor` copies the cursor into the binding's transfer
 * buffer and back around every call, which costs three times the step itself; a walk that nothing
 * else interleaves with can leave the cursor in that buffer and call the binding directly. Where
 * the binding does not have the functions this expects (another version), the public cursor is used.
 * Nothing else may call into the binding between the steps of a walk.
 */
export function treeWalk(tree: Tree): TreeWalk {
  const cursor = tree.walk();
  if (!binding) {
    return {
      typeId: () => cursor.nodeTypeId,
      startIndex: () => cursor.startIndex,
      endIndex: () => cursor.endIndex,
      fieldId: () => cursor.currentFieldId,
      gotoFirstChild: () => cursor.gotoFirstChild(),
      gotoNextSibling: () => cursor.gotoNextSibling(),
      gotoParent: () => cursor.gotoParent(),
      delete: () => cursor.delete(),
    };
  }
  const { exports: c, transferBuffer } = binding;
  // The cursor's handle: four 32-bit words, which its methods copy to and from the transfer buffer.
  const handle = cursor as unknown as Record<0 | 1 | 2 | 3, number>;
  const treeAddress = (tree as unknown as Record<0, number>)[0];
  const word = transferBuffer >> 2;
  for (let i = 0 as 0 | 1 | 2 | 3; i < 4; i++) c.HEAP32[word + i] = handle[i];
  return {
    typeId: () => c._ts_tree_cursor_current_node_type_id_wasm(treeAddress),
    startIndex: () => c._ts_tree_cursor_start_index_wasm(treeAddress),
    endIndex: () => c._ts_tree_cursor_end_index_wasm(treeAddress),
    fieldId: () => c._ts_tree_cursor_current_field_id_wasm(treeAddress),
    gotoFirstChild: () => c._ts_tree_cursor_goto_first_child_wasm(treeAddress) === 1,
    gotoNextSibling: () => c._ts_tree_cursor_goto_next_sibling_wasm(treeAddress) === 1,
    gotoParent: () => c._ts_tree_cursor_goto_parent_wasm(treeAddress) === 1,
    delete: () => {
      // The walk may have grown the cursor's stack: its handle now is what the buffer holds
      // (the heap view is read again: a grown memory replaces it).
      for (let i = 0 as 0 | 1 | 2 | 3; i < 4; i++) handle[i] = c.HEAP32[word + i];
      cursor.delete();
    },
  };
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
