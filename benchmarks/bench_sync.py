"""Sync figures against a loopback district server on PostgreSQL (not part of the test run).

Run: ``.venv/bin/python -m benchmarks.bench_sync [--ops 10000]`` (``make bench-sync``), or the
soak: ``.venv/bin/python -m benchmarks.bench_sync --soak 1000`` (``make soak-sync``).

Figures (``run()`` returns them as P4 Figures for ``benchmarks.run``):
* push N operations (real resident registrations, made through the resident service) from a
  station to the server: wall time of the whole first sync (push, then the snapshot that
  brings the same records back), server apply rate (ops / time spent inside push requests),
  station memory growth (RSS), beside a plain psycopg ``executemany`` of the same rows into
  PostgreSQL;
* an idle sync's round trips.
Goals: N=10,000 in <= 10 s, >= 1,000 ops/s server apply, <= 50 MB growth, idle <= 3 trips.
``--repeat N`` times N pushes (median); ``--trace-memory`` adds one tracemalloc run, kept apart
because tracing slows the station several times.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import keyring

from stationdesk.secrets.plainfile import MemoryKeyring

from .common import Figure, markdown


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_push(n_ops: int, tmp: Path, *, trace_memory: bool = False) -> dict[str, Any]:
    """One push of ``n_ops`` resident creates through a fresh server and district database.

    The sync is timed without tracemalloc (which slows Python down several times); with
    ``trace_memory`` the tracemalloc peak of the same sync is reported as well (and the time
    of that run is not comparable).
    """
    import psycopg

    from stationdesk.district import service
    from stationdesk.district.db import DistrictDatabase
    from stationdesk.domain.roles import Role
    from stationdesk.services import auth, setup, sync, workers
    from stationdesk.sync.client import SyncClient
    from tests.district.harness import PgDatabases, ServerProcess, _conninfo, use_test_data_key
    from tests.e2e.stations import bulk_residents

    use_test_data_key()  # the district refuses to start without a data key
    pg = PgDatabases()
    url = pg.create()
    db = DistrictDatabase(url)
    server = ServerProcess(url, tmp).start()
    try:
        st = setup.init_station(
            tmp / "station",
            code="BENCH01",
            name="基准测试站",
            admin_username="admin",
            admin_password="bench-pass-1",
        )
        from sqlalchemy import text

        admin = auth.login(st, "admin", "bench-pass-1")
        workers.add_worker(st, admin, "head", Role.HEAD, "bench-pass-2", "站长")
        head = auth.login(st, "head", "bench-pass-2")
        token = service.add_station(db, "BENCH01", "基准测试站").token
        sync.save_login(st, admin, server.url, token)
        bulk_residents(st, head, n_ops)  # real residents through the resident service
        with st.db.read_session() as s:
            rows = s.execute(
                text("SELECT op_id, entity, entity_id, payload FROM outbox ORDER BY seq")
            ).all()
        push_time = {"s": 0.0, "requests": 0}
        original = SyncClient.push

        def timed(self: SyncClient, ops: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return original(self, ops)
            finally:
                push_time["s"] += time.perf_counter() - t0
                push_time["requests"] += 1

        SyncClient.push = timed  # type: ignore[method-assign]
        if trace_memory:
            tracemalloc.start()
        rss0 = rss_mb()
        t0 = time.perf_counter()
        result = sync.run_sync(st)
        wall = time.perf_counter() - t0
        rss1 = rss_mb()
        peak = None
        if trace_memory:
            peak = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
            tracemalloc.stop()
        SyncClient.push = original  # type: ignore[method-assign]
        assert result.outcome == "ok" and result.pending == 0, result
        idle = sync.run_sync(st)
        # the baseline: the same rows, one plain executemany into PostgreSQL
        with psycopg.connect(_conninfo(url)) as conn, conn.cursor() as cur:
            cur.execute(
                "CREATE TABLE bench_rows (op_id text primary key, entity text, "
                "entity_id text, payload jsonb)"
            )
            t1 = time.perf_counter()
            cur.executemany(
                "INSERT INTO bench_rows VALUES (%s, %s, %s, %s)",
                [
                    (r[0], r[1], r[2], r[3] if isinstance(r[3], str) else json.dumps(r[3]))
                    for r in rows
                ],
            )
            conn.commit()
            baseline = time.perf_counter() - t1
        st.close()
        return {
            "ops": n_ops,
            "sync_wall_s": round(wall, 2),
            "pushed": result.pushed,
            "pulled": result.pulled,
            "push_requests": push_time["requests"],
            "push_s": round(push_time["s"], 2),
            "server_apply_ops_per_s": round(n_ops / push_time["s"], 0),
            "station_rss_growth_mb": round(rss1 - rss0, 1),
            "station_tracemalloc_peak_mb": peak,
            "executemany_baseline_s": round(baseline, 3),
            "ratio_push_vs_executemany": round(push_time["s"] / baseline, 1),
            "idle_round_trips": idle.round_trips,
            "idle_outcome": idle.outcome,
        }
    finally:
        server.stop()
        db.dispose()
        pg.drop_all()


def run(ops: int = 10_000, repeat: int = 3, *, verbose: bool = False) -> list[Figure]:
    """P4: ``repeat`` pushes of ``ops`` operations, each beside a plain executemany."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    samples: list[dict[str, Any]] = []
    try:
        for _ in range(repeat):
            tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
            try:
                samples.append(bench_push(ops, tmp))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            if verbose:
                print(json.dumps(samples[-1]), flush=True)
    finally:
        keyring.set_keyring(previous)

    def col(key: str) -> list[float]:
        return [float(s[key]) for s in samples]

    walls, rates = col("sync_wall_s"), col("server_apply_ops_per_s")
    growth = col("station_rss_growth_mb")
    base_s = col("executemany_baseline_s")
    base_rates = [ops / b for b in base_s]
    idle = col("idle_round_trips")
    runs = f"{repeat} runs, each with a fresh district database and server process"
    return [
        Figure(
            "P4",
            f"push {ops:,} operations, whole sync (push + first pull)",
            "s",
            statistics.median(walls),
            max(walls),
            "plain executemany of the same rows into PostgreSQL",
            statistics.median(base_s),
            max(base_s),
            "≤ 10 s",
            statistics.median(walls) <= 10,
            notes=runs,
            extra={"samples": samples},
        ),
        Figure(
            "P4",
            "server apply rate (ops / time inside push requests)",
            "ops/s",
            statistics.median(rates),
            min(rates),
            "plain executemany rate",
            statistics.median(base_rates),
            min(base_rates),
            "≥ 1,000 ops/s",
            statistics.median(rates) >= 1000,
            notes="p95 column: the slowest run",
        ),
        Figure(
            "P4",
            "station memory growth (RSS) during the sync",
            "MB",
            statistics.median(growth),
            max(growth),
            "–",
            None,
            None,
            "≤ 50 MB",
            max(growth) <= 50,
            notes="p95 column: the largest growth",
        ),
        Figure(
            "–",
            "idle sync round trips",
            "trips",
            statistics.median(idle),
            max(idle),
            "–",
            None,
            None,
            "≤ 3",
            max(idle) <= 3,
        ),
    ]


