/**
 * relationship-asymmetric: ORM relationships that do not match the foreign keys they travel over.
 *  - `back_populates="x"` naming no relationship on the other class (SQLAlchemy raises when the
 *    mappers configure), or a relationship that does not point back;
 *  - two relationships over one FK that do not name each other (SQLAlchemy warns that they
 *    conflict, and an object added on one side does not appear on the other until a reload);
 *  - an FK navigable from neither side while the referenced model navigates to at least a third of its
 *    children in the same file (seed report 002: Organization has `users` and `conversations` but no
 *    `templates`): the model's own pattern is the evidence. Milder (info).
 * A one-way relationship (navigable from one side only) is valid SQLAlchemy and never reported.
 * Silent about many-to-many (`secondary=`), view-only relationships, classes the reader could not
 * see in full, classes that map more than one table, and keys that are the table's primary key
 * (joined-table inheritance: the subclass is how the parent row is reached).
 */
import { columnsInDoubt, type ForeignKey, type Relationship, type Table } from '../model/schema';
import { addOptionEdit } from '../fixes/edits';
import { tableLabel } from './support/describe';
import { snakeCase } from './support/naming';
import { PerTableReports, type Lookups } from './support/references';
import type { FileEdit, FindingInput, Fix, Rule, RuleContext } from './types';

/** `back_populates="attribute"` added to a relationship call, where the reader found its arguments. */
function backPopulatesEdit(rel: Relationship, attribute: string): FileEdit | undefined {
  return rel.optionAnchor ? addOptionEdit(rel.location.file, rel.optionAnchor, 'back_populates', `"${attribute}"`) : undefined;
}

function linkFix(title: string, edits: (FileEdit | undefined)[]): Fix[] {
  return edits.every((e) => e) ? [{ title, edits: edits as FileEdit[], safety: 'safe' }] : [];
}

/** Whether `from` has an FK to `to`. */
function references(lookups: Lookups, from: Table, to: Table): boolean {
  return from.foreignKeys.some((fk) => lookups.referenced(fk) === to);
}

/** Whether two relationships may travel over the same FK: neither names its path, or both name the same columns. */
function samePath(a: Relationship, b: Relationship): boolean {
  if (!a.joinGiven && !b.joinGiven) return true;
  const x = a.foreignKeyColumns, y = b.foreignKeyColumns;
  return !!x && !!y && x.length === y.length && x.every((c) => y.includes(c));
}

/** The relationship's target is the table's class, or a class mapped to it by single-table inheritance. */
function pointsAt(rel: Relationship, table: Table): boolean {
  return rel.targetClass === table.className || (table.singleTableClasses?.includes(rel.targetClass) ?? false);
}

export const relationshipAsymmetric: Rule = {
  id: 'relationship-asymmetric',
  description: 'A relationship whose back_populates names a missing or non-matching attribute, or an FK with a relationship on one side only.',
  defaultSeverity: 'warning',
  needs: ['models'],
  reads: ['models', 'migrations'],
  check(ctx) {
    for (const table of ctx.models.tables) {
      if (!table.className || table.isCoreTable) continue;
      perTable.run(ctx, table, (lookups, report) => {
        checkRelationships(ctx, table, lookups, report);
        checkUnfollowedForeignKeys(table, ctx.models.tables, lookups, report);
      });
    }
  },
};

const perTable = new PerTableReports();

