/**
 * TypeORM and Sequelize files in the language server: findings in entities and in migrations'
 * SQL template literals, the quick fix in TypeORM's own syntax (`@Index()` and its import), and
 * "ignore on this line" that writes `--` inside SQL and `//` in code.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/fixes/edits';
import { TestLspClient } from '../helpers/lspClient';
import { FIXTURES } from '../helpers/paths';

const uriOf = (file: string) => pathToFileURL(file).toString();

describe('language server: TypeORM and Sequelize', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestLspClient;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-orm-'));
    fs.cpSync(path.join(FIXTURES, 'rules', 'fk-missing-index', 'bad-typeorm-app'), dir, { recursive: true, filter: (f) => !f.endsWith('.fixed') });
    client = new TestLspClient();
    await client.initialize(dir);
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('adds @Index() with its import, and the finding goes', async () => {
    const lead = path.join(dir, 'src', 'entity', 'Lead.ts');
    await client.waitFor(() => client.diagnosticsOf(lead).some((d) => d.code === 'fk-missing-index'), 'the unindexed foreign key');
    const text = fs.readFileSync(lead, 'utf8');
    await client.open(lead, text);
    const d = client.diagnosticsOf(lead).find((x) => x.code === 'fk-missing-index')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(lead) }, range: d.range, context: { diagnostics: [d] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.strictEqual(fix.title, 'Add @Index() to "owner"');
    const fixed = applyEdits(text, fix.edit!.changes![uriOf(lead)] as TextEdit[]);
    assert.match(fixed, /^import \{ Index, Column, Entity/);
    assert.match(fixed, /\n  @Index\(\)\n  @ManyToOne\(\(\) => User/);
    await client.change(lead, fixed);
    await client.waitFor(() => !client.diagnosticsOf(lead).some((x) => x.code === 'fk-missing-index'), 'the finding to go');
  });

  it('in a CRLF file, the quick fix inserts CRLF lines, never a lone LF', async () => {
    const lead = path.join(dir, 'src', 'entity', 'Lead.ts');
    const text = fs.readFileSync(lead, 'utf8').replace(/\r?\n/g, '\r\n');
    fs.writeFileSync(lead, text);
    await client.open(lead, text);
    await client.waitFor(() => client.diagnosticsOf(lead).some((d) => d.code === 'fk-missing-index'), 'the unindexed foreign key');
    const d = client.diagnosticsOf(lead).find((x) => x.code === 'fk-missing-index')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(lead) }, range: d.range, context: { diagnostics: [d] },
    })) as CodeAction[];
    const edits = actions.find((a) => a.isPreferred)!.edit!.changes![uriOf(lead)] as TextEdit[];
    assert.ok(edits.some((e) => e.newText.includes('\r\n')), 'the inserted line ends in CRLF');
    for (const e of edits) assert.doesNotMatch(e.newText, /(?<!\r)\n/, `no lone LF in ${JSON.stringify(e.newText)}`);
    assert.doesNotMatch(applyEdits(text, edits), /(?<!\r)\n/);
  });

  it('reports inside a migration\'s SQL template literal, and ignores it with an SQL comment there', async () => {
    const init = path.join(dir, 'src', 'migration', '1700000000000-Init.ts');
    await client.waitFor(() => client.diagnosticsOf(init).some((d) => d.code === 'migration-reference-missing'), 'the missing schema in SQL');
    const text = fs.readFileSync(init, 'utf8').replace('  // expect: migration-reference-missing', '').replace(
      '`CREATE TABLE "lead"."leads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "owner_id" uuid NOT NULL, CONSTRAINT "PK_leads" PRIMARY KEY ("id"))`',
      '`\n        CREATE TABLE "lead"."leads" (\n          "id" uuid NOT NULL,\n          "owner_id" uuid NOT NULL\n        )\n      `',
    );
    await client.open(init, text);
    await client.waitFor(() => client.diagnosticsOf(init).some((d) => d.code === 'migration-reference-missing' && d.range.start.line === 11), 'the finding on the SQL line');
    const d = client.diagnosticsOf(init).find((x) => x.code === 'migration-reference-missing')!;
    assert.strictEqual(text.split('\n')[11].slice(d.range.start.character, d.range.end.character), '"lead"."leads"');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(init) }, range: d.range, context: { diagnostics: [d] },
    })) as CodeAction[];
    const ignore = actions.find((a) => a.title === 'Ignore migration-reference-missing on this line')!;
    const ignored = applyEdits(text, ignore.edit!.changes![uriOf(init)] as TextEdit[]);
    assert.match(ignored, /CREATE TABLE "lead"\."leads" \(  -- schemasense-ignore migration-reference-missing\n/);
    await client.change(init, ignored);
    await client.waitFor(() => !client.diagnosticsOf(init).some((x) => x.code === 'migration-reference-missing'), 'the finding to be silenced');
  });
});
