"""P5: a brand-new station restored from the district (snapshot + pull) with N residents.

Run: ``.venv/bin/python -m benchmarks.bench_restore [--residents 200000] [--repeat 3]``.

A district database on PostgreSQL gets N residents in the shape the server writes when a
station pushes resident creates (record + change-log + applied-op rows, one transaction, by
COPY, their personal fields sealed beforehand as the server seals them), made by the demo
generator's people factory. Then a new station (real resident handler, search index,
households) does its first sync through a loopback server process until it holds all N and its
scope hash equals the server's. Baseline in the same run: the same record rows
copied out of PostgreSQL and into a fresh table (``COPY … TO STDOUT`` + ``COPY … FROM STDIN``).
Goal: ≤ 60 s for 200,000 residents.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .common import Figure

SOURCE_CODE = "SRC0001"
NEW_CODE = "NEW"
UNITS, FLOORS, ROOMS_PER_FLOOR, BUILDINGS_PER_GRID = 3, 18, 4, 12


@dataclass
class District:
    """A populated district database and the server process in front of it."""

    url: str
    residents: int
    populate_s: float


def resident_payloads(n: int, seed: int) -> list[dict[str, Any]]:
    """N resident records as a station's ``create`` op carries them (demo-shaped people)."""
    from stationdesk.domain.demo_people import PeopleFactory
    from stationdesk.domain.identity import DocumentType
    from stationdesk.services.residents import SYNCED_FIELDS

    factory = PeopleFactory(seed, datetime.now(UTC).date())
    rng = random.Random(seed + 1)
    per_building = UNITS * FLOORS * ROOMS_PER_FLOOR
    n_buildings = max(1, math.ceil(n / 2.6 / per_building * 1.15))
    addresses = [
        (f"{b + 1}栋", str(u), f"{floor}{room:02d}")
        for b in range(n_buildings)
        for u in range(1, UNITS + 1)
        for floor in range(1, FLOORS + 1)
        for room in range(1, ROOMS_PER_FLOOR + 1)
    ]
    rng.shuffle(addresses)
    out: list[dict[str, Any]] = []
    households = 0
    while len(out) < n:
        building, unit, room = addresses[households % len(addresses)]
        households += 1
        for person, relation in factory.household():
            if len(out) >= n:
                break
            fields = {
                "name": person.name,
                "id_type": DocumentType.RESIDENT_ID.value,
                "id_number": person.id_number,
                "sex": person.sex,
                "birth_date": person.birth_date.isoformat(),
                "ethnicity": person.ethnicity,
                "phones": [person.phone] if person.phone else [],
                "building": building,
                "unit": unit,
                "room": room,
                "relation": relation,
                "tags": list(person.tags),
                "sensitive_tags": [],
                "note": None,
            }
            # every synced field, as a station's create carries it (None where not given)
            out.append({name: fields.get(name) for name in SYNCED_FIELDS})
    return out


