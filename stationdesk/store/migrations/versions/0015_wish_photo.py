"""A fulfilled 微心愿 may carry a photo: its bytes in the station database, by wish."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"


def upgrade() -> None:
    op.create_table(
        "volunteer_wish_photo",
        sa.Column(
            "wish_id", sa.String(36), sa.ForeignKey("volunteer_wish.id"), primary_key=True
        ),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("mime", sa.String(80), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(36), sa.ForeignKey("worker.id"), nullable=True),
    )
    op.create_index("ix_volunteer_wish_photo_sha256", "volunteer_wish_photo", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_volunteer_wish_photo_sha256", "volunteer_wish_photo")
    op.drop_table("volunteer_wish_photo")
