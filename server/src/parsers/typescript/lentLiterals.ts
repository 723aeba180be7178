/**
 * Literals a file takes from other modules of the project — columns, lists of columns, attributes
 * written once (`export const timestampColumns = [...]`) — lent to it on a second reading: the first
 * reading notes what it could not find in the file (`importedLiterals` of its facts), the project
 * looks each up as TypeScript binds the import (resolve/typescript/symbols.ts) and reads the file
 * again with the literals' text, parsed where each is written so that what is read from one is
 * located in its own module.
 */
import type * as TS from 'typescript';
import { type ImportedLiteral, lentKey, type NameRef, type ProvidedLiteral, type TsModuleSymbols } from '../../facts/orm';
import { bindParameter, undefinedIdentifier } from './expressionValues';
import { destructuredBindings, HELPER_MEMBER, isDestructured, nameRefOf, readModuleSymbols } from './moduleSymbols';
import { isUndefined, scalarLiteral, ts, TsFile, unwrap } from './syntax';

/** What a reader records of a module's names: its symbols, and the literals it takes from other modules. */
export interface LendingFacts {
  symbols?: TsModuleSymbols;
  importedLiterals?: ImportedLiteral[];
}

/**
 * While a file is read: the file, the literals other modules lend it (on a second reading), and the
 * files made of them — a reading is synchronous, one file at a time (nested readings restore the outer).
 */
let imports: { src: TsFile; facts: LendingFacts; provided?: Record<string, ProvidedLiteral>; foreign: Map<TS.SourceFile, TsFile>; symbols?: TsModuleSymbols } | undefined;

/** Runs `read` with `src` as the file being read, lending it `provided`. */
export function withLentLiterals<T>(src: TsFile, facts: LendingFacts, provided: Record<string, ProvidedLiteral> | undefined, read: () => T): T {
  const outer = imports;
  imports = { src, facts, provided, foreign: new Map() };
  try {
    return read();
  } finally {
    imports = outer;
  }
}

/**
 * A name of another module where a file expects columns or attributes — `timestampColumns`,
 * `Helpers.audit()`, `tenantAttributes(Sequelize)`, `...BaseColumns` — as the expression its module
 * declares, when the project lends it (a second reading); else noted in the facts (for the project
 * to look up), and undefined (Unknown here).
 */
export function lentLiteral(n: TS.Expression): TS.Expression | undefined {
  return lent(n, false);
}

/**
 * The function of another module a migration hands its runner to (`shared.createTable(queryInterface,
 * "t", {…}, options)`), as the project lends it (a runner helper: see moduleSymbols' sharedHelper);
 * else noted to be looked up, and undefined.
 */
export function lentHelper(call: TS.CallExpression, as?: NameRef): TS.FunctionLikeDeclaration | undefined {
  const t = ts();
  const e = lent(call, true, undefined, as);
  return e && (t.isArrowFunction(e) || t.isFunctionExpression(e)) ? e : undefined;
}

/**
 * A literal another module declares under a member of the name `n` (`BaseModel` → `BaseModel.init.attributes`,
 * the attributes its `static init` adds), when the project lends it; else noted, and undefined.
 */
export function lentMember(n: TS.Identifier, member: string): TS.Expression | undefined {
  return lent(n, false, member);
}

