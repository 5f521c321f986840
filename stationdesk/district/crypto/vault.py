"""Sealing JSON values with AES-256-GCM under the district data key, bound to where they live.

An envelope is one string, ``enc:v1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>``, so it
fits anywhere a JSON value does. The plaintext is the value's JSON; the associated data names
the place the value belongs to (e.g. ``data / resident / <id>``), so an envelope copied to
another record, field or row does not open there.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import threading
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .keys import DataKeyError, DataKeyProvider

PREFIX = "enc:v1:"
NONCE_BYTES = 12
_AAD_DOMAIN = b"stationdesk district v1\x00"


class SealError(Exception):
    """An envelope that does not open: altered, moved to another place, or under another key."""


def is_envelope(value: object) -> bool:
    """Whether a stored value is an envelope (a string in the ``enc:v1:`` form)."""
    return isinstance(value, str) and value.startswith(PREFIX)


def envelope_key_id(value: object) -> str | None:
    """The id of the key an envelope is sealed with, or None for anything else."""
    if not is_envelope(value):
        return None
    assert isinstance(value, str)
    kid, sep, _ = value[len(PREFIX) :].partition(":")
    return kid if sep else None


def _aad(context: tuple[str, ...]) -> bytes:
    return _AAD_DOMAIN + "\x00".join(context).encode("utf-8")


class Vault:
    """Seals and opens values with the keys of a :class:`DataKeyProvider`.

    Also holds the district's match key once read (see :mod:`.matching`): the key of the
    ID-number HMAC, which is random, stored sealed in the database and outlives rotations.
    """

    def __init__(self, keys: DataKeyProvider) -> None:
        self.keys = keys
        keys.current()  # fails now, not at the first write, when there is no current key
        self._aead: dict[str, AESGCM] = {}
        self._lock = threading.Lock()
        self.match_key: bytes | None = None

    @property
    def key_id(self) -> str:
        """The id of the key new envelopes are sealed with."""
        return self.keys.current()[0]

    def _cipher(self, kid: str) -> AESGCM:
        cipher = self._aead.get(kid)
        if cipher is None:
            cipher = AESGCM(self.keys.get(kid))
            with self._lock:
                self._aead[kid] = cipher
        return cipher

    def _encrypt(self, plain: bytes, context: tuple[str, ...]) -> tuple[str, bytes]:
        """The current key's id, and the nonce, ciphertext and tag of ``plain``."""
        kid = self.key_id
        nonce = os.urandom(NONCE_BYTES)
        return kid, nonce + self._cipher(kid).encrypt(nonce, plain, _aad(context))

    def _decrypt(self, kid: str, raw: bytes, context: tuple[str, ...]) -> bytes:
        """The plaintext of nonce, ciphertext and tag sealed under ``kid`` for ``context``."""
        if len(raw) <= NONCE_BYTES:
            raise SealError("a truncated envelope")
        try:
            cipher = self._cipher(kid)
        except DataKeyError as exc:
            raise SealError(exc.message) from None
        try:
            return cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(context))
        except InvalidTag:
            raise SealError(f"an envelope does not open for {'/'.join(context)}") from None

    def seal(self, value: Any, *context: str) -> str:
        """The envelope of a JSON value under the current key, bound to ``context``."""
        plain = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        kid, sealed = self._encrypt(plain, context)
        body = base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")
        return f"{PREFIX}{kid}:{body}"

    def open(self, envelope: str, *context: str) -> Any:
        """The value sealed in ``envelope`` for ``context``; SealError when it does not open."""
        kid = envelope_key_id(envelope)
        if kid is None:
            raise SealError("not an envelope")
        body = envelope[len(PREFIX) + len(kid) + 1 :]
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except (binascii.Error, ValueError):
            raise SealError("a garbled envelope") from None
        return json.loads(self._decrypt(kid, raw, context))

    def seal_bytes(self, data: bytes, *context: str) -> bytes:
        """Raw bytes sealed under the current key, bound to ``context``: the envelope's prefix
        and key id in ASCII, then the nonce, ciphertext and tag (no base64: blobs are large)."""
        kid, sealed = self._encrypt(data, context)
        return f"{PREFIX}{kid}:".encode("ascii") + sealed

    def open_bytes(self, envelope: bytes, *context: str) -> bytes:
        """The bytes sealed by :meth:`seal_bytes` for ``context``; SealError when they do not
        open."""
        kid = envelope_key_id(envelope[: len(PREFIX) + 65].decode("ascii", "replace"))
        if kid is None:
            raise SealError("not an envelope")
        return self._decrypt(kid, envelope[len(PREFIX) + len(kid) + 1 :], context)

    def is_current(self, value: object) -> bool:
        """Whether ``value`` is an envelope under the current key."""
        return envelope_key_id(value) == self.key_id
