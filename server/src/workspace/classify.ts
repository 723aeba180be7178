/**
 * Recognises model and migration files by their content, not by their path: a models package may
 * be called anything, and `migrations/` folders hold other things too.
 */
import { SQUID_PACKAGES } from '../parsers/typescript/subsquid';

export type FileKind = 'sqlalchemy-models' | 'alembic-migration' | 'typeorm-models' | 'sequelize-models' | 'orm-migration';

const TYPEORM_MIGRATION = /\bimplements\s+MigrationInterface\b|\bqueryRunner\s*:\s*QueryRunner\b|\bup\s*\(\s*queryRunner\s*\)/;
/**
 * Whether a class extends a parameter of a function it is written in (`(superclass: TBase) => { class
 * X extends superclass`): a mixin. (Each `class … extends` is looked at, not every parenthesis: the
 * classifier reads every file of a workspace.)
 */
function declaresMixin(text: string): boolean {
  for (const m of text.matchAll(/\bclass\s+[A-Za-z_$][\w$]*\s+extends\s+([A-Za-z_$][\w$]*)\s*[{<]/g)) {
    const before = text.slice(Math.max(0, m.index - 3000), m.index);
    if (new RegExp(`[(,]\\s*${m[1].replace(/\$/g, '\\$')}\\s*[:,)=]`).test(before)) return true;
  }
  return false;
}

/** `class Language extends Model {}` and `Language.init(` in the same module. */
function initialisesModelClass(text: string): boolean {
  for (const m of text.matchAll(/\bclass\s+([A-Za-z_$][\w$]*)\s+extends\s+(?:Sequelize\s*\.\s*)?Model\b/g)) {
    if (new RegExp(`\\b${m[1].replace(/\$/g, '\\$')}\\s*\\.\\s*init\\s*\\(`).test(text.slice(m.index))) return true;
  }
  return false;
}
const TYPEORM_TIMESTAMP_CLASS = /\bclass\s+[A-Za-z_$][\w$]*?\d{13}\s*(?:implements\b[^{]*)?\{/;
/**
 * `export class CreateAuthors1700000000000 extends BaseMigration {`: TypeORM's name (a 13-digit
 * timestamp; MikroORM's have 14) on a class whose `up` a project base gives it.
 */
const TYPEORM_TIMESTAMP_SUBCLASS = /\bclass\s+[A-Za-z_$][\w$]*?(?<!\d)\d{13}\s+extends\s+[A-Za-z_$][\w$.]*\s*(?:<[^>{]*>\s*)?(?:implements\b[^{]*)?\{/;
/**
 * `up(queryInterface, …)`, `up: async (queryInterface) =>`, umzug's `up({ context: queryInterface })`:
 * a migration even when it only hands the interface to helpers (`addIndexOnce(queryInterface, …)`)
 * or runs SQL through another connection its runner passes.
 */
const UP_TAKING_QUERY_INTERFACE = /\bup\s*(?::\s*(?:async\s*)?(?:function\s*)?)?\(\s*(?:\{\s*context\s*:\s*)?(?:queryInterface|qi)\b/;
/** `export const up = async ({ context }) =>`, `up: async ({ context }) =>`, `async up({ context })`. */
const UMZUG_UP = /\bup\s*(?:=\s*|:\s*)?(?:async\s*)?(?:function\s*)?\(\s*\{\s*context\s*(?:[:,}])/;
const SEQUELIZE_MIGRATION = /(?:\b(?:queryInterface|qi)|\bgetQueryInterface\s*\(\s*\))\s*\.\s*(?:createTable|addColumn|removeColumn|changeColumn|renameColumn|renameTable|addIndex|removeIndex|addConstraint|removeConstraint|dropTable|createSchema|dropSchema|sequelize\s*\.\s*query|bulkInsert|bulkDelete|bulkUpdate)\s*\(/;
const TYPEORM_ENTITY = /@(?:Child)?Entity\s*\(|new\s+(?:[A-Za-z_$][\w$]*\s*\.\s*)?EntitySchema\b|namingStrategy\s*:|@(?:Primary(?:Generated)?Column|CreateDateColumn|UpdateDateColumn|DeleteDateColumn)\s*\(|\breturn\s+(?:Column|PrimaryColumn)\s*\(/;
const TYPEORM_DECORATOR_IMPORT = /\bimport\s*\{[^}]*\b(?:Entity|Column|PrimaryColumn|PrimaryGeneratedColumn|CreateDateColumn|UpdateDateColumn|DeleteDateColumn|ManyToOne|OneToOne|ManyToMany|OneToMany|JoinColumn|JoinTable)\b[^}]*\}\s*from\s*['"]typeorm['"]/;
const TYPEORM_DECORATOR_ALIAS = /\bexport\s*\{[^}]*\b(?:Entity|Column|PrimaryColumn|PrimaryGeneratedColumn|CreateDateColumn|UpdateDateColumn|DeleteDateColumn|ManyToOne|OneToOne|ManyToMany|OneToMany|JoinColumn|JoinTable)\s+as\s+\w+[^}]*\}\s*from\s*['"]typeorm['"]/;
const TYPEORM_CONNECTION = /\bnew\s+DataSource\s*\(|\bcreateConnection\s*\(|\bforRoot(?:Async)?\s*\(|\b(?:DataSourceOptions|TypeOrmModuleOptions|ConnectionOptions|PostgresConnectionOptions)\b/;
const SEQUELIZE_MODEL = /\.\s*define\s*(?:<[^>()]*>\s*)?\(|\.init\s*\(\s*(?:\{|[A-Za-z_$][\w$]*(?:\s+as\s+[\w.<>]+)?\s*,\s*\{[^}]*\bsequelize\b)|@(?:[A-Za-z_$][\w$]*\.)?Table\s*(?:\(|\n)|@(?:[A-Za-z_$][\w$]*\.)?(?:Column|CreatedAt|UpdatedAt|DeletedAt)\s*(?:\(|\n)/;

const SEQUELIZE_INIT_ELSEWHERE = /\.init\s*\(\s*[A-Za-z_$][\w$.]*\s*,\s*\{[^}]*\bsequelize\b/;

/**
 * A `@Table` class extending `Model`, both imported from one module by name (`import { Table, Model }
 * from '@orm'`) or through a namespace (`import * as orm from '@orm'`, `@orm.Table`, `extends orm.Model`).
 */
function takesTableFromModule(text: string): boolean {
  if (/@Table\s*(?:\(|\n)/.test(text) && /\bextends\s+Model\b/.test(text) && /\bimport\s*\{[^}]*\bTable\b[^}]*\}\s*from\b/.test(text)) return true;
  const namespaced = /@([A-Za-z_$][\w$]*)\.Table\s*(?:\(|\n)/.exec(text);
  if (!namespaced) return false;
  const ns = namespaced[1].replace(/\$/g, '\\$');
  return new RegExp(`\\bextends\\s+${ns}\\.Model\\b`).test(text) && new RegExp(`\\bimport\\s*\\*\\s*as\\s+${ns}\\s+from\\b`).test(text);
}

/** `Model.belongsToMany(Other, …)` on a model's name (Bookshelf, Lucid and Vuex ORM relate through `this.`). */
const SEQUELIZE_ASSOCIATION = /\b[A-Z][\w$]*\s*\.\s*(?:belongsTo|hasMany|hasOne|belongsToMany)\s*\(\s*(?:[\w$]+\.)?[A-Z][\w$]*\s*[,)]/;
const SEQUELIZE_MEMBER_TYPE = /\btype\s*:\s*[A-Za-z_$][\w$]*\s*\.\s*(?:STRING|CHAR|TEXT|INTEGER|BIGINT|SMALLINT|FLOAT|DOUBLE|REAL|DECIMAL|BOOLEAN|DATE|DATEONLY|TIME|UUID|JSONB?|ENUM|ARRAY|BLOB|CITEXT|INET)\b|:\s*[A-Za-z_$][\w$]*\s*\.\s*(?:STRING|TEXT|INTEGER|BOOLEAN|DATE|UUID)\s*[,}\n]/;
const SEQUELIZE_BARE_TYPE = /\btype\s*:\s*(?:STRING|CHAR|TEXT|INTEGER|BIGINT|SMALLINT|FLOAT|DOUBLE|REAL|DECIMAL|BOOLEAN|DATE|DATEONLY|TIME|UUID|JSONB?|ENUM|ARRAY|BLOB|CITEXT|INET)\b/;

/** TypeORM entities, Sequelize models, and the migrations of either, in TypeScript or JavaScript. */
/** `import { Init1693891895163 } from './1693891895163-Init'`: a TypeORM migration class imported by name. */
const TIMESTAMPED_IMPORT = /\bimport\s*\{\s*[A-Za-z_$][\w$]*?\d{13}\s*(?:as\s+[A-Za-z_$][\w$]*\s*)?\}\s*from\s*['"]\./g;

/** `const { Init1693891895163 } = require('./1693891895163-Init')`, as CommonJS writes it. */
const TIMESTAMPED_REQUIRE = /\{\s*[A-Za-z_$][\w$]*?\d{13}\s*\}\s*=\s*require\s*\(\s*['"]\./g;

/** Whether a module imports two or more TypeORM migration classes and lists them in an array. */
function listsTypeOrmMigrations(text: string): boolean {
  const imports = (text.match(TIMESTAMPED_IMPORT)?.length ?? 0) + (text.match(TIMESTAMPED_REQUIRE)?.length ?? 0);
  return imports >= 2 && /[=(:]\s*\[/.test(text);
}

/** `const up = async (query) => { await query.createTable(…) }`: umzug hands `up` the query interface under any name. */
const UP_PARAMETER = /\bup\s*(?:[=:]\s*)?(?:async\s*)?(?:function\s*)?\(\s*([A-Za-z_$][\w$]*)\s*[,)]/g;
const QUERY_INTERFACE_CALL = '\\s*\\.\\s*(?:createTable|addColumn|removeColumn|changeColumn|renameColumn|renameTable|addIndex|removeIndex|addConstraint|removeConstraint|dropTable)\\s*\\(';

function upUsesItsParameterAsQueryInterface(text: string): boolean {
  for (const m of text.matchAll(UP_PARAMETER)) {
    const name = m[1].replace(/\$/g, '\\$');
    if (new RegExp(`\\b${name}${QUERY_INTERFACE_CALL}`).test(text)) return true;
  }
  return false;
}

export function classifyScript(text: string): FileKind | undefined {
  if (TYPEORM_MIGRATION.test(text) && /\bup\s*\(/.test(text)) return 'orm-migration';
  // In JavaScript, nothing says MigrationInterface: a class named by TypeORM's timestamp whose
  // `up(runner)` runs queries (`module.exports = class Data1649158683467 { async up(db) { … } }`).
  if (TYPEORM_TIMESTAMP_CLASS.test(text) && /\bup\s*\(\s*[A-Za-z_$][\w$]*\s*\)/.test(text) && /\.\s*query\s*\(/.test(text)) return 'orm-migration';
  if (TYPEORM_TIMESTAMP_SUBCLASS.test(text) && !/['"]@mikro-orm\//.test(text)) return 'orm-migration';
  if ((SEQUELIZE_MIGRATION.test(text) && /\bup\b/.test(text)) || UP_TAKING_QUERY_INTERFACE.test(text) || upUsesItsParameterAsQueryInterface(text)) return 'orm-migration';
  // A list of TypeORM migrations imported from their modules (`export const migrations = [Init1693891895163, …]`):
  // read for which migrations one data source runs together.
  // (A data source listing them itself is read with its options, below.)
  if (listsTypeOrmMigrations(text) && !(/\btypeorm\b/.test(text) && TYPEORM_CONNECTION.test(text) && /\btype\s*:/.test(text))) return 'orm-migration';
  // umzug hands `up` a context of the project's choosing (`{ context: sequelize }`): a module of umzug's
  // migrations, whatever it does through it (SQL only, `sequelize.query(…)`).
  if (/\bfrom\s+['"]umzug['"]|require\s*\(\s*['"]umzug['"]\s*\)/.test(text) && /\bup\b[^\n]*\(\s*\{\s*context\s*:/.test(text)) return 'orm-migration';
  // umzug's migration as a module exports it, `up` taking `{ context }` (whatever the context is
  // called after), its SQL or the query interface's calls run on it.
  if (UMZUG_UP.test(text) && /\.\s*(?:query|createTable|addColumn|addIndex|addConstraint|changeColumn|removeColumn|dropTable)\s*\(/.test(text)) return 'orm-migration';
  if (/\btypeorm\b/.test(text) && TYPEORM_ENTITY.test(text)) return 'typeorm-models';
  // A mixin of the project (`function DeleteMixin(superclass) { abstract class C extends superclass {…} return C }`)
  // in a module of the ORM's: what it adds to the models it is applied to, columns or none.
  const mixinOf = /\bfrom\s+["']typeorm["']|require\s*\(\s*["']typeorm["']\s*\)/.test(text) ? 'typeorm-models'
    : /\bfrom\s+["']sequelize(?:-typescript)?["']|require\s*\(\s*["']sequelize(?:-typescript)?["']\s*\)/.test(text) ? 'sequelize-models' : undefined;
  if (mixinOf && declaresMixin(text)) return mixinOf;
  // TypeORM as a namespace (`import * as TypeOrm from "typeorm"`, `@TypeOrm.Entity()`).
  const namespace = /\bimport\s*\*\s*as\s+([A-Za-z_$][\w$]*)\s+from\s*['"]typeorm['"]/.exec(text)?.[1];
  if (namespace && new RegExp(`@${namespace.replace(/\$/g, '\\$')}\\.(?:Child)?Entity\\s*\\(`).test(text)) return 'typeorm-models';
  // TypeORM's decorators through the project's own module (a barrel, a path alias): @Entity with
  // TypeORM's column decorators, imported by name (MikroORM's entities use @Property, not @Column).
  if (/@Entity\s*\(/.test(text) && /@(?:Primary(?:Generated)?Column|Column)\s*\(/.test(text) && /\bimport\s*\{[^}]*\bEntity\b[^}]*\}\s*from\b/.test(text)
    && !/@mikro-orm\/|sequelize-typescript/.test(text)) return 'typeorm-models';
  // The project's own decorators that apply TypeORM's (`export function MultiORMColumn(…) { … Column(…) }`).
  if (TYPEORM_DECORATOR_IMPORT.test(text) && /\bexport\s*(?:function\b|const\b|\{)/.test(text)) return 'typeorm-models';
  // A class of columns only (an embedded class, `@Column(() => Address)`, or a base without @Entity),
  // or of relations only (an embedded class holding a `@OneToOne(() => Account) @JoinColumn()`).
  if (TYPEORM_DECORATOR_IMPORT.test(text) && /@(?:Column|ManyToOne|OneToOne|ManyToMany)\s*\(/.test(text) && /\bclass\s+\w+/.test(text)) return 'typeorm-models';
  // Or under names of the project's own (`export { ManyToOne as OrmManyToOne } from 'typeorm'`).
  if (TYPEORM_DECORATOR_ALIAS.test(text)) return 'typeorm-models';
  // Imported under another name and applied so (`import { Entity as Entity_ } from "typeorm"`, as
  // generated models write it to keep the names free): what the decorator is, not how it is spelled.
  if (appliesTypeOrmDecorator(text)) return 'typeorm-models';
  // Types as `DataTypes.STRING`, `Sequelize.INTEGER`, or by their bare names (`type: STRING`, bound from Sequelize).
  // (A sequelize-typescript model may declare no attribute: `@Table class Tag extends Model {}` has its id and timestamps.)
  if (/\bsequelize(?:-typescript)?\b/i.test(text) && SEQUELIZE_MODEL.test(text) && (/DataTypes?\b|Sequelize\.[A-Z]+|@(?:[A-Za-z_$][\w$]*\.)?(?:Column|CreatedAt|UpdatedAt|DeletedAt)\b/.test(text) || SEQUELIZE_BARE_TYPE.test(text)
    || (/['"]sequelize-typescript['"]/.test(text) && /@(?:[A-Za-z_$][\w$]*\.)?Table\b/.test(text)))) return 'sequelize-models';
  // sequelize-typescript's decorators through the project's own module (a barrel that re-exports
  // them, a path alias): a `@Table` class that extends `Model`, `Table` imported by name from a module
  // that is neither TypeORM's nor MikroORM's (the resolution layer confirms the module hands on
  // sequelize-typescript's own).
  if (takesTableFromModule(text) && !/['"](?:typeorm|@mikro-orm\/[\w-]+)['"]/.test(text)) return 'sequelize-models';
  // `module.exports = (sequelize, Type) => sequelize.define('Task', { name: { type: Type.STRING } })`:
  // the data types under whatever name the model's function takes them.
  if (/\bsequelize\s*\.\s*define\s*(?:<[^>()]*>\s*)?\(/.test(text) && SEQUELIZE_MEMBER_TYPE.test(text)) return 'sequelize-models';
  // `sequelize.define<RoleInstance>('Roles', { ...attributesMadeElsewhere })` in a module of Sequelize's:
  // a model, whatever its attributes are written with (or not written at all).
  if (/\bfrom\s+["']sequelize["']|require\s*\(\s*["']sequelize["']\s*\)/.test(text) && /\bsequelize\s*\.\s*define\s*(?:<[^>()]*>\s*)?\(\s*['"`][\w$.-]+['"`]\s*,/.test(text)) return 'sequelize-models';
  // Egg.js's `app.model` is the Sequelize instance (egg-sequelize): `app.model.define('follow', {}, …)`.
  if (/\bapp\s*\.\s*model\s*\.\s*define\s*\(\s*['"`][\w$.-]+['"`]\s*,/.test(text)) return 'sequelize-models';
  // `class Language extends Model {}` initialised in its module (`Language.init({ code: { ...textField() } }, { ...options, sequelize })`),
  // its attributes written by helpers of the project that name no data type here.
  if (/\bfrom\s+["']sequelize["']|require\s*\(\s*["']sequelize["']\s*\)/.test(text) && initialisesModelClass(text)) return 'sequelize-models';
  // `User.init(userSchemaFields, { sequelize, … })`: a model whose attributes another module writes.
  if (/\bfrom\s+["']sequelize["']|require\s*\(\s*["']sequelize["']\s*\)/.test(text) && SEQUELIZE_INIT_ELSEWHERE.test(text)) return 'sequelize-models';
  // Associations between models that functions of other modules make (sequelize-auto's
  // init-models.js: `var todos = _todos(sequelize, DataTypes); todos.belongsTo(users, …)`).
  if (/\brequire\s*\(\s*["']sequelize["']\s*\)|\bfrom\s+["']sequelize["']/.test(text) && /\.\s*(?:belongsTo|hasMany|hasOne|belongsToMany)\s*\(\s*[A-Za-z_$][\w$.]*\s*[,)]/.test(text)) return 'sequelize-models';
  // Associations made in a module of their own between models it imports (`models/index.js`:
  // `Article.belongsToMany(Category, { through: 'ArticleCategories' })`), where no word says Sequelize.
  if (SEQUELIZE_ASSOCIATION.test(text) && /\brequire\s*\(|\bimport\b/.test(text)) return 'sequelize-models';
  // The Sequelize instance: model options for the whole project (`define: { underscored: true }`),
  // the database it connects to (`dialect`, the URL's scheme).
  if (/\bnew\s+Sequelize\s*\(/.test(text) || makesInstanceOfImportedClass(text)) return 'sequelize-models';
  // NestJS's SequelizeModule makes the instance from the options `forRoot` is given (and syncs the models it loads).
  if (/['"]@nestjs\/sequelize['"]/.test(text) && /\bSequelizeModule\s*\.\s*forRoot(?:Async)?\s*\(/.test(text)) return 'sequelize-models';
  // A configuration with model options for every model (`define: { underscored: true }`), wherever
  // the instance is made from it.
  if (/\bdefine\s*(?::|=)\s*\{[^}]*\b(?:underscored|freezeTableName|paranoid|timestamps|createdAt|updatedAt|deletedAt)\s*:/.test(text)) return 'sequelize-models';
  // A sequelize-cli configuration (`{ development: { dialect: "postgres", … } }`, or the default of
  // an environment variable: `dialect: process.env.DB_DIALECT || "mysql"`).
  if (/\bdialect\s*:\s*(?:process\.env(?:\.\w+|\[[^\]]*\])\s*(?:\|\||\?\?)\s*)?["'`]\w+["'`]/.test(text) && /\b(?:username|database|host|storage)\s*:/.test(text) && !/\bclient\s*:/.test(text)) return 'sequelize-models';
  // The application's entry that syncs the instance (`db.sequelize.sync({ alter: true }).then(listen)`):
  // the schema follows the models at every start, whatever the migrations say.
  if (/\b(?:sequelize|app\s*\.\s*model)\s*\.\s*sync\s*\(/i.test(text)) return 'sequelize-models';
  // A squid's data source, made by its library (named by the library's SnakeNamingStrategy).
  if (/['"](?:@subsquid\/typeorm-(?:store|config)|@belopash\/typeorm-store)['"]/.test(text) && /\b(?:new\s+TypeormDatabase(?:WithCache)?|createOrmConfig)\s*\(/.test(text)) return 'typeorm-models';
  // A TypeORM data source's options: the database the entities live in (`type: "mysql"`).
  if (/\btypeorm\b/.test(text) && TYPEORM_CONNECTION.test(text) && /\btype\s*:/.test(text)) return 'typeorm-models';
  // A NestJS module registering entities (`TypeOrmModule.forFeature([User])`), and options that load
  // what the modules register (`autoLoadEntities: true`): which entities a data source loads.
  // (And the root module handed options a constant holds, `TypeOrmModule.forRoot(ormconfig)`: that constant's
  // list is then the application's own.)
  if (/\bTypeOrmModule\s*\.\s*(?:forFeature\s*\(|forRoot\s*\(\s*[A-Za-z_$][\w$]*\s*\))/.test(text) || (/\btypeorm\b/.test(text) && /\bautoLoadEntities\s*:/.test(text))) return 'typeorm-models';
  // A data source made from the ormconfig (`createConnection()`, `TypeOrmModule.forRoot()`): it may
  // load entities no list here names.
  if (/\btypeorm\b/.test(text) && /\b(?:createConnections?|getConnectionOptions)\s*\(\s*\)|\bTypeOrmModule\s*\.\s*forRoot\s*\(\s*\)/.test(text)) return 'typeorm-models';
  return undefined;
}

// TypeORM's module, or a library's that re-exports its decorators (a squid's @subsquid/typeorm-store).
const TYPEORM_IMPORT_CLAUSE = /\bimport\s*\{([^}]*)\}\s*from\s*['"](?:typeorm|@subsquid\/typeorm-store)['"]/g;
const TYPEORM_CLASS_DECORATORS = new Set(['Entity', 'ChildEntity', 'Column', 'PrimaryColumn', 'PrimaryGeneratedColumn', 'CreateDateColumn', 'UpdateDateColumn', 'DeleteDateColumn']);

/** Whether the file applies one of TypeORM's entity or column decorators, imported by name (under another, perhaps). */
function appliesTypeOrmDecorator(text: string): boolean {
  for (const clause of text.matchAll(TYPEORM_IMPORT_CLAUSE)) {
    for (const m of clause[1].matchAll(/\b(\w+)(?:\s+as\s+([A-Za-z_$][\w$]*))?/g)) {
      if (!TYPEORM_CLASS_DECORATORS.has(m[1])) continue;
      const local = (m[2] ?? m[1]).replace(/\$/g, '\\$');
      if (new RegExp(`@${local}\\s*\\(`).test(text)) return true;
    }
  }
  return false;
}

/**
 * A dependency on sequelize-typescript 0.x, whose models start from other defaults (see
 * OrmModelFacts.legacySequelizeTypescript), or on Sequelize 4 or older, which names columns otherwise
 * (see OrmModelFacts.legacySequelize).
 */
const LEGACY_SEQUELIZE = /"sequelize-typescript"\s*:\s*"[\^~=v\s]*0\.|"sequelize"\s*:\s*"[\^~=v\s]*[1-4](?:\.[\dx*]+){0,2}"|"egg-sequelize"\s*:/;

/** A dependency on a package of a squid (Subsquid) that makes its TypeORM data source. */
const SQUID_DEPENDENCY = new RegExp(`"(?:${SQUID_PACKAGES.map((p) => p.replace(/[/.-]/g, '\\$&')).join('|')})"\\s*:`);

const ALEMBIC_IMPORT = /^\s*(?:from\s+alembic\s+import|import\s+alembic)\b/m;
// At the start of a line: a migration's revision is a module attribute. An `env.py` whose logging
// callback assigns `revision = step.up_revision` in a function is no migration.
const ALEMBIC_REVISION = /^revision\s*(?::\s*[\w\[\], |]+)?=/m;
const ALEMBIC_DOWN_REVISION = /^down_revision\s*(?::\s*[\w\[\], |]+)?=/m;
const SQLALCHEMY_IMPORT = /\b(?:sqlalchemy|flask_sqlalchemy|sqlmodel)\b/;
const MODEL_MARKERS = /\bCreateSchema\s*\(|\bCREATE\s+SCHEMA\b|\bSET\s+(?:SESSION\s+|LOCAL\s+)?search_path\b|__tablename__|\btable\s*=\s*True\b|\bTypeDecorator\b|\bmapped_column\s*\(|\bColumn\s*\(|\bTable\s*\(|declarative_base|DeclarativeBase|\bdb\.Model\b|\bnaming_convention\b/;

const RELATIVE_IMPORT = /^from\s+\.[\w.]*\s+import\b/m;

export function classifyPython(text: string): FileKind | undefined {
  // A migration imports alembic; a hand-written merge migration may only have the header.
  if (ALEMBIC_REVISION.test(text) && (ALEMBIC_IMPORT.test(text) || ALEMBIC_DOWN_REVISION.test(text))) return 'alembic-migration';
  if (MODEL_MARKERS.test(text) && (SQLALCHEMY_IMPORT.test(text) || /\bdb\.(?:Model|Column)\b/.test(text))) return 'sqlalchemy-models';
  // Models written through a project module that re-exports SQLAlchemy (`from app.common import sql`,
  // `sql.Column(...)`): a class naming its table with `__tablename__` and declaring columns.
  if (/^\s+__tablename__\s*=/m.test(text) && /\b(?:Column|mapped_column)\s*\(/.test(text)) return 'sqlalchemy-models';
  return undefined;
}

export function classifyFile(filePath: string, text: string): FileKind | undefined {
  if (filePath.endsWith('.py')) {
    // A package's `__init__` that re-exports from its modules (`from .columns import intpk`) is part
    // of the module graph that model code resolves its names through.
    if (/(^|[\\/])__init__\.py$/.test(filePath) && RELATIVE_IMPORT.test(text) && !ALEMBIC_REVISION.test(text)) return classifyPython(text) ?? 'sqlalchemy-models';
    return classifyPython(text);
  }
  // A JSON configuration with model options for every model (`"define": { "underscored": true }`).
  // A squid's manifest: its framework makes the TypeORM data source, named by its SnakeNamingStrategy.
  if (/(^|[\\/])package\.json$/.test(filePath)) return SQUID_DEPENDENCY.test(text) ? 'typeorm-models' : LEGACY_SEQUELIZE.test(text) ? 'sequelize-models' : undefined;
  // sequelize-cli's config (its environments' `"dialect"`), with no `define`, is read too: the models
  // that load it then start from Sequelize's defaults, read, rather than from options no one can see.
  if (filePath.endsWith('.json')) return /"define"\s*:\s*\{[^}]*"(?:underscored|freezeTableName|paranoid|timestamps)"\s*:/.test(text) || /"dialect"\s*:\s*"/.test(text) ? 'sequelize-models' : undefined;
  // TypeORM 0.2's `ormconfig.js` (a plain module the CLI and `createConnection()` load by its name):
  // the data sources' options — their database, their entities and migrations, `synchronize`.
  if (/(^|[\\/])ormconfig\.[cm]?[jt]s$/.test(filePath) && /\btype\s*:/.test(text) && /\b(?:entities|migrations)\s*:/.test(text)) return 'typeorm-models';
  if (/\.[cm]?[jt]s$/.test(filePath) && !filePath.endsWith('.d.ts')) {
    const kind = classifyScript(text);
    // sequelize-cli's seeders (`seeders/`, or a `seeders-path` such as `seed/`, `seeders-dev/`): data written with the
    // migrations' API, run by `db:seed`, never part of a migration chain.
    if (kind === 'orm-migration' && SEEDERS_FOLDER.test(filePath)) return undefined;
    // One left outside such a folder (`20200527045841-type-seeder.js` at the project's root): named a
    // seed and writing rows only — no folder sequelize-cli runs as migrations holds it by default.
    if (kind === 'orm-migration' && SEEDER_NAME.test(filePath.split(/[\\/]/).pop()!) && ROWS_WRITTEN.test(text) && !SCHEMA_CHANGED.test(text)) return undefined;
    return kind;
  }
  return undefined;
}

const SEEDERS_FOLDER = /(^|[\\/])(?:seeders?|seeds?|seeding)(?:[-_.][\w-]+)?[\\/]/i;
const SEEDER_NAME = /(?:^|[-_.])seed(?:ers?|s|ing)?(?:[-_.]|$)/i;
const ROWS_WRITTEN = /\.bulk(?:Insert|Delete|Update)\s*\(/;
/** What changes a table or runs SQL, in a file that might otherwise be a seeder. */
const SCHEMA_CHANGED = /\.(?:createTable|dropTable|renameTable|addColumn|removeColumn|changeColumn|renameColumn|addIndex|removeIndex|addConstraint|removeConstraint|createSchema|dropSchema|createFunction|createTrigger|query)\s*\(/;

/**
 * `import sequelize from 'sequelize'` (or `const Db = require('sequelize')`) and `new sequelize(…)`:
 * the instance, under the name the module imports the class as.
 */
function makesInstanceOfImportedClass(text: string): boolean {
  const name = /\bimport\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\}\s*)?from\s*["']sequelize["']/.exec(text)?.[1]
    ?? /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\s*\(\s*["']sequelize["']\s*\)/.exec(text)?.[1];
  return !!name && new RegExp(`\\bnew\\s+${name.replace(/\$/g, '\\$')}\\s*\\(`).test(text);
}
