"""fastapi-users-db-sqlalchemy's access token table, as the Schema Sense reader needs it (see ../README.md)."""
from sqlalchemy import Column, ForeignKey, String
from sqlalchemy.orm import declared_attr

from fastapi_users_db_sqlalchemy.generics import GUID, TIMESTAMPAware


def _differs_between_versions():
    """What one version declares and another does not: Unknown to the reader."""


class SQLAlchemyBaseAccessTokenTable:
    __tablename__ = "accesstoken"

    token = Column(String(length=43), primary_key=True)
    created_at = Column(TIMESTAMPAware(timezone=True), index=True, nullable=False)

    # Before 4.0 this class declared `user_id`; since, SQLAlchemyBaseAccessTokenTableUUID does.
    @declared_attr
    def user_id(cls):
        return _differs_between_versions()


class SQLAlchemyBaseAccessTokenTableUUID(SQLAlchemyBaseAccessTokenTable):
    @declared_attr
    def user_id(cls):
        return Column(GUID, ForeignKey("user.id", ondelete="cascade"), nullable=False)
