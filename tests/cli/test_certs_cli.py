"""Certificate commands through real subprocesses: exit codes, JSON, files written or not."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import partial
from pathlib import Path

import pytest

from tests.helpers import ids
from tests.helpers.certs_cli import HEAD_PW, certs_station, issue_args
from tests.helpers.cli import ADMIN_PW, Cli, w

idn = partial(ids.idn, birth="19900101")


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return certs_station(tmp_path_factory.mktemp("ccli"))


def test_types_lists_the_six_in_json(cli: Cli) -> None:
    r = w(cli, "cert", "types", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [t["code"] for t in data["types"]] == [
        "RESIDENCE",
        "PROPERTY_SOURCE",
        "STUDENT_HARDSHIP",
        "LIVING_HARDSHIP",
        "VOLUNTEER",
        "PARTY_REPORT",
    ]


def test_issue_prints_the_number_then_verify_void_and_list(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    r = w(cli, *issue_args(cli, out))
    assert r.returncode == 0, r.stderr
    shown = r.stdout.strip()
    assert shown.startswith("SY0505-") and out.read_bytes().startswith(b"%PDF-")
    r = w(cli, "cert", "verify", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["verdict"] == "valid"
    assert idn(11) not in r.stdout  # masked
    r = w(cli, "cert", "void", shown, "--reason", "信息有误")
    assert r.returncode == 3 and len(r.stderr.strip().splitlines()) == 1
    r = cli("cert", "void", shown, "--reason", "信息有误", password=HEAD_PW, user="li")
    assert r.returncode == 0, r.stderr
    r = w(cli, "cert", "verify", shown)
    assert r.returncode == 1 and r.stdout.startswith("void")
    edited = bytearray(out.read_bytes())
    at = edited.index(b"/Keywords (SD1:") + 30
    edited[at] = ord("A") if edited[at] != ord("A") else ord("B")
    tampered = tmp_path / "t.pdf"
    tampered.write_bytes(bytes(edited))
    r = w(cli, "cert", "verify", str(tampered), "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["verdict"] == "forged"
    xlsx, pdf = tmp_path / "l.xlsx", tmp_path / "l.pdf"
    r = w(cli, "cert", "list", "--json", "--worker", "王芳", "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["counts"]["void"] >= 1 and xlsx.exists() and pdf.exists()
    assert idn(11) not in r.stdout


def test_off_list_type_or_missing_field_exits_2_and_writes_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    before = json.loads(w(cli, "cert", "list", "--json").stdout)["counts"]
    out = tmp_path / "x.pdf"
    args = issue_args(cli, out)
    args[args.index("RESIDENCE")] = "KINSHIP"
    r = w(cli, *args)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "not in the active catalog" in r.stderr and not out.exists()
    args = [a for a in issue_args(cli, out) if a != "since_date=2019-05-01"]
    args.remove("--field")
    r = w(cli, *args)
    assert r.returncode == 2 and "since_date" in r.stderr and not out.exists()
    r = w(cli, *[a for a in issue_args(cli, out) if a != "--all-checks"])
    assert r.returncode == 2 and "eligibility" in r.stderr and not out.exists()
    assert json.loads(w(cli, "cert", "list", "--json").stdout)["counts"] == before


def test_refuse_writes_a_masked_notice(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    r = w(
        cli,
        "cert",
        "refuse",
        "--requested",
        "婚姻状况证明",
        "--resident",
        cli.resident,
        "--reason",
        "ON_NEGATIVE_LIST",
        "--out",
        str(out),
        "--json",
    )  # type: ignore[attr-defined]
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert "-R-" in data["number"] and "婚姻登记" in data["competent_body"]
    assert idn(11).encode() not in out.read_bytes()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert idn(11) not in "".join(text.split())
    r = w(
        cli,
        "cert",
        "refuse",
        "--requested",
        "x",
        "--resident",
        cli.resident,  # type: ignore[attr-defined]
        "--reason",
        "NOPE",
        "--out",
        str(tmp_path / "n.pdf"),
    )
    assert r.returncode == 2 and not (tmp_path / "n.pdf").exists()


def test_catalog_load_needs_an_admin_and_a_newer_version(cli: Cli, tmp_path: Path) -> None:
    from stationdesk.resources import resource_path

    data = json.loads(resource_path("catalog", "refusals.json").read_text(encoding="utf-8"))
    data["guide_version"] = 2
    f = tmp_path / "guide.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert w(cli, "cert", "catalog", "load", str(f)).returncode == 3
    r = cli("cert", "catalog", "load", str(f), "--json", password=ADMIN_PW, user="boss")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["version"] == 2
    f.write_text("{not json", encoding="utf-8")
    r = cli("cert", "catalog", "load", str(f), password=ADMIN_PW, user="boss")
    assert r.returncode == 2
