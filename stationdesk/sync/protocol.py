"""The wire schemas of ``/sync/v1`` shared by the station and the district server.

Design (see docs/sync-protocol.md):

* ``POST /sync/v1/stations/{code}/hello``  -> :class:`HelloResponse` (or 426 outside the range).
* ``POST /sync/v1/stations/{code}/push``   -> :class:`PushResponse`; 409 :class:`SequenceGap`.
* ``GET  /sync/v1/stations/{code}/pull``   -> :class:`PullResponse`; 410 for a pruned cursor.
* ``GET  /sync/v1/stations/{code}/snapshot`` -> :class:`SnapshotPage` (resumable by ``after``).
* ``GET  /sync/v1/stations/{code}/scope-hash`` -> :class:`ScopeHash` (verification).
* ``POST /sync/v1/stations/{code}/attachments/missing`` -> :class:`AttachmentsMissing`.
* ``PUT  /sync/v1/stations/{code}/attachments/{sha256}`` -> :class:`BlobProgress`; 409
  :class:`BlobOffsetConflict` (resume at ``received``), 422 when the whole does not hash.
* ``GET  /sync/v1/stations/{code}/attachments/{sha256}`` -> raw bytes of the complete blob.

Every request carries the header :data:`PROTOCOL_HEADER`; bodies may be gzip-compressed
(``Content-Encoding: gzip``) both ways. A pushed operation is identified by its ``op_id`` and
ordered by its per-station ``seq``; a pulled change by its position in the district change log,
encoded in an opaque cursor string.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

PROTOCOL_VERSION = 1
"""The protocol this code speaks (both ends)."""

MIN_PROTOCOL_VERSION = 1
"""The oldest station protocol the server still accepts."""

PROTOCOL_HEADER = "X-Stationdesk-Protocol"
API_PREFIX = "/sync/v1"
START_CURSOR = "0.0"
TOMBSTONE_RETENTION_DAYS = 180
CLOCK_SKEW_WARNING_SECONDS = 5 * 60

MAX_PUSH_OPS = 500
MAX_PUSH_BYTES = 1024 * 1024
DEFAULT_PULL_LIMIT = 1000
MAX_PULL_LIMIT = 5000
MAX_OP_PAYLOAD_CHARS = 2 * 1024 * 1024
"""The most text (strings and keys, in characters) one op's payload may carry."""
MAX_PAYLOAD_DEPTH = 32

OpStatus = Literal["applied", "duplicate", "conflict", "rejected"]
ChangeKind = Literal["upsert", "delete"]

# -- what a station may send -----------------------------------------------------------------
# The request models below are checked before anything reaches the database: the lengths are
# those of the district's columns, identifiers carry no control characters, and no string or
# key anywhere in a payload holds NUL (PostgreSQL text and JSONB cannot store it).

IDENTIFIER_PATTERN = r"^[^\x00-\x1f\x7f]*$"
"""An identifier (op id, entity, record id, kind, actor …): no control characters."""
PATH_SEGMENT_PATTERN = r"^[^/\x00-\x1f\x7f]+$"
"""An identifier in a URL path: no control characters and no ``/``."""
NO_NUL_PATTERN = r"^[^\x00]*$"
"""Anything but NUL."""
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
"""Free text a person typed: no control characters but tab, line feed and carriage return."""
MAX_SEQ = 2**63 - 1
MAX_VERSION = 2**31 - 1
MAX_SKEW_SECONDS = 2**31 - 1
CURSOR_PATTERN = r"^([0-9]{1,19}\.[0-9]{1,19})?$"
"""A cursor as the server makes them (``txid.id``), or empty for the start."""
SHA256_PATTERN = r"^[0-9a-f]{64}$"
"""An attachment's content address: the lowercase hex SHA-256 of its bytes."""
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
"""The largest attachment (the station's limit, services/cases/attachments.py)."""
MAX_ATTACHMENT_CHUNK = 1024 * 1024
"""The most bytes one attachment PUT carries or one GET answers."""
MAX_MISSING_QUERY = 1000
"""The most hashes one ``attachments/missing`` request names."""
ATTACHMENT_SIZE_HEADER = "X-Attachment-Size"
"""The header of a GET of attachment bytes naming the whole blob's size."""
VISIT_SCOPE_FIELDS = ("purpose", "worker_id", "at")
"""What the scope hash compares of a visit: not its resident, which a station's merge of two
residents may move without an op."""


def identifier(max_length: int, min_length: int = 1, default: Any = PydanticUndefined) -> Any:
    """A ``Field`` for an identifier of at most ``max_length`` characters (its column's size)."""
    return Field(default, min_length=min_length, max_length=max_length, pattern=IDENTIFIER_PATTERN)


