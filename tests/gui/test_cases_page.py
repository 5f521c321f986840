"""The 事项 and 统计 pages driven like a user: inbox views, the walk-in flow, actions, charts."""

from __future__ import annotations

import time
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton

from stationdesk.domain.cases import CaseState
from stationdesk.services import case_reference, cases, reports
from stationdesk.services.cases import NewCase
from stationdesk.ui.pages.case_models import CaseTableModel, GroupMetricsModel
from tests.conftest import HEAD_PASSWORD, WORKER_PASSWORD, StationFixture
from tests.helpers.cases import MARCH, build_march
from tests.helpers.desk import open_login, type_login, type_text


def logged_in(qtbot, make_desk, station: StationFixture, user="wangfang", pw=WORKER_PASSWORD):
    desk, login = open_login(qtbot, make_desk, station)
    desk.station.clock = station.clock  # the desk's station runs on the test's clock too
    type_login(qtbot, login, user, pw)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    return desk, desk.main_window


def cases_page(qtbot, win):
    win.show_page("cases")
    page = win.page_widgets["cases"]
    qtbot.waitUntil(
        lambda: page.model.rowCount() >= 0 and page.tabs.tabText(0) != "我的", timeout=10_000
    )
    return page


def seed(st: StationFixture) -> dict[str, str]:
    w, h, s = st.worker, st.head, st.station
    ids = {}
    ids["mine"] = cases.open_case(
        s, w, NewCase("POLICY_CONSULTATION", "walk-in", "咨询低保政策")
    ).case.id
    ref = cases.open_case(s, w, NewCase("RESIDENT_PENSION_ENROLMENT", "phone", "办理养老保险参保"))
    cases.act(s, w, ref.case.id, "accept")
    cases.act(s, w, ref.case.id, "refer", department="STREET_SOCIAL_SECURITY", note="请办理")
    ids["referred"] = ref.case.id
    done = cases.open_case(
        s, w, NewCase("ELEVATOR_FAULT", "phone", "3栋电梯停运", resolve_on_the_spot="已通知物业")
    )
    ids["to_follow"] = done.case.id
    ids["heads"] = cases.open_case(s, h, NewCase("NOISE_NUISANCE", "grid", "夜间施工噪声")).case.id
    return ids


# --- models ------------------------------------------------------------------------------------


def test_case_table_model_passes_the_model_tester(qtmodeltester, station: StationFixture):
    seed(station)
    station.clock.advance(days=20)  # some rows overdue: colours and tooltips are exercised
    rows = cases.list_cases(station.station, station.worker, "all")
    model = CaseTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4 and model.columnCount() == 8
    due = model.index(0, CaseTableModel.DUE)
    assert isinstance(model.data(due, Qt.ItemDataRole.BackgroundRole), QBrush)
    deadline = rows[0].deadline
    tip = model.data(due, Qt.ItemDataRole.ToolTipRole)
    assert str(deadline.elapsed_working_days) in tip and str(deadline.limit_working_days) in tip


def test_group_metrics_model_passes_the_model_tester(qtmodeltester, station: StationFixture):
    build_march(station)
    report = reports.case_metrics(station.station, station.worker, *MARCH)
    model = GroupMetricsModel()
    model.set_rows(report.by_worker)
    qtmodeltester.check(model, force_py=True)
    labels = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert labels == {"王芳", "李站长"}


# --- the inbox ---------------------------------------------------------------------------------


def test_inbox_views_show_the_right_cases(qtbot, make_desk, station: StationFixture):
    ids = seed(station)
    _desk, win = logged_in(qtbot, make_desk, station)
    page = cases_page(qtbot, win)
    qtbot.waitUntil(lambda: page.tabs.tabText(0) == "我的（3）", timeout=10_000)
    assert [page.tabs.tabText(i) for i in range(5)] == [
        "我的（3）", "全部（4）", "已超期（0）", "待部门办理（1）", "待回访（1）",
    ]  # fmt: skip

    def shown() -> set[str]:
        return {page.model.row_at(r).id for r in range(page.model.rowCount())}

    qtbot.waitUntil(lambda: shown() == {ids["mine"], ids["referred"], ids["to_follow"]})
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: len(shown()) == 4, timeout=10_000)
    page.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: shown() == {ids["referred"]}, timeout=10_000)
    page.tabs.setCurrentIndex(4)
    qtbot.waitUntil(lambda: shown() == {ids["to_follow"]}, timeout=10_000)
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: shown() == set() and page.empty_label.isVisible(), timeout=10_000)

    # three weeks later, the open ones are overdue and red
    station.clock.advance(days=21)
    page.refresh()
    qtbot.waitUntil(lambda: len(shown()) == 4, timeout=10_000)
    assert page.tabs.tabText(2) == "已超期（4）"
    due = page.model.index(0, CaseTableModel.DUE)
    assert page.model.data(due, Qt.ItemDataRole.BackgroundRole).color().name() == "#fde0e0"

    # the filter narrows the list without a new query
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=10_000)
    type_text(qtbot, page.filter, "电梯")
    assert page.proxy.rowCount() == 1


