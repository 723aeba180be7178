/**
 * Generates a large, realistic SQLAlchemy workspace: model packages with cross-file foreign keys,
 * schemas, mixins, indexes, association tables; the Alembic chain that creates their tables (half
 * with `op.create_table`, half in raw SQL through `op.execute`); and ordinary Python files
 * (services, tests) that discovery must read and pass over.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface Generated {
  root: string;
  modelFiles: string[];
  otherFiles: string[];
  migrationFiles: string[];
  /** A model file and the line whose `index=True` the benchmark toggles. */
  editFile: string;
  editLine: number;
  /** A migration and the line whose `nullable=True` the benchmark toggles, and the model it drifts from. */
  migrationEditFile: string;
  migrationEditLine: number;
  migrationEditModel: string;
}

const SCHEMAS = ['public', 'identity', 'billing', 'crm', 'events'];

export function generateWorkspace(root: string, totalFiles = 2000, modelShare = 0.25, migrationShare = 0.2): Generated {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'schemasense.json'), JSON.stringify({ schemas: SCHEMAS.slice(1) }, null, 2));
  const modelCount = Math.round(totalFiles * modelShare);
  const modelFiles: string[] = [];
  const otherFiles: string[] = [];
  const table = (f: number, c: number) => `t${f}_${c}`;
  const schemaOf = (f: number) => SCHEMAS[f % SCHEMAS.length];
  const pkg = (f: number) => path.join(root, 'app', `domain${Math.floor(f / 100)}`, 'models');
  fs.mkdirSync(path.join(root, 'app'), { recursive: true });
  fs.writeFileSync(path.join(root, 'app', 'base.py'), `from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    from sqlalchemy import Column, DateTime, func
    created_at = Column(DateTime(timezone=True), server_default=func.now())
`);
  let editFile = '';
  let editLine = 0;
  for (let f = 0; f < modelCount; f++) {
    const lines: string[] = [
      `"""Domain models, file ${f}."""`,
      'import uuid',
      'from datetime import datetime',
      '',
      'from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, Numeric, String, Table, Text, UniqueConstraint',
      'from sqlalchemy.dialects.postgresql import JSONB, UUID',
      'from sqlalchemy.orm import Mapped, mapped_column, relationship',
      '',
      'from app.base import Base, TimestampMixin',
      '',
    ];
    for (let c = 0; c < 3; c++) {
      const name = table(f, c);
      const parent = f > 0 ? table(f - 1, c) : undefined;
      const parentSchema = f > 0 ? schemaOf(f - 1) : undefined;
      lines.push('', '', `class Model${f}x${c}(TimestampMixin, Base):`);
      lines.push(`    __tablename__ = "${name}"`);
      lines.push(`    __table_args__ = (`);
      lines.push(`        Index("ix_${name}_status_created", "status", "created_at"),`);
      lines.push(`        UniqueConstraint("code", name="uq_${name}_code"),`);
      lines.push(`        {"schema": "${schemaOf(f)}"},`);
      lines.push('    )');
      lines.push('');
      lines.push('    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)');
      lines.push('    code: Mapped[str] = mapped_column(String(40))');
      lines.push('    status: Mapped[str] = mapped_column(String(20), default="new")');
      lines.push('    amount = Column(Numeric(12, 2), nullable=False, server_default="0")');
      lines.push('    notes: Mapped[str | None] = mapped_column(Text)');
      lines.push('    payload = Column(JSONB)');
      if (parent) {
        const indexed = c !== 2 ? ', index=True' : '';
        // The edited FK is one no source indexes (c === 2): toggling index=True makes its finding go and come.
        if (f === Math.floor(modelCount / 2) && c === 2) {
          editFile = path.join(pkg(f), `models_${f}.py`);
          editLine = lines.length;
        }
        lines.push(`    parent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("${parentSchema}.${parent}.id", ondelete="CASCADE")${indexed})`);
        lines.push(`    parent: Mapped["Model${f - 1}x${c}"] = relationship()`);
      }
      lines.push(`    owner_id = Column(UUID(as_uuid=True), ForeignKey("identity.users.id"), index=True)`);
    }
    lines.push('', '', `links_${f} = Table(`, `    "links_${f}",`, '    Base.metadata,');
    lines.push(`    Column("a_id", ForeignKey("${schemaOf(f)}.${table(f, 0)}.id"), primary_key=True),`);
    lines.push(`    Column("b_id", ForeignKey("${schemaOf(f)}.${table(f, 1)}.id"), primary_key=True, index=True),`);
    lines.push(`    schema="${schemaOf(f)}",`, ')', '');
    const file = path.join(pkg(f), `models_${f}.py`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, lines.join('\n'));
    modelFiles.push(file);
  }
  const users = path.join(root, 'app', 'identity_models.py');
  fs.writeFileSync(users, `import uuid
from sqlalchemy import Column, String
from sqlalchemy.dialects.postgresql import UUID

from app.base import Base


class User(Base):
    __tablename__ = "users"
    __table_args__ = {"schema": "identity"}

    id = Column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    email = Column(String(320), nullable=False, unique=True)
`);
  modelFiles.push(users);
  const migrations = generateMigrations(root, modelCount, Math.round(totalFiles * migrationShare), schemaOf, table, (f) => path.join(pkg(f), `models_${f}.py`));
  for (let o = 0; o < totalFiles - modelCount - migrations.files.length - 3; o++) {
    const file = path.join(root, 'app', `services${Math.floor(o / 100)}`, `service_${o}.py`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `"""Service ${o}: business logic, no models."""
import logging

log = logging.getLogger(__name__)


def handle_${o}(session, payload: dict) -> dict:
    log.info("handling %s", payload.get("id"))
    result = {"ok": True, "count": len(payload)}
    for key, value in sorted(payload.items()):
        if value is None:
            result[key] = "missing"
    return result
`);
    otherFiles.push(file);
  }
  return {
    root, modelFiles, otherFiles, editFile, editLine,
    migrationFiles: migrations.files, migrationEditFile: migrations.editFile, migrationEditLine: migrations.editLine, migrationEditModel: migrations.editModel,
  };
}

