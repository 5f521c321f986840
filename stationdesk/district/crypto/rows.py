"""Sealing the rows of the tables that hold personal data, and the ORM hooks that do it.

Objects loaded through a district session hold plaintext (opened on load); they are sealed just
before their INSERT or UPDATE and hold plaintext again after it, so handlers never see an
envelope. Rows written or read around the ORM (COPY, column selects) go through
:func:`seal_row` and :func:`open_row` themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, event, inspect
from sqlalchemy.orm import Mapper, QueryContext, Session, object_session
from sqlalchemy.orm.attributes import set_committed_value

from ..models import AppliedOp, ChangeLog, Conflict, Record
from .fields import PERSONAL, open_data, open_value, seal_data, seal_value
from .matching import id_hmac
from .vault import PREFIX, Vault, is_envelope

VAULT_INFO = "stationdesk.district.vault"
"""The ``Session.info`` key of the vault a district session seals and opens with."""

SEALED_COLUMNS: dict[str, tuple[str, ...]] = {
    "record": ("data",),
    "change_log": ("data",),
    "conflict": ("local_value", "server_value", "applied_value"),
    "applied_op": ("result",),
    "attachment_chunk": ("data",),
}
"""The columns that may hold sealed values, per table."""

_ROW_KEYS: dict[str, tuple[str, ...]] = {
    "record": ("entity", "entity_id", "data"),
    "change_log": ("entity", "entity_id", "data"),
    "conflict": ("id", "entity", *SEALED_COLUMNS["conflict"]),
    "applied_op": ("op_id", "entity", "result"),
}
_PLAIN = "stationdesk.district.plain"


def session_vault(session: Session) -> Vault:
    """The vault of a district session (opened by ``DistrictDatabase.session``)."""
    vault = session.info.get(VAULT_INFO)
    if not isinstance(vault, Vault):
        raise RuntimeError("a district session without its vault: open it with db.session()")
    return vault


def _match_of(vault: Vault, conn: Connection, entity: str, data: Any) -> str | None:
    spec = PERSONAL.get(entity)
    if spec is None or spec.match is None or not isinstance(data, Mapping):
        return None
    value = data.get(spec.match)
    if not isinstance(value, str) or not value.strip():
        return None
    return id_hmac(vault, conn, value)


def _seal_result(vault: Vault, op_id: str, entity: str, result: Any) -> Any:
    conflicts = result.get("conflicts") if isinstance(result, Mapping) else None
    if entity not in PERSONAL or not conflicts or is_envelope(conflicts):
        return result
    return {**result, "conflicts": vault.seal(conflicts, "applied_op", op_id, "conflicts")}


def _open_result(vault: Vault, op_id: str, entity: str, result: Any) -> Any:
    conflicts = result.get("conflicts") if isinstance(result, Mapping) else None
    if entity not in PERSONAL or not is_envelope(conflicts):
        return result
    return {**result, "conflicts": vault.open(str(conflicts), "applied_op", op_id, "conflicts")}


def _chunk_place(row: Mapping[str, Any]) -> tuple[str, str, str]:
    return ("attachment_chunk", str(row["sha256"]), str(row["offset"]))


def seal_chunk(vault: Vault, sha256: str, offset: int, data: bytes) -> bytes:
    """An attachment chunk as stored: sealed, bound to its blob and offset."""
    return vault.seal_bytes(data, *_chunk_place({"sha256": sha256, "offset": offset}))


def open_chunk(vault: Vault, sha256: str, offset: int, data: bytes) -> bytes:
    """The bytes of a stored attachment chunk (SealError when they do not open there)."""
    return vault.open_bytes(data, *_chunk_place({"sha256": sha256, "offset": offset}))


def chunk_is_current(vault: Vault, data: bytes) -> bool:
    """Whether a stored attachment chunk is sealed under the current key."""
    return data.startswith(f"{PREFIX}{vault.key_id}:".encode("ascii"))


def seal_row(vault: Vault, conn: Connection, table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The stored values of a row about to be written to ``table`` (its sealed columns)."""
    if table == "attachment_chunk":
        return {"data": vault.seal_bytes(row["data"], *_chunk_place(row))}
    if table in ("record", "change_log"):
        entity, entity_id, data = row["entity"], row["entity_id"], row["data"]
        out = {"data": seal_data(vault, entity, entity_id, data)}
        if table == "record":
            out["id_hmac"] = _match_of(vault, conn, entity, data)
        return out
    if table == "conflict":
        return {
            c: seal_value(vault, row["entity"], row[c], "conflict", row["id"], c)
            for c in SEALED_COLUMNS[table]
        }
    if table == "applied_op":
        return {"result": _seal_result(vault, row["op_id"], row["entity"], row["result"])}
    return {}


