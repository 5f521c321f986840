"""CLI commands for residents, visits, buildings, grids, imports and demo data."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from stationdesk.domain.identity import DocumentType
from stationdesk.services import demo_data, resident_import, residents
from stationdesk.services.errors import InputError

from .base import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, CliContext, add_group, emits_rows

ID_TYPES = {
    "id": DocumentType.RESIDENT_ID,
    "hmt": DocumentType.HMT_RESIDENCE_PERMIT,
    "passport": DocumentType.PASSPORT,
    "other": DocumentType.OTHER,
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the parser."""
    rsub = add_group(sub, "resident", common, "residents")

    a = rsub.add_parser("add", parents=[common], help="register a resident")
    a.add_argument("--name", required=True)
    a.add_argument(
        "--name-pinyin",
        help="the name's reading in pinyin, syllables separated by spaces (e.g. 'chen yan'), "
        "for a name with a character that has no known reading",
    )
    a.add_argument("--id-number", required=True)
    a.add_argument("--id-type", choices=sorted(ID_TYPES), default="id")
    a.add_argument("--phone", action="append", default=[])
    a.add_argument("--ethnicity")
    a.add_argument("--building")
    a.add_argument("--unit")
    a.add_argument("--room")
    a.add_argument("--relation")
    a.add_argument("--grid")
    a.add_argument("--tag", action="append", default=[])
    a.add_argument("--note")
    a.set_defaults(handler=cmd_add)

    f = rsub.add_parser("find", parents=[common], help="search (results are masked)")
    f.add_argument("query")
    f.add_argument("--limit", type=int, default=20)
    f.set_defaults(handler=cmd_find)

    s = rsub.add_parser("show", parents=[common], help="one resident's card")
    s.add_argument("id")
    s.add_argument("--reveal", action="store_true", help="show the full ID and phone (audited)")
    s.add_argument("--reason", default="")
    s.set_defaults(handler=cmd_show)

    e = rsub.add_parser("edit", parents=[common], help="change fields: --field value ...")
    e.add_argument("id")
    for name in residents.EDITABLE_FIELDS:
        if name != "sensitive_tags":
            e.add_argument(f"--{name.replace('_', '-')}", dest=f"set_{name}")
    e.set_defaults(handler=cmd_edit)

    i = rsub.add_parser("import", parents=[common], help="import an .xlsx or .csv file")
    i.add_argument("file", type=Path)
    i.add_argument("--dry-run", action="store_true")
    i.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a column header to a field",
    )
    i.set_defaults(handler=cmd_import)

    vsub = add_group(sub, "visit", common, "walk-in records")
    va = vsub.add_parser("add", parents=[common], help="record a walk-in")
    va.add_argument("--resident", required=True)
    va.add_argument("--purpose", required=True)
    va.set_defaults(handler=cmd_visit)

    bsub = add_group(sub, "building", common, "the station's buildings")
    ba = bsub.add_parser("add", parents=[common])
    ba.add_argument("name")
    ba.add_argument("--grid")
    ba.set_defaults(handler=cmd_building_add)
    bl = bsub.add_parser("list", parents=[common])
    bl.set_defaults(handler=cmd_building_list)

    gsub = add_group(sub, "grid", common, "the community's grids")
    ga = gsub.add_parser("add", parents=[common])
    ga.add_argument("code")
    ga.add_argument("--name", required=True)
    ga.set_defaults(handler=cmd_grid_add)
    gl = gsub.add_parser("list", parents=[common])
    gl.set_defaults(handler=cmd_grid_list)

    d = sub.add_parser("demo", parents=[common], help="fill a demo station with generated data")
    d.add_argument("--residents", type=int, required=True)
    d.add_argument("--seed", type=int, default=2026)
    d.set_defaults(handler=cmd_demo)


def cmd_add(ctx: CliContext) -> int:
    a = ctx.args
    data = residents.ResidentInput(
        name=a.name,
        name_pinyin=a.name_pinyin,
        id_number=a.id_number,
        id_type=ID_TYPES[a.id_type],
        phones=tuple(a.phone),
        ethnicity=a.ethnicity,
        building=a.building,
        unit=a.unit,
        room=a.room,
        relation=a.relation,
        grid=a.grid,
        tags=tuple(a.tag),
        note=a.note,
    )
    card = residents.register_resident(ctx.station(), ctx.actor(), data)
    ctx.emit({"id": card.row.id}, card.row.id)
    return EXIT_OK


def _row_text(r: residents.ResidentRow) -> str:
    return f"{r.id}  {r.name:<6} {r.id_masked:<18} {r.phone_masked:<11} {r.address}"


@emits_rows(_row_text, "no match")
def cmd_find(ctx: CliContext) -> list[residents.ResidentRow]:
    if not 1 <= ctx.args.limit <= 500:
        raise InputError("--limit is 1 to 500", "--limit 应为1至500")
    return residents.find_residents(ctx.station(), ctx.actor(), ctx.args.query, ctx.args.limit)


