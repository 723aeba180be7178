import * as path from 'path';

/** The repository root, from out/test/... or test/... alike. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'server.js');
export const CLI = path.join(REPO_ROOT, 'bin', 'schemasense.js');
