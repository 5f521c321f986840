"""Importing the resident spreadsheets stations already keep (.xlsx or .csv, Chinese headers)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stationdesk.domain.identity import DocumentType
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.store import residents_repo as repo
from stationdesk.store.models_residents import Building

from . import residents
from .actor import Actor, require
from .errors import InputError
from .station import Station
from .uow import unit_of_work

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
) -> ImportReport:
    """Import every good row; report bad rows by number. A row is all in or all out, and a
    person already registered (same ID number) is skipped, so re-running creates no duplicates.
    Buildings not yet on the station's list are added. A dry run writes nothing."""
    require(actor, Permission.HANDLE_MATTERS)
    rows = read_rows(path)
    headers = next(rows, None)
    if headers is None:
        raise InputError("the file is empty", "文件为空")
    columns = column_map(headers, mapping or {})
    imported = skipped = total = 0
    errors: list[RowError] = []
    created: list[str] = []

    class _DryRun(Exception):
        pass

    try:
        with unit_of_work(station, actor) as uow:
            for number, raw in enumerate(rows, start=2):
                values = {f: _cell(raw[i]) for i, f in columns.items() if i < len(raw)}
                if not any(values.values()):
                    continue
                total += 1
                if total > MAX_ROWS:
                    raise InputError(f"at most {MAX_ROWS} rows per file", "单个文件最多20万行")
                savepoint = uow.session.begin_nested()
                new_building = None
                try:
                    data = _input(values)
                    name = data.building
                    if name and repo.building_named(uow.session, name) is None:
                        uow.session.add(Building(id=new_id(), name=name, grid_id=None))
                        uow.session.flush()
                        new_building = name
                    residents.register_resident_in(uow, actor, data)
                    savepoint.commit()
                    imported += 1
                    if new_building:
                        created.append(new_building)
                except residents.DuplicateResidentError:
                    savepoint.rollback()
                    skipped += 1
                except InputError as exc:
                    savepoint.rollback()
                    errors.append(RowError(number, exc.message, exc.zh))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return ImportReport(total, imported, skipped, errors, created, dry_run)


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
