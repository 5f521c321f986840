"""ID cards for the card reader tests: a valid identity with any field overridden."""

from __future__ import annotations

from datetime import date
from typing import Any

from stationdesk.cardreader import CardIdentity
from stationdesk.domain.identity import Sex
from tests.helpers.ids import idn


def a_card(**over: Any) -> CardIdentity:
    """A male holder born 1985-05-20, 满族, living at 3栋2单元502室, unless ``over`` says else."""
    values: dict[str, Any] = {
        "name": "张伟",
        "sex": Sex.MALE,
        "ethnic_code": "11",
        "birth_date": date(1985, 5, 20),
        "address": "辽宁省大连市西岗区人民广场街道3栋2单元502室",
        "id_number": idn(7, "19850520"),
        "authority": "大连市公安局西岗分局",
        "valid_from": date(2015, 3, 1),
        "valid_until": date(2035, 3, 1),
    }
    values.update(over)
    return CardIdentity(**values)
