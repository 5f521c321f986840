"""Alembic migrations of the station database."""
