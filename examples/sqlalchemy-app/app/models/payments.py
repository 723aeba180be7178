from sqlalchemy import Column, ForeignKey, Integer, Numeric, String

from .base import Base


class CateringPayment(Base):
    __tablename__ = "catering_payments"

    id = Column(Integer, primary_key=True)
    amount = Column(Numeric(10, 2), nullable=False)
    provider_ref = Column(String(64))
    booking_id = Column(
        Integer,
        ForeignKey("catering_bookings.id", ondelete="CASCADE"),
        index=True,
    )
