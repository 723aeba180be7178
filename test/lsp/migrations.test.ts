/**
 * Migrations in the language server: findings inside SQL strings at the exact range, updates as a
 * migration is typed (including half-typed SQL), and cross-file effects between migrations and models.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, Hover, Location, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/fixes/edits';
import { TestLspClient } from '../helpers/lspClient';

const BASE = `from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA lead")
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), primary_key=True),
        schema="lead",
    )
`;

const FIX_FKS = `from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.execute("""
        ALTER TABLE lead.campaigns ADD COLUMN parent_id integer;
        ALTER TABLE lead.campaigns
            ADD CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES newsletter.campaigns (id);
    """)
`;

const MODELS = `from sqlalchemy import Column, Integer
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Campaign(Base):
    __tablename__ = "campaigns"
    __table_args__ = {"schema": "lead"}

    id = Column(Integer, primary_key=True)
    parent_id = Column(Integer)
`;

describe('language server: migrations', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestLspClient;
  let base: string;
  let fks: string;
  let models: string;
  const uriOf = (f: string) => pathToFileURL(f).toString();
  const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemasense-lsp-mig-'));
    fs.mkdirSync(path.join(dir, 'alembic', 'versions'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'alembic', 'env.py'), 'from alembic import context\n');
    base = path.join(dir, 'alembic', 'versions', '0001_lead.py');
    fks = path.join(dir, 'alembic', 'versions', '0002_fks.py');
    models = path.join(dir, 'models.py');
    fs.writeFileSync(base, BASE);
    fs.writeFileSync(fks, FIX_FKS);
    fs.writeFileSync(models, MODELS);
    client = new TestLspClient();
    await client.initialize(dir);
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });



  it('reports a reference inside SQL at its exact range, and clears it when the SQL is fixed', async () => {
    await client.waitFor(() => client.diagnosticsOf(fks).length > 0, 'the missing reference');
    const [d] = client.diagnosticsOf(fks);
    assert.strictEqual(d.code, 'migration-reference-missing');
    const line = FIX_FKS.split('\n')[d.range.start.line];
    assert.strictEqual(line.slice(d.range.start.character, d.range.end.character), 'newsletter.campaigns');
    assert.match(d.message, /Did you mean "lead\.campaigns"\?/);
    assert.strictEqual(d.relatedInformation?.[0].location.uri, uriOf(base));
    assert.deepStrictEqual(client.diagnosticsOf(models), [], 'the model matches the migrations');

    await client.open(fks, FIX_FKS);
    // Half-typed SQL: no crash, no finding about the names in it — only that PostgreSQL rejects it as it stands.
    await client.change(fks, FIX_FKS.replace('REFERENCES newsletter.campaigns (id);', 'REFERENCES lead.'));
    await client.waitFor(() => client.diagnosticsOf(fks).map((x) => x.code).join() === 'migration-sql-invalid', 'the reference to go while the SQL is incomplete');
    await client.change(fks, FIX_FKS.replace('newsletter.campaigns', 'lead.campaigns'));
    await new Promise((r) => setTimeout(r, 400));
    assert.deepStrictEqual(client.diagnosticsOf(fks), []);
    assert.ok(!client.exited);
  });

  it('"ignore on this line" inside SQL writes an SQL comment, which silences the finding and keeps the SQL valid', async () => {
    await client.waitFor(() => client.diagnosticsOf(fks).length > 0, 'the missing reference');
    await client.open(fks, FIX_FKS);
    const [d] = client.diagnosticsOf(fks);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(fks) }, range: d.range, context: { diagnostics: [d] },
    })) as CodeAction[];
    const ignore = actions.find((a) => a.title === 'Ignore migration-reference-missing on this line')!;
    const fixed = applyEdits(FIX_FKS, ignore.edit!.changes![uriOf(fks)] as TextEdit[]);
    assert.match(fixed, /REFERENCES newsletter\.campaigns \(id\);  -- schemasense-ignore migration-reference-missing\n/);
    await client.change(fks, fixed);
    await client.waitFor(() => client.diagnosticsOf(fks).length === 0, 'the finding to be silenced');
    // The comment is SQL: the statement is still read (its parent_id column is still added).
    assert.deepStrictEqual(client.diagnosticsOf(models), []);
  });

  it('hover and go to definition reach a table that only the migrations create', async () => {
    const segments = path.join(dir, 'alembic', 'versions', '0003_segments.py');
    fs.writeFileSync(segments, 'from alembic import op\n\nrevision = "0003"\ndown_revision = "0002"\n\n\ndef upgrade() -> None:\n    op.execute("CREATE TABLE lead.segments (id integer PRIMARY KEY, name text NOT NULL)")\n');
    const members = path.join(dir, 'members.py');
    const text = 'from sqlalchemy import Column, ForeignKey, Integer\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\nclass Member(Base):\n    __tablename__ = "members"\n    __table_args__ = {"schema": "lead"}\n\n    id = Column(Integer, primary_key=True)\n    segment_id = Column(Integer, ForeignKey("lead.segments.id"), index=True)\n';
    fs.writeFileSync(members, text);
    await client.stop();
    client = new TestLspClient();
    await client.initialize(dir);
    await client.waitFor(() => client.diagnosticsOf(fks).length > 0, 'the analysis');
    const position = { line: 11, character: text.split('\n')[11].indexOf('lead.segments') + 6 };
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(members) }, position })) as Hover;
    assert.match((hover.contents as { value: string }).value, /\*\*lead\.segments\*\* — created by the migrations \(no model\)/);
    const definition = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: uriOf(members) }, position })) as Location;
    assert.strictEqual(definition.uri, uriOf(segments));
    assert.strictEqual(definition.range.start.line, 7);
  });

  it('re-checks models when a migration changes, and migrations when a model changes', async () => {
    await client.waitFor(() => client.diagnosticsOf(fks).length > 0, 'the first analysis');
    await client.open(fks, FIX_FKS);
    await client.change(fks, FIX_FKS.replace('ALTER TABLE lead.campaigns ADD COLUMN parent_id integer;', ''));
    await client.waitFor(() => codes(client.diagnosticsOf(models)).includes('model-not-migrated'), 'the model column to be reported as not migrated');
    await client.open(models, MODELS);
    await client.change(models, MODELS.replace('    parent_id = Column(Integer)\n', ''));
    await client.waitFor(() => client.diagnosticsOf(models).length === 0, 'the model finding to go');
  });
});
