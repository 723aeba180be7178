"""Authlib's SQLAlchemy mixins of an OAuth 2.0 server's tables, as the Schema Sense reader needs them (see ../../../README.md)."""
from sqlalchemy import Column, Integer, String, Text
from sqlalchemy.orm import declared_attr


def _differs_between_versions():
    """What one version declares and another does not: Unknown to the reader."""


def _now():
    """The time of the insert, in seconds (a Python-side default)."""


class OAuth2ClientMixin:
    client_id = Column(String(48), index=True)
    client_secret = Column(String(120))
    client_id_issued_at = Column(Integer, nullable=False, default=0)
    client_secret_expires_at = Column(Integer, nullable=False, default=0)
    _client_metadata = Column("client_metadata", Text)


class OAuth2AuthorizationCodeMixin:
    code = Column(String(120), unique=True, nullable=False)
    client_id = Column(String(48))
    redirect_uri = Column(Text, default="")
    response_type = Column(Text, default="")
    scope = Column(Text, default="")
    nonce = Column(Text)
    auth_time = Column(Integer, nullable=False, default=_now)
    code_challenge = Column(Text)
    code_challenge_method = Column(String(48))

    # Since 1.6 (the `acr` and `amr` claims of the ID token); not before.
    @declared_attr
    def acr(cls):
        return _differs_between_versions()

    @declared_attr
    def amr(cls):
        return _differs_between_versions()


class OAuth2TokenMixin:
    client_id = Column(String(48))
    token_type = Column(String(40))
    access_token = Column(String(255), unique=True, nullable=False)
    refresh_token = Column(String(255), index=True)
    scope = Column(Text, default="")
    issued_at = Column(Integer, nullable=False, default=_now)
    expires_in = Column(Integer, nullable=False, default=0)

    # Before 1.0 a Boolean `revoked`; since, the two times of revocation.
    @declared_attr
    def revoked(cls):
        return _differs_between_versions()

    @declared_attr
    def access_token_revoked_at(cls):
        return _differs_between_versions()

    @declared_attr
    def refresh_token_revoked_at(cls):
        return _differs_between_versions()
