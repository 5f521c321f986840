"""A reader through the vendor SDK library (termb.dll and its kind) via ctypes, on Windows.

The SDK's calls: ``CVR_InitComm(port)`` (1001–1016 for USB, 1–16 for COM ports),
``CVR_Authenticate()`` (finds and selects a card), ``CVR_Read_Content(4)`` and then
``GetPeopleName``/``GetPeopleSex``/... each filling a GBK buffer, and ``CVR_CloseComm()``. Each
returns 1 on success. Elsewhere the reader reports UNSUPPORTED.
"""

from __future__ import annotations

import ctypes
import re
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from stationdesk.domain.ethnic_groups import ETHNIC_GROUPS
from stationdesk.domain.identity import IdNumberError, Sex, parse_id_number

from .card import LONG_TERM, CardIdentity
from .errors import ReaderError, ReaderProblem

DEFAULT_PORT = 1001  # the first USB reader
READ_TEXT_AND_PHOTO = 4
GETTERS = {
    "name": "GetPeopleName",
    "sex": "GetPeopleSex",
    "nation": "GetPeopleNation",
    "birth": "GetPeopleBirthday",
    "address": "GetPeopleAddress",
    "id_number": "GetPeopleIDCode",
    "authority": "GetDepartment",
    "valid_from": "GetStartDate",
    "valid_until": "GetEndDate",
}


def load_library(path: str) -> Any:
    """The SDK library at ``path`` (stdcall); UNSUPPORTED off Windows, UNAVAILABLE if missing."""
    if sys.platform != "win32":
        raise ReaderError(ReaderProblem.UNSUPPORTED, "the vendor SDK runs on Windows only")
    if not path:
        raise ReaderError(ReaderProblem.UNAVAILABLE, "no SDK library chosen")
    try:
        return ctypes.WinDLL(path)
    except OSError:
        raise ReaderError(ReaderProblem.UNAVAILABLE, "the SDK library did not load") from None


class SdkCardReader:
    """Polls the vendor SDK: authenticate, read, then fetch each field."""

    def __init__(
        self, library: str, port: str = "", loader: Callable[[str], Any] = load_library
    ) -> None:
        self.library = library
        self.port = port
        self._loader = loader
        self._dll: Any = None

    def open(self) -> None:
        port = int(self.port) if self.port.strip().isdigit() else DEFAULT_PORT
        dll = self._loader(self.library)
        if dll.CVR_InitComm(port) != 1:
            raise ReaderError(ReaderProblem.UNAVAILABLE, f"CVR_InitComm({port}) failed")
        self._dll = dll

    def close(self) -> None:
        dll, self._dll = self._dll, None
        if dll is not None:
            dll.CVR_CloseComm()

    def poll(self) -> CardIdentity | None:
        dll = self._dll
        if dll is None:
            raise ReaderError(ReaderProblem.DISCONNECTED, "reader not open")
        if dll.CVR_Authenticate() != 1:
            return None
        if dll.CVR_Read_Content(READ_TEXT_AND_PHOTO) != 1:
            raise ReaderError(ReaderProblem.READ_FAILED, "CVR_Read_Content failed")
        return decode_sdk_fields({key: _text(dll, name) for key, name in GETTERS.items()})


def _text(dll: Any, function: str) -> str:
    buffer = ctypes.create_string_buffer(256)
    length = ctypes.c_int(len(buffer))
    if getattr(dll, function)(buffer, ctypes.byref(length)) != 1:
        raise ReaderError(ReaderProblem.READ_FAILED, f"{function} failed")
    return buffer.raw[: max(0, min(length.value, len(buffer)))].split(b"\0")[0].decode("gbk")


def _sdk_date(text: str, field: str) -> date | None:
    if text.strip() == LONG_TERM:
        return None
    digits = re.sub(r"\D", "", text)
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ReaderError(ReaderProblem.BAD_CARD_DATA, f"{field} is not a date") from None


def _ethnic_code(text: str) -> str:
    """The SDK gives the group's name (汉 or 汉族) or, in some versions, its code."""
    text = text.strip()
    if text.isdigit():
        return text.zfill(2)
    for group in ETHNIC_GROUPS:
        if text in (group.name, group.name.removesuffix("族")):
            return group.code
    return ""


def decode_sdk_fields(fields: dict[str, str]) -> CardIdentity:
    """The identity from the SDK's text fields (the SDK words sex and group, not codes)."""
    try:
        facts = parse_id_number(fields["id_number"].strip())
    except IdNumberError:
        raise ReaderError(ReaderProblem.BAD_CARD_DATA, "ID number fails its checks") from None
    birth = _sdk_date(fields["birth"], "birth")
    valid_from = _sdk_date(fields["valid_from"], "valid_from")
    if birth is None or valid_from is None or not fields["name"].strip():
        raise ReaderError(ReaderProblem.BAD_CARD_DATA, "missing name or dates")
    sex = {"男": Sex.MALE, "女": Sex.FEMALE, "1": Sex.MALE, "2": Sex.FEMALE}
    return CardIdentity(
        name=fields["name"].strip(),
        sex=sex.get(fields["sex"].strip()),
        ethnic_code=_ethnic_code(fields["nation"]),
        birth_date=birth,
        address=fields["address"].strip(),
        id_number=facts.number,
        authority=fields["authority"].strip(),
        valid_from=valid_from,
        valid_until=_sdk_date(fields["valid_until"], "valid_until"),
    )
