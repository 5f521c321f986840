"""The bundle keeps the Qt input context that fcitx5 and IBus serve Chinese input through."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle only")
def test_the_bundle_carries_the_ibus_input_context(bundle: Path):
    found = [p.name for p in bundle.rglob("platforminputcontexts/*ibus*")]
    assert found, "without the IBus plugin Chinese cannot be typed under fcitx5 or ibus"
