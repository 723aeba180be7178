/**
 * Python `re` patterns and replacement strings run by JavaScript's RegExp, where both engines read
 * them the same way. What differs — named groups `(?P<…>)`, inline flags, `\A` `\Z`, possessive
 * quantifiers, atomic groups, conditionals, `{,n}` — is refused (undefined): the value stays Unknown.
 */

const PYTHON_ONLY = /\(\?P|\(\?#|\(\?[aiLmsux-]+[):]|\(\?\(|\(\?>|\\[AZzNgG]|[*+?}]\+|\{,/;

/**
 * A quantified group that holds a quantifier (`(a+)+`, `(\w*)*`): backtracking can take exponential
 * time on a short input, and the editor must never hang on a project's pattern. Refused.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[*+?}](?:[^()\\]|\\.)*\)\s*[*+{]/;

/** A global RegExp for `re.sub(text, …)` with `flags` (`i` or none), or undefined. */
export function pythonPattern(text: string, flags: string): RegExp | undefined {
  if (PYTHON_ONLY.test(text) || NESTED_QUANTIFIER.test(text) || /[^i]/.test(flags)) return undefined;
  try {
    return new RegExp(text, `g${flags}`);
  } catch {
    return undefined;
  }
}

/** A replacement string: literal pieces and group numbers (`\1`, `\g<1>`). */
type Replacement = (string | number)[];

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };

/** `r"\1_\2"` as pieces; undefined for what Python would reject or JavaScript cannot mirror (`\g<name>`). */
export function pythonReplacement(repl: string): Replacement | undefined {
  const out: Replacement = [];
  let literal = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c !== '\\') {
      literal += c;
      continue;
    }
    const rest = repl.slice(i + 1);
    const group = /^(\d{1,2})/.exec(rest) ?? /^g<(\d+)>/.exec(rest);
    if (group && rest[0] === '0') return undefined; // `\0` is an octal escape in Python
    if (group) {
      if (literal) out.push(literal);
      literal = '';
      out.push(Number(group[1]));
      i += group[0].length;
    } else if (rest[0] in ESCAPES) {
      literal += ESCAPES[rest[0]];
      i++;
    } else if (rest[0] !== undefined && !/[A-Za-z0-9]/.test(rest[0])) {
      // Python keeps an unknown escape of punctuation as written.
      literal += `\\${rest[0]}`;
      i++;
    } else return undefined;
  }
  if (literal) out.push(literal);
  return out;
}

/** `re.sub(pattern, repl, input)` as Python computes it (every match replaced, unmatched groups empty). */
export function pythonSub(pattern: RegExp, repl: Replacement, input: string): string | undefined {
  // `\w`, `\d`, `\b` and case folding are Unicode-aware in Python, ASCII in a RegExp without `u`.
  // Names are short: a long input is no class name (and bounds the matching work).
  if (/[^\x00-\x7f]/.test(input) || input.length > 200) return undefined;
  let failed = false;
  const result = input.replace(pattern, (...args: unknown[]) => {
    // The replacer receives the match, its groups, then offset and input (and named groups, none here).
    const groups = args.slice(0, args.findIndex((a) => typeof a === 'number'));
    return repl.map((piece) => {
      if (typeof piece === 'string') return piece;
      if (piece >= groups.length) failed = true;
      return (groups[piece] as string | undefined) ?? '';
    }).join('');
  });
  return failed ? undefined : result;
}