def soak(runs: int, tmp: Path, seed: int) -> dict[str, Any]:
    """The randomized e2e case, ``runs`` times, against one server (see tests/e2e/randomized)."""
    import contextlib

    from stationdesk.district.db import DistrictDatabase
    from tests.district.harness import FaultProxy, PgDatabases, ServerProcess, use_test_data_key
    from tests.e2e.randomized import run_case
    from tests.e2e.stations import SyncedStation, _make_template

    use_test_data_key()  # the district refuses to start without a data key
    pg = PgDatabases()
    url = pg.create()
    db = DistrictDatabase(url)
    server = ServerProcess(url, tmp).start()
    proxy = FaultProxy(server.port)
    templates: dict[str, Any] = {}
    totals: dict[str, int] = {}
    t0 = time.perf_counter()
    counter = {"n": 0}

    def make_station(code: str, district: Any = None) -> SyncedStation:
        if code not in templates:
            templates[code] = _make_template(tmp / "templates", code)
        counter["n"] += 1
        return _copy_station(templates[code], tmp / f"s{counter['n']}", code, district)

    try:
        for i in range(runs):
            got = run_case(seed + i, db, proxy, make_station)
            for k, v in got.items():
                totals[k] = totals.get(k, 0) + v
            with contextlib.suppress(OSError):
                for p in tmp.glob("s*"):
                    shutil.rmtree(p, ignore_errors=True)
            if (i + 1) % 50 == 0:
                print(f"  {i + 1} runs passed ({time.perf_counter() - t0:.0f} s)", flush=True)
    finally:
        proxy.close()
        server.stop()
        db.dispose()
        pg.drop_all()
    return {"runs": runs, "passed": runs, "seconds": round(time.perf_counter() - t0), **totals}


def _copy_station(t: Any, target: Path, code: str, district: Any) -> Any:
    from stationdesk.secrets import keys
    from stationdesk.services import sync
    from stationdesk.services.station import DB_KEY, open_station
    from tests.conftest import FakeClock
    from tests.e2e.stations import SyncedStation

    shutil.copytree(t.root, target)
    keys.put_secret(t.uid, DB_KEY, t.key)
    clock = FakeClock()
    from datetime import UTC, datetime

    clock.now = datetime.now(UTC)
    st = open_station(target, clock=clock)
    s = SyncedStation(code, st, t.admin, t.head, clock)
    if district is not None:
        from stationdesk.district import service

        s.token = service.add_station(district, code, f"测试站点{code}").token
        sync.save_login(st, t.admin, "http://127.0.0.1:9", s.token)
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="pushes to time (median)")
    parser.add_argument("--trace-memory", action="store_true", help="one extra traced push")
    parser.add_argument("--soak", type=int, default=0, help="run the randomized case N times")
    parser.add_argument("--seed", type=int, default=7_000)
    args = parser.parse_args()
    if args.soak:
        keyring.set_keyring(MemoryKeyring())
        tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
        try:
            print(json.dumps(soak(args.soak, tmp, args.seed), indent=2))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    figures = run(args.ops, args.repeat, verbose=True)
    print(markdown(figures, "now", {"ops": f"{args.ops:,}", "runs": args.repeat}))
    if args.trace_memory:
        keyring.set_keyring(MemoryKeyring())
        tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
        try:
            traced = bench_push(args.ops, tmp, trace_memory=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print(json.dumps({"traced_run": traced}, indent=2))


if __name__ == "__main__":
    main()