function checkRelationships(ctx: RuleContext, source: Table, lookups: Lookups, report: (f: FindingInput) => void): void {
  for (const rel of source.relationships) {
    // Options given through `**kwargs` the reader could not evaluate: what it pairs with is Unknown.
    if (rel.viewonly || rel.optionsUnknown) continue;
    const target = lookups.mapped(rel.targetClass);
    if (!target || columnsInDoubt(target)) continue;
    const where = `${source.className}.${rel.attribute}`;
    if (rel.backPopulates) {
      const other = target.relationships.find((r) => r.attribute === rel.backPopulates);
      if (other?.optionsUnknown) continue;
      if (!other) {
        // A backref declared on a third class can create the attribute.
        lookups.readsEverything();
        if (ctx.models.tables.some((t) => t.relationships.some((r) => r.backref === rel.backPopulates && pointsAt(r, source)))) continue;
        report({
          message: `${where} has back_populates="${rel.backPopulates}", but ${target.className} has no relationship "${rel.backPopulates}": SQLAlchemy raises when the mappers are configured. Add ${rel.backPopulates} = relationship("${source.className}", back_populates="${rel.attribute}") to ${target.className} (evidence: models).`,
          location: rel.location,
          evidence: ['model'],
          related: [{ location: target.location, message: `${target.className} is defined here` }],
        });
      } else if (other.backPopulates && other.backPopulates !== rel.attribute) {
        report({
          message: `${where} names ${target.className}.${other.attribute} as its other side, but that one names "${other.backPopulates}" back, not "${rel.attribute}": changes on one side are mirrored onto the wrong attribute (evidence: models).`,
          location: rel.location,
          evidence: ['model'],
          related: [{ location: other.location, message: `${target.className}.${other.attribute} is declared here` }],
        });
      } else if (!other.backPopulates && !other.backref && pointsAt(other, source)) {
        report({
          message: `${where} names ${target.className}.${other.attribute} as its other side, but that relationship does not name "${rel.attribute}" back: an object added through ${target.className}.${other.attribute} does not appear in ${where} until it is reloaded. Add back_populates="${rel.attribute}" to it (evidence: models).`,
          location: other.location,
          evidence: ['model'],
          related: [{ location: rel.location, message: `${where} is declared here` }],
          fixes: linkFix(`Add back_populates="${rel.attribute}" to ${target.className}.${other.attribute}`, [backPopulatesEdit(other, rel.attribute)]),
        });
      }
      continue;
    }
    if (rel.backref || rel.secondary || columnsInDoubt(source)) continue;
    if (!references(lookups, source, target) && !references(lookups, target, source)) continue;
    // A path given explicitly (`foreign_keys=[state_id]`, `primaryjoin=`) pairs only with one given
    // over the same columns: `TaskRunState.task_run` over task_run_id and `TaskRun._state` over
    // state_id are two paths, not one FK seen from both ends.
    const counterparts = target.relationships.filter((r) => pointsAt(r, source) && !r.viewonly && !r.secondary && samePath(rel, r));
    if (counterparts.some((r) => r.backPopulates || r.backref || r.optionsUnknown)) continue;
    // `overlaps="user_group_assignments"`: the user declared the two as sharing the key, which
    // silences SQLAlchemy's warning; that they are not linked is their choice.
    const overlap = (a: typeof rel, b: typeof rel) => a.overlaps?.includes('*') || a.overlaps?.includes(b.attribute);
    if (counterparts.some((r) => overlap(rel, r) || overlap(r, rel))) continue;
    // Several FKs between the two (created_by, assigned_to): which relationship pairs with which is the
    // user's call (`foreign_keys=`), not ours.
    const links = source.foreignKeys.filter((fk) => lookups.referenced(fk) === target).length +
      target.foreignKeys.filter((fk) => lookups.referenced(fk) === source).length;
    if (counterparts.length && links > 1) continue;
    if (counterparts.length) {
      // Reported once, from the side declared first.
      const other = counterparts[0];
      const first = source.location.file < target.location.file || (source.location.file === target.location.file && rel.location.range.start.line < other.location.range.start.line);
      if (!first) continue;
      report({
        message: `${where} and ${target.className}.${other.attribute} travel over the same foreign key but do not name each other: SQLAlchemy warns that they conflict, and a change made through one does not appear in the other until a reload. Link them with back_populates (evidence: models).`,
        location: rel.location,
        evidence: ['model'],
        related: [{ location: other.location, message: `${target.className}.${other.attribute} is declared here` }],
        fixes: linkFix(`Link ${where} and ${target.className}.${other.attribute} with back_populates`, [
          backPopulatesEdit(rel, other.attribute),
          backPopulatesEdit(other, rel.attribute),
        ]),
      });
      continue;
    }
    // One relationship, no counterpart: a one-way relationship is valid SQLAlchemy, not a defect.
  }
}

/**
 * The key of `child` to `parent` that no relationship follows, where the rule may judge it: models
 * of one file, read in full; not the child's primary key (joined-table inheritance, or a row
 * extending the parent's: the class is the navigation); not reachable through another many-to-one
 * (message.conversation.organization). Undefined otherwise.
 */
