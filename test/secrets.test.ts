/**
 * No secret is printed: connection strings whose password holds characters a URL parser splits on
 * (an unencoded `@`, `/`, `#`, `?`) are refused before any connection, and no output format of the
 * CLI, nor any LSP message of an audit, carries any piece of the password — of these or of a valid
 * URL whose server cannot be reached.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { connectionProblem, redactText, redactUrl } from '../server/src/live/connectionString';
import { TestLspClient } from './helpers/lspClient';
import { REPO_ROOT } from './helpers/paths';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'sqlalchemy-app');
const CLI = path.join(REPO_ROOT, 'bin', 'schemasense.js');

/** Hostile URLs and the secret pieces none of whose text may appear anywhere. */
const HOSTILE: { url: string; secrets: string[]; refused: boolean }[] = [
  { url: 'postgresql://app:Pr0d@2024/SECRET@127.0.0.1:5432/app', secrets: ['Pr0d', 'SECRET'], refused: true },
  { url: 'postgresql://app:Hunter#2secret@127.0.0.1:1/app', secrets: ['Hunter', '2secret'], refused: true },
  { url: 'postgresql://app:why?notThis@127.0.0.1:1/app', secrets: ['notThis'], refused: true },
  { url: 'postgres://app:sl/ashSecret@127.0.0.1:1/app', secrets: ['ashSecret'], refused: true },
  { url: 'postgresql://app:Enc%40ded%2Fpw@127.0.0.1:1/app', secrets: ['Enc@ded/pw', 'Enc%40ded%2Fpw'], refused: false },
  { url: 'postgresql+psycopg2://app:PlainPassw0rd@127.0.0.1:1/app?sslmode=disable', secrets: ['PlainPassw0rd'], refused: false },
];

function assertNoSecret(text: string, secrets: string[], where: string): void {
  for (const s of secrets) assert.ok(!text.includes(s), `${where} shows "${s}":\n${text.slice(0, 2000)}`);
}

describe('secrets', function () {
  this.timeout(60000);

  it('refuses URLs the driver would misread, and redacts every URL to user@host:port/database', () => {
    for (const h of HOSTILE) {
      const normalised = h.url.replace(/^postgres(ql)?(\+\w+)?:/, 'postgresql:');
      assert.strictEqual(!!connectionProblem(normalised), h.refused, h.url);
      assertNoSecret(redactUrl(normalised), h.secrets, `redactUrl(${h.url})`);
      assertNoSecret(redactText(`could not connect to ${normalised} (password ${h.secrets.join(' ')})`, normalised), h.secrets, `redactText(${h.url})`);
    }
    assert.strictEqual(redactUrl('postgresql://app:pw@db.internal:6432/shop?sslmode=require'), 'postgresql://app@db.internal:6432/shop');
  });

  for (const format of ['text', 'json', 'sarif', 'markdown']) {
    it(`no password text in \`audit --format ${format}\`, stdout or stderr`, () => {
      for (const h of HOSTILE) {
        const r = spawnSync(process.execPath, [CLI, 'audit', EXAMPLE, '--database-url', h.url, '--format', format], {
          encoding: 'utf8', env: { ...process.env, SCHEMASENSE_CACHE: 'off', PGCONNECT_TIMEOUT: '2' }, timeout: 30000,
        });
        assert.notStrictEqual(r.status, 0, `${h.url}: the audit cannot succeed`);
        assertNoSecret(r.stdout + r.stderr, h.secrets, `audit --format ${format} with ${h.url}`);
        if (h.refused) assert.match(r.stderr, /cannot be used/, `${h.url} is refused with a reason`);
      }
    });
  }

  it('no password text in any LSP message of an audit; an explicit URL that is not PostgreSQL is an error, not another database', async () => {
    const client = new TestLspClient({ ...process.env, SCHEMASENSE_CACHE: 'off', DATABASE_URL: 'postgresql://other:OtherSecret@127.0.0.1:1/other' });
    const seen: string[] = [];
    client.connection.onNotification('schemasense/auditProgress', (p: unknown) => seen.push(JSON.stringify(p)));
    try {
      await client.initialize(EXAMPLE);
      for (const h of HOSTILE) {
        const response = await client.connection.sendRequest('schemasense/audit', { databaseUrl: h.url, source: 'the test', trusted: true });
        seen.push(JSON.stringify(response));
        assertNoSecret(seen.join('\n') + client.messages.join('\n') + client.stderr, h.secrets, `the LSP audit with ${h.url}`);
      }
      const response = await client.connection.sendRequest<{ reports: { error?: string; database?: unknown }[] }>('schemasense/audit', { databaseUrl: 'mysql://root:pw@localhost/app', source: 'the setting', trusted: true });
      assert.match(response.reports[0].error ?? '', /not a PostgreSQL URL/);
      assert.ok(!JSON.stringify(response).includes('other'), 'DATABASE_URL is not read instead');
    } finally {
      await client.stop();
    }
  });
});
