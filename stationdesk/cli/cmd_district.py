"""CLI commands for the district server: init-db, serve, enrolment, tokens, catalog, prune."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from stationdesk.services.errors import InputError

from . import cmd_district_board
from .base import EXIT_FAILURE, EXIT_OK, CliContext, add_group

ENV_DB = "STATIONDESK_DISTRICT_DB"  # the name DistrictSettings reads the URL from
DEFAULT_PORT = 8700
_T = TypeVar("_T")
CATALOG_DOCUMENTS = ("certificates", "refusals", "matter_types", "departments", "calendar")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """Add this module's commands to the parser."""
    db_opts = argparse.ArgumentParser(add_help=False)
    db_opts.add_argument(
        "--db",
        help=f"database URL (postgresql://… or sqlite:///FILE for a trial); default ${ENV_DB}",
    )
    dsub = add_group(sub, "district", common, "the district server")
    i = dsub.add_parser("init-db", parents=[common, db_opts], help="create or upgrade the schema")
    i.set_defaults(handler=cmd_init_db)
    s = dsub.add_parser("serve", parents=[common, db_opts], help="run the district server")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=DEFAULT_PORT)
    s.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes sharing the port (limits and tokens live in the database)",
    )
    s.set_defaults(handler=cmd_serve)
    a = dsub.add_parser("add-station", parents=[common, db_opts], help="enrol a station")
    a.add_argument("code", help="the station code, e.g. SY0101")
    a.add_argument("--name", required=True, help="the station's name")
    a.set_defaults(handler=cmd_add_station)
    ad = dsub.add_parser(
        "add-department",
        parents=[common, db_opts],
        help="enrol a department that answers referred cases on the /dept page",
    )
    ad.add_argument("code", help="the department code as in the departments list")
    ad.add_argument("--name", required=True, help="the department's name")
    ad.set_defaults(handler=cmd_add_department)
    dl = dsub.add_parser("departments", parents=[common, db_opts], help="list departments")
    dl.set_defaults(handler=cmd_departments)
    _register_tokens(dsub, common, db_opts)
    csub = add_group(dsub, "catalog", common, "reference data for stations")
    pub = csub.add_parser("publish", parents=[common, db_opts], help="publish reference data")
    pub.add_argument(
        "file",
        type=Path,
        help="a JSON file: either {document: content, …} with documents among "
        + ", ".join(CATALOG_DOCUMENTS)
        + ", or one document named with --name",
    )
    pub.add_argument("--name", choices=CATALOG_DOCUMENTS, help="publish FILE as this document")
    pub.set_defaults(handler=cmd_catalog_publish)
    pr = dsub.add_parser("prune", parents=[common, db_opts], help="drop old change-log rows")
    pr.add_argument("--days", type=float, default=180.0, help="keep this many days (min 180)")
    pr.add_argument("--force", action="store_true", help="allow fewer than 180 days (tests)")
    pr.set_defaults(handler=cmd_prune)
    stations = dsub.add_parser("stations", parents=[common, db_opts], help="list enrolled stations")
    stations.set_defaults(handler=cmd_stations)
    ak = dsub.add_parser(
        "approve-key",
        parents=[common, db_opts],
        help="put in force the replacement signing key a station made after losing its old key",
    )
    ak.add_argument("code", help="the station code")
    ak.add_argument(
        "--key",
        metavar="HEX",
        help="the first 8 or more hex digits of the new public key, as the station read it out "
        "(approve only that key)",
    )
    ak.set_defaults(handler=cmd_approve_key)
    _register_data_key(dsub, common, db_opts)
    cmd_district_board.register(dsub, common)


# -- the data key ----------------------------------------------------------------------------


