"""People matched by a keyed HMAC of their ID number, never by the number itself.

The HMAC key (the match key) is random, made once by ``district init-db`` and stored in
``district_meta`` sealed under the data key: a rotation of the data key re-seals it but never
changes it, so every stored HMAC stays valid.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from ..models import DistrictMeta, Record
from .keys import DataKeyError
from .vault import SealError, Vault

MATCH_KEY = "match_key"
"""The ``district_meta`` row holding the sealed match key."""
_PLACE = ("district_meta", MATCH_KEY)


def normalise_id_number(value: str) -> str:
    """An ID number as it is matched: no spaces, upper case (the check character X)."""
    return "".join(value.split()).upper()


def _open_stored(vault: Vault, stored: Any) -> bytes:
    try:
        key = bytes.fromhex(str(vault.open(stored["key"], *_PLACE)))
    except (SealError, KeyError, TypeError, ValueError) as exc:
        raise DataKeyError(
            f"the configured data key does not open this district's data ({exc})",
            "配置的数据密钥与本区数据库不符。",
        ) from None
    return key


def ensure_match_key(vault: Vault, conn: Connection) -> None:
    """Make the match key if the database has none; check the data key opens it otherwise."""
    stored = conn.scalar(select(DistrictMeta.value).where(DistrictMeta.key == MATCH_KEY))
    if stored is None:
        key = secrets.token_bytes(32)
        value = {"key": vault.seal(key.hex(), *_PLACE)}
        conn.execute(insert(DistrictMeta).values(key=MATCH_KEY, value=value))
        vault.match_key = key
        return
    vault.match_key = _open_stored(vault, stored)


def match_key(vault: Vault, conn: Connection) -> bytes:
    """The district's match key (read once per process)."""
    if vault.match_key is None:
        stored = conn.scalar(select(DistrictMeta.value).where(DistrictMeta.key == MATCH_KEY))
        if stored is None:
            raise DataKeyError(
                "the district database has no match key; run 'stationdesk district init-db'",
                "区数据库尚未初始化，请先运行 district init-db。",
            )
        vault.match_key = _open_stored(vault, stored)
    return vault.match_key


def id_hmac(vault: Vault, conn: Connection, id_number: str) -> str:
    """The keyed HMAC-SHA256 (hex) an ID number is matched by."""
    digest = hmac.new(
        match_key(vault, conn), normalise_id_number(id_number).encode("utf-8"), hashlib.sha256
    )
    return digest.hexdigest()


def reseal_match_key(vault: Vault, conn: Connection) -> bool:
    """Seal the stored match key under the current data key; whether it was rewritten."""
    stored = conn.scalar(select(DistrictMeta.value).where(DistrictMeta.key == MATCH_KEY))
    if stored is None or vault.is_current(stored.get("key")):
        return False
    key = _open_stored(vault, stored)
    row = {"key": vault.seal(key.hex(), *_PLACE)}
    conn.execute(update(DistrictMeta).where(DistrictMeta.key == MATCH_KEY).values(value=row))
    return True


def records_by_id_number(
    session: Session, vault: Vault, id_number: str, entity: str = "resident"
) -> list[Record]:
    """The records (residents by default; certificates by holder) with this ID number.

    Deleted and merged records are included (``deleted``, ``data["merged_into"]``).
    """
    digest = id_hmac(vault, session.connection(), id_number)
    query = select(Record).where(Record.entity == entity, Record.id_hmac == digest)
    return list(session.scalars(query.order_by(Record.entity_id)))
