/**
 * Stubs of the model classes of common Python libraries (oslo.db's TimestampMixin, fastapi-users'
 * user table), shipped with Schema Sense as Python files the same reader reads — pyright's
 * approach with typeshed. A project's import of such a module, when the project has no module of
 * that name, resolves to the stub: the columns its classes lend are known instead of Unknown.
 * See server/stubs/python/README.md for what each stub describes.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Module name → stub file, relative to the stubs folder. */
const STUB_MODULES: Record<string, string> = {
  'oslo_db.sqlalchemy.models': 'oslo_db/sqlalchemy/models.py',
  'oslo_db.sqlalchemy.types': 'oslo_db/sqlalchemy/types.py',
  'fastapi_users_db_sqlalchemy': 'fastapi_users_db_sqlalchemy/__init__.py',
  // fastapi-users re-exports the adapter's classes (9.x and later); before, it declared the same
  // tables itself, with the `id` the stub leaves Unknown.
  'fastapi_users.db': 'fastapi_users_db_sqlalchemy/__init__.py',
  'fastapi_users.db.sqlalchemy': 'fastapi_users_db_sqlalchemy/__init__.py',
  'fastapi_users_db_sqlalchemy.access_token': 'fastapi_users_db_sqlalchemy/access_token.py',
  'fastapi_users_db_sqlalchemy.generics': 'fastapi_users_db_sqlalchemy/generics.py',
  'sqlalchemy_helpers': 'sqlalchemy_helpers/__init__.py',
  // SQLAlchemy-Utils' mixin, imported from its module or from the package (which exports it); the
  // package's types are read by the reader itself, so only this name of it maps to the stub.
  'sqlalchemy_utils.models': 'sqlalchemy_utils/models.py',
  'sqlalchemy_utils.Timestamp': 'sqlalchemy_utils/models.py',
  'sqlalchemy_helpers.manager': 'sqlalchemy_helpers/__init__.py',
  // Authlib's mixins, from the package or the modules that declare them.
  'authlib.integrations.sqla_oauth2': 'authlib/integrations/sqla_oauth2/__init__.py',
  'authlib.integrations.sqla_oauth2.client_mixin': 'authlib/integrations/sqla_oauth2/__init__.py',
  'authlib.integrations.sqla_oauth2.tokens_mixins': 'authlib/integrations/sqla_oauth2/__init__.py',
};

let folder: string | null | undefined;

/**
 * The stubs folder: `stubs/python` beside the bundle (dist/), or the source tree's
 * `server/stubs/python` (compiled tests and the development build). Null when neither exists.
 */
export function libraryStubsFolder(): string | null {
  if (folder !== undefined) return folder;
  folder = null;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'stubs', 'python'), path.join(dir, 'server', 'stubs', 'python')]) {
      if (fs.existsSync(path.join(candidate, 'README.md'))) return (folder = candidate);
    }
    if (path.dirname(dir) === dir) return folder;
  }
}

/**
 * The stub for `from <module> import <name>`: the module's, or the submodule's when the name is
 * one (`from oslo_db.sqlalchemy import models`). Undefined when no stub describes it.
 */
export function libraryStubFor(module: string, name: string): string | undefined {
  if (module.startsWith('.')) return undefined;
  const relative = STUB_MODULES[`${module}.${name}`] ?? STUB_MODULES[module];
  const root = relative && libraryStubsFolder();
  return root ? path.join(root, relative) : undefined;
}

/** Whether a file is one of the stubs (its classes are a library's, not the project's). */
export function isLibraryStub(file: string): boolean {
  const root = libraryStubsFolder();
  return !!root && (file + path.sep).startsWith(root + path.sep);
}
