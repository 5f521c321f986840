"""CLI commands for emergency mode (平急转换): start, list, check, assign, status, call sheets,
stop with the after-action report."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from stationdesk.domain.emergency import (
    EVENT_KINDS,
    CheckStatus,
    parse_kind,
    parse_level,
    parse_status,
)
from stationdesk.domain.station_time import shown_minute

from .base import EXIT_OK, CliContext, add_group, arg_type, emits, emits_rows

if TYPE_CHECKING:  # the services are imported by each command, not by the parser
    from stationdesk.services.emergency import EntryRow, EventInfo, ResponderInfo, StatusReport


def _report_file(text: str) -> Path:
    """A .pdf or .xlsx path in a folder that exists (checked before anything is written)."""
    path = Path(text).expanduser()
    if path.suffix.lower() not in (".pdf", ".xlsx"):
        raise argparse.ArgumentTypeError("the report is a .pdf or an .xlsx file")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"no folder {str(path.parent)!r} for the report")
    return path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the parser."""
    esub = add_group(sub, "emergency", common, "emergency mode (平急转换)")
    kinds = ", ".join(f"{k.code} ({k.label})" for k in EVENT_KINDS)
    statuses = ", ".join(s.value for s in CheckStatus)

    st = esub.add_parser("start", parents=[common], help="start an event (station head)")
    st.add_argument("--kind", required=True, type=arg_type(parse_kind), help=kinds)
    st.add_argument("--name", required=True)
    st.add_argument(
        "--level", type=arg_type(parse_level), default=4, help="1-4 or I-IV (default IV)"
    )
    st.add_argument(
        "--grid", action="extend", nargs="+", help="affected grid codes (default: every grid)"
    )
    st.set_defaults(handler=cmd_start)

    ls = esub.add_parser("list", parents=[common], help="the open event's list of residents")
    ls.add_argument("--status", type=arg_type(parse_status), help=statuses)
    ls.add_argument("--grid")
    ls.add_argument("--overdue", action="store_true", help="only those unreachable too long")
    ls.set_defaults(handler=cmd_list)

    ra = esub.add_parser("reassign", parents=[common], help="give a listed resident to a responder")
    ra.add_argument("resident", metavar="RESIDENT")
    ra.add_argument("--responder", required=True, help="the responder's id (see responder list)")
    ra.set_defaults(handler=cmd_reassign)

    ph = esub.add_parser("phones", parents=[common], help="a listed resident's phones (masked)")
    ph.add_argument("resident", metavar="RESIDENT")
    ph.add_argument(
        "--reveal", action="store_true", help="in full (the assigned responder only; audited)"
    )
    ph.set_defaults(handler=cmd_phones)

    ck = esub.add_parser("check", parents=[common], help="record a check-off on a resident")
    ck.add_argument("resident", metavar="RESIDENT", help="the resident's record id")
    ck.add_argument("status", metavar="STATUS", type=arg_type(parse_status), help=statuses)
    ck.add_argument("--note")
    ck.set_defaults(handler=cmd_check)

    ad = esub.add_parser("add", parents=[common], help="add a resident to the open list")
    ad.add_argument("resident", metavar="RESIDENT", help="the resident's record id")
    ad.set_defaults(handler=cmd_add)

    asg = esub.add_parser("assign", parents=[common], help="assign responders automatically")
    asg.set_defaults(handler=cmd_assign)

    sts = esub.add_parser("status", parents=[common], help="totals of the open event")
    sts.set_defaults(handler=cmd_status)

    sp = esub.add_parser("stop", parents=[common], help="end the open event (station head)")
    sp.add_argument("--summary", required=True)
    sp.add_argument(
        "--report", type=_report_file, help="write the after-action report here (.pdf or .xlsx)"
    )
    sp.set_defaults(handler=cmd_stop)

    sh = esub.add_parser("sheets", parents=[common], help="print call sheets (PDF) to a folder")
    sh.add_argument("--out", required=True, type=Path, help="the folder (created if missing)")
    sh.set_defaults(handler=cmd_sheets)

    rpt = esub.add_parser("report", parents=[common], help="an event's after-action report")
    rpt.add_argument("--event", help="the event id (default: the latest event)")
    rpt.add_argument(
        "--out", required=True, type=_report_file, help="the file to write (.pdf or .xlsx)"
    )
    rpt.set_defaults(handler=cmd_report)

    rsub = add_group(esub, "responder", common, "the responder list")
    ra = rsub.add_parser("add", parents=[common], help="add a responder (station head)")
    ra.add_argument("--worker", help="a worker's login name")
    ra.add_argument("--name", help="the name (a volunteer's, or to override the worker's)")
    ra.add_argument("--grid", help="their grid (none: they help everywhere)")
    ra.set_defaults(handler=cmd_responder_add)
    rl = rsub.add_parser("list", parents=[common], help="list responders")
    rl.set_defaults(handler=cmd_responder_list)


def _event_line(e: EventInfo) -> str:
    where = ", ".join(e.grids) if e.grids is not None else "all grids"
    return (
        f"{e.kind_zh} {e.level_zh} {e.name}  started {shown_minute(e.started_at)} by "
        f"{e.started_by}  ({where}; {e.entries} residents)"
    )


def _entry_line(r: EntryRow) -> str:
    extra = f"  case {r.case_number}" if r.case_number else ""
    note = f"  ({r.note})" if r.note else ""
    return (
        f"{r.resident_id}  {r.name}  {r.address or '-'}  {r.grid or '-'}  "
        f"{r.responder or '-'}  {r.status.value} {r.status_zh}{note}{extra}"
    )


