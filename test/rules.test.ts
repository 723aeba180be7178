/**
 * Rule fixtures: each folder under test/fixtures/rules/<rule-id>/ is a small workspace of real
 * model code. The findings must be exactly the `# expect:` comments — the right rule at the right
 * line, and nothing else. `bad-*` folders must trigger their rule; `ok-*` folders must not.
 * Where a `<file>.fixed` exists, applying every safe fix must produce it, and re-analysing the
 * fixed code must no longer report what was fixed. Where a `live.sql` exists, it is loaded into a
 * database of a real (embedded) PostgreSQL and the folder is audited against it.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { auditProject } from '../server/src/analysis/audit';
import { coverageOf } from '../server/src/analysis/coverage';
import { analyseDirectory, Project } from '../server/src/analysis/project';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../server/src/live/embedded';
import { applyEdits } from '../server/src/fixes/edits';
import { allRules } from '../server/src/rules/registry';
import { typeMismatch } from '../server/src/rules/fk-type-mismatch';
import type { ColumnType } from '../server/src/model/schema';
import { actualFindings, expectedFindings } from './helpers/expectations';
import { FIXTURES } from './helpers/paths';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

let server: EmbeddedDatabase | undefined;
let databases = 0;

/** A new database on the shared embedded server, loaded with `sqlFile`; its URL. */
async function databaseFrom(sqlFile: string): Promise<string> {
  server ??= await startEmbeddedPostgres();
  const name = `fixture_${++databases}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.url.replace(/\/postgres$/, `/${name}`);
  const loader = new Client({ connectionString: url });
  await loader.connect();
  await loader.query(fs.readFileSync(sqlFile, 'utf8'));
  // Make the index scans of the script visible to pg_stat_user_indexes now, not in a second.
  await loader.query('SELECT pg_stat_force_next_flush()');
  await loader.end();
  return url;
}

async function findingsOf(dir: string) {
  const liveSql = path.join(dir, 'live.sql');
  if (!fs.existsSync(liveSql)) return analyseDirectory(dir);
  const url = await databaseFrom(liveSql);
  const project = new Project(dir);
  await project.scan();
  const audit = await auditProject(project, { explicit: { url, source: 'the fixture' }, env: {} });
  return { ...audit.analysis, findings: audit.findings };
}

describe('rule fixtures', () => {
  after(async () => {
    await server?.stop();
  });

  for (const ruleId of fs.readdirSync(RULE_FIXTURES).sort()) {
    describe(ruleId, () => {
      for (const caseName of fs.readdirSync(path.join(RULE_FIXTURES, ruleId)).sort()) {
        const dir = path.join(RULE_FIXTURES, ruleId, caseName);
        it(`${caseName}: exactly the expected findings`, async () => {
          const analysis = await findingsOf(dir);
          assert.deepStrictEqual(analysis.skipped, [], 'every fixture file is read');
          assert.deepStrictEqual(analysis.ruleErrors, []);
          const expected = expectedFindings(dir);
          assert.deepStrictEqual(actualFindings(dir, analysis.findings), expected);
          const own = expected.filter((e) => e.endsWith(` ${ruleId}`));
          if (caseName.startsWith('bad-')) assert.ok(own.length > 0, `${caseName} must expect at least one ${ruleId}`);
          else if (caseName.startsWith('ok-')) assert.deepStrictEqual(own, [], `${caseName} must not expect ${ruleId}`);
          else assert.fail(`fixture folders are named bad-* or ok-*: ${caseName}`);
        });

        const fixedFiles = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.fixed'));
        for (const fixed of fixedFiles) {
          const target = fixed.slice(0, -'.fixed'.length);
          it(`${caseName}: the safe fixes turn ${target} into ${fixed}`, async () => {
            const analysis = await analyseDirectory(dir);
            const file = path.join(dir, target);
            const fixable = analysis.findings.filter((f) => f.location.file === file && f.fixes.some((x) => x.safety === 'safe'));
            assert.ok(fixable.length > 0, 'some finding has a safe fix');
            const edits = fixable.flatMap((f) => f.fixes.find((x) => x.safety === 'safe')!.edits);
            assert.ok(edits.every((e) => e.file === file), 'safe fixes edit only the flagged file');
            const result = applyEdits(fs.readFileSync(file, 'utf8'), edits);
            assert.strictEqual(result, fs.readFileSync(path.join(dir, fixed), 'utf8'));

            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-fix-'));
            try {
              copyDir(dir, tmp);
              fs.writeFileSync(path.join(tmp, target), result);
              const after = await analyseDirectory(tmp);
              const remaining = after.findings.map((f) => `${f.ruleId}: ${f.message}`);
              for (const f of fixable) assert.ok(!remaining.includes(`${f.ruleId}: ${f.message}`), `fixed: ${f.message}`);
              assert.deepStrictEqual(after.skipped, [], 'the fixed file still parses');
            } finally {
              fs.rmSync(tmp, { recursive: true, force: true });
            }
          });
        }
      }
    });
  }

  it('index-duplicate: a Sequelize unique index is named as Sequelize writes it', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'index-duplicate', 'bad-sequelize-typescript-unique-index-on-unique-column'));
    const [found] = analysis.findings.filter((f) => f.ruleId === 'index-duplicate');
    assert.match(found.message, /: a unique index on "handle" duplicates unique: true on "handle",/);
  });

  it('model-not-migrated: a table a migration dropped is said to be dropped there, not never created', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'model-not-migrated', 'bad-typeorm-join-table-dropped-by-migration'));
    const [found] = analysis.findings.filter((f) => f.ruleId === 'model-not-migrated');
    assert.match(found.message, /"public\.task_members" is dropped by a migration and created by none after it/);
    assert.deepStrictEqual(found.related?.map((r) => [path.basename(r.location.file), r.location.range.start.line + 1]), [['1710000000000-AssigneesIntoArray.ts', 7]]);
  });

  it('model-not-migrated / migration-not-modeled: a near name with the same columns is offered as the table meant; one with other columns is not', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'model-not-migrated', 'bad-typeorm-entity-named-apart-from-its-migration'));
    const byRule = (rule: string, file: string) => analysis.findings.filter((f) => f.ruleId === rule && f.location.file.endsWith(file));
    const [project] = byRule('model-not-migrated', 'project.entity.ts');
    assert.match(project.message, /while the migrations create "public\.projects" with its columns, which no model maps.*Did you mean "public\.projects"\?$/);
    assert.deepStrictEqual(project.related?.map((r) => [path.basename(r.location.file), r.location.range.start.line + 1]), [['1716000000000-Init.ts', 8]]);
    const [tag] = byRule('model-not-migrated', 'tag.entity.ts');
    assert.doesNotMatch(tag.message, /Did you mean/);
    const [projects, , tags] = byRule('migration-not-modeled', '1716000000000-Init.ts').sort((a, b) => a.location.range.start.line - b.location.range.start.line);
    assert.match(projects.message, /Model Project \(table "public\.project"\), whose table no migration creates, has its columns: did it mean this table\?$/);
    assert.doesNotMatch(tags.message, /did it mean/);
    const [dueDate] = byRule('model-not-migrated', 'task.entity.ts');
    assert.match(dueDate.message, /^Column "due-date" of model Task \(table "public\.tasks"\) is added by no migration, while the migrations add "due_date", which the model does not declare.*Did you mean "due_date"\?$/);
    const [addedDueDate] = byRule('migration-not-modeled', '1716000000000-Init.ts').filter((f) => f.message.includes('"due_date"'));
    assert.match(addedDueDate.message, /The model declares "due-date", which no migration adds: did it mean this column\?$/);
  });

  it('model-not-migrated: where the application syncs the schema at startup, a table or column the migrations lack is info; a sync only in development or in a script leaves it an error', async () => {
    /** The fixture's (first) model-not-migrated finding: an info naming the sync at `syncedAt`, or an error that names none. */
    const expectSync = async (fixture: string, syncedAt: string | undefined) => {
      const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'model-not-migrated', fixture));
      const [finding] = analysis.findings.filter((f) => f.ruleId === 'model-not-migrated');
      assert.ok(finding, `${fixture}: a model-not-migrated finding`);
      if (syncedAt === undefined) {
        assert.strictEqual(finding.severity, 'error', fixture);
        assert.doesNotMatch(finding.message, /at startup/, fixture);
        return;
      }
      assert.strictEqual(finding.severity, 'info', fixture);
      const at = syncedAt.replace(/[.]/g, '\\.');
      assert.match(finding.message, new RegExp(`The application makes it itself at startup \\(${at} syncs the schema with the models\\)`), fixture);
    };
    await expectSync('bad-sequelize-application-syncs-at-startup', 'db.js:10');
    await expectSync('bad-sequelize-sync-only-in-development', undefined);
    // The application's entry file (`server.js`), which reads no model itself, syncs sequelize-cli's instance.
    await expectSync('bad-sequelize-cli-app-syncs-in-its-entry-file', 'server.js:10');
    // A plain `sync()` creates missing tables only: a column the migrations lack stays missing.
    await expectSync('bad-sequelize-plain-sync-adds-no-column', undefined);
    // An instance under a name of its own (`connection.define(…)`, `connection.sync()`); another object's `sync` is not one.
    await expectSync('bad-sequelize-instance-named-connection-syncs', 'Bin.ts:11');
    await expectSync('bad-sequelize-other-object-syncs', undefined);
    // Egg.js's `app.model` is egg-sequelize's instance, synced in the application's `beforeStart` hook.
    await expectSync('bad-egg-sequelize-app-syncs-before-start', 'app.js:6');
    // NestJS's SequelizeModule syncs the models it loads unless told not to (`synchronize: false`).
    await expectSync('bad-sequelize-nest-module-synchronizes', 'app.module.ts:10');
    await expectSync('bad-sequelize-nest-module-synchronize-off', undefined);
    // Options spread from another module may turn it off: no sync is assumed.
    await expectSync('bad-sequelize-nest-module-options-spread', undefined);
    await expectSync('bad-typeorm-data-source-synchronizes', 'data-source.ts:10');
    await expectSync('bad-typeorm-ormconfig-synchronizes', 'ormconfig.js:5');
  });

  it('migration-not-modeled: a column the model lacks is info where the application syncs its columns at startup (which drops it there); a plain sync leaves it a warning', async () => {
    const finding = async (fixture: string) => {
      const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'migration-not-modeled', fixture));
      const [found] = analysis.findings.filter((f) => f.ruleId === 'migration-not-modeled');
      assert.ok(found, `${fixture}: a migration-not-modeled finding`);
      return found;
    };
    const dropped = await finding('bad-typeorm-column-dropped-by-synchronize');
    assert.strictEqual(dropped.severity, 'info');
    assert.match(dropped.message, /The application drops it itself at startup \(data-source\.ts:10 syncs the schema with the models, removing the columns they lack\)/);
    const kept = await finding('bad-sequelize-column-kept-by-plain-sync');
    assert.strictEqual(kept.severity, 'warning');
    assert.doesNotMatch(kept.message, /at startup/);
  });

  it('migration-duplicate-create: a Sequelize createTable over a table there already fails nothing (IF NOT EXISTS) and changes nothing: a warning that says so, not an error', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'migration-duplicate-create', 'bad-sequelize-table-created-again-does-nothing'));
    const [again] = analysis.findings.filter((f) => f.ruleId === 'migration-duplicate-create');
    assert.strictEqual(again.severity, 'warning');
    assert.match(again.message, /^Migration "20240201000000-rename-category-sizes" \(20240201000000-rename-category-sizes\.js\) creates table "public\.CategorySizes" again: it already exists at this point of the chain \(created at 20240101000000-create-category-sizes\.js:4\)\. Sequelize creates a table only where none of that name exists \(CREATE TABLE IF NOT EXISTS\), so this one does nothing: the table keeps the columns its first creation gave it/);
    assert.doesNotMatch(again.message, /fails/);
    // The table as the first migration made it: `isDeleted` without the default the second one declares.
    const table = analysis.migrations[0].schema.tables.find((t) => t.name === 'CategorySizes')!;
    assert.strictEqual(table.columns.find((c) => c.name === 'isDeleted')?.serverDefault, undefined);
  });

  it('table-no-primary-key: of a monorepo\'s SQLite app beside PostgreSQL ones, nothing is said of logical replication', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'migration-reference-missing', 'ok-typeorm-sqlite-app-beside-a-postgresql-one'));
    const [keyless] = analysis.findings.filter((f) => f.ruleId === 'table-no-primary-key');
    assert.match(keyless.message, /^Model Reading \(table "readings"\) has no primary key: TypeORM refuses to load an entity without a primary column and duplicate rows cannot be told apart \(evidence: models\)\.$/);
  });

  it('table-no-primary-key: a key only the model declares is reported where the migrations make the table — info with a unique key, said of the ORM where it makes the join table', async () => {
    const sequelize = await analyseDirectory(path.join(RULE_FIXTURES, 'table-no-primary-key', 'bad-sequelize-key-only-in-the-model'));
    const found = (analysis: typeof sequelize, file: string) => analysis.findings.find((f) => f.ruleId === 'table-no-primary-key' && f.location.file.endsWith(file))!;
    const accounts = found(sequelize, '20240301000000-create-accounts.js');
    assert.strictEqual(accounts.severity, 'info');
    assert.match(accounts.message, /^The migrations leave "public\.accounts" without a primary key, though model Account \(table "public\.accounts"\) declares "id" as its key: only a unique (?:constraint|index) on "id" keeps its rows apart/);
    assert.deepStrictEqual(accounts.related?.map((r) => [path.basename(r.location.file), r.location.range.start.line + 1]), [['account.js', 8]]);
    assert.strictEqual(found(sequelize, '20240301000100-create-sessions.js').severity, 'warning');
    const typeorm = await analyseDirectory(path.join(RULE_FIXTURES, 'table-no-primary-key', 'bad-typeorm-join-table-keyed-only-by-typeorm'));
    assert.match(found(typeorm, '1715000000000-Catalog.ts').message, /though TypeORM keys the join table it makes on \(product_id, category_id\)/);
    const identity = await analyseDirectory(path.join(RULE_FIXTURES, 'table-no-primary-key', 'bad-typeorm-replica-identity-without-a-key'));
    assert.match(found(identity, '1714000000000-MemberTeams.ts').message, /duplicate rows cannot be told apart \(its replica identity is FULL\)/);
  });

  it('drift-column: on SQLite, tables are named as the code names them, without the default schema (never in a fix\'s edits)', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'drift-column', 'bad-sequelize-sqlite-tables-named-without-schema'));
    const [found] = analysis.findings.filter((f) => f.ruleId === 'drift-column');
    assert.match(found.message, /^Column "version" of model t_service \(table "t_service"\) differs from what the migrations create/);
    const words = [found.message, ...found.related.map((r) => r.message), ...found.fixes.map((f) => f.title)];
    assert.ok(words.every((w) => !w.includes('"public.')), words.join('\n'));
  });

  it('migration-not-modeled: a column the model now declares VIRTUAL is said to be computed by the model, shown where it is declared', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'migration-not-modeled', 'bad-sequelize-column-now-virtual'));
    const [found] = analysis.findings.filter((f) => f.ruleId === 'migration-not-modeled');
    assert.match(found.message, /but model Collective \(table "public\.Collectives"\) declares "githubHandle" VIRTUAL: computed by the model, never read from the column nor written to it\./);
    assert.deepStrictEqual(found.related?.map((r) => [path.basename(r.location.file), r.location.range.start.line + 1, r.message]), [['collective.js', 7, '"githubHandle" is declared VIRTUAL here']]);
  });

  it('drift-column: what the migrations leave of a column is shown where a migration last changed it', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'drift-column', 'bad-typeorm-default-changed-by-later-migration'));
    const [found] = analysis.findings.filter((f) => f.ruleId === 'drift-column');
    assert.match(found.message, /\(1721000000000-SingleByDefault\.ts:6\)/);
    assert.deepStrictEqual(found.related?.map((r) => [path.basename(r.location.file), r.location.range.start.line + 1]), [['1721000000000-SingleByDefault.ts', 6]]);
  });

  it('fk-missing-index: an index that holds the key, but not first, is named, with why it does not serve', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'fk-missing-index', 'bad-typeorm-key-held-second-by-a-composite-index'));
    const [found] = analysis.findings.filter((f) => f.ruleId === 'fk-missing-index');
    assert.match(found.message, /has no index that leads with it \(index "IDX_likes_photo_member" on \(photo_id, member_id\) holds it, but not first/);
    assert.deepStrictEqual(found.related?.map((r) => [path.basename(r.location.file), r.location.range.start.line + 1]), [['Like.ts', 7]]);
  });

  it('drift-column: a string only narrower in the database is info (it fails loudly), wider a warning', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'drift-column', 'bad-string-widths'));
    const severityAt = (line: number) => analysis.findings.find((f) => f.ruleId === 'drift-column' && f.location.range.start.line + 1 === line)?.severity;
    assert.strictEqual(severityAt(12), 'warning', 'String(80) in the model, text in the database');
    assert.strictEqual(severityAt(14), 'info', 'String(255) in the model, varchar(4) in the database');
  });

  it('fk-type-mismatch: another kind of type is an error; integer to bigint a warning on PostgreSQL, an error where the database refuses it', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'fk-type-mismatch', 'bad-key-types'));
    const severityAt = (line: number) => analysis.findings.find((f) => f.ruleId === 'fk-type-mismatch' && f.location.range.start.line + 1 === line)?.severity;
    assert.strictEqual(severityAt(37), 'error', 'String(36) referencing a uuid');
    assert.strictEqual(severityAt(38), 'warning', 'Integer referencing a BigInteger: PostgreSQL creates the key');
    const integer: ColumnType = { name: 'integer', written: 'Integer' };
    const bigint: ColumnType = { name: 'bigint', written: 'BigInteger' };
    assert.strictEqual(typeMismatch(integer, bigint, 'mysql')?.severity, 'error');
    assert.strictEqual(typeMismatch(integer, bigint, 'mssql')?.severity, 'error');
    assert.strictEqual(typeMismatch(integer, bigint, 'sqlite'), undefined);
  });

  it('migration-duplicate-create: what a try body does is not conditional when every handler raises again (a migration that fails never ran)', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'migration-duplicate-create', 'bad-created-again-in-try-that-reraises'));
    const found = analysis.findings.filter((f) => f.ruleId === 'migration-duplicate-create');
    assert.deepStrictEqual(found.map((f) => [f.location.range.start.line + 1, f.severity]), [[18, 'error']], 'fails on a clean database: an error, not a redundant guard');
  });

  it('migration-duplicate-create: a test of an upgrade() parameter that defaults to None is decided as Alembic calls it (no argument): nothing after `if op is None: return` runs, and what follows `if engine is not None: return` always does', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'migration-duplicate-create', 'bad-checkpoint-migration-skipped-by-alembic'));
    const found = analysis.findings.filter((f) => f.ruleId === 'migration-duplicate-create');
    assert.deepStrictEqual(found.map((f) => [path.basename(f.location.file), f.location.range.start.line + 1, f.severity]), [['0003_agent_notes.py', 22, 'error']]);
  });

  it('migration-reference-missing: a column a later migration adds is said to be added later (where), not suggested as a name meant', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'migration-reference-missing', 'bad-sequelize-constraint-before-its-column'));
    const [finding] = analysis.findings.filter((f) => f.ruleId === 'migration-reference-missing');
    assert.ok(!/Did you mean/.test(finding.message), finding.message);
    assert.match(finding.message, /"20240103000000-shipments-carrier-column" \(20240103000000-shipments-carrier-column\.js\) adds it, later in the chain: sequelize-cli runs migrations in the order of their file names/);
    assert.deepStrictEqual(finding.related?.map((r) => [path.basename(r.location.file), r.location.range.start.line + 1, r.message]).slice(1), [['20240103000000-shipments-carrier-column.js', 5, '"carrierId" is added here, by a later migration']]);
  });

  it('migration-reference-missing: code a migration runs with exec() is Unknown, listed as unread', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'migration-reference-missing', 'ok-first-migration-runs-generated-code'));
    assert.deepStrictEqual(coverageOf(analysis.models, analysis.migrations).unread.map((u) => `${path.basename(u.location.file)}:${u.location.range.start.line + 1} ${u.what}`), ['0001_init.py:30 migration operation: code run by exec()']);
  });

  it('CREATE TABLE … AS SELECT from a table the replay knows is read (listed as unread only when the table it copies is not known), dropped later or not', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-copies-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      };
      write('db/migration/V1__init.sql', 'create table members (id bigint primary key, email text);\n');
      write('db/migration/V2__backup.sql', 'create table members_backup as select * from members with no data;\ncreate table legacy_copy as select * from legacy_members;\n');
      write('db/migration/V3__cleanup.sql', 'drop table members_backup;\n');
      const analysis = await analyseDirectory(root);
      assert.deepStrictEqual(coverageOf(analysis.models, analysis.migrations).unread.map((u) => `${path.basename(u.location.file)}:${u.location.range.start.line + 1} ${u.what}`), [
        'V2__backup.sql:2 columns of table "legacy_copy": some are built by code that cannot be evaluated here',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('sqlalchemy-helpers\' Base (a library\'s declarative base, read from the stub Schema Sense ships) lends no column: every construct is read', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'fk-missing-index', 'bad-library-declarative-base'));
    assert.deepStrictEqual(coverageOf(analysis.models, analysis.migrations).unread.map((u) => u.what), []);
    assert.deepStrictEqual(analysis.models.tables.find((t) => t.name === 'packages')?.columns.map((c) => c.name), ['id', 'distro_id', 'name']);
  });

  it('__table_args__ ending with another class\'s options (`(Index(…), AuditBase.__table_args__)`) is read: its schema, no Unknown', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'index-redundant-prefix', 'bad-table-args-end-with-another-classes-options'));
    assert.deepStrictEqual(coverageOf(analysis.models, analysis.migrations).unread.map((u) => u.what), [], 'every construct is read');
    assert.deepStrictEqual(analysis.models.tables.map((t) => `${t.schema}.${t.name}`), ['audit.events']);
  });

  it('index-duplicate: the same unnamed TypeORM index declared twice is one name created twice (checked with TypeORM: the second CREATE INDEX fails), not two indexes', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'index-duplicate', 'bad-typeorm-index-declared-twice'));
    const found = analysis.findings.filter((f) => f.ruleId === 'index-duplicate');
    assert.strictEqual(found.length, 1);
    assert.match(found[0].message, /declared twice: .* get the same name from TypeORM/);
    assert.doesNotMatch(found[0].message, /every write maintains both/);
  });

  it('index-duplicate: a unique index on a one-to-one\'s join column names the constraint TypeORM adds (no `unique: true` is written)', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'index-duplicate', 'bad-typeorm-unique-index-on-one-to-one'));
    const found = analysis.findings.filter((f) => f.ruleId === 'index-duplicate');
    assert.strictEqual(found.length, 1);
    assert.match(found[0].message, /@Index\({ unique: true }\) on "accountId" duplicates the one-to-one's unique constraint on "accountId"/);
    assert.match(found[0].related?.[0].message ?? '', /^the one-to-one's unique constraint on "accountId" is declared here$/);
    // An EntitySchema's one-to-one, its join column unique: true as well.
    const schema = await analyseDirectory(path.join(RULE_FIXTURES, 'index-duplicate', 'bad-typeorm-entity-schema-one-to-one-also-unique'));
    const [duplicate] = schema.findings.filter((f) => f.ruleId === 'index-duplicate');
    assert.match(duplicate.message, /the one-to-one's unique constraint on "publishedReleaseId" duplicates unique: true on "publishedReleaseId"/);
  });

  it('index-duplicate: an index named as PostgreSQL names the constraint\'s own (generated entities) says the database made otherwise has one', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'index-duplicate', 'bad-typeorm-entities-generated-from-the-database'));
    const found = analysis.findings.filter((f) => f.ruleId === 'index-duplicate').map((f) => f.message);
    assert.strictEqual(found.length, 3);
    assert.ok(found.some((m) => /Its name, "guardians_pkey", is the one PostgreSQL gives the primary key's own index/.test(m)), found.join('\n'));
    assert.ok(found.some((m) => /Its name, "guardians_email_key", is the one PostgreSQL gives the unique constraint's own index/.test(m)), found.join('\n'));
    assert.ok(found.every((m) => /that database has one index/.test(m)));
  });

  it('type-inconsistent: a table two entity classes map is named once in the message (each class is a related location)', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'type-inconsistent', 'bad-typeorm-two-entities-of-one-table'));
    const found = analysis.findings.filter((f) => f.ruleId === 'type-inconsistent');
    assert.strictEqual(found.length, 1);
    assert.match(found[0].message, /but varchar\(20\) in "public\.tickets": /);
    assert.strictEqual(found[0].related?.length, 2);
  });

  it('Sequelize addIndex fields given as { name, order } are read (the index covers its columns), not Unknown', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'fk-missing-index', 'ok-sequelize-migration-index-fields-with-order'));
    assert.deepStrictEqual(coverageOf(analysis.models, analysis.migrations).unread.map((u) => u.what), [], 'every construct is read');
  });

  it('a helper defined inside upgrade() is read where it is called; an ORM session factory configured with the connection, a TypeORM runner\'s own transaction calls change no schema: no Unknown', async () => {
    for (const fixture of ['bad-alembic-helper-defined-inside-upgrade', 'bad-alembic-orm-session-configured-with-the-connection', 'ok-typeorm-migration-in-its-own-transaction']) {
      const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'drift-column', fixture));
      assert.deepStrictEqual(coverageOf(analysis.models, analysis.migrations).unread.map((u) => u.what), [], `${fixture}: every construct is read`);
    }
  });

  it('ForeignKey(System.id_field_path), a @declared_attr string built from the table name, references system.id: read, not Unknown', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'fk-missing-index', 'bad-foreign-key-through-a-table-name-string'));
    assert.deepStrictEqual(coverageOf(analysis.models, analysis.migrations).unread.map((u) => u.what), [], 'every construct is read');
    const fk = analysis.models.tables.find((t) => t.name === 'asset')?.foreignKeys[0];
    assert.deepStrictEqual(fk && [fk.columns, fk.target.table, fk.target.columns], [['system_id'], 'system', ['id']]);
  });

  it('table-no-primary-key: a unique key over NOT NULL columns (a key in all but name) is info, a nullable one a warning', async () => {
    const analysis = await analyseDirectory(path.join(RULE_FIXTURES, 'table-no-primary-key', 'bad-unique-key-not-declared'));
    const severityAt = (line: number) => analysis.findings.find((f) => f.ruleId === 'table-no-primary-key' && f.location.range.start.line + 1 === line)?.severity;
    assert.strictEqual(severityAt(21), 'info', 'a claims table whose job_id alone is unique');
    assert.strictEqual(severityAt(31), 'info', 'settings with a unique NOT NULL name');
    assert.strictEqual(severityAt(40), 'warning', 'unique on a column that may be NULL');
  });

  it('drift-column: a default Sequelize computes in JavaScript (an imported UUIDV4, NOW) is no column default, not Unknown', async () => {
    const dir = path.join(RULE_FIXTURES, 'drift-column', 'ok-sequelize-defaults-computed-in-javascript');
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(coverageOf(analysis.models, analysis.migrations).unread.map((u) => u.what), [], 'every construct is read');
    const issuedAt = analysis.models.tables.find((t) => t.name === 'tickets')?.columns.find((c) => c.name === 'issuedAt');
    assert.ok(issuedAt && issuedAt.serverDefault === undefined, 'no server default in the model');
  });

  it('every rule has triggering and silent fixtures', () => {
    for (const rule of allRules) {
      const dir = path.join(RULE_FIXTURES, rule.id);
      assert.ok(fs.existsSync(dir), `fixtures for ${rule.id}`);
      const cases = fs.readdirSync(dir);
      assert.ok(cases.some((c) => c.startsWith('bad-')), `${rule.id} has a bad-* fixture`);
      assert.ok(cases.some((c) => c.startsWith('ok-')), `${rule.id} has an ok-* fixture`);
    }
  });
});
