/**
 * Names across the modules of a TypeScript/JavaScript project, as the checker binds them: a name in
 * a file is its own declaration, or the import it comes from — followed to the module TypeScript
 * resolves (see moduleResolution.ts), through its `export { a as b }`, `export default`, `export *`
 * and `export { x } from` — until a declaration: a constant's value, an enum member, a class.
 * What is not a literal at the end of the chain, or leaves the project (a package), is undefined:
 * Unknown to the caller, never a guess.
 */
import * as path from 'path';
import type { IndexDecoratorSpec, ConcatRef, MappedArgument, MixinApplication, NameRef, NamingFunction, OrmModelFacts, ProvidedLiteral, SequelizeInitOverride, SequelizeTableWrapper, TsModuleSymbols, ValueRef } from '../../facts/orm';
import type { TsModuleResolver } from './moduleResolution';

export type ConstantValue = string | number | boolean;

export interface ClassDeclaration {
  file: string;
  name: string;
  base?: string;
  baseComputed?: boolean;
  /** `extends Sequelize.Model`: the member's name. */
  baseMember?: string;
  methods: string[];
  sequelizeInit?: SequelizeInitOverride;
  namingMethods?: Record<string, NamingFunction>;
}

/** Re-export chains longer than this are not followed (and cycles end here). */
const MAX_DEPTH = 12;

const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

export class TsProjectSymbols {
  private readonly classes = new Map<string, Set<string>>();

  constructor(private readonly files: ReadonlyMap<string, OrmModelFacts>, private readonly resolver?: TsModuleResolver) {
    // A Sequelize model is bound by its class's name too (`BookAuthor`, model `bookAuthor`).
    for (const [file, facts] of files) this.classes.set(file, new Set(facts.entities.flatMap((e) => (e.className ? [e.name, e.className] : [e.name]))));
  }

  /** The project file a module specifier names from `from`: a file read here, or what TypeScript resolves. */
  moduleOf(from: string, specifier: string): string | undefined {
    const memo = this.resolver?.projectModules;
    const key = memo ? `${path.dirname(from)}\0${specifier}` : '';
    if (memo?.has(key)) return memo.get(key);
    const found = this.moduleOfUncached(from, specifier);
    memo?.set(key, found);
    return found;
  }

  private moduleOfUncached(from: string, specifier: string): string | undefined {
    if (specifier.startsWith('.')) {
      // The common case needs no file system: `./user` is `./user.ts` or `./user/index.ts` when those were read.
      const stem = path.resolve(path.dirname(from), specifier.replace(/\.[cm]?js$/, ''));
      for (const candidate of [stem, ...EXTENSIONS.map((e) => stem + e), ...EXTENSIONS.map((e) => path.join(stem, `index${e}`))]) {
        if (this.files.has(candidate)) return candidate;
      }
    }
    return this.resolver?.resolve(from, specifier);
  }

