"""Renders ``resources/icons/stationdesk.svg`` to the PNG sizes and the Windows .ico we ship.

Run after changing the SVG: ``.venv/bin/python installer/make_icons.py``; commit the outputs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    """Write stationdesk-<size>.png for every size and stationdesk.ico holding them all."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "stationdesk.svg"))
    if not renderer.isValid():
        print("the SVG does not parse", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"stationdesk-{size}.png"))
    big = Image.open(ICONS / "stationdesk-256.png")
    big.save(ICONS / "stationdesk.ico", sizes=[(s, s) for s in PNG_SIZES])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
