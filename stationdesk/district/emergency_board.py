"""The district's read-only event board: each station's coverage during an emergency event
(reached/total per grid and overall, open 需要帮助, responders' progress), from the records
the stations pushed; and the client the CLI reads it with over HTTP.

The board shows counts, grid codes and responders' names only: no resident is named on it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from stationdesk.dbkit import utc_now
from stationdesk.domain.emergency import (
    LEVEL_LABELS,
    REACHED,
    CheckStatus,
    empty_tally,
    kind_label,
    tally,
)

from .db import DistrictDatabase
from .errors import DistrictError
from .models import DistrictStation, Record

BOARD_PATH = "/dept/v1/emergency-board"
NO_GRID = "未标注网格"

_EVENT, _ENTRY, _RESPONDER = "emergency_event", "emergency_entry", "emergency_responder"


class GridCoverage(BaseModel):
    """One grid of an event's list: how many are listed, reached, need help, unreachable."""

    grid: str
    total: int
    reached: int
    need_help: int
    unreachable: int


class ResponderProgress(BaseModel):
    """One responder: the residents assigned and how many of them were reached."""

    responder_id: str
    name: str
    grid: str | None
    assigned: int
    reached: int


class StationEvent(BaseModel):
    """One station's event and its coverage."""

    station_code: str
    station_name: str
    event_id: str
    kind: str
    kind_zh: str
    name: str
    level: int
    level_zh: str
    started_at: str | None
    closed_at: str | None
    total: int
    reached: int
    need_help: int
    unreachable: int
    by_grid: list[GridCoverage]
    responders: list[ResponderProgress]


class EmergencyBoard(BaseModel):
    """Every station's open event (or every event), the newest first."""

    generated_at: datetime
    events: list[StationEvent]


def _add(counts: dict[str, int], status: str | None) -> None:
    try:
        st = CheckStatus(status or CheckStatus.NOT_CONTACTED.value)
    except ValueError:
        st = CheckStatus.NOT_CONTACTED  # a status this version does not know: not reached
    tally(counts, st)


def emergency_board(db: DistrictDatabase, *, include_closed: bool = False) -> EmergencyBoard:
    """The board: each station's open events (every event with ``include_closed``)."""
    with db.session() as s:
        stations = {
            sid: (code, name)
            for sid, code, name in s.execute(
                select(DistrictStation.id, DistrictStation.code, DistrictStation.name)
            )
        }
        events = [
            e
            for e in s.scalars(
                select(Record).where(Record.entity == _EVENT, Record.deleted.is_(False))
            )
            if include_closed or not e.data.get("closed_at")
        ]
        owners = {e.owner_station_id for e in events}
        grids = {
            gid: str(code)
            for gid, code in s.execute(
                select(Record.entity_id, Record.data["code"].as_string()).where(
                    Record.entity == "grid", Record.owner_station_id.in_(owners)
                )
            )
        }
        responders = {
            r.entity_id: r
            for r in s.scalars(
                select(Record).where(
                    Record.entity == _RESPONDER, Record.owner_station_id.in_(owners)
                )
            )
        }
        entries: dict[str, list[tuple[str | None, str | None, str | None]]] = defaultdict(list)
        ids = [e.entity_id for e in events]
        for chunk in range(0, len(ids), 1000):
            for event_id, grid_id, status, responder_id in s.execute(
                select(
                    Record.data["event_id"].as_string(),
                    Record.data["grid_id"].as_string(),
                    Record.data["status"].as_string(),
                    Record.data["responder_id"].as_string(),
                ).where(
                    Record.entity == _ENTRY,
                    Record.data["event_id"].as_string().in_(ids[chunk : chunk + 1000]),
                )
            ):
                entries[str(event_id)].append((grid_id, status, responder_id))
    out = [
        _station_event(e, stations, grids, responders, entries.get(e.entity_id, [])) for e in events
    ]
    out.sort(key=lambda v: v.station_code)
    out.sort(key=lambda v: v.started_at or "", reverse=True)
    out.sort(key=lambda v: v.closed_at is not None)
    return EmergencyBoard(generated_at=utc_now(), events=out)


def _station_event(
    event: Record,
    stations: dict[str, tuple[str, str]],
    grids: dict[str, str],
    responders: dict[str, Record],
    entries: list[tuple[str | None, str | None, str | None]],
) -> StationEvent:
    data: dict[str, Any] = event.data
    code, station_name = stations.get(event.owner_station_id or "", ("", ""))
    totals = empty_tally()
    by_grid: dict[str, dict[str, int]] = {}
    assigned: Counter[str] = Counter()
    reached: Counter[str] = Counter()
    for grid_id, status, responder_id in entries:
        _add(totals, status)
        _add(by_grid.setdefault(grids.get(grid_id or "", NO_GRID), empty_tally()), status)
        if responder_id:
            assigned[responder_id] += 1
            reached[responder_id] += status in {s.value for s in REACHED}
    progress = []
    for rid in sorted(assigned):
        r = responders.get(rid)
        grid_id = r.data.get("grid_id") if r is not None else None
        progress.append(
            ResponderProgress(
                responder_id=rid,
                name=str(r.data.get("name", "")) if r is not None else "",
                grid=grids.get(grid_id) if grid_id else None,
                assigned=assigned[rid],
                reached=reached[rid],
            )
        )
    progress.sort(key=lambda p: (p.grid or "~", p.name))
    level = int(data.get("level") or 0)
    return StationEvent(
        station_code=code,
        station_name=station_name,
        event_id=event.entity_id,
        kind=str(data.get("kind", "")),
        kind_zh=kind_label(str(data.get("kind", ""))),
        name=str(data.get("name", "")),
        level=level,
        level_zh=LEVEL_LABELS.get(level, str(level)),
        started_at=data.get("started_at"),
        closed_at=data.get("closed_at"),
        by_grid=[GridCoverage(grid=g, **c) for g, c in sorted(by_grid.items())],
        responders=progress,
        **totals,
    )


def fetch_board(url: str, token: str, *, include_closed: bool = False) -> EmergencyBoard:
    """Read the board from a district server with a department's token (DistrictError for a
    refusal, an unreachable server or an answer that is no board)."""
    try:
        r = httpx.get(
            url.rstrip("/") + BOARD_PATH,
            params={"all": "true"} if include_closed else None,
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
    except httpx.HTTPError as exc:
        raise DistrictError(
            503, "offline", f"the district server is unreachable ({exc})", "无法连接区平台。"
        ) from None
    if r.status_code != 200:
        try:
            body = r.json()
        except ValueError:
            body = {}
        raise DistrictError(
            r.status_code,
            str(body.get("error", "refused")),
            str(body.get("message", f"the server answered {r.status_code}")),
            str(body.get("message_zh", "区平台拒绝了请求。")),
        )
    try:
        return EmergencyBoard.model_validate_json(r.content)
    except ValidationError:
        raise DistrictError(502, "bad_answer", "the server's answer is no event board") from None
