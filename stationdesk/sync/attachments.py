"""The attachment steps of a sync cycle: upload the bytes the district lacks, fetch those we lack.

Attachments travel apart from the ops (an ``attach`` op carries only the attachment's id,
name, type, size and SHA-256): after the push the station asks which of its hashes the
district does not hold whole and uploads them in chunks, resuming where the district's bytes
end (so a cut connection resumes at the next sync); after the pull it fetches the bytes of
every attachment its cases' records list and it does not hold (a station rebuilt from the
district), and of every wish photo whose description came back without its bytes, checks their
hash and stores them. Like the engine, this touches no database.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .client import BlobOffsetError, ServerError, SyncClient
from .protocol import (
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_CHUNK,
    MAX_MISSING_QUERY,
    SHA256_PATTERN,
)

MAX_OFFSET_RESYNCS = 5
ATTACHMENTS_KEY = "attachments"
"""Where a case record lists its attachments (``district/entities/owned.py``)."""
_SHA256 = re.compile(SHA256_PATTERN)


@dataclass(frozen=True)
class AttachmentMeta:
    """An attachment as a case record lists it (or a wish's photo: ``attachment_id`` and
    ``case_id`` are then the wish's id), without its bytes."""

    attachment_id: str
    case_id: str
    name: str
    mime: str
    size: int
    sha256: str
    added_at: str | None
    added_by: str | None


class AttachmentPort(Protocol):
    """The station side of the attachment steps; each write method is one transaction."""

    def attachment_hashes(self) -> list[str]:
        """The SHA-256 of every attachment the station holds, each once, sorted."""
        ...

    def attachment_bytes(self, sha256: str) -> bytes | None:
        """The bytes of an attachment with this hash, or None when none is held any more."""
        ...

    def cases_missing_attachments(self) -> list[str]:
        """The ids of the station's cases with more attach events than attachments held."""
        ...

    def attachment_ids(self, case_id: str) -> set[str]:
        """The ids of the attachments held for a case."""
        ...

    def store_attachment(self, meta: AttachmentMeta, data: bytes) -> bool:
        """Store a fetched attachment (its hash checked); False when it is held already or its
        case is not."""
        ...

    def photos_missing(self) -> list[AttachmentMeta]:
        """The wish photos described but without their bytes (a station rebuilt from the
        district)."""
        ...

    def store_photo(self, meta: AttachmentMeta, data: bytes) -> bool:
        """Store a fetched wish photo's bytes (its hash checked); False when they are held
        already or the photo is not."""
        ...


@dataclass
class AttachmentTally:
    """What the attachment steps did: blobs uploaded and attachments fetched, and what failed."""

    uploaded: int = 0
    fetched: int = 0
    warnings: list[str] | None = None

    def warn(self, what: str) -> None:
        """Note a problem that does not stop the sync (once per kind)."""
        self.warnings = self.warnings or []
        if what not in self.warnings:
            self.warnings.append(what)


Step = Callable[[int, int | None], None]
"""Called before each unit of work with (done, total): checks cancellation, reports progress."""


def upload_missing(
    client: SyncClient, port: AttachmentPort, step: Step, chunk: int = MAX_ATTACHMENT_CHUNK
) -> AttachmentTally:
    """Upload every attachment of the station the district does not hold whole, in chunks of
    at most ``chunk`` bytes."""
    tally = AttachmentTally()
    hashes = port.attachment_hashes()
    for start in range(0, len(hashes), MAX_MISSING_QUERY):
        step(tally.uploaded, None)
        answer = client.attachments_missing(hashes[start : start + MAX_MISSING_QUERY])
        for blob in answer.missing:
            step(tally.uploaded, None)
            data = port.attachment_bytes(blob.sha256)
            if data is None:
                continue
            if hashlib.sha256(data).hexdigest() != blob.sha256:
                tally.warn("attachment_damaged")  # the station's copy no longer hashes
                continue
            if _upload(client, blob.sha256, data, blob.received, chunk, step, tally):
                tally.uploaded += 1
    return tally


def _upload(
    client: SyncClient,
    sha256: str,
    data: bytes,
    offset: int,
    chunk: int,
    step: Step,
    tally: AttachmentTally,
) -> bool:
    size = len(data)
    chunk = max(1, min(chunk, MAX_ATTACHMENT_CHUNK))
    resyncs = 0
    for _ in range(size // chunk + 2 + MAX_OFFSET_RESYNCS):
        step(tally.uploaded, None)
        try:
            progress = client.put_attachment(sha256, offset, size, data[offset : offset + chunk])
        except BlobOffsetError as exc:  # another upload moved on, or ours was cut: resume there
            resyncs += 1
            if resyncs > MAX_OFFSET_RESYNCS:
                break
            offset = exc.received
            continue
        except ServerError as exc:
            if exc.status != 422:
                raise
            tally.warn("attachment_refused")
            return False
        if progress.complete:
            return True
        offset = progress.received
    tally.warn("attachment_refused")
    return False


def listed_attachments(case_id: str, data: Mapping[str, Any]) -> list[AttachmentMeta]:
    """The attachments a case record lists, well-formed ones only."""
    items = data.get(ATTACHMENTS_KEY)
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        aid, sha, size = item.get("attachment_id"), item.get("sha256"), item.get("size")
        if not (isinstance(aid, str) and aid and isinstance(sha, str) and _SHA256.match(sha)):
            continue
        if not isinstance(size, int) or not 0 < size <= MAX_ATTACHMENT_BYTES:
            continue
        added_at, added_by = item.get("added_at"), item.get("added_by")
        out.append(
            AttachmentMeta(
                attachment_id=aid,
                case_id=case_id,
                name=str(item.get("name") or aid),
                mime=str(item.get("mime") or "application/octet-stream"),
                size=size,
                sha256=sha,
                added_at=added_at if isinstance(added_at, str) else None,
                added_by=added_by if isinstance(added_by, str) else None,
            )
        )
    return out


def fetch_missing(client: SyncClient, port: AttachmentPort, step: Step) -> AttachmentTally:
    """Fetch and store the attachments the station's cases list at the district but lacks, and
    the bytes of the wish photos it holds described only."""
    tally = AttachmentTally()
    case_ids = port.cases_missing_attachments()
    for case_id in case_ids:
        step(tally.fetched, None)
        try:
            record = client.record("case", case_id)
        except ServerError as exc:
            if exc.status != 404:
                raise
            continue
        held = port.attachment_ids(case_id)
        for meta in listed_attachments(case_id, record.data or {}):
            if meta.attachment_id in held:
                continue
            data = _download(client, meta, step, tally)
            if data is not None and port.store_attachment(meta, data):
                tally.fetched += 1
    for meta in port.photos_missing():
        step(tally.fetched, None)
        data = _download(client, meta, step, tally)
        if data is not None and port.store_photo(meta, data):
            tally.fetched += 1
    return tally


def _download(
    client: SyncClient, meta: AttachmentMeta, step: Step, tally: AttachmentTally
) -> bytes | None:
    parts: list[bytes] = []
    received = 0
    while received < meta.size:
        step(tally.fetched, None)
        try:
            chunk, size = client.get_attachment(meta.sha256, received)
        except ServerError as exc:
            if exc.status not in (404, 422):
                raise
            tally.warn("attachment_unavailable")  # not (yet) uploaded by the station
            return None
        if size != meta.size or not chunk:
            break
        parts.append(chunk)
        received += len(chunk)
    data = b"".join(parts)
    if len(data) != meta.size or hashlib.sha256(data).hexdigest() != meta.sha256:
        tally.warn("attachment_unavailable")
        return None
    return data
