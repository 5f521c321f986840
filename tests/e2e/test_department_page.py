"""The /dept page in a real browser (Debian's chromium): sign in, acknowledge, reply."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from stationdesk.district import departments
from stationdesk.domain.cases import CaseState
from stationdesk.services import cases
from tests.helpers.cases import DEPT, referred_case

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser_page() -> Iterator[Any]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail("chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        yield page
        browser.close()


def test_a_department_signs_in_and_answers_in_the_browser(
    make_station, district_db, server, browser_page
):
    token = departments.add_department(district_db, DEPT, "街道民政科").token
    a = make_station("SA0101", district_db)
    case_id = referred_case(a)
    assert a.sync(server.url).outcome == "ok"
    page = browser_page

    page.goto(server.url + "/dept")
    page.fill("#token", "sdd_wrong")
    page.click("#enter")
    page.wait_for_function("document.querySelector('#login-error').textContent !== ''")
    assert page.inner_text("#login-error") == "部门令牌无效或已停用。"
    assert page.is_hidden("#work")

    page.fill("#token", token)
    page.click("#enter")
    card = page.wait_for_selector(f".card[data-case-id='{case_id}']")
    assert card is not None
    text = card.inner_text()
    assert "楼道灯不亮" in text and "请街道协调维修" in text and "138****5678" in text
    assert "13812345678" not in page.content()
    assert [b.inner_text() for b in card.query_selector_all("button")] == ["签收", "退回"]

    # returning needs a note: refused in the page, nothing sent
    card.query_selector("button[data-action=return]").click()  # type: ignore[union-attr]
    assert "请填写退回说明" in card.inner_text()

    card.query_selector("button[data-action=ack]").click()  # type: ignore[union-attr]
    page.wait_for_selector(f".card[data-case-id='{case_id}'] button[data-action=reply]")
    card = page.query_selector(f".card[data-case-id='{case_id}']")
    assert card is not None
    card.query_selector("textarea").fill("已安排物业更换灯具")  # type: ignore[union-attr]
    card.query_selector("input").fill("李科长")  # type: ignore[union-attr]
    card.query_selector("button[data-action=reply]").click()  # type: ignore[union-attr]
    page.wait_for_selector("text=暂无待处理的转办事项")
    assert "已反馈" in page.inner_text("#status")

    assert a.sync(server.url).outcome == "ok"
    detail = cases.show_case(a.station, a.head, case_id)
    assert detail.case.state is CaseState.DEPT_REPLIED
    assert detail.events[-1].note == "已安排物业更换灯具（经办人：李科长）"

    # the token lives in the tab's sessionStorage: a reload stays signed in, 退出 forgets it
    page.reload()
    page.wait_for_selector("text=暂无待处理的转办事项")
    page.click("#logout")
    assert page.evaluate("sessionStorage.getItem('deptToken')") is None
    assert page.is_visible("#login")
