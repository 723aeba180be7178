/**
 * The table name Flask-SQLAlchemy gives a model that writes no `__tablename__`: its class name in
 * snake_case, leading underscores stripped (`_UserPrivate` → `user_private`). Versions 2.x and 3.x
 * convert differently (2.x: `([A-Z]+)(?=[a-z0-9])`, the rest of the case kept; 3.x: lower-cased); where
 * the two disagree (`UserAPI`: `userAPI` or `user_api`), the name depends on the installed version:
 * both are returned, and which one it is is Unknown.
 */
export function flaskTableNames(className: string): string[] {
  const v3 = className.replace(/((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))/g, '_$1').toLowerCase().replace(/^_+/, '');
  const v2 = className.replace(/([A-Z]+)(?=[a-z0-9])/g, (word) => (word.length > 1 ? `_${word.slice(0, -1)}_${word.slice(-1)}` : `_${word}`).toLowerCase()).replace(/^_+/, '');
  return v2 === v3 ? [v3] : [v2, v3];
}
