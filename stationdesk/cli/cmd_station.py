"""CLI commands for the station itself: init, backup, restore, doctor and audit verify."""

from __future__ import annotations

import argparse
from pathlib import Path

from stationdesk.services.errors import InputError

from .base import EXIT_FAILURE, EXIT_OK, CliContext, add_group, read_new_password, read_stdin_line


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the parser."""
    p = sub.add_parser("init", parents=[common], help="create a station")
    p.add_argument("--station-code", required=True)
    p.add_argument("--station-name", required=True)
    p.add_argument("--admin", required=True, help="login name of the first admin")
    p.add_argument("--admin-name", default="", help="display name of the first admin")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("backup", parents=[common], help="write an encrypted backup")
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help="restore from a backup file, or rebuild the station from the district "
        "(--from-district: the station's token on stdin, the admin's new password as for init)",
    )
    p.add_argument("file", type=Path, nargs="?", help="a backup file")
    p.add_argument("--from-district", action="store_true", help="rebuild from the district")
    p.add_argument("--server", help="the district server URL (with --from-district)")
    p.add_argument("--station-code", help="this station's code (with --from-district)")
    p.add_argument("--admin", help="login name of an admin the district holds (ditto)")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("doctor", parents=[common], help="check integrity; show versions, paths")
    p.set_defaults(handler=cmd_doctor)

    asub = add_group(sub, "audit", common, "audit chain")
    v = asub.add_parser("verify", parents=[common], help="verify the audit hash chain")
    v.add_argument(
        "--against-district",
        action="store_true",
        help="also compare it with the chain heads the district saw at each sync",
    )
    v.set_defaults(handler=cmd_audit_verify)


def cmd_init(ctx: CliContext) -> int:
    from stationdesk.services import setup

    a = ctx.args
    station = setup.init_station(
        ctx.data_dir,
        code=a.station_code,
        name=a.station_name,
        admin_username=a.admin,
        admin_password=read_new_password(),
        admin_display_name=a.admin_name,
    )
    ctx.replace_station(station)
    info = {"data_dir": str(ctx.data_dir), "station_code": a.station_code.upper(), "admin": a.admin}
    ctx.emit(info, f"station {info['station_code']} created in {ctx.data_dir}")
    return EXIT_OK


def cmd_backup(ctx: CliContext) -> int:
    from stationdesk.services import backup

    info = backup.backup(ctx.station(), ctx.actor(), ctx.args.out)
    ctx.emit(info, f"backup written: {info.path} ({info.size_bytes} bytes)")
    return EXIT_OK


def cmd_restore(ctx: CliContext) -> int:
    from stationdesk.services import backup

    a = ctx.args
    district_args = (a.server, a.station_code, a.admin)
    if a.from_district:
        return _rebuild(ctx)
    if a.file is None or any(district_args):
        raise InputError(
            "give a backup file, or --from-district with --server, --station-code and --admin",
            "请指定备份文件，或使用 --from-district 并填写 --server、--station-code 和 --admin。",
        )
    station = backup.restore(ctx.station(), ctx.actor(), ctx.args.file)
    ctx.replace_station(station)
    ctx.emit({"restored_from": str(ctx.args.file)}, f"restored from {ctx.args.file}")
    return EXIT_OK


def cmd_doctor(ctx: CliContext) -> int:
    from stationdesk.services import doctor

    report = doctor.doctor(ctx.station(), ctx.actor())

    def text() -> str:
        lines = ["stationdesk doctor: " + ("OK" if report.ok else "PROBLEMS FOUND")]
        for title, group in (
            ("checks", report.checks),
            ("versions", report.versions),
            ("paths", report.paths),
        ):
            lines.append(f"[{title}]")
            lines += [f"  {k}: {v}" for k, v in group.items()]
        lines += [f"! {p}" for p in report.problems]
        return "\n".join(lines)

    ctx.emit(report, text)
    return EXIT_OK if report.ok else EXIT_FAILURE


def cmd_audit_verify(ctx: CliContext) -> int:
    from stationdesk.services import audit

    report = audit.verify_audit(ctx.station(), ctx.actor())
    if not report.intact:
        ctx.emit(report, f"audit chain BROKEN at record {report.broken_at}: {report.reason}")
        return EXIT_FAILURE
    if not ctx.args.against_district:
        ctx.emit(report, f"audit chain intact: {report.records} records")
        return EXIT_OK
    from stationdesk.services import sync

    district = sync.verify_audit_against_district(ctx.station(), ctx.actor())
    data = {"local": report, "district": district, "intact": district.intact}
    if district.intact:
        ctx.emit(
            data,
            f"audit chain intact: {report.records} records; it holds all {district.checked} "
            f"heads the district saw at this PC's syncs",
        )
        return EXIT_OK
    seen = district.seen_at.isoformat() if district.seen_at else "?"
    ctx.emit(
        data,
        f"audit chain DIVERGES from the district: record {district.diverged_at}, which the "
        f"district saw at the sync of {seen}, is no longer in this chain (history rewritten, "
        "removed, or restored from an older backup)",
    )
    return EXIT_FAILURE


def _rebuild(ctx: CliContext) -> int:
    from stationdesk.services import rebuild

    a = ctx.args
    missing = [
        f"--{n}" for n in ("server", "station-code", "admin") if not getattr(a, n.replace("-", "_"))
    ]
    if a.file is not None or missing:
        raise InputError(
            "--from-district takes no backup file and needs " + ", ".join(missing or ["no file"]),
            "--from-district 不带备份文件，并须填写 --server、--station-code 和 --admin。",
        )
    token = read_stdin_line()
    result = rebuild.rebuild_from_district(
        ctx.data_dir,
        url=a.server,
        token=token,
        station_code=a.station_code,
        admin_username=a.admin,
        admin_password=read_new_password(),
    )
    ctx.replace_station(result.station)
    info = {
        "data_dir": str(ctx.data_dir),
        "pulled": result.pulled,
        "resumed": result.resumed,
        "workers_without_password": result.workers_without_password,
        "not_restored": result.not_restored,
        "new_signing_key": result.new_signing_key,
    }
    waiting = ", ".join(result.workers_without_password) or "none"
    kept = ", ".join(f"{e} {n}" for e, n in result.not_restored.items())

    def text() -> str:
        lines = [
            f"station rebuilt from the district in {ctx.data_dir}: {result.pulled} records "
            f"pulled; workers still to be given a password (worker set-password): {waiting}"
        ]
        if kept:
            lines.append(f"not restored (the district keeps them): {kept}")
        if result.new_signing_key:
            code = a.station_code.strip().upper()
            lines.append(
                "a new certificate signing key was made (the old one was lost with the old "
                f"computer): {result.new_signing_key[:16]}…; old certificates still verify; "
                "certificates signed with the new key verify on the district once it is "
                f"approved there (stationdesk district approve-key {code})"
            )
        return "\n".join(lines)

    ctx.emit(info, text)
    return EXIT_OK
