"""The serial reader against the simulated reader over a real pty: cards, faults, unplugging."""

from __future__ import annotations

import time

import pytest

from stationdesk.cardreader import ReaderConfig, ReaderError, ReaderKind, ReaderProblem, make_reader
from stationdesk.cardreader.protocol import Command
from stationdesk.cardreader.serial_reader import SerialCardReader
from stationdesk.cardreader.simulator import Fault, SimulatedReader
from tests.helpers.cards import a_card as card


@pytest.fixture
def sim():
    simulator = SimulatedReader()
    yield simulator
    simulator.close()


@pytest.fixture
def reader(sim):
    r = make_reader(ReaderConfig(ReaderKind.SERIAL, port=sim.port_name))
    assert isinstance(r, SerialCardReader)
    r.timeout_s = 0.5
    r.open()
    yield r
    r.close()


def test_no_card_then_a_card_is_found_selected_and_read(sim, reader):
    assert reader.poll() is None
    assert sim.commands == [Command.FIND_CARD]
    placed = card()
    sim.present(placed)
    assert reader.poll() == placed
    assert sim.commands[1:] == [Command.FIND_CARD, Command.SELECT_CARD, Command.READ_BASE_MESSAGE]
    sim.lift()
    assert reader.poll() is None


def test_a_bad_frame_and_a_checksum_error_are_reported_and_the_next_poll_works(sim, reader):
    sim.present(card())
    sim.inject(Fault.BAD_FRAME)
    with pytest.raises(ReaderError) as err:
        reader.poll()
    assert err.value.problem is ReaderProblem.BAD_FRAME
    sim.inject(Fault.CHECKSUM)
    with pytest.raises(ReaderError) as err:
        reader.poll()
    assert err.value.problem is ReaderProblem.CHECKSUM
    assert reader.poll() == card()


def test_a_silent_reader_times_out(sim, reader):
    sim.inject(Fault.SILENCE)
    started = time.monotonic()
    with pytest.raises(ReaderError) as err:
        reader.poll()
    assert err.value.problem is ReaderProblem.NO_ANSWER
    assert time.monotonic() - started < 2


def test_unplugging_is_reported_as_disconnected(sim, reader):
    assert reader.poll() is None
    sim.unplug()
    with pytest.raises(ReaderError) as err:
        reader.poll()
    assert err.value.problem is ReaderProblem.DISCONNECTED


def test_a_port_that_does_not_exist_is_unavailable(tmp_path):
    r = SerialCardReader(str(tmp_path / "ttyUSB9"))
    with pytest.raises(ReaderError) as err:
        r.open()
    assert err.value.problem is ReaderProblem.UNAVAILABLE
    assert make_reader(ReaderConfig()) is None
