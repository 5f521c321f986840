"""The emergency-mode entities at the station: events, list entries (with their assignment and
check-offs) and responders, authored here; a rebuilt station takes them back from a pull.

A record the station holds is never written twice: an event only takes a stop it lacks, an
entry only the check-offs (and the responder) it lacks, and nothing while an op of the
record is still waiting to be pushed.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_emergency import EmergencyEvent, EmergencyResponder
from stationdesk.sync.protocol import Change
from stationdesk.sync.scope import scope_data

from ..emergency.synced import (
    entry_states,
    event_state,
    event_version,
    responder_payload,
    restore_entry,
    restore_event,
    restore_responder,
)
from ..emergency.types import ENTITY_ENTRY, ENTITY_EVENT, ENTITY_RESPONDER
from . import StationEntityHandler, register


class _AuthoredHandler(StationEntityHandler):
    """A record only this station writes: a pulled state is taken only when it adds something
    the station lacks and nothing of the record is pending."""

    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        if pending or change.kind != "upsert" or not change.data:
            return False
        return self.take(session, change.entity_id, dict(change.data))

    @abstractmethod
    def take(self, session: Session, entity_id: str, data: dict[str, Any]) -> bool:
        """Store what the record adds to the station's; return whether anything changed."""


class EmergencyEventHandler(_AuthoredHandler):
    """Events: started, then stopped with a summary."""

    entity = ENTITY_EVENT

    def take(self, session: Session, entity_id: str, data: dict[str, Any]) -> bool:
        return restore_event(session, entity_id, data)

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for event in session.scalars(select(EmergencyEvent)):
            yield event.id, event_version(event), False, scope_data(self.entity, event_state(event))


class EmergencyResponderHandler(_AuthoredHandler):
    """Responders: workers with a grid, or marked responders helping everywhere."""

    entity = ENTITY_RESPONDER

    def take(self, session: Session, entity_id: str, data: dict[str, Any]) -> bool:
        return restore_responder(session, entity_id, data)

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for row in session.scalars(select(EmergencyResponder)):
            yield row.id, 1, False, scope_data(self.entity, responder_payload(row))


class EmergencyEntryHandler(_AuthoredHandler):
    """List entries, by the id of their event and resident; assignment and check-offs are
    their ops, so the version counts them."""

    entity = ENTITY_ENTRY

    def take(self, session: Session, entity_id: str, data: dict[str, Any]) -> bool:
        return restore_entry(session, data)

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for entity_id, version, state in entry_states(session):
            yield entity_id, version, False, scope_data(self.entity, state)


register(EmergencyEventHandler())
register(EmergencyResponderHandler())
HANDLER = EmergencyEntryHandler()
