"""Chinese interface text uses full-width brackets and colons: no ASCII ( ) : beside a Chinese
character in any translation or source string (resources/translations/*.ts)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\U00020000-\U0002ffff]"
ASCII_BESIDE_CJK = re.compile(rf"{CJK} ?[():]|[():] ?{CJK}")
# a file dialog's filter must keep its ASCII brackets: "PDF 文件 (*.pdf)"
FILE_FILTER = re.compile(r" \((\*\.[\w.]+ ?)+\)")


def misplaced(text: str) -> bool:
    """Whether an ASCII bracket or colon sits beside a Chinese character (a space between
    counts as beside)."""
    return bool(ASCII_BESIDE_CJK.search(FILE_FILTER.sub("", text)))


def translated_strings() -> list[tuple[str, str, str]]:
    """Every (file, source, translation) pair, plural forms included."""
    found = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                continue
            texts = [translation.text or ""] + [
                f.text or "" for f in translation.iter("numerusform")
            ]
            found += [(ts.name, source, text) for text in texts if text]
    return found


def test_the_translations_are_found() -> None:
    assert len(translated_strings()) > 300


def test_no_ascii_bracket_or_colon_beside_chinese() -> None:
    bad = [
        f"{name}: {source!r} -> {text!r}"
        for name, source, text in translated_strings()
        if misplaced(text)
    ]
    assert not bad, "\n".join(bad)


def test_no_source_string_mixes_chinese_with_ascii_brackets() -> None:
    """The English source strings too: "Refusal notice (不予出具证明告知书)" shows as is in the
    English interface, with its brackets half-width beside Chinese."""
    bad = sorted(
        {f"{name}: {source!r}" for name, source, _t in translated_strings() if misplaced(source)}
    )
    assert not bad, "\n".join(bad)


def test_the_check_sees_a_half_width_bracket() -> None:
    assert misplaced("登记新事项 (Ctrl+N)")
    assert misplaced("告知书(PDF)")
    assert misplaced("同步失败: 网络")
    assert not misplaced("登记新事项（Ctrl+N）")
    assert not misplaced("PDF 文件 (*.pdf)")
    assert not misplaced("扫描件和照片 (*.pdf *.jpg *.tiff)")
