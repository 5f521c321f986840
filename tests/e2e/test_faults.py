"""The fault list of docs/sync-protocol.md against a real server process, through a fault proxy.

Each test passes only when every operation was applied exactly once and each station's scope
hash equals the server's (``assert_converged``).
"""

from __future__ import annotations

import json
import random
import threading
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from stationdesk.services import backup, sync
from stationdesk.services.sync import StationSyncPort
from stationdesk.sync.client import SyncClient
from stationdesk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.district.harness import FaultProxy, ServerProcess

from .stations import (
    assert_converged,
    bulk_residents,
    bulk_worker_renames,
    create_resident,
    edit_resident,
    new_id_number,
    resident,
)

pytestmark = pytest.mark.postgres


def on_push(fault: str, times: int = 1):
    """A proxy rule: apply ``fault`` to the first ``times`` push requests."""
    seen = {"n": 0}

    def decide(req, _count):
        if "/push" in req.path and seen["n"] < times:
            seen["n"] += 1
            return fault
        return None

    return decide


@pytest.mark.parametrize("fault", ["drop_response", "duplicate", "cut_request", "cut_response"])
def test_push_faults_apply_every_op_exactly_once(fault, make_station, district_db, proxy):
    a = make_station("SA0101", district_db)
    bulk_residents(a.station, a.head, 120)
    proxy.decide = on_push(fault, times=2)
    first = a.sync(proxy.url, push_batch=50)
    if fault == "duplicate":
        assert first.outcome == "ok"
    else:
        assert first.outcome == "offline", first
        assert first.pending > 0
    for _ in range(3):
        if a.sync(proxy.url, push_batch=50).outcome == "ok" and a.pending() == 0:
            break
    assert_converged(district_db, a)


def test_server_killed_mid_push(make_station, district_db, server, tmp_path):
    a = make_station("SA0101", district_db)
    bulk_residents(a.station, a.head, 3000)
    proxy = FaultProxy(server.port, on_kill=server.kill, decide=on_push("kill_server"))
    try:
        r = a.sync(proxy.url, push_batch=1000)
        assert r.outcome == "offline"
        restarted = ServerProcess(server.db_url, tmp_path, port=server.port).start()
        try:
            assert a.sync(proxy.url, push_batch=1000).outcome == "ok"
            assert_converged(district_db, a)
        finally:
            restarted.stop()
    finally:
        proxy.close()


def _push_body(ops) -> bytes:
    return json.dumps(
        {"ops": [op.model_dump(mode="json") for op in ops]}, ensure_ascii=False
    ).encode()


def _raw_push(url: str, st, body: bytes) -> httpx.Response:
    headers = {
        "Authorization": f"Bearer {st.token}",
        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        "Content-Type": "application/json",
    }
    return httpx.post(f"{url}/sync/v1/stations/{st.code}/push", content=body, headers=headers)


