/** Entry point of dist/server.js: the CLI, whose `lsp` command is the language server. */
import { runCli } from './cli/main';

const argv = process.argv.slice(2);
if (argv[0] === 'lsp' || argv.includes('--node-ipc')) {
  // Loaded only here: the LSP libraries cost every CLI start 20 ms otherwise.
  (require('./lsp/server') as typeof import('./lsp/server')).startLanguageServer();
} else {
  // `schemasense check | head -1`: a reader that stops reading ends the output, not in a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  runCli(argv, (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`), {
    stdout: process.stdout, progressStream: process.stderr.isTTY ? process.stderr : undefined, env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`schemasense: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
