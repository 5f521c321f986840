"""双报到 and volunteer service on a real station: roster, sign-in rules, approval, corrections,
wishes, the report, and the VOLUNTEER certificate fed from the approved records."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from stationdesk.services import certificates as certs
from stationdesk.services import volunteering as v
from stationdesk.services.errors import InputError, PermissionDeniedError
from stationdesk.store.models import AuditRecord
from stationdesk.store.models_certs import Certificate
from stationdesk.store.models_volunteer import (
    VolunteerActivity,
    VolunteerCorrection,
    VolunteerMember,
    VolunteerSignIn,
    VolunteerUnit,
    VolunteerWish,
)
from tests.conftest import StationFixture
from tests.helpers.certificates import register
from tests.helpers.ids import idn
from tests.helpers.poppler import needs_poppler, pdf_text
from tests.helpers.rare_names import RARE_NAMES

CHECKS = ("id_checked", "signin_records_checked", "hours_recomputed")
RARE = RARE_NAMES[0].name  # 陈𠈌, Extension B


def bj(day: int, hour: int, minute: int = 0) -> datetime:
    """A March 2026 time on the station's clock, in UTC."""
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def counts(s: StationFixture) -> tuple[int, ...]:
    with s.station.db.read_session() as session:
        models = (
            VolunteerUnit,
            VolunteerMember,
            VolunteerActivity,
            VolunteerSignIn,
            VolunteerCorrection,
            VolunteerWish,
            AuditRecord,
            Certificate,
        )
        return tuple(int(session.scalar(select(func.count()).select_from(m)) or 0) for m in models)


@pytest.fixture
def desk(station: StationFixture) -> tuple[StationFixture, dict[str, str]]:
    """A unit, a member who is also a resident (a rare name), and another member."""
    st, w = station.station, station.worker
    from stationdesk.services import residents

    residents.add_grid(st, w, "G01", "第一网格")
    rid, number = register(station, name=RARE, seq=7)
    unit = v.add_unit(
        st,
        w,
        v.UnitInput(
            "区税务局",
            "机关",
            party_org="区税务局机关党委",
            contact_name="周联络",
            contact_phone="13812345678",
            agreement_date=date(2025, 1, 10),
            agreement_until=date(2027, 1, 9),
            commitments="每季度一次政策宣讲",
        ),
    )
    member = v.add_member(
        st,
        w,
        v.MemberInput(
            name=RARE,
            id_number=number,
            report_date=date(2025, 3, 1),
            phone="13900001111",
            unit="区税务局",
            branch="第一党支部",
            grid="G01",
            skills=("政策宣讲",),
            emergency_team=True,
        ),
    )
    other = v.add_member(
        st, w, v.MemberInput(name="马二", id_number=idn(31), report_date=date(2025, 4, 1))
    )
    return station, {"resident": rid, "member": member.id, "other": other.id, "unit": unit.id}


def _activity(s: StationFixture, day: int, kind: str = "policy", **kw: object) -> str:
    info = v.add_activity(
        s.station,
        s.worker,
        title=f"3月{day}日活动",
        kind=kind,
        starts_at=bj(day, 9),
        ends_at=bj(day, 11),
        place="社区广场",
        grid="G01",
        **kw,  # type: ignore[arg-type]
    )
    return info.id


def _served(s: StationFixture, activity: str, member: str, start: datetime, end: datetime) -> None:
    v.sign_in(s.station, s.worker, activity, member, at=start, source=v.SignSource.SHEET)
    v.sign_out(s.station, s.worker, activity, member, at=end)


def test_roster_masks_numbers_and_links_never_copies(desk) -> None:
    s, ids = desk
    m = v.show_member(s.station, s.worker, ids["member"])
    assert m.name == RARE and "*" in m.id_masked and m.phone_masked == "139****1111"
    assert m.unit == "区税务局" and m.grid == "G01" and m.emergency_team
    assert v.list_units(s.station, s.worker)[0].members == 1
    assert v.list_units(s.station, s.worker)[0].contact_phone_masked == "138****5678"
    linked = v.link_resident(s.station, s.worker, ids["member"], ids["resident"])
    assert linked.resident_id == ids["resident"] and linked.name == RARE
    before = counts(s)
    with pytest.raises(InputError):  # another person's record
        v.link_resident(s.station, s.worker, ids["other"], ids["resident"])
    with pytest.raises(InputError):  # one person is one member
        v.add_member(
            s.station,
            s.worker,
            v.MemberInput(name="重复", id_number=idn(31), report_date=date(2025, 1, 1)),
        )
    assert counts(s) == before
    with s.station.db.read_session() as session:
        details = " ".join(str(a.details) for a in session.scalars(select(AuditRecord)))
    assert idn(31) not in details and "13900001111" not in details


