"""P12: the front desk's main flows by keyboard alone on a copy of the benchmark station.

``run`` copies the (closed) benchmark station, then runs this module as a child process: the
real desk offscreen, signed in as the demo worker, drives each flow of tests/helpers/flows.py
(keys only, sent to the focused widget) and prints one JSON line per flow with its action count
and wall time. The certificate and the refusal print on the cups-pdf test queue made the
default printer (tests/helpers/cups.py); where that queue cannot be set up (no CUPS, not root)
those two flows are left out and the run says why.

Usage: python -m benchmarks.bench_keyboard DATA_DIR (a station directory it may change)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .common import ROOT, Figure, bench_env
from .desk_child import demo_with_reader, keep_settings_in, open_desk

FIGURE = "P12"
LABELS = {
    "find": "find a resident (Ctrl+K, Down, Enter)",
    "intake": "intake typed by hand",
    "card_intake": "intake from the ID card (phone typed)",
    "visit": "visit logged (F3)",
    "certificate": "returning resident's certificate issued and printed",
    "refusal": "refusal notice issued and printed (F6)",
    "refer_case": "matter referred to a department",
    "walk_in_case": "walk-in matter closed on the spot and rated",
}


def run(data_dir: Path) -> list[Figure]:
    """P12 figures: each flow's actions beside its budget and its wall time."""
    with tempfile.TemporaryDirectory(prefix="p11-") as tmp:
        copy = Path(tmp) / "station"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("backups"))
        bar = tqdm(desc="P12 keyboard flows", bar_format="{desc}: {elapsed}")
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_keyboard", str(copy)],
            capture_output=True,
            text=True,
            env=bench_env(),
            cwd=ROOT.parent,
            timeout=900,
            check=False,
        )
        bar.close()
    runs = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    notes = [line for line in out.stdout.splitlines() if line.startswith("note:")]
    if out.returncode != 0 or not runs:
        raise RuntimeError(f"bench_keyboard exited {out.returncode}: {out.stderr[-2000:]}")
    for line in notes:
        tqdm.write(f"P12 {line}")
    figures: list[Figure] = []
    for r in runs:
        tqdm.write(f"P12 {r['line']}")
        label = LABELS[r["name"]]
        met_time = r["seconds"] <= r["seconds_goal"] if r["seconds_goal"] else None
        figures += [
            Figure(
                FIGURE,
                f"keyboard actions: {label}",
                "actions",
                r["actions"],
                None,
                "the flow's budget",
                r["budget"],
                None,
                f"≤ {r['budget']} actions",
                r["actions"] <= r["budget"],
                notes=" · ".join(r["log"]),
                stat="1 run",
            ),
            Figure(
                FIGURE,
                f"keyboard wall time: {label}",
                "s",
                round(r["seconds"], 3),
                None,
                "–",
                None,
                None,
                f"≤ {r['seconds_goal']:.0f} s" if r["seconds_goal"] else "report",
                met_time,
                stat="1 run",
            ),
        ]
    return figures


# -- the child process -------------------------------------------------------------------------


def _prepare(data_dir: Path, port: str) -> dict[str, Any]:
    """What the flows start from, put in the station before the desk opens it."""
    from stationdesk.services import residents
    from tests.helpers import flows

    station, worker, login = demo_with_reader(data_dir, port)
    try:
        flows.ensure_building(station, worker)
        found = None  # a generated resident whose name is theirs alone
        for surname in "王李张刘陈杨黄赵":
            for row in residents.find_residents(station, worker, surname, 30):
                if len(residents.find_residents(station, worker, row.name, 2)) == 1:
                    found = row
                    break
            if found is not None:
                break
        assert found is not None, "no resident with a name of their own"
        return {
            "find": (found.name, found.id),
            "returning": flows.seed_returning(station, worker, "欧阳晓岚", 961),
            "case": flows.seed_accepted_case(station, worker, "楼道灯不亮"),
            "worker": login,
        }
    finally:
        station.close()


def _printer(tmp: Path) -> str:
    """The cups-pdf test queue's name, or "" with a note when it cannot be set up."""
    from PySide6.QtPrintSupport import QPrinterInfo

    from tests.helpers.cups import cups_pdf_queue

    try:
        queue = cups_pdf_queue(tmp / "printed")
    except BaseException as exc:  # pytest's skip is a BaseException
        print(f"note: no cups-pdf queue ({exc}); the printing flows are left out", flush=True)
        return ""
    if queue.name not in QPrinterInfo.availablePrinterNames():
        print(f"note: Qt does not see {queue.name}; the printing flows are left out", flush=True)
        return ""
    return queue.name


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = Path(sys.argv[1])
    tmp = data_dir.parent
    from PySide6.QtCore import QSettings

    from stationdesk.cardreader.simulator import SimulatedReader
    from stationdesk.ui.app import create_application
    from stationdesk.ui.printers import PRINTER_KEY
    from tests.helpers import flows
    from tests.helpers.cards import a_card
    from tests.helpers.ids import idn

    keep_settings_in(tmp)
    sim = SimulatedReader()
    try:
        seeds = _prepare(data_dir, sim.port_name)
        app = create_application(sys.argv[:1])
        printer = _printer(tmp)
        QSettings().setValue(PRINTER_KEY, printer)
        desk, win, errors = open_desk(app, data_dir, seeds["worker"])
        name, rid = seeds["find"]
        number = idn(962, "19850520", "320102")
        person = flows.Person(
            "赵晓东", idn(963, "19790312", "320102"), "13900001111", "3栋", "1", "302"
        )
        steps: list[tuple[str, Callable[[], flows.FlowRun]]] = [
            ("find", lambda: flows.find_resident(win, name, rid)),
            ("intake", lambda: flows.intake_by_hand(win, person)),
            (
                "card_intake",
                lambda: flows.intake_from_card(
                    win, lambda: sim.present(a_card(id_number=number)), "13800004321"
                ),
            ),
            ("visit", lambda: flows.visit(win, "欧阳晓岚", seeds["returning"])),
            (
                "certificate",
                lambda: flows.certificate_printed(win, "欧阳晓岚", seeds["returning"], "RESIDENCE"),
            ),
            (
                "refusal",
                lambda: flows.refusal(win, "欧阳晓岚", seeds["returning"], "无犯罪记录证明"),
            ),
            ("refer_case", lambda: flows.refer_case(win, seeds["case"], "请派人查看")),
            ("walk_in_case", lambda: flows.walk_in_case(win, "zczx", "咨询高龄津贴", "已当场解答")),
        ]
        for key, step in steps:
            if key in ("certificate", "refusal") and not printer:
                continue
            done = step()
            assert not errors, f"{key}: the desk reported {errors!r}"
            seconds_goal = flows.CERTIFICATE_SECONDS if key == "certificate" else 0.0
            line = {
                "name": done.name,
                "actions": done.actions,
                "budget": done.budget,
                "seconds": done.seconds,
                "seconds_goal": seconds_goal,
                "log": done.log,
                "line": done.line(),
            }
            print(json.dumps(line, ensure_ascii=False), flush=True)
        win.close()
        desk.runner.shutdown()
    finally:
        sim.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
