"""Locates the read-only files shipped in ``resources/`` (fonts, catalogs, translations)."""

from __future__ import annotations

import sys
from pathlib import Path

CJK_FONT_FILE = "wqy-zenhei.ttc"
"""The shipped main CJK font (WenQuanYi Zen Hei) in ``resources/fonts``."""

FALLBACK_FONT_FILES: tuple[tuple[str, str], ...] = (
    ("HanaMinB", "HanaMinB.ttf"),
    ("BabelStoneHan", "BabelStoneHan-subset.ttf"),
)
"""The shipped fallback fonts for rare Han characters, in the order they are tried, as
(PostScript family name, file in ``resources/fonts``): HanaMinB (花園明朝B) covers CJK
Extensions B to F; the BabelStone Han subset holds what it and the main font lack (much of
Extensions G and H, and a few older characters)."""


def resources_dir() -> Path:
    """Return the folder holding the shipped resources, in a checkout or a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of one shipped resource file."""
    return resources_dir().joinpath(*parts)
