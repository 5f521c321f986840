"""The shortcut shown on a button's label matches the label's script."""

from PySide6.QtGui import QKeySequence

from stationdesk.ui.widgets import with_keys


def test_full_width_brackets_beside_chinese() -> None:
    assert with_keys("编辑", "F2") == "编辑（F2）"
    assert with_keys("登记新事项", QKeySequence("Ctrl+N")) == "登记新事项（Ctrl+N）"


def test_ascii_brackets_beside_english() -> None:
    assert with_keys("Edit", "F2") == "Edit (F2)"
