"""The name rule (Han characters of every extension, letters, the middle dot) and readings."""

from __future__ import annotations

import pytest

from stationdesk.domain.names import (
    HAN_BLOCKS,
    MAX_NAME_CHARS,
    han_block,
    is_han,
    is_rare_han,
    name_problem,
    normalize_name,
    normalize_reading,
    reading_keys,
    reading_problem,
)
from stationdesk.domain.residents import (
    QueryKind,
    pinyin_keys,
    plan_query,
    search_terms,
    unread_characters,
)
from tests.helpers.rare_names import RARE_NAMES


@pytest.mark.parametrize(("first", "last", "block"), HAN_BLOCKS, ids=[b for *_, b in HAN_BLOCKS])
def test_every_han_block_is_a_name_from_its_first_to_its_last_character(
    first: int, last: int, block: str
) -> None:
    for code in (first, last):
        name = "王" + chr(code)
        assert name_problem(name) is None, hex(code)
        assert han_block(chr(code)) == block


@pytest.mark.parametrize(
    "code",
    [0x33FF, 0x2A6E0, 0x2EE60, 0x2FA20, 0x2FFFD, 0x323B0, 0x1F600],
)
def test_characters_outside_the_han_blocks_are_not_name_characters(code: int) -> None:
    char = chr(code)
    inside = any(first <= code <= last for first, last, _b in HAN_BLOCKS)
    assert is_han(char) is inside
    if not inside:
        assert name_problem("王" + char) == "姓名只能包含汉字、字母和间隔号"


@pytest.mark.parametrize("person", RARE_NAMES, ids=[p.name for p in RARE_NAMES])
def test_the_real_rare_names_are_names(person) -> None:
    assert name_problem(person.name) is None
    assert is_rare_han(person.rare) and not is_rare_han(person.name[0])


def test_the_length_limit_counts_characters_not_utf16_units() -> None:
    assert name_problem("𠈌" * MAX_NAME_CHARS) is None  # 80 UTF-16 units
    assert name_problem("𠈌" * (MAX_NAME_CHARS + 1)) == f"姓名不能超过{MAX_NAME_CHARS}个字"


@pytest.mark.parametrize("dot", ["·", "・", "･", "•", "‧", "∙", "⋅", "．", ".", "\u0387"])
def test_dot_variants_become_the_middle_dot(dot: str) -> None:
    assert normalize_name(f" 阿依古丽 {dot} 买买提 ") == "阿依古丽·买买提"
    assert name_problem(f"阿依古丽{dot}买买提") is None


def test_letters_spaces_and_empty_names() -> None:
    assert name_problem("John Smith") is None
    assert normalize_name("  John   Smith ") == "John Smith"
    assert name_problem("   ") == "请输入姓名"
    assert name_problem("··") == "姓名只能包含汉字、字母和间隔号"
    assert name_problem("王1") == "姓名只能包含汉字、字母和间隔号"


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("Chén Yǎn", "chen yan"),
        ("chen2'yan3", "chen yan"),
        ("  LÜ  Xiǎo-ming ", "lv xiao ming"),
        ("lǘ", "lv"),
        ("", ""),
    ],
)
def test_readings_are_normalised(typed: str, normal: str) -> None:
    assert normalize_reading(typed) == normal
    assert reading_problem(typed) is None


def test_bad_readings_and_reading_keys() -> None:
    assert reading_problem("陈 yan") is not None
    assert reading_problem("chen yan!") is not None
    assert reading_problem("a" * 81) is not None
    assert reading_keys("chen yan") == ("chenyan", "cy")
    assert reading_keys("") == ("", "")


def test_unread_characters_are_the_ones_pypinyin_cannot_read() -> None:
    assert unread_characters("陈𠈌") == ["𠈌"]
    assert unread_characters("欧阳𬌗") == []
    assert pinyin_keys("陈𠈌") == ("chen", "c")


def test_search_terms_hold_each_rare_character_and_the_typed_reading() -> None:
    terms = search_terms(
        name="陈𠈌",
        id_number=None,
        phones=[],
        building=None,
        unit=None,
        room=None,
        name_pinyin="chen yan",
    )
    assert {"nf:陈𠈌", "n:陈𠈌", "n:𠈌", "py:chen", "pi:c", "py:chenyan", "pi:cy"} == terms
    common = search_terms(
        name="张三", id_number=None, phones=[], building=None, unit=None, room=None
    )
    assert "n:张" not in common and "n:三" not in common  # no single common characters


def test_a_rare_character_alone_is_looked_up_in_any_name() -> None:
    plan = plan_query("𠈌")
    assert plan.kind is QueryKind.NAME
    assert plan.steps() == [(False, "n:𠈌"), (True, "nf:𠈌")]
    assert plan_query("陈").steps() == [(True, "nf:陈")]
    assert plan_query("阳𬌗").steps() == [(False, "nf:阳𬌗"), (False, "n:阳𬌗")]
    assert plan_query("阿依古丽・买买提").exact == ("nf:阿依古丽·买买提", "n:阿依古丽·买买提")


def test_whole_name_terms_form_the_first_rank() -> None:
    assert plan_query("zm").tiers() == [
        ((False, "py:zm"), (False, "pi:zm")),
        ((True, "py:zm"), (True, "pi:zm")),
    ]
    assert plan_query("小明").tiers() == [((False, "nf:小明"),), ((False, "n:小明"),)]
    assert plan_query("1234").tiers() == [((False, "i4:1234"),), ((False, "p4:1234"),)]
