"""Checks of what a worker enters about a resident, each failing with a bilingual InputError."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import (
    PASSPORT_RE,
    DocumentType,
    IdNumberError,
    normalize,
    parse_id_number,
)
from stationdesk.domain.names import (
    name_problem,
    normalize_name,
    normalize_reading,
    reading_problem,
)
from stationdesk.domain.residents import (
    ETHNICITIES,
    NOTE_MAX,
    RELATIONS,
    normalize_phone,
    phone_problem,
)
from stationdesk.store import residents_repo as repo
from stationdesk.store.models_residents import Building, Grid

from ..errors import InputError
from .model import ResidentInput


def invalid(message: str, zh: str, field_name: str) -> InputError:
    """The error for one bad field."""
    return InputError(message, zh, field=field_name)


def check_document(
    id_type: DocumentType, raw: str, *, today: date
) -> tuple[str, str | None, date | None]:
    """Validate a document number; return (number, sex, birth date) derived from it."""
    if id_type in (DocumentType.RESIDENT_ID, DocumentType.HMT_RESIDENCE_PERMIT):
        try:
            facts = parse_id_number(raw, today=today)
        except IdNumberError as exc:
            raise invalid(f"invalid ID number: {exc}", exc.zh, "id_number") from None
        if id_type is DocumentType.HMT_RESIDENCE_PERMIT and facts.residence_permit_of is None:
            raise invalid(
                "a residence permit number starts with 81, 82 or 83",
                "港澳台居民居住证号码应以81、82或83开头",
                "id_number",
            )
        return facts.number, facts.sex.value, facts.birth_date
    number = normalize(raw)
    if not PASSPORT_RE.match(number):
        raise invalid(
            "document numbers are 5-20 letters or digits",
            "证件号码应为5-20位字母或数字",
            "id_number",
        )
    return number, None, None


def check_name(name: str) -> str:
    """The name as stored (its normal form: trimmed, with the one middle dot U+00B7)."""
    problem = name_problem(name)
    if problem:
        raise invalid("invalid name", problem, "name")
    return normalize_name(name)


def check_reading(reading: str | None) -> str | None:
    """A typed reading of the name as stored (``chen yan``), or None for none."""
    if reading is None:
        return None
    problem = reading_problem(reading)
    if problem:
        raise invalid(
            "invalid reading: pinyin syllables separated by spaces", problem, "name_pinyin"
        )
    return normalize_reading(reading) or None


def check_phones(phones: tuple[str, ...] | list[str]) -> list[str]:
    """The phone numbers normalized, blanks dropped."""
    out = []
    for p in phones:
        p = normalize_phone(p)
        if not p:
            continue
        problem = phone_problem(p)
        if problem:
            raise invalid("invalid phone number", problem, "phones")
        out.append(p)
    return out


def check_tags(tags: tuple[str, ...] | list[str], allowed: tuple[str, ...], name: str) -> list[str]:
    """The tags without repeats, in the order of ``allowed``."""
    bad = [t for t in tags if t not in allowed]
    if bad:
        raise invalid(f"unknown {name}: {', '.join(bad)}", f"未知标签：{'、'.join(bad)}", name)
    return sorted(set(tags), key=allowed.index)


def check_note(value: object) -> str | None:
    """A note as stored: None for none, refused beyond NOTE_MAX characters."""
    note = str(value) if value is not None else ""
    if len(note) > NOTE_MAX:
        raise invalid(
            f"the note is longer than {NOTE_MAX} characters",
            f"备注不能超过{NOTE_MAX}个字",
            "note",
        )
    return note or None


def check_ethnicity(value: str | None) -> None:
    """An ethnicity, when given, is one of the list."""
    if value and value not in ETHNICITIES:
        raise invalid("unknown ethnicity", "民族不在列表中", "ethnicity")


def check_relation(value: str | None) -> None:
    """A relation to the head of household, when given, is one of the list."""
    if value and value not in RELATIONS:
        raise invalid("unknown relation", "与户主关系不在列表中", "relation")


def check_room(building: Building | None, room: str | None) -> None:
    """An address with a building names its room."""
    if building is not None and not room:
        raise invalid("a room is needed with a building", "请填写室号", "room")


def text_or_none(value: Any) -> str | None:
    """A trimmed text, or None for nothing or blanks."""
    return (str(value).strip() or None) if value is not None else None


def listed_building(session: Session, name: str | None) -> Building | None:
    """The building of the station's list with this name (None for no name)."""
    if not name:
        return None
    b = repo.building_named(session, name.strip())
    if b is None:
        raise invalid(
            f"building {name!r} is not on the station's list",
            f"楼栋“{name}”不在本站楼栋列表中",
            "building",
        )
    return b


def known_grid(session: Session, code_or_name: str | None) -> Grid | None:
    """The grid with this code or name (None for neither)."""
    if not code_or_name:
        return None
    g = session.scalars(
        select(Grid).where((Grid.code == code_or_name) | (Grid.name == code_or_name))
    ).first()
    if g is None:
        raise invalid(f"unknown grid {code_or_name!r}", f"网格“{code_or_name}”不存在", "grid")
    return g


@dataclass(frozen=True)
class CheckedIdentity:
    """A new resident's name, reading and document, checked (sex and birth derived)."""

    name: str
    reading: str | None
    id_type: DocumentType
    number: str
    sex: str | None
    birth: date | None


def check_identity(data: ResidentInput, today: date) -> CheckedIdentity:
    """The checks a registration makes before it looks for the ID number, in their order."""
    name = check_name(data.name)
    reading = check_reading(data.name_pinyin)
    try:
        id_type = DocumentType(data.id_type)
    except ValueError:
        raise invalid("unknown document type", "证件类型无效", "id_type") from None
    number, sex, birth = check_document(id_type, data.id_number, today=today)
    if id_type in (DocumentType.PASSPORT, DocumentType.OTHER):
        sex, birth = data.sex, data.birth_date
    return CheckedIdentity(name, reading, id_type, number, sex, birth)
