"""What the catalog's parts share: errors, keyed entries and their lookup, placeholders, text."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

EntryT = TypeVar("EntryT")


class CatalogError(ValueError):
    """The catalog or refusal guide data is malformed; the message names the bad key."""


class NotInCatalog(ValueError):
    """A certificate type or refusal reason code is not in the current catalog or guide."""


@dataclass(frozen=True, slots=True)
class KeyedEntry:
    """An entry the catalog or the guide knows by a lower_snake_case key, labelled zh and en."""

    key: str
    label_zh: str
    label_en: str


def find_entry(entries: Iterable[EntryT], attr: str, wanted: str, missing: str) -> EntryT:
    """The first of ``entries`` whose ``attr`` is ``wanted``, or NotInCatalog(``missing``)."""
    for entry in entries:
        if getattr(entry, attr) == wanted:
            return entry
    raise NotInCatalog(missing)


#: Placeholders a body template may use besides its own field keys. The service supplies them.
#: ``issue_date`` and ``valid_until`` are given as YYYY-MM-DD and rendered as 2026年3月5日.
BUILTIN_PLACEHOLDERS: frozenset[str] = frozenset(
    {"purpose", "station_name", "issue_date", "valid_until", "number"}
)
BUILTIN_DATES = frozenset({"issue_date", "valid_until"})

CODE_RE = re.compile(r"[A-Z][A-Z0-9_]{1,31}")
KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
TRAILING_STOPS = "。．.；;，,"


def format_date_zh(value: date) -> str:
    """Format a date the way Chinese official documents write it, e.g. 2026年3月5日."""
    return f"{value.year}年{value.month}月{value.day}日"


def parse_iso_date(text: str) -> date | None:
    """Return the date for a strict YYYY-MM-DD string, or None."""
    if not _ISO_DATE_RE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def normalise_text(text: str) -> str:
    """Fold full-width forms and case and drop whitespace, for keyword matching."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace())


def placeholders(template: str) -> list[str]:
    """Return the placeholder names of a str.format template, in order of appearance."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
