import uuid

from sqlalchemy import Column, DateTime, String, func
from sqlalchemy.dialects.postgresql import JSONB, UUID

from .base import Base


class Job(Base):
    __tablename__ = "jobs"

    id = Column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4, index=True)
    job_type = Column(String, nullable=False, index=True)
    status = Column(String, default="pending", index=True)
    params = Column(JSONB)
    created_at = Column(DateTime(timezone=True), server_default=func.now())
