"""Valid mainland ID numbers for the tests: region, birth date, sequence and the check char."""

from __future__ import annotations

from stationdesk.domain.identity import check_char


def idn(seq: int = 123, birth: str = "19800101", region: str = "210202") -> str:
    """The 18-character ID number ``region + birth + seq`` (three digits) with its check char."""
    first17 = f"{region}{birth}{seq:03d}"
    return first17 + check_char(first17)
