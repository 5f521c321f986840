"""The demo desk on first look: every page shows something before anything is typed."""

from __future__ import annotations

from pathlib import Path

from stationdesk.services import setup
from stationdesk.services.demo_desk import NEWCOMER
from tests.helpers.desk import log_in


def test_each_page_of_the_demo_desk_shows_rows_on_first_look(qtbot, make_desk, tmp_path: Path):
    data_dir = tmp_path / "demo"
    setup.open_or_create_demo(data_dir, residents=300).close()  # a smaller demo, made alike
    desk = make_desk(data_dir, demo=True)
    user, _name, _role, password = setup.DEMO_WORKERS[0]
    win = log_in(qtbot, desk, user, password)

    residents_page = win.page_widgets["residents"]
    qtbot.waitUntil(lambda: residents_page.model.rowCount() > 0, timeout=10_000)
    # the search box is empty: the residents received at the desk lately, latest first
    assert residents_page.model.row_at(0).name == NEWCOMER
    assert residents_page.model.rowCount() == 7
    assert "7" in residents_page.count.text()

    win.show_page("certificates")
    certificates = win.page_widgets["certificates"]
    qtbot.waitUntil(lambda: certificates.model.rowCount() > 0, timeout=10_000)
    assert certificates.model.rowCount() == 6  # 4 certificates (1 voided) and 2 refusals

    win.show_page("cases")
    cases = win.page_widgets["cases"]
    qtbot.waitUntil(lambda: cases.model.rowCount() > 0, timeout=10_000)

    win.show_page("stats")
    stats = win.page_widgets["stats"]
    qtbot.waitUntil(lambda: stats.report is not None, timeout=10_000)
    assert stats.group_model.rowCount() > 0

    win.show_page("sync")
    sync_page = win.page_widgets["sync"]
    qtbot.waitUntil(lambda: sync_page.agent.status is not None, timeout=10_000)
    assert sync_page.agent.status.pending > 0  # the sample work waits to go to the district


def test_every_export_names_its_file_and_folder(qtbot, make_desk, tmp_path: Path, monkeypatch):
    data_dir = tmp_path / "demo"
    setup.open_or_create_demo(data_dir, residents=300).close()
    desk = make_desk(data_dir, demo=True)
    user, _name, _role, password = setup.DEMO_WORKERS[0]
    win = log_in(qtbot, desk, user, password)
    folder = tmp_path / "我的文档"
    folder.mkdir()

    # the ledger on the 证明 page
    win.show_page("certificates")
    page = win.page_widgets["certificates"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    page.ask_export_path = lambda fmt: str(folder / f"证明台账-2026-12-05.{fmt}")
    page._export("xlsx")
    qtbot.waitUntil(lambda: "已导出" in page.summary.text(), timeout=10_000)
    assert page.summary.text() == f"已导出：证明台账-2026-12-05.xlsx（位于 {folder}）"

    # the statistics report (Excel and PDF, in the station's export folder)
    win.show_page("stats")
    stats = win.page_widgets["stats"]
    qtbot.waitUntil(lambda: stats.report is not None, timeout=10_000)
    with qtbot.waitSignal(stats.exported, timeout=20_000) as sig:
        stats.export_button.click()
    files = sig.args[0]
    assert stats.export_result.text() == (
        f"已导出：{files.xlsx.name}、{files.pdf.name}（位于 {files.xlsx.parent}）"
    )

    # an attachment of a case saved to a file
    from PySide6.QtWidgets import QFileDialog

    from stationdesk.services import cases

    win.show_page("cases")
    cases_page = win.page_widgets["cases"]
    qtbot.waitUntil(lambda: cases_page.model.rowCount() > 0, timeout=10_000)
    case_id = cases_page.model.row_at(0).id
    station, actor = desk.station, desk.actor
    info = cases.add_attachment(station, actor, case_id, "回执.pdf", b"%PDF-1.4 demo")
    saved = folder / "回执.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    cases_page._open_attachment(info.id)
    qtbot.waitUntil(lambda: cases_page.saved_note.isVisible(), timeout=10_000)
    assert saved.read_bytes() == b"%PDF-1.4 demo"
    assert cases_page.saved_note.text() == f"已导出：回执.pdf（位于 {folder}）"
