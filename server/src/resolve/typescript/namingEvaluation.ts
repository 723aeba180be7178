/**
 * Evaluates a naming strategy's method (read by parsers/typescript/namingFunctions.ts) for the names
 * TypeORM hands it, as JavaScript would: strings, numbers, booleans, arrays of strings, regular
 * expressions; `+`, `||`, `??`, comparisons, conditionals; the string and array methods names are
 * made with; the module's own functions; TypeORM's `snakeCase`/`camelCase`/`titleCase`, lodash's
 * string-case functions and pluralize (see packageFunction). Whatever else a name depends on
 * (another package's function, a loop, a value the caller does not know) makes the answer UNKNOWN —
 * never a guess.
 */
import type { NamingExpr, NamingFunction, NamingStatement } from '../../facts/orm';
import lodashCamelCase = require('lodash/camelCase');
import lodashCapitalize = require('lodash/capitalize');
import lodashKebabCase = require('lodash/kebabCase');
import lodashLowerCase = require('lodash/lowerCase');
import lodashLowerFirst = require('lodash/lowerFirst');
import lodashSnakeCase = require('lodash/snakeCase');
import lodashStartCase = require('lodash/startCase');
import lodashToLower = require('lodash/toLower');
import lodashToUpper = require('lodash/toUpper');
import lodashUpperCase = require('lodash/upperCase');
import lodashUpperFirst = require('lodash/upperFirst');
import pluralize = require('pluralize');

export const UNKNOWN: unique symbol = Symbol('unknown');
type Value = string | number | boolean | null | undefined | RegExp | Value[] | Closure | typeof UNKNOWN;
interface Closure { closure: NamingFunction; env: Env }

/** What a call of a name that is no local variable means: a function of the module, an import. */
export interface NamingScope {
  /** A function by its local name: the module's own, or an import the evaluator knows. */
  fn(name: string): NamingFunction | NativeFunction | undefined;
  /** `this.m(…)` and `super.m(…)`. */
  method(kind: 'this' | 'super', name: string, args: Value[]): Value;
}
export type NativeFunction = (args: Value[]) => Value;

class Env {
  private readonly vars = new Map<string, Value>();
  constructor(private readonly parent?: Env) {}
  has(name: string): boolean {
    return this.vars.has(name) || !!this.parent?.has(name);
  }
  get(name: string): Value {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.get(name);
  }
  declare(name: string, v: Value): void {
    this.vars.set(name, v);
  }
  set(name: string, v: Value): boolean {
    if (this.vars.has(name)) {
      this.vars.set(name, v);
      return true;
    }
    return this.parent?.set(name, v) ?? false;
  }
}

/** Steps an evaluation may take (a recursion through `this`, a generated file): then UNKNOWN. */
const MAX_STEPS = 20_000;

export type NamingValue = Value;

export function evaluateNaming(fn: NamingFunction, args: readonly Value[], scope: NamingScope): Value {
  return new Evaluator(scope).call(fn, [...args], new Env());
}

class Evaluator {
  private steps = 0;
  constructor(private readonly scope: NamingScope) {}

  call(fn: NamingFunction, args: Value[], outer: Env): Value {
    const env = new Env(outer);
    for (let i = 0; i < fn.params.length; i++) {
      const p = fn.params[i];
      if (p.rest) {
        env.declare(p.name, args.slice(i));
        break;
      }
      let v = args[i];
      if (v === undefined && p.default) v = this.expr(p.default, env);
      env.declare(p.name, v);
    }
    const out = this.block(fn.body, env);
    return out.returned ? out.value : undefined;
  }

  private block(list: readonly NamingStatement[], env: Env): { returned: boolean; value?: Value } {
    for (const s of list) {
      if (++this.steps > MAX_STEPS) return { returned: true, value: UNKNOWN };
      switch (s.k) {
        case 'return':
          return { returned: true, value: s.e ? this.expr(s.e, env) : undefined };
        case 'let':
          env.declare(s.name, s.e ? this.expr(s.e, env) : undefined);
          break;
        case 'assign': {
          if (!env.has(s.name)) return { returned: true, value: UNKNOWN };
          const v = this.expr(s.e, env);
          env.set(s.name, s.op === '=' ? v : plus(env.get(s.name), v));
          break;
        }
        case 'if': {
          const test = this.expr(s.test, env);
          // Which branch runs is not known: neither is what the function returns.
          if (test === UNKNOWN) return { returned: true, value: UNKNOWN };
          const branch = truthy(test) ? s.then : s.else ?? [];
          const out = this.block(branch, new Env(env));
          if (out.returned) return out;
          break;
        }
        default:
          return { returned: true, value: UNKNOWN };
      }
    }
    return { returned: false };
  }

