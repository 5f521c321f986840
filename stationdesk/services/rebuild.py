"""Rebuilding a station whose PC died from what the district holds of it (``restore
--from-district`` and the first-run wizard's 从区平台恢复本站).

The district is asked who the enrolment token belongs to, a new empty station is made with that
code, and a normal sync pulls the station's whole scope (a snapshot, then the change log). The
station's own row takes the district's id, workers come back without passwords (the admin
named here gets the new one), and numbering resumes above everything the district has seen.
The certificate and refusal ledgers and the station's public keys come back too; the private
signing key died with the PC, so a new one is made (a lost-key rotation the district approves)
and the next sync publishes it, while the old public keys keep old certificates verifying.
A marker file stays in the data folder until the rebuild is complete, so that running it again
resumes where it stopped instead of refusing an existing station.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

import stationdesk
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Role
from stationdesk.store.models import StationRow, Worker
from stationdesk.store.models_certs import StationKey
from stationdesk.sync import protocol as wire
from stationdesk.sync.client import SyncClient, SyncError
from stationdesk.sync.engine import Progress

from .actor import Actor
from .auth import actor_of, hash_password
from .certificates.key_rotation import rotate_signing_key
from .certificates.numbering import load_signing_key
from .enrolment import check_enrolment, store_district_link
from .errors import InputError, StationError
from .firstrun import check_data_folder
from .paths import StationPaths
from .setup import check_station_code, create_station_database
from .station import Station, open_station, station_exists
from .sync_entities.worker import NO_LOGIN_HASH
from .uow import UnitOfWork, unit_of_work
from .workers import new_password

REBUILD_MARKER = StationPaths(Path(".")).rebuild_marker.name


@dataclass(frozen=True)
class RebuildResult:
    """The rebuilt station, how many records the sync brought, the workers still without a
    password (the admin sets theirs with ``worker set-password``), and per entity how many of
    the district's records of this station the rebuilt one does not hold (entities whose
    records a station does not yet take back from the district: see docs/sync-protocol.md).
    ``new_signing_key``: the public key (hex) made because the old private key was lost, which
    waits for ``district approve-key`` before it verifies on the district; None when none was."""

    station: Station
    pulled: int
    resumed: bool
    workers_without_password: list[str]
    not_restored: dict[str, int]
    new_signing_key: str | None = None


def rebuild_from_district(
    data_dir: Path,
    *,
    url: str,
    token: str,
    station_code: str,
    admin_username: str,
    admin_password: str,
    progress: Callable[[Progress], None] | None = None,
) -> RebuildResult:
    """Make the station in ``data_dir`` again from the district, or finish one that stopped.

    ``admin_username`` names an admin account the district holds for this station; it gets
    ``admin_password``. Raises InputError for a wrong choice (nothing is created), StationError
    when the district refuses or the sync stops (run it again to resume).
    """
    hash_password(admin_password)  # a weak password fails before anything is created
    marker = StationPaths(Path(data_dir)).rebuild_marker
    resumed = station_exists(data_dir)
    if resumed:
        station = open_station(data_dir)
        if not marker.exists() and _has_workers(station):
            raise StationError(
                f"a station already exists in {data_dir}",
                "该文件夹中已有站点；从区平台恢复只能在空文件夹中进行。",
            )
    else:
        station = _create(data_dir, url, token, station_code)
        marker.write_text("rebuild from the district in progress\n", encoding="utf-8")
    from .sync import run_sync

    result = run_sync(station, trigger="rebuild", progress=progress)
    if result.outcome != "ok":
        raise StationError(
            f"the rebuild stopped ({result.outcome}): {result.message}; run it again to resume",
            f"从区平台恢复未完成：{result.message_zh or result.message}再次运行将从中断处继续。",
        )
    with unit_of_work(station, None) as uow:
        admin = _set_admin_password(uow, admin_username, admin_password)
        uow.audit("station.rebuild", "station", station.uid, {"pulled": result.pulled})
        waiting = sorted(
            uow.session.scalars(
                select(Worker.username).where(
                    Worker.password_hash == NO_LOGIN_HASH, Worker.active.is_(True)
                )
            )
        )
    new_key = _replace_lost_key(station, admin)
    if new_key is not None:
        published = run_sync(station, trigger="rebuild")
        if published.outcome != "ok":
            raise StationError(
                f"the new signing key was not published ({published.outcome}): "
                f"{published.message}; run it again to resume",
                f"新的证明签名密钥未能发布到区平台：{published.message_zh or published.message}"
                "再次运行将从中断处继续。",
            )
    marker.unlink(missing_ok=True)
    return RebuildResult(station, result.pulled, resumed, waiting, _not_restored(station), new_key)


def _replace_lost_key(station: Station, admin: Actor) -> str | None:
    """A new signing key when the key in force came back without its private half (it stayed
    in the dead PC's keyring): its public key, or None when the station signs as before."""
    with station.db.read_session() as s:
        current = s.scalars(select(StationKey).where(StationKey.own.is_(True))).first()
        if current is None:
            return None  # no certificate yet: the first one makes the first key
        s.expunge(current)
    try:
        load_signing_key(station, current)
        return None
    except StationError:
        return rotate_signing_key(station, admin, lost_old_key=True).new_public_key


def _not_restored(station: Station) -> dict[str, int]:
    """Per entity, how many more records the district holds in this station's scope than the
    station now does (the district's scope hash against the local one)."""
    from .sync import local_scope_hash, make_client

    with make_client(station) as client:
        district = client.scope_hash().counts
    local = local_scope_hash(station).counts
    return {
        entity: count - local.get(entity, 0)
        for entity, count in sorted(district.items())
        if count > local.get(entity, 0)
    }


def _create(data_dir: Path, url: str, token: str, station_code: str) -> Station:
    """Ask the district who this token is, then make the empty station (its row only)."""
    code = check_station_code(station_code)
    url, token = check_enrolment(url, token)
    if not url:
        raise InputError(
            "a rebuild needs the district server address and the station's token",
            "从区平台恢复需要填写区平台服务器地址和本站接入令牌。",
            field="district_url",
        )
    data_dir = check_data_folder(data_dir)
    hello = _hello(url, token, code)

    def fill(uow: UnitOfWork) -> None:
        # no "create" op: the district has the row; the first pull gives it the district's id
        uow.session.add(
            StationRow(id=new_id(), code=code, name=hello.station_name, created_at=uow.now)
        )

    station = create_station_database(data_dir, fill)
    with unit_of_work(station, None) as uow:
        store_district_link(uow, station, url, token)
    return station


def _hello(url: str, token: str, code: str) -> wire.HelloResponse:
    """The district's answer for this code and token, or a StationError saying why not."""
    from stationdesk.store.migrate import head_revision

    request = wire.HelloRequest(
        protocol_version=wire.PROTOCOL_VERSION,
        schema_revision=head_revision(),
        app_version=stationdesk.__version__,
        station_code=code,
        station_time=datetime.now(UTC),
    )
    try:
        with SyncClient(url, code, token) as client:
            return client.hello(request)
    except SyncError as exc:
        raise StationError(
            f"the district did not accept station {code} with this token: {exc.message}",
            f"区平台未接受站点 {code} 和该接入令牌：{exc.zh}",
        ) from None


def _has_workers(station: Station) -> bool:
    with station.db.read_session() as s:
        return bool(s.scalar(select(func.count()).select_from(Worker)))


def _set_admin_password(uow: UnitOfWork, username: str, password: str) -> Actor:
    worker = uow.session.scalars(select(Worker).where(Worker.username == username)).one_or_none()
    if worker is None or worker.role != Role.ADMIN.value or not worker.active:
        raise InputError(
            f"the district holds no active admin named {username} for this station; run again "
            "with the login name of one",
            f"区平台上本站没有名为 {username} 的在用管理员账号，请填写正确的登录名后再次运行。",
            field="admin_username",
        )
    new_password(uow, worker, password)
    return actor_of(worker)
