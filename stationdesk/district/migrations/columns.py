"""Column types and shapes the district migrations share; frozen, since each past migration must
keep making the schema it always made (a changed shape belongs in a new helper and revision)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
"""JSON: ``jsonb`` on PostgreSQL."""

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
"""A numbered key: ``bigint`` on PostgreSQL, SQLite's own row id on a trial database."""


def utc_time(name: str, *, nullable: bool) -> sa.Column[datetime]:
    """A moment, with its time zone (``timestamptz`` on PostgreSQL)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)
