"""Helper run with the development Python: take a station back one schema revision, or read
its revision. Usage: old_station.py downgrade|revision DATA_DIR (prints the revision)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from stationdesk.secrets import keys
from stationdesk.services.station import DB_KEY
from stationdesk.store import migrate
from stationdesk.store.engine import StationDatabase


def main(action: str, data_dir: Path) -> None:
    uid = json.loads((data_dir / "station.json").read_text(encoding="utf-8"))["station_uid"]
    db = StationDatabase(data_dir / "station.db", keys.get_secret(uid, DB_KEY))
    try:
        if action == "downgrade":
            script = ScriptDirectory.from_config(migrate.alembic_config())
            down = script.get_revision(migrate.head_revision()).down_revision
            target = down if isinstance(down, str) else sorted(down)[0]
            cfg = migrate.alembic_config()
            with db.engine.execution_options(stationdesk_write=True).begin() as conn:
                cfg.attributes["connection"] = conn
                command.downgrade(cfg, target)
            print(migrate.current_revision(db))
        else:
            print(migrate.current_revision(db), migrate.head_revision())
    finally:
        db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
