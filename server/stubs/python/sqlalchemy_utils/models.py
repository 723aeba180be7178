"""SQLAlchemy-Utils' Timestamp mixin, as the Schema Sense reader needs it (see ../README.md).

Every version declares the two columns alike; 0.36 and later also set `onupdate` on `updated`
(earlier ones refreshed it from a `before_update` listener): the schema is the same.
"""
from datetime import datetime

import sqlalchemy as sa


class Timestamp:
    """Adds `created` and `updated` to a derived declarative model."""

    created = sa.Column(sa.DateTime, default=datetime.utcnow, nullable=False)
    updated = sa.Column(sa.DateTime, default=datetime.utcnow, nullable=False)
