"""catering payments

Revision ID: 004
Revises: 003
Create Date: 2025-11-12 16:20:00.000000
"""
from alembic import op

revision = "004"
down_revision = "003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE catering_payments (
            id serial PRIMARY KEY,
            amount numeric(10, 2) NOT NULL,
            provider_ref varchar(64),
            booking_id integer REFERENCES catering_bookings (id) ON DELETE CASCADE
        );
        CREATE INDEX ix_catering_payments_booking_id ON catering_payments (booking_id);
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE catering_payments")
