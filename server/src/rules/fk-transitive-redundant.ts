/**
 * fk-transitive-redundant: table A references B and C, and B itself references C. A's reference to C
 * can be derived through B (seed report 002: `Message.lead_id` when `Message.conversation_id` →
 * `Conversation.lead_id`); stored twice, the two can disagree, and nothing in the database stops it.
 *
 * Evidence: two foreign keys to one table are not one fact by themselves (a topic's `user_id` is its
 * author, its tracker's `user_id` the reader; a topic's `last_post_id` is not its forum's). Only when
 *  - B's column has the same name as A's and that name is the referenced table's own
 *    (`organization_id` to `organizations`, `lead_id` to `leads`: the owner, not a role such as
 *    `author_id`, `last_post_id` or `shipping_address_id`), and both reach the same columns of C;
 *  - A is an entity of its own, not an association table (whose columns are all keys: there the
 *    C column is half of the pair it records);
 *  - the path through B always exists (A's column to B is NOT NULL; where B's column to C is
 *    empty, A's copy should be empty too);
 *  - A does not enforce the agreement itself (a composite foreign key to B that carries the C
 *    column) and does not use the C column in a composite key, unique constraint or index
 *    (tenant-scoped uniqueness needs it stored);
 *  - C is not the users table: a row's `user_id` is as often who did it (a comment's writer, an
 *    order's buyer, an alert's creator) as who owns it, and B's `user_id` is then another person (the
 *    post's writer, the shop's owner, the query's creator). The schema cannot tell which, so silence;
 *  - C is not a table of states (`status`, `order_states`, `stages`): a lookup of the lifecycle
 *    states rows go through. Each row is in its own (a booking is confirmed while its cart is
 *    still open, a task is done in a project that is active), so the two agree only by chance;
 *  - A does not record a point in time (a history, log, audit or snapshot table; or rows with a
 *    validity period, `start_date`/`end_date`): there the C column is what B's was *then*, which
 *    B's current value cannot give back (an employee's past job is not their job now);
 *  - A and B do not both take the C column from one mixin (a `WorkspaceModel` giving every
 *    workspace-scoped table its `workspace_id`): that is the project's scoping of every such table,
 *    written once, not a copy one table made of another's.
 */
import { findColumn, tableKey, type ForeignKey, type Table } from '../model/schema';
import { tableLabel } from './support/describe';
import { entityPrefixes } from './support/naming';
import { PerTableReports, type Lookups } from './support/references';
import type { FindingInput, Rule } from './types';

/** `organization_id` for organizations / Organization: the column names the table it references, not a role. */
function namedAfterTarget(column: string, target: Table): boolean {
  const match = /^(\w+)_id$/.exec(column);
  return !!match && entityPrefixes(target).has(match[1]);
}

/** Names of tables whose rows record how things were at a time. */
const POINT_IN_TIME_NAME = /(?:^|_)(?:history|histories|log|logs|audit|audits|snapshot|snapshots|versions|revisions|archive|archives)$/i;
// A validity period in dates (`start_date`/`end_date`, `valid_from`/`valid_to`), not lifecycle
// timestamps (`started_at`/`ended_at` of a subscription say when it ran, not as of when it was true).
const PERIOD_START = /^(?:start_date|start_on|valid_from|effective_from|effective_date|period_start|date_from)$/;
const PERIOD_END = /^(?:end_date|end_on|valid_to|valid_until|effective_to|effective_until|period_end|date_to)$/;

/** Rows that record a point in time: a history/log/audit/snapshot table, or rows with a start and an end. */
function recordsPointInTime(table: Table): boolean {
  const snake = (name: string) => name.replace(/([a-z\d])([A-Z])/g, '$1_$2').toLowerCase();
  if (POINT_IN_TIME_NAME.test(snake(table.name)) || (table.className && POINT_IN_TIME_NAME.test(snake(table.className)))) return true;
  const names = table.columns.map((c) => snake(c.name));
  return names.some((n) => PERIOD_START.test(n)) && names.some((n) => PERIOD_END.test(n));
}

/** The table of the people who act (`users`, `auth_user`, `app_users`, class `User`): a reference to it names an actor as often as an owner. */
function isUsersTable(table: Table): boolean {
  for (const name of entityPrefixes(table)) if (/(?:^|_)users?$/.test(name)) return true;
  return false;
}

/** A lookup of lifecycle states (`status`, `ticket_statuses`, `order_states`, `stages`, class `TaskStatus`): each row references its own. */
function isStatesTable(table: Table): boolean {
  for (const name of entityPrefixes(table)) if (/(?:^|_)(?:status|statuse|state|stage|phase)s?$/.test(name)) return true;
  return false;
}

