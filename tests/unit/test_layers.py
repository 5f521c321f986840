"""The dependency rule of ARCHITECTURE.md, checked by walking every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "stationdesk"

# Which stationdesk layers each layer may import (itself always allowed).
ALLOWED = {
    "domain": set(),
    "store": {"domain", "resources"},
    "printing": {"domain", "resources"},
    "secrets": {"domain", "resources"},
    "sync": {"domain", "resources"},
    "services": {"domain", "store", "printing", "sync", "secrets", "resources"},
    "cli": {"services", "domain", "resources", "district"},  # district commands compose the server
    "ui": {"services", "domain", "resources"},
    "district": {"sync", "domain", "resources"},
}
# Single modules a layer may import beyond ALLOWED: the district checks certificate signatures
# with the pure signing code (never the keyring or key files in the rest of secrets).
ALLOWED_MODULES = {"district": {"stationdesk.secrets.signing"}}
QT_ALLOWED = {"ui", "entry"}
FORBIDDEN_IN_DOMAIN = ("PySide6", "sqlalchemy", "alembic", "keyring", "reportlab", "httpx")


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = path.relative_to(PKG.parent).with_suffix("").parts[: -node.level]
                names.append(".".join([*base, node.module] if node.module else base))
            elif node.module:
                names.append(node.module)
    return names


def modules() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "migrations" not in p.parts)


def layer_of(path: Path) -> str:
    rel = path.relative_to(PKG).parts
    return rel[0] if len(rel) > 1 else Path(rel[0]).stem


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PKG)))
def test_module_respects_layers(path: Path) -> None:
    layer = layer_of(path)
    for name in imports_of(path):
        top = name.split(".")[0]
        if top == "PySide6" or top == "shiboken6":
            assert layer in QT_ALLOWED, f"{path.name} ({layer}) imports Qt"
        if layer == "domain":
            assert top not in FORBIDDEN_IN_DOMAIN, f"domain module {path.name} imports {top}"
        if name in ALLOWED_MODULES.get(layer, set()):
            continue
        if top == "stationdesk" and "." in name and layer in ALLOWED:
            target = name.split(".")[1]
            if target in ALLOWED and target != layer:
                assert target in ALLOWED[layer], f"{path.name} ({layer}) imports {name}"


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(p.relative_to(PKG))
        for p in PKG.rglob("*.py")
        if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert not missing, f"modules without a docstring: {missing}"


def test_the_walker_catches_a_violation(tmp_path: Path) -> None:
    bad = PKG / "domain" / "_layer_probe.py"
    bad.write_text(
        '"""Probe."""\nimport sqlalchemy\nfrom ..store import models\n', encoding="utf-8"
    )
    try:
        names = imports_of(bad)
        assert "sqlalchemy" in names and "stationdesk.store.models" not in names
        assert "stationdesk.store" in names
    finally:
        bad.unlink()
