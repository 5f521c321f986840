"""Certificates: catalog versions, ledger, refusal notices, sequence counters, keys, files."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.columns import ref, serial_key, uuid_key

revision = "0005"
down_revision = "0006"


def _numbered_document(table: str, *columns: sa.Column, indexed: tuple[str, ...]) -> None:
    """A ledger table of numbered documents: id, number and station sequence, then ``columns``.

    Each of ``indexed`` gets its own index; a station's sequence is unique within the table.
    """
    op.create_table(
        table,
        uuid_key(),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("station_code", sa.String(16), nullable=False),
        *columns,
    )
    for column in indexed:
        op.create_index(f"ix_{table}_{column}", table, [column])
    op.create_index(
        f"ux_{table}_station_sequence", table, ["station_code", "sequence"], unique=True
    )


def upgrade() -> None:
    op.create_table(
        "catalog_version",
        uuid_key(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        ref("loaded_by", "worker", nullable=True),
    )
    op.create_index(
        "ux_catalog_version_kind_version", "catalog_version", ["kind", "version"], unique=True
    )
    op.create_table(
        "sequence_counter",
        sa.Column("station_code", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.Column("floor", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("station_code", "kind"),
    )
    op.create_table(
        "station_key",
        sa.Column("station_code", sa.String(16), primary_key=True),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("own", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    _numbered_document(
        "certificate",
        sa.Column("type_code", sa.String(32), nullable=False),
        sa.Column("type_name", sa.String(100), nullable=False),
        sa.Column("catalog_version", sa.Integer(), nullable=False),
        ref("resident_id", "resident", nullable=False),
        sa.Column("holder_name", sa.String(50), nullable=False),
        sa.Column("holder_id_number", sa.String(32), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("purpose", sa.String(200), nullable=False),
        ref("worker_id", "worker", nullable=False),
        sa.Column("worker_name", sa.String(50), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("payload", sa.String(400), nullable=False),
        sa.Column("short_code", sa.String(16), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("void_reason", sa.String(200), nullable=True),
        ref("void_approver_id", "worker", nullable=True),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        ref("reissue_of", "certificate", nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        indexed=("type_code", "resident_id", "worker_id", "issued_at", "short_code"),
    )
    _numbered_document(
        "refusal_notice",
        sa.Column("requested_item", sa.String(100), nullable=False),
        sa.Column("type_code", sa.String(32), nullable=True),
        sa.Column("purpose", sa.String(200), nullable=False),
        sa.Column("reason_code", sa.String(32), nullable=False),
        sa.Column("reason_detail", sa.String(300), nullable=False),
        sa.Column("competent_body", sa.String(300), nullable=False),
        sa.Column("legal_basis", sa.String(500), nullable=False),
        sa.Column("guide_version", sa.Integer(), nullable=False),
        ref("resident_id", "resident", nullable=False),
        sa.Column("applicant_name", sa.String(50), nullable=False),
        ref("worker_id", "worker", nullable=False),
        sa.Column("worker_name", sa.String(50), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("notice_date", sa.Date(), nullable=False),
        indexed=("reason_code", "resident_id", "worker_id", "issued_at"),
    )
    op.create_table(
        "document_file",
        serial_key(),
        sa.Column("number", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("rendered_at", sa.DateTime(), nullable=False),
        ref("worker_id", "worker", nullable=True),
    )
    op.create_index("ix_document_file_number", "document_file", ["number"])
    op.create_index("ix_document_file_sha256", "document_file", ["sha256"])


def downgrade() -> None:
    for index, table in (
        ("ix_document_file_sha256", "document_file"),
        ("ix_document_file_number", "document_file"),
        ("ux_refusal_notice_station_sequence", "refusal_notice"),
        ("ix_refusal_notice_issued_at", "refusal_notice"),
        ("ix_refusal_notice_worker_id", "refusal_notice"),
        ("ix_refusal_notice_resident_id", "refusal_notice"),
        ("ix_refusal_notice_reason_code", "refusal_notice"),
        ("ux_certificate_station_sequence", "certificate"),
        ("ix_certificate_short_code", "certificate"),
        ("ix_certificate_issued_at", "certificate"),
        ("ix_certificate_worker_id", "certificate"),
        ("ix_certificate_resident_id", "certificate"),
        ("ix_certificate_type_code", "certificate"),
        ("ux_catalog_version_kind_version", "catalog_version"),
    ):
        op.drop_index(index, table)
    for table in (
        "document_file",
        "refusal_notice",
        "certificate",
        "station_key",
        "sequence_counter",
        "catalog_version",
    ):
        op.drop_table(table)
