"""CLI commands for 双报到 and volunteer service: units, members, activities, wishes, report."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from stationdesk.domain.station_time import STATION_TZ, shown_minute
from stationdesk.domain.volunteering import (
    ACTIVITY_KINDS,
    UNIT_TYPES,
    WISH_CATEGORIES,
    ActivityKind,
    WishStatus,
    parse_grade,
    parse_kind,
    parse_unit_type,
    parse_wish_status,
)

from . import cmd_unit_projects
from .base import EXIT_OK, CliContext, add_group, arg_type, cli_date, emits, emits_rows

if TYPE_CHECKING:  # the services are imported by each command, not by the parser
    from stationdesk.services.volunteering import ActivityInfo, MemberInfo, UnitInfo, WishInfo

    from .base import Sub


def cli_moment(text: str) -> datetime:
    """A time option (``2026-03-05 09:30``, station time unless it names its zone) in UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("T", " "))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time (YYYY-MM-DD HH:MM): {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=STATION_TZ)
    return moment.astimezone(UTC)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return value


def register(sub: Sub, common: argparse.ArgumentParser) -> None:
    """Add this module's commands to the parser."""
    _register_units(sub, common)
    _register_members(sub, common)
    _register_activities(sub, common)
    _register_wishes(sub, common)


def _register_units(sub: Sub, common: argparse.ArgumentParser) -> None:
    usub = add_group(sub, "unit", common, "units reporting to the community (驻区单位)")
    a = usub.add_parser("add", parents=[common], help="add a unit")
    a.add_argument("name")
    a.add_argument(
        "--type",
        dest="unit_type",
        required=True,
        type=arg_type(parse_unit_type),
        help=", ".join(UNIT_TYPES),
    )
    a.add_argument("--party-org", help="its Party organisation")
    a.add_argument("--contact", help="the contact's name")
    a.add_argument("--contact-phone")
    a.add_argument("--agreement-date", type=cli_date, help="pairing agreement (结对共建) signed")
    a.add_argument("--agreement-until", type=cli_date, help="the agreement's term ends")
    a.add_argument("--commitments", help="what each side commits to")
    a.set_defaults(handler=cmd_unit_add)
    ls = usub.add_parser("list", parents=[common], help="list units (with their projects)")
    ls.set_defaults(handler=cmd_unit_list)
    cmd_unit_projects.register(usub, common)


def _register_members(sub: Sub, common: argparse.ArgumentParser) -> None:
    msub = add_group(sub, "member", common, "in-service Party members (在职党员)")
    a = msub.add_parser("add", parents=[common], help="register a member who reported")
    a.add_argument("--name", required=True)
    a.add_argument("--id-number", required=True)
    a.add_argument("--report-date", required=True, type=cli_date)
    a.add_argument("--phone")
    a.add_argument("--unit", help="the employer unit's name or id")
    a.add_argument("--branch", help="the Party branch")
    a.add_argument("--grid", help="the paired grid (包联)")
    a.add_argument("--skill", action="append", default=[])
    a.add_argument("--emergency-team", action="store_true")
    a.add_argument("--resident", help="link to this resident record id")
    a.set_defaults(handler=cmd_member_add)
    ls = msub.add_parser("list", parents=[common], help="list members")
    ls.add_argument("--unit")
    ls.add_argument("--emergency-team", action="store_true")
    ls.set_defaults(handler=cmd_member_list)
    sh = msub.add_parser("show", parents=[common], help="a member and their approved hours")
    sh.add_argument("member", metavar="MEMBER", help="record id or ID number")
    sh.add_argument("--from", dest="start", type=cli_date)
    sh.add_argument("--to", dest="end", type=cli_date)
    sh.add_argument(
        "--district",
        action="store_true",
        help="the member's approved hours at every station (asks the district server)",
    )
    sh.set_defaults(handler=cmd_member_show)
    lk = msub.add_parser("link-resident", parents=[common], help="link to a resident record")
    lk.add_argument("member", metavar="MEMBER")
    lk.add_argument("resident", metavar="RESIDENT")
    lk.set_defaults(handler=cmd_member_link)


