"""Which fields of which records are personal, and how a record's data is sealed and opened.

The personal fields of one record state are sealed together, as one envelope under the key
``_sealed`` of its data; the other fields stay readable (numbers, states, the department a case
is referred to, …), so the district can still query them. Residents are sealed whole (every
field but ``merged_into``), so a field added later is personal until said otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .vault import Vault, envelope_key_id, is_envelope

SEALED_KEY = "_sealed"
"""The key of a record's data holding the envelope of its personal fields."""


@dataclass(frozen=True)
class PersonalFields:
    """The personal fields of an entity's records.

    ``sealed``: the fields sealed (``a.b``: field ``b`` of the object in field ``a``), or None
    for every field but those in ``plain``. ``match``: the ID-number field whose keyed HMAC is
    kept beside the record for lookups (see :mod:`.matching`).
    """

    sealed: frozenset[str] | None
    plain: frozenset[str] = frozenset()
    match: str | None = None

    def split(self, data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """(the readable fields, the personal ones) of a record state."""
        outer = dict(data)
        secret: dict[str, Any] = {}
        if SEALED_KEY in outer:  # a station's own field of that name is sealed like the rest
            secret[SEALED_KEY] = outer.pop(SEALED_KEY)
        if self.sealed is None:
            for name in [k for k in outer if k not in self.plain]:
                secret[name] = outer.pop(name)
            return outer, secret
        for path in sorted(self.sealed):
            head, _, tail = path.partition(".")
            if not tail:
                if head in outer:
                    secret[head] = outer.pop(head)
                continue
            inner = outer.get(head)
            if isinstance(inner, dict) and tail in inner:
                inner = dict(inner)
                secret.setdefault(head, {})[tail] = inner.pop(tail)
                outer[head] = inner
        return outer, secret


def join(outer: Mapping[str, Any], secret: Mapping[str, Any]) -> dict[str, Any]:
    """A record state from its readable and its personal fields (undoes ``split``)."""
    data = dict(outer)
    for name, value in secret.items():
        if isinstance(value, dict) and isinstance(data.get(name), dict):
            data[name] = {**data[name], **value}
        else:
            data[name] = value
    return data


PERSONAL: dict[str, PersonalFields] = {
    "resident": PersonalFields(None, plain=frozenset({"merged_into"}), match="id_number"),
    "case": PersonalFields(
        frozenset(
            {
                "summary",
                "description",
                "address",
                "reporter_name",
                "reporter_phone",
                "note",
                "event",
                "referral.note",
                "case_row",
                "timeline",
                "name",
                "attachments",
            }
        )
    ),
    "certificate": PersonalFields(
        frozenset({"holder_name", "holder_id_number", "fields", "purpose", "reason", "ledger_row"}),
        match="holder_id_number",
    ),
    "refusal_notice": PersonalFields(frozenset({"purpose", "reason_detail", "ledger_row"})),
    "case_answer": PersonalFields(frozenset({"note"})),
    "visit": PersonalFields(frozenset({"purpose"})),
    "emergency_event": PersonalFields(frozenset({"summary"})),
    "emergency_entry": PersonalFields(frozenset({"note", "checks"})),
    "emergency_responder": PersonalFields(frozenset({"name"})),
    "volunteer_member": PersonalFields(None, plain=frozenset({"merged_into"}), match="id_number"),
    "volunteer_unit": PersonalFields(frozenset({"contact_name", "contact_phone"})),
    "volunteer_wish": PersonalFields(frozenset({"text", "fulfil_note", "photo.name"})),
}
"""The entities with personal fields; the others (catalogs, keys, workers, …) stay readable."""


def _data_place(entity: str, entity_id: str) -> tuple[str, str, str]:
    return ("data", entity, entity_id)


def seal_data(vault: Vault, entity: str, entity_id: str, data: Any) -> Any:
    """A record state as stored: its personal fields sealed under ``_sealed``."""
    spec = PERSONAL.get(entity)
    if spec is None or not isinstance(data, Mapping):
        return data
    outer, secret = spec.split(data)
    if secret:
        outer[SEALED_KEY] = vault.seal(secret, *_data_place(entity, entity_id))
    return outer


def open_data(vault: Vault, entity: str, entity_id: str, data: Any) -> Any:
    """A stored record state with its personal fields opened (a plaintext state as it is)."""
    if entity not in PERSONAL or not isinstance(data, Mapping) or SEALED_KEY not in data:
        return data
    outer = dict(data)
    secret = vault.open(outer.pop(SEALED_KEY), *_data_place(entity, entity_id))
    return join(outer, secret)


def data_needs_sealing(vault: Vault, entity: str, data: Any) -> bool:
    """Whether a stored state has personal fields in plaintext or under an old key."""
    spec = PERSONAL.get(entity)
    if spec is None or not isinstance(data, Mapping):
        return False
    _, secret = spec.split({k: v for k, v in data.items() if k != SEALED_KEY})
    if secret:
        return True
    return SEALED_KEY in data and not vault.is_current(data[SEALED_KEY])


def seal_value(vault: Vault, entity: str, value: Any, *place: str) -> Any:
    """A conflict's value (any JSON) as stored: sealed when its entity has personal fields."""
    if entity not in PERSONAL or value is None:
        return value
    return vault.seal(value, *place)


def open_value(vault: Vault, entity: str, value: Any, *place: str) -> Any:
    """A stored conflict value opened (a plaintext one as it is)."""
    if entity not in PERSONAL or not is_envelope(value):
        return value
    return vault.open(value, *place)


def value_needs_sealing(vault: Vault, entity: str, value: Any) -> bool:
    """Whether a stored conflict value is in plaintext or under an old key."""
    if entity not in PERSONAL or value is None:
        return False
    return envelope_key_id(value) != vault.key_id
