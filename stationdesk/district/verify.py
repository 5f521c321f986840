"""The public certificate check: ``/verify`` pages (number + code, or QR text) and station keys.

Anyone holding a paper certificate can ask the district whether it is genuine, without a token:

* ``GET /verify/{number}?c=CODE``: the number as printed (``SY0101-2026-000123``) or canonical
  (``SY0101-000123``) and the 10-character code printed beside the QR code.
* ``GET /verify``: a form for the same; ``GET /verify?number=…&c=…`` shows the result.
* ``GET /verify?qr=SD1:…`` or ``POST /verify`` (form or JSON with ``qr``, or ``number`` and
  ``c``): the scanned QR text, whose signature is checked against the published station keys.
* ``GET /verify/keys``: every station's Ed25519 public key, for offline checking of QR codes.

Answers are HTML in Simplified Chinese, or JSON when the client sends ``Accept:
application/json``. A result is ``genuine`` (真实有效), ``void`` (已作废) or ``unknown`` (未查到):
a wrong code, a wrong year or an unknown number all read ``unknown``, so the page never tells
whether a number exists to someone without its code. For a genuine or void certificate the
page shows only the type, the issue date, the issuing station and the masked holder name (see
``mask_holder_name``). Every request counts against a per-address token bucket
(``STATIONDESK_VERIFY_RATE``, default 30 a minute); over it the answer is 429 with Retry-After.
"""

from __future__ import annotations

import base64
import dataclasses
import hmac
import html
import json
import logging
import math
import os
import threading
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from stationdesk.domain.catalog import format_date_zh
from stationdesk.domain.numbering import NumberKind, display_number, parse_number
from stationdesk.domain.open311 import CHINA_TZ
from stationdesk.secrets.signing import (
    PAYLOAD_PREFIX,
    PayloadError,
    decode_and_verify,
    normalise_short_code,
)

from .db import DistrictDatabase
from .models import DistrictStation, Record, UniqueKey

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_RATE",
    "ENV_RATE",
    "RateLimiter",
    "mask_holder_name",
    "parse_rate",
    "verify_router",
]

ENV_RATE = "STATIONDESK_VERIFY_RATE"
DEFAULT_RATE = "30/60"
MAX_NUMBER_CHARS = 64
MAX_CODE_CHARS = 64
MAX_QR_CHARS = 1024
MAX_BODY_BYTES = 8 * 1024
PAYLOAD_FORMAT = PAYLOAD_PREFIX.rstrip(":")

Verdict = Literal["genuine", "void", "unknown"]
VERDICT_ZH: dict[str, str] = {"genuine": "真实有效", "void": "已作废", "unknown": "未查到"}

# Common two-character surnames (复姓): the masked name keeps them whole, e.g. 欧阳**.
_COMPOUND_TEXT = (
    "欧阳司马上官诸葛东方皇甫尉迟公孙慕容令狐长孙宇文司徒夏侯轩辕端木"
    "独孤南宫西门百里呼延万俟闻人赫连澹台公冶太史申屠钟离宗政濮阳淳于"
    "单于仲孙司空拓跋第五东郭公羊左丘梁丘羊舌微生乐正漆雕壤驷谷梁"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND_TEXT[i : i + 2] for i in range(0, len(_COMPOUND_TEXT), 2))


def mask_holder_name(name: str) -> str:
    """Return the holder's name as the public page shows it: the surname and one * per character.

    Whitespace is dropped. The first character is kept, or the first two when they are a common
    compound surname (欧阳, 司马, …) and the name is longer than that; every other character
    becomes ``*``: 张三 → 张*, 王小明 → 王**, 欧阳娜娜 → 欧阳**. A one-character name shows as a
    single ``*`` (its first character would be the whole name); an empty name as ``""``.
    """
    chars = "".join(name.split())
    if len(chars) <= 1:
        return "*" if chars else ""
    keep = 2 if chars[:2] in COMPOUND_SURNAMES and len(chars) > 2 else 1
    return chars[:keep] + "*" * (len(chars) - keep)


# ---------------------------------------------------------------------------------------------
# Rate limiting
# ---------------------------------------------------------------------------------------------


