"""Case performance metrics (受理率, 办结率, 按期办结率, 及时签收率, 回访率, 满意率) from facts.

The definitions are product decisions (docs/domain.md, "One-window cases"); each is spelled out on
:func:`compute_metrics`. A period is a closed range of calendar dates ``[period_start,
period_end]``; a datetime falls in it when its (local, Asia/Shanghai) date does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, overload

from stationdesk.domain.cases import CaseState, SatisfactionGrade
from stationdesk.domain.workdays import WorkCalendar

GroupKey = Literal["worker", "type", "grid"]

#: Group key used by :func:`compute_metrics_by` for cases without a grid.
NO_GRID = ""


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What one case contributes to the metrics, flattened by the services layer.

    * ``worker``: the owning worker (首问负责: whoever received it first).
    * ``type_code``: the matter type code; ``grid``: the grid code, ``None`` if unknown.
    * ``registered_at``: when the case was registered (received).
    * ``accepted``: ``True`` accepted, ``False`` not accepted, ``None`` not decided yet.
    * ``due``: the due date (already extended by paused working days); ``None`` if not
      accepted.
    * ``resolved_at``: when the case last reached RESOLVED; ``None`` if it has not, or if it
      was reopened and is not resolved again.
    * ``closed_at``: when the case reached CLOSED; ``None`` if it has not.
    * ``referred``: the case was referred to a department at least once.
    * ``referral_acked_in_time``: ``True`` if the (first) referral was acknowledged within the
      ack limit, ``False`` if it was acknowledged late or the limit has passed without an
      acknowledgement, ``None`` while it is not acknowledged and the limit has not passed
      (or when the case was never referred). See :func:`referral_acked_in_time`.
    * ``followed_up``: a follow-up (回访) was recorded after resolution.
    * ``rating``: the resident's satisfaction grade, ``None`` if not rated.
    """

    case_id: str
    worker: str
    type_code: str
    grid: str | None
    state: CaseState
    registered_at: datetime | date
    accepted: bool | None
    due: date | None
    closed_at: datetime | date | None
    resolved_at: datetime | date | None
    referred: bool
    referral_acked_in_time: bool | None
    followed_up: bool
    rating: SatisfactionGrade | None


@dataclass(frozen=True, slots=True)
class MetricsRule:
    """The configurable parts of the metric definitions.

    * ``count_basic_satisfied``: whether 基本满意 counts as satisfied in 满意率.
    * ``ack_limit_working_days``: a referral must be acknowledged (签收) within this many
      working days after the day it was referred; used by :func:`referral_acked_in_time`
      when the services layer builds :class:`CaseFacts`.
    """

    count_basic_satisfied: bool = True
    ack_limit_working_days: int = 1

    def __post_init__(self) -> None:
        if self.ack_limit_working_days < 0:
            raise ValueError("ack_limit_working_days must be >= 0")

    def satisfied_grades(self) -> frozenset[SatisfactionGrade]:
        """The grades that count as satisfied under this rule."""
        grades = {SatisfactionGrade.VERY_SATISFIED, SatisfactionGrade.SATISFIED}
        if self.count_basic_satisfied:
            grades.add(SatisfactionGrade.BASICALLY_SATISFIED)
        return frozenset(grades)


class Rate:
    """One of the six rates: its Chinese name and the two counts of :class:`Metrics` it divides.

    Declared on :class:`Metrics`, it reads as its value there (``metrics.acceptance_rate``, a
    float in [0, 1], or ``None`` when the denominator is 0) and as itself on the class.
    """

    def __init__(self, name_zh: str, numerator: str, denominator: str) -> None:
        self.name_zh = name_zh
        self.numerator = numerator
        self.denominator = denominator
        self.attr = ""
        self.__doc__ = f"{name_zh} = {numerator} ÷ {denominator}."

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = name

    def counts(self, metrics: Metrics) -> tuple[int, int]:
        """The numerator and the denominator in ``metrics``."""
        return getattr(metrics, self.numerator), getattr(metrics, self.denominator)

    def of(self, metrics: Metrics) -> float | None:
        """The rate's value in ``metrics``; None when its denominator is 0."""
        numerator, denominator = self.counts(metrics)
        return numerator / denominator if denominator else None

    @overload
    def __get__(self, metrics: None, owner: type) -> Rate: ...

    @overload
    def __get__(self, metrics: Metrics, owner: type) -> float | None: ...

    def __get__(self, metrics: Metrics | None, owner: type) -> Rate | float | None:
        return self if metrics is None else self.of(metrics)


