/**
 * The language server over real stdio: diagnostics after opening a file, a quick fix applied
 * and its diagnostic gone, cross-file updates, hover and go-to-definition, ignore comments, and
 * half-typed code that must never crash the server.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CodeAction, Diagnostic, DiagnosticTag, Hover, Location, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/fixes/edits';
import { MAX_FILE_BYTES } from '../../server/src/workspace/discover';
import { TestLspClient } from '../helpers/lspClient';

const USERS = `from sqlalchemy import Column, ForeignKey, Index, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    __table_args__ = {"schema": "identity"}

    id = Column(Integer, primary_key=True)
    email = Column(String(320), nullable=False, unique=True)
`;

const STATIONS = `from sqlalchemy import Column, ForeignKey, Integer

from .users import Base


class StationUser(Base):
    __tablename__ = "station_users"

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"), index=True)
    manager_id = Column(Integer, ForeignKey("identity.users.id"))
`;

describe('language server over stdio', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestLspClient;
  let users: string;
  let stations: string;

  const uriOf = (f: string) => pathToFileURL(f).toString();
  const byRule = (ds: Diagnostic[], rule: string) => ds.filter((d) => d.code === rule);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-lsp-'));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'schemasense.json'), JSON.stringify({ schemas: ['identity'] }));
    users = path.join(dir, 'app', 'users.py');
    stations = path.join(dir, 'app', 'stations.py');
    fs.writeFileSync(users, USERS);
    fs.writeFileSync(stations, STATIONS);
    client = new TestLspClient();
    await client.initialize(dir);
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });



  it('publishes diagnostics with rule ids, docs links and related locations, for files not even open', async () => {
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch').length === 1, 'the schema mismatch');
    const [d] = byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch');
    assert.strictEqual(d.range.start.line, 9);
    assert.strictEqual(d.source, 'schemasense');
    assert.match(d.codeDescription!.href, /docs\/rules\/fk-schema-mismatch\.md$/);
    assert.ok(fs.existsSync(new URL(d.codeDescription!.href)), 'the docs link points at a shipped page');
    assert.strictEqual(d.relatedInformation?.[0].location.uri, uriOf(users));
    assert.deepStrictEqual(client.diagnosticsOf(stations).map((x) => x.code).sort(), ['fk-missing-index', 'fk-schema-mismatch']);
    assert.deepStrictEqual(client.diagnosticsOf(users), []);
  });

  it('applies the preferred quick fix and the diagnostic goes away', async () => {
    await client.open(stations, STATIONS);
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch').length === 1, 'the schema mismatch');
    const diagnostic = byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch')[0];
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(stations) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const preferred = actions.filter((a) => a.isPreferred);
    assert.strictEqual(preferred.length, 1);
    assert.strictEqual(preferred[0].title, 'Change the reference to "identity.users.id"');
    assert.ok(actions.some((a) => a.title === 'Ignore fk-schema-mismatch on this line'));
    const edits = preferred[0].edit!.changes![uriOf(stations)] as TextEdit[];
    const fixed = applyEdits(STATIONS, edits);
    assert.match(fixed, /ForeignKey\("identity\.users\.id"\), index=True/);
    await client.change(stations, fixed);
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch').length === 0, 'the diagnostic to go');
    assert.deepStrictEqual(client.diagnosticsOf(stations).map((x) => x.code), ['fk-missing-index']);
  });

  it('"ignore on this line" writes a schemasense-ignore comment that silences the finding', async () => {
    await client.open(stations, STATIONS);
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 1, 'the missing index');
    const diagnostic = byRule(client.diagnosticsOf(stations), 'fk-missing-index')[0];
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(stations) }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const ignore = actions.find((a) => a.title === 'Ignore fk-missing-index on this line')!;
    const fixed = applyEdits(STATIONS, ignore.edit!.changes![uriOf(stations)] as TextEdit[]);
    assert.match(fixed, /ForeignKey\("identity\.users\.id"\)\)  # schemasense-ignore fk-missing-index\n/);
    await client.change(stations, fixed);
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 0, 'the finding to be silenced');
  });

  it('re-analyses other files when one changes (cross-file)', async () => {
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch').length === 1, 'the schema mismatch');
    // Moving users to the default schema makes the unqualified reference right and the qualified one wrong.
    await client.open(users, USERS);
    await client.change(users, USERS.replace('    __table_args__ = {"schema": "identity"}\n', ''));
    await client.waitFor(() => {
      const ds = byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch');
      return ds.length === 1 && ds[0].range.start.line === 10;
    }, 'the finding to move to the other reference');
  });

  it('tags a redundant index as unnecessary', async () => {
    await client.open(users, USERS.replace('unique=True)', 'unique=True)\n    code = Column(String(8), index=True)\n    __table_args__ = (Index("ix_code", "code"), {"schema": "identity"})'));
    await client.waitFor(() => byRule(client.diagnosticsOf(users), 'index-duplicate').length === 1, 'the duplicate index');
    assert.deepStrictEqual(byRule(client.diagnosticsOf(users), 'index-duplicate')[0].tags, [DiagnosticTag.Unnecessary]);
  });

  it('hovers and jumps from a foreign-key string to the referenced model', async () => {
    await client.open(stations, STATIONS);
    await client.waitFor(() => client.diagnosticsOf(stations).length > 0, 'analysis');
    const position = { line: 10, character: STATIONS.split('\n')[10].indexOf('identity.users') + 3 };
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(stations) }, position })) as Hover;
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /\*\*identity\.users\*\* — model `User`/);
    assert.match(text, /\| \*\*id\*\* \| integer \| no \| PK \|/);
    const definition = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: uriOf(stations) }, position })) as Location;
    assert.strictEqual(definition.uri, uriOf(users));
    assert.strictEqual(definition.range.start.line, 10);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(stations) }, position: { line: 0, character: 0 } });
    assert.strictEqual(nothing, null);
  });

  it('survives half-typed and broken code, and keeps serving the other files', async () => {
    await client.open(stations, STATIONS);
    await client.waitFor(() => client.diagnosticsOf(stations).length === 2, 'analysis');
    const broken = [
      'class StationUser(Base):\n    __tablename__ = "station_users"\n    id = Column(Integer, primary_key=True\n    user_id = Column(Integer, ForeignKey("users.',
      'class (:\n\t\t  ))) """',
      '\u0000\u0001 binary-ish',
      'x = ' + '('.repeat(5000),
      STATIONS.replace('ForeignKey("users.id")', 'ForeignKey(f"{schema}.users.id")'),
    ];
    for (const text of broken) await client.change(stations, text);
    await client.change(stations, STATIONS);
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch').length === 1, 'recovery after broken edits');
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(users) }, position: { line: 3, character: 2 } });
    assert.strictEqual(hover, null);
    assert.ok(!client.exited, 'the server is still running');
    assert.doesNotMatch(client.stderr, /Error/);
  });

  it('closing an unsaved buffer goes back to the file on disk', async () => {
    await client.open(stations, STATIONS);
    await client.waitFor(() => client.diagnosticsOf(stations).length === 2, 'analysis');
    await client.change(stations, STATIONS.replace('ForeignKey("users.id")', 'ForeignKey("identity.users.id")'));
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch').length === 0, 'the unsaved fix');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(stations) } });
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch').length === 1, 'the disk content again');
  });

  it('a file deleted on disk loses its diagnostics, and references into it are re-checked', async () => {
    await client.waitFor(() => client.diagnosticsOf(stations).length === 2, 'analysis');
    fs.rmSync(stations);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(stations), type: 3 }] });
    await client.waitFor(() => client.diagnosticsOf(stations).length === 0, 'diagnostics cleared');
    fs.rmSync(users);
    fs.writeFileSync(stations, STATIONS);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(users), type: 3 }, { uri: uriOf(stations), type: 1 }] });
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-target-missing').length === 2, 'references into the deleted users model');
  });

  /** Writes the Flyway migration `V2__station_users_manager.sql` on disk (once manager_id is reported unindexed) and tells the server. */
  async function writeFlywayMigration(text: string): Promise<string> {
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 1, 'the unindexed manager_id');
    const flyway = path.join(dir, 'db', 'migration', 'V2__station_users_manager.sql');
    fs.mkdirSync(path.dirname(flyway), { recursive: true });
    fs.writeFileSync(flyway, text);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(flyway), type: 1 }] });
    return flyway;
  }

  it('a Flyway migration typed in the editor is read as typed, and as on disk once closed', async () => {
    const flyway = await writeFlywayMigration('-- (to be written)\n');
    await client.open(flyway, '-- (to be written)\n', 'sql');
    // Typed, not saved: the index counts at once.
    await client.change(flyway, 'CREATE INDEX ix_station_users_manager ON station_users (manager_id);\n');
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 0, 'the typed index');
    // A half-typed statement: PostgreSQL's parser rejects it, what it names is Unknown, nothing fails.
    await client.change(flyway, 'CREATE INDEX ix_station_users_manager ON station_users (manag');
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 0, 'Unknown while typed');
    assert.strictEqual(byRule(client.diagnosticsOf(flyway), 'migration-sql-invalid').length, 0, 'a file being typed is not reported as failing');
    // Closed without saving: the file as on disk, which makes no index.
    await client.close(flyway);
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 1, 'the file as saved');
  });

  it('a Flyway migration written or deleted on disk is read: the index it makes counts, then is gone', async () => {
    const flyway = await writeFlywayMigration('CREATE INDEX ix_station_users_manager ON station_users (manager_id);\n');
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 0, 'Flyway indexes it');
    assert.strictEqual(byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch').length, 1, 'what the models say of other things stays');
    // The SQL file's own diagnostics: its chain starts from a database it did not build.
    await client.waitFor(() => byRule(client.diagnosticsOf(flyway), 'migration-reference-missing').length === 1, 'the chain\'s baseline, said in the SQL file');
    fs.rmSync(flyway);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(flyway), type: 3 }] });
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 1, 'judged from the model again');
    // Its folder deleted, which an editor reports as the folder alone: nothing is left that stands for it.
    fs.writeFileSync(flyway, 'CREATE INDEX ix_station_users_manager ON station_users (manager_id);\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(flyway), type: 1 }] });
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 0, 'indexed again');
    fs.rmSync(path.join(dir, 'db'), { recursive: true });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(dir, 'db')), type: 3 }] });
    await client.change(stations, STATIONS);
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 1, 'a deleted folder of migrations stands for nothing');
  });

  it('reads package.json again when it changes: a session store\'s table is the library\'s once the project depends on it', async () => {
    const migration = path.join(dir, 'migrations', '20240902000000-create-web-sessions.js');
    fs.mkdirSync(path.dirname(migration), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'stations', dependencies: { sequelize: '^6.37.0' } }));
    fs.writeFileSync(migration, `'use strict';\n\nmodule.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('web_sessions', {\n      sid: { type: Sequelize.STRING(36), primaryKey: true },\n      expires: { type: Sequelize.DATE },\n      data: { type: Sequelize.TEXT },\n    });\n  },\n\n  async down(queryInterface) {\n    await queryInterface.dropTable('web_sessions');\n  },\n};\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(migration), type: 1 }] });
    await client.change(stations, STATIONS);
    await client.waitFor(() => byRule(client.diagnosticsOf(migration), 'migration-not-modeled').length === 1, 'a table no model declares');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'stations', dependencies: { sequelize: '^6.37.0', 'connect-session-sequelize': '^7.1.7' } }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.join(dir, 'package.json')), type: 2 }] });
    await client.waitFor(() => byRule(client.diagnosticsOf(migration), 'migration-not-modeled').length === 0, 'the session store\'s table, once the project depends on it');
  });

  it("reads sequelize-cli's configuration again when its .sequelizerc changes: on MySQL, InnoDB indexes a foreign key itself", async () => {
    // The instance takes its dialect from the configuration it loads at run time: Unknown in code.
    const instance = path.join(dir, 'db', 'index.js');
    fs.mkdirSync(path.dirname(instance), { recursive: true });
    fs.writeFileSync(instance, "const { Sequelize } = require('sequelize');\nconst config = require(process.env.DB_CONFIG);\nmodule.exports = new Sequelize(config.database, config.username, config.password, { dialect: config.dialect, logging: false });\n");
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(instance), type: 1 }] });
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 1, 'an unindexed foreign key on PostgreSQL');
    // A configuration file no tool reads yet: still PostgreSQL.
    const settings = path.join(dir, 'db', 'settings', 'database.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ development: { dialect: 'mysql', database: 'stations' } }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(settings), type: 1 }] });
    const rc = path.join(dir, 'db', '.sequelizerc');
    fs.writeFileSync(rc, "const path = require('path');\n\nmodule.exports = { config: path.resolve('settings', 'database.json') };\n");
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(rc), type: 1 }] });
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-missing-index').length === 0, 'MySQL, once sequelize-cli is pointed at its configuration');
  });

  it('offers the merge migration only to clients that can create files', async () => {
    const fixture = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'rules', 'migration-multiple-heads', 'bad-two-heads');
    fs.cpSync(fixture, dir, { recursive: true });
    const head = path.join(dir, 'alembic', 'versions', '010_escalation_call_recording.py');
    const ask = async (c: TestLspClient) => {
      await c.waitFor(() => byRule(c.diagnosticsOf(head), 'migration-multiple-heads').length === 1, 'the heads finding', 15000);
      const d = byRule(c.diagnosticsOf(head), 'migration-multiple-heads')[0];
      return (await c.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: uriOf(head) }, range: d.range, context: { diagnostics: [d] },
      })) as CodeAction[];
    };
    const capable = new TestLspClient();
    try {
      await capable.initialize(dir, { createFiles: true });
      const merge = (await ask(capable)).find((a) => a.title.startsWith('Create a merge migration'))!;
      assert.ok(merge, 'offered');
      assert.strictEqual(merge.isPreferred, true);
      const [create, content] = merge.edit!.documentChanges! as [{ kind: string; uri: string }, { edits: TextEdit[] }];
      assert.strictEqual(create.kind, 'create');
      assert.match(create.uri, /_merge_heads\.py$/);
      assert.match(content.edits[0].newText, /down_revision = \("010", "016"\)/);
    } finally {
      await capable.stop();
    }
    // The default test client declares no resource operations.
    const basic = new TestLspClient();
    try {
      await basic.initialize(dir);
      assert.ok(!(await ask(basic)).some((a) => a.title.startsWith('Create a merge migration')));
    } finally {
      await basic.stop();
    }
  });

  it('applies editor settings, and ignores malformed ones', async () => {
    await client.waitFor(() => client.diagnosticsOf(stations).length === 2, 'analysis');
    client.settings = { rules: { 'fk-missing-index': 'off', 'fk-schema-mismatch': 'warning', 'schema-missing': 'loud' }, exclude: 42 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor(() => client.diagnosticsOf(stations).length === 1, 'fk-missing-index switched off');
    const [d] = client.diagnosticsOf(stations);
    assert.strictEqual(d.code, 'fk-schema-mismatch');
    assert.strictEqual(d.severity, 2, 'severity from settings');
    assert.ok(!client.exited);
  });

  it('takes settings pushed by a client without workspace/configuration (Neovim 0.7, eglot)', async () => {
    const pusher = new TestLspClient();
    try {
      await pusher.initialize(dir, { configuration: false });
      await pusher.waitFor(() => pusher.diagnosticsOf(stations).length === 2, 'analysis');
      await pusher.connection.sendNotification('workspace/didChangeConfiguration', { settings: { schemasense: { rules: { 'fk-missing-index': 'off' } } } });
      await pusher.waitFor(() => pusher.diagnosticsOf(stations).length === 1, 'fk-missing-index switched off by pushed settings');
      assert.strictEqual(pusher.diagnosticsOf(stations)[0].code, 'fk-schema-mismatch');
    } finally {
      await pusher.stop();
    }
  });

  it('tells the user about a file it cannot read, and analyses the rest', async () => {
    await client.waitFor(() => client.diagnosticsOf(stations).length === 2, 'analysis');
    const big = path.join(dir, 'app', 'generated_models.py');
    fs.writeFileSync(big, `from sqlalchemy import Column\n# ${'x'.repeat(MAX_FILE_BYTES + 1024)}\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(big), type: 1 }] });
    await client.waitFor(() => client.messages.some((m) => m.includes('generated_models.py')), 'a message about the skipped file');
    assert.match(client.messages.find((m) => m.includes('generated_models.py'))!, new RegExp(`larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`));
    assert.strictEqual(client.diagnosticsOf(stations).length, 2);
  });

  it('a quick fix asked for with a diagnostic older than the buffer is taken from the current text, never applied to the wrong line', async () => {
    await client.open(stations, STATIONS);
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch').length === 1, 'the schema mismatch');
    const stale = byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch')[0];
    // Two lines typed above the finding; the client asks at once, with the diagnostic it still shows.
    const typed = STATIONS.replace('class StationUser(Base):', '# station users\n# (one per shift)\nclass StationUser(Base):');
    await client.change(stations, typed);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(stations) }, range: stale.range, context: { diagnostics: [stale] },
    })) as CodeAction[];
    assert.deepStrictEqual(actions.map((a) => a.title), [], 'no fix for a finding that is no longer there');
    await client.waitFor(() => byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch')[0]?.range.start.line === 11, 'the moved diagnostic');
    const fresh = byRule(client.diagnosticsOf(stations), 'fk-schema-mismatch')[0];
    const current = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(stations) }, range: fresh.range, context: { diagnostics: [fresh] },
    })) as CodeAction[];
    const fix = current.find((a) => a.isPreferred)!;
    assert.match(applyEdits(typed, fix.edit!.changes![uriOf(stations)] as TextEdit[]), /ForeignKey\("identity\.users\.id"\), index=True/);
  });

  it('answers a request sent before initialize with -32002 (server not initialized)', async () => {
    const early = new TestLspClient();
    try {
      await assert.rejects(
        early.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(stations) }, position: { line: 0, character: 0 } }),
        (e: { code?: number }) => e.code === -32002,
      );
    } finally {
      await early.stop();
    }
  });

  it('positions on the first line of a file with a byte order mark are those the editor shows', async () => {
    const table = 'audit = Table("audit", Base.metadata, Column("id", Integer, primary_key=True), Column("data", JSON))';
    const text = `${table}\nfrom sqlalchemy import JSON, Column, Integer, Table\nfrom .users import Base\n`;
    const plain = path.join(dir, 'app', 'audit_plain.py');
    const bom = path.join(dir, 'app', 'audit_bom.py');
    fs.writeFileSync(plain, text.replace(/"audit"/g, '"audit_plain"'));
    fs.writeFileSync(bom, `\uFEFF${text.replace(/"audit"/g, '"audit_bom"')}`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(plain), type: 1 }, { uri: uriOf(bom), type: 1 }] });
    await client.waitFor(() => byRule(client.diagnosticsOf(bom), 'json-not-jsonb').length === 1 && byRule(client.diagnosticsOf(plain), 'json-not-jsonb').length === 1, 'both files analysed');
    const [withBom] = byRule(client.diagnosticsOf(bom), 'json-not-jsonb');
    const [without] = byRule(client.diagnosticsOf(plain), 'json-not-jsonb');
    // The finding is on the JSON column: at the column the editor shows (which does not count the mark).
    for (const [d, file] of [[withBom, bom], [without, plain]] as const) {
      const firstLine = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n')[0];
      assert.strictEqual(d.range.start.line, 0);
      assert.strictEqual(d.range.start.character, firstLine.indexOf('Column("data"'), path.basename(file));
    }
  });

  it('a folder deleted on disk (one watcher event for the folder) takes its files\' diagnostics with it', async () => {
    const billing = path.join(dir, 'billing');
    fs.mkdirSync(billing);
    const invoices = path.join(billing, 'invoices.py');
    fs.writeFileSync(invoices, STATIONS.replace(/station_users/g, 'invoices').replace('StationUser', 'Invoice').replace('from .users import Base', 'from app.users import Base'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(invoices), type: 1 }] });
    await client.waitFor(() => client.diagnosticsOf(invoices).length === 2, 'the new file analysed');
    fs.rmSync(billing, { recursive: true });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(billing), type: 3 }] });
    await client.waitFor(() => client.diagnosticsOf(invoices).length === 0, 'the deleted folder\'s diagnostics cleared');
    assert.strictEqual(client.diagnosticsOf(stations).length, 2);
  });
});
