"""The public certificate check: ``/verify`` pages (number + code, or QR text) and station keys.

Anyone holding a paper certificate can ask the district whether it is genuine, without a token:

* ``GET /verify/{number}?c=CODE``: the number as printed (``SY0101-2026-000123``) or canonical
  (``SY0101-000123``) and the 10-character code printed beside the QR code.
* ``GET /verify``: a form for the same; ``GET /verify?number=…&c=…`` shows the result.
* ``GET /verify?qr=SD1:…`` or ``POST /verify`` (form or JSON with ``qr``, or ``number`` and
  ``c``): the scanned QR text, whose signature is checked against the published station keys.
* ``GET /verify/keys``: every station's Ed25519 public key and key history (each key with its
  validity window), for offline checking of QR codes.

Answers are HTML in Simplified Chinese, or JSON when the client sends ``Accept:
application/json``. A result is ``genuine`` (真实有效), ``void`` (已作废) or ``unknown`` (未查到):
a wrong code, a wrong year or an unknown number all read ``unknown``, so the page never tells
whether a number exists to someone without its code. A certificate's signature is checked with
the station's key in force on its issue date (``district.station_keys``), so one a station
signed before replacing its key stays genuine. For a genuine or void certificate the
page shows only the type, the issue date, the issuing station and the masked holder name (see
``mask_holder_name``). An unknown number costs the same lookups and signature check as an
existing one, so the timing does not tell them apart either. Every request counts against a
per-address token bucket (``STATIONDESK_VERIFY_RATE``, default 30 a minute) kept in the
database, so every server process spends from the same one; over it the answer is 429 with
Retry-After.
"""

from __future__ import annotations

from ..settings import DEFAULT_RATE, ENV_RATE
from .check import (
    BadInput,
    VerifyOutcome,
    check_number,
    check_qr,
    keys_document,
    mask_holder_name,
)
from .ratelimit import RateLimiter, parse_rate
from .routes import verify_router

__all__ = [
    "DEFAULT_RATE",
    "ENV_RATE",
    "BadInput",
    "RateLimiter",
    "VerifyOutcome",
    "check_number",
    "check_qr",
    "keys_document",
    "mask_holder_name",
    "parse_rate",
    "verify_router",
]
