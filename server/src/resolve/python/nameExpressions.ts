/**
 * Table names computed from class names (`@declared_attr def __tablename__(cls): return
 * CAMEL_TO_SNAKE.sub("_", cls.__name__).lower()`): the names a NameExpr uses are bound through the
 * module graph (string constants, compiled patterns, name functions of this module or imported),
 * and the closed expression is evaluated for each class that inherits it. What cannot be bound or
 * evaluated the way Python would is undefined: the table name stays Unknown.
 */
import type { NameExpr, PyModuleFacts } from '../../facts/sqlalchemy';
import { evaluateTemplate, lookupIn } from './modules';
import { pythonPattern, pythonReplacement, pythonSub } from './pythonRegex';

/** Whether `expr` still names something of a module (a constant, a pattern, a function). */
export function hasFreeNames(expr: NameExpr): boolean {
  switch (expr.k) {
    case 'ref':
    case 'call':
      return true;
    case 'sub':
      return 'ref' in expr.pattern || hasFreeNames(expr.repl) || hasFreeNames(expr.of);
    case 'concat':
      return expr.parts.some(hasFreeNames);
    case 'method':
      return hasFreeNames(expr.of) || expr.args.some(hasFreeNames);
    default:
      return false;
  }
}

/**
 * `expr`, written in module `m`, with its names replaced by what they are bound to (a name
 * function's body with its parameter replaced by the argument); the same expression, names left
 * free, where one is not found (evaluation then fails).
 */
export function bindNameExpr(m: PyModuleFacts, expr: NameExpr, modules: ReadonlyMap<string, PyModuleFacts>, depth = 0): NameExpr {
  if (depth > 8) return expr;
  const bind = (e: NameExpr) => bindNameExpr(m, e, modules, depth + 1);
  switch (expr.k) {
    case 'ref': {
      const found = lookupIn(m, expr.name, modules, (x) => x.constants);
      const value = found && evaluateTemplate(found.module, found.value.value, modules);
      return value !== undefined ? { k: 'str', v: value } : expr;
    }
    case 'call': {
      const found = lookupIn(m, expr.fn, modules, (x) => x.nameFunctions);
      if (!found) return expr;
      const body = bindNameExpr(found.module, found.value.body, modules, depth + 1);
      return substituteParam(body, bind(expr.arg));
    }
    case 'sub': {
      let pattern = expr.pattern;
      if ('ref' in pattern) {
        const found = lookupIn(m, pattern.ref, modules, (x) => x.patterns);
        if (found) pattern = { text: found.value.text, flags: found.value.flags };
      }
      return { k: 'sub', pattern, repl: bind(expr.repl), of: bind(expr.of) };
    }
    case 'concat':
      return { k: 'concat', parts: expr.parts.map(bind) };
    case 'method':
      return { ...expr, of: bind(expr.of), args: expr.args.map(bind) };
    default:
      return expr;
  }
}

function substituteParam(expr: NameExpr, arg: NameExpr): NameExpr {
  const sub = (e: NameExpr) => substituteParam(e, arg);
  switch (expr.k) {
    case 'param':
      return arg;
    case 'sub':
      return { ...expr, repl: sub(expr.repl), of: sub(expr.of) };
    case 'concat':
      return { k: 'concat', parts: expr.parts.map(sub) };
    case 'method':
      return { ...expr, of: sub(expr.of), args: expr.args.map(sub) };
    case 'call':
      return { ...expr, arg: sub(expr.arg) };
    default:
      return expr;
  }
}

/** The name `expr` computes for the class `className`; undefined where Python's result is not known. */
export function evaluateNameExpr(expr: NameExpr, className: string): string | undefined {
  const ev = (e: NameExpr) => evaluateNameExpr(e, className);
  switch (expr.k) {
    case 'class':
      return className;
    case 'str':
      return expr.v;
    case 'concat': {
      const parts = expr.parts.map(ev);
      return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
    }
    case 'method': {
      const of = ev(expr.of);
      const args = expr.args.map(ev);
      if (of === undefined || args.some((a) => a === undefined)) return undefined;
      return stringMethod(expr.method, of, args as string[]);
    }
    case 'sub': {
      if ('ref' in expr.pattern) return undefined;
      const pattern = pythonPattern(expr.pattern.text, expr.pattern.flags);
      const repl = ev(expr.repl);
      const replacement = repl !== undefined ? pythonReplacement(repl) : undefined;
      const of = ev(expr.of);
      return pattern && replacement && of !== undefined ? pythonSub(pattern, replacement, of) : undefined;
    }
    default:
      // A name not bound (`ref`, `call`), or a parameter outside its function.
      return undefined;
  }
}

function stringMethod(method: Extract<NameExpr, { k: 'method' }>['method'], s: string, args: string[]): string | undefined {
  switch (method) {
    case 'lower':
      return /[^\x00-\x7f]/.test(s) ? undefined : s.toLowerCase();
    case 'upper':
      return /[^\x00-\x7f]/.test(s) ? undefined : s.toUpperCase();
    case 'replace':
      return args[0] === '' ? undefined : s.split(args[0]).join(args[1]);
    default: {
      // strip / lstrip / rstrip: whitespace, or the characters of the argument.
      const chars = args.length ? new Set(args[0]) : undefined;
      const strip = (c: string) => (chars ? chars.has(c) : /\s/.test(c));
      let start = 0;
      let end = s.length;
      if (method !== 'rstrip') while (start < end && strip(s[start])) start++;
      if (method !== 'lstrip') while (end > start && strip(s[end - 1])) end--;
      return s.slice(start, end);
    }
  }
}
