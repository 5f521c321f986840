"""The ``resident`` entity at the station: pulled residents stored with their search terms."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.ids import new_id
from stationdesk.store import residents_repo as repo
from stationdesk.store.models_residents import Building, Household, Resident

from .. import residents as svc
from ..uow import UnitOfWork
from . import FieldRecordStationHandler, LocalRecord


def _buildings(session: Session) -> dict[str, str]:
    return {i: n for i, n in session.execute(select(Building.id, Building.name))}


class ResidentHandler(FieldRecordStationHandler):
    """District-wide residents. A building named by another station is added to the list."""

    entity = "resident"

    def load(self, session: Session, entity_id: str) -> LocalRecord | None:
        r = session.scalars(select(Resident).where(Resident.id == entity_id)).first()
        if r is None:
            return None
        return LocalRecord(
            r.version, r.deleted_at is not None, svc._payload(r, _buildings(session))
        )

    def store(self, session: Session, entity_id: str, record: LocalRecord, *, exists: bool) -> None:
        now = datetime.now(UTC)
        data = record.data
        r = session.scalars(select(Resident).where(Resident.id == entity_id)).first()
        if r is None:
            r = Resident(
                id=entity_id,
                name="",
                id_type="RESIDENT_ID",
                phones=[],
                tags=[],
                sensitive_tags=[],
                created_at=now,
                updated_at=now,
                version=record.version,
            )
            session.add(r)
        r.name = str(data.get("name") or "")
        r.id_type = str(data.get("id_type") or "RESIDENT_ID")
        r.id_number = data.get("id_number") or None
        r.sex = data.get("sex") or None
        birth = data.get("birth_date")
        r.birth_date = date.fromisoformat(birth) if birth else None
        r.ethnicity = data.get("ethnicity") or None
        r.phones = list(data.get("phones") or [])
        r.tags = list(data.get("tags") or [])
        r.sensitive_tags = list(data.get("sensitive_tags") or [])
        r.relation = data.get("relation") or None
        r.note = data.get("note") or None
        r.unit = data.get("unit") or None
        r.room = data.get("room") or None
        building_name = data.get("building")
        buildings = _buildings(session)
        r.building_id = None
        r.household_id = None
        if building_name:
            building = repo.building_named(session, building_name)
            if building is None:
                building = Building(id=new_id(), name=building_name, grid_id=None)
                session.add(building)
                session.flush()
            buildings[building.id] = building.name
            r.building_id = building.id
            if r.room:
                household = repo.household_at(session, building.id, r.unit, r.room)
                if household is None:
                    household = Household(
                        id=new_id(),
                        building_id=building.id,
                        unit=r.unit,
                        room=r.room,
                        created_at=now,
                    )
                    session.add(household)
                r.household_id = household.id
            if r.grid_id is None:
                r.grid_id = building.grid_id
        r.version = record.version
        r.updated_at = now
        r.deleted_at = (r.deleted_at or now) if record.deleted else None
        session.flush()
        repo.replace_terms(session, r.seq, [] if record.deleted else svc._terms_for(r, buildings))

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        buildings = _buildings(session)
        for r in session.scalars(select(Resident).order_by(Resident.seq)):
            yield r.id, r.version, r.deleted_at is not None, svc._payload(r, buildings)

    def set_field(self, uow: UnitOfWork, entity_id: str, field: str, value: Any) -> None:
        if field not in svc.EDITABLE_FIELDS:
            from ..errors import InputError

            raise InputError(
                f"{field} is set by the ID document and cannot be chosen here",
                "该字段由证件决定，不能在此修改。",
            )
        assert uow.actor is not None
        svc.edit_resident_in(uow, uow.actor, entity_id, {field: value})


HANDLER = ResidentHandler()
