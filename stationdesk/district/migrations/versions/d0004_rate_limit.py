"""The /verify rate limit shared by every server process: one token bucket per client address."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d0004"
down_revision = "d0003"


def upgrade() -> None:
    op.create_table(
        "verify_rate_bucket",
        sa.Column("client", sa.String(length=128), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("refilled_at", sa.Float(), nullable=False),
        sa.Column("allowed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("client"),
    )
    op.create_index(
        "ix_verify_rate_bucket_refilled_at", "verify_rate_bucket", ["refilled_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_verify_rate_bucket_refilled_at", table_name="verify_rate_bucket")
    op.drop_table("verify_rate_bucket")
