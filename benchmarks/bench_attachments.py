"""Attachment figures against a loopback district server on PostgreSQL (not part of the tests).

Run: ``.venv/bin/python -m benchmarks.bench_attachments [--count 200] [--kib 200]``.

A station adds ``count`` attachments of ``kib`` KiB (random bytes behind a PNG header, which
do not compress, like photos) to 20 cases through the case service, then syncs: the figure is
the time of the upload step (ask which are missing, PUT them in 1 MiB chunks) and of the whole
first sync. Then the PC dies and a new one is rebuilt from the district: the figure is the time
of the fetch step (each case's record, then GET of each attachment, hash checked, stored) and
of the whole rebuild (snapshot and pull included).
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

from stationdesk.secrets.plainfile import MemoryKeyring

CASES = 20


def bench(count: int, kib: int, tmp: Path) -> dict[str, Any]:
    """Upload ``count`` attachments of ``kib`` KiB from a station, then restore them."""
    from stationdesk.district import service
    from stationdesk.district.db import DistrictDatabase
    from stationdesk.domain.roles import Role
    from stationdesk.services import auth, case_reference, cases, rebuild, setup, sync, workers
    from stationdesk.sync import engine
    from tests.district.harness import PgDatabases, ServerProcess, use_test_data_key

    use_test_data_key()  # the district refuses to start without a data key
    pg = PgDatabases()
    url = pg.create()
    db = DistrictDatabase(url)
    server = ServerProcess(url, tmp).start()
    steps: dict[str, float] = {"upload": 0.0, "fetch": 0.0}

    def timed(name: str, fn: Any) -> Any:
        def run(*args: Any, **kw: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kw)
            finally:
                steps[name] += time.perf_counter() - t0

        return run

    engine.upload_missing = timed("upload", engine.upload_missing)  # type: ignore[assignment]
    engine.fetch_missing = timed("fetch", engine.fetch_missing)  # type: ignore[assignment]
    try:
        st = setup.init_station(
            tmp / "station",
            code="BENCH01",
            name="基准测试站",
            admin_username="admin",
            admin_password="bench-pass-1",
        )
        admin = auth.login(st, "admin", "bench-pass-1")
        workers.add_worker(st, admin, "head", Role.HEAD, "bench-pass-2", "站长")
        head = auth.login(st, "head", "bench-pass-2")
        token = service.add_station(db, "BENCH01", "基准测试站").token
        sync.save_login(st, admin, server.url, token)
        code = case_reference.list_matter_types(st)[0].code
        ids = [
            cases.open_case(
                st, head, cases.NewCase(type_code=code, channel="walk-in", summary=f"事项{i}")
            ).case.id
            for i in range(CASES)
        ]
        for i in range(count):
            data = b"\x89PNG\r\n\x1a\n" + os.urandom(kib * 1024 - 8)
            cases.add_attachment(st, head, ids[i % CASES], f"照片{i}.png", data)
        t0 = time.perf_counter()
        first = sync.run_sync(st)
        sync_wall = time.perf_counter() - t0
        assert first.outcome == "ok", first
        st.close()
        shutil.rmtree(tmp / "station")

        t0 = time.perf_counter()
        result = rebuild.rebuild_from_district(
            tmp / "new-pc",
            url=server.url,
            token=token,
            station_code="BENCH01",
            admin_username="admin",
            admin_password="bench-pass-3",
        )
        rebuild_wall = time.perf_counter() - t0
        from sqlalchemy import func, select

        from stationdesk.store.models_cases import CaseAttachment

        with result.station.db.read_session() as s:
            restored = s.scalar(select(func.count()).select_from(CaseAttachment))
        result.station.close()
        assert restored == count, restored
        return {
            "attachments": count,
            "kib_each": kib,
            "upload_s": round(steps["upload"], 2),
            "first_sync_wall_s": round(sync_wall, 2),
            "upload_mib_per_s": round(count * kib / 1024 / steps["upload"], 1),
            "fetch_s": round(steps["fetch"], 2),
            "rebuild_wall_s": round(rebuild_wall, 2),
            "fetch_mib_per_s": round(count * kib / 1024 / steps["fetch"], 1),
        }
    finally:
        server.stop()
        db.dispose()
        pg.drop_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--kib", type=int, default=200)
    args = parser.parse_args()
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    tmp = Path(tempfile.mkdtemp(prefix="bench-attach-"))
    try:
        print(json.dumps(bench(args.count, args.kib, tmp), ensure_ascii=False, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        keyring.set_keyring(previous)


if __name__ == "__main__":
    main()
