"""The resident import in batches: each batch its own transaction, progress, cancel, resume,
and a desk that stays usable while a long import runs."""

from __future__ import annotations

import csv
import threading
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select, text

from stationdesk.domain.demo_people import PeopleFactory
from stationdesk.services import audit, resident_import, residents
from stationdesk.services.residents.synced import sync_payload
from stationdesk.store import residents_repo as repo
from stationdesk.store.engine import BUSY_TIMEOUT_MS
from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_residents import Resident
from tests.conftest import StationFixture
from tests.helpers import ids
from tests.helpers.register import BAD, GOOD, HEADER, counts, idn

MORE = [
    ["钱进", idn(15), "13800000015", "3栋", "2", "201", "", ""],
    ["王芳", idn(1), "13800000001", "3栋", "1", "101", "户主", "党员"],  # GOOD[0] again
    ["孙悦", idn(17), "", "7栋", "1", "701", "", "低保"],
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def generated_rows(n: int, seed: int = 7) -> list[list[str]]:
    """``n`` register rows of generated people, six to an address."""
    factory = PeopleFactory(seed, date(2026, 1, 1))
    rows = []
    for i in range(n):
        p = factory.person(birth=factory.birth_date(20, 90))
        rows.append(
            [
                p.name,
                p.id_number,
                p.phone or "",
                f"{i // 600 + 1}栋",
                "1",
                f"{i // 6 % 100 + 101}",
                "",
                "",
            ]
        )
    return rows


def test_batches_store_what_one_by_one_registration_stores(station: StationFixture, tmp_path):
    rows = [GOOD[0], BAD[0], GOOD[1], BAD[1], BAD[2], GOOD[2], BAD[3], *MORE]
    path = write_csv(tmp_path / "a.csv", rows)
    report = resident_import.import_file(station.station, station.worker, path, batch_rows=2)
    assert (report.rows, report.imported, report.skipped) == (10, 5, 1)  # the repeat is skipped
    assert [e.row for e in report.errors] == [3, 5, 6, 8]
    assert report.created_buildings == ["3栋", "5栋", "7栋"]
    assert not report.cancelled and report.remaining == 0
    assert counts(station) == (5, 3, 4)
    with station.station.db.read_session() as s:
        buildings = repo.building_names(s)
        people = {r.id: r for r in s.scalars(select(Resident).order_by(Resident.seq))}
        ops = list(
            s.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.entity == "resident")
                .order_by(OutboxEntry.seq)
            )
        )
        relations = {r.name: r.relation for r in people.values()}
        # each row as its own registration makes it: the household's first member its head
        assert relations == {"王芳": "户主", "李军": "配偶", "赵磊": "户主", "钱进": "户主"} | {
            "孙悦": "户主"
        }
        wang = next(r for r in people.values() if r.name == "王芳")
        assert wang.created_at == station.clock.now and wang.version == 1
        assert (wang.sex, wang.birth_date, wang.phones, wang.tags) == (
            "F" if int(wang.id_number[16]) % 2 == 0 else "M",
            date(1985, 5, 5),
            ["13800000001"],
            ["党员"],
        )
        # one create op per resident, in file order, holding what the station stored
        assert [(o.entity, o.kind, o.entity_id) for o in ops] == [
            ("resident", "create", r.id) for r in people.values()
        ]
        assert all(o.payload == sync_payload(people[o.entity_id], buildings) for o in ops)
        seqs = [r.seq for r in people.values()]
        term_seqs = set(s.scalars(text("SELECT DISTINCT resident_seq FROM search_term")))
        assert term_seqs == set(seqs)
    chain = audit.verify_audit(station.station, station.admin)
    assert chain.intact
    found = residents.find_residents(station.station, station.worker, "qianjin")
    assert [r.name for r in found] == ["钱进"]
    assert [
        r.name for r in residents.find_residents(station.station, station.worker, "7栋701")
    ] == ["孙悦"]


def test_progress_after_each_batch(station: StationFixture, tmp_path):
    path = write_csv(tmp_path / "a.csv", [*GOOD, ["", "", "", "", "", "", "", ""], *MORE])
    seen: list[tuple[int, int]] = []
    resident_import.import_file(
        station.station,
        station.worker,
        path,
        batch_rows=2,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(2, 6), (4, 6), (6, 6)]  # the blank row is not counted


def test_cancel_keeps_what_is_in_and_a_rerun_resumes(station: StationFixture, tmp_path):
    path = write_csv(tmp_path / "a.csv", [*GOOD, *MORE])
    batches = 0

    def cancel() -> bool:
        return batches >= 2

    def progress(done: int, total: int) -> None:
        nonlocal batches
        batches += 1

    first = resident_import.import_file(
        station.station, station.worker, path, batch_rows=2, progress=progress, cancel=cancel
    )
    assert first.cancelled and (first.rows, first.remaining, first.imported) == (4, 2, 4)
    assert counts(station)[0] == 4
    again = resident_import.import_file(station.station, station.worker, path, batch_rows=2)
    assert not again.cancelled and (again.imported, again.skipped) == (1, 5)
    assert counts(station)[0] == 5


def test_dry_run_over_batches_counts_like_an_import_and_writes_nothing(
    station: StationFixture, tmp_path
):
    path = write_csv(tmp_path / "a.csv", [*GOOD, *MORE])
    dry = resident_import.import_file(
        station.station, station.worker, path, dry_run=True, batch_rows=2
    )
    assert (dry.imported, dry.skipped, dry.created_buildings) == (5, 1, ["3栋", "5栋", "7栋"])
    assert counts(station) == (0, 0, 0)
    real = resident_import.import_file(station.station, station.worker, path, batch_rows=2)
    assert (real.imported, real.skipped, real.created_buildings) == (5, 1, dry.created_buildings)


def test_the_desk_stays_usable_during_a_long_import(station: StationFixture, tmp_path):
    """Searches and registrations at the desk, while an import of thousands of rows runs on
    the same station, neither fail with "database is locked" nor wait long."""
    rows = 3_000
    path = write_csv(tmp_path / "big.csv", generated_rows(rows))
    outcome: dict[str, object] = {}

    def run_import() -> None:
        try:
            outcome["report"] = resident_import.import_file(station.station, station.worker, path)
        except BaseException as exc:  # reported by the test thread
            outcome["error"] = exc

    importer = threading.Thread(target=run_import)
    importer.start()
    waits: list[float] = []
    failures: list[BaseException] = []
    n = 0
    try:
        while importer.is_alive() or n < 2:
            n += 1
            started = time.perf_counter()
            try:
                residents.find_residents(station.station, station.worker, "1栋")
                residents.register_resident(
                    station.station,
                    station.worker,
                    residents.ResidentInput(name="柳岸", id_number=ids.idn(n, birth="19600101")),
                )
            except Exception as exc:
                failures.append(exc)
            waits.append(time.perf_counter() - started)
    finally:
        importer.join()
    assert "error" not in outcome, outcome.get("error")
    assert not failures, failures[0]
    report = outcome["report"]
    assert isinstance(report, resident_import.ImportReport)
    assert report.imported == rows and not report.errors
    assert counts(station)[0] == rows + n
    assert max(waits) < BUSY_TIMEOUT_MS / 1000 / 2, max(waits)
