"""About 50 seeded random cases: real residents registered (one person at two stations too) and
edited at three stations, matters opened and closed, certificates issued and voided, syncs
through random faults, crashes."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.district.harness import FaultProxy, PgDatabases, ServerProcess

from .randomized import run_case

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CASES = int(os.environ.get("STATIONDESK_RANDOM_CASES", "50"))
SEED = int(os.environ.get("STATIONDESK_RANDOM_SEED", "20261127"))


@pytest.fixture(scope="module")
def shared_server(pg: PgDatabases, tmp_path_factory) -> Iterator[tuple[str, ServerProcess]]:
    url = pg.create()
    server = ServerProcess(url, tmp_path_factory.mktemp("random-server")).start()
    yield url, server
    server.stop()


def test_randomized_runs_converge(shared_server, make_station) -> None:
    from stationdesk.district.db import DistrictDatabase

    url, server = shared_server
    db = DistrictDatabase(url)
    proxy = FaultProxy(server.port)
    totals: dict[str, int] = {}
    try:
        for case in range(CASES):
            got = run_case(SEED + case, db, proxy, make_station)
            for k, v in got.items():
                totals[k] = totals.get(k, 0) + v
        print(totals)
    finally:
        proxy.close()
        db.dispose()
    assert totals["faults"] >= CASES  # the run really injected faults …
    assert totals["crashes"] >= CASES // 5  # … and station crashes …
    assert totals.get("ok", 0) >= CASES  # … and syncs still got through …
    assert totals["same_person"] >= CASES // 5  # … with the same person at two stations
    assert totals["matters"] >= CASES // 4  # … matters, certificates and voids among the ops
    assert totals["certificates"] >= CASES // 4
    assert totals["voids"] >= 1
    assert totals["referred"] >= CASES // 5  # … matters referred, answered by the department …
    assert totals["answers"] >= CASES // 10
    assert totals["photos"] >= CASES // 10  # … and photos uploaded in chunks
