"""A fulfilled 微心愿 carries a photo: JPEG or PNG up to 10 MB, checked as case attachments are,
kept in the station database, described (not carried) by the fulfil op, and its bytes found
again by a station that got the wish back from the district."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from stationdesk.services import volunteering as v
from stationdesk.services.errors import InputError, NotFoundError
from stationdesk.services.files import MAX_FILE_BYTES, Upload, read_upload
from stationdesk.services.sync.attachments import StationAttachmentPort
from stationdesk.services.sync.port import StationSyncPort
from stationdesk.services.volunteering import synced
from stationdesk.store.models import AuditRecord, OutboxEntry
from stationdesk.store.models_volunteer import VolunteerWish, VolunteerWishPhoto
from tests.conftest import StationFixture

from .test_volunteering import desk  # noqa: F401

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 64


def _claimed(s: StationFixture, ids: dict[str, str]) -> str:
    wish = v.add_wish(
        s.station, s.worker, ids["resident"], "帮独居老人更换灯泡", deadline=date(2099, 1, 1)
    )
    v.claim_wish(s.station, s.worker, wish.id, ids["member"])
    return wish.id


def _state(s: StationFixture) -> tuple[Any, ...]:
    with s.station.db.read_session() as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(m)) or 0)
            for m in (VolunteerWishPhoto, OutboxEntry, AuditRecord)
        ) + tuple(session.scalars(select(VolunteerWish.status)))


def test_a_fulfilled_wish_keeps_its_photo_and_the_op_describes_it(desk) -> None:  # noqa: F811
    s, ids = desk
    wish_id = _claimed(s, ids)
    done = v.fulfil_wish(s.station, s.worker, wish_id, "已更换", Upload("C:\\相册\\灯泡.png", PNG))
    assert done.status_zh == "已完成" and done.photo == "灯泡.png"
    with s.station.db.read_session() as session:
        photo = session.get(VolunteerWishPhoto, wish_id)
        assert photo is not None
        assert (photo.mime, photo.size, bytes(photo.data or b"")) == ("image/png", len(PNG), PNG)
        assert photo.sha256 == hashlib.sha256(PNG).hexdigest()
        op = session.scalars(
            select(OutboxEntry).where(OutboxEntry.entity_id == wish_id).order_by(OutboxEntry.seq)
        ).all()[-1]
    assert op.kind == "fulfil"
    assert {k: op.payload["photo"][k] for k in ("name", "mime", "size", "sha256")} == {
        "name": "灯泡.png",
        "mime": "image/png",
        "size": len(PNG),
        "sha256": hashlib.sha256(PNG).hexdigest(),
    }
    assert "data" not in op.payload["photo"]
    shown = v.wish_photo(s.station, s.worker, wish_id)
    assert (shown.name, shown.mime, shown.data) == ("灯泡.png", "image/png", PNG)
    assert [w.photo for w in v.list_wishes(s.station, s.worker)] == ["灯泡.png"]
    # a wish fulfilled without one has none
    other = _claimed(s, ids)
    assert v.fulfil_wish(s.station, s.worker, other, "已完成").photo is None
    with pytest.raises(NotFoundError):
        v.wish_photo(s.station, s.worker, other)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("scan.pdf", b"%PDF-1.7 " + b"0" * 40),  # a case may take it, a wish may not
        ("pic.gif", b"GIF89a" + b"0" * 40),
        ("pic.png", JPEG),  # the content is not what the name says
        ("pic.jpg", b""),
        ("big.jpg", JPEG + b"0" * MAX_FILE_BYTES),
        ("", PNG),
    ],
)
def test_a_refused_photo_writes_nothing(desk, name: str, data: bytes) -> None:  # noqa: F811
    s, ids = desk
    wish_id = _claimed(s, ids)
    before = _state(s)
    with pytest.raises(InputError) as refused:
        v.fulfil_wish(s.station, s.worker, wish_id, "已更换", Upload(name, data))
    assert refused.value.field == "photo" and refused.value.zh != refused.value.args[0]
    assert _state(s) == before


def test_a_picked_file_too_large_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputError, match="at most 10 MB"):
        read_upload(big, "photo")
    with pytest.raises(InputError, match="cannot be read"):
        read_upload(tmp_path / "gone.jpg", "photo")
    ok = tmp_path / "ok.jpg"
    ok.write_bytes(JPEG)
    assert read_upload(ok, "photo") == Upload("ok.jpg", JPEG)


def test_a_wish_back_from_the_district_gets_its_photo_bytes(desk) -> None:  # noqa: F811
    """The pulled state describes the photo; the station lists it for the attachment fetch,
    then stores bytes that hash right, and uploads only photos it holds whole."""
    s, ids = desk
    wish_id = _claimed(s, ids)
    v.fulfil_wish(s.station, s.worker, wish_id, "已更换", Upload("a.jpg", JPEG))
    with s.station.db.write_session() as session:
        state = synced.wish_state(session, session.get(VolunteerWish, wish_id))
        session.delete(session.get(VolunteerWishPhoto, wish_id))
        session.flush()
        session.delete(session.get(VolunteerWish, wish_id))
    port = StationAttachmentPort(s.station, StationSyncPort(s.station))
    assert port.photos_missing() == []
    with s.station.db.write_session() as session:
        assert synced.restore_wish(session, wish_id, 3, state)
    [meta] = port.photos_missing()
    assert (meta.attachment_id, meta.size, meta.sha256) == (
        wish_id,
        len(JPEG),
        hashlib.sha256(JPEG).hexdigest(),
    )
    assert meta.sha256 not in port.attachment_hashes()  # no bytes yet: nothing to upload
    with pytest.raises(NotFoundError):
        v.wish_photo(s.station, s.worker, wish_id)
    with pytest.raises(ValueError):
        port.store_photo(meta, PNG)
    assert port.store_photo(meta, JPEG)
    assert not port.store_photo(meta, JPEG)  # held already
    assert port.photos_missing() == []
    assert port.attachment_hashes() == [meta.sha256]
    assert port.attachment_bytes(meta.sha256) == JPEG
    assert v.wish_photo(s.station, s.worker, wish_id).data == JPEG
