"""The desk's screen font: the usual Chinese UI families, then the shipped fallback fonts that
draw rare Han characters (CJK Extensions B and beyond) instead of empty boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from stationdesk.resources import FALLBACK_FONT_FILES, resource_path

UI_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "WenQuanYi Zen Hei",
    "Source Han Sans SC",
    "PingFang SC",
)
"""The Chinese UI families tried first, in order (whichever the system has)."""

_fallback_families: list[str] | None = None


def fallback_families() -> list[str]:
    """Register the shipped fallback fonts with Qt (once) and return their family names.

    Needs a QGuiApplication. A file that cannot be loaded is skipped: the desk still runs, and
    only the rare characters it would have drawn show as boxes.
    """
    global _fallback_families
    if _fallback_families is None:
        families: list[str] = []
        for _name, file in FALLBACK_FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", file)))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
        _fallback_families = families
    return list(_fallback_families)


def desk_font(point_size: int = 10) -> QFont:
    """The application font: the UI families, then the fallbacks for rare characters."""
    font = QFont()
    font.setFamilies([*UI_FAMILIES, *fallback_families()])
    font.setPointSize(point_size)
    return font
