/**
 * A workspace full of findings, for the scaling run: `units` small shop modules, each a models file,
 * a migration (one chain through all of them) and a service file, every unit seeded with the
 * mistakes the rules exist for — an unindexed foreign key, a typo in a foreign key's target and in a
 * migration's table reference (both with a "did you mean"), a duplicate index, a JSON column, a
 * table without a primary key, a nullability drift, a model no migration creates. Table names are
 * made of syllables derived from the unit number, so that names differ as real schemas' do (no
 * shared numeric suffixes that make every name similar to every other).
 */
import * as fs from 'fs';
import * as path from 'path';

const CONSONANTS = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ch', 'sh'];
const VOWELS = ['a', 'e', 'i', 'o'];
const SYLLABLES = CONSONANTS.flatMap((c) => VOWELS.map((v) => c + v));
const PREFIXES = SYLLABLES.length ** 3;

/**
 * A pronounceable, unit-specific prefix of three syllables ("kamoshi"). Consecutive units are spread
 * over the 262,144 prefixes (a multiplier prime to their count), so that few prefixes are a typo
 * apart — as few as in a real schema, where most table names are not one edit from another.
 */
export function unitPrefix(unit: number): string {
  let n = (unit * 7919) % PREFIXES;
  const parts: string[] = [];
  for (let i = 0; i < 3; i++) {
    parts.push(SYLLABLES[n % SYLLABLES.length]);
    n = Math.floor(n / SYLLABLES.length);
  }
  return parts.join('');
}

export interface DefectWorkspace {
  root: string;
  files: number;
}

export function generateDefectWorkspace(root: string, units: number): DefectWorkspace {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'app'), { recursive: true });
  fs.mkdirSync(path.join(root, 'migrations', 'versions'), { recursive: true });
  fs.writeFileSync(path.join(root, 'app', 'base.py'), 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n');
  fs.writeFileSync(path.join(root, 'migrations', 'env.py'), 'from alembic import context\n\nfrom app.base import Base\n\ntarget_metadata = Base.metadata\n');
  let files = 2;
  for (let u = 0; u < units; u++) {
    const p = unitPrefix(u);
    const dir = path.join(root, 'app', `shop_${p}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'models.py'), modelsOf(p));
    fs.writeFileSync(path.join(dir, 'service.py'), serviceOf(p));
    fs.writeFileSync(path.join(root, 'migrations', 'versions', `${String(u).padStart(5, '0')}_${p}.py`), migrationOf(p, u === 0 ? undefined : unitPrefix(u - 1)));
    files += 3;
  }
  return { root, files };
}

function modelsOf(p: string): string {
  return `"""The ${p} shop: customers, orders, products."""
from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, Numeric, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.base import Base


class ${cls(p)}Customer(Base):
    __tablename__ = "${p}_customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    settings = Column(JSON)


class ${cls(p)}Order(Base):
    __tablename__ = "${p}_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("${p}_customers.id"))
    note: Mapped[str | None] = mapped_column(Text)
    customer: Mapped["${cls(p)}Customer"] = relationship()


class ${cls(p)}Product(Base):
    __tablename__ = "${p}_products"
    __table_args__ = (Index("ix_${p}_products_sku_again", "sku"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), index=True)
    price = Column(Numeric(10, 2), nullable=False)


class ${cls(p)}OrderItem(Base):
    __tablename__ = "${p}_order_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("${p}_orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("${p}_prodcts.id"), index=True)


${p}_audit = Table(
    "${p}_audit",
    Base.metadata,
    Column("happened_at", String(40)),
    Column("what", Text),
)
`;
}

function migrationOf(p: string, parent: string | undefined): string {
  return `"""${p} shop

Revision ID: ${p}
Revises: ${parent ?? ''}
"""
from alembic import op
import sqlalchemy as sa

revision = "${p}"
down_revision = ${parent ? `"${parent}"` : 'None'}


def upgrade() -> None:
    op.create_table(
        "${p}_customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "${p}_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["${p}_customers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "${p}_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=40), nullable=False),
        sa.Column("price", sa.Numeric(10, 2), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_${p}_products_sku", "${p}_products", ["sku"])
    op.create_index("ix_${p}_products_sku_again", "${p}_products", ["sku"])
    op.create_index("ix_${p}_orders_note", "${p}_ordres", ["note"])


def downgrade() -> None:
    op.drop_table("${p}_products")
    op.drop_table("${p}_orders")
    op.drop_table("${p}_customers")
`;
}

function serviceOf(p: string): string {
  return `"""Checkout for the ${p} shop: no models here."""
import logging

log = logging.getLogger(__name__)


def total(items: list[dict]) -> float:
    log.debug("${p}: %d items", len(items))
    return sum(i["price"] * i.get("quantity", 1) for i in items)
`;
}

function cls(p: string): string {
  return p.charAt(0).toUpperCase() + p.slice(1);
}
