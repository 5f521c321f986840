"""The protocol gate of the sync API says what is wrong with a request's protocol header."""

from __future__ import annotations

import pytest

from stationdesk.district import service
from stationdesk.district.app import create_app
from stationdesk.sync.protocol import (
    API_PREFIX,
    MIN_PROTOCOL_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
)
from tests.helpers.district import Portal

pytestmark = pytest.mark.postgres


def test_a_missing_header_is_named_and_not_blamed_on_an_old_server(district_db):
    token = service.add_station(district_db, "SY0101", "星海站").token
    portal = Portal(create_app(district_db))
    path = f"{API_PREFIX}/stations/SY0101/scope-hash"
    auth = {"Authorization": f"Bearer {token}"}
    try:
        missing = portal.request("GET", path, headers=auth)
        assert missing.status_code == 426
        body = missing.json()
        assert PROTOCOL_HEADER in body["message"] and "lacks" in body["message"]
        assert body["message_zh"] == f"请求缺少协议版本头 {PROTOCOL_HEADER}，无法同步。"
        assert (body["protocol_min"], body["protocol_max"]) == (
            MIN_PROTOCOL_VERSION,
            PROTOCOL_VERSION,
        )

        garbled = portal.request("GET", path, headers={**auth, PROTOCOL_HEADER: "one"}).json()
        assert garbled["message_zh"] == f"请求的协议版本头 {PROTOCOL_HEADER} 不是有效的版本号。"

        newer = {**auth, PROTOCOL_HEADER: str(PROTOCOL_VERSION + 1)}
        assert "区服务器版本较旧" in portal.request("GET", path, headers=newer).json()["message_zh"]
        if MIN_PROTOCOL_VERSION > 0:
            older = {**auth, PROTOCOL_HEADER: str(MIN_PROTOCOL_VERSION - 1)}
            assert (
                "本站软件版本过旧"
                in portal.request("GET", path, headers=older).json()["message_zh"]
            )
        right = {**auth, PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        assert portal.request("GET", path, headers=right).status_code == 200
    finally:
        portal.close()
