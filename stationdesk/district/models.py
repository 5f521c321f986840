"""The district server's tables: stations, departments, ops, records, conflicts, attachments…"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from stationdesk.dbkit import UTCDateTime

JsonType = JSON().with_variant(JSONB(), "postgresql")
# SQLite (the one-machine trial) has no BIGINT autoincrement; INTEGER is its rowid alias.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class DistrictBase(DeclarativeBase):
    """Declarative base of the district server's own schema (separate from a station's)."""

    metadata = MetaData()
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(timezone=True),
        dict[str, Any]: JsonType,
        Any: JsonType,
    }


class DistrictStation(DistrictBase):
    """An enrolled station: its code, the hash of its token and its push acknowledgement."""

    __tablename__ = "district_station"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]
    last_protocol: Mapped[int | None] = mapped_column(Integer)
    last_schema: Mapped[str | None] = mapped_column(String(40))
    last_clock_skew_s: Mapped[int | None] = mapped_column(Integer)


class DistrictDepartment(DistrictBase):
    """A department that answers referred cases on the district platform, with its token hash."""

    __tablename__ = "district_department"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]


class StationCounter(DistrictBase):
    """The highest value of a named station sequence (e.g. certificates) seen in its ops."""

    __tablename__ = "station_counter"
    station_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    max_value: Mapped[int] = mapped_column(BigInteger)


class AppliedOp(DistrictBase):
    """An op applied exactly once: its content hash and the result to repeat on a resend."""

    __tablename__ = "applied_op"
    __table_args__ = (UniqueConstraint("station_id", "seq", name="uq_applied_op_station_seq"),)
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    content_hash: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str | None] = mapped_column(String(36))
    station_time: Mapped[datetime]
    received_at: Mapped[datetime]
    result: Mapped[dict[str, Any]]


class Record(DistrictBase):
    """The district's current state of one synced record, whatever its entity.

    Personal fields are sealed in ``data`` (see ``district/crypto``); ``id_hmac`` is the keyed
    HMAC of the ID number of a resident (or a certificate's holder), to find people by it.
    """

    __tablename__ = "record"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]
    field_versions: Mapped[dict[str, Any]]
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    owner_station_id: Mapped[str | None] = mapped_column(String(36), index=True)
    scope_station_id: Mapped[str | None] = mapped_column(String(36), index=True)
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    id_hmac: Mapped[str | None] = mapped_column(String(64), index=True)


class ChangeLog(DistrictBase):
    """One committed state of a record, stamped with the id of the transaction that wrote it.

    Served in (txid, id) order and only below ``pg_snapshot_xmin(pg_current_snapshot())``, so a
    transaction that commits late can never be skipped by a station's cursor.
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_position", "txid", "id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    txid: Mapped[int] = mapped_column(BigInteger)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any] | None]
    scope_station_id: Mapped[str | None] = mapped_column(String(36))
    origin_station_id: Mapped[str | None] = mapped_column(String(36))
    origin_station_code: Mapped[str | None] = mapped_column(String(16))
    op_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(index=True)


class Conflict(DistrictBase):
    """A change kept for review: both values of a field, an edit to a deleted record, …

    The values of a conflict about a record with personal fields are stored sealed.
    """

    __tablename__ = "conflict"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    base_version: Mapped[int | None] = mapped_column(Integer)
    local_value: Mapped[Any] = mapped_column(JsonType, nullable=True)
    server_value: Mapped[Any] = mapped_column(JsonType, nullable=True)
    applied_value: Mapped[Any] = mapped_column(JsonType, nullable=True)
    identity: Mapped[bool] = mapped_column(Boolean, default=False)
    station_id: Mapped[str] = mapped_column(String(36))
    op_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(Text)


class DistrictMeta(DistrictBase):
    """Server-wide facts as JSON (e.g. how far the change log has been pruned)."""

    __tablename__ = "district_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]


class UniqueKey(DistrictBase):
    """A district-wide unique value held by one record (e.g. a certificate number)."""

    __tablename__ = "unique_key"
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    key_name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64))


class VerifyRateBucket(DistrictBase):
    """One client address's ``/verify`` token bucket, shared by every server process.

    ``refilled_at`` is in seconds since the epoch; a bucket idle for a whole period is full
    again, so such rows are pruned (see ``verify.ratelimit``).
    """

    __tablename__ = "verify_rate_bucket"
    client: Mapped[str] = mapped_column(String(128), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    refilled_at: Mapped[float] = mapped_column(Float, index=True)
    allowed: Mapped[bool] = mapped_column(Boolean)


class StationKeyVersion(DistrictBase):
    """One Ed25519 public key of a station and when it was in force: the station's key history.

    ``status``: ``accepted`` (in force from ``valid_from``, until ``valid_to`` once replaced),
    ``pending`` (a replacement the station could not sign with its lost key, waiting for
    approval on the district; ``valid_from`` is the time it claims) or ``withdrawn`` (a pending
    replacement superseded by a later one). ``basis`` says how it came in: ``first`` (the
    station's first key), ``signed`` (a rotation statement signed by the key it replaced) or
    ``approved`` (a lost-key replacement approved on the district).
    """

    __tablename__ = "station_key_history"
    __table_args__ = (
        UniqueConstraint("station_id", "public_key", name="uq_station_key_history_key"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(36), index=True)
    public_key: Mapped[str] = mapped_column(String(64))  # hex of the raw 32 bytes
    status: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[datetime]
    valid_to: Mapped[datetime | None]
    previous_key: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(128))  # hex, over the statement
    op_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]


class StationAuditHead(DistrictBase):
    """The head of a station's audit hash chain as it reported it at a sync: the record number
    and its hash, per installation (a station rebuilt on a new PC starts a new chain). A station
    whose history was rewritten after a sync no longer has that hash at that number."""

    __tablename__ = "station_audit_head"
    __table_args__ = (
        UniqueConstraint("station_id", "installation", "seq", "hash", name="uq_station_audit_head"),
    )
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(String(36), index=True)
    installation: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[datetime]


class AttachmentBlob(DistrictBase):
    """An attachment's bytes as the district holds them, by content (its SHA-256): stored once
    however many stations or cases hold it. ``received`` bytes are in its chunks; ``complete``
    once they are all there and hash to ``sha256``."""

    __tablename__ = "attachment_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]


class AttachmentChunk(DistrictBase):
    """One uploaded piece of a blob, at its offset, sealed under the data key (it may show a
    person's ID card): see ``Vault.seal_bytes``."""

    __tablename__ = "attachment_chunk"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AttachmentRef(DistrictBase):
    """A station's claim on a blob: it uploaded it or named it as its own; only then may it
    read it back."""

    __tablename__ = "attachment_ref"
    station_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime]
