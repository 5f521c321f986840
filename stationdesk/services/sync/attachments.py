"""The station side of the attachment sync steps (:class:`StationAttachmentPort`).

It lists the hashes and bytes of the attachments and wish photos the station holds for the
upload, finds the cases with attach events but fewer attachments and the wish photos held
without bytes (a station rebuilt from the district) and stores a fetched attachment with its
original id, name, type, size, hash, time and worker, or a photo's bytes, in one transaction
each.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stationdesk.store.models import Worker
from stationdesk.store.models_cases import Case, CaseAttachment, CaseEvent
from stationdesk.store.models_volunteer import VolunteerWishPhoto
from stationdesk.sync.attachments import AttachmentMeta

from ..cases.types import EVENT_ATTACH
from ..station import Station
from .port import StationSyncPort


class StationAttachmentPort:
    """The attachment steps' view of one station database (writes go through ``port``)."""

    def __init__(self, station: Station, port: StationSyncPort) -> None:
        self.station = station
        self.port = port

    def attachment_hashes(self) -> list[str]:
        with self.station.db.read_session() as s:
            cases = s.scalars(select(CaseAttachment.sha256).distinct())
            photos = s.scalars(
                select(VolunteerWishPhoto.sha256)
                .where(VolunteerWishPhoto.data.is_not(None))
                .distinct()
            )
            return sorted({*cases, *photos})

    def attachment_bytes(self, sha256: str) -> bytes | None:
        with self.station.db.read_session() as s:
            data = s.scalar(
                select(CaseAttachment.data).where(CaseAttachment.sha256 == sha256).limit(1)
            )
            if data is None:
                data = s.scalar(
                    select(VolunteerWishPhoto.data)
                    .where(
                        VolunteerWishPhoto.sha256 == sha256, VolunteerWishPhoto.data.is_not(None)
                    )
                    .limit(1)
                )
            return bytes(data) if data is not None else None

    def cases_missing_attachments(self) -> list[str]:
        with self.station.db.read_session() as s:
            events: dict[str, int] = {
                case_id: n
                for case_id, n in s.execute(
                    select(CaseEvent.case_id, func.count())
                    .where(CaseEvent.action == EVENT_ATTACH)
                    .group_by(CaseEvent.case_id)
                )
            }
            held: dict[str, int] = {
                case_id: n
                for case_id, n in s.execute(
                    select(CaseAttachment.case_id, func.count()).group_by(CaseAttachment.case_id)
                )
            }
        return sorted(case_id for case_id, n in events.items() if n > held.get(case_id, 0))

    def attachment_ids(self, case_id: str) -> set[str]:
        with self.station.db.read_session() as s:
            return set(
                s.scalars(select(CaseAttachment.id).where(CaseAttachment.case_id == case_id))
            )

    def store_attachment(self, meta: AttachmentMeta, data: bytes) -> bool:
        if len(data) != meta.size or hashlib.sha256(data).hexdigest() != meta.sha256:
            raise ValueError("an attachment's bytes do not match its size and hash")

        def run(s: Session) -> bool:
            if s.get(CaseAttachment, meta.attachment_id) is not None:
                return False
            if s.get(Case, meta.case_id) is None:
                return False
            added_by = meta.added_by if meta.added_by and s.get(Worker, meta.added_by) else None
            s.add(
                CaseAttachment(
                    id=meta.attachment_id,
                    case_id=meta.case_id,
                    name=meta.name[:120],
                    mime=meta.mime[:80],
                    size=meta.size,
                    sha256=meta.sha256,
                    data=data,
                    added_at=_when(meta.added_at) or self.station.now(),
                    added_by=added_by,
                )
            )
            return True

        return self.port.transaction(run)

    def photos_missing(self) -> list[AttachmentMeta]:
        with self.station.db.read_session() as s:
            rows = s.execute(
                select(
                    VolunteerWishPhoto.wish_id,
                    VolunteerWishPhoto.name,
                    VolunteerWishPhoto.mime,
                    VolunteerWishPhoto.size,
                    VolunteerWishPhoto.sha256,
                )
                .where(VolunteerWishPhoto.data.is_(None))
                .order_by(VolunteerWishPhoto.wish_id)
            ).all()
        return [
            AttachmentMeta(wish_id, wish_id, name, mime, size, sha256, None, None)
            for wish_id, name, mime, size, sha256 in rows
        ]

    def store_photo(self, meta: AttachmentMeta, data: bytes) -> bool:
        if len(data) != meta.size or hashlib.sha256(data).hexdigest() != meta.sha256:
            raise ValueError("a photo's bytes do not match its size and hash")

        def run(s: Session) -> bool:
            photo = s.get(VolunteerWishPhoto, meta.attachment_id)
            if photo is None or photo.data is not None or photo.sha256 != meta.sha256:
                return False
            photo.data = data
            return True

        return self.port.transaction(run)


def _when(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
