"""The 事项 page: the case inbox (five views) beside the selected case.

Keyboard: Ctrl+N new matter, F5 refresh, Alt+<letter> for the actions shown on the buttons,
Alt+1..5 for the satisfaction grades. Every read and write runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.cases import (
    CaseAction,
    SatisfactionGrade,
    requires_department,
    requires_note,
)
from stationdesk.domain.roles import Permission
from stationdesk.services import case_reference, cases, sync
from stationdesk.services.cases import CaseView

from ...context import DeskContext, logged_in, write_when_accepted
from ...tables import fit_columns
from ...widgets import exported_message, line_edit, page_title, push_button, with_keys
from ..case_models import CASE_ID_ROLE, CaseTableModel
from .dialogs import ActionDialog, ImagePreview, RevealDialog
from .intake import CaseIntakeDialog
from .panel import CasePanel

#: Styles of this page only (the shared desk.qss stays untouched).
CASES_QSS = """
QLabel#caseNumber { font-size: 18px; font-weight: bold; }
QLabel#stateBadge { padding: 2px 10px; border-radius: 10px; background: #e3f2e8; color: #1b5e20; }
QLabel#stateBadge[level="amber"] { background: #fff4d6; color: #8a5a00; }
QLabel#stateBadge[level="red"] { background: #fde0e0; color: #b71c1c; }
QLabel#stateBadge[level="none"] { background: #eceff1; color: #52606d; }
QLabel#deadlineLabel { color: #52606d; }
QLabel#deadlineLabel[level="amber"] { color: #8a5a00; }
QLabel#deadlineLabel[level="red"] { color: #b71c1c; font-weight: bold; }
QLabel#timelineDot { color: #90a4ae; font-size: 13px; }
QLabel#timelineDot[kind="resolve"], QLabel#timelineDot[kind="close"] { color: #2e7d32; }
QLabel#timelineDot[kind="refer"] { color: #1565c0; }
QLabel#timelineDot[kind="manual"] { color: #c77800; }
QLabel#timelineDot[kind="reject"], QLabel#timelineDot[kind="reopen"] { color: #b71c1c; }
QFrame#timelineLine { background: #d5dbe3; }
QLabel#timelineMove { color: #52606d; }
QLabel#timelineNote { background: #f5f7fa; border-radius: 4px; padding: 3px 6px; }
QLabel#manualBadge { color: #8a5a00; }
QLabel#districtBadge { color: #1565c0; }
QTabBar#caseViews::tab { padding: 6px 14px; border: none; border-bottom: 2px solid transparent; }
QTabBar#caseViews::tab:selected { border-bottom: 2px solid #b71c1c; color: #b71c1c; }
QScrollArea#casePanel, QWidget#casePanelBody { background: transparent; }
QPushButton#revealPhone { border: none; background: transparent; color: #1565c0; padding: 0 4px; }
QPushButton#revealPhone:hover { text-decoration: underline; }
"""

# What the page loads: the matter types and departments; the view counts and one view's cases.
References = tuple[list[case_reference.MatterTypeInfo], list[case_reference.DepartmentInfo]]
CaseList = tuple[dict[CaseView, int], list[cases.CaseSummary]]

VIEWS = (
    CaseView.MINE,
    CaseView.ALL,
    CaseView.OVERDUE,
    CaseView.AWAITING_DEPARTMENT,
    CaseView.TO_FOLLOW_UP,
)


def create_page(ctx: DeskContext, parent: QWidget | None = None) -> QWidget:
    """The 事项 page for workers and heads; a short note for accounts that do not handle cases."""
    _station, actor = logged_in(ctx)
    if not actor.can(Permission.HANDLE_MATTERS):
        return NoCasesPage(parent)
    return CasesPage(ctx, parent)


class NoCasesPage(QWidget):
    """Shown to administrators, who do not handle matters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = page_title(self.tr("Matters"), self)
        note = QLabel(self.tr("Administrator accounts do not handle matters."), self)
        note.setObjectName("placeholderNote")
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addStretch(1)


