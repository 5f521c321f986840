"""``keys rotate`` through real subprocesses: who may, what it needs, what still verifies."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.helpers.certs_cli import HEAD_PW, certs_station, issue_args
from tests.helpers.cli import ADMIN_PW, Cli, one_line, w


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return certs_station(tmp_path_factory.mktemp("ccli"))


def head(cli: Cli, *args: str) -> subprocess.CompletedProcess[str]:
    return cli(*args, password=HEAD_PW, user="li")


def verdict(cli: Cli, subject: str) -> str:
    r = w(cli, "cert", "verify", subject, "--json")
    return str(json.loads(r.stdout)["verdict"])


def test_a_head_or_admin_rotates_the_key_and_old_certificates_stay_valid(
    cli: Cli,
    tmp_path: Path,
) -> None:
    r = head(cli, "keys", "rotate")
    assert r.returncode == 2 and "no signing key yet" in one_line(r.stderr)

    old_pdf = tmp_path / "old.pdf"
    r = w(cli, *issue_args(cli, old_pdf))
    assert r.returncode == 0, r.stderr
    old_number = r.stdout.strip()

    r = w(cli, "keys", "rotate")
    assert r.returncode == 3 and "head or an admin" in one_line(r.stderr)

    r = head(cli, "keys", "rotate", "--json")
    assert r.returncode == 0, r.stderr
    first = json.loads(r.stdout)
    assert first["signed"] is True and first["station_code"] == "SY0505"
    assert len(first["old_public_key"]) == len(first["new_public_key"]) == 64
    assert first["old_public_key"] != first["new_public_key"]
    r = cli("keys", "rotate", password=ADMIN_PW, user="boss")
    assert r.returncode == 0, r.stderr
    assert f"old public key: {first['new_public_key']}" in r.stdout
    assert "signed with the old key" in r.stdout

    new_pdf = tmp_path / "new.pdf"
    r = w(cli, *issue_args(cli, new_pdf))
    assert r.returncode == 0, r.stderr
    for subject in (str(old_pdf), old_number, str(new_pdf), r.stdout.strip()):
        assert verdict(cli, subject) == "valid", subject

    # the key in force is lost from the keyring: only a lost-key rotation is possible then
    keyring = Path(cli.env["STATIONDESK_PLAIN_KEYRING_FILE"])
    entries = json.loads(keyring.read_text(encoding="utf-8"))
    kept = {k: v for k, v in entries.items() if "signing-key" not in k}
    assert len(kept) < len(entries)
    keyring.write_text(json.dumps(kept), encoding="utf-8")
    r = head(cli, "keys", "rotate")
    assert r.returncode == 2 and "--lost-old-key" in one_line(r.stderr)
    r = head(cli, "keys", "rotate", "--lost-old-key")
    assert r.returncode == 0, r.stderr
    assert "district approve-key SY0505 --key" in r.stdout
    assert verdict(cli, str(old_pdf)) == "valid" and verdict(cli, str(new_pdf)) == "valid"
