"""A4 PDF of an issued certificate (证明), drawn with reportlab from plain data."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from stationdesk.domain.catalog import format_date_zh
from stationdesk.printing.fonts import (
    CJK_FONT_NAME,
    FallbackCanvas,
    register_cjk_font,
    text_width,
    wrap_text,
)
from stationdesk.printing.qr import draw_qr

__all__ = [
    "BodyTooLong",
    "CertificateDocument",
    "embedded_payload",
    "render_certificate",
]

MM: float = mm
PAGE_WIDTH: float = A4[0]
PAGE_HEIGHT: float = A4[1]
MARGIN_X = 26 * MM
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
BODY_SIZES = (14.0, 13.0, 12.0, 11.0, 10.5)
LEADING_RATIO = 1.85
MAX_JUSTIFY_SPACE = 0.12  # of the font size; wider gaps read as spaces, so fall back to ragged
SEAL_RADIUS = 21 * MM  # a 42 mm community seal
FOOTER_TOP = 50 * MM
QR_SIZE = 32 * MM
GREY = 0.45


#: Serialises renders. reportlab keeps each document's font subset inside the shared font object
#: and does not promise thread safety; with the GIL, parallel renders would gain nothing anyway.
RENDER_LOCK = threading.Lock()


class BodyTooLong(ValueError):
    """The text does not fit on one A4 page even at the smallest body size."""


@dataclass(frozen=True, slots=True)
class CertificateDocument:
    """Everything printed on one certificate; the services layer fills it from the ledger.

    ``body`` is the rendered template, one paragraph per line. ``id_number`` is the full ID
    number: paper carries it, screens mask it. ``note`` marks a reissue, e.g.
    本证明为补发，原编号SY0101-2026-000120的证明已作废。 A ``draft`` is a preview before
    issuing: it carries a 样张 watermark and no payload in its metadata. ``annex`` lists the
    records a record-fed certificate rests on, one a line: printed on further pages headed
    附：服务记录明细, every page numbered and carrying the certificate's number.
    """

    title: str
    number: str
    display_number: str
    station_name: str
    holder_name: str
    id_number: str
    body: str
    purpose: str
    worker_name: str
    issue_date: date
    valid_until: date
    qr_payload: str
    short_code: str
    note: str = ""
    draft: bool = False
    annex: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TextLine:
    """One laid-out line of a text block."""

    text: str
    indent: float
    justify: bool


def new_canvas(
    out: Path | BinaryIO,
    title: str,
    author: str | None,
    pagesize: tuple[float, float] = A4,
) -> Canvas:
    """Return a canvas (A4 unless ``pagesize`` says otherwise) drawing in the embedded CJK font
    (and its fallbacks, for rare characters); ``author`` None leaves the PDF without one."""
    register_cjk_font()
    target = str(out) if isinstance(out, Path) else out
    canvas = FallbackCanvas(
        target,
        pagesize=pagesize,
        initialFontName=CJK_FONT_NAME,
        initialFontSize=12,
        pageCompression=1,
    )
    canvas.setTitle(title)
    if author is not None:
        canvas.setAuthor(author)
    canvas.setCreator("stationdesk")
    return canvas


def layout_paragraphs(
    paragraphs: Sequence[str], size: float, width: float, indent_chars: float = 2.0
) -> list[TextLine]:
    """Wrap paragraphs with a first-line indent of ``indent_chars`` full-width characters."""
    indent = indent_chars * size
    lines: list[TextLine] = []
    for paragraph in paragraphs:
        text = paragraph.strip()
        if not text:
            continue
        wrapped = wrap_text(text, size, width, first_line_indent=indent)
        for index, line in enumerate(wrapped):
            lines.append(
                TextLine(
                    text=line,
                    indent=indent if index == 0 else 0.0,
                    justify=index < len(wrapped) - 1,
                )
            )
    return lines


def draw_lines(
    canvas: Canvas, lines: Sequence[TextLine], x: float, y: float, size: float, width: float
) -> float:
    """Draw laid-out lines from baseline y downwards; return the baseline after the last."""
    leading = size * LEADING_RATIO
    canvas.setFont(CJK_FONT_NAME, size)
    for line in lines:
        space = 0.0
        if line.justify and len(line.text) > 1:
            slack = width - line.indent - text_width(line.text, size)
            space = max(0.0, slack / (len(line.text) - 1))
            if space > MAX_JUSTIFY_SPACE * size:
                space = 0.0
        canvas.drawString(x + line.indent, y, line.text, charSpace=space)
        y -= leading
    return y


def draw_centred(canvas: Canvas, text: str, y: float, size: float, spacing: float = 0.0) -> None:
    """Draw one line centred on the page, optionally letter-spaced."""
    canvas.setFont(CJK_FONT_NAME, size)
    width = text_width(text, size) + spacing * max(len(text) - 1, 0)
    canvas.drawString((PAGE_WIDTH - width) / 2, y, text, charSpace=spacing)


def draw_title(canvas: Canvas, title: str, y: float) -> None:
    """Draw the document title centred, shrinking and tightening a long one to fit."""
    size = 22.0
    spacing = 6.0 if len(title) <= 8 else 2.0
    while size > 14 and text_width(title, size) + spacing * (len(title) - 1) > TEXT_WIDTH:
        size -= 1
        spacing = 0.0
    draw_centred(canvas, title, y, size, spacing)


def draw_number(canvas: Canvas, display_number: str) -> None:
    """Draw 编号 at the top right."""
    canvas.setFont(CJK_FONT_NAME, 10.5)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 16 * MM, f"编号：{display_number}")


def signature_block_height(size: float) -> float:
    """Return the height the signature block needs below the last body line."""
    return 2 * size * LEADING_RATIO + SEAL_RADIUS + 4 * MM


def draw_signature_block(
    canvas: Canvas, station_name: str, when: date, worker_name: str, top: float, size: float
) -> float:
    """Draw the issuing station, the date, the worker and the dashed seal area.

    ``top`` is the baseline of the station-name line. The seal circle is centred over the
    station name and the date, where the seal goes (骑年盖月). Returns the lowest y used.
    """
    date_text = format_date_zh(when)
    leading = size * LEADING_RATIO
    name_width = text_width(station_name, size)
    centre_x = min(
        PAGE_WIDTH - MARGIN_X - SEAL_RADIUS - 6 * MM, PAGE_WIDTH - MARGIN_X - name_width / 2
    )
    date_y = top - leading
    centre_y = (top + date_y) / 2 + size * 0.35

    canvas.saveState()
    canvas.setStrokeGray(GREY)
    canvas.setLineWidth(0.6)
    canvas.setDash(3, 2.5)
    canvas.circle(centre_x, centre_y, SEAL_RADIUS, stroke=1, fill=0)
    canvas.setFillGray(GREY)
    canvas.setFont(CJK_FONT_NAME, 8)
    canvas.drawCentredString(centre_x, centre_y - SEAL_RADIUS + 4 * MM, "盖章处")
    canvas.restoreState()

    canvas.setFont(CJK_FONT_NAME, size)
    canvas.drawCentredString(centre_x, top, station_name)
    canvas.drawCentredString(centre_x, date_y, date_text)
    canvas.drawString(MARGIN_X, date_y, f"经办人：{worker_name}")
    return centre_y - SEAL_RADIUS


def fit_body(
    layout: Callable[[float], list[TextLine]], top: float, bottom: float, reserve: float = 0.0
) -> tuple[float, list[TextLine]]:
    """Return the largest body size, and its lines, whose text plus the signature block fit.

    ``layout`` wraps the text at a given size; the lines start at baseline ``top`` and the
    signature block and ``reserve`` (extra height below it) must stay above ``bottom``.
    Raises BodyTooLong when even the smallest size does not fit.
    """
    for size in BODY_SIZES:
        lines = layout(size)
        height = len(lines) * size * LEADING_RATIO + signature_block_height(size) + reserve
        if top - height >= bottom:
            return size, lines
    raise BodyTooLong("the text does not fit on one page; shorten the free-text fields")


def _draw_footer(canvas: Canvas, doc: CertificateDocument, qr_mask: int | None) -> None:
    """Draw the verification strip: QR code, number, holder, short code and how to verify."""
    canvas.saveState()
    canvas.setStrokeGray(GREY)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, FOOTER_TOP, PAGE_WIDTH - MARGIN_X, FOOTER_TOP)
    canvas.restoreState()

    qr_y = FOOTER_TOP - 4 * MM - QR_SIZE
    module = draw_qr(canvas, doc.qr_payload, MARGIN_X - 2 * MM, qr_y, QR_SIZE, mask=qr_mask)
    text_x = MARGIN_X + QR_SIZE + 2 * MM - 4 * module
    width = PAGE_WIDTH - MARGIN_X - text_x
    size = 9.0
    grouped = doc.short_code
    if len(grouped) == 10:
        grouped = f"{grouped[:5]}-{grouped[5:]}"
    rows = [
        f"证明编号：{doc.display_number}",
        f"持证人：{doc.holder_name}　身份证件号码：{doc.id_number}",
        f"出具单位：{doc.station_name}",
        f"验证码：{grouped}",
        "核验方式：扫描左侧二维码，或登录区基层社会治理综合数字平台，输入证明编号和验证码核验"
        "真伪。本证明涂改无效。",
    ]
    lines = layout_paragraphs(rows, size, width, indent_chars=0)
    draw_lines(canvas, lines, text_x, FOOTER_TOP - 4 * MM - size, size, width)


#: The signed QR payload is also kept in the PDF's Keywords, so ``cert verify FILE.pdf`` can read
#: it back from the file without scanning the page (base32 text needs no PDF string escapes).
_EMBEDDED_PAYLOAD = re.compile(rb"/Keywords \((SD1:[A-Z2-7]{16,600})\)")


def embedded_payload(pdf: bytes) -> str | None:
    """Return the QR payload a certificate PDF carries in its metadata, or None.

    Several different payloads in one file (e.g. an appended incremental update) give None too:
    the file no longer says one thing.
    """
    found = {m.group(1) for m in _EMBEDDED_PAYLOAD.finditer(pdf)}
    return found.pop().decode("ascii") if len(found) == 1 else None


def _draw_draft_mark(canvas: Canvas) -> None:
    """Draw a large diagonal 样张 so a printed preview cannot pass for a certificate."""
    canvas.saveState()
    canvas.setFillGray(0.85)
    canvas.setFont(CJK_FONT_NAME, 96)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, -30, "样张　预览")
    canvas.restoreState()


def render_certificate(
    doc: CertificateDocument, out: Path | BinaryIO, *, qr_mask: int | None = None
) -> None:
    """Render the certificate as a one-page A4 PDF to a path or a binary file object.

    ``qr_mask=None`` lets segno choose the QR data mask by the standard's penalty rules (about
    4 ms); a fixed mask 0–7 skips that search. Raises BodyTooLong when the text cannot fit one
    page even at the smallest size. Safe to call from worker threads (renders are serialised).
    """
    with RENDER_LOCK:
        _render_certificate(doc, out, qr_mask)


def _render_certificate(
    doc: CertificateDocument, out: Path | BinaryIO, qr_mask: int | None
) -> None:
    """Draw and save the certificate; the caller holds RENDER_LOCK."""
    canvas = new_canvas(out, doc.title, doc.station_name)
    if doc.draft:
        _draw_draft_mark(canvas)
    else:
        canvas.setKeywords(doc.qr_payload)
    draw_number(canvas, doc.display_number)
    title_y = PAGE_HEIGHT - 38 * MM
    draw_title(canvas, doc.title, title_y)
    body_top = title_y - 18 * MM
    if doc.note:
        canvas.setFont(CJK_FONT_NAME, 10.5)
        note_lines = layout_paragraphs([f"（{doc.note}）"], 10.5, TEXT_WIDTH, indent_chars=0)
        y = title_y - 10 * MM
        for line in note_lines:
            draw_centred(canvas, line.text, y, 10.5)
            y -= 10.5 * LEADING_RATIO
        body_top = y - 6 * MM

    closing = [
        f"此证明仅用于{doc.purpose.strip().rstrip('。')}，他用无效。",
        f"本证明有效期至{format_date_zh(doc.valid_until)}。",
    ]
    body = doc.body.splitlines()
    if doc.annex:  # before a closing 特此证明 when the template ends with one
        at = len(body) - 1 if body and body[-1].startswith("特此证明") else len(body)
        body.insert(at, f"服务记录明细共{len(doc.annex)}条，见附页。")
    paragraphs = [*body, *closing]
    size, lines = fit_body(
        lambda size: layout_paragraphs(paragraphs, size, TEXT_WIDTH),
        body_top,
        FOOTER_TOP + 6 * MM,
    )
    y = draw_lines(canvas, lines, MARGIN_X, body_top, size, TEXT_WIDTH)

    draw_signature_block(
        canvas, doc.station_name, doc.issue_date, doc.worker_name, y - size * LEADING_RATIO, size
    )
    _draw_footer(canvas, doc, qr_mask)
    if doc.annex:
        _draw_annex(canvas, doc)
    else:
        canvas.showPage()
    canvas.save()


ANNEX_SIZE = 10.5
ANNEX_TOP = PAGE_HEIGHT - 46 * MM
ANNEX_BOTTOM = 24 * MM


def _draw_annex(canvas: Canvas, doc: CertificateDocument) -> None:
    """Close the certificate's page and print the record list on as many pages as it takes,
    each with the number at the top and 第k页 共n页 at the foot (the certificate's page too)."""
    lines = layout_paragraphs(doc.annex, ANNEX_SIZE, TEXT_WIDTH, indent_chars=0)
    per_page = max(1, int((ANNEX_TOP - ANNEX_BOTTOM) // (ANNEX_SIZE * LEADING_RATIO)))
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    total = len(pages) + 1
    _draw_page_number(canvas, 1, total)
    canvas.showPage()
    for index, page in enumerate(pages, start=2):
        draw_number(canvas, doc.display_number)
        draw_centred(canvas, "附：服务记录明细", PAGE_HEIGHT - 30 * MM, 15)
        canvas.setFont(CJK_FONT_NAME, ANNEX_SIZE)
        canvas.drawString(
            MARGIN_X,
            PAGE_HEIGHT - 38 * MM,
            f"持证人：{doc.holder_name}　共{len(doc.annex)}条（日期　类别　活动　时长）",
        )
        draw_lines(canvas, page, MARGIN_X, ANNEX_TOP, ANNEX_SIZE, TEXT_WIDTH)
        _draw_page_number(canvas, index, total)
        canvas.showPage()


def _draw_page_number(canvas: Canvas, page: int, total: int) -> None:
    draw_centred(canvas, f"第{page}页　共{total}页", 7 * MM, 9)
