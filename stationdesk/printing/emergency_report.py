"""A4 PDF of an emergency event's after-action report (应急处置总结报告): the event, its
timeline, coverage by hour, help requests and their cases, and each responder's counts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from stationdesk.printing.certificate import RENDER_LOCK
from stationdesk.printing.fonts import paragraph_markup
from stationdesk.printing.report import build_report, report_styles, report_table, report_template

__all__ = [
    "EmergencyReportDocument",
    "HelpRow",
    "HourRow",
    "ResponderRow",
    "render_emergency_report",
]


@dataclass(frozen=True, slots=True)
class HourRow:
    """Coverage at the end of one hour of the event."""

    hour: str  # "12-05 16:00–17:00"
    checks: int  # check-offs recorded in the hour
    reached: int  # reached by the end of the hour
    total: int


@dataclass(frozen=True, slots=True)
class HelpRow:
    """One 需要帮助 and the case it opened."""

    at: str
    name: str
    address: str
    note: str
    case_number: str
    case_state: str


@dataclass(frozen=True, slots=True)
class ResponderRow:
    """One responder's counts."""

    name: str
    assigned: int
    checks: int
    reached: int
    need_help: int
    unreachable: int


@dataclass(frozen=True, slots=True)
class EmergencyReportDocument:
    """Everything the report prints (names, no phones, no ID numbers)."""

    title: str
    station_line: str
    facts: tuple[tuple[str, str], ...]  # (label, value) of the event
    totals: tuple[tuple[str, str], ...]  # (status, count)
    summary: str
    timeline: tuple[tuple[str, str], ...]  # (time, what)
    hours: tuple[HourRow, ...]
    help: tuple[HelpRow, ...]
    responders: tuple[ResponderRow, ...]
    generated_at: str


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.0f}%" if whole else "—"


def render_emergency_report(doc: EmergencyReportDocument, out: Path | BinaryIO) -> None:
    """Render the report as an A4 PDF with the embedded CJK font. Safe off the GUI thread."""
    with RENDER_LOCK:
        _render(doc, out)


def _render(doc: EmergencyReportDocument, out: Path | BinaryIO) -> None:
    styles = report_styles()
    cell = styles["cell"]

    def para(text: str) -> Paragraph:
        return Paragraph(paragraph_markup(text), cell)

    pdf = report_template(out, doc.title, "应急处置总结")
    story: list[Any] = [
        Paragraph(paragraph_markup(doc.title), styles["title"]),
        Paragraph(paragraph_markup(doc.station_line), styles["sub"]),
        Spacer(1, 5 * mm),
        Paragraph("一、事件概况", styles["h2"]),
        report_table(
            [["项目", "内容"], *[[k, para(v)] for k, v in doc.facts]], [35 * mm, 147 * mm], 9
        ),
        Spacer(1, 3 * mm),
        report_table(
            [["核查结果", "人数"], *[[k, v] for k, v in doc.totals]], [45 * mm, 25 * mm], 1
        ),
        Paragraph("二、事件总结", styles["h2"]),
        para(doc.summary or "（事件尚未结束）"),
        Paragraph("三、时间线", styles["h2"]),
    ]
    if doc.timeline:
        rows: list[list[Any]] = [["时间", "事项"], *[[t, para(w)] for t, w in doc.timeline]]
        story.append(report_table(rows, [32 * mm, 150 * mm], 9))
    else:
        story.append(para("无记录。"))
    story.append(Paragraph("四、逐小时覆盖情况", styles["h2"]))
    hour_rows: list[list[Any]] = [["时段", "核查次数", "累计已联系", "名单人数", "覆盖率"]]
    hour_rows += [
        [h.hour, h.checks, h.reached, h.total, _percent(h.reached, h.total)] for h in doc.hours
    ]
    story.append(report_table(hour_rows, [48 * mm, 28 * mm, 30 * mm, 28 * mm, 24 * mm], 1))
    story.append(Paragraph(f"五、求助与转办事项（{len(doc.help)} 件）", styles["h2"]))
    if doc.help:
        help_rows: list[list[Any]] = [["时间", "居民", "住址", "情况", "事项编号", "状态"]]
        help_rows += [
            [h.at, para(h.name), para(h.address), para(h.note), h.case_number, h.case_state]
            for h in doc.help
        ]
        widths = [22 * mm, 20 * mm, 30 * mm, 46 * mm, 40 * mm, 24 * mm]
        story.append(report_table(help_rows, widths, 9))
    else:
        story.append(para("本次事件没有求助。"))
    story.append(Paragraph("六、应急人员工作量", styles["h2"]))
    if doc.responders:
        r_rows: list[list[Any]] = [
            ["应急人员", "分配人数", "核查次数", "已联系", "需要帮助", "联系不上"]
        ]
        r_rows += [
            [para(r.name), r.assigned, r.checks, r.reached, r.need_help, r.unreachable]
            for r in doc.responders
        ]
        story.append(report_table(r_rows, [46 * mm] + [27 * mm] * 5, 1))
    else:
        story.append(para("本次事件没有应急人员名单。"))

    build_report(pdf, story, doc.generated_at)
