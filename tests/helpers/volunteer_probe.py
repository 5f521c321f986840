"""Volunteer-service data for the screen probe: units, members, an activity with sign-ins (one
approved), and a wish wall with an overdue wish, so the 志愿服务 page is seen full."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stationdesk.services.actor import Actor
    from stationdesk.services.station import Station

UNITS = (
    ("大连市西岗区税务局", "机关", "区税务局机关党委", "每季度开展一次政策宣讲，认领微心愿10件"),
    ("星海湾建设集团有限公司", "企业", "集团党委第三党支部", "提供应急物资，组建志愿服务队"),
    ("西岗区实验小学", "学校", "学校党支部", "开放操场，周末开展课业辅导"),
)
NAMES = ("赵建国", "钱秀英", "孙志强", "李桂兰", "周海燕", "吴晓东", "郑丽娟", "冯国栋")


def fill(station: Station, actor: Actor, resident_ids: list[str]) -> None:
    """Add the probe's volunteer records (the desk's real clock: an activity this morning)."""
    from stationdesk.domain.station_time import station_local, station_today
    from stationdesk.services import volunteering as vol
    from tests.helpers.ids import serial_idn

    now = station.now()
    today = station_today(now)
    for name, kind, org, commitments in UNITS:
        vol.add_unit(
            station,
            actor,
            vol.UnitInput(
                name, kind, party_org=org, contact_name="王联络", contact_phone="13812345678",
                agreement_date=date(today.year - 1, 3, 1),
                agreement_until=date(today.year + 1, 2, 28), commitments=commitments,
            ),
        )  # fmt: skip
    first = UNITS[0][0]  # its 结对共建 projects, one in each state but the last
    for title, source, status in (
        ("高龄津贴政策宣讲进楼栋", "项目清单", "计划中"),
        ("认领困难家庭微心愿", "需求清单", "进行中"),
        ("开放机关食堂助老餐", "资源清单", "已完成"),
    ):
        vol.add_project(station, actor, first, title=title, source=source, status=status)
    members = []
    for n, name in enumerate(NAMES):
        info = vol.add_member(
            station,
            actor,
            vol.MemberInput(
                name=name, id_number=serial_idn(5000 + n), report_date=date(today.year, 1, 5),
                phone=f"1390000{n:04d}", unit=UNITS[n % 3][0], branch="第一党支部",
                skills=("急救", "政策宣讲")[: 1 + n % 2], emergency_team=n % 3 == 0,
            ),
        )  # fmt: skip
        members.append(info.id)
    local = station_local(now)
    start = local.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    done = vol.add_activity(
        station, actor, title="消防安全知识进楼栋", kind="safety",
        starts_at=start - timedelta(days=1), ends_at=start - timedelta(days=1, hours=-2),
        place="社区广场", organiser="社区党委",
    )  # fmt: skip
    for member in members[:5]:
        vol.sign_in(station, actor, done.id, member, at=done.starts_at, source=vol.SignSource.SHEET)
        vol.sign_out(station, actor, done.id, member, at=done.ends_at - timedelta(minutes=20))
    vol.approve(station, actor, done.id)
    live = vol.add_activity(
        station, actor, title="政策宣讲：高龄津贴申领", kind="policy",
        starts_at=start, ends_at=start + timedelta(hours=3), place="党群服务站二楼",
        organiser="区税务局机关党委", capacity=30,
    )  # fmt: skip
    for member in members:
        vol.sign_in(station, actor, live.id, member)
    for member in members[:3]:
        vol.sign_out(station, actor, live.id, member)
    texts = ("帮独居老人更换灯泡", "陪同去医院复查", "修理漏水的水龙头", "辅导孙子数学作业")
    for n, (rid, text) in enumerate(zip(resident_ids, texts, strict=False)):
        wish = vol.add_wish(station, actor, rid, text, deadline=today + timedelta(days=n))
        if n >= 1:
            vol.claim_wish(station, actor, wish.id, members[n])
        if n >= 2:
            vol.fulfil_wish(station, actor, wish.id, "已上门处理完毕")
        if n >= 3:
            vol.confirm_wish(station, actor, wish.id, "满意")
