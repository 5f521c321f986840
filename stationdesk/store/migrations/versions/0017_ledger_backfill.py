"""Every certificate and refusal notice held is queued for the district as a ``ledger`` op with
its ledger row and the digest of its PDF made at issue, so records pushed before issue ops
carried them can be filled in (services.certificates.synced; the district keeps a row it has)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.queued_ops import queue, rows_json

revision = "0017"
down_revision = "0016"

DOCUMENTS = ("certificate", "refusal_notice")
KIND = "ledger"
"""The op kind filling a document's district record (services.certificates.synced.LEDGER)."""


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
        for ledger in rows_json(conn, entity, order_by="number", skip=("version",)):
            digest = digests.get(ledger["number"])
            if digest is not None:
                out.append((entity, ledger["id"], {"ledger_row": ledger, "pdf_sha256": digest}))
    return out


def queue_ledger_ops(conn: sa.Connection) -> int:
    """Queue the ``ledger`` op of every document held; returns how many were queued."""
    return queue(conn, KIND, ledger_ops(conn))


def upgrade() -> None:
    queue_ledger_ops(op.get_bind())


def downgrade() -> None:
    op.execute(
        f"DELETE FROM outbox WHERE kind = '{KIND}' "
        "AND entity IN ('certificate', 'refusal_notice')"
    )
