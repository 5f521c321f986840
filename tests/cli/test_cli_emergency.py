"""The emergency commands as a user runs them: real subprocesses, exit codes, no writes on
refusal; and the argument parsing of kinds, levels and statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func, select

from stationdesk.cli.base import UsageError
from stationdesk.cli.main import parse
from stationdesk.domain.emergency import EVENT_KINDS, STATUS_LABELS_ZH, CheckStatus
from stationdesk.store.models import AuditRecord
from stationdesk.store.models_emergency import EmergencyCheck, EmergencyEntry, EmergencyEvent
from tests.helpers.cli import Cli, init_station, one_line, opened
from tests.helpers.ids import idn
from tests.helpers.poppler import pdf_text
from tests.helpers.xlsx import assert_no_formula

WANG_PW = "worker-pass-1"
CHIEF_PW = "head-pass-1"


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, dict[str, str]]:
    c = init_station(
        tmp_path_factory.mktemp("cli-emergency"),
        "SY0404",
        "海滨社区",
        (("wang", "worker", WANG_PW, "wang"), ("chief", "head", CHIEF_PW, "chief")),
    )
    for code in ("G01", "G02"):
        assert wang(c, "grid", "add", code, "--name", f"网格{code}").returncode == 0
    assert wang(c, "building", "add", "1栋", "--grid", "G01").returncode == 0
    assert wang(c, "building", "add", "8栋", "--grid", "G02").returncode == 0
    ids: dict[str, str] = {}
    for n, (key, building, tag) in enumerate(
        (("alone", "1栋", "独居老人"), ("poor", "8栋", "低保"), ("member", "1栋", "党员"))
    ):
        r = wang(c, "--json", "resident", "add", "--name", f"居民{key}", "--id-number",
                 idn(200 + n), "--building", building, "--room", f"{301 + n}",
                 "--tag", tag)  # fmt: skip
        assert r.returncode == 0, r.stderr
        ids[key] = json.loads(r.stdout)["id"]
    return c, ids


def wang(c: Cli, *args: str):
    return c(*args, password=WANG_PW, user="wang")


def chief(c: Cli, *args: str):
    return c(*args, password=CHIEF_PW, user="chief")


def counts(c: Cli) -> tuple[int, int, int, int]:
    """Events, entries, check-offs and emergency audit records, read in-process."""
    with opened(c) as station, station.db.read_session() as s:
        tables = [
            int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (EmergencyEvent, EmergencyEntry, EmergencyCheck)
        ]
        audited = s.scalar(  # logins are audited too: count the emergency records
            select(func.count())
            .select_from(AuditRecord)
            .where(AuditRecord.action.like("emergency%"))
        )
        return (tables[0], tables[1], tables[2], int(audited or 0))


def refused(c: Cli, result, before: tuple[int, int, int, int], code: int = 2) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert counts(c) == before
    return one_line(result.stderr)


def test_a_whole_event(cli) -> None:
    c, ids = cli
    before = counts(c)
    refused(c, wang(c, "emergency", "check", ids["alone"], "safe"), before)  # none open
    r = wang(c, "emergency", "start", "--kind", "typhoon", "--name", "台风")
    assert refused(c, r, before, code=3)  # a worker may not start one
    r = chief(c, "--json", "emergency", "start", "--kind", "台风", "--name", "台风“海葵”",
              "--level", "II")  # fmt: skip
    assert r.returncode == 0, r.stderr
    event = json.loads(r.stdout)
    assert (event["kind"], event["level"], event["entries"]) == ("typhoon", 2, 2)

    before = counts(c)
    line = refused(c, chief(c, "emergency", "start", "--kind", "fire", "--name", "又一个"), before)
    assert "already open" in line
    assert "not on the emergency list" in refused(
        c, wang(c, "emergency", "check", ids["member"], "safe"), before
    )
    refused(c, wang(c, "emergency", "check", "no-such-resident", "safe"), before)
    refused(c, wang(c, "emergency", "check", ids["alone"], "fine"), before)

    r = wang(c, "emergency", "assign")
    assert r.returncode == 0 and "assigned 0, left unassigned 2" in r.stdout
    r = chief(c, "emergency", "responder", "add", "--worker", "wang", "--grid", "G01")
    assert r.returncode == 0, r.stderr
    r = chief(c, "emergency", "responder", "add", "--name", "志愿者老赵")
    assert r.returncode == 0, r.stderr
    r = wang(c, "emergency", "assign")
    assert r.returncode == 0 and "assigned 2, left unassigned 0" in r.stdout

    # phones in full only for the assigned responder (wang has G01), audited
    assert wang(c, "emergency", "phones", ids["alone"]).stdout.strip() == "no phone on record"
    before = counts(c)
    assert "应急人员" not in refused(
        c, chief(c, "emergency", "phones", ids["alone"], "--reveal"), before, code=3
    )
    r = wang(c, "--json", "emergency", "phones", ids["alone"], "--reveal")
    assert r.returncode == 0 and json.loads(r.stdout)["full"] is True
    assert counts(c)[3] == before[3] + 1

    # by hand: to the volunteer and back (audited); an unknown responder is refused
    listed = json.loads(wang(c, "--json", "emergency", "responder", "list").stdout)
    zhao = next(x["id"] for x in listed if x["name"] == "志愿者老赵")
    wang_id = next(x["id"] for x in listed if x["worker"] == "wang")
    r = wang(c, "emergency", "reassign", ids["alone"], "--responder", zhao)
    assert r.returncode == 0 and r.stdout.strip() == "志愿者老赵"
    refused(c, wang(c, "emergency", "reassign", ids["alone"], "--responder", "nope"), counts(c))
    assert wang(c, "emergency", "reassign", ids["alone"], "--responder", wang_id).returncode == 0

    r = wang(c, "emergency", "check", ids["alone"], "need-help", "--note", "需要药品")
    assert r.returncode == 0, r.stderr
    assert "need-help 需要帮助" in r.stdout and "case SY0404-C-" in r.stdout
    assert wang(c, "emergency", "check", ids["poor"], "联系不上").returncode == 0

    r = wang(c, "--json", "emergency", "status")
    assert r.returncode == 0, r.stderr
    status = json.loads(r.stdout)
    assert set(status) == {"total", "reached", "need_help", "unreachable", "by_grid"}
    assert (status["total"], status["reached"], status["need_help"], status["unreachable"]) == (
        2, 1, 1, 1,
    )  # fmt: skip
    assert status["by_grid"]["G02"] == {"total": 1, "reached": 0, "need_help": 0, "unreachable": 1}

    r = wang(c, "--json", "emergency", "list", "--status", "unreachable")
    rows = json.loads(r.stdout)
    assert [row["resident_id"] for row in rows] == [ids["poor"]]
    assert "phone" not in json.dumps(rows) and rows[0]["responder"] == "志愿者老赵"
    r = wang(c, "--json", "emergency", "list", "--grid", "G01")
    assert [row["status"] for row in json.loads(r.stdout)] == ["need-help"]

    before = counts(c)
    refused(c, chief(c, "emergency", "stop", "--summary", " "), before)
    refused(c, wang(c, "emergency", "stop", "--summary", "结束"), before, code=3)
    r = chief(c, "emergency", "stop", "--summary", "全部联系到")
    assert r.returncode == 0 and r.stdout.startswith("stopped:")
    refused(c, wang(c, "emergency", "status"), counts(c))


@pytest.mark.parametrize(
    "args",
    [
        ["emergency", "start", "--kind", "meteor", "--name", "x"],
        ["emergency", "start", "--kind", "fire", "--name", "x", "--level", "5"],
        ["emergency", "check", "r", "maybe"],
        ["emergency", "list", "--status", "ok"],
    ],
)
def test_bad_arguments_exit_2_on_one_line_before_anything_opens(cli, args) -> None:
    c, _ = cli
    before = counts(c)
    assert "emergency" in refused(c, wang(c, *args), before)


@given(st.sampled_from([k.code for k in EVENT_KINDS] + [k.label for k in EVENT_KINDS]),
       st.sampled_from(["1", "2", "3", "4", "I", "II", "III", "IV", "Ⅲ", "Ⅳ级"]))  # fmt: skip
def test_every_kind_and_level_parses(kind: str, level: str) -> None:
    args = parse(["emergency", "start", "--kind", kind, "--name", "n", "--level", level])
    assert kind in (args.kind.code, args.kind.label) and 1 <= args.level <= 4


@given(st.sampled_from([s.value for s in CheckStatus] + list(STATUS_LABELS_ZH.values())))
def test_every_status_parses(status: str) -> None:
    assert parse(["emergency", "check", "r", status]).status in CheckStatus


@given(st.text(min_size=1, max_size=8).filter(lambda t: t.strip() and not t.startswith("-")))
def test_anything_else_is_a_usage_error(text: str) -> None:
    names = {k.code for k in EVENT_KINDS} | {k.label for k in EVENT_KINDS}
    if text.strip().lower() not in names and text.strip() not in names:
        with pytest.raises(UsageError):
            parse(["emergency", "start", "--kind", text, "--name", "n"])
    statuses = {s.value for s in CheckStatus} | set(STATUS_LABELS_ZH.values())
    if text.strip().lower() not in statuses and text.strip() not in statuses:
        with pytest.raises(UsageError):
            parse(["emergency", "check", "r", text])


def test_sheets_and_stop_with_the_report(cli, tmp_path) -> None:
    c, ids = cli
    r = chief(c, "emergency", "start", "--kind", "rainstorm", "--name", "暴雨“二号”")
    assert r.returncode == 0, r.stderr
    assert wang(c, "emergency", "check", ids["alone"], "safe").returncode == 0
    out = tmp_path / "sheets"
    r = wang(c, "--json", "emergency", "sheets", "--out", str(out))
    assert r.returncode == 0, r.stderr
    sheets = json.loads(r.stdout)
    assert sheets["residents"] == 2 and len(sheets["by_grid"]) == 2
    text = pdf_text(Path(sheets["by_grid"][0]))
    assert "居民alone" in text and "打印时：已联系·安全" in text

    before = counts(c)
    missing = tmp_path / "nowhere" / "report.pdf"
    line = refused(c, chief(c, "emergency", "stop", "--summary", "结束", "--report",
                            str(missing)), before)  # fmt: skip
    assert "report" in line and not missing.parent.exists()
    refused(c, chief(c, "emergency", "stop", "--summary", "结束", "--report",
                     str(tmp_path / "report.txt")), before)  # fmt: skip
    report = tmp_path / "report.pdf"
    r = chief(c, "emergency", "stop", "--summary", "暴雨过境，全部安全", "--report", str(report))
    assert r.returncode == 0, r.stderr
    assert f"report: {report}" in r.stdout
    text = pdf_text(report)
    assert "暴雨过境，全部安全" in text and "暴雨“二号”" in text and "居民alone" not in text
    again = tmp_path / "again.pdf"
    assert wang(c, "emergency", "report", "--out", str(again)).returncode == 0
    assert "暴雨过境，全部安全" in pdf_text(again)
    book = tmp_path / "report.xlsx"
    assert wang(c, "emergency", "report", "--out", str(book)).returncode == 0
    assert_no_formula(book)
    sheets = load_workbook(book, read_only=True)
    assert sheets.sheetnames == ["概况", "时间线", "按小时覆盖", "求助与事项", "应急人员"]
    facts = {row[0]: row[1] for row in sheets["概况"].iter_rows(min_row=3, values_only=True)}
    assert facts["总结"] == "暴雨过境，全部安全" and "暴雨“二号”" in str(facts["事件"])
    listed = int(str(facts["名单人数"]).split("（")[0])
    assert sum(int(str(facts[label])) for label in STATUS_LABELS_ZH.values()) == listed
    timeline = [row[1] for row in sheets["时间线"].iter_rows(min_row=3, values_only=True)]
    assert str(timeline[0]).startswith("启动应急状态") and str(timeline[-1]).startswith("结束")
