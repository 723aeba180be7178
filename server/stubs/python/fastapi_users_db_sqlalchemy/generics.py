"""fastapi-users-db-sqlalchemy's column types, as the Schema Sense reader needs them (see ../README.md)."""
from sqlalchemy import TIMESTAMP
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.types import TypeDecorator


class GUID(TypeDecorator):
    """A uuid on PostgreSQL (CHAR(36) on other databases)."""

    impl = UUID


class TIMESTAMPAware(TypeDecorator):
    """A timestamp with time zone."""

    impl = TIMESTAMP