  private expr(e: NamingExpr, env: Env): Value {
    if (++this.steps > MAX_STEPS) return UNKNOWN;
    switch (e.k) {
      case 'lit':
        return e.v;
      case 'undefined':
        return undefined;
      case 'name':
        return env.has(e.name) ? env.get(e.name) : UNKNOWN;
      case 'regex':
        try {
          return new RegExp(e.source, e.flags);
        } catch {
          return UNKNOWN;
        }
      case 'tpl': {
        let out = '';
        for (const p of e.parts) {
          if (typeof p === 'string') out += p;
          else {
            const v = this.expr(p, env);
            if (v === UNKNOWN || !printable(v)) return UNKNOWN;
            out += String(v);
          }
        }
        return out;
      }
      case 'array': {
        const out: Value[] = [];
        for (const item of e.items) {
          const v = this.expr(item.e, env);
          if (v === UNKNOWN) return UNKNOWN;
          if (item.spread) {
            if (!Array.isArray(v)) return UNKNOWN;
            out.push(...v);
          } else out.push(v);
        }
        return out;
      }
      case 'cond': {
        const test = this.expr(e.test, env);
        if (test === UNKNOWN) return UNKNOWN;
        return this.expr(truthy(test) ? e.then : e.else, env);
      }
      case 'bin':
        return this.binary(e.op, e.l, e.r, env);
      case 'unary': {
        const v = this.expr(e.e, env);
        if (v === UNKNOWN) return UNKNOWN;
        if (e.op === '!') return !truthy(v);
        if (e.op === '-') return typeof v === 'number' ? -v : UNKNOWN;
        return v === null ? 'object' : Array.isArray(v) || v instanceof RegExp ? 'object' : typeof v === 'object' ? 'function' : typeof v;
      }
      case 'member': {
        const v = this.expr(e.target, env);
        if ((typeof v === 'string' || Array.isArray(v)) && e.name === 'length') return v.length;
        return UNKNOWN;
      }
      case 'arrow':
        return { closure: e.fn, env };
      case 'call':
        return this.callExpr(e, env);
      default:
        return UNKNOWN;
    }
  }

  private binary(op: string, l: NamingExpr, r: NamingExpr, env: Env): Value {
    const a = this.expr(l, env);
    if (a === UNKNOWN) return UNKNOWN;
    // (Short-circuit as JavaScript does: the right side is not needed when the left decides.)
    if (op === '||') return truthy(a) ? a : this.expr(r, env);
    if (op === '&&') return truthy(a) ? this.expr(r, env) : a;
    if (op === '??') return a === null || a === undefined ? this.expr(r, env) : a;
    const b = this.expr(r, env);
    if (b === UNKNOWN) return UNKNOWN;
    if (!printable(a) || !printable(b)) return op === '===' ? a === b : op === '!==' ? a !== b : UNKNOWN;
    const x = a as string | number | boolean | null | undefined;
    const y = b as string | number | boolean | null | undefined;
    switch (op) {
      case '+': return plus(x, y);
      case '-': return typeof x === 'number' && typeof y === 'number' ? x - y : UNKNOWN;
      case '===': return x === y;
      case '!==': return x !== y;
      // eslint-disable-next-line eqeqeq
      case '==': return x == y;
      // eslint-disable-next-line eqeqeq
      case '!=': return x != y;
      case '<': return (x as number) < (y as number);
      case '>': return (x as number) > (y as number);
      case '<=': return (x as number) <= (y as number);
      case '>=': return (x as number) >= (y as number);
      default: return UNKNOWN;
    }
  }

  private callExpr(e: Extract<NamingExpr, { k: 'call' }>, env: Env): Value {
    const args: Value[] = [];
    for (const a of e.args) args.push(this.expr(a, env));
    const c = e.callee;
    // (An argument not known reaches the callee: an answer that does not use it is known.)
    if (c.kind === 'this' || c.kind === 'super') return this.scope.method(c.kind, c.name, args);
    if (c.kind === 'name') {
      if (env.has(c.name)) {
        const v = env.get(c.name);
        return isClosure(v) ? this.call(v.closure, args, v.env) : UNKNOWN;
      }
      const fn = this.scope.fn(c.name);
      if (!fn) return UNKNOWN;
      return typeof fn === 'function' ? (args.includes(UNKNOWN) ? UNKNOWN : fn(args)) : this.call(fn, args, new Env());
    }
    const targetExpr = (c as { target: NamingExpr }).target;
    // `_.snakeCase(…)`, `pluralize.plural(…)`: a member of an imported namespace.
    if (targetExpr.k === 'name' && !env.has(targetExpr.name)) {
      const fn = this.scope.fn(`${targetExpr.name}.${c.name}`);
      if (!fn) return UNKNOWN;
      return typeof fn === 'function' ? (args.includes(UNKNOWN) ? UNKNOWN : fn(args)) : this.call(fn, args, new Env());
    }
    const target = this.expr(targetExpr, env);
    if (target === UNKNOWN) return UNKNOWN;
    if (typeof target === 'string') return stringMethod(target, c.name, args, (f, a) => this.apply(f, a));
    if (Array.isArray(target)) return arrayMethod(target, c.name, args, (f, a) => this.apply(f, a));
    return UNKNOWN;
  }

