"""P6: the largest GUI event-loop gap while the desk syncs 10,000 operations, beside an idle loop.

The parent (``run``) starts a child process so Qt starts clean. The child makes a fresh district
database on PostgreSQL, starts the real server (``stationdesk district serve``, as the tests'
ServerProcess does), builds a station with N pending real resident registrations (as
bench_sync does), opens it in the real desk (DeskController, login, main window, offscreen),
and ticks a precise QTimer on the GUI thread every ``period`` ms. It measures the idle loop on
the 同步 page first, then clicks 同步 "Sync now" (the same SyncAgent the timer uses) and
measures until a second after the result is shown. A gap is the time between two ticks minus
the period.

Run alone: ``.venv/bin/python -m benchmarks.bench_gui_sync [--ops 10000] [--diagnose]``;
``--diagnose`` also samples every thread's Python stack whenever the GUI thread has not ticked
for 20 ms (a sampler thread; it needs the GIL, so it sees what runs once a C call holding the
GIL has returned) and writes them to results/p6-stalls.txt.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .common import RESULTS, ROOT, Figure, bench_env

ADMIN_PW = "bench-pass-1"
SETTLE_MS = 2_000  # after the main window shows: first page loads, status refresh
AFTER_MS = 1_000  # keep measuring after the result is shown (history reload, status)
GOAL_MS = 50.0
STALL_S = 0.02  # --diagnose: a stall this long samples every thread's stack


# -- the parent -------------------------------------------------------------------------------


def run(ops: int = 10_000, period_ms: int = 2, idle_s: float = 10.0) -> list[Figure]:
    """Run the child once and turn its measurements into figures."""
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.bench_gui_sync",
        "--child",
        "--ops",
        str(ops),
        "--period-ms",
        str(period_ms),
        "--idle-s",
        str(idle_s),
    ]
    got = _run_child(cmd)
    idle, busy = got["idle"], got["sync"]
    top = busy["worst"][0] if busy["worst"] else {}
    full = busy["gc"].get("gen2", {}).get("max_ms", 0)
    return [
        Figure(
            "P6",
            f"largest GUI event-loop gap during a {ops:,}-op sync",
            "ms",
            busy["max_ms"],
            busy["p99_ms"],
            f"idle event loop, same window, {idle_s:.0f} s",
            idle["max_ms"],
            idle["p99_ms"],
            f"≤ {GOAL_MS:.0f} ms",
            busy["max_ms"] <= GOAL_MS,
            notes=(
                f"max and p99 of {busy['ticks']:,} ticks of a {period_ms} ms QTimer over "
                f"{busy['seconds']:.1f} s ({got['outcome']}: pushed {got['pushed']:,}, "
                f"pulled {got['pulled']:,}); gaps over 20 ms: {busy['over_20ms']}; "
                f"idle: {idle['ticks']:,} ticks, max {idle['max_ms']:.1f} ms; the largest gap "
                f"came in phase '{top.get('phase', '')}' with {top.get('process_cpu_ms')} ms "
                f"CPU in the process, {top.get('gui_thread_cpu_ms')} ms of it on the GUI thread; "
                f"longest full garbage collection {full} ms"
            ),
            extra={"idle": idle, "sync": busy, "worst": busy["worst"]},
            stat="max",
            spread="p99",
        )
    ]


def _run_child(cmd: list[str]) -> dict[str, Any]:
    """Run the child, showing its progress lines; return its RESULT line."""
    bar = tqdm(total=None, desc="P6 setting up", unit="op")
    phase = ""
    result: dict[str, Any] | None = None
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as stderr,
        subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=stderr, text=True, env=bench_env(), cwd=ROOT.parent
        ) as proc,
    ):
        assert proc.stdout is not None
        for line in proc.stdout:
            parts = line.split(maxsplit=1)
            if parts and parts[0] == "PROGRESS":
                name, done, total = parts[1].split()
                if name != phase:  # a new bar per phase (setup, idle, hello, push, pull...)
                    phase = name
                    bar.reset(total=int(total) or None)
                    bar.set_description(f"P6 {phase}")
                bar.update(int(done) - bar.n)
            elif parts and parts[0] == "RESULT":
                result = json.loads(parts[1])
        proc.wait()
        stderr.seek(0)
        errors = stderr.read().splitlines()
    bar.close()
    if result is None:
        tail = "\n".join(errors[-20:])
        raise RuntimeError(f"bench_gui_sync child exited {proc.returncode} with no result:\n{tail}")
    return result


# -- the child --------------------------------------------------------------------------------


def _say(phase: str, done: int = 0, total: int = 0) -> None:
    print(f"PROGRESS {phase} {done} {total}", flush=True)


class GapMeter:
    """A precise QTimer on the GUI thread; records the time between ticks minus the period."""

    def __init__(self, period_ms: int) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.period = period_ms / 1000
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(period_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.last_cpu = 0.0  # this process's CPU time (all threads) at the last tick
        self.last_gui_cpu = 0.0  # the GUI thread's own CPU time at the last tick
        self.started = 0.0
        self.phase = ""  # the sync phase last reported, noted beside the largest gaps
        # (at, gap seconds, phase, CPU seconds the process and the GUI thread used meanwhile):
        # a long gap with little process CPU means the machine did not run us; with process CPU
        # but none on the GUI thread, another thread held the GIL; with GUI-thread CPU, the GUI
        # thread itself was busy (in Qt)
        self.gaps: list[tuple[float, float, str, float, float]] = []
        # garbage collections run on whichever thread allocates and hold the GIL throughout:
        # their pauses are noted beside the gaps
        self.collections: list[tuple[float, int, float, str]] = []  # (at, gen, seconds, thread)
        self._gc_started = 0.0
        gc.callbacks.append(self._gc)

    def _gc(self, event: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        if event == "start":
            self._gc_started = now
        elif self.started:
            at, took = self._gc_started - self.started, now - self._gc_started
            thread = threading.current_thread().name
            self.collections.append((at, info["generation"], took, thread))

    def start(self) -> None:
        self.gaps = []
        self.collections = []
        self.started = self.last = time.perf_counter()
        self.last_cpu = time.process_time()
        self.last_gui_cpu = time.thread_time()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        cpu, gui_cpu = time.process_time(), time.thread_time()
        gap = max(0.0, now - self.last - self.period)
        self.gaps.append(
            (now - self.started, gap, self.phase, cpu - self.last_cpu, gui_cpu - self.last_gui_cpu)
        )
        self.last, self.last_cpu, self.last_gui_cpu = now, cpu, gui_cpu

    def stop(self) -> dict[str, Any]:
        self.timer.stop()
        collections, self.collections = self.collections, []
        by_gen = {
            g: [c for c in collections if c[1] == g] for g in sorted({c[1] for c in collections})
        }
        seconds = time.perf_counter() - self.started
        values = sorted(g[1] for g in self.gaps)
        n = len(values)
        worst = sorted(self.gaps, key=lambda g: -g[1])[:8]
        out = {
            "ticks": n,
            "seconds": round(seconds, 2),
            "max_ms": round(values[-1] * 1000, 2) if n else None,
            "p99_ms": round(values[min(n - 1, int(0.99 * n))] * 1000, 2) if n else None,
            "median_ms": round(values[n // 2] * 1000, 3) if n else None,
            "over_20ms": sum(1 for v in values if v > 0.020),
            "over_50ms": sum(1 for v in values if v > 0.050),
            "tracked_objects": len(gc.get_objects()),
            "frozen_objects": gc.get_freeze_count(),
            "worst": [
                {
                    "at_s": round(at, 3),
                    "gap_ms": round(g * 1000, 1),
                    "phase": p,
                    "process_cpu_ms": round(c * 1000, 1),
                    "gui_thread_cpu_ms": round(gc_ * 1000, 1),
                }
                for at, g, p, c, gc_ in worst
            ],
            "gc": {
                f"gen{g}": {
                    "count": len(cs),
                    "max_ms": round(max(c[2] for c in cs) * 1000, 1),
                    "total_ms": round(sum(c[2] for c in cs) * 1000, 1),
                }
                for g, cs in by_gen.items()
            },
            "gc_pauses_over_20ms": [
                {"at_s": round(at, 3), "gen": g, "ms": round(d * 1000, 1), "thread": t}
                for at, g, d, t in collections
                if d > 0.020
            ],
        }
        self.started = 0.0
        return out


class StallSampler(threading.Thread):
    """--diagnose: every thread's Python stack while the GUI thread has not ticked for a while."""

    def __init__(self, meter: GapMeter) -> None:
        super().__init__(name="stall-sampler", daemon=True)
        self.meter = meter
        self.stop_event = threading.Event()
        self.samples: list[str] = []

    def run(self) -> None:
        import traceback

        seen = 0.0
        gui = threading.main_thread().ident
        while not self.stop_event.wait(0.002):
            m = self.meter
            now = time.perf_counter()
            if not m.started or now - m.last < STALL_S or m.last == seen:
                continue
            seen = m.last
            lines = [f"== {now - m.started:.3f} s, {1000 * (now - m.last):.0f} ms since the tick"]
            for ident, frame in sys._current_frames().items():
                if ident == self.ident:
                    continue
                name = "GUI" if ident == gui else _thread_name(ident)
                stack = traceback.format_stack(frame, limit=8)
                lines.append(f"-- {name}\n" + "".join(stack))
            self.samples.append("\n".join(lines))


