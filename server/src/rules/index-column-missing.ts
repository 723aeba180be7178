/**
 * index-column-missing: a model's index or unique key names a column its table does not have — a
 * typo (`@Index(['emial'])`), an attribute where Sequelize 6 wants its column (`fields: ['teamId']`
 * of an underscored model, whose column is `team_id`), a column renamed since. The ORM fails where it
 * makes it: TypeORM refuses to build the entity's metadata, Sequelize's `sync()` stops at `column
 * "teamId" does not exist`, SQLAlchemy raises as it builds the table; a migration generated from the
 * model fails alike. (Migrations that index a column the table lacks are migration-reference-missing's.)
 */
import { closestNames } from '../model/similarNames';
import { columnsInDoubt, type Column, type Table } from '../model/schema';
import { namesIgnoreCase } from '../workspace/dialect';
import { columnsLabel, modelLabel, tableLabel } from './support/describe';
import type { FindingInput, Rule } from './types';
import { memoByTableAnd } from './support/memoByTable';

/** What each ORM does with an index over a column the table does not have. */
const ORM_FAILS: Record<string, (missing: string) => string> = {
  typeorm: () => 'TypeORM refuses to build the entity ("Index contains column that is missing in the entity"): the application does not start, and no migration can be generated from it',
  sequelize: (missing) => `Sequelize's sync() stops there (column "${missing}" does not exist), as would a migration that copies the model`,
  sqlalchemy: (missing) => `SQLAlchemy raises as it builds the table (KeyError: '${missing}'): the models do not import, and Alembic's autogenerate cannot run`,
};

/**
 * The names a key of the model may give a column by: its name, and TypeORM's property. (Sequelize 6
 * writes fields as given; SQLAlchemy's strings are keys of the table, which the reader has already
 * turned into the columns' names — what is left as written is no key.)
 */
function namesOf(table: Table, column: Column): string[] {
  return column.attribute && table.orm === 'typeorm' ? [column.name, column.attribute] : [column.name];
}

/** What the ORM's keys name a column by, where it is not its name: TypeORM's property, SQLAlchemy's key. */
const NAMED_BY: Record<string, { what: string; fix: (n: number) => string }> = {
  typeorm: { what: "TypeORM's keys name properties", fix: (n) => `name the propert${n === 1 ? 'y' : 'ies'}` },
  sqlalchemy: { what: "SQLAlchemy's table knows a column by its key (key=), not its name", fix: (n) => `name the key${n === 1 ? '' : 's'}` },
};

export const indexColumnMissing: Rule = {
  id: 'index-column-missing',
  description: "A model's index or unique key names a column its table does not have.",
  defaultSeverity: 'error',
  needs: ['models'],
  reads: ['models'],
  check(ctx) {
    const ignoreCase = namesIgnoreCase(ctx.dialect);
    for (const table of ctx.models.tables) for (const finding of findingsOf(table, ignoreCase)) ctx.report(finding);
  },
};

