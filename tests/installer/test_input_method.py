"""The start-up step that lets Chinese be typed in the bundled Qt under fcitx5 (UOS, Kylin)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from stationdesk import entry
from stationdesk.entry import input_method_env, running_process_names

WHEEL_CONTEXTS = {"ibus", "compose", "qtvirtualkeyboard"}  # what the PySide6 wheels carry


@pytest.mark.parametrize(
    ("environ", "running", "expected"),
    [
        ({}, {"bash", "fcitx5"}, {"QT_IM_MODULE": "ibus"}),
        ({}, {"ibus-daemon"}, {"QT_IM_MODULE": "ibus"}),
        ({"QT_IM_MODULE": "fcitx"}, {"fcitx5"}, {"QT_IM_MODULE": "ibus"}),  # UOS/Kylin session
        ({"QT_IM_MODULE": "fcitx5"}, {"fcitx5"}, {"QT_IM_MODULE": "ibus"}),
        ({"QT_IM_MODULE": "ibus"}, {"fcitx5"}, {}),
        ({"QT_IM_MODULE": "compose"}, {"fcitx5"}, {}),
        ({"QT_IM_MODULES": "fcitx;ibus"}, {"fcitx5"}, {}),
        ({}, {"bash", "Xorg"}, {}),
        ({"QT_IM_MODULE": "fcitx"}, {"bash"}, {}),
        ({}, {"fcitx"}, {}),  # fcitx 4 has no IBus frontend
    ],
)
def test_qt_is_pointed_at_an_input_method_it_can_reach(environ, running, expected):
    assert input_method_env(environ, running, WHEEL_CONTEXTS) == expected


def test_a_qt_with_a_fcitx_plugin_keeps_the_sessions_fcitx():
    assert input_method_env({"QT_IM_MODULE": "fcitx"}, {"fcitx5"}, {"ibus", "fcitx"}) == {}


def test_a_qt_without_the_ibus_plugin_is_left_alone():
    assert input_method_env({}, {"fcitx5"}, {"compose"}) == {}


def _fake_proc(tmp_path: Path, processes: dict[str, str]) -> Path:
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "self").mkdir()
    (proc / "meminfo").write_text("MemTotal: 1 kB\n")
    for pid, comm in processes.items():
        (proc / pid).mkdir()
        (proc / pid / "comm").write_text(comm + "\n")
    (proc / "999").mkdir()  # a process that ended before its comm was read
    return proc


def test_the_running_processes_come_from_proc(tmp_path: Path):
    proc = _fake_proc(tmp_path, {"1": "systemd", "1200": "fcitx5", "1300": "bash"})
    assert running_process_names(proc) == {"systemd", "fcitx5", "bash"}
    assert running_process_names(tmp_path / "missing") == set()


def test_the_wheels_qt_offers_the_ibus_context():
    assert "ibus" in entry.qt_input_contexts()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
@pytest.mark.parametrize(
    ("environ", "processes", "expected"),
    [
        ({"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}, {"7": "fcitx5"}, "ibus"),
        ({}, {"7": "ibus-daemon"}, "ibus"),
        ({"QT_IM_MODULE": "ibus"}, {"7": "fcitx5"}, "ibus"),
        ({}, {"7": "bash"}, None),
    ],
)
def test_start_up_sets_the_environment(monkeypatch, tmp_path, environ, processes, expected):
    proc = _fake_proc(tmp_path, processes)
    monkeypatch.setattr(entry, "running_process_names", lambda: running_process_names(proc))
    env = dict(environ)
    entry.set_up_input_method(env)
    assert env.get("QT_IM_MODULE") == expected
    assert env.get("XMODIFIERS") == environ.get("XMODIFIERS")  # not Qt's business


def test_the_window_sets_up_input_before_qt_starts(monkeypatch, tmp_path):
    import stationdesk.ui.app as ui_app

    calls: list[str] = []

    class Stop(Exception):
        pass

    def create_application(argv):
        calls.append("qt")
        raise Stop

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(entry, "set_up_input_method", lambda: calls.append("input"))
    monkeypatch.setattr(ui_app, "create_application", create_application)
    args = entry._gui_parser().parse_args(["--data-dir", str(tmp_path / "station")])
    with pytest.raises(Stop):
        entry.run_gui(args)
    assert calls == ["input", "qt"]
