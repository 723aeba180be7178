/**
 * Loads web-tree-sitter and the Python grammar once. The `.wasm` files sit next to the bundle
 * (dist/) when packaged, and in node_modules when run from the compiled sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Language, Parser } from 'web-tree-sitter';

let loading: Promise<Parser> | undefined;

function locate(fileName: string, packageRelative: string): string {
  const besideBundle = path.join(__dirname, fileName);
  if (fs.existsSync(besideBundle)) return besideBundle;
  return require.resolve(packageRelative);
}

/** The shared Python parser. Trees must be deleted after their facts are extracted. */
export function pythonParser(): Promise<Parser> {
  if (!loading) {
    loading = (async () => {
      await Parser.init({
        locateFile: (name: string) => locate(name, `web-tree-sitter/${name}`),
      });
      const language = await Language.load(
        locate('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'),
      );
      const parser = new Parser();
      parser.setLanguage(language);
      return parser;
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
