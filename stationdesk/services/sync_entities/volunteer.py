"""The 双报到 entities at the station: district-wide units and members (merged at the district,
so a pulled record may retire a local one), and the station's own activities and wishes.

A member or unit the district merged into another record is kept as a retired id
(``volunteer_retired``): what referred to it here refers to the survivor, and a pulled record
naming the retired id (a sign-in pushed before the merge) is read as the survivor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from stationdesk.domain.volunteering import unit_compared, unit_key
from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_volunteer import (
    VolunteerActivity,
    VolunteerMember,
    VolunteerRetired,
    VolunteerUnit,
    VolunteerWish,
)
from stationdesk.sync.protocol import Change
from stationdesk.sync.scope import scope_data

from ..volunteering import synced
from ..volunteering.types import ENTITY_ACTIVITY, ENTITY_MEMBER, ENTITY_UNIT, ENTITY_WISH
from . import FieldRecordStationHandler, LocalRecord, StationEntityHandler, register


class _MergedHandler(FieldRecordStationHandler):
    """District-wide records a district merge may retire: held rows and retired ids."""

    model: type[Any]

    def payload(self, session: Session, row: Any) -> dict[str, Any]:
        raise NotImplementedError

    def compared(self, data: dict[str, Any]) -> dict[str, Any]:
        return data

    def fill(self, session: Session, row: Any, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def same(self, session: Session, entity_id: str, data: dict[str, Any]) -> Any:
        """A held row (another id) that is the same unit or person as ``data``, or None."""
        raise NotImplementedError

    def make_way(self, row: Any) -> None:
        """Give up the row's unique value before its survivor is written (it is retired)."""
        raise NotImplementedError

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        row = session.get(self.model, entity_id)
        if row is not None:
            return LocalRecord(row.version, False, self.payload(session, row))
        retired = session.get(VolunteerRetired, (self.entity, entity_id))
        if retired is None:
            return None
        data = {**retired.data, synced.MERGED_INTO: retired.merged_into}
        return LocalRecord(retired.version, True, data)

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        into = record.data.get(synced.MERGED_INTO)
        if record.deleted:
            if isinstance(into, str) and into and into != entity_id:
                self._retire(session, entity_id, into, record.version, record.data)
            return
        other = self.same(session, entity_id, record.data)
        if other is not None:  # one person (or unit) held under two ids: the pulled id stands
            self._retire(session, other.id, entity_id, other.version, self.payload(session, other))
        row = session.get(self.model, entity_id)
        new = row is None
        if row is None:
            row = self.model(id=entity_id)
        self.fill(session, row, record.data)
        row.version = record.version
        if new:
            session.add(row)
        session.flush()
        # a live record is no longer retired (a guess made here before the district answered)
        session.execute(
            delete(VolunteerRetired).where(
                VolunteerRetired.entity == self.entity, VolunteerRetired.id == entity_id
            )
        )

    def _retire(
        self, session: Session, entity_id: str, into: str, version: int, data: dict[str, Any]
    ) -> None:
        row = session.get(self.model, entity_id)
        if row is not None and session.get(self.model, into) is None:
            # the survivor is not held yet: it starts from the retired row's values (version 0,
            # so its own state replaces them when it arrives)
            held = self.payload(session, row)
            self.make_way(row)
            session.flush()
            survivor = self.model(id=into)
            self.fill(session, survivor, held)
            survivor.version = 0
            session.add(survivor)
            session.flush()
        synced.retire(session, self.entity, entity_id, into, version, data)

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for row in session.scalars(select(self.model)):
            yield row.id, row.version, False, self.compared(self.payload(session, row))
        retired = select(VolunteerRetired).where(VolunteerRetired.entity == self.entity)
        for r in session.scalars(retired):
            yield r.id, r.version, True, self.compared(dict(r.data))


class UnitHandler(_MergedHandler):
    """Units (驻区单位): one per name and type in the district."""

    entity = ENTITY_UNIT
    model = VolunteerUnit

    def payload(self, session: Session, row: Any) -> dict[str, Any]:
        return synced.unit_payload(row)

    def compared(self, data: dict[str, Any]) -> dict[str, Any]:
        return unit_compared(data)

    def fill(self, session: Session, row: Any, data: dict[str, Any]) -> None:
        synced.fill_unit(row, data)
        if row.created_at is None:
            row.created_at = _now()

    def same(self, session: Session, entity_id: str, data: dict[str, Any]) -> Any:
        name = str(data.get("name") or "")
        wanted = unit_key(name, str(data.get("unit_type") or ""))
        for row in session.scalars(select(VolunteerUnit).where(VolunteerUnit.id != entity_id)):
            if row.name == name or unit_key(row.name, row.unit_type) == wanted:
                return row
        return None

    def make_way(self, row: Any) -> None:
        row.name = f"~{row.id}"


class MemberHandler(_MergedHandler):
    """Members (在职党员): one per ID number in the district."""

    entity = ENTITY_MEMBER
    model = VolunteerMember

    def payload(self, session: Session, row: Any) -> dict[str, Any]:
        return synced.member_payload(session, row)

    def compared(self, data: dict[str, Any]) -> dict[str, Any]:
        return synced.member_compared(data)

    def fill(self, session: Session, row: Any, data: dict[str, Any]) -> None:
        synced.fill_member(session, row, data)
        if row.created_at is None:
            row.created_at = _now()

    def same(self, session: Session, entity_id: str, data: dict[str, Any]) -> Any:
        number = data.get("id_number")
        if not isinstance(number, str) or not number:
            return None
        return session.scalars(
            select(VolunteerMember).where(
                VolunteerMember.id_number == number, VolunteerMember.id != entity_id
            )
        ).first()

    def make_way(self, row: Any) -> None:
        row.id_number = f"~{row.id}"


class _Owned(StationEntityHandler):
    """Records made here: a pulled state is stored only when this station does not hold it at
    that version and has nothing of it pending (a rebuilt station)."""

    model: type[Any]

    def restore(self, session: Session, entity_id: str, version: int, data: Any) -> bool:
        raise NotImplementedError

    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        if pending or change.kind != "upsert" or not change.data:
            return False
        held = session.scalar(select(self.model.version).where(self.model.id == change.entity_id))
        if held is not None and held >= change.version:
            return False
        return self.restore(session, change.entity_id, change.version, change.data)

    def state(self, session: Session, row: Any) -> dict[str, Any]:
        """The record's state as its ops carry it."""
        raise NotImplementedError

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for row in session.scalars(select(self.model)):
            state = self.state(session, row)
            yield row.id, int(row.version), False, scope_data(self.entity, state)


class ActivityHandler(_Owned):
    """Activities with their sign-ins, approval and corrections."""

    entity = ENTITY_ACTIVITY
    model = VolunteerActivity

    def restore(self, session: Session, entity_id: str, version: int, data: Any) -> bool:
        return synced.restore_activity(session, entity_id, version, data)

    def state(self, session: Session, row: Any) -> dict[str, Any]:
        return synced.activity_state(session, row)


class WishHandler(_Owned):
    """微心愿."""

    entity = ENTITY_WISH
    model = VolunteerWish

    def restore(self, session: Session, entity_id: str, version: int, data: Any) -> bool:
        return synced.restore_wish(session, entity_id, version, data)

    def state(self, session: Session, row: Any) -> dict[str, Any]:
        return synced.wish_state(session, row)


def _now() -> datetime:
    return datetime.now(UTC)


register(UnitHandler())
register(MemberHandler())
register(ActivityHandler())
HANDLER = WishHandler()
