"""Search ranking as a front-desk worker expects it, on a real station file: whole-name matches
first, then among equals the resident seen at the desk most lately, then the newest one."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from stationdesk.services import residents
from tests.conftest import StationFixture
from tests.helpers.ids import idn

# Two-character names read "zm" (pinyin initials), registered before 赵敏.
OLDER_ZM = ("张敏", "周明", "朱梅", "郑敏", "张明", "曾梅", "周敏", "朱明")


def _register(st: StationFixture, name: str, seq: int) -> str:
    card = residents.register_resident(
        st.station, st.worker, residents.ResidentInput(name=name, id_number=idn(seq=seq))
    )
    st.clock.advance(minutes=1)
    return card.row.id


def _names(st: StationFixture, query: str) -> list[str]:
    return [r.name for r in residents.find_residents(st.station, st.worker, query)]


@pytest.fixture
def zm(station: StationFixture) -> dict[str, str]:
    """Eight older zm names, then 赵敏, then two longer names starting with zm; ids by name."""
    ids = {name: _register(station, name, i + 1) for i, name in enumerate(OLDER_ZM)}
    ids["赵敏"] = _register(station, "赵敏", 20)
    ids["张明辉"] = _register(station, "张明辉", 21)
    ids["赵美玲"] = _register(station, "赵美玲", 22)
    return ids


def test_whole_initials_rank_before_longer_names_newest_first(
    station: StationFixture, zm: dict[str, str]
) -> None:
    found = _names(station, "zm")
    assert found[0] == "赵敏"  # it ranked 9th: oldest registration first
    assert found[:9] == ["赵敏", *reversed(OLDER_ZM)]
    assert found[9:] == ["赵美玲", "张明辉"]  # partial matches after every whole one


def test_the_resident_seen_at_the_desk_lately_comes_first(
    station: StationFixture, zm: dict[str, str]
) -> None:
    residents.add_visit(station.station, station.worker, zm["张明"], "开居住证明")
    station.clock.advance(minutes=5)
    residents.add_visit(station.station, station.worker, zm["周明"], "咨询")
    station.clock.advance(minutes=5)
    residents.add_visit(station.station, station.worker, zm["张明"], "取证明")
    station.clock.advance(minutes=5)
    residents.add_visit(station.station, station.worker, zm["张明辉"], "咨询")
    found = _names(station, "zm")
    assert found[:3] == ["张明", "周明", "赵敏"]
    # a visited partial match ranks first among the partial ones, after every whole match
    assert found[9:] == ["张明辉", "赵美玲"]
    assert _names(station, "zhangming") == ["张明", "张明辉"]


def test_exact_name_ranks_before_names_containing_it(station: StationFixture) -> None:
    _register(station, "王小明", 1)
    exact = _register(station, "小明", 2)
    _register(station, "李小明", 3)
    assert _names(station, "小明") == ["小明", "李小明", "王小明"]
    residents.add_visit(station.station, station.worker, exact, "咨询")
    assert _names(station, "小明")[0] == "小明"


def test_a_deleted_resident_leaves_no_gap_in_the_page(
    station: StationFixture, zm: dict[str, str]
) -> None:
    with station.station.db.write_session() as s:  # as a merge from the district deletes it
        s.execute(
            text("UPDATE resident SET deleted_at = created_at WHERE id = :i"), {"i": zm["赵敏"]}
        )
    found = [r.name for r in residents.find_residents(station.station, station.worker, "zm", 3)]
    assert found == ["朱明", "周敏", "曾梅"]


def test_an_address_lists_its_household_as_registered(station: StationFixture) -> None:
    residents.add_building(station.station, station.worker, "3栋")
    made = []
    for i, name in enumerate(("王芳", "李强", "李小雨")):
        card = residents.register_resident(
            station.station,
            station.worker,
            residents.ResidentInput(
                name=name, id_number=idn(seq=i + 1), building="3栋", unit="2", room="502"
            ),
        )
        made.append(card.row.id)
    residents.add_visit(station.station, station.worker, made[2], "咨询")
    for query in ("3栋502", "3-2-502"):
        assert [
            r.id for r in residents.find_residents(station.station, station.worker, query)
        ] == made
