"""The ``worker`` entity at the station: accounts (the password never leaves the station)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.store.models import Worker

from . import FieldRecordStationHandler, LocalRecord

SYNCED_FIELDS = ("username", "display_name", "role", "active")
NO_LOGIN_HASH = "!restored-from-district"  # verifies against nothing: an admin sets a password


def _data(w: Worker) -> dict[str, Any]:
    return {
        "username": w.username,
        "display_name": w.display_name,
        "role": w.role,
        "active": w.active,
    }


class WorkerHandler(FieldRecordStationHandler):
    """A worker account restored from the district (e.g. after a rebuild) cannot log in."""

    entity = "worker"

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        w = session.get(Worker, entity_id)
        return None if w is None else LocalRecord(w.version, False, _data(w))

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        w = session.get(Worker, entity_id)
        data = record.data
        if w is None:
            w = Worker(
                id=entity_id,
                username=str(data.get("username", entity_id[:32])),
                display_name=str(data.get("display_name") or data.get("username") or ""),
                role=str(data.get("role", "worker")),
                password_hash=NO_LOGIN_HASH,
                active=bool(data.get("active", True)),
                failed_logins=0,
                locked_until=None,
                created_at=now,
                updated_at=now,
                version=record.version,
            )
            session.add(w)
            return
        if "display_name" in data:
            w.display_name = str(data["display_name"])
        if "role" in data:
            w.role = str(data["role"])
        if "active" in data:
            w.active = bool(data["active"])
        w.version = record.version
        w.updated_at = now

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for w in session.scalars(select(Worker)):
            yield w.id, w.version, False, _data(w)


HANDLER = WorkerHandler()
