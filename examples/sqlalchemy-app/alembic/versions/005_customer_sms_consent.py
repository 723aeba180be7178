"""customer SMS consent (TCPA)

Revision ID: 005
Revises: 004
Create Date: 2025-11-18 09:45:00.000000
"""
from alembic import op
import sqlalchemy as sa

revision = "005"
down_revision = "004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("customers", sa.Column("sms_consent", sa.Boolean(), server_default=sa.false(), nullable=False), schema="bookings")


def downgrade() -> None:
    op.drop_column("customers", "sms_consent", schema="bookings")
