"""A page for an area whose screens are not available yet in this version."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """Says plainly that the area is not available in this version."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title, self)
        heading.setObjectName("pageTitle")
        note = QLabel(self.tr("This area is not available in this version yet."), self)
        note.setObjectName("placeholderNote")
        note.setAlignment(Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(1)
