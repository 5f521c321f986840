"""Real names with rare characters (生僻字) from the CJK extensions, for the GB 18030-2022 tests."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RareName:
    """A name, the reading a worker types when pypinyin has none, and the pinyin it is found by."""

    name: str
    typed_reading: str | None
    pinyin: str
    initials: str

    @property
    def rare(self) -> str:
        """The name's one rare character (its last)."""
        return self.name[-1]


RARE_NAMES = (
    RareName("陈𠈌", "Chén Yǎn", "chenyan", "cy"),  # Extension B, no reading in pypinyin
    RareName("欧阳𬌗", None, "ouyanghe", "oyh"),  # Extension E, compound surname
    RareName("刘䶮", None, "liuyan", "ly"),  # Extension A
    RareName("王𬱖", None, "wangdi", "wd"),  # Extension E
    RareName("李𫖯", None, "lifu", "lf"),  # Extension C
    RareName("张𰻞", None, "zhangbiang", "zb"),  # Extension G
)
"""Each name's last character is outside the basic CJK block; all but 刘䶮 lie outside the BMP."""
