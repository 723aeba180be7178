import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dialectOfSql, SqlMigrationReader, tablesNamedIn } from '../server/src/analysis/sqlMigrations';
import type { AlembicMigrationFacts } from '../server/src/facts/alembic';
import { discoverFiles } from '../server/src/workspace/discover';
import { emptyConfig } from '../server/src/workspace/config';
import { analyseDirectory } from '../server/src/analysis/project';
import { foreignDdl } from '../server/src/parsers/sql/foreignDdl';

/** A workspace of the given files, its SQL chains read, then removed. */
async function chainsOf(files: Record<string, string>): Promise<{ root: string; chains: AlembicMigrationFacts[] }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-sql-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const { sqlMigrations } = await discoverFiles(root, emptyConfig());
    return { root, chains: await new SqlMigrationReader().chains(sqlMigrations) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Each operation as `kind table` (an Unknown one as `unknown: mentions`). */
function operationsOf(m: AlembicMigrationFacts): string[] {
  return m.operations.map((op) => (op.kind === 'unknown' ? `unknown: ${[...op.mentions].sort().join(',')}` : `${op.kind} ${'table' in op && op.table && typeof op.table === 'object' && 'name' in op.table ? op.table.name : ''}`.trim()));
}

describe('SQL migrations run by a tool outside the ORM', () => {
  it('names the tables their DDL creates, alters, indexes or references, quoted or not, without schema (for a chain not read)', () => {
    const sql = `CREATE TABLE IF NOT EXISTS "billing"."Invoices" (id uuid primary key, "customerId" uuid REFERENCES customers(id));
      alter table only line_items add column note text;
      create unique index concurrently if not exists ix_x on "Invoices" ("customerId");
      DROP TABLE legacy_rates;
      insert into audit_log values (1);`;
    assert.deepStrictEqual(tablesNamedIn(sql).sort(), ['customers', 'invoices', 'legacy_rates', 'line_items']);
  });

  it('finds Flyway, golang-migrate, Prisma Migrate and numbered-SQL folders by their file names, a chain per folder in its tool\'s order, each file read', async () => {
    const { root, chains } = await chainsOf({
      'db/flyway/V1__init.sql': 'create table accounts (id int primary key);',
      // Flyway's versions are numbers part by part: 1.10 after 1.9; repeatable migrations after all of them.
      'db/flyway/V1.10__later.sql': 'create index ix_orders_account on orders (account_id);',
      'db/flyway/V1.9__orders.sql': 'create table orders (id int primary key, account_id int references accounts(id));',
      'db/flyway/R__views.sql': 'create or replace view open_orders as select * from orders;',
      'db/flyway/notes.sql': 'create table ignored (id int);',
      // golang-migrate's versions are numbers: 10 after 9.
      'go/migrations/10_teams.up.sql': 'CREATE TABLE teams (id int);',
      'go/migrations/9_init.up.sql': 'CREATE TABLE users (id int);',
      'go/migrations/9_init.down.sql': 'DROP TABLE users;',
      'prisma/migrations/20240101_init/migration.sql': 'CREATE TABLE "Post" (id int);',
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"',
      // A `migration.sql` without Prisma's lock file beside its folder is no one's migration.
      'scripts/one-off/migration.sql': 'CREATE TABLE scratch (id int);',
      // Numbered SQL in a folder of migrations (dbmate, psql over the folder); not a `.down.sql`, not elsewhere.
      'db/migrations/20240101000000_add_teams.sql': 'create table if not exists public.teams (id bigint);',
      'db/migrations/20240101000000_add_teams.down.sql': 'drop table public.teams;',
      'reports/001_monthly.sql': 'select 1;',
    });
    const summary = chains.map((c) => `${c.sqlFileTool} ${path.relative(root, c.sqlChain!)} ${path.relative(c.sqlChain!, c.file)} <- ${c.downRevisions.map((d) => path.basename(d.id)).join(',')}: ${operationsOf(c).join('; ')}`);
    assert.deepStrictEqual(summary.sort(), [
      'Flyway db/flyway R__views.sql <- V1.10__later.sql: create-view open_orders',
      'Flyway db/flyway V1.10__later.sql <- V1.9__orders.sql: create-index orders',
      'Flyway db/flyway V1.9__orders.sql <- V1__init.sql: create-table orders',
      'Flyway db/flyway V1__init.sql <- : create-table accounts',
      'Prisma Migrate prisma/migrations 20240101_init/migration.sql <- : create-table Post',
      'golang-migrate go/migrations 10_teams.up.sql <- 9_init.up.sql: create-table teams',
      'golang-migrate go/migrations 9_init.up.sql <- : create-table users',
      'numbered SQL files db/migrations 20240101000000_add_teams.sql <- : create-table teams',
    ].map((s) => s.split('/').join(path.sep)).sort());
  });

  it('makes a folder of several databases\' files (popx: `.postgres.up.sql`, `.mysql.up.sql`) a chain per database, each with the files every database runs unless its own replaces one', async () => {
    const { root, chains } = await chainsOf({
      'migrations/sql/20200101000000000000_accounts.postgres.up.sql': 'CREATE TABLE accounts (id uuid PRIMARY KEY);',
      'migrations/sql/20200101000000000000_accounts.mysql.up.sql': 'CREATE TABLE accounts (id CHAR(36) PRIMARY KEY);',
      'migrations/sql/20200101000000000000_accounts.postgres.down.sql': 'DROP TABLE accounts;',
      // Every database's, but PostgreSQL's own version of it replaces it there.
      'migrations/sql/20200201000000000000_notes.up.sql': 'CREATE TABLE notes (id int PRIMARY KEY);',
      'migrations/sql/20200201000000000000_notes.postgres.up.sql': 'CREATE TABLE notes (id bigint PRIMARY KEY);',
      'migrations/sql/20200301000000000000_accounts_email.up.sql': 'ALTER TABLE accounts ADD COLUMN email VARCHAR(320);',
      'migrations/sql/20200401000000000000_accounts_email.autocommit.up.sql': 'CREATE INDEX accounts_email_idx ON accounts (email);',
      // An empty file (a database that needs nothing there): no operation, nothing Unknown.
      'migrations/sql/20200501000000000000_noop.postgres.up.sql': '',
      // The history the chain above replaced, beside it: not run.
      'migrations/legacy/20190101_accounts.postgres.up.sql': 'CREATE TABLE accounts (id int PRIMARY KEY);',
    });
    const summary = chains.map((c) => `${path.relative(root, c.sqlChain!).split(path.sep).join('/')} ${c.sqlDialect} ${path.basename(c.file)}: ${operationsOf(c).join('; ')}`);
    assert.deepStrictEqual(summary.sort(), [
      'migrations/sql/postgresql postgresql 20200101000000000000_accounts.postgres.up.sql: create-table accounts',
      'migrations/sql/postgresql postgresql 20200201000000000000_notes.postgres.up.sql: create-table notes',
      'migrations/sql/postgresql postgresql 20200301000000000000_accounts_email.up.sql: add-column accounts',
      'migrations/sql/postgresql postgresql 20200401000000000000_accounts_email.autocommit.up.sql: create-index accounts',
      'migrations/sql/postgresql postgresql 20200501000000000000_noop.postgres.up.sql: ',
      'migrations/sql/mysql mysql 20200101000000000000_accounts.mysql.up.sql: create-table accounts',
      'migrations/sql/mysql mysql 20200201000000000000_notes.up.sql: create-table notes',
      'migrations/sql/mysql mysql 20200301000000000000_accounts_email.up.sql: add-column accounts',
      'migrations/sql/mysql mysql 20200401000000000000_accounts_email.autocommit.up.sql: create-index accounts',
    ].sort());
  });

  it('after an edit of one file, reads that file again and no other', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-sql-'));
    try {
      const folder = path.join(root, 'db', 'migration');
      fs.mkdirSync(folder, { recursive: true });
      const [first, second] = [path.join(folder, 'V1__accounts.sql'), path.join(folder, 'V2__orders.sql')];
      fs.writeFileSync(first, 'create table accounts (id int primary key);');
      fs.writeFileSync(second, 'create table orders (id int primary key);');
      const reader = new SqlMigrationReader();
      await reader.chains([first, second]);
      // Both files change on disk; the editor says the second did.
      fs.writeFileSync(first, 'create table customers (id int primary key);');
      fs.writeFileSync(second, 'create table invoices (id int primary key);');
      const chains = await reader.chains([first, second], undefined, undefined, second);
      assert.deepStrictEqual(chains.map(operationsOf), [['create-table accounts'], ['create-table invoices']]);
      // Made anew without a hint (a scan), every file is read.
      assert.deepStrictEqual((await reader.chains([first, second])).map(operationsOf), [['create-table customers'], ['create-table invoices']]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads dbmate\'s up section alone, leaves psql\'s meta-commands out, and an included file Unknown', async () => {
    const { chains } = await chainsOf({
      'db/migrations/20240101000000_teams.sql': '-- migrate:up\ncreate table teams (id bigint primary key);\n\n-- migrate:down\ndrop table teams;\n',
      'db/migrations/20240102000000_members.sql': '\\set ON_ERROR_STOP on\ncreate table members (id bigint primary key, team_id bigint references teams(id));\n',
      'db/migrations/20240103000000_seed.sql': '\\i seed/teams.sql\n',
    });
    assert.deepStrictEqual(chains.map(operationsOf), [['create-table teams'], ['create-table members'], ['unknown: *']]);
    // Positions are the file's: the table of the second file is on its second line.
    assert.strictEqual(chains[1].operations[0].location.range.start.line, 1);
  });

  it('reads goose\'s and sql-migrate\'s up sections alone, and a Go migration among them as Unknown where it runs', async () => {
    const { chains } = await chainsOf({
      'db/migrations/00001_create_users.sql': '-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- +goose StatementEnd\n\n-- +goose Down\nDROP TABLE users;\n',
      'db/migrations/00002_backfill_users.go': 'package migrations\n',
      'db/migrations/00003_create_teams.sql': '-- +migrate Up\nCREATE TABLE teams (id bigint PRIMARY KEY);\n-- +migrate Down\nDROP TABLE teams;\n',
      'db/migrations/migrations_test.go': 'package migrations\n',
    });
    assert.deepStrictEqual(chains.map((c) => `${path.basename(c.file)}: ${operationsOf(c).join('; ')}`), [
      '00001_create_users.sql: create-table users',
      '00002_backfill_users.go: unknown: *',
      '00003_create_teams.sql: create-table teams',
    ]);
  });

  it('takes a Flyway placeholder for an Unknown part, and SQL PostgreSQL rejects for Unknown, not for a migration that fails', async () => {
    const { chains } = await chainsOf({
      'sql/V1__init.sql': 'create table ${prefix}_events (id bigint primary key);\ncreate table tags (id bigint primary key, label varchar(40) not null);\n',
      'sql/V2__mysql.sql': 'CREATE TABLE `notes` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;\n',
    });
    assert.deepStrictEqual(chains[0] && operationsOf(chains[0]), ['unknown: *_events,_events,bigint,create,id,key,primary,table', 'create-table tags']);
    // (MySQL's SQL: Unknown, for the table it names among its other words.)
    assert.ok(chains[1].operations.length === 1 && chains[1].operations[0].kind === 'unknown' && chains[1].operations[0].mentions.includes('notes'));
    // Where the placeholder's text ends, positions are the file's again.
    assert.strictEqual(chains[0].operations[1].location.range.start.line, 1);
    assert.ok(chains[1].operations.every((op) => op.kind !== 'unknown' || op.rejected === undefined));
  });

  it('reads statements about objects the schema model does not hold (publications, aggregates, types) as changing no table', async () => {
    const { chains } = await chainsOf({
      'sql/V1__init.sql': `create table members (id bigint primary key, tags text[]);
        create aggregate array_accum (anycompatiblearray) (sfunc = array_cat, stype = anycompatiblearray, initcond = '{}');
        create type member_score as (member_id bigint, score numeric);
        create domain short_text as varchar(80);
        create publication member_changes;
        alter publication member_changes add table members;`,
    });
    assert.deepStrictEqual(chains.map(operationsOf), [['create-table members']]);
  });

  it('reads a DO block as PostgreSQL\'s PL/pgSQL parser does: rows written in loops change nothing, DDL that runs once is replayed where it is, guarded after a RETURN; EXECUTE of one string constant runs that text; DDL that may run many times, in two exclusive arms, or built as text, leaves the block Unknown', async () => {
    const block = (body: string) => `DO $$\nDECLARE r RECORD; n BIGINT := 0;\nBEGIN\n${body}\nEND $$ LANGUAGE plpgsql;\n`;
    const { chains } = await chainsOf({
      'sql/V1__init.sql': 'create table members (id bigint primary key, email text);\n',
      'sql/V2__loop_then_index.sql': block(`  FOR r IN SELECT email FROM members GROUP BY email HAVING count(*) > 1 LOOP
    DELETE FROM members WHERE email = r.email AND id <> (SELECT min(id) FROM members WHERE email = r.email);
    n := n + 1;
  END LOOP;
  PERFORM pg_notify('fixes', n::text);
  CREATE UNIQUE INDEX ux_members_email ON members (email);`),
      'sql/V3__after_return.sql': block(`  IF NOT EXISTS (SELECT 1 FROM members) THEN
    RETURN;
  END IF;
  ALTER TABLE members ADD COLUMN verified boolean;`),
      'sql/V4__ddl_in_loop.sql': block(`  FOR r IN SELECT 1 LOOP
    ALTER TABLE members ADD COLUMN looped int;
  END LOOP;`),
      'sql/V5__two_arms.sql': block(`  IF n = 0 THEN
    ALTER TABLE members ADD COLUMN a int;
  ELSE
    ALTER TABLE members ADD COLUMN b int;
  END IF;`),
      'sql/V6__handler_changes.sql': block(`  BEGIN
    ALTER TABLE members ADD COLUMN c int;
  EXCEPTION WHEN duplicate_column THEN
    ALTER TABLE members ADD COLUMN c2 int;
  END;`),
      'sql/V7__procedure.sql': block('  CALL rebuild_members();'),
      // Text written whole is run as written; text built by code is not known.
      'sql/V8__constant_text.sql': block(`  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'nickname') THEN
    EXECUTE 'ALTER TABLE members ADD COLUMN nickname text DEFAULT ''none''';
  END IF;`),
      'sql/V9__built_text.sql': block(`  EXECUTE format('ALTER TABLE %I ADD COLUMN %I text', 'members', 'alias');`),
      // "If it is done already, say so; else change it": which arm runs is not known, and the change alters what exists.
      'sql/V10__done_or_alter.sql': block(`  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'id' AND column_default LIKE 'nextval%') THEN
    RAISE NOTICE 'already serial';
  ELSE
    ALTER TABLE members ALTER COLUMN id TYPE bigint;
  END IF;`),
    });
    const operations = chains.flatMap((m) => m.operations);
    const ops = (file: string) => operations.filter((op) => op.location.file.endsWith(file)).map((op) => `${op.kind}${op.guarded ? ' (guarded)' : ''}`);
    assert.deepStrictEqual(ops('V2__loop_then_index.sql'), ['use-table (guarded)', 'create-index']);
    const index = operations.find((op) => op.kind === 'create-index');
    // Where the statement is in the file (line 9, 0-based 8).
    assert.strictEqual(index?.location.range.start.line, 8);
    assert.deepStrictEqual(ops('V3__after_return.sql'), ['add-column (guarded)']);
    assert.deepStrictEqual(ops('V8__constant_text.sql'), ['add-column (guarded)']);
    for (const file of ['V4__ddl_in_loop.sql', 'V5__two_arms.sql', 'V6__handler_changes.sql', 'V7__procedure.sql', 'V9__built_text.sql', 'V10__done_or_alter.sql']) {
      assert.deepStrictEqual(ops(file).map((op) => op.split(' ')[0]), ['unknown'], file);
    }
  });

  it('tells the database a chain is written for from its SQL: one other dialect\'s grammar and none of PostgreSQL\'s, outside comments and strings', () => {
    assert.strictEqual(dialectOfSql(['CREATE TABLE a (id INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (id)) ENGINE=InnoDB;', 'CREATE TABLE b (id INT PRIMARY KEY);']), 'mysql');
    assert.strictEqual(dialectOfSql(['CREATE TABLE [dbo].[orders] ([id] INT IDENTITY(1,1) PRIMARY KEY);\nGO\n']), 'mssql');
    assert.strictEqual(dialectOfSql(['CREATE TABLE a (id bigserial PRIMARY KEY);', 'ALTER TABLE a ADD COLUMN `note` text;']), undefined, 'PostgreSQL\'s grammar somewhere: not another database\'s chain');
    assert.strictEqual(dialectOfSql(["-- adds the `status` column\nALTER TABLE orders ADD COLUMN status text DEFAULT 'ENGINE=x';"]), undefined, 'comments and strings say nothing');
    assert.strictEqual(dialectOfSql(['CREATE TABLE a (id int primary key);']), undefined);
  });

  it('stands one Unknown migration for a chain it does not read: Prisma\'s of another database, Supabase\'s', async () => {
    const { chains } = await chainsOf({
      'prisma/migrations/20240101_init/migration.sql': 'CREATE TABLE `Post` (`id` INTEGER NOT NULL);',
      'prisma/migrations/migration_lock.toml': 'provider = "mysql"',
      'supabase/migrations/20240101000000_profiles.sql': 'create table profiles (id uuid primary key references auth.users(id));',
    });
    assert.deepStrictEqual(chains.map((c) => [c.sqlFileTool, c.unreadChain, ...operationsOf(c)]).sort(), [
      ['Prisma Migrate', true, 'unknown: post'],
      ['Supabase', true, 'unknown: profiles,users'],
    ]);
  });

  it('replays ALTER TYPE … ADD VALUE and RENAME VALUE into the enum the chain made, as PostgreSQL keeps it', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-sql-enum-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      };
      write('db/flyway/V1__init.sql', "CREATE TYPE mood AS ENUM ('happy', 'sad');");
      // Added once whatever the guard; a rename keeps the value's place; another type is left alone.
      write('db/flyway/V2__more.sql', "ALTER TYPE mood ADD VALUE 'calm'; ALTER TYPE mood ADD VALUE IF NOT EXISTS 'calm'; ALTER TYPE public.mood RENAME VALUE 'sad' TO 'blue'; CREATE TYPE tone AS ENUM ('low');");
      const analysis = await analyseDirectory(root);
      const enums = analysis.migrations.flatMap((m) => m.schema.enums.map((e) => `${e.name}: ${e.values.join(',')}`));
      assert.deepStrictEqual(enums.sort(), ['mood: happy,blue,calm', 'tone: low']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('Another database\'s DDL, read by its words (foreignDdl)', () => {
  it('tells the tables MySQL DDL creates from those it needs, quoted or not, qualified or not', () => {
    assert.deepStrictEqual(foreignDdl('CREATE TABLE `payslips` (`id` int NOT NULL AUTO_INCREMENT, `note` varchar(20) DEFAULT \'a;b\', PRIMARY KEY (`id`)) ENGINE=InnoDB;\n'
      + 'ALTER TABLE `payslips` ADD CONSTRAINT `FK_1` FOREIGN KEY (`employeeId`) REFERENCES `hr`.`employees`(`id`);\n'
      + '-- a comment; with a semicolon\nCREATE UNIQUE INDEX `IDX_2` ON `Salaries` (`id`)'), { creates: ['payslips'], needs: ['payslips', 'employees', 'salaries'] });
    assert.deepStrictEqual(foreignDdl('CREATE TABLE IF NOT EXISTS [dbo].[Orders] ([Id] int, [CustomerId] int REFERENCES [Customers]([Id]))'), { creates: ['orders'], needs: ['customers'] });
  });

  it('says nothing of SQL with any other statement, or of a table made from another', () => {
    assert.strictEqual(foreignDdl('CREATE TABLE `a` (`id` int); RENAME TABLE `a` TO `b`'), undefined);
    assert.strictEqual(foreignDdl('CREATE TABLE `copy` AS SELECT * FROM `orders`'), undefined);
    assert.strictEqual(foreignDdl('CREATE TABLE `copy` LIKE `orders`'), undefined);
    assert.strictEqual(foreignDdl('  '), undefined);
  });
});
