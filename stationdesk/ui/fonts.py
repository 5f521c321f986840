"""The desk's screen font: the usual Chinese UI families, then the shipped fonts, whose
fallbacks draw rare Han characters (CJK Extensions B and beyond) instead of empty boxes."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from stationdesk.resources import CJK_FONT_FILE, FALLBACK_FONT_FILES, resource_path

UI_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "WenQuanYi Zen Hei",
    "Source Han Sans SC",
    "PingFang SC",
)
"""The Chinese UI families tried first, in order (whichever the system has)."""

_shipped: list[str] | None = None


def shipped_families() -> list[str]:
    """Register the shipped fonts with Qt (once) and return their families, in order: the main
    CJK font (WenQuanYi Zen Hei, for a system without a Chinese font; it also has most of CJK
    Extension A), then the fallbacks for the rarer characters (HanaMinB, BabelStone Han).

    Needs a QGuiApplication. A file that cannot be loaded is skipped: the desk still runs, and
    only the characters it would have drawn show as boxes.
    """
    global _shipped
    if _shipped is None:
        families: list[str] = []
        for file in (CJK_FONT_FILE, *(file for _name, file in FALLBACK_FONT_FILES)):
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", file)))
            found = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if found:
                families.append(found[0])  # a collection's first face (not its Mono, Sharp)
        _shipped = families
    return list(_shipped)


def desk_font(point_size: int = 10) -> QFont:
    """The application font: the UI families, then the shipped fonts as fallbacks."""
    return _font(
        [*UI_FAMILIES, *(f for f in shipped_families() if f not in UI_FAMILIES)], point_size
    )


def install_desk_font(app: QApplication, point_size: int = 10) -> None:
    """Give ``app`` the desk font without making the first window wait for the shipped files.

    Reading the font files takes about 12 ms, which start-up need not pay where the system has a
    Chinese UI family (the first window shows no rare character): the app starts with the UI
    families and takes the full font, fallbacks included, as soon as the event loop runs. On a
    system without any of the UI families the shipped fonts are read at once, so the first
    window's Chinese is never drawn as boxes.
    """
    if _shipped is not None or not set(UI_FAMILIES) & set(QFontDatabase.families()):
        app.setFont(desk_font(point_size))
        return
    app.setFont(_font(list(UI_FAMILIES), point_size))
    QTimer.singleShot(0, app, lambda: app.setFont(desk_font(point_size)))


def _font(families: list[str], point_size: int) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSize(point_size)
    return font
