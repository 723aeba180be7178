/**
 * Table names computed with Python's `re.sub`: what the evaluator computes equals what Python
 * computes (Python itself is the oracle), and what the two engines would read differently — or what
 * could backtrack for ever — is refused (Unknown), never guessed.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { pythonPattern, pythonReplacement, pythonSub } from '../server/src/resolve/python/pythonRegex';

const CASES: [pattern: string, repl: string, name: string][] = [
  ['(?<!^)(?=[A-Z])', '_', 'FlowRunState'],
  ['(?<!^)(?=[A-Z])', '_', 'APIKey'],
  ['(.)([A-Z][a-z]+)', '\\1_\\2', 'HTTPRequestLog'],
  ['([a-z0-9])([A-Z])', '\\1_\\2', 'OAuth2Client'],
  ['([A-Z]+)([A-Z][a-z])', '\\g<1>_\\g<2>', 'XMLHttpRequest'],
  ['x*', '-', 'abxd'],
  ['[A-Z]', '', 'NoCapitals'],
  ['(a)|b', '[\\1]', 'abab'],
];

function python(): string | undefined {
  return ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import re'], { stdio: 'ignore' }).status === 0);
}

describe('Python regular expressions in computed table names', () => {
  it('computes what Python computes', function () {
    const py = python();
    if (!py) {
      assert.ok(!process.env.CI, 'CI must have python3');
      this.skip(); // a developer machine without Python: the oracle cannot run here
    }
    const script = 'import json, re, sys\nprint(json.dumps([re.sub(p, r, n) for p, r, n in json.load(sys.stdin)]))';
    const run = spawnSync(py!, ['-c', script], { input: JSON.stringify(CASES), encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    const expected = JSON.parse(run.stdout) as string[];
    const ours = CASES.map(([p, r, n]) => pythonSub(pythonPattern(p, '')!, pythonReplacement(r)!, n));
    assert.deepStrictEqual(ours, expected);
  });

  it('refuses what JavaScript would read differently, and what could backtrack for ever', () => {
    for (const p of ['(?P<head>[a-z])', '(?i)[a-z]', '\\Aabc', 'a++', 'a{,3}', '(a+)+$', '(\\w*)*x', '([a-z]+)*_']) {
      assert.strictEqual(pythonPattern(p, ''), undefined, p);
    }
    assert.strictEqual(pythonReplacement('\\g<name>'), undefined, 'named group references');
    assert.strictEqual(pythonReplacement('\\0'), undefined, 'an octal escape');
    assert.strictEqual(pythonSub(pythonPattern('[A-Z]', '')!, pythonReplacement('_')!, 'Ünïcode'), undefined, 'non-ASCII names: \\w differs');
  });
});
