"""A simulated GA/T 467 reader on a pseudo-terminal, for tests and demonstrations (POSIX).

``SimulatedReader`` opens a pty, answers the commands written to its port (``port_name``) as a
desk reader would, and can be told to present or lift a card, to send a malformed frame or a
frame with a wrong checksum, or to be unplugged (the pty closes).
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import tty
from enum import StrEnum

from .card import PHOTO_SIZE, TEXT_BLOCK_SIZE, CardIdentity, encode_text_block
from .errors import ReaderError
from .protocol import Command, FrameReader, Status, answer_frame, split_command


class Fault(StrEnum):
    """A fault to inject into the next answer."""

    BAD_FRAME = "bad_frame"  # bytes with no preamble
    CHECKSUM = "checksum"  # a whole frame whose checksum is off by one
    SILENCE = "silence"  # no answer at all


class SimulatedReader:
    """A reader on a pty: ``port_name`` is the path a ``SerialCardReader`` opens."""

    def __init__(self) -> None:
        self._master, slave = os.openpty()
        tty.setraw(slave)
        self.port_name = os.ttyname(slave)
        self._slave = slave  # kept open so the pty lives until ``unplug``/``close``
        self._lock = threading.Lock()
        self._card: bytes | None = None
        self._faults: list[Fault] = []
        self.commands: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="sd-reader-sim", daemon=True)
        self._thread.start()

    # -- the test's side ----------------------------------------------------------------------
    def present(self, card: CardIdentity) -> None:
        """Put a card on the reader."""
        with self._lock:
            self._card = encode_text_block(card)

    def present_block(self, block: bytes) -> None:
        """Put a card holding this raw text block on the reader."""
        with self._lock:
            self._card = block

    def lift(self) -> None:
        """Take the card away."""
        with self._lock:
            self._card = None

    def inject(self, fault: Fault, times: int = 1) -> None:
        """Answer the next ``times`` commands with ``fault``."""
        with self._lock:
            self._faults.extend([fault] * times)

    def unplug(self) -> None:
        """Pull the reader out: the pty closes under the port."""
        self._stop.set()
        self._thread.join(timeout=2)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._master = self._slave = -1

    close = unplug

    # -- the reader's side --------------------------------------------------------------------
    def _serve(self) -> None:
        frames = FrameReader()
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self._master, 4096)
            except OSError:
                return
            frames.feed(data)
            while True:
                try:
                    body = frames.next_body()
                except ReaderError:
                    self._send(answer_frame(Status.BAD_CHECKSUM))
                    continue
                if body is None:
                    break
                self._send(self._answer(body))

    def _answer(self, body: bytes) -> bytes:
        command, _data = split_command(body)
        with self._lock:
            self.commands.append(command)
            card = self._card
            fault = self._faults.pop(0) if self._faults else None
        if fault is Fault.SILENCE:
            return b""
        if fault is Fault.BAD_FRAME:
            return b"\x55\x01\x02garbage\x00"
        if command == Command.FIND_CARD:
            answer = (
                answer_frame(Status.CARD_FOUND, bytes(4)) if card else answer_frame(Status.NO_CARD)
            )
        elif command == Command.SELECT_CARD:
            answer = (
                answer_frame(Status.OK, bytes(8)) if card else answer_frame(Status.SELECT_FAILED)
            )
        elif command == Command.READ_BASE_MESSAGE and card:
            lengths = TEXT_BLOCK_SIZE.to_bytes(2, "big") + PHOTO_SIZE.to_bytes(2, "big")
            answer = answer_frame(Status.OK, lengths + card + bytes(PHOTO_SIZE))
        elif command == Command.READ_BASE_MESSAGE:
            answer = answer_frame(Status.READ_FAILED)
        else:
            answer = answer_frame(Status.UNKNOWN_COMMAND)
        if fault is Fault.CHECKSUM:
            answer = answer[:-1] + bytes([answer[-1] ^ 0x01])
        return answer

    def _send(self, data: bytes) -> None:
        view = memoryview(data)
        while view and not self._stop.is_set():
            try:
                written = os.write(self._master, view)
            except OSError:
                return
            view = view[written:]