function lent(n: TS.Expression, helper: boolean, extraMember?: string, as?: NameRef): TS.Expression | undefined {
  const t = ts();
  if (!imports) return undefined;
  // Names inside a lent literal are its module's: looked up there, and lent under that module.
  const sf = n.getSourceFile();
  const lender = sf === imports.src.sf ? undefined : imports.foreign.get(sf);
  if (sf !== imports.src.sf && !lender) return undefined;
  const call = t.isCallExpression(n) ? n : undefined;
  // There, only what is called or spread (`...TimestampedModel.attributes()`, `...auditColumns`):
  // its other names (`DataTypes.UUID`) are no literals, and are not asked for.
  if (lender && !call && !(n.parent && (t.isSpreadAssignment(n.parent) || t.isSpreadElement(n.parent)))) return undefined;
  // (`as`: the name a call stands for, where its callee names none — `this.helper(…)` of a base class.)
  const named = as ?? nameRefOf(call ? call.expression : n);
  if (!named) return undefined;
  const ref = extraMember ? { name: named.name, member: named.member ? `${named.member}.${extraMember}` : extraMember } : named;
  if (!lender) {
    // Read once per file, and kept in its facts only when it takes something from a module.
    const symbols = (imports.symbols ??= imports.facts.symbols ?? readModuleSymbols(imports.src));
    if (!symbols.imports[ref.name]) return undefined;
    imports.facts.symbols ??= symbols;
  }
  const called = helper ? HELPER_MEMBER : '()';
  const member = call ? (ref.member ? `${ref.member}.${called}` : called) : ref.member;
  const key = member ? `${ref.name}.${member}` : ref.name;
  const from = lender?.file;
  const lent = imports.provided?.[lentKey(key, from)];
  if (!lent) {
    const wanted = (imports.facts.importedLiterals ??= []);
    if (!wanted.some((w) => w.key === key && w.from === from)) wanted.push({ key, ref: member ? { name: ref.name, member } : { name: ref.name }, ...(from === undefined ? {} : { from }) });
    return undefined;
  }
  // A function's parameters must get the caller's values of the same names (`(Sequelize) => …`);
  // a helper's are bound by whoever reads it.
  // One destructured from an object the call writes: what the body takes from it stays Unknown.
  // A literal the call gives (`uuidKey("use_id")`) is what the parameter holds there, as its default is when none is given.
  // A name of the caller's (`CustomDataTypes(Sequelize)` for `(DataTypes) => …`) is what the parameter holds there.
  // A list the call writes (`enumField(['period', 'comma'], 'period')`) is what the parameter holds too.
  const binds = (p: string, a: TS.Expression | undefined) => !a || isUndefined(a) || (isDestructured(p) ? t.isObjectLiteralExpression(unwrap(a)) : t.isIdentifier(unwrap(a)) || !!scalarLiteral(a) || isNull(a) || t.isArrayLiteralExpression(unwrap(a)));
  if (call && !helper && (call.arguments.length > (lent.params?.length ?? 0) || !(lent.params ?? []).every((p, i) => binds(p, call.arguments[i])))) return undefined;
  // The text at its own place in its own file (lines before it kept empty), so that what is read
  // from it is located where it is written.
  const padded = `(${'\n'.repeat(lent.line)}${' '.repeat(Math.max(0, lent.character - (lent.line ? 0 : 1)))}${lent.text})`;
  const other = new TsFile(lent.file, padded);
  imports.foreign.set(other.sf, other);
  const statement = other.sf.statements[0];
  const expression = statement && t.isExpressionStatement(statement) ? unwrap(statement.expression) : undefined;
  // `uuidKey("use_id")`, `uuidKey()` with `name = "id"`: inside what it returns, the parameter is
  // the literal the call gives, else its default.
  if (expression && call && !helper) {
    (lent.params ?? []).forEach((p, i) => {
      if (isDestructured(p)) return;
      // (`undefined` given is no argument: the parameter takes its default, as JavaScript does.)
      const argument = call.arguments[i] && !isUndefined(call.arguments[i]) ? unwrap(call.arguments[i]) : undefined;
      const literal = scalarLiteral(argument);
      if (literal) bindParameter(p, literal, expression);
      else if (argument && t.isIdentifier(argument) && argument.text !== p) bindParameter(p, argument, expression);
      else if (argument && (t.isArrayLiteralExpression(argument) || isNull(argument))) bindParameter(p, argument, expression);
      else if (!argument && lent.paramDefaults?.[p] !== undefined) {
        const parsed = new TsFile(lent.file, `(${lent.paramDefaults[p]})`).sf.statements[0];
        if (parsed && t.isExpressionStatement(parsed)) bindParameter(p, unwrap(parsed.expression), expression);
      } else if (!argument && !lent.paramDefaultsUnread?.includes(p)) bindParameter(p, undefinedIdentifier(), expression);
    });
  }
  // `defaultColumnsDef({ version: options.addVersion })`: inside what it returns, `version` is the
  // expression the call hands that property (a name the caller's scope may know).
  if (expression && call && !helper) {
    (lent.params ?? []).forEach((p, i) => {
      const argument = call.arguments[i] && unwrap(call.arguments[i]);
      if (!argument || !t.isObjectLiteralExpression(argument)) return;
      for (const { property, name } of destructuredBindings(p)) {
        const given = argument.properties.find((q) => (t.isPropertyAssignment(q) || t.isShorthandPropertyAssignment(q)) && t.isIdentifier(q.name) && q.name.text === property);
        const value = given && (t.isPropertyAssignment(given) ? given.initializer : t.isShorthandPropertyAssignment(given) ? given.name : undefined);
        if (value) bindParameter(name, value, expression);
      }
    });
  }
  return expression;
}

/** The file a node was read from: the one being read, or a module's that lent it a literal. */
export function fileOf(node: TS.Node, src: TsFile): TsFile {
  const sf = node.getSourceFile();
  if (sf === src.sf) return src;
  // Read inside a lent helper, a node of the file that called it (an argument it was given).
  if (imports && sf === imports.src.sf) return imports.src;
  return imports?.foreign.get(sf) ?? src;
}

/** `null`, as a call gives it (`textField(null)`): a literal the parameter holds. */
function isNull(e: TS.Expression): boolean {
  return unwrap(e).kind === ts().SyntaxKind.NullKeyword;
}
