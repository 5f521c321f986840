"""Generating a realistic demo station's residents quickly (never for a real station)."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from stationdesk.domain.demo_people import PeopleFactory
from stationdesk.domain.identity import DocumentType
from stationdesk.domain.ids import new_id
from stationdesk.domain.residents import search_terms
from stationdesk.store import residents_repo as repo

from .errors import InputError
from .station import Station
from .uow import unit_of_work

CHUNK = 20_000
UNITS = 3
FLOORS = 18
ROOMS_PER_FLOOR = 4
BUILDINGS_PER_GRID = 12


@dataclass(frozen=True)
class DemoReport:
    """What was generated."""

    residents: int
    households: int
    buildings: int
    grids: int
    seconds: float


def generate(
    station: Station,
    residents: int,
    *,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> DemoReport:
    """Add about ``residents`` generated people in households, buildings and grids."""
    import time

    if not station.demo:
        raise InputError(
            "demo data goes only into a demo station", "演示数据只能生成到演示站点中。"
        )
    if not 1 <= residents <= 5_000_000:
        raise InputError("--residents is 1 to 5,000,000", "居民人数应为1至5,000,000。")
    started = time.perf_counter()
    factory = PeopleFactory(seed, station.now().date())
    rng = random.Random(seed + 1)
    now = station.now().isoformat(sep=" ")[:26]
    households_per_building = UNITS * FLOORS * ROOMS_PER_FLOOR
    n_buildings = max(1, math.ceil(residents / 2.6 / households_per_building * 1.15))
    n_grids = max(1, math.ceil(n_buildings / BUILDINGS_PER_GRID))
    with station.db.read_session() as s:
        first_seq = repo.next_resident_seq(s)
        offset = len(repo.existing_building_names(s))
    grid_rows = [
        (new_id(), f"G{offset + i + 1:03d}", f"第{offset + i + 1}网格") for i in range(n_grids)
    ]
    building_rows = [
        (new_id(), f"{offset + i + 1}栋", grid_rows[i // BUILDINGS_PER_GRID][0])
        for i in range(n_buildings)
    ]
    addresses = [
        (b, str(u), f"{floor}{room:02d}")
        for b in range(n_buildings)
        for u in range(1, UNITS + 1)
        for floor in range(1, FLOORS + 1)
        for room in range(1, ROOMS_PER_FLOOR + 1)
    ]
    rng.shuffle(addresses)
    seq = first_seq
    made = households = 0
    raw = station.db.raw_connection()
    try:
        raw.execute("PRAGMA cache_size = -262144")  # 256 MiB for the load
        raw.execute("BEGIN IMMEDIATE")
        pending_grids, pending_buildings = grid_rows, building_rows
        while made < residents:
            hh_rows: list[tuple[str, str, str | None, str, str]] = []
            res_rows: list[tuple[object, ...]] = []
            term_rows: list[tuple[str, int]] = []
            target = min(residents, made + CHUNK)
            while made < target:
                b_index, unit, room = addresses[households % len(addresses)]
                b_id, b_name, grid_id = building_rows[b_index]
                hh_id = new_id()
                hh_rows.append((hh_id, b_id, unit, room, now))
                households += 1
                for person, relation in factory.household():
                    if made >= target:
                        break
                    phones = [person.phone] if person.phone else []
                    res_rows.append(
                        (
                            seq,
                            new_id(),
                            person.name,
                            None,  # name_pinyin: pypinyin reads every generated name
                            DocumentType.RESIDENT_ID.value,
                            person.id_number,
                            person.sex,
                            person.birth_date.isoformat(),
                            person.ethnicity,
                            json.dumps(phones),
                            b_id,
                            unit,
                            room,
                            hh_id,
                            relation,
                            grid_id,
                            json.dumps(list(person.tags), ensure_ascii=False),
                            "[]",
                            None,
                            now,
                            now,
                            1,
                        )
                    )
                    for term in search_terms(
                        name=person.name,
                        id_number=person.id_number,
                        phones=phones,
                        building=b_name,
                        unit=unit,
                        room=room,
                    ):
                        term_rows.append((term, seq))
                    seq += 1
                    made += 1
            repo.bulk_load(
                raw,
                grids=pending_grids,
                buildings=pending_buildings,
                households=hh_rows,
                residents=res_rows,
                terms=term_rows,
            )
            pending_grids, pending_buildings = [], []
            if progress:
                progress(made, residents)
        raw.execute("COMMIT")
        raw.execute("PRAGMA optimize")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    finally:
        raw.close()
    with unit_of_work(station, None) as uow:
        uow.audit(
            "demo.generate", "station", station.uid, {"residents": made, "households": households}
        )
    return DemoReport(made, households, n_buildings, n_grids, time.perf_counter() - started)
