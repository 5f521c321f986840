"""A fulfilled 微心愿 may carry a photo: its bytes in the station database, by wish."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from stationdesk.store.migrations.columns import stored_file

revision = "0015"
down_revision = "0014"


def upgrade() -> None:
    op.create_table(
        "volunteer_wish_photo",
        sa.Column("wish_id", sa.String(36), sa.ForeignKey("volunteer_wish.id"), primary_key=True),
        *stored_file(data_nullable=True),
    )
    op.create_index("ix_volunteer_wish_photo_sha256", "volunteer_wish_photo", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_volunteer_wish_photo_sha256", "volunteer_wish_photo")
    op.drop_table("volunteer_wish_photo")
