"""`cert list --xlsx` as a user runs it: hostile texts land in the workbook as inert text."""

from __future__ import annotations

import json
from pathlib import Path

from stationdesk.domain.identity import check_char
from tests.helpers.cli import ADMIN_PW, Cli
from tests.helpers.xlsx import (
    ERROR_LOOKALIKE,
    HOSTILE_AT,
    HOSTILE_DDE,
    HOSTILE_LINK,
    HOSTILE_MINUS,
    HOSTILE_PLUS,
    assert_no_formula,
    assert_shown_inert,
)

EVIL_PW = "evil-pass-123"


def test_cert_list_xlsx_writes_no_formula(tmp_path: Path) -> None:
    cli = Cli(tmp_path)

    def ok(*args: str, user: str = "evil", **kw: str) -> str:
        pw = ADMIN_PW if user == "boss" else EVIL_PW
        r = cli(*args, password=pw, user=user, **kw)
        assert r.returncode == 0, r.stderr
        return r.stdout.strip()

    r = cli(
        "init", "--station-code", "SY0606", "--station-name", "测试站", "--admin", "boss",
        password=ADMIN_PW,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    ok(
        "worker", "add", "evil", "--role", "head", f"--display-name={HOSTILE_LINK}",
        "--password-stdin", stdin=EVIL_PW + "\n", user="boss",
    )  # fmt: skip
    ok("building", "add", "3栋")
    first17 = "21020219900101011"
    resident = ok(
        "resident", "add", "--name", "张三", "--id-number", first17 + check_char(first17),
        "--building", "3栋", "--unit", "2", "--room", "502",
    )  # fmt: skip
    number = ok(
        "cert", "issue", "--type", "RESIDENCE", "--resident", resident,
        f"--purpose={HOSTILE_DDE}", "--field", "since_date=2019-05-01",
        "--field", "housing=租赁住房", "--all-checks", "--out", str(tmp_path / "c.pdf"),
    )  # fmt: skip
    ok("cert", "void", number, f"--reason={HOSTILE_PLUS}")
    ok(
        "cert", "refuse", f"--requested={HOSTILE_AT}", "--resident", resident,
        "--reason", "OTHER", f"--purpose={HOSTILE_MINUS}",
        f"--competent-body={ERROR_LOOKALIKE}", "--out", str(tmp_path / "r.pdf"),
    )  # fmt: skip

    xlsx = tmp_path / "ledger.xlsx"
    listed = json.loads(ok("cert", "list", "--json", "--xlsx", str(xlsx)))
    assert listed["counts"] == {"issued": 1, "void": 1, "refused": 1}
    assert_shown_inert(xlsx, HOSTILE_DDE, HOSTILE_LINK, HOSTILE_PLUS, HOSTILE_AT, HOSTILE_MINUS)
    # filtered by the hostile worker: the filter line names them too
    by_name = tmp_path / "by-name.xlsx"
    ok("cert", "list", f"--worker={HOSTILE_LINK}", "--xlsx", str(by_name))
    assert_no_formula(by_name)
