"""A station table row as JSON and back, for records a rebuilt station takes from the district."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table, TypeDecorator


def _kind(table: Table, name: str) -> type | None:
    """``datetime`` or ``date`` for a column holding one (through a decorated type), else None."""
    column_type = table.columns[name].type
    inner = column_type.impl_instance if isinstance(column_type, TypeDecorator) else column_type
    if isinstance(inner, DateTime):
        return datetime
    if isinstance(inner, Date):
        return date
    return None


def row_json(table: Table, obj: object, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every column of ``obj`` (a row of ``table``) but ``skip``, by column name, as JSON."""
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name in skip:
            continue
        value = getattr(obj, column.key)
        out[column.name] = value.isoformat() if isinstance(value, date) else value
    return out


def row_values(table: Table, data: Mapping[str, Any]) -> dict[str, Any]:
    """``row_json`` undone: attribute values by key, for the columns ``table`` has."""
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name not in table.columns:
            continue
        kind = _kind(table, name)
        if isinstance(value, str) and kind is datetime:
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and kind is date:
            value = date.fromisoformat(value)
        out[table.columns[name].key] = value
    return out
