"""Fixtures for the district server tests: real PostgreSQL, a real server process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .harness import PgDatabases, ServerProcess, require_postgres, use_test_data_key

use_test_data_key()  # the district refuses to start without a data key


@pytest.fixture(scope="session")
def pg() -> Iterator[PgDatabases]:
    require_postgres()
    dbs = PgDatabases()
    yield dbs
    dbs.drop_all()


@pytest.fixture
def district_url(pg: PgDatabases) -> str:
    """A fresh, migrated district database for this test."""
    return pg.create()


@pytest.fixture
def district_db(district_url: str):  # type: ignore[no-untyped-def]
    from stationdesk.district.db import DistrictDatabase

    db = DistrictDatabase(district_url)
    yield db
    db.dispose()


@pytest.fixture
def server(district_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    proc = ServerProcess(district_url, tmp_path).start()
    yield proc
    proc.stop()
