"""P9: ``resident import`` of a generated register, beside a plain executemany of the same rows.

Run alone: ``python -m benchmarks.bench_import --rows 10000``.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

from stationdesk.domain.demo_people import PeopleFactory
from stationdesk.domain.ids import new_id
from stationdesk.services import auth, resident_import, setup
from stationdesk.services.station import Station

from .common import Figure

HEADER = [
    "姓名",
    "公民身份号码",
    "联系电话",
    "民族",
    "楼栋",
    "单元",
    "房号",
    "与户主关系",
    "人员类别",
]
UNITS = 3
HOUSEHOLDS_PER_BUILDING = 200
GOAL_SECONDS = {10_000: 10.0, 100_000: 100.0}


def register_rows(rows: int, seed: int = 2026) -> list[list[str]]:
    """``rows`` register lines of generated households: name, ID, phone, address, relation."""
    from datetime import date

    factory = PeopleFactory(seed, date(2026, 1, 1))
    out: list[list[str]] = []
    household = 0
    while len(out) < rows:
        building = household // HOUSEHOLDS_PER_BUILDING + 1
        unit = household % UNITS + 1
        room = f"{household % HOUSEHOLDS_PER_BUILDING // UNITS + 101}"
        for person, relation in factory.household():
            out.append(
                [
                    person.name,
                    person.id_number,
                    person.phone or "",
                    person.ethnicity,
                    f"{building}栋",
                    str(unit),
                    room,
                    relation,
                    "、".join(person.tags),
                ]
            )
        household += 1
    return out[:rows]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def _fresh_station(root: Path) -> Station:
    shutil.rmtree(root, ignore_errors=True)
    return setup.open_or_create_demo(root, residents=0)


def _executemany(station: Station, rows: list[list[str]]) -> float:
    """Seconds to insert the rows as bare residents with one executemany in one transaction."""
    now = "2026-01-01 00:00:00.000000"
    values = [
        (new_id(), r[0], "resident_id", r[1], f'["{r[2]}"]' if r[2] else "[]", now, now, 1)
        for r in rows
    ]
    conn = station.db.raw_connection()
    try:
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO resident (id, name, id_type, id_number, phones, tags, sensitive_tags, "
            "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, '[]', '[]', ?, ?, ?)",
            values,
        )
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


def measure(rows: int, work: Path) -> dict[str, float]:
    """Import ``rows`` generated rows into a new demo station; the same rows by executemany."""
    data = register_rows(rows)
    path = write_csv(work / f"register-{rows}.csv", data)
    station = _fresh_station(work / "import")
    user, _name, _role, password = setup.DEMO_WORKERS[0]
    worker = auth.login(station, user, password)
    bar = tqdm(total=rows, unit="row", desc=f"P9 importing {rows:,} rows", leave=False)

    def progress(done: int, total: int) -> None:
        bar.update(done - bar.n)

    try:
        started = time.perf_counter()
        try:
            report = resident_import.import_file(station, worker, path, progress=progress)
        except TypeError:  # an import without a progress callback
            report = resident_import.import_file(station, worker, path)
        seconds = time.perf_counter() - started
    finally:
        bar.close()
        station.close()
    base_station = _fresh_station(work / "executemany")
    try:
        base = _executemany(base_station, data)
    finally:
        base_station.close()
    return {
        "import_s": seconds,
        "executemany_s": base,
        "imported": report.imported,
        "errors": len(report.errors),
    }


def run(rows: int = 10_000) -> list[Figure]:
    """The P9 figure for ``rows`` rows."""
    with tempfile.TemporaryDirectory(prefix="p9-") as tmp:
        got = measure(rows, Path(tmp))
    goal = GOAL_SECONDS.get(rows, rows / 1000)
    return [
        Figure(
            "P9",
            f"resident import, {rows:,} rows",
            "s",
            got["import_s"],
            None,
            "plain executemany of the same rows, one transaction",
            got["executemany_s"],
            None,
            f"≤ {goal:g} s",
            got["import_s"] <= goal and got["imported"] == rows,
            notes=f"{got['imported']:,} imported, {got['errors']} bad rows",
            stat="total",
            spread="-",
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    for f in run(args.rows):
        print(
            f"{f.id} {f.name}: {f.median:.2f} s; {f.baseline_name}: {f.baseline_median:.3f} s; "
            f"goal {f.goal}: {'met' if f.met else 'NOT met'} ({f.notes})"
        )


if __name__ == "__main__":
    main()
