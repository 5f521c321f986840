"""P13: starting an emergency event (the frozen list of vulnerable residents) and building its
list, on the benchmark station, beside a bare SQL select of the same residents.

Run on its own: ``python -m benchmarks.bench_emergency [--residents N] [--repeat K]``; the goal
is at most 1 s for 100,000 residents.
"""

from __future__ import annotations

import argparse
import time

from stationdesk.domain.emergency import VULNERABLE_SENSITIVE_TAGS, VULNERABLE_TAGS
from stationdesk.services import auth, emergency, setup
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from .common import Figure, stats_ms
from .station import ensure_station

GOAL_SECONDS = 1.0

# The same residents, picked by a plain query with no list written (the same-run baseline).
BARE_SELECT = (
    "SELECT r.id, r.grid_id, r.building_id FROM resident r WHERE r.deleted_at IS NULL AND ("
    "EXISTS (SELECT 1 FROM json_each(r.tags) WHERE value IN ({tags})) OR "
    "EXISTS (SELECT 1 FROM json_each(r.sensitive_tags) WHERE value IN ({sensitive})))"
)


def _head(station: Station) -> Actor:
    user, _name, role, password = setup.DEMO_WORKERS[1]
    assert role == "head"
    return auth.login(station, user, password)


def run(station: Station, worker: Actor, repeat: int = 3) -> list[Figure]:
    """Time start_event + list_entries ``repeat`` times (each event stopped afterwards)."""
    head = _head(station)
    if emergency.current_event(station, head) is not None:
        emergency.stop_event(station, head, "benchmark: left open by an interrupted run")
    samples: list[float] = []
    listed = 0
    for n in range(repeat):
        t = time.perf_counter()
        info = emergency.start_event(station, head, "typhoon", f"benchmark {n + 1}")
        rows = emergency.list_entries(station, worker)
        samples.append(time.perf_counter() - t)
        listed = len(rows)
        assert info.entries == listed
        emergency.stop_event(station, head, "benchmark run")
    raw = station.db.raw_connection()
    try:
        query = BARE_SELECT.format(
            tags=",".join("?" * len(VULNERABLE_TAGS)),
            sensitive=",".join("?" * len(VULNERABLE_SENSITIVE_TAGS)),
        )
        base: list[float] = []
        for _ in range(repeat):
            t = time.perf_counter()
            raw.execute(query, (*VULNERABLE_TAGS, *VULNERABLE_SENSITIVE_TAGS)).fetchall()
            base.append(time.perf_counter() - t)
    finally:
        raw.close()
    median, p95 = stats_ms(samples)
    base_median, base_p95 = stats_ms(base)
    return [
        Figure(
            id="P13",
            name="emergency start + list build",
            unit="ms",
            median=median,
            p95=p95,
            baseline_name="bare SQL select of the same residents",
            baseline_median=base_median,
            baseline_p95=base_p95,
            goal=f"≤ {GOAL_SECONDS * 1000:.0f} ms for 100,000 residents",
            met=median <= GOAL_SECONDS * 1000,
            notes=f"{listed:,} residents listed",
            extra={"listed": listed},
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    station, worker, _facts = ensure_station(args.residents)
    try:
        for f in run(station, worker, args.repeat):
            print(
                f"{f.id} {f.name} on {args.residents:,} residents: median {f.median:.0f} ms, "
                f"p95 {f.p95:.0f} ms ({f.notes}); {f.baseline_name}: "
                f"{f.baseline_median:.0f} ms; goal {f.goal}: {'met' if f.met else 'NOT met'}"
            )
    finally:
        station.close()


if __name__ == "__main__":
    main()
