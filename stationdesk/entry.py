"""Composition root: decides between the desktop window and a CLI command, and wires logging."""

from __future__ import annotations

import argparse
import io
import logging
import logging.handlers
import os
import sys
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
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


# -- Chinese input in the bundled Qt (Linux) ----------------------------------------------
# The PySide6 wheels carry only the IBus and compose input contexts, no fcitx one. fcitx5, the
# input method of UOS and Kylin, also answers IBus clients (its IBus frontend), so when fcitx5
# or ibus-daemon runs, Qt is told to use its IBus context. XMODIFIERS and GTK_IM_MODULE do not
# concern Qt and are left alone. fcitx 4 has no IBus frontend: it needs a fcitx Qt6 plugin.
IBUS_SPEAKERS = frozenset({"fcitx5", "ibus-daemon"})


def input_method_env(
    environ: Mapping[str, str], running: Iterable[str], contexts: Iterable[str] = ("ibus",)
) -> dict[str, str]:
    """The variables to set so that Chinese can be typed; empty when nothing is to change.

    ``running`` names the user's processes, ``contexts`` the input contexts this Qt can load.
    A QT_IM_MODULES the user set is kept, and so is a QT_IM_MODULE naming a context this Qt
    has; one naming a context it lacks (UOS and Kylin set ``QT_IM_MODULE=fcitx`` for the whole
    session) gives way to ``ibus`` when an input method that speaks IBus runs. With no such
    input method running nothing changes.
    """
    available = set(contexts)
    if environ.get("QT_IM_MODULES") or "ibus" not in available:
        return {}
    if not IBUS_SPEAKERS & set(running):
        return {}
    if environ.get("QT_IM_MODULE", "") in available:  # the user's choice, which this Qt has
        return {}
    return {"QT_IM_MODULE": "ibus"}


def running_process_names(proc: Path = Path("/proc")) -> set[str]:
    """The command names of this user's running processes (Linux /proc)."""
    names: set[str] = set()
    uid = os.getuid()
    try:
        entries = list(proc.iterdir())
    except OSError:
        return names
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid == uid:
                names.add((entry / "comm").read_text(encoding="utf-8", errors="replace").strip())
        except OSError:  # the process ended meanwhile
            continue
    return names


def qt_input_contexts() -> set[str]:
    """The input-context plugins this Qt can load, by key ("ibus", "compose", ...)."""
    from PySide6.QtCore import QLibraryInfo

    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)]
    dirs += [d for d in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if d]
    keys: set[str] = set()
    for folder in dirs:
        for plugin in (Path(folder) / "platforminputcontexts").glob("*.so"):
            stem = plugin.stem.removeprefix("lib").removesuffix("platforminputcontextplugin")
            keys.add(stem.removesuffix("plugin"))
    if "fcitx5" in keys:  # fcitx5-qt's plugin answers to both names
        keys.add("fcitx")
    return keys


def set_up_input_method(environ: MutableMapping[str, str] = os.environ) -> None:
    """On Linux, point Qt at an input method it can reach; call before Qt starts."""
    if not sys.platform.startswith("linux"):
        return
    running = running_process_names()
    if not IBUS_SPEAKERS & running:
        return
    changes = input_method_env(environ, running, qt_input_contexts())
    if changes:
        logging.getLogger(__name__).info("input method: %s", changes)
    environ.update(changes)


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
    set_up_input_method()
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
