"""The ID-card reader at the desk: polled on its own thread; a card opens its resident.

``CardReaderThread`` polls the configured reader (``stationdesk.cardreader``) off the GUI
thread and reports cards and problems through queued signals. ``CardReaderHook`` belongs to the
main window: on the 志愿服务 page's 活动 tab a card signs its member in to the selected activity;
elsewhere a card whose number is registered opens that resident's card, any other opens the
intake form filled from the card; problems show in the status bar.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from stationdesk.cardreader import (
    CardIdentity,
    CardReader,
    ReaderConfig,
    ReaderError,
    ReaderProblem,
    make_reader,
)
from stationdesk.domain.open311 import CHINA_TZ
from stationdesk.services import residents, settings

from .context import DeskContext, logged_in

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

POLL_S = 0.3
RETRY_S = 2.0
SAME_CARD_S = 3.0  # a card read again within this time is the one still lying there
# reader threads told to stop, kept referenced until they have ended (never waited for on the
# GUI thread, except at quit)
ENDING: set[CardReaderThread] = set()
# problems after which the reader is closed and opened again
REOPEN = frozenset({ReaderProblem.UNAVAILABLE, ReaderProblem.DISCONNECTED})


class CardReaderThread(QThread):
    """Polls one reader until stopped; never touches a widget."""

    card_placed = Signal(object)  # CardIdentity
    problem = Signal(str)  # a ReaderProblem value
    connected = Signal()

    def __init__(
        self,
        reader: CardReader,
        poll_s: float = POLL_S,
        after: CardReaderThread | None = None,
    ) -> None:
        super().__init__()
        self.reader = reader
        self.poll_s = poll_s
        self.after = after  # a thread that must let go of the port before this one opens it
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the loop to end; it lets go of the reader within a poll (about a second)."""
        self._stop.set()

    def run(self) -> None:
        if self.after is not None:
            self.after.wait()
            self.after = None
        is_open = False
        last_number, last_seen = "", 0.0
        last_problem: ReaderProblem | None = None
        while not self._stop.is_set():
            pause = self.poll_s
            try:
                if not is_open:
                    self.reader.open()
                    is_open = True
                    self.connected.emit()
                card = self.reader.poll()
                last_problem = None
                now = time.monotonic()
                if card is not None:
                    if card.id_number != last_number or now - last_seen > SAME_CARD_S:
                        self.card_placed.emit(card)
                    last_number, last_seen = card.id_number, now
            except ReaderError as exc:
                log.info("card reader: %s", exc)
                if exc.problem != last_problem:
                    self.problem.emit(exc.problem.value)
                last_problem = exc.problem
                if exc.problem is ReaderProblem.UNSUPPORTED:
                    break
                if exc.problem in REOPEN:
                    self.reader.close()
                    is_open = False
                    pause = RETRY_S
            except Exception:  # a reader bug must not end the desk
                log.exception("card reader failed")
                self.problem.emit(ReaderProblem.READ_FAILED.value)
                pause = RETRY_S
            self._stop.wait(pause)
        self.reader.close()


