/** Include/exclude globs and per-rule settings, as a user writes them in schemasense.json. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseDirectory } from '../server/src/analysis/project';
import { matchesGlob } from '../server/src/workspace/glob';
import { REPO_ROOT } from './helpers/paths';

describe('configuration', () => {
  it('matches globs the way include/exclude settings are written', () => {
    const cases: [string, string, boolean][] = [
      ['app/models/lead.py', 'app/models/lead.py', true],
      ['app/models/lead.py', 'app/**', true],
      ['app/models/lead.py', '**/legacy/**', false],
      ['app/legacy/old.py', '**/legacy/**', true],
      ['app/legacy/old.py', 'legacy', true], // no slash: a name at any depth
      ['app/models/lead.py', '*.py', true],
      ['app/models/lead.py', 'app/*.py', false],
      ['app/models/lead.py', 'app/models/{lead,jobs}.py', true],
      ['app/models/payments.py', 'app/models/{lead,jobs}.py', false],
      ['app/models/l3.py', 'app/models/l?.py', true],
      ['app/models', 'app/models', true],
    ];
    for (const [file, glob, expected] of cases) assert.strictEqual(matchesGlob(file, glob), expected, `${glob} ~ ${file}`);
  });

  it('exclude and include in schemasense.json decide which files are read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-globs-'));
    try {
      fs.cpSync(path.join(REPO_ROOT, 'examples', 'sqlalchemy-app'), dir, { recursive: true });
      const write = (config: object) => fs.writeFileSync(path.join(dir, 'schemasense.json'), JSON.stringify({ schemas: ['identity', 'bookings'], ...config }));
      write({ exclude: ['app/models/lead.py', '**/jobs.py'] });
      let files = new Set((await analyseDirectory(dir)).findings.map((f) => path.basename(f.location.file)));
      assert.ok(!files.has('lead.py') && !files.has('jobs.py'), 'excluded files are not read');
      assert.ok(files.has('identity.py'));
      write({ include: ['app/models/{jobs,base}.py'] });
      const analysis = await analyseDirectory(dir);
      files = new Set(analysis.findings.map((f) => path.basename(f.location.file)));
      assert.deepStrictEqual([...files], ['jobs.py']);
      assert.deepStrictEqual(analysis.models.tables.map((t) => t.name), ['jobs']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
