"""Alembic migrations of the district server's own database (PostgreSQL or trial SQLite)."""
