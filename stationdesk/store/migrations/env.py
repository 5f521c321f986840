"""Alembic environment for the station database; the caller passes an open connection."""

from __future__ import annotations

from alembic import context

import stationdesk.store.schema as schema

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=schema.metadata(),
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
