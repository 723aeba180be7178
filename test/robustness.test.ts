/**
 * Bad input gets a clear answer: unreadable, binary, huge and half-typed files are reported or
 * read as far as possible; the analysis of every other file goes on.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseDirectory, Project } from '../server/src/analysis/project';
import { WORKER_THRESHOLD } from '../server/src/parsers/python/parsePool';

const GOOD = `from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Parent(Base):
    __tablename__ = "parents"
    id = Column(Integer, primary_key=True)


class Child(Base):
    __tablename__ = "children"
    id = Column(Integer, primary_key=True)
    parent_id = Column(Integer, ForeignKey("parents.id"))
`;

describe('robustness', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-robust-'));
    fs.writeFileSync(path.join(dir, 'models.py'), GOOD);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const large of [false, true]) {
    it(`skips binary, huge, broken-link and folder-named files with a reason, and analyses the rest${large ? ' (read on worker threads)' : ''}`, async () => {
      // Enough files, and the workers read them (see WORKER_THRESHOLD): the same answers either way.
      if (large) for (let i = 0; i < WORKER_THRESHOLD; i++) fs.writeFileSync(path.join(dir, `service_${i}.py`), `def handle_${i}():\n    return ${i}\n`);
      fs.writeFileSync(path.join(dir, 'blob.py'), Buffer.from([0x66, 0x00, 0x01, 0x02]));
      fs.writeFileSync(path.join(dir, 'huge_models.py'), `import sqlalchemy\n#${'x'.repeat(2 * 1024 * 1024 + 10)}\n`);
      fs.symlinkSync(path.join(dir, 'gone.py'), path.join(dir, 'dangling.py'));
      fs.mkdirSync(path.join(dir, 'looks_like.py'));
      fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'models.py'), GOOD.replace('"parents.id"', '"nowhere.id"'));
      const analysis = await analyseDirectory(dir);
      const skipped = Object.fromEntries(analysis.skipped.map((s) => [path.basename(s.file), s.reason]));
      assert.deepStrictEqual(Object.keys(skipped).sort(), ['blob.py', 'dangling.py', 'huge_models.py']);
      assert.match(skipped['blob.py'], /binary/);
      assert.match(skipped['huge_models.py'], /larger than 2 MiB/);
      assert.match(skipped['dangling.py'], /broken link/);
      assert.deepStrictEqual(analysis.findings.map((f) => f.ruleId), ['fk-missing-index']);
    });
  }

  it('reads what it can of half-typed code and never throws', async () => {
    const project = new Project(dir);
    await project.scan();
    const file = path.join(dir, 'models.py');
    for (let cut = GOOD.length; cut > 0; cut -= 7) {
      await project.update(file, GOOD.slice(0, cut));
      const analysis = project.analyse();
      assert.deepStrictEqual(analysis.ruleErrors, [], `rules on a file cut at ${cut}`);
    }
    await project.update(file, GOOD.replace('    parent_id = Column(Integer, ForeignKey("parents.id"))', '    parent_id = Column(Integer, ForeignKey("parents.id"'));
    // The unfinished call is still a foreign key to a known table: no false "missing" finding.
    assert.ok(!project.analyse().findings.some((f) => f.ruleId === 'fk-target-missing'));
  });

  it('stays silent about what code computes', async () => {
    fs.writeFileSync(path.join(dir, 'models.py'), `from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declarative_base, declared_attr

Base = declarative_base()
SCHEMA = "tenant"


class Dynamic(Base):
    __tablename__ = "dynamic"
    __table_args__ = {"schema": SCHEMA}
    id = Column(Integer, primary_key=True)
    other_id = Column(Integer, ForeignKey(f"{SCHEMA}.others.id"))

    @declared_attr
    def __table_args__(cls):
        return (Index("ix_dynamic_other", "other_id"),)
`);
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(analysis.findings, []);
    assert.deepStrictEqual(analysis.skipped, []);
  });
});