def open_row(vault: Vault, table: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The plaintext of the sealed columns of a row read from ``table``."""
    if table == "attachment_chunk":
        return {"data": vault.open_bytes(row["data"], *_chunk_place(row))}
    if table in ("record", "change_log"):
        return {"data": open_data(vault, row["entity"], row["entity_id"], row["data"])}
    if table == "conflict":
        return {
            c: open_value(vault, row["entity"], row[c], "conflict", row["id"], c)
            for c in SEALED_COLUMNS[table]
        }
    if table == "applied_op":
        return {"result": _open_result(vault, row["op_id"], row["entity"], row["result"])}
    return {}


def seal_rows(session: Session, table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows for a bulk insert into ``table`` with their sealed columns (the inputs untouched)."""
    if table not in SEALED_COLUMNS or not rows:
        return rows
    vault, conn = session_vault(session), session.connection()
    return [{**row, **seal_row(vault, conn, table, row)} for row in rows]


# -- ORM hooks -------------------------------------------------------------------------------


def _row(target: Any) -> dict[str, Any]:
    return {k: getattr(target, k) for k in _ROW_KEYS[target.__tablename__]}


def _open_loaded(target: Any, context: QueryContext) -> None:
    vault = context.session.info.get(VAULT_INFO) if context.session is not None else None
    if not isinstance(vault, Vault):
        return
    for name, value in open_row(vault, target.__tablename__, _row(target)).items():
        set_committed_value(target, name, value)


def _open_refreshed(target: Any, context: QueryContext, attrs: Any) -> None:
    if attrs is None or set(attrs) & set(SEALED_COLUMNS[target.__tablename__]):
        _open_loaded(target, context)


def _seal_before_insert(_mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    session = object_session(target)
    if session is None:  # pragma: no cover - the ORM flushes only session objects
        raise RuntimeError("flushing a district row outside a session")
    vault = session_vault(session)
    row = _row(target)
    sealed = seal_row(vault, conn, target.__tablename__, row)
    inspect(target).info[_PLAIN] = {c: row[c] for c in SEALED_COLUMNS[target.__tablename__]}
    for name, value in sealed.items():
        setattr(target, name, value)


def _seal_before_update(mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    state = inspect(target)
    if any(state.attrs[c].history.has_changes() for c in SEALED_COLUMNS[target.__tablename__]):
        _seal_before_insert(mapper, conn, target)


def _plaintext_again(_mapper: Mapper[Any], _conn: Connection, target: Any) -> None:
    plain = inspect(target).info.pop(_PLAIN, None)
    for name, value in (plain or {}).items():
        set_committed_value(target, name, value)


for _model in (Record, ChangeLog, Conflict, AppliedOp):
    event.listen(_model, "load", _open_loaded)
    event.listen(_model, "refresh", _open_refreshed)
    event.listen(_model, "before_insert", _seal_before_insert)
    event.listen(_model, "before_update", _seal_before_update)
    event.listen(_model, "after_insert", _plaintext_again)
    event.listen(_model, "after_update", _plaintext_again)
