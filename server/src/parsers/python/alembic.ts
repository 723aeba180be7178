/**
 * Reads an Alembic migration: its header — `revision`, `down_revision` (string, tuple, list or
 * None; typed or untyped), `branch_labels`, `depends_on` — for the revision graph, and the
 * operations of its `upgrade()` for the replay.
 */
import type { SyntaxNode as Node } from './syntax';
import type { AlembicMigrationFacts, RevisionRef } from '../../facts/alembic';
import { loadPostgresParser } from '../sql/postgres';
import { readAlembicOperations } from './alembicOperations';
import { codeChildren, nodeLocation, stringValue } from './syntax';
import { lightTree } from './lightTree';
import { parsePython } from './treeSitter';
import { locationOf } from '../../model/source';

export async function readAlembicMigration(file: string, source: string): Promise<AlembicMigrationFacts> {
  const [{ tree, text }] = await Promise.all([parsePython(source), loadPostgresParser()]);
  let root;
  try {
    // What downgrade() does is not replayed: its body is not copied.
    root = lightTree(tree, text, (n) => n.type === 'block' && n.fieldName === 'body' && n.parent?.childForFieldName('name')?.text === 'downgrade');
  } finally {
    tree.delete();
  }
  const facts: AlembicMigrationFacts = { file, downRevisions: [], branchLabels: [], dependsOn: [], dynamic: [], schemasCreated: [], operations: [] };
  for (const stmt of codeChildren(root)) {
    if (stmt.type !== 'expression_statement') continue;
    const assign = stmt.firstNamedChild;
    if (assign?.type !== 'assignment') continue;
    const name = assign.childForFieldName('left')?.text;
    const value = assign.childForFieldName('right');
    if (!value || !name) continue;
    switch (name) {
      case 'revision': {
        const ids = revisionIds(file, value);
        if (ids && ids.length === 1) facts.revision = ids[0];
        else facts.dynamic.push('revision');
        break;
      }
      case 'down_revision': {
        const ids = revisionIds(file, value);
        facts.downRevisionLocation = nodeLocation(file, value);
        if (ids) facts.downRevisions = ids;
        else facts.dynamic.push('down_revision');
        break;
      }
      case 'branch_labels': {
        const ids = revisionIds(file, value);
        if (ids) facts.branchLabels = ids.map((r) => r.id);
        else facts.dynamic.push('branch_labels');
        break;
      }
      case 'depends_on': {
        const ids = revisionIds(file, value);
        if (ids) facts.dependsOn = ids;
        else facts.dynamic.push('depends_on');
        break;
      }
      default:
    }
  }
  // Every migration assigns down_revision (None for a base). Without a readable assignment — being
  // typed (`down_revision = "a`, `down_re`) — its parent is unknown, not absent: the revision graph
  // must not conclude from it.
  if (!facts.downRevisionLocation && !facts.dynamic.includes('down_revision')) facts.dynamic.push('down_revision');
  if (!facts.revision && /^revision\b/m.test(text) && !facts.dynamic.includes('revision')) facts.dynamic.push('revision');
  const moduleCalls: NonNullable<AlembicMigrationFacts['moduleCalls']> = [];
  facts.operations = readAlembicOperations(file, text, root, moduleCalls);
  if (moduleCalls.length) facts.moduleCalls = moduleCalls;
  for (const op of facts.operations) {
    if (op.kind === 'create-schema') facts.schemasCreated.push({ name: op.schema, location: op.location });
  }
  return facts;
}

/** A string, None, or a tuple/list of strings; undefined for anything computed. */
function revisionIds(file: string, value: Node): RevisionRef[] | undefined {
  if (value.type === 'none') return [];
  const single = stringValue(value);
  if (single) return [{ id: single.value, location: locationOf(file, single.contentRange) }];
  if (value.type === 'tuple' || value.type === 'list' || value.type === 'parenthesized_expression') {
    const out: RevisionRef[] = [];
    for (const el of codeChildren(value)) {
      const s = stringValue(el);
      if (!s) return undefined;
      out.push({ id: s.value, location: locationOf(file, s.contentRange) });
    }
    return out;
  }
  return undefined;
}