def cmd_show(ctx: CliContext) -> int:
    a = ctx.args
    station, actor = ctx.station(), ctx.actor()
    if a.reason and not a.reveal:
        raise InputError("--reason goes with --reveal", "--reason 需与 --reveal 一起使用")
    card = residents.get_resident(station, actor, a.id)
    data: dict[str, Any] = {"card": card}
    lines = [_row_text(card.row)]
    if card.name_pinyin:
        lines.append(f"  reading: {card.name_pinyin}")
    if a.reveal:
        revealed = residents.reveal_resident(station, actor, a.id, a.reason)
        data["revealed"] = revealed
        lines.append(f"ID number: {revealed.id_number}  phones: {', '.join(revealed.phones)}")
    lines += [f"  {m.relation or '':<4} {m.name} {m.id_masked}" for m in card.household]
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK


def cmd_edit(ctx: CliContext) -> int:
    changes: dict[str, Any] = {}
    for name in residents.EDITABLE_FIELDS:
        value = getattr(ctx.args, f"set_{name}", None)
        if value is not None:
            changes[name] = (
                [v for v in value.replace("、", ",").split(",") if v]
                if name in ("phones", "tags")
                else value
            )
    if not changes:
        raise InputError("name at least one field to change", "请至少指定一个要修改的字段")
    card = residents.edit_resident(ctx.station(), ctx.actor(), ctx.args.id, changes)
    ctx.emit(card, f"{card.row.id} updated (version {card.version})")
    return EXIT_OK


def cmd_import(ctx: CliContext) -> int:
    mapping: dict[str, str] = {}
    for item in ctx.args.map:
        column, sep, field = item.partition("=")
        if not sep or not column or not field:
            raise InputError(f"--map takes COLUMN=FIELD, not {item!r}", "--map 格式应为 列名=字段")
        mapping[column.strip()] = field.strip()
    station, actor = ctx.station(), ctx.actor()
    with _interrupt_stops_between_batches() as stop:
        report = resident_import.import_file(
            station,
            actor,
            ctx.args.file,
            dry_run=ctx.args.dry_run,
            mapping=mapping,
            progress=_progress("rows"),
            cancel=stop.is_set,
        )
    if sys.stderr.isatty():
        print(file=sys.stderr)

    def text() -> str:
        head = (
            f"{'dry run: ' if report.dry_run else ''}{report.imported} imported, "
            f"{report.skipped} already registered, {len(report.errors)} bad rows "
            f"(of {report.rows})"
        )
        lines = [head, *(f"row {e.row}: {e.reason}" for e in report.errors)]
        if report.cancelled:
            lines.append(
                f"cancelled: {report.remaining} rows not looked at; "
                "run the import again to add them (rows already in are skipped)"
            )
        return "\n".join(lines)

    ctx.emit(report, text)
    if report.cancelled:  # as an interrupted command exits (see main)
        return EXIT_FAILURE
    return EXIT_OK if not report.errors else EXIT_BAD_INPUT


def _progress(what: str) -> Callable[[int, int], None]:
    """A progress callback that shows ``done/total what`` on a terminal's stderr."""

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done:,}/{total:,} {what}", end="", file=sys.stderr, flush=True)

    return progress


@contextmanager
def _interrupt_stops_between_batches() -> Iterator[threading.Event]:
    """An event that the first Ctrl+C sets (the import then stops after its current batch,
    keeping what is in); a second Ctrl+C interrupts at once. Off the main thread, a plain
    event that nothing sets."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(_signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        if sys.stderr.isatty():
            print("\nstopping after this batch…", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def cmd_visit(ctx: CliContext) -> int:
    v = residents.add_visit(ctx.station(), ctx.actor(), ctx.args.resident, ctx.args.purpose)
    ctx.emit(v, v.id)
    return EXIT_OK


def cmd_building_add(ctx: CliContext) -> int:
    b = residents.add_building(ctx.station(), ctx.actor(), ctx.args.name, ctx.args.grid)
    ctx.emit(b, f"building {b.name} added")
    return EXIT_OK


def cmd_building_list(ctx: CliContext) -> int:
    rows = residents.list_buildings(ctx.station(), ctx.actor())
    ctx.emit_rows(rows, lambda b: f"{b.name:<8} {b.grid or '':<10} {b.residents}")
    return EXIT_OK


def cmd_grid_add(ctx: CliContext) -> int:
    g = residents.add_grid(ctx.station(), ctx.actor(), ctx.args.code, ctx.args.name)
    ctx.emit(g, f"grid {g.code} added")
    return EXIT_OK


def cmd_grid_list(ctx: CliContext) -> int:
    rows = residents.list_grids(ctx.station(), ctx.actor())
    ctx.emit_rows(rows, lambda g: f"{g.code:<8} {g.name}")
    return EXIT_OK


def cmd_demo(ctx: CliContext) -> int:
    from stationdesk.services.setup import open_or_create_demo
    from stationdesk.services.station import station_exists, use_demo_keyring

    if not station_exists(ctx.data_dir):
        use_demo_keyring(ctx.data_dir)
        ctx.replace_station(open_or_create_demo(ctx.data_dir, residents=0))

    report = demo_data.generate(
        ctx.station(), ctx.args.residents, seed=ctx.args.seed, progress=_progress("residents")
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    ctx.emit(
        report,
        f"{report.residents:,} residents in {report.households:,} households, "
        f"{report.buildings} buildings, {report.grids} grids "
        f"({report.seconds:.1f} s)",
    )
    return EXIT_OK
