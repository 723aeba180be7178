/** What the Alembic reader extracts from one migration file. */
import type { MigrationOperation } from '../model/operations';
import type { Location } from '../model/source';
import type { ImportedLiteral, NameRef, TsModuleSymbols } from './orm';

export interface RevisionRef {
  id: string;
  /** The string literal holding the id (inside the quotes). */
  location: Location;
}

export interface AlembicMigrationFacts {
  file: string;
  /** `revision = "…"`; undefined when missing or computed. */
  revision?: RevisionRef;
  /** `down_revision`: none for a base migration, several for a merge migration. */
  downRevisions: RevisionRef[];
  /** Where `down_revision` is assigned (for findings about a missing or computed value). */
  downRevisionLocation?: Location;
  branchLabels: string[];
  dependsOn: RevisionRef[];
  /** Header values the reader could not evaluate (`revision = make_id()`). */
  dynamic: string[];
  schemasCreated: { name: string; location: Location }[];
  /** What `upgrade()` does, in order. */
  operations: MigrationOperation[];
  /**
   * Functions of other modules of the project that `upgrade()` calls with no arguments, for their
   * effect (`agent_init_ops.upgrade()`): where in `operations` each call is, for the project to
   * splice in what the function does (see Project.followModuleCalls); left out when it cannot.
   */
  moduleCalls?: MigrationModuleCall[];
  /**
   * TypeORM and Sequelize migrations form a line ordered by their timestamps, not a graph: the
   * sort key (timestamp, then name). Their parents are set when the chain is put together.
   */
  sequence?: string;
  /** The tool that runs it: Alembic (undefined), TypeORM or Sequelize — for messages in its words. */
  tool?: 'typeorm' | 'sequelize';
  /** A SQL file run by a tool outside the ORM (Flyway…), in the chain of its folder (see sqlMigrations.ts). */
  sqlFileTool?: string;
  /** The folder whose SQL files make the chain this one is in (Prisma's: the folder of their folders). */
  sqlChain?: string;
  /** It stands for all the SQL files of its chain, which are not read (a Supabase chain): it may make any of the tables they name. */
  unreadChain?: boolean;
  /** The database its chain's SQL is written for, where the SQL says (`mysql` for `ENGINE=InnoDB`; see dialectOfSql). */
  sqlDialect?: string;
  /**
   * The file looked like a migration but its code has none (a generator whose template is a string,
   * a runner): it is in no chain.
   */
  notAMigration?: boolean;
  /**
   * A migration whose code is all commented out: the names its comments quote (lowercased), and the
   * migration its code reads as. It is in no chain, unless its folder keeps a chain's older
   * migrations (`migrations/archives/`): there it ran once, as written, before it was commented out.
   */
  commentedOut?: {
    mentions: string[];
    /** The migration its commented-out code is, read as written (where it reads as one). */
    migration?: AlembicMigrationFacts;
  };
  /**
   * TypeORM: the migrations this module lists for one data source (`export const migrations =
   * [Init1693891895163, …]`, each imported from its module): those modules, as absolute paths without
   * extension. TypeORM runs one such list as one line, whatever folders its classes are kept in.
   */
  migrationList?: string[];
  /**
   * TypeORM/Sequelize: names the migration takes from other modules (`DataBaseTableNames.USERS`, an
   * imported constant). Operations carry `placeholder` where the name goes; the resolution layer
   * puts the value in, or makes the operation Unknown (see resolve/typescript/migrationNames.ts).
   */
  importedNames?: { placeholder: string; ref: NameRef; text: string }[];
  /** The module's imports and constants, for evaluating `importedNames`. */
  symbols?: TsModuleSymbols;
  /**
   * TypeORM/Sequelize: columns, lists of them and attributes the migration takes from other modules
   * (`...timestampColumns`, `MigrationHelpers.audit()`), by `key` (`timestampColumns`,
   * `MigrationHelpers.audit.()`): read as Unknown here; the project reads the migration again with
   * their literals when it finds them (see Project.readImportedLiterals).
   */
  importedLiterals?: ImportedLiteral[];
}

/** A call, in a migration, of a function of another module of the project (see AlembicMigrationFacts.moduleCalls). */
export interface MigrationModuleCall {
  /** Index in `operations` where the function's operations go. */
  at: number;
  /** The module as imported (dotted, possibly relative: `.helpers`). */
  module: string;
  function: string;
  location: Location;
  guarded: boolean;
  branch?: string;
  /**
   * The call hands the function the migration's `op` or connection (`utils.load_table("shares",
   * conn)`): the operation at `at` is the Unknown it stands for, dropped when the function only
   * reads (PyModuleFacts.readOnlyFunctions); nothing is spliced.
   */
  handsConnection?: true;
  /**
   * The migration executes what the function returns (`op.execute(enable_rls("skill"))`): the
   * operation at `at` is the Unknown it stands for, dropped when the function only returns SQL that
   * changes no table (PyModuleFacts.sqlChangingNoTable).
   */
  executesResult?: true;
}