def _register_activities(sub: Sub, common: argparse.ArgumentParser) -> None:
    asub = add_group(sub, "activity", common, "volunteer activities (志愿服务活动)")
    a = asub.add_parser("add", parents=[common], help="add an activity")
    a.add_argument("--title", required=True)
    a.add_argument(
        "--kind",
        required=True,
        type=arg_type(parse_kind),
        help=", ".join(f"{k.code} ({k.label})" for k in ACTIVITY_KINDS),
    )
    a.add_argument("--start", required=True, type=cli_moment, help="YYYY-MM-DD HH:MM")
    a.add_argument("--end", required=True, type=cli_moment, help="YYYY-MM-DD HH:MM")
    a.add_argument("--place")
    a.add_argument("--grid")
    a.add_argument("--organiser")
    a.add_argument("--capacity", type=_positive)
    a.set_defaults(handler=cmd_activity_add)
    ls = asub.add_parser("list", parents=[common], help="list activities")
    ls.set_defaults(handler=cmd_activity_list)
    sh = asub.add_parser("show", parents=[common], help="an activity and its sign-ins")
    sh.add_argument("activity", metavar="ACTIVITY")
    sh.set_defaults(handler=cmd_activity_show)
    for name, handler, what in (
        ("signin", cmd_signin, "sign a member in"),
        ("signout", cmd_signout, "sign a member out (the hours are computed)"),
    ):
        s = asub.add_parser(name, parents=[common], help=what)
        s.add_argument("activity", metavar="ACTIVITY")
        s.add_argument("--member", required=True, help="record id or ID number")
        s.add_argument("--at", type=cli_moment, help="the time (default: now)")
        if name == "signin":
            s.add_argument("--sheet", action="store_true", help="entered from a paper sheet")
        s.set_defaults(handler=handler)
    ap = asub.add_parser("approve", parents=[common], help="approve the record (station head)")
    ap.add_argument("activity", metavar="ACTIVITY")
    ap.set_defaults(handler=cmd_approve)
    c = asub.add_parser("correct", parents=[common], help="correct an approved record (head)")
    c.add_argument("activity", metavar="ACTIVITY")
    c.add_argument("--member", required=True)
    c.add_argument("--in", dest="signed_in", required=True, type=cli_moment)
    c.add_argument("--out", dest="signed_out", required=True, type=cli_moment)
    c.add_argument("--reason", required=True)
    c.set_defaults(handler=cmd_correct)


def _register_wishes(sub: Sub, common: argparse.ArgumentParser) -> None:
    wsub = add_group(sub, "wish", common, "微心愿 (the wish wall)")
    a = wsub.add_parser("add", parents=[common], help="record a resident's wish")
    a.add_argument("--resident", required=True)
    a.add_argument("--text", required=True)
    a.add_argument("--deadline", required=True, type=cli_date)
    a.add_argument("--category", default="其他", choices=WISH_CATEGORIES)
    a.set_defaults(handler=cmd_wish_add)
    c = wsub.add_parser("claim", parents=[common], help="a member claims a wish")
    c.add_argument("wish", metavar="WISH")
    c.add_argument("--member", required=True)
    c.set_defaults(handler=cmd_wish_claim)
    f = wsub.add_parser("fulfil", parents=[common], help="mark a claimed wish fulfilled")
    f.add_argument("wish", metavar="WISH")
    f.add_argument("--note", required=True)
    f.add_argument(
        "--photo", type=Path, metavar="FILE", help="a photo of it (JPEG or PNG, ≤ 10 MB)"
    )
    f.set_defaults(handler=cmd_wish_fulfil)
    cf = wsub.add_parser("confirm", parents=[common], help="the resident's grade (满意/不满意)")
    cf.add_argument("wish", metavar="WISH")
    cf.add_argument("grade", metavar="GRADE", type=arg_type(parse_grade))
    cf.set_defaults(handler=cmd_wish_confirm)
    ls = wsub.add_parser("list", parents=[common], help="the wish wall")
    ls.add_argument(
        "--status", type=arg_type(parse_wish_status), help=", ".join(s.value for s in WishStatus)
    )
    ls.add_argument("--overdue", action="store_true")
    ls.set_defaults(handler=cmd_wish_list)


def register_report(rsub: Sub, common: argparse.ArgumentParser) -> None:
    """Add ``report volunteers`` under the ``report`` command."""
    v = rsub.add_parser(
        "volunteers", parents=[common], help="volunteer service per unit/member/grid"
    )
    v.add_argument("--from", dest="start", type=cli_date)
    v.add_argument("--to", dest="end", type=cli_date)
    v.add_argument("--xlsx", type=Path, help="also write the report as a workbook")
    v.set_defaults(handler=cmd_report)


def _unit_line(u: UnitInfo) -> str:
    return f"{u.id}  {u.name}  {u.unit_type}"


@emits(_unit_line)
def cmd_unit_add(ctx: CliContext) -> UnitInfo:
    from stationdesk.services import volunteering as v

    a = ctx.args
    return v.add_unit(
        ctx.station(),
        ctx.actor(),
        v.UnitInput(
            name=a.name,
            unit_type=a.unit_type,
            party_org=a.party_org,
            contact_name=a.contact,
            contact_phone=a.contact_phone,
            agreement_date=a.agreement_date,
            agreement_until=a.agreement_until,
            commitments=a.commitments,
        ),
    )


