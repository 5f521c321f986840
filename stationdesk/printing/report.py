"""A4 PDF of the case metrics report (事项办理统计报表): the six rates, groups and overdue list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from stationdesk.domain.metrics import RATES, Metrics
from stationdesk.printing.certificate import RENDER_LOCK
from stationdesk.printing.fonts import (
    CJK_FONT_NAME,
    FallbackCanvas,
    paragraph_markup,
    register_cjk_font,
)

__all__ = [
    "CaseReportDocument",
    "OverdueRow",
    "ReportGroup",
    "build_report",
    "format_rate",
    "render_case_report",
    "report_styles",
    "report_table",
    "report_template",
]


_RED = colors.HexColor("#b71c1c")
GREY = colors.HexColor("#52606d")
_LINE = colors.HexColor("#c3cad4")
_HEAD_BG = colors.HexColor("#f5f7fa")


@dataclass(frozen=True, slots=True)
class ReportGroup:
    """One row of a per-worker, per-type or per-grid table."""

    label: str
    metrics: Metrics


@dataclass(frozen=True, slots=True)
class OverdueRow:
    """One overdue case (summary already de-identified)."""

    number: str
    type_name: str
    summary: str
    owner: str
    state: str
    received: date
    due: date
    days_overdue: int  # calendar days past the due date


@dataclass(frozen=True, slots=True)
class CaseReportDocument:
    """Everything printed on the report; the services layer fills it from the one metrics call."""

    title: str
    station_name: str
    station_code: str
    period_start: date
    period_end: date
    generated_at: datetime
    rule_text: str
    overall: Metrics
    by_worker: tuple[ReportGroup, ...]
    by_type: tuple[ReportGroup, ...]
    by_grid: tuple[ReportGroup, ...]
    overdue: tuple[OverdueRow, ...]


def format_rate(rate: float | None) -> str:
    """A rate as a percentage with one decimal, or an em dash when there is no denominator."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def report_styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font()
    base = ParagraphStyle("base", fontName=font, fontSize=9.5, leading=13, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontSize=17, leading=24, alignment=1, textColor=_RED
        ),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10, alignment=1, textColor=GREY),
        "h2": ParagraphStyle(
            "h2", parent=base, fontSize=12.5, leading=18, spaceBefore=10, keepWithNext=1
        ),
        "cell": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=GREY),
    }


def report_table(rows: list[list[Any]], widths: list[float], numeric_from: int) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), CJK_FONT_NAME),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, _LINE),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, _LINE),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _overall_table(m: Metrics) -> Table:
    rows: list[list[Any]] = [["指标", "比率", "分子", "分母"]]
    for rate in RATES:
        rows.append([rate.name_zh, format_rate(rate.of(m)), *rate.counts(m)])
    return report_table(rows, [45 * mm, 30 * mm, 25 * mm, 25 * mm], 1)


def _bar_chart(m: Metrics) -> Drawing:
    names = [rate.name_zh for rate in RATES]
    values = [(rate.of(m) or 0.0) * 100 for rate in RATES]
    drawing = Drawing(170 * mm, 68 * mm)
    drawing.initialFontName = CJK_FONT_NAME  # no stray Helvetica in the PDF
    chart = HorizontalBarChart()
    chart.x, chart.y = 28 * mm, 10 * mm
    chart.width, chart.height = 130 * mm, 54 * mm
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.categoryAxis.labels.fontName = CJK_FONT_NAME
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = CJK_FONT_NAME
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor = _RED
    chart.bars[0].strokeColor = None
    chart.barWidth = 6
    drawing.add(chart)
    for i, shown in enumerate(reversed(RATES)):
        rate = shown.of(m)
        slot = chart.height / len(RATES)
        y = chart.y + slot * i + slot / 2 - 3
        x = chart.x + chart.width * (rate or 0.0) + 3
        drawing.add(
            String(x, y, format_rate(rate), fontName=CJK_FONT_NAME, fontSize=8, fillColor=GREY)
        )
    return drawing


