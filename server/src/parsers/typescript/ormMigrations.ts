/**
 * TypeORM and Sequelize migrations, read into the same operations as Alembic's (so the same
 * replay and rules apply):
 *  - TypeORM: a class implementing `MigrationInterface`, ordered by the timestamp in its name;
 *    `up(queryRunner)` with `queryRunner.query(sql)` (raw SQL through the PostgreSQL parser,
 *    findings mapped into the string) and the `Table` / `TableColumn` / `TableIndex` /
 *    `TableForeignKey` API (`isNullable` defaults to false there).
 *  - Sequelize: `YYYYMMDDHHMMSS-name.js` files whose `up(queryInterface, Sequelize)` calls
 *    `createTable`, `addColumn`, `removeColumn`, `changeColumn`, `renameColumn`, `addIndex`,
 *    `addConstraint`, `dropTable`, `createSchema` and `sequelize.query(sql)`.
 * Calls inside `if`/`try`/loops are guarded, as for Alembic.
 */
import * as path from 'path';
import type * as TS from 'typescript';
import type { ColumnSpec, ForeignKeySpec, IndexSpec, MigrationOperation, OperationBody, TableRef } from '../../model/operations';
import { tableColumnType, type TableColumnTypeWritten } from '../../model/ormTypes';
import { typeormEnumName, typeormUniqueName } from '../../model/typeormNaming';
import type { AlembicMigrationFacts } from '../../facts/alembic';
import { loadPostgresParser, readSqlOperations, sqlMentions } from '../sql/postgres';
import { UNKNOWN_PART, withUnknownParts } from '../sql/unknownParts';
import { migrationSequence } from '../../model/migrationOrder';
import { migrationListOf } from './migrationList';
import { literalDefault, readDataType, sqlFunctionDefault } from './sequelize';
import { isUnknown, type Unknown, unknownValue } from '../../model/unknown';
import { decideCondition, DIALECT, equality, onPostgres, POSTGRES, postgresExpression } from './databaseBranch';
import { booleanValue, dottedParts, flagValue, jsonValue, lastName, numberValue, objectProps, returnedExpression, stringArray, stringValue, throughConstant, ts, TsFile, unwrap, walk } from './syntax';
import { nameRefOf, readModuleSymbols } from './moduleSymbols';
import { fileOf, lentHelper, withLentLiterals } from './lentLiterals';
import { bindParameter, boundParameters, classPropertyValue, functionNamed, listElements, literalEntries, literalProps, literalText, literalTruth, resolved, unbindParameters, writtenAt } from './expressionValues';
import { indexFieldOpclass } from './sequelizeIndexes';
import { TablesTakenForGranted } from './tablesTakenForGranted';
import type { ProvidedLiteral, TsModuleSymbols } from '../../facts/orm';
import { dropsDecidedByRows, IMPORTED_NAME, namesChanged, READS_CATALOG } from '../../model/operations';

