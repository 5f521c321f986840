"""Resident rules: phone numbers, addresses, relations, tags, and the search terms and queries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from stationdesk.domain.ethnic_groups import ETHNICITY_NAMES
from stationdesk.domain.names import (
    MIDDLE_DOT,
    is_han,
    is_han_text,
    is_rare_han,
    normalize_name,
    reading_keys,
)

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")

HEAD_RELATION = "户主"
"""The relation of a household's head (the first of RELATIONS)."""
VISIT_PURPOSES = ("咨询政策", "开具证明", "反映问题", "办理业务", "其他")
"""The purposes a walk-in visit is usually recorded with (free text is allowed too)."""
NOTE_MAX = 2000
"""The longest note a resident record holds (characters)."""
RELATIONS = ("户主", "配偶", "子女", "父母", "孙子女", "祖父母", "兄弟姐妹", "其他")
SERVICE_TAGS = (
    "独居老人",
    "高龄老人",
    "残疾人",
    "低保",
    "特困",
    "退役军人",
    "党员",
    "新就业群体",
    "失业人员",
    "留守儿童",
    "优抚对象",
    "孕产妇",
)
SENSITIVE_TAGS = ("残疾", "重病", "精神障碍", "慢性病")
#: The names a resident's ethnicity may take (GB/T 3304, in code order).
ETHNICITIES = ETHNICITY_NAMES

# Polyphonic characters read differently as surnames.
SURNAME_PINYIN = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "朴": "piao",
    "查": "zha",
    "盖": "ge",
    "缪": "miao",
    "覃": "qin",
    "翟": "zhai",
    "乐": "yue",
    "秘": "bi",
    "尉": "yu",
    "长": "chang",
    "重": "chong",
    "沈": "shen",
    "柏": "bai",
    "种": "chong",
    "宿": "su",
}


class QueryKind(StrEnum):
    """What a search box text is taken to be."""

    NAME = "name"
    PINYIN = "pinyin"
    DIGITS = "digits"  # last 4 of ID or phone, last 6 of ID
    ID_NUMBER = "id_number"
    PHONE = "phone"
    ADDRESS = "address"
    EMPTY = "empty"


def phone_problem(phone: str) -> str | None:
    """Return why a phone number is not acceptable (Chinese text), or None."""
    p = phone.strip()
    if MOBILE_RE.match(p) or LANDLINE_RE.match(p):
        return None
    if p.isdigit() and len(p) == 11:
        return "手机号码应以13-19开头"
    return "电话号码格式错误（手机号11位，座机如 0411-12345678）"


def normalize_phone(phone: str) -> str:
    """Strip spaces and separators other than a landline's dash."""
    return re.sub(r"[\s()]", "", phone.strip())


@lru_cache(maxsize=200_000)
def pinyin_keys(name: str) -> tuple[str, str]:
    """Full pinyin and initials of a name, e.g. 张三 -> ('zhangsan', 'zs')."""
    from pypinyin import lazy_pinyin

    chars = [c for c in name if c not in " " + MIDDLE_DOT]
    if not chars:
        return "", ""
    syllables = lazy_pinyin(chars)
    if chars[0] in SURNAME_PINYIN:
        syllables[0] = SURNAME_PINYIN[chars[0]]
    syllables = [s.lower() for s in syllables if s.isascii() and s.isalpha()]
    return "".join(syllables), "".join(s[0] for s in syllables)


def unread_characters(name: str) -> list[str]:
    """The Han characters of a name that have no known pinyin reading (rare ones, 生僻字).

    A resident with such a name is found by pinyin only through a reading the worker types.
    """
    from pypinyin import lazy_pinyin

    chars = [c for c in name if is_han(c)]
    return [c for c, s in zip(chars, lazy_pinyin(chars), strict=True) if not s.isascii()]


_ADDRESS_RE = re.compile(
    r"^\s*(\d+)\s*(?:号楼|栋|幢|号|座|-)\s*(?:(\d+)\s*(?:单元|-))?\s*(\d+)?\s*(?:室|号)?\s*$"
)


@dataclass(frozen=True)
class AddressQuery:
    """A typed address such as 3栋502, 3-2-502 or 3号楼2单元502室."""

    building: str
    unit: str | None
    room: str | None


def parse_address(text: str) -> AddressQuery | None:
    """Read a typed address; None when the text is not one."""
    m = _ADDRESS_RE.match(text)
    if not m:
        return None
    building, unit, room = m.groups()
    return AddressQuery(building.lstrip("0") or "0", unit, room)


def building_number(building_name: str) -> str | None:
    """The number of a building name like '3栋' or '12号楼', if it has one."""
    m = re.match(r"^\s*(\d+)", building_name)
    return (m.group(1).lstrip("0") or "0") if m else None


def name_substrings(name: str) -> set[str]:
    """Every run of two or more characters of a name (and the whole name), and each rare Han
    character alone (a worker may search by the one character they had to look up)."""
    clean = name.replace(" ", "")
    out = {clean} if clean else set()
    for size in range(2, len(clean)):
        for i in range(len(clean) - size + 1):
            out.add(clean[i : i + size])
    out.update(c for c in clean if is_rare_han(c))
    return out


