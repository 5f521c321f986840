"""Fixtures for end-to-end sync tests: stations (in-process) against a real server process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.district.conftest import district_db, district_url, pg  # noqa: F401
from tests.district.conftest import server as server
from tests.district.harness import FaultProxy, ServerProcess

from .stand_in import stand_in_residents  # noqa: F401
from .stations import make_station, station_templates  # noqa: F401


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[FaultProxy]:
    p = FaultProxy(server.port)
    yield p
    p.close()


from tests.gui.conftest import isolated_qsettings, make_desk  # noqa: E402, F401
