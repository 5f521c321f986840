"""A resident to certify, and a residence-certificate request with every field and check filled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stationdesk.services import certificates as certs
from stationdesk.services import residents
from tests.helpers.ids import idn

if TYPE_CHECKING:
    from tests.conftest import StationFixture

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


def register(st: StationFixture, name: str = "林小梅", seq: int = 2) -> tuple[str, str]:
    """Register a resident of 3栋 2-501 (adding the building once); its id and ID number."""
    names = [b.name for b in residents.list_buildings(st.station, st.worker)]
    if "3栋" not in names:
        residents.add_building(st.station, st.worker, "3栋")
    number = idn(seq, birth="19850617", region="320102")
    card = residents.register_resident(
        st.station,
        st.worker,
        residents.ResidentInput(name=name, id_number=number, building="3栋", unit="2", room="501"),
    )
    return card.row.id, number


def fill_residence_form(qtbot, dialog) -> None:
    """In an open residence-certificate dialog, fill what the record cannot know (the date
    moved in, the housing) and pick the first suggested purpose, as a user would."""
    from tests.helpers.desk import type_text

    type_text(qtbot, dialog.field_widget("since_date"), "2019-05-01")
    dialog.field_widget("housing").buttons()[1].click()
    dialog.purpose_buttons[0].click()
