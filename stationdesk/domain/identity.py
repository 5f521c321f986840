"""Resident ID numbers (GB 11643-1999): validation, 15-to-18 upgrade, derived facts and masking."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
RESIDENCE_PERMIT_PREFIXES = {"81": "HK", "82": "MO", "83": "TW"}

PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,20}$")
"""A passport's or another document's number: 5 to 20 capital letters or digits."""

_DIGITS_17 = re.compile(r"^\d{17}[\dX]$")
_DIGITS_15 = re.compile(r"^\d{15}$")


class DocumentType(StrEnum):
    """Kinds of identity document a resident may hold."""

    RESIDENT_ID = "RESIDENT_ID"  # 居民身份证
    HMT_RESIDENCE_PERMIT = "HMT_RESIDENCE_PERMIT"  # 港澳台居民居住证
    PASSPORT = "PASSPORT"  # 护照
    OTHER = "OTHER"  # 其他证件


class Sex(StrEnum):
    """Sex as encoded in the sequence digits of an ID number."""

    MALE = "M"
    FEMALE = "F"


class IdNumberError(ValueError):
    """An ID number that cannot be accepted; ``code`` names the rule, ``zh`` is the UI text.

    The message never repeats the number itself, so it is safe to log.
    """

    def __init__(self, code: str, message: str, zh: str) -> None:
        super().__init__(message)
        self.code = code
        self.zh = zh


@dataclass(frozen=True)
class IdNumberFacts:
    """What an accepted 18-character ID number says about its holder."""

    number: str
    birth_date: date
    sex: Sex
    region_code: str
    region_name: str | None
    residence_permit_of: str | None

    @property
    def region_known(self) -> bool:
        """Whether the region code is a known GB/T 2260 code (unknown is a warning only)."""
        return self.region_name is not None


def check_char(first17: str) -> str:
    """Return the check character for the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def normalize(raw: str) -> str:
    """Strip spaces and separators and upper-case a typed ID number (no validation)."""
    return re.sub(r"[\s\-]", "", raw).upper()


def upgrade_15_to_18(number15: str) -> str:
    """Upgrade a legacy 15-digit number (YYMMDD, century 19) to its 18-character form."""
    if not _DIGITS_15.match(number15):
        raise IdNumberError(
            "format", "a legacy ID number has 15 digits", "15位身份证号应为15位数字"
        )
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_char(first17)


@functools.lru_cache(maxsize=8192)
def region_name(region_code: str) -> str | None:
    """Return the GB/T 2260 name of a 6-digit region code, or None when unknown.

    Cached: the table lookup is about 0.1 ms, paid for every ID number a push or an import
    validates, and a district has a few thousand region codes at most.
    """
    from stdnum import numdb  # local import: the region table loads on first use

    parts = numdb.get("cn/loc").info(region_code)
    info = {k: v for _, props in parts for k, v in props.items()}
    if "county" not in info:
        return None
    county = info["county"].split(",")[-1]
    if county.startswith("["):
        county = county.split("]", 1)[1]
    province = info.get("province", "")
    return county if county.startswith(province[:2]) else province + county


def parse_id_number(raw: str, *, today: date | None = None) -> IdNumberFacts:
    """Validate a typed ID number and derive its facts; 15-digit numbers are upgraded to 18.

    Raises IdNumberError for a wrong length, format, birth date, future birth date or check
    character. An unknown region code is accepted (``region_known`` is then False).
    """
    number = normalize(raw)
    if _DIGITS_15.match(number):
        number = upgrade_15_to_18(number)
    if len(number) != 18:
        raise IdNumberError("length", "an ID number has 18 characters", "身份证号应为18位")
    if not _DIGITS_17.match(number):
        raise IdNumberError(
            "format",
            "an ID number is 17 digits and a digit or X",
            "身份证号格式错误（前17位为数字，末位为数字或X）",
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdNumberError(
            "birth_date", "the birth date is not a real date", "出生日期无效"
        ) from None
    reference = today or date.today()
    if birth > reference:
        raise IdNumberError(
            "future_birth", "the birth date is in the future", "出生日期不能晚于今天"
        )
    if birth.year < 1880:
        raise IdNumberError("birth_date", "the birth date is implausibly old", "出生日期无效")
    if check_char(number[:17]) != number[17]:
        raise IdNumberError("check", "the check character is wrong", "身份证号校验位错误")
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    region = number[:6]
    return IdNumberFacts(
        number=number,
        birth_date=birth,
        sex=sex,
        region_code=region,
        region_name=region_name(region),
        residence_permit_of=RESIDENCE_PERMIT_PREFIXES.get(number[:2]),
    )


def mask_id_number(number: str) -> str:
    """Mask an ID number for screens: keep the first 4 and last 4 (``2102**********123X``)."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(phone: str) -> str:
    """Mask a phone number for screens: keep the first 3 and last 4 (``138****0000``)."""
    digits = phone.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
