/** The CLI contract of DESIGN.md, run as a user would: the built `bin/schemasense.js` in a child process. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI, REPO_ROOT } from './helpers/paths';
import { runCli } from '../server/src/cli/main';
import { colorWanted, ProgressLine } from '../server/src/cli/terminal';
import { formatCoverage, headline } from '../server/src/cli/format';
import { CompactLocation } from '../server/src/model/source';
import { hostedRuleDocsUrl } from '../server/src/rules/support/docs';
import { applyPatch } from 'diff';

/** Every source file under `dir`. */
function sourceTree(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.py'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).sort();
}

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'sqlalchemy-app');

/** The environment of a user with no database configured (this machine's DATABASE_URL is not theirs). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SCHEMASENSE_CACHE: 'off' };
  delete env.DATABASE_URL;
  return env;
}

function run(args: string[], cwd = REPO_ROOT, env: NodeJS.ProcessEnv = cleanEnv()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('schemasense CLI', function () {
  this.timeout(30000);

  it('answers `<command> --help` and `help <command>` with that command\'s help, takes -f, and says what a typo meant', () => {
    for (const args of [['check', '--help'], ['check', EXAMPLE, '-h'], ['help', 'check']]) {
      const r = run(args);
      assert.strictEqual(r.code, 0, args.join(' '));
      assert.match(r.stdout, /^Usage: schemasense check \[path\.\.\.\] \[options\]/);
      assert.match(r.stdout, /-f, --format text\|json\|sarif\|github/);
    }
    const json = run(['check', EXAMPLE, '-f', 'json']);
    assert.strictEqual(json.code, 1);
    assert.ok(Array.isArray(JSON.parse(json.stdout).findings));
    const typo = run(['check', EXAMPLE, '--fromat', 'json']);
    assert.strictEqual(typo.code, 2);
    assert.match(typo.stderr, /unknown option --fromat \(did you mean --format\?\)/);
    assert.match(run(['chek', EXAMPLE]).stderr, /unknown command "chek" \(did you mean check\?\)/);
  });

  it('a reader that stops early (`| head -1`) ends the output without a stack trace', () => {
    // Output far larger than a pipe's buffer, so that the writer meets the closed pipe.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-epipe-'));
    try {
      const model = (i: number) => `from sqlalchemy import Column, ForeignKey, Integer\nfrom sqlalchemy.orm import declarative_base\nBase = declarative_base()\n\n\nclass T${i}(Base):\n    __tablename__ = "t${i}"\n    id = Column(Integer, primary_key=True)\n` +
        Array.from({ length: 20 }, (_, k) => `    ref_${k} = Column(Integer, ForeignKey("t${i}.id"))\n`).join('');
      for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, `models_${i}.py`), model(i));
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check "${dir}" --format json | head -c 100`], { encoding: 'utf8', env: cleanEnv(), timeout: 30000 });
      assert.strictEqual(r.stdout.length, 100);
      assert.doesNotMatch(r.stderr, /EPIPE|Error|\bat /, r.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('check --format json reports exactly the example project\'s seeded defects', () => {
    const r = run(['check', EXAMPLE, '--format', 'json']);
    assert.strictEqual(r.code, 1, r.stderr);
    const { findings } = JSON.parse(r.stdout);
    const got = findings.map((f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`).sort();
    assert.deepStrictEqual(got, [
      'alembic/versions/003_lead_tables.py:24 migration-reference-missing',
      'alembic/versions/004_catering_payments.py:22 migration-reference-missing',
      'alembic/versions/005_customer_sms_consent.py:17 migration-not-modeled',
      'alembic/versions/e636a2d56d82_add_businesses_table.py:30 migration-reference-missing',
      'alembic/versions/e8e33e1e5658_add_business_model.py:19 migration-duplicate-create',
      'app/models/bookings.py:11 drift-column',
      'app/models/bookings.py:28 fk-schema-mismatch',
      'app/models/conversations.py:25 fk-missing-index',
      'app/models/identity.py:33 type-inconsistent',
      'app/models/identity.py:34 fk-schema-mismatch',
      'app/models/identity.py:46 index-duplicate',
      'app/models/identity.py:53 table-no-primary-key',
      'app/models/jobs.py:12 index-duplicate',
      'app/models/jobs.py:9 model-not-migrated',
      'app/models/lead.py:13 schema-missing',
      'app/models/lead.py:24 schema-missing',
      'app/models/lead.py:27 schema-missing',
      'app/models/payments.py:14 fk-target-missing',
    ]);
    const mismatch = findings.find((f: { rule: string; file: string }) => f.rule === 'fk-schema-mismatch' && f.file.endsWith('identity.py'));
    assert.deepStrictEqual(Object.keys(mismatch).sort(), ['column', 'endColumn', 'endLine', 'file', 'fixes', 'line', 'message', 'related', 'rule', 'severity']);
    assert.strictEqual(mismatch.severity, 'error');
    assert.strictEqual(mismatch.column, 54);
    assert.deepStrictEqual(mismatch.related, [{ file: 'app/models/identity.py', line: 12, message: '"identity.users" is defined here' }]);
    assert.strictEqual(mismatch.fixes[0].edits[0].newText, 'identity.users.id');
    assert.match(mismatch.message, /evidence: models/);
  });

  it('check prints text and exits 0 when nothing reaches --fail-on', () => {
    const r = run(['check', EXAMPLE, '--fail-on', 'never']);
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^app\/models\/bookings\.py:28:30: error \[fk-schema-mismatch\]/m);
    assert.match(r.stdout, /18 problems \(11 errors, 6 warnings, 1 info\) in 11 files\./);
  });

  it('check ends with what it read; --verbose lists what it could not; JSON carries the list with locations', () => {
    const example = run(['check', EXAMPLE, '--fail-on', 'never']);
    assert.match(example.stdout, /\nRead 15 model tables \(14 mapped classes\) and 7 migrations; every construct was read\.\n?$/);
    const dir = path.join(REPO_ROOT, 'test', 'fixtures', 'unknown', 'computed-values');
    const short = run(['check', dir]);
    assert.strictEqual(short.code, 0);
    assert.match(short.stdout, /^No problems found\.\nRead 3 model tables \(3 mapped classes\) and 1 migration; 11 constructs could not be read, so the rules say nothing about them \(see --verbose\)\.\n?$/);
    const verbose = run(['check', dir, '--verbose']);
    assert.match(verbose.stdout, /say nothing about them:\n {4}app\/models\.py:21: type of "accounts"\."stage": type computed by column_type\("status"\)\n/);
    const json = JSON.parse(run(['check', dir, '--format', 'json']).stdout);
    assert.deepStrictEqual([json.coverage.modelTables, json.coverage.migrations, json.coverage.unread.length], [3, 1, 11]);
    assert.deepStrictEqual(json.coverage.unread[0], { file: 'app/models.py', line: 21, what: 'type of "accounts"."stage": type computed by column_type("status")' });
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-empty-'));
    try {
      assert.match(run(['check', empty]).stdout, /Read nothing: no ORM model \(SQLAlchemy, TypeORM, Sequelize\) or migration/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('check says which database a project set up for several was checked as, unless schemasense.json says', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-dialects-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { typeorm: '^0.3', mysql2: '^3', sqlite3: '^5' } }));
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src', 'user.entity.ts'), 'import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";\n\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn()\n  id!: number;\n\n  @Column()\n  name!: string;\n}\n');
      const note = /^Checked as a MySQL project \(the mysql2 driver in package\.json\); it is set up for SQLite too: "dialect" in schemasense\.json says which database to check it as\.$/m;
      assert.match(run(['check', dir]).stdout, note);
      assert.match(run(['check', dir, '--verbose']).stdout, note);
      fs.writeFileSync(path.join(dir, 'schemasense.json'), JSON.stringify({ dialect: 'sqlite' }));
      assert.doesNotMatch(run(['check', dir]).stdout, /Checked as/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('check exits 0 on a clean project and 1 on warnings with --fail-on warning', () => {
    const clean = path.join(REPO_ROOT, 'test', 'fixtures', 'rules', 'fk-missing-index', 'ok-indexed');
    const r = run(['check', clean]);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No problems found\./);
    const warnOnly = path.join(REPO_ROOT, 'test', 'fixtures', 'rules', 'fk-missing-index', 'bad-messages');
    assert.strictEqual(run(['check', warnOnly]).code, 0);
    assert.strictEqual(run(['check', warnOnly, '--fail-on', 'warning']).code, 1);
  });

  it('check --format sarif produces SARIF 2.1.0 with rules and results', () => {
    const r = run(['check', EXAMPLE, '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    assert.strictEqual(sarif.runs[0].results.length, 18);
    const rules = sarif.runs[0].tool.driver.rules as { id: string; fullDescription?: { text: string }; help?: { markdown: string } }[];
    assert.ok(rules.some((x) => x.id === 'fk-missing-index'));
    assert.ok(rules.some((x) => x.id === 'migration-replay-failed'), 'every result\'s rule has an entry');
    for (const rule of rules) {
      assert.ok(rule.fullDescription?.text, `${rule.id} has a full description`);
      assert.match(rule.help?.markdown ?? '', new RegExp(`^# ${rule.id}`), `${rule.id} has its page as help`);
    }
    // Paths from the repository root, as code scanning resolves them: the checked folder is examples/sqlalchemy-app.
    assert.strictEqual(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'examples/sqlalchemy-app/alembic/versions/003_lead_tables.py');
    assert.ok(sarif.runs[0].results.every((x: { partialFingerprints?: Record<string, string> }) => x.partialFingerprints?.['schemasenseFinding/v1']));
    assert.ok(!r.stdout.includes('file://'), 'no link into the machine that ran it');
  });

  it('schema --format json prints the schema model of DESIGN.md', () => {
    const r = run(['schema', EXAMPLE, '--format', 'json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const schema = JSON.parse(r.stdout);
    assert.deepStrictEqual(schema.schemas, ['bookings', 'identity', 'lead', 'public']);
    const keys = schema.tables.find((t: { name: string }) => t.name === 'api_keys');
    assert.strictEqual(keys.schema, 'identity');
    assert.strictEqual(keys.file, 'app/models/identity.py');
    assert.deepStrictEqual(keys.columns[0], { name: 'id', type: 'uuid', nullable: false, primaryKey: true });
    assert.deepStrictEqual(keys.foreignKeys, [{ columns: ['user_id'], references: { schema: 'identity', table: 'users', columns: ['id'] } }]);
    assert.deepStrictEqual(keys.indexes.map((i: { name: string }) => i.name).sort(), ['idx_apikey_user_id', 'ix_api_keys_user_id', 'uq_api_keys_key_hash']);
    const messages = schema.tables.find((t: { name: string }) => t.name === 'messages');
    assert.deepStrictEqual(messages.columns.find((c: { name: string }) => c.name === 'conversation_id'), { name: 'conversation_id', type: 'integer', nullable: false, primaryKey: false });
  });

  it('schema --source migrations prints the schema after replaying the migrations', () => {
    const r = run(['schema', EXAMPLE, '--source', 'migrations']);
    assert.strictEqual(r.code, 0, r.stderr);
    const schema = JSON.parse(r.stdout);
    assert.deepStrictEqual(schema.schemas, ['bookings', 'identity', 'lead', 'public']);
    const customers = schema.tables.find((t: { schema: string; name: string }) => t.schema === 'bookings' && t.name === 'customers');
    assert.strictEqual(customers.file, 'alembic/versions/001_bookings_and_conversations.py');
    assert.deepStrictEqual(customers.columns.map((c: { name: string; type: string; nullable: boolean }) => [c.name, c.type, c.nullable]), [
      ['id', 'integer', false], ['phone', 'varchar(20)', true], ['sms_consent', 'boolean', false],
    ]);
    const payments = schema.tables.find((t: { name: string }) => t.name === 'catering_payments');
    assert.strictEqual(payments.file, 'alembic/versions/004_catering_payments.py', 'tables created in raw SQL are read');
    assert.deepStrictEqual(payments.indexes, [{ name: 'ix_catering_payments_booking_id', columns: ['booking_id'], unique: false }]);
    assert.ok(!schema.tables.some((t: { name: string }) => t.name === 'jobs'), 'no migration creates jobs');
  });

  it('exits 2 with a clear message on usage and configuration errors', () => {
    let r = run(['check', '/no/such/folder']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /no such folder or file: \/no\/such\/folder/);
    r = run(['check', EXAMPLE, '--format', 'xml']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--format must be one of text, json, sarif/);
    r = run(['frobnicate']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /unknown command "frobnicate"/);
    r = run(['schema', EXAMPLE, '--source', 'live']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--source live needs a database: give --database-url, or set DATABASE_URL/);
    r = run(['check', EXAMPLE, '--database-url', 'postgresql://x@localhost/db']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /use `schemasense audit` to include the live database/);
    r = run(['audit', EXAMPLE, '--database-url', 'mysql://x@localhost/db']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--database-url must be a PostgreSQL URL/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-cfg-'));
    try {
      fs.writeFileSync(path.join(dir, 'schemasense.json'), '{"rules": {"fk-missing-indx": "off"}, "schemas": "lead"}');
      r = run(['check', dir]);
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, /unknown rule "fk-missing-indx"/);
      assert.match(r.stderr, /"schemas" must be an array of strings/);
      fs.writeFileSync(path.join(dir, 'schemasense.json'), '{ not json');
      r = run(['check', dir]);
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, /schemasense\.json: not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('honours per-rule severities from schemasense.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-sev-'));
    try {
      fs.cpSync(EXAMPLE, dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'schemasense.json'), JSON.stringify({ schemas: ['identity', 'bookings', 'lead'], rules: { 'fk-missing-index': 'off', 'index-duplicate': 'error' } }));
      const { findings } = JSON.parse(run(['check', dir, '--format', 'json']).stdout);
      assert.ok(!findings.some((f: { rule: string }) => f.rule === 'fk-missing-index' || f.rule === 'schema-missing'));
      assert.deepStrictEqual(findings.filter((f: { rule: string }) => f.rule === 'index-duplicate').map((f: { severity: string }) => f.severity), ['error', 'error']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('colours a terminal\'s output only: never on a pipe, FORCE_COLOR and --color force it, NO_COLOR and --no-color stop it', () => {
    const ESC = '\u001b[';
    const piped = run(['check', EXAMPLE]);
    assert.ok(!piped.stdout.includes(ESC) && !piped.stderr.includes(ESC), 'no escape codes on a pipe');
    const forced = run(['check', EXAMPLE], REPO_ROOT, { ...cleanEnv(), FORCE_COLOR: '1' });
    assert.match(forced.stdout, /\u001b\[31merror\u001b\[39m \u001b\[2m\[fk-target-missing\]/);
    assert.strictEqual(forced.stdout.replace(/\u001b\[\d+m/g, ''), piped.stdout, 'the same text, coloured');
    assert.ok(run(['check', EXAMPLE, '--color'], REPO_ROOT, { ...cleanEnv(), NO_COLOR: '1' }).stdout.includes(ESC));
    assert.ok(!run(['check', EXAMPLE, '--no-color'], REPO_ROOT, { ...cleanEnv(), FORCE_COLOR: '1' }).stdout.includes(ESC));
    assert.ok(!run(['check', EXAMPLE], REPO_ROOT, { ...cleanEnv(), NO_COLOR: '1' }).stdout.includes(ESC));
    assert.strictEqual(colorWanted({ isTTY: true }, {}), true);
    assert.strictEqual(colorWanted({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.strictEqual(colorWanted({ isTTY: true }, { TERM: 'dumb' }), false);
    assert.strictEqual(colorWanted({ isTTY: false }, { FORCE_COLOR: '0' }), false);
  });

  it('shows a one-line progress indicator on a terminal\'s stderr, erased before the results; none with --quiet', async () => {
    const writes: string[] = [];
    const stderr = { write: (s: string) => writes.push(s) > 0, columns: 60 };
    const out: string[] = [];
    const code = await runCli(['check', EXAMPLE], (s) => out.push(s), (s) => writes.push(`${s}\n`), {
      stdout: { isTTY: false }, progressStream: stderr, progressDelayMs: 0, env: {},
    });
    assert.strictEqual(code, 1);
    const lines = writes.filter((w) => w.startsWith('\r\u001b[2K') && w.length > 5).map((w) => w.slice(5));
    assert.ok(lines.some((l) => /^schemasense: reading files \d+ of \d+$/.test(l)), lines.join('\n'));
    assert.ok(lines.every((l) => l.length <= 59), 'never wider than the terminal');
    assert.strictEqual(writes[writes.length - 1], '\r\u001b[2K', 'the line is erased at the end');
    assert.match(out.join('\n'), /problems \(/);
    writes.length = 0;
    await runCli(['check', EXAMPLE, '-q'], () => undefined, (s) => writes.push(s), {
      stdout: { isTTY: false }, progressStream: stderr, progressDelayMs: 0, env: {},
    });
    assert.deepStrictEqual(writes.filter((w) => w.includes('\u001b')), []);
    // A short run on a terminal shows nothing: the line waits a second; then it is redrawn at most every 100 ms.
    let now = 0;
    const line = new ProgressLine(stderr, 1000, 100, () => now);
    writes.length = 0;
    line.update('reading');
    now = 1000;
    line.update('checking rule 1 of 26');
    now = 1050;
    line.update('checking rule 2 of 26');
    now = 1100;
    line.update('checking rule 3 of 26');
    line.clear();
    assert.deepStrictEqual(writes, ['\r\u001b[2Kchecking rule 1 of 26', '\r\u001b[2Kchecking rule 3 of 26', '\r\u001b[2K']);
  });

  describe('fixes, paths and files, annotations', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-fix-'));
      fs.cpSync(EXAMPLE, dir, { recursive: true });
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('--diff shows the safe fixes as a patch and changes nothing; --fix writes exactly that patch, keeping BOM and CRLF, and reports what is left', () => {
      const conversations = path.join(dir, 'app', 'models', 'conversations.py');
      // One file as Windows editors save it: a byte order mark and CRLF line endings.
      fs.writeFileSync(conversations, `\uFEFF${fs.readFileSync(conversations, 'utf8').replace(/\n/g, '\r\n')}`);
      const snapshot = () => Object.fromEntries(sourceTree(dir).map((f) => [f, fs.readFileSync(f, 'utf8')]));
      const before = snapshot();
      const dry = run(['check', dir, '--diff']);
      assert.strictEqual(dry.code, 1, dry.stderr);
      assert.deepStrictEqual(snapshot(), before, '--diff writes nothing');
      assert.match(dry.stdout, /^--- a\/app\/models\/conversations\.py\n\+\+\+ b\/app\/models\/conversations\.py/m);
      assert.match(dry.stdout, /^\+.*ForeignKey\("conversations\.id", ondelete="CASCADE"\), index=True\)/m);
      const fixed = run(['check', dir, '--fix', '--format', 'json']);
      assert.match(fixed.stderr, /fixed (\d+) problems in (\d+) files/);
      const after = snapshot();
      // The patch --diff printed is what --fix wrote.
      for (const [file, text] of Object.entries(before)) {
        const rel = path.relative(dir, file).split(path.sep).join('/');
        const patch = dry.stdout.split(/^(?=--- a\/)/m).find((p) => p.startsWith(`--- a/${rel}\n`));
        const expected = patch ? applyPatch(text.replace(/^\uFEFF/, ''), patch) : text.replace(/^\uFEFF/, '');
        assert.strictEqual(after[file].replace(/^\uFEFF/, ''), expected, rel);
      }
      assert.ok(after[conversations].startsWith('\uFEFF'), 'the byte order mark is kept');
      assert.ok(!/[^\r]\n/.test(after[conversations]), 'every line still ends in CRLF');
      const left = JSON.parse(fixed.stdout).findings as { ruleId: string }[];
      const originally = JSON.parse(run(['check', EXAMPLE, '--format', 'json']).stdout).findings as unknown[];
      assert.strictEqual(originally.length - left.length, Number(/fixed (\d+) problems/.exec(fixed.stderr)![1]));
      assert.strictEqual(run(['check', dir, '--diff']).stdout, '', 'nothing safe left to fix');
    });

    it('takes several folders and files (a pre-commit hook\'s list): files are checked within their project, only their findings reported', () => {
      const identity = path.join(dir, 'app', 'models', 'identity.py');
      const files = run(['check', 'app/models/identity.py', 'README.md', '--format', 'json'], dir);
      const reported = new Set((JSON.parse(files.stdout).findings as { file: string }[]).map((f) => f.file));
      assert.deepStrictEqual([...reported], ['app/models/identity.py']);
      // Within the whole project: the same findings for that file as a check of the folder gives.
      const whole = JSON.parse(run(['check', dir, '--format', 'json']).stdout).findings as { file: string }[];
      assert.strictEqual(JSON.parse(files.stdout).findings.length, whole.filter((f) => f.file === 'app/models/identity.py').length);
      // From elsewhere, the file's project is found by its markers (alembic.ini, schemasense.json), not the current folder.
      const outside = run(['check', identity, '--format', 'json'], os.tmpdir());
      assert.strictEqual(JSON.parse(outside.stdout).findings.length, JSON.parse(files.stdout).findings.length, outside.stderr);
      const both = run(['check', dir, EXAMPLE, '--format', 'json']);
      assert.strictEqual(JSON.parse(both.stdout).findings.length, 2 * whole.length);
      // A folder covers the files and folders inside it: nothing is reported twice.
      const overlapping = run(['check', dir, path.join(dir, 'app'), identity, '--format', 'json']);
      assert.strictEqual(JSON.parse(overlapping.stdout).findings.length, whole.length, overlapping.stderr);
    });

    it('--format github prints workflow annotations with escaped properties and messages', () => {
      const r = run(['check', dir, '--format', 'github']);
      assert.strictEqual(r.code, 1);
      const lines = r.stdout.trim().split('\n');
      const whole = JSON.parse(run(['check', dir, '--format', 'json']).stdout).findings as unknown[];
      assert.strictEqual(lines.length, whole.length);
      for (const line of lines) assert.match(line, /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=[\w-]+ \(Schema Sense\)::[^\n]+$/);
      assert.ok(lines.some((l) => l.startsWith('::error file=app/models/')), 'paths from the root of the checked project');
    });
  });

  it('text output: each finding on one line (its headline), the whole message with --verbose, JSON unchanged', () => {
    const plain = run(['check', EXAMPLE]).stdout.split('\n').filter((l) => /^\S+:\d+:\d+: (error|warning|info|hint) \[/.test(l));
    const json = JSON.parse(run(['check', EXAMPLE, '--format', 'json']).stdout).findings as { message: string }[];
    assert.strictEqual(plain.length, json.length);
    for (const line of plain) assert.ok(line.length <= 280, `one readable line: ${line}`);
    assert.ok(plain.some((l) => l.endsWith('[fk-missing-index] Foreign key "conversation_id" of "public.messages" has no index.')));
    assert.ok(plain.some((l) => /\[fk-target-missing\] Foreign key references table "public\.catering_bookings", which no model or migration defines\. Did you mean "bookings\.bookings"\?$/.test(l)), 'the hint is kept');
    assert.ok(plain.some((l) => / NOT NULL in the model, nullable in the migrations\.$/.test(l)), 'a short fact after the first clause is kept');
    const verbose = run(['check', EXAMPLE, '--verbose']).stdout;
    for (const f of json) assert.ok(verbose.includes(f.message), `--verbose has the whole message: ${f.message}`);
    assert.strictEqual(headline('Redundant index on "a": it duplicates "b" (see: x). More.'), 'Redundant index on "a": it duplicates "b" (see: x).');
    assert.strictEqual(headline('Column "a.b" is JSON.'), 'Column "a.b" is JSON.');
    // What differs stays in the headline, without each side's spelling.
    const drift = 'Column "name" of model Product (table "public.products") differs from what the migrations create (20230504160228-create-products.js:11): '
      + 'type varchar(100) (DataTypes.STRING(100)) in the model, varchar(255) (Sequelize.STRING) in the migrations. The code is written against one and runs against the other (evidence: models, migrations).';
    assert.strictEqual(headline(drift), 'Column "name" of model Product (table "public.products") differs from what the migrations create (20230504160228-create-products.js:11): type varchar(100) in the model, varchar(255) in the migrations.');
    // Of several differences too long for one line, the first, and how many more.
    const drifts = 'Column "token" of model AccessToken (table "public.access_tokens") differs from what the migrations create (20200802012857-create-access-tokens.js:17): '
      + 'type varchar(255) (DataTypes.STRING) in the model, text (Sequelize.TEXT) in the migrations; nullable in the model, NOT NULL in the migrations (stricter than the model: an insert of NULL fails). The code is written against one and runs against the other (evidence: models, migrations).';
    assert.strictEqual(headline(drifts), 'Column "token" of model AccessToken (table "public.access_tokens") differs from what the migrations create (20200802012857-create-access-tokens.js:17): type varchar(255) in the model, text in the migrations (and 1 more difference).');
    // A long value is cut in the headline (the details keep it whole).
    const defaults = 'Column "metadata" of model Event (table "public.event") differs from what the migrations create (1681429921400-Event.js:10): '
      + 'server default \'{"@context":"https://schema.org/","@type":"Event"}\' in the model, \'{}\' in the migrations. The code is written against one and runs against the other (evidence: models, migrations).';
    assert.strictEqual(headline(defaults), 'Column "metadata" of model Event (table "public.event") differs from what the migrations create (1681429921400-Event.js:10): server default \'{"@context":"https://sch…\' in the model, \'{}\' in the migrations.');
    // Lists of columns are what the sentence says, not asides; a clause that is no difference is not counted as one.
    const prefix = 'Redundant index on "public.items": index on (libraryId, mediaType) is a leading prefix of index on (libraryId, mediaType, size), which serves the same lookups; every write maintains both (evidence: models).';
    assert.strictEqual(headline(prefix), 'Redundant index on "public.items".');
    const order = 'Index "ix_things" of model Thing (table "public.things") differs from what the migrations create (20230504160228-create-things.js:11): '
      + 'on (kind, "createdAt") (Index("ix_things", "kind", "createdAt")) in the model, on ("createdAt", kind) in the migrations.';
    assert.strictEqual(headline(order), 'Index "ix_things" of model Thing (table "public.things") differs from what the migrations create (20230504160228-create-things.js:11): on (kind, "createdAt") in the model, on ("createdAt", kind) in the migrations.');
  });

  it("--verbose says a MySQL project's migration SQL is MySQL's, by what says the project runs on MySQL, not that it is wrong", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-mysql-sql-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { typeorm: '^0.3.20', mysql2: '^3.6.5' } }));
      fs.mkdirSync(path.join(dir, 'src', 'migrations'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src', 'migrations', '1700000000000-Users.ts'), [
        "import { MigrationInterface, QueryRunner } from 'typeorm';",
        '',
        'export class Users1700000000000 implements MigrationInterface {',
        '  public async up(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.query(`CREATE TABLE \\`users\\` (\\`id\\` int NOT NULL AUTO_INCREMENT, \\`name\\` varchar(80) NOT NULL, PRIMARY KEY (\\`id\\`)) ENGINE=InnoDB`);',
        '    await queryRunner.query(`CREATE INDEX \\`IDX_users_name\\` ON \\`users\\` (\\`name\\`)`);',
        '  }',
        '',
        '  public async down(queryRunner: QueryRunner): Promise<void> {',
        '    await queryRunner.query(`DROP TABLE \\`users\\``);',
        '  }',
        '}',
      ].join('\n'));
      const r = run(['check', dir, '--verbose']);
      assert.strictEqual(r.code, 0, r.stderr);
      const line = r.stdout.split('\n').find((l) => l.includes('1700000000000-Users.ts:5:'));
      assert.ok(line, r.stdout);
      assert.match(line!, /MySQL SQL \(the project's database, by the mysql2 driver in package\.json\), not read/);
      assert.match(line!, /\(and 1 more statement of this file: line 6\)$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--verbose lists the statements of one file its SQL dialect keeps unread on one line, with their lines', () => {
    const at = (file: string, line: number) => new CompactLocation(file, line - 1, 0, line - 1, 1);
    const rejected = 'migration operation: SQL that PostgreSQL\'s parser rejects: syntax error at or near "`"';
    const text = formatCoverage('/p', { modelTables: 1, modelClasses: 1, migrations: 2, unread: [
      { location: at('/p/m/1-Init.ts', 7), what: rejected },
      { location: at('/p/m/1-Init.ts', 8), what: rejected },
      { location: at('/p/m/1-Init.ts', 12), what: rejected.replace('"`"', '"AUTO_INCREMENT"') },
      { location: at('/p/m/1-Init.ts', 14), what: 'migration operation: a call to seed() that is handed the migration\'s runner' },
      { location: at('/p/m/2-Add.ts', 5), what: rejected },
    ] }, true);
    assert.deepStrictEqual(text.split('\n').slice(1), [
      `    m/1-Init.ts:7: ${rejected} (and 2 more statements of this file: lines 8, 12)`,
      '    m/1-Init.ts:14: migration operation: a call to seed() that is handed the migration\'s runner',
      `    m/2-Add.ts:5: ${rejected}`,
    ]);
    assert.match(text.split('\n')[0], /5 constructs could not be read/);
    // A long run of statements (a MySQL dump) as a range.
    const dump = formatCoverage('/p', { modelTables: 0, modelClasses: 0, migrations: 1, unread: [7, 8, 9, 10, 11, 12, 20, 21, 30].map((line) => ({ location: at('/p/m/1-Init.ts', line), what: rejected })) }, true);
    assert.strictEqual(dump.split('\n')[1], `    m/1-Init.ts:7: ${rejected} (and 8 more statements of this file: lines 8–12, 20, 21, 30)`);
  });

  it('SARIF links each rule to its page where the package says the project is hosted, and nowhere else', () => {
    assert.strictEqual(hostedRuleDocsUrl('fk-missing-index', { version: '0.2.0', repository: { url: 'git+https://github.com/acme/schemasense.git' } }),
      'https://github.com/acme/schemasense/blob/v0.2.0/docs/rules/fk-missing-index.md');
    assert.strictEqual(hostedRuleDocsUrl('fk-missing-index', { repository: 'git@github.com:acme/schemasense.git' }),
      'https://github.com/acme/schemasense/blob/HEAD/docs/rules/fk-missing-index.md');
    assert.strictEqual(hostedRuleDocsUrl('fk-missing-index', { homepage: 'https://schemasense.example/#readme' }), 'https://schemasense.example/docs/rules/fk-missing-index.md');
    assert.strictEqual(hostedRuleDocsUrl('fk-missing-index', { homepage: 'file:///home/me/schemasense' }), undefined);
    assert.strictEqual(hostedRuleDocsUrl('fk-missing-index', {}), undefined);
    // This package names no home yet: the SARIF carries each page as help text, and no helpUri.
    const sarif = JSON.parse(run(['check', EXAMPLE, '--format', 'sarif']).stdout);
    const rules = sarif.runs[0].tool.driver.rules as { helpUri?: string; help?: unknown }[];
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    for (const r of rules) assert.strictEqual(r.helpUri, hostedRuleDocsUrl((r as unknown as { id: string }).id, pkg));
  });
});