function unfollowedKey(child: Table, parent: Table, lookups: Lookups, junctions?: Junctions): ForeignKey | undefined {
  if (child === parent || !child.className || child.isCoreTable || columnsInDoubt(child)) return undefined;
  // An association class (`DocumentSetUser`) that a many-to-many goes through: its keys are followed.
  if (junctions && isJunction(child, junctions)) return undefined;
  // Models in other files (often other modules or schemas) may keep apart on purpose.
  if (parent.location.file !== child.location.file) return undefined;
  const isPrimaryKey = (fk: ForeignKey) => fk.columns.length === child.primaryKey.length && fk.columns.every((c) => child.primaryKey.includes(c));
  const fk = child.foreignKeys.find((k) => lookups.referenced(k) === parent);
  if (!fk || isPrimaryKey(fk)) return undefined;
  if (child.relationships.some((r) => pointsAt(r, parent)) || parent.relationships.some((r) => pointsAt(r, child))) return undefined;
  const reachable = child.relationships.some((r) => {
    const via = lookups.mapped(r.targetClass);
    return !!via && references(lookups, child, via) && via.relationships.some((x) => pointsAt(x, parent));
  });
  return reachable ? undefined : fk;
}

/** The association tables `secondary=` names, and whether one could not be read (computed by code). */
interface Junctions {
  through: Set<string>;
  unread: boolean;
}

const junctionsByModel = new WeakMap<readonly Table[], Junctions>();

/** The junctions of the models' many-to-many relationships (every table's: read once per model). */
function junctionsOf(tables: readonly Table[], lookups: Lookups): Junctions {
  lookups.readsEverything();
  let junctions = junctionsByModel.get(tables);
  if (!junctions) {
    junctions = { through: new Set(), unread: false };
    for (const t of tables) {
      for (const r of t.relationships) {
        if (!r.secondary) continue;
        if (r.through === undefined) junctions.unread = true;
        else junctions.through.add(r.through);
      }
    }
    junctionsByModel.set(tables, junctions);
  }
  return junctions;
}

/**
 * Whether a many-to-many may go through `child`: `secondary=` names its table, class or variable.
 * One whose association table is computed by code may go through any table with two keys.
 */
function isJunction(child: Table, junctions: Junctions): boolean {
  if (junctions.unread && child.foreignKeys.length >= 2) return true;
  const names = [child.name, `${child.schema}.${child.name}`, child.className, child.variable];
  return names.some((n) => n !== undefined && junctions.through.has(n));
}

/**
 * FKs no relationship follows, where the referenced model navigates to its other children: to at
 * least a third of them (seed report 002's Organization reaches users and conversations, not
 * templates, leads or CTAs). A model that reaches 2 of its 30 children keeps apart by design.
 */
function checkUnfollowedForeignKeys(child: Table, tables: readonly Table[], lookups: Lookups, report: (f: FindingInput) => void): void {
  if (columnsInDoubt(child)) return;
  const seen = new Set<Table>();
  for (const key of child.foreignKeys) {
    const parent = lookups.referenced(key);
    if (!parent?.className || parent.isCoreTable || columnsInDoubt(parent) || seen.has(parent)) continue;
    seen.add(parent);
    const fk = unfollowedKey(child, parent, lookups);
    if (!fk) continue;
    const navigated = parent.relationships.filter((r) => {
      const other = !r.secondary && lookups.mapped(r.targetClass);
      // Over the parent's own column (`foreign_keys=[work_pool_id]`): a way up to its own parent
      // (or a pointer like a current state), not navigation to a child.
      if (r.foreignKeyColumns?.some((c) => parent.columns.some((pc) => pc.name === c))) return false;
      return other && other !== child && references(lookups, other, parent);
    });
    if (!navigated.length) continue;
    // The parent's pattern is read from all its children in the file, and the many-to-many
    // relationships of every model (which association tables they go through).
    lookups.readsEverything();
    const junctions = junctionsOf(tables, lookups);
    if (isJunction(child, junctions)) continue;
    const unfollowed = tables.filter((t) => t.location.file === parent.location.file && unfollowedKey(t, parent, lookups, junctions)).length;
    if (navigated.length * 2 < unfollowed) continue;
    report({
      message: `"${child.name}"."${fk.columns.join(', ')}" references ${tableLabel(parent)}, but neither ${child.className} nor ${parent.className} declares a relationship over it, while ${parent.className} navigates to its other children (${navigated.map((r) => r.attribute).join(', ')}). Add ${child.className}.${snakeCase(parent.className)} and its counterpart on ${parent.className}, linked with back_populates (evidence: models).`,
      location: fk.location,
      evidence: ['model'],
      related: navigated.slice(0, 3).map((r) => ({ location: r.location, message: `${parent.className}.${r.attribute} is declared here` })),
      severityAtMost: 'info',
    });
  }
}