def _register_data_key(
    dsub: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
    db_opts: argparse.ArgumentParser,
) -> None:
    """``new-data-key`` and ``rotate-data-key``: the key personal data is sealed with."""
    nk = dsub.add_parser(
        "new-data-key",
        parents=[common],
        help="write a new data key file (mode 0600) for STATIONDESK_DATA_KEY_FILE",
    )
    nk.add_argument("file", type=Path, help="the key file to write")
    nk.add_argument(
        "--keep-old",
        action="store_true",
        help="the file exists: put the new key first and keep its keys below (a rotation)",
    )
    nk.set_defaults(handler=cmd_new_data_key)
    rk = dsub.add_parser(
        "rotate-data-key",
        parents=[common, db_opts],
        help="re-encrypt every sealed value under the current data key, batch by batch",
    )
    rk.add_argument(
        "--new-key-file",
        type=Path,
        help="seal under this file's key instead; the configured keys are only read "
        "(stop the servers first, then configure this file)",
    )
    rk.add_argument("--batch-size", type=int, default=500, help="rows per transaction")
    rk.set_defaults(handler=cmd_rotate_data_key)


def cmd_new_data_key(ctx: CliContext) -> int:
    from stationdesk.district.crypto import (
        DataKeyError,
        key_id,
        new_key,
        read_key_file,
        write_key_file,
    )

    path: Path = ctx.args.file
    old: tuple[bytes, ...] = ()
    if path.exists():
        if not ctx.args.keep_old:
            raise InputError(
                f"{path} exists; add --keep-old to put a new key in front of its keys",
                "密钥文件已存在；如需轮换，请加 --keep-old。",
            )
        try:
            old = read_key_file(path).keys
        except DataKeyError as exc:
            raise _district_error(exc) from None
    elif ctx.args.keep_old:
        raise InputError(f"{path} does not exist", "密钥文件不存在。")
    key = new_key()
    try:
        write_key_file(path, [key, *old])
    except OSError as exc:
        raise InputError(
            f"cannot write {path}: {exc.strerror or exc}", "无法写入密钥文件。"
        ) from None
    data = {"file": str(path), "key_id": key_id(key), "old_keys": [key_id(k) for k in old]}
    text = f"new data key {data['key_id']} written to {path}"
    if old:
        text += (
            f" (before {len(old)} old key(s)); restart every district server, then run "
            "'stationdesk district rotate-data-key'"
        )
    ctx.emit(data, text)
    return EXIT_OK


def cmd_rotate_data_key(ctx: CliContext) -> int:
    from stationdesk.district.crypto import (
        DataKeyError,
        SealError,
        keys_from_settings,
        read_key_file,
        rotate_data_key,
    )

    if ctx.args.batch_size < 1:
        raise InputError("--batch-size must be at least 1", "每批行数至少为1。")
    try:
        keys = keys_from_settings()
        if ctx.args.new_key_file is not None:
            keys = read_key_file(ctx.args.new_key_file).then(keys)
    except DataKeyError as exc:
        raise _district_error(exc) from None
    with _database(ctx, keys=keys) as db:
        try:
            report = rotate_data_key(db, batch_size=ctx.args.batch_size)
        except SealError as exc:
            raise InputError(
                f"a sealed value does not open: {exc}", "有数据无法解密，轮换已停止。"
            ) from None
    data = {
        "key_id": report.key_id,
        "resealed": report.resealed,
        "remaining": report.remaining,
        "done": report.done,
    }
    lines = [f"re-sealed under data key {report.key_id}:"]
    lines += [f"  {name:<14} {count}" for name, count in report.resealed.items()]
    if report.done:
        lines.append("nothing is left under an old key: the old keys may now be removed")
    else:
        left = ", ".join(f"{k} {v}" for k, v in report.remaining.items() if v)
        lines.append(f"still under an old key: {left} (a server still seals with it?); run again")
    ctx.emit(data, "\n".join(lines))
    return EXIT_OK if report.done else EXIT_FAILURE


def _db_url(ctx: CliContext) -> str:
    from stationdesk.district.settings import DistrictSettings

    url: str | None = ctx.args.db or DistrictSettings().database_url
    if not url:
        raise InputError(f"name the database with --db URL or ${ENV_DB}", "请用 --db 指定数据库。")
    return url


def _open(ctx: CliContext, *, require_schema: bool = True, keys: Any = None) -> Any:
    from stationdesk.district import migrate
    from stationdesk.district.db import DistrictDatabase

    db = DistrictDatabase(_db_url(ctx), keys=keys)
    if require_schema and migrate.current_revision(db) != migrate.head_revision():
        db.dispose()
        raise InputError(
            "the district database is not initialised or not up to date; run "
            "'stationdesk district init-db --db URL' first",
            "区数据库尚未初始化或版本较旧，请先运行 district init-db。",
        )
    if require_schema:
        try:
            db.check_data_key()
        except BaseException:
            db.dispose()
            raise
    return db


