/**
 * column-duplicated-state: the same non-key state stored in two tables joined by a foreign key
 * (seed report 002: `stage` / `intent_level` / `user_sentiment` on both Conversation and Lead, one
 * of them as `conversation_stage`). Synced by hand, the copies drift and screens disagree.
 *
 * Evidence: a shared column name is not a shared fact (`users.password` and `shared_links.password`;
 * an order's `tax_amount` is a snapshot of its checkout's, on purpose). The rule reports only a
 * *state*: a value from a small closed set — an enum, or a short string (declared length <= 64) —
 * whose two copies
 *  - use the same enum type, or
 *  - have the same name and the same declared string type, or
 *  - one is named after the other's table (`leads.conversation_stage` for `conversations.stage`)
 *    with a compatible type.
 * Keys, foreign keys, timestamps, booleans, numbers, free text, JSON, identifiers and tokens
 * (`id` beside another key, a column unique in its table, `*_key`, `*_token`, `*_hash`), the names every table legitimately has (name, email, status, ...)
 * and a row's own names (`original_name`, `short_title`: each row's, not a value from a closed set),
 * columns both tables inherit from one mixin and columns whose type is Unknown are never compared;
 * nor is a table that records the past (a history, an audit log, versions, snapshots) with the table
 * it records.
 * The finding is on the referenced side's copy (the parent caching its children's state), with the
 * other copy as related location.
 */
import type { Column, Table } from '../model/schema';
import { knownType, typeFamily } from '../model/types';
import { tableLabel } from './support/describe';
import { entityPrefixes, snakeCase } from './support/naming';
import { oncePerLocation, PerTableReports, type Lookups } from './support/references';
import type { FindingInput, Rule } from './types';

/**
 * Classifications each row makes of itself, as `type` and `kind` are (a subscription's scope is not its
 * installation's), also as the last word of a name (`photos_visibility`: a user's default, each album's own;
 * `lifecycle_status`: a project archived, one of its releases quarantined — each row's own status).
 */
const SELF_CLASSIFICATIONS = ['scope', 'visibility', 'mode', 'status', 'state'];
const SELF_CLASSIFICATION_SUFFIX = new RegExp(`_(?:${SELF_CLASSIFICATIONS.join('|')})$`);

const LEGITIMATELY_REPEATED: ReadonlySet<string> = new Set([
  'name', 'full_name', 'first_name', 'last_name', 'display_name', 'username', 'title', 'description', 'summary',
  'notes', 'note', 'comment', 'email', 'phone', 'phone_number', 'address', 'city', 'country', 'locale', 'language',
  'timezone', 'currency', 'slug', 'code', 'label', 'status', 'state', 'type', 'kind', 'category', 'version',
  'position', 'sort_order', 'order', 'priority', 'source', 'metadata', 'metadata_', 'data', 'settings', 'config',
  'tags', 'url', 'website', 'avatar_url', 'image_url', 'color', 'icon', 'id', 'external_id', 'uuid', 'deleted', 'active',
  'enabled', 'archived', 'created', 'updated', 'content', 'body', 'amount', 'quantity', 'price', 'total',
  'error', 'message', 'reason', 'result', 'results', 'params', 'request', 'response', 'payload', 'options',
  ...SELF_CLASSIFICATIONS,
]);

/** The longest string that still reads as a label from a closed set (a stage, a level), not free text. */
const STATE_STRING_MAX = 64;

/** A value from a small closed set: an enum, or a short string of declared length. Unknown types are no evidence. */
function isStateType(column: Column): boolean {
  const type = knownType(column);
  if (!type) return false;
  if (type.enumName || type.name === 'enum') return true;
  return (type.name === 'varchar' || type.name === 'char') && !!type.args?.length && type.args[0] <= STATE_STRING_MAX;
}

function isState(table: Table, column: Column, keyColumns: Set<string>): boolean {
  // (The type first: most columns are no short string or enum, and it is the cheapest test.)
  if (column.primaryKey || keyColumns.has(column.name) || !isStateType(column)) return false;
  // Names read as words whatever their case: `createdAt` is `created_at`, `isBanned` is `is_banned`.
  const name = snakeCase(column.name);
  if (LEGITIMATELY_REPEATED.has(name) || SELF_CLASSIFICATION_SUFFIX.test(name)) return false;
  if (/(_id|_ids|_at|_on|_by|_date|_url|_count|_uuid|_message|_error|_key|_token|_hash|_secret|_number|_code|_name|_title|_label)$/.test(name) || /^(error|last)_/.test(name) || /^(is|has)_/.test(name)) return false;
  // Unique in its table: an identifier of each row (`id` beside an integer key), not a state from a closed set.
  const alone = (columns: readonly string[]) => columns.length === 1 && columns[0] === column.name;
  if (table.uniqueConstraints.some((u) => alone(u.columns)) || table.indexes.some((i) => i.unique && alone(i.columns))) return false;
  return !table.incomplete?.includes(column.name);
}

