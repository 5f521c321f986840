"""GB 18030-2022 names: rare characters (生僻字) through intake, import, search, masking,
certificates and every PDF, and the Excel export. A replaced character or a box fails."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from functools import partial
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stationdesk.district.verify import mask_holder_name
from stationdesk.printing import fonts
from stationdesk.services import certificates as certs
from stationdesk.services import resident_import, residents
from stationdesk.services.certificate_ledger import (
    LedgerFilter,
    export_ledger_pdf,
    export_ledger_xlsx,
)
from stationdesk.services.errors import InputError
from tests.conftest import StationFixture
from tests.helpers import ids
from tests.helpers.certificates import residence
from tests.helpers.poppler import needs_poppler
from tests.helpers.rare_names import RARE_NAMES, RareName

idn = partial(ids.idn, birth="19760304", region="110105")


def register(st: StationFixture, person: RareName, seq: int) -> residents.ResidentCard:
    return residents.register_resident(
        st.station,
        st.worker,
        residents.ResidentInput(
            name=person.name,
            name_pinyin=person.typed_reading,
            id_number=idn(seq),
            building="3栋",
            unit="1",
            room=f"{seq}01",
        ),
    )


@pytest.fixture
def desk(station: StationFixture) -> tuple[StationFixture, dict[str, str]]:
    """A station where every rare name is registered; their ids by name."""
    residents.add_building(station.station, station.worker, "3栋")
    ids = {p.name: register(station, p, i + 1).row.id for i, p in enumerate(RARE_NAMES)}
    return station, ids


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out)


def embedded_fonts(path: Path) -> dict[str, str]:
    """Font name (subset tag dropped) -> its "emb sub" columns, from pdffonts."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    found = {}
    for line in out.stdout.splitlines()[2:]:
        cols = line.split()
        if cols:
            found[cols[0].split("+", 1)[-1]] = " ".join(cols[-5:-3])
    return found


def assert_no_box(text: str) -> None:
    """Every character is drawn in a font that has a glyph for it (no .notdef box)."""
    fonts.register_cjk_font()
    for font, run in fonts.font_runs(text):
        face = fonts.pdfmetrics.getFont(font).face
        missing = [c for c in run if not c.isspace() and ord(c) not in face.charToGlyph]
        assert not missing, f"{font} has no glyph for {missing}"


# --- intake and storage ---------------------------------------------------------------------


def test_intake_keeps_every_character_and_the_typed_reading(desk) -> None:
    st, ids = desk
    for person in RARE_NAMES:
        card = residents.get_resident(st.station, st.worker, ids[person.name])
        assert card.row.name == person.name
        assert [hex(ord(c)) for c in card.row.name] == [hex(ord(c)) for c in person.name]
        expected = "chen yan" if person.typed_reading else None
        assert card.name_pinyin == expected


def test_dot_variants_are_stored_as_the_middle_dot(station: StationFixture) -> None:
    card = residents.register_resident(
        station.station,
        station.worker,
        residents.ResidentInput(name=" 阿依古丽・买买提𬌗 ", id_number=idn(90)),
    )
    assert card.row.name == "阿依古丽·买买提𬌗"
    found = residents.find_residents(station.station, station.worker, "阿依古丽•买买提𬌗")
    assert [r.id for r in found] == [card.row.id]


@pytest.mark.parametrize(
    ("name", "reading", "field"),
    [
        ("陈😀", None, "name"),  # an emoji is no Han character
        ("陈\U0002ffff", None, "name"),  # unassigned, between Extensions F and G
        ("陈𠈌", "陈 yan", "name_pinyin"),
        ("陈𠈌", "chen yan!", "name_pinyin"),
    ],
)
def test_what_is_not_a_name_or_a_reading_is_refused(
    station: StationFixture, name: str, reading: str | None, field: str
) -> None:
    with pytest.raises(InputError) as err:
        residents.register_resident(
            station.station,
            station.worker,
            residents.ResidentInput(name=name, name_pinyin=reading, id_number=idn(91)),
        )
    assert err.value.field == field


def test_a_typed_reading_can_be_edited_and_is_searched(desk) -> None:
    st, ids = desk
    rid = ids["王𬱖"]
    residents.edit_resident(st.station, st.worker, rid, {"name_pinyin": "wang yu"})
    assert [r.id for r in residents.find_residents(st.station, st.worker, "wangyu")] == [rid]
    assert [r.id for r in residents.find_residents(st.station, st.worker, "wangdi")] == [rid]
    card = residents.edit_resident(st.station, st.worker, rid, {"name_pinyin": ""})
    assert card.name_pinyin is None and [c.field for c in card.changes][:1] == ["name_pinyin"]
    assert residents.find_residents(st.station, st.worker, "wangyu") == []


def test_import_of_utf8_and_gb18030_files_keeps_the_characters(
    station: StationFixture, tmp_path: Path
) -> None:
    for encoding, first in (("utf-8-sig", 40), ("gb18030", 60)):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["姓名", "姓名拼音", "公民身份号码"])
        for i, p in enumerate(RARE_NAMES):
            writer.writerow([p.name, p.typed_reading or "", idn(first + i)])
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        report = resident_import.import_file(station.station, station.worker, path)
        assert (report.imported, report.errors) == (len(RARE_NAMES), []), encoding
    for p in RARE_NAMES:
        found = residents.find_residents(station.station, station.worker, p.name)
        assert [r.name for r in found] == [p.name, p.name]


# --- search ---------------------------------------------------------------------------------


