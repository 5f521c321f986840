"""The case panel: facts, quick actions, rating, timeline and attachments of one case."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.cases import CaseAction, SatisfactionGrade
from stationdesk.services.cases import DEPARTMENT_ACTIONS, CaseDetail, CaseEventInfo

from ...widgets import REVEAL_KEYS, line_edit, push_button
from ..case_models import channel_label, state_label
from .labels import action_label, grade_label

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
        self.detail: CaseDetail | None = None
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
        self.reveal = push_button(facts, self.tr("Show"), "revealPhone", keys=REVEAL_KEYS)
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
        self.note = line_edit(
            self.actions_box,
            "actionNote",
            placeholder=self.tr("Note for the next step (optional)"),
        )
        actions.addWidget(self.note)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.action_buttons: dict[CaseAction, QPushButton] = {}
        for action in CaseAction:
            key = ACTION_KEYS[action]
            button = push_button(
                self.actions_box, f"{action_label(action)}  Alt+{key}", f"action-{action.value}"
            )
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
            button = push_button(self.rating_row, grade_label(grade), f"grade-{grade.value}")
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
        self.attach_button = push_button(
            files,
            self.tr("Add scan or photo…"),
            "attachFile",
            self.attach_requested.emit,
            keys="Alt+F",
        )
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

    def show_full_phone(self, phone: str | None) -> None:
        if self.detail is None or not phone:
            return
        name = self.detail.reporter_name or ""
        self.f_reporter.setText(f"{name} {phone}".strip())
        self.reveal.setVisible(False)

    def show_detail(self, detail: CaseDetail) -> None:
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
            text = (
                self.tr("%1 (%2, %3)")
                .replace("%1", att.name)
                .replace("%2", _size(att.size))
                .replace("%3", att.added_by)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, att.id)
            self.attachments.addItem(item)
        self.attachments.setVisible(bool(detail.attachments))
        self.attach_button.setEnabled(detail.can_act)

    def _layout_actions(self, detail: CaseDetail) -> None:
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

    def _fill_timeline(self, detail: CaseDetail) -> None:
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

    def __init__(self, event: CaseEventInfo, *, last: bool, parent: QWidget | None = None) -> None:
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

        def add_line(words: str, name: str) -> QLabel:
            label = QLabel(words, self)
            label.setObjectName(name)
            text.addWidget(label)
            return label

        if (
            event.from_state is not None
            and event.to_state is not None
            and event.from_state != event.to_state
        ):
            move = f"{state_label(event.from_state)} → {state_label(event.to_state)}"
            add_line(move, "timelineMove")
        if event.department_name and event.action in ("refer", "ack", "reply", "return", "answer"):
            add_line(self.tr("Department: %1").replace("%1", event.department_name), "timelineMove")
        if event.manual:
            add_line(self.tr("Recorded by hand (department answer given by phone)"), "manualBadge")
        if event.source == "district":
            add_line(self.tr("Answered on the district platform"), "districtBadge")
        if event.note:
            note = add_line(event.note, "timelineNote")
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addLayout(text, 1)

    def _what(self, event: CaseEventInfo) -> str:
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
