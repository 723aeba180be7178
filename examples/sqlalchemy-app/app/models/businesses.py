import uuid

from sqlalchemy import Column, ForeignKey, String
from sqlalchemy.dialects.postgresql import UUID

from .base import Base


class Business(Base):
    __tablename__ = "businesses"

    id = Column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    name = Column(String(200), nullable=False)
    owner_id = Column(UUID(as_uuid=True), ForeignKey("identity.users.id"), nullable=False, index=True)
    newsletter_subscriber_id = Column(UUID(as_uuid=True))
