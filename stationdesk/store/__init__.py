"""Local SQLite (SQLCipher) store: engine, models, repositories and migrations."""
