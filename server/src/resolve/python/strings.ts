/**
 * Strings that model code builds from constants — `__tablename__ = PREFIX + "users"`,
 * `ForeignKey(f"{SCHEMA}.users.id")`, `{"schema": SCHEMA}`, `Table(EVENTS_TABLE, …)` — evaluated
 * through the module graph (constants of the module, or imported from another project module).
 * What cannot be evaluated stays Unknown: a table name computed by code, a foreign key not read.
 */
import type {
  PyClassDecl, PyColumnDecl, PyCoreTableDecl, PyForeignKeyRef, PyModuleFacts, PyTableItem, StringTemplate,
} from '../../facts/sqlalchemy';
import { evaluateTemplate } from './modules';
import { bindNameExpr, evaluateNameExpr, hasFreeNames } from './nameExpressions';

function hasTemplates(m: PyModuleFacts): boolean {
  if (m.classes.some((c) => c.tablenameExpr && hasFreeNames(c.tablenameExpr))) return true;
  const fk = (d: PyColumnDecl) => d.foreignKeys.some((r) => r.template || r.expr);
  const item = (i: PyTableItem) => i.kind === 'foreignKey' && i.refs.some((r) => r.template || r.expr);
  return m.classes.some((c) => c.tablenameTemplate || c.schemaTemplate || c.columns.some(fk) || c.items.some(item))
    || m.coreTables.some((t) => t.nameTemplate || t.schemaTemplate || t.columns.some(fk) || t.items.some(item))
    || !!m.annotatedAliases?.some((a) => a.column && fk(a.column)) || !!m.columnHelpers?.some((h) => fk(h.column));
}

/** The module with every string template evaluated; the same object when it has none. */
export function withResolvedStrings(m: PyModuleFacts, modules: ReadonlyMap<string, PyModuleFacts>): PyModuleFacts {
  if (!hasTemplates(m)) return m;
  const evaluate = (parts: StringTemplate) => evaluateTemplate(m, parts, modules);
  const ref = (r: PyForeignKeyRef): PyForeignKeyRef | undefined => {
    if (r.expr) {
      const bound = bindNameExpr(m, r.expr, modules);
      const text = hasFreeNames(bound) ? undefined : evaluateNameExpr(bound, '');
      return text === undefined ? undefined : { ...r, text, parts: text.split('.'), expr: undefined };
    }
    if (!r.template) return r;
    const text = evaluate(r.template);
    return text === undefined ? undefined : { ...r, text, parts: text.split('.'), template: undefined };
  };
  const column = (d: PyColumnDecl): PyColumnDecl => {
    if (!d.foreignKeys.some((r) => r.template || r.expr)) return d;
    const refs = d.foreignKeys.map(ref);
    const known = refs.filter((r): r is PyForeignKeyRef => !!r);
    return { ...d, foreignKeys: known, ...(known.length < refs.length ? { foreignKeyUnread: true } : {}) };
  };
  const items = (list: PyTableItem[], dynamic: string[]): PyTableItem[] => list.flatMap((i) => {
    if (i.kind !== 'foreignKey' || !i.refs.some((r) => r.template || r.expr)) return [i];
    const refs = i.refs.map(ref);
    if (refs.every((r) => r)) return [{ ...i, refs: refs as PyForeignKeyRef[] }];
    dynamic.push(`foreign key ${i.refs.map((r) => r.text).join(', ')}`);
    return [];
  });
  const classes = m.classes.map((c): PyClassDecl => {
    const dynamicParts = [...c.dynamicParts];
    const out: PyClassDecl = { ...c, dynamicParts };
    if (c.tablenameTemplate) {
      const name = evaluate(c.tablenameTemplate.parts);
      if (name !== undefined) {
        out.tablename = { value: name, location: c.tablenameTemplate.location };
        out.tablenameDynamic = false;
      }
    }
    if (c.tablenameExpr && hasFreeNames(c.tablenameExpr)) {
      // A name not found among the modules read (a helper whose body is no name expression): the
      // expression says nothing, and the idioms recognised by their text may still apply.
      const bound = bindNameExpr(m, c.tablenameExpr, modules);
      if (hasFreeNames(bound)) delete out.tablenameExpr;
      else out.tablenameExpr = bound;
    }
    if (c.schemaTemplate) {
      const schema = evaluate(c.schemaTemplate.parts);
      if (schema !== undefined) out.schema = { name: schema, location: c.schemaTemplate.location };
      else out.tableArgsDynamic = true;
    }
    out.columns = c.columns.map((d) => {
      const resolved = column(d);
      if (resolved.foreignKeyUnread && !d.foreignKeyUnread) dynamicParts.push(`foreign key of ${d.attribute ?? d.name}`);
      return resolved;
    });
    out.items = items(c.items, dynamicParts);
    return out;
  });
  let unknownTables = m.unknownTables;
  const coreTables = m.coreTables.flatMap((t): PyCoreTableDecl[] => {
    const dynamicParts = [...t.dynamicParts];
    const out: PyCoreTableDecl = { ...t, dynamicParts };
    if (t.nameTemplate) {
      const name = evaluate(t.nameTemplate);
      if (name === undefined) {
        unknownTables++;
        return [];
      }
      out.name = name;
      delete out.nameTemplate;
    }
    if (t.schemaTemplate) {
      const schema = evaluate(t.schemaTemplate);
      if (schema !== undefined) out.schema = { name: schema, location: t.schema!.location };
      else {
        delete out.schema;
        dynamicParts.push('schema');
      }
    }
    out.columns = t.columns.map((d) => {
      const resolved = column(d);
      if (resolved.foreignKeyUnread && !d.foreignKeyUnread) dynamicParts.push(`foreign key of ${d.name}`);
      return resolved;
    });
    out.items = items(t.items, dynamicParts);
    return [out];
  });
  return {
    ...m, classes, coreTables, unknownTables,
    ...(m.annotatedAliases ? { annotatedAliases: m.annotatedAliases.map((a) => (a.column ? { ...a, column: column(a.column) } : a)) } : {}),
    ...(m.columnHelpers ? { columnHelpers: m.columnHelpers.map((h) => ({ ...h, column: column(h.column) })) } : {}),
  };
}
