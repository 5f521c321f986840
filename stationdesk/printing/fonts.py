"""The shipped CJK font and its fallbacks for rare characters, registered once with reportlab;
text drawn in runs of the font that has each character; Chinese line breaking by them."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont
from reportlab.pdfgen.canvas import Canvas

from stationdesk.resources import CJK_FONT_FILE, FALLBACK_FONT_FILES, resource_path

__all__ = [
    "CJK_FONT_NAME",
    "FallbackCanvas",
    "cjk_font_path",
    "fallback_font_names",
    "font_runs",
    "paragraph_markup",
    "register_cjk_font",
    "text_width",
    "wrap_text",
]

#: The reportlab name of WenQuanYi Zen Hei (face 0 of the shipped TTC); embedded as a subset.
CJK_FONT_NAME = "WenQuanYiZenHei"

_lock = threading.Lock()
_registered = False
_main_chars: frozenset[int] = frozenset()
_fallbacks: list[tuple[str, Any]] | None = None  # (name, its cmap), loaded on first need
_font_of: dict[str, str] = {}  # the font each character outside the main font is drawn in

# Characters that must not begin a line (closing punctuation) or end one (opening punctuation).
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%‰,.;:?!)]}")
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
# Runs that must stay whole on one line: ID numbers, certificate numbers, dates, amounts.
_TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/:@_*%]*|\s+|.", re.DOTALL)


def _to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """A subset's ToUnicode CMap with UTF-16 targets (surrogate pairs beyond the BMP)."""
    entries = [
        f"<{code:02X}> <{chr(char).encode('utf-16-be').hex().upper()}>"
        for code, char in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({font_name})",
            f"/Ordering ({font_name})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{font_name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


class _FullUnicodeTTFont(TTFont):  # type: ignore[misc]
    """A TrueType font whose ToUnicode maps also give back characters beyond the BMP.

    reportlab writes each ToUnicode target as four hex digits of the code point, which is wrong
    above U+FFFF (UTF-16 needs a surrogate pair there), so text copied or extracted from the PDF
    would read as another character. The maps of subsets holding such characters are rewritten.
    """

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)  # this forgets the document's subsets
        for n, subset in enumerate(subsets):
            if max(subset, default=0) <= 0xFFFF:
                continue
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            name = base.decode("latin-1")
            stream = doc.idToObject.get(f"toUnicodeCMap:{name}")
            if stream is not None:
                stream.content = _to_unicode_cmap(name, subset)


def cjk_font_path() -> Path:
    """Return the path of the shipped WenQuanYi Zen Hei collection."""
    return resource_path("fonts", CJK_FONT_FILE)


def register_cjk_font() -> str:
    """Register the CJK font with reportlab once (thread-safe) and return its name.

    Loading the 16 MB collection takes tens of milliseconds; call this at start-up or before the
    first render, never per document. The render functions call it too, but it is a no-op then.
    The fallback fonts for rare characters are loaded only when a text first needs one.
    """
    global _registered, _main_chars
    if _registered:
        return CJK_FONT_NAME
    with _lock:
        if not _registered:
            path = cjk_font_path()
            if not path.is_file():
                raise FileNotFoundError(f"CJK font not found: {path}")
            font = _FullUnicodeTTFont(CJK_FONT_NAME, str(path), subfontIndex=0)
            pdfmetrics.registerFont(font)
            _main_chars = frozenset(font.face.charToGlyph)
            _registered = True
    return CJK_FONT_NAME


def _load_fallbacks() -> list[tuple[str, Any]]:
    """Register the shipped fallback fonts (once) and return them with their character maps."""
    global _fallbacks
    with _lock:
        if _fallbacks is None:
            loaded = []
            for name, file in FALLBACK_FONT_FILES:
                path = resource_path("fonts", file)
                if not path.is_file():
                    raise FileNotFoundError(f"fallback font not found: {path}")
                font = _FullUnicodeTTFont(name, str(path))
                pdfmetrics.registerFont(font)
                loaded.append((name, font.face.charToGlyph))
            _fallbacks = loaded
        return _fallbacks


def fallback_font_names() -> list[str]:
    """The reportlab names of the fallback fonts, in the order they are tried (loading them)."""
    return [name for name, _chars in _load_fallbacks()]


def _font_for(char: str) -> str:
    """The font a character outside the main font is drawn in (the main one if none has it)."""
    found = _font_of.get(char)
    if found is None:
        code = ord(char)
        found = next((n for n, chars in _load_fallbacks() if code in chars), CJK_FONT_NAME)
        _font_of[char] = found
    return found


def font_runs(text: str, font: str = CJK_FONT_NAME) -> list[tuple[str, str]]:
    """Split text into (font, run) pairs: characters the main CJK font lacks go to the first
    fallback font that has them. Text in any other font is one run in that font."""
    if font != CJK_FONT_NAME or not text:
        return [(font, text)]
    register_cjk_font()
    main = _main_chars
    if text.isascii() or all(ord(c) in main for c in text):
        return [(font, text)]
    runs: list[tuple[str, str]] = []
    for char in text:
        name = font if ord(char) in main or char.isspace() else _font_for(char)
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + char)
        else:
            runs.append((name, char))
    return runs


