/**
 * Tables the migration tools keep their own bookkeeping in: the applied migrations (Alembic's,
 * TypeORM's, Sequelize's, and those of the tools that run SQL files: Flyway's history, dbmate's and
 * golang-migrate's `schema_migrations`, Postgrator's `schemaversion`, Prisma Migrate's), TypeORM's view metadata and its query
 * cache (`cache: true`, which `migration:generate` writes into a migration), sequelize-cli's applied
 * seeders (`seederStorage: "sequelize"`). The tool creates them, no migration does.
 */
export const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set([
  'alembic_version', 'migrations', 'typeorm_metadata', 'query-result-cache', 'SequelizeMeta', 'sequelizemeta', 'SequelizeData', 'sequelizedata',
  'flyway_schema_history', 'schema_migrations', '_prisma_migrations', 'schemaversion',
]);
