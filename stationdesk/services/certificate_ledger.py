"""The certificate ledger (台账): issued, voided and refused, filtered and exported (masked)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.catalog import RefusalGuide
from stationdesk.domain.identity import mask_id_number
from stationdesk.domain.numbering import display_number
from stationdesk.domain.open311 import CHINA_TZ
from stationdesk.domain.roles import Permission
from stationdesk.printing.ledger import LedgerDocument, LedgerRow, render_ledger
from stationdesk.store.models_certs import Certificate, RefusalNotice
from stationdesk.store.models_residents import Resident

from .actor import Actor, require
from .certificates import STATUS_ISSUED, STATUS_VOID, active_catalog, active_refusal_guide
from .certificates.catalog import reason_label
from .certificates.common import document_day, shown_number, station_row
from .errors import InputError
from .station import Station
from .uow import unit_of_work
from .xlsx import append_row, save_workbook, set_column_widths

__all__ = [
    "KIND_CERTIFICATE",
    "KIND_REFUSAL",
    "REFUSALS_ONLY",
    "Ledger",
    "LedgerCounts",
    "LedgerEntry",
    "LedgerFilter",
    "export_ledger_pdf",
    "export_ledger_xlsx",
    "ledger",
]

KIND_CERTIFICATE = "certificate"
KIND_REFUSAL = "refusal"
#: A type filter value that keeps only refusal notices.
REFUSALS_ONLY = "REFUSAL"
STATUS_REFUSED = "refused"
STATUS_LABELS_ZH = {STATUS_ISSUED: "已出具", STATUS_VOID: "已作废", STATUS_REFUSED: "不予出具"}
MAX_ROWS = 20_000

RowT = TypeVar("RowT", Certificate, RefusalNotice)


@dataclass(frozen=True)
class LedgerFilter:
    """Which ledger rows to show: a date range (station-local, inclusive), a type, a worker."""

    date_from: date | None = None
    date_to: date | None = None
    type_code: str | None = None  # a catalog code, REFUSALS_ONLY, or None for everything
    worker_id: str | None = None


@dataclass(frozen=True)
class LedgerEntry:
    """One line of the ledger (the holder's ID masked)."""

    kind: str  # KIND_CERTIFICATE or KIND_REFUSAL
    id: str
    number: str
    display_number: str
    issued_at: datetime
    day: date
    type_code: str | None
    item: str  # the certificate's name, or the item a refusal was about
    holder_name: str
    holder_id_masked: str
    purpose: str
    worker_id: str
    worker_name: str
    status: str  # STATUS_ISSUED, STATUS_VOID or STATUS_REFUSED
    status_zh: str
    reason: str  # the void reason, or the refusal reason code
    competent_body: str
    valid_until: date | None
    reissue_of: str | None  # display number of the voided certificate this one replaces
    replaced_by: str | None  # display number of the certificate that replaced this one
    resident_id: str


@dataclass(frozen=True)
class LedgerCounts:
    """How many of each, within the filter."""

    issued: int
    void: int
    refused: int


@dataclass(frozen=True)
class Ledger:
    """Ledger rows (newest first), counts, and the choices the filters offer."""

    entries: tuple[LedgerEntry, ...]
    counts: LedgerCounts
    workers: tuple[tuple[str, str], ...]  # (worker id, display name) of everyone in the ledger
    types: tuple[tuple[str, str], ...]  # (code, Chinese name) of the active catalog
    truncated: bool = False


def _bounds(flt: LedgerFilter) -> tuple[datetime | None, datetime | None]:
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise InputError("the start date is after the end date", "开始日期晚于结束日期。")
    start = datetime.combine(flt.date_from, time(), CHINA_TZ) if flt.date_from else None
    end = (
        datetime.combine(flt.date_to + timedelta(days=1), time(), CHINA_TZ) if flt.date_to else None
    )
    return start, end


def _newest(s: Session, model: type[RowT], flt: LedgerFilter) -> tuple[Sequence[RowT], bool]:
    """The rows of one ledger table within the filter, newest first; whether more were cut."""
    start, end = _bounds(flt)
    q = select(model)
    if start:
        q = q.where(model.issued_at >= start)
    if end:
        q = q.where(model.issued_at < end)
    if flt.type_code and flt.type_code != REFUSALS_ONLY:
        q = q.where(model.type_code == flt.type_code)
    if flt.worker_id:
        q = q.where(model.worker_id == flt.worker_id)
    rows = s.scalars(q.order_by(model.issued_at.desc()).limit(MAX_ROWS + 1)).all()
    return rows[:MAX_ROWS], len(rows) > MAX_ROWS


def _entry(
    row: Certificate | RefusalNotice,
    kind: str,
    item: str,
    holder: tuple[str, str],
    status: str,
    reason: str,
    *,
    competent_body: str = "",
    valid_until: date | None = None,
    reissue_of: str | None = None,
    replaced_by: str | None = None,
) -> LedgerEntry:
    """A ledger line: what every row has, and what ``kind`` says (``holder``: name, ID number)."""
    return LedgerEntry(
        kind=kind,
        id=row.id,
        number=row.number,
        display_number=shown_number(row),
        issued_at=row.issued_at,
        day=document_day(row),
        type_code=row.type_code,
        item=item,
        holder_name=holder[0],
        holder_id_masked=mask_id_number(holder[1]),
        purpose=row.purpose,
        worker_id=row.worker_id,
        worker_name=row.worker_name,
        status=status,
        status_zh=STATUS_LABELS_ZH[status],
        reason=reason,
        competent_body=competent_body,
        valid_until=valid_until,
        reissue_of=reissue_of,
        replaced_by=replaced_by,
        resident_id=row.resident_id,
    )


def _certificate_entries(s: Session, flt: LedgerFilter) -> tuple[list[LedgerEntry], bool]:
    certs, truncated = _newest(s, Certificate, flt)
    numbers = {
        cid: display_number(number, day.year)
        for cid, number, day in s.execute(
            select(Certificate.id, Certificate.number, Certificate.issue_date)
        )
    }
    replaced = {
        old: numbers[new]
        for old, new in s.execute(
            select(Certificate.reissue_of, Certificate.id).where(
                Certificate.reissue_of.is_not(None)
            )
        )
    }
    entries = [
        _entry(
            c,
            KIND_CERTIFICATE,
            c.type_name,
            (c.holder_name, c.holder_id_number),
            c.status,
            c.void_reason or "",
            valid_until=c.valid_until,
            reissue_of=numbers.get(c.reissue_of) if c.reissue_of else None,
            replaced_by=replaced.get(c.id),
        )
        for c in certs
    ]
    return entries, truncated


def _refusal_entries(s: Session, flt: LedgerFilter) -> tuple[list[LedgerEntry], bool]:
    notices, truncated = _newest(s, RefusalNotice, flt)
    ids: dict[str, str | None] = {}
    chunk = sorted({n.resident_id for n in notices})
    for start_at in range(0, len(chunk), 500):  # only the applicants' numbers, to mask them
        part = chunk[start_at : start_at + 500]
        query = select(Resident.id, Resident.id_number).where(Resident.id.in_(part))
        ids.update({rid: number for rid, number in s.execute(query)})
    entries = [
        _entry(
            n,
            KIND_REFUSAL,
            n.requested_item,
            (n.applicant_name, ids.get(n.resident_id) or ""),
            STATUS_REFUSED,
            n.reason_code,
            competent_body=n.competent_body,
        )
        for n in notices
    ]
    return entries, truncated


def _rows(s: Session, flt: LedgerFilter) -> tuple[list[LedgerEntry], bool]:
    entries: list[LedgerEntry] = []
    truncated = False
    if flt.type_code != REFUSALS_ONLY:
        entries, truncated = _certificate_entries(s, flt)
    refusals, refusals_truncated = _refusal_entries(s, flt)
    entries.extend(refusals)
    entries.sort(key=lambda e: (e.issued_at, e.number), reverse=True)
    return entries, truncated or refusals_truncated


def ledger(station: Station, actor: Actor, flt: LedgerFilter | None = None) -> Ledger:
    """The ledger within the filter, newest first, with counts of issued, void and refused."""
    require(actor, Permission.HANDLE_MATTERS)
    flt = flt or LedgerFilter()
    catalog = active_catalog(station)
    with station.db.read_session() as s:
        entries, truncated = _rows(s, flt)
        workers = sorted(
            {
                (wid, name)
                for wid, name in [
                    *s.execute(select(Certificate.worker_id, Certificate.worker_name).distinct()),
                    *s.execute(
                        select(RefusalNotice.worker_id, RefusalNotice.worker_name).distinct()
                    ),
                ]
            },
            key=lambda w: w[1],
        )
    counts = LedgerCounts(
        issued=sum(1 for e in entries if e.kind == KIND_CERTIFICATE),
        void=sum(1 for e in entries if e.status == STATUS_VOID),
        refused=sum(1 for e in entries if e.kind == KIND_REFUSAL),
    )
    return Ledger(
        entries=tuple(entries),
        counts=counts,
        workers=tuple(workers),
        types=tuple((t.code, t.name_zh) for t in catalog),
        truncated=truncated,
    )


def _filter_text(flt: LedgerFilter, result: Ledger) -> str:
    parts = [
        f"日期：{flt.date_from.isoformat() if flt.date_from else '不限'} 至 "
        f"{flt.date_to.isoformat() if flt.date_to else '不限'}"
    ]
    if flt.type_code == REFUSALS_ONLY:
        parts.append("类别：不予出具告知书")
    elif flt.type_code:
        names = dict(result.types)
        parts.append(f"事项：{names.get(flt.type_code, flt.type_code)}")
    if flt.worker_id:
        names = dict(result.workers)
        parts.append(f"经办人：{names.get(flt.worker_id, '?')}")
    return "　".join(parts)


HEADERS_ZH = (
    "日期",
    "编号",
    "类别",
    "事项",
    "持证人/申请人",
    "证件号码",
    "用途",
    "经办人",
    "状态",
    "作废/不予出具理由",
    "补发关系",
)


def _cells(entry: LedgerEntry, guide: RefusalGuide) -> tuple[str, ...]:
    link = ""
    if entry.reissue_of:
        link = f"补发自 {entry.reissue_of}"
    elif entry.replaced_by:
        link = f"已补发为 {entry.replaced_by}"
    return (
        entry.day.isoformat(),
        entry.display_number,
        "证明" if entry.kind == KIND_CERTIFICATE else "告知书",
        entry.item,
        entry.holder_name,
        entry.holder_id_masked,
        entry.purpose,
        entry.worker_name,
        entry.status_zh,
        reason_label(guide, entry.reason) if entry.kind == KIND_REFUSAL else entry.reason,
        link,
    )


@dataclass(frozen=True)
class _Export:
    """What both export formats show: the rows and the texts above them."""

    ledger: Ledger
    guide: RefusalGuide  # to name the refusal reasons
    title: str
    subtitle: str
    summary: str


def _export(station: Station, actor: Actor, flt: LedgerFilter) -> _Export:
    result = ledger(station, actor, flt)
    guide = active_refusal_guide(station)
    with station.db.read_session() as s:
        station_name = station_row(s).name
    c = result.counts
    return _Export(
        ledger=result,
        guide=guide,
        title=f"{station_name} 证明出具台账",
        subtitle=_filter_text(flt, result),
        summary=f"出具 {c.issued} 份（其中作废 {c.void} 份），不予出具 {c.refused} 份",
    )


def _write(
    station: Station,
    actor: Actor,
    flt: LedgerFilter,
    export: _Export,
    fmt: str,
    save: Callable[[Path], object],
    out: Path,
) -> Path:
    """Save an export to ``out`` and audit it (the format, the row count and the filter)."""
    out = Path(out)
    try:
        save(out)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}", "无法写入导出文件。") from None
    with unit_of_work(station, actor) as uow:
        uow.audit(
            "ledger.export",
            "ledger",
            "",
            {
                "format": fmt,
                "rows": len(export.ledger.entries),
                "from": flt.date_from.isoformat() if flt.date_from else None,
                "to": flt.date_to.isoformat() if flt.date_to else None,
                "type": flt.type_code,
                "worker_id": flt.worker_id,
            },
        )
    return out


