"""Login with argon2 password hashes, failed-login lockout, and password changes."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from stationdesk.domain.roles import LOCKOUT_SECONDS, MAX_FAILED_LOGINS, Role, password_problem
from stationdesk.store.models import Worker

from .actor import Actor
from .errors import AuthenticationError, InputError
from .station import Station
from .uow import unit_of_work

_hasher = PasswordHasher()
# Verifying against this keeps unknown-user logins as slow as real ones: the hash of
# "stationdesk-no-such-user" with the hasher's parameters, written out so that importing this
# module does not spend a hash on it.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$De6UDdMpHNKahCJNLlOfhw"
    "$nD19Z4+hJi21rrgDtLm+buNTRBlJ5/NEPCBg8Ap7f98"
)


def hash_password(password: str) -> str:
    """Check a new password against the policy and return its argon2 hash."""
    problem = password_problem(password)
    if problem:
        raise InputError(problem, "密码至少8位，且首尾不能有空格。", field="password")
    return _hasher.hash(password)


def actor_of(worker: Worker) -> Actor:
    """The Actor for a worker row."""
    return Actor(worker.id, worker.username, worker.display_name, Role(worker.role))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def login(station: Station, username: str, password: str) -> Actor:
    """Check a login; count failures, lock after 5 for 5 minutes; audit every outcome."""
    generic = AuthenticationError("wrong user name or password", "用户名或密码错误。")
    with unit_of_work(station, None) as uow:
        worker = uow.session.scalar(select(Worker).where(Worker.username == username))
        if worker is None:
            _verify(_DUMMY_HASH, password)
            uow.audit("login.failed", "worker", "", {"username": username[:32]}, actor_name="-")
            failure: AuthenticationError | None = generic
        elif worker.locked_until is not None and worker.locked_until > uow.now:
            wait = int((worker.locked_until - uow.now).total_seconds() // 60) + 1
            uow.audit("login.refused_locked", "worker", worker.id, actor_name=worker.username)
            failure = AuthenticationError(
                f"the account is locked after {MAX_FAILED_LOGINS} failed logins; "
                f"try again in {wait} min",
                f"连续{MAX_FAILED_LOGINS}次登录失败，账户已锁定，请 {wait} 分钟后再试。",
            )
        elif not worker.active:
            uow.audit("login.refused_disabled", "worker", worker.id, actor_name=worker.username)
            failure = AuthenticationError("the account is disabled", "该账户已停用。")
        elif not _verify(worker.password_hash, password):
            worker.failed_logins += 1
            details = {"failed_logins": worker.failed_logins}
            if worker.failed_logins >= MAX_FAILED_LOGINS:
                worker.locked_until = uow.now + timedelta(seconds=LOCKOUT_SECONDS)
                worker.failed_logins = 0
                uow.audit("login.locked", "worker", worker.id, details, actor_name=worker.username)
                failure = AuthenticationError(
                    f"{MAX_FAILED_LOGINS} failed logins: the account is locked for "
                    f"{LOCKOUT_SECONDS // 60} min",
                    f"连续{MAX_FAILED_LOGINS}次登录失败，账户已锁定 {LOCKOUT_SECONDS // 60} 分钟。",
                )
            else:
                uow.audit("login.failed", "worker", worker.id, details, actor_name=worker.username)
                failure = generic
        else:
            worker.failed_logins = 0
            worker.locked_until = None
            uow.audit("login.success", "worker", worker.id, actor_name=worker.username)
            return actor_of(worker)
    assert failure is not None
    raise failure


def verify_password(station: Station, actor: Actor, password: str) -> bool:
    """Re-check the logged-in worker's password (to unlock an idle session)."""
    try:
        again = login(station, actor.username, password)
    except AuthenticationError:
        return False
    return again.worker_id == actor.worker_id
