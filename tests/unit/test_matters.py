"""Parsing the district's matter types and departments: the shipped files, and clear refusals."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from stationdesk.domain.matters import parse_departments, parse_matter_types
from stationdesk.resources import resource_path


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("matters", name).read_text(encoding="utf-8"))
    return data


def test_shipped_lists_parse() -> None:
    departments = parse_departments(load("departments.json"))
    types = parse_matter_types(load("matter_types.json"), departments)
    assert len(types.types) == 30 and types.get("POLICY_CONSULTATION") is not None
    matter = types.get("ELEVATOR_FAULT")
    assert matter is not None and matter.time_limit_working_days == 1
    assert departments.get(matter.default_department) is not None
    assert types.category("OTHER") is not None and types.get("NOPE") is None


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(version=0), "version"),
        (lambda d: d.update(format="other/1"), "format"),
        (lambda d: d["matter_types"][0].update(code="lower_case"), "UPPER_SNAKE_CASE"),
        (lambda d: d["matter_types"][1].update(code=d["matter_types"][0]["code"]), "twice"),
        (lambda d: d["matter_types"][0].update(category="NOWHERE"), "unknown category"),
        (lambda d: d["matter_types"][0].update(time_limit_working_days=61), "0-60"),
        (lambda d: d["matter_types"][0].update(time_limit_working_days=True), "0-60"),
        (lambda d: d["matter_types"][0].update(default_department="NOWHERE"), "department"),
        (lambda d: d["matter_types"][0].update(name_zh=" "), "name_zh"),
        (lambda d: d.update(matter_types=[]), "non-empty"),
    ],
)
def test_bad_matter_types_are_refused(mutate: Any, message: str) -> None:
    departments = parse_departments(load("departments.json"))
    data = copy.deepcopy(load("matter_types.json"))
    mutate(data)
    with pytest.raises(ValueError, match=message):
        parse_matter_types(data, departments)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["departments"][0].update(level="galaxy"), "level"),
        (lambda d: d["departments"][1].update(code=d["departments"][0]["code"]), "twice"),
        (lambda d: d.update(departments="x"), "non-empty list"),
    ],
)
def test_bad_departments_are_refused(mutate: Any, message: str) -> None:
    data = copy.deepcopy(load("departments.json"))
    mutate(data)
    with pytest.raises(ValueError, match=message):
        parse_departments(data)
