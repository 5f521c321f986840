"""Valid mainland ID numbers for the tests: region, birth date, sequence and the check char."""

from __future__ import annotations

from stationdesk.domain.identity import check_char


def idn(seq: int = 123, birth: str = "19800101", region: str = "210202") -> str:
    """The 18-character ID number ``region + birth + seq`` (three digits) with its check char."""
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + check_char(first17)


def serial_idn(n: int) -> str:
    """The n-th of many distinct valid ID numbers: 1,000 per birth day from 1950-01-01 on."""
    from datetime import date, timedelta

    birth = date(1950, 1, 1) + timedelta(days=n // 1000)
    return idn(n % 1000, birth.strftime("%Y%m%d"))
