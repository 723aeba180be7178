/**
 * Reads a function that computes a name from a class name — a `@declared_attr __tablename__`, or
 * a module function it calls (`def camel_to_snake(name): …`) — into a NameExpr: after a docstring,
 * assignments to local names and one final `return`, over string literals, `cls.__name__`, the
 * parameter, module names, `+`, f-strings of those, string methods and `re.sub`. Any other
 * statement or expression: undefined, and the name stays Unknown.
 */
import type { NameExpr } from '../../facts/sqlalchemy';
import { stringLiteral } from './stringLiteral';
import type { SyntaxNode as Node } from './syntax';
import { callInfo, codeChildren, dottedName, stringValue } from './syntax';

const METHODS = new Set(['lower', 'upper', 'replace', 'strip', 'lstrip', 'rstrip']);

/**
 * `subject`: `class` for a `__tablename__` (its first parameter is the class: `cls.__name__`),
 * `param` for a name function (its one parameter is the name).
 */
export function readNameFunction(def: Node, subject: 'class' | 'param'): NameExpr | undefined {
  const parameters = def.childForFieldName('parameters');
  const params = parameters ? codeChildren(parameters) : [];
  const paramName = (p: Node | undefined) =>
    p?.type === 'identifier' ? p.text : p?.type === 'typed_parameter' ? p.firstNamedChild?.text : undefined;
  if (subject === 'param' && params.length !== 1) return undefined;
  const param = paramName(params[0]);
  if (!param) return undefined;
  const body = def.childForFieldName('body');
  const statements = body ? codeChildren(body) : [];
  const locals = new Map<string, NameExpr | undefined>();
  const reader = new ExpressionReader(param, subject, locals);
  for (const [i, stmt] of statements.entries()) {
    const expr = stmt.firstNamedChild;
    if (i === 0 && stmt.type === 'expression_statement' && expr?.type === 'string') continue;
    if (i === statements.length - 1) return stmt.type === 'return_statement' && expr ? reader.read(expr) : undefined;
    if (stmt.type !== 'expression_statement' || expr?.type !== 'assignment') return undefined;
    const left = expr.childForFieldName('left');
    const right = expr.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) return undefined;
    // `name = re.sub(…, name)`: the parameter rebound, as any local (read with its value so far).
    locals.set(left.text, reader.read(right));
  }
  return undefined;
}

/**
 * A name written as an expression in a class body (`__tablename__ = "farm_" + snake_case("Land")`):
 * string literals, module names, `+`, string methods, `re.sub` and calls of name functions. No
 * class or parameter is in scope. Anything else: undefined.
 */
export function readNameExpression(node: Node): NameExpr | undefined {
  return new ExpressionReader('', 'param', new Map()).read(node);
}

class ExpressionReader {
  constructor(
    private readonly param: string,
    private readonly subject: 'class' | 'param',
    private readonly locals: ReadonlyMap<string, NameExpr | undefined>,
  ) {}

