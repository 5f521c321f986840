"""District-set matter types and departments for one-window cases, parsed and checked.

The shipped defaults are ``resources/matters/matter_types.json`` and ``departments.json``; a
district may replace either one (a new ``version``) through sync. Parsing is strict: a bad file
is refused with a message that names the problem, so a station never runs on half a list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

MATTER_TYPES_FORMAT = "stationdesk.matter-types/1"
DEPARTMENTS_FORMAT = "stationdesk.departments/1"

#: The longest promised time limit a matter type may have, in working days.
MAX_TIME_LIMIT_DAYS = 60

_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
_LEVELS = frozenset({"community", "street", "district", "enterprise"})


@dataclass(frozen=True, slots=True)
class Department:
    """A body a case can be referred to (转办), at community, street, district or company level."""

    code: str
    name_zh: str
    name_en: str
    level: str


@dataclass(frozen=True, slots=True)
class MatterCategory:
    """A group of matter types (民政, 社保/医保 …)."""

    code: str
    name_zh: str
    name_en: str


@dataclass(frozen=True, slots=True)
class MatterType:
    """A kind of matter with its promised time limit (承诺时限) and default department."""

    code: str
    name_zh: str
    name_en: str
    category: str
    time_limit_working_days: int
    default_department: str


_Coded = TypeVar("_Coded", Department, MatterCategory, MatterType)


def _by_code(entries: tuple[_Coded, ...], code: str) -> _Coded | None:
    """The entry with this code, or None (lists are short: a scan is quickest)."""
    for entry in entries:
        if entry.code == code:
            return entry
    return None


def _name_of(entries: tuple[_Coded, ...], code: str) -> str:
    """The Chinese name of the entry with this code, or the code when there is none."""
    entry = _by_code(entries, code)
    return entry.name_zh if entry else code


@dataclass(frozen=True, slots=True)
class DepartmentList:
    """One version of the district's department list."""

    version: int
    departments: tuple[Department, ...]

    def get(self, code: str) -> Department | None:
        """The department with this code, or None."""
        return _by_code(self.departments, code)

    def name_of(self, code: str) -> str:
        """The Chinese name of the department with this code, or the code when it is unknown."""
        return _name_of(self.departments, code)


@dataclass(frozen=True, slots=True)
class MatterTypeList:
    """One version of the district's matter types, in the district's order."""

    version: int
    categories: tuple[MatterCategory, ...]
    types: tuple[MatterType, ...]

    def get(self, code: str) -> MatterType | None:
        """The matter type with this code, or None."""
        return _by_code(self.types, code)

    def name_of(self, code: str) -> str:
        """The Chinese name of the matter type with this code, or the code when it is unknown."""
        return _name_of(self.types, code)

    def category(self, code: str) -> MatterCategory | None:
        """The category with this code, or None."""
        return _by_code(self.categories, code)


def _require_mapping(data: object, where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: expected a JSON object")
    return data


def _version(data: Mapping[str, Any], where: str) -> int:
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValueError(f"{where}: 'version' must be a positive integer, got {version!r}")
    return version


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _code(entry: Mapping[str, Any], where: str) -> str:
    code = _text(entry, "code", where)
    if not _CODE_RE.match(code):
        raise ValueError(f"{where}: code {code!r} must be UPPER_SNAKE_CASE")
    return code


def _list(data: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise ValueError(f"{where}: '{key}' must be a non-empty list")
    return value


def _document(data: object, what: str, fmt: str) -> tuple[Mapping[str, Any], int]:
    """A list file's top object, checked for its format, and its version."""
    checked = _require_mapping(data, what)
    found = checked.get("format", fmt)
    if found != fmt:
        raise ValueError(f"{what}: format {found!r} is not supported")
    return checked, _version(checked, what)


def _coded_entries(
    data: Mapping[str, Any], key: str, what: str
) -> Iterator[tuple[str, Mapping[str, Any], str]]:
    """Each entry of the non-empty list ``data[key]``: where it is, the entry and its code.

    Every entry is an object with an UPPER_SNAKE_CASE ``code`` no other entry has.
    """
    seen: set[str] = set()
    for i, raw in enumerate(_list(data, key, what)):
        where = f"{key}[{i}]"
        entry = _require_mapping(raw, where)
        code = _code(entry, where)
        if code in seen:
            raise ValueError(f"{where}: code {code} is listed twice")
        seen.add(code)
        yield where, entry, code


def parse_departments(data: Mapping[str, Any]) -> DepartmentList:
    """Parse and check a department list; raise ``ValueError`` saying what is wrong."""
    data, version = _document(data, "departments", DEPARTMENTS_FORMAT)
    departments: list[Department] = []
    for where, entry, code in _coded_entries(data, "departments", "departments"):
        level = _text(entry, "level", where)
        if level not in _LEVELS:
            raise ValueError(f"{where}: level {level!r} is not one of {sorted(_LEVELS)}")
        departments.append(
            Department(code, _text(entry, "name_zh", where), _text(entry, "name_en", where), level)
        )
    return DepartmentList(version, tuple(departments))


def parse_matter_types(data: Mapping[str, Any], departments: DepartmentList) -> MatterTypeList:
    """Parse and check matter types against ``departments``; raise ``ValueError`` if wrong.

    Every type needs a known category, a time limit of 0 (on the spot) to
    :data:`MAX_TIME_LIMIT_DAYS` working days, and a default department from ``departments``.
    """
    data, version = _document(data, "matter types", MATTER_TYPES_FORMAT)
    categories: list[MatterCategory] = []
    for where, entry, code in _coded_entries(data, "categories", "matter types"):
        categories.append(
            MatterCategory(code, _text(entry, "name_zh", where), _text(entry, "name_en", where))
        )
    category_codes = {c.code for c in categories}
    types: list[MatterType] = []
    for where, entry, code in _coded_entries(data, "matter_types", "matter types"):
        category = _text(entry, "category", where)
        if category not in category_codes:
            raise ValueError(f"{where}: unknown category {category}")
        limit = entry.get("time_limit_working_days")
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int)
            or not 0 <= limit <= MAX_TIME_LIMIT_DAYS
        ):
            raise ValueError(
                f"{where}: time_limit_working_days must be 0-{MAX_TIME_LIMIT_DAYS}, got {limit!r}"
            )
        dept = _text(entry, "default_department", where)
        if departments.get(dept) is None:
            raise ValueError(f"{where}: unknown default_department {dept}")
        types.append(
            MatterType(
                code,
                _text(entry, "name_zh", where),
                _text(entry, "name_en", where),
                category,
                limit,
                dept,
            )
        )
    return MatterTypeList(version, tuple(categories), tuple(types))
