"""CLI commands for one-window cases (open, act, rate, list, show, export) and case metrics."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from stationdesk.domain.cases import CaseAction, Channel
from stationdesk.domain.metrics import RATES, Metrics

from .base import (
    EXIT_OK,
    CliContext,
    add_group,
    cli_date,
    emits,
    emits_rows,
    print_json,
    to_jsonable,
)
from .cmd_volunteer import register_report
from .feedback import register_feedback

if TYPE_CHECKING:  # each command imports the services it uses: the parser is built without them
    from stationdesk.services.cases import CaseDetail, CaseSummary


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the parser."""
    csub = add_group(sub, "case", common, "one-window cases")

    o = csub.add_parser("open", parents=[common], help="register a matter; prints its number")
    o.add_argument("--type", required=True, dest="type_code", help="matter type code")
    o.add_argument("--resident", help="the resident's record id")
    o.add_argument("--channel", required=True, choices=[c.value for c in Channel])
    o.add_argument("--summary", required=True)
    o.add_argument("--description", default="")
    o.add_argument("--address")
    o.add_argument("--grid")
    o.add_argument("--reporter-name", help="an anonymous or third-party reporter's name")
    o.set_defaults(handler=cmd_open)

    a = csub.add_parser("act", parents=[common], help="apply an action to a case")
    a.add_argument("case", metavar="ID", help="case number or id")
    a.add_argument("action", choices=[x.value for x in CaseAction])
    a.add_argument("--note")
    a.add_argument("--department", help="department code (refer)")
    a.set_defaults(handler=cmd_act)

    r = csub.add_parser("rate", parents=[common], help="record the satisfaction grade")
    r.add_argument("case", metavar="ID")
    r.add_argument(
        "grade",
        help="very-satisfied, satisfied, basically-satisfied, dissatisfied, very-dissatisfied",
    )
    r.add_argument("--note")
    r.set_defaults(handler=cmd_rate)

    ls = csub.add_parser("list", parents=[common], help="list cases")
    ls.add_argument("--state", help="only cases in this state (e.g. REFERRED)")
    ls.add_argument("--overdue", action="store_true", help="only open cases past their due date")
    ls.set_defaults(handler=cmd_list)

    sh = csub.add_parser("show", parents=[common], help="a case with its timeline")
    sh.add_argument("case", metavar="ID")
    sh.set_defaults(handler=cmd_show)

    ex = csub.add_parser("export", parents=[common], help="export cases (GeoReport v2 JSON)")
    ex.add_argument("--format", required=True, choices=["open311"], dest="fmt")
    ex.add_argument("--since", type=cli_date, help="only cases updated on or after DATE")
    ex.set_defaults(handler=cmd_export)

    rsub = add_group(sub, "report", common, "reports")
    m = rsub.add_parser("metrics", parents=[common], help="the six case metrics for a period")
    m.add_argument("--from", dest="start", type=cli_date, help="first day (default: this month)")
    m.add_argument("--to", dest="end", type=cli_date, help="last day (default: end of the month)")
    m.set_defaults(handler=cmd_metrics)
    register_report(rsub, common)  # report volunteers
    register_feedback(rsub, common)  # report feedback


def _line(c: CaseSummary) -> str:
    flag = ""
    if c.deadline is not None:
        flag = {"ok": "", "amber": " [amber]", "red": " [OVERDUE]"}[c.deadline.level.value]
    return (
        f"{c.number}  {c.state.value:<17} due {c.due.isoformat()}{flag}  "
        f"{c.type_name}  {c.summary}  ({c.owner_name})"
    )


