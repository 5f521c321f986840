"""The ``case`` entity at the station: cases are authored here and only counted for the hash."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_cases import Case
from stationdesk.sync.protocol import Change

from . import StationEntityHandler


class CaseHandler(StationEntityHandler):
    """A station's own cases come back from a pull unchanged; the station is their author.

    Department answers to referrals arrive as their own records (not yet on the server).
    """

    entity = "case"

    def apply(self, session: Session, change: Change, pending: Sequence[OutboxEntry]) -> bool:
        return False

    def scope_rows(self, session: Session) -> Iterable[tuple[str, int, bool, Any]]:
        for case_id, version in session.execute(select(Case.id, Case.version)):
            yield case_id, int(version), False, {}


HANDLER = CaseHandler()