def test_batch_n_plus_1_before_n_then_an_old_batch_replayed(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    bulk_residents(a.station, a.head, 30)
    a.note_ops()
    port = StationSyncPort(a.station)
    with SyncClient(server.url, a.code, a.token) as client:
        port.record_hello(client.hello(port.hello_request()))
    ops = port.next_batch(20, 10**7)
    first, second = ops[:10], ops[10:20]
    early = _raw_push(server.url, a, _push_body(second))
    assert early.status_code == 409
    assert early.json()["expected_seq"] == first[0].seq
    assert _raw_push(server.url, a, _push_body(first)).status_code == 200
    later = _raw_push(server.url, a, _push_body(second))
    assert later.status_code == 200
    assert {r["status"] for r in later.json()["results"]} == {"applied"}
    replay = _raw_push(server.url, a, _push_body(first))  # an old batch after a newer one
    assert replay.status_code == 200
    assert {r["status"] for r in replay.json()["results"]} == {"duplicate"}
    assert a.sync(server.url, push_batch=10).outcome == "ok"
    assert_converged(district_db, a)


def test_same_op_id_with_other_content_is_rejected_and_kept_visible(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    a.sync(server.url)
    rid = create_resident(a.station, a.head, "甲")
    a.note_ops()
    port = StationSyncPort(a.station)
    with SyncClient(server.url, a.code, a.token) as client:
        port.record_hello(client.hello(port.hello_request()))
    [op] = port.next_batch(1, 10**7)
    assert _raw_push(server.url, a, _push_body([op])).status_code == 200
    forged = op.model_copy(update={"payload": {**op.payload, "name": "乙"}, "seq": op.seq + 1})
    r = _raw_push(server.url, a, _push_body([forged]))
    [res] = r.json()["results"]
    assert res["status"] == "rejected" and res["http_status"] == 409
    assert a.sync(server.url).outcome == "ok"
    assert resident(a.station, rid).data["name"] == "甲"
    assert_converged(district_db, a)


class Crash(Exception):
    """Stands for the station process dying inside a transaction."""


def test_station_killed_between_applying_a_page_and_saving_the_cursor(
    make_station, district_db, server, monkeypatch
):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    bulk_residents(a.station, a.head, 250)
    a.sync(server.url)
    original = StationSyncPort._apply_changes
    calls = {"n": 0}

    def dying(self, s, changes):
        n = original(self, s, changes)
        calls["n"] += 1
        if calls["n"] == 2:
            s.flush()  # the page is written ... and the process dies before the cursor is
            raise Crash()
        return n

    monkeypatch.setattr(StationSyncPort, "_apply_changes", dying)
    with pytest.raises(Crash):
        b.sync(server.url, pull_limit=100)
    monkeypatch.setattr(StationSyncPort, "_apply_changes", original)
    assert b.sync(server.url, pull_limit=100).outcome == "ok"
    assert_converged(district_db, a, b)


def test_station_process_killed_at_random_points_in_a_10000_operation_push(
    make_station, district_db, server, tmp_path: Path
):
    import os
    import signal
    import subprocess
    import sys
    import time

    from stationdesk.secrets.plainfile import PlainFileKeyring
    from stationdesk.services.station import DB_KEY

    from .stations import ADMIN_PW

    a = make_station("SA0101", district_db, folder="killed")
    bulk_worker_renames(a.station, a.admin, 10_000)
    a.note_ops()
    sync.save_login(a.station, a.admin, server.url, a.token)
    data_dir = a.station.paths.root
    a.station.close()
    from stationdesk.secrets import keys

    kr_file = tmp_path / "kr.json"
    kr = PlainFileKeyring(kr_file)
    kr.set_password(
        "stationdesk", f"{DB_KEY}/{a.station.uid}", keys.get_secret(a.station.uid, DB_KEY)
    )
    kr.set_password("stationdesk", f"sync-token/{a.station.uid}", a.token)
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "stationdesk.secrets.plainfile.PlainFileKeyring",
        "STATIONDESK_PLAIN_KEYRING_FILE": str(kr_file),
        "STATIONDESK_PASSWORD": ADMIN_PW,
    }
    cmd = [
        sys.executable,
        "-m",
        "stationdesk",
        "--data-dir",
        str(data_dir),
        "--user",
        "admin",
        "sync",
    ]
    rng = random.Random(6)
    for _ in range(3):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.5, 4.0))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    from stationdesk.services.station import open_station

    a.station = open_station(data_dir, clock=a.clock)
    try:
        assert_converged(district_db, a)
    finally:
        a.station.close()


def test_two_server_writers_commit_out_of_order_while_a_station_pulls(
    make_station, district_db, server
):
    from stationdesk.dbkit import utc_now
    from stationdesk.district.models import ChangeLog, Record

    a = make_station("SA0101", district_db)
    a.sync(server.url)

    def write(s, name: str) -> int:
        txid = district_db.txid(s)
        now = utc_now()
        s.add(
            Record(
                entity="catalog",
                entity_id=name,
                version=1,
                data={"n": name},
                field_versions={},
                deleted=False,
                flagged=False,
                owner_station_id=None,
                scope_station_id=None,
                updated_at=now,
            )
        )
        row = ChangeLog(
            txid=txid,
            entity="catalog",
            entity_id=name,
            kind="upsert",
            version=1,
            data={"n": name},
            scope_station_id=None,
            created_at=now,
        )
        s.add(row)
        s.flush()
        return row.id

    first_started = threading.Event()
    release_first = threading.Event()
    ids: dict[str, int] = {}

    def slow_writer():
        with district_db.session() as s:
            ids["slow"] = write(s, "slow")
            first_started.set()
            release_first.wait(30)

    t = threading.Thread(target=slow_writer)
    t.start()
    first_started.wait(10)
    with district_db.session() as s:
        ids["fast"] = write(s, "fast")  # commits first, with a later id and txid
    assert ids["slow"] < ids["fast"]
    a.sync(server.url)  # pulls while the slow writer is still open
    assert sync.reference_document(a.station, "fast") is None  # held back, not skipped past
    release_first.set()
    t.join()
    a.sync(server.url)
    assert sync.reference_document(a.station, "slow") == {"n": "slow"}
    assert sync.reference_document(a.station, "fast") == {"n": "fast"}
    assert_converged(district_db, a)


def test_a_transaction_open_in_another_database_does_not_hold_pulls_back(
    make_station, district_db, server
):
    import psycopg

    from tests.district.harness import PG_ADMIN, _conninfo

    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    a.sync(server.url)
    # someone else's long transaction on the same PostgreSQL cluster (another database)
    with psycopg.connect(_conninfo(PG_ADMIN)) as elsewhere:
        elsewhere.execute("SELECT pg_current_xact_id()")
        rid = create_resident(b.station, b.head, "邻库")
        assert b.sync(server.url).outcome == "ok"
        assert a.sync(server.url).outcome == "ok"
        assert resident(a.station, rid) is not None  # served now, not after the other commits
        elsewhere.rollback()
    assert_converged(district_db, a, b)


