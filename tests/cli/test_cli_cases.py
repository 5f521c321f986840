"""The case and report commands as a user runs them: real subprocesses, exit codes, no writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import pytest
from sqlalchemy import func, select

from stationdesk.domain.metrics import Metrics
from stationdesk.domain.open311 import GEOREPORT_V2_FIELDS
from stationdesk.secrets.plainfile import PlainFileKeyring
from stationdesk.services.station import open_station
from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_cases import Case, CaseEvent
from tests.helpers.cli import Cli, one_line

ADMIN_PW = "cli-admin-pass"
WANG_PW = "worker-pass-1"
LIU_PW = "worker-pass-2"


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    c = Cli(tmp_path_factory.mktemp("cli-cases"))
    r = c(
        "init",
        "--station-code",
        "SY0303",
        "--station-name",
        "星海社区党群服务站",
        "--admin",
        "boss",
        password=ADMIN_PW,
    )
    assert r.returncode == 0, r.stderr
    for name, display, pw in (("wang", "王芳", WANG_PW), ("liu", "刘洋", LIU_PW)):
        r = c(
            "worker",
            "add",
            name,
            "--role",
            "worker",
            "--display-name",
            display,
            "--password-stdin",
            stdin=pw + "\n",
            password=ADMIN_PW,
            user="boss",
        )
        assert r.returncode == 0, r.stderr
    return c


def wang(cli: Cli, *args: str):
    return cli(*args, password=WANG_PW, user="wang")


def snapshot(cli: Cli) -> tuple[int, int, list[tuple[str, str, int]]]:
    """Outbox rows, case events and every case's (number, state, version), read in-process."""
    previous = keyring.get_keyring()
    keyring.set_keyring(PlainFileKeyring(Path(cli.env["STATIONDESK_PLAIN_KEYRING_FILE"])))
    try:
        st = open_station(cli.data)
        try:
            with st.db.read_session() as s:
                return (
                    s.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
                    s.scalar(select(func.count()).select_from(CaseEvent)) or 0,
                    [
                        (c.number, c.state, c.version)
                        for c in s.scalars(select(Case).order_by(Case.seq))
                    ],
                )
        finally:
            st.close()
    finally:
        keyring.set_keyring(previous)


def open_one(cli: Cli) -> str:
    r = wang(cli, "case", "open", "--type", "POLICY_CONSULTATION", "--channel", "walk-in",
             "--summary", "咨询高龄津贴")  # fmt: skip
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


@pytest.fixture
def opened(cli: Cli) -> Iterator[str]:
    yield open_one(cli)


@pytest.fixture(scope="module")
def registered(cli: Cli) -> str:
    """A case left REGISTERED for the tests that must not change anything."""
    return open_one(cli)


