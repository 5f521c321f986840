"""Attachment bytes on the district: which a station still has to upload, chunked upload, read.

Blobs are addressed by the SHA-256 of their bytes and stored once, whoever uploads them; each
chunk is sealed under the data key, bound to its blob and offset. A station may read a blob
only once it has a claim on it (``attachment_ref``: it named it as its own or uploaded it).
An upload resumes where the district's bytes end: a PUT at another offset gets 409 with the
count received, and the last chunk makes the district hash the whole (422 and nothing kept
when it does not match).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from stationdesk.dbkit import utc_now
from stationdesk.sync.protocol import (
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_CHUNK,
    AttachmentsMissing,
    BlobProgress,
    MissingBlob,
)

from ..crypto import session_vault
from ..crypto.rows import open_chunk, seal_chunk
from ..db import DistrictDatabase
from ..errors import DistrictError
from ..models import AttachmentBlob, AttachmentChunk, AttachmentRef, DistrictStation


class OffsetMismatch(Exception):
    """A chunk that does not start where the district's bytes end: resume at ``received``."""

    def __init__(self, received: int) -> None:
        super().__init__(f"the district holds {received} bytes of this attachment")
        self.received = received


@dataclass(frozen=True)
class BlobChunk:
    """Bytes of a complete blob from an offset, and the blob's whole size."""

    data: bytes
    size: int


def _insert_new(db: DistrictDatabase, model: Any, rows: Any) -> Any:
    """An INSERT of ``rows`` that leaves a row already there alone."""
    return (sqlite_insert if db.sqlite else pg_insert)(model).values(rows).on_conflict_do_nothing()


def _claim(db: DistrictDatabase, s: Session, station_id: str, hashes: list[str]) -> None:
    if not hashes:
        return
    now = utc_now()
    rows = [{"station_id": station_id, "sha256": h, "created_at": now} for h in sorted(hashes)]
    s.execute(_insert_new(db, AttachmentRef, rows))


def missing(
    db: DistrictDatabase, station: DistrictStation, hashes: list[str]
) -> AttachmentsMissing:
    """Which of ``hashes`` the district does not hold whole (with the bytes it has); the
    station gets a claim on every one of them."""
    wanted = list(dict.fromkeys(hashes))
    with db.session() as s:
        _claim(db, s, station.id, wanted)
        have = {
            b.sha256: b
            for b in s.scalars(select(AttachmentBlob).where(AttachmentBlob.sha256.in_(wanted)))
        }
    out = []
    for sha in wanted:
        blob = have.get(sha)
        if blob is None or not blob.complete:
            out.append(MissingBlob(sha256=sha, received=blob.received if blob else 0))
    return AttachmentsMissing(missing=out)


def _check_size(size: int) -> None:
    if not 0 < size <= MAX_ATTACHMENT_BYTES:
        raise DistrictError(
            422,
            "bad_size",
            f"an attachment has 1 to {MAX_ATTACHMENT_BYTES} bytes",
            f"附件大小须在 1 至 {MAX_ATTACHMENT_BYTES} 字节之间。",
        )


def put_chunk(
    db: DistrictDatabase,
    station: DistrictStation,
    sha256: str,
    offset: int,
    size: int,
    data: bytes,
) -> BlobProgress:
    """Store ``data`` at ``offset`` of the blob ``sha256`` of ``size`` bytes.

    OffsetMismatch when ``offset`` is not the count received; DistrictError 413 for a chunk
    over 1 MiB, 422 for a size out of bounds or other than that of the upload under way, a
    chunk that is empty or runs past ``size``, or a whole that does not hash to ``sha256``
    (its chunks are dropped then). A blob already complete is answered as it is.
    """
    _check_size(size)
    if len(data) > MAX_ATTACHMENT_CHUNK:
        raise DistrictError(413, "too_large", f"a chunk is at most {MAX_ATTACHMENT_CHUNK} bytes")
    with db.session() as s:
        progress = _put(db, s, station, sha256, offset, size, data)
    if progress is None:
        raise DistrictError(
            422,
            "hash_mismatch",
            "the bytes uploaded do not hash to the attachment's SHA-256; upload it again",
            "上传的附件内容校验不符，需重新上传。",
        )
    return progress


def _put(
    db: DistrictDatabase,
    s: Session,
    station: DistrictStation,
    sha256: str,
    offset: int,
    size: int,
    data: bytes,
) -> BlobProgress | None:
    """:func:`put_chunk` in its transaction; None when the whole did not hash (and its bytes
    were dropped: the next upload starts at 0)."""
    _claim(db, s, station.id, [sha256])
    new = {"sha256": sha256, "size": size, "received": 0, "complete": False}
    s.execute(_insert_new(db, AttachmentBlob, {**new, "created_at": utc_now()}))
    blob = s.scalars(
        select(AttachmentBlob).where(AttachmentBlob.sha256 == sha256).with_for_update()
    ).one()
    if blob.complete:
        return BlobProgress(received=blob.received, complete=True)
    if blob.size != size:
        if blob.received:
            raise DistrictError(
                422,
                "size_mismatch",
                f"this attachment is being uploaded with {blob.size} bytes",
                "附件大小与已上传的部分不符。",
            )
        blob.size = size
    if offset != blob.received:
        raise OffsetMismatch(blob.received)
    if not data or offset + len(data) > size:
        raise DistrictError(
            422, "bad_chunk", "a chunk must be non-empty and end within the size given"
        )
    vault = session_vault(s)
    sealed = seal_chunk(vault, sha256, offset, data)
    s.add(AttachmentChunk(sha256=sha256, offset=offset, data=sealed))
    blob.received = offset + len(data)
    if blob.received < size:
        return BlobProgress(received=blob.received, complete=False)
    s.flush()
    digest = hashlib.sha256()
    for chunk in _chunks(s, sha256):
        digest.update(open_chunk(vault, sha256, chunk.offset, chunk.data))
    if digest.hexdigest() != sha256:
        s.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == sha256))
        blob.received = 0
        return None
    blob.complete = True
    blob.completed_at = utc_now()
    return BlobProgress(received=blob.received, complete=True)


def _chunks(s: Session, sha256: str) -> list[AttachmentChunk]:
    return list(
        s.scalars(
            select(AttachmentChunk)
            .where(AttachmentChunk.sha256 == sha256)
            .order_by(AttachmentChunk.offset)
        )
    )


def get_chunk(
    db: DistrictDatabase, station: DistrictStation, sha256: str, offset: int
) -> BlobChunk:
    """Up to one chunk of a complete blob the station has a claim on, from ``offset``.

    404 when the blob is unknown, not whole yet or not claimed by the station; 422 for an
    offset at or past its end.
    """
    with db.session() as s:
        blob = s.get(AttachmentBlob, sha256)
        ref = s.get(AttachmentRef, (station.id, sha256))
        if blob is None or ref is None or not blob.complete:
            raise DistrictError(404, "not_found", "no such attachment", "区里没有该附件。")
        if offset >= blob.size:
            raise DistrictError(422, "bad_offset", f"the attachment has {blob.size} bytes")
        chunk = s.scalars(
            select(AttachmentChunk)
            .where(AttachmentChunk.sha256 == sha256, AttachmentChunk.offset <= offset)
            .order_by(AttachmentChunk.offset.desc())
            .limit(1)
        ).one()
        plain = open_chunk(session_vault(s), sha256, chunk.offset, chunk.data)
        return BlobChunk(plain[offset - chunk.offset :][:MAX_ATTACHMENT_CHUNK], blob.size)
