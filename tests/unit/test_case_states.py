"""Every state x action pair of the one-window case state machine, against a table written here."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pytest

from stationdesk.domain.cases import (
    ACTION_LABELS_EN,
    ACTION_LABELS_ZH,
    CHANNEL_LABELS_EN,
    CHANNEL_LABELS_ZH,
    SATISFACTION_LABELS_ZH,
    STATE_LABELS_EN,
    STATE_LABELS_ZH,
    CaseAction,
    CaseState,
    Channel,
    InvalidTransition,
    SatisfactionGrade,
    allowed_actions,
    check_inputs,
    is_open,
    is_paused,
    is_terminal,
    next_state,
    rating_reopens,
    requires_department,
    requires_note,
)
from stationdesk.resources import resource_path

# The expected table, written out by hand from docs/domain.md as plain strings so that it shares
# nothing with the code under test. "resume" is handled separately (its target depends on
# the state the case was paused from).
EXPECTED: dict[str, dict[str, str]] = {
    "REGISTERED": {"accept": "ACCEPTED", "reject": "NOT_ACCEPTED", "pend": "PENDING_MATERIALS"},
    "ACCEPTED": {
        "handle": "HANDLING",
        "refer": "REFERRED",
        "resolve": "RESOLVED",  # on the spot (马上办)
        "pend": "PENDING_MATERIALS",
    },
    "NOT_ACCEPTED": {},
    "HANDLING": {"resolve": "RESOLVED", "refer": "REFERRED", "pend": "PENDING_MATERIALS"},
    "REFERRED": {"ack": "DEPT_ACKNOWLEDGED", "return": "RETURNED"},
    "DEPT_ACKNOWLEDGED": {
        "reply": "DEPT_REPLIED",
        "return": "RETURNED",
        "pend": "PENDING_MATERIALS",
    },
    "DEPT_REPLIED": {"verify": "VERIFYING"},
    "RETURNED": {"refer": "REFERRED", "handle": "HANDLING"},
    "VERIFYING": {"resolve": "RESOLVED", "refer": "REFERRED", "handle": "HANDLING"},
    "RESOLVED": {"follow-up": "FOLLOWED_UP", "close": "CLOSED", "reopen": "REOPENED"},
    "FOLLOWED_UP": {"close": "CLOSED", "reopen": "REOPENED"},
    "CLOSED": {},
    "PENDING_MATERIALS": {},  # only "resume", tested below
    "REOPENED": {"handle": "HANDLING", "refer": "REFERRED"},
}

ALL_STATES = [
    "REGISTERED",
    "ACCEPTED",
    "NOT_ACCEPTED",
    "HANDLING",
    "REFERRED",
    "DEPT_ACKNOWLEDGED",
    "DEPT_REPLIED",
    "RETURNED",
    "VERIFYING",
    "RESOLVED",
    "FOLLOWED_UP",
    "CLOSED",
    "PENDING_MATERIALS",
    "REOPENED",
]
ALL_ACTIONS = [
    "accept",
    "reject",
    "handle",
    "refer",
    "ack",
    "reply",
    "return",
    "verify",
    "resolve",
    "follow-up",
    "close",
    "reopen",
    "pend",
    "resume",
]
PAUSABLE = {"REGISTERED", "ACCEPTED", "HANDLING", "DEPT_ACKNOWLEDGED"}


def test_enums_have_exactly_the_expected_values() -> None:
    assert [s.value for s in CaseState] == ALL_STATES
    assert [a.value for a in CaseAction] == ALL_ACTIONS
    assert [c.value for c in Channel] == ["walk-in", "phone", "grid", "hotline", "online"]
    assert set(EXPECTED) == set(ALL_STATES)


@pytest.mark.parametrize(
    ("state", "action"),
    list(itertools.product(ALL_STATES, ALL_ACTIONS)),
    ids="{0[0]}-{0[1]}".format,
)
def test_every_state_action_pair(state: str, action: str) -> None:
    target = EXPECTED[state].get(action)
    if action == "resume":
        if state == "PENDING_MATERIALS":
            assert next_state(
                CaseState(state), CaseAction(action), resume_to=CaseState.HANDLING
            ) == (CaseState.HANDLING)
        else:
            with pytest.raises(InvalidTransition):
                next_state(CaseState(state), CaseAction(action), resume_to=CaseState.HANDLING)
    elif target is not None:
        assert next_state(CaseState(state), CaseAction(action)) == CaseState(target)
    else:
        with pytest.raises(InvalidTransition) as info:
            next_state(CaseState(state), CaseAction(action))
        assert info.value.state == CaseState(state)
        assert info.value.action == CaseAction(action)
        assert info.value.zh  # a Chinese message for the UI


@pytest.mark.parametrize("state", ALL_STATES)
def test_allowed_actions_match_table(state: str) -> None:
    expected = set(EXPECTED[state])
    if state == "PENDING_MATERIALS":
        expected = {"resume"}
    assert {a.value for a in allowed_actions(CaseState(state))} == expected
    # declaration order, no duplicates
    values = [a.value for a in allowed_actions(CaseState(state))]
    assert values == [a for a in ALL_ACTIONS if a in expected]


@pytest.mark.parametrize("resume_to", ALL_STATES)
def test_resume_returns_to_the_paused_state_only(resume_to: str) -> None:
    if resume_to in PAUSABLE:
        result = next_state(
            CaseState.PENDING_MATERIALS, CaseAction.RESUME, resume_to=CaseState(resume_to)
        )
        assert result == CaseState(resume_to)
    else:
        with pytest.raises(InvalidTransition):
            next_state(
                CaseState.PENDING_MATERIALS, CaseAction.RESUME, resume_to=CaseState(resume_to)
            )


def test_pend_then_resume_round_trip() -> None:
    for state in sorted(PAUSABLE):
        paused = next_state(CaseState(state), CaseAction.PEND)
        assert paused == CaseState.PENDING_MATERIALS
        assert is_paused(paused)
        assert next_state(paused, CaseAction.RESUME, resume_to=CaseState(state)) == CaseState(state)


def test_resume_without_resume_to_is_refused() -> None:
    with pytest.raises(InvalidTransition) as info:
        next_state(CaseState.PENDING_MATERIALS, CaseAction.RESUME)
    assert "resume_to" in str(info.value)
    assert "补正" in info.value.zh


def test_resume_to_with_another_action_is_refused() -> None:
    with pytest.raises(InvalidTransition):
        next_state(CaseState.REGISTERED, CaseAction.ACCEPT, resume_to=CaseState.REGISTERED)


def test_invalid_transition_is_a_value_error_with_both_messages() -> None:
    with pytest.raises(ValueError) as info:
        next_state(CaseState.HANDLING, CaseAction.CLOSE)
    error = info.value
    assert isinstance(error, InvalidTransition)
    assert "close" in str(error) and "HANDLING" in str(error)
    assert "resolve" in str(error)  # names what is allowed
    assert "办理中" in error.zh and "结案" in error.zh and "办结" in error.zh


def test_strings_are_accepted_for_enums() -> None:
    assert next_state("REGISTERED", "accept") == CaseState.ACCEPTED  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        next_state(CaseState.REGISTERED, "approve")  # type: ignore[arg-type]


def test_walk_in_on_the_spot_path_is_short() -> None:
    state = CaseState.REGISTERED
    for action in ("accept", "resolve", "close"):
        state = next_state(state, CaseAction(action))
    assert state == CaseState.CLOSED
    assert is_terminal(state)


def test_full_referral_path() -> None:
    path = [
        ("accept", "ACCEPTED"),
        ("refer", "REFERRED"),
        ("return", "RETURNED"),
        ("refer", "REFERRED"),
        ("ack", "DEPT_ACKNOWLEDGED"),
        ("reply", "DEPT_REPLIED"),
        ("verify", "VERIFYING"),
        ("resolve", "RESOLVED"),
        ("follow-up", "FOLLOWED_UP"),
        ("reopen", "REOPENED"),
        ("refer", "REFERRED"),
        ("ack", "DEPT_ACKNOWLEDGED"),
        ("reply", "DEPT_REPLIED"),
        ("verify", "VERIFYING"),
        ("resolve", "RESOLVED"),
        ("follow-up", "FOLLOWED_UP"),
        ("close", "CLOSED"),
    ]
    state = CaseState.REGISTERED
    for action, expected in path:
        state = next_state(state, CaseAction(action))
        assert state == CaseState(expected)


@pytest.mark.parametrize("state", ALL_STATES)
def test_open_and_terminal(state: str) -> None:
    terminal = state in {"CLOSED", "NOT_ACCEPTED"}
    assert is_terminal(CaseState(state)) is terminal
    assert is_open(CaseState(state)) is not terminal
    # a terminal state allows nothing; an open one allows something
    assert (allowed_actions(CaseState(state)) == []) is terminal
    assert is_paused(CaseState(state)) is (state == "PENDING_MATERIALS")


@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_requirements(action: str) -> None:
    assert requires_note(CaseAction(action)) is (
        action in {"reject", "return", "reply", "pend", "reopen"}
    )
    assert requires_department(CaseAction(action)) is (action == "refer")


def test_check_inputs() -> None:
    with pytest.raises(InvalidTransition) as info:
        check_inputs(CaseAction.REJECT, note="   ")
    assert "不予受理" in info.value.zh
    check_inputs(CaseAction.REJECT, note="不属于本社区事项")
    with pytest.raises(InvalidTransition):
        check_inputs(CaseAction.REFER, department="")
    check_inputs(CaseAction.REFER, department="CITY_ENFORCEMENT_SQUAD")
    check_inputs(CaseAction.ACCEPT)


@pytest.mark.parametrize(
    ("grade", "reopens"),
    [
        ("VERY_SATISFIED", False),
        ("SATISFIED", False),
        ("BASICALLY_SATISFIED", False),
        ("DISSATISFIED", True),
        ("VERY_DISSATISFIED", True),
    ],
)
def test_rating_reopens(grade: str, reopens: bool) -> None:
    assert rating_reopens(SatisfactionGrade(grade)) is reopens


def test_satisfaction_labels_and_scores() -> None:
    expected = {
        "VERY_SATISFIED": ("非常满意", 5),
        "SATISFIED": ("满意", 4),
        "BASICALLY_SATISFIED": ("基本满意", 3),
        "DISSATISFIED": ("不满意", 2),
        "VERY_DISSATISFIED": ("非常不满意", 1),
    }
    assert [g.value for g in SatisfactionGrade] == list(expected)
    for code, (zh, score) in expected.items():
        grade = SatisfactionGrade(code)
        assert grade.zh == zh == SATISFACTION_LABELS_ZH[grade]
        assert grade.score == score
        assert grade.en
        assert SatisfactionGrade.from_zh(f" {zh} ") is grade
    with pytest.raises(ValueError):
        SatisfactionGrade.from_zh("一般")


def test_every_state_action_and_channel_has_labels() -> None:
    for labels in (STATE_LABELS_ZH, STATE_LABELS_EN):
        assert set(labels) == set(CaseState)
        assert all(text.strip() for text in labels.values())
    for action_labels in (ACTION_LABELS_ZH, ACTION_LABELS_EN):
        assert set(action_labels) == set(CaseAction)
        assert all(text.strip() for text in action_labels.values())
    for channel_labels in (CHANNEL_LABELS_ZH, CHANNEL_LABELS_EN):
        assert set(channel_labels) == set(Channel)
    # labels are distinct, so a user can tell states apart
    assert len(set(STATE_LABELS_ZH.values())) == len(CaseState)
    assert len(set(ACTION_LABELS_ZH.values())) == len(CaseAction)
    assert STATE_LABELS_ZH[CaseState.PENDING_MATERIALS] == "待补正"
    assert ACTION_LABELS_ZH[CaseAction.REFER] == "转办"


# --- shipped matter-type and department data -----------------------------------------------


def _load(name: str) -> dict[str, Any]:
    with resource_path("matters", name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def test_matter_types_and_departments_are_consistent() -> None:
    types = _load("matter_types.json")
    departments = _load("departments.json")
    for data in (types, departments):
        assert isinstance(data["version"], int) and data["version"] >= 1
    snake = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
    dept_codes = [d["code"] for d in departments["departments"]]
    assert len(dept_codes) == len(set(dept_codes))
    for dept in departments["departments"]:
        assert snake.match(dept["code"]) and dept["name_zh"].strip() and dept["name_en"].strip()
    category_codes = {c["code"] for c in types["categories"]}
    assert {c["name_zh"] for c in types["categories"]} == {
        "民政", "社保/医保", "卫健", "残联", "就业", "综治/矛盾纠纷", "城管/环境", "物业", "其他",
    }  # fmt: skip
    codes = [t["code"] for t in types["matter_types"]]
    assert 20 <= len(codes) <= 30
    assert len(codes) == len(set(codes))
    for matter in types["matter_types"]:
        assert snake.match(matter["code"]), matter["code"]
        assert matter["name_zh"].strip() and matter["name_en"].strip()
        assert matter["category"] in category_codes
        assert matter["default_department"] in dept_codes
        limit = matter["time_limit_working_days"]
        assert isinstance(limit, int) and not isinstance(limit, bool) and 0 <= limit <= 60
    # every category is used
    assert {t["category"] for t in types["matter_types"]} == category_codes
    assert "HOTLINE_12345_OFFICE" in dept_codes
