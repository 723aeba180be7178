/**
 * The injection grammar that highlights `schemasense-ignore` comments: it is valid, contributed
 * by the manifest, and its pattern captures the directive and the rule ids. (Full TextMate
 * tokenisation tests in a real VS Code come with the end-to-end suite.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isSuppressed, parseSuppressions } from '../server/src/analysis/suppression';
import { REPO_ROOT } from './helpers/paths';

const GRAMMAR = path.join(REPO_ROOT, 'syntaxes', 'schemasense-ignore.injection.json');

describe('schemasense-ignore grammar', () => {
  const grammar = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8'));
  const pattern = new RegExp(grammar.repository.ignore.match);

  it('is contributed by the extension manifest', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const entry = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
    assert.ok(entry, 'grammar contributed');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, entry.path)));
    assert.ok(entry.injectTo.includes('source.python'));
  });

  it('captures the directive and the rule ids that suppression honours', () => {
    const samples: [string, string, string][] = [
      ['x = 1  # schemasense-ignore fk-missing-index', 'schemasense-ignore', ' fk-missing-index'],
      ['# schemasense-ignore fk-missing-index, index-duplicate', 'schemasense-ignore', ' fk-missing-index, index-duplicate'],
      ['# schemasense-ignore', 'schemasense-ignore', ''],
    ];
    for (const [line, directive, ids] of samples) {
      const m = pattern.exec(line);
      assert.ok(m, line);
      assert.strictEqual(m[1], directive);
      assert.strictEqual(m[2], ids);
      const suppressions = parseSuppressions(line);
      for (const id of ids.split(',').map((s) => s.trim()).filter(Boolean)) assert.ok(isSuppressed(suppressions, 0, id), `${id} is honoured`);
    }
    assert.strictEqual(pattern.exec('# schemasense-ignored'), null);
  });
});
