"""Case metrics and the monthly report: ONE function computes the numbers for GUI, CLI and files.

:func:`case_metrics` flattens the store into :class:`~stationdesk.domain.metrics.CaseFacts` and
calls :func:`~stationdesk.domain.metrics.compute_metrics` (overall) and
:func:`~stationdesk.domain.metrics.compute_metrics_by` (per worker, type and grid). The 统计
page, ``stationdesk report metrics`` and the Excel/PDF exports all call it, so they agree.
"""

from __future__ import annotations

import calendar as calendar_module
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.cases import CaseAction, CaseState, SatisfactionGrade
from stationdesk.domain.metrics import (
    NO_GRID,
    RATES,
    CaseFacts,
    Metrics,
    MetricsRule,
    compute_metrics,
    compute_metrics_by,
    referral_acked_in_time,
)
from stationdesk.domain.roles import Permission
from stationdesk.store.models import Setting, StationRow
from stationdesk.store.models_cases import Case, CaseEvent

from .actor import Actor
from .case_reference import CaseReferenceData, reference_in
from .cases import (
    EVENT_RATE,
    CaseSummary,
    CaseView,
    deidentify,
    list_in,
    local,
    paused_days,
    worker_names,
)
from .errors import InputError, PermissionDeniedError
from .station import Station
from .uow import unit_of_work
from .xlsx import append_row, put, save_workbook, set_column_widths

if TYPE_CHECKING:  # reportlab and openpyxl load only when a report is written
    from stationdesk.printing.report import CaseReportDocument

RULE_KEY = "case_metrics_rule"
MAX_ACK_LIMIT_DAYS = 10


@dataclass(frozen=True)
class GroupMetrics:
    """The metrics of one worker, matter type or grid; ``label`` is what users read."""

    key: str
    label: str
    metrics: Metrics


@dataclass(frozen=True)
class CaseMetricsReport:
    """The numbers for one period: overall, per group, and the cases overdue now."""

    period_start: date
    period_end: date
    rule: MetricsRule
    overall: Metrics
    by_worker: tuple[GroupMetrics, ...]
    by_type: tuple[GroupMetrics, ...]
    by_grid: tuple[GroupMetrics, ...]
    overdue: tuple[CaseSummary, ...]
    station_name: str
    station_code: str
    generated_at: datetime


@dataclass(frozen=True)
class ReportFiles:
    """Where an exported report was written."""

    xlsx: Path
    pdf: Path


def _require_reader(actor: Actor) -> None:
    if not (actor.can(Permission.HANDLE_MATTERS) or actor.can(Permission.MANAGE_STATION)):
        raise PermissionDeniedError(
            f"{actor.username} may not read case statistics", "当前角色无权查看事项统计。"
        )


# -------------------------------------------------------------------------------------------
# The configurable rule
# -------------------------------------------------------------------------------------------


def _rule_in(session: Session) -> MetricsRule:
    row = session.get(Setting, RULE_KEY)
    if row is None:
        return MetricsRule()
    value = row.value
    return MetricsRule(
        count_basic_satisfied=bool(value.get("count_basic_satisfied", True)),
        ack_limit_working_days=int(value.get("ack_limit_working_days", 1)),
    )


def metrics_rule(station: Station) -> MetricsRule:
    """The station's metric rule: whether 基本满意 counts as satisfied, the ack limit."""
    with station.db.read_session() as s:
        return _rule_in(s)


def set_metrics_rule(
    station: Station,
    actor: Actor,
    *,
    count_basic_satisfied: bool,
    ack_limit_working_days: int | None = None,
) -> MetricsRule:
    """Change the metric rule (station head or admin); audited."""
    if not (actor.can(Permission.APPROVE) or actor.can(Permission.MANAGE_STATION)):
        raise PermissionDeniedError(
            f"{actor.username} may not change the metric rule", "只有站长或管理员可以修改统计口径。"
        )
    with unit_of_work(station, actor) as uow:
        current = _rule_in(uow.session)
        ack = (
            current.ack_limit_working_days
            if ack_limit_working_days is None
            else ack_limit_working_days
        )
        if not 0 <= ack <= MAX_ACK_LIMIT_DAYS:
            raise InputError(
                f"the ack limit is 0-{MAX_ACK_LIMIT_DAYS} working days",
                f"签收时限应为0-{MAX_ACK_LIMIT_DAYS}个工作日。",
            )
        rule = MetricsRule(count_basic_satisfied=count_basic_satisfied, ack_limit_working_days=ack)
        value = {
            "count_basic_satisfied": rule.count_basic_satisfied,
            "ack_limit_working_days": rule.ack_limit_working_days,
        }
        row = uow.session.get(Setting, RULE_KEY)
        if row is None:
            uow.session.add(Setting(key=RULE_KEY, value=value))
        else:
            row.value = value
        uow.audit("setting.update", "setting", RULE_KEY, {"new": value})
    return rule


