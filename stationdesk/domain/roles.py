"""Worker roles and the permissions each one grants."""

from __future__ import annotations

import re
from enum import StrEnum


class Role(StrEnum):
    """The three kinds of account at a station."""

    WORKER = "worker"  # 全科社工
    HEAD = "head"  # 站长 / 书记
    ADMIN = "admin"  # IT administrator


class Permission(StrEnum):
    """Things a service may be asked to do that not every role may do."""

    HANDLE_MATTERS = "handle_matters"  # residents, certificates, cases
    REVEAL_PERSONAL_DATA = "reveal_personal_data"
    VIEW_SENSITIVE_TAGS = "view_sensitive_tags"  # disability and health (PIPL Art. 28)
    APPROVE = "approve"  # void certificates, resolve conflicts, review
    MANAGE_WORKERS = "manage_workers"
    MANAGE_STATION = "manage_station"  # backup, restore, settings, catalog
    VERIFY_AUDIT = "verify_audit"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.WORKER: frozenset({Permission.HANDLE_MATTERS, Permission.REVEAL_PERSONAL_DATA}),
    Role.HEAD: frozenset(
        {
            Permission.HANDLE_MATTERS,
            Permission.REVEAL_PERSONAL_DATA,
            Permission.VIEW_SENSITIVE_TAGS,
            Permission.APPROVE,
            Permission.VERIFY_AUDIT,
        }
    ),
    Role.ADMIN: frozenset(
        {Permission.MANAGE_WORKERS, Permission.MANAGE_STATION, Permission.VERIFY_AUDIT}
    ),
}

ROLE_LABELS_ZH = {Role.WORKER: "全科社工", Role.HEAD: "站长", Role.ADMIN: "管理员"}

USERNAME_RE = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")
MIN_PASSWORD_LENGTH = 8
MAX_FAILED_LOGINS = 5
LOCKOUT_SECONDS = 5 * 60


def role_allows(role: Role, permission: Permission) -> bool:
    """Whether a role grants a permission."""
    return permission in ROLE_PERMISSIONS[role]


def username_problem(name: str) -> str | None:
    """Return why a login name is unacceptable, or None when it is fine."""
    if not USERNAME_RE.match(name):
        return "login names are 2-32 characters: a lowercase letter, then letters, digits, . _ -"
    return None


def password_problem(password: str) -> str | None:
    """Return why a new password is unacceptable, or None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"passwords have at least {MIN_PASSWORD_LENGTH} characters"
    if password.strip() != password:
        return "passwords may not start or end with spaces"
    return None
