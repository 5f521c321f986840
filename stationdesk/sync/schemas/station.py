"""The ops of a station about itself: its row, its signing key, its conflict resolutions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, StrictStr

from .base import Entity, Fields, KeyHex, State


class StationFields(Fields):
    """A station's own row: its code and name."""

    required = ("code", "name")
    code: StrictStr | None = Field(default=None, max_length=16)
    name: StrictStr | None = Field(default=None, max_length=100)


class KeyPublished(State):
    """``create`` of a station key: the station's first public key and when it holds from."""

    public_key: KeyHex
    algorithm: Literal["Ed25519"] = "Ed25519"
    station_code: StrictStr | None = Field(default=None, max_length=16)
    valid_from: StrictStr | None = Field(default=None, max_length=40)


class KeyRotated(KeyPublished):
    """``rotate``: a new key, signed by the one in force (or flagged as replacing a lost one)."""

    effective_at: StrictStr | None = Field(default=None, max_length=40)
    previous_key: KeyHex | None = None
    signature: StrictStr | None = Field(default=None, max_length=256)
    lost_old_key: StrictBool | None = None


class ConflictResolved(State):
    """``resolve`` of a conflict record: the head's choice, in a word."""

    resolution: StrictStr | None = Field(default=None, max_length=200)


STATION_MODELS: dict[Entity, dict[str, type[State]]] = {
    Entity.STATION_KEY: {"create": KeyPublished, "rotate": KeyRotated},
    Entity.CONFLICT: {"resolve": ConflictResolved},
}
"""Each kind of op of these entities, and the model of its payload."""
