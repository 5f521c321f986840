"""The card reader interface the desk polls, and how a configured reader is made."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from .card import CardIdentity


class ReaderKind(StrEnum):
    """Which implementation talks to the reader."""

    NONE = "none"  # no reader at this desk
    SERIAL = "serial"  # GA/T 467 over a (USB) serial port
    SDK = "sdk"  # the vendor's SDK library (termb.dll) on Windows


@dataclass(frozen=True)
class ReaderConfig:
    """The reader chosen in 设置: its kind, the serial port and the SDK library's path."""

    kind: ReaderKind = ReaderKind.NONE
    port: str = ""
    library: str = ""


class CardReader(Protocol):
    """A reader the desk polls from a worker thread (never the GUI thread).

    ``open`` connects, ``poll`` returns the card on the reader (None while there is none) and
    ``close`` lets go. Each raises ``ReaderError`` on failure; after one, the caller closes the
    reader and opens it again later.
    """

    def open(self) -> None: ...

    def poll(self) -> CardIdentity | None: ...

    def close(self) -> None: ...


def make_reader(config: ReaderConfig) -> CardReader | None:
    """The reader for ``config``, or None when the desk has none."""
    if config.kind is ReaderKind.SERIAL:
        from .serial_reader import SerialCardReader

        return SerialCardReader(config.port)
    if config.kind is ReaderKind.SDK:
        from .sdk_reader import SdkCardReader

        return SdkCardReader(config.library, config.port)
    return None
