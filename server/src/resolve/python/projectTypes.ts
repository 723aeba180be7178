/**
 * The project's TypeDecorator classes and the types they store. A subclass that declares no `impl`
 * of its own stores what its base stores (heat's `class Json(LongText)`, watcher's
 * `class JSONEncodedDict(JsonEncodedType)`), as Python's attribute lookup finds `impl` on the base;
 * one whose own code decides its type in a way the reader cannot follow (typeImplUnknown) stays
 * Unknown, and so does one whose base's name is ambiguous (two project classes of that name that
 * store different types).
 */
import type { PyClassDecl } from '../../facts/sqlalchemy';
import type { ColumnType } from '../../model/schema';

/** How deep a chain of TypeDecorator subclasses is followed. */
const MAX_DEPTH = 8;

export function projectTypeImpls(classes: Iterable<PyClassDecl>): [string, ColumnType][] {
  const byName = new Map<string, PyClassDecl[]>();
  const all: PyClassDecl[] = [];
  for (const c of classes) {
    all.push(c);
    const list = byName.get(c.name);
    if (list) list.push(c);
    else byName.set(c.name, [c]);
  }
  const stored = (c: PyClassDecl, depth: number): ColumnType | undefined => {
    if (c.typeImpl) return c.typeImpl;
    if (c.typeImplUnknown || depth >= MAX_DEPTH) return undefined;
    for (const base of c.bases) {
      const candidates = byName.get(base.slice(base.lastIndexOf('.') + 1))?.filter((b) => b !== c);
      if (!candidates?.length) continue;
      const types = candidates.map((b) => stored(b, depth + 1));
      const first = types[0];
      if (!first || types.some((t) => !t || JSON.stringify(t) !== JSON.stringify(first))) return undefined;
      return first;
    }
    return undefined;
  };
  const out: [string, ColumnType][] = [];
  for (const c of all) {
    const type = stored(c, 0);
    if (type) out.push([c.name, type]);
  }
  return out;
}