def test_reading_someone_elses_case(qtbot, make_desk, station: StationFixture):
    ids = seed(station)
    _desk, win = logged_in(qtbot, make_desk, station)
    page = cases_page(qtbot, win)
    page.show_case(ids["heads"])
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    panel = page.panel
    assert not any(b.isVisible() for b in panel.action_buttons.values())
    assert "李站长" in panel.no_actions.text() and panel.no_actions.isVisible()


# --- the walk-in flow --------------------------------------------------------------------------


class Counter:
    """Counts user actions: each key press or shortcut, each click, each typed field."""

    def __init__(self) -> None:
        self.steps: list[str] = []

    def __call__(self, what: str) -> None:
        self.steps.append(what)


def test_walk_in_closed_on_the_spot_in_at_most_ten_actions(qtbot, make_desk, station):
    _desk, win = logged_in(qtbot, make_desk, station)
    page = cases_page(qtbot, win)
    qtbot.waitUntil(lambda: bool(page.matter_types), timeout=10_000)
    count = Counter()
    started = time.monotonic()

    # 1. Ctrl+N opens the intake dialog
    qtbot.keyClick(win, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    count("Ctrl+N")
    qtbot.waitUntil(lambda: page.intake is not None and page.intake.isVisible(), timeout=5_000)
    dialog = page.intake
    qtbot.waitUntil(dialog.type_filter.hasFocus, timeout=5_000)
    # 2. type pinyin initials: 政策咨询 is picked
    type_text(qtbot, dialog.type_filter, "zczx")
    count("type 'zczx'")
    assert dialog.selected_type() == "POLICY_CONSULTATION"
    # 3. Enter moves on to the summary
    qtbot.keyClick(dialog.type_filter, Qt.Key.Key_Return)
    count("Enter")
    assert dialog.summary.hasFocus()
    # 4. type the summary
    type_text(qtbot, dialog.summary, "咨询高龄津贴申领条件")
    count("type summary")
    assert not dialog.save_button.isEnabled() or dialog.problem() is None
    # 5. tick "closed on the spot" (focus jumps to the result)
    qtbot.mouseClick(dialog.on_the_spot, Qt.MouseButton.LeftButton)
    count("click 当场办结")
    assert dialog.result_edit.hasFocus() and not dialog.save_button.isEnabled()
    # 6. type the result
    type_text(qtbot, dialog.result_edit, "已当场解答并发放申领材料清单")
    count("type result")
    assert dialog.save_button.isEnabled()
    # 7. Ctrl+Enter saves
    qtbot.keyClick(dialog.result_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    count("Ctrl+Enter")
    qtbot.waitUntil(
        lambda: (
            page.panel.detail is not None and page.panel.detail.case.state is CaseState.RESOLVED
        ),
        timeout=10_000,
    )
    panel = page.panel
    assert panel.rating_row.isVisible()
    # 8. the resident rates it: 满意
    qtbot.mouseClick(
        panel.grade_buttons[cases.SatisfactionGrade.SATISFIED], Qt.MouseButton.LeftButton
    )
    count("click 满意")
    qtbot.waitUntil(
        lambda: panel.detail.case.state is CaseState.FOLLOWED_UP and panel.actions_box.isEnabled(),
        timeout=10_000,
    )
    # 9. close it (Alt+C)
    close = panel.action_buttons[cases.CaseAction.CLOSE]
    assert close.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    count("Alt+C")
    qtbot.waitUntil(lambda: panel.detail.case.state is CaseState.CLOSED, timeout=10_000)
    elapsed = time.monotonic() - started

    assert len(count.steps) <= 10, count.steps
    assert len(count.steps) == 9
    assert elapsed < 60
    detail = panel.detail
    assert [e.action for e in detail.events] == [
        "open", "accept", "resolve", "follow-up", "rate", "close",
    ]  # fmt: skip
    assert detail.case.owner_name == "王芳" and detail.rating.zh == "满意"
    timeline = [w.text() for w in panel.findChildren(QLabel, "timelineHead")]
    assert timeline and "结案" in timeline[0] and "登记" in timeline[-1]


def test_intake_validates_inline_in_chinese(qtbot, make_desk, station):
    _desk, win = logged_in(qtbot, make_desk, station)
    page = cases_page(qtbot, win)
    qtbot.waitUntil(lambda: bool(page.matter_types), timeout=10_000)
    page.new_case()
    dialog = page.intake
    assert not dialog.save_button.isEnabled() and dialog.message.text() == ""
    type_text(qtbot, dialog.type_filter, "dianti")
    assert dialog.selected_type() == "ELEVATOR_FAULT"
    type_text(qtbot, dialog.summary, "电梯困人")
    type_text(qtbot, dialog.reporter_phone, "12ab")
    assert dialog.message.text() == "联系电话格式不正确。"
    assert not dialog.save_button.isEnabled()
    dialog.reporter_phone.clear()
    type_text(qtbot, dialog.reporter_phone, "13800138000")
    assert dialog.save_button.isEnabled()
    type_text(qtbot, dialog.type_filter, "zzzz")
    assert dialog.selected_type() is None and not dialog.save_button.isEnabled()
    dialog.reject()


# --- actions with notes, departments, manual replies ---------------------------------------


def test_refer_and_record_a_reply_by_hand(qtbot, make_desk, station):
    s, w = station.station, station.worker
    opened = cases.open_case(s, w, NewCase("RESIDENT_PENSION_ENROLMENT", "walk-in", "养老保险参保"))
    _desk, win = logged_in(qtbot, make_desk, station)
    page = cases_page(qtbot, win)
    qtbot.waitUntil(lambda: bool(page.departments), timeout=10_000)
    page.show_case(opened.case.id)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    panel = page.panel
    qtbot.mouseClick(panel.action_buttons[cases.CaseAction.ACCEPT], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail.case.state is CaseState.ACCEPTED, timeout=10_000)

    qtbot.mouseClick(panel.action_buttons[cases.CaseAction.REFER], Qt.MouseButton.LeftButton)
    dialog = _open_dialog(qtbot, "actionDialog")
    assert dialog.department() == "STREET_SOCIAL_SECURITY"  # the type's default department
    assert dialog.ok_button.isEnabled()  # a message is optional when referring
    type_text(qtbot, dialog.note_edit, "请办理参保登记")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail.case.state is CaseState.REFERRED, timeout=10_000)
    assert panel.f_department.text() == "街道社保所"

    qtbot.mouseClick(panel.action_buttons[cases.CaseAction.ACK], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail.case.state is CaseState.DEPT_ACKNOWLEDGED, timeout=10_000)
    qtbot.mouseClick(panel.action_buttons[cases.CaseAction.REPLY], Qt.MouseButton.LeftButton)
    dialog = _open_dialog(qtbot, "actionDialog")
    assert not dialog.ok_button.isEnabled() and dialog.message.text() == "此步骤需要填写说明。"
    type_text(qtbot, dialog.note_edit, "电话告知已办结")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail.case.state is CaseState.DEPT_REPLIED, timeout=10_000)
    badges = [b.text() for b in panel.findChildren(QLabel, "manualBadge")]
    assert len(badges) == 2 and all("手工录入" in b for b in badges)

    # an inline note goes with a one-click action
    type_text(qtbot, panel.note, "已电话核实")
    qtbot.mouseClick(panel.action_buttons[cases.CaseAction.VERIFY], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detail.case.state is CaseState.VERIFYING, timeout=10_000)
    assert panel.detail.events[-1].note == "已电话核实" and panel.note.text() == ""


