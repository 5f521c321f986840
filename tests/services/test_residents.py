from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from stationdesk.domain.identity import DocumentType
from stationdesk.services import residents
from stationdesk.services.errors import InputError, PermissionDeniedError
from stationdesk.store.models import AuditRecord, OutboxEntry
from tests.conftest import StationFixture
from tests.helpers.ids import idn


@pytest.fixture
def desk(station: StationFixture) -> StationFixture:
    residents.add_grid(station.station, station.worker, "G01", "第一网格")
    residents.add_building(station.station, station.worker, "3栋", "G01")
    residents.add_building(station.station, station.worker, "12栋")
    return station


def register(s: StationFixture, **kw: object) -> residents.ResidentCard:
    base: dict[str, object] = {"name": "张三", "id_number": idn()}
    base.update(kw)
    return residents.register_resident(s.station, s.worker, residents.ResidentInput(**base))  # type: ignore[arg-type]


def test_register_derives_sex_and_birth_and_masks(desk: StationFixture) -> None:
    card = register(
        desk, phones=("13800001234",), building="3栋", unit="2", room="502", tags=("党员",)
    )
    assert card.row.sex == "M" and card.row.birth_date == date(1980, 1, 1)
    assert card.row.id_masked == "2102**********" + idn()[-4:]
    assert card.row.phone_masked == "138****1234"
    assert card.row.address == "3栋2单元502室" and card.row.grid == "第一网格"
    assert card.relation == "户主" and [m.name for m in card.household] == ["张三"]


def test_fifteen_digit_number_is_upgraded(desk: StationFixture) -> None:
    card = register(desk, id_number="210202800101123")
    assert card.row.id_masked.endswith(idn(birth="19800101")[-4:])


def test_duplicate_id_number_names_the_existing_resident(desk: StationFixture) -> None:
    first = register(desk)
    with pytest.raises(residents.DuplicateResidentError) as err:
        register(desk, name="张三丰")
    assert err.value.existing_id == first.row.id


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"id_number": idn()[:17] + ("0" if idn()[17] != "0" else "1")}, "id_number"),
        ({"phones": ("1380000123",)}, "phones"),
        ({"phones": ("12800001234",)}, "phones"),
        ({"building": "99栋", "room": "101"}, "building"),
        ({"building": "3栋"}, "room"),
        ({"name": "张3"}, "name"),
        ({"tags": ("超级VIP",)}, "tags"),
        ({"id_type": DocumentType.HMT_RESIDENCE_PERMIT}, "id_number"),
    ],
)
def test_bad_input_writes_nothing(desk: StationFixture, kw: dict[str, object], field: str) -> None:
    with desk.station.db.read_session() as s:
        before = s.scalar(text("SELECT count(*) FROM outbox"))
    with pytest.raises(InputError) as err:
        register(desk, **kw)
    assert err.value.field == field
    assert idn() not in str(err.value)
    with desk.station.db.read_session() as s:
        assert s.scalar(text("SELECT count(*) FROM resident")) == 0
        assert s.scalar(text("SELECT count(*) FROM outbox")) == before


def test_passport_holder_without_mainland_id(desk: StationFixture) -> None:
    card = register(
        desk,
        name="John Smith",
        id_number="E12345678",
        id_type=DocumentType.PASSPORT,
        sex="M",
        birth_date=date(1975, 5, 5),
    )
    assert card.row.id_type == "PASSPORT" and card.row.birth_date == date(1975, 5, 5)


def test_sensitive_tags_need_the_right_role(desk: StationFixture) -> None:
    with pytest.raises(PermissionDeniedError):
        register(desk, sensitive_tags=("残疾",))
    card = residents.register_resident(
        desk.station,
        desk.head,
        residents.ResidentInput(name="李四", id_number=idn(seq=124), sensitive_tags=("残疾",)),
    )
    assert card.sensitive_tags == ("残疾",)
    assert residents.get_resident(desk.station, desk.worker, card.row.id).sensitive_tags is None


def test_reveal_is_audited_with_its_reason(desk: StationFixture) -> None:
    card = register(desk, phones=("13800001234",))
    with pytest.raises(InputError):
        residents.reveal_resident(desk.station, desk.worker, card.row.id, "")
    shown = residents.reveal_resident(desk.station, desk.worker, card.row.id, "开具居住证明核对")
    assert shown.id_number == idn() and shown.phones == ("13800001234",)
    with desk.station.db.read_session() as s:
        rec = s.scalars(select(AuditRecord).where(AuditRecord.action == "resident.reveal")).one()
    assert rec.actor == "wangfang" and rec.entity_id == card.row.id
    assert rec.details == {"reason": "开具居住证明核对"}
    assert idn() not in str(rec.details)


