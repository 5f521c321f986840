"""Alembic environment for the district database; the caller passes an open connection."""

from __future__ import annotations

from alembic import context

from stationdesk.dbkit import run_migrations
from stationdesk.district.models import DistrictBase

run_migrations(
    DistrictBase.metadata,
    render_as_batch=context.config.attributes["connection"].dialect.name == "sqlite",
    version_table="district_alembic_version",
)
