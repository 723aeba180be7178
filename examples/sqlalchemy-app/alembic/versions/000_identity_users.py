"""identity schema: users, roles, station users, API keys

Revision ID: 000
Revises:
Create Date: 2025-09-01 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "000"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSchema("identity", if_not_exists=True))
    op.create_table(
        "users",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
        schema="identity",
    )
    op.create_table(
        "roles",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        schema="identity",
    )
    op.create_table(
        "user_roles",
        sa.Column("user_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("identity.users.id"), nullable=True),
        sa.Column("role_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("identity.roles.id"), nullable=True),
        schema="identity",
    )
    op.create_index("ix_identity_user_roles_user_id", "user_roles", ["user_id"], schema="identity")
    op.create_index("ix_identity_user_roles_role_id", "user_roles", ["role_id"], schema="identity")
    op.create_table(
        "station_users",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("user_id", postgresql.UUID(as_uuid=True), nullable=True),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["identity.users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        schema="identity",
    )
    op.create_index("ix_identity_station_users_user_id", "station_users", ["user_id"], schema="identity")
    op.create_table(
        "api_keys",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("user_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("key_hash", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["identity.users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
        schema="identity",
    )
    op.create_index("ix_identity_api_keys_user_id", "api_keys", ["user_id"], schema="identity")


def downgrade() -> None:
    op.drop_table("api_keys", schema="identity")
    op.drop_table("station_users", schema="identity")
    op.drop_table("user_roles", schema="identity")
    op.drop_table("roles", schema="identity")
    op.drop_table("users", schema="identity")
