/**
 * The TypeScript/JavaScript readers, one module: the server loads it (and the TypeScript compiler
 * it carries) only when the workspace has TypeORM or Sequelize files. Bundled on its own
 * (dist/tsReaders.js), so that Python-only workspaces never load or even parse it.
 */
export { readTypeOrmEntities } from './typeorm';
export { readSequelizeModels } from './sequelize';
export { readOrmMigration } from './ormMigrations';
export { ts as typescript } from './syntax';
