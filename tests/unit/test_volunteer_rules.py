"""The volunteer hours rule: clamped to the activity's window, rounded by the rule in data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationdesk.domain.volunteering import (
    ACTIVITY_KINDS,
    HOURS_RULE,
    UNIT_TYPES,
    HoursRule,
    Rounding,
    credited_minutes,
    hours_text,
    parse_grade,
    parse_kind,
    parse_unit_type,
    service_minutes,
    sign_problem,
)

BASE = datetime(2026, 3, 1, 1, 0, tzinfo=UTC)
minutes = st.integers(min_value=-600, max_value=1440)
rules = st.builds(
    HoursRule,
    step_minutes=st.sampled_from([1, 5, 10, 15, 20, 30, 60]),
    rounding=st.sampled_from(list(Rounding)),
)


def at(m: int) -> datetime:
    return BASE + timedelta(minutes=m)


@given(
    start=minutes, length=st.integers(1, 720), came=minutes, stayed=st.integers(1, 1440), rule=rules
)
def test_credited_time_is_whole_steps_within_the_window(
    start: int, length: int, came: int, stayed: int, rule: HoursRule
) -> None:
    got = service_minutes(at(came), at(came + stayed), at(start), at(start + length), rule)
    assert got % rule.step_minutes == 0 and got >= 0
    overlap = max(0, min(came + stayed, start + length) - max(came, start))
    window = credited_minutes(length * 60, rule)
    assert got <= window  # never more than the activity itself
    if rule.rounding is Rounding.DOWN:
        assert overlap - rule.step_minutes < got <= overlap
    elif rule.rounding is Rounding.UP:
        assert overlap <= got < overlap + rule.step_minutes
    else:
        assert abs(got - overlap) <= rule.step_minutes / 2


@given(
    start=minutes,
    length=st.integers(1, 720),
    came=minutes,
    a=st.integers(1, 600),
    b=st.integers(0, 600),
)
def test_staying_longer_never_credits_less(
    start: int, length: int, came: int, a: int, b: int
) -> None:
    window = (at(start), at(start + length))
    shorter = service_minutes(at(came), at(came + a), *window)
    longer = service_minutes(at(came), at(came + a + b), *window)
    assert longer >= shorter


@given(start=minutes, length=st.integers(1, 720), came=minutes, stayed=st.integers(-100, 1440))
def test_what_sign_problem_allows_is_inside_the_grace(
    start: int, length: int, came: int, stayed: int
) -> None:
    s, e, i, o = at(start), at(start + length), at(came), at(came + stayed)
    if sign_problem(i, o, s, e) is None:
        assert s - HOURS_RULE.grace <= i < e and i < o and s < o <= e + HOURS_RULE.grace


def test_the_rule_in_data_is_down_to_the_half_hour() -> None:
    assert (HOURS_RULE.step_minutes, HOURS_RULE.rounding) == (30, Rounding.DOWN)
    assert credited_minutes(59 * 60 + 59) == 30 and credited_minutes(60 * 60) == 60
    assert hours_text(90) == "1.5" and hours_text(600) == "10"
    assert sign_problem(at(60), None, at(60), at(0)) == "the activity ends before it starts"
    with pytest.raises(ValueError):
        HoursRule(step_minutes=25)


def test_kinds_and_types_are_data() -> None:
    assert [k.label for k in ACTIVITY_KINDS] == [
        "政策宣讲",
        "安全科普",
        "矛盾调解",
        "环境整治",
        "助老助残",
        "应急值守",
        "其他",
    ]
    assert UNIT_TYPES == ("机关", "企业", "事业单位", "社会组织", "学校", "部队")
    assert parse_kind("助老助残").code == "care" and parse_kind("CARE").label == "助老助残"
    assert parse_unit_type(" 学校 ") == "学校" and parse_grade("satisfied") == "满意"
    for bad in (
        lambda: parse_kind("跳舞"),
        lambda: parse_unit_type("公司"),
        lambda: parse_grade("好"),
    ):
        with pytest.raises(ValueError):
            bad()


def test_the_catalog_marks_volunteer_fields_as_record_fed() -> None:
    import json

    from stationdesk.domain.catalog import CatalogError, RecordFact, parse_catalog
    from stationdesk.resources import resource_path

    data = json.loads(resource_path("catalog", "certificates.json").read_text(encoding="utf-8"))
    catalog = parse_catalog(data)
    fed = {fact: spec.key for fact, spec in catalog.get("VOLUNTEER").record_fields().items()}
    assert fed == {
        RecordFact.PERIOD_START: "period_start",
        RecordFact.PERIOD_END: "period_end",
        RecordFact.ACTIVITIES: "activities",
        RecordFact.HOURS: "hours",
        RecordFact.SOURCE: "record_source",
        RecordFact.RECORDS: "service_records",
    }
    party = {fact: spec.key for fact, spec in catalog.get("PARTY_REPORT").record_fields().items()}
    assert party == {
        RecordFact.PARTY_EMPLOYER: "employer",
        RecordFact.PARTY_BRANCH: "party_branch",
        RecordFact.PARTY_REPORT_DATE: "report_date",
        RecordFact.PARTY_SERVICES: "services",
        RecordFact.PARTY_SERVICE_COUNT: "service_count",
        RecordFact.RECORDS: "service_records",
    }
    assert not RecordFact.HOURS.typed and RecordFact.PERIOD_START.typed
    assert not any(f.typed for f in party)
    fed_types = {"VOLUNTEER", "PARTY_REPORT"}
    assert all(not item.record_fields() for item in catalog if item.code not in fed_types)
    volunteer = next(i for i in data["items"] if i["code"] == "VOLUNTEER")
    hours_field = next(f for f in volunteer["fields"] if f["key"] == "hours")
    hours_field["from_records"] = "typed_by_hand"
    with pytest.raises(CatalogError, match="from_records"):
        parse_catalog(data)
    hours_field["from_records"] = "volunteer_records"  # the record list has its own key
    with pytest.raises(CatalogError, match="record list"):
        parse_catalog(data)
    hours_field["from_records"] = "volunteer_hours"
    name_field = next(f for f in volunteer["fields"] if f["key"] == "name")
    name_field["from_records"] = "volunteer_source"
    with pytest.raises(CatalogError, match="prefilled or from records"):
        parse_catalog(data)
