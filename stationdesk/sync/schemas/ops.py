"""The one table of payload models by entity and kind, and the check both ends run with it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from .base import Entity, Fields, PayloadProblem, State, ValidationProblem, new_values, problem_of
from .documents import DOCUMENT_MODELS
from .emergency import EMERGENCY_MODELS
from .people import (
    BuildingFields,
    GridFields,
    ResidentFields,
    VisitFields,
    WorkerFields,
    resident_problem,
)
from .station import STATION_MODELS, StationFields
from .volunteer import VOLUNTEER_FIELDS, VOLUNTEER_MODELS

FIELD_MODELS: dict[Entity, type[Fields]] = {
    Entity.RESIDENT: ResidentFields,
    Entity.GRID: GridFields,
    Entity.BUILDING: BuildingFields,
    Entity.VISIT: VisitFields,
    Entity.WORKER: WorkerFields,
    Entity.STATION: StationFields,
    **VOLUNTEER_FIELDS,
}
"""Entities whose create and update payloads are checked field by field."""

OP_MODELS: dict[Entity, dict[str, type[State]]] = {
    **DOCUMENT_MODELS,
    **STATION_MODELS,
    **EMERGENCY_MODELS,
    **VOLUNTEER_MODELS,
}
"""Entities whose every op carries one payload of its kind's model (station-owned records)."""

NOT_PUSHED = frozenset({Entity.CASE_ANSWER, Entity.CATALOG})
"""Entities only the district writes: a station's op of them is refused before any schema."""


def op_kinds(entity: str) -> tuple[str, ...]:
    """The kinds of op an entity of :data:`OP_MODELS` has (none for another)."""
    try:
        return tuple(OP_MODELS.get(Entity(entity), ()))
    except ValueError:
        return ()


def _field_problem(
    model: type[Fields], kind: str, payload: Mapping[str, Any]
) -> PayloadProblem | None:
    missing = [f for f in model.required if kind == "create" and not payload.get(f)]
    if missing:
        return PayloadProblem((missing[0],), "必填")
    values = dict(payload) if kind == "create" else new_values(payload)
    model.model_validate(values)
    if model is ResidentFields:
        found = resident_problem(values, kind)
        if found is not None:
            return PayloadProblem((found[0],), found[1])
    return None


def op_problem(entity: str, kind: str, payload: Any) -> PayloadProblem | None:
    """Why an op's payload breaks its entity's schema for its kind, or None (also for a kind
    the entity does not have: its handler refuses that)."""
    try:
        known = Entity(entity)
    except ValueError:
        return None
    field_model = FIELD_MODELS.get(known) if kind in ("create", "update") else None
    model = OP_MODELS.get(known, {}).get(kind)
    if field_model is None and model is None:
        return None
    if not isinstance(payload, Mapping):
        return PayloadProblem((), "must be an object")
    try:
        if field_model is not None:
            return _field_problem(field_model, kind, payload)
        assert model is not None
        model.model_validate(dict(payload))
    except ValidationProblem as exc:
        return exc.problem
    except ValidationError as exc:
        return problem_of(exc)
    return None


def payload_problem(entity: str, kind: str, payload: Any) -> str | None:
    """Why an op's payload breaks its entity's schema (``field: reason``), or None."""
    problem = op_problem(entity, kind, payload)
    return None if problem is None else str(problem)
