"""Cases for the tests: a new-case input, station wall-clock times, a hand-computed month
(March 2026), a case referred to a department and a photo to attach."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from stationdesk.services import case_reference, cases
from stationdesk.services.cases import NewCase
from tests.conftest import StationFixture

if TYPE_CHECKING:
    from tests.e2e.stations import SyncedStation

DEPT = "STREET_CIVIL_AFFAIRS"  # the department referred_case sends the case to
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def photo(size: int, randbytes: Callable[[int], bytes] = os.urandom) -> bytes:
    """A PNG signature and ``size`` random bytes: an attachment that passes as a PNG and does
    not compress, like a photo."""
    return PNG_SIGNATURE + randbytes(size)


def local_at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A China Standard Time wall-clock moment as the UTC time the station clock holds."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def new_case(type_code: str = "POLICY_CONSULTATION", **kw: object) -> NewCase:
    fields: dict[str, object] = {"channel": "walk-in", "summary": "咨询高龄津贴申领条件"}
    fields.update(kw)
    return NewCase(type_code=type_code, **fields)  # type: ignore[arg-type]


MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def build_march(st: StationFixture) -> dict[str, str]:
    """Seven cases in March 2026 (no holidays in March; Qingming is Apr 4-6).

    A  Mon 03-02 王芳 政策咨询 (1 day, due 03-03), grid G1: on the spot, 满意, closed 03-02.
    B  Mon 03-02 王芳 养老保险 (5 days, due 03-09), G1: referred 03-02, acked 03-03 (in time),
       replied/verified/resolved 03-05, 基本满意 03-06, closed 03-10 (late).
    C  Tue 03-03 李站长 家庭医生 (5 days), G2: not accepted.
    D  Wed 03-04 王芳 养老保险 (due 03-11), no grid: referred 03-04, acked 03-06 (late: the
       limit was 03-05), resolved 03-09, never followed up or closed.
    E  Thu 03-05 王芳 政策咨询 (due 03-06), no grid: still REGISTERED.
    F  Fri 03-20 李站长 政策咨询 (due 03-23), G2: on the spot, 不满意 -> reopened.
    G  Tue 03-31 王芳 养老保险 (due 04-08 over Qingming), no grid: referred 03-31, not acked.
    The report is computed on Wed 04-01 10:00, when G's ack limit (04-01) has not passed.
    """
    w, h, s = st.worker, st.head, st.station
    ids: dict[str, str] = {}

    def at(month: int, day: int, hour: int = 10, minute: int = 0) -> None:
        st.clock.now = local_at(2026, month, day, hour, minute)

    at(3, 2)
    ids["A"] = cases.open_case(s, w, new_case(grid="G1", resolve_on_the_spot="当场解答")).case.id
    at(3, 2, 10, 5)
    cases.rate(s, w, ids["A"], "satisfied")
    at(3, 2, 10, 6)
    cases.act(s, w, ids["A"], "close")

    at(3, 2, 11)
    ids["B"] = cases.open_case(s, w, new_case("RESIDENT_PENSION_ENROLMENT", grid="G1")).case.id
    cases.act(s, w, ids["B"], "accept")
    cases.act(s, w, ids["B"], "refer", department="STREET_SOCIAL_SECURITY")
    at(3, 3)
    cases.act(s, w, ids["B"], "ack")
    at(3, 5)
    cases.act(s, w, ids["B"], "reply", note="已办理")
    cases.act(s, w, ids["B"], "verify")
    cases.act(s, w, ids["B"], "resolve")
    at(3, 6)
    cases.rate(s, w, ids["B"], "basically-satisfied")
    at(3, 10)
    cases.act(s, w, ids["B"], "close")

    at(3, 3)
    ids["C"] = cases.open_case(s, h, new_case("FAMILY_DOCTOR_SIGNUP", grid="G2")).case.id
    cases.act(s, h, ids["C"], "reject", note="不属于本站受理范围")

    at(3, 4)
    ids["D"] = cases.open_case(s, w, new_case("RESIDENT_PENSION_ENROLMENT")).case.id
    cases.act(s, w, ids["D"], "accept")
    cases.act(s, w, ids["D"], "refer", department="STREET_SOCIAL_SECURITY")
    at(3, 6)
    cases.act(s, w, ids["D"], "ack")
    at(3, 9)
    cases.act(s, w, ids["D"], "reply", note="已办理")
    cases.act(s, w, ids["D"], "verify")
    cases.act(s, w, ids["D"], "resolve")

    at(3, 5)
    ids["E"] = cases.open_case(s, w, new_case()).case.id

    at(3, 20)
    ids["F"] = cases.open_case(s, h, new_case(grid="G2", resolve_on_the_spot="当场解答")).case.id
    at(3, 20, 10, 5)
    cases.rate(s, h, ids["F"], "dissatisfied", note="答复不清楚")

    at(3, 31)
    ids["G"] = cases.open_case(s, w, new_case("RESIDENT_PENSION_ENROLMENT")).case.id
    cases.act(s, w, ids["G"], "accept")
    cases.act(s, w, ids["G"], "refer", department="STREET_SOCIAL_SECURITY")

    at(4, 1)
    return ids


def referred_case(st: SyncedStation, phone: str | None = "13812345678") -> str:
    code = case_reference.list_matter_types(st.station)[0].code
    info = cases.open_case(
        st.station,
        st.head,
        cases.NewCase(
            type_code=code,
            channel="walk-in",
            summary="楼道灯不亮",
            description="3栋2单元楼道灯坏了一周",
            address="3栋2单元",
            reporter_name="王先生",
            reporter_phone=phone,
        ),
    )
    cases.act(st.station, st.head, info.case.id, "accept")
    cases.act(st.station, st.head, info.case.id, "refer", note="请街道协调维修", department=DEPT)
    return info.case.id
