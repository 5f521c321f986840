"""The public verification routes in-process (real PostgreSQL): masking, limits, odd input."""

from __future__ import annotations

import urllib.parse
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from stationdesk.district import migrate, service
from stationdesk.district.app import create_app
from stationdesk.district.db import DistrictDatabase
from stationdesk.district.models import VerifyRateBucket
from stationdesk.district.verify import (
    ENV_RATE,
    RateLimiter,
    check_number,
    mask_holder_name,
    parse_rate,
)
from stationdesk.domain.numbering import parse_number
from stationdesk.secrets.signing import (
    generate_keypair,
    normalise_short_code,
    short_code,
)
from tests.helpers.district import Portal, key_op, push_ops, signed_certificate, sync_op

pytestmark = pytest.mark.postgres


def test_holder_names_keep_only_the_surname():
    assert mask_holder_name("张三") == "张*"
    assert mask_holder_name("王小明") == "王**"
    assert mask_holder_name("欧阳娜娜") == "欧阳**"
    assert mask_holder_name("欧阳") == "欧*"  # no longer than the compound surname
    assert mask_holder_name(" 李 四 ") == "李*"
    assert mask_holder_name("阿依古丽·买买提") == "阿" + "*" * 7
    assert mask_holder_name("张") == "*"
    assert mask_holder_name("") == ""


@pytest.fixture(params=["postgres", "sqlite"])
def limit_db(request, pg, tmp_path) -> Iterator[DistrictDatabase]:  # type: ignore[no-untyped-def]
    """A migrated district database for the shared buckets: PostgreSQL, or a trial SQLite file."""
    if request.param == "postgres":
        db = DistrictDatabase(pg.create())
    else:
        db = DistrictDatabase(f"sqlite:///{tmp_path / 'trial.db'}")
        migrate.upgrade(db)
    yield db
    db.dispose()


