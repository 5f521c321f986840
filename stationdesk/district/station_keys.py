"""The stations' signing-key history on the district: first keys, rotations, lost-key approvals.

Each station's keys live in ``station_key_history`` with the window each was in force. A
station's first key is accepted as it comes (``create``). After that a new key comes only with a
``rotate`` op: either signed, carrying the old key's Ed25519 signature over the rotation
statement (``secrets.signing.rotation_statement``: station code, new key, effective time), or
marked ``lost_old_key`` and unsigned, when it waits as ``pending`` until someone on the district
runs ``stationdesk district approve-key CODE``. Anything else that would replace a key is
refused and the key in force stays. ``/verify`` checks each certificate against the key in
force on its issue date (``key_windows``).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.dbkit import utc_now
from stationdesk.domain.ids import new_id
from stationdesk.secrets.signing import (
    KEY_BYTES,
    SIGNATURE_BYTES,
    KeyWindow,
    format_effective_time,
    parse_effective_time,
    verify_rotation,
)

from .db import DistrictDatabase
from .errors import DistrictError
from .models import DistrictStation, StationKeyVersion
from .registry import ApplyContext, ApplyOutcome

ACCEPTED, PENDING, WITHDRAWN = "accepted", "pending", "withdrawn"
FIRST, SIGNED, LOST_KEY = "first", "signed", "lost_key"

KeyChange = Callable[[], bool]
"""The history writes an accepted op makes, run once its record is written; True: the new key
waits for approval on the district."""


def _hex(value: object, size: int) -> str | None:
    """``value`` as lowercase hex of ``size`` bytes, or None."""
    if not isinstance(value, str) or len(value) != 2 * size:
        return None
    try:
        return bytes.fromhex(value).hex()
    except ValueError:
        return None


def raw_key(value: object) -> bytes | None:
    """A stored public key (hex, as stations push it) as 32 raw bytes, or None."""
    text = _hex(value, KEY_BYTES)
    return bytes.fromhex(text) if text is not None else None


def history(s: Session, station_id: str) -> list[StationKeyVersion]:
    """A station's keys, oldest first."""
    return list(
        s.scalars(
            select(StationKeyVersion)
            .where(StationKeyVersion.station_id == station_id)
            .order_by(StationKeyVersion.valid_from, StationKeyVersion.created_at)
        )
    )


def in_force(rows: list[StationKeyVersion]) -> StationKeyVersion | None:
    """The accepted key not yet replaced, or None when the station has none."""
    current = [r for r in rows if r.status == ACCEPTED and r.valid_to is None]
    return current[-1] if current else None


def _lost_key_hint(code: str) -> str:
    return (
        "a new key needs a rotation statement signed by the key in force "
        "('stationdesk keys rotate' at the station) or, when that key is lost, approval on the "
        f"district ('stationdesk keys rotate --lost-old-key', then 'stationdesk district "
        f"approve-key {code}'); the key in force stays"
    )


# -- ops from stations ---------------------------------------------------------------------


def _payload_key(ctx: ApplyContext) -> str:
    """The op's public key in lowercase hex (its form, and the algorithm, are checked by
    ``sync.schemas.station`` before the op gets here)."""
    return str(ctx.op.payload["public_key"]).lower()


def check_first_key(ctx: ApplyContext) -> ApplyOutcome | KeyChange:
    """A ``create``: the station's first key (its key in force again: nothing), else refused."""
    code = ctx.station.code
    new_hex = _payload_key(ctx)
    rows = history(ctx.session, ctx.station.id)
    if rows:
        current = in_force(rows)
        if current is not None and current.public_key == new_hex:
            record = ctx.get(ctx.op.entity, ctx.op.entity_id)  # published again: nothing changes
            return ApplyOutcome(version=record.version if record is not None else None)
        return ApplyOutcome.reject(
            409, f"station {code} already has a signing key: {_lost_key_hint(code)}"
        )
    try:
        valid_from = parse_effective_time(ctx.op.payload.get("valid_from"))
    except ValueError:
        valid_from = ctx.op.station_time  # older stations: when the station made the op

    def write() -> bool:
        ctx.session.add(
            StationKeyVersion(
                id=new_id(),
                station_id=ctx.station.id,
                public_key=new_hex,
                status=ACCEPTED,
                basis=FIRST,
                valid_from=valid_from,
                op_id=ctx.op.op_id,
                created_at=ctx.now,
                decided_at=ctx.now,
            )
        )
        return False

    return write


