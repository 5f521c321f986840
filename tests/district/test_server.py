"""The district server's schema, CLI and protocol rules on real PostgreSQL (and trial SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from stationdesk.district import migrate, service
from stationdesk.district.db import DistrictDatabase
from stationdesk.district.models import DistrictBase, DistrictStation
from stationdesk.sync.protocol import HelloRequest, Op
from tests.helpers.district import run_cli

pytestmark = pytest.mark.postgres


def _diff(db: DistrictDatabase):
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"version_table": migrate.VERSION_TABLE})
        return compare_metadata(ctx, DistrictBase.metadata)


def test_migrations_match_the_models_on_postgres_and_sqlite(pg, tmp_path: Path):
    for url in (pg.create_empty(), f"sqlite:///{tmp_path / 'trial.db'}"):
        db = DistrictDatabase(url)
        assert migrate.current_revision(db) is None
        assert migrate.upgrade(db) == migrate.head_revision()
        assert _diff(db) == []
        db.dispose()


def test_cli_init_add_station_shows_the_token_once_and_stores_a_hash(pg, tmp_path: Path):
    url = pg.create_empty()
    assert run_cli("district", "init-db", "--db", url, tmp=tmp_path).returncode == 0
    r = run_cli(
        "district", "add-station", "sy0909", "--name", "测试站", "--db", url, "--json", tmp=tmp_path
    )
    assert r.returncode == 0, r.stderr
    token = json.loads(r.stdout)["token"]
    db = DistrictDatabase(url)
    with db.session() as s:
        row = s.query(DistrictStation).one()
        assert row.code == "SY0909" and row.token_hash == service.hash_token(token)
        assert token not in row.token_hash
    again = run_cli(
        "district", "add-station", "SY0909", "--name", "测试站", "--db", url, tmp=tmp_path
    )
    assert again.returncode == 2 and "already" in again.stderr
    doc = tmp_path / "catalog.json"
    doc.write_text(json.dumps({"departments": [{"code": "D1", "name": "城管"}]}), encoding="utf-8")
    r = run_cli("district", "catalog", "publish", str(doc), "--db", url, tmp=tmp_path)
    assert r.returncode == 0 and "departments v1" in r.stdout
    db.dispose()


def test_cli_add_department_shows_the_token_once_and_refuses_bad_input(pg, tmp_path: Path):
    from stationdesk.district.models import DistrictDepartment

    url = pg.create()
    r = run_cli(
        "district", "add-department", "street_civil_affairs", "--name", "街道民政科",
        "--db", url, "--json", tmp=tmp_path,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    token = json.loads(r.stdout)["token"]
    assert token.startswith("sdd_")
    db = DistrictDatabase(url)
    with db.session() as s:
        row = s.query(DistrictDepartment).one()
        assert row.code == "STREET_CIVIL_AFFAIRS" and row.token_hash == service.hash_token(token)
    db.dispose()
    listed = run_cli("district", "departments", "--db", url, tmp=tmp_path)
    assert listed.returncode == 0 and "STREET_CIVIL_AFFAIRS" in listed.stdout
    assert token not in listed.stdout
    for args in (
        ["STREET_CIVIL_AFFAIRS", "--name", "街道民政科"],  # already enrolled
        ["bad code!", "--name", "街道民政科"],
        ["CITY_OFFICE", "--name", "x"],
    ):
        bad = run_cli("district", "add-department", *args, "--db", url, tmp=tmp_path)
        assert bad.returncode == 2, (args, bad.stderr)
        assert len(bad.stderr.strip().splitlines()) == 1


def _op(seq: int, op_id: str, **kw) -> Op:
    base = {
        "seq": seq,
        "op_id": op_id,
        "entity": "resident",
        "entity_id": f"r{seq}",
        "kind": "create",
        "payload": {"name": f"居民{chr(0x4E00 + seq)}"},
        "station_time": "2026-03-02T00:00:00Z",
    }
    base.update(kw)
    return Op.model_validate(base)


@pytest.mark.parametrize("backend", ["postgres", "sqlite"])
def test_push_rules_idempotency_gaps_and_hello(backend, pg, tmp_path: Path):
    url = pg.create_empty() if backend == "postgres" else f"sqlite:///{tmp_path / 't.db'}"
    db = DistrictDatabase(url)
    migrate.upgrade(db)
    token = service.add_station(db, "SY0101", "甲站").token
    station = service.station_for_token(db, token, "SY0101")
    first = service.push(db, station, [_op(1, "a"), _op(2, "b")])
    assert [r.status for r in first.results] == ["applied", "applied"]
    again = service.push(db, station, [_op(1, "a"), _op(2, "b"), _op(3, "c")])
    assert [r.status for r in again.results] == ["duplicate", "duplicate", "applied"]
    gap = service.push(db, station, [_op(5, "e")])
    assert gap.error == "sequence_gap" and gap.expected_seq == 4
    reused = service.push(db, station, [_op(2, "z")])
    assert reused.error == "sequence_reused" and reused.expected_seq == 4
    forged = service.push(db, station, [_op(4, "a", payload={"name": "x"})])
    assert forged.results[0].status == "rejected"
    hello = service.hello(
        db,
        station,
        HelloRequest(
            protocol_version=1, station_code="SY0101", station_time="2026-03-02T00:00:00Z"
        ),
    )
    assert hello.last_acked_seq == 4
    page = service.pull(db, station, None, 2)
    assert [c.entity_id for c in page.changes] == ["r1", "r2"] and page.has_more
    rest = service.pull(db, station, page.next_cursor, 10)
    assert [c.entity_id for c in rest.changes] == ["r3"] and not rest.has_more
    with pytest.raises(service.DistrictError) as err:
        service.station_for_token(db, "sdt_wrong", "SY0101")
    assert err.value.status == 401
    db.dispose()


@pytest.mark.parametrize("backend", ["postgres", "sqlite"])
def test_one_push_page_sees_its_own_writes_and_claims_each_number_once(backend, pg, tmp_path: Path):
    from sqlalchemy import select

    from stationdesk.district.models import AppliedOp, ChangeLog, Record, UniqueKey

    url = pg.create_empty() if backend == "postgres" else f"sqlite:///{tmp_path / 't.db'}"
    db = DistrictDatabase(url)
    migrate.upgrade(db)
    token = service.add_station(db, "SY0101", "甲站").token
    station = service.station_for_token(db, token, "SY0101")

    def cert(seq: int, op_id: str, cid: str, number: str) -> Op:
        payload = {"number": number, "sequence": seq}
        return _op(seq, op_id, entity="certificate", entity_id=cid, kind="issue", payload=payload)

    earlier = service.push(db, station, [cert(1, "c1", "cert-1", "SY0101-000001")])
    assert earlier.results[0].status == "applied"
    page = [
        _op(2, "a", entity_id="r9", payload={"name": "王", "note": "x"}),
        _op(
            3,
            "b",
            entity_id="r9",
            kind="update",
            base_version=1,
            payload={"note": {"old": "x", "new": "y"}},
        ),
        cert(4, "c2", "cert-2", "SY0101-000002"),
        cert(5, "c3", "cert-3", "SY0101-000002"),  # the same number again in this page
        cert(6, "c4", "cert-4", "SY0101-000001"),  # a number an earlier page holds
        _op(7, "d", entity_id="r10"),
        _op(7, "d", entity_id="r10"),  # the same op twice in one page
    ]
    got = service.push(db, station, page)
    assert [(r.status, r.http_status) for r in got.results] == [
        ("applied", 200),
        ("applied", 200),
        ("applied", 200),
        ("rejected", 409),
        ("rejected", 409),
        ("applied", 200),
        ("duplicate", 200),
    ]
    assert got.results[0].state is not None and got.results[0].state.version == 2
    with db.session() as s:
        r9 = s.get(Record, ("resident", "r9"))
        assert r9 is not None and r9.version == 2 and r9.data == {"name": "王", "note": "y"}
        assert r9.field_versions == {"name": 1, "note": 2}
        log = s.execute(
            select(ChangeLog.entity_id, ChangeLog.version, ChangeLog.op_id).order_by(ChangeLog.id)
        ).all()
        assert [tuple(r) for r in log] == [
            ("cert-1", 1, "c1"),
            ("r9", 1, "a"),
            ("r9", 2, "b"),
            ("cert-2", 1, "c2"),
            ("r10", 1, "d"),
        ]
        numbers = {v: e for v, e in s.execute(select(UniqueKey.value, UniqueKey.entity_id))}
        assert numbers == {"SY0101-000001": "cert-1", "SY0101-000002": "cert-2"}
        assert s.scalar(select(Record).where(Record.entity_id == "cert-3")) is None
        applied = s.scalars(select(AppliedOp.op_id).order_by(AppliedOp.seq)).all()
        assert applied == ["c1", "a", "b", "c2", "c3", "c4", "d"]
    hello = service.hello(
        db,
        station,
        HelloRequest(
            protocol_version=1, station_code="SY0101", station_time="2026-03-02T00:00:00Z"
        ),
    )
    assert hello.last_acked_seq == 7 and hello.max_sequences["certificate"] == 4
    db.dispose()


def test_a_ledger_op_fills_an_old_document_once_at_its_version(pg):
    from stationdesk.district.models import Record

    db = DistrictDatabase(pg.create_empty())
    migrate.upgrade(db)
    a = service.station_for_token(db, service.add_station(db, "SY0101", "甲站").token, "SY0101")
    b = service.station_for_token(db, service.add_station(db, "SY0102", "乙站").token, "SY0102")
    number = "SY0101-000001"
    issued = _op(
        1,
        "i1",
        entity="refusal_notice",
        entity_id="n1",
        kind="issue",
        payload={"number": number, "sequence": 1},  # pushed before issue ops carried the row
    )
    assert service.push(db, a, [issued]).results[0].status == "applied"
    good = {"ledger_row": {"number": number, "sequence": 1}, "pdf_sha256": "ab" * 32}

    def ledger(seq: int, op_id: str, payload: dict, entity_id: str = "n1") -> Op:
        return _op(
            seq, op_id, entity="refusal_notice", entity_id=entity_id, kind="ledger", payload=payload
        )

    refused = service.push(
        db,
        a,
        [
            ledger(2, "l1", {**good, "ledger_row": "row"}),
            ledger(3, "l2", {**good, "ledger_row": {"number": "SY0101-000002"}}),
            ledger(4, "l3", {**good, "pdf_sha256": "AB" * 32}),
            ledger(5, "l4", good, entity_id="n9"),
        ],
    )
    assert [(r.http_status, (r.message or "").split(":")[0]) for r in refused.results] == [
        (422, "refusal_notice.ledger_row"),
        (422, "refusal_notice.ledger_row"),
        (422, "refusal_notice.pdf_sha256"),
        (404, "no such refusal_notice"),
    ]
    other = service.push(db, b, [ledger(1, "l5", good)])
    assert other.results[0].http_status == 403
    done = service.push(db, a, [ledger(6, "l6", good)]).results[0]
    assert done.status == "applied" and done.server_version == 1
    assert done.state is not None and done.state.data["ledger_row"] == good["ledger_row"]
    again = {"ledger_row": {"number": number, "sequence": 9}, "pdf_sha256": "cd" * 32}
    kept = service.push(db, a, [ledger(7, "l7", again)]).results[0]
    assert kept.status == "applied" and kept.server_version == 1
    with db.session() as s:
        record = s.get(Record, ("refusal_notice", "n1"))
        assert record is not None and record.version == 1
        assert record.data["ledger_row"] == good["ledger_row"]
        assert record.data["pdf_sha256"] == good["pdf_sha256"]
    db.dispose()
