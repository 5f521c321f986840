"""The one Excel cell writer: any text, however hostile, is saved as inert string data."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from stationdesk.services.xlsx import (
    FORMULA_TRIGGERS,
    QUOTE,
    append_row,
    inert_text,
    put,
    save_workbook,
)
from tests.helpers.xlsx import assert_no_formula

UNWRITABLE = "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\ud800\udfff\ufffe\uffff"
ALLOWED_CONTROLS = "\t\n\r"

texts = st.text(st.characters(codec=None, categories=None))
hostile = st.one_of(
    texts,
    st.builds(str.__add__, st.sampled_from(sorted(FORMULA_TRIGGERS)), texts),
    st.builds(str.__add__, st.sampled_from(UNWRITABLE), texts),
    st.sampled_from(
        [
            "=cmd|' /C calc'!A0",
            '=HYPERLINK("http://evil.example/","x")',
            "+1+1",
            "-1+1",
            "@SUM(A1)",
            "\t=1+1",
            "\r=1+1",
            "＝1+1",
            "#REF!",
            "#N/A",
            "=",
            "",
        ]
    ),
)


def unwritable(text: str) -> bool:
    return any(
        (ord(ch) < 0x20 and ch not in ALLOWED_CONTROLS)
        or 0xD800 <= ord(ch) <= 0xDFFF
        or ch in "\ufffe\uffff"
        for ch in text
    )


@given(hostile)
def test_inert_text_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    shown = inert_text(text)
    assert shown[:1] not in FORMULA_TRIGGERS
    assert not unwritable(shown)
    assert inert_text(shown) == shown  # idempotent
    if not unwritable(text):
        expected = QUOTE + text if text[:1] in FORMULA_TRIGGERS else text
        assert shown == expected


def test_unwritable_characters_are_shown_escaped() -> None:
    assert inert_text("\x1b[31m红\x07") == "\\x1b[31m红\\x07"
    assert inert_text("\x00=1") == "\\x00=1"
    assert inert_text("a\ud800b\uffff") == "a\\ud800b\\uffff"
    assert inert_text("- 项目") == "'- 项目"
    assert inert_text("'=1") == "'=1"
    assert inert_text("普通文字 =1") == "普通文字 =1"


def newlines(text: str) -> str:
    """What an XML reader makes of line ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=50, deadline=None)
@given(st.lists(hostile, min_size=1, max_size=8))
def test_a_saved_workbook_holds_no_formula_and_reads_back_inert(values: list[str]) -> None:
    book = Workbook()
    sheet = book.active
    append_row(sheet, [*values, 7, date(2026, 3, 1)])
    for column, value in enumerate(values, start=1):
        put(sheet, 2, column, value)
        sheet.cell(row=3, column=column, value=value if not unwritable(value) else "=1+1")
    book.properties.creator = values[0]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "t.xlsx"
        save_workbook(book, out)
        assert_no_formula(out)
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["t.xlsx"]
        read = load_workbook(out).active
        rows = [[c.value for c in row] for row in read.iter_rows(max_col=len(values) + 2)]
    expected = [newlines(inert_text(v)) or None for v in values]
    assert rows[0] == [*expected, 7, rows[0][-1]] and rows[0][-1].date() == date(2026, 3, 1)
    assert rows[1][: len(values)] == expected
    assert all(v is None or not v.startswith(("=", "+", "-", "@")) for v in rows[2])
