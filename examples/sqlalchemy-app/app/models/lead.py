import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base


class Lead(Base):
    __tablename__ = "leads"
    __table_args__ = {"schema": "lead", "extend_existing": True}

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    contacts: Mapped[list["LeadContact"]] = relationship(back_populates="lead")


class LeadContact(Base):
    __tablename__ = "lead_contacts"
    __table_args__ = {"schema": "lead", "extend_existing": True}

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    lead_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("lead.leads.id", ondelete="CASCADE"), index=True)
    email: Mapped[str | None] = mapped_column(String(320))

    lead: Mapped["Lead"] = relationship(back_populates="contacts")