def _as_utc(value: datetime) -> datetime:
    """The same moment in UTC; a reading at the very ends of the calendar is kept at the end."""
    try:
        return value.astimezone(UTC)
    except OverflowError:
        end = datetime.min if value.year == datetime.min.year else datetime.max
        return end.replace(tzinfo=UTC)


StationTime = Annotated[AwareDatetime, AfterValidator(_as_utc)]
"""A station's clock reading: with a UTC offset (RFC 3339), held in UTC."""


def skew_seconds(station_time: datetime, server_time: datetime) -> int:
    """How far a station's clock is ahead of the server's, in whole seconds (bounded)."""
    seconds = int((station_time - server_time).total_seconds())
    return max(-MAX_SKEW_SECONDS, min(seconds, MAX_SKEW_SECONDS))


def check_payload(value: dict[str, Any]) -> dict[str, Any]:
    """An op's payload as is, or ValueError: NUL in a string or key, a number that is not
    finite (NaN, Infinity: JSON has none), too deep, or too large.
    """
    if _payload_problem(value, named=False) is not None:
        # once more, naming where the problem is (too slow to do for every payload)
        raise ValueError(_payload_problem(value, named=True))
    return value


def _payload_problem(value: dict[str, Any], *, named: bool) -> str | None:
    """What is wrong with a payload (None: nothing); ``named`` says where (slower)."""
    budget = MAX_OP_PAYLOAD_CHARS
    stack: list[tuple[Any, int, str]] = [(value, 0, "payload")]
    while stack:
        node, depth, where = stack.pop()
        if depth > MAX_PAYLOAD_DEPTH:
            return f"nested deeper than {MAX_PAYLOAD_DEPTH} levels at {where}"
        if isinstance(node, str):
            budget -= len(node)
            if "\x00" in node:
                return f"NUL character in the string at {where}"
        elif isinstance(node, dict):
            for key, item in node.items():
                budget -= len(key)
                if "\x00" in key:
                    return f"NUL character in a key at {where}"
                stack.append((item, depth + 1, f"{where}.{key[:40]}" if named else where))
        elif isinstance(node, list):
            stack.extend(
                (item, depth + 1, f"{where}[{i}]" if named else where)
                for i, item in enumerate(node)
            )
        elif isinstance(node, float) and not math.isfinite(node):
            return f"a number that is not finite at {where}"
        if budget < 0:
            return f"larger than {MAX_OP_PAYLOAD_CHARS} characters"
    return None


Payload = Annotated[
    dict[str, Any],
    AfterValidator(check_payload),
    Field(
        description=(
            f"The op's content; no NUL anywhere, at most {MAX_PAYLOAD_DEPTH} levels deep and "
            f"{MAX_OP_PAYLOAD_CHARS} characters of text."
        )
    ),
]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class AuditHead(_Wire):
    """The head of a station's audit hash chain: its record number and hash, and the
    installation (the station's local uid) whose chain it is."""

    installation: str = identifier(36)
    seq: int = Field(ge=0, le=MAX_SEQ)
    hash: str = identifier(64)


class HelloRequest(_Wire):
    """What a station says first: who it is, which protocol and schema it runs, and the head
    of its audit chain (the district keeps each one, for ``audit verify --against-district``)."""

    protocol_version: int
    schema_revision: str | None = identifier(64, min_length=0, default=None)
    app_version: str = identifier(64, min_length=0, default="")
    station_code: str = identifier(16)
    station_time: StationTime
    audit_head: AuditHead | None = None


class SeenAuditHead(AuditHead):
    """An audit-chain head as the district recorded it, with when it was reported."""

    seen_at: datetime


class AuditHeads(_Wire):
    """Every audit-chain head the district holds for the asking station, oldest first."""

    heads: list[SeenAuditHead] = Field(default_factory=list)


class HelloResponse(_Wire):
    """The server's answer: accepted range, its time, acks and counters for this station."""

    protocol_min: int
    protocol_max: int
    server_time: datetime
    station_code: str
    station_name: str
    last_acked_seq: int
    max_sequences: dict[str, int] = Field(default_factory=dict)
    tombstone_retention_days: int = TOMBSTONE_RETENTION_DAYS
    oldest_cursor: str = START_CURSOR


class Op(_Wire):
    """One station operation taken from its outbox."""

    seq: int = Field(ge=1, le=MAX_SEQ)
    op_id: str = identifier(36)
    entity: str = identifier(32)
    entity_id: str = identifier(64)
    kind: str = identifier(32)
    payload: Payload
    base_version: int | None = Field(default=None, ge=0, le=MAX_VERSION)
    actor: str | None = identifier(36, min_length=0, default=None)
    station_time: StationTime