def search_terms(
    *,
    name: str,
    id_number: str | None,
    phones: list[str],
    building: str | None,
    unit: str | None,
    room: str | None,
    name_pinyin: str | None = None,
) -> set[str]:
    """Every term a resident is found by. Names: nf: (whole name) and n: (every run of 2+
    characters, and each rare character), pinyin: py:/pi: (from pypinyin, and from the reading
    typed for the name, if any), ID: i4:/i6:/id:, phones: p4:/ph:, addresses: a:building-room
    and a:building-unit-room."""
    terms = {f"n:{s}" for s in name_substrings(name)}
    if name.strip():
        terms.add(f"nf:{name.replace(' ', '')}")
    for full, initials in {pinyin_keys(name), reading_keys(name_pinyin or "")}:
        if full:
            terms.add(f"py:{full}")
            terms.add(f"pi:{initials}")
    if id_number:
        terms.update({f"i4:{id_number[-4:]}", f"i6:{id_number[-6:]}", f"id:{id_number}"})
    for phone in phones:
        digits = re.sub(r"\D", "", phone)
        if len(digits) >= 4:
            terms.add(f"p4:{digits[-4:]}")
            terms.add(f"ph:{digits}")
    number = building_number(building) if building else None
    if number and room:
        terms.add(f"a:{number}-{room}")
        if unit:
            terms.add(f"a:{number}-{unit}-{room}")
    return terms


@dataclass(frozen=True)
class SearchPlan:
    """How to look a query up: exact terms and term prefixes (any match counts).

    Exact terms rank before prefixes, in the order given; e.g. a whole-name match comes before
    a name that merely contains the query. ``whole`` are the leading exact terms that match a
    whole name (the name itself, its full pinyin, its initials): they rank as equals.
    """

    kind: QueryKind
    exact: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    whole: int = 0
    register_order: bool = False  # an address lists its people as registered (the household)

    def steps(self) -> list[tuple[bool, str]]:
        """(is_prefix, term) in ranking order."""
        return [(False, t) for t in self.exact] + [(True, t) for t in self.prefixes]

    def tiers(self) -> list[tuple[tuple[bool, str], ...]]:
        """The steps grouped into ranks, best first; the residents found in one rank are equal
        matches (the store orders them by the desk's last visit, then newest registration).

        The whole-name terms form the first rank, each other exact term its own, and every
        prefix together the last one.
        """
        exact = [(False, t) for t in self.exact]
        ranks = [tuple(exact[: self.whole])] if self.whole else []
        ranks += [(step,) for step in exact[self.whole :]]
        if self.prefixes:
            ranks.append(tuple((True, t) for t in self.prefixes))
        return ranks


def plan_query(text: str) -> SearchPlan:
    """Classify the search box text and turn it into term lookups."""
    q = normalize_name(text).replace(" ", "")
    if not q:
        return SearchPlan(QueryKind.EMPTY)
    if is_han_text(q):
        if len(q) == 1:  # a lone character: names starting with it (surname)
            if is_rare_han(q):  # or, for a rare one, any name holding it
                return SearchPlan(QueryKind.NAME, exact=(f"n:{q}",), prefixes=(f"nf:{q}",))
            return SearchPlan(QueryKind.NAME, prefixes=(f"nf:{q}",))
        return SearchPlan(QueryKind.NAME, exact=(f"nf:{q}", f"n:{q}"), whole=1)
    address = parse_address(q)
    if address is not None and not q.isdigit():
        if address.room is None:
            return SearchPlan(
                QueryKind.ADDRESS, prefixes=(f"a:{address.building}-",), register_order=True
            )
        if address.unit:
            return SearchPlan(
                QueryKind.ADDRESS,
                exact=(f"a:{address.building}-{address.unit}-{address.room}",),
                register_order=True,
            )
        return SearchPlan(
            QueryKind.ADDRESS, exact=(f"a:{address.building}-{address.room}",), register_order=True
        )
    upper = q.upper()
    if re.fullmatch(r"\d{17}[\dX]", upper):
        return SearchPlan(QueryKind.ID_NUMBER, exact=(f"id:{upper}",))
    if re.fullmatch(r"\d{11}", q):
        return SearchPlan(QueryKind.PHONE, exact=(f"ph:{q}",))
    if re.fullmatch(r"\d{3}[\dX]", upper):
        return SearchPlan(QueryKind.DIGITS, exact=(f"i4:{upper}", f"p4:{upper}"))
    if re.fullmatch(r"\d{5}[\dX]", upper):
        return SearchPlan(QueryKind.DIGITS, exact=(f"i6:{upper}",))
    if re.fullmatch(r"[A-Za-z]+", q):
        low = q.lower()  # the whole reading or the whole initials, then names starting so
        keys = (f"py:{low}", f"pi:{low}")
        return SearchPlan(QueryKind.PINYIN, exact=keys, prefixes=keys, whole=2)
    return SearchPlan(QueryKind.EMPTY)
