"""The admin CLI as a user runs it: real subprocesses, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import ADMIN_PW, Cli, one_line


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    c = Cli(tmp_path_factory.mktemp("cli"))
    r = c(
        "init",
        "--station-code",
        "sy0202",
        "--station-name",
        "星海社区党群服务站",
        "--admin",
        "boss",
        password=ADMIN_PW,
    )
    assert r.returncode == 0, r.stderr
    r = c(
        "worker",
        "add",
        "wang",
        "--role",
        "worker",
        "--display-name",
        "王芳",
        "--password-stdin",
        stdin="worker-pass-1\n",
        password=ADMIN_PW,
        user="boss",
    )
    assert r.returncode == 0, r.stderr
    return c


def test_worker_list_json(cli: Cli) -> None:
    r = cli("worker", "list", "--json", password=ADMIN_PW, user="boss")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {w["username"]: w["role"] for w in rows} == {"boss": "admin", "wang": "worker"}
    assert all("password" not in json.dumps(w) for w in rows)


def test_worker_may_not_add_workers_exit_3(cli: Cli) -> None:
    r = cli(
        "worker",
        "add",
        "li",
        "--role",
        "head",
        "--password-stdin",
        stdin="head-pass-1\n",
        password="worker-pass-1",
        user="wang",
    )
    assert r.returncode == 3
    assert "may not" in one_line(r.stderr)


def test_wrong_password_exit_3(cli: Cli) -> None:
    r = cli("worker", "list", password="not-it", user="boss")
    assert r.returncode == 3
    assert "password" in one_line(r.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("worker", "add"),
        ("worker", "add", "li", "--role", "chief", "--password-stdin"),
        ("no-such-command",),
        ("init", "--station-code", "x"),
    ],
)
def test_bad_usage_exit_2_one_line(cli: Cli, args: tuple[str, ...]) -> None:
    r = cli(*args, password=ADMIN_PW, user="boss")
    assert r.returncode == 2
    one_line(r.stderr)


def test_bad_values_exit_2_and_write_nothing(cli: Cli) -> None:
    r = cli(
        "worker",
        "add",
        "Bad Name",
        "--role",
        "worker",
        "--password-stdin",
        stdin="worker-pass-1\n",
        password=ADMIN_PW,
        user="boss",
    )
    assert r.returncode == 2
    one_line(r.stderr)
    r = cli(
        "worker",
        "add",
        "shorty",
        "--role",
        "worker",
        "--password-stdin",
        stdin="short\n",
        password=ADMIN_PW,
        user="boss",
    )
    assert r.returncode == 2
    rows = json.loads(cli("worker", "list", "--json", password=ADMIN_PW, user="boss").stdout)
    assert {w["username"] for w in rows} == {"boss", "wang"}


def test_missing_user_exit_2(cli: Cli) -> None:
    r = cli("worker", "list", password=ADMIN_PW)
    assert r.returncode == 2
    assert "--user" in one_line(r.stderr)


def test_init_twice_refused(cli: Cli) -> None:
    r = cli(
        "init",
        "--station-code",
        "SY0202",
        "--station-name",
        "again",
        "--admin",
        "x",
        password=ADMIN_PW,
    )
    assert r.returncode != 0
    one_line(r.stderr)


def test_doctor_reports_ok(cli: Cli) -> None:
    r = cli("doctor", "--json", password=ADMIN_PW, user="boss")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["ok"] and report["checks"]["database"] == "ok"
    assert report["versions"]["sqlcipher"].startswith("4.")


def test_backup_and_restore(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "b.db"
    r = cli("backup", "--out", str(out), password=ADMIN_PW, user="boss")
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 0
    r = cli("restore", str(out), password=ADMIN_PW, user="boss")
    assert r.returncode == 0, r.stderr
    r = cli("restore", str(tmp_path / "missing.db"), password=ADMIN_PW, user="boss")
    assert r.returncode == 2
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(os.urandom(8192))
    r = cli("restore", str(foreign), password=ADMIN_PW, user="boss")
    assert r.returncode == 2
    assert "not a backup of this station" in one_line(r.stderr)
    assert cli("audit", "verify", password=ADMIN_PW, user="boss").returncode == 0


def test_tampered_audit_row_is_detected(tmp_path: Path) -> None:
    c = Cli(tmp_path)
    assert (
        c(
            "init",
            "--station-code",
            "SY0303",
            "--station-name",
            "测试站",
            "--admin",
            "boss",
            password=ADMIN_PW,
        ).returncode
        == 0
    )
    ok = c("audit", "verify", password=ADMIN_PW, user="boss")
    assert ok.returncode == 0 and "intact" in ok.stdout
    # edit one audit row directly in the encrypted file, with the station's key
    from sqlcipher3 import dbapi2

    keyfile = json.loads((tmp_path / "keyring.json").read_text())
    key = next(v for k, v in keyfile.items() if "db-key" in k)
    conn = dbapi2.connect(str(c.data / "station.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    conn.execute("UPDATE audit_record SET action = 'nothing.happened' WHERE seq = 2")
    conn.close()
    bad = c("audit", "verify", password=ADMIN_PW, user="boss")
    assert bad.returncode == 1
    assert "record 2" in bad.stdout


def test_selftest_shows_the_main_window() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, "-m", "stationdesk", "--selftest"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "main window shown" in r.stdout
