"""The ``worker`` entity: a station's accounts (never a password), seen only by that station."""

from __future__ import annotations

from typing import ClassVar

from ..registry import FieldRecordHandler, Scope


class WorkerHandler(FieldRecordHandler):
    """Owned by the station that created the account; another station's edit gets 403."""

    entity = "worker"
    owned = True
    scope: ClassVar[Scope] = "owner"
    snapshot_rank = 5


HANDLER = WorkerHandler()
