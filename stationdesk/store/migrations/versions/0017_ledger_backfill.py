"""Every certificate and refusal notice held is queued for the district as a ``ledger`` op with
its ledger row and the digest of its PDF made at issue, so records pushed before issue ops
carried them can be filled in (services.certificates.synced; the district keeps a row it has)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from stationdesk.domain.ids import new_id

revision = "0017"
down_revision = "0016"

DOCUMENTS = ("certificate", "refusal_notice")
KIND = "ledger"
"""The op kind filling a document's district record (services.certificates.synced.LEDGER)."""

_OUTBOX = sa.table(
    "outbox",
    sa.column("op_id", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("kind", sa.String),
    sa.column("payload", sa.JSON),
    sa.column("base_version", sa.Integer),
    sa.column("actor", sa.String),
    sa.column("station_time", sa.DateTime),
)


def _json(value: Any) -> Any:
    """A column value as ``services.row_json`` writes it (stored times are naive UTC)."""
    if isinstance(value, datetime):
        value = value.replace(tzinfo=UTC)
    return value.isoformat() if isinstance(value, date) else value


def ledger_ops(conn: sa.Connection) -> list[tuple[str, str, dict[str, Any]]]:
    """(entity, id, payload) of each document held that has a PDF digest, in number order;
    the payload is ``{ledger_row, pdf_sha256}`` as ``synced.issue_rows`` makes it."""
    digests: dict[str, str] = {}
    for number, digest in conn.execute(
        sa.text("SELECT number, sha256 FROM document_file ORDER BY id DESC")
    ):
        digests[number] = digest  # the number's first file: the PDF made at issue
    out: list[tuple[str, str, dict[str, Any]]] = []
    for entity in DOCUMENTS:
        table = sa.Table(entity, sa.MetaData(), autoload_with=conn)
        for row in conn.execute(sa.select(table).order_by(table.c.number)).mappings():
            digest = digests.get(row["number"])
            if digest is None:
                continue
            ledger = {k: _json(v) for k, v in row.items() if k != "version"}
            out.append((entity, row["id"], {"ledger_row": ledger, "pdf_sha256": digest}))
    return out


def queue_ledger_ops(conn: sa.Connection) -> int:
    """Queue the ``ledger`` op of every document held; returns how many were queued."""
    queued = ledger_ops(conn)
    if queued:
        now = datetime.now(UTC).replace(tzinfo=None)
        conn.execute(
            sa.insert(_OUTBOX),
            [
                {
                    "op_id": new_id(),
                    "entity": entity,
                    "entity_id": entity_id,
                    "kind": KIND,
                    "payload": payload,
                    "base_version": None,
                    "actor": None,
                    "station_time": now,
                }
                for entity, entity_id, payload in queued
            ],
        )
    return len(queued)


def upgrade() -> None:
    queue_ledger_ops(op.get_bind())


def downgrade() -> None:
    op.execute(
        f"DELETE FROM outbox WHERE kind = '{KIND}' "
        "AND entity IN ('certificate', 'refusal_notice')"
    )
