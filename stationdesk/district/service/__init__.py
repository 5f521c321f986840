"""The district server's use cases: enrol, hello, push, pull, snapshot, publish, prune.

Each function that serves a station takes the station row its request authenticated as (see
``district.deps.current_station``), never a raw token.
"""

from __future__ import annotations

from ..errors import DistrictError
from .admin import PRUNED_KEY, list_stations, prune_change_log, publish_catalog
from .pull import (
    SNAPSHOT_MAX_ID,
    audit_heads,
    get_record,
    hello,
    pull,
    scope_hash,
    scope_hash_for,
    snapshot,
)
from .push import push
from .stations import (
    TOKEN_PREFIX,
    Enrolment,
    add_station,
    authenticate,
    check_protocol,
    hash_token,
    station_for_token,
)
from .volunteer_hours import member_hours

__all__ = [
    "PRUNED_KEY",
    "SNAPSHOT_MAX_ID",
    "TOKEN_PREFIX",
    "DistrictError",
    "Enrolment",
    "add_station",
    "audit_heads",
    "authenticate",
    "check_protocol",
    "get_record",
    "hash_token",
    "hello",
    "list_stations",
    "member_hours",
    "prune_change_log",
    "publish_catalog",
    "pull",
    "push",
    "scope_hash",
    "scope_hash_for",
    "snapshot",
    "station_for_token",
]
