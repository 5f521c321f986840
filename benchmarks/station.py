"""The benchmark station: a demo station of N generated residents, built once and reused."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tqdm import tqdm

from stationdesk.services import auth, demo_data, setup
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from .common import DATA


def station_dir(residents: int) -> Path:
    return DATA / f"station-{residents}"


def ensure_station(residents: int) -> tuple[Station, Actor, dict[str, float]]:
    """Open (or build) the benchmark station; returns it, a worker, and build facts."""
    root = station_dir(residents)
    marker = root / "bench.json"
    facts: dict[str, float] = {}
    if marker.exists():
        station = setup.open_or_create_demo(root, residents=0)
        facts = json.loads(marker.read_text())
    else:
        if root.exists():
            import shutil

            shutil.rmtree(root)
        station = setup.open_or_create_demo(root, residents=0)
        bar = tqdm(total=residents, unit="res", desc=f"generating {residents:,} residents")

        def progress(done: int, total: int) -> None:
            bar.update(done - bar.n)

        started = time.perf_counter()
        report = demo_data.generate(station, residents, progress=progress)
        bar.close()
        facts = {
            "generate_seconds": round(time.perf_counter() - started, 1),
            "households": report.households,
            "db_bytes": station.paths.database.stat().st_size,
        }
        marker.write_text(json.dumps(facts))
    user, _name, _role, password = setup.DEMO_WORKERS[0]
    return station, auth.login(station, user, password), facts
