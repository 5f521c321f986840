"""Revoking and rotating station and department tokens from the CLI, against a running server."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from stationdesk.district import departments, service
from stationdesk.district.models import DistrictDepartment, DistrictStation
from stationdesk.sync.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.helpers.district import run_cli

from .harness import ServerProcess

pytestmark = pytest.mark.postgres


def station_status(server: ServerProcess, code: str, token: str) -> int:
    """The status of an authenticated station request (scope-hash reads, never writes)."""
    r = httpx.get(
        f"{server.url}{API_PREFIX}/stations/{code}/scope-hash",
        headers={"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
        timeout=30,
    )
    return r.status_code


def department_status(server: ServerProcess, token: str) -> int:
    r = httpx.get(
        f"{server.url}/dept/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    return r.status_code


def cli(url: str, tmp: Path, *args: str) -> dict[str, object]:
    r = run_cli("district", *args, "--db", url, "--json", tmp=tmp)
    assert r.returncode == 0, r.stderr
    data: dict[str, object] = json.loads(r.stdout)
    return data


def test_a_revoked_station_token_gets_401_at_once_and_a_rotated_one_replaces_it(
    district_url, district_db, server, tmp_path: Path
):
    old = service.add_station(district_db, "SY0101", "星海站").token
    other = service.add_station(district_db, "SY0202", "海湾站").token
    assert station_status(server, "SY0101", old) == 200

    revoked = cli(district_url, tmp_path, "revoke-station", "sy0101")
    assert revoked == {"holder": "station", "code": "SY0101", "name": "星海站", "revoked": True}
    assert station_status(server, "SY0101", old) == 401  # the running server, no restart
    assert station_status(server, "SY0202", other) == 200  # another station is untouched
    listed = run_cli("district", "stations", "--db", district_url, tmp=tmp_path).stdout
    assert "SY0101" in listed and "revoked" in listed.split("SY0101")[1].splitlines()[0]

    r = run_cli("district", "rotate-token", "SY0101", "--db", district_url, tmp=tmp_path)
    assert r.returncode == 0, r.stderr
    new = r.stdout.strip().splitlines()[-1]
    assert new.startswith("sdt_") and r.stdout.count(new) == 1 and new != old
    assert station_status(server, "SY0101", new) == 200
    assert station_status(server, "SY0101", old) == 401
    with district_db.session() as s:
        row = s.query(DistrictStation).filter_by(code="SY0101").one()
        assert row.active and row.token_hash == service.hash_token(new)

    # rotating a working token stops the old one at once, too
    newer = str(cli(district_url, tmp_path, "rotate-token", "SY0101", "--station")["token"])
    assert station_status(server, "SY0101", new) == 401
    assert station_status(server, "SY0101", newer) == 200


def test_a_department_token_is_revoked_and_rotated_the_same_way(
    district_url, district_db, server, tmp_path: Path
):
    old = departments.add_department(district_db, "CITY_OFFICE", "城管科").token
    assert department_status(server, old) == 200
    cli(district_url, tmp_path, "revoke-department", "city_office")
    assert department_status(server, old) == 401
    new = cli(district_url, tmp_path, "rotate-token", "CITY_OFFICE")
    assert new["holder"] == "department" and str(new["token"]).startswith("sdd_")
    assert department_status(server, str(new["token"])) == 200
    assert department_status(server, old) == 401
    with district_db.session() as s:
        row = s.get(DistrictDepartment, "CITY_OFFICE")
        assert row is not None and row.token_hash == service.hash_token(str(new["token"]))


def test_unknown_and_ambiguous_codes_are_refused(district_url, district_db, tmp_path: Path):
    service.add_station(district_db, "SY0303", "甲站")
    departments.add_department(district_db, "SY0303", "同名部门")
    for args in (
        ["revoke-station", "NOPE01"],
        ["revoke-department", "NOPE"],
        ["rotate-token", "NOPE01"],
        ["rotate-token", "SY0303"],  # both a station and a department
        ["rotate-token", "SY0303", "--station", "--department"],
    ):
        r = run_cli("district", *args, "--db", district_url, tmp=tmp_path)
        assert r.returncode == 2, (args, r.stderr)
    assert cli(district_url, tmp_path, "rotate-token", "SY0303", "--department")["holder"] == (
        "department"
    )
