"""The bundle stays small: a size ceiling, no left-out Qt module or dev tool creeping back, and
the trimmed ICU data answering Chinese and English as the full data does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installer import iss

LAYOUT = iss.load_layout()
MIB = 1024 * 1024
# 203.7 MiB when set (docs/architecture.md, "Bundle"); the fonts alone are 44.6 MiB.
CEILING_MIB = 210
# Python bindings and Qt libraries the spec leaves out (libQt6OpenGL and libQt6DBus stay:
# QtCharts and every GUI module link them, only their bindings go).
LEFT_OUT_QT = (
    "PySide6/QtOpenGL.",
    "PySide6/QtOpenGLWidgets.",
    "PySide6/QtDBus.",
    "PySide6/QtNetwork.",
    "PySide6/QtQml.",
    "PySide6/QtQuick",
    "PySide6/QtWebEngine",
    "PySide6/QtMultimedia",
    "PySide6/Qt3D",
    "libQt6WebEngine",
    "libQt6Quick",
    "libQt6Qml",
    "libQt6Multimedia",
    "libQt63D",
    "libQt6Designer",
    "libavcodec",
)
DEV_TOOLS = ("hypothesis", "mypy", "pytest", "_pytest", "pytestqt", "ast_serialize", "rich")


def files(bundle: Path) -> list[Path]:
    return [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]


def test_the_bundle_stays_under_its_ceiling(bundle: Path):
    total = sum(p.stat().st_size for p in files(bundle))
    assert total <= CEILING_MIB * MIB, f"{total / MIB:.1f} MiB > {CEILING_MIB} MiB"


def test_left_out_qt_modules_stay_out(bundle: Path):
    internal = bundle / LAYOUT.CONTENTS_DIR
    names = [p.relative_to(internal).as_posix() for p in files(bundle) if internal in p.parents]
    back = [n for n in names for part in LEFT_OUT_QT if part in n]
    assert back == []
    assert any(n.startswith("PySide6/QtCharts.") for n in names)  # the filter is not too wide
    assert any("libQt6OpenGL.so" in n for n in names)


def test_no_dev_tool_is_bundled(bundle: Path, tmp_path: Path):
    from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader

    internal = bundle / LAYOUT.CONTENTS_DIR
    folders = {p.name.split("-")[0] for p in internal.iterdir() if p.is_dir()}
    assert folders.isdisjoint(DEV_TOOLS), folders & set(DEV_TOOLS)
    archive = CArchiveReader(str(bundle / LAYOUT.GUI_EXE))
    pyz = next(name for name, entry in archive.toc.items() if entry[-1] == "z")
    (tmp_path / "PYZ.pyz").write_bytes(archive.extract(pyz))
    modules = ZlibArchiveReader(str(tmp_path / "PYZ.pyz")).toc
    tops = {name.split(".")[0] for name in modules}
    assert "stationdesk" in tops and "sqlalchemy" in tops
    assert tops.isdisjoint(DEV_TOOLS), tops & set(DEV_TOOLS)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux wheels carry ICU")
def test_the_trimmed_icu_data_answers_like_the_full_data(bundle: Path):
    """Collation, case mapping, time-zone names and the Chinese codecs through Qt's ICU, with
    the wheel's libicudata and with the bundle's (preloaded in place of the wheel's)."""
    [icu] = [p for p in files(bundle) if p.name.startswith("libicudata.so.")]
    assert icu.stat().st_size < 8 * MIB
    probe = [sys.executable, str(Path(__file__).with_name("icu_probe.py"))]
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    full = subprocess.run(probe, env=env, capture_output=True, text=True, timeout=120, check=True)
    trimmed = subprocess.run(
        probe,
        env={**env, "LD_PRELOAD": str(icu)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert '"sorted zh_CN": ["陈静", "黄敏", "李娜", "刘洋", "王芳"' in full.stdout  # pinyin order
    assert trimmed.stdout == full.stdout


def test_the_shipped_fonts_keep_every_character(bundle: Path):
    """The fallbacks go in unchanged; the CJK collection keeps its first face, which draws and
    embeds exactly as the source's (same glyph map, widths and PDF subsets)."""
    from reportlab.pdfbase.ttfonts import TTFont

    from stationdesk.resources import CJK_FONT_FILE, FALLBACK_FONT_FILES

    shipped = bundle / LAYOUT.CONTENTS_DIR / "resources" / "fonts"
    source = iss.ROOT / "resources" / "fonts"
    for _family, file in FALLBACK_FONT_FILES:
        assert (shipped / file).read_bytes() == (source / file).read_bytes(), file
    ours = TTFont("Bundled", str(shipped / CJK_FONT_FILE), subfontIndex=0).face
    theirs = TTFont("Source", str(source / CJK_FONT_FILE), subfontIndex=0).face
    assert ours.charToGlyph == theirs.charToGlyph and ours.charWidths == theirs.charWidths
    sample = [ord(c) for c in "社区党群服务站综合受理台星海王芳䶮㐀"]
    assert ours.makeSubset(sample) == theirs.makeSubset(sample)
    assert (shipped / CJK_FONT_FILE).stat().st_size < (source / CJK_FONT_FILE).stat().st_size
