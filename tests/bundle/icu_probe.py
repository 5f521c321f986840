"""Helper run with the development Python: print, as JSON, what Qt's ICU-backed features give
for Chinese and English (collation, case mapping, time-zone names, the GB18030, GBK and Big5
codecs). The bundle test runs it on the wheel's ICU data and on the bundle's trimmed copy."""

from __future__ import annotations

import json

from PySide6.QtCore import (
    QCollator,
    QDateTime,
    QLocale,
    QStringDecoder,
    QStringEncoder,
    QTimeZone,
)

NAMES = [
    "张伟",
    "王芳",
    "李娜",
    "刘洋",
    "陈静",
    "杨帆",
    "赵磊",
    "黄敏",
    "周杰",
    "吴昊",
    "𠀀",
    "Zoe",
    "adam",
]


def main() -> None:
    out: dict[str, object] = {}
    for name in ("zh_CN", "zh_TW", "zh_HK", "en_US", "en_GB"):
        locale = QLocale(name)
        collator = QCollator(locale)
        out[f"sorted {name}"] = sorted(NAMES, key=collator.sortKey)
        out[f"upper {name}"] = locale.toUpper("straße istanbul ǆ")
        zone = QTimeZone(b"Asia/Shanghai")
        when = QDateTime.fromSecsSinceEpoch(1_780_000_000, zone)
        out[f"zone {name}"] = [
            zone.displayName(when, QTimeZone.NameType.LongName, locale),
            zone.displayName(when, QTimeZone.NameType.ShortName, locale),
        ]
    for codec in ("GB18030", "GBK", "GB2312", "Big5", "windows-1252"):
        # PySide6 cannot run a codec, but opening one loads its ICU table (or fails)
        encoder, decoder = QStringEncoder(codec), QStringDecoder(codec)
        out[codec] = [encoder.isValid(), decoder.isValid(), encoder.name(), decoder.name()]
    print(json.dumps(out, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
