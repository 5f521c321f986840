"""The services the ID-card reader needs: a resident by full ID number, and the reader setting."""

from __future__ import annotations

import pytest

from stationdesk.cardreader import ReaderConfig, ReaderKind
from stationdesk.services import residents, settings
from stationdesk.services.errors import InputError, PermissionDeniedError
from tests.conftest import StationFixture
from tests.helpers.ids import idn


def test_a_card_number_finds_the_registered_resident_and_only_them(station: StationFixture):
    st, worker = station.station, station.worker
    made = residents.register_resident(
        st, worker, residents.ResidentInput(name="李军", id_number=idn(151))
    )
    residents.register_resident(
        st, worker, residents.ResidentInput(name="李平", id_number=idn(152))
    )
    assert residents.resident_with_id_number(st, worker, idn(151)) == made.row.id
    assert residents.resident_with_id_number(st, worker, idn(153)) is None
    with pytest.raises(InputError) as err:
        residents.resident_with_id_number(st, worker, idn(151)[:17] + "Y")
    assert err.value.field == "id_number" and idn(151) not in str(err.value)


def test_a_lowercase_check_character_is_the_same_number(station: StationFixture):
    st, worker = station.station, station.worker
    number = next(idn(n) for n in range(160, 400) if idn(n).endswith("X"))
    made = residents.register_resident(
        st, worker, residents.ResidentInput(name="周敏", id_number=number)
    )
    assert residents.resident_with_id_number(st, worker, number.lower()) == made.row.id


def test_the_reader_setting_defaults_to_none_and_the_admin_sets_it(station: StationFixture):
    st = station.station
    assert settings.card_reader_config(st) == ReaderConfig()
    settings.set_setting(st, station.admin, "card_reader_kind", "serial")
    settings.set_setting(st, station.admin, "card_reader_port", " /dev/ttyUSB0 ")
    assert settings.card_reader_config(st) == ReaderConfig(ReaderKind.SERIAL, "/dev/ttyUSB0")
    with pytest.raises(InputError) as err:
        settings.set_setting(st, station.admin, "card_reader_kind", "usb")
    assert err.value.field == "card_reader_kind"
    with pytest.raises(PermissionDeniedError):
        settings.set_setting(st, station.worker, "card_reader_kind", "none")


def test_the_reader_is_chosen_in_one_change_or_not_at_all(station: StationFixture):
    st = station.station
    settings.set_card_reader(st, station.admin, "sdk", "1001", "C:/reader/termb.dll")
    assert settings.card_reader_config(st) == ReaderConfig(
        ReaderKind.SDK, "1001", "C:/reader/termb.dll"
    )
    with pytest.raises(InputError):
        settings.set_card_reader(st, station.admin, "serial", "COM3\nCOM4", "")
    assert settings.card_reader_config(st).kind is ReaderKind.SDK
    with pytest.raises(PermissionDeniedError):
        settings.set_card_reader(st, station.worker, "none", "", "")
