"""A demo station's sample desk work, made through the real services: cases, certificates,
refusals and visits, so every page shows something on first look (never for a real station)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from stationdesk.domain.cases import CaseAction, SatisfactionGrade
from stationdesk.domain.identity import check_char
from stationdesk.store.models_cases import Case
from stationdesk.store.models_residents import Resident

from . import certificates as certs
from . import residents
from .actor import Actor
from .cases import NewCase, act, open_case, rate
from .errors import InputError
from .station import Station

NEWCOMER = "赵敏"

# A step on a case: (hours after it came in, a CaseAction or a SatisfactionGrade value, the
# note, the department referred to).
Step = tuple[float, str, str | None, str | None]
SOCIAL = "STREET_SOCIAL_SECURITY"
CIVIL = "STREET_CIVIL_AFFAIRS"
PROPERTY = "PROPERTY_COMPANY"

# (days ago it came in, by the head, matter type, summary, note when answered at the desk,
# its steps). Several are past their time limit on purpose (超期); the finished ones are recent,
# so this month's statistics have them on most days of a month.
CASES: tuple[tuple[float, bool, str, str, str | None, tuple[Step, ...]], ...] = (
    (
        2,
        False,
        "POLICY_CONSULTATION",
        "咨询高龄津贴申领条件",
        "已当场解答申领条件和所需材料",
        ((0.1, "VERY_SATISFIED", None, None), (0.2, "close", None, None)),
    ),
    (
        4,
        False,
        "RESIDENT_PENSION_ENROLMENT",
        "办理城乡居民养老保险参保登记",
        None,
        (
            (0.1, "accept", None, None),
            (0.2, "refer", "转街道社保所办理", SOCIAL),
            (5, "ack", "街道社保所已签收", None),
            (24, "reply", "已完成参保登记", None),
            (25, "verify", None, None),
            (26, "resolve", "居民确认已参保", None),
            (48, "SATISFIED", None, None),
            (72, "close", None, None),
        ),
    ),
    (
        2,
        True,
        "FAMILY_DOCTOR_SIGNUP",
        "申请家庭医生签约上门服务",
        None,
        ((0.5, "reject", "请到社区卫生服务中心办理签约", None),),
    ),
    (
        10,
        False,
        "ELEVATOR_FAULT",
        "5栋电梯经常停在半层",
        None,
        ((0.1, "accept", None, None), (0.2, "refer", "请物业尽快检修", PROPERTY)),
    ),
    (
        9,
        False,
        "COMMON_AREA_REPAIR",
        "楼道照明灯损坏",
        None,
        ((0.1, "accept", None, None), (1, "handle", "已联系电工", None)),
    ),
    (
        8,
        False,
        "ELDERLY_ALLOWANCE",
        "申领高龄津贴",
        None,
        (
            (0.1, "accept", None, None),
            (0.2, "refer", "转街道民政办审核", CIVIL),
            (20, "ack", "民政办已签收", None),
        ),
    ),
    (
        1,
        True,
        "POLICY_CONSULTATION",
        "咨询医保异地备案",
        "已讲解备案流程",
        ((0.1, "DISSATISFIED", "希望有书面材料", None),),
    ),
    (
        6,
        False,
        "NEIGHBOUR_DISPUTE",
        "楼上漏水与邻居协商不成",
        None,
        ((0.1, "accept", None, None), (0.5, "pend", "请补充漏水照片", None)),
    ),
    (
        5,
        False,
        "MIN_LIVING_ALLOWANCE",
        "咨询申请最低生活保障",
        None,
        (
            (0.1, "accept", None, None),
            (0.2, "refer", "转街道民政办", CIVIL),
            (30, "ack", None, None),
            (48, "reply", "已受理，入户调查中", None),
        ),
    ),
    (
        4,
        False,
        "WASTE_SORTING_COLLECTION",
        "垃圾分类投放点清运不及时",
        None,
        (
            (0.1, "accept", None, None),
            (0.2, "refer", "请物业协调清运", PROPERTY),
            (6, "return", "不属物业职责，请联系街道环卫", None),
        ),
    ),
    (
        1,
        True,
        "SOCIAL_SECURITY_CARD",
        "社保卡遗失补办",
        None,
        ((0.1, "accept", None, None), (1, "resolve", "已指导线上补办", None)),
    ),
    (0.1, False, "NOISE_NUISANCE", "夜间广场舞噪音扰民", None, ()),
)

# (resident index, purpose); the last one reads the certificate it replaces.
CERTIFICATES = ((0, "办理居住证"), (2, "申请公租房"), (3, "子女入学"))
REFUSALS = ((4, "亲属关系证明", "办理继承"), (5, "无犯罪记录证明", "应聘工作"))
VISITS = (
    (6, "咨询养老保险", 7.5),
    (0, "领取高龄津贴材料", 6),
    (3, "开具居住证明", 4.5),
    (7, "反映楼道照明", 3),
    (1, "咨询医保报销", 1.5),
    (8, "办理居住证咨询", 0.5),
)


@dataclass(frozen=True)
class SampleReport:
    """What the sample desk work added (all zero when the station already had cases)."""

    cases: int
    certificates: int
    refusals: int
    visits: int


@contextmanager
def _at(station: Station, when: datetime) -> Iterator[None]:
    """Run the services as if at ``when`` (the station's clock moved, then restored)."""
    clock = station.clock
    station.clock = lambda: when
    try:
        yield
    finally:
        station.clock = clock


def _adults_with_address(station: Station, n: int) -> list[str]:
    """The ids of the first ``n`` registered adults with an address."""
    born_before = station.now().date().replace(year=station.now().year - 20)
    with station.db.read_session() as s:
        return list(
            s.scalars(
                select(Resident.id)
                .where(Resident.building_id.is_not(None), Resident.deleted_at.is_(None))
                .where(Resident.birth_date < born_before)
                .order_by(Resident.seq)
                .limit(n)
            )
        )


def _has_cases(station: Station) -> bool:
    with station.db.read_session() as s:
        return bool(s.scalar(select(func.count()).select_from(Case)))


def add_sample_work(station: Station, worker: Actor, head: Actor) -> SampleReport:
    """Add the demo's sample work once: on a station that has cases it adds nothing.

    Cases in every state a desk sees (overdue ones, referred, answered by a department as
    entered at the desk, returned, closed and rated, reopened), certificates (one voided and
    reissued), refusal notices and today's visits, at times spread over the last weeks.
    """
    if not station.demo:
        raise InputError(
            "sample work goes only into a demo station", "演示数据只能生成到演示站点中。"
        )
    people = _adults_with_address(station, len(CASES))
    if _has_cases(station) or len(people) < len(CASES):
        return SampleReport(0, 0, 0, 0)
    now = station.now()
    for i, sample in enumerate(CASES):
        _sample_case(station, worker, head, people[i], now, sample)
    _sample_certificates(station, worker, head, people, now)
    for index, item, purpose in REFUSALS:
        with _at(station, now - timedelta(days=index)):
            certs.refuse_certificate(
                station, worker, certs.RefusalRequest(people[index], item, purpose=purpose)
            )
    for index, purpose, hours_ago in VISITS:
        with _at(station, now - timedelta(hours=hours_ago)):
            residents.add_visit(station, worker, people[index], purpose)
    newcomer = _register_newcomer(station, worker)
    with _at(station, now - timedelta(minutes=10)):
        residents.add_visit(station, worker, newcomer, "新迁入登记")
    return SampleReport(len(CASES), len(CERTIFICATES) + 1, len(REFUSALS), len(VISITS) + 1)


def _register_newcomer(station: Station, worker: Actor) -> str:
    """A resident registered at the desk today (赵敏, who moved into 1栋1单元1805室)."""
    first17 = "21020219880312002"
    card = residents.register_resident(
        station,
        worker,
        residents.ResidentInput(
            name=NEWCOMER,
            id_number=first17 + check_char(first17),
            phones=("13940961805",),
            building="1栋",
            unit="1",
            room="1805",
        ),
    )
    return card.row.id


def _sample_case(
    station: Station,
    worker: Actor,
    head: Actor,
    resident_id: str,
    now: datetime,
    sample: tuple[float, bool, str, str, str | None, tuple[Step, ...]],
) -> None:
    days_ago, by_head, type_code, summary, on_the_spot, steps = sample
    actor = head if by_head else worker
    came_in = now - timedelta(days=days_ago)
    card = residents.get_resident(station, actor, resident_id)
    with _at(station, came_in):
        case_id = open_case(
            station,
            actor,
            NewCase(
                type_code=type_code,
                channel="walk-in",
                summary=summary,
                resident_id=resident_id,
                address=card.row.address or None,
                grid=card.row.grid,
                resolve_on_the_spot=on_the_spot,
            ),
        ).case.id
    for hours, what, note, department in steps:
        with _at(station, came_in + timedelta(hours=hours)):
            if what in SatisfactionGrade.__members__.values():
                rate(station, actor, case_id, SatisfactionGrade(what), note=note)
            else:
                act(station, actor, case_id, CaseAction(what), note=note, department=department)


def _sample_certificates(
    station: Station, worker: Actor, head: Actor, people: list[str], now: datetime
) -> None:
    """Residence certificates over the last days; the last one voided by the head and reissued.

    The worker ticks every check the catalog lists for the type, as at the desk.
    """
    ctype = certs.prepare_issue(station, worker, "RESIDENCE", people[0]).type
    checks = tuple(check.key for check in ctype.eligibility)

    def residence(resident_id: str, purpose: str, reissue_of: str | None) -> certs.IssueRequest:
        return certs.IssueRequest(
            type_code=ctype.code,
            resident_id=resident_id,
            purpose=purpose,
            fields={"since_date": "2019-05-01", "housing": "自有住房"},
            checks=checks,
            reissue_of=reissue_of,
        )

    last = None
    for index, purpose in CERTIFICATES:
        with _at(station, now - timedelta(days=6 - index, hours=2)):
            last = certs.issue_certificate(station, worker, residence(people[index], purpose, None))
    assert last is not None
    with _at(station, now - timedelta(days=2)):
        certs.void_certificate(station, head, last.number, "居住起始日期填写有误")
        holder = people[CERTIFICATES[-1][0]]
        certs.issue_certificate(station, worker, residence(holder, "子女入学", last.number))
