"""An UNPROTECTED file keyring for the demo station and the tests, never for a real station."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from jaraco.classes import properties
from keyring.backend import KeyringBackend

ENV_FILE = "STATIONDESK_PLAIN_KEYRING_FILE"


class PlainFileKeyring(KeyringBackend):
    """Keeps secrets in a JSON file in the clear. Labelled as such everywhere it shows."""

    @properties.classproperty
    def priority(cls) -> float:
        # Only viable when explicitly configured, so keyring never picks it on its own.
        if not os.environ.get(ENV_FILE):
            raise RuntimeError(f"{ENV_FILE} is not set")
        return 0.1

    label = "演示/测试用明文密钥文件（不安全）"

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        if path is None:
            path = Path(os.environ.get(ENV_FILE, "stationdesk-plain-keyring.json"))
        self.path = path
        self._lock = threading.Lock()

    def _load(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        data: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def _save(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.chmod(tmp, 0o600)
        tmp.replace(self.path)

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._load().get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            data = self._load()
            data[f"{service}\x00{username}"] = password
            self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            data = self._load()
            data.pop(f"{service}\x00{username}", None)
            self._save(data)


class MemoryKeyring(KeyringBackend):
    """Keeps secrets in process memory; for tests. Only ever installed with set_keyring()."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("the memory keyring is installed explicitly, never chosen")

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._data.pop((service, username), None)
