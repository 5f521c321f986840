"""Documents a station pushed before issue ops carried their ledger row reach a rebuilt station
once the station's ``ledger`` backfill (migration 0017) is synced: the district fills the row
and PDF digest in at the record's version, the scope hashes agree, and a rebuild restores
both ledgers."""

from __future__ import annotations

import importlib
from typing import Any

from sqlalchemy import select

from stationdesk.district.models import Record
from stationdesk.services import certificates, rebuild, residents, sync
from stationdesk.store.models import OutboxEntry
from tests.helpers.certificates import residence
from tests.helpers.ids import idn

from .stations import SyncedStation, dead_pc_rebuilt, scope_differences, server_scope

backfill = importlib.import_module("stationdesk.store.migrations.versions.0017_ledger_backfill")

DOCUMENTS = ("certificate", "refusal_notice")
ROW_KEYS = ("ledger_row", "pdf_sha256")


def _issue_as_an_old_version(a: SyncedStation) -> dict[str, tuple[str, dict[str, Any]]]:
    """A certificate and a refusal notice whose issue ops lack the row and digest: by entity,
    each one's id and what its issue op carried of them."""
    residents.add_building(a.station, a.head, "3栋")
    ids = [
        residents.register_resident(
            a.station,
            a.head,
            residents.ResidentInput(
                name=name, id_number=idn(80 + n), building="3栋", unit="1", room="301"
            ),
        ).row.id
        for n, name in enumerate(("周敏", "吴磊"))
    ]
    cert = certificates.issue_certificate(a.station, a.head, residence(ids[0]))
    notice = certificates.refuse_certificate(
        a.station, a.head, certificates.RefusalRequest(ids[1], "亲属关系证明", purpose="办理继承")
    )
    made: dict[str, tuple[str, dict[str, Any]]] = {}
    with a.station.db.write_session() as s:
        for row in s.scalars(select(OutboxEntry).where(OutboxEntry.entity.in_(DOCUMENTS))):
            assert row.kind == "issue" and all(k in row.payload for k in ROW_KEYS)
            made[row.entity] = (row.entity_id, {k: row.payload[k] for k in ROW_KEYS})
            row.payload = {k: v for k, v in row.payload.items() if k not in ROW_KEYS}
    assert {cert.number, notice.number} and set(made) == set(DOCUMENTS)
    return made


def _records(
    db: Any, made: dict[str, tuple[str, dict[str, Any]]]
) -> dict[str, tuple[int, dict[str, Any]]]:
    with db.session() as s:
        return {
            entity: (r.version, dict(r.data))
            for entity, (entity_id, _carried) in made.items()
            if (r := s.get(Record, (entity, entity_id))) is not None
        }


def _hashes(db: Any, a: SyncedStation) -> tuple[dict[str, str], dict[str, str]]:
    local = sync.local_scope_hash(a.station).hashes
    remote = server_scope(db, a.code).hashes
    return {e: local[e] for e in DOCUMENTS}, {e: remote[e] for e in DOCUMENTS}


def test_a_backfill_lets_a_rebuilt_station_take_old_documents_back(
    make_station, district_db, server, tmp_path
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    made = _issue_as_an_old_version(a)
    assert a.sync("").outcome == "ok"
    before = _records(district_db, made)
    assert set(before) == set(DOCUMENTS)
    assert all(k not in data for _v, data in before.values() for k in ROW_KEYS)
    local, remote = _hashes(district_db, a)
    assert local != remote  # the scope hash sees the missing rows
    assert len(scope_differences(district_db, a.station, a.code)) == 2

    # the old version's ops: a rebuild cannot take these documents back
    early = rebuild.rebuild_from_district(
        tmp_path / "early-pc",
        url=server.url,
        token=a.token,
        station_code="SA0101",
        admin_username="admin",
        admin_password="rebuilt-admin-1",
    )
    assert early.not_restored == {"certificate": 1, "refusal_notice": 1}
    early.station.close()

    # the upgrade queues the backfill (what migration 0017 runs): exactly what the issue ops
    # carried; pushed twice, it changes nothing the second time
    with a.station.db.read_session() as s:
        queued = backfill.ledger_ops(s.connection())
    assert {e: (i, p) for e, i, p in queued} == made
    for _ in range(2):
        with a.station.db.write_session() as s:
            assert backfill.queue_ledger_ops(s.connection()) == 2
        assert a.sync("").outcome == "ok"
        assert a.pending() == 0
        after = _records(district_db, made)
        for entity, (version, data) in after.items():
            assert version == before[entity][0]  # the record's version did not move
            assert data["ledger_row"]["number"] == data["number"]
            assert len(data["pdf_sha256"]) == 64
            assert {k: v for k, v in data.items() if k not in ROW_KEYS} == before[entity][1]
        local, remote = _hashes(district_db, a)
        assert local == remote, scope_differences(district_db, a.station, a.code)
    held = sync.local_scope_hash(a.station)

    result = dead_pc_rebuilt(a, server.url, tmp_path)
    assert result.not_restored == {}
    rebuilt = sync.local_scope_hash(result.station)
    for entity in DOCUMENTS:
        assert rebuilt.counts[entity] == held.counts[entity] == 1, entity
        assert rebuilt.hashes[entity] == held.hashes[entity], entity
    result.station.close()
