"""Qt table models over case service data: the case list and per-group metrics."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from stationdesk.domain.cases import (
    CHANNEL_LABELS_EN,
    CHANNEL_LABELS_ZH,
    STATE_LABELS_EN,
    STATE_LABELS_ZH,
    CaseState,
    Channel,
)

from .. import i18n
from ..models import Index, ListTableModel

AMBER_BG = QColor("#fff4d6")
AMBER_FG = QColor("#8a5a00")
RED_BG = QColor("#fde0e0")
RED_FG = QColor("#b71c1c")

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def state_label(state: CaseState) -> str:
    """The state's name in the interface language."""
    return (STATE_LABELS_ZH if i18n.is_chinese() else STATE_LABELS_EN)[state]


def channel_label(channel: Channel) -> str:
    """The channel's name in the interface language."""
    return (CHANNEL_LABELS_ZH if i18n.is_chinese() else CHANNEL_LABELS_EN)[channel]


#: The six rates of a :class:`~stationdesk.domain.metrics.Metrics`, each with its two counts.
RATE_ATTRS = (
    ("acceptance_rate", "accepted", "registered"),
    ("completion_rate", "closed", "due"),
    ("on_time_rate", "closed_on_time", "due"),
    ("timely_ack_rate", "referrals_acked_in_time", "referrals"),
    ("follow_up_rate", "followed_up", "resolved"),
    ("satisfaction_rate", "satisfied", "rated"),
)


def format_rate(rate: float | None) -> str:
    """A rate as a percentage with one decimal, or an em dash."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


class CaseTableModel(ListTableModel):
    """Rows of case summaries from the services, with deadline colours on the due date."""

    NUMBER, TYPE, SUMMARY, STATE, DUE, OWNER, DEPARTMENT, RECEIVED = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self._headers = [
            self.tr("Number"),
            self.tr("Matter type"),
            self.tr("Summary"),
            self.tr("State"),
            self.tr("Due"),
            self.tr("Received by"),
            self.tr("Department"),
            self.tr("Received"),
        ]

    def row_of(self, case_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == case_id:
                return i
        return -1

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NUMBER:
                return c.number
            if col == self.TYPE:
                return c.type_name
            if col == self.SUMMARY:
                return c.summary
            if col == self.STATE:
                return state_label(c.state)
            if col == self.DUE:
                due = c.deadline.due if c.deadline else c.due
                if c.deadline is not None and c.deadline.paused:
                    return due.isoformat() + " " + self.tr("(paused)")
                return due.isoformat()
            if col == self.OWNER:
                return c.owner_name
            if col == self.DEPARTMENT:
                return c.department_name or ""
            if col == self.RECEIVED:
                return c.received_at.strftime("%Y-%m-%d %H:%M")
            return None
        if role == CASE_ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.SUMMARY, self.TYPE):
            return c.summary if col == self.SUMMARY else c.type_name
        if role == Qt.ItemDataRole.ToolTipRole and col == self.DUE and c.deadline is not None:
            return (
                self.tr("%1 of %2 working days used")
                .replace("%1", str(c.deadline.elapsed_working_days))
                .replace("%2", str(c.deadline.limit_working_days))
            )
        if c.deadline is not None and col in (self.DUE, self.NUMBER):
            level = c.deadline.level.value
            if role == Qt.ItemDataRole.BackgroundRole and level != "ok":
                return QBrush(RED_BG if level == "red" else AMBER_BG)
            if role == Qt.ItemDataRole.ForegroundRole and level != "ok":
                return QBrush(RED_FG if level == "red" else AMBER_FG)
        return None


class GroupMetricsModel(ListTableModel):
    """Rows of :class:`~stationdesk.services.reports.GroupMetrics`: the six rates per group."""

    RATES = tuple(attr for attr, _num, _den in RATE_ATTRS)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self._headers = [
            self.tr("Group"),
            self.tr("Registered"),
            self.tr("Acceptance"),
            self.tr("Completion"),
            self.tr("On time"),
            self.tr("Timely ack"),
            self.tr("Follow-up"),
            self.tr("Satisfaction"),
        ]

    def set_first_header(self, text: str) -> None:
        self._headers[0] = text
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        g = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return g.label
            if col == 1:
                return str(g.metrics.registered)
            return format_rate(getattr(g.metrics, self.RATES[col - 2]))
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
