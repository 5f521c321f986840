"""A short 《…》 title is never broken across lines by the wrapper (the PDF is checked in
test_certificate_pdf)."""

from __future__ import annotations

from stationdesk.printing.certificate import TEXT_WIDTH
from stationdesk.printing.fonts import wrap_text

TITLE = "《不予出具证明告知书》"


def test_a_short_title_stays_whole_wherever_the_line_ends() -> None:
    for lead in range(40):
        text = "甲" * lead + f"请出具{TITLE}并签收。"
        lines = wrap_text(text, 14.0, TEXT_WIDTH, first_line_indent=28.0)
        assert any(TITLE in line for line in lines), (lead, lines)


def test_a_title_longer_than_half_a_line_may_still_break() -> None:
    long_title = "《" + "长" * 40 + "》"
    lines = wrap_text("依据" + long_title, 14.0, TEXT_WIDTH)
    assert len(lines) >= 2 and all(len(line) <= 33 for line in lines)
