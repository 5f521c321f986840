"""Replacing the station's signing key: announced with the old key's signature, or lost-key.

A rotation makes a new Ed25519 key pair (the private half in the OS keyring), keeps the old
public key in the station's key history with the time it was replaced, and queues a ``rotate``
op for the district. Normally the op carries the old key's signature over the rotation
statement (station code, new key, effective time), which the district checks against the key
it holds. When the old private key is lost, the op goes unsigned and the district keeps the new
key pending until ``stationdesk district approve-key CODE``; certificates signed with it verify
at the district only from then on. Old certificates keep verifying with the old key either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from stationdesk.domain.roles import Role
from stationdesk.secrets import keys
from stationdesk.secrets.signing import format_effective_time, generate_keypair
from stationdesk.secrets.signing import sign_rotation as sign_statement
from stationdesk.store.models_certs import StationKey, StationKeyHistory

from ..actor import Actor
from ..errors import InputError, PermissionDeniedError, StationError
from ..station import Station
from ..uow import unit_of_work
from .common import station_row
from .numbering import (
    LOST_KEY_ROTATION,
    SIGNED_ROTATION,
    forget_private_key,
    key_purpose,
    load_signing_key,
)


@dataclass(frozen=True)
class KeyRotation:
    """A replaced signing key: the old and new public keys (hex) and when the new one applies.

    ``signed`` False: the old key was lost, so the district must approve the new key.
    """

    station_code: str
    old_public_key: str | None
    new_public_key: str
    effective_at: datetime
    signed: bool


def _require_head_or_admin(actor: Actor) -> None:
    if actor.role not in (Role.HEAD, Role.ADMIN):
        raise PermissionDeniedError(
            f"{actor.username} ({actor.role.value}) may not replace the signing key: "
            "a station head or an admin does",
            "只有站长或管理员可以更换证明签名密钥。",
        )


def rotate_signing_key(
    station: Station, actor: Actor, *, lost_old_key: bool = False
) -> KeyRotation:
    """Replace the station's signing key (head or admin); the next sync announces it.

    Without ``lost_old_key`` the old private key must be readable, to sign the announcement.
    """
    _require_head_or_admin(actor)
    with unit_of_work(station, actor) as uow:
        s = uow.session
        code = station_row(s).code
        current = s.get(StationKey, code)
        old_private = None
        if not lost_old_key:
            if current is None:
                raise InputError(
                    "the station has no signing key yet: one is made with its first certificate",
                    "本站尚未生成证明签名密钥（出具第一份证明时自动生成），无需更换。",
                )
            try:
                old_private = load_signing_key(station, current)
            except StationError:
                raise InputError(
                    "the signing key in force cannot be read from the keyring, so it cannot "
                    "sign the change; if it is lost, run 'keys rotate --lost-old-key' and have "
                    f"the district approve the new key ('district approve-key {code}')",
                    "无法从密钥环读取本站现有签名密钥，不能以其签名更换。若密钥已丢失，请运行 "
                    "keys rotate --lost-old-key，并请区平台批准新密钥。",
                ) from None
        effective = uow.now.replace(microsecond=0)
        old_row = s.get(StationKeyHistory, current.public_key) if current is not None else None
        if old_row is not None and old_row.valid_from > uow.now:
            raise InputError(
                "the computer's clock is earlier than when the key in force was made; "
                "correct the clock first",
                "本机时间早于现有签名密钥的生成时间，请先校正系统时间。",
            )
        pair = generate_keypair()
        new_hex = pair.public_key.hex()
        try:  # kept before the commit: a failed commit leaves only an unused secret behind
            keys.put_secret(station.uid, key_purpose(new_hex), pair.private_key.hex())
        except keys.NoKeyringError as exc:
            raise StationError(
                f"the new signing key cannot be kept: {exc}",
                "系统密钥环不可用，无法保存新的签名密钥。",
            ) from None
        old_hex = current.public_key if current is not None else None
        if old_row is not None:
            old_row.valid_to = effective
        s.add(
            StationKeyHistory(
                public_key=new_hex,
                station_code=code,
                own=True,
                valid_from=effective,
                basis=SIGNED_ROTATION if old_private is not None else LOST_KEY_ROTATION,
                created_at=uow.now,
            )
        )
        if current is None:
            s.add(StationKey(station_code=code, public_key=new_hex, own=True, created_at=uow.now))
        else:
            current.public_key, current.created_at = new_hex, uow.now
        payload: dict[str, object] = {
            "station_code": code,
            "public_key": new_hex,
            "algorithm": "Ed25519",
            "previous_key": old_hex,
            "effective_at": format_effective_time(effective),
        }
        if old_private is not None:
            payload["signature"] = sign_statement(
                old_private, code, pair.public_key, effective
            ).hex()
        else:
            payload["lost_old_key"] = True
        uow.change(
            "station_key",
            code,
            "rotate",
            payload,
            audit_details={
                "old_public_key": old_hex,
                "new_public_key": new_hex,
                "signed": old_private is not None,
            },
        )
    if old_hex is not None:
        forget_private_key(station, old_hex)  # a replaced key never signs again
    return KeyRotation(code, old_hex, new_hex, effective, old_private is not None)
