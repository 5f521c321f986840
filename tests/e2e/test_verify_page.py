"""The public verification page on a real server: a certificate issued offline, synced, checked."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import httpx
import pytest

from stationdesk.secrets.signing import decode_and_verify, short_code
from stationdesk.services import certificates
from tests.district.harness import ServerProcess
from tests.helpers.ids import idn
from tests.helpers.verify_page import JSON, get, issue

pytestmark = pytest.mark.postgres

ALLOWED_KEYS = {
    "result",
    "result_zh",
    "number",
    "display_number",
    "certificate_type",
    "issue_date",
    "station_name",
    "holder_name_masked",
    "void_date",
    "signature_valid",
    "message_zh",
}


def test_a_certificate_issued_offline_verifies_after_sync_and_shows_void_after_a_void(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    issued, _payload = issue(a)
    code = issued.short_code
    shown = issued.display_number  # SA0101-<year>-000001, as printed
    grouped = f"{code[:5].lower()}-{code[5:]}"  # as a person might type it

    before = get(server, f"/verify/{shown}", params={"c": code}, headers=JSON)
    assert before.status_code == 200 and before.json()["result"] == "unknown"

    assert a.sync(server.url).outcome == "ok"
    page = get(server, f"/verify/{shown}", params={"c": grouped})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "真实有效" in page.text and "测试站点SA0101" in page.text
    # no catalog published yet: the name the station issued it under
    assert "欧阳**" in page.text and "居住情况证明" in page.text
    assert f"{issued.issue_date.year}年" in page.text

    body = get(server, f"/verify/{issued.number}", params={"c": code}, headers=JSON).json()
    assert body == {
        "result": "genuine",
        "result_zh": "真实有效",
        "number": issued.number,
        "display_number": shown,
        "certificate_type": "居住情况证明",
        "issue_date": issued.issue_date.isoformat(),
        "station_name": "测试站点SA0101",
        "holder_name_masked": "欧阳**",
    }

    # the district's published catalog names the type too
    catalog = Path("resources/catalog/certificates.json").read_text(encoding="utf-8")
    from stationdesk.district import service

    service.publish_catalog(district_db, {"certificates": json.loads(catalog)})
    named = get(server, f"/verify/{shown}", params={"c": code}, headers=JSON).json()
    assert named["certificate_type"] == "居住情况证明"

    certificates.void_certificate(a.station, a.head, issued.number, "信息有误")
    assert a.sync(server.url).outcome == "ok"
    void = get(server, f"/verify/{shown}", params={"c": code}, headers=JSON).json()
    assert void["result"] == "void" and void["result_zh"] == "已作废"
    assert void["void_date"] == issued.issue_date.isoformat()  # voided the same (fake) day
    void_page = get(server, "/verify", params={"number": shown, "c": code})
    assert "已作废" in void_page.text and "作废日期" in void_page.text
    assert "真实有效" not in void_page.text


def test_wrong_code_wrong_year_and_unknown_number_all_read_unknown_alike(
    make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    issued, _payload = issue(a)
    assert a.sync(server.url).outcome == "ok"
    year = issued.issue_date.year
    right = get(server, f"/verify/{issued.number}", params={"c": issued.short_code}, headers=JSON)
    assert right.json()["result"] == "genuine"

    other_code = "0000000000" if issued.short_code != "0000000000" else "1111111111"
    answers = [
        get(server, f"/verify/{issued.number}", params={"c": other_code}, headers=JSON),
        get(
            server,
            f"/verify/SA0101-{year + 1}-000001",
            params={"c": issued.short_code},
            headers=JSON,
        ),
        get(server, "/verify/SA0101-000002", params={"c": issued.short_code}, headers=JSON),
        get(server, "/verify/ZZ9999-000001", params={"c": issued.short_code}, headers=JSON),
        get(server, "/verify/SA0101-R-000001", params={"c": issued.short_code}, headers=JSON),
    ]
    assert all(r.status_code == 200 for r in answers)
    # the same body whether or not the number exists: nothing tells a guesser it is real
    assert len({r.content for r in answers}) == 1
    assert answers[0].json()["result"] == "unknown"
    html_wrong = get(server, f"/verify/{issued.number}", params={"c": other_code})
    html_missing = get(server, "/verify/SA0101-000002", params={"c": other_code})
    assert html_wrong.text == html_missing.text and "未查到" in html_wrong.text


def test_the_page_shows_nothing_personal_beyond_the_masked_name(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    issued, payload = issue(a, name="王小明", seq=32)
    assert a.sync(server.url).outcome == "ok"
    pages = [
        get(server, f"/verify/{issued.display_number}", params={"c": issued.short_code}),
        get(server, f"/verify/{issued.number}", params={"c": issued.short_code}, headers=JSON),
        get(server, "/verify", params={"qr": payload}),
        get(server, "/verify", params={"qr": payload}, headers=JSON),
        httpx.post(server.url + "/verify", data={"qr": payload}, timeout=30),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "王**" in page.text
        for secret in ("王小明", "小明", idn(32), "19800101", "子女入学", "租赁住房", "2019"):
            assert secret not in page.text, secret
    for page in pages[1::2]:
        assert set(page.json()) <= ALLOWED_KEYS
    assert pages[0].headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in pages[0].headers["content-security-policy"]


def test_bad_input_is_a_400_with_a_reason(server):
    cases = [
        ("/verify/not-a-number", {"c": "0000000000"}),
        ("/verify/SA0101-000001", {"c": "short"}),
        ("/verify/SA0101-000001", {}),
        ("/verify", {"number": "", "c": ""}),
        ("/verify", {"qr": "hello"}),
        ("/verify/SA0101-000001", {"c": "0" * 5000}),
    ]
    for path, params in cases:
        page = get(server, path, params=params)
        assert page.status_code == 400, (path, params)
        assert "无法核验" in page.text and "<form" not in page.text
        data = get(server, path, params=params, headers=JSON)
        assert data.status_code == 400 and data.json()["message_zh"]
    form = get(server, "/verify")
    assert form.status_code == 200 and 'name="number"' in form.text and 'name="c"' in form.text


def test_published_keys_let_a_verifier_check_a_qr_code_offline(make_station, district_db, server):
    a = make_station("SA0101", district_db)
    issued, payload = issue(a)
    assert get(server, "/verify/keys").json()["stations"] == {}
    assert a.sync(server.url).outcome == "ok"

    keys = get(server, "/verify/keys")
    assert keys.status_code == 200
    doc = keys.json()
    assert doc["format"] == "SD1" and doc["payload_prefix"] == "SD1:"
    entry = doc["stations"]["SA0101"]
    assert entry["name"] == "测试站点SA0101"
    assert entry["public_key_hex"] == certificates.public_key_hex(a.station)
    raw = base64.b64decode(entry["public_key_base64"])
    assert raw.hex() == entry["public_key_hex"]

    # offline: nothing but the published key and the scanned text
    checked = decode_and_verify(payload, {"SA0101": raw})
    assert checked.number == issued.number and checked.short_code == issued.short_code

    # online: the server checks the same signature, then the ledger
    online = get(server, "/verify", params={"qr": payload}, headers=JSON).json()
    assert online["result"] == "genuine" and online["signature_valid"] is True
    posted = httpx.post(server.url + "/verify", json={"qr": payload}, headers=JSON, timeout=30)
    assert posted.json()["result"] == "genuine"

    # one changed character: the signature no longer verifies
    i = len(payload) - 10
    forged = payload[:i] + ("A" if payload[i] != "A" else "B") + payload[i + 1 :]
    bad = get(server, "/verify", params={"qr": forged}, headers=JSON)
    assert bad.status_code == 200
    assert bad.json()["result"] == "unknown" and bad.json()["signature_valid"] is False
    assert short_code(payload) == issued.short_code


def test_too_many_requests_from_one_address_get_429_with_retry_after(server):
    # the default bucket holds 30 and refills one every 2 s, so the first refusal comes after
    # 30 requests plus one more per 2 s the loop took
    started = time.monotonic()
    allowed = 0
    with httpx.Client(base_url=server.url, timeout=30) as client:
        while allowed < 200:
            path = "/verify/keys" if allowed % 2 else "/verify/SA0101-000001?c=0000000000"
            refused = client.get(path)
            if refused.status_code != 200:
                break
            allowed += 1
    elapsed = time.monotonic() - started
    assert refused.status_code == 429
    assert 30 <= allowed <= 30 + elapsed / 2 + 1
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "查询过于频繁" in refused.text
    as_json = get(server, "/verify", headers=JSON)
    assert as_json.status_code == 429 and "秒后再试" in as_json.json()["message_zh"]
    # the sync API is not limited
    assert get(server, "/health").status_code == 200


def test_the_rate_is_configurable(district_url: str, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("STATIONDESK_VERIFY_RATE", "3/600")
    with_rate = ServerProcess(district_url, tmp_path).start()
    try:
        got = [get(with_rate, "/verify").status_code for _ in range(4)]
        assert got == [200, 200, 200, 429]
        wait = int(get(with_rate, "/verify").headers["retry-after"])
        assert 150 < wait <= 200  # one token comes back every 200 s
    finally:
        with_rate.stop()
