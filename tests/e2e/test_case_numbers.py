"""Case numbers stay unique in the district after a station is restored from an old backup."""

from __future__ import annotations

from sqlalchemy import select

from stationdesk.district.models import Record
from stationdesk.services import backup, case_reference, cases


def test_a_restored_station_numbers_new_cases_above_the_districts(
    make_station, district_db, server, tmp_path
):
    a = make_station("SA0101", district_db)
    code = case_reference.list_matter_types(a.station)[0].code

    def new_case(summary: str) -> str:
        new = cases.NewCase(type_code=code, channel="walk-in", summary=summary)
        return cases.open_case(a.station, a.head, new).case.number

    assert new_case("备份前") == "SA0101-C-000001"
    assert a.sync(server.url).outcome == "ok"
    old = tmp_path / "old.db"
    backup.backup(a.station, a.admin, old)
    assert new_case("备份后一") == "SA0101-C-000002"
    assert new_case("备份后二") == "SA0101-C-000003"
    assert a.sync(server.url).outcome == "ok"

    a.station = backup.restore(a.station, a.admin, old)
    assert a.sync(server.url).outcome == "ok"  # hello tells the station the district's highest
    assert new_case("恢复后") == "SA0101-C-000004"
    assert a.sync(server.url).outcome == "ok"
    with district_db.session() as s:
        numbers = [
            r.data["number"] for r in s.scalars(select(Record).where(Record.entity == "case"))
        ]
    assert sorted(numbers) == [f"SA0101-C-00000{i}" for i in range(1, 5)]
