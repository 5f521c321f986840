"""/verify does the same work for an existing number with a wrong code as for an unknown one."""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from stationdesk.district import service
from stationdesk.district.db import DistrictDatabase
from stationdesk.district.verify import check, check_number
from stationdesk.secrets.signing import generate_keypair, short_code
from tests.helpers.district import key_op, push_ops, signed_certificate, sync_op

pytestmark = pytest.mark.postgres

EXISTING = "SA0101-2026-000001"
UNKNOWN_SEQUENCE = "SA0101-2026-000002"
UNKNOWN_STATION = "SZ9999-2026-000001"


@pytest.fixture
def one_certificate(district_db: DistrictDatabase) -> Iterator[str]:
    """A district holding one genuine certificate; yields a code that is not its code."""
    enrol = service.add_station(district_db, "SA0101", "甲站")
    pair = generate_keypair()
    payload, data = signed_certificate(pair, "SA0101-000001")
    ops = [key_op(1, "SA0101", pair), sync_op(2, "certificate", str(uuid.uuid4()), "issue", data)]
    push_ops(district_db, enrol.token, "SA0101", ops)
    assert check_number(district_db, EXISTING, short_code(payload)).verdict == "genuine"
    wrong = "0000000000" if short_code(payload) != "0000000000" else "1111111111"
    yield wrong


def _work(db: DistrictDatabase, monkeypatch: pytest.MonkeyPatch, number: str, code: str) -> Any:
    """The SQL statements and signature checks one ``check_number`` call makes."""
    statements: list[str] = []
    verified: list[str] = []
    real = check.decode_and_verify

    def counting(*args: Any, **kw: Any) -> Any:
        verified.append(number)
        return real(*args, **kw)

    def on_execute(_conn: Any, _cursor: Any, sql: str, *_rest: Any) -> None:
        statements.append(" ".join(sql.split()))

    monkeypatch.setattr(check, "decode_and_verify", counting)
    event.listen(db.engine, "before_cursor_execute", on_execute)
    try:
        assert check_number(db, number, code).verdict == "unknown"
    finally:
        event.remove(db.engine, "before_cursor_execute", on_execute)
        monkeypatch.setattr(check, "decode_and_verify", real)
    return len(statements), len(verified)


def test_an_unknown_number_runs_the_same_lookups_and_signature_check(
    district_db, one_certificate, monkeypatch
):
    wrong = one_certificate
    existing = _work(district_db, monkeypatch, EXISTING, wrong)
    assert existing[1] == 1  # the stored payload's signature is checked, then the code
    for unknown in (UNKNOWN_SEQUENCE, UNKNOWN_STATION):
        assert _work(district_db, monkeypatch, unknown, wrong) == existing, unknown


def test_an_existing_number_and_an_unknown_one_take_about_the_same_time(
    district_db, one_certificate
):
    wrong = one_certificate
    numbers = (EXISTING, UNKNOWN_SEQUENCE)
    for _ in range(20):  # warm the pool, the statement cache and the catalog cache
        for number in numbers:
            check_number(district_db, number, wrong)
    times: dict[str, list[float]] = {n: [] for n in numbers}
    for i in range(200):
        for number in numbers if i % 2 else reversed(numbers):
            started = time.perf_counter()
            check_number(district_db, number, wrong)
            times[number].append(time.perf_counter() - started)
    existing, unknown = (statistics.median(times[n]) for n in numbers)
    ratio = max(existing, unknown) / min(existing, unknown)
    assert ratio < 1.5, f"median {existing * 1000:.2f} ms vs {unknown * 1000:.2f} ms"
