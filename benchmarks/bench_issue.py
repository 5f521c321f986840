"""The whole issue service call (check, number, sign, render, record) beside plain inserts.

Run: ``.venv/bin/python -m benchmarks.bench_issue [-n 200]``. Not part of the test run.

A throw-away encrypted station is made in a temporary folder with an in-memory keyring. Each
iteration calls ``issue_certificate`` exactly as the GUI and the CLI do: one BEGIN IMMEDIATE
transaction that validates the request, allocates the number, signs the payload, renders the
PDF, writes the ledger row, the file digest, the audit record and the outbox row, and commits.
The baselines are one-row INSERT + COMMIT transactions: on a plain SQLite file (WAL,
synchronous=NORMAL) and on the station's own SQLCipher file. Goal: issue p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import keyring

from stationdesk.domain.identity import check_char
from stationdesk.domain.roles import Role
from stationdesk.printing.fonts import register_cjk_font
from stationdesk.secrets.plainfile import MemoryKeyring
from stationdesk.services import auth, residents, setup, workers
from stationdesk.services import certificates as certs

CHECKS = (
    "id_checked",
    "address_in_community",
    "housing_document_checked",
    "residence_confirmed",
    "pledge_signed",
)


def timed(fn: Callable[[], object], n: int) -> list[float]:
    """Wall times of ``n`` calls in milliseconds, after two warm-up calls."""
    fn()
    fn()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="issues to time (default 200)")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    register_cjk_font()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        station = setup.init_station(
            root / "station",
            code="BENCH01",
            name="示例区幸福街道和平社区党群服务站",
            admin_username="admin",
            admin_password="bench-admin-1",
        )
        admin = auth.login(station, "admin", "bench-admin-1")
        workers.add_worker(station, admin, "wang", Role.WORKER, "bench-worker-1", "王测试")
        worker = auth.login(station, "wang", "bench-worker-1")
        residents.add_building(station, worker, "3号楼")
        first17 = "32010219850617002"
        card = residents.register_resident(
            station,
            worker,
            residents.ResidentInput(
                name="林测试",
                id_number=first17 + check_char(first17),
                building="3号楼",
                unit="2",
                room="501",
            ),
        )
        request = certs.IssueRequest(
            type_code="RESIDENCE",
            resident_id=card.row.id,
            purpose="子女入学",
            fields={"since_date": "2019-05-01", "housing": "租赁住房"},
            checks=CHECKS,
        )
        issue = timed(lambda: certs.issue_certificate(station, worker, request), args.n)

        raw = station.db.raw_connection()
        raw.execute("CREATE TABLE bench_row (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")

        def cipher_insert() -> None:
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("INSERT INTO bench_row (body) VALUES (?)", ("x" * 400,))
            raw.execute("COMMIT")

        cipher = timed(cipher_insert, args.n)
        raw.close()

        plain_db = sqlite3.connect(root / "plain.db", isolation_level=None)
        plain_db.execute("PRAGMA journal_mode=WAL")
        plain_db.execute("PRAGMA synchronous=NORMAL")
        plain_db.execute("CREATE TABLE bench_row (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")

        def plain_insert() -> None:
            plain_db.execute("BEGIN IMMEDIATE")
            plain_db.execute("INSERT INTO bench_row (body) VALUES (?)", ("x" * 400,))
            plain_db.execute("COMMIT")

        plain = timed(plain_insert, args.n)
        plain_db.close()
        station.close()

    print(f"N = {args.n}")
    print(f"{'':<34}{'median ms':>10}{'p95 ms':>10}{'mean ms':>10}")
    for name, values in (
        ("issue_certificate (whole call)", issue),
        ("SQLCipher insert + commit", cipher),
        ("plain SQLite insert + commit", plain),
    ):
        print(
            f"{name:<34}{statistics.median(values):>10.2f}{p95(values):>10.2f}"
            f"{statistics.fmean(values):>10.2f}"
        )
    print(f"issue p95 goal <= 100 ms: {'met' if p95(issue) <= 100 else 'NOT met'}")


if __name__ == "__main__":
    main()
