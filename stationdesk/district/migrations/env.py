"""Alembic environment for the district database; the caller passes an open connection."""

from __future__ import annotations

from alembic import context

from stationdesk.district.models import DistrictBase

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=DistrictBase.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    version_table="district_alembic_version",
)
with context.begin_transaction():
    context.run_migrations()
