"""Phones on the emergency list: masked for everyone, in full only to the worker assigned to
the resident as responder, every reveal audited (and no phone in the audit record)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from stationdesk.services import emergency, residents
from stationdesk.services.errors import NotFoundError, PermissionDeniedError
from stationdesk.store.models import AuditRecord, OutboxEntry
from tests.conftest import StationFixture
from tests.helpers.ids import idn
from tests.helpers.rare_names import RARE_NAMES

OWN, SON = "13812345678", "13900001111"
RARE = RARE_NAMES[0].name


@pytest.fixture
def listed(station: StationFixture) -> tuple[StationFixture, str, str]:
    """An elderly rare-named resident living with a son, on an open event's list."""
    st, head = station.station, station.head
    residents.add_grid(st, head, "G01", "第一网格")
    residents.add_building(st, head, "1栋", "G01")

    def register(name: str, n: int, phone: str, relation: str, tags: tuple[str, ...]) -> str:
        data = residents.ResidentInput(
            name=name,
            id_number=idn(700 + n),
            phones=(phone,),
            building="1栋",
            room="101",
            relation=relation,
            tags=tags,
        )
        return residents.register_resident(st, head, data).row.id

    elder = register(RARE, 1, OWN, "户主", ("高龄老人",))
    son = register("李子", 2, SON, "子女", ())  # the same address: the same household
    emergency.start_event(st, head, "typhoon", "台风“摩羯”")
    return station, elder, son


def _reveals(s: StationFixture) -> list[AuditRecord]:
    with s.station.db.read_session() as session:
        return list(
            session.scalars(
                select(AuditRecord).where(AuditRecord.action == "emergency_entry.reveal")
            )
        )


def test_phones_are_masked_and_shown_in_full_to_the_assigned_responder_only(listed) -> None:
    s, elder, _son = listed
    st, head, worker = s.station, s.head, s.worker
    masked = emergency.entry_contacts(st, head, elder)
    assert masked.lines == ("本人 138****5678", "李子（子女） 139****1111")
    assert not masked.full and not masked.can_reveal  # nobody is assigned yet
    with pytest.raises(PermissionDeniedError):
        emergency.entry_contacts(st, worker, elder, reveal=True)
    assert _reveals(s) == []

    emergency.add_responder(st, head, worker="wangfang", grid="G01")
    emergency.assign(st, head)
    assert emergency.entry_contacts(st, worker, elder).can_reveal
    with pytest.raises(PermissionDeniedError) as refused:
        emergency.entry_contacts(st, head, elder, reveal=True)  # a head is not the responder
    assert "应急人员" in refused.value.zh and _reveals(s) == []

    shown = emergency.entry_contacts(st, worker, elder, reveal=True)
    assert shown.full and shown.lines == (f"本人 {OWN}", f"李子（子女） {SON}")
    (audit,) = _reveals(s)
    assert audit.entity_id and OWN not in str(audit.details) and SON not in str(audit.details)


def test_only_listed_residents_of_an_open_event(listed) -> None:
    s, _elder, son = listed
    with pytest.raises(NotFoundError):
        emergency.entry_contacts(s.station, s.worker, son)  # not vulnerable: not on the list
    emergency.stop_event(s.station, s.head, "结束")
    with pytest.raises(emergency.NoOpenEventError):
        emergency.entry_contacts(s.station, s.worker, _elder)


def test_a_resident_is_given_to_another_responder_by_hand(listed) -> None:
    s, elder, _son = listed
    st, head, worker = s.station, s.head, s.worker
    candidates = [user for user, _name in emergency.responder_candidates(st, head)]
    assert "wangfang" in candidates and "admin" not in candidates  # an admin checks on nobody
    with pytest.raises(PermissionDeniedError):
        emergency.responder_candidates(st, worker)
    mine = emergency.add_responder(st, head, worker="wangfang", grid="G01")
    other = emergency.add_responder(st, head, name="志愿者老赵")
    assert "wangfang" not in [u for u, _n in emergency.responder_candidates(st, head)]
    emergency.assign(st, worker)
    (row,) = emergency.list_entries(st, worker)
    assert row.responder_id == mine.id

    def queued_assigns() -> int:
        with s.station.db.read_session() as session:
            return len(
                session.scalars(
                    select(OutboxEntry).where(
                        OutboxEntry.entity == "emergency_entry", OutboxEntry.kind == "assign"
                    )
                ).all()
            )

    assigns = queued_assigns()
    assert emergency.reassign(st, worker, elder, other.id) == "志愿者老赵"
    (row,) = emergency.list_entries(st, worker)
    assert row.responder == "志愿者老赵"
    assert queued_assigns() == assigns  # the district keeps the first responder only
    assert not emergency.entry_contacts(st, worker, elder).can_reveal  # no longer theirs
    with pytest.raises(NotFoundError):
        emergency.reassign(st, worker, elder, "no-such-responder")
    with s.station.db.read_session() as session:
        moves = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "emergency_event.reassign")
        ).all()
    assert [m.details["to"] for m in moves] == [other.id]


def test_a_first_responder_given_by_hand_reaches_the_district(listed) -> None:
    s, elder, _son = listed
    st, head, worker = s.station, s.head, s.worker
    zhao = emergency.add_responder(st, head, name="志愿者老赵")
    with s.station.db.read_session() as session:
        before = session.scalar(select(func.count()).select_from(OutboxEntry))
    emergency.reassign(st, worker, elder, zhao.id)  # nobody had them: the district learns it
    with s.station.db.read_session() as session:
        (op,) = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc()).limit(1))
        after = session.scalar(select(func.count()).select_from(OutboxEntry))
    assert after == before + 1 and (op.kind, op.payload["responder_id"]) == ("assign", zhao.id)