/** Whether two state columns hold values of one set. */
function sameValueSet(a: Column, b: Column, byName: boolean): boolean {
  const ta = knownType(a)!;
  const tb = knownType(b)!;
  const ea = ta.enumName;
  const eb = tb.enumName;
  if (ea && eb) return ea === eb;
  // An enum whose identity is not known (no name): no evidence that it is the other's.
  if ((ta.name === 'enum' && !ea) || (tb.name === 'enum' && !eb)) return false;
  // An enum on one side, its values as strings on the other: one state, when the names say so.
  if (ea || eb) return !byName;
  // Two strings: the same declaration, when only the names relate them.
  if (byName) return ta.name === tb.name && (ta.args?.[0] ?? -1) === (tb.args?.[0] ?? -1);
  return typeFamily(ta) === typeFamily(tb);
}

/** Whether `copy` (in `copyTable`) is named after `original` of `originalTable`: `conversation_stage` for Conversation.stage. */
function namedAfter(copy: Column, original: Column, originalTable: Table): boolean {
  const name = snakeCase(copy.name);
  for (const prefix of entityPrefixes(originalTable)) if (name === `${prefix}_${snakeCase(original.name)}`) return true;
  return false;
}

export const columnDuplicatedState: Rule = {
  id: 'column-duplicated-state',
  description: 'The same non-key state stored in two tables joined by a foreign key.',
  defaultSeverity: 'info',
  needs: ['models'],
  reads: ['models', 'migrations'],
  check(ctx) {
    // One finding per copy, however many children hold the original.
    const emit = oncePerLocation(ctx);
    for (const child of ctx.models.tables) {
      if (child.foreignKeys.length) perTable.run(ctx, child, (lookups, report) => checkChild(child, lookups, report), emit);
    }
  },
};

const perTable = new PerTableReports();

/**
 * A table that records what another was at a moment (`alarm_history`, an `AlarmChange`, an audit
 * log, a version or snapshot): its copies are the past on purpose, not state to keep in sync.
 */
const RECORD_OF_THE_PAST = /(?:^|_)(?:history|histories|log|logs|audit|audits|audit_log|changes?|events?|versions?|snapshots?|revisions?|archive|archives)$/;
const RECORD_CLASS = /(?:History|Log|Audit|Change|Event|Version|Snapshot|Revision|Archive)$/;

function recordsThePast(table: Table): boolean {
  return RECORD_OF_THE_PAST.test(snakeCase(table.name)) || (!!table.className && RECORD_CLASS.test(table.className));
}

/**
 * A table of overrides (`lti_role_override`, a `RoleOverride`) or of preferences and settings
 * (`users_sports_preferences`, a `UserSportPreference`): a row holds, for some scope (a user), the
 * value that replaces the referenced row's default — different on purpose, not a copy to keep in sync.
 */
const OVERRIDES = /(?:^|_)(?:overrides?|preferences?|prefs|settings)$/;
const OVERRIDE_CLASS = /(?:Overrides?|Preferences?|Prefs|Settings)$/;

function overridesTheReferenced(table: Table): boolean {
  return OVERRIDES.test(snakeCase(table.name)) || (!!table.className && OVERRIDE_CLASS.test(table.className));
}

function checkChild(child: Table, lookups: Lookups, report: (f: FindingInput) => void): void {
  if (recordsThePast(child) || overridesTheReferenced(child)) return;
  const childKeys = new Set(child.foreignKeys.flatMap((f) => f.columns));
  for (const fk of child.foreignKeys) {
    const parent = lookups.referenced(fk);
    if (!parent || parent === child || parent.evidence !== 'model') continue;
    const parentKeys = new Set(parent.foreignKeys.flatMap((f) => f.columns));
    for (const copy of parent.columns) {
      if (!isState(parent, copy, parentKeys)) continue;
      const original = child.columns.find((o) => {
        if (!isState(child, o, childKeys) || (copy.inheritedFrom && copy.inheritedFrom === o.inheritedFrom)) return false;
        if (copy.name === o.name) return sameValueSet(copy, o, true);
        return (namedAfter(copy, o, child) || namedAfter(o, copy, parent)) && sameValueSet(copy, o, false);
      });
      if (!original) continue;
      report({
        message: `"${parent.name}"."${copy.name}" stores the same state as "${child.name}"."${original.name}" (${tableLabel(child)} references ${tableLabel(parent)} through "${fk.columns.join(', ')}"): kept in sync by hand, the copies drift and readers of each see different values. Keep one source of truth and read the other through the join (evidence: models).`,
        location: copy.location,
        evidence: ['model'],
        related: [{ location: original.location, message: `"${child.name}"."${original.name}" holds the same state` }],
      });
    }
  }
}
