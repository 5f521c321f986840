"""Case metrics through the service on a hand-computed month, and the Excel and PDF reports."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stationdesk.domain.cases import CaseState
from stationdesk.domain.metrics import MetricsRule
from stationdesk.services import cases, reports
from stationdesk.services.errors import InputError, PermissionDeniedError
from tests.conftest import StationFixture
from tests.helpers.cases import MARCH, build_march, local_at, new_case
from tests.helpers.poppler import needs_poppler


def test_metrics_on_a_hand_computed_month(station: StationFixture):
    st = station
    ids = build_march(st)
    report = reports.case_metrics(st.station, st.worker, *MARCH)
    m = report.overall
    # registered in March: A-G = 7; accepted: A, B, D, F, G = 5 (C refused, E undecided)
    assert (m.registered, m.accepted, m.not_accepted) == (7, 5, 1)
    assert m.acceptance_rate == pytest.approx(5 / 7)
    # due in March (not refused): A 03-03, B 03-09, D 03-11, E 03-06, F 03-23 = 5 (G: 04-08)
    # closed by 03-31: A, B = 2; on time: A only (B closed 03-10 after 03-09)
    assert (m.due, m.closed, m.closed_on_time) == (5, 2, 1)
    assert m.completion_rate == pytest.approx(2 / 5)
    assert m.on_time_rate == pytest.approx(1 / 5)
    # referrals with known timeliness: B (in time), D (late); G pending
    assert (m.referrals, m.referrals_acked_in_time, m.referrals_pending_ack) == (2, 1, 1)
    assert m.timely_ack_rate == pytest.approx(1 / 2)
    # resolved in March and still resolved: A, B, D (F was reopened); followed up: A, B
    assert (m.resolved, m.followed_up) == (3, 2)
    assert m.follow_up_rate == pytest.approx(2 / 3)
    # rated: A 满意, B 基本满意 (counted by default) -> 2 of 2
    assert (m.rated, m.satisfied) == (2, 2)
    assert m.satisfaction_rate == pytest.approx(1.0)

    by_worker = {g.label: g.metrics for g in report.by_worker}
    assert set(by_worker) == {"王芳", "李站长"}
    wang, li = by_worker["王芳"], by_worker["李站长"]
    assert (wang.registered, wang.accepted, wang.due, wang.closed) == (5, 4, 4, 2)
    assert (li.registered, li.accepted, li.not_accepted, li.due, li.resolved) == (2, 1, 1, 1, 0)
    by_grid = {g.label: g.metrics for g in report.by_grid}
    assert set(by_grid) == {"G1", "G2", "未标注网格"}
    assert (by_grid["G1"].registered, by_grid["G1"].closed, by_grid["G1"].satisfied) == (2, 2, 2)
    assert by_grid["未标注网格"].registered == 3
    by_type = {g.key: g for g in report.by_type}
    assert by_type["POLICY_CONSULTATION"].label == "政策咨询"
    assert by_type["POLICY_CONSULTATION"].metrics.registered == 3  # A, E, F
    assert by_type["RESIDENT_PENSION_ENROLMENT"].metrics.referrals == 2

    # overdue now (04-01): E (due 03-06), D (03-11, resolved but never closed), F (03-23)
    assert [c.id for c in report.overdue] == [ids["E"], ids["D"], ids["F"]]
    assert report.overdue[1].state is CaseState.RESOLVED

    # the rule: 基本满意 not counted -> 1 of 2
    strict = reports.case_metrics(
        st.station, st.worker, *MARCH, rule=MetricsRule(count_basic_satisfied=False)
    )
    assert strict.overall.satisfaction_rate == pytest.approx(0.5)
    # a period without cases has no rates
    empty = reports.case_metrics(st.station, st.worker, date(2025, 1, 1), date(2025, 1, 31))
    assert empty.overall.acceptance_rate is None and empty.by_worker == ()


def test_the_rule_is_a_station_setting(station: StationFixture):
    st = station
    build_march(st)
    assert reports.metrics_rule(st.station) == MetricsRule()
    with pytest.raises(PermissionDeniedError):
        reports.set_metrics_rule(st.station, st.worker, count_basic_satisfied=False)
    reports.set_metrics_rule(st.station, st.head, count_basic_satisfied=False)
    assert reports.metrics_rule(st.station).count_basic_satisfied is False
    report = reports.case_metrics(st.station, st.worker, *MARCH)
    assert report.overall.satisfaction_rate == pytest.approx(0.5)
    with pytest.raises(InputError):
        reports.set_metrics_rule(
            st.station, st.admin, count_basic_satisfied=True, ack_limit_working_days=99
        )


def test_bad_periods_are_refused(station: StationFixture):
    with pytest.raises(InputError):
        reports.case_metrics(station.station, station.worker, date(2026, 3, 2), date(2026, 3, 1))
    with pytest.raises(InputError):
        reports.month_period(2026, 13)
    assert reports.month_period(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))


def test_excel_report_reads_back_the_same_numbers(station: StationFixture, tmp_path: Path):
    st = station
    build_march(st)
    files = reports.export_report(st.station, st.worker, *MARCH, out_dir=tmp_path)
    assert files.xlsx.name == "case-report-SY0101-2026-03.xlsx"
    wb = load_workbook(files.xlsx)
    assert wb.sheetnames == ["总体指标", "按工作人员", "按事项类型", "按网格", "超期事项"]
    ws = wb["总体指标"]
    assert ws["A1"].value == "2026年3月事项办理月报"
    rows = {r[0]: r[1:] for r in ws.iter_rows(min_row=5, max_row=10, values_only=True)}
    assert rows["受理率"] == (pytest.approx(5 / 7), 5, 7)
    assert rows["办结率"] == (pytest.approx(0.4), 2, 5)
    assert rows["按期办结率"] == (pytest.approx(0.2), 1, 5)
    assert rows["及时签收率"] == (pytest.approx(0.5), 1, 2)
    assert rows["回访率"] == (pytest.approx(2 / 3), 2, 3)
    assert rows["满意率"] == (pytest.approx(1.0), 2, 2)
    assert ws["B5"].number_format == "0.0%"
    workers = {r[0]: r for r in wb["按工作人员"].iter_rows(min_row=5, values_only=True)}
    assert set(workers) == {"王芳", "李站长"} and workers["王芳"][1] == 5
    overdue = list(wb["超期事项"].iter_rows(min_row=5, values_only=True))
    assert [r[0] for r in overdue] == ["SY0101-C-000005", "SY0101-C-000004", "SY0101-C-000006"]
    assert overdue[0][7] == 26  # 03-06 to 04-01


@needs_poppler
def test_pdf_report_has_the_numbers_and_embeds_the_font(station: StationFixture, tmp_path: Path):
    st = station
    build_march(st)
    # a summary with a phone number must come out masked
    st.clock.now = local_at(2026, 3, 9)
    cases.open_case(st.station, st.worker, new_case(summary="居民13800138000反映楼道灯坏"))
    st.clock.now = local_at(2026, 4, 1)
    files = reports.export_report(st.station, st.worker, *MARCH, out_dir=tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(files.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2026年3月事项办理月报" in text
    assert "星海社区党群服务站" in text and "2026-03-01 至 2026-03-31" in text
    for label, value in (
        ("受理率", "62.5%"),  # 5 of 8 now (the extra case is undecided)
        ("办结率", "33.3%"),
        ("按期办结率", "16.7%"),
        ("及时签收率", "50.0%"),
        ("回访率", "66.7%"),
        ("满意率", "100.0%"),
    ):
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(label))
        assert value in line, (label, line)
    assert "王芳" in text and "李站长" in text and "未标注网格" in text
    assert "13800138000" not in text and "138****8000" in text
    fonts = subprocess.run(
        ["pdffonts", str(files.pdf)], capture_output=True, text=True, check=True
    ).stdout
    font_lines = fonts.splitlines()[2:]
    assert font_lines and all("WenQuanYi" in ln for ln in font_lines)
    assert all(ln.split()[-5] == "yes" for ln in font_lines)  # embedded
