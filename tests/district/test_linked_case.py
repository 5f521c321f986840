"""A case registered from a resident's card reaches the district with its resident and grid:
the station's real outbox ops, numbered by its sync port, pushed to the district service."""

from __future__ import annotations

from pathlib import Path

import pytest

from stationdesk.district import migrate, service
from stationdesk.district.db import DistrictDatabase
from stationdesk.district.models import Record
from stationdesk.services import cases, residents
from stationdesk.services.sync.port import StationSyncPort
from tests.conftest import StationFixture
from tests.helpers.cases import new_case
from tests.helpers.ids import idn


@pytest.mark.parametrize("backend", ["postgres", "sqlite"])
def test_a_linked_case_syncs_with_its_resident_and_grid(
    backend: str, pg, tmp_path: Path, station: StationFixture
) -> None:
    st = station.station
    residents.add_grid(st, station.worker, "G01", "第一网格")
    residents.add_building(st, station.worker, "3栋", "G01")
    card = residents.register_resident(
        st,
        station.worker,
        residents.ResidentInput(
            name="张三", id_number=idn(401), building="3栋", unit="1", room="101"
        ),
    )
    # registered offline: nothing has been pushed yet
    case = cases.open_case(st, station.worker, new_case(resident_id=card.row.id))
    ops = StationSyncPort(st).next_batch(100, 1_000_000)
    assert [(o.entity, o.kind) for o in ops][-1] == ("case", "create")

    url = pg.create_empty() if backend == "postgres" else f"sqlite:///{tmp_path / 'd.db'}"
    db = DistrictDatabase(url)
    migrate.upgrade(db)
    token = service.add_station(db, "SY0101", "甲站").token
    pushed = service.push(db, service.station_for_token(db, token, "SY0101"), ops)
    assert [r.status for r in pushed.results] == ["applied"] * len(ops)  # type: ignore[union-attr]
    with db.session() as s:
        held = s.get(Record, ("case", case.case.id))
        assert held is not None
        assert held.data["resident_id"] == card.row.id
        assert (held.data["grid"], held.data["address"]) == ("G01", "3栋1单元101室")
        assert held.data["reporter_name"] == "张三"
    db.dispose()
