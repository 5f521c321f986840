from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationdesk.domain.identity import (
    IdNumberError,
    Sex,
    check_char,
    mask_id_number,
    mask_phone,
    parse_id_number,
    upgrade_15_to_18,
)

TODAY = date(2026, 11, 27)
REGIONS = ["110105", "210202", "310104", "440305", "510107", "810000"]


def make_number(region: str, birth: date, seq: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def test_check_char_of_the_standard_example() -> None:
    # GB 11643-1999 appendix example: 11010519491231002X
    assert check_char("11010519491231002") == "X"
    assert parse_id_number("11010519491231002X", today=TODAY).sex is Sex.FEMALE


births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


@given(st.sampled_from(REGIONS), births, st.integers(0, 999))
def test_valid_numbers_parse_and_derive_facts(region: str, birth: date, seq: int) -> None:
    number = make_number(region, birth, seq)
    facts = parse_id_number(number, today=TODAY)
    assert facts.number == number
    assert facts.birth_date == birth
    assert facts.sex is (Sex.MALE if seq % 2 else Sex.FEMALE)
    assert facts.region_code == region
    assert facts.region_known


@given(st.sampled_from(REGIONS), births, st.integers(0, 999), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_caught(
    region: str, birth: date, seq: int, pos: int, delta: int
) -> None:
    number = make_number(region, birth, seq)
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    with pytest.raises(IdNumberError):
        parse_id_number(changed, today=TODAY)


def test_wrong_check_character_has_its_own_message() -> None:
    good = make_number("110105", date(1990, 1, 1), 123)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(IdNumberError) as err:
        parse_id_number(bad, today=TODAY)
    assert err.value.code == "check"
    assert err.value.zh == "身份证号校验位错误"
    assert good not in str(err.value) and bad not in str(err.value)


def test_future_birth_date_rejected() -> None:
    number = make_number("110105", TODAY + timedelta(days=1), 1)
    with pytest.raises(IdNumberError) as err:
        parse_id_number(number, today=TODAY)
    assert err.value.code == "future_birth"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), st.integers(0, 999))
def test_fifteen_digits_upgrade_to_eighteen(birth: date, seq: int) -> None:
    legacy = f"210202{birth:%y%m%d}{seq:03d}"
    if birth.year < 1900 or birth.year > 1999:
        return
    upgraded = upgrade_15_to_18(legacy)
    facts = parse_id_number(legacy, today=TODAY)
    assert facts.number == upgraded
    assert upgraded == make_number("210202", birth.replace(year=1900 + birth.year % 100), seq)
    assert facts.birth_date.year == 1900 + birth.year % 100


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "length"),
        ("12345", "length"),
        ("11010519900101123A", "format"),
        ("110105199013011234", "birth_date"),
    ],
)
def test_malformed_numbers(raw: str, code: str) -> None:
    with pytest.raises(IdNumberError) as err:
        parse_id_number(raw, today=TODAY)
    assert err.value.code == code


def test_unknown_region_is_accepted_with_a_warning_flag() -> None:
    facts = parse_id_number(make_number("990000", date(1980, 5, 5), 7), today=TODAY)
    assert not facts.region_known


def test_hong_kong_residence_permit_prefix() -> None:
    facts = parse_id_number(make_number("810000", date(1985, 2, 3), 11), today=TODAY)
    assert facts.residence_permit_of == "HK"


def test_input_is_normalised() -> None:
    number = make_number("440305", date(2001, 9, 9), 8)
    spaced = f" {number[:6]} {number[6:14]} {number[14:].lower()} "
    assert parse_id_number(spaced, today=TODAY).number == number


def test_masking() -> None:
    assert mask_id_number("21020219800101123X") == "2102**********123X"
    assert mask_phone("13800000000") == "138****0000"
    assert mask_phone("123") == "***"
