/**
 * The columns of a Sequelize model's indexes, with Sequelize itself as the oracle: each model module
 * is loaded by the real Sequelize 6 (no database needed), and the columns its query generator
 * writes in `CREATE INDEX` must be the columns Schema Sense reads. Sequelize 6 writes an index's
 * fields as they are given — an attribute's name is not mapped to its column, under `underscored`
 * or a `field` of its own — so an index that names the attribute is over no column of the table
 * (a sync fails), and the model must not be read as indexing the column.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseDirectory } from '../server/src/analysis/project';
import { writeLines } from './helpers/files';

/** What Sequelize's query generator writes for each index of the model a module defines: the quoted columns, in order. */
function sequelizeIndexColumns(modelFile: string): string[][] {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Sequelize, DataTypes } = require('sequelize') as typeof import('sequelize');
  const sequelize = new Sequelize('postgres://oracle@localhost/oracle', { logging: false });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const model = require(modelFile)(sequelize, DataTypes) as { _indexes: object[]; getTableName(): string };
  const generator = (sequelize.getQueryInterface() as unknown as { queryGenerator: { addIndexQuery(table: string, index: object): string } }).queryGenerator;
  return model._indexes.map((index) => {
    const sql = generator.addIndexQuery(String(model.getTableName()), { ...index });
    const list = /\(([^()]*)\)\s*;?\s*$/.exec(sql)![1];
    return list.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  });
}

describe('Sequelize index columns, as Sequelize writes them', () => {
  const cases: { name: string; lines: string[] }[] = [
    {
      name: 'an attribute name under underscored',
      lines: [
        'module.exports = (sequelize, DataTypes) => sequelize.define("Invite", {',
        '  teamId: { type: DataTypes.INTEGER, allowNull: false },',
        '  sentAt: DataTypes.DATE,',
        '}, { tableName: "invites", underscored: true, indexes: [{ fields: ["teamId"] }, { fields: ["sent_at", "teamId"] }] });',
      ],
    },
    {
      name: 'an attribute with a field of its own',
      lines: [
        'module.exports = (sequelize, DataTypes) => sequelize.define("Badge", {',
        '  ownerId: { type: DataTypes.INTEGER, field: "owner_ref" },',
        '}, { tableName: "badges", indexes: [{ fields: ["ownerId"] }, { unique: true, fields: ["owner_ref"] }] });',
      ],
    },
  ];
  for (const c of cases) {
    it(`${c.name}: the columns Sequelize's CREATE INDEX names`, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-seqidx-'));
      try {
        writeLines(tmp, 'models/model.js', c.lines);
        const expected = sequelizeIndexColumns(path.join(tmp, 'models', 'model.js'));
        const analysis = await analyseDirectory(tmp);
        const [table] = analysis.models.tables;
        const read = table.indexes.filter((i) => i.origin === 'index').map((i) => i.columns);
        assert.deepStrictEqual(read, expected);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});
