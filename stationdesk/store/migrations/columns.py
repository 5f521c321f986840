"""Column sets the station migrations share; frozen, since each past migration must keep making the
schema it always made (a changed column shape belongs in a new helper and a new revision)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa


def uuid_key() -> sa.Column[str]:
    """The ``id`` primary key of a row named by a UUID."""
    return sa.Column("id", sa.String(36), primary_key=True)


def serial_key(name: str = "id") -> sa.Column[int]:
    """An integer primary key the database numbers."""
    return sa.Column(name, sa.Integer(), primary_key=True, autoincrement=True)


def ref(name: str, table: str, *, nullable: bool) -> sa.Column[str]:
    """A column holding the UUID ``id`` of a row of ``table``."""
    return sa.Column(name, sa.String(36), sa.ForeignKey(f"{table}.id"), nullable=nullable)


def edited() -> list[sa.Column[Any]]:
    """``created_at``, ``updated_at`` and ``version`` of a row edited in place."""
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def stored_file(*, data_nullable: bool) -> list[sa.Column[Any]]:
    """A file kept in the database: name, type, size, digest, bytes, and when and by whom added."""
    return [
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("mime", sa.String(80), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=data_nullable),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        ref("added_by", "worker", nullable=True),
    ]
