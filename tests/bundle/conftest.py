"""Smoke tests of the built bundle and .deb; collected only by ``make test-bundle``.

``make test-bundle`` builds them and sets STATIONDESK_BUNDLE (the bundle folder) and
STATIONDESK_DEB (the package); a plain ``pytest`` run skips this folder entirely.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

BUNDLE_ENV = "STATIONDESK_BUNDLE"
DEB_ENV = "STATIONDESK_DEB"

collect_ignore_glob = [] if os.environ.get(BUNDLE_ENV) else ["test_*.py"]


@pytest.fixture(scope="session")
def bundle() -> Path:
    path = Path(os.environ[BUNDLE_ENV]).resolve()
    if not (path / "stationdesk").is_file():
        pytest.fail(f"no bundle at {path}: run make bundle")
    return path


@pytest.fixture(scope="session")
def deb() -> Path:
    value = os.environ.get(DEB_ENV)
    if not value or not Path(value).is_file():
        pytest.fail(f"no .deb at {value!r}: run make deb")
    return Path(value).resolve()