@pytest.mark.parametrize("person", RARE_NAMES, ids=[p.name for p in RARE_NAMES])
def test_found_by_name_part_rare_character_pinyin_and_initials(desk, person: RareName) -> None:
    st, ids = desk
    want = [ids[person.name]]

    def found(query: str) -> list[str]:
        return [r.id for r in residents.find_residents(st.station, st.worker, query)]

    assert found(person.name) == want
    assert found(person.name[-2:]) == want  # a part holding the rare character
    assert found(person.rare) == want  # the rare character alone
    assert found(person.pinyin) == want
    assert found(person.pinyin.upper()) == want
    assert ids[person.name] in found(person.initials)


# --- masking --------------------------------------------------------------------------------


def test_masking_counts_characters_not_utf16_units() -> None:
    assert [mask_holder_name(p.name) for p in RARE_NAMES] == [
        "陈*",
        "欧阳*",
        "刘*",
        "王*",
        "李*",
        "张*",
    ]
    assert mask_holder_name("𠈌陈𠈌") == "𠈌**"


# --- certificates and every PDF ---------------------------------------------------------------


@needs_poppler
def test_a_certificate_prints_each_rare_name_in_a_fallback_font(desk, tmp_path: Path) -> None:
    st, ids = desk
    for person in RARE_NAMES:
        out = tmp_path / f"{person.name}.pdf"
        issued = certs.issue_certificate(
            st.station, st.worker, residence(ids[person.name]), out=out
        )
        assert issued.holder_name == person.name
        text = pdf_text(out)
        assert f"持证人：{person.name}" in text  # exact code points back, nothing replaced
        assert text.count(person.rare) >= 2  # the body and the verification strip
        used = embedded_fonts(out)
        font = fonts.font_runs(person.rare)[0][0]
        if person.rare == "䶮":  # Extension A: WenQuanYi Zen Hei has it (face 0 of the TTC)
            assert font == fonts.CJK_FONT_NAME and "HanaMinB" not in used
            font += "-0"
        assert used[font] == "yes yes", used  # embedded, as a subset
        assert set(used) <= {fonts.CJK_FONT_NAME + "-0", *fonts.fallback_font_names()}, used
        assert_no_box(person.name)
        verified = certs.verify(st.station, st.worker, out)
        assert verified.verdict is certs.Verdict.VALID and verified.holder_name == person.name


@needs_poppler
def test_refusal_notice_ledger_pdf_and_excel_carry_the_names(desk, tmp_path: Path) -> None:
    st, ids = desk
    for person in RARE_NAMES:
        certs.issue_certificate(st.station, st.worker, residence(ids[person.name]))
    notice = certs.refuse_certificate(
        st.station, st.worker, certs.RefusalRequest(ids["张𰻞"], "无犯罪记录证明")
    )
    notice_pdf = tmp_path / "notice.pdf"
    notice_pdf.write_bytes(notice.pdf)
    assert "张𰻞" in pdf_text(notice_pdf)
    assert embedded_fonts(notice_pdf)["BabelStoneHan"] == "yes yes"

    pdf = export_ledger_pdf(st.station, st.worker, LedgerFilter(), tmp_path / "ledger.pdf")
    text = pdf_text(pdf)
    for person in RARE_NAMES:
        assert person.name in text, person.name
    assert {"HanaMinB", "BabelStoneHan"} <= set(embedded_fonts(pdf))

    xlsx = export_ledger_xlsx(st.station, st.worker, LedgerFilter(), tmp_path / "ledger.xlsx")
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    for person in RARE_NAMES:
        assert person.name in cells, person.name


def test_text_width_measures_rare_characters_in_their_own_font() -> None:
    fonts.register_cjk_font()
    for person in RARE_NAMES:
        assert fonts.text_width(person.name, 10) == pytest.approx(10 * len(person.name), rel=0.05)
        lines = fonts.wrap_text(person.name * 3, 10, 25)
        assert "".join(lines) == person.name * 3
        assert all(fonts.text_width(line, 10) <= 25.01 for line in lines), lines


@needs_poppler
def test_the_case_report_prints_rare_names_in_tables_and_paragraphs(tmp_path: Path) -> None:
    from datetime import date, datetime

    from stationdesk.domain.metrics import Metrics
    from stationdesk.printing.report import (
        CaseReportDocument,
        OverdueRow,
        ReportGroup,
        render_case_report,
    )

    start, end = date(2026, 3, 1), date(2026, 3, 31)
    metrics = Metrics(period_start=start, period_end=end)
    doc = CaseReportDocument(
        title="事项办理统计",
        station_name="𬱖溪社区党群服务站",
        station_code="SY0101",
        period_start=start,
        period_end=end,
        generated_at=datetime(2026, 4, 1, 9, 0),
        rule_text="口径说明",
        overall=metrics,
        by_worker=(ReportGroup("陈𠈌", metrics), ReportGroup("张𰻞", metrics)),
        by_type=(),
        by_grid=(),
        overdue=(
            OverdueRow(
                "SY0101-C-000001", "路灯", "欧阳𬌗反映<路灯>不亮", "李𫖯", "受理", start, end, 3
            ),
        ),
    )
    out = tmp_path / "report.pdf"
    render_case_report(doc, out)
    text = pdf_text(out)
    for expected in ("𬱖溪社区", "陈𠈌", "张𰻞", "欧阳𬌗反映<路灯>不亮", "李𫖯"):
        assert expected in text, expected
    assert {"HanaMinB", "BabelStoneHan"} <= set(embedded_fonts(out))
