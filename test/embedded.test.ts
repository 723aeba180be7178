/**
 * The embedded PostgreSQL never outlives its owner: the CLI and the language server are killed at
 * each stage of an embedded audit (while initdb runs, with the server up) by SIGINT, SIGTERM,
 * SIGKILL, LSP `exit` without `shutdown` and a closed input; afterwards no data folder, no password
 * file and no postgres process are left. The password never touches the shared temporary folder.
 */
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startEmbeddedPostgres, sweepAbandoned } from '../server/src/live/embedded';
import { TestLspClient } from './helpers/lspClient';
import { REPO_ROOT } from './helpers/paths';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'sqlalchemy-app');
const CLI = path.join(REPO_ROOT, 'bin', 'schemasense.js');

/** A private temporary folder (open to the postgres user when the tests run as root). */
function privateTmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-life-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

function leftovers(tmp: string): string[] {
  return fs.readdirSync(tmp).filter((e) => e.startsWith('schemasense-pg-') || e.startsWith('pg-password-'));
}

/** Processes whose command line names `text` (a data folder): none may survive their owner. */
function processesMentioning(text: string): string[] {
  const r = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes(text) && !l.includes('ps -eo'));
}

async function until(check: () => boolean, what: string, ms = 20000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The embedded server's folder in `tmp`, once the stage is reached. */
function stageReached(tmp: string, stage: 'initdb' | 'server'): string | undefined {
  const folder = fs.readdirSync(tmp).find((e) => e.startsWith('schemasense-pg-'));
  if (!folder) return undefined;
  const full = path.join(tmp, folder);
  // initdb's own backends write postmaster.pid while they run (it comes and goes during initdb); the
  // server writes postmaster.opts when it starts and leaves it when it stops. So: initdb's stage is a
  // data folder with no postmaster.opts yet; the server's, postmaster.opts with a postmaster.pid.
  const data = path.join(full, 'data');
  const serverStarted = fs.existsSync(path.join(data, 'postmaster.opts'));
  if (stage === 'server' ? serverStarted && fs.existsSync(path.join(data, 'postmaster.pid')) : fs.existsSync(data) && !serverStarted) return full;
  return undefined;
}

async function assertCleanedUp(tmp: string, folder: string): Promise<void> {
  await until(() => leftovers(tmp).length === 0 && processesMentioning(folder).length === 0, `the cleanup of ${folder}`, 8000)
    .catch(() => assert.fail(`left behind: ${JSON.stringify(leftovers(tmp))} ${processesMentioning(folder).join('; ')}`));
}

describe('embedded PostgreSQL lifecycle', function () {
  this.timeout(60000);
  const tmps: string[] = [];
  after(() => {
    for (const t of tmps) fs.rmSync(t, { recursive: true, force: true });
  });

  it('keeps its folder private and its password off the shared temporary folder', async () => {
    const tmp = privateTmp();
    tmps.push(tmp);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const db = await startEmbeddedPostgres();
      try {
        const [folder] = leftovers(tmp);
        const full = path.join(tmp, folder);
        assert.strictEqual(fs.statSync(full).mode & 0o777, 0o700, 'the folder is closed to others');
        assert.ok(!fs.existsSync(path.join(full, 'pwfile')), 'the password file is gone once initdb has read it');
        assert.deepStrictEqual(fs.readdirSync(tmp).filter((e) => e.startsWith('pg-password-')), []);
        assert.deepStrictEqual(fs.readdirSync(os.tmpdir()).filter((e) => e.startsWith('pg-password-')), []);
      } finally {
        await db.stop();
      }
      assert.deepStrictEqual(leftovers(tmp), []);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  for (const stage of ['initdb', 'server'] as const) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
      it(`the CLI killed by ${signal} during an embedded audit (${stage} stage) leaves nothing behind`, async () => {
        const tmp = privateTmp();
        tmps.push(tmp);
        const child = spawn(process.execPath, [CLI, 'audit', EXAMPLE], { env: { ...process.env, TMPDIR: tmp, SCHEMASENSE_CACHE: 'off' }, stdio: 'ignore' });
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code, sig) => resolve(code ?? (sig ? -1 : null))));
        let folder: string | undefined;
        await until(() => !!(folder = stageReached(tmp, stage)) || child.exitCode !== null, `the ${stage} stage`);
        assert.ok(folder, `the audit reached the ${stage} stage`);
        child.kill(signal);
        const code = await exited;
        if (signal === 'SIGINT') assert.strictEqual(code, 130, 'Ctrl-C ends the audit with the shell\'s code for it');
        if (signal === 'SIGTERM') assert.strictEqual(code, 143);
        await assertCleanedUp(tmp, folder!);
      });
    }
  }

  for (const how of ['exit without shutdown', 'closed input', 'SIGTERM', 'SIGKILL'] as const) {
    it(`the language server ended by ${how} during an embedded audit leaves nothing behind`, async () => {
      const tmp = privateTmp();
      tmps.push(tmp);
      const client = new TestLspClient({ ...process.env, SCHEMASENSE_CACHE: 'off', TMPDIR: tmp });
      await client.initialize(EXAMPLE);
      void client.connection.sendRequest('schemasense/audit', { trusted: false }).catch(() => undefined);
      let folder: string | undefined;
      await until(() => !!(folder = stageReached(tmp, 'server')), 'the embedded server');
      if (how === 'exit without shutdown') await client.connection.sendNotification('exit');
      else if (how === 'closed input') client.closeInput();
      else client.kill(how);
      await client.whenExited();
      client.connection.dispose();
      await assertCleanedUp(tmp, folder!);
    });
  }

  it('a start sweeps what an owner killed with its watchdog left behind', async () => {
    const tmp = privateTmp();
    tmps.push(tmp);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const folder = path.join(tmp, 'schemasense-pg-abandoned');
    fs.mkdirSync(path.join(folder, 'data'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'owner.json'), JSON.stringify({ pid: Number(dead.stdout) }));
    const living = path.join(tmp, 'schemasense-pg-living');
    fs.mkdirSync(living);
    fs.writeFileSync(path.join(living, 'owner.json'), JSON.stringify({ pid: process.pid }));
    assert.deepStrictEqual(sweepAbandoned(tmp), [folder]);
    assert.ok(fs.existsSync(living), 'a folder whose owner lives is left alone');
  });
});
