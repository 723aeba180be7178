/**
 * The names Sequelize (v6) derives when a model does not give them: table names, underscored
 * fields, and the foreign keys associations add. Written as Sequelize writes them (lib/utils.js,
 * lib/model.js, lib/associations/*.js), with the inflection library it uses, so that `person`
 * becomes `people`, `series` stays `series`, and `belongsTo(User)` adds `UserId` (Sequelize keeps
 * the model name's case).
 */
import { pluralize, singularize, underscore } from 'inflection';

/** `Utils.camelize`: every `_x` (or `-x`, ` x`) becomes `X`; the first letter keeps its case. */
export function sequelizeCamelize(text: string, lowerFirst = false): string {
  const camel = text.trim().replace(/[-_\s]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
  // (Sequelize 7's camelize lower-cases the first letter too: `ProbePost_id` → `probePostId`.)
  return lowerFirst && camel ? camel[0].toLowerCase() + camel.slice(1) : camel;
}

/** The column of an attribute: `Utils.underscoredIf(attribute, underscored)`. */
export function sequelizeField(attribute: string, underscored: boolean | undefined): string {
  if (!underscored) return attribute;
  // (A project spells few names, each on many models and at every build: each is underscored once.)
  let field = underscoredNames.get(attribute);
  if (field === undefined) {
    field = underscore(attribute);
    if (underscoredNames.size > 100_000) underscoredNames.clear();
    underscoredNames.set(attribute, field);
  }
  return field;
}

const underscoredNames = new Map<string, string>();

/** The table of a model without `tableName`: the model name, pluralised unless frozen. */
export function sequelizeTableName(modelName: string, options: { freezeTableName?: boolean; underscored?: boolean }): string {
  if (options.freezeTableName) return modelName;
  let plural = pluralNames.get(modelName);
  if (plural === undefined) {
    plural = pluralize(modelName);
    if (pluralNames.size > 100_000) pluralNames.clear();
    pluralNames.set(modelName, plural);
  }
  return sequelizeField(plural, options.underscored);
}

const pluralNames = new Map<string, string>();

/**
 * The attribute an association adds when it names no `foreignKey`: `belongsTo` names it after the
 * alias or the target's singular name, `hasOne` after its alias or the source's name (singular),
 * `hasMany` after the source's singular name; then `_` and the primary key attribute, camelised.
 */
export function sequelizeForeignKey(kind: 'belongsTo' | 'hasOne' | 'hasMany', association: { source: string; target: string; as?: string }, primaryKey: string, sequelize7 = false): string {
  const stem = kind === 'belongsTo' ? association.as ?? singularize(association.target)
    : kind === 'hasOne' ? singularize(association.as ?? association.source)
      : singularize(association.source);
  return sequelizeCamelize(`${stem}_${primaryKey}`, sequelize7);
}