def canonical_json(value: Any) -> str:
    """The one text both ends hash for a value: sorted keys, no spaces, dates as strings."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def op_content_hash(entity: str, entity_id: str, kind: str, payload: Any, base: int | None) -> str:
    """The hash that makes an op_id's content checkable (seq and times are not part of it)."""
    body = canonical_json([entity, entity_id, kind, payload, base])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class PushRequest(_Wire):
    """Up to :data:`MAX_PUSH_OPS` operations, in outbox order."""

    ops: list[Op]


class FieldConflictWire(_Wire):
    """A conflict the server recorded while applying an op (kept for review)."""

    conflict_id: str
    entity: str
    entity_id: str
    field: str | None
    kind: Literal["field", "deleted", "rejected"] = "field"
    base_version: int | None = None
    local_value: Any = None
    server_value: Any = None
    applied_value: Any = None
    identity: bool = False


class Change(_Wire):
    """One row of the district change log as a station receives it (full record state)."""

    entity: str
    entity_id: str
    kind: ChangeKind
    version: int
    data: dict[str, Any] | None = None
    origin_station: str | None = None
    origin_op_id: str | None = None


class OpResult(_Wire):
    """The server's answer for one op; a duplicate carries the stored first answer.

    ``state`` is the record as it stands on the server after the batch (also for a
    duplicate): once no local edit of it is pending, the station stores exactly that.
    """

    op_id: str
    seq: int
    status: OpStatus
    server_version: int | None = None
    http_status: int = 200
    message: str | None = None
    conflicts: list[FieldConflictWire] = Field(default_factory=list)
    state: Change | None = None


class PushResponse(_Wire):
    """Results for the ops handled, in order, and the station's new acknowledged seq."""

    results: list[OpResult]
    last_acked_seq: int
    server_time: datetime


class SequenceGap(_Wire):
    """409 body: the ops before ``results`` end were handled; resume at ``expected_seq``."""

    error: Literal["sequence_gap", "sequence_reused"]
    expected_seq: int
    last_acked_seq: int
    results: list[OpResult] = Field(default_factory=list)


class PullResponse(_Wire):
    """A page of changes after a cursor, and the cursor that follows it."""

    changes: list[Change]
    next_cursor: str
    has_more: bool


class SnapshotPage(_Wire):
    """A page of the station's scope; ``cursor`` is where pulling continues afterwards."""

    records: list[Change]
    cursor: str
    after: str | None
    has_more: bool


class AttachmentsMissingRequest(_Wire):
    """The content addresses of attachments a station holds (it is given a claim on each)."""

    sha256: list[Annotated[str, Field(pattern=SHA256_PATTERN)]] = Field(
        max_length=MAX_MISSING_QUERY
    )


class MissingBlob(_Wire):
    """An attachment the district does not hold whole, and how many of its bytes it has."""

    sha256: str
    received: int


class AttachmentsMissing(_Wire):
    """Which of the asked attachments still need uploading (a complete blob is not missing)."""

    missing: list[MissingBlob]


class BlobProgress(_Wire):
    """How much of an attachment the district holds after a PUT, and whether it is whole."""

    received: int
    complete: bool


class ScopeHash(_Wire):
    """Per-entity digests of a station's scope and the record counts behind them."""

    hashes: dict[str, str]
    counts: dict[str, int]


class MemberHours(_Wire):
    """A member's approved service time across the district (``/members/{id}/hours``): minutes
    in all, by activity kind and by station code, and how many approved activities count."""

    member_id: str
    minutes: int
    by_kind: dict[str, int]
    by_station: dict[str, int]
    activities: int


class ErrorBody(_Wire):
    """The body of every error answer (403, 410, 426 …)."""

    error: str
    message: str
    message_zh: str = ""
    protocol_min: int | None = None
    protocol_max: int | None = None


class BlobOffsetConflict(ErrorBody):
    """409 of an attachment PUT at another offset than the bytes received: resume there."""

    received: int


# -- cursors ---------------------------------------------------------------------------------


def encode_cursor(txid: int, change_id: int) -> str:
    """A cursor names the last change-log position seen: (transaction id, row id)."""
    return f"{txid}.{change_id}"


def decode_cursor(cursor: str | None) -> tuple[int, int]:
    """Parse a cursor; raise ValueError when it is not one."""
    if not cursor:
        return (0, 0)
    txid, _, change_id = cursor.partition(".")
    a, b = int(txid), int(change_id)
    if a < 0 or b < 0:
        raise ValueError("negative cursor")
    # no position is beyond MAX_SEQ: a larger one means the same, "after everything"
    return (min(a, MAX_SEQ), min(b, MAX_SEQ))


# -- scope hashing ---------------------------------------------------------------------------


def record_digest_line(entity_id: str, version: int, deleted: bool, data: Any) -> str:
    """The canonical line of one record in a scope hash (both ends build the same)."""
    return canonical_json([entity_id, version, deleted, data])


def scope_digest(lines: list[str]) -> str:
    """The digest of an entity's records in a scope (order-independent)."""
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()
