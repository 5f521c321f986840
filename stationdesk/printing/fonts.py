"""The shipped CJK font, registered once with reportlab, and Chinese line breaking by it."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from stationdesk.resources import resource_path

__all__ = ["CJK_FONT_NAME", "cjk_font_path", "register_cjk_font", "text_width", "wrap_text"]

#: The reportlab name of WenQuanYi Zen Hei (face 0 of the shipped TTC); embedded as a subset.
CJK_FONT_NAME = "WenQuanYiZenHei"

_lock = threading.Lock()
_registered = False

# Characters that must not begin a line (closing punctuation) or end one (opening punctuation).
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%‰,.;:?!)]}")
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
# Runs that must stay whole on one line: ID numbers, certificate numbers, dates, amounts.
_TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/:@_*%]*|\s+|.", re.DOTALL)


def cjk_font_path() -> Path:
    """Return the path of the shipped WenQuanYi Zen Hei collection."""
    return resource_path("fonts", "wqy-zenhei.ttc")


def register_cjk_font() -> str:
    """Register the CJK font with reportlab once (thread-safe) and return its name.

    Loading the 16 MB collection takes tens of milliseconds; call this at start-up or before the
    first render, never per document. The render functions call it too, but it is a no-op then.
    """
    global _registered
    if _registered:
        return CJK_FONT_NAME
    with _lock:
        if not _registered:
            path = cjk_font_path()
            if not path.is_file():
                raise FileNotFoundError(f"CJK font not found: {path}")
            pdfmetrics.registerFont(TTFont(CJK_FONT_NAME, str(path), subfontIndex=0))
            _registered = True
    return CJK_FONT_NAME


def text_width(text: str, size: float) -> float:
    """Return the width in points of text set in the CJK font (registering it if needed)."""
    register_cjk_font()
    return float(pdfmetrics.stringWidth(text, CJK_FONT_NAME, size))


@lru_cache(maxsize=4096)
def _unit_width(unit: str, size: float) -> float:
    """Return the cached width of one breakable unit."""
    return text_width(unit, size)


def _units(text: str) -> list[str]:
    """Split text into the units a line may break between."""
    return _TOKEN_RE.findall(text)


def _split_long(unit: str, size: float, max_width: float) -> list[str]:
    """Break a run wider than a whole line into pieces that fit (last resort)."""
    pieces: list[str] = []
    current = ""
    for ch in unit:
        if current and _unit_width(current + ch, size) > max_width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap_text(
    text: str, size: float, max_width: float, first_line_indent: float = 0.0
) -> list[str]:
    """Break one paragraph into lines no wider than max_width, following Chinese line rules.

    Breaks may fall between any two CJK characters but never inside a run of Latin letters and
    digits (an ID number stays on one line). Closing punctuation never starts a line and opening
    punctuation never ends one: the character before is carried down with it instead.
    The first line is ``first_line_indent`` points narrower. Leading spaces of lines are dropped,
    and a last line of one lone character takes a character from the line above.
    """
    register_cjk_font()
    units: list[str] = []
    for unit in _units(text):
        if len(unit) > 1 and not unit.isspace() and _unit_width(unit, size) > max_width:
            units.extend(_split_long(unit, size, max_width))
        else:
            units.append(unit)

    lines: list[list[str]] = []
    line: list[str] = []
    width = 0.0
    limit = max_width - first_line_indent
    for unit in units:
        if not line and unit.isspace():
            continue
        unit_width = _unit_width(unit, size)
        if line and width + unit_width > limit + 1e-6:
            carried: list[str] = []
            if unit in _NO_LINE_START:
                # Carry down the run from the last unit a line may begin with, so that
                # "码：110…233），" leaves neither "）" nor "，" at the start of a line. When
                # nothing but the first unit could begin the next line, let the punctuation hang.
                split = len(line) - 1
                while split > 0 and line[split] in _NO_LINE_START:
                    split -= 1
                if split == 0:
                    line.append(unit)
                    width += unit_width
                    continue
                carried = line[split:]
                del line[split:]
            while line and line[-1] in _NO_LINE_END:
                carried.insert(0, line.pop())
            if not line:
                # Only opening punctuation before a unit that fills a line by itself: keep them
                # together and overflow rather than leave "（" alone on a line.
                line = [*carried, unit]
                width += unit_width
                continue
            while line and line[-1].isspace():
                line.pop()
            lines.append(line)
            line = carried
            width = sum(_unit_width(u, size) for u in line)
            limit = max_width
            if not line and unit.isspace():
                continue
        line.append(unit)
        width += unit_width
    if line:
        lines.append(line)
    _avoid_widow(lines, size, max_width)
    return ["".join(parts).rstrip() for parts in lines]


def _avoid_widow(lines: list[list[str]], size: float, max_width: float) -> None:
    """Carry a unit down when the last line would hold a single character (plus punctuation)."""
    if len(lines) < 2:
        return
    last, previous = lines[-1], lines[-2]
    visible = [u for u in last if not u.isspace() and u not in _NO_LINE_START]
    if len(visible) != 1 or len(visible[0]) != 1 or len(previous) < 4:
        return
    split = len(previous) - 1
    while split > 2 and (previous[split] in _NO_LINE_START or previous[split - 1] in _NO_LINE_END):
        split -= 1
    if previous[split] in _NO_LINE_START or previous[split - 1] in _NO_LINE_END:
        return  # no good break point near the end; a short last line is the lesser evil
    carried = previous[split:]
    if sum(_unit_width(u, size) for u in (*carried, *last)) > max_width:
        return
    del previous[split:]
    lines[-1] = carried + last
