"""The widgets pages and dialogs build alike: titles, inline errors, line edits, dialog buttons,
and the message an export ends with."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QWidget

Standard = QDialogButtonBox.StandardButton


def window_title(part: str = "") -> str:
    """A window's title: the desk's name, then what this window is ("社区党群服务站综合受理台 —
    登记新事项"); ``part`` is already translated."""
    desk = QCoreApplication.translate("Desk", "Community Service Station Desk")
    return f"{desk} — {part}" if part else desk


def page_title(text: str, parent: QWidget) -> QLabel:
    """A page's heading (the style sheet knows it by its object name)."""
    title = QLabel(text, parent)
    title.setObjectName("pageTitle")
    return title


def inline_error(parent: QWidget, *, wrap: bool = True) -> QLabel:
    """The empty line of a form or page where its problem is said, in the error style."""
    message = QLabel("", parent)
    message.setObjectName("inlineError")
    message.setWordWrap(wrap)
    return message


def line_edit(
    parent: QWidget,
    name: str,
    text: str = "",
    *,
    max_length: int = 0,
    placeholder: str = "",
    secret: bool = False,
) -> QLineEdit:
    """A text field with this object name; a ``max_length`` of 0 keeps Qt's own limit and
    ``secret`` fields show dots."""
    edit = QLineEdit(text, parent)
    edit.setObjectName(name)
    if max_length:
        edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def push_button(
    parent: QWidget,
    text: str,
    name: str,
    on_click: Callable[[], object] | None = None,
    *,
    enabled: bool = True,
    keys: str | None = None,
) -> QPushButton:
    """A button with this object name that runs ``on_click`` when pressed (a click, its
    shortcut or the space bar), enabled or not from the start; with ``keys`` the shortcut is
    set and shown on the label ("导出Excel（Alt+E）")."""
    button = QPushButton(with_keys(text, keys) if keys else text, parent)
    button.setObjectName(name)
    if keys:
        button.setShortcut(QKeySequence(keys))
    if on_click is not None:
        button.clicked.connect(on_click)
    if not enabled:
        button.setEnabled(False)
    return button


def dialog_buttons(
    dialog: QDialog, accept: Standard = Standard.Ok, on_accept: Callable[[], object] | None = None
) -> tuple[QDialogButtonBox, QPushButton]:
    """The ``accept`` button (OK, Save …) and Cancel: Cancel rejects the dialog, ``accept``
    runs ``on_accept`` (by default it accepts the dialog). Returns the box and that button."""
    buttons = QDialogButtonBox(accept | Standard.Cancel, dialog)
    buttons.accepted.connect(on_accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, buttons.button(accept)


def submit_keys(dialog: QDialog, submit: Callable[[], object]) -> None:
    """Ctrl+Enter (either Enter key) runs ``submit`` from anywhere in ``dialog``, a multi-line
    field included (there plain Enter starts a new line)."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        action = QAction(dialog)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(submit)
        dialog.addAction(action)


def confirm_buttons(
    dialog: QDialog, field: QLineEdit, *, least: int = 1, accept: Standard = Standard.Ok
) -> tuple[QDialogButtonBox, QPushButton]:
    """:func:`dialog_buttons` whose ``accept`` button waits until ``field`` holds at least
    ``least`` characters besides blanks at its ends (a reason, a purpose)."""
    buttons, button = dialog_buttons(dialog, accept)
    button.setEnabled(False)
    field.textChanged.connect(lambda text: button.setEnabled(len(text.strip()) >= least))
    return buttons, button


SECTION_SAVE_KEYS = "Ctrl+S"
REVEAL_KEYS = "F9"  # show a masked ID or phone number in full (audited), wherever it is shown


def section_save_button(
    parent: QWidget,
    text: str,
    name: str,
    on_click: Callable[[], object] | None = None,
    *,
    enabled: bool = True,
) -> QPushButton:
    """The save button of one form on a page of several (设置): it shows Ctrl+S, which
    :func:`save_focused_section` gives to the form holding the keyboard focus."""
    button = push_button(
        parent, with_keys(text, SECTION_SAVE_KEYS), name, on_click, enabled=enabled
    )
    button.setProperty("sectionSave", True)
    return button


def save_focused_section(page: QWidget) -> bool:
    """Ctrl+S on ``page``: press the one enabled save button of the innermost form around the
    focused control. False when the focus is outside ``page`` or that form has nothing to
    save."""
    from PySide6.QtWidgets import QApplication

    widget = QApplication.focusWidget()
    if widget is None or not page.isAncestorOf(widget):
        return False
    while widget is not None and widget is not page:
        candidates = [
            b
            for b in widget.findChildren(QPushButton)
            if b.property("sectionSave") and b.isVisible()
        ]
        if candidates:
            enabled = [b for b in candidates if b.isEnabled()]
            if len(enabled) == 1:
                enabled[0].click()
                return True
            return False
        widget = widget.parentWidget()
    return False


def install_section_save(page: QWidget) -> None:
    """Ctrl+S anywhere on ``page`` saves the form the keyboard is in."""
    action = QAction(page)
    action.setShortcut(QKeySequence(SECTION_SAVE_KEYS))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: save_focused_section(page))
    page.addAction(action)


def keyboard_back_on_close(dialog: QDialog) -> None:
    """When ``dialog`` closes, the window it was opened from gets the keyboard back at once, so
    the desk's shortcuts work without a click (not every platform reactivates it)."""
    parent = dialog.parentWidget()
    if parent is not None:
        window = parent.window()
        dialog.finished.connect(lambda _result: window.activateWindow())


def focus_first_in(container: QWidget) -> bool:
    """Put the keyboard on the first control inside ``container`` that Tab would reach."""
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container and container.isAncestorOf(widget):
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        widget = widget.nextInFocusChain()
    return False


def _is_cjk(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or ch >= "\U00020000" for ch in text)


def with_keys(text: str, keys: str | QKeySequence) -> str:
    """A button's (translated) label with its shortcut shown beside it: full-width brackets
    beside Chinese, "编辑（F2）", and ASCII ones beside English, "Edit (F2)"."""
    shown = keys if isinstance(keys, str) else keys.toString(QKeySequence.SequenceFormat.NativeText)
    if _is_cjk(text):
        return f"{text}（{shown}）"
    return f"{text} ({shown})"


def exported_message(*files: str | Path) -> str:
    """What an export says when done: the file (or files) written and the folder holding them,
    e.g. "已导出：证明台账-2026-12-05.xlsx（位于 /home/wang/Documents）"."""
    paths = [Path(f) for f in files]
    names = QCoreApplication.translate("Export", "%1 and %2") if len(paths) == 2 else "%1"
    shown = names.replace("%1", paths[0].name).replace("%2", paths[-1].name)
    return (
        QCoreApplication.translate("Export", "Exported: %1 (in %2)")
        .replace("%1", shown)
        .replace("%2", str(paths[0].parent))
    )
