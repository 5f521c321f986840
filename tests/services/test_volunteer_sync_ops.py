"""What 双报到 work queues for the district: one op per change in its transaction, each activity
and wish op carrying the whole record at the version it moves to, and a station upgraded from
before sync (schema 0011) queueing everything it held the same way."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from stationdesk.secrets import keys
from stationdesk.services import volunteering as v
from stationdesk.services.station import DB_KEY, open_station
from stationdesk.services.volunteering import synced
from stationdesk.store.engine import StationDatabase
from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_volunteer import (
    VolunteerActivity,
    VolunteerMember,
    VolunteerUnit,
    VolunteerWish,
)
from tests.conftest import StationFixture

from .test_upgrade import downgrade
from .test_volunteering import _activity, _served, bj, desk  # noqa: F401


def _ops(st: Any) -> list[tuple[str, str, str, dict[str, Any], int | None]]:
    with st.db.read_session() as s:
        rows = s.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.entity.like("volunteer%"))
            .order_by(OutboxEntry.seq)
        )
        return [(o.entity, o.entity_id, o.kind, o.payload, o.base_version) for o in rows]


def _fill(s: StationFixture, ids: dict[str, str]) -> tuple[str, str]:
    act = _activity(s, 3)
    _served(s, act, ids["member"], bj(3, 9), bj(3, 10))
    s.clock.now = bj(3, 12)
    v.approve(s.station, s.head, act)
    v.correct(
        s.station, s.head, act, ids["other"], signed_in_at=bj(3, 9), signed_out_at=bj(3, 11),
        reason="漏登",
    )  # fmt: skip
    wish = v.add_wish(s.station, s.worker, ids["resident"], "换灯泡", deadline=bj(9, 0).date())
    v.claim_wish(s.station, s.worker, wish.id, ids["member"])
    v.link_resident(s.station, s.worker, ids["member"], ids["resident"])
    return act, wish.id


def test_each_change_queues_its_op_with_the_whole_record(desk) -> None:  # noqa: F811
    s, ids = desk
    act, wish = _fill(s, ids)
    ops = _ops(s.station)
    kinds = [(e, i, k) for e, i, k, _p, _b in ops]
    assert kinds[:3] == [
        ("volunteer_unit", ids["unit"], "create"),
        ("volunteer_member", ids["member"], "create"),
        ("volunteer_member", ids["other"], "create"),
    ]
    assert [k for e, i, k in kinds if i == act] == [
        "create", "signin", "signout", "approve", "correct"
    ]  # fmt: skip
    assert [k for e, i, k in kinds if i == wish] == ["create", "claim"]
    link = ops[-1]
    assert link[2:] == ("update", {"resident_id": {"old": None, "new": ids["resident"]}}, 1)
    member = next(p for e, i, k, p, _b in ops if i == ids["member"] and k == "create")
    assert member["reports"][0]["station"] and member["reports"][0]["member_id"] == ids["member"]
    last = next(p for e, i, k, p, _b in reversed(ops) if i == act)
    assert [x["member_id"] for x in last["signins"]] == [ids["member"], ids["other"]]
    assert [(x["member_id"], x["minutes"]) for x in last["corrections"]] == [(ids["other"], 120)]
    with s.station.db.read_session() as session:
        assert session.get(VolunteerActivity, act).version == 5
        assert session.get(VolunteerWish, wish).version == 2


def test_a_station_upgraded_from_0011_queues_everything_it_holds(desk) -> None:  # noqa: F811
    s, ids = desk
    act, wish = _fill(s, ids)
    st = s.station
    with st.db.read_session() as session:
        expected = {
            ids["unit"]: synced.unit_payload(session.get(VolunteerUnit, ids["unit"])),
            act: synced.activity_state(session, session.get(VolunteerActivity, act)),
            wish: synced.wish_state(session, session.get(VolunteerWish, wish)),
        }
        for key in ("member", "other"):
            member = session.get(VolunteerMember, ids[key])
            expected[ids[key]] = synced.member_payload(session, member)
    data_dir, key = st.paths.root, keys.get_secret(st.uid, DB_KEY)
    st.close()
    db = StationDatabase(data_dir / "station.db", key)
    downgrade(db, "0011")
    db.dispose()
    upgraded = open_station(data_dir, clock=s.clock)
    try:
        ops = _ops(upgraded)
        assert {k for _e, _i, k, _p, _b in ops} == {"create"}
        assert {i: p for _e, i, _k, p, _b in ops} == expected
        assert [e for e, *_ in ops] == [
            "volunteer_unit", "volunteer_member", "volunteer_member",
            "volunteer_activity", "volunteer_wish",
        ]  # fmt: skip
    finally:
        upgraded.close()


def test_an_edit_queues_the_changed_fields_with_their_old_values(desk) -> None:  # noqa: F811
    s, ids = desk
    v.edit_member(
        s.station,
        s.worker,
        ids["other"],
        v.MemberInput(name="马二", id_number="", report_date=bj(1, 9).date(), phone="13700001111"),
    )
    entity, entity_id, kind, payload, base = _ops(s.station)[-1]
    assert (entity, entity_id, kind, base) == ("volunteer_member", ids["other"], "update", 1)
    assert payload == {"phone": {"old": None, "new": "13700001111"}}
