"""Alembic environment for the station database; the caller passes an open connection."""

from __future__ import annotations

import stationdesk.store.schema as schema
from stationdesk.dbkit import run_migrations

run_migrations(schema.metadata(), render_as_batch=True)
