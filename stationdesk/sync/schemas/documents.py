"""The ops of one-window cases, certificates and refusal notices, kind by kind."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import Field, StrictBool, StrictInt, StrictStr

from stationdesk.domain.cases import CaseAction, CaseState, Channel, SatisfactionGrade

from .base import AnyTime, Day, Entity, Sha256, State, one_of

_EVENT_ACTIONS = (*(a.value for a in CaseAction), "open", "rate", "attach", "answer")
Action = Annotated[StrictStr, one_of(*_EVENT_ACTIONS)]
StateName = Annotated[StrictStr, one_of(*(s.value for s in CaseState))]
Id = Annotated[StrictStr, Field(max_length=36)]
Row = dict[str, Any]
"""A station table row as JSON (``services.row_json``): checked as an object, kept as is."""


class CaseEventFields(State):
    """A case event as the station records it (``services.cases.transitions``)."""

    filled: ClassVar[tuple[str, ...]] = ("event_id",)
    event_id: Id | None = None
    seq: StrictInt | None = Field(default=None, ge=0)
    at: AnyTime | None = None
    action: Action | None = None
    from_: StateName | None = Field(default=None, alias="from")
    to: StateName | None = None
    note: StrictStr | None = Field(default=None, max_length=4000)
    department: StrictStr | None = Field(default=None, max_length=64)
    rating: Annotated[StrictStr, one_of(*(g.value for g in SatisfactionGrade))] | None = None
    manual: StrictBool | None = None


class _CaseOp(CaseEventFields):
    """What every case op carries: the case number, the case row after it and its event."""

    number: StrictStr | None = Field(default=None, max_length=32)
    case_row: Row | None = None
    event_row: Row | None = None


class CaseOpened(_CaseOp):
    """``create``: the case file as registered, with its opening event."""

    filled = ("number", "type_code", "summary")
    number: StrictStr = Field(max_length=32)
    type_code: StrictStr | None = Field(default=None, max_length=64)
    time_limit_days: StrictInt | None = Field(default=None, ge=0, le=3650)
    channel: Annotated[StrictStr, one_of(*(c.value for c in Channel))] | None = None
    summary: StrictStr | None = Field(default=None, max_length=200)
    description: StrictStr | None = Field(default=None, max_length=4000)
    address: StrictStr | None = Field(default=None, max_length=200)
    grid: StrictStr | None = Field(default=None, max_length=32)
    resident_id: Id | None = None
    reporter_name: StrictStr | None = Field(default=None, max_length=50)
    reporter_phone: StrictStr | None = Field(default=None, max_length=32)
    owner_id: Id | None = None
    state: StateName | None = None
    received_at: AnyTime | None = None
    due_date: Day | None = None
    event: CaseEventFields | None = None


class CaseActed(_CaseOp):
    """``act``: one action moved the case (a referral names its department)."""

    action: Action
    due_date: Day | None = None
    answer_id: Id | None = None


class CaseAttached(_CaseOp):
    """``attach``: a file added to the case (its bytes travel as an attachment)."""

    attachment_id: Id | None = None
    attachment: Id | None = None
    name: StrictStr | None = Field(default=None, max_length=120)
    mime: StrictStr | None = Field(default=None, max_length=80)
    size: StrictInt | None = Field(default=None, ge=0)
    sha256: Sha256 | None = None


class CaseRated(_CaseOp):
    """``rate``: the resident's satisfaction with the case."""


class CaseAnswerKept(_CaseOp):
    """``answer``: a department's answer kept in the timeline (the state does not move)."""


class DocumentIssued(State):
    """``issue``: a certificate or refusal notice numbered at its station, with its ledger
    row and the digest of its PDF (stations of old sent the number and sequence only)."""

    filled = ("number",)
    number: StrictStr = Field(max_length=32)
    sequence: StrictInt | None = Field(default=None, ge=1, le=2**31 - 1)
    station_code: StrictStr | None = Field(default=None, max_length=16)
    ledger_row: Row | None = None
    pdf_sha256: Sha256 | None = None


class CertificateVoided(State):
    """``void``: a certificate voided with its reason and approver."""

    filled = ("number", "reason")
    number: StrictStr = Field(max_length=32)
    reason: StrictStr = Field(max_length=200)
    approver_id: Id | None = None
    voided_at: AnyTime | None = None
    ledger_row: Row | None = None


class LedgerFilled(State):
    """``ledger``: the ledger row and PDF digest of a document pushed before issue ops had
    them (whether the row is the document's own, the district checks against its record)."""

    ledger_row: Row
    pdf_sha256: Sha256


_DOCUMENT: dict[str, type[State]] = {
    "issue": DocumentIssued,
    "create": DocumentIssued,
    "ledger": LedgerFilled,
}

DOCUMENT_MODELS: dict[Entity, dict[str, type[State]]] = {
    Entity.CASE: {
        "create": CaseOpened,
        "act": CaseActed,
        "attach": CaseAttached,
        "rate": CaseRated,
        "answer": CaseAnswerKept,
    },
    Entity.CERTIFICATE: {**_DOCUMENT, "void": CertificateVoided},
    Entity.REFUSAL_NOTICE: dict(_DOCUMENT),
}
"""Each kind of op of these entities, and the model of its payload."""
