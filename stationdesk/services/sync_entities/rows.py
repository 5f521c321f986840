"""Records kept as one row of one station table, each with its id and version columns."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import FieldRecordStationHandler, LocalRecord


class RowStationHandler(FieldRecordStationHandler):
    """A record that is one row of ``model``: ``payload`` reads its synced fields, ``fill``
    writes them (``new`` when the row is being made); the version is the row's own."""

    model: ClassVar[type[Any]]

    @abstractmethod
    def payload(self, row: Any) -> dict[str, Any]:
        """The row's synced fields."""

    @abstractmethod
    def fill(self, row: Any, data: dict[str, Any], *, new: bool) -> None:
        """Write a record's synced fields into the row."""

    def hashed(self, data: dict[str, Any]) -> dict[str, Any]:
        """What the scope hash compares of the record (all of it unless said otherwise)."""
        return data

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        row = session.get(self.model, entity_id)
        return None if row is None else LocalRecord(row.version, False, self.payload(row))

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        self.store_many(session, [(entity_id, record, exists)])

    def store_many(self, session: Session, items: Sequence[tuple[str, LocalRecord, bool]]) -> None:
        for entity_id, record, _exists in items:
            row = session.get(self.model, entity_id)
            new = row is None
            if row is None:
                row = self.model(id=entity_id)
            self.fill(row, record.data, new=new)
            row.version = record.version
            if new:
                session.add(row)
        session.flush()  # a later record of the same page may refer to these

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for row in session.scalars(select(self.model)):
            yield row.id, row.version, False, self.hashed(self.payload(row))
