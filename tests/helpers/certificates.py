"""A residence-certificate request with every field and check filled in, for the tests."""

from __future__ import annotations

from stationdesk.services import certificates as certs

RESIDENCE_FIELDS = {"since_date": "2019-05-01", "housing": "租赁住房"}
RESIDENCE_CHECKS = (
    "id_checked",
    "address_in_community",
    "housing_document_checked",
    "residence_confirmed",
    "pledge_signed",
)


def residence(resident_id: str, **kw: object) -> certs.IssueRequest:
    base: dict[str, object] = {
        "type_code": "RESIDENCE",
        "resident_id": resident_id,
        "purpose": "子女入学",
        "fields": dict(RESIDENCE_FIELDS),
        "checks": RESIDENCE_CHECKS,
    }
    base.update(kw)
    return certs.IssueRequest(**base)  # type: ignore[arg-type]
