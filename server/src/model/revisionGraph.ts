/**
 * The Alembic revision graph of one environment: which migration follows which, its heads, the
 * parents that no migration declares, and revision ids declared twice.
 */
import type { AlembicMigrationFacts, RevisionRef } from '../facts/alembic';
import { dialectOfName, type Dialect } from '../workspace/dialect';
import * as path from 'path';

export interface RevisionGraph {
  /** The environment's folder (the one holding env.py), else the folder of the migrations. */
  root: string;
  migrations: AlembicMigrationFacts[];
  byRevision: Map<string, AlembicMigrationFacts[]>;
  heads: AlembicMigrationFacts[];
  missingParents: { migration: AlembicMigrationFacts; parent: RevisionRef }[];
  duplicates: { id: string; migrations: AlembicMigrationFacts[] }[];
  /** Some header is computed by code: heads and parents cannot be known for sure. */
  incomplete: boolean;
  /** The dialect of a chain kept in a folder named after one (`versions/sqlite/`). */
  dialect?: Dialect;
}

export function buildRevisionGraphs(migrations: AlembicMigrationFacts[], environmentOf: (file: string) => string): RevisionGraph[] {
  const groups = new Map<string, AlembicMigrationFacts[]>();
  for (const m of migrations) {
    const root = environmentOf(m.file);
    const list = groups.get(root);
    if (list) list.push(m);
    else groups.set(root, [m]);
  }
  return [...groups].map(([root, list]) => buildGraph(root, list.sort((a, b) => (a.file < b.file ? -1 : 1))));
}

function buildGraph(root: string, migrations: AlembicMigrationFacts[]): RevisionGraph {
  const byRevision = new Map<string, AlembicMigrationFacts[]>();
  const labels = new Set<string>();
  for (const m of migrations) {
    if (m.revision) {
      const list = byRevision.get(m.revision.id);
      if (list) list.push(m);
      else byRevision.set(m.revision.id, [m]);
    }
    for (const l of m.branchLabels) labels.add(l);
  }
  const referenced = new Set<string>();
  const missingParents: RevisionGraph['missingParents'] = [];
  for (const m of migrations) {
    for (const parent of m.downRevisions) {
      referenced.add(parent.id);
      if (!byRevision.has(parent.id)) missingParents.push({ migration: m, parent });
    }
    for (const dep of m.dependsOn) {
      // A dependency is not a parent, but a revision others depend on is not left dangling.
      referenced.add(dep.id);
      if (!byRevision.has(dep.id) && !labels.has(dep.id)) missingParents.push({ migration: m, parent: dep });
    }
  }
  const heads = migrations.filter((m) => m.revision && !referenced.has(m.revision.id) && byRevision.get(m.revision.id)![0] === m);
  const duplicates = [...byRevision].filter(([, list]) => list.length > 1).map(([id, list]) => ({ id, migrations: list }));
  const incomplete = migrations.some((m) => m.dynamic.includes('revision') || m.dynamic.includes('down_revision') || m.dynamic.includes('depends_on'));
  const dialect = dialectOfName(path.basename(root));
  return { root, migrations, byRevision, heads, missingParents, duplicates, incomplete, ...(dialect ? { dialect } : {}) };
}
