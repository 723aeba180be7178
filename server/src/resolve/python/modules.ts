/**
 * The module graph of a Python workspace, as far as model code needs it: which project module an
 * import names (relative or absolute, a module or a package's `__init__`), and what a name is in a
 * module — its own definition, or the one it imports from another project module.
 */
import * as path from 'path';
import type { NameExpr, PyColumnDecl, PyModuleFacts, StringTemplate } from '../../facts/sqlalchemy';

/** The module `from <module> import <name>` imports when the name is a module: `app.sql`, or `.sql` from `from . import sql`. */
export function submodule(module: string, name: string): string {
  return module.endsWith('.') ? `${module}${name}` : `${module}.${name}`;
}

/** The project module a Python import names: relative to the importing file, or by its dotted path. */
export function importedModule(from: string, module: string, modules: ReadonlyMap<string, PyModuleFacts>): PyModuleFacts | undefined {
  // Asked for every base class and import of every model, at every build: the file an import
  // names is kept per map of modules (by its size, as filesNamed's index), the facts read anew.
  let memo = resolvedImports.get(modules);
  if (!memo || memo.size !== modules.size) resolvedImports.set(modules, (memo = { size: modules.size, files: new Map() }));
  const key = module.startsWith('.') ? `${from}\u0000${module}` : module;
  let file = memo.files.get(key);
  if (file === undefined) memo.files.set(key, (file = resolveImport(from, module, modules)?.file ?? null));
  return file === null ? undefined : modules.get(file);
}

const resolvedImports = new WeakMap<ReadonlyMap<string, PyModuleFacts>, { size: number; files: Map<string, string | null> }>();

function resolveImport(from: string, module: string, modules: ReadonlyMap<string, PyModuleFacts>): PyModuleFacts | undefined {
  const dots = /^\.+/.exec(module)?.[0].length ?? 0;
  const parts = module.slice(dots).split('.').filter(Boolean);
  if (dots) {
    let dir = path.dirname(from);
    for (let i = 1; i < dots; i++) dir = path.dirname(dir);
    return modules.get(path.join(dir, ...parts) + '.py') ?? modules.get(path.join(dir, ...parts, '__init__.py'));
  }
  if (!parts.length) return undefined;
  const suffixes = [`${path.sep}${parts.join(path.sep)}.py`, `${path.sep}${path.join(...parts, '__init__.py')}`];
  const found = filesNamed(modules, parts[parts.length - 1]).filter((f) => suffixes.some((x) => f.endsWith(x)))
    .map((f) => modules.get(f)).filter((m): m is PyModuleFacts => !!m);
  // Two modules of the same dotted path (two apps in one tree): the import is ambiguous, so unresolved.
  return found.length === 1 ? found[0] : undefined;
}

/** Files of a module map by module name, built once per map (and again when files are added). */
const moduleNames = new WeakMap<ReadonlyMap<string, PyModuleFacts>, { size: number; byName: Map<string, string[]> }>();

/** The files of `modules` whose module name (`x.py`, `x/__init__.py`) is `name`: an absolute import's last part. */
function filesNamed(modules: ReadonlyMap<string, PyModuleFacts>, name: string): string[] {
  let index = moduleNames.get(modules);
  if (!index || index.size !== modules.size) {
    index = { size: modules.size, byName: new Map() };
    for (const file of modules.keys()) {
      const list = index.byName.get(moduleName(file));
      if (list) list.push(file);
      else index.byName.set(moduleName(file), [file]);
    }
    moduleNames.set(modules, index);
  }
  return index.byName.get(name) ?? [];
}

function moduleName(file: string): string {
  const base = path.basename(file, '.py');
  return base === '__init__' ? path.basename(path.dirname(file)) : base;
}

/**
 * The files an import in `from` may name: for a relative import the module or package path; for an
 * absolute one, every known Python file whose path ends with the dotted path (a unique match counts).
 */
export function importCandidates(from: string, module: string, pythonFiles: PythonFileIndex): string[] {
  const dots = /^\.+/.exec(module)?.[0].length ?? 0;
  const parts = module.slice(dots).split('.').filter(Boolean);
  if (dots) {
    let dir = path.dirname(from);
    for (let i = 1; i < dots; i++) dir = path.dirname(dir);
    return [path.join(dir, ...parts) + '.py', path.join(dir, ...parts, '__init__.py')].filter((f) => pythonFiles.has(f));
  }
  if (!parts.length) return [];
  const suffixes = [`${path.sep}${parts.join(path.sep)}.py`, `${path.sep}${path.join(...parts, '__init__.py')}`];
  const found = pythonFiles.named(parts[parts.length - 1]).filter((f) => suffixes.some((x) => f.endsWith(x)));
  return found.length === 1 ? found : [];
}

/** The workspace's Python files by module name (`settings.py` and `settings/__init__.py` are "settings"). */
export class PythonFileIndex {
  private readonly files: Set<string>;
  private readonly byName = new Map<string, string[]>();

