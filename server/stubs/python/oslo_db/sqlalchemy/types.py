"""oslo.db's column types, as the Schema Sense reader needs them (see ../../README.md).

On PostgreSQL a JSON-encoded dict or list is text (`mysql_as_long` / `mysql_as_medium` only pick
MySQL's LONGTEXT / MEDIUMTEXT), and a soft-delete marker an integer.
"""
from sqlalchemy.types import Integer, Text, TypeDecorator


class JsonEncodedType(TypeDecorator):
    impl = Text


class JsonEncodedDict(JsonEncodedType):
    pass


class JsonEncodedList(JsonEncodedType):
    pass


class SoftDeleteInteger(TypeDecorator):
    impl = Integer