# -------------------------------------------------------------------------------------------
# Facts and the one metrics function
# -------------------------------------------------------------------------------------------


def case_facts(
    session: Session, ref: CaseReferenceData, now: datetime, rule: MetricsRule
) -> list[CaseFacts]:
    """Flatten every case and its events into the facts the metrics are computed from."""
    events: dict[str, list[CaseEvent]] = defaultdict(list)
    for ev in session.scalars(select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.seq)):
        events[ev.case_id].append(ev)
    now_local = local(now)
    facts: list[CaseFacts] = []
    for case in session.scalars(select(Case).order_by(Case.seq)):
        state = CaseState(case.state)
        history = events.get(case.id, [])
        actions = [e.action for e in history]
        if CaseAction.ACCEPT.value in actions:
            accepted: bool | None = True
        elif CaseAction.REJECT.value in actions or state is CaseState.NOT_ACCEPTED:
            accepted = False
        else:
            accepted = None
        due = (
            ref.calendar.due_date(
                local(case.received_at), case.time_limit_days, paused_days(ref.calendar, case, now)
            )
            if accepted is not False
            else None
        )
        first_refer = next((e for e in history if e.action == CaseAction.REFER.value), None)
        acked_in_time: bool | None = None
        if first_refer is not None:
            ack = next(
                (
                    e
                    for e in history
                    if e.action == CaseAction.ACK.value and e.seq > first_refer.seq
                ),
                None,
            )
            acked_in_time = referral_acked_in_time(
                ref.calendar,
                local(first_refer.at),
                local(ack.at) if ack else None,
                now_local,
                rule,
            )
        resolved_at = case.resolved_at
        followed_up = False
        rating: SatisfactionGrade | None = None
        if resolved_at is not None:
            after = [e for e in history if e.at >= resolved_at]
            followed_up = any(e.action == CaseAction.FOLLOW_UP.value for e in after)
            rated = [e for e in after if e.action == EVENT_RATE and e.rating]
            if rated:
                rating = SatisfactionGrade(rated[-1].rating or "")
        facts.append(
            CaseFacts(
                case_id=case.id,
                worker=case.owner_id,
                type_code=case.type_code,
                grid=case.grid,
                state=state,
                registered_at=local(case.received_at),
                accepted=accepted,
                due=due,
                closed_at=local(case.closed_at) if case.closed_at else None,
                resolved_at=local(resolved_at) if resolved_at else None,
                referred=first_refer is not None,
                referral_acked_in_time=acked_in_time,
                followed_up=followed_up,
                rating=rating,
            )
        )
    return facts


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise InputError(
            "the period ends before it starts", "统计期间的结束日期早于开始日期。", field="period"
        )
    if (end - start).days > 366 * 5:
        raise InputError("a period is at most five years", "统计期间不能超过五年。", field="period")


