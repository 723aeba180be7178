/**
 * "Did you mean": names close enough to a missing one to be a typo or a prefix/suffix change.
 *
 * Two names are similar when one contains the other (both at least 4 characters:
 * `newsletter_subscribers` and `subscribers`), or when they are a few edits apart — a typo, not a
 * rename: 1 edit for names of up to 4 characters, 2 up to 16, 3 beyond (the shorter name counts).
 * The closer comes first: the smaller the share of the longer name that differs (see similarity).
 *
 * A workspace with thousands of tables and thousands of findings asks this for every finding, so
 * `SimilarNames` answers from an index instead of comparing with every name: a name within k edits
 * of the query contains at least one of any k+1 disjoint pieces of the query verbatim (the edits
 * fall into at most k of them). The pieces are chosen where the query's two- and three-letter
 * grams are rarest among the names, and names holding a piece are found through that gram's postings. The
 * cost of a question depends on the names that share its rarest parts, not on how many names
 * there are.
 */

/** The most edits between two similar names of which the shorter has `length` characters. */
export function typoLimit(length: number): number {
  return length <= 4 ? 1 : length <= 16 ? 2 : 3;
}

/** The Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (prev[j] < rowMin) rowMin = prev[j];
      diag = tmp;
    }
    if (rowMin > limit) return limit + 1;
  }
  return prev[b.length];
}

/**
 * How similar two lower-cased names are (lower is closer), or undefined when they are not: the share
 * of the longer name that differs. A name inside the other differs by the prefix or suffix added or
 * dropped (`subscribers` in `newsletter_subscribers`: half of it); a typo by its edits — one letter of
 * a long name (`catergorysizes` for `categorysizes`) is a closer hint than a short name it contains
 * (`sizes`).
 */
function similarity(query: string, candidate: string): number | undefined {
  const longer = Math.max(query.length, candidate.length);
  const contains = candidate.length >= 4 && query.length >= 4 && (query.includes(candidate) || candidate.includes(query));
  if (contains) return Math.abs(query.length - candidate.length) / longer;
  const limit = typoLimit(Math.min(query.length, candidate.length));
  const d = editDistance(query, candidate, limit);
  return d <= limit ? d / longer : undefined;
}

function best(scored: { c: string; score: number }[], max: number): string[] {
  return scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c)).slice(0, max).map((s) => s.c);
}

/** The closest of a few candidates (the columns of one table), best first. */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = name.toLowerCase();
  const scored: { c: string; score: number }[] = [];
  for (const c of new Set(candidates)) {
    const score = similarity(lower, c.toLowerCase());
    if (score !== undefined) scored.push({ c, score });
  }
  return best(scored, max);
}

/**
 * For a query longer than this, the names it contains are not looked up (one lookup per substring:
 * quadratic in its length); a name that long is generated, not typed. The other paths still apply.
 */
const MAX_SUBSTRING_SCAN = 64;

/** Names of many items (tables), indexed to answer "which names are similar to this one". */
export class SimilarNames<T> {
  /** lower-cased name → name as written → items of that name. */
  private readonly byLower = new Map<string, Map<string, Set<T>>>();
  /** two- and three-letter gram → lower-cased names containing it. */
  private readonly grams = new Map<string, Set<string>>();
  /** length → lower-cased names of that length (short queries, whose pieces are too short for grams). */
  private readonly byLength = new Map<number, Set<string>>();
  /**
   * Whether `grams` and `byLength` are built: on the first question, not per name added — a replay
   * adds every table it creates (again after each edit) and most are never asked about.
   */
  private indexed = false;

  add(name: string, item: T): void {
    const lower = name.toLowerCase();
    let written = this.byLower.get(lower);
    if (!written) {
      this.byLower.set(lower, (written = new Map()));
      if (this.indexed) this.index(lower);
    }
    let items = written.get(name);
    if (!items) written.set(name, (items = new Set()));
    items.add(item);
  }

  delete(name: string, item: T): void {
    const lower = name.toLowerCase();
    const written = this.byLower.get(lower);
    const items = written?.get(name);
    if (!written || !items?.delete(item)) return;
    if (items.size) return;
    written.delete(name);
    if (written.size) return;
    this.byLower.delete(lower);
    if (!this.indexed) return;
    for (const g of gramsOf(lower)) deleteFrom(this.grams, g, lower);
    deleteFrom(this.byLength, lower.length, lower);
  }

  private index(lower: string): void {
    for (const g of gramsOf(lower)) addTo(this.grams, g, lower);
    addTo(this.byLength, lower.length, lower);
  }

