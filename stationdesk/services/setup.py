"""Creating a station (first run or ``stationdesk init``) and the demo station."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from stationdesk.domain.ids import new_id
from stationdesk.store.engine import StationDatabase
from stationdesk.store.migrate import upgrade
from stationdesk.store.models import StationRow

from .actor import Actor
from .errors import InputError, StationError
from .station import Station, create_station_files, open_station, station_exists, write_config
from .uow import UnitOfWork, unit_of_work
from .workers import create_first_admin

STATION_CODE_RE = re.compile(r"^[A-Z0-9]{4,12}$")

DEMO_ADMIN = ("admin", "管理员（演示）", "demo-admin-1")
DEMO_WORKERS = (
    ("wangfang", "王芳", "worker", "demo-worker-1"),
    ("lijun", "李军", "head", "demo-head-1"),
)


def check_station_code(code: str) -> str:
    """Return the station code upper-cased, or raise InputError."""
    code = code.strip().upper()
    if not STATION_CODE_RE.match(code):
        raise InputError(
            "station codes are 4-12 letters or digits, as set by the district",
            "站点编码应为4-12位字母或数字（由区里统一分配）。",
            field="station_code",
        )
    return code


def check_station_name(name: str) -> str:
    """Return the trimmed station name, or raise InputError."""
    name = name.strip()
    if not 2 <= len(name) <= 100:
        raise InputError(
            "station names have 2-100 characters", "站点名称应为2-100个字。", field="station_name"
        )
    return name


def init_station(
    data_dir: Path,
    *,
    code: str,
    name: str,
    admin_username: str,
    admin_password: str,
    admin_display_name: str = "",
    demo: bool = False,
) -> Station:
    """Create a new station with its encrypted database and first admin, then open it."""
    code = check_station_code(code)
    name = check_station_name(name)
    from .auth import hash_password

    hash_password(admin_password)  # fail on a weak password before anything is created

    def fill(uow: UnitOfWork) -> None:
        row = StationRow(id=new_id(), code=code, name=name, created_at=uow.now)
        uow.session.add(row)
        uow.change("station", row.id, "create", {"code": code, "name": name})
        create_first_admin(uow, admin_username, admin_display_name, admin_password)

    return create_station_database(data_dir, fill, demo=demo)


def create_station_database(
    data_dir: Path, fill: Callable[[UnitOfWork], None], *, demo: bool = False
) -> Station:
    """Make the station's folders, key, encrypted database and config, run ``fill`` in its
    first transaction, and open it; on any failure no half-made station is left behind."""
    if station_exists(data_dir):
        raise StationError(f"a station already exists in {data_dir}", "该文件夹中已有站点。")
    paths, uid, key = create_station_files(data_dir, demo=demo)
    try:
        db = StationDatabase(paths.database, key)
        upgrade(db, paths.backups)
        db.dispose()
        write_config(paths, uid, demo=demo)
        station = open_station(data_dir)
        with unit_of_work(station, None) as uow:
            fill(uow)
    except BaseException:
        # leave no half-made station behind
        for leftover in (paths.config, paths.database):
            leftover.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(paths.database) + suffix).unlink(missing_ok=True)
        raise
    return station


DEMO_RESIDENTS = 3000


def open_or_create_demo(data_dir: Path, *, residents: int = DEMO_RESIDENTS) -> Station:
    """Open the demo station, creating it with demo accounts and residents on first use."""
    from .station import use_demo_keyring

    use_demo_keyring(data_dir)
    if station_exists(data_dir):
        return open_station(data_dir)
    if data_dir.exists() and any(data_dir.iterdir()):
        shutil.rmtree(data_dir / "backups", ignore_errors=True)
    username, display, password = DEMO_ADMIN
    station = init_station(
        data_dir,
        code="DEMO0001",
        name="示范社区党群服务站",
        admin_username=username,
        admin_password=password,
        admin_display_name=display,
        demo=True,
    )
    from stationdesk.domain.roles import Role

    from .auth import login
    from .workers import add_worker

    admin = login(station, username, password)
    staff = {}
    for user, display_name, role, pw in DEMO_WORKERS:
        info = add_worker(station, admin, user, Role(role), pw, display_name)
        staff[info.role] = Actor(info.id, info.username, info.display_name, info.role)
    if residents:
        from .demo_data import generate
        from .demo_desk import add_sample_work

        generate(station, residents)
        add_sample_work(station, staff[Role.WORKER], staff[Role.HEAD])
    return station