def test_hours_are_computed_clamped_and_rounded(desk) -> None:
    s, ids = desk
    a = _activity(s, 1)
    # came 20 minutes early, left 1 h 50 min after the start (+ a few minutes): 1.5 h credited
    _served(s, a, ids["member"], bj(1, 8, 40), bj(1, 10, 53))
    # stayed late: clamped to the end, 2 h
    _served(s, a, ids["other"], bj(1, 9, 5), bj(1, 12, 30))
    rows = {r.member_id: r for r in v.show_activity(s.station, s.worker, a).signins}
    assert rows[ids["member"]].minutes == 90 and rows[ids["member"]].hours == Decimal("1.50")
    assert rows[ids["other"]].minutes == 90  # 9:05-11:00 is 1 h 55 min: down to 1.5 h


def test_bad_sign_ins_are_refused_and_write_nothing(desk) -> None:
    s, ids = desk
    a = _activity(s, 1)
    v.sign_in(s.station, s.worker, a, ids["member"], at=bj(1, 9))
    before = counts(s)
    bad = [
        lambda: v.add_activity(
            s.station, s.worker, title="倒挂", kind="care", starts_at=bj(1, 11), ends_at=bj(1, 9)
        ),
        lambda: v.sign_in(s.station, s.worker, a, ids["member"], at=bj(1, 9, 5)),  # twice
        lambda: v.sign_in(s.station, s.worker, a, ids["other"], at=bj(1, 11, 30)),  # after end
        lambda: v.sign_in(s.station, s.worker, a, ids["other"], at=bj(1, 3)),  # far too early
        lambda: v.sign_out(s.station, s.worker, a, ids["member"], at=bj(1, 8, 59)),  # before in
        lambda: v.sign_out(s.station, s.worker, a, ids["member"], at=bj(1, 18)),  # outside
        lambda: v.sign_out(s.station, s.worker, a, ids["other"], at=bj(1, 10)),  # never in
        lambda: v.sign_in(s.station, s.worker, "no-such-activity", ids["other"]),
        lambda: v.sign_in(s.station, s.worker, a, "no-such-member"),
    ]
    for attempt in bad:
        with pytest.raises(InputError):
            attempt()
        assert counts(s) == before
    full = _activity(s, 2, capacity=1)
    v.sign_in(s.station, s.worker, full, ids["member"], at=bj(2, 9))
    with pytest.raises(InputError, match="full"):
        v.sign_in(s.station, s.worker, full, ids["other"], at=bj(2, 9))


def test_approval_locks_and_a_correction_is_a_new_audited_entry(desk) -> None:
    s, ids = desk
    a = _activity(s, 1)
    _served(s, a, ids["member"], bj(1, 9), bj(1, 10))
    v.sign_in(s.station, s.worker, a, ids["other"], at=bj(1, 9))
    s.clock.now = bj(1, 12)
    with pytest.raises(PermissionDeniedError):
        v.approve(s.station, s.worker, a)
    with pytest.raises(InputError, match="not signed out"):
        v.approve(s.station, s.head, a)
    v.sign_out(s.station, s.worker, a, ids["other"], at=bj(1, 11))
    approved = v.approve(s.station, s.head, a)
    assert approved.approved_by == "李站长" and approved.approved_at is not None
    before = counts(s)
    with pytest.raises(v.RecordLockedError):
        v.sign_out(s.station, s.worker, a, ids["member"], at=bj(1, 11))
    with pytest.raises(v.RecordLockedError):
        v.sign_in(s.station, s.worker, a, ids["member"], at=bj(1, 9))
    with pytest.raises(PermissionDeniedError):
        v.correct(
            s.station,
            s.worker,
            a,
            ids["member"],
            signed_in_at=bj(1, 9),
            signed_out_at=bj(1, 11),
            reason="漏记",
        )
    assert counts(s) == before
    assert v.member_hours(s.station, s.worker, ids["member"]).minutes == 60
    fixed = v.correct(
        s.station,
        s.head,
        a,
        ids["member"],
        signed_in_at=bj(1, 9),
        signed_out_at=bj(1, 11),
        reason="签退时间登记有误",
    )
    row = next(r for r in fixed.signins if r.member_id == ids["member"])
    assert row.corrected and row.minutes == 120
    assert v.member_hours(s.station, s.worker, ids["member"]).minutes == 120
    with s.station.db.read_session() as session:
        signin = session.scalars(
            select(VolunteerSignIn).where(VolunteerSignIn.member_id == ids["member"])
        ).one()
        assert signin.minutes == 60  # the approved record itself is never edited
        audit = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "volunteer_activity.correct")
        ).one()
        assert audit.actor == s.head.username and audit.entity_id == a
        assert audit.details["minutes"] == 120 and audit.details["reason"] == "签退时间登记有误"


