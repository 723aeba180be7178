"""oslo.db's model mixins, as the Schema Sense reader needs them (see ../../README.md)."""
from sqlalchemy import Column, DateTime, Integer
from sqlalchemy.types import TypeDecorator


class SoftDeleteInteger(TypeDecorator):
    """oslo_db.sqlalchemy.types.SoftDeleteInteger: an integer column (the deleted row's id, or 0)."""

    impl = Integer


class ModelBase(object):
    """Dict-like access to a model's attributes: methods only, no column."""

    __table_initialized__ = False


class ModelIterator(object):
    """Iterates a model's columns: no column."""


class TimestampMixin(object):
    created_at = Column(DateTime)
    updated_at = Column(DateTime)


class SoftDeleteMixin(object):
    deleted_at = Column(DateTime)
    deleted = Column(SoftDeleteInteger)
