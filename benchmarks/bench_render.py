"""Certificate rendering speed against a bare reportlab page with the same font and text.

Run: ``.venv/bin/python benchmarks/bench_render.py [-n 200]``. Not part of the test run.

The font is registered first (it is a one-off start-up cost, reported separately). Then N
certificates, each with its own number and signed payload (so no QR cache helps), are rendered
to memory, once with segno's automatic QR mask choice (the default) and once with a fixed mask;
the baseline draws the same strings with ``drawString`` on a bare canvas with the same embedded
font and no QR code. Goal: median ≤ 20 ms and ratio ≤ 1.5×. The row "as issued" uses the mask
the issue service uses (``stationdesk.services.certificates.QR_MASK``; see its comment and
``benchmarks/qr_mask_scan.py`` for why it is fixed).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from collections.abc import Callable
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from stationdesk.domain.catalog import parse_catalog
from stationdesk.domain.numbering import display_number, format_number
from stationdesk.printing.certificate import CertificateDocument, render_certificate
from stationdesk.printing.fonts import CJK_FONT_NAME, register_cjk_font
from stationdesk.resources import resource_path
from stationdesk.secrets.signing import PayloadFields, encode_payload, generate_keypair, short_code
from stationdesk.services.certificates import QR_MASK

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id_number(first17: str) -> str:
    """Append the GB 11643 check character (a generated number, not a real person's)."""
    return (
        first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]
    )


def make_documents(count: int) -> list[CertificateDocument]:
    """Build ``count`` distinct residence certificates with real signed payloads."""
    catalog = parse_catalog(
        json.loads(resource_path("catalog", "certificates.json").read_text(encoding="utf-8"))
    )
    item = catalog.get("RESIDENCE")
    key = generate_keypair().private_key
    issue = date(2026, 3, 5)
    docs = []
    for index in range(count):
        number = format_number("SY0101", index + 1)
        id_number = make_id_number(f"3201021985061{index % 1000:03d}1")
        values = {
            "name": "林测试",
            "sex": "女",
            "id_number": id_number,
            "address": "示例区幸福街道和平社区3号楼2单元501室",
            "since_date": "2019-05-01",
            "housing": "租赁住房",
        }
        payload = encode_payload(
            PayloadFields.for_holder(number, item.code, issue, "林测试", id_number), key
        )
        docs.append(
            CertificateDocument(
                title=item.name_zh,
                number=number,
                display_number=display_number(number, issue.year),
                station_name="示例区幸福街道和平社区党群服务站",
                holder_name="林测试",
                id_number=id_number,
                body=item.render_body(values),
                purpose="子女入学",
                worker_name="王测试",
                issue_date=issue,
                valid_until=item.valid_until(issue),
                qr_payload=payload,
                short_code=short_code(payload),
            )
        )
    return docs


def baseline(doc: CertificateDocument, out: io.BytesIO) -> None:
    """Draw the same strings on a bare canvas with drawString: no wrapping, seal or QR."""
    canvas = Canvas(out, pagesize=A4, initialFontName=CJK_FONT_NAME)
    canvas.setFont(CJK_FONT_NAME, 22)
    canvas.drawString(200, 740, doc.title)
    canvas.setFont(CJK_FONT_NAME, 14)
    y = 690.0
    lines = [
        f"编号：{doc.display_number}",
        *doc.body.splitlines(),
        f"此证明仅用于{doc.purpose}，他用无效。",
        f"本证明有效期至{doc.valid_until}。",
        doc.station_name,
        str(doc.issue_date),
        f"经办人：{doc.worker_name}",
        f"持证人：{doc.holder_name}　身份证件号码：{doc.id_number}",
        f"验证码：{doc.short_code}",
        "核验方式：扫描左侧二维码，或登录区基层社会治理综合数字平台，输入证明编号和验证码核验真伪。",
    ]
    for line in lines:
        for start in range(0, len(line), 30):  # every character is drawn, 30 to a line
            canvas.drawString(70, y, line[start : start + 30])
            y -= 26
    canvas.showPage()
    canvas.save()


def measure(
    render: Callable[[CertificateDocument, io.BytesIO], None], docs: list[CertificateDocument]
) -> list[float]:
    """Return the wall time of each render in milliseconds (after two warm-up renders)."""
    for doc in docs[:2]:
        render(doc, io.BytesIO())
    times = []
    for doc in docs:
        buffer = io.BytesIO()
        start = time.perf_counter()
        render(doc, buffer)
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    """Return the 95th percentile."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="certificates to render (default 200)")
    args = parser.parse_args()

    start = time.perf_counter()
    register_cjk_font()
    registration_ms = (time.perf_counter() - start) * 1000
    docs = make_documents(args.n)

    cert = measure(render_certificate, docs)
    fixed = measure(lambda doc, out: render_certificate(doc, out, qr_mask=0), docs)
    issued = measure(lambda doc, out: render_certificate(doc, out, qr_mask=QR_MASK), docs)
    base = measure(baseline, docs)
    ratio = statistics.median(cert) / statistics.median(base)
    ratio_fixed = statistics.median(fixed) / statistics.median(base)
    ratio_issued = statistics.median(issued) / statistics.median(base)

    print(f"font registration (one-off): {registration_ms:.1f} ms; N = {args.n}")
    print(f"{'':<24}{'median ms':>10}{'p95 ms':>10}{'mean ms':>10}")
    rows = (
        ("render_certificate", cert),
        ("  with qr_mask=0", fixed),
        (f"  as issued (mask {QR_MASK})", issued),
        ("baseline drawString", base),
    )
    for name, values in rows:
        print(
            f"{name:<24}{statistics.median(values):>10.2f}{p95(values):>10.2f}"
            f"{statistics.fmean(values):>10.2f}"
        )
    print(f"ratio (median / baseline median): {ratio:.2f}x  (goal <= 1.5x)")
    print(f"ratio with a fixed QR mask:       {ratio_fixed:.2f}x")
    print(f"ratio as issued:                  {ratio_issued:.2f}x")
    met = statistics.median(issued) <= 20
    print(f"median goal <= 20 ms as issued: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
