"""Composition root: decides between the desktop window and a CLI command, and wires logging."""

from __future__ import annotations

import argparse
import io
import logging
import logging.handlers
import os
import sys
from collections.abc import Sequence
from pathlib import Path

GUI_FLAGS = {"--demo", "--selftest"}


def _gui_parser() -> argparse.ArgumentParser:
    from stationdesk.cli.base import OneLineParser

    p = OneLineParser(prog="stationdesk", add_help=False)
    p.add_argument("--data-dir")
    p.add_argument("--user")
    p.add_argument("--demo", action="store_true")
    p.add_argument("--selftest", action="store_true")
    return p


class _PrivateLogHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files (the current one and each rotated one) are made 0600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def configure_logging(data_dir: Path) -> None:
    """Log to <data>/logs/stationdesk.log when the folder exists. Never log personal data."""
    logs = data_dir / "logs"
    root = logging.getLogger()
    if not logs.is_dir() or any(isinstance(h, logging.FileHandler) for h in root.handlers):
        return
    handler = _PrivateLogHandler(
        logs / "stationdesk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the window when no command is given, else the CLI."""
    from stationdesk.cli.base import EXIT_BAD_INPUT, UsageError, check_arguments, say

    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        check_arguments(args_list)
        gui_args, rest = _gui_parser().parse_known_args(args_list)
    except UsageError as exc:
        say(str(exc), err=True)
        return EXIT_BAD_INPUT
    if not rest:
        return run_gui(gui_args)
    from stationdesk.cli.main import main as cli_main
    from stationdesk.services.paths import default_data_dir

    configure_logging(Path(gui_args.data_dir) if gui_args.data_dir else default_data_dir())
    return cli_main(args_list)


def run_gui(args: argparse.Namespace) -> int:
    """Open the desktop window (or, with --selftest, show the main window and exit)."""
    if args.selftest:
        return selftest()
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        print(
            "stationdesk: no display (set DISPLAY, or QT_QPA_PLATFORM=offscreen)", file=sys.stderr
        )
        return 1
    from stationdesk.ui.app import DeskController, create_application

    if args.demo:  # the demo's own labelled key file is chosen when the station opens
        from stationdesk.services.paths import demo_data_dir

        data_dir = demo_data_dir()
    else:
        from stationdesk.services.paths import ENV_DATA_DIR, default_data_dir

        data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    configure_logging(data_dir)
    app = create_application(sys.argv[:1])
    # a folder chosen in the first-run wizard is remembered unless one was named explicitly
    remember = not args.demo and not args.data_dir and not os.environ.get(ENV_DATA_DIR)
    controller = DeskController(
        app, data_dir, demo=args.demo, remember_location=remember, freeze_heap=True
    )
    # the first-run wizard may have put the station elsewhere: log there once it is open
    controller.station_opened.connect(lambda: configure_logging(controller.data_dir))
    controller.start()
    return int(app.exec())


def selftest() -> int:
    """Build a throw-away demo station, log in, show the main window offscreen, exit 0."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLineEdit

    from stationdesk.services.setup import DEMO_WORKERS
    from stationdesk.ui.app import DeskController, create_application
    from stationdesk.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="stationdesk-selftest-") as tmp:
        data_dir = Path(tmp) / "station"
        app = create_application(sys.argv[:1])
        controller = DeskController(app, data_dir, demo=True)
        result = {"code": 1}

        def opened() -> None:
            user, _name, _role, password = DEMO_WORKERS[0]
            controller._login(user, password)

        def shown(window: MainWindow) -> None:
            ok = window.isVisible() and window.findChild(QLineEdit, "globalSearch") is not None
            result["code"] = 0 if ok else 1
            print("selftest: main window shown" if ok else "selftest: main window missing")
            QTimer.singleShot(0, app.quit)

        controller.station_opened.connect(opened)
        controller.main_window_shown.connect(shown)
        QTimer.singleShot(60_000, app.quit)
        controller.start()
        app.exec()
        controller._shutdown()
        return result["code"]


if __name__ == "__main__":
    raise SystemExit(main())
