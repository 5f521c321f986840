"""Importing the resident spreadsheets stations already keep (.xlsx or .csv, Chinese headers)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from stationdesk.domain.identity import DocumentType
from stationdesk.domain.ids import new_id
from stationdesk.domain.residents import SERVICE_TAGS
from stationdesk.domain.roles import Permission
from stationdesk.store import residents_repo as repo
from stationdesk.store.models_residents import Building, Grid, Household, Resident

from . import residents
from .actor import Actor, require
from .errors import InputError
from .residents.synced import DATE_COLUMNS, LIST_COLUMNS, building_payload, sync_payload
from .residents.validation import (
    CheckedIdentity,
    check_ethnicity,
    check_identity,
    check_phones,
    check_relation,
    check_room,
    check_tags,
    invalid,
    text_or_none,
)
from .residents.views import terms_for
from .station import Station
from .uow import UnitOfWork, unit_of_work

# Header aliases (lower-cased, spaces removed) for each field.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name", "居民姓名"),
    "name_pinyin": ("姓名拼音", "拼音", "读音", "name_pinyin"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "证件号码",
        "证件号",
        "id_number",
        "id",
    ),
    "id_type": ("证件类型", "id_type"),
    "phones": ("手机", "手机号", "手机号码", "联系电话", "电话", "phone", "phones"),
    "ethnicity": ("民族", "ethnicity"),
    "building": ("楼栋", "楼号", "楼", "building"),
    "unit": ("单元", "unit"),
    "room": ("室", "房号", "门牌号", "室号", "room"),
    "relation": ("与户主关系", "关系", "relation"),
    "grid": ("网格", "所属网格", "grid"),
    "tags": ("标签", "人员类别", "tags"),
    "note": ("备注", "note"),
}
ID_TYPE_ALIASES = {
    "居民身份证": DocumentType.RESIDENT_ID,
    "身份证": DocumentType.RESIDENT_ID,
    "港澳台居民居住证": DocumentType.HMT_RESIDENCE_PERMIT,
    "居住证": DocumentType.HMT_RESIDENCE_PERMIT,
    "护照": DocumentType.PASSPORT,
    "其他": DocumentType.OTHER,
}
MAX_ROWS = 200_000
MAX_FILE_ROWS = 2 * MAX_ROWS  # rows in a file, the header and blank rows included
MAX_COLUMNS = 1_000
BATCH_ROWS = 1_000
"""Rows per write transaction: short enough that a search or a registration at the desk waits
for one batch at most, long enough that an import runs near the speed of a bulk insert."""
HOUSEHOLDS = cast(Table, Household.__table__)
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # how UTCDateTime columns hold a time in SQLite


@dataclass(frozen=True)
class RowError:
    """A row that was not imported, and why."""

    row: int
    reason: str
    reason_zh: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    rows: int
    imported: int
    skipped: int
    errors: list[RowError] = field(default_factory=list)
    created_buildings: list[str] = field(default_factory=list)
    dry_run: bool = False
    cancelled: bool = False
    remaining: int = 0  # rows not looked at because the import was cancelled


def _key(header: Any) -> str:
    return str(header or "").strip().lower().replace(" ", "")


def column_map(headers: list[Any], extra: dict[str, str]) -> dict[int, str]:
    """Which column holds which field; raises InputError when name or ID column is missing."""
    aliases = {_key(a): f for f, names in HEADER_ALIASES.items() for a in names}
    aliases |= {_key(k): v for k, v in extra.items()}
    bad = sorted(set(extra.values()) - set(HEADER_ALIASES))
    if bad:
        raise InputError(f"unknown field in --map: {', '.join(bad)}", "--map 中的字段名无效")
    out = {i: aliases[_key(h)] for i, h in enumerate(headers) if _key(h) in aliases}
    missing = {"name", "id_number"} - set(out.values())
    if missing:
        raise InputError(
            f"no column for {', '.join(sorted(missing))}; use --map COLUMN=FIELD",
            "找不到姓名或证件号码列，请用 --map 指定列名",
        )
    return out


def read_rows(path: Path) -> Iterator[list[Any]]:
    """Rows of the first sheet of an .xlsx, or of a UTF-8 / GBK .csv. A file with more than
    MAX_FILE_ROWS rows or a value beyond column MAX_COLUMNS is refused (InputError)."""
    suffix = path.suffix.lower()
    try:
        found = path.is_file()
    except (OSError, ValueError):  # e.g. a name too long for the file system
        found = False
    if not found:
        raise InputError(f"no file at {path}", "找不到文件")
    if suffix == ".xlsx":
        yield from _capped(_xlsx_rows(path))
    elif suffix == ".csv":
        yield from _capped(_csv_rows(path))
    else:
        raise InputError("import takes an .xlsx or .csv file", "只能导入 .xlsx 或 .csv 文件")


def _xlsx_rows(path: Path) -> Iterator[Sequence[Any]]:
    """The first sheet's rows as they are in the file, whatever size the sheet claims."""
    from openpyxl import load_workbook

    unreadable = InputError("the file is not a readable .xlsx workbook", "无法读取该Excel文件")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:
        raise unreadable from None
    try:
        if not wb.worksheets:
            raise unreadable
        sheet = wb.worksheets[0]
        # The <dimension> a file declares is not trusted for reading: openpyxl would pad every
        # row and the sheet to it (a few KB claiming A1:XFD1048576 takes minutes), or drop the
        # rows beyond it. A claim beyond the caps is refused; the rows are then read as stored.
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
        if rows > MAX_FILE_ROWS or columns > MAX_COLUMNS:
            raise InputError(
                f"the sheet claims {rows:,} rows and {columns:,} columns; a register may have "
                f"at most {MAX_FILE_ROWS:,} rows and {MAX_COLUMNS:,} columns",
                f"工作表声称有{rows}行、{columns}列，超出上限（最多{MAX_FILE_ROWS}行、{MAX_COLUMNS}列）",
            )
        sheet.reset_dimensions()
        cells = sheet.iter_rows(values_only=True)
        number = 0
        while True:
            try:
                row = next(cells, None)
            except Exception:  # malformed sheet XML, a bad shared-string index or cell value
                raise InputError(
                    f"the workbook cannot be read after row {number}",
                    f"Excel文件第{number}行之后无法读取",
                ) from None
            if row is None:
                return
            number += 1
            yield row
    finally:
        wb.close()


