"""The text block of a second-generation resident ID card (二代证) and its decoding.

The block is 256 bytes of UCS-2 little-endian text in fixed fields, each padded with spaces:
name 30 bytes, sex 2, ethnic group code 4, birth date 16 (YYYYMMDD), address 70, ID number 36,
issuing authority 30, validity start 16 and end 16 (a date or 长期), then 36 reserved bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stationdesk.domain.ethnic_groups import group_by_code
from stationdesk.domain.identity import IdNumberError, Sex, parse_id_number

from .errors import ReaderError, ReaderProblem

TEXT_BLOCK_SIZE = 256
PHOTO_SIZE = 1024
FIELDS: tuple[tuple[str, int], ...] = (
    ("name", 30),
    ("sex", 2),
    ("ethnic_code", 4),
    ("birth", 16),
    ("address", 70),
    ("id_number", 36),
    ("authority", 30),
    ("valid_from", 16),
    ("valid_until", 16),
    ("reserved", 36),
)
LONG_TERM = "长期"


@dataclass(frozen=True)
class CardIdentity:
    """What a card says of its holder. ``valid_until`` is None for a long-term card.

    ``repr`` shows no personal data, so a logged card leaks nothing.
    """

    name: str
    sex: Sex | None
    ethnic_code: str
    birth_date: date
    address: str
    id_number: str
    authority: str
    valid_from: date
    valid_until: date | None

    @property
    def ethnicity(self) -> str | None:
        """The ethnic group's name (as residents store it), or None for an unknown code."""
        group = group_by_code(self.ethnic_code)
        return group.name if group else None

    def expired(self, today: date) -> bool:
        """Whether the card's validity ended before ``today`` (a long-term card never does)."""
        return self.valid_until is not None and self.valid_until < today

    def __repr__(self) -> str:
        return "CardIdentity(<personal data>)"


def _date(text: str, field: str) -> date:
    if len(text) != 8 or not text.isdigit():
        raise ReaderError(ReaderProblem.BAD_CARD_DATA, f"{field} is not YYYYMMDD")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise ReaderError(ReaderProblem.BAD_CARD_DATA, f"{field} is not a date") from None


def _sex(code: str) -> Sex | None:
    return {"1": Sex.MALE, "2": Sex.FEMALE}.get(code)


def split_fields(block: bytes) -> dict[str, str]:
    """The block's fields as text, padding removed."""
    if len(block) != TEXT_BLOCK_SIZE:
        raise ReaderError(ReaderProblem.BAD_CARD_DATA, f"text block of {len(block)} bytes")
    fields: dict[str, str] = {}
    at = 0
    for name, size in FIELDS:
        try:
            text = block[at : at + size].decode("utf-16-le")
        except UnicodeDecodeError:
            raise ReaderError(ReaderProblem.BAD_CARD_DATA, f"{name} is not UCS-2") from None
        fields[name] = text.replace("\x00", "").strip()
        at += size
    return fields


def decode_text_block(block: bytes) -> CardIdentity:
    """Decode the 256-byte text block; a block that is not a valid identity raises."""
    f = split_fields(block)
    if not f["name"]:
        raise ReaderError(ReaderProblem.BAD_CARD_DATA, "no name")
    try:
        facts = parse_id_number(f["id_number"])
    except IdNumberError:
        raise ReaderError(ReaderProblem.BAD_CARD_DATA, "ID number fails its checks") from None
    until = f["valid_until"]
    return CardIdentity(
        name=f["name"],
        sex=_sex(f["sex"]),
        ethnic_code=f["ethnic_code"],
        birth_date=_date(f["birth"], "birth"),
        address=f["address"],
        id_number=facts.number,
        authority=f["authority"],
        valid_from=_date(f["valid_from"], "valid_from"),
        valid_until=None if until == LONG_TERM else _date(until, "valid_until"),
    )


def encode_text_block(card: CardIdentity) -> bytes:
    """The text block a card with these facts carries (for the simulator and tests)."""
    sex = {Sex.MALE: "1", Sex.FEMALE: "2"}.get(card.sex, "0") if card.sex else "0"
    values = {
        "name": card.name,
        "sex": sex,
        "ethnic_code": card.ethnic_code,
        "birth": card.birth_date.strftime("%Y%m%d"),
        "address": card.address,
        "id_number": card.id_number,
        "authority": card.authority,
        "valid_from": card.valid_from.strftime("%Y%m%d"),
        "valid_until": card.valid_until.strftime("%Y%m%d") if card.valid_until else LONG_TERM,
        "reserved": "",
    }
    out = b""
    for name, size in FIELDS:
        raw = values[name].encode("utf-16-le")
        if len(raw) > size:
            raise ValueError(f"{name} does not fit its {size} bytes")
        out += raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)
    return out
