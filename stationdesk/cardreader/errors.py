"""What can go wrong with a card reader, as a kind the desk words for the worker."""

from __future__ import annotations

from enum import StrEnum


class ReaderProblem(StrEnum):
    """Why a reader could not give a card."""

    UNAVAILABLE = "unavailable"  # not configured, no such port, the SDK library did not load
    UNSUPPORTED = "unsupported"  # the vendor SDK on a system other than Windows
    DISCONNECTED = "disconnected"  # the reader went away (unplugged) while in use
    NO_ANSWER = "no_answer"  # the reader did not answer in time
    BAD_FRAME = "bad_frame"  # bytes that are not a GA/T 467 frame
    CHECKSUM = "checksum"  # a frame whose checksum is wrong
    READ_FAILED = "read_failed"  # the card was found but could not be read
    BAD_CARD_DATA = "bad_card_data"  # the text block does not hold a valid identity


class ReaderError(Exception):
    """A reader failure; ``problem`` says which, the message is for the log (no personal data)."""

    def __init__(self, problem: ReaderProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail
