"""P13: starting an emergency event (the frozen list of vulnerable residents) and building its
list, on the benchmark station, beside a bare SQL select of the same residents; then, on an
event over about 2,000 of them, writing every call sheet (per responder and per grid) and the
time of one check-off.

Run on its own: ``python -m benchmarks.bench_emergency [--residents N] [--repeat K]``; the goals
are at most 1 s for 100,000 residents, 20 s for the call sheets of 2,000 vulnerable residents
and a check-off p95 of 50 ms.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from stationdesk.domain.emergency import VULNERABLE_SENSITIVE_TAGS, VULNERABLE_TAGS
from stationdesk.services import auth, emergency, residents, setup
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from .common import Figure, stats_ms
from .station import ensure_station

GOAL_SECONDS = 1.0
SHEETS_GOAL_SECONDS = 20.0
CHECK_GOAL_MS = 50.0
SHEET_RESIDENTS = 2_000
CHECKS = 200

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


def _bare(station: Station, times: int, sql: str, params: tuple[str, ...] = ()) -> list[float]:
    """Seconds taken by each of ``times`` runs of one plain SQL statement (committed)."""
    raw = station.db.raw_connection()
    out: list[float] = []
    try:
        for _ in range(times):
            t = time.perf_counter()
            raw.execute(sql, params).fetchall()
            raw.commit()
            out.append(time.perf_counter() - t)
    finally:
        raw.close()
    return out


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
    query = BARE_SELECT.format(
        tags=",".join("?" * len(VULNERABLE_TAGS)),
        sensitive=",".join("?" * len(VULNERABLE_SENSITIVE_TAGS)),
    )
    base = _bare(station, repeat, query, (*VULNERABLE_TAGS, *VULNERABLE_SENSITIVE_TAGS))
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


def _grids_for(station: Station, head: Actor, target: int) -> list[str] | None:
    """The fewest grids (largest first) whose vulnerable residents reach ``target``; None for
    every grid when the whole station has fewer."""
    emergency.start_event(station, head, "typhoon", "benchmark: counting")
    by_grid = emergency.status(station, head).by_grid
    emergency.stop_event(station, head, "benchmark: counted")
    chosen: list[str] = []
    listed = 0
    for code, totals in sorted(by_grid.items(), key=lambda kv: -kv[1].total):
        if listed >= target or code == emergency.NO_GRID:
            continue
        chosen.append(code)
        listed += totals.total
    return chosen if listed >= target else None


def run_paper(station: Station, worker: Actor) -> list[Figure]:
    """Call sheets for about 2,000 vulnerable residents (two responders per grid, one floating)
    and ``CHECKS`` check-offs, timed one by one."""
    head = _head(station)
    if emergency.current_event(station, head) is not None:
        emergency.stop_event(station, head, "benchmark: left open by an interrupted run")
    grids = _grids_for(station, head, SHEET_RESIDENTS)
    info = emergency.start_event(station, head, "typhoon", "benchmark sheets", grids=grids)
    if not emergency.list_responders(station, head):
        for code in grids or [g.code for g in residents.list_grids(station, head)]:
            for n in (1, 2):
                emergency.add_responder(station, head, name=f"网格员{code}-{n}", grid=code)
        emergency.add_responder(station, head, name="志愿者")
    emergency.assign(station, worker)
    with tempfile.TemporaryDirectory() as folder:
        t = time.perf_counter()
        files = emergency.call_sheets(station, worker, Path(folder))
        sheets_s = time.perf_counter() - t
        written = [*files.by_responder, *files.by_grid]
        size = sum(p.stat().st_size for p in written)
    t = time.perf_counter()
    rows = emergency.list_entries(station, worker)
    list_s = time.perf_counter() - t
    statuses = ("safe", "unreachable", "relocated", "safe")  # no cases: those are P-cases' job
    samples: list[float] = []
    for i, row in enumerate(rows[:CHECKS]):
        t = time.perf_counter()
        emergency.check(station, worker, row.resident_id, statuses[i % len(statuses)])
        samples.append(time.perf_counter() - t)
    emergency.stop_event(station, head, "benchmark run")
    base = _bare(station, len(samples), "UPDATE emergency_entry SET note = note WHERE id = 1")
    median, p95 = stats_ms(samples)
    base_median, base_p95 = stats_ms(base)
    return [
        Figure(
            id="P13b",
            name="emergency call sheets (per responder and per grid)",
            unit="ms",
            median=sheets_s * 1000,
            p95=sheets_s * 1000,
            baseline_name="reading the same list (no PDF)",
            baseline_median=list_s * 1000,
            baseline_p95=list_s * 1000,
            goal=f"≤ {SHEETS_GOAL_SECONDS:.0f} s for {SHEET_RESIDENTS:,} vulnerable residents",
            met=sheets_s <= SHEETS_GOAL_SECONDS * max(1, files.residents / SHEET_RESIDENTS),
            notes=(
                f"{files.residents:,} residents, {len(written)} PDFs, {size / 1e6:.1f} MB "
                f"(every resident printed twice: their responder's and their grid's sheet)"
            ),
            extra={"residents": files.residents, "files": len(written), "bytes": size},
        ),
        Figure(
            id="P13c",
            name="emergency check-off (one status, audited)",
            unit="ms",
            median=median,
            p95=p95,
            baseline_name="a bare SQL update of one entry, committed",
            baseline_median=base_median,
            baseline_p95=base_p95,
            goal=f"p95 ≤ {CHECK_GOAL_MS:.0f} ms",
            met=p95 <= CHECK_GOAL_MS,
            notes=f"{len(samples)} check-offs on a list of {info.entries:,}",
            extra={"checks": len(samples)},
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    station, worker, _facts = ensure_station(args.residents)
    try:
        for f in [*run(station, worker, args.repeat), *run_paper(station, worker)]:
            print(
                f"{f.id} {f.name} on {args.residents:,} residents: median {f.median:.0f} ms, "
                f"p95 {f.p95:.0f} ms ({f.notes}); {f.baseline_name}: "
                f"{f.baseline_median:.0f} ms; goal {f.goal}: {'met' if f.met else 'NOT met'}"
            )
    finally:
        station.close()


if __name__ == "__main__":
    main()