def test_the_bucket_refills_evenly_and_counts_each_address_apart(limit_db):
    now = [1_000_000.0]
    bucket = RateLimiter(limit_db, 3, 60.0, clock=lambda: now[0])
    assert [bucket.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take("a") == pytest.approx(20.0)
    assert bucket.take("b") == 0.0
    now[0] += 20.0
    assert bucket.take("a") == 0.0
    assert bucket.take("a") > 0
    now[0] += 1000.0
    assert [bucket.take("a") for _ in range(4)][-1] > 0  # never more than the burst


def test_every_limiter_on_the_database_spends_from_the_same_bucket(limit_db):
    now = [1_000_000.0]
    workers = [RateLimiter(limit_db, 4, 60.0, clock=lambda: now[0]) for _ in range(2)]
    assert [workers[i % 2].take("a") for i in range(4)] == [0.0] * 4
    assert workers[0].take("a") > 0 and workers[1].take("a") > 0
    now[0] -= 5.0  # a worker whose clock is behind neither refills nor moves the bucket back
    assert workers[1].take("a") > 0


def test_an_address_idle_for_a_whole_period_is_forgotten(limit_db):
    now = [1_000_000.0]
    bucket = RateLimiter(limit_db, 1, 60.0, clock=lambda: now[0])
    bucket.take("a")
    now[0] += 30.0
    bucket.take("b")
    now[0] += 31.0  # "a" idle for 61 s: full again, its row is pruned; "b" is kept
    bucket.take("c")
    with limit_db.session() as s:
        assert set(s.scalars(select(VerifyRateBucket.client))) == {"b", "c"}
    assert bucket.take("a") == 0.0
    assert bucket.take("b") > 0 and bucket.take("c") > 0


def test_rate_settings_read_and_refuse():
    assert parse_rate("30/60") == (30, 60.0)
    assert parse_rate("100") == (100, 60.0)
    assert parse_rate("off") is None and parse_rate("0") is None
    for bad in ("fast", "-1/60", "5/0", "5/x"):
        with pytest.raises(ValueError, match=ENV_RATE):
            parse_rate(bad)


# -- an app with one real certificate -----------------------------------------------------


@pytest.fixture
def one_certificate(district_db: DistrictDatabase, monkeypatch) -> Iterator[tuple[Portal, str]]:
    monkeypatch.setenv(ENV_RATE, "off")
    enrol = service.add_station(district_db, "SA0101", "甲站")
    pair = generate_keypair()
    payload, data = signed_certificate(pair, "SA0101-000001")
    push_ops(
        district_db,
        enrol.token,
        "SA0101",
        [
            key_op(1, "SA0101", pair),
            sync_op(2, "certificate", str(uuid.uuid4()), "issue", data),
        ],
    )
    portal = Portal(create_app(district_db))
    yield portal, payload
    portal.close()


def test_arbitrary_numbers_and_codes_never_give_a_server_error(one_certificate):
    portal, payload = one_certificate
    code = short_code(payload)
    numbers = st.one_of(
        st.text(max_size=80),
        st.from_regex(r"[A-Za-z0-9]{3,13}(-R)?(-[0-9]{4})?-[0-9]{5,9}", fullmatch=True),
        st.sampled_from(["SA0101-000001", "SA0101-2026-000001", "sa0101-2026-000001"]),
        st.sampled_from(["SA0101-2025-000001", "SA0101-R-000001", "SA0101-0000001"]),
    )
    codes = st.one_of(
        st.text(max_size=80),
        st.from_regex(r"[0-9A-Za-z \-]{8,14}", fullmatch=True),
        st.sampled_from([code, code.lower(), f"{code[:5]}-{code[5:]}", code[:-1] + "0"]),
    )
    qrs = st.one_of(
        st.just(payload),
        st.text(max_size=300),
        st.builds(lambda t: "SD1:" + t, st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=")),
        st.builds(
            lambda i, ch: payload[:i] + ch + payload[i + 1 :],
            st.integers(0, len(payload) - 1),
            st.sampled_from("A7Z2=- a"),
        ),
    )
    ways = st.sampled_from(["path", "query", "post-form", "post-json"])

    def genuine_input(number: str, c: str) -> bool:
        try:
            parsed = parse_number(number.upper())
            return (
                parsed.canonical == "SA0101-000001"
                and parsed.year in (None, 2026)
                and normalise_short_code(c) == code
            )
        except ValueError:
            return False

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(numbers, codes, ways, qrs)
    def check(number: str, c: str, way: str, qr: str) -> None:
        headers = {"Accept": "application/json"}
        if way == "path":
            path = "/verify/" + urllib.parse.quote(number, safe="")
            r = portal.request("GET", path, params={"c": c}, headers=headers)
        elif way == "query":
            r = portal.request("GET", "/verify", params={"number": number, "c": c})
        elif way == "post-form":
            r = portal.request("POST", "/verify", data={"qr": qr}, headers=headers)
        else:
            r = portal.request("POST", "/verify", json={"number": number, "c": c}, headers=headers)
        assert r.status_code < 500, (way, number, c, qr, r.text)
        if way == "path" and r.status_code == 200:
            assert r.json()["result"] == ("genuine" if genuine_input(number, c) else "unknown")
        if way == "post-form" and r.status_code == 200:
            assert r.json()["result"] == ("genuine" if qr.strip() == payload else "unknown")

    check()


def test_odd_post_bodies_are_400_not_500(one_certificate):
    portal, _payload = one_certificate
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    as_json = {"Content-Type": "application/json"}
    bodies = [
        ("&".join(f"f{i}=x" for i in range(50)), form),
        ("x" * 100_000, form),
        ("[" * 5000, as_json),
        ("[1, 2]", as_json),
        ('{"number": 5, "c": null}', as_json),
        ("{not json", as_json),
        ("", form),
    ]
    for body, headers in bodies:
        r = portal.request("POST", "/verify", content=body.encode(), headers=headers)
        assert r.status_code == 400, (body[:40], r.status_code)
        assert "无法核验" in r.text


def test_a_key_published_in_another_stations_name_is_not_trusted(district_db, monkeypatch):
    monkeypatch.setenv(ENV_RATE, "off")
    service.add_station(district_db, "SA0101", "甲站")
    b = service.add_station(district_db, "SB0202", "乙站")
    b_pair = generate_keypair()
    # B tries a key "for" SA0101 (refused), then signs a QR code with A's number
    b_station = service.station_for_token(district_db, b.token, "SB0202")
    resp = service.push(district_db, b_station, [key_op(1, "SA0101", b_pair)])
    assert [r.status for r in resp.results] == ["rejected"]  # type: ignore[union-attr]
    assert resp.results[0].http_status == 403  # type: ignore[union-attr]
    forged, _data = signed_certificate(b_pair, "SA0101-000001")
    portal = Portal(create_app(district_db))
    try:
        keys = portal.request("GET", "/verify/keys").json()["stations"]
        assert keys == {}
        answer = portal.request(
            "GET", "/verify", params={"qr": forged}, headers={"Accept": "application/json"}
        ).json()
        assert answer["result"] == "unknown" and answer["signature_valid"] is False
    finally:
        portal.close()


def test_a_certificate_without_a_published_key_is_not_called_genuine(district_db):
    enrol = service.add_station(district_db, "SA0101", "甲站")
    pair = generate_keypair()
    payload, data = signed_certificate(pair, "SA0101-000001")
    push_ops(district_db, enrol.token, "SA0101", [sync_op(1, "certificate", "c1", "issue", data)])
    assert check_number(district_db, "SA0101-000001", short_code(payload)).verdict == "unknown"
    push_ops(district_db, enrol.token, "SA0101", [key_op(2, "SA0101", pair)])
    assert check_number(district_db, "SA0101-000001", short_code(payload)).verdict == "genuine"