def _unit_text(u: UnitInfo) -> str:
    projects = f"\n{cmd_unit_projects.project_lines(u)}" if u.projects else ""
    return f"{u.id}  {u.name}  {u.unit_type}  {u.party_org or '-'}  {u.members} members{projects}"


@emits_rows(_unit_text, "no units")
def cmd_unit_list(ctx: CliContext) -> list[UnitInfo]:
    from stationdesk.services import volunteering as v

    return v.list_units(ctx.station(), ctx.actor())


def _member_line(m: MemberInfo) -> str:
    team = "  应急队" if m.emergency_team else ""
    return f"{m.id}  {m.name}  {m.id_masked}  {m.unit or '-'}  {m.grid or '-'}{team}"


@emits(_member_line)
def cmd_member_add(ctx: CliContext) -> MemberInfo:
    from stationdesk.services import volunteering as v

    a = ctx.args
    return v.add_member(
        ctx.station(),
        ctx.actor(),
        v.MemberInput(
            name=a.name,
            id_number=a.id_number,
            report_date=a.report_date,
            phone=a.phone,
            unit=a.unit,
            branch=a.branch,
            grid=a.grid,
            skills=tuple(a.skill),
            emergency_team=a.emergency_team,
            resident_id=a.resident,
        ),
    )


@emits_rows(_member_line, "no members")
def cmd_member_list(ctx: CliContext) -> list[MemberInfo]:
    from stationdesk.services import volunteering as v

    a = ctx.args
    return v.list_members(ctx.station(), ctx.actor(), unit=a.unit, emergency_team=a.emergency_team)


def cmd_member_show(ctx: CliContext) -> int:
    from stationdesk.services import volunteering as v

    a = ctx.args
    info = v.show_member(ctx.station(), ctx.actor(), a.member)
    if a.district:
        return _district_hours(ctx, info)
    got = v.member_hours(
        ctx.station(), ctx.actor(), info.id, start=a.start, end=a.end, with_records=True
    )

    def text() -> str:
        lines = [_member_line(info), f"approved hours: {got.hours}"]
        lines += [f"  {kind}: {minutes / 60:g}" for kind, minutes in got.by_kind.items()]
        lines += [f"  {r.day}  {r.kind_zh}  {r.title}  {r.minutes / 60:g}" for r in got.records]
        return "\n".join(lines)

    ctx.emit({"member": info, "hours": got}, text)
    return EXIT_OK


def _district_hours(ctx: CliContext, info: MemberInfo) -> int:
    from stationdesk.domain.volunteering import hours_text, kind_label
    from stationdesk.services import volunteering as v

    got = v.district_hours(ctx.station(), ctx.actor(), info.id)

    def text() -> str:
        lines = [
            _member_line(info),
            f"district approved hours: {hours_text(got.minutes)} ({got.activities} activities)",
        ]
        lines += [f"  {kind_label(k)}: {hours_text(m)}" for k, m in got.by_kind.items()]
        lines += [f"  station {code}: {hours_text(m)}" for code, m in got.by_station.items()]
        return "\n".join(lines)

    ctx.emit({"member": info, "district_hours": got.model_dump(mode="json")}, text)
    return EXIT_OK


@emits(_member_line)
def cmd_member_link(ctx: CliContext) -> MemberInfo:
    from stationdesk.services import volunteering as v

    return v.link_resident(ctx.station(), ctx.actor(), ctx.args.member, ctx.args.resident)


def _activity_line(a: ActivityInfo) -> str:
    state = f"approved by {a.approved_by}" if a.approved_at else "not approved"
    return (
        f"{a.id}  {a.kind_zh}  {a.title}  {shown_minute(a.starts_at)} – {shown_minute(a.ends_at)}"
        f"  {a.place or '-'}  {a.grid or '-'}  {len(a.signins)} signed in  {state}"
    )


def _activity_text(a: ActivityInfo) -> str:
    lines = [_activity_line(a)]
    for r in a.signins:
        out = shown_minute(r.signed_out_at) if r.signed_out_at else "-"
        fixed = "  (corrected)" if r.corrected else ""
        hours = f"{r.hours}h" if r.hours is not None else "-"
        lines.append(
            f"  {r.member_id}  {r.name}  {shown_minute(r.signed_in_at)} – {out}  {hours}{fixed}"
        )
    return "\n".join(lines)


@emits(_activity_line)
def cmd_activity_add(ctx: CliContext) -> ActivityInfo:
    from stationdesk.services import volunteering as v

    a = ctx.args
    kind: ActivityKind = a.kind
    return v.add_activity(
        ctx.station(),
        ctx.actor(),
        title=a.title,
        kind=kind.code,
        starts_at=a.start,
        ends_at=a.end,
        place=a.place,
        grid=a.grid,
        organiser=a.organiser,
        capacity=a.capacity,
    )


