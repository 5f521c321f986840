"""The Chinese working-day calendar and case deadlines counted in working days.

Counting rules (a product decision, the usual one for promised time limits, 承诺时限):

* The day a case is received is day 0 and is never counted, whether or not it is a working day.
  A limit of ``n`` working days runs from the next working day: the due date is the ``n``-th
  working day strictly after the day of receipt. A case received on Friday with a 1-day limit
  is due on Monday (or on the first working day after a holiday).
* A limit of 0 means "on the spot" (马上办): due the day it is received.
* A case is due until the end of its due date; it is overdue (red) from the next calendar day.
* Working days spent in PENDING_MATERIALS (补正) do not count: the due date moves on by that many
  working days (:meth:`WorkCalendar.due_date`) and they are left out of the elapsed time
  (:meth:`WorkCalendar.deadline_status`).

Dates outside the years the calendar data covers fall back to Monday to Friday.
Datetimes are taken as local station time (Asia/Shanghai); only their date matters here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

CALENDAR_FORMAT = "stationdesk.workdays/1"

#: Share of the limit (in working days) after which a case turns amber.
AMBER_THRESHOLD = 0.75

_TOP_LEVEL_KEYS = frozenset({"format", "version", "source", "generated_on", "notes", "years"})
_YEAR_KEYS = frozenset({"holidays", "workdays"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _as_date(value: date | datetime) -> date:
    """Return the calendar date of a date or a (local-time) datetime."""
    if isinstance(value, datetime):
        return value.date()
    return value


def _parse_date(text: object, where: str) -> date:
    if not isinstance(text, str) or not _ISO_DATE.match(text):
        raise ValueError(f"{where}: expected a date as 'YYYY-MM-DD', got {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{where}: {text!r} is not a valid date ({exc})") from None


class DeadlineLevel(StrEnum):
    """Traffic-light state of a case against its promised time limit."""

    OK = "ok"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    """Where a case stands against its deadline at one moment.

    ``fraction_elapsed`` is active working days elapsed ÷ working-day limit (may exceed 1);
    ``limit_working_days`` and ``elapsed_working_days`` both exclude paused working days.
    """

    level: DeadlineLevel
    due: date
    elapsed_working_days: int
    limit_working_days: int
    fraction_elapsed: float

    @property
    def overdue(self) -> bool:
        """True when the due date has passed."""
        return self.level is DeadlineLevel.RED


@dataclass(frozen=True, slots=True)
class YearRule:
    """One year's exceptions to Monday-Friday: weekday days off and weekend working days."""

    holidays: frozenset[date]
    workdays: frozenset[date]


