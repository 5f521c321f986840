"""The station address prefix: admin only, one line of at most 60 characters, and printed on
certificates before the building address."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from stationdesk.services import certificates as certs
from stationdesk.services import settings
from stationdesk.services.errors import InputError, PermissionDeniedError
from tests.conftest import StationFixture
from tests.helpers.certificates import register, residence
from tests.helpers.poppler import needs_poppler

PREFIX = "大连市西岗区人民广场街道星海社区"


def test_only_an_admin_sets_a_valid_prefix(station: StationFixture) -> None:
    st = station.station
    assert settings.get_setting(st, "station_address_prefix") == ""
    with pytest.raises(PermissionDeniedError):
        settings.set_setting(st, station.head, "station_address_prefix", PREFIX)
    for bad in ("街" * 61, "第一行\n第二行", 42):
        with pytest.raises(InputError) as caught:
            settings.set_setting(st, station.admin, "station_address_prefix", bad)
        assert caught.value.field == "station_address_prefix" and "60" in caught.value.zh
    settings.set_setting(st, station.admin, "station_address_prefix", f"  {PREFIX} ")
    assert settings.get_setting(st, "station_address_prefix") == PREFIX
    settings.set_setting(st, station.admin, "station_address_prefix", "街" * 60)


@needs_poppler
def test_the_certificate_address_starts_with_the_community(
    station: StationFixture, tmp_path: Path
) -> None:
    rid, _number = register(station)
    settings.set_setting(station.station, station.admin, "station_address_prefix", PREFIX)
    form = certs.prepare_issue(station.station, station.worker, "RESIDENCE", rid)
    assert form.values["address"] == f"{PREFIX}3栋2单元501室"
    out = tmp_path / "cert.pdf"
    certs.issue_certificate(station.station, station.worker, residence(rid), out=out)
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"在{PREFIX}3栋2单元501室居住" in "".join(text.split())