/** A table that only links others: every column is a foreign-key column. */
function isAssociation(table: Table): boolean {
  const keys = new Set(table.foreignKeys.flatMap((f) => f.columns));
  return table.columns.every((c) => keys.has(c.name));
}

function isRequired(table: Table, column: string): boolean {
  const c = findColumn(table, column);
  return !!c && (c.primaryKey || c.nullable === false);
}

/** The column is part of a multi-column key: storing it is how A scopes uniqueness or identity. */
function inCompositeKey(table: Table, column: string): boolean {
  if (table.primaryKey.length > 1 && table.primaryKey.includes(column)) return true;
  if (table.uniqueConstraints.some((u) => u.columns.length > 1 && u.columns.includes(column))) return true;
  return table.indexes.some((i) => i.columns.length > 1 && i.columns.includes(column));
}

function sameTarget(lookups: Lookups, a: ForeignKey, b: ForeignKey, target: Table): boolean {
  const bTarget = lookups.referenced(b);
  if (!bTarget || tableKey(bTarget) !== tableKey(target)) return false;
  const columns = (fk: ForeignKey) => (fk.target.columns.length ? fk.target.columns : target.primaryKey);
  const x = columns(a);
  const y = columns(b);
  return x.length === y.length && x.every((c, i) => c === y[i]);
}

export const fkTransitiveRedundant: Rule = {
  id: 'fk-transitive-redundant',
  description: "A table references B and C while B references C: its C column can be derived through B and may drift.",
  defaultSeverity: 'info',
  needs: ['models'],
  reads: ['models', 'migrations'],
  check(ctx) {
    for (const a of ctx.models.tables) {
      const single = candidateKeys(a);
      if (single) perTable.run(ctx, a, (lookups, report) => checkTable(a, single, lookups, report));
    }
  },
};

const perTable = new PerTableReports();

/** A table's single-column foreign keys where it may store a derivable one; once per table object (an edit keeps the others). */
const candidates = new WeakMap<Table, ForeignKey[] | null>();

function candidateKeys(a: Table): ForeignKey[] | null {
  let single = candidates.get(a);
  if (single !== undefined) return single;
  single = a.foreignKeys.filter((fk) => fk.columns.length === 1);
  if (single.length < 2 || isAssociation(a) || recordsPointInTime(a)) single = null;
  candidates.set(a, single);
  return single;
}

function checkTable(a: Table, single: ForeignKey[], lookups: Lookups, report: (f: FindingInput) => void): void {
  for (const toC of single) {
    const c = lookups.referenced(toC);
    if (!c || c === a || isUsersTable(c) || isStatesTable(c)) continue;
    const derived = toC.columns[0];
    if (!namedAfterTarget(derived, c)) continue;
    if (findColumn(a, derived)?.primaryKey || inCompositeKey(a, derived)) continue;
    // A composite FK that carries the column enforces the agreement.
    if (a.foreignKeys.some((fk) => fk.columns.length > 1 && fk.columns.includes(derived))) continue;
    for (const toB of single) {
      if (toB === toC || toB.columns[0] === derived) continue;
      const b = lookups.referenced(toB);
      if (!b || b === a || b === c || !isRequired(a, toB.columns[0])) continue;
      // Same column name on both: the same role (an `author_id` is not the lead's `owner_id`).
      const bToC = b.foreignKeys.find((fk) => fk.columns.length === 1 && fk.columns[0] === derived && sameTarget(lookups, toC, fk, c));
      if (!bToC) continue;
      // Both take the column from one mixin (`WorkspaceModel` giving every workspace-scoped table its
      // `workspace_id`): the project's scheme for every such table, not a copy one of them made.
      const mixin = findColumn(a, derived)?.inheritedFrom;
      if (mixin && findColumn(b, derived)?.inheritedFrom === mixin) continue;
      report({
        message: `"${a.name}"."${derived}" can be derived: "${toB.columns[0]}" references ${tableLabel(b)}, whose "${bToC.columns[0]}" references the same ${tableLabel(c)}. Stored twice, the two can disagree and nothing in the database stops it; read it through "${toB.columns[0]}" instead, or enforce it with a composite foreign key (evidence: models).`,
        location: findColumn(a, derived)?.location ?? toC.location,
        evidence: ['model'],
        related: [
          { location: toB.location, message: `"${a.name}"."${toB.columns[0]}" references ${tableLabel(b)}` },
          { location: bToC.location, message: `${tableLabel(b)}."${bToC.columns[0]}" references ${tableLabel(c)}` },
        ],
      });
      break;
    }
  }
}
