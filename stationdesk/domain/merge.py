"""Field-level merge rules for records edited at several stations (docs/sync-protocol.md).

An edit carries, per changed field, the value it started from (``old``) and the value it sets
(``new``), plus the server version it was made against (``base_version``). The server keeps,
per field, the version at which that field last changed.

:func:`merge_edit` is the server's rule for an arriving edit:

* a field the server has not changed since ``base_version`` takes the new value, silently;
* a field changed at both ends takes the arriving (later) value, and a :class:`FieldConflict`
  keeps both values for review; ending at the same value on both sides is no conflict;
* a conflict on an identity field (ID number, name, birth date …) flags the record.

:func:`rebase_pending` is the station's rule for a pulled state while local edits of the same
record are still unpushed: the server state is taken and the pending values are laid over it,
so nothing local is overwritten; the server decides when the edits arrive.

Pure functions over plain mappings: no clock decides anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "FieldConflict",
    "FieldEdit",
    "MergeResult",
    "diff_values",
    "edits_from_payload",
    "edits_to_payload",
    "merge_edit",
    "rebase_pending",
]


@dataclass(frozen=True, slots=True)
class FieldEdit:
    """One changed field: the value the edit started from and the value it sets."""

    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """The same field changed at both ends; ``applied`` is the value that was kept."""

    field: str
    base_version: int | None
    local: Any
    server: Any
    applied: Any
    identity: bool


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What to write (field -> value) and the conflicts to record."""

    values: dict[str, Any] = field(default_factory=dict)
    conflicts: tuple[FieldConflict, ...] = ()

    @property
    def flagged(self) -> bool:
        """Whether an identity field is in conflict (the record needs a person to look)."""
        return any(c.identity for c in self.conflicts)

    @property
    def changed(self) -> bool:
        """Whether anything is written."""
        return bool(self.values)


def merge_edit(
    *,
    base_version: int | None,
    edits: Mapping[str, FieldEdit],
    current: Mapping[str, Any],
    field_versions: Mapping[str, int],
    identity_fields: Iterable[str] = (),
) -> MergeResult:
    """Apply an arriving edit to the server's current values (see the module docstring).

    Without a ``base_version`` the edit's ``old`` values are compared with the current ones
    instead of field versions.
    """
    identity = frozenset(identity_fields)
    values: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for name in sorted(edits):
        edit = edits[name]
        server_value = current.get(name)
        if base_version is None:
            changed_since = server_value != edit.old
        else:
            changed_since = field_versions.get(name, 0) > base_version
        if server_value == edit.new:
            continue  # both ends agree: nothing to write, nothing to review
        if changed_since and server_value != edit.old:
            conflicts.append(
                FieldConflict(
                    field=name,
                    base_version=base_version,
                    local=edit.new,
                    server=server_value,
                    applied=edit.new,
                    identity=name in identity,
                )
            )
        values[name] = edit.new
    return MergeResult(values, tuple(conflicts))


def rebase_pending(
    server_values: Mapping[str, Any], pending: Iterable[Mapping[str, FieldEdit]]
) -> dict[str, Any]:
    """The server state with unpushed local edits (oldest first) laid over it."""
    merged = dict(server_values)
    for edits in pending:
        for name, edit in edits.items():
            merged[name] = edit.new
    return merged


def diff_values(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, FieldEdit]:
    """The edits that turn ``before`` into ``after`` (fields whose value differs)."""
    names = set(before) | set(after)
    return {
        n: FieldEdit(before.get(n), after.get(n))
        for n in sorted(names)
        if before.get(n) != after.get(n)
    }


def edits_to_payload(edits: Mapping[str, FieldEdit]) -> dict[str, Any]:
    """The outbox/wire form of edits: ``{field: {"old": …, "new": …}}``."""
    return {n: {"old": e.old, "new": e.new} for n, e in edits.items()}


def edits_from_payload(payload: Mapping[str, Any]) -> dict[str, FieldEdit]:
    """Read ``{field: {"old": …, "new": …}}``; raise ValueError on any other shape."""
    edits: dict[str, FieldEdit] = {}
    for name, value in payload.items():
        if not isinstance(value, Mapping) or "new" not in value:
            raise ValueError(f"field {name!r} is not an edit with old and new values")
        edits[name] = FieldEdit(value.get("old"), value["new"])
    return edits
