/**
 * Enum types a chain's SQL uses before any migration creates them: a TypeORM migration's
 * `"role" "public"."user_role_enum" NOT NULL` whose `CREATE TYPE "public"."user_role_enum" AS ENUM(…)`
 * was cut from the migration, a Sequelize column typed `'"public"."enum_users_role"'` with no
 * migration making it. PostgreSQL fails the statement: `type "…" does not exist`.
 *
 * Judged only by names the ORMs give their enum types (`<table>_<column>_enum`, `enum_<table>_<column>`),
 * which no extension, domain or composite type takes; the types ORM columns make by themselves (a
 * TableColumn or createTable column of type enum) count as made; any operation the readers could not
 * follow ends the judging (it may have made the type), and a chain that starts from a database it
 * did not build is not judged (the type may predate it).
 */
import { enumTypesMade, type MigrationOperation } from '../../model/operations';
import { isUnknown, type Unknown } from '../../model/unknown';
import type { MigrationReplay } from '../../model/replay';
import type { ColumnType } from '../../model/schema';
import type { Location } from '../../model/source';
import type { AlembicMigrationFacts } from '../../facts/alembic';

/** The name the ORMs give an enum type they name after its table and column. */
const ORM_ENUM_NAME = /(^enum_.+|.+_enum)$/i;

export interface MissingEnumType {
  type: string;
  /** The column typed by it; none for `ALTER TYPE … ADD VALUE`, which changes the type itself. */
  column?: string;
  migration: AlembicMigrationFacts;
  location: Location;
  /** Where a later migration of the chain makes the type (the statement is out of order). */
  madeLater?: { migration: AlembicMigrationFacts; location: Location };
}

const found = new WeakMap<MigrationReplay, MissingEnumType[]>();

/**
 * The enum types an operation makes, kept with it: an edit replays a chain anew, but the operations
 * of the migrations it did not touch are the same objects, read once.
 */
const madeByOperation = new WeakMap<MigrationOperation, readonly string[]>();
function typesMade(op: MigrationOperation): readonly string[] {
  let made = madeByOperation.get(op);
  if (!made) madeByOperation.set(op, (made = enumTypesMade(op)));
  return made;
}

export function missingEnumTypes(replay: MigrationReplay): MissingEnumType[] {
  const kept = found.get(replay);
  if (kept) return kept;
  const missing: MissingEnumType[] = [];
  found.set(replay, missing);
  if (replay.baseline || replay.opaque) return missing;
  const made = new Set<string>();
  const key = (name: string) => name.toLowerCase();
  // Where each type is first made in the chain, to say so of a statement that runs before it.
  const firstMade = new Map<string, { migration: AlembicMigrationFacts; location: Location }>();
  for (const step of replay.steps) {
    for (const op of step.migration.operations as readonly MigrationOperation[]) {
      for (const n of typesMade(op)) if (!firstMade.has(n)) firstMade.set(n, { migration: step.migration, location: op.location });
    }
  }
  const report = (name: string, type: string, column: string | undefined, location: Location, migration: AlembicMigrationFacts) => {
    const later = firstMade.get(key(name));
    missing.push({ type, ...(column !== undefined ? { column } : {}), migration, location, ...(later ? { madeLater: later } : {}) });
    // (Once per type: the first use fails the migration.)
    made.add(key(name));
  };
  for (const step of replay.steps) {
    for (const op of step.migration.operations as readonly MigrationOperation[]) {
      if (op.kind === 'unknown') return missing; // Code or SQL not followed may have made any type.
      // `ALTER TYPE "enum_orders_status" ADD VALUE 'refunded'`: an enum the ORM names after its table
      // and column (a type of another name may come from code the readers model only in part:
      // SQLAlchemy's `Enum(…, name=…).create(bind)`).
      if (op.kind === 'alter-enum' && ORM_ENUM_NAME.test(op.name) && !made.has(key(op.name))) report(op.name, op.schema ? `${op.schema}.${op.name}` : op.name, undefined, op.location, step.migration);
      for (const n of typesMade(op)) made.add(n);
      for (const u of typesUsed(op)) if (!made.has(key(u.name))) report(u.name, u.written, u.column, u.location, step.migration);
    }
  }
  return missing;
}

interface EnumTypeUse { name: string; written: string; column: string; location: Location }

/** The columns of an operation typed by an enum the ORMs name (`enum_users_role`), kept with it (as typesMade). */
const usedByOperation = new WeakMap<MigrationOperation, readonly EnumTypeUse[]>();
function typesUsed(op: MigrationOperation): readonly EnumTypeUse[] {
  let used = usedByOperation.get(op);
  if (used) return used;
  const found: EnumTypeUse[] = [];
  const uses = (type: ColumnType | Unknown | undefined, column: string, location: Location) => {
    if (!type || isUnknown(type)) return;
    const name = type.name.replace(/\[\]$/, '');
    if (!name || name === 'enum' || !ORM_ENUM_NAME.test(name)) return;
    found.push({ name, written: type.written.replace(/\[\]$/, ''), column, location });
  };
  if (op.kind === 'create-table') for (const c of op.columns) uses(c.type, c.name, c.location);
  else if (op.kind === 'add-column') uses(op.column.type, op.column.name, op.column.location);
  else if (op.kind === 'alter-column') uses(op.type, op.column, op.columnLocation);
  usedByOperation.set(op, (used = found));
  return used;
}
