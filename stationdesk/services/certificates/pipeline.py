"""The one pipeline a numbered document goes through: allocate, number, render, row, file, outbox.

Certificates and refusal notices both go through ``issue_numbered``; only the drafting step (the
ledger row, its PDF and what sync is told) differs between them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from stationdesk.domain.ids import new_id
from stationdesk.domain.numbering import NumberKind, display_number, format_number
from stationdesk.store.models_certs import Certificate, RefusalNotice

from ..errors import InputError
from ..uow import UnitOfWork
from .catalog import Active, record_active
from .common import local_date, station_row
from .documents import record_file
from .numbering import allocate, check_not_blocked
from .synced import issue_rows

RowT = TypeVar("RowT", Certificate, RefusalNotice)


@dataclass(frozen=True)
class Numbered:
    """The number just taken for a document, with the station and the day the document bears."""

    station_code: str
    station_name: str
    sequence: int
    number: str
    display_number: str
    day: date

    def row_columns(self) -> dict[str, Any]:
        """The numbering columns of the document's new ledger row: a new id, then the number."""
        return {
            "id": new_id(),
            "number": self.number,
            "sequence": self.sequence,
            "station_code": self.station_code,
        }


@dataclass(frozen=True)
class Drafted(Generic[RowT]):
    """A numbered document ready to file: its ledger row and PDF, and what sync and audit hear.

    The outbox payload is the row's number, sequence and station code, then its ``synced``
    columns in that order (dates as ISO text), then ``extra``, then the whole row and the PDF's
    digest for a station rebuilt from the district (``synced.issue_rows``); the audit details
    are the number, then ``audit``.
    """

    row: RowT
    pdf: bytes
    synced: tuple[str, ...]
    audit: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    def change(self) -> dict[str, Any]:
        """The outbox payload of the issue."""
        keys = ("number", "sequence", "station_code", *self.synced)
        payload = {key: _jsonable(getattr(self.row, key)) for key in keys}
        return {**payload, **self.extra, **issue_rows(self.row, self.pdf)}


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def write_out(out: Path, pdf: bytes) -> None:
    """Write a PDF atomically (a temporary file renamed over the target)."""
    out = Path(out)
    if out.is_dir():
        raise InputError(f"{out} is a folder", "输出路径是一个文件夹。", field="out")
    if not out.parent.is_dir():
        raise InputError(
            f"the folder {out.parent} does not exist", "输出文件所在的文件夹不存在。", field="out"
        )
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(pdf)
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InputError(
            f"cannot write {out}: {exc.strerror}", "无法写入输出文件。", field="out"
        ) from None


def issue_numbered(
    uow: UnitOfWork,
    active: Active,
    kind: NumberKind,
    entity: str,
    draft: Callable[[Numbered], Drafted[RowT]],
    *,
    out: Path | None,
) -> tuple[Numbered, Drafted[RowT]]:
    """Number, draft, record and queue one document inside the caller's write transaction.

    Nothing is numbered while the station waits for its sequence floor. The catalog or guide
    ``active`` is recorded once, the number taken from the station's counter of ``kind``; then
    ``draft`` makes the row and the PDF, which are kept with the PDF's digest and the outbox
    change for ``entity``. With ``out`` the PDF is written there before the transaction commits,
    so a failure leaves neither a ledger row nor a file.
    """
    s = uow.session
    check_not_blocked(s)
    record_active(uow, active)
    station = station_row(s)
    sequence = allocate(s, station.code, kind)
    number = format_number(station.code, sequence, kind)
    day = local_date(uow.now)
    numbered = Numbered(
        station.code, station.name, sequence, number, display_number(number, day.year), day
    )
    drafted = draft(numbered)
    s.add(drafted.row)
    record_file(uow, number, drafted.pdf)
    s.flush()
    uow.change(
        entity,
        drafted.row.id,
        "issue",
        drafted.change(),
        audit_details={"number": number, **drafted.audit},
    )
    if out is not None:
        write_out(out, drafted.pdf)
    return numbered, drafted
