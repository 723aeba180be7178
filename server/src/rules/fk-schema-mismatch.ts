/**
 * fk-schema-mismatch: the referenced table exists, but in another schema than the reference
 * resolves to: qualified wrongly (`public.customers` for `bookings.customers`), or unqualified
 * while the table lives only in a non-default schema (`users.id` for `identity.users`).
 */
import { replaceEdit } from '../fixes/edits';
import { referenceText, tableLabel } from './support/describe';
import type { Fix, Rule } from './types';

export const fkSchemaMismatch: Rule = {
  id: 'fk-schema-mismatch',
  description: "A foreign key's target table exists, but in another schema than the reference says.",
  defaultSeverity: 'error',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations'],
  dialects: ['postgresql'],
  check(ctx) {
    for (const table of ctx.models.tables) {
      for (const fk of table.foreignKeys) {
        if (fk.viaClass || ctx.modelTables.get(fk.resolvedSchema, fk.target.table) || ctx.migratedTables.get(fk.resolvedSchema, fk.target.table)) continue;
        const modelled = ctx.modelTables.named(fk.target.table);
        // Tables only the migrations create count too (one per schema).
        const elsewhere = [...modelled, ...ctx.migratedTables.named(fk.target.table).filter((t) => !modelled.some((m) => m.schema === t.schema))];
        // A table whose `__table_args__` is computed may name any schema: no evidence it is elsewhere.
        if (!elsewhere.length || elsewhere.some((t) => !t.declaredSchema && t.incomplete?.includes('__table_args__'))) continue;
        // A table in the schema the settings pick at run time may be in the one referenced.
        if (elsewhere.some((t) => t.schemaSetAtRunTime)) continue;
        const where = elsewhere.map((t) => `"${t.schema}"`).join(' and ');
        const written = fk.target.schema !== undefined
          ? `Foreign key references "${fk.target.schema}.${fk.target.table}"`
          : `Foreign key references "${fk.target.table}" without a schema, which resolves to "${fk.resolvedSchema}.${fk.target.table}"`;
        const fixes: Fix[] = fk.targetTextLocation
          ? elsewhere.map((t) => {
            const text = referenceText({ ...fk, target: { ...fk.target, schema: t.schema } }, t);
            return { title: `Change the reference to "${text}"`, edits: [replaceEdit(fk.targetTextLocation!, text)], safety: elsewhere.length === 1 ? 'safe' : 'review' } as Fix;
          })
          : [];
        ctx.report({
          message: `${written}, but table "${fk.target.table}" is defined in schema ${where} (evidence: ${elsewhere.some((t) => t.evidence === 'migration') ? 'models, migrations' : 'models'}).`,
          location: fk.targetTextLocation ?? fk.location,
          evidence: ['model'],
          related: elsewhere.map((t) => ({ location: t.declaredSchema?.location ?? t.location, message: `${tableLabel(t)} is defined here` })),
          fixes,
        });
      }
    }
  },
};
