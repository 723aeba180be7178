/**
 * Runs the end-to-end suite (test/e2e/suite) inside a real VS Code: the VS Code server that the
 * npm package code-server ships (1.100.x, Node 20), its workbench opened in Debian's Chromium
 * driven headless by playwright-core. Schema Sense is what a user installs: this machine's platform
 * VSIX (scripts/package.mjs), installed with VS Code's own `--install-extension`; the development
 * path is an empty host extension, there only because VS Code runs a test suite from one. The suite
 * runs in the real Node extension host; its result is this command's exit code. Screenshots the
 * suite asks for go to test-results/e2e/.
 *
 * Where code-server or Chromium is missing, it says what to install and exits 0 — except in CI
 * (CI=true), where the suite must run and their absence is a failure.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER_MAIN = path.join(REPO_ROOT, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const CHROMIUM = process.env.SCHEMASENSE_E2E_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const WORKSPACE_SOURCE = path.join(REPO_ROOT, 'examples', 'sqlalchemy-app');
const TIMEOUT_MS = 240_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function ready(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', timeout: 1000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function missing(): string | undefined {
  if (!fs.existsSync(SERVER_MAIN)) return 'code-server is not installed (an optional dependency: it needs Debian\'s libkrb5-dev, and `node tools/seed-ripgrep-cache.js` before `npm ci`; see README)';
  if (!fs.existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (Debian: apt-get install chromium)`;
  return undefined;
}

async function main(): Promise<number> {
  const absent = missing();
  if (absent) {
    if (process.env.CI === 'true') {
      console.error(`e2e: FAILED: ${absent}. CI must run the end-to-end suite.`);
      return 1;
    }
    console.log(`e2e: not run here: ${absent}. CI runs it.`);
    return 0;
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-e2e-'));
  const dirs = Object.fromEntries(['data', 'user', 'extensions', 'tmp'].map((d) => [d, path.join(run, d)]));
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  // As on a desktop, others may traverse the temporary folder (PostgreSQL runs as its own user for root).
  for (const d of [run, dirs.tmp]) fs.chmodSync(d, 0o755);
  // A copy: the suite applies quick fixes.
  const workspace = path.join(run, 'sqlalchemy-app');
  fs.cpSync(WORKSPACE_SOURCE, workspace, { recursive: true });
  // The VSIX a user installs, installed as VS Code installs it.
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package.mjs'), '--out', run], { cwd: REPO_ROOT, stdio: 'pipe' });
  const vsix = fs.readdirSync(run).find((f) => f.endsWith('.vsix'));
  if (!vsix) throw new Error('scripts/package.mjs wrote no VSIX');
  execFileSync(process.execPath, [SERVER_MAIN, '--install-extension', path.join(run, vsix), '--extensions-dir', dirs.extensions, '--accept-server-license-terms'], { stdio: 'pipe' });
  const port = await freePort();
  let server: ChildProcess | undefined;
  let browser: import('playwright-core').Browser | undefined;
  const log = fs.createWriteStream(path.join(ARTIFACTS, 'vscode-server.log'));
  try {
    server = spawn(process.execPath, [
      SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
      '--disable-telemetry', '--disable-workspace-trust', '--server-data-dir', dirs.data, '--user-data-dir', dirs.user, '--extensions-dir', dirs.extensions,
    ], {
      detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env, TMPDIR: dirs.tmp, EXTENSIONS_GALLERY: '{}', SCHEMASENSE_E2E_ARTIFACTS: ARTIFACTS, SCHEMASENSE_E2E_EXTENSIONS: dirs.extensions,
        SCHEMASENSE_CACHE: 'off', DATABASE_URL: '',
      },
    });
    server.stdout!.pipe(log);
    server.stderr!.pipe(log);
    const started = Date.now();
    while (!(await ready(port))) {
      if (Date.now() - started > 60_000 || server.exitCode !== null) throw new Error('the VS Code server did not start (see test-results/e2e/vscode-server.log)');
      await new Promise((r) => setTimeout(r, 250));
    }
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(path.join(REPO_ROOT, 'test', 'e2e', 'host'))],
      ['extensionTestsPath', remote(path.join(REPO_ROOT, 'out', 'test', 'e2e', 'suite', 'index.js'))],
      ['skipWelcome', 'true'],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--disable-default-apps', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Nothing leaves this machine: only the local server answers.
    await page.route('**/*', (route) => (new URL(route.request().url()).host === `127.0.0.1:${port}` ? route.continue() : route.abort()));
    let finish: (code: number) => void = () => undefined;
    const finished = new Promise<number>((resolve) => (finish = resolve));
    const shots: Promise<void>[] = [];
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      const shot = /SCHEMASENSE_SCREENSHOT (\S+)/.exec(text);
      if (shot) shots.push(page.screenshot({ path: path.join(ARTIFACTS, `${shot[1]}.png`) }).then(() => console.log(`e2e: screenshot test-results/e2e/${shot[1]}.png`)));
      else console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    await page.goto(url);
    const timer = setTimeout(() => finish(-1), TIMEOUT_MS);
    const code = await finished;
    clearTimeout(timer);
    await Promise.all(shots);
    if (code === -1) {
      await page.screenshot({ path: path.join(ARTIFACTS, 'timeout.png') }).catch(() => undefined);
      console.error(`e2e: FAILED: no result within ${TIMEOUT_MS / 1000} s (screenshot: test-results/e2e/timeout.png)`);
      return 1;
    }
    console.log(code === 0 ? 'e2e: passed in a real VS Code' : `e2e: FAILED (exit code ${code})`);
    return code;
  } finally {
    await browser?.close().catch(() => undefined);
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGKILL'); // the server and its extension hosts
      } catch {
        // already gone
      }
    }
    log.end();
    fs.rmSync(run, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`e2e: FAILED: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
