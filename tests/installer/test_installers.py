"""The installer scripts against the bundle layout the spec declares (no build needed)."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess

import pytest

from tests.installer import iss

ROOT = iss.ROOT
LAYOUT = iss.load_layout()
SCRIPT = iss.ISS.read_text(encoding="utf-8")
DESKTOP = ROOT / "installer" / "linux" / "stationdesk.desktop"


@pytest.fixture(scope="module")
def declared() -> set[str]:
    return LAYOUT.declared_files(ROOT, windows=True)


def test_the_declared_layout_carries_resources_icons_and_migrations(declared: set[str]):
    internal = LAYOUT.CONTENTS_DIR
    assert "stationdesk.exe" in declared and "stationdesk-cli.exe" in declared
    assert f"{internal}/resources/icons/stationdesk.ico" in declared
    assert f"{internal}/resources/fonts/wqy-zenhei.ttc" in declared
    assert f"{internal}/resources/catalog/certificates.json" in declared
    assert f"{internal}/stationdesk/store/migrations/env.py" in declared
    versions = {p.name for p in (ROOT / "stationdesk/store/migrations/versions").glob("0*.py")}
    assert versions and all(
        f"{internal}/stationdesk/store/migrations/versions/{v}" in declared for v in versions
    )
    assert not any(f.endswith((".ts", ".pyc")) for f in declared)
    assert LAYOUT.declared_files(ROOT, windows=False) >= {"stationdesk"}
    assert "stationdesk-cli" not in LAYOUT.declared_files(ROOT, windows=False)


def test_every_file_the_windows_installer_references_is_in_the_bundle(declared: set[str]):
    assert iss.check(SCRIPT, declared) == []


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda s, d: (s, d - {"_internal/resources/icons/stationdesk.ico"}), "stationdesk.ico"),
        (lambda s, d: (s, d - {"stationdesk-cli.exe"}), "stationdesk-cli.exe"),
        (lambda s, d: (s.replace('"stationdesk.exe"', '"desk.exe"'), d), "desk.exe"),
        (
            lambda s, d: (s, {f for f in d if not f.startswith("_internal/")}),
            "matches nothing",
        ),
        (lambda s, d: (s.replace("SetupIconFile=..\\..\\", "SetupIconFile=..\\"), d), "Setup"),
        (
            lambda s, d: (
                s.replace("[Run]", '[Run]\nFilename: "{app}\\tools\\x.exe"; Flags: nowait'),
                d,
            ),
            "tools",
        ),
        (
            lambda s, d: (
                s.replace(
                    "begin\n  Result :=",
                    "begin\n  Exec(ExpandConstant('{app}\\gone.exe'));\n  Result :=",
                    1,
                ),
                d,
            ),
            "gone.exe",
        ),
    ],
)
def test_the_check_fails_on_a_missing_file(declared: set[str], change, complaint: str):
    script, layout = change(SCRIPT, declared)
    problems = iss.check(script, layout)
    assert problems and any(complaint in p for p in problems), problems


def test_shortcuts_and_uninstaller_keep_the_data(declared: set[str]):
    script = iss.parse(SCRIPT)
    icons = script.entries("Icons")
    names = [i["Name"] for i in icons]
    assert any(
        n.startswith("{group}\\") and i["Filename"] == "{app}\\stationdesk.exe"
        for n, i in zip(names, icons, strict=True)
    )
    desktop = [i for i in icons if i["Name"].startswith("{autodesktop}\\")]
    assert desktop and desktop[0]["Filename"] == "{app}\\stationdesk.exe"
    assert any(i["Filename"] == "{uninstallexe}" for i in icons)
    # nothing of the station's data is removed by the uninstaller's own lists
    for section in ("UninstallDelete", "InstallDelete"):
        for entry in script.entries(section):
            assert "{localappdata}" not in entry["Name"] and "{userappdata}" not in entry["Name"]
    code = "\n".join(script.sections["Code"])
    # deleting data needs two answers, each defaulting to No, and never happens silently
    assert code.count("MB_DEFBUTTON2") == 2 and "UninstallSilent()" in code


def test_the_uninstaller_looks_where_the_app_keeps_its_data(monkeypatch):
    """{localappdata}\\stationdesk\\... in the script is what platformdirs gives on Windows."""
    from platformdirs import windows

    monkeypatch.setattr(
        windows, "get_win_folder", lambda csidl: "C:/Users/wang/AppData/Local", raising=False
    )
    dirs = windows.Windows(appname="stationdesk", appauthor=False)
    local = "C:/Users/wang/AppData/Local/stationdesk"
    assert dirs.user_data_dir.replace("\\", "/") == local
    assert dirs.user_config_dir.replace("\\", "/") == local
    code = "\n".join(iss.parse(SCRIPT).sections["Code"])
    expands = set(re.findall(r"ExpandConstant\('([^']*)'\)", code))
    # the app: platform_data_dir() = user_data_dir/station; locator = user_config_dir/LOCATOR
    from stationdesk.services.paths import LOCATOR_NAME

    assert "{localappdata}\\stationdesk\\station" in expands
    assert f"{{localappdata}}\\stationdesk\\{LOCATOR_NAME}" in expands
    assert "{localappdata}\\stationdesk\\demo-station" in expands


def test_the_desktop_file_names_the_launcher_and_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keep key case
    entry.read(DESKTOP, encoding="utf-8")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Exec"] == "stationdesk"
    assert d["Icon"] == "stationdesk" and d["Terminal"] == "false"
    assert d["Name[zh_CN]"]
    assert (ROOT / "resources" / "icons" / "stationdesk.svg").exists()
    assert (ROOT / LAYOUT.ICON_PNG).exists() and (ROOT / LAYOUT.ICON_ICO).exists()


def test_the_desktop_file_is_valid():
    assert shutil.which("desktop-file-validate"), "apt-get install desktop-file-utils"
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_deb_script_is_valid_shell():
    subprocess.run(["bash", "-n", str(ROOT / "installer/linux/build-deb.sh")], check=True)


def test_the_icon_files_are_what_their_names_say():
    from PIL import Image

    for size in (16, 32, 48, 256):
        with Image.open(ROOT / f"resources/icons/stationdesk-{size}.png") as img:
            assert img.size == (size, size) and img.mode == "RGBA"
    with Image.open(ROOT / LAYOUT.ICON_ICO) as ico:
        assert ico.format == "ICO" and (256, 256) in ico.info["sizes"]
        assert (16, 16) in ico.info["sizes"]
