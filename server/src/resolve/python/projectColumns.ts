/**
 * Columns that model code builds through project code, resolved into the plain declarations the
 * schema builder reads: helper functions that return a column (`id = primary_key("X")`),
 * `functools.partial` aliases of `Column`, and `Annotated` aliases (`id: Mapped[intpk]`), the last
 * merged as SQLAlchemy merges them — the attribute's own `mapped_column()` arguments win.
 */
import type { HelperParameter, PyColumnDecl, PyForeignKeyRef, PyModuleFacts } from '../../facts/sqlalchemy';
import { normaliseType, typeFromPythonAnnotation } from '../../model/types';
import { evaluateTemplate, lookup, lookupIn, submodule } from './modules';

type AnnotatedAlias = NonNullable<PyModuleFacts['annotatedAliases']>[number];

/**
 * A module with the columns its classes build through project code. The same object when nothing
 * applies (facts are shared between builds and never changed).
 */
export function withProjectColumns(m: PyModuleFacts, modules: ReadonlyMap<string, PyModuleFacts>): PyModuleFacts {
  const alias = lookup(m, 'Column', modules, (x) => x.columnAliases);
  const hasHelpers = m.classes.some((c) => c.helperColumns?.length || c.columns.some((d) => d.typeSizes));
  const hasAnnotated = m.classes.some((c) => c.columns.some((d) => d.annotationName && !d.annotationType));
  // `Table("package", meta, Column("version", Unicode(VERSION_MAX)))`: a Core table's sizes too,
  // and server defaults given by a string constant.
  const resolvable = m.coreTables.some((t) => t.columns.some((d) => d.typeSizes || d.serverDefaultRef)) || m.classes.some((c) => c.columns.some((d) => d.serverDefaultRef));
  if (!hasHelpers && !hasAnnotated && !resolvable && alias?.nullable === undefined) return m;
  const withDefaults = (d: PyColumnDecl): PyColumnDecl => (alias?.nullable !== undefined && d.style === 'Column' && d.nullable === undefined ? { ...d, nullable: alias.nullable } : d);
  const withAlias = (d: PyColumnDecl): PyColumnDecl => {
    if (!d.annotationName || d.annotationType) return d;
    const annotated = lookup(m, d.annotationName, modules, (x) => x.annotatedAliases);
    return annotated ? mergeAnnotated(d, annotated) : d;
  };
  const classes = m.classes.map((c) => {
    const built: PyColumnDecl[] = [];
    const unknown: string[] = [];
    for (const h of c.helperColumns ?? []) {
      if (c.columns.some((x) => x.attribute === h.attribute)) continue;
      if (h.column) {
        // A call of a `functools.partial(Column, …)` alias: a column with the alias's defaults.
        const columnAlias = lookup(m, h.callee, modules, (x) => x.columnAliases);
        if (columnAlias) {
          built.push(columnAlias.nullable !== undefined && h.column.nullable === undefined ? { ...h.column, nullable: columnAlias.nullable } : h.column);
          continue;
        }
      }
      const helper = lookup(m, h.callee, modules, (x) => x.columnHelpers);
      if (!helper) {
        // A call the reader cannot follow (a library's function, a class deriving from Column) may
        // make a column: the class's columns are then not all known. One of the project's that
        // builds none, a builtin, or a library known to make no columns is not one.
        if (mayMakeColumn(m, h.callee, modules)) unknown.push(`column ${h.attribute} (built by ${h.callee}(…), which cannot be followed)`);
        continue;
      }
      const name = helperColumnName(helper, h);
      // `ForeignKey('{0}.{1}'.format(tablename, pk_name))`: the target this call's arguments write.
      const target = helperForeignKey(helper, h);
      const column: PyColumnDecl = target ? { ...helper.column, foreignKeys: [...helper.column.foreignKeys, target], foreignKeyUnread: false } : helper.column;
      if (name === null) unknown.push(`column ${h.attribute} (named by an argument of ${h.callee}(…) computed by code)`);
      // No anchor: the helper's own call is in another place (often another file); an option added
      // there would change every column it makes.
      else built.push(withSizes(boundColumn({ ...withoutAnchor(column), attribute: h.attribute, name: name ?? h.attribute, location: h.location }, helper, h), m, modules));
      // `ForeignKey(target)` of a parameter the call gives no literal for: the key it makes is not read.
      if (column.foreignKeyUnread) unknown.push(`foreign key of ${h.attribute} (given to ${h.callee}(…))`);
    }
    const columns = c.columns.map((d) => withDefaultConstant(withSizes(withAlias(withDefaults(d)), m, modules), m, modules));
    if (!built.length && !unknown.length && columns.every((d, i) => d === c.columns[i])) return c;
    return { ...c, columns: [...columns, ...built], ...(unknown.length ? { dynamicParts: [...c.dynamicParts, ...unknown] } : {}) };
  });
  const coreTables = resolvable ? m.coreTables.map((t) => {
    const columns = t.columns.map((d) => withDefaultConstant(withSizes(d, m, modules), m, modules));
    return columns.every((d, i) => d === t.columns[i]) ? t : { ...t, columns };
  }) : m.coreTables;
  return { ...m, classes, coreTables };
}

