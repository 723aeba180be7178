/** The merge-migration fix: the file it writes is a valid migration that leaves one head. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseDirectory } from '../server/src/analysis/project';
import { FIXTURES } from './helpers/paths';

const TWO_HEADS = path.join(FIXTURES, 'rules', 'migration-multiple-heads', 'bad-two-heads');

describe('merge migration fix', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-merge-'));
    fs.cpSync(TWO_HEADS, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a merge migration that leaves the graph with one head', async () => {
    const before = await analyseDirectory(dir);
    const heads = before.findings.filter((f) => f.ruleId === 'migration-multiple-heads');
    assert.strictEqual(heads.length, 2);
    const [fix] = heads[0].fixes;
    assert.deepStrictEqual(heads[1].fixes, heads[0].fixes, 'the same merge is offered at every head');
    assert.strictEqual(fix.safety, 'safe');
    assert.strictEqual(fix.edits.length, 1);
    const edit = fix.edits[0];
    assert.ok(edit.create, 'the fix creates a file');
    assert.strictEqual(path.dirname(edit.file), path.join(dir, 'alembic', 'versions'));
    assert.ok(!fs.existsSync(edit.file), 'it does not overwrite anything');
    assert.match(edit.newText, /^down_revision = \("010", "016"\)$/m);
    fs.writeFileSync(edit.file, edit.newText);
    const after = await analyseDirectory(dir);
    assert.deepStrictEqual(after.findings, []);
    assert.deepStrictEqual(after.skipped, []);
  });
});

describe('migration environments', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-env-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const migration = (revision: string) => `from alembic import op\n\nrevision = "${revision}"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n    pass\n`;

  it('an env.py created while the project is open regroups the migrations under it', async () => {
    // Two version folders: separate chains until an env.py makes them one environment.
    for (const [folder, rev] of [['orders', 'o1'], ['billing', 'b1']]) {
      fs.mkdirSync(path.join(dir, 'alembic', 'versions', folder), { recursive: true });
      fs.writeFileSync(path.join(dir, 'alembic', 'versions', folder, `${rev}.py`), migration(rev));
    }
    const { Project } = await import('../server/src/analysis/project');
    const project = new Project(dir);
    await project.scan();
    assert.deepStrictEqual(project.analyse().findings, []);
    const env = path.join(dir, 'alembic', 'env.py');
    fs.writeFileSync(env, 'from alembic import context\n');
    assert.strictEqual(await project.update(env, fs.readFileSync(env, 'utf8')), true, 'the change is reported');
    assert.deepStrictEqual(project.analyse().findings.map((f) => f.ruleId), ['migration-multiple-heads', 'migration-multiple-heads']);
    fs.rmSync(env);
    assert.strictEqual(project.remove(env), true, 'the deletion is reported');
    assert.deepStrictEqual(project.analyse().findings, []);
  });
});