def check_rotation(ctx: ApplyContext) -> ApplyOutcome | KeyChange:
    """A ``rotate``: signed by the key in force, or an unsigned lost-key replacement to approve.

    A rotation signed by a key still awaiting approval joins it: both wait for the approval.
    """
    code = ctx.station.code
    payload = ctx.op.payload
    new_hex = _payload_key(ctx)
    try:
        effective = parse_effective_time(payload.get("effective_at"))
    except ValueError as exc:
        return ApplyOutcome.reject(422, f"effective_at: {exc}")
    rows = history(ctx.session, ctx.station.id)
    current = in_force(rows)
    if current is None:
        return ApplyOutcome.reject(409, f"station {code} has no signing key yet to replace")
    if any(r.public_key == new_hex for r in rows):
        return ApplyOutcome.reject(409, "this key was already published by the station")
    pending = [r for r in rows if r.status == PENDING]
    signature = payload.get("signature")
    signer: StationKeyVersion | None = None  # None: an unsigned lost-key replacement
    if signature is not None:
        raw_signature = _hex(signature, SIGNATURE_BYTES)
        for candidate in (current, *pending[-1:]):
            if raw_signature is not None and verify_rotation(
                bytes.fromhex(candidate.public_key),
                code,
                bytes.fromhex(new_hex),
                effective,
                bytes.fromhex(raw_signature),
            ):
                signer = candidate
                break
        else:
            return ApplyOutcome.reject(
                403,
                "the key rotation statement is not signed by the station's key in force: "
                + _lost_key_hint(code),
            )
    elif payload.get("lost_old_key") is not True:
        return ApplyOutcome.reject(
            403, f"an unsigned key replacement is refused: {_lost_key_hint(code)}"
        )
    replaced = signer or current
    if effective < replaced.valid_from:
        return ApplyOutcome.reject(
            422, "the effective time is before the key it replaces came into force"
        )
    accepted = signer is current

    def write() -> bool:
        if signer is None or accepted:  # a new replacement supersedes any waiting one
            for row in pending:
                row.status, row.decided_at = WITHDRAWN, ctx.now
        if accepted:
            current.valid_to = effective
        ctx.session.add(
            StationKeyVersion(
                id=new_id(),
                station_id=ctx.station.id,
                public_key=new_hex,
                status=ACCEPTED if accepted else PENDING,
                basis=SIGNED if signer is not None else LOST_KEY,
                valid_from=effective,
                previous_key=replaced.public_key,
                signature=signature.lower() if isinstance(signature, str) else None,
                op_id=ctx.op.op_id,
                created_at=ctx.now,
                decided_at=ctx.now if accepted else None,
            )
        )
        return not accepted

    return write


PENDING_NOTE = (
    "the new key awaits approval on the district ('stationdesk district approve-key {code}'); "
    "until then certificates signed with it do not verify"
)


# -- approval and reading --------------------------------------------------------------------


@dataclass(frozen=True)
class ApprovedKey:
    """A lost-key replacement now in force, and the key it replaced.

    ``public_key`` is the key in force now: the replacement, or the last of the rotations the
    station signed with it while it waited (all in ``approved``, oldest first).
    """

    station_code: str
    public_key: str
    previous_key: str | None
    effective_at: datetime
    approved: tuple[str, ...]


def _clean_prefix(text: str) -> str:
    prefix = "".join(ch for ch in text.lower() if ch not in " :-")
    if len(prefix) < 8 or any(ch not in "0123456789abcdef" for ch in prefix):
        raise DistrictError(
            422,
            "bad_key",
            "--key takes the first 8 or more hex digits of the new public key",
            "--key 应为新公钥的前8位或更多十六进制字符。",
        )
    return prefix


