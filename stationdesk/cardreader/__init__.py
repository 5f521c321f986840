"""ID-card readers (二代证): the GA/T 467 serial protocol, the vendor SDK, and a simulator.

The package sits beside store/printing/sync: services and the UI may use it, it uses only the
domain. ``make_reader`` builds the reader a ``ReaderConfig`` names; the desk polls it from a
worker thread.
"""

from __future__ import annotations

from .base import CardReader, ReaderConfig, ReaderKind, make_reader
from .card import CardIdentity, decode_text_block, encode_text_block
from .errors import ReaderError, ReaderProblem

__all__ = [
    "CardIdentity",
    "CardReader",
    "ReaderConfig",
    "ReaderError",
    "ReaderKind",
    "ReaderProblem",
    "decode_text_block",
    "encode_text_block",
    "make_reader",
]
