/**
 * The entry VS Code's extension host loads as `extensionTestsPath`: runs the end-to-end tests with
 * mocha inside the real extension host. Resolves when they pass, rejects when one fails; VS Code
 * turns that into the exit code the runner reports.
 */
import * as path from 'path';
import Mocha = require('mocha');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.e2e.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve()));
  });
}