def approve_key(db: DistrictDatabase, code: str, *, key_prefix: str | None = None) -> ApprovedKey:
    """Put a station's pending lost-key replacement in force from the time it claims.

    The key it replaces stays valid up to that time, so certificates signed earlier still
    verify. With ``key_prefix`` a pending key must start with it (read out by the station).
    """
    code = code.strip().upper()
    prefix = _clean_prefix(key_prefix) if key_prefix is not None else None
    now = utc_now()
    with db.session() as s:
        station = s.scalars(
            select(DistrictStation).where(DistrictStation.code == code).with_for_update()
        ).first()
        if station is None:
            raise DistrictError(
                404, "not_found", f"no station {code} is enrolled", f"区平台没有站点 {code}。"
            )
        rows = history(s, station.id)
        pending = [r for r in rows if r.status == PENDING]
        if not pending:
            raise DistrictError(
                409,
                "nothing_pending",
                f"station {code} has no replacement key awaiting approval (the station runs "
                "'stationdesk keys rotate --lost-old-key' and syncs first)",
                f"站点 {code} 没有待批准的新签名密钥"
                "（须先在站点运行 keys rotate --lost-old-key 并同步）。",
            )
        if prefix is not None and not any(r.public_key.startswith(prefix) for r in pending):
            raise DistrictError(
                409,
                "key_differs",
                f"the key of station {code} awaiting approval starts "
                f"{pending[0].public_key[:16]}, not {prefix}",
                "待批准的公钥与给出的不一致，未批准。",
            )
        current = in_force(rows)
        previous = current.public_key if current is not None else None
        effective = pending[0].valid_from
        if current is not None:
            effective = max(effective, current.valid_from)
        start = effective
        for row in pending:  # the replacement, then any rotation signed with it while it waited
            start = max(row.valid_from, start)
            if current is not None:
                current.valid_to = start
            row.status, row.valid_from, row.decided_at = ACCEPTED, start, now
            current = row
        return ApprovedKey(
            station_code=code,
            public_key=pending[-1].public_key,
            previous_key=previous,
            effective_at=effective,
            approved=tuple(r.public_key for r in pending),
        )


@dataclass(frozen=True)
class StationKeys:
    """A station's name and its accepted keys, oldest first: windows and published entries."""

    name: str
    windows: tuple[KeyWindow, ...]
    """For checking: the first key's window is open at the start (no key precedes it)."""
    published: tuple[dict[str, Any], ...]
    """For ``/verify/keys``: each key with its recorded ``valid_from`` and ``valid_to``."""

    @property
    def current(self) -> KeyWindow | None:
        """The key in force now, or None when every key was replaced (never, in practice)."""
        open_ended = [w for w in self.windows if w.valid_to is None]
        return open_ended[-1] if open_ended else None


def _published(
    raw: bytes, basis: str, valid_from: datetime, valid_to: datetime | None
) -> dict[str, Any]:
    return {
        "public_key_hex": raw.hex(),
        "public_key_base64": base64.b64encode(raw).decode("ascii"),
        "valid_from": format_effective_time(valid_from),
        "valid_to": format_effective_time(valid_to) if valid_to is not None else None,
        "first": basis == FIRST,
    }


def key_windows(s: Session, code: str | None = None) -> dict[str, StationKeys]:
    """Station code → its accepted keys (pending and withdrawn ones are never used)."""
    query = (
        select(
            DistrictStation.code,
            DistrictStation.name,
            StationKeyVersion.public_key,
            StationKeyVersion.basis,
            StationKeyVersion.valid_from,
            StationKeyVersion.valid_to,
        )
        .join(DistrictStation, DistrictStation.id == StationKeyVersion.station_id)
        .where(StationKeyVersion.status == ACCEPTED)
        .order_by(DistrictStation.code, StationKeyVersion.valid_from, StationKeyVersion.created_at)
    )
    if code is not None:
        query = query.where(DistrictStation.code == code)
    names: dict[str, str] = {}
    windows: dict[str, list[KeyWindow]] = {}
    published: dict[str, list[dict[str, Any]]] = {}
    for station_code, name, public_key, basis, valid_from, valid_to in s.execute(query):
        raw = raw_key(public_key)
        if raw is None:
            continue
        names[station_code] = name
        start = None if basis == FIRST else valid_from
        windows.setdefault(station_code, []).append(KeyWindow(raw, start, valid_to))
        published.setdefault(station_code, []).append(_published(raw, basis, valid_from, valid_to))
    return {c: StationKeys(names[c], tuple(windows[c]), tuple(published[c])) for c in names}
