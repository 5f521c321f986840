"""The district server's settings, read once from the environment into one ``DistrictSettings``."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_DB = "STATIONDESK_DISTRICT_DB"
ENV_RATE = "STATIONDESK_VERIFY_RATE"
DEFAULT_RATE = "30/60"
ENV_TRUSTED_PROXIES = "FORWARDED_ALLOW_IPS"
"""uvicorn's own name for the addresses whose ``X-Forwarded-For`` is believed."""
DEFAULT_TRUSTED_PROXIES = ""
"""No proxy is trusted unless named: a client on the server's own host cannot pose as another."""

# -- the data key: personal fields are encrypted at rest (see district/crypto) ------------------
ENV_DATA_KEY = "STATIONDESK_DATA_KEY"
"""The district data key itself: base64 of 32 bytes (several, comma-separated: the first
encrypts, the others are old keys still read during a rotation)."""
ENV_DATA_KEY_FILE = "STATIONDESK_DATA_KEY_FILE"
"""A file holding the data key(s), one base64 key a line, the current one first (mode 0600)."""


class DistrictSettings(BaseSettings):
    """Where the database is, how often ``/verify`` answers one address, which proxies to trust.

    Each field is read from its environment variable (exact name); the verify rate is kept as
    written and parsed by :func:`stationdesk.district.verify.parse_rate` where it is used, so a
    bad value stops ``district serve`` only, not the other district commands.
    """

    model_config = SettingsConfigDict(case_sensitive=True, populate_by_name=True, extra="ignore")

    database_url: str | None = Field(default=None, validation_alias=ENV_DB)
    """The district database (``postgresql://…``, or ``sqlite:///FILE`` for a trial)."""
    verify_rate: str = Field(default=DEFAULT_RATE, validation_alias=ENV_RATE)
    """Requests per client address for ``/verify``: ``N/SECONDS``, ``N`` (a minute) or ``off``."""
    # -- processes and proxies --------------------------------------------------------------
    trusted_proxies: str = Field(
        default=DEFAULT_TRUSTED_PROXIES, validation_alias=ENV_TRUSTED_PROXIES
    )
    """Comma-separated proxy addresses or networks (``127.0.0.1``, ``10.0.0.0/8``; ``*`` for any)
    whose ``X-Forwarded-For`` gives the client address; empty (the default): none is trusted."""

    def trusted_proxy_list(self) -> list[str]:
        """The trusted proxies as uvicorn takes them; an empty list trusts none."""
        return [item.strip() for item in self.trusted_proxies.split(",") if item.strip()]

    # -- the data key (one of the two; see ENV_DATA_KEY) ----------------------------------------
    data_key: SecretStr | None = Field(default=None, validation_alias=ENV_DATA_KEY)
    """The data key(s) as text (``STATIONDESK_DATA_KEY``)."""
    data_key_file: Path | None = Field(default=None, validation_alias=ENV_DATA_KEY_FILE)
    """The file holding the data key(s) (``STATIONDESK_DATA_KEY_FILE``)."""
