/**
 * The `schemasense-ignore` comments of a file, by line: read where the file is read (a parse
 * worker, the main thread), so that its text need not be kept once its facts are made.
 */
export const IGNORE = /(?:#|\/\/|--|\/\*)\s*schemasense-ignore\b(?:[ \t]+([\w-]+(?:[ \t]*,[ \t]*[\w-]+)*))?/;

/** Line (0-based) → the rule ids silenced there, or every rule. */
export type Suppressions = Map<number, Set<string> | 'all'>;

export function parseSuppressions(text: string): Suppressions {
  const map: Suppressions = new Map();
  if (!text.includes('schemasense-ignore')) return map;
  // CR-only line endings are line breaks too (Python and the editor count them so).
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = IGNORE.exec(lines[i]);
    if (!m) continue;
    map.set(i, m[1] ? new Set(m[1].split(',').map((s) => s.trim())) : 'all');
  }
  return map;
}
