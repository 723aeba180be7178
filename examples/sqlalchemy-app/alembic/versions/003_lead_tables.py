"""lead tables

Revision ID: 003
Revises: e8e33e1e5658
Create Date: 2025-11-10 11:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "003"
down_revision = "e8e33e1e5658"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leads",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        schema="lead",
    )
    op.create_table(
        "lead_contacts",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("lead_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.ForeignKeyConstraint(["lead_id"], ["lead.leads.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        schema="lead",
    )
    op.create_index("ix_lead_lead_contacts_lead_id", "lead_contacts", ["lead_id"], schema="lead")


def downgrade() -> None:
    op.drop_table("lead_contacts", schema="lead")
    op.drop_table("leads", schema="lead")