def test_walk_in_to_closure_from_the_command_line(cli: Cli):
    r = wang(cli, "case", "open", "--type", "POLICY_CONSULTATION", "--channel", "walk-in",
             "--summary", "咨询高龄津贴申领条件", "--grid", "G01", "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    opened = json.loads(r.stdout)
    number = opened["case"]["number"]
    assert number.startswith("SY0303-C-") and opened["case"]["state"] == "REGISTERED"
    for args in (("accept",), ("resolve", "--note", "当场解答")):
        r = wang(cli, "case", "act", number, *args)
        assert r.returncode == 0, r.stderr
    r = wang(cli, "case", "rate", number, "satisfied")
    assert r.returncode == 0, r.stderr
    assert "FOLLOWED_UP" in r.stdout
    r = wang(cli, "case", "act", number, "close", "--json")
    assert r.returncode == 0, r.stderr
    closed = json.loads(r.stdout)
    assert closed["case"]["state"] == "CLOSED"
    assert [e["action"] for e in closed["events"]] == [
        "open", "accept", "resolve", "follow-up", "rate", "close",
    ]  # fmt: skip
    r = wang(cli, "case", "show", number)
    assert r.returncode == 0 and "CLOSED 已结案" in r.stdout and "当场解答" in r.stdout
    r = wang(cli, "case", "list", "--state", "CLOSED", "--json")
    assert number in [c["number"] for c in json.loads(r.stdout)]


def test_open_prints_the_number(cli: Cli, opened: str):
    assert opened.startswith("SY0303-C-") and len(opened.splitlines()) == 1


def test_referral_with_a_reply_recorded_by_hand(cli: Cli, opened: str):
    assert wang(cli, "case", "act", opened, "accept").returncode == 0
    r = wang(cli, "case", "act", opened, "refer", "--department", "STREET_CIVIL_AFFAIRS",
             "--note", "请街道核实")  # fmt: skip
    assert r.returncode == 0, r.stderr and "REFERRED" in r.stdout
    assert wang(cli, "case", "act", opened, "ack").returncode == 0
    assert wang(cli, "case", "act", opened, "reply", "--note", "电话答复").returncode == 0
    shown = wang(cli, "case", "show", opened)
    assert "reply DEPT_ACKNOWLEDGED -> DEPT_REPLIED (recorded by hand): 电话答复" in shown.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("case", "open", "--type", "NO_SUCH_TYPE", "--channel", "walk-in", "--summary", "x"),
        ("case", "open", "--type", "POLICY_CONSULTATION", "--channel", "fax", "--summary", "x"),
        ("case", "open", "--type", "POLICY_CONSULTATION", "--channel", "phone", "--summary", " "),
        ("case", "open", "--type", "POLICY_CONSULTATION", "--channel", "phone"),
        ("case", "act", "{case}", "close"),
        ("case", "act", "{case}", "reject"),
        ("case", "act", "{case}", "fly"),
        ("case", "act", "{case}", "accept", "--department", "STREET_CIVIL_AFFAIRS"),
        ("case", "act", "SY0303-C-999999", "accept"),
        ("case", "rate", "{case}", "satisfied"),
        ("case", "rate", "{case}", "meh"),
        ("case", "list", "--state", "LIMBO"),
        ("case", "export", "--format", "csv"),
        ("case", "export", "--format", "open311", "--since", "yesterday"),
        ("report", "metrics", "--from", "2026-03-31", "--to", "2026-03-01"),
        ("report", "metrics", "--from", "2026-02-30"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(cli: Cli, registered: str, args: tuple[str, ...]):
    before = snapshot(cli)
    r = wang(cli, *[a.replace("{case}", registered) for a in args])
    assert r.returncode == 2, (r.stdout, r.stderr)
    one_line(r.stderr)
    assert snapshot(cli) == before


def test_an_invalid_transition_says_why(cli: Cli, registered: str):
    r = wang(cli, "case", "act", registered, "close")
    assert r.returncode == 2
    line = one_line(r.stderr)
    assert "cannot 'close' a case in state REGISTERED" in line and "accept" in line


def test_owner_rule_and_roles_exit_3_and_write_nothing(cli: Cli, registered: str):
    opened = registered
    before = snapshot(cli)
    r = cli("case", "act", opened, "accept", password=LIU_PW, user="liu")
    assert r.returncode == 3
    assert "station head" in one_line(r.stderr)
    r = cli("case", "open", "--type", "POLICY_CONSULTATION", "--channel", "walk-in",
            "--summary", "x", password=ADMIN_PW, user="boss")  # fmt: skip
    assert r.returncode == 3
    one_line(r.stderr)
    assert snapshot(cli) == before
    # another worker may still read it
    r = cli("case", "show", opened, password=LIU_PW, user="liu")
    assert r.returncode == 0 and "REGISTERED" in r.stdout


def test_export_open311(cli: Cli, registered: str):
    opened = registered
    r = wang(cli, "case", "export", "--format", "open311")
    assert r.returncode == 0, r.stderr
    requests = json.loads(r.stdout)
    assert requests and all(tuple(q) == GEOREPORT_V2_FIELDS for q in requests)
    assert opened in [q["service_request_id"] for q in requests]
    r = wang(cli, "case", "export", "--format", "open311", "--since", "2999-01-01")
    assert r.returncode == 0 and json.loads(r.stdout) == []


def test_report_metrics(cli: Cli):
    today = date.today()
    r = wang(cli, "report", "metrics", "--from", f"{today.year - 1}-01-01",
             "--to", f"{today.year + 1}-12-31", "--json")  # fmt: skip
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    for key in ("acceptance_rate", "completion_rate", "on_time_rate", "timely_ack_rate",
                "follow_up_rate", "satisfaction_rate"):  # fmt: skip
        assert key in data
    assert set(Metrics(date(2026, 1, 1), date(2026, 1, 31)).as_dict()) <= set(data)
    assert data["registered"] >= 1 and data["accepted"] >= 1
    assert data["acceptance_rate"] == data["accepted"] / data["registered"]
    assert {g["label"] for g in data["by_worker"]} <= {"王芳", "刘洋"}
    text = wang(cli, "report", "metrics")
    assert text.returncode == 0 and "acceptance_rate" in text.stdout
    r = cli("report", "metrics", "--json", password=ADMIN_PW, user="boss")
    assert r.returncode == 0, r.stderr  # the admin may read the figures
