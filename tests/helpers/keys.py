"""Driving the desk by keyboard alone: keys go to the focused widget and every action is counted.

An action is what a worker does once: a shortcut, a Tab, an Enter, one field typed (however many
characters), or a card placed on the reader. ``ActionCounter`` sends only key events (Chinese
text as input-method commits, as an IME types it) to ``QApplication.focusWidget()``, so a flow
that needs the mouse, or a widget method called for the user, cannot pass through it. It needs
no pytest: the keyboard benchmark drives the same flows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def wait_until(condition: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
    """Run the event loop until ``condition()`` holds; AssertionError after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what or condition}")
        QTest.qWait(10)


def focused() -> QWidget:
    """The widget the keyboard types into now (the active window when nothing has focus)."""
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "no widget has the keyboard"
    return widget


@dataclass
class ActionCounter:
    """Sends keys to the focused widget, counting actions and keeping a log of them."""

    actions: int = 0
    log: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def count(self, what: str) -> None:
        """One action that is not a key (a card placed on the reader)."""
        self.actions += 1
        self.log.append(what)

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> QWidget:
        """One key or shortcut (Ctrl+K, F4, Enter, Down …); returns the widget it went to."""
        target = focused()
        QTest.keyClick(target, key, modifiers)
        self.count(QKeySequence(key.value | modifiers.value).toString())
        return target

    def shortcut(self, keys: str) -> QWidget:
        """One shortcut given as text, e.g. "Ctrl+K", "Alt+D", "F6", "Ctrl+Return"."""
        combo = QKeySequence(keys)[0]
        return self.key(combo.key(), combo.keyboardModifiers())

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.key(Qt.Key.Key_Tab)

    def enter(self) -> QWidget:
        return self.key(Qt.Key.Key_Return)

    def down(self, times: int = 1) -> None:
        for _ in range(times):
            self.key(Qt.Key.Key_Down)

    def type(self, text: str) -> QWidget:
        """Type one field's text into the focused widget: one action."""
        target = focused()
        for ch in text:
            if ord(ch) < 128:
                QTest.keyClicks(target, ch)
            else:  # what an input method sends when a Chinese character is picked
                event = QInputMethodEvent()
                event.setCommitString(ch)
                QApplication.sendEvent(target, event)
        self.count(f"type {text!r}")
        return target

    @property
    def seconds(self) -> float:
        """Wall time since the counter was made (the flow's start)."""
        return time.monotonic() - self.started

    def restart(self) -> None:
        self.actions = 0
        self.log.clear()
        self.started = time.monotonic()
