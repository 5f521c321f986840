"""A4 PDF of the year-end 在职党员到社区报到服务情况反馈表, one member a form, for the
Party organisation of the member's employer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from stationdesk.printing.certificate import GREY, RENDER_LOCK, draw_centred, new_canvas
from stationdesk.printing.fonts import CJK_FONT_NAME, wrap_text

__all__ = ["FeedbackDocument", "render_feedback"]

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN
LABEL_WIDTH = 30 * mm
SIZE = 10.5
LEADING = SIZE * 1.5
PAD = 2 * mm
ROW = 10 * mm
#: At most this many records are listed on the form; the rest are counted (the ledger has them).
MAX_LISTED = 12


@dataclass(frozen=True, slots=True)
class FeedbackDocument:
    """One member's year on the form: who they are, what they did, and blank boxes for the
    community's and the employer's comments (filled in by hand, then sealed)."""

    year: int
    station_name: str
    name: str
    employer: str
    branch: str
    report_date: str
    grid: str
    skills: str
    emergency_team: bool
    activities: int
    hours: str
    by_kind: tuple[str, ...]  # 政策宣讲 3次 6小时
    wishes_claimed: int
    wishes_fulfilled: int
    records: tuple[str, ...]  # one record a line, newest last
    printed_on: str


class _Form:
    """Draws boxed rows from the top down: label cells on the left, text on the right."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.y = PAGE_HEIGHT - 34 * mm

    def _box(self, x: float, width: float, height: float) -> None:
        self.canvas.rect(x, self.y - height, width, height, stroke=1, fill=0)

    def _text(self, lines: Sequence[str], x: float, top: float, size: float = SIZE) -> None:
        self.canvas.setFont(CJK_FONT_NAME, size)
        y = top - PAD - size
        for line in lines:
            self.canvas.drawString(x + PAD, y, line)
            y -= size * 1.5

    def pair_row(self, cells: Sequence[tuple[str, str]]) -> None:
        """One row of label/value pairs side by side (two pairs share the width)."""
        share = WIDTH / len(cells)
        height = ROW
        wrapped = [wrap_text(value, SIZE, share - LABEL_WIDTH - 2 * PAD) for _, value in cells]
        height = max(height, max(len(w) for w in wrapped) * LEADING + 2 * PAD)
        for n, ((label, _), lines) in enumerate(zip(cells, wrapped, strict=True)):
            x = MARGIN + n * share
            self._box(x, LABEL_WIDTH, height)
            self._box(x + LABEL_WIDTH, share - LABEL_WIDTH, height)
            self._text([label], x, self.y)
            self._text(lines, x + LABEL_WIDTH, self.y)
        self.y -= height

    def block(self, label: str, paragraphs: Sequence[str], min_height: float = ROW) -> None:
        """A full-width row: the label cell, then the text wrapped in the rest."""
        width = WIDTH - LABEL_WIDTH - 2 * PAD
        lines = [line for p in paragraphs for line in wrap_text(p, SIZE, width)]
        height = max(min_height, len(lines) * LEADING + 2 * PAD)
        self._box(MARGIN, LABEL_WIDTH, height)
        self._box(MARGIN + LABEL_WIDTH, WIDTH - LABEL_WIDTH, height)
        self._text(wrap_text(label, SIZE, LABEL_WIDTH - 2 * PAD), MARGIN, self.y)
        self._text(lines, MARGIN + LABEL_WIDTH, self.y)
        self.y -= height

    def signed_box(self, label: str, signer: str, height: float) -> None:
        """A blank comment box to fill in by hand, with the seal line at its foot."""
        self.block(label, [], height)
        self.canvas.setFont(CJK_FONT_NAME, SIZE)
        right = PAGE_WIDTH - MARGIN - 4 * mm
        self.canvas.drawRightString(right, self.y + 12 * mm, f"{signer}（盖章）")
        self.canvas.drawRightString(right, self.y + 5 * mm, "年　　月　　日")


def render_feedback(doc: FeedbackDocument, out: Path | BinaryIO) -> None:
    """Render one member's feedback form as a one-page A4 PDF (renders are serialised)."""
    with RENDER_LOCK:
        canvas = new_canvas(out, f"{doc.year}年度在职党员到社区报到服务情况反馈表", None)
        draw_centred(canvas, "在职党员到社区报到服务情况反馈表", PAGE_HEIGHT - 20 * mm, 17)
        canvas.setFont(CJK_FONT_NAME, SIZE)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 29 * mm, f"（{doc.year}年度）")
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 29 * mm, f"报到社区：{doc.station_name}"
        )
        canvas.setStrokeGray(0)
        canvas.setLineWidth(0.6)
        form = _Form(canvas)
        form.pair_row([("姓　　名", doc.name), ("报到日期", doc.report_date)])
        form.pair_row([("工作单位", doc.employer or "—"), ("所在党组织", doc.branch or "—")])
        form.pair_row(
            [("包联网格", doc.grid or "—"), ("应急队员", "是" if doc.emergency_team else "否")]
        )
        form.block("特长", [doc.skills or "—"])
        service = f"全年参加社区志愿服务{doc.activities}次，累计服务时长{doc.hours}小时。"
        kinds = [f"其中：{'；'.join(doc.by_kind)}。"] if doc.by_kind else []
        form.block("服务情况", [service, *kinds])
        form.block(
            "微心愿",
            [f"认领微心愿{doc.wishes_claimed}个，已完成{doc.wishes_fulfilled}个。"],
        )
        listed = list(doc.records[-MAX_LISTED:])
        if len(doc.records) > MAX_LISTED:
            listed.insert(
                0, f"（共{len(doc.records)}条，列最近{MAX_LISTED}条，全部记录见社区台账）"
            )
        form.block("服务记录", listed or ["本年度无已审核的服务记录。"], 30 * mm)
        form.signed_box("社区党组织意见", "社区党组织", 34 * mm)
        form.signed_box("所在单位党组织意见", "单位党组织", 30 * mm)
        canvas.setFillGray(GREY)
        canvas.setFont(CJK_FONT_NAME, 8)
        canvas.drawString(
            MARGIN,
            12 * mm,
            f"本表由社区依据已审核的志愿服务签到记录生成，{doc.printed_on}打印；"
            "服务时长按签到、签退时间计算，未经手工填写。",
        )
        canvas.showPage()
        canvas.save()
