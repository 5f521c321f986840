"""One person registered at two stations offline: merged into one resident everywhere."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from stationdesk.district.models import Conflict
from stationdesk.services import residents, sync
from stationdesk.services.sync import port as sync_port
from stationdesk.store.models_residents import Resident, Visit
from stationdesk.sync import protocol as wire

from .stations import SyncedStation, assert_converged

pytestmark = pytest.mark.postgres

ID_NUMBER = "110101199003074514"


def _register(st: SyncedStation, phone: str) -> str:
    card = residents.register_resident(
        st.station,
        st.head,
        residents.ResidentInput(name="张伟", id_number=ID_NUMBER, phones=(phone,)),
    )
    residents.add_visit(st.station, st.head, card.row.id, "开具居住证明")
    return card.row.id


def _holders(st: SyncedStation) -> list[tuple[str, bool]]:
    with st.station.db.read_session() as s:
        rows = s.execute(
            select(Resident.id, Resident.deleted_at).where(Resident.id_number == ID_NUMBER)
        ).all()
    return [(rid, deleted is not None) for rid, deleted in rows]


@pytest.mark.parametrize("order", ["ABC", "BAC", "CBA", "ACB"])
def test_a_person_registered_at_two_stations_is_one_resident_everywhere(
    make_station, district_db, server, order
):
    stations = {
        "A": make_station("SA0101", district_db),
        "B": make_station("SB0202", district_db),
        "C": make_station("SC0303", district_db),
    }
    ids = {
        "A": _register(stations["A"], "13800001111"),
        "B": _register(stations["B"], "13900002222"),
    }
    for name in order + order + order:
        st = stations[name]
        result = st.sync(server.url)
        assert result.outcome == "ok", (name, result.message)
        assert sync.sync_status(st.station).last_outcome == "ok"

    survivors = {name: _holders(st) for name, st in stations.items()}
    survivor = survivors["A"][0][0] if survivors["A"] else None
    assert survivor in ids.values()
    for name, held in survivors.items():
        assert held == [(survivor, False)], (name, held)
        found = residents.find_residents(stations[name].station, stations[name].head, "张伟")
        assert [r.id for r in found] == [survivor]
    for name in "AB":  # each station's walk-in now belongs to the one resident
        with stations[name].station.db.read_session() as s:
            assert set(s.scalars(select(Visit.resident_id))) == {survivor}

    retired = next(i for i in ids.values() if i != survivor)
    second = next(n for n, i in ids.items() if i == retired)
    listed = sync.list_conflicts(stations[second].station, stations[second].head)
    assert [(c.entity_id, c.field) for c in listed] == [(survivor, "phones")]
    with district_db.session() as s:
        kept = s.scalars(select(Conflict).where(Conflict.entity_id == survivor)).all()
    assert [(c.field, c.resolved_at) for c in kept] == [("phones", None)]
    assert_converged(district_db, *stations.values())


def test_a_failed_sync_is_not_reported_ok(make_station, district_db, server, monkeypatch):
    st = make_station("SA0101", district_db)
    assert st.sync(server.url).outcome == "ok"
    _register(st, "13800001111")

    def broken(self, ops, results, last_acked):
        raise RuntimeError("disk full")

    monkeypatch.setattr(sync_port.StationSyncPort, "record_push", broken)
    with pytest.raises(RuntimeError):
        st.sync(server.url)
    status = sync.sync_status(st.station)
    assert status.last_outcome == "error"
    assert "disk full" in (sync.sync_history(st.station)[0].message or "") or status.message


def test_a_pulled_resident_with_a_locally_held_id_number_merges_the_local_one(make_station):
    """No pulled state can abort a pull on the ID-number index (e.g. two live records held
    by the district from before it merged registrations)."""
    st = make_station("SA0101")
    local = _register(st, "13800001111")
    with st.station.db.read_session() as s:
        data = residents.sync_payload(s.scalars(select(Resident)).one(), {})
    other = "01900000-0000-7000-8000-000000000001"
    page = wire.PullResponse(
        changes=[
            wire.Change(
                entity="resident",
                entity_id=other,
                kind="upsert",
                version=3,
                data={**data, "phones": ["13900002222"]},
            )
        ],
        next_cursor=wire.START_CURSOR,
        has_more=False,
    )
    sync.StationSyncPort(st.station).apply_pull(page)
    assert _holders(st) == [(other, False)]
    with st.station.db.read_session() as s:
        assert set(s.scalars(select(Visit.resident_id))) == {other}
        retired = s.scalars(select(Resident).where(Resident.id == local)).one()
        assert retired.deleted_at is not None and retired.id_number is None
    assert [r.id for r in residents.find_residents(st.station, st.head, "张伟")] == [other]

    # the district's answer later retires the local id for good: applied the same way
    tomb = wire.Change(
        entity="resident",
        entity_id=local,
        kind="delete",
        version=1,
        data={**data, "id_number": None, "merged_into": other},
    )
    sync.StationSyncPort(st.station).apply_pull(page.model_copy(update={"changes": [tomb]}))
    assert _holders(st) == [(other, False)]


def test_two_stations_pushing_the_same_people_at_once_make_one_resident_each(district_db):
    """Two pages naming the same 40 people in opposite orders, applied at the same moment: the
    second waits for the first (no deadlock) and merges every registration into its person."""
    import threading
    import uuid

    from stationdesk.district import service
    from stationdesk.district.models import Record
    from stationdesk.sync.protocol import PushResponse
    from tests.helpers.district import sync_op
    from tests.helpers.ids import idn

    numbers = [idn(i, "19700101") for i in range(40)]
    tokens = {
        code: service.add_station(district_db, code, code).token for code in ("SA0101", "SB0202")
    }

    def page(order: list[str], phone: str) -> list:
        return [
            sync_op(
                seq,
                "resident",
                str(uuid.uuid4()),
                "create",
                {"name": "张伟", "id_number": number, "phones": [phone], "note": None},
            )
            for seq, number in enumerate(order, 1)
        ]

    pages = {
        "SA0101": page(numbers, "13800001111"),
        "SB0202": page(numbers[::-1], "13900002222"),
    }
    start = threading.Barrier(2)
    answers: dict[str, object] = {}

    def push(code: str) -> None:
        station = service.station_for_token(district_db, tokens[code], code)
        start.wait()
        try:
            answers[code] = service.push(district_db, station, pages[code])
        except Exception as exc:  # a deadlock aborts one page
            answers[code] = exc

    threads = [threading.Thread(target=push, args=(code,)) for code in pages]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for code, answer in answers.items():
        assert isinstance(answer, PushResponse), (code, answer)
        assert {r.status for r in answer.results} <= {"applied", "conflict"}
    with district_db.session() as s:
        records = s.scalars(select(Record).where(Record.entity == "resident")).all()
        live = sorted(r.data["id_number"] for r in records if not r.deleted)
        retired = [r.data.get("merged_into") for r in records if r.deleted]
    assert live == sorted(numbers)  # one resident per person
    assert len(retired) == 40 and all(retired)  # every other registration merged into it
