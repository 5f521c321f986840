"""Attachment bytes on a real server process and PostgreSQL: chunked, deduplicated, sealed."""

from __future__ import annotations

import hashlib
import os
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from stationdesk.district import service
from stationdesk.district.db import DistrictDatabase
from stationdesk.district.models import AttachmentBlob, AttachmentChunk, AttachmentRef
from stationdesk.sync.client import BlobOffsetError, ServerError, SyncClient
from stationdesk.sync.protocol import ATTACHMENT_SIZE_HEADER, PROTOCOL_HEADER

from .harness import ServerProcess, pg_dump

pytestmark = pytest.mark.postgres

MARKER = b"ID-CARD-110101199003074518-"
KIB = 1024


def _blob(size: int, seed: bytes = b"") -> bytes:
    """Bytes that start with a plaintext marker and do not compress (like a photo)."""
    body = MARKER + seed + os.urandom(size)
    return body[:size]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _client(server: ServerProcess, db: DistrictDatabase, code: str) -> SyncClient:
    token = service.add_station(db, code, f"{code}站").token
    return SyncClient(server.url, code, token)


def _raw(server: ServerProcess, client: SyncClient, method: str, path: str, **kw: Any):
    headers = httpx.Headers(client._http.headers)
    headers.update(kw.pop("headers", {}))
    url = f"{server.url}/sync/v1/stations/{client.station_code}{path}"
    return httpx.request(method, url, headers=headers, **kw)


def _upload(client: SyncClient, data: bytes, chunk: int) -> None:
    sha, offset = _sha(data), 0
    while offset < len(data):
        progress = client.put_attachment(sha, offset, len(data), data[offset : offset + chunk])
        offset = progress.received
    assert progress.complete


def test_chunks_upload_dedup_across_stations_and_read_back_only_by_claimants(
    server: ServerProcess, district_db: DistrictDatabase
):
    a, b, c = (_client(server, district_db, code) for code in ("SY0101", "SY0102", "SY0103"))
    data = _blob(2 * 1024 * KIB + 123)  # three chunks of 1 MiB at most
    sha = _sha(data)
    assert [m.model_dump() for m in a.attachments_missing([sha]).missing] == [
        {"sha256": sha, "received": 0}
    ]
    first = a.put_attachment(sha, 0, len(data), data[: 1024 * KIB])
    assert (first.received, first.complete) == (1024 * KIB, False)
    assert b.attachments_missing([sha]).missing[0].received == 1024 * KIB
    _upload_from(a, data, 1024 * KIB)
    # a complete blob is missing for no one: the second station gets a claim, uploads nothing
    assert a.attachments_missing([sha]).missing == []
    assert b.attachments_missing([sha, sha]).missing == []
    again = b.put_attachment(sha, 0, len(data), data[: 1024 * KIB])
    assert again.complete and again.received == len(data)

    for reader in (a, b):
        assert _read(reader, sha, len(data)) == data
    middle, _ = a.get_attachment(sha, 1000)  # any offset, not only a chunk's start
    assert middle == data[1000 : 1024 * KIB]
    with pytest.raises(ServerError) as denied:  # the third station never named it
        c.get_attachment(sha, 0)
    assert denied.value.status == 404
    with district_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AttachmentBlob)) == 1
        assert s.scalar(select(func.count()).select_from(AttachmentChunk)) == 3
        refs = {r.station_id for r in s.scalars(select(AttachmentRef))}
    assert len(refs) == 2


def _read(client: SyncClient, sha: str, size: int) -> bytes:
    got = b""
    while len(got) < size:
        part, whole = client.get_attachment(sha, len(got))
        assert whole == size and 0 < len(part) <= 1024 * KIB
        got += part
    return got


def _upload_from(client: SyncClient, data: bytes, offset: int) -> None:
    sha = _sha(data)
    while offset < len(data):
        progress = client.put_attachment(sha, offset, len(data), data[offset : offset + 1024 * KIB])
        offset = progress.received
    assert progress.complete


def test_a_chunk_at_the_wrong_offset_gets_409_with_where_to_resume(
    server: ServerProcess, district_db: DistrictDatabase
):
    a = _client(server, district_db, "SY0101")
    data = _blob(300 * KIB)
    sha = _sha(data)
    a.put_attachment(sha, 0, len(data), data[: 100 * KIB])
    for offset in (0, 50 * KIB, 200 * KIB):
        with pytest.raises(BlobOffsetError) as conflict:
            a.put_attachment(sha, offset, len(data), data[offset : offset + 100 * KIB])
        assert conflict.value.received == 100 * KIB
    raw = _raw(server, a, "PUT", f"/attachments/{sha}?offset=0&size={len(data)}", content=b"x")
    assert raw.status_code == 409 and raw.json()["received"] == 100 * KIB
    assert raw.json()["error"] == "offset_mismatch" and raw.json()["message_zh"]
    with pytest.raises(ServerError) as other_size:  # the size of the upload under way
        a.put_attachment(sha, 100 * KIB, len(data) + 1, data[100 * KIB : 200 * KIB])
    assert other_size.value.status == 422
    _upload_from(a, data, 100 * KIB)
    assert _read(a, sha, len(data)) == data


