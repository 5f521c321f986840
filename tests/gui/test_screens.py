"""Every window and dialog fits the station PC's screen: 1366×768, 1280×720 and 1920×1080 at
150 %, each in its own offscreen process with a screen of that size (tests/helpers/screens.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stationdesk.ui.screen import FRAME_ALLOWANCE
from tests.helpers.screens import SIZES, run_on_screen

EXPECTED = {  # the windows the probe opens (a window left out would pass unseen)
    "login",
    "lock",
    "wizard0",
    "wizard5",
    "main:residents",
    "main:certificates",
    "main:cases",
    "main:settings",
    "main:settings-admin",
    "chooseType",
    "issue:RESIDENCE",
    "refusal",
    "caseIntake",
    "residentIntake",
    "visit",
    "addWorker",
    "main:emergency",
    "emergencyStart",
    "emergencyStop",
    "main:volunteer",
    "main:volunteer-members",
    "main:volunteer-activities",
    "main:volunteer-wishes",
    "volunteerUnit",
    "volunteerMember",
    "volunteerActivity",
    "volunteerWish",
}


def inside(area: list[int], frame: list[int]) -> bool:
    ax, ay, aw, ah = area
    x, y, w, h = frame
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.fixture(scope="module", params=list(SIZES))
def screen(request, tmp_path_factory) -> tuple[str, list[dict[str, Any]]]:
    folder: Path = tmp_path_factory.mktemp("screen")
    return request.param, run_on_screen(SIZES[request.param], "tests.helpers.screen_probe", folder)


def test_every_window_fits_the_screen(screen) -> None:
    name, windows = screen
    size = SIZES[name]
    assert {w["name"] for w in windows} >= EXPECTED
    for w in windows:
        assert w["area"][2] == round(size.width * 96 / size.dpi), w  # the screen is as asked
        assert inside(w["area"], w["frame"]), f"{w['name']} at {name}: {w['frame']} {w['area']}"
        assert not w["outside"], f"{w['name']} at {name}: off screen {w['outside']}"


def test_the_main_window_fills_a_small_screen(screen) -> None:
    name, windows = screen
    for w in windows:
        if w["name"].startswith("main:"):
            _x, _y, width, height = w["frame"]
            small = w["area"][2] <= 1600 or w["area"][3] <= 900
            if small:  # a station PC: every pixel of the free area (150 % may round one off)
                assert w["area"][2] - width <= 1 and w["area"][3] - height <= 1, (name, w)
            else:
                assert width < w["area"][2], f"{w['name']} at {name}: {w}"


def test_action_buttons_stay_on_screen(screen) -> None:
    name, windows = screen
    for w in windows:
        if w["name"].startswith(("issue:", "refusal")):
            actions = {"issueAndPrint", "issueAndSave", "refuseAndPrint", "refuseAndSave"}
            shown = actions & set(w["buttons"])
            assert len(shown) == 2, w["buttons"]  # not scrolled away with the form
            off = [c for c in w["outside"] if c.split(":", 1)[1] in shown]
            assert not off, f"{w['name']} at {name}: {off}"


def test_main_lists_never_scroll_sideways_nor_cut_a_column(screen) -> None:
    name, windows = screen
    for w in windows:
        if w["name"].startswith("main:"):
            assert not w["hscroll"], f"{w['name']} at {name}: {w['hscroll']}"
            assert not w["cut"], f"{w['name']} at {name}: narrower than their text {w['cut']}"


def test_every_window_is_titled_in_chinese(screen) -> None:
    _name, windows = screen
    for w in windows:
        assert w["title"].startswith("社区党群服务站综合受理台"), w["title"]
        assert "stationdesk" not in w["title"]


def test_a_small_dialog_opens_over_the_middle_of_the_window(screen) -> None:
    name, windows = screen
    by_name = {w["name"]: w for w in windows}

    def centre(frame: list[int]) -> tuple[float, float]:
        x, y, w, h = frame
        return x + w / 2, y + h / 2

    mx, my = centre(by_name["main:residents"]["frame"])
    for dialog in ("void", "verify", "visit", "caseAction:refer", "chooseType"):
        dx, dy = centre(by_name[dialog]["frame"])
        assert abs(dx - mx) <= 8 and abs(dy - my) <= 8, f"{dialog} at {name}: {(dx, dy)}"


TASKBAR = 48  # a Windows or UOS taskbar at the bottom, in logical pixels
TITLE_BAR = FRAME_ALLOWANCE.top() + FRAME_ALLOWANCE.bottom()


def test_every_window_can_shrink_to_fit_beside_a_taskbar_and_under_a_title_bar(screen) -> None:
    """The offscreen screen has no taskbar and thin frames: each window's smallest size, with
    a real title bar, still fits what a desktop leaves free."""
    name, windows = screen
    for w in windows:
        _x, _y, width, height = w["area"]
        min_width, min_height = w["minimum"]
        assert min_height + TITLE_BAR <= height - TASKBAR, f"{w['name']} at {name}: {min_height}"
        assert min_width + 2 * FRAME_ALLOWANCE.left() <= width, f"{w['name']} at {name}"
