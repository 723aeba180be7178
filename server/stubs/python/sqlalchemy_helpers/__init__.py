"""sqlalchemy-helpers' declarative base, as the Schema Sense reader needs it (see ../README.md).

`Base` declares no column: 1.x made it with `declarative_base()`, 2.x subclasses `DeclarativeBase`;
both give its MetaData the naming convention below (which names constraints, not columns).
"""
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The models' base: no column."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
