"""The district keeps each station's audit-chain head at every sync, so a history rewritten
after a sync is found (``audit verify --against-district``) even when the local chain is
consistent again."""

from __future__ import annotations

from sqlalchemy import func, select

from stationdesk.district.models import StationAuditHead
from stationdesk.services import audit, residents, sync
from stationdesk.services.uow import AUDIT_HEAD_KEY
from stationdesk.store.models import AuditRecord
from tests.helpers.ids import idn


def _register(a, n: int) -> None:
    residents.register_resident(
        a.station, a.head, residents.ResidentInput(name="王芳", id_number=idn(90 + n))
    )


def test_each_sync_leaves_the_head_and_an_untouched_chain_holds_them(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    _register(a, 0)
    assert a.sync(server.url).outcome == "ok"
    assert a.sync(server.url).outcome == "ok"  # nothing new: the same head is kept once
    _register(a, 1)
    assert a.sync(server.url).outcome == "ok"
    with district_db.session() as s:
        heads = s.execute(select(StationAuditHead.installation, StationAuditHead.seq)).all()
    assert len(heads) == 2 and {h.installation for h in heads} == {a.station.uid}
    report = sync.verify_audit_against_district(a.station, a.admin, server.url)
    assert report.intact and report.checked == 2 and report.earlier_installations == 0


def test_a_history_cut_back_after_a_sync_is_found(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    _register(a, 0)
    assert a.sync(server.url).outcome == "ok"
    with a.station.db.read_session() as s:
        kept = s.scalar(select(func.max(AuditRecord.seq)))
    _register(a, 1)
    _register(a, 2)
    assert a.sync(server.url).outcome == "ok"
    with a.station.db.read_session() as s:
        reported = s.scalar(select(func.max(AuditRecord.seq)))
        last_kept = s.scalar(select(AuditRecord.hash).where(AuditRecord.seq == kept))

    # someone removes the records after the first sync and mends the head: locally it is whole
    raw = a.station.db.raw_connection()
    raw.execute("DELETE FROM audit_record WHERE seq > ?", (kept,))
    raw.execute(
        "UPDATE setting SET value = json_object('seq', ?, 'hash', ?) WHERE key = ?",
        (kept, last_kept, AUDIT_HEAD_KEY),
    )
    raw.commit()
    raw.close()
    assert audit.verify_audit(a.station, a.admin).intact

    report = sync.verify_audit_against_district(a.station, a.admin, server.url)
    assert not report.intact
    assert report.diverged_at == reported and report.seen_at is not None


def test_a_rebuilt_pc_checks_only_its_own_chain(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    _register(a, 0)
    assert a.sync(server.url).outcome == "ok"
    b = make_station("SA0101", folder="second-pc")  # the same station on another PC,
    b.station.uid = "0b0b0b0b-another-installation"  # with its own installation uid
    sync.save_login(b.station, b.admin, server.url, a.token)
    assert b.sync(server.url).outcome == "ok"
    report = sync.verify_audit_against_district(b.station, b.admin, server.url)
    assert report.intact and report.checked == 1 and report.earlier_installations == 1
