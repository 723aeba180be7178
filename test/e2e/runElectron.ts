/**
 * The same end-to-end suite in desktop VS Code, for machines that can download it:
 * @vscode/test-electron fetches a VS Code build and runs test/e2e/suite in its extension host.
 * (This project's CI reaches only the npm and Debian registries: it runs the suite in
 * code-server's VS Code instead, with run.ts.) `npm run test:e2e:electron`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-e2e-electron-'));
  const workspace = path.join(run, 'sqlalchemy-app');
  fs.cpSync(path.join(REPO_ROOT, 'examples', 'sqlalchemy-app'), workspace, { recursive: true });
  const artifacts = path.join(REPO_ROOT, 'test-results', 'e2e-electron');
  fs.mkdirSync(artifacts, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'e2e', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(run, 'user')],
      // No runner takes screenshots here: the suite skips them when this is unset.
      extensionTestsEnv: { SCHEMASENSE_CACHE: 'off', DATABASE_URL: '' },
    });
  } finally {
    fs.rmSync(run, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`e2e (desktop VS Code): FAILED: ${(e as Error).message}`);
  process.exit(1);
});
