"""Files a worker keeps in the station database (case scans, wish photos): the name cleaned,
the size limited, the type checked against the bytes; read from disk without reading a file
that is too large."""

from __future__ import annotations

import hashlib
import mimetypes
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePath

from .errors import InputError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILE_NAME = 120
PHOTO_MIME = frozenset({"image/jpeg", "image/png"})
"""What a photo may be: JPEG or PNG."""
_MAGIC = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF",),
    "image/gif": (b"GIF87a", b"GIF89a"),
}


@dataclass(frozen=True)
class Refusal:
    """How a file of a type not allowed is refused, and the field the refusal names."""

    message: str
    message_zh: str
    field: str


@dataclass(frozen=True)
class Upload:
    """A file as the worker gave it: its name, bytes and, when known, its type."""

    name: str
    data: bytes
    mime: str | None = None


@dataclass(frozen=True)
class CheckedFile:
    """A file fit to store: its clean name, checked type, bytes, size and SHA-256."""

    name: str
    mime: str
    data: bytes
    size: int
    sha256: str


def check_size(size: int, field: str) -> None:
    """Refuse a file over :data:`MAX_FILE_BYTES`."""
    if size > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        raise InputError(
            f"attachments are at most {mb} MB", f"单个附件不能超过 {mb} MB。", field=field
        )


def clean_name(name: str) -> str:
    """The file's own name (no folders), NFC, at most :data:`MAX_FILE_NAME` characters with its
    extension kept."""
    clean = PurePath(unicodedata.normalize("NFC", name).replace("\\", "/")).name.strip()
    if len(clean) > MAX_FILE_NAME:
        stem, dot, ext = clean.rpartition(".")
        keep = MAX_FILE_NAME - len(ext) - 1
        clean = f"{stem[:keep]}.{ext}" if dot and keep > 0 else clean[:MAX_FILE_NAME]
    return clean


def checked_file(
    name: str, data: bytes, mime: str | None, allowed: Collection[str], refusal: Refusal
) -> CheckedFile:
    """``data`` named ``name`` checked: a name, some bytes within the size limit, a type (given
    or guessed from the name) among ``allowed`` whose bytes start as that type's do."""
    field = refusal.field
    clean = clean_name(name)
    if not clean:
        raise InputError("the attachment needs a file name", "附件缺少文件名。", field=field)
    if not data:
        raise InputError("the file is empty", "文件为空。", field=field)
    check_size(len(data), field)
    guessed = (mime or mimetypes.guess_type(clean)[0] or "").lower()
    if guessed == "image/jpg":
        guessed = "image/jpeg"
    if guessed not in allowed:
        raise InputError(refusal.message, refusal.message_zh, field=field)
    magic = _MAGIC.get(guessed)
    if magic is not None and not any(data.startswith(m) for m in magic):
        raise InputError(
            "the file's content does not match its type", "文件内容与类型不符。", field=field
        )
    return CheckedFile(clean, guessed, data, len(data), hashlib.sha256(data).hexdigest())


def read_file(path: Path, field: str) -> bytes:
    """The bytes of a file the worker picked; one too large is refused before it is read."""
    try:
        check_size(path.stat().st_size, field)
        return path.read_bytes()
    except OSError:
        raise InputError("the file cannot be read", "无法读取该文件。", field=field) from None


def read_upload(path: Path, field: str) -> Upload:
    """:func:`read_file` as an :class:`Upload` named as the file is."""
    return Upload(path.name, read_file(path, field))
