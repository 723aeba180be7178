/**
 * A large Sequelize backend, written the way sequelize-cli Express projects are: `config/config.js`
 * with ORM-wide `define` options (underscored, timestamps), a `models/index.js` that loads every model
 * file, model factories (`(sequelize, DataTypes) => { class X extends Model { static associate(models)
 * {…} } X.init({…}, { sequelize, tableName }) }`) whose sizes come from a shared constants module, a
 * migration per module in `queryInterface.createTable` / `addIndex` calls, and routes, controllers and
 * services that are no models. Clean: the migrations create what the models declare. It exercises the
 * Sequelize readers (factories, `init`, associations, ORM-wide options, constants across modules).
 */
import { workspaceWriter } from './workspaceWriter';

export interface GeneratedSequelize {
  files: number;
  modelFiles: number;
  migrationFiles: number;
  /** A model whose line `editLine` sizes a column by a constant (`NAME_MAX`): a literal there makes a drift. */
  editFile: string;
  editLine: number;
  /** A migration whose line `migrationEditLine` has `allowNull: false` for a column the model declares NOT NULL: true there makes a drift. */
  migrationEditFile: string;
  migrationEditLine: number;
  migrationEditModel: string;
}

export function generateSequelizeWorkspace(root: string, totalFiles = 2000): GeneratedSequelize {
  const out = workspaceWriter(root);
  const write = out.write;
  // Each module: 3 models, 1 migration, 4 other files.
  const modules = Math.max(1, Math.floor((totalFiles - 6) / 8));
  write('package.json', JSON.stringify({ name: 'bench-sequelize', private: true, dependencies: { express: '^4.19.0', pg: '^8.11.0', sequelize: '^6.37.0' }, devDependencies: { 'sequelize-cli': '^6.6.0' } }, null, 2) + '\n');
  write('.sequelizerc', `const path = require('path');

module.exports = {
  config: path.resolve('config', 'config.js'),
  'models-path': path.resolve('models'),
  'migrations-path': path.resolve('migrations'),
};
`);
  write('config/config.js', `// Every model's table: snake_case columns, created_at / updated_at.
const define = { underscored: true, timestamps: true };

module.exports = {
  development: { url: process.env.DATABASE_URL, dialect: 'postgres', define },
  test: { url: process.env.DATABASE_URL, dialect: 'postgres', define },
  production: { url: process.env.DATABASE_URL, dialect: 'postgres', define },
};
`);
  write('config/limits.js', `module.exports = {
  EMAIL_MAX: 320,
  NAME_MAX: 120,
};
`);
  write('models/index.js', `'use strict';

const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');
const config = require('../config/config.js')[process.env.NODE_ENV || 'development'];

const db = {};
const sequelize = new Sequelize(config.url, config);

fs.readdirSync(__dirname)
  .filter((file) => file !== 'index.js' && file.endsWith('.js'))
  .forEach((file) => {
    const model = require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes);
    db[model.name] = model;
  });

Object.keys(db).forEach((name) => {
  if (db[name].associate) db[name].associate(db);
});

db.sequelize = sequelize;
db.Sequelize = Sequelize;
module.exports = db;
`);
  write('app.js', `const express = require('express');

const app = express();
app.use(express.json());
module.exports = app;
`);
  let editFile = '';
  let migrationEditFile = '';
  let migrationEditModel = '';
  let migrationEditLine = 0;
  const editLine = 12;
  const middle = Math.floor(modules / 2);
  for (let k = 0; k < modules; k++) {
    const customer = write(`models/customer${k}.js`, `'use strict';

const { Model } = require('sequelize');
const { EMAIL_MAX, NAME_MAX } = require('../config/limits');

module.exports = (sequelize, DataTypes) => {
  class Customer${k} extends Model {
    static associate(models) {
      Customer${k}.hasMany(models.Order${k}, { foreignKey: 'customer_id', as: 'orders' });
    }
  }
  Customer${k}.init({
    name: { type: DataTypes.STRING(NAME_MAX), allowNull: false },
    email: { type: DataTypes.STRING(EMAIL_MAX), allowNull: false, unique: true },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'active' },
  }, { sequelize, modelName: 'Customer${k}', tableName: 'customers_${k}' });
  return Customer${k};
};
`);
    write(`models/order${k}.js`, `'use strict';

const { Model } = require('sequelize');

module.exports = (sequelize, DataTypes) => {
  class Order${k} extends Model {
    static associate(models) {
      Order${k}.belongsTo(models.Customer${k}, { foreignKey: 'customer_id', as: 'customer' });
      Order${k}.hasMany(models.LineItem${k}, { foreignKey: 'order_id', as: 'items' });
    }
  }
  Order${k}.init({
    totalCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  }, { sequelize, modelName: 'Order${k}', tableName: 'orders_${k}' });
  return Order${k};
};
`);
    write(`models/line-item${k}.js`, `'use strict';

const { Model } = require('sequelize');

module.exports = (sequelize, DataTypes) => {
  class LineItem${k} extends Model {
    static associate(models) {
      LineItem${k}.belongsTo(models.Order${k}, { foreignKey: 'order_id', as: 'order' });
    }
  }
  LineItem${k}.init({
    quantity: { type: DataTypes.INTEGER, allowNull: false },
  }, { sequelize, modelName: 'LineItem${k}', tableName: 'line_items_${k}' });
  return LineItem${k};
};
`);
    const stamp = String(20240101000000 + k * 100);
    const timestamps = `      created_at: { type: Sequelize.DATE, allowNull: false },
      updated_at: { type: Sequelize.DATE, allowNull: false },`;
    const migrationLines = [
      `'use strict';`,
      '',
      `/** @type {import('sequelize-cli').Migration} */`,
      'module.exports = {',
      '  async up(queryInterface, Sequelize) {',
      `    await queryInterface.createTable('customers_${k}', {`,
      `      id: { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },`,
      `      name: { type: Sequelize.STRING(120), allowNull: false },`,
      `      email: { type: Sequelize.STRING(320), allowNull: false, unique: true },`,
      `      status: { type: Sequelize.STRING(16), allowNull: false, defaultValue: 'active' },`,
      timestamps,
      '    });',
      `    await queryInterface.createTable('orders_${k}', {`,
      `      id: { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },`,
      `      total_cents: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },`,
      `      customer_id: { type: Sequelize.INTEGER, references: { model: 'customers_${k}', key: 'id' }, onUpdate: 'CASCADE', onDelete: 'SET NULL' },`,
      timestamps,
      '    });',
      `    await queryInterface.addIndex('orders_${k}', ['customer_id']);`,
      `    await queryInterface.createTable('line_items_${k}', {`,
      `      id: { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },`,
      `      quantity: { type: Sequelize.INTEGER, allowNull: false },`,
      `      order_id: { type: Sequelize.INTEGER, references: { model: 'orders_${k}', key: 'id' }, onUpdate: 'CASCADE', onDelete: 'SET NULL' },`,
      timestamps,
      '    });',
      `    await queryInterface.addIndex('line_items_${k}', ['order_id']);`,
      '  },',
      '',
      '  async down(queryInterface) {',
      `    await queryInterface.dropTable('line_items_${k}');`,
      `    await queryInterface.dropTable('orders_${k}');`,
      `    await queryInterface.dropTable('customers_${k}');`,
      '  },',
      '};',
      '',
    ].join('\n').split('\n');
    const migration = write(`migrations/${stamp}-create-module-${k}.js`, migrationLines.join('\n'));
    write(`services/module${k}.service.js`, `const { Order${k} } = require('../models');

async function totalOf(customerId) {
  return Order${k}.sum('totalCents', { where: { customerId } });
}

module.exports = { totalOf };
`);
    write(`controllers/module${k}.controller.js`, `const service = require('../services/module${k}.service');

async function total(req, res) {
  res.json({ total: await service.totalOf(req.params.customerId) });
}

module.exports = { total };
`);
    write(`routes/module${k}.routes.js`, `const { Router } = require('express');
const controller = require('../controllers/module${k}.controller');

const router = Router();
router.get('/m${k}/:customerId/total', controller.total);
module.exports = router;
`);
    write(`validators/module${k}.validator.js`, `function validateOrder(body) {
  return Number.isInteger(body.totalCents) && body.totalCents >= 0;
}

module.exports = { validateOrder };
`);
    if (k === middle) {
      editFile = customer;
      migrationEditFile = migration;
      migrationEditModel = customer;
      migrationEditLine = migrationLines.findIndex((l) => l.includes('name: { type: Sequelize.STRING(120), allowNull: false }'));
    }
  }
  return { files: out.files, modelFiles: modules * 3, migrationFiles: modules, editFile, editLine, migrationEditFile, migrationEditLine, migrationEditModel };
}
