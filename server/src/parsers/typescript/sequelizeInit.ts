/**
 * A Sequelize model class that overrides `static init` for the models extending it:
 *
 *     class BaseModel extends Model {
 *       static init(attributes, options) {
 *         return super.init(attributes, { ...options, underscored: true, timestamps: true });
 *       }
 *     }
 *
 * Every `User.init({ … }, { sequelize })` of a subclass runs through it: the options it writes after
 * the caller's win over them, those before are the caller's defaults. Read from syntax here; the
 * resolution layer finds the classes a model extends and applies each override on the way up.
 */
import type * as TS from 'typescript';
import type { SequelizeInitOverride } from '../../facts/orm';
import { booleanValue, stringValue, throughConstant, ts, unwrap } from './syntax';

/** The options an override may set that decide names and columns. */
const OPTION_KEYS = ['timestamps', 'paranoid', 'underscored', 'freezeTableName', 'underscoredAll', 'tableName', 'schema', 'createdAt', 'updatedAt', 'deletedAt', 'modelName'];

/** The class's `static init(…)` when it is one, read; undefined when the class declares none. */
export function sequelizeInitOverride(cls: TS.ClassLikeDeclaration, sf: TS.SourceFile): SequelizeInitOverride | undefined {
  const t = ts();
  const method = staticInit(cls);
  if (!method) return undefined;
  const start = sf.getLineAndCharacterOfPosition(method.name.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(method.name.getEnd());
  const range = { start, end };
  const unread: SequelizeInitOverride = { before: {}, after: {}, optionsUnread: true, attributesChanged: true, range };
  const call = superInitCall(method);
  if (!call) return unread;
  const param = (i: number) => {
    const p = method.parameters[i];
    return p && t.isIdentifier(p.name) ? p.name.text : undefined;
  };
  const isParam = (e: TS.Expression | undefined, i: number) => !!e && t.isIdentifier(unwrap(e)) && (unwrap(e) as TS.Identifier).text === param(i);
  const override: SequelizeInitOverride = { before: {}, after: {}, range };
  // The caller's attributes handed on as they are, or with attributes of its own around them
  // (`{ id: …, ...attributes }`: read where a model's `init` runs through it); anything else adds or drops columns.
  if (!isParam(call.arguments[0], 0)) {
    if (initAttributes(method)) override.addsAttributes = true;
    else override.attributesChanged = true;
  }
  const options = call.arguments[1] && unwrap(call.arguments[1]);
  if (options && isParam(options, 1)) return override;
  if (!options || !t.isObjectLiteralExpression(options)) return { ...override, optionsUnread: true };
  let side: Record<string, boolean | string | null> = override.before;
  let passed = false;
  const take = (object: TS.ObjectLiteralExpression, depth: number): boolean => {
    for (const p of object.properties) {
      if (t.isSpreadAssignment(p)) {
        if (!passed && depth === 0 && isParam(p.expression, 1)) {
          passed = true;
          side = override.after;
          continue;
        }
        const spread = unwrap(throughConstant(p.expression));
        if (!t.isObjectLiteralExpression(spread) || depth > 3 || !take(spread, depth + 1)) return false;
        continue;
      }
      const key = p.name && (t.isIdentifier(p.name) || t.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (key === undefined) return false;
      if (!OPTION_KEYS.includes(key)) continue;
      const value = t.isPropertyAssignment(p) ? p.initializer : undefined;
      // `modelName: this.name`: the class's own name, Sequelize's default for it.
      if (key === 'modelName' && value && t.isPropertyAccessExpression(value) && value.expression.kind === t.SyntaxKind.ThisKeyword && value.name.text === 'name') {
        side[key] = '';
        continue;
      }
      side[key] = (value && (booleanValue(value) ?? stringValue(value))) ?? null;
    }
    return true;
  };
  if (!take(options, 0)) return { ...override, optionsUnread: true };
  // The caller's options not spread into what is handed on: they are dropped (only the override's count).
  if (!passed) override.dropsCallerOptions = true;
  return override;
}

/** A class's `static init` method, when it declares one. */
export function staticInit(cls: TS.ClassLikeDeclaration): TS.MethodDeclaration | undefined {
  const t = ts();
  return cls.members.find((m): m is TS.MethodDeclaration => t.isMethodDeclaration(m) && t.isIdentifier(m.name) && m.name.text === 'init'
    && !!m.modifiers?.some((x) => x.kind === t.SyntaxKind.StaticKeyword) && !!m.body);
}

/**
 * The attributes an override hands to `super.init` when they are the caller's with its own around
 * them: an object literal (in the call, or a constant of the method) of attributes and one spread of
 * the first parameter. `param`: that parameter's name, where the caller's attributes go.
 */
export function initAttributes(method: TS.MethodDeclaration): { literal: TS.ObjectLiteralExpression; param: string } | undefined {
  const t = ts();
  const call = superInitCall(method);
  const first = method.parameters[0];
  if (!call || !first || !t.isIdentifier(first.name)) return undefined;
  const param = first.name.text;
  const value = call.arguments[0] && throughMethodConstant(call.arguments[0], method.body!);
  if (!value || !t.isObjectLiteralExpression(value)) return undefined;
  const spreads = value.properties.filter((p) => t.isSpreadAssignment(p));
  const handsOn = spreads.length === 1 && t.isIdentifier(unwrap((spreads[0] as TS.SpreadAssignment).expression)) && (unwrap((spreads[0] as TS.SpreadAssignment).expression) as TS.Identifier).text === param;
  const plain = value.properties.every((p) => t.isSpreadAssignment(p) || (t.isPropertyAssignment(p) && (t.isIdentifier(p.name) || t.isStringLiteral(p.name))));
  return handsOn && plain ? { literal: value, param } : undefined;
}

/** What a name holds that a `const` of the function's body declares (`const withKey = { … }`); else the expression, unwrapped. */
export function throughMethodConstant(e: TS.Expression, body: TS.Block): TS.Expression | undefined {
  const t = ts();
  const value = unwrap(e);
  if (!t.isIdentifier(value)) return value;
  const declared = body.statements.flatMap((s) => (t.isVariableStatement(s) ? [...s.declarationList.declarations] : []))
    .find((d) => t.isIdentifier(d.name) && d.name.text === value.text)?.initializer;
  return declared ? unwrap(declared) : value;
}

/**
 * The one `super.init(…)` the method's body makes (returned or not), when that is all it does —
 * after constants of object literals it may hand on (`const withKey = { id: …, ...attributes }`).
 */
function superInitCall(method: TS.MethodDeclaration): TS.CallExpression | undefined {
  const t = ts();
  const statements = method.body!.statements;
  const objectsOnly = statements.slice(0, -1).every((s) => t.isVariableStatement(s) && (s.declarationList.flags & t.NodeFlags.Const)
    && s.declarationList.declarations.every((d) => d.initializer && t.isObjectLiteralExpression(unwrap(d.initializer))));
  if (!statements.length || !objectsOnly) return undefined;
  const s = statements[statements.length - 1];
  const e = t.isReturnStatement(s) ? s.expression : t.isExpressionStatement(s) ? s.expression : undefined;
  const call = e && unwrap(e);
  if (!call || !t.isCallExpression(call) || !t.isPropertyAccessExpression(call.expression)) return undefined;
  return call.expression.expression.kind === t.SyntaxKind.SuperKeyword && call.expression.name.text === 'init' ? call : undefined;
}
