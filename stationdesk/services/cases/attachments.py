"""Scans and photos kept with a case: checked, size-limited, stored in the encrypted database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from stationdesk.domain.cases import (
    CaseState,
)
from stationdesk.domain.ids import new_id
from stationdesk.domain.roles import Permission
from stationdesk.store.models_cases import CaseAttachment

from ..actor import Actor, require
from ..errors import InputError, NotFoundError
from ..files import MAX_FILE_BYTES, MAX_FILE_NAME, Refusal, checked_file, read_file
from ..station import Station
from ..uow import unit_of_work
from .detail import _acting_on, _attachment_info, worker_names
from .transitions import _add_event, _push_op
from .types import EVENT_ATTACH, AttachmentData, AttachmentInfo

MAX_ATTACHMENT_BYTES = MAX_FILE_BYTES
MAX_CASE_ATTACHMENT_BYTES = 50 * 1024 * 1024
MAX_ATTACHMENT_NAME = MAX_FILE_NAME
ALLOWED_MIME = frozenset(
    {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/bmp",
        "image/tiff",
        "application/pdf",
    }
)
_REFUSAL = Refusal(
    "only scans and photos (PDF or images) can be attached",
    "只能添加扫描件或照片（PDF 或图片）。",
    "attachment",
)


def add_attachment(
    station: Station,
    actor: Actor,
    case_ref: str,
    name: str,
    data: bytes,
    mime: str | None = None,
) -> AttachmentInfo:
    """Keep a scan or photo with a case (in the encrypted database); size-limited."""
    require(actor, Permission.HANDLE_MATTERS)
    checked = checked_file(name, data, mime, ALLOWED_MIME, _REFUSAL)
    with _acting_on(station, actor, case_ref) as (uow, case):
        used = int(
            uow.session.scalar(
                select(func.coalesce(func.sum(CaseAttachment.size), 0)).where(
                    CaseAttachment.case_id == case.id
                )
            )
            or 0
        )
        if used + len(data) > MAX_CASE_ATTACHMENT_BYTES:
            raise InputError(
                "this case's attachments would exceed "
                f"{MAX_CASE_ATTACHMENT_BYTES // (1024 * 1024)} MB",
                f"每个事项的附件合计不能超过 {MAX_CASE_ATTACHMENT_BYTES // (1024 * 1024)} MB。",
                field="attachment",
            )
        att = CaseAttachment(
            id=new_id(),
            case_id=case.id,
            name=checked.name,
            mime=checked.mime,
            size=checked.size,
            sha256=checked.sha256,
            data=data,
            added_at=uow.now,
            added_by=actor.worker_id,
        )
        uow.session.add(att)
        state = CaseState(case.state)
        event = _add_event(uow, case, EVENT_ATTACH, state, state, note=checked.name)
        _push_op(
            uow,
            case,
            "attach",
            event,
            {"number": case.number, "attachment": att.id, "size": att.size},
            {
                "attachment_id": att.id,
                "name": att.name,
                "mime": att.mime,
                "size": att.size,
                "sha256": att.sha256,
            },
        )
        return _attachment_info(att, worker_names(uow.session))


def add_attachment_file(
    station: Station, actor: Actor, case_ref: str, path: Path
) -> AttachmentInfo:
    """:func:`add_attachment` from a file the worker picked; too large files are not read."""
    data = read_file(path, "attachment")
    return add_attachment(station, actor, case_ref, path.name, data)


def attachment_data(station: Station, actor: Actor, attachment_id: str) -> AttachmentData:
    """An attachment's bytes, for showing or saving; opening one is audited (scans hold IDs)."""
    require(actor, Permission.HANDLE_MATTERS)
    with unit_of_work(station, actor) as uow:
        att = uow.session.get(CaseAttachment, attachment_id)
        if att is None:
            raise NotFoundError("no such attachment", "没有找到该附件。")
        uow.audit("case_attachment.open", "case_attachment", att.id, {"case": att.case_id})
        return AttachmentData(_attachment_info(att, worker_names(uow.session)), bytes(att.data))
