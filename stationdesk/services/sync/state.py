"""The station's one row of sync bookkeeping, and the count of outbox rows waiting to go."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stationdesk.store.models import OutboxEntry
from stationdesk.store.models_sync import SyncState

STATE_ID = 1


def sync_state(session: Session) -> SyncState:
    """The sync state row, created (and flushed) with its starting values the first time."""
    row = session.get(SyncState, STATE_ID)
    if row is None:
        row = SyncState(
            id=STATE_ID,
            cursor=None,
            snapshot_cursor=None,
            snapshot_after=None,
            needs_snapshot=False,
            next_push_seq=1,
            last_acked_seq=0,
            counters={},
            upgrade_required=False,
        )
        session.add(row)
        session.flush()
    return row


def sequence_floor(session: Session, counter: str) -> int:
    """The highest value of a station sequence the district has seen from this station.

    Certificate numbering takes ``max(local sequence, this) + 1`` so that a station restored
    from an old backup never reuses a number.
    """
    row = session.get(SyncState, STATE_ID)
    if row is None:
        return 0
    return int(row.counters.get(counter, 0))


def outbox_count(session: Session) -> int:
    """How many outbox rows wait to be pushed."""
    return int(session.scalar(select(func.count()).select_from(OutboxEntry)) or 0)
