"""Emergency-mode rules: parsing kinds, levels and statuses, the vulnerable rule, balancing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationdesk.domain.emergency import (
    EVENT_KINDS,
    STATUS_LABELS_ZH,
    UNREACHABLE_TOO_LONG,
    VULNERABLE_SENSITIVE_TAGS,
    VULNERABLE_TAGS,
    Block,
    CheckStatus,
    balance,
    is_vulnerable,
    parse_kind,
    parse_level,
    parse_status,
)
from stationdesk.domain.residents import SENSITIVE_TAGS, SERVICE_TAGS

KIND_NAMES = [k.code for k in EVENT_KINDS] + [k.label for k in EVENT_KINDS]
STATUS_NAMES = [s.value for s in CheckStatus] + list(STATUS_LABELS_ZH.values())


def test_the_rule_only_names_tags_a_resident_can_carry() -> None:
    assert set(VULNERABLE_TAGS) <= set(SERVICE_TAGS)
    assert set(VULNERABLE_SENSITIVE_TAGS) <= set(SENSITIVE_TAGS)
    assert [k.label for k in EVENT_KINDS] == [
        "台风", "暴雨", "寒潮", "高温", "火灾", "疫情", "停水停电", "其他",
    ]  # fmt: skip
    assert UNREACHABLE_TOO_LONG.total_seconds() == 2 * 3600
    assert is_vulnerable(["党员", "孕产妇"]) and is_vulnerable([], ["重病"])
    assert not is_vulnerable(["党员"], ["慢性病"])


@given(st.sampled_from(KIND_NAMES))
def test_every_kind_parses_from_code_or_label(name: str) -> None:
    kind = parse_kind(f" {name} ")
    assert name in (kind.code, kind.label)


@given(st.sampled_from(STATUS_NAMES))
def test_every_status_parses_from_code_or_label(name: str) -> None:
    status = parse_status(name)
    assert name in (status.value, STATUS_LABELS_ZH[status])


@given(st.text(max_size=12))
def test_anything_else_is_refused(text: str) -> None:
    if text.strip().lower() not in KIND_NAMES and text.strip() not in KIND_NAMES:
        with pytest.raises(ValueError):
            parse_kind(text)
    if text.strip().lower() not in STATUS_NAMES and text.strip() not in STATUS_NAMES:
        with pytest.raises(ValueError):
            parse_status(text)


@given(st.integers(-5, 10))
def test_levels_are_one_to_four(n: int) -> None:
    if 1 <= n <= 4:
        assert parse_level(n) == parse_level(str(n)) == n
        assert parse_level(("I", "II", "III", "IV")[n - 1] + "级") == n
    else:
        with pytest.raises(ValueError):
            parse_level(n)
        with pytest.raises(ValueError):
            parse_level(str(n))


@given(
    st.lists(st.integers(1, 40), min_size=1, max_size=30),
    st.integers(1, 5),
)
def test_balance_keeps_loads_within_the_largest_building(sizes: list[int], people: int) -> None:
    blocks = [Block("g", f"b{i}", n) for i, n in enumerate(sizes)]
    responders = [f"r{i}" for i in range(people)]
    plan = balance(blocks, {"g": responders}, [], {})
    assert set(plan) == {("g", f"b{i}") for i in range(len(sizes))}
    loads = {r: 0 for r in responders}
    for block in blocks:
        loads[plan[(block.grid, block.building)]] += block.count
    assert max(loads.values()) - min(loads.values()) <= max(sizes)


def test_balance_uses_floating_responders_and_leaves_blocks_nobody_covers() -> None:
    blocks = [Block("g1", "a", 3), Block("g2", "b", 2)]
    assert balance(blocks, {"g1": ["x"]}, ["f"], {"x": 10}) == {("g1", "a"): "f", ("g2", "b"): "f"}
    assert balance(blocks, {}, [], {}) == {}
