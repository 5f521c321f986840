"""The one table of entities and the resident schema both ends check pushes with: every op the
station's real services write passes it, and what a station would refuse, it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from stationdesk.district.service.pull import handlers as district_handlers
from stationdesk.services import setup, sync_entities
from stationdesk.store.models import OutboxEntry
from stationdesk.sync.schemas import FIELD_MODELS, OP_MODELS, Entity, op_problem, payload_problem


def test_one_entity_table_names_every_entity_of_both_ends():
    station = set(sync_entities.handlers())
    district = set(district_handlers())
    assert station <= district
    assert {e.value for e in Entity} == district


def test_every_demo_resident_and_op_of_the_demo_station_passes_its_schema(tmp_path: Path):
    """The demo's 300 residents as a create would carry them, and every op in its outbox."""
    station = setup.open_or_create_demo(tmp_path / "demo", residents=300)
    try:
        with station.db.read_session() as s:
            ops = [(o.entity, o.kind, o.payload) for o in s.scalars(select(OutboxEntry))]
            rows = sync_entities.handlers()["resident"].scope_rows(s)
            ops += [("resident", "create", data) for _id, _v, deleted, data in rows if not deleted]
    finally:
        station.close()
    assert len([op for op in ops if op[0] == "resident"]) >= 300
    assert [(op, payload_problem(*op)) for op in ops if payload_problem(*op)] == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (
            {"name": "李雷", "id_type": "RESIDENT_ID", "id_number": "110101199003074515"},
            "id_number",
        ),
        ({"name": "李雷", "id_type": "PASSPORT", "id_number": "E1"}, "id_number"),
        ({"name": "李雷", "phones": ["1381234567"]}, "phones"),
        ({"name": "李雷", "relation": "邻居"}, "relation"),
        ({"name": "李雷", "unit": "1" * 9}, "unit"),
    ],
)
def test_a_field_the_station_would_refuse_is_named(payload, field):
    problem = payload_problem("resident", "create", payload)
    assert problem is not None and problem.startswith(field), problem


@given(st.text(max_size=3000))
def test_a_note_passes_exactly_up_to_its_limit(note):
    problem = payload_problem("resident", "create", {"name": "李雷", "note": note})
    assert (problem is None) == (len(note) <= 2000)


def test_the_station_refuses_a_note_over_the_limit_and_writes_nothing(station):
    from stationdesk.services import residents
    from stationdesk.services.errors import InputError

    def queued() -> int:
        with station.station.db.read_session() as s:
            return len(s.scalars(select(OutboxEntry)).all())

    before = queued()
    data = residents.ResidentInput(name="李雷", id_number="110101199003074514", note="字" * 2001)
    with pytest.raises(InputError) as refused:
        residents.register_resident(station.station, station.worker, data)
    assert refused.value.field == "note"
    assert queued() == before
    ok = residents.register_resident(
        station.station, station.worker, data.__class__(**{**data.__dict__, "note": "字" * 2000})
    )
    with pytest.raises(InputError):
        residents.edit_resident(station.station, station.worker, ok.row.id, {"note": "字" * 2001})


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
_KINDS = sorted(
    {(e.value, k) for e, kinds in OP_MODELS.items() for k in kinds}
    | {(e.value, k) for e in FIELD_MODELS for k in ("create", "update")}
)


@given(st.sampled_from(_KINDS), st.dictionaries(st.text(max_size=16), _JSON, max_size=6))
def test_any_json_payload_of_any_kind_gets_an_answer_naming_a_field_never_an_exception(
    entity_kind, payload
):
    entity, kind = entity_kind
    problem = op_problem(entity, kind, payload)
    if problem is not None:
        assert problem.reason and str(problem).startswith(problem.field + ": ")
        # the field named is one the payload has, or one its kind requires
        head = problem.loc[0] if problem.loc else None
        assert head is None or isinstance(head, str)


@pytest.mark.parametrize(("entity", "kind"), _KINDS)
def test_a_payload_that_is_no_object_is_named_as_the_payload(entity, kind):
    problem = op_problem(entity, kind, ["not", "an", "object"])
    assert problem is not None and problem.field == "payload"