def populate(url: str, n: int, seed: int = 2026) -> float:
    """Write N residents as if station SOURCE_CODE had pushed their creates; returns seconds."""
    import psycopg
    from psycopg.types.json import Jsonb

    from stationdesk.district import service
    from stationdesk.district.crypto import seal_row
    from stationdesk.district.db import DistrictDatabase
    from stationdesk.domain.ids import new_id
    from stationdesk.sync.protocol import op_content_hash
    from tests.district.harness import _conninfo

    db = DistrictDatabase(url)
    payloads = resident_payloads(n, seed)
    ids = [new_id() for _ in payloads]
    try:
        service.add_station(db, SOURCE_CODE, "来源站")
        # the personal fields sealed as the server seals them (not part of the timed COPY)
        with db.session() as s:
            stored = [
                seal_row(db.vault, s.connection(), "record", {"entity": "resident", **row})
                for row in (
                    {"entity_id": rid, "data": data}
                    for rid, data in zip(ids, payloads, strict=True)
                )
            ]
    finally:
        db.dispose()
    started = time.perf_counter()
    now = datetime.now(UTC)
    with psycopg.connect(_conninfo(url)) as conn, conn.cursor() as cur:
        txid = cur.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()[0]  # type: ignore[index]
        source_id = cur.execute(
            "SELECT id FROM district_station WHERE code = %s", (SOURCE_CODE,)
        ).fetchone()[0]  # type: ignore[index]
        op_ids = [new_id() for _ in payloads]
        with cur.copy(
            "COPY record (entity, entity_id, version, data, field_versions, deleted, flagged, "
            "owner_station_id, scope_station_id, updated_at, id_hmac) FROM STDIN"
        ) as copy:
            for rid, data, sealed in zip(ids, payloads, stored, strict=True):
                versions = dict.fromkeys(data, 1)
                row = ("resident", rid, 1, Jsonb(sealed["data"]), Jsonb(versions), False, False)
                copy.write_row((*row, source_id, None, now, sealed["id_hmac"]))
        with cur.copy(
            "COPY change_log (txid, entity, entity_id, kind, version, data, scope_station_id, "
            "origin_station_id, origin_station_code, op_id, created_at) FROM STDIN"
        ) as copy:
            for rid, op_id, sealed in zip(ids, op_ids, stored, strict=True):
                head = (txid, "resident", rid, "upsert", 1, Jsonb(sealed["data"]), None)
                copy.write_row((*head, source_id, SOURCE_CODE, op_id, now))
        with cur.copy(
            "COPY applied_op (op_id, station_id, seq, content_hash, entity, entity_id, kind, "
            "actor, station_time, received_at, result) FROM STDIN"
        ) as copy:
            for seq, (rid, op_id, data) in enumerate(zip(ids, op_ids, payloads, strict=True), 1):
                result = {"op_id": op_id, "seq": seq, "status": "applied", "server_version": 1}
                digest = op_content_hash("resident", rid, "create", data, None)
                first = (op_id, source_id, seq, digest, "resident", rid, "create", None)
                copy.write_row((*first, now, now, Jsonb(result)))
        cur.execute("UPDATE district_station SET last_acked_seq = %s WHERE id = %s", (n, source_id))
        conn.commit()
        cur.execute("ANALYZE")
    return time.perf_counter() - started


def baseline_copy(url: str) -> float:
    """Seconds to copy the same resident records out of PostgreSQL and into a fresh table."""
    import psycopg

    from tests.district.harness import _conninfo

    with psycopg.connect(_conninfo(url)) as conn, conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS restore_baseline")
        cur.execute(
            "CREATE TABLE restore_baseline (entity_id text primary key, version int, data jsonb)"
        )
        conn.commit()
        started = time.perf_counter()
        with cur.copy(
            "COPY (SELECT entity_id, version, data FROM record WHERE entity = 'resident') TO STDOUT"
        ) as out:
            blocks = [bytes(b) for b in out]
        with cur.copy("COPY restore_baseline FROM STDIN") as into:
            for block in blocks:
                into.write(block)
        conn.commit()
        return time.perf_counter() - started


@contextmanager
def _longest_write() -> Iterator[dict[str, Any]]:
    """The longest sync write transaction while the block runs (how long a login may wait)."""
    from stationdesk.services.sync import StationSyncPort

    longest: dict[str, Any] = {"s": 0.0, "step": None}
    transaction = StationSyncPort.transaction

    def timed(port: StationSyncPort, fn: Callable[[Any], Any]) -> Any:
        started = time.perf_counter()
        try:
            return transaction(port, fn)
        finally:
            took = time.perf_counter() - started
            if took > longest["s"]:
                step = getattr(fn, "func", fn)  # a partial names its function
                longest.update(s=took, step=getattr(step, "__qualname__", repr(step)))

    StationSyncPort.transaction = timed  # type: ignore[method-assign,assignment]
    try:
        yield longest
    finally:
        StationSyncPort.transaction = transaction  # type: ignore[method-assign]


