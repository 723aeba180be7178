import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { foreignMigrationChains, tablesNamedIn } from '../server/src/analysis/foreignMigrations';
import { discoverFiles } from '../server/src/workspace/discover';
import { emptyConfig } from '../server/src/workspace/config';

describe('migrations of tools Schema Sense does not read', () => {
  it('names the tables their DDL creates, alters, indexes or references, quoted or not, without schema', () => {
    const sql = `CREATE TABLE IF NOT EXISTS "billing"."Invoices" (id uuid primary key, "customerId" uuid REFERENCES customers(id));
      alter table only line_items add column note text;
      create unique index concurrently if not exists ix_x on "Invoices" ("customerId");
      DROP TABLE legacy_rates;
      insert into audit_log values (1);`;
    assert.deepStrictEqual(tablesNamedIn(sql).sort(), ['customers', 'invoices', 'legacy_rates', 'line_items']);
  });

  it('finds Flyway, golang-migrate, Prisma Migrate and numbered-SQL folders by their file names, one chain standing for each folder', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-foreign-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      };
      write('db/flyway/V1__init.sql', 'create table accounts (id int primary key);');
      write('db/flyway/V1.1__more.sql', 'create table orders (id int primary key, account_id int references accounts(id));');
      write('db/flyway/notes.sql', 'create table ignored (id int);');
      write('go/migrations/0001_init.up.sql', 'CREATE TABLE users (id int);');
      write('go/migrations/0001_init.down.sql', 'DROP TABLE users;');
      write('prisma/migrations/20240101_init/migration.sql', 'CREATE TABLE "Post" (id int);');
      write('prisma/migrations/migration_lock.toml', 'provider = "postgresql"');
      // A `migration.sql` without Prisma's lock file beside its folder is no one's migration.
      write('scripts/one-off/migration.sql', 'CREATE TABLE scratch (id int);');
      // Numbered SQL in a folder of migrations (dbmate, Supabase, psql over the folder); not a `.down.sql`, not elsewhere.
      write('supabase/migrations/20240101000000_add_teams.sql', 'create table if not exists public.teams (id bigint);');
      write('supabase/migrations/20240101000000_add_teams.down.sql', 'drop table public.teams;');
      write('reports/001_monthly.sql', 'select 1;');
      const { foreignMigrations } = await discoverFiles(root, emptyConfig());
      const chains = await foreignMigrationChains(foreignMigrations);
      const summary = chains.map((c) => ({ tool: c.foreignTool, folder: path.relative(root, path.dirname(c.file)), mentions: [...(c.operations[0] as { mentions: string[] }).mentions].sort() }));
      assert.deepStrictEqual(summary.sort((a, b) => a.folder.localeCompare(b.folder)), [
        { tool: 'Flyway', folder: path.join('db', 'flyway'), mentions: ['accounts', 'orders'] },
        { tool: 'golang-migrate', folder: path.join('go', 'migrations'), mentions: ['users'] },
        { tool: 'Prisma Migrate', folder: path.join('prisma', 'migrations', '20240101_init'), mentions: ['post'] },
        { tool: 'numbered SQL files', folder: path.join('supabase', 'migrations'), mentions: ['teams'] },
      ]);
      assert.ok(chains.every((c) => c.operations.length === 1 && c.operations[0].kind === 'unknown'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