def case_metrics(
    station: Station,
    actor: Actor,
    period_start: date,
    period_end: date,
    rule: MetricsRule | None = None,
) -> CaseMetricsReport:
    """THE metrics: the six rates with their counts for ``[period_start, period_end]``.

    Overall and per worker (owner, 首问), per matter type and per grid, plus the cases overdue
    now. ``rule`` defaults to the station's setting.
    """
    _require_reader(actor)
    _check_period(period_start, period_end)
    now = station.now()
    with station.db.read_session() as s:
        ref = reference_in(s)
        chosen = rule or _rule_in(s)
        facts = case_facts(s, ref, now, chosen)
        names = worker_names(s)
        station_row = s.scalars(select(StationRow)).one()
        overdue = tuple(list_in(s, now, CaseView.OVERDUE))

    def groups(key: str) -> tuple[GroupMetrics, ...]:
        out = []
        for group, metrics in compute_metrics_by(
            facts,
            key,  # type: ignore[arg-type]
            period_start,
            period_end,
            chosen,
        ).items():
            if key == "worker":
                label = names.get(group, group)
            elif key == "type":
                label = ref.matter_types.name_of(group)
            else:
                label = group if group != NO_GRID else "未标注网格"
            out.append(GroupMetrics(group, label, metrics))
        return tuple(out)

    return CaseMetricsReport(
        period_start=period_start,
        period_end=period_end,
        rule=chosen,
        overall=compute_metrics(facts, period_start, period_end, chosen),
        by_worker=groups("worker"),
        by_type=groups("type"),
        by_grid=groups("grid"),
        overdue=overdue,
        station_name=station_row.name,
        station_code=station_row.code,
        generated_at=local(now),
    )


