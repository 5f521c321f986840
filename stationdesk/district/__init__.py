"""District server: FastAPI over PostgreSQL."""
