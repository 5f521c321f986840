"""P7: service calls (resident save; more as areas land) p95, beside a plain SQLite insert."""

from __future__ import annotations

import random

from tqdm import tqdm

from stationdesk.domain.demo_people import PeopleFactory
from stationdesk.services import residents
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from .common import Figure, stats_ms, time_calls


def run(station: Station, actor: Actor, repeat: int = 200) -> list[Figure]:
    factory = PeopleFactory(random.randrange(1 << 30), station.now().date())
    buildings = [b.name for b in residents.list_buildings(station, actor)][:50]
    raw = station.db.raw_connection()
    people = []
    while len(people) < repeat:  # people not yet registered (1M residents collide sometimes)
        p = factory.person()
        if not raw.execute("SELECT 1 FROM resident WHERE id_number = ?", (p.id_number,)).fetchone():
            people.append(p)
    it = iter(tqdm(people, desc="resident saves", leave=False))

    def save() -> None:
        p = next(it)
        residents.register_resident(
            station,
            actor,
            residents.ResidentInput(
                name=p.name,
                id_number=p.id_number,
                phones=(p.phone,) if p.phone else (),
                building=random.choice(buildings),
                unit="1",
                room=str(random.randint(101, 1804)),
            ),
        )

    raw.execute("CREATE TABLE IF NOT EXISTS bench_plain (a TEXT, b TEXT, c TEXT)")

    def plain() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO bench_plain VALUES (?, ?, ?)", ("x" * 20, "y" * 18, "z" * 11))
        raw.execute("COMMIT")

    try:
        ours = time_calls(save, repeat)
        base = time_calls(plain, repeat)
    finally:
        raw.close()
    m, p = stats_ms(ours)
    bm, bp = stats_ms(base)
    saves = Figure(
        "P7",
        "resident save (service call)",
        "ms",
        m,
        p,
        "plain SQLite insert",
        bm,
        bp,
        "p95 ≤ 100 ms",
        p <= 100,
    )
    return [saves, _case_transitions(station, actor, repeat, bm, bp)]


def _case_transitions(station: Station, actor: Actor, repeat: int, bm: float, bp: float) -> Figure:
    """P7: one case transition (accept) as a service call, on freshly opened cases."""
    from stationdesk.services import case_reference, cases

    code = case_reference.list_matter_types(station)[0].code
    opened = [
        cases.open_case(
            station, actor, cases.NewCase(type_code=code, channel="walk-in", summary="路灯不亮")
        ).case.id
        for _ in tqdm(range(repeat), desc="opening cases", leave=False)
    ]
    it = iter(opened)
    m, p = stats_ms(time_calls(lambda: cases.act(station, actor, next(it), "accept"), repeat))
    return Figure(
        "P7",
        "case transition (service call)",
        "ms",
        m,
        p,
        "plain SQLite insert",
        bm,
        bp,
        "p95 ≤ 100 ms",
        p <= 100,
    )