/**
 * `server_default=DEFAULT_STATUS`: the string constant's value, when the module graph reaches one;
 * `server_default=Status.ACTIVE.value`: the enum member's string value.
 */
function withDefaultConstant(d: PyColumnDecl, m: PyModuleFacts, modules: ReadonlyMap<string, PyModuleFacts>): PyColumnDecl {
  if (!d.serverDefaultRef || !d.serverDefaultUnknown) return d;
  const member = /^(.+)\.(\w+)\.value$/.exec(d.serverDefaultRef);
  let value: string | undefined;
  if (member) {
    const enumClass = lookup(m, member[1], modules, (x) => x.classes.filter((c) => c.enumMembers));
    value = enumClass?.enumMembers?.find((e) => e.name === member[2])?.value;
  } else {
    const found = lookupIn(m, d.serverDefaultRef, modules, (x) => x.constants);
    value = found && evaluateTemplate(found.module, found.value.value, modules);
  }
  if (value === undefined) return d;
  const { serverDefaultUnknown: _unknown, serverDefaultRef: _ref, ...rest } = d;
  return { ...rest, serverDefault: value };
}

/** `String(NAME_MAX)`: the type, when every name is an integer constant the module graph reaches. */
function withSizes(d: PyColumnDecl, m: PyModuleFacts, modules: ReadonlyMap<string, PyModuleFacts>): PyColumnDecl {
  const sizes = d.typeSizes;
  if (!sizes || d.type) return d;
  const args: number[] = [];
  for (const a of sizes.args) {
    const v = typeof a === 'number' ? a : lookup(m, a, modules, (x) => x.numbers)?.value;
    if (v === undefined) return d;
    args.push(v);
  }
  const { typeUnknown: _unknown, typeSizes: _sizes, ...rest } = d;
  return { ...rest, type: normaliseType(sizes.typeName, sizes.written, { args }) };
}

/** Libraries (and Python's builtins) whose calls in a class body never make a column. */
const NO_COLUMN_MODULES = /^(?:pydantic|pydantic_settings|typing|typing_extensions|dataclasses|enum|datetime|decimal|uuid|logging|collections|functools|re|json|os|pathlib|marshmallow|attr|attrs|strawberry|graphene|fastapi|starlette|wtforms|flask_wtf|zoneinfo|pytz)(?:\.|$)/;
const BUILTINS = new Set(['dict', 'list', 'set', 'tuple', 'frozenset', 'property', 'classmethod', 'staticmethod', 'object', 'str', 'int', 'float', 'bool', 'bytes', 'type', 'super', 'getattr', 'len', 'sorted', 'range']);

/** Whether a call of `callee` (not a column helper or alias the reader knows) may make a column. */
function mayMakeColumn(m: PyModuleFacts, callee: string, modules: ReadonlyMap<string, PyModuleFacts>): boolean {
  const defined = lookup(m, callee, modules, (x) => x.definitions);
  if (defined) return defined.makesColumns === true;
  const dot = callee.indexOf('.');
  if (dot > 0) {
    // `mb.id_column()`: a function of a module imported under a name, or of a module imported whole
    // (`logging.getLogger(…)`, `sqlalchemy.orm.synonym(…)`): by that module.
    const via = m.imports?.find((i) => i.local === callee.slice(0, dot));
    const module = via ? submodule(via.module, via.name) : callee.slice(0, callee.lastIndexOf('.'));
    // SQLAlchemy's namespaces as projects name them (`sa.func.now()`, Flask-SQLAlchemy's `db.backref`):
    // its column calls are read as columns already.
    return !NO_COLUMN_MODULES.test(module) && !/^(sqlalchemy|sa|db|orm)(\.|$)/.test(module);
  }
  const imported = m.imports?.find((i) => i.local === callee);
  if (imported) return !NO_COLUMN_MODULES.test(imported.module);
  return !BUILTINS.has(callee);
}

type ColumnHelper = NonNullable<PyModuleFacts['columnHelpers']>[number];
type HelperCall = NonNullable<PyModuleFacts['classes'][number]['helperColumns']>[number];

/** What a call gives a helper's parameter: its argument, else the parameter's default; null when not a literal. */
function argumentOf(p: HelperParameter, call: HelperCall): string | number | boolean | null | undefined {
  const args = call.arguments;
  const given = args && p.index < args.positional.length ? args.positional[p.index] : args && p.name in args.keywords ? args.keywords[p.name] : undefined;
  return given === undefined ? p.default : given;
}

