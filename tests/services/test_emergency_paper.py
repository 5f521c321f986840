"""Emergency paper: the call sheets (per responder, per grid; phones in full, rare names
intact, a QR code per row, the printing audited) and the after-action report."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import select

from stationdesk.domain.emergency import CheckStatus
from stationdesk.services import emergency, residents
from stationdesk.services.errors import InputError, PermissionDeniedError
from stationdesk.store.models import AuditRecord
from tests.conftest import StationFixture
from tests.helpers.ids import idn
from tests.helpers.poppler import needs_poppler, pdf_text
from tests.helpers.rare_names import RARE_NAMES

pytestmark = needs_poppler

PHONE = "13812345678"
SPOUSE_PHONE = "13900001111"


@pytest.fixture
def desk(station: StationFixture) -> tuple[StationFixture, dict[str, str]]:
    """Two grids; a rare-named resident living alone, a couple, someone not vulnerable."""
    st, head = station.station, station.head
    residents.add_grid(st, head, "G01", "第一网格")
    residents.add_grid(st, head, "G02", "第二网格")
    residents.add_building(st, head, "1栋", "G01")
    residents.add_building(st, head, "9栋", "G02")
    people = (
        ("rare", RARE_NAMES[0].name, "1栋", "101", ("独居老人",), (PHONE,), "轮椅"),
        ("poor", "王低保", "9栋", "201", ("低保",), (), "需吸氧"),
        ("member", "孙党员", "1栋", "102", ("党员",), ("13700002222",), None),
    )
    ids: dict[str, str] = {}
    for n, (key, name, building, room, tags, phones, note) in enumerate(people):
        card = residents.register_resident(
            st,
            head,
            residents.ResidentInput(
                name=name,
                id_number=idn(600 + n),
                phones=phones,
                building=building,
                room=room,
                tags=tags,
                note=note,
            ),
        )
        ids[key] = card.row.id
    return station, ids


def test_call_sheets_per_responder_and_per_grid(desk, tmp_path) -> None:
    station, ids = desk
    st, head, worker = station.station, station.head, station.worker
    emergency.start_event(st, head, "typhoon", "台风“摩羯”", level=2)
    emergency.add_responder(st, head, worker="wangfang", grid="G01")
    emergency.assign(st, worker)
    emergency.check(st, worker, ids["poor"], "unreachable", note="敲门无人应")

    files = emergency.call_sheets(st, worker, tmp_path / "sheets")

    assert files.residents == 2
    assert [p.name for p in files.by_grid] == ["网格-G01.pdf", "网格-G02.pdf"]
    # nobody covers G02, so its resident went to the one responder as well
    assert [p.name for p in files.by_responder] == ["责任人-王芳.pdf"]
    assert "王低保" in pdf_text(files.by_responder[0])
    g01 = pdf_text(files.by_grid[0])
    assert RARE_NAMES[0].name in g01  # the Extension B character comes back as itself
    assert PHONE in g01  # printed in full: the sheet is the one place phones are
    assert "1栋101室" in g01 and "轮椅" in g01 and "网格：G01第一网格" in g01
    for label in ("已联系·安全", "需要帮助", "已转移安置", "联系不上"):
        assert label in g01
    assert "孙党员" not in g01  # not vulnerable, not listed
    g02 = pdf_text(files.by_grid[1])
    assert "王低保" in g02 and "需吸氧" in g02 and "敲门无人应" in g02
    assert "打印时：联系不上" in g02
    assert "台风「台风“摩羯”」" in g02 or "摩羯" in g02
    assert RARE_NAMES[0].name not in g02
    audit = [
        r for r in _audit(station) if r.action == "emergency_event.sheets"
    ]  # the print of full phones is on the record
    assert len(audit) == 1 and audit[0].details["residents"] == 2


def test_call_sheet_rows_carry_a_qr_image_each(desk, tmp_path) -> None:
    station, _ids = desk
    st, head, worker = station.station, station.head, station.worker
    emergency.start_event(st, head, "rainstorm", "暴雨")
    files = emergency.call_sheets(st, worker, tmp_path)
    assert [p.name for p in files.by_responder] == ["责任人-未分配.pdf"]  # nobody assigned
    files = emergency.call_sheets(st, worker, tmp_path)
    png = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", str(files.by_grid[0]), str(png)],
        check=True,
    )
    assert (tmp_path / "page.png").stat().st_size > 1000


def test_sheets_need_an_open_event_and_a_role_that_sees_phones(desk, tmp_path) -> None:
    station, _ids = desk
    with pytest.raises(InputError):
        emergency.call_sheets(station.station, station.worker, tmp_path / "none")
    assert not (tmp_path / "none").exists()
    emergency.start_event(station.station, station.head, "typhoon", "台风")
    with pytest.raises(PermissionDeniedError):
        emergency.call_sheets(station.station, station.admin, tmp_path / "admin")
    assert not (tmp_path / "admin").exists()


def test_after_action_report(desk, tmp_path) -> None:
    station, ids = desk
    st, head, worker, clock = station.station, station.head, station.worker, station.clock
    emergency.start_event(st, head, "typhoon", "台风“摩羯”", level=2)
    emergency.add_responder(st, head, worker="wangfang", grid="G01")
    emergency.add_responder(st, head, name="志愿者小李")
    extra = residents.register_resident(
        st,
        head,
        residents.ResidentInput(name="周租户", id_number=idn(690), building="9栋", room="202"),
    )
    for rid in (ids["member"], extra.row.id):  # two additions in one minute: one line
        emergency.add_to_event(st, worker, rid)
    emergency.assign(st, worker)
    clock.advance(minutes=40)
    emergency.check(st, worker, ids["rare"], CheckStatus.SAFE)
    clock.advance(hours=1)
    row = emergency.check(st, worker, ids["poor"], "need-help", note="屋顶漏水需转移")
    clock.advance(hours=1)
    emergency.stop_event(st, head, "全员核查完毕，一人转移。")

    path = emergency.write_report(st, worker, tmp_path / "report.pdf")

    text = pdf_text(path)
    for expected in (
        "应急处置总结报告",
        "台风「台风“摩羯”」",
        "Ⅱ级",
        "全员核查完毕，一人转移。",
        "启动应急状态，名单2人",
        "名单补录2人",
        "结束应急状态",
        "王低保需要帮助",
        "屋顶漏水需转移",
        row.case_number,
        "逐小时覆盖情况",
        "志愿者小李",
        "9栋201室",
    ):
        assert expected.replace(" ", "") in text, expected
    assert PHONE not in text  # the report has no phones
    doc = emergency.report_document(st, worker)
    # 09:30 start, 10:10 safe, 11:10 needs help, 12:10 stop (station time)
    assert [h.reached for h in doc.hours] == [0, 1, 2, 2]
    assert doc.hours[0].total == 4
    assert sum("名单补录" in what for _at, what in doc.timeline) == 1
    assert [h.checks for h in doc.hours] == [0, 1, 1, 0]
    assert doc.hours[0].hour.startswith("03-02 09:00")
    by_name = {r.name: r for r in doc.responders}
    assert sum(r.assigned for r in doc.responders) == 4
    assert sum(r.checks for r in by_name.values()) == 2


def _audit(station: StationFixture) -> list[AuditRecord]:
    with station.station.db.read_session() as s:
        return list(s.scalars(select(AuditRecord).order_by(AuditRecord.seq)))


def test_the_start_time_may_be_set_back_but_not_forward(desk) -> None:
    from datetime import timedelta

    station, _ids = desk
    st, head, now = station.station, station.head, station.clock.now
    with pytest.raises(InputError, match="future"):
        emergency.start_event(st, head, "typhoon", "台风", started_at=now + timedelta(hours=1))
    with pytest.raises(InputError, match="3 days"):
        emergency.start_event(st, head, "typhoon", "台风", started_at=now - timedelta(days=4))
    assert emergency.current_event(st, head) is None  # nothing written on refusal
    began = now - timedelta(minutes=45)
    info = emergency.start_event(st, head, "typhoon", "台风", started_at=began)
    assert info.started_at.replace(tzinfo=None) == began.replace(tzinfo=None)
