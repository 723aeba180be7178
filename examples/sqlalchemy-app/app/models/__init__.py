from .base import Base
from .businesses import Business
from .bookings import Booking, Customer, CustomerTonePreference
from .conversations import Conversation, Message
from .identity import ApiKey, Role, StationUser, User
from .jobs import Job
from .lead import Lead, LeadContact
from .payments import CateringPayment
