"""Models of certificates: catalog versions, the ledger, refusal notices, sequences and keys."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, PrimaryKeyConstraint, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from stationdesk.store.models import Base


class CatalogVersion(Base):
    """One version of the certificate catalog or the refusal guide, as loaded (kept forever)."""

    __tablename__ = "catalog_version"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "certificates" or "refusals"
    version: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[date] = mapped_column(Date)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))  # "resources", "file" or "district"
    active: Mapped[bool] = mapped_column(default=False)
    loaded_at: Mapped[datetime]
    loaded_by: Mapped[str | None] = mapped_column(ForeignKey("worker.id"))
    __table_args__ = (Index("ux_catalog_version_kind_version", "kind", "version", unique=True),)


class SequenceCounter(Base):
    """The last number a station allocated of one kind, and the floor sync may raise it to."""

    __tablename__ = "sequence_counter"
    station_code: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(24))  # domain.numbering.NumberKind
    last_value: Mapped[int] = mapped_column(Integer, default=0)
    floor: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (PrimaryKeyConstraint("station_code", "kind"),)


class StationKey(Base):
    """A station's Ed25519 public key (its own, or another station's) for offline checks."""

    __tablename__ = "station_key"
    station_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # hex of the raw 32 bytes
    own: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class StationKeyHistory(Base):
    """Every Ed25519 public key a station has signed with and when it was in force.

    ``valid_to`` is None while the key is in force. ``basis``: ``first`` (the station's first
    key), ``signed`` (announced with the old key's signature) or ``lost_key`` (made when the old
    private key was lost; the district approves it before it verifies there).
    """

    __tablename__ = "station_key_history"
    public_key: Mapped[str] = mapped_column(String(64), primary_key=True)  # hex, raw 32 bytes
    station_code: Mapped[str] = mapped_column(String(16), index=True)
    own: Mapped[bool] = mapped_column(default=False)
    valid_from: Mapped[datetime]
    valid_to: Mapped[datetime | None]
    basis: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]


class NumberedDocument:
    """What each numbered ledger document has: its number, its resident, who issued it and when."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    sequence: Mapped[int] = mapped_column(Integer)
    station_code: Mapped[str] = mapped_column(String(16))
    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    worker_id: Mapped[str] = mapped_column(ForeignKey("worker.id"), index=True)
    worker_name: Mapped[str] = mapped_column(String(50))
    issued_at: Mapped[datetime] = mapped_column(index=True)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Index]:
        """A station's sequence numbers each document of a kind once."""
        name = f"ux_{cls.__tablename__}_station_sequence"  # type: ignore[attr-defined]
        return (Index(name, "station_code", "sequence", unique=True),)


class Certificate(NumberedDocument, Base):
    """One issued certificate. Never edited: a void is a separate, audited event."""

    __tablename__ = "certificate"
    type_code: Mapped[str] = mapped_column(String(32), index=True)
    type_name: Mapped[str] = mapped_column(String(100))
    catalog_version: Mapped[int] = mapped_column(Integer)
    holder_name: Mapped[str] = mapped_column(String(50))
    holder_id_number: Mapped[str] = mapped_column(String(32))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    checks: Mapped[list[str]] = mapped_column(JSON)
    body: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(200))
    issue_date: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    payload: Mapped[str] = mapped_column(String(400))
    short_code: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(8))  # "issued" or "void"
    void_reason: Mapped[str | None] = mapped_column(String(200))
    void_approver_id: Mapped[str | None] = mapped_column(ForeignKey("worker.id"))
    voided_at: Mapped[datetime | None]
    reissue_of: Mapped[str | None] = mapped_column(ForeignKey("certificate.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)


class RefusalNotice(NumberedDocument, Base):
    """One refusal notice (不予出具证明告知书) handed to an applicant."""

    __tablename__ = "refusal_notice"
    requested_item: Mapped[str] = mapped_column(String(100))
    type_code: Mapped[str | None] = mapped_column(String(32))  # set when eligibility failed
    purpose: Mapped[str] = mapped_column(String(200))
    reason_code: Mapped[str] = mapped_column(String(32), index=True)
    reason_detail: Mapped[str] = mapped_column(String(300))
    competent_body: Mapped[str] = mapped_column(String(300))
    legal_basis: Mapped[str] = mapped_column(String(500))
    guide_version: Mapped[int] = mapped_column(Integer)
    applicant_name: Mapped[str] = mapped_column(String(50))
    notice_date: Mapped[date] = mapped_column(Date)


class DocumentFile(Base):
    """The SHA-256 of each PDF the station produced, so a changed file is recognised."""

    __tablename__ = "document_file"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(32), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    rendered_at: Mapped[datetime]
    worker_id: Mapped[str | None] = mapped_column(ForeignKey("worker.id"))
