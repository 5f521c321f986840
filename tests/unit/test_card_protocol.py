"""The GA/T 467 frame codec and the ID-card text block decoder."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationdesk.cardreader import ReaderError, ReaderProblem
from stationdesk.cardreader.card import decode_text_block, encode_text_block
from stationdesk.cardreader.protocol import (
    Command,
    FrameReader,
    answer_frame,
    command_frame,
    frame,
    parse_answer,
    split_command,
)
from stationdesk.cardreader.sdk_reader import SdkCardReader, decode_sdk_fields
from stationdesk.domain.identity import Sex
from tests.helpers.cards import a_card as card
from tests.helpers.ids import idn


def test_the_find_select_and_read_commands_are_the_known_frames():
    assert command_frame(Command.FIND_CARD).hex() == "aaaaaa96690003200122"
    assert command_frame(Command.SELECT_CARD).hex() == "aaaaaa96690003200221"
    assert command_frame(Command.READ_BASE_MESSAGE).hex() == "aaaaaa96690003300132"
    # a reader's 'card found' answer as documented for GA/T 467 readers
    assert answer_frame(0x9F, bytes(4)).hex() == "aaaaaa9669000800009f0000000097"


@given(st.binary(min_size=3, max_size=1400), st.binary(max_size=40))
def test_any_body_round_trips_through_a_frame_even_after_noise(body, noise):
    reader = FrameReader()
    wire = noise.replace(b"\xaa", b"") + frame(body)
    for i in range(0, len(wire), 7):  # arrives in pieces, as on a serial line
        reader.feed(wire[i : i + 7])
    assert reader.next_body() == body
    assert reader.next_body() is None


@given(st.binary(min_size=3, max_size=300), st.integers(min_value=1, max_value=255))
def test_a_flipped_checksum_is_refused(body, flip):
    wire = bytearray(frame(body))
    wire[-1] ^= flip
    reader = FrameReader()
    reader.feed(bytes(wire))
    with pytest.raises(ReaderError) as err:
        reader.next_body()
    assert err.value.problem is ReaderProblem.CHECKSUM


def test_an_impossible_length_is_a_bad_frame_and_the_stream_recovers():
    reader = FrameReader()
    reader.feed(b"\xaa\xaa\xaa\x96\x69\xff\xff" + frame(b"\x00\x00\x90"))
    with pytest.raises(ReaderError) as err:
        reader.next_body()
    assert err.value.problem is ReaderProblem.BAD_FRAME
    assert parse_answer(reader.next_body()).status == 0x90


def test_command_and_answer_bodies_split():
    assert split_command(command_frame(Command.SELECT_CARD)[7:-1]) == (0x2002, b"")
    answer = parse_answer(answer_frame(0x90, b"xy", sw2=1)[7:-1])
    assert (answer.sw1, answer.sw2, answer.status, answer.data) == (0, 1, 0x90, b"xy")
    with pytest.raises(ReaderError):
        parse_answer(b"\x00")


def test_the_text_block_decodes_every_field():
    original = card()
    block = encode_text_block(original)
    assert len(block) == 256
    assert block[:4] == "张".encode("utf-16-le") + "伟".encode("utf-16-le")
    assert block[30:32] == "1".encode("utf-16-le") and block[32:36] == "11".encode("utf-16-le")
    decoded = decode_text_block(block)
    assert decoded == original
    assert decoded.ethnicity == "满族"
    assert "张伟" not in repr(decoded) and original.id_number not in repr(decoded)


def test_a_long_term_card_and_a_female_holder():
    original = card(sex=Sex.FEMALE, valid_until=None, id_number=idn(9, "19500101"))
    block = encode_text_block(original)
    assert block[30:32] == "2".encode("utf-16-le")
    assert "长期".encode("utf-16-le") in block
    decoded = decode_text_block(block)
    assert decoded.valid_until is None and decoded.sex is Sex.FEMALE
    assert not decoded.expired(date(2099, 1, 1))
    assert card().expired(date(2035, 3, 2)) and not card().expired(date(2035, 3, 1))


@given(
    name=st.text(alphabet="张王李赵钱孙周吴郑伟芳娜敏静丽强磊军洋", min_size=1, max_size=15),
    code=st.integers(min_value=1, max_value=56),
    address=st.text(alphabet="辽宁省大连市西岗区街道社区栋单元室0123456789", max_size=35),
)
def test_decoding_inverts_encoding(name, code, address):
    original = card(name=name, ethnic_code=f"{code:02d}", address=address)
    assert decode_text_block(encode_text_block(original)) == original


def test_a_block_with_a_bad_id_number_or_date_is_bad_card_data():
    good = encode_text_block(card())
    bad_id = good[:122] + "110101199001011230".encode("utf-16-le") + good[158:]
    for block in (bad_id, good[:100], good[:36] + "1985x520".encode("utf-16-le") + good[52:]):
        with pytest.raises(ReaderError) as err:
            decode_text_block(block)
        assert err.value.problem is ReaderProblem.BAD_CARD_DATA


def test_sdk_fields_decode_with_worded_sex_and_group():
    number = idn(7, "19850520")
    fields = {
        "name": "张伟",
        "sex": "男",
        "nation": "满",
        "birth": "19850520",
        "address": "辽宁省大连市西岗区人民广场街道3栋2单元502室",
        "id_number": number,
        "authority": "大连市公安局西岗分局",
        "valid_from": "2015.03.01",
        "valid_until": "长期",
    }
    decoded = decode_sdk_fields(fields)
    assert decoded == card(valid_until=None)
    assert decode_sdk_fields({**fields, "nation": "鄂伦春族"}).ethnicity == "鄂伦春族"


def test_the_sdk_reader_is_unavailable_off_windows_with_its_reason():
    reader = SdkCardReader("C:/reader/termb.dll")
    with pytest.raises(ReaderError) as err:
        reader.open()
    assert err.value.problem is ReaderProblem.UNSUPPORTED
    assert "Windows" in err.value.detail