def export_ledger_xlsx(station: Station, actor: Actor, flt: LedgerFilter, out: Path) -> Path:
    """Write the filtered ledger to an Excel workbook (IDs masked, texts inert); audited."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    export = _export(station, actor, flt)
    book = Workbook()
    sheet = book.active
    sheet.title = "证明台账"
    append_row(sheet, [export.title])
    append_row(sheet, [export.subtitle])
    append_row(sheet, [export.summary])
    append_row(sheet, HEADERS_ZH)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for entry in export.ledger.entries:
        append_row(sheet, _cells(entry, export.guide))
    set_column_widths(sheet, (12, 22, 8, 26, 14, 22, 20, 10, 10, 30, 26))
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A5"
    return _write(station, actor, flt, export, "xlsx", lambda path: save_workbook(book, path), out)


def export_ledger_pdf(station: Station, actor: Actor, flt: LedgerFilter, out: Path) -> Path:
    """Write the filtered ledger as an A4 landscape PDF (IDs masked); the export is audited."""
    export = _export(station, actor, flt)
    doc = LedgerDocument(
        title=export.title,
        subtitle=export.subtitle,
        summary=export.summary,
        headers=HEADERS_ZH,
        rows=tuple(
            LedgerRow(_cells(e, export.guide), void=e.status == STATUS_VOID)
            for e in export.ledger.entries
        ),
        printed_at=station.now().astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M"),
    )
    return _write(station, actor, flt, export, "pdf", lambda path: render_ledger(doc, path), out)
