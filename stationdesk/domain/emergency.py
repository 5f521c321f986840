"""Emergency mode (平急转换) rules: event kinds, levels, check-off statuses, who is vulnerable."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from stationdesk.domain.coded import Coded, coded_label, find_coded, find_labelled


@dataclass(frozen=True)
class EventKind(Coded):
    """A kind of emergency: a stable code and its Chinese label."""


#: The kinds of emergency a station switches to emergency mode for (data, in display order).
EVENT_KINDS: tuple[EventKind, ...] = (
    EventKind("typhoon", "台风"),
    EventKind("rainstorm", "暴雨"),
    EventKind("cold-wave", "寒潮"),
    EventKind("heat-wave", "高温"),
    EventKind("fire", "火灾"),
    EventKind("epidemic", "疫情"),
    EventKind("outage", "停水停电"),
    EventKind("other", "其他"),
)

#: Response levels I (most severe) to IV, as stored (1-4) and shown.
LEVEL_LABELS: dict[int, str] = {1: "Ⅰ级", 2: "Ⅱ级", 3: "Ⅲ级", 4: "Ⅳ级"}
_LEVEL_NAMES = {
    **{str(n): n for n in LEVEL_LABELS},
    **{roman: n for n, roman in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))},
    **{roman: n for n, roman in ((1, "Ⅰ"), (2, "Ⅱ"), (3, "Ⅲ"), (4, "Ⅳ"))},
}
DEFAULT_LEVEL = 4


class CheckStatus(StrEnum):
    """Where the check on one listed resident stands; the value is the stable code."""

    NOT_CONTACTED = "not-contacted"
    SAFE = "safe"
    NEED_HELP = "need-help"
    RELOCATED = "relocated"
    UNREACHABLE = "unreachable"


STATUS_LABELS_ZH: dict[CheckStatus, str] = {
    CheckStatus.NOT_CONTACTED: "未联系",
    CheckStatus.SAFE: "已联系·安全",
    CheckStatus.NEED_HELP: "需要帮助",
    CheckStatus.RELOCATED: "已转移安置",
    CheckStatus.UNREACHABLE: "联系不上",
}

#: Statuses that mean someone reached the resident.
REACHED = frozenset({CheckStatus.SAFE, CheckStatus.NEED_HELP, CheckStatus.RELOCATED})

#: The default vulnerable-people rule: a resident with any of these service tags is listed …
VULNERABLE_TAGS: tuple[str, ...] = (
    "独居老人",
    "高龄老人",
    "残疾人",
    "低保",
    "特困",
    "留守儿童",
    "孕产妇",
)
#: … or with any of these sensitive tags (the list shows who, never which tag).
VULNERABLE_SENSITIVE_TAGS: tuple[str, ...] = ("残疾", "重病")

#: A resident marked unreachable for longer than this is overdue (escalate, visit in person).
UNREACHABLE_TOO_LONG = timedelta(hours=2)


def parse_kind(text: str) -> EventKind:
    """An event kind from its code or Chinese label; ValueError names the choices."""
    return find_coded(EVENT_KINDS, text, "event kind")


def kind_label(code: str) -> str:
    """The Chinese label of a stored kind code (the code itself if no longer listed)."""
    return coded_label(EVENT_KINDS, code)


def parse_level(text: str | int) -> int:
    """A response level 1-4 from ``1``-``4``, ``I``-``IV`` or ``Ⅰ``-``Ⅳ`` (级 allowed)."""
    if isinstance(text, int) and not isinstance(text, bool):
        if text in LEVEL_LABELS:
            return text
        raise ValueError("a level is 1-4 (I-IV)")
    value = str(text).strip().removesuffix("级").upper()
    level = _LEVEL_NAMES.get(value)
    if level is None:
        raise ValueError("a level is 1-4 (I-IV)")
    return level


def parse_status(text: str) -> CheckStatus:
    """A check-off status from its code or Chinese label; ValueError names the choices."""
    return find_labelled(STATUS_LABELS_ZH, text, "status")


def is_vulnerable(tags: Iterable[str], sensitive_tags: Iterable[str] = ()) -> bool:
    """Whether the default rule lists a resident with these tags."""
    return bool(set(tags) & set(VULNERABLE_TAGS)) or bool(
        set(sensitive_tags) & set(VULNERABLE_SENSITIVE_TAGS)
    )


@dataclass(frozen=True)
class Block:
    """The listed residents still to assign in one building of one grid."""

    grid: str | None
    building: str | None
    count: int


def balance(
    blocks: Sequence[Block],
    grid_responders: Mapping[str | None, Sequence[str]],
    floating: Sequence[str],
    load: Mapping[str, int],
) -> dict[tuple[str | None, str | None], str]:
    """Give each block (whole buildings stay with one responder) to the least-loaded
    responder who may take it: the grid's own responders and the floating ones, or every
    responder when nobody covers the grid. Largest blocks go first; ties go by id. Blocks
    nobody can take are left out of the answer."""
    loads = dict(load)
    everyone = sorted({r for rs in grid_responders.values() for r in rs} | set(floating))
    for r in everyone:
        loads.setdefault(r, 0)
    out: dict[tuple[str | None, str | None], str] = {}
    ordered = sorted(blocks, key=lambda b: (-b.count, b.grid or "", b.building or ""))
    for block in ordered:
        own = list(grid_responders.get(block.grid, ())) if block.grid is not None else []
        candidates = sorted(set(own) | set(floating)) or everyone
        if not candidates:
            continue
        chosen = min(candidates, key=lambda r: (loads[r], r))
        loads[chosen] += block.count
        out[(block.grid, block.building)] = chosen
    return out


#: The namespace of the ids an event's list entries are synced under (see :func:`entry_uid`).
_ENTRY_NAMESPACE = uuid.UUID("5e1f0f3a-6d1b-4c55-9a51-3a8f0e2f7c11")


def entry_uid(event_id: str, resident_id: str) -> str:
    """The district-wide id of one resident's entry on one event's list: the same wherever
    and whenever it is computed (a rebuilt station, an old backup), as the pair is unique."""
    return str(uuid.uuid5(_ENTRY_NAMESPACE, f"{event_id}/{resident_id}"))


def empty_tally() -> dict[str, int]:
    """Counts of a list (or one grid of it) before any entry is counted."""
    return {"total": 0, "reached": 0, "need_help": 0, "unreachable": 0}


def tally(counts: dict[str, int], status: CheckStatus) -> None:
    """Count one listed resident's status into ``counts`` (see :func:`empty_tally`)."""
    counts["total"] += 1
    counts["reached"] += status in REACHED
    counts["need_help"] += status is CheckStatus.NEED_HELP
    counts["unreachable"] += status is CheckStatus.UNREACHABLE
