/**
 * Where a fact came from. Every node of the schema model carries a `Location`, so that a finding
 * can point at the line that causes it. Positions are zero-based, columns in UTF-16 code units
 * (the unit LSP uses by default and the unit web-tree-sitter reports).
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  /** Absolute path of the file. */
  file: string;
  range: Range;
}

/**
 * Where a fact of the live database alone is: in no file of the workspace (a table created by hand).
 * Reports show it as "database"; the editor lists it in the audit report, not on an unrelated line.
 */
export const IN_DATABASE: Location = { file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

export function isInDatabase(location: Location): boolean {
  return location.file === '';
}

/** Which kind of source a schema fact was read from. Findings name it as their evidence. */
export type Evidence = 'model' | 'migration' | 'live';

export function rangeContains(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

export function compareLocations(a: Location, b: Location): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * A location as it arrives from a parse worker: four numbers instead of three objects. Facts hold
 * hundreds of thousands of locations and few are ever read, so the range is made on first use.
 */
export class CompactLocation implements Location {
  private materialised: Range | undefined;

  constructor(readonly file: string, private readonly startLine: number, private readonly startCharacter: number, private readonly endLine: number, private readonly endCharacter: number) {}

  get range(): Range {
    return (this.materialised ??= {
      start: { line: this.startLine, character: this.startCharacter },
      end: { line: this.endLine, character: this.endCharacter },
    });
  }

  /**
   * In facts written by `withCompactLocations(file, …)`, a location in that file is its four
   * numbers (`{"$": [startLine, startCharacter, endLine, endCharacter]}`): most of the facts are
   * locations, and this halves what is sent, parsed and kept. Elsewhere, a plain Location.
   */
  toJSON(): Location | { $: number[] } {
    if (this.file === compactFile) return { $: [this.startLine, this.startCharacter, this.endLine, this.endCharacter] };
    return { file: this.file, range: this.range };
  }
}

let compactFile: string | undefined;

/** A location of `range` in `file`, kept as a CompactLocation (compact in facts written as JSON). */
export function locationOf(file: string, range: Range): CompactLocation {
  return new CompactLocation(file, range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * Runs `write` (a JSON.stringify of one file's facts) with that file's CompactLocations written as
 * four numbers. A method of the class, not a replacer function: JSON.stringify with a replacer
 * calls back into JavaScript for every value, and facts have hundreds of thousands.
 */
export function withCompactLocations<T>(file: string, write: () => T): T {
  const outer = compactFile;
  compactFile = file;
  try {
    return write();
  } finally {
    compactFile = outer;
  }
}
