"""双报到 and volunteer service rules: unit types and project lists, activity kinds, wish states,
service hours."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from stationdesk.domain.coded import Coded, coded_label, find_coded, find_labelled

#: The kinds of 驻区单位 that report to a community (data, in display order).
UNIT_TYPES: tuple[str, ...] = ("机关", "企业", "事业单位", "社会组织", "学校", "部队")


@dataclass(frozen=True)
class ActivityKind(Coded):
    """A kind of volunteer activity: a stable code and its Chinese label."""


#: The kinds of volunteer activity (data, in display order).
ACTIVITY_KINDS: tuple[ActivityKind, ...] = (
    ActivityKind("policy", "政策宣讲"),
    ActivityKind("safety", "安全科普"),
    ActivityKind("mediation", "矛盾调解"),
    ActivityKind("environment", "环境整治"),
    ActivityKind("care", "助老助残"),
    ActivityKind("standby", "应急值守"),
    ActivityKind("other", "其他"),
)


@dataclass(frozen=True)
class ProjectList(Coded):
    """Which 结对共建 list a unit's project comes from: a stable code and its Chinese label."""


#: The lists a unit's projects come from (data, in display order).
PROJECT_LISTS: tuple[ProjectList, ...] = (
    ProjectList("resources", "资源清单"),
    ProjectList("needs", "需求清单"),
    ProjectList("projects", "项目清单"),
)


@dataclass(frozen=True)
class ProjectStatus(Coded):
    """Where a unit's project stands: a stable code and its Chinese label."""


#: The states of a unit's project (data, in display order).
PROJECT_STATUSES: tuple[ProjectStatus, ...] = (
    ProjectStatus("planned", "计划中"),
    ProjectStatus("active", "进行中"),
    ProjectStatus("done", "已完成"),
    ProjectStatus("stopped", "已终止"),
)
MAX_PROJECT_TITLE = 60
MAX_PROJECT_NOTE = 200


class SignSource(StrEnum):
    """Where a sign-in came from: the desk at the time, a paper sheet entered afterwards, or a
    correction made after the record was approved."""

    DESK = "desk"
    SHEET = "sheet"
    CORRECTION = "correction"


class WishStatus(StrEnum):
    """Where a 微心愿 stands; the value is the stable code."""

    OPEN = "open"
    CLAIMED = "claimed"
    FULFILLED = "fulfilled"
    CONFIRMED = "confirmed"


WISH_STATUS_ZH: dict[WishStatus, str] = {
    WishStatus.OPEN: "待认领",
    WishStatus.CLAIMED: "已认领",
    WishStatus.FULFILLED: "已完成",
    WishStatus.CONFIRMED: "已确认",
}
#: A wish past its deadline in one of these states is overdue.
WISH_PENDING = frozenset({WishStatus.OPEN, WishStatus.CLAIMED})

#: What a resident says of a fulfilled wish.
WISH_GRADES: tuple[str, ...] = ("满意", "不满意")

#: Categories a wish is filed under (data).
WISH_CATEGORIES: tuple[str, ...] = (
    "生活帮扶",
    "助老助残",
    "医疗健康",
    "学习教育",
    "环境改善",
    "其他",
)


class Rounding(StrEnum):
    """Which way credited time goes to a whole step."""

    DOWN = "down"
    NEAREST = "nearest"
    UP = "up"


@dataclass(frozen=True)
class HoursRule:
    """How service time is credited: to whole steps of ``step_minutes`` (a divisor of 60),
    rounded as ``rounding`` says; times more than ``grace`` outside the activity are refused."""

    step_minutes: int = 30
    rounding: Rounding = Rounding.DOWN
    grace: timedelta = timedelta(hours=2)

    def __post_init__(self) -> None:
        if self.step_minutes <= 0 or 60 % self.step_minutes:
            raise ValueError("the step must be a positive divisor of 60 minutes")


#: The rule in force: down to the half hour; a sign-in or sign-out may be up to 2 hours
#: outside the activity's window (it is clamped to the window).
HOURS_RULE = HoursRule()


def parse_kind(text: str) -> ActivityKind:
    """An activity kind from its code or Chinese label; ValueError names the choices."""
    return find_coded(ACTIVITY_KINDS, text, "activity kind")


