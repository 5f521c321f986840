"""Read-only list tables as the pages show them: whole rows, one at a time, fitted columns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QWidget


def list_table(parent: QWidget, name: str, headers: Sequence[str]) -> QTableWidget:
    """An empty read-only table with these column headers; one row is selected at a time."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    _whole_rows(table)
    return table


def list_view(parent: QWidget, name: str, model: QAbstractItemModel) -> QTableView:
    """A table over ``model`` (read-only rows) laid out as :func:`list_table` lays out its own."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    _whole_rows(view)
    return view


def _whole_rows(table: QTableView) -> None:
    """No row numbers; whole rows, one at a time; columns fit their contents, the last fills."""
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
