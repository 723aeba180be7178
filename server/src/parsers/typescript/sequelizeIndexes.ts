/**
 * What Sequelize's index options say beyond their columns, read alike wherever they are written: a
 * model's `indexes`, `@Index({ … })`, the decorators `createIndexDecorator(…)` makes, and a
 * migration's `addIndex` (its fields' collations and operator classes).
 */
import type * as TS from 'typescript';
import type { IndexDecoratorSpec } from '../../facts/orm';
import { booleanValue, objectProps, stringValue, ts, type TsFile } from './syntax';

/** What an index's options say beyond its columns: `where` (a partial index, as written) and `using` (the method, in lower case). */
export function indexShape(src: TsFile, options: Map<string, TS.Expression> | undefined): { where?: string; method?: string } {
  const where = options?.get('where');
  const method = stringValue(options?.get('using'))?.toLowerCase();
  return { ...(where ? { where: stringValue(where) ?? where.getText(src.sf) } : {}), ...(method ? { method } : {}) };
}

/**
 * An index field's collation and operator class (`{ name: 'title', collate: 'C', operator:
 * 'text_pattern_ops' }`) as Sequelize's query generator writes them after the column: '' when it has
 * neither, undefined when one is given by code. Such an index serves other lookups than a plain one.
 */
export function indexFieldOpclass(field: Map<string, TS.Expression> | undefined): string | undefined {
  const collate = field?.get('collate');
  const operator = field?.get('operator');
  if ((collate && stringValue(collate) === undefined) || (operator && stringValue(operator) === undefined)) return undefined;
  return [collate ? `COLLATE "${stringValue(collate)}"` : '', operator ? stringValue(operator) : ''].filter(Boolean).join(' ');
}

/**
 * The index decorators a module makes with sequelize-typescript's `createIndexDecorator(options)`,
 * by the name it binds each to: the index's name (else Sequelize names it), uniqueness, and its
 * `where` (kept as written: a partial index). Options given by code are not read: no decorator.
 */
export function createdIndexDecorators(src: TsFile): Map<string, IndexDecoratorSpec> {
  const t = ts();
  const out = new Map<string, IndexDecoratorSpec>();
  const visit = (node: TS.Node): void => {
    if (t.isVariableDeclaration(node) && t.isIdentifier(node.name) && node.initializer && t.isCallExpression(node.initializer)
      && t.isIdentifier(node.initializer.expression) && node.initializer.expression.text === 'createIndexDecorator') {
      const arg = node.initializer.arguments[0];
      const options = objectProps(arg);
      if (!arg || options) {
        const name = stringValue(options?.get('name'));
        out.set(node.name.text, { unique: booleanValue(options?.get('unique')) === true, ...(name ? { name } : {}), ...indexShape(src, options) });
      }
    }
    t.forEachChild(node, visit);
  };
  visit(src.sf);
  return out;
}
