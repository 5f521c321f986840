"""The .deb: its control data, its files, and the bundle run from an unpacked root."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.helpers.bundle import clean_env, run
from tests.installer import iss

LAYOUT = iss.load_layout()


def field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_package_describes_itself(deb: Path):
    assert field(deb, "Package") == "stationdesk"
    assert field(deb, "Version")
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True)
    assert field(deb, "Architecture") == arch.stdout.strip()
    assert "libc6 (>= 2." in field(deb, "Depends")
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    owners = {line.split()[1] for line in listing.splitlines()}
    assert owners == {"root/root"}


def test_installed_into_a_root_it_runs_its_selftest(deb: Path, tmp_path: Path):
    root = tmp_path / "root"
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    program = root / LAYOUT.DEB_PREFIX.lstrip("/") / "stationdesk"
    assert program.is_file() and os.access(program, os.X_OK)
    launcher = root / "usr/bin/stationdesk"
    assert os.access(launcher, os.X_OK)
    assert f"exec {LAYOUT.DEB_PREFIX}/stationdesk " in launcher.read_text(encoding="utf-8")
    desktop = root / "usr/share/applications/stationdesk.desktop"
    assert "Exec=stationdesk" in desktop.read_text(encoding="utf-8")
    for icon in (
        "48x48/apps/stationdesk.png",
        "256x256/apps/stationdesk.png",
        "scalable/apps/stationdesk.svg",
    ):
        assert (root / "usr/share/icons/hicolor" / icon).is_file(), icon
    assert "WenQuanYi" in (root / "usr/share/doc/stationdesk/copyright").read_text()
    result = run(program, "--selftest", env=clean_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "main window shown" in result.stdout
    validate = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True
    )
    assert validate.returncode == 0 and not validate.stdout.strip(), validate.stdout