@emits_rows(_activity_line, "no activities")
def cmd_activity_list(ctx: CliContext) -> list[ActivityInfo]:
    from stationdesk.services import volunteering as v

    return v.list_activities(ctx.station(), ctx.actor())


@emits(_activity_text)
def cmd_activity_show(ctx: CliContext) -> ActivityInfo:
    from stationdesk.services import volunteering as v

    return v.show_activity(ctx.station(), ctx.actor(), ctx.args.activity)


@emits(_activity_text)
def cmd_signin(ctx: CliContext) -> ActivityInfo:
    from stationdesk.services import volunteering as v

    a = ctx.args
    source = v.SignSource.SHEET if a.sheet else v.SignSource.DESK
    return v.sign_in(ctx.station(), ctx.actor(), a.activity, a.member, at=a.at, source=source)


@emits(_activity_text)
def cmd_signout(ctx: CliContext) -> ActivityInfo:
    from stationdesk.services import volunteering as v

    a = ctx.args
    return v.sign_out(ctx.station(), ctx.actor(), a.activity, a.member, at=a.at)


@emits(_activity_text)
def cmd_approve(ctx: CliContext) -> ActivityInfo:
    from stationdesk.services import volunteering as v

    return v.approve(ctx.station(), ctx.actor(), ctx.args.activity)


@emits(_activity_text)
def cmd_correct(ctx: CliContext) -> ActivityInfo:
    from stationdesk.services import volunteering as v

    a = ctx.args
    return v.correct(
        ctx.station(),
        ctx.actor(),
        a.activity,
        a.member,
        signed_in_at=a.signed_in,
        signed_out_at=a.signed_out,
        reason=a.reason,
    )


def _wish_line(w: WishInfo) -> str:
    flag = "  [OVERDUE]" if w.overdue else ""
    who = f"  {w.member}" if w.member else ""
    grade = f"  {w.grade}" if w.grade else ""
    photo = f"  [photo {w.photo}]" if w.photo else ""
    return f"{w.id}  {w.status_zh}  {w.deadline}  {w.resident}  {w.text}{who}{grade}{photo}{flag}"


@emits(_wish_line)
def cmd_wish_add(ctx: CliContext) -> WishInfo:
    from stationdesk.services import volunteering as v

    a = ctx.args
    return v.add_wish(
        ctx.station(), ctx.actor(), a.resident, a.text, deadline=a.deadline, category=a.category
    )


@emits(_wish_line)
def cmd_wish_claim(ctx: CliContext) -> WishInfo:
    from stationdesk.services import volunteering as v

    return v.claim_wish(ctx.station(), ctx.actor(), ctx.args.wish, ctx.args.member)


@emits(_wish_line)
def cmd_wish_fulfil(ctx: CliContext) -> WishInfo:
    from stationdesk.services import volunteering as v
    from stationdesk.services.files import read_upload

    a = ctx.args
    photo = read_upload(a.photo, "photo") if a.photo is not None else None
    return v.fulfil_wish(ctx.station(), ctx.actor(), a.wish, a.note, photo)


@emits(_wish_line)
def cmd_wish_confirm(ctx: CliContext) -> WishInfo:
    from stationdesk.services import volunteering as v

    return v.confirm_wish(ctx.station(), ctx.actor(), ctx.args.wish, ctx.args.grade)


@emits_rows(_wish_line, "no wishes")
def cmd_wish_list(ctx: CliContext) -> list[WishInfo]:
    from stationdesk.services import volunteering as v

    a = ctx.args
    return v.list_wishes(ctx.station(), ctx.actor(), status=a.status, overdue=a.overdue)


def cmd_report(ctx: CliContext) -> int:
    from stationdesk.services import volunteering as v

    a = ctx.args
    report = v.volunteer_report(ctx.station(), ctx.actor(), start=a.start, end=a.end)
    if a.xlsx is not None:
        v.export_report_xlsx(report, a.xlsx)

    def text() -> str:
        lines = []
        for title, rows in (
            ("units", report.units),
            ("members", report.members),
            ("grids", report.grids),
        ):
            lines.append(f"{title}:")
            lines += [
                f"  {r.name}  members {r.members}  activities {r.activities}  hours {r.hours}"
                f"  wishes fulfilled {r.wishes_fulfilled}"
                + "".join(f"  {k} {n}" for k, n in r.projects.items())
                for r in rows
            ]
        return "\n".join(lines)

    ctx.emit(report, text)
    return EXIT_OK