def test_bytes_that_do_not_hash_are_refused_and_nothing_is_kept(
    server: ServerProcess, district_db: DistrictDatabase
):
    a = _client(server, district_db, "SY0101")
    data = _blob(200 * KIB)
    wrong = _sha(data[::-1])
    a.put_attachment(wrong, 0, len(data), data[: 100 * KIB])
    with pytest.raises(ServerError) as refused:
        a.put_attachment(wrong, 100 * KIB, len(data), data[100 * KIB :])
    assert refused.value.status == 422 and "SHA-256" in refused.value.message
    with district_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AttachmentChunk)) == 0
        blob = s.get(AttachmentBlob, wrong)
        assert blob is not None and (blob.received, blob.complete) == (0, False)
    assert a.attachments_missing([wrong]).missing[0].received == 0
    with pytest.raises(ServerError) as unknown:
        a.get_attachment(wrong, 0)
    assert unknown.value.status == 404


def test_bad_input_gets_4xx_with_a_reason(server: ServerProcess, district_db: DistrictDatabase):
    a = _client(server, district_db, "SY0101")
    data = _blob(10 * KIB)
    sha = _sha(data)
    base = f"/attachments/{sha}"
    big = 10 * 1024 * KIB + 1
    cases = [
        ("PUT", f"{base}?offset=0&size={big}", data, 422),  # larger than the station's limit
        ("PUT", f"{base}?offset=0&size=0", data, 422),
        ("PUT", f"{base}?offset=-1&size=100", data, 422),
        ("PUT", f"{base}?offset=abc&size=100", data, 422),
        ("PUT", f"{base}?size=100", data, 422),  # no offset
        ("PUT", f"{base}?offset=0&size=100", b"", 422),  # an empty chunk
        ("PUT", f"{base}?offset=0&size=5", data, 422),  # a chunk past the size
        ("PUT", f"{base}?offset=0&size={big - 1}", b"y" * (1024 * KIB + 1), 413),
        ("PUT", f"/attachments/{sha.upper()}?offset=0&size=100", data, 422),
        ("PUT", f"/attachments/{sha[:63]}?offset=0&size=100", data, 422),
        ("PUT", "/attachments/not-a-hash?offset=0&size=100", data, 422),
        ("GET", f"/attachments/{sha[:10]}", None, 422),
        ("GET", f"{base}?offset=-5", None, 422),
        ("GET", base, None, 404),  # never uploaded
    ]
    for method, path, body, status in cases:
        r = _raw(server, a, method, path, content=body)
        assert r.status_code == status, (method, path, r.status_code, r.text)
        assert r.json()["message"], path
    posts = [
        {"sha256": ["g" * 64]},
        {"sha256": [sha[:60]]},
        {"sha256": "abc"},
        {"sha256": [sha] * 1001},
        {},
    ]
    for body in posts:
        r = _raw(server, a, "POST", "/attachments/missing", json=body)
        assert r.status_code == 422 and r.json()["message"], body
    r = _raw(server, a, "POST", "/attachments/missing", content=b"{not json")
    assert r.status_code == 422
    r = _raw(
        server, a, "PUT", f"{base}?offset=0&size=10", content=b"1", headers={PROTOCOL_HEADER: "0"}
    )
    assert r.status_code == 426
    r = httpx.put(f"{server.url}/sync/v1/stations/SY0101{base}?offset=0&size=10", content=b"1",
                  headers={PROTOCOL_HEADER: "1"})  # fmt: skip
    assert r.status_code == 401
    with district_db.session() as s:  # none of it stored a byte
        assert s.scalar(select(func.count()).select_from(AttachmentChunk)) == 0
    _upload(a, data, 4 * KIB)
    r = _raw(server, a, "GET", f"{base}?offset={len(data)}")
    assert r.status_code == 422 and r.json()["message"]
    r = _raw(server, a, "GET", f"{base}?offset=5")
    assert r.status_code == 200 and r.content == data[5 : 4 * KIB]
    assert r.headers[ATTACHMENT_SIZE_HEADER] == str(len(data))


def test_chunks_are_sealed_at_rest(
    server: ServerProcess, district_db: DistrictDatabase, district_url: str
):
    a = _client(server, district_db, "SY0101")
    data = (MARKER * 4000)[: 90 * KIB]  # readable text all through
    _upload(a, data, 30 * KIB)
    dump = pg_dump(district_url)
    assert MARKER not in dump and MARKER.hex().encode() not in dump
    with district_db.session() as s:
        stored = list(s.scalars(select(AttachmentChunk.data)))
    assert len(stored) == 3
    assert all(row.startswith(b"enc:v1:") and MARKER not in row for row in stored)
    assert a.get_attachment(_sha(data), 0)[0] == data[: 30 * KIB]
