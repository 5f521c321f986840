"""The 事项 page: the case inbox (five views), a case page with its timeline and quick actions.

Keyboard: Ctrl+N new matter, F5 refresh, Alt+<letter> for the actions shown on the buttons,
Alt+1..5 for the satisfaction grades. Every read and write runs off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.cases import (
    ACTION_LABELS_EN,
    ACTION_LABELS_ZH,
    CaseAction,
    Channel,
    SatisfactionGrade,
    requires_department,
    requires_note,
)
from stationdesk.domain.roles import Permission
from stationdesk.services import case_reference, cases
from stationdesk.services.cases import DEPARTMENT_ACTIONS, CaseView, NewCase

from .. import i18n
from .case_models import CASE_ID_ROLE, CaseTableModel, channel_label, state_label

#: The key used with Alt for each quick action.
ACTION_KEYS: dict[CaseAction, str] = {
    CaseAction.ACCEPT: "A",
    CaseAction.REJECT: "J",
    CaseAction.HANDLE: "H",
    CaseAction.REFER: "R",
    CaseAction.ACK: "K",
    CaseAction.REPLY: "Y",
    CaseAction.RETURN: "T",
    CaseAction.VERIFY: "V",
    CaseAction.RESOLVE: "D",
    CaseAction.FOLLOW_UP: "U",
    CaseAction.CLOSE: "C",
    CaseAction.REOPEN: "O",
    CaseAction.PEND: "P",
    CaseAction.RESUME: "M",
}

GRADES = (
    SatisfactionGrade.VERY_SATISFIED,
    SatisfactionGrade.SATISFIED,
    SatisfactionGrade.BASICALLY_SATISFIED,
    SatisfactionGrade.DISSATISFIED,
    SatisfactionGrade.VERY_DISSATISFIED,
)

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

VIEWS = (
    CaseView.MINE,
    CaseView.ALL,
    CaseView.OVERDUE,
    CaseView.AWAITING_DEPARTMENT,
    CaseView.TO_FOLLOW_UP,
)


def action_label(action: CaseAction) -> str:
    """The action's name in the interface language."""
    return (ACTION_LABELS_ZH if i18n.is_chinese() else ACTION_LABELS_EN)[action]


def grade_label(grade: SatisfactionGrade) -> str:
    """The grade's name in the interface language."""
    return grade.zh if i18n.is_chinese() else grade.en


def create_page(ctx, parent: QWidget | None = None) -> QWidget:
    """The 事项 page for workers and heads; a short note for accounts that do not handle cases."""
    if not ctx.actor.can(Permission.HANDLE_MATTERS):
        return NoCasesPage(parent)
    return CasesPage(ctx, parent)


