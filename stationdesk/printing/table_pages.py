"""Tables drawn page by page on a canvas (the ledger, the call sheets): page turns, the grey
header band, the note for no rows and the finished PDF."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Generic, TypeVar

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from stationdesk.printing.fonts import CJK_FONT_NAME

MARGIN = 12 * mm
PAD = 1.6 * mm
#: The fill of the header row's band.
HEADER_GREY = 0.92

R = TypeVar("R")


class TablePager(ABC, Generic[R]):
    """Draws a table's rows page by page from ``y`` down; a subclass draws each page's head
    (repeating the header row) and each row."""

    def __init__(self, canvas: Canvas, widths: list[float]) -> None:
        self.canvas = canvas
        self.widths = widths
        self.page = 0
        self.y = 0.0

    @abstractmethod
    def new_page(self) -> None:
        """Turn to a new page (:meth:`turn_page`), draw its head and set ``y`` below it."""

    @abstractmethod
    def draw(self, row: R) -> None:
        """Draw one row at ``y`` (on a new page when it does not fit) and move ``y`` below it."""

    def turn_page(self) -> None:
        """Finish the page in hand, if there is one, and count the next."""
        if self.page:
            self.canvas.showPage()
        self.page += 1

    def shade_header(self, height: float) -> None:
        """Fill the band of a header row ``height`` tall below ``y`` (the fill stays grey)."""
        self.canvas.setFillGray(HEADER_GREY)
        self.canvas.rect(MARGIN, self.y - height, sum(self.widths), height, stroke=0, fill=1)

    def render(self, rows: Sequence[R], empty: str) -> None:
        """Draw every row from a first page on (``empty`` written when there are none) and
        save the PDF."""
        self.new_page()
        if not rows:
            self.canvas.setFont(CJK_FONT_NAME, 10)
            self.canvas.drawString(MARGIN + PAD, self.y - 18, empty)
        for row in rows:
            self.draw(row)
        self.canvas.showPage()
        self.canvas.save()
