/**
 * Generates a large, realistic SQLAlchemy workspace: model packages with cross-file foreign keys,
 * schemas, mixins, indexes, association tables, plus ordinary Python files (services, tests) that
 * discovery must read and pass over.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface Generated {
  root: string;
  modelFiles: string[];
  otherFiles: string[];
  /** A model file and the line whose `index=True` the benchmark toggles. */
  editFile: string;
  editLine: number;
}

const SCHEMAS = ['public', 'identity', 'billing', 'crm', 'events'];

export function generateWorkspace(root: string, totalFiles = 2000, modelShare = 0.75): Generated {
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
        if (f === Math.floor(modelCount / 2) && c === 0) {
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
  for (let o = 0; o < totalFiles - modelCount - 2; o++) {
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
  return { root, modelFiles, otherFiles, editFile, editLine };
}