class NoCasesPage(QWidget):
    """Shown to administrators, who do not handle matters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("Matters"), self)
        title.setObjectName("pageTitle")
        note = QLabel(self.tr("Administrator accounts do not handle matters."), self)
        note.setObjectName("placeholderNote")
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addStretch(1)


# ---------------------------------------------------------------------------------------------
# The inbox page
# ---------------------------------------------------------------------------------------------


class CasesPage(QWidget):
    """Inbox on the left, the selected case on the right."""

    case_shown = Signal(object)  # the CaseDetail now on screen
    list_loaded = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("casesPage")
        self.setStyleSheet(CASES_QSS)
        self.matter_types: list = []
        self.departments: list = []
        self.current_view = CaseView.MINE
        self.selected_id: str | None = None
        self.intake: IntakeDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        top = QHBoxLayout()
        title = QLabel(self.tr("Matters"), self)
        title.setObjectName("pageTitle")
        top.addWidget(title)
        top.addStretch(1)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("caseFilter")
        self.filter.setPlaceholderText(self.tr("Filter by number, type, summary…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(260)
        top.addWidget(self.filter)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip("F5")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(self.refresh_button)
        self.new_button = QPushButton(self.tr("New matter (Ctrl+N)"), self)
        self.new_button.setObjectName("newCase")
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
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in (
            (CaseTableModel.NUMBER, 132),
            (CaseTableModel.TYPE, 124),
            (CaseTableModel.STATE, 78),
            (CaseTableModel.DUE, 128),
            (CaseTableModel.OWNER, 66),
            (CaseTableModel.DEPARTMENT, 130),
            (CaseTableModel.RECEIVED, 130),
        ):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(CaseTableModel.SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
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
        agent = getattr(ctx, "sync_agent", None)
        if agent is not None:  # pulled changes (e.g. a department's answer) show at once
            agent.finished.connect(self._after_sync)

    def _after_sync(self, result) -> None:
        if getattr(result, "pulled", 0):
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
        return names[view] if count is None else f"{names[view]} ({count})"

    def _load_reference(self) -> None:
        station = self.ctx.station

        def load():
            return case_reference.list_matter_types(station), case_reference.list_departments(
                station
            )

        def done(result) -> None:
            self.matter_types, self.departments = result
            if self.intake is not None:
                self.intake.set_types(self.matter_types)

        self.ctx.runner.run(load, done, self.ctx.report_error, owner=self)

    def refresh(self) -> None:
        """Reload the view counts, the current view and the selected case."""
        station, actor, view = self.ctx.station, self.ctx.actor, self.current_view

        def load():
            return cases.view_counts(station, actor), cases.list_cases(station, actor, view)

        self.ctx.runner.run(load, self._show_list, self.ctx.report_error, owner=self)
        if self.selected_id:
            self.show_case(self.selected_id)

    def _show_list(self, result) -> None:
        counts, rows = result
        for i, view in enumerate(VIEWS):
            self.tabs.setTabText(i, self._view_title(view, counts[view]))
        keep = self.selected_id
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        if keep is not None:
            row = self.model.row_of(keep)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(index.row())
                self.table.selectionModel().blockSignals(False)
        self.list_loaded.emit()

    def _view_changed(self, index: int) -> None:
        self.current_view = VIEWS[index]
        self.table.setColumnHidden(
            CaseTableModel.DEPARTMENT, self.current_view is not CaseView.AWAITING_DEPARTMENT
        )
        self.refresh()

    def _row_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        case_id = self.proxy.data(current, CASE_ID_ROLE)
        if case_id and case_id != self.selected_id:
            self.show_case(case_id)

    def show_case(self, case_id: str) -> None:
        self.selected_id = case_id
        station, actor = self.ctx.station, self.ctx.actor
        self.ctx.runner.run(
            lambda: cases.show_case(station, actor, case_id),
            self._case_loaded,
            self.ctx.report_error,
            owner=self,
        )

    def _case_loaded(self, detail) -> None:
        if detail.case.id != self.selected_id:
            return
        self.panel.show_detail(detail)
        self.case_shown.emit(detail)

    def _after_write(self, detail) -> None:
        self.selected_id = detail.case.id
        self.panel.show_detail(detail)
        self.case_shown.emit(detail)
        self.refresh_list_only()

    def refresh_list_only(self) -> None:
        station, actor, view = self.ctx.station, self.ctx.actor, self.current_view

        def load():
            return cases.view_counts(station, actor), cases.list_cases(station, actor, view)

        self.ctx.runner.run(load, self._show_list, self.ctx.report_error, owner=self)

    # -- new matter --------------------------------------------------------------------------
    def new_case(self) -> None:
        if self.intake is not None:
            self.intake.raise_()
            return
        dialog = IntakeDialog(self)
        dialog.set_types(self.matter_types)
        dialog.accepted.connect(lambda: self._save_intake(dialog))
        dialog.finished.connect(lambda _r: self._intake_closed(dialog))
        self.intake = dialog
        dialog.open()

    def _intake_closed(self, dialog) -> None:
        if self.intake is dialog:
            self.intake = None
        dialog.deleteLater()
        self._back_to_desk()

    def _back_to_desk(self) -> None:
        """Give the keyboard back to the desk after a dialog, so the shortcuts work at once."""
        window = self.window()
        window.activateWindow()
        if self.panel.isVisible():
            self.panel.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_intake(self, dialog) -> None:
        new = dialog.values()
        station, actor = self.ctx.station, self.ctx.actor
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
            dialog.finished.connect(lambda _r: (dialog.deleteLater(), self._back_to_desk()))
            dialog.open()
            return
        self._run_action(detail, action, note or None, None)

    def _run_action(self, detail, action: CaseAction, note, department) -> None:
        station, actor = self.ctx.station, self.ctx.actor
        case_id, version = detail.case.id, detail.case.version
        self.panel.set_busy(True)

        def done(result) -> None:
            self.panel.note.clear()
            self._after_write(result)

        def failed(exc) -> None:
            self.panel.set_busy(False)
            self.ctx.report_error(exc)

        self.ctx.runner.write(
            lambda: cases.act(
                station,
                actor,
                case_id,
                action,
                note=note,
                department=department,
                expected_version=version,
            ),
            done,
            failed,
            owner=self,
        )

    def _rate_requested(self, grade: SatisfactionGrade, note: str) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        station, actor = self.ctx.station, self.ctx.actor
        case_id, version = detail.case.id, detail.case.version
        self.panel.set_busy(True)

        def done(result) -> None:
            self.panel.note.clear()
            self._after_write(result)

        def failed(exc) -> None:
            self.panel.set_busy(False)
            self.ctx.report_error(exc)

        self.ctx.runner.write(
            lambda: cases.rate(
                station, actor, case_id, grade, note=note or None, expected_version=version
            ),
            done,
            failed,
            owner=self,
        )

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
        from pathlib import Path

        station, actor = self.ctx.station, self.ctx.actor

        def add():
            cases.add_attachment_file(station, actor, case_id, Path(path))
            return cases.show_case(station, actor, case_id)

        self.ctx.runner.write(add, self._after_write, self.ctx.report_error, owner=self)

    def _open_attachment(self, attachment_id: str) -> None:
        station, actor = self.ctx.station, self.ctx.actor
        self.ctx.runner.write(
            lambda: cases.attachment_data(station, actor, attachment_id),
            self._show_attachment,
            self.ctx.report_error,
            owner=self,
        )

    def _show_attachment(self, attachment) -> None:
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
            self.ctx.runner.run(lambda: _write_bytes(path, data), None, self.ctx.report_error)

    def _reveal_phone(self) -> None:
        detail = self.panel.detail
        if detail is None:
            return
        dialog = RevealDialog(self)
        case_id = detail.case.id
        station, actor = self.ctx.station, self.ctx.actor

        def go() -> None:
            reason = dialog.reason.text()
            self.ctx.runner.write(
                lambda: cases.reveal_reporter_phone(station, actor, case_id, reason),
                self.panel.show_full_phone,
                self.ctx.report_error,
                owner=self,
            )

        dialog.accepted.connect(go)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()


def _write_bytes(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


# ---------------------------------------------------------------------------------------------
# The case panel: facts, quick actions, rating, timeline, attachments
# ---------------------------------------------------------------------------------------------


class CasePanel(QScrollArea):
    """Everything about one case, with the actions the acting worker may take now."""

    action_requested = Signal(object, str)  # CaseAction, note
    rate_requested = Signal(object, str)  # SatisfactionGrade, note
    attach_requested = Signal()
    attachment_opened = Signal(str)
    reveal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casePanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(380)
        self.detail = None
        body = QWidget(self)
        body.setObjectName("casePanelBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 0, 4, 0)

        self.placeholder = QLabel(
            self.tr("Select a matter on the left, or press Ctrl+N for a new one."), body
        )
        self.placeholder.setObjectName("placeholderNote")
        self.placeholder.setWordWrap(True)
        layout.addWidget(self.placeholder)

        self.content = QWidget(body)
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.number = QLabel("", self.content)
        self.number.setObjectName("caseNumber")
        self.state = QLabel("", self.content)
        self.state.setObjectName("stateBadge")
        head.addWidget(self.number)
        head.addWidget(self.state)
        head.addStretch(1)
        content.addLayout(head)
        self.deadline = QLabel("", self.content)
        self.deadline.setObjectName("deadlineLabel")
        self.deadline.setWordWrap(True)
        content.addWidget(self.deadline)

        facts = QGroupBox(self.tr("Matter"), self.content)
        form = QFormLayout(facts)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.f_type = QLabel(facts)
        self.f_channel = QLabel(facts)
        self.f_summary = QLabel(facts)
        self.f_summary.setWordWrap(True)
        self.f_description = QLabel(facts)
        self.f_description.setWordWrap(True)
        self.f_reporter = QLabel(facts)
        self.reveal = QPushButton(self.tr("Show"), facts)
        self.reveal.setObjectName("revealPhone")
        self.reveal.setToolTip(self.tr("Show full number"))
        self.reveal.setFlat(True)
        self.reveal.setCursor(Qt.CursorShape.PointingHandCursor)
        self.reveal.clicked.connect(self.reveal_requested.emit)
        reporter_row = QHBoxLayout()
        reporter_row.addWidget(self.f_reporter)
        reporter_row.addWidget(self.reveal)
        reporter_row.addStretch(1)
        self.f_place = QLabel(facts)
        self.f_owner = QLabel(facts)
        self.f_department = QLabel(facts)
        self.f_rating = QLabel(facts)
        for label in (self.f_summary, self.f_description, self.f_reporter, self.f_place):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.f_type, self.f_place, self.f_department):
            label.setWordWrap(True)
        form.addRow(self.tr("Type"), self.f_type)
        form.addRow(self.tr("Channel"), self.f_channel)
        form.addRow(self.tr("Summary"), self.f_summary)
        form.addRow(self.tr("Details"), self.f_description)
        form.addRow(self.tr("Reported by"), reporter_row)
        form.addRow(self.tr("Address / grid"), self.f_place)
        form.addRow(self.tr("Received by"), self.f_owner)
        form.addRow(self.tr("Department"), self.f_department)
        form.addRow(self.tr("Satisfaction"), self.f_rating)
        content.addWidget(facts)

        self.actions_box = QGroupBox(self.tr("Handle"), self.content)
        actions = QVBoxLayout(self.actions_box)
        self.note = QLineEdit(self.actions_box)
        self.note.setObjectName("actionNote")
        self.note.setPlaceholderText(self.tr("Note for the next step (optional)"))
        actions.addWidget(self.note)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.action_buttons: dict[CaseAction, QPushButton] = {}
        for action in CaseAction:
            key = ACTION_KEYS[action]
            button = QPushButton(f"{action_label(action)}  Alt+{key}", self.actions_box)
            button.setObjectName(f"action-{action.value}")
            button.setShortcut(QKeySequence(f"Alt+{key}"))
            button.clicked.connect(lambda _=False, a=action: self._action_clicked(a))
            self.action_buttons[action] = button
        self._action_grid = grid
        actions.addLayout(grid)
        self.rating_row = QWidget(self.actions_box)
        rating = QGridLayout(self.rating_row)
        rating.setContentsMargins(0, 4, 0, 0)
        rating.setSpacing(6)
        rating.addWidget(
            QLabel(self.tr("Satisfaction (Alt+1 to Alt+5):"), self.rating_row), 0, 0, 1, 3
        )
        self.grade_buttons: dict[SatisfactionGrade, QPushButton] = {}
        for i, grade in enumerate(GRADES, start=1):
            button = QPushButton(grade_label(grade), self.rating_row)
            button.setObjectName(f"grade-{grade.value}")
            button.setShortcut(QKeySequence(f"Alt+{i}"))
            button.setToolTip(f"Alt+{i}")
            button.clicked.connect(lambda _=False, g=grade: self._grade_clicked(g))
            self.grade_buttons[grade] = button
            rating.addWidget(button, 1 + (i - 1) // 3, (i - 1) % 3)
        actions.addWidget(self.rating_row)
        self.no_actions = QLabel("", self.actions_box)
        self.no_actions.setObjectName("placeholderNote")
        self.no_actions.setWordWrap(True)
        actions.addWidget(self.no_actions)
        content.addWidget(self.actions_box)

        timeline_box = QGroupBox(self.tr("Timeline"), self.content)
        self.timeline = QVBoxLayout(timeline_box)
        self.timeline.setSpacing(0)
        content.addWidget(timeline_box)

        files = QGroupBox(self.tr("Attachments"), self.content)
        files_layout = QVBoxLayout(files)
        self.attachments = QListWidget(files)
        self.attachments.setObjectName("attachmentList")
        self.attachments.setMaximumHeight(90)
        self.attachments.itemActivated.connect(
            lambda item: self.attachment_opened.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        files_layout.addWidget(self.attachments)
        self.attach_button = QPushButton(self.tr("Add scan or photo…"), files)
        self.attach_button.clicked.connect(self.attach_requested.emit)
        row = QHBoxLayout()
        row.addWidget(self.attach_button)
        row.addStretch(1)
        files_layout.addLayout(row)
        content.addWidget(files)
        content.addStretch(1)
        layout.addWidget(self.content)
        self.content.setVisible(False)
        layout.addStretch(1)

    def _action_clicked(self, action: CaseAction) -> None:
        self.action_requested.emit(action, self.note.text().strip())

    def _grade_clicked(self, grade: SatisfactionGrade) -> None:
        self.rate_requested.emit(grade, self.note.text().strip())

    def set_busy(self, busy: bool) -> None:
        self.actions_box.setEnabled(not busy)

    def show_full_phone(self, phone) -> None:
        if self.detail is None or not phone:
            return
        name = self.detail.reporter_name or ""
        self.f_reporter.setText(f"{name} {phone}".strip())
        self.reveal.setVisible(False)

    def show_detail(self, detail) -> None:
        self.detail = detail
        c = detail.case
        self.placeholder.setVisible(False)
        self.content.setVisible(True)
        self.set_busy(False)
        self.number.setText(c.number)
        self.state.setText(state_label(c.state))
        level = c.deadline.level.value if c.deadline else "none"
        self.state.setProperty("level", level)
        self.deadline.setProperty("level", level)
        for w in (self.state, self.deadline):
            w.style().unpolish(w)
            w.style().polish(w)
        if c.deadline is None:
            self.deadline.setText(self.tr("Finished"))
        else:
            d = c.deadline
            over = d.elapsed_working_days - d.limit_working_days
            if d.overdue:
                text = self.tr("Due %1 · overdue").replace("%1", d.due.isoformat())
                if over > 0:
                    text = (
                        self.tr("Due %1 · overdue by %2 working days")
                        .replace("%1", d.due.isoformat())
                        .replace("%2", str(over))
                    )
            else:
                text = (
                    self.tr("Due %1 · %2 of %3 working days used")
                    .replace("%1", d.due.isoformat())
                    .replace("%2", str(d.elapsed_working_days))
                    .replace("%3", str(d.limit_working_days))
                )
            if d.paused:
                text += " · " + self.tr("clock paused (pending materials)")
            self.deadline.setText(text)
        self.f_type.setText(
            self.tr("%1 (%2 working days)")
            .replace("%1", c.type_name)
            .replace("%2", str(detail.time_limit_days))
        )
        self.f_channel.setText(channel_label(c.channel))
        self.f_summary.setText(c.summary)
        self.f_description.setText(detail.description or "—")
        self.f_reporter.setText(c.reporter or self.tr("Anonymous"))
        self.reveal.setVisible(bool(detail.reporter_phone_masked))
        place = " · ".join(p for p in (c.address, c.grid) if p)
        self.f_place.setText(place or "—")
        self.f_owner.setText(c.owner_name)
        self.f_department.setText(c.department_name or "—")
        self.f_rating.setText(grade_label(detail.rating) if detail.rating else "—")

        self._layout_actions(detail)
        self._fill_timeline(detail)
        self.attachments.clear()
        for att in detail.attachments:
            item = QListWidgetItem(f"{att.name}  ({_size(att.size)}, {att.added_by})")
            item.setData(Qt.ItemDataRole.UserRole, att.id)
            self.attachments.addItem(item)
        self.attachments.setVisible(bool(detail.attachments))
        self.attach_button.setEnabled(detail.can_act)

    def _layout_actions(self, detail) -> None:
        grid = self._action_grid
        for button in self.action_buttons.values():
            grid.removeWidget(button)
            button.setVisible(False)
        allowed = list(detail.allowed_actions)
        for i, action in enumerate(allowed):
            button = self.action_buttons[action]
            tip = action_label(action)
            if action in DEPARTMENT_ACTIONS:
                tip = self.tr("%1 — recorded by hand for the department").replace("%1", tip)
            button.setToolTip(tip)
            grid.addWidget(button, i // 2, i % 2)
            button.setVisible(True)
        self.note.setVisible(bool(allowed) or detail.can_rate)
        self.rating_row.setVisible(detail.can_rate)
        if detail.can_act and not allowed:
            self.no_actions.setText(self.tr("Nothing more can be done with this matter."))
        elif not detail.can_act:
            self.no_actions.setText(
                self.tr(
                    "Only %1, who received this matter, or a station head may handle it."
                ).replace("%1", detail.case.owner_name)
            )
        self.no_actions.setVisible(not allowed)

    def _fill_timeline(self, detail) -> None:
        while self.timeline.count():
            item = self.timeline.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # gone from the panel now, freed later
                widget.deleteLater()
        events = list(detail.events)
        for i, event in enumerate(reversed(events)):
            self.timeline.addWidget(TimelineEntry(event, last=i == len(events) - 1, parent=self))


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max(1, n // 1024)} KB"


class TimelineEntry(QFrame):
    """One event: a dot on the line, then when, who, what, the state change and the note."""

    def __init__(self, event, *, last: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineEntry")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        rail = QVBoxLayout()
        rail.setSpacing(0)
        dot = QLabel("●", self)
        dot.setObjectName("timelineDot")
        kind = "manual" if event.manual else event.action
        dot.setProperty("kind", kind)
        rail.addWidget(dot, 0, Qt.AlignmentFlag.AlignHCenter)
        line = QFrame(self)
        line.setObjectName("timelineLine")
        line.setFixedWidth(2)
        line.setVisible(not last)
        rail.addWidget(line, 1, Qt.AlignmentFlag.AlignHCenter)
        row.addLayout(rail)

        text = QVBoxLayout()
        text.setSpacing(1)
        text.setContentsMargins(0, 0, 0, 10)
        what = self._what(event)
        head = QLabel(
            f"<b>{_escape(what)}</b> &nbsp;<span style='color:#52606d'>"
            f"{event.at:%Y-%m-%d %H:%M} · {_escape(event.actor_name)}</span>",
            self,
        )
        head.setObjectName("timelineHead")
        head.setWordWrap(True)
        text.addWidget(head)
        if (
            event.from_state is not None
            and event.to_state is not None
            and event.from_state != event.to_state
        ):
            move = QLabel(f"{state_label(event.from_state)} → {state_label(event.to_state)}", self)
            move.setObjectName("timelineMove")
            text.addWidget(move)
        if event.department_name and event.action in ("refer", "ack", "reply", "return", "answer"):
            dept = QLabel(self.tr("Department: %1").replace("%1", event.department_name), self)
            dept.setObjectName("timelineMove")
            text.addWidget(dept)
        if event.manual:
            badge = QLabel(self.tr("Recorded by hand (department answer given by phone)"), self)
            badge.setObjectName("manualBadge")
            text.addWidget(badge)
        if event.source == "district":
            badge = QLabel(self.tr("Answered on the district platform"), self)
            badge.setObjectName("districtBadge")
            text.addWidget(badge)
        if event.note:
            note = QLabel(event.note, self)
            note.setObjectName("timelineNote")
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.addWidget(note)
        row.addLayout(text, 1)

    def _what(self, event) -> str:
        if event.action == "open":
            return self.tr("Registered")
        if event.action == "rate":
            grade = grade_label(event.rating) if event.rating else ""
            return self.tr("Satisfaction: %1").replace("%1", grade)
        if event.action == "attach":
            return self.tr("Attachment added")
        if event.action == "answer":
            return self.tr("Department answer (state unchanged)")
        return action_label(CaseAction(event.action))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------------
# Dialogs
# ---------------------------------------------------------------------------------------------


class IntakeDialog(QDialog):
    """A new matter: type (filter by name or pinyin), channel, summary, reporter, place.

    Ticking "closed on the spot" asks for the result and records accept + resolve at once.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeDialog")
        self.setWindowTitle(self.tr("New matter"))
        self.setMinimumWidth(560)
        self._types: list = []
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.type_filter = QLineEdit(self)
        self.type_filter.setObjectName("typeFilter")
        self.type_filter.setPlaceholderText(self.tr("Type a name or pinyin initials, e.g. zczx"))
        self.type_list = QListWidget(self)
        self.type_list.setObjectName("typeList")
        self.type_list.setMinimumHeight(150)
        type_box = QVBoxLayout()
        type_box.addWidget(self.type_filter)
        type_box.addWidget(self.type_list)
        form.addRow(self.tr("Matter type"), type_box)

        self.channel = QComboBox(self)
        self.channel.setObjectName("channelCombo")
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel.value)
        form.addRow(self.tr("Channel"), self.channel)

        self.summary = QLineEdit(self)
        self.summary.setObjectName("summaryEdit")
        self.summary.setMaxLength(cases.MAX_SUMMARY)
        self.summary.setPlaceholderText(self.tr("What the resident asks for, in one line"))
        form.addRow(self.tr("Summary"), self.summary)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("descriptionEdit")
        self.description.setFixedHeight(60)
        form.addRow(self.tr("Details"), self.description)

        self.reporter_name = QLineEdit(self)
        self.reporter_name.setObjectName("reporterName")
        self.reporter_name.setMaxLength(cases.MAX_NAME)
        self.reporter_name.setPlaceholderText(self.tr("Leave empty when anonymous"))
        self.reporter_phone = QLineEdit(self)
        self.reporter_phone.setObjectName("reporterPhone")
        self.reporter_phone.setMaxLength(24)
        reporter = QHBoxLayout()
        reporter.addWidget(self.reporter_name, 1)
        reporter.addWidget(QLabel(self.tr("Phone"), self))
        reporter.addWidget(self.reporter_phone, 1)
        form.addRow(self.tr("Reported by"), reporter)

        self.address = QLineEdit(self)
        self.address.setObjectName("addressEdit")
        self.address.setMaxLength(cases.MAX_ADDRESS)
        self.grid_code = QLineEdit(self)
        self.grid_code.setObjectName("gridEdit")
        self.grid_code.setMaxLength(cases.MAX_GRID)
        self.grid_code.setFixedWidth(120)
        place = QHBoxLayout()
        place.addWidget(self.address, 1)
        place.addWidget(QLabel(self.tr("Grid"), self))
        place.addWidget(self.grid_code)
        form.addRow(self.tr("Address"), place)

        self.on_the_spot = QCheckBox(self.tr("Closed on the spot"), self)
        self.on_the_spot.setObjectName("onTheSpot")
        self.result_edit = QLineEdit(self)
        self.result_edit.setObjectName("resultEdit")
        self.result_edit.setPlaceholderText(self.tr("What was done for the resident"))
        self.result_edit.setEnabled(False)
        spot = QHBoxLayout()
        spot.addWidget(self.on_the_spot)
        spot.addWidget(self.result_edit, 1)
        form.addRow("", spot)

        self.message = QLabel("", self)
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("intakeSave")
        self.save_button.setToolTip("Ctrl+Enter")
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            act = QAction(self)
            act.setShortcut(QKeySequence(keys))
            act.triggered.connect(self._accept_if_valid)
            self.addAction(act)

        self.type_filter.textChanged.connect(self._filter_types)
        self.type_filter.returnPressed.connect(self.summary.setFocus)
        self.type_filter.installEventFilter(self)
        self.type_list.currentRowChanged.connect(lambda _r: self._validate())
        self.on_the_spot.toggled.connect(self._spot_toggled)
        for edit in (self.summary, self.reporter_phone, self.result_edit):
            edit.textChanged.connect(self._validate)
        self.type_filter.setFocus()
        self._validate()

    # -- type list ---------------------------------------------------------------------------
    def set_types(self, types) -> None:
        self._types = list(types)
        self.type_list.clear()
        for t in self._types:
            label = (
                self.tr("%1 · %2 · %3 working days")
                .replace("%1", t.name if i18n.is_chinese() else t.name_en)
                .replace("%2", t.category_name)
                .replace("%3", str(t.time_limit_days))
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, t.code)
            item.setData(Qt.ItemDataRole.UserRole + 1, t.search_key + " " + t.name_en.lower())
            self.type_list.addItem(item)
        self._filter_types(self.type_filter.text())

    def _filter_types(self, text: str) -> None:
        needle = text.strip().lower()
        first = -1
        for i in range(self.type_list.count()):
            item = self.type_list.item(i)
            key = item.data(Qt.ItemDataRole.UserRole + 1) or ""
            hidden = bool(needle) and needle not in key
            item.setHidden(hidden)
            if not hidden and first < 0:
                first = i
        current = self.type_list.currentItem()
        if needle and (current is None or current.isHidden()) and first >= 0:
            self.type_list.setCurrentRow(first)
        elif first < 0:
            self.type_list.setCurrentRow(-1)
        self._validate()

    def eventFilter(self, watched, event) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self.type_filter and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move_type(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _move_type(self, step: int) -> None:
        row = self.type_list.currentRow()
        count = self.type_list.count()
        i = row
        while True:
            i += step
            if not 0 <= i < count:
                return
            if not self.type_list.item(i).isHidden():
                self.type_list.setCurrentRow(i)
                return

    def selected_type(self) -> str | None:
        item = self.type_list.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    # -- validation ---------------------------------------------------------------------------
    def _spot_toggled(self, checked: bool) -> None:
        self.result_edit.setEnabled(checked)
        if checked:
            self.result_edit.setFocus()
        self._validate()

    def problem(self) -> str | None:
        phone = self.reporter_phone.text().strip()
        if phone and not cases.valid_phone(phone):
            return self.tr("The phone number is not valid.")
        if self.selected_type() is None:
            return self.tr("Choose a matter type.")
        if not self.summary.text().strip():
            return self.tr("Enter a summary.")
        if self.on_the_spot.isChecked() and not self.result_edit.text().strip():
            return self.tr("Enter what was done for the resident.")
        return None

    def _validate(self) -> None:
        problem = self.problem()
        # only speak up about fields the worker has started on
        shown = problem
        if problem in (self.tr("Choose a matter type."), self.tr("Enter a summary.")):
            shown = None
        if (
            problem == self.tr("Enter what was done for the resident.")
            and not self.result_edit.text()
        ):
            shown = None
        self.message.setText(shown or "")
        self.save_button.setEnabled(problem is None)

    def _accept_if_valid(self) -> None:
        if self.problem() is None:
            self.accept()

    def values(self) -> NewCase:
        return NewCase(
            type_code=self.selected_type() or "",
            channel=self.channel.currentData(),
            summary=self.summary.text(),
            description=self.description.toPlainText(),
            reporter_name=self.reporter_name.text() or None,
            reporter_phone=self.reporter_phone.text() or None,
            address=self.address.text() or None,
            grid=self.grid_code.text() or None,
            resolve_on_the_spot=self.result_edit.text() if self.on_the_spot.isChecked() else None,
        )


class ActionDialog(QDialog):
    """An action that needs a note or a department (reject, refer, reply, return, pend …)."""

    def __init__(
        self,
        action: CaseAction,
        departments,
        default_department: str | None,
        note: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.action = action
        self.setWindowTitle(action_label(action))
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        self.department_combo: QComboBox | None = None
        if requires_department(action):
            combo = QComboBox(self)
            combo.setObjectName("departmentCombo")
            for d in departments:
                combo.addItem(d.name if i18n.is_chinese() else d.name_en, d.code)
            if default_department:
                combo.setCurrentIndex(max(0, combo.findData(default_department)))
            form.addRow(self.tr("Refer to"), combo)
            self.department_combo = combo
        if action in DEPARTMENT_ACTIONS:
            hint = QLabel(
                self.tr("You are recording the department's answer by hand; the timeline says so."),
                self,
            )
            hint.setWordWrap(True)
            hint.setObjectName("placeholderNote")
            form.addRow(hint)
        prompts = {
            CaseAction.REJECT: self.tr("Reason for not accepting (told to the resident)"),
            CaseAction.RETURN: self.tr("Why the department sends it back"),
            CaseAction.REPLY: self.tr("The department's answer"),
            CaseAction.PEND: self.tr("Materials still needed (tell the resident all at once)"),
            CaseAction.REOPEN: self.tr("Why the matter is reopened"),
            CaseAction.REFER: self.tr("Message to the department"),
        }
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("actionDialogNote")
        self.note_edit.setPlainText(note)
        self.note_edit.setFixedHeight(90)
        form.addRow(prompts.get(action, self.tr("Note")), self.note_edit)
        self.message = QLabel("", self)
        self.message.setObjectName("inlineError")
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action_label(action))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.note_edit.textChanged.connect(self._validate)
        self.note_edit.setFocus()
        self._validate()

    def _validate(self) -> None:
        missing = requires_note(self.action) and not self.note()
        self.message.setText(self.tr("This step needs a note.") if missing else "")
        self.ok_button.setEnabled(not missing)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def department(self) -> str | None:
        return self.department_combo.currentData() if self.department_combo else None


class RevealDialog(QDialog):
    """Asks why the full phone number is needed; the reveal is audited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Show full number"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Viewing the full number is recorded with your reason."), self))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("revealReason")
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ImagePreview(QDialog):
    """Shows an image attachment in the app (nothing is written to disk)."""

    def __init__(self, name: str, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(name)
        layout = QVBoxLayout(self)
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        label = QLabel(self)
        if pixmap.isNull():
            label.setText(self.tr("This image cannot be shown."))
        else:
            label.setPixmap(
                pixmap.scaled(
                    900,
                    700,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        scroll = QScrollArea(self)
        scroll.setWidget(label)
        layout.addWidget(scroll)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
