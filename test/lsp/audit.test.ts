/**
 * "Audit database" over real LSP stdio: the `schemasense/audit` request reads a real PostgreSQL,
 * reports progress, answers with the report in Markdown, JSON and SARIF, and publishes the
 * audit's own findings to the Problems panel; in an untrusted workspace it never connects; a
 * cancelled request stops the embedded database and says so.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/src/live/embedded';
import { TestLspClient } from '../helpers/lspClient';
import { FIXTURES } from '../helpers/paths';

interface AuditResponse {
  cancelled: boolean;
  reports: { root: string; error?: string; database?: { kind: string; describedAs: string }; counts?: Record<string, number>; markdown?: string; json?: string; sarif?: string }[];
}

describe('language server: audit', function () {
  this.timeout(60000);
  let server: EmbeddedDatabase;
  let url: string;
  let dir: string;
  let client: TestLspClient | undefined;

  before(async () => {
    server = await startEmbeddedPostgres();
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE behind');
    await admin.end();
    url = server.url.replace(/\/postgres$/, '/behind');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-audit-'));
    fs.cpSync(path.join(FIXTURES, 'rules', 'live-migrations-pending', 'bad-behind'), dir, { recursive: true });
    const loader = new Client({ connectionString: url });
    await loader.connect();
    await loader.query(fs.readFileSync(path.join(dir, 'live.sql'), 'utf8'));
    await loader.end();
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the database, reports progress, returns the report and publishes the live findings', async () => {
    client = new TestLspClient();
    const progress: string[] = [];
    client.connection.onNotification('schemasense/auditProgress', (p: { message: string }) => progress.push(p.message));
    await client.initialize(dir);
    const head = path.join(dir, 'alembic', 'versions', '0002_customer_phone.py');
    const response = await client.connection.sendRequest<AuditResponse>('schemasense/audit', { databaseUrl: url, source: 'the test', trusted: true });
    assert.strictEqual(response.cancelled, false);
    const [report] = response.reports;
    assert.strictEqual(report.error, undefined);
    assert.strictEqual(report.database!.kind, 'configured');
    assert.ok(!report.database!.describedAs.includes(new URL(url).password), 'no password in the response');
    assert.match(report.markdown!, /# Schema Sense audit/);
    assert.match(report.markdown!, /\| \[`live-migrations-pending`\]/);
    assert.ok(report.markdown!.includes(`${pathToFileURL(head).toString()}#L10`), 'each finding links to its line');
    assert.strictEqual(JSON.parse(report.sarif!).runs[0].results.length, 1);
    assert.ok(progress.some((m) => /Reading postgresql:\/\/postgres@127\.0\.0\.1:/.test(m)), progress.join(' | '));
    const uri = pathToFileURL(head).toString();
    await client.waitFor(() => (client!.diagnostics.get(uri) ?? []).some((d) => d.code === 'live-migrations-pending'), 'the live finding in the Problems panel');
  });

  it('in an untrusted workspace it never connects: the embedded replay serves', async () => {
    client = new TestLspClient();
    await client.initialize(dir);
    const response = await client.connection.sendRequest<AuditResponse>('schemasense/audit', { databaseUrl: url, trusted: false });
    assert.strictEqual(response.reports[0].database!.kind, 'embedded');
    assert.match(response.reports[0].markdown!, /All 2 migration\(s\) replay on an empty PostgreSQL/);
  });

  it('a cancelled audit answers "cancelled" and leaves no embedded database behind', async () => {
    client = new TestLspClient();
    const before = fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('schemasense-pg-'));
    await client.initialize(dir);
    const source = new CancellationTokenSource();
    client.connection.onNotification('schemasense/auditProgress', (p: { message: string }) => {
      if (/Starting the embedded/.test(p.message)) source.cancel();
    });
    const response = await client.connection.sendRequest<AuditResponse>('schemasense/audit', { trusted: false }, source.token);
    assert.strictEqual(response.cancelled, true);
    await client.stop();
    client = undefined;
    assert.deepStrictEqual(fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('schemasense-pg-')), before);
  });
});