  private apply(f: Value, args: Value[]): Value {
    return isClosure(f) ? this.call(f.closure, args, f.env) : UNKNOWN;
  }
}

function isClosure(v: Value): v is Closure {
  return !!v && typeof v === 'object' && 'closure' in v;
}

function printable(v: Value): boolean {
  return v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function truthy(v: Value): boolean {
  return Array.isArray(v) || v instanceof RegExp || isClosure(v) ? true : !!v;
}

function plus(a: Value, b: Value): Value {
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (Array.isArray(a) || Array.isArray(b)) {
    // `['a', 'b'] + ''` is `'a,b'` in JavaScript: as it is.
    const text = (v: Value) => (Array.isArray(v) ? v.map((x) => (x === null || x === undefined ? '' : String(x))).join(',') : String(v));
    return printable(a) || Array.isArray(a) ? (printable(b) || Array.isArray(b) ? text(a) + text(b) : UNKNOWN) : UNKNOWN;
  }
  if (!printable(a) || !printable(b)) return UNKNOWN;
  return (typeof a === 'string' || typeof b === 'string') ? String(a) + String(b) : UNKNOWN;
}

type Apply = (f: Value, args: Value[]) => Value;

function stringMethod(s: string, name: string, args: Value[], apply: Apply): Value {
  if (args.includes(UNKNOWN)) return UNKNOWN;
  const str = (i: number) => (typeof args[i] === 'string' ? (args[i] as string) : undefined);
  const num = (i: number) => (typeof args[i] === 'number' ? (args[i] as number) : args[i] === undefined ? undefined : NaN);
  switch (name) {
    case 'toLowerCase': case 'toLocaleLowerCase': return s.toLowerCase();
    case 'toUpperCase': case 'toLocaleUpperCase': return s.toUpperCase();
    case 'trim': return s.trim();
    case 'trimStart': return s.trimStart();
    case 'trimEnd': return s.trimEnd();
    case 'toString': case 'valueOf': return s;
    case 'charAt': return s.charAt(num(0) ?? 0);
    case 'endsWith': return str(0) !== undefined ? s.endsWith(str(0)!) : UNKNOWN;
    case 'startsWith': return str(0) !== undefined ? s.startsWith(str(0)!) : UNKNOWN;
    case 'includes': return str(0) !== undefined ? s.includes(str(0)!) : UNKNOWN;
    case 'indexOf': return str(0) !== undefined ? s.indexOf(str(0)!) : UNKNOWN;
    case 'lastIndexOf': return str(0) !== undefined ? s.lastIndexOf(str(0)!) : UNKNOWN;
    case 'substring': return s.substring(num(0) ?? 0, num(1));
    case 'substr': return s.substr(num(0) ?? 0, num(1));
    case 'slice': return s.slice(num(0), num(1));
    case 'concat': return args.every(printable) ? s.concat(...args.map(String)) : UNKNOWN;
    case 'repeat': return typeof args[0] === 'number' && args[0] >= 0 && args[0] < 100 ? s.repeat(args[0]) : UNKNOWN;
    case 'split': {
      const sep = args[0];
      return typeof sep === 'string' || sep instanceof RegExp ? s.split(sep) : UNKNOWN;
    }
    case 'replace': case 'replaceAll': {
      const pattern = args[0];
      if (typeof pattern !== 'string' && !(pattern instanceof RegExp)) return UNKNOWN;
      if (name === 'replaceAll' && pattern instanceof RegExp && !pattern.flags.includes('g')) return UNKNOWN;
      const replacement = args[1];
      if (typeof replacement === 'string') return name === 'replace' ? s.replace(pattern, replacement) : s.replaceAll(pattern, replacement);
      if (!isClosure(replacement)) return UNKNOWN;
      // A replacer function: each match's answer must be a string, or the whole is Unknown.
      let unknown = false;
      const replacer = (...m: unknown[]) => {
        const v = apply(replacement, m.filter((x) => typeof x === 'string' || typeof x === 'number' || x === undefined) as Value[]);
        if (v === UNKNOWN || !printable(v)) unknown = true;
        return String(v);
      };
      const out = name === 'replace' ? s.replace(pattern, replacer) : s.replaceAll(pattern, replacer);
      return unknown ? UNKNOWN : out;
    }
    default: return UNKNOWN;
  }
}

function arrayMethod(a: Value[], name: string, args: Value[], apply: Apply): Value {
  if (args.includes(UNKNOWN) || a.includes(UNKNOWN)) return UNKNOWN;
  switch (name) {
    case 'join': {
      const sep = args[0] === undefined ? ',' : args[0];
      return typeof sep === 'string' && a.every(printable) ? a.map((x) => (x === null || x === undefined ? '' : String(x))).join(sep) : UNKNOWN;
    }
    case 'concat': return a.concat(...args.map((x): Value[] => (Array.isArray(x) ? x : [x])));
    case 'slice': return a.slice(typeof args[0] === 'number' ? args[0] : undefined, typeof args[1] === 'number' ? args[1] : undefined);
    case 'includes': return printable(args[0]) ? a.includes(args[0]) : UNKNOWN;
    case 'map': case 'filter': {
      const f = args[0];
      // `.filter(Boolean)`: the truthy items.
      if (name === 'filter' && f === UNKNOWN) return UNKNOWN;
      if (!isClosure(f)) return UNKNOWN;
      const out: Value[] = [];
      for (let i = 0; i < a.length; i++) {
        const v = apply(f, [a[i], i]);
        if (v === UNKNOWN) return UNKNOWN;
        if (name === 'map') out.push(v);
        else if (truthy(v)) out.push(a[i]);
      }
      return out;
    }
    default: return UNKNOWN;
  }
}

/** TypeORM's util/StringUtils, as 0.3 writes them (the functions strategies import). */
export const TYPEORM_STRING_UTILS: Record<string, NativeFunction> = {
  snakeCase: ([s]) => (typeof s === 'string' ? s.replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() : UNKNOWN),
  camelCase: ([s, firstCapital]) => {
    if (typeof s !== 'string') return UNKNOWN;
    const str = firstCapital ? ' ' + s : s;
    return str.replace(/^([A-Z])|[\s-_](\w)/g, (_m, p1: string | undefined, p2: string | undefined) => (p2 ? p2.toUpperCase() : p1!.toLowerCase()));
  },
  titleCase: ([s]) => (typeof s === 'string' ? s.replace(/\w\S*/g, (txt) => txt.charAt(0).toUpperCase() + txt.substring(1).toLowerCase()) : UNKNOWN),
};

const oneString = (f: (s: string) => string): NativeFunction => ([s]) => (typeof s === 'string' ? f(s) : UNKNOWN);

/** lodash's functions that make one string of another (names: `_.upperFirst(_.camelCase(name))`), lodash's own. */
const LODASH_STRING_FUNCTIONS: Record<string, NativeFunction> = Object.fromEntries(Object.entries({
  snakeCase: lodashSnakeCase, camelCase: lodashCamelCase, kebabCase: lodashKebabCase, startCase: lodashStartCase,
  lowerCase: lodashLowerCase, upperCase: lodashUpperCase, upperFirst: lodashUpperFirst, lowerFirst: lodashLowerFirst,
  capitalize: lodashCapitalize, toLower: lodashToLower, toUpper: lodashToUpper,
}).map(([name, f]) => [name, oneString(f as (s: string) => string)]));

/** The packages' functions strategies call, by module and exported name (the packages themselves, bundled: pluralize 8, lodash 4). */
const PACKAGE_FUNCTIONS: Record<string, Record<string, NativeFunction>> = {
  lodash: LODASH_STRING_FUNCTIONS,
  'lodash-es': LODASH_STRING_FUNCTIONS,
  // Each function's own module (`lodash/upperFirst`) and package (`lodash.upperfirst`).
  ...Object.fromEntries(Object.entries(LODASH_STRING_FUNCTIONS).flatMap(([name, f]) => [
    [`lodash/${name}`, { default: f, '*': f }], [`lodash-es/${name}`, { default: f, '*': f }], [`lodash.${name.toLowerCase()}`, { default: f, '*': f }],
  ])),
  // `pluralize(word, count?, inclusive?)`: with a count, its answer depends on it — only the word alone is read.
  pluralize: {
    default: ([s, count]) => (typeof s === 'string' && count === undefined ? pluralize(s) : UNKNOWN),
    '*': ([s, count]) => (typeof s === 'string' && count === undefined ? pluralize(s) : UNKNOWN),
    plural: oneString(pluralize.plural),
    singular: oneString(pluralize.singular),
  },
};

/** A function a package exports (TypeORM's util/StringUtils, lodash's, pluralize's), or undefined: not evaluated. */
export function packageFunction(module: string, name: string): NativeFunction | undefined {
  if (/^typeorm(\/|$)/.test(module)) return Object.prototype.hasOwnProperty.call(TYPEORM_STRING_UTILS, name) ? TYPEORM_STRING_UTILS[name] : undefined;
  const functions = PACKAGE_FUNCTIONS[module];
  return functions && Object.prototype.hasOwnProperty.call(functions, name) ? functions[name] : undefined;
}
