/** Where findings about the live database go in the workspace, and how live objects meet declarations. */
import type { Location } from '../../model/source';
import type { RuleContext } from '../types';

/**
 * A place in the workspace for a finding about the database as a whole (an orphaned table): the
 * head migration's `revision` line, else the first migration, else the first model.
 */
export function workspaceAnchor(ctx: RuleContext): Location | undefined {
  for (const graph of ctx.revisionGraphs) {
    const head = graph.heads[0];
    if (head?.revision) return head.revision.location;
    if (graph.migrations[0]) return { file: graph.migrations[0].file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }
  return ctx.models.tables[0]?.location;
}

/** Where the models or migrations declare an index of this name on this table, if they do. */
export function declaredIndex(ctx: RuleContext, schema: string, table: string, name: string): Location | undefined {
  for (const t of [ctx.modelTables.get(schema, table), ctx.migratedTables.get(schema, table)]) {
    const index = t?.indexes.find((i) => i.name === name);
    if (index && index.location.file) return index.location;
  }
  return undefined;
}