class CasesPage(QWidget):
    """Inbox on the left, the selected case on the right."""

    case_shown = Signal(object)  # the CaseDetail now on screen
    list_loaded = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("casesPage")
        self.setStyleSheet(CASES_QSS)
        self.matter_types: list[case_reference.MatterTypeInfo] = []
        self.departments: list[case_reference.DepartmentInfo] = []
        self.current_view = CaseView.MINE
        self.selected_id: str | None = None
        self._list_serial = 0  # only the newest list load is shown (views switch quickly)
        self.intake: CaseIntakeDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("Matters"), self))
        top.addStretch(1)
        self.filter = line_edit(
            self, "caseFilter", placeholder=self.tr("Filter by number, type, summary…")
        )
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(260)
        top.addWidget(self.filter)
        self.refresh_button = QPushButton(with_keys(self.tr("Refresh"), "F5"), self)
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        self.new_button = push_button(self, with_keys(self.tr("New matter"), "Ctrl+N"), "newCase")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_case)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        self.tabs = QTabBar(self)
        self.tabs.setObjectName("caseViews")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for view in VIEWS:
            self.tabs.addTab(self._view_title(view, None))
        self.tabs.currentChanged.connect(self._view_changed)
        layout.addWidget(self.tabs)

        self.model = CaseTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("caseTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(False)
        self.table.setSortingEnabled(True)
        fit_columns(self.table, stretch=CaseTableModel.SUMMARY)
        self.table.setColumnHidden(CaseTableModel.RECEIVED, True)  # the number runs in order
        self.table.setColumnHidden(CaseTableModel.DEPARTMENT, True)  # shown where it matters
        self.table.sortByColumn(CaseTableModel.NUMBER, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.empty_label = QLabel(self.tr("No matters in this view."), self)
        self.empty_label.setObjectName("placeholderNote")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        self.saved_note = QLabel("", self)  # where an attachment saved to a file was written
        self.saved_note.setObjectName("savedNote")
        self.saved_note.setWordWrap(True)
        self.saved_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_note.setVisible(False)
        left_layout.addWidget(self.saved_note)

        self.panel = CasePanel(self)
        self.panel.action_requested.connect(self._action_requested)
        self.panel.rate_requested.connect(self._rate_requested)
        self.panel.attach_requested.connect(self._attach)
        self.panel.attachment_opened.connect(self._open_attachment)
        self.panel.reveal_requested.connect(self._reveal_phone)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 390])
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        for keys, slot in (("Ctrl+N", self.new_case), ("F5", self.refresh)):
            act = QAction(self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)

        self._load_reference()
        self.refresh()
        agent = ctx.sync_agent
        if agent is not None:  # pulled changes (e.g. a department's answer) show at once
            agent.finished.connect(self._after_sync)

    def _after_sync(self, result: sync.SyncResult | BaseException) -> None:
        if isinstance(result, sync.SyncResult) and result.pulled:
            self.refresh()

    # -- loading -----------------------------------------------------------------------------
    def _view_title(self, view: CaseView, count: int | None) -> str:
        names = {
            CaseView.MINE: self.tr("Mine"),
            CaseView.ALL: self.tr("All"),
            CaseView.OVERDUE: self.tr("Overdue"),
            CaseView.AWAITING_DEPARTMENT: self.tr("Awaiting department"),
            CaseView.TO_FOLLOW_UP: self.tr("To follow up"),
        }
        if count is None:
            return names[view]
        return self.tr("%1 (%2)").replace("%1", names[view]).replace("%2", str(count))

    def _load_reference(self) -> None:
        station, _actor = logged_in(self.ctx)

        def load() -> References:
            return case_reference.list_matter_types(station), case_reference.list_departments(
                station
            )

        def done(result: References) -> None:
            self.matter_types, self.departments = result
            if self.intake is not None:
                self.intake.set_types(self.matter_types)

        self.ctx.runner.run(load, done, self.ctx.report_error, owner=self)

    def refresh(self) -> None:
        """Reload the view counts, the current view and the selected case."""
        self.refresh_list_only()
        if self.selected_id:
            self.show_case(self.selected_id)

    def _show_list(self, result: CaseList) -> None:
        counts, rows = result
        for i, view in enumerate(VIEWS):
            self.tabs.setTabText(i, self._view_title(view, counts[view]))
        keep = self.selected_id
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        if keep is None and self.table.hasFocus():
            self._select_first()
        if keep is not None:
            row = self.model.row_of(keep)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(index.row())
                self.table.selectionModel().blockSignals(False)
        self.list_loaded.emit()

    def focus_entry(self) -> None:
        """The keyboard goes to the matters list, on the selected matter (the first one when
        none is selected yet; a list still loading selects it when it arrives)."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._select_first()

    def _select_first(self) -> None:
        if not self.table.currentIndex().isValid() and self.proxy.rowCount() > 0:
            self.table.selectRow(0)

    def _view_changed(self, index: int) -> None:
        self.current_view = VIEWS[index]
        self.table.setColumnHidden(
            CaseTableModel.DEPARTMENT, self.current_view is not CaseView.AWAITING_DEPARTMENT
        )
        self.refresh()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        case_id = self.proxy.data(current, CASE_ID_ROLE)
        if case_id and case_id != self.selected_id:
            self.show_case(case_id)

    def show_case(self, case_id: str) -> None:
        self.selected_id = case_id
        station, actor = logged_in(self.ctx)
        self.ctx.runner.run(
            lambda: cases.show_case(station, actor, case_id),
            self._case_loaded,
            self.ctx.report_error,
            owner=self,
        )

    def _case_loaded(self, detail: cases.CaseDetail) -> None:
        if detail.case.id != self.selected_id:
            return
        self.panel.show_detail(detail)
        self.case_shown.emit(detail)

    def _after_write(self, detail: cases.CaseDetail) -> None:
        self.selected_id = detail.case.id
        self.panel.show_detail(detail)
        self.case_shown.emit(detail)
        self.refresh_list_only()

    def data_changed(self) -> None:
        """Stored data changed: the counts and the list reload; the case being handled stays as
        the worker left it (its own writes reload it)."""
        self.refresh_list_only()

    def refresh_list_only(self) -> None:
        """Reload the view counts and the current view."""
        (station, actor), view = logged_in(self.ctx), self.current_view

        def load() -> CaseList:
            return cases.view_counts(station, actor), cases.list_cases(station, actor, view)

        self._list_serial += 1
        serial = self._list_serial

        def show(result: CaseList) -> None:
            if serial == self._list_serial:  # an older load for another view is dropped
                self._show_list(result)

        self.ctx.runner.run(load, show, self.ctx.report_error, owner=self)

    # -- new matter --------------------------------------------------------------------------
    def new_case(self) -> None:
        if self.intake is not None:
            self.intake.raise_()
            return
        dialog = CaseIntakeDialog(self)
        dialog.set_types(self.matter_types)
        dialog.accepted.connect(lambda: self._save_intake(dialog))
        dialog.finished.connect(lambda _r: self._intake_closed(dialog))
        self.intake = dialog
        dialog.open()

    def _intake_closed(self, dialog: CaseIntakeDialog) -> None:
        if self.intake is dialog:
            self.intake = None
        self._dismiss(dialog)

    def _dismiss(self, dialog: QDialog) -> None:
        """Free a closed dialog and give the keyboard back to the desk."""
        dialog.deleteLater()
        self._back_to_desk()

    def _back_to_desk(self) -> None:
        """Give the keyboard back to the desk after a dialog, so the shortcuts work at once."""
        window = self.window()
        window.activateWindow()
        if self.panel.isVisible():
            self.panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_intake(self, dialog: CaseIntakeDialog) -> None:
        new = dialog.values()
        station, actor = logged_in(self.ctx)
        self.ctx.runner.write(
            lambda: cases.open_case(station, actor, new),
            self._after_write,
            self.ctx.report_error,
            owner=self,
        )

    # -- actions -----------------------------------------------------------------------------
    def _action_requested(self, action: CaseAction, note: str) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        needs_dialog = requires_department(action) or (requires_note(action) and not note)
        if needs_dialog:
            default_dept = next(
                (
                    t.default_department
                    for t in self.matter_types
                    if t.code == detail.case.type_code
                ),
                None,
            )
            dialog = ActionDialog(action, self.departments, default_dept, note, self)
            dialog.accepted.connect(
                lambda: self._run_action(detail, action, dialog.note(), dialog.department())
            )
            dialog.finished.connect(lambda _r: self._dismiss(dialog))
            dialog.open()
            return
        self._run_action(detail, action, note or None, None)

    def _run_action(
        self,
        detail: cases.CaseDetail,
        action: CaseAction,
        note: str | None,
        department: str | None,
    ) -> None:
        station, actor = logged_in(self.ctx)
        case_id, version = detail.case.id, detail.case.version
        self._write_step(
            lambda: cases.act(
                station,
                actor,
                case_id,
                action,
                note=note,
                department=department,
                expected_version=version,
            )
        )

    def _rate_requested(self, grade: SatisfactionGrade, note: str) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        station, actor = logged_in(self.ctx)
        case_id, version = detail.case.id, detail.case.version
        self._write_step(
            lambda: cases.rate(
                station, actor, case_id, grade, note=note or None, expected_version=version
            )
        )

    def _write_step(self, step: Callable[[], cases.CaseDetail]) -> None:
        """Run one step on the shown case (an action or a rating) with the panel held busy."""
        self.panel.set_busy(True)

        def done(result: cases.CaseDetail) -> None:
            self.panel.note.clear()
            self._after_write(result)

        def failed(exc: BaseException) -> None:
            self.panel.set_busy(False)
            self.ctx.report_error(exc)

        self.ctx.runner.write(step, done, failed, owner=self)

    # -- attachments and personal data --------------------------------------------------------
    def _attach(self) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Add a scan or photo"),
            "",
            self.tr("Scans and photos (*.pdf *.jpg *.jpeg *.png *.gif *.webp *.bmp *.tif *.tiff)"),
        )
        if path:
            self.attach_file(detail.case.id, path)

    def attach_file(self, case_id: str, path: str) -> None:
        station, actor = logged_in(self.ctx)

        def add() -> cases.CaseDetail:
            cases.add_attachment_file(station, actor, case_id, Path(path))
            return cases.show_case(station, actor, case_id)

        self.ctx.runner.write(add, self._after_write, self.ctx.report_error, owner=self)

    def _open_attachment(self, attachment_id: str) -> None:
        station, actor = logged_in(self.ctx)
        self.ctx.runner.write(
            lambda: cases.attachment_data(station, actor, attachment_id),
            self._show_attachment,
            self.ctx.report_error,
            owner=self,
        )

    def _show_attachment(self, attachment: cases.AttachmentData) -> None:
        if attachment.info.mime.startswith("image/"):
            dialog = ImagePreview(attachment.info.name, attachment.data, self)
            dialog.finished.connect(lambda _r: dialog.deleteLater())
            dialog.open()
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save attachment"), attachment.info.name
        )
        if path:
            data = attachment.data
            self.ctx.runner.run(
                lambda: _write_bytes(path, data), self._show_saved, self.ctx.report_error
            )

    def _show_saved(self, path: Path) -> None:
        self.saved_note.setText(exported_message(path))
        self.saved_note.setVisible(True)

    def _reveal_phone(self) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        dialog = RevealDialog(self)
        case_id = detail.case.id
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        write_when_accepted(
            self.ctx,
            self,
            dialog,
            dialog.reason,
            lambda station, actor, reason: cases.reveal_reporter_phone(
                station, actor, case_id, reason
            ),
            self.panel.show_full_phone,
        )


def _write_bytes(path: str, data: bytes) -> Path:
    with open(path, "wb") as handle:
        handle.write(data)
    return Path(path)