  read(node: Node): NameExpr | undefined {
    switch (node.type) {
      case 'parenthesized_expression':
        return node.firstNamedChild ? this.read(node.firstNamedChild) : undefined;
      case 'string':
      case 'concatenated_string': {
        const s = stringValue(node);
        return s ? { k: 'str', v: s.value } : node.type === 'string' ? this.formatted(node.text) : undefined;
      }
      case 'identifier':
        if (this.locals.has(node.text)) return this.locals.get(node.text);
        if (node.text === this.param) return this.subject === 'param' ? { k: 'param' } : undefined;
        return { k: 'ref', name: node.text };
      case 'attribute':
        return this.subject === 'class' && node.text.replace(/\s+/g, '') === `${this.param}.__name__` ? { k: 'class' } : undefined;
      case 'binary_operator': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return undefined;
        // The light tree keeps no operator token: it is the text between the operands.
        const operator = node.text.slice(left.text.length, node.text.length - right.text.length).trim();
        const a = operator === '+' ? this.read(left) : undefined;
        const b = a && this.read(right);
        return a && b ? { k: 'concat', parts: [a, b] } : undefined;
      }
      case 'call':
        return this.call(node);
      default:
        return undefined;
    }
  }

  private call(node: Node): NameExpr | undefined {
    const call = callInfo(node);
    if (!call || call.hasSplat) return undefined;
    const fn = node.childForFieldName('function');
    if (call.callee === 're.sub') {
      // re.sub(pattern, repl, string, count=0, flags=0)
      const [pattern, repl, of, ...rest] = call.positional;
      const text = stringValue(pattern)?.value;
      const flags = this.flags(call.keywords.get('flags')?.value);
      if (text === undefined || !repl || !of || rest.length || flags === undefined || [...call.keywords.keys()].some((k) => k !== 'flags')) return undefined;
      return this.sub({ text, flags }, repl, of);
    }
    if (fn?.type === 'attribute') {
      // A plain dotted callee (`CAMEL.sub`, `cls.__name__.lower`) is a leaf of the light tree: read from its text.
      const objectNode = fn.childForFieldName('object');
      const objectText = objectNode?.text ?? fn.text.slice(0, fn.text.lastIndexOf('.'));
      const method = fn.childForFieldName('attribute')?.text ?? fn.text.slice(fn.text.lastIndexOf('.') + 1);
      if (!method || call.keywords.size) return undefined;
      if (method === 'sub' && /^[A-Za-z_]\w*$/.test(objectText) && !this.locals.has(objectText) && objectText !== this.param) {
        // PATTERN.sub(repl, string), PATTERN = re.compile(…) in the module (or imported).
        const [repl, of, ...rest] = call.positional;
        return repl && of && !rest.length ? this.sub({ ref: objectText }, repl, of) : undefined;
      }
      if (!METHODS.has(method)) return undefined;
      const of = objectNode ? this.read(objectNode) : this.dotted(objectText);
      const args = call.positional.map((a) => this.read(a));
      if (!of || args.some((a) => !a)) return undefined;
      const arity = method === 'replace' ? [2] : method === 'lower' || method === 'upper' ? [0] : [0, 1];
      if (!arity.includes(args.length)) return undefined;
      return { k: 'method', method: method as 'lower', of, args: args as NameExpr[] };
    }
    if (fn?.type === 'identifier' && call.positional.length === 1 && !call.keywords.size && !this.locals.has(fn.text)) {
      const arg = this.read(call.positional[0]);
      return arg && { k: 'call', fn: fn.text, arg };
    }
    return undefined;
  }

  /** A dotted name read from its text: `cls.__name__`, or one name. */
  private dotted(text: string): NameExpr | undefined {
    const plain = text.replace(/\s+/g, '');
    if (this.subject === 'class' && plain === `${this.param}.__name__`) return { k: 'class' };
    if (!/^[A-Za-z_]\w*$/.test(plain)) return undefined;
    if (this.locals.has(plain)) return this.locals.get(plain);
    if (plain === this.param) return this.subject === 'param' ? { k: 'param' } : undefined;
    return { k: 'ref', name: plain };
  }

  private sub(pattern: { text: string; flags: string } | { ref: string }, replNode: Node, ofNode: Node): NameExpr | undefined {
    const repl = this.read(replNode);
    const of = repl && this.read(ofNode);
    return repl && of ? { k: 'sub', pattern, repl, of } : undefined;
  }

  /** `re.I` / `re.IGNORECASE` (the one flag whose meaning JavaScript shares); none: ''. */
  private flags(node: Node | undefined): string | undefined {
    if (!node) return '';
    const name = dottedName(node);
    return name === 're.I' || name === 're.IGNORECASE' ? 'i' : undefined;
  }

  /** `f"{cls.__name__.lower()}s"`: fields that name the class (lower- or upper-cased), the parameter or a local. */
  private formatted(text: string): NameExpr | undefined {
    const literal = stringLiteral(text);
    if (!literal || !literal.prefix.includes('f') || literal.bytes || /\\/.test(literal.content)) return undefined;
    const parts: NameExpr[] = [];
    const field = /\{\{|\}\}|\{([^{}]*)\}|([^{}]+)|([{}])/g;
    for (let m = field.exec(literal.content); m; m = field.exec(literal.content)) {
      if (m[0] === '{{' || m[0] === '}}') parts.push({ k: 'str', v: m[0][0] });
      else if (m[2] !== undefined) parts.push({ k: 'str', v: m[2] });
      else if (m[3] !== undefined) return undefined;
      else {
        const f = /^\s*([A-Za-z_]\w*)(\.__name__)?((?:\.(?:lower|upper)\(\))*)\s*$/.exec(m[1]);
        if (!f) return undefined;
        let value: NameExpr | undefined;
        if (f[2]) value = this.subject === 'class' && f[1] === this.param ? { k: 'class' } : undefined;
        else if (f[1] === this.param) value = this.subject === 'param' ? { k: 'param' } : undefined;
        else value = this.locals.has(f[1]) ? this.locals.get(f[1]) : { k: 'ref', name: f[1] };
        for (const method of f[3].match(/lower|upper/g) ?? []) value = value && { k: 'method', method: method as 'lower', of: value, args: [] };
        if (!value) return undefined;
        parts.push(value);
      }
    }
    return { k: 'concat', parts };
  }
}
