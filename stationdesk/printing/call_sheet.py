"""A4 PDF call sheets (应急呼叫单) for emergency mode: one row per resident to check on, with
phones in full, notes, a tick box per status and a QR code that names the row."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from stationdesk.printing.certificate import GREY, RENDER_LOCK, new_canvas
from stationdesk.printing.fonts import CJK_FONT_NAME, wrap_text
from stationdesk.printing.qr import draw_qr
from stationdesk.printing.table_pages import MARGIN, PAD, TablePager

__all__ = ["CallSheetDocument", "CallSheetRow", "render_call_sheet"]

PAGE_WIDTH, PAGE_HEIGHT = A4
FOOTER = 10 * mm
NAME_SIZE = 11.0
TEXT_SIZE = 8.5
LEADING = TEXT_SIZE * 1.35
BOX_SIZE = 7.5
BOX_LEADING = 10.5
QR_SIZE = 19 * mm
MIN_ROW = QR_SIZE + 2 * PAD
#: Column widths in mm: number, who and where, phones, notes, tick boxes, QR.
COLUMNS_MM = (8.0, 44.0, 42.0, 37.0, 32.0, 23.0)
HEADERS = ("序号", "姓名 / 住址", "电话（含同户家属）", "备注", "核查结果（勾选）", "扫码")
#: The footer's reminder: the sheet carries phones in full.
KEEP_SAFE = "内含完整电话，用后收回销毁"
#: The QR codes use one fixed data mask: a valid symbol without the mask search (speed).
QR_MASK = 0


@dataclass(frozen=True, slots=True)
class CallSheetRow:
    """One resident on a sheet; ``phones`` are printed in full (paper is the exception)."""

    number: int
    name: str
    address: str
    grid: str
    phones: tuple[str, ...]
    notes: str
    status: str  # the status when printed
    qr_payload: str


@dataclass(frozen=True, slots=True)
class CallSheetDocument:
    """One call sheet: for a responder or a grid."""

    title: str
    event_line: str
    scope: str
    rows: tuple[CallSheetRow, ...]
    statuses: tuple[str, ...]  # the tick box labels, in order
    printed_at: str
    station_name: str


def _widths() -> list[float]:
    return [w * mm for w in COLUMNS_MM]


def _lines(text: str, size: float, width: float) -> list[str]:
    return wrap_text(text, size, width - 2 * PAD) if text.strip() else []


class _Sheet(TablePager[CallSheetRow]):
    """Draws the rows page by page, the header row repeated and the pages numbered."""

    def __init__(self, canvas: Canvas, doc: CallSheetDocument) -> None:
        super().__init__(canvas, _widths())
        self.doc = doc

    def new_page(self) -> None:
        c, doc = self.canvas, self.doc
        self.turn_page()
        top = PAGE_HEIGHT - MARGIN
        c.setFillGray(0)
        c.setFont(CJK_FONT_NAME, 15)
        c.drawString(MARGIN, top - 14, doc.title)
        c.setFont(CJK_FONT_NAME, 10)
        c.drawRightString(PAGE_WIDTH - MARGIN, top - 14, doc.scope)
        c.setFont(CJK_FONT_NAME, 8.5)
        c.drawString(MARGIN, top - 28, doc.event_line)
        c.drawRightString(PAGE_WIDTH - MARGIN, top - 28, f"共 {len(doc.rows)} 人")
        c.setFont(CJK_FONT_NAME, 7.5)
        c.setFillGray(GREY)
        c.drawString(MARGIN, MARGIN - 4, f"{doc.station_name} · 打印时间：{doc.printed_at}")
        c.drawRightString(
            PAGE_WIDTH - MARGIN,
            MARGIN - 4,
            f"{doc.scope} · 第 {self.page} 页 · {KEEP_SAFE}",
        )
        c.setFillGray(0)
        self.y = top - 36
        self._header()

    def _header(self) -> None:
        c = self.canvas
        height = TEXT_SIZE + 2 * PAD + 2
        c.saveState()
        self.shade_header(height)
        c.setFillGray(0)
        c.setFont(CJK_FONT_NAME, TEXT_SIZE)
        x = MARGIN
        for text, width in zip(HEADERS, self.widths, strict=True):
            c.drawString(x + PAD, self.y - PAD - TEXT_SIZE, text)
            x += width
        c.restoreState()
        self.y -= height

    def draw(self, r: CallSheetRow) -> None:
        w = self.widths
        who = _lines(r.name, NAME_SIZE, w[1])
        where = _lines(" · ".join(p for p in (r.address, r.grid) if p), TEXT_SIZE, w[1])
        phones = [line for p in r.phones for line in _lines(p, TEXT_SIZE, w[2])] or ["（无电话）"]
        notes = _lines(r.notes, TEXT_SIZE, w[3])
        content = max(
            len(who) * NAME_SIZE * 1.3 + len(where) * LEADING + LEADING,
            len(phones) * LEADING,
            len(notes) * LEADING,
            len(self.doc.statuses) * BOX_LEADING,
        )
        height = max(MIN_ROW, content + 2 * PAD)
        if self.y - height < MARGIN + FOOTER:
            self.new_page()
        c, top = self.canvas, self.y
        c.saveState()
        c.setStrokeGray(0.6)
        c.setLineWidth(0.4)
        c.line(MARGIN, top - height, MARGIN + sum(w), top - height)
        x = MARGIN
        c.setFont(CJK_FONT_NAME, TEXT_SIZE)
        c.drawString(x + PAD, top - PAD - TEXT_SIZE, str(r.number))
        x += w[0]
        baseline = top - PAD - NAME_SIZE
        c.setFont(CJK_FONT_NAME, NAME_SIZE)
        for line in who:
            c.drawString(x + PAD, baseline, line)
            baseline -= NAME_SIZE * 1.3
        c.setFont(CJK_FONT_NAME, TEXT_SIZE)
        for line in where:
            c.drawString(x + PAD, baseline, line)
            baseline -= LEADING
        c.setFillGray(GREY)
        c.drawString(x + PAD, baseline, f"打印时：{r.status}")
        c.setFillGray(0)
        x += w[1]
        for column, lines in ((2, phones), (3, notes)):
            baseline = top - PAD - TEXT_SIZE
            for line in lines:
                c.drawString(x + PAD, baseline, line)
                baseline -= LEADING
            x += w[column]
        baseline = top - PAD - BOX_SIZE
        c.setLineWidth(0.6)
        c.setStrokeGray(0)
        for label in self.doc.statuses:
            c.rect(x + PAD, baseline - 1, BOX_SIZE, BOX_SIZE, stroke=1, fill=0)
            c.drawString(x + PAD + BOX_SIZE + 3, baseline, label)
            baseline -= BOX_LEADING
        x += w[4]
        draw_qr(
            c, r.qr_payload, x + (w[5] - QR_SIZE) / 2, top - PAD - QR_SIZE, QR_SIZE, mask=QR_MASK
        )
        c.restoreState()
        self.y -= height


def render_call_sheet(doc: CallSheetDocument, out: Path | BinaryIO) -> None:
    """Render one call sheet as an A4 portrait PDF (rows never split across pages)."""
    with RENDER_LOCK:
        canvas = new_canvas(out, f"{doc.title} {doc.scope}", None)
        _Sheet(canvas, doc).render(doc.rows, "（无需联系的居民）")
