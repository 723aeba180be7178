/**
 * What the readers could not evaluate, shown by the language server as hints when `showUnread` is
 * on: the user sees where the rules are silent for lack of evidence, and the hint goes once the code
 * says the value plainly.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TestLspClient } from '../helpers/lspClient';
import { FIXTURES } from '../helpers/paths';

describe('language server: constructs it could not read', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestLspClient;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-unread-'));
    fs.cpSync(path.join(FIXTURES, 'unknown', 'computed-values'), dir, { recursive: true });
    client = new TestLspClient();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows each as a hint with showUnread, and the hint goes when the value is written plainly', async () => {
    fs.writeFileSync(path.join(dir, 'schemasense.json'), JSON.stringify({ showUnread: true }));
    await client.initialize(dir);
    const models = path.join(dir, 'app', 'models.py');
    const hints = () => client.diagnosticsOf(models).filter((d) => d.code === 'unread');
    await client.waitFor(() => hints().length === 8, 'eight hints in the models');
    assert.ok(hints().every((d) => d.severity === 4 && /^Not read: /.test(d.message)));
    assert.deepStrictEqual(client.diagnosticsOf(models).filter((d) => d.code !== 'unread'), [], 'and no finding');
    const text = fs.readFileSync(models, 'utf8').replace('payload = Column(column_type("document"))', 'payload = Column(JSONB)')
      .replace('from sqlalchemy import Column', 'from sqlalchemy.dialects.postgresql import JSONB\nfrom sqlalchemy import Column');
    await client.open(models, text);
    await client.waitFor(() => hints().length === 7, 'the hint of the column now typed plainly to go');
  });

  it('takes the setting from the editor too (workspace/configuration)', async () => {
    client.settings = { showUnread: true };
    await client.initialize(dir);
    const entity = path.join(dir, 'src', 'entity', 'Invoice.ts');
    await client.waitFor(() => client.diagnosticsOf(entity).filter((d) => d.code === 'unread').length === 3, 'the three hints of the entity (its enum-member default is read)');
  });

  it('says in its ready status which database a project set up for several is checked as', async () => {
    const several = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-dialects-'));
    try {
      fs.writeFileSync(path.join(several, 'package.json'), JSON.stringify({ dependencies: { typeorm: '^0.3', mysql2: '^3', sqlite3: '^5' } }));
      fs.mkdirSync(path.join(several, 'src'));
      fs.writeFileSync(path.join(several, 'src', 'user.entity.ts'), 'import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";\n\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn()\n  id!: number;\n\n  @Column()\n  name!: string;\n}\n');
      await client.initialize(several);
      await client.waitFor(() => client.statuses.some((s) => s.state === 'ready'), 'the ready status');
      assert.match(client.statuses.find((s) => s.state === 'ready')!.message ?? '', /^Checked as a MySQL project \(the mysql2 driver in package\.json\); it is set up for SQLite too/);
    } finally {
      fs.rmSync(several, { recursive: true, force: true });
    }
  });

  it('says nothing of the database in its ready status when there was no choice to make', async () => {
    await client.initialize(dir);
    await client.waitFor(() => client.statuses.some((s) => s.state === 'ready'), 'the ready status');
    assert.strictEqual(client.statuses.find((s) => s.state === 'ready')!.message, undefined);
  });
});
