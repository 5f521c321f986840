"""A4 landscape PDF of the certificate ledger (台账), with the same embedded CJK font."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from stationdesk.printing.certificate import GREY, RENDER_LOCK, new_canvas
from stationdesk.printing.fonts import CJK_FONT_NAME, wrap_text
from stationdesk.printing.table_pages import MARGIN, PAD, TablePager

__all__ = ["LedgerDocument", "LedgerRow", "render_ledger"]

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
CELL_SIZE = 8.0
CELL_LEADING = CELL_SIZE * 1.35
#: Relative column widths for the ledger's eleven columns (date … reissue link).
DEFAULT_WEIGHTS = (7.5, 13.5, 4.5, 12, 9.5, 14, 10, 6, 6, 12, 12)


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One ledger line as printed; a void row is printed in grey."""

    cells: tuple[str, ...]
    void: bool = False


@dataclass(frozen=True, slots=True)
class LedgerDocument:
    """A ledger extract: title, the filter in words, counts, headers and rows (IDs masked)."""

    title: str
    subtitle: str
    summary: str
    headers: tuple[str, ...]
    rows: tuple[LedgerRow, ...]
    printed_at: str
    weights: tuple[float, ...] = DEFAULT_WEIGHTS


def _widths(weights: Sequence[float], count: int) -> list[float]:
    chosen = list(weights[:count]) + [10.0] * max(0, count - len(weights))
    total = sum(chosen)
    usable = PAGE_WIDTH - 2 * MARGIN
    return [usable * w / total for w in chosen]


def _wrap_cells(cells: Sequence[str], widths: Sequence[float]) -> list[list[str]]:
    return [
        wrap_text(text, CELL_SIZE, width - 2 * PAD) if text.strip() else [""]
        for text, width in zip(cells, widths, strict=False)
    ]


class _Pager(TablePager[LedgerRow]):
    """Draws rows page by page, repeating the header row and numbering the pages."""

    def __init__(self, canvas: Canvas, doc: LedgerDocument) -> None:
        super().__init__(canvas, _widths(doc.weights, len(doc.headers)))
        self.doc = doc

    def new_page(self) -> None:
        self.turn_page()
        c = self.canvas
        top = PAGE_HEIGHT - MARGIN
        if self.page == 1:
            c.setFont(CJK_FONT_NAME, 15)
            c.drawCentredString(PAGE_WIDTH / 2, top - 12, self.doc.title)
            c.setFont(CJK_FONT_NAME, 9)
            c.drawString(MARGIN, top - 30, self.doc.subtitle)
            c.drawRightString(PAGE_WIDTH - MARGIN, top - 30, self.doc.summary)
            top -= 38
        c.setFont(CJK_FONT_NAME, 8)
        c.setFillGray(GREY)
        c.drawString(MARGIN, MARGIN - 12, f"打印时间：{self.doc.printed_at}")
        c.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 12, f"第 {self.page} 页")
        c.setFillGray(0)
        self.y = top
        self.cells(list(self.doc.headers), header=True)

    def draw(self, row: LedgerRow) -> None:
        self.cells(list(row.cells), void=row.void)

    def cells(self, cells: Sequence[str], *, header: bool = False, void: bool = False) -> None:
        lines = _wrap_cells(cells, self.widths)
        height = max(len(cell) for cell in lines) * CELL_LEADING + 2 * PAD
        if not header and self.y - height < MARGIN:
            self.new_page()
        c = self.canvas
        c.saveState()
        if header:
            self.shade_header(height)
        c.setStrokeGray(0.7)
        c.setLineWidth(0.4)
        c.line(MARGIN, self.y - height, MARGIN + sum(self.widths), self.y - height)
        if header:
            c.line(MARGIN, self.y, MARGIN + sum(self.widths), self.y)
        c.setFillGray(GREY if void else 0)
        c.setFont(CJK_FONT_NAME, CELL_SIZE)
        x = MARGIN
        for cell, width in zip(lines, self.widths, strict=False):
            baseline = self.y - PAD - CELL_SIZE
            for text in cell:
                c.drawString(x + PAD, baseline, text)
                baseline -= CELL_LEADING
            x += width
        c.restoreState()
        self.y -= height


def render_ledger(doc: LedgerDocument, out: Path | BinaryIO) -> None:
    """Render the ledger as an A4 landscape PDF (one header row per page, pages numbered)."""
    with RENDER_LOCK:
        canvas = new_canvas(out, doc.title, None, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
        _Pager(canvas, doc).render(doc.rows, "（所选范围内没有记录）")
