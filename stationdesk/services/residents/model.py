"""What the resident use cases take and return: the intake form, masked rows and cards."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from stationdesk.domain.identity import DocumentType, mask_id_number, mask_phone

from ..errors import InputError


def masked_id(id_number: str | None) -> str:
    """An ID number as lists show it ("" for none)."""
    return mask_id_number(id_number) if id_number else ""


EDITABLE_FIELDS = (
    "name",
    "id_number",
    "sex",
    "birth_date",
    "name_pinyin",
    "phones",
    "ethnicity",
    "building",
    "unit",
    "room",
    "relation",
    "grid",
    "tags",
    "sensitive_tags",
    "note",
)

IDENTITY_FIELDS = frozenset({"name", "id_number", "sex", "birth_date", "ethnicity"})
"""Fields of a person's identity: only a station head may change them (a worker may not)."""


class DuplicateResidentError(InputError):
    """Someone with this ID number is already registered; ``existing_id`` names them."""

    def __init__(self, existing_id: str) -> None:
        super().__init__(
            "a resident with this ID number is already registered",
            "该证件号码已登记。",
            field="id_number",
        )
        self.existing_id = existing_id


@dataclass(frozen=True)
class ResidentInput:
    """What intake collects; sex and birth date come from the ID number, never typed.

    ``name_pinyin`` is the reading the worker may type for a name with a character pypinyin
    cannot read (pinyin syllables separated by spaces, e.g. ``chen yan``); search uses it.
    """

    name: str
    id_number: str
    id_type: DocumentType = DocumentType.RESIDENT_ID
    phones: tuple[str, ...] = ()
    ethnicity: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    relation: str | None = None
    grid: str | None = None
    tags: tuple[str, ...] = ()
    sensitive_tags: tuple[str, ...] = ()
    note: str | None = None
    sex: str | None = None  # only for documents that do not encode it
    birth_date: date | None = None  # likewise
    name_pinyin: str | None = None


@dataclass(frozen=True)
class ResidentRow:
    """A search result: ID and phone masked."""

    id: str
    name: str
    sex: str | None
    birth_date: date | None
    id_type: str
    id_masked: str
    phone_masked: str
    address: str
    grid: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class HouseholdMember:
    """Someone at the same household, masked."""

    id: str
    name: str
    relation: str | None
    id_masked: str


@dataclass(frozen=True)
class FieldChange:
    """One recorded field edit."""

    field: str
    old: Any
    new: Any
    worker: str
    at: datetime


@dataclass(frozen=True)
class VisitInfo:
    """A walk-in record."""

    id: str
    resident_id: str
    purpose: str
    worker: str
    at: datetime


@dataclass(frozen=True)
class ResidentCard:
    """One resident as the card shows them (masked; sensitive tags only for permitted roles)."""

    row: ResidentRow
    ethnicity: str | None
    building: str | None
    unit: str | None
    room: str | None
    relation: str | None
    sensitive_tags: tuple[str, ...] | None  # None: hidden from this role
    note: str | None
    phones_masked: tuple[str, ...]
    version: int
    household: tuple[HouseholdMember, ...] = ()
    visits: tuple[VisitInfo, ...] = ()
    changes: tuple[FieldChange, ...] = field(default=())
    name_pinyin: str | None = None  # the reading typed for the name, if any


@dataclass(frozen=True)
class RevealedIdentity:
    """The full ID number and phones, returned only by an audited reveal."""

    resident_id: str
    id_number: str | None
    phones: tuple[str, ...]

    def still_shows(self, card: ResidentCard) -> bool:
        """Whether ``card``, read again after a write or a sync, is still this identity: the
        same resident, whose stored ID number and phones mask as these do."""
        return (
            card.row.id == self.resident_id
            and card.row.id_masked == masked_id(self.id_number)
            and card.phones_masked == tuple(mask_phone(p) for p in self.phones)
        )


@dataclass(frozen=True)
class BuildingInfo:
    """A building of the station's list."""

    id: str
    name: str
    grid: str | None
    residents: int


@dataclass(frozen=True)
class GridInfo:
    """A grid of the community."""

    id: str
    code: str
    name: str
