// Run before `npm ci` where the end-to-end suite runs (.ci/run does): code-server's postinstall
// installs VS Code's dependencies, and @vscode/ripgrep's postinstall downloads rg from GitHub
// unless its cache already holds the release archive. Machines that reach only the npm and Debian
// registries get Debian's rg 13.0.0 packed under the archive's name. (The end-to-end tests never
// search files: without a system rg, a stub that says so stands in.)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const cache = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
const archive = path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));

if (process.platform !== 'linux' || process.arch !== 'x64') process.exit(0); // other platforms download as usual
if (fs.existsSync(archive)) process.exit(0);
fs.mkdirSync(cache, { recursive: true });
const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-seed-'));
if (rg) fs.copyFileSync(rg, path.join(staging, 'rg'));
else fs.writeFileSync(path.join(staging, 'rg'), '#!/bin/sh\necho "rg: not installed (apt-get install ripgrep)" >&2\nexit 2\n');
fs.chmodSync(path.join(staging, 'rg'), 0o755);
execFileSync('tar', ['czf', archive, '-C', staging, 'rg']);
fs.rmSync(staging, { recursive: true, force: true });
console.log(`seed-ripgrep-cache: ${rg ?? 'a stub rg'} packed as ${archive}`);
