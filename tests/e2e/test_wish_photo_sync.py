"""A fulfilled wish's photo reaches the district as an attachment (its description in the
fulfil op, its name sealed, its bytes uploaded by hash) and comes back byte for byte to a
station rebuilt from the district (real PostgreSQL, real server process)."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from stationdesk.district.models import AttachmentBlob, Record
from stationdesk.domain.station_time import station_today
from stationdesk.services import auth, sync, workers
from stationdesk.services import volunteering as v
from stationdesk.services.files import Upload
from stationdesk.store.models_volunteer import VolunteerWishPhoto

from .stations import (
    SyncedStation,
    assert_converged,
    create_resident,
    dead_pc_rebuilt,
    new_id_number,
)

pytestmark = pytest.mark.postgres

JPEG = b"\xff\xd8\xff\xe0"


def _photos(st: Any) -> dict[str, tuple[Any, ...]]:
    with st.db.read_session() as s:
        return {
            p.wish_id: (p.name, p.mime, p.size, p.sha256, p.added_at, p.added_by, p.data)
            for p in s.scalars(select(VolunteerWishPhoto))
        }


def test_a_wish_photo_survives_a_rebuild_from_the_district(
    make_station, district_db, server, tmp_path
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    member = v.add_member(
        a.station,
        a.head,
        v.MemberInput(
            name="李强", id_number=new_id_number(), report_date=station_today(a.clock.now)
        ),
    ).id
    wang = create_resident(a.station, a.head, "王芳")
    deadline = station_today(a.clock.now) + timedelta(days=7)
    wishes = [
        v.add_wish(a.station, a.head, wang, text, deadline=deadline).id
        for text in ("代购药品", "修理门锁")
    ]
    photo = JPEG + os.urandom(300 * 1024)  # several chunks
    sha = hashlib.sha256(photo).hexdigest()
    for wish in wishes:
        v.claim_wish(a.station, a.head, wish, member)
    v.fulfil_wish(a.station, a.head, wishes[0], "已送达", Upload("送药𠈌.jpg", photo))
    v.fulfil_wish(a.station, a.head, wishes[1], "已修好")  # no photo
    v.confirm_wish(a.station, a.head, wishes[0], "满意")  # the photo stays described
    first = a.sync(server.url)
    assert first.outcome == "ok", first.message

    with district_db.session() as s:
        record = s.scalars(
            select(Record).where(Record.entity == "volunteer_wish", Record.entity_id == wishes[0])
        ).one()
        blob = s.get(AttachmentBlob, sha)
        assert blob is not None and blob.complete and blob.size == len(photo)
        other = s.scalars(
            select(Record).where(Record.entity == "volunteer_wish", Record.entity_id == wishes[1])
        ).one()
    stored = record.data
    assert stored["photo"]["sha256"] == sha and stored["photo"]["size"] == len(photo)
    assert stored["photo"]["mime"] == "image/jpeg"
    with district_db.session() as s:
        raw = s.execute(
            text("SELECT data::text FROM record WHERE entity_id = :id"), {"id": wishes[0]}
        ).scalar_one()
    assert sha in raw and "送药" not in raw and "代购药品" not in raw  # the name is sealed
    assert other.data.get("photo") is None
    before = _photos(a.station)
    assert list(before) == [wishes[0]]

    result = dead_pc_rebuilt(a, server.url, tmp_path)
    st = result.station
    assert "volunteer_wish" not in result.not_restored
    assert _photos(st) == before  # the bytes, name, type, hash, time and worker
    admin = auth.login(st, "admin", "rebuilt-admin-1")
    workers.set_password(st, admin, "head", "head-pass-2")
    head = auth.login(st, "head", "head-pass-2")
    shown = v.wish_photo(st, head, wishes[0])
    assert (shown.name, shown.data) == ("送药𠈌.jpg", photo)
    assert [w.photo for w in v.list_wishes(st, head)] in (
        ["送药𠈌.jpg", None],
        [None, "送药𠈌.jpg"],
    )

    rebuilt = SyncedStation("SA0101", st, admin, head, a.clock, a.token)
    rebuilt.ops = a.ops  # one station identity: the exactly-once check counts both folders' ops
    after = rebuilt.sync(server.url)
    assert after.outcome == "ok", after.message
    assert _photos(st) == before
    assert_converged(district_db, rebuilt)
