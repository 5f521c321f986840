"""The ``resident`` entity: shared by every station, merged field by field (SYNC.md rules)."""

from __future__ import annotations

from typing import ClassVar

from ..registry import FieldRecordHandler, Scope


class ResidentHandler(FieldRecordHandler):
    """Any station may edit; the same field edited at two stations makes a conflict record.

    A conflict on an identity field flags the record. Two registrations of one person are
    merged only by an explicit ``merge`` op that leaves ``merged_into`` on the retired record.
    """

    entity = "resident"
    owned = False
    scope: ClassVar[Scope] = "district"
    identity_fields = ("id_number", "name", "birth_date")


HANDLER = ResidentHandler()
