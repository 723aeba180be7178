/**
 * The module graph of a Python workspace, as far as model code needs it: which project module an
 * import names (relative or absolute, a module or a package's `__init__`), and what a name is in a
 * module — its own definition, or the one it imports from another project module.
 */
import * as path from 'path';
import type { PyModuleFacts } from '../../parsers/python/sqlalchemyFacts';

/** The project module a Python import names: relative to the importing file, or by its dotted path. */
export function importedModule(from: string, module: string, modules: ReadonlyMap<string, PyModuleFacts>): PyModuleFacts | undefined {
  const dots = /^\.+/.exec(module)?.[0].length ?? 0;
  const parts = module.slice(dots).split('.').filter(Boolean);
  if (dots) {
    let dir = path.dirname(from);
    for (let i = 1; i < dots; i++) dir = path.dirname(dir);
    return modules.get(path.join(dir, ...parts) + '.py') ?? modules.get(path.join(dir, ...parts, '__init__.py'));
  }
  if (!parts.length) return undefined;
  const suffixes = [`${path.sep}${parts.join(path.sep)}.py`, `${path.sep}${path.join(...parts, '__init__.py')}`];
  const found = [...modules.values()].filter((m) => suffixes.some((x) => m.file.endsWith(x)));
  // Two modules of the same dotted path (two apps in one tree): the import is ambiguous, so unresolved.
  return found.length === 1 ? found[0] : undefined;
}

/**
 * What `name` is in module `m`: its own definition, or the one it imports from a project module,
 * following re-exports (`from .types import intpk` in a package's `__init__`) a few hops deep.
 */
export function lookup<T extends { name: string }>(
  m: PyModuleFacts, name: string, modules: ReadonlyMap<string, PyModuleFacts>, pick: (m: PyModuleFacts) => T[] | undefined, depth = 0,
): T | undefined {
  const own = pick(m)?.find((x) => x.name === name);
  if (own) return own;
  if (depth >= 4) return undefined;
  const imported = m.imports?.find((i) => i.local === name);
  const target = imported && importedModule(m.file, imported.module, modules);
  return target && target !== m ? lookup(target, imported!.name, modules, pick, depth + 1) : undefined;
}
