"""The station's database key in the OS keyring, and a clear error when no keyring exists."""

from __future__ import annotations

import contextlib
import secrets as _secrets

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

SERVICE = "stationdesk"


class NoKeyringError(RuntimeError):
    """The OS offers no keyring, so the station key cannot be kept safely."""

    zh = (
        "系统没有可用的密钥环（keyring），无法安全保存本站数据库密钥。"
        "请在 Windows 凭据管理器或 Linux Secret Service 可用的环境中运行。"
    )

    def __init__(self) -> None:
        super().__init__(
            "no usable OS keyring was found, so the station's database key cannot be kept "
            "safely; run where Windows Credential Manager or a Secret Service is available"
        )


class MissingKeyError(RuntimeError):
    """The keyring answers but holds no key for this station."""

    zh = "密钥环中没有本站数据库密钥：请在原电脑上操作，或从备份恢复并重新录入密钥。"

    def __init__(self) -> None:
        super().__init__(
            "the keyring holds no database key for this station (was it created on another "
            "computer or under another account?)"
        )


def backend() -> KeyringBackend:
    """The keyring backend in force; raises NoKeyringError when it is the 'fail' backend."""
    kr = keyring.get_keyring()
    if _is_unusable(kr):
        raise NoKeyringError()
    return kr


def backend_name() -> str:
    """A human-readable name of the keyring backend (for ``doctor``)."""
    kr = keyring.get_keyring()
    return f"{type(kr).__module__}.{type(kr).__name__}"


def _is_unusable(kr: KeyringBackend) -> bool:
    from keyring.backends import chainer, fail

    if isinstance(kr, fail.Keyring):
        return True
    return isinstance(kr, chainer.ChainerBackend) and not kr.backends


def _account(station_uid: str, purpose: str) -> str:
    return f"{purpose}/{station_uid}"


def create_secret(station_uid: str, purpose: str, nbytes: int = 32) -> str:
    """Generate a new random secret, keep it in the keyring, and return it as hex."""
    value = _secrets.token_hex(nbytes)
    put_secret(station_uid, purpose, value)
    return value


def put_secret(station_uid: str, purpose: str, value: str) -> None:
    """Keep a secret in the keyring under this station and purpose."""
    kr = backend()
    try:
        kr.set_password(SERVICE, _account(station_uid, purpose), value)
    except keyring.errors.KeyringError as exc:
        raise NoKeyringError() from exc


def get_secret(station_uid: str, purpose: str) -> str:
    """Read a secret from the keyring; raises MissingKeyError when it is absent."""
    kr = backend()
    try:
        value = kr.get_password(SERVICE, _account(station_uid, purpose))
    except keyring.errors.KeyringError as exc:
        raise NoKeyringError() from exc
    if value is None:
        raise MissingKeyError()
    return value


def delete_secret(station_uid: str, purpose: str) -> None:
    """Remove a secret from the keyring if it is there."""
    kr = backend()
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        kr.delete_password(SERVICE, _account(station_uid, purpose))
