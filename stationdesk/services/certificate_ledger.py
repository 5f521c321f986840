"""The certificate ledger (台账): issued, voided and refused, filtered and exported (masked)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import mask_id_number
from stationdesk.domain.numbering import display_number
from stationdesk.domain.open311 import CHINA_TZ
from stationdesk.domain.roles import Permission
from stationdesk.printing.ledger import LedgerDocument, LedgerRow, render_ledger
from stationdesk.store.models import Station as StationRow
from stationdesk.store.models_certs import Certificate, RefusalNotice
from stationdesk.store.models_residents import Resident

from .actor import Actor, require
from .certificates import STATUS_VOID, active_catalog, active_refusal_guide
from .errors import InputError
from .station import Station
from .uow import unit_of_work

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
STATUS_LABELS_ZH = {"issued": "已出具", "void": "已作废", "refused": "不予出具"}
MAX_ROWS = 20_000


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
    status: str  # "issued", "void" or "refused"
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


def _rows(s: Session, flt: LedgerFilter) -> tuple[list[LedgerEntry], bool]:
    start, end = _bounds(flt)
    entries: list[LedgerEntry] = []
    truncated = False
    if flt.type_code != REFUSALS_ONLY:
        q = select(Certificate)
        if start:
            q = q.where(Certificate.issued_at >= start)
        if end:
            q = q.where(Certificate.issued_at < end)
        if flt.type_code:
            q = q.where(Certificate.type_code == flt.type_code)
        if flt.worker_id:
            q = q.where(Certificate.worker_id == flt.worker_id)
        certs = s.scalars(q.order_by(Certificate.issued_at.desc()).limit(MAX_ROWS + 1)).all()
        truncated = len(certs) > MAX_ROWS
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
        for c in certs[:MAX_ROWS]:
            entries.append(
                LedgerEntry(
                    kind=KIND_CERTIFICATE,
                    id=c.id,
                    number=c.number,
                    display_number=display_number(c.number, c.issue_date.year),
                    issued_at=c.issued_at,
                    day=c.issue_date,
                    type_code=c.type_code,
                    item=c.type_name,
                    holder_name=c.holder_name,
                    holder_id_masked=mask_id_number(c.holder_id_number),
                    purpose=c.purpose,
                    worker_id=c.worker_id,
                    worker_name=c.worker_name,
                    status=c.status,
                    status_zh=STATUS_LABELS_ZH[c.status],
                    reason=c.void_reason or "",
                    competent_body="",
                    valid_until=c.valid_until,
                    reissue_of=numbers.get(c.reissue_of) if c.reissue_of else None,
                    replaced_by=replaced.get(c.id),
                    resident_id=c.resident_id,
                )
            )
    q2 = select(RefusalNotice)
    if start:
        q2 = q2.where(RefusalNotice.issued_at >= start)
    if end:
        q2 = q2.where(RefusalNotice.issued_at < end)
    if flt.type_code and flt.type_code != REFUSALS_ONLY:
        q2 = q2.where(RefusalNotice.type_code == flt.type_code)
    if flt.worker_id:
        q2 = q2.where(RefusalNotice.worker_id == flt.worker_id)
    notices = s.scalars(q2.order_by(RefusalNotice.issued_at.desc()).limit(MAX_ROWS + 1)).all()
    truncated = truncated or len(notices) > MAX_ROWS
    wanted = {n.resident_id for n in notices[:MAX_ROWS]}
    ids: dict[str, str | None] = {}
    chunk = sorted(wanted)
    for start_at in range(0, len(chunk), 500):  # only the applicants' numbers, to mask them
        part = chunk[start_at : start_at + 500]
        query = select(Resident.id, Resident.id_number).where(Resident.id.in_(part))
        ids.update({rid: number for rid, number in s.execute(query)})
    for n in notices[:MAX_ROWS]:
        entries.append(
            LedgerEntry(
                kind=KIND_REFUSAL,
                id=n.id,
                number=n.number,
                display_number=display_number(n.number, n.notice_date.year),
                issued_at=n.issued_at,
                day=n.notice_date,
                type_code=n.type_code,
                item=n.requested_item,
                holder_name=n.applicant_name,
                holder_id_masked=mask_id_number(ids.get(n.resident_id) or ""),
                purpose=n.purpose,
                worker_id=n.worker_id,
                worker_name=n.worker_name,
                status="refused",
                status_zh=STATUS_LABELS_ZH["refused"],
                reason=n.reason_code,
                competent_body=n.competent_body,
                valid_until=None,
                reissue_of=None,
                replaced_by=None,
                resident_id=n.resident_id,
            )
        )
    entries.sort(key=lambda e: (e.issued_at, e.number), reverse=True)
    return entries, truncated


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


def _filter_text(station: Station, flt: LedgerFilter, result: Ledger) -> str:
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


def _reason_text(entry: LedgerEntry, labels: dict[str, str]) -> str:
    if entry.kind == KIND_REFUSAL:
        return labels.get(entry.reason, entry.reason)
    return entry.reason


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


def _cells(entry: LedgerEntry, labels: dict[str, str]) -> tuple[str, ...]:
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
        _reason_text(entry, labels),
        link,
    )


def _station_name(station: Station) -> str:
    with station.db.read_session() as s:
        return s.scalars(select(StationRow.name)).one()


def _audit_export(station: Station, actor: Actor, fmt: str, flt: LedgerFilter, rows: int) -> None:
    with unit_of_work(station, actor) as uow:
        uow.audit(
            "ledger.export",
            "ledger",
            "",
            {
                "format": fmt,
                "rows": rows,
                "from": flt.date_from.isoformat() if flt.date_from else None,
                "to": flt.date_to.isoformat() if flt.date_to else None,
                "type": flt.type_code,
                "worker_id": flt.worker_id,
            },
        )


def export_ledger_xlsx(station: Station, actor: Actor, flt: LedgerFilter, out: Path) -> Path:
    """Write the filtered ledger to an Excel workbook (IDs masked); the export is audited."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    result = ledger(station, actor, flt)
    labels = {r.code: r.label_zh for r in active_refusal_guide(station).reasons}
    book = Workbook()
    sheet = book.active
    sheet.title = "证明台账"
    sheet.append([f"{_station_name(station)} 证明出具台账"])
    sheet.append([_filter_text(station, flt, result)])
    c = result.counts
    sheet.append([f"出具 {c.issued} 份（其中作废 {c.void} 份），不予出具 {c.refused} 份"])
    sheet.append(list(HEADERS_ZH))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for entry in result.entries:
        sheet.append(list(_cells(entry, labels)))
    widths = (12, 22, 8, 26, 14, 22, 20, 10, 10, 30, 26)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A5"
    out = Path(out)
    try:
        book.save(out)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}", "无法写入导出文件。") from None
    _audit_export(station, actor, "xlsx", flt, len(result.entries))
    return out


def export_ledger_pdf(station: Station, actor: Actor, flt: LedgerFilter, out: Path) -> Path:
    """Write the filtered ledger as an A4 landscape PDF (IDs masked); the export is audited."""
    result = ledger(station, actor, flt)
    labels = {r.code: r.label_zh for r in active_refusal_guide(station).reasons}
    c = result.counts
    doc = LedgerDocument(
        title=f"{_station_name(station)} 证明出具台账",
        subtitle=_filter_text(station, flt, result),
        summary=f"出具 {c.issued} 份（其中作废 {c.void} 份），不予出具 {c.refused} 份",
        headers=HEADERS_ZH,
        rows=tuple(
            LedgerRow(_cells(e, labels), void=e.status == STATUS_VOID) for e in result.entries
        ),
        printed_at=station.now().astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M"),
    )
    out = Path(out)
    try:
        render_ledger(doc, out)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}", "无法写入导出文件。") from None
    _audit_export(station, actor, "pdf", flt, len(result.entries))
    return out