def _thread_name(ident: int) -> str:
    for t in threading.enumerate():
        if t.ident == ident:
            return t.name
    return str(ident)


def _build_station(tmp: Path, db: Any, server_url: str, ops: int) -> Path:
    """A station with ``ops`` pending real resident registrations, logged in to the server."""
    from stationdesk.district import service
    from stationdesk.domain.roles import Role
    from stationdesk.services import auth, setup, sync, workers
    from tests.e2e.stations import bulk_residents

    root = tmp / "station"
    st = setup.init_station(
        root, code="BENCH06", name="基准测试站", admin_username="admin", admin_password=ADMIN_PW
    )
    try:
        admin = auth.login(st, "admin", ADMIN_PW)
        workers.add_worker(st, admin, "head", Role.HEAD, ADMIN_PW, "站长")
        token = service.add_station(db, "BENCH06", "基准测试站").token
        sync.save_login(st, admin, server_url, token)
        bulk_residents(st, auth.login(st, "head", ADMIN_PW), ops)  # through the resident service
    finally:
        st.close()
    return root


def _measure(
    root: Path, tmp: Path, period_ms: int, idle_s: float, freeze_heap: bool, diagnose: bool
) -> dict[str, Any]:
    from PySide6.QtCore import QSettings, QTimer

    from stationdesk.services import sync
    from stationdesk.ui.app import DeskController, create_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "qs"))
    app = create_application(sys.argv[:1])
    desk = DeskController(app, root, demo=False, freeze_heap=freeze_heap)  # as entry.run_gui
    meter = GapMeter(period_ms)
    out: dict[str, Any] = {}

    def opened() -> None:
        _say("login")
        desk._login("admin", ADMIN_PW)

    def shown(window: Any) -> None:
        window.show_page("sync")
        # the agent's first automatic cycle would start 3 s after login: the benchmark clicks
        # 同步 itself once the idle loop has been measured
        QTimer.singleShot(0, lambda: desk.sync_agent and desk.sync_agent.timer.stop())
        QTimer.singleShot(SETTLE_MS, lambda: start_idle(window))

    def start_idle(window: Any) -> None:
        _say("idle")
        meter.start()
        QTimer.singleShot(int(idle_s * 1000), lambda: start_sync(window))

    def start_sync(window: Any) -> None:
        out["idle"] = meter.stop()
        agent = desk.sync_agent
        assert agent is not None
        page = window.page_widgets["sync"]

        def progress(p: Any) -> None:
            meter.phase = f"{p.phase} {p.done}"
            _say(p.phase, p.done, p.total or 0)

        agent.progress.connect(progress)
        agent.finished.connect(finished)
        meter.start()
        meter.phase = "start"  # until the first progress report
        page.sync_button.click()

    def finished(result: Any) -> None:
        meter.phase = "after"
        if isinstance(result, sync.SyncResult):
            out.update(outcome=result.outcome, pushed=result.pushed, pulled=result.pulled)
        else:
            out.update(outcome=f"failed: {type(result).__name__}", pushed=0, pulled=0)
        QTimer.singleShot(AFTER_MS, done)

    def done() -> None:
        out["sync"] = meter.stop()
        app.quit()

    desk.station_opened.connect(opened)
    desk.main_window_shown.connect(shown)
    sampler = StallSampler(meter)
    if diagnose:
        sampler.start()
    desk.start()
    QTimer.singleShot(30 * 60 * 1000, app.quit)  # a hung sync ends the run, without a result
    app.exec()
    if diagnose:
        sampler.stop_event.set()
        sampler.join()
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / "p6-stalls.txt"
        path.write_text("\n\n".join(sampler.samples) + "\n", encoding="utf-8")
        print(f"{len(sampler.samples)} stall samples in {path}", file=sys.stderr)
    return out