def test_the_certificate_takes_its_hours_from_approved_records_only(desk) -> None:
    s, ids = desk
    v.link_resident(s.station, s.worker, ids["member"], ids["resident"])
    first, second, pending = _activity(s, 1), _activity(s, 3, kind="care"), _activity(s, 5)
    _served(s, first, ids["member"], bj(1, 9), bj(1, 11))  # 2 h
    _served(s, second, ids["member"], bj(3, 9, 10), bj(3, 10, 45))  # 1.5 h (down from 1 h 35)
    _served(s, pending, ids["member"], bj(5, 9), bj(5, 11))  # not approved: does not count
    s.clock.now = bj(6, 9)
    before = counts(s)
    request = certs.IssueRequest("VOLUNTEER", ids["resident"], "评优评先", {}, CHECKS)
    with pytest.raises(certs.NoApprovedRecordsError):
        certs.issue_certificate(s.station, s.worker, request)
    assert counts(s) == before
    v.approve(s.station, s.head, first)
    v.approve(s.station, s.head, second)
    hours = v.member_hours(s.station, s.worker, ids["member"], with_records=True)
    assert hours.minutes == 210 and hours.by_kind == {"政策宣讲": 120, "助老助残": 90}
    assert [r.activity_id for r in hours.records] == [first, second]

    typed = certs.IssueRequest("VOLUNTEER", ids["resident"], "评优评先", {"hours": "100"}, CHECKS)
    before = counts(s)
    with pytest.raises(InputError, match="never typed") as err:
        certs.issue_certificate(s.station, s.worker, typed)
    assert err.value.field == "hours" and "不能手工填写" in err.value.zh
    assert counts(s) == before

    form = certs.prepare_issue(s.station, s.worker, "VOLUNTEER", ids["resident"])
    assert form.values["hours"] == "3.5" and {"hours", "activities"} <= form.locked
    issued = certs.issue_certificate(s.station, s.worker, request)
    with s.station.db.read_session() as session:
        cert = session.scalars(select(Certificate).where(Certificate.id == issued.id)).one()
        assert cert.fields["hours"] == "3.5"  # = 2 h + 1.5 h, the approved records
        assert cert.fields["activities"] == "政策宣讲、助老助残"
        assert (cert.fields["period_start"], cert.fields["period_end"]) == (
            "2026-03-01",
            "2026-03-03",
        )
        assert cert.fields["record_source"] == "本社区志愿服务签到记录"
        assert "累计志愿服务时长3.5小时" in cert.body
    # a period holding only the unapproved activity is refused
    window = certs.IssueRequest(
        "VOLUNTEER",
        ids["resident"],
        "评优评先",
        {"period_start": "2026-03-04", "period_end": "2026-03-06"},
        CHECKS,
    )
    with pytest.raises(certs.NoApprovedRecordsError):
        certs.issue_certificate(s.station, s.worker, window)
    only_first = certs.IssueRequest(
        "VOLUNTEER",
        ids["resident"],
        "评优评先",
        {"period_start": "2026-03-01", "period_end": "2026-03-02"},
        CHECKS,
    )
    again = certs.issue_certificate(s.station, s.worker, only_first)
    with s.station.db.read_session() as session:
        cert = session.scalars(select(Certificate).where(Certificate.id == again.id)).one()
        assert cert.fields["hours"] == "2" and cert.fields["activities"] == "政策宣讲"


