from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from stationdesk.services import resident_import, residents
from stationdesk.services.errors import InputError
from tests.conftest import StationFixture
from tests.helpers import ids

idn = partial(ids.idn, birth="19850505")


HEADER = ["姓名", "公民身份号码", "联系电话", "楼栋", "单元", "房号", "与户主关系", "人员类别"]
GOOD = [
    ["王芳", idn(1), "13800000001", "3栋", "1单元", "101室", "户主", "党员"],
    ["李军", idn(3), "13800000003", "3", "1", "101", "配偶", ""],
    ["赵磊", idn(5), "", "5栋", "2", "502", "", "独居老人、残疾人"],
]
BAD = [
    ["钱多", idn(7)[:17] + ("0" if idn(7)[17] != "0" else "1"), "", "", "", "", "", ""],  # check
    ["孙", idn(9), "1380000", "", "", "", "", ""],  # phone
    ["", idn(11), "", "", "", "", "", ""],  # no name
    ["周到", idn(13), "", "6栋", "1", "", "", ""],  # building without room
]


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def counts(s: StationFixture) -> tuple[int, int, int]:
    with s.station.db.read_session() as ses:
        return (
            ses.scalar(text("SELECT count(*) FROM resident")) or 0,
            ses.scalar(text("SELECT count(*) FROM building")) or 0,
            ses.scalar(text("SELECT count(*) FROM household")) or 0,
        )


def test_mixed_file_imports_good_rows_and_reports_bad_ones(station: StationFixture, tmp_path):
    path = write_xlsx(
        tmp_path / "居民.xlsx", [GOOD[0], BAD[0], GOOD[1], BAD[1], BAD[2], GOOD[2], BAD[3]]
    )
    report = resident_import.import_file(station.station, station.worker, path)
    assert (report.rows, report.imported, report.skipped) == (7, 3, 0)
    assert [(e.row, e.reason_zh) for e in report.errors] == [
        (3, "身份证号校验位错误"),
        (5, "电话号码格式错误（手机号11位，座机如 0411-12345678）"),
        (6, "请输入姓名"),
        (8, "请填写室号"),
    ]
    assert sorted(report.created_buildings) == ["3栋", "5栋"]  # 6栋 came with a bad row only
    assert counts(station) == (3, 2, 2)
    found = residents.find_residents(station.station, station.worker, "3栋101")
    assert sorted(r.name for r in found) == ["李军", "王芳"]
    zhao = residents.find_residents(station.station, station.worker, "赵磊")[0]
    assert zhao.tags == ("独居老人", "残疾人")

    # the same file again: nothing new, nothing duplicated
    again = resident_import.import_file(station.station, station.worker, path)
    assert (again.imported, again.skipped, len(again.errors)) == (0, 3, 4)
    assert counts(station) == (3, 2, 2)


def test_dry_run_writes_nothing(station: StationFixture, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", GOOD)
    report = resident_import.import_file(station.station, station.worker, path, dry_run=True)
    assert report.dry_run and report.imported == 3
    assert counts(station) == (0, 0, 0)


def test_gbk_csv_with_a_column_mapping(station: StationFixture, tmp_path):
    path = tmp_path / "老台账.csv"
    lines = ["户籍姓名,身份号,手机\n", f"陈静,{idn(21)},13900000021\n"]
    path.write_bytes("".join(lines).encode("gb18030"))
    with pytest.raises(InputError):
        resident_import.import_file(station.station, station.worker, path)
    report = resident_import.import_file(
        station.station,
        station.worker,
        path,
        mapping={"户籍姓名": "name", "身份号": "id_number"},
    )
    assert report.imported == 1
    assert residents.find_residents(station.station, station.worker, "0021")[0].name == "陈静"


def test_unreadable_files_are_refused(station: StationFixture, tmp_path):
    junk = tmp_path / "x.xlsx"
    junk.write_bytes(b"not a workbook")
    for path in (junk, tmp_path / "missing.csv", tmp_path / "a.txt"):
        if path.suffix == ".txt":
            path.write_text("x")
        with pytest.raises(InputError):
            resident_import.import_file(station.station, station.worker, path)