def child(ops: int, period_ms: int, idle_s: float, diagnose: bool, freeze_heap: bool) -> int:
    import keyring

    from stationdesk.district.db import DistrictDatabase
    from stationdesk.secrets.plainfile import MemoryKeyring
    from tests.district.harness import PgDatabases, ServerProcess, use_test_data_key

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    use_test_data_key()  # the district refuses to start without a data key
    keyring.set_keyring(MemoryKeyring())
    tmp = Path(tempfile.mkdtemp(prefix="bench-gui-sync-"))
    _say("setup")
    pg = PgDatabases()
    url = pg.create()
    db = DistrictDatabase(url)
    server = ServerProcess(url, tmp).start()
    try:
        root = _build_station(tmp, db, server.url, ops)
        out = _measure(root, tmp, period_ms, idle_s, freeze_heap, diagnose)
    finally:
        server.stop()
        db.dispose()
        pg.drop_all()
        shutil.rmtree(tmp, ignore_errors=True)
    if "sync" not in out:
        print("the sync did not finish", file=sys.stderr)
        return 1
    print("RESULT " + json.dumps(out), flush=True)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--period-ms", type=int, default=2)
    parser.add_argument("--idle-s", type=float, default=10.0)
    parser.add_argument("--diagnose", action="store_true", help="sample stacks on 20 ms stalls")
    parser.add_argument(
        "--no-freeze", action="store_true", help="leave the collector alone (what freezing saves)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.diagnose:
        raise SystemExit(
            child(args.ops, args.period_ms, args.idle_s, args.diagnose, not args.no_freeze)
        )
    for f in run(args.ops, args.period_ms, args.idle_s):
        print(json.dumps(f.__dict__, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
