"""QR codes built with segno and drawn as filled rectangles on a reportlab canvas."""

from __future__ import annotations

import re
from functools import lru_cache

import segno
from reportlab.pdfgen.canvas import Canvas

__all__ = ["QUIET_ZONE_MODULES", "draw_qr", "qr_matrix"]

#: The light margin, in modules, that scanners need around the symbol (ISO/IEC 18004).
QUIET_ZONE_MODULES = 4
#: How far each row of modules is stretched into the next, so viewers show no seams.
_BLEED = 0.03


@lru_cache(maxsize=8)
def _rows(text: str, error: str, mask: int | None) -> tuple[bytes, ...]:
    """Return the symbol's rows as bytes, one byte per module (1 = dark), no quiet zone."""
    symbol = segno.make_qr(text, error=error, mask=mask)
    return tuple(bytes(row) for row in symbol.matrix)


def qr_matrix(text: str, error: str = "m", mask: int | None = None) -> tuple[tuple[bool, ...], ...]:
    """Return the dark/light modules of the QR symbol for text, without the quiet zone.

    segno picks the smallest version and the most compact mode (uppercase payloads use the
    alphanumeric mode) and raises the error-correction level when that costs no extra size.
    With ``mask=None`` it also picks the data mask by the ISO/IEC 18004 penalty rules, which
    is most of the encoding time (about 4 ms of 5 for a certificate payload); a fixed mask 0–7
    gives an equally valid symbol that every decoder reads, without that optimisation.
    The last few symbols are cached, so a preview followed by the print encodes once.
    """
    return tuple(tuple(bool(module) for module in row) for row in _rows(text, error, mask))


_DARK_RUN = re.compile(rb"\x01+")


@lru_cache(maxsize=8)
def _runs(text: str, error: str, mask: int | None) -> str:
    """Return PDF ``re`` operators, in module units, for each horizontal run of dark modules."""
    height = f"{1 + _BLEED}"
    return "\n".join(
        f"{run.start()} {row_index} {run.end() - run.start()} {height} re"
        for row_index, row in enumerate(_rows(text, error, mask))
        for run in _DARK_RUN.finditer(row)
    )


def draw_qr(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    size: float,
    error: str = "m",
    mask: int | None = None,
) -> float:
    """Draw the QR code with its lower-left corner at (x, y) fitting a size × size square.

    The square includes the quiet zone, which is left unpainted (the page is white). Each
    horizontal run of dark modules is one rectangle; all of them are filled as one path written
    in module units under a single transformation, which keeps the content stream small and
    avoids formatting hundreds of coordinates. Returns the module size in points.
    """
    modules = len(_rows(text, error, mask))
    module = size / (modules + 2 * QUIET_ZONE_MODULES)
    left = x + QUIET_ZONE_MODULES * module
    top = y + size - QUIET_ZONE_MODULES * module
    # Row r of the matrix runs downwards from the top edge: scale y by -module.
    canvas.addLiteral(
        f"q 0 g {module:.5f} 0 0 {-module:.5f} {left:.4f} {top:.4f} cm\n"
        f"{_runs(text, error, mask)}\nf Q"
    )
    return module