/** The chain that creates every model table: migration m creates the tables of a run of model files. */
function generateMigrations(
  root: string, modelCount: number, count: number,
  schemaOf: (f: number) => string, table: (f: number, c: number) => string, modelFileOf: (f: number) => string,
): { files: string[]; editFile: string; editLine: number; editModel: string } {
  const dir = path.join(root, 'migrations', 'versions');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(root, 'migrations', 'env.py'), 'from alembic import context\n\nfrom app.base import Base\n\ntarget_metadata = Base.metadata\n');
  const files: string[] = [];
  // Most migrations create tables; the last fifth add indexes to tables created before.
  const creators = Math.max(1, Math.ceil(count * 0.8));
  const perMigration = Math.ceil(modelCount / creators);
  const q3 = '"""';
  let editFile = '';
  let editLine = 0;
  let editModel = '';
  for (let m = 0; m < count; m++) {
    const lines = [
      `${q3}domain tables, part ${m}`, '', `Revision ID: r${m}`, `Revises: ${m ? `r${m - 1}` : ''}`, q3,
      'from alembic import op', 'import sqlalchemy as sa', 'from sqlalchemy.dialects import postgresql', '',
      `revision = "r${m}"`, `down_revision = ${m ? `"r${m - 1}"` : 'None'}`, 'branch_labels = None', 'depends_on = None', '', '',
      'def upgrade() -> None:',
    ];
    if (m === 0) {
      for (const s of ['identity', 'billing', 'crm', 'events']) lines.push(`    op.execute("CREATE SCHEMA IF NOT EXISTS ${s}")`);
      lines.push('    op.create_table(', '        "users",', '        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),',
        '        sa.Column("email", sa.String(length=320), nullable=False, unique=True),', '        schema="identity",', '    )');
    }
    if (m >= creators) {
      for (let k = 0; k < 4; k++) {
        const f = ((m - creators) * 4 + k) % modelCount;
        lines.push(`    op.create_index("ix_${table(f, 0)}_amount", "${table(f, 0)}", ["amount"], schema="${schemaOf(f)}")`);
        lines.push(`    op.execute("CREATE INDEX ix_${table(f, 1)}_code_status ON ${schemaOf(f)}.${table(f, 1)} (code, status)")`);
      }
    }
    for (let f = m * perMigration; m < creators && f < Math.min(modelCount, (m + 1) * perMigration); f++) {
      const schema = schemaOf(f);
      for (let c = 0; c < 3; c++) {
        const name = table(f, c);
        const parent = f > 0 ? `${schemaOf(f - 1)}.${table(f - 1, c)}` : undefined;
        if (f % 2 === 0) {
          lines.push('    op.create_table(', `        "${name}",`,
            '        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),',
            '        sa.Column("code", sa.String(length=40), nullable=False),',
            '        sa.Column("status", sa.String(length=20), nullable=False),',
            '        sa.Column("amount", sa.Numeric(12, 2), server_default="0", nullable=False),');
          if (!editFile && m === Math.floor(creators / 2)) {
            editFile = path.join(dir, `r${m}_domain.py`);
            editLine = lines.length;
            editModel = modelFileOf(f);
          }
          lines.push('        sa.Column("notes", sa.Text(), nullable=True),',
            '        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=True),',
            '        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),');
          if (parent) lines.push('        sa.Column("parent_id", postgresql.UUID(as_uuid=True), nullable=False),');
          lines.push('        sa.Column("owner_id", postgresql.UUID(as_uuid=True), nullable=True),');
          if (parent) lines.push(`        sa.ForeignKeyConstraint(["parent_id"], ["${parent}.id"], ondelete="CASCADE"),`);
          lines.push('        sa.ForeignKeyConstraint(["owner_id"], ["identity.users.id"]),', '        sa.PrimaryKeyConstraint("id"),',
            `        sa.UniqueConstraint("code", name="uq_${name}_code"),`, `        schema="${schema}",`, '    )');
          lines.push(`    op.create_index("ix_${name}_status_created", "${name}", ["status", "created_at"], schema="${schema}")`);
          if (parent && c !== 2) lines.push(`    op.create_index(op.f("ix_${name}_parent_id"), "${name}", ["parent_id"], schema="${schema}")`);
          lines.push(`    op.create_index(op.f("ix_${name}_owner_id"), "${name}", ["owner_id"], schema="${schema}")`);
        } else {
          lines.push('    op.execute(', `        ${q3}`,
            `        CREATE TABLE ${schema}.${name} (`,
            '            id uuid PRIMARY KEY,',
            `            code varchar(40) NOT NULL CONSTRAINT uq_${name}_code UNIQUE,`,
            '            status varchar(20) NOT NULL,',
            '            amount numeric(12, 2) NOT NULL DEFAULT 0,',
            '            notes text,',
            '            payload jsonb,',
            '            created_at timestamp with time zone DEFAULT now(),');
          if (parent) lines.push(`            parent_id uuid NOT NULL REFERENCES ${parent} (id) ON DELETE CASCADE,`);
          lines.push('            owner_id uuid REFERENCES identity.users (id)', '        );',
            `        CREATE INDEX ix_${name}_status_created ON ${schema}.${name} (status, created_at);`);
          if (parent && c !== 2) lines.push(`        CREATE INDEX ix_${name}_parent_id ON ${schema}.${name} (parent_id);`);
          lines.push(`        CREATE INDEX ix_${name}_owner_id ON ${schema}.${name} (owner_id);`, `        ${q3}`, '    )');
        }
      }
      lines.push('    op.create_table(', `        "links_${f}",`,
        `        sa.Column("a_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("${schema}.${table(f, 0)}.id"), primary_key=True),`,
        `        sa.Column("b_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("${schema}.${table(f, 1)}.id"), primary_key=True),`,
        `        schema="${schema}",`, '    )', `    op.create_index("ix_links_${f}_b_id", "links_${f}", ["b_id"], schema="${schema}")`);
    }
    // More migrations than runs of model files: the last creators have nothing left to create.
    if (lines[lines.length - 1] === 'def upgrade() -> None:') lines.push('    pass');
    lines.push('', '', 'def downgrade() -> None:', '    pass', '');
    const file = path.join(dir, `r${m}_domain.py`);
    fs.writeFileSync(file, lines.join('\n'));
    files.push(file);
  }
  return { files, editFile, editLine, editModel };
}

