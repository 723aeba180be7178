"""add businesses table

Revision ID: e636a2d56d82
Revises: 001
Create Date: 2025-11-03 14:12:40.000000
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "e636a2d56d82"
down_revision = "001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "businesses",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("owner_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["identity.users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_businesses_owner_id", "businesses", ["owner_id"])
    op.execute(
        """
        ALTER TABLE businesses
            ADD COLUMN newsletter_subscriber_id uuid REFERENCES newsletter.newsletter_subscribers (id)
        """
    )


def downgrade() -> None:
    op.drop_column("businesses", "newsletter_subscriber_id")
    op.drop_table("businesses")