def _csv_rows(path: Path) -> Iterator[Sequence[Any]]:
    """The records of a UTF-8 or GBK .csv; a malformed record is refused by its row number."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise InputError("the .csv is neither UTF-8 nor GBK", "CSV文件编码无法识别")
    records = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            row = next(records, None)
        except csv.Error as exc:
            limit = csv.field_size_limit()
            if "field limit" in str(exc):
                raise InputError(
                    f"row {number}: a cell is longer than {limit:,} characters",
                    f"第{number}行：单元格超过{limit}个字符",
                ) from None
            raise InputError(
                f"row {number} is not valid CSV", f"第{number}行不是有效的CSV"
            ) from None
        if row is None:
            return
        yield row


def _capped(rows: Iterator[Sequence[Any]]) -> Iterator[list[Any]]:
    """``rows`` as lists, refusing a file beyond MAX_FILE_ROWS rows or MAX_COLUMNS columns;
    empty cells beyond the last column allowed are dropped."""
    for number, row in enumerate(rows, start=1):
        if number > MAX_FILE_ROWS:
            raise InputError(
                f"the file has more than {MAX_FILE_ROWS:,} rows; split it",
                f"文件超过{MAX_FILE_ROWS}行，请拆分后导入",
            )
        values = list(row)
        if len(values) > MAX_COLUMNS:
            if any(v is not None and v != "" for v in values[MAX_COLUMNS:]):
                raise InputError(
                    f"row {number} has values beyond column {MAX_COLUMNS:,}",
                    f"第{number}行超过{MAX_COLUMNS}列",
                )
            del values[MAX_COLUMNS:]
        yield values


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_file(
    station: Station,
    actor: Actor,
    path: Path,
    *,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> ImportReport:
    """Import every good row; report bad rows by number. A row is all in or all out, and a
    person already registered (same ID number, in the station or earlier in the file) is
    skipped, so re-running creates no duplicates and resumes an import that was cancelled.
    Buildings not yet on the station's list are added. A dry run writes nothing.

    The whole file is read and checked for its shape first (a file refused writes nothing);
    the rows then go in batches of ``batch_rows``, each its own short write transaction, so the
    desk stays usable meanwhile. ``progress(done, total)`` is called after each batch; when
    ``cancel()`` turns true the import stops between batches, what is in stays in, and the
    report says it was cancelled.
    """
    require(actor, Permission.HANDLE_MATTERS)
    rows = read_rows(path)
    headers = next(rows, None)
    if headers is None:
        raise InputError("the file is empty", "文件为空")
    columns = column_map(headers, mapping or {})
    pending: list[tuple[int, dict[str, str]]] = []
    for number, raw in enumerate(rows, start=2):
        values = {f: _cell(raw[i]) for i, f in columns.items() if i < len(raw)}
        if not any(values.values()):
            continue
        if len(pending) >= MAX_ROWS:
            raise InputError(f"at most {MAX_ROWS} rows per file", "单个文件最多20万行")
        pending.append((number, values))
    run = _Run(actor, dry_run)
    total = len(pending)
    done = 0
    cancelled = False
    for start in range(0, total, max(1, batch_rows)):
        if cancel is not None and cancel():
            cancelled = True
            break
        batch = pending[start : start + batch_rows]
        if dry_run:
            with station.db.read_session() as session:
                run.plan(session, station.now(), batch)
        else:
            with unit_of_work(station, actor) as uow:
                run.write(uow, run.plan(uow.session, uow.now, batch))
        done += len(batch)
        if progress is not None:
            progress(done, total)
    return ImportReport(
        done, run.imported, run.skipped, run.errors, run.created, dry_run, cancelled, total - done
    )


@dataclass
class _Good:
    """A row that passed every check, as the resident it becomes."""

    resident: Resident
    building: str | None
    new_household: bool


@dataclass
class _Plan:
    """What one batch adds: buildings, households and residents."""

    buildings: list[Building]
    households: list[dict[str, Any]]
    residents: list[_Good]
    building_names: dict[str, str]


class _Run:
    """One import's running totals, and the ID numbers it has taken in so far."""

    def __init__(self, actor: Actor, dry_run: bool) -> None:
        self.actor = actor
        self.dry_run = dry_run
        self.imported = 0
        self.skipped = 0
        self.errors: list[RowError] = []
        self.created: list[str] = []
        self.taken: set[str] = set()  # numbers imported by this run (a dry run writes none)
        self.dry_buildings: dict[str, tuple[str, str | None]] = {}

    def plan(self, s: Session, now: datetime, batch: list[tuple[int, dict[str, str]]]) -> _Plan:
        """Check a batch's rows in file order, with one query each for the ID numbers already
        registered, the buildings, grids and households; count the good, skipped and bad."""
        checked: list[tuple[int, residents.ResidentInput, CheckedIdentity]] = []
        errors: list[RowError] = []
        for number, values in batch:
            try:
                data = _input(values)
                checked.append((number, data, check_identity(data, now.date())))
            except InputError as exc:
                errors.append(RowError(number, exc.message, exc.zh))
        registered = repo.registered_numbers(s, {doc.number for _n, _d, doc in checked})
        buildings = {
            name: (bid, grid)
            for bid, name, grid in s.execute(select(Building.id, Building.name, Building.grid_id))
        } | self.dry_buildings
        grids = list(s.execute(select(Grid.id, Grid.code, Grid.name)))
        listed = {buildings[d.building][0] for _n, d, _doc in checked if d.building in buildings}
        households = repo.first_households(s, listed)
        plan = _Plan([], [], [], {bid: name for name, (bid, _g) in buildings.items()})
        for number, data, doc in checked:
            if doc.number in registered or doc.number in self.taken:
                self.skipped += 1
                continue
            try:
                good = self._resident(data, doc, now, buildings, grids, households, plan)
            except InputError as exc:
                errors.append(RowError(number, exc.message, exc.zh))
                continue
            self.taken.add(doc.number)
            self.imported += 1
            plan.residents.append(good)
        self.errors += sorted(errors, key=lambda e: e.row)
        return plan

    def _resident(
        self,
        data: residents.ResidentInput,
        doc: CheckedIdentity,
        now: datetime,
        buildings: dict[str, tuple[str, str | None]],
        grids: list[Any],
        households: dict[tuple[str, str | None, str], str],
        plan: _Plan,
    ) -> _Good:
        """The resident a row becomes; checks in the order ``register_resident_in`` makes them.
        A building or household it needs is added to the plan."""
        phones = check_phones(data.phones)
        tags = check_tags(data.tags, SERVICE_TAGS, "tags")
        check_ethnicity(data.ethnicity)
        check_relation(data.relation)
        unit = text_or_none(data.unit)
        room = text_or_none(data.room)
        if data.building and not room:  # the import adds any building a row names
            check_room(Building(name=data.building), room)
        grid = _grid(grids, data.grid)
        building = None
        if data.building:
            building = buildings.get(data.building)
            if building is None:
                building = (new_id(), None)
                buildings[data.building] = building
                plan.building_names[building[0]] = data.building
                plan.buildings.append(Building(id=building[0], name=data.building, grid_id=None))
                self.created.append(data.building)
                if self.dry_run:
                    self.dry_buildings[data.building] = building
        household_id = None
        relation = data.relation
        added = False
        if building is not None and room:
            address = (building[0], unit, room)
            household_id = households.get(address)
            if household_id is None:
                household_id = households[address] = new_id()
                plan.households.append(
                    {
                        "id": household_id,
                        "building_id": building[0],
                        "unit": unit,
                        "room": room,
                        "created_at": now,
                    }
                )
                added = True
                relation = relation or "户主"
        resident = Resident(
            id=new_id(),
            name=doc.name,
            name_pinyin=doc.reading,
            id_type=doc.id_type.value,
            id_number=doc.number,
            sex=doc.sex,
            birth_date=doc.birth,
            ethnicity=data.ethnicity,
            phones=phones,
            building_id=building[0] if building else None,
            unit=unit,
            room=room,
            household_id=household_id,
            relation=relation,
            grid_id=grid if grid else building[1] if building else None,
            tags=tags,
            sensitive_tags=[],
            note=data.note,
            created_at=now,
            updated_at=now,
            version=1,
        )
        return _Good(resident, data.building, added)

    def write(self, uow: UnitOfWork, plan: _Plan) -> None:
        """Add a batch's buildings, households and residents with their search terms, audit
        records and outbox ops, in the caller's transaction."""
        s = uow.session
        if plan.buildings:
            s.add_all(plan.buildings)
            s.flush()
            for b in plan.buildings:
                uow.outbox("building", b.id, "create", building_payload(b))
        if plan.households:
            s.execute(insert(HOUSEHOLDS), plan.households)
        if not plan.residents:
            return
        seq = repo.next_resident_seq(s)
        rows: list[tuple[Any, ...]] = []
        terms: list[tuple[str, int]] = []
        for good in plan.residents:
            r = good.resident
            r.seq = seq
            rows.append(_raw_row(r))
            terms.extend((t, seq) for t in terms_for(r, plan.building_names))
            seq += 1
        repo.insert_residents(s.connection().connection.driver_connection, rows, terms)
        for good in plan.residents:
            r = good.resident
            uow.change("resident", r.id, "create", sync_payload(r, plan.building_names))


