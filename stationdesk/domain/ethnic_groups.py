"""The ethnic groups of GB/T 3304 (codes 01–56, 97 other, 98 foreign origin), in code order.

A resident's ``ethnicity`` is stored as the group's Chinese name (``"汉族"``), so records kept
before the full list existed stay valid; an ID card gives the two-digit code, which
``group_by_code`` turns into that name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EthnicGroup:
    """One entry of GB/T 3304: its two-digit code and its Chinese name."""

    code: str
    name: str


_NAMES = (
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
)

#: Every group in code order: the 56 nationalities, then 其他 (97) and 外国血统 (98).
ETHNIC_GROUPS: tuple[EthnicGroup, ...] = (
    *(EthnicGroup(f"{i:02d}", name) for i, name in enumerate(_NAMES, start=1)),
    EthnicGroup("97", "其他"),
    EthnicGroup("98", "外国血统"),
)

#: The names, in code order: the values a resident's ``ethnicity`` may take.
ETHNICITY_NAMES: tuple[str, ...] = tuple(g.name for g in ETHNIC_GROUPS)

_BY_CODE = {g.code: g for g in ETHNIC_GROUPS}


def group_by_code(code: str) -> EthnicGroup | None:
    """The group with this code (``"1"`` and ``"01"`` alike), or None for an unknown code."""
    code = code.strip()
    if code.isdigit() and len(code) <= 2:
        return _BY_CODE.get(code.zfill(2))
    return None
