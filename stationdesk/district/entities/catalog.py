"""The ``catalog`` entity: reference documents the district publishes (never pushed)."""

from __future__ import annotations

from ..registry import ApplyContext, ApplyOutcome, EntityHandler


class CatalogHandler(EntityHandler):
    """Certificate catalog, matter types, departments, calendar: written by the district only."""

    entity = "catalog"
    pushable = False

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        return ApplyOutcome.reject(403, "reference data is published by the district, not pushed")


HANDLER = CatalogHandler()
