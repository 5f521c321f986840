"""The station's signing key and its document numbers: per-station counters and their floor."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.numbering import NumberKind
from stationdesk.secrets import keys
from stationdesk.secrets.signing import (
    format_effective_time,
    generate_keypair,
    load_private_key,
    public_key_bytes,
)
from stationdesk.store.models import Setting
from stationdesk.store.models_certs import SequenceCounter, StationKey, StationKeyHistory

from ..errors import StationError
from ..station import Station
from ..uow import UnitOfWork
from .common import IssuingBlockedError, station_row

#: Setting that, while true, blocks numbering until sync has raised the sequence floor (after a
#: restore or a reinstall the station must learn its highest sequence from the district first).
NEEDS_SEQUENCE_FLOOR = "needs_sequence_floor"
SIGNING_KEY = "signing-key"
#: How a key came in force (``StationKeyHistory.basis``).
FIRST_KEY, SIGNED_ROTATION, LOST_KEY_ROTATION = "first", "signed", "lost_key"

_key_lock = threading.Lock()
_key_cache: dict[tuple[str, str], Any] = {}


def key_purpose(public_hex: str) -> str:
    """The keyring name of a replacement key's private half (the first key is ``SIGNING_KEY``)."""
    return f"{SIGNING_KEY}:{public_hex}"


def _private_hex(station: Station, public_hex: str) -> str:
    """The private key of ``public_hex`` from the keyring, by its own name or as the first key."""
    try:
        return keys.get_secret(station.uid, key_purpose(public_hex))
    except keys.MissingKeyError:
        return keys.get_secret(station.uid, SIGNING_KEY)


def _unavailable(exc: Exception) -> StationError:
    return StationError(
        f"the station's signing key is unavailable: {exc}",
        "无法读取本站证明签名密钥（系统密钥环不可用或密钥缺失），不能出具证明。",
    )


def _first_key(uow: UnitOfWork, station: Station, code: str) -> StationKey:
    """Make the station's first key pair: the private half in the keyring, the public published."""
    pair = generate_keypair()
    try:
        keys.put_secret(station.uid, SIGNING_KEY, pair.private_key.hex())
    except keys.NoKeyringError as exc:
        raise _unavailable(exc) from None
    public = pair.public_key.hex()
    row = StationKey(station_code=code, public_key=public, own=True, created_at=uow.now)
    uow.session.add(row)
    uow.session.add(
        StationKeyHistory(
            public_key=public,
            station_code=code,
            own=True,
            valid_from=uow.now,
            basis=FIRST_KEY,
            created_at=uow.now,
        )
    )
    uow.change(
        "station_key",
        code,
        "create",
        {
            "station_code": code,
            "public_key": public,
            "algorithm": "Ed25519",
            "valid_from": format_effective_time(uow.now),
        },
    )
    return row


def load_signing_key(station: Station, row: StationKey) -> Any:
    """The private key of the station's key in force, checked against its published half."""
    cache_key = (station.uid, row.public_key)
    with _key_lock:
        cached = _key_cache.get(cache_key)
    if cached is not None:
        return cached
    try:
        private = load_private_key(bytes.fromhex(_private_hex(station, row.public_key)))
    except (keys.NoKeyringError, keys.MissingKeyError) as exc:
        raise _unavailable(exc) from None
    if not row.own or public_key_bytes(private).hex() != row.public_key:
        raise StationError(
            "the signing key in the keyring does not match the station's published public key",
            "系统密钥环中的签名密钥与本站公布的公钥不一致，不能出具证明。请联系管理员。",
        )
    with _key_lock:
        _key_cache[cache_key] = private
    return private


def forget_private_key(station: Station, public_hex: str) -> None:
    """Remove a replaced key's private half from the keyring (best effort)."""
    with _key_lock:
        _key_cache.pop((station.uid, public_hex), None)
    with contextlib.suppress(keys.NoKeyringError, keys.MissingKeyError, ValueError):
        keys.delete_secret(station.uid, key_purpose(public_hex))
        first = load_private_key(bytes.fromhex(keys.get_secret(station.uid, SIGNING_KEY)))
        if public_key_bytes(first).hex() == public_hex:
            keys.delete_secret(station.uid, SIGNING_KEY)


def signing_key(uow: UnitOfWork, station: Station, code: str) -> Any:
    """The station's private key from the OS keyring; made (and published) on first use."""
    row = uow.session.get(StationKey, code)
    if row is None:
        row = _first_key(uow, station, code)
    return load_signing_key(station, row)


def public_key_hex(station: Station) -> str | None:
    """This station's published Ed25519 public key (hex), once one has been made."""
    with station.db.read_session() as s:
        row = s.scalars(select(StationKey).where(StationKey.own.is_(True))).first()
        return row.public_key if row else None


def _block(session: Session) -> Setting | None:
    """The ``needs_sequence_floor`` setting while it blocks numbering; None when it does not."""
    flag = session.get(Setting, NEEDS_SEQUENCE_FLOOR)
    return flag if flag is not None and flag.value.get("v") else None


def check_not_blocked(session: Session) -> None:
    """Raise IssuingBlockedError while the station waits for its sequence floor."""
    if _block(session) is not None:
        raise IssuingBlockedError(
            "issuing is blocked until sync has fetched this station's highest certificate "
            "sequence from the district (the station was restored or reinstalled)",
            "本站数据已从备份恢复或重新安装，须先与区平台同步证明编号后才能出具证明或告知书。"
            "请连接网络后在“同步”页同步一次。",
        )


def _counter(session: Session, code: str, kind: NumberKind) -> SequenceCounter:
    counter = session.get(SequenceCounter, (code, kind.value))
    if counter is None:
        counter = SequenceCounter(station_code=code, kind=kind.value, last_value=0, floor=0)
        session.add(counter)
    return counter


def allocate(session: Session, code: str, kind: NumberKind) -> int:
    """Take the next sequence; the caller's write transaction holds the database lock."""
    counter = _counter(session, code, kind)
    value = max(counter.last_value, counter.floor) + 1
    counter.last_value = value
    return value


def raise_sequence_floor(
    uow: UnitOfWork, kind: NumberKind, floor: int, *, clear_block: bool = True
) -> int:
    """Make the next number of ``kind`` greater than ``floor`` (sync, from ``/hello``).

    Never lowers anything. With ``clear_block`` the ``needs_sequence_floor`` block is lifted.
    Returns the floor now in force.
    """
    if isinstance(floor, bool) or not isinstance(floor, int) or floor < 0:
        raise ValueError(f"a sequence floor is a non-negative integer, got {floor!r}")
    counter = _counter(uow.session, station_row(uow.session).code, kind)
    old = counter.floor
    counter.floor = max(counter.floor, floor)
    if counter.floor != old:
        uow.audit("sequence.floor", "sequence", kind.value, {"old": old, "new": counter.floor})
    if clear_block:
        flag = _block(uow.session)
        if flag is not None:
            flag.value = {"v": False}
            uow.audit("setting.update", "setting", NEEDS_SEQUENCE_FLOOR, {"new": False})
    return counter.floor
