/**
 * Lists of TypeORM migrations a module gives a data source (`export const postgresMigrations =
 * [Init1693891895163, AddWorkspace1720230151484]`, or `migrations: [Init…]` in the data source's
 * options): which migration modules one data source runs together, as one line.
 */
import * as path from 'path';
import type * as TS from 'typescript';
import { ts, TsFile, unwrap } from './syntax';

/** TypeORM's name of a migration class: its last 13 characters a timestamp (`AddUsers1700000000000`). */
const TIMESTAMPED_CLASS = /\d{13}$/;

/**
 * The TypeORM migration classes a module imports by name from modules of the project (`import {
 * Init1693891895163 } from './1693891895163-Init'`, or `const { … } = require(…)`): local name →
 * the module, as an absolute path without extension.
 */
export function timestampedImports(src: TsFile, file: string): Map<string, string> {
  const t = ts();
  const from = new Map<string, string>();
  const note = (local: string, imported: string, specifier: string) => {
    if (specifier.startsWith('.') && TIMESTAMPED_CLASS.test(imported)) from.set(local, path.resolve(path.dirname(file), specifier).replace(/\.[cm]?[jt]s$/, ''));
  };
  for (const stmt of src.sf.statements) {
    // `import { Init1693891895163 } from './1693891895163-Init'`
    if (t.isImportDeclaration(stmt) && t.isStringLiteral(stmt.moduleSpecifier)) {
      const bindings = stmt.importClause?.namedBindings;
      if (bindings && t.isNamedImports(bindings)) for (const el of bindings.elements) note(el.name.text, (el.propertyName ?? el.name).text, stmt.moduleSpecifier.text);
    }
    // `const { Init1693891895163 } = require('./1693891895163-Init')`
    if (t.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (!init || !t.isCallExpression(init) || !t.isIdentifier(init.expression) || init.expression.text !== 'require' || !init.arguments[0] || !t.isStringLiteral(init.arguments[0])) continue;
        if (!t.isObjectBindingPattern(d.name)) continue;
        for (const el of d.name.elements) {
          if (!t.isIdentifier(el.name)) continue;
          const imported = el.propertyName && t.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          note(el.name.text, imported, init.arguments[0].text);
        }
      }
    }
  }
  return from;
}

/**
 * The modules of the TypeORM migrations this module lists in an array (`[Init1693891895163,
 * AddUsers1700000000000]`), each imported by name from a module of the project: absolute paths
 * without extension, in the order written.
 */
export function migrationListOf(src: TsFile, file: string): string[] {
  const t = ts();
  const from = timestampedImports(src, file);
  if (from.size < 2) return [];
  const out: string[] = [];
  const visit = (n: TS.Node): void => {
    if (t.isArrayLiteralExpression(n)) {
      for (const e of n.elements) if (t.isIdentifier(e) && from.has(e.text) && !out.includes(from.get(e.text)!)) out.push(from.get(e.text)!);
    }
    t.forEachChild(n, visit);
  };
  visit(src.sf);
  return out;
}

