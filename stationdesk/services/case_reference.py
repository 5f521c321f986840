"""The one place where case reference data is loaded: matter types, departments, work calendar.

Each kind is district-set. Until the district sends a version (stored in ``case_reference``),
the default shipped in ``resources/`` applies. :func:`replace_case_reference` is the hook sync
uses to install a newer version; everything else only reads through :func:`reference_in`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.matters import (
    DepartmentList,
    MatterTypeList,
    parse_departments,
    parse_matter_types,
)
from stationdesk.domain.roles import Permission
from stationdesk.domain.workdays import WorkCalendar
from stationdesk.resources import resource_path
from stationdesk.store.models_cases import CaseReference

from .actor import Actor, require
from .errors import InputError
from .station import Station
from .uow import unit_of_work


class ReferenceKind(StrEnum):
    """The kinds of district-set case reference data."""

    MATTER_TYPES = "matter_types"
    DEPARTMENTS = "departments"
    CALENDAR = "calendar"


_SHIPPED = {
    ReferenceKind.MATTER_TYPES: ("matters", "matter_types.json"),
    ReferenceKind.DEPARTMENTS: ("matters", "departments.json"),
    ReferenceKind.CALENDAR: ("calendar", "cn-workdays.json"),
}


@dataclass(frozen=True)
class CaseReferenceData:
    """The reference data in force: matter types, departments and the working-day calendar."""

    matter_types: MatterTypeList
    departments: DepartmentList
    calendar: WorkCalendar


@dataclass(frozen=True)
class MatterTypeInfo:
    """A matter type as the intake screen shows it; ``search_key`` holds pinyin for filtering."""

    code: str
    name: str
    name_en: str
    category: str
    category_name: str
    time_limit_days: int
    default_department: str
    search_key: str


@dataclass(frozen=True)
class DepartmentInfo:
    """A department a case can be referred to."""

    code: str
    name: str
    name_en: str
    level: str


@dataclass(frozen=True)
class ReferenceVersion:
    """Which version of one kind is in force, and whether it came from the district."""

    kind: ReferenceKind
    version: int
    source: str  # "shipped" or "district"


@lru_cache(maxsize=8)
def _shipped_json(kind: ReferenceKind) -> str:
    return resource_path(*_SHIPPED[kind]).read_text(encoding="utf-8")


_parsed_lock = threading.Lock()
_parsed: dict[tuple[str, str], CaseReferenceData] = {}


def _rows_in(session: Session) -> dict[ReferenceKind, CaseReference]:
    """The stored (district) version of each kind that has one."""
    return {ReferenceKind(r.kind): r for r in session.scalars(select(CaseReference))}


def _raw_in_force(rows: dict[ReferenceKind, CaseReference]) -> dict[ReferenceKind, dict[str, Any]]:
    """Each kind's data in force: its stored version, else the shipped default."""
    return {
        kind: dict(row.data) if (row := rows.get(kind)) else json.loads(_shipped_json(kind))
        for kind in ReferenceKind
    }


def _parse(raw: dict[ReferenceKind, dict[str, Any]]) -> CaseReferenceData:
    departments = parse_departments(raw[ReferenceKind.DEPARTMENTS])
    return CaseReferenceData(
        matter_types=parse_matter_types(raw[ReferenceKind.MATTER_TYPES], departments),
        departments=departments,
        calendar=WorkCalendar.from_dict(raw[ReferenceKind.CALENDAR]),
    )


def reference_in(session: Session) -> CaseReferenceData:
    """The reference data in force, read within an open session (parsed once per version)."""
    rows = _rows_in(session)
    key_parts: list[str] = []
    for kind in ReferenceKind:
        row = rows.get(kind)
        key_parts.append(f"{kind}:{row.version}:{row.updated_at.isoformat()}" if row else "-")
    key = ("|".join(key_parts), "")
    with _parsed_lock:
        cached = _parsed.get(key)
    if cached is not None:
        return cached
    data = _parse(_raw_in_force(rows))
    with _parsed_lock:
        _parsed[key] = data
    return data


