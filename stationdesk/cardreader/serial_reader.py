"""A GA/T 467 reader on a serial port (how most USB desk readers appear), through pyserial."""

from __future__ import annotations

import contextlib
import sys
import time

import serial

from .card import PHOTO_SIZE, TEXT_BLOCK_SIZE, CardIdentity, decode_text_block
from .errors import ReaderError, ReaderProblem
from .protocol import Answer, Command, FrameReader, Status, command_frame, parse_answer

BAUD_RATE = 115200
ANSWER_TIMEOUT_S = 1.0
# what a port that went away raises (termios.error on POSIX is no OSError)
PORT_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError)
if sys.platform != "win32":
    import termios

    PORT_ERRORS += (termios.error,)


class SerialCardReader:
    """Finds, selects and reads a card: find (20 01), select (20 02), read (30 01)."""

    def __init__(self, port: str, *, timeout_s: float = ANSWER_TIMEOUT_S) -> None:
        self.port = port
        self.timeout_s = timeout_s
        self._serial: serial.Serial | None = None
        self._frames = FrameReader()

    def open(self) -> None:
        if not self.port:
            raise ReaderError(ReaderProblem.UNAVAILABLE, "no serial port chosen")
        try:
            self._serial = serial.Serial(self.port, BAUD_RATE, timeout=0.05, write_timeout=1)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise ReaderError(ReaderProblem.UNAVAILABLE, type(exc).__name__) from None
        self._frames = FrameReader()

    def close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            with contextlib.suppress(*PORT_ERRORS):
                port.close()

    def poll(self) -> CardIdentity | None:
        found = self.transact(Command.FIND_CARD)
        if found.status != Status.CARD_FOUND:
            return None
        selected = self.transact(Command.SELECT_CARD)
        if selected.status != Status.OK:
            return None  # lifted between find and select: try again on the next poll
        read = self.transact(Command.READ_BASE_MESSAGE)
        if read.status != Status.OK:
            raise ReaderError(ReaderProblem.READ_FAILED, f"status {read.status:#04x}")
        return decode_text_block(text_block(read.data))

    def transact(self, command: Command) -> Answer:
        """Send ``command`` and wait for its answer."""
        port = self._serial
        if port is None:
            raise ReaderError(ReaderProblem.DISCONNECTED, "reader not open")
        self._frames = FrameReader()  # nothing left over from an earlier failed exchange
        try:
            port.reset_input_buffer()
            port.write(command_frame(command))
            deadline = time.monotonic() + self.timeout_s
            while True:
                body = self._frames.next_body()
                if body is not None:
                    return parse_answer(body)
                if time.monotonic() > deadline:
                    if self._frames.skipped:
                        raise ReaderError(ReaderProblem.BAD_FRAME, "no frame in the bytes")
                    raise ReaderError(ReaderProblem.NO_ANSWER, f"command {int(command):#06x}")
                self._frames.feed(port.read(max(1, port.in_waiting)))
        except PORT_ERRORS as exc:
            raise ReaderError(ReaderProblem.DISCONNECTED, type(exc).__name__) from None


def text_block(data: bytes) -> bytes:
    """The text block of a read answer: text length (2, big-endian), photo length, text, photo."""
    if len(data) < 4:
        raise ReaderError(ReaderProblem.BAD_FRAME, "read answer without lengths")
    text_len = int.from_bytes(data[:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if text_len != TEXT_BLOCK_SIZE or photo_len not in (0, PHOTO_SIZE):
        raise ReaderError(ReaderProblem.BAD_FRAME, "unexpected block lengths")
    if len(data) < 4 + text_len + photo_len:
        raise ReaderError(ReaderProblem.BAD_FRAME, "read answer cut short")
    return data[4 : 4 + text_len]


def serial_ports() -> list[str]:
    """The serial ports this computer has now (COM3, /dev/ttyUSB0, ...), for the settings list."""
    from serial.tools import list_ports

    return sorted(p.device for p in list_ports.comports())
