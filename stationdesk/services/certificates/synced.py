"""A numbered document's ledger row as it travels to the district and back to a rebuilt station.

Each ``issue`` op of a certificate or refusal notice carries the ledger row (``ledger_row``:
every column but the version) and the SHA-256 of the PDF made at issue (``pdf_sha256``); a
``void`` op carries the certificate's row after the void. The district keeps the latest, so a
station that does not hold the document (rebuilt, or restored from an old backup) takes the row
back exactly, with the file's digest, and old printed documents verify there again. A document
the station holds is never replaced or duplicated; only a void the district has and the held
row lacks is taken over. Records pushed before rows travelled (no ``ledger_row``) are filled
in by the ``ledger`` ops station migration 0017 queues (``{ledger_row, pdf_sha256}`` as
``issue_rows`` makes them), which move no version at either end.

The station's ``station_key`` record lists every public key it published (``keys``), so its
key history comes back the same way: old certificates verify with the old keys. The private
half of a key never leaves the station; a rebuilt station makes a new key (``rebuild``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from stationdesk.secrets.signing import parse_effective_time
from stationdesk.store.models import Worker
from stationdesk.store.models_certs import (
    Certificate,
    DocumentFile,
    RefusalNotice,
    StationKey,
    StationKeyHistory,
)
from stationdesk.store.models_residents import Resident

from ..row_json import row_json, row_values
from .common import STATUS_VOID, sha256

LEDGER_ROW = "ledger_row"
PDF_SHA256 = "pdf_sha256"
"""The keys of an op's payload (and the district's record) holding the row and file digest."""

#: The columns a void sets on a certificate row (taken over by a held row that lacks the void).
VOID_COLUMNS = ("status", "void_reason", "void_approver_id", "voided_at")

#: Where the district's ``station_key`` record lists the station's keys (district.entities).
KEYS = "keys"

Document = Certificate | RefusalNotice


def _table(model: type[Document]) -> Table:
    return model.__table__  # type: ignore[return-value]


def ledger_row(row: Document) -> dict[str, Any]:
    """Every column of a ledger row but its version, as JSON."""
    return row_json(_table(type(row)), row, skip=("version",))


def issue_rows(row: Document, pdf: bytes) -> dict[str, Any]:
    """What an issue op carries besides the document's fields: its row and its PDF's digest."""
    return {LEDGER_ROW: ledger_row(row), PDF_SHA256: sha256(pdf)}


def issue_digests(session: Session) -> dict[str, str]:
    """The SHA-256 of the PDF made at issue (the number's first file), by document number."""
    digests: dict[str, str] = {}
    for number, digest in session.execute(
        select(DocumentFile.number, DocumentFile.sha256).order_by(DocumentFile.id.desc())
    ):
        digests[number] = digest
    return digests


def _references_held(session: Session, values: Mapping[str, Any]) -> bool:
    """Whether the rows this one refers to are here (a pull never fails on a foreign key)."""
    wanted: list[tuple[type[Any], Any]] = [
        (Resident, values.get("resident_id")),
        (Worker, values.get("worker_id")),
        (Worker, values.get("void_approver_id")),
        (Certificate, values.get("reissue_of")),
    ]
    return all(
        key is None or session.scalar(select(model.id).where(model.id == key)) is not None
        for model, key in wanted
    )  # by the id column: a resident's primary key is its ``seq``


def _taken(session: Session, model: type[Document], values: Mapping[str, Any]) -> bool:
    """Whether the station holds another document with this number or sequence."""
    same = select(model.id).where(
        (model.number == values.get("number"))
        | (
            (model.station_code == values.get("station_code"))
            & (model.sequence == values.get("sequence"))
        )
    )
    return session.scalars(same.limit(1)).first() is not None


def restore_document(
    session: Session, model: type[Document], entity_id: str, version: int, data: Mapping[str, Any]
) -> bool:
    """Take a document of this station back from the district's record; True if written.

    A missing document is stored from ``ledger_row`` at ``version`` with its PDF's digest. A
    held certificate at an older version takes over only the void columns; anything else held
    stays as it is.
    """
    row = data.get(LEDGER_ROW)
    if not isinstance(row, Mapping):
        return False
    values = row_values(_table(model), row)
    values.pop("version", None)
    values["id"] = entity_id
    held: Document | None = session.get(model, entity_id)  # type: ignore[assignment]
    if held is not None:
        return _take_void(session, held, version, values)
    if _taken(session, model, values) or not _references_held(session, values):
        return False
    document = model(**values)
    if isinstance(document, Certificate):
        document.version = version
    session.add(document)
    session.flush()  # a reissue later in the page refers to this row
    digest = data.get(PDF_SHA256)
    if isinstance(digest, str) and len(digest) == 64:
        known = session.scalar(
            select(DocumentFile.id).where(
                DocumentFile.number == document.number, DocumentFile.sha256 == digest
            )
        )
        if known is None:
            session.add(
                DocumentFile(
                    number=document.number,
                    sha256=digest,
                    rendered_at=document.issued_at,
                    worker_id=document.worker_id,
                )
            )
    return True


def _take_void(session: Session, held: Document, version: int, values: Mapping[str, Any]) -> bool:
    """A held certificate lacking a void the district has (a backup older than the void)."""
    if not isinstance(held, Certificate) or held.version >= version:
        return False
    if held.status == STATUS_VOID or values.get("status") != STATUS_VOID:
        return False
    if not _references_held(session, {"void_approver_id": values.get("void_approver_id")}):
        return False
    for column in VOID_COLUMNS:
        setattr(held, column, values.get(column))
    held.version = version
    return True


def _published_keys(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The keys a ``station_key`` record lists, oldest first; a record from before the list
    gives its key in force and the one that key replaced (when it says which)."""
    keys = data.get(KEYS)
    if isinstance(keys, list):
        return [k for k in keys if isinstance(k, dict)]
    start = data.get("effective_at") or data.get("valid_from")
    previous = data.get("previous_key")
    out: list[dict[str, Any]] = []
    if isinstance(previous, str):
        out.append({"public_key": previous, "valid_to": start, "basis": "first"})
    basis = "first" if previous is None else "lost_key" if data.get("lost_old_key") else "signed"
    out.append({"public_key": data.get("public_key"), "valid_from": start, "basis": basis})
    return out


def _when(value: Any) -> Any:
    try:
        return parse_effective_time(value)
    except ValueError:
        return None


def restore_keys(session: Session, code: str, version: int, data: Mapping[str, Any]) -> bool:
    """Take back the public keys this station published and no longer holds; True if written.

    Keys held stay as they are (only a replacement the held row lacks is noted); the key in
    force becomes the district's last one when it was taken back here.
    """
    own = list(
        session.scalars(
            select(StationKeyHistory).where(
                StationKeyHistory.station_code == code, StationKeyHistory.own.is_(True)
            )
        )
    )
    if len(own) >= version:
        return False
    written = False
    last: StationKeyHistory | None = None
    for item in _published_keys(data):
        public = item.get("public_key")
        if not isinstance(public, str) or len(public) != 64:
            continue
        held = session.get(StationKeyHistory, public)
        valid_to = _when(item.get("valid_to"))
        if held is not None:
            if held.station_code == code and held.valid_to is None and valid_to is not None:
                held.valid_to, written = valid_to, True
            last = held if held.station_code == code else last
            continue
        start = _when(item.get("valid_from")) or valid_to
        if start is None:
            continue
        last = StationKeyHistory(
            public_key=public,
            station_code=code,
            own=True,
            valid_from=start,
            valid_to=valid_to,
            basis=str(item.get("basis") or "first"),
            created_at=start,
        )
        session.add(last)
        written = True
    current = session.get(StationKey, code)
    if written and last is not None and last.valid_to is None:
        if current is None:
            session.add(
                StationKey(
                    station_code=code,
                    public_key=last.public_key,
                    own=True,
                    created_at=last.valid_from,
                )
            )
        elif current.own and current.public_key != last.public_key:
            current.public_key, current.created_at = last.public_key, last.valid_from
    session.flush()
    return written
