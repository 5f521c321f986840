"""Case metrics against a small fixture whose figures are worked out by hand below."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from stationdesk.domain.cases import CaseState, SatisfactionGrade
from stationdesk.domain.metrics import (
    NO_GRID,
    CaseFacts,
    Metrics,
    MetricsRule,
    compute_metrics,
    compute_metrics_by,
    referral_acked_in_time,
)
from stationdesk.domain.workdays import WorkCalendar

VS = SatisfactionGrade.VERY_SATISFIED
S = SatisfactionGrade.SATISFIED
BS = SatisfactionGrade.BASICALLY_SATISFIED
DIS = SatisfactionGrade.DISSATISFIED
VDIS = SatisfactionGrade.VERY_DISSATISFIED

START = date(2025, 3, 1)
END = date(2025, 3, 31)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2025, month, day, hour, 0)


def fact(
    case_id: str,
    worker: str,
    type_code: str,
    grid: str | None,
    state: CaseState,
    registered_at: datetime,
    accepted: bool | None,
    due: date | None = None,
    resolved_at: datetime | None = None,
    closed_at: datetime | None = None,
    referred: bool = False,
    acked: bool | None = None,
    followed_up: bool = False,
    rating: SatisfactionGrade | None = None,
) -> CaseFacts:
    return CaseFacts(
        case_id=case_id,
        worker=worker,
        type_code=type_code,
        grid=grid,
        state=state,
        registered_at=registered_at,
        accepted=accepted,
        due=due,
        closed_at=closed_at,
        resolved_at=resolved_at,
        referred=referred,
        referral_acked_in_time=acked,
        followed_up=followed_up,
        rating=rating,
    )


# Period: March 2025. Columns: registered, accepted, due, resolved, closed, referral, follow-up,
# rating. "in" = in the period.
FACTS = [
    # C01 reg 03-03 in; due 03-17 in; resolved 03-10 in; closed 03-12 (on time); followed; VS
    fact("C01", "wang", "NEIGHBOUR_DISPUTE", "G1", CaseState.CLOSED, at(3, 3), True,
         date(2025, 3, 17), at(3, 10), at(3, 12), followed_up=True, rating=VS),
    # C02 reg 03-04 in; due 03-07 in; resolved 03-10; closed 03-11 (late); referral acked in
    # time; not followed up; not rated
    fact("C02", "wang", "STREET_VENDING", "G1", CaseState.CLOSED, at(3, 4), True,
         date(2025, 3, 7), at(3, 10), at(3, 11), referred=True, acked=True),
    # C03 reg 03-05 in; not accepted
    fact("C03", "li", "MIN_LIVING_ALLOWANCE", "G2", CaseState.NOT_ACCEPTED, at(3, 5), False),
    # C04 reg 03-20 in; due 03-21; resolved and closed 03-21 (on time, due day); referral
    # acked late; followed; BS
    fact("C04", "li", "ELEVATOR_FAULT", "G2", CaseState.CLOSED, at(3, 20), True,
         date(2025, 3, 21), at(3, 21, 9), at(3, 21, 17), referred=True, acked=False,
         followed_up=True, rating=BS),
    # C05 reg 03-25 in; due 04-01 (not in); referral not acked yet, limit not passed (pending)
    fact("C05", "zhao", "NOISE_NUISANCE", "G1", CaseState.REFERRED, at(3, 25), True,
         date(2025, 4, 1), referred=True, acked=None),
    # C06 reg 02-20 (not in); due 03-05 in; resolved and closed 03-04 (on time); followed; DIS
    fact("C06", "zhao", "NOISE_NUISANCE", "G3", CaseState.CLOSED, at(2, 20), True,
         date(2025, 3, 5), at(3, 4), at(3, 4, 16), followed_up=True, rating=DIS),
    # C07 reg 03-10 in; no grid; due 03-11 in; resolved and closed 03-10 (on time); VS
    fact("C07", "wang", "POLICY_CONSULTATION", None, CaseState.CLOSED, at(3, 10), True,
         date(2025, 3, 11), at(3, 10, 11), at(3, 10, 12), rating=VS),
    # C08 reg 03-12 in; acceptance not decided yet
    fact("C08", "li", "COMMON_AREA_REPAIR", "G2", CaseState.REGISTERED, at(3, 12), None),
    # C09 reg 03-26 in; due 03-31 in; still being handled (not closed); referral acked in time
    fact("C09", "zhao", "STREET_VENDING", "G3", CaseState.HANDLING, at(3, 26), True,
         date(2025, 3, 31), referred=True, acked=True),
    # C10 reg 03-14 in; due 03-28 in; resolved 03-27 in; closed 04-02 (after the period and
    # late); followed; S
    fact("C10", "wang", "NEIGHBOUR_DISPUTE", "G1", CaseState.CLOSED, at(3, 14), True,
         date(2025, 3, 28), at(3, 27), at(4, 2), followed_up=True, rating=S),
    # C11 entirely in January: contributes nothing to March
    fact("C11", "li", "WASTE_SORTING_COLLECTION", "G2", CaseState.CLOSED, at(1, 15), True,
         date(2025, 1, 20), at(1, 20), at(1, 21), followed_up=True, rating=VS),
    # C12 reg 03-28 in; due 04-01 (not in); resolved 03-31 in; not closed; referral acked in
    # time; not followed up; VDIS
    fact("C12", "zhao", "ELEVATOR_FAULT", "G3", CaseState.RESOLVED, at(3, 28), True,
         date(2025, 4, 1), at(3, 31, 18), referred=True, acked=True, rating=VDIS),
    # C13 reg 02-25 (not in); due 03-03 in; resolved 02-27 (not in); closed 02-28 (early:
    # counts as closed and on time for a case due in March); followed; S
    fact("C13", "wang", "POLICY_CONSULTATION", "G1", CaseState.CLOSED, at(2, 25), True,
         date(2025, 3, 3), at(2, 27), at(2, 28), followed_up=True, rating=S),
]  # fmt: skip


def test_overall_march() -> None:
    m = compute_metrics(FACTS, START, END, MetricsRule(count_basic_satisfied=True))
    # registered in March: C01 C02 C03 C04 C05 C07 C08 C09 C10 C12 = 10
    # accepted among them: all but C03 (not accepted) and C08 (undecided) = 8
    assert (m.registered, m.accepted, m.not_accepted) == (10, 8, 1)
    assert m.acceptance_rate == pytest.approx(8 / 10)
    # due in March: C01 C02 C04 C06 C07 C09 C10 C13 = 8
    # closed by 03-31: C01 C02 C04 C06 C07 C13 = 6 (C09 open, C10 closed 04-02)
    # closed by due date: C01 C04 C06 C07 C13 = 5 (C02 closed 03-11 > 03-07)
    assert (m.due, m.closed, m.closed_on_time) == (8, 6, 5)
    assert m.completion_rate == pytest.approx(6 / 8)
    assert m.on_time_rate == pytest.approx(5 / 8)
    # referrals registered in March: C02 T, C04 F, C05 pending, C09 T, C12 T
    # known = 4, in time = 3, pending = 1
    assert (m.referrals, m.referrals_acked_in_time, m.referrals_pending_ack) == (4, 3, 1)
    assert m.timely_ack_rate == pytest.approx(3 / 4)
    # resolved in March: C01 C02 C04 C06 C07 C10 C12 = 7; followed up: C01 C04 C06 C10 = 4
    assert (m.resolved, m.followed_up) == (7, 4)
    assert m.follow_up_rate == pytest.approx(4 / 7)
    # rated among resolved: C01 VS, C04 BS, C06 DIS, C07 VS, C10 S, C12 VDIS = 6 (C02 unrated)
    # satisfied with 基本满意: VS VS S BS = 4
    assert (m.rated, m.satisfied) == (6, 4)
    assert m.satisfaction_rate == pytest.approx(4 / 6)


def test_basic_satisfied_rule_toggled() -> None:
    with_basic = compute_metrics(FACTS, START, END, MetricsRule(count_basic_satisfied=True))
    without = compute_metrics(FACTS, START, END, MetricsRule(count_basic_satisfied=False))
    # without 基本满意: VS VS S = 3 of 6
    assert (without.rated, without.satisfied) == (6, 3)
    assert without.satisfaction_rate == pytest.approx(0.5)
    assert with_basic.satisfaction_rate == pytest.approx(4 / 6)
    # the default rule counts 基本满意
    assert compute_metrics(FACTS, START, END).satisfied == 4
    # nothing else depends on the rule
    assert with_basic.as_dict() | {"satisfied": 0, "satisfaction_rate": 0} == (
        without.as_dict() | {"satisfied": 0, "satisfaction_rate": 0}
    )


def test_by_worker() -> None:
    by = compute_metrics_by(FACTS, "worker", START, END, MetricsRule(count_basic_satisfied=False))
    assert list(by) == ["li", "wang", "zhao"]
    wang, li, zhao = by["wang"], by["li"], by["zhao"]
    # wang: C01 C02 C07 C10 C13. registered C01 C02 C07 C10 = 4, all accepted
    # due C01 C02 C07 C10 C13 = 5; closed by 03-31 C01 C02 C07 C13 = 4; on time C01 C07 C13 = 3
    # referral C02 in time = 1/1; resolved C01 C02 C07 C10 = 4, followed C01 C10 = 2
    # rated C01 VS, C07 VS, C10 S = 3, all satisfied
    assert wang.acceptance_rate == 1.0
    assert (wang.due, wang.closed, wang.closed_on_time) == (5, 4, 3)
    assert wang.completion_rate == pytest.approx(0.8)
    assert wang.on_time_rate == pytest.approx(0.6)
    assert wang.timely_ack_rate == 1.0
    assert wang.follow_up_rate == pytest.approx(0.5)
    assert wang.satisfaction_rate == 1.0
    # li: C03 C04 C08 (C11 is January). registered 3, accepted C04 = 1
    # due C04 = 1, closed on time; referral C04 late = 0/1; resolved C04, followed; rated BS,
    # which does not count under this rule
    assert li.acceptance_rate == pytest.approx(1 / 3)
    assert (li.completion_rate, li.on_time_rate) == (1.0, 1.0)
    assert li.timely_ack_rate == 0.0
    assert li.follow_up_rate == 1.0
    assert (li.rated, li.satisfied, li.satisfaction_rate) == (1, 0, 0.0)
    # zhao: C05 C06 C09 C12. registered C05 C09 C12 = 3, all accepted
    # due C06 C09 = 2; closed C06 = 1 (on time); referrals C09 C12 in time, C05 pending
    # resolved C06 C12 = 2, followed C06 = 1; rated DIS VDIS = 0 satisfied
    assert zhao.acceptance_rate == 1.0
    assert (zhao.completion_rate, zhao.on_time_rate) == (0.5, 0.5)
    assert (zhao.referrals, zhao.referrals_pending_ack, zhao.timely_ack_rate) == (2, 1, 1.0)
    assert zhao.follow_up_rate == 0.5
    assert zhao.satisfaction_rate == 0.0
    # the groups add up to the whole
    whole = compute_metrics(FACTS, START, END, MetricsRule(count_basic_satisfied=False))
    for count in ("registered", "accepted", "due", "closed", "closed_on_time", "referrals",
                  "resolved", "followed_up", "rated", "satisfied"):  # fmt: skip
        assert sum(getattr(g, count) for g in by.values()) == getattr(whole, count), count


def test_by_type_leaves_out_groups_with_nothing_in_the_period() -> None:
    by = compute_metrics_by(FACTS, "type", START, END)
    # WASTE_SORTING_COLLECTION has only C11 (January)
    assert list(by) == sorted(
        [
            "COMMON_AREA_REPAIR",
            "ELEVATOR_FAULT",
            "MIN_LIVING_ALLOWANCE",
            "NEIGHBOUR_DISPUTE",
            "NOISE_NUISANCE",
            "POLICY_CONSULTATION",
            "STREET_VENDING",
        ]
    )
    # MIN_LIVING_ALLOWANCE: C03 registered and not accepted; every other rate has no base
    m = by["MIN_LIVING_ALLOWANCE"]
    assert m.acceptance_rate == 0.0
    assert m.completion_rate is None and m.on_time_rate is None
    assert m.timely_ack_rate is None and m.follow_up_rate is None
    assert m.satisfaction_rate is None
    # COMMON_AREA_REPAIR: C08 registered, undecided -> 0 of 1 accepted
    assert by["COMMON_AREA_REPAIR"].acceptance_rate == 0.0
    # POLICY_CONSULTATION: C07 and C13, both due in March and closed on time
    assert by["POLICY_CONSULTATION"].on_time_rate == 1.0
    assert by["POLICY_CONSULTATION"].due == 2


def test_by_grid_with_missing_grid() -> None:
    by = compute_metrics_by(FACTS, "grid", START, END)
    assert list(by) == [NO_GRID, "G1", "G2", "G3"]
    # C07 is the only case without a grid
    assert (by[NO_GRID].registered, by[NO_GRID].due, by[NO_GRID].closed_on_time) == (1, 1, 1)
    # G1: C01 C02 C05 C10 C13; due C01 C02 C10 C13 = 4; closed C01 C02 C13 = 3; on time C01 C13
    assert (by["G1"].due, by["G1"].closed, by["G1"].closed_on_time) == (4, 3, 2)


def test_unknown_group_key() -> None:
    with pytest.raises(ValueError, match="group key"):
        compute_metrics_by(FACTS, "station", START, END)  # type: ignore[arg-type]


def test_zero_denominators_give_none() -> None:
    empty = compute_metrics([], START, END)
    assert empty.is_empty
    rates = [
        empty.acceptance_rate,
        empty.completion_rate,
        empty.on_time_rate,
        empty.timely_ack_rate,
        empty.follow_up_rate,
        empty.satisfaction_rate,
    ]
    assert rates == [None] * 6
    # Facts exist but none touches April 2026.
    later = compute_metrics(FACTS, date(2026, 4, 1), date(2026, 4, 30))
    assert later.is_empty
    assert later.as_dict()["completion_rate"] is None
    assert compute_metrics_by(FACTS, "worker", date(2026, 4, 1), date(2026, 4, 30)) == {}


def test_pending_referral_only_gives_none_rate() -> None:
    only_pending = [FACTS[4]]  # C05
    m = compute_metrics(only_pending, START, END)
    assert (m.referrals, m.referrals_pending_ack) == (0, 1)
    assert m.timely_ack_rate is None
    assert m.acceptance_rate == 1.0


def test_as_dict_keys_and_values() -> None:
    d = compute_metrics(FACTS, START, END).as_dict()
    for key in (
        "acceptance_rate",
        "completion_rate",
        "on_time_rate",
        "timely_ack_rate",
        "follow_up_rate",
        "satisfaction_rate",
        "registered",
        "accepted",
        "due",
        "closed",
        "closed_on_time",
        "referrals",
        "referrals_acked_in_time",
        "resolved",
        "followed_up",
        "rated",
        "satisfied",
    ):
        assert key in d, key
    assert d["acceptance_rate"] == pytest.approx(0.8)
    assert d["registered"] == 10
    assert d["period_start"] == "2025-03-01"


def test_single_day_period_and_bad_period() -> None:
    # 2025-03-10: registered C07; resolved C01 C02 C07 (C01 VS, C02 unrated, C07 VS)
    m = compute_metrics(FACTS, date(2025, 3, 10), date(2025, 3, 10))
    assert (m.registered, m.resolved, m.rated, m.satisfied) == (1, 3, 2, 2)
    with pytest.raises(ValueError):
        compute_metrics(FACTS, END, START)


def test_rule_validation() -> None:
    with pytest.raises(ValueError):
        MetricsRule(ack_limit_working_days=-1)
    assert MetricsRule().satisfied_grades() == {VS, S, BS}
    assert MetricsRule(count_basic_satisfied=False).satisfied_grades() == {VS, S}


def test_referral_acked_in_time_across_national_day() -> None:
    cal = WorkCalendar.from_dict(
        {
            "version": 1,
            "source": "test",
            "years": {
                "2025": {
                    "holidays": [
                        "2025-10-01",
                        "2025-10-02",
                        "2025-10-03",
                        "2025-10-06",
                        "2025-10-07",
                        "2025-10-08",
                    ],
                    "workdays": ["2025-09-28", "2025-10-11"],
                }
            },
        }
    )
    rule = MetricsRule(ack_limit_working_days=1)
    # Referred Fri 09-26: 1 working day -> Sun 09-28 (an adjusted workday).
    referred = datetime(2025, 9, 26, 15, 0)
    assert referral_acked_in_time(cal, referred, datetime(2025, 9, 28, 17), at(9, 28), rule)
    assert not referral_acked_in_time(cal, referred, datetime(2025, 9, 29, 9), at(9, 29), rule)
    assert referral_acked_in_time(cal, referred, None, datetime(2025, 9, 28, 23), rule) is None
    assert referral_acked_in_time(cal, referred, None, datetime(2025, 9, 29), rule) is False
    # Referred Tue 09-30: the deadline jumps the holiday to Thu 10-09.
    assert referral_acked_in_time(cal, at(9, 30), None, at(10, 8), rule) is None
    assert referral_acked_in_time(cal, at(9, 30), at(10, 9), at(10, 9), rule) is True
    # Same-day limit 0.
    assert referral_acked_in_time(cal, at(9, 30), at(10, 9), at(10, 9), MetricsRule(True, 0)) is (
        False
    )


def test_metrics_is_frozen() -> None:
    m = Metrics(period_start=START, period_end=END)
    with pytest.raises(AttributeError):
        m.registered = 3  # type: ignore[misc]


def test_not_accepted_case_is_never_due() -> None:
    # A not-accepted case that still carries a due date (e.g. set at registration) is not part
    # of 办结率: it was never going to be done. An undecided one with a due date is.
    rejected = fact("X1", "li", "OTHER_REQUEST", None, CaseState.NOT_ACCEPTED, at(3, 3), False,
                    date(2025, 3, 10))  # fmt: skip
    undecided = fact("X2", "li", "OTHER_REQUEST", None, CaseState.REGISTERED, at(3, 3), None,
                     date(2025, 3, 10))  # fmt: skip
    m = compute_metrics([rejected, undecided], START, END)
    assert (m.due, m.closed, m.completion_rate) == (1, 0, 0.0)
