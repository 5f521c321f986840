"""A child process for P1/P1b/P8: shows a window and prints how long that took and its peak memory.

Usage: python -m benchmarks.startup_probe bare|login|main|search|usable DATA_DIR
The parent passes its spawn time in STARTUP_T0 (time.time()).
``usable`` is P1b: the login window is ready, the worker takes TYPING_S to type the password,
then the time from the login request to the main window's first frame (``usable``) is printed,
and beside it one bare argon2 verify of the same password (``argon2``).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

T0 = float(os.environ.get("STARTUP_T0", time.time()))
TYPING_S = 1.0  # P1b: a worker needs at least this long to type a name and a password


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would include the parent's)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(label: str, since: float = T0) -> None:
    print(f"{label} {time.time() - since:.4f} {peak_rss_mb():.1f}", flush=True)


def bare_argon2_verify(password: str) -> float:
    """Seconds for one argon2 verify with the desk's parameters (the P1b baseline)."""
    from argon2 import PasswordHasher

    hasher = PasswordHasher()
    hashed = hasher.hash(password)
    start = time.perf_counter()
    hasher.verify(hashed, password)
    return time.perf_counter() - start


def main() -> int:
    mode, data_dir = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if mode == "bare":
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        win = QMainWindow()
        win.resize(900, 620)
        win.show()
        QTimer.singleShot(0, lambda: (report("shown"), app.quit()))
        return int(app.exec())

    from PySide6.QtCore import QTimer

    from stationdesk.ui.app import DeskController, create_application

    app = create_application(sys.argv[:1])
    desk = DeskController(app, Path(data_dir), demo=True)

    def login_shown() -> None:
        report("login")
        if mode == "login":
            app.quit()

    login_at: list[float] = []

    def log_in() -> None:
        from stationdesk.services.setup import DEMO_WORKERS

        user, _n, _r, password = DEMO_WORKERS[0]
        login_at.append(time.time())
        desk._login(user, password)

    def opened() -> None:
        QTimer.singleShot(int(TYPING_S * 1000) if mode == "usable" else 0, log_in)

    def first_frame() -> None:
        """P1b: the main window has been painted and the event loop is free again."""
        from stationdesk.services.setup import DEMO_WORKERS

        report("usable", login_at[0])
        print(f"argon2 {bare_argon2_verify(DEMO_WORKERS[0][3]):.4f} 0", flush=True)
        app.quit()

    queries = ["王芳", "张伟", "李", "zw", "zhangwei", "1234", "5678", "3栋502", "刘洋", "chen"] * 2

    def main_shown(window) -> None:
        report("main")
        if mode == "usable":
            window.repaint()  # the first frame, as the queued paint would draw it
            QTimer.singleShot(0, first_frame)
            return
        if mode == "main":
            app.quit()
            return
        page = window.page_widgets["residents"]
        remaining = list(queries)

        def next_query() -> None:
            if not remaining:
                report("searched")
                app.quit()
                return
            page._query = remaining.pop()
            page._run_search()
            QTimer.singleShot(150, next_query)

        next_query()

    desk.station_opened.connect(opened)
    desk.main_window_shown.connect(main_shown)
    desk.start()
    QTimer.singleShot(0, login_shown)
    QTimer.singleShot(120_000, app.quit)
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