@contextmanager
def _database(ctx: CliContext, *, require_schema: bool = True, keys: Any = None) -> Iterator[Any]:
    """The district database for one command, closed when the command is done.

    Without a data key that opens this district's data, the command stops (exit 2).
    """
    from stationdesk.district.crypto import DataKeyError

    try:
        db = _open(ctx, require_schema=require_schema, keys=keys)
    except DataKeyError as exc:
        raise _district_error(exc) from None
    try:
        yield db
    except DataKeyError as exc:
        raise _district_error(exc) from None
    finally:
        db.dispose()


def _on_district(ctx: CliContext, call: Callable[[Any], _T]) -> _T:
    """``call(db)`` on the district database; an error the district raises stops the command."""
    from stationdesk.district.errors import DistrictError

    with _database(ctx) as db:
        try:
            return call(db)
        except DistrictError as exc:
            raise _district_error(exc) from None


def _district_error(exc: Exception) -> InputError:
    return InputError(str(getattr(exc, "message", exc)), getattr(exc, "zh", None))


def cmd_init_db(ctx: CliContext) -> int:
    from stationdesk.district import migrate

    with _database(ctx, require_schema=False) as db:
        revision = migrate.upgrade(db)
    ctx.emit({"revision": revision}, f"district database ready (schema {revision})")
    return EXIT_OK


def cmd_serve(ctx: CliContext) -> int:
    import os

    import uvicorn

    from stationdesk.district.settings import ENV_RATE, DistrictSettings
    from stationdesk.district.verify import parse_rate

    settings = DistrictSettings()
    try:
        parse_rate(settings.verify_rate)
    except ValueError as exc:
        raise InputError(str(exc), f"{ENV_RATE} 的格式不对（例如 30/60）。") from None
    if not 1 <= ctx.args.workers <= 64:
        raise InputError("--workers takes 1 to 64", "--workers 应为 1 到 64。")
    with _database(ctx) as db:  # refuses a database whose schema is missing or old
        os.environ[ENV_DB] = db.url  # each worker process builds its app from the environment
    trusted = settings.trusted_proxy_list()
    uvicorn.run(
        "stationdesk.district.app:app_from_env",
        factory=True,
        host=ctx.args.host,
        port=ctx.args.port,
        workers=ctx.args.workers,
        log_level="warning",
        access_log=False,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted,
    )
    return EXIT_OK


def _enrol(ctx: CliContext, enrol: Any, what: str, use: str) -> int:
    """Enrol a station or a department with ``enrol(db, code, name)``; show its token once."""
    enrolment = _on_district(ctx, lambda db: enrol(db, ctx.args.code, ctx.args.name))
    data = {"code": enrolment.code, "name": enrolment.name, "token": enrolment.token}
    ctx.emit(
        data,
        f"{what} {enrolment.code} enrolled. Its token (shown only now; {use}):\n{enrolment.token}",
    )
    return EXIT_OK


def cmd_add_station(ctx: CliContext) -> int:
    from stationdesk.district import service

    return _enrol(ctx, service.add_station, "station", "keep it for 'stationdesk sync login'")


def cmd_catalog_publish(ctx: CliContext) -> int:
    from stationdesk.district import service

    path: Path = ctx.args.file
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {exc}", "无法读取该 JSON 文件。") from None
    if ctx.args.name:
        documents = {ctx.args.name: content}
    elif isinstance(content, dict) and content and set(content) <= set(CATALOG_DOCUMENTS):
        documents = content
    else:
        raise InputError(
            "the file must map document names ("
            + ", ".join(CATALOG_DOCUMENTS)
            + ") to their content, or name one document with --name",
            "文件格式不对：应为以文档名为键的 JSON，或用 --name 指定文档。",
        )
    with _database(ctx) as db:
        published = service.publish_catalog(db, documents)
    ctx.emit(
        published,
        "published: " + ", ".join(f"{k} v{v}" for k, v in sorted(published.items())),
    )
    return EXIT_OK