def _open_dialog(qtbot, name: str) -> QDialog:
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(visible, timeout=5_000)
    return found[0]


def test_a_refused_step_shows_the_reason(qtbot, make_desk, station, monkeypatch):
    s, w = station.station, station.worker
    opened = cases.open_case(s, w, NewCase("POLICY_CONSULTATION", "walk-in", "咨询"))
    desk, win = logged_in(qtbot, make_desk, station)
    page = cases_page(qtbot, win)
    page.show_case(opened.case.id)
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    cases.act(s, station.head, opened.case.id, "accept")  # someone else moved it meanwhile
    shown: list[str] = []
    monkeypatch.setattr(desk, "report_error", lambda exc: shown.append(getattr(exc, "zh", "")))
    qtbot.mouseClick(page.panel.action_buttons[cases.CaseAction.ACCEPT], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == ["此事项刚被更新，请刷新后再操作。"]
    assert cases.show_case(s, w, opened.case.id).case.state is CaseState.ACCEPTED


# --- the 统计 page ----------------------------------------------------------------------------


def test_stats_page_shows_real_numbers_and_exports(qtbot, make_desk, station):
    build_march(station)  # leaves the station clock on 2026-04-01 10:00
    _desk, win = logged_in(qtbot, make_desk, station, "lihead", HEAD_PASSWORD)
    win.show_page("stats")
    page = win.page_widgets["stats"]
    page.start.setDate(QDate(2026, 3, 1))
    page.end.setDate(QDate(2026, 3, 31))
    qtbot.waitUntil(
        lambda: page.report is not None and page.report.period_start == date(2026, 3, 1),
        timeout=10_000,
    )
    values = {attr: page.tiles[attr][0].text() for attr in page.tiles}
    assert values == {
        "acceptance_rate": "71.4%",
        "completion_rate": "40.0%",
        "on_time_rate": "20.0%",
        "timely_ack_rate": "50.0%",
        "follow_up_rate": "66.7%",
        "satisfaction_rate": "100.0%",
    }
    assert page.tiles["acceptance_rate"][1].text() == "5 / 7"
    assert page.overall_chart.series()[0].barSets()[0].at(5) == pytest.approx(71.4)
    assert page.group_model.rowCount() == 2
    page.group_combo.setCurrentIndex(2)
    assert {page.group_model.data(page.group_model.index(r, 0)) for r in range(3)} == {
        "G1", "G2", "未标注网格",
    }  # fmt: skip
    assert page.overdue_model.rowCount() == 3

    # the head changes the rule: 基本满意 no longer counts
    qtbot.mouseClick(page.basic, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.tiles["satisfaction_rate"][0].text() == "50.0%", timeout=10_000)
    assert reports.metrics_rule(station.station).count_basic_satisfied is False

    # one click: Excel and PDF of the month
    with qtbot.waitSignal(page.exported, timeout=20_000) as sig:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    files = sig.args[0]
    assert files.xlsx.exists() and files.pdf.exists()
    assert files.xlsx.parent == station.station.paths.exports
    assert "case-report-SY0101-2026-03.xlsx" in page.export_result.text()
    ws = load_workbook(files.xlsx)["总体指标"]
    assert ws["B10"].value == pytest.approx(0.5)  # the same number as on screen


def test_the_matter_list_offers_every_type(station: StationFixture):
    names = [t.name for t in case_reference.list_matter_types(station.station)]
    assert "政策咨询" in names and len(names) == 30


def test_administrators_see_a_note_instead_of_the_inbox(qtbot, make_desk, station):
    from tests.conftest import ADMIN_PASSWORD

    _desk, win = logged_in(qtbot, make_desk, station, "admin", ADMIN_PASSWORD)
    page = win.page_widgets["cases"]
    assert page.findChild(QPushButton, "newCase") is None
    assert any("管理员" in lbl.text() for lbl in page.findChildren(QLabel))


def test_a_department_answer_from_the_district_shows_its_badge(qtbot, make_desk, station):
    from datetime import UTC, datetime

    from sqlalchemy import select

    from stationdesk.domain.ids import new_id
    from stationdesk.services.uow import unit_of_work
    from stationdesk.store.models_cases import CaseEvent

    ids = seed(station)
    with station.station.db.read_session() as s:
        refer_id = s.scalar(
            select(CaseEvent.id).where(
                CaseEvent.case_id == ids["referred"], CaseEvent.action == "refer"
            )
        )
    answer = cases.DepartmentAnswer(
        id=new_id(),
        case_id=ids["referred"],
        referral_event_id=refer_id,
        action="ack",
        note=None,
        department="STREET_SOCIAL_SECURITY",
        department_name="街道社保所",
        by="街道社保所",
        at=datetime.now(UTC),
    )
    desk, win = logged_in(qtbot, make_desk, station)
    page = cases_page(qtbot, win)
    page.show_case(ids["referred"])
    qtbot.waitUntil(lambda: page.panel.detail is not None, timeout=10_000)
    panel = page.panel
    assert panel.detail.case.state is CaseState.REFERRED
    # a background sync pulls the answer: the open case shows it without a manual refresh
    with unit_of_work(station.station, None) as uow:
        assert cases.record_department_answer(uow, answer)
    from stationdesk.services.sync import SyncResult

    desk.sync_agent.finished.emit(SyncResult("ok", 0, 1, 0, 0, 2, 0, "", "", None))
    qtbot.waitUntil(lambda: panel.detail.case.state is CaseState.DEPT_ACKNOWLEDGED, timeout=10_000)
    badges = [b.text() for b in panel.findChildren(QLabel, "districtBadge")]
    assert badges == ["部门在区平台答复"]
    heads = [w.text() for w in panel.findChildren(QLabel, "timelineHead")]
    assert "签收" in heads[0] and "区平台" in heads[0]