def restore_once(url: str, server_url: str, tmp: Path, n: int) -> dict[str, Any]:
    """A new station's first sync against the populated district; checks it holds everything."""
    from sqlalchemy import func, select

    from stationdesk.district import service
    from stationdesk.district.db import DistrictDatabase
    from stationdesk.district.models import DistrictStation
    from stationdesk.domain.residents import pinyin_keys
    from stationdesk.services import auth, setup, sync
    from stationdesk.store.models_residents import Resident, SearchTerm

    db = DistrictDatabase(url)
    code = f"{NEW_CODE}{uuid.uuid4().hex[:5].upper()}"
    root = tmp / f"new-{code}"
    st = setup.init_station(
        root, code=code, name="新建站点", admin_username="admin", admin_password="bench-pass-1"
    )
    try:
        admin = auth.login(st, "admin", "bench-pass-1")
        token = service.add_station(db, code, "新建站点").token
        sync.save_login(st, admin, server_url, token)
        pinyin_keys.cache_clear()  # as in a new station's process: no name seen yet
        t0 = time.perf_counter()
        with _longest_write() as longest:
            result = sync.run_sync(st)
        wall = time.perf_counter() - t0
        assert result.outcome == "ok", result
        t1 = time.perf_counter()
        local = sync.local_scope_hash(st)
        with db.session() as s:
            sid = s.scalar(select(DistrictStation.id).where(DistrictStation.code == code))
            remote = service.scope_hash_for(s, str(sid))
        verify = time.perf_counter() - t1
        assert local.counts.get("resident") == n, local.counts
        assert local == remote, "scope hash differs"
        with st.db.read_session() as s:
            terms = int(s.scalar(select(func.count()).select_from(SearchTerm)) or 0)
            residents = int(s.scalar(select(func.count()).select_from(Resident)) or 0)
        return {
            "restore_s": round(wall, 2),
            "longest_write_s": round(longest["s"], 2),
            "longest_write": longest["step"],
            "pulled": result.pulled,
            "round_trips": result.round_trips,
            "residents": residents,
            "search_terms": terms,
            "verify_s": round(verify, 2),
            "db_mb": round(st.paths.database.stat().st_size / 1e6, 1),
        }
    finally:
        st.close()
        db.dispose()
        shutil.rmtree(root, ignore_errors=True)


def run(residents: int = 200_000, repeat: int = 3, *, verbose: bool = False) -> list[Figure]:
    """P5: ``repeat`` new stations restored from one populated district, beside COPY."""
    import keyring

    from stationdesk.secrets.plainfile import MemoryKeyring
    from tests.district.harness import PgDatabases, ServerProcess, use_test_data_key

    use_test_data_key()  # the district refuses to start without a data key
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    tmp = Path(tempfile.mkdtemp(prefix="bench-restore-"))
    pg = PgDatabases()
    try:
        url = pg.create()
        populate_s = populate(url, residents)
        server = ServerProcess(url, tmp).start()
        try:
            samples: list[dict[str, Any]] = []
            for _ in range(repeat):
                samples.append(restore_once(url, server.url, tmp, residents))
                if verbose:
                    print(json.dumps(samples[-1]), flush=True)
        finally:
            server.stop()
        baselines = [baseline_copy(url) for _ in range(repeat)]
    finally:
        pg.drop_all()
        shutil.rmtree(tmp, ignore_errors=True)
        keyring.set_keyring(previous)
    times = [s["restore_s"] for s in samples]
    median = statistics.median(times)
    return [
        Figure(
            "P5",
            f"new station restored (snapshot + pull), {residents:,} residents",
            "s",
            median,
            max(times),
            "COPY of the same records out of and into PostgreSQL",
            statistics.median(baselines),
            max(baselines),
            "≤ 60 s",
            median <= 60,
            notes=(
                f"{repeat} runs; until the scope hash matches (verified after each run, "
                f"{samples[0]['verify_s']} s); district populated by COPY in {populate_s:.1f} s"
            ),
            extra={"samples": samples, "baseline_samples": [round(b, 3) for b in baselines]},
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for figure in run(args.residents, args.repeat, verbose=True):
        print(
            json.dumps(
                {
                    "id": figure.id,
                    "name": figure.name,
                    "median_s": figure.median,
                    "max_s": figure.p95,
                    "baseline": figure.baseline_name,
                    "baseline_median_s": round(figure.baseline_median or 0, 3),
                    "ratio": round(figure.ratio or 0, 1),
                    "goal": figure.goal,
                    "met": figure.met,
                    "notes": figure.notes,
                },
                ensure_ascii=False,
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
