"""Re-sealing every envelope under the current data key, batch by batch (a key rotation).

Each batch of rows is read, locked, re-sealed and committed in its own transaction, so a
rotation of a large district can run beside the server and be stopped and run again: rows
already under the current key are left alone. Plaintext personal fields left by an older
version are sealed on the way. The servers must already read the new key (see the README).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, select, tuple_, update

from ..models import (
    AppliedOp,
    AttachmentChunk,
    ChangeLog,
    Conflict,
    DistrictBase,
    DistrictMeta,
    Record,
)
from .fields import PERSONAL, data_needs_sealing, value_needs_sealing
from .matching import MATCH_KEY, reseal_match_key
from .rows import SEALED_COLUMNS, chunk_is_current, open_row, seal_row
from .vault import Vault

if TYPE_CHECKING:
    from ..db import DistrictDatabase

DEFAULT_BATCH = 500


@dataclass(frozen=True)
class _Table:
    model: type[DistrictBase]
    key: tuple[str, ...]
    others: tuple[str, ...]

    @property
    def name(self) -> str:
        return str(self.model.__tablename__)

    @property
    def table(self) -> Table:
        return cast(Table, self.model.__table__)


_TABLES = (
    _Table(Record, ("entity", "entity_id"), ("data",)),
    _Table(ChangeLog, ("id",), ("entity", "entity_id", "data")),
    _Table(Conflict, ("id",), ("entity", *SEALED_COLUMNS["conflict"])),
    _Table(AppliedOp, ("op_id",), ("entity", "result")),
    _Table(AttachmentChunk, ("sha256", "offset"), ("data",)),
)


@dataclass
class RotationReport:
    """What a rotation re-sealed, and what is still under another key afterwards (per table)."""

    key_id: str
    resealed: dict[str, int] = field(default_factory=dict)
    remaining: dict[str, int] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        """Whether nothing is left under an old key (the old keys may then be dropped)."""
        return not any(self.remaining.values())


def _needs_sealing(vault: Vault, table: str, row: Mapping[str, Any]) -> bool:
    if table == "attachment_chunk":
        return not chunk_is_current(vault, row["data"])
    if table in ("record", "change_log"):
        return data_needs_sealing(vault, row["entity"], row["data"])
    if table == "conflict":
        return any(value_needs_sealing(vault, row["entity"], row[c]) for c in SEALED_COLUMNS[table])
    result = row["result"]
    conflicts = result.get("conflicts") if isinstance(result, Mapping) else None
    return row["entity"] in PERSONAL and bool(conflicts) and not vault.is_current(conflicts)


def _batch(
    db: DistrictDatabase, table: _Table, after: tuple[Any, ...] | None, size: int, write: bool
) -> tuple[tuple[Any, ...] | None, int]:
    """One batch after ``after``: (the last key read or None at the end, rows needing work)."""
    vault = db.vault
    columns = [getattr(table.model, c) for c in (*table.key, *table.others)]
    keys = [getattr(table.model, c) for c in table.key]
    with db.session() as s:
        query = select(*columns).order_by(*keys).limit(size)
        if after is not None:
            query = query.where(tuple_(*keys) > tuple_(*after))
        if write:
            query = query.with_for_update()
        rows = [dict(row) for row in s.execute(query).mappings()]
        count = 0
        for row in rows:
            if not _needs_sealing(vault, table.name, row):
                continue
            count += 1
            if write:
                plain = {**row, **open_row(vault, table.name, row)}
                values = seal_row(vault, s.connection(), table.name, plain)
                where = [table.table.c[k] == row[k] for k in table.key]
                s.execute(update(table.table).where(*where).values(**values))
        last = tuple(rows[-1][k] for k in table.key) if rows else None
    return last, count


def _pass(
    db: DistrictDatabase,
    table: _Table,
    size: int,
    write: bool,
    progress: Callable[[str, int], None] | None,
) -> int:
    after: tuple[Any, ...] | None = None
    total = 0
    while True:
        after, count = _batch(db, table, after, size, write)
        total += count
        if write and progress is not None and count:
            progress(table.name, total)
        if after is None:
            return total


def rotate_data_key(
    db: DistrictDatabase,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[str, int], None] | None = None,
) -> RotationReport:
    """Re-seal every envelope of the district under ``db``'s current data key.

    ``progress(table, rows so far)`` is called after each batch that re-sealed something. The
    report's ``remaining`` counts what a final read-only pass still found under another key
    (a server still sealing with an old key writes such rows: run it again once none does).
    """
    report = RotationReport(db.vault.key_id)
    with db.session() as s:
        report.resealed["district_meta"] = int(reseal_match_key(db.vault, s.connection()))
    for table in _TABLES:
        report.resealed[table.name] = _pass(db, table, batch_size, True, progress)
    with db.session() as s:
        stored = s.scalar(select(DistrictMeta.value).where(DistrictMeta.key == MATCH_KEY))
        old = stored is not None and not db.vault.is_current(stored.get("key"))
        report.remaining["district_meta"] = int(old)
    for table in _TABLES:
        report.remaining[table.name] = _pass(db, table, batch_size, False, None)
    return report