def _grid(grids: list[Any], code_or_name: str | None) -> str | None:
    """The id of the grid with this code or name (as ``known_grid`` finds it), or None."""
    if not code_or_name:
        return None
    for gid, code, name in grids:
        if code_or_name in (code, name):
            return str(gid)
    raise invalid(f"unknown grid {code_or_name!r}", f"网格“{code_or_name}”不存在", "grid")


def _raw_row(r: Resident) -> tuple[Any, ...]:
    """A new resident's values as SQLAlchemy would store them, in RESIDENT_BULK_COLUMNS order."""
    out: list[Any] = []
    for name in repo.RESIDENT_BULK_COLUMNS:
        value = getattr(r, name)
        if name in LIST_COLUMNS:
            value = json.dumps(list(value))
        elif name in DATE_COLUMNS:
            value = value.isoformat() if value else None
        elif isinstance(value, datetime):
            value = value.astimezone(UTC).strftime(DATETIME_FORMAT)
        out.append(value)
    return tuple(out)


def _input(values: dict[str, str]) -> residents.ResidentInput:
    id_type_text = values.get("id_type", "")
    id_type = ID_TYPE_ALIASES.get(id_type_text, DocumentType.RESIDENT_ID)
    if id_type_text and id_type_text not in ID_TYPE_ALIASES:
        raise InputError(f"unknown document type {id_type_text!r}", f"未知证件类型：{id_type_text}")

    def split(text: str) -> tuple[str, ...]:
        for sep in "、;；/，":
            text = text.replace(sep, ",")
        return tuple(p.strip() for p in text.split(",") if p.strip())

    building = values.get("building") or None
    if building and building.isdigit():
        building = f"{building}栋"
    unit = (values.get("unit") or "").removesuffix("单元") or None
    room = (values.get("room") or "").removesuffix("室") or None
    return residents.ResidentInput(
        name=values.get("name", ""),
        name_pinyin=values.get("name_pinyin") or None,
        id_number=values.get("id_number", ""),
        id_type=id_type,
        phones=split(values.get("phones", "")),
        ethnicity=values.get("ethnicity") or None,
        building=building,
        unit=unit,
        room=room,
        relation=values.get("relation") or None,
        grid=values.get("grid") or None,
        tags=split(values.get("tags", "")),
        note=values.get("note") or None,
    )
