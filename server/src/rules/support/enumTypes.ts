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
import type { MigrationOperation } from '../../model/operations';
import type { MigrationReplay } from '../../model/replay';
import type { ColumnType } from '../../model/schema';
import type { Location } from '../../model/source';
import type { AlembicMigrationFacts } from '../../facts/alembic';

/** The name the ORMs give an enum type they name after its table and column. */
const ORM_ENUM_NAME = /(^enum_.+|.+_enum)$/i;

export interface MissingEnumType {
  type: string;
  column: string;
  migration: AlembicMigrationFacts;
  location: Location;
}

const found = new WeakMap<MigrationReplay, MissingEnumType[]>();

export function missingEnumTypes(replay: MigrationReplay): MissingEnumType[] {
  const kept = found.get(replay);
  if (kept) return kept;
  const missing: MissingEnumType[] = [];
  found.set(replay, missing);
  if (replay.baseline || replay.opaque) return missing;
  const made = new Set<string>();
  const key = (name: string) => name.toLowerCase();
  const makes = (type: ColumnType | undefined, table: string, column: string) => {
    if (!type || (type.name !== 'enum' && type.name !== 'enum[]')) return;
    for (const n of [type.databaseName, type.enumName, `${table}_${column}_enum`, `enum_${table}_${column}`]) if (n) made.add(key(n));
  };
  const uses = (type: ColumnType | undefined, column: string, location: Location, migration: AlembicMigrationFacts) => {
    const name = type?.name.replace(/\[\]$/, '');
    if (!name || name === 'enum' || !ORM_ENUM_NAME.test(name) || made.has(key(name))) return;
    missing.push({ type: type!.written.replace(/\[\]$/, ''), column, migration, location });
    // (Once per type: the first use fails the migration.)
    made.add(key(name));
  };
  for (const step of replay.steps) {
    for (const op of step.migration.operations as readonly MigrationOperation[]) {
      switch (op.kind) {
        case 'unknown':
          // Code or SQL not followed may have made any type.
          return missing;
        case 'create-enum':
          made.add(key(op.name));
          break;
        case 'rename-type':
          made.add(key(op.newName));
          break;
        case 'create-table':
          for (const c of op.columns) makes(c.type, op.table.name, c.name);
          for (const c of op.columns) uses(c.type, c.name, c.location, step.migration);
          break;
        case 'add-column':
          makes(op.column.type, op.table.name, op.column.name);
          uses(op.column.type, op.column.name, op.column.location, step.migration);
          break;
        case 'alter-column':
          makes(op.type, op.table.name, op.column);
          uses(op.type, op.column, op.columnLocation, step.migration);
          break;
        default:
      }
    }
  }
  return missing;
}
