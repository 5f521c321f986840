from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from stationdesk.services import resident_import, residents
from stationdesk.services.errors import InputError
from tests.conftest import StationFixture
from tests.helpers.register import BAD, GOOD, HEADER, counts, idn


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


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
