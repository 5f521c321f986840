"""The 同步 page: sync now with progress and cancel, the history, and the conflict review."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.identity import mask_id_number, mask_phone
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import shown_second
from stationdesk.services import sync

from ..context import DeskContext, logged_in
from ..sync_agent import SyncAgent
from ..tables import list_table
from ..widgets import page_title, push_button

PERSONAL_FIELDS = {"id_number": mask_id_number, "phone": mask_phone}


def shown_value(field: str | None, value: Any) -> str:
    """A conflict value as shown on screen (ID numbers and phones masked)."""
    if value is None:
        return "—"
    if isinstance(value, dict | list):
        return "…"
    text = str(value)
    masker = PERSONAL_FIELDS.get(field or "")
    return masker(text) if masker and text else text


class SyncPage(QWidget):
    """Sync now, its progress and history, and the conflict review list."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.agent = ctx.sync_agent or SyncAgent(ctx, self)
        _station, actor = logged_in(ctx)
        self.can_resolve = actor.can(Permission.APPROVE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(page_title(self.tr("Sync"), self))

        self.summary = QLabel("", self)
        self.summary.setObjectName("syncSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.sync_button = push_button(
            self, self.tr("Sync now"), "syncNow", self._sync_now, keys="F5"
        )
        self.cancel_button = push_button(
            self, self.tr("Cancel"), "syncCancel", self.agent.cancel, enabled=False, keys="Alt+C"
        )
        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.progress.setVisible(False)
        self.phase = QLabel("", self)
        self.phase.setObjectName("syncPhase")
        row.addWidget(self.sync_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 2)
        row.addWidget(self.phase, 1)  # takes the room while no sync runs: buttons keep their size
        layout.addLayout(row)
        self.result_label = QLabel("", self)
        self.result_label.setObjectName("syncResult")
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)

        conflicts_box = QGroupBox(self.tr("Conflicts to review"), self)
        cv = QVBoxLayout(conflicts_box)
        self.conflicts = list_table(
            conflicts_box,
            "conflictTable",
            [
                self.tr("Record"),
                self.tr("Field"),
                self.tr("Kept value"),
                self.tr("Other value"),
                self.tr("Note"),
            ],
        )
        cv.addWidget(self.conflicts)
        buttons = QHBoxLayout()
        self.keep_button = push_button(
            conflicts_box, self.tr("Keep the kept value"), "conflictKeep", keys="Alt+K"
        )
        self.other_button = push_button(
            conflicts_box, self.tr("Use the other value"), "conflictUseOther", keys="Alt+O"
        )
        self.dismiss_button = push_button(
            conflicts_box, self.tr("Mark as reviewed"), "conflictDismiss", keys="Alt+D"
        )
        for button, choice in (
            (self.keep_button, "keep"),
            (self.other_button, "use_other"),
            (self.dismiss_button, "dismiss"),
        ):
            button.clicked.connect(lambda _=False, c=choice: self._resolve(c))
            buttons.addWidget(button)
        buttons.addStretch(1)
        if not self.can_resolve:
            note = QLabel(self.tr("Only a station head can resolve conflicts."), conflicts_box)
            buttons.addWidget(note)
        cv.addLayout(buttons)
        layout.addWidget(conflicts_box, 1)

        history_box = QGroupBox(self.tr("History"), self)
        hv = QVBoxLayout(history_box)
        self.history = list_table(
            history_box,
            "syncHistory",
            [
                self.tr("Time"),
                self.tr("Result"),
                self.tr("Pushed"),
                self.tr("Pulled"),
                self.tr("Conflicts"),
                self.tr("Message"),
            ],
        )
        hv.addWidget(self.history)
        layout.addWidget(history_box, 1)

        self._conflict_rows: list[sync.ConflictInfo] = []
        self.conflicts.itemSelectionChanged.connect(self._update_buttons)
        self.agent.progress.connect(self._on_progress)
        self.agent.finished.connect(self._on_finished)
        self.agent.running_changed.connect(self._on_running)
        self.agent.status_changed.connect(self._on_status)
        self._update_buttons()
        self._on_running(self.agent.running)
        if self.agent.status is not None:
            self._on_status(self.agent.status)
        self.reload()

    # -- loading -------------------------------------------------------------------------------
    def data_changed(self) -> None:
        """Stored data changed (a write or a sync): the history and conflicts reload."""
        self.reload()

    def reload(self) -> None:
        station, actor = logged_in(self.ctx)

        # conflicts carry personal data: only roles that handle matters or approve see them
        sees_conflicts = actor.can(Permission.HANDLE_MATTERS) or actor.can(Permission.APPROVE)

        def load() -> tuple[list[sync.SyncRunInfo], list[sync.ConflictInfo]]:
            conflicts = sync.list_conflicts(station, actor) if sees_conflicts else []
            return sync.sync_history(station, 50), conflicts

        self.ctx.runner.run(load, self._show, self.ctx.report_error, owner=self)
        self.agent.refresh_status()

    def _outcome_text(self, outcome: str) -> str:
        return {
            "ok": self.tr("Done"),
            "offline": self.tr("Offline"),
            "upgrade": self.tr("Please upgrade"),
            "denied": self.tr("Not allowed"),
            "cancelled": self.tr("Cancelled"),
            "unset": self.tr("Not set up"),
        }.get(outcome, self.tr("Failed"))

    def _kind_text(self, c: sync.ConflictInfo) -> str:
        if c.kind == "deleted":
            return self.tr("Edited here, deleted at the district")
        if c.kind == "rejected":
            return self.tr("Refused by the district: %1").replace("%1", c.message or "")
        if c.identity:
            return self.tr("Identity field: please check the person")
        return self.tr("Changed at two places; the later change was kept")

    def _show(self, data: tuple[list[sync.SyncRunInfo], list[sync.ConflictInfo]]) -> None:
        history, conflicts = data
        self.history.setRowCount(len(history))
        for i, h in enumerate(history):
            values = (
                shown_second(h.started_at),
                self._outcome_text(h.outcome),
                str(h.pushed),
                str(h.pulled),
                str(h.conflicts + h.rejected),
                h.message or "",
            )
            for j, text in enumerate(values):
                self.history.setItem(i, j, QTableWidgetItem(text))
        self._conflict_rows = conflicts
        self.conflicts.setRowCount(len(conflicts))
        for i, c in enumerate(conflicts):
            cells = (
                f"{c.entity} {c.entity_id[:8]}",
                c.field or "—",
                shown_value(c.field, c.applied_value if c.kind == "field" else c.local_value),
                shown_value(c.field, c.server_value),
                self._kind_text(c),
            )
            for j, text in enumerate(cells):
                self.conflicts.setItem(i, j, QTableWidgetItem(text))
        self._update_buttons()

    def _selected(self) -> sync.ConflictInfo | None:
        rows = self.conflicts.selectionModel().selectedRows()
        if not rows:
            return None
        index = rows[0].row()
        return self._conflict_rows[index] if index < len(self._conflict_rows) else None

    def _update_buttons(self) -> None:
        c = self._selected()
        ok = self.can_resolve and c is not None
        self.keep_button.setEnabled(ok and c is not None and c.kind == "field")
        self.other_button.setEnabled(ok and c is not None and c.kind == "field")
        self.dismiss_button.setEnabled(ok)

    # -- actions -------------------------------------------------------------------------------
    def _sync_now(self) -> None:
        self.result_label.setText("")
        if not self.agent.sync_now("manual"):
            self.result_label.setText(self.tr("A sync is already running."))

    def _resolve(self, choice: str) -> None:
        c = self._selected()
        if c is None:
            return
        station, actor = logged_in(self.ctx)
        self.ctx.runner.write(
            lambda: sync.resolve_conflict(station, actor, c.id, choice),
            lambda _r: self.reload(),
            self.ctx.report_error,
            owner=self,
        )

    def _on_running(self, running: bool) -> None:
        self.sync_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)
            self.phase.setText(self.tr("Connecting…"))
        else:  # the phase of a cycle that has ended is not news any more
            self.phase.setText("")

    def _on_progress(self, p: sync.Progress) -> None:
        names = {
            "hello": self.tr("Connecting…"),
            "push": self.tr("Uploading"),
            "pull": self.tr("Downloading"),
            "snapshot": self.tr("Downloading all data"),
            "attachments": self.tr("Uploading attachments"),
            "attachments-fetch": self.tr("Downloading attachments"),
        }
        self.phase.setText(f"{names.get(p.phase, p.phase)} {p.done}")
        if p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(min(p.done, p.total))
        else:
            self.progress.setRange(0, 0)

    def _on_finished(self, result: sync.SyncResult | BaseException) -> None:
        self.show_result(result)
        self.reload()

    def show_result(self, result: sync.SyncResult | BaseException) -> None:
        """Say how a sync ended (also replayed when the page is built after it)."""
        if isinstance(result, sync.SyncResult):
            text = (
                self.tr("Pushed %1, pulled %2, conflicts %3.")
                .replace("%1", str(result.pushed))
                .replace("%2", str(result.pulled))
                .replace("%3", str(result.conflicts + result.rejected))
            )
            if result.outcome != "ok" or result.message_zh:
                text = (
                    self.tr("%1: %2")
                    .replace("%1", self._outcome_text(result.outcome))
                    .replace("%2", result.message_zh or result.message)
                )
            self.result_label.setText(text)
        else:
            self.result_label.setText(self.tr("Sync failed; see the log."))

    def _on_status(self, status: sync.SyncStatus) -> None:
        self.summary.setText(
            self.tr("Server: %1").replace("%1", status.server_url or self.tr("not set"))
            + "\n"
            + self.agent.status_text(status)
        )