  constructor(files: readonly string[]) {
    this.files = new Set(files);
    for (const f of files) {
      const name = moduleName(f);
      const list = this.byName.get(name);
      if (list) list.push(f);
      else this.byName.set(name, [f]);
    }
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  named(module: string): string[] {
    return this.byName.get(module) ?? [];
  }
}

/**
 * The names a module's model code leaves to other modules: names inside string templates, `Mapped[X]`
 * annotations the reader could not type, project helpers that build columns, a `Column` alias. The
 * modules these are imported from are read too (a `settings.py` of constants is not a model file).
 */
export function namesWanted(m: PyModuleFacts): Set<string> {
  const wanted = new Set<string>(['Column']);
  const template = (parts: StringTemplate | undefined) => {
    // (`sql.SCHEMA_NAME`: the module imported as `sql`.)
    for (const p of parts ?? []) if (typeof p !== 'string') wanted.add(p.name.split('.')[0]);
  };
  const column = (d: PyColumnDecl) => {
    if (d.annotationName && !d.annotationType) wanted.add(d.annotationName.split('.')[0]);
    // A type class of another module (`GUID`, a TypeDecorator): its `impl` is the stored type.
    const typeName = d.type && /^\w+/.exec(d.type.written)?.[0];
    if (typeName) wanted.add(typeName);
    for (const a of d.typeSizes?.args ?? []) if (typeof a === 'string') wanted.add(a.split('.')[0]);
    if (d.serverDefaultRef) wanted.add(d.serverDefaultRef.split('.')[0]);
    for (const r of d.foreignKeys) template(r.template);
  };
  for (const c of m.classes) {
    // Base classes: a mixin of the project's in a module of no models (its columns, or that it has none).
    for (const b of c.bases) wanted.add(b.split('.')[0]);
    template(c.tablenameTemplate?.parts);
    template(c.schemaTemplate?.parts);
    c.columns.forEach(column);
    for (const h of c.helperColumns ?? []) wanted.add(h.callee);
    for (const i of c.items) if (i.kind === 'foreignKey') for (const r of i.refs) template(r.template);
  }
  for (const t of m.coreTables) {
    template(t.nameTemplate);
    template(t.schemaTemplate);
    t.columns.forEach(column);
  }
  for (const k of m.constants ?? []) template(k.value);
  for (const a of m.annotatedAliases ?? []) if (a.column) column(a.column);
  for (const c of m.classes) if (c.tablenameExpr) nameExprNames(c.tablenameExpr, wanted);
  for (const f of m.nameFunctions ?? []) nameExprNames(f.body, wanted);
  return wanted;
}

/** The module names a computed name uses: constants, compiled patterns, name functions. */
function nameExprNames(expr: NameExpr, out: Set<string>): void {
  switch (expr.k) {
    case 'ref':
      out.add(expr.name);
      return;
    case 'call':
      out.add(expr.fn);
      nameExprNames(expr.arg, out);
      return;
    case 'sub':
      if ('ref' in expr.pattern) out.add(expr.pattern.ref);
      nameExprNames(expr.repl, out);
      nameExprNames(expr.of, out);
      return;
    case 'concat':
      for (const p of expr.parts) nameExprNames(p, out);
      return;
    case 'method':
      nameExprNames(expr.of, out);
      for (const a of expr.args) nameExprNames(a, out);
      return;
    default:
  }
}

/**
 * What `name` is in module `m`: its own definition, or the one it imports from a project module,
 * following re-exports (`from .types import intpk` in a package's `__init__`) a few hops deep.
 */
export function lookup<T extends { name: string }>(
  m: PyModuleFacts, name: string, modules: ReadonlyMap<string, PyModuleFacts>, pick: (m: PyModuleFacts) => T[] | undefined,
): T | undefined {
  return lookupIn(m, name, modules, pick)?.value;
}

/** Like `lookup`, with the module that defines the name (its own names resolve there). */
export function lookupIn<T extends { name: string }>(
  m: PyModuleFacts, name: string, modules: ReadonlyMap<string, PyModuleFacts>, pick: (m: PyModuleFacts) => T[] | undefined, depth = 0,
): { value: T; module: PyModuleFacts } | undefined {
  const own = pick(m)?.find((x) => x.name === name);
  if (own) return { value: own, module: m };
  if (depth >= 4) return undefined;
  const dot = name.indexOf('.');
  if (dot > 0) {
    // `mb.id_column`: a name of a module imported under a local name (`from app.db import model_base as mb`).
    const via = m.imports?.find((i) => i.local === name.slice(0, dot));
    const target = via && importedModule(m.file, submodule(via.module, via.name), modules);
    return target && target !== m ? lookupIn(target, name.slice(dot + 1), modules, pick, depth + 1) : undefined;
  }
  const imported = m.imports?.find((i) => i.local === name);
  const target = imported && importedModule(m.file, imported.module, modules);
  return target && target !== m ? lookupIn(target, imported!.name, modules, pick, depth + 1) : undefined;
}

/** The value of a template in module `m`; undefined when a name is not a string constant the graph can reach. */
export function evaluateTemplate(m: PyModuleFacts, parts: StringTemplate, modules: ReadonlyMap<string, PyModuleFacts>, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const found = lookupIn(m, part.name, modules, (x) => x.constants);
    const value = found && evaluateTemplate(found.module, found.value.value, modules, depth + 1);
    if (value === undefined) return undefined;
    out += value;
  }
  return out;
}
