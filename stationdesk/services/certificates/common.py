"""Limits, errors and small lookups that every part of the certificates service shares."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.domain.catalog import PrefillSource
from stationdesk.domain.numbering import display_number, parse_number
from stationdesk.domain.open311 import CHINA_TZ
from stationdesk.store.models import StationRow
from stationdesk.store.models_certs import Certificate, RefusalNotice
from stationdesk.store.models_residents import Building, Resident

from ..errors import InputError, NotFoundError, ServiceError
from ..residents.views import live_resident
from ..settings import setting_in

STATUS_ISSUED = "issued"
STATUS_VOID = "void"
NOT_ELIGIBLE = "NOT_ELIGIBLE"
PURPOSE_MAX = 100
REASON_MAX = 200
DETAIL_MAX = 300
BODY_MAX = 300
REQUESTED_MAX = 100
ELIGIBILITY_BODY_ZH = "补齐所需材料、符合出具条件后，可再次向本社区申请"
_SEX_ZH = {"M": "男", "F": "女"}


# -- errors -------------------------------------------------------------------------------------
class NotInCatalogError(InputError):
    """The requested certificate type is not in the active catalog: refuse it with a notice."""

    def __init__(self, type_code: str, version: int) -> None:
        super().__init__(
            f"certificate type {type_code!r} is not in the active catalog (version {version}); "
            "give a refusal notice instead",
            f"“{type_code}”不在本区社区证明事项清单（第{version}版）内，不能出具；"
            "请出具《不予出具证明告知书》。",
            field="type_code",
        )
        self.type_code = type_code


class EligibilityNotMetError(InputError):
    """Some eligibility checks are not ticked; the applicant may get a refusal notice."""

    def __init__(self, type_code: str, missing: tuple[str, ...], labels_zh: tuple[str, ...]):
        super().__init__(
            f"eligibility checks not confirmed for {type_code}: {', '.join(missing)}; "
            f"if the applicant does not qualify, give a refusal notice (reason {NOT_ELIGIBLE})",
            f"以下核验项尚未确认：{'；'.join(labels_zh)}。如申请人不符合条件，"
            "请出具《不予出具证明告知书》（理由：不符合出具条件）。",
            field="checks",
        )
        self.type_code = type_code
        self.missing = missing


class IssuingBlockedError(ServiceError):
    """The station may not number anything until sync has set its sequence floor."""


# -- small helpers ------------------------------------------------------------------------------
def local_date(moment: datetime) -> date:
    """The station-local (China) calendar day of a moment."""
    return moment.astimezone(CHINA_TZ).date()


def station_row(session: Session) -> StationRow:
    """This station's one row (its code and name)."""
    return session.scalars(select(StationRow)).one()


def digest(content: Mapping[str, Any]) -> str:
    """The SHA-256 of a JSON document in its canonical form (sorted keys, no spaces)."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256(data: bytes) -> str:
    """The SHA-256 of some bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def bounded(text: str | None, limit: int, name: str, zh: str, *, required: bool) -> str:
    """A free text with its whitespace collapsed, checked for presence and length."""
    value = " ".join((text or "").split())
    if required and not value:
        raise InputError(f"the {name} is required", f"请填写{zh}。", field=name)
    if len(value) > limit:
        raise InputError(
            f"the {name} has at most {limit} characters", f"{zh}不能超过{limit}个字。", field=name
        )
    return value


def resident(session: Session, resident_id: str) -> Resident:
    """The (not deleted) resident a document is for; one without an ID number gets none."""
    r = live_resident(session, resident_id)
    if not r.id_number:
        raise InputError(
            "the resident has no document number on record",
            "该居民没有登记证件号码，不能出具证明。",
            field="resident",
        )
    return r


def _resident_address(session: Session, r: Resident) -> str:
    """The building address with the station's address prefix (the community) before it."""
    if not r.building_id:
        return ""
    building = session.get(Building, r.building_id)
    unit = f"{r.unit}单元" if r.unit else ""
    room = f"{r.room}室" if r.room else ""
    local = f"{building.name if building else ''}{unit}{room}"
    prefix = str(setting_in(session, "station_address_prefix") or "")
    return local if not local or local.startswith(prefix) else f"{prefix}{local}"


def resident_facts(session: Session, r: Resident) -> dict[str, str]:
    """The resident's attributes by PrefillSource name (full ID number: service-side only)."""
    return {
        PrefillSource.NAME.value: r.name,
        PrefillSource.SEX.value: _SEX_ZH.get(r.sex or "", ""),
        PrefillSource.ID_NUMBER.value: r.id_number or "",
        PrefillSource.ADDRESS.value: _resident_address(session, r),
        PrefillSource.BIRTH_DATE.value: r.birth_date.isoformat() if r.birth_date else "",
    }


# -- the ledger by number -----------------------------------------------------------------------
def canonical_number(number: str) -> str:
    """A typed document number (display form or canonical) in its canonical form."""
    try:
        return parse_number(number).canonical
    except ValueError:
        raise InputError(f"not a document number: {number!r}", "编号格式不正确。") from None


def document_day(row: Certificate | RefusalNotice) -> date:
    """The date a ledger row's document bears (a certificate's issue date, a notice's date)."""
    return row.issue_date if isinstance(row, Certificate) else row.notice_date


def shown_number(row: Certificate | RefusalNotice) -> str:
    """A ledger row's number as its document prints it (with the year it was issued)."""
    return display_number(row.number, document_day(row).year)


def find_certificate(session: Session, number: str) -> Certificate | None:
    """The certificate with this canonical number, if the ledger has one."""
    return session.scalars(select(Certificate).where(Certificate.number == number)).first()


def get_certificate(session: Session, number: str, typed: str) -> Certificate:
    """The certificate with the canonical ``number`` (``typed`` as the user wrote it), or raise."""
    cert = find_certificate(session, number)
    if cert is None:
        raise NotFoundError(f"no certificate {number}", f"台账中没有编号为 {typed} 的证明。")
    return cert


def replaced_by(session: Session, cert: Certificate) -> str | None:
    """The number of the certificate reissued in place of this (voided) one, if any."""
    return session.scalar(select(Certificate.number).where(Certificate.reissue_of == cert.id))
