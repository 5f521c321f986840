"""The HTML of the ``/verify`` pages (Simplified Chinese): the form, a result, an error."""

from __future__ import annotations

import html
from collections.abc import Mapping

from fastapi.responses import HTMLResponse

from stationdesk.domain.catalog import format_date_zh

from .check import VerifyOutcome

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Vary": "Accept",
}
"""The headers of every ``/verify`` answer, HTML or JSON."""

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;
background:#f4f5f7;color:#222}
main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem 1.75rem;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.3rem;margin:0 0 1rem}
.verdict{font-size:1.6rem;font-weight:bold;padding:.6rem 1rem;border-radius:6px;margin:0 0 1rem}
.genuine{background:#e6f4ea;color:#1e6b34}.void{background:#fdecea;color:#a11d15}
.unknown{background:#fff4e5;color:#8a5300}.error{background:#fdecea;color:#a11d15}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.45rem .3rem;
border-bottom:1px solid #eee;vertical-align:top}th{width:7em;color:#555;font-weight:normal}
label{display:block;margin:.8rem 0 .3rem}input,textarea{width:100%;box-sizing:border-box;
font-size:1.05rem;padding:.45rem}button{margin-top:1rem;font-size:1.05rem;padding:.5rem 1.4rem}
.small{color:#666;font-size:.88rem;margin-top:1.2rem}
"""


def _page(
    title: str, body: str, status: int = 200, headers: Mapping[str, str] = {}
) -> HTMLResponse:
    text = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )
    return HTMLResponse(text, status_code=status, headers={**HEADERS, **headers})


_FORM = """
<h1>证明真伪核验</h1>
<form method="get" action="/verify">
<label for="number">证明编号</label>
<input id="number" name="number" maxlength="64" autocomplete="off"
 placeholder="如 SY0101-2026-000123" required>
<label for="c">核验码（二维码旁的10位字符）</label>
<input id="c" name="c" maxlength="64" autocomplete="off"
 placeholder="如 7KQ2M-9X4TB" required>
<button type="submit">核验</button>
</form>
<form method="post" action="/verify">
<label for="qr">或粘贴扫描二维码得到的内容（以 SD1: 开头）</label>
<textarea id="qr" name="qr" rows="3" maxlength="1024"></textarea>
<button type="submit">核验二维码</button>
</form>
<p class="small">本页只显示核验所需的最少信息：
证明类型、出具日期、出具单位和隐去名字的持证人姓名。</p>
"""


def form_page() -> HTMLResponse:
    """The empty form: number and code, or pasted QR text."""
    return _page("证明真伪核验", _FORM)


def result_page(outcome: VerifyOutcome) -> HTMLResponse:
    """The verdict with the few facts a genuine or void certificate shows."""
    rows: list[tuple[str, str]] = []
    if outcome.verdict != "unknown":
        rows = [
            ("证明编号", outcome.display_number),
            ("证明类型", outcome.type_name),
            ("出具日期", format_date_zh(outcome.issue_date) if outcome.issue_date else "—"),
            ("出具单位", outcome.station_name),
            ("持证人", outcome.holder_masked or "—"),
        ]
        if outcome.verdict == "void":
            rows.append(
                ("作废日期", format_date_zh(outcome.void_date) if outcome.void_date else "—")
            )
    label = {
        "genuine": "✔ 真实有效",
        "void": "✘ 已作废",
        "unknown": "？ 未查到 / 无法核验",
    }[outcome.verdict]
    parts = [
        "<h1>证明真伪核验结果</h1>",
        f'<p class="verdict {outcome.verdict}">{html.escape(label)}</p>',
    ]
    if outcome.verdict == "void":
        parts.append("<p>该证明已由出具单位作废，不再具有证明效力。</p>")
    if rows:
        cells = "".join(
            f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows
        )
        parts.append(f"<table>{cells}</table>")
    if outcome.note_zh:
        parts.append(f"<p>{html.escape(outcome.note_zh)}</p>")
    parts.append(
        '<p class="small">请核对纸质证明上的内容与上面一致。<a href="/verify">再核验一份</a></p>'
    )
    return _page("证明真伪核验结果", "".join(parts))


def bad_input_page(zh: str) -> HTMLResponse:
    """400: what was wrong with the number, code or QR text."""
    body = (
        "<h1>无法核验</h1>"
        f'<p class="verdict error">{html.escape(zh)}</p>'
        '<p><a href="/verify">返回重新填写</a></p>'
    )
    return _page("输入有误", body, status=400)


def too_many_page(zh: str, headers: Mapping[str, str]) -> HTMLResponse:
    """429: asked too often from one address (``zh`` is our own text, with the wait)."""
    return _page(
        "请稍后再试", f'<h1>请稍后再试</h1><p class="verdict error">{zh}</p>', 429, headers
    )