  /** The value of `ref` as written in `file`. */
  value(file: string, ref: ValueRef, depth = 0): ConstantValue | undefined {
    if ('concat' in ref) return this.concatenation(file, ref, depth);
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH) return undefined;
    const key = ref.member ? `${ref.name}.${ref.member}` : ref.name;
    const own = symbols.values[key];
    if (own) return 'value' in own ? own.value : this.value(file, own.ref, depth + 1);
    // `const T = Tables; T.users`: the member of what the alias names.
    const alias = ref.member ? symbols.values[ref.name] : undefined;
    if (alias && 'ref' in alias && !('concat' in alias.ref)) return this.value(file, { name: alias.ref.name, member: alias.ref.member ? `${alias.ref.member}.${ref.member}` : ref.member }, depth + 1);
    return this.throughImport(file, symbols, ref, depth, (target, name, member, d) => this.exportedValue(target, name, member, d));
  }

  /**
   * What `ref` names through the import of its first name: in the module TypeScript resolves, the
   * export of that name (for a namespace import, of the member's first part), asked of `exported`.
   */
  private throughImport<T>(file: string, symbols: TsModuleSymbols, ref: NameRef, depth: number, exported: (target: string, name: string, member: string | undefined, depth: number) => T | undefined): T | undefined {
    const imported = symbols.imports[ref.name];
    if (!imported) return undefined;
    const target = this.moduleOf(file, imported.module);
    if (!target) return undefined;
    if (imported.name === '*') {
      if (!ref.member) return undefined;
      const [first, ...rest] = ref.member.split('.');
      const named = exported(target, first, rest.length ? rest.join('.') : undefined, depth + 1);
      // `const BaseModel = require('./base')` of a module that sets `module.exports = BaseModel`:
      // what it requires is that value itself, its members the members asked for.
      return named !== undefined ? named : exported(target, 'default', ref.member, depth + 1);
    }
    return exported(target, imported.name, ref.member, depth + 1);
  }

  /**
   * What a module exports as `name`: its own declaration (through `export { a as b }`), asked of
   * `declared`, or what a module it re-exports exports under that name, asked of `exported`.
   */
  private throughExports<T>(
    file: string, name: string, member: string | undefined, depth: number,
    declared: (file: string, ref: NameRef, depth: number) => T | undefined,
    exported: (target: string, name: string, member: string | undefined, depth: number) => T | undefined,
  ): T | undefined {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH) return undefined;
    const local = symbols.exportAliases?.[name] ?? (name === 'default' ? undefined : name);
    if (local) {
      const found = declared(file, member ? { name: local, member } : { name: local }, depth + 1);
      if (found !== undefined) return found;
    }
    // `export default { addOrReplaceIndex }`: a member of the default export is a local name.
    if (name === 'default' && member && symbols.defaultMembers) {
      const [first, ...rest] = member.split('.');
      const memberLocal = symbols.defaultMembers[first];
      if (memberLocal) {
        const found = declared(file, rest.length ? { name: memberLocal, member: rest.join('.') } : { name: memberLocal }, depth + 1);
        if (found !== undefined) return found;
      }
    }
    for (const { target, inner } of this.reexportsOf(file, symbols, name)) {
      if (inner === '*') {
        if (!member) continue;
        const [first, ...rest] = member.split('.');
        const found = exported(target, first, rest.length ? rest.join('.') : undefined, depth + 1);
        if (found !== undefined) return found;
        continue;
      }
      const found = exported(target, inner, member, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** `'app_' + TABLE`: the string, when every name in it evaluates (to a string or a number, as JavaScript joins them). */
  private concatenation(file: string, ref: ConcatRef, depth: number): string | undefined {
    let out = '';
    for (const part of ref.concat) {
      const v = typeof part === 'string' ? part : this.value(file, part, depth + 1);
      if (typeof v !== 'string' && typeof v !== 'number') return undefined;
      out += String(v);
    }
    return out;
  }

  /** The value a module exports as `name` (its `member`, for an enum or object). */
  exportedValue(file: string, name: string, member: string | undefined, depth = 0): ConstantValue | undefined {
    return this.throughExports(file, name, member, depth, (f, ref, d) => this.value(f, ref, d), (t, n, m, d) => this.exportedValue(t, n, m, d));
  }

  /**
   * The literal `ref` names in `file` (`timestampColumns`, `Helpers.audit.()`): declared there, or
   * followed through imports and re-exports to the module that declares it, with that module's path.
   */
  literal(file: string, ref: NameRef, depth = 0): ProvidedLiteral | undefined {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH) return undefined;
    const own = symbols.literals?.[ref.member ? `${ref.name}.${ref.member}` : ref.name];
    if (own) return { ...own, file };
    return this.throughImport(file, symbols, ref, depth, (target, name, member, d) => this.exportedLiteral(target, name, member, d));
  }

  private exportedLiteral(file: string, name: string, member: string | undefined, depth: number): ProvidedLiteral | undefined {
    return this.throughExports(file, name, member, depth, (f, ref, d) => this.literal(f, ref, d), (t, n, m, d) => this.exportedLiteral(t, n, m, d));
  }

  /**
   * Which argument the function `ref` names in `file` returns as it is (see
   * `TsModuleSymbols.returnsArgument`): declared there, or followed through imports and re-exports.
   */
  returnedArgument(file: string, ref: NameRef, depth = 0): number | undefined {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH) return undefined;
    const own = ref.member ? undefined : symbols.returnsArgument?.[ref.name];
    if (own !== undefined) return own;
    return this.throughImport(file, symbols, ref, depth, (target, name, member, d) => this.exportedReturnedArgument(target, name, member, d));
  }

  /**
   * The lookup the function `ref` names in `file` makes of one of its arguments (see
   * `TsModuleSymbols.mapsArgument`), with the module it is declared in (where its names are evaluated).
   */
  mappedArgument(file: string, ref: NameRef, depth = 0): (MappedArgument & { file: string }) | undefined {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH) return undefined;
    const own = ref.member ? undefined : symbols.mapsArgument?.[ref.name];
    if (own) return { file, ...own };
    return this.throughImport(file, symbols, ref, depth, (target, name, member, d) => this.exportedMappedArgument(target, name, member, d));
  }

  private exportedMappedArgument(file: string, name: string, member: string | undefined, depth: number): (MappedArgument & { file: string }) | undefined {
    return this.throughExports(file, name, member, depth, (f, r, d) => this.mappedArgument(f, r, d), (t, n, m, d) => this.exportedMappedArgument(t, n, m, d));
  }

  private exportedReturnedArgument(file: string, name: string, member: string | undefined, depth: number): number | undefined {
    return this.throughExports(file, name, member, depth, (f, ref, d) => this.returnedArgument(f, ref, d), (t, n, m, d) => this.exportedReturnedArgument(t, n, m, d));
  }

  /**
   * Whether the name `ref` is, in `file`, Sequelize's data type of the same name, as a module of the
   * project binds it (`const { STRING } = DataTypes; export { STRING }`) and the file imports it —
   * followed through imports and re-exports.
   */
  isSequelizeType(file: string, ref: NameRef, depth = 0): boolean {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH || ref.member) return false;
    if (symbols.sequelizeTypes?.includes(ref.name)) return true;
    if (symbols.imports[ref.name]?.name !== ref.name) return false;
    return this.throughImport(file, symbols, ref, depth, (target, name, member, d) => this.exportedSequelizeType(target, name, member, d)) === true;
  }

  private exportedSequelizeType(file: string, name: string, member: string | undefined, depth: number): true | undefined {
    // Only under its own name: `export { STRING as TEXT }` would type the column by another type.
    const same = (ref: NameRef) => ref.name === name && !ref.member;
    return this.throughExports(file, name, member, depth, (f, ref, d) => (same(ref) && this.isSequelizeType(f, ref, d)) || undefined, (t, n, m, d) => (n === name ? this.exportedSequelizeType(t, n, m, d) : undefined));
  }

  /**
   * Whether the name `name` is, in `file`, the export of the same name of a package module `pkg`
   * matches — imported from it, or through the project's modules that re-export it (`export * from
   * "sequelize-typescript"`, `export { Table } from …`) without declaring one of their own. `ns.Table`:
   * the export `Table` of the module the namespace `ns` imports.
   */
  comesFromPackage(file: string, name: string, pkg: RegExp, depth = 0): boolean {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH) return false;
    const dot = name.indexOf('.');
    if (dot > 0) {
      const namespace = symbols.imports[name.slice(0, dot)];
      const member = name.slice(dot + 1);
      if (!namespace || namespace.name !== '*') return false;
      if (pkg.test(namespace.module)) return true;
      const target = this.moduleOf(file, namespace.module);
      return !!target && this.exportsFromPackage(target, member, member, pkg, depth + 1);
    }
    const imported = symbols.imports[name];
    if (!imported || imported.name === '*') return false;
    if (pkg.test(imported.module)) return imported.name === name;
    const target = this.moduleOf(file, imported.module);
    return !!target && this.exportsFromPackage(target, imported.name, name, pkg, depth + 1);
  }

  /** The names `file` imports, as it binds them. */
  importedNames(file: string): string[] {
    return Object.keys(this.symbolsOf(file)?.imports ?? {});
  }

  /**
   * The project's own `@Table` decorator `name` stands for in `file` (imported, through barrels and
   * aliases, from the module that declares it): what it sets in the options it hands sequelize-typescript.
   */
  tableWrapper(file: string, name: string, depth = 0): SequelizeTableWrapper | undefined {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH) return undefined;
    const imported = symbols.imports[name];
    if (!imported || imported.name === '*') return undefined;
    const target = this.moduleOf(file, imported.module);
    return target ? this.exportedTableWrapper(target, imported.name, depth + 1) : undefined;
  }

  private exportedTableWrapper(file: string, name: string, depth: number): SequelizeTableWrapper | undefined {
    const symbols = this.symbolsOf(file);
    if (depth > MAX_DEPTH) return undefined;
    const local = symbols?.exportAliases?.[name] ?? name;
    const own = this.files.get(file)?.tableWrappers;
    if (own && Object.prototype.hasOwnProperty.call(own, local)) return own[local];
    if (!symbols) return undefined;
    if (symbols.imports[local]) return this.tableWrapper(file, local, depth + 1);
    for (const r of symbols.reexports) {
      const inner = r.names ? r.names[name] : name;
      if (inner === undefined || inner === '*') continue;
      const target = this.moduleOf(file, r.module);
      const found = target ? this.exportedTableWrapper(target, inner, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** Whether module `file` exports `name` as a package's export `wanted` (see comesFromPackage). */
  private exportsFromPackage(file: string, name: string, wanted: string, pkg: RegExp, depth: number): boolean {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH || symbols.ownOrmNames?.includes(name)) return false;
    // `import { Table } from "sequelize-typescript"; export { Table }`: its import, handed on.
    const local = symbols.exportAliases?.[name] ?? name;
    if (symbols.imports[local]) return this.comesFromPackage(file, local, pkg, depth + 1) && local === wanted;
    for (const r of symbols.reexports) {
      const inner = r.names ? r.names[name] : name;
      if (inner === undefined || inner === '*') continue;
      if (pkg.test(r.module)) {
        if (inner === wanted) return true;
        continue;
      }
      const target = this.moduleOf(file, r.module);
      if (target && this.exportsFromPackage(target, inner, wanted, pkg, depth + 1)) return true;
    }
    return false;
  }

  /**
   * The design type TypeScript gives a property typed by the name `ref` in `file` (an enum or a type
   * alias of literals, declared there or imported through barrels and aliases): `Number`, `String`,
   * `Boolean`, `Object`; undefined for anything else, or an enum not all read.
   */
  designType(file: string, ref: NameRef, depth = 0): string | undefined {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH) return undefined;
    if (!ref.member && symbols.designTypes?.[ref.name]) return symbols.designTypes[ref.name];
    return this.throughImport(file, symbols, ref, depth, (target, name, member, d) => this.exportedDesignType(target, name, member, d));
  }

  private exportedDesignType(file: string, name: string, member: string | undefined, depth: number): string | undefined {
    return this.throughExports(file, name, member, depth, (f, r, d) => this.designType(f, r, d), (t, n, m, d) => this.exportedDesignType(t, n, m, d));
  }

  /** The sequelize-typescript index decorator `ref` names in `file`: made there by `createIndexDecorator`, or imported. */
  indexDecorator(file: string, ref: NameRef, depth = 0): IndexDecoratorSpec | undefined {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH || ref.member) return undefined;
    if (symbols.indexDecorators?.[ref.name]) return symbols.indexDecorators[ref.name];
    return this.throughImport(file, symbols, ref, depth, (target, name, member, d) => this.exportedIndexDecorator(target, name, member, d));
  }

  private exportedIndexDecorator(file: string, name: string, member: string | undefined, depth: number): IndexDecoratorSpec | undefined {
    return this.throughExports(file, name, member, depth, (f, r, d) => this.indexDecorator(f, r, d), (t, n, m, d) => this.exportedIndexDecorator(t, n, m, d));
  }

  /**
   * The mixin application a local name of `file` holds (`const Timestamped = withTimestamps(Base)`),
   * declared there or imported: the file that writes the call, and the call.
   */
  mixinApplicationIn(file: string, localName: string): { file: string; applied: MixinApplication } | undefined {
    return this.bound(file, localName, this.mixinApplicationDeclared, 0);
  }

  private readonly mixinApplicationDeclared = (f: string, local: string): { file: string; applied: MixinApplication } | undefined => {
    const applied = this.symbolsOf(f)?.mixinApplications?.[local];
    return applied ? { file: f, applied } : undefined;
  };

  private readonly mixinClassDeclared = (f: string, local: string): { file: string; name: string } | undefined =>
    (this.classes.get(f)?.has(`${local}()`) ? { file: f, name: `${local}()` } : undefined);

  /** The class the mixin `fn` (a local name of `file`, declared there or imported) makes: its file and entity name (`withTimestamps()`). */
  mixinClass(file: string, fn: string): { file: string; name: string } | undefined {
    return this.bound(file, fn, this.mixinClassDeclared, 0);
  }

  /** The entity class a module exports as `name`: the file that declares it and its name there. */
  exportedClass(file: string, name: string): { file: string; name: string } | undefined {
    return this.exported(file, name, this.entityClass, 0, this.onlyEntityClass);
  }

  /** The entity class a local name of `file` means: declared there, or imported. */
  classIn(file: string, localName: string): { file: string; name: string } | undefined {
    return this.bound(file, localName, this.entityClass, 0, this.onlyEntityClass);
  }

  /** Any class a module exports as `name` (not only entities): its file, name, base and methods. */
  exportedDeclaration(file: string, name: string): ClassDeclaration | undefined {
    return this.exported(file, name, this.anyClass, 0);
  }

  /** Any class a local name of `file` means (declared there, or imported): its file, name, base and methods. */
  classDeclaration(file: string, localName: string): ClassDeclaration | undefined {
    return this.bound(file, localName, this.anyClass, 0);
  }

  /** A function of `file`'s module that its naming strategies call, as read (see namingFunctions.ts). */
  namingHelper(file: string, name: string): NamingFunction | undefined {
    return this.symbolsOf(file)?.namingHelpers?.[name];
  }

  /** The module a local name of `file` is imported from, as written. */
  importOf(file: string, localName: string): { module: string; name: string } | undefined {
    return this.symbolsOf(file)?.imports[localName];
  }

  private readonly entityClass = (file: string, local: string) => (this.classes.get(file)?.has(local) ? { file, name: local } : undefined);

  /** `export default class extends …` read without an alias: the module's one entity class. */
  private readonly onlyEntityClass = (file: string) => {
    const entities = this.files.get(file)?.entities;
    return entities?.length === 1 ? { file, name: entities[0].name } : undefined;
  };

  private readonly anyClass = (file: string, local: string): ClassDeclaration | undefined => {
    const declared = this.symbolsOf(file)?.classes?.[local];
    return declared ? { file, name: local, ...declared } : undefined;
  };

  /**
   * What a module exports as `name`, found by `declared` where it is declared: through the
   * module's export aliases, its imports and its `export … from` (as the checker binds exports).
   */
  /**
   * What `exported` found, by what it looked for (`declared`, `defaultOf`) and where: a barrel that
   * re-exports others (`export * from …`) is searched once per name, however many modules reach it
   * (null: nothing found, or the search under way — a cycle of re-exports finds nothing new).
   */
  private readonly exportedMemo = new Map<unknown, Map<unknown, Map<string, unknown>>>();

  private exported<T>(file: string, name: string, declared: (file: string, local: string) => T | undefined, depth: number, defaultOf?: (file: string) => T | undefined): T | undefined {
    let byDefault = this.exportedMemo.get(declared);
    if (!byDefault) this.exportedMemo.set(declared, (byDefault = new Map()));
    let memo = byDefault.get(defaultOf);
    if (!memo) byDefault.set(defaultOf, (memo = new Map()));
    const key = `${file}\0${name}`;
    if (memo.has(key)) return (memo.get(key) as T | null) ?? undefined;
    memo.set(key, null);
    const found = this.exportedUncached(file, name, declared, depth, defaultOf);
    memo.set(key, found ?? null);
    return found;
  }

  private exportedUncached<T>(file: string, name: string, declared: (file: string, local: string) => T | undefined, depth: number, defaultOf?: (file: string) => T | undefined): T | undefined {
    const symbols = this.symbolsOf(file);
    if (!symbols || depth > MAX_DEPTH) return undefined;
    const local = symbols.exportAliases?.[name] ?? (name === 'default' ? undefined : name);
    if (local) {
      const found = this.bound(file, local, declared, depth + 1, defaultOf);
      if (found) return found;
    } else if (defaultOf) {
      const found = defaultOf(file);
      if (found) return found;
    }
    for (const { target, inner } of this.reexportsOf(file, symbols, name)) {
      if (inner === '*') continue;
      const found = this.exported(target, inner, declared, depth + 1, defaultOf);
      if (found) return found;
    }
    return undefined;
  }

  /** What a local name of `file` means, found by `declared`: declared there, or imported. */
  private bound<T>(file: string, local: string, declared: (file: string, local: string) => T | undefined, depth: number, defaultOf?: (file: string) => T | undefined): T | undefined {
    const here = declared(file, local);
    if (here) return here;
    const imported = this.symbolsOf(file)?.imports[local];
    if (!imported || depth > MAX_DEPTH) return undefined;
    const target = this.moduleOf(file, imported.module);
    // `const X = require("./x")`: what the module assigns to `module.exports` (a namespace otherwise).
    if (imported.name === '*') return target ? this.exported(target, 'default', declared, depth + 1) : undefined;
    return target ? this.exported(target, imported.name, declared, depth + 1, defaultOf) : undefined;
  }

  /** Where `export … from` statements of `file` may hold `name`: the module and the name there. */
  private reexportsOf(file: string, symbols: TsModuleSymbols, name: string): { target: string; inner: string }[] {
    const out: { target: string; inner: string }[] = [];
    for (const r of symbols.reexports) {
      const inner = r.names ? r.names[name] : name === 'default' ? undefined : name;
      if (inner === undefined) continue;
      const target = this.moduleOf(file, r.module);
      if (target) out.push({ target, inner });
    }
    return out;
  }

  private symbolsOf(file: string): TsModuleSymbols | undefined {
    return this.files.get(file)?.symbols;
  }
}
