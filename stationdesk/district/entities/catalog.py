"""The ``catalog`` entity: reference documents the district publishes (never pushed)."""

from __future__ import annotations

from ..registry import ApplyContext, EntityHandler, Outcome


class CatalogHandler(EntityHandler):
    """Certificate catalog, matter types, departments, calendar: written by the district only."""

    entity = "catalog"
    pushable = False

    def apply(self, ctx: ApplyContext) -> Outcome:
        return Outcome.reject(403, "reference data is published by the district, not pushed")


HANDLER = CatalogHandler()
