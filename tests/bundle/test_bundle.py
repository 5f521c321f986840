"""The frozen bundle runs without Python: the window, the CLI, an upgrade, the installers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.bundle import clean_env, run
from tests.installer import iss

LAYOUT = iss.load_layout()
PASSWORD = "bundle-admin-1"


def test_selftest_shows_the_main_window(bundle: Path, tmp_path: Path):
    result = run(bundle / "stationdesk", "--selftest", env=clean_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "main window shown" in result.stdout
    assert not (tmp_path / "home" / "data" / "stationdesk").exists(), "selftest leaves nothing"


def test_the_cli_creates_and_checks_a_station(bundle: Path, tmp_path: Path):
    env = clean_env(tmp_path, STATIONDESK_PASSWORD=PASSWORD)
    data = str(tmp_path / "station")
    made = run(
        bundle / "stationdesk",
        "--data-dir",
        data,
        "init",
        "--station-code",
        "SY0303",
        "--station-name",
        "测试社区党群服务站",
        "--admin",
        "boss",
        env=env,
    )
    assert made.returncode == 0, made.stderr
    doctor = run(
        bundle / "stationdesk", "--data-dir", data, "--user", "boss", "doctor", "--json", env=env
    )
    assert doctor.returncode == 0, doctor.stderr
    report = json.loads(doctor.stdout)
    assert report["ok"] and report["checks"]["database"] == "ok"
    assert report["checks"]["audit_chain"].startswith("intact")
    assert report["paths"]["data"] == data


def dev_python(env: dict[str, str], action: str, data: Path) -> str:
    """Run tests/bundle/old_station.py with the development Python and the same keyring."""
    keyring_env = {k: v for k, v in env.items() if k.startswith(("PYTHON_KEYRING", "STATION"))}
    return subprocess.run(
        [sys.executable, str(Path(__file__).with_name("old_station.py")), action, str(data)],
        env={**os.environ, **keyring_env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def test_the_bundle_upgrades_an_older_station(bundle: Path, tmp_path: Path):
    """An older station (previous schema revision) opened by the bundled new version."""
    env = clean_env(tmp_path, STATIONDESK_PASSWORD=PASSWORD)
    data = tmp_path / "station"
    made = run(
        bundle / "stationdesk",
        "--data-dir",
        str(data),
        "init",
        "--station-code",
        "SY0404",
        "--station-name",
        "旧版社区",
        "--admin",
        "boss",
        env=env,
    )
    assert made.returncode == 0, made.stderr
    old = dev_python(env, "downgrade", data).strip()
    listed = run(
        bundle / "stationdesk",
        "--data-dir",
        str(data),
        "--user",
        "boss",
        "worker",
        "list",
        "--json",
        env=env,
    )
    assert listed.returncode == 0, listed.stderr
    assert [w["username"] for w in json.loads(listed.stdout)] == ["boss"]
    revision, head = dev_python(env, "revision", data).split()
    assert revision == head != old
    backups = sorted(p.name for p in (data / "backups").glob(f"pre-upgrade-{old}-*.db"))
    assert len(backups) == 1


def test_the_spec_builds_what_it_declares(bundle: Path):
    built = iss.bundle_files(bundle, as_windows=False)
    declared = LAYOUT.declared_files(iss.ROOT, windows=False)
    assert declared - built == set()
    internal = bundle / LAYOUT.CONTENTS_DIR
    for left_out in ("libQt6WebEngineCore", "libQt6Quick", "libQt6Qml", "libqgtk3", "_tkinter"):
        assert not list(internal.rglob(f"{left_out}*")), left_out
    assert list(internal.rglob("libqxcb.so")) and list(internal.rglob("libqoffscreen.so"))


def test_the_windows_installer_matches_the_real_bundle(bundle: Path):
    built = iss.bundle_files(bundle, as_windows=True)
    assert iss.check(iss.ISS.read_text(encoding="utf-8"), built) == []
