"""Export of one-window cases in the shape of Open311 GeoReport v2 service requests.

GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) is the international anchor for case
exports (docs/domain.md). Each case becomes one service-request object with every field of the
``GET service_requests`` response present (``None`` where there is no value). Datetimes are
ISO 8601 with the China Standard Time offset, e.g. ``2025-10-09T09:30:00+08:00``.

The caller decides what goes into ``description`` and ``address``: de-identify them first
(no ID numbers or phone numbers; PIPL and GB/T 35273, see docs/domain.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Final

from stationdesk.domain.cases import STATE_LABELS_ZH, CaseState, is_open
from stationdesk.domain.station_time import STATION_TZ

#: China Standard Time: the station's zone (domain/station_time.py).
CHINA_TZ: Final = STATION_TZ

#: Every field of a GeoReport v2 service request, in the order of the specification.
GEOREPORT_V2_FIELDS: Final[tuple[str, ...]] = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)

#: GeoReport v2 ``status`` values.
STATUS_OPEN: Final = "open"
STATUS_CLOSED: Final = "closed"


@dataclass(frozen=True, slots=True)
class Open311Case:
    """The plain case data an export needs.

    * ``case_id``: the case number (unique in the district, e.g. station-prefixed).
    * ``service_code`` / ``service_name``: the matter type code and its (Chinese) name.
    * ``agency_responsible``: the department currently responsible (name), if any.
    * ``requested_at``: when the case was registered; ``updated_at``: its latest event.
    * ``expected_at``: the due date or due datetime; a date means the end of that day.
    * ``note``: the latest event's note, appended to ``status_notes``.
    * ``service_notice``: e.g. the promised time limit (承诺时限), shown as is.

    Naive datetimes are taken as China Standard Time; aware ones are converted to it.
    """

    case_id: str
    state: CaseState
    service_code: str
    service_name: str
    requested_at: datetime
    updated_at: datetime
    description: str = ""
    agency_responsible: str | None = None
    expected_at: datetime | date | None = None
    address: str | None = None
    note: str | None = None
    service_notice: str | None = None
    address_id: str | None = None
    zipcode: str | None = None
    lat: float | None = None
    long: float | None = None
    media_url: str | None = None


def format_datetime(value: datetime | date) -> str:
    """Format as ISO 8601 with the +08:00 offset, to the second.

    A naive datetime is taken as China Standard Time; a bare date means the end of that day
    (23:59:59), since a case is due until the end of its due date.
    """
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(23, 59, 59))
    value = value.replace(tzinfo=CHINA_TZ) if value.tzinfo is None else value.astimezone(CHINA_TZ)
    return value.isoformat(timespec="seconds")


def status_of(state: CaseState) -> str:
    """GeoReport ``status``: ``closed`` for CLOSED and NOT_ACCEPTED, ``open`` otherwise."""
    return STATUS_OPEN if is_open(state) else STATUS_CLOSED


def status_notes(state: CaseState, note: str | None = None) -> str:
    """The detailed state: its code and Chinese label, then the latest note if any."""
    text = f"{state.value} {STATE_LABELS_ZH[state]}"
    if note and note.strip():
        text = f"{text}: {note.strip()}"
    return text


def to_service_request(case: Open311Case) -> dict[str, str | float | None]:
    """Map one case to a GeoReport v2 service-request dict with every field present."""
    state = CaseState(case.state)
    request: dict[str, str | float | None] = {
        "service_request_id": case.case_id,
        "status": status_of(state),
        "status_notes": status_notes(state, case.note),
        "service_name": case.service_name,
        "service_code": case.service_code,
        "description": case.description,
        "agency_responsible": case.agency_responsible,
        "service_notice": case.service_notice,
        "requested_datetime": format_datetime(case.requested_at),
        "updated_datetime": format_datetime(case.updated_at),
        "expected_datetime": (
            format_datetime(case.expected_at) if case.expected_at is not None else None
        ),
        "address": case.address,
        "address_id": case.address_id,
        "zipcode": case.zipcode,
        "lat": float(case.lat) if case.lat is not None else None,
        "long": float(case.long) if case.long is not None else None,
        "media_url": case.media_url,
    }
    return request


def to_service_requests(cases: Iterable[Open311Case]) -> list[dict[str, str | float | None]]:
    """Map several cases (the GeoReport ``GET service_requests`` response body)."""
    return [to_service_request(case) for case in cases]
