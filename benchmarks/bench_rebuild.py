"""P16: rebuild a dead station from a loopback district server on PostgreSQL, beside a COPY of
the same district rows (not part of the test run).

Run: ``.venv/bin/python -m benchmarks.bench_rebuild [--scale 1.0]``. At scale 1 the station
holds 100,000 residents (imported through the import service), 10,000 cases with timelines
(registered, accepted, resolved or referred through the case service), 5,000 residence
certificates (issued through the certificate service) and 200 attachments of 200 KiB; it syncs
everything, its folder is deleted, and ``restore --from-district``'s service rebuilds it. The
goal is at most 120 s at scale 1. The baseline is ``COPY (SELECT …) TO STDOUT`` of the
district's records and attachment bytes of that station: the floor of reading them at all.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import keyring
from tqdm import tqdm

from stationdesk.secrets.plainfile import MemoryKeyring

from .bench_import import register_rows, write_csv
from .common import Figure

GOAL_SECONDS = 120.0
FULL = {"residents": 100_000, "cases": 10_000, "certificates": 5_000, "attachments": 200}
KIB = 200
CODE = "BENCH02"


def _fill(st: Any, head: Any, work: Path, sizes: dict[str, int]) -> dict[str, float]:
    """Residents, cases with timelines, certificates and attachments through the services."""
    from stationdesk.services import case_reference, cases, resident_import
    from stationdesk.services import certificates as certs
    from tests.helpers.certificates import residence

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    register = write_csv(work / "register.csv", register_rows(sizes["residents"]))
    report = resident_import.import_file(st, head, register)
    assert report.imported == sizes["residents"], report
    timings["import_s"] = time.perf_counter() - t0
    from sqlalchemy import select

    from stationdesk.store.models_residents import Resident

    with st.db.read_session() as s:
        people = list(s.scalars(select(Resident.id).limit(sizes["certificates"])))

    t0 = time.perf_counter()
    types = [m.code for m in case_reference.list_matter_types(st)]
    ids = []
    for i in tqdm(range(sizes["cases"]), desc="cases", leave=False):
        new = cases.NewCase(type_code=types[i % len(types)], channel="walk-in", summary=f"事项{i}")
        case_id = cases.open_case(st, head, new).case.id
        if i % 3:  # two in three move on: accepted, then resolved
            cases.act(st, head, case_id, "accept")
            if i % 3 == 2:
                cases.act(st, head, case_id, "resolve", note="已办结")
        ids.append(case_id)
    timings["cases_s"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    for resident_id in tqdm(people, desc="certificates", leave=False):
        certs.issue_certificate(st, head, residence(resident_id))
    timings["certificates_s"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    for i in range(sizes["attachments"]):
        data = b"\x89PNG\r\n\x1a\n" + os.urandom(KIB * 1024 - 8)
        cases.add_attachment(st, head, ids[i % len(ids)], f"照片{i}.png", data)
    timings["attachments_s"] = time.perf_counter() - t0
    return timings


def _copy_floor(url: str, station_code: str) -> float:
    """Seconds to COPY the station's district records and attachment bytes out of PostgreSQL."""
    import psycopg

    from tests.district.harness import _conninfo

    with psycopg.connect(_conninfo(url)) as conn, conn.cursor() as cur:
        t0 = time.perf_counter()
        for query in (
            "COPY (SELECT r.* FROM record r JOIN district_station s ON s.id = r.scope_station_id "
            f"WHERE s.code = '{station_code}') TO STDOUT",
            "COPY (SELECT c.* FROM attachment_chunk c) TO STDOUT",
        ):
            with cur.copy(query) as copy:
                for _block in copy:
                    pass
        return time.perf_counter() - t0


def bench(scale: float, tmp: Path) -> dict[str, Any]:
    """Fill a station at ``scale`` of FULL, sync it, delete it and rebuild it; the timings."""
    from sqlalchemy import func, select

    from stationdesk.district import service
    from stationdesk.district.db import DistrictDatabase
    from stationdesk.domain.roles import Role
    from stationdesk.services import auth, rebuild, setup, sync, workers
    from stationdesk.store.models_cases import Case, CaseAttachment
    from stationdesk.store.models_certs import Certificate
    from stationdesk.store.models_residents import Resident
    from tests.district.harness import PgDatabases, ServerProcess, use_test_data_key

    sizes = {k: max(1, round(v * scale)) for k, v in FULL.items()}
    use_test_data_key()  # the district refuses to start without a data key
    pg = PgDatabases()
    url = pg.create()
    db = DistrictDatabase(url)
    server = ServerProcess(url, tmp).start()
    models = (Resident, Case, Certificate, CaseAttachment)

    def counted(st: Any) -> dict[str, int]:
        with st.db.read_session() as s:
            return {
                m.__tablename__: int(s.scalar(select(func.count()).select_from(m)) or 0)
                for m in models
            }

    try:
        st = setup.init_station(
            tmp / "station", code=CODE, name="重建基准站", admin_username="admin",
            admin_password="bench-pass-1",
        )  # fmt: skip
        admin = auth.login(st, "admin", "bench-pass-1")
        workers.add_worker(st, admin, "head", Role.HEAD, "bench-pass-2", "站长")
        head = auth.login(st, "head", "bench-pass-2")
        token = service.add_station(db, CODE, "重建基准站").token
        sync.save_login(st, admin, server.url, token)
        timings = _fill(st, head, tmp, sizes)
        before = counted(st)
        t0 = time.perf_counter()
        while True:  # a cycle pushes what it can; go on until nothing is pending
            result = sync.run_sync(st)
            assert result.outcome == "ok", result
            if not result.pending:
                break
        timings["sync_s"] = time.perf_counter() - t0
        st.close()
        shutil.rmtree(tmp / "station")

        t0 = time.perf_counter()
        rebuilt = rebuild.rebuild_from_district(
            tmp / "new-pc",
            url=server.url,
            token=token,
            station_code=CODE,
            admin_username="admin",
            admin_password="bench-pass-3",
        )
        timings["rebuild_s"] = time.perf_counter() - t0
        after = counted(rebuilt.station)
        rebuilt.station.close()
        timings["copy_s"] = _copy_floor(url, CODE)
        return {
            "scale": scale,
            "sizes": sizes,
            "before": before,
            "after": after,
            "equal": before == after,
            "not_restored": rebuilt.not_restored,
            **{k: round(v, 2) if isinstance(v, float) else v for k, v in timings.items()},
        }
    finally:
        server.stop()
        db.dispose()
        pg.drop_all()


def run(scale: float = 0.1) -> list[Figure]:
    """P16 at ``scale`` (the goal is stated for scale 1)."""
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as tmp:
        r = bench(scale, Path(tmp))
    goal = GOAL_SECONDS * scale
    return [
        Figure(
            id="P16",
            name="rebuild a dead station from the district",
            unit="s",
            median=r["rebuild_s"],
            p95=r["rebuild_s"],
            baseline_name="COPY of the station's district rows and attachment bytes",
            baseline_median=r["copy_s"],
            baseline_p95=r["copy_s"],
            goal=f"≤ {GOAL_SECONDS:.0f} s at full size (here scale {scale}: ≤ {goal:.0f} s)",
            met=r["rebuild_s"] <= goal and r["equal"],
            notes=(
                f"{r['after']} restored of {r['before']}; sync {r['sync_s']} s; "
                f"not restored {r['not_restored']}"
            ),
            extra=r,
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="1.0 = the issue's full size")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as tmp:
        print(json.dumps(bench(args.scale, Path(tmp)), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
