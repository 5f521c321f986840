"""Every module of the package says what it is for (the layer rule itself is import-linter's)."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[2] / "stationdesk"


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(p.relative_to(PKG))
        for p in PKG.rglob("*.py")
        if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert not missing, f"modules without a docstring: {missing}"
