import uuid

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, String, Table, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import relationship

from .base import Base


class User(Base):
    __tablename__ = "users"
    __table_args__ = {"schema": "identity"}

    id = Column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    email = Column(String(320), nullable=False, unique=True)
    created_at = Column(DateTime(timezone=True), server_default=func.now())

    roles = relationship("Role", secondary="identity.user_roles")


class Role(Base):
    __tablename__ = "roles"
    __table_args__ = {"schema": "identity"}

    id = Column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    name = Column(String(50), nullable=False, unique=True)


class StationUser(Base):
    __tablename__ = "station_users"
    __table_args__ = {"schema": "identity"}

    id = Column(UUID, primary_key=True, default=lambda: uuid.uuid4())
    user_id = Column(UUID(as_uuid=True), ForeignKey("users.id", ondelete="CASCADE"), index=True)
    is_admin = Column(Boolean, nullable=False, default=False)


class ApiKey(Base):
    __tablename__ = "api_keys"
    __table_args__ = (
        Index("idx_apikey_user_id", "user_id"),
        {"schema": "identity"},
    )

    id = Column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    user_id = Column(UUID(as_uuid=True), ForeignKey("identity.users.id"), nullable=False, index=True)
    key_hash = Column(String(128), nullable=False, unique=True)

    user = relationship("User")


user_roles = Table(
    "user_roles",
    Base.metadata,
    Column("user_id", ForeignKey("identity.users.id"), index=True),
    Column("role_id", ForeignKey("identity.roles.id"), index=True),
    schema="identity",
)
