"""The ``station`` entity at the station: its own row (code and name)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.store.models import StationRow

from . import FieldRecordStationHandler, LocalRecord

VERSION_KEY = "station_row_version"


class StationRowHandler(FieldRecordStationHandler):
    """The station's own row; only its name can change from the district (the code cannot)."""

    entity = "station"

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        row = session.get(StationRow, entity_id)
        if row is None:
            return None
        return LocalRecord(_version(session), False, {"code": row.code, "name": row.name})

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        row = session.get(StationRow, entity_id) or _adopt(session, entity_id, record.data)
        if row is None:
            return
        name = record.data.get("name")
        if isinstance(name, str) and name:
            row.name = name
        _set_version(session, record.version)

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for row in session.scalars(select(StationRow)):
            yield row.id, _version(session), False, {"code": row.code, "name": row.name}


def _adopt(session: Session, entity_id: str, data: dict[str, Any]) -> StationRow | None:
    """A station rebuilt from the district takes its row's id from the district: the one
    station row in scope with this station's code is its own (another station's row is never in
    a station's scope). Nothing refers to the row by id, so the id is simply replaced."""
    row = session.scalars(select(StationRow)).one_or_none()
    if row is None or row.code != data.get("code"):
        return None
    row.id = entity_id  # the ORM issues UPDATE … SET id at the next flush
    session.flush()
    return row


def _version(session: Session) -> int:
    from stationdesk.store.models import Setting

    row = session.get(Setting, VERSION_KEY)
    return int(row.value["v"]) if row else 1


def _set_version(session: Session, version: int) -> None:
    from stationdesk.store.models import Setting

    row = session.get(Setting, VERSION_KEY)
    if row is None:
        session.add(Setting(key=VERSION_KEY, value={"v": version}))
    else:
        row.value = {"v": version}


HANDLER = StationRowHandler()
