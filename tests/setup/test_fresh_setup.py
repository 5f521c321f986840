"""A fresh clone's set-up: the Debian packages `make run` and `make test` need, and no display.

Each test works in a `git clone` of this checkout. Shims on PATH stand in for apt-get (it only
logs), for `id -u` (a non-root user) and for sudo; a copy of dpkg's status file without some
packages (DPKG_ADMINDIR) makes them missing. No package is installed and no venv is made.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DPKG_STATUS = Path("/var/lib/dpkg/status")
XVFB_HINT = "    xvfb-run -a make run\n"

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-query") is None or not DPKG_STATUS.is_file(),
    reason="the set-up step installs Debian packages: a Debian machine is needed",
)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean checkout: what a user gets from `git clone`, with no .venv."""
    dest = tmp_path_factory.mktemp("fresh") / "stationdesk"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(dest)], check=True)
    assert (dest / "installer" / "debian-packages.sh").is_file(), (
        "commit installer/debian-packages.sh first"
    )
    assert not (dest / ".venv").exists()
    return dest


def _shim(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def shims(tmp_path: Path) -> Path:
    """A PATH folder whose apt-get only logs its arguments (with DEBIAN_FRONTEND) and succeeds."""
    folder = tmp_path / "bin"
    folder.mkdir()
    _shim(folder, "apt-get", f'echo "$DEBIAN_FRONTEND $*" >> {tmp_path / "apt.log"}')
    return folder


def apt_calls(shims: Path) -> list[str]:
    log = shims.parent / "apt.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def not_root(shims: Path, *, sudo: bool = False) -> None:
    """Make the script believe it runs as a user (and, with sudo, that sudo exists)."""
    _shim(shims, "id", 'if [ "$1" = -u ]; then echo 1000; else exec /usr/bin/id "$@"; fi')
    if sudo:
        _shim(shims, "sudo", "exit 1")


def without(tmp_path: Path, *packages: str) -> Path:
    """A dpkg admin folder whose status file lacks these packages (as on a fresh machine)."""
    admin = tmp_path / "dpkg"
    admin.mkdir()
    stanzas = DPKG_STATUS.read_text(encoding="utf-8").split("\n\n")
    kept = [
        s for s in stanzas if s.strip().split("\n", 1)[0] not in {f"Package: {p}" for p in packages}
    ]
    (admin / "status").write_text("\n\n".join(kept), encoding="utf-8")
    return admin


def run(
    clone: Path, args: list[str], shims: Path, *, display: bool = False, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run in the clone with a plain environment: no display, no outer make's flags."""
    drop = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DEBIAN_FRONTEND"}
    drop |= {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    base = {k: v for k, v in os.environ.items() if k not in drop}
    base["PATH"] = f"{shims}{os.pathsep}{os.environ['PATH']}"
    if display:
        base["DISPLAY"] = ":99"
    return subprocess.run(
        args, cwd=clone, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_on_a_set_up_machine_the_step_only_looks(clone: Path, shims: Path):
    # This machine has every package (`make test` saw to it), so nothing is installed or said.
    for target in ("test", "run"):
        done = run(clone, ["installer/debian-packages.sh", target], shims, display=True)
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert apt_calls(shims) == []


def test_as_root_a_missing_package_is_installed_after_one_update(
    clone: Path, shims: Path, tmp_path: Path
):
    admin = without(tmp_path, "chromium", "poppler-utils")
    done = run(clone, ["installer/debian-packages.sh", "test"], shims, DPKG_ADMINDIR=str(admin))
    assert done.returncode == 0, done.stderr
    assert "installing Debian packages: poppler-utils chromium" in done.stdout
    update, install = apt_calls(shims)
    assert update == " update -qq"
    assert install.startswith("noninteractive install -y ")
    assert install.endswith(" poppler-utils chromium")


@pytest.mark.parametrize("sudo", [True, False])
def test_a_user_is_given_the_one_apt_command(clone: Path, shims: Path, tmp_path: Path, sudo: bool):
    not_root(shims, sudo=sudo)
    admin = without(tmp_path, "chromium", "python3-venv")
    fake_python = tmp_path / "py"
    fake_python.mkdir()
    _shim(fake_python, "python3", "exit 1")  # a Python without ensurepip: no venv can be made
    done = run(
        clone,
        ["installer/debian-packages.sh", "test"],
        shims,
        DPKG_ADMINDIR=str(admin),
        PY=str(fake_python / "python3"),
    )
    assert done.returncode == 1
    command = re.findall(r"^    (.*)$", done.stderr, re.M)
    prefix = "sudo " if sudo or shutil.which("sudo") else ""
    assert command == [f"{prefix}apt-get install chromium python3-venv"]
    assert "`make test` needs Debian packages that are not installed" in done.stderr
    assert done.stdout == ""
    assert apt_calls(shims) == []


def test_make_run_without_a_display_says_how_to_use_xvfb(clone: Path, shims: Path):
    done = run(clone, ["make", "run"], shims)
    assert done.returncode != 0
    assert XVFB_HINT in done.stderr
    assert "QT_QPA_PLATFORM=offscreen make run" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (clone / ".venv").exists(), "the display is checked before the venv is made"
    assert apt_calls(shims) == []
    assert shutil.which("xvfb-run"), "the hint's command is installed by the set-up of `make test`"


def test_a_user_without_display_or_xvfb_gets_both_answers(clone: Path, shims: Path, tmp_path: Path):
    not_root(shims)
    admin = without(tmp_path, "xvfb")
    done = run(clone, ["installer/debian-packages.sh", "run"], shims, DPKG_ADMINDIR=str(admin))
    assert done.returncode == 1
    assert re.search(r"^    (sudo )?apt-get install xvfb$", done.stderr, re.M)
    assert XVFB_HINT in done.stderr
    # With a display, xvfb is not needed.
    assert (
        run(
            clone,
            ["installer/debian-packages.sh", "run"],
            shims,
            display=True,
            DPKG_ADMINDIR=str(admin),
        ).returncode
        == 0
    )


def test_make_sets_the_machine_up_before_the_venv_and_the_app(clone: Path, shims: Path):
    done = run(clone, ["make", "-n", "test", "run"], shims)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()

    def first(fragment: str) -> int:
        return next(i for i, line in enumerate(lines) if fragment in line)

    assert (
        first("installer/debian-packages.sh test")
        < first("installer/debian-packages.sh venv")
        < first("-m venv .venv")
    )
    assert first("installer/debian-packages.sh run") < first(".venv/bin/stationdesk --demo")
    assert first("installer/debian-packages.sh test") < first(".venv/bin/pytest")
    bundle = run(clone, ["make", "-n", "bundle"], shims)
    assert "installer/debian-packages.sh bundle" in bundle.stdout