@dataclass(frozen=True, slots=True)
class Metrics:
    """Counts for one period (and one group) and the rates derived from them.

    Rates are floats in [0, 1], or ``None`` when their denominator is 0.
    """

    period_start: date
    period_end: date
    registered: int = 0
    accepted: int = 0
    not_accepted: int = 0
    due: int = 0
    closed: int = 0
    closed_on_time: int = 0
    referrals: int = 0
    referrals_acked_in_time: int = 0
    referrals_pending_ack: int = 0
    resolved: int = 0
    followed_up: int = 0
    rated: int = 0
    satisfied: int = 0

    acceptance_rate = Rate("受理率", "accepted", "registered")
    completion_rate = Rate("办结率", "closed", "due")
    on_time_rate = Rate("按期办结率", "closed_on_time", "due")
    timely_ack_rate = Rate("及时签收率", "referrals_acked_in_time", "referrals")
    follow_up_rate = Rate("回访率", "followed_up", "resolved")
    satisfaction_rate = Rate("满意率", "satisfied", "rated")

    @property
    def is_empty(self) -> bool:
        """True when no case fell into any of the metric populations."""
        # Referrals are a subset of the registered cases, and ratings of the resolved ones.
        return not (self.registered or self.due or self.resolved)

    def as_dict(self) -> dict[str, float | int | str | None]:
        """The six rates, every count, and the period as ISO dates."""
        return {
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            **{rate.attr: rate.of(self) for rate in RATES},
            "registered": self.registered,
            "accepted": self.accepted,
            "not_accepted": self.not_accepted,
            "due": self.due,
            "closed": self.closed,
            "closed_on_time": self.closed_on_time,
            "referrals": self.referrals,
            "referrals_acked_in_time": self.referrals_acked_in_time,
            "referrals_pending_ack": self.referrals_pending_ack,
            "resolved": self.resolved,
            "followed_up": self.followed_up,
            "rated": self.rated,
            "satisfied": self.satisfied,
        }


