"""The GA/T 467 serial frame: preamble, big-endian length, body, XOR checksum.

A command frame is ``AA AA AA 96 69 | LEN(2) | CMD PARA DATA | CHK`` and an answer frame
``AA AA AA 96 69 | LEN(2) | SW1 SW2 SW3 DATA | CHK``. ``LEN`` counts the bytes after itself,
the checksum included; ``CHK`` is the XOR of the length bytes and the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import reduce

from .errors import ReaderError, ReaderProblem

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
MAX_BODY = 4096  # the longest answer (text and photo) is 1287 bytes


class Command(IntEnum):
    """The commands a desk reader understands, as (CMD << 8) | PARA."""

    FIND_CARD = 0x2001
    SELECT_CARD = 0x2002
    READ_BASE_MESSAGE = 0x3001


class Status(IntEnum):
    """The SW3 byte of an answer."""

    OK = 0x90
    CARD_FOUND = 0x9F
    NO_CARD = 0x80
    SELECT_FAILED = 0x81
    READ_FAILED = 0x41
    BAD_CHECKSUM = 0x10
    BAD_LENGTH = 0x11
    UNKNOWN_COMMAND = 0x21


@dataclass(frozen=True)
class Answer:
    """A reader's answer: its status byte and its data."""

    sw1: int
    sw2: int
    status: int
    data: bytes


def checksum(data: bytes) -> int:
    """The XOR of ``data``'s bytes."""
    return reduce(lambda a, b: a ^ b, data, 0)


def frame(body: bytes) -> bytes:
    """Wrap a body (command or answer) in the preamble, its length and its checksum."""
    if len(body) > MAX_BODY:
        raise ValueError("frame body too long")
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def command_frame(command: Command, data: bytes = b"") -> bytes:
    """The frame that sends ``command`` with optional data."""
    return frame(int(command).to_bytes(2, "big") + data)


def answer_frame(status: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """The frame a reader sends back (used by the simulator)."""
    return frame(bytes([sw1, sw2, status]) + data)


def split_command(body: bytes) -> tuple[int, bytes]:
    """A command body's (CMD << 8 | PARA) and its data."""
    if len(body) < 2:
        raise ReaderError(ReaderProblem.BAD_FRAME, "command body shorter than two bytes")
    return int.from_bytes(body[:2], "big"), body[2:]


def parse_answer(body: bytes) -> Answer:
    """An answer body's status words and data."""
    if len(body) < 3:
        raise ReaderError(ReaderProblem.BAD_FRAME, "answer body shorter than three bytes")
    return Answer(body[0], body[1], body[2], body[3:])


class FrameReader:
    """Cuts frames out of a byte stream, checking length and checksum.

    ``feed`` takes whatever bytes arrived; ``next_body`` returns a whole frame's body or None
    while one is incomplete. Bytes before a preamble are skipped (noise on the line); a frame
    whose checksum is wrong raises CHECKSUM, and one with an impossible length BAD_FRAME.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self.skipped = 0

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def next_body(self) -> bytes | None:
        start = self._buffer.find(PREAMBLE)
        if start < 0:  # keep a possible partial preamble at the end
            keep = len(PREAMBLE) - 1
            drop = max(0, len(self._buffer) - keep)
            self.skipped += drop
            del self._buffer[:drop]
            return None
        self.skipped += start
        del self._buffer[:start]
        header = len(PREAMBLE) + 2
        if len(self._buffer) < header:
            return None
        length = int.from_bytes(self._buffer[len(PREAMBLE) : header], "big")
        if length < 2 or length > MAX_BODY + 1:
            del self._buffer[: len(PREAMBLE)]
            raise ReaderError(ReaderProblem.BAD_FRAME, f"impossible frame length {length}")
        if len(self._buffer) < header + length:
            return None
        raw = bytes(self._buffer[len(PREAMBLE) : header + length])
        del self._buffer[: header + length]
        if checksum(raw[:-1]) != raw[-1]:
            raise ReaderError(ReaderProblem.CHECKSUM, "frame checksum mismatch")
        return raw[2:-1]
