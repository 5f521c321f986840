"""Certificate fields fed from the approved volunteer records and the 双报到 roster, never typed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.catalog import CertificateType, RecordFact
from stationdesk.domain.catalog.common import parse_iso_date
from stationdesk.domain.volunteering import ACTIVITY_KINDS, hours_text, kind_label
from stationdesk.store.models_residents import Resident
from stationdesk.store.models_volunteer import VolunteerMember, VolunteerUnit

from ..errors import InputError
from ..volunteering import (
    ApprovedTotals,
    ServiceRecord,
    approved_records,
    approved_totals,
    resident_member_ids,
)


class NotOnRosterError(InputError):
    """A 双报到 certificate asked for a person who is not on the in-service members' roster."""

    def __init__(self) -> None:
        super().__init__(
            "the person is not on the roster of in-service Party members",
            "该居民不在在职党员“双报到”名册中，不能出具本证明。",
        )


class NoApprovedRecordsError(InputError):
    """A record-fed certificate asked for a person with no approved record in the period."""

    def __init__(self) -> None:
        super().__init__(
            "the person has no approved volunteer record in the period",
            "该居民在所选期间没有已审核的志愿服务记录，不能出具本证明。",
            field="period_start",
        )


_PARTY_FACTS = frozenset(
    {
        RecordFact.PARTY_EMPLOYER,
        RecordFact.PARTY_BRANCH,
        RecordFact.PARTY_REPORT_DATE,
    }
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
    resident, in the period the form bounds (every record when it gives none), and from their
    roster entry. ``strict`` (issuing, previewing) refuses a typed value of a computed field, a
    person not on the roster and one with no approved record; otherwise (the blank form) such a
    person gets no values."""
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
    if not members and fields.keys() & _PARTY_FACTS:
        if strict:
            raise NotOnRosterError()
        return {}
    totals = approved_totals(s, members, start, end) if members else None
    if totals is None or totals.minutes <= 0:
        if strict:
            raise NoApprovedRecordsError()
        return {}
    facts = _volunteer_facts(totals, start, end)
    if RecordFact.RECORDS in fields or RecordFact.PARTY_SERVICES in fields:
        records = approved_records(s, members, start, end)
        facts[RecordFact.RECORDS] = record_lines(records)
        facts[RecordFact.PARTY_SERVICES] = _services_text(records)
        facts[RecordFact.PARTY_SERVICE_COUNT] = str(len(records))
    if fields.keys() & _PARTY_FACTS:
        facts.update(_party_facts(s, members))
    out = {spec.key: facts[fact] for fact, spec in fields.items() if fact in facts}
    source = fields.get(RecordFact.SOURCE)
    if source is not None:  # the catalog lists the station's own records first
        out[source.key] = source.choices[0].value if source.choices else "本社区志愿服务签到记录"
    listed = fields.get(RecordFact.RECORDS)
    too_long = listed is not None and len(out[listed.key]) > (listed.max_length or 10_000)
    if strict and too_long:
        raise InputError(
            "too many records for one certificate; give a shorter period",
            "服务记录过多，一份证明列不下，请缩短服务期间后分次出具。",
            field="period_start",
        )
    return out


def _volunteer_facts(
    totals: ApprovedTotals, start: date | None, end: date | None
) -> dict[RecordFact, str]:
    first, last = start or totals.first_day, end or totals.last_day
    return {
        RecordFact.PERIOD_START: first.isoformat() if first else "",
        RecordFact.PERIOD_END: last.isoformat() if last else "",
        RecordFact.ACTIVITIES: "、".join(
            k.label for k in ACTIVITY_KINDS if totals.by_kind.get(k.code)
        )
        or "、".join(sorted(totals.by_kind)),
        RecordFact.HOURS: hours_text(totals.minutes),
    }


def record_lines(records: Iterable[ServiceRecord]) -> str:
    """The record list as printed in the annex: date, kind, title and hours, one a line."""
    return "\n".join(
        f"{r.day.isoformat()}　{r.kind_zh}　{r.title}　{hours_text(r.minutes)}小时" for r in records
    )


def _services_text(records: list[ServiceRecord]) -> str:
    """How often the person served, by kind in the listed order: 政策宣讲2次、助老助残1次."""
    counts = Counter(r.kind for r in records)
    listed = [k for k in ACTIVITY_KINDS if counts.get(k.code)]
    others = sorted(set(counts) - {k.code for k in listed})
    return "、".join(
        [f"{k.label}{counts[k.code]}次" for k in listed]
        + [f"{kind_label(code)}{counts[code]}次" for code in others]
    )


def _party_facts(s: Session, member_ids: list[str]) -> dict[RecordFact, str]:
    """The roster facts of the person's earliest report (employer, Party organisation, date)."""
    m = s.scalars(
        select(VolunteerMember)
        .where(VolunteerMember.id.in_(member_ids))
        .order_by(VolunteerMember.report_date, VolunteerMember.id)
        .limit(1)
    ).one()
    unit = s.get(VolunteerUnit, m.unit_id) if m.unit_id else None
    return {
        RecordFact.PARTY_EMPLOYER: unit.name if unit else "",
        RecordFact.PARTY_BRANCH: m.branch or (unit.party_org if unit and unit.party_org else ""),
        RecordFact.PARTY_REPORT_DATE: m.report_date.isoformat(),
    }


def record_fed_keys(ctype: CertificateType) -> frozenset[str]:
    """The keys of the fields a worker never types on this type."""
    return frozenset(spec.key for fact, spec in ctype.record_fields().items() if not fact.typed)
