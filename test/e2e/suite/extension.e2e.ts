/**
 * Schema Sense in a real VS Code (the workbench of code-server's VS Code 1.100, driven in Chromium),
 * on a copy of the example project: squiggles at the expected ranges with rule ids, a quick fix
 * that removes its diagnostic, hover text, and "Audit database" against the embedded PostgreSQL
 * with its report. Screenshots are taken by the runner when a test asks for one.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const artifacts = process.env.SCHEMASENSE_E2E_ARTIFACTS;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, ms = 60000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Asks the runner (outside VS Code) for a screenshot of the page, and waits until it exists. */
async function screenshot(name: string): Promise<void> {
  if (!artifacts) return;
  await sleep(1500); // let the editor paint
  console.log(`SCHEMASENSE_SCREENSHOT ${name}`);
  await waitFor(`screenshot ${name}`, () => fs.existsSync(path.join(artifacts, `${name}.png`)), 20000);
}

describe('Schema Sense in VS Code', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension('schemasense.schemasense');
    assert.ok(ext, 'the extension is installed');
    const installedIn = process.env.SCHEMASENSE_E2E_EXTENSIONS;
    if (installedIn) assert.ok(ext.extensionUri.fsPath.startsWith(installedIn), `the installed VSIX runs (${ext.extensionUri.fsPath}), not the development folder`);
    await ext.activate();
  });

  it('shows squiggles at the expected ranges with rule ids and documentation links', async () => {
    const file = path.join(workspace(), 'app', 'models', 'identity.py');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('diagnostics of identity.py', () => {
      const list = vscode.languages.getDiagnostics(doc.uri);
      return list.some((d) => ruleOf(d) === 'fk-schema-mismatch') ? list : undefined;
    });
    const byRule = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)}`).sort();
    assert.deepStrictEqual(byRule, ['33:10 type-inconsistent', '34:54 fk-schema-mismatch', '46:91 index-duplicate', '53:5 table-no-primary-key']);
    const mismatch = diagnostics.find((d) => ruleOf(d) === 'fk-schema-mismatch')!;
    assert.strictEqual(mismatch.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(mismatch.range), 'users.id');
    assert.strictEqual(mismatch.source, 'schemasense');
    // The rule's link opens its page rendered (a command the extension registers), not the Markdown source.
    const target = (mismatch.code as { target: vscode.Uri }).target;
    assert.strictEqual(target.scheme, 'command');
    assert.strictEqual(target.path, 'schemasense.showRuleDoc');
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(target.query)), ['fk-schema-mismatch']);
    await vscode.commands.executeCommand('schemasense.showRuleDoc', 'fk-schema-mismatch');
    await waitFor('the rule page', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label.includes('fk-schema-mismatch')));
    await vscode.window.showTextDocument(doc);
    const redundant = diagnostics.find((d) => ruleOf(d) === 'index-duplicate')!;
    assert.ok(redundant.tags?.includes(vscode.DiagnosticTag.Unnecessary), 'the redundant index is faded');
    // Files not open are checked too.
    const jobs = vscode.Uri.file(path.join(workspace(), 'app', 'models', 'jobs.py'));
    await waitFor('diagnostics of jobs.py (not open)', () => vscode.languages.getDiagnostics(jobs).some((d) => ruleOf(d) === 'model-not-migrated'));
    const editor = vscode.window.activeTextEditor!;
    editor.revealRange(mismatch.range, vscode.TextEditorRevealType.InCenter);
    editor.selection = new vscode.Selection(mismatch.range.start, mismatch.range.start);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('squiggles');
  });

  it('hovering a foreign-key string shows the referenced table', async () => {
    const file = path.join(workspace(), 'app', 'models', 'identity.py');
    const doc = await vscode.workspace.openTextDocument(file);
    const line = doc.lineAt(45).text; // ForeignKey("identity.users.id") of ApiKey.user_id
    const column = line.indexOf('identity.users.id') + 3;
    assert.ok(column > 3, line);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(45, column));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /identity\.users/);
    assert.match(text, /email/);
  });

  it('the preferred quick fix rewrites the reference and its diagnostic disappears', async () => {
    const file = path.join(workspace(), 'app', 'models', 'identity.py');
    const doc = await vscode.workspace.openTextDocument(file);
    const mismatch = vscode.languages.getDiagnostics(doc.uri).find((d) => ruleOf(d) === 'fk-schema-mismatch')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, mismatch.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, `a preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(fix.title, /identity\.users\.id/);
    assert.ok(actions.some((a) => /Ignore fk-schema-mismatch on this line/.test(a.title)), 'the ignore-comment action is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(33).text, /ForeignKey\("identity\.users\.id"/);
    await waitFor('the fixed diagnostic to disappear', () => !vscode.languages.getDiagnostics(doc.uri).some((d) => ruleOf(d) === 'fk-schema-mismatch'));
    // The fix is an ordinary edit: undo brings the finding back.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('the finding back after undo', () => vscode.languages.getDiagnostics(doc.uri).some((d) => ruleOf(d) === 'fk-schema-mismatch'));
  });

  it('"Audit database" replays the migrations into the embedded PostgreSQL and opens its report', async () => {
    let failed: Error | undefined;
    let returned = 0;
    const command = Promise.resolve(vscode.commands.executeCommand('schemasense.auditDatabase')).then(() => {
      returned = Date.now();
    }, (e: Error) => {
      failed = e;
    });
    let report: vscode.TextDocument;
    try {
      report = await waitFor('the audit report', () => {
        if (failed) throw new Error(`"Audit database" failed: ${failed.message}`);
        if (returned && Date.now() - returned > 5000) throw new Error('"Audit database" returned without a report (it showed an error: see the screenshot)');
        return vscode.workspace.textDocuments.find((d) => d.getText().startsWith('# Schema Sense audit'));
      }, 90000);
    } catch (e) {
      await screenshot('audit-failure');
      throw e;
    }
    await command;
    const text = report.getText();
    assert.match(text, /an embedded PostgreSQL into which the migrations were replayed/);
    assert.match(text, /The chain stops at \[alembic\/versions\/e636a2d56d82_add_businesses_table\.py:29\]/);
    assert.match(text, /schema "newsletter" does not exist/);
    assert.match(text, /## Summary by rule/);
    const migration = vscode.Uri.file(path.join(workspace(), 'alembic', 'versions', 'e636a2d56d82_add_businesses_table.py'));
    await waitFor('the replay finding in the Problems panel', () => vscode.languages.getDiagnostics(migration).some((d) => ruleOf(d) === 'migration-replay-failed'));
    await screenshot('audit-report');
  });
});
