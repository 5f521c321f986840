"""A certificate issued offline at a station, and requests to the district's /verify pages."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from stationdesk.services import certificates, residents
from stationdesk.store.models_certs import Certificate
from tests.district.harness import ServerProcess
from tests.helpers.certificates import residence
from tests.helpers.ids import idn

HOLDER = "欧阳娜娜"
JSON = {"Accept": "application/json"}


def issue(st, name: str = HOLDER, seq: int = 31):  # type: ignore[no-untyped-def]
    """Register a resident and issue a residence certificate, all offline at the station."""
    names = [b.name for b in residents.list_buildings(st.station, st.head)]
    if "5栋" not in names:
        residents.add_building(st.station, st.head, "5栋")
    card = residents.register_resident(
        st.station,
        st.head,
        residents.ResidentInput(name=name, id_number=idn(seq), building="5栋", room="101"),
    )
    issued = certificates.issue_certificate(st.station, st.head, residence(card.row.id))
    with st.station.db.read_session() as s:
        payload = s.scalars(select(Certificate.payload).where(Certificate.id == issued.id)).one()
    return issued, payload


def get(server: ServerProcess, path: str, **kw) -> httpx.Response:  # type: ignore[no-untyped-def]
    return httpx.get(server.url + path, timeout=30, **kw)