  /** The items of exactly this name. */
  named(name: string): T[] {
    return [...(this.byLower.get(name.toLowerCase())?.get(name) ?? [])];
  }

  /** The names (as written) similar to `name`, best first; `name` itself when present. */
  closest(name: string, max = 3): string[] {
    const lower = name.toLowerCase();
    const scored: { c: string; score: number }[] = [];
    for (const candidate of this.candidates(lower)) {
      const score = similarity(lower, candidate);
      if (score === undefined) continue;
      for (const c of this.byLower.get(candidate)!.keys()) scored.push({ c, score });
    }
    return best(scored, max);
  }

  /** Lower-cased names that may be similar to `lower` (a superset; `similarity` decides). */
  private candidates(lower: string): Set<string> {
    if (!this.indexed) {
      this.indexed = true;
      for (const name of this.byLower.keys()) this.index(name);
    }
    const found = new Set<string>();
    const length = lower.length;
    if (this.byLower.has(lower)) found.add(lower);
    // Names containing the query: they contain its rarest gram.
    if (length >= 4) for (const c of this.postings(lower)) if (c.includes(lower)) found.add(c);
    // Names the query contains.
    if (length >= 5 && length <= MAX_SUBSTRING_SCAN) {
      for (let i = 0; i + 4 <= length; i++) {
        for (let j = i + 4; j <= length; j++) {
          if (j - i === length) continue;
          const sub = lower.slice(i, j);
          if (this.byLower.has(sub)) found.add(sub);
        }
      }
    }
    // Names within k edits contain one of any k+1 disjoint pieces of the query verbatim: the pieces
    // chosen are those whose grams are rarest (a misspelt part is often in no name at all).
    const k = typoLimit(length);
    const pieces = length >= 2 * (k + 1) ? this.rarePieces(lower, k + 1) : undefined;
    if (!pieces) {
      for (let l = Math.max(1, length - k); l <= length + k; l++) for (const c of this.byLength.get(l) ?? []) found.add(c);
      return found;
    }
    for (const piece of pieces) {
      for (const c of this.postings(piece)) {
        if (Math.abs(c.length - length) <= k && c.includes(piece)) found.add(c);
      }
    }
    return found;
  }

  /**
   * `count` disjoint pieces of `text` (each at least 2 characters) whose rarest grams have the
   * fewest names in all: the names to compare with are those holding one of them.
   */
  private rarePieces(text: string, count: number): string[] | undefined {
    const n = text.length;
    const size = (i: number, length: number) => this.grams.get(text.slice(i, i + length))?.size ?? 0;
    // cost[i][c]: the fewest names for c pieces within text[i..]; choice[i][c]: the end of the piece starting at i, or 0 to skip i.
    const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(count + 1).fill(Infinity));
    const choice: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(count + 1).fill(-1));
    for (let i = n; i >= 0; i--) {
      cost[i][0] = 0;
      for (let c = 1; c <= count; c++) {
        if (i < n && cost[i + 1][c] < cost[i][c]) {
          cost[i][c] = cost[i + 1][c];
          choice[i][c] = 0;
        }
        let rarest = Infinity;
        for (let j = i + 2; j <= n; j++) {
          rarest = Math.min(rarest, size(j - 2, 2), j - 3 >= i ? size(j - 3, 3) : Infinity);
          const total = rarest + cost[j][c - 1];
          if (total < cost[i][c]) {
            cost[i][c] = total;
            choice[i][c] = j;
          }
        }
      }
    }
    if (cost[0][count] === Infinity) return undefined;
    const pieces: string[] = [];
    for (let i = 0, c = count; c > 0;) {
      const end = choice[i][c];
      if (end === 0) {
        i++;
        continue;
      }
      pieces.push(text.slice(i, end));
      i = end;
      c--;
    }
    return pieces;
  }

  /** The names holding the rarest gram of `text` (every name containing `text` is among them). */
  private postings(text: string): Iterable<string> {
    let rarest: Set<string> | undefined;
    for (const g of gramsOf(text)) {
      const names = this.grams.get(g);
      if (!names) return [];
      if (!rarest || names.size < rarest.size) rarest = names;
    }
    return rarest ?? [];
  }
}

/** The two- and three-letter grams of a name (three letters tell syllables apart, two fit short pieces). */
function gramsOf(text: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 2 <= text.length; i++) {
    grams.add(text.slice(i, i + 2));
    if (i + 3 <= text.length) grams.add(text.slice(i, i + 3));
  }
  return grams;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function deleteFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (!set.size) map.delete(key);
}
