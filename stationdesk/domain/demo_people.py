"""Realistic fake people for demo stations: surname frequencies, given names, real region codes."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from stationdesk.domain.identity import check_char

# The most common surnames with their approximate share of the population (per mille).
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 71),
    ("李", 70),
    ("张", 67),
    ("刘", 54),
    ("陈", 45),
    ("杨", 31),
    ("黄", 21),
    ("赵", 20),
    ("吴", 19),
    ("周", 18),
    ("徐", 15),
    ("孙", 14),
    ("马", 13),
    ("朱", 12),
    ("胡", 12),
    ("郭", 11),
    ("何", 10),
    ("林", 9.5),
    ("罗", 9),
    ("高", 9),
    ("郑", 8),
    ("梁", 8),
    ("谢", 7),
    ("宋", 6.5),
    ("唐", 6),
    ("许", 6),
    ("韩", 5.5),
    ("冯", 5.5),
    ("邓", 5.5),
    ("曹", 5.5),
    ("彭", 5),
    ("曾", 5),
    ("肖", 5),
    ("田", 4.5),
    ("董", 4.5),
    ("袁", 4.5),
    ("潘", 4.5),
    ("于", 4.5),
    ("蒋", 4.5),
    ("蔡", 4.5),
    ("余", 4),
    ("杜", 4),
    ("叶", 4),
    ("程", 4),
    ("苏", 4),
    ("魏", 4),
    ("吕", 4),
    ("丁", 4),
    ("任", 3.5),
    ("沈", 3.5),
    ("姚", 3.5),
    ("卢", 3.5),
    ("姜", 3.5),
    ("崔", 3.5),
    ("钟", 3.5),
    ("谭", 3),
    ("陆", 3),
    ("汪", 3),
    ("范", 3),
    ("金", 3),
    ("石", 3),
    ("廖", 3),
    ("贾", 3),
    ("夏", 3),
    ("韦", 3),
    ("付", 2.5),
    ("方", 2.5),
    ("白", 2.5),
    ("邹", 2.5),
    ("孟", 2.5),
    ("熊", 2.5),
    ("秦", 2.5),
    ("邱", 2.5),
    ("江", 2.5),
    ("尹", 2.5),
    ("薛", 2),
    ("闫", 2),
    ("段", 2),
    ("雷", 2),
    ("侯", 2),
    ("龙", 2),
    ("史", 2),
    ("陶", 2),
    ("黎", 2),
    ("贺", 2),
    ("顾", 2),
    ("毛", 2),
    ("郝", 2),
    ("龚", 2),
    ("邵", 2),
    ("万", 2),
    ("钱", 2),
    ("严", 1.5),
    ("覃", 1.5),
    ("武", 1.5),
    ("戴", 1.5),
    ("莫", 1.5),
    ("孔", 1.5),
    ("向", 1.5),
    ("汤", 1.5),
    ("欧阳", 0.5),
    ("司马", 0.1),
    ("单", 0.5),
    ("上官", 0.1),
)
GIVEN_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华红梅鑫波斌宇浩凯"
    "婷雪琳晨欣怡子涵梓轩浩然一诺雨桐思远嘉怡俊杰志强海燕丹晓东国庆建国淑珍春梅玉珍秀珍"
    "文博佳琪欣悦宇航晓明立新永刚金凤凤英德华红霞瑞雅宁静天佑安然家乐"
)
# Real GB/T 2260 region codes; the first ones are the home district and weigh most.
REGIONS: tuple[str, ...] = (
    "210202",
    "210203",
    "210204",
    "210211",
    "210212",
    "210213",
    "210281",
    "210282",
    "210102",
    "210103",
    "210104",
    "210302",
    "220102",
    "230102",
    "370202",
    "370102",
    "130102",
    "110105",
    "110108",
    "310104",
    "320102",
    "330106",
    "410105",
    "420106",
    "440106",
    "510104",
    "610113",
    "120101",
    "150102",
    "140105",
)
ETHNIC = (("汉族", 90), ("满族", 6), ("回族", 1.5), ("蒙古族", 1), ("朝鲜族", 1), ("壮族", 0.5))
TAGS = (
    ("党员", 8),
    ("独居老人", 3),
    ("残疾人", 2),
    ("低保", 2),
    ("退役军人", 2),
    ("新就业群体", 3),
    ("高龄老人", 2),
)


@dataclass(frozen=True)
class FakePerson:
    """One generated person."""

    name: str
    id_number: str
    sex: str
    birth_date: date
    phone: str | None
    ethnicity: str
    tags: tuple[str, ...]


class PeopleFactory:
    """Makes unique, valid, plausibly distributed people from a seed."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.used: set[str] = set()
        names, weights = zip(*SURNAMES, strict=True)
        self._surnames = list(names)
        self._surname_cum = _cumulative(weights)
        eth, ew = zip(*ETHNIC, strict=True)
        self._eth = list(eth)
        self._eth_cum = _cumulative(ew)
        region_weights = [40.0 if i < 8 else 1.0 for i in range(len(REGIONS))]
        self._region_cum = _cumulative(region_weights)

    def name(self, surname: str | None = None) -> str:
        rng = self.rng
        surname = surname or rng.choices(self._surnames, cum_weights=self._surname_cum)[0]
        size = 1 if rng.random() < 0.3 else 2
        return surname + "".join(rng.choice(GIVEN_CHARS) for _ in range(size))

    def birth_date(self, min_age: int = 0, max_age: int = 95) -> date:
        days = self.rng.randint(min_age * 365, max_age * 365)
        return self.today - timedelta(days=days + 1)

    def person(self, *, surname: str | None = None, birth: date | None = None) -> FakePerson:
        rng = self.rng
        birth = birth or self.birth_date()
        while True:
            region = rng.choices(REGIONS, cum_weights=self._region_cum)[0]
            first17 = f"{region}{birth:%Y%m%d}{rng.randint(0, 999):03d}"
            number = first17 + check_char(first17)
            if number not in self.used:
                self.used.add(number)
                break
        sex = "M" if int(number[16]) % 2 else "F"
        age = (self.today - birth).days // 365
        phone = None
        if age >= 14 and rng.random() < 0.85:
            phone = f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"
        tags = tuple(
            t
            for t, pct in TAGS
            if rng.random() * 100 < pct and (t not in ("独居老人", "高龄老人") or age >= 70)
        )
        return FakePerson(
            name=self.name(surname),
            id_number=number,
            sex=sex,
            birth_date=birth,
            phone=phone,
            ethnicity=rng.choices(self._eth, cum_weights=self._eth_cum)[0],
            tags=tags,
        )

    def household(self) -> list[tuple[FakePerson, str]]:
        """A household: a head and usually a spouse, children, sometimes a parent."""
        rng = self.rng
        head = self.person(birth=self.birth_date(22, 85))
        members = [(head, "户主")]
        head_age = (self.today - head.birth_date).days // 365
        if rng.random() < 0.7:
            members.append(
                (
                    self.person(
                        birth=self.birth_date(max(20, head_age - 8), min(90, head_age + 8))
                    ),
                    "配偶",
                )
            )
        if 22 <= head_age <= 65:
            for _ in range(rng.choices((0, 1, 2, 3), (25, 45, 25, 5))[0]):
                child_age = rng.randint(0, max(0, head_age - 20))
                members.append(
                    (
                        self.person(
                            surname=_surname(head.name), birth=self.birth_date(child_age, child_age)
                        ),
                        "子女",
                    )
                )
        if head_age < 55 and rng.random() < 0.15:
            members.append((self.person(birth=self.birth_date(head_age + 22, 95)), "父母"))
        return members


def _surname(name: str) -> str:
    for compound in ("欧阳", "司马", "上官"):
        if name.startswith(compound):
            return compound
    return name[0]


def _cumulative(weights: tuple[float, ...] | list[float]) -> list[float]:
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out
