/** A small glob matcher for include/exclude settings: `**`, `*`, `?`, `{a,b}`, on `/` paths. */

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let re = '';
  let i = 0;
  let inBraces = false;
  while (i < glob.length) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 3 : 2;
        continue;
      }
      re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '{') { re += '(?:'; inBraces = true; }
    else if (ch === '}' && inBraces) { re += ')'; inBraces = false; }
    else if (ch === ',' && inBraces) re += '|';
    else re += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
    i++;
  }
  const regexp = new RegExp(`^${re}$`);
  cache.set(glob, regexp);
  return regexp;
}

/** Whether a workspace-relative path (with `/`) matches the glob; a glob without `/` matches at any depth. */
export function matchesGlob(relativePath: string, glob: string): boolean {
  const pattern = glob.includes('/') ? glob.replace(/^\.\//, '') : `**/${glob}`;
  return globToRegExp(pattern).test(relativePath) || globToRegExp(`${pattern.replace(/\/$/, '')}/**`).test(relativePath);
}
