from sqlalchemy import Column, DateTime, ForeignKey, Integer, String

from .base import Base


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = {"schema": "bookings"}

    id = Column(Integer, primary_key=True)
    phone = Column(String(20), nullable=False)


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = {"schema": "bookings"}

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("bookings.customers.id"), nullable=False, index=True)
    event_date = Column(DateTime(timezone=True), nullable=False)


class CustomerTonePreference(Base):
    __tablename__ = "customer_tone_preferences"

    id = Column(Integer, primary_key=True)
    customer_id = Column(
        Integer, ForeignKey("public.customers.id"), nullable=False, unique=True
    )
    tone = Column(String(20), nullable=False, server_default="friendly")
