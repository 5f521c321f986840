"""District administration: publishing reference data, pruning the change log, listing stations."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.orm import Session

from stationdesk.dbkit import utc_now
from stationdesk.sync.protocol import TOMBSTONE_RETENTION_DAYS

from ..db import DistrictDatabase
from ..errors import DistrictError
from ..models import ChangeLog, DistrictMeta, DistrictStation
from ..registry import write_server_record

PRUNED_KEY = "change_log_pruned_through"


def pruned_through(session: Session) -> tuple[int, int]:
    """The change-log position pruning has removed everything up to, (0, 0) when none."""
    row = session.get(DistrictMeta, PRUNED_KEY)
    if row is None:
        return (0, 0)
    return (int(row.value["txid"]), int(row.value["id"]))


def publish_catalog(db: DistrictDatabase, documents: dict[str, Any]) -> dict[str, int]:
    """Publish reference documents (catalog, matter types, departments, calendar) to stations."""
    if not documents:
        raise DistrictError(422, "empty", "nothing to publish")
    now = utc_now()
    published: dict[str, int] = {}
    with db.session() as s:
        txid = db.txid(s)
        for name, content in sorted(documents.items()):
            record = write_server_record(
                s,
                txid=txid,
                now=now,
                entity="catalog",
                entity_id=name,
                data={"content": content, "published_at": now.isoformat()},
            )
            published[name] = record.version
    return published


def prune_change_log(
    db: DistrictDatabase, *, older_than_days: float = TOMBSTONE_RETENTION_DAYS
) -> int:
    """Drop change-log rows older than the retention; older cursors then get 410."""
    cutoff = utc_now() - timedelta(days=older_than_days)
    with db.session() as s:
        top = s.execute(
            select(ChangeLog.txid, ChangeLog.id)
            .where(ChangeLog.created_at < cutoff)
            .order_by(ChangeLog.txid.desc(), ChangeLog.id.desc())
            .limit(1)
        ).first()
        if top is None:
            return 0
        through = (int(top[0]), int(top[1]))
        result = s.execute(
            delete(ChangeLog).where(tuple_(ChangeLog.txid, ChangeLog.id) <= tuple_(*through))
        )
        removed = getattr(result, "rowcount", 0)
        meta = s.get(DistrictMeta, PRUNED_KEY)
        value = {"txid": through[0], "id": through[1], "at": utc_now().isoformat()}
        if meta is None:
            s.add(DistrictMeta(key=PRUNED_KEY, value=value))
        else:
            meta.value = value
        return int(removed or 0)


def list_stations(db: DistrictDatabase) -> list[dict[str, Any]]:
    """Enrolled stations with their acknowledgement and last visit (no token hashes)."""
    with db.session() as s:
        return [
            {
                "code": r.code,
                "name": r.name,
                "active": r.active,
                "last_acked_seq": int(r.last_acked_seq),
                "last_seen_at": r.last_seen_at.isoformat() if r.last_seen_at else None,
                "clock_skew_s": r.last_clock_skew_s,
            }
            for r in s.scalars(select(DistrictStation).order_by(DistrictStation.code))
        ]
