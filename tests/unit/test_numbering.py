"""Tests for certificate and refusal-notice numbering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationdesk.domain.numbering import (
    DocumentNumber,
    NumberKind,
    display_number,
    format_number,
    is_valid_station_code,
    parse_number,
    validate_station_code,
)

station_codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=4, max_size=12)
sequences = st.integers(min_value=1, max_value=10**9)
kinds = st.sampled_from(list(NumberKind))
years = st.integers(min_value=2000, max_value=2999)


def test_format_examples() -> None:
    assert format_number("SY0101", 123) == "SY0101-000123"
    assert format_number("SY0101", 45, NumberKind.REFUSAL_NOTICE) == "SY0101-R-000045"
    assert format_number("SY0101", 1234567) == "SY0101-1234567"


def test_display_examples() -> None:
    assert display_number("SY0101-000123", 2026) == "SY0101-2026-000123"
    assert display_number("SY0101-R-000045", 2026) == "SY0101-R-2026-000045"


def test_parse_examples() -> None:
    assert parse_number("SY0101-000123") == DocumentNumber("SY0101", 123)
    assert parse_number("SY0101-R-000045") == DocumentNumber(
        "SY0101", 45, NumberKind.REFUSAL_NOTICE
    )
    shown = parse_number("SY0101-2026-000123")
    assert shown.year == 2026 and shown.canonical == "SY0101-000123"
    refusal = parse_number("SY0101-R-2026-000045")
    assert refusal.kind is NumberKind.REFUSAL_NOTICE and refusal.canonical == "SY0101-R-000045"


def test_typed_input_is_folded() -> None:
    assert parse_number("  ＳＹ0101－000123 \n").canonical == "SY0101-000123"


@given(station_codes, sequences, kinds)
def test_format_parse_round_trip(station: str, sequence: int, kind: NumberKind) -> None:
    text = format_number(station, sequence, kind)
    parsed = parse_number(text)
    assert parsed == DocumentNumber(station, sequence, kind)
    assert str(parsed) == text


@given(station_codes, sequences, kinds, years)
def test_display_parses_back_to_the_same_document(
    station: str, sequence: int, kind: NumberKind, year: int
) -> None:
    canonical = format_number(station, sequence, kind)
    shown = display_number(canonical, year)
    parsed = parse_number(shown)
    assert parsed.canonical == canonical
    assert parsed.year == year
    assert parsed.display(year) == shown


@given(station_codes, sequences, station_codes, sequences)
def test_numbers_of_different_stations_never_collide(
    station_a: str, seq_a: int, station_b: str, seq_b: int
) -> None:
    if (station_a, seq_a) != (station_b, seq_b):
        assert format_number(station_a, seq_a) != format_number(station_b, seq_b)


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "SY0101",
        "SY0101-",
        "SY0101-12345",  # too few digits
        "SY0101-0000123",  # extra leading zero: not canonical
        "SY0101-000000",  # sequence 0
        "sy0101-000123",  # lowercase station
        "SY-000123",  # station too short
        "ABCDEFGHIJKLM-000123",  # station too long
        "SY0101-X-000123",
        "SY0101-R-",
        "SY0101-26-000123",  # two-digit year
        "SY0101-1999-000123",  # year out of range
        "SY0101-2026-2026-000123",
        "SY0101-000123-",
        "SY 0101-000123",
        "SY0101-00012a",
        "SY0101--000123",
    ],
)
def test_parse_rejects_garbage(garbage: str) -> None:
    with pytest.raises(ValueError):
        parse_number(garbage)


@pytest.mark.parametrize("code", ["SY01", "SY0101", "ABCDEFGHIJKL", "0000"])
def test_valid_station_codes(code: str) -> None:
    assert is_valid_station_code(code)
    assert validate_station_code(code) == code


@pytest.mark.parametrize("code", ["", "SY0", "ABCDEFGHIJKLM", "sy0101", "SY-01", "SY 01", "和平01"])
def test_invalid_station_codes(code: str) -> None:
    assert not is_valid_station_code(code)
    with pytest.raises(ValueError, match="station code"):
        validate_station_code(code)
    with pytest.raises(ValueError):
        format_number(code, 1)


@pytest.mark.parametrize("sequence", [0, -1, True])
def test_format_rejects_bad_sequences(sequence: int) -> None:
    with pytest.raises(ValueError, match="sequence"):
        format_number("SY0101", sequence)


def test_display_needs_a_canonical_number_and_a_sane_year() -> None:
    with pytest.raises(ValueError):
        display_number("SY0101-2026-000123", 2026)
    with pytest.raises(ValueError, match="year"):
        display_number("SY0101-000123", 26)
