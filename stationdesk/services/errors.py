"""Errors a service raises, each with an English message and a Chinese one for the UI."""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every expected failure of a use case; ``zh`` is shown to users."""

    exit_code = 1

    def __init__(self, message: str, zh: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh or message


class InputError(ServiceError):
    """The request itself is wrong (bad or missing value); nothing was written."""

    exit_code = 2

    def __init__(self, message: str, zh: str | None = None, *, field: str | None = None) -> None:
        super().__init__(message, zh)
        self.field = field


class NotFoundError(InputError):
    """The named record does not exist."""


class PermissionDeniedError(ServiceError):
    """The acting worker's role does not allow this."""

    exit_code = 3


class AuthenticationError(ServiceError):
    """Login failed: unknown user, wrong password, disabled or locked account."""

    exit_code = 3


class StationError(ServiceError):
    """The station cannot be opened or used (no station, no keyring, newer database)."""

    exit_code = 1
