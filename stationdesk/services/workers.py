"""Worker accounts: create the first admin, add, list, disable and set passwords (admin only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import ROLE_LABELS_ZH, Permission, Role, username_problem
from stationdesk.store.models import Worker

from .actor import Actor, require
from .auth import hash_password
from .errors import InputError, NotFoundError
from .station import Station
from .uow import UnitOfWork, unit_of_work


@dataclass(frozen=True)
class WorkerInfo:
    """A worker account as services return it (never the password hash)."""

    id: str
    username: str
    display_name: str
    role: Role
    role_zh: str
    active: bool
    locked_until: datetime | None


def _info(w: Worker) -> WorkerInfo:
    role = Role(w.role)
    return WorkerInfo(
        w.id, w.username, w.display_name, role, ROLE_LABELS_ZH[role], w.active, w.locked_until
    )


def parse_role(value: str) -> Role:
    """Turn a role name into a Role, or raise InputError."""
    try:
        return Role(value)
    except ValueError:
        raise InputError(
            f"unknown role {value!r}: use worker, head or admin",
            "角色无效：应为 worker（全科社工）、head（站长）或 admin（管理员）。",
            field="role",
        ) from None


def _create(
    uow: UnitOfWork, username: str, display_name: str, role: Role, password: str
) -> WorkerInfo:
    problem = username_problem(username)
    if problem:
        raise InputError(
            problem, "登录名须为2-32位，以小写字母开头，可含数字和 . _ -。", field="username"
        )
    display_name = display_name.strip() or username
    if len(display_name) > 50:
        raise InputError("display names have at most 50 characters", "姓名不能超过50个字。")
    exists = uow.session.scalar(select(func.count()).where(Worker.username == username))
    if exists:
        raise InputError(
            f"a worker named {username} already exists",
            f"登录名 {username} 已存在。",
            field="username",
        )
    worker = Worker(
        id=new_id(),
        username=username,
        display_name=display_name,
        role=role.value,
        password_hash=hash_password(password),
        active=True,
        failed_logins=0,
        locked_until=None,
        created_at=uow.now,
        updated_at=uow.now,
        version=1,
    )
    uow.session.add(worker)
    uow.session.flush()
    uow.change(
        "worker",
        worker.id,
        "create",
        {"username": username, "display_name": display_name, "role": role.value, "active": True},
        audit_details={"username": username, "role": role.value},
    )
    return _info(worker)


def create_first_admin(
    uow: UnitOfWork, username: str, display_name: str, password: str
) -> WorkerInfo:
    """Create the station's first admin inside the station-creation transaction."""
    return _create(uow, username, display_name, Role.ADMIN, password)


def add_worker(
    station: Station,
    actor: Actor,
    username: str,
    role: Role,
    password: str,
    display_name: str = "",
) -> WorkerInfo:
    """Add a worker account (admin only)."""
    require(actor, Permission.MANAGE_WORKERS)
    with unit_of_work(station, actor) as uow:
        return _create(uow, username, display_name, role, password)


def list_workers(station: Station, actor: Actor) -> list[WorkerInfo]:
    """Every worker account, active first, by login name."""
    require(actor, Permission.MANAGE_WORKERS)
    with station.db.read_session() as s:
        rows = s.scalars(select(Worker).order_by(Worker.active.desc(), Worker.username)).all()
        return [_info(w) for w in rows]


def disable_worker(station: Station, actor: Actor, username: str) -> WorkerInfo:
    """Disable an account so it can no longer log in; history keeps its name (admin only)."""
    require(actor, Permission.MANAGE_WORKERS)
    if username == actor.username:
        raise InputError("you cannot disable your own account", "不能停用自己的账户。")
    with unit_of_work(station, actor) as uow:
        worker = uow.session.scalar(select(Worker).where(Worker.username == username))
        if worker is None:
            raise NotFoundError(
                f"no worker named {username}", f"没有登录名为 {username} 的工作人员。"
            )
        if worker.active:
            worker.active = False
            worker.updated_at = uow.now
            uow.versioned_change(
                "worker",
                worker,
                "update",
                {"active": {"old": True, "new": False}},
                audit_details={"username": username},
            )
        return _info(worker)


def set_password(station: Station, actor: Actor, username: str, password: str) -> WorkerInfo:
    """Give an active worker a new password and clear any lockout (admin only): accounts come
    back from a rebuild without one, and forgotten passwords are replaced here."""
    require(actor, Permission.MANAGE_WORKERS)
    hash_password(password)  # a weak password fails before anything is written
    with unit_of_work(station, actor) as uow:
        worker = uow.session.scalar(select(Worker).where(Worker.username == username))
        if worker is None or not worker.active:
            raise NotFoundError(
                f"no active worker named {username}", f"没有登录名为 {username} 的在用工作人员。"
            )
        new_password(uow, worker, password)
        return _info(worker)


def new_password(uow: UnitOfWork, worker: Worker, password: str) -> None:
    """Set the worker's password hash inside the caller's transaction, audited (never synced:
    a password never leaves the station)."""
    worker.password_hash = hash_password(password)
    worker.failed_logins = 0
    worker.locked_until = None
    worker.updated_at = uow.now
    uow.audit("worker.password", "worker", worker.id, {"username": worker.username})
