/** How ORMs and people name tables, classes and columns, for rules that match names across tables. */
import type { Table } from '../../model/schema';

/** `SubscriptionTier` → `subscription_tier`, `CTA` → `cta`, `HTTPRequestLog` → `http_request_log`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** `conversations` → `conversation`, `categories` → `category`, `addresses` → `address`. */
export function singular(name: string): string {
  if (/ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|z)es$/.test(name)) return name.slice(0, -2);
  if (/[^s]s$/.test(name)) return name.slice(0, -1);
  return name;
}

/** The words a column of another table uses to name this one: `conversation_stage` for Conversation. */
export function entityPrefixes(table: Table): Set<string> {
  const out = new Set<string>([singular(table.name), table.name]);
  if (table.className) out.add(snakeCase(table.className));
  return out;
}
