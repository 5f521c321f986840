"""Parsing and checking what a worker types: action, channel, state and grade words, a new case."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from typing import TypeVar

from stationdesk.domain.cases import (
    CaseAction,
    CaseState,
    Channel,
    SatisfactionGrade,
)
from stationdesk.domain.identity import mask_id_number, mask_phone

from ..case_reference import CaseReferenceData
from ..errors import InputError
from .types import NewCase

MAX_SUMMARY = 200
MAX_DESCRIPTION = 4000
MAX_NOTE = 2000
MAX_NAME = 50
MAX_ADDRESS = 200
MAX_GRID = 32

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])")
_LANDLINE_IN_TEXT = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")
_DIGITS_IN_TEXT = re.compile(r"(?<!\d)\d{7,}(?!\d)")


_E = TypeVar("_E", bound=enum.Enum)


def _parse_word(kind: type[_E], key: str, label: str, zh: str, field_name: str) -> _E:
    """One enum member from its (normalised) value, or InputError naming the allowed words."""
    try:
        return kind(key)
    except ValueError:
        words = ", ".join(str(m.value) for m in kind)
        raise InputError(f"unknown {label}: use one of {words}", zh, field=field_name) from None


def parse_action(value: str) -> CaseAction:
    """A CaseAction from its CLI word, or InputError."""
    return _parse_word(
        CaseAction, value.strip().lower(), f"action {value!r}", "未知的办理操作。", "action"
    )


def parse_channel(value: str) -> Channel:
    """A Channel from its CLI word, or InputError."""
    return _parse_word(
        Channel, value.strip().lower(), f"channel {value!r}", "来源渠道无效。", "channel"
    )


def parse_state(value: str) -> CaseState:
    """A CaseState from its code (any case, '-' for '_'), or InputError."""
    return _parse_word(
        CaseState,
        value.strip().upper().replace("-", "_"),
        f"state {value!r}",
        "事项状态无效。",
        "state",
    )


def parse_grade(value: str) -> SatisfactionGrade:
    """A satisfaction grade from its code (``satisfied``, ``very-satisfied`` …) or Chinese label."""
    text = unicodedata.normalize("NFKC", value).strip()
    try:
        return SatisfactionGrade(text.upper().replace("-", "_"))
    except ValueError:
        pass
    try:
        return SatisfactionGrade.from_zh(text)
    except ValueError:
        codes = ", ".join(g.value.lower().replace("_", "-") for g in SatisfactionGrade)
        raise InputError(
            f"unknown satisfaction grade {value!r}: use one of {codes}",
            "满意度等级无效：应为非常满意、满意、基本满意、不满意或非常不满意。",
            field="grade",
        ) from None


def deidentify(text: str) -> str:
    """Mask ID numbers and phone-like digit runs in free text (for exports and reports)."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _LANDLINE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text)
    return _DIGITS_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text)


def _clean(value: str | None, limit: int, field: str, en: str, zh: str) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        return None
    if len(text) > limit:
        raise InputError(
            f"{en} has at most {limit} characters", f"{zh}不能超过{limit}个字。", field=field
        )
    return text


def _clean_note(note: str | None) -> str | None:
    return _clean(note, MAX_NOTE, "note", "a note", "说明")


def valid_phone(phone: str) -> bool:
    """Whether a reporter's phone number looks right (7-15 digits, spaces or dashes allowed)."""
    text = unicodedata.normalize("NFKC", phone).strip()
    digits = sum(ch.isdigit() for ch in text)
    return bool(_PHONE_RE.match(text)) and 7 <= digits <= 15


def _clean_phone(phone: str | None) -> str | None:
    if phone is None:
        return None
    text = unicodedata.normalize("NFKC", phone).strip()
    if not text:
        return None
    if not valid_phone(text):
        # never echo the value: it is personal data
        raise InputError(
            "the reporter's phone number is not valid", "联系电话格式不正确。", field="phone"
        )
    return re.sub(r"[ ]", "", text)


@dataclass(frozen=True)
class _CheckedNew:
    type_code: str
    channel: Channel
    summary: str
    description: str
    resident_id: str | None
    reporter_name: str | None
    reporter_phone: str | None
    address: str | None
    grid: str | None
    resolve_note: str | None


def check_new_case(new: NewCase, ref: CaseReferenceData) -> _CheckedNew:
    """Check everything a new case needs; raise InputError naming the first problem."""
    if ref.matter_types.get(new.type_code.strip()) is None:
        raise InputError(
            f"unknown matter type {new.type_code!r}", "事项类型不在目录中。", field="type"
        )
    channel = parse_channel(new.channel)
    summary = _clean(new.summary, MAX_SUMMARY, "summary", "the summary", "诉求摘要")
    if summary is None:
        raise InputError("a summary is required", "请填写诉求摘要。", field="summary")
    description = _clean(
        new.description, MAX_DESCRIPTION, "description", "the description", "详细描述"
    )
    resident_id = (new.resident_id or "").strip().lower() or None
    if resident_id is not None and not _UUID_RE.match(resident_id):
        raise InputError(
            "the resident id is not a record id", "居民编号格式不正确。", field="resident"
        )
    resolve_note = None
    if new.resolve_on_the_spot is not None:
        resolve_note = _clean_note(new.resolve_on_the_spot)
        if resolve_note is None:
            raise InputError(
                "a matter closed on the spot needs its result",
                "当场办结须填写办理结果。",
                field="result",
            )
    return _CheckedNew(
        type_code=new.type_code.strip(),
        channel=channel,
        summary=summary,
        description=description or "",
        resident_id=resident_id,
        reporter_name=_clean(new.reporter_name, MAX_NAME, "reporter", "the name", "姓名"),
        reporter_phone=_clean_phone(new.reporter_phone),
        address=_clean(new.address, MAX_ADDRESS, "address", "the address", "地址"),
        grid=_clean(new.grid, MAX_GRID, "grid", "the grid", "网格"),
        resolve_note=resolve_note,
    )