@pytest.mark.parametrize("skew", [timedelta(days=2), timedelta(days=-2), timedelta(days=365)])
def test_wrong_clocks_never_stop_sync(skew, make_station, district_db, server):
    a = make_station("SA0101", district_db)
    a.clock.now += skew
    create_resident(a.station, a.head, "钟")
    r = a.sync(server.url)
    assert r.outcome == "ok"
    assert "时钟" in r.message_zh  # the station is told to fix its clock
    from sqlalchemy import select

    from stationdesk.district.models import AppliedOp, DistrictStation

    with district_db.session() as s:
        st = s.scalar(select(DistrictStation).where(DistrictStation.code == "SA0101"))
        assert abs(st.last_clock_skew_s - skew.total_seconds()) < 120
        op = s.scalars(select(AppliedOp).where(AppliedOp.entity == "resident")).one()
        assert abs((op.station_time - op.received_at) - skew) < timedelta(minutes=2)
    assert_converged(district_db, a)


def test_an_edit_to_another_stations_record_is_rejected_and_shown(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    b.sync(server.url)
    from stationdesk.services.uow import unit_of_work

    with unit_of_work(a.station, a.admin) as uow:  # e.g. a stale copy of B's account at A
        uow.change(
            "worker",
            b.head.worker_id,
            "update",
            {"role": {"old": "head", "new": "admin"}},
            base_version=1,
        )
    r = a.sync(server.url)
    assert r.outcome == "ok" and r.rejected == 1 and r.pending == 0
    [shown] = sync.list_conflicts(a.station, a.head)
    assert shown.kind == "rejected" and "403" in (shown.message or "")
    assert_converged(district_db, a, b)


def test_a_week_offline(make_station, district_db, server):
    scale = 10 if os.environ.get("STATIONDESK_SYNC_FULL") else 1
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    a.sync(server.url)
    bulk_residents(b.station, b.head, 2_000 * scale, prefix="远")
    b.sync(server.url)
    bulk_residents(a.station, a.head, 5_000 * scale, prefix="本")
    ids = bulk_residents(a.station, a.head, 10, prefix="改")
    for rid in ids:
        edit_resident(a.station, a.head, rid, {"phones": ["13900000000"]})
    r = a.sync(server.url)
    assert r.outcome == "ok" and r.pending == 0
    b.sync(server.url)
    assert_converged(district_db, a, b)


def test_restore_from_an_old_backup_reuses_no_sequence(make_station, district_db, server, tmp_path):
    a = make_station("SA0101", district_db)
    a.sync(server.url)
    old = tmp_path / "old.db"
    backup.backup(a.station, a.admin, old)
    before = create_resident(a.station, a.head, "备份后")
    a.sync(server.url)
    a.station = backup.restore(a.station, a.admin, old)
    assert resident(a.station, before) is None  # the backup predates it
    after = create_resident(a.station, a.head, "恢复后")
    r = a.sync(server.url)
    assert r.outcome == "ok" and r.rejected == 0
    assert resident(a.station, before).data["name"] == "备份后"  # pulled back
    assert resident(a.station, after).data["name"] == "恢复后"
    assert_converged(district_db, a)


@pytest.mark.parametrize("version", [0, PROTOCOL_VERSION + 1])
def test_protocol_mismatch_gets_426_and_the_station_keeps_working(
    version, make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    create_resident(a.station, a.head, "旧版")
    pending = a.pending()
    client = SyncClient(server.url, a.code, a.token, protocol_version=version)
    r = sync.run_sync(a.station, client=client)
    client.close()
    assert r.outcome == "upgrade" and r.pending == pending
    assert "请升级" in r.message_zh
    status = sync.sync_status(a.station)
    assert status.upgrade_required and status.pending == pending
    create_resident(a.station, a.head, "离线照常")  # work goes on offline
    assert a.sync(server.url).outcome == "ok"  # after the upgrade
    assert not sync.sync_status(a.station).upgrade_required
    assert_converged(district_db, a)


def test_a_cursor_older_than_the_retention_rebuilds_from_a_snapshot(
    make_station, district_db, server
):
    from stationdesk.district.service import prune_change_log

    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    c = make_station("SC0303", district_db)
    number = new_id_number()
    survivor = create_resident(b.station, b.head, "合并", number)
    bulk_residents(b.station, b.head, 30)
    b.sync(server.url)
    a.sync(server.url)
    # past A's cursor: station C registers the same person with a phone (merged into B's
    # resident, C's record retired) and B registers more
    gone = create_resident(c.station, c.head, "合并", number, phones=("13700001111",))
    assert c.sync(server.url).outcome == "ok"
    bulk_residents(b.station, b.head, 20, prefix="新")
    b.sync(server.url)
    mine = create_resident(a.station, a.head, "未上传")
    assert prune_change_log(district_db, older_than_days=-1) > 0
    r = a.sync(server.url)
    assert r.outcome == "ok", r.message
    assert resident(a.station, mine).data["name"] == "未上传"  # pushed first, kept
    assert resident(a.station, survivor).data["phones"] == ["13700001111"]
    retired = resident(a.station, gone)
    assert retired is not None and retired.deleted and retired.data["id_number"] is None
    b.sync(server.url)
    c.sync(server.url)
    assert_converged(district_db, a, b, c)


import os  # noqa: E402
