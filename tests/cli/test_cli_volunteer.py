"""The volunteer commands as a user runs them: real subprocesses, exit codes, no writes on
refusal, and the VOLUNTEER certificate's hours from the approved records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from stationdesk.store.models import AuditRecord
from stationdesk.store.models_volunteer import (
    VolunteerActivity,
    VolunteerCorrection,
    VolunteerMember,
    VolunteerSignIn,
    VolunteerWish,
    VolunteerWishPhoto,
)
from tests.helpers.cli import Cli, init_station, one_line, opened
from tests.helpers.cups import pdf_text
from tests.helpers.ids import idn
from tests.helpers.rare_names import RARE_NAMES

WANG_PW = "worker-pass-1"
CHIEF_PW = "head-pass-1"
RARE = RARE_NAMES[0].name  # 陈𠈌, Extension B
CHECKS = (
    "--check",
    "id_checked",
    "--check",
    "signin_records_checked",
    "--check",
    "hours_recomputed",
)


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, dict[str, str]]:
    c = init_station(
        tmp_path_factory.mktemp("cli-volunteer"),
        "SY0606",
        "志愿社区",
        (("wang", "worker", WANG_PW, "wang"), ("chief", "head", CHIEF_PW, "chief")),
    )
    assert wang(c, "grid", "add", "G01", "--name", "第一网格").returncode == 0
    assert wang(c, "building", "add", "1栋", "--grid", "G01").returncode == 0
    r = wang(
        c,
        "--json",
        "resident",
        "add",
        "--name",
        RARE,
        "--id-number",
        idn(77),
        "--building",
        "1栋",
        "--room",
        "101",
    )
    assert r.returncode == 0, r.stderr
    ids = {"resident": json.loads(r.stdout)["id"]}
    return c, ids


def wang(c: Cli, *args: str):
    return c(*args, password=WANG_PW, user="wang")


def chief(c: Cli, *args: str):
    return c(*args, password=CHIEF_PW, user="chief")


def ok(result) -> object:
    assert result.returncode == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout) if result.stdout.strip().startswith(("{", "[")) else None


def counts(c: Cli) -> tuple[int, ...]:
    """Members, activities, sign-ins, corrections and volunteer audit records, in-process."""
    with opened(c) as station, station.db.read_session() as s:
        tables = [
            int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (VolunteerMember, VolunteerActivity, VolunteerSignIn, VolunteerCorrection)
        ]
        audited = s.scalar(
            select(func.count())
            .select_from(AuditRecord)
            .where(AuditRecord.action.like("volunteer%"))
        )
        return (*tables, int(audited or 0))


def refused(c: Cli, result, before: tuple[int, ...], code: int = 2) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert counts(c) == before
    return one_line(result.stderr)


def test_a_whole_volunteer_year(cli, tmp_path: Path) -> None:
    c, ids = cli
    ok(
        wang(
            c,
            "unit",
            "add",
            "区税务局",
            "--type",
            "机关",
            "--party-org",
            "机关党委",
            "--agreement-date",
            "2025-01-10",
            "--agreement-until",
            "2027-01-09",
        )
    )
    member = ok(
        wang(
            c,
            "--json",
            "member",
            "add",
            "--name",
            RARE,
            "--id-number",
            idn(77),
            "--report-date",
            "2025-03-01",
            "--unit",
            "区税务局",
            "--grid",
            "G01",
            "--phone",
            "13900001111",
            "--emergency-team",
        )
    )
    assert isinstance(member, dict) and member["name"] == RARE
    assert member["id_masked"] != idn(77) and member["phone_masked"] == "139****1111"
    mid = member["id"]
    linked = ok(wang(c, "--json", "member", "link-resident", mid, ids["resident"]))
    assert isinstance(linked, dict) and linked["resident_id"] == ids["resident"]
    listed = wang(c, "member", "list")
    assert RARE in listed.stdout and idn(77) not in listed.stdout

    first = ok(
        wang(
            c,
            "--json",
            "activity",
            "add",
            "--title",
            "政策宣讲进小区",
            "--kind",
            "政策宣讲",
            "--start",
            "2026-03-01 09:00",
            "--end",
            "2026-03-01 11:00",
            "--grid",
            "G01",
        )
    )
    later = ok(
        wang(
            c,
            "--json",
            "activity",
            "add",
            "--title",
            "环境整治",
            "--kind",
            "environment",
            "--start",
            "2026-03-08 09:00",
            "--end",
            "2026-03-08 11:00",
        )
    )
    assert isinstance(first, dict) and isinstance(later, dict)
    a, b = first["id"], later["id"]

    before = counts(c)
    line = refused(
        c,
        wang(
            c,
            "activity",
            "add",
            "--title",
            "倒挂",
            "--kind",
            "care",
            "--start",
            "2026-03-02 11:00",
            "--end",
            "2026-03-02 09:00",
        ),
        before,
    )
    assert "ends before it starts" in line
    refused(
        c,
        wang(
            c,
            "activity",
            "add",
            "--title",
            "x",
            "--kind",
            "跳舞",
            "--start",
            "2026-03-02 09:00",
            "--end",
            "2026-03-02 11:00",
        ),
        before,
    )
    ok(wang(c, "activity", "signin", a, "--member", mid, "--at", "2026-03-01 08:50", "--sheet"))
    before = counts(c)
    assert "already signed in" in refused(
        c, wang(c, "activity", "signin", a, "--member", mid, "--at", "2026-03-01 09:10"), before
    )
    assert "not after the sign-in" in refused(
        c, wang(c, "activity", "signout", a, "--member", mid, "--at", "2026-03-01 08:40"), before
    )
    assert "too long after" in refused(
        c, wang(c, "activity", "signout", a, "--member", mid, "--at", "2026-03-01 20:00"), before
    )
    refused(c, wang(c, "activity", "signout", a, "--member", mid, "--at", "not-a-time"), before)
    shown = ok(
        wang(c, "--json", "activity", "signout", a, "--member", idn(77), "--at", "2026-03-01 11:20")
    )  # found by ID number too
    assert isinstance(shown, dict) and shown["signins"][0]["minutes"] == 120
    ok(wang(c, "activity", "signin", b, "--member", mid, "--at", "2026-03-08 09:00"))
    ok(wang(c, "activity", "signout", b, "--member", mid, "--at", "2026-03-08 10:00"))

    # a worker may not approve; the head does; then the record is locked
    assert refused(c, wang(c, "activity", "approve", a), counts(c), code=3)
    ok(chief(c, "activity", "approve", a))
    before = counts(c)
    assert "locked" in refused(
        c, wang(c, "activity", "signin", a, "--member", mid, "--at", "2026-03-01 09:00"), before
    )

    # the certificate: typed hours refused, then the hours of the approved records only
    out = tmp_path / "v.pdf"
    base = (
        "cert",
        "issue",
        "--type",
        "VOLUNTEER",
        "--resident",
        ids["resident"],
        "--purpose",
        "评优评先",
        "--out",
        str(out),
        *CHECKS,
    )
    line = refused(c, wang(c, *base, "--field", "hours=100"), before)
    assert "never typed" in line and not out.exists()
    types = ok(wang(c, "--json", "cert", "types"))
    assert isinstance(types, dict)
    volunteer = next(t for t in types["types"] if t["code"] == "VOLUNTEER")
    fed = {f["key"]: f["from_records"] for f in volunteer["fields"]}
    assert fed["hours"] == "volunteer_hours" and fed["name"] is None
    ok(wang(c, *base))
    assert out.read_bytes().startswith(b"%PDF-")
    flat = "".join(pdf_text(out).split())
    assert "累计志愿服务时长2小时" in flat and "政策宣讲" in flat  # only the approved record
    hours = ok(wang(c, "--json", "member", "show", mid))
    assert isinstance(hours, dict) and hours["hours"]["minutes"] == 120  # b is not approved
    ledger = ok(wang(c, "--json", "cert", "list"))
    assert "VOLUNTEER" in json.dumps(ledger)

    # a correction after approval is a new audited entry
    before = counts(c)
    ok(
        chief(
            c,
            "activity",
            "correct",
            a,
            "--member",
            mid,
            "--in",
            "2026-03-01 09:00",
            "--out",
            "2026-03-01 10:00",
            "--reason",
            "提前离开",
        )
    )
    after = counts(c)
    assert after[3] == before[3] + 1 and after[4] == before[4] + 1
    hours = ok(wang(c, "--json", "member", "show", mid))
    assert isinstance(hours, dict) and hours["hours"]["minutes"] == 60

    # wishes
    wish = ok(
        wang(
            c,
            "--json",
            "wish",
            "add",
            "--resident",
            ids["resident"],
            "--text",
            "帮独居老人更换灯泡",
            "--deadline",
            "2099-01-01",
        )
    )
    assert isinstance(wish, dict)
    before = counts(c)
    refused(c, wang(c, "wish", "fulfil", wish["id"], "--note", "x"), before)  # not claimed
    ok(wang(c, "wish", "claim", wish["id"], "--member", mid))
    ok(wang(c, "wish", "fulfil", wish["id"], "--note", "已上门更换"))
    refused(c, wang(c, "wish", "confirm", wish["id"], "还行"), counts(c))
    done = ok(wang(c, "--json", "wish", "confirm", wish["id"], "满意"))
    assert isinstance(done, dict) and done["status_zh"] == "已确认"

    # the report, with its workbook
    book = tmp_path / "r.xlsx"
    report = ok(
        wang(
            c,
            "--json",
            "report",
            "volunteers",
            "--from",
            "2026-03-01",
            "--to",
            "2099-12-31",
            "--xlsx",
            str(book),
        )
    )
    assert isinstance(report, dict)
    unit = next(u for u in report["units"] if u["name"] == "区税务局")
    assert unit["members"] == 1 and unit["hours"] == 1 and unit["wishes_fulfilled"] == 1
    assert book.exists()
    refused(
        c, wang(c, "report", "volunteers", "--from", "2026-03-02", "--to", "2026-03-01"), counts(c)
    )


def test_year_end_feedback_forms(cli, tmp_path: Path) -> None:
    c, _ = cli
    name = RARE_NAMES[1].name
    member = ok(
        wang(
            c,
            "--json",
            "member",
            "add",
            "--name",
            name,
            "--id-number",
            idn(78),
            "--report-date",
            "2024-05-01",
            "--grid",
            "G01",
        )
    )
    assert isinstance(member, dict)
    mid = member["id"]
    done, pending = (
        ok(
            wang(
                c,
                "--json",
                "activity",
                "add",
                "--title",
                title,
                "--kind",
                "安全科普",
                "--start",
                f"2025-{month}-01 09:00",
                "--end",
                f"2025-{month}-01 12:00",
            )
        )
        for title, month in (("消防演练", "06"), ("防汛宣传", "07"))
    )
    assert isinstance(done, dict) and isinstance(pending, dict)
    for activity, month in ((done["id"], "06"), (pending["id"], "07")):
        ok(
            wang(
                c, "activity", "signin", activity, "--member", mid, "--at", f"2025-{month}-01 09:00"
            )
        )
        ok(
            wang(
                c,
                "activity",
                "signout",
                activity,
                "--member",
                mid,
                "--at",
                f"2025-{month}-01 11:30",
            )
        )
    ok(chief(c, "activity", "approve", done["id"]))  # the July one stays unapproved

    out, book = tmp_path / "forms", tmp_path / "year.xlsx"
    result = ok(
        wang(
            c,
            "--json",
            "report",
            "feedback",
            "--year",
            "2025",
            "--member",
            mid,
            "--out",
            str(out),
            "--xlsx",
            str(book),
        )
    )
    assert isinstance(result, dict) and result["forms"] == 1 and book.exists()
    (pdf,) = out.glob("*.pdf")
    flat = "".join(pdf_text(pdf).split())
    assert name in flat and "2025年度" in flat and "在职党员到社区报到服务情况反馈表" in flat
    assert "全年参加社区志愿服务1次，累计服务时长2.5小时" in flat  # July is not approved
    assert "消防演练" in flat and "防汛宣传" not in flat and idn(78) not in flat
    everyone = ok(wang(c, "--json", "report", "feedback", "--year", "2025", "--out", str(out)))
    assert isinstance(everyone, dict) and everyone["forms"] == len(list(out.glob("*.pdf"))) >= 2

    before = counts(c)
    for bad in (
        ("--year", "1999"),
        ("--year", "二〇二五"),
        ("--year", "2025", "--member", "nobody"),
    ):
        refused(c, wang(c, "report", "feedback", *bad, "--out", str(tmp_path / "x")), before)


def test_a_wish_fulfilled_with_a_photo(cli, tmp_path: Path) -> None:
    """``wish fulfil --photo``: a JPEG or PNG up to 10 MB is kept with the wish; a missing,
    non-image or too large file is refused with one line and exit 2, and nothing is written."""
    c, ids = cli
    member = ok(
        wang(c, "--json", "member", "add", "--name", "赵拍照", "--id-number", idn(79),
             "--report-date", "2025-03-01")
    )  # fmt: skip
    wish = ok(
        wang(c, "--json", "wish", "add", "--resident", ids["resident"], "--text", "修理门锁",
             "--deadline", "2099-01-01")
    )  # fmt: skip
    assert isinstance(member, dict) and isinstance(wish, dict)
    ok(wang(c, "wish", "claim", wish["id"], "--member", member["id"]))

    def photos() -> tuple[int, str]:
        with opened(c) as station, station.db.read_session() as s:
            n = int(s.scalar(select(func.count()).select_from(VolunteerWishPhoto)) or 0)
            return n, str(s.get(VolunteerWish, wish["id"]).status)

    text = tmp_path / "note.txt"
    text.write_text("不是图片", encoding="utf-8")
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"GIF89a" + b"0" * 40)
    big = tmp_path / "big.jpg"
    with big.open("wb") as f:
        f.truncate(10 * 1024 * 1024 + 1)
    before, held = counts(c), photos()
    assert held == (0, "claimed")
    for bad, reason in (
        (tmp_path / "gone.jpg", "cannot be read"),
        (text, "JPEG or PNG"),
        (fake, "does not match its type"),
        (big, "at most 10 MB"),
    ):
        line = refused(c, wang(c, "wish", "fulfil", wish["id"], "--note", "已修好",
                               "--photo", str(bad)), before)  # fmt: skip
        assert reason in line
        assert photos() == held
    jpeg = tmp_path / "门锁.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"1" * 500)
    done = ok(
        wang(c, "--json", "wish", "fulfil", wish["id"], "--note", "已修好", "--photo", str(jpeg))
    )
    assert isinstance(done, dict) and done["photo"] == "门锁.jpg"
    assert photos() == (1, "fulfilled")
    listed = wang(c, "wish", "list")
    assert "[photo 门锁.jpg]" in listed.stdout
