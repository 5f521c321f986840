"""Copies per document come from the catalog data, and a reprint is audited by number only."""

from __future__ import annotations

import json

from sqlalchemy import select

from stationdesk.domain.catalog import parse_catalog, parse_refusal_guide
from stationdesk.services import certificates as certs
from stationdesk.store.models import AuditRecord
from tests.conftest import StationFixture
from tests.helpers.certificates import register, residence


def test_the_shipped_data_gives_a_notice_two_copies_and_a_certificate_one() -> None:
    from stationdesk.resources import resource_path

    catalog = parse_catalog(json.loads(resource_path("catalog", "certificates.json").read_text()))
    guide = parse_refusal_guide(json.loads(resource_path("catalog", "refusals.json").read_text()))
    assert {t.copies for t in catalog} == {1}
    assert guide.notice_copies == 2


def test_copies_follow_the_document_type(station: StationFixture) -> None:
    rid, _number = register(station)
    issued = certs.issue_certificate(station.station, station.worker, residence(rid))
    notice = certs.refuse_certificate(
        station.station, station.worker, certs.RefusalRequest(rid, "亲属关系证明", purpose="继承")
    )
    assert issued.copies == 1 and notice.copies == 2
    again = certs.reprint(station.station, station.worker, notice.display_number)
    assert again.copies == 2 and again.pdf.startswith(b"%PDF")
    assert certs.reprint(station.station, station.worker, issued.number).copies == 1


def test_a_reprint_is_audited_with_the_number_and_no_personal_data(
    station: StationFixture,
) -> None:
    rid, id_number = register(station)
    issued = certs.issue_certificate(station.station, station.worker, residence(rid))
    certs.reprint(station.station, station.worker, issued.display_number)
    with station.station.db.read_session() as s:
        last = s.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc())).first()
        assert last is not None
        assert last.action == "document.reprint" and last.entity_id == issued.number
        stored = json.dumps([last.details, last.entity_id], ensure_ascii=False)
    assert id_number not in stored and "林小梅" not in stored
