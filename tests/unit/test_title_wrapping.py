"""A short 《…》 title is never broken across lines: in the wrapper and in a rendered PDF."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

from stationdesk.printing.certificate import TEXT_WIDTH
from stationdesk.printing.fonts import wrap_text
from stationdesk.printing.refusal import RefusalNoticeDocument, render_refusal_notice
from tests.helpers.poppler import needs_poppler

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


def _notice(detail: str) -> bytes:
    doc = RefusalNoticeDocument(
        number="SY0101-000002",
        display_number="SY0101-2026-000002",
        station_name="星海社区党群服务站",
        applicant_name="林小梅",
        masked_id_number="3201**********123X",
        notice_date=date(2026, 3, 2),
        requested_item="亲属关系证明",
        purpose="办理继承",
        reason_label="属于不应由基层群众性自治组织出具的证明事项",
        competent_body="户籍所在地公安派出所",
        legal_basis="民发〔2020〕20号",
        worker_name="王芳",
        reason_detail=detail,
    )
    out = io.BytesIO()
    render_refusal_notice(doc, out)
    return out.getvalue()


@needs_poppler
def test_the_title_is_whole_on_one_line_of_the_printed_notice(tmp_path: Path) -> None:
    pdf = tmp_path / "notice.pdf"
    for lead in range(0, 34, 3):
        pdf.write_bytes(_notice("甲" * lead + f"已按规定出具{TITLE}"))
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "不予出具证明告知书" in "".join(text.split()), lead
        assert any(TITLE in "".join(line.split()) for line in text.splitlines()), (lead, text)