@needs_poppler
def test_the_certificate_prints_its_records_on_an_annex(desk, tmp_path: Path) -> None:
    s, ids = desk
    v.link_resident(s.station, s.worker, ids["member"], ids["resident"])
    first, second = _activity(s, 1), _activity(s, 3, kind="care")
    _served(s, first, ids["member"], bj(1, 9), bj(1, 11))
    _served(s, second, ids["member"], bj(3, 9), bj(3, 10))
    s.clock.now = bj(6, 9)
    for a in (first, second):
        v.approve(s.station, s.head, a)
    form = certs.prepare_issue(s.station, s.worker, "VOLUNTEER", ids["resident"])
    assert "service_records" in form.locked
    assert form.values["service_records"].splitlines() == [
        "2026-03-01　政策宣讲　3月1日活动　2小时",
        "2026-03-03　助老助残　3月3日活动　1小时",
    ]
    typed = {"service_records": "2026-03-09　政策宣讲　编造的活动　8小时"}
    with pytest.raises(InputError, match="never typed"):
        certs.issue_certificate(
            s.station,
            s.worker,
            certs.IssueRequest("VOLUNTEER", ids["resident"], "评优评先", typed, CHECKS),
        )
    issued = certs.issue_certificate(
        s.station,
        s.worker,
        certs.IssueRequest("VOLUNTEER", ids["resident"], "评优评先", {}, CHECKS),
    )
    out = tmp_path / "volunteer.pdf"
    out.write_bytes(issued.pdf)
    text = pdf_text(out)
    assert "服务记录明细共2条，见附页。" in text and "附：服务记录明细" in text
    assert "2026-03-03助老助残3月3日活动1小时" in text and "第2页共2页" in text
    assert text.count(issued.display_number) >= 2  # the annex carries the number
    reprint = tmp_path / "reprint.pdf"
    reprint.write_bytes(certs.render_issued(s.station, s.head, issued.number))
    assert pdf_text(reprint) == text  # a reprint prints the same records, not today's


@needs_poppler
def test_the_party_report_comes_from_the_roster_and_the_records(desk, tmp_path: Path) -> None:
    s, ids = desk
    party_checks = ("id_checked", "roster_checked", "service_records_checked")

    def request(values: dict[str, str] | None = None, who: str | None = None) -> certs.IssueRequest:
        return certs.IssueRequest(
            "PARTY_REPORT", who or ids["resident"], "单位年度考核", values or {}, party_checks
        )

    stranger, _ = register(s, name="路人甲", seq=41)
    v.link_resident(s.station, s.worker, ids["member"], ids["resident"])
    before = counts(s)
    with pytest.raises(certs.NotOnRosterError):
        certs.issue_certificate(s.station, s.worker, request(who=stranger))
    with pytest.raises(certs.NoApprovedRecordsError):
        certs.issue_certificate(s.station, s.worker, request())
    assert counts(s) == before
    days = {_activity(s, 1): 1, _activity(s, 2): 2, _activity(s, 3, kind="care"): 3}
    pending = _activity(s, 4)
    for a, day in [*days.items(), (pending, 4)]:
        _served(s, a, ids["member"], bj(day, 9), bj(day, 10))
    s.clock.now = bj(6, 9)
    for a in days:
        v.approve(s.station, s.head, a)
    before = counts(s)
    with pytest.raises(InputError, match="never typed") as err:
        certs.issue_certificate(s.station, s.worker, request({"employer": "别的单位"}))
    assert err.value.field == "employer" and counts(s) == before
    issued = certs.issue_certificate(s.station, s.worker, request())
    with s.station.db.read_session() as session:
        cert = session.scalars(select(Certificate).where(Certificate.id == issued.id)).one()
        f = cert.fields
    assert (f["employer"], f["party_branch"], f["report_date"]) == (
        "区税务局",
        "第一党支部",
        "2025-03-01",
    )
    assert f["services"] == "政策宣讲2次、助老助残1次"  # the unapproved one does not count
    assert f["service_count"] == "3" and len(f["service_records"].splitlines()) == 3
    assert "累计参加社区服务3次" in cert.body and "工作单位为区税务局" in cert.body
    out = tmp_path / "party.pdf"
    out.write_bytes(issued.pdf)
    text = pdf_text(out)
    assert RARE in text and "附：服务记录明细" in text and "政策宣讲2次、助老助残1次" in text


