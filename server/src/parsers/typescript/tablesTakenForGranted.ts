/**
 * Which tables a migration's guard takes for granted. `if (!columnExists) addColumn("order", …)` is
 * guarded, and a guard may be asking whether the table exists (`hasTable`) — then the change was
 * written for a database that may lack it. But a guard that reads the table's columns where a missing
 * table throws asks only about the column: the code was written for a database that has the table.
 *
 * - TypeORM: `const table = await queryRunner.getTable("order")` (undefined when there is none), then
 *   `table.columns.some(…)` — a TypeError without the table. A name tested itself (`if (table)`,
 *   `table?.columns`) may be asking whether it exists: not taken for granted.
 * - Sequelize: `await queryInterface.describeTable("users")` rejects ("No description found") without it.
 * - `if (!(await queryRunner.hasColumn("order", "note"))) addColumn("order", …)`: without the table
 *   hasColumn is false, and the change runs on a table that is not there — only in the `if`'s arm.
 *
 * What a name computed from those holds (`const columnExists = table.columns.some(…)`) reads them too.
 */
import type * as TS from 'typescript';
import { ts, unwrap } from './syntax';

/** Evaluates a table name argument (a literal, a bound constant); undefined when computed. */
type Constant = (node: TS.Expression) => string | undefined;

export class TablesTakenForGranted {
  /** Names holding what was read of tables' columns, with those tables. */
  private readonly columnsRead = new Map<string, string[]>();
  /** Names bound to `hasColumn(table, …)`, with its table: false also when the table is missing. */
  private readonly columnAsked = new Map<string, string>();

  constructor(
    private readonly body: TS.Node, private readonly isRunner: (node: TS.Expression) => boolean, private readonly constant: Constant,
  ) {}

  /** Reads a declaration that runs unconditionally: `const table = await queryRunner.getTable("t")`… */
  bind(node: TS.VariableDeclaration): void {
    const t = ts();
    if (!t.isIdentifier(node.name) || !node.initializer) return;
    const name = node.name.text;
    const init = unwrap(node.initializer);
    const lookedUp = this.runnerCall(init, 'getTable');
    if (lookedUp !== undefined) {
      if (this.onlyDereferenced(name)) this.columnsRead.set(name, [lookedUp]);
      return;
    }
    const asked = this.runnerCall(init, 'hasColumn');
    if (asked !== undefined) {
      this.columnAsked.set(name, asked);
      return;
    }
    const read = this.tablesRead(init);
    if (read.length) this.columnsRead.set(name, read);
  }

  /**
   * The tables an `if`'s condition takes for granted, for each arm: evaluating it reads their
   * columns (both arms), or it is `!hasColumn(t, …)` (its first arm).
   */
  ofCondition(condition: TS.Expression): { both: string[]; then: string[] } {
    const t = ts();
    const both = this.tablesRead(condition);
    const then: string[] = [];
    const c = unwrap(condition);
    if (t.isPrefixUnaryExpression(c) && c.operator === t.SyntaxKind.ExclamationToken) {
      const operand = unwrap(c.operand);
      const asked = this.runnerCall(operand, 'hasColumn') ?? (t.isIdentifier(operand) ? this.columnAsked.get(operand.text) : undefined);
      if (asked !== undefined) then.push(asked);
    }
    return { both, then };
  }

  /** The tables an expression reads the columns of where a missing table throws. */
  private tablesRead(root: TS.Expression): string[] {
    const t = ts();
    const found = new Set<string>();
    const visit = (n: TS.Node): void => {
      const member = t.isPropertyAccessExpression(n.parent) && n.parent.name === n;
      if (t.isIdentifier(n) && !member) for (const table of this.columnsRead.get(n.text) ?? []) found.add(table);
      if (t.isCallExpression(n)) {
        const described = this.runnerCall(n, 'describeTable');
        if (described !== undefined) found.add(described);
      }
      if (t.isPropertyAccessExpression(n) && !n.questionDotToken) {
        const lookedUp = this.runnerCall(unwrap(n.expression), 'getTable');
        if (lookedUp !== undefined) found.add(lookedUp);
      }
      // (A function inside — `columns.some((c) => c.name === "x")` — runs as the condition does.)
      t.forEachChild(n, visit);
    };
    visit(root);
    return [...found];
  }

  /** The table a call of the runner's `method` names: `queryRunner.getTable("t")`, `queryInterface.describeTable(T)`. */
  private runnerCall(node: TS.Node, method: string): string | undefined {
    const t = ts();
    if (!t.isCallExpression(node) || !t.isPropertyAccessExpression(node.expression) || node.expression.name.text !== method) return undefined;
    if (!this.isRunner(node.expression.expression) || !node.arguments.length) return undefined;
    const table = this.constant(node.arguments[0]);
    // (`getTable("public.order")`: the table's name.)
    return table?.split('.').pop()?.toLowerCase();
  }

  /** Whether every use of `name` in the body is `name.member` (never tested, passed on, or `name?.member`). */
  private onlyDereferenced(name: string): boolean {
    const t = ts();
    let only = true;
    const visit = (n: TS.Node): void => {
      if (!only) return;
      if (t.isIdentifier(n) && n.text === name) {
        const parent = n.parent;
        const declared = t.isVariableDeclaration(parent) && parent.name === n;
        const dereferenced = t.isPropertyAccessExpression(parent) && parent.expression === n && !parent.questionDotToken;
        if (!declared && !dereferenced) only = false;
        return;
      }
      t.forEachChild(n, visit);
    };
    visit(this.body);
    return only;
  }
}