def text_width(text: str, size: float) -> float:
    """Return the width in points of text set in the CJK font and its fallbacks."""
    return sum(float(pdfmetrics.stringWidth(run, font, size)) for font, run in font_runs(text))


def paragraph_markup(text: str) -> str:
    """Plain text as Paragraph markup: escaped, with rare characters in their fallback font."""
    return "".join(
        escape(run) if font == CJK_FONT_NAME else f'<font face="{font}">{escape(run)}</font>'
        for font, run in font_runs(text)
    )


class FallbackCanvas(Canvas):  # type: ignore[misc]
    """A canvas whose string drawing in the CJK font switches to a fallback font for each run
    of characters the main font lacks, so rare names print with real glyphs, not boxes."""

    def _runs(self, text: str) -> list[tuple[str, str]] | None:
        """The runs of text in the current font, or None when it is one run of that font."""
        runs = font_runs(text, self._fontname)
        return runs if len(runs) > 1 or runs[0][0] != self._fontname else None

    def _runs_width(self, runs: list[tuple[str, str]], char_space: float) -> float:
        size = self._fontsize
        width = sum(float(pdfmetrics.stringWidth(run, font, size)) for font, run in runs)
        return width + char_space * (sum(len(run) for _font, run in runs) - 1)

    def _draw_runs(
        self, x: float, y: float, runs: list[tuple[str, str]], char_space: float, mode: Any
    ) -> None:
        t = self.beginText(x, y)
        if mode is not None:
            t.setTextRenderMode(mode)
        if char_space:
            t.setCharSpace(char_space)
        for font, run in runs:
            t.setFont(font, self._fontsize, self._leading)
            t.textOut(run)
        if char_space:
            t.setCharSpace(0)
        if mode is not None:
            t.setTextRenderMode(0)
        self.drawText(t)

    def stringWidth(
        self, text: str, fontName: str | None = None, fontSize: float | None = None
    ) -> float:
        """The width of text, each run measured in the font it is drawn in."""
        size = self._fontsize if fontSize is None else fontSize
        runs = font_runs(text, fontName or self._fontname)
        return sum(float(pdfmetrics.stringWidth(run, font, size)) for font, run in runs)

    def _draw_anchored(
        self,
        draw_plain: Callable[..., None],
        anchor: float,
        x: float,
        y: float,
        text: str,
        mode: Any,
        char_space: float,
        kw: dict[str, Any],
    ) -> None:
        """Draw text with the point ``anchor`` of its width on x (0 its start, 0.5 its middle,
        1 its end); text of one font, or with options, goes to ``draw_plain`` unchanged."""
        runs = None if kw else self._runs(text)
        if runs is None:
            draw_plain(x, y, text, mode, char_space, **kw)
        elif anchor == 0:
            self._draw_runs(x, y, runs, char_space, mode)
        else:
            width = self._runs_width(runs, char_space)
            self._draw_runs(x - width * anchor, y, runs, char_space, mode)

    def drawString(
        self, x: float, y: float, text: str, mode: Any = None, charSpace: float = 0, **kw: Any
    ) -> None:
        """Draw a string, rare characters in their fallback font."""
        self._draw_anchored(super().drawString, 0, x, y, text, mode, charSpace, kw)

    def drawRightString(
        self, x: float, y: float, text: str, mode: Any = None, charSpace: float = 0, **kw: Any
    ) -> None:
        """Draw a string right-aligned with x, rare characters in their fallback font."""
        self._draw_anchored(super().drawRightString, 1, x, y, text, mode, charSpace, kw)

    def drawCentredString(
        self, x: float, y: float, text: str, mode: Any = None, charSpace: float = 0, **kw: Any
    ) -> None:
        """Draw a string centred on x, rare characters in their fallback font."""
        self._draw_anchored(super().drawCentredString, 0.5, x, y, text, mode, charSpace, kw)


@lru_cache(maxsize=4096)
def _unit_width(unit: str, size: float) -> float:
    """Return the cached width of one breakable unit."""
    return text_width(unit, size)


def _units(text: str) -> list[str]:
    """Split text into the units a line may break between."""
    return _TOKEN_RE.findall(text)


def _keep_titles(units: list[str], size: float, max_width: float) -> list[str]:
    """Join each 《…》 title no wider than half a line into one unit, so it is never broken."""
    out: list[str] = []
    i = 0
    while i < len(units):
        if units[i] == "《":
            end = units.index("》", i) if "》" in units[i:] else -1
            if end > i and "《" not in units[i + 1 : end]:
                title = "".join(units[i : end + 1])
                if _unit_width(title, size) <= max_width / 2:
                    out.append(title)
                    i = end + 1
                    continue
        out.append(units[i])
        i += 1
    return out


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
    digits (an ID number stays on one line), nor inside a 《…》 title of at most half a line.
    Closing punctuation never starts a line and opening punctuation never ends one: the
    character before is carried down with it instead.
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
    units = _keep_titles(units, size, max_width)

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
