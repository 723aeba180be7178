/**
 * What the Subsquid framework does with TypeORM that a squid's own code does not show: its store,
 * processor and migration tool make the data source (`createOrmConfig()`, always with the
 * framework's SnakeNamingStrategy), and its store re-exports TypeORM's decorators with typed columns
 * of its own. Plain data (no compiler import): the file classifier reads it too.
 */

/** A library's decorator that applies TypeORM's: the TypeORM decorator, and the column type it always gives. */
export interface LibraryDecorator {
  decorator: string;
  type?: string;
}

/**
 * @subsquid/typeorm-store's decorators, as the generated models import them: each a TypeORM
 * decorator, the typed columns `Column(type, options)`.
 */
const STORE_DECORATORS: Record<string, LibraryDecorator> = {
  Entity: { decorator: 'Entity' }, Column: { decorator: 'Column' }, PrimaryColumn: { decorator: 'PrimaryColumn' }, Index: { decorator: 'Index' },
  ManyToOne: { decorator: 'ManyToOne' }, OneToOne: { decorator: 'OneToOne' }, OneToMany: { decorator: 'OneToMany' }, JoinColumn: { decorator: 'JoinColumn' },
  StringColumn: { decorator: 'Column', type: 'text' }, IntColumn: { decorator: 'Column', type: 'int4' },
  BigIntColumn: { decorator: 'Column', type: 'numeric' }, BigDecimalColumn: { decorator: 'Column', type: 'numeric' }, FloatColumn: { decorator: 'Column', type: 'numeric' },
  BooleanColumn: { decorator: 'Column', type: 'bool' }, DateTimeColumn: { decorator: 'Column', type: 'timestamp with time zone' },
  BytesColumn: { decorator: 'Column', type: 'bytea' }, JSONColumn: { decorator: 'Column', type: 'jsonb' },
};

/**
 * Midway.js 2's @midwayjs/orm: `@EntityModel(nameOrOptions?, maybeOptions?)` registers the class with
 * the framework and pushes TypeORM's table metadata exactly as TypeORM's `@Entity` does.
 */
const MIDWAY_ORM_DECORATORS: Record<string, LibraryDecorator> = { EntityModel: { decorator: 'Entity' } };

/** Modules whose decorators are TypeORM's under the library's names. */
export const LIBRARY_DECORATORS: Record<string, Record<string, LibraryDecorator>> = {
  '@subsquid/typeorm-store': STORE_DECORATORS,
  '@midwayjs/orm': MIDWAY_ORM_DECORATORS,
};

/** Calls that make a data source named by the framework's SnakeNamingStrategy (module#export). */
export const SQUID_DATA_SOURCES = new Set(['@subsquid/typeorm-store#TypeormDatabase', '@subsquid/typeorm-config#createOrmConfig', '@belopash/typeorm-store#TypeormDatabaseWithCache']);

/** Packages whose presence among a package.json's dependencies means the framework makes the data source. */
export const SQUID_PACKAGES = ['@subsquid/typeorm-store', '@subsquid/typeorm-config', '@subsquid/typeorm-migration', '@subsquid/substrate-processor', '@belopash/typeorm-store'];