def test_edit_records_each_field_with_old_and_new(desk: StationFixture) -> None:
    card = register(desk, phones=("13800001234",), building="3栋", unit="2", room="502")
    desk.clock.advance(minutes=5)
    edited = residents.edit_resident(
        desk.station,
        desk.head,  # a name is an identity field: a head changes it
        card.row.id,
        {"name": "张叁", "building": "12栋", "unit": "1", "room": "101"},
        base_version=card.version,
    )
    assert edited.version == card.version + 1 and edited.row.address == "12栋1单元101室"
    fields = {c.field: (c.old, c.new) for c in edited.changes}
    assert fields["name"] == ("张三", "张叁")
    assert fields["building"] == ("3栋", "12栋") and fields["room"] == ("502", "101")
    with desk.station.db.read_session() as s:
        op = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
    assert op is not None and op.kind == "update" and op.base_version == card.version
    assert op.payload["name"] == {"old": "张三", "new": "张叁"}
    # the search index follows the edit
    assert [r.id for r in residents.find_residents(desk.station, desk.worker, "12栋101")] == [
        card.row.id
    ]
    assert residents.find_residents(desk.station, desk.worker, "3栋502") == []
    with pytest.raises(InputError):
        residents.edit_resident(
            desk.station, desk.worker, card.row.id, {"name": "x"}, base_version=card.version
        )
    with pytest.raises(InputError):
        residents.edit_resident(desk.station, desk.worker, card.row.id, {"id_number": "1"})


def test_visit_log(desk: StationFixture) -> None:
    card = register(desk)
    v = residents.add_visit(desk.station, desk.worker, card.row.id, "咨询居住证明")
    assert v.worker == "王芳"
    again = residents.get_resident(desk.station, desk.worker, card.row.id)
    assert [x.purpose for x in again.visits] == ["咨询居住证明"]


cjk = st.sampled_from("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高伟芳娜敏静丽强磊军洋勇艳杰")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    people=st.lists(
        st.tuples(
            st.text(cjk, min_size=2, max_size=3),
            st.integers(0, 999),
            st.integers(0, 9999),
            st.integers(1, 2),
            st.integers(101, 1804),
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda p: p[1],
    )
)
def test_search_finds_every_resident_by_each_query_kind(
    desk: StationFixture, people: list[tuple[str, int, int, int, int]]
) -> None:
    from stationdesk.domain.residents import pinyin_keys

    with desk.station.db.write_session() as s:  # start each example from an empty register
        for table in ("search_term", "resident_change", "visit", "resident", "household"):
            s.execute(text(f"DELETE FROM {table}"))
    made = []
    for name, seq, phone4, unit, room in people:
        number = idn(seq=seq)
        phone = f"1390000{phone4:04d}"
        card = register(
            desk,
            name=name,
            id_number=number,
            phones=(phone,),
            building="3栋",
            unit=str(unit),
            room=str(room),
        )
        made.append((card.row.id, name, number, phone, unit, room))
    for rid, name, number, phone, unit, room in made:
        full, initials = pinyin_keys(name)
        queries = [
            name,
            name[:2],
            name[-2:],
            full,
            initials,
            number[-4:],
            number[-6:],
            phone[-4:],
            f"3栋{room}",
            f"3-{unit}-{room}",
            f"3号楼{unit}单元{room}室",
        ]
        for q in queries:
            found = [r.id for r in residents.find_residents(desk.station, desk.worker, q, 500)]
            assert rid in found, f"{q!r} did not find {name}"


def test_fts5_trigram_misses_two_character_names_but_our_search_does_not(
    desk: StationFixture,
) -> None:
    """The trap: FTS5 trigram MATCH finds nothing for a 2-character query."""
    register(desk, name="王芳")
    raw = desk.station.db.raw_connection()
    try:
        raw.execute("CREATE VIRTUAL TABLE t USING fts5(name, tokenize='trigram')")
        raw.execute("INSERT INTO t VALUES ('王芳')")
        assert raw.execute("SELECT count(*) FROM t WHERE t MATCH '王芳'").fetchone()[0] == 0
    finally:
        raw.close()
    assert [r.name for r in residents.find_residents(desk.station, desk.worker, "王芳")] == ["王芳"]
