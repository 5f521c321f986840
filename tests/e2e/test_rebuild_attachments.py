"""Case attachments reach the district in chunks (an upload cut midway resumes at the next
sync), are stored once however often they are attached, and come back byte for byte to a
station rebuilt from the district."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from stationdesk.district.models import AttachmentBlob, AttachmentChunk, AttachmentRef
from stationdesk.services import auth, case_reference, cases, sync, workers
from stationdesk.store.models_cases import CaseAttachment, CaseEvent
from tests.district.harness import Captured, FaultProxy, ServerProcess
from tests.helpers.cases import photo

from .stations import SyncedStation, dead_pc_rebuilt

pytestmark = pytest.mark.postgres

KIB = 1024
CHUNK = 64 * KIB


def _scan(n: int) -> bytes:
    """About 200 KB that pass as a PNG and do not compress, like a photo."""
    return photo(200 * KIB + n)


def _attachments(station: Any) -> dict[str, tuple[Any, ...]]:
    with station.db.read_session() as s:
        return {
            a.id: (a.case_id, a.name, a.mime, a.size, a.sha256, a.added_at, a.added_by, a.data)
            for a in s.scalars(select(CaseAttachment))
        }


def _fill(a: SyncedStation) -> list[bytes]:
    code = case_reference.list_matter_types(a.station)[0].code
    made = [
        cases.open_case(
            a.station, a.head, cases.NewCase(type_code=code, channel="walk-in", summary=summary)
        ).case
        for summary in ("楼道堆物", "路灯不亮")
    ]
    scans = [_scan(n) for n in range(3)]
    for case, name, data in (
        (made[0], "身份证正面𠈌.png", scans[0]),
        (made[0], "申请表.png", scans[1]),
        (made[1], "现场照片.png", scans[2]),
        (made[1], "身份证正面（复印）.png", scans[0]),  # the same bytes at a second case
    ):
        cases.add_attachment(a.station, a.head, case.id, name, data)
    return scans


def _cut_once(target: str):  # type: ignore[no-untyped-def]
    """A fault that cuts the third chunk of the upload of ``target`` (at 128 KiB), once."""
    cut: list[int] = []

    def decide(req: Captured, _n: int) -> str | None:
        url = urlsplit(req.path)
        offset = parse_qs(url.query).get("offset", ["0"])[0]
        third = req.method == "PUT" and url.path.endswith(target) and offset == str(2 * CHUNK)
        if third and not cut:
            cut.append(1)
            return "cut_request"
        return None

    return decide


def test_attachments_go_up_resume_after_a_cut_and_come_back_to_a_rebuilt_station(
    make_station, district_db, server: ServerProcess, tmp_path
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    scans = _fill(a)
    hashes = sorted(hashlib.sha256(s).hexdigest() for s in scans)
    before = _attachments(a.station)
    assert len(before) == 4

    target = hashes[1]
    proxy = FaultProxy(server.port, decide=_cut_once(target))
    try:
        cut = a.sync(proxy.url, attachment_chunk=CHUNK)
        assert cut.outcome == "offline"
        assert a.pending() == 0  # the ops went up before the attachments
        with district_db.session() as s:
            blobs = {b.sha256: (b.received, b.complete) for b in s.scalars(select(AttachmentBlob))}
        assert blobs[target] == (2 * CHUNK, False)  # two chunks kept, the third was cut
        assert blobs[hashes[0]][1] and hashes[2] not in blobs

        puts: list[tuple[str, str]] = []
        resume = proxy.decide

        def noting(req: Captured, n: int) -> str | None:
            if req.method == "PUT":
                url = urlsplit(req.path)
                puts.append((url.path.rsplit("/", 1)[-1], parse_qs(url.query)["offset"][0]))
            return resume(req, n) if resume else None

        proxy.decide = noting
        assert a.sync(proxy.url, attachment_chunk=CHUNK).outcome == "ok"
    finally:
        proxy.close()
    # the cut upload resumed where the district's bytes ended; the whole one was not sent again
    assert [off for sha, off in puts if sha == target] == [str(2 * CHUNK), str(3 * CHUNK)]
    assert hashes[0] not in {sha for sha, _ in puts}
    with district_db.session() as s:
        blobs = {b.sha256: (b.size, b.complete) for b in s.scalars(select(AttachmentBlob))}
        chunks = s.scalar(select(func.count()).select_from(AttachmentChunk))
        refs = s.scalar(select(func.count()).select_from(AttachmentRef))
    assert sorted(blobs) == hashes and all(done for _, done in blobs.values())  # stored once
    assert chunks == sum(-(-len(scan) // CHUNK) for scan in scans) and refs == 3
    assert a.sync(server.url).outcome == "ok"  # nothing left to upload

    result = dead_pc_rebuilt(a, server.url, tmp_path)
    st = result.station
    after = _attachments(st)
    assert after == before  # same ids, cases, names, types, times, workers and bytes
    for row in after.values():
        assert hashlib.sha256(row[-1]).hexdigest() == row[4]
    admin = auth.login(st, "admin", "rebuilt-admin-1")
    workers.set_password(st, admin, "head", "head-pass-2")
    head = auth.login(st, "head", "head-pass-2")
    shown = cases.attachment_data(st, head, next(iter(after)))  # the case page opens it
    assert shown.data == after[next(iter(after))][-1]
    assert sync.run_sync(st).outcome == "ok"  # a second cycle finds nothing to fetch or send
    assert _attachments(st) == before


def test_an_attachment_the_dead_pc_never_uploaded_does_not_stop_the_rebuild(
    make_station, district_db, server: ServerProcess, tmp_path
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    _fill(a)
    proxy = FaultProxy(
        server.port, decide=lambda req, _n: "cut_request" if req.method == "PUT" else None
    )
    try:
        assert a.sync(proxy.url).outcome == "offline"  # the ops went up, no attachment did
    finally:
        proxy.close()
    assert a.pending() == 0
    result = dead_pc_rebuilt(a, server.url, tmp_path)
    assert _attachments(result.station) == {}  # the cases and their events are back, no bytes
    with result.station.db.read_session() as s:
        attach_events = select(func.count()).where(CaseEvent.action == "attach")
        assert s.scalar(attach_events) == 4
    again = sync.run_sync(result.station)  # asks again at each sync, and is not an error
    assert again.outcome == "ok" and _attachments(result.station) == {}