/** The foreign key a helper writes from this call's arguments (`reference_col("users")`); undefined when one is not a literal. */
function helperForeignKey(helper: ColumnHelper, call: HelperCall): PyForeignKeyRef | undefined {
  if (!helper.foreignKeyParts) return undefined;
  let text = '';
  for (const p of helper.foreignKeyParts) {
    const v = typeof p === 'string' ? p : argumentOf(p, call);
    if (typeof v !== 'string') return undefined;
    text += v;
  }
  const parts = text.split('.');
  if (parts.length < 2 || parts.some((x) => !x)) return undefined;
  return { text, kind: 'string', parts, location: call.location };
}

/**
 * The name a helper gives the column of one call: its own literal, the argument (or the default)
 * of the parameter that names it; null when that argument is not a literal; undefined: the attribute's.
 */
function helperColumnName(helper: ColumnHelper, call: HelperCall): string | null | undefined {
  const p = helper.nameParameter;
  if (!p) return helper.column.name;
  const v = argumentOf(p, call);
  return typeof v === 'string' ? v : v === undefined ? undefined : null;
}

/** A helper's column with what this call gives its parameters: nullability and sizes (else they stay Unknown). */
function boundColumn(d: PyColumnDecl, helper: ColumnHelper, call: HelperCall): PyColumnDecl {
  let out = d;
  if (helper.forwardsOptions) {
    // Options the call hands on to the column through the helper's `**kwargs`.
    const k = call.arguments?.keywords ?? {};
    if (typeof k.index === 'boolean') out = { ...out, index: k.index };
    if (typeof k.unique === 'boolean') out = { ...out, unique: k.unique };
    if (typeof k.primary_key === 'boolean') out = { ...out, primaryKey: k.primary_key };
    if (typeof k.nullable === 'boolean' && !helper.nullableParameter) {
      const { nullableUnknown: _, ...rest } = out;
      out = { ...rest, nullable: k.nullable };
    }
  }
  if (helper.nullableParameter) {
    const v = argumentOf(helper.nullableParameter, call);
    if (typeof v === 'boolean') {
      const { nullableUnknown: _, ...rest } = out;
      out = { ...rest, nullable: out.primaryKey ? false : v };
    }
  }
  if (out.typeSizes && helper.sizeParameters?.length) {
    const args: (number | string)[] = [];
    for (const a of out.typeSizes.args) {
      const p = typeof a === 'string' ? helper.sizeParameters.find((x) => x.name === a) : undefined;
      const v = p ? argumentOf(p, call) : a;
      if (p && typeof v !== 'number') {
        // The call gives the size by code: the type stays Unknown.
        const { typeSizes: _, ...rest } = out;
        return rest;
      }
      args.push(v as number | string);
    }
    out = { ...out, typeSizes: { ...out.typeSizes, args } };
  }
  return out;
}

/**
 * `name: Mapped[str50]` (or `= mapped_column(...)`) where `str50 = Annotated[str, mapped_column(String(50))]`:
 * the alias's column arguments under the attribute's own. Locations stay at the attribute (a fix
 * there changes one column, not every user of the alias).
 */
function mergeAnnotated(d: PyColumnDecl, alias: AnnotatedAlias): PyColumnDecl {
  const a = alias.column;
  const pythonType = typeFromPythonAnnotation(alias.pythonType);
  const merged: PyColumnDecl = {
    ...d,
    style: 'mapped_column',
    annotationType: pythonType,
    annotationName: /^[A-Za-z_][\w.]*$/.test(alias.pythonType) ? alias.pythonType : undefined,
    annotationOptional: !!d.annotationOptional || alias.optional,
    primaryKey: d.primaryKey || !!a?.primaryKey,
    unique: d.unique || !!a?.unique,
    index: d.index || !!a?.index,
    foreignKeys: d.foreignKeys.length ? d.foreignKeys : (a?.foreignKeys ?? []).map((fk) => ({ ...fk, location: d.location, textLocation: undefined })),
  };
  if (!d.index && a?.index) {
    merged.indexLocation = d.location;
    delete merged.indexRemoval;
  }
  if (d.type === undefined && !d.typeUnknown && a) {
    if (a.type) merged.type = a.type;
    if (a.typeUnknown) merged.typeUnknown = a.typeUnknown;
  }
  if (d.nullable === undefined && !d.nullableUnknown && a) {
    if (a.nullable !== undefined) merged.nullable = a.nullable;
    if (a.nullableUnknown) merged.nullableUnknown = true;
  }
  if (d.serverDefault === undefined && a?.serverDefault !== undefined) merged.serverDefault = a.serverDefault;
  if (d.name === undefined && a?.name !== undefined) merged.name = a.name;
  return merged;
}

function withoutAnchor(d: PyColumnDecl): PyColumnDecl {
  const { anchor: _anchor, ...rest } = d;
  return rest;
}
