"""Read-only list tables as the pages show them: whole rows, one at a time, fitted columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

T = TypeVar("T")

#: The colour of a row that needs attention now (overdue, unreachable too long).
RED = QColor("#c62828")


def list_table(
    parent: QWidget, name: str, headers: Sequence[str], *, stretch: int | None = None
) -> QTableWidget:
    """An empty read-only table with these column headers; one row is selected at a time.
    ``stretch`` is the column that takes the free width (see :func:`fit_columns`)."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    _whole_rows(table, stretch)
    return table


def fill_row(table: QTableWidget, row: int, values: Sequence[str], *, red: bool = False) -> None:
    """Put ``values`` in ``row``; ``red`` rows are red and bold (overdue)."""
    for column, value in enumerate(values):
        item = QTableWidgetItem(value)
        if red:
            item.setForeground(QBrush(RED))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        table.setItem(row, column, item)


def current_item(table: QTableWidget, items: Sequence[T]) -> T | None:
    """What the table's current row shows, ``items`` being its rows in order; None off the rows."""
    row = table.currentRow()
    return items[row] if 0 <= row < len(items) else None


def select_again(table: QTableWidget, ids: Sequence[str], current: str | None) -> None:
    """After a reload, select the row of ``current`` again, else the first row (if any)."""
    if ids:
        table.selectRow(ids.index(current) if current in ids else 0)


def list_view(
    parent: QWidget, name: str, model: QAbstractItemModel, *, stretch: int | None = None
) -> QTableView:
    """A table over ``model`` (read-only rows) laid out as :func:`list_table` lays out its own."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    _whole_rows(view, stretch)
    return view


def fit_columns(table: QTableView, stretch: int | None = None) -> None:
    """Columns as wide as their contents except ``stretch`` (the most textual one, by default
    the last), which takes the width left and elides what does not fit: the list never scrolls
    sideways. Tab leaves the table instead of walking its cells."""
    header = table.horizontalHeader()
    columns = header.count()
    stretch = columns - 1 if stretch is None else stretch
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if 0 <= stretch < columns:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(48)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)


def _whole_rows(table: QTableView, stretch: int | None) -> None:
    """No row numbers; whole rows, one at a time; columns fitted (:func:`fit_columns`)."""
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    fit_columns(table, stretch)