@emits(_event_line)
def cmd_start(ctx: CliContext) -> EventInfo:
    from stationdesk.services import emergency

    a = ctx.args
    return emergency.start_event(
        ctx.station(), ctx.actor(), a.kind.code, a.name, level=a.level, grids=a.grid
    )


@emits_rows(_entry_line, "nobody")
def cmd_list(ctx: CliContext) -> list[EntryRow]:
    from stationdesk.services import emergency

    a = ctx.args
    rows: list[EntryRow] | tuple[EntryRow, ...]
    if a.overdue:
        rows = emergency.status(ctx.station(), ctx.actor()).overdue
        if a.status is not None:
            rows = [r for r in rows if r.status is a.status]
        if a.grid is not None:
            rows = [r for r in rows if r.grid == a.grid]
    else:
        rows = emergency.list_entries(ctx.station(), ctx.actor(), status=a.status, grid=a.grid)
    return list(rows)


@emits(_entry_line)
def cmd_check(ctx: CliContext) -> EntryRow:
    from stationdesk.services import emergency

    a = ctx.args
    return emergency.check(ctx.station(), ctx.actor(), a.resident, a.status, note=a.note)


def cmd_reassign(ctx: CliContext) -> int:
    from stationdesk.services import emergency

    a = ctx.args
    name = emergency.reassign(ctx.station(), ctx.actor(), a.resident, a.responder)
    ctx.emit({"resident": a.resident, "responder": name}, lambda: name)
    return EXIT_OK


def cmd_phones(ctx: CliContext) -> int:
    from stationdesk.services import emergency

    a = ctx.args
    found = emergency.entry_contacts(ctx.station(), ctx.actor(), a.resident, reveal=a.reveal)
    ctx.emit(found, lambda: "\n".join(found.lines) or "no phone on record")
    return EXIT_OK


@emits(_event_line)
def cmd_add(ctx: CliContext) -> EventInfo:
    from stationdesk.services import emergency

    return emergency.add_to_event(ctx.station(), ctx.actor(), ctx.args.resident)


def cmd_assign(ctx: CliContext) -> int:
    from stationdesk.services import emergency

    report = emergency.assign(ctx.station(), ctx.actor())

    def text() -> str:
        lines = [f"assigned {report.assigned}, left unassigned {report.unassigned}"]
        lines += [f"  {name}: {n}" for name, n in report.loads.items()]
        return "\n".join(lines)

    ctx.emit(report, text)
    return EXIT_OK


def _status_data(r: StatusReport) -> dict[str, object]:
    return {
        "total": r.total,
        "reached": r.reached,
        "need_help": r.need_help,
        "unreachable": r.unreachable,
        "by_grid": r.by_grid,
    }


def cmd_status(ctx: CliContext) -> int:
    from stationdesk.services import emergency

    r = emergency.status(ctx.station(), ctx.actor())

    def text() -> str:
        lines = [
            _event_line(r.event),
            f"total {r.total}  reached {r.reached}  need help {r.need_help}  "
            f"unreachable {r.unreachable}  overdue {len(r.overdue)}",
        ]
        lines += [
            f"  {g}: {t.total} / reached {t.reached} / need help {t.need_help} / "
            f"unreachable {t.unreachable}"
            for g, t in r.by_grid.items()
        ]
        return "\n".join(lines)

    ctx.emit(_status_data(r), text)
    return EXIT_OK


def cmd_stop(ctx: CliContext) -> int:
    from stationdesk.services import emergency

    station, actor = ctx.station(), ctx.actor()
    info = emergency.stop_event(station, actor, ctx.args.summary)
    report = ctx.args.report
    if report is not None:
        emergency.write_report(station, actor, report, info.id)
    ctx.emit(
        info,  # the report, when asked for, is where --report said
        lambda: f"stopped: {_event_line(info)}" + (f"\nreport: {report}" if report else ""),
    )
    return EXIT_OK


def cmd_sheets(ctx: CliContext) -> int:
    from stationdesk.services import emergency

    files = emergency.call_sheets(ctx.station(), ctx.actor(), ctx.args.out.expanduser())
    written = [*files.by_responder, *files.by_grid]
    ctx.emit(
        {
            "folder": str(files.folder),
            "residents": files.residents,
            "by_responder": [str(p) for p in files.by_responder],
            "by_grid": [str(p) for p in files.by_grid],
        },
        lambda: "\n".join(
            [f"{len(written)} call sheets for {files.residents} residents in {files.folder}"]
            + [f"  {p.name}" for p in written]
        ),
    )
    return EXIT_OK


def cmd_report(ctx: CliContext) -> int:
    from stationdesk.services import emergency

    path = emergency.write_report(ctx.station(), ctx.actor(), ctx.args.out, ctx.args.event)
    ctx.emit({"report": str(path)}, lambda: f"report: {path}")
    return EXIT_OK


def _responder_added(r: ResponderInfo) -> str:
    return f"{r.id}  {r.name}  {r.grid or 'everywhere'}"


@emits(_responder_added)
def cmd_responder_add(ctx: CliContext) -> ResponderInfo:
    from stationdesk.services import emergency

    a = ctx.args
    return emergency.add_responder(
        ctx.station(), ctx.actor(), worker=a.worker, name=a.name, grid=a.grid
    )


def _responder_line(r: ResponderInfo) -> str:
    return f"{r.id}  {r.name}  {r.worker or '-'}  {r.grid or 'everywhere'}"


@emits_rows(_responder_line, "no responders")
def cmd_responder_list(ctx: CliContext) -> list[ResponderInfo]:
    from stationdesk.services import emergency

    return emergency.list_responders(ctx.station(), ctx.actor())
