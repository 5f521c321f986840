"""Case metrics through the service on a hand-computed month, and the Excel and PDF reports."""

from __future__ import annotations

import shutil
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
from tests.services.test_cases import local_at, new_case

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdffonts")),
    reason="poppler-utils not installed",
)

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def build_march(st: StationFixture) -> dict[str, str]:
    """Seven cases in March 2026 (no holidays in March; Qingming is Apr 4-6).

    A  Mon 03-02 王芳 政策咨询 (1 day, due 03-03), grid G1: on the spot, 满意, closed 03-02.
    B  Mon 03-02 王芳 养老保险 (5 days, due 03-09), G1: referred 03-02, acked 03-03 (in time),
       replied/verified/resolved 03-05, 基本满意 03-06, closed 03-10 (late).
    C  Tue 03-03 李站长 家庭医生 (5 days), G2: not accepted.
    D  Wed 03-04 王芳 养老保险 (due 03-11), no grid: referred 03-04, acked 03-06 (late: the
       limit was 03-05), resolved 03-09, never followed up or closed.
    E  Thu 03-05 王芳 政策咨询 (due 03-06), no grid: still REGISTERED.
    F  Fri 03-20 李站长 政策咨询 (due 03-23), G2: on the spot, 不满意 -> reopened.
    G  Tue 03-31 王芳 养老保险 (due 04-08 over Qingming), no grid: referred 03-31, not acked.
    The report is computed on Wed 04-01 10:00, when G's ack limit (04-01) has not passed.
    """
    w, h, s = st.worker, st.head, st.station
    ids: dict[str, str] = {}

    def at(month: int, day: int, hour: int = 10, minute: int = 0) -> None:
        st.clock.now = local_at(2026, month, day, hour, minute)

    at(3, 2)
    ids["A"] = cases.open_case(s, w, new_case(grid="G1", resolve_on_the_spot="当场解答")).case.id
    at(3, 2, 10, 5)
    cases.rate(s, w, ids["A"], "satisfied")
    at(3, 2, 10, 6)
    cases.act(s, w, ids["A"], "close")

    at(3, 2, 11)
    ids["B"] = cases.open_case(s, w, new_case("RESIDENT_PENSION_ENROLMENT", grid="G1")).case.id
    cases.act(s, w, ids["B"], "accept")
    cases.act(s, w, ids["B"], "refer", department="STREET_SOCIAL_SECURITY")
    at(3, 3)
    cases.act(s, w, ids["B"], "ack")
    at(3, 5)
    cases.act(s, w, ids["B"], "reply", note="已办理")
    cases.act(s, w, ids["B"], "verify")
    cases.act(s, w, ids["B"], "resolve")
    at(3, 6)
    cases.rate(s, w, ids["B"], "basically-satisfied")
    at(3, 10)
    cases.act(s, w, ids["B"], "close")

    at(3, 3)
    ids["C"] = cases.open_case(s, h, new_case("FAMILY_DOCTOR_SIGNUP", grid="G2")).case.id
    cases.act(s, h, ids["C"], "reject", note="不属于本站受理范围")

    at(3, 4)
    ids["D"] = cases.open_case(s, w, new_case("RESIDENT_PENSION_ENROLMENT")).case.id
    cases.act(s, w, ids["D"], "accept")
    cases.act(s, w, ids["D"], "refer", department="STREET_SOCIAL_SECURITY")
    at(3, 6)
    cases.act(s, w, ids["D"], "ack")
    at(3, 9)
    cases.act(s, w, ids["D"], "reply", note="已办理")
    cases.act(s, w, ids["D"], "verify")
    cases.act(s, w, ids["D"], "resolve")

    at(3, 5)
    ids["E"] = cases.open_case(s, w, new_case()).case.id

    at(3, 20)
    ids["F"] = cases.open_case(s, h, new_case(grid="G2", resolve_on_the_spot="当场解答")).case.id
    at(3, 20, 10, 5)
    cases.rate(s, h, ids["F"], "dissatisfied", note="答复不清楚")

    at(3, 31)
    ids["G"] = cases.open_case(s, w, new_case("RESIDENT_PENSION_ENROLMENT")).case.id
    cases.act(s, w, ids["G"], "accept")
    cases.act(s, w, ids["G"], "refer", department="STREET_SOCIAL_SECURITY")

    at(4, 1)
    return ids


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