def kind_label(code: str) -> str:
    """The Chinese label of a stored kind code (the code itself if no longer listed)."""
    return coded_label(ACTIVITY_KINDS, code)


def parse_project_list(text: str) -> ProjectList:
    """A project's list from its code or Chinese label; ValueError names the choices."""
    return find_coded(PROJECT_LISTS, text, "project list")


def parse_project_status(text: str) -> ProjectStatus:
    """A project's status from its code or Chinese label; ValueError names the choices."""
    return find_coded(PROJECT_STATUSES, text, "project status")


def parse_unit_type(text: str) -> str:
    """A unit type as stored; ValueError names the choices."""
    value = text.strip()
    if value not in UNIT_TYPES:
        raise ValueError(f"unknown unit type; one of {', '.join(UNIT_TYPES)}")
    return value


def parse_wish_status(text: str) -> WishStatus:
    """A wish status from its code or Chinese label; ValueError names the choices."""
    return find_labelled(WISH_STATUS_ZH, text, "wish status")


def parse_grade(text: str) -> str:
    """A resident's grade of a fulfilled wish (满意/不满意, or satisfied/dissatisfied)."""
    value = {"satisfied": "满意", "dissatisfied": "不满意"}.get(text.strip().lower(), text.strip())
    if value not in WISH_GRADES:
        raise ValueError("a grade is 满意 (satisfied) or 不满意 (dissatisfied)")
    return value


def sign_problem(
    signed_in: datetime,
    signed_out: datetime | None,
    starts: datetime,
    ends: datetime,
    rule: HoursRule = HOURS_RULE,
) -> str | None:
    """Why a sign-in (and its sign-out, if any) cannot stand for this activity, or None.

    A sign-in is refused after the activity ended or more than the grace before it started;
    a sign-out must follow the sign-in, come after the activity started and at most the grace
    after it ended.
    """
    if ends <= starts:
        return "the activity ends before it starts"
    if signed_in >= ends:
        return "the sign-in is after the activity ended"
    if signed_in < starts - rule.grace:
        return "the sign-in is too long before the activity starts"
    if signed_out is None:
        return None
    if signed_out <= signed_in:
        return "the sign-out is not after the sign-in"
    if signed_out <= starts:
        return "the sign-out is before the activity starts"
    if signed_out > ends + rule.grace:
        return "the sign-out is too long after the activity ended"
    return None


def served_seconds(
    signed_in: datetime, signed_out: datetime, starts: datetime, ends: datetime
) -> int:
    """Whole seconds of service inside the activity's window (0 when there is no overlap)."""
    begin, end = max(signed_in, starts), min(signed_out, ends)
    return max(0, int((end - begin).total_seconds()))


def credited_minutes(seconds: int, rule: HoursRule = HOURS_RULE) -> int:
    """The minutes credited for ``seconds`` of service, in whole steps by the rule."""
    step = rule.step_minutes * 60
    steps, rest = divmod(max(0, seconds), step)
    up = rule.rounding is Rounding.UP or (rule.rounding is Rounding.NEAREST and 2 * rest >= step)
    if rest and up:
        steps += 1
    return steps * rule.step_minutes


def service_minutes(
    signed_in: datetime,
    signed_out: datetime,
    starts: datetime,
    ends: datetime,
    rule: HoursRule = HOURS_RULE,
) -> int:
    """Credited minutes of one sign-in: the time clamped to the activity's window, in whole
    steps by the rule."""
    return credited_minutes(served_seconds(signed_in, signed_out, starts, ends), rule)


def hours(minutes: int) -> Decimal:
    """Minutes as hours to two places (90 → 1.50)."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def hours_text(minutes: int) -> str:
    """Minutes as hours the way a certificate prints them: ``1.5``, ``10``, ``0.33``."""
    return format(hours(minutes).normalize(), "f")


def unit_key(name: str, unit_type: str) -> str:
    """What two registrations of one unit share: its name and type, compared without spaces,
    full-width forms or case (``北京 市 交通局`` and ``北京市交通局`` are one unit)."""

    def fold(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).casefold().split())

    return f"{fold(name)}/{fold(unit_type)}"


def unit_compared(data: Mapping[str, Any]) -> dict[str, Any]:
    """A unit's state as both ends compare it in the scope hash: an empty project list counts
    as none (a unit synced before units had projects carries none)."""
    return {k: v for k, v in data.items() if k != "projects" or v}
