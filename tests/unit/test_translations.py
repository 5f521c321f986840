"""Every user-facing string in the UI has a Simplified Chinese translation."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
TS = TS_DIR / "stationdesk_zh_CN.ts"


def translated(ts: Path) -> set[tuple[str, str]]:
    """(context, source) pairs that have a finished translation."""
    done = set()
    for ctx in ET.parse(ts).iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and not tr.get("type") and "".join(tr.itertext()):
                done.add((name, msg.findtext("source") or ""))
    return done


def unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for msg in tree.iter("message"):
        tr = msg.find("translation")
        text = "".join(tr.itertext()) if tr is not None else ""
        if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            missing.append(msg.findtext("source") or "")
    return missing


def test_the_source_files_are_fully_translated() -> None:
    for ts in sorted(TS_DIR.glob("*_zh_CN.ts")):
        assert unfinished(ts) == [], ts.name


def test_every_ui_string_has_a_chinese_translation(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "all.ts"
    sources = sorted(str(p) for p in (ROOT / "stationdesk" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    have: set[tuple[str, str]] = set()
    for ts in TS_DIR.glob("*_zh_CN.ts"):
        have |= translated(ts)
    needed = {
        (ctx.findtext("name") or "", msg.findtext("source") or "")
        for ctx in ET.parse(fresh).iter("context")
        for msg in ctx.iter("message")
    }
    assert needed, "lupdate found no strings at all"
    missing = sorted(needed - have)
    assert missing == [], f"untranslated UI strings (run make translations-update): {missing}"


def test_the_check_sees_an_untranslated_string(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ts"
    broken.write_text(
        TS.read_text(encoding="utf-8").replace(
            "<translation>登录</translation>", '<translation type="unfinished"></translation>', 1
        ),
        encoding="utf-8",
    )
    assert unfinished(broken) != []
