"""P17: signing 50 in-service Party members in to one activity at the desk, keyboard only, and
the same 50 by placing their ID cards on the reader.

``run`` makes a demo station in a temporary folder, then runs this module as a child process:
the real desk offscreen, signed in as the demo worker, goes to 志愿服务 → 活动 (Ctrl+8, Alt+3),
enters the open activity's sign-in box and types each member's name followed by Enter; then, on
a second activity, each member's card is placed on the simulated serial reader (one action a
member) and lifted. Each part prints one JSON line: actions, wall time, sign-ins stored.

Usage: python -m benchmarks.bench_signin [DATA_DIR] (a folder it may fill)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .common import ROOT, Figure, bench_env
from .desk_child import demo_with_reader, keep_settings_in, open_desk

FIGURE = "P17"
MEMBERS = 50
SURNAMES = "赵钱孙李周吴郑冯陈褚"
GIVEN = ("建国", "秀英", "志强", "桂兰", "海燕")
LABELS = {
    "keyboard": "50 members signed in by name, keyboard only",
    "card": "50 members signed in by ID card",
}


def run() -> list[Figure]:
    """P17 figures: actions and wall time of each way of signing 50 members in."""
    with tempfile.TemporaryDirectory(prefix="p17-") as tmp:
        bar = tqdm(desc="P17 sign-in at the desk", bar_format="{desc}: {elapsed}")
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_signin", str(Path(tmp) / "station")],
            capture_output=True,
            text=True,
            env=bench_env(),
            cwd=ROOT.parent,
            timeout=900,
            check=False,
        )
        bar.close()
    runs = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or len(runs) != len(LABELS):
        raise RuntimeError(f"bench_signin exited {out.returncode}: {out.stderr[-2000:]}")
    figures: list[Figure] = []
    for r in runs:
        label = LABELS[r["name"]]
        tqdm.write(
            f"P17 {label}: {r['actions']} actions ({r['keys']} keys), {r['seconds']:.2f} s, "
            f"{r['signed_in']} signed in"
        )
        figures += [
            Figure(
                FIGURE,
                f"actions: {label}",
                "actions",
                r["actions"],
                None,
                "one per member and character typed",
                None,
                None,
                "report",
                r["signed_in"] == MEMBERS,
                notes=f"{r['keys']} key presses",
                stat="1 run",
            ),
            Figure(
                FIGURE,
                f"wall time: {label}",
                "s",
                round(r["seconds"], 2),
                None,
                "–",
                None,
                None,
                "report",
                r["signed_in"] == MEMBERS,
                stat="1 run",
            ),
        ]
    return figures


# -- the child process -------------------------------------------------------------------------


def _names() -> list[str]:
    return [f"{s}{g}" for s in SURNAMES for g in GIVEN][:MEMBERS]


def _prepare(data_dir: Path, port: str) -> dict[str, Any]:
    """A station with 50 reported members and two activities running now."""
    from stationdesk.domain.station_time import station_local
    from stationdesk.services import volunteering as vol
    from tests.helpers.ids import serial_idn

    station, worker, login = demo_with_reader(data_dir, port)
    try:
        numbers = {}
        for n, name in enumerate(_names()):
            number = serial_idn(7000 + n)
            data = vol.MemberInput(name=name, id_number=number, report_date=date(2025, 3, 1))
            vol.add_member(station, worker, data)
            numbers[name] = number
        start = station_local(station.now()).replace(second=0, microsecond=0)
        for title in ("政策宣讲进楼栋", "楼道环境整治"):
            vol.add_activity(
                station,
                worker,
                title=title,
                kind="policy",
                starts_at=start - timedelta(minutes=30),
                ends_at=start + timedelta(hours=3),
                place="社区广场",
            )
        return {"worker": login, "numbers": numbers}
    finally:
        station.close()


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "station"
    from stationdesk.cardreader.simulator import SimulatedReader
    from stationdesk.ui.app import create_application
    from tests.helpers.cards import a_card
    from tests.helpers.keys import ActionCounter, wait_until

    keep_settings_in(data_dir.parent)
    sim = SimulatedReader()
    try:
        seeds = _prepare(data_dir, sim.port_name)
        app = create_application(sys.argv[:1])
        desk, win, errors = open_desk(app, data_dir, seeds["worker"])
        keys = ActionCounter()
        keys.shortcut("Ctrl+8")
        keys.shortcut("Alt+3")
        acts = win.page_widgets["volunteer"].activities  # type: ignore[attr-defined]
        wait_until(lambda: acts.table.rowCount() == 2 and len(acts.members) == MEMBERS, 30)
        acts.table.selectRow(0)
        first = acts.selected().id

        # by name: Enter on the activity goes to its sign-in box, then a name and Enter each
        keys.restart()
        acts.table.setFocus()
        keys.enter()
        typed = 0
        for name in _names():
            keys.type(name)
            keys.enter()
            typed += len(name) + 1
        wait_until(lambda: len(acts.selected().signins) == MEMBERS, 120, "50 sign-ins")
        line = {"name": "keyboard", "actions": keys.actions, "keys": typed + 1}
        line |= {"seconds": keys.seconds, "signed_in": len(acts.selected().signins)}
        print(json.dumps(line, ensure_ascii=False), flush=True)
        assert acts.selected().id == first and not errors, errors

        # by card: the second activity on screen, each member's card placed once, then lifted
        acts.table.selectRow(1)
        wait_until(lambda: acts.selected().id != first, 10)
        keys.restart()
        for n, (name, number) in enumerate(seeds["numbers"].items(), start=1):
            sim.present(a_card(name=name, id_number=number))
            keys.count(f"card {name}")
            wait_until(lambda n=n: len(acts.selected().signins) == n, 30, f"{name} signed in")
            sim.lift()
        line = {"name": "card", "actions": keys.actions, "keys": 0, "seconds": keys.seconds}
        line["signed_in"] = len(acts.selected().signins)
        print(json.dumps(line, ensure_ascii=False), flush=True)
        assert not errors, errors
        win.close()
        desk.runner.shutdown()
    finally:
        sim.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
