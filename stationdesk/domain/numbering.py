"""Certificate and refusal-notice numbers: station code plus a never-resetting station sequence.

The scheme
----------
A number is unique across the district without asking the server because it starts with the
station code, and it never depends on a clock because the sequence never resets:

* certificate:    ``SY0101-000123``     (station code, ``-``, sequence)
* refusal notice: ``SY0101-R-000045``   (station code, ``-R-``, sequence)

The sequence is a positive integer written with at least six digits (``000123``; the seven-digit
``1234567`` follows ``999999``). Certificates and refusal notices count separately. This
*canonical* form is what is stored, signed into the QR payload and synced.

The year is for display only. ``display_number`` inserts the issue year before the sequence:

* certificate:    ``SY0101-2026-000123``
* refusal notice: ``SY0101-R-2026-000045``

``parse_number`` reads either form (so a verifier can type what is printed on the paper) and
returns a ``DocumentNumber`` whose ``canonical`` drops the year; a wrong year on the paper does
not change which document it names. Station codes are 4–12 uppercase ASCII letters or digits,
so ``-`` always separates parts, ``R`` is never a year and the forms cannot be confused.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "MIN_SEQUENCE_DIGITS",
    "DocumentNumber",
    "NumberKind",
    "display_number",
    "format_number",
    "is_valid_station_code",
    "parse_number",
    "validate_station_code",
]

MIN_SEQUENCE_DIGITS = 6
_STATION_RE = re.compile(r"[A-Z0-9]{4,12}")
_SEQUENCE_RE = re.compile(r"[0-9]{6,}")
_YEAR_RE = re.compile(r"[0-9]{4}")
_MIN_YEAR, _MAX_YEAR = 2000, 2999
_REFUSAL_MARK = "R"


class NumberKind(StrEnum):
    """What a number names; each kind has its own sequence at a station."""

    CERTIFICATE = "certificate"
    REFUSAL_NOTICE = "refusal_notice"


def is_valid_station_code(code: str) -> bool:
    """Return whether a station code is 4–12 uppercase ASCII letters or digits."""
    return bool(_STATION_RE.fullmatch(code))


def validate_station_code(code: str) -> str:
    """Return the station code unchanged, or raise ValueError explaining what is wrong."""
    if not isinstance(code, str) or not is_valid_station_code(code):
        raise ValueError(
            f"station code must be 4 to 12 uppercase letters (A-Z) or digits, got {code!r}"
        )
    return code


def _validate_sequence(sequence: int) -> int:
    """Return a valid sequence number or raise ValueError."""
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 1:
        raise ValueError(f"sequence must be a positive integer, got {sequence!r}")
    return sequence


def _validate_year(year: int) -> int:
    """Return a valid display year or raise ValueError."""
    if isinstance(year, bool) or not isinstance(year, int) or not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError(f"year must be between {_MIN_YEAR} and {_MAX_YEAR}, got {year!r}")
    return year


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """A parsed number; ``year`` is only set when the display form was parsed."""

    station_code: str
    sequence: int
    kind: NumberKind = NumberKind.CERTIFICATE
    year: int | None = None

    def __post_init__(self) -> None:
        """Reject a number that could not be printed back."""
        validate_station_code(self.station_code)
        _validate_sequence(self.sequence)
        if self.year is not None:
            _validate_year(self.year)

    @property
    def canonical(self) -> str:
        """Return the stored form, e.g. ``SY0101-000123`` or ``SY0101-R-000045``."""
        return format_number(self.station_code, self.sequence, self.kind)

    def display(self, issue_year: int) -> str:
        """Return the printed form with the issue year, e.g. ``SY0101-2026-000123``."""
        return display_number(self.canonical, issue_year)

    def __str__(self) -> str:
        """Return the canonical form."""
        return self.canonical


def format_number(
    station_code: str, sequence: int, kind: NumberKind = NumberKind.CERTIFICATE
) -> str:
    """Return the canonical number for a station's sequence value."""
    validate_station_code(station_code)
    _validate_sequence(sequence)
    digits = f"{sequence:0{MIN_SEQUENCE_DIGITS}d}"
    if kind is NumberKind.REFUSAL_NOTICE:
        return f"{station_code}-{_REFUSAL_MARK}-{digits}"
    return f"{station_code}-{digits}"


def _parse_sequence(text: str, original: str) -> int:
    """Return the sequence from its canonical digits, or raise ValueError."""
    if not _SEQUENCE_RE.fullmatch(text):
        raise ValueError(f"not a document number (sequence must be 6+ digits): {original!r}")
    if len(text) > MIN_SEQUENCE_DIGITS and text.startswith("0"):
        raise ValueError(f"not a document number (extra leading zeros): {original!r}")
    sequence = int(text)
    if sequence < 1:
        raise ValueError(f"not a document number (sequence 0): {original!r}")
    return sequence


def parse_number(text: str) -> DocumentNumber:
    """Parse a canonical or display number, or raise ValueError.

    Surrounding whitespace is ignored and full-width characters are folded (a number typed with
    a Chinese input method still parses); letters must be uppercase as printed.
    """
    if not isinstance(text, str):
        raise ValueError(f"not a document number: {text!r}")
    cleaned = unicodedata.normalize("NFKC", text).strip()
    parts = cleaned.split("-")
    kind = NumberKind.CERTIFICATE
    year: int | None = None
    if len(parts) >= 3 and parts[1] == _REFUSAL_MARK:
        kind = NumberKind.REFUSAL_NOTICE
        parts = [parts[0], *parts[2:]]
    if len(parts) == 3:
        if not _YEAR_RE.fullmatch(parts[1]):
            raise ValueError(f"not a document number (bad year): {text!r}")
        year = int(parts[1])
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise ValueError(f"not a document number (year out of range): {text!r}")
        parts = [parts[0], parts[2]]
    if len(parts) != 2:
        raise ValueError(f"not a document number: {text!r}")
    station, digits = parts
    if not is_valid_station_code(station):
        raise ValueError(f"not a document number (bad station code): {text!r}")
    return DocumentNumber(station, _parse_sequence(digits, text), kind, year)


def display_number(number: str, issue_year: int) -> str:
    """Return the printed form of a canonical number, with the issue year before the sequence.

    ``display_number("SY0101-000123", 2026)`` gives ``SY0101-2026-000123``;
    ``display_number("SY0101-R-000045", 2026)`` gives ``SY0101-R-2026-000045``.
    """
    parsed = parse_number(number)
    if parsed.year is not None:
        raise ValueError(f"expected a canonical number without a year, got {number!r}")
    _validate_year(issue_year)
    digits = f"{parsed.sequence:0{MIN_SEQUENCE_DIGITS}d}"
    mark = f"{_REFUSAL_MARK}-" if parsed.kind is NumberKind.REFUSAL_NOTICE else ""
    return f"{parsed.station_code}-{mark}{issue_year}-{digits}"
