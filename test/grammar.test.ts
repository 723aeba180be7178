/**
 * The grammars the extension contributes, tokenised by vscode-textmate (the engine VS Code itself
 * runs) on top of the real Python, TypeScript and SQL grammars: SQL inside `op.execute(...)`,
 * `sa.text(...)`, `queryRunner.query(...)` and `sequelize.query(...)` strings is highlighted as
 * SQL, other strings are not, and `schemasense-ignore` comments stand out in every host language.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { isSuppressed, parseSuppressions } from '../server/src/analysis/suppression';
import { REPO_ROOT } from './helpers/paths';

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo: string[];
  embeddedLanguages?: Record<string, string>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const contributed: GrammarContribution[] = manifest.contributes.grammars;
const HOST_GRAMMARS: Record<string, string> = {
  'source.python': 'python', 'source.ts': 'typescript', 'source.js': 'javascript', 'source.sql': 'sql',
};

let registry: textmate.Registry;

async function loadRegistry(): Promise<textmate.Registry> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    async loadGrammar(scopeName) {
      const own = contributed.find((g) => g.scopeName === scopeName);
      const file = own ? path.join(REPO_ROOT, own.path) : HOST_GRAMMARS[scopeName] && require.resolve(`tm-grammars/grammars/${HOST_GRAMMARS[scopeName]}.json`);
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => contributed.filter((g) => g.injectTo.includes(scopeName)).map((g) => g.scopeName),
  });
}

/** Each token of `text` as `text: scopes`, line by line. */
async function tokenise(scopeName: string, text: string): Promise<{ text: string; scopes: string[] }[]> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, scopeName);
  let state = textmate.INITIAL;
  const out: { text: string; scopes: string[] }[] = [];
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = result.ruleStack;
  }
  return out;
}

function scopesOf(tokens: { text: string; scopes: string[] }[], text: string): string[] {
  const token = tokens.find((t) => t.text.trim() === text);
  assert.ok(token, `a token "${text}" in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

const isSqlKeyword = (scopes: string[]) => scopes.some((s) => s.startsWith('keyword.') && s.endsWith('.sql'));
const isEmbeddedSql = (scopes: string[]) => scopes.some((s) => s.startsWith('meta.embedded.') && s.endsWith('.sql'));

describe('grammars', () => {
  before(async () => {
    registry = await loadRegistry();
  });

  it('are contributed by the manifest, with SQL declared as the embedded language', () => {
    for (const g of contributed) assert.ok(fs.existsSync(path.join(REPO_ROOT, g.path)), g.path);
    const python = contributed.find((g) => g.scopeName === 'schemasense.sql.python.injection');
    assert.deepStrictEqual(python?.embeddedLanguages, { 'meta.embedded.block.sql': 'sql', 'meta.embedded.line.sql': 'sql' });
    assert.ok(contributed.find((g) => g.scopeName === 'schemasense.sql.ts.injection')?.injectTo.includes('source.ts'));
  });

  it('highlight SQL in Alembic op.execute, conn.execute and sa.text strings, also on the next line', async () => {
    const tokens = await tokenise('source.python', [
      'def upgrade():',
      '    op.execute("CREATE SCHEMA IF NOT EXISTS newsletter")',
      '    op.execute(',
      '        """',
      '        ALTER TABLE businesses ADD COLUMN phone varchar(20)',
      '        """',
      '    )',
      "    conn.execute(sa.text('UPDATE leads SET stage = :s'), {\"s\": \"new\"})",
      '    conn.exec_driver_sql(f"DELETE FROM {table}")',
    ].join('\n'));
    for (const keyword of ['CREATE', 'ALTER', 'UPDATE', 'DELETE']) {
      const scopes = scopesOf(tokens, keyword);
      assert.ok(isSqlKeyword(scopes) && isEmbeddedSql(scopes), `${keyword}: ${scopes.join(' ')}`);
    }
    // The Python after the SQL string is Python again.
    const trailing = tokens.filter((t) => t.text === 's' || t.text === 'new');
    assert.ok(trailing.length && trailing.every((t) => !isEmbeddedSql(t.scopes)), 'the parameters dict is not SQL');
  });

  it('leave other Python strings alone', async () => {
    const tokens = await tokenise('source.python', [
      'name = "UPDATE the docs"',
      'log.info("DELETE requested")',
      'executor(rows, "SELECT")',
      'sa.Column("select", sa.String(20))',
    ].join('\n'));
    for (const t of tokens) assert.ok(!isEmbeddedSql(t.scopes), `${t.text}: ${t.scopes.join(' ')}`);
  });

  it('highlight SQL in TypeORM queryRunner.query and Sequelize sequelize.query strings', async () => {
    const tokens = await tokenise('source.ts', [
      'export class AddPhone1700000000000 implements MigrationInterface {',
      '  async up(queryRunner: QueryRunner): Promise<void> {',
      '    await queryRunner.query(`ALTER TABLE "lead"."leads" ADD "phone" varchar(20)`);',
      "    await queryRunner.query('DROP INDEX ix_leads_phone');",
      '    await queryInterface.sequelize.query(',
      '      `SELECT id FROM ${schema}.users`,',
      '    );',
      '    console.log(`SELECT is not run here`);',
      '  }',
      '}',
    ].join('\n'));
    for (const keyword of ['ALTER', 'DROP', 'SELECT']) {
      const scopes = scopesOf(tokens, keyword);
      assert.ok(isSqlKeyword(scopes) && isEmbeddedSql(scopes), `${keyword}: ${scopes.join(' ')}`);
    }
    const schema = tokens.find((t) => t.text === 'schema');
    assert.ok(schema && !isSqlKeyword(schema.scopes) && schema.scopes.includes('meta.template.expression.ts'), 'a ${…} substitution is TypeScript');
    const logged = tokens.filter((t) => t.text.includes('is not run here'));
    assert.ok(logged.length && logged.every((t) => !isEmbeddedSql(t.scopes)), 'console.log strings are not SQL');
  });

  it('mark schemasense-ignore comments in Python, TypeScript and inside SQL, with the ids that suppression honours', async () => {
    const samples: [string, string, string][] = [
      ['source.python', 'x = Column(Integer)  # schemasense-ignore fk-missing-index, index-duplicate', 'fk-missing-index, index-duplicate'],
      ['source.ts', '@Column() // schemasense-ignore fk-missing-index', 'fk-missing-index'],
      ['source.python', 'op.execute("CREATE TABLE t (id int)  -- schemasense-ignore migration-not-modeled")', 'migration-not-modeled'],
    ];
    for (const [scope, line, ids] of samples) {
      const tokens = await tokenise(scope, line);
      const directive = tokens.find((t) => t.text === 'schemasense-ignore');
      assert.ok(directive?.scopes.includes('keyword.control.directive.schemasense'), `${line}: ${JSON.stringify(tokens)}`);
      const idToken = tokens.find((t) => t.scopes.includes('constant.other.rule-id.schemasense'));
      assert.strictEqual(idToken?.text.trim(), ids);
      const suppressions = parseSuppressions(line);
      for (const id of ids.split(',').map((s) => s.trim())) assert.ok(isSuppressed(suppressions, 0, id), `${id} is honoured`);
    }
    const plain = await tokenise('source.python', '# schemasense-ignored is not a directive');
    assert.ok(plain.every((t) => !t.scopes.includes('keyword.control.directive.schemasense')));
  });
});
