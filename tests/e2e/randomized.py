"""A seeded randomized sync run: many operations, faults at random points, station crashes.

Used by ``tests/e2e/test_randomized.py`` (about 50 cases) and by the soak in
``benchmarks/bench_sync.py --soak N``.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from stationdesk.services.sync import StationSyncPort

from .stations import (
    SyncedStation,
    assert_converged,
    bulk_worker_renames,
    create_resident,
    delete_resident,
    edit_resident,
    resident,
)

FAULTS = ("drop_response", "duplicate", "cut_request", "cut_response")
FAULT_RATE = 0.12
TABLES = (
    "applied_op, change_log, conflict, district_meta, district_station, record, "
    "station_counter, unique_key"
)


class Crash(Exception):
    """The station process dying inside one of its transactions."""


def reset_district(db: Any) -> None:
    with db.session() as s:
        s.execute(text(f"TRUNCATE {TABLES}"))


def run_case(
    seed: int,
    db: Any,
    proxy: Any,
    make_station: Callable[..., SyncedStation],
    *,
    steps: int = 14,
) -> dict[str, int]:
    """One case: two stations, random edits and syncs with faults, then settle and check."""
    rng = random.Random(seed)
    reset_district(db)
    stations = [make_station("SA0101", db), make_station("SB0202", db)]
    shared: list[str] = []
    faults = {"n": 0}

    def decide(_req: Any, _count: int) -> str | None:
        if rng.random() >= FAULT_RATE:
            return None
        faults["n"] += 1
        return rng.choice(FAULTS)

    proxy.decide = decide
    original_apply = StationSyncPort._apply_changes
    original_record = StationSyncPort.record_push
    crashes = {"n": 0}
    outcomes: dict[str, int] = {}

    def crashing_apply(self: StationSyncPort, s: Any, changes: Any) -> int:
        n = original_apply(self, s, changes)
        if rng.random() < 0.15:
            crashes["n"] += 1
            s.flush()
            raise Crash()  # page applied, cursor not saved: the transaction dies with both
        return n

    def crashing_record(self: StationSyncPort, ops: Any, results: Any, last: int) -> Any:
        if rng.random() < 0.1:
            crashes["n"] += 1
            raise Crash()  # the server applied the batch; the station dies before noting it
        return original_record(self, ops, results, last)

    StationSyncPort._apply_changes = crashing_apply  # type: ignore[method-assign]
    StationSyncPort.record_push = crashing_record  # type: ignore[method-assign]
    try:
        for _ in range(steps):
            st = rng.choice(stations)
            action = rng.random()
            if action < 0.25 or not shared:
                shared.append(
                    create_resident(st.station, st.admin, {"name": f"r{rng.randrange(999)}"})
                )
            elif action < 0.55:
                rid = rng.choice(shared)
                local = resident(st.station, rid)
                if local is not None and not local.deleted:
                    field = rng.choice(["name", "phone", "address"])
                    edit_resident(st.station, st.admin, rid, {field: f"{field}{rng.randrange(99)}"})
            elif action < 0.6:
                rid = rng.choice(shared)
                local = resident(st.station, rid)
                if local is not None and not local.deleted:
                    delete_resident(st.station, st.admin, rid)
            elif action < 0.7:
                bulk_worker_renames(st.station, st.admin, rng.randrange(1, 4))
            else:
                with contextlib.suppress(Crash):
                    r = st.sync(
                        proxy.url,
                        push_batch=rng.choice([1, 3, 50]),
                        pull_limit=rng.choice([2, 7, 100]),
                    )
                    outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
    finally:
        StationSyncPort._apply_changes = original_apply  # type: ignore[method-assign]
        StationSyncPort.record_push = original_record  # type: ignore[method-assign]
    proxy.decide = None
    for _ in range(2):
        for st in stations:
            result = st.sync(proxy.url)
            assert result.outcome == "ok", (seed, result)
    assert_converged(db, *stations)
    for st in stations:
        st.station.close()
    return {"faults": faults["n"], "crashes": crashes["n"], **outcomes}