def cmd_add_department(ctx: CliContext) -> int:
    from stationdesk.district import departments

    return _enrol(ctx, departments.add_department, "department", "it signs in on the /dept page")


def _list(
    ctx: CliContext, fetch: Callable[[Any], list[dict[str, Any]]], width: int, none: str
) -> int:
    """Show the rows ``fetch(db)`` lists, one ``code name`` line each (``none`` when empty)."""
    with _database(ctx) as db:
        rows = fetch(db)

    def line(r: dict[str, Any]) -> str:
        revoked = "  (token revoked)" if r["active"] is False else ""
        return f"{r['code']:<{width}} {r['name']}{revoked}"

    ctx.emit_rows(rows, line, none)
    return EXIT_OK


def cmd_departments(ctx: CliContext) -> int:
    from stationdesk.district import departments

    return _list(ctx, departments.list_departments, 28, "no departments")


def cmd_prune(ctx: CliContext) -> int:
    from stationdesk.district import service

    if ctx.args.days < 180 and not ctx.args.force:
        raise InputError("tombstones are kept at least 180 days", "删除记录至少保留180天。")
    with _database(ctx) as db:
        removed = service.prune_change_log(db, older_than_days=ctx.args.days)
    ctx.emit({"removed": removed}, f"removed {removed} change-log rows")
    return EXIT_OK


def cmd_stations(ctx: CliContext) -> int:
    from stationdesk.district import service

    return _list(ctx, service.list_stations, 12, "no stations")


def _register_tokens(dsub: Any, common: argparse.ArgumentParser, db_opts: Any) -> None:
    """Add ``revoke-station``, ``revoke-department`` and ``rotate-token``."""
    for holder in ("station", "department"):
        r = dsub.add_parser(
            f"revoke-{holder}",
            parents=[common, db_opts],
            help=f"disable a {holder}'s token at once (rotate-token gives it a new one)",
        )
        r.add_argument("code", help=f"the {holder} code")
        r.set_defaults(handler=cmd_revoke, holder=holder)
    t = dsub.add_parser(
        "rotate-token",
        parents=[common, db_opts],
        help="give a station or department a new token (shown once); the old one stops working",
    )
    t.add_argument("code", help="the station or department code")
    which = t.add_mutually_exclusive_group()
    which.add_argument("--station", dest="holder", action="store_const", const="station")
    which.add_argument("--department", dest="holder", action="store_const", const="department")
    t.set_defaults(handler=cmd_rotate_token, holder=None)


def cmd_revoke(ctx: CliContext) -> int:
    from stationdesk.district import tokens

    holder = ctx.args.holder
    revoke = tokens.revoke_station if holder == "station" else tokens.revoke_department
    code = ctx.args.code.strip().upper()
    name = _on_district(ctx, lambda db: revoke(db, code))
    ctx.emit(
        {"holder": holder, "code": code, "name": name, "revoked": True},
        f"{holder} {code} ({name}): token revoked; every request with it now gets 401. "
        f"'stationdesk district rotate-token {code}' gives it a new one.",
    )
    return EXIT_OK


def cmd_rotate_token(ctx: CliContext) -> int:
    from stationdesk.district import tokens

    new = _on_district(ctx, lambda db: tokens.rotate_token(db, ctx.args.code, ctx.args.holder))
    use = (
        "give it to the station for 'stationdesk sync login'"
        if new.holder == "station"
        else "the department signs in on the /dept page with it"
    )
    ctx.emit(
        {"holder": new.holder, "code": new.code, "name": new.name, "token": new.token},
        f"{new.holder} {new.code} has a new token; the old one no longer works. "
        f"Its token (shown only now; {use}):\n{new.token}",
    )
    return EXIT_OK


def cmd_approve_key(ctx: CliContext) -> int:
    from stationdesk.district.station_keys import approve_key

    approved = _on_district(ctx, lambda db: approve_key(db, ctx.args.code, key_prefix=ctx.args.key))
    ctx.emit(
        approved,
        f"station {approved.station_code}: key {approved.public_key} in force from "
        f"{approved.effective_at.isoformat()}; the old key "
        f"{approved.previous_key or '(none)'} stays valid for certificates issued until then",
    )
    return EXIT_OK