export async function readOrmMigration(file: string, text: string, provided?: Record<string, ProvidedLiteral>, uncommented = false): Promise<AlembicMigrationFacts> {
  // This module may be bundled apart from the server (dist/tsReaders.js), with its own copy of the
  // SQL reader: it loads the PostgreSQL parser it uses itself.
  await loadPostgresParser();
  const src = new TsFile(file, text);
  const t = ts();
  const base = path.basename(file).replace(/\.[cm]?[jt]s$/, '');
  const facts: AlembicMigrationFacts = { file, downRevisions: [], branchLabels: [], dependsOn: [], dynamic: [], schemasCreated: [], operations: [] };
  let up: TS.FunctionLikeDeclaration | undefined;
  let upName: TS.Node | undefined;
  let receiver: string | undefined;
  /** The other parameters of `up` (umzug hands a migration what its project passes: `up(queryInterface, config, log, sequelize)`). */
  let otherParameters: string[] = [];
  /** An `up` declared inside a function: a helper's, wrapping other modules' migrations. */
  let helperUp = false;
  /** `class CreateAuthors1700000000000 extends BaseMigration`: the base it may take its `up` from. */
  let inheritsFrom: string | undefined;
  const find = (node: TS.Node) => {
    if (up) return;
    // `export class X…`, or in CommonJS `module.exports = class X… {…}`.
    if ((t.isClassDeclaration(node) || t.isClassExpression(node)) && node.name) {
      const superclass = node.heritageClauses?.find((h) => h.token === t.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      if (superclass && /(?<!\d)\d{13}$/.test(node.name.text)) inheritsFrom = superclass.getText(src.sf);
      const name = node.members.find((m) => t.isPropertyDeclaration(m) && t.isIdentifier(m.name) && m.name.text === 'name') as TS.PropertyDeclaration | undefined;
      // In JavaScript, the name is set in the constructor (`this.name = "…"`).
      const assigned = name?.initializer ? undefined : constructorName(node);
      const named = name?.initializer ?? assigned;
      const id = stringValue(named) ?? node.name.text;
      facts.revision = { id, location: src.location(named ?? node.name) };
      facts.sequence = migrationSequence(id, base);
      facts.tool = 'typeorm';
    }
    // `up(qi) {…}`, `up: async (qi) => …`, `function up(qi)`, `const up = (qi) => …` (exported as
    // `{ up, down }`), `exports.up = …`.
    // (An `up` declared inside a function — a helper wrapping other modules' migrations — is no
    // migration of this module.)
    const namedUp = (t.isMethodDeclaration(node) || t.isPropertyAssignment(node) || t.isFunctionDeclaration(node) || t.isVariableDeclaration(node))
      && node.name && t.isIdentifier(node.name) && node.name.text === 'up';
    const isUp = namedUp && !insideFunction(node);
    if (namedUp && !isUp) helperUp = true;
    const exportedUp = t.isBinaryExpression(node) && node.operatorToken.kind === t.SyntaxKind.EqualsToken && t.isPropertyAccessExpression(node.left)
      && node.left.name.text === 'up' ? node : undefined;
    if (isUp || exportedUp) {
      const fn = exportedUp ? exportedUp.right : t.isPropertyAssignment(node) || t.isVariableDeclaration(node) ? node.initializer : node;
      if (fn && (t.isArrowFunction(fn) || t.isFunctionExpression(fn) || t.isMethodDeclaration(fn) || t.isFunctionDeclaration(fn))) {
        up = fn;
        upName = exportedUp ? exportedUp.left : (node as TS.NamedDeclaration).name;
        const p = fn.parameters[queryInterfaceParameter(fn)];
        if (p && t.isIdentifier(p.name)) receiver = p.name.text;
        else if (p && t.isObjectBindingPattern(p.name)) {
          // umzug: up({ context: queryInterface })
          const el = p.name.elements.find((e) => t.isIdentifier(e.name));
          if (el && t.isIdentifier(el.name)) receiver = el.name.text;
        }
        otherParameters = fn.parameters.filter((q) => q !== p).flatMap((q) => (t.isIdentifier(q.name) ? [q.name.text] : []));
      }
    }
    t.forEachChild(node, find);
  };
  find(src.sf);
  const listed = migrationListOf(src, file);
  if (listed.length >= 2) facts.migrationList = listed;
  // A list of migrations, none itself: in no chain, read for which chain its migrations are.
  if (facts.migrationList && !up) {
    facts.notAMigration = true;
    return facts;
  }
  // `export abstract class SqliteMigration implements MigrationInterface { up(…) { … this.realUp(…) } }`:
  // a base the migrations extend, never run itself (TypeORM cannot instantiate it).
  const upClass = up?.parent;
  if (upClass && t.isClassDeclaration(upClass) && upClass.modifiers?.some((m) => m.kind === t.SyntaxKind.AbstractKeyword)) {
    facts.notAMigration = true;
    // It lends its migrations the helpers they call on `this` (`protected async createTable(queryRunner, …)`).
    facts.symbols = readModuleSymbols(src);
    return facts;
  }
  if (!facts.revision) {
    // A Sequelize migration is named by its file; findings about it go to its `up`.
    facts.revision = { id: base, location: src.location(upName ?? src.sf.statements[0] ?? src.sf) };
    facts.sequence = migrationSequence(base, base, 'sequelize', path.basename(file));
    facts.tool = 'sequelize';
  }
  if (!up && inheritsFrom !== undefined) {
    // TypeORM runs the `up` the class inherits (a project base whose `up` calls the subclass's
    // `run()`, through a table builder of its own): it ran, and may have changed what its strings name.
    facts.operations.push({ kind: 'unknown', description: `its up() is inherited from ${inheritsFrom}`, mentions: stringsNamed(src.sf), location: facts.revision?.location ?? src.location(src.sf.statements[0] ?? src.sf), guarded: false });
    return facts;
  }
  if (!up || !receiver) {
    // A migration whose `up` the reader cannot find (built by a factory, imported): it ran, and may
    // have changed what its strings name.
    // A file whose code never names an `up` — a generator with a migration in a template string, a
    // migration all commented out — is no migration: no tool would run it.
    if (!up && (helperUp || !namesUp(src.sf))) {
      facts.notAMigration = true;
      const commented = !helperUp && !uncommented ? commentedOutMigration(src.sf) : undefined;
      if (commented) {
        // Read as it ran: the code in the comment, at its place in the file.
        const opened = await readOrmMigration(file, commented.opened, provided, true);
        facts.commentedOut = { mentions: commented.mentions, ...(opened.notAMigration || opened.commentedOut ? {} : { migration: opened }) };
      }
      return facts;
    }
    if (!up) facts.operations.push({ kind: 'unknown', description: 'its up() could not be found', mentions: stringsNamed(src.sf), location: src.location(src.sf.statements[0] ?? src.sf), guarded: false });
    return facts;
  }
  unbindParameters();
  withLentLiterals(src, facts, provided, () => readBody(src, up!, receiver!, facts, new Set([up!]), false, undefined, new Set(otherParameters)));
  return facts;
}

/** The names a module's strings may be (`'authors'`, `'public.authors'` → `authors`), lowercased: what code the reader cannot follow may have changed. */
function stringsNamed(sf: TS.SourceFile): string[] {
  const t = ts();
  const mentions = new Set<string>();
  const visit = (n: TS.Node): void => {
    const v = stringValue(n);
    if (v !== undefined && /^[\w.]+$/.test(v)) mentions.add(v.split('.').pop()!.toLowerCase());
    t.forEachChild(n, visit);
  };
  visit(sf);
  return [...mentions];
}

/** Members of what a migration's `up` is given that hold the runner itself (`utils.queryInterface`). */
/** Methods of Sequelize's QueryInterface its instance lacks: called on a name, that name is the interface. */
const QUERY_INTERFACE_ONLY = new Set(['createTable', 'dropTable', 'renameTable', 'addColumn', 'removeColumn', 'changeColumn', 'renameColumn', 'addIndex', 'removeIndex', 'addConstraint', 'removeConstraint', 'bulkInsert', 'bulkDelete', 'bulkUpdate', 'createSchema', 'dropSchema', 'describeTable']);

/**
 * Which parameter of `up` is the runner it changes the database through: the first (sequelize-cli's
 * `up(queryInterface, Sequelize)`, TypeORM's `up(queryRunner)`, umzug's `up({ context })`) — but for
 * the one typed `QueryInterface`, or else the only one the query interface's own methods are called
 * on, where the first is not (umzug 2 hands a migration the params its project lists:
 * `migrationsList(migrations, [sequelize, sequelize.getQueryInterface()])` gives `up(sequelize, queryInterface)`).
 */
function queryInterfaceParameter(fn: TS.FunctionLikeDeclaration): number {
  const t = ts();
  const params = fn.parameters;
  if (params.length < 2) return 0;
  const typed = params.findIndex((p) => !!p.type && /\bQueryInterface$/.test(p.type.getText().replace(/<.*$/s, '').trim()));
  if (typed >= 0) return typed;
  const names = params.map((p) => (t.isIdentifier(p.name) ? p.name.text : undefined));
  const used = new Set<string>();
  const visit = (n: TS.Node) => {
    if (t.isPropertyAccessExpression(n) && t.isIdentifier(n.expression) && QUERY_INTERFACE_ONLY.has(n.name.text)) used.add(n.expression.text);
    t.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  if (names[0] !== undefined && used.has(names[0])) return 0;
  const others = names.flatMap((n, i) => (i > 0 && n !== undefined && used.has(n) ? [i] : []));
  return others.length === 1 ? others[0] : 0;
}

const RUNNER_MEMBERS = new Set(['queryInterface', 'queryRunner']);

/** dottedParts through casts and parentheses at any step (`(queryInterface as any).sequelize.query`). */
function dottedThroughCasts(node: TS.Expression): string[] | undefined {
  const t = ts();
  const n = unwrap(node);
  if (t.isIdentifier(n)) return [n.text];
  if (t.isPropertyAccessExpression(n)) {
    const left = dottedThroughCasts(n.expression);
    return left ? [...left, n.name.text] : undefined;
  }
  return undefined;
}

/** Whether a declaration is written inside a function's body (not at the module's level or in a class of it). */
function insideFunction(node: TS.Node): boolean {
  const t = ts();
  for (let n = node.parent; n && !t.isSourceFile(n); n = n.parent) if (t.isFunctionLike(n)) return true;
  return false;
}

/**
 * A migration whose code is all commented out (`/* This migration is archived *\/ /* 'use strict';
 * module.exports = { up: … } *\/`): the names its comments quote, lowercased — what it may have
 * changed when it ran, before it was commented out — and the text with its code uncommented.
 * Undefined when the file holds code or its comments declare no `up`.
 */
function commentedOutMigration(sf: TS.SourceFile): { mentions: string[]; opened: string } | undefined {
  if (sf.statements.length) return undefined;
  const text = sf.text;
  if (!/\b(?:async\s+)?up\s*(?:[:(=]|\bfunction\b)/.test(text)) return undefined;
  const mentions = new Set<string>();
  for (const m of text.matchAll(/(["'`])([\w.]+)\1/g)) mentions.add(m[2].split('.').pop()!.toLowerCase());
  // The text with the longest block comment's delimiters blanked, or else every line comment's
  // (its code keeps its lines and columns).
  let longest: RegExpMatchArray | undefined;
  for (const m of text.matchAll(/\/\*[\s\S]*?\*\//g)) if (!longest || m[0].length > longest[0].length) longest = m;
  const at = longest?.index ?? 0;
  const opened = longest ? `${text.slice(0, at)}  ${longest[0].slice(2, -2)}  ${text.slice(at + longest[0].length)}`
    : text.replace(/^(\s*)\/\//gm, '$1  ');
  return { mentions: [...mentions], opened };
}

/** Whether code (not a string, a comment or a type) declares an `up`: a method, property, function or variable, or `exports.up = …`. */
function namesUp(sf: TS.SourceFile): boolean {
  const t = ts();
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || t.isTypeNode(n) || t.isTypeAliasDeclaration(n) || t.isInterfaceDeclaration(n)) return;
    if (t.isIdentifier(n) && n.text === 'up' && !calledOrRead(n)) found = true;
    else t.forEachChild(n, visit);
  };
  // (`migration.up(…)`, a runner calling the migrations it loads, names no `up` of its own; a
  // type's member (`{ up: (…) => Promise<void> }`) declares none either.)
  const calledOrRead = (n: TS.Identifier) => t.isPropertyAccessExpression(n.parent) && n.parent.name === n
    && !(t.isBinaryExpression(n.parent.parent) && n.parent.parent.left === n.parent && n.parent.parent.operatorToken.kind === t.SyntaxKind.EqualsToken);
  visit(sf);
  return found;
}

/** The string a class's constructor assigns to `this.name`. */
function constructorName(cls: TS.ClassLikeDeclaration): TS.Expression | undefined {
  const t = ts();
  const ctor = cls.members.find((m): m is TS.ConstructorDeclaration => t.isConstructorDeclaration(m));
  for (const statement of ctor?.body?.statements ?? []) {
    if (!t.isExpressionStatement(statement) || !t.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (operatorToken.kind === t.SyntaxKind.EqualsToken && t.isPropertyAccessExpression(left) && left.expression.kind === t.SyntaxKind.ThisKeyword
      && left.name.text === 'name' && stringValue(right) !== undefined) return right;
  }
  return undefined;
}


/** The `if`s of a migration, numbered as read (a helper read at two calls has two of each). */
const ifSerials = new WeakMap<AlembicMigrationFacts, number>();

function nextIfSerial(facts: AlembicMigrationFacts): number {
  const serial = (ifSerials.get(facts) ?? 0) + 1;
  ifSerials.set(facts, serial);
  return serial;
}

/**
 * Reads the operations of a migration's `up` (or a method it hands the query runner to): calls on
 * the runner, SQL, loops over literal lists; `this.helper(queryRunner)` is read in place (a method
 * of the same class, its parameter standing for the runner); a branch on the database type
 * (`switch (queryRunner.connection.options.type)`, `if (… === "postgres")`) is read for PostgreSQL
 * only; any other call the runner is handed to is an operation that cannot be read (Unknown).
 */
function readBody(
  src: TsFile, fn: TS.FunctionLikeDeclaration, receiver: string, facts: AlembicMigrationFacts, seen: Set<TS.Node>, guardedFrom = false,
  call?: { node: TS.CallExpression; caller: OperationReader }, otherParameters: ReadonlySet<string> = new Set(),
): void {
  const t = ts();
  const reader = new OperationReader(src, receiver, facts, otherParameters);
  reader.bindModuleConstants();
  /** Functions of this body that use the runner (`const addIfMissing = async (column) => …`): read where they are called. */
  const localHelpers = new Map<string, TS.FunctionLikeDeclaration>();
  const called = new Set<TS.FunctionLikeDeclaration>();
  const runnerName = new RegExp(`\\b${receiver}\\b`);
  const mentionsRunner = (node: TS.Node) => runnerName.test(node.getText(src.sf));
  const usesRunner = (f: TS.FunctionLikeDeclaration) => !!f.body && mentionsRunner(f.body);
  /** Names bound to rows the migration reads (`const rows = await queryRunner.query("SELECT …")`). */
  const rowNames = new Set<string>();
  /** Names bound to what the migration asked the database (`const columnExists = await queryRunner.hasColumn(…)`). */
  const fromDatabase = new Set<string>();
  /**
   * Whether a condition asks the database (`await queryRunner.hasTable("x")`, `tableExists(queryRunner,
   * "x")`, rows the migration read), which the replay answers as the chain stands, rather than the
   * deployment (an edition, a setting), which differs from one database to another.
   */
  const asksTheDatabase = (condition: TS.Expression) => mentionsRunner(condition) || mentionsAny(condition, rowNames) || mentionsAny(condition, fromDatabase);
  const tablesTakenForGranted = new TablesTakenForGranted(fn.body ?? fn, mentionsRunner, (e) => reader.constant(e));
  /** Marks the operations from `start` on that change one of `tables` as written for a database that has it. */
  const takeForGranted = (start: number, tables: string[]) => {
    if (!tables.length) return;
    for (let i = start; i < facts.operations.length; i++) {
      const op = facts.operations[i];
      if ('table' in op && tables.includes(op.table.name.toLowerCase())) facts.operations[i] = { ...op, tableAssumed: true };
    }
  };
  /** The branch an `if` takes on PostgreSQL or on the strings the reader knows (null: none); undefined when not decided. */
  const takenBranch = (node: TS.IfStatement): TS.Statement | null | undefined => {
    const onDatabase = dialectIf(node);
    return onDatabase !== undefined ? onDatabase : reader.knownStringIf(node);
  };
  /** Walks an arm of an `if`, its operations labelled with the arm (before the labels of `if`s inside it). */
  const walkArm = (arm: TS.Statement, label: string) => {
    const start = facts.operations.length;
    walk(arm, visit, true);
    for (let i = start; i < facts.operations.length; i++) {
      const op = facts.operations[i];
      facts.operations[i] = { ...op, branch: `${label}${op.branch ?? ''}` };
    }
  };
  const visit = (node: TS.Node, guarded: boolean): boolean | undefined => {
    if (t.isBlock(node)) {
      // `if (rows.length === 0) return;`: what follows runs only when the condition does not hold.
      let g = guarded;
      let decidedByRows: number | undefined;
      // After `if (isNotOneOfTheseEditions([…])) return`: what follows runs only in some deployments.
      let somewhereFrom: number | undefined;
      for (const statement of node.statements) {
        walk(statement, visit, g);
        const exit = leavesBlock(statement, takenBranch);
        // `continue` in an unrolled loop (`if (["t"].includes(table)) continue;` decided for this
        // item), a `return`: what follows in the block does not run.
        if (exit === 'always') break;
        if (exit === 'maybe' && somewhereFrom === undefined && t.isIfStatement(statement) && !asksTheDatabase(statement.expression)) somewhereFrom = facts.operations.length;
        // Already conditional, and nothing left to learn about rows: no need to look inside.
        if (g && (decidedByRows !== undefined || !rowNames.size)) continue;
        if (exit === 'never') continue;
        g = true;
        if (decidedByRows === undefined && t.isIfStatement(statement) && mentionsAny(statement.expression, rowNames)) decidedByRows = facts.operations.length;
      }
      if (decidedByRows !== undefined) dropsDecidedByRows(facts.operations, decidedByRows);
      if (somewhereFrom !== undefined) for (let i = somewhereFrom; i < facts.operations.length; i++) facts.operations[i] = { ...facts.operations[i], onlySomewhere: true };
      return false;
    }
    if (t.isVariableDeclaration(node) && node.initializer) {
      if (!guarded) tablesTakenForGranted.bind(node);
      const read = node.initializer.getText(src.sf);
      if (READS_ROWS.test(read) && !READS_CATALOG.test(read)) for (const name of boundNames(node.name)) rowNames.add(name);
      // (`const columnExists = await queryRunner.hasColumn(…)`: a condition on it asks the database.)
      if (mentionsRunner(node.initializer)) for (const name of boundNames(node.name)) fromDatabase.add(name);
    }
    if (t.isVariableDeclaration(node) && t.isIdentifier(node.name) && node.initializer) {
      const f = unwrap(node.initializer);
      if ((t.isArrowFunction(f) || t.isFunctionExpression(f)) && usesRunner(f)) {
        localHelpers.set(node.name.text, f);
        return false;
      }
    }
    if (t.isFunctionDeclaration(node) && node.name && node !== fn && usesRunner(node)) {
      localHelpers.set(node.name.text, node);
      return false;
    }
    /**
     * A fallback that runs only when what it guards failed, which depends on the database: what it
     * would change is Unknown (as Alembic's except handlers), not applied after what it guards.
     */
    const fallback = (body: TS.Node, at: TS.Node, description: string) => {
      const start = facts.operations.length;
      walk(body, visit, true);
      // (Rows written change nothing: a fallback that only writes rows leaves nothing Unknown.)
      const made = facts.operations.splice(start).filter((op) => op.kind !== 'use-table');
      const names = new Set(made.flatMap((op) => namesChanged(op).map((n) => n.toLowerCase())));
      if (made.length) {
        const mentions = names.size ? [...names] : sqlMentions(body.getText());
        facts.operations.push({ kind: 'unknown', description, mentions, location: src.location(at), guarded: true });
      }
    };
    if (t.isTryStatement(node)) {
      // A try whose handler passes every failure on (`catch (e) { throw e; }`, `return
      // Promise.reject(e)`), or that has none (`try … finally`), guards nothing: the migration fails
      // with what it runs, so in a chain that ran, all of it ran — read as written.
      const passesOn = !node.catchClause || alwaysThrows(node.catchClause.block);
      walk(node.tryBlock, visit, passesOn ? guarded : true);
      if (node.catchClause) walk(node.catchClause, visit, true);
      if (node.finallyBlock) walk(node.finallyBlock, visit, true);
      return false;
    }
    if (t.isCatchClause(node)) {
      // A handler that always throws again (`catch (e) { await undo(); throw e; }`) ends the
      // migration in failure: in a chain that ran, it never ran.
      if (!alwaysThrows(node.block)) fallback(node.block, node, 'what a catch block changes when the try block fails');
      return false;
    }
    if (t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'catch' && node.arguments.length === 1) {
      // `queryInterface.addColumn(…).catch(() => Promise.resolve("done"))`: a failure of what the
      // promise runs is swallowed, so it is guarded (never reported as failing the migration), and
      // the handler is a fallback. A handler that throws again (`.catch((e) => { …; throw e; })`)
      // lets the failure through: what it guards is read as written, and the handler never ran in
      // a chain that did.
      const handler = node.arguments[0];
      if (alwaysThrows(handler)) {
        walk(node.expression.expression, visit, guarded);
      } else {
        walk(node.expression.expression, visit, true);
        fallback(handler, handler, 'what a promise\'s catch handler changes when the operation fails');
      }
      return false;
    }
    if (t.isSwitchStatement(node)) {
      const branch = dialectBranch(node);
      if (branch) {
        for (const statement of branch) walk(statement, visit, guarded);
        return false;
      }
    }
    if (t.isIfStatement(node)) {
      const taken = takenBranch(node);
      if (taken !== undefined) {
        if (taken) walk(taken, visit, guarded);
        return false;
      }
      // `if (rows.length) await queryRunner.dropTable(…)` on rows the migration read: whether it runs depends on the data.
      if (mentionsAny(node.expression, rowNames)) {
        const start = facts.operations.length;
        walk(node.thenStatement, visit, true);
        if (node.elseStatement) walk(node.elseStatement, visit, true);
        dropsDecidedByRows(facts.operations, start);
        return false;
      }
      // The arms of an `if` exclude each other (`if (await queryRunner.hasColumn(t, "old"))
      // rename it, else add the new one`): each is labelled, so that the replay does not take
      // what one arm makes for a copy of what the other made (see exclusiveBranches).
      walk(node.expression, visit, true);
      const serial = nextIfSerial(facts);
      const start = facts.operations.length;
      const granted = guarded ? undefined : tablesTakenForGranted.ofCondition(node.expression);
      walkArm(node.thenStatement, `/${serial}:0`);
      if (granted) takeForGranted(start, [...granted.both, ...granted.then]);
      const elseStart = facts.operations.length;
      if (node.elseStatement) walkArm(node.elseStatement, `/${serial}:1`);
      if (granted) takeForGranted(elseStart, granted.both);
      if (!asksTheDatabase(node.expression)) for (let i = start; i < facts.operations.length; i++) facts.operations[i] = { ...facts.operations[i], onlySomewhere: true };
      return false;
    }
    if (t.isCallExpression(node)) {
      // The runner handed on: as an argument (`shared.createTable(queryInterface, …)`), or inside an
      // object (`updateSequence("t", "id", { queryInterface, transaction })`, `replaceEnum({ queryInterface,
      // tableName: "t", … })` of sequelize-replace-enum-postgres).
      const index = node.arguments.findIndex((a) => (t.isIdentifier(a) && a.text === receiver) || keyHolding(a, receiver) !== undefined);
      if (index >= 0) {
        // A method of the migration, a function of this module (`const addIndexIfMissing = async (qi, …) => …`),
        // or a function another module lends: read where it is called, under the name it gives the runner.
        const helper = methodOf(node, seen) ?? moduleFunction(node, seen) ?? (seen.size <= 8 ? inheritedHelper(node) ?? lentHelper(node) : undefined);
        const parameter = helper?.parameters[index]?.name;
        const key = keyHolding(node.arguments[index], receiver);
        const local = parameter && (key === undefined ? (t.isIdentifier(parameter) ? parameter.text : undefined) : destructuredName(parameter, key));
        if (helper && local) {
          // Once per call (its parameters differ); `seen` only stops a helper calling itself.
          seen.add(helper);
          const start = facts.operations.length;
          readBody(fileOf(helper, src), helper, local, facts, seen, guarded, { node, caller: reader });
          seen.delete(helper);
          // What the helper does that was not read may concern any table this call names.
          const named = reader.argumentStrings(node);
          for (let i = start; i < facts.operations.length; i++) {
            const op = facts.operations[i];
            if (op.kind === 'unknown' && named.length) facts.operations[i] = { ...op, mentions: [...new Set([...op.mentions, ...named])] };
          }
          return false;
        }
        // `if (!(await columnExists(queryRunner, "t", "c")))`: a predicate asked in a condition
        // reads the database; what the branch does is read (as guarded).
        if (!isConditionCheck(node)) reader.handedToHelper(node, guarded);
        return false;
      }
      const unrolled = reader.unrollCallback(node, guarded, (body, g) => walk(body, visit, g));
      if (unrolled !== undefined) return unrolled;
      const local = t.isIdentifier(node.expression) ? localHelpers.get(node.expression.text) : undefined;
      if (local?.body && !seen.has(local) && seen.size <= 8) {
        // Its body, once per call, its parameters holding what this call passes.
        called.add(local);
        seen.add(local);
        const unbind = bindParameters(local, node, reader, reader);
        walk(local.body, visit, guarded);
        unbind();
        seen.delete(local);
        return false;
      }
      return reader.call(node, guarded);
    }
    if (t.isVariableDeclaration(node) || (t.isBinaryExpression(node) && node.operatorToken.kind === t.SyntaxKind.EqualsToken)) reader.bind(node);
    // `for (const name of ["a", "b"])`: the body once per element, the name bound to it.
    if (t.isForOfStatement(node)) return reader.unrollForOf(node, guarded, (body, g) => walk(body, visit, g));
    return undefined;
  };
  const unbind = call ? bindParameters(fn, call.node, call.caller, reader) : undefined;
  if (fn.body) walk(fn.body, visit, guardedFrom);
  // A helper handed on rather than called (`columns.map(addIfMissing)`) runs all the same, with
  // arguments this reader does not see: its body once, as written (what it adds is Unknown).
  for (const [name, helper] of localHelpers) {
    if (called.has(helper) || !helper.body || !fn.body) continue;
    const mentions = fn.body.getText().match(new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\b`, 'g'))?.length ?? 0;
    if (mentions > 1) walk(helper.body, visit, true);
  }
  unbind?.();
}

/**
 * A helper's parameters, for reading its body as one call runs it: a string the caller can
 * evaluate (`'hotels'`, a name bound to one) is bound in `into`; columns, options and lists
 * (`new TableColumn({...})`) are what `resolved` finds for the name inside the helper. Others stay
 * unbound (Unknown). Returns what undoes the bindings.
 */
function bindParameters(fn: TS.FunctionLikeDeclaration, call: TS.CallExpression, caller: OperationReader, into: OperationReader): () => void {
  const t = ts();
  const strings: string[] = [];
  const nodes = boundParameters();
  fn.parameters.forEach((p, i) => {
    if (!t.isIdentifier(p.name) || p.dotDotDotToken) return;
    const arg = call.arguments[i] ?? p.initializer;
    if (!arg) {
      // Left out by the caller: `undefined`, as long as the helper never assigns it.
      if (!assignsName(fn, p.name.text)) {
        into.bindAbsent(p.name.text);
        strings.push(p.name.text);
      }
      return;
    }
    const value = caller.constant(arg);
    if (value !== undefined) {
      into.bindName(p.name.text, value);
      strings.push(p.name.text);
      return;
    }
    // (A flag — `renameIndexes(queryRunner, pairs, false)` — decides the helper's conditionals.)
    const literal = resolved(arg);
    const flag = literal && (literal.kind === t.SyntaxKind.TrueKeyword || literal.kind === t.SyntaxKind.FalseKeyword || literal.kind === t.SyntaxKind.NullKeyword);
    if (literal && (t.isObjectLiteralExpression(literal) || t.isArrayLiteralExpression(literal) || flag) && !assignsName(fn, p.name.text)) bindParameter(p.name.text, literal, fn);
  });
  return () => {
    for (const name of strings) into.unbindName(name);
    unbindParameters(nodes);
  };
}

/** Whether a function assigns `name` anywhere in its body (`name = …`, `name ??= …`, `name++`). */
function assignsName(fn: TS.FunctionLikeDeclaration, name: string): boolean {
  const t = ts();
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (t.isBinaryExpression(node) && node.operatorToken.kind >= t.SyntaxKind.FirstAssignment && node.operatorToken.kind <= t.SyntaxKind.LastAssignment
      && t.isIdentifier(unwrap(node.left)) && (unwrap(node.left) as TS.Identifier).text === name) found = true;
    else if ((t.isPrefixUnaryExpression(node) || t.isPostfixUnaryExpression(node)) && (node.operator === t.SyntaxKind.PlusPlusToken || node.operator === t.SyntaxKind.MinusMinusToken)
      && t.isIdentifier(node.operand) && node.operand.text === name) found = true;
    else t.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/**
 * Whether a statement leaves the block it is in (`return`, or `continue`/`break` of a loop around
 * it): always, maybe (a branch that is not decided), or never. `decide` gives the branch an `if`
 * takes where the reader knows it (null: none). A `throw` is no way out: a migration that fails
 * never ran in a chain that did, so what follows a `throw` is what ran.
 */
function leavesBlock(statement: TS.Statement, decide: (s: TS.IfStatement) => TS.Statement | null | undefined): 'always' | 'maybe' | 'never' {
  const t = ts();
  if (t.isReturnStatement(statement) || t.isContinueStatement(statement) || t.isBreakStatement(statement)) return 'always';
  if (t.isBlock(statement)) {
    let result: 'maybe' | 'never' = 'never';
    for (const s of statement.statements) {
      const exit = leavesBlock(s, decide);
      if (exit === 'always') return 'always';
      if (exit === 'maybe') result = 'maybe';
    }
    return result;
  }
  if (t.isIfStatement(statement)) {
    const taken = decide(statement);
    if (taken !== undefined) return taken ? leavesBlock(taken, decide) : 'never';
  }
  if (t.isSwitchStatement(statement)) {
    const branch = dialectBranch(statement);
    if (branch) return branch.some((s) => leavesBlock(s, decide) === 'always' && !t.isBreakStatement(s)) ? 'always' : exitsInside(statement) ? 'maybe' : 'never';
  }
  return exitsInside(statement) ? 'maybe' : 'never';
}

/** Whether a `return`, or a `continue`/`break` of a loop outside it, is somewhere inside a statement. */
function exitsInside(statement: TS.Statement): boolean {
  const t = ts();
  let found = false;
  const visit = (node: TS.Node, inLoop: boolean, inSwitch: boolean): void => {
    if (found || t.isFunctionLike(node) || t.isClassLike(node)) return;
    if (t.isReturnStatement(node) || (t.isContinueStatement(node) && (!inLoop || node.label)) || (t.isBreakStatement(node) && ((!inLoop && !inSwitch) || node.label))) {
      found = true;
      return;
    }
    const loop = inLoop || t.isIterationStatement(node, false);
    const sw = inSwitch || t.isSwitchStatement(node);
    t.forEachChild(node, (c) => visit(c, loop, sw));
  };
  visit(statement, false, false);
  return found;
}

/** A query that reads rows: raw SQL, or an entity manager's or repository's finders. */
const READS_ROWS = /\.(?:query|find\w*|count\w*|getRaw\w*|getMany|getOne|getCount)\s*(?:<[^>]*>)?\s*\(/;

function boundNames(name: TS.BindingName): string[] {
  const t = ts();
  if (t.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (t.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

function mentionsAny(node: TS.Node, names: ReadonlySet<string>): boolean {
  const t = ts();
  if (!names.size) return false;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (t.isIdentifier(n) && names.has(n.text)) found = true;
    else t.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** A predicate by its name: `columnExists`, `tableExists`, `hasColumn`, `isPostgres`. */
const PREDICATE = /^(?:is|has|can|should)[A-Z_]|Exists?$|^exists/;

/**
 * A call of a predicate (by its name) that is the condition of an `if` or `?:` — or part of it,
 * through `await`, `!`, parentheses, `&&` and `||`: a question about the database, not a change to it.
 */
function isConditionCheck(call: TS.CallExpression): boolean {
  const t = ts();
  const callee = call.expression;
  const name = t.isIdentifier(callee) ? callee.text : t.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (!PREDICATE.test(name)) return false;
  let node: TS.Node = call;
  for (let depth = 0; depth < 16; depth++) {
    const parent = node.parent;
    if (!parent) return false;
    if ((t.isIfStatement(parent) || t.isWhileStatement(parent)) && parent.expression === node) return true;
    if (t.isConditionalExpression(parent) && parent.condition === node) return true;
    const passes = t.isAwaitExpression(parent) || t.isParenthesizedExpression(parent) ||
      (t.isPrefixUnaryExpression(parent) && parent.operator === t.SyntaxKind.ExclamationToken) ||
      (t.isBinaryExpression(parent) && (parent.operatorToken.kind === t.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === t.SyntaxKind.BarBarToken));
    if (!passes) return false;
    node = parent;
  }
  return false;
}

/** `this.name(…)` in a class method: that method of the same class, when it has a body and is not being read already. */
/** The function of this module a call names (declared, or held by a `const`), when it has a body not being read already. */
function moduleFunction(call: TS.CallExpression, seen: Set<TS.Node>): TS.FunctionLikeDeclaration | undefined {
  const t = ts();
  if (!t.isIdentifier(call.expression) || seen.size > 8) return undefined;
  const fn = functionNamed(call.expression);
  return fn?.body && !seen.has(fn) ? fn : undefined;
}

function methodOf(call: TS.CallExpression, seen: Set<TS.Node>): TS.MethodDeclaration | undefined {
  const t = ts();
  const callee = call.expression;
  if (!t.isPropertyAccessExpression(callee) || callee.expression.kind !== t.SyntaxKind.ThisKeyword) return undefined;
  let cls: TS.Node | undefined = call.parent;
  while (cls && !t.isClassLike(cls)) cls = cls.parent;
  if (!cls || !t.isClassLike(cls) || seen.size > 8) return undefined;
  // The class's own method, else one of a base class the module declares (`class Init extends
  // BaseMigration`, the base above it), as JavaScript looks it up along the prototype chain.
  for (let c: TS.ClassLikeDeclaration | undefined = cls, depth = 0; c && depth < 4; c = baseClassInModule(c), depth++) {
    const method = c.members.find((m): m is TS.MethodDeclaration => t.isMethodDeclaration(m) && t.isIdentifier(m.name) && m.name.text === callee.name.text);
    if (method) return method.body && !seen.has(method) ? method : undefined;
  }
  return undefined;
}

/** The class a class extends, where this module declares it (`class Init extends BaseMigration`, `class BaseMigration` above). */
function baseClassInModule(cls: TS.ClassLikeDeclaration): TS.ClassLikeDeclaration | undefined {
  const t = ts();
  const base = cls.heritageClauses?.find((h) => h.token === t.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!base || !t.isIdentifier(base)) return undefined;
  return cls.getSourceFile().statements.find((s): s is TS.ClassDeclaration => t.isClassDeclaration(s) && s.name?.text === base.text);
}

/**
 * `this.createIndex(queryRunner, …)` in a migration whose class extends one another module declares
 * (`extends BaseMigration`, imported) and does not declare the method itself: that class's method,
 * as the project lends it (see moduleSymbols' instance helpers).
 */
function inheritedHelper(call: TS.CallExpression): TS.FunctionLikeDeclaration | undefined {
  const t = ts();
  const callee = call.expression;
  if (!t.isPropertyAccessExpression(callee) || callee.expression.kind !== t.SyntaxKind.ThisKeyword) return undefined;
  let cls: TS.Node | undefined = call.parent;
  while (cls && !t.isClassLike(cls)) cls = cls.parent;
  if (!cls || !t.isClassLike(cls)) return undefined;
  // (The last class of the chain this module declares: its base is the other module's.)
  let last: TS.ClassLikeDeclaration = cls;
  for (let depth = 0, next = baseClassInModule(last); next && depth < 4; depth++, next = baseClassInModule(last)) last = next;
  const base = last.heritageClauses?.find((h) => h.token === t.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (!base || !t.isIdentifier(base)) return undefined;
  return lentHelper(call, { name: base.text, member: `prototype.${callee.name.text}` });
}

/**
 * The statements a `switch` on the database type runs for PostgreSQL (its case, falling through to
 * the next `break`); the `default` clause when no case names PostgreSQL; undefined when the switch
 * is not on the database type.
 */
function dialectBranch(node: TS.SwitchStatement): TS.Statement[] | undefined {
  const t = ts();
  const clauses = node.caseBlock.clauses;
  const labelled = clauses.filter((c): c is TS.CaseClause => t.isCaseClause(c));
  if (!labelled.some((c) => DIALECT.test(c.expression.getText()))) return undefined;
  let start = labelled.findIndex((c) => POSTGRES.test(c.expression.getText()));
  if (start < 0) start = clauses.findIndex((c) => t.isDefaultClause(c));
  else start = clauses.indexOf(labelled[start]);
  if (start < 0) return [];
  const out: TS.Statement[] = [];
  for (let i = start; i < clauses.length; i++) {
    for (const statement of clauses[i].statements) {
      if (t.isBreakStatement(statement)) return out;
      out.push(statement);
      if (t.isReturnStatement(statement) || t.isThrowStatement(statement)) return out;
    }
  }
  return out;
}

/**
 * `sqlUtils.datetime(dbType)` (or a name bound to it), where `dbType` is the runner's database type
 * (`queryRunner.connection.driver.options.type`): the string the function returns for PostgreSQL —
 * a `switch` on its parameter whose PostgreSQL case returns it (Grist's `sqlUtils`), or a conditional
 * on it — declared in the migration's file or lent by another module. Undefined otherwise.
 */
function databaseTypeValue(node: TS.Expression | undefined): string | undefined {
  const t = ts();
  const call = node && throughConstant(unwrap(node), false);
  if (!call || !t.isCallExpression(call) || call.arguments.length !== 1 || !isDatabaseType(call.arguments[0])) return undefined;
  const fn = localFunction(call) ?? lentHelper(call);
  const returned = fn && postgresReturned(fn);
  return returned ? stringValue(returned) : undefined;
}

/** The runner's database type: `queryRunner.connection.driver.options.type`, `…connection.options.type`, or a `const` bound to it. */
function isDatabaseType(node: TS.Expression): boolean {
  const e = throughConstant(unwrap(node), false);
  return /^(?:queryRunner|this|[A-Za-z_$][\w$]*)\.(?:connection|dataSource)(?:\.driver)?\.options\.type$/.test(e.getText().replace(/\s+/g, ''));
}

/** A function the migration's file declares under the callee's name. */
function localFunction(call: TS.CallExpression): TS.FunctionDeclaration | undefined {
  const t = ts();
  const callee = call.expression;
  if (!t.isIdentifier(callee)) return undefined;
  return callee.getSourceFile().statements.find((s): s is TS.FunctionDeclaration => t.isFunctionDeclaration(s) && s.name?.text === callee.text && !!s.body);
}

/**
 * What a function of one parameter, the database type, returns for PostgreSQL: the branch of
 * `return type === "postgres" ? a : b`, or the `return` of a `switch (type)`'s PostgreSQL case.
 */
function postgresReturned(fn: TS.FunctionLikeDeclaration): TS.Expression | undefined {
  const t = ts();
  const param = fn.parameters.length === 1 ? fn.parameters[0].name : undefined;
  if (!param || !t.isIdentifier(param)) return undefined;
  const returned = returnedExpression(fn);
  if (returned) {
    const taken = postgresExpression(returned);
    return taken !== returned ? taken : undefined;
  }
  const first = fn.body && t.isBlock(fn.body) ? fn.body.statements[0] : undefined;
  if (!first || !t.isSwitchStatement(first) || !t.isIdentifier(first.expression) || first.expression.text !== param.text) return undefined;
  const statements = dialectBranch(first);
  const ret = statements?.[0];
  return ret && t.isReturnStatement(ret) && ret.expression ? unwrap(ret.expression) : undefined;
}

/**
 * `if (x.type === "postgres")` / `if (type !== DatabaseType.sqlite)`: the branch PostgreSQL takes
 * (null: none), or undefined when the condition is not a comparison with a database type.
 */
function dialectIf(node: TS.IfStatement): TS.Statement | null | undefined {
  const taken = onPostgres(node.expression, dialectPredicate);
  if (taken === undefined) return undefined;
  return taken ? node.thenStatement : node.elseStatement ?? null;
}

/**
 * The condition a called function returns, when it returns only that: a function declared in the
 * migration's file, or one another module of the project lends (see moduleSymbols' sharedHelper).
 */
function dialectPredicate(call: TS.CallExpression): TS.Expression | undefined {
  const t = ts();
  const callee = call.expression;
  if (t.isIdentifier(callee)) {
    const local = callee.getSourceFile().statements.find((s): s is TS.FunctionDeclaration => t.isFunctionDeclaration(s) && s.name?.text === callee.text && !!s.body);
    if (local) return returnedExpression(local);
  }
  return returnedExpression(lentHelper(call));
}

/** Sequelize creates an ENUM column's type as `enum_<table>_<column>`, quoted (its case kept). */
function withSequelizeEnumName(column: ColumnSpec, table: string): ColumnSpec {
  if (column.type?.name !== 'enum' || (column.type.enumName && column.type.enumName !== 'enum')) return column;
  const name = `enum_${table}_${column.name}`;
  return { ...column, type: { ...column.type, enumName: name, databaseName: name } };
}

/**
 * A TypeORM TableColumn as its query runner makes it: an `enum` column's type named
 * `<table>_<column>_enum` (unless `enumName:`), an `isUnique` column's constraint `UQ_<hash>`.
 */
function withTypeormNames(column: ColumnSpec, table: string): ColumnSpec {
  let named = column;
  if ((column.type?.name === 'enum' || column.type?.name === 'enum[]') && !column.type.databaseName && (!column.type.enumName || column.type.enumName === 'enum')) {
    const name = typeormEnumName(table, column.name);
    named = { ...named, type: { ...column.type, enumName: name, databaseName: name } };
  }
  if (column.unique && !column.primaryKey && !column.uniqueName) named = { ...named, uniqueName: typeormUniqueName(table, [column.name]) };
  return named;
}

/** The name Sequelize gives an index it names itself: `table_a_b`, in snake case (its `Utils.nameIndex`). */
function sequelizeIndexName(table: string, columns: string[]): string {
  return `${table}_${columns.join('_')}`.replace(/([a-z\d])([A-Z])/g, '$1_$2').toLowerCase();
}

/** What a migration's runner holds that runs SQL: Sequelize's instance, TypeORM's entity manager and data source. */
const SQL_RUNNERS = new Set(['sequelize', 'manager', 'connection']);

/** The query interface's calls that write rows of the table they name (Sequelize's). */
const ROWS_WRITTEN: ReadonlySet<string> = new Set(['bulkInsert', 'bulkDelete', 'bulkUpdate']);
const DATA_CALLS = new Set(['bulkInsert', 'bulkDelete', 'bulkUpdate', 'select', 'rawSelect', 'upsert', 'insert', 'delete', 'update', 'manager', 'getRepository']);

/** The runner's questions about the schema (`hasColumn`, `getTable`…): they read it, they change nothing. */
/** The runner's own transaction and connection control: no schema change. */
const TRANSACTION_CALLS = new Set(['startTransaction', 'commitTransaction', 'rollbackTransaction', 'connect', 'release', 'clearSqlMemory', 'enableSqlMemory', 'disableSqlMemory']);
const SCHEMA_QUESTIONS = new Set(['showIndex', 'hasTable', 'hasColumn', 'getTable', 'getTables', 'hasSchema', 'hasDatabase', 'getView', 'getViews', 'hasEnumType', 'getCurrentSchema', 'getCurrentDatabase', 'showAllTables', 'showAllSchemas', 'tableExists',
  'getForeignKeyReferencesForTable', 'getForeignKeysForTables', 'getForeignKeyReferencesForTables', 'showConstraint', 'describeTables']);
/** The runner's helpers that only build text (`queryInterface.quoteIdentifier('Containers')`): no schema change. */
const TEXT_HELPERS = new Set(['quoteIdentifier', 'quoteIdentifiers', 'quoteTable', 'escape']);

/** A value a literal writes: a string (or number), a boolean, `undefined`/`null`, a list, or an object of such values. */
type LiteralValue = string | boolean | null | LiteralValue[] | { [key: string]: LiteralValue };

/**
 * An object literal a loop runs over whose values are not all strings (`{ name: "Tasks",
 * missing: ["updatedAt"], hasNulls: false }`): `item.name` is a string, `item.missing` a list the
 * body may loop over, and conditions on its values (`if (item.missing?.length)`) are decided.
 */
class LiteralRecord {
  constructor(readonly values: { [key: string]: LiteralValue }) {}
}

/** An element of a list a migration loops over: a string, a tuple of them, a record of them, or of other values. */
type LoopItem = string | string[] | Record<string, string> | LiteralRecord | ExpressionEntry;

/**
 * An entry of `Object.entries(COLUMNS)` over a record whose values are no strings (`{ note:
 * Sequelize.TEXT, score: { type: … } }`): its key, and its value as written — bound, while the loop's
 * body is read for it, to the name the loop gives it (as a helper's parameter is to its argument).
 */
class ExpressionEntry {
  constructor(readonly key: string, readonly value: TS.Expression) {}
}

/** Nesting of the literals read as loop items: deeper ones are not evaluated. */
const MAX_LITERAL_DEPTH = 4;

class OperationReader {
  /**
   * Names bound to string (or number) literals at this point of `up` — and `item.key` for a record
   * a loop binds to `item` — and names bound to lists of loop items.
   */
  private readonly strings = new Map<string, string>();
  private readonly arrays = new Map<string, LoopItem[]>();
  /** Lists a loop bound by destructuring its item (`for (const { table, columns } of PAIRS)`): unbound after each item. */
  private readonly loopArrays = new Set<string>();
  /** Names bound to records of strings (`const FKS = { users: "team_id" }`), for `Object.entries(FKS)`. */
  private readonly records = new Map<string, Record<string, string>>();
  /** Names a loop binds to a record of other values than strings (its strings are in `strings` too, as `item.key`). */
  private readonly loopRecords = new Map<string, LiteralRecord>();
  /** Names bound to a column of a table read back (`const oldRef = users.findColumnByName("ref")!`): the column's name. */
  private readonly columnRefs = new Map<string, string>();
  /**
   * Names bound to a copy of such a column (`const newRef = oldRef.clone()`), with the options set on
   * it since (`newRef.isNullable = false`): what `changeColumn(table, oldRef, newRef)` changes.
   */
  private readonly columnCopies = new Map<string, { column: string; set: Map<string, TS.Expression> }>();
  /** Names bound to the runner's query interface (`const queryInterface = sequelize.getQueryInterface()`, umzug handing the instance). */
  private readonly interfaces = new Set<string>();
  /** Names bound to a member of what `up` is given that runs SQL (`const sequelize = context?.sequelize ?? qi.sequelize`): the member. */
  private readonly runnerMembers = new Map<string, string>();

  constructor(
    private readonly src: TsFile, private readonly receiver: string, private readonly facts: AlembicMigrationFacts,
    /** Other parameters of `up`: one whose `.query(sql)` is called is a connection the project hands its migrations. */
    private readonly otherParameters: ReadonlySet<string> = new Set(),
  ) {}

  /** Where a node is: in the migration, or in the module that lent it a literal. */
  private loc(node: TS.Node) {
    return fileOf(node, this.src).location(node);
  }

  /** Where a string literal's contents are (inside its quotes). */
  private content(node: TS.Node) {
    return fileOf(node, this.src).contentLocation(node);
  }

  /** The module's imports, read when a name is not bound here. */
  private importsHere: TsModuleSymbols['imports'] | undefined;

  /**
   * `DataBaseTableNames.USERS` (an enum, a constant of another module): a placeholder the
   * resolution layer replaces with the value, across modules (undefined: not an imported name).
   */
  private importedName(e: TS.Expression): string | undefined {
    let ref = nameRefOf(e);
    if (!ref || this.strings.has(ref.name)) return undefined;
    if (!this.importsHere) {
      this.facts.symbols ??= readModuleSymbols(this.src);
      this.importsHere = this.facts.symbols.imports;
    }
    if (!this.importsHere[ref.name]) {
      // `const { MODEL_NAME } = USER_KEYWORDS` (an imported object): the member of that import.
      const local = this.facts.symbols?.values[ref.name];
      const of = local && 'ref' in local && 'name' in local.ref ? local.ref : undefined;
      if (!of || !this.importsHere[of.name]) return undefined;
      const member = [of.member, ref.member].filter((m): m is string => !!m).join('.');
      ref = member ? { name: of.name, member } : { name: of.name };
    }
    const text = e.getText();
    const names = (this.facts.importedNames ??= []);
    const known = names.find((n) => n.text === text);
    if (known) return known.placeholder;
    const placeholder = `${IMPORTED_NAME}${names.length}__`;
    names.push({ placeholder, ref, text });
    return placeholder;
  }

  /** A helper's parameter, bound to the string its call passes. */
  bindName(name: string, value: string): void {
    this.strings.set(name, value);
  }

  unbindName(name: string): void {
    this.strings.delete(name);
    this.absent.delete(name);
  }

  /** A helper's parameter its caller gave nothing for (and that has no default): `undefined`. */
  bindAbsent(name: string): void {
    this.absent.add(name);
  }

  private readonly absent = new Set<string>();

  /** `const TABLE = "users"` and `const NAMES = ["a", "b"]` at the top of the file. */
  bindModuleConstants(): void {
    const t = ts();
    for (const stmt of this.src.sf.statements) {
      if (t.isVariableStatement(stmt)) for (const d of stmt.declarationList.declarations) this.bind(d);
    }
  }

  /** Records `name = <literal>` in straight-line order; anything else unbinds the name (its value is Unknown). */
  bind(node: TS.VariableDeclaration | TS.BinaryExpression): void {
    const t = ts();
    const name = t.isVariableDeclaration(node) ? node.name : node.left;
    const value = t.isVariableDeclaration(node) ? node.initializer : node.right;
    // `newRef.isNullable = false` on a copy of a column.
    if (t.isPropertyAccessExpression(name) && t.isIdentifier(name.expression) && value) {
      this.columnCopies.get(name.expression.text)?.set.set(name.name.text, value);
      return;
    }
    if (!t.isIdentifier(name)) return;
    this.columnRefs.delete(name.text);
    this.columnCopies.delete(name.text);
    if (value && (this.isInterfaceOfRunner(value) || this.isGivenRunner(value))) this.interfaces.add(name.text);
    else this.interfaces.delete(name.text);
    const member = value && this.givenRunnerMember(value);
    if (member) this.runnerMembers.set(name.text, member);
    else this.runnerMembers.delete(name.text);
    const column = value && this.columnOfTable(value);
    if (column) {
      if (column.copy) this.columnCopies.set(name.text, { column: column.name, set: new Map() });
      else this.columnRefs.set(name.text, column.name);
    }
    this.strings.delete(name.text);
    this.arrays.delete(name.text);
    this.records.delete(name.text);
    this.guardedLists.delete(name.text);
    this.unreadLists.delete(name.text);
    if (!value) return;
    const record = this.recordOf(value);
    if (record) {
      this.records.set(name.text, record);
      return;
    }
    const s = this.constant(value);
    if (s !== undefined) this.strings.set(name.text, s);
    else {
      const items = this.loopItems(value);
      if (items) this.arrays.set(name.text, items);
    }
  }

  /** A literal list of strings, tuples of strings or records of strings; undefined when any part is computed. */
  private loopItems(node: TS.Expression): LoopItem[] | undefined {
    const t = ts();
    const list = unwrap(node);
    if (!t.isArrayLiteralExpression(list) || list.elements.length > 500) return undefined;
    const items: LoopItem[] = [];
    for (const element of list.elements) {
      const e = unwrap(element);
      const s = this.constant(e);
      if (s !== undefined) items.push(s);
      else if (t.isArrayLiteralExpression(e)) {
        const tuple = e.elements.map((x) => this.constant(x));
        if (tuple.some((x) => x === undefined)) return undefined;
        items.push(tuple as string[]);
      } else {
        const record = this.recordOf(e);
        if (record) {
          items.push(record);
          continue;
        }
        const value = this.literalValue(e, 0);
        if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
        items.push(new LiteralRecord(value));
      }
    }
    return items;
  }

  /** What a literal writes (strings and names bound to strings, booleans, `undefined`, lists, objects); undefined for anything else. */
  private literalValue(node: TS.Expression, depth: number): LiteralValue | undefined {
    const t = ts();
    const e = unwrap(node);
    const s = this.constant(e);
    if (s !== undefined) return s;
    if (e.kind === t.SyntaxKind.TrueKeyword) return true;
    if (e.kind === t.SyntaxKind.FalseKeyword) return false;
    if (e.kind === t.SyntaxKind.NullKeyword || (t.isIdentifier(e) && e.text === 'undefined')) return null;
    if (depth >= MAX_LITERAL_DEPTH) return undefined;
    if (t.isArrayLiteralExpression(e)) {
      const list: LiteralValue[] = [];
      for (const el of e.elements) {
        const v = this.literalValue(el, depth + 1);
        if (v === undefined) return undefined;
        list.push(v);
      }
      return list;
    }
    if (t.isObjectLiteralExpression(e)) {
      const record: { [key: string]: LiteralValue } = {};
      for (const p of e.properties) {
        // A spread, a method, a computed key: what the object holds is not all written here.
        if (!t.isPropertyAssignment(p) || !(t.isIdentifier(p.name) || t.isStringLiteral(p.name))) return undefined;
        const v = this.literalValue(p.initializer, depth + 1);
        if (v === undefined) return undefined;
        record[p.name.text] = v;
      }
      return record;
    }
    return undefined;
  }

  /** A list of literal values as loop items: strings, lists of strings, records; undefined where one is none of these. */
  private static asLoopItems(list: LiteralValue[]): LoopItem[] | undefined {
    const items: LoopItem[] = [];
    for (const v of list) {
      if (typeof v === 'string') items.push(v);
      else if (Array.isArray(v)) {
        if (!v.every((x): x is string => typeof x === 'string')) return undefined;
        items.push(v);
      } else if (v && typeof v === 'object') items.push(new LiteralRecord(v));
      else return undefined;
    }
    return items;
  }

  /** An object literal whose every property is a string; undefined otherwise. */
  private recordOf(node: TS.Expression): Record<string, string> | undefined {
    const t = ts();
    const e = unwrap(node);
    if (!t.isObjectLiteralExpression(e)) return undefined;
    const record: Record<string, string> = {};
    for (const p of e.properties) {
      const key = p.name && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) ? p.name.text : undefined;
      const value = t.isPropertyAssignment(p) ? this.constant(p.initializer) : t.isShorthandPropertyAssignment(p) ? this.strings.get(p.name.text) : undefined;
      if (key === undefined || value === undefined) return undefined;
      record[key] = value;
    }
    return record;
  }

  /** The list a loop runs over: a literal, a name bound to one, or a property of the migration's class initialised with one. */
  private loopList(node: TS.Expression): LoopItem[] | undefined {
    const t = ts();
    const e = unwrap(node);
    if (t.isArrayLiteralExpression(e)) return this.loopItems(e);
    // `item.columns` of a record a loop bound to `item`.
    if (t.isPropertyAccessExpression(e) && t.isIdentifier(e.expression) && this.loopRecords.has(e.expression.text)) return this.arrays.get(`${e.expression.text}.${e.name.text}`);
    if (t.isIdentifier(e)) {
      const own = this.arrays.get(e.text);
      if (own) return own;
      // A helper's parameter, given a literal list by its caller (`createLookupTables(runner, ['a', 'b'])`).
      const passed = resolved(e);
      return passed && passed !== e && t.isArrayLiteralExpression(passed) ? this.loopItems(passed) : undefined;
    }
    // `Object.entries(FKS)` / `Object.keys(…)` / `Object.values(…)` of a record.
    if (t.isCallExpression(e) && t.isPropertyAccessExpression(e.expression) && t.isIdentifier(e.expression.expression) && e.expression.expression.text === 'Object' && e.arguments.length === 1) {
      const arg = unwrap(e.arguments[0]);
      const record = t.isIdentifier(arg) ? this.records.get(arg.text) : this.recordOf(arg);
      const method = e.expression.name.text;
      if (!record) return method === 'entries' || method === 'keys' ? OperationReader.objectEntries(arg, method) : undefined;
      if (method === 'entries') return Object.entries(record).map(([k, v]) => [k, v]);
      if (method === 'keys') return Object.keys(record);
      if (method === 'values') return Object.values(record);
      return undefined;
    }
    const initial = classPropertyValue(e);
    return initial ? this.loopItems(initial) : undefined;
  }

  /**
   * `Object.entries(COLUMNS)` / `Object.keys(COLUMNS)` of a `const` object literal of other values
   * (column specs): each entry as an ExpressionEntry, or each key. Undefined where a key is computed or
   * a property spread (the entries are not all known).
   */
  private static objectEntries(arg: TS.Expression, method: 'entries' | 'keys'): LoopItem[] | undefined {
    const t = ts();
    const object = resolved(arg);
    if (!object || !t.isObjectLiteralExpression(object)) return undefined;
    const entries: ExpressionEntry[] = [];
    for (const p of object.properties) {
      if (!t.isPropertyAssignment(p) || !(t.isIdentifier(p.name) || t.isStringLiteral(p.name))) return undefined;
      entries.push(new ExpressionEntry(p.name.text, p.initializer));
    }
    return method === 'keys' ? entries.map((e) => e.key) : entries;
  }

  /**
   * Binds a loop's variable (a name, `[a, b]`, `{ a, b: c }`) to an item; the names bound, or
   * undefined when it does not fit. `body`: where an entry's value is bound to its name (see ExpressionEntry).
   */
  private bindLoopItem(pattern: TS.BindingName, item: LoopItem, body?: TS.Node): string[] | undefined {
    const t = ts();
    if (item instanceof ExpressionEntry) {
      // `[column, spec]`: the key a string, the value the expression written (`[, spec]`, `[column]` too).
      if (!t.isArrayBindingPattern(pattern) || pattern.elements.length > 2) return undefined;
      const [key, value] = pattern.elements;
      if ((key && !t.isOmittedExpression(key) && (!t.isIdentifier(key.name) || key.dotDotDotToken))
        || (value && !t.isOmittedExpression(value) && (!t.isIdentifier(value.name) || value.dotDotDotToken))) return undefined;
      const bound: string[] = [];
      if (key && !t.isOmittedExpression(key)) {
        this.strings.set((key.name as TS.Identifier).text, item.key);
        bound.push((key.name as TS.Identifier).text);
      }
      if (value && !t.isOmittedExpression(value) && body) bindParameter((value.name as TS.Identifier).text, item.value, body);
      return bound;
    }
    if (t.isIdentifier(pattern)) {
      if (typeof item === 'string') {
        this.strings.set(pattern.text, item);
        return [pattern.text];
      }
      if (Array.isArray(item)) return undefined;
      if (item instanceof LiteralRecord) {
        const bound = [pattern.text];
        this.loopRecords.set(pattern.text, item);
        for (const [k, v] of Object.entries(item.values)) {
          const key = `${pattern.text}.${k}`;
          if (typeof v === 'string') this.strings.set(key, v);
          const list = Array.isArray(v) ? OperationReader.asLoopItems(v) : undefined;
          if (list) this.arrays.set(key, list);
          bound.push(key);
        }
        return bound;
      }
      const keys = Object.keys(item).map((k) => `${pattern.text}.${k}`);
      for (const k of Object.keys(item)) this.strings.set(`${pattern.text}.${k}`, item[k]);
      return keys;
    }
    const bound: string[] = [];
    if (t.isArrayBindingPattern(pattern) && Array.isArray(item)) {
      pattern.elements.forEach((el, i) => {
        if (t.isBindingElement(el) && t.isIdentifier(el.name) && !el.dotDotDotToken && item[i] !== undefined) {
          this.strings.set(el.name.text, item[i]);
          bound.push(el.name.text);
        }
      });
      return bound;
    }
    if (t.isObjectBindingPattern(pattern) && typeof item === 'object' && !Array.isArray(item)) {
      const strings = item instanceof LiteralRecord ? undefined : item;
      for (const el of pattern.elements) {
        const key = el.propertyName && (t.isIdentifier(el.propertyName) || t.isStringLiteral(el.propertyName)) ? el.propertyName.text : t.isIdentifier(el.name) ? el.name.text : undefined;
        if (!t.isIdentifier(el.name) || key === undefined || el.dotDotDotToken) return undefined;
        // Of a record of other values, its strings (a name bound to another value is left unbound: Unknown).
        const value = strings ? (Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : undefined)
          : (item as LiteralRecord).values[key];
        if (typeof value === 'string') {
          this.strings.set(el.name.text, value);
          bound.push(el.name.text);
        }
        // `columns: ["a", "b"]`: a list of strings, for `columns.map(…).join(", ")`.
        const list = Array.isArray(value) ? OperationReader.asLoopItems(value) : undefined;
        if (list && !this.arrays.has(el.name.text)) {
          this.arrays.set(el.name.text, list);
          this.loopArrays.add(el.name.text);
          bound.push(el.name.text);
        }
      }
      return bound;
    }
    return undefined;
  }

  /**
   * `users.findColumnByName("ref")` (of a table `queryRunner.getTable("users")` read back) or a
   * `new TableColumn({ name: "ref", … })`: that column; `oldRef.clone()` of one: a copy of it.
   * Undefined for anything else.
   */
  private columnOfTable(node: TS.Expression): { name: string; copy: boolean } | undefined {
    const t = ts();
    const call = unwrap(node);
    // `const column = new TableColumn({ name: "type", … })`, added, then copied to change it.
    if (t.isNewExpression(call) && t.isIdentifier(call.expression) && call.expression.text === 'TableColumn') {
      const name = this.localString(literalProps(call.arguments?.[0])?.get('name'));
      return name !== undefined ? { name, copy: false } : undefined;
    }
    if (!t.isCallExpression(call) || !t.isPropertyAccessExpression(call.expression)) return undefined;
    const method = call.expression.name.text;
    const object = unwrap(call.expression.expression);
    if (method === 'findColumnByName' && call.arguments.length === 1) {
      const name = this.constant(call.arguments[0]);
      return name !== undefined ? { name, copy: false } : undefined;
    }
    if (method === 'clone' && !call.arguments.length && t.isIdentifier(object)) {
      const name = this.columnRefs.get(object.text);
      return name !== undefined ? { name, copy: true } : undefined;
    }
    return undefined;
  }

  /**
   * `changeColumn(table, oldRef, newRef)` with `newRef` a copy of `oldRef` whose options were set:
   * the ALTER it makes (undefined when something it sets is not a literal the replay can use).
   */
  private changedCopy(table: TableRef, oldArg: TS.Expression | undefined, newArg: TS.Expression | undefined, at: TS.Node): OperationBody[] | undefined {
    const t = ts();
    const from = oldArg && unwrap(oldArg);
    const to = newArg && unwrap(newArg);
    if (!from || !to || !t.isIdentifier(from) || !t.isIdentifier(to)) return undefined;
    const column = this.columnRefs.get(from.text);
    const copy = this.columnCopies.get(to.text);
    if (column === undefined || !copy || copy.column !== column) return undefined;
    const alter: OperationBody & { kind: 'alter-column' } = { kind: 'alter-column', table, column, columnLocation: this.loc(at) };
    const out: OperationBody[] = [alter];
    for (const [option, value] of copy.set) {
      switch (option) {
        case 'isNullable': {
          const b = booleanValue(value);
          if (b === undefined) return undefined;
          alter.nullable = b;
          break;
        }
        case 'isUnique':
          if (booleanValue(value) === true) out.push({ kind: 'add-unique', table, index: { columns: [column], unique: true, location: this.loc(at) } });
          else if (booleanValue(value) !== false) return undefined;
          break;
        case 'name': {
          const n = this.localString(value);
          if (n === undefined) return undefined;
          alter.newName = n;
          break;
        }
        case 'comment':
          break;
        default:
          // The type, its length, a default: read only as literals in the column options (Unknown here).
          return undefined;
      }
    }
    return out;
  }

  /** A string literal, or a name this file binds to one at this point; undefined otherwise. */
  private localString(node: TS.Expression | undefined): string | undefined {
    if (!node) return undefined;
    const e = unwrap(node);
    if (!ts().isIdentifier(e)) return stringValue(e);
    // A name the reader bound (a loop's item), or a helper's parameter given a literal at this call.
    return this.strings.get(e.text) ?? stringValue(resolved(e));
  }

  /** The value of a literal, a bound name, or a template of those; undefined when computed. */
  constant(node: TS.Expression): string | undefined {
    const t = ts();
    const e = unwrap(node);
    const s = stringValue(e);
    if (s !== undefined) return s;
    if (t.isNumericLiteral(e)) return e.text;
    if (t.isIdentifier(e)) {
      const bound = this.strings.get(e.text) ?? this.importedName(e);
      if (bound !== undefined) return bound;
      // A `const` of the caller's file, in an argument a helper of another module reads
      // (`field: subscriptionsColumn` handed to `shared.createTable(…)`).
      const declared = throughConstant(e);
      return declared !== e ? this.constant(declared) : undefined;
    }
    // `indexName || \`IDX_${table}_${column}\``, `schema ?? 'public'`: the right side where the left is a
    // parameter the call leaves out (or an empty string, for `||`), the left where it is a string.
    if (t.isBinaryExpression(e) && (e.operatorToken.kind === t.SyntaxKind.BarBarToken || e.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken)) {
      const left = unwrap(e.left);
      if (t.isIdentifier(left) && this.absent.has(left.text)) return this.constant(e.right);
      const value = this.constant(e.left);
      if (value === undefined) return undefined;
      return value === '' && e.operatorToken.kind === t.SyntaxKind.BarBarToken ? this.constant(e.right) : value;
    }
    // `'UPDATE "t" SET … ' + 'WHERE …'`: strings joined, as JavaScript joins them.
    if (t.isBinaryExpression(e) && e.operatorToken.kind === t.SyntaxKind.PlusToken) {
      const left = this.constant(e.left);
      const right = left === undefined ? undefined : this.constant(e.right);
      return left !== undefined && right !== undefined ? left + right : undefined;
    }
    // `queryInterface.quoteIdentifier('Containers')` (or `quoteTable`): the name as PostgreSQL quotes it.
    if (t.isCallExpression(e) && t.isPropertyAccessExpression(e.expression) && ['quoteIdentifier', 'quoteTable'].includes(e.expression.name.text)
      && this.isRunnerOrInterface(e.expression.expression) && e.arguments.length === 1) {
      const name = this.constant(e.arguments[0]);
      return name === undefined ? undefined : `"${name.replace(/"/g, '""')}"`;
    }
    // `item.table` of a record a loop bound to `item`.
    if (t.isPropertyAccessExpression(e) && t.isIdentifier(e.expression)) return this.strings.get(`${e.expression.text}.${e.name.text}`) ?? this.importedName(e) ?? literalText(resolved(e));
    // (`PRIMARY_KEYS[0]!.from`: a member of an element of a constant list of records.)
    if (t.isPropertyAccessExpression(e) || t.isElementAccessExpression(e)) return this.importedName(e) ?? literalText(resolved(e));
    // `reverse ? pair.to : pair.from`, the test a literal (a helper's parameter handed `false`), or
    // one on the database type (`sqlite ? "datetime" : "timestamptz"`, PostgreSQL's): the arm taken.
    if (t.isConditionalExpression(e)) {
      const holds = literalTruth(e.condition) ?? onPostgres(e.condition, dialectPredicate);
      return holds === undefined ? undefined : this.constant(holds ? e.whenTrue : e.whenFalse);
    }
    // `columns.map((c) => `"${c}"`).join(", ")`: strings the reader knows, each mapped, joined as JavaScript joins them.
    if (t.isCallExpression(e) && t.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join' && e.arguments.length <= 1) {
      const separator = e.arguments[0] ? this.constant(e.arguments[0]) : ',';
      const parts = separator === undefined ? undefined : this.stringList(e.expression.expression);
      return parts?.join(separator);
    }
    if (t.isTemplateExpression(e)) {
      let out = e.head.text;
      for (const span of e.templateSpans) {
        const v = this.constant(span.expression);
        if (v === undefined) return undefined;
        out += v + span.literal.text;
      }
      return out;
    }
    return undefined;
  }

  /**
   * A list of strings the reader knows: a list a loop or the migration binds, or `list.map((c) => …)`
   * of one whose callback returns a string for each (its parameter bound to the item). Undefined otherwise.
   */
  private stringList(node: TS.Expression): string[] | undefined {
    const t = ts();
    const e = unwrap(node);
    if (t.isCallExpression(e) && t.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'map' && e.arguments.length === 1) {
      const items = this.stringList(e.expression.expression);
      const callback = unwrap(e.arguments[0]);
      if (!items || !(t.isArrowFunction(callback) || t.isFunctionExpression(callback)) || callback.parameters.length !== 1 || !t.isIdentifier(callback.parameters[0].name)) return undefined;
      const body = callback.body;
      const returned = t.isBlock(body) ? (body.statements.length === 1 && t.isReturnStatement(body.statements[0]) ? body.statements[0].expression : undefined) : body;
      if (!returned) return undefined;
      const param = callback.parameters[0].name.text;
      const before = this.strings.get(param);
      const out: string[] = [];
      for (const item of items) {
        this.strings.set(param, item);
        const value = this.constant(returned);
        if (value === undefined) break;
        out.push(value);
      }
      if (before === undefined) this.strings.delete(param);
      else this.strings.set(param, before);
      return out.length === items.length ? out : undefined;
    }
    const items = this.loopList(e);
    return items?.every((i): i is string => typeof i === 'string') ? items : undefined;
  }

  /** Unrolls a `for … of` over a literal array (or a name bound to one); false: its body was walked here. */
  /**
   * `if (table === "hooks") … else …` where `table` is a string the reader knows (a loop over a list
   * of names, unrolled): the branch JavaScript takes (null: none). The condition must compare a known
   * string with string literals (`===`, `!==`, `==`, `!=`, `[…].includes(x)`, `!`, `&&`, `||`);
   * otherwise undefined, and the branches stay conditional.
   */
  knownStringIf(node: TS.IfStatement): TS.Statement | null | undefined {
    if (!this.strings.size && !this.loopRecords.size && !this.absent.size && !boundParameters()) return undefined;
    const t = ts();
    const known = (e: TS.Expression): string | undefined => {
      const x = unwrap(e);
      if (t.isStringLiteral(x) || t.isNoSubstitutionTemplateLiteral(x)) return x.text;
      return t.isIdentifier(x) ? this.strings.get(x.text) : undefined;
    };
    const holds = (e: TS.Expression): boolean | undefined => decideCondition(e, (leaf) => {
      const x = unwrap(leaf);
      const equal = equality(x);
      if (equal !== undefined && t.isBinaryExpression(x)) {
        const a = known(x.left);
        const b = known(x.right);
        // Only a comparison that involves a name the loop binds (two literals are not this reader's to judge).
        if (a === undefined || b === undefined || !(t.isIdentifier(unwrap(x.left)) || t.isIdentifier(unwrap(x.right)))) return undefined;
        return (a === b) === equal;
      }
      // `["a", "b"].includes(table)`
      if (t.isCallExpression(x) && t.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'includes' && x.arguments.length === 1) {
        const list = unwrap(x.expression.expression);
        const value = t.isIdentifier(unwrap(x.arguments[0])) ? known(x.arguments[0]) : undefined;
        if (!t.isArrayLiteralExpression(list) || value === undefined) return undefined;
        const items = list.elements.map((el) => (t.isStringLiteral(el) || t.isNoSubstitutionTemplateLiteral(el) ? el.text : undefined));
        return items.some((i) => i === undefined) ? undefined : items.includes(value);
      }
      // `if (foreignKeys)` in a helper: a parameter its caller left out is `undefined`; one given a
      // list or an object written in the call is true.
      if (t.isIdentifier(x) && this.absent.has(x.text)) return false;
      if (t.isIdentifier(x)) {
        const given = resolved(x);
        if (given && given !== x && (t.isArrayLiteralExpression(given) || t.isObjectLiteralExpression(given))) return true;
      }
      return this.truthyOfLoopRecord(x);
    });
    const result = holds(node.expression);
    if (result === undefined) return undefined;
    return result ? node.thenStatement : node.elseStatement ?? null;
  }

  /**
   * `item.hasNulls`, `item.columns?.length` of a record a loop bound to `item`: whether JavaScript
   * finds it true (a key the literal does not write is `undefined`). Undefined for anything else.
   */
  private truthyOfLoopRecord(e: TS.Expression): boolean | undefined {
    const t = ts();
    if (!t.isPropertyAccessExpression(e)) return undefined;
    const valueOf = (access: TS.PropertyAccessExpression): { value: LiteralValue | undefined } | undefined => {
      const record = t.isIdentifier(access.expression) ? this.loopRecords.get(access.expression.text) : undefined;
      if (!record) return undefined;
      return { value: Object.prototype.hasOwnProperty.call(record.values, access.name.text) ? record.values[access.name.text] : undefined };
    };
    const truthy = (v: LiteralValue | undefined) => (typeof v === 'string' ? v !== '' : typeof v === 'boolean' ? v : v !== null && v !== undefined);
    if (e.name.text === 'length' && t.isPropertyAccessExpression(e.expression)) {
      const of = valueOf(e.expression);
      if (!of) return undefined;
      const v = of.value;
      // `undefined.length` throws: only `?.length` of a missing value is read (as false).
      if (v === undefined || v === null) return e.questionDotToken ? false : undefined;
      return Array.isArray(v) || typeof v === 'string' ? v.length > 0 : undefined;
    }
    const of = valueOf(e);
    return of && truthy(of.value);
  }

  unrollForOf(node: TS.ForOfStatement, guarded: boolean, walkBody: (body: TS.Node, guarded: boolean) => void): boolean | undefined {
    const t = ts();
    const decl = t.isVariableDeclarationList(node.initializer) ? node.initializer.declarations[0] : undefined;
    return decl ? this.unroll(node.expression, decl.name, node.statement, guarded, walkBody) : undefined;
  }

  /**
   * `["a", "b"].forEach((name) => …)`, `.map(…)` (under `Promise.all`): the callback's body once per
   * element, its first parameter bound to it, as a `for … of` loop.
   */
  unrollCallback(node: TS.CallExpression, guarded: boolean, walkBody: (body: TS.Node, guarded: boolean) => void): boolean | undefined {
    const t = ts();
    const callee = node.expression;
    // Bluebird's `Promise.map(list, (col) => …)`, `Promise.each`, `Promise.mapSeries`: the list first.
    if (t.isPropertyAccessExpression(callee) && t.isIdentifier(callee.expression) && /^(Promise|Bluebird|BPromise)$/.test(callee.expression.text)
      && /^(map|mapSeries|each)$/.test(callee.name.text) && node.arguments.length >= 2) {
      const fn = unwrap(node.arguments[1]);
      if ((t.isArrowFunction(fn) || t.isFunctionExpression(fn)) && fn.parameters[0]) return this.unroll(node.arguments[0], fn.parameters[0].name, fn.body, guarded, walkBody);
    }
    const callback = node.arguments[0] && unwrap(node.arguments[0]);
    if (!t.isPropertyAccessExpression(callee) || !/^(forEach|map|flatMap)$/.test(callee.name.text) || !callback
      || !(t.isArrowFunction(callback) || t.isFunctionExpression(callback)) || !callback.parameters[0]) return undefined;
    return this.unroll(callee.expression, callback.parameters[0].name, callback.body, guarded, walkBody);
  }

  private unbindLoopNames(names: string[]): void {
    for (const n of names) {
      this.strings.delete(n);
      this.loopRecords.delete(n);
      if (n.includes('.') || this.loopArrays.delete(n)) this.arrays.delete(n);
    }
  }

  private unroll(list: TS.Expression, name: TS.BindingName, body: TS.Node, guarded: boolean, walkBody: (body: TS.Node, guarded: boolean) => void): boolean | undefined {
    const items = this.loopList(list);
    if (!items) return undefined;
    // Every item must fit the loop's variable (else the body would be read with names unbound).
    const probe = items.map((item) => {
      const bound = this.bindLoopItem(name, item);
      this.unbindLoopNames(bound ?? []);
      return bound;
    });
    if (probe.some((bound) => bound === undefined)) return undefined;
    for (const item of items) {
      const mark = boundParameters();
      const bound = this.bindLoopItem(name, item, body)!;
      walkBody(body, guarded);
      this.unbindLoopNames(bound);
      unbindParameters(mark);
    }
    return false;
  }

  private push(body: OperationBody, at: TS.Node, guarded: boolean): void {
    // (TypeORM's query runner names an unqualified table in the data source's schema; SQL is pushed elsewhere.)
    const byQueryRunner = this.facts.tool === 'typeorm' && body.kind !== 'unknown' ? { byQueryRunner: true } : {};
    this.facts.operations.push({ ...body, location: this.loc(at), guarded, ...byQueryRunner } as MigrationOperation);
  }

  /** Lists of SQL grown under a condition (`if (…) queries.push(…)`): what they run is guarded. */
  private readonly guardedLists = new Set<string>();
  /** Lists of SQL given an element computed by code: the SQL their elements mention, lower-cased. */
  private readonly unreadLists = new Map<string, string[]>();

  /**
   * `queries.push(\`ALTER TABLE …\`)` onto a local list (`const queries: string[] = []`), later run as
   * `query(queries.join(''))` or one by one: the list grows by the SQL pushed, in order. An element
   * computed by code leaves the list Unknown (with what its SQL mentions). False for any other call.
   */
  private pushOnto(node: TS.CallExpression, guarded: boolean): boolean {
    const t = ts();
    const callee = unwrap(node.expression);
    if (!t.isPropertyAccessExpression(callee) || callee.name.text !== 'push' || !t.isIdentifier(callee.expression)) return false;
    const name = callee.expression.text;
    const list = this.arrays.get(name);
    if (!list && !this.unreadLists.has(name)) return false;
    // Each element's SQL, a part computed by code (`${Status.Closed}`) kept as an Unknown part.
    const values = node.arguments.map((a) => this.constant(a) ?? this.src.sqlSource(unwrap(a), (e) => this.constant(e), (n) => `${UNKNOWN_PART}${n}`)?.sql);
    if (guarded) this.guardedLists.add(name);
    if (list && values.every((v) => v !== undefined)) {
      list.push(...(values as string[]));
      return true;
    }
    const mentions = new Set([...(this.unreadLists.get(name) ?? []), ...(list ?? []).flatMap((item) => (typeof item === 'string' ? sqlMentions(item) : []))]);
    for (const a of node.arguments) for (const m of sqlMentions(templateText(a))) mentions.add(m);
    this.arrays.delete(name);
    this.unreadLists.set(name, [...mentions]);
    return true;
  }

  /** `queries.join('')`: the SQL of a list of strings, joined; undefined for anything else. */
  private joinedList(node: TS.Expression): { sql: string; guarded: boolean } | { mentions: string[]; guarded: boolean } | undefined {
    const t = ts();
    const call = unwrap(node);
    if (!t.isCallExpression(call)) return undefined;
    const callee = unwrap(call.expression);
    if (!t.isPropertyAccessExpression(callee) || callee.name.text !== 'join' || !t.isIdentifier(callee.expression)) return undefined;
    const name = callee.expression.text;
    const guarded = this.guardedLists.has(name);
    const unread = this.unreadLists.get(name);
    if (unread) return { mentions: unread, guarded };
    const list = this.arrays.get(name);
    const separator = call.arguments.length ? this.constant(call.arguments[0]) : ',';
    if (!list || separator === undefined || list.some((item) => typeof item !== 'string')) return undefined;
    const sql = (list as string[]).join(separator);
    return { sql, guarded };
  }

  /** The runner `up` is given, a name bound to its query interface, or `runner.getQueryInterface()`. */
  private isRunnerOrInterface(e: TS.Expression): boolean {
    const t = ts();
    const n = unwrap(e);
    return (t.isIdentifier(n) && (n.text === this.receiver || this.interfaces.has(n.text))) || this.isInterfaceOfRunner(n);
  }

  /**
   * What `up` is given, under another name or either of two ways the code allows for
   * (`const queryInterface = (context?.queryInterface ?? context) as any`: umzug's context, or a
   * holder of it): each side the receiver, a name bound to it, or its `queryInterface`/`queryRunner`.
   */
  private isGivenRunner(e: TS.Expression): boolean {
    const t = ts();
    const n = unwrap(e);
    if (t.isBinaryExpression(n) && (n.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === t.SyntaxKind.BarBarToken)) {
      return this.isGivenRunner(n.left) && this.isGivenRunner(n.right);
    }
    if (t.isIdentifier(n)) return n.text === this.receiver || this.interfaces.has(n.text);
    return t.isPropertyAccessExpression(n) && RUNNER_MEMBERS.has(n.name.text) && t.isIdentifier(unwrap(n.expression)) && (unwrap(n.expression) as TS.Identifier).text === this.receiver;
  }

  /** The member that runs SQL a value names on what `up` is given (`context?.sequelize ?? qi?.sequelize`: `sequelize`), if it names one. */
  private givenRunnerMember(e: TS.Expression): string | undefined {
    const t = ts();
    const n = unwrap(e);
    if (t.isBinaryExpression(n) && (n.operatorToken.kind === t.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === t.SyntaxKind.BarBarToken)) {
      // (`context?.sequelize ?? context`: the instance, handed itself or inside what `up` is given — its `query` runs SQL either way.)
      const left = this.givenRunnerMember(n.left);
      const right = this.givenRunnerMember(n.right);
      if (left !== undefined && (left === right || this.isGivenRunner(n.right))) return left;
      if (right !== undefined && this.isGivenRunner(n.left)) return right;
      return undefined;
    }
    return t.isPropertyAccessExpression(n) && SQL_RUNNERS.has(n.name.text) && this.isGivenRunner(n.expression) ? n.name.text : undefined;
  }

  /** `sequelize.getQueryInterface()` on what `up` is given (umzug's `{ context: sequelize }`). */
  private isInterfaceOfRunner(e: TS.Expression): boolean {
    const t = ts();
    const call = unwrap(e);
    return t.isCallExpression(call) && !call.arguments.length && t.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'getQueryInterface'
      && t.isIdentifier(call.expression.expression) && call.expression.expression.text === this.receiver;
  }

  /** Handles one call; returns false when its arguments need no further walking. */
  call(node: TS.CallExpression, guarded: boolean): boolean | undefined {
    const t = ts();
    if (this.pushOnto(node, guarded)) return false;
    // `sequelize.getQueryInterface().createTable(…)`, or through a name bound to that interface: the runner's own.
    const callee = node.expression;
    const viaInterface = t.isPropertyAccessExpression(callee) && this.isInterfaceOfRunner(callee.expression) ? [this.receiver, callee.name.text] : undefined;
    // (`(queryInterface as any).sequelize.query(…)`: a cast changes nothing the call does.)
    const dotted = viaInterface ?? dottedParts(callee) ?? dottedThroughCasts(callee);
    const written = dotted && this.interfaces.has(dotted[0]) ? [this.receiver, ...dotted.slice(1)]
      : dotted && this.runnerMembers.has(dotted[0]) ? [this.receiver, this.runnerMembers.get(dotted[0])!, ...dotted.slice(1)] : dotted;
    if (!written) return undefined;
    // `utils.queryInterface.addColumn(…)`: the interface is a member of what `up` is given (PeerTube's
    // `up(utils)`), used as if given itself.
    const parts = written.length === 3 && written[0] === this.receiver && RUNNER_MEMBERS.has(written[1]) ? [written[0], written[2]] : written;
    const method = parts[parts.length - 1];
    const args = node.arguments;
    // `sequelizeDb.query(sql)` on a connection handed to `up` beside the query interface (umzug's
    // params): the SQL runs like the interface's own.
    if (parts.length === 2 && method === 'query' && this.otherParameters.has(parts[0]) && args.length) {
      this.sql(args[0], node, guarded);
      return false;
    }
    if (parts[0] !== this.receiver) return undefined;
    // queryRunner.query(sql) / queryInterface.sequelize.query(sql); TypeORM's entity manager and
    // data source run SQL too (`queryRunner.manager.query(sql)`, `queryRunner.connection.query(sql)`).
    if (method === 'query' && (parts.length === 2 || (parts.length === 3 && SQL_RUNNERS.has(parts[1])))) {
      this.sql(args[0], node, guarded);
      return false;
    }
    // Sequelize's rows written (`bulkInsert('roles', [...])`): no structure changes, but the table must exist.
    if (parts.length === 2 && ROWS_WRITTEN.has(method) && args.length) {
      const table = this.tableRef(args[0]);
      if (table) this.push({ kind: 'use-table', table }, node, guarded);
      return false;
    }
    if (parts.length !== 2 || DATA_CALLS.has(method) || SCHEMA_QUESTIONS.has(method) || TRANSACTION_CALLS.has(method) || TEXT_HELPERS.has(method) || method === 'getQueryInterface') return undefined;
    switch (method) {
      case 'createSchema': {
        const name = this.str(args[0]);
        if (name) {
          this.push({ kind: 'create-schema', schema: name }, node, guarded || booleanValue(args[1]) === true);
          this.facts.schemasCreated.push({ name, location: this.content(args[0]) });
        }
        return false;
      }
      case 'createTable': return this.createTable(node, guarded);
      case 'dropTable': {
        const table = this.tableRef(args[0]);
        // Sequelize's `dropTable(name, { cascade: true })` is DROP TABLE … CASCADE.
        const cascade = booleanValue(literalProps(args[1])?.get('cascade')) === true;
        // (Sequelize's is DROP TABLE IF EXISTS whatever its options; TypeORM's `dropTable(t, true)` asks for it.)
        const ifExists = this.facts.tool === 'sequelize' || booleanValue(args[1]) === true;
        if (table) this.push({ kind: 'drop-table', table, ...(cascade ? { cascade } : {}) }, node, guarded || ifExists);
        return false;
      }
      // Sequelize's `describeTable` reads the table's columns (and fails when there is no such table).
      case 'describeTable': {
        const table = this.tableRef(args[0]);
        if (table) this.push({ kind: 'use-table', table }, node, guarded);
        else this.unknown(node, guarded);
        return false;
      }
      case 'renameTable': {
        const table = this.tableRef(args[0]);
        const to = this.str(args[1]);
        if (table && to) this.push({ kind: 'rename-table', table, newName: to.split('.').pop()! }, node, guarded);
        return false;
      }
      case 'addColumn': {
        const table = this.tableRef(args[0]);
        const sequelize = this.sequelizeStyle(args);
        let column = sequelize ? this.sequelizeColumn(this.str(args[1]), args[2], args[1], table) : this.typeormColumn(args[1]);
        // Sequelize's addColumn on PostgreSQL leaves `PRIMARY KEY` out of the column it adds (the
        // query generator's dataTypeMapping): no key, and NOT NULL only where `allowNull: false`
        // or `autoIncrement` (a SERIAL) says so.
        if (sequelize && column?.primaryKey) {
          const o = literalProps(args[2]);
          const notNull = booleanValue(o?.get('allowNull')) === false || booleanValue(o?.get('autoIncrement')) === true;
          column = { ...column, primaryKey: false, nullable: !notNull };
        }
        if (table && column) this.push({ kind: 'add-column', table, column: sequelize ? withSequelizeEnumName(column, table.name) : this.asWritten(withTypeormNames(column, table.name), args[1]) }, node, guarded);
        // TypeORM's `addColumn(table, column)` adds one column, whatever it is: the table's others stay known.
        else if (table && !sequelize && args[1]) this.push({ kind: 'add-unknown-columns', table, description: `${node.expression.getText()}(…, ${args[1].getText()})` }, node, guarded);
        else this.unknown(node, guarded);
        return false;
      }
      case 'addColumns': {
        const table = this.tableRef(args[0]);
        const list = listElements(args[1]);
        // A column this reader cannot evaluate was added all the same: the table has more columns than are known.
        let unread = !list?.complete;
        for (const e of list?.elements ?? []) {
          const column = this.typeormColumn(e);
          if (table && column) this.push({ kind: 'add-column', table, column: this.asWritten(withTypeormNames(column, table.name), e) }, e, guarded);
          else unread = true;
        }
        if (!table) this.unknown(node, guarded);
        else if (unread) this.push({ kind: 'add-unknown-columns', table, description: `${node.expression.getText()}(…, ${args[1]?.getText() ?? ''})` }, node, guarded);
        return false;
      }
      case 'removeColumn': case 'dropColumn': {
        const table = this.tableRef(args[0]);
        const column = this.str(args[1]) ?? stringValue(literalProps(args[1])?.get('name'));
        if (table && column) this.push({ kind: 'drop-column', table, column, columnLocation: this.loc(args[1]) }, node, guarded);
        // A column named by code: some column of the table went (which one is Unknown).
        else if (args[1]) this.unknown(node, guarded);
        return false;
      }
      case 'renameColumn': {
        const table = this.tableRef(args[0]);
        // TypeORM: the old column by name or as a `TableColumn`; a new `TableColumn` (not a name) is
        // what the column becomes, as changeColumn makes it (its renameColumn calls changeColumn).
        if (table && this.columnArgName(args[1]) && args[2] && !this.str(args[2]) && literalProps(args[2])) return this.changeColumn(node, table, args[1], args[2], guarded);
        const from = this.columnArgName(args[1]);
        const to = this.str(args[2]);
        if (table && from && to) this.push({ kind: 'alter-column', table, column: from, columnLocation: this.loc(args[1]), newName: to }, node, guarded);
        else this.unknown(node, guarded);
        return false;
      }
      case 'changeColumns': {
        // TypeORM: `[{ oldColumn, newColumn }, …]`, each as changeColumn takes it.
        const table = this.tableRef(args[0]);
        const list = listElements(args[1]);
        if (!table || !list?.complete) this.unknown(node, guarded);
        for (const e of table ? list?.elements ?? [] : []) {
          const pair = literalProps(e);
          const oldColumn = pair?.get('oldColumn');
          const newColumn = pair?.get('newColumn');
          if (oldColumn && newColumn) this.changeColumn(node, table!, oldColumn, newColumn, guarded);
          else this.unknown(node, guarded);
        }
        return false;
      }
      case 'updatePrimaryKeys': {
        // TypeORM: the primary key dropped and made anew over the columns given.
        const table = this.tableRef(args[0]);
        const list = listElements(args[1]);
        const columns = list?.complete ? list.elements.map((e) => this.columnArgName(e)) : undefined;
        if (table && columns?.length && columns.every((c): c is string => !!c)) this.push({ kind: 'add-primary-key', table, columns }, node, guarded);
        else this.unknown(node, guarded);
        return false;
      }
      case 'changeColumn': {
        const table = this.tableRef(args[0]);
        const name = this.str(args[1]);
        const column = this.sequelizeStyle(args) && !isNew(args[2]) ? this.sequelizeColumn(name, args[2], args[1], table) : this.typeormColumn(args[2]);
        // `changeColumn("users", oldRef, newRef)`: a copy of the column read back, with options set on it.
        const copied = table && !name ? this.changedCopy(table, args[1], args[2], node) : undefined;
        if (copied) {
          for (const op of copied) this.push(op, node, guarded);
          return false;
        }
        // TypeORM: the old column written as a `TableColumn`, or named (the one TypeORM reads back).
        if (table && !name && args[2] && isNew(args[1]) && this.columnArgName(args[1])) return this.changeColumn(node, table, args[1], args[2], guarded);
        if (table && name && args[2] && isNew(args[2]) && literalProps(args[2])) return this.changeColumn(node, table, args[1], args[2], guarded);
        // Options this reader cannot evaluate (see sequelizeColumn): what the column becomes is Unknown.
        if (table && name && column && isUnknown(column.serverDefault) && column.nullable === undefined && !literalProps(args[2])) this.unknown(node, guarded);
        else if (table && name && column) {
          // Sequelize names the ENUM type it makes for the column `enum_<table>_<column>`, as addColumn does.
          const sequelize = this.sequelizeStyle(args) && !isNew(args[2]);
          // TypeORM names the enum type it makes anew `<table>_<column>_enum`, as its createTable does.
          const type = sequelize ? withSequelizeEnumName({ ...column, name }, table.name).type : withTypeormNames(column, table.name).type;
          // With `references`, Sequelize's changeColumn (PostgreSQL's changeColumnQuery) only adds the
          // foreign key, sets NOT NULL when asked and a default when given: no type, no DROP NOT NULL,
          // no DROP DEFAULT.
          const referencing = sequelize && !!literalProps(args[2])?.get('references');
          const serverDefault = this.changedDefault(args, column);
          this.push({
            kind: 'alter-column', table, column: name, columnLocation: this.loc(args[1]),
            type: referencing ? undefined : type, nullable: referencing && column.nullable !== false ? undefined : column.nullable,
            newName: column.name !== name ? column.name : undefined, serverDefault: referencing && serverDefault === null ? undefined : serverDefault,
          }, node, guarded);
          // Sequelize's changeColumn with `references` adds the foreign key constraint too.
          for (const fk of column.foreignKeys) this.push({ kind: 'add-foreign-key', table, foreignKey: { ...fk, columns: [column.name] } }, node, guarded);
          // `unique: true` adds a unique constraint; `unique: false` drops none (Sequelize's changeColumn only adds).
          const unique = booleanValue(literalProps(args[2])?.get('unique'));
          if (unique === true) this.push({ kind: 'add-unique', table, index: { columns: [column.name], unique: true, location: this.loc(args[1]) } }, node, guarded);
        }
        // A column changed by code the reader cannot evaluate: what the table's columns are after it is Unknown.
        else this.unknown(node, guarded);
        return false;
      }
      case 'addIndex': case 'createIndex': {
        const table = this.tableRef(args[0]);
        const index = this.index(args[1], args[2]);
        // Sequelize names an index it is given no name for after its table and fields.
        if (index && table && !index.name && stringArray(args[1])) index.name = sequelizeIndexName(table.name, index.columns);
        if (table && index) this.push({ kind: 'create-index', table, index }, node, guarded);
        else this.unknown(node, guarded);
        return false;
      }
      case 'createForeignKey': case 'createForeignKeys': {
        const table = this.tableRef(args[0]);
        const list = method === 'createForeignKeys' ? listElements(args[1])?.elements ?? [] : [args[1]];
        for (const e of list) {
          const fk = this.typeormForeignKey(e);
          if (table && fk) this.push({ kind: 'add-foreign-key', table, foreignKey: fk }, e ?? node, guarded);
          else this.unknown(node, guarded);
        }
        return false;
      }
      case 'createUniqueConstraint': {
        const table = this.tableRef(args[0]);
        const o = literalProps(args[1]);
        const columns = this.columnList(o?.get('columnNames'));
        if (table && columns) this.push({ kind: 'add-unique', table, index: { name: stringValue(o?.get('name')), columns, unique: true, location: this.loc(args[1]) } }, node, guarded);
        return false;
      }
      case 'createPrimaryKey': {
        const table = this.tableRef(args[0]);
        const columns = stringArray(args[1]);
        if (table && columns) this.push({ kind: 'add-primary-key', table, columns }, node, guarded);
        return false;
      }
      case 'addConstraint': return this.addConstraint(node, guarded);
      case 'removeIndex': case 'dropIndex': {
        const name = this.str(args[1]) ?? stringValue(literalProps(args[1])?.get('name'));
        const columns = stringArray(args[1]);
        const table = this.tableRef(args[0]);
        if (name) this.push({ kind: 'drop-index', name }, node, guarded);
        // Sequelize: removeIndex(table, ["a", "b"]) drops the index it named `table_a_b` when adding it.
        else if (columns && table) this.push({ kind: 'drop-index', name: sequelizeIndexName(table.name, columns), byColumns: { table, columns } }, node, guarded);
        else this.unknown(node, guarded);
        return false;
      }
      case 'removeConstraint': case 'dropForeignKey': case 'dropUniqueConstraint': case 'dropPrimaryKey': {
        const table = this.tableRef(args[0]);
        // By name, or by the `TableForeignKey` / `TableUnique` it was made with (its name).
        const name = this.str(args[1]) ?? stringValue(literalProps(args[1])?.get('name'));
        if (table && name) this.push({ kind: 'drop-constraint', table, name }, node, guarded);
        else if (table && args[1] && method !== 'dropPrimaryKey') this.unknown(node, guarded);
        return false;
      }
      // TypeORM's plural forms: each element as its singular form takes it.
      case 'createIndices': case 'dropIndices': case 'dropColumns': case 'dropForeignKeys': case 'createUniqueConstraints': case 'dropUniqueConstraints': {
        const table = this.tableRef(args[0]);
        const list = listElements(args[1]);
        if (!table || !list?.complete) this.unknown(node, guarded);
        for (const e of table ? list?.elements ?? [] : []) {
          const name = this.str(e) ?? stringValue(literalProps(e)?.get('name'));
          if (method === 'createIndices') {
            const index = this.index(e);
            if (index) this.push({ kind: 'create-index', table: table!, index }, e, guarded);
            else this.unknown(node, guarded);
          } else if (method === 'createUniqueConstraints') {
            const columns = this.columnList(literalProps(e)?.get('columnNames'));
            if (columns) this.push({ kind: 'add-unique', table: table!, index: { name, columns, unique: true, location: this.loc(e) } }, e, guarded);
            else this.unknown(node, guarded);
          } else if (!name) this.unknown(node, guarded);
          else if (method === 'dropIndices') this.push({ kind: 'drop-index', name }, e, guarded);
          else if (method === 'dropColumns') this.push({ kind: 'drop-column', table: table!, column: name, columnLocation: this.loc(e) }, e, guarded);
          else this.push({ kind: 'drop-constraint', table: table!, name }, e, guarded);
        }
        return false;
      }
      // Check and exclusion constraints, comments, rows: nothing of the schema these rules read.
      case 'createCheckConstraint': case 'createCheckConstraints': case 'dropCheckConstraint': case 'dropCheckConstraints':
      case 'createExclusionConstraint': case 'createExclusionConstraints': case 'dropExclusionConstraint': case 'dropExclusionConstraints':
      case 'clearTable': case 'changeTableComment':
        return false;
      default:
        this.unknown(node, guarded);
        return false;
    }
  }

  /** Sequelize passes (table, column name, attribute); TypeORM (table, new TableColumn(…)). */
  private sequelizeStyle(args: readonly TS.Expression[]): boolean {
    return this.str(args[1]) !== undefined;
  }

  /** The strings a call is given, and those of the lists it is given (`f(runner, "t", ["a", "b"])`), lowercased. */
  argumentStrings(node: TS.CallExpression): string[] {
    const t = ts();
    const out: string[] = [];
    for (const arg of node.arguments) {
      const value = this.constant(arg);
      if (typeof value === 'string') out.push(value.split('.').pop()!.toLowerCase());
      // (`{ tableName: "eventRecurrence", … }`: the names an options object gives.)
      const options = t.isObjectLiteralExpression(unwrap(arg)) ? (unwrap(arg) as TS.ObjectLiteralExpression) : undefined;
      for (const p of options?.properties ?? []) {
        const v = t.isPropertyAssignment(p) ? this.constant(p.initializer) : undefined;
        if (typeof v === 'string') out.push(v.split('.').pop()!.toLowerCase());
      }
      const list = resolved(arg);
      if (list && t.isArrayLiteralExpression(list)) for (const e of list.elements) {
        const v = this.constant(e);
        if (typeof v === 'string') out.push(v.split('.').pop()!.toLowerCase());
      }
    }
    return out;
  }

  /** `helper(queryRunner)`: what it does with the runner is not read here, so the chain from here is Unknown. */
  handedToHelper(node: TS.CallExpression, guarded: boolean): void {
    // What it does may concern any table the call names (`addIndexOnce(queryInterface, "posts", …)`).
    this.push({ kind: 'unknown', description: `migration operation handed to a helper: ${node.expression.getText()}(…)`, mentions: this.argumentStrings(node) }, node, guarded);
  }

  private unknown(node: TS.CallExpression, guarded: boolean): void {
    // The names its arguments give, literally or through names bound to them (a helper's parameters).
    this.push({ kind: 'unknown', description: `${node.expression.getText()}(…)`, mentions: this.argumentStrings(node) }, node, guarded);
  }

  private sql(arg: TS.Expression | undefined, node: TS.Node, guarded: boolean): void {
    const t = ts();
    if (!arg) return;
    let a = unwrap(arg);
    // `const sql = \`…\`; await queryRunner.query(sql)`: the SQL is the bound text, mapped to the call.
    if (t.isIdentifier(a) && this.strings.has(a.text)) {
      const text = this.strings.get(a.text)!;
      // Its text is elsewhere in the file: every finding in it points at the name passed here.
      const at = this.loc(a).range.start;
      this.facts.operations.push(...readSqlOperations({ file: this.src.file, sql: text, positionAt: () => at }, guarded));
      return;
    }
    a = unwrap(a);
    // `query(queries.join(''))`: the statements pushed onto a local list, mapped to the call.
    const joined = this.joinedList(a);
    if (joined) {
      const g = guarded || joined.guarded;
      if ('mentions' in joined) this.push({ kind: 'unknown', description: 'SQL built by code', mentions: joined.mentions }, node, g);
      else {
        const at = this.loc(a).range.start;
        this.facts.operations.push(...withUnknownParts(readSqlOperations({ file: this.src.file, sql: joined.sql, positionAt: () => at }, g), joined.sql));
      }
      return;
    }
    // `const query = \`UPDATE "t" SET "v" = ${value}\`; …query(query)`: the template the name holds,
    // read where it is written (its parts evaluated there, those that are not Unknown).
    if (t.isIdentifier(a)) {
      const declared = throughConstant(a);
      if (declared !== a && (t.isTemplateExpression(declared) || t.isBinaryExpression(declared))) a = declared;
    }
    // `'UPDATE "t" SET … ' + 'WHERE …'`: literals joined, read as one text mapped to where it starts.
    if (t.isBinaryExpression(a)) {
      const joinedText = this.constant(a);
      if (joinedText !== undefined) {
        const at = this.loc(a).range.start;
        this.facts.operations.push(...readSqlOperations({ file: this.src.file, sql: joinedText, positionAt: () => at }, guarded));
        return;
      }
    }
    const source = this.src.sqlSource(a, (e) => this.constant(e), (n) => `${UNKNOWN_PART}${n}`);
    if (source) {
      this.facts.operations.push(...withUnknownParts(readSqlOperations(source, guarded), source.sql));
      return;
    }
    const returned = t.isCallExpression(a) ? this.returnedSql(a) : undefined;
    if (returned) {
      // Its text is in the helper, which other calls share: every finding in it points at this call.
      const at = this.loc(a).range.start;
      this.facts.operations.push(...withUnknownParts(readSqlOperations({ ...returned, positionAt: () => at }, guarded), returned.sql));
      return;
    }
    // A template with ${…}: its SQL is built by code; name what it mentions.
    const text = t.isTemplateExpression(a) ? [a.head.text, ...a.templateSpans.map((s) => s.literal.text)].join(' ') : '';
    this.push({ kind: 'unknown', description: 'SQL built by code', mentions: text ? sqlMentions(text) : [] }, node, guarded);
  }

  /**
   * `query(RENAME_SQL('Orders'))`, `query(buildQuery({ type: 'CREDIT' }))`: the SQL a function of
   * this file returns (its body one template or string), read with its parameters holding what this
   * call passes — plain or destructured from an object literal — or their defaults. A parameter the
   * call gives no readable value stays an Unknown part of the SQL, never a guess.
   */
  private returnedSql(call: TS.CallExpression): ReturnType<TsFile['sqlSource']> {
    const t = ts();
    const callee = unwrap(call.expression);
    const fn = t.isIdentifier(callee) ? functionNamed(callee) : undefined;
    const body = fn && returnedExpression(fn);
    const template = body && unwrap(body);
    if (!fn || !template || call.arguments.length > fn.parameters.length) return undefined;
    // (`` `CREATE TRIGGER ${name} ` + `ON ${table} …` ``: pieces joined, read once they all evaluate.)
    const joined = t.isBinaryExpression(template) && template.operatorToken.kind === t.SyntaxKind.PlusToken;
    if (!t.isTemplateExpression(template) && !t.isStringLiteral(template) && !t.isNoSubstitutionTemplateLiteral(template) && !joined) return undefined;
    // Values are those of the call's scope (the bindings now); defaults, the helper's.
    const values = new Map<string, string | undefined>();
    // Every name the parameters bind shadows the call's (`[table]`, `...rest`: Unknown inside).
    const bindAll = (name: TS.BindingName): void => {
      if (t.isIdentifier(name)) values.set(name.text, undefined);
      else for (const element of name.elements) if (!t.isOmittedExpression(element)) bindAll(element.name);
    };
    for (const p of fn.parameters) bindAll(p.name);
    fn.parameters.forEach((p, i) => {
      if (p.dotDotDotToken) return;
      const arg = call.arguments[i];
      if (t.isIdentifier(p.name)) {
        values.set(p.name.text, arg ? this.constant(arg) : p.initializer && this.constant(p.initializer));
        return;
      }
      if (!t.isObjectBindingPattern(p.name)) return;
      // `({ type, amount = '"amount"' })`: each property the object passes, or the default where it
      // passes none — known only when the whole object is read.
      const props = arg ? literalProps(arg) : p.initializer ? literalProps(p.initializer) : new Map<string, TS.Expression>();
      for (const element of p.name.elements) {
        if (!t.isIdentifier(element.name) || element.dotDotDotToken) continue;
        const key = element.propertyName && (t.isIdentifier(element.propertyName) || t.isStringLiteral(element.propertyName)) ? element.propertyName.text : element.name.text;
        const given = props?.get(key);
        values.set(element.name.text, given ? this.constant(given) : props && element.initializer ? this.constant(element.initializer) : undefined);
      }
    });
    // The parameters shadow the call's names while the template is read, then the names come back.
    const saved = [...values.keys()].map((name) => [name, this.strings.get(name)] as const);
    for (const [name, value] of values) {
      if (value === undefined) this.strings.delete(name);
      else this.strings.set(name, value);
    }
    try {
      if (joined) {
        const text = this.constant(template);
        const at = this.loc(template).range.start;
        return text === undefined ? undefined : { file: this.src.file, sql: text, positionAt: () => at };
      }
      return this.src.sqlSource(template, (e) => this.constant(e), (n) => `${UNKNOWN_PART}${n}`);
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) this.strings.delete(name);
        else this.strings.set(name, value);
      }
    }
  }

  /** A literal or a name bound to one at this point (`tableName = "users"; …(tableName, …)`). */
  private str(node: TS.Expression | undefined): string | undefined {
    return node ? this.constant(node) : undefined;
  }

  /**
   * TypeORM's `columnNames`: a literal list (its elements through bound names), one name, or a list
   * the reader has bound — a loop's record (`fk.columnNames` of `for (const fk of foreignKeys)`), a
   * `const`, a helper's parameter given a literal by its caller. Undefined for anything else.
   */
  private columnList(node: TS.Expression | undefined): string[] | undefined {
    if (!node) return undefined;
    const one = this.str(node);
    if (one !== undefined) return [one];
    const items = this.loopList(node);
    return items?.every((item): item is string => typeof item === 'string') ? items : undefined;
  }

  /** `'users'`, `'crm.users'`, `{ tableName: 'users', schema: 'crm' }`, a name bound to one; a `Table` variable (unknown). */
  private tableRef(node: TS.Expression | undefined): TableRef | undefined {
    if (!node) return undefined;
    const s = this.constant(node);
    if (s !== undefined) {
      const dot = s.lastIndexOf('.');
      const literal = stringValue(node) !== undefined;
      const location = literal ? this.content(node) : this.loc(node);
      const ref: TableRef = dot > 0 ? { schema: s.slice(0, dot), name: s.slice(dot + 1), location } : { name: s, location };
      // Only a literal can be rewritten by a fix; a bound name is not the place to edit.
      if (literal) ref.text = { value: s, location, includesSchema: dot > 0 };
      return ref;
    }
    // A `Table` the migration built first (`const table = new Table({ name: tableName, … })`): its
    // name, never an edit anchor (the reference is the variable).
    const made = throughConstant(unwrap(node));
    if (made !== unwrap(node) && ts().isNewExpression(made) && lastName(made.expression) === 'Table') {
      const ref = this.tableRef(literalProps(made.arguments?.[0])?.get('name'));
      if (ref) delete ref.text;
      return ref;
    }
    // (Written here, or bound to a helper's parameter: `addIndexIfMissing(qi, { tableName, schema }, …)`.)
    const o = objectProps(node) ?? objectProps(resolved(node));
    const name = this.str(o?.get('tableName'));
    if (o && name) {
      // A schema given by a name is that name's value (`{ tableName: 'entry', schema: ns }`); one that
      // does not evaluate leaves the table Unknown, never unqualified.
      const schemaNode = o.get('schema');
      const schema = schemaNode ? this.str(schemaNode) : undefined;
      if (schemaNode && schema === undefined) return undefined;
      // (Inside the quotes of a literal; a bound name as a whole.)
      const at = (n: TS.Expression) => (stringValue(n) !== undefined ? this.content(n) : this.loc(n));
      const ref: TableRef = { name, location: at(o.get('tableName')!) };
      if (schema) {
        ref.schema = schema;
        ref.schemaLocation = at(schemaNode!);
      }
      return ref;
    }
    return undefined;
  }

  private createTable(node: TS.CallExpression, guarded: boolean): false {
    const t = ts();
    const args = node.arguments;
    const typeorm = isNew(args[0]);
    if (typeorm) {
      const o = literalProps(args[0]);
      const table = this.tableRef(o?.get('name'));
      if (!o || !table) {
        this.unknown(node, guarded);
        return false;
      }
      const schema = stringValue(o.get('schema'));
      if (schema) table.schema = schema;
      const columns: ColumnSpec[] = [];
      const list = listElements(o.get('columns'));
      let incomplete = !list?.complete;
      for (const e of list?.elements ?? []) {
        const c = this.typeormColumn(e);
        if (c) columns.push(withTypeormNames(c, table.name));
        else incomplete = true;
      }
      const foreignKeys: ForeignKeySpec[] = [];
      for (const e of listElements(o.get('foreignKeys'))?.elements ?? []) {
        const fk = this.typeormForeignKey(e);
        if (fk) foreignKeys.push(fk);
      }
      const indexes: IndexSpec[] = [];
      for (const e of listElements(o.get('indices'))?.elements ?? []) {
        const i = this.index(e);
        if (i) indexes.push(i);
      }
      // `uniques: [{ name, columnNames }]`: UNIQUE constraints of the CREATE TABLE.
      for (const e of listElements(o.get('uniques'))?.elements ?? []) {
        const u = literalProps(e);
        const columnNames = this.columnList(u?.get('columnNames'));
        if (columnNames?.length) indexes.push({ name: stringValue(u?.get('name')) ?? typeormUniqueName(table.name, columnNames), columns: columnNames, unique: true, location: this.loc(e) });
        else incomplete = true;
      }
      // An `isUnique` column is its own UNIQUE constraint (the column spec says so): no second index.
      const body: OperationBody = { kind: 'create-table', table, columns, primaryKey: columns.filter((c) => c.primaryKey).map((c) => c.name), foreignKeys, indexes };
      if (incomplete) (body as { incomplete?: boolean }).incomplete = true;
      this.push(body, node, guarded || booleanValue(args[1]) === true);
      return false;
    }
    // Sequelize: createTable(name | { tableName, schema }, attributes, options?)
    const table = this.tableRef(args[0]);
    // `{ … } as ModelAttributes`, a constant, `{ ...commonAttributes, name: … }`: the object as
    // JavaScript builds it.
    const attrs = literalEntries(args[1], 0, (key) => this.constant(key));
    if (!table || !attrs) {
      this.unknown(node, guarded);
      return false;
    }
    // (The options a helper of the project hands on from its caller: `createTable(qi, name, attrs, options)`.)
    const tableOptions = objectProps(resolved(args[2]) ?? args[2]);
    // `{ schema: ns }` (Sequelize qualifies a name without one): a literal or a name bound to one; one
    // that does not evaluate leaves the table Unknown (never the default schema).
    const schemaNode = tableOptions?.get('schema');
    const schema = this.str(schemaNode);
    if (schemaNode && schema === undefined && !table.schema) {
      this.unknown(node, guarded);
      return false;
    }
    if (schema && !table.schema) table.schema = schema;
    const columns: ColumnSpec[] = [];
    let incomplete = !attrs.complete;
    for (const p of attrs.entries) {
      // createTable names a column by its attribute's `field` when it has one (the query generator's
      // `attribute.field || key`); addColumn by the name it is given.
      const options = literalEntries(p.value);
      const fieldNode = options?.entries.find((e) => e.key === 'field')?.value;
      // (A name bound to the column's name: `field: subscriptionsColumn`.)
      const field = this.str(fieldNode);
      // An attribute given by a name or a function of the project's that does not evaluate here:
      // its column is there, of a type and nullability nobody can tell.
      const value = resolved(p.value);
      // (A data type given as the attribute itself, `created_at: DATE` of `const { DATE } = Sequelize`, is its column's type.)
      const asType = !options && value ? readDataType(value, fileOf(value, this.src)) : undefined;
      const opaque = !options && !!value && (t.isIdentifier(value) || (t.isCallExpression(value) && t.isIdentifier(unwrap(value.expression)))) && !(asType && !isUnknown(asType));
      if ((fieldNode && field === undefined) || (options && !options.complete) || opaque) {
        incomplete = true;
        continue;
      }
      const c = this.sequelizeColumn(field ?? p.key, p.value, p.keyNode, table);
      if (c) columns.push(withSequelizeEnumName(c, table.name));
    }
    // `uniqueKeys: { query_tags_query_id_tag: { fields: ['query_id', 'tag'] } }`: a UNIQUE constraint
    // on those columns each (queryInterface.createTable makes every one `customIndex`, unless it says
    // `customIndex: false`; PostgreSQL names it, not Sequelize).
    const indexes: IndexSpec[] = [];
    const uniqueKeys = tableOptions?.get('uniqueKeys');
    if (uniqueKeys) {
      const keys = literalEntries(uniqueKeys);
      if (!keys?.complete) incomplete = true;
      for (const k of keys?.entries ?? []) {
        const key = objectProps(resolved(k.value) ?? k.value);
        const fields = stringArray(key?.get('fields'));
        if (!fields?.length) incomplete = true;
        else if (booleanValue(key?.get('customIndex')) !== false) indexes.push({ columns: fields, unique: true, location: this.loc(k.keyNode ?? k.value) });
      }
    }
    // A `unique: true` column is one UNIQUE constraint (the column spec says so): no second index.
    // (Sequelize writes `CREATE TABLE IF NOT EXISTS`: over a table of that name, it does nothing.)
    const body: OperationBody = { kind: 'create-table', table, columns, primaryKey: columns.filter((c) => c.primaryKey).map((c) => c.name), foreignKeys: [], indexes, ifNotExists: true };
    if (incomplete) (body as { incomplete?: boolean }).incomplete = true;
    this.push(body, node, guarded);
    return false;
  }

  /** `new TableColumn({ name, type, length, isNullable, isPrimary, isUnique, default })` or the plain object in `new Table({ columns })`. */
  private typeormColumn(node: TS.Expression | undefined): ColumnSpec | undefined {
    const o = literalProps(node);
    // (`{ name, type: "uuid" }` returned by a helper: the name its call gives, or its default.)
    // (A name a loop binds, `{ name, ...spec }` of `for (const [name, spec] of Object.entries(…))`, too.)
    const name = stringValue(o?.get('name')) ?? stringValue(resolved(o?.get('name'))) ?? this.str(o?.get('name'));
    if (!o || !name || !node) return undefined;
    const primary = flagOption(o.get('isPrimary'));
    const unique = flagOption(o.get('isUnique'));
    const spec: ColumnSpec = {
      name, primaryKey: primary === true, unique: unique === true, index: false,
      ...(primary === 'computed' ? { keyUnknown: true as const } : {}), ...(unique === 'computed' ? { uniqueUnknown: true as const } : {}),
      foreignKeys: [], location: this.loc(writtenAt(node)),
    };
    const written = this.tableColumnTypeWritten(o);
    // (Names of another module's constants in it: the type once the project evaluates them.)
    if (written && JSON.stringify(written).includes(IMPORTED_NAME)) spec.typeFrom = written;
    else if (written) spec.type = tableColumnType(written);
    // TableColumn's isNullable defaults to false; one given by code is Unknown (left unsaid).
    const nullable = flagOption(o.get('isNullable'));
    if (spec.primaryKey) spec.nullable = false;
    else if (nullable !== 'computed') spec.nullable = nullable === true;
    else spec.nullableUnknown = true;
    // A literal (`"now()"`, `0`, `false`), a name bound to one, or what a function returns for
    // PostgreSQL (`default: now` where `const now = sqlUtils.now(dbType)`); anything else is
    // computed by code: Unknown, so left unsaid.
    const def = o.get('default');
    const t = ts();
    const literal = def && (this.localString(def) ?? databaseTypeValue(def) ?? (t.isNumericLiteral(def) || def.kind === t.SyntaxKind.TrueKeyword || def.kind === t.SyntaxKind.FalseKeyword || def.kind === t.SyntaxKind.NullKeyword
      || (t.isPrefixUnaryExpression(def) && t.isNumericLiteral(def.operand)) ? def.getText() : undefined));
    if (literal !== undefined) spec.serverDefault = literal;
    // `default: nativeValues.trueValue`: another module's constant, once the project evaluates it.
    else if (def && nameRefOf(unwrap(def))) {
      const placeholder = this.importedName(unwrap(def));
      if (placeholder) spec.serverDefaultFrom = placeholder;
    }
    return spec;
  }

  /**
   * A `TableColumn`'s type and sizes as the strings they evaluate to: a literal, a name bound to one,
   * what a function returns for PostgreSQL (`type: datetime` where `const datetime =
   * sqlUtils.datetime(dbType)`), another module's constant (its placeholder). Undefined — the type
   * Unknown — when no type is written or when the type or a size is computed otherwise.
   */
  private tableColumnTypeWritten(o: Map<string, TS.Expression>): TableColumnTypeWritten | undefined {
    const typeNode = o.get('type');
    const type = typeNode && (this.localString(typeNode) ?? databaseTypeValue(typeNode) ?? this.constant(typeNode));
    if (type === undefined) return undefined;
    const written: TableColumnTypeWritten = { type };
    for (const size of ['length', 'precision', 'scale'] as const) {
      const node = o.get(size);
      if (!node) continue;
      const value = this.constant(node);
      if (value === undefined) return undefined;
      written[size] = value;
    }
    const enumName = stringValue(o.get('enumName'));
    if (enumName !== undefined) written.enumName = enumName;
    if (booleanValue(o.get('isArray')) === true) written.array = true;
    return written;
  }

  /**
   * The default a `changeColumn` leaves: the new definition's, so none when it gives none. Sequelize
   * writes SET DEFAULT or DROP DEFAULT (PostgreSQL's changeColumnQuery), TypeORM drops the old one
   * when the new column has none (PostgresQueryRunner.changeColumn). A default computed by code is
   * Unknown; Sequelize's NOW and UUIDV1/V4 are computed in JavaScript, so no default in the table.
   */
  /** A column argument's name: written, or the `name` of a `TableColumn` (an options object). */
  private columnArgName(e: TS.Expression | undefined): string | undefined {
    return this.str(e) ?? stringValue(literalProps(e)?.get('name'));
  }

  /**
   * TypeORM's changeColumn(table, old, new) with `new` a `TableColumn` (by changeColumn, changeColumns
   * or renameColumn). The old column by name is the one TypeORM knows of the table: the new column's
   * type, NOT NULL and default are set on it. The old column written as a `TableColumn` is compared
   * with the new one as written: another type, length or array-ness drops the column and adds the new
   * one (its indexes and constraints go with it); else only what differs between the two is altered.
   */
  private changeColumn(node: TS.CallExpression, table: TableRef, oldArg: TS.Expression, newArg: TS.Expression, guarded: boolean): false {
    const name = this.columnArgName(oldArg);
    const column = this.typeormColumn(newArg);
    if (!name || !column) {
      this.unknown(node, guarded);
      return false;
    }
    const newName = column.name !== name ? column.name : undefined;
    const newDefault = literalProps(newArg)?.get('default');
    const serverDefault = column.serverDefault !== undefined ? column.serverDefault : newDefault ? unknownValue('default computed by code', this.loc(newDefault)) : null;
    if (this.str(oldArg)) {
      // The old column is the one TypeORM reads back from the database: whether it recreates the
      // column is the replay's to decide, from the column as the chain left it.
      const after = this.writtenColumn(newArg);
      const named = this.asWritten(withTypeormNames(column, table.name), newArg);
      const typeormNewColumn = named.typeormWritten ? { ...named.typeormWritten, ...(after.isUnique !== undefined ? { isUnique: after.isUnique } : {}), column: named } : undefined;
      this.push({ kind: 'alter-column', table, column: name, columnLocation: this.loc(oldArg), type: named.type, nullable: column.nullable, newName, serverDefault, ...(typeormNewColumn ? { typeormNewColumn } : {}) }, node, guarded);
      return false;
    }
    const before = this.writtenColumn(oldArg);
    const after = this.writtenColumn(newArg);
    // (What this comparison reads: an `isUnique` computed by code leaves only the constraint Unknown.)
    const compared = (c: typeof before) => [c.type, c.length, c.isArray, c.isNullable, c.default];
    if (compared(before).some((v) => v === undefined) || compared(after).some((v) => v === undefined)) {
      this.unknown(node, guarded);
      return false;
    }
    if (before.type !== after.type || before.length !== after.length || before.isArray !== after.isArray) {
      this.push({ kind: 'drop-column', table, column: name, columnLocation: this.loc(oldArg) }, node, guarded);
      this.push({ kind: 'add-column', table, column: withTypeormNames(column, table.name) }, node, guarded);
      return false;
    }
    this.push({
      kind: 'alter-column', table, column: name, columnLocation: this.loc(oldArg), newName,
      nullable: before.isNullable !== after.isNullable ? column.nullable : undefined,
      serverDefault: before.default !== after.default ? serverDefault : undefined,
    }, node, guarded);
    return false;
  }

  /**
   * A column TypeORM's query runner adds (addColumn, addColumns, changeColumn), with its
   * `TableColumn` as written: what the runner holds of it for the rest of the run.
   */
  private asWritten(column: ColumnSpec, arg: TS.Expression | undefined): ColumnSpec {
    if (!arg) return column;
    const written = this.writtenColumn(arg);
    if (!written.type || written.length === undefined || written.isArray === undefined) return column;
    return { ...column, typeormWritten: { type: written.type, length: written.length, isArray: written.isArray } };
  }

  /** A `TableColumn`'s options as TypeORM's changeColumn compares them: as written (undefined where computed). */
  private writtenColumn(e: TS.Expression) {
    const o = literalProps(e);
    const get = (key: string) => o?.get(key);
    const type = get('type');
    const length = get('length');
    const isArray = get('isArray');
    const isNullable = get('isNullable');
    const isUnique = get('isUnique');
    const def = get('default');
    return {
      type: type ? stringValue(type) : '',
      // TableColumn keeps `length` as given: 200 and '200' differ to its comparison.
      length: length ? stringValue(length) ?? numberValue(length) : '',
      isArray: isArray ? booleanValue(isArray) : false,
      isNullable: isNullable ? booleanValue(isNullable) : false,
      isUnique: isUnique ? booleanValue(isUnique) : false,
      default: def ? def.getText(this.src.sf) : '',
    };
  }

  private changedDefault(args: readonly TS.Expression[], column: ColumnSpec): string | null | Unknown {
    if (column.serverDefault !== undefined) return column.serverDefault;
    const sequelize = this.sequelizeStyle(args) && !isNew(args[2]);
    const written = literalProps(args[2])?.get(sequelize ? 'defaultValue' : 'default');
    if (!written) return null;
    if (sequelize && /^(?:DataTypes?|Sequelize)\.(?:NOW|UUIDV1|UUIDV4)$/.test(written.getText(this.src.sf))) return null;
    const sql = sequelize ? sqlFunctionDefault(written, fileOf(written, this.src)) : undefined;
    if (sql) return sql;
    return unknownValue('default computed by code', this.loc(written));
  }

  /** A Sequelize attribute in a migration: `{ type, allowNull, primaryKey, unique, defaultValue, references }`. */
  /** `table`: the table the attribute is written for (Sequelize qualifies a bare `references.model` with its schema). */
  private sequelizeColumn(name: string | undefined, value: TS.Expression | undefined, at: TS.Node, table?: TableRef): ColumnSpec | undefined {
    if (!name || !value) return undefined;
    const o = literalProps(value);
    const spec: ColumnSpec = { name, primaryKey: false, unique: false, index: false, foreignKeys: [], location: this.loc(at) };
    const typeNode = o ? o.get('type') : resolved(value) ?? value;
    const type = readDataType(typeNode, typeNode ? fileOf(typeNode, this.src) : this.src);
    // A size computed by code: the migration says nothing the replay can use about the type.
    if (type && !isUnknown(type)) spec.type = type;
    if (o) {
      // (A flag given by code is Unknown: the key in doubt, the nullability left unsaid, the UNIQUE constraint in doubt.)
      const primary = flagOption(o.get('primaryKey'));
      const allowNull = flagOption(o.get('allowNull'));
      const unique = flagOption(o.get('unique'));
      spec.primaryKey = primary === true;
      if (primary === 'computed') spec.keyUnknown = true;
      if (spec.primaryKey) spec.nullable = false;
      else if (allowNull !== 'computed') spec.nullable = allowNull ?? true;
      else spec.nullableUnknown = true;
      spec.unique = unique === true;
      if (unique === 'computed' && stringValue(o.get('unique')) === undefined && !literalProps(o.get('unique'))) spec.uniqueUnknown = true;
      const def = o.get('defaultValue');
      const sql = sqlFunctionDefault(def, def ? fileOf(def, this.src) : this.src);
      const literal = literalDefault(def);
      // (A call of computed arguments stays unread, as any default code computes here.)
      if (sql) spec.serverDefault = sql;
      else if (sql === undefined && literal !== undefined) spec.serverDefault = literal;
      else if (def && sql === undefined && (spec.type?.name === 'json' || spec.type?.name === 'jsonb')) {
        // `defaultValue: { sent: 0 }` of a JSON column: its JSON, quoted, as Sequelize escapes it.
        const json = jsonValue(def, 0);
        if (json !== undefined && typeof json === 'object' && json !== null) spec.serverDefault = `'${JSON.stringify(json)}'`;
      }
      const references = o.get('references');
      const r = literalProps(references);
      if (r && references) {
        const model = r.get('model');
        const target = this.tableRef(model);
        const key = stringValue(r.get('key')) ?? 'id';
        // A table name without a schema, written for a table of a schema: that schema's table (the
        // query generator's attributeToSQL qualifies it so).
        const qualified = target && !target.schema && table?.schema && this.str(model) !== undefined ? { ...target, schema: table.schema } : target;
        if (qualified) spec.foreignKeys.push({ columns: [name], target: { ...qualified, columns: [key] }, location: this.loc(references) });
      }
    } else if (type !== undefined) spec.nullable = true;
    else {
      // Neither options nor a data type: code this reader does not evaluate hands the column over
      // (`models.Invoice.rawAttributes.paid`, the model's own attribute). The column is added, but
      // its nullability and default are Unknown, never Sequelize's defaults for a bare type.
      spec.serverDefault = unknownValue('column options computed by code', this.loc(value));
    }
    return spec;
  }

  private typeormForeignKey(node: TS.Expression | undefined): ForeignKeySpec | undefined {
    const o = literalProps(node);
    const columns = this.columnList(o?.get('columnNames'));
    const table = this.tableRef(o?.get('referencedTableName'));
    const targetColumns = this.columnList(o?.get('referencedColumnNames')) ?? [];
    if (!o || !columns || !table || !node) return undefined;
    const schema = stringValue(o.get('referencedSchema'));
    if (schema) table.schema = schema;
    return { name: stringValue(o.get('name')), columns, target: { ...table, columns: targetColumns }, location: this.loc(node) };
  }

  /** `new TableIndex({ name, columnNames, isUnique, where })`, Sequelize's `['a']` or `{ fields, unique, name, where }` (or fields + options). */
  private index(node: TS.Expression | undefined, options?: TS.Expression): IndexSpec | undefined {
    if (!node) return undefined;
    const fields = indexFields(node, (e) => this.str(e));
    if (fields) {
      // Sequelize: addIndex(table, [fields], { name, unique, type: "UNIQUE", where, using }).
      const o = objectProps(options);
      const unique = flagOption(o?.get('unique'));
      const spec: IndexSpec = {
        name: this.str(o?.get('name')), columns: fields,
        unique: unique === true || stringValue(o?.get('type'))?.toUpperCase() === 'UNIQUE', location: this.loc(node),
        ...(unique === 'computed' ? { uniqueUnknown: true as const } : {}),
      };
      if (fields.includes(EXPRESSION)) spec.expression = true;
      const lengths = indexFieldLengths(node);
      if (lengths) spec.prefixLengths = lengths;
      const opclasses = indexFieldOpclasses(node);
      if (opclasses) spec.opclasses = opclasses;
      const method = stringValue(o?.get('using'));
      if (method) spec.method = method.toLowerCase();
      if (o?.get('where')) spec.where = stringValue(o.get('where')) ?? o.get('where')!.getText();
      return spec;
    }
    const o = literalProps(node);
    const columns = this.columnList(o?.get('columnNames')) ?? indexFields(o?.get('fields'), (e) => this.str(e));
    if (!o || !columns) return undefined;
    const where = o.get('where');
    const isUnique = flagOption(o.get('isUnique'));
    const unique = flagOption(o.get('unique'));
    const spec: IndexSpec = {
      name: this.str(o.get('name')), columns, location: this.loc(node),
      unique: isUnique === true || unique === true || stringValue(o.get('type'))?.toUpperCase() === 'UNIQUE',
      ...(isUnique === 'computed' || unique === 'computed' ? { uniqueUnknown: true as const } : {}),
    };
    if (columns.includes(EXPRESSION)) spec.expression = true;
    const lengths = indexFieldLengths(o.get('fields'));
    if (lengths) spec.prefixLengths = lengths;
    const opclasses = indexFieldOpclasses(o.get('fields'));
    if (opclasses) spec.opclasses = opclasses;
    if (where) spec.where = stringValue(where) ?? where.getText();
    const method = stringValue(o.get('using'));
    if (method) spec.method = method.toLowerCase();
    return spec;
  }

  /** Sequelize `addConstraint(table, { fields, type, name, references: { table, field } })`. */
  private addConstraint(node: TS.CallExpression, guarded: boolean): false {
    const [tableArg, second, third] = node.arguments;
    const table = this.tableRef(tableArg);
    // Sequelize 4 and 5: addConstraint(table, ["a", "b"], options); 6: addConstraint(table, { fields, … }).
    // Either written there or in a constant of the module (`[pendingEmailCol]`, `uniqueEmailConstraint`).
    const secondValue = second && resolved(second);
    const legacy = !!secondValue && ts().isArrayLiteralExpression(secondValue);
    const optionsArg = legacy ? third : second;
    const o = objectProps(optionsArg && resolved(optionsArg));
    const fields = indexFields(legacy ? second : o?.get('fields'), (e) => this.str(e));
    const type = stringValue(o?.get('type'))?.toLowerCase();
    if (!table || !o || !fields || !type) {
      this.unknown(node, guarded);
      return false;
    }
    const name = stringValue(o.get('name'));
    if (type === 'foreign key') {
      const r = objectProps(o.get('references'));
      const target = this.tableRef(r?.get('table'));
      const field = stringValue(r?.get('field'));
      if (target) this.push({ kind: 'add-foreign-key', table, foreignKey: { name, columns: fields, target: { ...target, columns: field ? [field] : [] }, location: this.loc(optionsArg!) } }, node, guarded);
    } else if (type === 'unique') {
      this.push({ kind: 'add-unique', table, index: { name, columns: fields, unique: true, location: this.loc(optionsArg!) } }, node, guarded);
    } else if (type === 'primary key') {
      this.push({ kind: 'add-primary-key', table, columns: fields }, node, guarded);
    }
    return false;
  }
}

function isNew(node: TS.Expression | undefined): boolean {
  return !!node && ts().isNewExpression(throughConstant(unwrap(node)));
}

/** The literal text of a string or template (its \`\${…}\` parts left out), for what it mentions. */
function templateText(node: TS.Expression): string {
  const t = ts();
  const e = unwrap(node);
  if (t.isStringLiteral(e) || t.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (t.isTemplateExpression(e)) return [e.head.text, ...e.templateSpans.map((span) => span.literal.text)].join(' ');
  return '';
}

/**
 * Whether a catch handler (a block, or a function handed to `.catch`) ends in a `throw` on every
 * path: a `throw` reached through blocks, returns, calls and callbacks only (`return undo().then(()
 * => { throw e; })`), never under a condition, a loop or another `try`.
 */
function alwaysThrows(handler: TS.Node): boolean {
  const t = ts();
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    // `throw e`, and `return Promise.reject(e)` / `(e) => Promise.reject(e)`: the promise the
    // handler gives back fails as a throw would.
    if (t.isThrowStatement(node) || (t.isReturnStatement(node) && node.expression && isPromiseReject(node.expression))
      || (t.isArrowFunction(node) && !t.isBlock(node.body) && isPromiseReject(node.body))) {
      found = true;
      return;
    }
    if (t.isIfStatement(node) || t.isConditionalExpression(node) || t.isSwitchStatement(node) || t.isTryStatement(node) || t.isIterationStatement(node, false)
      || (t.isBinaryExpression(node) && [t.SyntaxKind.AmpersandAmpersandToken, t.SyntaxKind.BarBarToken, t.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind))) return;
    t.forEachChild(node, visit);
  };
  visit(handler);
  return found;
}

/** `Promise.reject(…)`, awaited or not. */
function isPromiseReject(expression: TS.Expression): boolean {
  const t = ts();
  const call = unwrap(expression);
  return t.isCallExpression(call) && t.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'reject'
    && t.isIdentifier(call.expression.expression) && call.expression.expression.text === 'Promise';
}

/**
 * Sequelize's index fields: names, or `{ name: "publishedAt", order: "DESC" }` (a btree over the
 * column all the same), `{ name, length: 255 }` (the column; the length is MySQL's prefix, which
 * PostgreSQL's query generator leaves out: see indexFieldLengths), `{ name, collate: "C" }`, `{ name,
 * operator: "text_pattern_ops" }` (the column, in an index that serves other lookups: see
 * indexFieldOpclasses). Undefined for anything not literal.
 */
/** An element of an index that is an expression: its place among the columns. */
const EXPRESSION = '(expression)';

function indexFields(node: TS.Expression | undefined, str: (e: TS.Expression) => string | undefined = stringValue): string[] | undefined {
  const t = ts();
  // (A helper's parameter given a literal list by its caller: that list.)
  const list = node && resolved(node);
  if (!list || !t.isArrayLiteralExpression(list)) return undefined;
  const out: string[] = [];
  for (const element of list.elements) {
    const e = unwrap(element as TS.Expression);
    // (A name bound to a string, here or in a module constant: `fields: [indexToCreateFieldName]`.)
    const s = str(e);
    if (s !== undefined) {
      out.push(s);
      continue;
    }
    // `Sequelize.literal("((data->>'dob'))")`, `fn('lower', col('email'))`: an expression, not a column.
    if (t.isCallExpression(e) && ['literal', 'fn'].includes(lastName(e.expression))) {
      out.push(EXPRESSION);
      continue;
    }
    const o = literalProps(e);
    const name = stringValue(o?.get('name'));
    if (!o || name === undefined || [...o.keys()].some((k) => !['name', 'order', 'length', 'collate', 'operator'].includes(k))) return undefined;
    if (o.has('length') && numberValue(o.get('length')) === undefined) return undefined;
    // (A collation or operator class given by code: what the index serves is Unknown.)
    if (indexFieldOpclass(o) === undefined) return undefined;
    out.push(name);
  }
  return out;
}

/** The prefix lengths Sequelize's index fields give (`{ name: 'url', length: 255 }`), as written: `url(255)`; undefined when none. */
/** Sequelize's index fields with a collation or an operator class: those, as its query generator writes them, by column. */
function indexFieldOpclasses(node: TS.Expression | undefined): Record<string, string> | undefined {
  const t = ts();
  const list = node && resolved(node);
  if (!list || !t.isArrayLiteralExpression(list)) return undefined;
  const out: Record<string, string> = {};
  for (const element of list.elements) {
    const o = literalProps(unwrap(element as TS.Expression));
    const name = stringValue(o?.get('name'));
    const opclass = indexFieldOpclass(o);
    if (name !== undefined && opclass) out[name] = opclass;
  }
  return Object.keys(out).length ? out : undefined;
}

function indexFieldLengths(node: TS.Expression | undefined): string | undefined {
  const t = ts();
  const list = node && resolved(node);
  if (!list || !t.isArrayLiteralExpression(list)) return undefined;
  const written = list.elements.flatMap((element) => {
    const o = literalProps(unwrap(element as TS.Expression));
    const name = stringValue(o?.get('name'));
    const length = numberValue(o?.get('length'));
    return name !== undefined && length !== undefined ? [`${name}(${length})`] : [];
  });
  return written.length ? written.join(', ') : undefined;
}

/** The property key under which an object literal argument holds `name` (`{ queryInterface }`, `{ context: qi }`). */
function keyHolding(arg: TS.Expression | undefined, name: string): string | undefined {
  const t = ts();
  const o = arg && unwrap(arg);
  if (!o || !t.isObjectLiteralExpression(o)) return undefined;
  for (const p of o.properties) {
    if (t.isShorthandPropertyAssignment(p) && p.name.text === name) return name;
    if (t.isPropertyAssignment(p) && t.isIdentifier(unwrap(p.initializer)) && (unwrap(p.initializer) as TS.Identifier).text === name && (t.isIdentifier(p.name) || t.isStringLiteral(p.name))) return p.name.text;
  }
  return undefined;
}

/** The local a parameter's destructuring binds the property `key` to (`{ queryInterface: qi }` → `qi`). */
function destructuredName(binding: TS.BindingName | undefined, key: string | undefined): string | undefined {
  const t = ts();
  if (!binding || !key || !t.isObjectBindingPattern(binding)) return undefined;
  for (const el of binding.elements) {
    const property = el.propertyName && (t.isIdentifier(el.propertyName) || t.isStringLiteral(el.propertyName)) ? el.propertyName.text : t.isIdentifier(el.name) ? el.name.text : undefined;
    if (property === key && t.isIdentifier(el.name) && !el.dotDotDotToken) return el.name.text;
  }
  return undefined;
}

/**
 * A boolean option of a column (`isNullable`, `allowNull`, `unique`): what is written or bound (a
 * `const`, a helper's parameter given a literal); 'computed' where code gives it; undefined where it
 * is absent, `null` or `undefined` (the tool's default).
 */
function flagOption(node: TS.Expression | undefined): boolean | 'computed' | undefined {
  const written = flagValue(node);
  if (written !== 'computed') return written;
  const bound = resolved(node);
  return (bound ? booleanValue(bound) : undefined) ?? 'computed';
}
