"""A 驻区单位 keeps its 结对共建 projects (title, list, status, note) as a JSON list, synced with it."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
# follows 0015 (the wish photos): that revision's branch is merged first
down_revision = "0015"


def upgrade() -> None:
    op.add_column(
        "volunteer_unit", sa.Column("projects", sa.JSON(), nullable=False, server_default="[]")
    )


def downgrade() -> None:
    op.drop_column("volunteer_unit", "projects")  # SQLite 3.35+ drops a column in place
