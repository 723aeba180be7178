/** "Did you mean": the closest names by edit distance, for fixes that suggest an existing target. */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * Candidates close enough to `name` to be a plausible typo or rename, best first: within an edit
 * distance of 40% of the longer name, or one name containing the other (`newsletter_subscribers`
 * and `subscribers`).
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: { c: string; score: number }[] = [];
  const lower = name.toLowerCase();
  for (const c of new Set(candidates)) {
    const lc = c.toLowerCase();
    const d = editDistance(lower, lc);
    const limit = Math.max(2, Math.floor(Math.max(lower.length, lc.length) * 0.4));
    const contains = lc.length >= 4 && lower.length >= 4 && (lower.includes(lc) || lc.includes(lower));
    // A name inside the other (a prefix or suffix added or dropped) is a stronger hint than a typo.
    if (d <= limit || contains) scored.push({ c, score: contains ? Math.abs(lower.length - lc.length) / 100 : d });
  }
  return scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c)).slice(0, max).map((s) => s.c);
}
