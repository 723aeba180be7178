/**
 * column-duplicated-state: the same non-key state stored in two tables joined by a foreign key
 * (seed report 002: `stage` / `intent_level` / `user_sentiment` on both Conversation and Lead, one
 * of them as `conversation_stage`). Synced by hand, the copies drift and screens disagree.
 *
 * Precision: keys, foreign keys, timestamps, booleans and the names that every table
 * legitimately has (name, email, status, created_at, ...) are never compared; columns both
 * tables inherit from one mixin are shared by design. The finding is on the referenced side's copy
 * (the parent caching its children's state), with the other copy as related location.
 */
import type { Column, ForeignKey, Table } from '../model/schema';
import { typeFamily } from '../model/types';
import { tableLabel } from './support/describe';
import { entityPrefixes } from './support/naming';
import { oncePerLocation, PerTableReports, type Lookups } from './support/references';
import type { FindingInput, Rule } from './types';

const LEGITIMATELY_REPEATED: ReadonlySet<string> = new Set([
  'name', 'full_name', 'first_name', 'last_name', 'display_name', 'username', 'title', 'description', 'summary',
  'notes', 'note', 'comment', 'email', 'phone', 'phone_number', 'address', 'city', 'country', 'locale', 'language',
  'timezone', 'currency', 'slug', 'code', 'label', 'status', 'state', 'type', 'kind', 'category', 'version',
  'position', 'sort_order', 'order', 'priority', 'source', 'metadata', 'metadata_', 'data', 'settings', 'config',
  'tags', 'url', 'website', 'avatar_url', 'image_url', 'color', 'icon', 'external_id', 'uuid', 'deleted', 'active',
  'enabled', 'archived', 'created', 'updated', 'content', 'body', 'amount', 'quantity', 'price', 'total',
  'error', 'message', 'reason', 'result', 'results', 'params', 'request', 'response', 'payload', 'options',
]);

const TIMESTAMPS_AND_FLAGS: ReadonlySet<string> = new Set(['timestamp', 'date', 'time', 'boolean']);

function isState(table: Table, column: Column, keyColumns: Set<string>): boolean {
  if (column.primaryKey || keyColumns.has(column.name) || LEGITIMATELY_REPEATED.has(column.name)) return false;
  if (/(_id|_ids|_at|_on|_by|_date|_url|_count|_uuid|_message|_error)$/.test(column.name) || /^(error|last)_/.test(column.name) || /^(is|has)_/.test(column.name)) return false;
  if (column.type && TIMESTAMPS_AND_FLAGS.has(typeFamily(column.type))) return false;
  return !table.incomplete?.includes(column.name);
}

function compatible(a: Column, b: Column): boolean {
  if (!a.type || !b.type) return true;
  const ea = a.type.enumName;
  const eb = b.type.enumName;
  if (ea && eb) return ea === eb;
  // An enum on one side, its values as strings on the other: still one state.
  if (ea || eb) return typeFamily(ea ? b.type : a.type) === 'string';
  return typeFamily(a.type) === typeFamily(b.type);
}

/** Whether `copy` (in `copyTable`) stores the state `original` (in `originalTable`) stores. */
function sameState(copy: Column, original: Column, originalTable: Table): boolean {
  if (copy.name === original.name) return true;
  for (const prefix of entityPrefixes(originalTable)) if (copy.name === `${prefix}_${original.name}`) return true;
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

function checkChild(child: Table, lookups: Lookups, report: (f: FindingInput) => void): void {
  const childKeys = new Set(child.foreignKeys.flatMap((f) => f.columns));
  for (const fk of child.foreignKeys) {
    const parent = lookups.referenced(fk);
    if (!parent || parent === child || parent.evidence !== 'model') continue;
    const parentKeys = new Set(parent.foreignKeys.flatMap((f) => f.columns));
    for (const copy of parent.columns) {
      if (!isState(parent, copy, parentKeys)) continue;
      const original = child.columns.find((o) =>
        isState(child, o, childKeys) && (sameState(copy, o, child) || sameState(o, copy, parent)) && compatible(copy, o) &&
        !(copy.inheritedFrom && copy.inheritedFrom === o.inheritedFrom));
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
