/**
 * The Alembic revision graph of one environment: which migration follows which, its heads, the
 * parents that no migration declares, and revision ids declared twice.
 */
import type { AlembicMigrationFacts, RevisionRef } from '../facts/alembic';
import { dialectOfFolderName, dialectOfName, type Dialect } from '../workspace/dialect';
import * as path from 'path';

export interface RevisionGraph {
  /** The environment's folder (the one holding env.py), else the folder of the migrations. */
  root: string;
  migrations: AlembicMigrationFacts[];
  byRevision: Map<string, AlembicMigrationFacts[]>;
  heads: AlembicMigrationFacts[];
  missingParents: { migration: AlembicMigrationFacts; parent: RevisionRef }[];
  duplicates: { id: string; migrations: AlembicMigrationFacts[] }[];
  /** Migrations that are, through their parents, their own ancestors (a self-loop, a→b→a), in chain order. */
  cycles: AlembicMigrationFacts[][];
  /** Some header is computed by code: heads and parents cannot be known for sure. */
  incomplete: boolean;
  /**
   * No `env.py` of the workspace runs these migrations, and they name revisions it does not have:
   * they are a package's branch, loaded by an environment elsewhere (an application's
   * `version_locations`, Invenio's `invenio_db.alembic` entry points) together with other
   * packages' revisions, which may be its parents.
   */
  environmentElsewhere?: boolean;
  /** The dialect of a chain kept in a folder named after one (`versions/sqlite/`). */
  dialect?: Dialect;
}

export function buildRevisionGraphs(migrations: AlembicMigrationFacts[], environmentOf: (file: string) => string, hasEnvironment: (root: string) => boolean = () => true): RevisionGraph[] {
  const groups = new Map<string, AlembicMigrationFacts[]>();
  for (const m of migrations) {
    // (A SQL file is in the chain of its folder — of each database's, for a file every database runs.)
    const root = m.sqlChain ?? environmentOf(m.file);
    const list = groups.get(root);
    if (list) list.push(m);
    else groups.set(root, [m]);
  }
  return [...groups].map(([root, list]) => {
    const graph = buildGraph(root, list.sort((a, b) => (a.file < b.file ? -1 : 1)));
    // Revisions that name revisions the workspace does not have, and no env.py to run them: another
    // package's environment does, with those revisions. (TypeORM's and Sequelize's chains have no
    // env.py; a chain complete in itself is judged, with or without one.)
    return !graph.missingParents.length || list.some((m) => m.tool) || hasEnvironment(root) ? graph : { ...graph, environmentElsewhere: true };
  });
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
  // (Named by its folder, or by its SQL: a chain of SQL files written in another dialect's grammar.)
  const written = migrations.find((m) => m.sqlDialect)?.sqlDialect;
  const dialect = dialectOfFolderName(path.basename(root)) ?? (written ? dialectOfName(written) : undefined);
  const cycles = findCycles(migrations, byRevision);
  return { root, migrations, byRevision, heads, missingParents, duplicates, cycles, incomplete, ...(dialect ? { dialect } : {}) };
}

/**
 * The strongly connected parts of the parent relation (Tarjan's algorithm, iterative so that a long
 * chain cannot overflow the stack) with more than one migration, or one that names itself.
 */
function findCycles(migrations: AlembicMigrationFacts[], byRevision: Map<string, AlembicMigrationFacts[]>): AlembicMigrationFacts[][] {
  const parents = (m: AlembicMigrationFacts) => m.downRevisions.flatMap((p) => byRevision.get(p.id) ?? []);
  const index = new Map<AlembicMigrationFacts, number>();
  const low = new Map<AlembicMigrationFacts, number>();
  const onStack = new Set<AlembicMigrationFacts>();
  const stack: AlembicMigrationFacts[] = [];
  const cycles: AlembicMigrationFacts[][] = [];
  let counter = 0;
  for (const start of migrations) {
    if (index.has(start)) continue;
    const work: { node: AlembicMigrationFacts; next: number; edges: AlembicMigrationFacts[] }[] = [];
    const enter = (node: AlembicMigrationFacts) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: 0, edges: parents(node) });
    };
    enter(start);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++];
        if (!index.has(to)) enter(to);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const part: AlembicMigrationFacts[] = [];
      let member: AlembicMigrationFacts;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        part.push(member);
      } while (member !== frame.node);
      const selfLoop = part.length === 1 && frame.edges.includes(frame.node);
      if (part.length > 1 || selfLoop) cycles.push(part.sort((a, b) => migrations.indexOf(a) - migrations.indexOf(b)));
    }
  }
  return cycles;
}
