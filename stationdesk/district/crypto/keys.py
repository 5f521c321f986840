"""The district data keys: where they come from (a key file or the environment) and their ids."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from ..settings import ENV_DATA_KEY, ENV_DATA_KEY_FILE, DistrictSettings

KEY_BYTES = 32
_KEY_ID_DOMAIN = b"stationdesk district data key id\x00"
_HEADER = (
    "# stationdesk district data key(s): base64 of 32 random bytes, one a line.\n"
    "# The first key encrypts; the keys below it are old ones, still read until\n"
    "# 'stationdesk district rotate-data-key' has moved everything off them.\n"
    "# Keep this file secret (mode 0600) and backed up apart from the database.\n"
)


class DataKeyError(Exception):
    """The data key is missing, malformed or not this district's: the district will not start."""

    def __init__(self, message: str, zh: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh or "区平台数据密钥缺失或无效。"


class DataKeyProvider(Protocol):
    """Where the district's data keys come from; a key management service can implement it.

    ``current()`` is the key new envelopes are sealed with, as ``(key_id, key)``; ``get(key_id)``
    returns any key still read (raising :class:`DataKeyError` for one it does not hold).
    """

    def current(self) -> tuple[str, bytes]:
        """The id and bytes of the key that seals new envelopes."""
        ...

    def get(self, key_id: str) -> bytes:
        """The key with this id (the current one or an old one still read)."""
        ...


def key_id(key: bytes) -> str:
    """A key's public id: 16 hex digits of a domain-separated SHA-256, never the key itself."""
    return hashlib.sha256(_KEY_ID_DOMAIN + key).hexdigest()[:16]


class KeyRing:
    """Data keys held in memory, the current one first; the others are only read."""

    def __init__(self, keys: Sequence[bytes]) -> None:
        if not keys:
            raise DataKeyError("no data key given")
        for key in keys:
            if len(key) != KEY_BYTES:
                raise DataKeyError(f"a data key is {KEY_BYTES} bytes, not {len(key)}")
        unique: dict[str, bytes] = {}
        for key in keys:
            unique.setdefault(key_id(key), key)
        self.keys: tuple[bytes, ...] = tuple(unique.values())
        self._by_id = unique

    def current(self) -> tuple[str, bytes]:
        key = self.keys[0]
        return key_id(key), key

    def get(self, key_id: str) -> bytes:
        try:
            return self._by_id[key_id]
        except KeyError:
            raise DataKeyError(
                f"the data key {key_id} is not configured (an old key removed too early?)",
                "缺少旧的数据密钥，无法解密部分数据。",
            ) from None

    def key_ids(self) -> tuple[str, ...]:
        """Every key id, the current one first."""
        return tuple(self._by_id)

    def then(self, older: KeyRing) -> KeyRing:
        """This ring's keys first, then ``older``'s (still read, never used to seal)."""
        return KeyRing([*self.keys, *older.keys])


def parse_keys(text: str, source: str) -> KeyRing:
    """Keys written as base64, one a line or comma-separated; ``#`` starts a comment."""
    tokens: list[str] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        tokens.extend(t for t in line.replace(",", " ").split() if t)
    if not tokens:
        raise DataKeyError(f"{source} holds no data key")
    keys: list[bytes] = []
    for n, token in enumerate(tokens, 1):
        try:
            key = base64.b64decode(token, validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != KEY_BYTES:
            raise DataKeyError(
                f"key {n} in {source} is not base64 of {KEY_BYTES} bytes",
                "数据密钥格式不对（应为32字节的base64）。",
            )
        keys.append(key)
    return KeyRing(keys)


def read_key_file(path: Path) -> KeyRing:
    """The keys in a key file; refused when others than its owner may read it (POSIX)."""
    try:
        if sys.platform != "win32" and path.stat().st_mode & 0o077:
            raise DataKeyError(
                f"the data key file {path} may be read by others; run 'chmod 600 {path}'",
                "数据密钥文件的权限过宽，请设为仅本人可读（chmod 600）。",
            )
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataKeyError(
            f"cannot read the data key file {path}: {exc.strerror or exc}",
            "无法读取数据密钥文件。",
        ) from None
    return parse_keys(text, str(path))


def keys_from_settings(settings: DistrictSettings | None = None) -> KeyRing:
    """The data keys the settings name: a key file or the key itself, exactly one of them."""
    settings = settings or DistrictSettings()
    text = settings.data_key.get_secret_value().strip() if settings.data_key else ""
    path = settings.data_key_file
    if text and path:
        raise DataKeyError(
            f"set either {ENV_DATA_KEY_FILE} or {ENV_DATA_KEY}, not both",
            "数据密钥只能用一种方式提供。",
        )
    if path:
        return read_key_file(Path(path))
    if text:
        return parse_keys(text, ENV_DATA_KEY)
    raise DataKeyError(
        f"no district data key: set {ENV_DATA_KEY_FILE} to a key file (make one with "
        f"'stationdesk district new-data-key FILE') or {ENV_DATA_KEY} to the key itself",
        f"未配置区平台数据密钥：请设置 {ENV_DATA_KEY_FILE} 或 {ENV_DATA_KEY}。",
    )


def new_key() -> bytes:
    """A fresh random data key."""
    return secrets.token_bytes(KEY_BYTES)


def key_text(key: bytes) -> str:
    """A key as its file and environment form (base64)."""
    return base64.b64encode(key).decode("ascii")


def write_key_file(path: Path, keys: Iterable[bytes]) -> None:
    """Write a key file (current key first), atomically and readable by its owner only."""
    body = _HEADER + "".join(key_text(k) + "\n" for k in keys)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