#: The six rates, in the order reports show them (the order they are declared on Metrics).
RATES: tuple[Rate, ...] = tuple(v for v in vars(Metrics).values() if isinstance(v, Rate))


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def compute_metrics(
    facts: Iterable[CaseFacts],
    period_start: date,
    period_end: date,
    rule: MetricsRule | None = None,
) -> Metrics:
    """Compute the six metrics over ``[period_start, period_end]`` (dates, both included).

    Each metric has its own population, chosen so that a finished period's figures stop
    changing once its cases are finished:

    * 受理率 ``acceptance_rate`` = ``accepted`` ÷ ``registered``. ``registered``: cases whose
      registration date is in the period; ``accepted``: those of them with ``accepted is
      True``. Cases not decided yet stay in the denominator (they are not accepted yet);
      ``not_accepted`` counts ``accepted is False``.
    * 办结率 ``completion_rate`` = ``closed`` ÷ ``due``. "Due in period" (``due``): cases with a
      due date in the period, except not-accepted ones. ``closed``: those of them closed on or
      before ``period_end`` (closing early, even before the period, counts).
    * 按期办结率 ``on_time_rate`` = ``closed_on_time`` ÷ ``due``: of the same population, those
      closed on or before their due date (the due date already includes pauses).
    * 及时签收率 ``timely_ack_rate`` = ``referrals_acked_in_time`` ÷ ``referrals``.
      ``referrals``: referred cases registered in the period whose timeliness is known
      (``referral_acked_in_time`` is not ``None``); the unknown ones, still within their ack
      limit, are counted apart in ``referrals_pending_ack``.
    * 回访率 ``follow_up_rate`` = ``followed_up`` ÷ ``resolved``. ``resolved``: cases whose
      resolution date is in the period; ``followed_up``: those of them followed up.
    * 满意率 ``satisfaction_rate`` = ``satisfied`` ÷ ``rated``. ``rated``: cases resolved in the
      period that carry a rating; ``satisfied``: those rated 非常满意 or 满意, plus 基本满意 when
      ``rule.count_basic_satisfied``.

    Every rate is ``None`` when its denominator is 0.
    """
    if period_end < period_start:
        raise ValueError("period_end is before period_start")
    rule = rule or MetricsRule()
    satisfied_grades = rule.satisfied_grades()

    def in_period(day: date) -> bool:
        return period_start <= day <= period_end

    registered = accepted = not_accepted = 0
    due = closed = closed_on_time = 0
    referrals = acked_in_time = pending_ack = 0
    resolved = followed_up = rated = satisfied = 0

    for fact in facts:
        if in_period(_day(fact.registered_at)):
            registered += 1
            if fact.accepted is True:
                accepted += 1
            elif fact.accepted is False:
                not_accepted += 1
            if fact.referred:
                if fact.referral_acked_in_time is None:
                    pending_ack += 1
                else:
                    referrals += 1
                    if fact.referral_acked_in_time:
                        acked_in_time += 1

        if fact.due is not None and fact.accepted is not False and in_period(fact.due):
            due += 1
            if fact.closed_at is not None:
                closed_day = _day(fact.closed_at)
                if closed_day <= period_end:
                    closed += 1
                if closed_day <= fact.due:
                    closed_on_time += 1

        if fact.resolved_at is not None and in_period(_day(fact.resolved_at)):
            resolved += 1
            if fact.followed_up:
                followed_up += 1
            if fact.rating is not None:
                rated += 1
                if fact.rating in satisfied_grades:
                    satisfied += 1

    return Metrics(
        period_start=period_start,
        period_end=period_end,
        registered=registered,
        accepted=accepted,
        not_accepted=not_accepted,
        due=due,
        closed=closed,
        closed_on_time=closed_on_time,
        referrals=referrals,
        referrals_acked_in_time=acked_in_time,
        referrals_pending_ack=pending_ack,
        resolved=resolved,
        followed_up=followed_up,
        rated=rated,
        satisfied=satisfied,
    )


_GROUPERS: dict[str, Callable[[CaseFacts], str]] = {
    "worker": lambda fact: fact.worker,
    "type": lambda fact: fact.type_code,
    "grid": lambda fact: fact.grid if fact.grid is not None else NO_GRID,
}


def compute_metrics_by(
    facts: Iterable[CaseFacts],
    key: GroupKey,
    period_start: date,
    period_end: date,
    rule: MetricsRule | None = None,
) -> dict[str, Metrics]:
    """Compute :func:`compute_metrics` per worker, matter type or grid.

    Keys are the worker id, the type code or the grid code (:data:`NO_GRID` for cases without
    a grid), in sorted order. Groups whose cases fall in none of the populations for the
    period (:attr:`Metrics.is_empty`) are left out.
    """
    grouper = _GROUPERS.get(key)
    if grouper is None:
        raise ValueError(f"unknown group key {key!r}: use 'worker', 'type' or 'grid'")
    groups: dict[str, list[CaseFacts]] = {}
    for fact in facts:
        groups.setdefault(grouper(fact), []).append(fact)
    result: dict[str, Metrics] = {}
    for group in sorted(groups):
        metrics = compute_metrics(groups[group], period_start, period_end, rule)
        if not metrics.is_empty:
            result[group] = metrics
    return result


def referral_acked_in_time(
    calendar: WorkCalendar,
    referred_at: datetime | date,
    acknowledged_at: datetime | date | None,
    now: datetime | date,
    rule: MetricsRule | None = None,
) -> bool | None:
    """Decide :attr:`CaseFacts.referral_acked_in_time` for one referral.

    The ack deadline is ``rule.ack_limit_working_days`` working days after the day of
    referral (that day itself is day 0, see :mod:`stationdesk.domain.workdays`): a referral
    made on Friday with a 1-day limit must be acknowledged by the end of Monday.
    Returns ``True``/``False`` once acknowledged; when not acknowledged, ``False`` once the
    deadline has passed and ``None`` before.
    """
    rule = rule or MetricsRule()
    deadline = calendar.add_working_days(referred_at, rule.ack_limit_working_days)
    if acknowledged_at is not None:
        return _day(acknowledged_at) <= deadline
    return None if _day(now) <= deadline else False