def month_period(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    if not 1 <= month <= 12 or not 2000 <= year <= 2999:
        raise InputError("no such month", "月份无效。", field="period")
    return date(year, month, 1), date(year, month, calendar_module.monthrange(year, month)[1])


def current_month(station: Station) -> tuple[date, date]:
    """The station's current month (local time)."""
    today = local(station.now()).date()
    return month_period(today.year, today.month)


# -------------------------------------------------------------------------------------------
# The report files
# -------------------------------------------------------------------------------------------


def _is_whole_month(start: date, end: date) -> bool:
    return (
        start.day == 1
        and (start.year, start.month) == (end.year, end.month)
        and (end.day == calendar_module.monthrange(end.year, end.month)[1])
    )


def report_title(report: CaseMetricsReport) -> str:
    """``2026年3月事项办理月报`` for a whole month, else a period report title."""
    start, end = report.period_start, report.period_end
    if _is_whole_month(start, end):
        return f"{start.year}年{start.month}月事项办理月报"
    return "事项办理统计报表"


def rule_text(rule: MetricsRule) -> str:
    """The metric rule in words, printed under the figures."""
    basic = "计入" if rule.count_basic_satisfied else "不计入"
    return (
        f"口径：“基本满意”{basic}满意；"
        f"部门须在转办后 {rule.ack_limit_working_days} 个工作日内签收；"
        "办结率、按期办结率以本期到期事项为分母。"
    )


def report_document(report: CaseMetricsReport) -> CaseReportDocument:
    """The printable form of a report (summaries de-identified)."""
    from stationdesk.printing.report import CaseReportDocument, OverdueRow, ReportGroup

    today = report.generated_at.date()

    def rows(groups: tuple[GroupMetrics, ...]) -> tuple[ReportGroup, ...]:
        return tuple(ReportGroup(g.label, g.metrics) for g in groups)

    def overdue_row(c: CaseSummary) -> OverdueRow:
        due = c.deadline.due if c.deadline else c.due
        return OverdueRow(
            number=c.number,
            type_name=c.type_name,
            summary=deidentify(c.summary),
            owner=c.owner_name,
            state=c.state_zh,
            received=c.received_at.date(),
            due=due,
            days_overdue=(today - due).days,
        )

    return CaseReportDocument(
        title=report_title(report),
        station_name=report.station_name,
        station_code=report.station_code,
        period_start=report.period_start,
        period_end=report.period_end,
        generated_at=report.generated_at,
        rule_text=rule_text(report.rule),
        overall=report.overall,
        by_worker=rows(report.by_worker),
        by_type=rows(report.by_type),
        by_grid=rows(report.by_grid),
        overdue=tuple(overdue_row(c) for c in report.overdue),
    )


def _sheet_header(ws: Any, title: str, subtitle: str, header: list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    append_row(ws, [title])
    append_row(ws, [subtitle])
    append_row(ws, [])
    append_row(ws, header)
    ws["A1"].font = Font(bold=True, size=14, color="B71C1C")
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F5F7FA")
        cell.alignment = Alignment(horizontal="center")
    ws.freeze_panes = "A5"


def _rate_cell(ws: Any, row: int, col: int, value: float | None) -> None:
    from openpyxl.styles import Alignment

    cell = put(ws, row, col, "—" if value is None else value)
    if value is None:
        cell.alignment = Alignment(horizontal="right")
    else:
        cell.number_format = "0.0%"


def write_report_excel(doc: CaseReportDocument, path: Path) -> None:
    """Write the report as an Excel workbook: overall, per group and overdue sheets."""
    from openpyxl import Workbook

    wb = Workbook()
    subtitle = (
        f"{doc.station_name}（{doc.station_code}） 统计期间 {doc.period_start.isoformat()} 至 "
        f"{doc.period_end.isoformat()}"
    )
    ws = wb.active
    ws.title = "总体指标"
    _sheet_header(ws, doc.title, subtitle, ["指标", "比率", "分子", "分母"])
    for rate in RATES:
        append_row(ws, [rate.name_zh, None, *rate.counts(doc.overall)])
        _rate_cell(ws, ws.max_row, 2, rate.of(doc.overall))
    append_row(ws, [])
    append_row(ws, [doc.rule_text])
    set_column_widths(ws, [16, 12, 10, 10])

    for title, groups, first in (
        ("按工作人员", doc.by_worker, "工作人员"),
        ("按事项类型", doc.by_type, "事项类型"),
        ("按网格", doc.by_grid, "网格"),
    ):
        sheet = wb.create_sheet(title)
        header = [first, "登记"]
        for rate in RATES:
            header += [rate.name_zh, f"{rate.name_zh}分子", f"{rate.name_zh}分母"]
        _sheet_header(sheet, doc.title, subtitle, header)
        for group in groups:
            m = group.metrics
            append_row(sheet, [group.label, m.registered])
            r = sheet.max_row
            col = 3
            for rate in RATES:
                numerator, denominator = rate.counts(m)
                _rate_cell(sheet, r, col, rate.of(m))
                put(sheet, r, col + 1, numerator)
                put(sheet, r, col + 2, denominator)
                col += 3
        set_column_widths(sheet, [24, 8] + [11] * (3 * len(RATES)))

    sheet = wb.create_sheet("超期事项")
    _sheet_header(
        sheet,
        doc.title,
        subtitle,
        ["编号", "事项类型", "诉求摘要", "首问人", "状态", "受理日期", "到期日", "超期天数"],
    )
    for row in doc.overdue:
        append_row(
            sheet,
            [
                row.number,
                row.type_name,
                row.summary,
                row.owner,
                row.state,
                row.received,
                row.due,
                row.days_overdue,
            ],
        )
        for col in (6, 7):
            sheet.cell(row=sheet.max_row, column=col).number_format = "yyyy-mm-dd"
    set_column_widths(sheet, [18, 22, 40, 10, 12, 12, 12, 10])
    wb.properties.title = doc.title
    wb.properties.creator = doc.station_name
    save_workbook(wb, path)


def report_basename(report: CaseMetricsReport) -> str:
    """``case-report-SY0101-2026-03`` for a month, else with both dates."""
    start, end = report.period_start, report.period_end
    if _is_whole_month(start, end):
        return f"case-report-{report.station_code}-{start:%Y-%m}"
    return f"case-report-{report.station_code}-{start:%Y%m%d}-{end:%Y%m%d}"


def export_report(
    station: Station,
    actor: Actor,
    period_start: date,
    period_end: date,
    out_dir: Path | None = None,
) -> ReportFiles:
    """One click: compute the period's metrics once and write the Excel and PDF reports.

    Files go to the station's ``exports`` folder unless ``out_dir`` is given; they hold no
    reporter data and de-identified summaries only.
    """
    from stationdesk.printing.report import render_case_report

    report = case_metrics(station, actor, period_start, period_end)
    doc = report_document(report)
    folder = out_dir or station.paths.exports
    folder.mkdir(parents=True, exist_ok=True)
    base = report_basename(report)
    xlsx, pdf = folder / f"{base}.xlsx", folder / f"{base}.pdf"
    write_report_excel(doc, xlsx)
    partial = pdf.with_name(pdf.name + ".partial")
    render_case_report(doc, partial)
    partial.replace(pdf)
    return ReportFiles(xlsx=xlsx, pdf=pdf)
