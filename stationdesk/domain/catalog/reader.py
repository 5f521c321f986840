"""A strict reader of one JSON object of the catalog data, naming the path of a bad key."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from stationdesk.domain.catalog.common import CatalogError, parse_iso_date


class JsonObject:
    """A JSON object being read, which knows its path for error messages."""

    def __init__(self, data: object, path: str, required: set[str], optional: set[str]) -> None:
        if not isinstance(data, dict):
            raise CatalogError(f"{path}: expected an object, got {type(data).__name__}")
        for key in data:
            if not isinstance(key, str):
                raise CatalogError(f"{path}: keys must be strings, got {key!r}")
            if key.startswith("_"):
                continue  # "_comment" and friends: JSON has no comments
            if key not in required and key not in optional:
                raise CatalogError(f"{path}.{key}: unknown key")
        for key in sorted(required):
            if key not in data:
                raise CatalogError(f"{path}.{key}: required key is missing")
        self.data: dict[str, Any] = data
        self.path = path

    def at(self, key: str) -> str:
        """Return the path of one key."""
        return f"{self.path}.{key}"

    def has(self, key: str) -> bool:
        """Return whether an optional key is present."""
        return key in self.data

    def text(self, key: str) -> str:
        """Return a non-empty string value."""
        value = self.data[key]
        if not isinstance(value, str):
            raise CatalogError(f"{self.at(key)}: expected a string, got {type(value).__name__}")
        if not value.strip():
            raise CatalogError(f"{self.at(key)}: must not be empty")
        return value.strip()

    def optional_text(self, key: str) -> str:
        """Return a non-empty string value, or "" when the optional key is absent."""
        return self.text(key) if self.has(key) else ""

    def boolean(self, key: str, default: bool) -> bool:
        """Return a boolean value."""
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise CatalogError(f"{self.at(key)}: expected true or false, got {value!r}")
        return value

    def integer(self, key: str, low: int, high: int) -> int:
        """Return an integer value within [low, high]."""
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise CatalogError(f"{self.at(key)}: expected an integer, got {value!r}")
        if not low <= value <= high:
            raise CatalogError(f"{self.at(key)}: must be between {low} and {high}, got {value}")
        return value

    def number(self, key: str) -> Decimal | None:
        """Return an optional number value as a Decimal."""
        if key not in self.data:
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CatalogError(f"{self.at(key)}: expected a number, got {value!r}")
        return Decimal(str(value))

    def iso_date(self, key: str) -> date:
        """Return a YYYY-MM-DD date value."""
        value = self.text(key)
        parsed = parse_iso_date(value)
        if parsed is None:
            raise CatalogError(f"{self.at(key)}: expected a YYYY-MM-DD date, got {value!r}")
        return parsed

    def pattern(self, key: str, regex: re.Pattern[str], what: str) -> str:
        """Return a string value that matches a pattern."""
        value = self.text(key)
        if not regex.fullmatch(value):
            raise CatalogError(f"{self.at(key)}: {value!r} is not {what}")
        return value

    def array(self, key: str, allow_empty: bool = False) -> list[Any]:
        """Return a list value."""
        if key not in self.data:
            return []
        value = self.data[key]
        if not isinstance(value, list):
            raise CatalogError(f"{self.at(key)}: expected a list, got {type(value).__name__}")
        if not value and not allow_empty:
            raise CatalogError(f"{self.at(key)}: must not be empty")
        return value

    def strings(self, key: str, allow_empty: bool = True) -> tuple[str, ...]:
        """Return a list of non-empty strings."""
        result: list[str] = []
        for index, value in enumerate(self.array(key, allow_empty=allow_empty)):
            if not isinstance(value, str) or not value.strip():
                raise CatalogError(f"{self.at(key)}[{index}]: expected a non-empty string")
            result.append(value.strip())
        return tuple(result)