def parse_rate(text: str) -> tuple[int, float] | None:
    """Read ``N/SECONDS`` (or ``N``: per minute) into (N, SECONDS); ``off`` or ``0`` is None."""
    cleaned = text.strip().lower()
    if cleaned in ("off", "0", "none"):
        return None
    count_text, sep, period_text = cleaned.partition("/")
    try:
        count = int(count_text)
        period = float(period_text) if sep else 60.0
    except ValueError:
        raise ValueError(
            f"{ENV_RATE} must look like 30/60 (requests/seconds), got {text!r}"
        ) from None
    if count < 1 or not 0 < period < 86400 * 7:
        raise ValueError(f"{ENV_RATE} needs a positive count and period, got {text!r}")
    return count, period


class RateLimiter:
    """A token bucket per client address: ``rate`` requests, refilled evenly over ``period``."""

    def __init__(
        self,
        rate: int,
        period: float,
        *,
        max_clients: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.period = period
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Spend one token of ``client``: 0 when allowed, else the seconds until one is back."""
        now = self._clock()
        refill = self.rate / self.period
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self.rate), now))
            tokens = min(float(self.rate), tokens + (now - last) * refill)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (1.0 - tokens) / refill
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)  # the longest idle; its bucket is the fullest
            return wait

    @classmethod
    def from_env(cls) -> RateLimiter | None:
        """The limiter ``STATIONDESK_VERIFY_RATE`` asks for (default 30 a minute), or None."""
        parsed = parse_rate(os.environ.get(ENV_RATE, DEFAULT_RATE))
        return cls(*parsed) if parsed else None


# ---------------------------------------------------------------------------------------------
# Looking records up
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """A certificate record with what the page needs from around it."""

    data: dict[str, Any]
    station_code: str
    station_name: str
    public_key: bytes | None
    type_names: dict[str, str]


# Certificate type names from each database's published catalog, re-read when its version moves.
_catalog_lock = threading.Lock()
_catalog_cache: dict[str, tuple[int, dict[str, str]]] = {}


def _type_names(s: Session, db_url: str) -> dict[str, str]:
    version = s.scalar(
        select(Record.version).where(Record.entity == "catalog", Record.entity_id == "certificates")
    )
    if version is None:
        return {}
    with _catalog_lock:
        cached = _catalog_cache.get(db_url)
    if cached is not None and cached[0] == version:
        return cached[1]
    record = s.get(Record, ("catalog", "certificates"))
    names: dict[str, str] = {}
    content = record.data.get("content") if record is not None else None
    items = content.get("items") if isinstance(content, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            code, name = item.get("code"), item.get("name_zh")
            if isinstance(code, str) and isinstance(name, str) and name.strip():
                names[code] = name.strip()
    with _catalog_lock:
        _catalog_cache[db_url] = (version, names)
    return names


def _raw_key(value: object) -> bytes | None:
    """A stored public key (hex, as stations push it) as 32 raw bytes, or None."""
    if not isinstance(value, str):
        return None
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        return None
    return raw if len(raw) == 32 else None


def _published_keys(s: Session, code: str | None = None) -> dict[str, tuple[str, bytes]]:
    """Station code → (station name, public key), for keys a station published about itself.

    A ``station_key`` record counts only when its owner is the station it names, so one
    station cannot publish a key in another's name.
    """
    query = (
        select(DistrictStation.code, DistrictStation.name, Record.data)
        .join(DistrictStation, DistrictStation.id == Record.owner_station_id)
        .where(
            Record.entity == "station_key",
            Record.deleted.is_(False),
            Record.entity_id == DistrictStation.code,
        )
        .order_by(DistrictStation.code)
    )
    if code is not None:
        query = query.where(DistrictStation.code == code)
    out: dict[str, tuple[str, bytes]] = {}
    for station_code, name, data in s.execute(query):
        raw = _raw_key(data.get("public_key") if isinstance(data, dict) else None)
        if raw is not None:
            out[station_code] = (name, raw)
    return out


def _find(db: DistrictDatabase, canonical: str) -> _Found | None:
    """The live certificate record with this canonical number, or None."""
    with db.session() as s:
        entity_id = s.scalar(
            select(UniqueKey.entity_id).where(
                UniqueKey.entity == "certificate",
                UniqueKey.key_name == "number",
                UniqueKey.value == canonical,
            )
        )
        if entity_id is None:
            return None
        record = s.get(Record, ("certificate", entity_id))
        if record is None or record.deleted or record.owner_station_id is None:
            return None
        station = s.get(DistrictStation, record.owner_station_id)
        if station is None:
            return None
        key = _published_keys(s, station.code).get(station.code)
        return _Found(
            data=dict(record.data),
            station_code=station.code,
            station_name=station.name,
            public_key=key[1] if key else None,
            type_names=_type_names(s, db.url),
        )


def _all_keys(db: DistrictDatabase) -> dict[str, tuple[str, bytes]]:
    with db.session() as s:
        return _published_keys(s)


# ---------------------------------------------------------------------------------------------
# Judging
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What the page says about one certificate (nothing personal beyond the masked name)."""

    verdict: Verdict
    number: str = ""
    display_number: str = ""
    type_name: str = ""
    issue_date: date | None = None
    station_name: str = ""
    holder_masked: str = ""
    void_date: date | None = None
    note_zh: str = ""
    signature_valid: bool | None = None

    def as_json(self) -> dict[str, Any]:
        """The JSON body of the result."""
        body: dict[str, Any] = {"result": self.verdict, "result_zh": VERDICT_ZH[self.verdict]}
        if self.verdict != "unknown":
            body.update(
                number=self.number,
                display_number=self.display_number,
                certificate_type=self.type_name,
                issue_date=self.issue_date.isoformat() if self.issue_date else None,
                station_name=self.station_name,
                holder_name_masked=self.holder_masked,
            )
            if self.verdict == "void":
                body["void_date"] = self.void_date.isoformat() if self.void_date else None
        if self.note_zh:
            body["message_zh"] = self.note_zh
        if self.signature_valid is not None:
            body["signature_valid"] = self.signature_valid
        return body


UNKNOWN_NOTE = (
    "未查到与该编号和核验码相符的证明。请核对证明上的编号和核验码后重试，或联系出具证明的单位。"
)
UNKNOWN = Outcome("unknown", note_zh=UNKNOWN_NOTE)


def _void_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(CHINA_TZ).date()


def _judge(found: _Found | None, canonical: str, code: str, year: int | None) -> Outcome:
    """Genuine or void only when the ledger's own signed payload carries this number and code."""
    if found is None or found.public_key is None:
        return UNKNOWN
    payload = found.data.get("payload")
    if not isinstance(payload, str) or found.data.get("number") != canonical:
        return UNKNOWN
    try:
        signed = decode_and_verify(payload, {found.station_code: found.public_key})
    except (PayloadError, ValueError):
        log.warning("certificate %s: the stored payload does not verify", canonical)
        return UNKNOWN
    if signed.number != canonical or not hmac.compare_digest(signed.short_code, code):
        return UNKNOWN
    if year is not None and year != signed.issue_date.year:
        return UNKNOWN  # the printed year is always the issue year
    events = found.data.get("events")
    voided = isinstance(events, list) and "void" in events
    holder = found.data.get("holder_name")
    return Outcome(
        verdict="void" if voided else "genuine",
        number=canonical,
        display_number=display_number(canonical, signed.issue_date.year),
        type_name=found.type_names.get(signed.type_code)
        or str(found.data.get("type_name") or signed.type_code),
        issue_date=signed.issue_date,
        station_name=found.station_name,
        holder_masked=mask_holder_name(holder if isinstance(holder, str) else ""),
        void_date=_void_date(found.data.get("voided_at")) if voided else None,
    )


class BadInput(ValueError):
    """A malformed number, code or QR text: answered 400 with the reason."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh


def _parse_number(text: str) -> tuple[str, int | None, NumberKind]:
    if not text.strip():
        raise BadInput("give the certificate number", "请填写证明编号。")
    if len(text) > MAX_NUMBER_CHARS:
        raise BadInput("the number is too long", "证明编号过长。")
    try:
        parsed = parse_number(text.upper())
    except ValueError:
        raise BadInput(
            "not a certificate number (e.g. SY0101-2026-000123)",
            "证明编号格式不对，应形如 SY0101-2026-000123。",
        ) from None
    return parsed.canonical, parsed.year, parsed.kind


def _parse_code(text: str) -> str:
    if not text.strip():
        raise BadInput("give the verification code", "请填写核验码（证明二维码旁的10位字符）。")
    if len(text) > MAX_CODE_CHARS:
        raise BadInput("the verification code is too long", "核验码过长。")
    try:
        return normalise_short_code(text)
    except ValueError:
        raise BadInput(
            "a verification code is 10 characters of 0-9 and A-Z",
            "核验码格式不对，应为10位数字或字母（可含连字符）。",
        ) from None


def check_number(db: DistrictDatabase, number: str, code: str) -> Outcome:
    """Judge a typed number and verification code (raises BadInput on malformed input)."""
    canonical, year, kind = _parse_number(number)
    normalised = _parse_code(code)
    if kind is not NumberKind.CERTIFICATE:
        return UNKNOWN  # refusal notices carry no code
    return _judge(_find(db, canonical), canonical, normalised, year)


def check_qr(db: DistrictDatabase, text: str) -> Outcome:
    """Judge scanned QR text: its signature against the published keys, then the ledger."""
    cleaned = text.strip()
    if len(cleaned) > MAX_QR_CHARS:
        raise BadInput("the QR text is too long", "二维码内容过长。")
    if not cleaned.startswith(PAYLOAD_PREFIX):
        raise BadInput(
            f"not a certificate QR code (expected {PAYLOAD_PREFIX}…)",
            f"这不是本系统证明上的二维码内容（应以 {PAYLOAD_PREFIX} 开头）。",
        )
    keys = {code: raw for code, (_name, raw) in _all_keys(db).items()}
    try:
        signed = decode_and_verify(cleaned, keys)
    except (PayloadError, ValueError):
        return Outcome(
            "unknown",
            note_zh="二维码内容无法通过签名核验：可能被改动、伪造，或出具单位的公钥尚未上报到区里。",
            signature_valid=False,
        )
    found = _find(db, signed.number)
    stored = found.data.get("payload") if found is not None else None
    if not isinstance(stored, str) or not hmac.compare_digest(
        stored.strip().encode(), cleaned.encode()
    ):
        return Outcome(
            "unknown",
            note_zh="二维码签名有效，但区里尚无与之相符的证明记录（出具单位可能尚未同步）。"
            "请稍后再查，或联系出具证明的单位。",
            signature_valid=True,
        )
    result = _judge(found, signed.number, signed.short_code, None)
    return dataclasses.replace(result, signature_valid=True)


def keys_document(db: DistrictDatabase) -> dict[str, Any]:
    """The published station keys and the payload format, for offline QR checking."""
    stations = {
        code: {
            "name": name,
            "public_key_base64": base64.b64encode(raw).decode("ascii"),
            "public_key_hex": raw.hex(),
        }
        for code, (name, raw) in _all_keys(db).items()
    }
    return {
        "format": PAYLOAD_FORMAT,
        "payload_prefix": PAYLOAD_PREFIX,
        "algorithm": "Ed25519",
        "key_encoding": "raw 32-byte public key",
        "signature": f"Ed25519 over the ASCII prefix {PAYLOAD_PREFIX!r} + the decoded message",
        "stations": stations,
    }


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------

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


def _page(title: str, body: str, status: int = 200, headers: Mapping[str, str] = {}) -> Response:
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


def _form_page() -> Response:
    return _page("证明真伪核验", _FORM)


def _result_page(outcome: Outcome) -> Response:
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


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "").lower()


def _bad_input(request: Request, exc: BadInput) -> Response:
    if _wants_json(request):
        return JSONResponse(
            {"error": "bad_request", "message": exc.message, "message_zh": exc.zh},
            status_code=400,
            headers=HEADERS,
        )
    body = (
        "<h1>无法核验</h1>"
        f'<p class="verdict error">{html.escape(exc.zh)}</p>'
        '<p><a href="/verify">返回重新填写</a></p>'
    )
    return _page("输入有误", body, status=400)


def _answer(request: Request, outcome: Outcome) -> Response:
    if _wants_json(request):
        return JSONResponse(outcome.as_json(), headers=HEADERS)
    return _result_page(outcome)


def _too_many(request: Request, wait: float) -> Response:
    seconds = max(1, math.ceil(wait))
    headers = {"Retry-After": str(seconds)}
    zh = f"查询过于频繁，请 {seconds} 秒后再试。"
    if _wants_json(request):
        return JSONResponse(
            {"error": "too_many_requests", "message": "too many requests", "message_zh": zh},
            status_code=429,
            headers={**HEADERS, **headers},
        )
    return _page(
        "请稍后再试", f'<h1>请稍后再试</h1><p class="verdict error">{zh}</p>', 429, headers
    )


async def _form_fields(request: Request) -> dict[str, str]:
    """The fields of a POST body: urlencoded form or a JSON object of strings."""
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            raise BadInput("the request body is too large", "提交的内容过长。")
    text = raw.decode("utf-8", errors="replace")
    if "json" in request.headers.get("content-type", "").lower():
        try:
            data = json.loads(text) if text.strip() else {}
        except (ValueError, RecursionError):
            raise BadInput("the body is not JSON", "提交的内容不是有效的 JSON。") from None
        if not isinstance(data, dict):
            raise BadInput("the body must be a JSON object", "提交的内容应为 JSON 对象。")
        return {str(k): v for k, v in data.items() if isinstance(v, str)}
    try:
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, max_num_fields=20)
    except ValueError:
        raise BadInput("too many form fields", "提交的字段过多。") from None
    return dict(pairs)


def verify_router(limiter: RateLimiter | Literal["env"] | None = "env") -> APIRouter:
    """The ``/verify`` routes; the app must keep its DistrictDatabase in ``app.state.db``.

    ``limiter`` defaults to the one ``STATIONDESK_VERIFY_RATE`` asks for (read now, so a bad
    value stops the server at start); None turns rate limiting off.
    """
    bucket = RateLimiter.from_env() if limiter == "env" else limiter
    router = APIRouter()

    def limited(request: Request) -> Response | None:
        if bucket is None:
            return None
        client = request.client.host if request.client else "?"
        wait = bucket.take(client)
        return _too_many(request, wait) if wait > 0 else None

    async def fields_answer(request: Request, fields: Mapping[str, str]) -> Response:
        db: DistrictDatabase = request.app.state.db
        qr, number, code = fields.get("qr"), fields.get("number"), fields.get("c")
        if code is None:
            code = fields.get("code")
        try:
            if qr is not None and qr.strip():
                return _answer(request, await run_in_threadpool(check_qr, db, qr))
            if number is None and code is None:
                if request.method == "GET":
                    return _form_page()
                raise BadInput("give number and c, or qr", "请填写证明编号和核验码。")
            outcome = await run_in_threadpool(check_number, db, number or "", code or "")
            return _answer(request, outcome)
        except BadInput as exc:
            return _bad_input(request, exc)

    @router.get("/verify")
    async def verify_form(request: Request) -> Response:
        refused = limited(request)
        if refused is not None:
            return refused
        return await fields_answer(request, request.query_params)

    @router.post("/verify")
    async def verify_post(request: Request) -> Response:
        refused = limited(request)
        if refused is not None:
            return refused
        try:
            fields = await _form_fields(request)
        except BadInput as exc:
            return _bad_input(request, exc)
        return await fields_answer(request, fields)

    @router.get("/verify/keys")
    async def verify_keys(request: Request) -> Response:
        refused = limited(request)
        if refused is not None:
            return refused
        body = await run_in_threadpool(keys_document, request.app.state.db)
        return JSONResponse(body, headers={**HEADERS, "Cache-Control": "public, max-age=300"})

    @router.get("/verify/{number}")
    async def verify_number(number: str, request: Request) -> Response:
        refused = limited(request)
        if refused is not None:
            return refused
        fields = {"number": number, "c": request.query_params.get("c", "")}
        return await fields_answer(request, fields)

    return router
