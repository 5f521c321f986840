"""The scope hash compares the field values of station-authored records, not ids and versions
only: a field changed in a station's database behind sync's back (no op, no new version) makes
that record's scope line differ from the district's (real PostgreSQL, real server process)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from stationdesk.services import certificates, emergency, residents, sync
from tests.helpers.cases import referred_case
from tests.helpers.certificates import residence

from .stations import (
    SyncedStation,
    assert_converged,
    create_resident,
    new_id_number,
    scope_lines,
    server_scope,
)
from .test_volunteer_sync import _member, _served

pytestmark = pytest.mark.postgres

#: Each change made behind sync's back: the entity whose record it touches, the statement
#: (``:id`` is the record's row) and the one putting the value back.
TAMPERS: list[tuple[str, str, str, str]] = [
    (
        "case",
        "case",
        "UPDATE case_file SET summary = summary || '改' WHERE id = :id",
        "UPDATE case_file SET summary = substr(summary, 1, length(summary) - 1) WHERE id = :id",
    ),
    (
        "case",
        "case",
        "UPDATE case_event SET note = 'x' || coalesce(note, '') WHERE case_id = :id AND seq = 1",
        "UPDATE case_event SET note = nullif(substr(note, 2), '') WHERE case_id = :id AND seq = 1",
    ),
    (
        "certificate",
        "certificate",
        "UPDATE certificate SET purpose = purpose || '改' WHERE id = :id",
        "UPDATE certificate SET purpose = substr(purpose, 1, length(purpose) - 1) WHERE id = :id",
    ),
    (
        "certificate",
        "certificate",
        "UPDATE document_file SET sha256 = upper(sha256)"
        " WHERE number = (SELECT number FROM certificate WHERE id = :id)",
        "UPDATE document_file SET sha256 = lower(sha256)"
        " WHERE number = (SELECT number FROM certificate WHERE id = :id)",
    ),
    (
        "activity",
        "volunteer_activity",
        "UPDATE volunteer_activity SET title = title || '改' WHERE id = :id",
        "UPDATE volunteer_activity SET title = substr(title, 1, length(title) - 1) WHERE id = :id",
    ),
    (
        "activity",
        "volunteer_activity",
        "UPDATE volunteer_signin SET minutes = minutes + 1 WHERE activity_id = :id",
        "UPDATE volunteer_signin SET minutes = minutes - 1 WHERE activity_id = :id",
    ),
    (
        "event",
        "emergency_event",
        "UPDATE emergency_event SET name = name || '改' WHERE id = :id",
        "UPDATE emergency_event SET name = substr(name, 1, length(name) - 1) WHERE id = :id",
    ),
]


def _execute(st: SyncedStation, statement: str, row_id: str) -> None:
    with st.station.db.write_session() as s:
        assert s.execute(text(statement), {"id": row_id}).rowcount >= 1, statement


def _differing(db: Any, st: SyncedStation) -> list[str]:
    """The ``entity:id`` of each record whose station and district scope lines differ."""
    local, remote = scope_lines(db, st.station, st.code)
    return sorted(k for k in local.keys() | remote.keys() if local.get(k) != remote.get(k))


def test_a_field_changed_without_an_op_makes_its_record_differ(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    residents.add_building(a.station, a.head, "3栋")
    rid = create_resident(a.station, a.head, "王芳", building="3栋", unit="1", room="201")
    ids = {
        "case": referred_case(a),
        "certificate": certificates.issue_certificate(a.station, a.head, residence(rid)).id,
        "activity": _served(a, _member(a, new_id_number(), "13800001111", "区教育局"), "care", 60),
        "event": emergency.start_event(a.station, a.head, "rainstorm", "暴雨红色预警").id,
    }
    assert a.sync(server.url).outcome == "ok"
    assert_converged(district_db, a)

    for key, entity, change, undo in TAMPERS:
        _execute(a, change, ids[key])
        local, remote = sync.local_scope_hash(a.station), server_scope(district_db, a.code)
        assert local.counts == remote.counts
        assert [e for e in local.hashes if local.hashes[e] != remote.hashes.get(e)] == [entity], (
            change
        )
        assert _differing(district_db, a) == [f"{entity}:{ids[key]}"], change
        _execute(a, undo, ids[key])
        assert sync.local_scope_hash(a.station).hashes == remote.hashes, undo
    assert_converged(district_db, a)
