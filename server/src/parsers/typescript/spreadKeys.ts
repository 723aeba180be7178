/**
 * Which keys of an options object built with spreads hold what the reader cannot see. JavaScript
 * builds `{ a: 1, ...extra, b: 2 }` key by key, a later key replacing an earlier one: a spread that
 * does not evaluate (`...extra`) may set any key but those written after it, and one on a test decided
 * at run time (`...(flag && { allowNull: false })`) may or may not set the keys it names. Shared by
 * the readers of TypeORM's and Sequelize's options, so that both answer Unknown for the same keys.
 */
export class SpreadKeys {
  /** A spread that may set any key came last, but for the keys in `settled`. */
  private any = false;
  private settled = new Set<string>();
  /** Keys a spread decided at run time may or may not set. */
  private maybe = new Set<string>();

  /** A key written in the object (or spread from what evaluates): what it holds is known. */
  written(key: string): void {
    if (this.any) this.settled.add(key);
    this.maybe.delete(key);
  }

  /** A spread that does not evaluate: it may set any key. */
  spreadUnread(): void {
    this.any = true;
    this.settled = new Set();
    this.maybe = new Set();
  }

  /** A spread of these keys, or of nothing, as a test decided at run time says. */
  spreadMaybe(keys: Iterable<string>): void {
    for (const key of keys) {
      this.maybe.add(key);
      this.settled.delete(key);
    }
  }

  /** A spread of an object read in turn (its keys, and what it leaves Unknown itself). */
  spreadOf(keys: Iterable<string>, inner: SpreadKeys): void {
    if (inner.any) {
      this.any = true;
      this.settled = new Set(inner.settled);
      this.maybe = new Set(inner.maybe);
      return;
    }
    for (const key of keys) if (!inner.maybe.has(key)) this.written(key);
    this.spreadMaybe(inner.maybe);
  }

  /** Whether a spread that does not evaluate may have set the key. */
  unknown(key: string): boolean {
    return (this.any && !this.settled.has(key)) || this.maybe.has(key);
  }

  /** Whether any key may hold what the reader cannot see. */
  get open(): boolean {
    return this.any || this.maybe.size > 0;
  }
}
