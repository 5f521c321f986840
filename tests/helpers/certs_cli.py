"""The certificate CLI tests' station: a head, a worker, a building and one resident."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import WORKER_PW, Cli, init_station
from tests.helpers.ids import idn

HEAD_PW = "head-pass-123"


def certs_station(tmp: Path) -> Cli:
    """Set up station SY0505 in ``tmp``; the returned CLI carries the resident's id."""
    c = init_station(
        tmp,
        "SY0505",
        "测试社区党群服务站",
        (("wang", "worker", WORKER_PW, "王芳"), ("li", "head", HEAD_PW, "李站长")),
    )
    assert c("building", "add", "3栋", password=WORKER_PW, user="wang").returncode == 0
    r = c(
        "resident",
        "add",
        "--name",
        "张三",
        "--id-number",
        idn(11, birth="19900101"),
        "--building",
        "3栋",
        "--unit",
        "2",
        "--room",
        "502",
        password=WORKER_PW,
        user="wang",
    )
    assert r.returncode == 0, r.stderr
    c.resident = r.stdout.strip()  # type: ignore[attr-defined]
    return c


def issue_args(cli: Cli, out: Path, *extra: str) -> list[str]:
    return [
        "cert",
        "issue",
        "--type",
        "RESIDENCE",
        "--resident",
        cli.resident,  # type: ignore[attr-defined]
        "--purpose",
        "子女入学",
        "--field",
        "since_date=2019-05-01",
        "--field",
        "housing=租赁住房",
        "--all-checks",
        "--out",
        str(out),
        *extra,
    ]