/** What the rule says of one table (once per table object: an edit re-reads the tables it changes). */
const findingsOf = memoByTableAnd((table: Table, ignoreCase: boolean): FindingInput[] => {
  const findings: FindingInput[] = [];
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  // Columns the reader could not see (a base class, options given by code): any name may be one.
  if (table.evidence !== 'model' || columnsInDoubt(table) || table.columns.some((c) => c.nameUnknown)) return findings;
  const known = new Set(table.columns.flatMap((c) => namesOf(table, c)).map(fold));
  // A TypeORM @Unique is both an index and a unique constraint, written once: said once.
  const said = new Set<string>();
  const keys = [
    ...table.indexes.filter((i) => !i.expression && !i.madeByOrm && i.origin !== 'primary-key').map((i) => ({ columns: i.columns, location: i.location, name: i.name, unique: i.unique, namesNoProperty: i.namesNoProperty })),
    ...table.uniqueConstraints.map((u) => ({ columns: u.columns, location: u.location, name: u.name, unique: true, namesNoProperty: undefined })),
  ];
  for (const key of keys) {
    const at = `${key.location.file}:${key.location.range.start.line}:${key.location.range.start.character}`;
    if (said.has(at)) continue;
    const missing = key.columns.filter((c) => !known.has(fold(c)));
    // TypeORM's keys name properties, SQLAlchemy's strings the table's keys: a column named by its
    // database name, where its property (its key) is named otherwise, is missing to the ORM
    // (`@Index(['email_address'])` of `email`; `Index("ix", "user_id")` of `Column("user_id", key="userId")`).
    const orm = table.orm ?? 'sqlalchemy';
    const namedBy = NAMED_BY[orm];
    const otherName = (c: Column) => (orm === 'typeorm' ? c.attribute : c.key);
    const byColumnName = !missing.length && namedBy ? (key.namesNoProperty ?? []).flatMap((n) => {
      const column = table.columns.find((c) => c.name === n && otherName(c) && otherName(c) !== n);
      return column ? [column] : [];
    }) : [];
    if (byColumnName.length && namedBy) {
      said.add(at);
      const label = `${key.unique ? 'unique key' : 'index'}${key.name ? ` "${key.name}"` : ''} on ${columnsLabel(key.columns)}`;
      findings.push({
        message: `The ${label} of ${modelLabel(table)} names ${byColumnName.map((c) => `"${c.name}"`).join(', ')} by the column's database name, and ${namedBy.what}: ${ORM_FAILS[orm](byColumnName[0].name)} — ${namedBy.fix(byColumnName.length)} ${byColumnName.map((c) => `"${otherName(c)}"`).join(', ')} (evidence: models).`,
        location: key.location,
        evidence: ['model'],
        related: byColumnName.map((c) => ({ location: c.location, message: orm === 'typeorm' ? `property "${c.attribute}" maps column "${c.name}" here` : `column "${c.name}" is declared with key "${c.key}" here` })),
      });
      continue;
    }
    if (!missing.length) continue;
    said.add(at);
    const hints = missing.map((name) => {
      // `fields: ['teamId']` of an underscored model: the attribute's column is meant.
      const ofAttribute = table.columns.find((c) => c.attribute === name && c.name !== name);
      if (ofAttribute && table.orm === 'sequelize') return { name, column: ofAttribute, why: `"${name}" is the attribute of column "${ofAttribute.name}", and Sequelize 6 writes an index's fields as given, not through \`underscored\`` };
      // `userId = Column("user_id")`: the attribute is no key; the table knows the column as "user_id".
      if (ofAttribute && !table.orm) return { name, column: ofAttribute, why: `"${name}" is the attribute of column "${ofAttribute.name}", which the table knows by ${ofAttribute.key ? `its key "${ofAttribute.key}"` : 'its name'} — name that, or give the column key="${name}"` };
      // (By whichever name the key may give a column: `emial` of the property `email`.)
      const [near] = closestNames(name, table.columns.flatMap((c) => namesOf(table, c)), 1);
      const column = near !== undefined ? table.columns.find((c) => namesOf(table, c).includes(near)) : undefined;
      return { name, column, why: column ? `did you mean "${near}"?` : undefined };
    });
    const label = `${key.unique ? 'unique key' : 'index'}${key.name ? ` "${key.name}"` : ''} on ${columnsLabel(key.columns)}`;
    const fails = (ORM_FAILS[table.orm ?? 'sqlalchemy'] ?? ORM_FAILS.sqlalchemy)(missing[0]);
    const advice = hints.map((h) => h.why).filter(Boolean).join('; ');
    findings.push({
      message: `The ${label} of ${modelLabel(table)} names ${missing.length === 1 ? 'a column' : 'columns'} ${tableLabel(table)} does not have: ${columnsLabel(missing)}. ${fails}${advice ? ` — ${advice}` : ''} (evidence: models).`,
      location: key.location,
      evidence: ['model'],
      related: hints.flatMap((h) => (h.column ? [{ location: h.column.location, message: `column "${h.column.name}" is declared here` }] : [])),
    });
  }
  return findings;
});
