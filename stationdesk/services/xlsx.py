"""Excel cells every export writes: text is always inert string data, never a formula.

A text a spreadsheet would read as a formula (one starting ``= + - @``, their full-width forms,
a tab or a line break: OWASP "CSV injection") gets a leading single quote, so it shows as typed
and stays text when the cell is edited or the sheet saved as CSV. Characters a workbook cannot
hold are shown as ``\\xNN`` (``\\uNNNN``). Text cells are explicitly typed as strings, so neither
a formula nor an error value (``#REF!``) is ever written. Numbers and dates keep their types.
openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "FORMULA_TRIGGERS",
    "QUOTE",
    "append_row",
    "inert_text",
    "put",
    "save_workbook",
    "set_column_widths",
]

#: First characters that make a spreadsheet read a cell as a formula (or a DDE call).
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n＝＋－＠")
#: What goes before such a text.
QUOTE = "'"
STRING = "s"  # openpyxl's data type of a text cell
#: Characters XML 1.0 forbids, so an .xlsx cannot hold them: C0 controls but tab, LF and CR;
#: lone surrogates (undecodable bytes); U+FFFE and U+FFFF.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The document properties (docProps/core.xml) that hold text.
_TEXT_PROPERTIES = ("title", "subject", "creator", "keywords", "description", "category")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _writable(text: str) -> str:
    return _UNWRITABLE.sub(_escape, text)


def inert_text(text: str) -> str:
    """``text`` as an export writes it: unwritable characters escaped, then a quote before a
    first character that would start a formula. Idempotent."""
    text = _writable(text)
    return QUOTE + text if text[:1] in FORMULA_TRIGGERS else text


def _set(cell: Any, value: object) -> Any:
    """Give ``cell`` the value; a text becomes inert and is typed as a string."""
    if isinstance(value, str):
        cell.value = inert_text(value)
        cell.data_type = STRING
    else:
        cell.value = value
    return cell


def put(sheet: Any, row: int, column: int, value: object) -> Any:
    """Write one cell (1-based row and column) and return it."""
    return _set(sheet.cell(row=row, column=column), value)


def append_row(sheet: Any, values: Iterable[object]) -> None:
    """Append a row below the last one (``[]`` appends an empty row)."""
    from openpyxl.cell.cell import Cell

    sheet.append([_set(Cell(sheet), v) if isinstance(v, str) else v for v in values])


def set_column_widths(sheet: Any, widths: Iterable[float]) -> None:
    """Set the widths of the first columns (A, B, …), in Excel's character units."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width


def save_workbook(book: Any, path: Path) -> None:
    """Make every text cell inert once more, then save the workbook atomically to ``path``.

    Whatever reached a sheet without :func:`put` or :func:`append_row` is made inert here, so
    no export ever writes a formula.
    """
    for sheet in book.worksheets:
        # the cells written so far (iterating rows would add every empty cell to the file)
        for cell in list(sheet._cells.values()):
            if isinstance(cell.value, str):
                _set(cell, cell.value)
    for name in _TEXT_PROPERTIES:
        value = getattr(book.properties, name)
        if isinstance(value, str):
            setattr(book.properties, name, _writable(value))
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        book.save(str(partial))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