def _group_table(groups: tuple[ReportGroup, ...], first: str) -> Table:
    rows: list[list[Any]] = [[first, "登记", *[rate.name_zh for rate in RATES]]]
    for group in groups:
        m = group.metrics
        rows.append([group.label, m.registered, *[format_rate(rate.of(m)) for rate in RATES]])
    widths = [40 * mm, 12 * mm] + [21 * mm] * len(RATES)
    return report_table(rows, widths, 1)


def _overdue_table(rows_in: tuple[OverdueRow, ...], cell: ParagraphStyle) -> Table:
    rows: list[list[Any]] = [
        ["编号", "事项类型", "诉求摘要", "首问人", "受理日期", "到期日", "超期"]
    ]
    for r in rows_in:
        rows.append(
            [
                r.number,
                Paragraph(paragraph_markup(r.type_name), cell),
                Paragraph(paragraph_markup(r.summary), cell),
                r.owner,
                r.received.isoformat(),
                r.due.isoformat(),
                f"{r.days_overdue}天",
            ]
        )
    widths = [30 * mm, 28 * mm, 46 * mm, 16 * mm, 20 * mm, 20 * mm, 12 * mm]
    return report_table(rows, widths, 6)


def report_template(
    out: Path | BinaryIO, title: str, subject: str, author: str | None = None
) -> SimpleDocTemplate:
    """An A4 report document with the margins and the CJK font every report here uses."""
    target: Any = str(out) if isinstance(out, Path) else out
    return SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author=author,
        subject=subject,
        creator="stationdesk",
        initialFontName=CJK_FONT_NAME,
        initialFontSize=10,
        pageCompression=1,
    )


def build_report(pdf: SimpleDocTemplate, story: list[Any], generated: str) -> None:
    """Lay out the story with the footer (generated when, page n) on every page; rare
    characters in their fallback fonts."""

    def footer(canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(CJK_FONT_NAME, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(14 * mm, 9 * mm, f"生成时间 {generated}")
        canvas.drawRightString(A4[0] - 14 * mm, 9 * mm, f"第 {canvas.getPageNumber()} 页")
        canvas.restoreState()

    pdf.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=FallbackCanvas)


def render_case_report(doc: CaseReportDocument, out: Path | BinaryIO) -> None:
    """Render the report as an A4 PDF with the embedded CJK font. Safe off the GUI thread."""
    with RENDER_LOCK:
        _render(doc, out)


def _render(doc: CaseReportDocument, out: Path | BinaryIO) -> None:
    styles = report_styles()
    pdf = report_template(out, doc.title, "事项办理统计", doc.station_name)
    story: list[Any] = [
        Paragraph(paragraph_markup(doc.title), styles["title"]),
        Paragraph(
            paragraph_markup(
                f"{doc.station_name}（{doc.station_code}） · 统计期间 "
                f"{doc.period_start.isoformat()} 至 {doc.period_end.isoformat()}"
            ),
            styles["sub"],
        ),
        Spacer(1, 6 * mm),
        Paragraph("一、总体指标", styles["h2"]),
        KeepTogether([_overall_table(doc.overall), Spacer(1, 3 * mm), _bar_chart(doc.overall)]),
        Paragraph(doc.rule_text, styles["small"]),
    ]
    sections = (
        ("二、按工作人员", doc.by_worker, "工作人员"),
        ("三、按事项类型", doc.by_type, "事项类型"),
        ("四、按网格", doc.by_grid, "网格"),
    )
    for heading, groups, first in sections:
        story.append(Paragraph(heading, styles["h2"]))
        if groups:
            story.append(_group_table(groups, first))
        else:
            story.append(Paragraph("本期无数据。", styles["cell"]))
    story.append(Paragraph(f"五、超期事项（{len(doc.overdue)} 件）", styles["h2"]))
    if doc.overdue:
        story.append(_overdue_table(doc.overdue, styles["cell"]))
    else:
        story.append(Paragraph("当前没有超期事项。", styles["cell"]))
    build_report(pdf, story, doc.generated_at.strftime("%Y-%m-%d %H:%M"))
