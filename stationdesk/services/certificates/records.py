"""Certificate fields fed from the station's approved volunteer records, never from the form."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy.orm import Session

from stationdesk.domain.catalog import CertificateType, RecordFact
from stationdesk.domain.catalog.common import parse_iso_date
from stationdesk.domain.volunteering import ACTIVITY_KINDS, hours_text
from stationdesk.store.models_residents import Resident

from ..errors import InputError
from ..volunteering import approved_totals, resident_member_ids


class NoApprovedRecordsError(InputError):
    """A record-fed certificate asked for a person with no approved record in the period."""

    def __init__(self) -> None:
        super().__init__(
            "the person has no approved volunteer record in the period",
            "该居民在所选期间没有已审核的志愿服务记录，不能出具本证明。",
            field="period_start",
        )


def _bound(values: Mapping[str, str], ctype: CertificateType, fact: RecordFact) -> date | None:
    spec = ctype.record_fields().get(fact)
    raw = (values.get(spec.key) or "").strip() if spec else ""
    if not raw or spec is None:
        return None
    day = parse_iso_date(raw)
    if day is None:
        raise InputError(
            f"field {spec.key} is not a date (YYYY-MM-DD)",
            f"{spec.label_zh}应为有效日期，格式为YYYY-MM-DD",
            field=spec.key,
        )
    return day


def record_values(
    s: Session,
    ctype: CertificateType,
    r: Resident,
    given: Mapping[str, str],
    *,
    strict: bool = True,
) -> dict[str, str]:
    """The values a record-fed type takes from the approved records of the members who are this
    resident, in the period the form bounds (every record when it gives none). ``strict``
    (issuing, previewing) refuses a typed value of a computed field and a person with no
    approved record; otherwise (the blank form) such a person gets no values."""
    fields = ctype.record_fields()
    if not fields:
        return {}
    if strict:
        for fact, spec in fields.items():
            if not fact.typed and (given.get(spec.key) or "").strip():
                raise InputError(
                    f"{spec.key} is computed from the approved volunteer records, never typed",
                    f"{spec.label_zh}取自已审核的志愿服务记录，不能手工填写。",
                    field=spec.key,
                )
    start = _bound(given, ctype, RecordFact.PERIOD_START)
    end = _bound(given, ctype, RecordFact.PERIOD_END)
    if start is not None and end is not None and end < start:
        raise InputError(
            "the period ends before it starts", "服务截止日期早于起始日期。", field="period_end"
        )
    members = resident_member_ids(s, r.id, r.id_number)
    totals = approved_totals(s, members, start, end) if members else None
    if totals is None or totals.minutes <= 0:
        if strict:
            raise NoApprovedRecordsError()
        return {}
    first, last = start or totals.first_day, end or totals.last_day
    facts = {
        RecordFact.PERIOD_START: first.isoformat() if first else "",
        RecordFact.PERIOD_END: last.isoformat() if last else "",
        RecordFact.ACTIVITIES: "、".join(
            k.label for k in ACTIVITY_KINDS if totals.by_kind.get(k.code)
        )
        or "、".join(sorted(totals.by_kind)),
        RecordFact.HOURS: hours_text(totals.minutes),
    }
    out = {spec.key: facts[fact] for fact, spec in fields.items() if fact in facts}
    source = fields.get(RecordFact.SOURCE)
    if source is not None:  # the catalog lists the station's own records first
        out[source.key] = source.choices[0].value if source.choices else "本社区志愿服务签到记录"
    return out


def record_fed_keys(ctype: CertificateType) -> frozenset[str]:
    """The keys of the fields a worker never types on this type."""
    return frozenset(spec.key for fact, spec in ctype.record_fields().items() if not fact.typed)
