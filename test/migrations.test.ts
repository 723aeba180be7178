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