class CardReaderHook(QObject):
    """Runs the configured reader for the main window and acts on each card placed on it."""

    def __init__(self, window: MainWindow, ctx: DeskContext, poll_s: float = POLL_S) -> None:
        super().__init__(window)
        self.setObjectName("cardReaderHook")
        self.window = window
        self.ctx = ctx
        self.poll_s = poll_s
        self.reader_thread: CardReaderThread | None = None
        self.config = ReaderConfig()
        self.label = QLabel("", window)
        self.label.setObjectName("statusCardReader")
        window.statusBar().addPermanentWidget(self.label)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.reload()

    # -- lifetime ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the reader setting (off the GUI thread) and restart the reader with it."""
        station, _actor = logged_in(self.ctx)
        self.ctx.runner.run(
            lambda: settings.card_reader_config(station), self.start, self._no_config, owner=self
        )

    def _no_config(self, exc: BaseException) -> None:
        log.warning("card reader setting unreadable: %s", type(exc).__name__)

    def start(self, config: ReaderConfig) -> None:
        previous = self.reader_thread
        self.stop()
        self.config = config
        reader = make_reader(config)
        if reader is None:
            self.label.setText("")
            return
        self.label.setText(self.tr("Card reader: connecting…"))
        thread = self.reader_thread = CardReaderThread(reader, self.poll_s, previous)
        thread.card_placed.connect(self.card_placed)
        thread.problem.connect(self.show_problem)
        thread.connected.connect(self._connected)
        thread.start()

    def stop(self) -> None:
        """Let the reader go without waiting on the GUI thread: the thread ends by itself."""
        thread, self.reader_thread = self.reader_thread, None
        if thread is None:
            return
        thread.stop()
        thread.card_placed.disconnect(self.card_placed)
        thread.problem.disconnect(self.show_problem)
        thread.connected.disconnect(self._connected)
        if thread.isRunning():  # kept referenced until it has ended
            ENDING.add(thread)
            thread.finished.connect(
                lambda: ENDING.discard(thread), Qt.ConnectionType.QueuedConnection
            )
            if thread.isFinished():  # ended before the connection was made
                ENDING.discard(thread)

    def shutdown(self) -> None:
        """At quit: stop the reader and wait for every reader thread to end."""
        self.stop()
        for thread in list(ENDING):
            thread.wait(3_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    # -- what the reader says ---------------------------------------------------------------
    def problem_text(self, problem: ReaderProblem) -> str:
        return {
            ReaderProblem.UNAVAILABLE: self.tr(
                "Card reader not found: check its cable and the port in Settings."
            ),
            ReaderProblem.UNSUPPORTED: self.tr(
                "The vendor reader library works on Windows only: choose the serial reader "
                "in Settings."
            ),
            ReaderProblem.DISCONNECTED: self.tr(
                "Card reader disconnected: plug it back in and it reconnects by itself."
            ),
            ReaderProblem.NO_ANSWER: self.tr(
                "The card reader does not answer: check its cable and the port in Settings."
            ),
            ReaderProblem.BAD_FRAME: self.tr(
                "The card reader sent data that cannot be understood: place the card again."
            ),
            ReaderProblem.CHECKSUM: self.tr(
                "The card reader's data failed its checksum: place the card again."
            ),
            ReaderProblem.READ_FAILED: self.tr("The card could not be read: place it again."),
            ReaderProblem.BAD_CARD_DATA: self.tr("The card's data is not a valid ID card."),
        }[problem]

    def _connected(self) -> None:
        self.label.setText(self.tr("Card reader: ready"))

    def show_problem(self, value: str) -> None:
        self.label.setText(self.problem_text(ReaderProblem(value)))

    def card_placed(self, card: CardIdentity) -> None:
        """Open the card's resident, or the intake form filled from the card."""
        if self.window.is_covered():  # locked: nothing opens behind the lock screen
            return
        if self._signs_in(card):
            return
        from .pages.residents import ResidentsPage

        page = self.window.page_widgets["residents"]
        assert isinstance(page, ResidentsPage)
        intake = getattr(page, "intake", None)
        if intake is not None and intake.isVisible():
            intake.prefill(card.name, card.id_number, card.ethnicity, card.address)
            return
        modal = QApplication.activeModalWidget()
        if modal is not None:
            self.label.setText(self.tr("ID card read: close the open dialog to use it."))
            return
        today = datetime.now(CHINA_TZ).date()
        if card.expired(today) and card.valid_until is not None:
            self.label.setText(
                self.tr("ID card read: it expired on %1.").replace(
                    "%1", card.valid_until.isoformat()
                )
            )
        else:
            self.label.setText(self.tr("ID card read."))
        station, actor = logged_in(self.ctx)

        def found(resident_id: str | None) -> None:
            self.window.show_page("residents")
            if resident_id is not None:
                page.open_resident(resident_id)
                return
            dialog = page.open_intake()
            dialog.prefill(card.name, card.id_number, card.ethnicity, card.address)

        self.ctx.runner.run(
            lambda: residents.resident_with_id_number(station, actor, card.id_number),
            found,
            self.ctx.report_error,
            owner=self,
        )

    def _signs_in(self, card: CardIdentity) -> bool:
        """Whether the card signs its member in (or out) at the activity selected on the 志愿服务
        page's 活动 tab, that tab being on screen with nothing modal over it."""
        if self.window.current_page_key() != "volunteer" or QApplication.activeModalWidget():
            return False
        from .pages.volunteer import VolunteerPage

        page = self.window.page_widgets["volunteer"]
        if not isinstance(page, VolunteerPage) or page.tabs.currentWidget() is not page.activities:
            return False
        if not page.activities.sign_by_card(card.id_number):
            return False
        self.label.setText(self.tr("ID card read."))
        return True


def restart_card_reader(widget: QWidget) -> None:
    """Make the desk's reader take up a changed setting (called by the settings page)."""
    hook = widget.window().findChild(CardReaderHook, "cardReaderHook")
    if hook is not None:
        hook.reload()


__all__ = ["CardReaderHook", "CardReaderThread", "restart_card_reader"]
