"""A dump of the district holds no resident's name, ID number or phone after real syncs."""

from __future__ import annotations

import json
import urllib.request

import httpx
import pytest

from stationdesk.district import departments
from stationdesk.domain.identity import check_char
from stationdesk.services import case_reference, cases, certificates, residents, sync
from tests.district.harness import pg_dump
from tests.helpers.cases import DEPT
from tests.helpers.certificates import residence

from .stations import assert_converged

pytestmark = pytest.mark.postgres

NAME = "慕容雪飏"
PHONES = ("13987654321", "13511112222", "13633334444")
REPORTER, REPORTER_PHONE = "东方既白", "13722223333"


def _id_number() -> str:
    first17 = "21020219800101077"
    return first17 + check_char(first17)


def _forms(text: str) -> set[bytes]:
    """A text as a dump could hold it: UTF-8, and JSON-escaped (``\\uXXXX``, either case)."""
    escaped = "".join(f"\\u{ord(c):04x}" if ord(c) > 127 else c for c in text)
    return {text.encode("utf-8"), escaped.encode("ascii"), escaped.upper().encode("ascii")}


def test_a_district_dump_holds_no_name_id_number_or_phone_of_a_synced_resident(
    make_station, district_db, district_url, server
):
    token = departments.add_department(district_db, DEPT, "街道民政科").token
    a = make_station("SA0101", district_db)
    b = make_station("SB0202", district_db)
    residents.add_building(a.station, a.head, "5栋")
    card = residents.register_resident(
        a.station,
        a.head,
        residents.ResidentInput(
            name=NAME, id_number=_id_number(), phones=PHONES[:1], building="5栋", room="101"
        ),
    )
    issued = certificates.issue_certificate(a.station, a.head, residence(card.row.id))
    case = cases.open_case(
        a.station,
        a.head,
        cases.NewCase(
            type_code=case_reference.list_matter_types(a.station)[0].code,
            channel="walk-in",
            summary="楼道灯不亮",
            address="5栋1单元",
            reporter_name=REPORTER,
            reporter_phone=REPORTER_PHONE,
        ),
    )
    cases.act(a.station, a.head, case.case.id, "accept")
    cases.act(a.station, a.head, case.case.id, "refer", note="请街道协调维修", department=DEPT)
    assert a.sync(server.url).outcome == "ok" and b.sync(server.url).outcome == "ok"
    # the same field edited at both stations: a conflict keeps both values on the district
    residents.edit_resident(a.station, a.head, card.row.id, {"phones": [PHONES[1]]})
    residents.edit_resident(b.station, b.head, card.row.id, {"phones": [PHONES[2]]})
    for st in (a, b, a):
        assert st.sync(server.url).outcome == "ok"
    assert sync.sync_status(b.station).open_conflicts == 1
    got = residents.get_resident(b.station, b.head, card.row.id)
    assert got.row.name == NAME and got.phones_masked == ("136****4444",)
    assert_converged(district_db, a, b)

    # what the district shows stays as it was: a masked holder, a masked reporter phone
    verify = httpx.get(
        f"{server.url}/verify/{issued.number}",
        params={"c": issued.short_code},
        headers={"Accept": "application/json"},
        timeout=30,
    ).json()
    assert verify["result"] == "genuine" and verify["holder_name_masked"] == "慕容**"
    request = urllib.request.Request(
        f"{server.url}/dept/v1/cases", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        listed = json.loads(resp.read())
    assert [c["reporter_phone"] for c in listed] == ["137****3333"]

    dump = pg_dump(district_url)
    for secret in (NAME, _id_number(), _id_number().lower(), *PHONES, REPORTER, REPORTER_PHONE):
        for form in _forms(secret):
            assert form not in dump, f"{secret} is in the dump as {form!r}"
    assert b"enc:v1:" in dump and issued.number.encode() in dump  # sealed, not left out
