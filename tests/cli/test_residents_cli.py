"""Resident commands through real subprocesses."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

from tests.helpers import ids
from tests.helpers.cli import ADMIN_PW, WORKER_PW, Cli, one_line, w
from tests.helpers.rare_names import RARE_NAMES

idn = partial(ids.idn, birth="19900101")


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    c = Cli(tmp_path_factory.mktemp("rcli"))
    assert (
        c(
            "init",
            "--station-code",
            "SY0404",
            "--station-name",
            "测试站",
            "--admin",
            "boss",
            password=ADMIN_PW,
        ).returncode
        == 0
    )
    assert (
        c(
            "worker",
            "add",
            "wang",
            "--role",
            "worker",
            "--password-stdin",
            stdin=WORKER_PW + "\n",
            password=ADMIN_PW,
            user="boss",
        ).returncode
        == 0
    )
    assert c("building", "add", "3栋", password=WORKER_PW, user="wang").returncode == 0
    return c


def test_add_find_show_reveal(cli: Cli) -> None:
    r = w(
        cli,
        "resident",
        "add",
        "--name",
        "张三",
        "--id-number",
        idn(11),
        "--phone",
        "13800001111",
        "--building",
        "3栋",
        "--unit",
        "2",
        "--room",
        "502",
        "--tag",
        "党员",
    )
    assert r.returncode == 0, r.stderr
    rid = r.stdout.strip()
    found = w(cli, "resident", "find", "张三", "--json")
    rows = json.loads(found.stdout)
    assert [x["id"] for x in rows] == [rid]
    assert rows[0]["id_masked"] == "2102**********" + idn(11)[-4:]
    assert idn(11) not in found.stdout and "13800001111" not in found.stdout
    shown = w(cli, "resident", "show", rid)
    assert idn(11) not in shown.stdout
    revealed = w(cli, "resident", "show", rid, "--reveal", "--reason", "核对身份")
    assert revealed.returncode == 0 and idn(11) in revealed.stdout
    no_reason = w(cli, "resident", "show", rid, "--reveal")
    assert no_reason.returncode == 2
    assert w(cli, "visit", "add", "--resident", rid, "--purpose", "咨询").returncode == 0
    edited = w(cli, "resident", "edit", rid, "--room", "503", "--json")
    assert json.loads(edited.stdout)["row"]["address"] == "3栋2单元503室"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--name", "李四", "--id-number", idn(12)[:17] + "0"), "check character"),
        (("--name", "李四", "--id-number", idn(12), "--phone", "123"), "phone"),
        (
            ("--name", "李四", "--id-number", idn(12), "--building", "9栋", "--room", "1"),
            "building",
        ),
    ],
)
def test_invalid_input_exits_2_and_writes_nothing(
    cli: Cli, args: tuple[str, ...], needle: str
) -> None:
    if args[3] == idn(12)[:17] + "0" and idn(12)[17] == "0":
        args = (*args[:3], idn(12)[:17] + "1")
    r = w(cli, "resident", "add", *args)
    assert r.returncode == 2
    assert needle in one_line(r.stderr)
    assert idn(12) not in r.stderr
    assert json.loads(w(cli, "resident", "find", "李四", "--json").stdout) == []


def test_rare_names_are_registered_found_and_shown_with_their_reading(cli: Cli) -> None:
    ids = {}
    for seq, person in enumerate(RARE_NAMES, start=31):
        extra = ("--name-pinyin", person.typed_reading) if person.typed_reading else ()
        r = w(cli, "resident", "add", "--name", person.name, "--id-number", idn(seq), *extra)
        assert r.returncode == 0, r.stderr
        ids[person.name] = r.stdout.strip()
    for query, name in (("陈𠈌", "陈𠈌"), ("𬌗", "欧阳𬌗"), ("chenyan", "陈𠈌"), ("zb", "张𰻞")):
        found = w(cli, "resident", "find", query, "--json")
        assert found.returncode == 0, found.stderr
        assert [row["name"] for row in json.loads(found.stdout)] == [name], query
    shown = w(cli, "resident", "show", ids["陈𠈌"])
    assert "陈𠈌" in shown.stdout and "reading: chen yan" in shown.stdout
    edited = w(cli, "resident", "edit", ids["李𫖯"], "--name-pinyin", "li fu", "--json")
    assert json.loads(edited.stdout)["name_pinyin"] == "li fu"


def test_import_reports_bad_rows_with_exit_2(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"姓名,身份证号\n赵六,{idn(21)}\n钱七,123\n", encoding="utf-8")
    r = w(cli, "resident", "import", str(path), "--json")
    assert r.returncode == 2
    report = json.loads(r.stdout)
    assert report["imported"] == 1 and [e["row"] for e in report["errors"]] == [3]


def test_demo_builds_a_searchable_station(tmp_path: Path) -> None:
    c = Cli(tmp_path)
    r = c("demo", "--residents", "500", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["residents"] == 500
    found = c("resident", "find", "王", "--json", password="demo-worker-1", user="wangfang")
    assert found.returncode == 0, found.stderr
    assert 0 < len(json.loads(found.stdout)) <= 20
