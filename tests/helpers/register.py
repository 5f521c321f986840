"""A small resident register for the import tests: its header, good rows and bad rows."""

from __future__ import annotations

from functools import partial

from sqlalchemy import text

from tests.conftest import StationFixture
from tests.helpers import ids

idn = partial(ids.idn, birth="19850505")


HEADER = ["姓名", "公民身份号码", "联系电话", "楼栋", "单元", "房号", "与户主关系", "人员类别"]
GOOD = [
    ["王芳", idn(1), "13800000001", "3栋", "1单元", "101室", "户主", "党员"],
    ["李军", idn(3), "13800000003", "3", "1", "101", "配偶", ""],
    ["赵磊", idn(5), "", "5栋", "2", "502", "", "独居老人、残疾人"],
]
BAD = [
    ["钱多", idn(7)[:17] + ("0" if idn(7)[17] != "0" else "1"), "", "", "", "", "", ""],  # check
    ["孙", idn(9), "1380000", "", "", "", "", ""],  # phone
    ["", idn(11), "", "", "", "", "", ""],  # no name
    ["周到", idn(13), "", "6栋", "1", "", "", ""],  # building without room
]


def counts(s: StationFixture) -> tuple[int, int, int]:
    with s.station.db.read_session() as ses:
        return (
            ses.scalar(text("SELECT count(*) FROM resident")) or 0,
            ses.scalar(text("SELECT count(*) FROM building")) or 0,
            ses.scalar(text("SELECT count(*) FROM household")) or 0,
        )
