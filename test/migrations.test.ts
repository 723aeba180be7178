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

  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const typeormMigration = (name: string, sql: string) =>
    `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name} implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(\`${sql}\`);\n  }\n\n  public async down(): Promise<void> {}\n}\n`;
  // Two folders of TypeORM migrations: the add-on's alters the table the application's makes.
  const twoFolders = (prefix = '') => {
    write(`${prefix}src/migration/1710000000000-Projects.ts`, typeormMigration('Projects1710000000000', 'CREATE TABLE "projects" ("id" SERIAL PRIMARY KEY)'));
    write(`${prefix}src/addon/migration/1710000000001-Tiers.ts`, typeormMigration('Tiers1710000000001', 'ALTER TABLE "projects" ADD "tier" varchar(20)'));
  };
  const chainTables = (analysis: Awaited<ReturnType<typeof analyseDirectory>>) =>
    analysis.migrations.map((m) => m.schema.tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(',')})`).join(' '));

  const migration = (revision: string) => `from alembic import op\n\nrevision = "${revision}"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n    pass\n`;

  it("TypeORM migrations of two folders one module lists for its data source are one chain, until the list leaves one out", async () => {
    twoFolders();
    const list = (both: boolean) => [
      "import { Projects1710000000000 } from '../migration/1710000000000-Projects';",
      ...(both ? ["import { Tiers1710000000001 } from '../addon/migration/1710000000001-Tiers';"] : []),
      '',
      `export const postgresMigrations = [Projects1710000000000${both ? ', Tiers1710000000001' : ''}];`,
      '',
    ].join('\n');
    write('src/migrations/index.ts', list(true));
    const { Project } = await import('../server/src/analysis/project');
    const project = new Project(dir);
    await project.scan();
    const chains = () => project.analyse().migrations.map((m) => `${path.relative(dir, m.root)}: ${m.schema.tables.map((t) => `${t.name}(${t.columns.map((c) => c.name).join(',')})`).join(' ')}`);
    assert.deepStrictEqual(chains(), ['src/addon/migration: projects(id,tier)']);
    const index = path.join(dir, 'src', 'migrations', 'index.ts');
    await project.update(index, list(false));
    // Apart, the add-on's chain alters a table it did not make (a baseline).
    assert.deepStrictEqual(chains().sort(), ['src/addon/migration: projects(tier)', 'src/migration: projects(id)']);
  });

  it('TypeORM migrations of two folders a data source lists itself are one chain, and the data source still names the dialect', async () => {
    twoFolders();
    write('src/data-source.ts', [
      "import { DataSource } from 'typeorm';",
      "import { Projects1710000000000 } from './migration/1710000000000-Projects';",
      "import { Tiers1710000000001 } from './addon/migration/1710000000001-Tiers';",
      '',
      "export default new DataSource({ type: 'mysql', url: process.env.DATABASE_URL, migrations: [Projects1710000000000, Tiers1710000000001] });",
      '',
    ].join('\n'));
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(chainTables(analysis), ['projects(id,tier)']);
    const { Project } = await import('../server/src/analysis/project');
    const project = new Project(dir);
    await project.scan();
    assert.strictEqual(project.dialect.dialect, 'mysql');
  });

  it("TypeORM migrations of two folders a data source's globs take (relative to the application's folder) are one chain", async () => {
    write('api/package.json', '{ "dependencies": { "typeorm": "^0.3.20" } }');
    twoFolders('api/');
    // Globs of the compiled output, run from the application's folder: the sources' migrations.
    write('api/src/data-source.ts', [
      "import { DataSource } from 'typeorm';",
      '',
      "export default new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, migrations: ['dist/migration/*.js', 'dist/addon/migration/*.js'] });",
      '',
    ].join('\n'));
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(chainTables(analysis), ['projects(id,tier)']);
  });

  it("a data source's globs built on __dirname (path.join, a template) take the folders they name into one chain", async () => {
    twoFolders();
    write('src/data-source.ts', [
      "import * as path from 'path';",
      "import { DataSource } from 'typeorm';",
      "export default new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, migrations: [path.join(__dirname, 'migration', '*.{ts,js}'), `${__dirname}/addon/**/*.{ts,js}`] });",
    ].join('\n'));
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(chainTables(analysis), ['projects(id,tier)']);
  });

  it('a data source glob no tool could use (an unclosed brace) joins nothing and breaks nothing', async () => {
    twoFolders();
    write('src/data-source.ts', [
      "import { DataSource } from 'typeorm';",
      "export default new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, migrations: [__dirname + '/{migration/x/*.ts'] });",
    ].join('\n'));
    const analysis = await analyseDirectory(dir);
    assert.deepStrictEqual(chainTables(analysis).sort(), ['projects(id)', 'projects(tier)']);
  });

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
