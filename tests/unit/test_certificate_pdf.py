"""Tests for the certificate and refusal-notice PDFs, read back with poppler tools."""

from __future__ import annotations

import io
import json
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from stationdesk.domain.catalog import Catalog, parse_catalog
from stationdesk.domain.numbering import NumberKind, display_number, format_number
from stationdesk.printing import certificate as certificate_module
from stationdesk.printing.certificate import BodyTooLong, CertificateDocument, render_certificate
from stationdesk.printing.fonts import CJK_FONT_NAME, register_cjk_font, text_width, wrap_text
from stationdesk.printing.qr import QUIET_ZONE_MODULES, qr_matrix
from stationdesk.printing.refusal import RefusalNoticeDocument, render_refusal_notice
from stationdesk.resources import resource_path
from stationdesk.secrets.signing import PayloadFields, encode_payload, generate_keypair, short_code
from tests.helpers.poppler import needs_poppler

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id_number(first17: str) -> str:
    """Append the GB 11643 check character to 17 digits (generated, not a real person's)."""
    return (
        first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]
    )


HOLDER_NAME = "林测试"
HOLDER_ID = make_id_number("32010219850617002")
MASKED_ID = HOLDER_ID[:4] + "*" * 10 + HOLDER_ID[-4:]
STATION = "示例区幸福街道和平社区党群服务站"
NUMBER = format_number("SY0101", 123)
ISSUE = date(2026, 3, 5)
KEYS = generate_keypair()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    text = resource_path("catalog", "certificates.json").read_text(encoding="utf-8")
    return parse_catalog(json.loads(text))


def sample_values() -> dict[str, str]:
    return {
        "name": HOLDER_NAME,
        "sex": "女",
        "id_number": HOLDER_ID,
        "address": "示例区幸福街道和平社区3号楼2单元501室",
        "since_date": "2019-05-01",
        "housing": "租赁住房",
        "house_address": "示例区幸福街道原东关村18号",
        "source": "原村集体经济组织分配宅基地自建",
        "built_year": "1998",
        "village_name": "东关村",
        "school": "示例市第一中学高二年级",
        "household_size": "4",
        "declared_income": "28000",
        "hardship_reason": "父亲因病长期住院治疗，母亲无固定工作",
        "visit_date": "2026-02-20",
        "observed_facts": "住房为租赁的老旧单间，室内家具简陋",
        "period_start": "2025-03-01",
        "period_end": "2025-12-31",
        "activities": "垃圾分类宣传、助老送餐",
        "hours": "46.5",
        "record_source": "本社区志愿服务签到记录",
        "employer": "示例市某某局",
        "report_date": "2024-04-10",
        "services": "参加社区文明劝导2次",
        "service_count": "2",
        "service_records": "2026-03-01　政策宣讲　政策宣讲进社区　2小时",
    }


def make_document(catalog: Catalog, code: str = "RESIDENCE", **changes: str) -> CertificateDocument:
    item = catalog.get(code)
    values = {
        spec.key: sample_values()[spec.key] for spec in item.fields if spec.key in sample_values()
    }
    assert item.validate_fields(values) == {}
    fields = PayloadFields.for_holder(NUMBER, code, ISSUE, HOLDER_NAME, HOLDER_ID)
    payload = encode_payload(fields, KEYS.private_key)
    doc = CertificateDocument(
        title=item.name_zh,
        number=NUMBER,
        display_number=display_number(NUMBER, ISSUE.year),
        station_name=STATION,
        holder_name=HOLDER_NAME,
        id_number=HOLDER_ID,
        body=item.render_body(values),
        purpose="子女入学",
        worker_name="王测试",
        issue_date=ISSUE,
        valid_until=item.valid_until(ISSUE),
        qr_payload=payload,
        short_code=short_code(payload),
    )
    return replace(doc, **changes) if changes else doc


def make_refusal() -> RefusalNoticeDocument:
    number = format_number("SY0101", 45, NumberKind.REFUSAL_NOTICE)
    return RefusalNoticeDocument(
        number=number,
        display_number=display_number(number, ISSUE.year),
        station_name=STATION,
        applicant_name=HOLDER_NAME,
        masked_id_number=MASKED_ID,
        notice_date=ISSUE,
        requested_item="亲属关系证明",
        purpose="办理银行业务",
        reason_label="属于不应由基层群众性自治组织出具的证明事项",
        competent_body="户籍所在地公安派出所或公证机构",
        legal_basis="民发〔2020〕20号附件第1项",
        worker_name="王测试",
    )