def test_wishes_are_claimed_fulfilled_confirmed_and_flagged_overdue(desk) -> None:
    s, ids = desk
    today = date(2026, 3, 2)
    wish = v.add_wish(
        s.station,
        s.worker,
        ids["resident"],
        "帮独居老人更换灯泡",
        deadline=today,
        category="助老助残",
    )
    assert (wish.status_zh, wish.overdue) == ("待认领", False)
    before = counts(s)
    with pytest.raises(InputError):
        v.fulfil_wish(s.station, s.worker, wish.id, "已更换")  # not claimed yet
    with pytest.raises(InputError):
        v.add_wish(s.station, s.worker, ids["resident"], "过期", deadline=date(2026, 3, 1))
    assert counts(s) == before
    s.clock.advance(days=1)
    assert [w.id for w in v.list_wishes(s.station, s.worker, overdue=True)] == [wish.id]
    v.claim_wish(s.station, s.worker, wish.id, ids["member"])
    done = v.fulfil_wish(s.station, s.worker, wish.id, "已上门更换灯泡")
    assert done.status_zh == "已完成" and not done.overdue and done.member == RARE
    with pytest.raises(InputError):
        v.confirm_wish(s.station, s.worker, wish.id, "还行")
    ok = v.confirm_wish(s.station, s.worker, wish.id, "满意")
    assert (ok.status_zh, ok.grade) == ("已确认", "满意")


def test_report_per_unit_member_and_grid(desk, tmp_path: Path) -> None:
    s, ids = desk
    a, b = _activity(s, 1), _activity(s, 3, kind="environment")
    _served(s, a, ids["member"], bj(1, 9), bj(1, 11))
    _served(s, a, ids["other"], bj(1, 9), bj(1, 10))
    _served(s, b, ids["member"], bj(3, 9), bj(3, 11))
    s.clock.now = bj(4, 9)
    v.approve(s.station, s.head, a)  # b stays unapproved
    wish = v.add_wish(s.station, s.worker, ids["resident"], "修水龙头", deadline=date(2026, 3, 9))
    v.claim_wish(s.station, s.worker, wish.id, ids["member"])
    v.fulfil_wish(s.station, s.worker, wish.id, "已修好")
    report = v.volunteer_report(s.station, s.worker, start=date(2026, 3, 1), end=date(2026, 3, 31))
    units = {r.name: r for r in report.units}
    assert units["区税务局"].members == 1 and units["区税务局"].hours == Decimal("2.00")
    assert units["区税务局"].wishes_fulfilled == 1 and units["未填写单位"].hours == Decimal("1.00")
    members = {r.name: r for r in report.members}
    assert members[RARE].by_kind == {"政策宣讲": Decimal("2.00")}
    grids = {r.name: r for r in report.grids}
    assert grids["G01"].activities == 1 and grids["G01"].hours == Decimal("3.00")
    out = v.export_report_xlsx(report, tmp_path / "r.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(out)
    assert book.sheetnames == ["按单位", "按党员", "按网格"]
    cells = [c.value for row in book["按党员"].iter_rows() for c in row]
    assert RARE in cells and idn(31) not in [str(c) for c in cells]
    empty = v.volunteer_report(s.station, s.worker, start=date(2026, 4, 1), end=date(2026, 4, 30))
    assert all(r.hours == 0 for r in empty.members)
    with pytest.raises(InputError):
        v.volunteer_report(s.station, s.worker, start=date(2026, 4, 2), end=date(2026, 4, 1))


def test_edit_keeps_the_number_and_a_reveal_is_audited(desk) -> None:
    s, ids = desk
    st, w = s.station, s.worker
    v.edit_unit(
        st,
        w,
        ids["unit"],
        v.UnitInput("区税务局", "机关", contact_name="钱联络", contact_phone=None),
    )
    unit = v.list_units(st, w)[0]
    assert unit.contact_name == "钱联络" and unit.contact_phone_masked == "138****5678"
    assert unit.agreement_date is None  # the agreement is as given, here none
    edited = v.edit_member(
        st, w, ids["other"], v.MemberInput(name="马二", id_number="", report_date=date(2025, 4, 2),
                                           phone=None, emergency_team=True),
    )  # fmt: skip
    assert edited.emergency_team and edited.report_date == date(2025, 4, 2)
    with pytest.raises(InputError):
        v.reveal_member(st, w, ids["other"], " ")
    shown = v.reveal_member(st, w, ids["other"], "核对身份")
    assert shown.id_number == idn(31) and shown.phone is None
    with st.db.read_session() as session:
        actions = [a.action for a in session.scalars(select(AuditRecord))]
    assert {"volunteer_unit.edit", "volunteer_member.edit", "volunteer_member.reveal"} <= set(
        actions
    )
    assert idn(31) not in str(actions)