def case_reference(station: Station) -> CaseReferenceData:
    """The reference data in force at this station."""
    with station.db.read_session() as s:
        return reference_in(s)


def _search_key(*texts: str) -> str:
    from pypinyin import Style, lazy_pinyin  # 0.2 s to import: only when types are listed

    parts: list[str] = []
    for text in texts:
        parts.append(text.lower())
        parts.append("".join(lazy_pinyin(text)))
        parts.append("".join(lazy_pinyin(text, style=Style.FIRST_LETTER)))
    return " ".join(parts).lower()


def matter_type_infos(ref: CaseReferenceData) -> list[MatterTypeInfo]:
    """Every matter type with its category name and a pinyin search key, in district order."""
    infos: list[MatterTypeInfo] = []
    for matter in ref.matter_types.types:
        category = ref.matter_types.category(matter.category)
        category_name = category.name_zh if category else matter.category
        infos.append(
            MatterTypeInfo(
                code=matter.code,
                name=matter.name_zh,
                name_en=matter.name_en,
                category=matter.category,
                category_name=category_name,
                time_limit_days=matter.time_limit_working_days,
                default_department=matter.default_department,
                search_key=_search_key(matter.name_zh, category_name, matter.code),
            )
        )
    return infos


def list_matter_types(station: Station) -> list[MatterTypeInfo]:
    """The matter types a case can be opened with."""
    return matter_type_infos(case_reference(station))


def list_departments(station: Station) -> list[DepartmentInfo]:
    """The departments a case can be referred to, in district order."""
    ref = case_reference(station)
    return [
        DepartmentInfo(d.code, d.name_zh, d.name_en, d.level) for d in ref.departments.departments
    ]


def reference_versions(station: Station) -> list[ReferenceVersion]:
    """Which version of each kind is in force (for the about box and sync's hello)."""
    with station.db.read_session() as s:
        rows = _rows_in(s)
    out: list[ReferenceVersion] = []
    for kind in ReferenceKind:
        row = rows.get(kind)
        if row is not None:
            out.append(ReferenceVersion(kind, row.version, row.source))
        else:
            out.append(
                ReferenceVersion(kind, int(json.loads(_shipped_json(kind))["version"]), "shipped")
            )
    return out


def replace_case_reference(
    station: Station,
    actor: Actor | None,
    kind: str,
    data: dict[str, Any],
    *,
    source: str = "district",
) -> ReferenceVersion:
    """Install a newer version of one kind (from the district); checked before it is stored.

    ``actor`` is None when sync installs it, else an admin. The data must parse together with
    the kinds already in force (e.g. matter types naming known departments) and its version
    must be newer than the one in force.
    """
    if actor is not None:
        require(actor, Permission.MANAGE_STATION)
    try:
        ref_kind = ReferenceKind(kind)
    except ValueError:
        raise InputError(f"unknown reference kind {kind!r}", "未知的基础数据类型。") from None
    with unit_of_work(station, actor) as uow:
        rows = _rows_in(uow.session)
        raw = _raw_in_force(rows)
        current_version = {k: int(raw[k]["version"]) for k in ReferenceKind}
        raw[ref_kind] = data
        try:
            _parse(raw)
        except ValueError as exc:
            raise InputError(
                f"reference data refused: {exc}", "基础数据格式有误，未更新。"
            ) from None
        version = int(data["version"])
        if version <= current_version[ref_kind]:
            raise InputError(
                f"{ref_kind.value} version {version} is not newer than {current_version[ref_kind]}",
                "基础数据版本不比当前版本新，未更新。",
            )
        row = rows.get(ref_kind)
        if row is None:
            uow.session.add(
                CaseReference(
                    kind=ref_kind.value,
                    version=version,
                    data=data,
                    source=source,
                    updated_at=uow.now,
                )
            )
        else:
            row.version, row.data, row.source, row.updated_at = version, data, source, uow.now
        uow.audit(
            "case_reference.replace",
            "case_reference",
            ref_kind.value,
            {"version": version, "previous": current_version[ref_kind], "source": source},
        )
    return ReferenceVersion(ref_kind, version, source)
