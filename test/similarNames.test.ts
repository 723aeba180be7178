/**
 * "Did you mean": what counts as similar (typos and prefix/suffix changes, not renames), and the
 * index answering exactly what comparing with every name would, at a cost that does not grow with
 * the number of names unrelated to the question.
 */
import * as assert from 'assert';
import { closestNames, editDistance, SimilarNames, typoLimit } from '../server/src/model/similarNames';
import { random } from './helpers/random';


describe('similar names ("did you mean")', () => {
  it('suggests typos and names with a prefix or suffix added or dropped, best first', () => {
    const tables = ['users', 'user_roles', 'orders', 'order_items', 'newsletter_subscribers', 'subscriptions', 'catering_bookings', 'invoices'];
    assert.deepStrictEqual(closestNames('ordres', tables), ['orders']);
    assert.deepStrictEqual(closestNames('user', tables), ['users', 'user_roles']);
    assert.deepStrictEqual(closestNames('subscribers', tables), ['newsletter_subscribers']);
    assert.deepStrictEqual(closestNames('catering_booking', tables), ['catering_bookings']);
    assert.deepStrictEqual(closestNames('Invoice', tables), ['invoices']);
  });

  it('ranks by the share of the longer name that differs: a typo in a long name before a short name it contains', () => {
    const tables = ['Sizes', 'CategorySizes', 'Categories'];
    assert.deepStrictEqual(closestNames('CatergorySizes', tables), ['CategorySizes', 'Sizes']);
    const index = new SimilarNames<string>();
    for (const t of tables) index.add(t, t);
    assert.deepStrictEqual(index.closest('CatergorySizes'), ['CategorySizes', 'Sizes']);
  });

  it('does not suggest a different word of the same length (a rename, not a typo)', () => {
    const tables = ['accounts', 'payments', 'products', 'tags'];
    assert.deepStrictEqual(closestNames('invoices', tables), []);
    assert.deepStrictEqual(closestNames('tax', tables), []);
    assert.deepStrictEqual(closestNames('customers', tables), []);
  });

  it('bounds the distance by the shorter name', () => {
    assert.strictEqual(typoLimit(4), 1);
    assert.strictEqual(typoLimit(16), 2);
    assert.strictEqual(typoLimit(17), 3);
    assert.strictEqual(editDistance('kitten', 'sitting'), 3);
    assert.strictEqual(editDistance('kitten', 'sitting', 1), 2, 'stops as soon as the limit is passed');
  });

  it('the index answers as comparing with every name does, through additions and removals', () => {
    const next = random(7);
    const letters = 'abcdeilmnorstu_';
    const word = () => Array.from({ length: 3 + Math.floor(next() * 14) }, () => letters[Math.floor(next() * letters.length)]).join('');
    const names: string[] = [];
    for (let i = 0; i < 400; i++) names.push(word());
    // Typos of existing names, so that there is something to find.
    for (let i = 0; i < 200; i++) {
      const base = names[Math.floor(next() * names.length)].split('');
      const at = Math.floor(next() * base.length);
      if (next() < 0.5) base[at] = letters[Math.floor(next() * letters.length)];
      else base.splice(at, 1);
      names.push(base.join('') || 'x');
    }
    const index = new SimilarNames<number>();
    names.forEach((n, i) => index.add(n, i));
    // Remove a third again: the index must forget them.
    const removed = new Set<number>();
    for (let i = 0; i < names.length; i += 3) {
      index.delete(names[i], i);
      removed.add(i);
    }
    const present = names.filter((_, i) => !removed.has(i));
    let suggested = 0;
    for (let q = 0; q < 300; q++) {
      const query = q % 2 ? word() : names[Math.floor(next() * names.length)] + (q % 3 ? '' : 's');
      const expected = closestNames(query, present, 5);
      assert.deepStrictEqual(index.closest(query, 5), expected, `"${query}"`);
      suggested += expected.length;
    }
    assert.ok(suggested > 100, `the queries found similar names (${suggested})`);
  });

  it('keeps names that several items share until the last is removed', () => {
    const index = new SimilarNames<string>();
    index.add('orders', 'public');
    index.add('orders', 'billing');
    index.delete('orders', 'public');
    assert.deepStrictEqual(index.closest('ordres'), ['orders']);
    assert.deepStrictEqual(index.named('orders'), ['billing']);
    index.delete('orders', 'billing');
    assert.deepStrictEqual(index.closest('ordres'), []);
  });
});
