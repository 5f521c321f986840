"""The resident card as the hub, through the services on a real station file: audited edits
(identity fields need a head), household moves, head changes and splits, linked cases, and the
card's lists of documents and cases."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from stationdesk.services import cases, reports, resident_hub, residents
from stationdesk.services import certificates as certs
from stationdesk.services.errors import InputError, PermissionDeniedError
from stationdesk.store.models import AuditRecord, OutboxEntry
from stationdesk.store.models_residents import Resident
from tests.conftest import StationFixture
from tests.helpers.cases import new_case
from tests.helpers.certificates import residence
from tests.helpers.ids import idn


@pytest.fixture
def desk(station: StationFixture) -> StationFixture:
    residents.add_grid(station.station, station.worker, "G01", "第一网格")
    residents.add_building(station.station, station.worker, "3栋", "G01")
    residents.add_building(station.station, station.worker, "5栋")
    return station


def person(s: StationFixture, name: str, seq: int, **kw: object) -> residents.ResidentCard:
    data = residents.ResidentInput(name=name, id_number=idn(seq), **kw)  # type: ignore[arg-type]
    return residents.register_resident(s.station, s.worker, data)


def audits(s: StationFixture, action: str) -> list[AuditRecord]:
    with s.station.db.read_session() as db:
        return list(db.scalars(select(AuditRecord).where(AuditRecord.action == action)))


def test_a_worker_edits_contact_fields_and_each_is_recorded(desk: StationFixture) -> None:
    r = person(desk, "张三", 201, phones=("13800001234",))
    card = residents.edit_resident(
        desk.station,
        desk.worker,
        r.row.id,
        {"phones": ["13900005678"], "building": "3栋", "unit": "1", "room": "101", "note": "独居"},
    )
    assert card.row.address == "3栋1单元101室" and card.phones_masked == ("139****5678",)
    fields = {c.field for c in card.changes}
    assert {"phones", "building", "unit", "room", "note"} <= fields
    assert all(c.worker == "王芳" for c in card.changes)
    assert [c.old for c in card.changes if c.field == "phones"] == ["***"]
    assert audits(desk, "resident.update")[-1].details["fields"] == sorted(fields)


def test_an_identity_change_needs_a_head_in_the_service(desk: StationFixture) -> None:
    r = person(desk, "张三", 202)
    for change in ({"name": "张叁"}, {"ethnicity": "满族"}, {"id_number": idn(203)}):
        with pytest.raises(PermissionDeniedError) as err:
            residents.edit_resident(desk.station, desk.worker, r.row.id, change)
        assert "站长" in err.value.zh
    with desk.station.db.read_session() as db:
        stored = db.scalars(select(Resident).where(Resident.id == r.row.id)).one()
        assert (stored.name, stored.ethnicity, stored.version) == ("张三", None, 1)
    # an unchanged identity value is not a change: the worker may send it back as it was
    residents.edit_resident(desk.station, desk.worker, r.row.id, {"name": "张三", "note": "x"})

    new_number = idn(204, "19900215")
    card = residents.edit_resident(
        desk.station, desk.head, r.row.id, {"name": "张叁", "id_number": new_number}
    )
    assert card.row.name == "张叁" and card.row.birth_date == date(1990, 2, 15)
    shown = {c.field: (c.old, c.new) for c in card.changes}
    assert shown["name"] == ("张三", "张叁")
    assert shown["id_number"][1] == "2102**********" + new_number[-4:]  # masked on the card
    assert shown["birth_date"] == ("1980-01-01", "1990-02-15")
    with desk.station.db.read_session() as db:
        op = db.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
        assert op is not None and op.kind == "update"
        assert {"name", "id_number", "birth_date"} <= set(op.payload)


def test_an_id_number_edit_refuses_someone_elses_number(desk: StationFixture) -> None:
    a = person(desk, "张三", 205)
    person(desk, "李四", 206)
    with pytest.raises(residents.DuplicateResidentError):
        residents.edit_resident(desk.station, desk.head, a.row.id, {"id_number": idn(206)})
    with pytest.raises(InputError) as err:
        residents.edit_resident(desk.station, desk.head, a.row.id, {"sex": "F"})
    assert err.value.field == "sex"


def test_move_a_member_into_another_household(desk: StationFixture) -> None:
    head = person(desk, "王大", 210, building="3栋", unit="1", room="101")
    mover = person(desk, "李红", 211, building="5栋", room="201")
    card = residents.move_member(desk.station, desk.worker, mover.row.id, head.row.id, "配偶")
    assert card.row.address == "3栋1单元101室" and card.relation == "配偶"
    assert [m.name for m in card.household] == ["王大", "李红"]
    assert card.row.grid == "第一网格"  # the building's grid came with the address
    assert any(c.field == "household" and c.new == "王大户" for c in card.changes)
    assert audits(desk, "household.move")[-1].entity_id == mover.row.id
    with pytest.raises(PermissionDeniedError):
        residents.move_member(desk.station, desk.admin, mover.row.id, head.row.id, "配偶")


def test_the_head_cannot_walk_out_leaving_members_behind(desk: StationFixture) -> None:
    head = person(desk, "王大", 212, building="3栋", unit="1", room="102")
    person(desk, "王小", 213, building="3栋", unit="1", room="102", relation="子女")
    other = person(desk, "赵五", 214, building="5栋", room="301")
    with pytest.raises(InputError) as err:
        residents.move_member(desk.station, desk.worker, head.row.id, other.row.id, "其他")
    assert "户主" in err.value.zh


def test_change_the_head(desk: StationFixture) -> None:
    head = person(desk, "王大", 215, building="3栋", unit="2", room="201")
    son = person(desk, "王小", 216, building="3栋", unit="2", room="201", relation="子女")
    card = residents.set_household_head(desk.station, desk.worker, son.row.id, "父母")
    relations = {m.name: m.relation for m in card.household}
    assert relations == {"王大": "父母", "王小": "户主"}
    assert audits(desk, "household.head")[-1].entity_id == son.row.id
    before = residents.get_resident(desk.station, desk.worker, head.row.id)
    assert any(c.field == "relation" and c.new == "父母" for c in before.changes)


def test_split_a_household(desk: StationFixture) -> None:
    head = person(desk, "王大", 217, building="3栋", unit="2", room="202")
    son = person(desk, "王小", 218, building="3栋", unit="2", room="202", relation="子女")
    wife = person(desk, "李梅", 219, building="3栋", unit="2", room="202", relation="配偶")
    with pytest.raises(InputError):  # the head would leave the old household headless
        residents.split_household(desk.station, desk.worker, [head.row.id], head.row.id)
    with pytest.raises(InputError):  # nobody would stay
        residents.split_household(desk.station, desk.worker, [head.row.id, wife.row.id], son.row.id)
    with desk.station.db.read_session() as db:
        ops_before = db.scalar(select(func.max(OutboxEntry.seq)))
    card = residents.split_household(desk.station, desk.worker, [wife.row.id], son.row.id)
    with desk.station.db.read_session() as db:
        new_ops = db.scalars(select(OutboxEntry).where(OutboxEntry.seq > ops_before)).all()
    # households stay at the station: only the new head's relation goes to the district
    assert [(o.entity_id, o.payload) for o in new_ops] == [
        (son.row.id, {"relation": {"old": "子女", "new": "户主"}})
    ]
    assert card.relation == "户主" and card.row.address == "3栋2单元202室"
    assert {m.name: m.relation for m in card.household} == {"王小": "户主", "李梅": "配偶"}
    old = residents.get_resident(desk.station, desk.worker, head.row.id)
    assert [m.name for m in old.household] == ["王大"]
    assert audits(desk, "household.split")[-1].details["members"] == [son.row.id, wife.row.id]
    # a newcomer registered at the address joins the first household there
    later = person(desk, "王二", 220, building="3栋", unit="2", room="202", relation="子女")
    assert [m.name for m in later.household] == ["王大", "王二"]


def test_a_linked_case_takes_reporter_address_and_grid_from_the_record(
    desk: StationFixture,
) -> None:
    r = person(desk, "张三", 221, phones=("13800001234",), building="3栋", unit="1", room="101")
    detail = cases.open_case(
        desk.station,
        desk.worker,
        new_case(resident_id=r.row.id, reporter_name="别人", address="随便写的"),
    )
    assert detail.resident_id == r.row.id and detail.reporter_name == "张三"
    assert detail.reporter_phone_masked == "138****1234"
    assert detail.case.address == "3栋1单元101室" and detail.case.grid == "G01"
    with desk.station.db.read_session() as db:
        op = db.scalars(
            select(OutboxEntry).where(OutboxEntry.entity == "case", OutboxEntry.kind == "create")
        ).one()
    assert op.payload["resident_id"] == r.row.id and op.payload["grid"] == "G01"
    today = desk.clock.now.date()
    report = reports.case_metrics(desk.station, desk.worker, today.replace(day=1), today)
    assert {g.label for g in report.by_grid} == {"G01"}  # not 未标注网格
    with pytest.raises(InputError):
        cases.open_case(
            desk.station, desk.worker, new_case(resident_id="00000000-0000-4000-8000-000000000000")
        )


def test_the_card_lists_documents_and_cases_and_opening_a_pdf_is_audited(
    desk: StationFixture,
) -> None:
    r = person(desk, "林小梅", 222, building="3栋", unit="2", room="501")
    cert = certs.issue_certificate(desk.station, desk.worker, residence(r.row.id))
    certs.refuse_certificate(
        desk.station, desk.worker, certs.RefusalRequest(r.row.id, "亲属关系证明", purpose="继承")
    )
    case = cases.open_case(desk.station, desk.worker, new_case(resident_id=r.row.id))
    cases.open_case(desk.station, desk.worker, new_case())  # not hers
    records = resident_hub.resident_records(desk.station, desk.worker, r.row.id)
    kinds = {(d.kind, d.item, d.status) for d in records.documents}
    assert kinds == {
        ("certificate", "居住情况证明", "issued"),
        ("refusal", "亲属关系证明", "refused"),
    }
    assert [c.number for c in records.cases] == [case.case.number] and records.cases[0].open
    pdf = certs.view_issued(desk.station, desk.worker, cert.number)
    assert pdf.startswith(b"%PDF")
    assert [a.entity_id for a in audits(desk, "document.view")] == [cert.number]
    with pytest.raises(PermissionDeniedError):
        resident_hub.resident_records(desk.station, desk.admin, r.row.id)
