"""The district server's one error type: an HTTP status, a code and a message in two languages."""

from __future__ import annotations


class DistrictError(Exception):
    """A failure with an HTTP status for the API and a Chinese message for people."""

    def __init__(self, status: int, error: str, message: str, zh: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.zh = zh or message
