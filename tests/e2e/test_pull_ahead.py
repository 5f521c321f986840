"""A station asks the real server for the next page while it stores the one before."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from stationdesk.services import residents, sync
from stationdesk.services.sync import StationSyncPort
from tests.helpers.ids import idn

from .stations import assert_converged

pytestmark = pytest.mark.postgres

NAMES = ("王芳", "李强", "张伟", "刘洋", "陈静", "杨磊", "赵敏")


def test_the_next_snapshot_page_is_asked_for_while_this_one_is_stored(
    make_station, district_db, server, monkeypatch
):
    a = make_station("SA0101", district_db)
    for i, name in enumerate(NAMES):
        residents.register_resident(
            a.station, a.head, residents.ResidentInput(name=name, id_number=idn(300 + i))
        )
    assert a.sync(server.url).outcome == "ok"

    b = make_station("SB0202", district_db)
    client = sync.make_client(b.station, server.url)
    turn = threading.Condition()
    asked: list[str | None] = []
    stored: list[int] = []
    ahead: list[bool] = []
    snapshot = client.snapshot

    def asking(after: str | None, cursor: str | None, limit: int) -> Any:
        with turn:
            asked.append(after)
            turn.notify_all()
        return snapshot(after, cursor, limit)

    original = StationSyncPort.apply_snapshot

    def storing(self: StationSyncPort, page: Any) -> int:
        if page.has_more:  # the request for the page after this one is already out
            with turn:
                ahead.append(turn.wait_for(lambda: len(asked) > len(stored) + 1, timeout=5))
        stored.append(len(page.records))
        return original(self, page)

    client.snapshot = asking  # type: ignore[method-assign]
    monkeypatch.setattr(StationSyncPort, "apply_snapshot", storing)
    try:
        result = b.sync(server.url, client=client, pull_limit=2)
    finally:
        client.close()
    assert result.outcome == "ok"
    assert len(stored) >= 4 and ahead == [True] * (len(stored) - 1)
    assert len(asked) == len(stored)  # asking ahead never asks past the last page
    assert len(asked) == len(set(asked))  # each page asked for once, in order
    for name in NAMES:
        assert len(residents.find_residents(b.station, b.head, name)) == 1
    assert_converged(district_db, a, b)
