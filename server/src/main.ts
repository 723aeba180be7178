/** Entry point of dist/server.js: the CLI, whose `lsp` command is the language server. */
import { runCli } from './cli/main';
import { startLanguageServer } from './lsp/server';

const argv = process.argv.slice(2);
if (argv[0] === 'lsp' || argv.includes('--node-ipc')) {
  startLanguageServer();
} else {
  runCli(argv, (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`schemasense: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