def pdf_text(path: Path) -> str:
    """Return the PDF's text with all whitespace removed (line breaks fall anywhere)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out)


def pdf_fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


def page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
    assert match is not None
    return int(match.group(1))


# --- certificate ------------------------------------------------------------------------------


@needs_poppler
def test_certificate_carries_holder_id_number_and_purpose(catalog: Catalog, tmp_path: Path) -> None:
    doc = make_document(catalog)
    out = tmp_path / "cert.pdf"
    render_certificate(doc, out)
    text = pdf_text(out)
    assert HOLDER_NAME in text
    assert HOLDER_ID in text
    assert "SY0101-2026-000123" in text
    assert "此证明仅用于子女入学" in text
    assert "经办人：王测试" in text
    assert "2026年3月5日" in text
    assert "有效期至2026年6月2日" in text
    assert "盖章处" in text
    assert STATION in text
    code = doc.short_code
    assert f"{code[:5]}-{code[5:]}" in text


@needs_poppler
def test_certificate_embeds_the_wenquanyi_font_only(catalog: Catalog, tmp_path: Path) -> None:
    out = tmp_path / "cert.pdf"
    render_certificate(make_document(catalog), out)
    rows = pdf_fonts(out)
    wqy = [row for row in rows if "WenQuanYi" in row[0]]
    assert wqy, rows
    for row in rows:
        # name type encoding emb sub uni id gen: "emb" is the fourth column from the right end.
        assert row[-5] == "yes", f"font not embedded: {row}"


@needs_poppler
def test_holder_and_id_are_printed_even_if_the_body_omits_them(
    catalog: Catalog, tmp_path: Path
) -> None:
    out = tmp_path / "cert.pdf"
    render_certificate(make_document(catalog, body="兹证明该同志情况属实。\n特此证明。"), out)
    text = pdf_text(out)
    assert HOLDER_NAME in text and HOLDER_ID in text


@needs_poppler
@pytest.mark.parametrize(
    "code",
    [
        "RESIDENCE",
        "PROPERTY_SOURCE",
        "STUDENT_HARDSHIP",
        "LIVING_HARDSHIP",
        "VOLUNTEER",
        "PARTY_REPORT",
    ],
)
def test_every_catalog_item_renders_on_one_page(
    catalog: Catalog, tmp_path: Path, code: str
) -> None:
    doc = make_document(catalog, code)
    out = tmp_path / f"{code}.pdf"
    render_certificate(doc, out)
    text = pdf_text(out)
    assert re.sub(r"\s+", "", doc.title) in text
    assert doc.body.splitlines()[0][:12] in text
    assert page_count(out) == 1


@needs_poppler
def test_reissue_note_is_printed(catalog: Catalog, tmp_path: Path) -> None:
    note = "本证明为补发，原编号SY0101-2026-000120的证明已作废"
    out = tmp_path / "cert.pdf"
    render_certificate(make_document(catalog, note=note), out)
    assert note in pdf_text(out)


def test_render_to_a_binary_stream(catalog: Catalog) -> None:
    buffer = io.BytesIO()
    render_certificate(make_document(catalog), buffer)
    data = buffer.getvalue()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_a_body_too_long_for_one_page_is_refused(catalog: Catalog) -> None:
    with pytest.raises(BodyTooLong):
        render_certificate(make_document(catalog, body="情况属实。" * 800), io.BytesIO())


@needs_poppler
def test_the_qr_code_on_the_page_matches_the_payload(catalog: Catalog, tmp_path: Path) -> None:
    doc = make_document(catalog)
    out = tmp_path / "cert.pdf"
    render_certificate(doc, out)
    dpi = 300
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", str(out), str(tmp_path / "page")], check=True
    )
    image = (tmp_path / "page-1.pgm").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", image)
    assert header is not None
    width, _height = int(header.group(1)), int(header.group(2))
    pixels = image[header.end() :]

    matrix = qr_matrix(doc.qr_payload)
    symbol = segno.make_qr(doc.qr_payload, error="m")
    assert symbol.mode == "alphanumeric" and symbol.version <= 8
    assert matrix == tuple(tuple(bool(module) for module in row) for row in symbol.matrix)

    # The same geometry as the renderer: QR square of QR_SIZE at (MARGIN_X - 2 mm, qr_y).
    size = certificate_module.QR_SIZE
    x0 = certificate_module.MARGIN_X - 2 * certificate_module.MM
    y0 = certificate_module.FOOTER_TOP - 4 * certificate_module.MM - size
    module = size / (len(matrix) + 2 * QUIET_ZONE_MODULES)
    page_height = certificate_module.PAGE_HEIGHT
    scale = dpi / 72
    mismatches = 0
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            cx = x0 + (QUIET_ZONE_MODULES + col + 0.5) * module
            cy = y0 + size - (QUIET_ZONE_MODULES + row + 0.5) * module
            px, py = int(cx * scale), int((page_height - cy) * scale)
            is_dark = pixels[py * width + px] < 128
            mismatches += is_dark != dark
    assert mismatches == 0


# --- refusal notice ---------------------------------------------------------------------------


@needs_poppler
def test_refusal_notice_masks_the_id_number(tmp_path: Path) -> None:
    doc = make_refusal()
    out = tmp_path / "refusal.pdf"
    render_refusal_notice(doc, out)
    text = pdf_text(out)
    assert "不予出具证明告知书" in text
    assert "SY0101-R-2026-000045" in text
    assert MASKED_ID in text
    assert HOLDER_ID not in text
    assert HOLDER_ID[4:14] not in text
    assert "户籍所在地公安派出所或公证机构" in text
    assert "亲属关系证明" in text and "办理银行业务" in text
    assert "属于不应由基层群众性自治组织出具的证明事项" in text
    assert "民发〔2020〕20号附件第1项" in text
    assert "经办人：王测试" in text
    assert "申请人签收：" in text and "日期：" in text
    assert page_count(out) == 1
    assert all(row[-5] == "yes" for row in pdf_fonts(out))


def test_refusal_notice_refuses_an_unmasked_id_number() -> None:
    with pytest.raises(ValueError, match="masked"):
        replace(make_refusal(), masked_id_number=HOLDER_ID)


@needs_poppler
def test_refusal_reason_detail_is_printed(tmp_path: Path) -> None:
    out = tmp_path / "refusal.pdf"
    render_refusal_notice(replace(make_refusal(), reason_detail="可凭居民户口簿证明"), out)
    assert "可凭居民户口簿证明。" in pdf_text(out)


# --- line breaking ----------------------------------------------------------------------------

CLOSING = "，。、；：？！）》」"
OPENING = "（《「"
cjk_text = st.lists(
    st.one_of(
        st.sampled_from(list("兹证明居住情况社区服务站核实属实特此")),
        st.sampled_from(list(CLOSING + OPENING)),
        st.from_regex(r"[0-9]{1,18}", fullmatch=True),
    ),
    min_size=1,
    max_size=120,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(cjk_text, st.sampled_from([10.5, 12.0, 14.0]), st.floats(min_value=150, max_value=450))
def test_wrap_text_rules(text: str, size: float, width: float) -> None:
    register_cjk_font()
    lines = wrap_text(text, size, width, first_line_indent=2 * size)
    assert "".join(lines) == text
    for index, line in enumerate(lines):
        limit = width - (2 * size if index == 0 else 0)
        # A line may be too wide only by hanging closing punctuation, or when it holds nothing
        # but one kept-together run of digits (with opening punctuation glued to it).
        body = line.rstrip(CLOSING)
        assert text_width(body, size) <= limit + 0.01 or re.fullmatch(r"[（《「]*[0-9]+", body)
        if index > 0:
            assert line[0] not in CLOSING, lines
        if index < len(lines) - 1:
            assert line[-1] not in OPENING, lines


def test_wrap_text_keeps_an_id_number_whole() -> None:
    register_cjk_font()
    text = f"兹证明林测试（性别：女，身份证件号码：{HOLDER_ID}）在本社区居住。"
    for width in range(200, 460, 7):
        lines = wrap_text(text, 14, width, first_line_indent=28)
        assert any(HOLDER_ID in line for line in lines), (width, lines)
        assert all(not line.startswith(("）", "，", "。")) for line in lines), lines


def test_wrap_text_leaves_no_single_character_last_line() -> None:
    register_cjk_font()
    width = text_width("兹" * 10, 14)
    lines = wrap_text("兹" * 11 + "。", 14, width)
    assert lines == ["兹" * 9, "兹兹。"]


def test_font_is_registered_once() -> None:
    assert register_cjk_font() == CJK_FONT_NAME
    assert register_cjk_font() == CJK_FONT_NAME
    assert text_width("证明", 10) == pytest.approx(20, abs=0.5)


@needs_poppler
def test_a_short_title_is_whole_on_one_line_of_the_printed_notice(tmp_path: Path) -> None:
    title = "《不予出具证明告知书》"
    out = tmp_path / "notice.pdf"
    for lead in range(0, 34, 3):
        doc = replace(make_refusal(), reason_detail="甲" * lead + f"已按规定出具{title}")
        render_refusal_notice(doc, out)
        lines = subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        assert any(title in "".join(line.split()) for line in lines), (lead, lines)


@needs_poppler
def test_the_notice_says_as_many_copies_as_the_data_gives(tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    render_refusal_notice(make_refusal(), out)
    assert f"本告知书一式两份，申请人与{STATION}各执一份。" in pdf_text(out)
    render_refusal_notice(replace(make_refusal(), copies=3), out)
    assert "本告知书一式三份。" in pdf_text(out)