class WorkCalendar:
    """Tells working days from days off, and counts deadlines in working days.

    Build it with :meth:`from_dict` from the district's calendar data (the shipped file is
    ``resources/calendar/cn-workdays.json``), or :meth:`weekdays_only` for plain Monday-Friday.
    """

    def __init__(
        self,
        years: Mapping[int, YearRule],
        *,
        version: int = 0,
        source: str = "",
    ) -> None:
        self._years: dict[int, YearRule] = dict(years)
        self.version = version
        self.source = source

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def weekdays_only(cls) -> WorkCalendar:
        """A calendar without holiday data: every Monday-Friday is a working day."""
        return cls({}, version=0, source="Monday-Friday")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WorkCalendar:
        """Parse and validate calendar data; raise ``ValueError`` saying what is wrong.

        Expected shape::

            {"version": 1, "source": "...", "format": "stationdesk.workdays/1" (optional),
             "generated_on": "...", "notes": "..." (optional),
             "years": {"2025": {"holidays": ["2025-10-01", ...],
                                "workdays": ["2025-09-28", ...]}}}

        ``holidays`` are days off that fall on Monday-Friday; ``workdays`` are Saturdays or
        Sundays worked in exchange (调休上班). Every date must belong to the year it is listed
        under, and no date may be listed twice.
        """
        if not isinstance(data, Mapping):
            raise ValueError("calendar data must be a JSON object")
        unknown = set(data) - _TOP_LEVEL_KEYS
        if unknown:
            raise ValueError(f"calendar data has unknown keys: {', '.join(sorted(unknown))}")
        fmt = data.get("format", CALENDAR_FORMAT)
        if fmt != CALENDAR_FORMAT:
            raise ValueError(f"calendar format {fmt!r} is not supported (need {CALENDAR_FORMAT!r})")
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise ValueError(f"calendar 'version' must be a positive integer, got {version!r}")
        source = data.get("source")
        if not isinstance(source, str) or not source.strip():
            raise ValueError("calendar 'source' must be a non-empty string")
        raw_years = data.get("years")
        if not isinstance(raw_years, Mapping) or not raw_years:
            raise ValueError("calendar 'years' must be a non-empty object keyed by year")

        years: dict[int, YearRule] = {}
        for key, entry in raw_years.items():
            if not isinstance(key, str) or not re.fullmatch(r"\d{4}", key):
                raise ValueError(f"calendar year key must be a 4-digit string, got {key!r}")
            year = int(key)
            if not isinstance(entry, Mapping):
                raise ValueError(f"year {key}: expected an object with 'holidays' and 'workdays'")
            unknown = set(entry) - _YEAR_KEYS
            missing = _YEAR_KEYS - set(entry)
            if unknown:
                raise ValueError(f"year {key}: unknown keys: {', '.join(sorted(unknown))}")
            if missing:
                raise ValueError(f"year {key}: missing keys: {', '.join(sorted(missing))}")
            holidays = cls._parse_day_list(entry["holidays"], year, f"year {key} holidays")
            workdays = cls._parse_day_list(entry["workdays"], year, f"year {key} workdays")
            for day in holidays:
                if day.weekday() >= 5:
                    raise ValueError(
                        f"year {key} holidays: {day.isoformat()} is a weekend day; "
                        "list only days off that fall on Monday-Friday"
                    )
            for day in workdays:
                if day.weekday() < 5:
                    raise ValueError(
                        f"year {key} workdays: {day.isoformat()} is a Monday-Friday; "
                        "list only Saturdays or Sundays that are worked"
                    )
            years[year] = YearRule(holidays=frozenset(holidays), workdays=frozenset(workdays))
        return cls(years, version=version, source=source)

    @staticmethod
    def _parse_day_list(raw: object, year: int, where: str) -> list[date]:
        if not isinstance(raw, list):
            raise ValueError(f"{where}: expected a list of 'YYYY-MM-DD' dates")
        days: list[date] = []
        seen: set[date] = set()
        for item in raw:
            day = _parse_date(item, where)
            if day.year != year:
                raise ValueError(f"{where}: {day.isoformat()} is not in {year}")
            if day in seen:
                raise ValueError(f"{where}: {day.isoformat()} is listed twice")
            seen.add(day)
            days.append(day)
        return days

    # -- queries --------------------------------------------------------------------------

    @property
    def covered_years(self) -> tuple[int, ...]:
        """The years with holiday data, ascending; other years use Monday-Friday."""
        return tuple(sorted(self._years))

    def covers(self, day: date | datetime) -> bool:
        """True when holiday data exists for the year of ``day``."""
        return _as_date(day).year in self._years

    def is_workday(self, day: date | datetime) -> bool:
        """True when ``day`` is a working day (adjusted weekend workdays included)."""
        d = _as_date(day)
        rule = self._years.get(d.year)
        if rule is not None:
            if d in rule.workdays:
                return True
            if d in rule.holidays:
                return False
        return d.weekday() < 5

    def add_working_days(self, start: date | datetime, n: int) -> date:
        """Return the ``n``-th working day strictly after ``start``'s date.

        ``start`` itself never counts (day 0). ``n == 0`` returns ``start``'s date unchanged.
        The result is always a working day when ``n >= 1``. Negative ``n`` is refused.
        """
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        day = _as_date(start)
        remaining = n
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def next_workday(self, day: date | datetime) -> date:
        """Return the first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def working_days_between(self, a: date | datetime, b: date | datetime) -> int:
        """Count working days in the half-open interval (a, b] of calendar dates.

        ``a``'s date is excluded and ``b``'s included, so that
        ``working_days_between(d, add_working_days(d, n)) == n``. When ``b`` is before ``a``
        the result is the negated count for (b, a]; when they are the same date it is 0.
        """
        start, end = _as_date(a), _as_date(b)
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    # -- deadlines ------------------------------------------------------------------------

    def paused_working_days(
        self,
        pauses: Iterable[tuple[date | datetime, date | datetime | None]],
        now: date | datetime,
    ) -> int:
        """Total working days spent paused (PENDING_MATERIALS), for :meth:`due_date`.

        Each pause is ``(paused_at, resumed_at)``; ``resumed_at`` is ``None`` while the case is
        still paused (counted up to ``now``). One pause covers the working days in
        (paused date, resumed date]: the day of pausing still counts against the limit, the
        day of resuming does not. Pauses resumed on the day they began contribute 0.
        """
        total = 0
        for paused_at, resumed_at in pauses:
            end = now if resumed_at is None else resumed_at
            if _as_date(end) < _as_date(paused_at):
                raise ValueError("a pause cannot end before it starts")
            total += self.working_days_between(paused_at, end)
        return total

    def due_date(self, received_at: date | datetime, limit_days: int, paused_days: int = 0) -> date:
        """Return the due date: ``limit_days + paused_days`` working days after receipt.

        ``paused_days`` is the number of working days spent in PENDING_MATERIALS (see
        :meth:`paused_working_days`); each one moves the due date on by one working day.
        """
        if limit_days < 0:
            raise ValueError(f"limit_days must be >= 0, got {limit_days}")
        if paused_days < 0:
            raise ValueError(f"paused_days must be >= 0, got {paused_days}")
        return self.add_working_days(received_at, limit_days + paused_days)

    def deadline_status(
        self,
        received_at: date | datetime,
        due: date,
        now: date | datetime,
        paused_working_days: int = 0,
    ) -> DeadlineStatus:
        """Classify a case at ``now`` against ``due`` (as returned by :meth:`due_date`).

        * limit = working days in (received, due] minus ``paused_working_days``;
        * elapsed = working days in (received, now] minus ``paused_working_days``, at least 0;
        * fraction = elapsed ÷ limit; a 0-day (on-the-spot) limit counts as fully used from the
          start: fraction 1.0 on the day of receipt, then the working days elapsed;
        * RED when ``now``'s date is after ``due``; else AMBER when fraction >= 0.75;
          else OK.

        Pass the same ``paused_working_days`` that was used to compute ``due`` (while a case
        is still paused that is the count up to ``now``).
        """
        if paused_working_days < 0:
            raise ValueError(f"paused_working_days must be >= 0, got {paused_working_days}")
        received_day, today = _as_date(received_at), _as_date(now)
        limit = max(self.working_days_between(received_day, due) - paused_working_days, 0)
        elapsed = max(self.working_days_between(received_day, today) - paused_working_days, 0)
        fraction = elapsed / limit if limit else max(float(elapsed), 1.0)
        if today > due:
            level = DeadlineLevel.RED
        elif fraction >= AMBER_THRESHOLD:
            level = DeadlineLevel.AMBER
        else:
            level = DeadlineLevel.OK
        return DeadlineStatus(
            level=level,
            fraction_elapsed=fraction,
            elapsed_working_days=elapsed,
            limit_working_days=limit,
            due=due,
        )