def _detail_text(d: CaseDetail) -> str:
    c = d.case
    lines = [
        f"{c.number}  {c.state.value} {c.state_zh}",
        f"  type:      {c.type_code} {c.type_name} ({d.time_limit_days} working days)",
        f"  channel:   {c.channel.value}",
        f"  summary:   {c.summary}",
        f"  owner:     {c.owner_name}",
        f"  received:  {c.received_at:%Y-%m-%d %H:%M}",
        f"  due:       {c.deadline.due if c.deadline else c.due}"
        + (f" ({c.deadline.level.value})" if c.deadline else ""),
    ]
    if c.reporter:
        lines.append(f"  reporter:  {c.reporter}")
    if c.department_name:
        lines.append(f"  department: {c.department_name}")
    if d.rating is not None:
        lines.append(f"  rating:    {d.rating.value} {d.rating.zh}")
    lines.append("  timeline:")
    for e in d.events:
        move = f" {e.from_state.value} -> {e.to_state.value}" if e.from_state and e.to_state else ""
        extra = " (recorded by hand)" if e.manual else ""
        note = f": {e.note}" if e.note else ""
        lines.append(f"    {e.at:%Y-%m-%d %H:%M} {e.actor_name} {e.action}{move}{extra}{note}")
    if d.attachments:
        lines.append("  attachments:")
        lines += [f"    {a.name} ({a.size} bytes)" for a in d.attachments]
    if d.allowed_actions:
        lines.append("  next: " + ", ".join(a.value for a in d.allowed_actions))
    return "\n".join(lines)


def _number(d: CaseDetail) -> str:
    return d.case.number


@emits(_number)
def cmd_open(ctx: CliContext) -> CaseDetail:
    from stationdesk.services import cases

    a = ctx.args
    return cases.open_case(
        ctx.station(),
        ctx.actor(),
        cases.NewCase(
            type_code=a.type_code,
            channel=a.channel,
            summary=a.summary,
            description=a.description,
            resident_id=a.resident,
            reporter_name=a.reporter_name,
            address=a.address,
            grid=a.grid,
        ),
    )


def _state_line(d: CaseDetail) -> str:
    return f"{d.case.number}  {d.case.state.value} {d.case.state_zh}"


@emits(_state_line)
def cmd_act(ctx: CliContext) -> CaseDetail:
    from stationdesk.services import cases

    a = ctx.args
    return cases.act(
        ctx.station(), ctx.actor(), a.case, a.action, note=a.note, department=a.department
    )


def _rating_line(d: CaseDetail) -> str:
    grade = d.rating
    return f"{d.case.number}  {grade.value if grade else ''}  now {d.case.state.value}"


@emits(_rating_line)
def cmd_rate(ctx: CliContext) -> CaseDetail:
    from stationdesk.services import cases

    a = ctx.args
    return cases.rate(ctx.station(), ctx.actor(), a.case, a.grade, note=a.note)


@emits_rows(_line, "no cases")
def cmd_list(ctx: CliContext) -> list[CaseSummary]:
    from stationdesk.services import cases

    a = ctx.args
    return cases.list_cases(
        ctx.station(), ctx.actor(), cases.CaseView.ALL, state=a.state, overdue=a.overdue
    )


@emits(_detail_text)
def cmd_show(ctx: CliContext) -> CaseDetail:
    from stationdesk.services import cases

    return cases.show_case(ctx.station(), ctx.actor(), ctx.args.case)


def cmd_export(ctx: CliContext) -> int:
    from stationdesk.services import cases

    requests = cases.export_open311(ctx.station(), ctx.actor(), since=ctx.args.since)
    print_json(requests)
    return EXIT_OK


def _metrics_text(m: Metrics) -> str:
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.1f}%"

    lines = [f"period {m.period_start.isoformat()} .. {m.period_end.isoformat()}"]
    for rate in RATES:
        num, den = rate.counts(m)
        lines.append(f"{rate.attr:<18} {pct(rate.of(m)):>7}  ({num}/{den})")
    return "\n".join(lines)


def cmd_metrics(ctx: CliContext) -> int:
    from stationdesk.services import reports

    a = ctx.args
    station = ctx.station()
    actor = ctx.actor()
    month_start, month_end = reports.current_month(station)
    start = a.start or (month_start if a.end is None else a.end.replace(day=1))
    end = a.end or (
        month_end if a.start is None else reports.month_period(start.year, start.month)[1]
    )
    report = reports.case_metrics(station, actor, start, end)
    data = dict(report.overall.as_dict())
    data["count_basic_satisfied"] = report.rule.count_basic_satisfied
    groups = {
        "by_worker": report.by_worker,
        "by_type": report.by_type,
        "by_grid": report.by_grid,
    }
    payload: dict[str, object] = dict(data)
    for name, rows in groups.items():
        payload[name] = [{"key": g.key, "label": g.label, **g.metrics.as_dict()} for g in rows]
    payload["overdue"] = [c.number for c in report.overdue]
    ctx.emit(to_jsonable(payload), lambda: _metrics_text(report.overall))
    return EXIT_OK
