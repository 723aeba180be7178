/**
 * Which major release of pydantic the project installs, where its manifests say so: a lock file's
 * exact version (poetry.lock, uv.lock, pdm.lock, Pipfile.lock), else the requirement every manifest
 * that names it agrees on (`pydantic = "^1.10"`, `pydantic>=2,<3`, `pydantic==1.10.13`). Undefined
 * where none says, they disagree, or a requirement spans majors (`>=1.10,<3`). SQLModel reads a
 * field's nullability through it, and pydantic 1 and 2 read a None default apart.
 */
import { filesNamed, PYTHON_MANIFESTS, readText } from './dialect';

const LOCK_FILES = ['poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock'];
/** (The manifests the driver dialect is read from: requirements files, setup.py, setup.cfg, pyproject.toml, Pipfile.) */
const REQUIREMENT_FILES = PYTHON_MANIFESTS;

export function pydanticMajor(root: string): number | undefined {
  const files = filesNamed(root, [...LOCK_FILES, ...REQUIREMENT_FILES], 1);
  const name = 'pydantic';
  const majors = (list: (number | undefined)[]) => {
    const known = new Set(list.filter((m): m is number => m !== undefined));
    return known.size === 1 && !list.includes(undefined) ? [...known][0] : undefined;
  };
  // A lock file's exact version: `name = "pydantic"` then `version = "1.10.4"`; Pipfile.lock's `"pydantic": {… "version": "==2.5.3"`.
  const locked = files.filter((f) => LOCK_FILES.some((l) => f.endsWith(l))).flatMap((f) => {
    const text = readText(f) ?? '';
    const toml = new RegExp(`\\[\\[package\\]\\]\\s*\\nname\\s*=\\s*"${name}"\\s*\\nversion\\s*=\\s*"(\\d+)\\.`, 'i').exec(text);
    const json = new RegExp(`"${name}"\\s*:\\s*\\{[^}]*?"version"\\s*:\\s*"==(\\d+)\\.`, 'is').exec(text);
    const found = toml ?? json;
    return found ? [Number(found[1])] : [];
  });
  if (locked.length) return majors(locked);
  // Requirements: the spec after the name (`pydantic = "^1.10"`, `pydantic = { version = "^1.10" }`,
  // `pydantic[email]>=2.0`, `"pydantic (>=2,<3)"`), not another package whose name starts alike.
  const specs = files.filter((f) => REQUIREMENT_FILES.some((r) => f.endsWith(r))).flatMap((f) => {
    const text = readText(f) ?? '';
    const out: string[] = [];
    const re = new RegExp(`(?:^|["'\\s])${name}(?![-_\\w])(?:\\[[^\\]]*\\])?\\s*(?:=\\s*(?:\\{[^}]*?version\\s*=\\s*)?["']([^"']*)["']|\\(?\\s*([<>=!~^][^"'\\n;#)]*))`, 'gim');
    for (const m of text.matchAll(re)) out.push((m[1] ?? m[2] ?? '').trim());
    return out;
  });
  if (!specs.length) return undefined;
  return majors(specs.map(majorOfSpec));
}

/** The one major a requirement allows (`^1.10`, `==2.5.3`, `~=2.4`, `>=2`, `<2`, `>=1.10,<2`); undefined where it allows several or says none. */
export function majorOfSpec(spec: string): number | undefined {
  const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return undefined;
  let lower: number | undefined;
  let upper: number | undefined; // the first major not allowed
  for (const p of parts) {
    const m = /^(\^|~=|~|===|==|>=|>|<=|<|!=)?\s*v?(\d+)(?:\.(\d+))?/.exec(p);
    if (!m) return undefined;
    const [, op = '==', major, minor] = m;
    const n = Number(major);
    if (op === '^' || op === '~' || op === '==' || op === '===' || (op === '~=' && minor !== undefined)) return n;
    if (op === '>=' || op === '>') lower = Math.max(lower ?? 0, n);
    else if (op === '<') upper = Math.min(upper ?? Infinity, minor === undefined || Number(minor) === 0 ? n : n + 1);
    else if (op === '<=') upper = Math.min(upper ?? Infinity, n + 1);
  }
  if (upper !== undefined && (lower ?? 1) === upper - 1) return upper - 1;
  // (`>=2` alone: pydantic has no release after 2 to read fields otherwise.)
  if (upper === undefined && lower !== undefined && lower >= 2) return lower;
  return undefined;
}
