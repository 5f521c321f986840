"""Person names: which characters a name may hold, its normal form, and a typed reading.

A name is Han characters of any block (CJK Unified Ideographs, Extensions A to I, the
compatibility ideographs), Latin letters, spaces and the middle dot (间隔号) of minority and
foreign names. The rule is by code point, so a rare character (生僻字) outside the Basic
Multilingual Plane counts as one character, as GB 18030-2022 requires.
"""

from __future__ import annotations

import re
import unicodedata

HAN_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0x20000, 0x2A6DF, "CJK Unified Ideographs Extension B"),
    (0x2A700, 0x2B73F, "CJK Unified Ideographs Extension C"),
    (0x2B740, 0x2B81F, "CJK Unified Ideographs Extension D"),
    (0x2B820, 0x2CEAF, "CJK Unified Ideographs Extension E"),
    (0x2CEB0, 0x2EBEF, "CJK Unified Ideographs Extension F"),
    (0x2EBF0, 0x2EE5F, "CJK Unified Ideographs Extension I"),
    (0x2F800, 0x2FA1F, "CJK Compatibility Ideographs Supplement"),
    (0x30000, 0x3134F, "CJK Unified Ideographs Extension G"),
    (0x31350, 0x323AF, "CJK Unified Ideographs Extension H"),
)
"""The Unicode blocks of Han ideographs, as (first, last code point, block name).

By range rather than by ``unicodedata``: Python's character database may predate the newest
extensions (Extension H is Unicode 15.0, Extension I 15.1).
"""

MIDDLE_DOT = "\u00b7"
"""The middle dot a stored name holds (U+00B7, as on ID cards: 阿依古丽·买买提)."""

DOT_VARIANTS = (
    "\u0387"  # Greek ano teleia (canonically U+00B7)
    "\u2022"  # bullet
    "\u2027"  # hyphenation point
    "\u2219"  # bullet operator
    "\u22c5"  # dot operator
    "\u2e31"  # word separator middle dot
    "\u30fb"  # katakana middle dot, what many Chinese input methods type
    "\ua78f"  # Latin letter sinological dot
    "\uff0e"  # fullwidth full stop
    "\uff65"  # halfwidth katakana middle dot
    "."
)
"""Dots typed for the middle dot; a name's normal form holds U+00B7 instead."""

MAX_NAME_CHARS = 40
MAX_READING_CHARS = 80

HAN_CLASS = "".join(f"{chr(first)}-{chr(last)}" for first, last, _block in HAN_BLOCKS)
"""The Han blocks as the inside of a regular-expression character class."""

_HAN_RE = re.compile(f"[{HAN_CLASS}]")
_HAN_RUN_RE = re.compile(f"^[{HAN_CLASS}{MIDDLE_DOT}]+$")
_NAME_RE = re.compile(f"^[{HAN_CLASS}A-Za-z{MIDDLE_DOT} ]+$")
_DOTS = str.maketrans(dict.fromkeys(DOT_VARIANTS, MIDDLE_DOT))
_SPACED_DOT_RE = re.compile(f" ?{MIDDLE_DOT} ?")
_READING_RE = re.compile(r"^[a-z]+( [a-z]+)*$")
_READING_SEPARATORS_RE = re.compile(r"[\s'’\-·,，、]+")
_TONE_DIGITS_RE = re.compile(r"(?<=[a-z])[1-5]")


def is_han(char: str) -> bool:
    """Whether one character is a Han ideograph of any block."""
    return _HAN_RE.fullmatch(char) is not None


def is_rare_han(char: str) -> bool:
    """Whether one character is a Han ideograph outside the basic block (U+4E00-U+9FFF): from
    Extension A or a later one, or a compatibility ideograph."""
    return not 0x4E00 <= ord(char) <= 0x9FFF and is_han(char)


def han_block(char: str) -> str | None:
    """The name of the Han block a character belongs to, or None."""
    code = ord(char)
    for first, last, block in HAN_BLOCKS:
        if first <= code <= last:
            return block
    return None


def is_han_text(text: str) -> bool:
    """Whether a text is Han characters and middle dots only (at least one character)."""
    return _HAN_RUN_RE.match(text) is not None


def normalize_name(raw: str) -> str:
    """A name's normal form: trimmed, dot variants made U+00B7, runs of spaces made one.

    The characters themselves are kept as typed (no Unicode normalisation: a compatibility
    ideograph stays what the register holds).
    """
    text = " ".join(raw.translate(_DOTS).split())
    return _SPACED_DOT_RE.sub(MIDDLE_DOT, text)


def name_problem(name: str) -> str | None:
    """Return why a name is not acceptable (Chinese text), or None.

    The one rule for a resident's name: 1-40 characters (code points) of Han characters of any
    extension, Latin letters, spaces and middle dots, with at least one Han character or letter.
    """
    n = normalize_name(name)
    if not n:
        return "请输入姓名"
    if not _NAME_RE.match(n) or not n.replace(MIDDLE_DOT, "").strip():
        return "姓名只能包含汉字、字母和间隔号"
    if len(n) > MAX_NAME_CHARS:
        return f"姓名不能超过{MAX_NAME_CHARS}个字"
    return None


def normalize_reading(raw: str) -> str:
    """A typed reading's normal form: lower case, tone marks and digits dropped, ü as v,
    syllables separated by single spaces (``Chén Yàn`` and ``chen2'yan4`` give ``chen yan``)."""
    text = raw.strip().lower()
    text = "".join(
        "v" if unicodedata.normalize("NFD", c).startswith("u\u0308") else c for c in text
    )
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = _TONE_DIGITS_RE.sub(" ", text)
    return " ".join(_READING_SEPARATORS_RE.split(text)).strip()


def reading_problem(reading: str) -> str | None:
    """Return why a typed reading is not acceptable (Chinese text), or None for a good or
    empty one. A reading is pinyin syllables separated by spaces, e.g. ``chen yan``."""
    r = normalize_reading(reading)
    if not r:
        return None
    if not _READING_RE.match(r):
        return "读音请用拼音字母，音节之间用空格分开，如 chen yan"
    if len(r) > MAX_READING_CHARS:
        return f"读音不能超过{MAX_READING_CHARS}个字母"
    return None


def reading_keys(reading: str) -> tuple[str, str]:
    """Full pinyin and initials of a typed reading: ``chen yan`` -> ('chenyan', 'cy')."""
    if not reading:
        return "", ""
    syllables = normalize_reading(reading).split()
    return "".join(syllables), "".join(s[0] for s in syllables)
