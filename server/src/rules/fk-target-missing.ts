/**
 * fk-target-missing: a foreign key references a table or column that no source defines
 * (seed report 001: `catering_bookings`, `newsletter.newsletter_subscribers`).
 */
import { columnsInDoubt, findColumn, mayBeNamed } from '../model/schema';
import { replaceEdit } from '../fixes/edits';
import { closestNames } from '../model/similarNames';
import { referenceText, tableLabel } from './support/describe';
import { unreadCodeMayTouch } from './support/migrations';
import type { Fix, Rule } from './types';

export const fkTargetMissing: Rule = {
  id: 'fk-target-missing',
  description: 'A foreign key references a table or column that no model, migration or database defines.',
  defaultSeverity: 'error',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations', 'live'],
  check(ctx) {
    for (const table of ctx.models.tables) {
      for (const fk of table.foreignKeys) {
        const target = ctx.modelTables.get(fk.resolvedSchema, fk.target.table) ?? ctx.migratedTables.get(fk.resolvedSchema, fk.target.table) ??
          ctx.liveTables?.get(fk.resolvedSchema, fk.target.table);
        if (!target) {
          // In another schema: fk-schema-mismatch reports it. Unknown table names: stay silent.
          // Made by migration code not read (another tool's migrations, SQL built by code): Unknown.
          if (ctx.modelTables.named(fk.target.table).length || ctx.migratedTables.named(fk.target.table).length || ctx.models.hasUnknownTables
            || ctx.migrations.some((m) => m.opaque || unreadCodeMayTouch(m, fk.target.table))
            || ctx.models.unnamedTables?.some((u) => (u.names || u.namePrefixes) && mayBeNamed(u, fk.target.table))) continue;
          const suggestions = ctx.modelTables.similar(fk.target.table).flatMap((name) => ctx.modelTables.named(name));
          const fixes: Fix[] = [];
          if (fk.targetTextLocation) {
            for (const s of suggestions) {
              const cols = fk.target.columns.map((c) => (findColumn(s, c) ? c : s.primaryKey[0] ?? c));
              const text = referenceText(fk, s, cols);
              fixes.push({ title: `Change the reference to "${text}"`, edits: [replaceEdit(fk.targetTextLocation, text)], safety: 'review' });
            }
          }
          const hint = suggestions.length ? ` Did you mean ${tableLabel(suggestions[0])}?` : '';
          ctx.report({
            message: `Foreign key references table "${fk.resolvedSchema}.${fk.target.table}", which no model or migration defines (evidence: models).${hint}`,
            location: fk.targetTextLocation ?? fk.location,
            evidence: ['model'],
            related: suggestions.slice(0, 1).map((s) => ({ location: s.location, message: `${tableLabel(s)} is defined here` })),
            fixes,
          });
          continue;
        }
        if (columnsInDoubt(target)) continue;
        let col: string | undefined;
        for (const c of fk.target.columns) if (!col && !findColumn(target, c)) col = c;
        if (col === undefined) continue;
        // Two models of one table name (the `locales` of two databases a project's models serve):
        // the key may reference the other, which has the column — no evidence of a missing one.
        const namesakes = ctx.modelTables.named(fk.target.table).filter((t) => t !== target && t.schema === target.schema);
        if (namesakes.some((t) => columnsInDoubt(t) || fk.target.columns.every((c) => findColumn(t, c)))) continue;
        const suggestions = closestNames(col, target.columns.map((c) => c.name));
        const fixes: Fix[] = [];
        if (fk.targetTextLocation && fk.target.columns.length === 1) {
          for (const s of suggestions) {
            const text = referenceText(fk, target, [s]);
            fixes.push({ title: `Change the reference to "${text}"`, edits: [replaceEdit(fk.targetTextLocation, text)], safety: 'review' });
          }
        }
        const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
        ctx.report({
          message: `Foreign key references column "${col}" of ${tableLabel(target)}, which has no such column (evidence: models).${hint}`,
          location: fk.targetTextLocation ?? fk.location,
          evidence: ['model'],
          related: [{ location: target.location, message: `${tableLabel(target)} is defined here` }],
          fixes,
        });
      }
    }
  },
};
