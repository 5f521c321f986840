"""Inline validation messages shared by the forms that create accounts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from stationdesk.domain.roles import password_problem, username_problem


def account_problem(username: str, password: str, repeat: str | None = None) -> str | None:
    """The first problem with what has been typed so far (empty fields are not yet a problem)."""
    if username and username_problem(username):
        return QCoreApplication.translate(
            "AccountValidation",
            "Login names: 2-32 characters, a lowercase letter first, then letters, digits, . _ -",
        )
    if password and password_problem(password):
        return QCoreApplication.translate(
            "AccountValidation", "Passwords have at least 8 characters, no spaces at either end."
        )
    if repeat is not None and repeat and repeat != password:
        return QCoreApplication.translate("AccountValidation", "The passwords differ.")
    return None


def account_complete(username: str, password: str) -> bool:
    """Whether a login name and password are both present and acceptable."""
    return not username_problem(username) and not password_problem(password)
