/**
 * Fuzzing, bounded: seeded random mutations of the rule fixtures (cut, spliced, byte-flipped, with
 * hostile fragments — deep nesting, comment floods, CR line endings, quotes, NULs, odd Unicode,
 * HTML and Markdown in identifiers) must never make a reader or a rule throw or hang, the Markdown
 * report must stay free of raw tags, and every safe fix must apply to the text it was made for.
 * `npm run fuzz` runs many more cases (FUZZ_CASES); a failing case prints its seed to replay it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Project } from '../server/src/analysis/project';
import { formatMarkdown } from '../server/src/cli/format';
import { applyEdits } from '../server/src/fixes/edits';
import { sourceFiles } from './helpers/expectations';
import { FIXTURES } from './helpers/paths';
import { random } from './helpers/random';

const CASES = Number(process.env.FUZZ_CASES ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);


const FRAGMENTS = [
  '('.repeat(3000), ')'.repeat(50), '[' + '1,'.repeat(2000) + ']', '# c\n'.repeat(2000), '\n'.repeat(500), '\r', '\r\n', '"""', "'''", '`${', '\\',
  '\u0000', '\uFEFF', '\u202E', '😀', 'é', '<img src=http://x/y.png>', '[x](http://evil)', '| --- |', '__tablename__ = ', 'ForeignKey("',
  'Column(', 'op.create_table(', '@Column(', '@ManyToOne(() => ', 'queryInterface.addColumn(', ' + "a"'.repeat(3000), 'a.'.repeat(3000) + 'b',
  'down_revision = "', 'revision = "x"\n', 'class X(Base):\n    __tablename__ = "', '    id = Column(Integer, primary_key=True)\n', 'async up(queryRunner) {',
];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (out.length + 1));
    switch (Math.floor(next() * 5)) {
      case 0: out = out.slice(0, at); break; // half-typed
      case 1: out = out.slice(0, at) + FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] + out.slice(at); break;
      case 2: out = out.slice(0, at) + out.slice(at + Math.floor(next() * 80)); break;
      case 3: out = out.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x3000)) + out.slice(at + 1); break;
      default: {
        const from = Math.floor(next() * out.length);
        out = out.slice(0, at) + out.slice(from, from + Math.floor(next() * 200)) + out.slice(at);
      }
    }
  }
  return out;
}

describe(`fuzz (${CASES} cases, seed ${SEED})`, function () {
  this.timeout(Math.max(120000, CASES * 2000));
  const seeds = fs.readdirSync(path.join(FIXTURES, 'rules')).flatMap((rule) =>
    fs.readdirSync(path.join(FIXTURES, 'rules', rule)).map((c) => path.join(FIXTURES, 'rules', rule, c)));

  it('mutated workspaces: no reader or rule throws, the report escapes, safe fixes apply', async () => {
    const next = random(SEED);
    for (let n = 0; n < CASES; n++) {
      const seedDir = seeds[Math.floor(next() * seeds.length)];
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-fuzz-'));
      try {
        fs.cpSync(seedDir, dir, { recursive: true, filter: (f) => !f.endsWith('.fixed') && !f.endsWith('live.sql') });
        const files = sourceFiles(dir);
        for (const file of files) if (next() < 0.6) fs.writeFileSync(file, mutate(fs.readFileSync(file, 'utf8'), next));
        const project = new Project(dir);
        await project.scan();
        const analysis = project.analyse();
        const where = `case ${n} (FUZZ_SEED=${SEED}, from ${path.relative(FIXTURES, seedDir)})`;
        assert.deepStrictEqual(analysis.ruleErrors, [], where);
        const markdown = formatMarkdown(dir, { database: { kind: 'embedded', describedAs: 'embedded PostgreSQL', source: 'test' }, findings: analysis.findings, notes: [] } as unknown as Parameters<typeof formatMarkdown>[1]);
        // (A tag, not a link's `(<scripts/seed.ts>)` destination: a folder may be named `scripts`.)
        assert.doesNotMatch(markdown, /<(?:img|script|iframe)\b|<a\s/i, `${where}: raw HTML in the report`);
        for (const f of analysis.findings) {
          for (const fix of f.fixes.filter((x) => x.safety === 'safe' && !x.edits.some((e) => e.create))) {
            for (const [file, edits] of groupByFile(fix.edits)) {
              const text = fs.readFileSync(file, 'utf8');
              assert.doesNotThrow(() => applyEdits(text, edits), `${where}: ${fix.title}`);
            }
          }
        }
        // Editing on: one more mutation of one file, through the incremental path.
        if (files.length) {
          const file = files[Math.floor(next() * files.length)];
          await project.update(file, mutate(fs.readFileSync(file, 'utf8'), next));
          assert.deepStrictEqual(project.analyse().ruleErrors, [], `${where}, after an edit`);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

function groupByFile<T extends { file: string }>(edits: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const e of edits) out.set(e.file, [...(out.get(e.file) ?? []), e]);
  return out;
}
