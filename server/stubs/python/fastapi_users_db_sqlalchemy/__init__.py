"""fastapi-users-db-sqlalchemy's user and OAuth account tables, as the Schema Sense reader needs them (see ../README.md)."""
from sqlalchemy import Boolean, Column, ForeignKey, Integer, String
from sqlalchemy.orm import declared_attr

from fastapi_users_db_sqlalchemy.generics import GUID


def _differs_between_versions():
    """What one version declares and another does not: Unknown to the reader."""


class SQLAlchemyBaseUserTable:
    __tablename__ = "user"

    # Before 4.0 this class declared `id` (a GUID); since, SQLAlchemyBaseUserTableUUID does.
    @declared_attr
    def id(cls):
        return _differs_between_versions()

    email = Column(String(length=320), unique=True, index=True, nullable=False)
    # String(72) before 3.0, String(1024) since.
    hashed_password = Column(_differs_between_versions(), nullable=False)
    is_active = Column(Boolean, default=True, nullable=False)
    is_superuser = Column(Boolean, default=False, nullable=False)
    is_verified = Column(Boolean, default=False, nullable=False)


class SQLAlchemyBaseUserTableUUID(SQLAlchemyBaseUserTable):
    id = Column(GUID, primary_key=True)


class SQLAlchemyBaseOAuthAccountTable:
    __tablename__ = "oauth_account"

    # Before 4.0 this class declared `id` and `user_id`; since, SQLAlchemyBaseOAuthAccountTableUUID does.
    @declared_attr
    def id(cls):
        return _differs_between_versions()

    @declared_attr
    def user_id(cls):
        return _differs_between_versions()

    oauth_name = Column(String(length=100), index=True, nullable=False)
    access_token = Column(String(length=1024), nullable=False)
    expires_at = Column(Integer, nullable=True)
    refresh_token = Column(String(length=1024), nullable=True)
    account_id = Column(String(length=320), index=True, nullable=False)
    account_email = Column(String(length=320), nullable=False)


class SQLAlchemyBaseOAuthAccountTableUUID(SQLAlchemyBaseOAuthAccountTable):
    id = Column(GUID, primary_key=True)

    @declared_attr
    def user_id(cls):
        return Column(GUID, ForeignKey("user.id", ondelete="cascade"), nullable=False)
