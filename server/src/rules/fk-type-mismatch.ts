/**
 * fk-type-mismatch: a foreign-key column whose type differs from the column it references.
 * Across type families (uuid vs varchar, integer vs varchar) PostgreSQL refuses to create the
 * constraint; within one (integer vs bigint, varchar(20) vs varchar(50)) the constraint is created,
 * but the referencing column cannot hold every key and every join compares across types.
 */
import { findColumn, type Column, type ColumnType, type Table } from '../model/schema';
import { formatType, integerWidth, isComparableType, typeFamily, knownType } from '../model/types';
import { tableLabel } from './support/describe';
import { evidenceOf, migratedTable, migrationOnlyTables } from './support/migrations';
import { oncePerLocation, PerTableReports, type Lookups, referencedColumn } from './support/references';
import type { FindingInput, Rule, RuleContext, Severity } from './types';
import type { Dialect } from '../workspace/dialect';

interface Mismatch {
  severity: Severity;
  why: string;
}

/**
 * How the referencing type `own` fails to match the referenced `target`, if it does, in `dialect`.
 * Outside PostgreSQL (and CockroachDB) a uuid is text: the ORMs store it as CHAR(36)/VARCHAR(36)
 * (TypeORM's and Sequelize's MySQL, SQLite and SQL Server types), so a string key referencing it is
 * no mismatch.
 */
export function typeMismatch(own: ColumnType, target: ColumnType, dialect: Dialect = 'postgresql'): Mismatch | undefined {
  const uuidIsText = dialect !== 'postgresql' && dialect !== 'cockroachdb';
  // smallint, integer and bigint compare with one another (one btree operator family): PostgreSQL
  // creates a key from one to another.
  const family = (t: ColumnType) => (integerWidth(t) ? 'integer' : uuidIsText && t.name === 'uuid' ? 'string' : typeFamily(t));
  if (family(own) !== family(target)) {
    return { severity: 'error', why: dialect === 'postgresql' ? 'PostgreSQL cannot compare the two types without a cast and refuses to create the constraint' : 'the database refuses to create the constraint between incompatible columns' };
  }
  if (uuidIsText && (own.name === 'uuid' || target.name === 'uuid')) return undefined;
  const ownWidth = integerWidth(own);
  const targetWidth = integerWidth(target);
  if (ownWidth && targetWidth && ownWidth !== targetWidth) {
    // SQLite stores every integer alike; MySQL and SQL Server require the same integer type on both sides.
    if (dialect === 'sqlite') return undefined;
    if (dialect !== 'postgresql' && dialect !== 'cockroachdb') return { severity: 'error', why: `the database requires the same integer type on both sides of a foreign key and refuses to create the constraint` };
    return ownWidth < targetWidth
      ? { severity: 'warning', why: `keys beyond ${own.name}'s range cannot be stored, and joins compare across types` }
      : { severity: 'warning', why: 'joins compare across types and the column takes more space than its keys need' };
  }
  if (own.name !== target.name && typeFamily(own) !== 'string') {
    return { severity: 'warning', why: 'joins compare across types' };
  }
  const ownLength = own.name === 'varchar' ? own.args?.[0] : undefined;
  const targetLength = target.name === 'varchar' ? target.args?.[0] : undefined;
  if (ownLength !== undefined && (targetLength === undefined || ownLength < targetLength)) {
    return { severity: 'warning', why: 'longer keys of the referenced column cannot be stored' };
  }
  return undefined;
}

function comparable(c: Column | undefined): ColumnType | undefined {
  const type = c && knownType(c);
  return type && isComparableType(type) ? type : undefined;
}

export const fkTypeMismatch: Rule = {
  id: 'fk-type-mismatch',
  description: "A foreign-key column's type differs from the type of the column it references.",
  defaultSeverity: 'error',
  needs: ['models', 'migrations', 'live'],
  reads: ['models', 'migrations'],
  check(ctx) {
    // A foreign key declared once in a mixin: one finding.
    const emit = oncePerLocation(ctx);
    for (const table of [...ctx.models.tables, ...migrationOnlyTables(ctx)]) {
      if (table.foreignKeys.length) perTableOf(ctx.dialect).run(ctx, table, (lookups, report) => checkTable(table, lookups, report, ctx.dialect, ctx), emit);
    }
  },
};

/** Reports kept per table, for each dialect (a project whose dialect changes judges anew). */
const perTableByDialect = new Map<Dialect, PerTableReports>();
function perTableOf(dialect: Dialect): PerTableReports {
  let reports = perTableByDialect.get(dialect);
  if (!reports) perTableByDialect.set(dialect, (reports = new PerTableReports()));
  return reports;
}

function checkTable(table: Table, lookups: Lookups, report: (f: FindingInput) => void, dialect: Dialect, ctx: RuleContext): void {
  for (const fk of table.foreignKeys) {
    const target = lookups.referenced(fk);
    if (!target) continue; // fk-target-missing / fk-schema-mismatch say so
    fk.columns.forEach((name, i) => {
      const column = findColumn(table, name);
      const targetColumn = referencedColumn(target, fk, i);
      const own = comparable(column);
      const theirs = comparable(targetColumn);
      if (!own || !theirs) return; // no type written (copied from the target) or not known statically
      const mismatch = typeMismatch(own, theirs, dialect);
      if (!mismatch) return;
      // A model's key where the migrations make this column of the type it references (into a
      // model's table, or one only the migrations show), or make both columns of types that match:
      // the database's key is sound, and a model's column differs from the migrations
      // (drift-column's finding: a Sequelize model's implicit integer `id` over a uuid key), not its key.
      if (table.evidence === 'model') {
        lookups.readsEverything();
        const migrated = migratedTable(ctx, table.schema, table.name, table.location.file);
        const built = migrated && comparable(findColumn(migrated, name));
        if (built && !typeMismatch(built, theirs, dialect)) return;
        const migratedTarget = built && target.evidence === 'model' ? migratedTable(ctx, target.schema, target.name, target.location.file) : undefined;
        const builtTarget = migratedTarget && comparable(findColumn(migratedTarget, targetColumn!.name));
        if (built && builtTarget && !typeMismatch(built, builtTarget, dialect)) return;
      }
      const { text, evidence } = evidenceOf(table);
      report({
        message: `Foreign key column "${name}" of ${tableLabel(table)} is ${formatType(own)} but references "${target.name}"."${targetColumn!.name}", which is ${formatType(theirs)}: ${mismatch.why} (evidence: ${text}). Declare it as ${formatType(theirs)}.`,
        location: column!.location,
        evidence,
        related: [{ location: targetColumn!.location, message: `"${target.name}"."${targetColumn!.name}" is ${formatType(theirs)}` }],
        severityAtMost: mismatch.severity,
      });
    });
  }
}
