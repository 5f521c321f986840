"""The shapes of what a station pushes, per entity and kind, checked the same way at both ends."""

from .base import Entity, Fields, PayloadProblem, State
from .ops import FIELD_MODELS, NOT_PUSHED, OP_MODELS, op_kinds, op_problem, payload_problem
from .people import (
    BuildingFields,
    GridFields,
    ResidentFields,
    VisitFields,
    WorkerFields,
    document_problem,
)

__all__ = [
    "FIELD_MODELS",
    "NOT_PUSHED",
    "OP_MODELS",
    "BuildingFields",
    "Entity",
    "Fields",
    "GridFields",
    "PayloadProblem",
    "ResidentFields",
    "State",
    "VisitFields",
    "WorkerFields",
    "document_problem",
    "op_kinds",
    "op_problem",
    "payload_problem",
]
