"""Working-day calendar and deadlines: holidays, adjusted workdays, pauses, amber and red."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta
from typing import Any

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationdesk.domain.workdays import DeadlineLevel, WorkCalendar
from stationdesk.resources import resource_path


@pytest.fixture(scope="module")
def calendar_data() -> dict[str, Any]:
    with resource_path("calendar", "cn-workdays.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@pytest.fixture(scope="module")
def cal(calendar_data: dict[str, Any]) -> WorkCalendar:
    return WorkCalendar.from_dict(calendar_data)


# Built once at import for the hypothesis test (fixtures do not mix well with @given).
with resource_path("calendar", "cn-workdays.json").open(encoding="utf-8") as _handle:
    CAL = WorkCalendar.from_dict(json.load(_handle))


def _days(year: int) -> list[date]:
    start = date(year, 1, 1)
    return [start + timedelta(days=i) for i in range((date(year + 1, 1, 1) - start).days)]


# --- the data file -----------------------------------------------------------------------


def test_file_has_source_and_version(calendar_data: dict[str, Any]) -> None:
    assert isinstance(calendar_data["version"], int) and calendar_data["version"] >= 1
    assert calendar_data["source"].strip()
    assert {"2024", "2025", "2026"} <= set(calendar_data["years"])


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_file_agrees_with_chinese_calendar_every_day(cal: WorkCalendar, year: int) -> None:
    mismatches = [d for d in _days(year) if cal.is_workday(d) != chinese_calendar.is_workday(d)]
    assert mismatches == []


def test_2025_national_day(cal: WorkCalendar) -> None:
    # Oct 1-8 2025 off (National Day + Mid-Autumn); Sun Sep 28 and Sat Oct 11 worked.
    for day in range(1, 9):
        assert not cal.is_workday(date(2025, 10, day))
    assert cal.is_workday(date(2025, 9, 28))  # a Sunday
    assert cal.is_workday(date(2025, 10, 11))  # a Saturday
    assert not cal.is_workday(date(2025, 9, 27))  # ordinary Saturday
    assert not cal.is_workday(date(2025, 10, 12))  # ordinary Sunday
    assert cal.is_workday(date(2025, 10, 9))


def test_2026_spring_festival(cal: WorkCalendar) -> None:
    # Feb 15-23 2026 off; Sat Feb 14 and Sat Feb 28 worked.
    for day in range(15, 24):
        assert not cal.is_workday(date(2026, 2, day))
    assert cal.is_workday(date(2026, 2, 14))
    assert cal.is_workday(date(2026, 2, 28))
    assert cal.is_workday(date(2026, 2, 24))


# --- counting ------------------------------------------------------------------------------


def test_day_of_receipt_is_not_counted(cal: WorkCalendar) -> None:
    # Received Tuesday 2025-03-04: 1 working day -> Wednesday 03-05.
    assert cal.add_working_days(date(2025, 3, 4), 1) == date(2025, 3, 5)
    # Received Friday 2025-03-07: 1 working day -> Monday 03-10.
    assert cal.add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 10)
    # Received on a Saturday: the next working day is still day 1.
    assert cal.add_working_days(date(2025, 3, 8), 1) == date(2025, 3, 10)
    # 0 days: due the same day (on the spot).
    assert cal.add_working_days(datetime(2025, 3, 8, 10, 0), 0) == date(2025, 3, 8)
    with pytest.raises(ValueError):
        cal.add_working_days(date(2025, 3, 8), -1)


def test_deadline_across_2025_national_day(cal: WorkCalendar) -> None:
    # Received Friday 2025-09-26 at 16:00 with a 5-working-day limit.
    # Working days after it: Sun 09-28 (adjusted) 1, Mon 09-29 2, Tue 09-30 3,
    # [Oct 1-8 off], Thu 10-09 4, Fri 10-10 5.
    received = datetime(2025, 9, 26, 16, 0)
    assert cal.due_date(received, 5) == date(2025, 10, 10)
    # 6 days: Sat 10-11 is an adjusted workday.
    assert cal.due_date(received, 6) == date(2025, 10, 11)
    # 7 days: Sun 10-12 off -> Mon 10-13.
    assert cal.due_date(received, 7) == date(2025, 10, 13)
    # Received on a holiday (Oct 3): day 1 is Thu Oct 9.
    assert cal.due_date(date(2025, 10, 3), 1) == date(2025, 10, 9)
    assert cal.working_days_between(date(2025, 9, 26), date(2025, 10, 13)) == 7
    assert cal.working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 0


def test_deadline_across_2026_spring_festival(cal: WorkCalendar) -> None:
    # Received Thursday 2026-02-12 with a 3-day limit:
    # Fri 02-13 1, Sat 02-14 (adjusted) 2, [Feb 15-23 off], Tue 02-24 3.
    assert cal.due_date(date(2026, 2, 12), 3) == date(2026, 2, 24)
    # 10 days: 02-24 3, 25 4, 26 5, 27 6, Sat 28 (adjusted) 7, Mon 03-02 8, 03 9, 04 10.
    assert cal.due_date(date(2026, 2, 12), 10) == date(2026, 3, 4)
    assert cal.working_days_between(date(2026, 2, 12), date(2026, 3, 4)) == 10


def test_pause_extends_due_date(cal: WorkCalendar) -> None:
    # Received Mon 2025-09-22, 5-day limit: 23, 24, 25, 26, Sun 28 -> due Sun 09-28.
    received = date(2025, 9, 22)
    assert cal.due_date(received, 5) == date(2025, 9, 28)
    # Paused Wed 09-24, resumed Thu 10-09: paused days are (09-24, 10-09] working days =
    # 09-25, 09-26, 09-28, 09-29, 09-30, 10-09 = 6.
    paused = cal.paused_working_days(
        [(datetime(2025, 9, 24, 9), datetime(2025, 10, 9, 15))], now=date(2025, 10, 10)
    )
    assert paused == 6
    # 5 + 6 = 11 working days: 23 24 25 26 28 29 30 | 10-09 10-10 10-11 10-13 -> 10-13.
    assert cal.due_date(received, 5, paused_days=paused) == date(2025, 10, 13)
    # An open pause counts up to now.
    assert cal.paused_working_days([(date(2025, 9, 24), None)], now=date(2025, 9, 26)) == 2
    with pytest.raises(ValueError):
        cal.paused_working_days([(date(2025, 9, 24), date(2025, 9, 23))], now=date(2025, 9, 26))
    with pytest.raises(ValueError):
        cal.due_date(received, 5, paused_days=-1)


# --- status ------------------------------------------------------------------------------


def test_amber_and_red_thresholds(cal: WorkCalendar) -> None:
    # Received Mon 2025-03-03, 4-day limit -> due Fri 03-07. Amber from 3/4 = 0.75.
    received = datetime(2025, 3, 3, 9, 30)
    due = cal.due_date(received, 4)
    assert due == date(2025, 3, 7)
    cases = [
        (date(2025, 3, 3), 0, DeadlineLevel.OK),
        (date(2025, 3, 4), 1, DeadlineLevel.OK),
        (date(2025, 3, 5), 2, DeadlineLevel.OK),  # 0.5
        (date(2025, 3, 6), 3, DeadlineLevel.AMBER),  # exactly 0.75
        (date(2025, 3, 7), 4, DeadlineLevel.AMBER),  # due today: still not overdue
        (date(2025, 3, 8), 4, DeadlineLevel.RED),  # Saturday after the due date
        (date(2025, 3, 10), 5, DeadlineLevel.RED),
    ]
    for now, elapsed, level in cases:
        status = cal.deadline_status(received, due, datetime.combine(now, datetime.min.time()))
        assert status.level is level, now
        assert status.elapsed_working_days == elapsed
        assert status.limit_working_days == 4
        assert status.fraction_elapsed == pytest.approx(elapsed / 4)
        assert status.overdue is (level is DeadlineLevel.RED)


def test_amber_just_below_threshold(cal: WorkCalendar) -> None:
    # 5-day limit: 3/5 = 0.6 is ok, 4/5 = 0.8 is amber.
    received = date(2025, 3, 3)
    due = cal.due_date(received, 5)
    assert cal.deadline_status(received, due, date(2025, 3, 6)).level is DeadlineLevel.OK
    assert cal.deadline_status(received, due, date(2025, 3, 7)).level is DeadlineLevel.AMBER


def test_status_with_pause(cal: WorkCalendar) -> None:
    # 4-day limit received Mon 2025-03-03; paused 2 working days -> due Tue 03-11.
    received = date(2025, 3, 3)
    due = cal.due_date(received, 4, paused_days=2)
    assert due == date(2025, 3, 11)
    # On Fri 03-07: 4 working days passed, 2 of them paused -> 2 / 4 = 0.5 -> ok.
    status = cal.deadline_status(received, due, date(2025, 3, 7), paused_working_days=2)
    assert status.level is DeadlineLevel.OK
    assert status.limit_working_days == 4
    assert status.fraction_elapsed == pytest.approx(0.5)
    # Forgetting to pass the pause counts paused days as used: 4 of 6 -> 0.67.
    unpaused = cal.deadline_status(received, due, date(2025, 3, 7))
    assert unpaused.fraction_elapsed == pytest.approx(4 / 6)
    # Two more working days (Mon 03-10, Tue 03-11 = 4 of 4 active): amber on the due date.
    assert cal.deadline_status(received, due, date(2025, 3, 11), 2).level is DeadlineLevel.AMBER
    assert cal.deadline_status(received, due, date(2025, 3, 12), 2).level is DeadlineLevel.RED


def test_on_the_spot_limit(cal: WorkCalendar) -> None:
    received = date(2025, 3, 3)
    due = cal.due_date(received, 0)
    assert due == received
    same_day = cal.deadline_status(received, due, received)
    assert same_day.level is DeadlineLevel.AMBER
    assert same_day.fraction_elapsed == 1.0
    assert cal.deadline_status(received, due, date(2025, 3, 4)).level is DeadlineLevel.RED


def test_deadline_across_holiday_stays_ok(cal: WorkCalendar) -> None:
    # Received Tue 2025-09-30, 5-day limit -> 10-09, 10, 11, 13, 14 -> due 10-14.
    # During the holiday no working day passes: still 0 elapsed on 10-08.
    received = date(2025, 9, 30)
    due = cal.due_date(received, 5)
    assert due == date(2025, 10, 14)
    status = cal.deadline_status(received, due, date(2025, 10, 8))
    assert status.elapsed_working_days == 0
    assert status.level is DeadlineLevel.OK


# --- fallback and parsing ---------------------------------------------------------------


def test_fallback_outside_covered_years(cal: WorkCalendar) -> None:
    assert 2030 not in cal.covered_years
    assert not cal.covers(date(2030, 10, 1))
    # 2030-10-01 is a Tuesday: without data it is a plain working day.
    assert cal.is_workday(date(2030, 10, 1))
    assert not cal.is_workday(date(2030, 10, 5))  # Saturday
    # Fri 2030-01-04 + 1 -> Mon 01-07.
    assert cal.add_working_days(date(2030, 1, 4), 1) == date(2030, 1, 7)
    plain = WorkCalendar.weekdays_only()
    assert plain.is_workday(date(2025, 10, 1))  # no holiday data at all
    assert not plain.is_workday(date(2025, 9, 28))


def test_counting_crosses_into_an_uncovered_year(cal: WorkCalendar) -> None:
    last = max(cal.covered_years)
    # Thu Dec 31 of the last covered year + n continues on Mon-Fri rules next year.
    start = date(last, 12, 31)
    result = cal.add_working_days(start, 3)
    assert result.year == last + 1
    assert cal.working_days_between(start, result) == 3


def _valid() -> dict[str, Any]:
    return {
        "version": 2,
        "source": "test",
        "years": {"2025": {"holidays": ["2025-10-01"], "workdays": ["2025-09-28"]}},
    }


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("version"), "version"),
        (lambda d: d.update(version="1"), "version"),
        (lambda d: d.update(version=True), "version"),
        (lambda d: d.update(source=""), "source"),
        (lambda d: d.pop("years"), "years"),
        (lambda d: d.update(years={}), "years"),
        (lambda d: d.update(extra=1), "unknown keys"),
        (lambda d: d.update(format="other/9"), "format"),
        (lambda d: d["years"].update({"25": d["years"]["2025"]}), "4-digit"),
        (lambda d: d["years"]["2025"].pop("workdays"), "missing"),
        (lambda d: d["years"]["2025"].update(holiday=[]), "unknown keys"),
        (lambda d: d["years"]["2025"].update(holidays="2025-10-01"), "list"),
        (lambda d: d["years"]["2025"]["holidays"].append("2025/10/02"), "YYYY-MM-DD"),
        (lambda d: d["years"]["2025"]["holidays"].append("2025-02-30"), "not a valid date"),
        (lambda d: d["years"]["2025"]["holidays"].append("2026-01-01"), "not in 2025"),
        (lambda d: d["years"]["2025"]["holidays"].append("2025-10-01"), "twice"),
        (lambda d: d["years"]["2025"]["holidays"].append("2025-10-04"), "weekend"),
        (lambda d: d["years"]["2025"]["workdays"].append("2025-10-09"), "Monday-Friday"),
    ],
)
def test_bad_data_is_rejected_clearly(mutate: Any, message: str) -> None:
    data = copy.deepcopy(_valid())
    WorkCalendar.from_dict(copy.deepcopy(data))  # the base is valid
    mutate(data)
    with pytest.raises(ValueError, match=message):
        WorkCalendar.from_dict(data)


def test_non_mapping_is_rejected() -> None:
    with pytest.raises(ValueError, match="JSON object"):
        WorkCalendar.from_dict([])  # type: ignore[arg-type]


def test_parsed_metadata() -> None:
    parsed = WorkCalendar.from_dict(_valid())
    assert parsed.version == 2
    assert parsed.source == "test"
    assert parsed.covered_years == (2025,)
    assert not parsed.is_workday(date(2025, 10, 1))
    assert parsed.is_workday(date(2025, 9, 28))
    assert parsed.is_workday(date(2025, 10, 2))  # not listed in this small calendar


# --- properties --------------------------------------------------------------------------

dates = st.dates(min_value=date(2023, 6, 1), max_value=date(2028, 6, 30))


@given(start=dates, n=st.integers(min_value=0, max_value=60))
def test_add_working_days_lands_on_a_workday_and_is_consistent(start: date, n: int) -> None:
    result = CAL.add_working_days(start, n)
    if n >= 1:
        assert CAL.is_workday(result)
        assert result > start
        # nothing between the previous count and the result is skipped
        assert CAL.add_working_days(start, n - 1) < result
    else:
        assert result == start
    assert CAL.working_days_between(start, result) == n


@given(a=dates, b=dates)
def test_working_days_between_is_antisymmetric_and_additive(a: date, b: date) -> None:
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)
    middle = min(a, b) + timedelta(days=abs((b - a).days) // 2)
    assert CAL.working_days_between(a, b) == (
        CAL.working_days_between(a, middle) + CAL.working_days_between(middle, b)
    )
    naive = sum(1 for i in range(1, (b - a).days + 1) if CAL.is_workday(a + timedelta(days=i)))
    if b >= a:
        assert CAL.working_days_between(a, b) == naive
