"""A4 PDF of a refusal notice (不予出具证明告知书), with the applicant's ID number masked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from stationdesk.domain.catalog import format_date_zh
from stationdesk.printing.certificate import (
    GREY,
    LEADING_RATIO,
    MARGIN_X,
    MM,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RENDER_LOCK,
    TEXT_WIDTH,
    TextLine,
    draw_lines,
    draw_number,
    draw_signature_block,
    draw_title,
    fit_body,
    layout_paragraphs,
    new_canvas,
)
from stationdesk.printing.fonts import CJK_FONT_NAME

__all__ = ["REFUSAL_TITLE", "RefusalNoticeDocument", "render_refusal_notice"]

REFUSAL_TITLE = "不予出具证明告知书"
_ACK_Y = 30 * MM


@dataclass(frozen=True, slots=True)
class RefusalNoticeDocument:
    """Everything printed on a refusal notice; the services layer fills it from the ledger.

    ``masked_id_number`` must already be masked (e.g. ``2102**********123X``): the notice never
    carries a full ID number. ``reason_detail`` is the worker's optional explanation.
    ``created`` (the ledger row's issue time) makes the file the same each time it is rendered.
    """

    number: str
    display_number: str
    station_name: str
    applicant_name: str
    masked_id_number: str
    notice_date: date
    requested_item: str
    purpose: str
    reason_label: str
    competent_body: str
    legal_basis: str
    worker_name: str
    reason_detail: str = ""
    copies: int = 2  # 一式两份: the applicant and the station keep one each
    created: datetime | None = None

    def __post_init__(self) -> None:
        """Refuse an unmasked ID number, so a caller's slip cannot print one."""
        masked = self.masked_id_number.strip()
        if masked and "*" not in masked:
            raise ValueError("masked_id_number must be masked (contain '*') on a refusal notice")


def _strip_stop(text: str) -> str:
    """Drop a trailing full stop so the notice can supply its own punctuation."""
    return text.strip().rstrip("。.")


_COUNT_ZH = "一两三四五六七八九十"


def copies_sentence(doc: RefusalNoticeDocument) -> str:
    """How many copies the notice is made in, and who keeps them (一式两份，…各执一份)."""
    if doc.copies == 2:
        return f"本告知书一式两份，申请人与{doc.station_name}各执一份。"
    count = _COUNT_ZH[doc.copies - 1] if 1 <= doc.copies <= 10 else str(doc.copies)
    return f"本告知书一式{count}份。"


def render_refusal_notice(doc: RefusalNoticeDocument, out: Path | BinaryIO) -> None:
    """Render the refusal notice as a one-page A4 PDF to a path or a binary file object.

    Raises BodyTooLong when the text cannot fit one page. Safe to call from worker threads.
    """
    with RENDER_LOCK:
        _render_refusal_notice(doc, out)


def _render_refusal_notice(doc: RefusalNoticeDocument, out: Path | BinaryIO) -> None:
    """Draw and save the notice; the caller holds RENDER_LOCK."""
    canvas = new_canvas(out, REFUSAL_TITLE, doc.station_name, created=doc.created)
    draw_number(canvas, doc.display_number)
    title_y = PAGE_HEIGHT - 38 * MM
    draw_title(canvas, REFUSAL_TITLE, title_y)

    id_part = f"（身份证件号码：{doc.masked_id_number}）" if doc.masked_id_number.strip() else ""
    salutation = f"{doc.applicant_name}{id_part}："
    detail = f"{_strip_stop(doc.reason_detail)}。" if doc.reason_detail.strip() else ""
    paragraphs = [
        f"您于{format_date_zh(doc.notice_date)}向本社区申请出具“{_strip_stop(doc.requested_item)}”，"
        f"用途为“{_strip_stop(doc.purpose)}”。",
        f"经审查，本社区不予出具该证明，理由是：{_strip_stop(doc.reason_label)}。{detail}",
        f"依据：{_strip_stop(doc.legal_basis)}。",
        f"建议您通过以下途径办理：{_strip_stop(doc.competent_body)}。",
        "如对本告知有异议，可向所在街道办事处反映，或拨打12345政务服务便民热线咨询。",
        "特此告知。",
    ]

    body_top = title_y - 18 * MM
    reserve = 14 * MM  # the acknowledgement strip

    def layout(size: float) -> list[TextLine]:
        # The salutation line is not indented; the paragraphs are.
        return [
            *layout_paragraphs([salutation], size, TEXT_WIDTH, indent_chars=0),
            *layout_paragraphs(paragraphs, size, TEXT_WIDTH),
        ]

    size, lines = fit_body(layout, body_top, _ACK_Y + reserve)
    y = draw_lines(canvas, lines, MARGIN_X, body_top, size, TEXT_WIDTH)

    draw_signature_block(
        canvas, doc.station_name, doc.notice_date, doc.worker_name, y - size * LEADING_RATIO, size
    )

    canvas.saveState()
    canvas.setStrokeGray(GREY)
    canvas.setLineWidth(0.5)
    canvas.setDash(4, 3)
    canvas.line(MARGIN_X, _ACK_Y + 12 * MM, PAGE_WIDTH - MARGIN_X, _ACK_Y + 12 * MM)
    canvas.restoreState()
    canvas.setFont(CJK_FONT_NAME, 12)
    canvas.drawString(MARGIN_X, _ACK_Y, "申请人签收：________________　　日期：________________")
    canvas.setFont(CJK_FONT_NAME, 9)
    canvas.drawString(MARGIN_X, _ACK_Y - 8 * MM, copies_sentence(doc))
    canvas.showPage()
    canvas.save()
